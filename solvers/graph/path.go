package graph

import (
	"context"
	"fmt"
	"math"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Algorithm names a shortest-path algorithm.
type Algorithm string

// Shortest-path algorithms. The zero value picks Dijkstra, or Bellman-Ford
// when some edge weight is negative.
const (
	Auto        Algorithm = ""
	Dijkstra    Algorithm = "dijkstra"
	AStar       Algorithm = "astar"
	BellmanFord Algorithm = "bellman-ford"
)

// ParseAlgorithm checks a shortest-path algorithm name ("" and "auto" mean
// Auto).
func ParseAlgorithm(s string) (Algorithm, error) {
	switch Algorithm(s) {
	case Auto, "auto":
		return Auto, nil
	case Dijkstra, AStar, BellmanFord:
		return Algorithm(s), nil
	}
	return "", fmt.Errorf("%w: algorithm %q: want dijkstra, astar or bellman-ford", ErrInvalid, s)
}

// Path is a path between two nodes. Reachable is false, with no nodes and
// an infinite cost, when no path exists.
type Path struct {
	Nodes     []string
	Cost      float64
	Reachable bool
	// Algorithm is the algorithm that found the path.
	Algorithm Algorithm
}

// PathOptions tune ShortestPath and ShortestFrom.
type PathOptions struct {
	// Algorithm: Auto, Dijkstra, AStar (single pair only; uses node
	// coordinates, see ShortestPath) or BellmanFord.
	Algorithm Algorithm
}

// ShortestPath returns a cheapest path from one node to another. Dijkstra
// and A* need non-negative weights (ErrNegativeWeight otherwise);
// Bellman-Ford accepts negative weights and returns a *NegativeCycleError
// when a negative cycle is reachable from the start. A* uses as heuristic
// the Euclidean distance to the target scaled by the smallest ratio of an
// edge's weight to its length, which keeps it consistent whatever the units,
// so its answer is exact; without coordinates on every node it degenerates
// to Dijkstra.
func (g *Graph) ShortestPath(ctx context.Context, from, to string, opts PathOptions) (Path, error) {
	s, err := g.lookup("from", from)
	if err != nil {
		return Path{}, err
	}
	t, err := g.lookup("to", to)
	if err != nil {
		return Path{}, err
	}
	if err := ctx.Err(); err != nil {
		return Path{}, fmt.Errorf("graph: shortest path: %w", err)
	}
	c := g.compile()
	alg, err := g.resolve(c, opts.Algorithm)
	if err != nil {
		return Path{}, err
	}
	if alg == AStar {
		sp, _ := path.AStar(simple.Node(s), simple.Node(t), c.gg, g.heuristic(c))
		p := g.pathOf(sp.To(int64(t)))
		p.Algorithm = alg
		return p, nil
	}
	tree, err := g.shortestFrom(c, s, alg)
	if err != nil {
		return Path{}, err
	}
	return tree.PathTo(to), nil
}

func (g *Graph) resolve(c *compiled, alg Algorithm) (Algorithm, error) {
	switch alg {
	case Auto:
		if c.negative {
			return BellmanFord, nil
		}
		return Dijkstra, nil
	case Dijkstra, AStar:
		if c.negative {
			return "", fmt.Errorf("%w: %s needs non-negative edge weights, and %s (use bellman-ford)", ErrNegativeWeight, alg, g.describeEdge(c.firstNeg))
		}
		return alg, nil
	case BellmanFord:
		return alg, nil
	}
	return "", fmt.Errorf("%w: algorithm %q: want dijkstra, astar or bellman-ford", ErrInvalid, alg)
}

// heuristic returns a consistent A* heuristic: the Euclidean distance to
// the target times the smallest weight/length ratio over all edges.
func (g *Graph) heuristic(c *compiled) path.Heuristic {
	n := len(g.names)
	if n == 0 || g.npos != n {
		return path.NullHeuristic
	}
	scale := math.Inf(1)
	for u := range n {
		for a := c.start[u]; a < c.start[u+1]; a++ {
			v := c.adj[a]
			d := math.Hypot(g.x[u]-g.x[v], g.y[u]-g.y[v])
			if d > 0 {
				scale = min(scale, c.adjW[a]/d)
			}
		}
	}
	if math.IsInf(scale, 1) || scale <= 0 {
		return path.NullHeuristic
	}
	scale *= 1 - 1e-9 // absorb rounding so the heuristic stays consistent
	return func(x, y gonum.Node) float64 {
		u, v := x.ID(), y.ID()
		return scale * math.Hypot(g.x[u]-g.x[v], g.y[u]-g.y[v])
	}
}

func (g *Graph) pathOf(nodes []gonum.Node, cost float64) Path {
	if len(nodes) == 0 || math.IsInf(cost, 1) {
		return Path{Cost: math.Inf(1)}
	}
	p := Path{Nodes: make([]string, len(nodes)), Cost: cost, Reachable: true}
	for i, n := range nodes {
		p.Nodes[i] = g.names[n.ID()]
	}
	return p
}

// Tree holds the shortest paths from one node to all others.
type Tree struct {
	g    *Graph
	sp   path.Shortest
	from string
	alg  Algorithm
}

// From returns the source node.
func (t *Tree) From() string { return t.from }

// Algorithm returns the algorithm that built the tree.
func (t *Tree) Algorithm() Algorithm { return t.alg }

// Dist returns the cost of a cheapest path to a node, +Inf when the node is
// unreachable or unknown.
func (t *Tree) Dist(to string) float64 {
	i, ok := t.g.index[to]
	if !ok {
		return math.Inf(1)
	}
	return t.sp.WeightTo(int64(i))
}

// Distances returns the costs to every node, in the order of Nodes.
func (t *Tree) Distances() []float64 {
	out := make([]float64, len(t.g.names))
	for i := range out {
		out[i] = t.sp.WeightTo(int64(i))
	}
	return out
}

// PathTo returns a cheapest path to a node.
func (t *Tree) PathTo(to string) Path {
	i, ok := t.g.index[to]
	if !ok {
		return Path{Cost: math.Inf(1), Algorithm: t.alg}
	}
	p := t.g.pathOf(t.sp.To(int64(i)))
	p.Algorithm = t.alg
	return p
}

// ShortestFrom computes cheapest paths from one node to every node with
// Dijkstra or Bellman-Ford (A* is single-pair: it is answered by Dijkstra
// here). Errors are as for ShortestPath.
func (g *Graph) ShortestFrom(ctx context.Context, from string, opts PathOptions) (*Tree, error) {
	s, err := g.lookup("from", from)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: shortest paths: %w", err)
	}
	c := g.compile()
	alg, err := g.resolve(c, opts.Algorithm)
	if err != nil {
		return nil, err
	}
	if alg == AStar {
		alg = Dijkstra
	}
	return g.shortestFrom(c, s, alg)
}

func (g *Graph) shortestFrom(c *compiled, s int, alg Algorithm) (*Tree, error) {
	t := &Tree{g: g, from: g.names[s], alg: alg}
	if alg == Dijkstra {
		t.sp = path.DijkstraFrom(simple.Node(s), c.gg)
		return t, nil
	}
	sp, ok := path.BellmanFordFrom(simple.Node(s), c.gg)
	if !ok {
		return nil, &NegativeCycleError{Cycle: g.namesOf(c.negativeCycleFrom(s))}
	}
	for _, u := range c.negLoops {
		if !math.IsInf(sp.WeightTo(int64(u)), 1) {
			return nil, &NegativeCycleError{Cycle: []string{g.names[u]}}
		}
	}
	t.sp = sp
	return t, nil
}

func (g *Graph) namesOf(ix []int) []string {
	out := make([]string, len(ix))
	for i, v := range ix {
		out[i] = g.names[v]
	}
	return out
}

// negativeCycleFrom finds a negative cycle reachable from s with a plain
// Bellman-Ford that keeps predecessors; nil when there is none.
func (c *compiled) negativeCycleFrom(s int) []int {
	n := len(c.start) - 1
	dist := make([]float64, n)
	par := make([]int, n)
	for i := range dist {
		dist[i], par[i] = math.Inf(1), -1
	}
	dist[s] = 0
	x := -1
	for range n {
		x = -1
		for u := range n {
			if math.IsInf(dist[u], 1) {
				continue
			}
			for a := c.start[u]; a < c.start[u+1]; a++ {
				v := c.adj[a]
				if d := dist[u] + c.adjW[a]; d < dist[v] {
					dist[v], par[v], x = d, u, v
				}
			}
		}
		if x < 0 {
			break
		}
	}
	if x < 0 {
		return nil
	}
	for range n {
		x = par[x]
	}
	cycle := []int{x}
	for v := par[x]; v != x; v = par[v] {
		cycle = append(cycle, v)
	}
	// The predecessor walk runs backwards.
	for i, j := 0, len(cycle)-1; i < j; i, j = i+1, j-1 {
		cycle[i], cycle[j] = cycle[j], cycle[i]
	}
	return cycle
}

// describeEdge names edge i for error messages.
func (g *Graph) describeEdge(i int) string {
	return fmt.Sprintf("edges[%d] (%q -> %q) has weight %v", i, g.names[g.from[i]], g.names[g.to[i]], g.w[i])
}
