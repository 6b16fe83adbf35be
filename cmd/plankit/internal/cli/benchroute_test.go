package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/puzzles/bench"
)

func readReport(t *testing.T, dir string) bench.Report {
	t.Helper()
	var rep bench.Report
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestBenchSuiteOfflineRoute runs the offline agent on every task's
// prompts; the bench runner verifies every answer.
func TestBenchSuiteOfflineRoute(t *testing.T) {
	askEnv(t)
	state := os.Getenv("XDG_STATE_HOME")
	out := filepath.Join(t.TempDir(), "res")
	r := run(t, "", "bench", "suite", "--route", "offline", "--n", "2", "--out", out, "--no-progress")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	rep := readReport(t, out)
	ntasks := len(puzzles.NewSuite().Tasks())
	if len(rep.Results) != 2*ntasks || len(rep.Rows) != ntasks {
		t.Fatalf("%d results, %d rows for %d tasks", len(rep.Results), len(rep.Rows), ntasks)
	}
	for _, res := range rep.Results {
		if res.Route != "offline" || !res.OK || res.Error != "" || res.Turns < 1 || res.Mode == "" {
			t.Errorf("%s seed %d: %+v", res.Task, res.Seed, res)
		}
	}
	if s := rep.Summaries[0]; s.Solved != 2*ntasks || s.AveNorm != 1 {
		t.Fatalf("summary %+v", s)
	}
	// No transcripts by default, one per answer with --transcripts (two
	// workers share the route and its offline model).
	if ents, _ := os.ReadDir(filepath.Join(state, "plankit", "transcripts")); len(ents) != 0 {
		t.Fatalf("%d transcript(s) written without --transcripts", len(ents))
	}
	tdir := filepath.Join(t.TempDir(), "tr")
	r = run(t, "", "bench", "suite", "--route", "offline", "--tasks", "maze,sudoku", "--n", "2", "--workers", "2", "--out", out, "--no-progress", "--transcripts", tdir)
	if r.code != 0 || !strings.Contains(r.stdout, "route offline: 4/4 solved") {
		t.Fatalf("%+v", r)
	}
	for _, name := range []string{"offline-maze-1.jsonl", "offline-maze-2.jsonl", "offline-sudoku-1.jsonl", "offline-sudoku-2.jsonl"} {
		if b, err := os.ReadFile(filepath.Join(tdir, name)); err != nil || !strings.Contains(string(b), `"answered"`) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// promptServer answers chat completions by the request's user prompt:
// reply(prompt, turn) gives the content of the assistant's reply, where
// turn counts the assistant messages already in the conversation.
func promptServer(t *testing.T, reply func(prompt string, turn int) string) string {
	t.Helper()
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"messages"`
		}
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &req); err != nil || len(req.Messages) < 2 {
			w.WriteHeader(400)
			return
		}
		turn := 0
		for _, m := range req.Messages {
			if m.Role == "assistant" {
				turn++
			}
		}
		mu.Lock()
		content := reply(req.Messages[1].Content, turn)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		out, _ := json.Marshal(map[string]any{"id": "x", "object": "chat.completion", "created": 1, "model": "fake",
			"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})
		w.Write(out)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

// TestBenchSuiteModelRoute scripts a server that answers the first
// instance right after one code run and the second one wrong.
func TestBenchSuiteModelRoute(t *testing.T) {
	askEnv(t)
	task, err := puzzles.NewSuite().Task("water_jugs")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := task.Generate(1, puzzles.Easy)
	if err != nil {
		t.Fatal(err)
	}
	prompt, err := task.Prompt(inst)
	if err != nil {
		t.Fatal(err)
	}
	sol, err := task.Solve(context.Background(), inst)
	if err != nil {
		t.Fatal(err)
	}
	url := promptServer(t, func(p string, turn int) string {
		if p != prompt {
			return "I think it is <<<fill A>>>"
		}
		if turn == 0 {
			return "```python\nprint(3 + 4)\n```"
		}
		return "<<<" + sol.Answer + ">>>"
	})
	out := filepath.Join(t.TempDir(), "res")
	r := run(t, "", "bench", "suite", "--route", "model", "--base-url", url, "--model", "fake", "--tasks", "water_jugs",
		"--level", "1", "--n", "2", "--out", out, "--no-progress")
	if r.code != 0 || !strings.Contains(r.stdout, "route model: 1/2 solved (50.0%)") {
		t.Fatalf("%+v", r)
	}
	rep := readReport(t, out)
	if len(rep.Results) != 2 {
		t.Fatalf("%d results", len(rep.Results))
	}
	good, bad := rep.Results[0], rep.Results[1]
	if !good.OK || good.Turns != 2 || good.CodeRuns != 1 || good.Mode != bench.ModeCode ||
		good.PromptTokens != 200 || good.CompletionTokens != 20 {
		t.Fatalf("first instance: %+v", good)
	}
	if bad.OK || bad.Answer != "fill A" || bad.Turns < 1 || bad.Mode != bench.ModeText ||
		bad.PromptTokens != 100*bad.Turns || bad.CompletionTokens != 10*bad.Turns {
		t.Fatalf("second instance: %+v", bad)
	}
	row := rep.Rows[0]
	if row.Solved != 1 || row.PromptTokens != good.PromptTokens+bad.PromptTokens || row.MixCode != 1 || row.MixText != 1 {
		t.Fatalf("row %+v", row)
	}
}

func TestBenchSuiteModelRouteUnconfigured(t *testing.T) {
	askEnv(t)
	out := filepath.Join(t.TempDir(), "res")
	r := run(t, "", "bench", "suite", "--route", "tool,model", "--n", "1", "--out", out)
	if r.code != ExitUsage || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 ||
		!strings.Contains(r.stderr, "route model: no model configured (--base-url/--model") {
		t.Fatalf("%+v", r)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("output directory created: %v", err)
	}
	r = run(t, "", "bench", "suite", "--route", "model", "--base-url", "localhost:1", "--model", "m", "--n", "1", "--out", out)
	if r.code != ExitError || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "want http(s)://") {
		t.Fatalf("bad base URL: %+v", r)
	}
}
