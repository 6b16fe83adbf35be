package puzzles

import (
	"context"
	"math/rand/v2"
	"testing"
)

// exFutoshikiCount counts solutions (up to limit) by plain backtracking in
// row-major order.
func exFutoshikiCount(in Futoshiki, limit int) int {
	n := in.Size
	g := exCloneMatrix(in.Grid)
	for r := range g {
		for c := range g[r] {
			g[r][c] = 0
		}
	}
	count := 0
	var rec func(k int)
	rec = func(k int) {
		if count >= limit {
			return
		}
		if k == n*n {
			count++
			return
		}
		r, c := k/n, k%n
		for v := 1; v <= n; v++ {
			if gv := in.Grid[r][c]; gv > 0 && gv != v {
				continue
			}
			ok := true
			for i := range n {
				if (i < c && g[r][i] == v) || (i < r && g[i][c] == v) {
					ok = false
				}
			}
			g[r][c] = v
			for _, q := range in.Inequalities {
				s, l := g[q.Smaller[0]-1][q.Smaller[1]-1], g[q.Larger[0]-1][q.Larger[1]-1]
				if s > 0 && l > 0 && s >= l {
					ok = false
				}
			}
			if ok {
				rec(k + 1)
			}
			g[r][c] = 0
		}
	}
	rec(0)
	return count
}

func TestFutoshikiOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	unsat := 0
	for i := range 40 {
		in, _ := generateFutoshiki(rng, Easy+i%2)
		if i%3 == 0 {
			// Loosen or break the instance: drop clues, or add a random one.
			in.Inequalities = in.Inequalities[:len(in.Inequalities)/2]
			r, c := rng.IntN(in.Size), rng.IntN(in.Size)
			in.Grid[r][c] = 1 + rng.IntN(in.Size)
		}
		want := exFutoshikiCount(in, 12)
		sols, err := futoshikiSolve(context.Background(), in, 12)
		if err != nil || len(sols) != want {
			t.Fatalf("case %d: %d solutions, oracle %d (%v)", i, len(sols), want, err)
		}
		if got := len(futoshikiFind(in, 12)); got != want {
			t.Fatalf("case %d: generator's search finds %d solutions, oracle %d", i, got, want)
		}
		for _, s := range sols {
			if v := verifyFutoshiki(in, exFormatMatrix(s)); !v.OK {
				t.Fatalf("case %d: solution rejected: %s", i, v.Reason)
			}
		}
		if want == 0 {
			unsat++
		}
	}
	if unsat == 0 {
		t.Log("no unsatisfiable case in this sample")
	}
}

func TestFutoshikiUnique(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for i := range 30 {
		level := Easy + i%3
		in, _ := generateFutoshiki(rng, level)
		var got int
		if level < Hard {
			got = exFutoshikiCount(in, 2)
		} else { // the plain oracle is slow on 6×6: ask the CSP solver
			sols, err := futoshikiSolve(context.Background(), in, 2)
			if err != nil {
				t.Fatal(err)
			}
			got = len(sols)
		}
		if got != 1 {
			t.Fatalf("instance %d has %d solutions", i, got)
		}
	}
}

func TestFutoshikiVerify(t *testing.T) {
	// (2,1) < (1,1) < (1,2) forces row 1 to start 2 3, so (1,3) = 1, which
	// clashes with the given 1 at (3,3): no solution.
	in := Futoshiki{Size: 3, Grid: [][]int{{0, 0, 0}, {0, 0, 0}, {0, 0, 1}},
		Inequalities: []Inequality{{Smaller: [2]int{1, 1}, Larger: [2]int{1, 2}}, {Smaller: [2]int{2, 1}, Larger: [2]int{1, 1}}}}
	sol, _ := futoshikiSpec().Solve(context.Background(), in)
	if !sol.Unsat {
		t.Fatalf("got %q, want no solution", sol.Answer)
	}
	if v := verifyFutoshiki(in, "No solution"); !v.OK {
		t.Fatal(v.Reason)
	}
	// Without the given: 2 3 1 / 1 2 3 / 3 1 2 works.
	in.Grid[2][2] = 0
	good := "2 3 1\n1 2 3\n3 1 2"
	for _, a := range []string{good, "[[2,3,1],[1,2,3],[3,1,2]]", "Row 1: 2 3 1\nRow 2: 1 2 3\nRow 3: 3 1 2"} {
		if v := verifyFutoshiki(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"1 2 3\n3 1 2\n2 3 1", "2 3 1\n1 1 3\n3 1 2", "2 3 1\n1 2 3", "2 3 1\n1 2 3\n3 1 4", "no solution"} {
		if v := verifyFutoshiki(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestFutoshikiContract(t *testing.T) {
	exCheck(t, futoshikiSpec(), 40, func(rng *rand.Rand, in Futoshiki, ans string) []string {
		return exMutateInts(rng, ans, 1)
	})
}
