package builtin

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
	"github.com/plankit/plankit/tools"
)

// RobotCheckInput is the input of robot.check.
type RobotCheckInput struct {
	Env            any      `json:"env" jsonschema:"the environment as a JSON object: {name, bounds [xmin, xmax, ymin, ymax], horizon, regions [{name, kind (room, key, door, goal, wall, obstacle, ...), color, function, box [xmin, xmax, ymin, ymax] | polygon [[x, y], ...] | wkt | geometry}], groups {name: [region, ...]}, robots [{name, start [x, y], goal, max_speed, radius}]}, or a GeoJSON FeatureCollection of regions; a JSON string holding such an object is accepted too"`
	Spec           string   `json:"spec,omitempty" jsonschema:"the task as STL in plankit's infix syntax, e.g. F(kitchen & F restroom) & G !living_room or (!door1 U key1) & F[0,10] goal1; a bare region means some robot is in it, r1.goal1 one robot; omit spec and prefix to check only the physical limits"`
	Prefix         []string `json:"prefix,omitempty" jsonschema:"alternatively the task as an AutoTAMP pre-order token list, e.g. [\"and\", \"finally\", \"enter(room1)\", \"globally\", \"not_enter(room2)\"]; room<N> is the N-th region of env"`
	Trajectory     any      `json:"trajectory" jsonschema:"the robots' timed waypoints: {\"robots\": {\"r1\": [[x, y, t], ...], ...}} with times strictly increasing from 0 (straight lines between waypoints, resting at the last), or the same as a string in JSON or CSV (robot,x,y,t)"`
	SkipRobustness bool     `json:"skip_robustness,omitempty" jsonschema:"skip the robustness computation (faster; the verdict and the failure stay exact)"`
}

// RobotFailure says where and when the spec fails.
type RobotFailure struct {
	Formula     string  `json:"formula" jsonschema:"the innermost sub-formula found to fail"`
	Requirement string  `json:"requirement" jsonschema:"the top-level conjunct that contains it"`
	Time        float64 `json:"time" jsonschema:"when it fails"`
	Reason      string  `json:"reason" jsonschema:"what happens, in one line"`
}

// RobotViolation is a broken physical limit.
type RobotViolation struct {
	Kind    string  `json:"kind" jsonschema:"start, goal, bounds, horizon, speed, clearance (disc overlaps a wall or obstacle) or separation (two discs overlap)"`
	Robot   string  `json:"robot"`
	Other   string  `json:"other,omitempty" jsonschema:"the obstacle or the other robot"`
	Time    float64 `json:"time" jsonschema:"when it first happens"`
	Value   float64 `json:"value" jsonschema:"the measured quantity (speed, distance, end time, offset)"`
	Limit   float64 `json:"limit" jsonschema:"the bound it breaks"`
	Message string  `json:"message"`
}

// RobotStats summarises one robot's path.
type RobotStats struct {
	Name      string   `json:"name"`
	Duration  float64  `json:"duration" jsonschema:"time of the last waypoint"`
	Length    float64  `json:"length"`
	MaxSpeed  float64  `json:"max_speed" jsonschema:"fastest segment"`
	Clearance *float64 `json:"clearance,omitempty" jsonschema:"least distance between the robot's disc and any wall or obstacle; absent without obstacles"`
}

// RobotCheckOutput is the output of robot.check.
type RobotCheckOutput struct {
	Satisfied       bool             `json:"satisfied" jsonschema:"true when the spec holds and no physical limit is broken"`
	SpecHolds       bool             `json:"spec_holds" jsonschema:"exact verdict of the spec at time 0 (true without a spec)"`
	Spec            string           `json:"spec,omitempty" jsonschema:"the checked formula, printed canonically"`
	Robustness      *float64         `json:"robustness,omitempty" jsonschema:"space robustness of the spec (signed distance to region boundaries, min/max over the continuous motion): a certified lower bound, at most 1e-9 of the scene size below the true value; positive means the spec holds with that margin; absent when skipped, without a spec, or infinite"`
	RobustnessUpper *float64         `json:"robustness_upper,omitempty" jsonschema:"certified upper bound of the robustness"`
	RobustnessInf   string           `json:"robustness_infinite,omitempty" jsonschema:"+inf or -inf when the verdict depends on no atom (e.g. the spec is true)"`
	Failure         *RobotFailure    `json:"failure,omitempty" jsonschema:"where and when the spec fails"`
	Violations      []RobotViolation `json:"violations,omitempty"`
	Robots          []RobotStats     `json:"robots"`
	MinSeparation   *float64         `json:"min_separation,omitempty" jsonschema:"least distance between two robots' discs over all time (negative: they overlap); absent with one robot"`
}

// RobotRenderInput is the input of robot.render.
type RobotRenderInput struct {
	Env        any     `json:"env" jsonschema:"the environment (see robot.check)"`
	Trajectory any     `json:"trajectory,omitempty" jsonschema:"optional timed waypoints to draw (see robot.check)"`
	Format     string  `json:"format,omitempty" jsonschema:"svg (default) or png"`
	Width      float64 `json:"width,omitempty" jsonschema:"picture width in points (default 640; a PNG has 2 pixels per point)"`
	Subtitle   string  `json:"subtitle,omitempty" jsonschema:"an extra line under the title"`
	TimeStep   float64 `json:"time_step,omitempty" jsonschema:"time between the ticks drawn on the paths (default: a round step giving about 8 ticks)"`
}

// RobotRenderOutput is the output of robot.render.
type RobotRenderOutput struct {
	Format    string `json:"format"`
	SVG       string `json:"svg,omitempty" jsonschema:"the SVG document"`
	PNGBase64 string `json:"png_base64,omitempty" jsonschema:"the PNG image, base64-encoded"`
	Bytes     int    `json:"bytes" jsonschema:"size of the picture"`
}

// STLParseInput is the input of stl.parse.
type STLParseInput struct {
	Spec       string   `json:"spec,omitempty" jsonschema:"an STL formula in plankit's infix syntax: region, robot.region, true, false, !, &, |, ->, <->, F[a,b], G[a,b], U[a,b] (bounds optional: whole horizon)"`
	Prefix     []string `json:"prefix,omitempty" jsonschema:"alternatively an AutoTAMP pre-order token list, e.g. [\"and\", \"finally\", \"enter(room1)\", \"globally\", \"not_enter(room2)\"]"`
	PrefixText string   `json:"prefix_text,omitempty" jsonschema:"alternatively the token list as AutoTAMP prints it: ['and', 'finally', ...]"`
	Horizon    float64  `json:"horizon,omitempty" jsonschema:"for prefix lists: the value of the bound 'infinite' (AutoTAMP's tmax)"`
}

// STLAtom is an atom of a formula.
type STLAtom struct {
	Robot  string `json:"robot,omitempty" jsonschema:"empty: some robot (or the only one)"`
	Region string `json:"region"`
}

// STLParseOutput is the output of stl.parse.
type STLParseOutput struct {
	Formula string    `json:"formula" jsonschema:"the formula printed canonically (parses back to the same tree)"`
	Tree    any       `json:"tree" jsonschema:"the syntax tree: nodes {op: true|false|atom|not|and|or|implies|iff|eventually|always|until, robot, region, bounds [a, b], args [...]}"`
	Atoms   []STLAtom `json:"atoms" jsonschema:"distinct atoms in order of appearance"`
	Size    int       `json:"size" jsonschema:"number of nodes"`
	Bounded bool      `json:"bounded" jsonschema:"true when every temporal operator has explicit bounds"`
	Span    *float64  `json:"span,omitempty" jsonschema:"when bounded: how far into the future the formula looks"`
}

func registerRobot(r *tools.Registry) error {
	return errors.Join(
		tools.Add(r, "robot.check",
			"Check robots' timed piecewise-linear trajectories against a 2-D environment of named regions and a Signal Temporal Logic task: the exact verdict (a segment that crosses a region between waypoints counts), the space robustness (signed distance to region boundaries over the continuous motion), the failing sub-formula and time, and physical limits (start/goal, bounds, horizon, max speed, clearance of each robot's disc from walls and obstacles, separation between robots). satisfied=false is a result, not an error.",
			RobotCheck),
		tools.Add(r, "robot.render",
			"Draw a robot environment (regions in their colours with names, walls and obstacles, starts and goals) and optionally trajectories (paths with waypoints, arrows and time ticks) as SVG text or a base64 PNG.",
			RobotRender),
		tools.Add(r, "stl.parse",
			"Parse a Signal Temporal Logic formula (plankit's infix syntax, or AutoTAMP's pre-order token list after AutoTAMP's arity check) and return it printed canonically with its syntax tree and atoms; syntax errors give the column (or the token number) and say what is wrong.",
			STLParse),
	)
}

// jsonArg turns a decoded JSON value (or a string of JSON) into bytes.
func jsonArg(field string, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return nil, fmt.Errorf("%s: required", field)
	case string:
		return []byte(x), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	return b, nil
}

// envArg resolves an environment given inline (a JSON object or a string
// holding one) or by the name of an embedded scenario.
func envArg(v any) (*robot.Env, error) {
	if s, ok := v.(string); ok {
		if name := strings.TrimSpace(s); name != "" && !strings.HasPrefix(name, "{") {
			if slices.Contains(robot.ScenarioNames(), name) {
				return robot.Scenario(name)
			}
			return nil, fmt.Errorf("env: %q is neither a JSON environment nor a scenario (%s)", name, strings.Join(robot.ScenarioNames(), ", "))
		}
	}
	b, err := jsonArg("env", v)
	if err != nil {
		return nil, err
	}
	e, err := robot.ParseEnv(b)
	if err != nil {
		return nil, fmt.Errorf("env: %w", err)
	}
	return e, nil
}

func trajArg(v any) (*robot.Trajectory, error) {
	b, err := jsonArg("trajectory", v)
	if err != nil {
		return nil, err
	}
	t, err := robot.ParseTrajectory(b)
	if err != nil {
		return nil, fmt.Errorf("trajectory: %w", err)
	}
	return t, nil
}

// RobotSpec reads a task given as infix STL or an AutoTAMP token list;
// both empty means no spec (nil).
func RobotSpec(env *robot.Env, spec string, prefix []string) (*stl.Formula, error) {
	switch {
	case spec != "" && len(prefix) > 0:
		return nil, errors.New("give spec or prefix, not both")
	case strings.TrimSpace(spec) != "":
		f, err := stl.Parse(spec)
		if err != nil {
			return nil, fmt.Errorf("spec: %w", err)
		}
		return f, nil
	case len(prefix) > 0:
		f, err := env.ImportAutoTAMP(prefix)
		if err != nil {
			return nil, fmt.Errorf("prefix: %w", err)
		}
		return f, nil
	}
	return nil, nil
}

func finitePtr(x float64) *float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}

// RobotCheck is robot.check.
func RobotCheck(ctx context.Context, in RobotCheckInput) (RobotCheckOutput, error) {
	env, err := envArg(in.Env)
	if err != nil {
		return RobotCheckOutput{}, err
	}
	f, err := RobotSpec(env, in.Spec, in.Prefix)
	if err != nil {
		return RobotCheckOutput{}, err
	}
	tr, err := trajArg(in.Trajectory)
	if err != nil {
		return RobotCheckOutput{}, err
	}
	res, err := robot.CheckWith(ctx, env, f, tr, robot.CheckOptions{SkipRobustness: in.SkipRobustness})
	if err != nil {
		return RobotCheckOutput{}, err
	}
	return RobotCheckOutputFrom(res, f != nil && !in.SkipRobustness), nil
}

// RobotCheckOutputFrom converts a robot.Result to the tool's output;
// robust says whether the robustness was computed.
func RobotCheckOutputFrom(res robot.Result, robust bool) RobotCheckOutput {
	out := RobotCheckOutput{Satisfied: res.Satisfied, SpecHolds: res.SpecHolds, Robots: []RobotStats{}}
	if res.Spec != nil {
		out.Spec = res.Spec.String()
	}
	if robust {
		out.Robustness, out.RobustnessUpper = finitePtr(res.Robustness), finitePtr(res.RobustnessUpper)
		switch {
		case math.IsInf(res.Robustness, 1):
			out.RobustnessInf = "+inf"
		case math.IsInf(res.Robustness, -1):
			out.RobustnessInf = "-inf"
		}
	}
	if res.Failure != nil {
		out.Failure = &RobotFailure{Formula: res.Failure.Formula.String(), Requirement: res.Failure.Requirement.String(), Time: res.Failure.Time, Reason: res.Failure.Reason}
	}
	for _, v := range res.Violations {
		out.Violations = append(out.Violations, RobotViolation(v))
	}
	for _, s := range res.Robots {
		out.Robots = append(out.Robots, RobotStats{Name: s.Name, Duration: s.Duration, Length: s.Length, MaxSpeed: s.MaxSpeed, Clearance: finitePtr(s.Clearance)})
	}
	out.MinSeparation = finitePtr(res.MinSeparation)
	return out
}

// RobotRender is robot.render.
func RobotRender(_ context.Context, in RobotRenderInput) (RobotRenderOutput, error) {
	env, err := envArg(in.Env)
	if err != nil {
		return RobotRenderOutput{}, err
	}
	var tr *robot.Trajectory
	if in.Trajectory != nil {
		if tr, err = trajArg(in.Trajectory); err != nil {
			return RobotRenderOutput{}, err
		}
	}
	format := strings.ToLower(in.Format)
	if format == "" {
		format = "svg"
	}
	var buf bytes.Buffer
	if err := robot.Render(&buf, env, tr, robot.RenderOptions{Format: format, Width: in.Width, Subtitle: in.Subtitle, TimeStep: in.TimeStep}); err != nil {
		return RobotRenderOutput{}, err
	}
	out := RobotRenderOutput{Format: format, Bytes: buf.Len()}
	if format == "png" {
		out.PNGBase64 = base64.StdEncoding.EncodeToString(buf.Bytes())
	} else {
		out.SVG = buf.String()
	}
	return out, nil
}

// STLParse is stl.parse.
func STLParse(_ context.Context, in STLParseInput) (STLParseOutput, error) {
	given := 0
	for _, ok := range []bool{in.Spec != "", len(in.Prefix) > 0, in.PrefixText != ""} {
		if ok {
			given++
		}
	}
	if given != 1 {
		return STLParseOutput{}, errors.New("give exactly one of spec, prefix and prefix_text")
	}
	if in.Horizon < 0 || math.IsNaN(in.Horizon) || math.IsInf(in.Horizon, 0) {
		return STLParseOutput{}, fmt.Errorf("horizon: want a non-negative number, got %g", in.Horizon)
	}
	var f *stl.Formula
	var err error
	switch {
	case in.Spec != "":
		f, err = stl.Parse(in.Spec)
	default:
		toks := in.Prefix
		if in.PrefixText != "" {
			if toks, err = stl.ParsePrefixList(in.PrefixText); err != nil {
				return STLParseOutput{}, err
			}
		}
		f, err = stl.ParsePrefix(toks, stl.PrefixOptions{Horizon: in.Horizon})
	}
	if err != nil {
		return STLParseOutput{}, err
	}
	return STLParseOutputFrom(f)
}

// STLParseOutputFrom describes a parsed formula.
func STLParseOutputFrom(f *stl.Formula) (STLParseOutput, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return STLParseOutput{}, err
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return STLParseOutput{}, err
	}
	out := STLParseOutput{Formula: f.String(), Tree: tree, Size: f.Size(), Bounded: true, Atoms: []STLAtom{}}
	for _, a := range f.Atoms() {
		out.Atoms = append(out.Atoms, STLAtom{Robot: a.Robot, Region: a.Region})
	}
	f.Walk(func(n *stl.Formula) bool {
		if n.Op.Temporal() && n.Bounds == nil {
			out.Bounded = false
		}
		return true
	})
	if out.Bounded {
		s := f.Span(0)
		out.Span = &s
	}
	return out, nil
}
