package geom

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	sf "github.com/peterstace/simplefeatures/geom"
)

// DefaultSegments is the default number of sides per quarter circle of the
// polygon that stands in for the robot's disc.
const DefaultSegments = 8

// MaxSegments bounds the segments argument of Inflate.
const MaxSegments = 256

// discPolygon returns the regular polygon with 4·segs sides that
// circumscribes the circle of radius r about the origin, with edges normal
// to the axes (so boxes inflate exactly along their sides).
func discPolygon(r float64, segs int) []Point {
	k := 4 * segs
	// Side j touches the circle where its outward normal n_j points at
	// angle 2πj/k; vertex j is where sides j and j+1 meet:
	// r·(n_j + n_{j+1}) / (1 + n_j·n_{j+1}). Normals along the axes are
	// exact, so axis-parallel sides come out exactly at distance r.
	normal := func(j int) Point {
		// Compute in the first quadrant and rotate by whole quarter turns,
		// so the polygon is exactly symmetric about both axes.
		q, jj := (j%k)/segs, (j%k)%segs
		var n Point
		switch {
		case jj == 0:
			n = Point{1, 0}
		case 2*jj == segs:
			n = Point{math.Sqrt2 / 2, math.Sqrt2 / 2}
		default:
			a := 2 * math.Pi * float64(jj) / float64(k)
			n = Point{math.Cos(a), math.Sin(a)}
		}
		for range q {
			n = Point{-n.Y, n.X}
		}
		return n
	}
	out := make([]Point, k)
	for j := range out {
		n0, n1 := normal(j), normal(j+1)
		den := 1 + n0.Dot(n1)
		out[j] = Point{(n0.X + n1.X) / den * r, (n0.Y + n1.Y) / den * r}
	}
	return out
}

// InflateOvershoot returns the largest distance by which Inflate's result
// can extend beyond the exact inflation by radius r, for segs segments per
// quarter circle.
func InflateOvershoot(r float64, segs int) float64 {
	if segs <= 0 {
		segs = DefaultSegments
	}
	return r * (1/math.Cos(math.Pi/float64(4*segs)) - 1)
}

// Inflate returns the Minkowski sum of p with the regular polygon of
// 4·segments sides circumscribing the disc of radius r (segments ≤ 0 means
// DefaultSegments; 1 gives square corners). The result contains every point
// within distance r of p, and every point of it is within
// r + InflateOvershoot(r, segments) of p. Holes narrower than 2r close up.
// r = 0 returns p unchanged.
func Inflate(p Polygon, r float64, segments int) ([]Polygon, error) {
	if !finite(r) || r < 0 {
		return nil, fmt.Errorf("geom: inflate: radius %g must be finite and ≥ 0", r)
	}
	if segments <= 0 {
		segments = DefaultSegments
	}
	if segments > MaxSegments {
		return nil, fmt.Errorf("geom: inflate: segments %d is more than %d", segments, MaxSegments)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("geom: inflate: %w", err)
	}
	if r == 0 {
		return []Polygon{p}, nil
	}
	d := discPolygon(r, segments)
	if len(p.Holes) == 0 && isConvex(p.Outer) {
		return []Polygon{{Outer: minkowskiHull(p.Outer, d)}}, nil
	}
	parts := []Polygon{p}
	p.edges(func(a, b Point) {
		parts = append(parts, Polygon{Outer: minkowskiHull([]Point{a, b}, d)})
	})
	return Union(parts)
}

// isConvex reports whether the counter-clockwise ring r turns left (or goes
// straight) at every vertex.
func isConvex(r []Point) bool {
	n := len(r)
	for i := range r {
		if orient(r[(i+n-1)%n], r[i], r[(i+1)%n]) < 0 {
			return false
		}
	}
	return true
}

// minkowskiHull returns the convex hull of {p + q : p ∈ ps, q ∈ d}, which is
// the Minkowski sum of the convex hulls of ps and d.
func minkowskiHull(ps, d []Point) []Point {
	pts := make([]Point, 0, len(ps)*len(d))
	for _, p := range ps {
		for _, q := range d {
			pts = append(pts, p.Add(q))
		}
	}
	return convexHull(pts)
}

// convexHull returns the counter-clockwise convex hull of pts without
// collinear points (Andrew's monotone chain).
func convexHull(pts []Point) []Point {
	pts = slices.Clone(pts)
	slices.SortFunc(pts, func(a, b Point) int {
		if c := cmp.Compare(a.X, b.X); c != 0 {
			return c
		}
		return cmp.Compare(a.Y, b.Y)
	})
	pts = slices.Compact(pts)
	if len(pts) < 3 {
		return pts
	}
	h := make([]Point, 0, 2*len(pts))
	for _, p := range pts {
		for len(h) >= 2 && orient(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(pts) - 2; i >= 0; i-- {
		p := pts[i]
		for len(h) >= lower && orient(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1]
}

// Union merges polygons whose interiors overlap or touch along edges, using
// simplefeatures' robust overlay. The result's polygons have disjoint
// interiors.
func Union(ps []Polygon) ([]Polygon, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	gs := make([]sf.Geometry, len(ps))
	for i, p := range ps {
		gs[i] = p.sf().AsGeometry()
	}
	g, err := sf.UnionMany(gs)
	if err != nil {
		return nil, fmt.Errorf("geom: union: %w", err)
	}
	out := fromSF(g, nil)
	if len(out) == 0 {
		return nil, errors.New("geom: union: empty result")
	}
	return out, nil
}

// fromSF appends the polygons of an areal simplefeatures geometry to dst,
// normalised; rings that collapsed to nothing are dropped.
func fromSF(g sf.Geometry, dst []Polygon) []Polygon {
	switch g.Type() {
	case sf.TypePolygon:
		p, _ := g.AsPolygon()
		if q, ok := polygonFromSF(p); ok {
			dst = append(dst, q)
		}
	case sf.TypeMultiPolygon:
		m, _ := g.AsMultiPolygon()
		for i := 0; i < m.NumPolygons(); i++ {
			if q, ok := polygonFromSF(m.PolygonN(i)); ok {
				dst = append(dst, q)
			}
		}
	case sf.TypeGeometryCollection:
		c, _ := g.AsGeometryCollection()
		for i := 0; i < c.NumGeometries(); i++ {
			dst = fromSF(c.GeometryN(i), dst)
		}
	}
	return dst
}

func polygonFromSF(p sf.Polygon) (Polygon, bool) {
	if p.IsEmpty() {
		return Polygon{}, false
	}
	outer, ok := ringFromSeq(p.ExteriorRing().Coordinates())
	if !ok {
		return Polygon{}, false
	}
	if ringArea(outer) < 0 {
		reverse(outer)
	}
	q := Polygon{Outer: outer}
	for i := 0; i < p.NumInteriorRings(); i++ {
		h, ok := ringFromSeq(p.InteriorRingN(i).Coordinates())
		if !ok {
			continue
		}
		if ringArea(h) > 0 {
			reverse(h)
		}
		q.Holes = append(q.Holes, h)
	}
	return q, true
}

// ringFromSeq reads a closed ring, dropping the closing point, consecutive
// duplicates and exactly collinear vertices.
func ringFromSeq(s sf.Sequence) ([]Point, bool) {
	r := make([]Point, 0, s.Length())
	for i := 0; i < s.Length(); i++ {
		xy := s.GetXY(i)
		p := Point{xy.X, xy.Y}
		if len(r) > 0 && r[len(r)-1] == p {
			continue
		}
		r = append(r, p)
	}
	for len(r) > 1 && r[len(r)-1] == r[0] {
		r = r[:len(r)-1]
	}
	// Drop exactly collinear vertices.
	for changed := true; changed && len(r) >= 3; {
		changed = false
		n := len(r)
		for i := 0; i < n; i++ {
			a, b, c := r[(i+n-1)%n], r[i], r[(i+1)%n]
			if orient(a, b, c) == 0 && b.Sub(a).Dot(c.Sub(b)) >= 0 {
				r = slices.Delete(r, i, i+1)
				changed = true
				break
			}
		}
	}
	if len(r) < 3 || ringArea(r) == 0 {
		return nil, false
	}
	return r, true
}
