package puzzles

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestCustomOperatorTable(t *testing.T) {
	ops := []OperatorDef{{"#", "2*a + b"}, {"@", "a*b - a"}, {"&", "max(a, b) - min(a, b)"}}
	tests := []struct {
		expr string
		want int64
	}{
		{"3 # 4", 10},
		{"3 # 4 @ 2", 10},           // (3#4)@2 = 10*2-10
		{"2 * 3 # 4", 20},           // 2*(3#4)
		{"1 + 3 # 4 * 2", 21},       // 1 + (3#4)*2
		{"3 # (4 @ 2)", 10},         // 3 # 4
		{"5 & 9 - 2 & 1", 3},        // 4 - 1
		{"(1 - 4) # -2", -8},        // unary minus
		{"10 - 2 - 3", 5},           // left to right
		{"2 @ 3 @ 4", 12},           // (2@3)@4 = 4@4 = 12
		{"((2 # 1)) * (1 + 1)", 10}, // parentheses
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			v, err := evalCustom(CustomOperator{Operators: ops, Expression: tc.expr})
			if err != nil || v.Int64() != tc.want {
				t.Fatalf("got %v, %v; want %d", v, err, tc.want)
			}
		})
	}
	for _, bad := range []string{"3 $ 4", "3 #", "a # 1", "(1 + 2", "1 2", "", "max(1, 2)"} {
		if _, err := evalCustom(CustomOperator{Operators: ops, Expression: bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := evalCustom(CustomOperator{Operators: []OperatorDef{{"#", "a # b"}}, Expression: "1 # 2"}); err == nil {
		t.Error("recursive definition accepted")
	}
}

// TestCustomOperatorOracle evaluates random trees directly with Go
// functions for the definitions and compares with parsing the printed
// expression.
func TestCustomOperatorOracle(t *testing.T) {
	type def struct {
		text string
		f    func(a, b int64) int64
	}
	defs := []def{
		{"2*a + 3*b", func(a, b int64) int64 { return 2*a + 3*b }},
		{"a*b - a", func(a, b int64) int64 { return a*b - a }},
		{"max(a, b) - 2*min(a, b)", func(a, b int64) int64 { return max(a, b) - 2*min(a, b) }},
		{"(a - 3)*(b + 4)", func(a, b int64) int64 { return (a - 3) * (b + 4) }},
		{"a - b - 1", func(a, b int64) int64 { return a - b - 1 }},
	}
	syms := []string{"#", "@", "&", "$", "~"}
	type tree struct {
		leaf        int64
		op          string
		left, right *tree
	}
	var eval func(*tree) int64
	eval = func(x *tree) int64 {
		if x.op == "" {
			return x.leaf
		}
		l, r := eval(x.left), eval(x.right)
		switch x.op {
		case "+":
			return l + r
		case "-":
			return l - r
		case "*":
			return l * r
		}
		for i, s := range syms {
			if s == x.op {
				return defs[i].f(l, r)
			}
		}
		panic(x.op)
	}
	var toNode func(*tree) *customNode
	toNode = func(x *tree) *customNode {
		if x.op == "" {
			return &customNode{num: big.NewInt(x.leaf)}
		}
		return &customNode{op: x.op, args: []*customNode{toNode(x.left), toNode(x.right)}}
	}
	var ops []OperatorDef
	for i, d := range defs {
		ops = append(ops, OperatorDef{Symbol: syms[i], Definition: d.text})
	}
	rng := rand.New(rand.NewPCG(17, 18))
	all := append([]string{"+", "-", "*"}, syms...)
	var build func(depth int) *tree
	build = func(depth int) *tree {
		if depth == 0 || rng.IntN(4) == 0 {
			return &tree{leaf: int64(rng.IntN(9) + 1)}
		}
		return &tree{op: exPick(rng, all), left: build(depth - 1), right: build(depth - 1)}
	}
	for i := range 500 {
		x := build(4)
		expr := customString(toNode(x))
		got, err := evalCustom(CustomOperator{Operators: ops, Expression: expr})
		if err != nil {
			t.Fatalf("case %d %q: %v", i, expr, err)
		}
		if want := eval(x); got.Int64() != want || !got.IsInt64() {
			t.Fatalf("case %d %q: %v, oracle %d", i, expr, got, want)
		}
	}
}

func TestCustomOperatorContract(t *testing.T) {
	exCheck(t, customSpec(), 60, func(rng *rand.Rand, in CustomOperator, ans string) []string {
		return append(exMutateInts(rng, ans, 1), ans+"1")
	})
}

func TestCustomOperatorLarge(t *testing.T) {
	expr := "2"
	for range 20 {
		expr = "(" + expr + ") # (" + expr + ")"
		if len(expr) > 200 {
			break
		}
	}
	_, err := evalCustom(CustomOperator{Operators: []OperatorDef{{"#", "a*a*a*b*b*b"}}, Expression: expr})
	if !errors.Is(err, errCustomLarge) {
		t.Fatalf("huge value: got %v", err)
	}
}
