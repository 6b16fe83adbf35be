package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/plankit/plankit/domains/puzzles"
)

// Answer modes a Reply may report.
const (
	ModeText = "text" // answered in prose from the prompt
	ModeTool = "tool" // answered through a tool call
	ModeCode = "code" // answered by running generated code
)

// Query is one instance put to a route.
type Query struct {
	Task     string          `json:"task"`
	Seed     uint64          `json:"seed"`
	Level    int             `json:"level"`
	Instance json.RawMessage `json:"instance"`
	Prompt   string          `json:"prompt"`
}

// Reply is a route's answer and what it cost.
type Reply struct {
	Answer           string `json:"answer"`
	PromptTokens     int    `json:"prompt_tokens,omitempty"`
	CompletionTokens int    `json:"completion_tokens,omitempty"`
	// Mode is how the final answer was produced: ModeText, ModeTool or
	// ModeCode.
	Mode      string `json:"mode"`
	ToolCalls int    `json:"tool_calls,omitempty"`
	CodeRuns  int    `json:"code_runs,omitempty"`
	Turns     int    `json:"turns,omitempty"`
}

// Route answers queries one way.
type Route interface {
	Name() string
	Answer(ctx context.Context, task puzzles.Task, q Query) (Reply, error)
}

// ToolRoute answers with the task's exact solver, from the structured
// instance.
type ToolRoute struct{}

// Name returns "tool".
func (ToolRoute) Name() string { return "tool" }

// Answer solves q.Instance.
func (ToolRoute) Answer(ctx context.Context, task puzzles.Task, q Query) (Reply, error) {
	sol, err := task.Solve(ctx, q.Instance)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Answer: sol.Answer, Mode: ModeTool, ToolCalls: 1, Turns: 1}, nil
}

// ErrConfig reports a configuration the runner cannot use.
var ErrConfig = errors.New("bench: bad configuration")

// Config says what to run.
type Config struct {
	Tasks  []puzzles.Task
	Routes []Route
	// N instances per task, with seeds Seed, Seed+1, …
	N    int
	Seed uint64
	// Level 1–3, or 0 for the levels in turn (1, 2, 3, 1, …).
	Level int
	// Timeout bounds one answer (0: none).
	Timeout time.Duration
	// Workers answer in parallel (default 1, which keeps times clean).
	Workers int
	// Progress, when set, is called after every answer (from one
	// goroutine at a time).
	Progress func(done, total int)
}

// Result is the outcome of one query on one route.
type Result struct {
	Task             string  `json:"task"`
	Route            string  `json:"route"`
	Seed             uint64  `json:"seed"`
	Level            int     `json:"level"`
	OK               bool    `json:"ok"`
	Reason           string  `json:"reason,omitempty"`
	Error            string  `json:"error,omitempty"`
	Answer           string  `json:"answer"`
	Seconds          float64 `json:"seconds"`
	PromptTokens     int     `json:"prompt_tokens,omitempty"`
	CompletionTokens int     `json:"completion_tokens,omitempty"`
	Mode             string  `json:"mode,omitempty"`
	ToolCalls        int     `json:"tool_calls,omitempty"`
	CodeRuns         int     `json:"code_runs,omitempty"`
	Turns            int     `json:"turns,omitempty"`
}

// Row aggregates one task on one route.
type Row struct {
	Task             string  `json:"task"`
	Route            string  `json:"route"`
	N                int     `json:"n"`
	Solved           int     `json:"solved"`
	Rate             float64 `json:"success_rate"`
	MeanSeconds      float64 `json:"mean_s"`
	MedianSeconds    float64 `json:"median_s"`
	TotalSeconds     float64 `json:"total_s"`
	PromptTokens     int     `json:"prompt_tokens"`
	CompletionTokens int     `json:"completion_tokens"`
	MixText          int     `json:"mix_text"`
	MixTool          int     `json:"mix_tool"`
	MixCode          int     `json:"mix_code"`
	Errors           int     `json:"errors"`
	// Norm is Rate over the best route's rate on this task (0 when no
	// route solved any instance of it).
	Norm float64 `json:"norm"`
}

// Summary aggregates one route over all tasks.
type Summary struct {
	Route            string  `json:"route"`
	Tasks            int     `json:"tasks"`
	N                int     `json:"n"`
	Solved           int     `json:"solved"`
	Rate             float64 `json:"success_rate"`
	AveNorm          float64 `json:"ave_norm"`
	TotalSeconds     float64 `json:"total_s"`
	PromptTokens     int     `json:"prompt_tokens"`
	CompletionTokens int     `json:"completion_tokens"`
	MixText          int     `json:"mix_text"`
	MixTool          int     `json:"mix_tool"`
	MixCode          int     `json:"mix_code"`
}

// Report is the outcome of Run.
type Report struct {
	Started   time.Time `json:"started"`
	Seconds   float64   `json:"seconds"`
	N         int       `json:"n"`
	Seed      uint64    `json:"seed"`
	Level     int       `json:"level"`
	Tasks     []string  `json:"tasks"`
	Routes    []string  `json:"routes"`
	Rows      []Row     `json:"rows"`
	Summaries []Summary `json:"summaries"`
	Results   []Result  `json:"results"`
}

type job struct {
	task  puzzles.Task
	route Route
	q     Query
	slot  int
}

// Run generates the instances, asks every route, verifies every answer and
// aggregates. A route's error on one query is recorded as a failed result,
// not returned; Run returns an error for a bad configuration, a generator
// failure or a cancelled context.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if len(cfg.Tasks) == 0 || len(cfg.Routes) == 0 {
		return nil, fmt.Errorf("%w: need at least one task and one route", ErrConfig)
	}
	if cfg.N < 1 {
		return nil, fmt.Errorf("%w: n must be at least 1, got %d", ErrConfig, cfg.N)
	}
	if cfg.Level < 0 || cfg.Level > puzzles.Hard {
		return nil, fmt.Errorf("%w: level %d: want 0 (mixed) or 1 to 3", ErrConfig, cfg.Level)
	}
	workers := max(cfg.Workers, 1)
	names := map[string]bool{}
	for _, r := range cfg.Routes {
		if names[r.Name()] {
			return nil, fmt.Errorf("%w: route %q given twice", ErrConfig, r.Name())
		}
		names[r.Name()] = true
	}
	rep := &Report{Started: time.Now(), N: cfg.N, Seed: cfg.Seed, Level: cfg.Level}
	for _, t := range cfg.Tasks {
		rep.Tasks = append(rep.Tasks, t.Name())
	}
	for _, r := range cfg.Routes {
		rep.Routes = append(rep.Routes, r.Name())
	}
	var jobs []job
	for _, t := range cfg.Tasks {
		for i := range cfg.N {
			level := cfg.Level
			if level == 0 {
				level = i%3 + 1
			}
			seed := cfg.Seed + uint64(i)
			inst, err := t.Generate(seed, level)
			if err != nil {
				return nil, fmt.Errorf("bench: %s seed %d: %w", t.Name(), seed, err)
			}
			prompt, err := t.Prompt(inst)
			if err != nil {
				return nil, fmt.Errorf("bench: %s seed %d: %w", t.Name(), seed, err)
			}
			q := Query{Task: t.Name(), Seed: seed, Level: level, Instance: inst, Prompt: prompt}
			for _, r := range cfg.Routes {
				jobs = append(jobs, job{t, r, q, len(jobs)})
			}
		}
	}
	rep.Results = make([]Result, len(jobs))
	queue := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				rep.Results[j.slot] = runOne(ctx, cfg.Timeout, j)
				if cfg.Progress != nil {
					mu.Lock()
					done++
					cfg.Progress(done, len(jobs))
					mu.Unlock()
				}
			}
		}()
	}
	var err error
feed:
	for _, j := range jobs {
		select {
		case queue <- j:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(queue)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	rep.aggregate()
	rep.Seconds = time.Since(rep.Started).Seconds()
	return rep, nil
}

func runOne(ctx context.Context, timeout time.Duration, j job) Result {
	res := Result{Task: j.q.Task, Route: j.route.Name(), Seed: j.q.Seed, Level: j.q.Level}
	actx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		actx, cancel = context.WithTimeout(ctx, timeout)
	}
	start := time.Now()
	reply, err := j.route.Answer(actx, j.task, j.q)
	res.Seconds = time.Since(start).Seconds()
	cancel()
	res.Answer, res.PromptTokens, res.CompletionTokens = reply.Answer, reply.PromptTokens, reply.CompletionTokens
	res.Mode, res.ToolCalls, res.CodeRuns, res.Turns = reply.Mode, reply.ToolCalls, reply.CodeRuns, reply.Turns
	if err != nil {
		res.Error = err.Error()
		res.Reason = "the route failed: " + err.Error()
		return res
	}
	v, err := j.task.Verify(j.q.Instance, reply.Answer)
	if err != nil {
		res.Error = err.Error()
		res.Reason = "cannot verify: " + err.Error()
		return res
	}
	res.OK, res.Reason = v.OK, v.Reason
	return res
}

func (rep *Report) aggregate() {
	type key struct{ task, route string }
	rows := map[key]*Row{}
	times := map[key][]float64{}
	for _, res := range rep.Results {
		k := key{res.Task, res.Route}
		r := rows[k]
		if r == nil {
			r = &Row{Task: res.Task, Route: res.Route}
			rows[k] = r
		}
		r.N++
		if res.OK {
			r.Solved++
		}
		if res.Error != "" {
			r.Errors++
		}
		r.TotalSeconds += res.Seconds
		r.PromptTokens += res.PromptTokens
		r.CompletionTokens += res.CompletionTokens
		switch res.Mode {
		case ModeText:
			r.MixText++
		case ModeTool:
			r.MixTool++
		case ModeCode:
			r.MixCode++
		}
		times[k] = append(times[k], res.Seconds)
	}
	best := map[string]float64{}
	for k, r := range rows {
		r.Rate = float64(r.Solved) / float64(r.N)
		r.MeanSeconds = r.TotalSeconds / float64(r.N)
		r.MedianSeconds = median(times[k])
		best[r.Task] = max(best[r.Task], r.Rate)
	}
	rep.Rows = rep.Rows[:0]
	for _, t := range rep.Tasks {
		for _, rt := range rep.Routes {
			r := rows[key{t, rt}]
			if r == nil {
				continue
			}
			if best[t] > 0 {
				r.Norm = r.Rate / best[t]
			}
			rep.Rows = append(rep.Rows, *r)
		}
	}
	rep.Summaries = rep.Summaries[:0]
	for _, rt := range rep.Routes {
		s := Summary{Route: rt}
		normSum, normN := 0.0, 0
		for _, r := range rep.Rows {
			if r.Route != rt {
				continue
			}
			s.Tasks++
			s.N += r.N
			s.Solved += r.Solved
			s.TotalSeconds += r.TotalSeconds
			s.PromptTokens += r.PromptTokens
			s.CompletionTokens += r.CompletionTokens
			s.MixText += r.MixText
			s.MixTool += r.MixTool
			s.MixCode += r.MixCode
			if best[r.Task] > 0 {
				normSum += r.Norm
				normN++
			}
		}
		if s.N > 0 {
			s.Rate = float64(s.Solved) / float64(s.N)
		}
		if normN > 0 {
			s.AveNorm = normSum / float64(normN)
		}
		rep.Summaries = append(rep.Summaries, s)
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
