package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/plankit/plankit/solvers/lp"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newLPCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lp",
		Short: "Solve linear and mixed-integer programs (CPLEX LP format or JSON)",
	}
	cmd.AddCommand(newLPSolveCmd(f), newLPGenCmd(f), newLPConvertCmd(f))
	return cmd
}

type lpSolveOptions struct {
	File      string
	JSON      bool
	Backend   string
	Timeout   time.Duration
	NodeLimit int
	Gap       float64
	Relax     bool
	All       bool
}

func newLPSolveCmd(f *Factory) *cobra.Command {
	opts := &lpSolveOptions{}
	cmd := &cobra.Command{
		Use:   "solve FILE.lp|FILE.json|-",
		Short: "Solve an LP or MILP and print the optimum",
		Long: `Solve a model in CPLEX LP format (or a JSON model, recognised by its leading
"{") and print the status, the objective and the non-zero variables; for an
LP also the non-zero duals, for a MILP the bound, gap and node count. The
status is backed by a certificate that is checked before printing: equal
primal and dual objectives (optimal LP), Farkas multipliers (infeasible), a
feasible point and an improving ray (unbounded), a feasible integral
incumbent (MILP).

Exit codes: 0 optimal (or feasible/unknown when a limit stopped a MILP
search), 2 infeasible or unbounded (also with --json), 1 bad input.`,
		Example: `  plankit lp solve testdata/lp/diet.lp
  plankit lp gen knapsack --size 30 | plankit lp solve -
  plankit lp solve --backend cbc --timeout 10s model.lp
  plankit lp solve --json model.json`,
		Args: exactArgs(1, "one LP-format or JSON model file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runLPSolve(cmd.Context(), f, opts)
		},
	}
	addJSONFlag(cmd, &opts.JSON)
	cmd.Flags().StringVar(&opts.Backend, "backend", "native", "solver: native (plankit's simplex and branch and bound) or cbc (COIN-OR cbc, when installed)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "stop a MILP search after this long and print the best solution found (e.g. 30s)")
	cmd.Flags().IntVar(&opts.NodeLimit, "node-limit", 0, "stop a MILP search after this many branch-and-bound nodes (0: no limit)")
	cmd.Flags().Float64Var(&opts.Gap, "gap", 0, "stop a MILP search when the relative gap is at most this (e.g. 0.01)")
	cmd.Flags().BoolVar(&opts.Relax, "relax", false, "ignore integrality: solve the LP relaxation")
	cmd.Flags().BoolVar(&opts.All, "all", false, "list zero values and zero duals too")
	return cmd
}

// readLPModel reads FILE|- as a JSON model (leading "{") or LP text.
func readLPModel(f *Factory, name string) (*lp.Problem, error) {
	data, err := readArg(f.IO.In, name)
	if err != nil {
		return nil, err
	}
	var p *lp.Problem
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		p, err = lp.ParseJSON(data)
	} else {
		p, err = lp.ReadLP(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	return p, nil
}

func runLPSolve(ctx context.Context, f *Factory, opts *lpSolveOptions) error {
	switch opts.Backend {
	case lp.BackendNative, lp.BackendCBC:
	default:
		return usageErr("lp solve: --backend %q: want native or cbc", opts.Backend)
	}
	if opts.Timeout < 0 || opts.NodeLimit < 0 || opts.Gap < 0 || opts.Gap > 1 {
		return usageErr("lp solve: --timeout and --node-limit must not be negative, --gap must be in [0, 1]")
	}
	p, err := readLPModel(f, opts.File)
	if err != nil {
		return err
	}
	start := time.Now()
	out, err := builtin.SolveLP(ctx, p, lp.Options{Backend: opts.Backend, TimeLimit: opts.Timeout,
		NodeLimit: opts.NodeLimit, GapTol: opts.Gap, Relax: opts.Relax})
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	if opts.JSON {
		if err := printJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else if err := printLPText(f.IO.Out, p, out, opts.All, elapsed); err != nil {
		return err
	}
	if out.Status == lp.Infeasible.String() || out.Status == lp.Unbounded.String() {
		return withCode(ExitNoSolution, nil)
	}
	return nil
}

func lpNum(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 10, 64)
}

func printLPText(w io.Writer, p *lp.Problem, out builtin.LPOutput, all bool, elapsed time.Duration) error {
	kind := "LP"
	if out.IsMIP {
		kind = "MILP"
	}
	fmt.Fprintf(w, "%s: %s, %s, backend %s, %.3fs\n", kind, plural(out.NumVars, "variable"), plural(out.NumRows, "row"), out.Backend, elapsed.Seconds())
	status := out.Status
	if out.Limit != "" {
		status += " (" + out.Limit + ")"
	}
	fmt.Fprintf(w, "status: %s\n", status)
	if out.Objective != nil {
		fmt.Fprintf(w, "objective: %s\n", lpNum(*out.Objective))
	}
	if out.IsMIP && out.Bound != nil {
		gap := "-"
		if out.Gap != nil {
			gap = strconv.FormatFloat(*out.Gap*100, 'g', 4, 64) + "%"
		}
		fmt.Fprintf(w, "bound: %s  gap: %s  nodes: %d\n", lpNum(*out.Bound), gap, out.Nodes)
	}
	if c := out.Certificate; c != nil {
		check := "checked"
		if !c.Checked {
			check = "NOT checked"
		}
		detail := c.Note
		if c.Kind == "duality" && c.Checked {
			detail = fmt.Sprintf("primal %s = dual %s", lpNum(c.PrimalObjective), lpNum(c.DualObjective))
		}
		fmt.Fprintf(w, "certificate: %s, %s: %s\n", c.Kind, check, detail)
	}
	table := func(head string, m map[string]float64, names []string) error {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		rows := 0
		for _, name := range names {
			v, ok := m[name]
			if !ok || (v == 0 && !all) {
				continue
			}
			if rows == 0 {
				fmt.Fprintln(tw, head)
			}
			fmt.Fprintf(tw, "%s\t%s\n", name, lpNum(v))
			rows++
		}
		return tw.Flush()
	}
	varNames := make([]string, p.NumVars())
	for j := range varNames {
		varNames[j] = p.VarName(lp.Var(j))
	}
	rowNames := make([]string, p.NumRows())
	for i := range rowNames {
		rowNames[i] = p.RowName(lp.Row(i))
	}
	switch out.Status {
	case "optimal", "feasible":
		if err := table("variable\tvalue", out.Values, varNames); err != nil {
			return err
		}
		if len(out.Duals) > 0 {
			fmt.Fprintln(w)
			return table("row\tdual", out.Duals, rowNames)
		}
	case "infeasible":
		if c := out.Certificate; c != nil && len(c.Farkas) > 0 {
			return table("row\tmultiplier", c.Farkas, rowNames)
		}
	case "unbounded":
		if c := out.Certificate; c != nil && len(c.Ray) > 0 {
			return table("variable\tray", c.Ray, varNames)
		}
	}
	return nil
}

type lpGenOptions struct {
	Family string
	Size   int
	Rows   int
	Cols   int
	Seed   uint64
	Out    string
	JSON   bool
}

func newLPGenCmd(f *Factory) *cobra.Command {
	opts := &lpGenOptions{}
	cmd := &cobra.Command{
		Use:   "gen diet|transport|knapsack|facility|random",
		Short: "Write a benchmark model in CPLEX LP format",
		Long: `Write a benchmark model (deterministic in --seed) in CPLEX LP format:
  diet       LP: --size foods, --size*2/3 nutrients, servings in [0, 10]
  transport  LP: --size sources, 2*--size sinks
  knapsack   MILP: --size binary items with correlated weights and values
  facility   MILP: --size facilities (binary), 3*--size customers
  random     LP: max c·x, A x <= b, 0 <= x <= 10 with --rows and --cols`,
		Args:      exactArgs(1, "a family: diet, transport, knapsack, facility or random"),
		ValidArgs: []string{"diet", "transport", "knapsack", "facility", "random"},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Family = args[0]
			return runLPGen(f, opts)
		},
	}
	cmd.Flags().IntVar(&opts.Size, "size", 10, "diet, transport, knapsack, facility: size of the model")
	cmd.Flags().IntVar(&opts.Rows, "rows", 50, "random: number of rows")
	cmd.Flags().IntVar(&opts.Cols, "cols", 50, "random: number of variables")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "random seed")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write the JSON model instead of LP format")
	return cmd
}

func runLPGen(f *Factory, opts *lpGenOptions) error {
	const limit = 2000
	if opts.Size < 1 || opts.Size > limit || opts.Rows < 1 || opts.Rows > limit || opts.Cols < 1 || opts.Cols > limit {
		return usageErr("lp gen: --size, --rows and --cols must be in 1..%d", limit)
	}
	if (opts.Family == "transport" || opts.Family == "facility") && opts.Size > 200 {
		return usageErr("lp gen: %s --size must be at most 200 (the model grows with its square)", opts.Family)
	}
	var p *lp.Problem
	switch opts.Family {
	case "diet":
		p = lp.Diet(opts.Seed, opts.Size, max(1, opts.Size*2/3))
	case "transport":
		p = lp.Transport(opts.Seed, opts.Size, 2*opts.Size)
	case "knapsack":
		p = lp.Knapsack(opts.Seed, opts.Size)
	case "facility":
		p = lp.Facility(opts.Seed, opts.Size, 3*opts.Size)
	case "random":
		p = lp.RandomLP(opts.Seed, opts.Rows, opts.Cols)
	default:
		return usageErr("lp gen: unknown family %q (want diet, transport, knapsack, facility or random)", opts.Family)
	}
	return writeLPModel(f, p, opts.Out, opts.JSON)
}

func writeLPModel(f *Factory, p *lp.Problem, out string, asJSON bool) error {
	var buf bytes.Buffer
	if asJSON {
		if err := printJSON(&buf, lp.ToModel(p)); err != nil {
			return err
		}
	} else if err := lp.WriteLP(&buf, p); err != nil {
		return err
	}
	if out != "" {
		return writeFileAtomic(out, buf.Bytes())
	}
	_, err := f.IO.Out.Write(buf.Bytes())
	return err
}

type lpConvertOptions struct {
	File string
	To   string
	Out  string
}

func newLPConvertCmd(f *Factory) *cobra.Command {
	opts := &lpConvertOptions{}
	cmd := &cobra.Command{
		Use:   "convert FILE.lp|FILE.json|- --to lp|json",
		Short: "Convert a model between CPLEX LP format and JSON",
		Example: `  plankit lp convert model.json --to lp
  plankit lp gen diet | plankit lp convert - --to json`,
		Args: exactArgs(1, "one LP-format or JSON model file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runLPConvert(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.To, "to", "lp", "output format: lp or json")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func runLPConvert(f *Factory, opts *lpConvertOptions) error {
	if opts.To != "lp" && opts.To != "json" {
		return usageErr("lp convert: --to %q: want lp or json", opts.To)
	}
	p, err := readLPModel(f, opts.File)
	if err != nil {
		return err
	}
	return writeLPModel(f, p, opts.Out, opts.To == "json")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
