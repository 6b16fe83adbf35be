package builtin_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func callTool(t *testing.T, name, in string, out any) error {
	t.Helper()
	r, err := builtin.New(builtin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := r.Call(context.Background(), name, json.RawMessage(in))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
	return nil
}

func readTestdata(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/robot/" + path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRobotCheckTool(t *testing.T) {
	env := readTestdata(t, "wall.json")
	traj := readTestdata(t, "examples/wall.json")
	var out builtin.RobotCheckOutput
	in := `{"env": ` + env + `, "spec": "F G r1.goal1 & F G r2.goal2 & F G r3.goal3 & F G r4.goal4", "trajectory": ` + traj + `}`
	out = builtin.RobotCheckOutput{}
	if err := callTool(t, "robot.check", in, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Satisfied || !out.SpecHolds || out.Robustness == nil || *out.Robustness < 0.1099 || *out.Robustness > 0.1101 || len(out.Robots) != 4 || out.MinSeparation == nil {
		t.Fatalf("%+v", out)
	}
	// A violated spec is a result: the failure says where and when.
	in = `{"env": ` + env + `, "spec": "G !goal2", "trajectory": ` + traj + `}`
	out = builtin.RobotCheckOutput{}
	if err := callTool(t, "robot.check", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Satisfied || out.Failure == nil || out.Failure.Formula != "!goal2" || !strings.Contains(out.Failure.Reason, "goal2 holds at t=") {
		t.Fatalf("%+v", out)
	}
	// AutoTAMP tokens, CSV trajectory given as a string, and a violation.
	in = `{"env": {"bounds": [0, 4, 0, 4], "robots": [{"name": "r1", "start": [0.5, 0.5], "max_speed": 1}],
	  "regions": [{"name": "key", "box": [1, 2, 0, 1]}, {"name": "door", "box": [3, 4, 0, 1]}]},
	  "prefix": ["until", "not_enter(room2)", "enter(room1)"],
	  "trajectory": "robot,x,y,t\nr1,0.5,0.5,0\nr1,3.5,0.5,2\n", "skip_robustness": true}`
	out = builtin.RobotCheckOutput{}
	if err := callTool(t, "robot.check", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Spec != "!door U key" || !out.SpecHolds || out.Satisfied || len(out.Violations) != 1 || out.Violations[0].Kind != "speed" || out.Robustness != nil {
		t.Fatalf("%+v", out)
	}
	// No spec: physical limits only; a constant spec has infinite robustness.
	in = `{"env": ` + env + `, "spec": "true", "trajectory": ` + traj + `}`
	out = builtin.RobotCheckOutput{}
	if err := callTool(t, "robot.check", in, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Satisfied || out.Robustness != nil || out.RobustnessInf != "+inf" {
		t.Fatalf("%+v", out)
	}
}

func TestRobotToolErrors(t *testing.T) {
	env := readTestdata(t, "wall.json")
	traj := readTestdata(t, "examples/wall.json")
	for _, c := range []struct{ name, in, want string }{
		{"robot.check", `{"env": {"robts": []}, "trajectory": {}}`, `env: robot: invalid environment: unknown key "robts"`},
		{"robot.check", `{"env": ` + env + `, "spec": "F goal9", "trajectory": ` + traj + `}`, `robot: spec at column 3: unknown region "goal9"`},
		{"robot.check", `{"env": ` + env + `, "spec": "F (goal1", "trajectory": ` + traj + `}`, `spec: stl: column 9: want ")"`},
		{"robot.check", `{"env": ` + env + `, "spec": "F goal1", "prefix": ["enter(goal1)"], "trajectory": ` + traj + `}`, "give spec or prefix, not both"},
		{"robot.check", `{"env": ` + env + `, "prefix": ["and", "enter(goal1)"], "trajectory": ` + traj + `}`, "prefix: stl: the prefix list has 1 more operator(s)"},
		{"robot.check", `{"env": ` + env + `, "trajectory": {"robots": {"r1": [[0, 0, 1]]}}}`, `trajectory: robot: invalid trajectory: robot "r1": waypoint 0: time 1, want 0`},
		{"robot.check", `{"env": ` + env + `}`, `missing properties: ["trajectory"]`},
		{"robot.render", `{"env": ` + env + `, "format": "gif"}`, `robot: render: format "gif": want svg or png`},
		{"stl.parse", `{"spec": "F[0,5 a"}`, `stl: column 7: want "]" after the bounds, found "a"`},
		{"stl.parse", `{}`, "give exactly one of spec, prefix and prefix_text"},
		{"stl.parse", `{"prefix_text": "['and', 'a'"}`, `stl: column 12: unexpected end of input; want "," or "]"`},
	} {
		var out map[string]any
		err := callTool(t, c.name, c.in, &out)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: %v, want %q", c.name, c.in[:min(len(c.in), 60)], err, c.want)
		}
	}
}

func TestRobotRenderTool(t *testing.T) {
	env := readTestdata(t, "rover.json")
	traj := readTestdata(t, "examples/rover.json")
	var out builtin.RobotRenderOutput
	if err := callTool(t, "robot.render", `{"env": `+env+`, "trajectory": `+traj+`}`, &out); err != nil {
		t.Fatal(err)
	}
	if out.Format != "svg" || !strings.HasPrefix(out.SVG, "<?xml") || !strings.Contains(out.SVG, "transmitter1") || out.Bytes != len(out.SVG) {
		t.Fatalf("svg output: %d bytes", out.Bytes)
	}
	if err := callTool(t, "robot.render", `{"env": `+env+`, "format": "png", "width": 300}`, &out); err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(out.PNGBase64)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil || img.Bounds().Dx() != 600 {
		t.Fatalf("png: %v %v", err, img.Bounds())
	}
}

func TestSTLParseTool(t *testing.T) {
	var out builtin.STLParseOutput
	if err := callTool(t, "stl.parse", `{"spec": "!door1 U key1 & F[0,5] G[0,2] r2.goal"}`, &out); err != nil {
		t.Fatal(err)
	}
	if out.Formula != "(!door1 U key1) & F[0,5] G[0,2] r2.goal" || out.Bounded || out.Span != nil || len(out.Atoms) != 3 || out.Atoms[2].Robot != "r2" || out.Size != 8 {
		t.Fatalf("%+v", out)
	}
	tree, _ := json.Marshal(out.Tree)
	if !strings.HasPrefix(string(tree), `{"args":[{"args":[{"args":[{"op":"atom","region":"door1"}],"op":"not"}`) {
		t.Fatalf("tree %s", tree)
	}
	if err := callTool(t, "stl.parse", `{"prefix_text": "['finally [0, infinite]', 'enter(room1)']", "horizon": 50}`, &out); err != nil {
		t.Fatal(err)
	}
	if out.Formula != "F[0,50] room1" || !out.Bounded || out.Span == nil || *out.Span != 50 {
		t.Fatalf("%+v", out)
	}
}
