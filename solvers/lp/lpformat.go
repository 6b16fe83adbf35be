package lp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ErrSyntax is wrapped by every LP-format parse error.
var ErrSyntax = errors.New("lp: syntax error")

// ParseError locates an LP-format error: the line, the offending token
// (empty at the end of the input) and what was wrong.
type ParseError struct {
	Line  int
	Token string
	Msg   string
}

func (e *ParseError) Error() string {
	if e.Token == "" {
		return fmt.Sprintf("lp: line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("lp: line %d: %s (at %q)", e.Line, e.Msg, e.Token)
}

// Unwrap lets errors.Is(err, ErrSyntax) hold.
func (e *ParseError) Unwrap() error { return ErrSyntax }

// Limits of the reader.
const (
	maxNameLen  = 255
	maxLineLen  = 1 << 20
	infBoundAbs = 1e30 // bounds at least this large in magnitude are infinite
)

type tokKind uint8

const (
	tNum tokKind = iota
	tName
	tOp // <=, >=, =
	tPlus
	tMinus
	tColon
)

type token struct {
	text string
	num  float64
	line int32
	kind tokKind
	op   uint8 // an Op
}

func (t *token) relation() Op { return Op(t.op) }

type section int

const (
	secNone section = iota
	secObj
	secRows
	secBounds
	secGeneral
	secBinary
)

func isNameChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!\"#$%&()/,.;?@_`'{}|~", c) >= 0
}

// lexLine appends the tokens of one line (comment already removed) to toks.
func lexLine(toks []token, s string, ln int) ([]token, error) {
	line := int32(ln)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '+':
			toks = append(toks, token{kind: tPlus, text: "+", line: line})
			i++
		case c == '-':
			toks = append(toks, token{kind: tMinus, text: "-", line: line})
			i++
		case c == ':':
			toks = append(toks, token{kind: tColon, text: ":", line: line})
			i++
		case c == '<' || c == '>' || c == '=':
			j := i + 1
			if j < len(s) && (s[j] == '=' || (c == '=' && (s[j] == '<' || s[j] == '>'))) {
				j++
			}
			text := s[i:j]
			op, _ := ParseOp(text)
			toks = append(toks, token{kind: tOp, text: text, op: uint8(op), line: line})
			i = j
		case c >= '0' && c <= '9' || c == '.':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && s[k] >= '0' && s[k] <= '9' {
					for k < len(s) && s[k] >= '0' && s[k] <= '9' {
						k++
					}
					j = k
				}
			}
			text := s[i:j]
			v, err := strconv.ParseFloat(text, 64)
			if err != nil || math.IsInf(v, 0) {
				return nil, &ParseError{ln, clip(text), "bad number"}
			}
			toks = append(toks, token{kind: tNum, text: text, num: v, line: line})
			i = j
		case isNameChar(c):
			j := i
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			if j-i > maxNameLen {
				return nil, &ParseError{ln, clip(s[i:j]), fmt.Sprintf("name longer than %d characters", maxNameLen)}
			}
			toks = append(toks, token{kind: tName, text: s[i:j], line: line})
			i = j
		case c == '[' || c == ']' || c == '*' || c == '^':
			return nil, &ParseError{ln, string(c), "quadratic terms are not supported"}
		default:
			r := s[i:]
			if len(r) > 4 {
				r = r[:4]
			}
			return nil, &ParseError{ln, clip(r), "unexpected character"}
		}
	}
	return toks, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// sectionOf recognises a section keyword at the start of a line and
// returns the section and how many tokens the keyword took.
func sectionOf(toks []token) (sec section, n int, sense Sense, end bool, bad string) {
	if len(toks) == 0 || toks[0].kind != tName {
		return secNone, 0, 0, false, ""
	}
	w := strings.ToLower(toks[0].text)
	next := ""
	if len(toks) > 1 && toks[1].kind == tName {
		next = strings.ToLower(toks[1].text)
	}
	switch w {
	case "minimize", "minimise", "minimum", "min":
		return secObj, 1, Minimize, false, ""
	case "maximize", "maximise", "maximum", "max":
		return secObj, 1, Maximize, false, ""
	case "subject":
		if next == "to" {
			return secRows, 2, 0, false, ""
		}
	case "such":
		if next == "that" {
			return secRows, 2, 0, false, ""
		}
	case "st", "s.t.", "st.":
		return secRows, 1, 0, false, ""
	case "bounds", "bound":
		return secBounds, 1, 0, false, ""
	case "general", "generals", "gen", "integer", "integers":
		return secGeneral, 1, 0, false, ""
	case "binary", "binaries", "bin":
		return secBinary, 1, 0, false, ""
	case "end":
		return secNone, 1, 0, true, ""
	case "semi", "semis", "semi-continuous", "sos", "sos1", "sos2", "pwl", "lazy", "user", "user cuts":
		return secNone, 0, 0, false, toks[0].text
	}
	return secNone, 0, 0, false, ""
}

// reader holds the parse state of ReadLP.
type reader struct {
	p       *Problem
	toks    []token
	i       int
	lastLn  int
	rowSeen map[string]bool
}

func (r *reader) peek() *token {
	if r.i < len(r.toks) {
		return &r.toks[r.i]
	}
	return nil
}

func (r *reader) errAt(t *token, format string, a ...any) error {
	if t == nil {
		return &ParseError{r.lastLn, "", fmt.Sprintf(format, a...) + " at the end of the section"}
	}
	return &ParseError{int(t.line), clip(t.text), fmt.Sprintf(format, a...)}
}

func (r *reader) variable(name string) Var {
	if v, ok := r.p.byName[name]; ok {
		return v
	}
	return r.p.AddVar(name, 0, Inf, Continuous)
}

// label reads an optional "name:" prefix.
func (r *reader) label() string {
	if r.i+1 < len(r.toks) && r.toks[r.i].kind == tName && r.toks[r.i+1].kind == tColon {
		name := r.toks[r.i].text
		r.i += 2
		return name
	}
	return ""
}

// expr reads terms and constants until a relation, a label or the end of
// the section; it returns the terms and the sum of the constants.
func (r *reader) expr(stopAtOp bool) ([]Term, float64, error) {
	var terms []Term
	konst := 0.0
	for {
		t := r.peek()
		if t == nil || t.kind == tOp || t.kind == tColon {
			if t != nil && t.kind == tColon {
				return nil, 0, r.errAt(t, "unexpected \":\"")
			}
			return terms, konst, nil
		}
		if !stopAtOp && r.i+1 < len(r.toks) && t.kind == tName && r.toks[r.i+1].kind == tColon {
			return terms, konst, nil
		}
		sign := 1.0
		signed := false
		for t != nil && (t.kind == tPlus || t.kind == tMinus) {
			if t.kind == tMinus {
				sign = -sign
			}
			signed = true
			r.i++
			t = r.peek()
		}
		if t == nil {
			return nil, 0, r.errAt(nil, "expected a term after a sign")
		}
		if len(terms) > 0 || konst != 0 {
			if !signed {
				return nil, 0, r.errAt(t, "expected \"+\" or \"-\" between terms")
			}
		}
		coef := 1.0
		hasNum := false
		if t.kind == tNum {
			coef, hasNum = t.num, true
			r.i++
			t = r.peek()
		}
		if t != nil && t.kind == tName && !(r.i+1 < len(r.toks) && r.toks[r.i+1].kind == tColon) {
			if isInfWord(t.text) {
				return nil, 0, r.errAt(t, "infinity is only allowed in bounds")
			}
			terms = append(terms, Term{r.variable(t.text), sign * coef})
			r.i++
			continue
		}
		if !hasNum {
			if t == nil {
				return nil, 0, r.errAt(nil, "expected a term")
			}
			return nil, 0, r.errAt(t, "expected a number or a variable")
		}
		konst += sign * coef
	}
}

func isInfWord(s string) bool {
	switch strings.ToLower(s) {
	case "inf", "infinity":
		return true
	}
	return false
}

// value reads [sign] number | [sign] inf.
func (r *reader) value(what string) (float64, error) {
	t := r.peek()
	sign := 1.0
	for t != nil && (t.kind == tPlus || t.kind == tMinus) {
		if t.kind == tMinus {
			sign = -sign
		}
		r.i++
		t = r.peek()
	}
	switch {
	case t == nil:
		return 0, r.errAt(nil, "expected %s", what)
	case t.kind == tNum:
		r.i++
		return sign * t.num, nil
	case t.kind == tName && isInfWord(t.text):
		r.i++
		return sign * math.Inf(1), nil
	}
	return 0, r.errAt(t, "expected %s", what)
}

func (r *reader) objective(sense Sense) error {
	r.p.Sense = sense
	if name := r.label(); name != "" {
		r.p.ObjName = name
	}
	terms, konst, err := r.expr(false)
	if err != nil {
		return err
	}
	if t := r.peek(); t != nil {
		return r.errAt(t, "unexpected token in the objective")
	}
	for _, t := range terms {
		r.p.vars[t.Var].obj += t.Coef
	}
	r.p.ObjConst += konst
	return nil
}

func (r *reader) rowsSection() error {
	for r.peek() != nil {
		start := r.peek()
		name := r.label()
		terms, konst, err := r.expr(true)
		if err != nil {
			return err
		}
		opTok := r.peek()
		if opTok == nil || opTok.kind != tOp {
			return r.errAt(opTok, "expected a relation (<=, >= or =) in a constraint")
		}
		r.i++
		if t := r.peek(); t != nil && t.kind == tOp {
			return r.errAt(t, "ranged constraints are not supported")
		}
		rhs, err := r.value("a number on the right-hand side")
		if err != nil {
			return err
		}
		if math.IsInf(rhs, 0) {
			return r.errAt(opTok, "the right-hand side must be finite")
		}
		if t := r.peek(); t != nil && t.kind == tOp {
			return r.errAt(t, "ranged constraints are not supported")
		}
		if t := r.peek(); t != nil && t.kind == tName && !(r.i+1 < len(r.toks) && r.toks[r.i+1].kind == tColon) && t.line == r.toks[r.i-1].line {
			// "x <= 4 y": a variable right after the right-hand side.
			if r.i+1 >= len(r.toks) || r.toks[r.i+1].kind != tOp {
				return r.errAt(t, "variables on the right-hand side are not supported")
			}
		}
		if name == "" {
			name = fmt.Sprintf("c%d", len(r.p.rows)+1)
			for r.rowSeen[name] {
				name += "_"
			}
		} else if r.rowSeen[name] {
			return &ParseError{int(start.line), clip(name), "constraint name used twice"}
		}
		r.rowSeen[name] = true
		r.p.AddRow(name, terms, opTok.relation(), rhs-konst)
	}
	return nil
}

func (r *reader) boundsSection() error {
	for r.peek() != nil {
		t := r.peek()
		if t.kind == tName && !isInfWord(t.text) {
			// name free | name op value
			v := r.variable(t.text)
			r.i++
			nt := r.peek()
			if nt != nil && nt.kind == tName && strings.EqualFold(nt.text, "free") {
				r.i++
				r.p.vars[v].lo, r.p.vars[v].hi = math.Inf(-1), math.Inf(1)
				continue
			}
			if nt == nil || nt.kind != tOp {
				return r.errAt(nt, "expected a relation or \"free\" after %q in a bound", t.text)
			}
			r.i++
			val, err := r.value("a bound value")
			if err != nil {
				return err
			}
			if err := r.setBound(v, nt, nt.relation(), val); err != nil {
				return err
			}
			continue
		}
		// value op name [op value]
		val, err := r.value("a bound value or a variable")
		if err != nil {
			return err
		}
		op1 := r.peek()
		if op1 == nil || op1.kind != tOp {
			return r.errAt(op1, "expected a relation in a bound")
		}
		r.i++
		nt := r.peek()
		if nt == nil || nt.kind != tName || isInfWord(nt.text) {
			return r.errAt(nt, "expected a variable in a bound")
		}
		r.i++
		v := r.variable(nt.text)
		if err := r.setBound(v, op1, flip(op1.relation()), val); err != nil {
			return err
		}
		if op2 := r.peek(); op2 != nil && op2.kind == tOp {
			r.i++
			val2, err := r.value("a bound value")
			if err != nil {
				return err
			}
			if err := r.setBound(v, op2, op2.relation(), val2); err != nil {
				return err
			}
		}
	}
	return nil
}

func flip(o Op) Op {
	switch o {
	case LE:
		return GE
	case GE:
		return LE
	}
	return EQ
}

// setBound applies "x op val".
func (r *reader) setBound(v Var, at *token, op Op, val float64) error {
	if math.Abs(val) >= infBoundAbs {
		val = math.Copysign(math.Inf(1), val)
	}
	vd := &r.p.vars[v]
	switch op {
	case LE:
		if math.IsInf(val, -1) {
			return r.errAt(at, "upper bound of %q is -infinity", vd.name)
		}
		vd.hi = val
	case GE:
		if math.IsInf(val, 1) {
			return r.errAt(at, "lower bound of %q is +infinity", vd.name)
		}
		vd.lo = val
	default:
		if math.IsInf(val, 0) {
			return r.errAt(at, "%q fixed at an infinite value", vd.name)
		}
		vd.lo, vd.hi = val, val
	}
	return nil
}

func (r *reader) names(t VarType) error {
	for _, tk := range r.toks[r.i:] {
		if tk.kind != tName || isInfWord(tk.text) {
			return &ParseError{int(tk.line), clip(tk.text), "expected a variable name"}
		}
		v := r.variable(tk.text)
		r.p.SetType(v, t)
	}
	r.i = len(r.toks)
	return nil
}

// ReadLP parses a model in CPLEX LP format (see the package documentation).
// Errors are *ParseError values naming the line and the token.
func ReadLP(rd io.Reader) (*Problem, error) {
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("lp: reading: %w", err)
	}
	p := NewProblem(Minimize)
	rdr := &reader{p: p, rowSeen: map[string]bool{}}
	type block struct {
		sec        section
		sense      Sense
		start, end int // tokens all[start:end]
		line       int
	}
	var blocks []*block
	var cur *block
	line := 0
	sawObj, ended := false, false
	var lineToks []token
	all := make([]token, 0, len(data)/4+16) // backing store of the blocks' tokens
	for rest := data; len(rest) > 0; {
		line++
		var text string
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = string(rest[:i]), rest[i+1:]
		} else {
			text, rest = string(rest), nil
		}
		if len(text) > maxLineLen {
			return nil, &ParseError{line, "", fmt.Sprintf("line longer than %d bytes", maxLineLen)}
		}
		if i := strings.IndexByte(text, '\\'); i >= 0 {
			text = text[:i]
		}
		lineToks, err = lexLine(lineToks[:0], text, line)
		if err != nil {
			return nil, err
		}
		toks := lineToks
		if len(toks) == 0 {
			continue
		}
		if ended {
			return nil, &ParseError{line, clip(toks[0].text), "text after End"}
		}
		sec, n, sense, end, bad := sectionOf(toks)
		switch {
		case bad != "":
			return nil, &ParseError{line, clip(bad), "this section is not supported"}
		case end:
			if n < len(toks) {
				return nil, &ParseError{line, clip(toks[n].text), "text after End"}
			}
			ended = true
			continue
		case n > 0:
			if sec == secObj {
				if sawObj {
					return nil, &ParseError{line, toks[0].text, "a second objective section"}
				}
				sawObj = true
			} else if !sawObj {
				return nil, &ParseError{line, toks[0].text, "the objective section (Minimize or Maximize) must come first"}
			}
			cur = &block{sec: sec, sense: sense, line: line, start: len(all)}
			blocks = append(blocks, cur)
			toks = toks[n:]
		case cur == nil:
			return nil, &ParseError{line, clip(toks[0].text), "expected Minimize or Maximize"}
		}
		all = append(all, toks...)
		cur.end = len(all)
	}
	if !sawObj {
		return nil, &ParseError{line, "", "no objective section (Minimize or Maximize)"}
	}
	for _, b := range blocks {
		if b.end < b.start {
			b.end = b.start
		}
		toks := all[b.start:b.end]
		rdr.toks, rdr.i, rdr.lastLn = toks, 0, b.line
		if len(toks) > 0 {
			rdr.lastLn = int(toks[len(toks)-1].line)
		}
		var err error
		switch b.sec {
		case secObj:
			err = rdr.objective(b.sense)
		case secRows:
			err = rdr.rowsSection()
		case secBounds:
			err = rdr.boundsSection()
		case secGeneral:
			err = rdr.names(Integer)
		case secBinary:
			err = rdr.names(Binary)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

var lpKeywords = map[string]bool{
	"minimize": true, "minimise": true, "minimum": true, "min": true,
	"maximize": true, "maximise": true, "maximum": true, "max": true,
	"subject": true, "such": true, "st": true, "s.t.": true, "st.": true,
	"bounds": true, "bound": true, "general": true, "generals": true, "gen": true,
	"integer": true, "integers": true, "binary": true, "binaries": true, "bin": true,
	"end": true, "free": true, "inf": true, "infinity": true, "semi": true, "semis": true,
	"sos": true, "sos1": true, "sos2": true, "pwl": true, "lazy": true, "user": true,
}

// CheckName reports whether name can be written in LP format: 1..255
// characters from the allowed set, not starting with a digit or a period,
// not a keyword, and not a possible exponent ("e12").
func CheckName(name string) error {
	if name == "" || len(name) > maxNameLen {
		return fmt.Errorf("name %q must have 1 to %d characters", clip(name), maxNameLen)
	}
	if c := name[0]; c >= '0' && c <= '9' || c == '.' {
		return fmt.Errorf("name %q starts with a digit or a period", clip(name))
	}
	for i := 0; i < len(name); i++ {
		if !isNameChar(name[i]) {
			return fmt.Errorf("name %q contains %q, which LP format does not allow", clip(name), name[i])
		}
	}
	if lpKeywords[strings.ToLower(name)] {
		return fmt.Errorf("name %q is an LP-format keyword", name)
	}
	return nil
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func fmtBound(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return fmtNum(v)
}

// writeExpr writes " + 3 x - y ..." wrapping long lines.
func writeExpr(w *bufio.Writer, terms []Term, p *Problem, names []string, width *int) {
	for _, t := range terms {
		var s string
		c := t.Coef
		sign := "+"
		if c < 0 || (c == 0 && math.Signbit(c)) {
			sign, c = "-", -c
		}
		if c == 1 {
			s = fmt.Sprintf(" %s %s", sign, names[t.Var])
		} else {
			s = fmt.Sprintf(" %s %s %s", sign, fmtNum(c), names[t.Var])
		}
		if *width+len(s) > 78 {
			w.WriteString("\n   ")
			*width = 3
		}
		w.WriteString(s)
		*width += len(s)
	}
}

// WriteLP writes p in CPLEX LP format. Every variable and row name must
// pass CheckName; WriteLPNames writes with generated names instead.
func WriteLP(w io.Writer, p *Problem) error {
	if err := p.Validate(); err != nil {
		return err
	}
	vn := make([]string, len(p.vars))
	for j, v := range p.vars {
		if err := CheckName(v.name); err != nil {
			return fmt.Errorf("lp: write: variable %w", err)
		}
		vn[j] = v.name
	}
	rn := make([]string, len(p.rows))
	for i, r := range p.rows {
		if err := CheckName(r.name); err != nil {
			return fmt.Errorf("lp: write: row %w", err)
		}
		rn[i] = r.name
	}
	obj := p.ObjName
	if obj == "" || CheckName(obj) != nil || p.hasRow(obj) {
		obj = "obj"
		for p.hasRow(obj) {
			obj += "_"
		}
	}
	return writeLP(w, p, vn, rn, obj, true)
}

func (p *Problem) hasRow(name string) bool {
	_, ok := p.rowIdx[name]
	return ok
}

// writeLPNames writes p with variables named x1.. and rows r1.. (for cbc),
// leaving out the objective constant when keepConst is false.
func writeLPNames(w io.Writer, p *Problem, keepConst bool) error {
	vn := make([]string, len(p.vars))
	for j := range vn {
		vn[j] = "x" + strconv.Itoa(j+1)
	}
	rn := make([]string, len(p.rows))
	for i := range rn {
		rn[i] = "r" + strconv.Itoa(i+1)
	}
	return writeLP(w, p, vn, rn, "obj", keepConst)
}

func writeLP(out io.Writer, p *Problem, vn, rn []string, obj string, keepConst bool) error {
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "\\ written by plankit")
	if p.Sense == Maximize {
		fmt.Fprintln(w, "Maximize")
	} else {
		fmt.Fprintln(w, "Minimize")
	}
	head := " " + obj + ":"
	w.WriteString(head)
	width := len(head)
	var terms []Term
	used := make([]bool, len(p.vars))
	for j, v := range p.vars {
		if v.obj != 0 {
			terms = append(terms, Term{Var(j), v.obj})
			used[j] = true
		}
	}
	writeExpr(w, terms, p, vn, &width)
	if keepConst && p.ObjConst != 0 {
		if p.ObjConst < 0 {
			fmt.Fprintf(w, " - %s", fmtNum(-p.ObjConst))
		} else {
			fmt.Fprintf(w, " + %s", fmtNum(p.ObjConst))
		}
	} else if len(terms) == 0 && len(p.vars) > 0 {
		fmt.Fprintf(w, " 0 %s", vn[0])
		used[0] = true
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Subject To")
	for i, r := range p.rows {
		head := " " + rn[i] + ":"
		w.WriteString(head)
		width := len(head)
		if len(r.terms) == 0 && len(p.vars) > 0 {
			fmt.Fprintf(w, " 0 %s", vn[0])
			used[0] = true
		}
		writeExpr(w, r.terms, p, vn, &width)
		for _, t := range r.terms {
			used[t.Var] = true
		}
		if len(r.terms) == 0 && len(p.vars) == 0 {
			w.WriteString(" 0")
		}
		fmt.Fprintf(w, " %s %s\n", r.op, fmtNum(r.rhs))
	}
	var bounds []string
	var gens, bins []string
	for j, v := range p.vars {
		switch v.typ {
		case Binary:
			bins = append(bins, vn[j])
			if v.lo == 0 && v.hi == 1 {
				continue
			}
		case Integer:
			gens = append(gens, vn[j])
		}
		switch {
		case v.lo == v.hi:
			bounds = append(bounds, fmt.Sprintf(" %s = %s", vn[j], fmtNum(v.lo)))
		case math.IsInf(v.lo, -1) && math.IsInf(v.hi, 1):
			bounds = append(bounds, fmt.Sprintf(" %s free", vn[j]))
		case v.lo == 0 && math.IsInf(v.hi, 1):
			if !used[j] && v.typ == Continuous {
				bounds = append(bounds, fmt.Sprintf(" %s >= 0", vn[j]))
			}
		case v.lo == 0:
			bounds = append(bounds, fmt.Sprintf(" 0 <= %s <= %s", vn[j], fmtNum(v.hi)))
		default:
			bounds = append(bounds, fmt.Sprintf(" %s <= %s <= %s", fmtBound(v.lo), vn[j], fmtBound(v.hi)))
		}
	}
	if len(bounds) > 0 {
		fmt.Fprintln(w, "Bounds")
		for _, b := range bounds {
			fmt.Fprintln(w, b)
		}
	}
	writeNames := func(head string, names []string) {
		if len(names) == 0 {
			return
		}
		fmt.Fprintln(w, head)
		width := 0
		for _, n := range names {
			if width > 0 && width+len(n)+1 > 78 {
				fmt.Fprintln(w)
				width = 0
			}
			w.WriteString(" " + n)
			width += len(n) + 1
		}
		fmt.Fprintln(w)
	}
	writeNames("Generals", gens)
	writeNames("Binaries", bins)
	fmt.Fprintln(w, "End")
	return w.Flush()
}
