package csp

import (
	"fmt"
	"slices"
)

// Violation names a posted constraint that an assignment falsifies.
type Violation struct {
	Index int    // position among the posted constraints, from 0
	Name  string // the constraint's name from JSON ("" if none)
	Group string // its group ("" if none)
}

func (v Violation) String() string {
	s := fmt.Sprintf("constraint %d", v.Index)
	if v.Name != "" {
		s += fmt.Sprintf(" (%q)", v.Name)
	}
	if v.Group != "" {
		s += fmt.Sprintf(" in group %q", v.Group)
	}
	return s
}

// Check evaluates the model directly (no SAT encoding is involved) on an
// assignment by variable name. It returns nil when every named variable has
// a value of its domain and every constraint holds; otherwise an error
// naming the first problem. It is the independent checker that Solve runs on
// every solution before returning it.
func (m *Model) Check(values map[string]int) error {
	vs, err := m.Violations(values)
	if err != nil {
		return err
	}
	if len(vs) > 0 {
		return fmt.Errorf("csp: check: %s is violated", vs[0])
	}
	return nil
}

// Violations returns every posted constraint that the assignment falsifies;
// the error reports a variable without a value or with a value outside its
// domain.
func (m *Model) Violations(values map[string]int) ([]Violation, error) {
	if m.err != nil {
		return nil, m.err
	}
	val, err := m.assignment(values)
	if err != nil {
		return nil, err
	}
	var out []Violation
	for i, p := range m.cons {
		if !holds(p.c, val) {
			out = append(out, Violation{Index: i, Name: p.name, Group: p.group})
		}
	}
	return out, nil
}

// ObjectiveValue evaluates the objective's linear expression (not negated
// for maximisation) on an assignment.
func (m *Model) ObjectiveValue(values map[string]int) (int, error) {
	if m.obj == nil {
		return 0, fmt.Errorf("csp: model has no objective")
	}
	val, err := m.assignment(values)
	if err != nil {
		return 0, err
	}
	return sum(m.obj.terms, val), nil
}

// assignment turns values by name into values by variable index, checking
// domains.
func (m *Model) assignment(values map[string]int) ([]int, error) {
	val := make([]int, len(m.vars))
	for i, d := range m.vars {
		v, ok := values[d.name]
		if !ok {
			return nil, fmt.Errorf("csp: check: variable %q has no value", d.name)
		}
		if _, found := slices.BinarySearch(d.values, v); !found {
			return nil, fmt.Errorf("csp: check: variable %q = %d is outside its domain", d.name, v)
		}
		val[i] = v
	}
	return val, nil
}

func sum(terms []Term, val []int) int {
	s := 0
	for _, t := range terms {
		s += t.Coef * val[t.Var.idx()]
	}
	return s
}

func (o operand) eval(val []int) int {
	if o.v.Valid() {
		return val[o.v.idx()]
	}
	return o.c
}

// holds is the reference semantics of every constraint kind.
func holds(c Constraint, val []int) bool {
	switch c := c.(type) {
	case allDiff:
		seen := map[int]bool{}
		for i, x := range c.xs {
			v := val[x.idx()]
			if c.offs != nil {
				v += c.offs[i]
			}
			if seen[v] {
				return false
			}
			seen[v] = true
		}
		return true
	case linear:
		return c.op.holds(sum(c.terms, val), c.rhs)
	case table:
	tuples:
		for _, t := range c.tuples {
			for i, x := range c.vars {
				if val[x.idx()] != t[i] {
					continue tuples
				}
			}
			return true
		}
		return false
	case element:
		i := val[c.index.idx()]
		if i < 0 || i >= len(c.array) {
			return false
		}
		return c.array[i].eval(val) == c.value.eval(val)
	case *boolOp:
		switch c.kind {
		case kAnd:
			for _, s := range c.cs {
				if !holds(s, val) {
					return false
				}
			}
			return true
		case kOr:
			for _, s := range c.cs {
				if holds(s, val) {
					return true
				}
			}
			return false
		case kNot:
			return !holds(c.cs[0], val)
		case kImplies:
			return !holds(c.cs[0], val) || holds(c.cs[1], val)
		case kIff:
			return holds(c.cs[0], val) == holds(c.cs[1], val)
		}
	}
	panic(fmt.Sprintf("csp: unknown constraint type %T", c))
}
