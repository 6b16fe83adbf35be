package geom

import (
	"math"
	"math/rand/v2"
	"testing"

	sf "github.com/peterstace/simplefeatures/geom"
)

func pts(xy ...float64) []Point {
	out := make([]Point, len(xy)/2)
	for i := range out {
		out[i] = Point{xy[2*i], xy[2*i+1]}
	}
	return out
}

var (
	square   = MustPolygon(pts(0, 0, 1, 0, 1, 1, 0, 1))
	triangle = MustPolygon(pts(0, 0, 4, 0, 0, 3))
	// lShape is [0,2]×[0,1] ∪ [0,1]×[1,2]; its reflex corner is (1,1).
	lShape = MustPolygon(pts(0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2))
	// uShape is [0,3]×[0,3] without the notch [1,2]×[1,3].
	uShape = MustPolygon(pts(0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3))
	// framed is [0,4]² with the hole [1,3]².
	framed = MustPolygon(pts(0, 0, 4, 0, 4, 4, 0, 4), pts(1, 1, 3, 1, 3, 3, 1, 3))
)

func TestLocate(t *testing.T) {
	tests := []struct {
		name string
		poly Polygon
		p    Point
		want Location
	}{
		{"square centre", square, Pt(0.5, 0.5), Inside},
		{"square vertex", square, Pt(1, 1), OnBoundary},
		{"square edge", square, Pt(0.5, 0), OnBoundary},
		{"square edge within tol", square, Pt(0.5, 1+1e-10), OnBoundary},
		{"square just outside tol", square, Pt(0.5, 1+1e-8), Outside},
		{"square outside", square, Pt(2, 0.5), Outside},
		{"square ray through vertex", square, Pt(-1, 1), Outside},
		{"triangle inside", triangle, Pt(1, 1), Inside},
		{"triangle hypotenuse midpoint", triangle, Pt(2, 1.5), OnBoundary},
		{"triangle beyond hypotenuse", triangle, Pt(2.1, 1.5), Outside},
		{"L reflex vertex", lShape, Pt(1, 1), OnBoundary},
		{"L notch", lShape, Pt(1.5, 1.5), Outside},
		{"L arm", lShape, Pt(0.5, 1.5), Inside},
		{"L edge of notch", lShape, Pt(1.5, 1), OnBoundary},
		{"U notch", uShape, Pt(1.5, 2), Outside},
		{"U notch ray through two reflex vertices", uShape, Pt(0.5, 1), Inside},
		{"U left arm", uShape, Pt(0.5, 2.5), Inside},
		{"U notch bottom", uShape, Pt(1.5, 1), OnBoundary},
		{"frame in hole", framed, Pt(2, 2), Outside},
		{"frame on hole edge", framed, Pt(1, 2), OnBoundary},
		{"frame hole vertex", framed, Pt(3, 3), OnBoundary},
		{"frame material", framed, Pt(0.5, 0.5), Inside},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.poly.Locate(tc.p, DefaultTol); got != tc.want {
				t.Errorf("Locate(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestSegmentEntersInterior(t *testing.T) {
	tests := []struct {
		name       string
		poly       Polygon
		a, b       Point
		enters     bool
		intersects bool
	}{
		{"square crossing", square, Pt(-1, 0.5), Pt(2, 0.5), true, true},
		{"square miss", square, Pt(-1, 2), Pt(2, 2), false, false},
		{"square along bottom edge", square, Pt(0, 0), Pt(1, 0), false, true},
		{"square collinear beyond edge", square, Pt(-1, 0), Pt(3, 0), false, true},
		{"square touching a vertex", square, Pt(-1, 0), Pt(1, 2), false, true},
		{"square diagonal", square, Pt(0, 0), Pt(1, 1), true, true},
		{"square from inside", square, Pt(0.5, 0.5), Pt(3, 3), true, true},
		{"square inside short", square, Pt(0.4, 0.5), Pt(0.6, 0.5), true, true},
		{"square leaving from edge", square, Pt(1, 0.5), Pt(2, 0.5), false, true},
		{"square vertex to vertex outside", square, Pt(1, 0), Pt(2, 2), false, true},
		{"square degenerate point inside", square, Pt(0.5, 0.5), Pt(0.5, 0.5), true, true},
		{"triangle hypotenuse", triangle, Pt(4, 0), Pt(0, 3), false, true},
		{"triangle half hypotenuse extended", triangle, Pt(2, 1.5), Pt(-2, 4.5), false, true},
		{"triangle median", triangle, Pt(0, 0), Pt(2, 1.5), true, true},
		{"L into notch from reflex corner", lShape, Pt(1, 1), Pt(2, 2), false, true},
		{"L through reflex corner", lShape, Pt(2, 2), Pt(0.5, 0.5), true, true},
		{"L across notch vertex to vertex", lShape, Pt(2, 1), Pt(1, 2), false, true},
		{"L main diagonal through reflex corner", lShape, Pt(0, 2), Pt(2, 0), true, true},
		{"L along notch edge", lShape, Pt(1, 1), Pt(1, 2), false, true},
		{"L along notch edge extended", lShape, Pt(1, 0.5), Pt(1, 3), true, true},
		{"L down into lower arm", lShape, Pt(1.5, 1.5), Pt(1.5, 0.5), true, true},
		{"U across notch top", uShape, Pt(1, 3), Pt(2, 3), false, true},
		{"U across notch at reflex corners", uShape, Pt(0, 1), Pt(3, 1), true, true},
		{"U notch bottom edge", uShape, Pt(1, 1), Pt(2, 1), false, true},
		{"U notch vertex to far vertex", uShape, Pt(2, 3), Pt(1, 1), false, true},
		{"U arm to arm over the notch", uShape, Pt(0.5, 2), Pt(2.5, 2), true, true},
		{"frame inside hole", framed, Pt(1.5, 1.5), Pt(2.5, 2.5), false, false},
		{"frame hole diagonal vertex to vertex", framed, Pt(1, 1), Pt(3, 3), false, true},
		{"frame out of hole", framed, Pt(2, 2), Pt(2, 3.5), true, true},
		{"frame through everything", framed, Pt(-1, 2), Pt(5, 2), true, true},
		{"frame along hole edge", framed, Pt(1, 1), Pt(3, 1), false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.poly.SegmentEntersInterior(tc.a, tc.b, DefaultTol); got != tc.enters {
				t.Errorf("SegmentEntersInterior(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.enters)
			}
			if got := tc.poly.SegmentEntersInterior(tc.b, tc.a, DefaultTol); got != tc.enters {
				t.Errorf("reversed: SegmentEntersInterior(%v, %v) = %v, want %v", tc.b, tc.a, got, tc.enters)
			}
			if got := tc.poly.SegmentIntersects(tc.a, tc.b); got != tc.intersects {
				t.Errorf("SegmentIntersects(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.intersects)
			}
			if got := tc.poly.SegmentDistance(tc.a, tc.b) == 0; got != tc.intersects {
				t.Errorf("SegmentDistance(%v, %v) = %g, want 0 iff they intersect (%v)", tc.a, tc.b, tc.poly.SegmentDistance(tc.a, tc.b), tc.intersects)
			}
		})
	}
}

func TestIntervals(t *testing.T) {
	tests := []struct {
		name string
		poly Polygon
		a, b Point
		want [][2]float64
	}{
		{"square through", square, Pt(-1, 0.5), Pt(2, 0.5), [][2]float64{{1.0 / 3, 2.0 / 3}}},
		{"square miss", square, Pt(-1, 2), Pt(2, 2), nil},
		{"square grazing vertex", square, Pt(-1, 0), Pt(1, 2), [][2]float64{{0.5, 0.5}}},
		{"square along edge", square, Pt(-1, 0), Pt(3, 0), [][2]float64{{0.25, 0.5}}},
		{"L upper arm", lShape, Pt(-1, 1.5), Pt(3, 1.5), [][2]float64{{0.25, 0.5}}},
		{"U both arms", uShape, Pt(-1, 2), Pt(4, 2), [][2]float64{{0.2, 0.4}, {0.6, 0.8}}},
		{"frame hole", framed, Pt(0, 2), Pt(4, 2), [][2]float64{{0, 0.25}, {0.75, 1}}},
		{"start inside", square, Pt(0.5, 0.5), Pt(1.5, 0.5), [][2]float64{{0, 0.5}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.poly.Intervals(tc.a, tc.b, DefaultTol)
			if len(got) != len(tc.want) {
				t.Fatalf("Intervals = %v, want %v", got, tc.want)
			}
			for i := range got {
				if math.Abs(got[i][0]-tc.want[i][0]) > 1e-12 || math.Abs(got[i][1]-tc.want[i][1]) > 1e-12 {
					t.Fatalf("Intervals = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestDistances(t *testing.T) {
	tests := []struct {
		name string
		poly Polygon
		p    Point
		want float64
	}{
		{"square corner region", square, Pt(2, 2), math.Sqrt2},
		{"square above", square, Pt(0.5, 3), 2},
		{"square inside", square, Pt(0.5, 0.5), 0},
		{"triangle beyond hypotenuse", triangle, Pt(4, 3), 2.4},
		{"L notch", lShape, Pt(1.5, 1.5), 0.5},
		{"frame hole centre", framed, Pt(2, 2), 1},
		{"frame hole off centre", framed, Pt(2.5, 2), 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.poly.Distance(tc.p); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("Distance(%v) = %g, want %g", tc.p, got, tc.want)
			}
		})
	}
	segs := []struct {
		name string
		poly Polygon
		a, b Point
		want float64
	}{
		{"vertical line right of square", square, Pt(2, -1), Pt(2, 2), 1},
		{"diagonal near corner", square, Pt(2, 1), Pt(1, 2), math.Sqrt2 / 2},
		{"crossing", square, Pt(-1, 0.5), Pt(2, 0.5), 0},
		{"inside hole", framed, Pt(1.5, 2), Pt(2.5, 2), 0.5},
	}
	for _, tc := range segs {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.poly.SegmentDistance(tc.a, tc.b); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("SegmentDistance = %g, want %g", got, tc.want)
			}
		})
	}
	path := pts(-1, -1, 2, -1, 2, 2)
	if got := Clearance(path, []Polygon{square}); math.Abs(got-1) > 1e-12 {
		t.Errorf("Clearance = %g, want 1", got)
	}
	if got := Clearance(path, nil); !math.IsInf(got, 1) {
		t.Errorf("Clearance without obstacles = %g, want +Inf", got)
	}
}

func TestAreaCentroid(t *testing.T) {
	tests := []struct {
		name     string
		poly     Polygon
		area     float64
		centroid Point
	}{
		{"square", square, 1, Pt(0.5, 0.5)},
		{"triangle", triangle, 6, Pt(4.0/3, 1)},
		{"L", lShape, 3, Pt(2.5/3, 2.5/3)},
		{"U", uShape, 7, Pt(1.5, (9*1.5-2*2)/7)},
		{"frame", framed, 12, Pt(2, 2)},
		{"clockwise input", MustPolygon(pts(0, 0, 0, 2, 3, 2, 3, 0)), 6, Pt(1.5, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.poly.Area(); math.Abs(got-tc.area) > 1e-12 {
				t.Errorf("Area = %g, want %g", got, tc.area)
			}
			if got := tc.poly.Centroid(); got.Dist(tc.centroid) > 1e-12 {
				t.Errorf("Centroid = %v, want %v", got, tc.centroid)
			}
		})
	}
}

// randomStar returns a random simple star-shaped polygon around c.
func randomStar(rng *rand.Rand, c Point, rmin, rmax float64, n int) Polygon {
	angles := make([]float64, n)
	for i := range angles {
		angles[i] = (float64(i) + 0.8*rng.Float64()) * 2 * math.Pi / float64(n)
	}
	ring := make([]Point, n)
	for i, a := range angles {
		r := rmin + (rmax-rmin)*rng.Float64()
		ring[i] = Point{c.X + r*math.Cos(a), c.Y + r*math.Sin(a)}
	}
	p, err := NewPolygon(ring)
	if err != nil {
		panic(err)
	}
	return p
}

// randomPolygon returns a star-shaped polygon, sometimes with a square hole.
func randomPolygon(rng *rand.Rand) Polygon {
	c := Pt(rng.Float64()*4, rng.Float64()*4)
	p := randomStar(rng, c, 0.6, 2, 3+rng.IntN(10))
	if rng.IntN(3) == 0 {
		h := 0.1 + 0.3*rng.Float64()
		q, err := NewPolygon(p.Outer, pts(c.X-h, c.Y-h, c.X+h, c.Y-h, c.X+h, c.Y+h, c.X-h, c.Y+h))
		if err == nil {
			p = q
		}
	}
	return p
}

func sfLine(a, b Point) sf.Geometry {
	return sf.NewLineString(sf.NewSequence([]float64{a.X, a.Y, b.X, b.Y}, sf.DimXY)).AsGeometry()
}

// TestPredicatesAgainstSimplefeatures checks Locate, SegmentEntersInterior,
// distances and area against simplefeatures' DE-9IM relate and distance on
// random star-shaped polygons (with holes), skipping inputs within 1e-6 of
// a degenerate position where floating-point rounding decides.
func TestPredicatesAgainstSimplefeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var checkedPts, checkedSegs, chords int
	for iter := 0; iter < 150; iter++ {
		p := randomPolygon(rng)
		g := p.sf().AsGeometry()
		if math.Abs(g.Area()-p.Area()) > 1e-9 {
			t.Fatalf("area %g, simplefeatures %g", p.Area(), g.Area())
		}
		rp := func() Point { return Pt(rng.Float64()*8-2, rng.Float64()*8-2) }
		for k := 0; k < 20; k++ {
			q := rp()
			if p.BoundaryDistance(q) < 1e-6 {
				continue
			}
			m, err := sf.Relate(sf.NewPointXY(q.X, q.Y).AsGeometry(), g)
			if err != nil {
				t.Fatal(err)
			}
			want := Outside
			if m[0] != 'F' {
				want = Inside
			}
			if got := p.Locate(q, DefaultTol); got != want {
				t.Fatalf("iter %d: Locate(%v) = %v, simplefeatures %v (%s)", iter, q, got, want, p.WKT())
			}
			d, _ := sf.Distance(sf.NewPointXY(q.X, q.Y).AsGeometry(), g)
			if got := p.Distance(q); math.Abs(got-d) > 1e-9 {
				t.Fatalf("iter %d: Distance(%v) = %g, simplefeatures %g", iter, q, got, d)
			}
			checkedPts++
		}
		for k := 0; k < 20; k++ {
			a, b := rp(), rp()
			if nearDegenerate(p, a, b) {
				continue
			}
			checkSeg(t, p, g, a, b)
			checkedSegs++
		}
		// Chords between vertices: exactly on the boundary at both ends.
		verts := p.Outer
		for k := 0; k < 10; k++ {
			a, b := verts[rng.IntN(len(verts))], verts[rng.IntN(len(verts))]
			if a == b || nearDegenerate(p, a, b) {
				continue
			}
			checkSeg(t, p, g, a, b)
			chords++
		}
	}
	t.Logf("checked %d points, %d random segments, %d vertex chords", checkedPts, checkedSegs, chords)
}

// nearDegenerate reports whether segment ab passes within 1e-6 of a vertex
// of p other than its own endpoints, or has an endpoint within 1e-6 of an
// edge it is not a vertex of.
func nearDegenerate(p Polygon, a, b Point) bool {
	bad := false
	p.edges(func(c, d Point) {
		if c != a && c != b && PointSegmentDist(c, a, b) < 1e-6 {
			bad = true
		}
		for _, e := range []Point{a, b} {
			if e != c && e != d && PointSegmentDist(e, c, d) < 1e-6 {
				bad = true
			}
		}
	})
	return bad
}

func checkSeg(t *testing.T, p Polygon, g sf.Geometry, a, b Point) {
	t.Helper()
	m, err := sf.Relate(sfLine(a, b), g)
	if err != nil {
		t.Fatal(err)
	}
	want := m[0] != 'F'
	if got := p.SegmentEntersInterior(a, b, DefaultTol); got != want {
		t.Fatalf("SegmentEntersInterior(%v, %v) = %v, simplefeatures relate %s (%s)", a, b, got, m, p.WKT())
	}
	wantHit := sf.Intersects(sfLine(a, b), g)
	if got := p.SegmentIntersects(a, b); got != wantHit {
		t.Fatalf("SegmentIntersects(%v, %v) = %v, simplefeatures %v", a, b, got, wantHit)
	}
	d, _ := sf.Distance(sfLine(a, b), g)
	if got := p.SegmentDistance(a, b); math.Abs(got-d) > 1e-9 {
		t.Fatalf("SegmentDistance(%v, %v) = %g, simplefeatures %g", a, b, got, d)
	}
	// The intervals cover exactly the sampled points inside the polygon.
	ivs := p.Intervals(a, b, DefaultTol)
	for s := 0; s <= 50; s++ {
		tt := float64(s) / 50
		q := a.Lerp(b, tt)
		if p.BoundaryDistance(q) < 1e-7 {
			continue
		}
		in := false
		for _, iv := range ivs {
			if tt >= iv[0] && tt <= iv[1] {
				in = true
			}
		}
		if in != (p.Locate(q, 0) == Inside) {
			t.Fatalf("Intervals(%v, %v) = %v disagree with Locate at t=%g", a, b, ivs, tt)
		}
	}
}
