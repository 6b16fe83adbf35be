package stl

import (
	"errors"
	"fmt"
	"math"
)

// Op is the operator of a formula node.
type Op uint8

// Operators. And and Or are n-ary (at least two arguments); Implies, Iff
// and Until are binary; Not, Eventually and Always are unary.
const (
	OpTrue Op = iota
	OpFalse
	OpAtom
	OpNot
	OpAnd
	OpOr
	OpImplies
	OpIff
	OpEventually
	OpAlways
	OpUntil
)

var opNames = [...]string{
	OpTrue:       "true",
	OpFalse:      "false",
	OpAtom:       "atom",
	OpNot:        "not",
	OpAnd:        "and",
	OpOr:         "or",
	OpImplies:    "implies",
	OpIff:        "iff",
	OpEventually: "eventually",
	OpAlways:     "always",
	OpUntil:      "until",
}

// String returns the operator's name as used in the JSON form (true,
// false, atom, not, and, or, implies, iff, eventually, always, until).
func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Temporal reports whether o is Eventually, Always or Until.
func (o Op) Temporal() bool { return o == OpEventually || o == OpAlways || o == OpUntil }

// Atom is a proposition "a robot is inside a region". Robot is empty for a
// bare region atom, whose meaning (the only robot, or some robot) is up to
// the [Signal].
type Atom struct {
	Robot  string
	Region string
}

// String returns "region" or "robot.region".
func (a Atom) String() string {
	if a.Robot == "" {
		return a.Region
	}
	return a.Robot + "." + a.Region
}

// Bounds is the closed time window [Lo, Hi] of a temporal operator,
// relative to the time at which the operator is evaluated.
type Bounds struct{ Lo, Hi float64 }

// Validate checks 0 ≤ Lo ≤ Hi < ∞.
func (b Bounds) Validate() error {
	switch {
	case math.IsNaN(b.Lo) || math.IsNaN(b.Hi) || math.IsInf(b.Lo, 0) || math.IsInf(b.Hi, 0):
		return fmt.Errorf("%w: bounds [%g,%g] must be finite", ErrInvalid, b.Lo, b.Hi)
	case b.Lo < 0:
		return fmt.Errorf("%w: lower bound %g is negative", ErrInvalid, b.Lo)
	case b.Lo > b.Hi:
		return fmt.Errorf("%w: lower bound %g is greater than upper bound %g", ErrInvalid, b.Lo, b.Hi)
	}
	return nil
}

// Pos is a position in the source text: 1-based line and column (in
// characters). The zero Pos means "not from source".
type Pos struct{ Line, Col int }

// String returns "column C" or "line L, column C" (for line > 1).
func (p Pos) String() string {
	if p.Line > 1 {
		return fmt.Sprintf("line %d, column %d", p.Line, p.Col)
	}
	return fmt.Sprintf("column %d", p.Col)
}

// Formula is a node of an STL syntax tree. Build trees with [Parse],
// [ParsePrefix] or the constructors ([True], [Prop], [Not], [And], ...).
type Formula struct {
	Op   Op
	Atom Atom // OpAtom only
	// Bounds is the window of Eventually, Always and Until; nil means
	// [0, horizon], the horizon being given when the formula is checked.
	Bounds *Bounds
	// Args holds the operands: one for Not, Eventually and Always, two for
	// Implies, Iff and Until (left, right), two or more for And and Or.
	Args []*Formula
	// Pos is where the node starts in the parsed text (zero when built in
	// code); it does not take part in Equal.
	Pos Pos
}

// ErrInvalid is wrapped by the errors of malformed trees (wrong arity,
// bad bounds, empty atom names).
var ErrInvalid = errors.New("stl: invalid formula")

// True returns the formula true.
func True() *Formula { return &Formula{Op: OpTrue} }

// False returns the formula false.
func False() *Formula { return &Formula{Op: OpFalse} }

// Prop returns the atom robot.region (robot may be empty).
func Prop(robot, region string) *Formula {
	return &Formula{Op: OpAtom, Atom: Atom{Robot: robot, Region: region}}
}

// Not returns ¬f.
func Not(f *Formula) *Formula { return &Formula{Op: OpNot, Args: []*Formula{f}} }

// And returns the conjunction of fs: true for none, fs[0] for one.
func And(fs ...*Formula) *Formula { return nary(OpAnd, OpTrue, fs) }

// Or returns the disjunction of fs: false for none, fs[0] for one.
func Or(fs ...*Formula) *Formula { return nary(OpOr, OpFalse, fs) }

func nary(op, unit Op, fs []*Formula) *Formula {
	switch len(fs) {
	case 0:
		return &Formula{Op: unit}
	case 1:
		return fs[0]
	}
	return &Formula{Op: op, Args: append([]*Formula(nil), fs...)}
}

// Implies returns a → b.
func Implies(a, b *Formula) *Formula { return &Formula{Op: OpImplies, Args: []*Formula{a, b}} }

// Iff returns a ↔ b.
func Iff(a, b *Formula) *Formula { return &Formula{Op: OpIff, Args: []*Formula{a, b}} }

// Eventually returns F[b] f; a nil b means [0, horizon].
func Eventually(b *Bounds, f *Formula) *Formula {
	return &Formula{Op: OpEventually, Bounds: copyBounds(b), Args: []*Formula{f}}
}

// Always returns G[b] f; a nil b means [0, horizon].
func Always(b *Bounds, f *Formula) *Formula {
	return &Formula{Op: OpAlways, Bounds: copyBounds(b), Args: []*Formula{f}}
}

// Until returns a U[b] c; a nil b means [0, horizon].
func Until(a *Formula, b *Bounds, c *Formula) *Formula {
	return &Formula{Op: OpUntil, Bounds: copyBounds(b), Args: []*Formula{a, c}}
}

// Within returns the bounds [lo, hi] (a helper for the constructors).
func Within(lo, hi float64) *Bounds { return &Bounds{lo, hi} }

func copyBounds(b *Bounds) *Bounds {
	if b == nil {
		return nil
	}
	c := *b
	return &c
}

// arity returns the required number of arguments (-1: at least two).
func (o Op) arity() int {
	switch o {
	case OpTrue, OpFalse, OpAtom:
		return 0
	case OpNot, OpEventually, OpAlways:
		return 1
	case OpAnd, OpOr:
		return -1
	}
	return 2
}

// Validate checks the tree's shape: known operators, arities, bounds only
// on temporal operators and valid, non-empty atom names.
func (f *Formula) Validate() error {
	return f.validate(0)
}

// maxDepth bounds the nesting of formulas (parser and validation).
const maxDepth = 1000

func (f *Formula) validate(depth int) error {
	if f == nil {
		return fmt.Errorf("%w: nil node", ErrInvalid)
	}
	if depth > maxDepth {
		return fmt.Errorf("%w: nesting deeper than %d", ErrInvalid, maxDepth)
	}
	if int(f.Op) >= len(opNames) {
		return fmt.Errorf("%w: unknown operator %d", ErrInvalid, int(f.Op))
	}
	switch n := f.Op.arity(); {
	case n == -1 && len(f.Args) < 2:
		return fmt.Errorf("%w: %s needs at least two operands, has %d", ErrInvalid, f.Op, len(f.Args))
	case n >= 0 && len(f.Args) != n:
		return fmt.Errorf("%w: %s needs %d operand(s), has %d", ErrInvalid, f.Op, n, len(f.Args))
	}
	if f.Bounds != nil {
		if !f.Op.Temporal() {
			return fmt.Errorf("%w: %s cannot have bounds", ErrInvalid, f.Op)
		}
		if err := f.Bounds.Validate(); err != nil {
			return err
		}
	}
	if f.Op == OpAtom {
		if !validName(f.Atom.Region) {
			return fmt.Errorf("%w: atom region %q is not a name (letters, digits and _, not starting with a digit; not F, G, U, true or false)", ErrInvalid, f.Atom.Region)
		}
		if f.Atom.Robot != "" && !validName(f.Atom.Robot) {
			return fmt.Errorf("%w: atom robot %q is not a name", ErrInvalid, f.Atom.Robot)
		}
	}
	for _, a := range f.Args {
		if err := a.validate(depth + 1); err != nil {
			return err
		}
	}
	return nil
}

// ValidName reports whether s can name a region or robot in the infix
// syntax: ASCII letters, digits and underscores, not starting with a digit,
// and not a keyword (F, G, U, true, false).
func ValidName(s string) bool { return validName(s) }

func validName(s string) bool {
	if s == "" || isKeyword(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isLetter(c) || c == '_' || (i > 0 && isDigit(c))) {
			return false
		}
	}
	return true
}

func isKeyword(s string) bool {
	switch s {
	case "F", "G", "U", "true", "false":
		return true
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// Equal reports whether a and b are the same tree (positions ignored).
func Equal(a, b *Formula) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Op != b.Op || a.Atom != b.Atom || len(a.Args) != len(b.Args) {
		return false
	}
	if (a.Bounds == nil) != (b.Bounds == nil) || a.Bounds != nil && *a.Bounds != *b.Bounds {
		return false
	}
	for i := range a.Args {
		if !Equal(a.Args[i], b.Args[i]) {
			return false
		}
	}
	return true
}

// Walk calls fn on f and its descendants in pre-order; fn returning false
// skips a node's children.
func (f *Formula) Walk(fn func(*Formula) bool) {
	if f == nil || !fn(f) {
		return
	}
	for _, a := range f.Args {
		a.Walk(fn)
	}
}

// AtomRef is an atom and where it first occurs in the source.
type AtomRef struct {
	Atom
	Pos Pos
}

// Atoms returns the distinct atoms of f in order of first occurrence.
func (f *Formula) Atoms() []AtomRef {
	var out []AtomRef
	seen := map[Atom]bool{}
	f.Walk(func(n *Formula) bool {
		if n.Op == OpAtom && !seen[n.Atom] {
			seen[n.Atom] = true
			out = append(out, AtomRef{n.Atom, n.Pos})
		}
		return true
	})
	return out
}

// Span returns how far into the future f looks: the time after the
// evaluation instant up to which the signal can matter (the sum of the
// nested upper bounds), with unbounded operators counting horizon.
func (f *Formula) Span(horizon float64) float64 {
	var s float64
	for _, a := range f.Args {
		s = math.Max(s, a.Span(horizon))
	}
	if f.Op.Temporal() {
		if f.Bounds != nil {
			s += f.Bounds.Hi
		} else {
			s += horizon
		}
	}
	return s
}

// Size returns the number of nodes of f.
func (f *Formula) Size() int {
	n := 0
	f.Walk(func(*Formula) bool { n++; return true })
	return n
}

// Clone returns a deep copy of f.
func (f *Formula) Clone() *Formula {
	if f == nil {
		return nil
	}
	c := *f
	c.Bounds = copyBounds(f.Bounds)
	if f.Args != nil {
		c.Args = make([]*Formula, len(f.Args))
		for i, a := range f.Args {
			c.Args[i] = a.Clone()
		}
	}
	return &c
}
