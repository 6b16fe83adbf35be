package csp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/plankit/plankit/solvers/sat"
)

// Status is the outcome of Solve.
type Status int

// Solve outcomes.
const (
	Unknown    Status = iota // no solution found within the limits, none ruled out
	Feasible                 // a solution; with an objective, not proven optimal
	Optimal                  // a solution with a proven optimal objective (or any solution when there is no objective)
	Infeasible               // proven: no assignment satisfies the constraints
)

// String returns "unknown", "sat", "optimal" or "unsat".
func (s Status) String() string {
	switch s {
	case Feasible:
		return "sat"
	case Optimal:
		return "optimal"
	case Infeasible:
		return "unsat"
	}
	return "unknown"
}

// Options controls Solve and Explain.
type Options struct {
	// Timeout bounds the wall-clock time; zero means the context's limit
	// only. When it expires Solve returns the best answer so far (status
	// Feasible or Unknown) and no error.
	Timeout time.Duration
	// MaxSolutions > 1 lists up to that many distinct solutions (the optimal
	// ones when there is an objective).
	MaxSolutions int
	// AllSolutions lists every solution (at most MaxSolutions when that is
	// positive).
	AllSolutions bool
}

// Solution is the answer of Solve. Every assignment in it has been checked
// against every constraint by Model.Check.
type Solution struct {
	Status Status
	// Values maps each named variable to its value (nil unless Status is
	// Feasible or Optimal).
	Values map[string]int
	// Objective is the objective's value at Values (0 without objective).
	Objective int
	// Bound is the best proven bound on the objective: a lower bound when
	// minimising, an upper bound when maximising; equal to Objective when
	// Status is Optimal.
	Bound int
	// Solutions lists the solutions found when enumerating (Values first);
	// Complete says that the list holds every one of them.
	Solutions []map[string]int
	Complete  bool
	Stats     Stats
}

// Stats describes the SAT encoding and the work done.
type Stats struct {
	Vars    int           // SAT variables
	Clauses int           // SAT clauses
	Solves  int           // SAT calls
	Time    time.Duration // wall-clock time of the whole call
}

// runner drives the incremental SAT solver for one Solve or Explain call.
type runner struct {
	m       *Model
	e       *encoder
	ctx     context.Context
	solves  int
	refuted bool // the formula is unsatisfiable without assumptions
}

func (m *Model) newRunner(ctx context.Context, timeout time.Duration) (*runner, context.CancelFunc, error) {
	e, err := compile(m)
	if err != nil {
		return nil, nil, err
	}
	cancel := func() {}
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	return &runner{m: m, e: e, ctx: ctx}, cancel, nil
}

// solve calls the SAT solver; a deadline gives status Unknown and no error.
//
// Once the formula is unsatisfiable without any assumption (an empty core)
// it stays so whatever is added, and solve answers that without calling
// gini again: gini v1.0.4 can report a bogus model (and abort the process)
// when asked to solve again after such a level-0 refutation.
func (r *runner) solve(assume []sat.Lit) (sat.Result, error) {
	if r.refuted {
		return sat.Result{Status: sat.Unsatisfiable}, nil
	}
	r.solves++
	res, err := r.e.f.QuickSolve(r.ctx, sat.Options{Assumptions: assume})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return sat.Result{Status: sat.Unknown}, nil
		}
		return res, fmt.Errorf("csp: %w", err)
	}
	if res.Status == sat.Unsatisfiable && len(res.Core) == 0 {
		r.refuted = true
	}
	return res, nil
}

// decode reads every variable's value (by index) from a SAT model.
func (r *runner) decode(res sat.Result) []int {
	val := make([]int, len(r.e.vars))
	for i, v := range r.e.vars {
		for j, l := range v.eq {
			if res.Value(l) {
				val[i] = v.vals[j]
				break
			}
		}
	}
	return val
}

// named turns values by index into values by name and checks them against
// every constraint with the independent evaluator.
func (r *runner) named(val []int) (map[string]int, error) {
	out := make(map[string]int, len(r.m.byName))
	for i, d := range r.m.vars {
		out[d.name] = val[i]
	}
	vs, err := r.m.Violations(out)
	if err != nil {
		return nil, fmt.Errorf("csp: internal error: %w", err)
	}
	if len(vs) > 0 {
		return nil, fmt.Errorf("csp: internal error: the SAT model violates %s", vs[0])
	}
	return out, nil
}

func (r *runner) selectors(groups []string) []sat.Lit {
	out := make([]sat.Lit, len(groups))
	for i, g := range groups {
		out[i] = r.e.sel[g]
	}
	return out
}

// Solve finds a solution, or an optimal one when the model has an
// objective (optimality is proven by the SAT solver refuting every better
// bound), or proves that there is none.
func (m *Model) Solve(ctx context.Context, opts Options) (*Solution, error) {
	start := time.Now()
	if opts.MaxSolutions < 0 {
		return nil, fmt.Errorf("csp: MaxSolutions must not be negative, got %d", opts.MaxSolutions)
	}
	r, cancel, err := m.newRunner(ctx, opts.Timeout)
	if err != nil {
		return nil, err
	}
	defer cancel()
	sol, err := r.run(opts)
	if err != nil {
		return nil, err
	}
	sol.Stats = Stats{Vars: r.e.f.NumVars(), Clauses: r.e.f.NumClauses(), Solves: r.solves, Time: time.Since(start)}
	return sol, nil
}

func (r *runner) run(opts Options) (*Solution, error) {
	m := r.m
	assume := r.selectors(m.Groups())
	res, err := r.solve(assume)
	if err != nil {
		return nil, err
	}
	switch res.Status {
	case sat.Unsatisfiable:
		return &Solution{Status: Infeasible}, nil
	case sat.Unknown:
		return &Solution{Status: Unknown}, nil
	}
	val := r.decode(res)
	sol := &Solution{Status: Optimal}
	var d *mdd
	best := 0 // the objective in minimisation form
	if m.obj != nil {
		terms := normTerms(m.obj.terms)
		if m.obj.maximize {
			terms = negTerms(terms)
		}
		d = r.e.newMDD(terms)
		best = sum(terms, val)
		lb := 0
		for _, w := range d.views {
			lb += w.c[0]
		}
		for lb < best {
			k := best - 1
			if best-lb > 32 {
				k = lb + (best-1-lb)/2
			}
			bound := d.root(k)
			if r.e.err != nil {
				return nil, r.e.err
			}
			res, err := r.solve(append(slices.Clone(assume), bound))
			if err != nil {
				return nil, err
			}
			if res.Status == sat.Unknown {
				break
			}
			if res.Status == sat.Unsatisfiable {
				lb = k + 1
				continue
			}
			val = r.decode(res)
			best = sum(terms, val)
		}
		sol.Objective, sol.Bound = best, lb
		if lb < best {
			sol.Status = Feasible
		}
		if m.obj.maximize {
			sol.Objective, sol.Bound = -best, -lb
		}
	}
	if sol.Values, err = r.named(val); err != nil {
		return nil, err
	}
	if opts.MaxSolutions <= 1 && !opts.AllSolutions {
		return sol, nil
	}
	sol.Solutions = []map[string]int{sol.Values}
	if sol.Status != Optimal {
		return sol, nil
	}
	if d != nil {
		assume = append(assume, d.root(best)) // only optimal solutions
		if r.e.err != nil {
			return nil, r.e.err
		}
	}
	return sol, r.enumerate(sol, val, assume, opts)
}

// enumerate lists further solutions, each excluded by a blocking clause
// guarded by a fresh literal so that the formula stays reusable.
func (r *runner) enumerate(sol *Solution, val []int, assume []sat.Lit, opts Options) error {
	act := r.e.f.NewVar()
	assume = append(assume, act)
	limit := opts.MaxSolutions
	for {
		cl := []sat.Lit{act.Not()}
		for i := range r.m.vars {
			cl = append(cl, r.e.eqLit(IntVar{id: i + 1}, val[i]).Not())
		}
		r.e.clause(cl...)
		if limit > 0 && len(sol.Solutions) >= limit {
			return nil
		}
		res, err := r.solve(assume)
		if err != nil {
			return err
		}
		switch res.Status {
		case sat.Unsatisfiable:
			sol.Complete = true
			return nil
		case sat.Unknown:
			return nil
		}
		val = r.decode(res)
		vals, err := r.named(val)
		if err != nil {
			return err
		}
		sol.Solutions = append(sol.Solutions, vals)
	}
}
