package agent

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/travel"
	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/plankit/plankit/tools/script"
)

// offTestRegistry returns the built-in tools with robot.translate replaced
// by a stub (test only) that reads the environment of a scenario from
// testdata and turns the few instructions the tests use into STL, so these
// tests exercise the offline model's robot route apart from the
// translator's vocabulary. The real translator is tested through the loop
// in robot_loop_test.go and routing_loop_test.go.
var offTestRegistry = sync.OnceValues(func() (*tools.Registry, error) {
	reg, err := builtin.New(builtin.Options{})
	if err != nil {
		return nil, err
	}
	// The stub replaces the real tool when there is one, so these tests do
	// not depend on the translator's vocabulary.
	reg.Remove("robot.translate")
	if err := tools.Add(reg, "robot.translate", "Test stub: translate an instruction over a scenario into STL.", offStubTranslate); err != nil {
		return nil, err
	}
	return reg, nil
})

type offStubIn struct {
	Instruction string `json:"instruction"`
	Scenario    string `json:"scenario,omitempty"`
	Env         any    `json:"env,omitempty"`
}

type offStubOut struct {
	Formula string          `json:"formula"`
	Env     json.RawMessage `json:"env,omitempty"`
	Notes   []string        `json:"notes,omitempty"`
}

// offStubTranslate knows "go to the A then the B" over region names: enough to
// exercise the route, not a translator.
func offStubTranslate(_ context.Context, in offStubIn) (offStubOut, error) {
	var env json.RawMessage
	if in.Env != nil {
		b, err := json.Marshal(in.Env)
		if err != nil {
			return offStubOut{}, err
		}
		env = b
	} else {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "robot", in.Scenario+".json"))
		if err != nil {
			return offStubOut{}, fmt.Errorf("unknown scenario %q", in.Scenario)
		}
		env = b
	}
	s := strings.ToLower(strings.TrimSpace(in.Instruction))
	s = strings.TrimPrefix(s, "go to ")
	var regions []string
	for _, part := range strings.Split(s, " then ") {
		part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), "the "))
		part = strings.TrimPrefix(part, "go to the ")
		regions = append(regions, strings.ReplaceAll(part, " ", "_"))
	}
	f := "F " + regions[len(regions)-1]
	for i := len(regions) - 2; i >= 0; i-- {
		f = "F(" + regions[i] + " & " + f + ")"
	}
	return offStubOut{Formula: f, Env: env}, nil
}

func offRegistry(t testing.TB) *tools.Registry {
	t.Helper()
	reg, err := offTestRegistry()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// offDriveResult is what the test driver saw.
type offDriveResult struct {
	Final    Message   // the final answer message
	Messages []Message // the whole conversation
	Programs []string  // code the model wrote
	Tools    []string  // tools called, in order
	Err      error     // the model's error (e.g. ErrCannotAnswer)
}

// offDrive is a minimal stand-in for the turn loop (test only): it runs tool
// calls through the registry and code through the sandbox, feeds results
// back per the protocol, and stops at a final answer. check, when not nil,
// judges a final answer; a non-empty guidance string is sent back as
// "Guidance: …" up to rounds times.
func offDrive(t testing.TB, m Model, reg *tools.Registry, request string, check func(answer string) string, rounds int) offDriveResult {
	t.Helper()
	ctx := context.Background()
	runner := script.New(reg, script.Limits{})
	msgs := []Message{{Role: RoleSystem, Content: "You are plankit."}, {Role: RoleUser, Content: request}}
	var res offDriveResult
	for turn := 0; turn < 16; turn++ {
		reply, err := m.Complete(ctx, msgs, nil)
		if err != nil {
			res.Err, res.Messages = err, msgs
			return res
		}
		if reply.Route == "" || reply.Reason == "" {
			t.Fatalf("turn %d: reply without route or reason: %+v", turn, reply)
		}
		msgs = append(msgs, reply)
		if len(reply.ToolCalls) > 0 {
			for _, tc := range reply.ToolCalls {
				res.Tools = append(res.Tools, tc.Name)
				out, err := reg.Call(ctx, tc.Name, tc.Arguments)
				content := string(out)
				if err != nil {
					content = "error: " + err.Error()
				}
				msgs = append(msgs, Message{Role: RoleTool, ToolCallID: tc.ID, Name: tc.Name, Content: content})
			}
			continue
		}
		if r := ParseReply(reply.Content); len(r.Code) > 0 {
			res.Programs = append(res.Programs, r.Code[0].Code)
			out, err := runner.Run(ctx, "offline", r.Code[0].Code)
			text := out.Output
			if err != nil {
				text += "error: " + err.Error()
			}
			msgs = append(msgs, Message{Role: RoleUser, Content: CodeResultMessage(text, 4096)})
			continue
		}
		res.Final = reply
		if check != nil && rounds > 0 {
			if g := check(offFinal(reply.Content)); g != "" {
				rounds--
				msgs = append(msgs, Message{Role: RoleUser, Content: "Guidance: " + g})
				continue
			}
		}
		res.Messages = msgs
		return res
	}
	t.Fatalf("no final answer after 16 turns for %q", request)
	return res
}

func offFinal(text string) string {
	if r := ParseReply(text); r.HasAnswer {
		return r.Answer
	}
	return text
}

func offTrainQueries(t testing.TB) []travel.Query {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "travel", "train_queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []travel.Query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q travel.Query
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	if len(out) != 45 {
		t.Fatalf("%d training queries, want 45", len(out))
	}
	return out
}

// TestOfflineTravelTrainingQueries: every training query, given as its
// English text, ends in a plan that the evaluator passes against the
// original query record (not the parsed one).
func TestOfflineTravelTrainingQueries(t *testing.T) {
	reg := offRegistry(t)
	db, err := travel.Default(travel.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ev := &travel.Evaluator{DB: db}
	strict := &travel.Evaluator{DB: db, Strict: true}
	o := NewOffline(reg)
	qs := offTrainQueries(t)
	if testing.Short() {
		qs = qs[:5]
	}
	for _, q := range qs {
		res := offDrive(t, o, reg, q.Query, nil, 0)
		if res.Err != nil {
			t.Fatalf("query %d: %v", q.Idx, res.Err)
		}
		if want := []string{"travel.parse_query", "travel.solve"}; strings.Join(res.Tools, ",") != strings.Join(want, ",") {
			t.Fatalf("query %d: tools %v, want %v", q.Idx, res.Tools, want)
		}
		ans := offFinal(res.Final.Content)
		plan, ok := ExtractTravelPlan(ans)
		if !ok {
			t.Fatalf("query %d: no plan JSON in the answer:\n%s", q.Idx, ans)
		}
		if !strings.Contains(ans, "Day 1") {
			t.Fatalf("query %d: no day-by-day text in the answer", q.Idx)
		}
		for _, e := range []*travel.Evaluator{ev, strict} {
			rep := e.Score([]travel.Query{q}, []travel.Submission{{Plan: plan}})
			if r := rep.Plans[0]; !r.Pass {
				t.Fatalf("query %d (strict=%v): evaluator rejects the plan: %v", q.Idx, e.Strict, r.Failures())
			}
		}
	}
}

func TestOfflineTravelIncompleteAndInfeasible(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	res := offDrive(t, o, reg, "Please plan a trip from Seattle to Denver for 2 people.", nil, 0)
	if !errors.Is(res.Err, ErrCannotAnswer) || !strings.Contains(res.Err.Error(), "cannot plan this trip") || !strings.Contains(res.Err.Error(), "budget") {
		t.Fatalf("incomplete request: %v %q", res.Err, res.Final.Content)
	}
	if len(res.Tools) != 1 || res.Tools[0] != "travel.parse_query" {
		t.Fatalf("incomplete request called %v", res.Tools)
	}
	// A budget far too small: the answer is the infeasibility report.
	q := "Please help me plan a trip from St. Petersburg to Rockford spanning 3 days from March 16th to March 18th, 2022. The travel should be planned for a single person with a budget of $100."
	res = offDrive(t, o, reg, q, nil, 0)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	ans := offFinal(res.Final.Content)
	if !strings.Contains(ans, "No plan satisfies") || !strings.Contains(ans, "Minimal changes") || !strings.Contains(ans, "budget ≥ $1305") {
		t.Fatalf("infeasible answer:\n%s", ans)
	}
	if _, ok := ExtractTravelPlan(ans); ok {
		t.Fatalf("infeasible answer carries a plan:\n%s", ans)
	}
}

func TestOfflineArithmeticCodeRoute(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	res := offDrive(t, o, reg, "What is 123456789 * 987654321?", nil, 0)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if got := offFinal(res.Final.Content); got != "121932631112635269" {
		t.Fatalf("answer %q", got)
	}
	if len(res.Programs) != 1 || !strings.Contains(res.Programs[0], "123456789 * 987654321") || strings.Contains(res.Programs[0], "121932631112635269") {
		t.Fatalf("program does not compute the product:\n%v", res.Programs)
	}
	if res.Messages[2].Route != RouteCode || res.Final.Route != RouteAnswer {
		t.Fatalf("routes %q then %q", res.Messages[2].Route, res.Final.Route)
	}
}

func TestOfflineCannotAnswer(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	for _, q := range []string{"what is the capital of France", "", "Write me a poem about the sea."} {
		res := offDrive(t, o, reg, q, nil, 0)
		if !errors.Is(res.Err, ErrCannotAnswer) {
			t.Fatalf("%q: err %v, want ErrCannotAnswer", q, res.Err)
		}
		if q == "what is the capital of France" && res.Err.Error() != OfflineDeclineMessage {
			t.Fatalf("message %q", res.Err.Error())
		}
	}
}

// TestOfflinePuzzles: one prompt per task (two seeds, two levels) → the
// task's tool → an answer its verifier accepts.
func TestOfflinePuzzles(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	suite := puzzles.NewSuite()
	tasks := suite.Tasks()
	if len(tasks) != 33 {
		t.Fatalf("%d tasks, want 33", len(tasks))
	}
	for _, task := range tasks {
		for _, c := range []struct {
			seed  uint64
			level int
		}{{1, puzzles.Easy}, {7, puzzles.Medium}} {
			inst, err := task.Generate(c.seed, c.level)
			if err != nil {
				t.Fatal(err)
			}
			prompt, err := task.Prompt(inst)
			if err != nil {
				t.Fatal(err)
			}
			res := offDrive(t, o, reg, prompt, nil, 0)
			if res.Err != nil {
				t.Fatalf("%s seed %d: %v", task.Name(), c.seed, res.Err)
			}
			if len(res.Tools) != 1 || res.Tools[0] != "puzzle."+task.Name() {
				t.Fatalf("%s seed %d: tools %v", task.Name(), c.seed, res.Tools)
			}
			v, err := task.Verify(inst, res.Final.Content)
			if err != nil || !v.OK {
				t.Fatalf("%s seed %d: verifier rejects %q: %v %s", task.Name(), c.seed, res.Final.Content, err, v.Reason)
			}
		}
	}
}

func TestOfflineRobot(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	res := offDrive(t, o, reg, "in houseworld: go to the kitchen then the bedroom", nil, 0)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if strings.Join(res.Tools, ",") != "robot.translate,robot.plan" {
		t.Fatalf("tools %v", res.Tools)
	}
	ans := offFinal(res.Final.Content)
	i := strings.Index(ans, `{"robots"`)
	if i < 0 {
		t.Fatalf("no trajectory JSON:\n%s", ans)
	}
	env, err := os.ReadFile(filepath.Join("..", "testdata", "robot", "houseworld.json"))
	if err != nil {
		t.Fatal(err)
	}
	in, _ := json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F(kitchen & F bedroom)", "trajectory": json.RawMessage(ans[i:])})
	out, err := reg.Call(context.Background(), "robot.check", in)
	if err != nil {
		t.Fatal(err)
	}
	var chk struct {
		Satisfied bool `json:"satisfied"`
	}
	if err := json.Unmarshal(out, &chk); err != nil || !chk.Satisfied {
		t.Fatalf("the checker rejects the answered trajectory: %s", out)
	}
	if !strings.Contains(ans, "kitchen → bedroom") {
		t.Fatalf("summary lacks the visit order:\n%s", ans)
	}

	// Without robot.translate the route says so plainly.
	bare, err := builtin.New(builtin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bare.Remove("robot.translate")
	res = offDrive(t, NewOffline(bare), bare, "in houseworld: go to the kitchen then the bedroom", nil, 0)
	if !errors.Is(res.Err, ErrCannotAnswer) || !strings.Contains(res.Err.Error(), "robot.translate is not available") {
		t.Fatalf("without robot.translate: %v", res.Err)
	}
}

func TestOfflinePlankitQuestions(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	for _, c := range []struct{ q, want string }{
		{"what tools do you have", "puzzle.sudoku"},
		{"can you solve sudoku?", "puzzle.sudoku"},
		{"what does sat.solve do", "clauses"},
		{"can you plan robot trajectories", "robot.plan"},
		{"can you play chess?", "No:"},
	} {
		res := offDrive(t, o, reg, c.q, nil, 0)
		if res.Err != nil || res.Final.Route != RouteAnswer || len(res.Tools) != 0 || !strings.Contains(res.Final.Content, c.want) {
			t.Fatalf("%q: %v route %q, want text containing %q:\n%s", c.q, res.Err, res.Final.Route, c.want, res.Final.Content)
		}
	}
}

// TestOfflineGuidance: after guidance the model retries once by another
// method where it has one (travel, puzzles, robots), then repeats its
// answer; a program's answer is repeated at once.
func TestOfflineGuidance(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	rejectAll := func(string) string { return "the checker rejected the answer" }
	res := offDrive(t, o, reg, "What is 2^10 + 1?", rejectAll, 2)
	if res.Err != nil || offFinal(res.Final.Content) != "1025" || len(res.Programs) != 1 || !strings.Contains(res.Final.Reason, "guidance") {
		t.Fatalf("code guidance: %v %q programs %d", res.Err, res.Final.Content, len(res.Programs))
	}
	q := offTrainQueries(t)[0].Query
	res = offDrive(t, o, reg, q, rejectAll, 2)
	if res.Err != nil || strings.Join(res.Tools, ",") != "travel.parse_query,travel.solve,travel.solve" {
		t.Fatalf("travel guidance: %v tools %v", res.Err, res.Tools)
	}
	if _, ok := ExtractTravelPlan(offFinal(res.Final.Content)); !ok {
		t.Fatalf("travel guidance: final answer has no plan")
	}
	task, _ := puzzles.NewSuite().Task("sudoku")
	inst, _ := task.Generate(5, puzzles.Easy)
	prompt, _ := task.Prompt(inst)
	res = offDrive(t, o, reg, prompt, rejectAll, 2)
	if res.Err != nil || strings.Join(res.Tools, ",") != "puzzle.sudoku,puzzle.verify,puzzle.sudoku" {
		t.Fatalf("puzzle guidance: %v tools %v", res.Err, res.Tools)
	}
	if v, _ := task.Verify(inst, res.Final.Content); !v.OK {
		t.Fatalf("puzzle guidance: final answer rejected: %s", v.Reason)
	}
	res = offDrive(t, o, reg, "in houseworld: go to the kitchen then the bedroom", rejectAll, 2)
	if res.Err != nil || strings.Join(res.Tools, ",") != "robot.translate,robot.plan,robot.translate,robot.plan" {
		t.Fatalf("robot guidance: %v tools %v", res.Err, res.Tools)
	}
	var plans []string
	for _, m := range res.Messages {
		for _, tc := range m.ToolCalls {
			if tc.Name == "robot.plan" {
				plans = append(plans, string(tc.Arguments))
			}
		}
	}
	if len(plans) != 2 || strings.Contains(plans[0], "margin") || !strings.Contains(plans[1], `"margin":0.05`) {
		t.Fatalf("robot retry should plan with a wider margin: %v", plans)
	}
	// Every reply after the first guidance says it is a retry or a repeat.
	for _, m := range res.Messages {
		if m.Role == RoleAssistant && m.Route == "" {
			t.Fatalf("reply without route: %+v", m)
		}
	}
	last := res.Messages[len(res.Messages)-1]
	if !strings.Contains(last.Reason, "repeating the answer") {
		t.Fatalf("after the retry the model should repeat its answer, reason %q", last.Reason)
	}
}

// TestOfflineTravelGeneratedQueries: queries written by the travel
// generator (other phrasings than the training set) are classified as
// travel and end in a plan the strict evaluator passes, or in an
// infeasibility report.
func TestOfflineTravelGeneratedQueries(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	db := offTravelDB(t)
	n := 60
	if testing.Short() || offlineRace {
		n = 9
	}
	qs, err := travel.Generate(context.Background(), db, travel.GenOptions{N: n, Seed: 2026})
	if err != nil {
		t.Fatal(err)
	}
	plans, infeasible := 0, 0
	for _, q := range qs {
		if d := o.Classify(q.Query); d.Class != ClassTravel || d.Route != RouteTool {
			t.Fatalf("generated query classified %s/%s: %q", d.Class, d.Route, q.Query)
		}
		res := offDrive(t, o, reg, q.Query, nil, 0)
		if res.Err != nil {
			t.Fatalf("%q: %v", q.Query, res.Err)
		}
		ans := offFinal(res.Final.Content)
		if plan, ok := ExtractTravelPlan(ans); ok {
			rep := (&travel.Evaluator{DB: db, Strict: true}).Score([]travel.Query{q}, []travel.Submission{{Plan: plan}})
			if !rep.Plans[0].Pass {
				t.Fatalf("%q: strict evaluator rejects the plan: %v", q.Query, rep.Plans[0].Failures())
			}
			plans++
			continue
		}
		if !strings.Contains(ans, "No plan satisfies") {
			t.Fatalf("%q: neither a plan nor an infeasibility report:\n%s", q.Query, ans)
		}
		infeasible++
	}
	t.Logf("%d generated queries: %d verified plans, %d infeasibility reports", len(qs), plans, infeasible)
}

// TestOfflineRobotInlineEnv: an environment given in the request goes to
// robot.translate and robot.plan as is; the trajectory passes the checker.
func TestOfflineRobotInlineEnv(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	env := `{"name":"tiny","bounds":[0,10,0,10],"horizon":20,"regions":[{"name":"a","kind":"room","box":[1,2,1,2]},{"name":"b","kind":"room","box":[7,8,7,8]},{"name":"w","kind":"wall","box":[4,6,0,6]}],"robots":[{"name":"r1","start":[5,8],"max_speed":2,"radius":0.1}]}`
	req := env + "\ngo to a then b"
	d := o.Classify(req)
	if d.Class != ClassRobot || d.Scenario != "" || d.instruction != "go to a then b" {
		t.Fatalf("classified %+v", d)
	}
	res := offDrive(t, o, reg, req, nil, 0)
	if res.Err != nil || strings.Join(res.Tools, ",") != "robot.translate,robot.plan" {
		t.Fatalf("%v tools %v", res.Err, res.Tools)
	}
	ans := offFinal(res.Final.Content)
	i := strings.Index(ans, `{"robots"`)
	if i < 0 {
		t.Fatalf("no trajectory:\n%s", ans)
	}
	in, _ := json.Marshal(map[string]any{"env": json.RawMessage(env), "spec": "F(a & F b)", "trajectory": json.RawMessage(ans[i:])})
	out, err := reg.Call(context.Background(), "robot.check", in)
	if err != nil {
		t.Fatal(err)
	}
	var chk struct {
		Satisfied bool `json:"satisfied"`
	}
	if json.Unmarshal(out, &chk); !chk.Satisfied {
		t.Fatalf("checker rejects the trajectory: %s", out)
	}
}

// TestOfflineSuiteAllLevels: 50 seeds × 3 levels of every task, each prompt
// classified as its task and answered with an answer its verifier accepts.
func TestOfflineSuiteAllLevels(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	seeds := uint64(50)
	if testing.Short() || offlineRace {
		seeds = 4
	}
	n := 0
	for _, task := range puzzles.NewSuite().Tasks() {
		for level := puzzles.Easy; level <= puzzles.Hard; level++ {
			for seed := uint64(1000); seed < 1000+seeds; seed++ {
				inst, err := task.Generate(seed, level)
				if err != nil {
					t.Fatal(err)
				}
				p, err := task.Prompt(inst)
				if err != nil {
					t.Fatal(err)
				}
				res := offDrive(t, o, reg, p, nil, 0)
				if res.Err != nil || len(res.Tools) != 1 || res.Tools[0] != "puzzle."+task.Name() {
					t.Fatalf("%s level %d seed %d: %v, tools %v", task.Name(), level, seed, res.Err, res.Tools)
				}
				if v, err := task.Verify(inst, res.Final.Content); err != nil || !v.OK {
					t.Fatalf("%s level %d seed %d: verifier rejects %q: %v %s", task.Name(), level, seed, res.Final.Content, err, v.Reason)
				}
				n++
			}
		}
	}
	t.Logf("%d suite prompts answered and verified", n)
}

// TestOfflineConversationForms: tool results written in the text protocol
// ("Tool Result (NAME):") or as tool messages known only by their call ID
// are read like named tool messages; a cancelled context and a conversation
// without a request end with errors.
func TestOfflineConversationForms(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	ctx := context.Background()
	q := offTrainQueries(t)[0].Query
	msgs := []Message{{Role: RoleSystem, Content: "sys"}, {Role: RoleUser, Content: q}}
	first, err := o.Complete(ctx, msgs, nil)
	if err != nil || len(first.ToolCalls) != 1 {
		t.Fatalf("first reply %+v %v", first, err)
	}
	out, err := reg.Call(ctx, "travel.parse_query", first.ToolCalls[0].Arguments)
	if err != nil {
		t.Fatal(err)
	}
	for name, result := range map[string]Message{
		"text protocol": {Role: RoleUser, Content: "Tool Result (travel.parse_query):\n" + string(out)},
		"by call ID":    {Role: RoleTool, ToolCallID: first.ToolCalls[0].ID, Content: string(out)},
	} {
		next, err := o.Complete(ctx, append(append([]Message(nil), msgs...), first, result), nil)
		if err != nil || len(next.ToolCalls) != 1 || next.ToolCalls[0].Name != "travel.solve" || next.Route != RouteTool {
			t.Fatalf("%s: %+v %v", name, next, err)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := o.Complete(cancelled, msgs, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if _, err := o.Complete(ctx, []Message{{Role: RoleSystem, Content: "sys"}}, nil); !errors.Is(err, ErrCannotAnswer) {
		t.Fatalf("no request: %v", err)
	}
	// A failed tool call ends the run with its reason, not a blind retry.
	_, err = o.Complete(ctx, append(append([]Message(nil), msgs...), first,
		Message{Role: RoleTool, ToolCallID: first.ToolCalls[0].ID, Name: "travel.parse_query", Content: "error: database unavailable"}), nil)
	if !errors.Is(err, ErrCannotAnswer) || !strings.Contains(err.Error(), "database unavailable") {
		t.Fatalf("tool error: %v", err)
	}
}

// TestOfflineCodeFailures: a program that fails, prints nothing or is cut
// by the output cap ends the run with the reason.
func TestOfflineCodeFailures(t *testing.T) {
	o := NewOffline(offRegistry(t))
	ctx := context.Background()
	msgs := []Message{{Role: RoleSystem, Content: "sys"}, {Role: RoleUser, Content: "what is 8 / 0"}}
	first, err := o.Complete(ctx, msgs, nil)
	if err != nil || first.Route != RouteCode {
		t.Fatalf("%+v %v", first, err)
	}
	for out, want := range map[string]string{
		"error: script: p:3:5: fail: division by zero": "division by zero",
		"": "printed nothing",
		"1234\n… [output truncated: 99 more bytes]": "output cap",
	} {
		_, err := o.Complete(ctx, append(append([]Message(nil), msgs...), first, Message{Role: RoleUser, Content: CodeResultMessage(out, 0)}), nil)
		if !errors.Is(err, ErrCannotAnswer) || !strings.Contains(err.Error(), want) {
			t.Fatalf("output %q: %v, want a refusal naming %q", out, err, want)
		}
	}
}

// TestOfflineStringOperandsNotMisread: an escaped or nested quote inside the
// quoted operand, or accented vowels, must not yield a wrong answer; the
// offline model answers right or declines.
func TestOfflineStringOperandsNotMisread(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	for q, want := range map[string]string{
		`Reverse "abc\"def"`:                    "",
		`Reverse the string "say "hi" now"`:     "",
		`How many vowels are in "Ünïcödé"?`:     "",
		`How many consonants are in "Ünïcödé"?`: "",
		`How many vowels are in "banana"?`:      "3",
		`Reverse the string 'it"s'`:             `s"ti`,
		`How many characters are in "a  b"?`:    "4",
		"Reverse 'a \t b'":                      "b \t a",
		"How many   words are in   \"x y\"?":    "2",
	} {
		res := offDrive(t, o, reg, q, nil, 0)
		if want == "" {
			if !errors.Is(res.Err, ErrCannotAnswer) {
				got := offFinal(res.Final.Content)
				t.Errorf("%q: answered %q (err %v), want a refusal", q, got, res.Err)
			}
			continue
		}
		if res.Err != nil {
			t.Errorf("%q: %v", q, res.Err)
			continue
		}
		if got := offFinal(res.Final.Content); got != want {
			t.Errorf("%q: answer %q, want %q", q, got, want)
		}
	}
}
