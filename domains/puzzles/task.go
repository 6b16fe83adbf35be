package puzzles

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
)

// Errors shared by the tasks.
var (
	ErrUnknownTask = errors.New("puzzles: unknown task")
	ErrInstance    = errors.New("puzzles: invalid instance")
	ErrPrompt      = errors.New("puzzles: cannot read prompt")
)

// Levels of difficulty accepted by every generator.
const (
	Easy   = 1
	Medium = 2
	Hard   = 3
)

// Solution is a solver's answer: the text in the task's answer format (what
// the prompt asks for), a structured form, or Unsat for instances that have
// no answer (reported as such, not as a failure).
type Solution struct {
	Answer     string `json:"answer"`
	Structured any    `json:"structured,omitempty"`
	Unsat      bool   `json:"unsat,omitempty"`
}

// Verdict is a verifier's judgement; Reason is one line when OK is false.
type Verdict struct {
	OK     bool   `json:"ok"`
	Reason string `json:"reason,omitempty"`
}

// Spec is what a task implements, for its instance type I (a struct with
// JSON tags named after the concepts: numbers, target, grid, stacks, goal…).
type Spec[I any] struct {
	Name        string // snake_case, e.g. "n_queens"
	Family      string // "planning" or "execution"
	Description string // one sentence
	// Generate returns a random instance of the level (Easy, Medium, Hard).
	Generate func(rng *rand.Rand, level int) (I, error)
	// Prompt states the instance in English and the answer format.
	Prompt func(in I) string
	// Parse reads a prompt written by Prompt back into the instance.
	Parse func(prompt string) (I, error)
	// Validate checks a structured instance (from JSON) and names the field
	// that is wrong.
	Validate func(in I) error
	// Solve answers exactly; it honours ctx for long searches.
	Solve func(ctx context.Context, in I) (Solution, error)
	// Verify parses an answer leniently and accepts any valid answer.
	Verify func(in I, answer string) Verdict
}

// Task is the untyped view of a Spec used by the suite, tools and CLI.
type Task interface {
	Name() string
	Family() string
	Description() string
	// NewInstance returns a pointer to a zero instance (for JSON schemas).
	NewInstance() any
	Generate(seed uint64, level int) (json.RawMessage, error)
	Prompt(inst json.RawMessage) (string, error)
	ParsePrompt(prompt string) (json.RawMessage, error)
	Solve(ctx context.Context, inst json.RawMessage) (Solution, error)
	Verify(inst json.RawMessage, answer string) (Verdict, error)
}

type task[I any] struct{ s Spec[I] }

func (t task[I]) Name() string        { return t.s.Name }
func (t task[I]) Family() string      { return t.s.Family }
func (t task[I]) Description() string { return t.s.Description }
func (t task[I]) NewInstance() any    { return new(I) }

func (t task[I]) decode(raw json.RawMessage) (I, error) {
	var in I
	if err := json.Unmarshal(raw, &in); err != nil {
		return in, fmt.Errorf("%w: %s: %v", ErrInstance, t.s.Name, err)
	}
	if t.s.Validate != nil {
		if err := t.s.Validate(in); err != nil {
			return in, fmt.Errorf("%w: %s: %v", ErrInstance, t.s.Name, err)
		}
	}
	return in, nil
}

func (t task[I]) Generate(seed uint64, level int) (json.RawMessage, error) {
	if level < Easy || level > Hard {
		return nil, fmt.Errorf("puzzles: %s: level %d: want 1 (easy), 2 (medium) or 3 (hard)", t.s.Name, level)
	}
	in, err := t.s.Generate(rand.New(rand.NewPCG(seed, uint64(level))), level)
	if err != nil {
		return nil, fmt.Errorf("puzzles: %s: generate: %w", t.s.Name, err)
	}
	return json.Marshal(in)
}

func (t task[I]) Prompt(raw json.RawMessage) (string, error) {
	in, err := t.decode(raw)
	if err != nil {
		return "", err
	}
	return t.s.Prompt(in), nil
}

func (t task[I]) ParsePrompt(prompt string) (json.RawMessage, error) {
	in, err := t.s.Parse(prompt)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrPrompt, t.s.Name, err)
	}
	return json.Marshal(in)
}

func (t task[I]) Solve(ctx context.Context, raw json.RawMessage) (Solution, error) {
	in, err := t.decode(raw)
	if err != nil {
		return Solution{}, err
	}
	return t.s.Solve(ctx, in)
}

func (t task[I]) Verify(raw json.RawMessage, answer string) (Verdict, error) {
	in, err := t.decode(raw)
	if err != nil {
		return Verdict{}, err
	}
	return t.s.Verify(in, answer), nil
}

// Suite holds tasks by name.
type Suite struct{ tasks map[string]Task }

// Register adds a typed task to s.
func Register[I any](s *Suite, spec Spec[I]) {
	if s.tasks == nil {
		s.tasks = map[string]Task{}
	}
	s.tasks[spec.Name] = task[I]{spec}
}

// NewSuite returns the suite of every built-in task.
func NewSuite() *Suite {
	s := &Suite{tasks: map[string]Task{}}
	registerPlanning(s)
	registerExecution(s)
	return s
}

// Tasks returns the tasks sorted by name.
func (s *Suite) Tasks() []Task {
	out := make([]Task, 0, len(s.tasks))
	for _, t := range s.tasks {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// Task returns the named task.
func (s *Suite) Task(name string) (Task, error) {
	t, ok := s.tasks[name]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownTask, name)
	}
	return t, nil
}
