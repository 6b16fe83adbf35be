package builtin

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/csp"
	"github.com/plankit/plankit/tools"
)

// cspInput reads a testdata model (a model file is a valid csp.solve input)
// and merges extra options into it.
func cspInput(t *testing.T, file string, extra map[string]any) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../../testdata/csp/" + file)
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]any{}
	if err := json.Unmarshal(data, &in); err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		in[k] = v
	}
	return in
}

func callCSP(t *testing.T, r *tools.Registry, in map[string]any) CSPOutput {
	t.Helper()
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Call(context.Background(), "csp.solve", raw)
	if err != nil {
		t.Fatalf("csp.solve: %v", err)
	}
	var out CSPOutput
	if err := json.Unmarshal(res, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// check re-reads the model and checks values with the csp package's
// evaluator, independent of the SAT encoding.
func check(t *testing.T, in map[string]any, values map[string]int) {
	t.Helper()
	delete(in, "explain")
	delete(in, "all_solutions")
	delete(in, "max_solutions")
	data, _ := json.Marshal(in)
	m, err := csp.ParseModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Check(values); err != nil {
		t.Fatal(err)
	}
}

func TestCSPSolveTool(t *testing.T) {
	r := tools.NewRegistry()
	if err := registerCSP(r); err != nil {
		t.Fatal(err)
	}
	t.Run("send more money", func(t *testing.T) {
		in := cspInput(t, "send_more_money.json", nil)
		out := callCSP(t, r, in)
		v := out.Values
		send := 1000*v["S"] + 100*v["E"] + 10*v["N"] + v["D"]
		more := 1000*v["M"] + 100*v["O"] + 10*v["R"] + v["E"]
		money := 10000*v["M"] + 1000*v["O"] + 100*v["N"] + 10*v["E"] + v["Y"]
		if out.Status != "optimal" || send != 9567 || more != 1085 || money != 10652 || out.NumClauses == 0 {
			t.Fatalf("%+v", out)
		}
		check(t, in, v)
	})
	t.Run("queens all solutions", func(t *testing.T) {
		in := cspInput(t, "queens8.json", map[string]any{"all_solutions": true})
		out := callCSP(t, r, in)
		if out.Status != "optimal" || len(out.Solutions) != 92 || !out.Complete {
			t.Fatalf("status %s, %d solutions, complete %v", out.Status, len(out.Solutions), out.Complete)
		}
		for _, s := range out.Solutions {
			check(t, cspInput(t, "queens8.json", nil), s)
		}
		out = callCSP(t, r, cspInput(t, "queens8.json", map[string]any{"max_solutions": 5}))
		if len(out.Solutions) != 5 || out.Complete {
			t.Fatalf("max_solutions 5: %d solutions, complete %v", len(out.Solutions), out.Complete)
		}
	})
	t.Run("optimisation", func(t *testing.T) {
		in := cspInput(t, "trip_optimize.json", nil)
		out := callCSP(t, r, in)
		if out.Status != "optimal" || out.Objective == nil || *out.Objective != 50 || *out.Bound != 50 {
			t.Fatalf("%+v", out)
		}
		check(t, in, out.Values)
	})
	t.Run("infeasible with explanation", func(t *testing.T) {
		in := cspInput(t, "infeasible.json", map[string]any{"explain": true})
		out := callCSP(t, r, in)
		if out.Status != "unsat" || len(out.Explanation) == 0 || len(out.Core) == 0 || out.Values != nil {
			t.Fatalf("%+v", out)
		}
		// Minimality, through the tool: dropping the explanation's groups
		// makes the model feasible, dropping all of them but one does not.
		drop := func(groups []string) string {
			in := cspInput(t, "infeasible.json", nil)
			var kept []any
			for _, c := range in["constraints"].([]any) {
				g, _ := c.(map[string]any)["group"].(string)
				if !slices.Contains(groups, g) {
					kept = append(kept, c)
				}
			}
			in["constraints"] = kept
			return callCSP(t, r, in).Status
		}
		if s := drop(out.Explanation); s != "optimal" {
			t.Fatalf("dropping %v: %s", out.Explanation, s)
		}
		for _, g := range out.Explanation {
			rest := slices.DeleteFunc(slices.Clone(out.Explanation), func(s string) bool { return s == g })
			if s := drop(rest); s != "unsat" {
				t.Fatalf("dropping %v (keeping %q): %s", rest, g, s)
			}
		}
		// Without explain there is none.
		if out := callCSP(t, r, cspInput(t, "infeasible.json", nil)); out.Explanation != nil {
			t.Fatalf("explanation without explain: %+v", out)
		}
	})
	t.Run("hard infeasible", func(t *testing.T) {
		out := callCSP(t, r, map[string]any{
			"variables":   []any{map[string]any{"names": []string{"a", "b"}, "min": 0, "max": 0}},
			"constraints": []any{map[string]any{"all_different": []string{"a", "b"}}, map[string]any{"linear": map[string]any{"terms": []string{"a"}, "op": "=", "rhs": 0}, "group": "g"}},
			"explain":     true,
		})
		if out.Status != "unsat" || !out.HardInfeasible || out.Explanation != nil {
			t.Fatalf("%+v", out)
		}
	})
}

func TestCSPSolveToolErrors(t *testing.T) {
	r := tools.NewRegistry()
	if err := registerCSP(r); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, input, want string
		invalid           bool // rejected by the schema before the call
	}{
		{"no variables", `{}`, `variables`, true},
		{"variables not array", `{"variables": 3}`, `variables`, true},
		{"string bound", `{"variables": [{"name": "x", "min": "0", "max": 1}]}`, `min`, true},
		{"unknown field", `{"variables": [], "objectiv": {}}`, `objectiv`, true},
		{"bad op", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"linear": {"terms": ["x"], "op": "=<", "rhs": 0}}]}`, `csp: constraints[0].linear.op: unknown operator "=<"`, false},
		{"unknown variable", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"all_different": ["x", "y"]}]}`, `constraints[0].all_different[1]: unknown variable "y"`, false},
		{"huge domain", `{"variables": [{"name": "x", "min": 0, "max": 100000000}]}`, `more than 65536`, false},
		{"negative limit", `{"variables": [], "time_limit_ms": -1}`, `must not be negative`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := r.Call(context.Background(), "csp.solve", json.RawMessage(c.input))
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
			if errors.Is(err, tools.ErrInvalidInput) != c.invalid {
				t.Fatalf("ErrInvalidInput: %v, want %v (%v)", !c.invalid, c.invalid, err)
			}
			if !c.invalid && strings.Contains(err.Error(), "line ") {
				t.Fatalf("line numbers of the re-encoded model leak out: %v", err)
			}
		})
	}
}

func TestCSPSolveTimeLimit(t *testing.T) {
	// Pigeonhole as all_different over too few values: hard for CDCL.
	names := make([]string, 14)
	for i := range names {
		names[i] = string(rune('a' + i))
	}
	in := map[string]any{
		"variables":     []any{map[string]any{"names": names, "min": 1, "max": 13}},
		"constraints":   []any{map[string]any{"all_different": names}},
		"time_limit_ms": 50,
	}
	raw, _ := json.Marshal(in)
	res, err := solveCSPToolRaw(raw)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "unknown" && res.Status != "unsat" {
		t.Fatalf("status %s", res.Status)
	}
}

func solveCSPToolRaw(raw []byte) (CSPOutput, error) {
	var in CSPInput
	if err := json.Unmarshal(raw, &in); err != nil {
		return CSPOutput{}, err
	}
	return solveCSPTool(context.Background(), in)
}
