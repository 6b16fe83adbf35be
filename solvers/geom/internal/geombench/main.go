// Command geombench writes random polygons, points and segments together
// with plankit's answers (point location, segment tests, distances, areas,
// inflated areas) and timings as JSON, for scripts/bench/geom.sh to check
// against shapely.
//
//	go run ./solvers/geom/internal/geombench -n 200 -seed 1 > cases.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"

	"github.com/plankit/plankit/solvers/geom"
)

type segment [4]float64

type answers struct {
	Locate       []string  `json:"locate"`
	PointDist    []float64 `json:"point_dist"`
	Enters       []bool    `json:"enters"`
	Intersects   []bool    `json:"intersects"`
	SegDist      []float64 `json:"seg_dist"`
	Area         float64   `json:"area"`
	InflatedArea float64   `json:"inflated_area"`
}

type testCase struct {
	WKT      string       `json:"wkt"`
	Points   [][2]float64 `json:"points"`
	Segments []segment    `json:"segments"`
	Radius   float64      `json:"radius"`
	Go       answers      `json:"go"`
}

type output struct {
	Seed      uint64             `json:"seed"`
	Segments  int                `json:"inflate_segments"`
	Tol       float64            `json:"tol"`
	Cases     []testCase         `json:"cases"`
	NsPerOp   map[string]float64 `json:"ns_per_op"`
	Overshoot float64            `json:"max_overshoot_factor"`
}

func main() {
	n := flag.Int("n", 200, "number of random polygons")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *n < 1 || *n > 100000 {
		fmt.Fprintln(os.Stderr, "geombench: -n must be in 1..100000")
		os.Exit(2)
	}
	out, err := run(*n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "geombench:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "geombench:", err)
		os.Exit(1)
	}
}

// star returns a random star-shaped polygon, a third of them with a
// square hole around the centre when it fits.
func star(rng *rand.Rand) geom.Polygon {
	for {
		c := geom.Pt(10*rng.Float64(), 10*rng.Float64())
		k := 3 + rng.IntN(14)
		ring := make([]geom.Point, k)
		rmin := 0.5 + rng.Float64()
		for i := range ring {
			a := (float64(i) + 0.8*rng.Float64()) * 2 * math.Pi / float64(k)
			r := rmin + 2*rng.Float64()
			ring[i] = geom.Pt(c.X+r*math.Cos(a), c.Y+r*math.Sin(a))
		}
		var holes [][]geom.Point
		if rng.IntN(3) == 0 {
			h := 0.2 * rmin
			holes = append(holes, []geom.Point{{X: c.X - h, Y: c.Y - h}, {X: c.X + h, Y: c.Y - h}, {X: c.X + h, Y: c.Y + h}, {X: c.X - h, Y: c.Y + h}})
		}
		if p, err := geom.NewPolygon(ring, holes...); err == nil {
			return p
		}
		if p, err := geom.NewPolygon(ring); err == nil {
			return p
		}
	}
}

func run(n int, seed uint64) (*output, error) {
	rng := rand.New(rand.NewPCG(seed, 0x9e0))
	const tol = geom.DefaultTol
	const segs = geom.DefaultSegments
	out := &output{Seed: seed, Segments: segs, Tol: tol, NsPerOp: map[string]float64{},
		Overshoot: 1 / math.Cos(math.Pi/float64(4*segs))}
	polys := make([]geom.Polygon, n)
	for i := range polys {
		p := star(rng)
		polys[i] = p
		tc := testCase{WKT: p.WKT(), Radius: 0.05 + 0.5*rng.Float64()}
		b := p.Bounds()
		rp := func() geom.Point {
			return geom.Pt(b.XMin-1+rng.Float64()*(b.XMax-b.XMin+2), b.YMin-1+rng.Float64()*(b.YMax-b.YMin+2))
		}
		for range 40 {
			q := rp()
			tc.Points = append(tc.Points, [2]float64{q.X, q.Y})
		}
		for _, v := range p.Outer[:min(5, len(p.Outer))] { // vertices: on the boundary
			tc.Points = append(tc.Points, [2]float64{v.X, v.Y})
		}
		for range 30 {
			a, c := rp(), rp()
			tc.Segments = append(tc.Segments, segment{a.X, a.Y, c.X, c.Y})
		}
		for range 10 { // chords between vertices
			a, c := p.Outer[rng.IntN(len(p.Outer))], p.Outer[rng.IntN(len(p.Outer))]
			if a != c {
				tc.Segments = append(tc.Segments, segment{a.X, a.Y, c.X, c.Y})
			}
		}
		out.Cases = append(out.Cases, tc)
	}
	// Answers, with wall-clock time per operation kind.
	var nLoc, nSeg, nInf int
	var tLoc, tPD, tEnt, tInt, tSD, tArea, tInf time.Duration
	for i := range out.Cases {
		tc := &out.Cases[i]
		p := polys[i]
		t0 := time.Now()
		for _, q := range tc.Points {
			tc.Go.Locate = append(tc.Go.Locate, p.Locate(geom.Pt(q[0], q[1]), tol).String())
		}
		tLoc += time.Since(t0)
		t0 = time.Now()
		for _, q := range tc.Points {
			tc.Go.PointDist = append(tc.Go.PointDist, p.Distance(geom.Pt(q[0], q[1])))
		}
		tPD += time.Since(t0)
		nLoc += len(tc.Points)
		t0 = time.Now()
		for _, s := range tc.Segments {
			tc.Go.Enters = append(tc.Go.Enters, p.SegmentEntersInterior(geom.Pt(s[0], s[1]), geom.Pt(s[2], s[3]), tol))
		}
		tEnt += time.Since(t0)
		t0 = time.Now()
		for _, s := range tc.Segments {
			tc.Go.Intersects = append(tc.Go.Intersects, p.SegmentIntersects(geom.Pt(s[0], s[1]), geom.Pt(s[2], s[3])))
		}
		tInt += time.Since(t0)
		t0 = time.Now()
		for _, s := range tc.Segments {
			tc.Go.SegDist = append(tc.Go.SegDist, p.SegmentDistance(geom.Pt(s[0], s[1]), geom.Pt(s[2], s[3])))
		}
		tSD += time.Since(t0)
		nSeg += len(tc.Segments)
		t0 = time.Now()
		tc.Go.Area = p.Area()
		tArea += time.Since(t0)
		t0 = time.Now()
		inf, err := geom.Inflate(p, tc.Radius, segs)
		if err != nil {
			return nil, fmt.Errorf("case %d: %w", i, err)
		}
		tInf += time.Since(t0)
		nInf++
		for _, q := range inf {
			tc.Go.InflatedArea += q.Area()
		}
	}
	per := func(d time.Duration, k int) float64 { return float64(d.Nanoseconds()) / float64(k) }
	out.NsPerOp["locate"] = per(tLoc, nLoc)
	out.NsPerOp["point_dist"] = per(tPD, nLoc)
	out.NsPerOp["enters"] = per(tEnt, nSeg)
	out.NsPerOp["intersects"] = per(tInt, nSeg)
	out.NsPerOp["seg_dist"] = per(tSD, nSeg)
	out.NsPerOp["area"] = per(tArea, nInf)
	out.NsPerOp["inflate"] = per(tInf, nInf)
	return out, nil
}
