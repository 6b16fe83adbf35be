package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/domains/robot/nl"
	"github.com/plankit/plankit/solvers/stl"
	"github.com/plankit/plankit/tools/builtin"
)

type robotPlanOptions struct {
	Env      string
	Spec     string
	SpecFile string
	Task     string
	Out      string
	SVG      string
	PNG      string
	Margin   float64
	Sep      float64
	JSON     bool
}

func newRobotPlanCmd(f *Factory) *cobra.Command {
	opts := &robotPlanOptions{}
	cmd := &cobra.Command{
		Use:   "plan --env ENV.json|SCENARIO (--spec STL | --spec-file FILE | --task INSTRUCTION) [--out TRAJ.json] [--svg|--png FILE]",
		Short: "Plan verified trajectories for an environment's robots from an STL task",
		Long: `Plan timed trajectories for the environment's robots that satisfy an STL
task, and verify them with the exact checker of "plankit robot check" (the
spec holds with positive robustness, no wall or obstacle is touched, speed
limits, horizon and goals are kept, no two robots' discs overlap).
--env takes a file or an embedded scenario (houseworld, chip1, chip2, chip3,
rover, wall, overcooked). --task takes the task in controlled English and
translates it first, as "plankit robot translate" does (unknown words are
reported, not guessed); the formula used is printed with the plan.

Supported fragment (a conjunction of):
  F[a,b] p                      reach p within [a,b]
  F(p & F[c,d](...))            sequences, nested to any depth (windows count
                                from the previous visit)
  F[a,b] G[0,d] p               reach, then stay d time units (F G p: to the end)
  F(p & G(!q & !r))             visit p, and never enter q or r afterwards
  G !p, G(!p & !q)              avoid for the whole plan (G[a,b] !p too)
  !door U[0,b] key              do not enter door before reaching key
  G(p -> F[0,d] q)              response: within d of being in p, be in q
  G(!c -> F[0,d] c)             return: back in c within d of leaving it
A place p is a region, a group or a kind (any member), or a disjunction
(transmitter1 | transmitter2). With several robots, r2.goal1 is robot r2's
and a bare goal1 is any robot's: such goals are allocated to the robots
(exhaustively for small counts, greedily with improvement beyond) to finish
earliest. Until needs one robot (or rk.door U rk.key); a response is met by
the robot that triggers it.

How: each robot's visit order is searched by branch and bound, memoised on
(place, progress); motion follows shortest paths around walls and obstacles
inflated by the robot's radius plus --margin and around avoided regions and
locked doors, at 95% of max_speed, waiting where a lower bound asks. Robots
are then placed one after another: each waits at its start or at a waypoint
(or detours, or steps out of the way after its last visit) until it keeps
--separation from the robots placed before it.

Exit status: 0 with a verified plan, 2 when no plan was found within the
horizon and deadlines (the message says which visit or requirement failed),
1 for bad input or a formula outside the fragment (the message quotes it).`,
		Example: `  plankit robot plan --env testdata/robot/houseworld.json --spec "F(master_bedroom & F restroom) & G !living_room"
  plankit robot plan --env testdata/robot/chip1.json --spec-file testdata/robot/specs/chip1.stl --out plan.json --svg plan.svg
  plankit robot plan --env houseworld --task "go to the kitchen, then the bedroom, and never enter the living room"
  plankit robot plan --env testdata/robot/wall.json --spec-file testdata/robot/specs/wall.stl --png wall.png`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRobotPlan(cmd, f, opts) },
	}
	addJSONFlag(cmd, &opts.JSON)
	fl := cmd.Flags()
	fl.StringVar(&opts.Env, "env", "", "environment JSON file (- for standard input) or scenario name")
	fl.StringVar(&opts.Spec, "spec", "", "the task as an STL formula")
	fl.StringVar(&opts.SpecFile, "spec-file", "", "read the STL task from this file (# starts a comment)")
	fl.StringVar(&opts.Task, "task", "", "the task in controlled English (see \"plankit robot translate\")")
	fl.StringVar(&opts.Out, "out", "", "write the trajectory as JSON to this file")
	fl.StringVar(&opts.SVG, "svg", "", "draw the plan as SVG to this file")
	fl.StringVar(&opts.PNG, "png", "", "draw the plan as PNG to this file")
	fl.Float64Var(&opts.Margin, "margin", 0, "safety distance from walls, obstacles and avoided regions (default 0.02)")
	fl.Float64Var(&opts.Sep, "separation", 0, "safety distance between robots' discs (default 0.05)")
	return cmd
}

func runRobotPlan(cmd *cobra.Command, f *Factory, opts *robotPlanOptions) error {
	given := 0
	for _, s := range []string{opts.Spec, opts.SpecFile, opts.Task} {
		if s != "" {
			given++
		}
	}
	if given != 1 {
		return usageErr("robot plan: give exactly one of --spec, --spec-file and --task")
	}
	if opts.Margin < 0 || opts.Sep < 0 {
		return usageErr("robot plan: --margin and --separation must not be negative")
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
	var formula *stl.Formula
	if opts.Task != "" {
		tr, err := nl.Translate(env, opts.Task)
		if err != nil {
			return fmt.Errorf("robot plan: --task: %w", err)
		}
		formula = tr.Formula
	} else if formula, err = builtin.RobotSpec(env, spec, nil); err != nil {
		return err
	} else if formula == nil {
		return errors.New("robot plan: the spec is empty")
	}
	res, err := robot.Plan(cmd.Context(), env, formula, robot.PlanOptions{Margin: opts.Margin, Separation: opts.Sep})
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
	// Render everything first, then write; if a write fails, the files
	// this command already wrote are removed (no partial output set).
	type output struct {
		name string
		data []byte
	}
	var outs []output
	if opts.Out != "" {
		outs = append(outs, output{opts.Out, append(data, '\n')})
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
		outs = append(outs, output{p.name, buf.Bytes()})
		pictures = append(pictures, p.name)
	}
	for i, o := range outs {
		if err := writeFileAtomic(o.name, o.data); err != nil {
			for _, done := range outs[:i] {
				os.Remove(done.name)
			}
			return err
		}
	}
	if opts.JSON {
		return printJSON(f.IO.Out, struct {
			Trajectory json.RawMessage          `json:"trajectory"`
			Order      []string                 `json:"order"`
			Orders     map[string][]string      `json:"orders"`
			Delays     map[string]float64       `json:"delays,omitempty"`
			Check      builtin.RobotCheckOutput `json:"check"`
		}{data, res.Order, res.Orders, res.Delays, builtin.RobotCheckOutputFrom(res.Check, true)})
	}
	w := bufio.NewWriter(f.IO.Out)
	fmt.Fprintf(w, "spec:       %s\n", formula)
	if len(res.Trajectory.Robots) == 1 {
		fmt.Fprintf(w, "order:      %s\n", strings.Join(res.Order, " -> "))
	}
	fmt.Fprintf(w, "verdict:    SATISFIED (checked, robustness %s)\n", robotNum(res.Check.Robustness))
	if len(res.Trajectory.Robots) > 1 {
		fmt.Fprintf(w, "separation: %s (least gap between two robots' discs)\n", robotNum(res.Check.MinSeparation))
	}
	for _, rp := range res.Trajectory.Robots {
		extra := ""
		if len(res.Trajectory.Robots) > 1 {
			extra = "; visits: " + strings.Join(res.Orders[rp.Name], " -> ")
			if len(res.Orders[rp.Name]) == 0 {
				extra = "; no visits"
			}
			if d := res.Delays[rp.Name]; d > 0 {
				extra += fmt.Sprintf("; waits %s at its start", robotNum(d))
			}
		}
		fmt.Fprintf(w, "robot %s: %d waypoints, ends at t=%s%s\n", rp.Name, len(rp.Path), robotNum(rp.Path.End()), extra)
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
