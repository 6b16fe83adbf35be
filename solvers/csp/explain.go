package csp

import (
	"context"
	"fmt"
	"slices"

	"github.com/plankit/plankit/solvers/sat"
)

// Explanation says why a model is infeasible, in terms of its constraint
// groups. Constraints without a group count as hard: they are never relaxed.
type Explanation struct {
	// Feasible is true when the model has a solution: nothing to explain.
	Feasible bool
	// HardInfeasible is true when the hard constraints are infeasible by
	// themselves, so that no relaxation of groups helps; Relax and Core are
	// then empty.
	HardInfeasible bool
	// Relax is a minimal correction set: dropping every group in it makes
	// the model feasible, and dropping all of them but any one does not.
	Relax []string
	// Core is a minimal unsatisfiable subset: these groups (with the hard
	// constraints) are infeasible together, and dropping any one of them
	// makes the rest feasible.
	Core []string
}

// Explain decides whether the model is feasible and, when it is not,
// returns a minimal set of groups to relax and a minimal infeasible core of
// groups. When there is a choice, groups declared earlier are kept: the
// relaxation is the greedy one in declaration order. Every group has a selector literal s with s → (its constraints),
// and the SAT solver is called under assumptions: a group is kept when its
// selector is assumed, dropped when it is not. The objective is ignored.
// When the time runs out the error wraps context.DeadlineExceeded.
func (m *Model) Explain(ctx context.Context, opts Options) (*Explanation, error) {
	r, cancel, err := m.newRunner(ctx, opts.Timeout)
	if err != nil {
		return nil, err
	}
	defer cancel()
	groups := m.Groups()
	// decide reports whether the model with only keep's groups is feasible;
	// when it is, it also returns the groups that the model found happens
	// to satisfy, and when it is not, the failed assumptions as groups.
	decide := func(keep []string) (bool, []string, error) {
		res, err := r.solve(r.selectors(keep))
		if err != nil {
			return false, nil, err
		}
		switch res.Status {
		case sat.Unknown:
			return false, nil, fmt.Errorf("csp: explain: %w", context.DeadlineExceeded)
		case sat.Unsatisfiable:
			failed := map[sat.Lit]bool{}
			for _, l := range res.Core {
				failed[l] = true
			}
			var core []string
			for _, g := range keep {
				if failed[r.e.sel[g]] {
					core = append(core, g)
				}
			}
			if len(core) == 0 {
				core = keep // gini names no assumption: keep them all
			}
			return false, core, nil
		}
		good, err := r.satisfiedGroups(r.decode(res), keep)
		return true, good, err
	}

	ok, _, err := decide(groups)
	if err != nil {
		return nil, err
	}
	if ok {
		return &Explanation{Feasible: true}, nil
	}
	ok, satisfied, err := decide(nil)
	if err != nil {
		return nil, err
	}
	if !ok {
		return &Explanation{HardInfeasible: true}, nil
	}

	// Grow a maximal satisfiable set of groups greedily in declaration
	// order; its complement is a minimal correction set. A model that
	// happens to satisfy the next groups too lets us keep them without
	// asking the solver, which is what the greedy order would do anyway.
	kept := map[string]bool{}
	var relax []string
	for i := 0; i < len(groups); {
		for i < len(groups) && slices.Contains(satisfied, groups[i]) {
			kept[groups[i]] = true
			i++
		}
		if i == len(groups) {
			break
		}
		g := groups[i]
		i++
		try := []string{g}
		for _, k := range groups {
			if kept[k] {
				try = append(try, k)
			}
		}
		ok, sat, err := decide(try)
		if err != nil {
			return nil, err
		}
		if !ok {
			relax = append(relax, g)
			satisfied = nil
			continue
		}
		kept[g] = true
		satisfied = sat
	}

	// Shrink the solver's core to a minimal unsatisfiable subset by
	// deletion, refining with each new core found.
	_, core, err := decide(groups)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(core); {
		try := make([]string, 0, len(core)-1)
		try = append(try, core[:i]...)
		try = append(try, core[i+1:]...)
		ok, smaller, err := decide(try)
		if err != nil {
			return nil, err
		}
		if ok {
			i++ // core[i] is needed
		} else {
			core = smaller
		}
	}
	return &Explanation{Relax: relax, Core: core}, nil
}

// satisfiedGroups returns the groups every constraint of which holds at val,
// after checking that the hard constraints and those of keep all hold.
func (r *runner) satisfiedGroups(val []int, keep []string) ([]string, error) {
	values := make(map[string]int, len(r.m.byName))
	for i, d := range r.m.vars {
		values[d.name] = val[i]
	}
	vs, err := r.m.Violations(values)
	if err != nil {
		return nil, fmt.Errorf("csp: internal error: %w", err)
	}
	violated := map[string]bool{}
	kept := map[string]bool{}
	for _, g := range keep {
		kept[g] = true
	}
	for _, v := range vs {
		if v.Group == "" || kept[v.Group] {
			return nil, fmt.Errorf("csp: internal error: the SAT model violates %s", v)
		}
		violated[v.Group] = true
	}
	var out []string
	for _, g := range r.m.Groups() {
		if !violated[g] {
			out = append(out, g)
		}
	}
	return out, nil
}
