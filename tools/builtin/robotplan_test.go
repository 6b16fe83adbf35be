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
	// Several robots: the Wall task, four robots through a 1-unit gap.
	wall := readTestdata(t, "wall.json")
	spec := "F G r1.goal1 & F G r2.goal2 & F G r3.goal3 & F G r4.goal4"
	in, _ = json.Marshal(map[string]any{"env": json.RawMessage(wall), "spec": spec})
	if err := callTool(t, "robot.plan", string(in), &out); err != nil {
		t.Fatal(err)
	}
	if !out.Check.Satisfied || len(out.Robots) != 4 || len(out.Orders["r3"]) != 1 {
		t.Fatalf("%+v", out)
	}
	chkIn, _ = json.Marshal(map[string]any{"env": json.RawMessage(wall), "spec": spec, "trajectory": map[string]any{"robots": out.Robots}})
	if err := callTool(t, "robot.check", string(chkIn), &chk); err != nil || !chk.Satisfied {
		t.Fatalf("%v %+v", err, chk)
	}
	in, _ = json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F kitchen | F bedroom"})
	if err := callTool(t, "robot.plan", string(in), &out); err == nil || !strings.Contains(err.Error(), "unsupported") {
		t.Fatalf("got %v", err)
	}
}

// Bad input to robot.plan: one message each, naming the problem once
// (review: "robot.plan: robot.plan: give spec or prefix"; a negative
// margin was taken as the default).
func TestRobotPlanToolErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"env": "houseworld", "spec": ""}`, "give spec or prefix"},
		{`{"env": "houseworld", "spec": "F kitchen", "margin": -1}`, "must not be negative"},
		{`{"env": "houseworld", "spec": "F kitchen", "separation": -0.5}`, "must not be negative"},
	} {
		var out builtin.RobotPlanOutput
		err := callTool(t, "robot.plan", tc.in, &out)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Count(err.Error(), "robot.plan") > 1 {
			t.Errorf("%s: got %v, want %q", tc.in, err, tc.want)
		}
	}
}
