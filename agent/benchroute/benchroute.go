// Package benchroute puts the agent on the puzzle benchmark: a Route
// answers each instance from its English prompt through agent.Run (the
// model decides between prose, tool calls and code), never from the
// structured instance. The bench runner verifies the answers.
package benchroute

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/plankit/plankit/agent"
	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/puzzles/bench"
)

// ErrConfig is wrapped by errors about a bad route configuration.
var ErrConfig = errors.New("benchroute: bad configuration")

// Route answers bench queries with the agent.
type Route struct {
	name        string
	cfg         agent.Config
	transcripts string
}

// New returns a route called name that runs cfg (Model and Registry
// required) on every prompt. Transcripts are off unless transcripts names
// a directory, which then gets one JSONL file per query
// (<route>-<task>-<seed>.jsonl); cfg.Transcript and cfg.NoTranscript are
// ignored.
func New(name string, cfg agent.Config, transcripts string) (*Route, error) {
	if strings.TrimSpace(name) == "" {
		return nil, fmt.Errorf("%w: empty route name", ErrConfig)
	}
	if cfg.Model == nil || cfg.Registry == nil {
		return nil, fmt.Errorf("%w: route %s needs a model and a tool registry", ErrConfig, name)
	}
	if transcripts != "" {
		if err := os.MkdirAll(transcripts, 0o755); err != nil {
			return nil, fmt.Errorf("benchroute: transcripts: %w", err)
		}
	}
	cfg.Transcript, cfg.NoTranscript = "", transcripts == ""
	cfg.Observe = nil
	return &Route{name: name, cfg: cfg, transcripts: transcripts}, nil
}

// Name returns the route's name.
func (r *Route) Name() string { return r.name }

// Answer runs the agent on q.Prompt. A rejected answer is returned as an
// answer (the bench verifier judges it); a run that ends without one
// (cannot answer, a cap, the time budget, a model error) is an error, with
// the usage and counts of the run still in the reply.
func (r *Route) Answer(ctx context.Context, _ puzzles.Task, q bench.Query) (bench.Reply, error) {
	cfg := r.cfg
	if r.transcripts != "" {
		cfg.Transcript = filepath.Join(r.transcripts, fmt.Sprintf("%s-%s-%d.jsonl", r.name, q.Task, q.Seed))
	}
	out, err := agent.Run(ctx, cfg, q.Prompt)
	if out == nil {
		return bench.Reply{}, fmt.Errorf("benchroute: %w", err)
	}
	reply := bench.Reply{Answer: out.Answer, PromptTokens: out.Usage.PromptTokens, CompletionTokens: out.Usage.CompletionTokens,
		Mode: Mode(out), ToolCalls: out.ToolCalls, CodeRuns: out.CodeRuns, Turns: out.Turns}
	if err != nil {
		return reply, fmt.Errorf("benchroute: %w", err)
	}
	switch out.Status {
	case agent.StatusAnswered, agent.StatusRejected:
		return reply, nil
	}
	return reply, fmt.Errorf("benchroute: %s: %s", out.Status, out.Message)
}

// Mode says how the final answer of out came about: bench.ModeCode when
// the run's last tool-or-code turn ran code, bench.ModeTool when it called
// tools, bench.ModeText when the model answered without either.
func Mode(out *agent.Outcome) string {
	routes := out.Routes
	if n := len(routes); n > 0 && routes[n-1].Route == agent.RouteAnswer {
		routes = routes[:n-1]
	}
	for i := len(routes) - 1; i >= 0; i-- {
		switch routes[i].Route {
		case agent.RouteCode:
			return bench.ModeCode
		case agent.RouteTool:
			return bench.ModeTool
		}
	}
	return bench.ModeText
}
