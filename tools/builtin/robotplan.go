package builtin

import (
	"context"
	"errors"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/tools"
)

// RobotPlanInput is the input of robot.plan.
type RobotPlanInput struct {
	Env        any      `json:"env" jsonschema:"the environment as a JSON object (as for robot.check), a JSON string holding one, or the name of an embedded scenario (houseworld, chip1, chip2, chip3, rover, wall, overcooked); one robot or several"`
	Spec       string   `json:"spec,omitempty" jsonschema:"the task as STL in plankit's infix syntax: a conjunction of F[a,b] place, F(place & F ...), F G[0,d] place, F(place & G(!a & !b)), G !place, !door U key, G(a -> F[0,d] b) and G(!c -> F[0,d] c); a place is a region, group or kind, or a disjunction (a | b); with several robots r1.goal1 is one robot's and a bare goal1 any robot's (allocated by the planner)"`
	Prefix     []string `json:"prefix,omitempty" jsonschema:"alternatively the task as an AutoTAMP pre-order token list; room<N> is the N-th region of env"`
	Margin     float64  `json:"margin,omitempty" jsonschema:"safety distance kept from walls, obstacles and avoided regions (default 0.02)"`
	Separation float64  `json:"separation,omitempty" jsonschema:"safety distance kept between robots' discs (default 0.05)"`
}

// RobotPlanOutput is the output of robot.plan.
type RobotPlanOutput struct {
	Robots map[string][][3]float64 `json:"robots" jsonschema:"the plan: timed waypoints [x, y, t] per robot (straight lines between them, resting at the last); pass {\"robots\": ...} to robot.check or robot.render as the trajectory"`
	Order  []string                `json:"order" jsonschema:"the regions visited, in order (robot-prefixed, r2:goal1, with several robots)"`
	Orders map[string][]string     `json:"orders" jsonschema:"each robot's visits in order"`
	Delays map[string]float64      `json:"delays,omitempty" jsonschema:"how long a robot waits at its start to let the robots planned before it pass"`
	Check  RobotCheckOutput        `json:"check" jsonschema:"the checker's verdict on the plan (always satisfied with positive robustness and no robots closer than their radii)"`
}

var errSpecRequired = errors.New("give spec or prefix")

// RobotPlan plans a verified trajectory for an STL task.
func RobotPlan(ctx context.Context, in RobotPlanInput) (RobotPlanOutput, error) {
	if in.Margin < 0 || in.Separation < 0 {
		// as on the command line: a negative distance is an error, not
		// the default
		return RobotPlanOutput{}, errors.New("margin and separation must not be negative")
	}
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
	res, err := robot.Plan(ctx, env, f, robot.PlanOptions{Margin: in.Margin, Separation: in.Separation})
	if err != nil {
		return RobotPlanOutput{}, err
	}
	robots := map[string][][3]float64{}
	for _, rp := range res.Trajectory.Robots {
		for _, w := range rp.Path {
			robots[rp.Name] = append(robots[rp.Name], [3]float64{w.X, w.Y, w.T})
		}
	}
	return RobotPlanOutput{Robots: robots, Order: res.Order, Orders: res.Orders, Delays: res.Delays, Check: RobotCheckOutputFrom(res.Check, true)}, nil
}

func registerRobotPlan(r *tools.Registry) error {
	return tools.Add(r, "robot.plan",
		"Plan collision-free timed trajectories for an environment's robots that satisfy an STL task (reach with deadlines, sequences, stay, avoid, keys before doors, responses a -> F[0,d] b, any-robot goals allocated to robots, robots kept apart), verified by the exact checker", RobotPlan)
}
