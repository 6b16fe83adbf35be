package robot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// scalingEnv is a 16x12 floor with 12 rooms (a 4x3 grid of 1.2x1.2
// boxes), three wall stubs between them and the given robots lined up
// along the bottom edge.
func scalingEnv(robots int) *Env {
	env := &Env{Name: "scaling", Bounds: geom.Box{XMin: 0, XMax: 16, YMin: 0, YMax: 12}, Horizon: 200}
	n := 0
	for row := range 3 {
		for col := range 4 {
			n++
			x, y := 1.5+float64(col)*4, 2.5+float64(row)*3.5
			env.Regions = append(env.Regions, Region{Name: fmt.Sprintf("room%d", n), Kind: "room",
				Shape: geom.BoxShape("", geom.Box{XMin: x, XMax: x + 1.2, YMin: y, YMax: y + 1.2})})
		}
	}
	for i, b := range []geom.Box{{XMin: 4, XMax: 4.2, YMin: 2, YMax: 9}, {XMin: 8, XMax: 8.2, YMin: 4, YMax: 12}, {XMin: 12, XMax: 12.2, YMin: 0, YMax: 8}} {
		env.Regions = append(env.Regions, Region{Name: fmt.Sprintf("wall%d", i+1), Kind: "wall", Shape: geom.BoxShape("", b)})
	}
	for k := range robots {
		env.Robots = append(env.Robots, Robot{Name: fmt.Sprintf("r%d", k+1), Start: geom.Pt(1+float64(k)*1.8, 0.8), MaxSpeed: 2, Radius: 0.2})
	}
	return env
}

// BenchmarkPlanSequence plans one robot through n rooms in a fixed order
// (nested F) and in any order (a conjunction of F, which the planner
// orders itself).
func BenchmarkPlanSequence(b *testing.B) {
	env := scalingEnv(1)
	order := []int{1, 6, 11, 4, 9, 2, 7, 12, 5, 10, 3, 8}
	for _, kind := range []string{"nested", "any-order"} {
		for n := 2; n <= 12; n++ {
			var f *stl.Formula
			if kind == "nested" {
				var s strings.Builder
				for i := range n {
					if i > 0 {
						s.WriteString(" & ")
					}
					fmt.Fprintf(&s, "F(room%d", order[i])
				}
				s.WriteString(strings.Repeat(")", n))
				f = stl.MustParse(s.String())
			} else {
				parts := make([]string, n)
				for i := range n {
					parts[i] = fmt.Sprintf("F room%d", order[i])
				}
				f = stl.MustParse(strings.Join(parts, " & "))
			}
			b.Run(fmt.Sprintf("%s/regions=%d", kind, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := Plan(context.Background(), env, f, PlanOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPlanRobots plans R robots that share 8 any-robot rooms
// (allocation) and keep apart (placement).
func BenchmarkPlanRobots(b *testing.B) {
	parts := make([]string, 8)
	for i := range parts {
		parts[i] = fmt.Sprintf("F room%d", []int{1, 3, 5, 7, 9, 10, 11, 12}[i])
	}
	f := stl.MustParse(strings.Join(parts, " & "))
	for r := 1; r <= 8; r++ {
		env := scalingEnv(r)
		b.Run(fmt.Sprintf("robots=%d", r), func(b *testing.B) {
			for b.Loop() {
				if _, err := Plan(context.Background(), env, f, PlanOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestScalingPlans runs the benchmark instances once as tests, so a
// benchmark that cannot plan shows up in go test.
func TestScalingPlans(t *testing.T) {
	for _, r := range []int{1, 4, 8} {
		env := scalingEnv(r)
		f := stl.MustParse("F room1 & F room12 & F room6 & F room7")
		res, err := Plan(context.Background(), env, f, PlanOptions{})
		if err != nil {
			t.Fatalf("%d robots: %v", r, err)
		}
		if !res.Check.Satisfied || !(res.Check.Robustness > 0) {
			t.Fatalf("%d robots: not verified", r)
		}
	}
}
