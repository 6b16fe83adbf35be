package agent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/plankit/plankit/domains/travel"
)

// ---- travel ----

// offTravelParseOut and offTravelSolveOut mirror the outputs of travel.parse_query
// and travel.solve (the fields the offline model reads).
type offTravelParseOut struct {
	Complete bool               `json:"complete"`
	Query    travel.Query       `json:"query"`
	Report   travel.ParseReport `json:"report"`
	Message  string             `json:"message"`
}

type offTravelSolveOut struct {
	Query  travel.Query    `json:"query"`
	Result travel.Solution `json:"result"`
}

func (o *Offline) travelStep(c *offConvo, d Decision) (Message, error) {
	if d.Route == RouteNone {
		return Message{}, offDecline("cannot answer offline: %s (needed for travel requests)", d.Reason)
	}
	if c.guidance != "" {
		if !c.retried {
			return offToolCall(c, "travel.solve", map[string]any{"text": c.request, "time_limit_ms": 120000},
				offRetryMark+": "+offClip(c.guidance, 160)+"; solving again from the text with a longer time limit")
		}
		if m, ok := offReanswer(c); ok {
			return m, nil
		}
	}
	switch c.lastCalled() {
	case "":
		return offToolCall(c, "travel.parse_query", map[string]string{"text": c.request}, d.Reason)
	case "travel.parse_query":
		r, _ := c.result("travel.parse_query")
		if r.err != "" {
			return Message{}, offDecline("cannot answer offline: travel.parse_query failed: %s", r.err)
		}
		var p offTravelParseOut
		if err := json.Unmarshal([]byte(r.content), &p); err != nil {
			return Message{}, offDecline("cannot answer offline: travel.parse_query returned output I cannot read: %s", offClip(err.Error(), 200))
		}
		if !p.Complete && len(p.Report.Conflicts) == 0 && len(p.Report.Missing) == 1 && p.Report.Missing[0] == "people_number" {
			// TravelPlanner's queries that name no travellers are for one
			// person; the answer states the assumption.
			p.Query.PeopleNumber, p.Complete = 1, true
		}
		if !p.Complete {
			msg := p.Message
			if msg == "" {
				msg = "the request does not give " + strings.Join(p.Report.Missing, ", ")
			}
			return Message{}, offDecline("cannot plan this trip: %s; restate the request with the missing details", strings.TrimRight(msg, ". "))
		}
		q := p.Query
		q.Query = c.request
		return offToolCall(c, "travel.solve", map[string]any{"query": q},
			"the request parsed into a complete query ("+q.Org+" → "+q.Dest+", "+strconv.Itoa(q.Days)+" days); solving it exactly")
	case "travel.solve":
		r, _ := c.result("travel.solve")
		if r.err != "" {
			return Message{}, offDecline("cannot answer offline: travel.solve failed: %s", r.err)
		}
		var s offTravelSolveOut
		if err := json.Unmarshal([]byte(r.content), &s); err != nil {
			return Message{}, offDecline("cannot answer offline: travel.solve returned output I cannot read: %s", offClip(err.Error(), 200))
		}
		if s.Result.Status != travel.StatusSolved && s.Result.Status != travel.StatusInfeasible {
			if !c.retried {
				return offToolCall(c, "travel.solve", map[string]any{"query": s.Query, "time_limit_ms": 120000},
					offRetryMark+": the search stopped at its time limit (status "+s.Result.Status+"); solving again with 120 s")
			}
			return Message{}, offDecline("cannot answer offline: travel.solve did not finish within its time limit (status %s)", s.Result.Status)
		}
		text, reason := offTravelAnswer(s, travelAssumed(c))
		return offAnswer(text, RouteAnswer, reason), nil
	}
	if m, ok := offReanswer(c); ok {
		return m, nil
	}
	return offToolCall(c, "travel.parse_query", map[string]string{"text": c.request}, d.Reason)
}

func offMoney(v float64) string {
	if v == math.Trunc(v) {
		return "$" + strconv.FormatFloat(v, 'f', 0, 64)
	}
	return "$" + strconv.FormatFloat(v, 'f', 2, 64)
}

// offTravelAnswer writes the itinerary (or the infeasibility report) and the
// reason of the reply.
func offTravelAnswer(s offTravelSolveOut, assumed []string) (string, string) {
	q, sol := s.Query, s.Result
	var b strings.Builder
	for _, a := range assumed {
		fmt.Fprintf(&b, "Assumed: %s.\n", a)
	}
	switch sol.Status {
	case travel.StatusSolved:
		route := append([]string{q.Org}, sol.Route...)
		route = append(route, q.Org)
		fmt.Fprintf(&b, "Trip: %s, %d days (%s), %d %s, budget %s.\n", strings.Join(route, " → "), q.Days, offDateSpan(q.Date),
			q.PeopleNumber, offPlural(q.PeopleNumber, "person", "people"), offMoney(q.Budget))
		if sol.Cost != nil {
			fmt.Fprintf(&b, "Total cost %s (transport %s, accommodation %s, meals %s).\n", offMoney(sol.Cost.Total),
				offMoney(sol.Cost.Transport), offMoney(sol.Cost.Accommodation), offMoney(sol.Cost.Meals))
		}
		for _, d := range sol.Plan {
			fmt.Fprintf(&b, "Day %d — %s\n", d.Days, d.CurrentCity)
			for _, f := range [][2]string{{"Transportation", d.Transportation}, {"Breakfast", d.Breakfast}, {"Attraction", d.Attraction},
				{"Lunch", d.Lunch}, {"Dinner", d.Dinner}, {"Accommodation", d.Accommodation}} {
				if f[1] != "" && f[1] != "-" {
					fmt.Fprintf(&b, "  %s: %s\n", f[0], f[1])
				}
			}
		}
		switch {
		case sol.Verdict != nil && sol.Verdict.Pass && sol.StrictVerdict != nil && sol.StrictVerdict.Pass:
			b.WriteString("The TravelPlanner evaluator passes this plan (every commonsense and hard check, also in strict mode); it is the cheapest such plan.\n")
		case sol.Verdict != nil && sol.Verdict.Pass:
			b.WriteString("The TravelPlanner evaluator passes this plan.\n")
		}
		plan, _ := json.Marshal(sol.Plan)
		b.WriteString("Plan (TravelPlanner JSON):\n")
		b.Write(plan)
		return "<<<" + b.String() + ">>>", "travel.solve found the cheapest plan passing every evaluator check; answering with the itinerary and its JSON"
	case travel.StatusInfeasible:
		fmt.Fprintf(&b, "No plan satisfies every constraint of this trip (%s to %s, %d days, %s, budget %s).\n", q.Org, q.Dest, q.Days,
			offDateSpan(q.Date), offMoney(q.Budget))
		for _, r := range sol.Reasons {
			fmt.Fprintf(&b, "- %s\n", r)
		}
		if sol.MinCost > 0 {
			fmt.Fprintf(&b, "The cheapest plan that meets every other constraint costs %s.\n", offMoney(sol.MinCost))
		}
		if len(sol.Relaxations) > 0 {
			b.WriteString("Minimal changes that make it feasible (each verified by solving again):\n")
			for i, r := range sol.Relaxations {
				fmt.Fprintf(&b, "%d. %s (cheapest plan then %s)\n", i+1, strings.Join(r.Fixes, "; "), offMoney(r.Cost))
			}
		}
		return "<<<" + b.String() + ">>>", "travel.solve proved the query infeasible; answering with the reasons and the relaxations"
	default:
		fmt.Fprintf(&b, "The search did not finish (status %s): no plan found within the time limit, and infeasibility is not proved.\n", sol.Status)
		for _, r := range sol.Reasons {
			fmt.Fprintf(&b, "- %s\n", r)
		}
		return "<<<" + b.String() + ">>>", "travel.solve stopped at its time limit; reporting that"
	}
}

// travelAssumed lists the assumptions of the parse (the parser's and the
// offline model's default of one traveller).
func travelAssumed(c *offConvo) []string {
	r, ok := c.all["travel.parse_query"]
	if !ok || r.err != "" {
		return nil
	}
	var p offTravelParseOut
	if json.Unmarshal([]byte(r.content), &p) != nil {
		return nil
	}
	out := append([]string(nil), p.Report.Assumptions...)
	if len(p.Report.Missing) == 1 && p.Report.Missing[0] == "people_number" {
		out = append(out, "1 traveller (the request names none; TravelPlanner's convention)")
	}
	return out
}

func offDateSpan(d []string) string {
	switch len(d) {
	case 0:
		return "no dates"
	case 1:
		return d[0]
	}
	return d[0] + " to " + d[len(d)-1]
}

func offPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ---- puzzles ----

// offPuzzleOut mirrors the output of the puzzle.<task> tools.
type offPuzzleOut struct {
	Task   string `json:"task"`
	Answer string `json:"answer"`
	Unsat  bool   `json:"unsat"`
}

func (o *Offline) puzzleStep(c *offConvo, d Decision) (Message, error) {
	if d.Route == RouteNone {
		return Message{}, offDecline("cannot answer offline: %s", d.Reason)
	}
	if c.guidance != "" {
		if !c.retried {
			// Ask the verifier for its reading of the previous answer, then
			// re-answer from the solver below.
			prev := ""
			if len(c.answers) > 0 {
				prev = c.answers[len(c.answers)-1].Content
			}
			var inst map[string]any
			_ = json.Unmarshal(d.instance, &inst)
			return offToolCall(c, "puzzle.verify", map[string]any{"task": d.Task, "instance": inst, "answer": prev},
				offRetryMark+": "+offClip(c.guidance, 160)+"; checking the previous answer with puzzle.verify")
		}
		if m, ok := offReanswer(c); ok {
			return m, nil
		}
	}
	switch c.lastCalled() {
	case "", "puzzle.verify":
		if c.lastCalled() == "puzzle.verify" {
			// After a verification round, solve again.
			return offToolCall(c, d.Tool, d.instance, offRetryMark+": solving the "+d.Task+" instance again")
		}
		return offToolCall(c, d.Tool, d.instance, d.Reason)
	case d.Tool:
		r, _ := c.result(d.Tool)
		if r.err != "" {
			return Message{}, offDecline("cannot answer offline: %s failed: %s", d.Tool, r.err)
		}
		var p offPuzzleOut
		if err := json.Unmarshal([]byte(r.content), &p); err != nil {
			return Message{}, offDecline("cannot answer offline: %s returned output I cannot read", d.Tool)
		}
		why := d.Tool + " solved the instance exactly; answering in the task's format"
		if p.Unsat {
			why = d.Tool + " proved the instance has no solution"
		}
		return offAnswer("<<<"+p.Answer+">>>", RouteAnswer, why), nil
	}
	if m, ok := offReanswer(c); ok {
		return m, nil
	}
	return offToolCall(c, d.Tool, d.instance, d.Reason)
}

// ---- robot ----

// firstKey returns the first of keys that the tool's input schema has, or
// the first key when the tool or its schema is unknown.
func (o *Offline) firstKey(tool string, keys ...string) string {
	t, err := o.reg.Lookup(tool)
	if err != nil || t.InputSchema == nil || len(t.InputSchema.Properties) == 0 {
		return keys[0]
	}
	for _, k := range keys {
		if t.InputSchema.Properties[k] != nil {
			return k
		}
	}
	return keys[0]
}

func (o *Offline) hasKey(tool, key string) bool {
	t, err := o.reg.Lookup(tool)
	return err == nil && t.InputSchema != nil && t.InputSchema.Properties[key] != nil
}

// offPickString returns the first non-empty string field of obj among keys.
func offPickString(obj map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		var s string
		if json.Unmarshal(obj[k], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// offRobotPlanOut mirrors robot.plan's output.
type offRobotPlanOut struct {
	Robots map[string][][3]float64 `json:"robots"`
	Order  []string                `json:"order"`
	Check  struct {
		Satisfied  bool     `json:"satisfied"`
		Spec       string   `json:"spec"`
		Robustness *float64 `json:"robustness"`
	} `json:"check"`
}

func (o *Offline) robotStep(c *offConvo, d Decision) (Message, error) {
	if d.Route == RouteNone {
		return Message{}, offDecline("cannot answer offline: %s (robot instructions need robot.translate and robot.plan)", d.Reason)
	}
	if c.guidance != "" && c.retried {
		if m, ok := offReanswer(c); ok {
			return m, nil
		}
	}
	translate := func(reason string) (Message, error) {
		in := map[string]any{o.firstKey("robot.translate", "instruction", "text", "request"): d.instruction}
		if d.env != nil {
			in["env"] = d.env
		} else {
			in[o.firstKey("robot.translate", "scenario", "name", "env_name", "environment", "env")] = d.Scenario
		}
		return offToolCall(c, "robot.translate", in, reason)
	}
	if c.guidance != "" {
		return translate(offRetryMark + ": " + offClip(c.guidance, 160) + "; translating and planning again with a wider safety margin")
	}
	switch c.lastCalled() {
	case "":
		return translate(d.Reason)
	case "robot.translate":
		r, _ := c.result("robot.translate")
		if r.err != "" {
			return Message{}, offDecline("cannot answer offline: robot.translate failed: %s", r.err)
		}
		var out map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.content), &out); err != nil {
			return Message{}, offDecline("cannot answer offline: robot.translate returned output I cannot read")
		}
		formula := offPickString(out, "formula", "spec", "stl")
		if formula == "" {
			why := offPickString(out, "error", "notes", "note", "message")
			return Message{}, offDecline("cannot answer offline: robot.translate could not read the instruction: %s", why)
		}
		in := map[string]any{"spec": formula}
		switch {
		case d.env != nil:
			in["env"] = d.env
		case len(bytes.TrimSpace(out["env"])) > 0 && string(bytes.TrimSpace(out["env"])) != "null":
			in["env"] = out["env"]
		case o.hasKey("robot.plan", "scenario"):
			in["scenario"] = d.Scenario
		default:
			// The scenario by name, as robot.translate takes it; if
			// robot.plan cannot resolve names its error is reported.
			in["env"] = d.Scenario
		}
		if c.retried {
			in["margin"] = 0.05
		}
		return offToolCall(c, "robot.plan", in, "the instruction reads as the STL formula "+offClip(formula, 200)+"; planning a verified trajectory")
	case "robot.plan":
		r, _ := c.result("robot.plan")
		if r.err != "" {
			return Message{}, offDecline("cannot answer offline: robot.plan found no trajectory: %s", r.err)
		}
		var p offRobotPlanOut
		if err := json.Unmarshal([]byte(r.content), &p); err != nil {
			return Message{}, offDecline("cannot answer offline: robot.plan returned output I cannot read")
		}
		return offAnswer(offRobotAnswer(p), RouteAnswer, "robot.plan returned a trajectory the STL checker verified; answering with its summary and JSON"), nil
	}
	if m, ok := offReanswer(c); ok {
		return m, nil
	}
	return translate(d.Reason)
}

func offRobotAnswer(p offRobotPlanOut) string {
	var b strings.Builder
	names := make([]string, 0, len(p.Robots))
	for n := range p.Robots {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w := p.Robots[n]
		length := 0.0
		for i := 1; i < len(w); i++ {
			length += math.Hypot(w[i][0]-w[i-1][0], w[i][1]-w[i-1][1])
		}
		end := 0.0
		if len(w) > 0 {
			end = w[len(w)-1][2]
		}
		fmt.Fprintf(&b, "Robot %s: %d waypoints, path length %.2f, done at t=%.2f.\n", n, len(w), length, end)
	}
	if len(p.Order) > 0 {
		fmt.Fprintf(&b, "Regions visited in order: %s.\n", strings.Join(p.Order, " → "))
	}
	if p.Check.Spec != "" {
		fmt.Fprintf(&b, "Task (STL): %s\n", p.Check.Spec)
	}
	if p.Check.Satisfied {
		b.WriteString("Verified by the STL checker: satisfied")
		if p.Check.Robustness != nil {
			fmt.Fprintf(&b, " with robustness %.3f", *p.Check.Robustness)
		}
		b.WriteString(".\n")
	} else {
		b.WriteString("The STL checker does NOT accept this trajectory.\n")
	}
	traj, _ := json.Marshal(map[string]any{"robots": p.Robots})
	b.WriteString("Trajectory (JSON):\n")
	b.Write(traj)
	return "<<<" + b.String() + ">>>"
}

// ---- plankit ----

// offCapabilityWords maps words of a request to the tool (or tool-name prefix
// ending in ".") that covers them; tool and task names are added from the
// registry at lookup time.
var offCapabilityWords = map[string]string{
	"sat": "sat.", "satisfiability": "sat.", "cnf": "sat.", "dimacs": "sat.", "boolean": "sat.",
	"constraint": "csp.", "constraints": "csp.", "csp": "csp.", "scheduling": "csp.",
	"trip": "travel.", "trips": "travel.", "travel": "travel.", "itinerary": "travel.", "itineraries": "travel.",
	"vacation": "travel.", "flights": "travel.", "hotels": "travel.", "travelplanner": "travel.",
	"robot": "robot.", "robots": "robot.", "trajectory": "robot.", "trajectories": "robot.", "motion": "robot.",
	"stl": "stl.", "temporal": "stl.",
	"lp": "lp.", "linear": "lp.", "milp": "milp.", "integer": "milp.",
	"graph": "graph.", "graphs": "graph.", "path": "graph.", "paths": "graph.", "tsp": "graph.", "salesman": "graph.", "flow": "graph.",
	"geometry": "geom.", "polygon": "geom.", "polygons": "geom.",
	"puzzle": "puzzle.", "puzzles": "puzzle.", "queens": "puzzle.n_queens", "hanoi": "puzzle.tower_of_hanoi",
	"24": "puzzle.game24", "mazes": "puzzle.maze", "sudokus": "puzzle.sudoku", "coloring": "puzzle.graph_coloring",
	"colouring": "puzzle.graph_coloring", "zebra": "puzzle.zebra", "einstein": "puzzle.zebra", "knights": "puzzle.knights_knaves",
	"knaves": "puzzle.knights_knaves", "jug": "puzzle.water_jugs", "jugs": "puzzle.water_jugs", "cryptarithms": "puzzle.cryptarithm",
	"othello": "puzzle.reversi", "mastermind": "puzzle.mastermind_lock",
}

// capabilityMatches returns the tools whose names or capability words occur
// in s.
func (o *Offline) capabilityMatches(s string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.')
	})
	set := map[string]bool{}
	all := o.reg.List()
	add := func(key string) {
		for _, t := range all {
			if t.Name == key || strings.HasSuffix(key, ".") && strings.HasPrefix(t.Name, key) {
				set[t.Name] = true
			}
		}
	}
	text := " " + strings.Join(words, " ") + " "
	for _, t := range all {
		seg := t.Name[strings.LastIndexByte(t.Name, '.')+1:]
		if t.Name[:strings.IndexByte(t.Name, '.')] == "puzzle" && seg != "verify" && seg != "generate" {
			if strings.Contains(text, " "+strings.ReplaceAll(seg, "_", " ")+" ") || strings.Contains(text, " "+seg+" ") {
				set[t.Name] = true
			}
		}
		if strings.Contains(text, " "+t.Name+" ") {
			set[t.Name] = true
		}
	}
	for _, w := range words {
		if k := offCapabilityWords[strings.Trim(w, ".")]; k != "" {
			add(k)
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func offFirstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func (o *Offline) plankitAnswer(c *offConvo, d Decision) Message {
	if m, ok := offReanswer(c); ok {
		return m
	}
	all := o.reg.List()
	var b strings.Builder
	if d.Tool != "" {
		t, err := o.reg.Lookup(d.Tool)
		if err == nil {
			fmt.Fprintf(&b, "%s: %s\n", t.Name, t.Description)
			if t.InputSchema != nil && len(t.InputSchema.Properties) > 0 {
				keys := make([]string, 0, len(t.InputSchema.Properties))
				for k := range t.InputSchema.Properties {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				b.WriteString("Input fields:\n")
				for _, k := range keys {
					desc := ""
					if p := t.InputSchema.Properties[k]; p != nil && p.Description != "" {
						desc = ": " + offClip(p.Description, 160)
					}
					req := ""
					if offContains(t.InputSchema.Required, k) {
						req = " (required)"
					}
					fmt.Fprintf(&b, "- %s%s%s\n", k, req, desc)
				}
			}
			return offAnswer("<<<"+strings.TrimSpace(b.String())+">>>", RouteAnswer, d.Reason)
		}
	}
	if _, rawObj, ok := capabilityQuestion(c.request); ok {
		matches := o.capabilityMatches(rawObj)
		obj := strings.TrimSpace(strings.Trim(rawObj, " ?.!"))
		if len(matches) == 0 {
			fmt.Fprintf(&b, "No: none of plankit's %d tools handles %q. %s", len(all), obj, o.capabilitySummary())
			return offAnswer("<<<"+b.String()+">>>", RouteAnswer, "no registry tool matches "+offClip(obj, 60))
		}
		fmt.Fprintf(&b, "Tools of plankit's registry that match %q:\n", obj)
		for i, n := range matches {
			if i == 12 {
				fmt.Fprintf(&b, "… and %d more.\n", len(matches)-12)
				break
			}
			t, _ := o.reg.Lookup(n)
			fmt.Fprintf(&b, "- %s: %s\n", n, offFirstSentence(t.Description))
		}
		return offAnswer("<<<"+strings.TrimSpace(b.String())+">>>", RouteAnswer, "registry tools match "+offClip(obj, 60))
	}
	fmt.Fprintf(&b, "plankit has %d tools:\n", len(all))
	groups := map[string][]string{}
	var order []string
	for _, t := range all {
		g := t.Name[:strings.IndexByte(t.Name, '.')]
		if groups[g] == nil {
			order = append(order, g)
		}
		groups[g] = append(groups[g], t.Name)
	}
	for _, g := range order {
		fmt.Fprintf(&b, "- %s (%d): %s\n", g, len(groups[g]), strings.Join(groups[g], ", "))
	}
	b.WriteString(o.capabilitySummary())
	return offAnswer("<<<"+strings.TrimSpace(b.String())+">>>", RouteAnswer, d.Reason)
}

func (o *Offline) capabilitySummary() string {
	return "Without a language model plankit answers: TravelPlanner-style trip requests (travel.parse_query + travel.solve), " +
		"robot instructions over a named or inline environment (robot.translate + robot.plan), every prompt of the " +
		"symbolic task suite (puzzle.<task>), arithmetic, counting and string questions (a Starlark program), and questions " +
		"about its tools. Configure a model with --base-url/--model for anything else."
}

func offContains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
