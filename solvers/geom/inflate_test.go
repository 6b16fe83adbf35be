package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

func inflatedContains(ps []Polygon, q Point) bool {
	for _, p := range ps {
		if p.Locate(q, 1e-9) != Outside {
			return true
		}
	}
	return false
}

func TestInflateBox(t *testing.T) {
	box := MustPolygon(pts(1, 2, 4, 2, 4, 3, 1, 3)) // 3 × 1
	tests := []struct {
		segs int
		r    float64
	}{{1, 0.5}, {2, 0.25}, {8, 0.3}, {16, 1}}
	for _, tc := range tests {
		res, err := Inflate(box, tc.r, tc.segs)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 1 {
			t.Fatalf("segs %d: %d polygons", tc.segs, len(res))
		}
		k := float64(4 * tc.segs)
		want := 3 + 2*(3+1)*tc.r + k*tc.r*tc.r*math.Tan(math.Pi/k)
		if got := res[0].Area(); math.Abs(got-want) > 1e-9 {
			t.Errorf("segs %d r %g: area %g, want %g", tc.segs, tc.r, got, want)
		}
		// The sides are offset exactly by r.
		b := res[0].Bounds()
		if math.Abs(b.XMin-(1-tc.r)) > 1e-12 || math.Abs(b.XMax-(4+tc.r)) > 1e-12 || math.Abs(b.YMin-(2-tc.r)) > 1e-12 || math.Abs(b.YMax-(3+tc.r)) > 1e-12 {
			t.Errorf("segs %d r %g: bounds %v", tc.segs, tc.r, b)
		}
	}
	// One segment per quarter is AutoTAMP's bloated box.
	res, _ := Inflate(box, 0.5, 1)
	if got := res[0].Area(); math.Abs(got-4*2) > 1e-12 {
		t.Errorf("square corners: area %g, want 8", got)
	}
}

func TestInflateZeroAndErrors(t *testing.T) {
	res, err := Inflate(square, 0, 8)
	if err != nil || len(res) != 1 || res[0].Area() != 1 {
		t.Fatalf("r=0: %v %v", res, err)
	}
	for _, r := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := Inflate(square, r, 8); err == nil {
			t.Errorf("radius %g accepted", r)
		}
	}
	if _, err := Inflate(square, 1, MaxSegments+1); err == nil {
		t.Error("too many segments accepted")
	}
	// A hole narrower than 2r closes up.
	res, err = Inflate(framed, 1.5, 4)
	if err != nil || len(res) != 1 || len(res[0].Holes) != 0 {
		t.Fatalf("closing hole: %v %v", res, err)
	}
	res, err = Inflate(framed, 0.5, 4)
	if err != nil || len(res) != 1 || len(res[0].Holes) != 1 {
		t.Fatalf("shrinking hole: %v %v", res, err)
	}
}

// TestInflateConservative checks on random polygons (convex and not, with
// holes) that the inflated polygon contains every point within r of the
// original (its boundary keeps distance ≥ r, and sampled near points are
// inside) and lies within r + InflateOvershoot of it.
func TestInflateConservative(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for iter := 0; iter < 120; iter++ {
		p := randomPolygon(rng)
		r := 0.05 + rng.Float64()
		segs := []int{1, 2, 3, 8, 13}[rng.IntN(5)]
		res, err := Inflate(p, r, segs)
		if err != nil {
			t.Fatalf("iter %d: %v", iter, err)
		}
		over := InflateOvershoot(r, segs)
		for _, q := range res {
			for _, ring := range q.rings() {
				for i, v := range ring {
					w := ring[(i+1)%len(ring)]
					if d := p.SegmentDistance(v, w); d < r*(1-1e-9) {
						t.Fatalf("iter %d: inflated edge %v–%v is %g from the polygon, radius %g (%s)", iter, v, w, d, r, p.WKT())
					}
					if d := p.Distance(v); d > r+over+1e-9 {
						t.Fatalf("iter %d: inflated vertex %v is %g from the polygon, more than %g + %g", iter, v, d, r, over)
					}
				}
			}
		}
		for _, v := range p.Outer {
			if !inflatedContains(res, v) {
				t.Fatalf("iter %d: vertex %v of the polygon is outside its inflation", iter, v)
			}
		}
		b := p.Bounds()
		for k := 0; k < 200; k++ {
			q := Pt(b.XMin-r+rng.Float64()*(b.XMax-b.XMin+2*r), b.YMin-r+rng.Float64()*(b.YMax-b.YMin+2*r))
			d := p.Distance(q)
			if d < r*(1-1e-9) && !inflatedContains(res, q) {
				t.Fatalf("iter %d: %v at distance %g < %g is outside the inflation", iter, q, d, r)
			}
			if d > r+over+1e-9 && inflatedContains(res, q) {
				t.Fatalf("iter %d: %v at distance %g > %g is inside the inflation", iter, q, d, r+over)
			}
		}
	}
}

func TestUnion(t *testing.T) {
	a := MustPolygon(pts(0, 0, 2, 0, 2, 2, 0, 2))
	b := MustPolygon(pts(1, 1, 3, 1, 3, 3, 1, 3))
	c := MustPolygon(pts(10, 10, 11, 10, 11, 11))
	u, err := Union([]Polygon{a, b, c})
	if err != nil {
		t.Fatal(err)
	}
	if len(u) != 2 {
		t.Fatalf("%d polygons, want 2", len(u))
	}
	var area float64
	for _, p := range u {
		area += p.Area()
		if err := p.Validate(); err != nil {
			t.Errorf("invalid union part: %v", err)
		}
	}
	if math.Abs(area-(4+4-1+0.5)) > 1e-12 {
		t.Errorf("area %g, want 7.5", area)
	}
	// A ring of four walls encloses a free pocket: the union has a hole.
	walls := []Polygon{
		MustPolygon(pts(0, 0, 4, 0, 4, 1, 0, 1)), MustPolygon(pts(0, 3, 4, 3, 4, 4, 0, 4)),
		MustPolygon(pts(0, 0, 1, 0, 1, 4, 0, 4)), MustPolygon(pts(3, 0, 4, 0, 4, 4, 3, 4)),
	}
	u, err = Union(walls)
	if err != nil || len(u) != 1 || len(u[0].Holes) != 1 || math.Abs(u[0].Area()-12) > 1e-12 {
		t.Fatalf("walls: %v %v", u, err)
	}
}
