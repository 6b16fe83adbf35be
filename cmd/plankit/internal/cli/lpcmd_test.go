package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

// lpData is the repository's testdata/lp directory.
var lpData = filepath.Join("..", "..", "..", "..", "testdata", "lp")

func TestLPSolve(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"production", []string{"lp", "solve", filepath.Join(lpData, "production.lp")}, ExitOK,
			[]string{"status: optimal\n", "objective: 36\n", "certificate: duality, checked: primal 36 = dual 36", "x         2\n", "y         6\n", "plant2  1.5\n", "plant3  1\n"}},
		{"diet", []string{"lp", "solve", filepath.Join(lpData, "diet.lp")}, ExitOK,
			[]string{"status: optimal\n", "objective: 20\n", "bread     10\n", "milk      8\n"}},
		{"knapsack", []string{"lp", "solve", filepath.Join(lpData, "knapsack.lp")}, ExitOK,
			[]string{"MILP: 8 variables", "status: optimal\n", "objective: 54\n", "bound: 54  gap: 0%"}},
		{"json model", []string{"lp", "solve", filepath.Join(lpData, "mixed.json")}, ExitOK,
			[]string{"status: optimal\n", "objective: 23\n", "trucks    2\n"}},
		{"relax", []string{"lp", "solve", "--relax", filepath.Join(lpData, "knapsack.lp")}, ExitOK,
			[]string{"LP: 8 variables", "certificate: duality, checked"}},
		{"infeasible", []string{"lp", "solve", filepath.Join(lpData, "infeasible.lp")}, ExitNoSolution,
			[]string{"status: infeasible\n", "certificate: farkas, checked", "demand  1\n"}},
		{"unbounded", []string{"lp", "solve", filepath.Join(lpData, "unbounded.lp")}, ExitNoSolution,
			[]string{"status: unbounded\n", "certificate: ray, checked"}},
		{"node limit", []string{"lp", "solve", "--node-limit", "1", filepath.Join(lpData, "knapsack.lp")}, ExitOK,
			[]string{"(node limit)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", tc.args...)
			if r.code != tc.code || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q, stdout:\n%s", r.code, r.stderr, r.stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestLPSolveStdinAndJSON(t *testing.T) {
	lpText, err := os.ReadFile(filepath.Join(lpData, "production.lp"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, string(lpText), "lp", "solve", "--json", "-")
	if r.code != ExitOK {
		t.Fatalf("%+v", r)
	}
	var out builtin.LPOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Status != "optimal" || *out.Objective != 36 || out.Values["x"] != 2 || out.Duals["plant3"] != 1 || !out.Certificate.Checked {
		t.Fatalf("%+v", out)
	}
	r = run(t, "", "lp", "solve", "--json", filepath.Join(lpData, "infeasible.lp"))
	if r.code != ExitNoSolution || !strings.Contains(r.stdout, `"status": "infeasible"`) {
		t.Fatalf("%+v", r)
	}
}

func TestLPSolveErrors(t *testing.T) {
	bad := writeTemp(t, "bad.lp", "Minimize\n obj: x\nSubject To\n c1: x + <= 4\nEnd\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"syntax", []string{"lp", "solve", bad}, ExitError, "line 4"},
		{"missing file", []string{"lp", "solve", "/nonexistent.lp"}, ExitError, "no such file"},
		{"bad json", []string{"lp", "solve", writeTemp(t, "m.json", `{"sense":"up"}`)}, ExitError, "sense"},
		{"no args", []string{"lp", "solve"}, ExitUsage, "want one"},
		{"bad backend", []string{"lp", "solve", "--backend", "glop", bad}, ExitUsage, "backend"},
		{"bad gap", []string{"lp", "solve", "--gap", "2", bad}, ExitUsage, "gap"},
		{"gen family", []string{"lp", "gen", "sudoku"}, ExitUsage, "unknown family"},
		{"gen size", []string{"lp", "gen", "diet", "--size", "0"}, ExitUsage, "--size"},
		{"convert to", []string{"lp", "convert", bad, "--to", "mps"}, ExitUsage, "--to"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", tc.args...)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || len(lines) != 1 || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and %q", r.code, r.stdout, r.stderr, tc.code, tc.want)
			}
		})
	}
	// The syntax error names the token too.
	if r := run(t, "", "lp", "solve", bad); !strings.Contains(r.stderr, `(at "<=")`) {
		t.Fatalf("%q", r.stderr)
	}
}

func TestLPGenAndConvert(t *testing.T) {
	dir := t.TempDir()
	for _, fam := range []string{"diet", "transport", "knapsack", "facility", "random"} {
		out := filepath.Join(dir, fam+".lp")
		if r := run(t, "", "lp", "gen", fam, "--size", "4", "--rows", "6", "--cols", "5", "-o", out); r.code != 0 {
			t.Fatalf("%s: %+v", fam, r)
		}
		r := run(t, "", "lp", "solve", out)
		if r.code != ExitOK || !strings.Contains(r.stdout, "status: optimal") {
			t.Fatalf("%s: %+v", fam, r)
		}
		// LP → JSON → LP solves to the same objective.
		js := run(t, "", "lp", "convert", out, "--to", "json")
		back := run(t, js.stdout, "lp", "convert", "-", "--to", "lp")
		r2 := run(t, back.stdout, "lp", "solve", "-")
		obj := func(s string) string {
			for _, l := range strings.Split(s, "\n") {
				if strings.HasPrefix(l, "objective: ") {
					return l
				}
			}
			return "none"
		}
		if js.code != 0 || back.code != 0 || obj(r.stdout) != obj(r2.stdout) {
			t.Fatalf("%s: convert round trip: %q vs %q (%s)", fam, obj(r.stdout), obj(r2.stdout), back.stderr)
		}
	}
}

func TestLPSolveCBC(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed (Debian package coinor-cbc): skipping --backend cbc")
	}
	for file, obj := range map[string]string{"production.lp": "36", "knapsack.lp": "54", "mixed.json": "23"} {
		r := run(t, "", "lp", "solve", "--backend", "cbc", filepath.Join(lpData, file))
		if r.code != ExitOK || !strings.Contains(r.stdout, "objective: "+obj+"\n") || !strings.Contains(r.stdout, "backend cbc") {
			t.Fatalf("%s: %+v", file, r)
		}
	}
	r := run(t, "", "lp", "solve", "--backend", "cbc", filepath.Join(lpData, "infeasible.lp"))
	if r.code != ExitNoSolution || !strings.Contains(r.stdout, "status: infeasible") {
		t.Fatalf("%+v", r)
	}
}

func TestLPSolveCBCMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := run(t, "", "lp", "solve", "--backend", "cbc", filepath.Join(lpData, "production.lp"))
	if r.code != ExitError || !strings.Contains(r.stderr, "coinor-cbc") {
		t.Fatalf("%+v", r)
	}
}
