package puzzles

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// exTaskNames lists the logic and execution tasks of issue 10 part B.
var exTaskNames = []string{
	"mastermind_lock", "box_lift", "box_net", "light_switch", "graph_coloring", "knights_knaves", "zebra", "cryptarithm", "futoshiki",
	"game_2048", "reversi", "matrix_transform", "pooling", "string_rewrite", "cycle_synthesis", "letter_count", "big_multiply", "custom_operator",
}

func exTasks(tb testing.TB) []Task {
	tb.Helper()
	s := NewSuite()
	out := make([]Task, len(exTaskNames))
	for i, name := range exTaskNames {
		t, err := s.Task(name)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = t
	}
	return out
}

// exFuzzer drives one task's parsers without the JSON layer.
type exFuzzer struct {
	name string
	// prompt parses a prompt; when it succeeds, the instance's own prompt
	// must parse back to the same instance (else a message).
	prompt func(p string) (ok bool, msg string)
	// verify checks an answer against instances of each level.
	verify func(answer string) []Verdict
	seeds  []string // a prompt and answers, for the corpus
}

func exFuzzOf[I any](spec Spec[I]) exFuzzer {
	var insts []I
	var seeds []string
	for level := Easy; level <= Hard; level++ {
		in, err := spec.Generate(rand.New(rand.NewPCG(7, uint64(level))), level)
		if err != nil {
			panic(err)
		}
		insts = append(insts, in)
	}
	seeds = append(seeds, spec.Prompt(insts[0]))
	return exFuzzer{
		name: spec.Name,
		prompt: func(p string) (bool, string) {
			in, err := spec.Parse(p)
			if err != nil {
				if strings.Contains(err.Error(), "\n") {
					return false, "multi-line error: " + err.Error()
				}
				return false, ""
			}
			if err := spec.Validate(in); err != nil {
				return true, "parsed instance fails Validate: " + err.Error()
			}
			back, err := spec.Parse(spec.Prompt(in))
			if err != nil {
				return true, "own prompt of a parsed instance does not parse: " + err.Error()
			}
			if a, b := exJSON(in), exJSON(back); a != b {
				return true, "round trip changed the instance: " + a + " → " + b
			}
			return true, ""
		},
		verify: func(answer string) []Verdict {
			out := make([]Verdict, len(insts))
			for i, in := range insts {
				out[i] = spec.Verify(in, answer)
			}
			return out
		},
		seeds: seeds,
	}
}

func exFuzzers() []exFuzzer {
	return []exFuzzer{
		exFuzzOf(mastermindSpec()), exFuzzOf(boxLiftSpec()), exFuzzOf(boxNetSpec()), exFuzzOf(lightsSpec()),
		exFuzzOf(coloringSpec()), exFuzzOf(knightsSpec()), exFuzzOf(zebraSpec()), exFuzzOf(cryptarithmSpec()),
		exFuzzOf(futoshikiSpec()), exFuzzOf(game2048Spec()), exFuzzOf(reversiSpec()), exFuzzOf(matrixSpec()),
		exFuzzOf(poolingSpec()), exFuzzOf(rewriteSpec()), exFuzzOf(cycleSpec()), exFuzzOf(letterSpec()),
		exFuzzOf(bigMulSpec()), exFuzzOf(customSpec()),
	}
}

// TestExecRegistered checks that the suite holds exactly these tasks from
// registerExecution, under the names the fuzzers use.
func TestExecRegistered(t *testing.T) {
	s := &Suite{}
	registerExecution(s)
	var got []string
	for _, task := range s.Tasks() {
		got = append(got, task.Name())
	}
	want := slices.Sorted(slices.Values(exTaskNames))
	if !slices.Equal(got, want) {
		t.Fatalf("registered %v, want %v", got, want)
	}
	var fz []string
	for _, f := range exFuzzers() {
		fz = append(fz, f.name)
	}
	if !slices.Equal(fz, exTaskNames) {
		t.Fatalf("fuzzers cover %v, want %v", fz, exTaskNames)
	}
}

// FuzzExecPrompt feeds arbitrary text to the prompt parser of every logic
// and execution task. None may panic, and an instance parsed from any text
// must validate and print to a prompt that parses back to it.
func FuzzExecPrompt(f *testing.F) {
	fz := exFuzzers()
	for _, x := range fz {
		f.Add(x.seeds[0])
	}
	f.Fuzz(func(t *testing.T, prompt string) {
		for _, x := range fz {
			if _, msg := x.prompt(prompt); msg != "" {
				t.Fatalf("%s: %s", x.name, msg)
			}
		}
	})
}

// FuzzExecAnswer feeds arbitrary answers to the verifier of every logic
// and execution task on an instance of each level; none may panic, and a
// rejection carries a one-line reason.
func FuzzExecAnswer(f *testing.F) {
	fz := exFuzzers()
	f.Add("<<<No solution exists.>>>")
	f.Fuzz(func(t *testing.T, answer string) {
		for _, x := range fz {
			for _, v := range x.verify(answer) {
				if !v.OK && (v.Reason == "" || strings.Contains(v.Reason, "\n")) {
					t.Fatalf("%s: rejection without a one-line reason: %q", x.name, v.Reason)
				}
			}
		}
	})
}

func exJSON(v any) string { b, _ := json.Marshal(v); return string(b) }
