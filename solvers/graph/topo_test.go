package graph

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func TestTopoSort(t *testing.T) {
	acyclic, cyclic := 0, 0
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 29))
		n := 2 + rng.IntN(12)
		g := New(true)
		for i := range n {
			g.AddNode(name(i))
		}
		// Mostly forward edges (a DAG) plus, half the time, a few random ones.
		for range rng.IntN(3 * n) {
			u, v := rng.IntN(n), rng.IntN(n)
			if u < v {
				g.AddEdge(name(u), name(v), 1)
			}
		}
		if seed%2 == 1 {
			for range 1 + rng.IntN(3) {
				g.AddEdge(name(rng.IntN(n)), name(rng.IntN(n)), 1)
			}
		}
		res, err := g.TopoSort()
		if err != nil {
			t.Fatal(err)
		}
		if res.Acyclic {
			acyclic++
			if len(res.Order) != n {
				t.Fatalf("seed %d: order %v misses nodes", seed, res.Order)
			}
			at := map[string]int{}
			for i, v := range res.Order {
				if _, dup := at[v]; dup {
					t.Fatalf("seed %d: %s twice in %v", seed, v, res.Order)
				}
				at[v] = i
			}
			for _, e := range g.Edges() {
				if at[e.From] >= at[e.To] {
					t.Fatalf("seed %d: edge %s->%s goes backwards in %v", seed, e.From, e.To, res.Order)
				}
			}
			continue
		}
		cyclic++
		if len(res.Cycle) == 0 || res.Order != nil {
			t.Fatalf("seed %d: %+v", seed, res)
		}
		seen := map[string]bool{}
		for _, v := range res.Cycle {
			if seen[v] {
				t.Fatalf("seed %d: cycle %v repeats %s", seed, res.Cycle, v)
			}
			seen[v] = true
		}
		checkWalk(t, g, res.Cycle, true)
	}
	if acyclic < 50 || cyclic < 30 {
		t.Fatalf("too few of a kind: %d acyclic, %d cyclic", acyclic, cyclic)
	}
}

func TestTopoSortCases(t *testing.T) {
	cases := []struct {
		name  string
		edges [][2]string
		cycle int // expected cycle length, 0 when acyclic
	}{
		{"chain", [][2]string{{"a", "b"}, {"b", "c"}}, 0},
		{"self-loop", [][2]string{{"a", "b"}, {"b", "b"}}, 1},
		{"two-cycle", [][2]string{{"a", "b"}, {"b", "a"}}, 2},
		{"triangle", [][2]string{{"x", "a"}, {"a", "b"}, {"b", "c"}, {"c", "a"}}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := New(true)
			for _, e := range tc.edges {
				g.AddEdge(e[0], e[1], 1)
			}
			res, err := g.TopoSort()
			if err != nil {
				t.Fatal(err)
			}
			if res.Acyclic != (tc.cycle == 0) || len(res.Cycle) != tc.cycle {
				t.Fatalf("got %+v", res)
			}
		})
	}
	if _, err := New(false).TopoSort(); !errors.Is(err, ErrUndirected) {
		t.Fatalf("undirected: %v", err)
	}
}
