package robot

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// pth builds a path from x, y, t triples.
func pth(v ...float64) stl.Path {
	var p stl.Path
	for i := 0; i+2 < len(v); i += 3 {
		p = append(p, stl.Waypoint{X: v[i], Y: v[i+1], T: v[i+2]})
	}
	return p
}

func loadTraj(t testing.TB, file string) *Trajectory {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(data, file))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := ParseTrajectory(raw)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func loadSpec(t testing.TB, name string) *stl.Formula {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(data, "specs", name+".stl"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := stl.Parse(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Every spec of testdata/robot/specs names only regions and robots of its
// environment.
func TestSpecsResolve(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(data, "specs", "*.stl"))
	if len(files) != 36 {
		t.Fatalf("%d spec files", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".stl")
		env := strings.SplitN(name, "_", 2)[0]
		if env == "houseworld2" {
			env = "houseworld"
		}
		if err := loadEnv(t, env).CheckFormula(loadSpec(t, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// AutoTAMP's own multi-agent plans satisfy the tasks.md specs with
// robustness 0.11, which is the inside margin its planner encodes
// (0.1 + EPS 0.01). The Overcooked plan breaks separation once the first
// cook rests in the cooking room where the second one arrives: AutoTAMP
// does not constrain a robot after its last waypoint, plankit keeps it
// there.
func TestAutoTAMPPlans(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		env, traj, spec string
		robots          int
		sat             bool
		kinds           []string
	}{
		{"wall", "examples/wall.json", "wall", 4, true, nil},
		{"rover", "examples/rover.json", "rover", 3, true, nil},
		{"overcooked", "examples/cook.json", "overcooked", 2, false, []string{KindSeparation}},
	} {
		t.Run(c.env, func(t *testing.T) {
			tr := loadTraj(t, c.traj)
			tr.Robots = tr.Robots[:c.robots]
			res, err := Check(ctx, loadEnv(t, c.env), loadSpec(t, c.spec), tr)
			if err != nil {
				t.Fatal(err)
			}
			if !res.SpecHolds || math.Abs(res.Robustness-0.11) > 1e-6 {
				t.Fatalf("spec holds %v, robustness [%g, %g], failure %+v", res.SpecHolds, res.Robustness, res.RobustnessUpper, res.Failure)
			}
			var kinds []string
			for _, v := range res.Violations {
				kinds = append(kinds, v.Kind)
			}
			if res.Satisfied != c.sat || strings.Join(kinds, ",") != strings.Join(c.kinds, ",") {
				t.Fatalf("satisfied %v, violations %+v", res.Satisfied, res.Violations)
			}
		})
	}
	// The separation violation is where the cooks meet: r2 reaches r1,
	// which rests at (3.47, 4.21) from t = 1.718.
	tr := loadTraj(t, "examples/cook.json")
	tr.Robots = tr.Robots[:2]
	res, _ := Check(ctx, loadEnv(t, "overcooked"), nil, tr)
	v := res.Violations[0]
	if v.Robot != "r1" || v.Other != "r2" || v.Value != 0 || v.Limit != 0.4 || math.Abs(v.Time-2.174) > 1e-3 {
		t.Fatalf("violation %+v", v)
	}
}

// A HouseWorld plan through the master bedroom and the restroom to the
// goal, checked against the task specs.
func TestHouseWorldPlan(t *testing.T) {
	env := loadEnv(t, "houseworld")
	tr := &Trajectory{Robots: []RobotPath{{"r1", pth(1.3, -1.3, 0, 1.3, 1.1, 1, -0.8, 1.1, 2, 0, 1.3, 3)}}}
	ctx := context.Background()
	for _, c := range []struct {
		spec   string
		sat    bool
		failAt float64
		sub    string
	}{
		{"houseworld_sent1", true, 0, ""},
		{"houseworld_sent3", true, 0, ""},
		{"houseworld_sent5", false, 0, "F dining_room"},
		{"houseworld_sent2", false, 0, ""},
	} {
		res, err := Check(ctx, env, loadSpec(t, c.spec), tr)
		if err != nil {
			t.Fatal(err)
		}
		if res.Satisfied != c.sat || len(res.Violations) != 0 {
			t.Fatalf("%s: satisfied %v, violations %v, failure %+v", c.spec, res.Satisfied, res.Violations, res.Failure)
		}
		if c.sub != "" && (res.Failure.Formula.String() != c.sub || res.Failure.Time != c.failAt) {
			t.Fatalf("%s: failure %+v", c.spec, res.Failure)
		}
		if c.sat != (res.Robustness > 0) {
			t.Fatalf("%s: robustness %g", c.spec, res.Robustness)
		}
	}
	// Avoiding the living room is also violated once the plan crosses it.
	bad := &Trajectory{Robots: []RobotPath{{"r1", pth(1.3, -1.3, 0, 1.3, 1.1, 1, -0.8, 1.1, 2, 0, -0.6, 3, 0, 1.3, 4)}}}
	res, err := Check(ctx, env, loadSpec(t, "houseworld_sent3"), bad)
	if err != nil {
		t.Fatal(err)
	}
	if res.Satisfied || res.Failure.Formula.String() != "!living_room" || !strings.Contains(res.Failure.Reason, "r1 at") {
		t.Fatalf("%+v", res.Failure)
	}
}

// A straight segment between two waypoints clear of a wall clips the
// wall's corner: the clearance check (robot radius) and the spec catch it.
func TestCornerClipWall(t *testing.T) {
	env, err := ParseEnv([]byte(`{"bounds": [0, 6, 0, 6], "horizon": 10,
	  "robots": [{"name": "r1", "start": [1.5, 3], "radius": 0.1, "max_speed": 2}],
	  "regions": [{"name": "pillar", "kind": "obstacle", "box": [2, 4, 2, 4]}, {"name": "goal", "kind": "goal", "box": [4.5, 5.5, 4.5, 5.5]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trajectory{Robots: []RobotPath{{"r1", pth(1.5, 3, 0, 3, 4.5, 3, 5, 5, 5)}}}
	res, err := Check(context.Background(), env, stl.MustParse("F goal & G !pillar"), tr)
	if err != nil {
		t.Fatal(err)
	}
	if res.Satisfied || res.SpecHolds || len(res.Violations) != 1 {
		t.Fatalf("%+v", res)
	}
	v := res.Violations[0]
	// The disc (radius 0.1) first touches the pillar when the centre is 0.1
	// from the corner region: x − 2 = −0.1 along x = 1.5 + 0.5t.
	if v.Kind != KindClearance || v.Other != "pillar" || v.Value != 0 || math.Abs(v.Time-0.8) > 1e-9 {
		t.Fatalf("violation %+v", v)
	}
	if res.Failure.Formula.String() != "!pillar" || res.Failure.Time != 1 || math.Abs(res.Robustness+0.25) > 1e-8 {
		t.Fatalf("failure %+v, robustness %g", res.Failure, res.Robustness)
	}
}

func TestPhysicalViolations(t *testing.T) {
	env, err := ParseEnv([]byte(`{"bounds": [0, 10, 0, 10], "horizon": 5,
	  "robots": [{"name": "a", "start": [1, 1], "goal": [9, 9], "radius": 0.3, "max_speed": 1},
	             {"name": "b", "start": [9, 1], "radius": 0.3}],
	  "regions": [{"name": "w", "kind": "wall", "box": [4, 6, 4, 6]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trajectory{Robots: []RobotPath{
		{"a", pth(1.1, 1, 0, 5, 1, 2, 11, 1, 8)},
		{"b", pth(9, 1, 0, 5, 1, 2)},
	}}
	res, err := Check(context.Background(), env, nil, tr)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Violation{}
	for _, v := range res.Violations {
		got[v.Kind] = v
	}
	for kind, time := range map[string]float64{KindStart: 0, KindGoal: 8, KindBounds: 8, KindHorizon: 8, KindSpeed: 0, KindSeparation: 7.3 / 3.95} {
		v, ok := got[kind]
		if !ok {
			t.Errorf("no %s violation in %+v", kind, res.Violations)
			continue
		}
		if math.Abs(v.Time-time) > 1e-9 {
			t.Errorf("%s at %g, want %g: %s", kind, v.Time, time, v.Message)
		}
	}
	if len(res.Violations) != 6 || res.Satisfied || !res.SpecHolds {
		t.Fatalf("%+v", res)
	}
	if res.Robots[0].MaxSpeed != 1.95 || res.Robots[0].Length != 3.9+6 {
		t.Fatalf("stats %+v", res.Robots[0])
	}
}

func TestCheckErrors(t *testing.T) {
	env := loadEnv(t, "wall")
	ctx := context.Background()
	good := loadTraj(t, "examples/wall.json")
	for _, c := range []struct {
		tr   *Trajectory
		spec string
		want string
	}{
		{&Trajectory{Robots: append(good.Robots[:4:4], RobotPath{Name: "r9", Path: pth(1, 1, 0)})}, "", `robot: invalid trajectory: robot "r9" is not in the environment`},
		{&Trajectory{Robots: good.Robots[:3]}, "", `robot: invalid trajectory: no path for robot "r4"`},
		{good, "F goal9", `robot: spec at column 3: unknown region "goal9" (did you mean "goal1"?)`},
		{&Trajectory{}, "", "robot: invalid trajectory: no robots"},
	} {
		var f *stl.Formula
		if c.spec != "" {
			f = stl.MustParse(c.spec)
		}
		_, err := Check(ctx, env, f, c.tr)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v, want %q", err, c.want)
		}
	}
	// An environment without robots takes the trajectory's, unconstrained.
	free, err := ParseEnv([]byte(`{"bounds": [0, 3, 0, 3], "regions": [{"name": "g", "box": [0, 1, 0, 1]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(ctx, free, stl.MustParse("F g & F zed.g"), &Trajectory{Robots: []RobotPath{{"zed", pth(2, 2, 0, 0.5, 0.5, 1)}}})
	if err == nil {
		t.Fatalf("unknown robot zed accepted: %+v", res)
	}
	res, err = Check(ctx, free, stl.MustParse("F g"), &Trajectory{Robots: []RobotPath{{"zed", pth(2, 2, 0, 0.5, 0.5, 1)}}})
	if err != nil || !res.Satisfied {
		t.Fatalf("%+v %v", res, err)
	}
}

// Separation and clearance are exact: they match dense sampling of the
// motion (the sampled minimum is never below the exact one and comes
// within the distance covered in one sample step).
func TestSeparationClearanceOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	walls := []geom.Polygon{geom.Box{XMin: 3, XMax: 4, YMin: 0, YMax: 6}.Polygon(), geom.MustPolygon([]geom.Point{geom.Pt(6, 6), geom.Pt(9, 7), geom.Pt(7, 9)})}
	cases := 300
	if raceEnabled {
		cases = 60
	}
	for c := range cases {
		var paths []stl.Path
		vmax := 0.0
		for range 2 {
			p := pth(rng.Float64()*10, rng.Float64()*10, 0)
			for i := 1; i < 2+rng.IntN(4); i++ {
				q := stl.Waypoint{X: rng.Float64() * 10, Y: rng.Float64() * 10, T: p[i-1].T + 0.2 + rng.Float64()*3}
				vmax = math.Max(vmax, q.Point().Dist(p[i-1].Point())/(q.T-p[i-1].T))
				p = append(p, q)
			}
			paths = append(paths, p)
		}
		d, _ := minSeparation(paths[0], paths[1])
		end := math.Max(paths[0].End(), paths[1].End())
		h := end / 20000
		sampled := math.Inf(1)
		clear := math.Inf(1)
		for k := 0; k <= 20000; k++ {
			tk := float64(k) * h
			a, b := paths[0].At(tk), paths[1].At(tk)
			sampled = math.Min(sampled, a.Dist(b))
			for _, w := range walls {
				clear = math.Min(clear, w.Distance(a))
			}
		}
		if d > sampled+1e-9 || sampled-d > 2*vmax*h+1e-9 {
			t.Fatalf("case %d: exact separation %g, sampled %g (step %g, speed %g)", c, d, sampled, h, vmax)
		}
		exact := math.Inf(1)
		for _, w := range walls {
			exact = math.Min(exact, pathDistance(paths[0], w))
		}
		if exact > clear+1e-9 || clear-exact > vmax*h+1e-9 {
			t.Fatalf("case %d: exact clearance %g, sampled %g", c, exact, clear)
		}
		// firstWithin is the first sampled time closer than a threshold.
		need := d + 0.5
		ft := firstWithin(paths[0], paths[1], need)
		for k := 0; k <= 20000; k++ {
			tk := float64(k) * h
			if paths[0].At(tk).Dist(paths[1].At(tk)) < need {
				if ft > tk+1e-9 || tk-ft > h+1e-9 {
					t.Fatalf("case %d: first within %g at %g, sampled %g", c, need, ft, tk)
				}
				break
			}
		}
	}
}

// AutoTAMP's saved GPT-4 translation for Chip env1 imports with room<N>
// mapped to the N-th region of chip1.json.
func TestImportAutoTAMP(t *testing.T) {
	env := loadEnv(t, "chip1")
	raw, err := os.ReadFile(filepath.Join(data, "autotamp", "experiment_result", "chip_gpt4_stl_output.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimPrefix(strings.SplitN(string(raw), "\n", 3)[1], "0. ")
	toks, err := stl.ParsePrefixList(line)
	if err != nil {
		t.Fatal(err)
	}
	f, err := env.ImportAutoTAMP(toks)
	if err != nil {
		t.Fatal(err)
	}
	got := f.String()
	for _, want := range []string{"F(goal1 & goal2)", "!wall1 & !wall2", "!wall9", "(!door1 U key1)", "(!door5 U key5)"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	if _, err := env.ImportAutoTAMP([]string{"finally", "enter(room22)"}); err == nil || !strings.Contains(err.Error(), "room22: the environment has 21 regions") {
		t.Errorf("room22: %v", err)
	}
	if f, err := env.ImportAutoTAMP([]string{"finally [0, infinite]", "enter(key1)"}); err != nil || f.String() != "F[0,50] key1" {
		t.Errorf("infinite: %v %v", f, err)
	}
}

func TestKindAtoms(t *testing.T) {
	env := loadEnv(t, "rover")
	tr := loadTraj(t, "examples/rover.json")
	ctx := context.Background()
	// r3 leaves charging2 and comes back; charging (the kind) covers both.
	// It is away from t ≈ 0.184 to t ≈ 3.314.
	res, err := Check(ctx, env, stl.MustParse("G(!r3.charging -> F[0,3.2] r3.charging)"), tr)
	if err != nil || !res.SpecHolds {
		t.Fatalf("%+v %v", res, err)
	}
	res, err = Check(ctx, env, stl.MustParse("G(!r3.charging -> F[0,3] r3.charging)"), tr)
	if err != nil || res.SpecHolds || !strings.Contains(res.Failure.Reason, "r3.charging never holds") {
		t.Fatalf("%+v %v", res.Failure, err)
	}
}

// A hand-made Chip env1 plan collects every key before its door and
// reaches both goals; the same plan without the detour to key3 crosses
// door3 first.
func TestChipPlans(t *testing.T) {
	env := loadEnv(t, "chip1")
	spec := loadSpec(t, "chip1")
	ctx := context.Background()
	res, err := Check(ctx, env, spec, loadTraj(t, "plans/chip1_plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Satisfied || math.Abs(res.Robustness-0.4) > 1e-6 || res.Robots[0].Clearance <= 0 {
		t.Fatalf("%+v", res)
	}
	res, err = Check(ctx, env, spec, loadTraj(t, "plans/chip1_key3_late.json"))
	if err != nil {
		t.Fatal(err)
	}
	f := res.Failure
	if res.Satisfied || f == nil || f.Formula.String() != "!door3" || f.Requirement.String() != "!door3 U key3" ||
		math.Abs(f.Time-5.80539) > 1e-4 || !strings.Contains(f.Reason, "before key3 holds (first at t=11.57") {
		t.Fatalf("%+v", f)
	}
}
