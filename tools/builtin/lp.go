package builtin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/plankit/plankit/solvers/lp"
	"github.com/plankit/plankit/tools"
)

// LPInput is the input of lp.solve.
type LPInput struct {
	LP          string    `json:"lp,omitempty" jsonschema:"the model in CPLEX LP format (give this or model)"`
	Model       *lp.Model `json:"model,omitempty" jsonschema:"the model as JSON: sense, objective, constant, rows [{name, terms, op, rhs}], bounds {var: [lower, upper]} with null for infinite, integers, binaries (give this or lp)"`
	Backend     string    `json:"backend,omitempty" jsonschema:"native (default: the simplex method in Go, with checked certificates) or cbc (the COIN-OR program, when installed)"`
	TimeLimitMS int       `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds"`
}

// MILPInput is the input of milp.solve.
type MILPInput struct {
	LP          string    `json:"lp,omitempty" jsonschema:"the model in CPLEX LP format (give this or model); General and Binary sections mark integer variables"`
	Model       *lp.Model `json:"model,omitempty" jsonschema:"the model as JSON: sense, objective, constant, rows [{name, terms, op, rhs}], bounds {var: [lower, upper]} with null for infinite, integers, binaries (give this or lp)"`
	Backend     string    `json:"backend,omitempty" jsonschema:"native (default: branch and bound in Go) or cbc (the COIN-OR program, when installed)"`
	TimeLimitMS int       `json:"time_limit_ms,omitempty" jsonschema:"wall-clock limit in milliseconds; the best solution so far is returned with status feasible"`
	NodeLimit   int       `json:"node_limit,omitempty" jsonschema:"branch-and-bound node limit"`
	Gap         float64   `json:"gap,omitempty" jsonschema:"stop when the relative gap between solution and bound is at most this (default 0: prove optimality)"`
}

// LPOutput is the output of lp.solve and milp.solve.
type LPOutput struct {
	Status       string             `json:"status" jsonschema:"optimal, infeasible, unbounded, feasible (a limit stopped the search with a solution that is not proven optimal) or unknown"`
	Objective    *float64           `json:"objective,omitempty" jsonschema:"objective value of the solution"`
	Values       map[string]float64 `json:"values,omitempty" jsonschema:"value of every variable"`
	Duals        map[string]float64 `json:"duals,omitempty" jsonschema:"LP only: change of the optimum per unit increase of each row's right-hand side"`
	ReducedCosts map[string]float64 `json:"reduced_costs,omitempty" jsonschema:"LP only: reduced cost of every variable"`
	Bound        *float64           `json:"bound,omitempty" jsonschema:"MILP: best proven bound on the optimum"`
	Gap          *float64           `json:"gap,omitempty" jsonschema:"MILP: relative gap |objective - bound| / max(1, |objective|)"`
	Nodes        int                `json:"nodes,omitempty" jsonschema:"MILP: branch-and-bound nodes solved"`
	Limit        string             `json:"limit,omitempty" jsonschema:"the limit that stopped the search early, if any"`
	Certificate  *lp.Certificate    `json:"certificate,omitempty" jsonschema:"the evidence for the status and whether it was checked: duality (primal and dual objectives equal), farkas, bounds, ray, branch-and-bound, external"`
	Backend      string             `json:"backend" jsonschema:"the backend that solved it: native or cbc"`
	NumVars      int                `json:"num_vars" jsonschema:"number of variables"`
	NumRows      int                `json:"num_rows" jsonschema:"number of rows (constraints)"`
	IsMIP        bool               `json:"mip" jsonschema:"true when integrality was enforced (milp.solve on a model with integer variables)"`
}

func registerLP(r *tools.Registry) error {
	return errors.Join(
		tools.Add(r, "lp.solve",
			"Solve a linear program given as CPLEX LP text or a JSON model: min or max, rows with <=, >= or =, bounds that may be free, negative or fixed. Integer declarations are ignored (the LP relaxation is solved). Returns the status (optimal, infeasible, unbounded), objective, values, duals and reduced costs, with a checked certificate: equal primal and dual objectives, a Farkas proof of infeasibility or an improving ray.",
			func(ctx context.Context, in LPInput) (LPOutput, error) {
				return solveLPTool(ctx, in.LP, in.Model, lp.Options{Backend: in.Backend, Relax: true}, in.TimeLimitMS)
			}),
		tools.Add(r, "milp.solve",
			"Solve a mixed-integer linear program (CPLEX LP text with General/Binary sections, or a JSON model with integers/binaries) by branch and bound. Returns the status (optimal only when proven; feasible when a node or time limit stopped the search), objective, values, best bound and gap; the solution is checked feasible and integral.",
			func(ctx context.Context, in MILPInput) (LPOutput, error) {
				if in.NodeLimit < 0 {
					return LPOutput{}, errors.New("node_limit must not be negative")
				}
				if in.Gap < 0 || in.Gap > 1 {
					return LPOutput{}, errors.New("gap must be between 0 and 1")
				}
				return solveLPTool(ctx, in.LP, in.Model, lp.Options{Backend: in.Backend, NodeLimit: in.NodeLimit, GapTol: in.Gap}, in.TimeLimitMS)
			}),
	)
}

// ParseLPModel reads a model given as CPLEX LP text or as a JSON model; it
// is an error to give both or neither.
func ParseLPModel(text string, model *lp.Model) (*lp.Problem, error) {
	switch {
	case strings.TrimSpace(text) != "" && model != nil:
		return nil, errors.New("give either lp or model, not both")
	case model != nil:
		return model.Problem()
	case strings.TrimSpace(text) != "":
		return lp.ReadLP(strings.NewReader(text))
	}
	return nil, errors.New("give the model as lp (CPLEX LP text) or model (JSON)")
}

func solveLPTool(ctx context.Context, text string, model *lp.Model, opts lp.Options, timeLimitMS int) (LPOutput, error) {
	if timeLimitMS < 0 {
		return LPOutput{}, errors.New("time_limit_ms must not be negative")
	}
	switch opts.Backend {
	case "", lp.BackendNative, lp.BackendCBC:
	default:
		return LPOutput{}, fmt.Errorf("backend %q: want native or cbc", opts.Backend)
	}
	p, err := ParseLPModel(text, model)
	if err != nil {
		return LPOutput{}, err
	}
	opts.TimeLimit = time.Duration(timeLimitMS) * time.Millisecond
	return SolveLP(ctx, p, opts)
}

// SolveLP solves p and shapes the answer for JSON: infinite or undefined
// numbers are left out.
func SolveLP(ctx context.Context, p *lp.Problem, opts lp.Options) (LPOutput, error) {
	sol, err := lp.Solve(ctx, p, opts)
	if err != nil {
		return LPOutput{}, err
	}
	out := LPOutput{
		Status: sol.Status.String(), Values: sol.Values, Duals: sol.Duals, ReducedCosts: sol.ReducedCosts,
		Nodes: sol.Nodes, Limit: sol.Limit, Certificate: sol.Certificate, Backend: sol.Backend,
		NumVars: p.NumVars(), NumRows: p.NumRows(), IsMIP: p.IsMIP() && !opts.Relax,
	}
	finite := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	if sol.Status == lp.Optimal || sol.Status == lp.Feasible {
		out.Objective = finite(sol.Objective)
	}
	if out.IsMIP && sol.Status != lp.Infeasible && sol.Status != lp.Unbounded {
		out.Bound = finite(sol.Bound)
		if out.Objective != nil && out.Bound != nil {
			out.Gap = finite(sol.Gap)
		}
	}
	if sol.Status == lp.Unbounded {
		out.Values = nil // a feasible point, not an optimum
	}
	return out, nil
}
