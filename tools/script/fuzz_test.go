package script

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// FuzzRun runs random source in the sandbox: it never panics, every limit
// holds, and when the script succeeds the plain interpreter prints the same.
func FuzzRun(f *testing.F) {
	for _, src := range differentialCorpus {
		f.Add(src)
	}
	f.Add("s = 'x'\nwhile True:\n    s += s")
	f.Add("l = [1]\nwhile True:\n    l.extend(l)")
	f.Add("a = [1] * 100\nb = [a] * 100\nc = [b] * 100\nprint(c)")
	lim := Limits{Steps: 100_000, Timeout: 2 * time.Second, MaxOutput: 4096, MaxValue: 1 << 16, MaxMemory: 256 << 20}
	r := New(nil, lim)
	f.Fuzz(func(t *testing.T, src string) {
		res, err := r.Run(context.Background(), "fuzz.star", src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("internal error: %v", err)
			}
		}
		if len(res.Output) > lim.MaxOutput {
			t.Fatalf("output %d bytes over the cap", len(res.Output))
		}
		if res.Steps > lim.Steps+checkEvery+uint64(lim.MaxValue) {
			t.Fatalf("%d steps, limit %d", res.Steps, lim.Steps)
		}
		if err != nil || strings.Contains(src, "__sb_") {
			return
		}
		want, perr := plainRun(src, 10*lim.Steps)
		if perr == nil && want != res.Output {
			t.Fatalf("sandbox printed %q, plain interpreter %q", res.Output, want)
		}
	})
}

// FuzzJSON round-trips JSON through Starlark values: decoding never
// panics, and what decodes re-encodes to the same JSON value.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,null,true,"x"]}`, `[]`, `{"b":{"c":{}}}`, `123456789012345678901234567890`, `"\u00e9"`, `[[[[1]]]]`, `{"a":1,"a":2}`, `1e400`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := fromJSON([]byte(s))
		if err != nil {
			return
		}
		out, err := toJSON(v, 1<<20)
		if err != nil {
			return // e.g. an overflowing float decodes to +Inf, which JSON cannot hold
		}
		var a, b any
		if json.Unmarshal([]byte(s), &a) != nil {
			return // encoding/json is stricter about some inputs (duplicate keys are fine in both)
		}
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatalf("re-encoded %q is not JSON: %v", out, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip %q → %q", s, out)
		}
	})
}
