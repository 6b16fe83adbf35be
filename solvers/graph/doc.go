// Package graph is plankit's graph layer: shortest paths (Dijkstra, A*,
// Bellman-Ford with negative-cycle reports, all pairs, Yen's k shortest
// simple paths), topological order with a cycle as proof when there is
// none, maximum flow with a minimum cut, and the travelling salesman
// problem — exact by Held–Karp up to 16 nodes (18 on request), above that a
// local-search route with a proven lower bound and its gap. Path and order
// algorithms run on gonum (graph/path, graph/topo); Yen, max-flow and the
// TSP are implemented here.
//
// Graphs have named nodes and float64 weights:
//
//	g := graph.New(true) // directed
//	g.AddEdge("a", "b", 3.5)
//	g.AddEdge("b", "c", 1)
//	p, err := g.ShortestPath(ctx, "a", "c", graph.PathOptions{})
//	// p.Nodes == [a b c], p.Cost == 4.5; p.Reachable is false when no path exists
//
// and the TSP takes a distance matrix:
//
//	t, err := graph.TSP(ctx, dist, graph.TSPOptions{Open: true, Start: 0})
//	// t.Order, t.Cost, t.LowerBound, t.Gap, t.Exact
//
// # JSON input
//
// Tools and the CLI read one JSON object (Decode) in one of three forms.
// A graph:
//
//	{"directed": true,
//	 "nodes": [{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 3, "y": 4}],
//	 "edges": [{"from": "a", "to": "b", "weight": 5}]}
//
// "directed" defaults to false (undirected); "nodes" is optional when the
// edges name every node, and when given every edge must name a listed node;
// "weight" defaults to 1 and is the capacity for max-flow; x and y are
// optional (both or neither) and give A* its Euclidean heuristic. A
// distance matrix, for the TSP:
//
//	{"names": ["depot", "x", "y"], "matrix": [[0, 2, 9], [2, 0, 6], [9, 6, 0]]}
//
// (names optional, default "0", "1", …), or planar points whose Euclidean
// distances form the matrix: {"points": [[0, 0], [3, 4]], "names": [...]}.
// Given a graph, the TSP runs on the cheapest-path costs between its nodes
// (or on Euclidean distances when the nodes have coordinates and there are
// no edges). Numbers must be finite with magnitude at most MaxWeight;
// unknown fields are rejected; every error is one line naming the field.
package graph
