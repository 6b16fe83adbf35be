package stl

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PrefixOptions configures [ParsePrefix].
type PrefixOptions struct {
	// Horizon replaces the bound "infinite" (AutoTAMP maps it to tmax).
	// When it is 0, "[0, infinite]" becomes an unbounded operator (whole
	// horizon, fixed when the formula is checked) and "[a, infinite]" with
	// a > 0 is an error.
	Horizon float64
	// Atom maps a leaf name (the x of enter(x) or not_enter(x), or a bare
	// leaf such as prop_1) to an atom. Nil splits "robot.region" at the dot.
	Atom func(name string) (Atom, error)
}

type prefixKind uint8

const (
	pLeaf prefixKind = iota
	pUnary
	pBinary
)

type prefixTok struct {
	kind   prefixKind
	op     Op
	bounds *Bounds
	leaf   *Formula
}

// ParsePrefix reads AutoTAMP's pre-order token list, e.g.
//
//	['and', 'finally', 'enter(room1)', 'globally', 'not_enter(room2)']
//
// Operators: negation; globally, finally (optionally "globally [a,b]");
// and, or, imply, equal (↔), until (optionally "until [a,b]"). Leaves:
// enter(x), not_enter(x) (= negation enter(x)), true, false and bare
// names. Bounds are non-negative numbers or "infinite" (see
// [PrefixOptions.Horizon]). The list is first checked the way AutoTAMP
// checks it: a leaf scores +1, a binary operator −1 and a unary one 0; the
// total must be 1 and, read from the right, the running score must never
// fall to 0. A failure is reported as a *SyntaxError in AutoTAMP's words
// ("lacks 2 operators with two operands", ...), naming the token where it
// can.
func ParsePrefix(tokens []string, opts PrefixOptions) (*Formula, error) {
	if len(tokens) == 0 {
		return nil, &SyntaxError{Msg: "prefix list is empty"}
	}
	if len(tokens) > maxInput/4 {
		return nil, &SyntaxError{Msg: fmt.Sprintf("prefix list longer than %d tokens", maxInput/4)}
	}
	toks := make([]prefixTok, len(tokens))
	leaves, binaries := 0, 0
	for i, s := range tokens {
		t, err := classify(s, opts)
		if err != nil {
			return nil, &SyntaxError{Token: i + 1, Msg: fmt.Sprintf("%q: %s", s, err)}
		}
		toks[i] = t
		switch t.kind {
		case pLeaf:
			leaves++
		case pBinary:
			binaries++
		}
	}
	// AutoTAMP's syntactic check: the scores must sum to 1.
	if total := leaves - binaries; total > 1 {
		return nil, &SyntaxError{Msg: fmt.Sprintf("the prefix list lacks %d operator(s) with two operands (and, or, imply, equal, until): %d leaves need %d, found %d",
			total-1, leaves, leaves-1, binaries)}
	} else if total < 1 {
		return nil, &SyntaxError{Msg: fmt.Sprintf("the prefix list has %d more operator(s) with two operands than its %d leaves allow (at most %d, found %d)",
			1-total, leaves, max(leaves-1, 0), binaries)}
	}
	// Read from the right with a stack; the running score is its height.
	var stack []*Formula
	for i := len(toks) - 1; i >= 0; i-- {
		t := toks[i]
		switch t.kind {
		case pLeaf:
			stack = append(stack, t.leaf)
		case pUnary:
			if len(stack) < 1 {
				return nil, &SyntaxError{Token: i + 1, Msg: fmt.Sprintf("%q has no operand after it", tokens[i])}
			}
			n := len(stack) - 1
			stack[n] = &Formula{Op: t.op, Bounds: t.bounds, Args: []*Formula{stack[n]}}
		case pBinary:
			if len(stack) < 2 {
				return nil, &SyntaxError{Token: i + 1, Msg: fmt.Sprintf("%q needs two operands after it, has %d", tokens[i], len(stack))}
			}
			n := len(stack)
			a, b := stack[n-1], stack[n-2]
			stack = stack[:n-2]
			stack = append(stack, &Formula{Op: t.op, Bounds: t.bounds, Args: []*Formula{a, b}})
		}
	}
	if len(stack) != 1 {
		// Unreachable given the score check, kept as a guard.
		return nil, &SyntaxError{Msg: fmt.Sprintf("the prefix list leaves %d formulas instead of one", len(stack))}
	}
	f := stack[0]
	if err := f.Validate(); err != nil {
		return nil, &SyntaxError{Msg: strings.TrimPrefix(err.Error(), "stl: ")}
	}
	return f, nil
}

func classify(s string, opts PrefixOptions) (prefixTok, error) {
	t := strings.TrimSpace(s)
	name, rest := t, ""
	if i := strings.IndexAny(t, "[("); i >= 0 {
		name, rest = strings.TrimSpace(t[:i]), t[i:]
	}
	lname := strings.ToLower(name)
	var op Op
	kind := pUnary
	switch lname {
	case "negation", "not":
		op = OpNot
	case "globally", "always":
		op = OpAlways
	case "finally", "eventually":
		op = OpEventually
	case "and":
		op, kind = OpAnd, pBinary
	case "or":
		op, kind = OpOr, pBinary
	case "imply", "implies":
		op, kind = OpImplies, pBinary
	case "equal", "iff":
		op, kind = OpIff, pBinary
	case "until":
		op, kind = OpUntil, pBinary
	case "true", "false":
		if rest != "" {
			return prefixTok{}, fmt.Errorf("unexpected %q after %s", rest, name)
		}
		if lname == "true" {
			return prefixTok{kind: pLeaf, leaf: True()}, nil
		}
		return prefixTok{kind: pLeaf, leaf: False()}, nil
	case "enter", "not_enter":
		if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
			return prefixTok{}, fmt.Errorf("want %s(region)", lname)
		}
		a, err := prefixAtom(strings.TrimSpace(rest[1:len(rest)-1]), opts)
		if err != nil {
			return prefixTok{}, err
		}
		leaf := &Formula{Op: OpAtom, Atom: a}
		if lname == "not_enter" {
			leaf = Not(leaf)
		}
		return prefixTok{kind: pLeaf, leaf: leaf}, nil
	case "":
		return prefixTok{}, fmt.Errorf("empty token")
	default:
		if rest != "" {
			return prefixTok{}, fmt.Errorf("unknown operator %q; want and, or, imply, equal, until, negation, globally, finally, enter(region), not_enter(region), true or false", name)
		}
		a, err := prefixAtom(t, opts)
		if err != nil {
			return prefixTok{}, fmt.Errorf("unknown token; want and, or, imply, equal, until, negation, globally, finally, enter(region), not_enter(region), true, false or a name (%s)", err)
		}
		return prefixTok{kind: pLeaf, leaf: &Formula{Op: OpAtom, Atom: a}}, nil
	}
	tok := prefixTok{kind: kind, op: op}
	if rest == "" {
		return tok, nil
	}
	if op != OpAlways && op != OpEventually && op != OpUntil {
		return prefixTok{}, fmt.Errorf("%s takes no bounds", name)
	}
	b, err := prefixBounds(rest, opts.Horizon)
	if err != nil {
		return prefixTok{}, err
	}
	tok.bounds = b
	return tok, nil
}

func prefixAtom(name string, opts PrefixOptions) (Atom, error) {
	if opts.Atom != nil {
		a, err := opts.Atom(name)
		if err != nil {
			return Atom{}, err
		}
		if !validName(a.Region) || a.Robot != "" && !validName(a.Robot) {
			return Atom{}, fmt.Errorf("leaf %q maps to %q, which is not a valid atom", name, a)
		}
		return a, nil
	}
	robot, region, dotted := strings.Cut(name, ".")
	if !dotted {
		robot, region = "", name
	}
	if !validName(region) || dotted && !validName(robot) {
		return Atom{}, fmt.Errorf("%q is not a region name", name)
	}
	return Atom{Robot: robot, Region: region}, nil
}

// prefixBounds reads "[a, b]" where b may be "infinite".
func prefixBounds(s string, horizon float64) (*Bounds, error) {
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("want bounds [a, b], found %q", s)
	}
	parts := strings.Split(s[1:len(s)-1], ",")
	if len(parts) != 2 {
		return nil, fmt.Errorf("want two bounds [a, b], found %q", s)
	}
	var v [2]float64
	inf := false
	for i, p := range parts {
		p = strings.TrimSpace(p)
		switch strings.ToLower(p) {
		case "infinite", "inf", "infinity":
			if i == 0 {
				return nil, fmt.Errorf("the lower bound cannot be infinite")
			}
			inf = true
			continue
		}
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e15 {
			return nil, fmt.Errorf("bound %q is not a non-negative number", p)
		}
		v[i] = x
	}
	if inf {
		switch {
		case horizon > 0:
			v[1] = horizon
		case v[0] == 0:
			return nil, nil
		default:
			return nil, fmt.Errorf("bounds [%s, infinite] need a horizon", fmtNum(v[0]))
		}
	}
	if v[0] > v[1] {
		return nil, fmt.Errorf("lower bound %s is greater than upper bound %s", fmtNum(v[0]), fmtNum(v[1]))
	}
	return &Bounds{v[0], v[1]}, nil
}

// ParsePrefixList reads a token list written as a Python list literal
// (['and', "finally", ...], as AutoTAMP prints it) or a JSON array of
// strings. Errors give the column.
func ParsePrefixList(s string) ([]string, error) {
	if len(s) > maxInput {
		return nil, &SyntaxError{Pos: Pos{1, 1}, Msg: fmt.Sprintf("token list longer than %d bytes", maxInput)}
	}
	i := 0
	col := func(i int) Pos {
		line, c := 1, 1
		for _, r := range s[:i] {
			if r == '\n' {
				line, c = line+1, 1
			} else {
				c++
			}
		}
		return Pos{line, c}
	}
	errAt := func(i int, format string, a ...any) error {
		return &SyntaxError{Pos: col(i), Msg: fmt.Sprintf(format, a...)}
	}
	skip := func() {
		for i < len(s) && strings.IndexByte(" \t\r\n", s[i]) >= 0 {
			i++
		}
	}
	skip()
	if i >= len(s) || s[i] != '[' {
		return nil, errAt(i, "want \"[\" to start the token list")
	}
	i++
	var out []string
	for {
		skip()
		if i >= len(s) {
			return nil, errAt(i, "unexpected end of input; want a quoted token or \"]\"")
		}
		if s[i] == ']' {
			i++
			break
		}
		q := s[i]
		if q != '\'' && q != '"' {
			return nil, errAt(i, "want a quoted token, found %q", s[i])
		}
		start := i
		i++
		var b strings.Builder
		for {
			if i >= len(s) || s[i] == '\n' {
				return nil, errAt(start, "unterminated string")
			}
			c := s[i]
			if c == q {
				i++
				break
			}
			if c == '\\' && i+1 < len(s) {
				i++
				c = s[i]
			}
			b.WriteByte(c)
			i++
		}
		out = append(out, b.String())
		skip()
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		if i < len(s) && s[i] == ']' {
			i++
			break
		}
		if i >= len(s) {
			return nil, errAt(i, "unexpected end of input; want \",\" or \"]\"")
		}
		return nil, errAt(i, "want \",\" or \"]\", found %q", s[i])
	}
	skip()
	if i < len(s) {
		return nil, errAt(i, "unexpected %q after the token list", s[i])
	}
	return out, nil
}
