package script

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strings"

	"github.com/plankit/plankit/tools"
	"go.starlark.net/lib/json"
	starmath "go.starlark.net/lib/math"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
	"go.starlark.net/syntax"
)

// predeclared builds the environment every script sees. All state of a
// run is reached through the thread (stateOf), so one environment serves
// every run of a Runner and every later call of the tools it defines.
func predeclared(reg *tools.Registry) starlark.StringDict {
	env := starlark.StringDict{}
	for k, v := range guardBuiltins() {
		env[k] = v
	}
	// Universe built-ins that iterate or stringify in Go, wrapped with
	// bounds.
	for _, name := range []string{"list", "tuple", "set", "reversed", "enumerate", "any", "all", "min", "max", "zip", "dict", "bytes", "sorted"} {
		env[name] = starlark.NewBuiltin(name, iterWrapper(name))
	}
	env["print"] = starlark.NewBuiltin("print", printBuiltin)
	env["str"] = starlark.NewBuiltin("str", stringify("str"))
	env["repr"] = starlark.NewBuiltin("repr", stringify("repr"))
	env["int"] = starlark.NewBuiltin("int", intBuiltin)
	env["getattr"] = starlark.NewBuiltin("getattr", getattrBuiltin)

	// Helpers that LLM-written Python commonly reaches for.
	helpers := starlark.StringDict{
		"sum":          starlark.NewBuiltin("sum", sumBuiltin),
		"pow":          starlark.NewBuiltin("pow", powBuiltin),
		"divmod":       starlark.NewBuiltin("divmod", divmodBuiltin),
		"gcd":          starlark.NewBuiltin("gcd", gcdBuiltin(false)),
		"lcm":          starlark.NewBuiltin("lcm", gcdBuiltin(true)),
		"permutations": starlark.NewBuiltin("permutations", permutationsBuiltin),
		"combinations": starlark.NewBuiltin("combinations", combinationsBuiltin),
		"product":      starlark.NewBuiltin("product", productBuiltin),
		"chars":        starlark.NewBuiltin("chars", charsBuiltin),
	}
	for k, v := range helpers {
		env[k] = v
	}

	mathMembers := starlark.StringDict{}
	for k, v := range starmath.Module.Members {
		mathMembers[k] = v
	}
	mathMembers["inf"] = starlark.Float(math.Inf(1))
	mathMembers["nan"] = starlark.Float(math.NaN())
	mathMembers["gcd"] = helpers["gcd"]
	mathMembers["lcm"] = helpers["lcm"]
	mathMembers["isqrt"] = starlark.NewBuiltin("math.isqrt", isqrtBuiltin)
	mathMembers["factorial"] = starlark.NewBuiltin("math.factorial", factorialBuiltin)
	mathMembers["comb"] = starlark.NewBuiltin("math.comb", combBuiltin)
	mathMembers["perm"] = starlark.NewBuiltin("math.perm", permBuiltin)
	mathMembers["prod"] = starlark.NewBuiltin("math.prod", prodBuiltin)
	env["math"] = &starlarkstruct.Module{Name: "math", Members: mathMembers}

	env["json"] = &starlarkstruct.Module{Name: "json", Members: starlark.StringDict{
		"encode":        starlark.NewBuiltin("json.encode", jsonEncode("json.encode")),
		"encode_indent": starlark.NewBuiltin("json.encode_indent", jsonEncode("json.encode_indent")),
		"decode":        starlark.NewBuiltin("json.decode", jsonDecode),
		"indent":        starlark.NewBuiltin("json.indent", jsonIndent),
	}}

	env["tools"] = &toolsModule{reg: reg}
	env["register_tool"] = starlark.NewBuiltin("register_tool", registerTool)
	return env
}

type builtinFn = func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)

// iterWrapper bounds a Universe built-in that consumes iterables: each
// iterable argument is first iterated into a tuple of at most MaxValue
// elements (charging steps), then the original built-in runs on it.
func iterWrapper(name string) builtinFn {
	orig := starlark.Universe[name].(*starlark.Builtin)
	return func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		st := stateOf(th)
		if st == nil {
			return starlark.Call(th, orig, args, kwargs)
		}
		// Which positional arguments are iterables to bound?
		lo, hi := 0, min(1, len(args))
		switch name {
		case "zip":
			hi = len(args)
		case "min", "max":
			if len(args) != 1 {
				hi = 0
			}
		case "dict":
			if len(args) == 1 {
				if _, ok := args[0].(starlark.IterableMapping); ok {
					hi = 0
				}
			}
		case "bytes":
			if len(args) == 1 {
				switch args[0].(type) {
				case starlark.String, starlark.Bytes:
					hi = 0
				}
			}
		}
		var n int
		if hi > lo {
			args = append(starlark.Tuple(nil), args...)
			for i := lo; i < hi; i++ {
				if _, ok := args[i].(starlark.Iterable); !ok {
					continue // let the built-in report the type error
				}
				items, err := bounded(th, name, args[i], st.lim.MaxValue)
				if err != nil {
					return nil, err
				}
				args[i] = items
				n += lenOf(items)
			}
		}
		if name == "sorted" && n > 1 {
			if err := charge(th, uint64(n*bits.Len(uint(n)))/32); err != nil {
				return nil, err
			}
		}
		return starlark.Call(th, orig, args, kwargs)
	}
}

// printBuiltin writes its arguments, separated by sep, to the run's
// bounded output.
func printBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	sep := " "
	if err := starlark.UnpackArgs("print", nil, kwargs, "sep?", &sep); err != nil {
		return nil, err
	}
	st := stateOf(th)
	if st == nil {
		return starlark.None, nil
	}
	var buf strings.Builder
	for i, a := range args {
		if i > 0 {
			buf.WriteString(sep)
		}
		switch s := a.(type) {
		case starlark.String:
			buf.WriteString(string(s))
			continue
		case starlark.Bytes:
			buf.WriteString(string(s))
			continue
		}
		if n := reprSize(a, st.lim.MaxValue); n > st.lim.MaxValue || buf.Len()+n > st.lim.MaxOutput+st.lim.MaxValue {
			err := fmt.Errorf("%w: print of a value of size over %d", ErrOutput, min(n, st.lim.MaxValue))
			st.fire(th, err)
			return nil, err
		}
		buf.WriteString(a.String())
		if buf.Len() > st.lim.MaxOutput {
			break
		}
	}
	buf.WriteByte('\n')
	if err := charge(th, uint64(buf.Len())/64); err != nil {
		return nil, err
	}
	if err := st.write(th, buf.String()); err != nil {
		return nil, err
	}
	return starlark.None, nil
}

// stringify bounds str and repr by the value limit.
func stringify(name string) builtinFn {
	orig := starlark.Universe[name].(*starlark.Builtin)
	return func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if st := stateOf(th); st != nil && len(args) == 1 {
			if _, isStr := args[0].(starlark.String); !isStr || name == "repr" {
				if n := reprSize(args[0], st.lim.MaxValue); n > st.lim.MaxValue {
					return nil, valueErr(name, n, st.lim.MaxValue)
				}
			}
		}
		v, err := starlark.Call(th, orig, args, kwargs)
		if err != nil {
			return nil, err
		}
		if st := stateOf(th); st != nil {
			if n := lenOf(v); n > st.lim.MaxValue {
				return nil, valueErr(name, n, st.lim.MaxValue)
			}
			if err := charge(th, uint64(lenOf(v))/64); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
}

// intBuiltin refuses to parse integers longer than the integer bound
// (parsing is superlinear in the number of digits).
func intBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 0 {
		if s, ok := args[0].(starlark.String); ok && len(s) > maxIntBits/3 {
			return nil, fmt.Errorf("%w: int() of a string of %d characters (limit %d)", ErrValueSize, len(s), maxIntBits/3)
		}
	}
	return starlark.Call(th, starlark.Universe["int"], args, kwargs)
}

func getattrBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) >= 2 && len(kwargs) == 0 {
		if name, ok := args[1].(starlark.String); ok && guardedMethods[string(name)] {
			v, err := guardedAttr(args[0], string(name))
			if err != nil && len(args) == 3 {
				return args[2], nil
			}
			return v, err
		}
	}
	return starlark.Call(th, starlark.Universe["getattr"], args, kwargs)
}

// sumBuiltin is Python's sum(iterable, start=0), each addition size-checked.
func sumBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Value
	var acc starlark.Value = starlark.MakeInt(0)
	if err := starlark.UnpackArgs("sum", args, kwargs, "iterable", &it, "start?", &acc); err != nil {
		return nil, err
	}
	st := stateOf(th)
	limit := DefaultMaxValue
	if st != nil {
		limit = st.lim.MaxValue
	}
	items, err := materialize(th, "sum", it, limit)
	if err != nil {
		return nil, err
	}
	for _, x := range items {
		if st != nil {
			if err := checkAdd(th, st, acc, x); err != nil {
				return nil, fmt.Errorf("sum: %w", err)
			}
		}
		if acc, err = starlark.Binary(syntax.PLUS, acc, x); err != nil {
			return nil, fmt.Errorf("sum: %w", err)
		}
	}
	return acc, nil
}

func toBig(v starlark.Int) *big.Int { return v.BigInt() }

// powBuiltin is Python's pow(base, exp, mod=None) for ints (and floats).
func powBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var base, exp, mod starlark.Value = nil, nil, starlark.None
	if err := starlark.UnpackArgs("pow", args, kwargs, "base", &base, "exp", &exp, "mod?", &mod); err != nil {
		return nil, err
	}
	bi, bInt := base.(starlark.Int)
	ei, eInt := exp.(starlark.Int)
	if !bInt || !eInt {
		bf, ok1 := starlark.AsFloat(base)
		ef, ok2 := starlark.AsFloat(exp)
		if !ok1 || !ok2 || mod != starlark.None {
			return nil, fmt.Errorf("pow: got %s, %s, want numbers (and a modulus only with ints)", base.Type(), exp.Type())
		}
		return starlark.Float(math.Pow(bf, ef)), nil
	}
	if m, ok := mod.(starlark.Int); ok {
		mb := toBig(m)
		if mb.Sign() == 0 {
			return nil, fmt.Errorf("pow: modulus is zero")
		}
		if ei.Sign() < 0 {
			return nil, fmt.Errorf("pow: negative exponent with a modulus")
		}
		if intBits(bi) > maxIntBits || intBits(ei) > maxIntBits || mb.BitLen() > maxIntBits {
			return nil, fmt.Errorf("%w: pow operands too large", ErrValueSize)
		}
		r := new(big.Int).Exp(toBig(bi), toBig(ei), new(big.Int).Abs(mb))
		if mb.Sign() < 0 && r.Sign() != 0 {
			r.Add(r, mb) // Python: the result takes the sign of the modulus
		}
		return starlark.MakeBigInt(r), nil
	} else if mod != starlark.None {
		return nil, fmt.Errorf("pow: mod is a %s, want int", mod.Type())
	}
	if ei.Sign() < 0 {
		bf, _ := starlark.AsFloat(base)
		ef, _ := starlark.AsFloat(exp)
		return starlark.Float(math.Pow(bf, ef)), nil
	}
	e, ok := ei.Int64()
	bb := intBits(bi)
	if bb > 1 && (!ok || int64(bb-1)*e > maxIntBits) {
		return nil, fmt.Errorf("%w: pow result would have about %d+ bits (limit %d)", ErrValueSize, int64(bb-1)*e, maxIntBits)
	}
	if !ok {
		e = 2 // base is -1, 0 or 1: only the parity matters
		if ei.BigInt().Bit(0) == 1 {
			e = 1
		}
	}
	if err := charge(th, uint64(int64(bb)*e)/4096); err != nil {
		return nil, err
	}
	return starlark.MakeBigInt(new(big.Int).Exp(toBig(bi), big.NewInt(e), nil)), nil
}

func divmodBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, y starlark.Value
	if err := starlark.UnpackPositionalArgs("divmod", args, kwargs, 2, &x, &y); err != nil {
		return nil, err
	}
	q, err := starlark.Binary(syntax.SLASHSLASH, x, y)
	if err != nil {
		return nil, fmt.Errorf("divmod: %w", err)
	}
	r, err := starlark.Binary(syntax.PERCENT, x, y)
	if err != nil {
		return nil, fmt.Errorf("divmod: %w", err)
	}
	return starlark.Tuple{q, r}, nil
}

// gcdBuiltin is gcd(*ints) or lcm(*ints); results are non-negative.
func gcdBuiltin(lcm bool) builtinFn {
	return func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if len(kwargs) > 0 {
			return nil, fmt.Errorf("%s: unexpected keyword arguments", b.Name())
		}
		acc := big.NewInt(0)
		if lcm {
			acc.SetInt64(1)
		}
		for i, a := range args {
			x, ok := a.(starlark.Int)
			if !ok {
				return nil, fmt.Errorf("%s: argument %d is a %s, want int", b.Name(), i+1, a.Type())
			}
			v := new(big.Int).Abs(toBig(x))
			if lcm {
				if v.Sign() == 0 || acc.Sign() == 0 {
					acc.SetInt64(0)
					continue
				}
				g := new(big.Int).GCD(nil, nil, acc, v)
				acc.Mul(acc, new(big.Int).Quo(v, g))
				if acc.BitLen() > maxIntBits {
					return nil, fmt.Errorf("%w: lcm result too large", ErrValueSize)
				}
			} else {
				acc.GCD(nil, nil, acc, v)
			}
		}
		return starlark.MakeBigInt(acc), nil
	}
}

func isqrtBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var n starlark.Int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &n); err != nil {
		return nil, err
	}
	if n.Sign() < 0 {
		return nil, fmt.Errorf("%s: negative argument", b.Name())
	}
	return starlark.MakeBigInt(new(big.Int).Sqrt(toBig(n))), nil
}

func smallInt(name, what string, v starlark.Int, hi int64) (int64, error) {
	x, ok := v.Int64()
	if !ok || x < 0 || x > hi {
		return 0, fmt.Errorf("%s: %s must be in 0..%d", name, what, hi)
	}
	return x, nil
}

func factorialBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var n starlark.Int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &n); err != nil {
		return nil, err
	}
	x, err := smallInt(b.Name(), "n", n, 50000) // 50000! has about 700k bits
	if err != nil {
		return nil, err
	}
	if err := charge(th, uint64(x)); err != nil {
		return nil, err
	}
	return starlark.MakeBigInt(new(big.Int).MulRange(1, max(x, 1))), nil
}

func combBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var n, k starlark.Int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &n, &k); err != nil {
		return nil, err
	}
	nn, err := smallInt(b.Name(), "n", n, 1<<20)
	if err != nil {
		return nil, err
	}
	kk, err := smallInt(b.Name(), "k", k, 1<<20)
	if err != nil {
		return nil, err
	}
	if kk > nn {
		return starlark.MakeInt(0), nil
	}
	if err := charge(th, uint64(min(kk, nn-kk))); err != nil {
		return nil, err
	}
	return starlark.MakeBigInt(new(big.Int).Binomial(nn, kk)), nil
}

func permBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var n starlark.Int
	var k starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &n, &k); err != nil {
		return nil, err
	}
	nn, err := smallInt(b.Name(), "n", n, 50000)
	if err != nil {
		return nil, err
	}
	kk := nn
	if ki, ok := k.(starlark.Int); ok {
		if kk, err = smallInt(b.Name(), "k", ki, 50000); err != nil {
			return nil, err
		}
	}
	if kk > nn {
		return starlark.MakeInt(0), nil
	}
	if err := charge(th, uint64(kk)); err != nil {
		return nil, err
	}
	if kk == 0 {
		return starlark.MakeInt(1), nil
	}
	return starlark.MakeBigInt(new(big.Int).MulRange(nn-kk+1, nn)), nil
}

func prodBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Value
	var acc starlark.Value = starlark.MakeInt(1)
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "iterable", &it, "start?", &acc); err != nil {
		return nil, err
	}
	st := stateOf(th)
	limit := DefaultMaxValue
	if st != nil {
		limit = st.lim.MaxValue
	}
	items, err := materialize(th, b.Name(), it, limit)
	if err != nil {
		return nil, err
	}
	for _, x := range items {
		if st != nil {
			if err := checkMul(th, st, acc, x); err != nil {
				return nil, fmt.Errorf("%s: %w", b.Name(), err)
			}
		}
		if acc, err = starlark.Binary(syntax.STAR, acc, x); err != nil {
			return nil, fmt.Errorf("%s: %w", b.Name(), err)
		}
	}
	return acc, nil
}

// charsBuiltin returns the characters (Unicode code points) of a string
// as a list of one-character strings.
func charsBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var s string
	if err := starlark.UnpackPositionalArgs("chars", args, kwargs, 1, &s); err != nil {
		return nil, err
	}
	out := make([]starlark.Value, 0, len(s))
	for _, r := range s {
		out = append(out, starlark.String(string(r)))
	}
	if err := charge(th, uint64(len(out))/16); err != nil {
		return nil, err
	}
	return starlark.NewList(out), nil
}

// pool iterates a combinatorics argument and bounds the result count.
func pool(th *starlark.Thread, name string, v starlark.Value) (starlark.Tuple, int, error) {
	limit := DefaultMaxValue
	if st := stateOf(th); st != nil {
		limit = st.lim.MaxValue
	}
	items, err := materialize(th, name, v, limit)
	return items, limit, err
}

// countCheck multiplies factors and fails once the product of results ×
// tuple length passes the value limit.
func countCheck(name string, limit, width int, factors ...int) (int, error) {
	count := 1
	for _, f := range factors {
		if f == 0 {
			return 0, nil
		}
		if count > limit/f {
			return 0, fmt.Errorf("%w: %s would produce more than %d tuples", ErrValueSize, name, limit)
		}
		count *= f
	}
	if width > 0 && count > 4*limit/width {
		return 0, fmt.Errorf("%w: %s would produce %d tuples of %d elements", ErrValueSize, name, count, width)
	}
	return count, nil
}

func rArg(name string, r starlark.Value, n int) (int, error) {
	if r == starlark.None {
		return n, nil
	}
	ri, ok := r.(starlark.Int)
	if !ok {
		return 0, fmt.Errorf("%s: r is a %s, want int", name, r.Type())
	}
	x, ok := ri.Int64()
	if !ok || x < 0 || x > 1<<20 {
		return 0, fmt.Errorf("%s: r must be in 0..%d", name, 1<<20)
	}
	return int(x), nil
}

// permutationsBuiltin is itertools.permutations(iterable, r=None) as a
// list of tuples, in the same order.
func permutationsBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Value
	var rv starlark.Value = starlark.None
	if err := starlark.UnpackArgs("permutations", args, kwargs, "iterable", &it, "r?", &rv); err != nil {
		return nil, err
	}
	items, limit, err := pool(th, "permutations", it)
	if err != nil {
		return nil, err
	}
	n := len(items)
	r, err := rArg("permutations", rv, n)
	if err != nil {
		return nil, err
	}
	if r > n {
		return starlark.NewList(nil), nil
	}
	factors := make([]int, r)
	for i := range factors {
		factors[i] = n - i
	}
	count, err := countCheck("permutations", limit, r, factors...)
	if err != nil {
		return nil, err
	}
	if err := charge(th, uint64(count*(r+1))/8); err != nil {
		return nil, err
	}
	out := make([]starlark.Value, 0, count)
	used := make([]bool, n)
	cur := make([]starlark.Value, 0, r)
	var rec func()
	rec = func() {
		if len(cur) == r {
			out = append(out, append(starlark.Tuple(nil), cur...))
			return
		}
		for i := 0; i < n; i++ {
			if used[i] {
				continue
			}
			used[i] = true
			cur = append(cur, items[i])
			rec()
			cur = cur[:len(cur)-1]
			used[i] = false
		}
	}
	rec()
	return starlark.NewList(out), nil
}

// combinationsBuiltin is itertools.combinations(iterable, r) as a list.
func combinationsBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Value
	var rv starlark.Int
	if err := starlark.UnpackArgs("combinations", args, kwargs, "iterable", &it, "r", &rv); err != nil {
		return nil, err
	}
	items, limit, err := pool(th, "combinations", it)
	if err != nil {
		return nil, err
	}
	n := len(items)
	r, err := rArg("combinations", rv, n)
	if err != nil {
		return nil, err
	}
	if r > n {
		return starlark.NewList(nil), nil
	}
	// C(n, r) computed incrementally, stopping past the limit.
	count := 1
	for i := 0; i < min(r, n-r); i++ {
		count = count * (n - i) / (i + 1)
		if count > limit {
			return nil, fmt.Errorf("%w: combinations would produce more than %d tuples", ErrValueSize, limit)
		}
	}
	if _, err := countCheck("combinations", limit, r, count); err != nil {
		return nil, err
	}
	if err := charge(th, uint64(count*(r+1))/8); err != nil {
		return nil, err
	}
	out := make([]starlark.Value, 0, count)
	idx := make([]int, r)
	for i := range idx {
		idx[i] = i
	}
	for {
		t := make(starlark.Tuple, r)
		for i, j := range idx {
			t[i] = items[j]
		}
		out = append(out, t)
		i := r - 1
		for i >= 0 && idx[i] == i+n-r {
			i--
		}
		if i < 0 {
			break
		}
		idx[i]++
		for j := i + 1; j < r; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
	return starlark.NewList(out), nil
}

// productBuiltin is itertools.product(*iterables, repeat=1) as a list.
func productBuiltin(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	repeat := 1
	if err := starlark.UnpackArgs("product", nil, kwargs, "repeat?", &repeat); err != nil {
		return nil, err
	}
	if repeat < 0 || repeat > 1<<20 {
		return nil, fmt.Errorf("product: repeat must be in 0..%d", 1<<20)
	}
	var pools []starlark.Tuple
	limit := DefaultMaxValue
	for _, a := range args {
		items, l, err := pool(th, "product", a)
		if err != nil {
			return nil, err
		}
		limit = l
		pools = append(pools, items)
	}
	var all []starlark.Tuple
	var factors []int
	for i := 0; i < repeat; i++ {
		for _, p := range pools {
			all = append(all, p)
			factors = append(factors, len(p))
			if len(all) > limit {
				return nil, fmt.Errorf("%w: product over more than %d iterables", ErrValueSize, limit)
			}
		}
	}
	count, err := countCheck("product", limit, len(all), factors...)
	if err != nil {
		return nil, err
	}
	if err := charge(th, uint64(count*(len(all)+1))/8); err != nil {
		return nil, err
	}
	out := make([]starlark.Value, 0, count)
	if count == 0 {
		return starlark.NewList(out), nil
	}
	idx := make([]int, len(all))
	for {
		t := make(starlark.Tuple, len(all))
		for i, j := range idx {
			t[i] = all[i][j]
		}
		out = append(out, t)
		i := len(all) - 1
		for i >= 0 {
			idx[i]++
			if idx[i] < len(all[i]) {
				break
			}
			idx[i] = 0
			i--
		}
		if i < 0 {
			break
		}
	}
	return starlark.NewList(out), nil
}

// jsonEncode bounds json.encode and json.encode_indent by the value limit.
func jsonEncode(name string) builtinFn {
	short := strings.TrimPrefix(name, "json.")
	orig := json.Module.Members[short]
	return func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		st := stateOf(th)
		if st != nil && len(args) >= 1 {
			z := &sizer{limit: st.lim.MaxValue}
			if short == "encode_indent" {
				prefix, indent := "", "\t"
				for _, kv := range kwargs {
					if s, ok := kv[1].(starlark.String); ok {
						switch kv[0].(starlark.String) {
						case "prefix":
							prefix = string(s)
						case "indent":
							indent = string(s)
						}
					}
				}
				z.limit = st.lim.MaxValue
				n := indentSize(args[0], len(prefix), len(indent), st.lim.MaxValue)
				if n > st.lim.MaxValue {
					return nil, valueErr(name, n, st.lim.MaxValue)
				}
			} else {
				z.add(args[0], 0)
				if z.over() {
					return nil, valueErr(name, z.n, st.lim.MaxValue)
				}
			}
		}
		v, err := starlark.Call(th, orig, args, kwargs)
		if err == nil && st != nil {
			err = charge(th, uint64(lenOf(v))/64)
		}
		return v, err
	}
}

// indentSize estimates the length of indented JSON: every element sits
// on its own line with the prefix and depth × indent.
func indentSize(v starlark.Value, prefix, indent, limit int) int {
	n := 0
	var walk func(v starlark.Value, depth int) bool
	walk = func(v starlark.Value, depth int) bool {
		if depth > maxNesting {
			n = limit + 1
			return false
		}
		line := 1 + prefix + indent*(depth+1)
		var kids []starlark.Value
		switch x := v.(type) {
		case starlark.Tuple:
			kids = x
		case *starlark.List:
			for i := 0; i < x.Len(); i++ {
				kids = append(kids, x.Index(i))
			}
		case *starlark.Dict:
			for k, e := range x.Entries() {
				n += reprSize(k, limit) + 2
				kids = append(kids, e)
			}
		default:
			n += reprSize(v, limit)
			return n <= limit
		}
		n += 2 + line
		for _, k := range kids {
			n += line
			if n > limit || !walk(k, depth+1) {
				return false
			}
		}
		return n <= limit
	}
	walk(v, 0)
	return n
}

// jsonDecode refuses text that nests deeper than maxNesting (the decoder
// recurses) before decoding it.
func jsonDecode(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) >= 1 {
		if s, ok := args[0].(starlark.String); ok {
			if d, _ := jsonShape(string(s)); d > maxNesting {
				return nil, fmt.Errorf("json.decode: %w: JSON nested more than %d deep", ErrValueSize, maxNesting)
			}
			if err := charge(th, uint64(len(s))/64); err != nil {
				return nil, err
			}
		}
	}
	return starlark.Call(th, json.Module.Members["decode"], args, kwargs)
}

// jsonIndent bounds json.indent by depth and estimated output size.
func jsonIndent(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if st := stateOf(th); st != nil && len(args) >= 1 {
		if s, ok := args[0].(starlark.String); ok {
			prefix, indent := 0, 1
			for _, kv := range kwargs {
				if v, ok := kv[1].(starlark.String); ok {
					switch kv[0].(starlark.String) {
					case "prefix":
						prefix = len(v)
					case "indent":
						indent = len(v)
					}
				}
			}
			d, tokens := jsonShape(string(s))
			if d > maxNesting {
				return nil, fmt.Errorf("json.indent: %w: JSON nested more than %d deep", ErrValueSize, maxNesting)
			}
			est := int64(len(s)) + int64(tokens)*int64(1+prefix+indent*d)
			if est > int64(st.lim.MaxValue) {
				return nil, valueErr("json.indent", int(min(est, 1<<62)), st.lim.MaxValue)
			}
		}
	}
	return starlark.Call(th, json.Module.Members["indent"], args, kwargs)
}

// jsonShape returns the maximum nesting depth of JSON text and the number
// of structural tokens ([ { , :) outside strings.
func jsonShape(s string) (depth, tokens int) {
	d := 0
	inStr, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '[', '{':
			d++
			depth = max(depth, d)
			tokens++
		case ']', '}':
			d--
		case ',', ':':
			tokens++
		}
	}
	return depth, tokens
}
