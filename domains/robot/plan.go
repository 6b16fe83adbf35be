package robot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// Errors of Plan; callers branch on them with errors.Is.
var (
	// ErrUnsupported: the spec lies outside the fragment Plan handles.
	ErrUnsupported = errors.New("robot: plan: unsupported spec")
	// ErrNoPlan: no plan was found within the horizon and the deadlines.
	ErrNoPlan = errors.New("robot: plan: no plan found")
)

// PlanOptions tunes Plan.
type PlanOptions struct {
	// Margin is the safety distance kept from walls and obstacles (on top
	// of the robot's radius) and from avoided regions; 0 means
	// DefaultPlanMargin.
	Margin float64
	// SpeedFactor is the fraction of max_speed the robot travels at; 0
	// means DefaultSpeedFactor.
	SpeedFactor float64
	// MaxNodes bounds the order search (0: DefaultPlanNodes).
	MaxNodes int
}

// Defaults of PlanOptions.
const (
	DefaultPlanMargin  = 0.02
	DefaultSpeedFactor = 0.95
	DefaultPlanNodes   = 200000
)

// PlanResult is a verified plan.
type PlanResult struct {
	Trajectory *Trajectory
	// Check is the checker's verdict on the trajectory (always Satisfied
	// with positive robustness).
	Check Result
	// Order lists the visited regions in order.
	Order []string
}

// Plan finds a trajectory of env's single robot that satisfies f and
// verifies it with Check. The supported fragment is a conjunction of:
// reach F[a,b] region; sequences F[a,b](region & F[c,d](...)); stay
// F[a,b] G[0,d] region (and F G region: stay until the end); avoid
// G !region or G(!r1 & !r2 ...); ordering !door U[a,b] key. Regions may be
// groups or kinds (any member). Targets are region centroids; motion
// follows shortest paths around walls and obstacles inflated by the
// radius plus a margin and around avoided regions (and doors not yet
// unlocked) inflated by the margin; goal orders are searched exhaustively
// with branch and bound on the finishing time.
func Plan(ctx context.Context, env *Env, f *stl.Formula, opts PlanOptions) (*PlanResult, error) {
	if env == nil || f == nil {
		return nil, errors.New("robot: plan: nil environment or spec")
	}
	if len(env.Robots) != 1 {
		return nil, fmt.Errorf("%w: %d robots: only single-robot planning is implemented", ErrUnsupported, len(env.Robots))
	}
	if err := env.CheckFormula(f); err != nil {
		return nil, fmt.Errorf("robot: plan: %w", err)
	}
	if opts.Margin <= 0 {
		opts.Margin = DefaultPlanMargin
	}
	if opts.SpeedFactor <= 0 || opts.SpeedFactor > 1 {
		opts.SpeedFactor = DefaultSpeedFactor
	}
	if opts.MaxNodes <= 0 {
		opts.MaxNodes = DefaultPlanNodes
	}
	p := &planner{env: env, rob: &env.Robots[0], opts: opts, graphs: map[uint64]*geom.VisibilityGraph{}, dist: map[legKey]leg{}}
	if err := p.decompose(f); err != nil {
		return nil, err
	}
	if err := p.targets(); err != nil {
		return nil, err
	}
	if err := p.search(ctx); err != nil {
		return nil, err
	}
	traj := &Trajectory{Robots: []RobotPath{{Name: p.rob.Name, Path: p.best.path}}}
	res, err := Check(ctx, env, f, traj)
	if err != nil {
		return nil, fmt.Errorf("robot: plan: checking: %w", err)
	}
	if !res.Satisfied || !(res.Robustness > 0) {
		return nil, fmt.Errorf("%w: the checker rejected the candidate plan: %s", ErrNoPlan, describeCheck(res))
	}
	return &PlanResult{Trajectory: traj, Check: res, Order: p.best.order}, nil
}

func describeCheck(res Result) string {
	if len(res.Violations) > 0 {
		return res.Violations[0].Message
	}
	if res.Failure != nil {
		return fmt.Sprintf("%s fails at t=%s: %s", res.Failure.Formula, num(res.Failure.Time), res.Failure.Reason)
	}
	return fmt.Sprintf("robustness %s is not positive", num(res.Robustness))
}

// step is one visit: reach one of the candidate regions within [lo, hi]
// (relative to the previous step of its chain, or to 0), then stay dwell.
type step struct {
	name    string
	regions []*Region
	lo, hi  float64
	dwell   float64
	final   bool  // stay until the end (F G region)
	pts     []int // candidate target point indices
}

type planner struct {
	env    *Env
	rob    *Robot
	opts   PlanOptions
	chains [][]*step
	avoid  []*Region
	// locks[i]: regions blocked until key chain keyChain[i] is done.
	locks    [][]*Region
	lockKey  []int // chain index of the unlocking step
	points   []geom.Point
	graphs   map[uint64]*geom.VisibilityGraph
	dist     map[legKey]leg
	best     *candidate
	nodes    int
	horizon  float64
	speed    float64
	robotErr error
	// failDepth is the number of visits before robotErr happened; the
	// deepest failure is the one reported.
	failDepth int
}

type legKey struct {
	mask     uint64
	from, to int
}

type leg struct {
	pts []geom.Point
	len float64
	err error
}

type candidate struct {
	path  stl.Path
	order []string
	end   float64
}

func unsupported(f *stl.Formula, why string) error {
	return fmt.Errorf("%w: %q: %s (supported: conjunctions of F[a,b] region, F(region & F ...), F G[0,d] region, G !region, !region U region)", ErrUnsupported, f.String(), why)
}

func (p *planner) resolve(f *stl.Formula) ([]*Region, error) {
	if f.Op != stl.OpAtom {
		return nil, unsupported(f, "expected a region name")
	}
	if f.Atom.Robot != "" && f.Atom.Robot != p.env.Robots[0].Name {
		return nil, unsupported(f, "unknown robot")
	}
	rs := p.env.RegionsNamed(f.Atom.Region)
	if len(rs) == 0 {
		return nil, unsupported(f, "unknown region")
	}
	return rs, nil
}

func (p *planner) window(b *stl.Bounds) (float64, float64) {
	if b == nil {
		return 0, math.Inf(1)
	}
	return b.Lo, b.Hi
}

func conjuncts(f *stl.Formula) []*stl.Formula {
	if f.Op == stl.OpAnd {
		var out []*stl.Formula
		for _, a := range f.Args {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*stl.Formula{f}
}

func (p *planner) decompose(f *stl.Formula) error {
	for _, c := range conjuncts(f) {
		switch c.Op {
		case stl.OpTrue:
		case stl.OpEventually:
			ch, err := p.chain(c)
			if err != nil {
				return err
			}
			p.chains = append(p.chains, ch)
		case stl.OpAlways:
			for _, a := range conjuncts(c.Args[0]) {
				if a.Op != stl.OpNot {
					return unsupported(c, "only G !region (avoid) is supported under G at the top level")
				}
				rs, err := p.resolve(a.Args[0])
				if err != nil {
					return err
				}
				p.avoid = append(p.avoid, rs...)
			}
		case stl.OpUntil:
			l, r := c.Args[0], c.Args[1]
			if l.Op != stl.OpNot {
				return unsupported(c, "only !region U region is supported")
			}
			door, err := p.resolve(l.Args[0])
			if err != nil {
				return err
			}
			key, err := p.resolve(r)
			if err != nil {
				return err
			}
			lo, hi := p.window(c.Bounds)
			if lo > 0 {
				return unsupported(c, "until with a positive lower bound")
			}
			p.chains = append(p.chains, []*step{{name: r.Atom.String(), regions: key, lo: 0, hi: hi}})
			p.locks = append(p.locks, door)
			p.lockKey = append(p.lockKey, len(p.chains)-1)
		default:
			return unsupported(c, "not a reach, avoid, stay or until requirement")
		}
	}
	if len(p.locks) > 60 {
		return unsupported(f, "more than 60 until requirements")
	}
	return nil
}

// chain turns F[a,b] ψ into a sequence of steps.
func (p *planner) chain(f *stl.Formula) ([]*step, error) {
	var out []*step
	for f != nil {
		if f.Op != stl.OpEventually {
			return nil, unsupported(f, "expected F")
		}
		lo, hi := p.window(f.Bounds)
		body := f.Args[0]
		var next *stl.Formula
		var here *stl.Formula
		for _, a := range conjuncts(body) {
			if a.Op == stl.OpEventually {
				if next != nil {
					return nil, unsupported(body, "two F operands in one step")
				}
				next = a
				continue
			}
			if here != nil {
				return nil, unsupported(body, "two places in one step")
			}
			here = a
		}
		if here == nil {
			// F F ψ: fold into the inner F.
			if next == nil {
				return nil, unsupported(f, "empty step")
			}
			out = append(out, &step{name: "(wait)", lo: lo, hi: hi})
			f = next
			continue
		}
		s := &step{lo: lo, hi: hi}
		switch here.Op {
		case stl.OpAtom:
			s.name = here.Atom.String()
		case stl.OpAlways:
			a := here.Args[0]
			if a.Op != stl.OpAtom {
				return nil, unsupported(here, "only G[0,d] region is supported as a stay")
			}
			s.name = a.Atom.String()
			if here.Bounds == nil {
				if next != nil {
					return nil, unsupported(here, "stay forever followed by another step")
				}
				s.final = true
			} else {
				if here.Bounds.Lo != 0 {
					return nil, unsupported(here, "stay with a positive lower bound")
				}
				s.dwell = here.Bounds.Hi
			}
			here = a
		default:
			return nil, unsupported(here, "expected a region or G[0,d] region")
		}
		rs, err := p.resolve(here)
		if err != nil {
			return nil, err
		}
		s.regions = rs
		out = append(out, s)
		f = next
	}
	return out, nil
}

// targets picks a target point per candidate region: its centroid, or
// the centre of its bounding box, whichever is deeper inside.
func (p *planner) targets() error {
	p.points = []geom.Point{p.env.Robots[0].Start}
	idx := map[*Region]int{}
	for _, ch := range p.chains {
		for _, s := range ch {
			for _, r := range s.regions {
				i, ok := idx[r]
				if !ok {
					q, err := inside(r)
					if err != nil {
						return err
					}
					i = len(p.points)
					p.points = append(p.points, q)
					idx[r] = i
				}
				s.pts = append(s.pts, i)
			}
		}
	}
	return nil
}

func inside(r *Region) (geom.Point, error) {
	best, depth := geom.Point{}, math.Inf(-1)
	for _, poly := range r.Shape.Polygons {
		b := poly.Bounds()
		for _, q := range []geom.Point{poly.Centroid(), geom.Pt((b.XMin+b.XMax)/2, (b.YMin+b.YMax)/2)} {
			if d := stl.SignedDistance(q, poly); d > depth {
				best, depth = q, d
			}
		}
	}
	if !(depth > 0) {
		return geom.Point{}, fmt.Errorf("%w: region %q: no interior target point found", ErrNoPlan, r.Name)
	}
	return best, nil
}

func (p *planner) graph(ctx context.Context, mask uint64) (*geom.VisibilityGraph, error) {
	if g, ok := p.graphs[mask]; ok {
		return g, nil
	}
	rad := p.env.Robots[0].Radius
	var obs []geom.Polygon
	for _, o := range p.env.Obstacles() {
		for _, poly := range o.Shape.Polygons {
			if rad > 0 {
				inf, err := geom.Inflate(poly, rad, 0)
				if err != nil {
					return nil, fmt.Errorf("robot: plan: inflating %q: %w", o.Name, err)
				}
				obs = append(obs, inf...)
			} else {
				obs = append(obs, poly)
			}
		}
	}
	add := func(rs []*Region) {
		for _, r := range rs {
			obs = append(obs, r.Shape.Polygons...)
		}
	}
	add(p.avoid)
	for i, l := range p.locks {
		if mask&(1<<uint(i)) == 0 {
			add(l)
		}
	}
	b := p.env.Bounds
	g, err := geom.NewVisibilityGraph(ctx, obs, geom.PathOptions{Margin: p.opts.Margin, Bounds: &b})
	if err != nil {
		return nil, fmt.Errorf("robot: plan: %w", err)
	}
	p.graphs[mask] = g
	return g, nil
}

func (p *planner) leg(ctx context.Context, mask uint64, from, to int, toPt geom.Point) leg {
	k := legKey{mask, from, to}
	if l, ok := p.dist[k]; ok {
		return l
	}
	var l leg
	g, err := p.graph(ctx, mask)
	if err != nil {
		l.err = err
	} else {
		path, err := g.ShortestPath(ctx, p.points[from], toPt)
		if err != nil {
			l.err = err
		} else {
			l.pts, l.len = path.Points, path.Length
		}
	}
	if ctx.Err() == nil {
		p.dist[k] = l
	}
	return l
}

// state of the order search.
type searchState struct {
	pos   int // point index
	t     float64
	mask  uint64
	next  []int     // next step index per chain
	base  []float64 // time the chain's previous step finished
	path  stl.Path
	order []string
	final bool
}

func (p *planner) search(ctx context.Context) error {
	rob := &p.env.Robots[0]
	p.speed = rob.MaxSpeed * p.opts.SpeedFactor
	if p.speed <= 0 {
		p.speed = 1
	}
	p.horizon = p.env.Horizon
	if p.horizon <= 0 {
		p.horizon = math.Inf(1)
	}
	if rob.Goal != nil {
		p.points = append(p.points, *rob.Goal)
	}
	st := &searchState{next: make([]int, len(p.chains)), base: make([]float64, len(p.chains)),
		path: stl.Path{{X: rob.Start.X, Y: rob.Start.Y, T: 0}}}
	if err := p.dfs(ctx, st); err != nil {
		return err
	}
	if p.best == nil {
		msg := "no order of the visits reaches every region within its deadline and the horizon"
		if p.nodes > p.opts.MaxNodes {
			msg = fmt.Sprintf("none found in the first %d search nodes", p.opts.MaxNodes)
		}
		if p.robotErr != nil {
			msg += " (furthest attempt: " + p.robotErr.Error() + ")"
		}
		return fmt.Errorf("%w: %s", ErrNoPlan, msg)
	}
	return nil
}

// move appends the path of a leg (and a wait before arrival if needed).
func (p *planner) move(st *searchState, l leg, earliest float64) (stl.Path, float64) {
	path := append(stl.Path(nil), st.path...)
	t := st.t
	for i := 1; i < len(l.pts); i++ {
		d := l.pts[i].Dist(l.pts[i-1])
		if d < 1e-12 {
			continue
		}
		t += d / p.speed
		path = append(path, stl.Waypoint{X: l.pts[i].X, Y: l.pts[i].Y, T: t})
	}
	if t < earliest {
		last := path[len(path)-1]
		// Wait just before the target: move the last waypoint later.
		if len(path) > len(st.path) {
			path = path[:len(path)-1]
			last.T = earliest
			path = append(path, last)
		} else {
			last.T = earliest
			path = append(path, last)
		}
		t = earliest
	}
	return path, t
}

func (p *planner) dwell(path stl.Path, t, d float64) (stl.Path, float64) {
	if d <= 0 {
		return path, t
	}
	last := path[len(path)-1]
	t += d
	last.T = t
	return append(path, last), t
}

const timeEps = 1e-3

func (p *planner) dfs(ctx context.Context, st *searchState) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("robot: plan: %w", err)
	}
	p.nodes++
	if p.nodes > p.opts.MaxNodes {
		return nil
	}
	if p.best != nil && st.t >= p.best.end {
		return nil
	}
	done := true
	for c, ch := range p.chains {
		if st.next[c] >= len(ch) {
			continue
		}
		done = false
		s := ch[st.next[c]]
		if st.final && !s.final {
			continue
		}
		for _, pi := range s.pts {
			var l leg
			if len(s.regions) == 0 {
				l = leg{pts: []geom.Point{p.points[st.pos]}}
			} else {
				l = p.leg(ctx, st.mask, st.pos, pi, p.points[pi])
			}
			if l.err != nil {
				if ctx.Err() != nil {
					return fmt.Errorf("robot: plan: %w", ctx.Err())
				}
				p.fail(st, fmt.Errorf("reaching %s: %w", s.name, l.err))
				continue
			}
			base := st.base[c]
			path, t := p.move(st, l, base+s.lo+timeEps)
			if t > base+s.hi-timeEps || t > p.horizon {
				lim := math.Min(base+s.hi, p.horizon)
				p.fail(st, fmt.Errorf("%s: earliest arrival t=%s misses its deadline t=%s", s.name, num(t), num(lim)))
				continue
			}
			path, t = p.dwell(path, t, s.dwell+timeEps)
			ns := &searchState{pos: pi, t: t, mask: st.mask, path: path, final: st.final || s.final,
				next: append([]int(nil), st.next...), base: append([]float64(nil), st.base...),
				order: append(append([]string(nil), st.order...), s.name)}
			ns.next[c]++
			ns.base[c] = t - s.dwell - timeEps
			if ns.next[c] == len(ch) {
				for i, kc := range p.lockKey {
					if kc == c {
						ns.mask |= 1 << uint(i)
					}
				}
			}
			if err := p.dfs(ctx, ns); err != nil {
				return err
			}
		}
	}
	if done {
		p.finish(ctx, st)
	}
	return nil
}

func (p *planner) fail(st *searchState, err error) {
	if p.robotErr != nil && len(st.order) < p.failDepth {
		return
	}
	if len(st.order) > 0 {
		err = fmt.Errorf("after %s, %w", strings.Join(st.order, " → "), err)
	}
	p.robotErr, p.failDepth = err, len(st.order)
}

func (p *planner) finish(ctx context.Context, st *searchState) {
	path, t := st.path, st.t
	rob := &p.env.Robots[0]
	if rob.Goal != nil {
		if st.final {
			if rob.Goal.Dist(p.points[st.pos]) > 1e-9 {
				return
			}
		} else {
			l := p.leg(ctx, st.mask, st.pos, len(p.points)-1, *rob.Goal)
			if l.err != nil {
				p.fail(st, fmt.Errorf("reaching the goal: %w", l.err))
				return
			}
			path, t = p.move(st, l, 0)
		}
	}
	if t > p.horizon {
		p.fail(st, fmt.Errorf("the plan would end at t=%s, after the horizon %s", num(t), num(p.horizon)))
		return
	}
	if len(path) == 1 {
		path = append(path, stl.Waypoint{X: path[0].X, Y: path[0].Y, T: timeEps})
	}
	if p.best == nil || t < p.best.end {
		p.best = &candidate{path: path, order: st.order, end: t}
	}
}

// String summarises a plan in one line.
func (r *PlanResult) String() string {
	return fmt.Sprintf("plan: %s; ends at t=%s; robustness %s", strings.Join(r.Order, " → "), num(r.Trajectory.End()), num(r.Check.Robustness))
}
