package csp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// MaxModelBytes bounds the size of a JSON model.
const MaxModelBytes = 64 << 20

// maxDepth bounds the nesting of JSON values (and so of Boolean
// combinations).
const maxDepth = 64

// ReadModel reads a JSON model (see the package documentation) from r.
func ReadModel(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("csp: reading model: %w", err)
	}
	return ParseModel(data)
}

// ParseModel parses a JSON model. Errors are *ModelError values that name
// the line and the field, e.g.
//
//	csp: line 7: constraints[2].linear.terms[1]: unknown variable "Q"
func ParseModel(data []byte) (*Model, error) {
	if len(data) > MaxModelBytes {
		return nil, tooLargef("model larger than %d MiB", MaxModelBytes>>20)
	}
	root, err := parseJSON(data)
	if err != nil {
		return nil, err
	}
	p := &parser{data: data, m: NewModel()}
	if err := p.model(root); err != nil {
		return nil, err
	}
	return p.m, nil
}

// ---- a small JSON tree that remembers where each value starts ----

type jkind byte

const (
	jObject jkind = iota
	jArray
	jString
	jNumber
	jBool
	jNull
)

func (k jkind) String() string {
	return [...]string{"an object", "an array", "a string", "a number", "a boolean", "null"}[k]
}

type jnode struct {
	off   int      // byte offset where the value starts
	kind  jkind    //
	str   string   // a string, or the text of a number
	keys  []string // object keys in order
	vals  []*jnode // object values (parallel to keys) or array elements
	dup   string   // the first key an object repeats
	dupAt int      // its offset
}

func (n *jnode) get(key string) *jnode {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

type jreader struct {
	data []byte
	dec  *json.Decoder
}

func parseJSON(data []byte) (*jnode, error) {
	r := &jreader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.UseNumber()
	n, err := r.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, &ModelError{Line: lineOf(data, int(r.dec.InputOffset())), Msg: "trailing data after the model", Err: ErrInvalid}
	}
	return n, nil
}

// start returns the offset where the next value begins.
func (r *jreader) start() int {
	off := int(r.dec.InputOffset())
	for off < len(r.data) {
		switch r.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (r *jreader) syntaxErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &ModelError{Line: lineOf(r.data, int(se.Offset)), Msg: "malformed JSON: " + se.Error(), Err: ErrInvalid}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &ModelError{Line: lineOf(r.data, len(r.data)), Msg: "malformed JSON: unexpected end of input", Err: ErrInvalid}
	}
	return &ModelError{Msg: "malformed JSON: " + err.Error(), Err: ErrInvalid}
}

func (r *jreader) value(depth int) (*jnode, error) {
	off := r.start()
	if depth > maxDepth {
		return nil, &ModelError{Line: lineOf(r.data, off), Msg: fmt.Sprintf("nested deeper than %d levels", maxDepth), Err: ErrTooLarge}
	}
	tok, err := r.dec.Token()
	if err != nil {
		return nil, r.syntaxErr(err)
	}
	n := &jnode{off: off}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = jObject
			for r.dec.More() {
				koff := r.start()
				kt, err := r.dec.Token()
				if err != nil {
					return nil, r.syntaxErr(err)
				}
				key, _ := kt.(string)
				v, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if n.dup == "" && slices.Contains(n.keys, key) {
					n.dup, n.dupAt = key, koff
				}
				n.keys = append(n.keys, key)
				n.vals = append(n.vals, v)
			}
		case '[':
			n.kind = jArray
			for r.dec.More() {
				v, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, v)
			}
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			return nil, r.syntaxErr(err)
		}
	case string:
		n.kind, n.str = jString, t
	case json.Number:
		n.kind, n.str = jNumber, string(t)
	case bool:
		n.kind = jBool
	case nil:
		n.kind = jNull
	}
	return n, nil
}

func lineOf(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// ---- from the tree to a Model ----

type parser struct {
	data []byte
	m    *Model
}

func (p *parser) errAt(n *jnode, path, format string, a ...any) error {
	return &ModelError{Line: lineOf(p.data, n.off), Path: path, Msg: fmt.Sprintf(format, a...), Err: ErrInvalid}
}

// located attaches the line of n and path to an error of the Model.
func (p *parser) located(n *jnode, path string, err error) error {
	err = within(path, err)
	var me *ModelError
	if errors.As(err, &me) {
		c := *me
		c.Line = lineOf(p.data, n.off)
		return &c
	}
	return err
}

// object checks that n is an object whose keys are all in allowed.
func (p *parser) object(n *jnode, path string, allowed ...string) error {
	if n.kind != jObject {
		return p.errAt(n, path, "want an object, got %s", n.kind)
	}
	if n.dup != "" {
		return &ModelError{Line: lineOf(p.data, n.dupAt), Path: join(path, n.dup), Msg: "duplicate key", Err: ErrInvalid}
	}
	for i, k := range n.keys {
		if !slices.Contains(allowed, k) {
			return p.errAt(n.vals[i], join(path, k), "unknown field (want %s)", strings.Join(allowed, ", "))
		}
	}
	return nil
}

// join extends a field path; keys that are not plain words are quoted so
// that a message stays on one line.
func join(path, key string) string {
	if !plainKey(key) {
		key = strconv.Quote(key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func idx(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func (p *parser) array(n *jnode, path string) error {
	if n.kind != jArray {
		return p.errAt(n, path, "want an array, got %s", n.kind)
	}
	return nil
}

// integer reads an integer within ±limit.
func (p *parser) integer(n *jnode, path string, limit int) (int, error) {
	if n.kind != jNumber {
		return 0, p.errAt(n, path, "want an integer, got %s", n.kind)
	}
	v, err := strconv.ParseInt(n.str, 10, 64)
	if err != nil {
		// A fraction, an exponent, or beyond int64.
		if f, ferr := strconv.ParseFloat(n.str, 64); ferr == nil && math.Abs(f) > float64(limit) {
			return 0, &ModelError{Line: lineOf(p.data, n.off), Path: path, Msg: fmt.Sprintf("%s is outside -%d..%d", n.str, limit, limit), Err: ErrTooLarge}
		}
		return 0, p.errAt(n, path, "want an integer (digits only), got %s", n.str)
	}
	if v > int64(limit) || v < -int64(limit) {
		return 0, &ModelError{Line: lineOf(p.data, n.off), Path: path, Msg: fmt.Sprintf("%d is outside -%d..%d", v, limit, limit), Err: ErrTooLarge}
	}
	return int(v), nil
}

func (p *parser) str(n *jnode, path string) (string, error) {
	if n.kind != jString {
		return "", p.errAt(n, path, "want a string, got %s", n.kind)
	}
	return n.str, nil
}

// varRef reads the name of a declared variable.
func (p *parser) varRef(n *jnode, path string) (IntVar, error) {
	name, err := p.str(n, path)
	if err != nil {
		return IntVar{}, err
	}
	x, ok := p.m.byName[name]
	if !ok {
		return IntVar{}, p.errAt(n, path, "unknown variable %q", name)
	}
	return x, nil
}

func (p *parser) varList(n *jnode, path string) ([]IntVar, error) {
	if err := p.array(n, path); err != nil {
		return nil, err
	}
	out := make([]IntVar, len(n.vals))
	for i, e := range n.vals {
		x, err := p.varRef(e, idx(path, i))
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func (p *parser) intList(n *jnode, path string, limit int) ([]int, error) {
	if err := p.array(n, path); err != nil {
		return nil, err
	}
	out := make([]int, len(n.vals))
	for i, e := range n.vals {
		v, err := p.integer(e, idx(path, i), limit)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (p *parser) model(n *jnode) error {
	if err := p.object(n, "", "description", "variables", "constraints", "objective"); err != nil {
		return err
	}
	if d := n.get("description"); d != nil {
		if _, err := p.str(d, "description"); err != nil {
			return err
		}
	}
	vars := n.get("variables")
	if vars == nil {
		return p.errAt(n, "variables", "missing (want an array of variables)")
	}
	if err := p.array(vars, "variables"); err != nil {
		return err
	}
	for i, v := range vars.vals {
		if err := p.variable(v, idx("variables", i)); err != nil {
			return err
		}
	}
	if cs := n.get("constraints"); cs != nil {
		if err := p.array(cs, "constraints"); err != nil {
			return err
		}
		for i, c := range cs.vals {
			if err := p.topConstraint(c, idx("constraints", i)); err != nil {
				return err
			}
		}
	}
	if o := n.get("objective"); o != nil {
		if err := p.objective(o, "objective"); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) variable(n *jnode, path string) error {
	if err := p.object(n, path, "name", "names", "min", "max", "values"); err != nil {
		return err
	}
	var names []string
	nameN, namesN := n.get("name"), n.get("names")
	switch {
	case nameN != nil && namesN != nil:
		return p.errAt(n, path, "give name or names, not both")
	case nameN != nil:
		s, err := p.str(nameN, join(path, "name"))
		if err != nil {
			return err
		}
		names = []string{s}
	case namesN != nil:
		if err := p.array(namesN, join(path, "names")); err != nil {
			return err
		}
		for i, e := range namesN.vals {
			s, err := p.str(e, idx(join(path, "names"), i))
			if err != nil {
				return err
			}
			names = append(names, s)
		}
	default:
		return p.errAt(n, join(path, "name"), "missing (want the variable's name)")
	}
	for i, s := range names {
		at := join(path, "name")
		if namesN != nil {
			at = idx(join(path, "names"), i)
		}
		if s == "" {
			return p.errAt(n, at, "empty name")
		}
		if _, dup := p.m.byName[s]; dup || slices.Contains(names[:i], s) {
			return p.errAt(n, at, "variable %q declared twice", s)
		}
	}
	minN, maxN, valsN := n.get("min"), n.get("max"), n.get("values")
	switch {
	case valsN != nil && (minN != nil || maxN != nil):
		return p.errAt(n, path, "give min and max, or values, not both")
	case valsN != nil:
		vals, err := p.intList(valsN, join(path, "values"), MaxValue)
		if err != nil {
			return err
		}
		if len(vals) == 0 {
			return p.errAt(valsN, join(path, "values"), "empty domain")
		}
		for _, s := range names {
			p.m.IntVarValues(s, vals)
			if p.m.err != nil {
				return p.located(n, path, p.m.err)
			}
		}
	case minN == nil || maxN == nil:
		return p.errAt(n, path, "missing domain (want min and max, or values)")
	default:
		lo, err := p.integer(minN, join(path, "min"), MaxValue)
		if err != nil {
			return err
		}
		hi, err := p.integer(maxN, join(path, "max"), MaxValue)
		if err != nil {
			return err
		}
		if lo > hi {
			return p.errAt(n, path, "empty domain: min %d > max %d", lo, hi)
		}
		for _, s := range names {
			p.m.IntVar(s, lo, hi)
			if p.m.err != nil {
				return p.located(n, path, p.m.err)
			}
		}
	}
	return nil
}

var kinds = []string{"all_different", "linear", "table", "element", "and", "or", "not", "implies", "iff"}

func (p *parser) topConstraint(n *jnode, path string) error {
	if n.kind != jObject {
		return p.errAt(n, path, "want an object, got %s", n.kind)
	}
	var group, name string
	var err error
	if g := n.get("group"); g != nil {
		if group, err = p.str(g, join(path, "group")); err != nil {
			return err
		}
		if group == "" {
			return p.errAt(g, join(path, "group"), "empty group name")
		}
	}
	if nm := n.get("name"); nm != nil {
		if name, err = p.str(nm, join(path, "name")); err != nil {
			return err
		}
	}
	c, err := p.constraint(n, path, true)
	if err != nil {
		return err
	}
	if err := p.m.place(c, group, name); err != nil {
		return p.located(n, path, err)
	}
	return nil
}

// constraint reads one constraint object: exactly one kind key (plus group
// and name at the top level).
func (p *parser) constraint(n *jnode, path string, top bool) (Constraint, error) {
	allowed := kinds
	if top {
		allowed = append(slices.Clone(kinds), "group", "name")
	}
	if err := p.object(n, path, allowed...); err != nil {
		return nil, err
	}
	var kind string
	var body *jnode
	for i, k := range n.keys {
		if slices.Contains(kinds, k) {
			if kind != "" {
				return nil, p.errAt(n.vals[i], join(path, k), "a constraint has one kind, this one also has %q", kind)
			}
			kind, body = k, n.vals[i]
		}
	}
	if kind == "" {
		return nil, p.errAt(n, path, "missing constraint kind (want one of %s)", strings.Join(kinds, ", "))
	}
	at := join(path, kind)
	switch kind {
	case "all_different":
		return p.allDifferent(body, at)
	case "linear":
		return p.linear(body, at)
	case "table":
		return p.table(body, at)
	case "element":
		return p.element(body, at)
	case "not":
		c, err := p.constraint(body, at, false)
		if err != nil {
			return nil, err
		}
		return Not(c), nil
	}
	// and, or, implies, iff: an array of constraints.
	if err := p.array(body, at); err != nil {
		return nil, err
	}
	if (kind == "implies" || kind == "iff") && len(body.vals) != 2 {
		return nil, p.errAt(body, at, "want 2 constraints, got %d", len(body.vals))
	}
	cs := make([]Constraint, len(body.vals))
	for i, e := range body.vals {
		c, err := p.constraint(e, idx(at, i), false)
		if err != nil {
			return nil, err
		}
		cs[i] = c
	}
	switch kind {
	case "and":
		return And(cs...), nil
	case "or":
		return Or(cs...), nil
	case "implies":
		return Implies(cs[0], cs[1]), nil
	}
	return Iff(cs[0], cs[1]), nil
}

func (p *parser) allDifferent(n *jnode, path string) (Constraint, error) {
	if n.kind == jArray {
		xs, err := p.varList(n, path)
		if err != nil {
			return nil, err
		}
		return AllDifferent(xs...), nil
	}
	if n.kind != jObject {
		return nil, p.errAt(n, path, "want an array of variable names or an object {vars, offsets}, got %s", n.kind)
	}
	if err := p.object(n, path, "vars", "offsets"); err != nil {
		return nil, err
	}
	vn := n.get("vars")
	if vn == nil {
		return nil, p.errAt(n, join(path, "vars"), "missing")
	}
	xs, err := p.varList(vn, join(path, "vars"))
	if err != nil {
		return nil, err
	}
	on := n.get("offsets")
	if on == nil {
		return AllDifferent(xs...), nil
	}
	offs, err := p.intList(on, join(path, "offsets"), MaxValue)
	if err != nil {
		return nil, err
	}
	if len(offs) != len(xs) {
		return nil, p.errAt(on, join(path, "offsets"), "%d offsets for %d variables", len(offs), len(xs))
	}
	return AllDifferentOffsets(xs, offs), nil
}

// terms reads a linear expression: each term is [coef, "name"] or "name".
func (p *parser) terms(n *jnode, path string) ([]Term, error) {
	if err := p.array(n, path); err != nil {
		return nil, err
	}
	out := make([]Term, len(n.vals))
	for i, e := range n.vals {
		at := idx(path, i)
		if e.kind == jString {
			x, err := p.varRef(e, at)
			if err != nil {
				return nil, err
			}
			out[i] = Term{1, x}
			continue
		}
		if e.kind != jArray || len(e.vals) != 2 {
			return nil, p.errAt(e, at, "want a term [coefficient, \"variable\"] or \"variable\"")
		}
		c, err := p.integer(e.vals[0], idx(at, 0), MaxValue)
		if err != nil {
			return nil, err
		}
		x, err := p.varRef(e.vals[1], idx(at, 1))
		if err != nil {
			return nil, err
		}
		out[i] = Term{c, x}
	}
	return out, nil
}

func (p *parser) linear(n *jnode, path string) (Constraint, error) {
	if err := p.object(n, path, "terms", "op", "rhs"); err != nil {
		return nil, err
	}
	for _, k := range []string{"terms", "op", "rhs"} {
		if n.get(k) == nil {
			return nil, p.errAt(n, join(path, k), "missing")
		}
	}
	terms, err := p.terms(n.get("terms"), join(path, "terms"))
	if err != nil {
		return nil, err
	}
	s, err := p.str(n.get("op"), join(path, "op"))
	if err != nil {
		return nil, err
	}
	op, ok := ParseOp(s)
	if !ok {
		return nil, p.errAt(n.get("op"), join(path, "op"), "unknown operator %q (want <=, <, =, !=, >=, >)", s)
	}
	rhs, err := p.integer(n.get("rhs"), join(path, "rhs"), maxMagnitude)
	if err != nil {
		return nil, err
	}
	return Linear(terms, op, rhs), nil
}

func (p *parser) table(n *jnode, path string) (Constraint, error) {
	if err := p.object(n, path, "vars", "tuples"); err != nil {
		return nil, err
	}
	vn, tn := n.get("vars"), n.get("tuples")
	if vn == nil || tn == nil {
		return nil, p.errAt(n, path, "want vars and tuples")
	}
	xs, err := p.varList(vn, join(path, "vars"))
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, p.errAt(vn, join(path, "vars"), "no variables")
	}
	if err := p.array(tn, join(path, "tuples")); err != nil {
		return nil, err
	}
	if len(tn.vals)*len(xs) > MaxTableCells-p.m.cells {
		return nil, &ModelError{Line: lineOf(p.data, tn.off), Path: join(path, "tuples"), Msg: fmt.Sprintf("the model's tables hold more than %d entries", MaxTableCells), Err: ErrTooLarge}
	}
	tuples := make([][]int, len(tn.vals))
	for i, t := range tn.vals {
		at := idx(join(path, "tuples"), i)
		row, err := p.intList(t, at, MaxValue)
		if err != nil {
			return nil, err
		}
		if len(row) != len(xs) {
			return nil, p.errAt(t, at, "%d values for %d variables", len(row), len(xs))
		}
		tuples[i] = row
	}
	return table{vars: xs, tuples: tuples}, nil
}

// operand reads a variable name or an integer constant.
func (p *parser) operand(n *jnode, path string) (operand, error) {
	if n.kind == jString {
		x, err := p.varRef(n, path)
		return operand{v: x}, err
	}
	if n.kind != jNumber {
		return operand{}, p.errAt(n, path, "want a variable name or an integer, got %s", n.kind)
	}
	c, err := p.integer(n, path, MaxValue)
	return operand{c: c}, err
}

func (p *parser) element(n *jnode, path string) (Constraint, error) {
	if err := p.object(n, path, "index", "array", "value"); err != nil {
		return nil, err
	}
	for _, k := range []string{"index", "array", "value"} {
		if n.get(k) == nil {
			return nil, p.errAt(n, join(path, k), "missing")
		}
	}
	index, err := p.varRef(n.get("index"), join(path, "index"))
	if err != nil {
		return nil, err
	}
	an := n.get("array")
	if err := p.array(an, join(path, "array")); err != nil {
		return nil, err
	}
	if len(an.vals) == 0 {
		return nil, p.errAt(an, join(path, "array"), "empty array")
	}
	arr := make([]operand, len(an.vals))
	for i, e := range an.vals {
		if arr[i], err = p.operand(e, idx(join(path, "array"), i)); err != nil {
			return nil, err
		}
	}
	value, err := p.operand(n.get("value"), join(path, "value"))
	if err != nil {
		return nil, err
	}
	return element{index: index, array: arr, value: value}, nil
}

func (p *parser) objective(n *jnode, path string) error {
	if err := p.object(n, path, "minimize", "maximize"); err != nil {
		return err
	}
	mn, mx := n.get("minimize"), n.get("maximize")
	key, body := "minimize", mn
	switch {
	case mn != nil && mx != nil:
		return p.errAt(n, path, "give minimize or maximize, not both")
	case mx != nil:
		key, body = "maximize", mx
	case mn == nil:
		return p.errAt(n, path, "want minimize or maximize")
	}
	terms, err := p.terms(body, join(path, key))
	if err != nil {
		return err
	}
	if err := checkTerms(p.m, terms); err != nil {
		return p.located(body, join(path, key), err)
	}
	p.m.setObjective(terms, key == "maximize")
	return nil
}
