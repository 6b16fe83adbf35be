package geom

import (
	"cmp"
	"container/heap"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	sf "github.com/peterstace/simplefeatures/geom"
)

func box(xmin, xmax, ymin, ymax float64) Polygon {
	b, err := NewBox(xmin, xmax, ymin, ymax)
	if err != nil {
		panic(err)
	}
	return b.Polygon()
}

func TestShortestPathCases(t *testing.T) {
	ctx := context.Background()
	ws := &Box{0, 10, 0, 10}
	wallEnv := []Polygon{ // AutoTAMP "Wall": a dividing wall at y=2 with a gap at x∈[4,5]
		box(0, 4, 1.95, 2.05), box(5, 10, 1.95, 2.05),
	}
	tests := []struct {
		name        string
		obstacles   []Polygon
		opts        PathOptions
		start, goal Point
		length      float64
		waypoints   int
	}{
		{"direct", []Polygon{box(4, 6, 4, 6)}, PathOptions{}, Pt(0, 0), Pt(10, 1), math.Hypot(10, 1), 2},
		{"around a square", []Polygon{box(4, 6, 4, 6)}, PathOptions{}, Pt(0, 5), Pt(10, 5), 2*math.Sqrt(17) + 2, 4},
		{"around a bloated square", []Polygon{box(4, 6, 4, 6)}, PathOptions{Radius: 0.75, Margin: 0.25, Segments: 1}, Pt(0, 5), Pt(10, 5), 2*math.Sqrt(13) + 4, 4},
		{"start on the inflated boundary", []Polygon{box(4, 6, 4, 6)}, PathOptions{Radius: 1, Segments: 1}, Pt(3, 5), Pt(10, 5), 2 + 4 + math.Sqrt(9+4), 4},
		{"same point", []Polygon{box(4, 6, 4, 6)}, PathOptions{}, Pt(1, 1), Pt(1, 1), 0, 1},
		{"along a wall face", []Polygon{box(2, 8, 4, 6)}, PathOptions{}, Pt(2, 6), Pt(8, 6), 6, 2},
		{"through the wall gap", wallEnv, PathOptions{Radius: 0.2, Segments: 1, Bounds: &Box{0, 10, 0, 4}}, Pt(2, 0.5), Pt(2, 3.5),
			2*math.Hypot(2.2, 1.25) + 0.5, 4},
		{"overlapping obstacles form a T", []Polygon{box(2, 8, 6, 7), box(4.5, 5.5, -1, 7)}, PathOptions{Bounds: ws}, Pt(4, 1), Pt(6, 1), 2*math.Sqrt(29) + 8, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ShortestPath(ctx, tc.start, tc.goal, tc.obstacles, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(p.Length-tc.length) > 1e-9 || len(p.Points) != tc.waypoints {
				t.Fatalf("length %.12g with %d waypoints %v, want %.12g with %d", p.Length, len(p.Points), p.Points, tc.length, tc.waypoints)
			}
			if p.Points[0] != tc.start || p.Points[len(p.Points)-1] != tc.goal {
				t.Fatalf("path %v does not join %v to %v", p.Points, tc.start, tc.goal)
			}
			if need := tc.opts.Radius + tc.opts.Margin; p.Clearance < need-1e-9 {
				t.Fatalf("clearance %g < %g", p.Clearance, need)
			}
		})
	}
}

func TestShortestPathFailures(t *testing.T) {
	ctx := context.Background()
	ring := []Polygon{MustPolygon(pts(0, 0, 6, 0, 6, 6, 0, 6), pts(2, 2, 4, 2, 4, 4, 2, 4))}
	obs := []Polygon{box(1, 2, 1, 2), box(4, 6, 4, 6)}
	tests := []struct {
		name        string
		obstacles   []Polygon
		opts        PathOptions
		start, goal Point
		want        error
		obstacle    int
	}{
		{"enclosed start", ring, PathOptions{}, Pt(3, 3), Pt(8, 8), ErrNoPath, 0},
		{"pocket closed by inflation", ring, PathOptions{Radius: 1.1}, Pt(3, 3), Pt(8, 8), ErrBlocked, 0},
		{"start inside obstacle", obs, PathOptions{}, Pt(5, 5), Pt(0, 0), ErrBlocked, 1},
		{"goal inside inflated obstacle", obs, PathOptions{Radius: 0.3, Margin: 0.2}, Pt(0, 0), Pt(2.3, 1.5), ErrBlocked, 0},
		{"start outside bounds", obs, PathOptions{Bounds: &Box{0, 10, 0, 10}}, Pt(-1, 0), Pt(3, 3), ErrOutOfBounds, -1},
		{"goal too close to a wall", obs, PathOptions{Radius: 0.5, Bounds: &Box{0, 10, 0, 10}}, Pt(3, 3), Pt(9.8, 3), ErrOutOfBounds, -1},
		{"gap narrower than the robot", []Polygon{box(0, 4, 1.95, 2.05), box(5, 10, 1.95, 2.05)}, PathOptions{Radius: 0.6, Bounds: &Box{0, 10, 0, 4}}, Pt(2, 0.6), Pt(2, 3.4), ErrNoPath, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ShortestPath(ctx, tc.start, tc.goal, tc.obstacles, tc.opts)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var be *BlockedError
			if errors.As(err, &be) && be.Obstacle != tc.obstacle {
				t.Fatalf("blocked by %d, want %d (%v)", be.Obstacle, tc.obstacle, err)
			}
		})
	}
	bad := []struct {
		name string
		opts PathOptions
	}{
		{"negative radius", PathOptions{Radius: -1}},
		{"NaN margin", PathOptions{Margin: math.NaN()}},
		{"inverted bounds", PathOptions{Bounds: &Box{10, 0, 0, 10}}},
		{"bounds too small", PathOptions{Radius: 3, Bounds: &Box{0, 5, 0, 5}}},
		{"too many segments", PathOptions{Segments: 1000}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewVisibilityGraph(ctx, obs, tc.opts); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := NewVisibilityGraph(cancelled, obs, PathOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
}

// env is a random planning problem.
type env struct {
	obstacles []Polygon
	opts      PathOptions
	room      *Polygon // the hole of a closed room obstacle, if any
}

func randomEnv(rng *rand.Rand) env {
	var e env
	e.opts = PathOptions{
		Radius:   0.4 * rng.Float64(),
		Margin:   0.1 * rng.Float64(),
		Segments: []int{1, 2, 3}[rng.IntN(3)],
	}
	if rng.IntN(4) > 0 {
		e.opts.Bounds = &Box{0, 10, 0, 10}
	}
	if rng.IntN(5) == 0 {
		e.opts.Radius, e.opts.Margin = 0, 0
	}
	if rng.IntN(3) == 0 { // a closed room with 0.3-thick walls
		x, y, w := 1+5*rng.Float64(), 1+5*rng.Float64(), 2.5+rng.Float64()
		hole := box(x+0.3, x+w-0.3, y+0.3, y+w-0.3)
		e.obstacles = append(e.obstacles, MustPolygon(box(x, x+w, y, y+w).Outer, hole.Outer))
		e.room = &hole
	}
	n := 3 + rng.IntN(4)
	for range n {
		switch rng.IntN(3) {
		case 0: // thin wall
			x, y := rng.Float64()*9, rng.Float64()*9
			if rng.IntN(2) == 0 {
				e.obstacles = append(e.obstacles, box(x, x+1+3*rng.Float64(), y, y+0.1))
			} else {
				e.obstacles = append(e.obstacles, box(x, x+0.1, y, y+1+3*rng.Float64()))
			}
		case 1:
			x, y := rng.Float64()*8, rng.Float64()*8
			e.obstacles = append(e.obstacles, box(x, x+0.3+2*rng.Float64(), y, y+0.3+2*rng.Float64()))
		default:
			c := Pt(1+8*rng.Float64(), 1+8*rng.Float64())
			e.obstacles = append(e.obstacles, randomStar(rng, c, 0.3, 1.5, 3+rng.IntN(5)))
		}
	}
	return e
}

// oracle is a brute-force planner for the same model, independent of the
// visibility graph: every vertex of every individually inflated obstacle,
// every pair tested by dense sampling and then simplefeatures' exact
// DE-9IM relate, and an O(V²) Dijkstra.
type oracle struct {
	prmG     *prmGraph
	inflated []prepared
	sfPolys  []sf.Geometry
	bounds   *Box
	verts    []Point
	vis      [][]bool
}

func newOracle(t *testing.T, e env) *oracle {
	t.Helper()
	o := &oracle{}
	clear := e.opts.Radius + e.opts.Margin
	if e.opts.Bounds != nil {
		b, _ := e.opts.Bounds.Shrink(clear)
		o.bounds = &b
	}
	for _, p := range e.obstacles {
		inf, err := Inflate(p, clear, e.opts.Segments)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range inf {
			o.inflated = append(o.inflated, prepare(p))
		}
	}
	for _, p := range o.inflated {
		o.sfPolys = append(o.sfPolys, p.sf().AsGeometry())
	}
	for _, p := range o.inflated {
		for _, r := range p.Polygon.rings() {
			for _, v := range r {
				if o.pointFree(v) {
					o.verts = append(o.verts, v)
				}
			}
		}
	}
	o.vis = make([][]bool, len(o.verts))
	for i := range o.verts {
		o.vis[i] = make([]bool, len(o.verts))
	}
	for i := range o.verts {
		for j := i + 1; j < len(o.verts); j++ {
			v := o.segFree(o.verts[i], o.verts[j])
			o.vis[i][j], o.vis[j][i] = v, v
		}
	}
	return o
}

func (o *oracle) pointFree(p Point) bool {
	if o.bounds != nil && !o.bounds.Contains(p, 1e-9) {
		return false
	}
	for i := range o.inflated {
		q := &o.inflated[i]
		if q.locate(p, 1e-9, q.r) == Inside {
			return false
		}
	}
	return true
}

func (o *oracle) segFree(a, b Point) bool {
	n := int(math.Ceil(a.Dist(b)/0.02)) + 1
	for s := 0; s <= n; s++ {
		if !o.pointFree(a.Lerp(b, float64(s)/float64(n))) {
			return false
		}
	}
	for i, g := range o.sfPolys {
		if !o.inflated[i].r.overlaps(segRect(a, b), 0) {
			continue
		}
		m, err := sf.Relate(sfLine(a, b), g)
		if err != nil {
			panic(err)
		}
		if m[0] != 'F' {
			// The open segment meets the open polygon: a real intrusion
			// unless it is within rounding of the boundary.
			if o.inflated[i].SegmentEntersInterior(a, b, 1e-7) {
				return false
			}
		}
	}
	return true
}

// shortest returns the length of a shortest path from s to g, or +Inf.
func (o *oracle) shortest(s, g Point) float64 {
	n := len(o.verts)
	pts := append(append([]Point{}, o.verts...), s, g)
	vis := func(i, j int) bool {
		if i < n && j < n {
			return o.vis[i][j]
		}
		return o.segFree(pts[i], pts[j])
	}
	dist := make([]float64, n+2)
	done := make([]bool, n+2)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[n] = 0
	for {
		u := -1
		for i := range dist {
			if !done[i] && !math.IsInf(dist[i], 1) && (u < 0 || dist[i] < dist[u]) {
				u = i
			}
		}
		if u < 0 || u == n+1 {
			break
		}
		done[u] = true
		for v := range pts {
			if !done[v] && vis(u, v) {
				dist[v] = math.Min(dist[v], dist[u]+pts[u].Dist(pts[v]))
			}
		}
	}
	return dist[n+1]
}

// prmGraph is a 16-connected grid of step prmStep plus random samples over
// [0,10]², restricted to free points, with edges checked by sampling.
type prmGraph struct {
	nodes []Point
	adj   [][]arc
}

const prmStep = 0.25

func (o *oracle) sampleFree(a, b Point) bool {
	n := int(math.Ceil(a.Dist(b)/0.02)) + 1
	for k := 1; k < n; k++ {
		if !o.pointFree(a.Lerp(b, float64(k)/float64(n))) {
			return false
		}
	}
	return true
}

func (o *oracle) buildPRM(rng *rand.Rand) {
	var nodes []Point
	for i := 0; i <= 40; i++ {
		for j := 0; j <= 40; j++ {
			nodes = append(nodes, Pt(float64(i)*prmStep, float64(j)*prmStep))
		}
	}
	for range 300 {
		nodes = append(nodes, Pt(10*rng.Float64(), 10*rng.Float64()))
	}
	g := &prmGraph{}
	for _, p := range nodes {
		if o.pointFree(p) {
			g.nodes = append(g.nodes, p)
		}
	}
	slices.SortFunc(g.nodes, func(a, b Point) int { return cmp.Compare(a.X, b.X) })
	g.adj = make([][]arc, len(g.nodes))
	for i, a := range g.nodes {
		for j := i + 1; j < len(g.nodes) && g.nodes[j].X-a.X <= 2.3*prmStep; j++ {
			b := g.nodes[j]
			if d := a.Dist(b); d <= 2.3*prmStep && o.sampleFree(a, b) {
				g.adj[i] = append(g.adj[i], arc{j, d})
				g.adj[j] = append(g.adj[j], arc{i, d})
			}
		}
	}
	o.prmG = g
}

// prm returns the length of a shortest PRM path from s to g, or +Inf.
func (o *oracle) prm(s, g Point) float64 {
	pg := o.prmG
	n := len(pg.nodes)
	si, gi := n, n+1
	link := [2][]arc{}
	for k, e := range []Point{s, g} {
		for i, p := range pg.nodes {
			if d := e.Dist(p); d <= 2.3*prmStep && o.sampleFree(e, p) {
				link[k] = append(link[k], arc{i, d})
			}
		}
	}
	toGoal := map[int]float64{}
	for _, a := range link[1] {
		toGoal[a.to] = a.w
	}
	if d := s.Dist(g); d <= 2.3*prmStep && o.sampleFree(s, g) {
		return d
	}
	dist := make([]float64, n+2)
	done := make([]bool, n+2)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[si] = 0
	pq := &astarQueue{{si, 0}}
	for pq.Len() > 0 {
		u := popItem(pq).node
		if done[u] {
			continue
		}
		done[u] = true
		if u == gi {
			break
		}
		out := link[0]
		if u < n {
			out = pg.adj[u]
			if w, ok := toGoal[u]; ok && dist[u]+w < dist[gi] {
				dist[gi] = dist[u] + w
				pushItem(pq, qitem{gi, dist[gi]})
			}
		}
		for _, a := range out {
			if nd := dist[u] + a.w; nd < dist[a.to] {
				dist[a.to] = nd
				pushItem(pq, qitem{a.to, nd})
			}
		}
	}
	return dist[gi]
}

// checkPath verifies a returned path independently of the planner.
func checkPath(t *testing.T, o *oracle, e env, s, g Point, p Path) {
	t.Helper()
	if p.Points[0] != s || p.Points[len(p.Points)-1] != g {
		t.Fatalf("path %v does not join %v and %v", p.Points, s, g)
	}
	if math.Abs(PolylineLength(p.Points)-p.Length) > 1e-9 {
		t.Fatalf("length %g, polyline %g", p.Length, PolylineLength(p.Points))
	}
	need := e.opts.Radius + e.opts.Margin
	minSampled := math.Inf(1)
	for i := 1; i < len(p.Points); i++ {
		a, b := p.Points[i-1], p.Points[i]
		for _, q := range o.inflated {
			if q.Polygon.SegmentEntersInterior(a, b, 1e-9) {
				t.Fatalf("segment %v–%v enters inflated obstacle %s", a, b, q.WKT())
			}
		}
		n := int(math.Ceil(a.Dist(b)/0.005)) + 1
		for k := 0; k <= n; k++ {
			q := a.Lerp(b, float64(k)/float64(n))
			if o.bounds != nil && !o.bounds.Contains(q, 1e-9) {
				t.Fatalf("sample %v leaves the deflated bounds %v", q, *o.bounds)
			}
			for _, ip := range o.inflated {
				if ip.Polygon.Locate(q, 1e-9) == Inside {
					t.Fatalf("sample %v is inside inflated obstacle %s", q, ip.WKT())
				}
			}
			for _, ob := range e.obstacles {
				minSampled = math.Min(minSampled, ob.Distance(q))
			}
		}
	}
	if p.Clearance < need-1e-9 || minSampled < need-1e-9 {
		t.Fatalf("clearance %g (sampled %g) < radius+margin %g", p.Clearance, minSampled, need)
	}
	if math.Abs(p.Clearance-Clearance(p.Points, e.obstacles)) > 1e-12 {
		t.Fatalf("reported clearance %g, recomputed %g", p.Clearance, Clearance(p.Points, e.obstacles))
	}
}

// TestShortestPathRandom is the property test: on seeded random
// environments every returned path is collision-free (exact segment tests
// and dense sampling), stays in bounds, keeps clearance ≥ radius + margin,
// equals the brute-force visibility-graph optimum and is never longer than
// a grid/PRM path; "no path" answers are confirmed by the oracle.
func TestShortestPathRandom(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2024, 3))
	envs, found, noPath := 20, 0, 0
	if testing.Short() {
		envs = 8
	}
	for iter := 0; iter < envs; iter++ {
		e := randomEnv(rng)
		g, err := NewVisibilityGraph(ctx, e.obstacles, e.opts)
		if err != nil {
			t.Fatalf("env %d: %v", iter, err)
		}
		o := newOracle(t, e)
		o.buildPRM(rng)
		for q := 0; q < 4; q++ {
			var s, goal Point
			for {
				s, goal = Pt(10*rng.Float64(), 10*rng.Float64()), Pt(10*rng.Float64(), 10*rng.Float64())
				if g.Check("start", s) == nil && g.Check("goal", goal) == nil {
					break
				}
			}
			if q == 2 && e.room != nil && g.Check("start", e.room.Centroid()) == nil {
				s = e.room.Centroid() // inside the closed room: no path unless the goal is too
			}
			if q == 3 && len(g.nodes) > 0 { // a corner as the start: points on boundaries
				s = g.nodes[rng.IntN(len(g.nodes))].p
			}
			p, err := g.ShortestPath(ctx, s, goal)
			want := o.shortest(s, goal)
			prm := o.prm(s, goal)
			if errors.Is(err, ErrNoPath) {
				if !math.IsInf(want, 1) || !math.IsInf(prm, 1) {
					t.Fatalf("env %d: no path from %v to %v, but the oracle found %g (PRM %g)", iter, s, goal, want, prm)
				}
				noPath++
				continue
			}
			if err != nil {
				t.Fatalf("env %d: %v", iter, err)
			}
			found++
			checkPath(t, o, e, s, goal, p)
			if math.Abs(p.Length-want) > 1e-7 {
				t.Fatalf("env %d: length %.12g from %v to %v, brute-force optimum %.12g\npath %v", iter, p.Length, s, goal, want, p.Points)
			}
			if prm < p.Length-1e-7 {
				t.Fatalf("env %d: PRM path %.12g shorter than %.12g", iter, prm, p.Length)
			}
		}
	}
	t.Logf("%d paths checked, %d no-path answers confirmed", found, noPath)
}

func TestConcurrentQueries(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(9, 9))
	e := randomEnv(rng)
	g, err := NewVisibilityGraph(ctx, e.obstacles, e.opts)
	if err != nil {
		t.Fatal(err)
	}
	type q struct{ s, g Point }
	var qs []q
	for len(qs) < 16 {
		a, b := Pt(10*rng.Float64(), 10*rng.Float64()), Pt(10*rng.Float64(), 10*rng.Float64())
		if g.Check("start", a) == nil && g.Check("goal", b) == nil {
			qs = append(qs, q{a, b})
		}
	}
	want := make([]float64, len(qs))
	for i, x := range qs {
		p, err := g.ShortestPath(ctx, x.s, x.g)
		if err == nil {
			want[i] = p.Length
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, x := range qs {
				p, err := g.ShortestPath(ctx, x.s, x.g)
				if err == nil && p.Length != want[i] {
					t.Errorf("query %d: %g, want %g", i, p.Length, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

func pushItem(q *astarQueue, it qitem) { heap.Push(q, it) }
func popItem(q *astarQueue) qitem      { return heap.Pop(q).(qitem) }
