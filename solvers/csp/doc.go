// Package csp is plankit's finite-domain constraint solver: integer
// variables with finite domains, all-different, linear, table and element
// constraints and Boolean combinations of them, an optional linear objective
// minimised or maximised to proven optimality, and explanations of
// infeasible models in terms of named constraint groups. Models are compiled
// to CNF and decided by solvers/sat.
//
// # Go API
//
//	m := csp.NewModel()
//	x := m.IntVar("x", 0, 9)                // a range
//	c := m.IntVarValues("c", []int{1, 3, 5}) // explicit values
//	m.AllDifferent(x, c)
//	m.Linear([]csp.Term{csp.T(2, x), csp.T(-1, c)}, csp.LE, 7)
//	m.Linear(csp.Sum(x, c), csp.GE, 4)
//	m.Add(csp.Implies(csp.Cmp(x, csp.EQ, 3), csp.Cmp(c, csp.NE, 5)))
//	m.AddGroup("wish", csp.Cmp(x, csp.GE, 8)) // a named group, see Explain
//	m.Minimize([]csp.Term{{Coef: 1, Var: x}})
//	sol, err := m.Solve(ctx, csp.Options{Timeout: time.Second})
//	// sol.Status, sol.Values["x"], sol.Objective
//	ex, err := m.Explain(ctx, csp.Options{}) // for an infeasible model
//
// Building methods record the first mistake (unknown variable, empty
// domain, size guard) and Solve, Explain and Err return it; the errors are
// *ModelError values wrapping ErrInvalid or ErrTooLarge.
//
// # JSON models
//
// ReadModel and ParseModel read this format (errors name the line and the
// field, e.g. "csp: line 7: constraints[2].linear.terms[1][1]: unknown
// variable "Q""):
//
//	{
//	  "description": "optional free text",
//	  "variables": [
//	    {"name": "x", "min": 0, "max": 9},
//	    {"names": ["a", "b", "c"], "min": 1, "max": 3},
//	    {"name": "p", "values": [1, 3, 5]}
//	  ],
//	  "constraints": [
//	    {"all_different": ["a", "b", "c"]},
//	    {"all_different": {"vars": ["a", "b"], "offsets": [0, 1]}},
//	    {"linear": {"terms": [[2, "x"], "p", [-1, "a"]], "op": "<=", "rhs": 7}, "group": "budget"},
//	    {"table": {"vars": ["a", "p"], "tuples": [[1, 1], [2, 5]]}},
//	    {"element": {"index": "a", "array": [4, "x", 9], "value": "p"}},
//	    {"implies": [{"linear": {"terms": ["x"], "op": "=", "rhs": 3}},
//	                 {"linear": {"terms": ["p"], "op": "!=", "rhs": 5}}], "name": "x=3 → p≠5"},
//	    {"or": [{"linear": {"terms": ["x"], "op": "<=", "rhs": 2}},
//	            {"linear": {"terms": ["p"], "op": ">=", "rhs": 5}}]},
//	    {"not": {"table": {"vars": ["a", "b"], "tuples": [[1, 2]]}}}
//	  ],
//	  "objective": {"minimize": [[1, "x"], [2, "p"]]}
//	}
//
// Variables: "name" or "names" (several variables with one domain), and
// either "min" and "max" (inclusive) or "values". Constraints are objects
// with exactly one kind key:
//
//   - all_different: an array of names, or {"vars", "offsets"} meaning the
//     values varᵢ+offsetᵢ are pairwise different.
//   - linear: Σ terms op rhs; a term is [coefficient, "name"] or "name"
//     (coefficient 1); op is one of <= < = != >= > (also == ≤ ≥ ≠).
//   - table: the tuple of vars is one of tuples (allowed tuples; wrap it in
//     not for forbidden ones).
//   - element: value = array[index], indexing from 0; array entries and
//     value are variable names or integers; index must lie in the array.
//   - and, or: arrays of constraints (and of none is true, or of none false).
//   - not: one constraint. implies, iff: arrays of two constraints.
//
// Any constraint may be nested in and/or/not/implies/iff, which reifies it.
// A top-level constraint may carry "group" (the unit Explain relaxes;
// constraints without a group are hard) and "name" (reported by Check).
// "objective" holds "minimize" or "maximize" with an array of terms. Numbers
// are integers written with digits only.
//
// # Encoding
//
// Each variable gets the order encoding (x ≥ d for every domain value d)
// channelled to the direct encoding (x = d). all_different is at most one
// variable per value (pairwise for few, sequential counter otherwise), plus
// at least one when there are as many values as variables; linear
// constraints over one variable become one literal or forbidden values,
// equalities and disequalities over two variables the direct support
// encoding, and everything else a decision diagram over the order literals
// with interval-shared nodes (Σ aᵢxᵢ ≤ K, one diagram per direction); tables
// get one selector per tuple with support clauses; element is a set of
// guarded equalities. Boolean combinations are Tseitin-encoded with
// half-reification where the polarity allows it. Every constraint is
// posted under a guard literal: true for hard constraints, the group's
// selector otherwise.
//
// # Optimisation and explanations
//
// Solve finds a first solution, then tightens the objective bound with SAT
// calls under an assumption "objective ≤ K" (bisecting while the gap is
// wide, stepping below the incumbent when it is narrow) until the solver
// refutes a bound one below the incumbent: the optimum is then proven.
// Explain grows a maximal satisfiable set of groups greedily in declaration
// order by solving under selector assumptions; its complement is a minimal
// correction set (Explanation.Relax). It also shrinks the solver's failed
// assumptions to a minimal unsatisfiable subset of groups (Explanation.Core).
//
// Every solution is checked against every constraint with Model.Check, an
// evaluator that shares nothing with the encoding, before Solve returns it.
package csp
