package sat

import (
	"context"
	"runtime"
	"time"

	"github.com/go-air/gini"
)

// quickSpin is how long QuickSolve waits for gini by yielding the processor
// before it falls back to timers.
const quickSpin = 200 * time.Microsecond

// QuickSolve is Solve; it is kept for callers written when Solve waited on
// timers and cost about a millisecond per call (Solve now yields the
// processor for its first 200µs, see runQuick).
func (f *Formula) QuickSolve(ctx context.Context, opts Options) (Result, error) {
	return f.Solve(ctx, opts)
}

// runQuick solves in gini's background goroutine: it yields the processor
// for the first 200µs (short incremental calls finish there), then polls
// with growing timers so that the context and deadline are honoured.
func runQuick(ctx context.Context, g *gini.Gini, deadline <-chan time.Time) (int, error) {
	s := g.GoSolve()
	start := time.Now()
	for time.Since(start) < quickSpin {
		if r, ok := s.Test(); ok {
			return r, nil
		}
		runtime.Gosched()
	}
	wait := 50 * time.Microsecond
	for {
		if r, ok := s.Test(); ok {
			return r, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return s.Stop(), ctx.Err()
		case <-deadline:
			t.Stop()
			return s.Stop(), nil
		case <-t.C:
		}
		if wait < 5*time.Millisecond {
			wait *= 2
		}
	}
}
