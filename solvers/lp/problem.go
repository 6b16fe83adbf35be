package lp

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Sense is the direction of optimisation.
type Sense int

// Senses.
const (
	Minimize Sense = iota
	Maximize
)

func (s Sense) String() string {
	if s == Maximize {
		return "max"
	}
	return "min"
}

// VarType says whether a variable must take integer values.
type VarType int

// Variable types. Binary is an Integer variable with bounds within [0, 1].
const (
	Continuous VarType = iota
	Integer
	Binary
)

func (t VarType) String() string {
	switch t {
	case Integer:
		return "integer"
	case Binary:
		return "binary"
	}
	return "continuous"
}

// Op is the relation of a row: ≤, ≥ or =.
type Op int

// Row relations.
const (
	LE Op = iota // a·x ≤ rhs
	GE           // a·x ≥ rhs
	EQ           // a·x = rhs
)

func (o Op) String() string {
	switch o {
	case GE:
		return ">="
	case EQ:
		return "="
	}
	return "<="
}

// ParseOp reads "<=", "=<", "<", ">=", "=>", ">", "=" or "==".
func ParseOp(s string) (Op, error) {
	switch s {
	case "<=", "=<", "<", "≤":
		return LE, nil
	case ">=", "=>", ">", "≥":
		return GE, nil
	case "=", "==":
		return EQ, nil
	}
	return 0, fmt.Errorf("lp: unknown relation %q (want <=, >= or =)", s)
}

// Var identifies a variable of one Problem by its index (0, 1, ...).
type Var int

// Row identifies a row of one Problem by its index (0, 1, ...).
type Row int

// Term is coef·var in a linear expression.
type Term struct {
	Var  Var
	Coef float64
}

// Inf is +∞, for bounds.
var Inf = math.Inf(1)

// ErrModel is wrapped by every error about a malformed problem (duplicate or
// unknown names, NaN coefficients, impossible bounds).
var ErrModel = errors.New("lp: invalid model")

type varData struct {
	name   string
	lo, hi float64
	typ    VarType
	obj    float64
}

type rowData struct {
	name  string
	terms []Term
	op    Op
	rhs   float64
}

// Problem is a linear program, or a mixed-integer one when some variables are
// Integer or Binary: optimise c·x + const subject to rows a·x {≤,≥,=} rhs and
// bounds lo ≤ x ≤ hi (either may be infinite). Build it with NewProblem,
// AddVar, SetObjCoef and AddRow; the first building error is kept and
// returned by Err, Validate and Solve.
type Problem struct {
	Sense    Sense
	ObjConst float64 // constant added to the objective
	ObjName  string  // label of the objective (LP format), "obj" when empty

	vars   []varData
	rows   []rowData
	byName map[string]Var
	rowIdx map[string]Row
	err    error
}

// NewProblem returns an empty problem with the given sense.
func NewProblem(s Sense) *Problem {
	return &Problem{Sense: s, byName: map[string]Var{}, rowIdx: map[string]Row{}}
}

func (p *Problem) fail(format string, a ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%w: %s", ErrModel, fmt.Sprintf(format, a...))
	}
}

// Err returns the first error met while building p, or nil.
func (p *Problem) Err() error { return p.err }

// AddVar adds a variable with bounds lo ≤ x ≤ hi (use -Inf / Inf for none)
// and returns it. An empty name becomes "x<index+1>". Binary variables have
// their bounds intersected with [0, 1]. A duplicate name is recorded as an
// error (see Err) and the existing variable is returned.
func (p *Problem) AddVar(name string, lo, hi float64, t VarType) Var {
	if name == "" {
		name = "x" + strconv.Itoa(len(p.vars)+1)
	}
	if v, ok := p.byName[name]; ok {
		p.fail("variable %q added twice", name)
		return v
	}
	if t == Binary {
		lo, hi = math.Max(lo, 0), math.Min(hi, 1)
	}
	if t < Continuous || t > Binary {
		p.fail("variable %q: unknown type %d", name, int(t))
		t = Continuous
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 1) || math.IsInf(hi, -1) {
		p.fail("variable %q: bounds [%g, %g] are not usable", name, lo, hi)
	}
	v := Var(len(p.vars))
	p.vars = append(p.vars, varData{name: name, lo: lo, hi: hi, typ: t})
	p.byName[name] = v
	return v
}

func (p *Problem) okVar(v Var, what string) bool {
	if v < 0 || int(v) >= len(p.vars) {
		p.fail("%s: variable index %d out of range (have %d variables)", what, int(v), len(p.vars))
		return false
	}
	return true
}

// SetObjCoef sets the objective coefficient of v.
func (p *Problem) SetObjCoef(v Var, c float64) {
	if !p.okVar(v, "objective") {
		return
	}
	if math.IsNaN(c) || math.IsInf(c, 0) {
		p.fail("objective coefficient of %q is %g", p.vars[v].name, c)
		return
	}
	p.vars[v].obj = c
}

// SetBounds replaces the bounds of v.
func (p *Problem) SetBounds(v Var, lo, hi float64) {
	if !p.okVar(v, "bounds") {
		return
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 1) || math.IsInf(hi, -1) {
		p.fail("variable %q: bounds [%g, %g] are not usable", p.vars[v].name, lo, hi)
		return
	}
	p.vars[v].lo, p.vars[v].hi = lo, hi
}

// SetType changes the type of v; Binary also intersects its bounds with [0, 1].
func (p *Problem) SetType(v Var, t VarType) {
	if !p.okVar(v, "type") {
		return
	}
	if t < Continuous || t > Binary {
		p.fail("variable %q: unknown type %d", p.vars[v].name, int(t))
		return
	}
	p.vars[v].typ = t
	if t == Binary {
		p.vars[v].lo, p.vars[v].hi = math.Max(p.vars[v].lo, 0), math.Min(p.vars[v].hi, 1)
	}
}

// AddRow adds the row Σ terms {op} rhs and returns it. Terms on the same
// variable are summed and zero coefficients dropped. An empty name becomes "c<index+1>".
func (p *Problem) AddRow(name string, terms []Term, op Op, rhs float64) Row {
	if name == "" {
		name = "c" + strconv.Itoa(len(p.rows)+1)
	}
	r := Row(len(p.rows))
	if _, ok := p.rowIdx[name]; ok {
		p.fail("row %q added twice", name)
	}
	if op < LE || op > EQ {
		p.fail("row %q: unknown relation %d", name, int(op))
		op = LE
	}
	if math.IsNaN(rhs) || math.IsInf(rhs, 0) {
		p.fail("row %q: right-hand side %g is not finite", name, rhs)
	}
	var ts []Term
	pos := map[Var]int{}
	for _, t := range terms {
		if !p.okVar(t.Var, "row "+strconv.Quote(name)) {
			continue
		}
		if math.IsNaN(t.Coef) || math.IsInf(t.Coef, 0) {
			p.fail("row %q: coefficient of %q is %g", name, p.vars[t.Var].name, t.Coef)
			continue
		}
		if i, ok := pos[t.Var]; ok {
			ts[i].Coef += t.Coef
			continue
		}
		pos[t.Var] = len(ts)
		ts = append(ts, t)
	}
	nz := ts[:0]
	for _, t := range ts {
		if t.Coef != 0 {
			nz = append(nz, t)
		}
	}
	p.rows = append(p.rows, rowData{name: name, terms: nz, op: op, rhs: rhs})
	if _, ok := p.rowIdx[name]; !ok {
		p.rowIdx[name] = r
	}
	return r
}

// NumVars returns the number of variables.
func (p *Problem) NumVars() int { return len(p.vars) }

// NumRows returns the number of rows.
func (p *Problem) NumRows() int { return len(p.rows) }

// VarByName returns the variable called name.
func (p *Problem) VarByName(name string) (Var, bool) {
	v, ok := p.byName[name]
	return v, ok
}

// RowByName returns the row called name.
func (p *Problem) RowByName(name string) (Row, bool) {
	r, ok := p.rowIdx[name]
	return r, ok
}

// VarName returns the name of v.
func (p *Problem) VarName(v Var) string { return p.vars[v].name }

// Bounds returns the bounds of v.
func (p *Problem) Bounds(v Var) (lo, hi float64) { return p.vars[v].lo, p.vars[v].hi }

// Type returns the type of v.
func (p *Problem) Type(v Var) VarType { return p.vars[v].typ }

// ObjCoef returns the objective coefficient of v.
func (p *Problem) ObjCoef(v Var) float64 { return p.vars[v].obj }

// RowName returns the name of r.
func (p *Problem) RowName(r Row) string { return p.rows[r].name }

// RowTerms returns a copy of the terms of r.
func (p *Problem) RowTerms(r Row) []Term { return append([]Term(nil), p.rows[r].terms...) }

// RowOp returns the relation of r.
func (p *Problem) RowOp(r Row) Op { return p.rows[r].op }

// RowRHS returns the right-hand side of r.
func (p *Problem) RowRHS(r Row) float64 { return p.rows[r].rhs }

// IsMIP reports whether some variable is Integer or Binary.
func (p *Problem) IsMIP() bool {
	for _, v := range p.vars {
		if v.typ != Continuous {
			return true
		}
	}
	return false
}

// Validate returns the first building error, or an error if a value is not
// usable (NaN, infinite coefficients or right-hand sides).
func (p *Problem) Validate() error {
	if p.err != nil {
		return p.err
	}
	if p.Sense != Minimize && p.Sense != Maximize {
		return fmt.Errorf("%w: unknown sense %d", ErrModel, int(p.Sense))
	}
	if math.IsNaN(p.ObjConst) || math.IsInf(p.ObjConst, 0) {
		return fmt.Errorf("%w: objective constant %g is not finite", ErrModel, p.ObjConst)
	}
	return nil
}

// Clone returns a deep copy of p.
func (p *Problem) Clone() *Problem {
	q := &Problem{Sense: p.Sense, ObjConst: p.ObjConst, ObjName: p.ObjName, err: p.err,
		vars: append([]varData(nil), p.vars...), rows: make([]rowData, len(p.rows)),
		byName: make(map[string]Var, len(p.byName)), rowIdx: make(map[string]Row, len(p.rowIdx))}
	for i, r := range p.rows {
		r.terms = append([]Term(nil), r.terms...)
		q.rows[i] = r
	}
	for k, v := range p.byName {
		q.byName[k] = v
	}
	for k, v := range p.rowIdx {
		q.rowIdx[k] = v
	}
	return q
}

// Objective evaluates the objective at x (indexed by Var).
func (p *Problem) Objective(x []float64) float64 {
	s := p.ObjConst
	for j, v := range p.vars {
		s += v.obj * x[j]
	}
	return s
}

// Violation returns the largest amount by which x (indexed by Var) violates a
// row, a bound or, when integral is true, integrality, with the name of the
// row or variable concerned ("" when x satisfies everything exactly).
func (p *Problem) Violation(x []float64, integral bool) (float64, string) {
	worst, where := 0.0, ""
	note := func(v float64, name string) {
		if v > worst {
			worst, where = v, name
		}
	}
	for j, v := range p.vars {
		note(v.lo-x[j], v.name)
		note(x[j]-v.hi, v.name)
		if integral && v.typ != Continuous {
			note(math.Abs(x[j]-math.Round(x[j])), v.name)
		}
	}
	for _, r := range p.rows {
		s := 0.0
		for _, t := range r.terms {
			s += t.Coef * x[t.Var]
		}
		switch r.op {
		case LE:
			note(s-r.rhs, r.name)
		case GE:
			note(r.rhs-s, r.name)
		default:
			note(math.Abs(s-r.rhs), r.name)
		}
	}
	return worst, where
}
