package agent

import (
	"context"
	"testing"
)

// BenchmarkRun measures the agent's own work per run and per turn with a
// scripted model (model time ≈ 0): building the run's registry copy and
// system prompt, tool specs per turn, tool and code execution, checks and
// the transcript (written to a temporary file).
func BenchmarkRun(b *testing.B) {
	reg := loopRegistry(b)
	cases := []struct {
		name    string
		request string
		replies []Message
	}{
		{"answer", "Say hello.", []Message{{Content: "<<<hello>>>"}}},
		{"tool", "Find a model of the CNF (x1 or x2) and (not x1).", []Message{
			{ToolCalls: []ToolCall{call("c", "sat.solve", `{"clauses": [[1, 2], [-1]]}`)}}, {Content: "<<<[-1, 2]>>>"}}},
		{"code", "What is 123456789 * 987654321?", []Message{
			{Content: "```python\nprint(123456789 * 987654321)\n```"}, {Content: "<<<121932631112635269>>>"}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			turns := 0
			for b.Loop() {
				m := &ScriptedModel{Replies: append([]Message(nil), c.replies...)}
				out, err := Run(context.Background(), Config{Model: m, Registry: reg, Transcript: dir + "/t.jsonl"}, c.request)
				if err != nil || out.Status != StatusAnswered {
					b.Fatalf("%+v %v", out, err)
				}
				turns += out.Turns
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(turns), "ms/turn")
		})
	}
}

func BenchmarkParts(b *testing.B) {
	reg := loopRegistry(b)
	b.Run("overlay", func(b *testing.B) {
		for b.Loop() {
			overlay(reg, &Trace{})
		}
	})
	b.Run("specs", func(b *testing.B) {
		for b.Loop() {
			Specs(reg)
		}
	})
	b.Run("prompt", func(b *testing.B) {
		for b.Loop() {
			SystemPrompt(reg, PromptOptions{})
		}
	})
}
