package robot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// randomInstance is a random environment and a spec built around a
// witness: a trajectory that visits the spec's regions along straight
// lines, keeps clear of the obstacles and the avoided regions, and meets
// deadlines read off its own timing with slack. The checker accepts the
// witness, so the instance has a plan and Plan must find one.
type randomInstance struct {
	env     *Env
	spec    *stl.Formula
	witness *Trajectory
}

func randomBox(rng *rand.Rand, size float64) geom.Box {
	w, h := 0.4+rng.Float64()*size, 0.4+rng.Float64()*size
	x, y := rng.Float64()*(10-w), rng.Float64()*(10-h)
	return geom.Box{XMin: x, XMax: x + w, YMin: y, YMax: y + h}
}

func boxCentre(b geom.Box) geom.Point { return geom.Pt((b.XMin+b.XMax)/2, (b.YMin+b.YMax)/2) }

// newRandomInstance draws instances until one has a witness; robots > 1
// gives any-robot goals that the first robot's witness does alone while
// the others stay at their starts.
func newRandomInstance(rng *rand.Rand, robots int) randomInstance {
	for {
		if inst, ok := tryRandomInstance(rng, robots); ok {
			return inst
		}
	}
}

func tryRandomInstance(rng *rand.Rand, robots int) (randomInstance, bool) {
	const radius, speed = 0.1, 2.0
	env := &Env{Name: "random", Bounds: geom.Box{XMin: 0, XMax: 10, YMin: 0, YMax: 10}, Horizon: 200}
	nObs, nReg := rng.IntN(4), 3+rng.IntN(6)
	var obstacles []geom.Box
	for i := range nObs {
		b := randomBox(rng, 2)
		obstacles = append(obstacles, b)
		env.Regions = append(env.Regions, Region{Name: fmt.Sprintf("block%d", i+1), Kind: "obstacle", Shape: geom.BoxShape("", b)})
	}
	var regions []geom.Box
	for i := range nReg {
		b := randomBox(rng, 1.5)
		c := boxCentre(b)
		for _, o := range obstacles {
			if o.Polygon().Distance(c) < radius+0.2 {
				return randomInstance{}, false
			}
		}
		regions = append(regions, b)
		env.Regions = append(env.Regions, Region{Name: fmt.Sprintf("room%d", i+1), Kind: "room", Shape: geom.BoxShape("", b)})
	}
	for k := range robots {
		s := geom.Pt(0.5+9*rng.Float64(), 0.5+9*rng.Float64())
		env.Robots = append(env.Robots, Robot{Name: fmt.Sprintf("r%d", k+1), Start: s, MaxSpeed: speed, Radius: radius})
	}
	if env.Validate() != nil {
		return randomInstance{}, false
	}
	// The witness visits a random subset of the rooms in a random order.
	perm := rng.Perm(nReg)
	visit := perm[:1+rng.IntN(min(nReg-1, 4))]
	rest := perm[len(visit):]
	pts := []geom.Point{env.Robots[0].Start}
	for _, i := range visit {
		pts = append(pts, boxCentre(regions[i]))
	}
	const wspeed = speed / 2
	path := stl.Path{{X: pts[0].X, Y: pts[0].Y, T: 0}}
	var arrive []float64
	for i := 1; i < len(pts); i++ {
		for _, o := range obstacles {
			if o.Polygon().SegmentDistance(pts[i-1], pts[i]) < radius+0.1 {
				return randomInstance{}, false
			}
		}
		for k := 1; k < robots; k++ {
			if geom.PointSegmentDist(env.Robots[k].Start, pts[i-1], pts[i]) < 2*radius+0.2 {
				return randomInstance{}, false
			}
		}
		t := path[len(path)-1].T + pts[i].Dist(pts[i-1])/wspeed + 0.01
		path = append(path, stl.Waypoint{X: pts[i].X, Y: pts[i].Y, T: t})
		arrive = append(arrive, t)
	}
	// Avoid the unvisited rooms the witness keeps away from.
	var avoid []string
	for _, i := range rest {
		poly := regions[i].Polygon()
		far := true
		for j := 1; j < len(path); j++ {
			if poly.SegmentDistance(path[j-1].Point(), path[j].Point()) < 0.1 || poly.Distance(path[0].Point()) < 0.1 {
				far = false
			}
		}
		if far && rng.IntN(2) == 0 {
			avoid = append(avoid, fmt.Sprintf("!room%d", i+1))
		}
	}
	name := func(i int) string {
		if robots > 1 && rng.IntN(2) == 0 {
			return fmt.Sprintf("r1.room%d", i+1)
		}
		return fmt.Sprintf("room%d", i+1)
	}
	var parts []string
	bound := func(t float64) string {
		if rng.IntN(2) == 0 {
			return ""
		}
		return fmt.Sprintf("[0,%.3f]", t*1.05+0.1)
	}
	if rng.IntN(2) == 0 {
		// One nested sequence with relative deadlines.
		var b strings.Builder
		prev := 0.0
		for n, i := range visit {
			if n > 0 {
				b.WriteString(" & ")
			}
			fmt.Fprintf(&b, "F%s(%s", bound(arrive[n]-prev), name(i))
			prev = arrive[n]
		}
		b.WriteString(strings.Repeat(")", len(visit)))
		parts = append(parts, b.String())
	} else {
		// Independent reach goals with absolute deadlines.
		for n, i := range visit {
			parts = append(parts, fmt.Sprintf("F%s %s", bound(arrive[n]), name(i)))
		}
	}
	if len(avoid) > 0 {
		parts = append(parts, "G("+strings.Join(avoid, " & ")+")")
	}
	f, err := stl.Parse(strings.Join(parts, " & "))
	if err != nil {
		panic(err)
	}
	w := &Trajectory{}
	for k, r := range env.Robots {
		p := stl.Path{{X: r.Start.X, Y: r.Start.Y, T: 0}, {X: r.Start.X, Y: r.Start.Y, T: 0.01}}
		if k == 0 {
			p = path
		}
		w.Robots = append(w.Robots, RobotPath{Name: r.Name, Path: p})
	}
	chk, err := Check(context.Background(), env, f, w)
	if err != nil || !chk.Satisfied || !(chk.Robustness > 0) {
		return randomInstance{}, false
	}
	return randomInstance{env: env, spec: f, witness: w}, true
}

// newRandomCrossing draws robots that each must reach and stay in their
// own room (F G rk.roomk), around random obstacles. The witness moves the
// robots one after another along straight lines that keep clear of the
// parked and the waiting robots, so the instance has a plan.
func newRandomCrossing(rng *rand.Rand, robots int) randomInstance {
	for {
		if inst, ok := tryRandomCrossing(rng, robots); ok {
			return inst
		}
	}
}

func tryRandomCrossing(rng *rand.Rand, robots int) (randomInstance, bool) {
	const radius, speed, clear = 0.2, 2.0, 0.47
	env := &Env{Name: "crossing", Bounds: geom.Box{XMin: 0, XMax: 10, YMin: 0, YMax: 10}, Horizon: 100}
	var obstacles []geom.Box
	for i := range rng.IntN(4) {
		b := randomBox(rng, 2)
		obstacles = append(obstacles, b)
		env.Regions = append(env.Regions, Region{Name: fmt.Sprintf("block%d", i+1), Kind: "obstacle", Shape: geom.BoxShape("", b)})
	}
	var goals []geom.Point
	var parts []string
	for k := range robots {
		b := randomBox(rng, 1)
		goals = append(goals, boxCentre(b))
		env.Regions = append(env.Regions, Region{Name: fmt.Sprintf("room%d", k+1), Kind: "room", Shape: geom.BoxShape("", b)})
		s := geom.Pt(0.5+9*rng.Float64(), 0.5+9*rng.Float64())
		env.Robots = append(env.Robots, Robot{Name: fmt.Sprintf("r%d", k+1), Start: s, MaxSpeed: speed, Radius: radius})
		parts = append(parts, fmt.Sprintf("F G r%d.room%d", k+1, k+1))
	}
	if env.Validate() != nil {
		return randomInstance{}, false
	}
	w := &Trajectory{}
	t := 0.0
	for k, r := range env.Robots {
		a, b := r.Start, goals[k]
		for _, o := range obstacles {
			if o.Polygon().SegmentDistance(a, b) < radius+0.1 {
				return randomInstance{}, false
			}
		}
		for j := range env.Robots {
			if j == k {
				continue
			}
			other := env.Robots[j].Start
			if j < k {
				other = goals[j]
			}
			if geom.PointSegmentDist(other, a, b) < clear || goals[k].Dist(other) < clear {
				return randomInstance{}, false
			}
		}
		t0 := t
		t += a.Dist(b)/speed*2 + 0.01
		p := stl.Path{{X: a.X, Y: a.Y, T: 0}}
		if t0 > 0 {
			p = append(p, stl.Waypoint{X: a.X, Y: a.Y, T: t0})
		}
		p = append(p, stl.Waypoint{X: b.X, Y: b.Y, T: t})
		w.Robots = append(w.Robots, RobotPath{Name: r.Name, Path: p})
	}
	f := stl.MustParse(strings.Join(parts, " & "))
	chk, err := Check(context.Background(), env, f, w)
	if err != nil || !chk.Satisfied || !(chk.Robustness > 0) {
		return randomInstance{}, false
	}
	return randomInstance{env: env, spec: f, witness: w}, true
}

// TestPlanRandomCrossings plans seeded random instances of 2-5 robots
// with their own goals and a known plan: Plan must find a plan that keeps
// the robots apart.
func TestPlanRandomCrossings(t *testing.T) {
	n := 40
	if raceEnabled {
		n = 8
	}
	for _, robots := range []int{2, 3, 4, 5} {
		rng := rand.New(rand.NewPCG(uint64(robots), 77))
		for i := range n {
			inst := newRandomCrossing(rng, robots)
			t.Run(fmt.Sprintf("robots%d/%d", robots, i), func(t *testing.T) {
				res, err := Plan(context.Background(), inst.env, inst.spec, PlanOptions{})
				if err != nil {
					t.Fatalf("%s: %v (a witness plan exists)", inst.spec, err)
				}
				chk, err := Check(context.Background(), inst.env, inst.spec, res.Trajectory)
				if err != nil || !chk.Satisfied || !(chk.Robustness > 0) || chk.MinSeparation < DefaultSeparation-1e-6 {
					t.Fatalf("%s: checker rejects the plan: %v %s (separation %g)", inst.spec, err, describeCheck(chk), chk.MinSeparation)
				}
			})
		}
	}
}

// TestPlanRandomKnownPlan plans seeded random instances that are known to
// have a plan: Plan must find one, and the checker must accept it.
func TestPlanRandomKnownPlan(t *testing.T) {
	n := 60
	if raceEnabled {
		n = 12
	}
	for _, robots := range []int{1, 2, 3} {
		rng := rand.New(rand.NewPCG(uint64(robots), 2026))
		for i := range n {
			inst := newRandomInstance(rng, robots)
			t.Run(fmt.Sprintf("robots%d/%d", robots, i), func(t *testing.T) {
				res, err := Plan(context.Background(), inst.env, inst.spec, PlanOptions{})
				if err != nil {
					t.Fatalf("%s: %v (a witness plan exists)", inst.spec, err)
				}
				chk, err := Check(context.Background(), inst.env, inst.spec, res.Trajectory)
				if err != nil || !chk.Satisfied || !(chk.Robustness > 0) {
					t.Fatalf("%s: checker rejects the plan: %v %s", inst.spec, err, describeCheck(chk))
				}
				if robots > 1 && chk.MinSeparation < DefaultSeparation-1e-6 {
					t.Fatalf("%s: robots %g apart", inst.spec, chk.MinSeparation)
				}
			})
		}
	}
}

// TestPlanRandomAnyAnswer plans random specs without a witness: every
// returned plan must verify and every refusal must be ErrNoPlan.
func TestPlanRandomAnyAnswer(t *testing.T) {
	n := 60
	if raceEnabled {
		n = 12
	}
	rng := rand.New(rand.NewPCG(5, 9))
	planned, rejected := 0, 0
	for i := range n {
		inst := newRandomInstance(rng, 1+rng.IntN(2))
		// Tighten every deadline to a random fraction: some become
		// impossible.
		g := inst.spec.Clone()
		g.Walk(func(f *stl.Formula) bool {
			if f.Op == stl.OpEventually && f.Bounds != nil {
				f.Bounds = stl.Within(0, f.Bounds.Hi*rng.Float64()*0.6)
			}
			return true
		})
		// Half of them also get a response between two rooms, with a
		// limit read off the witness, or a return requirement.
		if rooms := roomsOf(g); len(rooms) >= 2 && rng.IntN(2) == 0 {
			a, b := strings.TrimPrefix(rooms[0], "r1."), strings.TrimPrefix(rooms[1], "r1.")
			d := 0.5 + 6*rng.Float64()
			if rng.IntN(3) == 0 {
				if len(inst.env.Robots) > 1 {
					a = "r1." + a
				}
				g = stl.And(g, stl.MustParse(fmt.Sprintf("G(!%s -> F[0,%.3f] %s)", a, d+4, a)))
			} else {
				g = stl.And(g, stl.MustParse(fmt.Sprintf("G(%s -> F[0,%.3f] %s)", a, d, b)))
			}
		}
		res, err := Plan(context.Background(), inst.env, g, PlanOptions{})
		if err != nil {
			if !errors.Is(err, ErrNoPlan) {
				t.Fatalf("%d: %s: %v", i, g, err)
			}
			if strings.Contains(err.Error(), "checker rejected") {
				rejected++
				t.Logf("%d: %s: %v", i, g, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%d: multi-line error %q", i, err)
			}
			continue
		}
		planned++
		chk, err := Check(context.Background(), inst.env, g, res.Trajectory)
		if err != nil || !chk.Satisfied || !(chk.Robustness > 0) {
			t.Fatalf("%d: %s: checker rejects the plan: %v %s", i, g, err, describeCheck(chk))
		}
	}
	t.Logf("%d of %d tightened tasks planned and verified; %d candidate plans rejected by the checker", planned, n, rejected)
	if planned == 0 {
		t.Fatal("nothing planned")
	}
}

// roomsOf lists the visited places of a spec (atoms under F), in order.
func roomsOf(f *stl.Formula) []string {
	var out []string
	f.Walk(func(n *stl.Formula) bool {
		if n.Op == stl.OpEventually {
			for _, a := range conjuncts(n.Args[0]) {
				if a.Op == stl.OpAtom && !slices.Contains(out, a.Atom.String()) {
					out = append(out, a.Atom.String())
				}
			}
		}
		return true
	})
	return out
}
