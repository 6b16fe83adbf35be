package geom

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
)

// PathOptions describe the robot and its workspace.
type PathOptions struct {
	// Radius is the robot's disc radius; obstacles are inflated by
	// Radius + Margin.
	Radius float64
	// Margin is an extra safety distance kept from obstacles and walls.
	Margin float64
	// Bounds, when set, is the workspace: the robot's centre stays
	// Radius + Margin inside it.
	Bounds *Box
	// Segments is the number of sides per quarter circle of the polygon
	// standing in for the disc when inflating (default DefaultSegments).
	Segments int
	// Tol is the predicates' absolute tolerance (default DefaultTol).
	Tol float64
}

// Path is a collision-free polyline.
type Path struct {
	// Points are the waypoints from start to goal (just the start when
	// start = goal).
	Points []Point
	// Length is the Euclidean length of the polyline.
	Length float64
	// Clearance is the minimum distance from the polyline to the original
	// (not inflated) obstacles; +Inf without obstacles.
	Clearance float64
}

// Errors of path queries; callers branch on them with errors.Is.
var (
	// ErrNoPath: start and goal are valid but no collision-free path joins
	// them.
	ErrNoPath = errors.New("geom: no collision-free path")
	// ErrBlocked: the start or goal lies inside an inflated obstacle
	// (wrapped by a *BlockedError naming it).
	ErrBlocked = errors.New("geom: point inside an inflated obstacle")
	// ErrOutOfBounds: the start or goal lies outside the workspace bounds
	// deflated by radius + margin (wrapped by a *BlockedError).
	ErrOutOfBounds = errors.New("geom: point outside the workspace")
)

// BlockedError says which obstacle (or the workspace bounds) rules out a
// start or goal point.
type BlockedError struct {
	Which    string // "start" or "goal"
	Point    Point
	Obstacle int // index in the obstacle list; -1 for the workspace bounds
	// Clearance is the distance from Point to the original obstacle (or,
	// for the bounds, to the nearest wall, negative outside).
	Clearance float64
	Required  float64 // radius + margin
}

func (e *BlockedError) Error() string {
	if e.Obstacle < 0 {
		return fmt.Sprintf("geom: %s %v is outside the workspace shrunk by radius+margin %g (distance to the walls %.6g)", e.Which, e.Point, e.Required, e.Clearance)
	}
	return fmt.Sprintf("geom: %s %v is inside obstacle %d inflated by radius+margin %g (clearance %.6g)", e.Which, e.Point, e.Obstacle, e.Required, e.Clearance)
}

// Unwrap returns ErrBlocked or ErrOutOfBounds.
func (e *BlockedError) Unwrap() error {
	if e.Obstacle < 0 {
		return ErrOutOfBounds
	}
	return ErrBlocked
}

// prepared is a polygon with its bounding rectangle.
type prepared struct {
	Polygon
	r rect
}

func prepare(p Polygon) prepared { return prepared{p, p.rect()} }

type vnode struct {
	p, prev, next Point
}

type arc struct {
	to int
	w  float64
}

// VisibilityGraph is the reduced visibility graph of a set of obstacles for
// a disc robot. It is immutable once built and safe for concurrent use.
type VisibilityGraph struct {
	opts      PathOptions
	clear     float64
	tol       float64
	obstacles []Polygon
	inflated  [][]prepared // per obstacle
	merged    []prepared   // union of all inflated obstacles
	bounds    *Box         // deflated workspace
	nodes     []vnode
	adj       [][]arc
	edges     int
}

func (o *PathOptions) normalise() error {
	if !finite(o.Radius) || o.Radius < 0 {
		return fmt.Errorf("geom: radius %g must be finite and ≥ 0", o.Radius)
	}
	if !finite(o.Margin) || o.Margin < 0 {
		return fmt.Errorf("geom: margin %g must be finite and ≥ 0", o.Margin)
	}
	if o.Segments <= 0 {
		o.Segments = DefaultSegments
	}
	if o.Segments > MaxSegments {
		return fmt.Errorf("geom: segments %d is more than %d", o.Segments, MaxSegments)
	}
	if o.Tol == 0 {
		o.Tol = DefaultTol
	}
	if !finite(o.Tol) || o.Tol < 0 {
		return fmt.Errorf("geom: tolerance %g must be finite and ≥ 0", o.Tol)
	}
	if o.Bounds != nil {
		if _, err := NewBox(o.Bounds.XMin, o.Bounds.XMax, o.Bounds.YMin, o.Bounds.YMax); err != nil {
			return fmt.Errorf("geom: bounds: %s", trimPrefix(err))
		}
	}
	return nil
}

// NewVisibilityGraph inflates the obstacles by radius + margin, merges
// them, and links the convex corners of the merged obstacles that lie in
// the deflated workspace by every bitangent segment that enters no
// obstacle interior.
func NewVisibilityGraph(ctx context.Context, obstacles []Polygon, opts PathOptions) (*VisibilityGraph, error) {
	if err := opts.normalise(); err != nil {
		return nil, err
	}
	g := &VisibilityGraph{opts: opts, clear: opts.Radius + opts.Margin, tol: opts.Tol, obstacles: obstacles}
	if opts.Bounds != nil {
		b, ok := opts.Bounds.Shrink(g.clear)
		if !ok {
			return nil, fmt.Errorf("geom: bounds %s are too small for radius+margin %g", *opts.Bounds, g.clear)
		}
		g.bounds = &b
	}
	var all []Polygon
	for i, o := range obstacles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		inf, err := Inflate(o, g.clear, opts.Segments)
		if err != nil {
			return nil, fmt.Errorf("geom: obstacle %d: %s", i, trimPrefix(err))
		}
		ps := make([]prepared, len(inf))
		for j, p := range inf {
			ps[j] = prepare(p)
		}
		g.inflated = append(g.inflated, ps)
		all = append(all, inf...)
	}
	if len(all) > 0 {
		merged, err := Union(all)
		if err != nil {
			return nil, err
		}
		for _, p := range merged {
			g.merged = append(g.merged, prepare(p))
		}
	}
	for _, p := range g.merged {
		for _, r := range p.rings() {
			n := len(r)
			for i, v := range r {
				prev, next := r[(i+n-1)%n], r[(i+1)%n]
				if orient(prev, v, next) <= 0 {
					continue // not a convex corner of the obstacle
				}
				if g.bounds != nil && !g.bounds.Contains(v, g.tol) {
					continue
				}
				g.nodes = append(g.nodes, vnode{v, prev, next})
			}
		}
	}
	g.adj = make([][]arc, len(g.nodes))
	for i := range g.nodes {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		for j := i + 1; j < len(g.nodes); j++ {
			a, b := g.nodes[i], g.nodes[j]
			if !tangent(a, b.p) || !tangent(b, a.p) || !g.segmentFree(a.p, b.p) {
				continue
			}
			w := a.p.Dist(b.p)
			g.adj[i] = append(g.adj[i], arc{j, w})
			g.adj[j] = append(g.adj[j], arc{i, w})
			g.edges++
		}
	}
	return g, nil
}

// tangent reports whether the line from corner n towards w supports the
// obstacle at n: both ring neighbours lie on the same closed side of it.
// Only such segments can be part of a shortest path.
func tangent(n vnode, w Point) bool {
	d := w.Sub(n.p)
	dl := d.Norm()
	if dl == 0 {
		return true
	}
	s1 := d.Cross(n.prev.Sub(n.p)) / (dl * n.prev.Dist(n.p))
	s2 := d.Cross(n.next.Sub(n.p)) / (dl * n.next.Dist(n.p))
	const eps = 1e-10
	return !((s1 > eps && s2 < -eps) || (s1 < -eps && s2 > eps))
}

// segmentFree reports whether ab enters no inflated obstacle's interior.
// Endpoints are assumed to be inside the (convex) deflated workspace.
func (g *VisibilityGraph) segmentFree(a, b Point) bool {
	sr := segRect(a, b)
	for i := range g.merged {
		p := &g.merged[i]
		if !p.r.overlaps(sr, g.tol) {
			continue
		}
		if p.entersR(a, b, g.tol, p.r) {
			return false
		}
	}
	return true
}

// SegmentFree reports whether a disc robot can move straight from a to b:
// the segment stays in the deflated workspace and enters no inflated
// obstacle's interior.
func (g *VisibilityGraph) SegmentFree(a, b Point) bool {
	if g.bounds != nil && (!g.bounds.Contains(a, g.tol) || !g.bounds.Contains(b, g.tol)) {
		return false
	}
	return g.segmentFree(a, b)
}

// Check returns nil when p is a valid position for the robot's centre and
// a *BlockedError otherwise (which is "start" or "goal" in its message).
func (g *VisibilityGraph) Check(which string, p Point) error {
	if !p.Finite() {
		return fmt.Errorf("geom: %s %v has a non-finite coordinate", which, p)
	}
	if g.bounds != nil && !g.bounds.Contains(p, g.tol) {
		b := *g.opts.Bounds
		wall := math.Min(math.Min(p.X-b.XMin, b.XMax-p.X), math.Min(p.Y-b.YMin, b.YMax-p.Y))
		return &BlockedError{Which: which, Point: p, Obstacle: -1, Clearance: wall, Required: g.clear}
	}
	for i, ps := range g.inflated {
		for _, q := range ps {
			if q.locate(p, g.tol, q.r) == Inside {
				return &BlockedError{Which: which, Point: p, Obstacle: i, Clearance: g.obstacles[i].Distance(p), Required: g.clear}
			}
		}
	}
	for _, q := range g.merged {
		if q.Locate(p, g.tol) == Inside {
			// Inside the union only: on an edge shared by two obstacles.
			best, bi := math.Inf(1), 0
			for i, o := range g.obstacles {
				if d := o.Distance(p); d < best {
					best, bi = d, i
				}
			}
			return &BlockedError{Which: which, Point: p, Obstacle: bi, Clearance: best, Required: g.clear}
		}
	}
	return nil
}

// Nodes returns the graph's corner points.
func (g *VisibilityGraph) Nodes() []Point {
	out := make([]Point, len(g.nodes))
	for i, n := range g.nodes {
		out[i] = n.p
	}
	return out
}

// NumEdges returns the number of (undirected) edges between corners.
func (g *VisibilityGraph) NumEdges() int { return g.edges }

// Inflated returns the merged inflated obstacles the graph avoids.
func (g *VisibilityGraph) Inflated() []Polygon {
	out := make([]Polygon, len(g.merged))
	for i, p := range g.merged {
		out[i] = p.Polygon
	}
	return out
}

// InflatedObstacle returns obstacle i inflated by radius + margin.
func (g *VisibilityGraph) InflatedObstacle(i int) []Polygon {
	out := make([]Polygon, len(g.inflated[i]))
	for j, p := range g.inflated[i] {
		out[j] = p.Polygon
	}
	return out
}

// Bounds returns the workspace deflated by radius + margin, if any.
func (g *VisibilityGraph) Bounds() (Box, bool) {
	if g.bounds == nil {
		return Box{}, false
	}
	return *g.bounds, true
}

// Clearance returns the minimum distance from the polyline to the original
// obstacles (+Inf without obstacles).
func (g *VisibilityGraph) Clearance(path []Point) float64 { return Clearance(path, g.obstacles) }

// ShortestPath returns a shortest collision-free path from start to goal in
// the polygonal model: start and goal are joined to every corner they see
// along a supporting line, then A* with the straight-line heuristic
// searches the graph. It returns a *BlockedError (ErrBlocked,
// ErrOutOfBounds) when start or goal is not a valid position and ErrNoPath
// when they lie in different free regions.
func (g *VisibilityGraph) ShortestPath(ctx context.Context, start, goal Point) (Path, error) {
	if err := g.Check("start", start); err != nil {
		return Path{}, err
	}
	if err := g.Check("goal", goal); err != nil {
		return Path{}, err
	}
	if start == goal {
		pts := []Point{start}
		return Path{Points: pts, Clearance: g.Clearance(pts)}, nil
	}
	if g.segmentFree(start, goal) {
		pts := []Point{start, goal}
		return Path{Points: pts, Length: start.Dist(goal), Clearance: g.Clearance(pts)}, nil
	}
	n := len(g.nodes)
	s, t := n, n+1
	extra := make([][]arc, 2) // arcs out of start and goal
	toGoal := make([]float64, n)
	for i := range toGoal {
		toGoal[i] = -1
	}
	for i, nd := range g.nodes {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Path{}, err
			}
		}
		if tangent(nd, start) && g.segmentFree(start, nd.p) {
			extra[0] = append(extra[0], arc{i, start.Dist(nd.p)})
		}
		if tangent(nd, goal) && g.segmentFree(nd.p, goal) {
			toGoal[i] = nd.p.Dist(goal)
		}
	}
	pt := func(i int) Point {
		switch i {
		case s:
			return start
		case t:
			return goal
		}
		return g.nodes[i].p
	}
	dist := make([]float64, n+2)
	prev := make([]int, n+2)
	for i := range dist {
		dist[i] = math.Inf(1)
		prev[i] = -1
	}
	dist[s] = 0
	pq := &astarQueue{{s, start.Dist(goal)}}
	done := make([]bool, n+2)
	pops := 0
	for pq.Len() > 0 {
		it := heap.Pop(pq).(qitem)
		u := it.node
		if done[u] {
			continue
		}
		done[u] = true
		if u == t {
			break
		}
		if pops++; pops%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return Path{}, err
			}
		}
		relax := func(v int, w float64) {
			if nd := dist[u] + w; nd < dist[v] {
				dist[v] = nd
				prev[v] = u
				heap.Push(pq, qitem{v, nd + pt(v).Dist(goal)})
			}
		}
		var out []arc
		if u == s {
			out = extra[0]
		} else {
			out = g.adj[u]
			if toGoal[u] >= 0 {
				relax(t, toGoal[u])
			}
		}
		for _, a := range out {
			relax(a.to, a.w)
		}
	}
	if math.IsInf(dist[t], 1) {
		return Path{}, fmt.Errorf("%w from %v to %v", ErrNoPath, start, goal)
	}
	var rev []Point
	for v := t; v >= 0; v = prev[v] {
		rev = append(rev, pt(v))
	}
	pts := make([]Point, len(rev))
	for i, p := range rev {
		pts[len(rev)-1-i] = p
	}
	return Path{Points: pts, Length: PolylineLength(pts), Clearance: g.Clearance(pts)}, nil
}

// ShortestPath builds the visibility graph of the obstacles and returns a
// shortest collision-free path from start to goal. To query many pairs in
// one environment, build a VisibilityGraph once instead.
func ShortestPath(ctx context.Context, start, goal Point, obstacles []Polygon, opts PathOptions) (Path, error) {
	g, err := NewVisibilityGraph(ctx, obstacles, opts)
	if err != nil {
		return Path{}, err
	}
	return g.ShortestPath(ctx, start, goal)
}

type qitem struct {
	node int
	f    float64
}

type astarQueue []qitem

func (q astarQueue) Len() int           { return len(q) }
func (q astarQueue) Less(i, j int) bool { return q[i].f < q[j].f }
func (q astarQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *astarQueue) Push(x any)        { *q = append(*q, x.(qitem)) }
func (q *astarQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
