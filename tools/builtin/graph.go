package builtin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/plankit/plankit/solvers/graph"
	"github.com/plankit/plankit/tools"
)

// GraphSpec is the graph every graph tool reads (see solvers/graph for the
// format).
type GraphSpec struct {
	Directed bool             `json:"directed,omitempty" jsonschema:"true when edges go one way (from -> to); default false: undirected"`
	Nodes    []graph.NodeSpec `json:"nodes,omitempty" jsonschema:"the nodes, optional when the edges name them; when given, every edge must name a listed node; x and y give A* its Euclidean heuristic"`
	Edges    []graph.EdgeSpec `json:"edges,omitempty" jsonschema:"the edges (weight default 1; parallel edges and self-loops allowed)"`
}

func (s GraphSpec) document() graph.Document {
	return graph.Document{Directed: s.Directed, Nodes: s.Nodes, Edges: s.Edges}
}

// Graph validates the spec and builds the graph.
func (s GraphSpec) Graph() (*graph.Graph, error) {
	d := s.document()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d.Graph()
}

// GraphSpecOf copies the graph part of a decoded document.
func GraphSpecOf(d *graph.Document) GraphSpec {
	return GraphSpec{Directed: d.Directed, Nodes: d.Nodes, Edges: d.Edges}
}

// ShortestPathInput is the input of graph.shortest_path.
type ShortestPathInput struct {
	GraphSpec
	From        string `json:"from" jsonschema:"start node"`
	To          string `json:"to,omitempty" jsonschema:"target node; omit it to get the cost to every node"`
	Algorithm   string `json:"algorithm,omitempty" jsonschema:"auto (default: dijkstra, or bellman-ford when a weight is negative), dijkstra, astar (uses node coordinates) or bellman-ford"`
	K           int    `json:"k,omitempty" jsonschema:"with to: return the k cheapest simple paths (Yen's algorithm; non-negative weights)"`
	TimeLimitMS int    `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds"`
}

// WeightedPath is one path and its cost.
type WeightedPath struct {
	Path []string `json:"path" jsonschema:"the nodes from start to target"`
	Cost float64  `json:"cost" jsonschema:"the sum of the edge weights"`
}

// NodeCost is the cost of a cheapest path to a node.
type NodeCost struct {
	Node string  `json:"node"`
	Cost float64 `json:"cost"`
}

// ShortestPathOutput is the output of graph.shortest_path.
type ShortestPathOutput struct {
	Reachable     bool           `json:"reachable" jsonschema:"false when no path exists (or a negative cycle makes costs undefined)"`
	Path          []string       `json:"path,omitempty" jsonschema:"a cheapest path from start to target"`
	Cost          *float64       `json:"cost,omitempty" jsonschema:"its cost; absent when unreachable"`
	Paths         []WeightedPath `json:"paths,omitempty" jsonschema:"with k: the k cheapest simple paths, cheapest first (fewer when fewer exist)"`
	Distances     []NodeCost     `json:"distances,omitempty" jsonschema:"without to: the cost to every reachable node, in node order"`
	Unreachable   []string       `json:"unreachable,omitempty" jsonschema:"without to: the nodes no path reaches"`
	NegativeCycle []string       `json:"negative_cycle,omitempty" jsonschema:"a negative cycle reachable from the start (each node has an edge to the next, the last to the first)"`
	Algorithm     string         `json:"algorithm" jsonschema:"the algorithm that ran: dijkstra, astar, bellman-ford or yen"`
}

// TSPInput is the input of graph.tsp.
type TSPInput struct {
	GraphSpec
	Names       []string    `json:"names,omitempty" jsonschema:"names of the matrix rows or points (default 0, 1, 2, ...)"`
	Matrix      [][]float64 `json:"matrix,omitempty" jsonschema:"square matrix of non-negative distances, matrix[i][j] from i to j (may be asymmetric); instead of a graph"`
	Points      [][]float64 `json:"points,omitempty" jsonschema:"planar points [x, y] measured by Euclidean distance; instead of a graph or matrix"`
	Start       string      `json:"start,omitempty" jsonschema:"first node; default the first node, or any node for an open path"`
	End         string      `json:"end,omitempty" jsonschema:"last node of an open path (implies open)"`
	Open        bool        `json:"open,omitempty" jsonschema:"a Hamiltonian path that does not return to the start; default false: a closed tour"`
	ExactLimit  int         `json:"exact_limit,omitempty" jsonschema:"solve exactly (Held-Karp) up to this many nodes: default 16, at most 18, -1 for always heuristic"`
	Seed        uint64      `json:"seed,omitempty" jsonschema:"seed of the heuristic's random perturbations"`
	TimeLimitMS int         `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds: cuts the heuristic short (the answer stays valid, the bound may be weaker) and makes the exact search fail"`
}

// Leg is one hop of a route through a graph, expanded into the graph path.
type Leg struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Cost float64  `json:"cost"`
	Path []string `json:"path" jsonschema:"the cheapest graph path of this hop"`
}

// TSPOutput is the output of graph.tsp.
type TSPOutput struct {
	Order      []string `json:"order" jsonschema:"the nodes in visiting order; a closed tour returns from the last to the first"`
	Closed     bool     `json:"closed" jsonschema:"true for a closed tour, false for an open path"`
	Cost       float64  `json:"cost" jsonschema:"the route's cost"`
	LowerBound float64  `json:"lower_bound" jsonschema:"a proven lower bound on the optimal cost"`
	Gap        float64  `json:"gap" jsonschema:"(cost - lower_bound) / cost: the route is at most this fraction of its cost above optimal; 0 when exact"`
	Exact      bool     `json:"exact" jsonschema:"true when the cost is proven optimal"`
	Method     string   `json:"method" jsonschema:"how the route and bound were found"`
	Legs       []Leg    `json:"legs,omitempty" jsonschema:"for a graph with edges: each hop as a path in the graph"`
}

// ToposortInput is the input of graph.toposort.
type ToposortInput struct {
	GraphSpec
}

// ToposortOutput is the output of graph.toposort.
type ToposortOutput struct {
	Acyclic bool     `json:"acyclic" jsonschema:"true when a topological order exists"`
	Order   []string `json:"order,omitempty" jsonschema:"every node, each edge going from an earlier to a later node"`
	Cycle   []string `json:"cycle,omitempty" jsonschema:"when not acyclic: a directed cycle (each node has an edge to the next, the last to the first)"`
}

// MaxFlowInput is the input of graph.maxflow.
type MaxFlowInput struct {
	GraphSpec
	Source      string `json:"source" jsonschema:"the source node"`
	Sink        string `json:"sink" jsonschema:"the sink node"`
	TimeLimitMS int    `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds"`
}

// EdgeFlow is the flow on one edge.
type EdgeFlow struct {
	Edge int     `json:"edge" jsonschema:"index into edges"`
	From string  `json:"from"`
	To   string  `json:"to"`
	Flow float64 `json:"flow" jsonschema:"flow from -> to (negative: to -> from on an undirected edge)"`
}

// CutEdge is an edge of a minimum cut.
type CutEdge struct {
	Edge     int     `json:"edge" jsonschema:"index into edges"`
	From     string  `json:"from"`
	To       string  `json:"to"`
	Capacity float64 `json:"capacity"`
}

// MinCut is a minimum source–sink cut.
type MinCut struct {
	SourceSide []string  `json:"source_side" jsonschema:"nodes on the source side"`
	Edges      []CutEdge `json:"edges" jsonschema:"edges crossing from the source side to the sink side"`
	Capacity   float64   `json:"capacity" jsonschema:"their total capacity, equal to the flow value"`
}

// MaxFlowOutput is the output of graph.maxflow.
type MaxFlowOutput struct {
	Value  float64    `json:"value" jsonschema:"the maximum flow value"`
	Flows  []EdgeFlow `json:"flows" jsonschema:"the edges carrying non-zero flow"`
	MinCut MinCut     `json:"min_cut"`
}

// AllPairsInput is the input of graph.all_pairs.
type AllPairsInput struct {
	GraphSpec
	Algorithm   string `json:"algorithm,omitempty" jsonschema:"auto (default), dijkstra (repeated), floyd-warshall or johnson"`
	TimeLimitMS int    `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds"`
}

// AllPairsOutput is the output of graph.all_pairs.
type AllPairsOutput struct {
	Nodes         []string     `json:"nodes" jsonschema:"row and column order of dist"`
	Dist          [][]*float64 `json:"dist,omitempty" jsonschema:"dist[i][j]: cost of a cheapest path from nodes[i] to nodes[j]; null when unreachable"`
	NegativeCycle []string     `json:"negative_cycle,omitempty" jsonschema:"a negative cycle, when one makes costs undefined"`
	Algorithm     string       `json:"algorithm"`
}

func registerGraph(r *tools.Registry) error {
	return errors.Join(
		tools.Add(r, "graph.shortest_path",
			"Cheapest path between two nodes of a weighted graph (Dijkstra, A* on node coordinates, or Bellman-Ford with negative-cycle reports), the k cheapest simple paths (Yen), or without a target the cost to every node. Unreachable targets and negative cycles are results, not errors.",
			ShortestPath),
		tools.Add(r, "graph.tsp",
			"Shortest closed tour or Hamiltonian path (fixed or free start, optional fixed end) through every node of a distance matrix, points, or a graph (cheapest-path costs). Exact (Held-Karp) up to 16 nodes; above that a local-search route with a proven lower bound and its gap.",
			TSP),
		tools.Add(r, "graph.toposort",
			"Topological order of a directed graph, or a directed cycle proving none exists.",
			Toposort),
		tools.Add(r, "graph.maxflow",
			"Maximum flow from source to sink (edge weights are capacities) with the flow on every edge and a minimum cut of equal capacity.",
			MaxFlow),
		tools.Add(r, "graph.all_pairs",
			"Cheapest path costs between every ordered pair of nodes (repeated Dijkstra, Floyd-Warshall or Johnson); null marks unreachable pairs.",
			AllPairs),
	)
}

func withLimit(ctx context.Context, ms int) (context.Context, context.CancelFunc, error) {
	if ms < 0 {
		return nil, nil, errors.New("time_limit_ms must not be negative")
	}
	if ms == 0 {
		return ctx, func() {}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
	return ctx, cancel, nil
}

func fptr(f float64) *float64 { return &f }

// ShortestPath runs graph.shortest_path.
func ShortestPath(ctx context.Context, in ShortestPathInput) (ShortestPathOutput, error) {
	g, err := in.Graph()
	if err != nil {
		return ShortestPathOutput{}, err
	}
	alg, err := graph.ParseAlgorithm(in.Algorithm)
	if err != nil {
		return ShortestPathOutput{}, fmt.Errorf("algorithm: %w", err)
	}
	if in.K < 0 || in.K > graph.MaxK {
		return ShortestPathOutput{}, fmt.Errorf("k: %d is not in 1..%d", in.K, graph.MaxK)
	}
	if in.K > 0 && in.To == "" {
		return ShortestPathOutput{}, errors.New("k: needs a target (to)")
	}
	if in.K > 0 && alg != graph.Auto && alg != graph.Dijkstra {
		return ShortestPathOutput{}, fmt.Errorf("k: k-shortest paths use Yen's algorithm, not %s", alg)
	}
	ctx, cancel, err := withLimit(ctx, in.TimeLimitMS)
	if err != nil {
		return ShortestPathOutput{}, err
	}
	defer cancel()
	var out ShortestPathOutput
	if in.K > 0 {
		paths, err := g.KShortestPaths(ctx, in.From, in.To, in.K)
		if err != nil {
			return out, err
		}
		out.Algorithm = "yen"
		for _, p := range paths {
			out.Paths = append(out.Paths, WeightedPath{p.Nodes, p.Cost})
		}
		if len(paths) > 0 {
			out.Reachable, out.Path, out.Cost = true, paths[0].Nodes, fptr(paths[0].Cost)
		}
		return out, nil
	}
	var nc *graph.NegativeCycleError
	if in.To != "" {
		p, err := g.ShortestPath(ctx, in.From, in.To, graph.PathOptions{Algorithm: alg})
		if errors.As(err, &nc) {
			return ShortestPathOutput{NegativeCycle: nc.Cycle, Algorithm: string(graph.BellmanFord)}, nil
		}
		if err != nil {
			return out, err
		}
		out.Algorithm = string(p.Algorithm)
		if p.Reachable {
			out.Reachable, out.Path, out.Cost = true, p.Nodes, fptr(p.Cost)
		}
		return out, nil
	}
	tree, err := g.ShortestFrom(ctx, in.From, graph.PathOptions{Algorithm: alg})
	if errors.As(err, &nc) {
		return ShortestPathOutput{NegativeCycle: nc.Cycle, Algorithm: string(graph.BellmanFord)}, nil
	}
	if err != nil {
		return out, err
	}
	out.Algorithm = string(tree.Algorithm())
	out.Reachable = true
	names := g.Nodes()
	for i, d := range tree.Distances() {
		name := names[i]
		if math.IsInf(d, 1) {
			out.Unreachable = append(out.Unreachable, name)
		} else {
			out.Distances = append(out.Distances, NodeCost{name, d})
		}
	}
	return out, nil
}

// TSP runs graph.tsp.
func TSP(ctx context.Context, in TSPInput) (TSPOutput, error) {
	doc := graph.Document{Directed: in.Directed, Nodes: in.Nodes, Edges: in.Edges, Names: in.Names, Matrix: in.Matrix, Points: in.Points}
	if err := doc.Validate(); err != nil {
		return TSPOutput{}, err
	}
	ctx, cancel, err := withLimit(ctx, in.TimeLimitMS)
	if err != nil {
		return TSPOutput{}, err
	}
	defer cancel()
	names, dist, err := doc.Distances(ctx)
	if err != nil {
		return TSPOutput{}, err
	}
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	opts := graph.TSPOptions{Open: in.Open || in.End != "", ExactLimit: in.ExactLimit, Seed: in.Seed}
	if in.Start != "" {
		i, ok := index[in.Start]
		if !ok {
			return TSPOutput{}, fmt.Errorf("start: unknown node %q", in.Start)
		}
		opts.Start = i
	} else if opts.Open {
		opts.FreeStart = true
	}
	if in.End != "" {
		i, ok := index[in.End]
		if !ok {
			return TSPOutput{}, fmt.Errorf("end: unknown node %q", in.End)
		}
		opts.FixEnd, opts.End = true, i
	}
	t, err := graph.TSP(ctx, dist, opts)
	if err != nil {
		return TSPOutput{}, err
	}
	out := TSPOutput{Closed: !opts.Open, Cost: t.Cost, LowerBound: t.LowerBound, Gap: t.Gap, Exact: t.Exact, Method: t.Method}
	for _, i := range t.Order {
		out.Order = append(out.Order, names[i])
	}
	if len(in.Edges) > 0 {
		g, err := doc.Graph()
		if err != nil {
			return TSPOutput{}, err
		}
		hops := len(out.Order) - 1
		if out.Closed && len(out.Order) > 1 {
			hops++
		}
		for h := range hops {
			a, b := out.Order[h], out.Order[(h+1)%len(out.Order)]
			p, err := g.ShortestPath(context.WithoutCancel(ctx), a, b, graph.PathOptions{})
			if err != nil {
				return TSPOutput{}, err
			}
			out.Legs = append(out.Legs, Leg{From: a, To: b, Cost: p.Cost, Path: p.Nodes})
		}
	}
	return out, nil
}

// Toposort runs graph.toposort.
func Toposort(_ context.Context, in ToposortInput) (ToposortOutput, error) {
	g, err := in.Graph()
	if err != nil {
		return ToposortOutput{}, err
	}
	res, err := g.TopoSort()
	if err != nil {
		return ToposortOutput{}, fmt.Errorf("%w (set \"directed\": true)", err)
	}
	return ToposortOutput{Acyclic: res.Acyclic, Order: res.Order, Cycle: res.Cycle}, nil
}

// MaxFlow runs graph.maxflow.
func MaxFlow(ctx context.Context, in MaxFlowInput) (MaxFlowOutput, error) {
	g, err := in.Graph()
	if err != nil {
		return MaxFlowOutput{}, err
	}
	ctx, cancel, err := withLimit(ctx, in.TimeLimitMS)
	if err != nil {
		return MaxFlowOutput{}, err
	}
	defer cancel()
	f, err := g.MaxFlow(ctx, in.Source, in.Sink)
	if err != nil {
		return MaxFlowOutput{}, err
	}
	edges := g.Edges()
	out := MaxFlowOutput{Value: f.Value, Flows: []EdgeFlow{},
		MinCut: MinCut{SourceSide: f.SourceSide, Edges: []CutEdge{}, Capacity: f.CutCapacity}}
	for i, x := range f.EdgeFlow {
		if x != 0 {
			out.Flows = append(out.Flows, EdgeFlow{i, edges[i].From, edges[i].To, x})
		}
	}
	for _, i := range f.CutEdges {
		out.MinCut.Edges = append(out.MinCut.Edges, CutEdge{i, edges[i].From, edges[i].To, edges[i].Weight})
	}
	return out, nil
}

// AllPairs runs graph.all_pairs.
func AllPairs(ctx context.Context, in AllPairsInput) (AllPairsOutput, error) {
	g, err := in.Graph()
	if err != nil {
		return AllPairsOutput{}, err
	}
	ctx, cancel, err := withLimit(ctx, in.TimeLimitMS)
	if err != nil {
		return AllPairsOutput{}, err
	}
	defer cancel()
	alg := graph.Algorithm(in.Algorithm)
	if alg == "auto" {
		alg = graph.Auto
	}
	m, err := g.AllPairs(ctx, alg)
	var nc *graph.NegativeCycleError
	if errors.As(err, &nc) {
		name := in.Algorithm
		if alg == graph.Auto {
			name = string(graph.Johnson)
		}
		return AllPairsOutput{Nodes: g.Nodes(), NegativeCycle: nc.Cycle, Algorithm: name}, nil
	}
	if err != nil {
		return AllPairsOutput{}, err
	}
	out := AllPairsOutput{Nodes: m.Names, Dist: make([][]*float64, len(m.Dist)), Algorithm: string(m.Algorithm)}
	for i, row := range m.Dist {
		out.Dist[i] = make([]*float64, len(row))
		for j, d := range row {
			if !math.IsInf(d, 1) {
				out.Dist[i][j] = fptr(d)
			}
		}
	}
	return out, nil
}
