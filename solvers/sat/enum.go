package sat

import (
	"context"
	"slices"
)

// EnumOptions controls Enumerate.
type EnumOptions struct {
	// Limit stops after this many models; zero means all.
	Limit int
	// Project restricts models to these variables: two models that agree on
	// them count once. Empty means all variables present when Enumerate starts.
	Project []int
	// Assumptions hold for every solve of the enumeration.
	Assumptions []Lit
}

// Enumerate calls yield with each model (projected as in opts) until there are
// no more, the limit is reached, yield returns false or ctx is done. Each model
// found is excluded by a blocking clause added to f, so f keeps those clauses
// afterwards. It returns the number of models yielded and whether the
// enumeration was exhaustive.
func (f *Formula) Enumerate(ctx context.Context, opts EnumOptions, yield func(Result) bool) (n int, complete bool, err error) {
	proj := slices.Clone(opts.Project)
	if len(proj) == 0 {
		for v := 1; v <= f.nvars; v++ {
			proj = append(proj, v)
		}
	}
	for {
		if opts.Limit > 0 && n >= opts.Limit {
			return n, false, nil
		}
		res, err := f.Solve(ctx, Options{Assumptions: opts.Assumptions})
		if err != nil {
			return n, false, err
		}
		switch res.Status {
		case Unsatisfiable:
			return n, true, nil
		case Unknown:
			return n, false, nil
		}
		n++
		if !yield(res) {
			return n, false, nil
		}
		block := make([]Lit, 0, len(proj))
		for _, v := range proj {
			if res.Model[v] {
				block = append(block, Lit(-v))
			} else {
				block = append(block, Lit(v))
			}
		}
		if len(block) == 0 {
			return n, true, nil
		}
		f.AddClause(block...)
	}
}
