package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/plankit/plankit/solvers/csp"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newCSPCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "csp",
		Short: "Solve finite-domain constraint models (JSON) by SAT encoding",
	}
	cmd.AddCommand(newCSPSolveCmd(f))
	return cmd
}

type cspSolveOptions struct {
	File         string
	JSON         bool
	Explain      bool
	Timeout      time.Duration
	All          bool
	MaxSolutions int
}

func newCSPSolveCmd(f *Factory) *cobra.Command {
	opts := &cspSolveOptions{}
	cmd := &cobra.Command{
		Use:   "solve MODEL.json|-",
		Short: "Solve a constraint model and print the values",
		Long: `Solve a constraint model in plankit's CSP JSON format (integer variables with
finite domains; all_different, linear, table and element constraints and
and/or/not/implies/iff combinations of them; an optional linear objective)
and print a table of the values. With an objective the answer is proven
optimal. Every solution is checked against every constraint before printing.

An infeasible model prints "infeasible"; with --explain it also prints a
minimal set of constraint groups whose removal makes the model feasible, and
a minimal set of groups that conflict. --json prints the csp.solve tool's
output instead.

Exit codes: 0 solved (or unknown when --timeout expired first), 2 infeasible
(also with --json), 1 bad model, 64 bad flags.`,
		Example: `  plankit csp solve testdata/csp/send_more_money.json
  plankit csp solve --explain testdata/csp/infeasible.json
  plankit csp solve --all --json testdata/csp/queens8.json
  plankit csp solve --timeout 10s - < model.json`,
		Args: exactArgs(1, "one JSON model file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runCSPSolve(cmd.Context(), f, opts)
		},
	}
	addJSONFlag(cmd, &opts.JSON)
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "for an infeasible model, print a minimal set of constraint groups to drop")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "stop after this long and print the best answer so far (e.g. 30s)")
	cmd.Flags().BoolVar(&opts.All, "all", false, "list every solution (the optimal ones with an objective), at most 10000")
	cmd.Flags().IntVar(&opts.MaxSolutions, "max-solutions", 0, "list up to this many solutions")
	return cmd
}

func runCSPSolve(ctx context.Context, f *Factory, opts *cspSolveOptions) error {
	if opts.Timeout < 0 {
		return usageErr("csp solve: --timeout must not be negative")
	}
	if opts.MaxSolutions < 0 {
		return usageErr("csp solve: --max-solutions must not be negative, got %d", opts.MaxSolutions)
	}
	data, err := readArg(f.IO.In, opts.File)
	if err != nil {
		return err
	}
	m, err := csp.ParseModel(data)
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.File), err)
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	start := time.Now()
	out, err := builtin.SolveCSP(ctx, m, builtin.CSPOptions{Explain: opts.Explain, AllSolutions: opts.All, MaxSolutions: opts.MaxSolutions})
	if err != nil {
		return err
	}
	code := ExitOK
	if out.Status == "unsat" {
		code = ExitNoSolution
	}
	if opts.JSON {
		if err := printJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else if err := printCSP(f, m, out, opts, time.Since(start)); err != nil {
		return err
	}
	if code == ExitOK {
		return nil
	}
	return withCode(code, nil)
}

func printCSP(f *Factory, m *csp.Model, out builtin.CSPOutput, opts *cspSolveOptions, elapsed time.Duration) error {
	w := bufio.NewWriter(f.IO.Out)
	switch out.Status {
	case "optimal":
		if out.Objective != nil {
			fmt.Fprintf(w, "optimal: objective %d (proven)\n", *out.Objective)
		} else {
			fmt.Fprintln(w, "solution found")
		}
	case "sat":
		fmt.Fprintf(w, "feasible: objective %d, best bound %d (time ran out before optimality was proven)\n", *out.Objective, *out.Bound)
	case "unsat":
		fmt.Fprintln(w, "infeasible")
		groups := m.Groups()
		switch {
		case out.HardInfeasible:
			fmt.Fprintln(w, "the constraints without a group already conflict: dropping groups cannot help")
		case len(out.Explanation) > 0:
			fmt.Fprintln(w, "minimal relaxation: dropping these groups makes the model feasible (keeping any one of them does not):")
			for _, g := range out.Explanation {
				fmt.Fprintf(w, "  - %s\n", g)
			}
			fmt.Fprintf(w, "minimal conflict: these groups cannot hold together: %s\n", quoteList(out.Core))
		case opts.Explain && len(groups) == 0:
			fmt.Fprintln(w, "(the model has no constraint groups to relax)")
		case opts.Explain:
			fmt.Fprintln(w, "(time ran out before the explanation was complete)")
		case len(groups) > 0:
			fmt.Fprintln(w, "(run with --explain for a minimal set of constraint groups to drop)")
		}
	default:
		fmt.Fprintln(w, "unknown: no solution found and none ruled out before the time ran out")
	}
	names := make([]string, 0)
	for _, x := range m.Vars() {
		names = append(names, m.Name(x))
	}
	switch {
	case len(out.Solutions) > 1:
		more := "all of them"
		if !out.Complete {
			more = "there may be more"
		}
		fmt.Fprintf(w, "%d solutions (%s):\n", len(out.Solutions), more)
		for i, s := range out.Solutions {
			parts := make([]string, len(names))
			for j, n := range names {
				parts[j] = fmt.Sprintf("%s=%d", n, s[n])
			}
			fmt.Fprintf(w, "%d: %s\n", i+1, strings.Join(parts, " "))
		}
	case out.Values != nil:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "VARIABLE\tVALUE")
		for _, n := range names {
			fmt.Fprintf(tw, "%s\t%d\n", n, out.Values[n])
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if len(out.Solutions) == 1 && out.Complete {
			fmt.Fprintln(w, "(the only solution)")
		}
	}
	fmt.Fprintf(w, "(%d variables, %d constraints; %d SAT variables, %d clauses; %.3fs)\n",
		len(names), m.NumConstraints(), out.NumVars, out.NumClauses, elapsed.Seconds())
	return w.Flush()
}

func quoteList(xs []string) string {
	var b bytes.Buffer
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", x)
	}
	return b.String()
}
