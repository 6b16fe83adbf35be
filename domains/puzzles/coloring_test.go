package puzzles

import (
	"context"
	"math/rand/v2"
	"testing"
)

// exColorable decides k-colourability by trying every assignment.
func exColorable(in GraphColoring) bool {
	col := make([]int, in.Vertices)
	var try func(v int) bool
	try = func(v int) bool {
		if v == in.Vertices {
			for _, e := range in.Edges {
				if col[e[0]-1] == col[e[1]-1] {
					return false
				}
			}
			return true
		}
		for c := 1; c <= in.Colors; c++ {
			col[v] = c
			if try(v + 1) {
				return true
			}
		}
		return false
	}
	return try(0)
}

func TestGraphColoringOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	unsat := 0
	for i := range 300 {
		// Random graphs, not planted: some have no colouring.
		in := GraphColoring{Vertices: exBetween(rng, 2, 8), Colors: exBetween(rng, 2, 3)}
		for u := 1; u <= in.Vertices; u++ {
			for v := u + 1; v <= in.Vertices; v++ {
				if rng.IntN(2) == 0 {
					in.Edges = append(in.Edges, [2]int{u, v})
				}
			}
		}
		sol, err := coloringSpec().Solve(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if want := exColorable(in); sol.Unsat == want {
			t.Fatalf("case %d: unsat=%v, oracle colourable=%v (%+v)", i, sol.Unsat, want, in)
		}
		if v := verifyColoring(in, sol.Answer); !v.OK {
			t.Fatalf("case %d: %q rejected: %s", i, sol.Answer, v.Reason)
		}
		if sol.Unsat {
			unsat++
			if v := verifyColoring(in, "1=1"); v.OK {
				t.Fatal("partial colouring accepted")
			}
		} else if v := verifyColoring(in, "impossible"); v.OK {
			t.Fatalf("case %d: false no-solution claim accepted", i)
		}
	}
	if unsat == 0 {
		t.Fatal("no unsatisfiable case tried")
	}
}

func TestGraphColoringVerify(t *testing.T) {
	in := GraphColoring{Vertices: 3, Edges: [][2]int{{1, 2}, {2, 3}}, Colors: 2}
	for _, a := range []string{"1=1, 2=2, 3=1", "1: 2\n2: 1\n3: 2", "[1, 2, 1]", "3=1 1=1 2=2"} {
		if v := verifyColoring(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"1=1, 2=1, 3=2", "1=1, 2=2", "1=1, 2=2, 3=3", "1=1, 1=2, 2=2, 3=1", "[1, 2]"} {
		if v := verifyColoring(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestGraphColoringContract(t *testing.T) {
	exCheck(t, coloringSpec(), 60, func(rng *rand.Rand, in GraphColoring, ans string) []string {
		e := in.Edges[rng.IntN(len(in.Edges))]
		col, _ := coloringRead(in.Vertices, ans)
		col[e[1]-1] = col[e[0]-1]
		return []string{coloringFormat(col)}
	})
}
