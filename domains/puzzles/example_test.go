package puzzles_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
)

func Example() {
	task, _ := puzzles.NewSuite().Task("game24")
	inst := []byte(`{"numbers":[3,3,8,8],"target":24}`)
	sol, _ := task.Solve(context.Background(), inst)
	fmt.Println(sol.Answer)
	v, _ := task.Verify(inst, "<<<8/(3-8/3)>>>")
	fmt.Println(v.OK)
	v, _ = task.Verify(inst, "8*3 + 8 - 3")
	fmt.Println(v.Reason)
	// Output:
	// 8 / (3 - 8 / 3)
	// true
	// the expression equals 29, not 24
}

func ExampleTask_generate() {
	task, _ := puzzles.NewSuite().Task("water_jugs")
	inst, _ := task.Generate(42, puzzles.Easy)
	prompt, _ := task.Prompt(inst)
	back, _ := task.ParsePrompt(prompt)
	fmt.Println(string(inst) == string(back))
	sol, _ := task.Solve(context.Background(), inst)
	v, _ := task.Verify(inst, sol.Answer)
	fmt.Println(v.OK)
	// Output:
	// true
	// true
}

func ExampleTask_shortestPlan() {
	task, _ := puzzles.NewSuite().Task("blocksworld")
	inst := []byte(`{"stacks":[["A","B"],[],[]],"goal":[[],["B","A"],[]]}`)
	sol, _ := task.Solve(context.Background(), inst)
	fmt.Println(sol.Answer)
	v, _ := task.Verify(inst, "Move B from 1 to 3\nMove B from 3 to 2\nMove A from 1 to 2")
	fmt.Println(v.Reason)
	// Output:
	// Move B from 1 to 2
	// Move A from 1 to 2
	// the plan has 3 moves; a shortest plan has 2
}

// BenchmarkSolve solves one medium instance of every task per iteration.
func BenchmarkSolve(b *testing.B) {
	for _, task := range puzzles.NewSuite().Tasks() {
		inst, err := task.Generate(1, puzzles.Medium)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(task.Name(), func(b *testing.B) {
			for b.Loop() {
				if _, err := task.Solve(context.Background(), inst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHard solves one hard instance of each planning task.
func BenchmarkHard(b *testing.B) {
	for _, task := range puzzles.NewSuite().Tasks() {
		if task.Family() != "planning" {
			continue
		}
		inst, err := task.Generate(3, puzzles.Hard)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(task.Name(), func(b *testing.B) {
			for b.Loop() {
				if _, err := task.Solve(context.Background(), inst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
