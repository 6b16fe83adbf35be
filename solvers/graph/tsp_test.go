package graph

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func randomMatrix(rng *rand.Rand, n int, symmetric bool) [][]float64 {
	if symmetric && rng.IntN(2) == 0 {
		pts := make([][]float64, n)
		for i := range pts {
			pts[i] = []float64{rng.Float64() * 100, rng.Float64() * 100}
		}
		return Euclidean(pts)
	}
	d := make([][]float64, n)
	for i := range d {
		d[i] = make([]float64, n)
	}
	for i := range n {
		for j := range n {
			if i == j || (symmetric && j < i) {
				continue
			}
			w := float64(rng.IntN(50))
			if rng.IntN(3) == 0 {
				w = rng.Float64() * 50
			}
			d[i][j] = w
			if symmetric {
				d[j][i] = w
			}
		}
	}
	return d
}

// bruteForce returns the optimal cost over all routes obeying o.
func bruteForce(dist [][]float64, o TSPOptions) float64 {
	n := len(dist)
	best := math.Inf(1)
	perm := make([]int, 0, n)
	used := make([]bool, n)
	var rec func()
	rec = func() {
		if len(perm) == n {
			if o.FixEnd && perm[n-1] != o.End {
				return
			}
			best = min(best, RouteCost(dist, perm, !o.Open))
			return
		}
		for v := range n {
			if used[v] || (len(perm) == 0 && !o.FreeStart && v != o.Start) {
				continue
			}
			used[v] = true
			perm = append(perm, v)
			rec()
			perm = perm[:len(perm)-1]
			used[v] = false
		}
	}
	rec()
	return best
}

func optionsFor(rng *rand.Rand, n int) []TSPOptions {
	s, e := rng.IntN(n), rng.IntN(n)
	if e == s {
		e = (s + 1) % n
	}
	return []TSPOptions{
		{Start: s},
		{Open: true, Start: s},
		{Open: true, Start: s, FixEnd: true, End: e},
		{Open: true, FreeStart: true},
		{Open: true, FreeStart: true, FixEnd: true, End: e},
	}
}

func checkTour(t *testing.T, dist [][]float64, o TSPOptions, tour *Tour) {
	t.Helper()
	if err := checkRoute(tour.Order, len(dist), o); err != nil {
		t.Fatalf("%+v: %v (order %v)", o, err, tour.Order)
	}
	if c := RouteCost(dist, tour.Order, !o.Open); !near(c, tour.Cost) {
		t.Fatalf("order costs %v, reported %v", c, tour.Cost)
	}
	if tour.LowerBound > tour.Cost+1e-9 || tour.LowerBound < 0 {
		t.Fatalf("lower bound %v, cost %v", tour.LowerBound, tour.Cost)
	}
	gap := 0.0
	if tour.Cost > 0 {
		gap = (tour.Cost - tour.LowerBound) / tour.Cost
	}
	if math.Abs(gap-tour.Gap) > 1e-12 || tour.Exact != (tour.Gap == 0) {
		t.Fatalf("gap %v, exact %v, recomputed gap %v", tour.Gap, tour.Exact, gap)
	}
}

func TestHeldKarpAgreesWithBruteForce(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 37))
		n := 1 + rng.IntN(8)
		dist := randomMatrix(rng, n, seed%2 == 0)
		opts := optionsFor(rng, n)
		if n == 1 {
			opts = opts[:2]
		}
		for _, o := range opts {
			tour, err := TSP(ctx, dist, o)
			if err != nil {
				t.Fatalf("seed %d n %d %+v: %v", seed, n, o, err)
			}
			checkTour(t, dist, o, tour)
			if want := bruteForce(dist, o); !near(tour.Cost, want) || !tour.Exact {
				t.Fatalf("seed %d n %d %+v: cost %v, brute force %v", seed, n, o, tour.Cost, want)
			}
		}
	}
}

// TestHeuristicBoundsOptimum forces the heuristic on small instances: its
// lower bound must not exceed the optimum, nor the optimum its cost.
func TestHeuristicBoundsOptimum(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 41))
		n := 4 + rng.IntN(9) // 4..12
		dist := randomMatrix(rng, n, seed%3 != 0)
		for _, o := range optionsFor(rng, n) {
			exact := o
			exact.ExactLimit = MaxExactLimit
			opt, err := TSP(ctx, dist, exact)
			if err != nil {
				t.Fatal(err)
			}
			o.ExactLimit = -1
			o.Seed = seed
			o.Kicks = 50
			tour, err := TSP(ctx, dist, o)
			if err != nil {
				t.Fatalf("seed %d n %d %+v: %v", seed, n, o, err)
			}
			checkTour(t, dist, o, tour)
			if tour.LowerBound > opt.Cost+1e-9*max(1, opt.Cost) || tour.Cost < opt.Cost-1e-9 {
				t.Fatalf("seed %d n %d %+v: bound %v, optimum %v, heuristic %v", seed, n, o, tour.LowerBound, opt.Cost, tour.Cost)
			}
			if n <= 8 {
				if bf := bruteForce(dist, o); !near(bf, opt.Cost) {
					t.Fatalf("held-karp %v, brute force %v", opt.Cost, bf)
				}
			}
		}
	}
}

func TestHeuristicLarger(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 43))
		n := 17 + rng.IntN(40)
		sym := seed%3 != 0
		dist := randomMatrix(rng, n, sym)
		for i, o := range optionsFor(rng, n) {
			o.Seed = seed
			if i > 0 {
				o.Kicks = 300 // the default (20 n) runs once per instance
			}
			tour, err := TSP(ctx, dist, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTour(t, dist, o, tour)
			if tour.Exact && tour.Method == "held-karp" {
				t.Fatalf("n %d solved by held-karp", n)
			}
			// The heuristic route is no worse than nearest neighbour.
			if nn := RouteCost(dist, nearestNeighbour(dist, o), !o.Open); tour.Cost > nn+1e-9 {
				t.Fatalf("seed %d: heuristic %v worse than nearest neighbour %v", seed, tour.Cost, nn)
			}
			if sym && tour.Gap > 0.1 {
				t.Errorf("seed %d n %d %+v: gap %.3f on a symmetric instance", seed, n, o, tour.Gap)
			}
		}
	}
}

func TestTSPErrors(t *testing.T) {
	ctx := context.Background()
	sq := [][]float64{{0, 1}, {1, 0}}
	cases := []struct {
		name string
		dist [][]float64
		o    TSPOptions
		want error
	}{
		{"empty", nil, TSPOptions{}, ErrInvalid},
		{"ragged", [][]float64{{0, 1}, {1}}, TSPOptions{}, ErrInvalid},
		{"nan", [][]float64{{0, math.NaN()}, {1, 0}}, TSPOptions{}, ErrInvalid},
		{"inf", [][]float64{{0, math.Inf(1)}, {1, 0}}, TSPOptions{}, ErrInvalid},
		{"huge", [][]float64{{0, 1e300}, {1, 0}}, TSPOptions{}, ErrInvalid},
		{"negative", [][]float64{{0, -1}, {1, 0}}, TSPOptions{}, ErrNegativeWeight},
		{"start", sq, TSPOptions{Start: 2}, ErrInvalid},
		{"end", sq, TSPOptions{Open: true, FixEnd: true, End: -1}, ErrInvalid},
		{"closed-end", sq, TSPOptions{FixEnd: true, End: 1}, ErrInvalid},
		{"start-is-end", sq, TSPOptions{Open: true, FixEnd: true, End: 0}, ErrInvalid},
		{"exact-limit", sq, TSPOptions{ExactLimit: 30}, ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := TSP(ctx, tc.dist, tc.o); !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
		})
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := TSP(cctx, sq, TSPOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// TestHeuristicCancelled: a cancelled context mid-way still yields a valid
// route with a valid (maybe weaker) bound.
func TestHeuristicCancelled(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 47))
	dist := randomMatrix(rng, 300, true)
	ctx, cancel := context.WithCancel(context.Background())
	// Cancel from the first context check inside the search.
	go cancel()
	tour, err := heuristicTSP(ctx, dist, TSPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkTour(t, dist, TSPOptions{}, tour)
}
