package geom

import (
	"context"
	"math/rand/v2"
	"testing"
)

// chipEnv3 returns the walls and closed doors of AutoTAMP's Chip's
// Challenge env3 (8×8 workspace) as obstacles.
func chipEnv3() ([]Polygon, *Box) {
	boxes := [][4]float64{
		// doors
		{2.5, 3.5, 5.9, 6.1}, {7, 8, 5.9, 6.1}, {5.9, 6.1, 5, 6}, {4, 5, 0.9, 1.1},
		{6, 8, 0.9, 1.1}, {0, 2, 2.9, 3.1}, {0, 2, 1.9, 2.1},
		// walls
		{-0.1, 0.1, 0, 8}, {7.9, 8.1, 0, 8}, {0, 8, -0.1, 0.1}, {0, 8, 7.9, 8.1},
		{3.5, 7, 5.9, 6.1}, {0, 2.5, 5.9, 6.1}, {2, 4, 0.9, 1.1}, {5, 6, 0.9, 1.1},
		{1.9, 2.1, 1, 4}, {2, 4, 3.9, 4.1}, {3.9, 4.1, 4, 6}, {1.9, 2.1, 4, 6}, {5.9, 6.1, 0, 5},
	}
	var out []Polygon
	for _, b := range boxes {
		out = append(out, box(b[0], b[1], b[2], b[3]))
	}
	return out, &Box{0, 8, 0, 8}
}

// TestChipEnv3 plans in the AutoTAMP environment with its bloat 0.18: the
// start room is closed by doors, and opening them (dropping them from the
// obstacles) lets the robot reach a goal room.
func TestChipEnv3(t *testing.T) {
	ctx := context.Background()
	obs, ws := chipEnv3()
	opts := PathOptions{Radius: 0.18, Bounds: ws}
	g, err := NewVisibilityGraph(ctx, obs, opts)
	if err != nil {
		t.Fatal(err)
	}
	start, goal := Pt(4.5, 2.0), Pt(1.0, 7.0)
	if _, err := g.ShortestPath(ctx, start, goal); err == nil {
		t.Fatal("path through closed doors")
	}
	open, err := NewVisibilityGraph(ctx, obs[7:], opts) // walls only
	if err != nil {
		t.Fatal(err)
	}
	p, err := open.ShortestPath(ctx, start, goal)
	if err != nil {
		t.Fatal(err)
	}
	if p.Clearance < 0.18-1e-9 {
		t.Fatalf("clearance %g", p.Clearance)
	}
	t.Logf("walls only: %d nodes, %d edges; path length %.4f with %d waypoints", len(open.nodes), open.NumEdges(), p.Length, len(p.Points))
}

func BenchmarkVisibilityGraphChipEnv3(b *testing.B) {
	ctx := context.Background()
	obs, ws := chipEnv3()
	opts := PathOptions{Radius: 0.18, Bounds: ws}
	for b.Loop() {
		if _, err := NewVisibilityGraph(ctx, obs[7:], opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShortestPathChipEnv3(b *testing.B) {
	ctx := context.Background()
	obs, ws := chipEnv3()
	g, err := NewVisibilityGraph(ctx, obs[7:], PathOptions{Radius: 0.18, Bounds: ws})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var pairs [][2]Point
	for len(pairs) < 64 {
		s, t := Pt(8*rng.Float64(), 8*rng.Float64()), Pt(8*rng.Float64(), 8*rng.Float64())
		if g.Check("start", s) == nil && g.Check("goal", t) == nil {
			pairs = append(pairs, [2]Point{s, t})
		}
	}
	i := 0
	for b.Loop() {
		q := pairs[i%len(pairs)]
		i++
		if _, err := g.ShortestPath(ctx, q[0], q[1]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSegmentEntersInterior(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 5))
	p := randomStar(rng, Pt(2, 2), 0.5, 2, 20)
	segs := make([][2]Point, 256)
	for i := range segs {
		segs[i] = [2]Point{Pt(4*rng.Float64(), 4*rng.Float64()), Pt(4*rng.Float64(), 4*rng.Float64())}
	}
	i := 0
	for b.Loop() {
		s := segs[i%len(segs)]
		i++
		p.SegmentEntersInterior(s[0], s[1], DefaultTol)
	}
}

func BenchmarkInflateStar(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	p := randomStar(rng, Pt(2, 2), 0.5, 2, 12)
	for b.Loop() {
		if _, err := Inflate(p, 0.3, DefaultSegments); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInflateBox(b *testing.B) {
	p := box(0, 4, 1.95, 2.05)
	for b.Loop() {
		if _, err := Inflate(p, 0.2, DefaultSegments); err != nil {
			b.Fatal(err)
		}
	}
}
