package puzzles

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// exZebraCount counts the arrangements satisfying every clue by trying
// every permutation of every attribute.
func exZebraCount(in Zebra) int {
	n := in.Houses
	var perms [][]int
	var gen func(p []int, used int)
	gen = func(p []int, used int) {
		if len(p) == n {
			perms = append(perms, append([]int(nil), p...))
			return
		}
		for h := 1; h <= n; h++ {
			if used&(1<<h) == 0 {
				gen(append(p, h), used|1<<h)
			}
		}
	}
	gen(nil, 0)
	house := map[string]int{}
	count := 0
	var rec func(k int)
	rec = func(k int) {
		if k == len(in.Attributes) {
			for _, c := range in.Clues {
				if !zebraHolds(c, func(v string) int { return house[v] }) {
					return
				}
			}
			count++
			return
		}
		for _, p := range perms {
			for j, v := range in.Attributes[k].Values {
				house[v] = p[j]
			}
			rec(k + 1)
		}
	}
	rec(0)
	return count
}

func TestZebraOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(35, 36))
	for i := range 40 {
		in, _ := generateZebra(rng, Easy+i%2)
		if got := exZebraCount(in); got != 1 {
			t.Fatalf("instance %d: %d arrangements, want exactly 1", i, got)
		}
		// Without its last clue the puzzle is ambiguous (clues were pruned),
		// and the solver must agree with the oracle on the count.
		loose := in
		loose.Clues = in.Clues[:len(in.Clues)-1]
		want := exZebraCount(loose)
		sols, err := zebraSolve(context.Background(), loose, 1000)
		if err != nil || len(sols) != want {
			t.Fatalf("instance %d without its last clue: %d solutions, oracle %d (%v)", i, len(sols), want, err)
		}
		if got := len(zebraFind(loose, 1000)); got != want {
			t.Fatalf("instance %d: the generator's search finds %d solutions, oracle %d", i, got, want)
		}
		if want < 2 {
			t.Fatalf("instance %d: clue %d is redundant", i, len(in.Clues))
		}
		for _, s := range sols {
			if v := verifyZebra(loose, zebraFormat(loose, s)); !v.OK {
				t.Fatalf("instance %d: %s", i, v.Reason)
			}
		}
	}
}

func TestZebraVerify(t *testing.T) {
	in := Zebra{Houses: 2,
		Attributes: []ZebraAttribute{{"colour", []string{"red", "blue"}}, {"pet", []string{"dog", "cat"}}},
		Clues: []ZebraClue{
			{Kind: "left_of", Attr1: "colour", Value1: "red", Attr2: "pet", Value2: "cat"},
			{Kind: "same", Attr1: "pet", Value1: "dog", Attr2: "colour", Value2: "red"},
		}}
	for _, a := range []string{"House 1: colour=red, pet=dog\nHouse 2: colour=blue, pet=cat", "red dog\nblue cat",
		"House 2: blue, cat; House 1: red, dog", `[{"house": 1, "colour": "red", "pet": "dog"}, {"house": 2, "colour": "blue", "pet": "cat"}]`} {
		if v := verifyZebra(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"House 1: colour=blue, pet=dog\nHouse 2: colour=red, pet=cat", "House 1: red, dog", "red dog blue cat",
		"House 1: red, dog, blue\nHouse 2: blue, cat", "House 3: red", "no solution"} {
		if v := verifyZebra(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
	in.Clues = append(in.Clues, ZebraClue{Kind: "position", Attr1: "pet", Value1: "cat", House: 1})
	sol, _ := zebraSpec().Solve(context.Background(), in)
	if !sol.Unsat || !verifyZebra(in, "No solution.").OK {
		t.Fatalf("contradictory clues: got %q", sol.Answer)
	}
}

func TestZebraContract(t *testing.T) {
	exCheck(t, zebraSpec(), 40, func(rng *rand.Rand, in Zebra, ans string) []string {
		lines := strings.Split(ans, "\n")
		// Swap the values of one attribute between two houses.
		a := in.Attributes[rng.IntN(len(in.Attributes))]
		sol, _ := zebraRead(in, ans)
		var x, y string
		for _, v := range a.Values {
			if sol[v] == 1 {
				x = v
			} else if sol[v] == 2 {
				y = v
			}
		}
		lines[0] = strings.Replace(lines[0], "="+x, "="+y, 1)
		lines[1] = strings.Replace(lines[1], "="+y, "="+x, 1)
		return []string{strings.Join(lines, "\n"), strings.Join(lines[1:], "\n")}
	})
}
