package stl

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
)

// benchScene is a Chip-like maze: 20 boxes and a 30-segment path.
func benchScene() (*PathSignal, *Formula) {
	rng := rand.New(rand.NewPCG(9, 9))
	boxes := map[string][4]float64{}
	var conj []string
	for i := range 20 {
		x, y := rng.Float64()*7, rng.Float64()*7
		name := fmt.Sprintf("region%d", i)
		boxes[name] = [4]float64{x, x + 0.3 + rng.Float64(), y, y + 0.3 + rng.Float64()}
		switch {
		case i < 5:
			conj = append(conj, "F "+name)
		case i < 10:
			conj = append(conj, fmt.Sprintf("(!region%d U region%d)", i, i-5))
		default:
			conj = append(conj, "G !"+name)
		}
	}
	var p Path
	for i := range 31 {
		p = append(p, Waypoint{X: rng.Float64() * 8, Y: rng.Float64() * 8, T: float64(i)})
	}
	return scene(boxes, p), MustParse(strings.Join(conj, " & "))
}

// fresh copies the signal without its cache, as each robot.Check builds
// a new one.
func fresh(s *PathSignal) *PathSignal {
	return &PathSignal{Names: s.Names, Paths: s.Paths, Resolve: s.Resolve}
}

func BenchmarkSatisfied(b *testing.B) {
	sig, f := benchScene()
	ctx := context.Background()
	for b.Loop() {
		if _, err := Satisfied(ctx, f, fresh(sig), Options{Horizon: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckRobustness(b *testing.B) {
	sig, f := benchScene()
	ctx := context.Background()
	for b.Loop() {
		if _, err := Check(ctx, f, fresh(sig), Options{Horizon: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	_, f := benchScene()
	s := f.String()
	for b.Loop() {
		if _, err := Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAtLeastTimes(b *testing.B) {
	sig, _ := benchScene()
	p := sig.Paths[0]
	poly := geom.Box{XMin: 2, XMax: 5, YMin: 2, YMax: 5}.Polygon()
	for b.Loop() {
		AtLeastTimes(p, poly, -0.3, geom.DefaultTol)
	}
}
