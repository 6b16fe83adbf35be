package graph

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// checkFlow verifies a flow is feasible (capacities, conservation), that
// its value equals the capacity of the reported cut, and that the cut
// separates source from sink: together a proof that the flow is maximum.
func checkFlow(t *testing.T, g *Graph, f *Flow, s, d string) {
	t.Helper()
	edges := g.Edges()
	tol := 1e-9 * (1 + f.CutCapacity)
	net := map[string]float64{}
	for i, e := range edges {
		x := f.EdgeFlow[i]
		lo := 0.0
		if !g.Directed() {
			lo = -e.Weight
		}
		if x < lo-tol || x > e.Weight+tol {
			t.Fatalf("edge %d %+v carries %v", i, e, x)
		}
		net[e.From] -= x
		net[e.To] += x
	}
	for _, v := range g.Nodes() {
		if v != s && v != d && math.Abs(net[v]) > tol {
			t.Fatalf("conservation fails at %s: net %v", v, net[v])
		}
	}
	if math.Abs(net[d]-f.Value) > tol || math.Abs(net[s]+f.Value) > tol {
		t.Fatalf("value %v, but sink gets %v and source sends %v", f.Value, net[d], -net[s])
	}
	in := map[string]bool{}
	for _, v := range f.SourceSide {
		in[v] = true
	}
	if !in[s] || in[d] {
		t.Fatalf("cut %v does not separate %s from %s", f.SourceSide, s, d)
	}
	capacity := 0.0
	var cut []int
	for i, e := range edges {
		if (in[e.From] && !in[e.To]) || (!g.Directed() && in[e.To] && !in[e.From]) {
			capacity += e.Weight
			cut = append(cut, i)
		}
	}
	if !slices.Equal(cut, f.CutEdges) || math.Abs(capacity-f.CutCapacity) > tol {
		t.Fatalf("cut edges %v (capacity %v), reported %v (%v)", cut, capacity, f.CutEdges, f.CutCapacity)
	}
	if math.Abs(capacity-f.Value) > tol {
		t.Fatalf("flow %v != cut capacity %v", f.Value, capacity)
	}
}

func TestMaxFlowEqualsMinCut(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 31))
		o := genOpts{n: 3 + rng.IntN(15), directed: seed%3 != 0, ints: seed%2 == 0, loops: seed%4 == 0}
		o.m = rng.IntN(4 * o.n)
		g := randomGraph(t, rng, o)
		s, d := rng.IntN(o.n), rng.IntN(o.n)
		if s == d {
			d = (s + 1) % o.n
		}
		f, err := g.MaxFlow(ctx, name(s), name(d))
		if err != nil {
			t.Fatal(err)
		}
		checkFlow(t, g, f, name(s), name(d))
	}
}

func TestMaxFlowKnown(t *testing.T) {
	// CLRS figure 26.1: the maximum flow is 23.
	g := New(true)
	for _, e := range []struct {
		u, v string
		c    float64
	}{{"s", "v1", 16}, {"s", "v2", 13}, {"v2", "v1", 4}, {"v1", "v3", 12}, {"v3", "v2", 9},
		{"v2", "v4", 14}, {"v4", "v3", 7}, {"v3", "t", 20}, {"v4", "t", 4}} {
		g.AddEdge(e.u, e.v, e.c)
	}
	f, err := g.MaxFlow(context.Background(), "s", "t")
	if err != nil {
		t.Fatal(err)
	}
	if f.Value != 23 {
		t.Fatalf("value %v, want 23", f.Value)
	}
	checkFlow(t, g, f, "s", "t")
	if _, err := g.MaxFlow(context.Background(), "s", "s"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("s=t: %v", err)
	}
	g.AddEdge("t", "s", -1)
	if _, err := g.MaxFlow(context.Background(), "s", "t"); !errors.Is(err, ErrNegativeWeight) {
		t.Fatalf("negative capacity: %v", err)
	}
}
