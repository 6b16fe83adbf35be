package csp

import (
	"fmt"
	"slices"
)

// Op is the comparison of a linear constraint.
type Op int

// Comparison operators.
const (
	LE Op = iota // ≤
	LT           // <
	EQ           // =
	NE           // ≠
	GE           // ≥
	GT           // >
)

var opNames = [...]string{LE: "<=", LT: "<", EQ: "=", NE: "!=", GE: ">=", GT: ">"}

// String returns the operator's ASCII spelling: <=, <, =, !=, >=, >.
func (o Op) String() string {
	if o < 0 || int(o) >= len(opNames) {
		return fmt.Sprintf("Op(%d)", int(o))
	}
	return opNames[o]
}

// ParseOp reads an operator: <=, <, =, ==, !=, >=, > (and ≤ ≠ ≥).
func ParseOp(s string) (Op, bool) {
	switch s {
	case "<=", "≤":
		return LE, true
	case "<":
		return LT, true
	case "=", "==":
		return EQ, true
	case "!=", "≠", "<>":
		return NE, true
	case ">=", "≥":
		return GE, true
	case ">":
		return GT, true
	}
	return 0, false
}

// holds reports whether lhs op rhs.
func (o Op) holds(lhs, rhs int) bool {
	switch o {
	case LE:
		return lhs <= rhs
	case LT:
		return lhs < rhs
	case EQ:
		return lhs == rhs
	case NE:
		return lhs != rhs
	case GE:
		return lhs >= rhs
	case GT:
		return lhs > rhs
	}
	return false
}

// Constraint is a condition over a model's variables. Constraints are
// values: build them with AllDifferent, Linear, Table, Element, And, Or, Not,
// Implies, Iff and friends, nest them freely (any constraint may appear
// inside a Boolean combination, which reifies it), and post them with
// Model.Add or Model.AddGroup.
type Constraint interface {
	validate(m *Model) error
}

type allDiff struct {
	xs   []IntVar
	offs []int // nil or len(xs): xᵢ+offsᵢ pairwise different
}

type linear struct {
	terms []Term
	op    Op
	rhs   int
}

type table struct {
	vars   []IntVar
	tuples [][]int
}

// operand is a variable or, when v is the zero IntVar, the constant c.
type operand struct {
	v IntVar
	c int
}

// varOperand wraps x; an invalid x stays invalid (validate rejects it)
// rather than turning into the constant 0.
func varOperand(x IntVar) operand {
	if !x.Valid() {
		return operand{v: IntVar{id: -1}}
	}
	return operand{v: x}
}

type element struct {
	index IntVar
	array []operand
	value operand
}

type boolKind int

const (
	kAnd boolKind = iota
	kOr
	kNot
	kImplies
	kIff
)

type boolOp struct {
	kind boolKind
	cs   []Constraint
}

// AllDifferent says that the variables take pairwise different values.
func AllDifferent(xs ...IntVar) Constraint { return allDiff{xs: slices.Clone(xs)} }

// AllDifferentOffsets says that the values xs[i]+offsets[i] are pairwise
// different (the diagonals of n-queens are the classic use).
func AllDifferentOffsets(xs []IntVar, offsets []int) Constraint {
	return allDiff{xs: slices.Clone(xs), offs: slices.Clone(offsets)}
}

// Linear says Σ terms op rhs.
func Linear(terms []Term, op Op, rhs int) Constraint {
	return linear{terms: slices.Clone(terms), op: op, rhs: rhs}
}

// Cmp says x op k: Linear([]Term{{1, x}}, op, k).
func Cmp(x IntVar, op Op, k int) Constraint { return linear{terms: []Term{{1, x}}, op: op, rhs: k} }

// Table says that the tuple (vars[0], …, vars[n-1]) is one of tuples.
func Table(vars []IntVar, tuples [][]int) Constraint {
	ts := make([][]int, len(tuples))
	for i, t := range tuples {
		ts[i] = slices.Clone(t)
	}
	return table{vars: slices.Clone(vars), tuples: ts}
}

// Element says value = array[index], indexing from 0; index must lie in
// 0..len(array)-1.
func Element(index IntVar, array []IntVar, value IntVar) Constraint {
	arr := make([]operand, len(array))
	for i, a := range array {
		arr[i] = varOperand(a)
	}
	return element{index: index, array: arr, value: varOperand(value)}
}

// ElementConst says value = array[index] for an array of constants,
// indexing from 0; index must lie in 0..len(array)-1.
func ElementConst(index IntVar, array []int, value IntVar) Constraint {
	arr := make([]operand, len(array))
	for i, a := range array {
		arr[i] = operand{c: a}
	}
	return element{index: index, array: arr, value: varOperand(value)}
}

// And holds when every c holds (true when cs is empty).
func And(cs ...Constraint) Constraint { return &boolOp{kind: kAnd, cs: slices.Clone(cs)} }

// Or holds when at least one c holds (false when cs is empty).
func Or(cs ...Constraint) Constraint { return &boolOp{kind: kOr, cs: slices.Clone(cs)} }

// Not holds when c does not.
func Not(c Constraint) Constraint { return &boolOp{kind: kNot, cs: []Constraint{c}} }

// Implies holds when a does not hold or b holds.
func Implies(a, b Constraint) Constraint { return &boolOp{kind: kImplies, cs: []Constraint{a, b}} }

// Iff holds when a and b both hold or both do not.
func Iff(a, b Constraint) Constraint { return &boolOp{kind: kIff, cs: []Constraint{a, b}} }

func (c allDiff) validate(m *Model) error {
	for i, x := range c.xs {
		if err := checkVar(m, x); err != nil {
			return within(fmt.Sprintf("all_different: variable %d", i), err)
		}
	}
	if c.offs != nil {
		if len(c.offs) != len(c.xs) {
			return invalidf("all_different: %d offsets for %d variables", len(c.offs), len(c.xs))
		}
		for i, o := range c.offs {
			if o < -MaxValue || o > MaxValue {
				return tooLargef("all_different: offset %d is %d, outside -%d..%d", i, o, MaxValue, MaxValue)
			}
		}
	}
	return nil
}

func (c linear) validate(m *Model) error {
	if c.op < LE || c.op > GT {
		return invalidf("linear: unknown operator %d", int(c.op))
	}
	if c.rhs < -maxMagnitude || c.rhs > maxMagnitude {
		return tooLargef("linear: right-hand side %d outside ±2^60", c.rhs)
	}
	if err := checkTerms(m, c.terms); err != nil {
		return within("linear", err)
	}
	return nil
}

func (c table) validate(m *Model) error {
	if len(c.vars) == 0 {
		return invalidf("table: no variables")
	}
	for i, x := range c.vars {
		if err := checkVar(m, x); err != nil {
			return within(fmt.Sprintf("table: variable %d", i), err)
		}
	}
	cells := len(c.tuples) * len(c.vars)
	if m.cells+cells > MaxTableCells {
		return tooLargef("table: the model's tables hold more than %d entries", MaxTableCells)
	}
	for i, t := range c.tuples {
		if len(t) != len(c.vars) {
			return invalidf("table: tuple %d has %d values for %d variables", i, len(t), len(c.vars))
		}
		for _, v := range t {
			if v < -MaxValue || v > MaxValue {
				return tooLargef("table: tuple %d: value %d outside -%d..%d", i, v, MaxValue, MaxValue)
			}
		}
	}
	m.cells += cells
	return nil
}

func (c element) validate(m *Model) error {
	if err := checkVar(m, c.index); err != nil {
		return within("element: index", err)
	}
	if len(c.array) == 0 {
		return invalidf("element: empty array")
	}
	for i, a := range c.array {
		if err := checkOperand(m, a); err != nil {
			return within(fmt.Sprintf("element: array[%d]", i), err)
		}
	}
	if err := checkOperand(m, c.value); err != nil {
		return within("element: value", err)
	}
	return nil
}

func checkOperand(m *Model, o operand) error {
	if o.v.id != 0 {
		return checkVar(m, o.v)
	}
	if o.c < -MaxValue || o.c > MaxValue {
		return tooLargef("constant %d outside -%d..%d", o.c, MaxValue, MaxValue)
	}
	return nil
}

func (c *boolOp) validate(m *Model) error {
	for i, s := range c.cs {
		if s == nil {
			return invalidf("%s: operand %d is nil", c.kind, i)
		}
		if err := s.validate(m); err != nil {
			return within(fmt.Sprintf("%s: operand %d", c.kind, i), err)
		}
	}
	return nil
}

func (k boolKind) String() string {
	return [...]string{"and", "or", "not", "implies", "iff"}[k]
}
