package geom

import (
	"fmt"
	"math"
	"strconv"
)

// DefaultTol is the default absolute tolerance of predicates, in coordinate
// units.
const DefaultTol = 1e-9

// MaxCoord bounds the absolute value of every coordinate the constructors
// and parsers accept, so that areas and cross products cannot overflow.
const MaxCoord = 1e12

// Point is a point (or vector) in the plane.
type Point struct{ X, Y float64 }

// Pt is shorthand for Point{x, y}.
func Pt(x, y float64) Point { return Point{x, y} }

// Add returns p + q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Sub returns p − q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Scale returns s·p.
func (p Point) Scale(s float64) Point { return Point{s * p.X, s * p.Y} }

// Dot returns the dot product p·q.
func (p Point) Dot(q Point) float64 { return p.X*q.X + p.Y*q.Y }

// Cross returns the z component of the cross product p × q.
func (p Point) Cross(q Point) float64 { return p.X*q.Y - p.Y*q.X }

// Norm returns the length of p.
func (p Point) Norm() float64 { return math.Hypot(p.X, p.Y) }

// Dist returns the distance between p and q.
func (p Point) Dist(q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// Lerp returns p + t·(q − p).
func (p Point) Lerp(q Point, t float64) Point {
	return Point{p.X + t*(q.X-p.X), p.Y + t*(q.Y-p.Y)}
}

// Finite reports whether both coordinates are finite.
func (p Point) Finite() bool { return finite(p.X) && finite(p.Y) }

// checkCoord returns a description of what is wrong with p, or "".
func checkCoord(p Point) string {
	switch {
	case !p.Finite():
		return "has a non-finite coordinate"
	case math.Abs(p.X) > MaxCoord || math.Abs(p.Y) > MaxCoord:
		return fmt.Sprintf("has a coordinate beyond ±%g", MaxCoord)
	}
	return ""
}

// String formats p as [x, y].
func (p Point) String() string {
	return "[" + strconv.FormatFloat(p.X, 'g', -1, 64) + ", " + strconv.FormatFloat(p.Y, 'g', -1, 64) + "]"
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// PointFromSlice converts [x, y] to a Point, rejecting other lengths and
// non-finite values.
func PointFromSlice(v []float64) (Point, error) {
	if len(v) != 2 {
		return Point{}, fmt.Errorf("geom: a point needs 2 numbers [x, y], got %d", len(v))
	}
	p := Point{v[0], v[1]}
	if msg := checkCoord(p); msg != "" {
		return Point{}, fmt.Errorf("geom: point %v %s", v, msg)
	}
	return p, nil
}

// orient returns twice the signed area of triangle abc: positive when c is
// left of the directed line ab.
func orient(a, b, c Point) float64 { return b.Sub(a).Cross(c.Sub(a)) }

// PointSegmentDist returns the distance from p to segment ab.
func PointSegmentDist(p, a, b Point) float64 {
	c := closestOnSegment(p, a, b)
	dx, dy := p.X-c.X, p.Y-c.Y
	return math.Sqrt(dx*dx + dy*dy)
}

// closestOnSegment returns the point of segment ab closest to p.
func closestOnSegment(p, a, b Point) Point {
	d := b.Sub(a)
	l2 := d.Dot(d)
	if l2 == 0 {
		return a
	}
	t := p.Sub(a).Dot(d) / l2
	switch {
	case t <= 0:
		return a
	case t >= 1:
		return b
	}
	return a.Lerp(b, t)
}

// projectParam returns the parameter t of the projection of p on the line
// through a and b (t = 0 at a, 1 at b).
func projectParam(p, a, b Point) float64 {
	d := b.Sub(a)
	l2 := d.Dot(d)
	if l2 == 0 {
		return 0
	}
	return p.Sub(a).Dot(d) / l2
}

// SegmentsIntersect reports whether the closed segments ab and cd share a
// point.
func SegmentsIntersect(a, b, c, d Point) bool {
	d1 := orient(c, d, a)
	d2 := orient(c, d, b)
	d3 := orient(a, b, c)
	d4 := orient(a, b, d)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(a, c, d)) || (d2 == 0 && onSegment(b, c, d)) ||
		(d3 == 0 && onSegment(c, a, b)) || (d4 == 0 && onSegment(d, a, b))
}

// onSegment reports whether p, known to be collinear with ab, lies in the
// bounding box of ab.
func onSegment(p, a, b Point) bool {
	return math.Min(a.X, b.X) <= p.X && p.X <= math.Max(a.X, b.X) &&
		math.Min(a.Y, b.Y) <= p.Y && p.Y <= math.Max(a.Y, b.Y)
}

// SegmentSegmentDist returns the distance between segments ab and cd (0 when
// they intersect).
func SegmentSegmentDist(a, b, c, d Point) float64 {
	if SegmentsIntersect(a, b, c, d) {
		return 0
	}
	return math.Min(
		math.Min(PointSegmentDist(a, c, d), PointSegmentDist(b, c, d)),
		math.Min(PointSegmentDist(c, a, b), PointSegmentDist(d, a, b)))
}

// PolylineLength returns the total length of the polyline through pts.
func PolylineLength(pts []Point) float64 {
	var l float64
	for i := 1; i < len(pts); i++ {
		l += pts[i-1].Dist(pts[i])
	}
	return l
}

// rect is an axis-aligned bounding rectangle used for pruning.
type rect struct{ minX, minY, maxX, maxY float64 }

func emptyRect() rect {
	return rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

func (r *rect) extend(p Point) {
	if p.X < r.minX {
		r.minX = p.X
	}
	if p.X > r.maxX {
		r.maxX = p.X
	}
	if p.Y < r.minY {
		r.minY = p.Y
	}
	if p.Y > r.maxY {
		r.maxY = p.Y
	}
}

func segRect(a, b Point) rect {
	r := rect{a.X, a.Y, a.X, a.Y}
	r.extend(b)
	return r
}

// overlaps reports whether r and s, each grown by tol, overlap.
func (r rect) overlaps(s rect, tol float64) bool {
	return r.minX <= s.maxX+tol && s.minX <= r.maxX+tol && r.minY <= s.maxY+tol && s.minY <= r.maxY+tol
}

// distTo returns the distance from p to the rectangle (0 inside).
func (r rect) distTo(p Point) float64 {
	var dx, dy float64
	if p.X < r.minX {
		dx = r.minX - p.X
	} else if p.X > r.maxX {
		dx = p.X - r.maxX
	}
	if p.Y < r.minY {
		dy = r.minY - p.Y
	} else if p.Y > r.maxY {
		dy = p.Y - r.maxY
	}
	if dx == 0 {
		return dy
	}
	if dy == 0 {
		return dx
	}
	return math.Sqrt(dx*dx + dy*dy)
}
