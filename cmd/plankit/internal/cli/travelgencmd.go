package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/plankit/plankit/domains/travel"
	"github.com/spf13/cobra"
)

type travelGenOptions struct {
	N     int
	Level string
	Days  string
	Seed  uint64
	Out   string
}

func newTravelGenCmd(f *Factory) *cobra.Command {
	opts := &travelGenOptions{}
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate TravelPlanner-style queries from the travel database",
		Long: `Generate query records the way TravelPlanner's generator does: levels easy
(1 person, budget only), medium (2–8 people and one of house rule, 2 cuisines,
room type) and hard (2–8 people and three of house rule, 4 cuisines, room
type, transportation); 3-day trips to a city, 5- and 7-day trips to 2 or 3
cities of a state; dates in March 2022; budgets estimated from the database's
prices (× 1, 0.75, 0.5 by level, never under 1.1 × a low estimate). Each
record carries an English "query" text that travel.ParseText reads back to
the same fields. With --level all and --days all the records cycle through
the nine cells. Output is JSONL in TravelPlanner's format with "idx"; the same
seed gives the same records.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTravelGen(cmd, f, opts) },
	}
	cmd.Flags().IntVar(&opts.N, "n", 10, "number of queries")
	cmd.Flags().StringVar(&opts.Level, "level", "all", "easy, medium, hard or all")
	cmd.Flags().StringVar(&opts.Days, "days", "all", "3, 5, 7 or all")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "random seed")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func runTravelGen(cmd *cobra.Command, f *Factory, opts *travelGenOptions) error {
	if opts.N < 1 || opts.N > travel.MaxGenerate {
		return usageErr("travel gen: --n %d: want 1 to %d", opts.N, travel.MaxGenerate)
	}
	switch opts.Level {
	case "easy", "medium", "hard", "all":
	default:
		return usageErr("travel gen: --level %q: want easy, medium, hard or all", opts.Level)
	}
	days := 0
	if opts.Days != "all" {
		d, err := strconv.Atoi(opts.Days)
		if err != nil || (d != 3 && d != 5 && d != 7) {
			return usageErr("travel gen: --days %q: want 3, 5, 7 or all", opts.Days)
		}
		days = d
	}
	db, err := f.TravelDB()
	if err != nil {
		return err
	}
	qs, err := travel.Generate(cmd.Context(), db, travel.GenOptions{N: opts.N, Level: opts.Level, Days: days, Seed: opts.Seed})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, q := range qs {
		b, err := json.Marshal(q)
		if err != nil {
			return fmt.Errorf("travel gen: encoding query %d: %w", q.Idx, err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if opts.Out != "" {
		return writeFileAtomic(opts.Out, buf.Bytes())
	}
	_, err = f.IO.Out.Write(buf.Bytes())
	return err
}
