package agent

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Request classes of the offline model (Decision.Class).
const (
	ClassTravel     = "travel"       // a TravelPlanner-style trip request
	ClassRobot      = "robot"        // a robot instruction over a named or inline environment
	ClassPuzzle     = "puzzle"       // a prompt of the symbolic task suite
	ClassArithmetic = "arithmetic"   // a numeric question answered by a program
	ClassString     = "string"       // a counting or string question answered by a program
	ClassPlankit    = "plankit"      // a question about plankit's tools and capabilities
	ClassOutOfScope = "out_of_scope" // anything else
)

// Classes lists the request classes in a fixed order.
var Classes = []string{ClassTravel, ClassRobot, ClassPuzzle, ClassArithmetic, ClassString, ClassPlankit, ClassOutOfScope}

const offReasonOutOfScope = "no offline policy covers this request"

// Decision is the offline model's classification of a request: its class,
// the route its first reply takes, and why.
type Decision struct {
	Class  string `json:"class"`
	Route  string `json:"route"`
	Reason string `json:"reason"`
	// Tool is the first tool the route calls (tool route).
	Tool string `json:"tool,omitempty"`
	// Task is the puzzle task recognised (puzzle class).
	Task string `json:"task,omitempty"`
	// Scenario is the robot scenario named in the request (robot class).
	Scenario string `json:"scenario,omitempty"`
	// Program is the Starlark program of the code route.
	Program string `json:"program,omitempty"`

	instance    json.RawMessage // the parsed puzzle instance
	env         json.RawMessage // an inline robot environment
	instruction string          // the robot instruction without the environment
}

// offMaxClassifyLen bounds the text Classify looks at; longer requests are
// classified on their first maxClassifyLen bytes (and declined unless a
// puzzle prompt parses from the whole text).
const offMaxClassifyLen = 64 << 10

// Classify decides the class and first route of a request without running
// any tool. It is deterministic, cheap and safe on any input.
func (o *Offline) Classify(request string) Decision {
	text := strings.TrimSpace(request)
	if text == "" {
		return Decision{Class: ClassOutOfScope, Route: RouteNone, Reason: "empty request"}
	}
	if len(text) > offMaxClassifyLen {
		return Decision{Class: ClassOutOfScope, Route: RouteNone, Reason: "request longer than 64 KiB"}
	}
	if d, ok := o.classifyPuzzle(text); ok {
		return d
	}
	if d, ok := o.classifyRobot(text); ok {
		return d
	}
	if d, ok := o.classifyTravel(text); ok {
		return d
	}
	if d, ok := offClassifyCode(text); ok {
		return d
	}
	if d, ok := o.classifyPlankit(text); ok {
		return d
	}
	return Decision{Class: ClassOutOfScope, Route: RouteNone, Reason: offReasonOutOfScope}
}

// ---- puzzles ----

// offPuzzlePhrases are phrases (lower case) that each task's prompts contain;
// a hit is confirmed by the task's prompt parser.
var offPuzzlePhrases = []struct {
	task    string
	phrases []string
}{
	{"arrangement", []string{"in a row on a shelf", "arrange these"}},
	{"big_multiply", []string{"compute the exact product"}},
	{"blocksworld", []string{"blocksworld"}},
	{"box_lift", []string{"lifted by lifters", "lifters (number: capacity)"}},
	{"box_net", []string{"agents stand one in each cell"}},
	{"combinatorial_calculation", []string{"kept in this order", "insert the operators"}},
	{"countdown", []string{"countdown"}},
	{"cryptarithm", []string{"cryptarithm"}},
	{"custom_operator", []string{"new binary operators", "binary operator is defined", "operators are defined"}},
	{"cycle_synthesis", []string{"exchange rules", "resources at the start"}},
	{"futoshiki", []string{"says which of them is smaller", "futoshiki"}},
	{"game24", []string{"game of 24"}},
	{"game_2048", []string{"2048"}},
	{"graph_coloring", []string{"colour the vertices", "color the vertices"}},
	{"grid_selection", []string{"free cells of the", "row limits"}},
	{"knights_knaves", []string{"knight, who always tells the truth", "knights and knaves"}},
	{"latin_diagonal", []string{"minor diagonal"}},
	{"letter_count", []string{"count how many times the letter"}},
	{"light_switch", []string{"panel of lights"}},
	{"logical_equation", []string{"stand for numbers from the set", "stand for numbers"}},
	{"mastermind_lock", []string{"lock opens with a code"}},
	{"matrix_transform", []string{"apply the operations below"}},
	{"maze", []string{"through the", "maze"}},
	{"n_queens", []string{"queens on the"}},
	{"pooling", []string{"pooling"}},
	{"reversi", []string{"reversi", "othello"}},
	{"sliding_tile", []string{"sliding puzzle"}},
	{"sokoban", []string{"sokoban"}},
	{"string_rewrite", []string{"transform the string below", "rules that follow"}},
	{"sudoku", []string{"sudoku"}},
	{"tower_of_hanoi", []string{"tower of hanoi"}},
	{"water_jugs", []string{"jugs"}},
	{"zebra", []string{"houses in a row"}},
}

func (o *Offline) classifyPuzzle(text string) (Decision, bool) {
	lower := strings.ToLower(text)
	// Suite prompts state an instance and an answer format over several
	// lines; a one-line question that merely names a puzzle is not one.
	if !strings.Contains(text, "\n") {
		return Decision{}, false
	}
	for _, p := range offPuzzlePhrases {
		hit := false
		for _, ph := range p.phrases {
			if strings.Contains(lower, ph) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		task, err := o.suite.Task(p.task)
		if err != nil {
			continue
		}
		inst, err := task.ParsePrompt(text)
		if err != nil {
			continue
		}
		d := Decision{Class: ClassPuzzle, Route: RouteTool, Task: p.task, Tool: "puzzle." + p.task, instance: inst,
			Reason: "the text is a " + p.task + " prompt of the symbolic task suite (its parser reads it); the exact solver answers it"}
		if _, err := o.reg.Lookup(d.Tool); err != nil {
			d.Route, d.Reason = RouteNone, d.Tool+" is not available in this registry"
		}
		return d, true
	}
	return Decision{}, false
}

// ---- robot ----

// offDefaultScenarios are the embedded AutoTAMP scenarios a request may name.
var offDefaultScenarios = []string{"houseworld", "chip1", "chip2", "chip3", "rover", "wall", "overcooked"}

var robotVerbRE = regexp.MustCompile(`(?i)\b(go|goes|going|visit|reach|move|navigate|drive|head|enter|avoid|get|pick|collect|stay|return|travel|walk|then|finally|eventually|always|never|before|after|robot|deliver|bring|patrol|proceed|journey|explore|venture|transition|advance|linger|remain|conclude|make your way|check out|step|steps|stepping)\b`)

// scenarioNames returns the scenario names: those of robot.translate's input
// schema when it lists them (an enum), else the defaults.
func (o *Offline) scenarioNames() []string {
	o.once.Do(func() {
		o.scenarios = offDefaultScenarios
		t, err := o.reg.Lookup("robot.translate")
		if err != nil || t.InputSchema == nil {
			return
		}
		for _, k := range []string{"scenario", "name", "env_name", "environment"} {
			if p := t.InputSchema.Properties[k]; p != nil && len(p.Enum) > 0 {
				var names []string
				for _, e := range p.Enum {
					if s, ok := e.(string); ok && s != "" {
						names = append(names, strings.ToLower(s))
					}
				}
				if len(names) > 0 {
					o.scenarios = names
				}
				return
			}
		}
	})
	return o.scenarios
}

// offInlineEnv finds a JSON object with "regions" in text and returns it and
// the text without it.
func offInlineEnv(text string) (json.RawMessage, string, bool) {
	if !strings.Contains(text, `"regions"`) {
		return nil, "", false
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(text[i:]))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			continue
		}
		var probe map[string]json.RawMessage
		if json.Unmarshal(raw, &probe) != nil || probe["regions"] == nil {
			continue
		}
		end := i + int(dec.InputOffset())
		rest := strings.TrimSpace(text[:i] + " " + text[end:])
		var buf bytes.Buffer
		if json.Compact(&buf, raw) != nil {
			continue
		}
		return buf.Bytes(), rest, true
	}
	return nil, "", false
}

func (o *Offline) classifyRobot(text string) (Decision, bool) {
	d := Decision{Class: ClassRobot, Route: RouteTool, Tool: "robot.translate"}
	if env, rest, ok := offInlineEnv(text); ok {
		if !robotVerbRE.MatchString(rest) {
			return Decision{}, false
		}
		d.env, d.instruction = env, offInstruction(rest)
		d.Reason = "a robot instruction with an inline environment: translate it to STL (robot.translate), then plan a verified trajectory (robot.plan)"
	} else {
		lower := strings.ToLower(text)
		name := ""
		for _, s := range o.scenarioNames() {
			if scenarioMentioned(lower, s) {
				name = s
				break
			}
		}
		if name == "" {
			return Decision{}, false
		}
		instr := o.offStripScenario(text, name)
		if !robotVerbRE.MatchString(instr) {
			return Decision{}, false
		}
		d.Scenario, d.instruction = name, instr
		d.Reason = "a robot instruction in the embedded scenario " + name + ": translate it to STL (robot.translate), then plan a verified trajectory (robot.plan)"
	}
	for _, t := range []string{"robot.translate", "robot.plan"} {
		if _, err := o.reg.Lookup(t); err != nil {
			d.Route, d.Reason = RouteNone, t+" is not available"
			break
		}
	}
	return d, true
}

// scenarioMentioned reports whether lower (a lower-cased request) names the
// scenario: anywhere for a distinctive name (houseworld, chip1), but for a
// name that is also an ordinary word (wall, rover) only as a label at the
// start ("wall: …", "in wall, …") or next to "scenario"/"environment".
func scenarioMentioned(lower, name string) bool {
	if !offContainsWord(lower, name) {
		return false
	}
	distinctive := strings.ContainsAny(name, "0123456789_") || strings.HasSuffix(name, "world") || name == "overcooked"
	if distinctive {
		return true
	}
	for _, p := range []string{"", "in ", "in the ", "robot in ", "robot in the ", "scenario ", "environment "} {
		rest, ok := strings.CutPrefix(lower, p+name)
		if ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " -") ||
			strings.HasPrefix(rest, " scenario") || strings.HasPrefix(rest, " environment") || strings.HasPrefix(rest, " world")) {
			return true
		}
	}
	for _, p := range []string{"the " + name + " scenario", "the " + name + " environment", "scenario " + name, "environment " + name} {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// offStripScenario removes the scenario's name from an instruction: a
// leading "in NAME:" ("Robot in the NAME scenario,", "NAME -") or a
// trailing "in NAME".
func (o *Offline) offStripScenario(text, name string) string {
	type pair struct{ lead, trail *regexp.Regexp }
	v, ok := o.stripRE.Load(name)
	if !ok {
		q := regexp.QuoteMeta(name)
		v, _ = o.stripRE.LoadOrStore(name, pair{
			lead:  regexp.MustCompile(`(?i)^\s*(?:robot\s+)?(?:in\s+)?(?:the\s+)?` + q + `(?:\s+(?:scenario|environment|world|map))?\s*(?:[:,\-–]\s*|\s+)`),
			trail: regexp.MustCompile(`(?i)\s*,?\s+in\s+(?:the\s+)?` + q + `(?:\s+(?:scenario|environment|world|map))?\s*([.!]?)\s*$`),
		})
	}
	lead, trail := v.(pair).lead, v.(pair).trail
	t := strings.TrimSpace(text)
	if loc := lead.FindStringIndex(t); loc != nil && loc[1] < len(t) {
		t = t[loc[1]:]
	}
	t = trail.ReplaceAllString(t, "$1")
	return strings.TrimSpace(t)
}

var (
	envLeadRE  = regexp.MustCompile(`(?i)^\s*(?:the\s+)?(?:environment|env|map|world)\s*(?:is\s*)?[:.]?\s*`)
	envTrailRE = regexp.MustCompile(`(?i)\s*,?\s*(?:in|for|with|using|on)\s+(?:this|the following|the|that|my)\s+(?:environment|env|map|world)\s*[:.]?\s*$`)
)

// offInstruction cleans the text left around an inline environment.
func offInstruction(rest string) string {
	t := strings.TrimSpace(rest)
	t = envLeadRE.ReplaceAllString(t, "")
	t = envTrailRE.ReplaceAllString(t, "")
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(t), ":,."))
}

// offContainsWord reports whether w occurs in s between non-letters.
func offContainsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !offIsWordByte(s[j-1])
		after := j+len(w) == len(s) || !offIsWordByte(s[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func offIsWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// ---- travel ----

var (
	tripWordRE   = regexp.MustCompile(`(?i)\b(trip|trips|travel|travels|traveling|travelling|itinerary|journey|vacation|holiday|getaway|tour|excursion|visit|visiting|road trip)\b`)
	strongPlanRE = regexp.MustCompile(`(?i)\b(plan|plans|planned|planning|itinerary|itineraries|design|devise|schedule|organi[sz](e|es|ed|ing)|arrange|put together|create|craft|prepare|outline|map out)\b`)
	questionRE   = regexp.MustCompile(`(?i)^\s*(is|are|was|were|should|shall|does|do|did|would|how long|how much|how many|when|why|where|what|which|who)\b`)
	placeRefRE   = regexp.MustCompile(`\b(?:[Ff]rom|[Tt]o|[Ii]n|[Ff]or|[Aa]cross|[Vv]isiting|[Tt]hrough|[Ww]ithin|[Aa]round)\s+(?:the state of\s+)?([A-Z][A-Za-z.'-]+)`)
	tripDaysRE   = regexp.MustCompile(`(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)[ -]days?\b|\b(a|one|two) weeks?\b|\bweekend\b`)
	tripDateRE   = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?\b|\b\d{4}-\d{2}-\d{2}\b`)
	tripMoneyRE  = regexp.MustCompile(`(?i)\$\s?\d|\bbudget\b|\b\d[\d,]*\s*(dollars|usd)\b`)
)

var offMonthNames = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true}

func (o *Offline) classifyTravel(text string) (Decision, bool) {
	if !tripWordRE.MatchString(text) {
		return Decision{}, false
	}
	place := false
	for _, m := range placeRefRE.FindAllStringSubmatch(text, -1) {
		w := strings.TrimRight(m[1], ".'-")
		if !offMonthNames[w] && w != "I" && w != "A" && w != "The" && w != "My" && w != "Our" {
			place = true
			break
		}
	}
	if !place {
		return Decision{}, false
	}
	n := 0
	for _, re := range []*regexp.Regexp{tripDaysRE, tripDateRE, tripMoneyRE} {
		if re.MatchString(text) {
			n++
		}
	}
	// A trip word and a place are chit-chat ("I love to travel to Denver",
	// "Is a 5-day trip to Japan too short?") unless the text asks for a plan,
	// or states at least two of days, dates and money without being a
	// question.
	if !strongPlanRE.MatchString(text) && (n < 2 || questionRE.MatchString(text)) {
		return Decision{}, false
	}
	d := Decision{Class: ClassTravel, Route: RouteTool, Tool: "travel.parse_query",
		Reason: "a trip request (trip words, places, dates, days or budget): read it into a query (travel.parse_query), then solve it exactly (travel.solve)"}
	for _, t := range []string{"travel.parse_query", "travel.solve"} {
		if _, err := o.reg.Lookup(t); err != nil {
			d.Route, d.Reason = RouteNone, t+" is not available"
			break
		}
	}
	return d, true
}

// ---- plankit ----

var (
	plankitRE = regexp.MustCompile(`(?i)\bplankit\b|\b(what|which) (tools|solvers|capabilities|functions)\b|\b(list|show|name) (all |me )?(your |the |of your )?(tools|solvers|capabilities)\b|\byour (tools|capabilities|abilities|solvers|skills)\b|\bwhat can you (do|solve|plan|handle)\b|\bwhat (kinds?|sorts?|types?) of (problems|tasks|puzzles|requests|questions) (can|do) you\b|\bhow many tools\b|\b(tools|solvers) (do|does|are) (you|available)\b|\bwho are you\b|\bwhat are you\b|\bhow do i use (you|this)\b|\bwhat puzzles\b`)
	canYouRE  = regexp.MustCompile(`(?i)^\s*(?:can|could|do|are|will|is)\s+(?:you|it|plankit)\s+(?:able to\s+)?(solve|plan|do|handle|check|verify|find|play|schedule|colou?r|translate|render|draw|evaluate|support|parse|optimi[sz]e|route|run|compute|calculate|count|reverse)\b\s*(.*)$`)
	helpRE    = regexp.MustCompile(`(?i)^\s*(help|usage|capabilities|tools|list tools)\s*[?!.]*\s*$`)
	toolRefRE = regexp.MustCompile(`\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\b`)
)

func (o *Offline) classifyPlankit(text string) (Decision, bool) {
	d := Decision{Class: ClassPlankit, Route: RouteAnswer}
	for _, m := range toolRefRE.FindAllString(strings.ToLower(text), -1) {
		if _, err := o.reg.Lookup(m); err == nil {
			d.Tool = m
			d.Reason = "a question about the tool " + m + ": answered from the registry"
			return d, true
		}
	}
	switch {
	case helpRE.MatchString(text), plankitRE.MatchString(text):
		d.Reason = "a question about plankit's tools and capabilities: answered from the registry"
		return d, true
	}
	if verb, obj, ok := capabilityQuestion(text); ok {
		if len(o.capabilityMatches(obj)) > 0 || offLooksLikeCapabilityObject(obj) || toolNounRE.MatchString(obj) {
			d.Reason = "a question whether plankit can " + verb + " something: answered from the registry"
			return d, true
		}
	}
	return Decision{}, false
}

var (
	doYouHaveRE = regexp.MustCompile(`(?i)^\s*(?:do|does)\s+(?:you|plankit)\s+(have|support|include|offer|provide|know)\b\s*(.*)$`)
	toolNounRE  = regexp.MustCompile(`(?i)\b(solver|solvers|tool|tools|planner|planners|checker|checkers|verifier|verifiers|parser|parsers)\b`)
)

// capabilityQuestion reads "can you VERB OBJECT" or "do you have OBJECT".
func capabilityQuestion(text string) (verb, obj string, ok bool) {
	if m := canYouRE.FindStringSubmatch(text); m != nil {
		return strings.ToLower(m[1]), m[2], true
	}
	if m := doYouHaveRE.FindStringSubmatch(text); m != nil {
		return strings.ToLower(m[1]), m[2], true
	}
	return "", "", false
}

// offLooksLikeCapabilityObject accepts short objects such as "puzzles" or
// "travel planning" even when no tool matches (the answer then says no).
func offLooksLikeCapabilityObject(s string) bool {
	f := strings.Fields(strings.Trim(s, " ?.!"))
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		for _, r := range w {
			if unicode.IsDigit(r) {
				return false
			}
		}
	}
	return slices.ContainsFunc(f, func(w string) bool {
		w = strings.ToLower(strings.Trim(w, ",;:"))
		return strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ing") || offCapabilityWords[w] != ""
	})
}
