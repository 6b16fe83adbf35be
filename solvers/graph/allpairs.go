package graph

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// All-pairs algorithms.
const (
	// RepeatedDijkstra runs Dijkstra from every node (non-negative weights);
	// it checks the context between sources.
	RepeatedDijkstra Algorithm = "dijkstra"
	// FloydWarshall is gonum's O(n³) Floyd–Warshall.
	FloydWarshall Algorithm = "floyd-warshall"
	// Johnson is gonum's Johnson algorithm (Bellman-Ford reweighting, then
	// Dijkstra from every node): negative weights allowed.
	Johnson Algorithm = "johnson"
)

// Size limits of AllPairs: the distance matrix of MaxAllPairs nodes, and
// gonum's path tables for Floyd–Warshall and Johnson.
const (
	MaxAllPairs       = 4096
	MaxAllPairsGonumN = 1000
)

// Matrix is a dense all-pairs distance matrix: Dist[i][j] is the cost of a
// cheapest path from Names[i] to Names[j], +Inf when there is none.
type Matrix struct {
	Names     []string
	Dist      [][]float64
	Algorithm Algorithm
}

// AllPairs computes the cheapest path cost between every ordered pair of
// nodes. alg is Auto (repeated Dijkstra, or Johnson with negative weights),
// RepeatedDijkstra, FloydWarshall or Johnson. A negative cycle yields a
// *NegativeCycleError.
func (g *Graph) AllPairs(ctx context.Context, alg Algorithm) (*Matrix, error) {
	n := len(g.names)
	if n > MaxAllPairs {
		return nil, fmt.Errorf("%w: all-pairs on %d nodes (limit %d)", ErrTooLarge, n, MaxAllPairs)
	}
	c := g.compile()
	switch alg {
	case Auto, "auto":
		alg = RepeatedDijkstra
		if c.negative {
			alg = Johnson
		}
	case RepeatedDijkstra:
		if c.negative {
			return nil, fmt.Errorf("%w: dijkstra needs non-negative edge weights, and %s (use johnson or floyd-warshall)", ErrNegativeWeight, g.describeEdge(c.firstNeg))
		}
	case FloydWarshall, Johnson:
	default:
		return nil, fmt.Errorf("%w: all-pairs algorithm %q: want dijkstra, floyd-warshall or johnson", ErrInvalid, alg)
	}
	if alg != RepeatedDijkstra && n > MaxAllPairsGonumN {
		return nil, fmt.Errorf("%w: %s on %d nodes (limit %d; use dijkstra)", ErrTooLarge, alg, n, MaxAllPairsGonumN)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: all pairs: %w", err)
	}
	m := &Matrix{Names: g.Nodes(), Dist: make([][]float64, n), Algorithm: alg}
	if alg == RepeatedDijkstra {
		for i := range n {
			if i%16 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("graph: all pairs: %w", err)
				}
			}
			sp := path.DijkstraFrom(simple.Node(i), c.gg)
			row := make([]float64, n)
			for j := range row {
				row[j] = sp.WeightTo(int64(j))
			}
			m.Dist[i] = row
		}
		return m, nil
	}
	var (
		all path.AllShortest
		ok  bool
	)
	if alg == FloydWarshall {
		all, ok = path.FloydWarshall(c.gg)
	} else {
		all, ok = path.JohnsonAllPaths(c.gg)
	}
	if !ok {
		for s := range n {
			if cyc := c.negativeCycleFrom(s); cyc != nil {
				return nil, &NegativeCycleError{Cycle: g.namesOf(cyc)}
			}
		}
		return nil, ErrNegativeCycle
	}
	if len(c.negLoops) > 0 {
		return nil, &NegativeCycleError{Cycle: []string{g.names[c.negLoops[0]]}}
	}
	for i := range n {
		row := make([]float64, n)
		for j := range row {
			row[j] = all.Weight(int64(i), int64(j))
			if i == j {
				row[j] = 0
			}
		}
		m.Dist[i] = row
	}
	return m, nil
}

// Reachable reports whether every ordered pair has a finite distance.
func (m *Matrix) Reachable() bool {
	for _, row := range m.Dist {
		for _, d := range row {
			if math.IsInf(d, 1) {
				return false
			}
		}
	}
	return true
}
