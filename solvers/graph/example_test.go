package graph_test

import (
	"context"
	"fmt"

	"github.com/plankit/plankit/solvers/graph"
)

func ExampleGraph_ShortestPath() {
	g := graph.New(true)
	g.AddEdge("home", "bakery", 2)
	g.AddEdge("bakery", "office", 3)
	g.AddEdge("home", "office", 7)
	p, err := g.ShortestPath(context.Background(), "home", "office", graph.PathOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Nodes, p.Cost, p.Algorithm)
	// Output: [home bakery office] 5 dijkstra
}

func ExampleGraph_KShortestPaths() {
	g := graph.New(false)
	g.AddEdge("a", "b", 1)
	g.AddEdge("b", "d", 1)
	g.AddEdge("a", "c", 1)
	g.AddEdge("c", "d", 2)
	ps, _ := g.KShortestPaths(context.Background(), "a", "d", 3)
	for _, p := range ps {
		fmt.Println(p.Nodes, p.Cost)
	}
	// Output:
	// [a b d] 2
	// [a c d] 3
}

func ExampleGraph_TopoSort() {
	g := graph.New(true)
	g.AddEdge("wake", "coffee", 1)
	g.AddEdge("coffee", "work", 1)
	g.AddEdge("work", "coffee", 1)
	res, _ := g.TopoSort()
	fmt.Println(res.Acyclic, res.Cycle)
	// Output: false [coffee work]
}

func ExampleGraph_MaxFlow() {
	g := graph.New(true)
	g.AddEdge("s", "a", 3)
	g.AddEdge("s", "b", 2)
	g.AddEdge("a", "t", 2)
	g.AddEdge("b", "t", 3)
	g.AddEdge("a", "b", 1)
	f, _ := g.MaxFlow(context.Background(), "s", "t")
	fmt.Println(f.Value, f.SourceSide, f.CutCapacity)
	// Output: 5 [s] 5
}

func ExampleTSP() {
	dist := [][]float64{
		{0, 2, 9, 10},
		{1, 0, 6, 4},
		{15, 7, 0, 8},
		{6, 3, 12, 0},
	}
	t, _ := graph.TSP(context.Background(), dist, graph.TSPOptions{})
	fmt.Println(t.Order, t.Cost, t.Exact)
	// Output: [0 2 3 1] 21 true
}
