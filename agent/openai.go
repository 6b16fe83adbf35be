package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"
)

// OpenAIConfig configures the OpenAI-compatible backend.
type OpenAIConfig struct {
	BaseURL string // e.g. http://localhost:11434/v1 for Ollama
	Model   string
	APIKey  string
	// Timeout bounds each request (default 120 s); MaxRetries is the number
	// of retries on 408/409/429/5xx and connection errors (default 3, with
	// exponential backoff).
	Timeout    time.Duration
	MaxRetries int
	// Temperature, when set, is sent with every request.
	Temperature *float64
}

// ConfigFromEnv fills unset fields from PLANKIT_BASE_URL, PLANKIT_MODEL,
// OPENAI_BASE_URL and OPENAI_API_KEY (PLANKIT_* first).
func ConfigFromEnv(c OpenAIConfig) OpenAIConfig {
	first := func(vals ...string) string {
		for _, v := range vals {
			if v != "" {
				return v
			}
		}
		return ""
	}
	c.BaseURL = first(c.BaseURL, os.Getenv("PLANKIT_BASE_URL"), os.Getenv("OPENAI_BASE_URL"))
	c.Model = first(c.Model, os.Getenv("PLANKIT_MODEL"))
	c.APIKey = first(c.APIKey, os.Getenv("OPENAI_API_KEY"))
	return c
}

// Configured reports whether a model server is configured.
func (c OpenAIConfig) Configured() bool { return c.BaseURL != "" || c.Model != "" }

// OpenAIModel is a Model speaking the chat-completions protocol.
type OpenAIModel struct {
	cfg    OpenAIConfig
	client openai.Client
}

// NewOpenAI returns a chat-completions model. It needs a model name; the
// base URL defaults to OpenAI's API and the key to "none" (local servers
// ignore it).
func NewOpenAI(cfg OpenAIConfig) (*OpenAIModel, error) {
	if cfg.Model == "" {
		return nil, fmt.Errorf("agent: no model name (set --model or PLANKIT_MODEL)")
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("agent: base URL %q: want http(s)://host[:port]/path", cfg.BaseURL)
		}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 120 * time.Second
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	} else if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 3
	}
	key := cfg.APIKey
	if key == "" {
		key = "none"
	}
	opts := []option.RequestOption{option.WithAPIKey(key), option.WithMaxRetries(cfg.MaxRetries), option.WithRequestTimeout(cfg.Timeout)}
	if cfg.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(strings.TrimRight(cfg.BaseURL, "/")+"/"))
	}
	return &OpenAIModel{cfg: cfg, client: openai.NewClient(opts...)}, nil
}

// Complete sends the conversation and returns the assistant's reply.
func (m *OpenAIModel) Complete(ctx context.Context, messages []Message, tools []ToolSpec) (Message, error) {
	params := openai.ChatCompletionNewParams{Model: shared.ChatModel(m.cfg.Model)}
	if m.cfg.Temperature != nil {
		params.Temperature = openai.Float(*m.cfg.Temperature)
	}
	for _, msg := range messages {
		p, err := toParam(msg)
		if err != nil {
			return Message{}, err
		}
		params.Messages = append(params.Messages, p)
	}
	for _, t := range tools {
		var schema map[string]any
		if err := json.Unmarshal(t.Parameters, &schema); err != nil {
			return Message{}, fmt.Errorf("agent: tool %s: parameters: %w", t.Name, err)
		}
		params.Tools = append(params.Tools, openai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{
			Name: wireName(t.Name), Description: openai.String(t.Description), Parameters: shared.FunctionParameters(schema),
		}))
	}
	resp, err := m.client.Chat.Completions.New(ctx, params)
	if err != nil {
		return Message{}, m.classify(err, len(tools) > 0)
	}
	if len(resp.Choices) == 0 {
		return Message{}, fmt.Errorf("%w: the reply has no choices", ErrModel)
	}
	c := resp.Choices[0].Message
	out := Message{Role: RoleAssistant, Content: c.Content, Usage: &Usage{
		PromptTokens: int(resp.Usage.PromptTokens), CompletionTokens: int(resp.Usage.CompletionTokens), TotalTokens: int(resp.Usage.TotalTokens)}}
	for _, tc := range c.ToolCalls {
		if tc.Type != "" && tc.Type != "function" {
			continue
		}
		args := json.RawMessage(tc.Function.Arguments)
		if !json.Valid(args) {
			// Keep malformed arguments as a JSON string so the loop can tell
			// the model what was wrong.
			b, _ := json.Marshal(tc.Function.Arguments)
			args = b
		}
		out.ToolCalls = append(out.ToolCalls, ToolCall{ID: tc.ID, Name: toolName(tc.Function.Name), Arguments: args})
	}
	return out, nil
}

// wireName spells a tool name for the chat-completions API, whose
// function names must match ^[a-zA-Z0-9_-]{1,64}$: the dots of plankit's
// dotted names become "-" (which tool names never contain); toolName
// reverses it.
func wireName(name string) string { return strings.ReplaceAll(name, ".", "-") }

func toolName(wire string) string { return strings.ReplaceAll(wire, "-", ".") }

func toParam(m Message) (openai.ChatCompletionMessageParamUnion, error) {
	switch m.Role {
	case RoleSystem:
		return openai.SystemMessage(m.Content), nil
	case RoleUser:
		return openai.UserMessage(m.Content), nil
	case RoleTool:
		return openai.ToolMessage(m.Content, m.ToolCallID), nil
	case RoleAssistant:
		a := openai.ChatCompletionAssistantMessageParam{}
		if m.Content != "" {
			a.Content.OfString = openai.String(m.Content)
		}
		for _, tc := range m.ToolCalls {
			a.ToolCalls = append(a.ToolCalls, openai.ChatCompletionMessageToolCallUnionParam{OfFunction: &openai.ChatCompletionMessageFunctionToolCallParam{
				ID: tc.ID, Function: openai.ChatCompletionMessageFunctionToolCallFunctionParam{Name: wireName(tc.Name), Arguments: string(tc.Arguments)},
			}})
		}
		return openai.ChatCompletionMessageParamUnion{OfAssistant: &a}, nil
	}
	return openai.ChatCompletionMessageParamUnion{}, fmt.Errorf("agent: message role %q: want system, user, assistant or tool", m.Role)
}

// classify turns client errors into one-line errors wrapping the package's
// sentinels.
func (m *OpenAIModel) classify(err error, withTools bool) error {
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		msg := apiErr.Message
		if msg == "" {
			msg = strings.TrimSpace(apiErr.RawJSON())
		}
		msg = oneLine(msg)
		low := strings.ToLower(msg)
		if withTools && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 && strings.Contains(low, "tool") {
			return fmt.Errorf("%w: %s (HTTP %d: %s)", ErrNoToolSupport, m.cfg.Model, apiErr.StatusCode, msg)
		}
		return fmt.Errorf("%w: HTTP %d from %s: %s", ErrModel, apiErr.StatusCode, m.endpoint(), msg)
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) || strings.Contains(err.Error(), "connection refused") {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%w: %s did not answer within %v", ErrUnreachable, m.endpoint(), m.cfg.Timeout)
		}
		return fmt.Errorf("%w: %s: %s", ErrUnreachable, m.endpoint(), oneLine(rootCause(err).Error()))
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%w: %s", ErrModel, oneLine(err.Error()))
}

func (m *OpenAIModel) endpoint() string {
	if m.cfg.BaseURL == "" {
		return "https://api.openai.com/v1"
	}
	return m.cfg.BaseURL
}

func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
