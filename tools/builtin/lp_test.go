package builtin

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools"
)

func callLP(t *testing.T, name, input string) (LPOutput, error) {
	t.Helper()
	r := tools.NewRegistry()
	if err := registerLP(r); err != nil {
		t.Fatal(err)
	}
	raw, err := r.Call(context.Background(), name, json.RawMessage(input))
	if err != nil {
		return LPOutput{}, err
	}
	var out LPOutput
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("output %s: %v", raw, err)
	}
	return out, nil
}

const textbookLP = "Maximize\\n obj: 3 x + 5 y\\nSubject To\\n c1: x <= 4\\n c2: 2 y <= 12\\n c3: 3 x + 2 y <= 18\\nEnd\\n"

func TestLPTools(t *testing.T) {
	cases := []struct {
		name, tool, input string
		check             func(t *testing.T, o LPOutput)
	}{
		{"lp text", "lp.solve", `{"lp":"` + textbookLP + `"}`, func(t *testing.T, o LPOutput) {
			if o.Status != "optimal" || *o.Objective != 36 || o.Values["x"] != 2 || o.Values["y"] != 6 ||
				o.Duals["c2"] != 1.5 || o.Duals["c3"] != 1 || !o.Certificate.Checked || o.Certificate.Kind != "duality" || o.Bound != nil {
				t.Fatalf("%+v %+v", o, o.Certificate)
			}
		}},
		{"json model", "lp.solve", `{"model":{"sense":"min","objective":{"x":1,"y":1},"rows":[{"name":"c1","terms":{"x":2,"y":1},"op":">=","rhs":4}],"bounds":{"x":[0,null]}}}`, func(t *testing.T, o LPOutput) {
			if o.Status != "optimal" || *o.Objective != 2 || o.Duals["c1"] != 0.5 {
				t.Fatalf("%+v", o)
			}
		}},
		{"infeasible is a result", "lp.solve", `{"model":{"objective":{"x":1},"rows":[{"terms":{"x":1},"op":">=","rhs":5},{"terms":{"x":1},"op":"<=","rhs":3}]}}`, func(t *testing.T, o LPOutput) {
			if o.Status != "infeasible" || o.Objective != nil || o.Certificate.Kind != "farkas" || !o.Certificate.Checked {
				t.Fatalf("%+v %+v", o, o.Certificate)
			}
		}},
		{"unbounded", "lp.solve", `{"model":{"sense":"max","objective":{"x":1},"rows":[{"terms":{"x":1,"y":-1},"op":"<=","rhs":1}]}}`, func(t *testing.T, o LPOutput) {
			if o.Status != "unbounded" || o.Objective != nil || o.Certificate.Kind != "ray" || !o.Certificate.Checked {
				t.Fatalf("%+v %+v", o, o.Certificate)
			}
		}},
		{"lp ignores integers", "lp.solve", `{"model":{"sense":"max","objective":{"x":1},"rows":[{"terms":{"x":2},"op":"<=","rhs":3}],"integers":["x"]}}`, func(t *testing.T, o LPOutput) {
			if o.Status != "optimal" || *o.Objective != 1.5 || o.IsMIP {
				t.Fatalf("%+v", o)
			}
		}},
		{"milp", "milp.solve", `{"model":{"sense":"max","objective":{"x":1},"rows":[{"terms":{"x":2},"op":"<=","rhs":3}],"integers":["x"]}}`, func(t *testing.T, o LPOutput) {
			if o.Status != "optimal" || *o.Objective != 1 || *o.Bound != 1 || *o.Gap != 0 || !o.IsMIP || o.Nodes < 1 {
				t.Fatalf("%+v", o)
			}
		}},
		{"milp node limit", "milp.solve", `{"lp":"Maximize\n obj: 11 a + 12 b + 13 c + 14 d + 15 e\nSubject To\n w: 10 a + 11 b + 12 c + 13 d + 14 e <= 30\nBinaries\n a b c d e\nEnd\n","node_limit":1}`, func(t *testing.T, o LPOutput) {
			if o.Limit != "node limit" || o.Nodes != 1 || (o.Status != "feasible" && o.Status != "unknown") {
				t.Fatalf("%+v", o)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := callLP(t, tc.tool, tc.input)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, o)
		})
	}
}

func TestLPToolErrors(t *testing.T) {
	cases := []struct{ name, tool, input, want string }{
		{"neither", "lp.solve", `{}`, "give the model"},
		{"both", "lp.solve", `{"lp":"Minimize\n obj: x\nEnd\n","model":{}}`, "not both"},
		{"syntax", "lp.solve", `{"lp":"Minimize\n obj: x\nSubject To\n c1: x <= y\n"}`, "line 4"},
		{"bad op", "milp.solve", `{"model":{"rows":[{"terms":{"x":1},"op":"<>","rhs":1}]}}`, "rows[0].op"},
		{"bad backend", "lp.solve", `{"lp":"Minimize\n obj: x\nEnd\n","backend":"glop"}`, "backend"},
		{"negative limit", "milp.solve", `{"lp":"Minimize\n obj: x\nEnd\n","node_limit":-1}`, "node_limit"},
		{"bad gap", "milp.solve", `{"lp":"Minimize\n obj: x\nEnd\n","gap":2}`, "gap"},
		{"wrong type", "lp.solve", `{"lp":3}`, "lp"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := callLP(t, tc.tool, tc.input)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}

func TestLPToolCBC(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed (Debian package coinor-cbc): skipping the cbc backend test")
	}
	for _, tool := range []string{"lp.solve", "milp.solve"} {
		o, err := callLP(t, tool, `{"lp":"`+textbookLP+`","backend":"cbc"}`)
		if err != nil {
			t.Fatal(err)
		}
		if o.Status != "optimal" || *o.Objective != 36 || o.Backend != "cbc" || !o.Certificate.Checked {
			t.Fatalf("%s: %+v", tool, o)
		}
	}
}

func TestLPToolCBCMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := callLP(t, "lp.solve", `{"lp":"`+textbookLP+`","backend":"cbc"}`)
	if err == nil || !strings.Contains(err.Error(), "coinor-cbc") {
		t.Fatalf("got %v", err)
	}
}
