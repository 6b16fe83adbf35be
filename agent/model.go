package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Roles of chat messages.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
	RoleTool      = "tool"
)

// Errors returned by models.
var (
	// ErrUnreachable means the model server could not be reached.
	ErrUnreachable = errors.New("agent: model server unreachable")
	// ErrNoToolSupport means the model rejected function calling; callers
	// fall back to the text protocol.
	ErrNoToolSupport = errors.New("agent: model does not support tools")
	// ErrModel is any other failure reported by the model server.
	ErrModel = errors.New("agent: model error")
	// ErrScriptExhausted is returned by a ScriptedModel with no replies left.
	ErrScriptExhausted = errors.New("agent: scripted model has no more replies")
	// ErrCannotAnswer is returned by a model that declines a request it
	// cannot handle (the offline model outside its scope); the loop ends
	// with the "cannot answer" outcome (exit code 3 in the CLI).
	ErrCannotAnswer = errors.New("agent: cannot answer")
)

// Routes a model may take for a request; see Message.Route.
const (
	RouteAnswer = "answer" // a direct text answer
	RouteTool   = "tool"   // one or more registry tool calls
	RouteCode   = "code"   // a program run in the sandbox
	RouteNone   = "none"   // declined
)

// ToolCall is a model's request to call a tool.
type ToolCall struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
}

// Usage counts tokens of one completion.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Add accumulates u2 into u.
func (u *Usage) Add(u2 Usage) {
	u.PromptTokens += u2.PromptTokens
	u.CompletionTokens += u2.CompletionTokens
	u.TotalTokens += u2.TotalTokens
}

// Message is one chat message. Assistant messages may carry tool calls; tool
// messages answer the call with ToolCallID.
type Message struct {
	Role       string     `json:"role"`
	Content    string     `json:"content,omitempty"`
	ToolCalls  []ToolCall `json:"tool_calls,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
	Name       string     `json:"name,omitempty"`
	Usage      *Usage     `json:"usage,omitempty"`
	// Route and Reason record a model's decision for this turn (one of the
	// Route* constants, and why) when the model states it; the offline
	// model always does. They go into transcripts, never to a server.
	Route  string `json:"route,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// ToolSpec describes a tool offered to the model for function calling.
type ToolSpec struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"` // a JSON Schema of an object
}

// Model completes a conversation. With tools it may answer with tool calls.
type Model interface {
	Complete(ctx context.Context, messages []Message, tools []ToolSpec) (Message, error)
}

// ScriptedModel replays fixed replies, for tests and transcript replays; it
// records what it was sent.
type ScriptedModel struct {
	Replies []Message
	// Seen holds the conversation each call received.
	Seen [][]Message
	// Tools holds the tool specs each call received.
	Tools [][]ToolSpec
}

// Complete returns the next scripted reply.
func (m *ScriptedModel) Complete(ctx context.Context, messages []Message, tools []ToolSpec) (Message, error) {
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	m.Seen = append(m.Seen, append([]Message(nil), messages...))
	m.Tools = append(m.Tools, tools)
	if len(m.Replies) == 0 {
		return Message{}, fmt.Errorf("%w (after %d calls)", ErrScriptExhausted, len(m.Seen)-1)
	}
	r := m.Replies[0]
	m.Replies = m.Replies[1:]
	if r.Role == "" {
		r.Role = RoleAssistant
	}
	return r, nil
}
