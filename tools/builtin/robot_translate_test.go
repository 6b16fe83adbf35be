package builtin_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func TestRobotTranslateTool(t *testing.T) {
	instr := "Proceed towards the green bedroom, and then make your way to the yellow bathroom, but never enter the living room."
	want := "F(master_bedroom & F restroom) & G !living_room"
	// by scenario name and inline
	for _, env := range []any{"houseworld", json.RawMessage(readTestdata(t, "houseworld.json")), string(readTestdata(t, "houseworld.json"))} {
		in, _ := json.Marshal(map[string]any{"env": env, "instruction": instr})
		var out builtin.RobotTranslateOutput
		if err := callTool(t, "robot.translate", string(in), &out); err != nil {
			t.Fatal(err)
		}
		if out.Formula != want || out.Error != "" || len(out.Notes) < 3 {
			t.Fatalf("%+v", out)
		}
	}
	// the formula goes straight to robot.plan
	in, _ := json.Marshal(map[string]any{"env": json.RawMessage(readTestdata(t, "houseworld.json")), "spec": want})
	var plan builtin.RobotPlanOutput
	if err := callTool(t, "robot.plan", string(in), &plan); err != nil || !plan.Check.Satisfied {
		t.Fatalf("%v %+v", err, plan.Check)
	}
	// unknown words are a result the caller can read
	in, _ = json.Marshal(map[string]any{"env": "houseworld", "instruction": "Go to the garage and the attic."})
	var out builtin.RobotTranslateOutput
	if err := callTool(t, "robot.translate", string(in), &out); err != nil {
		t.Fatal(err)
	}
	if out.Formula != "" || strings.Join(out.UnknownWords, ",") != "garage,attic" || !strings.Contains(out.Error, `"garage"`) {
		t.Fatalf("%+v", out)
	}
	// a bad environment is an error
	in, _ = json.Marshal(map[string]any{"env": "nowhere", "instruction": "Go to the kitchen."})
	if err := callTool(t, "robot.translate", string(in), &out); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Fatalf("got %v", err)
	}
}
