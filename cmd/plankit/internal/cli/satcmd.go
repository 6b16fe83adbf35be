package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/plankit/plankit/solvers/sat"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newSATCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sat",
		Short: "Solve and generate CNF formulas",
	}
	cmd.AddCommand(newSATSolveCmd(f), newSATGenCmd(f))
	return cmd
}

type satSolveOptions struct {
	File    string
	JSON    bool
	Assume  string
	Timeout time.Duration
	Models  int
}

func newSATSolveCmd(f *Factory) *cobra.Command {
	opts := &satSolveOptions{}
	cmd := &cobra.Command{
		Use:   "solve FILE.cnf|-",
		Short: "Decide a DIMACS CNF formula",
		Long: `Decide a DIMACS CNF formula with gini and print the answer in SAT-competition
format: "s SATISFIABLE" with the model on "v" lines (exit 10), "s UNSATISFIABLE"
(exit 20) or "s UNKNOWN" (exit 0). With --json the result is a JSON object and
the exit code is 0. Every model is checked against every clause before printing.`,
		Example: `  plankit sat solve problem.cnf
  plankit sat gen pigeonhole --pigeons 8 --holes 7 | plankit sat solve -
  plankit sat solve --assume 1,-3 --json problem.cnf`,
		Args: exactArgs(1, "one DIMACS file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runSATSolve(cmd.Context(), f, opts)
		},
	}
	addJSONFlag(cmd, &opts.JSON)
	cmd.Flags().StringVar(&opts.Assume, "assume", "", "comma-separated literals assumed true (an UNSAT answer then prints the failed ones)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "give up after this long and answer UNKNOWN (e.g. 30s)")
	cmd.Flags().IntVar(&opts.Models, "models", 1, "enumerate up to this many distinct models")
	return cmd
}

func runSATSolve(ctx context.Context, f *Factory, opts *satSolveOptions) error {
	if opts.Models < 1 {
		return usageErr("sat solve: --models must be at least 1, got %d", opts.Models)
	}
	if opts.Timeout < 0 {
		return usageErr("sat solve: --timeout must not be negative")
	}
	assume, err := parseLits(opts.Assume)
	if err != nil {
		return usageErr("sat solve: --assume: %v", err)
	}
	data, err := readArg(f.IO.In, opts.File)
	if err != nil {
		return err
	}
	form, err := sat.ReadDIMACS(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.File), err)
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	start := time.Now()
	res, err := builtin.SolveFormula(ctx, form, assume, opts.Models)
	if err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(f.IO.Out, res)
	}
	w := bufio.NewWriter(f.IO.Out)
	fmt.Fprintf(w, "c plankit sat (gini): %d variables, %d clauses, %.3fs\n", res.NumVars, res.NumClauses, time.Since(start).Seconds())
	code := ExitOK
	switch res.Status {
	case "sat":
		code = ExitSAT
		models := res.Models
		if len(models) == 0 {
			models = [][]int{res.Model}
		}
		if opts.Models > 1 {
			fmt.Fprintf(w, "c %d model(s)%s\n", len(models), map[bool]string{true: ", all of them", false: ""}[res.Complete])
		}
		fmt.Fprintln(w, "s SATISFIABLE")
		for _, m := range models {
			writeVLines(w, m)
		}
	case "unsat":
		code = ExitUNSAT
		if len(res.Core) > 0 {
			fmt.Fprintf(w, "c failed assumptions: %s\n", joinInts(res.Core))
		}
		fmt.Fprintln(w, "s UNSATISFIABLE")
	default:
		fmt.Fprintln(w, "s UNKNOWN")
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if code == ExitOK {
		return nil
	}
	return withCode(code, nil)
}

// writeVLines prints a model as competition "v" lines of at most 78 chars.
func writeVLines(w *bufio.Writer, model []int) {
	line := "v"
	for _, l := range append(model, 0) {
		tok := " " + strconv.Itoa(l)
		if len(line)+len(tok) > 78 {
			fmt.Fprintln(w, line)
			line = "v"
		}
		line += tok
	}
	fmt.Fprintln(w, line)
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, " ")
}

func parseLits(s string) ([]sat.Lit, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []sat.Lit
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		v, err := strconv.Atoi(tok)
		if err != nil || v == 0 || v > sat.MaxVars || v < -sat.MaxVars {
			return nil, fmt.Errorf("literal %q: want a non-zero integer with absolute value at most %d", tok, sat.MaxVars)
		}
		out = append(out, sat.Lit(v))
	}
	return out, nil
}

type satGenOptions struct {
	Family  string
	Pigeons int
	Holes   int
	Vars    int
	Clauses int
	Seed    uint64
	Out     string
}

func newSATGenCmd(f *Factory) *cobra.Command {
	opts := &satGenOptions{}
	cmd := &cobra.Command{
		Use:   "gen pigeonhole|random3|parity",
		Short: "Write a benchmark CNF family as DIMACS",
		Long: `Write a benchmark formula as DIMACS CNF:
  pigeonhole  --pigeons P --holes H   (UNSAT when P > H)
  random3     --vars N --clauses M --seed S   (uniform random 3-SAT)
  parity      --vars N                (x1 xor ... xor xN is both 0 and 1: UNSAT)`,
		Args:      exactArgs(1, "a family: pigeonhole, random3 or parity"),
		ValidArgs: []string{"pigeonhole", "random3", "parity"},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Family = args[0]
			return runSATGen(f, opts)
		},
	}
	cmd.Flags().IntVar(&opts.Pigeons, "pigeons", 8, "pigeonhole: number of pigeons")
	cmd.Flags().IntVar(&opts.Holes, "holes", 7, "pigeonhole: number of holes")
	cmd.Flags().IntVar(&opts.Vars, "vars", 200, "random3, parity: number of variables")
	cmd.Flags().IntVar(&opts.Clauses, "clauses", 852, "random3: number of clauses")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "random3: random seed")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func runSATGen(f *Factory, opts *satGenOptions) error {
	const limit = 1 << 20
	var form *sat.Formula
	switch opts.Family {
	case "pigeonhole":
		if opts.Pigeons < 1 || opts.Holes < 1 || opts.Pigeons > 1000 || opts.Holes > 1000 {
			return usageErr("sat gen: --pigeons and --holes must be in 1..1000")
		}
		form = sat.Pigeonhole(opts.Pigeons, opts.Holes)
	case "random3":
		if opts.Vars < 3 || opts.Vars > limit || opts.Clauses < 0 || opts.Clauses > 8*limit {
			return usageErr("sat gen: --vars must be in 3..%d and --clauses in 0..%d", limit, 8*limit)
		}
		form = sat.Random3SAT(opts.Vars, opts.Clauses, opts.Seed)
	case "parity":
		if opts.Vars < 1 || opts.Vars > limit {
			return usageErr("sat gen: --vars must be in 1..%d", limit)
		}
		form = sat.Parity(opts.Vars)
	default:
		return usageErr("sat gen: unknown family %q (want pigeonhole, random3 or parity)", opts.Family)
	}
	var buf bytes.Buffer
	if err := sat.WriteDIMACS(&buf, form); err != nil {
		return err
	}
	if opts.Out != "" {
		return writeFileAtomic(opts.Out, buf.Bytes())
	}
	_, err := f.IO.Out.Write(buf.Bytes())
	return err
}
