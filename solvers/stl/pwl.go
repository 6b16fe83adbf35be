package stl

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/plankit/plankit/solvers/geom"
)

// Waypoint is a position (X, Y) reached at time T.
type Waypoint struct{ X, Y, T float64 }

// Point returns the waypoint's position.
func (w Waypoint) Point() geom.Point { return geom.Pt(w.X, w.Y) }

// Path is a timed piecewise-linear motion: the position moves at constant
// velocity from one waypoint to the next, times increase strictly from 0,
// and after the last waypoint the position rests there for ever.
type Path []Waypoint

// ErrPath is wrapped by the errors of Path.Validate.
var ErrPath = errors.New("stl: invalid path")

// Validate checks that p has a waypoint, finite coordinates and times
// that start at 0 and increase strictly.
func (p Path) Validate() error {
	if len(p) == 0 {
		return fmt.Errorf("%w: no waypoints", ErrPath)
	}
	for i, w := range p {
		if !finite(w.X) || !finite(w.Y) || !finite(w.T) {
			return fmt.Errorf("%w: waypoint %d: coordinates and time must be finite numbers", ErrPath, i)
		}
		if i == 0 && w.T != 0 {
			return fmt.Errorf("%w: waypoint 0: time %g, want 0", ErrPath, w.T)
		}
		if i > 0 && !(w.T > p[i-1].T) {
			return fmt.Errorf("%w: waypoint %d: time %g is not after the previous time %g", ErrPath, i, w.T, p[i-1].T)
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// End returns the time of the last waypoint.
func (p Path) End() float64 {
	if len(p) == 0 {
		return 0
	}
	return p[len(p)-1].T
}

// At returns the position at time t (the first point before 0, the last
// after End).
func (p Path) At(t float64) geom.Point {
	if len(p) == 0 {
		return geom.Point{}
	}
	if t <= p[0].T {
		return p[0].Point()
	}
	lo, hi := 0, len(p)-1
	if t >= p[hi].T {
		return p[hi].Point()
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if p[mid].T <= t {
			lo = mid
		} else {
			hi = mid
		}
	}
	a, b := p[lo], p[hi]
	s := (t - a.T) / (b.T - a.T)
	return a.Point().Lerp(b.Point(), s)
}

// timeAt maps a segment parameter s ∈ [0, 1] to time, exactly at the ends.
func timeAt(a, b Waypoint, s float64) float64 {
	switch {
	case s <= 0:
		return a.T
	case s >= 1:
		return b.T
	}
	return math.Min(b.T, a.T+s*(b.T-a.T))
}

// SignedDistance returns the signed distance from q to the boundary of p:
// positive inside, negative outside, 0 on the boundary.
func SignedDistance(q geom.Point, p geom.Polygon) float64 {
	if p.Locate(q, 0) == geom.Outside {
		return -p.BoundaryDistance(q)
	}
	return p.BoundaryDistance(q)
}

// Binding is what an atom means on a PathSignal: some path of Paths (by
// index) is inside some polygon of Polygons. Its robustness is the largest
// signed distance over those (path, polygon) pairs.
type Binding struct {
	Paths    []int
	Polygons []geom.Polygon
}

// PathSignal is the [Signal] of robots moving along timed piecewise-linear
// paths among polygonal regions. The atom robot in region holds when the
// robot's position is in the closed region (within Tol of it); its
// robustness is the signed distance of the position to the region's
// boundary. A PathSignal is not modified by use and is safe for concurrent
// calls if Resolve is.
type PathSignal struct {
	Names []string // path names, for Describe (optional)
	Paths []Path
	// Resolve says which paths and polygons an atom stands for.
	Resolve func(Atom) (Binding, error)
	// Tol is the boundary tolerance of Holds (default geom.DefaultTol).
	Tol float64

	mu     sync.Mutex
	inside map[insideKey]Set // InsideTimes per path and polygon, reused across thresholds
}

type insideKey struct {
	path int
	poly *geom.Point // the polygon's first vertex identifies it
	n    int
}

// insideTimes is InsideTimes, cached: it does not depend on the
// robustness threshold, so the bisection computes it once.
func (s *PathSignal) insideTimes(i int, p geom.Polygon) Set {
	if len(p.Outer) == 0 {
		return nil
	}
	k := insideKey{i, &p.Outer[0], len(p.Outer)}
	s.mu.Lock()
	in, ok := s.inside[k]
	s.mu.Unlock()
	if ok {
		return in
	}
	in = InsideTimes(s.Paths[i], p, s.tol())
	s.mu.Lock()
	if s.inside == nil {
		s.inside = map[insideKey]Set{}
	}
	s.inside[k] = in
	s.mu.Unlock()
	return in
}

func (s *PathSignal) tol() float64 {
	if s.Tol > 0 {
		return s.Tol
	}
	return geom.DefaultTol
}

func (s *PathSignal) bind(a Atom) (Binding, error) {
	if s.Resolve == nil {
		return Binding{}, fmt.Errorf("stl: PathSignal has no Resolve function")
	}
	b, err := s.Resolve(a)
	if err != nil {
		return Binding{}, err
	}
	for _, i := range b.Paths {
		if i < 0 || i >= len(s.Paths) {
			return Binding{}, fmt.Errorf("stl: atom %s resolves to path %d of %d", a, i, len(s.Paths))
		}
	}
	return b, nil
}

// End returns the latest end time of the paths.
func (s *PathSignal) End() float64 {
	var e float64
	for _, p := range s.Paths {
		e = math.Max(e, p.End())
	}
	return e
}

// Bound returns the diagonal of the box around the atom's paths and
// polygons, which bounds every signed distance between them.
func (s *PathSignal) Bound(a Atom) (float64, error) {
	b, err := s.bind(a)
	if err != nil || len(b.Paths) == 0 || len(b.Polygons) == 0 {
		return 0, err
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(x, y float64) {
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	for _, i := range b.Paths {
		for _, w := range s.Paths[i] {
			add(w.X, w.Y)
		}
	}
	for _, p := range b.Polygons {
		bx := p.Bounds()
		add(bx.XMin, bx.YMin)
		add(bx.XMax, bx.YMax)
	}
	return math.Hypot(maxX-minX, maxY-minY), nil
}

// Holds returns the times at which some bound path is in some bound
// polygon.
func (s *PathSignal) Holds(a Atom) (Set, error) {
	b, err := s.bind(a)
	if err != nil {
		return nil, err
	}
	var out Set
	for _, i := range b.Paths {
		for _, p := range b.Polygons {
			out = out.Union(s.insideTimes(i, p))
		}
	}
	return out, nil
}

// AtLeast returns the times at which the largest signed distance over the
// bound pairs is at least r.
func (s *PathSignal) AtLeast(a Atom, r float64) (Set, error) {
	b, err := s.bind(a)
	if err != nil {
		return nil, err
	}
	var out Set
	for _, i := range b.Paths {
		for _, p := range b.Polygons {
			out = out.Union(atLeast(s.insideTimes(i, p), s.Paths[i], p, r, s.tol()))
		}
	}
	return out, nil
}

// AtMost returns the times at which every bound pair has signed distance
// at most r.
func (s *PathSignal) AtMost(a Atom, r float64) (Set, error) {
	b, err := s.bind(a)
	if err != nil {
		return nil, err
	}
	out := Full()
	for _, i := range b.Paths {
		for _, p := range b.Polygons {
			out = out.Intersect(atMost(s.insideTimes(i, p), s.Paths[i], p, r, s.tol()))
			if len(out) == 0 {
				return nil, nil
			}
		}
	}
	return out, nil
}

// Describe names the bound path with the largest signed distance at t and
// says where it is.
func (s *PathSignal) Describe(a Atom, t float64) string {
	b, err := s.bind(a)
	if err != nil || len(b.Paths) == 0 || len(b.Polygons) == 0 {
		return ""
	}
	best, bi := math.Inf(-1), -1
	var bq geom.Point
	for _, i := range b.Paths {
		q := s.Paths[i].At(t)
		for _, p := range b.Polygons {
			if d := SignedDistance(q, p); d > best {
				best, bi, bq = d, i, q
			}
		}
	}
	name := fmt.Sprintf("path %d", bi)
	if bi < len(s.Names) && s.Names[bi] != "" {
		name = s.Names[bi]
	}
	where := fmt.Sprintf("%s at (%s, %s)", name, fmtCoord(bq.X), fmtCoord(bq.Y))
	if len(b.Paths) > 1 {
		where = "nearest: " + where
	}
	switch {
	case math.Abs(best) <= 1e-9*(1+math.Abs(bq.X)+math.Abs(bq.Y)):
		// On the edge up to rounding.
	case best > 0:
		return fmt.Sprintf("%s is inside %s, %s from its edge", where, a.Region, fmtCoord(best))
	case best < 0:
		return fmt.Sprintf("%s is %s outside %s", where, fmtCoord(-best), a.Region)
	}
	return fmt.Sprintf("%s is on the edge of %s", where, a.Region)
}

func fmtCoord(x float64) string { return fmt.Sprintf("%.4g", x) }

// segBox is the bounding box of a segment grown by d.
func segBox(a, b geom.Point, d float64) geom.Box {
	return geom.Box{
		XMin: math.Min(a.X, b.X) - d, XMax: math.Max(a.X, b.X) + d,
		YMin: math.Min(a.Y, b.Y) - d, YMax: math.Max(a.Y, b.Y) + d,
	}
}

func boxesMeet(a, b geom.Box) bool {
	return a.XMin <= b.XMax && b.XMin <= a.XMax && a.YMin <= b.YMax && b.YMin <= a.YMax
}

// InsideTimes returns the times at which the path is in the closed
// polygon p (within tol of it): for each segment, the exact parameter
// intervals of Polygon.Intervals mapped to time, plus the rest after the
// last waypoint.
func InsideTimes(path Path, p geom.Polygon, tol float64) Set {
	if len(path) == 0 {
		return nil
	}
	pb := p.Bounds()
	var ivs []Interval
	for i := 0; i+1 < len(path); i++ {
		w0, w1 := path[i], path[i+1]
		a, b := w0.Point(), w1.Point()
		if !boxesMeet(segBox(a, b, tol), pb) {
			continue
		}
		for _, iv := range p.Intervals(a, b, tol) {
			ivs = append(ivs, Interval{Lo: timeAt(w0, w1, iv[0]), Hi: timeAt(w0, w1, iv[1])})
		}
	}
	last := path[len(path)-1]
	if p.Contains(last.Point(), tol) {
		ivs = append(ivs, Interval{Lo: last.T, Hi: math.Inf(1), HiOpen: true})
	}
	return normalize(ivs)
}

// NearTimes returns the times at which the path is within distance d of
// the boundary of p (closer than d when strict).
func NearTimes(path Path, p geom.Polygon, d float64, strict bool) Set {
	if len(path) == 0 || d < 0 || d == 0 && strict {
		return nil
	}
	pb := p.Bounds()
	var ivs []Interval
	for i := 0; i+1 < len(path); i++ {
		w0, w1 := path[i], path[i+1]
		a, b := w0.Point(), w1.Point()
		sb := segBox(a, b, d)
		if !boxesMeet(sb, pb) {
			continue
		}
		forEdges(p, func(c, e geom.Point) {
			if math.Max(c.X, e.X) < sb.XMin || math.Min(c.X, e.X) > sb.XMax || math.Max(c.Y, e.Y) < sb.YMin || math.Min(c.Y, e.Y) > sb.YMax {
				return
			}
			lo, hi, ok := stadium(a, b, c, e, d)
			if !ok || hi < 0 || lo > 1 {
				return
			}
			iv := Interval{Lo: timeAt(w0, w1, math.Max(lo, 0)), Hi: timeAt(w0, w1, math.Min(hi, 1))}
			if strict {
				if !(lo < hi) {
					return // tangent: never strictly closer
				}
				iv.LoOpen = lo > 0
				iv.HiOpen = hi < 1
			}
			ivs = append(ivs, iv)
		})
	}
	last := path[len(path)-1]
	bd := p.BoundaryDistance(last.Point())
	if bd < d || bd == d && !strict {
		ivs = append(ivs, Interval{Lo: last.T, Hi: math.Inf(1), HiOpen: true})
	}
	return normalize(ivs)
}

// AtLeastTimes returns {t : SignedDistance(path(t), p) ≥ r}, with points
// within tol of p counting as in it.
func AtLeastTimes(path Path, p geom.Polygon, r, tol float64) Set {
	return atLeast(InsideTimes(path, p, tol), path, p, r, tol)
}

func atLeast(in Set, path Path, p geom.Polygon, r, tol float64) Set {
	if r <= 0 {
		return in.Union(NearTimes(path, p, math.Max(-r, tol), false))
	}
	if len(in) == 0 {
		return nil
	}
	return in.Minus(NearTimes(path, p, r, true))
}

// AtMostTimes returns {t : SignedDistance(path(t), p) ≤ r}.
func AtMostTimes(path Path, p geom.Polygon, r, tol float64) Set {
	return atMost(InsideTimes(path, p, tol), path, p, r, tol)
}

func atMost(in Set, path Path, p geom.Polygon, r, tol float64) Set {
	out := in.Complement()
	if r >= 0 {
		return out.Union(NearTimes(path, p, math.Max(r, tol), false))
	}
	if len(out) == 0 {
		return nil
	}
	return out.Minus(NearTimes(path, p, -r, true))
}

func forEdges(p geom.Polygon, fn func(a, b geom.Point)) {
	ring := func(r []geom.Point) {
		for i := range r {
			fn(r[i], r[(i+1)%len(r)])
		}
	}
	ring(p.Outer)
	for _, h := range p.Holes {
		ring(h)
	}
}

// stadium returns the parameter interval [lo, hi] (on the whole line,
// not clipped) of the points a + s(b − a) within distance d of segment
// ce, or ok=false when there is none. The set is an interval because the
// stadium is convex.
func stadium(a, b, c, e geom.Point, d float64) (lo, hi float64, ok bool) {
	dir := b.Sub(a)
	lo, hi = math.Inf(1), math.Inf(-1)
	hull := func(l, h float64, ok bool) {
		if ok {
			lo, hi = math.Min(lo, l), math.Max(hi, h)
		}
	}
	if dir.X == 0 && dir.Y == 0 {
		if geom.PointSegmentDist(a, c, e) <= d {
			return 0, 1, true
		}
		return 0, 0, false
	}
	// The rectangle: |n·(x − c)| ≤ d and 0 ≤ u·(x − c) ≤ |e − c|.
	ed := e.Sub(c)
	l := ed.Norm()
	u := ed.Scale(1 / l)
	n := geom.Pt(-u.Y, u.X)
	ac := a.Sub(c)
	l1, h1, ok1 := linearBand(n.Dot(ac), n.Dot(dir), -d, d)
	l2, h2, ok2 := linearBand(u.Dot(ac), u.Dot(dir), 0, l)
	if ok1 && ok2 {
		hull(math.Max(l1, l2), math.Min(h1, h2), math.Max(l1, l2) <= math.Min(h1, h2))
	}
	// The two end discs.
	hull(discParams(a, dir, c, d))
	hull(discParams(a, dir, e, d))
	return lo, hi, lo <= hi
}

// linearBand solves lo ≤ α + βs ≤ hi for s.
func linearBand(alpha, beta, lo, hi float64) (float64, float64, bool) {
	if beta == 0 {
		if alpha >= lo && alpha <= hi {
			return math.Inf(-1), math.Inf(1), true
		}
		return 0, 0, false
	}
	s1, s2 := (lo-alpha)/beta, (hi-alpha)/beta
	if s1 > s2 {
		s1, s2 = s2, s1
	}
	return s1, s2, true
}

// discParams solves |a + s·dir − c| ≤ d for s.
func discParams(a, dir, c geom.Point, d float64) (float64, float64, bool) {
	w := a.Sub(c)
	qa := dir.Dot(dir)
	qb := 2 * dir.Dot(w)
	qc := w.Dot(w) - d*d
	disc := qb*qb - 4*qa*qc
	if disc < 0 {
		return 0, 0, false
	}
	sq := math.Sqrt(disc)
	var q float64
	if qb >= 0 {
		q = -(qb + sq) / 2
	} else {
		q = -(qb - sq) / 2
	}
	var r1, r2 float64
	if q == 0 {
		r1, r2 = 0, 0
	} else {
		r1, r2 = q/qa, qc/q
	}
	if r1 > r2 {
		r1, r2 = r2, r1
	}
	return r1, r2, true
}
