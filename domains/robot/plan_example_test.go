package robot_test

import (
	"context"
	"fmt"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

func ExamplePlan() {
	env, err := robot.ParseEnv([]byte(`{
	  "bounds": [0, 10, 0, 4], "horizon": 20,
	  "robots": [{"name": "r1", "start": [1, 1], "max_speed": 2, "radius": 0.2}],
	  "regions": [
	    {"name": "wall", "kind": "wall", "box": [4.9, 5.1, 0, 3]},
	    {"name": "dock", "kind": "goal", "box": [8, 9, 0.5, 1.5]},
	    {"name": "pond", "kind": "room", "box": [2, 3, 2.5, 4]}
	  ]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	spec := stl.MustParse("F[0,10] G[0,1] dock & G !pond")
	res, err := robot.Plan(context.Background(), env, spec, robot.PlanOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Order, res.Check.Satisfied, res.Check.Robustness > 0)
	// Output: [dock] true true
}

// Two robots swap sides through a doorway: each must reach and stay in
// the other's corner. The second robot placed waits until the first has
// passed.
func ExamplePlan_robots() {
	env, err := robot.ParseEnv([]byte(`{
	  "bounds": [0, 10, 0, 4], "horizon": 20,
	  "robots": [
	    {"name": "r1", "start": [1, 1], "max_speed": 2, "radius": 0.3},
	    {"name": "r2", "start": [9, 1], "max_speed": 2, "radius": 0.3}],
	  "regions": [
	    {"name": "wall", "kind": "wall", "box": [4.9, 5.1, 1.5, 4]},
	    {"name": "west", "kind": "goal", "box": [0.5, 1.5, 2.5, 3.5]},
	    {"name": "east", "kind": "goal", "box": [8.5, 9.5, 2.5, 3.5]}
	  ]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	spec := stl.MustParse("F G r1.east & F G r2.west")
	res, err := robot.Plan(context.Background(), env, spec, robot.PlanOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Orders["r1"], res.Orders["r2"], res.Check.Satisfied, res.Check.MinSeparation >= robot.DefaultSeparation, len(res.Delays))
	// Output: [r1.east] [r2.west] true true 1
}
