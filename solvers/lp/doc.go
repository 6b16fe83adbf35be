// Package lp solves linear programs with a bounded simplex method and small
// mixed-integer programs by branch and bound, and backs every answer with a
// certificate that is checked against the model's own data.
//
// # Model
//
// A Problem minimises or maximises c·x + const subject to rows
// a·x {≤, ≥, =} rhs and bounds lo ≤ x ≤ hi; bounds may be infinite, equal
// (a fixed variable) or negative, and variables may be Continuous, Integer or
// Binary:
//
//	p := lp.NewProblem(lp.Maximize)
//	x := p.AddVar("x", 0, lp.Inf, lp.Continuous)
//	y := p.AddVar("y", 0, 3, lp.Integer)
//	p.SetObjCoef(x, 3)
//	p.SetObjCoef(y, 2)
//	p.AddRow("c1", []lp.Term{{Var: x, Coef: 1}, {Var: y, Coef: 1}}, lp.LE, 4)
//	sol, err := lp.Solve(ctx, p, lp.Options{})
//	// sol.Status == lp.Optimal, sol.Objective == 12, sol.Value("x") == 4,
//	// sol.Certificate.Kind == "branch-and-bound", sol.Certificate.Checked
//
// # Method
//
// The LP engine is a bounded-variable primal simplex method written here,
// on gonum's dense linear algebra (mat.Inverse refreshes the basis inverse).
// It works on the computational form [A −I](x; r) = 0 with one logical
// variable r_i per row whose bounds encode the relation, so free, fixed,
// negative and infinite bounds need no rewriting, and empty, duplicate or
// linearly dependent rows need no presolve; rows are scaled to a largest
// coefficient of 1 (duals are scaled back). Phase 1 minimises the sum of
// bound violations from the slack basis (costs ±1 on the violated basic
// variables, recomputed every iteration); phase 2 minimises the objective.
// Pricing is Dantzig's rule, with Bland's rule after a run of degenerate
// pivots so that the method cannot cycle; an iteration limit and the
// context bound the work. gonum's own lp.Simplex (standard form, Dantzig's
// rule) is not used as the engine because it can cycle forever on
// degenerate problems, offers no cancellation and returns neither the basis
// nor duals; the tests use it as an independent oracle on non-degenerate
// data.
//
// Branch and bound (MILP) solves the LP relaxation at each node, warm
// started from the parent's basis; it dives depth first (nearest rounding
// first) until an incumbent exists, then takes the open node with the best
// bound, branches on the most fractional variable, and prunes a node whose
// bound cannot beat the incumbent (by at least 1 when the objective is
// integral on integral points), and fixes integer variables whose reduced
// cost shows that leaving their bound cannot beat the incumbent.
//
// # Certificates
//
// An optimal LP comes with the multipliers of its final basis: the
// solution's Duals (∂objective/∂rhs per row) and ReducedCosts, and a
// "duality" Certificate that recomputes from the model's data the primal
// residual, the dual residual (signs of the multipliers, reduced costs
// against infinite bounds) and the dual objective b·y + Σ bound·reduced
// cost, and checks that it equals the primal objective. When that check
// fails the dual LP is solved as a second opinion. An infeasible LP comes
// with Farkas multipliers y (from phase 1, else from a normalised Farkas LP)
// checked the same way with c = 0: Aᵀy is cancelled by the bounds and b·y
// plus the bound terms is positive, so 0 > 0 would follow. An unbounded LP
// comes with a feasible point and an improving ray, both checked. A MILP's
// incumbent is checked feasible and integral; its status is Optimal only
// when the search tree is exhausted, and Feasible (with Bound and Gap) when a
// node or time limit stops it.
//
// # CPLEX LP format
//
// ReadLP and WriteLP speak the CPLEX LP text format:
//
//	\ a comment: from a backslash to the end of the line
//	Maximize
//	 obj: 3 x + 2 y - 0.5 z + 10
//	Subject To
//	 c1: x + y <= 4
//	 c2: x + 3 y
//	     - z >= 2          \ a row may continue on the next lines
//	 -2 x + 3.5e-1 z = 0   \ unnamed rows are called c1, c2, ... by position
//	Bounds
//	 y <= 3
//	 -inf <= z <= 5
//	 w free
//	 v = 2
//	General
//	 y
//	Binary
//	 b
//	End
//
// Section keywords are case-insensitive: Minimize/Minimum/Min,
// Maximize/Maximum/Max, Subject To/Such That/st/s.t./st., Bounds/Bound,
// General/Generals/Gen/Integer/Integers, Binary/Binaries/Bin, End. A section
// keyword starts a line. Names have at most 255 characters from letters,
// digits and !"#$%&()/,.;?@_`'{}|~ and start with neither a digit nor a
// period. A coefficient precedes its variable, with or without a space
// ("3x", "3 x", "- x", "3.5e2 y"); constants may stand on either side of a
// row and are moved to the right. Without a Bounds entry a variable has
// bounds [0, +inf); a bound line may be "x <= 4", "x >= -2", "4 >= x",
// "l <= x <= u", "x = 2", "x free", with -inf/+inf/infinity. A negative upper
// bound alone leaves the lower bound at 0 (as CPLEX does); WriteLP therefore
// always writes both bounds when the lower one is not 0. Binary variables
// get bounds [0, 1]. Ranged rows, semi-continuous variables, SOS and
// quadratic terms are not supported and are reported as such. The right-hand
// side of a row is one signed constant. WriteLP writes the objective
// constant as a trailing "+ 10" term, which CPLEX and cbc read but glpsol
// rejects.
//
// # JSON model
//
// ParseJSON reads the same model as JSON:
//
//	{"sense": "max",
//	 "objective": {"x": 3, "y": 2}, "constant": 10,
//	 "rows": [{"name": "c1", "terms": {"x": 1, "y": 1}, "op": "<=", "rhs": 4}],
//	 "bounds": {"y": [0, 3], "z": [null, 5]},
//	 "integers": ["y"], "binaries": ["b"]}
//
// A null bound is infinite; variables without bounds get [0, +inf).
// Variables are ordered by name (digit runs compare as numbers).
//
// # Backends
//
// Options.Backend "cbc" writes the model to a temporary LP file (with
// generated names), runs the COIN-OR cbc program ("cbc FILE solve solu OUT")
// and reads its solution back; the returned point is checked against the
// model. ErrBackendMissing is returned when cbc is not installed.
package lp
