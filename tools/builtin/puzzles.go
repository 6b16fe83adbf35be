package builtin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/tools"
)

// PuzzleAnswer is the output of every puzzle.<task> tool.
type PuzzleAnswer struct {
	Task       string `json:"task" jsonschema:"the task name"`
	Answer     string `json:"answer" jsonschema:"the answer in the task's answer format (what its prompt asks for); \"no solution\" when unsat"`
	Structured any    `json:"structured,omitempty" jsonschema:"the answer as structured data (moves, grid, cells, expression …)"`
	Unsat      bool   `json:"unsat,omitempty" jsonschema:"true when the instance provably has no solution"`
}

// PuzzleVerifyInput is the input of puzzle.verify.
type PuzzleVerifyInput struct {
	Task     string         `json:"task" jsonschema:"the task name, e.g. sudoku or blocksworld (see plankit puzzle list)"`
	Instance map[string]any `json:"instance" jsonschema:"the structured instance, as taken by puzzle.<task>"`
	Answer   string         `json:"answer" jsonschema:"the answer text to judge; wrappers such as <<<…>>>, quotes and brackets are tolerated"`
}

// PuzzleVerifyOutput is the output of puzzle.verify.
type PuzzleVerifyOutput struct {
	OK     bool   `json:"ok" jsonschema:"true when the answer is valid (and, where the task asks for it, optimal)"`
	Reason string `json:"reason,omitempty" jsonschema:"why the answer was rejected, in one line"`
}

// PuzzleGenerateInput is the input of puzzle.generate.
type PuzzleGenerateInput struct {
	Task  string `json:"task" jsonschema:"the task name"`
	Level int    `json:"level,omitempty" jsonschema:"difficulty: 1 easy (default), 2 medium, 3 hard"`
	Seed  uint64 `json:"seed,omitempty" jsonschema:"random seed; the same seed and level give the same instance"`
}

// PuzzleGenerateOutput is the output of puzzle.generate.
type PuzzleGenerateOutput struct {
	Instance map[string]any `json:"instance" jsonschema:"the structured instance"`
	Prompt   string         `json:"prompt" jsonschema:"the instance in English, with the answer format"`
}

// registerPuzzles adds puzzle.<task> for every task of the suite, plus
// puzzle.verify and puzzle.generate.
func registerPuzzles(r *tools.Registry) error {
	suite := puzzles.NewSuite()
	var errs []error
	out, err := jsonschema.For[PuzzleAnswer](nil)
	if err != nil {
		return fmt.Errorf("puzzle tools: output schema: %w", err)
	}
	for _, task := range suite.Tasks() {
		in, err := jsonschema.ForType(reflect.TypeOf(task.NewInstance()).Elem(), nil)
		if err != nil {
			errs = append(errs, fmt.Errorf("puzzle.%s: input schema: %w", task.Name(), err))
			continue
		}
		task := task
		errs = append(errs, r.Register(tools.Tool{
			Name:         "puzzle." + task.Name(),
			Description:  task.Description() + " Input: the structured instance; output: the answer in the task's answer format and structured.",
			InputSchema:  in,
			OutputSchema: out,
			Fn: func(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
				return SolvePuzzle(ctx, task, raw)
			},
		}))
	}
	errs = append(errs,
		tools.Add(r, "puzzle.verify",
			"Judge an answer to a puzzle instance: ok, or a one-line reason (wrong format, broken rule, not the shortest plan, a false claim of no solution).",
			func(_ context.Context, in PuzzleVerifyInput) (PuzzleVerifyOutput, error) {
				return VerifyPuzzle(suite, in)
			}),
		tools.Add(r, "puzzle.generate",
			"Generate a seeded puzzle instance of a task at a difficulty level, with its English prompt.",
			func(_ context.Context, in PuzzleGenerateInput) (PuzzleGenerateOutput, error) {
				return GeneratePuzzle(suite, in)
			}),
	)
	return errors.Join(errs...)
}

// SolvePuzzle solves a structured instance of task and encodes the answer
// as a PuzzleAnswer.
func SolvePuzzle(ctx context.Context, task puzzles.Task, instance json.RawMessage) (json.RawMessage, error) {
	sol, err := task.Solve(ctx, instance)
	if err != nil {
		if errors.Is(err, puzzles.ErrInstance) {
			return nil, fmt.Errorf("%w: %v", tools.ErrInvalidInput, err)
		}
		return nil, err
	}
	b, err := json.Marshal(PuzzleAnswer{Task: task.Name(), Answer: sol.Answer, Structured: sol.Structured, Unsat: sol.Unsat})
	if err != nil {
		return nil, fmt.Errorf("encoding output: %w", err)
	}
	return b, nil
}

// VerifyPuzzle judges an answer with the task's verifier.
func VerifyPuzzle(suite *puzzles.Suite, in PuzzleVerifyInput) (PuzzleVerifyOutput, error) {
	task, err := suite.Task(in.Task)
	if err != nil {
		return PuzzleVerifyOutput{}, fmt.Errorf("task: %w", err)
	}
	raw, err := json.Marshal(in.Instance)
	if err != nil {
		return PuzzleVerifyOutput{}, fmt.Errorf("instance: %w", err)
	}
	v, err := task.Verify(raw, in.Answer)
	if err != nil {
		return PuzzleVerifyOutput{}, fmt.Errorf("instance: %w", err)
	}
	return PuzzleVerifyOutput{OK: v.OK, Reason: v.Reason}, nil
}

// GeneratePuzzle makes a seeded instance and its prompt.
func GeneratePuzzle(suite *puzzles.Suite, in PuzzleGenerateInput) (PuzzleGenerateOutput, error) {
	task, err := suite.Task(in.Task)
	if err != nil {
		return PuzzleGenerateOutput{}, fmt.Errorf("task: %w", err)
	}
	level := in.Level
	if level == 0 {
		level = puzzles.Easy
	}
	inst, err := task.Generate(in.Seed, level)
	if err != nil {
		return PuzzleGenerateOutput{}, err
	}
	prompt, err := task.Prompt(inst)
	if err != nil {
		return PuzzleGenerateOutput{}, err
	}
	out := PuzzleGenerateOutput{Prompt: prompt}
	if err := json.Unmarshal(inst, &out.Instance); err != nil {
		return PuzzleGenerateOutput{}, fmt.Errorf("instance: %w", err)
	}
	return out, nil
}
