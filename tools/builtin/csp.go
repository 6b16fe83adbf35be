package builtin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/plankit/plankit/solvers/csp"
	"github.com/plankit/plankit/tools"
)

// MaxListedSolutions caps all_solutions when max_solutions is not given.
const MaxListedSolutions = 10000

// CSPVariable declares one or more variables of a csp.solve model.
type CSPVariable struct {
	Name   string   `json:"name,omitempty" jsonschema:"the variable's name (give name or names)"`
	Names  []string `json:"names,omitempty" jsonschema:"several variables sharing one domain"`
	Min    *int     `json:"min,omitempty" jsonschema:"smallest value of the domain min..max"`
	Max    *int     `json:"max,omitempty" jsonschema:"largest value of the domain min..max"`
	Values []int    `json:"values,omitempty" jsonschema:"the domain as a list of values (instead of min and max)"`
}

// CSPObjective is the optional objective of a csp.solve model.
type CSPObjective struct {
	Minimize []any `json:"minimize,omitempty" jsonschema:"terms to minimise: each [coefficient, \"variable\"] or \"variable\""`
	Maximize []any `json:"maximize,omitempty" jsonschema:"terms to maximise: each [coefficient, \"variable\"] or \"variable\""`
}

// CSPInput is the input of csp.solve: a model in plankit's CSP JSON format
// (see solvers/csp) plus solve options.
type CSPInput struct {
	Description  string           `json:"description,omitempty" jsonschema:"free text about the model"`
	Variables    []CSPVariable    `json:"variables" jsonschema:"integer variables with finite domains"`
	Constraints  []map[string]any `json:"constraints,omitempty" jsonschema:"each an object with one kind key - all_different: [names] or {vars, offsets}; linear: {terms: [[coef, name] or name], op: <= < = != >= >, rhs}; table: {vars, tuples}; element: {index, array: [int or name], value} meaning value = array[index] from 0; and/or: [constraints]; not: constraint; implies/iff: [a, b] - plus optional group (the unit an explanation drops) and name"`
	Objective    *CSPObjective    `json:"objective,omitempty" jsonschema:"a linear objective, proven optimal when status is optimal"`
	TimeLimitMS  int              `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds; the best answer so far is returned when it expires"`
	Explain      bool             `json:"explain,omitempty" jsonschema:"when the model is unsat, compute a minimal set of groups whose removal makes it feasible, and a minimal infeasible core of groups"`
	AllSolutions bool             `json:"all_solutions,omitempty" jsonschema:"list every solution (the optimal ones with an objective), at most max_solutions or 10000"`
	MaxSolutions int              `json:"max_solutions,omitempty" jsonschema:"list up to this many distinct solutions"`
}

// CSPOutput is the output of csp.solve.
type CSPOutput struct {
	Status         string           `json:"status" jsonschema:"optimal (proven; any solution when there is no objective), sat (a solution, optimality not proven in time), unsat (proven infeasible) or unknown"`
	Values         map[string]int   `json:"values,omitempty" jsonschema:"the solution: variable name to value, checked against every constraint"`
	Objective      *int             `json:"objective,omitempty" jsonschema:"the objective's value at values"`
	Bound          *int             `json:"bound,omitempty" jsonschema:"the best proven bound on the objective (equal to objective when optimal)"`
	Solutions      []map[string]int `json:"solutions,omitempty" jsonschema:"with all_solutions or max_solutions: the solutions found, values first"`
	Complete       bool             `json:"complete,omitempty" jsonschema:"with all_solutions or max_solutions: true when solutions lists every one"`
	Explanation    []string         `json:"explanation,omitempty" jsonschema:"with explain on an unsat model: a minimal set of groups whose removal makes the model feasible (keeping any one of them keeps it infeasible)"`
	Core           []string         `json:"core,omitempty" jsonschema:"with explain on an unsat model: a minimal set of groups that is infeasible on its own"`
	HardInfeasible bool             `json:"hard_infeasible,omitempty" jsonschema:"with explain: the constraints without a group are infeasible by themselves, so no relaxation of groups helps"`
	NumVars        int              `json:"num_vars" jsonschema:"SAT variables of the encoding"`
	NumClauses     int              `json:"num_clauses" jsonschema:"SAT clauses of the encoding"`
}

// CSPOptions are the solve options of SolveCSP.
type CSPOptions struct {
	Explain      bool
	AllSolutions bool
	MaxSolutions int
}

func registerCSP(r *tools.Registry) error {
	return tools.Add(r, "csp.solve",
		"Solve a finite-domain constraint model (integer variables; all_different, linear, table, element constraints and and/or/not/implies/iff combinations of them; an optional linear objective) by encoding it to SAT; returns optimal/sat/unsat/unknown, values checked against every constraint, a proven optimal objective, optionally all solutions, and for an unsat model with explain a minimal set of constraint groups to drop.",
		solveCSPTool)
}

func solveCSPTool(ctx context.Context, in CSPInput) (CSPOutput, error) {
	if in.TimeLimitMS < 0 || in.MaxSolutions < 0 {
		return CSPOutput{}, errors.New("time_limit_ms and max_solutions must not be negative")
	}
	doc := struct {
		Description string           `json:"description,omitempty"`
		Variables   []CSPVariable    `json:"variables"`
		Constraints []map[string]any `json:"constraints,omitempty"`
		Objective   *CSPObjective    `json:"objective,omitempty"`
	}{in.Description, in.Variables, in.Constraints, in.Objective}
	if doc.Variables == nil {
		doc.Variables = []CSPVariable{}
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return CSPOutput{}, fmt.Errorf("encoding the model: %w", err)
	}
	m, err := csp.ParseModel(data)
	if err != nil {
		// Line numbers refer to the re-encoded model, not the caller's text.
		var me *csp.ModelError
		if errors.As(err, &me) {
			c := *me
			c.Line = 0
			err = &c
		}
		return CSPOutput{}, err
	}
	if in.TimeLimitMS > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(in.TimeLimitMS)*time.Millisecond)
		defer cancel()
	}
	return SolveCSP(ctx, m, CSPOptions{Explain: in.Explain, AllSolutions: in.AllSolutions, MaxSolutions: in.MaxSolutions})
}

// SolveCSP solves m and shapes the answer as csp.solve's output; the CLI
// uses it too. Every solution is checked against every constraint by the
// csp package before it is returned. A context deadline yields status
// "unknown" (or "sat" with the best solution so far), not an error; an
// explanation cut short by the deadline is left out.
func SolveCSP(ctx context.Context, m *csp.Model, opts CSPOptions) (CSPOutput, error) {
	limit := opts.MaxSolutions
	if opts.AllSolutions && limit == 0 {
		limit = MaxListedSolutions
	}
	sol, err := m.Solve(ctx, csp.Options{MaxSolutions: limit, AllSolutions: opts.AllSolutions})
	if err != nil {
		return CSPOutput{}, err
	}
	out := CSPOutput{
		Status:     sol.Status.String(),
		Values:     sol.Values,
		Solutions:  sol.Solutions,
		Complete:   sol.Complete,
		NumVars:    sol.Stats.Vars,
		NumClauses: sol.Stats.Clauses,
	}
	if m.HasObjective() && sol.Values != nil {
		obj, bound := sol.Objective, sol.Bound
		out.Objective, out.Bound = &obj, &bound
	}
	if sol.Status == csp.Infeasible && opts.Explain {
		ex, err := m.Explain(ctx, csp.Options{})
		switch {
		case errors.Is(err, context.DeadlineExceeded):
		case err != nil:
			return CSPOutput{}, err
		default:
			out.Explanation, out.Core, out.HardInfeasible = ex.Relax, ex.Core, ex.HardInfeasible
		}
	}
	return out, nil
}
