package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/sat"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	f := NewFactory(IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	code := Run(context.Background(), f, args)
	return result{code, out.String(), errOut.String()}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func dimacs(t *testing.T, f *sat.Formula) string {
	t.Helper()
	var b bytes.Buffer
	if err := sat.WriteDIMACS(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// parseV reads the competition "v" lines back into a model.
func parseV(t *testing.T, out string, nvars int) []bool {
	t.Helper()
	model := make([]bool, nvars+1)
	ended := false
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "v ") {
			continue
		}
		for _, tok := range strings.Fields(line[2:]) {
			v, err := strconv.Atoi(tok)
			if err != nil {
				t.Fatalf("bad v token %q", tok)
			}
			if v == 0 {
				ended = true
				continue
			}
			if v > 0 {
				model[v] = true
			}
		}
	}
	if !ended {
		t.Fatalf("model not terminated by 0:\n%s", out)
	}
	return model
}

func TestSATSolve(t *testing.T) {
	php := writeTemp(t, "php.cnf", dimacs(t, sat.Pigeonhole(8, 7)))
	r := run(t, "", "sat", "solve", php)
	if r.code != ExitUNSAT || !strings.Contains(r.stdout, "s UNSATISFIABLE\n") || r.stderr != "" {
		t.Fatalf("php 8/7: %+v", r)
	}
	for seed := uint64(1); seed <= 10; seed++ {
		form := sat.Random3SAT(60, 240, seed)
		r := run(t, dimacs(t, form), "sat", "solve", "-")
		switch r.code {
		case ExitSAT:
			if ok, c := form.Satisfies(parseV(t, r.stdout, form.NumVars())); !ok {
				t.Fatalf("seed %d: printed model falsifies clause %d", seed, c)
			}
		case ExitUNSAT:
		default:
			t.Fatalf("seed %d: %+v", seed, r)
		}
	}
	r = run(t, "p cnf 2 1\n1 2 0\n", "sat", "solve", "--json", "-")
	var out struct {
		Status string `json:"status"`
		Model  []int  `json:"model"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Status != "sat" || len(out.Model) != 2 {
		t.Fatalf("--json: %+v", r)
	}
	r = run(t, "p cnf 2 1\n-1 -2 0\n", "sat", "solve", "--assume", "1,2", "-")
	if r.code != ExitUNSAT || !strings.Contains(r.stdout, "c failed assumptions: 1 2") {
		t.Fatalf("--assume: %+v", r)
	}
	r = run(t, "p cnf 2 0\n", "sat", "solve", "--models", "10", "-")
	if r.code != ExitSAT || strings.Count(r.stdout, "\nv ") != 4 || !strings.Contains(r.stdout, "c 4 model(s), all of them") {
		t.Fatalf("--models: %+v", r)
	}
}

func TestSATSolveErrors(t *testing.T) {
	cases := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"p cnf 2 1\n1 x 0\n", []string{"sat", "solve", "-"}, ExitError, `plankit: standard input: dimacs: line 2: bad literal "x"`},
		{"", []string{"sat", "solve", "/nonexistent.cnf"}, ExitError, "plankit: reading /nonexistent.cnf: no such file or directory"},
		{"", []string{"sat", "solve"}, ExitUsage, "want one DIMACS file"},
		{"", []string{"sat", "solve", "--assume", "0", "-"}, ExitUsage, "--assume"},
		{"", []string{"sat", "solve", "--nope", "-"}, ExitUsage, "unknown flag: --nope"},
		{"", []string{"frobnicate"}, ExitUsage, `unknown command "frobnicate"`},
	}
	for _, tc := range cases {
		r := run(t, tc.stdin, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("%v: code %d stderr %q stdout %q; want code %d and %q", tc.args, r.code, r.stderr, r.stdout, tc.code, tc.want)
		}
	}
}

func TestSATGen(t *testing.T) {
	out := filepath.Join(t.TempDir(), "p.cnf")
	if r := run(t, "", "sat", "gen", "parity", "--vars", "5", "-o", out); r.code != 0 {
		t.Fatalf("gen: %+v", r)
	}
	if r := run(t, "", "sat", "solve", out); r.code != ExitUNSAT {
		t.Fatalf("parity: %+v", r)
	}
	if r := run(t, "", "sat", "gen", "sudoku"); r.code != ExitUsage {
		t.Fatalf("unknown family: %+v", r)
	}
}

func TestToolsCommands(t *testing.T) {
	r := run(t, "", "tools", "list", "--json")
	var list []map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &list) != nil || len(list) == 0 {
		t.Fatalf("tools list --json: %+v", r)
	}
	for _, e := range list {
		for _, k := range []string{"name", "description", "input_schema", "output_schema"} {
			if _, ok := e[k]; !ok {
				t.Fatalf("entry %v lacks %q", e["name"], k)
			}
		}
	}
	r = run(t, "", "tools", "call", "sat.solve", "--input", `{"clauses":[[1,2],[-1],[-2,3]]}`)
	var out struct {
		Status string `json:"status"`
		Model  []int  `json:"model"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Status != "sat" {
		t.Fatalf("tools call: %+v", r)
	}
	if want := []int{-1, 2, 3}; len(out.Model) != 3 || out.Model[0] != want[0] || out.Model[1] != want[1] || out.Model[2] != want[2] {
		t.Fatalf("model %v, want %v (the only model)", out.Model, want)
	}
	r = run(t, `{"clauses":[[1],[-1]]}`, "tools", "call", "sat.solve", "--input", "-")
	if r.code != 0 || !strings.Contains(r.stdout, `"status": "unsat"`) {
		t.Fatalf("stdin input: %+v", r)
	}
	p := writeTemp(t, "in.json", `{"dimacs":"p cnf 1 1\n1 0\n"}`)
	r = run(t, "", "tools", "call", "sat.solve", "--input", "@"+p)
	if r.code != 0 || !strings.Contains(r.stdout, `"status": "sat"`) {
		t.Fatalf("@file input: %+v", r)
	}
	bad := []struct{ in, want string }{
		{`{"clauses":[[1,"x"]]}`, `field "clauses[][]"`},
		{`{"assumptions":"1"}`, `field "assumptions"`},
		{`{"time_limit_ms":true}`, `field "time_limit_ms"`},
		{`{"clauses":[[0]]}`, "clauses[0][0]: literal 0 must be non-zero"},
		{`{"clauses":[[1]],"dimacs":"p cnf 1 1\n1 0\n"}`, "either dimacs or clauses"},
		{`{"dimacs":"p cnf 1 1\n2 0\n"}`, "dimacs: line 2: literal 2 exceeds"},
		{`{"clauses":[[99999999999999999999]]}`, `field "clauses": JSON number 99999999999999999999`},
		{`{"clauses":`, "malformed JSON"},
	}
	for _, tc := range bad {
		r := run(t, "", "tools", "call", "sat.solve", "--input", tc.in)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%s: %+v; want %q", tc.in, r, tc.want)
		}
	}
	r = run(t, "", "tools", "describe", "sat.solve")
	if r.code != 0 || !strings.Contains(r.stdout, "assumptions") {
		t.Fatalf("describe: %+v", r)
	}
	r = run(t, "", "tools", "describe", "sat.solve", "--json")
	if r.code != 0 || !json.Valid([]byte(r.stdout)) {
		t.Fatalf("describe --json: %+v", r)
	}
	if r := run(t, "", "tools", "describe", "nope.x"); r.code != ExitError || !strings.Contains(r.stderr, `unknown tool "nope.x"`) {
		t.Fatalf("describe unknown: %+v", r)
	}
}

func TestVersionAndCompletion(t *testing.T) {
	if r := run(t, "", "version", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"version"`) {
		t.Fatalf("version: %+v", r)
	}
	if r := run(t, "", "completion", "bash"); r.code != 0 || !strings.Contains(r.stdout, "plankit") {
		t.Fatalf("completion: code %d", r.code)
	}
	if r := run(t, "", "__complete", "tools", "describe", "sat."); r.code != 0 || !strings.Contains(r.stdout, "sat.solve") {
		t.Fatalf("tool name completion: %+v", r)
	}
}
