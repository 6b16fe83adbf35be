package tools_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools"
)

type addIn struct {
	A     int      `json:"a" jsonschema:"first addend"`
	B     int      `json:"b"`
	Tags  []string `json:"tags,omitempty"`
	Inner *struct {
		N float64 `json:"n"`
	} `json:"inner,omitempty"`
}

type addOut struct {
	Sum int `json:"sum"`
}

func newReg(t *testing.T) *tools.Registry {
	t.Helper()
	r := tools.NewRegistry()
	err := tools.Add(r, "math.add", "Add two integers.", func(ctx context.Context, in addIn) (addOut, error) {
		if in.A < 0 {
			return addOut{}, errors.New("a must not be negative")
		}
		return addOut{Sum: in.A + in.B}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCallValidates(t *testing.T) {
	r := newReg(t)
	cases := []struct {
		in, want, errWant string
	}{
		{`{"a":1,"b":2}`, `{"sum":3}`, ""},
		{`{"a":"x","b":2}`, "", `field "a"`},
		{`{"a":1}`, "", `missing properties: ["b"]`},
		{`{"a":1,"b":2,"c":3}`, "", `unexpected additional properties ["c"]`},
		{`{"a":1,"b":2,"tags":[1]}`, "", `field "tags[]"`},
		{`{"a":1,"b":2,"inner":{"n":"q"}}`, "", `field "inner.n"`},
		{`{"a":1.5,"b":2}`, "", `field "a"`},
		{`{"a":1e300,"b":2}`, "", `field "a"`},
		{`[1,2]`, "", "input must be a JSON object"},
		{`{"a":`, "", "malformed JSON"},
		{`{"a":1,"b":2} x`, "", "trailing data"},
		{`{"a":-1,"b":2}`, "", "math.add: a must not be negative"},
	}
	for _, tc := range cases {
		out, err := r.Call(context.Background(), "math.add", json.RawMessage(tc.in))
		if tc.errWant != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errWant) {
				t.Errorf("%s: err %v, want it to mention %s", tc.in, err, tc.errWant)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: multi-line error %q", tc.in, err)
			}
			continue
		}
		if err != nil || string(out) != tc.want {
			t.Errorf("%s: got %s, %v; want %s", tc.in, out, err, tc.want)
		}
	}
}

func TestRegistryNames(t *testing.T) {
	r := newReg(t)
	if _, err := r.Call(context.Background(), "math.ad", nil); !errors.Is(err, tools.ErrUnknownTool) || !strings.Contains(err.Error(), `did you mean "math.add"`) {
		t.Fatalf("unknown tool: %v", err)
	}
	fn := func(ctx context.Context, in addIn) (addOut, error) { return addOut{}, nil }
	if err := tools.Add(r, "math.add", "again", fn); !errors.Is(err, tools.ErrDuplicate) {
		t.Fatalf("duplicate: %v", err)
	}
	for _, bad := range []string{"add", "Math.add", "math..add", "math.add!", ""} {
		if err := tools.Add(r, bad, "bad", fn); !errors.Is(err, tools.ErrBadName) {
			t.Errorf("name %q: err %v", bad, err)
		}
	}
	list := r.List()
	if len(list) != 1 || list[0].Name != "math.add" || list[0].InputSchema.Properties["a"].Description != "first addend" {
		t.Fatalf("list: %+v", list)
	}
	if !r.Remove("math.add") || len(r.List()) != 0 {
		t.Fatal("remove failed")
	}
}

func TestClone(t *testing.T) {
	r := tools.NewRegistry()
	if err := tools.Add(r, "a.echo", "echo", func(_ context.Context, in struct {
		X int `json:"x"`
	}) (int, error) {
		return in.X, nil
	}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	c := r.Clone(func(name string, fn tools.Func) tools.Func {
		return func(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
			calls++
			return fn(ctx, in)
		}
	})
	out, err := c.Call(context.Background(), "a.echo", json.RawMessage(`{"x": 3}`))
	if err != nil || string(out) != "3" || calls != 1 {
		t.Fatalf("%s %v %d", out, err, calls)
	}
	if _, err := c.Call(context.Background(), "a.echo", json.RawMessage(`{"x": "no"}`)); err == nil {
		t.Fatal("the clone does not validate input")
	}
	c.Remove("a.echo")
	if _, err := r.Lookup("a.echo"); err != nil {
		t.Fatal("removing from the clone changed the original")
	}
	if _, err := r.Call(context.Background(), "a.echo", json.RawMessage(`{"x": 1}`)); err != nil || calls != 1 {
		t.Fatalf("the original calls the wrapper: %v %d", err, calls)
	}
}
