package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/plankit/plankit/tools"
	"go.starlark.net/syntax"
)

// Check is a steering check: an exact judgement of a candidate answer in
// the light of what the run did (the tools it called, the code it ran).
// Domains plug in by implementing it.
type Check interface {
	// Name identifies the check in verdicts and transcripts.
	Name() string
	// Check judges answer. applies is false when the check has nothing
	// to judge for this run (then the verdict is ignored, except that a
	// non-empty Note is recorded).
	Check(ctx context.Context, t *Trace, answer string) (v Verdict, applies bool)
}

// Verdict is a check's judgement of a candidate answer.
type Verdict struct {
	Check string `json:"check"`
	OK    bool   `json:"ok"`
	// Verifier is true for exact domain verifiers (travel evaluator, STL
	// checker, puzzle verifier, SAT model check), false for the shape
	// check on code.
	Verifier bool `json:"verifier"`
	// Reasons say why the answer was rejected; Hint what to do about it.
	// Both go into the guidance message.
	Reasons []string `json:"reasons,omitempty"`
	Hint    string   `json:"hint,omitempty"`
	// Note says what was checked.
	Note string `json:"note,omitempty"`
	// Round is the guidance round the verdict belongs to (0: the first
	// answer).
	Round int `json:"round"`
}

// DefaultChecks returns the built-in steering checks: the symbolic-code
// check and the SAT, travel, robot and puzzle verifiers.
func DefaultChecks() []Check {
	return []Check{CodeCheck{}, SATCheck{}, TravelCheck{}, RobotCheck{}, NewPuzzleCheck()}
}

// Who made a tool call.
const (
	viaModel = "model" // the model's tool call
	viaCode  = "code"  // tools.call from code
	viaCheck = "check" // a steering check reading the request
)

type viaKey struct{}

func withVia(ctx context.Context, via string) context.Context {
	return context.WithValue(ctx, viaKey{}, via)
}

// ToolRecord is one tool call of a run that reached the tool (its input
// passed the schema).
type ToolRecord struct {
	Turn, Round int
	// Via is "model" for the model's calls, "code" for calls from code.
	Via    string
	Name   string
	Input  json.RawMessage
	Output json.RawMessage
	Err    string
}

// CodeRecord is one code run of a run.
type CodeRecord struct {
	Turn, Round int
	Lang        string
	Engine      string // starlark, python or none (did not run)
	Code        string
	Output      string
	Err         string
}

// Trace is what a run did so far, for the checks.
type Trace struct {
	// Request is the user's request.
	Request string
	// Registry is the run's registry (with tools registered by code).
	Registry *tools.Registry
	// Turn is the current model turn; Round the guidance round.
	Turn, Round int

	mu         sync.Mutex
	calls      []ToolRecord
	code       []CodeRecord
	registered []string
	memo       map[string]any
}

// Calls returns the tool calls so far, in order.
func (t *Trace) Calls() []ToolRecord {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]ToolRecord(nil), t.calls...)
}

// Code returns the code runs so far, in order.
func (t *Trace) Code() []CodeRecord {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]CodeRecord(nil), t.code...)
}

// LastCall returns the last successful call of a tool accepted by match.
func (t *Trace) LastCall(match func(name string) bool) (ToolRecord, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := len(t.calls) - 1; i >= 0; i-- {
		if c := t.calls[i]; c.Err == "" && match(c.Name) {
			return c, true
		}
	}
	return ToolRecord{}, false
}

// Memo returns the value stored under key, computing it once with f.
func (t *Trace) Memo(key string, f func() any) any {
	t.mu.Lock()
	if v, ok := t.memo[key]; ok {
		t.mu.Unlock()
		return v
	}
	t.mu.Unlock()
	v := f()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.memo == nil {
		t.memo = map[string]any{}
	}
	t.memo[key] = v
	return v
}

// set updates the turn and round under the lock (tool calls from code may
// record concurrently).
func (t *Trace) set(turn, round int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Turn, t.Round = turn, round
}

func (t *Trace) addCode(c CodeRecord) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c.Round = t.Round
	t.code = append(t.code, c)
}

// recording wraps a tool's function so its calls are recorded.
func (t *Trace) recording(name string, fn tools.Func) tools.Func {
	return func(ctx context.Context, input json.RawMessage) (json.RawMessage, error) {
		out, err := fn(ctx, input)
		via, _ := ctx.Value(viaKey{}).(string)
		if via == "" {
			via = viaCode
		}
		rec := ToolRecord{Via: via, Name: name, Input: append(json.RawMessage(nil), input...), Output: out}
		if err != nil {
			rec.Err = oneLine(err.Error())
		}
		t.mu.Lock()
		rec.Turn, rec.Round = t.Turn, t.Round
		t.calls = append(t.calls, rec)
		t.mu.Unlock()
		return out, err
	}
}

// check runs the steering checks on a candidate answer.
func (r *runner) check(ctx context.Context, answer string) []Verdict {
	var out []Verdict
	for _, c := range r.cfg.Checks {
		v, applies := c.Check(ctx, r.trace, answer)
		if v.Check == "" {
			v.Check = c.Name()
		}
		v.Round = r.out.GuidanceRounds
		if !applies {
			if v.Note != "" {
				r.rec.emit(Event{Type: EventCheck, Turn: r.out.Turns, Check: v.Check, Applies: boolp(false), Content: v.Note})
			}
			continue
		}
		ok := v.OK
		r.rec.emit(Event{Type: EventCheck, Turn: r.out.Turns, Check: v.Check, Applies: boolp(true), OK: &ok, Verifier: v.Verifier,
			Reasons: v.Reasons, Content: v.Note})
		out = append(out, v)
		r.out.History = append(r.out.History, v)
	}
	return out
}

func boolp(b bool) *bool { return &b }

func failures(vs []Verdict) []Verdict {
	var out []Verdict
	for _, v := range vs {
		if !v.OK {
			out = append(out, v)
		}
	}
	return out
}

// guidance is the message sent back after a rejected answer.
func guidance(failed []Verdict) string {
	var b strings.Builder
	b.WriteString("Guidance: ")
	for i, v := range failed {
		if i > 0 {
			b.WriteString(" Also, ")
		}
		fmt.Fprintf(&b, "the %s check rejected the answer: %s.", v.Check, strings.Join(v.Reasons, "; "))
		if v.Hint != "" {
			b.WriteString(" " + v.Hint)
		}
	}
	b.WriteString(" Correct it and give the final answer inside <<< >>>.")
	return b.String()
}

func summary(failed []Verdict) string {
	var parts []string
	for _, v := range failed {
		parts = append(parts, v.Check+": "+strings.Join(v.Reasons, "; "))
	}
	return oneLine(strings.Join(parts, " | "))
}

// CodeCheck is the symbolic-code check: it rejects an answer when the
// last code run of the current round computes nothing (it only prints
// constants), the way CodeSteer's symbolic checker flags code that
// hard-codes its answer.
type CodeCheck struct{}

// Name implements Check.
func (CodeCheck) Name() string { return "code" }

// Check implements Check.
func (CodeCheck) Check(_ context.Context, t *Trace, answer string) (Verdict, bool) {
	var last *CodeRecord
	for _, c := range t.Code() {
		if c.Round == t.Round && c.Err == "" && c.Engine != "none" {
			c := c
			last = &c
		}
	}
	if last == nil {
		return Verdict{}, false
	}
	computes, ok := Computes(last.Code)
	if !ok {
		return Verdict{}, false
	}
	if computes {
		if out, differs := numberDiffers(last.Output, answer); differs {
			return Verdict{Check: "code", Reasons: []string{fmt.Sprintf("the answer %s is not what the code printed (%s)", oneLine(strings.TrimSpace(answer)), out)},
				Hint: "Answer with the number your code printed, or fix the code and run it again."}, true
		}
		return Verdict{Check: "code", OK: true, Note: "the code computes its output"}, true
	}
	return Verdict{Check: "code", Reasons: []string{"the code does not compute the answer: it only prints constants"},
		Hint: "Write code that derives the answer from the data of the request (or call a tool), run it, and answer with its output."}, true
}

// numberDiffers reports whether the code printed one number and the answer
// is a bare number too but not that one (nor a rounding of it to the
// answer's decimals): the answer did not come from the code.
func numberDiffers(output, answer string) (string, bool) {
	out, ans := strings.TrimSpace(output), strings.TrimSpace(answer)
	if strings.ContainsAny(out, "\n") {
		return "", false
	}
	o, ok1 := new(big.Rat).SetString(strings.ReplaceAll(out, ",", ""))
	a, ok2 := new(big.Rat).SetString(strings.ReplaceAll(ans, ",", ""))
	if !ok1 || !ok2 || len(out) > 400 || len(ans) > 400 {
		return "", false
	}
	decimals := 0
	if i := strings.IndexByte(ans, '.'); i >= 0 && !strings.ContainsAny(ans, "eE/") {
		decimals = len(ans) - i - 1
	}
	// |a - o| <= 10^-decimals / 2
	d := new(big.Rat).Sub(a, o)
	d.Abs(d)
	tol := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)))
	return out, d.Cmp(tol) > 0
}

// Computes reports whether code (Python or Starlark) does any computation:
// an operator, a loop, a comprehension, indexing, a method or a call of
// anything but print/str/repr. ok is false when the code does not parse
// as Starlark.
func Computes(code string) (computes, ok bool) {
	opts := syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true, Recursion: true}
	f, err := opts.Parse("code", code, 0)
	if err != nil {
		return false, false
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		if computes {
			return false
		}
		switch x := n.(type) {
		case *syntax.BinaryExpr, *syntax.ForStmt, *syntax.WhileStmt, *syntax.Comprehension, *syntax.IndexExpr,
			*syntax.SliceExpr, *syntax.DotExpr, *syntax.CondExpr, *syntax.LambdaExpr:
			computes = true
		case *syntax.UnaryExpr:
			if _, lit := x.X.(*syntax.Literal); !lit {
				computes = true
			}
		case *syntax.AssignStmt:
			if x.Op != syntax.EQ {
				computes = true
			}
		case *syntax.CallExpr:
			if id, isIdent := x.Fn.(*syntax.Ident); !isIdent || (id.Name != "print" && id.Name != "str" && id.Name != "repr") {
				computes = true
			}
		}
		return !computes
	})
	return computes, true
}
