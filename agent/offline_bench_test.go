package agent

import (
	"context"
	"testing"

	"github.com/plankit/plankit/domains/puzzles"
)

// BenchmarkOfflineTurn measures one Complete call of the offline model at
// each stage of a conversation: the model's own overhead per turn
// (classification, reading tool output, writing the reply). Tool and code
// time is excluded: the conversations are recorded once, outside the loop,
// with the tools' real outputs.
func BenchmarkOfflineTurn(b *testing.B) {
	reg := offRegistry(b)
	o := NewOffline(reg)
	sudoku, err := puzzles.NewSuite().Task("sudoku")
	if err != nil {
		b.Fatal(err)
	}
	inst, _ := sudoku.Generate(3, puzzles.Hard)
	sudokuPrompt, _ := sudoku.Prompt(inst)
	travelQ := offTrainQueries(b)[27].Query // a 7-day, 3-city query
	for _, c := range []struct {
		name    string
		request string
	}{
		{"travel", travelQ},
		{"puzzle_sudoku", sudokuPrompt},
		{"code", "What is the sum of the first 100 primes?"},
		{"robot", "in houseworld: go to the kitchen then the bedroom"},
		{"plankit", "what tools do you have"},
		{"decline", "what is the capital of France"},
	} {
		// Record the conversation once, with real tool and code results.
		res := offDrive(b, o, reg, c.request, nil, 0)
		convo := res.Messages // ends with the final answer, or before the refusal
		if res.Err != nil {
			convo = append(convo, Message{Role: RoleAssistant})
		}
		// Prefixes ending before each assistant turn.
		var stages [][]Message
		for i, m := range convo {
			if m.Role == RoleAssistant {
				stages = append(stages, convo[:i])
			}
		}
		if len(stages) == 0 {
			stages = [][]Message{convo}
		}
		for si, st := range stages {
			name := c.name + "/turn" + itoa(si+1)
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				for b.Loop() {
					_, _ = o.Complete(ctx, st, nil)
				}
			})
		}
	}
}

// BenchmarkClassify measures Classify alone over the routing set.
func BenchmarkClassify(b *testing.B) {
	o := NewOffline(offRegistry(b))
	rows := readRouting(b)
	b.ResetTimer()
	for b.Loop() {
		for _, r := range rows {
			o.Classify(r.Request)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rows))/1e3, "µs/request")
}
