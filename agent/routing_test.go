package agent

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/travel"
	"github.com/plankit/plankit/tools/script"
)

var updateRouting = flag.Bool("update-routing", false, "regenerate the train and suite rows of testdata/agent/routing.jsonl (keeping the hand-written rows)")

var routingPath = filepath.Join("..", "testdata", "agent", "routing.jsonl")

// routingRow is one labelled request of the routing set.
type routingRow struct {
	Request string `json:"request"`
	Class   string `json:"class"`
	Route   string `json:"route"`
	// Answer is the expected answer of code-route rows (computed
	// independently, see testdata/agent/README.md).
	Answer string `json:"answer,omitempty"`
	// Task is the puzzle task of suite rows.
	Task string `json:"task,omitempty"`
	// Source is hand (written for the set), train (a TravelPlanner training
	// query) or suite (a generated puzzle prompt).
	Source string `json:"source"`
	Seed   uint64 `json:"seed,omitempty"`
	Level  int    `json:"level,omitempty"`
}

func readRouting(t testing.TB) []routingRow {
	t.Helper()
	b, err := os.ReadFile(routingPath)
	if err != nil {
		t.Fatal(err)
	}
	var rows []routingRow
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r routingRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("routing.jsonl line %d: %v", n, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestGenerateRoutingRows rewrites the generated rows with -update-routing
// and otherwise checks that the committed ones are exactly what the
// generator writes.
func TestGenerateRoutingRows(t *testing.T) {
	rows := readRouting(t)
	var hand []routingRow
	for _, r := range rows {
		if r.Source == "hand" {
			hand = append(hand, r)
		}
	}
	gen := append([]routingRow(nil), hand...)
	for _, q := range offTrainQueries(t) {
		gen = append(gen, routingRow{Request: q.Query, Class: ClassTravel, Route: RouteTool, Source: "train"})
	}
	for _, task := range puzzles.NewSuite().Tasks() {
		for _, c := range []struct {
			seed  uint64
			level int
		}{{11, puzzles.Easy}, {12, puzzles.Medium}} {
			inst, err := task.Generate(c.seed, c.level)
			if err != nil {
				t.Fatal(err)
			}
			p, err := task.Prompt(inst)
			if err != nil {
				t.Fatal(err)
			}
			gen = append(gen, routingRow{Request: p, Class: ClassPuzzle, Route: RouteTool, Task: task.Name(), Source: "suite", Seed: c.seed, Level: c.level})
		}
	}
	var buf bytes.Buffer
	for _, r := range gen {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if *updateRouting {
		if err := os.WriteFile(routingPath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if len(rows) != len(gen) {
		t.Fatalf("routing.jsonl has %d rows, the generator writes %d (run go test ./agent -run TestGenerateRoutingRows -update-routing)", len(rows), len(gen))
	}
	for i := range rows {
		if rows[i] != gen[i] {
			t.Fatalf("routing.jsonl row %d differs from the generator's: %+v vs %+v", i+1, rows[i], gen[i])
		}
	}
}

// routingStats classifies the set and tallies per class.
type routingStats struct {
	n, classOK, routeOK map[string]int
	confusion           map[string]map[string]int
	wrong               []string
}

func measureRouting(o *Offline, rows []routingRow) routingStats {
	s := routingStats{n: map[string]int{}, classOK: map[string]int{}, routeOK: map[string]int{}, confusion: map[string]map[string]int{}}
	for _, r := range rows {
		d := o.Classify(r.Request)
		s.n[r.Class]++
		if s.confusion[r.Class] == nil {
			s.confusion[r.Class] = map[string]int{}
		}
		s.confusion[r.Class][d.Class]++
		classOK := d.Class == r.Class && (r.Task == "" || d.Task == r.Task)
		if classOK {
			s.classOK[r.Class]++
		}
		if d.Route == r.Route {
			s.routeOK[r.Class]++
		}
		if !classOK || d.Route != r.Route {
			s.wrong = append(s.wrong, fmt.Sprintf("%s/%s → %s/%s %s: %q", r.Class, r.Route, d.Class, d.Route, d.Task, offClipTest(r.Request, 90)))
		}
	}
	return s
}

func offClipTest(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func (s routingStats) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-13s %5s %9s %9s   confusion (predicted class: count)\n", "class", "n", "class ok", "route ok")
	total, ok := 0, 0
	for _, c := range Classes {
		if s.n[c] == 0 {
			continue
		}
		var conf []string
		for _, p := range Classes {
			if k := s.confusion[c][p]; k > 0 {
				conf = append(conf, fmt.Sprintf("%s:%d", p, k))
			}
		}
		fmt.Fprintf(&b, "%-13s %5d %9d %9d   %s\n", c, s.n[c], s.classOK[c], s.routeOK[c], strings.Join(conf, " "))
		total += s.n[c]
		ok += s.routeOK[c]
	}
	fmt.Fprintf(&b, "route accuracy %d/%d = %.1f%%\n", ok, total, 100*float64(ok)/float64(total))
	return b.String()
}

// TestRoutingAccuracy measures Classify on the labelled set: class and route
// per row, the per-class confusion, and the code-route answers.
func TestRoutingAccuracy(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	rows := readRouting(t)
	if len(rows) < 200 {
		t.Fatalf("%d rows, want at least 200", len(rows))
	}
	s := measureRouting(o, rows)
	t.Logf("routing on %d requests:\n%s", len(rows), s.table())
	for _, w := range s.wrong {
		t.Logf("misrouted: %s", w)
	}
	total, ok := 0, 0
	for _, c := range Classes {
		if s.n[c] < 5 {
			t.Errorf("class %s has %d rows, want at least 5", c, s.n[c])
		}
		total += s.n[c]
		ok += s.routeOK[c]
		// Every class must be routed well on its own, not only on average.
		if float64(s.routeOK[c]) < 0.95*float64(s.n[c]) {
			t.Errorf("class %s: route accuracy %d/%d below 95%%", c, s.routeOK[c], s.n[c])
		}
	}
	if float64(ok) < 0.99*float64(total) {
		t.Errorf("route accuracy %d/%d below 99%%", ok, total)
	}
	for _, c := range []string{ClassTravel, ClassPuzzle} {
		if s.classOK[c] != s.n[c] {
			t.Errorf("class %s: %d/%d recognised, want all", c, s.classOK[c], s.n[c])
		}
	}
}

// TestRoutingCodeAnswers runs the program of every code-route row and
// compares its output with the row's independently computed answer.
func TestRoutingCodeAnswers(t *testing.T) {
	reg := offRegistry(t)
	o := NewOffline(reg)
	runner := script.New(reg, script.Limits{})
	n, good := 0, 0
	for _, r := range readRouting(t) {
		if r.Answer == "" {
			continue
		}
		n++
		d := o.Classify(r.Request)
		if d.Route != RouteCode {
			t.Errorf("%q: route %s, no program", r.Request, d.Route)
			continue
		}
		out, err := runner.Run(context.Background(), "row", d.Program)
		got := strings.TrimSpace(out.Output)
		if err != nil || got != r.Answer {
			t.Errorf("%q: program printed %q (err %v), want %q\n%s", r.Request, got, err, r.Answer, d.Program)
			continue
		}
		if strings.Contains(d.Program, r.Answer) && len(r.Answer) > 3 {
			t.Errorf("%q: the program contains its answer %q as a constant:\n%s", r.Request, r.Answer, d.Program)
			continue
		}
		good++
	}
	t.Logf("code-route answers: %d/%d correct", good, n)
	if n < 80 {
		t.Fatalf("only %d code rows with answers", n)
	}
}

// TestClassifySuitePrompts: every task's prompts over seeds and all three
// levels are recognised as that task (and as no other).
func TestClassifySuitePrompts(t *testing.T) {
	o := NewOffline(offRegistry(t))
	seeds := uint64(6)
	if testing.Short() {
		seeds = 2
	}
	for _, task := range puzzles.NewSuite().Tasks() {
		for level := puzzles.Easy; level <= puzzles.Hard; level++ {
			for seed := uint64(1); seed <= seeds; seed++ {
				inst, err := task.Generate(seed*101, level)
				if err != nil {
					t.Fatal(err)
				}
				p, err := task.Prompt(inst)
				if err != nil {
					t.Fatal(err)
				}
				d := o.Classify(p)
				if d.Class != ClassPuzzle || d.Task != task.Name() || d.Route != RouteTool {
					t.Fatalf("%s level %d seed %d: classified %s/%s/%s (%s)", task.Name(), level, seed*101, d.Class, d.Task, d.Route, d.Reason)
				}
				if seed == 1 { // wrapped in a user's words
					for _, w := range []string{"Please solve this puzzle for me:\n\n" + p, p + "\n\nThanks!"} {
						if d := o.Classify(w); d.Task != task.Name() {
							t.Fatalf("%s level %d: wrapped prompt classified %s/%s", task.Name(), level, d.Class, d.Task)
						}
					}
				}
				var want, got any
				_ = json.Unmarshal(inst, &want)
				_ = json.Unmarshal(d.instance, &got)
				if fmt.Sprint(want) != fmt.Sprint(got) {
					t.Fatalf("%s level %d seed %d: parsed instance differs from the generated one", task.Name(), level, seed*101)
				}
			}
		}
	}
}

// TestRoutingEndToEnd drives the offline model over every row of the set
// (tools through the registry, code in the sandbox) and checks each final
// answer with an exact checker where one exists: the travel evaluator
// against the original query record, the puzzle task's verifier, the
// independently computed answer of code rows. Robot rows are left out: the
// test registry's robot.translate is a stub; TestRoutingThroughLoop runs
// them (and every other row) through agent.Run with the real tools.
func TestRoutingEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("drives every row")
	}
	reg := offRegistry(t)
	o := NewOffline(reg)
	db := offTravelDB(t)
	train := map[string]travel.Query{}
	for _, q := range offTrainQueries(t) {
		train[q.Query] = q
	}
	suite := puzzles.NewSuite()
	type tally struct{ n, verified, answered, declined int }
	per := map[string]*tally{}
	for _, r := range readRouting(t) {
		if r.Class == ClassRobot {
			continue
		}
		if per[r.Class] == nil {
			per[r.Class] = &tally{}
		}
		tl := per[r.Class]
		tl.n++
		res := offDrive(t, o, reg, r.Request, nil, 0)
		if res.Err != nil {
			if !errors.Is(res.Err, ErrCannotAnswer) {
				t.Errorf("%q: %v", offClipTest(r.Request, 60), res.Err)
			}
			tl.declined++
			incomplete := r.Class == ClassTravel && strings.Contains(res.Err.Error(), "cannot plan this trip")
			if r.Class != ClassOutOfScope && !incomplete {
				t.Errorf("%s row declined: %q: %v", r.Class, offClipTest(r.Request, 60), res.Err)
			}
			continue
		}
		ans := offFinal(res.Final.Content)
		switch {
		case r.Class == ClassOutOfScope:
			t.Errorf("out-of-scope row answered: %q → %q", r.Request, offClipTest(ans, 80))
			tl.answered++
		case r.Source == "train":
			plan, ok := ExtractTravelPlan(ans)
			rep := (&travel.Evaluator{DB: db, Strict: true}).Score([]travel.Query{train[r.Request]}, []travel.Submission{{Plan: plan}})
			if ok && rep.Plans[0].Pass {
				tl.verified++
			} else {
				t.Errorf("travel row not verified: %q", offClipTest(r.Request, 80))
			}
		case r.Source == "suite":
			task, _ := suite.Task(r.Task)
			inst, _ := task.Generate(r.Seed, r.Level)
			if v, err := task.Verify(inst, ans); err == nil && v.OK {
				tl.verified++
			} else {
				t.Errorf("%s seed %d: verifier rejects %q", r.Task, r.Seed, offClipTest(ans, 80))
			}
		case r.Answer != "":
			if ans == r.Answer {
				tl.verified++
			} else {
				t.Errorf("%q: answered %q, want %q", r.Request, ans, r.Answer)
			}
		default:
			tl.answered++ // plankit questions, trips outside the training set: no checker
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-13s %4s %9s %9s %9s\n", "class", "n", "verified", "answered", "declined")
	for _, c := range Classes {
		if tl := per[c]; tl != nil {
			fmt.Fprintf(&b, "%-13s %4d %9d %9d %9d\n", c, tl.n, tl.verified, tl.answered, tl.declined)
		}
	}
	t.Logf("end to end over the routing set (robot rows left out):\n%s", b.String())
}

func offTravelDB(t testing.TB) *travel.DB {
	t.Helper()
	db, err := travel.Default(travel.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}
