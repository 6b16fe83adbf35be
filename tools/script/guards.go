package script

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Guards called by instrumented code (see instrument.go). Each checks the
// size of the value an operation would build, refuses it when it exceeds
// Limits.MaxValue, charges steps for bulk work, and then performs the
// operation exactly as the interpreter would.

func guardBuiltins() starlark.StringDict {
	return starlark.StringDict{
		guardAdd:    starlark.NewBuiltin("+", binaryGuard(syntax.PLUS, checkAdd)),
		guardMul:    starlark.NewBuiltin("*", binaryGuard(syntax.STAR, checkMul)),
		guardMod:    starlark.NewBuiltin("%", binaryGuard(syntax.PERCENT, checkMod)),
		guardAugAdd: starlark.NewBuiltin("+=", augGuard(checkAdd, true)),
		guardAugMul: starlark.NewBuiltin("*=", augGuard(checkMul, false)),
		guardAugMod: starlark.NewBuiltin("%=", augGuard(checkMod, false)),
		guardAttr:   starlark.NewBuiltin("attr", attrGuard),
		guardSpread: starlark.NewBuiltin("*args", spreadGuard),
	}
}

type checkFn func(th *starlark.Thread, st *runState, x, y starlark.Value) error

func binaryGuard(op syntax.Token, check checkFn) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(th *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		x, y := args[0], args[1]
		if st := stateOf(th); st != nil {
			if err := check(th, st, x, y); err != nil {
				return nil, err
			}
		}
		return starlark.Binary(op, x, y)
	}
}

// augGuard checks "x op= y" and returns y for the native operation to
// use. For += on a list, y is first iterated into a tuple within bounds
// (the interpreter would otherwise extend the list from y in Go).
func augGuard(check checkFn, extend bool) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(th *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		x, y := args[0], args[1]
		st := stateOf(th)
		if st == nil {
			return y, nil
		}
		if l, ok := x.(*starlark.List); ok && extend {
			if n := lenOf(y); n >= 0 && l.Len()+n > st.lim.MaxValue {
				return nil, valueErr("list += iterable", l.Len()+n, st.lim.MaxValue)
			}
			if _, isIter := y.(starlark.Iterable); isIter {
				return bounded(th, "list += iterable", y, st.lim.MaxValue-l.Len())
			}
		}
		if err := check(th, st, x, y); err != nil {
			return nil, err
		}
		return y, nil
	}
}

func isSeq(v starlark.Value) bool {
	switch v.(type) {
	case starlark.String, starlark.Bytes, *starlark.List, starlark.Tuple:
		return true
	}
	return false
}

func checkAdd(th *starlark.Thread, st *runState, x, y starlark.Value) error {
	if !isSeq(x) || !isSeq(y) {
		return nil
	}
	n := lenOf(x) + lenOf(y)
	if n > st.lim.MaxValue {
		return valueErr(x.Type()+" + "+y.Type(), n, st.lim.MaxValue)
	}
	return charge(th, uint64(n)/64)
}

func checkMul(th *starlark.Thread, st *runState, x, y starlark.Value) error {
	xi, xInt := x.(starlark.Int)
	yi, yInt := y.(starlark.Int)
	switch {
	case xInt && yInt:
		if b := intBits(xi) + intBits(yi); b > maxIntBits {
			return fmt.Errorf("%w: int * int would have about %d bits (limit %d)", ErrValueSize, b, maxIntBits)
		}
		return nil
	case xInt && isSeq(y):
		return checkRepeat(th, st, y, xi)
	case yInt && isSeq(x):
		return checkRepeat(th, st, x, yi)
	}
	return nil
}

func checkRepeat(th *starlark.Thread, st *runState, seq starlark.Value, k starlark.Int) error {
	n := lenOf(seq)
	times, ok := k.Int64()
	if !ok || times <= 0 || n == 0 {
		return nil // negative, zero or (for an empty value) any count is small; huge counts fail natively
	}
	if times > int64(st.lim.MaxValue) || int64(n)*times > int64(st.lim.MaxValue) {
		size := int64(n) * times
		if times > int64(st.lim.MaxValue) {
			size = times
		}
		return fmt.Errorf("%w: %s * %d would build a value of size %d (limit %d)", ErrValueSize, seq.Type(), times, size, st.lim.MaxValue)
	}
	return charge(th, uint64(int64(n)*times)/64)
}

// checkMod bounds string formatting "fmt % args": every conversion may
// expand to the largest argument.
func checkMod(th *starlark.Thread, st *runState, x, y starlark.Value) error {
	s, ok := x.(starlark.String)
	if !ok {
		return nil
	}
	specs := strings.Count(string(s), "%")
	if specs == 0 {
		return nil
	}
	limit := st.lim.MaxValue
	var largest int
	consider := func(v starlark.Value) {
		largest = max(largest, reprSize(v, limit))
	}
	switch a := y.(type) {
	case starlark.Tuple:
		for _, v := range a {
			consider(v)
		}
	case *starlark.Dict:
		for _, v := range a.Entries() {
			consider(v)
		}
	default:
		consider(y)
	}
	est := len(s) + specs*largest
	if largest > limit || est > limit {
		return valueErr("string % arguments", max(est, largest), limit)
	}
	return charge(th, uint64(est)/64)
}

// spreadGuard bounds f(*xs): the interpreter would build the argument
// tuple from xs in Go.
func spreadGuard(th *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	st := stateOf(th)
	if st == nil {
		return args[0], nil
	}
	if _, ok := args[0].(starlark.Iterable); !ok {
		return args[0], nil // let the call report the type error
	}
	return bounded(th, "f(*args)", args[0], st.lim.MaxValue)
}

// attrGuard implements x.name for the methods in guardedMethods: it
// returns a size-checking wrapper around the method of a string, list,
// dict or set, and the plain attribute otherwise.
func attrGuard(th *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	x := args[0]
	name := string(args[1].(starlark.String))
	return guardedAttr(x, name)
}

func guardedAttr(x starlark.Value, name string) (starlark.Value, error) {
	ha, ok := x.(starlark.HasAttrs)
	if !ok {
		return nil, fmt.Errorf("%s has no .%s field or method", x.Type(), name)
	}
	m, err := ha.Attr(name)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("%s has no .%s field or method", x.Type(), name)
	}
	if !guardedMethods[name] {
		return m, nil
	}
	switch recv := x.(type) {
	case starlark.String:
		switch name {
		case "join":
			return wrapMethod(m, func(th *starlark.Thread, st *runState, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Tuple, error) {
				return checkJoin(th, st, recv, args, kwargs)
			}), nil
		case "replace":
			return wrapMethod(m, func(th *starlark.Thread, st *runState, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Tuple, error) {
				return args, checkReplace(th, st, recv, args)
			}), nil
		case "format":
			return wrapMethod(m, func(th *starlark.Thread, st *runState, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Tuple, error) {
				return args, checkFormat(th, st, recv, args, kwargs)
			}), nil
		}
	case *starlark.List:
		if name == "extend" {
			return wrapMethod(m, func(th *starlark.Thread, st *runState, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Tuple, error) {
				if len(args) != 1 {
					return args, nil // let the method report it
				}
				if n := lenOf(args[0]); n >= 0 && recv.Len()+n > st.lim.MaxValue {
					return nil, valueErr("extend", recv.Len()+n, st.lim.MaxValue)
				}
				items, err := bounded(th, "extend", args[0], st.lim.MaxValue-recv.Len())
				return starlark.Tuple{items}, err
			}), nil
		}
	case *starlark.Dict, *starlark.Set:
		// update, union, ... iterate their arguments in Go.
		return wrapMethod(m, func(th *starlark.Thread, st *runState, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Tuple, error) {
			if set, ok := recv.(*starlark.Set); ok && len(args) == 0 && len(kwargs) == 0 {
				// go.starlark.net dereferences the missing argument of
				// these methods; give Python's meaning or an error.
				switch name {
				case "union", "difference":
					return starlark.Tuple{starlark.Tuple{}}, nil
				case "intersection":
					return starlark.Tuple{set}, nil
				case "symmetric_difference", "issubset", "issuperset", "isdisjoint":
					return nil, fmt.Errorf("%s: missing argument", name)
				}
			}
			out := make(starlark.Tuple, len(args))
			for i, a := range args {
				if _, isMap := a.(starlark.IterableMapping); isMap {
					out[i] = a
					continue
				}
				if _, isIter := a.(starlark.Iterable); !isIter {
					out[i] = a
					continue
				}
				items, err := bounded(th, name, a, st.lim.MaxValue)
				if err != nil {
					return nil, err
				}
				out[i] = items
			}
			return out, nil
		}), nil
	}
	return m, nil
}

// wrapMethod returns a callable that checks (and may rewrite) the
// arguments of method m before calling it.
func wrapMethod(m starlark.Value, check func(*starlark.Thread, *runState, starlark.Tuple, []starlark.Tuple) (starlark.Tuple, error)) starlark.Value {
	name := "method"
	if b, ok := m.(*starlark.Builtin); ok {
		name = b.Name()
	}
	var recv starlark.Value
	if b, ok := m.(*starlark.Builtin); ok {
		recv = b.Receiver()
	}
	w := starlark.NewBuiltin(name, func(th *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if st := stateOf(th); st != nil {
			var err error
			if args, err = check(th, st, args, kwargs); err != nil {
				return nil, err
			}
		}
		return starlark.Call(th, m, args, kwargs)
	})
	if recv != nil {
		return w.BindReceiver(recv) // prints as "<built-in method join of string value>"
	}
	return w
}

func checkJoin(th *starlark.Thread, st *runState, sep starlark.String, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Tuple, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		return args, nil
	}
	items, err := materialize(th, "join", args[0], st.lim.MaxValue)
	if err != nil {
		return nil, err
	}
	n := len(sep) * max(len(items)-1, 0)
	for _, it := range items {
		if s, ok := it.(starlark.String); ok {
			n += len(s)
		}
		if n > st.lim.MaxValue {
			return nil, valueErr("join", n, st.lim.MaxValue)
		}
	}
	return starlark.Tuple{items}, charge(th, uint64(n)/64)
}

func checkReplace(th *starlark.Thread, st *runState, s starlark.String, args starlark.Tuple) error {
	if len(args) < 2 {
		return nil
	}
	old, ok1 := args[0].(starlark.String)
	repl, ok2 := args[1].(starlark.String)
	if !ok1 || !ok2 || len(repl) <= len(old) {
		return nil
	}
	count := strings.Count(string(s), string(old))
	if len(args) > 2 {
		if c, ok := args[2].(starlark.Int); ok {
			if limit, ok := c.Int64(); ok && limit >= 0 && int64(count) > limit {
				count = int(limit)
			}
		}
	}
	n := int64(len(s)) + int64(count)*int64(len(repl)-len(old))
	if n > int64(st.lim.MaxValue) {
		return valueErr("replace", int(min(n, 1<<62)), st.lim.MaxValue)
	}
	return charge(th, uint64(n)/64)
}

func checkFormat(th *starlark.Thread, st *runState, f starlark.String, args starlark.Tuple, kwargs []starlark.Tuple) error {
	fields := strings.Count(string(f), "{")
	if fields == 0 {
		return nil
	}
	limit := st.lim.MaxValue
	largest := 0
	for _, a := range args {
		largest = max(largest, reprSize(a, limit))
	}
	for _, kv := range kwargs {
		largest = max(largest, reprSize(kv[1], limit))
	}
	est := len(f) + fields*largest
	if largest > limit || est > limit {
		return valueErr("format", max(est, largest), limit)
	}
	return charge(th, uint64(est)/64)
}
