package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/plankit/plankit/agent"
	"github.com/plankit/plankit/agent/benchroute"
	"github.com/plankit/plankit/domains/puzzles"
	"github.com/plankit/plankit/domains/puzzles/bench"
	"github.com/plankit/plankit/tools"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

func newBenchCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Benchmarks over task suites",
	}
	cmd.AddCommand(newBenchSuiteCmd(f))
	return cmd
}

// benchRoutes maps route names to constructors. The tool route answers
// with the exact solver from the structured instance; offline and model
// answer from the English prompt through the agent (the offline
// deterministic model, or the OpenAI-compatible server of --base-url/--model
// or the environment).
func benchRoutes(f *Factory, opts *benchSuiteOptions) map[string]func() (bench.Route, error) {
	agentRoute := func(name string, pick func(*tools.Registry) (agent.Model, string, error)) func() (bench.Route, error) {
		return func() (bench.Route, error) {
			reg, err := f.Registry()
			if err != nil {
				return nil, err
			}
			m, modelName, err := pick(reg)
			if err != nil {
				return nil, err
			}
			return benchroute.New(name, agent.Config{Model: m, ModelName: modelName, Registry: reg, Timeout: opts.Timeout}, opts.Transcripts)
		}
	}
	return map[string]func() (bench.Route, error){
		"tool": func() (bench.Route, error) { return bench.ToolRoute{}, nil },
		"offline": agentRoute("offline", func(reg *tools.Registry) (agent.Model, string, error) {
			return agent.NewOffline(reg), "offline", nil
		}),
		"model": agentRoute("model", func(*tools.Registry) (agent.Model, string, error) {
			m, name, ok, err := serverModel(opts.modelFlags.config())
			if !ok {
				return nil, "", usageErr("bench suite: route model: %s", noModelConfigured)
			}
			return m, name, err
		}),
	}
}

type benchSuiteOptions struct {
	Tasks, Routes, Out, Level, Chart string
	Transcripts                      string
	modelFlags
	N, Workers       int
	Seed             uint64
	Timeout          time.Duration
	NoProgress, JSON bool
}

func newBenchSuiteCmd(f *Factory) *cobra.Command {
	opts := &benchSuiteOptions{}
	cmd := &cobra.Command{
		Use:   "suite [--tasks a,b] [--n 50] [--route tool,offline,model] [--out DIR]",
		Short: "Run the puzzle suite through answer routes and report success and time",
		Long: `Generate --n instances of every task (or of --tasks), answer each through every
route of --route, verify every answer with the task's verifier, and write to
--out: results.json (configuration, rows, per-route summaries with AveNorm, and
every result), results.csv (one row per task and route: success rate, times,
token counts, the answer-mode mix) and chart.svg or chart.png (success per task
and route). A table goes to standard output and a progress bar to standard
error.

Routes: tool, offline, model. tool runs the exact solver on the structured
instance; offline and model give the agent (plankit ask) the instance's
English prompt and let it answer in prose, through tool calls or with code:
offline with the deterministic offline model, model with the
OpenAI-compatible server of --base-url/--model/--api-key (or
PLANKIT_BASE_URL, PLANKIT_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY). The agent
routes write no transcripts unless --transcripts names a directory.`,
		Example: `  plankit bench suite --route tool --n 50 --out bench-out
  plankit bench suite --tasks sudoku,blocksworld --n 20 --chart png
  plankit bench suite --route tool,offline --n 50 --out /tmp/pb
  plankit bench suite --route model --base-url http://localhost:11434/v1 --model qwen2.5 --n 5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBenchSuite(cmd, f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Tasks, "tasks", "", "comma-separated task names (default: every task)")
	cmd.Flags().StringVar(&opts.Routes, "route", "tool", "comma-separated routes: tool, offline, model")
	cmd.Flags().IntVar(&opts.N, "n", 50, "instances per task")
	cmd.Flags().StringVar(&opts.Level, "level", "mixed", "1 (easy), 2 (medium), 3 (hard) or mixed (the levels in turn)")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the first instance of each task")
	cmd.Flags().StringVar(&opts.Out, "out", "puzzle-bench", "directory for results.json, results.csv and the chart")
	cmd.Flags().StringVar(&opts.Chart, "chart", "svg", "chart format: svg or png")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "limit per answer (0: none)")
	cmd.Flags().IntVar(&opts.Workers, "workers", 1, "answers in parallel (1 keeps the times clean)")
	cmd.Flags().StringVar(&opts.Transcripts, "transcripts", "", "write one agent transcript per answer of the offline and model routes into this directory")
	opts.modelFlags.add(cmd)
	cmd.Flags().BoolVar(&opts.NoProgress, "no-progress", false, "no progress bar on standard error")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runBenchSuite(cmd *cobra.Command, f *Factory, opts *benchSuiteOptions) error {
	if opts.N < 1 || opts.N > 100000 {
		return usageErr("bench suite: --n %d: want 1 to 100000", opts.N)
	}
	if opts.Workers < 1 || opts.Workers > 256 {
		return usageErr("bench suite: --workers %d: want 1 to 256", opts.Workers)
	}
	if opts.Timeout < 0 {
		return usageErr("bench suite: --timeout must not be negative")
	}
	if opts.Chart != "svg" && opts.Chart != "png" {
		return usageErr("bench suite: --chart %q: want svg or png", opts.Chart)
	}
	level, err := parsePuzzleLevel(opts.Level)
	if err != nil {
		return usageErr("bench suite: --level %v", err)
	}
	if opts.Out == "" {
		return usageErr("bench suite: --out must name a directory")
	}
	suite := puzzles.NewSuite()
	tasks, err := splitTaskList(suite, opts.Tasks)
	if err != nil {
		return usageErr("bench suite: --tasks: %v (see 'plankit puzzle list')", err)
	}
	known := benchRoutes(f, opts)
	var routes []bench.Route
	for _, name := range strings.Split(opts.Routes, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		mk, ok := known[name]
		if !ok {
			names := make([]string, 0, len(known))
			for n := range known {
				names = append(names, n)
			}
			sort.Strings(names)
			return usageErr("bench suite: --route %q: want one of %s", name, strings.Join(names, ", "))
		}
		r, err := mk()
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		if err != nil {
			return fmt.Errorf("bench suite: route %s: %w", name, err)
		}
		routes = append(routes, r)
	}
	if len(routes) == 0 {
		return usageErr("bench suite: --route names no route")
	}
	cfg := bench.Config{Tasks: tasks, Routes: routes, N: opts.N, Seed: opts.Seed, Level: level, Timeout: opts.Timeout, Workers: opts.Workers}
	var bar *progressbar.ProgressBar
	if !opts.NoProgress {
		bar = progressbar.NewOptions(len(tasks)*len(routes)*opts.N, progressbar.OptionSetWriter(f.IO.ErrOut),
			progressbar.OptionSetDescription("bench"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
		cfg.Progress = func(done, _ int) { _ = bar.Set(done) }
	}
	rep, err := bench.Run(cmd.Context(), cfg)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	var js, csvBuf, chart bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		return err
	}
	if err := rep.WriteCSV(&csvBuf); err != nil {
		return err
	}
	if err := rep.WriteChart(&chart, opts.Chart); err != nil {
		return err
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("bench suite: --out: %w", unwrapPathErr(err))
	}
	files := []struct {
		name string
		data []byte
	}{{"results.json", js.Bytes()}, {"results.csv", csvBuf.Bytes()}, {"chart." + opts.Chart, chart.Bytes()}}
	for _, file := range files {
		path := filepath.Join(opts.Out, file.name)
		if err := writeFileAtomic(path, file.data); err != nil {
			return err
		}
		if err := os.Chmod(path, 0o644); err != nil {
			return fmt.Errorf("bench suite: %w", err)
		}
	}
	if opts.JSON {
		return printJSON(f.IO.Out, struct {
			Rows      []bench.Row     `json:"rows"`
			Summaries []bench.Summary `json:"summaries"`
			Out       string          `json:"out"`
		}{rep.Rows, rep.Summaries, opts.Out})
	}
	tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TASK\tROUTE\tN\tSOLVED\tSUCCESS\tMEDIAN ms\tMEAN ms\tTOKENS\tMIX text/tool/code")
	for _, r := range rep.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.0f%%\t%.2f\t%.2f\t%d\t%d/%d/%d\n", r.Task, r.Route, r.N, r.Solved, 100*r.Rate,
			1000*r.MedianSeconds, 1000*r.MeanSeconds, r.PromptTokens+r.CompletionTokens, r.MixText, r.MixTool, r.MixCode)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range rep.Summaries {
		fmt.Fprintf(f.IO.Out, "route %s: %d/%d solved (%.1f%%) over %d tasks, AveNorm %.3f, %.1f s answering\n",
			s.Route, s.Solved, s.N, 100*s.Rate, s.Tasks, s.AveNorm, s.TotalSeconds)
	}
	_, err = fmt.Fprintf(f.IO.Out, "wrote %s, %s and %s (%.1f s in all)\n", filepath.Join(opts.Out, "results.json"),
		filepath.Join(opts.Out, "results.csv"), filepath.Join(opts.Out, "chart."+opts.Chart), rep.Seconds)
	return err
}
