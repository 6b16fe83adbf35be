package builtin

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/plankit/plankit/solvers/sat"
	"github.com/plankit/plankit/tools"
)

// SATInput is the input of sat.solve.
type SATInput struct {
	DIMACS      string  `json:"dimacs,omitempty" jsonschema:"the formula as DIMACS CNF text (give this or clauses)"`
	Clauses     [][]int `json:"clauses,omitempty" jsonschema:"the formula as a list of clauses, each a list of non-zero DIMACS literals"`
	Assumptions []int   `json:"assumptions,omitempty" jsonschema:"literals assumed true for this call; an unsat answer then carries a core of failed assumptions"`
	TimeLimitMS int     `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds; status is unknown when it expires"`
	MaxModels   int     `json:"max_models,omitempty" jsonschema:"enumerate up to this many distinct models (default 1)"`
}

// SATOutput is the output of sat.solve.
type SATOutput struct {
	Status     string  `json:"status" jsonschema:"sat, unsat or unknown"`
	Model      []int   `json:"model,omitempty" jsonschema:"a satisfying assignment as DIMACS literals 1..num_vars, positive when true"`
	Models     [][]int `json:"models,omitempty" jsonschema:"all models found when max_models > 1"`
	Complete   bool    `json:"complete,omitempty" jsonschema:"with max_models > 1: true when every model was listed"`
	Core       []int   `json:"core,omitempty" jsonschema:"failed assumptions: a subset of the assumptions that is already unsatisfiable"`
	NumVars    int     `json:"num_vars"`
	NumClauses int     `json:"num_clauses"`
}

func registerSAT(r *tools.Registry) error {
	return tools.Add(r, "sat.solve",
		"Decide a CNF formula (DIMACS text or a clause list) with the gini CDCL solver; returns sat/unsat/unknown, a model checked against every clause, and a core of failed assumptions when unsat under assumptions.",
		solveSAT)
}

func solveSAT(ctx context.Context, in SATInput) (SATOutput, error) {
	var f *sat.Formula
	switch {
	case in.DIMACS != "" && len(in.Clauses) > 0:
		return SATOutput{}, errors.New("give either dimacs or clauses, not both")
	case in.DIMACS != "":
		var err error
		if f, err = sat.ReadDIMACS(strings.NewReader(in.DIMACS)); err != nil {
			return SATOutput{}, err
		}
	default:
		f = sat.New()
		for i, c := range in.Clauses {
			lits := make([]sat.Lit, len(c))
			for j, l := range c {
				if l == 0 || l > sat.MaxVars || l < -sat.MaxVars {
					return SATOutput{}, fmt.Errorf("clauses[%d][%d]: literal %d must be non-zero with |literal| ≤ %d", i, j, l, sat.MaxVars)
				}
				lits[j] = sat.Lit(l)
			}
			f.AddClause(lits...)
		}
	}
	if in.TimeLimitMS < 0 || in.MaxModels < 0 {
		return SATOutput{}, errors.New("time_limit_ms and max_models must not be negative")
	}
	assume := make([]sat.Lit, len(in.Assumptions))
	for i, a := range in.Assumptions {
		if a == 0 || a > sat.MaxVars || a < -sat.MaxVars {
			return SATOutput{}, fmt.Errorf("assumptions[%d]: literal %d must be non-zero with |literal| ≤ %d", i, a, sat.MaxVars)
		}
		assume[i] = sat.Lit(a)
	}
	if in.TimeLimitMS > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(in.TimeLimitMS)*time.Millisecond)
		defer cancel()
	}
	return SolveFormula(ctx, f, assume, in.MaxModels)
}

// SolveFormula solves f under assume, enumerating up to maxModels models
// when maxModels > 1, and checks every model against the clauses before
// returning it. A context deadline yields status "unknown", not an error.
func SolveFormula(ctx context.Context, f *sat.Formula, assume []sat.Lit, maxModels int) (SATOutput, error) {
	clauses := f.Clauses()
	out := SATOutput{NumVars: f.NumVars(), NumClauses: f.NumClauses()}
	if maxModels > 1 {
		nv := f.NumVars()
		proj := make([]int, nv)
		for i := range proj {
			proj[i] = i + 1
		}
		n, complete, err := f.Enumerate(ctx, sat.EnumOptions{Limit: maxModels, Project: proj, Assumptions: assume}, func(r sat.Result) bool {
			out.Models = append(out.Models, litsToInts(r.Lits()[:nv]))
			return true
		})
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return SATOutput{}, err
		}
		out.Complete = complete
		switch {
		case n > 0:
			out.Status = "sat"
			out.Model = out.Models[0]
		case complete:
			out.Status = "unsat"
		default:
			out.Status = "unknown"
		}
		for _, m := range out.Models {
			if ok, c := sat.CheckModel(clauses[:out.NumClauses], intsToModel(m)); !ok {
				return SATOutput{}, fmt.Errorf("internal error: model falsifies clause %d", c+1)
			}
		}
		return out, nil
	}
	res, err := f.Solve(ctx, sat.Options{Assumptions: assume})
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return SATOutput{}, err
	}
	out.Status = res.Status.String()
	if res.Status == sat.Satisfiable {
		if ok, c := sat.CheckModel(clauses, res.Model); !ok {
			return SATOutput{}, fmt.Errorf("internal error: model falsifies clause %d", c+1)
		}
		out.Model = litsToInts(res.Lits())
	}
	out.Core = litsToInts(res.Core)
	slices.SortFunc(out.Core, func(a, b int) int { return cmp.Compare(abs(a), abs(b)) })
	return out, nil
}

func litsToInts(ls []sat.Lit) []int {
	if ls == nil {
		return nil
	}
	out := make([]int, len(ls))
	for i, l := range ls {
		out[i] = int(l)
	}
	return out
}

func intsToModel(m []int) []bool {
	model := make([]bool, len(m)+1)
	for _, l := range m {
		if l > 0 {
			model[l] = true
		}
	}
	return model
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
