package sat

import (
	"errors"
	"fmt"
	"strconv"
)

// MaxVars bounds the number of variables a formula may hold, so that a
// malformed or hostile header cannot make the solver allocate without limit.
const MaxVars = 1 << 26

// Errors returned by this package.
var (
	ErrBadLiteral = errors.New("sat: bad literal")
	ErrTooLarge   = errors.New("sat: formula too large")
)

// Lit is a literal in DIMACS convention: v for variable v, -v for its negation.
type Lit int

// Var returns the variable of l (always positive).
func (l Lit) Var() int {
	if l < 0 {
		return int(-l)
	}
	return int(l)
}

// Not returns the negation of l.
func (l Lit) Not() Lit { return -l }

// String returns the DIMACS spelling of l.
func (l Lit) String() string { return strconv.Itoa(int(l)) }

// Formula is a CNF formula under construction plus the incremental solver
// that decides it. The zero value is not usable; call New.
//
// A Formula is not safe for concurrent use.
type Formula struct {
	nvars   int
	clauses [][]Lit
	names   map[string]int
	varName map[int]string
	bad     error // first invalid clause, reported by Solve

	eng   *engine // lazily created gini instance
	unsat bool    // the clauses alone are proven unsatisfiable
}

// New returns an empty formula.
func New() *Formula {
	return &Formula{names: map[string]int{}, varName: map[int]string{}}
}

// NumVars returns the highest variable index in use.
func (f *Formula) NumVars() int { return f.nvars }

// NumClauses returns the number of clauses added so far.
func (f *Formula) NumClauses() int { return len(f.clauses) }

// Clauses returns the clauses added so far. The caller must not modify them.
func (f *Formula) Clauses() [][]Lit { return f.clauses }

// NewVar allocates a fresh anonymous variable and returns its positive literal.
func (f *Formula) NewVar() Lit {
	f.nvars++
	return Lit(f.nvars)
}

// Named returns the positive literal of the variable called name, allocating
// it on first use.
func (f *Formula) Named(name string) Lit {
	if v, ok := f.names[name]; ok {
		return Lit(v)
	}
	l := f.NewVar()
	f.names[name] = int(l)
	f.varName[int(l)] = name
	return l
}

// Lookup returns the literal of an existing named variable.
func (f *Formula) Lookup(name string) (Lit, bool) {
	v, ok := f.names[name]
	return Lit(v), ok
}

// Name returns the name of variable v, or "" if it is anonymous.
func (f *Formula) Name(v int) string { return f.varName[v] }

// EnsureVars makes sure variables 1..n exist (for numbered use, as in DIMACS).
func (f *Formula) EnsureVars(n int) {
	if n > f.nvars {
		f.nvars = n
	}
}

// AddClause adds the disjunction of lits. An empty clause makes the formula
// unsatisfiable. Literals naming variables beyond NumVars extend it. A zero
// literal or one beyond MaxVars is recorded as an error that Solve returns.
func (f *Formula) AddClause(lits ...Lit) {
	c := make([]Lit, len(lits))
	for i, l := range lits {
		if l == 0 || l.Var() > MaxVars {
			if f.bad == nil {
				f.bad = fmt.Errorf("%w: %d in clause %d", ErrBadLiteral, int(l), len(f.clauses)+1)
			}
			return
		}
		if l.Var() > f.nvars {
			f.nvars = l.Var()
		}
		c[i] = l
	}
	f.clauses = append(f.clauses, c)
}

// Implies adds the clause a → (b1 ∨ … ∨ bn).
func (f *Formula) Implies(a Lit, bs ...Lit) {
	c := make([]Lit, 0, len(bs)+1)
	c = append(c, a.Not())
	c = append(c, bs...)
	f.AddClause(c...)
}

// Err returns the first error recorded while building the formula.
func (f *Formula) Err() error { return f.bad }

// Satisfies reports whether the assignment model (indexed by variable, index 0
// unused) satisfies every clause of f; if not it returns the index of the
// first falsified clause. It is the independent checker used in tests and by
// callers that want to double-check a solver's answer.
func (f *Formula) Satisfies(model []bool) (ok bool, clause int) {
	return CheckModel(f.clauses, model)
}

// CheckModel reports whether model (indexed by variable, index 0 unused)
// satisfies every clause; otherwise it returns the index of the first
// falsified clause.
func CheckModel(clauses [][]Lit, model []bool) (bool, int) {
	for i, c := range clauses {
		sat := false
		for _, l := range c {
			v := l.Var()
			if v < len(model) && model[v] == (l > 0) {
				sat = true
				break
			}
		}
		if !sat {
			return false, i
		}
	}
	return true, -1
}
