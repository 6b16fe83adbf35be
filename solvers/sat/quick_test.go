package sat

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

func TestQuickSolveAgainstBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		n := 1 + rng.IntN(10)
		f := New()
		f.EnsureVars(n)
		for range rng.IntN(5 * n) {
			c := make([]Lit, 1+rng.IntN(3))
			for i := range c {
				c[i] = Lit(1 + rng.IntN(n))
				if rng.IntN(2) == 0 {
					c[i] = -c[i]
				}
			}
			f.AddClause(c...)
		}
		// Several incremental calls under different assumptions.
		for range 4 {
			var assume []Lit
			for range rng.IntN(3) {
				l := Lit(1 + rng.IntN(n))
				if rng.IntN(2) == 0 {
					l = -l
				}
				assume = append(assume, l)
			}
			want := bruteSat(n, f.Clauses(), assume)
			res, err := f.QuickSolve(context.Background(), Options{Assumptions: assume})
			if err != nil {
				t.Fatal(err)
			}
			if (res.Status == Satisfiable) != (want > 0) || res.Status == Unknown {
				t.Fatalf("seed %d: %v under %v, brute force finds %d models", seed, res.Status, assume, want)
			}
			if res.Status == Satisfiable {
				if ok, c := f.Satisfies(res.Model); !ok {
					t.Fatalf("seed %d: model falsifies clause %d", seed, c)
				}
				for _, a := range assume {
					if !res.Value(a) {
						t.Fatalf("seed %d: model violates assumption %d", seed, a)
					}
				}
			}
			if res.Status == Unsatisfiable && len(res.Core) > 0 && bruteSat(n, f.Clauses(), res.Core) != 0 {
				t.Fatalf("seed %d: core %v is not contradictory", seed, res.Core)
			}
			if res.Status == Unsatisfiable && len(res.Core) == 0 {
				break // refuted outright: nothing more to ask
			}
		}
	}
}

func TestQuickSolveLimits(t *testing.T) {
	res, err := Pigeonhole(13, 12).QuickSolve(context.Background(), Options{Timeout: 30 * time.Millisecond})
	if err != nil || res.Status != Unknown {
		t.Fatalf("timeout: %v %v", res.Status, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Pigeonhole(13, 12).QuickSolve(ctx, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if res, err := Pigeonhole(13, 12).QuickSolve(ctx, Options{}); !errors.Is(err, context.DeadlineExceeded) || res.Status != Unknown {
		t.Fatalf("deadline: %v %v", res.Status, err)
	}
	f := New()
	f.AddClause(1, 0)
	if _, err := f.QuickSolve(context.Background(), Options{}); !errors.Is(err, ErrBadLiteral) {
		t.Fatalf("zero literal: err %v", err)
	}
	if _, err := New().QuickSolve(context.Background(), Options{Assumptions: []Lit{0}}); !errors.Is(err, ErrBadLiteral) {
		t.Fatalf("zero assumption: err %v", err)
	}
	if res, err := Pigeonhole(6, 5).QuickSolve(context.Background(), Options{}); err != nil || res.Status != Unsatisfiable {
		t.Fatalf("php 6/5: %v %v", res.Status, err)
	}
}

// BenchmarkQuickSolveTrivial and BenchmarkSolveTrivial show the per-call
// overhead on a formula gini decides in microseconds.
func BenchmarkQuickSolveTrivial(b *testing.B) {
	f := New()
	f.AddClause(1, 2)
	for b.Loop() {
		if _, err := f.QuickSolve(context.Background(), Options{Assumptions: []Lit{-1}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolveTrivial(b *testing.B) {
	f := New()
	f.AddClause(1, 2)
	for b.Loop() {
		if _, err := f.Solve(context.Background(), Options{Assumptions: []Lit{-1}}); err != nil {
			b.Fatal(err)
		}
	}
}
