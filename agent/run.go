package agent

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/script"
)

// Outcome statuses.
const (
	StatusAnswered     = "answered"      // a final answer, accepted by every check that applied
	StatusRejected     = "rejected"      // a final answer a verifier still rejected after all guidance rounds
	StatusCannotAnswer = "cannot_answer" // the model declined (ErrCannotAnswer)
	StatusError        = "error"         // a cap, the time budget, cancellation or a model failure ended the run
)

// Defaults of Config.
const (
	DefaultMaxTurns     = 8
	DefaultMaxToolCalls = 8
	DefaultMaxCodeRuns  = 5
	DefaultMaxGuidance  = 3
	DefaultTimeout      = 5 * time.Minute
	DefaultCodeOutput   = 8 << 10  // bytes of code output fed back to the model
	DefaultToolOutput   = 32 << 10 // bytes of a tool's output fed back to the model
)

// ErrConfig is wrapped by errors about a bad Config or request.
var ErrConfig = errors.New("agent: bad configuration")

// Config configures one agent run. Zero fields take the defaults.
type Config struct {
	// Model answers the turns; Registry holds the tools it may call (the
	// run works on a copy, so tools registered by code do not leak into
	// it).
	Model    Model
	Registry *tools.Registry
	// ModelName is recorded in the transcript (e.g. "offline" or the
	// server's model name).
	ModelName string

	// Caps: model turns, tool calls, code runs and guidance rounds per
	// run (defaults 8, 8, 5, 3); Timeout bounds the whole run (default 5
	// minutes). A negative MaxGuidance means no guidance rounds.
	MaxTurns     int
	MaxToolCalls int
	MaxCodeRuns  int
	MaxGuidance  int
	Timeout      time.Duration

	// ScriptLimits bound each code run in the Starlark sandbox. Python
	// allows ```python blocks that are not valid Starlark to run with the
	// python executor under PythonLimits.
	ScriptLimits script.Limits
	Python       bool
	PythonLimits script.PythonLimits

	// KeepTools persists tools registered by code to ToolsDir (default
	// script.DefaultDir()); without it they live for the run only.
	KeepTools bool
	ToolsDir  string

	// CodeOutput and ToolOutput cap what is fed back to the model of a
	// code run's output and a tool's output (defaults 8 KiB and 32 KiB;
	// the transcript keeps everything).
	CodeOutput int
	ToolOutput int

	// Checks are the steering checks run on every candidate answer; nil
	// means DefaultChecks(). An empty non-nil slice disables checking.
	Checks []Check

	// Transcript is the JSONL file the run writes; empty means a new file
	// in DefaultTranscriptDir(). NoTranscript writes none.
	Transcript   string
	NoTranscript bool

	// Observe, when set, sees every event as it happens (the CLI prints
	// them as progress).
	Observe func(Event)
}

func (c Config) withDefaults() (Config, error) {
	if c.Model == nil {
		return c, fmt.Errorf("%w: no model", ErrConfig)
	}
	if c.Registry == nil {
		return c, fmt.Errorf("%w: no tool registry", ErrConfig)
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxTurns, DefaultMaxTurns)
	def(&c.MaxToolCalls, DefaultMaxToolCalls)
	def(&c.MaxCodeRuns, DefaultMaxCodeRuns)
	def(&c.CodeOutput, DefaultCodeOutput)
	def(&c.ToolOutput, DefaultToolOutput)
	switch {
	case c.MaxGuidance == 0:
		c.MaxGuidance = DefaultMaxGuidance
	case c.MaxGuidance < 0:
		c.MaxGuidance = 0
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Checks == nil {
		c.Checks = DefaultChecks()
	}
	return c, nil
}

// Outcome is the result of a run.
type Outcome struct {
	// Status is one of the Status* constants.
	Status string `json:"status"`
	// Answer is the final answer (also for a rejected one).
	Answer string `json:"answer,omitempty"`
	// Message explains a cannot_answer or error outcome in one line.
	Message string `json:"message,omitempty"`
	// Verified is true when an exact verifier accepted the answer.
	Verified bool `json:"verified"`
	// Verdicts of the checks on the final answer; History holds every
	// verdict of the run, guidance rounds included.
	Verdicts []Verdict `json:"verdicts,omitempty"`
	History  []Verdict `json:"history,omitempty"`
	// Routes lists each model turn's route (answer, tool, code, none) and
	// the model's reason when it gave one.
	Routes []Step `json:"routes"`
	// Counts of what the run used.
	Turns          int `json:"turns"`
	ToolCalls      int `json:"tool_calls"`
	CodeRuns       int `json:"code_runs"`
	GuidanceRounds int `json:"guidance_rounds"`
	// Registered are tools defined by code during the run; Kept are the
	// files they were persisted to (KeepTools).
	Registered []string `json:"registered,omitempty"`
	Kept       []string `json:"kept,omitempty"`
	// TextProtocol is true when the run fell back to the text protocol
	// because the model does not support tools.
	TextProtocol bool  `json:"text_protocol,omitempty"`
	Usage        Usage `json:"usage"`
	// Duration is the whole run; ModelTime the part spent waiting for the
	// model.
	Duration  time.Duration `json:"duration_ns"`
	ModelTime time.Duration `json:"model_time_ns"`
	// Transcript is the path of the JSONL transcript, if one was written.
	Transcript string `json:"transcript,omitempty"`
}

// Step is one model turn's route.
type Step struct {
	Turn   int    `json:"turn"`
	Route  string `json:"route"`
	Reason string `json:"reason,omitempty"`
}

// runningKey marks a context inside an agent run (agent.ask refuses to
// nest).
type runningKey struct{}

// Running reports whether ctx belongs to an agent run.
func Running(ctx context.Context) bool { return ctx.Value(runningKey{}) != nil }

// Run answers request: it sends the conversation to cfg.Model turn by
// turn, runs the tool calls and code the model asks for, checks candidate
// answers with the steering checks and sends guidance when one rejects
// the answer, until a final answer is accepted, a cap is reached, the
// time budget runs out or ctx is cancelled. The outcome says which; the
// error is non-nil only for a bad configuration (no outcome then) or when
// the transcript could not be written (the outcome is still returned).
func Run(ctx context.Context, cfg Config, request string) (*Outcome, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(request) == "" {
		return nil, fmt.Errorf("%w: empty request", ErrConfig)
	}
	rec, err := newRecorder(cfg)
	if err != nil {
		return nil, err
	}
	r, err := newRunner(cfg, request, rec)
	if err != nil {
		rec.abort()
		return nil, err
	}
	out := r.run(ctx)
	out.Transcript, err = rec.close()
	return out, err
}

// runner is the state of one run.
type runner struct {
	cfg     Config
	reg     *tools.Registry // the run's copy of cfg.Registry
	sandbox *script.Runner
	rec     *recorder
	trace   *Trace
	conv    []Message
	text    bool       // text protocol (no function calling)
	specs   []ToolSpec // the tools offered, computed once and extended by install
	out     *Outcome
	start   time.Time
}

func newRunner(cfg Config, request string, rec *recorder) (*runner, error) {
	r := &runner{cfg: cfg, rec: rec, out: &Outcome{Routes: []Step{}}, start: time.Now()}
	r.trace = &Trace{Request: request}
	reg, err := overlay(cfg.Registry, r.trace)
	if err != nil {
		return nil, err
	}
	r.reg = reg
	r.trace.Registry = reg
	r.sandbox = script.New(reg, cfg.ScriptLimits)
	return r, nil
}

// overlay copies base (without agent.ask) into a new registry whose
// tools record their calls in t.
func overlay(base *tools.Registry, t *Trace) (*tools.Registry, error) {
	reg := base.Clone(t.recording)
	reg.Remove(AskToolName)
	return reg, nil
}

func (r *runner) run(ctx context.Context) *Outcome {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, runningKey{}, true)
	r.rec.emit(Event{Type: EventRequest, Request: r.trace.Request, Model: r.cfg.ModelName, Caps: &Caps{
		MaxTurns: r.cfg.MaxTurns, MaxToolCalls: r.cfg.MaxToolCalls, MaxCodeRuns: r.cfg.MaxCodeRuns,
		MaxGuidance: r.cfg.MaxGuidance, Python: r.cfg.Python, TimeoutMS: ms(r.cfg.Timeout)}})
	r.conv = []Message{
		{Role: RoleSystem, Content: SystemPrompt(r.reg, PromptOptions{Python: r.cfg.Python})},
		{Role: RoleUser, Content: r.trace.Request},
	}
	var rejected bool // the last candidate answer was rejected
	for {
		if err := ctx.Err(); err != nil {
			return r.stopCtx(ctx, err, rejected)
		}
		if r.out.Turns >= r.cfg.MaxTurns {
			if rejected {
				return r.finish(StatusRejected, fmt.Sprintf("turn cap (%d) reached with the answer still rejected", r.cfg.MaxTurns))
			}
			return r.finish(StatusError, fmt.Sprintf("turn cap (%d) reached without a final answer", r.cfg.MaxTurns))
		}
		msg, err := r.complete(ctx)
		if err != nil {
			switch {
			case errors.Is(err, ErrCannotAnswer):
				return r.finish(StatusCannotAnswer, cannotAnswerMessage(err))
			case ctx.Err() != nil:
				return r.stopCtx(ctx, ctx.Err(), rejected)
			}
			msg := strings.TrimPrefix(err.Error(), "agent: ")
			if !strings.HasPrefix(msg, "model") {
				msg = "model: " + msg
			}
			return r.finish(StatusError, oneLine(msg))
		}
		r.out.Turns++
		r.trace.set(r.out.Turns, r.trace.Round)
		answer, final := r.act(ctx, msg)
		if !final {
			continue
		}
		r.out.Answer = answer
		r.rec.emit(Event{Type: EventCandidate, Turn: r.out.Turns, Answer: answer})
		verdicts := r.check(ctx, answer)
		if ctx.Err() != nil {
			return r.stopCtx(ctx, ctx.Err(), rejected)
		}
		r.out.Verdicts = verdicts
		failed := failures(verdicts)
		if len(failed) == 0 {
			for _, v := range verdicts {
				r.out.Verified = r.out.Verified || v.Verifier
			}
			return r.finish(StatusAnswered, "")
		}
		rejected = true
		if r.out.GuidanceRounds >= r.cfg.MaxGuidance {
			return r.finish(StatusRejected, fmt.Sprintf("rejected after %d guidance round(s): %s", r.out.GuidanceRounds, summary(failed)))
		}
		r.out.GuidanceRounds++
		g := guidance(failed)
		r.conv = append(r.conv, Message{Role: RoleUser, Content: g})
		r.rec.emit(Event{Type: EventGuidance, Turn: r.out.Turns, Round: r.out.GuidanceRounds, Content: g})
		r.trace.set(r.trace.Turn, r.trace.Round+1)
	}
}

func (r *runner) stopCtx(ctx context.Context, err error, rejected bool) *Outcome {
	status := StatusError
	if rejected && r.out.Answer != "" {
		status = StatusRejected
	}
	if errors.Is(err, context.DeadlineExceeded) {
		if time.Since(r.start) >= r.cfg.Timeout {
			return r.finish(status, fmt.Sprintf("time budget of %s exceeded", r.cfg.Timeout))
		}
		return r.finish(status, "deadline exceeded")
	}
	return r.finish(status, "cancelled")
}

func cannotAnswerMessage(err error) string {
	msg := oneLine(err.Error())
	msg = strings.TrimPrefix(msg, ErrCannotAnswer.Error()+": ")
	if msg == ErrCannotAnswer.Error() {
		return "cannot answer"
	}
	return msg
}

// complete asks the model for the next turn, falling back to the text
// protocol once when the model rejects function calling.
func (r *runner) complete(ctx context.Context) (Message, error) {
	for {
		var specs []ToolSpec
		if !r.text {
			if r.specs == nil {
				r.specs = Specs(r.reg)
			}
			specs = r.specs
		}
		t0 := time.Now()
		msg, err := r.cfg.Model.Complete(ctx, r.conv, specs)
		d := time.Since(t0)
		r.out.ModelTime += d
		if err != nil {
			ev := Event{Type: EventModel, Turn: r.out.Turns + 1, Error: oneLine(err.Error()), ErrorKind: errorKind(err), DurationMS: ms(d)}
			r.rec.emit(ev)
			if errors.Is(err, ErrNoToolSupport) && !r.text {
				r.text = true
				r.out.TextProtocol = true
				r.conv[0].Content = SystemPrompt(r.reg, PromptOptions{Python: r.cfg.Python, Text: true})
				r.rec.emit(Event{Type: EventFallback, Content: "the model does not support tools: using the text protocol"})
				continue
			}
			return Message{}, err
		}
		if msg.Role == "" {
			msg.Role = RoleAssistant
		}
		if msg.Usage != nil {
			r.out.Usage.Add(*msg.Usage)
		}
		m := msg
		r.rec.emit(Event{Type: EventModel, Turn: r.out.Turns + 1, Message: &m, DurationMS: ms(d)})
		// The conversation keeps what the server needs.
		msg.Usage = nil
		r.conv = append(r.conv, msg)
		return msg, nil
	}
}

// act runs what the model's reply asks for and reports whether the reply
// is a final answer.
func (r *runner) act(ctx context.Context, msg Message) (answer string, final bool) {
	r.out.Routes = append(r.out.Routes, Step{Turn: r.out.Turns, Route: RouteOf(msg), Reason: msg.Reason})
	if len(msg.ToolCalls) > 0 {
		for _, tc := range msg.ToolCalls {
			content := r.callTool(ctx, tc)
			r.conv = append(r.conv, Message{Role: RoleTool, ToolCallID: tc.ID, Name: tc.Name, Content: content})
		}
		return "", false
	}
	rep := ParseReply(msg.Content)
	switch {
	case len(rep.Code) > 0:
		r.conv = append(r.conv, Message{Role: RoleUser, Content: r.runCode(ctx, rep.Code[0])})
		return "", false
	case len(rep.ToolCalls) > 0:
		for _, tc := range rep.ToolCalls {
			content := r.callTool(ctx, tc)
			r.conv = append(r.conv, Message{Role: RoleUser, Content: "Tool Result (" + tc.Name + "):\n" + content})
		}
		return "", false
	case rep.HasAnswer:
		return rep.Answer, true
	case len(rep.Malformed) > 0:
		note := "error: the tool block is not valid JSON of the form {\"tool\": NAME, \"input\": {...}}; nothing was called. Write it again or give your final answer inside <<< >>>."
		r.rec.emit(Event{Type: EventTool, Turn: r.out.Turns, Error: note, Input: jsonString(rep.Malformed[0])})
		r.conv = append(r.conv, Message{Role: RoleUser, Content: note})
		return "", false
	case strings.TrimSpace(msg.Content) == "":
		note := "error: the reply was empty. Give your final answer inside <<< >>>, call a tool or write code."
		r.rec.emit(Event{Type: EventNote, Turn: r.out.Turns, Content: note})
		r.conv = append(r.conv, Message{Role: RoleUser, Content: note})
		return "", false
	}
	return strings.TrimSpace(msg.Content), true
}

// RouteOf returns the route of an assistant reply: the model's own
// Route when it gave one, else what the reply does under the turn
// protocol (tool calls or a JSON tool block: tool; a code block: code; an
// empty reply: none; anything else: answer).
func RouteOf(msg Message) string {
	if msg.Route != "" {
		return msg.Route
	}
	if len(msg.ToolCalls) > 0 {
		return RouteTool
	}
	rep := ParseReply(msg.Content)
	switch {
	case len(rep.Code) > 0:
		return RouteCode
	case len(rep.ToolCalls) > 0:
		return RouteTool
	case rep.HasAnswer:
		return RouteAnswer
	case len(rep.Malformed) > 0:
		return RouteTool
	case strings.TrimSpace(msg.Content) == "":
		return RouteNone
	}
	return RouteAnswer
}

// finish records the outcome.
func (r *runner) finish(status, message string) *Outcome {
	r.out.Status = status
	r.out.Message = message
	r.out.Duration = time.Since(r.start)
	r.out.Registered = r.trace.registered
	r.rec.emit(Event{Type: EventEnd, Status: status, Content: message, Answer: r.out.Answer, Verified: r.out.Verified,
		Turns: r.out.Turns, ToolCalls: r.out.ToolCalls, CodeRuns: r.out.CodeRuns, Round: r.out.GuidanceRounds,
		Usage: &r.out.Usage, DurationMS: ms(r.out.Duration), ModelMS: ms(r.out.ModelTime)})
	return r.out
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func errorKind(err error) string {
	switch {
	case errors.Is(err, ErrCannotAnswer):
		return "cannot_answer"
	case errors.Is(err, ErrNoToolSupport):
		return "no_tool_support"
	case errors.Is(err, ErrUnreachable):
		return "unreachable"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "model"
}
