package robot

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// robotPlanner searches one robot's visit order over the chains assigned
// to it.
type robotPlanner struct {
	env    *Env
	rob    *Robot
	idx    int
	opts   PlanOptions
	chains []*chain
	avoid  []*Region
	// locks[i] blocks its regions until chain lockChain[i] is done.
	locks     [][]*Region
	lockChain []int
	// closes[j] blocks its regions once step closeStep[j] is done.
	closes     [][]*Region
	closeStep  []*step
	resp       []response
	extra      []geom.Polygon // parking discs of other robots
	points     []geom.Point
	cache      *planCache
	insideMemo map[insideKey]bool
	extraID    int // names the extra obstacles in cache keys
	dist       map[legKey]leg
	respPts    [][]int // target point indices per response
	best       *robotPlan
	nodes      int
	horizon    float64
	speed      float64
	memo       map[string]float64
	failErr    error
	failDepth  int
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

// robotPlan is one robot's timed path.
type robotPlan struct {
	path  stl.Path
	order []string
	end   float64
	// lastLeg is the index in path where the final leg starts (-1: the
	// path ends at a target it was already at), lastMask the graph mask
	// then; finalRegion is the region the path ends in (nil for a goal).
	lastLeg     int
	lastMask    uint64
	finalRegion *Region
	endMask     uint64
	stay        bool // the plan ends with a stay to the end (F G)
}

func newRobotPlanner(env *Env, idx int, opts PlanOptions, tk *task, chains []int, extra []geom.Polygon, cache *planCache) (*robotPlanner, error) {
	p := &robotPlanner{env: env, rob: &env.Robots[idx], idx: idx, opts: opts, extra: extra,
		cache: cache, insideMemo: map[insideKey]bool{}, dist: map[legKey]leg{}, memo: map[string]float64{}}
	if p.cache == nil {
		p.cache = newPlanCache()
	}
	if len(extra) > 0 {
		p.cache.extras++
		p.extraID = p.cache.extras
	}
	p.avoid = append(append([]*Region(nil), tk.avoid...), tk.avoidOf[idx]...)
	local := map[int]int{}
	for _, ci := range chains {
		local[ci] = len(p.chains)
		// Copy the steps: target point indices are per planner.
		ch := *tk.chains[ci]
		ch.steps = nil
		for _, s := range tk.chains[ci].steps {
			c := *s
			c.pts = nil
			ch.steps = append(ch.steps, &c)
		}
		p.chains = append(p.chains, &ch)
	}
	for _, l := range tk.locks {
		if l.robot >= 0 && l.robot != idx {
			continue
		}
		lc, ok := local[l.chain]
		if !ok {
			// The key chain is not this robot's: the door stays locked.
			p.avoid = append(p.avoid, l.regions...)
			continue
		}
		p.locks = append(p.locks, l.regions)
		p.lockChain = append(p.lockChain, lc)
	}
	for _, ch := range p.chains {
		for _, s := range ch.steps {
			if len(s.closes) > 0 {
				p.closes = append(p.closes, s.closes)
				p.closeStep = append(p.closeStep, s)
			}
		}
	}
	if len(p.locks)+len(p.closes) > 60 {
		return nil, fmt.Errorf("%w: more than 60 until and keep-out requirements for one robot", ErrUnsupported)
	}
	for _, r := range tk.responses {
		if r.robot < 0 || r.robot == idx {
			p.resp = append(p.resp, r)
		}
	}
	p.speed = p.rob.MaxSpeed * opts.SpeedFactor
	if p.speed <= 0 {
		p.speed = 1
	}
	p.horizon = env.Horizon
	if p.horizon <= 0 {
		p.horizon = math.Inf(1)
	}
	if err := p.targets(); err != nil {
		return nil, err
	}
	return p, nil
}

// targets picks target points: the deepest of each region's centroid and
// box centre.
func (p *robotPlanner) targets() error {
	p.points = []geom.Point{p.rob.Start}
	idx := map[*Region]int{}
	add := func(r *Region) (int, error) {
		if i, ok := idx[r]; ok {
			return i, nil
		}
		q, err := inside(r)
		if err != nil {
			return 0, err
		}
		idx[r] = len(p.points)
		p.points = append(p.points, q)
		return idx[r], nil
	}
	for _, ch := range p.chains {
		for _, s := range ch.steps {
			for _, r := range s.regions {
				i, err := add(r)
				if err != nil {
					return err
				}
				s.pts = append(s.pts, i)
			}
		}
	}
	p.respPts = make([][]int, len(p.resp))
	for k, rs := range p.resp {
		for _, r := range rs.target {
			i, err := add(r)
			if err != nil {
				return err
			}
			p.respPts[k] = append(p.respPts[k], i)
		}
	}
	if p.rob.Goal != nil {
		p.points = append(p.points, *p.rob.Goal)
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

func inRegions(q geom.Point, rs []*Region) bool {
	for _, r := range rs {
		for _, poly := range r.Shape.Polygons {
			if stl.SignedDistance(q, poly) > 0 {
				return true
			}
		}
	}
	return false
}

// blocked lists the regions a robot must keep out of under mask.
func (p *robotPlanner) blocked(mask uint64) []*Region {
	out := slices.Clone(p.avoid)
	for i, l := range p.locks {
		if mask&(1<<uint(i)) == 0 {
			out = append(out, l...)
		}
	}
	for j, c := range p.closes {
		if mask&(1<<uint(len(p.locks)+j)) != 0 {
			out = append(out, c...)
		}
	}
	return out
}

// setKey names an obstacle set: the robot's radius and the blocked
// regions (planners of robots alike share graphs and legs).
func (p *robotPlanner) setKey(rs []*Region) string {
	var names []string
	for _, r := range rs {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	k := fmt.Sprintf("%g|%s", p.rob.Radius, strings.Join(names, ","))
	if len(p.extra) > 0 {
		k = fmt.Sprintf("extra%d|", p.extraID) + k
	}
	return k
}

func (p *robotPlanner) graph(ctx context.Context, mask uint64) (*geom.VisibilityGraph, error) {
	return p.graphFor(ctx, p.blocked(mask))
}

func (p *robotPlanner) graphFor(ctx context.Context, blocked []*Region) (*geom.VisibilityGraph, error) {
	key := p.setKey(blocked)
	if g, ok := p.cache.graphs[key]; ok {
		return g, nil
	}
	rad := p.rob.Radius
	var obs []geom.Polygon
	for _, o := range p.env.Obstacles() {
		for _, poly := range o.Shape.Polygons {
			if rad > 0 {
				inf, err := geom.Inflate(poly, rad, 1)
				if err != nil {
					return nil, fmt.Errorf("robot: plan: inflating %q: %w", o.Name, err)
				}
				obs = append(obs, inf...)
			} else {
				obs = append(obs, poly)
			}
		}
	}
	obs = append(obs, p.extra...)
	for _, r := range blocked {
		obs = append(obs, r.Shape.Polygons...)
	}
	b := p.env.Bounds
	g, err := geom.NewVisibilityGraph(ctx, obs, geom.PathOptions{Margin: p.opts.Margin, Bounds: &b, Segments: 1})
	if err != nil {
		return nil, fmt.Errorf("robot: plan: %w", err)
	}
	p.cache.graphs[key] = g
	return g, nil
}

// violated returns the regions of rs the polyline comes within the
// margin of.
func (p *robotPlanner) violated(pts []geom.Point, rs []*Region) []*Region {
	var out []*Region
	for _, r := range rs {
		hit := false
		for _, poly := range r.Shape.Polygons {
			if len(pts) == 1 && poly.Distance(pts[0]) < p.opts.Margin*(1-1e-9) {
				hit = true
			}
			for i := 1; i < len(pts) && !hit; i++ {
				if poly.SegmentDistance(pts[i-1], pts[i]) < p.opts.Margin*(1-1e-9) {
					hit = true
				}
			}
		}
		if hit {
			out = append(out, r)
		}
	}
	return out
}

type sharedLeg struct {
	graph    string
	from, to geom.Point
}

// planCache holds visibility graphs and legs shared by the planners of
// one Plan call.
type planCache struct {
	graphs map[string]*geom.VisibilityGraph
	legs   map[sharedLeg]leg
	extras int // extra obstacle sets handed out
}

func newPlanCache() *planCache {
	return &planCache{graphs: map[string]*geom.VisibilityGraph{}, legs: map[sharedLeg]leg{}}
}

func (p *robotPlanner) leg(ctx context.Context, mask uint64, from, to int) leg {
	k := legKey{mask, from, to}
	if l, ok := p.dist[k]; ok {
		return l
	}
	var l leg
	if from == to {
		l = leg{pts: []geom.Point{p.points[from]}}
	} else {
		// Keep out of response triggers the leg does not start or end
		// in (passing through one would start a deadline), if possible.
		var soft []*Region
		for _, r := range p.resp {
			for _, x := range r.trigger {
				if !p.inside(from, []*Region{x}) && !p.inside(to, []*Region{x}) && !slices.Contains(soft, x) {
					soft = append(soft, x)
				}
			}
		}
		l = p.sharedLeg(ctx, mask, p.points[from], p.points[to], soft)
		if l.err != nil && len(soft) > 0 && ctx.Err() == nil {
			l = p.sharedLeg(ctx, mask, p.points[from], p.points[to], nil)
		}
	}
	if ctx.Err() == nil {
		p.dist[k] = l
	}
	return l
}

// sharedLeg is the shortest path under mask, found lazily: start from
// the regions blocked whatever the locks, find the shortest path, add the
// mask's blocked regions it comes too close to, and repeat. Each path is
// shortest over a free space containing the mask's, so the first one that
// keeps out of every blocked region is shortest under the mask; the
// graphs of these small obstacle sets are shared across masks.
func (p *robotPlanner) sharedLeg(ctx context.Context, mask uint64, a, b geom.Point, soft []*Region) leg {
	all := append(p.blocked(mask), soft...)
	set := slices.Clone(p.avoid)
	for {
		sk := sharedLeg{p.setKey(set), a, b}
		l, ok := p.cache.legs[sk]
		if !ok {
			if g, err := p.graphFor(ctx, set); err != nil {
				l.err = err
			} else if path, err := g.ShortestPath(ctx, a, b); err != nil {
				l.err = err
			} else {
				l.pts, l.len = path.Points, path.Length
			}
			if ctx.Err() != nil {
				return l
			}
			p.cache.legs[sk] = l
		}
		if l.err != nil {
			return l
		}
		var rest []*Region
		for _, r := range all {
			if !slices.Contains(set, r) {
				rest = append(rest, r)
			}
		}
		v := p.violated(l.pts, rest)
		if len(v) == 0 {
			return l
		}
		set = append(set, v...)
	}
}

// state of the order search.
type searchState struct {
	pos   int // point index
	t     float64
	mask  uint64
	next  []int     // next step index per chain
	base  []float64 // time the chain's previous step finished
	trail *trail
	order []string
	final bool
	// due[k]: deadline of response k's pending obligation (+Inf: none);
	// for a tether, the time the robot left the place plus d.
	due     []float64
	lastLeg int
	lastMsk uint64
	finalR  *Region
}

const timeEps = 1e-3

func (p *robotPlanner) search(ctx context.Context) (*robotPlan, error) {
	st := &searchState{next: make([]int, len(p.chains)), base: make([]float64, len(p.chains)),
		trail: &trail{wps: []stl.Waypoint{{X: p.rob.Start.X, Y: p.rob.Start.Y, T: 0}}, n: 1}, due: make([]float64, len(p.resp)), lastLeg: -1}
	for k, r := range p.resp {
		st.due[k] = math.Inf(1)
		switch {
		case r.tether && !inRegions(p.rob.Start, r.target):
			st.due[k] = r.d
		case !r.tether && inRegions(p.rob.Start, r.trigger) && !inRegions(p.rob.Start, r.target):
			st.due[k] = r.d
		}
	}
	if err := p.dfs(ctx, st); err != nil {
		return nil, err
	}
	if p.best == nil {
		msg := "no order of the visits reaches every place within its deadline and the horizon"
		if p.nodes > p.opts.MaxNodes {
			msg = fmt.Sprintf("none found in the first %d search nodes", p.opts.MaxNodes)
		}
		if p.failErr != nil {
			msg += " (furthest attempt: " + p.failErr.Error() + ")"
		}
		return nil, fmt.Errorf("%w: %s: %s", ErrNoPlan, p.rob.Name, msg)
	}
	return p.best, nil
}

// trail is a persistent timed path: each visit adds a piece on top of
// the path of the state it came from, so states share their prefixes.
type trail struct {
	prev *trail
	wps  []stl.Waypoint
	n    int // waypoints from the start up to and including this piece
}

func (tr *trail) last() stl.Waypoint { return tr.wps[len(tr.wps)-1] }

// path materialises the trail.
func (tr *trail) path() stl.Path {
	out := make(stl.Path, tr.n)
	for x := tr; x != nil; x = x.prev {
		copy(out[x.n-len(x.wps):x.n], x.wps)
	}
	return out
}

// move returns the piece of a leg after the state's trail (with a wait
// before arrival if needed) and the arrival time.
func (p *robotPlanner) move(st *searchState, l leg, earliest float64) (*trail, float64) {
	piece := &trail{prev: st.trail}
	t := st.t
	for i := 1; i < len(l.pts); i++ {
		d := l.pts[i].Dist(l.pts[i-1])
		if d < 1e-12 {
			continue
		}
		t = advance(t, d, p.speed)
		piece.wps = append(piece.wps, stl.Waypoint{X: l.pts[i].X, Y: l.pts[i].Y, T: t})
	}
	if t < earliest {
		var last stl.Waypoint
		if len(piece.wps) > 0 {
			last = piece.wps[len(piece.wps)-1]
			piece.wps = piece.wps[:len(piece.wps)-1]
		} else {
			last = st.trail.last()
		}
		last.T = earliest
		piece.wps = append(piece.wps, last)
		t = earliest
	}
	if len(piece.wps) == 0 {
		return st.trail, t
	}
	piece.n = st.trail.n + len(piece.wps)
	return piece, t
}

// minLegTime is the least time a planned segment takes. Without it a
// huge max_speed makes d/speed vanish against the clock (or against a
// later shift of the whole path by a wait), and two waypoints share a
// time. It stays above the float64 resolution of any time up to twice
// the largest horizon (1e9), so shifted waypoints stay apart too.
const minLegTime = 1e-6

// advance is the clock after travelling d at speed from time t, at
// least minLegTime later: slower than speed when the leg is that short,
// never faster.
func advance(t, d, speed float64) float64 {
	return t + math.Max(d/speed, minLegTime)
}

// dwell adds a stay of d at the end of the trail.
func dwell(tr *trail, t, d float64) (*trail, float64) {
	if d <= 0 {
		return tr, t
	}
	last := tr.last()
	t += d
	last.T = t
	return &trail{prev: tr, wps: []stl.Waypoint{last}, n: tr.n + 1}, t
}

// key is the memo key of a state: place, progress, locks, pending
// obligations and the bases of chains whose next step has a window.
func (p *robotPlanner) key(st *searchState) string {
	var b []byte
	b = binary.AppendUvarint(b, uint64(st.pos))
	b = binary.AppendUvarint(b, st.mask)
	if st.final {
		b = append(b, 1)
	}
	for c, n := range st.next {
		b = binary.AppendUvarint(b, uint64(n))
		if n < len(p.chains[c].steps) {
			s := p.chains[c].steps[n]
			if s.lo > 0 || !math.IsInf(s.hi, 1) {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(st.base[c]))
			}
		}
	}
	for _, d := range st.due {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(d))
	}
	return string(b)
}

func (p *robotPlanner) dfs(ctx context.Context, st *searchState) error {
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
	k := p.key(st)
	if t, ok := p.memo[k]; ok && t <= st.t+1e-12 {
		return nil
	}
	p.memo[k] = st.t
	// Lower bound: the farthest next step.
	done := true
	for c, ch := range p.chains {
		if st.next[c] >= len(ch.steps) {
			continue
		}
		done = false
		s := ch.steps[st.next[c]]
		if p.best == nil || len(s.pts) == 0 {
			continue
		}
		lb := math.Inf(1)
		for _, pi := range s.pts {
			if l := p.leg(ctx, st.mask, st.pos, pi); l.err == nil {
				lb = math.Min(lb, l.len/p.speed)
			}
		}
		if st.t+lb >= p.best.end {
			return nil
		}
	}
	pending := false
	for _, d := range st.due {
		if !math.IsInf(d, 1) {
			pending = true
		}
	}
	for c, ch := range p.chains {
		if st.next[c] >= len(ch.steps) {
			continue
		}
		s := ch.steps[st.next[c]]
		if st.final && !s.final {
			continue
		}
		if len(s.regions) == 0 {
			if err := p.visit(ctx, st, c, s, st.pos); err != nil {
				return err
			}
			continue
		}
		for _, pi := range s.pts {
			if err := p.visit(ctx, st, c, s, pi); err != nil {
				return err
			}
		}
	}
	if pending && !st.final {
		for k, d := range st.due {
			if math.IsInf(d, 1) {
				continue
			}
			for _, pi := range p.respPts[k] {
				name := p.resp[k].target[0].Name
				if r := regionAt(p.points[pi], p.resp[k].target); r != nil {
					name = r.Name
				}
				if err := p.visit(ctx, st, -1, &step{name: name, hi: math.Inf(1)}, pi); err != nil {
					return err
				}
			}
		}
	}
	if done && !pending {
		p.finish(ctx, st)
	}
	return nil
}

// visit moves to point pi for step s of chain c (c = -1: a response
// target), then advances every chain whose next step that point meets.
func (p *robotPlanner) visit(ctx context.Context, st *searchState, c int, s *step, pi int) error {
	l := p.leg(ctx, st.mask, st.pos, pi)
	if l.err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("robot: plan: %w", ctx.Err())
		}
		if locked := p.lockedNames(st.mask); len(locked) > 0 && errors.Is(l.err, geom.ErrNoPath) {
			p.fail(st, fmt.Errorf("reaching %s: %w (kept out of %s then)", s.name, l.err, strings.Join(locked, ", ")))
		} else {
			p.fail(st, fmt.Errorf("reaching %s: %w", s.name, l.err))
		}
		return nil
	}
	earliest := 0.0
	base := 0.0
	if c >= 0 {
		base = st.base[c]
		earliest = base + s.lo + timeEps
	}
	tr, t := p.move(st, l, earliest)
	if c >= 0 && (t > base+s.hi-timeEps || t > p.horizon) {
		lim := math.Min(base+s.hi, p.horizon)
		p.fail(st, fmt.Errorf("%s: earliest arrival t=%s misses its deadline t=%s", s.name, num(t), num(lim)))
		return nil
	}
	if t > p.horizon {
		p.fail(st, fmt.Errorf("%s: arrival t=%s is after the horizon %s", s.name, num(t), num(p.horizon)))
		return nil
	}
	q := p.points[pi]
	ns := &searchState{pos: pi, mask: st.mask, final: st.final || s.final,
		next: append([]int(nil), st.next...), base: append([]float64(nil), st.base...),
		order: append(append([]string(nil), st.order...), s.name), due: append([]float64(nil), st.due...),
		lastLeg: st.trail.n - 1, lastMsk: st.mask}
	if pi == st.pos {
		ns.lastLeg, ns.lastMsk = st.lastLeg, st.lastMsk
	}
	// Responses: obligations started on the way (at the exact time the
	// leg enters a trigger or leaves a return place), met on arrival.
	start := st.trail.last()
	var legWps []stl.Waypoint
	if tr != st.trail {
		legWps = tr.wps
	}
	for k, r := range p.resp {
		if r.tether {
			if math.IsInf(ns.due[k], 1) {
				if leave := leaveTime(start, legWps, r.target); !math.IsInf(leave, 1) {
					ns.due[k] = leave + r.d
				}
			}
			if p.inside(pi, r.target) && !math.IsInf(ns.due[k], 1) {
				if t > ns.due[k]-timeEps {
					p.fail(st, fmt.Errorf("%s: back in %s at t=%s, after the limit t=%s", r.text, r.target[0].Name, num(t), num(ns.due[k])))
					return nil
				}
				ns.due[k] = math.Inf(1)
			}
			continue
		}
		if enter := entryTime(start, legWps, r.trigger); !math.IsInf(enter, 1) {
			ns.due[k] = math.Min(ns.due[k], enter+r.d)
		}
		if !math.IsInf(ns.due[k], 1) && p.inside(pi, r.target) {
			if t > ns.due[k]-timeEps {
				p.fail(st, fmt.Errorf("%s: reached at t=%s, after the limit t=%s", r.text, num(t), num(ns.due[k])))
				return nil
			}
			ns.due[k] = math.Inf(1)
		}
	}
	finalStep := s
	advance := func(cc int, ss *step) {
		ns.next[cc]++
		ns.base[cc] = t
		if ns.next[cc] == len(p.chains[cc].steps) {
			for i, kc := range p.lockChain {
				if kc == cc {
					ns.mask |= 1 << uint(i)
				}
			}
		}
		for j, cs := range p.closeStep {
			if cs == ss {
				ns.mask |= 1 << uint(len(p.locks)+j)
			}
		}
	}
	if c >= 0 {
		advance(c, s)
	}
	// Merge: other chains whose next step this visit also meets.
	for cc, ch := range p.chains {
		if cc == c || ns.next[cc] >= len(ch.steps) {
			continue
		}
		ss := ch.steps[ns.next[cc]]
		if ss.dwell > 0 || ss.final || len(ss.regions) == 0 || !p.inside(pi, ss.regions) {
			continue
		}
		if t < ns.base[cc]+ss.lo+timeEps || t > ns.base[cc]+ss.hi-timeEps {
			continue
		}
		advance(cc, ss)
		if label := ns.order[len(ns.order)-1]; !slices.Contains(strings.Split(label, "+"), ss.name) {
			ns.order[len(ns.order)-1] = label + "+" + ss.name
		}
	}
	tr, t = dwell(tr, t, finalStep.dwell+timeEps)
	ns.t, ns.trail = t, tr
	// Every pending obligation must still be reachable in time.
	for k, d := range ns.due {
		if math.IsInf(d, 1) {
			continue
		}
		ok := false
		for _, pj := range p.respPts[k] {
			if l := p.leg(ctx, ns.mask, pi, pj); l.err == nil && t+l.len/p.speed <= d-timeEps {
				ok = true
				break
			}
		}
		if !ok {
			p.fail(st, fmt.Errorf("after %s, %s cannot be met by t=%s", s.name, p.resp[k].text, num(d)))
			return nil
		}
	}
	if finalStep.final {
		ns.finalR = regionAt(q, finalStep.regions)
	} else if c < 0 {
		ns.finalR = regionAt(q, p.env.regionPtrs())
	}
	return p.dfs(ctx, ns)
}

// lockedNames lists the regions locked (until) or closed (keep-out) under
// mask.
func (p *robotPlanner) lockedNames(mask uint64) []string {
	var out []string
	for i, l := range p.locks {
		if mask&(1<<uint(i)) == 0 {
			for _, r := range l {
				out = append(out, r.Name)
			}
		}
	}
	for j, c := range p.closes {
		if mask&(1<<uint(len(p.locks)+j)) != 0 {
			for _, r := range c {
				out = append(out, r.Name)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// entryTime returns the first time the leg from w0 through wps is inside
// one of rs (boundary included), or +Inf.
func entryTime(w0 stl.Waypoint, wps []stl.Waypoint, rs []*Region) float64 {
	prev := w0
	if len(wps) == 0 {
		wps = []stl.Waypoint{w0}
	}
	for _, w := range wps {
		best := math.Inf(1)
		for _, r := range rs {
			for _, poly := range r.Shape.Polygons {
				if !segNearBox(prev.Point(), w.Point(), poly.Bounds()) {
					continue
				}
				if iv := poly.Intervals(prev.Point(), w.Point(), geom.DefaultTol); len(iv) > 0 {
					best = math.Min(best, prev.T+iv[0][0]*(w.T-prev.T))
				}
			}
		}
		if !math.IsInf(best, 1) {
			return best
		}
		prev = w
	}
	return math.Inf(1)
}

// leaveTime returns the first time the leg from w0 through wps is outside
// every region of rs, or +Inf.
func leaveTime(w0 stl.Waypoint, wps []stl.Waypoint, rs []*Region) float64 {
	prev := w0
	if len(wps) == 0 {
		wps = []stl.Waypoint{w0}
	}
	for _, w := range wps {
		var ivs [][2]float64
		for _, r := range rs {
			for _, poly := range r.Shape.Polygons {
				if segNearBox(prev.Point(), w.Point(), poly.Bounds()) {
					ivs = append(ivs, poly.Intervals(prev.Point(), w.Point(), geom.DefaultTol)...)
				}
			}
		}
		slices.SortFunc(ivs, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
		covered := 0.0
		for _, iv := range ivs {
			if iv[0] > covered+1e-12 {
				break
			}
			covered = math.Max(covered, iv[1])
		}
		if len(ivs) == 0 || covered < 1-1e-12 {
			if len(ivs) == 0 || ivs[0][0] > 1e-12 {
				covered = 0
			}
			return prev.T + covered*(w.T-prev.T)
		}
		prev = w
	}
	return math.Inf(1)
}

// segNearBox reports whether the bounding boxes of segment ab and b
// overlap (within the predicates' tolerance).
func segNearBox(a, c geom.Point, b geom.Box) bool {
	const tol = 1e-6
	return math.Max(a.X, c.X) >= b.XMin-tol && math.Min(a.X, c.X) <= b.XMax+tol &&
		math.Max(a.Y, c.Y) >= b.YMin-tol && math.Min(a.Y, c.Y) <= b.YMax+tol
}

type insideKey struct {
	pt int
	r  *Region
}

// inside reports whether target point pi lies inside one of rs (cached).
func (p *robotPlanner) inside(pi int, rs []*Region) bool {
	for _, r := range rs {
		k := insideKey{pi, r}
		in, ok := p.insideMemo[k]
		if !ok {
			in = inRegions(p.points[pi], []*Region{r})
			p.insideMemo[k] = in
		}
		if in {
			return true
		}
	}
	return false
}

func regionAt(q geom.Point, rs []*Region) *Region {
	for _, r := range rs {
		if inRegions(q, []*Region{r}) {
			return r
		}
	}
	return nil
}

func (e *Env) regionPtrs() []*Region {
	out := make([]*Region, 0, len(e.Regions))
	for i := range e.Regions {
		if !e.Regions[i].Obstacle() {
			out = append(out, &e.Regions[i])
		}
	}
	return out
}

func (p *robotPlanner) fail(st *searchState, err error) {
	if p.failErr != nil && len(st.order) < p.failDepth {
		return
	}
	if len(st.order) > 0 {
		err = fmt.Errorf("after %s, %w", strings.Join(st.order, " → "), err)
	}
	p.failErr, p.failDepth = err, len(st.order)
}

func (p *robotPlanner) finish(ctx context.Context, st *searchState) {
	tr, t := st.trail, st.t
	lastLeg, lastMask, finalR := st.lastLeg, st.lastMsk, st.finalR
	if g := p.rob.Goal; g != nil {
		if st.final {
			if g.Dist(p.points[st.pos]) > 1e-9 {
				p.fail(st, fmt.Errorf("the robot must stay in its last place but end at its goal %s", pt(*g)))
				return
			}
		} else {
			gi := len(p.points) - 1
			l := p.leg(ctx, st.mask, st.pos, gi)
			if l.err != nil {
				p.fail(st, fmt.Errorf("reaching the goal: %w", l.err))
				return
			}
			lastLeg, lastMask, finalR = tr.n-1, st.mask, nil
			tr, t = p.move(st, l, 0)
			for _, r := range p.resp {
				if r.tether && !inRegions(*g, r.target) {
					p.fail(st, fmt.Errorf("%s: the goal %s is outside %s", r.text, pt(*g), r.target[0].Name))
					return
				}
			}
		}
	}
	if t > p.horizon {
		p.fail(st, fmt.Errorf("the plan would end at t=%s, after the horizon %s", num(t), num(p.horizon)))
		return
	}
	if p.best != nil && t >= p.best.end {
		return
	}
	path := tr.path()
	if len(path) == 1 {
		path = append(path, stl.Waypoint{X: path[0].X, Y: path[0].Y, T: timeEps})
		t = timeEps
	}
	p.best = &robotPlan{path: path, order: st.order, end: t, lastLeg: lastLeg, lastMask: lastMask, finalRegion: finalR, endMask: st.mask, stay: st.final}
}
