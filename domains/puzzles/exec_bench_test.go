package puzzles

import (
	"context"
	"testing"
)

// BenchmarkExecSolve solves one hard instance of each logic and execution
// task per iteration.
func BenchmarkExecSolve(b *testing.B) {
	for _, task := range exTasks(b) {
		inst, err := task.Generate(3, Hard)
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

// BenchmarkExecGenerate generates one hard instance of each task per
// iteration (the generators of the logic tasks search for unique
// answers).
func BenchmarkExecGenerate(b *testing.B) {
	for _, task := range exTasks(b) {
		b.Run(task.Name(), func(b *testing.B) {
			seed := uint64(0)
			for b.Loop() {
				seed++
				if _, err := task.Generate(seed, Hard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBoxNetLarge solves box_net instances at the size limits: six
// boxes on a 4×4 grid.
func BenchmarkBoxNetLarge(b *testing.B) {
	cases := map[string]BoxNet{
		"corners": {Rows: 4, Cols: 4,
			Boxes: []BoxNetBox{{"red", [2]int{1, 1}}, {"red", [2]int{1, 1}}, {"blue", [2]int{1, 4}}, {"blue", [2]int{1, 4}},
				{"green", [2]int{4, 1}}, {"yellow", [2]int{4, 4}}},
			Targets: []BoxNetBox{{"red", [2]int{4, 4}}, {"blue", [2]int{4, 1}}, {"green", [2]int{1, 4}}, {"yellow", [2]int{1, 1}}}},
		"one-pile": {Rows: 4, Cols: 4,
			Boxes: []BoxNetBox{{"red", [2]int{1, 1}}, {"red", [2]int{1, 1}}, {"red", [2]int{1, 1}}, {"red", [2]int{1, 1}},
				{"red", [2]int{1, 1}}, {"red", [2]int{1, 1}}},
			Targets: []BoxNetBox{{"red", [2]int{4, 4}}}},
	}
	for name, in := range cases {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, ok, err := solveBoxNet(context.Background(), in); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
		})
	}
}
