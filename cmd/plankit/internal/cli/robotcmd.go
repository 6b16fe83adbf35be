package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newRobotCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "robot",
		Short: "Robot environments, STL task checking and pictures (AutoTAMP style)",
		Long: `Robots in a 2-D workspace of named regions (rooms, keys, doors, goals, walls,
obstacles, ...) with tasks in Signal Temporal Logic. An environment is a JSON
file (see "plankit robot check --help"); the AutoTAMP scenarios ship in
testdata/robot: houseworld, chip1, chip2, chip3, rover, wall, overcooked.`,
	}
	cmd.AddCommand(newRobotCheckCmd(f), newRobotRenderCmd(f), newRobotValidateCmd(f), newRobotPlanCmd(f), newRobotTranslateCmd(f))
	return cmd
}

type robotCheckOptions struct {
	Env          string
	Spec         string
	SpecFile     string
	Prefix       string
	Trajs        []string
	JSON         bool
	NoRobustness bool
}

func newRobotCheckCmd(f *Factory) *cobra.Command {
	opts := &robotCheckOptions{}
	cmd := &cobra.Command{
		Use:   "check --env ENV.json (--spec STL | --spec-file FILE | --prefix LIST) --traj TRAJ",
		Short: "Check trajectories against an STL task and the robots' physical limits",
		Long: `Check timed piecewise-linear trajectories against an environment and a task.

The task is STL in plankit's infix syntax (--spec or --spec-file):
  F(master_bedroom & F restroom) & G !living_room
  (!door1 U key1) & F[0,10] G[0,2] goal1 & G(r1.goal1 -> F[0,3] r1.charging)
F eventually, G always, U until, ! & | -> <->; bounds [a,b] are optional (the
whole horizon). A bare region means "some robot is in it", robot.region one
robot; a name may also be a group or a kind of region. --prefix takes an
AutoTAMP pre-order token list instead, room<N> being the N-th region.

Trajectories (--traj, repeatable): {"robots": {"r1": [[x, y, t], ...]}} JSON,
robot,x,y,t CSV, or AutoTAMP planner output ("x y t" rows, one robot per file,
named r1, r2, ... in the order given). Times start at 0 and increase.

The check is exact on the continuous motion (a segment that crosses a region
between waypoints counts). It reports the verdict, the robustness (signed
distance to region boundaries), the failing sub-formula and time, and
violations of start/goal, bounds, horizon, max speed, clearance from walls and
obstacles (robot radius) and separation between robots.

Exit status: 0 when the spec holds and nothing is violated, 2 when the spec
fails or a limit is broken, 1 for bad input.`,
		Example: `  plankit robot check --env testdata/robot/wall.json --spec-file testdata/robot/specs/wall.stl --traj testdata/robot/examples/wall.json
  plankit robot check --env testdata/robot/chip1.json --prefix "['finally', 'enter(room6)']" --traj plan.json --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRobotCheck(cmd, f, opts) },
	}
	addJSONFlag(cmd, &opts.JSON)
	fl := cmd.Flags()
	fl.StringVar(&opts.Env, "env", "", "environment JSON file (- for standard input)")
	fl.StringVar(&opts.Spec, "spec", "", "the task as an STL formula")
	fl.StringVar(&opts.SpecFile, "spec-file", "", "read the STL task from this file (# starts a comment)")
	fl.StringVar(&opts.Prefix, "prefix", "", "the task as an AutoTAMP token list, e.g. \"['and', 'finally', 'enter(room1)', ...]\" (@FILE reads it from a file)")
	fl.StringArrayVar(&opts.Trajs, "traj", nil, "trajectory file: JSON, CSV or AutoTAMP rows (repeatable)")
	fl.BoolVar(&opts.NoRobustness, "no-robustness", false, "skip the robustness (faster; the verdict stays exact)")
	return cmd
}

// loadRobotEnv reads an environment file, or an embedded scenario
// (houseworld, chip1, ...) when no file of that name exists.
func loadRobotEnv(f *Factory, name string) (*robot.Env, error) {
	if name == "" {
		return nil, usageErr("--env is required")
	}
	if name != "-" && slices.Contains(robot.ScenarioNames(), name) {
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return robot.Scenario(name)
		}
	}
	if name != "-" && !strings.ContainsAny(name, `/\.`) {
		// "housewrld": a mistyped scenario name, not a file
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("--env: no file or embedded scenario named %q (scenarios: %s)", name, strings.Join(robot.ScenarioNames(), ", "))
		}
	}
	data, err := readArg(f.IO.In, name)
	if err != nil {
		return nil, err
	}
	e, err := robot.ParseEnv(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	return e, nil
}

// loadRobotTrajs reads and merges trajectory files; AutoTAMP row files
// are one robot each, named r1, r2, ... in order.
func loadRobotTrajs(f *Factory, names []string) (*robot.Trajectory, error) {
	out := &robot.Trajectory{}
	seen := map[string]string{}
	rows := 0
	for _, name := range names {
		data, err := readArg(f.IO.In, name)
		if err != nil {
			return nil, err
		}
		var t *robot.Trajectory
		if isAutoTAMPRows(data) {
			rows++
			rp, err := robot.ParseAutoTAMPRows(data, fmt.Sprintf("r%d", rows))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", displayName(name), err)
			}
			t = &robot.Trajectory{Robots: []robot.RobotPath{rp}}
			if err := t.Validate(); err != nil {
				return nil, fmt.Errorf("%s: %w", displayName(name), err)
			}
		} else if t, err = robot.ParseTrajectory(data); err != nil {
			return nil, fmt.Errorf("%s: %w", displayName(name), err)
		}
		for _, r := range t.Robots {
			if prev, ok := seen[r.Name]; ok {
				return nil, fmt.Errorf("%s: robot %q already has a path in %s", displayName(name), r.Name, prev)
			}
			seen[r.Name] = displayName(name)
			out.Robots = append(out.Robots, r)
		}
	}
	return out, nil
}

// isAutoTAMPRows tells "x y t" rows from JSON and CSV.
func isAutoTAMPRows(data []byte) bool {
	trim := bytes.TrimSpace(data)
	if len(trim) == 0 || trim[0] == '{' || trim[0] == '[' {
		return false
	}
	first, _, _ := bytes.Cut(trim, []byte("\n"))
	return !bytes.ContainsRune(first, ',')
}

func runRobotCheck(cmd *cobra.Command, f *Factory, opts *robotCheckOptions) error {
	env, err := loadRobotEnv(f, opts.Env)
	if err != nil {
		return err
	}
	given := 0
	for _, s := range []string{opts.Spec, opts.SpecFile, opts.Prefix} {
		if s != "" {
			given++
		}
	}
	if given > 1 {
		return usageErr("robot check: give only one of --spec, --spec-file and --prefix")
	}
	if len(opts.Trajs) == 0 {
		return usageErr("robot check: --traj is required")
	}
	spec := opts.Spec
	if opts.SpecFile != "" {
		data, err := readArg(f.IO.In, opts.SpecFile)
		if err != nil {
			return err
		}
		spec = string(data)
	}
	var prefix []string
	if opts.Prefix != "" {
		text := opts.Prefix
		if strings.HasPrefix(text, "@") {
			data, err := readArg(f.IO.In, text[1:])
			if err != nil {
				return err
			}
			text = string(data)
		}
		if prefix, err = stl.ParsePrefixList(text); err != nil {
			return fmt.Errorf("--prefix: %w", err)
		}
	}
	formula, err := builtin.RobotSpec(env, spec, prefix)
	if err != nil {
		return err
	}
	traj, err := loadRobotTrajs(f, opts.Trajs)
	if err != nil {
		return err
	}
	res, err := robot.CheckWith(cmd.Context(), env, formula, traj, robot.CheckOptions{SkipRobustness: opts.NoRobustness})
	if err != nil {
		return err
	}
	out := builtin.RobotCheckOutputFrom(res, formula != nil && !opts.NoRobustness)
	if opts.JSON {
		if err := printJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else if err := printRobotCheck(f, out); err != nil {
		return err
	}
	if !out.Satisfied {
		return withCode(ExitNoSolution, nil)
	}
	return nil
}

func printRobotCheck(f *Factory, out builtin.RobotCheckOutput) error {
	w := bufio.NewWriter(f.IO.Out)
	if out.Spec != "" {
		fmt.Fprintf(w, "spec:       %s\n", out.Spec)
	}
	verdict := "SATISFIED"
	if !out.Satisfied {
		verdict = "VIOLATED"
	}
	switch {
	case out.Spec == "":
		fmt.Fprintf(w, "verdict:    %s (no spec: physical limits only)\n", verdict)
	case out.RobustnessInf != "":
		fmt.Fprintf(w, "verdict:    %s (spec %s, robustness %s)\n", verdict, holdsWord(out.SpecHolds), out.RobustnessInf)
	case out.Robustness != nil:
		fmt.Fprintf(w, "verdict:    %s (spec %s, robustness %s)\n", verdict, holdsWord(out.SpecHolds), robotNum(*out.Robustness))
	default:
		fmt.Fprintf(w, "verdict:    %s (spec %s)\n", verdict, holdsWord(out.SpecHolds))
	}
	if fl := out.Failure; fl != nil {
		fmt.Fprintf(w, "fails:      %s at t=%s\n", fl.Formula, robotNum(fl.Time))
		fmt.Fprintf(w, "because:    %s\n", fl.Reason)
		if fl.Requirement != fl.Formula {
			fmt.Fprintf(w, "in:         %s\n", fl.Requirement)
		}
	}
	if len(out.Violations) > 0 {
		fmt.Fprintf(w, "violations: %d\n", len(out.Violations))
		for _, v := range out.Violations {
			fmt.Fprintf(w, "  %-10s t=%-8s %s\n", v.Kind, robotNum(v.Time), v.Message)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "robot\tduration\tlength\tmax speed\tclearance")
	for _, r := range out.Robots {
		clear := "-"
		if r.Clearance != nil {
			clear = robotNum(*r.Clearance)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, robotNum(r.Duration), robotNum(r.Length), robotNum(r.MaxSpeed), clear)
	}
	tw.Flush()
	if out.MinSeparation != nil {
		fmt.Fprintf(w, "min separation between robots' discs: %s\n", robotNum(*out.MinSeparation))
	}
	return w.Flush()
}

func holdsWord(b bool) string {
	if b {
		return "holds"
	}
	return "fails"
}

func robotNum(x float64) string {
	if math.IsInf(x, 0) {
		if x > 0 {
			return "+inf"
		}
		return "-inf"
	}
	s := fmt.Sprintf("%.6g", x)
	if s == "-0" {
		s = "0"
	}
	return s
}

type robotRenderOptions struct {
	Env      string
	Trajs    []string
	Out      string
	Format   string
	Width    float64
	Subtitle string
	TimeStep float64
}

func newRobotRenderCmd(f *Factory) *cobra.Command {
	opts := &robotRenderOptions{}
	cmd := &cobra.Command{
		Use:   "render --env ENV.json [--traj TRAJ]... --out PICTURE.svg|.png",
		Short: "Draw an environment and trajectories as SVG or PNG",
		Long: `Draw the regions (filled in their colours and labelled with their names),
walls and obstacles, robots' starts (discs of their radii) and goals (crosses),
and each trajectory's path with waypoints, direction arrows and time ticks.
The format follows the extension of --out (.svg or .png) unless --format is
given. Trajectory files are read as by "plankit robot check".`,
		Example: `  plankit robot render --env testdata/robot/houseworld.json --out house.png
  plankit robot render --env testdata/robot/rover.json --traj testdata/robot/examples/rover.json --out rover.svg`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRobotRender(f, opts) },
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Env, "env", "", "environment JSON file")
	fl.StringArrayVar(&opts.Trajs, "traj", nil, "trajectory file to draw (repeatable)")
	fl.StringVar(&opts.Out, "out", "", "output file (.svg or .png)")
	fl.StringVar(&opts.Format, "format", "", "svg or png (default: from the --out extension)")
	fl.Float64Var(&opts.Width, "width", 0, "picture width in points (default 640; PNGs have 2 pixels per point)")
	fl.StringVar(&opts.Subtitle, "subtitle", "", "an extra line under the title")
	fl.Float64Var(&opts.TimeStep, "time-step", 0, "time between ticks on the paths (default: about 8 ticks)")
	return cmd
}

func runRobotRender(f *Factory, opts *robotRenderOptions) error {
	if opts.Out == "" {
		return usageErr("robot render: --out is required")
	}
	format := strings.ToLower(opts.Format)
	if format == "" {
		switch strings.ToLower(filepath.Ext(opts.Out)) {
		case ".svg":
			format = "svg"
		case ".png":
			format = "png"
		default:
			return usageErr("robot render: cannot tell the format of %q; use a .svg or .png name or --format", opts.Out)
		}
	}
	if format != "svg" && format != "png" {
		return usageErr("robot render: --format %q: want svg or png", opts.Format)
	}
	env, err := loadRobotEnv(f, opts.Env)
	if err != nil {
		return err
	}
	var traj *robot.Trajectory
	if len(opts.Trajs) > 0 {
		if traj, err = loadRobotTrajs(f, opts.Trajs); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := robot.Render(&buf, env, traj, robot.RenderOptions{Format: format, Width: opts.Width, Subtitle: opts.Subtitle, TimeStep: opts.TimeStep}); err != nil {
		return err
	}
	if err := writeFileAtomic(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	size := ""
	if format == "png" {
		if cfg, err := png.DecodeConfig(bytes.NewReader(buf.Bytes())); err == nil {
			size = fmt.Sprintf(", %dx%d px", cfg.Width, cfg.Height)
		}
	}
	fmt.Fprintf(f.IO.Out, "wrote %s (%s, %d bytes%s)\n", opts.Out, format, buf.Len(), size)
	return nil
}

func newRobotValidateCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "validate ENV.json...",
		Short: "Validate environment files and summarise them",
		Long: `Read each environment file, validate it (names, kinds, colours, shapes inside
the bounds, robots clear of obstacles and of each other) and print a one-line
summary. The first invalid file stops the command with its error.`,
		Example: `  plankit robot validate testdata/robot/*.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("%s: want at least one environment file", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, name := range args {
				e, err := loadRobotEnv(f, name)
				if err != nil {
					return err
				}
				kinds := map[string]int{}
				for _, r := range e.Regions {
					kinds[r.Kind]++
				}
				names := make([]string, 0, len(kinds))
				for k := range kinds {
					names = append(names, k)
				}
				sort.Strings(names)
				var ks []string
				for _, k := range names {
					ks = append(ks, fmt.Sprintf("%d %s", kinds[k], k))
				}
				label := e.Name
				if label == "" {
					label = displayName(name)
				}
				robots := fmt.Sprintf("%d robots", len(e.Robots))
				if len(e.Robots) == 1 {
					robots = "1 robot"
				}
				fmt.Fprintf(f.IO.Out, "%s: ok: %d regions (%s), %s, bounds %s, horizon %s\n",
					label, len(e.Regions), strings.Join(ks, ", "), robots, e.Bounds, robotNum(e.Horizon))
			}
			return nil
		},
	}
}
