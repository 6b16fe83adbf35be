package geom

import (
	"errors"
	"fmt"
	"math"
	"strings"

	sf "github.com/peterstace/simplefeatures/geom"
)

// Polygon is a polygon with one outer ring and optional holes. Rings are
// open (the first point is not repeated at the end). Polygons built by
// [NewPolygon] and the parsers are valid and normalised: no consecutive
// duplicate points, outer ring counter-clockwise, holes clockwise.
type Polygon struct {
	Outer []Point
	Holes [][]Point
}

// ErrInvalidShape is wrapped by every validation error of a shape.
var ErrInvalidShape = errors.New("geom: invalid shape")

// shapeErr formats a validation error that wraps ErrInvalidShape.
func shapeErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidShape, fmt.Sprintf(format, a...))
}

// NewPolygon validates and normalises a polygon from its outer ring and
// holes. A closing point equal to the first is dropped. It rejects
// non-finite coordinates, rings with fewer than 3 distinct points or zero
// area, self-intersecting rings and holes that are not inside the outer
// ring.
func NewPolygon(outer []Point, holes ...[]Point) (Polygon, error) {
	o, err := cleanRing(outer, "outer ring")
	if err != nil {
		return Polygon{}, err
	}
	p := Polygon{Outer: o}
	if ringArea(o) < 0 {
		reverse(p.Outer)
	}
	for i, h := range holes {
		c, err := cleanRing(h, fmt.Sprintf("hole %d", i))
		if err != nil {
			return Polygon{}, err
		}
		if ringArea(c) > 0 {
			reverse(c)
		}
		p.Holes = append(p.Holes, c)
	}
	if err := p.Validate(); err != nil {
		return Polygon{}, err
	}
	return p, nil
}

// MustPolygon is NewPolygon for literals known to be valid; it panics on an
// invalid polygon.
func MustPolygon(outer []Point, holes ...[]Point) Polygon {
	p, err := NewPolygon(outer, holes...)
	if err != nil {
		panic(err)
	}
	return p
}

func reverse(r []Point) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}

// cleanRing copies r without the closing point and consecutive duplicates,
// and checks it has 3 distinct points, finite coordinates and area.
func cleanRing(r []Point, what string) ([]Point, error) {
	out := make([]Point, 0, len(r))
	for i, p := range r {
		if msg := checkCoord(p); msg != "" {
			return nil, shapeErr("%s: point %d %v %s", what, i, p, msg)
		}
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 {
		return nil, shapeErr("%s has %d distinct point(s), want at least 3", what, len(out))
	}
	bb := emptyRect()
	for _, p := range out {
		bb.extend(p)
	}
	diag := math.Hypot(bb.maxX-bb.minX, bb.maxY-bb.minY)
	if a := math.Abs(ringArea(out)); !(a > 1e-12*diag*diag) {
		if collinear(out, 1e-12*diag) {
			return nil, shapeErr("%s has zero area (its points are collinear)", what)
		}
		return nil, shapeErr("%s crosses itself (its signed area is zero)", what)
	}
	return out, nil
}

// collinear reports whether every point of r is within tol of the line
// through r[0] and the point farthest from it.
func collinear(r []Point, tol float64) bool {
	far := r[0]
	for _, p := range r {
		if p.Dist(r[0]) > far.Dist(r[0]) {
			far = p
		}
	}
	l := far.Dist(r[0])
	if l == 0 {
		return true
	}
	for _, p := range r {
		if math.Abs(orient(r[0], far, p))/l > tol {
			return false
		}
	}
	return true
}

// Validate checks the polygon: each ring has at least 3 points, finite
// coordinates and non-zero area, rings are simple, holes lie inside the
// outer ring and the interior is connected (checked with simplefeatures).
func (p Polygon) Validate() error {
	if len(p.Outer) < 3 {
		return shapeErr("outer ring has %d point(s), want at least 3", len(p.Outer))
	}
	for i, r := range p.rings() {
		what := "outer ring"
		if i > 0 {
			what = fmt.Sprintf("hole %d", i-1)
		}
		if len(r) < 3 {
			return shapeErr("%s has %d point(s), want at least 3", what, len(r))
		}
		for j, q := range r {
			if msg := checkCoord(q); msg != "" {
				return shapeErr("%s: point %d %v %s", what, j, q, msg)
			}
		}
		if ringArea(r) == 0 {
			return shapeErr("%s has zero area", what)
		}
	}
	if err := p.sf().Validate(); err != nil {
		msg := err.Error()
		msg = strings.Replace(msg, "validating ring at index 0: ", "outer ring: ", 1)
		if strings.HasPrefix(msg, "validating ring at index ") {
			var k int
			if _, e := fmt.Sscanf(msg, "validating ring at index %d: ", &k); e == nil {
				msg = fmt.Sprintf("hole %d: %s", k-1, msg[strings.Index(msg, ": ")+2:])
			}
		}
		for _, r := range [][2]string{
			{"polygon ring not simple", "ring crosses itself"},
			{"polygon interior ring outside of exterior ring", "a hole lies outside the outer ring"},
			{"polygon has nested rings", "a hole lies inside another hole"},
			{"polygon has disconnected interior", "holes cut the interior apart"},
			{"polygon rings intersect at multiple points", "rings touch at more than one point"},
			{"(at or near {", "(near {"},
		} {
			msg = strings.Replace(msg, r[0], r[1], 1)
		}
		return shapeErr("%s", msg)
	}
	return nil
}

// rings returns the outer ring followed by the holes.
func (p Polygon) rings() [][]Point {
	rs := make([][]Point, 0, 1+len(p.Holes))
	rs = append(rs, p.Outer)
	return append(rs, p.Holes...)
}

// NumVertices returns the number of vertices over all rings.
func (p Polygon) NumVertices() int {
	n := len(p.Outer)
	for _, h := range p.Holes {
		n += len(h)
	}
	return n
}

// edges calls fn for every edge of every ring (interior on the left for
// normalised polygons).
func (p Polygon) edges(fn func(a, b Point)) {
	ring := func(r []Point) {
		for i := range r {
			fn(r[i], r[(i+1)%len(r)])
		}
	}
	ring(p.Outer)
	for _, h := range p.Holes {
		ring(h)
	}
}

// ringArea is the signed shoelace area (positive counter-clockwise).
func ringArea(r []Point) float64 {
	if len(r) < 3 {
		return 0
	}
	// Translate to the first point to limit cancellation.
	o := r[0]
	var s float64
	for i := 1; i+1 < len(r); i++ {
		s += r[i].Sub(o).Cross(r[i+1].Sub(o))
	}
	return s / 2
}

// Area returns the area of the polygon (outer ring minus holes).
func (p Polygon) Area() float64 {
	a := math.Abs(ringArea(p.Outer))
	for _, h := range p.Holes {
		a -= math.Abs(ringArea(h))
	}
	return a
}

// Centroid returns the centre of mass of the polygon's area.
func (p Polygon) Centroid() Point {
	var cx, cy, area float64
	ring := func(r []Point, sign float64) {
		if len(r) < 3 {
			return
		}
		if ringArea(r) < 0 {
			sign = -sign
		}
		o := r[0]
		for i := 1; i+1 < len(r); i++ {
			a := r[i].Sub(o)
			b := r[i+1].Sub(o)
			w := sign * a.Cross(b) / 2
			cx += w * (o.X + (a.X+b.X)/3)
			cy += w * (o.Y + (a.Y+b.Y)/3)
			area += w
		}
	}
	ring(p.Outer, 1)
	for _, h := range p.Holes {
		ring(h, -1)
	}
	if area == 0 {
		return Point{math.NaN(), math.NaN()}
	}
	return Point{cx / area, cy / area}
}

// Bounds returns the polygon's bounding box. The zero Box for an empty
// polygon.
func (p Polygon) Bounds() Box {
	if len(p.Outer) == 0 {
		return Box{}
	}
	r := emptyRect()
	for _, q := range p.Outer {
		r.extend(q)
	}
	return Box{r.minX, r.maxX, r.minY, r.maxY}
}

func (p Polygon) rect() rect {
	r := emptyRect()
	for _, q := range p.Outer {
		r.extend(q)
	}
	return r
}

// sf converts p to a simplefeatures polygon (rings closed).
func (p Polygon) sf() sf.Polygon {
	rs := p.rings()
	ls := make([]sf.LineString, len(rs))
	for i, r := range rs {
		flat := make([]float64, 0, 2*len(r)+2)
		for _, q := range r {
			flat = append(flat, q.X, q.Y)
		}
		if len(r) > 0 {
			flat = append(flat, r[0].X, r[0].Y)
		}
		ls[i] = sf.NewLineString(sf.NewSequence(flat, sf.DimXY))
	}
	return sf.NewPolygon(ls)
}

// WKT returns the polygon as WKT, e.g. "POLYGON ((0 0, 1 0, 1 1, 0 0))".
func (p Polygon) WKT() string {
	var b strings.Builder
	b.WriteString("POLYGON ")
	writeWKTRings(&b, p)
	return b.String()
}

func writeWKTRings(b *strings.Builder, p Polygon) {
	b.WriteByte('(')
	for i, r := range p.rings() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := 0; j <= len(r); j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			q := r[j%len(r)]
			fmt.Fprintf(b, "%s %s", fmtNum(q.X), fmtNum(q.Y))
		}
		b.WriteByte(')')
	}
	b.WriteByte(')')
}

// MultiWKT returns polygons as one WKT MULTIPOLYGON (or POLYGON for one).
func MultiWKT(ps []Polygon) string {
	if len(ps) == 1 {
		return ps[0].WKT()
	}
	if len(ps) == 0 {
		return "MULTIPOLYGON EMPTY"
	}
	var b strings.Builder
	b.WriteString("MULTIPOLYGON (")
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		writeWKTRings(&b, p)
	}
	b.WriteByte(')')
	return b.String()
}

func fmtNum(v float64) string { return fmt.Sprint(v) }

// Coordinates returns the rings as closed lists of [x, y] pairs, outer ring
// first (the GeoJSON Polygon layout).
func (p Polygon) Coordinates() [][][2]float64 {
	rs := p.rings()
	out := make([][][2]float64, len(rs))
	for i, r := range rs {
		c := make([][2]float64, 0, len(r)+1)
		for _, q := range r {
			c = append(c, [2]float64{q.X, q.Y})
		}
		if len(r) > 0 {
			c = append(c, [2]float64{r[0].X, r[0].Y})
		}
		out[i] = c
	}
	return out
}

// Box is an axis-aligned rectangle [XMin, XMax] × [YMin, YMax]. Its JSON
// and slice form is [xmin, xmax, ymin, ymax] (AutoTAMP's order).
type Box struct{ XMin, XMax, YMin, YMax float64 }

// NewBox validates a box: finite bounds with xmin < xmax and ymin < ymax.
func NewBox(xmin, xmax, ymin, ymax float64) (Box, error) {
	b := Box{xmin, xmax, ymin, ymax}
	for _, v := range []float64{xmin, xmax, ymin, ymax} {
		if !finite(v) {
			return Box{}, shapeErr("box %s has a non-finite bound", b)
		}
		if math.Abs(v) > MaxCoord {
			return Box{}, shapeErr("box %s has a bound beyond ±%g", b, MaxCoord)
		}
	}
	switch {
	case xmin > xmax:
		return Box{}, shapeErr("box %s is inverted: xmin %g > xmax %g (the order is [xmin, xmax, ymin, ymax])", b, xmin, xmax)
	case ymin > ymax:
		return Box{}, shapeErr("box %s is inverted: ymin %g > ymax %g (the order is [xmin, xmax, ymin, ymax])", b, ymin, ymax)
	case !(b.Area() > 0):
		return Box{}, shapeErr("box %s has zero area", b)
	}
	return b, nil
}

// BoxFromSlice reads [xmin, xmax, ymin, ymax].
func BoxFromSlice(v []float64) (Box, error) {
	if len(v) != 4 {
		return Box{}, shapeErr("a box needs 4 numbers [xmin, xmax, ymin, ymax], got %d", len(v))
	}
	return NewBox(v[0], v[1], v[2], v[3])
}

// String formats b as [xmin, xmax, ymin, ymax].
func (b Box) String() string {
	return fmt.Sprintf("[%s, %s, %s, %s]", fmtNum(b.XMin), fmtNum(b.XMax), fmtNum(b.YMin), fmtNum(b.YMax))
}

// Slice returns [xmin, xmax, ymin, ymax].
func (b Box) Slice() []float64 { return []float64{b.XMin, b.XMax, b.YMin, b.YMax} }

// Polygon returns the box as a counter-clockwise polygon.
func (b Box) Polygon() Polygon {
	return Polygon{Outer: []Point{{b.XMin, b.YMin}, {b.XMax, b.YMin}, {b.XMax, b.YMax}, {b.XMin, b.YMax}}}
}

// Contains reports whether p lies in the closed box grown by tol.
func (b Box) Contains(p Point, tol float64) bool {
	return p.X >= b.XMin-tol && p.X <= b.XMax+tol && p.Y >= b.YMin-tol && p.Y <= b.YMax+tol
}

// Shrink returns the box with d taken off every side; ok is false when
// nothing (not even a point or a line) is left.
func (b Box) Shrink(d float64) (Box, bool) {
	s := Box{b.XMin + d, b.XMax - d, b.YMin + d, b.YMax - d}
	return s, s.XMin <= s.XMax && s.YMin <= s.YMax
}

// Area returns the box's area.
func (b Box) Area() float64 { return (b.XMax - b.XMin) * (b.YMax - b.YMin) }
