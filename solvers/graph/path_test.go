package graph

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

func TestShortestPathAgreesWithOracles(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		o    genOpts
	}{
		{"directed-float", genOpts{n: 12, m: 30, directed: true}},
		{"undirected-float", genOpts{n: 12, m: 20}},
		{"directed-int-ties", genOpts{n: 15, m: 40, directed: true, ints: true, loops: true}},
		{"undirected-int-ties", genOpts{n: 15, m: 30, ints: true, loops: true}},
		{"sparse", genOpts{n: 20, m: 15, directed: true}},
		{"geometric", genOpts{n: 25, m: 80, directed: true, coords: true}},
		{"geometric-undirected", genOpts{n: 25, m: 60, coords: true}},
	}
	t.Parallel()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for seed := range uint64(15) {
				rng := rand.New(rand.NewPCG(seed, 7))
				g := randomGraph(t, rng, tc.o)
				for range 2 {
					s := name(rng.IntN(tc.o.n))
					want, _ := bellmanFord(g, s)
					tree, err := g.ShortestFrom(ctx, s, PathOptions{Algorithm: Dijkstra})
					if err != nil {
						t.Fatal(err)
					}
					bf, err := g.ShortestFrom(ctx, s, PathOptions{Algorithm: BellmanFord})
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range g.Nodes() {
						if !near(tree.Dist(v), want[v]) || !near(bf.Dist(v), want[v]) {
							t.Fatalf("seed %d %s->%s: dijkstra %v, bellman-ford %v, oracle %v", seed, s, v, tree.Dist(v), bf.Dist(v), want[v])
						}
						for _, alg := range []Algorithm{Auto, Dijkstra, AStar, BellmanFord} {
							p, err := g.ShortestPath(ctx, s, v, PathOptions{Algorithm: alg})
							if err != nil {
								t.Fatal(err)
							}
							if p.Reachable != !math.IsInf(want[v], 1) || !near(p.Cost, want[v]) {
								t.Fatalf("seed %d %s %s->%s: got %+v, oracle %v", seed, alg, s, v, p, want[v])
							}
							if p.Reachable {
								if p.Nodes[0] != s || p.Nodes[len(p.Nodes)-1] != v {
									t.Fatalf("%s: path %v does not run %s..%s", alg, p.Nodes, s, v)
								}
								if c := checkWalk(t, g, p.Nodes, false); !near(c, p.Cost) {
									t.Fatalf("%s: path %v costs %v, reported %v", alg, p.Nodes, c, p.Cost)
								}
							}
						}
					}
				}
			}
		})
	}
}

func TestNegativeWeights(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 11))
		g := randomGraph(t, rng, genOpts{n: 10, m: 30, directed: true, negative: true})
		s := name(rng.IntN(10))
		want, neg := bellmanFord(g, s)
		if neg {
			t.Fatalf("seed %d: potentials should exclude negative cycles", seed)
		}
		tree, err := g.ShortestFrom(ctx, s, PathOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tree.Algorithm() != BellmanFord && slices.ContainsFunc(g.Edges(), func(e Edge) bool { return e.Weight < 0 }) {
			t.Fatalf("auto chose %s with negative weights", tree.Algorithm())
		}
		for _, v := range g.Nodes() {
			if !near(tree.Dist(v), want[v]) {
				t.Fatalf("seed %d %s->%s: %v, oracle %v", seed, s, v, tree.Dist(v), want[v])
			}
		}
		if _, err := g.ShortestPath(ctx, s, s, PathOptions{Algorithm: Dijkstra}); slices.ContainsFunc(g.Edges(), func(e Edge) bool { return e.Weight < 0 }) && !errors.Is(err, ErrNegativeWeight) {
			t.Fatalf("dijkstra with negative weights: err %v", err)
		}
	}
}

func TestNegativeCycles(t *testing.T) {
	ctx := context.Background()
	found := 0
	for seed := range uint64(80) {
		rng := rand.New(rand.NewPCG(seed, 13))
		directed := seed%2 == 0
		g := randomGraph(t, rng, genOpts{n: 8, m: 14, directed: directed, loops: seed%5 == 0})
		// A few negative edges; sometimes that makes a negative cycle.
		for range 1 + rng.IntN(3) {
			if err := g.AddEdge(name(rng.IntN(8)), name(rng.IntN(8)), -rng.Float64()*15); err != nil {
				t.Fatal(err)
			}
		}
		s := name(rng.IntN(8))
		want, neg := bellmanFord(g, s)
		tree, err := g.ShortestFrom(ctx, s, PathOptions{})
		if neg != (err != nil) {
			t.Fatalf("seed %d: oracle negative cycle %v, err %v", seed, neg, err)
		}
		if !neg {
			for _, v := range g.Nodes() {
				if !near(tree.Dist(v), want[v]) {
					t.Fatalf("seed %d: %s->%s %v, oracle %v", seed, s, v, tree.Dist(v), want[v])
				}
			}
			continue
		}
		found++
		var nc *NegativeCycleError
		if !errors.As(err, &nc) || !errors.Is(err, ErrNegativeCycle) {
			t.Fatalf("seed %d: err %v is not a NegativeCycleError", seed, err)
		}
		if c := checkWalk(t, g, nc.Cycle, true); c >= 0 {
			t.Fatalf("seed %d: cycle %v has cost %v, not negative", seed, nc.Cycle, c)
		}
		if _, err := g.AllPairs(ctx, Johnson); !errors.Is(err, ErrNegativeCycle) {
			t.Fatalf("seed %d: johnson missed the cycle: %v", seed, err)
		}
	}
	if found < 10 {
		t.Fatalf("only %d instances had a negative cycle", found)
	}
}

func TestUnreachableAndErrors(t *testing.T) {
	ctx := context.Background()
	g := New(true)
	g.AddEdge("a", "b", 1)
	g.AddEdge("c", "a", 1)
	p, err := g.ShortestPath(ctx, "a", "c", PathOptions{})
	if err != nil || p.Reachable || !math.IsInf(p.Cost, 1) || p.Nodes != nil {
		t.Fatalf("unreachable: %+v, %v", p, err)
	}
	if p, _ := g.ShortestPath(ctx, "a", "a", PathOptions{}); !p.Reachable || p.Cost != 0 || !slices.Equal(p.Nodes, []string{"a"}) {
		t.Fatalf("a->a: %+v", p)
	}
	if _, err := g.ShortestPath(ctx, "a", "zz", PathOptions{}); !errors.Is(err, ErrUnknownNode) {
		t.Fatalf("unknown node: %v", err)
	}
	if _, err := g.ShortestPath(ctx, "a", "b", PathOptions{Algorithm: "bfs"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad algorithm: %v", err)
	}
	for _, w := range []float64{math.NaN(), math.Inf(1), 1e300} {
		if err := g.AddEdge("a", "b", w); !errors.Is(err, ErrInvalid) {
			t.Fatalf("weight %v accepted: %v", w, err)
		}
	}
	if err := g.AddEdge("", "b", 1); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty name accepted: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := g.ShortestPath(cctx, "a", "b", PathOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// TestAStarScalesHeuristic uses weights below the straight-line distance:
// the plain Euclidean heuristic would overestimate; the scaled one must not.
func TestAStarScalesHeuristic(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 17))
		g := randomGraph(t, rng, genOpts{n: 30, m: 120, directed: true, coords: true})
		// Shrink every weight by a random common factor.
		h := New(true)
		f := 0.01 + rng.Float64()
		for _, v := range g.Nodes() {
			x, y, _ := g.Pos(v)
			h.SetPos(v, x, y)
		}
		for _, e := range g.Edges() {
			h.AddEdge(e.From, e.To, e.Weight*f)
		}
		for range 5 {
			s, d := name(rng.IntN(30)), name(rng.IntN(30))
			a, _ := h.ShortestPath(ctx, s, d, PathOptions{Algorithm: AStar})
			b, _ := h.ShortestPath(ctx, s, d, PathOptions{Algorithm: Dijkstra})
			if !near(a.Cost, b.Cost) {
				t.Fatalf("seed %d: A* %v, Dijkstra %v", seed, a.Cost, b.Cost)
			}
		}
	}
}

func TestAllPairsAgreesWithSingleSource(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 19))
		o := genOpts{n: 15, m: 40, directed: seed%2 == 0, ints: seed%3 == 0, negative: seed%4 == 0, loops: seed%5 == 0}
		g := randomGraph(t, rng, o)
		algs := []Algorithm{Auto, FloydWarshall, Johnson}
		if !o.negative || !o.directed {
			algs = append(algs, RepeatedDijkstra)
		}
		for _, alg := range algs {
			m, err := g.AllPairs(ctx, alg)
			if err != nil {
				t.Fatalf("seed %d %s: %v", seed, alg, err)
			}
			for i, s := range m.Names {
				want, _ := bellmanFord(g, s)
				tree, err := g.ShortestFrom(ctx, s, PathOptions{})
				if err != nil {
					t.Fatal(err)
				}
				for j, v := range m.Names {
					if !near(m.Dist[i][j], want[v]) || !near(m.Dist[i][j], tree.Dist(v)) {
						t.Fatalf("seed %d %s: %s->%s = %v, oracle %v, single-source %v", seed, alg, s, v, m.Dist[i][j], want[v], tree.Dist(v))
					}
				}
			}
		}
	}
}

// simplePaths enumerates every simple path s..t by depth-first search.
func simplePaths(g *Graph, s, t string) (costs []float64) {
	idx := indexArcs(g)
	var walk func(u string, seen map[string]bool, cost float64)
	walk = func(u string, seen map[string]bool, cost float64) {
		if u == t {
			costs = append(costs, cost)
			return
		}
		for _, v := range g.Nodes() {
			if seen[v] {
				continue
			}
			if w, ok := idx[[2]string{u, v}]; ok {
				seen[v] = true
				walk(v, seen, cost+w)
				delete(seen, v)
			}
		}
	}
	walk(s, map[string]bool{s: true}, 0)
	sort.Float64s(costs)
	return costs
}

func TestKShortestAgreesWithEnumeration(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(80) {
		rng := rand.New(rand.NewPCG(seed, 23))
		o := genOpts{n: 7, m: 16, directed: seed%2 == 0, ints: seed%3 == 0, loops: seed%4 == 0}
		g := randomGraph(t, rng, o)
		s, d := name(rng.IntN(7)), name(rng.IntN(7))
		all := simplePaths(g, s, d)
		k := 1 + rng.IntN(12)
		got, err := g.KShortestPaths(ctx, s, d, k)
		if err != nil {
			t.Fatal(err)
		}
		want := all[:min(k, len(all))]
		if len(got) != len(want) {
			t.Fatalf("seed %d %s->%s k=%d: %d paths, enumeration has %d (%v)", seed, s, d, k, len(got), len(want), want)
		}
		keys := map[string]bool{}
		for i, p := range got {
			if !near(p.Cost, want[i]) {
				t.Fatalf("seed %d: path %d costs %v, enumeration %v", seed, i, p.Cost, want[i])
			}
			if c := checkWalk(t, g, p.Nodes, false); !near(c, p.Cost) {
				t.Fatalf("seed %d: path %v costs %v, reported %v", seed, p.Nodes, c, p.Cost)
			}
			if p.Nodes[0] != s || p.Nodes[len(p.Nodes)-1] != d {
				t.Fatalf("path %v does not run %s..%s", p.Nodes, s, d)
			}
			seen := map[string]bool{}
			for _, v := range p.Nodes {
				if seen[v] {
					t.Fatalf("path %v is not simple", p.Nodes)
				}
				seen[v] = true
			}
			key := ""
			for _, v := range p.Nodes {
				key += v + ","
			}
			if keys[key] {
				t.Fatalf("path %v listed twice", p.Nodes)
			}
			keys[key] = true
		}
	}
}

func TestKShortestErrors(t *testing.T) {
	g := New(true)
	g.AddEdge("a", "b", -1)
	if _, err := g.KShortestPaths(context.Background(), "a", "b", 2); !errors.Is(err, ErrNegativeWeight) {
		t.Fatalf("negative: %v", err)
	}
	if _, err := g.KShortestPaths(context.Background(), "a", "b", 0); !errors.Is(err, ErrInvalid) {
		t.Fatalf("k=0: %v", err)
	}
	h := New(false)
	h.AddEdge("a", "b", 1)
	h.AddNode("c")
	if ps, err := h.KShortestPaths(context.Background(), "a", "c", 3); err != nil || len(ps) != 0 {
		t.Fatalf("unreachable: %v %v", ps, err)
	}
}
