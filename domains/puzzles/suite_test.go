package puzzles

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// Generic tests over every task of the suite, planning and execution alike.

const instancesPerTask = 200

func levelOf(i int) int { return i%3 + 1 }

// TestSuiteSolveVerify generates instances at mixed levels, solves each
// with the task's solver and checks the answer with its verifier.
func TestSuiteSolveVerify(t *testing.T) {
	for _, task := range NewSuite().Tasks() {
		t.Run(task.Name(), func(t *testing.T) {
			t.Parallel()
			n := instancesPerTask
			if testing.Short() {
				n = 30
			}
			unsat := 0
			for i := range n {
				inst, err := task.Generate(uint64(i), levelOf(i))
				if err != nil {
					t.Fatalf("seed %d level %d: generate: %v", i, levelOf(i), err)
				}
				sol, err := task.Solve(context.Background(), inst)
				if err != nil {
					t.Fatalf("seed %d level %d: solve %s: %v", i, levelOf(i), inst, err)
				}
				if sol.Unsat {
					unsat++
				}
				v, err := task.Verify(inst, sol.Answer)
				if err != nil {
					t.Fatalf("seed %d: verify: %v", i, err)
				}
				if !v.OK {
					t.Fatalf("seed %d level %d: solver's answer %q rejected: %s\ninstance %s", i, levelOf(i), sol.Answer, v.Reason, inst)
				}
			}
			t.Logf("%d instances, %d without solution", n, unsat)
		})
	}
}

// TestSuiteWrongAnswers feeds answers that must be rejected with a reason:
// an empty answer, nonsense, and a claim of no solution on an instance
// that has one.
func TestSuiteWrongAnswers(t *testing.T) {
	for _, task := range NewSuite().Tasks() {
		t.Run(task.Name(), func(t *testing.T) {
			t.Parallel()
			rejected := 0
			for i := range 12 {
				inst, err := task.Generate(uint64(1000+i), levelOf(i))
				if err != nil {
					t.Fatal(err)
				}
				sol, err := task.Solve(context.Background(), inst)
				if err != nil {
					t.Fatal(err)
				}
				wrong := []string{"@@ not an answer @@"}
				if strings.TrimSpace(sol.Answer) != "" {
					wrong = append(wrong, "")
				}
				if !sol.Unsat {
					wrong = append(wrong, "no solution", "<<<No solution exists.>>>")
				}
				for _, w := range wrong {
					v, err := task.Verify(inst, w)
					if err != nil {
						t.Fatal(err)
					}
					if v.OK {
						t.Errorf("seed %d: wrong answer %q accepted (correct: %q)\ninstance %s", 1000+i, w, sol.Answer, inst)
						continue
					}
					if v.Reason == "" || strings.Contains(v.Reason, "\n") {
						t.Errorf("seed %d: answer %q rejected without a one-line reason: %q", 1000+i, w, v.Reason)
					}
					rejected++
				}
			}
			if rejected == 0 {
				t.Fatal("no wrong answer was tried")
			}
		})
	}
}

// TestSuitePromptRoundTrip parses every generated prompt back into the
// instance it was written from.
func TestSuitePromptRoundTrip(t *testing.T) {
	for _, task := range NewSuite().Tasks() {
		t.Run(task.Name(), func(t *testing.T) {
			t.Parallel()
			for i := range instancesPerTask {
				inst, err := task.Generate(uint64(i), levelOf(i))
				if err != nil {
					t.Fatal(err)
				}
				prompt, err := task.Prompt(inst)
				if err != nil {
					t.Fatal(err)
				}
				back, err := task.ParsePrompt(prompt)
				if err != nil {
					t.Fatalf("seed %d: parse: %v\nprompt:\n%s", i, err, prompt)
				}
				if !jsonEquivalent(t, inst, back) {
					t.Fatalf("seed %d: round trip changed the instance\nwant %s\n got %s\nprompt:\n%s", i, inst, back, prompt)
				}
			}
		})
	}
}

// jsonEquivalent compares two JSON documents treating a missing key, null,
// false, 0, "" and an empty array or object as the same.
func jsonEquivalent(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(pruneEmpty(x), pruneEmpty(y))
}

func pruneEmpty(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if p := pruneEmpty(e); p != nil {
				out[k] = p
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = pruneEmpty(e)
			if out[i] == nil {
				out[i] = []any{} // keep positions: an empty element stays empty
			}
		}
		return out
	case bool:
		if !x {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	case string:
		if x == "" {
			return nil
		}
	}
	return v
}
