package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/plankit/plankit/solvers/graph"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newGraphCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Shortest paths, TSP routes, topological order and max-flow",
		Long: `Graph algorithms on a JSON graph:
  {"directed": true, "nodes": [{"id": "a", "x": 0, "y": 0}],
   "edges": [{"from": "a", "to": "b", "weight": 2}]}
("nodes" optional, "weight" default 1, "directed" default false). The TSP also
takes a distance matrix {"names": [...], "matrix": [[...]]} or points
{"points": [[x, y], ...]}. Outcomes with no solution (unreachable target,
cycle, negative cycle) print what was found and exit with status 2.`,
	}
	cmd.AddCommand(newGraphPathCmd(f), newGraphTSPCmd(f), newGraphToposortCmd(f),
		newGraphMaxflowCmd(f), newGraphAllPairsCmd(f))
	return cmd
}

// readGraphDoc reads and validates a graph document from FILE or "-".
func readGraphDoc(f *Factory, file string, needGraph bool) (*graph.Document, error) {
	data, err := readArg(f.IO.In, file)
	if err != nil {
		return nil, err
	}
	doc, err := graph.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(file), err)
	}
	if needGraph && doc.IsMatrix() {
		return nil, fmt.Errorf("%s: this command needs nodes and edges, not a matrix or points", displayName(file))
	}
	return doc, nil
}

func timeoutCtx(ctx context.Context, d time.Duration, cmdName string) (context.Context, context.CancelFunc, error) {
	if d < 0 {
		return nil, nil, usageErr("%s: --timeout must not be negative", cmdName)
	}
	if d == 0 {
		return ctx, func() {}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, nil
}

// num formats a number for people: up to 4 decimals, trailing zeros cut.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

func arrow(nodes []string) string { return strings.Join(nodes, " -> ") }

func cycleText(nodes []string) string {
	if len(nodes) == 0 {
		return ""
	}
	return arrow(append(append([]string(nil), nodes...), nodes[0]))
}

type graphPathOptions struct {
	File, From, To, Algorithm string
	K                         int
	Timeout                   time.Duration
	JSON                      bool
}

func newGraphPathCmd(f *Factory) *cobra.Command {
	opts := &graphPathOptions{}
	cmd := &cobra.Command{
		Use:   "path FILE.json|- --from NODE [--to NODE]",
		Short: "Cheapest path(s) between nodes, or from one node to all",
		Long: `Find a cheapest path from --from to --to (Dijkstra; Bellman-Ford when a weight is
negative; --algorithm astar uses node coordinates), the --k cheapest simple
paths (Yen), or without --to the cost of reaching every node. An unreachable
target or a negative cycle exits with status 2.`,
		Example: `  plankit graph path roads.json --from depot --to airport
  plankit graph path roads.json --from depot --to airport --k 3
  plankit graph path roads.json --from depot --json`,
		Args: exactArgs(1, "one graph JSON file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runGraphPath(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "start node (required)")
	cmd.Flags().StringVar(&opts.To, "to", "", "target node (default: every node)")
	cmd.Flags().StringVar(&opts.Algorithm, "algorithm", "auto", "auto, dijkstra, astar or bellman-ford")
	cmd.Flags().IntVar(&opts.K, "k", 0, "list the k cheapest simple paths (needs --to)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "give up after this long (e.g. 10s)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runGraphPath(ctx context.Context, f *Factory, opts *graphPathOptions) error {
	if opts.From == "" {
		return usageErr("graph path: --from is required")
	}
	if opts.K < 0 || (opts.K > 0 && opts.To == "") {
		return usageErr("graph path: --k must be positive and needs --to")
	}
	if _, err := graph.ParseAlgorithm(opts.Algorithm); err != nil {
		return usageErr("graph path: --algorithm %q: want auto, dijkstra, astar or bellman-ford", opts.Algorithm)
	}
	ctx, cancel, err := timeoutCtx(ctx, opts.Timeout, "graph path")
	if err != nil {
		return err
	}
	defer cancel()
	doc, err := readGraphDoc(f, opts.File, true)
	if err != nil {
		return err
	}
	in := builtin.ShortestPathInput{GraphSpec: builtin.GraphSpecOf(doc), From: opts.From, To: opts.To, Algorithm: opts.Algorithm, K: opts.K}
	out, err := builtin.ShortestPath(ctx, in)
	if err != nil {
		return err
	}
	noSolution := !out.Reachable
	if opts.JSON {
		if err := printJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else {
		w := f.IO.Out
		switch {
		case out.NegativeCycle != nil:
			fmt.Fprintf(w, "negative cycle: %s\n", cycleText(out.NegativeCycle))
		case opts.To == "":
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "node\tcost")
			for _, d := range out.Distances {
				fmt.Fprintf(tw, "%s\t%s\n", d.Node, num(d.Cost))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(out.Unreachable) > 0 {
				fmt.Fprintf(w, "unreachable: %s\n", strings.Join(out.Unreachable, ", "))
			}
			fmt.Fprintf(w, "(%s from %s)\n", out.Algorithm, opts.From)
		case !out.Reachable:
			fmt.Fprintf(w, "no path from %s to %s\n", opts.From, opts.To)
		case opts.K > 0:
			for i, p := range out.Paths {
				fmt.Fprintf(w, "%d. %s  (cost %s)\n", i+1, arrow(p.Path), num(p.Cost))
			}
			if len(out.Paths) < opts.K {
				fmt.Fprintf(w, "only %d simple path(s) exist\n", len(out.Paths))
			}
		default:
			fmt.Fprintf(w, "%s\ncost %s (%s)\n", arrow(out.Path), num(*out.Cost), out.Algorithm)
		}
	}
	if noSolution {
		return withCode(ExitNoSolution, nil)
	}
	return nil
}

type graphTSPOptions struct {
	File, Start, End string
	Open             bool
	ExactLimit       int
	Seed             uint64
	Timeout          time.Duration
	JSON             bool
}

func newGraphTSPCmd(f *Factory) *cobra.Command {
	opts := &graphTSPOptions{}
	cmd := &cobra.Command{
		Use:   "tsp FILE.json|-",
		Short: "Shortest tour or Hamiltonian path through every node",
		Long: `Find a shortest closed tour through every node, or with --open / --end a
shortest Hamiltonian path (from --start, or from anywhere when --start is not
given). The input is a distance matrix, points, or a graph (whose cheapest-path
costs are used). Up to --exact-limit nodes (default 16, at most 18) the answer
is optimal (Held-Karp); above that it is a local-search route with a proven
lower bound and the gap between them.`,
		Example: `  plankit graph tsp cities.json
  plankit graph tsp cities.json --start Berlin --end Rome
  plankit graph tsp points.json --open --json`,
		Args: exactArgs(1, "one JSON file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runGraphTSP(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Start, "start", "", "first node (default: the first node; any node with --open)")
	cmd.Flags().StringVar(&opts.End, "end", "", "last node (implies --open)")
	cmd.Flags().BoolVar(&opts.Open, "open", false, "a path that does not return to the start")
	cmd.Flags().IntVar(&opts.ExactLimit, "exact-limit", graph.DefaultExactLimit, "solve exactly up to this many nodes (at most 18; -1: always heuristic)")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "seed of the heuristic's random perturbations")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "cut the heuristic short / give up the exact search after this long")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runGraphTSP(ctx context.Context, f *Factory, opts *graphTSPOptions) error {
	if opts.ExactLimit > graph.MaxExactLimit || opts.ExactLimit < -1 || opts.ExactLimit == 0 {
		return usageErr("graph tsp: --exact-limit must be -1 or 1..%d", graph.MaxExactLimit)
	}
	ctx, cancel, err := timeoutCtx(ctx, opts.Timeout, "graph tsp")
	if err != nil {
		return err
	}
	defer cancel()
	doc, err := readGraphDoc(f, opts.File, false)
	if err != nil {
		return err
	}
	in := builtin.TSPInput{GraphSpec: builtin.GraphSpecOf(doc), Names: doc.Names, Matrix: doc.Matrix, Points: doc.Points,
		Start: opts.Start, End: opts.End, Open: opts.Open, ExactLimit: opts.ExactLimit, Seed: opts.Seed}
	out, err := builtin.TSP(ctx, in)
	if errors.Is(err, graph.ErrNoRoute) {
		return withCode(ExitNoSolution, err)
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(f.IO.Out, out)
	}
	w := f.IO.Out
	route := out.Order
	kind := "path"
	if out.Closed {
		kind = "tour"
		route = append(append([]string(nil), route...), route[0])
	}
	fmt.Fprintf(w, "%s: %s\n", kind, arrow(route))
	if out.Exact {
		fmt.Fprintf(w, "cost %s (optimal; %s)\n", num(out.Cost), out.Method)
	} else {
		fmt.Fprintf(w, "cost %s, lower bound %s, gap %.2f%%\n(%s)\n", num(out.Cost), num(out.LowerBound), 100*out.Gap, out.Method)
	}
	for _, l := range out.Legs {
		if len(l.Path) > 2 {
			fmt.Fprintf(w, "  %s -> %s via %s (cost %s)\n", l.From, l.To, arrow(l.Path), num(l.Cost))
		}
	}
	return nil
}

type graphToposortOptions struct {
	File string
	JSON bool
}

func newGraphToposortCmd(f *Factory) *cobra.Command {
	opts := &graphToposortOptions{}
	cmd := &cobra.Command{
		Use:   "toposort FILE.json|-",
		Short: "Order the nodes of a directed graph so every edge points forward",
		Long: `Print a topological order of a directed graph, one node per line, or a
directed cycle proving that none exists (exit status 2).`,
		Example: `  plankit graph toposort tasks.json`,
		Args:    exactArgs(1, "one graph JSON file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runGraphToposort(cmd.Context(), f, opts)
		},
	}
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runGraphToposort(ctx context.Context, f *Factory, opts *graphToposortOptions) error {
	doc, err := readGraphDoc(f, opts.File, true)
	if err != nil {
		return err
	}
	out, err := builtin.Toposort(ctx, builtin.ToposortInput{GraphSpec: builtin.GraphSpecOf(doc)})
	if err != nil {
		return err
	}
	if opts.JSON {
		err = printJSON(f.IO.Out, out)
	} else if out.Acyclic {
		_, err = fmt.Fprintln(f.IO.Out, strings.Join(out.Order, "\n"))
	} else {
		_, err = fmt.Fprintf(f.IO.Out, "cycle: %s\n", cycleText(out.Cycle))
	}
	if err != nil {
		return err
	}
	if !out.Acyclic {
		return withCode(ExitNoSolution, nil)
	}
	return nil
}

type graphMaxflowOptions struct {
	File, Source, Sink string
	Timeout            time.Duration
	JSON               bool
}

func newGraphMaxflowCmd(f *Factory) *cobra.Command {
	opts := &graphMaxflowOptions{}
	cmd := &cobra.Command{
		Use:   "maxflow FILE.json|- --source NODE --sink NODE",
		Short: "Maximum flow and a minimum cut (edge weights are capacities)",
		Example: `  plankit graph maxflow pipes.json --source s --sink t
  plankit graph maxflow pipes.json --source s --sink t --json`,
		Args: exactArgs(1, "one graph JSON file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runGraphMaxflow(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", "", "source node (required)")
	cmd.Flags().StringVar(&opts.Sink, "sink", "", "sink node (required)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "give up after this long")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runGraphMaxflow(ctx context.Context, f *Factory, opts *graphMaxflowOptions) error {
	if opts.Source == "" || opts.Sink == "" {
		return usageErr("graph maxflow: --source and --sink are required")
	}
	ctx, cancel, err := timeoutCtx(ctx, opts.Timeout, "graph maxflow")
	if err != nil {
		return err
	}
	defer cancel()
	doc, err := readGraphDoc(f, opts.File, true)
	if err != nil {
		return err
	}
	out, err := builtin.MaxFlow(ctx, builtin.MaxFlowInput{GraphSpec: builtin.GraphSpecOf(doc), Source: opts.Source, Sink: opts.Sink})
	if err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(f.IO.Out, out)
	}
	w := f.IO.Out
	fmt.Fprintf(w, "max flow %s\n", num(out.Value))
	cut := make([]string, len(out.MinCut.Edges))
	for i, e := range out.MinCut.Edges {
		cut[i] = fmt.Sprintf("%s -> %s (%s)", e.From, e.To, num(e.Capacity))
	}
	fmt.Fprintf(w, "min cut, capacity %s: %s\n", num(out.MinCut.Capacity), strings.Join(cut, ", "))
	fmt.Fprintf(w, "source side: %s\n", strings.Join(out.MinCut.SourceSide, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "edge\tflow")
	for _, e := range out.Flows {
		fmt.Fprintf(tw, "%s -> %s\t%s\n", e.From, e.To, num(e.Flow))
	}
	return tw.Flush()
}

type graphAllPairsOptions struct {
	File, Algorithm string
	Timeout         time.Duration
	JSON            bool
}

func newGraphAllPairsCmd(f *Factory) *cobra.Command {
	opts := &graphAllPairsOptions{}
	cmd := &cobra.Command{
		Use:   "allpairs FILE.json|-",
		Short: "Cheapest path costs between every pair of nodes",
		Long: `Print the matrix of cheapest path costs (row: from, column: to; "-" when
unreachable). A negative cycle exits with status 2.`,
		Example: `  plankit graph allpairs roads.json
  plankit graph allpairs roads.json --algorithm floyd-warshall --json`,
		Args: exactArgs(1, "one graph JSON file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runGraphAllPairs(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Algorithm, "algorithm", "auto", "auto, dijkstra, floyd-warshall or johnson")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "give up after this long")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runGraphAllPairs(ctx context.Context, f *Factory, opts *graphAllPairsOptions) error {
	switch opts.Algorithm {
	case "auto", "dijkstra", "floyd-warshall", "johnson":
	default:
		return usageErr("graph allpairs: --algorithm %q: want auto, dijkstra, floyd-warshall or johnson", opts.Algorithm)
	}
	ctx, cancel, err := timeoutCtx(ctx, opts.Timeout, "graph allpairs")
	if err != nil {
		return err
	}
	defer cancel()
	doc, err := readGraphDoc(f, opts.File, true)
	if err != nil {
		return err
	}
	out, err := builtin.AllPairs(ctx, builtin.AllPairsInput{GraphSpec: builtin.GraphSpecOf(doc), Algorithm: opts.Algorithm})
	if err != nil {
		return err
	}
	if opts.JSON {
		err = printJSON(f.IO.Out, out)
	} else if out.NegativeCycle != nil {
		_, err = fmt.Fprintf(f.IO.Out, "negative cycle: %s\n", cycleText(out.NegativeCycle))
	} else {
		err = writeMatrix(f.IO.Out, out)
	}
	if err != nil {
		return err
	}
	if out.NegativeCycle != nil {
		return withCode(ExitNoSolution, nil)
	}
	return nil
}

func writeMatrix(w io.Writer, out builtin.AllPairsOutput) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, n := range out.Nodes {
		fmt.Fprintf(tw, "%s\t", n)
	}
	fmt.Fprintln(tw)
	for i, row := range out.Dist {
		fmt.Fprintf(tw, "%s\t", out.Nodes[i])
		for _, d := range row {
			if d == nil {
				fmt.Fprint(tw, "-\t")
			} else {
				fmt.Fprintf(tw, "%s\t", num(*d))
			}
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
