package csp

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseModelAllKinds(t *testing.T) {
	src := `{
  "description": "every construct once",
  "variables": [
    {"name": "x", "min": -2, "max": 3},
    {"names": ["y", "z"], "values": [5, 1, 3, 3]},
    {"name": "i", "min": 0, "max": 2}
  ],
  "constraints": [
    {"all_different": ["x", "y"]},
    {"all_different": {"vars": ["y", "z"], "offsets": [0, 2]}, "group": "shift"},
    {"linear": {"terms": [[2, "x"], "y", [-1, "z"]], "op": "<=", "rhs": 7}, "name": "sum"},
    {"table": {"vars": ["x", "z"], "tuples": [[1, 1], [2, 3], [3, 5], [0, 3]]}},
    {"element": {"index": "i", "array": [5, "z", 1], "value": "y"}},
    {"implies": [{"linear": {"terms": ["x"], "op": "=", "rhs": 3}}, {"linear": {"terms": ["y"], "op": "!=", "rhs": 5}}]},
    {"or": [{"linear": {"terms": ["x"], "op": "<=", "rhs": 0}}, {"linear": {"terms": ["y"], "op": ">=", "rhs": 5}}], "group": "choice"},
    {"not": {"and": [{"linear": {"terms": ["i"], "op": "=", "rhs": 2}}, {"linear": {"terms": ["z"], "op": "=", "rhs": 1}}]}},
    {"iff": [{"linear": {"terms": ["i"], "op": ">", "rhs": 0}}, {"linear": {"terms": ["x"], "op": "<", "rhs": 2}}]}
  ],
  "objective": {"maximize": [[3, "x"], "y", [-2, "i"]]}
}`
	m, err := ParseModel([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Groups(); len(got) != 2 || got[0] != "shift" || got[1] != "choice" {
		t.Fatalf("groups %v", got)
	}
	if n := m.NumConstraints(); n != 9 {
		t.Fatalf("%d constraints", n)
	}
	z, _ := m.Var("z")
	if d := m.Domain(z); len(d) != 3 || d[0] != 1 || d[2] != 5 {
		t.Fatalf("domain of z: %v", d)
	}
	sol, err := m.Solve(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Brute force through the model's own evaluator (the random tests check
	// that evaluator against independent predicates).
	best, found := 0, false
	for x := -2; x <= 3; x++ {
		for _, y := range []int{1, 3, 5} {
			for _, z := range []int{1, 3, 5} {
				for i := 0; i <= 2; i++ {
					v := map[string]int{"x": x, "y": y, "z": z, "i": i}
					if m.Check(v) == nil && (!found || 3*x+y-2*i > best) {
						best, found = 3*x+y-2*i, true
					}
				}
			}
		}
	}
	if !found || sol.Status != Optimal || sol.Objective != best {
		t.Fatalf("status %s objective %d, brute force %d (found %v)", sol.Status, sol.Objective, best, found)
	}
}

func TestParseModelErrors(t *testing.T) {
	cases := []struct {
		name, src string
		kind      error
		want      string
	}{
		{"syntax", `{"variables": [}`, ErrInvalid, "line 1: malformed JSON"},
		{"syntax later line", "{\n\"variables\": [\n{\"name\": \"x\" \"min\": 1}]}", ErrInvalid, "line 3: malformed JSON"},
		{"truncated", `{"variables": [`, ErrInvalid, "unexpected end of input"},
		{"empty input", ``, ErrInvalid, "unexpected end of input"},
		{"trailing", `{"variables": []} {}`, ErrInvalid, "trailing data"},
		{"not an object", `[1, 2]`, ErrInvalid, "want an object, got an array"},
		{"missing variables", `{}`, ErrInvalid, "variables: missing"},
		{"unknown top field", `{"variables": [], "constrains": []}`, ErrInvalid, "constrains: unknown field"},
		{"duplicate key", `{"variables": [], "variables": []}`, ErrInvalid, "variables: duplicate key"},
		{"variable without name", `{"variables": [{"min": 0, "max": 1}]}`, ErrInvalid, "variables[0].name: missing"},
		{"empty name", `{"variables": [{"name": "", "min": 0, "max": 1}]}`, ErrInvalid, "variables[0].name: empty name"},
		{"name and names", `{"variables": [{"name": "a", "names": ["b"], "min": 0, "max": 1}]}`, ErrInvalid, "not both"},
		{"no domain", `{"variables": [{"name": "a"}]}`, ErrInvalid, "missing domain"},
		{"both domains", `{"variables": [{"name": "a", "min": 0, "values": [1]}]}`, ErrInvalid, "not both"},
		{"empty values", `{"variables": [{"name": "a", "values": []}]}`, ErrInvalid, "variables[0].values: empty domain"},
		{"reversed range", `{"variables": [{"name": "a", "min": 3, "max": 1}]}`, ErrInvalid, "min 3 > max 1"},
		{"fraction", `{"variables": [{"name": "a", "min": 0.5, "max": 1}]}`, ErrInvalid, "variables[0].min: want an integer (digits only), got 0.5"},
		{"string number", `{"variables": [{"name": "a", "min": "0", "max": 1}]}`, ErrInvalid, "want an integer, got a string"},
		{"huge value", `{"variables": [{"name": "a", "min": 0, "max": 99999999999}]}`, ErrTooLarge, "variables[0].max: 99999999999 is outside"},
		{"huge exponent", `{"variables": [{"name": "a", "min": 0, "max": 1e300}]}`, ErrTooLarge, "is outside"},
		{"huge domain", `{"variables": [{"name": "a", "min": 0, "max": 1000000}]}`, ErrTooLarge, "1000001 values, more than 65536"},
		{"declared twice", `{"variables": [{"names": ["a", "a"], "min": 0, "max": 1}]}`, ErrInvalid, `variables[0].names[1]: variable "a" declared twice`},
		{"constraint not object", `{"variables": [], "constraints": [3]}`, ErrInvalid, "constraints[0]: want an object, got a number"},
		{"no kind", `{"variables": [], "constraints": [{"group": "g"}]}`, ErrInvalid, "constraints[0]: missing constraint kind"},
		{"two kinds", `{"variables": [{"name": "a", "min": 0, "max": 1}], "constraints": [{"all_different": ["a"], "table": {}}]}`, ErrInvalid, "constraints[0].table: a constraint has one kind"},
		{"unknown kind", `{"variables": [], "constraints": [{"alldiff": []}]}`, ErrInvalid, "constraints[0].alldiff: unknown field"},
		{"unknown variable", "{\"variables\": [{\"name\": \"x\", \"min\": 0, \"max\": 1}],\n \"constraints\": [\n{\"linear\": {\"terms\": [[1, \"x\"], [2, \"Q\"]], \"op\": \"=\", \"rhs\": 0}}]}", ErrInvalid, `line 3: constraints[0].linear.terms[1][1]: unknown variable "Q"`},
		{"bad op", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"linear": {"terms": ["x"], "op": "=<", "rhs": 0}}]}`, ErrInvalid, `constraints[0].linear.op: unknown operator "=<"`},
		{"missing rhs", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"linear": {"terms": ["x"], "op": "="}}]}`, ErrInvalid, "constraints[0].linear.rhs: missing"},
		{"bad term", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"linear": {"terms": [[1, "x", 2]], "op": "=", "rhs": 0}}]}`, ErrInvalid, "constraints[0].linear.terms[0]: want a term"},
		{"huge coefficient", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"linear": {"terms": [[2000000000, "x"]], "op": "=", "rhs": 0}}]}`, ErrTooLarge, "terms[0][0]: 2000000000 is outside"},
		{"magnitude", `{"variables": [{"names": ["x", "y"], "values": [-1000000000, 1000000000]}], "constraints": [{"linear": {"terms": [[1000000000, "x"], [1000000000, "y"]], "op": "=", "rhs": 0}}]}`, ErrTooLarge, "constraints[0]: linear: Σ|coefficient|·max|value| of the terms exceeds 2^60"},
		{"group nested", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"not": {"linear": {"terms": ["x"], "op": "=", "rhs": 0}, "group": "g"}}]}`, ErrInvalid, "constraints[0].not.group: unknown field"},
		{"empty group", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"all_different": ["x"], "group": ""}]}`, ErrInvalid, "constraints[0].group: empty group name"},
		{"implies arity", `{"variables": [{"name": "x", "min": 0, "max": 1}], "constraints": [{"implies": [{"all_different": ["x"]}]}]}`, ErrInvalid, "constraints[0].implies: want 2 constraints, got 1"},
		{"table arity", `{"variables": [{"names": ["x", "y"], "min": 0, "max": 1}], "constraints": [{"table": {"vars": ["x", "y"], "tuples": [[0, 1], [1]]}}]}`, ErrInvalid, "constraints[0].table.tuples[1]: 1 values for 2 variables"},
		{"table no vars", `{"variables": [], "constraints": [{"table": {"vars": [], "tuples": []}}]}`, ErrInvalid, "table.vars: no variables"},
		{"element missing", `{"variables": [{"name": "i", "min": 0, "max": 1}], "constraints": [{"element": {"index": "i", "array": [1]}}]}`, ErrInvalid, "element.value: missing"},
		{"element empty", `{"variables": [{"name": "i", "min": 0, "max": 1}], "constraints": [{"element": {"index": "i", "array": [], "value": 1}}]}`, ErrInvalid, "element.array: empty array"},
		{"element bad entry", `{"variables": [{"name": "i", "min": 0, "max": 1}], "constraints": [{"element": {"index": "i", "array": [true], "value": 1}}]}`, ErrInvalid, "element.array[0]: want a variable name or an integer, got a boolean"},
		{"offsets count", `{"variables": [{"names": ["x", "y"], "min": 0, "max": 1}], "constraints": [{"all_different": {"vars": ["x", "y"], "offsets": [1]}}]}`, ErrInvalid, "1 offsets for 2 variables"},
		{"objective both", `{"variables": [{"name": "x", "min": 0, "max": 1}], "objective": {"minimize": ["x"], "maximize": ["x"]}}`, ErrInvalid, "objective: give minimize or maximize, not both"},
		{"objective empty", `{"variables": [], "objective": {}}`, ErrInvalid, "objective: want minimize or maximize"},
		{"objective unknown", `{"variables": [], "objective": {"minimize": ["nope"]}}`, ErrInvalid, `objective.minimize[0]: unknown variable "nope"`},
		{"deep nesting", `{"variables": [], "constraints": [` + strings.Repeat(`{"not": `, 70) + `{"and": []}` + strings.Repeat(`}`, 70) + `]}`, ErrTooLarge, "nested deeper than 64"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseModel([]byte(c.src))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !errors.Is(err, c.kind) || !strings.Contains(msg, c.want) || !strings.HasPrefix(msg, "csp: ") || strings.Contains(msg, "\n") {
				t.Fatalf("got %q (is %v: %v), want %v containing %q", msg, c.kind, errors.Is(err, c.kind), c.kind, c.want)
			}
			var me *ModelError
			if !errors.As(err, &me) {
				t.Fatalf("%T is not a *ModelError", err)
			}
		})
	}
}

func TestReadModelTooLarge(t *testing.T) {
	if _, err := ParseModel(make([]byte, MaxModelBytes+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v", err)
	}
}

// FuzzParseModel feeds arbitrary bytes to the reader: it must never panic,
// errors must be one-line *ModelErrors, and a small model it accepts must
// solve to an answer that passes the model's own check.
func FuzzParseModel(f *testing.F) {
	f.Add([]byte(`{"variables": [{"names": ["x", "y"], "min": 0, "max": 3}], "constraints": [{"all_different": ["x", "y"]}, {"linear": {"terms": [[2, "x"], "y"], "op": ">=", "rhs": 5}, "group": "g"}], "objective": {"minimize": ["x"]}}`))
	f.Add([]byte(`{"variables": [{"name": "i", "min": 0, "max": 2}, {"name": "v", "values": [1, 4]}], "constraints": [{"element": {"index": "i", "array": [4, "v", 1], "value": "v"}}, {"not": {"table": {"vars": ["i"], "tuples": [[1]]}}}]}`))
	f.Add([]byte(`{"variables": [{"name": "a", "min": 0, "max": 1}], "constraints": [{"or": [{"iff": [{"all_different": ["a"]}, {"linear": {"terms": ["a"], "op": "!=", "rhs": 1}}]}, {"implies": [{"and": []}, {"or": []}]}]}]}`))
	f.Add([]byte(`{"variables": [}`))
	f.Add([]byte(`{"variables": [{"name": "x", "min": 1e3, "max": -0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseModel(data)
		if err != nil {
			var me *ModelError
			if !errors.As(err, &me) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q (%T)", err, err)
			}
			return
		}
		if m.total > 200 || m.cells > 200 || m.NumConstraints() > 20 {
			return
		}
		m.work = 1 << 14
		sol, err := m.Solve(context.Background(), Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Solve: %v", err)
			}
			return
		}
		if sol.Status == Optimal || sol.Status == Feasible {
			if err := m.Check(sol.Values); err != nil {
				t.Fatal(err)
			}
		}
	})
}
