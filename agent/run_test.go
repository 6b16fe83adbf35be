package agent

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/plankit/plankit/tools/script"
)

var builtinReg = sync.OnceValues(func() (*tools.Registry, error) { return builtin.New(builtin.Options{}) })

func loopRegistry(t testing.TB) *tools.Registry {
	t.Helper()
	reg, err := builtinReg()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// recModel records the conversations and tool lists the loop sends.
type recModel struct {
	inner Model
	mu    sync.Mutex
	seen  [][]Message
	tools [][]ToolSpec
}

func (m *recModel) Complete(ctx context.Context, msgs []Message, specs []ToolSpec) (Message, error) {
	m.mu.Lock()
	m.seen = append(m.seen, append([]Message(nil), msgs...))
	m.tools = append(m.tools, specs)
	m.mu.Unlock()
	return m.inner.Complete(ctx, msgs, specs)
}

// last returns the last message of call i's conversation.
func (m *recModel) last(i int) Message {
	c := m.seen[i]
	return c[len(c)-1]
}

func call(id, name, args string) ToolCall {
	return ToolCall{ID: id, Name: name, Arguments: json.RawMessage(args)}
}

// game24 returns a seeded game24 prompt and a correct answer.
func game24(t testing.TB) (prompt, answer string) {
	t.Helper()
	task, err := puzzles.NewSuite().Task("game24")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := task.Generate(3, puzzles.Easy)
	if err != nil {
		t.Fatal(err)
	}
	prompt, err = task.Prompt(inst)
	if err != nil {
		t.Fatal(err)
	}
	sol, err := task.Solve(context.Background(), inst)
	if err != nil || sol.Unsat {
		t.Fatalf("game24 seed 3: %v %+v", err, sol)
	}
	return prompt, sol.Answer
}

const registerCode = "```python\n" + `def double(args):
    return {"value": args["x"] * 2}

register_tool("math.double", double, "Double an integer x.",
    input_schema = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]},
    examples = [{"x": 2}])
print("registered math.double")
` + "```"

// scenario is one end-to-end run with scripted replies, run through a
// ScriptedModel and through the OpenAI client against a fake server.
type scenario struct {
	name    string
	request string
	replies []Message
	openai  bool // also run through the OpenAI-compatible client
	cfg     func(*Config)
	check   func(t *testing.T, out *Outcome, m *recModel, events []Event)
}

func scenarios(t *testing.T) []scenario {
	prompt, good24 := game24(t)
	return []scenario{{
		name: "direct answer", request: "Say hello.", openai: true,
		replies: []Message{{Content: "Hello! <<<hello>>>", Route: RouteAnswer, Reason: "no computation needed"}},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "hello")
			if out.Turns != 1 || out.Verified || len(out.Routes) != 1 || out.Routes[0].Route != RouteAnswer {
				t.Fatalf("outcome %+v", out)
			}
			if sys := m.seen[0][0]; sys.Role != RoleSystem || !strings.Contains(sys.Content, "- sat.solve: ") || !strings.Contains(sys.Content, "<<<") {
				t.Fatalf("system prompt %q", sys.Content[:200])
			}
			if len(m.tools[0]) < 10 {
				t.Fatalf("only %d tools offered", len(m.tools[0]))
			}
			for _, s := range m.tools[0] {
				if s.Name == AskToolName {
					t.Fatal("agent.ask offered inside a run")
				}
			}
		},
	}, {
		name: "function call to sat.solve", request: "Is (x1 or x2) and (not x1) satisfiable? Give a model.", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("call_1", "sat.solve", `{"clauses": [[1, 2], [-1]]}`)}},
			{Content: "The formula is satisfiable: <<<[-1, 2]>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "[-1, 2]")
			tm := m.last(1)
			if tm.Role != RoleTool || tm.ToolCallID != "call_1" || !strings.Contains(tm.Content, `"status":"sat"`) {
				t.Fatalf("tool message %+v", tm)
			}
			if !out.Verified || out.ToolCalls != 1 || !verdict(out.Verdicts, "sat", true) {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "python block runs in the sandbox", request: "What is 123456789 * 987654321?", openai: true,
		replies: []Message{
			{Content: "Let me compute it.\n```python\nprint(123456789 * 987654321)\n```"},
			{Content: "<<<121932631112635269>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "121932631112635269")
			if got := m.last(1); got.Role != RoleUser || got.Content != "Code Execution Results:\n121932631112635269\n" {
				t.Fatalf("code result %+v", got)
			}
			if out.CodeRuns != 1 || out.Routes[0].Route != RouteCode || !verdict(out.Verdicts, "code", true) {
				t.Fatalf("outcome %+v", out)
			}
			e := find(ev, EventCode)
			if e == nil || e.Engine != "starlark" || !strings.Contains(e.Code, "987654321") || e.Text() != "121932631112635269\n" {
				t.Fatalf("code event %+v", e)
			}
		},
	}, {
		name: "code registers a tool called later", request: "Double 21 with a tool of your own.", openai: true,
		replies: []Message{
			{Content: registerCode},
			{ToolCalls: []ToolCall{call("call_2", "math.double", `{"x": 21}`)}},
			{Content: "<<<42>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "42")
			if !hasTool(m.tools[1], "math.double") || hasTool(m.tools[0], "math.double") {
				t.Fatal("math.double not offered from the turn after its registration")
			}
			if c := m.last(2).Content; c != `{"value":42}` {
				t.Fatalf("tool result %q", c)
			}
			if len(out.Registered) != 1 || out.Registered[0] != "math.double" || len(out.Kept) != 0 {
				t.Fatalf("registered %v kept %v", out.Registered, out.Kept)
			}
		},
	}, {
		name: "wrong SAT model corrected after guidance", request: "Find a model of the CNF (x1 or x2) and (not x1).", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("c1", "sat.solve", `{"clauses": [[1, 2], [-1]]}`)}},
			{Content: "<<<[1, 2]>>>"},
			{Content: "<<<[-1, 2]>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "[-1, 2]")
			g := m.last(2).Content
			if !strings.HasPrefix(g, "Guidance: the sat check rejected the answer: clause 2 [-1] is not satisfied.") {
				t.Fatalf("guidance %q", g)
			}
			if out.GuidanceRounds != 1 || len(out.History) != 2 || out.History[0].OK || !out.History[1].OK || !out.Verified {
				t.Fatalf("outcome %+v", out)
			}
			if e := find(ev, EventGuidance); e == nil || e.Content != g {
				t.Fatalf("guidance event %+v", e)
			}
		},
	}, {
		name: "wrong SAT model written as x1=true is checked, not passed as verified", request: "Is (x1 or x2) and (not x1) satisfiable?", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("c1", "sat.solve", `{"clauses": [[1, 2], [-1]]}`)}},
			{Content: "<<<SAT: x1=true, x2=true>>>"},
			{Content: "<<<SAT: x1=false, x2=true>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "SAT: x1=false, x2=true")
			if g := m.last(2).Content; !strings.Contains(g, "clause 2 [-1] is not satisfied") {
				t.Fatalf("guidance %q", g)
			}
			if out.GuidanceRounds != 1 || !out.Verified {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "SAT model with a variable the formula does not have", request: "Find a model of the CNF (x1 or x2) and (not x1).", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("c1", "sat.solve", `{"clauses": [[1, 2], [-1]]}`)}},
			{Content: "<<<[-1, 2, 99]>>>"},
			{Content: "<<<[-1, 2]>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "[-1, 2]")
			if g := m.last(2).Content; !strings.Contains(g, "variable 99, which is not in the formula (variables 1..2)") {
				t.Fatalf("guidance %q", g)
			}
		},
	}, {
		name: "wrong puzzle answer corrected after guidance", request: prompt, openai: true,
		replies: []Message{
			{Content: "<<<1+2+3+4>>>"},
			{Content: "<<<" + good24 + ">>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, good24)
			if out.GuidanceRounds != 1 || !out.Verified || !verdict(out.Verdicts, "puzzle", true) {
				t.Fatalf("outcome %+v", out)
			}
			if g := m.last(1).Content; !strings.HasPrefix(g, "Guidance: the puzzle check rejected the answer: ") {
				t.Fatalf("guidance %q", g)
			}
		},
	}, {
		name: "rejected after all guidance rounds", request: "Find a model of the CNF (x1 or x2) and (not x1).", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("c1", "sat.solve", `{"clauses": [[1, 2], [-1]]}`)}},
			{Content: "<<<[1]>>>"}, {Content: "<<<[1, 2]>>>"}, {Content: "<<<[1, -2]>>>"}, {Content: "<<<[1, 2, 3]>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusRejected, "[1, 2, 3]")
			if out.GuidanceRounds != 3 || out.Verified || !strings.Contains(out.Message, "rejected after 3 guidance round(s)") {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "symbolic-code check flags a constant", request: "What is 17 * 23?", openai: true,
		replies: []Message{
			{Content: "```python\nprint(391)\n```"},
			{Content: "<<<391>>>"},
			{Content: "```python\nprint(17 * 23)\n```"},
			{Content: "<<<391>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "391")
			if g := m.last(2).Content; !strings.Contains(g, "the code does not compute the answer") {
				t.Fatalf("guidance %q", g)
			}
			if out.GuidanceRounds != 1 || out.Verified {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "code check: an answer that is not the code's output", request: "What is 17 * 23?", openai: true,
		replies: []Message{
			{Content: "```python\nprint(2 + 2)\n```"},
			{Content: "<<<391>>>"},
			{Content: "```python\nprint(17 * 23)\n```"},
			{Content: "<<<391.0>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "391.0")
			if g := m.last(2).Content; !strings.Contains(g, "the answer 391 is not what the code printed (4)") {
				t.Fatalf("guidance %q", g)
			}
			if out.GuidanceRounds != 1 {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "malformed tool calls", request: "Is x1 satisfiable?", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("c1", "sat.solv", `{"clauses": [[1]]}`)}},
			{ToolCalls: []ToolCall{call("c2", "sat.solve", `"{\"clauses\": [[1]"`)}},
			{ToolCalls: []ToolCall{call("c3", "sat.solve", `{"clauses": [["x"]]}`)}},
			{Content: "```json\n{\"tool\": \"sat.solve\", \"input\": {\"clauses\": [[1]]\n```"},
			{Content: "I could not call the solver. <<<unknown>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "unknown")
			for i, want := range []string{
				`error: tools: unknown tool "sat.solv" (did you mean "sat.solve"?)`,
				"error: the arguments of sat.solve are not a JSON object",
				`error: tools: invalid input for sat.solve: field "clauses[][]"`,
				"error: the tool block is not valid JSON",
			} {
				if got := m.last(i + 1).Content; !strings.HasPrefix(got, want) {
					t.Fatalf("reply %d: got %q, want prefix %q", i+1, got, want)
				}
			}
		},
	}, {
		name: "code errors", request: "Compute something.", openai: true,
		replies: []Message{
			{Content: "```python\nx = [1, 2]\nprint(x[5])\n```"},
			{Content: "```python\nimport math\nprint(f'{math.pi:.3f}')\n```"},
			{Content: "```python\nwhile True:\n    pass\n```"},
			{Content: "<<<gave up>>>"},
		},
		cfg: func(c *Config) { c.ScriptLimits = script.Limits{Timeout: 200 * time.Millisecond, Steps: 1 << 40} },
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "gave up")
			for i, want := range []string{"index 5 out of range", "the code did not run: it is not valid Starlark", "timeout after 200ms"} {
				if got := m.last(i + 1).Content; !strings.HasPrefix(got, "Code Execution Results:\n") || !strings.Contains(got, want) {
					t.Fatalf("code run %d: got %q, want %q", i+1, got, want)
				}
			}
			if !strings.Contains(m.last(2).Content, "no import (math, json and tools are predeclared)") {
				t.Fatalf("no explanation of what is allowed: %q", m.last(2).Content)
			}
			if out.CodeRuns != 3 {
				t.Fatalf("code runs %d", out.CodeRuns)
			}
		},
	}, {
		name: "turn cap", request: "Loop forever.", openai: true,
		replies: []Message{
			{Content: "```python\nprint(1 + 1)\n```"}, {Content: "```python\nprint(2 + 2)\n```"}, {Content: "```python\nprint(3 + 3)\n```"},
		},
		cfg: func(c *Config) { c.MaxTurns = 3 },
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusError, "")
			if out.Message != "turn cap (3) reached without a final answer" || out.Turns != 3 {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "tool-call and code-run caps", request: "Call tools.", openai: true,
		replies: []Message{
			{ToolCalls: []ToolCall{call("a", "sat.solve", `{"clauses": [[1]]}`), call("b", "sat.solve", `{"clauses": [[-1]]}`)}},
			{Content: "```python\nprint(1 + 1)\n```"},
			{Content: "```python\nprint(2 + 2)\n```"},
			{Content: "<<<done>>>"},
		},
		cfg: func(c *Config) { c.MaxToolCalls, c.MaxCodeRuns = 1, 1 },
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "done")
			if got := m.last(1).Content; !strings.HasPrefix(got, "error: tool-call cap (1) reached") {
				t.Fatalf("second call: %q", got)
			}
			if got := m.last(3).Content; !strings.Contains(got, "code-run cap (1) reached") {
				t.Fatalf("second code run: %q", got)
			}
			if out.ToolCalls != 1 || out.CodeRuns != 1 {
				t.Fatalf("outcome %+v", out)
			}
		},
	}, {
		name: "text protocol tool block", request: "Is (x1) and (not x1) satisfiable?", openai: true,
		replies: []Message{
			{Content: "```json\n{\"tool\": \"sat.solve\", \"input\": {\"clauses\": [[1], [-1]]}}\n```"},
			{Content: "It is unsatisfiable. <<<unsat>>>"},
		},
		check: func(t *testing.T, out *Outcome, m *recModel, ev []Event) {
			want(t, out, StatusAnswered, "unsat")
			if got := m.last(1); got.Role != RoleUser || !strings.HasPrefix(got.Content, "Tool Result (sat.solve):\n{\"status\":\"unsat\"") {
				t.Fatalf("tool result %+v", got)
			}
			if !out.Verified || !verdict(out.Verdicts, "sat", true) {
				t.Fatalf("outcome %+v", out)
			}
		},
	}}
}

func want(t *testing.T, out *Outcome, status, answer string) {
	t.Helper()
	if out.Status != status || out.Answer != answer {
		t.Fatalf("status %q answer %q (message %q), want %q %q", out.Status, out.Answer, out.Message, status, answer)
	}
}

func verdict(vs []Verdict, check string, ok bool) bool {
	for _, v := range vs {
		if v.Check == check && v.OK == ok {
			return true
		}
	}
	return false
}

func hasTool(specs []ToolSpec, name string) bool {
	for _, s := range specs {
		if s.Name == name {
			return true
		}
	}
	return false
}

func find(ev []Event, typ string) *Event {
	for i := range ev {
		if ev[i].Type == typ {
			return &ev[i]
		}
	}
	return nil
}

func readEvents(t *testing.T, path string) []Event {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ev, err := ReadTranscript(f)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func runScenario(t *testing.T, sc scenario, model Model) (*Outcome, *recModel, []Event) {
	t.Helper()
	m := &recModel{inner: model}
	path := filepath.Join(t.TempDir(), "run.jsonl")
	cfg := Config{Model: m, Registry: loopRegistry(t), Transcript: path, ModelName: "scripted"}
	if sc.cfg != nil {
		sc.cfg(&cfg)
	}
	out, err := Run(context.Background(), cfg, sc.request)
	if err != nil {
		t.Fatal(err)
	}
	if out.Transcript != path {
		t.Fatalf("transcript %q", out.Transcript)
	}
	ev := readEvents(t, path)
	if ev[0].Type != EventRequest || ev[0].Request != sc.request || ev[len(ev)-1].Type != EventEnd || ev[len(ev)-1].Status != out.Status {
		t.Fatalf("transcript events: first %+v last %+v", ev[0], ev[len(ev)-1])
	}
	return out, m, ev
}

func TestScenariosScripted(t *testing.T) {
	for _, sc := range scenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			out, m, ev := runScenario(t, sc, &ScriptedModel{Replies: append([]Message(nil), sc.replies...)})
			sc.check(t, out, m, ev)
		})
	}
}

// blockingModel waits for the context to end.
type blockingModel struct{}

func (blockingModel) Complete(ctx context.Context, _ []Message, _ []ToolSpec) (Message, error) {
	<-ctx.Done()
	return Message{}, ctx.Err()
}

type errModel struct{ err error }

func (m errModel) Complete(context.Context, []Message, []ToolSpec) (Message, error) {
	return Message{}, m.err
}

func TestRunOutcomes(t *testing.T) {
	reg := loopRegistry(t)
	base := Config{Registry: reg, NoTranscript: true}

	cfg := base
	cfg.Model, cfg.Timeout = blockingModel{}, 100*time.Millisecond
	out, err := Run(context.Background(), cfg, "anything")
	if err != nil || out.Status != StatusError || out.Message != "time budget of 100ms exceeded" {
		t.Fatalf("timeout: %+v %v", out, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	cfg.Timeout = 0
	out, err = Run(ctx, cfg, "anything")
	if err != nil || out.Status != StatusError || out.Message != "cancelled" {
		t.Fatalf("cancel: %+v %v", out, err)
	}

	cfg.Model = errModel{errWrap(ErrCannotAnswer, "cannot answer offline; configure a model with --base-url/--model")}
	out, err = Run(context.Background(), cfg, "what is the capital of France")
	if err != nil || out.Status != StatusCannotAnswer || out.Message != "cannot answer offline; configure a model with --base-url/--model" || out.Turns != 0 {
		t.Fatalf("cannot answer: %+v %v", out, err)
	}

	cfg.Model = errModel{errWrap(ErrUnreachable, "http://localhost:1/v1: connection refused")}
	out, err = Run(context.Background(), cfg, "hi")
	if err != nil || out.Status != StatusError || out.Message != "model server unreachable: http://localhost:1/v1: connection refused" {
		t.Fatalf("unreachable: %+v %v", out, err)
	}

	if _, err := Run(context.Background(), Config{Registry: reg}, "hi"); !errors.Is(err, ErrConfig) {
		t.Fatalf("no model: %v", err)
	}
	if _, err := Run(context.Background(), Config{Model: blockingModel{}, Registry: reg, NoTranscript: true}, "  "); !errors.Is(err, ErrConfig) {
		t.Fatalf("empty request: %v", err)
	}
	cfg = base
	cfg.Model = &ScriptedModel{Replies: []Message{{Content: "<<<x>>>"}}}
	cfg.NoTranscript = false
	cfg.Transcript = filepath.Join(t.TempDir(), "no", "such", "dir", "t.jsonl")
	if _, err := Run(context.Background(), cfg, "hi"); err == nil || strings.Contains(err.Error(), "\n") {
		t.Fatalf("unwritable transcript: %v", err)
	}
}

func errWrap(sentinel error, msg string) error { return &wrapped{sentinel, msg} }

type wrapped struct {
	sentinel error
	msg      string
}

func (w *wrapped) Error() string { return w.sentinel.Error() + ": " + w.msg }
func (w *wrapped) Unwrap() error { return w.sentinel }

func TestKeepTools(t *testing.T) {
	dir := t.TempDir()
	model := &ScriptedModel{Replies: []Message{{Content: registerCode}, {Content: "<<<ok>>>"}}}
	out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true, KeepTools: true, ToolsDir: dir}, "make a tool")
	if err != nil || out.Status != StatusAnswered {
		t.Fatalf("%+v %v", out, err)
	}
	path := filepath.Join(dir, "math.double.star")
	if len(out.Kept) != 1 || out.Kept[0] != path {
		t.Fatalf("kept %v", out.Kept)
	}
	// The kept file defines the tool when loaded.
	reg := tools.NewRegistry()
	defs := (&script.Store{Dir: dir}).Load(context.Background(), script.New(reg, script.Limits{}), func(p string, err error) { t.Fatalf("%s: %v", p, err) })
	if len(defs) != 1 {
		t.Fatalf("loaded %d tools", len(defs))
	}
	res, err := reg.Call(context.Background(), "math.double", json.RawMessage(`{"x": 5}`))
	if err != nil || string(res) != `{"value":10}` {
		t.Fatalf("%s %v", res, err)
	}
	// Without KeepTools nothing is written, and the base registry is untouched.
	dir2 := t.TempDir()
	model = &ScriptedModel{Replies: []Message{{Content: registerCode}, {Content: "<<<ok>>>"}}}
	if _, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true, ToolsDir: dir2}, "make a tool"); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir2); len(ents) != 0 {
		t.Fatalf("files written without KeepTools: %v", ents)
	}
	if _, err := loopRegistry(t).Lookup("math.double"); err == nil {
		t.Fatal("a tool registered by code leaked into the base registry")
	}
}

func TestPythonExecutor(t *testing.T) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	model := &recModel{inner: &ScriptedModel{Replies: []Message{
		{Content: "```python\nimport math\nprint(f'{math.factorial(20)}')\n```"},
		{Content: "<<<2432902008176640000>>>"},
	}}}
	out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true, Python: true}, "20!?")
	if err != nil || out.Status != StatusAnswered {
		t.Fatalf("%+v %v", out, err)
	}
	if got := model.last(1).Content; got != "Code Execution Results:\n2432902008176640000\n" {
		t.Fatalf("python output %q", got)
	}
	if !strings.Contains(model.seen[0][0].Content, "runs with Python 3 instead") {
		t.Fatal("system prompt does not mention the python executor")
	}
}

func TestReplayReproducesAnswer(t *testing.T) {
	for _, sc := range scenarios(t) {
		if sc.name != "code registers a tool called later" && sc.name != "wrong SAT model corrected after guidance" {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			out, _, ev := runScenario(t, sc, &ScriptedModel{Replies: append([]Message(nil), sc.replies...)})
			model, request, caps, err := Replay(ev)
			if err != nil || request != sc.request || caps == nil || caps.MaxTurns != DefaultMaxTurns {
				t.Fatalf("replay: %v %q %+v", err, request, caps)
			}
			path := filepath.Join(t.TempDir(), "replay.jsonl")
			out2, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), Transcript: path}, request)
			if err != nil {
				t.Fatal(err)
			}
			if out2.Answer != out.Answer || out2.Status != out.Status || model.Remaining() != 0 || len(out2.Routes) != len(out.Routes) {
				t.Fatalf("replay gave %q %s, recorded %q %s", out2.Answer, out2.Status, out.Answer, out.Status)
			}
		})
	}
}

func TestReplayErrors(t *testing.T) {
	ev := []Event{{Type: EventRequest, Request: "q"}, {Type: EventModel, Error: "agent: cannot answer: out of scope", ErrorKind: "cannot_answer"}}
	m, _, _, err := Replay(ev)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Complete(context.Background(), nil, nil); !errors.Is(err, ErrCannotAnswer) || err.Error() != "agent: cannot answer: out of scope" {
		t.Fatalf("%v", err)
	}
	if _, err := m.Complete(context.Background(), nil, nil); !errors.Is(err, ErrModel) {
		t.Fatalf("exhausted: %v", err)
	}
	if _, _, _, err := Replay([]Event{{Type: EventModel}}); err == nil {
		t.Fatal("no request accepted")
	}
	for _, bad := range []string{"", "{}\n", "{\"type\": \"model\"\n", "not json\n"} {
		if _, err := ReadTranscript(strings.NewReader(bad)); err == nil || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%q: %v", bad, err)
		}
	}
}

func TestAskTool(t *testing.T) {
	reg, err := builtin.New(builtin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	replies := []Message{{Content: "```python\nprint(6 * 7)\n```"}, {Content: "<<<42>>>"}}
	err = RegisterAskTool(reg, func() (Config, error) {
		return Config{Model: &ScriptedModel{Replies: append([]Message(nil), replies...)}, NoTranscript: true}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := reg.Call(context.Background(), AskToolName, json.RawMessage(`{"request": "What is 6 times 7?"}`))
	if err != nil {
		t.Fatal(err)
	}
	var out AskOutput
	if err := json.Unmarshal(raw, &out); err != nil || out.Status != StatusAnswered || out.Answer != "42" || len(out.Routes) != 2 || out.Routes[0].Route != RouteCode {
		t.Fatalf("%s %v", raw, err)
	}
	// Inside a run, agent.ask is neither offered nor callable.
	model := &recModel{inner: &ScriptedModel{Replies: []Message{
		{ToolCalls: []ToolCall{call("x", AskToolName, `{"request": "recurse"}`)}}, {Content: "<<<no>>>"},
	}}}
	o, err := Run(context.Background(), Config{Model: model, Registry: reg, NoTranscript: true}, "recurse")
	if err != nil || o.Status != StatusAnswered {
		t.Fatalf("%+v %v", o, err)
	}
	if hasTool(model.tools[0], AskToolName) || !strings.Contains(model.last(1).Content, "cannot be called from inside an agent run") {
		t.Fatalf("agent.ask inside a run: %+v", model.last(1))
	}
}
