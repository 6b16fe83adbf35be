package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/tools/builtin"
)

type robotPlanOptions struct {
	Env      string
	Spec     string
	SpecFile string
	Out      string
	SVG      string
	PNG      string
	Margin   float64
	JSON     bool
}

func newRobotPlanCmd(f *Factory) *cobra.Command {
	opts := &robotPlanOptions{}
	cmd := &cobra.Command{
		Use:   "plan --env ENV.json (--spec STL | --spec-file FILE) [--out TRAJ.json] [--svg|--png FILE]",
		Short: "Plan a verified trajectory for one robot from an STL task",
		Long: `Plan a timed trajectory for the environment's single robot that satisfies an
STL task, and verify it with the exact checker of "plankit robot check".

Supported fragment (a conjunction of):
  F[a,b] region                 reach a region within [a,b]
  F(region & F[c,d](...))       sequences, nested to any depth
  F[a,b] G[0,d] region          reach, then stay d time units (F G region: stay to the end)
  G !region, G(!r1 & !r2)       avoid regions for the whole plan
  !door U[0,b] key              do not enter door before reaching key
A region may be a group or a kind (any member). Motion follows shortest paths
around walls and obstacles inflated by the robot's radius plus --margin and
around avoided regions (and locked doors) kept --margin away; the order of the
goals is searched exhaustively, timing runs at 95% of max_speed and waits
where a lower bound asks. Multi-robot tasks and response formulas
(G(a -> F[0,d] b)) are not supported yet.

Exit status: 0 with a verified plan, 2 when no plan exists within the horizon
and deadlines, 1 for bad input or an unsupported formula.`,
		Example: `  plankit robot plan --env testdata/robot/houseworld.json --spec "F(master_bedroom & F restroom) & G !living_room"
  plankit robot plan --env testdata/robot/chip1.json --spec-file testdata/robot/specs/chip1.stl --out plan.json --svg plan.svg`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRobotPlan(cmd, f, opts) },
	}
	addJSONFlag(cmd, &opts.JSON)
	fl := cmd.Flags()
	fl.StringVar(&opts.Env, "env", "", "environment JSON file (- for standard input)")
	fl.StringVar(&opts.Spec, "spec", "", "the task as an STL formula")
	fl.StringVar(&opts.SpecFile, "spec-file", "", "read the STL task from this file (# starts a comment)")
	fl.StringVar(&opts.Out, "out", "", "write the trajectory as JSON to this file")
	fl.StringVar(&opts.SVG, "svg", "", "draw the plan as SVG to this file")
	fl.StringVar(&opts.PNG, "png", "", "draw the plan as PNG to this file")
	fl.Float64Var(&opts.Margin, "margin", 0, "safety distance from walls, obstacles and avoided regions (default 0.02)")
	return cmd
}

func runRobotPlan(cmd *cobra.Command, f *Factory, opts *robotPlanOptions) error {
	if (opts.Spec == "") == (opts.SpecFile == "") {
		return usageErr("robot plan: give exactly one of --spec and --spec-file")
	}
	if opts.Margin < 0 {
		return usageErr("robot plan: --margin must not be negative")
	}
	env, err := loadRobotEnv(f, opts.Env)
	if err != nil {
		return err
	}
	spec := opts.Spec
	if opts.SpecFile != "" {
		data, err := readArg(f.IO.In, opts.SpecFile)
		if err != nil {
			return err
		}
		spec = string(data)
	}
	formula, err := builtin.RobotSpec(env, spec, nil)
	if err != nil {
		return err
	}
	res, err := robot.Plan(cmd.Context(), env, formula, robot.PlanOptions{Margin: opts.Margin})
	switch {
	case err == nil:
	case errors.Is(err, robot.ErrNoPlan):
		return withCode(ExitNoSolution, err)
	default:
		return err
	}
	data, err := json.Marshal(res.Trajectory)
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := writeFileAtomic(opts.Out, append(data, '\n')); err != nil {
			return err
		}
	}
	var pictures []string
	for _, p := range []struct{ name, format string }{{opts.SVG, "svg"}, {opts.PNG, "png"}} {
		if p.name == "" {
			continue
		}
		var buf bytes.Buffer
		if err := robot.Render(&buf, env, res.Trajectory, robot.RenderOptions{Format: p.format, Subtitle: formula.String()}); err != nil {
			return err
		}
		if err := writeFileAtomic(p.name, buf.Bytes()); err != nil {
			return err
		}
		pictures = append(pictures, p.name)
	}
	if opts.JSON {
		return printJSON(f.IO.Out, struct {
			Trajectory json.RawMessage          `json:"trajectory"`
			Order      []string                 `json:"order"`
			Check      builtin.RobotCheckOutput `json:"check"`
		}{data, res.Order, builtin.RobotCheckOutputFrom(res.Check, true)})
	}
	w := bufio.NewWriter(f.IO.Out)
	fmt.Fprintf(w, "spec:       %s\n", formula)
	fmt.Fprintf(w, "order:      %s\n", strings.Join(res.Order, " -> "))
	fmt.Fprintf(w, "verdict:    SATISFIED (checked, robustness %s)\n", robotNum(res.Check.Robustness))
	for _, rp := range res.Trajectory.Robots {
		fmt.Fprintf(w, "robot %s: %d waypoints, ends at t=%s\n", rp.Name, len(rp.Path), robotNum(rp.Path.End()))
		for _, wp := range rp.Path {
			fmt.Fprintf(w, "  %s %s %s\n", robotNum(wp.X), robotNum(wp.Y), robotNum(wp.T))
		}
	}
	if opts.Out != "" {
		fmt.Fprintf(w, "wrote %s\n", opts.Out)
	}
	for _, p := range pictures {
		fmt.Fprintf(w, "wrote %s\n", p)
	}
	return w.Flush()
}
