package script

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// lenOf returns the length of a sized value (bytes for strings), or -1.
func lenOf(v starlark.Value) int { return starlark.Len(v) }

// intBits returns the bit length of |x|.
func intBits(x starlark.Int) int {
	if v, ok := x.Int64(); ok {
		if v < 0 {
			v = -v
		}
		return bits.Len64(uint64(v))
	}
	return x.BigInt().BitLen()
}

// materialize iterates v into a tuple of at most limit elements, charging
// one step per 16 elements. Sized values over the limit fail before any
// work.
func materialize(thread *starlark.Thread, what string, v starlark.Value, limit int) (starlark.Tuple, error) {
	if t, ok := v.(starlark.Tuple); ok && len(t) <= limit {
		return t, nil
	}
	n := lenOf(v)
	if n > limit {
		return nil, valueErr(what, n, limit)
	}
	it, ok := v.(starlark.Iterable)
	if !ok {
		return nil, fmt.Errorf("%s: got %s, want iterable", what, v.Type())
	}
	iter := it.Iterate()
	defer iter.Done()
	out := make(starlark.Tuple, 0, max(n, 0))
	var x starlark.Value
	for iter.Next(&x) {
		if len(out) >= limit {
			return nil, valueErr(what, len(out)+1, limit)
		}
		out = append(out, x)
	}
	if err := charge(thread, uint64(len(out))/16); err != nil {
		return nil, err
	}
	return out, nil
}

// bounded returns v itself when it is sized within limit (charging steps
// for the elements a built-in will go through), and otherwise v iterated
// into a tuple by materialize.
func bounded(thread *starlark.Thread, what string, v starlark.Value, limit int) (starlark.Value, error) {
	n := lenOf(v)
	if n > limit {
		return nil, valueErr(what, n, limit)
	}
	if n >= 0 {
		return v, charge(thread, uint64(n)/16)
	}
	return materialize(thread, what, v, limit)
}

func valueErr(what string, size, limit int) error {
	return fmt.Errorf("%w: %s would build a value of size %d (limit %d)", ErrValueSize, what, size, limit)
}

// sizer estimates the length of a value's repr (and so of str, print and
// JSON text) without building it, giving up once the estimate passes
// limit. Shared sub-values count every time they are reached, so a
// "billion laughs" structure is refused in O(limit) work.
type sizer struct {
	limit int
	n     int
	deep  bool
	path  []starlark.Value
}

// reprSize returns the estimated repr length of v, or a number above limit
// when it is larger or nests more than maxNesting deep.
func reprSize(v starlark.Value, limit int) int {
	z := &sizer{limit: limit}
	z.add(v, 0)
	if z.deep {
		return limit + 1
	}
	return z.n
}

func (z *sizer) over() bool { return z.n > z.limit || z.deep }

func (z *sizer) onPath(v starlark.Value) bool {
	for _, p := range z.path {
		if p == v {
			return true
		}
	}
	return false
}

func (z *sizer) add(v starlark.Value, depth int) {
	if z.over() {
		return
	}
	if depth > maxNesting {
		z.deep = true
		return
	}
	switch x := v.(type) {
	case starlark.NoneType, starlark.Bool:
		z.n += 5
	case starlark.String:
		z.n += len(x) + 2
	case starlark.Bytes:
		z.n += len(x) + 3
	case starlark.Int:
		z.n += intBits(x)*3/10 + 2
	case starlark.Float:
		z.n += 24
	case starlark.Tuple:
		z.n += 2
		for _, e := range x {
			z.n += 2
			z.add(e, depth+1)
			if z.over() {
				return
			}
		}
	case *starlark.List, *starlark.Dict, *starlark.Set:
		if z.onPath(v) {
			z.n += 5
			return
		}
		z.path = append(z.path, v)
		defer func() { z.path = z.path[:len(z.path)-1] }()
		z.n += 7
		switch x := v.(type) {
		case *starlark.List:
			for i := 0; i < x.Len(); i++ {
				z.n += 2
				z.add(x.Index(i), depth+1)
				if z.over() {
					return
				}
			}
		case *starlark.Dict:
			for k, e := range x.Entries() {
				z.n += 4
				z.add(k, depth+1)
				z.add(e, depth+1)
				if z.over() {
					return
				}
			}
		case *starlark.Set:
			for e := range x.Elements() {
				z.n += 2
				z.add(e, depth+1)
				if z.over() {
					return
				}
			}
		}
	default:
		z.n += len(v.String())
	}
}

// nestingDepth reports whether v nests containers deeper than limit
// (counting each container once per path; cycles are not followed).
func nestingDepth(v starlark.Value, limit int) bool {
	type item struct {
		v     starlark.Value
		depth int
	}
	seen := map[starlark.Value]bool{}
	var stack []item
	push := func(k starlark.Value, depth int) {
		switch k.(type) {
		case starlark.Tuple, *starlark.List, *starlark.Dict, *starlark.Set, *starlark.Function:
			stack = append(stack, item{k, depth})
		}
	}
	push(v, 0)
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > limit {
			return true
		}
		d := it.depth + 1
		switch x := it.v.(type) {
		case starlark.Tuple:
			for _, e := range x {
				push(e, d)
			}
		case *starlark.List, *starlark.Dict, *starlark.Set, *starlark.Function:
			if seen[x] {
				continue
			}
			seen[x] = true
			switch x := x.(type) {
			case *starlark.List:
				for i := 0; i < x.Len(); i++ {
					push(x.Index(i), d)
				}
			case *starlark.Dict:
				for k, e := range x.Entries() {
					push(k, d)
					push(e, d)
				}
			case *starlark.Set:
				for e := range x.Elements() {
					push(e, d)
				}
			case *starlark.Function:
				// Default values and free variables hang off functions.
				for i := 0; i < x.NumParams(); i++ {
					if dv := x.ParamDefault(i); dv != nil {
						push(dv, d)
					}
				}
				for i := 0; i < x.NumFreeVars(); i++ {
					_, fv := x.FreeVar(i)
					push(fv, d)
				}
			}
		}
	}
	return false
}

// toJSON encodes a Starlark value as JSON: None, bools, ints, finite
// floats, strings, lists and tuples (arrays), sets (arrays) and dicts with
// string keys (objects, in insertion order). The encoding is refused when
// it would exceed limit bytes or nest more than maxNesting deep.
func toJSON(v starlark.Value, limit int) (json.RawMessage, error) {
	var b bytes.Buffer
	if err := writeJSON(&b, v, limit, 0, ""); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeJSON(b *bytes.Buffer, v starlark.Value, limit, depth int, path string) error {
	if b.Len() > limit {
		return fmt.Errorf("%w: JSON value larger than %d bytes", ErrValueSize, limit)
	}
	if depth > maxNesting {
		return fmt.Errorf("%w: JSON value nested more than %d deep", ErrValueSize, maxNesting)
	}
	where := func() string {
		if path == "" {
			return "value"
		}
		return path
	}
	switch x := v.(type) {
	case starlark.NoneType:
		b.WriteString("null")
	case starlark.Bool:
		b.WriteString(strconv.FormatBool(bool(x)))
	case starlark.Int:
		b.WriteString(x.String())
	case starlark.Float:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%s: %v is not a JSON number", where(), f)
		}
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			b.WriteString(strconv.FormatFloat(f, 'f', 1, 64))
		} else {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		}
	case starlark.String:
		writeJSONString(b, string(x))
	case starlark.Tuple:
		return writeJSONArray(b, []starlark.Value(x), limit, depth, path)
	case *starlark.List:
		elems := make([]starlark.Value, x.Len())
		for i := range elems {
			elems[i] = x.Index(i)
		}
		return writeJSONArray(b, elems, limit, depth, path)
	case *starlark.Set:
		var elems []starlark.Value
		for e := range x.Elements() {
			elems = append(elems, e)
		}
		return writeJSONArray(b, elems, limit, depth, path)
	case *starlark.Dict:
		b.WriteByte('{')
		i := 0
		for k, e := range x.Entries() {
			ks, ok := k.(starlark.String)
			if !ok {
				return fmt.Errorf("%s: dict key %s is a %s, want string", where(), k.String(), k.Type())
			}
			if i > 0 {
				b.WriteByte(',')
			}
			i++
			writeJSONString(b, string(ks))
			b.WriteByte(':')
			sub := string(ks)
			if path != "" {
				sub = path + "." + sub
			}
			if err := writeJSON(b, e, limit, depth+1, sub); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("%s: a %s cannot be converted to JSON", where(), v.Type())
	}
	return nil
}

func writeJSONArray(b *bytes.Buffer, elems []starlark.Value, limit, depth int, path string) error {
	b.WriteByte('[')
	for i, e := range elems {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeJSON(b, e, limit, depth+1, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // replaces invalid bytes with U+FFFD
	}
	enc, _ := json.Marshal(s) // cannot fail for a valid string
	b.Write(enc)
}

// fromJSON decodes JSON into Starlark values, keeping object keys in
// their order. Integers become ints (big when needed), other numbers
// floats.
func fromJSON(data []byte) (starlark.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, depth int) (starlark.Value, error) {
	if depth > maxNesting {
		return nil, fmt.Errorf("JSON nested more than %d deep", maxNesting)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return starlark.None, nil
	case bool:
		return starlark.Bool(t), nil
	case string:
		return starlark.String(t), nil
	case json.Number:
		return numberValue(t)
	case json.Delim:
		switch t {
		case '[':
			var elems []starlark.Value
			for dec.More() {
				e, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				elems = append(elems, e)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return starlark.NewList(elems), nil
		case '{':
			d := starlark.NewDict(0)
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, errors.New("JSON object key is not a string")
				}
				e, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				if err := d.SetKey(starlark.String(k), e); err != nil {
					return nil, err
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return d, nil
		}
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

func numberValue(n json.Number) (starlark.Value, error) {
	s := string(n)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return starlark.MakeInt64(i), nil
	}
	isInt := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == 'e' || c == 'E' {
			isInt = false
		}
	}
	if isInt && len(s) <= maxIntBits/3 {
		if z, ok := new(big.Int).SetString(s, 10); ok {
			return starlark.MakeBigInt(z), nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("bad JSON number %s", s)
	}
	return starlark.Float(f), nil
}
