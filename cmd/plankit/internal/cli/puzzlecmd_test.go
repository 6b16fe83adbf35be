package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPuzzleList(t *testing.T) {
	r := run(t, "", "puzzle", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "blocksworld") || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	var tasks []puzzleTaskJSON
	r = run(t, "", "puzzle", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &tasks); err != nil {
		t.Fatal(err)
	}
	if len(tasks) < 30 {
		t.Fatalf("puzzle list shows %d tasks, want at least 30", len(tasks))
	}
	r = run(t, "", "puzzle", "list", "--family", "planning", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &tasks); err != nil || len(tasks) < 15 {
		t.Fatalf("planning tasks: %v %d", err, len(tasks))
	}
	if r := run(t, "", "puzzle", "list", "--family", "cooking"); r.code != ExitUsage {
		t.Fatalf("bad family: %+v", r)
	}
}

func TestPuzzleGenSolveVerify(t *testing.T) {
	r := run(t, "", "puzzle", "gen", "water_jugs", "--n", "3", "--level", "mixed", "--seed", "5", "--json")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var gens []puzzleGenJSON
	if err := json.Unmarshal([]byte(r.stdout), &gens); err != nil || len(gens) != 3 {
		t.Fatalf("%v %s", err, r.stdout)
	}
	if gens[0].Seed != 5 || gens[2].Level != 3 {
		t.Fatalf("seeds/levels %+v", gens)
	}
	for _, g := range gens {
		// From the structured instance and from the prompt.
		byInst := run(t, "", "puzzle", "solve", "water_jugs", "--instance", string(g.Instance))
		byPrompt := run(t, g.Prompt, "puzzle", "solve", "water_jugs", "--prompt", "-")
		if byInst.stdout != byPrompt.stdout || (byInst.code != 0 && byInst.code != ExitNoSolution) || byInst.code != byPrompt.code {
			t.Fatalf("instance %+v vs prompt %+v", byInst, byPrompt)
		}
		if byInst.code == ExitNoSolution {
			if strings.TrimSpace(byInst.stdout) != "no solution" {
				t.Fatalf("unsat output %q", byInst.stdout)
			}
		}
		v := run(t, byInst.stdout, "puzzle", "verify", "water_jugs", "--instance", string(g.Instance), "--answer", "-")
		if v.code != 0 || v.stdout != "ok\n" {
			t.Fatalf("verify own answer: %+v", v)
		}
	}
	text := run(t, "", "puzzle", "gen", "sudoku", "--level", "hard")
	if text.code != 0 || !strings.HasPrefix(text.stdout, "### sudoku seed 1 level 3\n") {
		t.Fatalf("%+v", text)
	}
}

func TestPuzzleSolveJSONAndFiles(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "g.json")
	if err := os.WriteFile(inst, []byte(`{"numbers":[4,7,8,8],"target":24}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "puzzle", "solve", "game24", "--instance", "@"+inst, "--json")
	var out puzzleSolveJSON
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Answer == "" || out.Task != "game24" {
		t.Fatalf("%+v", r)
	}
	v := run(t, "", "puzzle", "verify", "game24", "--instance", "@"+inst, "--answer", "<<<(7 - 8/8) × 4>>>", "--json")
	if v.code != 0 || !strings.Contains(v.stdout, `"ok": true`) {
		t.Fatalf("%+v", v)
	}
	v = run(t, "", "puzzle", "verify", "game24", "--instance", "@"+inst, "--answer", "4*7-8+8")
	if v.code != ExitError || !strings.HasPrefix(v.stdout, "rejected: the expression equals 28, not 24") || v.stderr != "" {
		t.Fatalf("%+v", v)
	}
	u := run(t, "", "puzzle", "solve", "game24", "--instance", `{"numbers":[1,1,1,1],"target":24}`)
	if u.code != ExitNoSolution || u.stdout != "no solution\n" {
		t.Fatalf("unsat %+v", u)
	}
}

func TestPuzzleErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown task", []string{"puzzle", "solve", "chess", "--instance", "{}"}, ExitUsage, "unknown task"},
		{"no input", []string{"puzzle", "solve", "game24"}, ExitUsage, "--instance or --prompt is required"},
		{"both inputs", []string{"puzzle", "solve", "game24", "--instance", "{}", "--prompt", "x"}, ExitUsage, "not both"},
		{"bad json", []string{"puzzle", "solve", "game24", "--instance", "{"}, ExitError, "malformed JSON"},
		{"bad instance", []string{"puzzle", "solve", "game24", "--instance", `{"numbers":[1],"target":3}`}, ExitError, "want 4 numbers"},
		{"bad prompt", []string{"puzzle", "solve", "maze", "--prompt", "hello"}, ExitError, "cannot read prompt"},
		{"missing file", []string{"puzzle", "solve", "maze", "--instance", "@/nonexistent.json"}, ExitError, "no such file"},
		{"no answer", []string{"puzzle", "verify", "game24", "--instance", "{}"}, ExitUsage, "--answer is required"},
		{"bad level", []string{"puzzle", "gen", "maze", "--level", "9"}, ExitUsage, "--level"},
		{"bad n", []string{"puzzle", "gen", "maze", "--n", "0"}, ExitUsage, "--n 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Fatalf("got %+v, want exit %d and one line with %q", r, c.code, c.want)
			}
		})
	}
}
