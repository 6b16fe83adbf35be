package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

const (
	nqueensScript = "../../../../testdata/scripts/nqueens.star"
	helloScript   = "../../../../testdata/scripts/hello.star"
	nqueensTool   = "puzzle.nqueens_sat"
)

// checkQueens verifies a board independently of the script.
func checkQueens(t *testing.T, n int, raw []byte) {
	t.Helper()
	var res struct {
		Status   string `json:"status"`
		Queens   []int  `json:"queens"`
		Verified bool   `json:"verified"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("output %s: %v", raw, err)
	}
	if res.Status != "sat" || !res.Verified || len(res.Queens) != n {
		t.Fatalf("n=%d: %s", n, raw)
	}
	for r1, c1 := range res.Queens {
		if c1 < 0 || c1 >= n {
			t.Fatalf("row %d off the board: %s", r1, raw)
		}
		for r2 := r1 + 1; r2 < n; r2++ {
			c2 := res.Queens[r2]
			if c1 == c2 || c1-c2 == r2-r1 || c2-c1 == r2-r1 {
				t.Fatalf("rows %d and %d attack: %s", r1, r2, raw)
			}
		}
	}
}

// skipIfBuiltin skips when a later built-in took the example's name.
func skipIfBuiltin(t *testing.T, dir string) {
	t.Helper()
	r := run(t, "", "--tools-dir", dir, "tools", "describe", nqueensTool, "--json")
	if r.code == 0 && strings.Contains(r.stdout, `"source": "builtin"`) {
		t.Skipf("%s is now a built-in tool", nqueensTool)
	}
}

func TestRunScript(t *testing.T) {
	dir := t.TempDir()
	r := run(t, "", "--tools-dir", dir, "run", helloScript)
	if r.code != 0 || !strings.Contains(r.stdout, "sat.solve: sat [-1, 2, 3]") || r.stderr != "" {
		t.Fatalf("hello: %+v", r)
	}
	r = run(t, "print(tools.sat_solve(clauses=[[1], [-1]])['status'])", "--tools-dir", dir, "run", "-")
	if r.code != 0 || r.stdout != "unsat\n" {
		t.Fatalf("stdin: %+v", r)
	}
	r = run(t, "while True:\n    pass", "--tools-dir", dir, "run", "--steps", "1000", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, "step limit exceeded: more than 1000 steps") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("steps: %+v", r)
	}
	r = run(t, "while True:\n    pass", "--tools-dir", dir, "run", "--steps", "1000000000000", "--timeout", "100ms", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, "timeout after 100ms") {
		t.Fatalf("timeout: %+v", r)
	}
	r = run(t, "print('x' * 100)\nprint(open('/etc/passwd'))", "--tools-dir", dir, "run", "--json", "-")
	var out runJSON
	if r.code != ExitError || json.Unmarshal([]byte(r.stdout), &out) != nil || !strings.Contains(out.Error, "undefined: open") {
		t.Fatalf("json: %+v", r)
	}
	r = run(t, "register_tool('demo.x', lambda i: 1, 'demo')", "--tools-dir", dir, "run", "-")
	if r.code != 0 || !strings.Contains(r.stderr, "registered demo.x (not kept") {
		t.Fatalf("ephemeral tool: %+v", r)
	}
	r = run(t, "", "run", "--steps", "0", helloScript)
	if r.code != ExitUsage {
		t.Fatalf("bad flag: %+v", r)
	}
}

func TestRunPythonCmd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts python")
	}
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no python3")
	}
	r := run(t, "import math\nprint(math.comb(10, 3))", "run", "--python", "-")
	if r.code != 0 || r.stdout != "120\n" {
		t.Fatalf("python: %+v", r)
	}
	r = run(t, "while True: pass", "run", "--python", "--timeout", "300ms", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, "timeout") {
		t.Fatalf("python timeout: %+v", r)
	}
}

func TestToolsAddCallRemove(t *testing.T) {
	dir := t.TempDir()
	skipIfBuiltin(t, dir)
	r := run(t, "", "--tools-dir", dir, "tools", "add", nqueensScript)
	if r.code != 0 || !strings.Contains(r.stdout, "added "+nqueensTool+" (4 example(s) passed)") {
		t.Fatalf("add: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, nqueensTool+".star")); err != nil {
		t.Fatal(err)
	}
	// A fresh factory (as a new process would) lists, describes and calls it.
	r = run(t, "", "--tools-dir", dir, "tools", "list")
	if r.code != 0 || !strings.Contains(r.stdout, nqueensTool) || !strings.Contains(r.stdout, "sat.solve") {
		t.Fatalf("list: %+v", r)
	}
	r = run(t, "", "--tools-dir", dir, "tools", "describe", nqueensTool)
	if r.code != 0 || !strings.Contains(r.stdout, "n  integer  required  board size") {
		t.Fatalf("describe: %+v", r)
	}
	for _, n := range []int{1, 5, 8} {
		r = run(t, "", "--tools-dir", dir, "tools", "call", nqueensTool, "--input", fmt.Sprintf(`{"n": %d}`, n))
		if r.code != 0 {
			t.Fatalf("call n=%d: %+v", n, r)
		}
		checkQueens(t, n, []byte(r.stdout))
	}
	r = run(t, "", "--tools-dir", dir, "tools", "call", nqueensTool, "--input", `{"n": 0}`)
	if r.code != ExitError || !strings.Contains(r.stderr, `field "n"`) {
		t.Fatalf("bad input: %+v", r)
	}
	// Scripts see it too.
	r = run(t, "print(tools.puzzle_nqueens_sat(n=4)['queens'])", "--tools-dir", dir, "run", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "[") {
		t.Fatalf("from a script: %+v", r)
	}
	// Name clashes.
	r = run(t, "", "--tools-dir", dir, "tools", "add", nqueensScript)
	if r.code != ExitError || !strings.Contains(r.stderr, "already exists") || !strings.Contains(r.stderr, "--replace") {
		t.Fatalf("clash: %+v", r)
	}
	r = run(t, "", "--tools-dir", dir, "tools", "add", "--replace", nqueensScript)
	if r.code != 0 {
		t.Fatalf("replace: %+v", r)
	}
	r = run(t, "register_tool('sat.solve', lambda i: {}, 'shadow')", "--tools-dir", dir, "tools", "add", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, "cannot be shadowed") {
		t.Fatalf("shadow: %+v", r)
	}
	r = run(t, "register_tool('demo.bad', lambda i: 1 // 0, 'fails', examples=[{}])", "--tools-dir", dir, "tools", "add", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, "example 1") {
		t.Fatalf("failing example: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "demo.bad.star")); !os.IsNotExist(err) {
		t.Fatal("a tool whose example fails was persisted")
	}
	r = run(t, "x = 1", "--tools-dir", dir, "tools", "add", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, "registers no tool") {
		t.Fatalf("no tool: %+v", r)
	}
	// Removal.
	r = run(t, "", "--tools-dir", dir, "tools", "remove", "sat.solve")
	if r.code != ExitError || !strings.Contains(r.stderr, "built-in") {
		t.Fatalf("remove built-in: %+v", r)
	}
	r = run(t, "", "--tools-dir", dir, "tools", "remove", nqueensTool)
	if r.code != 0 || r.stdout != "removed "+nqueensTool+"\n" {
		t.Fatalf("remove: %+v", r)
	}
	r = run(t, "", "--tools-dir", dir, "tools", "remove", nqueensTool)
	if r.code != ExitError || !strings.Contains(r.stderr, "no script tool") {
		t.Fatalf("remove again: %+v", r)
	}
	r = run(t, "", "--tools-dir", dir, "tools", "list")
	if strings.Contains(r.stdout, nqueensTool) {
		t.Fatalf("still listed: %+v", r)
	}
}

func TestBrokenScriptToolIsSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "demo.broken.star"), []byte("def (\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PLANKIT_TOOLS_DIR", dir)
	r := run(t, "", "tools", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "sat.solve") {
		t.Fatalf("list: %+v", r)
	}
	if !strings.HasPrefix(r.stderr, "plankit: warning: skipping script tool ") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "demo.broken.star") {
		t.Fatalf("warning %q", r.stderr)
	}
}

// TestScriptToolEndToEnd drives the real binary: tools add, then fresh
// processes list and call the tool, and the MCP server offers it.
func TestScriptToolEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	env := append(os.Environ(), "PLANKIT_TOOLS_DIR="+dir)
	plankit := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.Output()
		if ee, ok := err.(*exec.ExitError); ok {
			t.Logf("stderr: %s", ee.Stderr)
		}
		return string(out), err
	}
	if out, err := plankit("tools", "describe", nqueensTool, "--json"); err == nil && strings.Contains(out, `"source": "builtin"`) {
		t.Skipf("%s is now a built-in tool", nqueensTool)
	}
	if out, err := plankit("tools", "add", nqueensScript); err != nil || !strings.Contains(out, "added") {
		t.Fatalf("add: %q %v", out, err)
	}
	if out, err := plankit("tools", "list"); err != nil || !strings.Contains(out, nqueensTool) {
		t.Fatalf("list: %q %v", out, err)
	}
	out, err := plankit("tools", "call", nqueensTool, "--input", `{"n":8}`)
	if err != nil {
		t.Fatalf("call: %v", err)
	}
	checkQueens(t, 8, []byte(out))

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	client := mcp.NewClient(&mcp.Implementation{Name: "plankit-test", Version: "0"}, nil)
	cmd := exec.Command(bin, "mcp")
	cmd.Env = env
	sess, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer sess.Close()
	list, err := sess.ListTools(ctx, nil)
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	var found *mcp.Tool
	for _, tl := range list.Tools {
		if tl.Name == nqueensTool {
			found = tl
		}
	}
	if found == nil || found.InputSchema == nil || found.OutputSchema == nil || !strings.Contains(found.Description, "queens") {
		t.Fatalf("%s missing or incomplete in tools/list", nqueensTool)
	}
	res, err := sess.CallTool(ctx, &mcp.CallToolParams{Name: nqueensTool, Arguments: map[string]any{"n": 8}})
	if err != nil || res.IsError {
		t.Fatalf("tools/call: %v %+v", err, res)
	}
	raw, _ := json.Marshal(res.StructuredContent)
	checkQueens(t, 8, raw)
	res, err = sess.CallTool(ctx, &mcp.CallToolParams{Name: nqueensTool, Arguments: map[string]any{"n": "eight"}})
	if err != nil || !res.IsError {
		t.Fatalf("bad input: %v %+v", err, res)
	}
}
