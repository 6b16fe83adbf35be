package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/travel"
	"github.com/plankit/plankit/solvers/sat"
)

// SATCheck checks an answer to a run whose model called sat.solve on a
// request or answer that speaks of satisfiability (so a puzzle solved
// through a SAT encoding is left to the puzzle check): a model must
// satisfy every clause (and the assumptions) of the last call; a claim of
// unsatisfiability or satisfiability must match the solver's status.
type SATCheck struct{}

var satTopicRE = regexp.MustCompile(`(?i)satisf|\b(sat|unsat|cnf|dimacs|clauses?|literals?)\b`)

// Name implements Check.
func (SATCheck) Name() string { return "sat" }

// Check implements Check.
func (SATCheck) Check(_ context.Context, t *Trace, answer string) (Verdict, bool) {
	rec, ok := t.LastCall(func(n string) bool { return n == "sat.solve" })
	if !ok || rec.Via != viaModel || !(satTopicRE.MatchString(t.Request) || satTopicRE.MatchString(answer)) {
		return Verdict{}, false
	}
	var in struct {
		DIMACS      string  `json:"dimacs"`
		Clauses     [][]int `json:"clauses"`
		Assumptions []int   `json:"assumptions"`
	}
	var out struct {
		Status  string `json:"status"`
		NumVars int    `json:"num_vars"`
	}
	if json.Unmarshal(rec.Input, &in) != nil || json.Unmarshal(rec.Output, &out) != nil {
		return Verdict{Note: "sat: cannot read the sat.solve call"}, false
	}
	clauses := in.Clauses
	if in.DIMACS != "" {
		f, err := sat.ReadDIMACS(strings.NewReader(in.DIMACS))
		if err != nil {
			return Verdict{Note: "sat: " + oneLine(err.Error())}, false
		}
		clauses = nil
		for _, c := range f.Clauses() {
			lits := make([]int, len(c))
			for i, l := range c {
				lits[i] = int(l)
			}
			clauses = append(clauses, lits)
		}
	}
	for _, a := range in.Assumptions {
		clauses = append(clauses, []int{a})
	}
	claim := ReadSATAnswer(answer)
	v := Verdict{Check: "sat", Verifier: true}
	hint := "Give a model as DIMACS literals, e.g. [1, -2, 3], that satisfies every clause, or say unsat only when sat.solve proved it."
	switch {
	case claim.HasModel:
		reasons := CheckModel(clauses, claim.Model)
		for _, l := range claim.Model {
			if out.NumVars > 0 && abs(l) > out.NumVars {
				// A model of another formula, or literals made up.
				reasons = append(reasons, fmt.Sprintf("the model sets variable %d, which is not in the formula (variables 1..%d)", abs(l), out.NumVars))
				break
			}
		}
		if len(reasons) == 0 {
			v.OK, v.Note = true, fmt.Sprintf("the model satisfies all %d clauses", len(clauses))
			return v, true
		}
		v.Reasons, v.Hint = reasons, hint
		return v, true
	case claim.Unsat:
		switch out.Status {
		case "unsat":
			v.OK, v.Note = true, "sat.solve proved the formula unsatisfiable"
		case "sat":
			v.Reasons, v.Hint = []string{"the answer says unsatisfiable, but sat.solve found a model"}, hint
		default:
			return Verdict{}, false
		}
		return v, true
	case claim.Sat:
		switch out.Status {
		case "sat":
			v.OK, v.Note = true, "sat.solve found a model (the answer gives none to check)"
		case "unsat":
			v.Reasons, v.Hint = []string{"the answer says satisfiable, but sat.solve proved the formula unsatisfiable"}, hint
		default:
			return Verdict{}, false
		}
		return v, true
	}
	return Verdict{}, false
}

// SATAnswer is what an answer claims about a formula.
type SATAnswer struct {
	Sat, Unsat bool
	// Model lists the literals of the answer's assignment (no zeros).
	Model    []int
	HasModel bool
}

var (
	unsatRE    = regexp.MustCompile(`(?i)\b(unsat|unsatisfiable|not satisfiable|no satisfying|no model)\b`)
	satRE      = regexp.MustCompile(`(?i)\b(sat|satisfiable)\b`)
	intListRE  = regexp.MustCompile(`\[\s*(-?\d+\s*(,\s*-?\d+\s*)*,?)?\]`)
	intsOnlyRE = regexp.MustCompile(`^[\s,;]*-?\d+([\s,;]+-?\d+)*[\s,;]*$`)
	intRE      = regexp.MustCompile(`-?\d+`)
	vLineRE    = regexp.MustCompile(`(?m)^v((\s+-?\d+)+)\s*$`)
	assignRE   = regexp.MustCompile(`(?i)\bx_?(\d+)\s*(?:=|:|\bis\b)\s*(true|false|1|0)\b`)
	satWordsRE = regexp.MustCompile(`(?i)\b(s\s+satisfiable|satisfiable|sat|model|assignment|is|the|formula)\b|[:=]`)
)

// ReadSATAnswer reads a SAT answer: a model as a bracketed list of DIMACS
// literals ("[1, -2, 3]"), competition "v" lines, assignments
// ("x1=true, x2=0"), or bare literals, and
// words claiming sat or unsat.
func ReadSATAnswer(answer string) SATAnswer {
	var a SATAnswer
	if unsatRE.MatchString(answer) {
		a.Unsat = true
		return a
	}
	a.Sat = satRE.MatchString(answer)
	var ints []string
	switch {
	case vLineRE.MatchString(answer):
		for _, m := range vLineRE.FindAllStringSubmatch(answer, -1) {
			ints = append(ints, intRE.FindAllString(m[1], -1)...)
		}
	case assignRE.MatchString(answer):
		// "x1=true, x2=false": named variables set to truth values; a model
		// written this way is checked, never taken as "no model given".
		for _, m := range assignRE.FindAllStringSubmatch(answer, -1) {
			v := m[1]
			if b := strings.ToLower(m[2]); b == "false" || b == "0" {
				v = "-" + v
			}
			ints = append(ints, v)
		}
	case intListRE.MatchString(answer):
		all := intListRE.FindAllString(answer, -1)
		ints = intRE.FindAllString(all[len(all)-1], -1)
	default:
		rest := satWordsRE.ReplaceAllString(answer, " ")
		if intsOnlyRE.MatchString(rest) {
			ints = intRE.FindAllString(rest, -1)
		}
	}
	for _, s := range ints {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n == 0 {
			continue
		}
		a.Model = append(a.Model, n)
	}
	a.HasModel = len(a.Model) > 0
	return a
}

// CheckModel returns why model (DIMACS literals) does not satisfy
// clauses: contradictory literals and the first falsified clauses. An
// empty result means every clause has a true literal.
func CheckModel(clauses [][]int, model []int) []string {
	truth := map[int]bool{}
	var reasons []string
	for _, l := range model {
		if truth[-l] {
			reasons = append(reasons, fmt.Sprintf("the model sets variable %d both true and false", abs(l)))
		}
		truth[l] = true
	}
	if len(reasons) > 0 {
		return reasons
	}
	bad := 0
	for i, c := range clauses {
		sat := false
		for _, l := range c {
			if truth[l] {
				sat = true
				break
			}
		}
		if sat {
			continue
		}
		bad++
		if bad <= 3 {
			reasons = append(reasons, fmt.Sprintf("clause %d %v is not satisfied", i+1, c))
		}
	}
	if bad > 3 {
		reasons = append(reasons, fmt.Sprintf("%d more clauses are not satisfied", bad-3))
	}
	return reasons
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TravelCheck checks an answer to a run that called travel.solve or
// travel.parse_query: the plan in the answer must pass TravelPlanner's
// evaluator (travel.evaluate) for that query; an answer without a plan is
// accepted only when travel.solve proved the query infeasible and the
// answer says so.
type TravelCheck struct{}

// Name implements Check.
func (TravelCheck) Name() string { return "travel" }

var infeasibleRE = regexp.MustCompile(`(?i)\b(infeasible|no (valid |feasible )?plan|impossible|not possible|cannot be planned|no solution)\b`)

// Check implements Check.
func (TravelCheck) Check(ctx context.Context, t *Trace, answer string) (Verdict, bool) {
	rec, ok := t.LastCall(func(n string) bool { return n == "travel.solve" || n == "travel.parse_query" })
	if !ok {
		// The model answered without the travel tools: when the request
		// itself reads as a complete TravelPlanner query, the answer is
		// still held to the evaluator (a plan made up without the tools
		// must not pass unchecked).
		if rec, ok = travelFromRequest(ctx, t); !ok {
			return Verdict{}, false
		}
	}
	var out struct {
		Complete *bool           `json:"complete"`
		Query    json.RawMessage `json:"query"`
		Result   struct {
			Status string `json:"status"`
		} `json:"result"`
	}
	if json.Unmarshal(rec.Output, &out) != nil || len(out.Query) == 0 || (out.Complete != nil && !*out.Complete) {
		return Verdict{}, false
	}
	v := Verdict{Check: "travel", Verifier: true,
		Hint: "Give the plan as a JSON list of days with TravelPlanner's keys (days, current_city, transportation, breakfast, attraction, lunch, dinner, accommodation) or in TravelPlanner's text form (Day 1: / Current City: … / Accommodation: …), using the names of the travel tools' results."}
	plan, found := ExtractTravelPlan(answer)
	if !found {
		if rec.Name == "travel.solve" && out.Result.Status == "unknown" {
			return Verdict{Check: "travel", Note: "travel.solve stopped at its time limit and the answer has no plan: nothing to verify"}, false
		}
		if rec.Name == "travel.solve" && out.Result.Status == "infeasible" {
			if infeasibleRE.MatchString(answer) {
				v.OK, v.Note = true, "travel.solve proved by exhaustive search that no plan exists"
				return v, true
			}
			v.Reasons = []string{"travel.solve proved that no plan exists, but the answer does not say so"}
			v.Hint = "Say that the query is infeasible, with the solver's reasons and relaxations."
			return v, true
		}
		v.Reasons = []string{"the answer contains no plan the evaluator can read"}
		return v, true
	}
	if n := distinctJSONPlans(answer); n > 1 {
		// Only the first would be evaluated; the reader cannot tell which
		// one the answer stands by.
		v.Reasons = []string{fmt.Sprintf("the answer contains %d different plans; give exactly one", n)}
		return v, true
	}
	in, _ := json.Marshal(map[string]any{"query": out.Query, "plan": plan})
	raw, err := t.Registry.Call(ctx, "travel.evaluate", in)
	if err != nil {
		// The answer claims a plan the evaluator cannot judge: it stays
		// unverified, so it is not accepted.
		v.Reasons = []string{"travel.evaluate could not check the plan: " + oneLine(err.Error())}
		return v, true
	}
	var ev struct {
		Plans []travel.PlanResult `json:"plans"`
	}
	if json.Unmarshal(raw, &ev) != nil || len(ev.Plans) != 1 {
		v.Reasons = []string{"travel.evaluate returned output the check cannot read"}
		return v, true
	}
	res := ev.Plans[0]
	if res.Pass {
		v.OK, v.Hint = true, ""
		v.Note = fmt.Sprintf("the plan passes every commonsense and hard check of the evaluator (cost %g, budget %g)", res.TotalCost, res.Budget)
		return v, true
	}
	v.Reasons = res.Failures()
	if len(v.Reasons) == 0 {
		v.Reasons = []string{"the evaluator did not pass the plan"}
	}
	if len(v.Reasons) > 8 {
		v.Reasons = append(v.Reasons[:8], fmt.Sprintf("%d more failures", len(v.Reasons)-8))
	}
	return v, true
}

// travelFromRequest reads the request with travel.parse_query (once per
// run); ok only when the query is complete.
func travelFromRequest(ctx context.Context, t *Trace) (ToolRecord, bool) {
	rec, _ := t.Memo("travel.request", func() any {
		if t.Registry == nil {
			return ToolRecord{}
		}
		if _, err := t.Registry.Lookup("travel.parse_query"); err != nil {
			return ToolRecord{}
		}
		in, _ := json.Marshal(map[string]string{"text": t.Request})
		out, err := t.Registry.Call(context.WithValue(ctx, viaKey{}, viaCheck), "travel.parse_query", in)
		if err != nil {
			return ToolRecord{}
		}
		var q struct {
			Complete bool `json:"complete"`
		}
		if json.Unmarshal(out, &q) != nil || !q.Complete {
			return ToolRecord{}
		}
		return ToolRecord{Via: viaCheck, Name: "travel.parse_query", Input: in, Output: out}
	}).(ToolRecord)
	return rec, rec.Name != ""
}

// planKeys maps TravelPlanner's text labels to plan keys.
var planKeys = map[string]string{
	"current city": "current_city", "current_city": "current_city", "transportation": "transportation",
	"breakfast": "breakfast", "attraction": "attraction", "attractions": "attraction", "lunch": "lunch",
	"dinner": "dinner", "accommodation": "accommodation",
}

var (
	dayLineRE  = regexp.MustCompile(`(?i)^[\s*#>-]*day\s+(\d+)\s*[*:]*\s*[*]*\s*$`)
	planLineRE = regexp.MustCompile(`^[\s*>-]*([A-Za-z_ ]+?)[\s*]*:[\s*]*(.*?)\s*$`)
)

// ExtractTravelPlan finds a TravelPlanner plan in an answer: the first
// JSON list of day objects (objects with "current_city" or "days"; bare,
// fenced, or as {"plan": [...]}), else TravelPlanner's text form ("Day 1:"
// then "Current City: …", "Transportation: …", …).
func ExtractTravelPlan(answer string) ([]travel.Day, bool) {
	for _, v := range jsonValues(answer) {
		if p, ok := planOf(v); ok {
			return p, true
		}
	}
	var plan []travel.Day
	var cur travel.Day
	for _, line := range strings.Split(answer, "\n") {
		if m := dayLineRE.FindStringSubmatch(line); m != nil {
			cur = travel.Day{"days": json.Number(m[1])}
			plan = append(plan, cur)
			continue
		}
		if cur == nil {
			continue
		}
		if m := planLineRE.FindStringSubmatch(line); m != nil {
			if key, ok := planKeys[strings.ToLower(strings.TrimSpace(m[1]))]; ok {
				if _, dup := cur[key]; !dup {
					cur[key] = m[2]
				}
			}
		}
	}
	for _, d := range plan {
		if _, ok := d["current_city"]; !ok {
			return nil, false
		}
	}
	return plan, len(plan) > 0
}

// distinctJSONPlans counts the different plans written as JSON in answer.
func distinctJSONPlans(answer string) int {
	seen := map[string]bool{}
	for _, v := range jsonValues(answer) {
		if p, ok := planOf(v); ok {
			b, _ := json.Marshal(p)
			seen[string(b)] = true
		}
	}
	return len(seen)
}

func planOf(v any) ([]travel.Day, bool) {
	switch x := v.(type) {
	case map[string]any:
		if p, ok := x["plan"]; ok {
			return planOf(p)
		}
	case []any:
		if len(x) == 0 {
			return nil, false
		}
		plan := make([]travel.Day, len(x))
		for i, d := range x {
			m, ok := d.(map[string]any)
			if !ok {
				return nil, false
			}
			_, city := m["current_city"]
			_, day := m["days"]
			if !city && !day {
				return nil, false
			}
			plan[i] = m
		}
		return plan, true
	}
	return nil, false
}

// maxJSONTries bounds the failed decoding attempts of jsonValues, so
// text full of brackets costs linear time, not quadratic.
const maxJSONTries = 64

// jsonValues returns the JSON objects and arrays embedded in text, left
// to right, outermost first (numbers decoded as json.Number).
func jsonValues(text string) []any {
	var out []any
	failed := 0
	for i := 0; i < len(text) && failed < maxJSONTries; i++ {
		if text[i] != '{' && text[i] != '[' {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(text[i:]))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			failed++
			continue
		}
		out = append(out, v)
		i += int(dec.InputOffset()) - 1
	}
	return out
}

// RobotCheck checks an answer to a run that called robot.plan or
// robot.check: the trajectory in the answer must satisfy the call's STL
// task in its environment, by the exact checker (robot.check). A run that
// only translated an instruction (robot.translate) and answers with a
// trajectory is checked against the translated formula. When robot.check
// cannot check the answer against that task, the answer is rejected:
// a robot answer is never accepted unchecked.
type RobotCheck struct{}

// Name implements Check.
func (RobotCheck) Name() string { return "robot" }

// translatedFormula is the formula of the last successful robot.translate
// call, or "".
func translatedFormula(t *Trace) string {
	tr, ok := t.LastCall(func(n string) bool { return n == "robot.translate" })
	if !ok {
		return ""
	}
	var out struct {
		Formula string `json:"formula"`
	}
	if json.Unmarshal(tr.Output, &out) != nil {
		return ""
	}
	return out.Formula
}

// Check implements Check.
func (RobotCheck) Check(ctx context.Context, t *Trace, answer string) (Verdict, bool) {
	var in struct {
		Env      json.RawMessage `json:"env,omitempty"`
		Scenario json.RawMessage `json:"scenario,omitempty"`
		Spec     string          `json:"spec,omitempty"`
		Prefix   []string        `json:"prefix,omitempty"`
	}
	rec, ok := t.LastCall(func(n string) bool { return n == "robot.plan" || n == "robot.check" })
	if !ok {
		// Only a translation: its formula is the task, if the answer
		// claims a trajectory.
		tr, ok := t.LastCall(func(n string) bool { return n == "robot.translate" })
		if !ok {
			return Verdict{}, false
		}
		if _, found := ExtractTrajectory(answer); !found {
			return Verdict{}, false
		}
		var out struct {
			Formula string `json:"formula"`
		}
		if json.Unmarshal(tr.Input, &in) != nil || json.Unmarshal(tr.Output, &out) != nil || out.Formula == "" {
			return Verdict{}, false
		}
		in.Spec, in.Prefix = out.Formula, nil
	} else if json.Unmarshal(rec.Input, &in) != nil {
		return Verdict{}, false
	} else if f := translatedFormula(t); f != "" && (f != in.Spec || len(in.Prefix) > 0) {
		// The request was translated: its formula is the task, not a
		// different spec the model planned or checked for.
		in.Spec, in.Prefix = f, nil
	}
	if (len(in.Env) == 0 && len(in.Scenario) == 0) || (in.Spec == "" && len(in.Prefix) == 0) {
		return Verdict{}, false
	}
	v := Verdict{Check: "robot", Verifier: true,
		Hint: `Give the trajectory as JSON {"robots": {"r1": [[x, y, t], ...]}} with times increasing from 0, e.g. the robots of robot.plan's result.`}
	traj, found := ExtractTrajectory(answer)
	if !found {
		v.Reasons = []string{"the answer contains no trajectory the checker can read"}
		return v, true
	}
	args, _ := json.Marshal(map[string]any{"env": in.Env, "scenario": in.Scenario, "spec": in.Spec, "prefix": in.Prefix, "trajectory": traj})
	if len(in.Scenario) == 0 {
		args, _ = json.Marshal(map[string]any{"env": in.Env, "spec": in.Spec, "prefix": in.Prefix, "trajectory": traj})
	}
	raw, err := t.Registry.Call(ctx, "robot.check", args)
	if err != nil {
		msg := oneLine(err.Error())
		if !strings.Contains(msg, "trajectory") {
			// robot.check cannot read the environment or task the
			// trajectory was planned for: the answer stays unverified.
			v.Reasons = []string{"robot.check could not check the answer against the task: " + msg}
			v.Hint = "Plan with robot.plan over an environment and STL task robot.check reads, and answer with its trajectory."
			return v, true
		}
		v.Reasons = []string{"robot.check refused the trajectory: " + msg}
		return v, true
	}
	var res struct {
		Satisfied  bool     `json:"satisfied"`
		Robustness *float64 `json:"robustness"`
		Failure    *struct {
			Formula string  `json:"formula"`
			Time    float64 `json:"time"`
			Reason  string  `json:"reason"`
		} `json:"failure"`
		Violations []struct {
			Message string `json:"message"`
		} `json:"violations"`
	}
	if json.Unmarshal(raw, &res) != nil {
		v.Reasons = []string{"robot.check returned output the check cannot read"}
		return v, true
	}
	if res.Satisfied {
		v.OK, v.Hint = true, ""
		v.Note = "the trajectory satisfies the STL task and every physical limit"
		if res.Robustness != nil {
			v.Note += fmt.Sprintf(" (robustness %.3g)", *res.Robustness)
		}
		return v, true
	}
	if res.Failure != nil {
		v.Reasons = append(v.Reasons, fmt.Sprintf("%s fails at t=%g: %s", res.Failure.Formula, res.Failure.Time, res.Failure.Reason))
	}
	for _, x := range res.Violations {
		v.Reasons = append(v.Reasons, x.Message)
	}
	if len(v.Reasons) == 0 {
		v.Reasons = []string{"the checker did not accept the trajectory"}
	}
	return v, true
}

// ExtractTrajectory finds a trajectory in an answer: a JSON object with a
// "robots" object mapping robot names to [x, y, t] waypoints.
func ExtractTrajectory(answer string) (json.RawMessage, bool) {
	for _, v := range jsonValues(answer) {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		robots, ok := m["robots"].(map[string]any)
		if !ok || len(robots) == 0 {
			continue
		}
		good := true
		for _, p := range robots {
			if l, ok := p.([]any); !ok || len(l) == 0 {
				good = false
			}
		}
		if good {
			b, err := json.Marshal(map[string]any{"robots": robots})
			if err == nil {
				return b, true
			}
		}
	}
	return nil, false
}

// PuzzleCheck checks an answer to a puzzle of the symbolic task suite
// with the task's verifier: the puzzle is the instance of the last
// puzzle.<task> call, or the request itself when it parses as a task's
// prompt.
type PuzzleCheck struct{ suite *puzzles.Suite }

// NewPuzzleCheck returns the puzzle check over the built-in suite.
func NewPuzzleCheck() PuzzleCheck { return PuzzleCheck{suite: puzzles.NewSuite()} }

// Name implements Check.
func (PuzzleCheck) Name() string { return "puzzle" }

type puzzleInstance struct {
	task puzzles.Task
	inst json.RawMessage
	from string
}

// Check implements Check.
func (c PuzzleCheck) Check(_ context.Context, t *Trace, answer string) (Verdict, bool) {
	if c.suite == nil {
		c.suite = puzzles.NewSuite()
	}
	var p *puzzleInstance
	rec, ok := t.LastCall(func(n string) bool {
		name, ok := strings.CutPrefix(n, "puzzle.")
		if !ok {
			return false
		}
		_, err := c.suite.Task(name)
		return err == nil
	})
	if ok {
		task, _ := c.suite.Task(strings.TrimPrefix(rec.Name, "puzzle."))
		p = &puzzleInstance{task: task, inst: rec.Input, from: "the " + rec.Name + " call"}
	} else {
		p, _ = t.Memo("puzzle", func() any { return c.fromPrompt(t.Request) }).(*puzzleInstance)
	}
	if p == nil {
		return Verdict{}, false
	}
	verdict, err := p.task.Verify(p.inst, answer)
	if err != nil {
		return Verdict{Check: "puzzle", Note: "puzzle verifier: " + oneLine(err.Error())}, false
	}
	v := Verdict{Check: "puzzle", Verifier: true}
	if verdict.OK {
		v.OK, v.Note = true, fmt.Sprintf("the %s verifier accepts the answer (puzzle from %s)", p.task.Name(), p.from)
		return v, true
	}
	v.Reasons = []string{verdict.Reason}
	v.Hint = fmt.Sprintf("Answer the %s puzzle in the format its prompt asks for.", p.task.Name())
	return v, true
}

// fromPrompt finds the task whose prompt parser reads request; nil when
// none or several do (unless one of them prints the request back
// exactly).
func (c PuzzleCheck) fromPrompt(request string) *puzzleInstance {
	var found []*puzzleInstance
	want := strings.TrimSpace(request)
	for _, task := range c.suite.Tasks() {
		inst, err := task.ParsePrompt(request)
		if err != nil {
			continue
		}
		prompt, err := task.Prompt(inst)
		if err != nil {
			continue
		}
		p := &puzzleInstance{task: task, inst: inst, from: "the request (a " + task.Name() + " prompt)"}
		if strings.TrimSpace(prompt) == want {
			return p
		}
		found = append(found, p)
	}
	if len(found) == 1 {
		return found[0]
	}
	return nil
}
