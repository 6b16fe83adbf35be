package robot_test

import (
	"context"
	"fmt"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

func ExampleCheck() {
	env, err := robot.ParseEnv([]byte(`{
	  "bounds": [0, 10, 0, 4], "horizon": 5,
	  "robots": [{"name": "r1", "start": [2, 0.5], "radius": 0.2, "max_speed": 3}],
	  "regions": [
	    {"name": "wall1", "kind": "wall", "box": [0, 4, 1.95, 2.05]},
	    {"name": "wall2", "kind": "wall", "box": [5, 10, 1.95, 2.05]},
	    {"name": "goal", "kind": "goal", "box": [1.5, 2.5, 3, 4]}]}`))
	if err != nil {
		panic(err)
	}
	spec := stl.MustParse("F G goal")
	// Straight up through the wall, then through the gap at x ∈ [4, 5].
	for _, p := range []stl.Path{
		{{X: 2, Y: 0.5, T: 0}, {X: 2, Y: 3.5, T: 1.5}},
		{{X: 2, Y: 0.5, T: 0}, {X: 4.5, Y: 1.5, T: 1}, {X: 4.5, Y: 2.5, T: 1.5}, {X: 2, Y: 3.5, T: 2.5}},
	} {
		res, err := robot.Check(context.Background(), env, spec, &robot.Trajectory{Robots: []robot.RobotPath{{Name: "r1", Path: p}}})
		if err != nil {
			panic(err)
		}
		fmt.Printf("satisfied %v, robustness %.2f\n", res.Satisfied, res.Robustness)
		for _, v := range res.Violations {
			fmt.Println(" ", v.Message)
		}
	}
	// Output:
	// satisfied false, robustness 0.50
	//   r1 (radius 0.2) runs into wall "wall1"; its disc first touches it at t=0.625
	// satisfied true, robustness 0.50
}
