package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Exact rational arithmetic expressions, shared by game24, countdown and
// combinatorial_calculation: a parser for answers, an evaluator, a
// printer with minimal parentheses and an exhaustive search.

// arithNode is a parsed expression: a leaf holds an integer, an inner node
// an operator (+ - * /) and two operands.
type arithNode struct {
	op   byte
	leaf int
	l, r *arithNode
}

const arithMaxDepth = 200

type arithParser struct {
	toks  []string
	pos   int
	depth int
}

// arithNormalise maps the many ways people write operators to + - * / ( ).
func arithNormalise(s string) string {
	r := strings.NewReplacer("×", "*", "·", "*", "∗", "*", "⋅", "*", "÷", "/", "∕", "/", "−", "-", "–", "-", "—", "-",
		"[", "(", "]", ")", "{", "(", "}", ")", "\\times", "*", "\\div", "/", "\\cdot", "*", "\\left", "", "\\right", "", "$", "")
	return r.Replace(s)
}

// parseArith reads an arithmetic expression over non-negative integers with
// + - * / (also × ÷ x) and parentheses. A leading "T =" or trailing "= T"
// is dropped, but the expression must evaluate to T. Unary minus is
// refused: the tasks allow binary operators only.
func parseArith(s string) (*arithNode, error) {
	s = arithNormalise(StripAnswer(s))
	if len(s) > 4000 {
		return nil, errors.New("expression is longer than 4000 characters")
	}
	claim := ""
	if i := strings.IndexByte(s, '='); i >= 0 {
		left, right := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		switch {
		case arithIsNumber(left):
			s, claim = right, left
		case arithIsNumber(strings.TrimRight(right, ". ")):
			s, claim = left, strings.TrimRight(right, ". ")
		default:
			return nil, errors.New("expression has an '=' but neither side is a plain number")
		}
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	toks, err := arithTokens(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, errors.New("empty expression")
	}
	p := &arithParser{toks: toks}
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q after the expression", p.toks[p.pos])
	}
	if claim != "" {
		want, _ := new(big.Rat).SetString(claim)
		if got, err := n.eval(); err == nil && want != nil && got.Cmp(want) != 0 {
			return nil, fmt.Errorf("the expression equals %s, not the %s it claims", got.RatString(), claim)
		}
	}
	return n, nil
}

func arithIsNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func arithTokens(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j < len(s) && s[j] == '.' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
				return nil, fmt.Errorf("decimal number at %q: use integers and /", s[i:min(len(s), j+3)])
			}
			if j-i > 9 {
				return nil, fmt.Errorf("number %s is too large", s[i:j])
			}
			toks = append(toks, s[i:j])
			i = j
		case strings.IndexByte("+-*/()", c) >= 0:
			toks = append(toks, string(c))
			i++
		case c == 'x' || c == 'X':
			toks = append(toks, "*")
			i++
		default:
			r := []rune(s[i:])[0]
			return nil, fmt.Errorf("unexpected character %q", r)
		}
	}
	return toks, nil
}

func (p *arithParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *arithParser) expr() (*arithNode, error) {
	n, err := p.term()
	if err != nil {
		return nil, err
	}
	for t := p.peek(); t == "+" || t == "-"; t = p.peek() {
		p.pos++
		r, err := p.term()
		if err != nil {
			return nil, err
		}
		n = &arithNode{op: t[0], l: n, r: r}
	}
	return n, nil
}

func (p *arithParser) term() (*arithNode, error) {
	n, err := p.factor()
	if err != nil {
		return nil, err
	}
	for t := p.peek(); t == "*" || t == "/"; t = p.peek() {
		p.pos++
		r, err := p.factor()
		if err != nil {
			return nil, err
		}
		n = &arithNode{op: t[0], l: n, r: r}
	}
	return n, nil
}

func (p *arithParser) factor() (*arithNode, error) {
	t := p.peek()
	switch {
	case t == "":
		return nil, errors.New("expression ends too early")
	case t == "(":
		p.depth++
		if p.depth > arithMaxDepth {
			return nil, errors.New("parentheses nested too deeply")
		}
		p.pos++
		n, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, errors.New("missing ')'")
		}
		p.pos++
		p.depth--
		return n, nil
	case t == "-" || t == "+":
		return nil, errors.New("unary signs are not allowed: only binary + - * / between the numbers")
	case arithIsNumber(t):
		p.pos++
		v, _ := strconv.Atoi(t)
		return &arithNode{leaf: v}, nil
	}
	return nil, fmt.Errorf("unexpected %q", t)
}

// leaves returns the numbers of the expression from left to right.
func (n *arithNode) leaves() []int {
	if n.op == 0 {
		return []int{n.leaf}
	}
	return append(n.l.leaves(), n.r.leaves()...)
}

// eval computes the exact value; division by zero is an error.
func (n *arithNode) eval() (*big.Rat, error) {
	if n.op == 0 {
		return new(big.Rat).SetInt64(int64(n.leaf)), nil
	}
	a, err := n.l.eval()
	if err != nil {
		return nil, err
	}
	b, err := n.r.eval()
	if err != nil {
		return nil, err
	}
	return arithApply(n.op, a, b)
}

func arithApply(op byte, a, b *big.Rat) (*big.Rat, error) {
	z := new(big.Rat)
	switch op {
	case '+':
		return z.Add(a, b), nil
	case '-':
		return z.Sub(a, b), nil
	case '*':
		return z.Mul(a, b), nil
	}
	if b.Sign() == 0 {
		return nil, errors.New("division by zero")
	}
	return z.Quo(a, b), nil
}

func arithPrec(op byte) int {
	switch op {
	case '+', '-':
		return 1
	case '*', '/':
		return 2
	}
	return 3
}

// String prints the expression with the parentheses it needs.
func (n *arithNode) String() string {
	if n.op == 0 {
		return strconv.Itoa(n.leaf)
	}
	l, r := n.l.String(), n.r.String()
	if arithPrec(n.l.op) < arithPrec(n.op) {
		l = "(" + l + ")"
	}
	if rp := arithPrec(n.r.op); rp < arithPrec(n.op) || (rp == arithPrec(n.op) && (n.op == '-' || n.op == '/')) {
		r = "(" + r + ")"
	}
	return l + " " + string(n.op) + " " + r
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return r.RatString()
}

func intsString(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

// frac is an exact fraction n/d with d > 0 in lowest terms, kept in
// int64. Components stay below 2³¹ so that one operation cannot overflow;
// an operation whose result would exceed that reports overflow and the
// search falls back to big.Rat (see arithSearchAny).
type frac struct{ n, d int64 }

const fracLimit = 1 << 31

func fracGCD(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func fracOf(n, d int64) frac {
	if d < 0 {
		n, d = -n, -d
	}
	g := fracGCD(n, d)
	if g > 1 {
		n, d = n/g, d/g
	}
	return frac{n, d}
}

func fracSmall(x int64) bool { return x < fracLimit && x > -fracLimit }

// fracApply returns a op b; ok is false for division by zero and overflow
// true when a component is too large for exact int64 arithmetic.
func fracApply(op byte, a, b frac) (z frac, ok, overflow bool) {
	if !fracSmall(a.n) || !fracSmall(a.d) || !fracSmall(b.n) || !fracSmall(b.d) {
		return frac{}, false, true
	}
	switch op {
	case '+':
		return fracOf(a.n*b.d+b.n*a.d, a.d*b.d), true, false
	case '-':
		return fracOf(a.n*b.d-b.n*a.d, a.d*b.d), true, false
	case '*':
		return fracOf(a.n*b.n, a.d*b.d), true, false
	}
	if b.n == 0 {
		return frac{}, false, false
	}
	return fracOf(a.n*b.d, a.d*b.n), true, false
}

// arithItem is a value reachable from some of the numbers, with the
// expression that reaches it.
type arithItem struct {
	v frac
	e *arithNode
}

// arithSearchAny finds an expression that uses every number exactly once,
// in any order, and equals target; nil when there is none. It combines
// two items at a time and remembers multisets already refuted. Values are
// int64 fractions; if one ever grows too large for that, a failed search
// is repeated with big.Rat so that "no solution" stays exact.
func arithSearchAny(ctx context.Context, nums []int, target int) (*arithNode, error) {
	items := make([]arithItem, len(nums))
	for i, x := range nums {
		items[i] = arithItem{frac{int64(x), 1}, &arithNode{leaf: x}}
	}
	s := &arithSearch{ctx: ctx, target: frac{int64(target), 1}, dead: map[[12]int64]bool{}}
	e := s.run(items)
	if s.err != nil {
		return nil, s.err
	}
	if e == nil && s.overflow {
		return arithSearchAnyBig(ctx, nums, target)
	}
	return e, nil
}

type arithSearch struct {
	ctx      context.Context
	target   frac
	dead     map[[12]int64]bool
	steps    int
	overflow bool
	err      error
}

func (s *arithSearch) key(items []arithItem) [12]int64 {
	var k [12]int64
	vs := make([]frac, len(items))
	for i, it := range items {
		vs[i] = it.v
	}
	slices.SortFunc(vs, func(a, b frac) int {
		if a.n != b.n {
			return cmpInt64(a.n, b.n)
		}
		return cmpInt64(a.d, b.d)
	})
	for i, v := range vs {
		if 2*i+1 < len(k) {
			k[2*i], k[2*i+1] = v.n, v.d
		}
	}
	return k
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *arithSearch) run(items []arithItem) *arithNode {
	if len(items) == 1 {
		if items[0].v == s.target {
			return items[0].e
		}
		return nil
	}
	s.steps++
	if s.steps%1024 == 0 {
		if err := s.ctx.Err(); err != nil {
			s.err = err
			return nil
		}
	}
	memo := len(items) <= 6
	var k [12]int64
	if memo {
		k = s.key(items)
		if s.dead[k] {
			return nil
		}
	}
	next := make([]arithItem, 0, len(items)-1)
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			next = next[:0]
			for t := range items {
				if t != i && t != j {
					next = append(next, items[t])
				}
			}
			next = append(next, arithItem{})
			a, b := items[i], items[j]
			for _, c := range [6]struct {
				op   byte
				x, y arithItem
			}{{'+', a, b}, {'*', a, b}, {'-', a, b}, {'-', b, a}, {'/', a, b}, {'/', b, a}} {
				v, ok, over := fracApply(c.op, c.x.v, c.y.v)
				if over {
					s.overflow = true
				}
				if !ok {
					continue
				}
				next[len(next)-1] = arithItem{v, &arithNode{op: c.op, l: c.x.e, r: c.y.e}}
				if e := s.run(next); e != nil {
					return e
				}
				if s.err != nil {
					return nil
				}
			}
		}
	}
	if memo {
		s.dead[k] = true
	}
	return nil
}

// arithSearchAnyBig is the exhaustive search in big.Rat, used only when
// int64 fractions overflowed.
func arithSearchAnyBig(ctx context.Context, nums []int, target int) (*arithNode, error) {
	type item struct {
		v *big.Rat
		e *arithNode
	}
	want := new(big.Rat).SetInt64(int64(target))
	steps := 0
	var run func(items []item) (*arithNode, error)
	run = func(items []item) (*arithNode, error) {
		if len(items) == 1 {
			if items[0].v.Cmp(want) == 0 {
				return items[0].e, nil
			}
			return nil, nil
		}
		if steps++; steps%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				var next []item
				for t := range items {
					if t != i && t != j {
						next = append(next, items[t])
					}
				}
				a, b := items[i], items[j]
				for _, c := range [6]struct {
					op   byte
					x, y item
				}{{'+', a, b}, {'*', a, b}, {'-', a, b}, {'-', b, a}, {'/', a, b}, {'/', b, a}} {
					v, err := arithApply(c.op, c.x.v, c.y.v)
					if err != nil {
						continue
					}
					e, err := run(append(slices.Clone(next), item{v, &arithNode{op: c.op, l: c.x.e, r: c.y.e}}))
					if e != nil || err != nil {
						return e, err
					}
				}
			}
		}
		return nil, nil
	}
	items := make([]item, len(nums))
	for i, x := range nums {
		items[i] = item{new(big.Rat).SetInt64(int64(x)), &arithNode{leaf: x}}
	}
	return run(items)
}

// arithSearchOrdered finds an expression over the numbers in their given
// order that equals target, by dynamic programming over intervals: the set
// of values of every contiguous run, each with a back pointer to one way
// of making it. Like arithSearchAny it repeats a failed search in big.Rat
// when int64 fractions overflowed.
func arithSearchOrdered(ctx context.Context, nums []int, target int) (*arithNode, error) {
	type back struct {
		k    int
		op   byte
		a, b frac
	}
	n := len(nums)
	vals := make([][]map[frac]back, n)
	for i := range vals {
		vals[i] = make([]map[frac]back, n)
		vals[i][i] = map[frac]back{{int64(nums[i]), 1}: {k: -1}}
	}
	overflow := false
	want := frac{int64(target), 1}
	for length := 2; length <= n; length++ {
		for i := 0; i+length <= n; i++ {
			j := i + length - 1
			c := map[frac]back{}
			for k := i; k < j; k++ {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				for a := range vals[i][k] {
					for b := range vals[k+1][j] {
						for _, op := range [4]byte{'+', '-', '*', '/'} {
							v, ok, over := fracApply(op, a, b)
							if over {
								overflow = true
							}
							if !ok {
								continue
							}
							if _, seen := c[v]; !seen {
								c[v] = back{k, op, a, b}
							}
						}
					}
				}
				if length == n {
					if _, ok := c[want]; ok {
						break
					}
				}
			}
			vals[i][j] = c
		}
	}
	var build func(i, j int, v frac) *arithNode
	build = func(i, j int, v frac) *arithNode {
		bp := vals[i][j][v]
		if bp.k < 0 {
			return &arithNode{leaf: nums[i]}
		}
		return &arithNode{op: bp.op, l: build(i, bp.k, bp.a), r: build(bp.k+1, j, bp.b)}
	}
	if _, ok := vals[0][n-1][want]; ok {
		return build(0, n-1, want), nil
	}
	if overflow {
		return arithSearchOrderedBig(ctx, nums, target)
	}
	return nil, nil
}

// arithSearchOrderedBig is arithSearchOrdered in big.Rat.
func arithSearchOrderedBig(ctx context.Context, nums []int, target int) (*arithNode, error) {
	n := len(nums)
	type cell map[string]struct {
		v *big.Rat
		e *arithNode
	}
	vals := make([][]cell, n)
	for i := range vals {
		vals[i] = make([]cell, n)
		vals[i][i] = cell{strconv.Itoa(nums[i]): {new(big.Rat).SetInt64(int64(nums[i])), &arithNode{leaf: nums[i]}}}
	}
	for length := 2; length <= n; length++ {
		for i := 0; i+length <= n; i++ {
			j := i + length - 1
			c := cell{}
			for k := i; k < j; k++ {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				for _, a := range vals[i][k] {
					for _, b := range vals[k+1][j] {
						for _, op := range []byte("+-*/") {
							v, err := arithApply(op, a.v, b.v)
							if err != nil {
								continue
							}
							if key := v.RatString(); c[key].e == nil {
								c[key] = struct {
									v *big.Rat
									e *arithNode
								}{v, &arithNode{op: op, l: a.e, r: b.e}}
							}
						}
					}
				}
			}
			vals[i][j] = c
		}
	}
	if it, ok := vals[0][n-1][strconv.Itoa(target)]; ok {
		return it.e, nil
	}
	return nil, nil
}

// arithRandomTree builds a random expression over nums in the given
// order; pick(n) returns a number in [0, n).
func arithRandomTree(pick func(n int) int, nums []int) *arithNode {
	var build func(lo, hi int) *arithNode
	build = func(lo, hi int) *arithNode {
		if lo == hi {
			return &arithNode{leaf: nums[lo]}
		}
		k := lo + pick(hi-lo)
		return &arithNode{op: "+-*/"[pick(4)], l: build(lo, k), r: build(k+1, hi)}
	}
	return build(0, len(nums)-1)
}

// arithVerify judges an expression answer: it must use exactly the
// numbers (in order when ordered is set) and equal target.
func arithVerify(nums []int, target int, ordered bool, answer string, solve func() (*arithNode, error)) Verdict {
	if ClaimsNoSolution(answer) {
		e, err := solve()
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if e != nil {
			return Reject("the answer says there is no solution, but %s = %d", e, target)
		}
		return Accept()
	}
	e, err := parseArith(answer)
	if err != nil {
		return Reject("cannot read the expression: %v", err)
	}
	used := e.leaves()
	if ordered {
		if !slices.Equal(used, nums) {
			return Reject("the expression uses the numbers %s, but it must use %s in this order", intsString(used), intsString(nums))
		}
	} else {
		a, b := slices.Clone(used), slices.Clone(nums)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			return Reject("the expression uses the numbers %s, but it must use each of %s exactly once", intsString(used), intsString(nums))
		}
	}
	v, err := e.eval()
	if err != nil {
		return Reject("the expression divides by zero")
	}
	if v.Cmp(new(big.Rat).SetInt64(int64(target))) != 0 {
		return Reject("the expression equals %s, not %d", ratString(v), target)
	}
	return Accept()
}
