package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/tools"
)

// OfflineDeclineMessage is what the offline model says about a request
// outside its scope.
const OfflineDeclineMessage = "cannot answer offline; configure a model with --base-url/--model"

// Offline is the deterministic model used when no language model is
// configured. It reads the conversation (the request, tool results, code
// results and guidance) and returns the next step of a fixed policy for
// each request class plankit knows; other requests are declined with an
// error wrapping ErrCannotAnswer. Every reply records its Route and Reason.
// It makes no network calls and keeps no conversation state between calls
// (only caches of compiled patterns), so one Offline serves any number of
// conversations at once.
type Offline struct {
	reg   *tools.Registry
	suite *puzzles.Suite

	once      sync.Once
	scenarios []string // robot scenario names the classifier recognises
	stripRE   sync.Map // scenario name → its compiled label patterns
}

// NewOffline returns the offline model over the tools of reg (used to check
// which tools exist and to describe them; the model never calls a tool
// itself — the loop does).
func NewOffline(reg *tools.Registry) *Offline {
	if reg == nil {
		reg = tools.NewRegistry()
	}
	return &Offline{reg: reg, suite: puzzles.NewSuite()}
}

// offDeclineError is a refusal: its text is the one line shown to the user and
// it wraps ErrCannotAnswer.
type offDeclineError struct{ msg string }

func (e *offDeclineError) Error() string { return e.msg }
func (e *offDeclineError) Unwrap() error { return ErrCannotAnswer }

func offDecline(format string, a ...any) error {
	return &offDeclineError{msg: oneLine(fmt.Sprintf(format, a...))}
}

// Prefixes of user messages the loop writes.
const (
	offCodeResultPrefix = "Code Execution Results:"
	offGuidancePrefix   = "Guidance:"
	offToolResultPrefix = "Tool Result ("
)

// offConvo is the offline model's reading of a conversation.
type offConvo struct {
	request string
	// last is the last assistant message (zero when there is none) and
	// results what came back for it: tool outputs by call, or code output.
	last       Message
	hasLast    bool
	results    []offToolResult
	codeOutput string
	hasCode    bool
	// guidance is the text of the last message when it is a "Guidance:"
	// message; retried says whether an earlier reply already retried after
	// guidance.
	guidance string
	retried  bool
	// answers are the earlier final answers (assistant text replies).
	answers []Message
	// turns counts the assistant messages so far.
	turns int
	// all holds the latest output of every tool called in the conversation.
	all map[string]offToolResult
}

// offToolResult is one tool output fed back to the model.
type offToolResult struct {
	name    string
	content string
	err     string // the one-line error when the call failed
}

// offRetryMark is put into the Reason of a reply that retries after guidance.
const offRetryMark = "retry after guidance"

func offReadConvo(messages []Message) (offConvo, error) {
	var c offConvo
	found := false
	lastIdx := -1
	for i, m := range messages {
		switch m.Role {
		case RoleUser:
			if !found && !offIsLoopMessage(m.Content) {
				c.request, found = m.Content, true
			}
		case RoleAssistant:
			lastIdx = i
			c.turns++
			if strings.Contains(m.Reason, offRetryMark) {
				c.retried = true
			}
			if len(m.ToolCalls) == 0 && !strings.Contains(m.Content, "```") {
				c.answers = append(c.answers, m)
			}
		}
	}
	if !found {
		return c, offDecline("cannot answer offline: the conversation has no request")
	}
	c.all = map[string]offToolResult{}
	names := map[string]string{} // call ID → tool name
	for _, m := range messages {
		for _, tc := range m.ToolCalls {
			names[tc.ID] = tc.Name
		}
		if m.Role == RoleTool {
			name := m.Name
			if name == "" {
				name = names[m.ToolCallID]
			}
			c.all[name] = offToolFromMessage(name, m.Content)
		}
	}
	if lastIdx >= 0 {
		c.last, c.hasLast = messages[lastIdx], true
		for _, m := range messages[lastIdx+1:] {
			switch {
			case m.Role == RoleTool:
				name := m.Name
				if name == "" {
					name = names[m.ToolCallID]
				}
				c.results = append(c.results, offToolFromMessage(name, m.Content))
			case m.Role == RoleUser && strings.HasPrefix(m.Content, offCodeResultPrefix):
				c.codeOutput, c.hasCode = strings.TrimPrefix(strings.TrimPrefix(m.Content, offCodeResultPrefix), "\n"), true
			case m.Role == RoleUser && strings.HasPrefix(m.Content, offToolResultPrefix):
				rest := strings.TrimPrefix(m.Content, offToolResultPrefix)
				name, body, _ := strings.Cut(rest, ")")
				c.results = append(c.results, offToolFromMessage(name, strings.TrimPrefix(strings.TrimPrefix(body, ":"), "\n")))
			case m.Role == RoleUser && strings.HasPrefix(m.Content, offGuidancePrefix):
				c.guidance = strings.TrimSpace(strings.TrimPrefix(m.Content, offGuidancePrefix))
			}
		}
		// Tool messages without a name are matched to the calls by ID.
		for i := range c.results {
			if c.results[i].name == "" && i < len(c.last.ToolCalls) {
				c.results[i].name = c.last.ToolCalls[i].Name
			}
		}
	}
	return c, nil
}

func offIsLoopMessage(s string) bool {
	return strings.HasPrefix(s, offCodeResultPrefix) || strings.HasPrefix(s, offGuidancePrefix) || strings.HasPrefix(s, offToolResultPrefix)
}

func offToolFromMessage(name, content string) offToolResult {
	t := strings.TrimSpace(content)
	if strings.HasPrefix(t, "error:") {
		return offToolResult{name: name, err: oneLine(strings.TrimPrefix(t, "error:"))}
	}
	return offToolResult{name: name, content: content}
}

// result returns the output of the named tool in the last step.
func (c *offConvo) result(name string) (offToolResult, bool) {
	for _, r := range c.results {
		if r.name == name {
			return r, true
		}
	}
	return offToolResult{}, false
}

// lastCalled is the name of the first tool the last assistant message
// called ("" if it called none).
func (c *offConvo) lastCalled() string {
	if !c.hasLast || len(c.last.ToolCalls) == 0 {
		return ""
	}
	return c.last.ToolCalls[0].Name
}

// Complete returns the offline model's next message for the conversation.
// tools is ignored: the offline model uses the registry it was built with.
func (o *Offline) Complete(ctx context.Context, messages []Message, _ []ToolSpec) (Message, error) {
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	c, err := offReadConvo(messages)
	if err != nil {
		return Message{}, err
	}
	d := o.Classify(c.request)
	var m Message
	switch d.Class {
	case ClassTravel:
		m, err = o.travelStep(&c, d)
	case ClassRobot:
		m, err = o.robotStep(&c, d)
	case ClassPuzzle:
		m, err = o.puzzleStep(&c, d)
	case ClassArithmetic, ClassString:
		m, err = o.codeStep(&c, d)
	case ClassPlankit:
		m = o.plankitAnswer(&c, d)
	default:
		if d.Route == RouteNone && d.Reason != "" && d.Reason != offReasonOutOfScope {
			return Message{}, offDecline("%s (%s)", OfflineDeclineMessage, d.Reason)
		}
		return Message{}, offDecline("%s", OfflineDeclineMessage)
	}
	if err != nil {
		return Message{}, err
	}
	m.Role = RoleAssistant
	return m, nil
}

// offToolCall builds an assistant message calling one tool.
func offToolCall(c *offConvo, name string, input any, reason string) (Message, error) {
	b, err := json.Marshal(input)
	if err != nil {
		return Message{}, fmt.Errorf("agent: offline: encoding %s input: %w", name, err)
	}
	id := "offline-" + itoa(c.turns+1) + "-" + strings.ReplaceAll(name, ".", "-")
	return Message{
		Content:   "Calling " + name + ".",
		ToolCalls: []ToolCall{{ID: id, Name: name, Arguments: b}},
		Route:     RouteTool,
		Reason:    reason,
	}, nil
}

// offAnswer builds a final answer message.
func offAnswer(text, route, reason string) Message {
	return Message{Content: text, Route: route, Reason: reason}
}

// offReanswer repeats the last final answer after guidance that cannot be acted
// on (the loop's guidance cap ends the run).
func offReanswer(c *offConvo) (Message, bool) {
	if c.guidance == "" || len(c.answers) == 0 {
		return Message{}, false
	}
	prev := c.answers[len(c.answers)-1]
	return Message{Content: prev.Content, Route: RouteAnswer,
		Reason: "guidance received (" + offClip(c.guidance, 120) + "); no other method left, repeating the answer"}, true
}

func offClip(s string, n int) string {
	s = oneLine(s)
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !offIsRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func offIsRuneStart(b byte) bool { return b&0xC0 != 0x80 }
