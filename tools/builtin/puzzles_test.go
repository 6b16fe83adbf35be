package builtin

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/tools"
)

func puzzleRegistry(t *testing.T) *tools.Registry {
	t.Helper()
	r := tools.NewRegistry()
	if err := registerPuzzles(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPuzzleToolsEveryTask generates an instance of every task through
// puzzle.generate, solves it with puzzle.<task> and judges the answer
// with puzzle.verify, all through the registry (schemas validated).
func TestPuzzleToolsEveryTask(t *testing.T) {
	r := puzzleRegistry(t)
	ctx := context.Background()
	tasks := puzzles.NewSuite().Tasks()
	if len(tasks) < 15 {
		t.Fatalf("only %d tasks", len(tasks))
	}
	for _, task := range tasks {
		t.Run(task.Name(), func(t *testing.T) {
			for level := 1; level <= 3; level++ {
				raw, err := r.Call(ctx, "puzzle.generate", json.RawMessage(`{"task":"`+task.Name()+`","level":`+string(rune('0'+level))+`,"seed":7}`))
				if err != nil {
					t.Fatal(err)
				}
				var gen PuzzleGenerateOutput
				if err := json.Unmarshal(raw, &gen); err != nil {
					t.Fatal(err)
				}
				if gen.Prompt == "" || len(gen.Instance) == 0 {
					t.Fatalf("empty generate output %s", raw)
				}
				inst, _ := json.Marshal(gen.Instance)
				raw, err = r.Call(ctx, "puzzle."+task.Name(), inst)
				if err != nil {
					t.Fatalf("level %d: %v\ninstance %s", level, err, inst)
				}
				var ans PuzzleAnswer
				if err := json.Unmarshal(raw, &ans); err != nil {
					t.Fatal(err)
				}
				if ans.Task != task.Name() || (ans.Structured == nil && !ans.Unsat) {
					t.Fatalf("output %s", raw)
				}
				in, _ := json.Marshal(PuzzleVerifyInput{Task: task.Name(), Instance: gen.Instance, Answer: ans.Answer})
				raw, err = r.Call(ctx, "puzzle.verify", in)
				if err != nil {
					t.Fatal(err)
				}
				var v PuzzleVerifyOutput
				if err := json.Unmarshal(raw, &v); err != nil {
					t.Fatal(err)
				}
				if !v.OK {
					t.Fatalf("level %d: tool answer %q rejected: %s", level, ans.Answer, v.Reason)
				}
				in, _ = json.Marshal(PuzzleVerifyInput{Task: task.Name(), Instance: gen.Instance, Answer: "@@"})
				raw, _ = r.Call(ctx, "puzzle.verify", in)
				if err := json.Unmarshal(raw, &v); err != nil || v.OK || v.Reason == "" {
					t.Fatalf("nonsense answer: %s", raw)
				}
			}
		})
	}
}

func TestPuzzleToolsErrors(t *testing.T) {
	r := puzzleRegistry(t)
	ctx := context.Background()
	cases := []struct {
		tool, input, want string
	}{
		{"puzzle.game24", `{"numbers":[1,2,3],"target":24}`, "numbers: want 4 numbers"},
		{"puzzle.game24", `{"numbers":"1 2 3 4","target":24}`, "numbers"},
		{"puzzle.sudoku", `{"grid":[[1,2],[3,4]]}`, "want 4 or 9 rows"},
		{"puzzle.maze", `{"grid":["S..","..."]}`, "one S and one G"},
		{"puzzle.blocksworld", `{"stacks":[["A"],[]],"goal":[["B"],[]]}`, "not in stacks"},
		{"puzzle.verify", `{"task":"nope","instance":{},"answer":"1"}`, "unknown task"},
		{"puzzle.verify", `{"task":"game24","instance":{"numbers":[1]},"answer":"1"}`, "want 4 numbers"},
		{"puzzle.generate", `{"task":"game24","level":7}`, "level 7"},
	}
	for _, c := range cases {
		t.Run(c.tool, func(t *testing.T) {
			_, err := r.Call(ctx, c.tool, json.RawMessage(c.input))
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v, want one line containing %q", err, c.want)
			}
		})
	}
	_, err := r.Call(ctx, "puzzle.game24", json.RawMessage(`{"numbers":[1,2,3],"target":24}`))
	if !errors.Is(err, tools.ErrInvalidInput) {
		t.Fatalf("bad instance should be invalid input, got %v", err)
	}
}

func TestPuzzleToolUnsat(t *testing.T) {
	r := puzzleRegistry(t)
	raw, err := r.Call(context.Background(), "puzzle.game24", json.RawMessage(`{"numbers":[1,1,1,1],"target":24}`))
	if err != nil {
		t.Fatal(err)
	}
	var ans PuzzleAnswer
	if err := json.Unmarshal(raw, &ans); err != nil || !ans.Unsat || ans.Answer != puzzles.NoSolutionAnswer {
		t.Fatalf("1 1 1 1: %s", raw)
	}
}
