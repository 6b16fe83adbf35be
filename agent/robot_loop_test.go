package agent

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools"
)

// canonicalRobotRequests returns the AutoTAMP canonical instructions of
// testdata/robot/canonical_instructions.tsv as requests the offline model
// routes to the robot tools: each houseworld instruction (sent1..sent10)
// and the chip instruction prefixed with "in <scenario>: ".
func canonicalRobotRequests(t testing.TB, chips ...string) []string {
	t.Helper()
	f, err := os.Open("../testdata/robot/canonical_instructions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, instr, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(key, "#") {
			continue
		}
		if key == "chip" {
			for _, c := range chips {
				out = append(out, "in "+c+": "+instr)
			}
			continue
		}
		out = append(out, "in houseworld: "+instr)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) != 10+len(chips) {
		t.Fatalf("read %d canonical instructions, want %d", len(out), 10+len(chips))
	}
	return out
}

// robotRun is what one real robot run did: the outcome, the last
// robot.plan call's input and the robot check's verdicts.
type robotRun struct {
	out      *Outcome
	planIn   json.RawMessage
	routes   []string
	checksOK []bool // the robot check's verdicts, in order
}

func runRobot(t *testing.T, request string) robotRun {
	t.Helper()
	reg := loopRegistry(t)
	var rr robotRun
	cfg := Config{Model: NewOffline(reg), ModelName: "offline", Registry: reg, NoTranscript: true,
		Observe: func(e Event) {
			switch {
			case e.Type == EventTool && e.Tool == "robot.plan" && e.Error == "":
				rr.planIn = e.Input
			case e.Type == EventCheck && e.Check == "robot" && e.Applies != nil && *e.Applies:
				rr.checksOK = append(rr.checksOK, e.OK != nil && *e.OK)
			}
		}}
	out, err := Run(context.Background(), cfg, request)
	if err != nil {
		t.Fatal(err)
	}
	rr.out = out
	for _, s := range out.Routes {
		rr.routes = append(rr.routes, s.Route)
	}
	return rr
}

// TestRobotThroughLoop runs robot instructions over embedded scenarios
// through the real loop: agent.Run with the offline model and the real
// registry (robot.translate, robot.plan). Each must end answered, with the
// loop's robot check applied and accepting the answer, and the answer's
// trajectory must satisfy, by robot.check called here, the task robot.plan
// was given, with positive robustness.
func TestRobotThroughLoop(t *testing.T) {
	requests := canonicalRobotRequests(t, "chip1")
	requests = append(requests,
		"in houseworld: go to the kitchen then the bedroom",
		"houseworld: reach the dining room while always avoiding the living room",
		"chip2: collect key1 then go to goal1",
		"in rover: visit goal1 and then go to charging1",
		"Robot in the wall scenario: reach goal1, then goal3",
		"overcooked: visit ingredient2, then the cooking room",
	)
	reg := loopRegistry(t)
	for _, req := range requests {
		rr := runRobot(t, req)
		out := rr.out
		if out.Status != StatusAnswered || !out.Verified {
			t.Errorf("%q: status %s verified %v: %s", req, out.Status, out.Verified, out.Message)
			continue
		}
		if strings.Join(rr.routes, ",") != "tool,tool,answer" {
			t.Errorf("%q: routes %v, want translate, plan, answer", req, rr.routes)
		}
		if !verdict(out.Verdicts, "robot", true) || len(rr.checksOK) != 1 || !rr.checksOK[0] {
			t.Errorf("%q: robot check verdicts %+v (events %v)", req, out.Verdicts, rr.checksOK)
		}
		// Independently of the loop: the answer's trajectory against the
		// planned task in the scenario.
		traj, ok := ExtractTrajectory(out.Answer)
		if !ok || rr.planIn == nil {
			t.Errorf("%q: no trajectory in the answer or no robot.plan call", req)
			continue
		}
		var in struct {
			Env  json.RawMessage `json:"env"`
			Spec string          `json:"spec"`
		}
		if err := json.Unmarshal(rr.planIn, &in); err != nil || in.Spec == "" {
			t.Fatalf("%q: robot.plan input %s: %v", req, rr.planIn, err)
		}
		raw, err := reg.Call(context.Background(), "robot.check", must(json.Marshal(map[string]any{"env": in.Env, "spec": in.Spec, "trajectory": traj})))
		if err != nil {
			t.Fatalf("%q: robot.check: %v", req, err)
		}
		var res struct {
			Satisfied  bool     `json:"satisfied"`
			Robustness *float64 `json:"robustness"`
		}
		if err := json.Unmarshal(raw, &res); err != nil || !res.Satisfied || res.Robustness == nil || *res.Robustness <= 0 {
			t.Errorf("%q: robot.check says %s", req, raw)
		}
	}
}

// TestRobotThroughLoopDeclines: instructions the real tools cannot serve
// end cannot_answer with the tool's reason, never an unverified answer.
func TestRobotThroughLoopDeclines(t *testing.T) {
	for _, c := range []struct{ req, want string }{
		// robot.translate reports the word it does not know.
		{"in houseworld: go to the kitchen and then juggle", "robot.translate could not read the instruction"},
		// The goal sits behind the doors: no trajectory avoids them.
		{"Robot in chip1: reach goal1 avoiding all doors", "robot.plan found no trajectory"},
	} {
		rr := runRobot(t, c.req)
		if rr.out.Status != StatusCannotAnswer || !strings.Contains(rr.out.Message, c.want) || rr.out.Verified || rr.out.Answer != "" {
			t.Errorf("%q: %+v", c.req, rr.out)
		}
	}
}

// TestRobotCheckAfterTranslateOnly: a model that translates an instruction
// and then answers with a trajectory of its own (no robot.plan) is checked
// against the translated formula: a trajectory that stays put is rejected
// with guidance, robot.plan's trajectory is then accepted.
func TestRobotCheckAfterTranslateOnly(t *testing.T) {
	reg := loopRegistry(t)
	ctx := context.Background()
	raw, err := reg.Call(ctx, "robot.plan", []byte(`{"env": "houseworld", "spec": "F(kitchen & F bedroom)"}`))
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Robots map[string][][3]float64 `json:"robots"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil || len(plan.Robots["r1"]) < 2 {
		t.Fatalf("plan %s: %v", raw, err)
	}
	start := plan.Robots["r1"][0]
	stay := map[string]any{"robots": map[string]any{"r1": [][3]float64{start, {start[0], start[1], 5}}}}
	model := &ScriptedModel{Replies: []Message{
		{ToolCalls: []ToolCall{call("t", "robot.translate", `{"env": "houseworld", "instruction": "go to the kitchen then the bedroom"}`)}},
		{Content: "<<<" + string(must(json.Marshal(stay))) + ">>>"},
		{Content: "<<<" + string(must(json.Marshal(map[string]any{"robots": plan.Robots}))) + ">>>"},
	}}
	out, err := Run(ctx, Config{Model: model, Registry: reg, NoTranscript: true}, "in houseworld: go to the kitchen then the bedroom")
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != StatusAnswered || !out.Verified || out.GuidanceRounds != 1 || !verdict(out.Verdicts, "robot", true) || !verdict(out.History, "robot", false) {
		t.Fatalf("outcome %+v", out)
	}
}

// TestRobotCheckCannotCheck: when robot.check cannot read the task a
// trajectory was planned for, the answer is rejected, not accepted
// unverified.
func TestRobotCheckCannotCheck(t *testing.T) {
	reg := loopRegistry(t).Clone(nil)
	reg.Remove("robot.check")
	type in struct {
		Env        any    `json:"env"`
		Spec       string `json:"spec"`
		Trajectory any    `json:"trajectory"`
	}
	if err := tools.Add(reg, "robot.check", "test: a checker that cannot read any environment", func(context.Context, in) (struct{}, error) {
		return struct{}{}, errors.New("env: unreadable")
	}); err != nil {
		t.Fatal(err)
	}
	model := &ScriptedModel{Replies: []Message{
		{ToolCalls: []ToolCall{call("p", "robot.plan", `{"env": "houseworld", "spec": "F kitchen"}`)}},
		{Content: `<<<{"robots": {"r1": [[1.3, -1.3, 0], [1.3, -1.3, 1]]}}>>>`},
	}}
	out, err := Run(context.Background(), Config{Model: model, Registry: reg, NoTranscript: true, MaxGuidance: -1}, "in houseworld: go to the kitchen")
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != StatusRejected || out.Verified || len(out.Verdicts) != 1 || out.Verdicts[0].OK ||
		!strings.Contains(strings.Join(out.Verdicts[0].Reasons, " "), "could not check the answer") {
		t.Fatalf("outcome %+v", out)
	}
}

// TestTravelCheckCannotCheck: a plan the evaluator cannot judge is not
// accepted unverified (the offline model plans a training query; the
// registry's travel.evaluate is replaced by one that always fails).
func TestTravelCheckCannotCheck(t *testing.T) {
	reg := loopRegistry(t).Clone(nil)
	reg.Remove("travel.evaluate")
	type in struct {
		Query any `json:"query"`
		Plan  any `json:"plan"`
	}
	if err := tools.Add(reg, "travel.evaluate", "test: an evaluator that always fails", func(context.Context, in) (struct{}, error) {
		return struct{}{}, errors.New("travel: evaluator unavailable")
	}); err != nil {
		t.Fatal(err)
	}
	q := offTrainQueries(t)[0]
	out, err := Run(context.Background(), Config{Model: NewOffline(reg), Registry: reg, NoTranscript: true}, q.Query)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status == StatusAnswered || out.Verified || !verdict(out.History, "travel", false) ||
		!strings.Contains(strings.Join(out.History[0].Reasons, " "), "travel.evaluate could not check the plan") {
		t.Fatalf("outcome %+v", out)
	}
}
