package benchroute

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/plankit/plankit/agent"
	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/puzzles/bench"
	"github.com/plankit/plankit/tools"
)

func TestMode(t *testing.T) {
	steps := func(routes ...string) *agent.Outcome {
		out := &agent.Outcome{}
		for i, r := range routes {
			out.Routes = append(out.Routes, agent.Step{Turn: i + 1, Route: r})
		}
		return out
	}
	for _, c := range []struct {
		routes []string
		want   string
	}{
		{nil, bench.ModeText},
		{[]string{"answer"}, bench.ModeText},
		{[]string{"tool", "answer"}, bench.ModeTool},
		{[]string{"code", "answer"}, bench.ModeCode},
		{[]string{"tool", "code", "answer"}, bench.ModeCode},
		{[]string{"code", "tool", "answer", "answer"}, bench.ModeTool},
		{[]string{"none", "answer"}, bench.ModeText},
	} {
		if got := Mode(steps(c.routes...)); got != c.want {
			t.Errorf("%v: got %s, want %s", c.routes, got, c.want)
		}
	}
}

func query(t *testing.T) (puzzles.Task, bench.Query) {
	t.Helper()
	task, err := puzzles.NewSuite().Task("maze")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := task.Generate(3, puzzles.Easy)
	if err != nil {
		t.Fatal(err)
	}
	prompt, err := task.Prompt(inst)
	if err != nil {
		t.Fatal(err)
	}
	return task, bench.Query{Task: "maze", Seed: 3, Level: 1, Instance: inst, Prompt: prompt}
}

func TestRouteOffline(t *testing.T) {
	reg := tools.NewRegistry()
	if _, err := New("offline", agent.Config{Registry: reg}, ""); !errors.Is(err, ErrConfig) {
		t.Fatalf("no model: %v", err)
	}
	if _, err := New(" ", agent.Config{Model: &agent.ScriptedModel{}, Registry: reg}, ""); !errors.Is(err, ErrConfig) {
		t.Fatalf("no name: %v", err)
	}
	task, q := query(t)
	// A model that cannot answer: an error, with the turn counted.
	r, err := New("scripted", agent.Config{Model: &agent.ScriptedModel{Replies: []agent.Message{}}, Registry: reg}, "")
	if err != nil {
		t.Fatal(err)
	}
	reply, err := r.Answer(context.Background(), task, q)
	if err == nil || !strings.HasPrefix(err.Error(), "benchroute: error: model: ") || reply.Answer != "" {
		t.Fatalf("exhausted script: %+v, %v", reply, err)
	}
	// A direct wrong answer is returned for the verifier to judge.
	r, _ = New("scripted", agent.Config{Model: &agent.ScriptedModel{Replies: []agent.Message{{Role: agent.RoleAssistant, Content: "<<<up>>>"}}},
		Registry: reg, MaxGuidance: -1}, "")
	reply, err = r.Answer(context.Background(), task, q)
	if err != nil || reply.Answer != "up" || reply.Mode != bench.ModeText || reply.Turns != 1 {
		t.Fatalf("wrong answer: %+v, %v", reply, err)
	}
	if v, err := task.Verify(q.Instance, reply.Answer); err != nil || v.OK {
		t.Fatalf("verifier accepted %q: %v", reply.Answer, err)
	}
}
