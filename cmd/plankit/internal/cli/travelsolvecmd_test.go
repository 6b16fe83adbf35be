package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func trainLine(t *testing.T, n int) map[string]any {
	t.Helper()
	b, err := os.ReadFile(trainQ)
	if err != nil {
		t.Fatal(err)
	}
	var q map[string]any
	if err := json.Unmarshal([]byte(strings.Split(string(b), "\n")[n-1]), &q); err != nil {
		t.Fatal(err)
	}
	return q
}

func TestTravelSolve(t *testing.T) {
	q1 := trainLine(t, 1)
	r := run(t, "", "travel", "solve", "--text", q1["query"].(string))
	if r.code != 0 || !strings.Contains(r.stdout, "passes all 13 checks in TravelPlanner mode, passes all 13 checks in strict mode") {
		t.Fatalf("text: %+v", r)
	}
	// Infeasible: the same trip on a budget of $300; relaxations are printed
	// and exit code is 2.
	q1["budget"] = 300.0
	b, _ := json.Marshal(q1)
	p := writeTemp(t, "q.json", string(b))
	r = run(t, "", "travel", "solve", "--query", p, "--relax-timeout", "10s")
	if r.code != ExitNoSolution || !strings.Contains(r.stdout, "NO PLAN") || !strings.Contains(r.stdout, "budget ≥ $1305") {
		t.Fatalf("infeasible: %+v", r)
	}
	r = run(t, "", "travel", "solve", "--query", p, "--json", "--no-relaxations")
	var out struct {
		Result struct {
			Status  string  `json:"status"`
			MinCost float64 `json:"min_cost"`
		} `json:"result"`
	}
	if r.code != ExitNoSolution || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Result.Status != "infeasible" || out.Result.MinCost != 1305 {
		t.Fatalf("infeasible json: %+v", r)
	}
	// Unparseable text names the missing fields.
	r = run(t, "", "travel", "solve", "--text", "I want to go somewhere nice next week")
	if r.code != ExitError || !strings.Contains(r.stderr, "missing") || !strings.Contains(r.stderr, "org") || !strings.Contains(r.stderr, "budget") {
		t.Fatalf("unparseable: %+v", r)
	}
	if r := run(t, "", "travel", "solve"); r.code != ExitUsage {
		t.Fatalf("no input: %+v", r)
	}
}

func TestTravelSolveBatch(t *testing.T) {
	outPath := filepath.Join(t.TempDir(), "plans.jsonl")
	r := run(t, "", "travel", "solve", "--queries", trainQ, "--out", outPath, "--no-progress", "--flights", "real")
	if r.code != 0 || !strings.Contains(r.stdout, "45 queries: 45 solved") {
		t.Fatalf("batch: %+v", r)
	}
	// The submission scores 100% with the evaluator.
	r = run(t, "", "travel", "eval", "--queries", trainQ, "--plans", outPath, "--flights", "real", "--strict")
	if r.code != 0 || !strings.Contains(r.stdout, "Final Pass Rate    100.0%  45/45") {
		t.Fatalf("eval of the solver's plans: %+v", r)
	}
}
