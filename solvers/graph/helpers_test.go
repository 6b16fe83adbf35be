package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// genOpts describes a random test graph.
type genOpts struct {
	n, m     int
	directed bool
	ints     bool // integer weights 0..9, which makes ties common
	negative bool // negative weights without negative cycles (potentials)
	coords   bool // random coordinates; weights >= scale * distance
	loops    bool // allow self-loops and parallel edges
}

func name(i int) string { return fmt.Sprintf("n%d", i) }

func randomGraph(t testing.TB, rng *rand.Rand, o genOpts) *Graph {
	t.Helper()
	g := New(o.directed)
	pot := make([]float64, o.n)
	for i := range o.n {
		if o.coords {
			if err := g.SetPos(name(i), rng.Float64()*100, rng.Float64()*100); err != nil {
				t.Fatal(err)
			}
		} else if _, err := g.AddNode(name(i)); err != nil {
			t.Fatal(err)
		}
		pot[i] = float64(rng.IntN(20))
	}
	seen := map[[2]int]bool{}
	for range o.m {
		u, v := rng.IntN(o.n), rng.IntN(o.n)
		if !o.loops && (u == v || seen[[2]int{u, v}] || (!o.directed && seen[[2]int{v, u}])) {
			continue
		}
		seen[[2]int{u, v}] = true
		var w float64
		switch {
		case o.coords:
			x1, y1, _ := g.Pos(name(u))
			x2, y2, _ := g.Pos(name(v))
			w = math.Hypot(x1-x2, y1-y2) * (0.5 + rng.Float64()*2)
		case o.ints:
			w = float64(rng.IntN(10))
		default:
			w = rng.Float64() * 10
		}
		if o.negative && o.directed {
			w += pot[u] - pot[v]
		}
		if err := g.AddEdge(name(u), name(v), w); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// arcs lists the edges as directed arcs (both ways when undirected).
func arcs(g *Graph) []Edge {
	var out []Edge
	for _, e := range g.Edges() {
		out = append(out, e)
		if !g.Directed() {
			out = append(out, Edge{e.To, e.From, e.Weight})
		}
	}
	return out
}

// bellmanFord is the test oracle: textbook Bellman-Ford over the edge list.
// neg reports a negative cycle reachable from s.
func bellmanFord(g *Graph, s string) (dist map[string]float64, neg bool) {
	dist = map[string]float64{}
	for _, v := range g.Nodes() {
		dist[v] = math.Inf(1)
	}
	dist[s] = 0
	as := arcs(g)
	for range g.Len() {
		changed := false
		for _, a := range as {
			if d := dist[a.From] + a.Weight; d < dist[a.To] {
				dist[a.To] = d
				changed = true
			}
		}
		if !changed {
			return dist, false
		}
	}
	for _, a := range as {
		if dist[a.From]+a.Weight < dist[a.To] {
			return dist, true
		}
	}
	return dist, false
}

// arcIndex maps a pair of nodes to the cheapest arc between them.
type arcIndex map[[2]string]float64

func indexArcs(g *Graph) arcIndex {
	idx := arcIndex{}
	for _, e := range arcs(g) {
		k := [2]string{e.From, e.To}
		if w, ok := idx[k]; !ok || e.Weight < w {
			idx[k] = e.Weight
		}
	}
	return idx
}

// checkWalk verifies that nodes is a walk of g and returns its cost.
func checkWalk(t *testing.T, g *Graph, nodes []string, closed bool) float64 {
	t.Helper()
	idx := indexArcs(g)
	cost := 0.0
	steps := len(nodes) - 1
	if closed {
		steps = len(nodes)
	}
	for i := range steps {
		a, b := nodes[i], nodes[(i+1)%len(nodes)]
		w, ok := idx[[2]string{a, b}]
		if !ok {
			t.Fatalf("walk %v: no edge %s -> %s", nodes, a, b)
		}
		cost += w
	}
	return cost
}

func near(a, b float64) bool {
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a), math.Abs(b))
}
