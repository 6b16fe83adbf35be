package agent

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseReply(t *testing.T) {
	text := "Let me compute.\n```python\nprint(123456789 * 987654321)\n```\nand call\n```json\n{\"tool\": \"sat.solve\", \"input\": {\"clauses\": [[1]]}}\n```\n" +
		"```json\n{\"tool\": \"x\", \"input\": \n```\nSo <<<first>>> no, <<< 121932631112635269 >>>"
	r := ParseReply(text)
	if !r.HasAnswer || r.Answer != "121932631112635269" {
		t.Fatalf("answer %q %v", r.Answer, r.HasAnswer)
	}
	if len(r.Code) != 1 || r.Code[0].Lang != "python" || !strings.Contains(r.Code[0].Code, "987654321") {
		t.Fatalf("code %+v", r.Code)
	}
	if len(r.ToolCalls) != 1 || r.ToolCalls[0].Name != "sat.solve" || string(r.ToolCalls[0].Arguments) != `{"clauses": [[1]]}` {
		t.Fatalf("tool calls %+v", r.ToolCalls)
	}
	if len(r.Malformed) != 1 {
		t.Fatalf("malformed %+v", r.Malformed)
	}
	if r := ParseReply("no answer here ```starlark\nx = 1"); r.HasAnswer || len(r.Code) != 1 || r.Code[0].Lang != "starlark" {
		t.Fatalf("unterminated: %+v", r)
	}
	out := CodeResultMessage(strings.Repeat("a", 100), 10)
	if !strings.HasPrefix(out, "Code Execution Results:\naaaaaaaaaa\n") || !strings.Contains(out, "90 more bytes") {
		t.Fatalf("truncation: %q", out)
	}
}

func FuzzParseReply(f *testing.F) {
	f.Add("```python\nprint(1)\n```<<<1>>>")
	f.Add("```json\n{\"tool\":\"a.b\",\"input\":{}}\n```")
	f.Add("<<<>>>```")
	f.Fuzz(func(t *testing.T, s string) {
		r := ParseReply(s)
		for _, tc := range r.ToolCalls {
			if !json.Valid(tc.Arguments) {
				t.Fatalf("invalid arguments %q", tc.Arguments)
			}
		}
	})
}

// chatServer is an httptest server speaking chat completions. handle gets
// the decoded request and returns status and body.
func chatServer(t *testing.T, handle func(req map[string]any, n int) (int, string)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.Error(w, "not found", 404)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var req map[string]any
		if err := json.Unmarshal(body, &req); err != nil {
			http.Error(w, "bad json", 400)
			return
		}
		n := int(calls.Add(1))
		status, out := handle(req, n)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, out)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func completion(content string, toolCalls string) string {
	msg := map[string]any{"role": "assistant", "content": content}
	if toolCalls != "" {
		var tc any
		json.Unmarshal([]byte(toolCalls), &tc)
		msg["tool_calls"] = tc
	}
	b, _ := json.Marshal(map[string]any{
		"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": "stop"}},
		"usage":   map[string]any{"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
	})
	return string(b)
}

var satSpec = ToolSpec{Name: "sat.solve", Description: "Decide CNF", Parameters: json.RawMessage(`{"type":"object","properties":{"clauses":{"type":"array"}}}`)}

func TestOpenAIToolCalls(t *testing.T) {
	srv, _ := chatServer(t, func(req map[string]any, n int) (int, string) {
		tools, _ := req["tools"].([]any)
		if len(tools) != 1 || req["model"] != "test-model" {
			return 400, `{"error":{"message":"unexpected request"}}`
		}
		msgs := req["messages"].([]any)
		if n == 1 {
			return 200, completion("", `[{"id":"call_1","type":"function","function":{"name":"sat.solve","arguments":"{\"clauses\":[[1]]}"}}]`)
		}
		last := msgs[len(msgs)-1].(map[string]any)
		if last["role"] != "tool" || last["tool_call_id"] != "call_1" {
			return 400, `{"error":{"message":"want the tool result"}}`
		}
		return 200, completion("sat <<<sat>>>", "")
	})
	m, err := NewOpenAI(OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "test-model"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conv := []Message{{Role: RoleSystem, Content: "be exact"}, {Role: RoleUser, Content: "is x satisfiable?"}}
	r1, err := m.Complete(ctx, conv, []ToolSpec{satSpec})
	if err != nil {
		t.Fatal(err)
	}
	if len(r1.ToolCalls) != 1 || r1.ToolCalls[0].Name != "sat.solve" || string(r1.ToolCalls[0].Arguments) != `{"clauses":[[1]]}` || r1.Usage.TotalTokens != 18 {
		t.Fatalf("first reply %+v", r1)
	}
	conv = append(conv, r1, Message{Role: RoleTool, ToolCallID: "call_1", Content: `{"status":"sat"}`})
	r2, err := m.Complete(ctx, conv, []ToolSpec{satSpec})
	if err != nil {
		t.Fatal(err)
	}
	if ParseReply(r2.Content).Answer != "sat" {
		t.Fatalf("second reply %+v", r2)
	}
}

func TestOpenAIRetriesAndErrors(t *testing.T) {
	srv, calls := chatServer(t, func(req map[string]any, n int) (int, string) {
		if n < 3 {
			return 429, `{"error":{"message":"slow down"}}`
		}
		return 200, completion("ok", "")
	})
	m, _ := NewOpenAI(OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "m", MaxRetries: 3})
	r, err := m.Complete(context.Background(), []Message{{Role: RoleUser, Content: "hi"}}, nil)
	if err != nil || r.Content != "ok" || calls.Load() != 3 {
		t.Fatalf("retries: %v %+v after %d calls", err, r, calls.Load())
	}
	// Tools rejected → ErrNoToolSupport.
	srv2, _ := chatServer(t, func(req map[string]any, n int) (int, string) {
		return 400, `{"error":{"message":"this model does not support tools"}}`
	})
	m2, _ := NewOpenAI(OpenAIConfig{BaseURL: srv2.URL + "/v1", Model: "m", MaxRetries: -1})
	if _, err := m2.Complete(context.Background(), []Message{{Role: RoleUser, Content: "hi"}}, []ToolSpec{satSpec}); !errors.Is(err, ErrNoToolSupport) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("no tools: %v", err)
	}
	// Unreachable server → one-line ErrUnreachable.
	dead := httptest.NewServer(http.NotFoundHandler())
	url := dead.URL
	dead.Close()
	m3, _ := NewOpenAI(OpenAIConfig{BaseURL: url + "/v1", Model: "m", MaxRetries: -1, Timeout: 2 * time.Second})
	if _, err := m3.Complete(context.Background(), []Message{{Role: RoleUser, Content: "hi"}}, nil); !errors.Is(err, ErrUnreachable) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("unreachable: %v", err)
	}
	// Bad configuration.
	if _, err := NewOpenAI(OpenAIConfig{}); err == nil {
		t.Fatal("no model name accepted")
	}
	if _, err := NewOpenAI(OpenAIConfig{Model: "m", BaseURL: "localhost:1234"}); err == nil {
		t.Fatal("base URL without scheme accepted")
	}
}

func TestScriptedModel(t *testing.T) {
	m := &ScriptedModel{Replies: []Message{{Content: "<<<42>>>"}}}
	r, err := m.Complete(context.Background(), []Message{{Role: RoleUser, Content: "?"}}, nil)
	if err != nil || r.Role != RoleAssistant || ParseReply(r.Content).Answer != "42" {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := m.Complete(context.Background(), nil, nil); !errors.Is(err, ErrScriptExhausted) {
		t.Fatalf("exhausted: %v", err)
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("PLANKIT_BASE_URL", "http://a/v1")
	t.Setenv("OPENAI_BASE_URL", "http://b/v1")
	t.Setenv("PLANKIT_MODEL", "qwen")
	t.Setenv("OPENAI_API_KEY", "k")
	c := ConfigFromEnv(OpenAIConfig{})
	if c.BaseURL != "http://a/v1" || c.Model != "qwen" || c.APIKey != "k" || !c.Configured() {
		t.Fatalf("%+v", c)
	}
	if c := ConfigFromEnv(OpenAIConfig{Model: "flag"}); c.Model != "flag" {
		t.Fatalf("flag should win: %+v", c)
	}
}
