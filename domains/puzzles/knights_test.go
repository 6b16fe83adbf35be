package puzzles

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestKnightsKnavesClassic(t *testing.T) {
	// Alice: "Bob is a knave."  Bob: "Alice and Carol are the same kind."
	// Carol: "Exactly 1 of Alice, Bob and Carol are knights."
	// Only Alice knight, Bob and Carol knaves... check by hand:
	// A knight → B knave → B's claim false → A, C differ → C knave →
	// C's claim false: knights among A,B,C = 1 → claim true: contradiction.
	// A knave → B knight → A, C same → C knave → knights = 1 (B) → C's
	// claim true but C is a knave: contradiction. So no solution.
	in := KnightsKnaves{
		People: []string{"Alice", "Bob", "Carol"},
		Statements: []KKStatement{
			{Speaker: "Alice", Kind: "is", Persons: []string{"Bob"}, Roles: []string{"knave"}},
			{Speaker: "Bob", Kind: "same", Persons: []string{"Alice", "Carol"}},
			{Speaker: "Carol", Kind: "exactly", Persons: []string{"Alice", "Bob", "Carol"}, Count: 1},
		},
	}
	sol, _ := knightsSpec().Solve(context.Background(), in)
	if !sol.Unsat {
		t.Fatalf("got %q, want no solution", sol.Answer)
	}
	if v := verifyKnights(in, "No solution."); !v.OK {
		t.Fatal(v.Reason)
	}
	// Change Carol's count to 2: A knave → B knight → C knave (same as A)
	// → knights = 1, Carol's claim false, fine for a knave; A knight → B
	// knave → C knave → knights = 1, same. Two solutions.
	in.Statements[2].Count = 2
	sols := kkSolutions(in, 10)
	if len(sols) != 2 {
		t.Fatalf("got %d solutions, want 2", len(sols))
	}
	for _, a := range []string{"Alice: knave, Bob: knight, Carol: knave", "Alice is a knight, Bob is a knave, Carol is a knave",
		`{"Alice": "knight", "Bob": "knave", "Carol": "knave"}`, "alice - knight; bob - knave; carol - knave"} {
		if v := verifyKnights(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"Alice: knight, Bob: knight, Carol: knight", "Alice: knight, Bob: knave", "no solution",
		"Alice: knight, Alice: knave, Bob: knave, Carol: knave"} {
		if v := verifyKnights(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

// TestKnightsKnavesOracle compares with closures written from the English
// meaning of each kind, over every assignment.
func TestKnightsKnavesOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for i := range 200 {
		in, _ := generateKnights(rng, Easy+i%3)
		if i%4 == 3 { // some random extra claims, making some instances unsatisfiable
			in.Statements = append(in.Statements, kkRandomStatement(rng, in.People, rng.IntN(len(in.People))))
		}
		pos := map[string]int{}
		for k, p := range in.People {
			pos[p] = k
		}
		var want []uint32
		for mask := range uint32(1 << len(in.People)) {
			knight := make([]bool, len(in.People))
			for k := range knight {
				knight[k] = mask&(1<<k) != 0
			}
			ok := true
			for _, s := range in.Statements {
				says := false
				claim := func(j int) bool { return knight[pos[s.Persons[j]]] == (s.Roles[j] == "knight") }
				switch s.Kind {
				case "is":
					says = claim(0)
				case "and":
					says = claim(0) && claim(1)
				case "or":
					says = claim(0) || claim(1)
				case "same", "different":
					says = (knight[pos[s.Persons[0]]] == knight[pos[s.Persons[1]]]) == (s.Kind == "same")
				case "exactly":
					c := 0
					for _, p := range s.Persons {
						if knight[pos[p]] {
							c++
						}
					}
					says = c == s.Count
				}
				if says != knight[pos[s.Speaker]] {
					ok = false
				}
			}
			if ok {
				want = append(want, mask)
			}
		}
		if got := kkSolutions(in, 1<<20); !slices.Equal(got, want) {
			t.Fatalf("instance %d: %v, oracle %v", i, got, want)
		}
		for _, m := range want {
			if v := verifyKnights(in, kkFormat(in.People, m)); !v.OK {
				t.Fatalf("instance %d: valid answer rejected: %s", i, v.Reason)
			}
		}
	}
}

func TestKnightsKnavesUnique(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	unique := 0
	for i := range 300 {
		in, _ := generateKnights(rng, Easy+i%3)
		if len(kkSolutions(in, 2)) == 1 {
			unique++
		}
	}
	t.Logf("%d of 300 generated instances have a unique answer", unique)
	if unique < 240 {
		t.Fatalf("only %d of 300 instances are unique", unique)
	}
}

func TestKnightsKnavesContract(t *testing.T) {
	exCheck(t, knightsSpec(), 60, func(rng *rand.Rand, in KnightsKnaves, ans string) []string {
		sols := kkSolutions(in, 1)
		var wrong []string
		for k := range in.People {
			flipped := sols[0] ^ 1<<k
			if ok, _ := kkConsistent(in, kkIndex(in.People), flipped); !ok {
				wrong = append(wrong, kkFormat(in.People, flipped))
			}
		}
		return wrong
	})
}
