package builtin

import (
	"context"
	"errors"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/tools"
)

// RobotPlanInput is the input of robot.plan.
type RobotPlanInput struct {
	Env    any      `json:"env" jsonschema:"the environment as a JSON object (as for robot.check) or a JSON string holding one; exactly one robot"`
	Spec   string   `json:"spec,omitempty" jsonschema:"the task as STL in plankit's infix syntax: a conjunction of F[a,b] region, F(region & F ...), F G[0,d] region, G !region and !door U key"`
	Prefix []string `json:"prefix,omitempty" jsonschema:"alternatively the task as an AutoTAMP pre-order token list; room<N> is the N-th region of env"`
	Margin float64  `json:"margin,omitempty" jsonschema:"safety distance kept from walls, obstacles and avoided regions (default 0.02)"`
}

// RobotPlanOutput is the output of robot.plan.
type RobotPlanOutput struct {
	Robots map[string][][3]float64 `json:"robots" jsonschema:"the plan: timed waypoints [x, y, t] per robot (straight lines between them, resting at the last); pass {\"robots\": ...} to robot.check or robot.render as the trajectory"`
	Order  []string                `json:"order" jsonschema:"the regions visited, in order"`
	Check  RobotCheckOutput        `json:"check" jsonschema:"the checker's verdict on the plan (always satisfied with positive robustness)"`
}

var errSpecRequired = errors.New("robot.plan: give spec or prefix")

// RobotPlan plans a verified trajectory for an STL task.
func RobotPlan(ctx context.Context, in RobotPlanInput) (RobotPlanOutput, error) {
	env, err := envArg(in.Env)
	if err != nil {
		return RobotPlanOutput{}, err
	}
	f, err := RobotSpec(env, in.Spec, in.Prefix)
	if err != nil {
		return RobotPlanOutput{}, err
	}
	if f == nil {
		return RobotPlanOutput{}, errSpecRequired
	}
	res, err := robot.Plan(ctx, env, f, robot.PlanOptions{Margin: in.Margin})
	if err != nil {
		return RobotPlanOutput{}, err
	}
	robots := map[string][][3]float64{}
	for _, rp := range res.Trajectory.Robots {
		for _, w := range rp.Path {
			robots[rp.Name] = append(robots[rp.Name], [3]float64{w.X, w.Y, w.T})
		}
	}
	return RobotPlanOutput{Robots: robots, Order: res.Order, Check: RobotCheckOutputFrom(res.Check, true)}, nil
}

func registerRobotPlan(r *tools.Registry) error {
	return tools.Add(r, "robot.plan",
		"Plan a collision-free timed trajectory for one robot that satisfies an STL task (reach with deadlines, sequences, stay, avoid, keys before doors), verified by the exact checker", RobotPlan)
}
