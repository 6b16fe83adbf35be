package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strings"
)

// CustomOperator is a custom_operator instance: binary operators defined
// by formulas in a and b, and an expression that uses them. Custom
// operators bind tighter than *, which binds tighter than + and -; all
// associate to the left.
type CustomOperator struct {
	Operators  []OperatorDef `json:"operators" jsonschema:"the custom operators"`
	Expression string        `json:"expression" jsonschema:"integer expression with + - * ( ) and the custom operators"`
}

// OperatorDef defines a ∘ b = Definition.
type OperatorDef struct {
	Symbol     string `json:"symbol" jsonschema:"one character among # @ & $ ~ ? ! % ^ |"`
	Definition string `json:"definition" jsonschema:"formula in a and b with integers, + - *, parentheses, max(x, y) and min(x, y)"`
}

const customSymbols = "#@&$~?!%^|"

// customMaxBits bounds every intermediate value.
const customMaxBits = 2048

var errCustomLarge = errors.New("a value exceeds 2048 bits")

func customSpec() Spec[CustomOperator] {
	return Spec[CustomOperator]{
		Name:        "custom_operator",
		Family:      "execution",
		Description: "Evaluate an expression that uses binary operators defined in the prompt.",
		Generate:    generateCustom,
		Prompt:      promptCustom,
		Parse:       parseCustom,
		Validate: func(in CustomOperator) error {
			_, err := evalCustom(in)
			return err
		},
		Solve: func(_ context.Context, in CustomOperator) (Solution, error) {
			v, err := evalCustom(in)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: custom_operator: %w", err)
			}
			return Solution{Answer: v.String(), Structured: v.String()}, nil
		},
		Verify: verifyCustom,
	}
}

// customNode is an expression tree: a number, a variable (a or b), or an
// operator (+ - * a custom symbol, "max", "min", "neg") with arguments.
type customNode struct {
	num  *big.Int
	name string
	op   string
	args []*customNode
}

type customParser struct {
	toks    []string
	pos     int
	symbols string // custom symbols allowed here
	vars    bool   // a and b and max/min allowed (a definition)
	depth   int
}

var customTokRE = regexp.MustCompile(`\s*(\d+|[a-z]+|[-+*(),]|[#@&$~?!%^|])`)

func customTokens(s string) ([]string, error) {
	var toks []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		m := customTokRE.FindStringSubmatchIndex(s)
		if m == nil || m[0] != 0 {
			return nil, fmt.Errorf("unexpected %q", exClip(s, 10))
		}
		tok := s[m[2]:m[3]]
		if len(tok) > 30 {
			return nil, fmt.Errorf("number %s… is too long", tok[:10])
		}
		toks = append(toks, tok)
		s = s[m[1]:]
		if len(toks) > 1000 {
			return nil, errors.New("more than 1000 tokens")
		}
	}
	return toks, nil
}

func parseCustomExpr(s, symbols string, vars bool) (*customNode, error) {
	toks, err := customTokens(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, errors.New("empty")
	}
	p := &customParser{toks: toks, symbols: symbols, vars: vars}
	n, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.pos])
	}
	return n, nil
}

func (p *customParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *customParser) sum() (*customNode, error) {
	if p.depth++; p.depth > 100 {
		return nil, errors.New("nested too deeply")
	}
	defer func() { p.depth-- }()
	l, err := p.product()
	for err == nil && (p.peek() == "+" || p.peek() == "-") {
		op := p.toks[p.pos]
		p.pos++
		var r *customNode
		if r, err = p.product(); err == nil {
			l = &customNode{op: op, args: []*customNode{l, r}}
		}
	}
	return l, err
}

func (p *customParser) product() (*customNode, error) {
	l, err := p.custom()
	for err == nil && p.peek() == "*" {
		p.pos++
		var r *customNode
		if r, err = p.custom(); err == nil {
			l = &customNode{op: "*", args: []*customNode{l, r}}
		}
	}
	return l, err
}

func (p *customParser) custom() (*customNode, error) {
	l, err := p.atom()
	for err == nil && len(p.peek()) == 1 && strings.Contains(customSymbols, p.peek()) {
		op := p.toks[p.pos]
		if !strings.Contains(p.symbols, op) {
			return nil, fmt.Errorf("operator %q is not defined", op)
		}
		p.pos++
		var r *customNode
		if r, err = p.atom(); err == nil {
			l = &customNode{op: op, args: []*customNode{l, r}}
		}
	}
	return l, err
}

func (p *customParser) atom() (*customNode, error) {
	tok := p.peek()
	p.pos++
	switch {
	case tok == "":
		return nil, errors.New("unexpected end")
	case tok == "(":
		n, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, errors.New("missing )")
		}
		p.pos++
		return n, nil
	case tok == "-":
		if p.depth++; p.depth > 100 {
			return nil, errors.New("nested too deeply")
		}
		defer func() { p.depth-- }()
		n, err := p.atom()
		return &customNode{op: "neg", args: []*customNode{n}}, err
	case tok[0] >= '0' && tok[0] <= '9':
		v, _ := new(big.Int).SetString(tok, 10)
		return &customNode{num: v}, nil
	case p.vars && (tok == "a" || tok == "b"):
		return &customNode{name: tok}, nil
	case p.vars && (tok == "max" || tok == "min"):
		if p.peek() != "(" {
			return nil, fmt.Errorf("%s needs (", tok)
		}
		p.pos++
		x, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.peek() != "," {
			return nil, fmt.Errorf("%s needs two arguments", tok)
		}
		p.pos++
		y, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, fmt.Errorf("%s: missing )", tok)
		}
		p.pos++
		return &customNode{op: tok, args: []*customNode{x, y}}, nil
	}
	return nil, fmt.Errorf("unexpected %q", tok)
}

// customEval evaluates n with a and b bound, calling defs for custom
// operators.
func customEval(n *customNode, a, b *big.Int, defs map[string]*customNode) (*big.Int, error) {
	switch {
	case n.num != nil:
		return n.num, nil
	case n.name == "a":
		return a, nil
	case n.name == "b":
		return b, nil
	}
	vals := make([]*big.Int, len(n.args))
	for i, c := range n.args {
		v, err := customEval(c, a, b, defs)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	r := new(big.Int)
	switch n.op {
	case "+":
		r.Add(vals[0], vals[1])
	case "-":
		r.Sub(vals[0], vals[1])
	case "*":
		r.Mul(vals[0], vals[1])
	case "neg":
		r.Neg(vals[0])
	case "max", "min":
		r.Set(vals[0])
		if c := vals[1].Cmp(vals[0]); (c > 0) == (n.op == "max") && c != 0 {
			r.Set(vals[1])
		}
	default:
		v, err := customEval(defs[n.op], vals[0], vals[1], nil)
		if err != nil {
			return nil, err
		}
		r = v
	}
	if r.BitLen() > customMaxBits {
		return nil, errCustomLarge
	}
	return r, nil
}

// evalCustom checks the instance and evaluates its expression.
func evalCustom(in CustomOperator) (*big.Int, error) {
	if len(in.Operators) == 0 || len(in.Operators) > len(customSymbols) {
		return nil, fmt.Errorf("operators: want 1 to %d, got %d", len(customSymbols), len(in.Operators))
	}
	defs := map[string]*customNode{}
	symbols := ""
	for i, op := range in.Operators {
		if len(op.Symbol) != 1 || !strings.Contains(customSymbols, op.Symbol) {
			return nil, fmt.Errorf("operators[%d].symbol: %q is not one of %s", i, op.Symbol, customSymbols)
		}
		if defs[op.Symbol] != nil {
			return nil, fmt.Errorf("operators[%d].symbol: %q is defined twice", i, op.Symbol)
		}
		if len(op.Definition) > 200 {
			return nil, fmt.Errorf("operators[%d].definition: longer than 200 characters", i)
		}
		n, err := parseCustomExpr(op.Definition, "", true)
		if err != nil {
			return nil, fmt.Errorf("operators[%d].definition: %w", i, err)
		}
		defs[op.Symbol] = n
		symbols += op.Symbol
	}
	if len(in.Expression) > 500 {
		return nil, errors.New("expression: longer than 500 characters")
	}
	e, err := parseCustomExpr(in.Expression, symbols, false)
	if err != nil {
		return nil, fmt.Errorf("expression: %w", err)
	}
	v, err := customEval(e, nil, nil, defs)
	if err != nil {
		return nil, fmt.Errorf("expression: %w", err)
	}
	return v, nil
}

var customTemplates = []string{
	"%d*a + %d*b", "a*b - %d", "%d*a - b", "a*a - b", "(a + b)*%d", "a*b + a - b",
	"max(a, b) - %d*min(a, b)", "(a - b)*(a - b)", "a + %d*b - %d", "min(a, b)*%d + max(a, b)",
	"a*(b - %d)", "(a - %d)*(b + %d)",
}

func customDefinition(rng *rand.Rand) string {
	t := exPick(rng, customTemplates)
	n := strings.Count(t, "%d")
	args := make([]any, n)
	for i := range args {
		args[i] = exBetween(rng, 2, 5)
	}
	return fmt.Sprintf(t, args...)
}

// customPrec gives the binding strength of an operator as printed.
func customPrec(op string) int {
	switch op {
	case "+", "-":
		return 1
	case "*":
		return 2
	}
	return 3
}

func customString(n *customNode) string {
	if n.num != nil {
		return n.num.String()
	}
	p := customPrec(n.op)
	side := func(c *customNode, right bool) string {
		s := customString(c)
		if c.num == nil && (customPrec(c.op) < p || right && customPrec(c.op) == p) {
			s = "(" + s + ")"
		}
		return s
	}
	return side(n.args[0], false) + " " + n.op + " " + side(n.args[1], true)
}

func generateCustom(rng *rand.Rand, level int) (CustomOperator, error) {
	nops := exByLevel(level, 1, 2, 3)
	uses := exByLevel(level, 2, 3, 5)
	plain := exByLevel(level, 0, 1, 2)
	limit := big.NewInt(exByLevel[int64](level, 1_000, 100_000, 10_000_000))
	for {
		in := CustomOperator{}
		syms := []byte(customSymbols[:6])
		rng.Shuffle(len(syms), func(i, j int) { syms[i], syms[j] = syms[j], syms[i] })
		for i := range nops {
			in.Operators = append(in.Operators, OperatorDef{Symbol: string(syms[i]), Definition: customDefinition(rng)})
		}
		var ops []string
		for i := range uses {
			ops = append(ops, in.Operators[i%nops].Symbol)
		}
		for range plain {
			ops = append(ops, exPick(rng, []string{"+", "-", "*"}))
		}
		rng.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
		// Build a random tree: repeatedly join two subtrees with the next
		// operator.
		nodes := []*customNode{}
		for range len(ops) + 1 {
			nodes = append(nodes, &customNode{num: big.NewInt(int64(exBetween(rng, 1, 9)))})
		}
		for _, op := range ops {
			i := rng.IntN(len(nodes) - 1)
			joined := &customNode{op: op, args: []*customNode{nodes[i], nodes[i+1]}}
			nodes = append(append(nodes[:i:i], joined), nodes[i+2:]...)
		}
		in.Expression = customString(nodes[0])
		v, err := evalCustom(in)
		if err == nil && new(big.Int).Abs(v).Cmp(limit) <= 0 {
			return in, nil
		}
	}
}

func promptCustom(in CustomOperator) string {
	var b strings.Builder
	b.WriteString("New binary operators are defined below for integers a and b (max and min give the larger and the smaller of their two arguments).\n\n")
	b.WriteString("Definitions:\n")
	for _, op := range in.Operators {
		fmt.Fprintf(&b, "a %s b = %s\n", op.Symbol, op.Definition)
	}
	b.WriteString("\nThe new operators bind more tightly than *, which binds more tightly than + and -; operators of equal strength are applied from left to right, and parentheses come first.\n\n")
	fmt.Fprintf(&b, "Expression: %s\n\nGive the value of the expression as an integer.\n", in.Expression)
	return b.String()
}

var customDefRE = regexp.MustCompile(`^a (\S) b = (.+)$`)

func parseCustom(prompt string) (CustomOperator, error) {
	var in CustomOperator
	lines, err := exBlockAfter(prompt, "Definitions:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		m := customDefRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return in, fmt.Errorf("operators[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		in.Operators = append(in.Operators, OperatorDef{Symbol: m[1], Definition: m[2]})
	}
	if in.Expression, err = exLineAfter(prompt, "Expression:"); err != nil {
		return in, err
	}
	_, err = evalCustom(in)
	return in, err
}

func verifyCustom(in CustomOperator, answer string) Verdict {
	want, err := evalCustom(in)
	if err != nil {
		return Reject("invalid instance: %v", err)
	}
	got, msg := exAnswerBigInt(answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	if got.Cmp(want) != 0 {
		return Reject("%s is not the value of the expression", exClip(got.String(), 40))
	}
	return Accept()
}
