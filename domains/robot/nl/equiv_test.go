package nl

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// This file decides whether two formulas mean the same on an environment
// by checking both, with the exact checker, on many trajectories: random
// tours between regions (biased to the formulas' atoms, with dwells of
// lengths near the formulas' time bounds), plans of both formulas (with
// and without the robot's fixed goal) and mutations of those plans.

// areaPoint returns a random point inside region r (or its centroid).
func areaPoint(rng *rand.Rand, r *robot.Region) geom.Point {
	p := r.Shape.Polygons[0]
	b := p.Bounds()
	for range 50 {
		q := geom.Pt(b.XMin+rng.Float64()*(b.XMax-b.XMin), b.YMin+rng.Float64()*(b.YMax-b.YMin))
		if r.Shape.Contains(q, 0) {
			return q
		}
	}
	return p.Centroid()
}

// freePoint returns a random point of the bounds outside every area.
func freePoint(rng *rand.Rand, env *robot.Env) geom.Point {
	b := env.Bounds
	var q geom.Point
	for range 100 {
		q = geom.Pt(b.XMin+rng.Float64()*(b.XMax-b.XMin), b.YMin+rng.Float64()*(b.YMax-b.YMin))
		inside := false
		for i := range env.Regions {
			if env.Regions[i].Shape.Contains(q, 0) {
				inside = true
				break
			}
		}
		if !inside {
			return q
		}
	}
	return q
}

// durations collects the time bounds of formulas (dwell lengths are
// chosen just below and above them).
func durations(fs ...*stl.Formula) []float64 {
	out := []float64{0.3, 1, 2.5}
	for _, f := range fs {
		f.Walk(func(n *stl.Formula) bool {
			if n.Bounds != nil && n.Bounds.Hi > 0 {
				out = append(out, n.Bounds.Hi*0.9, n.Bounds.Hi*1.1)
			}
			return true
		})
	}
	return out
}

// randomTour is a robot path visiting random regions.
func randomTour(rng *rand.Rand, env *robot.Env, atoms []string, dwell []float64) *robot.Trajectory {
	r0 := env.Robots[0]
	path := stl.Path{{X: r0.Start.X, Y: r0.Start.Y, T: 0}}
	t := 0.0
	horizon := env.Horizon
	if horizon == 0 {
		horizon = 50
	}
	var areas []*robot.Region
	for i := range env.Regions {
		if !env.Regions[i].Obstacle() {
			areas = append(areas, &env.Regions[i])
		}
	}
	n := rng.IntN(14)
	for range n {
		var q geom.Point
		switch x := rng.Float64(); {
		case x < 0.75 && len(atoms) > 0:
			rs := env.RegionsNamed(atoms[rng.IntN(len(atoms))])
			q = areaPoint(rng, rs[rng.IntN(len(rs))])
		case x < 0.9:
			q = areaPoint(rng, areas[rng.IntN(len(areas))])
		default:
			q = freePoint(rng, env)
		}
		last := path[len(path)-1]
		d := math.Hypot(q.X-last.X, q.Y-last.Y)
		dt := d/(0.5+rng.Float64()*4.5) + 0.01
		if t+dt > horizon-0.5 {
			break
		}
		t += dt
		path = append(path, stl.Waypoint{X: q.X, Y: q.Y, T: t})
		if rng.IntN(2) == 0 {
			w := dwell[rng.IntN(len(dwell))]
			if t+w <= horizon-0.5 {
				t += w
				path = append(path, stl.Waypoint{X: q.X, Y: q.Y, T: t})
			}
		}
	}
	return &robot.Trajectory{Robots: []robot.RobotPath{{Name: r0.Name, Path: path}}}
}

// mutations returns variants of a plan: each waypoint dropped in turn,
// and the times stretched or squeezed.
func mutations(tr *robot.Trajectory, horizon float64) []*robot.Trajectory {
	p := tr.Robots[0].Path
	var out []*robot.Trajectory
	one := func(q stl.Path) {
		out = append(out, &robot.Trajectory{Robots: []robot.RobotPath{{Name: tr.Robots[0].Name, Path: q}}})
	}
	for k := 1; k < len(p) && k < 25; k++ {
		q := slices.Clone(p)
		one(slices.Delete(q, k, k+1))
	}
	for _, s := range []float64{0.5, 0.8, 1.3, 2} {
		q := slices.Clone(p)
		for i := range q {
			q[i].T *= s
		}
		if horizon == 0 || q[len(q)-1].T <= horizon {
			one(q)
		}
	}
	return out
}

func holds(t *testing.T, env *robot.Env, f *stl.Formula, tr *robot.Trajectory) bool {
	t.Helper()
	res, err := robot.CheckWith(context.Background(), env, f, tr, robot.CheckOptions{SkipRobustness: true})
	if err != nil {
		t.Fatalf("check %s: %v", f, err)
	}
	return res.SpecHolds
}

// trajectories builds the test trajectories for comparing f and g.
func trajectories(t *testing.T, env *robot.Env, n int, seed uint64, fs ...*stl.Formula) []*robot.Trajectory {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	var atoms []string
	for _, f := range fs {
		for _, a := range f.Atoms() {
			if !slices.Contains(atoms, a.Region) {
				atoms = append(atoms, a.Region)
			}
		}
	}
	var out []*robot.Trajectory
	free := *env
	free.Robots = slices.Clone(env.Robots)
	free.Robots[0].Goal = nil
	for _, e := range []*robot.Env{env, &free} {
		for _, f := range fs {
			res, err := robot.Plan(context.Background(), e, f, robot.PlanOptions{})
			if err != nil {
				continue
			}
			out = append(out, res.Trajectory)
			out = append(out, mutations(res.Trajectory, env.Horizon)...)
		}
	}
	dwell := durations(fs...)
	for range n {
		out = append(out, randomTour(rng, env, atoms, dwell))
	}
	return out
}

// sameMeaning checks f and g on the trajectories and reports the first
// trajectory on which they differ; it also returns how many satisfy f.
func sameMeaning(t *testing.T, env *robot.Env, f, g *stl.Formula, trs []*robot.Trajectory) (sat int) {
	t.Helper()
	for i, tr := range trs {
		a, b := holds(t, env, f, tr), holds(t, env, g, tr)
		if a != b {
			raw, _ := tr.MarshalJSON()
			t.Fatalf("trajectory %d tells them apart: %s is %v, %s is %v\n%s", i, f, a, g, b, raw)
		}
		if a {
			sat++
		}
	}
	return sat
}

// normal prints f with conjunctions and disjunctions flattened and their
// operands sorted, so that formulas equal up to the order of & and |
// print the same.
func normal(f *stl.Formula) string {
	switch f.Op {
	case stl.OpAnd, stl.OpOr:
		var parts []string
		var flat func(g *stl.Formula)
		flat = func(g *stl.Formula) {
			if g.Op == f.Op {
				for _, a := range g.Args {
					flat(a)
				}
				return
			}
			parts = append(parts, normal(g))
		}
		flat(f)
		slices.Sort(parts)
		parts = slices.Compact(parts)
		if len(parts) == 1 {
			return parts[0]
		}
		return f.Op.String() + "(" + strings.Join(parts, ", ") + ")"
	case stl.OpAtom, stl.OpTrue, stl.OpFalse:
		return f.String()
	}
	s := f.Op.String()
	if f.Bounds != nil {
		s += fmt.Sprintf("[%g,%g]", f.Bounds.Lo, f.Bounds.Hi)
	}
	parts := make([]string, len(f.Args))
	for i, a := range f.Args {
		parts[i] = normal(a)
	}
	return s + "(" + strings.Join(parts, ", ") + ")"
}
