package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var functionNameRE = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// replyServer is a chat-completions server that answers with scripted
// replies in order, checking each request the way a strict server would:
// function names must match OpenAI's pattern, every tool call of the
// previous assistant message must be answered by a tool message, and
// tools must carry object schemas.
func replyServer(t *testing.T, replies []Message, noTools bool) string {
	t.Helper()
	var mu sync.Mutex
	next := 0
	srv, _ := chatServer(t, func(req map[string]any, n int) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		specs, _ := req["tools"].([]any)
		if noTools && len(specs) > 0 {
			return 400, `{"error":{"message":"registry.ollama.ai/library/gemma:2b does not support tools"}}`
		}
		for _, s := range specs {
			fn := s.(map[string]any)["function"].(map[string]any)
			name, _ := fn["name"].(string)
			if !functionNameRE.MatchString(name) {
				return 400, fmt.Sprintf(`{"error":{"message":"Invalid 'tools[].function.name': %q does not match pattern"}}`, name)
			}
			if p, _ := fn["parameters"].(map[string]any); p["type"] != "object" {
				return 400, `{"error":{"message":"parameters must be an object schema"}}`
			}
		}
		msgs := req["messages"].([]any)
		pending := map[string]bool{}
		for _, m := range msgs {
			m := m.(map[string]any)
			switch m["role"] {
			case "assistant":
				for id := range pending {
					return 400, fmt.Sprintf(`{"error":{"message":"tool call %s has no tool message"}}`, id)
				}
				tcs, _ := m["tool_calls"].([]any)
				for _, tc := range tcs {
					pending[tc.(map[string]any)["id"].(string)] = true
				}
			case "tool":
				id, _ := m["tool_call_id"].(string)
				if !pending[id] {
					return 400, fmt.Sprintf(`{"error":{"message":"tool message for unknown call %q"}}`, id)
				}
				delete(pending, id)
			}
		}
		if next >= len(replies) {
			return 500, `{"error":{"message":"no more scripted replies"}}`
		}
		r := replies[next]
		next++
		var tcs []map[string]any
		for _, tc := range r.ToolCalls {
			args := string(tc.Arguments)
			if s, ok := jsonStringValue(tc.Arguments); ok {
				args = s // malformed arguments travel as they are
			}
			tcs = append(tcs, map[string]any{"id": tc.ID, "type": "function", "function": map[string]any{"name": wireName(tc.Name), "arguments": args}})
		}
		tcJSON := ""
		if len(tcs) > 0 {
			b, _ := json.Marshal(tcs)
			tcJSON = string(b)
		}
		return 200, completion(r.Content, tcJSON)
	})
	return srv.URL + "/v1"
}

func TestScenariosOpenAI(t *testing.T) {
	for _, sc := range scenarios(t) {
		if !sc.openai {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			m, err := NewOpenAI(OpenAIConfig{BaseURL: replyServer(t, sc.replies, false), Model: "test-model", MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			out, rec, ev := runScenario(t, sc, m)
			sc.check(t, out, rec, ev)
			if out.Usage.TotalTokens != 18*out.Turns {
				t.Fatalf("usage %+v after %d turns", out.Usage, out.Turns)
			}
		})
	}
}

func TestOpenAIFallbackToTextProtocol(t *testing.T) {
	replies := []Message{
		{Content: "```json\n{\"tool\": \"sat.solve\", \"input\": {\"clauses\": [[1, 2], [-1]]}}\n```"},
		{Content: "A model: <<<[-1, 2]>>>"},
	}
	m, err := NewOpenAI(OpenAIConfig{BaseURL: replyServer(t, replies, true), Model: "gemma", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recModel{inner: m}
	path := filepath.Join(t.TempDir(), "t.jsonl")
	out, err := Run(context.Background(), Config{Model: rec, Registry: loopRegistry(t), Transcript: path}, "Give a model of the CNF (x1 or x2) and (not x1).")
	if err != nil {
		t.Fatal(err)
	}
	want(t, out, StatusAnswered, "[-1, 2]")
	if !out.TextProtocol || !out.Verified {
		t.Fatalf("outcome %+v", out)
	}
	// The first call offered tools and was refused; the rest offer none and
	// describe the tools in the system prompt.
	if len(rec.tools[0]) == 0 || len(rec.tools[1]) != 0 || len(rec.tools[2]) != 0 {
		t.Fatalf("tools offered: %d %d %d", len(rec.tools[0]), len(rec.tools[1]), len(rec.tools[2]))
	}
	sys := rec.seen[1][0].Content
	if !strings.Contains(sys, `{"tool": "sat.solve", "input":`) || !strings.Contains(sys, "- sat.solve(") {
		t.Fatalf("text-protocol system prompt:\n%s", sys[:600])
	}
	ev := readEvents(t, path)
	if e := find(ev, EventFallback); e == nil {
		t.Fatal("no fallback event")
	}
	// The replay reproduces the fallback and the answer.
	model, request, _, err := Replay(ev)
	if err != nil {
		t.Fatal(err)
	}
	out2, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true}, request)
	if err != nil || out2.Answer != out.Answer || !out2.TextProtocol {
		t.Fatalf("replay %+v %v", out2, err)
	}
}

func TestOpenAITimeoutBudget(t *testing.T) {
	srv, _ := chatServer(t, func(req map[string]any, n int) (int, string) {
		time.Sleep(400 * time.Millisecond)
		return 200, completion("<<<late>>>", "")
	})
	m, err := NewOpenAI(OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "slow", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Run(context.Background(), Config{Model: m, Registry: loopRegistry(t), NoTranscript: true, Timeout: 100 * time.Millisecond}, "hi")
	if err != nil || out.Status != StatusError || out.Message != "time budget of 100ms exceeded" {
		t.Fatalf("%+v %v", out, err)
	}
	// A server error ends the run with a one-line model error.
	srv2, _ := chatServer(t, func(req map[string]any, n int) (int, string) {
		return 500, `{"error":{"message":"the GPU caught fire"}}`
	})
	m2, _ := NewOpenAI(OpenAIConfig{BaseURL: srv2.URL + "/v1", Model: "m", MaxRetries: -1})
	out, err = Run(context.Background(), Config{Model: m2, Registry: loopRegistry(t), NoTranscript: true}, "hi")
	if err != nil || out.Status != StatusError || !strings.Contains(out.Message, "the GPU caught fire") || strings.Contains(out.Message, "\n") {
		t.Fatalf("%+v %v", out, err)
	}
}
