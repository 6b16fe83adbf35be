package builtin_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func TestRobotPlanTool(t *testing.T) {
	env := readTestdata(t, "houseworld.json")
	in, _ := json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F(master_bedroom & F restroom) & G !living_room"})
	var out builtin.RobotPlanOutput
	if err := callTool(t, "robot.plan", string(in), &out); err != nil {
		t.Fatal(err)
	}
	if !out.Check.Satisfied || out.Check.Robustness == nil || *out.Check.Robustness <= 0 || len(out.Robots["r1"]) < 2 {
		t.Fatalf("%+v", out)
	}
	// The returned plan passes robot.check on its own.
	chkIn, _ := json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F(master_bedroom & F restroom) & G !living_room",
		"trajectory": map[string]any{"robots": out.Robots}})
	var chk builtin.RobotCheckOutput
	if err := callTool(t, "robot.check", string(chkIn), &chk); err != nil {
		t.Fatal(err)
	}
	if !chk.Satisfied {
		t.Fatalf("%+v", chk)
	}
	in, _ = json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F kitchen | F bedroom"})
	if err := callTool(t, "robot.plan", string(in), &out); err == nil || !strings.Contains(err.Error(), "unsupported") {
		t.Fatalf("got %v", err)
	}
}
