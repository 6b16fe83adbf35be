package puzzles

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// exCheck runs the contract every logic and execution task must keep on n
// generated instances at mixed levels: the instance validates, its prompt
// parses back to the same instance, the solver's answer verifies (or the
// instance is reported unsatisfiable), and wrong answers — the generic ones
// and those from mutate — are rejected with a one-line reason.
func exCheck[I any](t *testing.T, spec Spec[I], n int, mutate func(rng *rand.Rand, in I, answer string) []string) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		level := Easy + i%3
		rng := rand.New(rand.NewPCG(uint64(i), uint64(level)))
		in, err := spec.Generate(rng, level)
		if err != nil {
			t.Fatalf("%s seed %d level %d: generate: %v", spec.Name, i, level, err)
		}
		if err := spec.Validate(in); err != nil {
			t.Fatalf("%s seed %d level %d: generated instance invalid: %v", spec.Name, i, level, err)
		}
		prompt := spec.Prompt(in)
		back, err := spec.Parse(prompt)
		if err != nil {
			t.Fatalf("%s seed %d: parse of own prompt: %v\n%s", spec.Name, i, err, prompt)
		}
		a, _ := json.Marshal(in)
		b, _ := json.Marshal(back)
		if string(a) != string(b) {
			t.Fatalf("%s seed %d: prompt round trip differs:\n%s\n%s\n%s", spec.Name, i, a, b, prompt)
		}
		sol, err := spec.Solve(ctx, in)
		if err != nil {
			t.Fatalf("%s seed %d: solve: %v\n%s", spec.Name, i, err, a)
		}
		v := spec.Verify(in, sol.Answer)
		if sol.Unsat {
			if !v.OK {
				t.Fatalf("%s seed %d: unsat answer rejected: %s", spec.Name, i, v.Reason)
			}
			continue
		}
		if !v.OK {
			t.Fatalf("%s seed %d: solver answer %q rejected: %s\n%s", spec.Name, i, sol.Answer, v.Reason, a)
		}
		// Wrappers a model may add are accepted too.
		if v := spec.Verify(in, "The answer is <<<"+sol.Answer+">>>"); !v.OK {
			t.Fatalf("%s seed %d: wrapped answer rejected: %s", spec.Name, i, v.Reason)
		}
		wrong := []string{"", "garbage", NoSolutionAnswer}
		if mutate != nil {
			wrong = append(wrong, mutate(rng, in, sol.Answer)...)
		}
		for _, w := range wrong {
			v := spec.Verify(in, w)
			if v.OK {
				t.Fatalf("%s seed %d: wrong answer %q accepted (right: %q)\n%s", spec.Name, i, w, sol.Answer, a)
			}
			if v.Reason == "" || strings.Contains(v.Reason, "\n") {
				t.Fatalf("%s seed %d: reason %q for %q is not one line", spec.Name, i, v.Reason, w)
			}
		}
	}
}

var exIntRE = regexp.MustCompile(`\d+`)

// exMutateInts changes one integer of an answer (by +delta), the classic
// near-miss of a model; it returns nothing when the answer has none.
func exMutateInts(rng *rand.Rand, answer string, delta int) []string {
	idx := exIntRE.FindAllStringIndex(answer, -1)
	if len(idx) == 0 {
		return nil
	}
	l := idx[rng.IntN(len(idx))]
	v, _ := strconv.Atoi(answer[l[0]:l[1]])
	return []string{answer[:l[0]] + strconv.Itoa(v+delta) + answer[l[1]:]}
}
