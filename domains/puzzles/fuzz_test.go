package puzzles

import (
	"strings"
	"testing"
)

// Fuzz targets for every prompt parser and every answer parser of the
// suite (the task is picked by an index), and for the shared readers.

func fuzzTask(which uint8) Task {
	tasks := NewSuite().Tasks()
	return tasks[int(which)%len(tasks)]
}

// FuzzSuitePrompt feeds arbitrary text to a task's prompt parser; a
// parsed instance must also survive the task's checks and be printable.
func FuzzSuitePrompt(f *testing.F) {
	for i, task := range NewSuite().Tasks() {
		inst, err := task.Generate(uint64(i), i%3+1)
		if err != nil {
			f.Fatal(err)
		}
		p, err := task.Prompt(inst)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), p)
		f.Add(uint8(i), strings.ReplaceAll(p, "1", "99999999999"))
	}
	f.Fuzz(func(t *testing.T, which uint8, prompt string) {
		task := fuzzTask(which)
		inst, err := task.ParsePrompt(prompt)
		if err != nil {
			return
		}
		_, _ = task.Prompt(inst) // may reject the instance, must not panic
	})
}

// FuzzSuiteVerify feeds arbitrary answers to a task's verifier on a small
// generated instance; a rejection must carry a one-line reason.
func FuzzSuiteVerify(f *testing.F) {
	for i, task := range NewSuite().Tasks() {
		inst, err := task.Generate(uint64(i), Easy)
		if err != nil {
			f.Fatal(err)
		}
		sol, err := task.Solve(f.Context(), inst)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), uint8(i), sol.Answer)
		f.Add(uint8(i), uint8(i), "<<<"+sol.Answer+">>>")
		f.Add(uint8(i), uint8(0), "no solution")
	}
	f.Fuzz(func(t *testing.T, which, seed uint8, answer string) {
		task := fuzzTask(which)
		inst, err := task.Generate(uint64(seed), Easy)
		if err != nil {
			t.Fatal(err)
		}
		v, err := task.Verify(inst, answer)
		if err != nil {
			t.Fatal(err)
		}
		if !v.OK && (v.Reason == "" || strings.Contains(v.Reason, "\n")) {
			t.Fatalf("rejection without a one-line reason: %q", v.Reason)
		}
	})
}

// FuzzArithExpr checks that the expression parser never panics and that a
// parsed expression prints to text that parses to the same value.
func FuzzArithExpr(f *testing.F) {
	for _, s := range []string{"(8/(3-8/3))", "4 × (7 − 8 ÷ 8) = 24", "24 = 1+2", "((((1))))", "1/0", "-3+4", "3.5*2", "[1+2]*{3}", "```\n1+2\n```"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := parseArith(s)
		if err != nil {
			return
		}
		v, err := e.eval()
		if err != nil {
			return
		}
		back, err := parseArith(e.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, e.String(), err)
		}
		w, err := back.eval()
		if err != nil || w.Cmp(v) != 0 {
			t.Fatalf("%q = %s, but its print %q = %v", s, v.RatString(), e.String(), w)
		}
	})
}

// FuzzAnswerText runs the shared answer readers on arbitrary text.
func FuzzAnswerText(f *testing.F) {
	for _, s := range []string{"<<<[1, 2, 3]>>>", "Answer: \"no solution\"", "```python\nprint(1)\n```", "1. Move A from 1 to 2\n2) move B", "-5 +7 3-4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = StripAnswer(s)
		_ = ClaimsNoSolution(s)
		_, _ = AnswerInts(s)
		_ = AnswerFields(s)
		_ = AnswerLines(s)
		_, _ = readUDLR(s)
	})
}
