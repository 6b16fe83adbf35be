package graph

import (
	"context"
	"math/rand/v2"
	"testing"
)

func benchGraph(b *testing.B, n, m int) *Graph {
	rng := rand.New(rand.NewPCG(1, 2))
	return randomGraph(b, rng, genOpts{n: n, m: m, directed: true})
}

func BenchmarkDijkstra10kEdges(b *testing.B) {
	g := benchGraph(b, 2000, 10000)
	ctx := context.Background()
	g.compile()
	for b.Loop() {
		if _, err := g.ShortestFrom(ctx, "n0", PathOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAStarGeometric(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	g := randomGraph(b, rng, genOpts{n: 2000, m: 12000, directed: true, coords: true})
	ctx := context.Background()
	for b.Loop() {
		if _, err := g.ShortestPath(ctx, "n0", "n1999", PathOptions{Algorithm: AStar}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllPairs200(b *testing.B) {
	g := benchGraph(b, 200, 2000)
	ctx := context.Background()
	for _, alg := range []Algorithm{RepeatedDijkstra, FloydWarshall, Johnson} {
		b.Run(string(alg), func(b *testing.B) {
			for b.Loop() {
				if _, err := g.AllPairs(ctx, alg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkKShortest10(b *testing.B) {
	g := benchGraph(b, 500, 3000)
	ctx := context.Background()
	for b.Loop() {
		if _, err := g.KShortestPaths(ctx, "n0", "n1", 10); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMaxFlow(b *testing.B) {
	g := benchGraph(b, 2000, 10000)
	ctx := context.Background()
	for b.Loop() {
		if _, err := g.MaxFlow(ctx, "n0", "n1"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHeldKarp14(b *testing.B) {
	dist := randomMatrix(rand.New(rand.NewPCG(5, 6)), 14, false)
	ctx := context.Background()
	for b.Loop() {
		if _, err := TSP(ctx, dist, TSPOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTSPHeuristic200(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	pts := make([][]float64, 200)
	for i := range pts {
		pts[i] = []float64{rng.Float64(), rng.Float64()}
	}
	dist := Euclidean(pts)
	ctx := context.Background()
	for b.Loop() {
		if _, err := TSP(ctx, dist, TSPOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
