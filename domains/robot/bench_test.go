package robot

import (
	"context"
	"io"
	"testing"

	"github.com/plankit/plankit/solvers/stl"
)

func benchCheck(b *testing.B, env, traj, spec string, opts CheckOptions) {
	e := loadEnv(b, env)
	tr := loadTraj(b, traj)
	f := loadSpec(b, spec)
	ctx := context.Background()
	if len(e.Robots) < len(tr.Robots) {
		tr.Robots = tr.Robots[:len(e.Robots)]
	}
	for b.Loop() {
		if _, err := CheckWith(ctx, e, f, tr, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// The Rover plan: 3 robots × 10 segments, 21 regions, 11 atoms.
func BenchmarkCheckRover(b *testing.B) {
	benchCheck(b, "rover", "examples/rover.json", "rover", CheckOptions{})
}

func BenchmarkCheckRoverNoRobustness(b *testing.B) {
	benchCheck(b, "rover", "examples/rover.json", "rover", CheckOptions{SkipRobustness: true})
}

func BenchmarkCheckWall(b *testing.B) {
	benchCheck(b, "wall", "examples/wall.json", "wall", CheckOptions{})
}

// A Chip env3 spec (12 conjuncts, 32 regions) on a 30-segment path.
func BenchmarkCheckChip3(b *testing.B) {
	e := loadEnv(b, "chip3")
	f := loadSpec(b, "chip3")
	p := stl.Path{{X: 4.4, Y: 1.9, T: 0}}
	pts := [][2]float64{{3, 2.2}, {2.7, 3.5}, {3.5, 3.5}, {3.6, 4.6}, {2.7, 4.7}, {3.6, 5.6}, {3, 6}, {3, 7}, {1, 7}, {3.5, 7.5}, {5, 7}, {6.5, 6}, {7.5, 6}, {7, 4}, {7, 2}, {7.5, 1}, {7.5, 0.5}, {6.8, 0.5}, {7, 1.5}, {5, 1.5}, {4.5, 0.8}, {4.5, 2.5}, {3, 2.5}, {1, 2.5}, {1, 4}, {1, 1}, {1.5, 3}, {2.5, 2}, {4, 3}, {5, 2.5}}
	for i, q := range pts {
		p = append(p, stl.Waypoint{X: q[0], Y: q[1], T: float64(i+1) * 1.5})
	}
	tr := &Trajectory{Robots: []RobotPath{{"r1", p}}}
	ctx := context.Background()
	for b.Loop() {
		if _, err := Check(ctx, e, f, tr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSVG(b *testing.B) {
	e := loadEnv(b, "rover")
	tr := loadTraj(b, "examples/rover.json")
	for b.Loop() {
		if err := Render(io.Discard, e, tr, RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderPNG(b *testing.B) {
	e := loadEnv(b, "rover")
	tr := loadTraj(b, "examples/rover.json")
	for b.Loop() {
		if err := Render(io.Discard, e, tr, RenderOptions{Format: "png"}); err != nil {
			b.Fatal(err)
		}
	}
}
