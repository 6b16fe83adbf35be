package robot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

type assignKey struct {
	robot int
	set   uint64 // free chains assigned to the robot
}

type memoPlan struct {
	plan    *robotPlan
	planner *robotPlanner
	err     error
}

// multi allocates free goals to robots and places the robots' paths one
// after another so that they keep apart.
type multi struct {
	env   *Env
	f     *stl.Formula
	tk    *task
	opts  PlanOptions
	fixed [][]int // chains owned by each robot
	free  []int   // chains any robot may do
	memo  map[assignKey]*memoPlan
	cache *planCache
}

// Limits of the exhaustive allocation.
const (
	maxAssignments = 4096
	maxCandidates  = 16
)

func (m *multi) plan(ctx context.Context, r int, set uint64) *memoPlan {
	k := assignKey{r, set}
	if mp, ok := m.memo[k]; ok {
		return mp
	}
	chains := slices.Clone(m.fixed[r])
	for i, ci := range m.free {
		if set&(1<<uint(i)) != 0 {
			chains = append(chains, ci)
		}
	}
	mp := &memoPlan{}
	p, err := newRobotPlanner(m.env, r, m.opts, m.tk, chains, nil, m.cache)
	if err == nil {
		mp.planner = p
		mp.plan, err = p.search(ctx)
	}
	mp.err = err
	if ctx.Err() == nil {
		m.memo[k] = mp
	}
	return mp
}

type assignment struct {
	sets     []uint64
	makespan float64
	sum      float64
}

func (m *multi) cost(ctx context.Context, sets []uint64) (assignment, error) {
	a := assignment{sets: slices.Clone(sets)}
	for r, s := range sets {
		mp := m.plan(ctx, r, s)
		if mp.err != nil {
			return a, mp.err
		}
		a.makespan = math.Max(a.makespan, mp.plan.end)
		a.sum += mp.plan.end
	}
	return a, nil
}

func (m *multi) solve(ctx context.Context) (*PlanResult, error) {
	R := len(m.env.Robots)
	m.fixed = make([][]int, R)
	for ci, ch := range m.tk.chains {
		switch {
		case ch.robot >= 0:
			m.fixed[ch.robot] = append(m.fixed[ch.robot], ci)
		case R == 1:
			m.fixed[0] = append(m.fixed[0], ci)
		default:
			m.free = append(m.free, ci)
		}
	}
	if len(m.free) > 60 {
		return nil, fmt.Errorf("%w: more than 60 goals for any robot", ErrUnsupported)
	}
	cands, firstErr := m.allocate(ctx)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("robot: plan: %w", err)
	}
	if len(cands) == 0 {
		if firstErr == nil {
			firstErr = fmt.Errorf("%w: no allocation of the goals to the robots works", ErrNoPlan)
		}
		return nil, firstErr
	}
	var lastErr error
	for _, a := range cands {
		res, err := m.place(ctx, a)
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("robot: plan: %w", ctx.Err())
		}
		lastErr = err
	}
	return nil, lastErr
}

// allocate returns candidate assignments of the free chains, best first.
func (m *multi) allocate(ctx context.Context) ([]assignment, error) {
	R, F := len(m.env.Robots), len(m.free)
	sets := make([]uint64, R)
	if F == 0 {
		a, err := m.cost(ctx, sets)
		if err != nil {
			return nil, err
		}
		return []assignment{a}, nil
	}
	total := 1.0
	for range F {
		total *= float64(R)
	}
	var firstErr error
	if total <= maxAssignments && float64(R)*math.Pow(2, float64(F)) <= maxAssignments {
		var out []assignment
		owner := make([]int, F)
		for {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			clear(sets)
			for i, o := range owner {
				sets[o] |= 1 << uint(i)
			}
			a, err := m.cost(ctx, sets)
			if err == nil {
				out = append(out, a)
			} else if firstErr == nil || errors.Is(err, ErrUnsupported) {
				firstErr = err
			}
			i := 0
			for i < F {
				owner[i]++
				if owner[i] < R {
					break
				}
				owner[i] = 0
				i++
			}
			if i == F {
				break
			}
		}
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].makespan != out[j].makespan {
				return out[i].makespan < out[j].makespan
			}
			return out[i].sum < out[j].sum
		})
		if len(out) > maxCandidates {
			out = out[:maxCandidates]
		}
		return out, firstErr
	}
	// Greedy: each goal to the robot whose plan grows least, then move
	// single goals while the makespan improves.
	for i := range F {
		bestR, bestC := -1, math.Inf(1)
		for r := range R {
			sets[r] |= 1 << uint(i)
			mp := m.plan(ctx, r, sets[r])
			sets[r] &^= 1 << uint(i)
			if mp.err != nil {
				if firstErr == nil {
					firstErr = mp.err
				}
				continue
			}
			if c := mp.plan.end; c < bestC {
				bestR, bestC = r, c
			}
		}
		if bestR < 0 {
			return nil, firstErr
		}
		sets[bestR] |= 1 << uint(i)
	}
	cur, err := m.cost(ctx, sets)
	if err != nil {
		return nil, err
	}
	for range 3 {
		improved := false
		for i := range F {
			from := -1
			for r := range R {
				if sets[r]&(1<<uint(i)) != 0 {
					from = r
				}
			}
			for r := range R {
				if r == from {
					continue
				}
				sets[from] &^= 1 << uint(i)
				sets[r] |= 1 << uint(i)
				a, err := m.cost(ctx, sets)
				if err == nil && (a.makespan < cur.makespan-1e-9 || a.makespan <= cur.makespan+1e-9 && a.sum < cur.sum-1e-9) {
					cur, improved = a, true
					from = r
					continue
				}
				sets[r] &^= 1 << uint(i)
				sets[from] |= 1 << uint(i)
			}
		}
		if !improved {
			break
		}
	}
	return []assignment{cur}, nil
}

// robotOrders lists the priority orders to try.
func robotOrders(ends []float64) [][]int {
	R := len(ends)
	base := make([]int, R)
	for i := range base {
		base[i] = i
	}
	if R <= 4 {
		var out [][]int
		var perm func(k int)
		perm = func(k int) {
			if k == R {
				out = append(out, slices.Clone(base))
				return
			}
			for i := k; i < R; i++ {
				base[k], base[i] = base[i], base[k]
				perm(k + 1)
				base[k], base[i] = base[i], base[k]
			}
		}
		perm(0)
		// Longest plans first: they are the hardest to delay.
		sort.SliceStable(out, func(i, j int) bool { return ends[out[i][0]] > ends[out[j][0]] })
		return out
	}
	long := slices.Clone(base)
	sort.SliceStable(long, func(i, j int) bool { return ends[long[i]] > ends[long[j]] })
	short := slices.Clone(long)
	slices.Reverse(short)
	rev := slices.Clone(base)
	slices.Reverse(rev)
	return [][]int{long, base, short, rev}
}

// place fits the robots' plans together (prioritised planning) and
// verifies the result.
func (m *multi) place(ctx context.Context, a assignment) (*PlanResult, error) {
	R := len(m.env.Robots)
	plans := make([]*memoPlan, R)
	ends := make([]float64, R)
	for r := range R {
		plans[r] = m.plan(ctx, r, a.sets[r])
		if plans[r].err != nil {
			return nil, plans[r].err
		}
		ends[r] = plans[r].plan.end
	}
	var lastErr error
	for _, order := range robotOrders(ends) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("robot: plan: %w", err)
		}
		paths := make([]stl.Path, R)
		delays := map[string]float64{}
		ok := true
		for n, k := range order {
			waiting := order[n+1:]
			path, delay, err := m.fit(ctx, k, plans[k], paths, waiting, a.sets[k], plans)
			if err != nil {
				lastErr = err
				ok = false
				break
			}
			paths[k] = path
			if delay > 0 {
				delays[m.env.Robots[k].Name] = delay
			}
		}
		if !ok {
			continue
		}
		traj := &Trajectory{}
		for r := range R {
			traj.Robots = append(traj.Robots, RobotPath{Name: m.env.Robots[r].Name, Path: paths[r]})
		}
		res, err := Check(ctx, m.env, m.f, traj)
		if err != nil {
			return nil, fmt.Errorf("robot: plan: checking: %w", err)
		}
		if !res.Satisfied || !(res.Robustness > 0) {
			lastErr = fmt.Errorf("%w: the checker rejected the candidate plan: %s", ErrNoPlan, describeCheck(res))
			continue
		}
		out := &PlanResult{Trajectory: traj, Check: res, Orders: map[string][]string{}, Delays: delays}
		for r := range R {
			name := m.env.Robots[r].Name
			o := plans[r].plan.order
			out.Orders[name] = append([]string{}, o...) // [] for a robot with no visits
			for _, v := range o {
				if R > 1 {
					v = name + ":" + v
				}
				out.Order = append(out.Order, v)
			}
		}
		return out, nil
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("%w: the robots' paths cannot be fitted together", ErrNoPlan)
	}
	return nil, lastErr
}

// need is the centre distance robots i and j must keep.
func (m *multi) need(i, j int) float64 {
	return m.env.Robots[i].Radius + m.env.Robots[j].Radius + m.opts.Separation
}

// deficit returns how much closer than allowed path k comes to the
// placed paths and to the robots still waiting at their starts (≤ 0:
// clear).
func (m *multi) deficit(k int, path stl.Path, placed []stl.Path, waiting []int) float64 {
	worst := math.Inf(-1)
	for j, q := range placed {
		if q == nil || j == k {
			continue
		}
		d, _ := minSeparation(path, q)
		worst = math.Max(worst, m.need(k, j)-d)
	}
	for _, j := range waiting {
		s := m.env.Robots[j].Start
		d, _ := minSeparation(path, stl.Path{{X: s.X, Y: s.Y, T: 0}})
		worst = math.Max(worst, m.need(k, j)-d)
	}
	return worst
}

// fit returns robot k's path delayed (and, if need be, re-parked or
// re-planned around the others' parking spots) so that it keeps clear.
func (m *multi) fit(ctx context.Context, k int, mp *memoPlan, placed []stl.Path, waiting []int, set uint64, plans []*memoPlan) (stl.Path, float64, error) {
	try := func(mp *memoPlan) (stl.Path, float64, bool) {
		variants := []stl.Path{m.repark(ctx, k, mp, placed)}
		// Or leave the last place for the start, out of the others' way
		// (first, when a waiting robot's route passes the parking spot).
		if back := m.home(ctx, k, mp); back != nil {
			variants = append(variants, back)
			if m.inTheWay(k, variants[0], waiting, plans) {
				variants[0], variants[1] = variants[1], variants[0]
			}
		}
		// Robots still at their starts are kept clear of if possible.
		for _, w := range [][]int{waiting, nil} {
			for _, v := range variants {
				if p, d, ok := m.delay(k, v, placed, w); ok {
					return p, d, true
				}
			}
			if len(waiting) == 0 {
				break
			}
		}
		return nil, 0, false
	}
	if p, d, ok := try(mp); ok {
		return p, d, nil
	}
	// Detour around the parked robots and the waiting ones.
	var extra []geom.Polygon
	for j, q := range placed {
		if q == nil {
			continue
		}
		last := q[len(q)-1].Point()
		extra = append(extra, disc(last, m.need(k, j)+m.opts.Margin))
	}
	for _, j := range waiting {
		extra = append(extra, disc(m.env.Robots[j].Start, m.need(k, j)+m.opts.Margin))
	}
	if len(extra) > 0 {
		chains := slices.Clone(m.fixed[k])
		for i, ci := range m.free {
			if set&(1<<uint(i)) != 0 {
				chains = append(chains, ci)
			}
		}
		if p, err := newRobotPlanner(m.env, k, m.opts, m.tk, chains, extra, m.cache); err == nil {
			if rp, err := p.search(ctx); err == nil {
				if p, d, ok := try(&memoPlan{plan: rp, planner: p}); ok {
					return p, d, nil
				}
			}
		}
	}
	return nil, 0, fmt.Errorf("%w: %s cannot keep %s from the other robots by waiting or detouring within the horizon", ErrNoPlan, m.env.Robots[k].Name, num(m.opts.Separation))
}

// delay finds the least wait that keeps the path clear: at the start
// first, else at one waypoint on the way (where the robot can let
// another pass). Delaying by ε moves the robot by at most speed·ε at any
// time, so after a wait that comes short by δ the next candidate is
// δ/speed longer.
func (m *multi) delay(k int, path stl.Path, placed []stl.Path, waiting []int) (stl.Path, float64, bool) {
	h := m.env.Horizon
	if h <= 0 {
		h = path.End() + 60
	}
	v := 0.0
	for i := 1; i < len(path); i++ {
		if dt := path[i].T - path[i-1].T; dt > 0 {
			v = math.Max(v, path[i].Point().Dist(path[i-1].Point())/dt)
		}
	}
	const minStep = 1e-3
	for i := 0; i < len(path)-1; i++ {
		if i > 0 && path[i].Point().Dist(path[i-1].Point()) < 1e-12 {
			continue // already a stop
		}
		for d := 0.0; path.End()+d <= h+1e-12; {
			p := waitAt(path, i, d)
			short := m.deficit(k, p, placed, waiting)
			if short < -1e-9 {
				return p, d, true
			}
			if i > 0 && d == 0 {
				// A wait here cannot help what happens before it.
				if m.deficitUntil(k, p, placed, waiting, path[i].T) > -1e-9 {
					break
				}
			}
			step := minStep
			if v > 0 {
				step = math.Max(minStep, (short+1e-6)/v)
			}
			d += step
		}
	}
	return nil, 0, false
}

// waitAt returns the path with a wait of d at waypoint i.
func waitAt(path stl.Path, i int, d float64) stl.Path {
	if d <= 0 {
		return path
	}
	out := slices.Clone(path[:i+1])
	w := path[i]
	w.T += d
	out = append(out, w)
	for _, x := range path[i+1:] {
		x.T += d
		out = append(out, x)
	}
	return out
}

// deficitUntil is deficit restricted to the times up to t.
func (m *multi) deficitUntil(k int, path stl.Path, placed []stl.Path, waiting []int, t float64) float64 {
	var head stl.Path
	for _, w := range path {
		if w.T > t {
			head = append(head, stl.Waypoint{X: path.At(t).X, Y: path.At(t).Y, T: t})
			break
		}
		head = append(head, w)
	}
	if len(head) < 2 || head[len(head)-1].T <= head[0].T {
		return math.Inf(-1)
	}
	cut := func(q stl.Path) stl.Path {
		var out stl.Path
		for _, w := range q {
			if w.T > t {
				p := q.At(t)
				return append(out, stl.Waypoint{X: p.X, Y: p.Y, T: t})
			}
			out = append(out, w)
		}
		return out
	}
	cp := make([]stl.Path, len(placed))
	for j, q := range placed {
		if q != nil {
			cp[j] = cut(q)
		}
	}
	return m.deficit(k, head, cp, waiting)
}

// repark moves the end of the path to another point of its final region
// when a placed robot already parks too close to it.
func (m *multi) repark(ctx context.Context, k int, mp *memoPlan, placed []stl.Path) stl.Path {
	path := mp.plan.path
	reg := mp.plan.finalRegion
	if reg == nil || mp.plan.lastLeg < 0 {
		return path
	}
	end := path[len(path)-1].Point()
	crowded := func(q geom.Point) bool {
		for j, o := range placed {
			if o != nil && o[len(o)-1].Point().Dist(q) < m.need(k, j)+1e-9 {
				return true
			}
		}
		return false
	}
	if !crowded(end) {
		return path
	}
	type cand struct {
		q geom.Point
		d float64
	}
	var cands []cand
	for _, poly := range reg.Shape.Polygons {
		b := poly.Bounds()
		const n = 12
		for i := 1; i < n; i++ {
			for j := 1; j < n; j++ {
				q := geom.Pt(b.XMin+(b.XMax-b.XMin)*float64(i)/n, b.YMin+(b.YMax-b.YMin)*float64(j)/n)
				if stl.SignedDistance(q, poly) < 0.02 || crowded(q) {
					continue
				}
				cands = append(cands, cand{q, q.Dist(end)})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].d < cands[j].d })
	p := mp.planner
	from := path[mp.plan.lastLeg]
	for _, c := range cands {
		if ctx.Err() != nil {
			break
		}
		g, err := p.graph(ctx, mp.plan.lastMask)
		if err != nil {
			break
		}
		sp, err := g.ShortestPath(ctx, from.Point(), c.q)
		if err != nil {
			continue
		}
		out := slices.Clone(path[:mp.plan.lastLeg+1])
		t := from.T
		for i := 1; i < len(sp.Points); i++ {
			d := sp.Points[i].Dist(sp.Points[i-1])
			if d < 1e-12 {
				continue
			}
			t = advance(t, d, p.speed)
			out = append(out, stl.Waypoint{X: sp.Points[i].X, Y: sp.Points[i].Y, T: t})
		}
		// Keep the original end time (waits) if it was later.
		if orig := path.End(); orig > t {
			last := out[len(out)-1]
			last.T = orig
			out = append(out, last)
		}
		if len(out) < 2 {
			continue
		}
		return out
	}
	return path
}

// inTheWay reports whether the end of path lies on the planned route of
// a waiting robot.
func (m *multi) inTheWay(k int, path stl.Path, waiting []int, plans []*memoPlan) bool {
	end := path[len(path)-1].Point()
	for _, j := range waiting {
		route := plans[j].plan.path
		for i := 1; i < len(route); i++ {
			if geom.PointSegmentDist(end, route[i-1].Point(), route[i].Point()) < m.need(k, j) {
				return true
			}
		}
	}
	return false
}

// home extends the path back to the robot's start when nothing asks the
// robot to stay where it ends (no stay, no goal, and a return place, if
// any, contains the start).
func (m *multi) home(ctx context.Context, k int, mp *memoPlan) stl.Path {
	rob := &m.env.Robots[k]
	if mp.plan.stay || rob.Goal != nil {
		return nil
	}
	for _, r := range mp.planner.resp {
		if r.tether && !inRegions(rob.Start, r.target) {
			return nil
		}
	}
	p := mp.planner
	g, err := p.graph(ctx, mp.plan.endMask)
	if err != nil {
		return nil
	}
	path := mp.plan.path
	end := path[len(path)-1]
	sp, err := g.ShortestPath(ctx, end.Point(), rob.Start)
	if err != nil || len(sp.Points) < 2 {
		return nil
	}
	out := slices.Clone(path)
	t := end.T
	for i := 1; i < len(sp.Points); i++ {
		d := sp.Points[i].Dist(sp.Points[i-1])
		if d < 1e-12 {
			continue
		}
		t = advance(t, d, p.speed)
		out = append(out, stl.Waypoint{X: sp.Points[i].X, Y: sp.Points[i].Y, T: t})
	}
	return out
}

// disc is a regular octagon containing the disc of radius r around c.
func disc(c geom.Point, r float64) geom.Polygon {
	R := r / math.Cos(math.Pi/8)
	pts := make([]geom.Point, 8)
	for i := range pts {
		a := math.Pi/8 + float64(i)*math.Pi/4
		pts[i] = geom.Pt(c.X+R*math.Cos(a), c.Y+R*math.Sin(a))
	}
	poly, _ := geom.NewPolygon(pts)
	return poly
}
