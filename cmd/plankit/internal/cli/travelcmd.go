package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/plankit/plankit/domains/travel"
	"github.com/spf13/cobra"
)

func newTravelCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "travel",
		Short: "TravelPlanner-compatible database, evaluator and search",
		Long: `TravelPlanner-compatible travel planning. The database is the embedded one
(real TravelPlanner tables, 313 real flights and labelled synthetic flights for
March–April 2022) unless --db names a directory in TravelPlanner's layout.`,
	}
	db := &cobra.Command{Use: "db", Short: "Inspect the travel database"}
	db.AddCommand(newTravelDBStatsCmd(f))
	cmd.AddCommand(newTravelSolveCmd(f), newTravelEvalCmd(f), db, newTravelSearchCmd(f), newTravelGenCmd(f))
	return cmd
}

type travelEvalOptions struct {
	Queries, Plans string
	Strict, JSON   bool
	All            bool
}

func newTravelEvalCmd(f *Factory) *cobra.Command {
	opts := &travelEvalOptions{}
	cmd := &cobra.Command{
		Use:   "eval --queries Q.jsonl --plans P.jsonl",
		Short: "Score plans exactly as TravelPlanner's evaluator does (or --strict)",
		Long: `Score a TravelPlanner submission (JSONL of {"idx","query","plan"}) against query
records (JSONL, paired by line position as eval.py pairs them). Prints the six
metrics and, for every plan that fails, each failed check with its day and item.
--strict adds what eval.py misses: flight dates, exact names, the destination of
3-day trips, meal cities and times.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTravelEval(f, opts) },
	}
	cmd.Flags().StringVar(&opts.Queries, "queries", "", "query records, JSONL (- for standard input)")
	cmd.Flags().StringVar(&opts.Plans, "plans", "", "submission, JSONL (- for standard input)")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "strict mode: also check what TravelPlanner's evaluator misses")
	cmd.Flags().BoolVar(&opts.All, "all", false, "list every plan, not only failing ones")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runTravelEval(f *Factory, opts *travelEvalOptions) error {
	if opts.Queries == "" || opts.Plans == "" {
		return usageErr("travel eval: --queries and --plans are required")
	}
	if opts.Queries == "-" && opts.Plans == "-" {
		return usageErr("travel eval: only one of --queries and --plans can be standard input")
	}
	db, err := f.TravelDB()
	if err != nil {
		return err
	}
	qb, err := readArg(f.IO.In, opts.Queries)
	if err != nil {
		return err
	}
	qs, err := travel.ReadQueries(bytes.NewReader(qb))
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.Queries), err)
	}
	for i := range qs {
		if err := qs[i].Validate(db); err != nil {
			return fmt.Errorf("%s: query %d: %w", displayName(opts.Queries), i+1, err)
		}
	}
	pb, err := readArg(f.IO.In, opts.Plans)
	if err != nil {
		return err
	}
	ps, err := travel.ReadSubmissions(bytes.NewReader(pb))
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.Plans), err)
	}
	if len(ps) > len(qs) {
		return fmt.Errorf("%s has %d plans but %s only %d queries", displayName(opts.Plans), len(ps), displayName(opts.Queries), len(qs))
	}
	rep := (&travel.Evaluator{DB: db, Strict: opts.Strict}).Score(qs, ps)
	if opts.JSON {
		return printJSON(f.IO.Out, rep)
	}
	return writeTravelReport(f.IO.Out, rep, len(ps) < len(qs), opts.All)
}

func writeTravelReport(w io.Writer, rep travel.Report, short, all bool) error {
	m := rep.Metrics
	mode := "TravelPlanner"
	if rep.Strict {
		mode = "strict"
	}
	fmt.Fprintf(w, "%d plans, %s mode\n", m.N, mode)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Delivery Rate\t%.1f%%\t%d/%d\n", 100*m.DeliveryRate, m.Delivered, m.N)
	fmt.Fprintf(tw, "Commonsense Micro\t%.1f%%\t%d/%d\n", 100*m.CommonsenseMicro, m.CommonsensePassed, m.CommonsenseTotal)
	fmt.Fprintf(tw, "Commonsense Macro\t%.1f%%\t%d/%d\n", 100*m.CommonsenseMacro, m.CommonsensePlans, m.N)
	fmt.Fprintf(tw, "Hard Micro\t%.1f%%\t%d/%d\n", 100*m.HardMicro, m.HardPassed, m.HardTotal)
	fmt.Fprintf(tw, "Hard Macro\t%.1f%%\t%d/%d\n", 100*m.HardMacro, m.HardPlans, m.N)
	fmt.Fprintf(tw, "Final Pass Rate\t%.1f%%\t%d/%d\n", 100*m.FinalPassRate, m.FinalPlans, m.N)
	tw.Flush()
	if short {
		fmt.Fprintf(w, "note: %d queries have no plan line; they count as not delivered\n", m.MissingSubmissions)
	}
	for _, r := range rep.Plans {
		switch {
		case !r.Delivered:
			fmt.Fprintf(w, "\nplan %d: not delivered\n", r.Idx)
		case !r.Pass || all:
			status := "FAIL"
			if r.Pass {
				status = "pass"
			}
			fmt.Fprintf(w, "\nplan %d: %s (cost $%s, budget $%s)\n", r.Idx, status, money(r.TotalCost), money(r.Budget))
			for _, line := range r.Failures() {
				fmt.Fprintf(w, "  %s\n", line)
			}
			if !r.HardRun {
				fmt.Fprintln(w, "  (hard constraints not checked: Complete Information or Within Sandbox failed)")
			}
		}
	}
	return nil
}

func money(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d", int64(x))
	}
	return fmt.Sprintf("%.2f", x)
}

func newTravelDBStatsCmd(f *Factory) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Print the sizes of the travel database's tables",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.TravelDB()
			if err != nil {
				return err
			}
			s := db.Stats()
			if asJSON {
				return printJSON(f.IO.Out, s)
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "source\t%s\n", s.Source)
			syn := "no"
			if s.SyntheticFlights {
				syn = "yes, generated on demand for March–April 2022 (numbers S########)"
			}
			fmt.Fprintf(tw, "flights (real rows)\t%d\n", s.Flights)
			fmt.Fprintf(tw, "synthetic flights\t%s\n", syn)
			fmt.Fprintf(tw, "accommodations\t%d in %d cities\n", s.Accommodations, s.AccommodationCites)
			fmt.Fprintf(tw, "restaurants\t%d in %d cities\n", s.Restaurants, s.RestaurantCities)
			fmt.Fprintf(tw, "attractions\t%d in %d cities\n", s.Attractions, s.AttractionCities)
			fmt.Fprintf(tw, "distance rows\t%d (%d usable by car or taxi)\n", s.DistanceRows, s.ValidDistanceRows)
			fmt.Fprintf(tw, "cities\t%d in %d states\n", s.Cities, s.States)
			return tw.Flush()
		},
	}
	addJSONFlag(cmd, &asJSON)
	return cmd
}

// newTravelSearchCmd wraps the travel.search_* and travel.distance tools.
func newTravelSearchCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{Use: "search", Short: "Search flights, accommodations, restaurants, attractions and distances"}
	type spec struct {
		use, short, tool string
		args             []string
	}
	for _, s := range []spec{
		{"flights ORIGIN DESTINATION DATE", "Flights on a route and day", "travel.search_flights", []string{"origin", "destination", "date"}},
		{"accommodations CITY", "Accommodations of a city", "travel.search_accommodations", []string{"city"}},
		{"restaurants CITY", "Restaurants of a city", "travel.search_restaurants", []string{"city"}},
		{"attractions CITY", "Attractions of a city", "travel.search_attractions", []string{"city"}},
		{"distance ORIGIN DESTINATION", "Road distance and car/taxi costs", "travel.distance", []string{"origin", "destination"}},
	} {
		s := s
		var extra string
		sub := &cobra.Command{
			Use:   s.use,
			Short: s.short,
			Args:  exactArgs(len(s.args), strings.Join(s.args, ", ")),
			RunE: func(cmd *cobra.Command, args []string) error {
				in := map[string]any{}
				if extra != "" {
					if err := json.Unmarshal([]byte(extra), &in); err != nil {
						return usageErr("--where: %v", err)
					}
				}
				for i, a := range s.args {
					in[a] = args[i]
				}
				b, _ := json.Marshal(in)
				reg, err := f.Registry()
				if err != nil {
					return err
				}
				out, err := reg.Call(cmd.Context(), s.tool, b)
				if err != nil {
					return err
				}
				return printRawJSON(f.IO.Out, out)
			},
		}
		sub.Flags().StringVar(&extra, "where", "", `extra tool input as JSON, e.g. '{"room_type":"private room","people":3}'`)
		cmd.AddCommand(sub)
	}
	return cmd
}
