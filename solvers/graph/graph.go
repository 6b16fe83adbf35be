package graph

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// Sentinel errors callers branch on. Errors returned by this package wrap
// them with context (the node or edge concerned).
var (
	// ErrUnknownNode is returned when a node name is not in the graph.
	ErrUnknownNode = errors.New("graph: unknown node")
	// ErrNegativeWeight is returned by algorithms that need non-negative
	// weights (Dijkstra, A*, Yen, max-flow capacities, TSP distances).
	ErrNegativeWeight = errors.New("graph: negative weight")
	// ErrNegativeCycle is returned when a negative cycle makes shortest
	// paths undefined; a *NegativeCycleError carries the cycle.
	ErrNegativeCycle = errors.New("graph: negative cycle")
	// ErrUndirected is returned by algorithms that need a directed graph.
	ErrUndirected = errors.New("graph: graph is undirected")
	// ErrTooLarge is returned when a problem exceeds a documented size limit.
	ErrTooLarge = errors.New("graph: problem too large")
	// ErrNoRoute is returned when a TSP over a graph is impossible because
	// some node cannot reach another.
	ErrNoRoute = errors.New("graph: no route visits every node")
	// ErrInvalid is wrapped by every input validation error.
	ErrInvalid = errors.New("graph: invalid input")
)

// NegativeCycleError reports a negative cycle: Cycle lists its nodes in
// order; an edge leads from each node to the next and from the last back to
// the first.
type NegativeCycleError struct {
	Cycle []string
}

func (e *NegativeCycleError) Error() string {
	return fmt.Sprintf("graph: negative cycle through %s", joinCycle(e.Cycle))
}

// Is makes errors.Is(err, ErrNegativeCycle) true.
func (e *NegativeCycleError) Is(target error) bool { return target == ErrNegativeCycle }

func joinCycle(c []string) string {
	s := ""
	for i, n := range c {
		if i > 0 {
			s += " -> "
		}
		s += fmt.Sprintf("%q", n)
	}
	if len(c) > 0 {
		s += fmt.Sprintf(" -> %q", c[0])
	}
	return s
}

// MaxWeight bounds the magnitude of weights, distances and coordinates, so
// that sums over long paths stay exact enough and never overflow.
const MaxWeight = 1e15

// Edge is a weighted edge between two named nodes. In an undirected graph
// From and To are interchangeable.
type Edge struct {
	From, To string
	Weight   float64
}

// Graph is a directed or undirected graph of named nodes and float64
// weighted edges. Parallel edges are kept (max-flow adds their capacities;
// path algorithms use the cheapest); self-loops are allowed. A Graph is safe
// for concurrent use by algorithms once it is no longer being modified.
type Graph struct {
	directed bool
	names    []string
	index    map[string]int
	x, y     []float64
	hasPos   []bool
	npos     int
	from, to []int
	w        []float64

	mu    sync.Mutex
	cache *compiled
}

// New returns an empty graph, directed or undirected.
func New(directed bool) *Graph {
	return &Graph{directed: directed, index: map[string]int{}}
}

// Directed reports whether edges have a direction.
func (g *Graph) Directed() bool { return g.directed }

// Len returns the number of nodes.
func (g *Graph) Len() int { return len(g.names) }

// NumEdges returns the number of edges as added (parallel edges counted).
func (g *Graph) NumEdges() int { return len(g.w) }

// Nodes returns the node names in the order they were added.
func (g *Graph) Nodes() []string { return slices.Clone(g.names) }

// Has reports whether name is a node.
func (g *Graph) Has(name string) bool { _, ok := g.index[name]; return ok }

// Edges returns the edges in the order they were added.
func (g *Graph) Edges() []Edge {
	out := make([]Edge, len(g.w))
	for i := range g.w {
		out[i] = Edge{g.names[g.from[i]], g.names[g.to[i]], g.w[i]}
	}
	return out
}

// AddNode adds a node (a no-op when it exists) and returns its index, the
// position of the name in Nodes.
func (g *Graph) AddNode(name string) (int, error) {
	if i, ok := g.index[name]; ok {
		return i, nil
	}
	if name == "" {
		return 0, fmt.Errorf("%w: node name is empty", ErrInvalid)
	}
	g.invalidate()
	i := len(g.names)
	g.index[name] = i
	g.names = append(g.names, name)
	g.x = append(g.x, 0)
	g.y = append(g.y, 0)
	g.hasPos = append(g.hasPos, false)
	return i, nil
}

// SetPos gives a node planar coordinates (adding the node if needed). When
// every node has coordinates, A* uses the Euclidean distance as heuristic.
func (g *Graph) SetPos(name string, x, y float64) error {
	if !finite(x) || !finite(y) || math.Abs(x) > MaxWeight || math.Abs(y) > MaxWeight {
		return fmt.Errorf("%w: node %q: coordinates must be finite numbers of magnitude at most %g", ErrInvalid, name, MaxWeight)
	}
	i, err := g.AddNode(name)
	if err != nil {
		return err
	}
	g.invalidate()
	if !g.hasPos[i] {
		g.npos++
	}
	g.x[i], g.y[i], g.hasPos[i] = x, y, true
	return nil
}

// Pos returns a node's coordinates and whether it has any.
func (g *Graph) Pos(name string) (x, y float64, ok bool) {
	i, found := g.index[name]
	if !found || !g.hasPos[i] {
		return 0, 0, false
	}
	return g.x[i], g.y[i], true
}

// AddEdge adds an edge, adding its nodes when they are new. The weight must
// be finite; negative weights are accepted here and rejected by the
// algorithms that cannot handle them.
func (g *Graph) AddEdge(from, to string, weight float64) error {
	if !finite(weight) || math.Abs(weight) > MaxWeight {
		return fmt.Errorf("%w: edge %q -> %q: weight %v is not a finite number of magnitude at most %g", ErrInvalid, from, to, weight, MaxWeight)
	}
	u, err := g.AddNode(from)
	if err != nil {
		return err
	}
	v, err := g.AddNode(to)
	if err != nil {
		return err
	}
	g.invalidate()
	g.from = append(g.from, u)
	g.to = append(g.to, v)
	g.w = append(g.w, weight)
	return nil
}

func (g *Graph) lookup(field, name string) (int, error) {
	i, ok := g.index[name]
	if !ok {
		return 0, fmt.Errorf("%w %q (%s)", ErrUnknownNode, name, field)
	}
	return i, nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func (g *Graph) invalidate() {
	g.mu.Lock()
	g.cache = nil
	g.mu.Unlock()
}

// compiled is the read-only form algorithms run on: a gonum simple graph
// (cheapest of parallel edges, no self-loops) and a CSR adjacency over the
// same arcs for the algorithms implemented here.
type compiled struct {
	gg        weightedGraph
	start     []int // CSR: arcs of u are adj[start[u]:start[u+1]]
	adj       []int
	adjW      []float64
	negative  bool  // some edge (self-loops included) has a negative weight
	firstNeg  int   // index of the first negative edge
	negLoops  []int // nodes with a negative self-loop
	selfLoop  int   // a node with any self-loop, or -1
	maxWeight float64
}

type weightedGraph interface {
	gonum.Graph
	Weight(xid, yid int64) (w float64, ok bool)
}

func (g *Graph) compile() *compiled {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.cache != nil {
		return g.cache
	}
	n := len(g.names)
	c := &compiled{selfLoop: -1}
	type builder interface {
		weightedGraph
		AddNode(gonum.Node)
		SetWeightedEdge(gonum.WeightedEdge)
		NewWeightedEdge(from, to gonum.Node, weight float64) gonum.WeightedEdge
	}
	var b builder
	if g.directed {
		b = simple.NewWeightedDirectedGraph(0, math.Inf(1))
	} else {
		b = simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	}
	for i := range n {
		b.AddNode(simple.Node(i))
	}
	// Bucket the arcs by tail (the smaller end when undirected), then keep
	// the cheapest of parallel arcs, in order of first appearance.
	type arc struct {
		u, v int
		w    float64
	}
	bucket := make([]int, n+1)
	for i, w := range g.w {
		u, v := g.from[i], g.to[i]
		if w < 0 && !c.negative {
			c.negative, c.firstNeg = true, i
		}
		c.maxWeight = max(c.maxWeight, math.Abs(w))
		if u == v {
			if c.selfLoop < 0 {
				c.selfLoop = u
			}
			if w < 0 && !slices.Contains(c.negLoops, u) {
				c.negLoops = append(c.negLoops, u)
			}
			continue
		}
		if !g.directed && u > v {
			u = v
		}
		bucket[u+1]++
	}
	for i := 1; i <= n; i++ {
		bucket[i] += bucket[i-1]
	}
	sorted := make([]arc, bucket[n])
	fill := slices.Clone(bucket[:n])
	for i, w := range g.w {
		u, v := g.from[i], g.to[i]
		if u == v {
			continue
		}
		if !g.directed && u > v {
			u, v = v, u
		}
		sorted[fill[u]] = arc{u, v, w}
		fill[u]++
	}
	mark := make([]int, n)
	for i := range mark {
		mark[i] = -1
	}
	order := sorted[:0]
	for u := range n {
		first := len(order)
		for _, a := range sorted[bucket[u]:bucket[u+1]] {
			if at := mark[a.v]; at >= first {
				order[at].w = min(order[at].w, a.w)
				continue
			}
			mark[a.v] = len(order)
			order = append(order, a)
		}
	}
	deg := make([]int, n+1)
	for _, a := range order {
		b.SetWeightedEdge(b.NewWeightedEdge(simple.Node(a.u), simple.Node(a.v), a.w))
		deg[a.u+1]++
		if !g.directed {
			deg[a.v+1]++
		}
	}
	for i := 1; i <= n; i++ {
		deg[i] += deg[i-1]
	}
	c.start = deg
	m := deg[n]
	c.adj = make([]int, m)
	c.adjW = make([]float64, m)
	fill = slices.Clone(deg[:n])
	for _, a := range order {
		c.adj[fill[a.u]], c.adjW[fill[a.u]] = a.v, a.w
		fill[a.u]++
		if !g.directed {
			c.adj[fill[a.v]], c.adjW[fill[a.v]] = a.u, a.w
			fill[a.v]++
		}
	}
	c.gg = b
	g.cache = c
	return c
}

// arcWeight returns the cheapest weight of an arc u->v (no self-loops).
func (c *compiled) arcWeight(u, v int) (float64, bool) {
	for a := c.start[u]; a < c.start[u+1]; a++ {
		if c.adj[a] == v {
			return c.adjW[a], true
		}
	}
	return 0, false
}
