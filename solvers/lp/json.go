package lp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Model is the JSON form of a Problem (see the package documentation).
type Model struct {
	Sense     string                `json:"sense,omitempty" jsonschema:"min or max (default min)"`
	Objective map[string]float64    `json:"objective,omitempty" jsonschema:"objective coefficient per variable name"`
	Constant  float64               `json:"constant,omitempty" jsonschema:"constant added to the objective"`
	Rows      []ModelRow            `json:"rows,omitempty" jsonschema:"the constraints"`
	Bounds    map[string][]*float64 `json:"bounds,omitempty" jsonschema:"[lower, upper] per variable; null is infinite; default [0, null]"`
	Integers  []string              `json:"integers,omitempty" jsonschema:"variables that must take integer values"`
	Binaries  []string              `json:"binaries,omitempty" jsonschema:"0/1 variables"`
}

// ModelRow is one constraint of a Model: Σ terms op rhs.
type ModelRow struct {
	Name  string             `json:"name,omitempty" jsonschema:"row name (default c1, c2, ... by position)"`
	Terms map[string]float64 `json:"terms" jsonschema:"coefficient per variable name"`
	Op    string             `json:"op" jsonschema:"the relation: <=, >= or ="`
	RHS   float64            `json:"rhs" jsonschema:"right-hand side"`
}

// ParseJSON reads a Model from JSON (unknown fields are errors) and builds
// the Problem.
func ParseJSON(data []byte) (*Problem, error) {
	var m Model
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("lp: JSON model: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("lp: JSON model: data after the model object")
	}
	return m.Problem()
}

// Problem builds the problem the model describes. Variables are ordered by
// name, comparing runs of digits as numbers (x2 before x10).
func (m *Model) Problem() (*Problem, error) {
	var sense Sense
	switch strings.ToLower(m.Sense) {
	case "", "min", "minimize", "minimise":
		sense = Minimize
	case "max", "maximize", "maximise":
		sense = Maximize
	default:
		return nil, fmt.Errorf("%w: sense %q: want min or max", ErrModel, m.Sense)
	}
	names := map[string]bool{}
	for name := range m.Objective {
		names[name] = true
	}
	for i, r := range m.Rows {
		if r.Terms == nil && r.Op == "" {
			return nil, fmt.Errorf("%w: rows[%d]: want terms, op and rhs", ErrModel, i)
		}
		for name := range r.Terms {
			names[name] = true
		}
	}
	for name := range m.Bounds {
		names[name] = true
	}
	for _, name := range m.Integers {
		names[name] = true
	}
	for _, name := range m.Binaries {
		names[name] = true
	}
	if names[""] {
		return nil, fmt.Errorf("%w: a variable name is empty", ErrModel)
	}
	order := make([]string, 0, len(names))
	for name := range names {
		order = append(order, name)
	}
	sortNatural(order)
	p := NewProblem(sense)
	p.ObjConst = m.Constant
	for _, name := range order {
		lo, hi := 0.0, math.Inf(1)
		if b, ok := m.Bounds[name]; ok {
			if len(b) != 2 {
				return nil, fmt.Errorf("%w: bounds[%q]: want [lower, upper], got %d values", ErrModel, name, len(b))
			}
			if b[0] == nil {
				lo = math.Inf(-1)
			} else {
				lo = *b[0]
			}
			if b[1] != nil {
				hi = *b[1]
			}
			if math.IsInf(lo, 1) || math.IsInf(hi, -1) {
				return nil, fmt.Errorf("%w: bounds[%q]: lower must be below +inf and upper above -inf", ErrModel, name)
			}
		}
		v := p.AddVar(name, lo, hi, Continuous)
		p.SetObjCoef(v, m.Objective[name])
	}
	for i, name := range m.Integers {
		if name == "" {
			return nil, fmt.Errorf("%w: integers[%d]: empty name", ErrModel, i)
		}
		p.SetType(p.byName[name], Integer)
	}
	for _, name := range m.Binaries {
		p.SetType(p.byName[name], Binary)
	}
	for i, r := range m.Rows {
		op, err := ParseOp(r.Op)
		if err != nil {
			return nil, fmt.Errorf("%w: rows[%d].op: %q: want <=, >= or =", ErrModel, i, r.Op)
		}
		terms := make([]Term, 0, len(r.Terms))
		for name, c := range r.Terms {
			terms = append(terms, Term{p.byName[name], c})
		}
		slices.SortFunc(terms, func(a, b Term) int { return int(a.Var) - int(b.Var) })
		if r.Name != "" && p.hasRow(r.Name) {
			return nil, fmt.Errorf("%w: rows[%d].name: %q used twice", ErrModel, i, r.Name)
		}
		name := r.Name
		if name == "" {
			name = fmt.Sprintf("c%d", i+1)
			for p.hasRow(name) || m.rowNamed(name) {
				name += "_"
			}
		}
		p.AddRow(name, terms, op, r.RHS)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

func (m *Model) rowNamed(name string) bool {
	for _, r := range m.Rows {
		if r.Name == name {
			return true
		}
	}
	return false
}

// ToModel returns the JSON form of p.
func ToModel(p *Problem) *Model {
	m := &Model{Sense: p.Sense.String(), Constant: p.ObjConst, Objective: map[string]float64{}, Bounds: map[string][]*float64{}}
	for _, v := range p.vars {
		if v.obj != 0 {
			m.Objective[v.name] = v.obj
		}
		switch v.typ {
		case Integer:
			m.Integers = append(m.Integers, v.name)
		case Binary:
			m.Binaries = append(m.Binaries, v.name)
		}
		if v.lo != 0 || !math.IsInf(v.hi, 1) || (v.obj == 0 && v.typ == Continuous) {
			var b [2]*float64
			if !math.IsInf(v.lo, -1) {
				lo := v.lo
				b[0] = &lo
			}
			if !math.IsInf(v.hi, 1) {
				hi := v.hi
				b[1] = &hi
			}
			m.Bounds[v.name] = b[:]
		}
	}
	for _, r := range p.rows {
		mr := ModelRow{Name: r.name, Terms: map[string]float64{}, Op: r.op.String(), RHS: r.rhs}
		for _, t := range r.terms {
			mr.Terms[p.vars[t.Var].name] += t.Coef
		}
		m.Rows = append(m.Rows, mr)
	}
	return m
}

// naturalCompare orders strings with runs of digits compared as numbers.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := isDigit(a[0]), isDigit(b[0])
		if da && db {
			i, j := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(a[:i], "0"), strings.TrimLeft(b[:j], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			if i != j {
				return i - j
			}
			a, b = a[i:], b[j:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func sortNatural(s []string) { slices.SortFunc(s, naturalCompare) }
