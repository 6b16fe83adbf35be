package stl

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
)

// scene builds a PathSignal over named boxes [xmin, xmax, ymin, ymax];
// robots are r0, r1, ...
func scene(boxes map[string][4]float64, paths ...Path) *PathSignal {
	polys := map[string]geom.Polygon{}
	for name, b := range boxes {
		polys[name] = geom.Box{XMin: b[0], XMax: b[1], YMin: b[2], YMax: b[3]}.Polygon()
	}
	var names []string
	for i := range paths {
		names = append(names, fmt.Sprintf("r%d", i))
	}
	return &PathSignal{Names: names, Paths: paths, Resolve: func(a Atom) (Binding, error) {
		p, ok := polys[a.Region]
		if !ok {
			return Binding{}, fmt.Errorf("unknown region %q", a.Region)
		}
		b := Binding{Polygons: []geom.Polygon{p}}
		for i, n := range names {
			if a.Robot == "" || a.Robot == n {
				b.Paths = append(b.Paths, i)
			}
		}
		return b, nil
	}}
}

type evalCase struct {
	name    string
	spec    string
	horizon float64
	sat     bool
	rob     float64 // expected robustness (NaN: not checked)
	failAt  float64 // expected failure time (NaN: not checked)
	failSub string  // expected failing sub-formula (empty: not checked)
	reason  string  // substring of the failure reason
}

func runCases(t *testing.T, sig Signal, cases []evalCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(c.spec)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(context.Background(), f, sig, Options{Horizon: c.horizon})
			if err != nil {
				t.Fatal(err)
			}
			if res.Satisfied != c.sat {
				t.Fatalf("%s: satisfied = %v, want %v (failure %+v)", c.spec, res.Satisfied, c.sat, res.Failure)
			}
			if !math.IsNaN(c.rob) && (res.Robustness > c.rob+1e-8 || res.RobustnessUpper < c.rob-1e-8) {
				t.Fatalf("%s: robustness [%g, %g], want %g", c.spec, res.Robustness, res.RobustnessUpper, c.rob)
			}
			if c.sat {
				if res.Failure != nil {
					t.Fatalf("failure on a satisfied formula: %+v", res.Failure)
				}
				return
			}
			if res.Failure == nil {
				t.Fatal("no failure for a violated formula")
			}
			if !math.IsNaN(c.failAt) && math.Abs(res.Failure.Time-c.failAt) > 1e-9 {
				t.Fatalf("%s: fails at %g, want %g (%s)", c.spec, res.Failure.Time, c.failAt, res.Failure.Reason)
			}
			if c.failSub != "" && res.Failure.Formula.String() != c.failSub {
				t.Fatalf("%s: failing sub-formula %s, want %s (%s)", c.spec, res.Failure.Formula, c.failSub, res.Failure.Reason)
			}
			if !strings.Contains(res.Failure.Reason, c.reason) {
				t.Fatalf("%s: reason %q does not mention %q", c.spec, res.Failure.Reason, c.reason)
			}
		})
	}
}

var nan = math.NaN()

// A straight segment between two waypoints outside a box clips its
// corner: sampling the waypoints alone misses it, the exact check does not.
func TestCornerClip(t *testing.T) {
	// (1.5, 3) → (3, 4.5) over t ∈ [0, 3] crosses the corner of [2,4]×[2,4]
	// for s ∈ [1/3, 2/3], i.e. t ∈ [1, 2]; the deepest point (s = 1/2) is
	// 0.25 inside.
	path := Path{{1.5, 3, 0}, {3, 4.5, 3}}
	sig := scene(map[string][4]float64{"block": {2, 4, 2, 4}}, path)
	for _, w := range path {
		if geom.Pt(w.X, w.Y).X >= 2 && w.Y <= 4 {
			t.Fatal("a waypoint is inside the block")
		}
	}
	runCases(t, sig, []evalCase{
		{"avoid", "G !block", 3, false, -0.25, 1, "!block", "r0 at (2, 3.5) is on the edge of block"},
		{"avoid-before", "G[0,0.99] !block", 3, true, 0.005, nan, "", ""},
		{"touches", "F block", 3, true, 0.25, nan, "", ""},
	})
	hs, _ := Holds(context.Background(), MustParse("block"), sig, Options{})
	if got := hs.String(); got != "[1, 2]" {
		t.Fatalf("inside times %s, want [1, 2]", got)
	}
}

// Until with a door and a key: the door may be entered only after the key.
func TestUntilDoorKey(t *testing.T) {
	boxes := map[string][4]float64{"key": {0, 1, 2, 3}, "door": {3, 4, 0, 1}, "goal": {6, 7, 0, 1}}
	keyFirst := Path{{0.5, 0.5, 0}, {0.5, 2.5, 2}, {3.5, 0.5, 5}, {6.5, 0.5, 8}}
	doorFirst := Path{{0.5, 0.5, 0}, {3.5, 0.5, 3}, {0.5, 2.5, 6}, {6.5, 0.5, 12}}
	spec := "(!door U key) & F goal"
	runCases(t, scene(boxes, keyFirst), []evalCase{
		{"key-first", spec, 20, true, nan, nan, "", ""},
	})
	// doorFirst enters the door box at x = 3, i.e. t = 2.5, before the key
	// (reached at t = 3 + (0.5/3)·3·... ).
	runCases(t, scene(boxes, doorFirst), []evalCase{
		{"door-first", spec, 20, false, nan, 2.5, "!door", "r0 at (3, 0.5) is on the edge of door"},
	})
	res, err := Check(context.Background(), MustParse(spec), scene(boxes, doorFirst), Options{Horizon: 20})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Failure.Reason, "before key holds") || res.Failure.Requirement.String() != "!door U key" {
		t.Fatalf("failure %+v", res.Failure)
	}
}

// Nested F/G with bounds and staying for a duration.
func TestNestedAndStay(t *testing.T) {
	boxes := map[string][4]float64{"goal": {4, 6, 0, 2}}
	// Enter the goal at t = 3 (x = 4), stay in it until t = 3 + d, leave.
	stay := func(d float64) Path {
		return Path{{0, 1, 0}, {4, 1, 3}, {5, 1, 3 + d/2}, {6, 1, 3 + d}, {8, 1, 4 + d}}
	}
	cases := []struct {
		d    float64
		spec string
		sat  bool
	}{
		{1.5, "F[0,5] G[0,2] goal", false}, // stays only 1.5
		{2.5, "F[0,5] G[0,2] goal", true},  // G[0,2] holds for t ∈ [3, 3.5]
		{2, "F[0,5] G[0,2] goal", true},    // exactly two: holds at the single instant t = 3
		{2, "F[0,2.999] G[0,2] goal", false},
		{4.9, "F G[0,5] goal", false}, // stay-for-duration: 4.9 < 5
		{5, "F G[0,5] goal", true},
		{5.1, "F G[0,5] goal", true},
		{5.1, "G[3.2,7] F[0,1] goal", true}, // from 3.2 to 7, the goal is reached within 1
		{5.1, "G[3.2,9] F[0,1] goal", false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/stay%g", c.spec, c.d), func(t *testing.T) {
			ok, err := Satisfied(context.Background(), MustParse(c.spec), scene(boxes, stay(c.d)), Options{Horizon: 20})
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.sat {
				t.Fatalf("got %v, want %v", ok, c.sat)
			}
		})
	}
	// The failure of a too-short stay is located at the exit.
	res, err := Check(context.Background(), MustParse("G[3,8] goal"), scene(boxes, stay(4.9)), Options{Horizon: 20})
	if err != nil {
		t.Fatal(err)
	}
	if res.Satisfied || math.Abs(res.Failure.Time-7.9) > 1e-9 || res.Failure.Formula.String() != "goal" {
		t.Fatalf("failure %+v", res.Failure)
	}
}

// Implication with a deadline: after the key, the goal within 3.
func TestImplicationDeadline(t *testing.T) {
	boxes := map[string][4]float64{"key": {0, 1, 0, 1}, "goal": {9, 10, 0, 1}}
	// In the key during t ∈ [0, 0.5]; reaches the goal (x = 9) at t = 0.5 + 8.5/v.
	reach := func(arrive float64) Path {
		return Path{{0.5, 0.5, 0}, {1, 0.5, 0.5}, {9, 0.5, arrive}, {9.5, 0.5, arrive + 0.5}}
	}
	spec := "G(key -> F[0,3] goal)"
	runCases(t, scene(boxes, reach(2.9)), []evalCase{
		{"in-time", spec, 20, true, nan, nan, "", ""},
	})
	runCases(t, scene(boxes, reach(3.1)), []evalCase{
		// At t = 0 (in the key) the goal is 3.1 away.
		{"late", spec, 20, false, nan, 0, "F[0,3] goal", "goal never holds in [0, 3], but key -> F[0,3] goal requires it"},
	})
	// Only the key instants count: a late goal after leaving the key early
	// is fine when the deadline is counted from each instant in the key.
	hs, err := Holds(context.Background(), MustParse("key -> F[0,3] goal"), scene(boxes, reach(3.1)), Options{Horizon: 20})
	if err != nil {
		t.Fatal(err)
	}
	if got := hs.String(); got != "[0.1, ∞)" {
		t.Fatalf("implication holds on %s, want [0.1, ∞)", got)
	}
}

// Several robots: a bare atom means "some robot", robot.region one robot.
func TestMultiRobotAtoms(t *testing.T) {
	boxes := map[string][4]float64{"g": {4, 5, 4, 5}}
	r0 := Path{{0, 0, 0}, {4.5, 4.5, 1}}
	r1 := Path{{9, 9, 0}, {9, 8, 1}}
	sig := scene(boxes, r0, r1)
	runCases(t, sig, []evalCase{
		{"some", "F G g", 5, true, 0.5, nan, "", ""},
		{"r0", "F r0.g", 5, true, 0.5, nan, "", ""},
		{"r1", "F r1.g", 5, false, -math.Hypot(4, 3), 0, "F r1.g", "r1.g never holds"},
		{"none", "G !g", 5, false, -0.5, 8.0 / 9, "!g", "nearest: r0 at (4, 4)"},
	})
}

func TestCheckErrors(t *testing.T) {
	sig := scene(map[string][4]float64{"a": {0, 1, 0, 1}}, Path{{0, 0, 0}})
	ctx := context.Background()
	if _, err := Check(ctx, MustParse("F nowhere"), sig, Options{}); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Fatalf("unknown region: %v", err)
	}
	if _, err := Check(ctx, nil, sig, Options{}); err == nil {
		t.Fatal("nil formula accepted")
	}
	if _, err := Check(ctx, MustParse("a"), sig, Options{Horizon: -1}); err == nil {
		t.Fatal("negative horizon accepted")
	}
	bad := &Formula{Op: OpAnd, Args: []*Formula{Prop("", "a")}}
	if _, err := Check(ctx, bad, sig, Options{}); err == nil {
		t.Fatal("one-argument And accepted")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	big := MustParse(strings.Repeat("F a & ", 200) + "a")
	if _, err := Check(cctx, big, sig, Options{}); err == nil {
		t.Fatal("cancelled context ignored")
	}
	// Constants: robustness is infinite.
	res, err := Check(ctx, MustParse("true | a"), sig, Options{})
	if err != nil || !res.Satisfied || !math.IsInf(res.Robustness, 1) {
		t.Fatalf("true | a: %+v %v", res, err)
	}
	res, err = Check(ctx, MustParse("false & a"), sig, Options{})
	if err != nil || res.Satisfied || !math.IsInf(res.Robustness, -1) || res.Failure == nil {
		t.Fatalf("false & a: %+v %v", res, err)
	}
}

func TestPathValidate(t *testing.T) {
	for _, c := range []struct {
		p    Path
		want string
	}{
		{nil, "no waypoints"},
		{Path{{0, 0, 1}}, "want 0"},
		{Path{{0, 0, 0}, {1, 1, 0}}, "not after"},
		{Path{{0, 0, 0}, {math.NaN(), 1, 1}}, "finite"},
	} {
		if err := c.p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.p, err, c.want)
		}
	}
	p := Path{{0, 0, 0}, {2, 0, 2}, {2, 2, 4}}
	for _, c := range []struct{ t, x, y float64 }{{-1, 0, 0}, {1, 1, 0}, {3, 2, 1}, {9, 2, 2}} {
		if q := p.At(c.t); q.X != c.x || q.Y != c.y {
			t.Errorf("At(%g) = %v", c.t, q)
		}
	}
}
