package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/travel"
)

const travelText = "Please help me plan a trip from St. Petersburg to Rockford spanning 3 days from March 16th to March 18th, 2022. The travel should be planned for a single person with a budget of $1,700."

// solveTravel calls travel.solve on text and returns the solver's plan.
func solveTravel(t *testing.T, text string) (status string, plan []travel.PlanDay) {
	t.Helper()
	in, _ := json.Marshal(map[string]any{"text": text})
	raw, err := loopRegistry(t).Call(context.Background(), "travel.solve", in)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Result travel.Solution `json:"result"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out.Result.Status, out.Result.Plan
}

// textPlan writes a plan in TravelPlanner's text form.
func textPlan(plan []travel.PlanDay) string {
	var b strings.Builder
	for _, d := range plan {
		fmt.Fprintf(&b, "Day %d:\nCurrent City: %s\nTransportation: %s\nBreakfast: %s\nAttraction: %s\nLunch: %s\nDinner: %s\nAccommodation: %s\n\n",
			d.Days, d.CurrentCity, d.Transportation, d.Breakfast, d.Attraction, d.Lunch, d.Dinner, d.Accommodation)
	}
	return b.String()
}

func TestTravelCheckSteers(t *testing.T) {
	status, plan := solveTravel(t, travelText)
	if status != travel.StatusSolved || len(plan) != 3 {
		t.Fatalf("solve: %s %+v", status, plan)
	}
	wrong := append([]travel.PlanDay(nil), plan...)
	wrong[1].Breakfast = "The Imaginary Diner, Rockford"
	wrongJSON, _ := json.Marshal(wrong)
	call := call("t1", "travel.solve", string(must(json.Marshal(map[string]any{"text": travelText}))))
	model := &recModel{inner: &ScriptedModel{Replies: []Message{
		{ToolCalls: []ToolCall{call}},
		{Content: "Here is your plan:\n<<<" + string(wrongJSON) + ">>>"},
		{Content: "Corrected plan:\n\n" + textPlan(plan)},
	}}}
	out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true}, travelText)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != StatusAnswered || !out.Verified || out.GuidanceRounds != 1 || !verdict(out.Verdicts, "travel", true) {
		t.Fatalf("outcome %+v", out)
	}
	g := model.last(2).Content
	if !strings.HasPrefix(g, "Guidance: the travel check rejected the answer: ") || !strings.Contains(g, "The Imaginary Diner") {
		t.Fatalf("guidance %q", g)
	}
	// Without a plan in the answer the check rejects it.
	model = &recModel{inner: &ScriptedModel{Replies: []Message{{ToolCalls: []ToolCall{call}}, {Content: "<<<I found a great trip.>>>"}}}}
	out, err = Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true, MaxGuidance: -1}, travelText)
	if err != nil || out.Status != StatusRejected || !strings.Contains(out.Message, "the answer contains no plan the evaluator can read") {
		t.Fatalf("no plan: %+v %v", out, err)
	}
}

// TestTravelCheckWithoutTools: a model that answers a travel request with a
// made-up plan without calling any travel tool is still held to the
// evaluator (the request is read with travel.parse_query), and a correct
// plan given the same way is verified.
func TestTravelCheckWithoutTools(t *testing.T) {
	_, plan := solveTravel(t, travelText)
	wrong := append([]travel.PlanDay(nil), plan...)
	wrong[1].Breakfast = "The Imaginary Diner, Rockford"
	wrongJSON, _ := json.Marshal(wrong)
	model := &recModel{inner: &ScriptedModel{Replies: []Message{
		{Content: "Here is your plan:\n<<<" + string(wrongJSON) + ">>>"},
		{Content: "Corrected plan:\n\n" + textPlan(plan)},
	}}}
	out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true}, travelText)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != StatusAnswered || !out.Verified || out.GuidanceRounds != 1 || !verdict(out.Verdicts, "travel", true) || out.ToolCalls != 0 {
		t.Fatalf("outcome %+v", out)
	}
	if g := model.last(1).Content; !strings.Contains(g, "The Imaginary Diner") {
		t.Fatalf("guidance %q", g)
	}
	// A correct JSON plan followed by a different one is not accepted on
	// the strength of the first.
	goodJSON, _ := json.Marshal(plan)
	model = &recModel{inner: &ScriptedModel{Replies: []Message{
		{Content: "Option A:\n```json\n" + string(goodJSON) + "\n```\nI recommend option B:\n```json\n" + string(wrongJSON) + "\n```"},
		{Content: "<<<" + string(goodJSON) + ">>>"},
	}}}
	out, err = Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true}, travelText)
	if err != nil || out.Status != StatusAnswered || !out.Verified || out.GuidanceRounds != 1 {
		t.Fatalf("two plans: %+v %v", out, err)
	}
	if g := model.last(1).Content; !strings.Contains(g, "the answer contains 2 different plans") {
		t.Fatalf("guidance %q", g)
	}
	// A request that is not a complete travel query gets no travel check.
	model = &recModel{inner: &ScriptedModel{Replies: []Message{{Content: "<<<" + string(wrongJSON) + ">>>"}}}}
	out, err = Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true}, "Show me a 3-day plan as JSON.")
	if err != nil || out.Status != StatusAnswered || out.Verified || len(out.History) != 0 {
		t.Fatalf("not a travel query: %+v %v", out, err)
	}
}

func TestTravelCheckInfeasible(t *testing.T) {
	text := strings.Replace(travelText, "$1,700", "$100", 1)
	if status, _ := solveTravel(t, text); status != "infeasible" {
		t.Fatalf("status %s", status)
	}
	args := string(must(json.Marshal(map[string]any{"text": text, "no_relaxations": true})))
	for _, tc := range []struct {
		answer string
		ok     bool
	}{
		{"<<<No plan exists: the query is infeasible within $100.>>>", true},
		{"<<<Fly there and enjoy.>>>", false},
	} {
		model := &ScriptedModel{Replies: []Message{{ToolCalls: []ToolCall{call("t", "travel.solve", args)}}, {Content: tc.answer}}}
		out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true, MaxGuidance: -1}, text)
		if err != nil || (out.Status == StatusAnswered) != tc.ok || out.Verified != tc.ok {
			t.Fatalf("%q: %+v %v", tc.answer, out, err)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestRobotCheckSteers(t *testing.T) {
	env, err := os.ReadFile("../testdata/robot/houseworld.json")
	if err != nil {
		t.Fatal(err)
	}
	spec := "F(master_bedroom & F restroom) & G !living_room"
	args := must(json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": spec}))
	raw, err := loopRegistry(t).Call(context.Background(), "robot.plan", args)
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Robots map[string][][3]float64 `json:"robots"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil || len(plan.Robots["r1"]) < 2 {
		t.Fatalf("plan %s %v", raw, err)
	}
	start := plan.Robots["r1"][0]
	stay := map[string]any{"robots": map[string]any{"r1": [][3]float64{start, {start[0], start[1], 5}}}}
	good := map[string]any{"robots": plan.Robots}
	model := &recModel{inner: &ScriptedModel{Replies: []Message{
		{ToolCalls: []ToolCall{call("r", "robot.plan", string(args))}},
		{Content: "The robot can stay put: <<<" + string(must(json.Marshal(stay))) + ">>>"},
		{Content: "```json\n" + string(must(json.Marshal(good))) + "\n```\nThis trajectory visits the master bedroom, then the restroom."},
	}}}
	out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true}, "Go to the master bedroom, then the restroom, never entering the living room.")
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != StatusAnswered || !out.Verified || out.GuidanceRounds != 1 || !verdict(out.Verdicts, "robot", true) {
		t.Fatalf("outcome %+v", out)
	}
	if g := model.last(2).Content; !strings.HasPrefix(g, "Guidance: the robot check rejected the answer: ") || !strings.Contains(g, "fails at t=") {
		t.Fatalf("guidance %q", g)
	}
}

// TestRobotCheckUsesTranslation: a model that translates the instruction
// with robot.translate and then plans for a weaker spec of its own is held
// to the translated task, not to the spec it chose.
func TestRobotCheckUsesTranslation(t *testing.T) {
	env, err := os.ReadFile("../testdata/robot/houseworld.json")
	if err != nil {
		t.Fatal(err)
	}
	instr := "Go to the master bedroom, then the restroom, and never enter the living room."
	trArgs := must(json.Marshal(map[string]any{"env": json.RawMessage(env), "instruction": instr}))
	weak := must(json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F master_bedroom"}))
	raw, err := loopRegistry(t).Call(context.Background(), "robot.plan", weak)
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Robots map[string]json.RawMessage `json:"robots"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		t.Fatal(err)
	}
	weakTraj := string(must(json.Marshal(map[string]any{"robots": plan.Robots})))
	model := &recModel{inner: &ScriptedModel{Replies: []Message{
		{ToolCalls: []ToolCall{call("t", "robot.translate", string(trArgs))}},
		{ToolCalls: []ToolCall{call("p", "robot.plan", string(weak))}},
		{Content: "<<<" + weakTraj + ">>>"},
	}}}
	out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true, MaxGuidance: -1}, instr)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != StatusRejected || out.Verified || !verdict(out.Verdicts, "robot", false) {
		t.Fatalf("a trajectory for a weaker spec passed: %+v", out)
	}
}

func TestReadSATAnswer(t *testing.T) {
	for _, tc := range []struct {
		in         string
		sat, unsat bool
		model      []int
	}{
		{"[-1, 2]", false, false, []int{-1, 2}},
		{"The formula is satisfiable with model [1, -2, 3].", true, false, []int{1, -2, 3}},
		{"s SATISFIABLE\nv 1 -2 3 0\n", true, false, []int{1, -2, 3}},
		{"1 -2 3", false, false, []int{1, -2, 3}},
		{"SAT: 1, -2", true, false, []int{1, -2}},
		{"UNSAT", false, true, nil},
		{"The formula is unsatisfiable.", false, true, nil},
		{"satisfiable", true, false, nil},
		{"I think so, with 3 clauses true", false, false, nil},
		{"[]", false, false, nil},
		{"SAT: x1=true, x2=false", true, false, []int{1, -2}},
		{"satisfiable with x1 = 0 and x3 = 1", true, false, []int{-1, 3}},
		{"X2: False, x10 is True", false, false, []int{-2, 10}},
	} {
		a := ReadSATAnswer(tc.in)
		if a.Sat != tc.sat || a.Unsat != tc.unsat || fmt.Sprint(a.Model) != fmt.Sprint(tc.model) || a.HasModel != (len(tc.model) > 0) {
			t.Errorf("%q: got %+v", tc.in, a)
		}
	}
	clauses := [][]int{{1, 2}, {-1}, {-2, 3}}
	if r := CheckModel(clauses, []int{-1, 2, 3}); len(r) != 0 {
		t.Fatal(r)
	}
	if r := CheckModel(clauses, []int{1, -1}); len(r) != 1 || !strings.Contains(r[0], "both true and false") {
		t.Fatal(r)
	}
	if r := CheckModel(clauses, []int{1, 2, -3}); len(r) != 2 {
		t.Fatal(r)
	}
}

func TestExtractTravelPlan(t *testing.T) {
	day := `{"days": 1, "current_city": "from A to B", "transportation": "-", "breakfast": "-", "attraction": "-", "lunch": "-", "dinner": "-", "accommodation": "-"}`
	for _, tc := range []struct {
		in   string
		days int
	}{
		{"[" + day + "]", 1},
		{"Plan:\n```json\n{\"plan\": [" + day + ", " + strings.Replace(day, `"days": 1`, `"days": 2`, 1) + "]}\n```", 2},
		{"**Day 1:**\n- Current City: from A to B\n- Transportation: Taxi\n\nDay 2:\nCurrent City: B\nAccommodation: Inn, B", 2},
		{"Day 1: nothing\nBreakfast: eggs", 0},
		{"[1, 2, 3] and {\"x\": 1}", 0},
		{"no plan here", 0},
	} {
		p, ok := ExtractTravelPlan(tc.in)
		if ok != (tc.days > 0) || len(p) != tc.days {
			t.Errorf("%q: %d days, %v", tc.in, len(p), ok)
		}
	}
	p, _ := ExtractTravelPlan("Day 2:\nCurrent City: B\nAccommodation: Inn, B")
	if p[0]["days"] != json.Number("2") || p[0]["accommodation"] != "Inn, B" || p[0]["current_city"] != "B" {
		t.Fatalf("%v", p)
	}
}

func TestComputes(t *testing.T) {
	for _, tc := range []struct {
		code         string
		computes, ok bool
	}{
		{"print(42)", false, true},
		{"x = 'abc'\nprint(x)", false, true},
		{"print(-5, \"done\")", false, true},
		{"print(17 * 23)", true, true},
		{"print(len('abc'))", true, true},
		{"for i in range(3):\n    print(i)", true, true},
		{"s = 'abc'\nprint(s[::-1])", true, true},
		{"x = 1\nx += 1\nprint(x)", true, true},
		{"print(tools.call('sat.solve', {'clauses': [[1]]}))", true, true},
		{"import os\nprint(1", false, false},
	} {
		c, ok := Computes(tc.code)
		if c != tc.computes || ok != tc.ok {
			t.Errorf("%q: computes %v ok %v", tc.code, c, ok)
		}
	}
}

func TestPuzzleFromPromptOnly(t *testing.T) {
	prompt, _ := game24(t)
	c := NewPuzzleCheck()
	if p := c.fromPrompt(prompt); p == nil || p.task.Name() != "game24" {
		t.Fatalf("game24 prompt not recognised: %+v", p)
	}
	for _, req := range []string{"What is 123456789 * 987654321?", travelText, "what is the capital of France", "Reverse the string 'banana'.", "Count the letters r in strawberry."} {
		if p := c.fromPrompt(req); p != nil {
			t.Errorf("%q read as a %s puzzle", req, p.task.Name())
		}
	}
}

func TestSystemPrompt(t *testing.T) {
	reg := loopRegistry(t)
	fn := SystemPrompt(reg, PromptOptions{})
	text := SystemPrompt(reg, PromptOptions{Text: true, Python: true})
	for _, want := range []string{"<<<", "```python", "register_tool", "Starlark", "- travel.solve: "} {
		if !strings.Contains(fn, want) {
			t.Errorf("function-calling prompt lacks %q", want)
		}
	}
	for _, want := range []string{`{"tool": "sat.solve", "input":`, "- sat.solve(", "clauses?: [[integer]]", "Python 3 instead"} {
		if !strings.Contains(text, want) {
			t.Errorf("text prompt lacks %q", want)
		}
	}
	if strings.Contains(fn, AskToolName) || strings.Contains(fn, "Python 3 instead") {
		t.Error("function-calling prompt mentions agent.ask or python")
	}
}

// TestCommittedTranscripts replays the transcripts under
// testdata/transcripts (recorded with "plankit ask" against a server
// sending scripted replies) and checks that each reproduces its recorded
// final answer byte for byte, with the same outcome and verdicts.
func TestCommittedTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.jsonl")
	if err != nil || len(files) < 3 {
		t.Fatalf("transcripts: %v %v", files, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ev := readEvents(t, file)
			end := ev[len(ev)-1]
			if end.Type != EventEnd || end.Answer == "" {
				t.Fatalf("last event %+v", end)
			}
			model, request, caps, err := Replay(ev)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Run(context.Background(), Config{Model: model, Registry: loopRegistry(t), NoTranscript: true,
				MaxTurns: caps.MaxTurns, MaxToolCalls: caps.MaxToolCalls, MaxCodeRuns: caps.MaxCodeRuns, MaxGuidance: caps.MaxGuidance}, request)
			if err != nil {
				t.Fatal(err)
			}
			if out.Answer != end.Answer || out.Status != end.Status || out.Verified != end.Verified || model.Remaining() != 0 {
				t.Fatalf("replay: %s %q verified=%v, recorded %s %q verified=%v", out.Status, out.Answer, out.Verified, end.Status, end.Answer, end.Verified)
			}
			var checks []string
			for _, e := range ev {
				if e.Type == EventCheck && e.OK != nil {
					checks = append(checks, fmt.Sprintf("%s:%v", e.Check, *e.OK))
				}
			}
			var got []string
			for _, v := range out.History {
				got = append(got, fmt.Sprintf("%s:%v", v.Check, v.OK))
			}
			if fmt.Sprint(got) != fmt.Sprint(checks) {
				t.Fatalf("verdicts %v, recorded %v", got, checks)
			}
		})
	}
}

func TestNumberDiffers(t *testing.T) {
	for _, tc := range []struct {
		out, ans string
		differs  bool
	}{
		{"4", "391", true},
		{"391", "391", false},
		{"3.3333333333333335", "3.33", false},
		{"3.3333333333333335", "3.34", true},
		{"3.5", "4", false},
		{"1000", "1,000", false},
		{"121932631112635269", "121932631112635268", true},
		{"4", "four", false},
		{"1\n2", "3", false},
		{"", "3", false},
	} {
		if _, d := numberDiffers(tc.out, tc.ans); d != tc.differs {
			t.Errorf("output %q answer %q: differs %v", tc.out, tc.ans, d)
		}
	}
}
