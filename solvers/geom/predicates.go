package geom

import (
	"math"
	"slices"
)

// Location is where a point lies relative to a polygon.
type Location int

// Locations returned by Polygon.Locate.
const (
	Outside Location = iota
	OnBoundary
	Inside
)

// String returns "outside", "boundary" or "inside".
func (l Location) String() string {
	switch l {
	case Inside:
		return "inside"
	case OnBoundary:
		return "boundary"
	}
	return "outside"
}

// Locate says whether q is inside p, on its boundary (within tol of an
// edge, or exactly on one when tol is 0) or outside. Holes are outside.
func (p Polygon) Locate(q Point, tol float64) Location {
	return p.locate(q, tol, p.rect())
}

// locate is Locate with the bounding rectangle r of p precomputed.
func (p Polygon) locate(q Point, tol float64, r rect) Location {
	if len(p.Outer) < 3 || r.distTo(q) > tol {
		return Outside
	}
	on := false
	inside := false
	p.edges(func(a, b Point) {
		if on {
			return
		}
		if PointSegmentDist(q, a, b) <= tol || (orient(a, b, q) == 0 && onSegment(q, a, b)) {
			on = true
			return
		}
		if (a.Y > q.Y) != (b.Y > q.Y) {
			x := a.X + (q.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
			if q.X < x {
				inside = !inside
			}
		}
	})
	switch {
	case on:
		return OnBoundary
	case inside:
		return Inside
	}
	return Outside
}

// Contains reports whether q lies in the closed polygon (inside or within
// tol of the boundary).
func (p Polygon) Contains(q Point, tol float64) bool { return p.Locate(q, tol) != Outside }

// piece is a sub-interval [t0, t1] of a segment with one location.
type piece struct {
	t0, t1 float64
	loc    Location
}

// pieces splits segment ab at every parameter where it crosses or touches
// an edge of p, or passes within tol of a vertex, and classifies each piece
// by its midpoint. Between two consecutive split parameters the segment
// crosses no edge, so each piece is wholly inside, wholly outside or runs
// along the boundary.
func (p Polygon) pieces(a, b Point, tol float64) []piece { return p.piecesR(a, b, tol, p.rect()) }

// piecesR is pieces with the bounding rectangle pr of p precomputed.
func (p Polygon) piecesR(a, b Point, tol float64, pr rect) []piece {
	if len(p.Outer) < 3 {
		return []piece{{0, 1, Outside}}
	}
	if a == b {
		return []piece{{0, 1, p.locate(a, tol, pr)}}
	}
	if !pr.overlaps(segRect(a, b), tol) {
		return []piece{{0, 1, Outside}}
	}
	ts := []float64{0, 1}
	r := b.Sub(a)
	add := func(t float64) {
		if t > 0 && t < 1 {
			ts = append(ts, t)
		}
	}
	p.edges(func(c, d Point) {
		if PointSegmentDist(c, a, b) <= tol || (orient(a, b, c) == 0 && onSegment(c, a, b)) {
			add(projectParam(c, a, b))
		}
		s := d.Sub(c)
		den := r.Cross(s)
		if den == 0 {
			return
		}
		ca := c.Sub(a)
		t := ca.Cross(s) / den
		u := ca.Cross(r) / den
		if t >= 0 && t <= 1 && u >= 0 && u <= 1 {
			add(t)
		}
	})
	slices.Sort(ts)
	out := make([]piece, 0, len(ts))
	minLen := 1e-15
	for i := 1; i < len(ts); i++ {
		t0, t1 := ts[i-1], ts[i]
		if t1-t0 <= minLen {
			continue
		}
		loc := p.locate(a.Lerp(b, (t0+t1)/2), tol, pr)
		if n := len(out); n > 0 && out[n-1].loc == loc {
			out[n-1].t1 = t1
			continue
		}
		out = append(out, piece{t0, t1, loc})
	}
	if len(out) == 0 { // a segment shorter than minLen
		out = append(out, piece{0, 1, p.locate(a.Lerp(b, 0.5), tol, pr)})
	}
	return out
}

// SegmentEntersInterior reports whether segment ab contains a point of p's
// interior farther than tol from the boundary. Touching the boundary at a
// point, running along an edge, or starting on the boundary and leaving
// does not count; crossing a hole's interior does not count either.
func (p Polygon) SegmentEntersInterior(a, b Point, tol float64) bool {
	return p.entersR(a, b, tol, p.rect())
}

func (p Polygon) entersR(a, b Point, tol float64, pr rect) bool {
	for _, pc := range p.piecesR(a, b, tol, pr) {
		if pc.loc == Inside {
			return true
		}
	}
	return false
}

// Intervals returns the maximal parameter intervals [t0, t1] ⊆ [0, 1] of
// segment a→b (point a + t·(b − a)) that lie in the closed polygon
// (boundary within tol included), in increasing order.
func (p Polygon) Intervals(a, b Point, tol float64) [][2]float64 {
	var out [][2]float64
	for _, pc := range p.pieces(a, b, tol) {
		if pc.loc == Outside {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] >= pc.t0 {
			out[n-1][1] = pc.t1
			continue
		}
		out = append(out, [2]float64{pc.t0, pc.t1})
	}
	// Touches at a single parameter (a vertex grazed by the segment) give
	// degenerate intervals.
	if len(out) == 0 {
		for _, t := range []float64{0, 1} {
			if p.Locate(a.Lerp(b, t), tol) != Outside {
				out = append(out, [2]float64{t, t})
			}
		}
		if len(out) == 0 && p.SegmentDistance(a, b) <= tol {
			t := p.closestParam(a, b)
			out = append(out, [2]float64{t, t})
		}
	}
	return out
}

// closestParam returns the parameter of a point of ab nearest to p's
// boundary.
func (p Polygon) closestParam(a, b Point) float64 {
	best, bt := math.Inf(1), 0.0
	p.edges(func(c, d Point) {
		for _, q := range []Point{c, d} {
			t := math.Max(0, math.Min(1, projectParam(q, a, b)))
			if dd := a.Lerp(b, t).Dist(q); dd < best {
				best, bt = dd, t
			}
		}
		for _, t := range []float64{0, 1} {
			if dd := PointSegmentDist(a.Lerp(b, t), c, d); dd < best {
				best, bt = dd, t
			}
		}
	})
	return bt
}

// SegmentIntersects reports whether the closed segment ab meets the closed
// polygon (touching counts).
func (p Polygon) SegmentIntersects(a, b Point) bool {
	if len(p.Outer) < 3 || !p.rect().overlaps(segRect(a, b), 0) {
		return false
	}
	if p.Locate(a, 0) != Outside {
		return true
	}
	hit := false
	p.edges(func(c, d Point) {
		if !hit && SegmentsIntersect(a, b, c, d) {
			hit = true
		}
	})
	return hit
}

// Distance returns the distance from q to the polygon (0 inside or on the
// boundary).
func (p Polygon) Distance(q Point) float64 {
	if len(p.Outer) < 3 || p.Locate(q, 0) != Outside {
		return 0
	}
	return p.BoundaryDistance(q)
}

// BoundaryDistance returns the distance from q to the polygon's boundary,
// wherever q is.
func (p Polygon) BoundaryDistance(q Point) float64 {
	d := math.Inf(1)
	p.edges(func(a, b Point) { d = math.Min(d, PointSegmentDist(q, a, b)) })
	return d
}

// SegmentDistance returns the distance from segment ab to the polygon (0
// when they meet).
func (p Polygon) SegmentDistance(a, b Point) float64 {
	if len(p.Outer) < 3 || p.SegmentIntersects(a, b) {
		return 0
	}
	d := math.Inf(1)
	p.edges(func(c, e Point) { d = math.Min(d, SegmentSegmentDist(a, b, c, e)) })
	return d
}

// Clearance returns the minimum distance from the polyline through path to
// the obstacles: 0 when it touches or crosses one, +Inf when there are no
// obstacles or no points.
func Clearance(path []Point, obstacles []Polygon) float64 {
	d := math.Inf(1)
	for _, o := range obstacles {
		if len(path) == 1 {
			d = math.Min(d, o.Distance(path[0]))
		}
		for i := 1; i < len(path); i++ {
			d = math.Min(d, o.SegmentDistance(path[i-1], path[i]))
		}
	}
	return d
}
