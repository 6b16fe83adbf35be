package lp

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// Status is the outcome of a solve.
type Status int

// Statuses. Feasible means a MILP search stopped at a limit with an
// incumbent that is not proven optimal; Unknown means it stopped with none.
const (
	Unknown Status = iota
	Optimal
	Infeasible
	Unbounded
	Feasible
)

var statusNames = [...]string{"unknown", "optimal", "infeasible", "unbounded", "feasible"}

func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText writes the status as its name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Backends.
const (
	BackendNative = "native" // gonum's simplex plus plankit's branch and bound
	BackendCBC    = "cbc"    // the COIN-OR cbc program, when installed
)

// Options control Solve. The zero value solves with the native backend,
// computes certificates and has no limits.
type Options struct {
	Backend       string        // "" or "native", or "cbc"
	TimeLimit     time.Duration // 0: none (the context may still carry a deadline)
	NodeLimit     int           // MILP: branch-and-bound nodes, 0: none
	Relax         bool          // ignore integrality: solve the LP relaxation
	NoCertificate bool          // skip the dual / Farkas / ray solve of an LP
	GapTol        float64       // MILP: stop when the relative gap is at most this (0: prove optimality)
	CBCPath       string        // cbc executable (default: "cbc" on PATH)
}

// Certificate is the evidence for a status, recomputed from the model's own
// data and checked with tolerances.
//
// Kinds: "duality" (optimal LP: a primal point and dual values whose
// objectives agree, both feasible), "farkas" (infeasible: row multipliers
// whose combination with the bounds gives 0 ≥ positive), "bounds" (a
// variable's bounds cross), "ray" (unbounded: a feasible point and an
// improving direction), "phase1" (infeasible or unbounded as reported by the
// simplex method when the certificate LP failed), "branch-and-bound" (MILP:
// the incumbent is checked feasible and integral; the bound comes from the
// LP relaxations of the search tree), "external" (cbc: its point checked).
type Certificate struct {
	Kind            string             `json:"kind"`
	Checked         bool               `json:"checked"`
	PrimalObjective float64            `json:"primal_objective,omitempty"`
	DualObjective   float64            `json:"dual_objective,omitempty"`
	PrimalResidual  float64            `json:"primal_residual,omitempty"`
	DualResidual    float64            `json:"dual_residual,omitempty"`
	Farkas          map[string]float64 `json:"farkas,omitempty"`
	Ray             map[string]float64 `json:"ray,omitempty"`
	Note            string             `json:"note,omitempty"`
}

// Solution is the answer of Solve. Values, X and Objective are set for
// Optimal and Feasible; Duals and ReducedCosts for an optimal LP with a
// certificate (they are ∂objective/∂rhs and the objective coefficients
// minus the dual combination of the columns, in the problem's own sense).
type Solution struct {
	Status       Status
	Objective    float64
	X            []float64          // values indexed by Var
	Values       map[string]float64 // values by variable name
	Duals        map[string]float64 // by row name
	ReducedCosts map[string]float64 // by variable name
	Bound        float64            // best bound on the optimum (MILP; = Objective for an optimal LP)
	Gap          float64            // relative gap |Objective−Bound| / max(1, |Objective|)
	Nodes        int                // branch-and-bound nodes solved
	Certificate  *Certificate
	Backend      string
	Limit        string // "time limit" or "node limit" when a search stopped early
}

// Value returns the value of the variable called name (0 if unknown).
func (s *Solution) Value(name string) float64 { return s.Values[name] }

// Solve optimises p. Infeasible and unbounded problems are results (Status),
// not errors; errors are for invalid models, numerical failures, a missing
// backend and cancellation. A time limit (Options or ctx deadline) that
// expires ends a MILP search with Feasible or Unknown and an LP with Unknown
// (the simplex method looks at the context every few iterations); a
// cancelled context is an error.
func Solve(ctx context.Context, p *Problem, opts Options) (*Solution, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if opts.NodeLimit < 0 || opts.TimeLimit < 0 || opts.GapTol < 0 || math.IsNaN(opts.GapTol) {
		return nil, errors.New("lp: node limit, time limit and gap tolerance must not be negative")
	}
	if opts.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.TimeLimit)
		defer cancel()
	}
	switch opts.Backend {
	case "", BackendNative:
	case BackendCBC:
		return solveCBC(ctx, p, opts)
	default:
		return nil, fmt.Errorf("lp: unknown backend %q (want native or cbc)", opts.Backend)
	}
	if err := ctx.Err(); err != nil {
		return stopped(err)
	}
	if p.IsMIP() && !opts.Relax {
		return solveMIP(ctx, p, opts)
	}
	return solveLP(ctx, p, opts)
}

// stopped turns a context error into an Unknown solution (deadline) or an
// error (cancellation).
func stopped(err error) (*Solution, error) {
	if errors.Is(err, context.DeadlineExceeded) {
		return &Solution{Status: Unknown, Backend: BackendNative, Limit: "time limit"}, nil
	}
	return nil, fmt.Errorf("lp: %w", err)
}

// sign is +1 for minimisation and −1 for maximisation: the engine minimises
// sign·c.
func (p *Problem) sign() float64 {
	if p.Sense == Maximize {
		return -1
	}
	return 1
}

// gen returns the engine's form of p (minimisation), with the given bounds.
func (p *Problem) gen(lo, hi []float64) *genLP {
	g := &genLP{c: make([]float64, len(p.vars)), lo: lo, hi: hi}
	s := p.sign()
	for j, v := range p.vars {
		g.c[j] = s * v.obj
	}
	for _, r := range p.rows {
		gr := genRow{op: r.op, rhs: r.rhs, idx: make([]int, 0, len(r.terms)), val: make([]float64, 0, len(r.terms))}
		for _, t := range r.terms {
			if t.Coef != 0 {
				gr.idx = append(gr.idx, int(t.Var))
				gr.val = append(gr.val, t.Coef)
			}
		}
		g.rows = append(g.rows, gr)
	}
	return g
}

func (p *Problem) bounds() (lo, hi []float64) {
	lo, hi = make([]float64, len(p.vars)), make([]float64, len(p.vars))
	for j, v := range p.vars {
		lo[j], hi[j] = v.lo, v.hi
	}
	return lo, hi
}

func (p *Problem) valuesMap(x []float64) map[string]float64 {
	m := make(map[string]float64, len(x))
	for j, v := range p.vars {
		x[j] = clean(x[j])
		m[v.name] = x[j]
	}
	return m
}

func solveLP(ctx context.Context, p *Problem, opts Options) (*Solution, error) {
	lo, hi := p.bounds()
	g := p.gen(lo, hi)
	res, err := solveGen(ctx, g, nil)
	if err != nil {
		if ctx.Err() != nil {
			return stopped(ctx.Err())
		}
		return nil, err
	}
	sol := &Solution{Status: res.status, Backend: BackendNative}
	switch res.status {
	case Optimal:
		sol.X = res.x
		sol.Values = p.valuesMap(res.x)
		sol.Objective = p.Objective(res.x)
		sol.Bound = sol.Objective
		if !opts.NoCertificate {
			if err := ctx.Err(); err != nil {
				sol.Certificate = &Certificate{Kind: "duality", Note: "not computed: " + err.Error()}
				return sol, nil
			}
			dualCertificate(ctx, p, g, sol, res.y)
		}
	case Infeasible:
		if !opts.NoCertificate && ctx.Err() == nil {
			sol.Certificate = farkasCertificate(ctx, p, g, res)
		}
	case Unbounded:
		sol.Objective = math.Inf(-1) * p.sign()
		sol.Bound = sol.Objective
		if !opts.NoCertificate && ctx.Err() == nil {
			sol.Certificate = rayCertificate(ctx, p, g, res)
		}
	}
	return sol, nil
}
