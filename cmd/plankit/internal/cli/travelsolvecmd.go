package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/plankit/plankit/domains/travel"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

type travelSolveOptions struct {
	Query, Text      string
	Queries, Out     string
	JSON             bool
	Timeout          time.Duration
	Workers          int
	NoProgress       bool
	RelaxTimeout     time.Duration
	SkipRelaxations  bool
	IncludeSolutions bool
}

func newTravelSolveCmd(f *Factory) *cobra.Command {
	opts := &travelSolveOptions{}
	cmd := &cobra.Command{
		Use:   "solve --query Q.json | --text \"…\" | --queries Q.jsonl --out P.jsonl",
		Short: "Find the cheapest plan that passes every check, or prove there is none",
		Long: `Solve a TravelPlanner query exactly: print the cheapest plan that passes every
commonsense and hard check of the evaluator (in TravelPlanner and strict mode)
as a day-by-day table, with its cost breakdown and the evaluator's verdict; or
prove that no plan exists and print the minimal sets of constraints to relax,
each verified by solving the changed query.

Exit codes: 0 plan found, 2 proven infeasible, 1 bad input or error.
With --queries/--out, queries are solved in parallel and a TravelPlanner
submission file is written (plan null for infeasible queries).`,
		Example: `  plankit travel solve --query q.json
  plankit travel solve --text "Please help me plan a trip from St. Petersburg to Rockford spanning 3 days from March 16th to March 18th, 2022. The travel should be planned for a single person with a budget of $1,700."
  plankit travel solve --queries queries.jsonl --out plans.jsonl`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTravelSolve(cmd.Context(), f, opts) },
	}
	cmd.Flags().StringVar(&opts.Query, "query", "", "one query record, JSON (- for standard input)")
	cmd.Flags().StringVar(&opts.Text, "text", "", "the query in English, TravelPlanner style")
	cmd.Flags().StringVar(&opts.Queries, "queries", "", "query records, JSONL, solved in parallel")
	cmd.Flags().StringVar(&opts.Out, "out", "", "with --queries: write the submission JSONL here")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "search time limit per query")
	cmd.Flags().DurationVar(&opts.RelaxTimeout, "relax-timeout", 20*time.Second, "time limit for finding relaxations of an infeasible query")
	cmd.Flags().BoolVar(&opts.SkipRelaxations, "no-relaxations", false, "do not search for relaxations of infeasible queries")
	cmd.Flags().IntVar(&opts.Workers, "workers", runtime.NumCPU(), "with --queries: parallel solvers")
	cmd.Flags().BoolVar(&opts.NoProgress, "no-progress", false, "with --queries: no progress bar")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runTravelSolve(ctx context.Context, f *Factory, opts *travelSolveOptions) error {
	n := 0
	for _, s := range []string{opts.Query, opts.Text, opts.Queries} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return usageErr("travel solve: give exactly one of --query, --text and --queries")
	}
	if opts.Queries == "" && opts.Out != "" {
		return usageErr("travel solve: --out goes with --queries")
	}
	if opts.Timeout < 0 || opts.RelaxTimeout < 0 {
		return usageErr("travel solve: timeouts must not be negative")
	}
	db, err := f.TravelDB()
	if err != nil {
		return err
	}
	if opts.Queries != "" {
		return runTravelBatch(ctx, f, db, opts)
	}
	var q travel.Query
	var report *travel.ParseReport
	if opts.Text != "" {
		parsed, rep := travel.ParseText(db, opts.Text, travel.ParseOptions{})
		if err := rep.Err(); err != nil {
			return fmt.Errorf("cannot read the query: %s", rep.Message())
		}
		q, report = parsed, &rep
	} else {
		b, err := readArg(f.IO.In, opts.Query)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(bytes.TrimSpace(b), &q); err != nil {
			return fmt.Errorf("%s: %w", displayName(opts.Query), err)
		}
	}
	sol, err := travel.Solve(ctx, db, q, travel.SolveOptions{Timeout: opts.Timeout, NoRelaxations: opts.SkipRelaxations})
	if err != nil {
		return err
	}
	if !opts.SkipRelaxations && sol.Status == travel.StatusInfeasible && opts.RelaxTimeout != 20*time.Second {
		sol.Relaxations, _ = travel.Relax(ctx, db, q, opts.RelaxTimeout)
	}
	if opts.JSON {
		out := struct {
			Query  travel.Query        `json:"query"`
			Parse  *travel.ParseReport `json:"parse,omitempty"`
			Result travel.Solution     `json:"result"`
		}{q, report, sol}
		if err := printJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else {
		if report != nil && report.Message() != "" {
			fmt.Fprintf(f.IO.Out, "read the query (%s)\n", report.Message())
		}
		writeSolution(f.IO.Out, db, &q, sol)
	}
	switch sol.Status {
	case travel.StatusInfeasible:
		return withCode(ExitNoSolution, nil)
	case travel.StatusUnknown:
		return fmt.Errorf("travel solve: no answer within %v", opts.Timeout)
	}
	return nil
}

func writeSolution(w io.Writer, db *travel.DB, q *travel.Query, sol travel.Solution) {
	fmt.Fprintf(w, "%s → %s, %d days from %s, %d %s, budget $%s\n", q.Org, q.Dest, q.Days, q.Date[0], q.PeopleNumber, map[bool]string{true: "person", false: "people"}[q.PeopleNumber == 1], money(q.Budget))
	if sol.Status != travel.StatusSolved {
		fmt.Fprintf(w, "\nNO PLAN: proven infeasible by exhaustive search (%d schedules reached, %.1f ms)\n", sol.Stats.Schedules, sol.Stats.Millis)
		for _, r := range sol.Reasons {
			fmt.Fprintf(w, "  - %s\n", r)
		}
		if len(sol.Relaxations) > 0 {
			fmt.Fprintln(w, "\nMinimal relaxations (each verified by solving the changed query):")
			for _, r := range sol.Relaxations {
				fmt.Fprintf(w, "  - %s → plan at $%s\n", strings.Join(r.Fixes, "; "), money(r.Cost))
			}
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nDAY\tCITY\tTRANSPORT\tBREAKFAST\tATTRACTIONS\tLUNCH\tDINNER\tSTAY")
	short := func(s string) string {
		if s == "-" {
			return "-"
		}
		if name, _, ok := travel.NameCity(s); ok && !strings.HasPrefix(s, "Flight") && !strings.HasPrefix(s, "Self-driving") && !strings.HasPrefix(s, "Taxi") {
			return name
		}
		return s
	}
	for _, d := range sol.Plan {
		tr := d.Transportation
		if i := strings.Index(tr, ", from"); i > 0 {
			tr = tr[:i]
			if num, ok := travel.FlightNumberOf(d.Transportation); ok {
				if f, ok := db.FlightByNumber(num); ok {
					tr = fmt.Sprintf("Flight %s %s→%s", num, f.DepTime, f.ArrTime)
					if f.Synthetic {
						tr += " (synthetic)"
					}
				}
			}
		}
		attrs, _ := travel.SplitAttractions(d.Attraction)
		var an []string
		for _, a := range attrs {
			an = append(an, short(a))
		}
		at := strings.Join(an, "; ")
		if at == "" {
			at = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", d.Days, d.CurrentCity, tr, short(d.Breakfast), at, short(d.Lunch), short(d.Dinner), short(d.Accommodation))
	}
	tw.Flush()
	c := sol.Cost
	fmt.Fprintf(w, "\nCost: transport $%s + stays $%s + meals $%s = $%s (budget $%s)\n", money(c.Transport), money(c.Accommodation), money(c.Meals), money(c.Total), money(q.Budget))
	fmt.Fprintf(w, "Evaluator: %s in TravelPlanner mode, %s in strict mode; optimal over %d schedules (%.1f ms)\n",
		verdictWord(sol.Verdict), verdictWord(sol.StrictVerdict), sol.Stats.Schedules, sol.Stats.Millis)
}

func verdictWord(r *travel.PlanResult) string {
	if r != nil && r.Pass {
		return "passes all 13 checks"
	}
	return "FAILS"
}

func runTravelBatch(ctx context.Context, f *Factory, db *travel.DB, opts *travelSolveOptions) error {
	if opts.Out == "" && !opts.JSON {
		return usageErr("travel solve: --queries needs --out FILE (or --json to print the results)")
	}
	if opts.Workers < 1 {
		return usageErr("travel solve: --workers must be at least 1")
	}
	b, err := readArg(f.IO.In, opts.Queries)
	if err != nil {
		return err
	}
	qs, err := travel.ReadQueries(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.Queries), err)
	}
	for i := range qs {
		if err := qs[i].Validate(db); err != nil {
			return fmt.Errorf("%s: query %d: %w", displayName(opts.Queries), i+1, err)
		}
	}
	type result struct {
		sol travel.Solution
		err error
	}
	results := make([]result, len(qs))
	var bar *progressbar.ProgressBar
	if !opts.NoProgress {
		bar = progressbar.NewOptions(len(qs), progressbar.OptionSetWriter(f.IO.ErrOut), progressbar.OptionSetDescription("solving"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				sol, err := travel.Solve(ctx, db, qs[i], travel.SolveOptions{Timeout: opts.Timeout, NoRelaxations: opts.SkipRelaxations})
				results[i] = result{sol, err}
				if bar != nil {
					mu.Lock()
					bar.Add(1)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range qs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if bar != nil {
		bar.Finish()
	}
	var out bytes.Buffer
	counts := map[string]int{}
	var times []float64
	for i, r := range results {
		if r.err != nil {
			return fmt.Errorf("query %d: %w", i+1, r.err)
		}
		counts[r.sol.Status]++
		times = append(times, r.sol.Stats.Millis)
		idx := qs[i].Idx
		if idx == 0 {
			idx = i + 1
		}
		if opts.JSON {
			continue
		}
		lb, err := json.Marshal(planLine{Idx: idx, Query: qs[i].Query, Plan: r.sol.Plan})
		if err != nil {
			return err
		}
		out.Write(lb)
		out.WriteByte('\n')
	}
	if opts.JSON {
		sols := make([]travel.Solution, len(results))
		for i, r := range results {
			sols[i] = r.sol
		}
		return printJSON(f.IO.Out, sols)
	}
	if err := writeFileAtomic(opts.Out, out.Bytes()); err != nil {
		return err
	}
	slices.Sort(times)
	fmt.Fprintf(f.IO.Out, "%d queries: %d solved, %d proven infeasible, %d unknown; solve time median %.1f ms, p99 %.1f ms, max %.1f ms; wrote %s\n",
		len(qs), counts[travel.StatusSolved], counts[travel.StatusInfeasible], counts[travel.StatusUnknown],
		percentile(times, 0.5), percentile(times, 0.99), times[len(times)-1], opts.Out)
	return nil
}

// planLine keeps TravelPlanner's key order in the submission file.
type planLine struct {
	Idx   int              `json:"idx"`
	Query string           `json:"query"`
	Plan  []travel.PlanDay `json:"plan"`
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}
