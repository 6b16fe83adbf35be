package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/plankit/plankit/agent"
	"github.com/plankit/plankit/domains/travel"
)

// fakeChat serves chat completions from a list of replies, each either a
// content string or a tool call "name {json args}"; once the list is
// exhausted it answers 500.
func fakeChat(t *testing.T, replies ...string) string {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if n >= len(replies) {
			w.WriteHeader(500)
			io.WriteString(w, `{"error":{"message":"no more replies"}}`)
			return
		}
		reply := replies[n]
		n++
		msg := map[string]any{"role": "assistant", "content": reply}
		if name, args, ok := strings.Cut(reply, " "); ok && strings.HasPrefix(name, "call:") {
			msg["content"] = ""
			msg["tool_calls"] = []any{map[string]any{"id": "call_" + name[5:], "type": "function",
				"function": map[string]any{"name": strings.ReplaceAll(name[5:], ".", "-"), "arguments": args}}}
		}
		b, _ := json.Marshal(map[string]any{"id": "x", "object": "chat.completion", "created": 1, "model": "fake",
			"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": "stop"}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

// askEnv keeps ask's default transcripts and model settings out of the
// user's environment.
func askEnv(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	for _, k := range []string{"PLANKIT_BASE_URL", "PLANKIT_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY"} {
		t.Setenv(k, "")
	}
}

const satRequest = "Find a model of the CNF (x1 or x2) and (not x1)."

func TestAskExitCodes(t *testing.T) {
	askEnv(t)
	// 0: answered and verified.
	url := fakeChat(t, `call:sat.solve {"clauses": [[1, 2], [-1]]}`, "A model: <<<[-1, 2]>>>")
	r := run(t, "", "ask", "--base-url", url, "--model", "fake", satRequest)
	if r.code != 0 || r.stdout != "[-1, 2]\n" {
		t.Fatalf("answered: %+v", r)
	}
	for _, want := range []string{"· turn 1: tool", "    tool sat.solve (", "· turn 2: answer", "    check sat: ok — the model satisfies all 2 clauses", "· answered after 2 turn(s)", "transcript: "} {
		if !strings.Contains(r.stderr, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// 2: rejected after every guidance round.
	url = fakeChat(t, `call:sat.solve {"clauses": [[1, 2], [-1]]}`, "<<<[1]>>>", "<<<[1, 2]>>>", "<<<[1, -2]>>>", "<<<[1, 2, 3]>>>")
	r = run(t, "", "ask", "--base-url", url, "--model", "fake", satRequest)
	if r.code != ExitRejected || r.stdout != "[1, 2, 3]\n" || !strings.Contains(r.stderr, "plankit: ask: the answer was rejected: rejected after 3 guidance round(s)") ||
		strings.Count(r.stderr, "check sat: rejected") != 4 {
		t.Fatalf("rejected: %+v", r)
	}
	// 3: cannot answer.
	r = run(t, "", "ask", "--offline", "what is the capital of France")
	if r.code != ExitCannotAnswer || r.stdout != "" || !strings.Contains(r.stderr, "plankit: ") || !strings.Contains(r.stderr, "--base-url") {
		t.Fatalf("cannot answer: %+v", r)
	}
	// 1: a model error, the turn cap.
	url = fakeChat(t)
	r = run(t, "", "ask", "--base-url", url, "--model", "fake", "hi")
	if r.code != ExitError || !strings.Contains(r.stderr, "plankit: ask: model error: HTTP 500") {
		t.Fatalf("model error: %+v", r)
	}
	url = fakeChat(t, "```python\nprint(1 + 1)\n```", "```python\nprint(2 + 2)\n```")
	r = run(t, "", "ask", "--base-url", url, "--model", "fake", "--max-turns", "2", "count")
	if r.code != ExitError || !strings.Contains(r.stderr, "plankit: ask: turn cap (2) reached without a final answer") {
		t.Fatalf("turn cap: %+v", r)
	}
	// Usage errors.
	for _, args := range [][]string{{"ask"}, {"ask", "a", "b"}, {"ask", "--max-turns", "0", "x"}, {"ask", "--replay", "t.jsonl", "x"}} {
		if r := run(t, "", args...); r.code != ExitUsage {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	if r := run(t, "", "ask", "--base-url", "localhost:1", "--model", "m", "x"); r.code != ExitError || !strings.Contains(r.stderr, "want http(s)://") {
		t.Fatalf("bad base URL: %+v", r)
	}
}

func TestAskJSONStdinAndReplay(t *testing.T) {
	askEnv(t)
	dir := t.TempDir()
	tr := filepath.Join(dir, "run.jsonl")
	url := fakeChat(t, "```python\nprint(123456789 * 987654321)\n```", "<<<121932631112635269>>>")
	r := run(t, "What is 123456789 * 987654321?\n", "ask", "--base-url", url, "--model", "fake", "--json", "--transcript", tr, "-")
	var out agent.Outcome
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil {
		t.Fatalf("json: %+v", r)
	}
	if out.Status != agent.StatusAnswered || out.Answer != "121932631112635269" || out.Transcript != tr || out.CodeRuns != 1 || out.Usage.TotalTokens != 220 {
		t.Fatalf("outcome %+v", out)
	}
	// The transcript shows the program and its output.
	b, err := os.ReadFile(tr)
	if err != nil || !strings.Contains(string(b), `"code":"print(123456789 * 987654321)\n"`) || !strings.Contains(string(b), `"output":"121932631112635269\n"`) {
		t.Fatalf("transcript: %v\n%s", err, b)
	}
	// Replay without a model: the same answer, byte for byte.
	first := run(t, "", "ask", "--base-url", fakeChat(t, "```python\nprint(123456789 * 987654321)\n```", "<<<121932631112635269>>>"), "--model", "fake",
		"--transcript", filepath.Join(dir, "plain.jsonl"), "What is 123456789 * 987654321?")
	replay := run(t, "", "ask", "--replay", filepath.Join(dir, "plain.jsonl"), "--transcript", filepath.Join(dir, "replay.jsonl"))
	if first.code != 0 || replay.code != 0 || replay.stdout != first.stdout || first.stdout != "121932631112635269\n" {
		t.Fatalf("replay: first %+v replay %+v", first, replay)
	}
	// A broken transcript is a one-line error.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"type\": \"request\"\n"), 0o644)
	if r := run(t, "", "ask", "--replay", bad); r.code != ExitError || !strings.Contains(r.stderr, "transcript line 1") {
		t.Fatalf("bad transcript: %+v", r)
	}
}

func TestAskToolRegistered(t *testing.T) {
	askEnv(t)
	r := run(t, "", "tools", "describe", "agent.ask")
	if r.code != 0 || !strings.Contains(r.stdout, "request") {
		t.Fatalf("agent.ask: %+v", r)
	}
	r = run(t, "", "tools", "call", "agent.ask", "--input", `{"request": "what is the capital of France"}`)
	if r.code != 0 || !strings.Contains(r.stdout, `"status": "cannot_answer"`) {
		t.Fatalf("agent.ask call: %+v", r)
	}
}

// TestAskOfflineTrainingQueries runs "plankit ask --offline" on the English
// text of every TravelPlanner training query: each must end answered,
// with the travel evaluator's check passing on the plan in the answer, and
// the answer's plan must also pass the evaluator against the original
// query record.
func TestAskOfflineTrainingQueries(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "testdata", "travel", "train_queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	askEnv(t)
	db, err := travel.Default(travel.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := travel.ReadQueries(bytes.NewReader(data))
	if err != nil || len(qs) != 45 {
		t.Fatalf("%d queries: %v", len(qs), err)
	}
	if testing.Short() {
		qs = qs[:5]
	}
	dir := t.TempDir()
	for i, q := range qs {
		tr := filepath.Join(dir, fmt.Sprintf("q%d.jsonl", i))
		r := run(t, "", "ask", "--offline", "--json", "--transcript", tr, q.Query)
		var out agent.Outcome
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Status != agent.StatusAnswered || !out.Verified {
			t.Fatalf("query %d: %+v", i+1, r)
		}
		if !strings.Contains(r.stderr, "check travel: ok") {
			t.Fatalf("query %d: no travel verdict:\n%s", i+1, r.stderr)
		}
		plan, ok := agent.ExtractTravelPlan(out.Answer)
		if !ok {
			t.Fatalf("query %d: no plan in %q", i+1, out.Answer)
		}
		rep := (&travel.Evaluator{DB: db}).Score([]travel.Query{q}, []travel.Submission{{Plan: plan}})
		if !rep.Plans[0].Pass {
			t.Fatalf("query %d: the evaluator rejects the plan against the original record: %v", i+1, rep.Plans[0].Failures())
		}
	}
}

func TestAskKeepTools(t *testing.T) {
	askEnv(t)
	dir := t.TempDir()
	code := "```python\ndef double(args):\n    return {\"value\": args[\"x\"] * 2}\n\nregister_tool(\"math.double\", double, \"Double x.\", input_schema = {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"integer\"}}, \"required\": [\"x\"]}, examples = [{\"x\": 1}])\nprint(double({\"x\": 21}))\n```"
	url := fakeChat(t, code, `call:math.double {"x": 21}`, "<<<42>>>")
	r := run(t, "", "--tools-dir", dir, "ask", "--base-url", url, "--model", "fake", "--keep-tools", "Double 21 with a tool.")
	if r.code != 0 || r.stdout != "42\n" || !strings.Contains(r.stderr, "kept tool math.double → "+filepath.Join(dir, "math.double.star")) {
		t.Fatalf("keep tools: %+v", r)
	}
	if r := run(t, "", "--tools-dir", dir, "tools", "call", "math.double", "--input", `{"x": 4}`); r.code != 0 || !strings.Contains(r.stdout, `"value": 8`) {
		t.Fatalf("kept tool not loaded: %+v", r)
	}
	// Without --keep-tools nothing is written.
	dir2 := t.TempDir()
	url = fakeChat(t, code, "<<<42>>>")
	if r := run(t, "", "--tools-dir", dir2, "ask", "--base-url", url, "--model", "fake", "Double 21."); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if ents, _ := os.ReadDir(dir2); len(ents) != 0 {
		t.Fatalf("files written without --keep-tools: %v", ents)
	}
}
