package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
)

// fakeRoute answers from the prompt with a scripted behaviour: it solves
// with the task's solver when ok(seed) holds and answers nonsense
// otherwise, reporting tokens and a mode.
type fakeRoute struct {
	name string
	ok   func(seed uint64) bool
	mode string
	fail bool
}

func (r fakeRoute) Name() string { return r.name }

func (r fakeRoute) Answer(ctx context.Context, task puzzles.Task, q Query) (Reply, error) {
	if r.fail {
		return Reply{}, errors.New("model offline")
	}
	rep := Reply{Mode: r.mode, PromptTokens: len(q.Prompt) / 4, CompletionTokens: 10, Turns: 1}
	if !r.ok(q.Seed) {
		rep.Answer = "I think the answer is 42 ducks"
		return rep, nil
	}
	sol, err := task.Solve(ctx, q.Instance)
	rep.Answer = sol.Answer
	return rep, err
}

func tasks(t *testing.T, names ...string) []puzzles.Task {
	t.Helper()
	s := puzzles.NewSuite()
	var out []puzzles.Task
	for _, n := range names {
		task, err := s.Task(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, task)
	}
	return out
}

func TestRunAggregates(t *testing.T) {
	half := fakeRoute{name: "half", mode: ModeText, ok: func(s uint64) bool { return s%2 == 0 }}
	none := fakeRoute{name: "down", fail: true}
	var progress []int
	rep, err := Run(context.Background(), Config{
		Tasks:    tasks(t, "game24", "maze"),
		Routes:   []Route{ToolRoute{}, half, none},
		N:        6,
		Seed:     10,
		Workers:  2,
		Progress: func(done, total int) { progress = append(progress, done); _ = total },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) != 2*3*6 || progress[len(progress)-1] != 36 {
		t.Fatalf("progress calls %v", progress)
	}
	if len(rep.Results) != 36 || len(rep.Rows) != 6 || len(rep.Summaries) != 3 {
		t.Fatalf("%d results, %d rows, %d summaries", len(rep.Results), len(rep.Rows), len(rep.Summaries))
	}
	for _, r := range rep.Rows {
		switch r.Route {
		case "tool":
			if r.Solved != 6 || r.Rate != 1 || r.Norm != 1 || r.MixTool != 6 {
				t.Errorf("tool row %+v", r)
			}
		case "half":
			// seeds 10..15: 10, 12, 14 are solved
			if r.Solved != 3 || math.Abs(r.Norm-0.5) > 1e-12 || r.MixText != 6 || r.PromptTokens == 0 || r.CompletionTokens != 60 {
				t.Errorf("half row %+v", r)
			}
		case "down":
			if r.Solved != 0 || r.Errors != 6 || r.Norm != 0 {
				t.Errorf("down row %+v", r)
			}
		}
	}
	want := map[string]float64{"tool": 1, "half": 0.5, "down": 0}
	for _, s := range rep.Summaries {
		if math.Abs(s.AveNorm-want[s.Route]) > 1e-12 || s.Tasks != 2 || s.N != 12 {
			t.Errorf("summary %+v, want AveNorm %v", s, want[s.Route])
		}
	}
	for _, res := range rep.Results {
		if res.Route == "half" && !res.OK && res.Reason == "" {
			t.Errorf("failed result without reason: %+v", res)
		}
		if res.Route == "down" && !strings.Contains(res.Reason, "model offline") {
			t.Errorf("route error not recorded: %+v", res)
		}
	}
}

func TestRunOutputs(t *testing.T) {
	rep, err := Run(context.Background(), Config{Tasks: tasks(t, "sudoku", "water_jugs"), Routes: []Route{ToolRoute{}}, N: 3})
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Rows) != 2 || back.Summaries[0].AveNorm != 1 {
		t.Fatalf("JSON round trip: %v %+v", err, back.Summaries)
	}
	var cb bytes.Buffer
	if err := rep.WriteCSV(&cb); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&cb).ReadAll()
	if err != nil || len(recs) != 3 || strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") || recs[1][0] != "sudoku" || recs[1][4] != "1" {
		t.Fatalf("CSV %v %v", err, recs)
	}
	var md bytes.Buffer
	if err := rep.WriteMarkdown(&md); err != nil || !strings.Contains(md.String(), "| water_jugs | tool | 3 | 3 | 100% |") {
		t.Fatalf("markdown %v\n%s", err, md.String())
	}
	for _, format := range []string{"svg", "png"} {
		var img bytes.Buffer
		if err := rep.WriteChart(&img, format); err != nil || img.Len() < 1000 {
			t.Fatalf("%s chart: %v (%d bytes)", format, err, img.Len())
		}
		if format == "svg" && !strings.Contains(img.String(), "<svg") {
			t.Fatal("not an SVG")
		}
		if format == "png" && !bytes.HasPrefix(img.Bytes(), []byte("\x89PNG")) {
			t.Fatal("not a PNG")
		}
	}
	if err := rep.WriteChart(&bytes.Buffer{}, "gif"); err == nil {
		t.Fatal("gif accepted")
	}
}

func TestRunConfigErrors(t *testing.T) {
	ts := tasks(t, "game24")
	cases := []Config{
		{Routes: []Route{ToolRoute{}}, N: 1},
		{Tasks: ts, N: 1},
		{Tasks: ts, Routes: []Route{ToolRoute{}}, N: 0},
		{Tasks: ts, Routes: []Route{ToolRoute{}}, N: 1, Level: 4},
		{Tasks: ts, Routes: []Route{ToolRoute{}, ToolRoute{}}, N: 1},
	}
	for i, c := range cases {
		if _, err := Run(context.Background(), c); !errors.Is(err, ErrConfig) {
			t.Errorf("case %d: %v", i, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Config{Tasks: ts, Routes: []Route{ToolRoute{}}, N: 5}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
}

func ExampleRun() {
	task, _ := puzzles.NewSuite().Task("tower_of_hanoi")
	rep, err := Run(context.Background(), Config{Tasks: []puzzles.Task{task}, Routes: []Route{ToolRoute{}}, N: 3, Level: puzzles.Easy})
	if err != nil {
		panic(err)
	}
	s := rep.Summaries[0]
	fmt.Println(s.Route, s.Solved, s.N, s.AveNorm)
	// Output: tool 3 3 1
}
