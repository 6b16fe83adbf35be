package stl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrSyntax is wrapped by every error of [Parse] and [ParsePrefix].
var ErrSyntax = errors.New("stl: syntax error")

// SyntaxError is a parse error at a position of the input.
type SyntaxError struct {
	Pos   Pos    // where the problem is in a text (zero for a token list)
	Token int    // for ParsePrefix: the 1-based number of the offending token, 0 for the whole list
	Msg   string // what is wrong, in one line
}

func (e *SyntaxError) Error() string {
	switch {
	case e.Token > 0:
		return fmt.Sprintf("stl: prefix token %d: %s", e.Token, e.Msg)
	case e.Pos.Col > 0:
		return "stl: " + e.Pos.String() + ": " + e.Msg
	}
	return "stl: " + e.Msg
}

// Unwrap makes errors.Is(err, ErrSyntax) true.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// maxInput bounds the length of a formula text.
const maxInput = 1 << 20

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tNum
	tLParen
	tRParen
	tLBrack
	tRBrack
	tComma
	tDot
	tNot
	tAnd
	tOr
	tImplies
	tIff
)

type token struct {
	kind tokKind
	text string
	pos  Pos
}

func (t token) describe() string {
	if t.kind == tEOF {
		return "end of input"
	}
	return strconv.Quote(t.text)
}

// lex splits s into tokens, with rune-based columns.
func lex(s string) ([]token, error) {
	var toks []token
	line, col := 1, 1
	i := 0
	for i < len(s) {
		c := s[i]
		pos := Pos{line, col}
		adv := func(n int) {
			i += n
			col += n
		}
		switch {
		case c == '\n':
			i++
			line++
			col = 1
			continue
		case c == ' ' || c == '\t' || c == '\r':
			adv(1)
			continue
		case c == '#': // comment to the end of the line
			for i < len(s) && s[i] != '\n' {
				adv(1)
			}
			continue
		case isLetter(c) || c == '_':
			j := i
			for j < len(s) && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '_') {
				j++
			}
			toks = append(toks, token{tIdent, s[i:j], pos})
			adv(j - i)
			continue
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			j := i
			for j < len(s) && (isDigit(s[j]) || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && isDigit(s[k]) {
					for k < len(s) && isDigit(s[k]) {
						k++
					}
					j = k
				}
			}
			if j < len(s) && (isLetter(s[j]) || s[j] == '_') {
				return nil, &SyntaxError{Pos: Pos{line, col + j - i}, Msg: fmt.Sprintf("unexpected %q after the number %s", s[j], s[i:j])}
			}
			toks = append(toks, token{tNum, s[i:j], pos})
			adv(j - i)
			continue
		}
		kind, n := tEOF, 1
		two := ""
		if i+1 < len(s) {
			two = s[i : i+2]
		}
		three := ""
		if i+2 < len(s) {
			three = s[i : i+3]
		}
		switch {
		case three == "<->" || three == "<=>":
			kind, n = tIff, 3
		case two == "->" || two == "=>":
			kind, n = tImplies, 2
		case two == "&&":
			kind, n = tAnd, 2
		case two == "||":
			kind, n = tOr, 2
		case c == '(':
			kind = tLParen
		case c == ')':
			kind = tRParen
		case c == '[':
			kind = tLBrack
		case c == ']':
			kind = tRBrack
		case c == ',':
			kind = tComma
		case c == '.':
			kind = tDot
		case c == '!' || c == '~':
			kind = tNot
		case c == '&':
			kind = tAnd
		case c == '|':
			kind = tOr
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError {
				return nil, &SyntaxError{Pos: pos, Msg: "invalid UTF-8"}
			}
			return nil, &SyntaxError{Pos: pos, Msg: fmt.Sprintf("unexpected character %q", r)}
		}
		toks = append(toks, token{kind, s[i : i+n], pos})
		adv(n)
	}
	toks = append(toks, token{tEOF, "", Pos{line, col}})
	return toks, nil
}

type parser struct {
	toks  []token
	i     int
	depth int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errf(t token, format string, a ...any) error {
	return &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf(format, a...)}
}

// Parse reads a formula in plankit's infix STL syntax:
//
//	φ ::= true | false | region | robot.region | ( φ )
//	    | !φ | F[a,b] φ | G[a,b] φ | φ U[a,b] φ
//	    | φ & φ | φ | φ | φ -> φ | φ <-> φ
//
// Bounds are optional (omitted = [0, horizon]). Binding, tightest first:
// the prefix operators (!, F, G), U (right-associative), &, |, -> (right-
// associative), <-> (left-associative). Aliases: ~ for !, && for &, || for
// |, => for ->, <=> for <->. A # starts a comment to the end of the line.
// Errors are *SyntaxError values that give the line and column.
func Parse(s string) (*Formula, error) {
	if len(s) > maxInput {
		return nil, &SyntaxError{Pos: Pos{1, 1}, Msg: fmt.Sprintf("formula longer than %d bytes", maxInput)}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tEOF {
		return nil, p.errf(p.peek(), "empty formula")
	}
	f, err := p.iff()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, p.errf(t, "unmatched \")\"")
		}
		return nil, p.errf(t, "unexpected %s after a complete formula; want an operator (&, |, ->, <->, U) or the end", t.describe())
	}
	return f, nil
}

// MustParse is Parse for formulas known to be valid; it panics on error.
func MustParse(s string) *Formula {
	f, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return f
}

func (p *parser) enter(t token) error {
	p.depth++
	if p.depth > maxDepth {
		return p.errf(t, "formula nested deeper than %d", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) iff() (*Formula, error) {
	l, err := p.implies()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tIff {
		p.next()
		r, err := p.implies()
		if err != nil {
			return nil, err
		}
		l = &Formula{Op: OpIff, Args: []*Formula{l, r}, Pos: l.Pos}
	}
	return l, nil
}

func (p *parser) implies() (*Formula, error) {
	t0 := p.peek()
	if err := p.enter(t0); err != nil {
		return nil, err
	}
	defer p.leave()
	l, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tImplies {
		return l, nil
	}
	p.next()
	r, err := p.implies()
	if err != nil {
		return nil, err
	}
	return &Formula{Op: OpImplies, Args: []*Formula{l, r}, Pos: l.Pos}, nil
}

func (p *parser) or() (*Formula, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tOr {
		return l, nil
	}
	args := []*Formula{l}
	for p.peek().kind == tOr {
		p.next()
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		args = append(args, r)
	}
	return &Formula{Op: OpOr, Args: args, Pos: l.Pos}, nil
}

func (p *parser) and() (*Formula, error) {
	l, err := p.until()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tAnd {
		return l, nil
	}
	args := []*Formula{l}
	for p.peek().kind == tAnd {
		p.next()
		r, err := p.until()
		if err != nil {
			return nil, err
		}
		args = append(args, r)
	}
	return &Formula{Op: OpAnd, Args: args, Pos: l.Pos}, nil
}

func (p *parser) until() (*Formula, error) {
	t0 := p.peek()
	if err := p.enter(t0); err != nil {
		return nil, err
	}
	defer p.leave()
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tIdent || t.text != "U" {
		return l, nil
	}
	p.next()
	b, err := p.bounds()
	if err != nil {
		return nil, err
	}
	r, err := p.until()
	if err != nil {
		return nil, err
	}
	return &Formula{Op: OpUntil, Bounds: b, Args: []*Formula{l, r}, Pos: l.Pos}, nil
}

func (p *parser) unary() (*Formula, error) {
	t := p.peek()
	if err := p.enter(t); err != nil {
		return nil, err
	}
	defer p.leave()
	switch t.kind {
	case tNot:
		p.next()
		a, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Formula{Op: OpNot, Args: []*Formula{a}, Pos: t.pos}, nil
	case tLParen:
		p.next()
		f, err := p.iff()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c.kind != tRParen {
			return nil, p.errf(c, "want \")\" to close the \"(\" at %s, found %s", t.pos, c.describe())
		}
		p.next()
		return f, nil
	case tIdent:
		switch t.text {
		case "F", "G":
			p.next()
			b, err := p.bounds()
			if err != nil {
				return nil, err
			}
			a, err := p.unary()
			if err != nil {
				return nil, err
			}
			op := OpEventually
			if t.text == "G" {
				op = OpAlways
			}
			return &Formula{Op: op, Bounds: b, Args: []*Formula{a}, Pos: t.pos}, nil
		case "U":
			return nil, p.errf(t, "\"U\" needs a formula on its left")
		case "true":
			p.next()
			return &Formula{Op: OpTrue, Pos: t.pos}, nil
		case "false":
			p.next()
			return &Formula{Op: OpFalse, Pos: t.pos}, nil
		}
		p.next()
		if p.peek().kind != tDot {
			return &Formula{Op: OpAtom, Atom: Atom{Region: t.text}, Pos: t.pos}, nil
		}
		p.next()
		r := p.peek()
		if r.kind != tIdent {
			return nil, p.errf(r, "want a region name after %q, found %s", t.text+".", r.describe())
		}
		if isKeyword(r.text) {
			return nil, p.errf(r, "%q is a keyword, not a region name", r.text)
		}
		p.next()
		return &Formula{Op: OpAtom, Atom: Atom{Robot: t.text, Region: r.text}, Pos: t.pos}, nil
	case tEOF:
		return nil, p.errf(t, "unexpected end of input; want a formula")
	case tRParen:
		return nil, p.errf(t, "unexpected \")\"; want a formula")
	}
	return nil, p.errf(t, "unexpected %s; want a formula (a region, !, F, G, true, false or \"(\")", t.describe())
}

// bounds reads an optional "[a,b]".
func (p *parser) bounds() (*Bounds, error) {
	if p.peek().kind != tLBrack {
		return nil, nil
	}
	p.next()
	lo, err := p.number("lower bound")
	if err != nil {
		return nil, err
	}
	if c := p.peek(); c.kind != tComma {
		return nil, p.errf(c, "want \",\" between the bounds, found %s", c.describe())
	}
	p.next()
	hiTok := p.peek()
	hi, err := p.number("upper bound")
	if err != nil {
		return nil, err
	}
	if c := p.peek(); c.kind != tRBrack {
		return nil, p.errf(c, "want \"]\" after the bounds, found %s", c.describe())
	}
	p.next()
	if lo > hi {
		return nil, p.errf(hiTok, "upper bound %s is less than lower bound %s", fmtNum(hi), fmtNum(lo))
	}
	return &Bounds{lo, hi}, nil
}

func (p *parser) number(what string) (float64, error) {
	t := p.peek()
	if t.kind != tNum {
		if t.kind == tIdent && (strings.EqualFold(t.text, "inf") || strings.EqualFold(t.text, "infinite")) {
			return 0, p.errf(t, "%s must be a finite number (omit the bounds to mean the whole horizon)", what)
		}
		return 0, p.errf(t, "want a number for the %s, found %s", what, t.describe())
	}
	p.next()
	x, err := strconv.ParseFloat(t.text, 64)
	if err != nil {
		return 0, p.errf(t, "%s %q is not a valid number", what, t.text)
	}
	if x > 1e15 {
		return 0, p.errf(t, "%s %s is too large", what, t.text)
	}
	return x, nil
}

// fmtNum prints a number so that it parses back to the same float64.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
