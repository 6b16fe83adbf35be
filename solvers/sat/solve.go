package sat

import (
	"context"
	"fmt"
	"time"

	"github.com/go-air/gini"
	"github.com/go-air/gini/z"
)

// Status is the outcome of a solve.
type Status int

// Solve outcomes.
const (
	Unknown Status = iota
	Satisfiable
	Unsatisfiable
)

// String returns "sat", "unsat" or "unknown".
func (s Status) String() string {
	switch s {
	case Satisfiable:
		return "sat"
	case Unsatisfiable:
		return "unsat"
	}
	return "unknown"
}

// Options controls one call to Solve.
type Options struct {
	// Assumptions are literals assumed true for this call only. When the
	// formula is unsatisfiable under them, Result.Core holds a subset of
	// them that is already contradictory.
	Assumptions []Lit
	// Timeout bounds the wall-clock time of the call; zero means no limit
	// beyond the context's.
	Timeout time.Duration
}

// Result is the outcome of Solve.
type Result struct {
	Status Status
	// Model is indexed by variable (index 0 unused) when Status is Satisfiable.
	Model []bool
	// Core is the set of failed assumptions when Status is Unsatisfiable
	// under assumptions; it is empty when the formula itself is unsatisfiable.
	Core []Lit
}

// Value returns the truth value of l in the model.
func (r Result) Value(l Lit) bool {
	v := l.Var()
	if v >= len(r.Model) {
		return l < 0
	}
	return r.Model[v] == (l > 0)
}

// Lits returns the model as DIMACS literals 1..n (positive when true).
func (r Result) Lits() []Lit {
	if len(r.Model) == 0 {
		return nil
	}
	out := make([]Lit, 0, len(r.Model)-1)
	for v := 1; v < len(r.Model); v++ {
		if r.Model[v] {
			out = append(out, Lit(v))
		} else {
			out = append(out, Lit(-v))
		}
	}
	return out
}

// engine is the incremental gini instance behind a Formula.
type engine struct {
	g     *gini.Gini
	added int // clauses of the formula already given to g
}

func (f *Formula) sync() {
	if f.eng == nil {
		f.eng = &engine{g: gini.NewVc(f.nvars+1, len(f.clauses)+1)}
	}
	g := f.eng.g
	for _, c := range f.clauses[f.eng.added:] {
		for _, l := range c {
			g.Add(z.Dimacs2Lit(int(l)))
		}
		g.Add(z.LitNull)
	}
	f.eng.added = len(f.clauses)
}

// Solve decides the formula under opts. It returns Unknown when the context is
// cancelled or the timeout expires first; the error is then the context's
// error or nil for a timeout.
func (f *Formula) Solve(ctx context.Context, opts Options) (Result, error) {
	if f.bad != nil {
		return Result{}, f.bad
	}
	for _, a := range opts.Assumptions {
		if a == 0 || a.Var() > MaxVars {
			return Result{}, fmt.Errorf("%w: assumption %d", ErrBadLiteral, int(a))
		}
		if a.Var() > f.nvars {
			f.nvars = a.Var()
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if f.unsat {
		// gini must not be asked again once the clauses alone are
		// unsatisfiable (it aborts); the answer cannot change.
		return Result{Status: Unsatisfiable}, nil
	}
	f.sync()
	g := f.eng.g
	if len(opts.Assumptions) > 0 {
		as := make([]z.Lit, len(opts.Assumptions))
		for i, a := range opts.Assumptions {
			as[i] = z.Dimacs2Lit(int(a))
		}
		g.Assume(as...)
	}
	var deadline <-chan time.Time
	if opts.Timeout > 0 {
		t := time.NewTimer(opts.Timeout)
		defer t.Stop()
		deadline = t.C
	}
	code, err := runQuick(ctx, g, deadline)
	switch code {
	case 1:
		model := make([]bool, f.nvars+1)
		top := int(g.MaxVar())
		for v := 1; v <= f.nvars && v <= top; v++ {
			model[v] = g.Value(z.Var(v).Pos())
		}
		return Result{Status: Satisfiable, Model: model}, nil
	case -1:
		res := Result{Status: Unsatisfiable}
		if len(opts.Assumptions) > 0 {
			for _, m := range g.Why(nil) {
				res.Core = append(res.Core, Lit(m.Dimacs()))
			}
		}
		if len(res.Core) == 0 {
			f.unsat = true
		}
		return res, nil
	}
	return Result{Status: Unknown}, err
}
