package graph

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// TSP size limits.
const (
	// DefaultExactLimit is the largest node count TSP solves exactly by
	// default.
	DefaultExactLimit = 16
	// MaxExactLimit is the largest allowed TSPOptions.ExactLimit (the
	// Held–Karp table of 2^18·18 float64s takes 38 MB).
	MaxExactLimit = 18
	// MaxTSPNodes bounds the matrix size TSP accepts.
	MaxTSPNodes = 5000
)

// TSPOptions selects the kind of route and the solver effort. The zero
// value asks for a closed tour through every node, solved exactly up to
// DefaultExactLimit nodes.
type TSPOptions struct {
	// Open asks for a Hamiltonian path (no return to the start) instead of a
	// closed tour.
	Open bool
	// Start is the first node. For a closed tour it only rotates the answer.
	Start int
	// FreeStart (Open only) lets the path start anywhere; Start is ignored.
	FreeStart bool
	// FixEnd (Open only) makes End the last node.
	FixEnd bool
	End    int
	// ExactLimit is the largest node count solved exactly by Held–Karp
	// (0 means DefaultExactLimit, at most MaxExactLimit; negative means
	// always use the heuristic).
	ExactLimit int
	// Seed drives the heuristic's random kicks (the answer is a function of
	// the input and the seed).
	Seed uint64
	// Kicks is the number of iterated-local-search perturbations of the
	// heuristic; 0 chooses a default that grows with n, negative means none.
	Kicks int
}

// Tour is the answer of TSP.
type Tour struct {
	// Order lists the node indices in visiting order. A closed tour starts
	// at Start and returns to it after the last entry (not repeated).
	Order []int
	// Cost is the length of the route under the matrix (the closing edge
	// included for a closed tour).
	Cost float64
	// LowerBound is a proven lower bound on the optimal cost; Gap is
	// (Cost − LowerBound)/Cost, so the route is at most Gap·Cost worse
	// than optimal. Both equal Cost and 0 when Exact.
	LowerBound float64
	Gap        float64
	// Exact reports that Cost is proven optimal (Held–Karp, or a heuristic
	// route that met the lower bound).
	Exact bool
	// Method names how the route and bound were obtained.
	Method string
}

// TSP finds a shortest closed tour or Hamiltonian path through every node
// of the distance matrix dist (dist[i][j] is the cost of going from i to j;
// it may be asymmetric; the diagonal is ignored). Up to ExactLimit nodes it
// runs the Held–Karp dynamic programme and the answer is optimal. Above
// that it builds a nearest-neighbour route improved by 2-opt (symmetric
// matrices) and Or-opt moves inside an iterated local search, and proves a
// lower bound: the Held–Karp 1-tree bound with subgradient optimisation
// for symmetric matrices, the assignment bound for asymmetric ones. The
// context cancels the exact search (with an error) and cuts the
// heuristic's improvement and bound loops short (with a valid answer).
func TSP(ctx context.Context, dist [][]float64, opts TSPOptions) (*Tour, error) {
	n := len(dist)
	if err := checkMatrix(dist); err != nil {
		return nil, err
	}
	if err := checkTSPOptions(n, &opts); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: tsp: %w", err)
	}
	limit := opts.ExactLimit
	if limit == 0 {
		limit = DefaultExactLimit
	}
	if n <= limit || n <= 3 {
		order, err := heldKarp(ctx, dist, opts)
		if err != nil {
			return nil, err
		}
		c := RouteCost(dist, order, !opts.Open)
		return &Tour{Order: order, Cost: c, LowerBound: c, Exact: true, Method: "held-karp"}, nil
	}
	return heuristicTSP(ctx, dist, opts)
}

func checkMatrix(dist [][]float64) error {
	n := len(dist)
	if n == 0 {
		return fmt.Errorf("%w: matrix: empty", ErrInvalid)
	}
	if n > MaxTSPNodes {
		return fmt.Errorf("%w: matrix: %d nodes (limit %d)", ErrTooLarge, n, MaxTSPNodes)
	}
	for i, row := range dist {
		if len(row) != n {
			return fmt.Errorf("%w: matrix[%d]: has %d entries, want %d (the matrix must be square)", ErrInvalid, i, len(row), n)
		}
		for j, d := range row {
			if i == j {
				continue
			}
			if !finite(d) {
				return fmt.Errorf("%w: matrix[%d][%d]: %v is not a finite number", ErrInvalid, i, j, d)
			}
			if d > MaxWeight {
				return fmt.Errorf("%w: matrix[%d][%d]: %v exceeds the limit %g", ErrInvalid, i, j, d, MaxWeight)
			}
			if d < 0 {
				return fmt.Errorf("%w: matrix[%d][%d]: negative distance %v", ErrNegativeWeight, i, j, d)
			}
		}
	}
	return nil
}

func checkTSPOptions(n int, o *TSPOptions) error {
	if o.ExactLimit > MaxExactLimit {
		return fmt.Errorf("%w: exact limit %d: at most %d", ErrInvalid, o.ExactLimit, MaxExactLimit)
	}
	if !o.Open {
		if o.FreeStart || o.FixEnd {
			return fmt.Errorf("%w: a closed tour has no free start or fixed end (set open)", ErrInvalid)
		}
	}
	if o.FreeStart {
		o.Start = 0
	} else if o.Start < 0 || o.Start >= n {
		return fmt.Errorf("%w: start %d: want a node index in 0..%d", ErrInvalid, o.Start, n-1)
	}
	if o.FixEnd {
		if o.End < 0 || o.End >= n {
			return fmt.Errorf("%w: end %d: want a node index in 0..%d", ErrInvalid, o.End, n-1)
		}
		if !o.FreeStart && o.End == o.Start && n > 1 {
			return fmt.Errorf("%w: start and end are both node %d (use a closed tour)", ErrInvalid, o.End)
		}
	}
	return nil
}

// RouteCost returns the cost of visiting order in turn, plus the closing
// edge back to the first node when closed.
func RouteCost(dist [][]float64, order []int, closed bool) float64 {
	c := 0.0
	for i := 0; i+1 < len(order); i++ {
		c += dist[order[i]][order[i+1]]
	}
	if closed && len(order) > 1 {
		c += dist[order[len(order)-1]][order[0]]
	}
	return c
}

// heldKarp is the O(2^m·m²) dynamic programme over subsets of the m nodes
// other than a fixed start (or all n when the start is free).
func heldKarp(ctx context.Context, dist [][]float64, o TSPOptions) ([]int, error) {
	n := len(dist)
	if n == 1 {
		return []int{0}, nil
	}
	// idx lists the nodes the subsets range over.
	var idx []int
	for v := range n {
		if o.FreeStart || v != o.Start {
			idx = append(idx, v)
		}
	}
	m := len(idx)
	full := 1<<m - 1
	dp := make([]float64, (full+1)*m)
	for i := range dp {
		dp[i] = math.Inf(1)
	}
	for j, v := range idx {
		if o.FreeStart {
			dp[(1<<j)*m+j] = 0
		} else {
			dp[(1<<j)*m+j] = dist[o.Start][v]
		}
	}
	for mask := 1; mask <= full; mask++ {
		if mask&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("graph: tsp (held-karp): %w", err)
			}
		}
		row := dp[mask*m : mask*m+m]
		for j := range m {
			cur := row[j]
			if mask&(1<<j) == 0 || math.IsInf(cur, 1) {
				continue
			}
			dj := dist[idx[j]]
			for k := range m {
				if mask&(1<<k) != 0 {
					continue
				}
				nm := mask | 1<<k
				if c := cur + dj[idx[k]]; c < dp[nm*m+k] {
					dp[nm*m+k] = c
				}
			}
		}
	}
	// Choose the last node.
	last, best := -1, math.Inf(1)
	for j, v := range idx {
		if o.FixEnd && v != o.End {
			continue
		}
		c := dp[full*m+j]
		if !o.Open {
			c += dist[v][o.Start]
		}
		if c < best {
			last, best = j, c
		}
	}
	// Walk back through the table.
	rev := []int{idx[last]}
	mask, j := full, last
	for mask&(mask-1) != 0 {
		prev := mask ^ 1<<j
		want := dp[mask*m+j]
		found := -1
		for i := range m {
			if prev&(1<<i) != 0 && dp[prev*m+i]+dist[idx[i]][idx[j]] == want {
				found = i
				break
			}
		}
		if found < 0 {
			return nil, fmt.Errorf("graph: tsp (held-karp): internal error reconstructing the route")
		}
		mask, j = prev, found
		rev = append(rev, idx[j])
	}
	if !o.FreeStart {
		rev = append(rev, o.Start)
	}
	slices.Reverse(rev)
	return rev, nil
}
