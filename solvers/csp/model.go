package csp

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Size guards. A model that exceeds one is rejected with an error wrapping
// ErrTooLarge before anything big is allocated.
const (
	// MaxValue bounds the absolute value of every domain value, coefficient,
	// right-hand side, offset and table entry.
	MaxValue = 1_000_000_000
	// MaxDomainSize bounds the number of values of one variable.
	MaxDomainSize = 1 << 16
	// MaxTotalValues bounds the sum of the domain sizes of all variables.
	MaxTotalValues = 1 << 22
	// MaxTableCells bounds the number of entries (tuples × arity) of all
	// tables of a model together.
	MaxTableCells = 1 << 22
	// MaxNodes bounds the auxiliary decision-diagram nodes that the linear
	// constraints and the objective of one model may need.
	MaxNodes = 1 << 21
	// maxMagnitude bounds Σ|aᵢ|·max|xᵢ| of one linear expression, so that no
	// partial sum can overflow.
	maxMagnitude = 1 << 60
)

// Errors returned by this package. Callers branch on them with errors.Is.
var (
	// ErrInvalid marks a malformed model: unknown names, empty domains,
	// mismatched arities, bad JSON.
	ErrInvalid = errors.New("csp: invalid model")
	// ErrTooLarge marks a model beyond one of the size guards.
	ErrTooLarge = errors.New("csp: model too large")
)

// IntVar is a finite-domain integer variable of one Model. The zero IntVar
// is not a variable.
type IntVar struct{ id int } // index+1

// Valid reports whether v was returned by a Model.
func (v IntVar) Valid() bool { return v.id > 0 }

func (v IntVar) idx() int { return v.id - 1 }

// Term is one product Coef·Var of a linear expression.
type Term struct {
	Coef int
	Var  IntVar
}

// T returns the term coef·x (a short form that go vet accepts from other
// packages, unlike the unkeyed literal Term{coef, x}).
func T(coef int, x IntVar) Term { return Term{Coef: coef, Var: x} }

// Sum returns the terms 1·x for each x.
func Sum(xs ...IntVar) []Term {
	out := make([]Term, len(xs))
	for i, x := range xs {
		out[i] = Term{Coef: 1, Var: x}
	}
	return out
}

type varDef struct {
	name   string
	values []int // sorted, distinct, non-empty
}

type posted struct {
	c     Constraint
	group string
	name  string
}

type objective struct {
	terms    []Term
	maximize bool
}

// Model is a finite-domain constraint model: integer variables with finite
// domains, constraints (optionally in named groups) and an optional linear
// objective. Building methods never fail loudly: the first mistake is kept
// and returned by Err, Solve and Explain, like sat.Formula does.
//
// A Model is not safe for concurrent use; Solve and Explain do not modify it
// and compile a fresh SAT formula on each call.
type Model struct {
	vars   []varDef
	byName map[string]IntVar
	cons   []posted
	obj    *objective
	total  int // Σ domain sizes
	cells  int // Σ table cells
	err    error
	work   int // decision-diagram step limit; 0 means maxWork (tests lower it)
}

func (m *Model) workLimit() int {
	if m.work > 0 {
		return m.work
	}
	return maxWork
}

// NewModel returns an empty model.
func NewModel() *Model { return &Model{byName: map[string]IntVar{}} }

// Err returns the first error recorded while building the model.
func (m *Model) Err() error { return m.err }

func (m *Model) fail(err error) {
	if m.err == nil {
		m.err = err
	}
}

// ModelError is the error of a malformed or oversized model. It wraps
// ErrInvalid or ErrTooLarge and says where the problem is.
type ModelError struct {
	Line int    // 1-based line of the JSON input, 0 when unknown
	Path string // where: "constraints[3].linear.op", "variable \"x\""
	Msg  string // what is wrong
	Err  error  // ErrInvalid or ErrTooLarge
}

// Error returns a one-line message: csp: line L: PATH: MSG.
func (e *ModelError) Error() string {
	var b strings.Builder
	b.WriteString("csp: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns ErrInvalid or ErrTooLarge.
func (e *ModelError) Unwrap() error { return e.Err }

func invalidf(format string, a ...any) error {
	return &ModelError{Msg: fmt.Sprintf(format, a...), Err: ErrInvalid}
}

func tooLargef(format string, a ...any) error {
	return &ModelError{Msg: fmt.Sprintf(format, a...), Err: ErrTooLarge}
}

// within prefixes the location of a ModelError with path.
func within(path string, err error) error {
	var me *ModelError
	if !errors.As(err, &me) {
		return err
	}
	c := *me
	if c.Path == "" {
		c.Path = path
	} else {
		c.Path = path + ": " + c.Path
	}
	return &c
}

// IntVar adds a variable named name with the domain lo..hi (inclusive).
func (m *Model) IntVar(name string, lo, hi int) IntVar {
	if err := checkRange(lo, hi); err != nil {
		m.fail(within(fmt.Sprintf("variable %q", name), err))
		return IntVar{}
	}
	vals := make([]int, 0, hi-lo+1)
	for v := lo; v <= hi; v++ {
		vals = append(vals, v)
	}
	return m.addVar(name, vals)
}

// checkRange validates a domain lo..hi against the guards.
func checkRange(lo, hi int) error {
	switch {
	case lo < -MaxValue || hi > MaxValue || lo > MaxValue || hi < -MaxValue:
		return tooLargef("domain %d..%d: values must lie in -%d..%d", lo, hi, MaxValue, MaxValue)
	case lo > hi:
		return invalidf("empty domain: min %d > max %d", lo, hi)
	case hi-lo+1 > MaxDomainSize:
		return tooLargef("domain %d..%d has %d values, more than %d", lo, hi, hi-lo+1, MaxDomainSize)
	}
	return nil
}

// IntVarValues adds a variable named name whose domain is the given values
// (in any order; duplicates are ignored).
func (m *Model) IntVarValues(name string, values []int) IntVar {
	if len(values) == 0 {
		m.fail(within(fmt.Sprintf("variable %q", name), invalidf("empty domain")))
		return IntVar{}
	}
	if len(values) > 4*MaxDomainSize {
		m.fail(within(fmt.Sprintf("variable %q", name), tooLargef("%d values, more than %d", len(values), MaxDomainSize)))
		return IntVar{}
	}
	vals := slices.Clone(values)
	slices.Sort(vals)
	vals = slices.Compact(vals)
	if vals[0] < -MaxValue || vals[len(vals)-1] > MaxValue {
		m.fail(within(fmt.Sprintf("variable %q", name), tooLargef("values must lie in -%d..%d", MaxValue, MaxValue)))
		return IntVar{}
	}
	if len(vals) > MaxDomainSize {
		m.fail(within(fmt.Sprintf("variable %q", name), tooLargef("%d values, more than %d", len(vals), MaxDomainSize)))
		return IntVar{}
	}
	return m.addVar(name, vals)
}

// BoolVar adds a 0..1 variable.
func (m *Model) BoolVar(name string) IntVar { return m.IntVar(name, 0, 1) }

func (m *Model) addVar(name string, vals []int) IntVar {
	if name == "" {
		m.fail(invalidf("variable name must not be empty"))
		return IntVar{}
	}
	if _, dup := m.byName[name]; dup {
		m.fail(within(fmt.Sprintf("variable %q", name), invalidf("declared twice")))
		return IntVar{}
	}
	if m.total+len(vals) > MaxTotalValues {
		m.fail(within(fmt.Sprintf("variable %q", name), tooLargef("the domains hold more than %d values in all", MaxTotalValues)))
		return IntVar{}
	}
	m.total += len(vals)
	m.vars = append(m.vars, varDef{name: name, values: vals})
	v := IntVar{id: len(m.vars)}
	m.byName[name] = v
	return v
}

// Var returns the variable called name.
func (m *Model) Var(name string) (IntVar, bool) {
	v, ok := m.byName[name]
	return v, ok
}

// Name returns the name of v ("" when v is not a variable of m).
func (m *Model) Name(v IntVar) string {
	if !m.owns(v) {
		return ""
	}
	return m.vars[v.idx()].name
}

// Domain returns the sorted values of v.
func (m *Model) Domain(v IntVar) []int {
	if !m.owns(v) {
		return nil
	}
	return slices.Clone(m.vars[v.idx()].values)
}

// Vars returns the model's named variables in the order they were declared.
func (m *Model) Vars() []IntVar {
	out := make([]IntVar, len(m.vars))
	for i := range m.vars {
		out[i] = IntVar{id: i + 1}
	}
	return out
}

// NumConstraints returns the number of constraints posted.
func (m *Model) NumConstraints() int { return len(m.cons) }

// Groups returns the distinct group names in the order they first appear.
func (m *Model) Groups() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range m.cons {
		if p.group != "" && !seen[p.group] {
			seen[p.group] = true
			out = append(out, p.group)
		}
	}
	return out
}

func (m *Model) owns(v IntVar) bool { return v.id > 0 && v.id <= len(m.vars) }

// Add posts constraints that must always hold.
func (m *Model) Add(cs ...Constraint) {
	for _, c := range cs {
		m.post(c, "", "")
	}
}

// AddGroup posts constraints in the named group. Explain reports groups, so
// a group is the unit in which an infeasible model is relaxed.
func (m *Model) AddGroup(group string, cs ...Constraint) {
	if group == "" {
		m.fail(invalidf("AddGroup: empty group name"))
		return
	}
	for _, c := range cs {
		m.post(c, group, "")
	}
}

func (m *Model) post(c Constraint, group, name string) {
	if err := m.place(c, group, name); err != nil {
		m.fail(within(fmt.Sprintf("constraint %d", len(m.cons)), err))
	}
}

// place validates c and appends it to the posted constraints.
func (m *Model) place(c Constraint, group, name string) error {
	if c == nil {
		return invalidf("nil constraint")
	}
	if err := c.validate(m); err != nil {
		return err
	}
	m.cons = append(m.cons, posted{c: c, group: group, name: name})
	return nil
}

// AllDifferent posts AllDifferent(xs...).
func (m *Model) AllDifferent(xs ...IntVar) { m.Add(AllDifferent(xs...)) }

// Linear posts Linear(terms, op, rhs).
func (m *Model) Linear(terms []Term, op Op, rhs int) { m.Add(Linear(terms, op, rhs)) }

// Table posts Table(vars, tuples).
func (m *Model) Table(vars []IntVar, tuples [][]int) { m.Add(Table(vars, tuples)) }

// Element posts Element(index, array, value).
func (m *Model) Element(index IntVar, array []IntVar, value IntVar) {
	m.Add(Element(index, array, value))
}

// Minimize sets the objective to minimise Σ terms.
func (m *Model) Minimize(terms []Term) { m.setObjective(terms, false) }

// Maximize sets the objective to maximise Σ terms.
func (m *Model) Maximize(terms []Term) { m.setObjective(terms, true) }

func (m *Model) setObjective(terms []Term, maximize bool) {
	if err := checkTerms(m, terms); err != nil {
		m.fail(within("objective", err))
		return
	}
	m.obj = &objective{terms: slices.Clone(terms), maximize: maximize}
}

// HasObjective reports whether the model minimises or maximises something.
func (m *Model) HasObjective() bool { return m.obj != nil }

// checkVar validates that v belongs to m.
func checkVar(m *Model, v IntVar) error {
	if !m.owns(v) {
		return invalidf("variable is not part of this model")
	}
	return nil
}

// checkTerms validates a linear expression against the guards.
func checkTerms(m *Model, terms []Term) error {
	var mag int
	for i, t := range terms {
		if err := checkVar(m, t.Var); err != nil {
			return within(fmt.Sprintf("term %d", i), err)
		}
		if t.Coef < -MaxValue || t.Coef > MaxValue {
			return tooLargef("term %d: coefficient %d outside -%d..%d", i, t.Coef, MaxValue, MaxValue)
		}
		vals := m.vars[t.Var.idx()].values
		big := max(abs(vals[0]), abs(vals[len(vals)-1]))
		mag += abs(t.Coef) * big
		if mag > maxMagnitude {
			return tooLargef("Σ|coefficient|·max|value| of the terms exceeds 2^60")
		}
	}
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
