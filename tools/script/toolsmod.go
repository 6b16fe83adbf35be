package script

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/plankit/plankit/tools"
	"go.starlark.net/starlark"
)

// toolsModule is the predeclared "tools" value: tools.call(name, input),
// tools.list(), and one attribute per registered tool with "." written as
// "_" (tools.sat_solve(...)).
type toolsModule struct{ reg *tools.Registry }

var _ starlark.HasAttrs = (*toolsModule)(nil)

func (m *toolsModule) String() string        { return "<tools>" }
func (m *toolsModule) Type() string          { return "tools" }
func (m *toolsModule) Freeze()               {}
func (m *toolsModule) Truth() starlark.Bool  { return true }
func (m *toolsModule) Hash() (uint32, error) { return 0, errors.New("unhashable type: tools") }

func (m *toolsModule) AttrNames() []string {
	names := []string{"call", "list"}
	for _, t := range m.reg.List() {
		names = append(names, attrName(t.Name))
	}
	sort.Strings(names)
	return names
}

func attrName(tool string) string { return strings.ReplaceAll(tool, ".", "_") }

func (m *toolsModule) Attr(name string) (starlark.Value, error) {
	switch name {
	case "call":
		return starlark.NewBuiltin("tools.call", m.call), nil
	case "list":
		return starlark.NewBuiltin("tools.list", m.list), nil
	}
	var found []string
	for _, t := range m.reg.List() {
		if attrName(t.Name) == name {
			found = append(found, t.Name)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("tools has no tool for .%s (write a tool name with _ for ., e.g. tools.sat_solve, or use tools.call(\"sat.solve\", {...}))", name)
	case 1:
		tool := found[0]
		return starlark.NewBuiltin("tools."+name, func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			input, err := inputArg(b.Name(), args, kwargs)
			if err != nil {
				return nil, err
			}
			return callTool(th, b.Name(), tool, input)
		}), nil
	}
	return nil, fmt.Errorf("tools.%s is ambiguous (%s): use tools.call", name, strings.Join(found, ", "))
}

// call is tools.call(name, input=None, **fields).
func (m *toolsModule) call(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, errors.New("tools.call: missing tool name")
	}
	name, ok := args[0].(starlark.String)
	if !ok {
		return nil, fmt.Errorf("tools.call: tool name is a %s, want string", args[0].Type())
	}
	input, err := inputArg("tools.call", args[1:], kwargs)
	if err != nil {
		return nil, err
	}
	return callTool(th, "tools.call", string(name), input)
}

// list is tools.list(): the sorted tool names.
func (m *toolsModule) list(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	var out []starlark.Value
	for _, t := range m.reg.List() {
		out = append(out, starlark.String(t.Name))
	}
	return starlark.NewList(out), nil
}

// inputArg takes a tool input from one positional dict or from keyword
// arguments.
func inputArg(fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	switch {
	case len(args) > 1:
		return nil, fmt.Errorf("%s: want one input dict, got %d positional arguments", fn, len(args))
	case len(args) == 1 && len(kwargs) > 0:
		return nil, fmt.Errorf("%s: give the input as a dict or as keyword arguments, not both", fn)
	case len(args) == 1:
		if args[0] == starlark.None {
			return starlark.NewDict(0), nil
		}
		return args[0], nil
	}
	d := starlark.NewDict(len(kwargs))
	for _, kv := range kwargs {
		if err := d.SetKey(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

type depthKey struct{}

// callTool calls a registered tool with a Starlark input and returns its
// JSON output as Starlark values.
func callTool(th *starlark.Thread, fn, name string, input starlark.Value) (starlark.Value, error) {
	st := stateOf(th)
	if st == nil {
		return nil, fmt.Errorf("%s: not in a sandboxed run", fn)
	}
	raw, err := toJSON(input, st.lim.MaxValue)
	if err != nil {
		return nil, fmt.Errorf("%s(%q): input %w", fn, name, err)
	}
	depth, _ := st.ctx.Value(depthKey{}).(int)
	if depth >= maxToolNesting {
		return nil, fmt.Errorf("%w: %s(%q): script tools nested more than %d deep", ErrDepth, fn, name, maxToolNesting)
	}
	ctx := context.WithValue(st.ctx, depthKey{}, depth+1)
	out, err := st.reg.Call(ctx, name, raw)
	if err != nil {
		return nil, fmt.Errorf("%s(%q): %w", fn, name, err)
	}
	if len(out) > st.lim.MaxValue {
		return nil, valueErr(fmt.Sprintf("%s(%q) output", fn, name), len(out), st.lim.MaxValue)
	}
	if err := charge(th, uint64(len(raw)+len(out))/64); err != nil {
		return nil, err
	}
	v, err := fromJSON(out)
	if err != nil {
		return nil, fmt.Errorf("%s(%q): output: %w", fn, name, err)
	}
	return v, nil
}

// ToolDef is a tool defined by a script with register_tool. Its function
// runs in the sandbox, under the runner's limits, on every call.
type ToolDef struct {
	Name         string
	Description  string
	InputSchema  *jsonschema.Schema
	OutputSchema *jsonschema.Schema
	// Examples are inputs the tool is test-run on before it is persisted.
	Examples []json.RawMessage
	// Source is the script's name (a path for persisted tools).
	Source string
	// Code is the script's source text.
	Code string

	fn     starlark.Callable
	runner *Runner
}

// Tool returns the registry entry for d.
func (d *ToolDef) Tool() tools.Tool {
	return tools.Tool{
		Name: d.Name, Description: d.Description,
		InputSchema: d.InputSchema, OutputSchema: d.OutputSchema,
		Source: d.Source, Fn: d.Call,
	}
}

// Call runs the tool's function on input (a JSON object, already
// validated against the input schema by the registry) and returns the
// JSON encoding of its result.
func (d *ToolDef) Call(ctx context.Context, input json.RawMessage) (json.RawMessage, error) {
	if len(strings.TrimSpace(string(input))) == 0 {
		input = json.RawMessage("{}")
	}
	in, err := fromJSON(input)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", tools.ErrInvalidInput, err)
	}
	st := d.runner.newState(false, d.Source, d.Code)
	var out json.RawMessage
	_, err = d.runner.execute(ctx, st, func(th *starlark.Thread) error {
		v, err := starlark.Call(th, d.fn, starlark.Tuple{in}, nil)
		if err != nil {
			return err
		}
		out, err = toJSON(v, st.lim.MaxValue)
		if err != nil {
			return fmt.Errorf("the tool function returned a value that is not JSON: %w", err)
		}
		return nil
	})
	return out, err
}

// Test validates each example input against the schema and runs the tool
// on it; it returns the outputs.
func (d *ToolDef) Test(ctx context.Context) ([]json.RawMessage, error) {
	reg := tools.NewRegistry()
	if err := reg.Register(d.Tool()); err != nil {
		return nil, err
	}
	var outs []json.RawMessage
	for i, ex := range d.Examples {
		out, err := reg.Call(ctx, d.Name, ex)
		if err != nil {
			return outs, fmt.Errorf("example %d: %w", i+1, err)
		}
		outs = append(outs, out)
	}
	return outs, nil
}

// registerTool is register_tool(name, fn, description, input_schema=None,
// output_schema=None, examples=None).
func registerTool(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	st := stateOf(th)
	if st == nil || !st.register {
		return nil, fmt.Errorf("%w: register_tool is only allowed while a script runs, not inside a tool call", ErrRegister)
	}
	var (
		name, desc                  string
		fn                          starlark.Callable
		inSchema, outSchema, examps starlark.Value = starlark.None, starlark.None, starlark.None
	)
	if err := starlark.UnpackArgs("register_tool", args, kwargs,
		"name", &name, "fn", &fn, "description", &desc,
		"input_schema?", &inSchema, "output_schema?", &outSchema, "examples?", &examps); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRegister, err)
	}
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%w: register_tool(%q): %s", ErrRegister, name, fmt.Sprintf(format, a...))
	}
	if !tools.ValidName(name) {
		return nil, fail("bad name: want dotted lower-case words like \"puzzle.nqueens_sat\"")
	}
	if strings.TrimSpace(desc) == "" {
		return nil, fail("empty description")
	}
	if t, err := st.reg.Lookup(name); err == nil && !isScriptSource(t.Source) {
		return nil, fail("the name is taken by a built-in tool and cannot be shadowed")
	}
	for _, d := range st.registered {
		if d.Name == name {
			return nil, fail("registered twice")
		}
	}
	def := &ToolDef{Name: name, Description: desc, Source: st.name, Code: st.src, fn: fn, runner: st.runner}
	var err error
	if def.InputSchema, err = schemaArg(inSchema, st.lim.MaxValue); err != nil {
		return nil, fail("input_schema: %v", err)
	}
	if def.InputSchema == nil {
		def.InputSchema = &jsonschema.Schema{Type: "object"}
	}
	if def.InputSchema.Type != "object" {
		return nil, fail("input_schema: want \"type\": \"object\"")
	}
	if _, err := def.InputSchema.Resolve(&jsonschema.ResolveOptions{ValidateDefaults: true}); err != nil {
		return nil, fail("input_schema: %v", err)
	}
	if def.OutputSchema, err = schemaArg(outSchema, st.lim.MaxValue); err != nil {
		return nil, fail("output_schema: %v", err)
	}
	if def.OutputSchema != nil {
		if _, err := def.OutputSchema.Resolve(nil); err != nil {
			return nil, fail("output_schema: %v", err)
		}
	}
	if examps != starlark.None {
		items, err := materialize(th, "examples", examps, 1000)
		if err != nil {
			return nil, fail("examples: %v", err)
		}
		for i, ex := range items {
			raw, err := toJSON(ex, st.lim.MaxValue)
			if err != nil {
				return nil, fail("examples[%d]: %v", i, err)
			}
			def.Examples = append(def.Examples, raw)
		}
	}
	st.registered = append(st.registered, def)
	return starlark.None, nil
}

// isScriptSource reports whether a tool came from a script (and so may be
// replaced by another script); built-ins may not.
func isScriptSource(src string) bool { return strings.HasSuffix(src, ".star") }

func schemaArg(v starlark.Value, limit int) (*jsonschema.Schema, error) {
	if v == starlark.None {
		return nil, nil
	}
	if _, ok := v.(*starlark.Dict); !ok {
		return nil, fmt.Errorf("got %s, want a dict (a JSON Schema)", v.Type())
	}
	raw, err := toJSON(v, limit)
	if err != nil {
		return nil, err
	}
	var s jsonschema.Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	return &s, nil
}
