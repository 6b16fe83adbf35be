package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/plankit/plankit/tools/script"
)

// starlarkHelp tells a model what code may look like.
const starlarkHelp = "Code runs in a Starlark sandbox, a Python dialect: no import (math, json and tools are predeclared), no classes, no try/except, no f-strings, no ** operator (use pow(x, n)), no file, network, clock or process access; print the result."

// callTool runs one tool call of the model and returns the content fed
// back: the tool's JSON output (capped) or "error: <one line>".
func (r *runner) callTool(ctx context.Context, tc ToolCall) string {
	ev := Event{Type: EventTool, Turn: r.out.Turns, CallID: tc.ID, Tool: tc.Name, Input: tc.Arguments}
	t0 := time.Now()
	var out json.RawMessage
	var err error
	switch {
	case r.out.ToolCalls >= r.cfg.MaxToolCalls:
		err = fmt.Errorf("tool-call cap (%d) reached: %s was not called; give your final answer inside <<< >>>", r.cfg.MaxToolCalls, tc.Name)
	case tc.Name == AskToolName:
		err = fmt.Errorf("%s cannot be called from inside an agent run", AskToolName)
	default:
		r.out.ToolCalls++
		if s, ok := jsonStringValue(tc.Arguments); ok {
			err = fmt.Errorf("the arguments of %s are not a JSON object: %s", tc.Name, clip(s, 200))
			break
		}
		out, err = r.reg.Call(withVia(ctx, viaModel), tc.Name, tc.Arguments)
	}
	ev.DurationMS = ms(time.Since(t0))
	if err != nil {
		ev.Error = oneLine(err.Error())
		r.rec.emit(ev)
		return "error: " + ev.Error
	}
	ev.Output = out
	r.rec.emit(ev)
	return capText(string(out), r.cfg.ToolOutput)
}

// runCode runs the first code block of a reply and returns the user
// message that reports it ("Code Execution Results:" …).
func (r *runner) runCode(ctx context.Context, b CodeBlock) string {
	ev := Event{Type: EventCode, Turn: r.out.Turns, Lang: b.Lang, Code: b.Code}
	t0 := time.Now()
	if r.out.CodeRuns >= r.cfg.MaxCodeRuns {
		ev.Engine = "none"
		ev.Error = fmt.Sprintf("code-run cap (%d) reached: the code did not run; give your final answer inside <<< >>>", r.cfg.MaxCodeRuns)
		r.rec.emit(ev)
		return CodeResultMessage("error: "+ev.Error, r.cfg.CodeOutput)
	}
	r.out.CodeRuns++
	name := fmt.Sprintf("agent-code-%d.star", r.out.CodeRuns)
	res, err := r.sandbox.Run(withVia(ctx, viaCode), name, b.Code)
	engine, output := "starlark", res.Output
	if err != nil && res.Steps == 0 && (errors.Is(err, script.ErrSyntax) || errors.Is(err, script.ErrSandbox)) && isPython(b.Lang) {
		if r.cfg.Python {
			pres, perr := script.RunPython(ctx, b.Code, r.cfg.PythonLimits)
			engine, output, err = "python", pres.Output, perr
			res.Registered = nil
		} else {
			engine, output = "none", ""
			err = fmt.Errorf("the code did not run: it is not valid Starlark (%s), and the python executor is off (plankit ask --python enables it). %s",
				strings.TrimPrefix(oneLine(err.Error()), "script: "), starlarkHelp)
		}
	}
	ev.Engine = engine
	if err != nil {
		ev.Error = oneLine(err.Error())
		output = appendLine(output, "error: "+ev.Error)
	}
	var notes []string
	for _, d := range res.Registered {
		notes = append(notes, r.install(ctx, d, b.Code, len(res.Registered)))
		ev.Registered = append(ev.Registered, d.Name)
	}
	ev.Output = jsonString(output)
	ev.DurationMS = ms(time.Since(t0))
	r.rec.emit(ev)
	r.trace.addCode(CodeRecord{Turn: r.out.Turns, Lang: b.Lang, Engine: engine, Code: b.Code, Output: output, Err: ev.Error})
	for _, n := range notes {
		output = appendLine(output, n)
	}
	return CodeResultMessage(output, r.cfg.CodeOutput)
}

// install adds a tool registered by code to the run's registry (and
// persists it with KeepTools); it returns a note for the model.
func (r *runner) install(ctx context.Context, d *script.ToolDef, code string, n int) string {
	if _, err := r.reg.Lookup(d.Name); err == nil {
		r.reg.Remove(d.Name) // register_tool only lets scripts replace script tools
	}
	t := d.Tool()
	t.Fn = r.trace.recording(t.Name, t.Fn)
	if err := r.reg.Register(t); err != nil {
		return fmt.Sprintf("[tool %s was not installed: %s]", d.Name, oneLine(err.Error()))
	}
	r.trace.registered = append(r.trace.registered, d.Name)
	r.specs = nil // recomputed with the new tool for the next turn
	note := fmt.Sprintf("[registered tool %s: callable from the next turn", d.Name)
	if r.text {
		schema, _ := json.Marshal(d.InputSchema)
		note += fmt.Sprintf(" as {\"tool\": %q, \"input\": ...}; input schema %s", d.Name, schema)
	}
	note += "]"
	if r.cfg.KeepTools {
		if msg := r.keep(ctx, d, code, n); msg != "" {
			note += "\n" + msg
		}
	}
	return note
}

// keep persists a tool registered by code to the tools directory.
func (r *runner) keep(ctx context.Context, d *script.ToolDef, code string, n int) string {
	ev := Event{Type: EventKept, Turn: r.out.Turns, Tool: d.Name}
	fail := func(format string, a ...any) string {
		ev.Error = fmt.Sprintf(format, a...)
		r.rec.emit(ev)
		return "[not kept: " + ev.Error + "]"
	}
	if n != 1 {
		return fail("the code registers %d tools; a tool file holds exactly one", n)
	}
	if _, err := d.Test(ctx); err != nil {
		return fail("%s", oneLine(err.Error()))
	}
	dir := r.cfg.ToolsDir
	if dir == "" {
		var err error
		if dir, err = script.DefaultDir(); err != nil {
			return fail("%s", oneLine(err.Error()))
		}
	}
	path, err := (&script.Store{Dir: dir}).Save(d.Name, []byte(code))
	if err != nil {
		return fail("%s", oneLine(err.Error()))
	}
	r.out.Kept = append(r.out.Kept, path)
	ev.Content = path
	r.rec.emit(ev)
	return ""
}

func isPython(lang string) bool { return lang == "python" || lang == "py" || lang == "python3" }

func appendLine(s, line string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s + line
}

// capText truncates s past max bytes with a notice.
func capText(s string, max int) string {
	if max > 0 && len(s) > max {
		return s[:max] + "\n… [output truncated: " + itoa(len(s)-max) + " more bytes]"
	}
	return s
}

func clip(s string, n int) string {
	s = oneLine(s)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// jsonString encodes s as a JSON string.
func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// jsonStringValue reports whether raw is a JSON string and returns it.
func jsonStringValue(raw json.RawMessage) (string, bool) {
	t := strings.TrimSpace(string(raw))
	if !strings.HasPrefix(t, `"`) {
		return "", false
	}
	var s string
	if json.Unmarshal([]byte(t), &s) != nil {
		return "", false
	}
	return s, true
}
