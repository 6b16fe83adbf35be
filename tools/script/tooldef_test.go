package script

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools"
)

const addTool = `
def add(input):
    return {"sum": input["a"] + input.get("b", 0)}

register_tool(
    name = "math.add_ints",
    fn = add,
    description = "Add two integers.",
    input_schema = {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
        "required": ["a"],
    },
    examples = [{"a": 1, "b": 2}],
)
`

func TestRegisterAndCall(t *testing.T) {
	reg := builtinRegistry(t)
	r := New(reg, Limits{})
	res, err := r.Run(context.Background(), "add.star", addTool)
	if err != nil || len(res.Registered) != 1 {
		t.Fatalf("run: %v %+v", err, res)
	}
	d := res.Registered[0]
	if d.Name != "math.add_ints" || d.Source != "add.star" || d.InputSchema.Type != "object" || len(d.Examples) != 1 {
		t.Fatalf("definition %+v", d)
	}
	outs, err := d.Test(context.Background())
	if err != nil || len(outs) != 1 || string(outs[0]) != `{"sum":3}` {
		t.Fatalf("examples: %s %v", outs, err)
	}
	if _, err := reg.Lookup("math.add_ints"); err == nil {
		t.Fatal("registered tools must not enter the registry before Install")
	}
	if err := r.Install(d); err != nil {
		t.Fatal(err)
	}
	out, err := reg.Call(context.Background(), "math.add_ints", json.RawMessage(`{"a": 40, "b": 2}`))
	if err != nil || string(out) != `{"sum":42}` {
		t.Fatalf("call: %s %v", out, err)
	}
	_, err = reg.Call(context.Background(), "math.add_ints", json.RawMessage(`{"b": 2}`))
	if !errors.Is(err, tools.ErrInvalidInput) {
		t.Fatalf("missing field: %v", err)
	}
	// Other scripts see the new tool, as a call and as an attribute.
	res, err = r.Run(context.Background(), "use.star", `print(tools.call("math.add_ints", {"a": 1})["sum"], tools.math_add_ints(a=2, b=3)["sum"])`)
	if err != nil || res.Output != "1 5\n" {
		t.Fatalf("use: %q %v", res.Output, err)
	}
	// Another script may replace a script tool, never a built-in.
	if _, err := r.Run(context.Background(), "again.star", addTool); err != nil {
		t.Fatalf("re-register a script tool name: %v", err)
	}
}

func TestToolCallLimits(t *testing.T) {
	reg := tools.NewRegistry()
	r := New(reg, Limits{Steps: 1_000_000})
	tests := []struct {
		name, src string
		input     string
		want      error
		wantMsg   string
	}{
		{"loops forever", "register_tool('x.spin', lambda i: [0 for _ in range(100000000)], 'spin')", `{}`, ErrSteps, "steps"},
		{"not JSON", "register_tool('x.fn', lambda i: lambda: 1, 'returns a function')", `{}`, nil, "cannot be converted to JSON"},
		{"float nan", "register_tool('x.nan', lambda i: float('nan'), 'nan')", `{}`, nil, "not a JSON number"},
		{"registers inside a call", "def f(i):\n    register_tool('x.y', f, 'd')\nregister_tool('x.reg', f, 'd')", `{}`, ErrRegister, "not inside a tool call"},
		{"mutates frozen state", "seen = []\ndef f(i):\n    seen.append(1)\n    return len(seen)\nregister_tool('x.state', f, 'd')", `{}`, nil, "frozen"},
		{"calls itself", "def f(i):\n    return tools.call('x.self', {})\nregister_tool('x.self', f, 'd')", `{}`, ErrDepth, "nested more than 8 deep"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := r.Run(context.Background(), tc.name+".star", tc.src)
			if err != nil || len(res.Registered) != 1 {
				t.Fatalf("run: %v", err)
			}
			d := res.Registered[0]
			reg.Remove(d.Name)
			if err := r.Install(d); err != nil {
				t.Fatal(err)
			}
			_, err = reg.Call(context.Background(), d.Name, json.RawMessage(tc.input))
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("error %v, want %v containing %q", err, tc.want, tc.wantMsg)
			}
		})
	}
}

func TestRegisterErrors(t *testing.T) {
	r := New(builtinRegistry(t), Limits{})
	for _, src := range []string{
		"register_tool('a.b', lambda x: 1, '')",
		"register_tool('a.b', lambda x: 1, 'd')\nregister_tool('a.b', lambda x: 1, 'd')",
		"register_tool('a.b', 3, 'd')",
		"register_tool('a.b', lambda x: 1, 'd', input_schema=[1])",
		"register_tool('a.b', lambda x: 1, 'd', input_schema={'type': 'object', 'required': 5})",
		"register_tool('graph.shortest_path', lambda x: 1, 'd')",
	} {
		if _, err := r.Run(context.Background(), "bad.star", src); !errors.Is(err, ErrRegister) {
			t.Errorf("%q: error %v, want ErrRegister", src, err)
		}
	}
}

func TestStore(t *testing.T) {
	dir := t.TempDir()
	st := &Store{Dir: filepath.Join(dir, "tools")}
	if names, err := st.Names(); err != nil || len(names) != 0 {
		t.Fatalf("missing dir: %v %v", names, err)
	}
	if _, err := st.Save("math.add_ints", []byte(addTool)); err != nil {
		t.Fatal(err)
	}
	// Broken and misnamed files are skipped with a warning; so are a
	// built-in's name and a stray temporary file.
	files := map[string]string{
		"broken.tool.star":          "def (",
		"wrong.name.star":           strings.Replace(addTool, "math.add_ints", "other.name", 1),
		"sat.solve.star":            "register_tool('sat.solve', lambda x: 1, 'shadow')",
		".tmp-half.written.star-12": "def",
		"Bad Name.star":             addTool,
		"spins.forever.star":        "while True:\n    pass",
	}
	for name, code := range files {
		if err := os.WriteFile(filepath.Join(st.Dir, name), []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reg := builtinRegistry(t)
	var warnings []string
	defs := st.Load(context.Background(), New(reg, Limits{Steps: 100000}), func(path string, err error) {
		warnings = append(warnings, filepath.Base(path)+": "+err.Error())
	})
	if len(defs) != 1 || defs[0].Name != "math.add_ints" || defs[0].Source != st.Path("math.add_ints") {
		t.Fatalf("loaded %+v", defs)
	}
	if len(warnings) != 5 {
		t.Fatalf("warnings %q", warnings)
	}
	for _, w := range warnings {
		if strings.Contains(w, "\n") {
			t.Fatalf("multi-line warning %q", w)
		}
	}
	tool, err := reg.Lookup("math.add_ints")
	if err != nil || tool.Source != st.Path("math.add_ints") {
		t.Fatalf("lookup: %v", err)
	}
	if err := st.Remove("math.add_ints"); err != nil {
		t.Fatal(err)
	}
	if err := st.Remove("math.add_ints"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second remove: %v", err)
	}
	if _, err := st.Save("../evil", []byte("x")); !errors.Is(err, tools.ErrBadName) {
		t.Fatalf("path traversal: %v", err)
	}
}
