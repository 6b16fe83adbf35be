package script

import (
	"fmt"
	"strconv"

	"go.starlark.net/syntax"
)

// The sandbox rewrites the syntax tree before compiling it so that every
// operation able to build a large value in one interpreter step goes
// through a guard that checks the result size first:
//
//	x + y, x * y, x % y       → __sb_add__(x, y), __sb_mul__(x, y), __sb_mod__(x, y)
//	x += y (and *=, %=)       → x += __sb_aug_add__(x, y)  (the guard returns y)
//	s.join / s.replace / ...  → __sb_attr__(s, "join")     (a size-checking method)
//	f(*xs)                    → f(*__sb_spread__(xs))
//
// Operations whose growth per step is bounded by a literal (i + 1,
// s + "x", xs + [x], i % 2) are left alone. Everything else in the tree is
// unchanged, so programs mean what they meant.

// Guard names bound in the predeclared environment.
const (
	guardAdd    = "__sb_add__"
	guardMul    = "__sb_mul__"
	guardMod    = "__sb_mod__"
	guardAugAdd = "__sb_aug_add__"
	guardAugMul = "__sb_aug_mul__"
	guardAugMod = "__sb_aug_mod__"
	guardAttr   = "__sb_attr__"
	guardSpread = "__sb_spread__"
)

// guardedMethods are the methods of built-in types that can build a large
// value from small arguments, or iterate an argument in Go without
// counting steps.
var guardedMethods = map[string]bool{
	"join": true, "replace": true, "format": true, // string
	"extend": true, // list
	"update": true, // dict, set
	"union":  true, "intersection": true, "difference": true, "symmetric_difference": true,
	"issubset": true, "issuperset": true, "isdisjoint": true, // set
}

type instrumenter struct{ tmp int }

// instrument rewrites f in place.
func instrument(f *syntax.File) {
	in := &instrumenter{}
	f.Stmts = in.stmts(f.Stmts)
}

func (in *instrumenter) stmts(list []syntax.Stmt) []syntax.Stmt {
	out := make([]syntax.Stmt, 0, len(list))
	for _, s := range list {
		out = append(out, in.stmt(s)...)
	}
	return out
}

func (in *instrumenter) stmt(s syntax.Stmt) []syntax.Stmt {
	switch s := s.(type) {
	case *syntax.AssignStmt:
		if s.Op != syntax.EQ {
			return in.augmented(s)
		}
		s.LHS = in.target(s.LHS)
		s.RHS = in.expr(s.RHS)
	case *syntax.DefStmt:
		in.params(s.Params)
		s.Body = in.stmts(s.Body)
	case *syntax.ExprStmt:
		s.X = in.expr(s.X)
	case *syntax.ForStmt:
		s.Vars = in.target(s.Vars)
		s.X = in.expr(s.X)
		s.Body = in.stmts(s.Body)
	case *syntax.WhileStmt:
		s.Cond = in.expr(s.Cond)
		s.Body = in.stmts(s.Body)
	case *syntax.IfStmt:
		s.Cond = in.expr(s.Cond)
		s.True = in.stmts(s.True)
		s.False = in.stmts(s.False)
	case *syntax.ReturnStmt:
		if s.Result != nil {
			s.Result = in.expr(s.Result)
		}
	}
	return []syntax.Stmt{s}
}

// target rewrites the loads inside an assignment target, leaving the
// stored-to names, fields and elements in place.
func (in *instrumenter) target(e syntax.Expr) syntax.Expr {
	switch t := e.(type) {
	case *syntax.ParenExpr:
		t.X = in.target(t.X)
	case *syntax.TupleExpr:
		for i := range t.List {
			t.List[i] = in.target(t.List[i])
		}
	case *syntax.ListExpr:
		for i := range t.List {
			t.List[i] = in.target(t.List[i])
		}
	case *syntax.IndexExpr:
		t.X = in.expr(t.X)
		t.Y = in.expr(t.Y)
	case *syntax.DotExpr:
		t.X = in.expr(t.X)
	}
	return e
}

func (in *instrumenter) params(ps []syntax.Expr) {
	for _, p := range ps {
		if b, ok := p.(*syntax.BinaryExpr); ok && b.Op == syntax.EQ {
			b.Y = in.expr(b.Y)
		}
	}
}

func (in *instrumenter) exprs(list []syntax.Expr) {
	for i := range list {
		list[i] = in.expr(list[i])
	}
}

func (in *instrumenter) expr(e syntax.Expr) syntax.Expr {
	switch x := e.(type) {
	case *syntax.BinaryExpr:
		x.X = in.expr(x.X)
		x.Y = in.expr(x.Y)
		switch {
		case x.Op == syntax.PLUS && !smallOperand(x.X) && !smallOperand(x.Y):
			return call(guardAdd, x.OpPos, x.X, x.Y)
		case x.Op == syntax.STAR && !(isNumber(x.X) && isNumber(x.Y)):
			return call(guardMul, x.OpPos, x.X, x.Y)
		case x.Op == syntax.PERCENT && !isNumber(x.Y):
			return call(guardMod, x.OpPos, x.X, x.Y)
		}
	case *syntax.UnaryExpr:
		if x.X != nil {
			x.X = in.expr(x.X)
		}
	case *syntax.CallExpr:
		x.Fn = in.expr(x.Fn)
		for i, a := range x.Args {
			switch a := a.(type) {
			case *syntax.BinaryExpr:
				if a.Op == syntax.EQ { // keyword argument
					a.Y = in.expr(a.Y)
					continue
				}
			case *syntax.UnaryExpr:
				if a.Op == syntax.STAR && a.X != nil {
					a.X = call(guardSpread, a.OpPos, in.expr(a.X))
					continue
				}
			}
			x.Args[i] = in.expr(a)
		}
	case *syntax.DotExpr:
		x.X = in.expr(x.X)
		if guardedMethods[x.Name.Name] {
			return call(guardAttr, x.Dot, x.X, str(x.NamePos, x.Name.Name))
		}
	case *syntax.Comprehension:
		x.Body = in.expr(x.Body)
		for _, c := range x.Clauses {
			switch c := c.(type) {
			case *syntax.ForClause:
				c.Vars = in.target(c.Vars)
				c.X = in.expr(c.X)
			case *syntax.IfClause:
				c.Cond = in.expr(c.Cond)
			}
		}
	case *syntax.CondExpr:
		x.Cond = in.expr(x.Cond)
		x.True = in.expr(x.True)
		x.False = in.expr(x.False)
	case *syntax.DictExpr:
		in.exprs(x.List)
	case *syntax.DictEntry:
		x.Key = in.expr(x.Key)
		x.Value = in.expr(x.Value)
	case *syntax.IndexExpr:
		x.X = in.expr(x.X)
		x.Y = in.expr(x.Y)
	case *syntax.LambdaExpr:
		in.params(x.Params)
		x.Body = in.expr(x.Body)
	case *syntax.ListExpr:
		in.exprs(x.List)
	case *syntax.TupleExpr:
		in.exprs(x.List)
	case *syntax.ParenExpr:
		x.X = in.expr(x.X)
	case *syntax.SliceExpr:
		x.X = in.expr(x.X)
		if x.Lo != nil {
			x.Lo = in.expr(x.Lo)
		}
		if x.Hi != nil {
			x.Hi = in.expr(x.Hi)
		}
		if x.Step != nil {
			x.Step = in.expr(x.Step)
		}
	}
	return e
}

// augmented rewrites "lhs op= rhs". When op can grow a value, the right
// operand is routed through a guard that sees the current left value:
// "lhs op= guard(lhs, rhs)". Parts of lhs that are not plain names,
// literals or selections of them are first saved in temporaries so that
// they are evaluated once, as before.
func (in *instrumenter) augmented(s *syntax.AssignStmt) []syntax.Stmt {
	s.RHS = in.expr(s.RHS)
	var guard string
	switch {
	case s.Op == syntax.PLUS_EQ && !smallOperand(s.RHS):
		guard = guardAugAdd
	case s.Op == syntax.STAR_EQ:
		guard = guardAugMul
	case s.Op == syntax.PERCENT_EQ && !isNumber(s.RHS):
		guard = guardAugMod
	}
	lhs := s.LHS
	for {
		p, ok := lhs.(*syntax.ParenExpr)
		if !ok {
			break
		}
		lhs = p.X
	}
	if guard == "" {
		s.LHS = in.target(s.LHS)
		return []syntax.Stmt{s}
	}
	var pre []syntax.Stmt
	hoist := func(e syntax.Expr) syntax.Expr {
		if pure(e) {
			return e
		}
		name := fmt.Sprintf("__sb_t%d__", in.tmp)
		in.tmp++
		pos := syntax.Start(e)
		pre = append(pre, &syntax.AssignStmt{OpPos: pos, Op: syntax.EQ, LHS: &syntax.Ident{NamePos: pos, Name: name}, RHS: e})
		return &syntax.Ident{NamePos: pos, Name: name}
	}
	switch l := lhs.(type) {
	case *syntax.Ident:
	case *syntax.IndexExpr:
		l.X = hoist(in.expr(l.X))
		l.Y = hoist(in.expr(l.Y))
	case *syntax.DotExpr:
		l.X = hoist(in.expr(l.X))
	default:
		// Not a valid target: leave it for the resolver to report.
		return []syntax.Stmt{s}
	}
	s.LHS = lhs
	s.RHS = call(guard, s.OpPos, copyPure(lhs), s.RHS)
	return append(pre, s)
}

// pure reports whether evaluating e twice is the same as evaluating it
// once: e is built from names, literals, selections, indexing and
// operators only (no calls).
func pure(e syntax.Expr) bool {
	switch x := e.(type) {
	case *syntax.Ident, *syntax.Literal:
		return true
	case *syntax.ParenExpr:
		return pure(x.X)
	case *syntax.DotExpr:
		return !guardedMethods[x.Name.Name] && pure(x.X)
	case *syntax.IndexExpr:
		return pure(x.X) && pure(x.Y)
	case *syntax.UnaryExpr:
		return x.X != nil && x.Op != syntax.STAR && x.Op != syntax.STARSTAR && pure(x.X)
	case *syntax.BinaryExpr:
		return x.Op != syntax.EQ && pure(x.X) && pure(x.Y)
	case *syntax.TupleExpr:
		for _, y := range x.List {
			if !pure(y) {
				return false
			}
		}
		return true
	}
	return false
}

// copyPure returns a fresh copy of a pure expression (the resolver
// annotates nodes, so none may be shared).
func copyPure(e syntax.Expr) syntax.Expr {
	switch x := e.(type) {
	case *syntax.Ident:
		return &syntax.Ident{NamePos: x.NamePos, Name: x.Name}
	case *syntax.Literal:
		c := *x
		return &c
	case *syntax.ParenExpr:
		return &syntax.ParenExpr{Lparen: x.Lparen, X: copyPure(x.X), Rparen: x.Rparen}
	case *syntax.DotExpr:
		return &syntax.DotExpr{X: copyPure(x.X), Dot: x.Dot, NamePos: x.NamePos, Name: &syntax.Ident{NamePos: x.Name.NamePos, Name: x.Name.Name}}
	case *syntax.IndexExpr:
		return &syntax.IndexExpr{X: copyPure(x.X), Lbrack: x.Lbrack, Y: copyPure(x.Y), Rbrack: x.Rbrack}
	case *syntax.UnaryExpr:
		return &syntax.UnaryExpr{OpPos: x.OpPos, Op: x.Op, X: copyPure(x.X)}
	case *syntax.BinaryExpr:
		return &syntax.BinaryExpr{X: copyPure(x.X), OpPos: x.OpPos, Op: x.Op, Y: copyPure(x.Y)}
	case *syntax.TupleExpr:
		list := make([]syntax.Expr, len(x.List))
		for i, y := range x.List {
			list[i] = copyPure(y)
		}
		return &syntax.TupleExpr{Lparen: x.Lparen, List: list, Rparen: x.Rparen}
	}
	panic(fmt.Sprintf("script: copyPure of %T", e)) // unreachable: guarded by pure
}

// smallOperand reports whether e is a literal or a list or tuple display:
// adding it grows a value by a bounded amount per step.
func smallOperand(e syntax.Expr) bool {
	switch x := e.(type) {
	case *syntax.Literal:
		return true
	case *syntax.ListExpr, *syntax.TupleExpr:
		return true
	case *syntax.ParenExpr:
		return smallOperand(x.X)
	}
	return false
}

func isNumber(e syntax.Expr) bool {
	l, ok := e.(*syntax.Literal)
	return ok && (l.Token == syntax.INT || l.Token == syntax.FLOAT)
}

func call(name string, pos syntax.Position, args ...syntax.Expr) *syntax.CallExpr {
	return &syntax.CallExpr{Fn: &syntax.Ident{NamePos: pos, Name: name}, Lparen: pos, Args: args, Rparen: pos}
}

func str(pos syntax.Position, s string) *syntax.Literal {
	return &syntax.Literal{Token: syntax.STRING, TokenPos: pos, Raw: strconv.Quote(s), Value: s}
}
