package robot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// Violation kinds reported by Check besides the spec.
const (
	KindStart      = "start"      // the path does not begin at the robot's start
	KindGoal       = "goal"       // the path does not end at the robot's goal
	KindSpeed      = "speed"      // a segment is faster than max_speed
	KindClearance  = "clearance"  // the robot's disc overlaps a wall or obstacle
	KindSeparation = "separation" // two robots' discs overlap
	KindBounds     = "bounds"     // a waypoint lies outside the workspace bounds
	KindHorizon    = "horizon"    // the path ends after the horizon
)

// Violation is a broken physical constraint.
type Violation struct {
	Kind    string
	Robot   string
	Other   string  // the obstacle region or the other robot, if any
	Time    float64 // when it first happens
	Value   float64 // the measured quantity (speed, distance, time, ...)
	Limit   float64 // the bound it breaks
	Message string  // one line
}

// RobotStats summarises one robot's path.
type RobotStats struct {
	Name     string
	Duration float64 // time of the last waypoint
	Length   float64
	MaxSpeed float64 // fastest segment
	// Clearance is the least distance between the robot's disc and any
	// wall or obstacle (centre distance − radius; +Inf without obstacles).
	Clearance float64
}

// Result is the outcome of Check.
type Result struct {
	// Satisfied is true when the spec holds and nothing is violated.
	Satisfied bool
	// Spec is the checked formula (nil when none was given).
	Spec *stl.Formula
	// SpecHolds is the exact verdict of the spec at time 0 (true without
	// a spec).
	SpecHolds bool
	// Robustness ≤ ρ ≤ RobustnessUpper brackets the spec's space
	// robustness (signed distance to region boundaries; see package stl).
	// ±Inf when the verdict depends on no atom; 0 when skipped or no spec.
	Robustness, RobustnessUpper float64
	// Failure says where and when the spec fails.
	Failure *stl.Failure
	// Violations lists broken physical constraints in a fixed order:
	// start, goal, bounds, horizon, speed, clearance per robot, then
	// separation per pair.
	Violations []Violation
	Robots     []RobotStats
	// MinSeparation is the least distance between two robots' discs over
	// the whole time line (+Inf with fewer than two robots).
	MinSeparation float64
}

// CheckOptions tunes Check.
type CheckOptions struct {
	// SkipRobustness skips the robustness bisection (the verdict and the
	// failure are still exact).
	SkipRobustness bool
	// Tolerance is the width of the robustness bracket (see stl.Options).
	Tolerance float64
	// SpeedTolerance is the relative slack of the speed limit: a segment
	// passes when its speed is at most max_speed·(1 + SpeedTolerance).
	// 0 means DefaultSpeedTolerance.
	SpeedTolerance float64
}

// DefaultSpeedTolerance absorbs waypoints printed with six decimals, as
// AutoTAMP's planner writes them (their speeds exceed the limit by up to
// about 3e-6 relative from rounding alone).
const DefaultSpeedTolerance = 1e-5

// positionTol is how far a path's first or last point may be from the
// robot's start or goal.
const positionTol = 1e-6

// Check verifies a trajectory against an environment and an optional
// spec (f may be nil): the spec's exact satisfaction and robustness, and
// the robots' starts and goals, bounds, horizon, speed limits, clearance
// from walls and obstacles (robot radius) and separation from each other.
func Check(ctx context.Context, env *Env, f *stl.Formula, traj *Trajectory) (Result, error) {
	return CheckWith(ctx, env, f, traj, CheckOptions{})
}

// CheckWith is Check with options.
func CheckWith(ctx context.Context, env *Env, f *stl.Formula, traj *Trajectory, opts CheckOptions) (Result, error) {
	if env == nil {
		return Result{}, errors.New("robot: nil environment")
	}
	if traj == nil {
		return Result{}, errors.New("robot: nil trajectory")
	}
	if err := traj.Validate(); err != nil {
		return Result{}, err
	}
	robots, paths, err := match(env, traj)
	if err != nil {
		return Result{}, err
	}
	res := Result{Spec: f, SpecHolds: true, MinSeparation: math.Inf(1)}
	for i := range robots {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		st, vs := checkRobot(env, &robots[i], paths[i], opts.speedTol())
		res.Robots = append(res.Robots, st)
		res.Violations = append(res.Violations, vs...)
	}
	for i := range robots {
		for j := i + 1; j < len(robots); j++ {
			a, b := &robots[i], &robots[j]
			d, t := minSeparation(paths[i], paths[j])
			need := a.Radius + b.Radius
			res.MinSeparation = math.Min(res.MinSeparation, d-need)
			if need > 0 && d < need-geom.DefaultTol {
				ft := firstWithin(paths[i], paths[j], need)
				if math.IsNaN(ft) {
					ft = t
				}
				res.Violations = append(res.Violations, Violation{
					Kind: KindSeparation, Robot: a.Name, Other: b.Name, Time: ft, Value: d, Limit: need,
					Message: fmt.Sprintf("%s and %s come %s apart at t=%s, less than the sum of their radii %s (first closer than that at t=%s)",
						a.Name, b.Name, num(d), num(t), num(need), num(ft)),
				})
			}
		}
	}
	if f != nil {
		if err := env.CheckFormula(f); err != nil {
			return Result{}, err
		}
		sig, err := newSignal(env, robots, paths, f)
		if err != nil {
			return Result{}, err
		}
		r, err := stl.Check(ctx, f, sig, stl.Options{Horizon: env.Horizon, SkipRobustness: opts.SkipRobustness, Tolerance: opts.Tolerance})
		if err != nil {
			return Result{}, fmt.Errorf("robot: %w", err)
		}
		res.SpecHolds = r.Satisfied
		res.Robustness, res.RobustnessUpper = r.Robustness, r.RobustnessUpper
		res.Failure = r.Failure
	}
	res.Satisfied = res.SpecHolds && len(res.Violations) == 0
	return res, nil
}

// match pairs the environment's robots with the trajectory's paths. An
// environment without robots takes the trajectory's robots, unconstrained.
func match(env *Env, traj *Trajectory) ([]Robot, []stl.Path, error) {
	if len(env.Robots) == 0 {
		robots := make([]Robot, len(traj.Robots))
		paths := make([]stl.Path, len(traj.Robots))
		for i, r := range traj.Robots {
			robots[i] = Robot{Name: r.Name, Start: r.Path[0].Point()}
			paths[i] = r.Path
		}
		return robots, paths, nil
	}
	for _, r := range traj.Robots {
		if env.Robot(r.Name) == nil {
			names := make([]string, len(env.Robots))
			for i, er := range env.Robots {
				names[i] = er.Name
			}
			return nil, nil, fmt.Errorf("%w: robot %q is not in the environment (robots: %v)", ErrInvalidTrajectory, r.Name, names)
		}
	}
	robots := slices.Clone(env.Robots)
	paths := make([]stl.Path, len(robots))
	for i, r := range robots {
		p, ok := traj.Path(r.Name)
		if !ok {
			return nil, nil, fmt.Errorf("%w: no path for robot %q", ErrInvalidTrajectory, r.Name)
		}
		paths[i] = p
	}
	return robots, paths, nil
}

func (o CheckOptions) speedTol() float64 {
	if o.SpeedTolerance > 0 {
		return o.SpeedTolerance
	}
	return DefaultSpeedTolerance
}

func checkRobot(env *Env, r *Robot, p stl.Path, speedTol float64) (RobotStats, []Violation) {
	var vs []Violation
	add := func(v Violation) { v.Robot = r.Name; vs = append(vs, v) }
	st := RobotStats{Name: r.Name, Duration: p.End(), Clearance: math.Inf(1)}
	first, last := p[0], p[len(p)-1]
	if d := first.Point().Dist(r.Start); d > positionTol {
		add(Violation{Kind: KindStart, Time: 0, Value: d, Limit: positionTol,
			Message: fmt.Sprintf("%s starts at %s, not at its start %s", r.Name, pt(first.Point()), pt(r.Start))})
	}
	if r.Goal != nil {
		if d := last.Point().Dist(*r.Goal); d > positionTol {
			add(Violation{Kind: KindGoal, Time: last.T, Value: d, Limit: positionTol,
				Message: fmt.Sprintf("%s ends at %s, not at its goal %s", r.Name, pt(last.Point()), pt(*r.Goal))})
		}
	}
	for _, w := range p {
		if !env.Bounds.Contains(w.Point(), boundsTol) {
			add(Violation{Kind: KindBounds, Time: w.T,
				Message: fmt.Sprintf("%s is at %s at t=%s, outside the bounds %s", r.Name, pt(w.Point()), num(w.T), env.Bounds)})
			break
		}
	}
	if env.Horizon > 0 && last.T > env.Horizon*(1+1e-12) {
		add(Violation{Kind: KindHorizon, Time: last.T, Value: last.T, Limit: env.Horizon,
			Message: fmt.Sprintf("%s's path ends at t=%s, after the horizon %s", r.Name, num(last.T), num(env.Horizon))})
	}
	var fast []int
	for i := 1; i < len(p); i++ {
		d := p[i-1].Point().Dist(p[i].Point())
		st.Length += d
		v := d / (p[i].T - p[i-1].T)
		st.MaxSpeed = math.Max(st.MaxSpeed, v)
		if r.MaxSpeed > 0 && v > r.MaxSpeed*(1+speedTol) {
			fast = append(fast, i)
		}
	}
	if len(fast) > 0 {
		i := fast[0]
		v := p[i-1].Point().Dist(p[i].Point()) / (p[i].T - p[i-1].T)
		more := ""
		if len(fast) > 1 {
			more = fmt.Sprintf(" (and %d more segments)", len(fast)-1)
		}
		add(Violation{Kind: KindSpeed, Time: p[i-1].T, Value: v, Limit: r.MaxSpeed,
			Message: fmt.Sprintf("%s moves at speed %s between t=%s and t=%s, above its max_speed %s%s", r.Name, num(v), num(p[i-1].T), num(p[i].T), num(r.MaxSpeed), more)})
	}
	for _, o := range env.Obstacles() {
		dist, when := math.Inf(1), math.Inf(1)
		hit := false
		for _, poly := range o.Shape.Polygons {
			d := pathDistance(p, poly)
			dist = math.Min(dist, d)
			var t float64
			var bad bool
			if r.Radius > 0 {
				bad = d < r.Radius-geom.DefaultTol
				if bad {
					t, _, _ = stl.AtLeastTimes(p, poly, -r.Radius, geom.DefaultTol).First(0)
				}
			} else {
				for k := 1; k < len(p); k++ {
					if poly.SegmentEntersInterior(p[k-1].Point(), p[k].Point(), geom.DefaultTol) {
						bad = true
						t, _, _ = stl.InsideTimes(p, poly, geom.DefaultTol).First(p[k-1].T)
						break
					}
				}
			}
			if bad {
				hit = true
				when = math.Min(when, t)
			}
		}
		st.Clearance = math.Min(st.Clearance, dist-r.Radius)
		if hit {
			msg := fmt.Sprintf("%s (radius %s) comes within %s of %s %q; its disc first touches it at t=%s", r.Name, num(r.Radius), num(dist), o.Kind, o.Name, num(when))
			switch {
			case dist == 0 && r.Radius > 0:
				msg = fmt.Sprintf("%s (radius %s) runs into %s %q; its disc first touches it at t=%s", r.Name, num(r.Radius), o.Kind, o.Name, num(when))
			case dist == 0:
				msg = fmt.Sprintf("%s enters %s %q at t=%s", r.Name, o.Kind, o.Name, num(when))
			}
			add(Violation{Kind: KindClearance, Other: o.Name, Time: when, Value: dist, Limit: r.Radius, Message: msg})
		}
	}
	return st, vs
}

// pathDistance is the least distance between the path and the polygon.
func pathDistance(p stl.Path, poly geom.Polygon) float64 {
	if len(p) == 1 {
		return poly.Distance(p[0].Point())
	}
	d := math.Inf(1)
	pb := poly.Bounds()
	for i := 1; i < len(p); i++ {
		a, b := p[i-1].Point(), p[i].Point()
		// A cheap lower bound from the boxes skips far segments.
		sb := geom.Box{XMin: math.Min(a.X, b.X), XMax: math.Max(a.X, b.X), YMin: math.Min(a.Y, b.Y), YMax: math.Max(a.Y, b.Y)}
		gx := math.Max(0, math.Max(pb.XMin-sb.XMax, sb.XMin-pb.XMax))
		gy := math.Max(0, math.Max(pb.YMin-sb.YMax, sb.YMin-pb.YMax))
		if math.Hypot(gx, gy) >= d {
			continue
		}
		d = math.Min(d, poly.SegmentDistance(a, b))
		if d == 0 {
			return 0
		}
	}
	return d
}

// breakpoints returns the sorted union of both paths' waypoint times.
func breakpoints(p, q stl.Path) []float64 {
	ts := make([]float64, 0, len(p)+len(q))
	for _, w := range p {
		ts = append(ts, w.T)
	}
	for _, w := range q {
		ts = append(ts, w.T)
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// minSeparation returns the least distance between the two moving points
// over all time and when it is reached (exact: on every piece where both
// move linearly the squared distance is a quadratic).
func minSeparation(p, q stl.Path) (float64, float64) {
	ts := breakpoints(p, q)
	best, bt := math.Inf(1), 0.0
	for i := 0; i < len(ts); i++ {
		t0 := ts[i]
		d0 := p.At(t0).Sub(q.At(t0))
		if n := d0.Norm(); n < best {
			best, bt = n, t0
		}
		if i+1 == len(ts) {
			break
		}
		t1 := ts[i+1]
		dd := p.At(t1).Sub(q.At(t1)).Sub(d0)
		if l2 := dd.Dot(dd); l2 > 0 {
			s := -d0.Dot(dd) / l2
			if s > 0 && s < 1 {
				if n := d0.Add(dd.Scale(s)).Norm(); n < best {
					best, bt = n, t0+s*(t1-t0)
				}
			}
		}
	}
	return best, bt
}

// firstWithin returns the first time at which the two points are closer
// than need, or NaN.
func firstWithin(p, q stl.Path, need float64) float64 {
	ts := breakpoints(p, q)
	for i := 0; i < len(ts); i++ {
		t0 := ts[i]
		d0 := p.At(t0).Sub(q.At(t0))
		if d0.Norm() < need {
			return t0
		}
		if i+1 == len(ts) {
			break
		}
		t1 := ts[i+1]
		dd := p.At(t1).Sub(q.At(t1)).Sub(d0)
		// |d0 + s·dd|² = need²: a s² + b s + c = 0.
		a, b, c := dd.Dot(dd), 2*d0.Dot(dd), d0.Dot(d0)-need*need
		if a == 0 {
			continue
		}
		disc := b*b - 4*a*c
		if disc <= 0 {
			continue
		}
		s := (-b - math.Sqrt(disc)) / (2 * a)
		if s >= 0 && s < 1 {
			return t0 + s*(t1-t0)
		}
	}
	return math.NaN()
}

// newSignal binds the formula's atoms to the robots' paths and regions.
func newSignal(env *Env, robots []Robot, paths []stl.Path, f *stl.Formula) (*stl.PathSignal, error) {
	names := make([]string, len(robots))
	all := make([]int, len(robots))
	for i, r := range robots {
		names[i], all[i] = r.Name, i
	}
	bind := map[stl.Atom]stl.Binding{}
	for _, a := range f.Atoms() {
		var b stl.Binding
		if a.Robot == "" {
			b.Paths = all
		} else {
			i := slices.Index(names, a.Robot)
			if i < 0 {
				return nil, fmt.Errorf("robot: spec: unknown robot %q", a.Robot)
			}
			b.Paths = []int{i}
		}
		for _, r := range env.RegionsNamed(a.Region) {
			b.Polygons = append(b.Polygons, r.Shape.Polygons...)
		}
		bind[a.Atom] = b
	}
	return &stl.PathSignal{
		Names: names,
		Paths: paths,
		Resolve: func(a stl.Atom) (stl.Binding, error) {
			b, ok := bind[a]
			if !ok {
				return stl.Binding{}, fmt.Errorf("robot: spec: unknown atom %s", a)
			}
			return b, nil
		},
	}, nil
}
