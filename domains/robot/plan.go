package robot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/plankit/plankit/solvers/stl"
)

// Errors of Plan; callers branch on them with errors.Is.
var (
	// ErrUnsupported: the spec lies outside the fragment Plan handles.
	ErrUnsupported = errors.New("robot: plan: unsupported spec")
	// ErrNoPlan: no plan was found within the horizon and the deadlines.
	ErrNoPlan = errors.New("robot: plan: no plan found")
)

// PlanOptions tunes Plan.
type PlanOptions struct {
	// Margin is the safety distance kept from walls and obstacles (on top
	// of the robot's radius) and from avoided regions; 0 means
	// DefaultPlanMargin.
	Margin float64
	// Separation is the safety distance kept between two robots' discs
	// (on top of the sum of their radii); 0 means DefaultSeparation.
	Separation float64
	// SpeedFactor is the fraction of max_speed the robots travel at; 0
	// means DefaultSpeedFactor.
	SpeedFactor float64
	// MaxNodes bounds each robot's order search (0: DefaultPlanNodes).
	MaxNodes int
}

// Defaults of PlanOptions.
const (
	DefaultPlanMargin  = 0.02
	DefaultSeparation  = 0.05
	DefaultSpeedFactor = 0.95
	DefaultPlanNodes   = 200000
)

// PlanResult is a verified plan.
type PlanResult struct {
	Trajectory *Trajectory
	// Check is the checker's verdict on the trajectory (always Satisfied
	// with positive robustness).
	Check Result
	// Order lists the visited regions in order (robot-prefixed, "r2:goal1",
	// when there are several robots).
	Order []string
	// Orders lists each robot's visits, by robot name.
	Orders map[string][]string
	// Delays is how long each robot waits (at its start or at one
	// waypoint) to let the
	// robots planned before it pass (by robot name; only non-zero ones).
	Delays map[string]float64
}

// Plan finds a trajectory of env's robots that satisfies f and verifies
// it with Check. The supported fragment is a conjunction of:
//
//   - reach F[a,b] region, and sequences F[a,b](region & F[c,d](...));
//   - stay F[a,b] G[0,d] region, and F G region (stay to the end);
//   - visit then keep out: F(region & G(!r1 & ...));
//   - avoid G !region or G(!r1 & !r2 ...) (G[a,b] !region is kept for the
//     whole plan, which is sound but may be stricter than asked);
//   - ordering !door U[0,b] key (one robot, or rk.door U rk.key);
//   - response G(a -> F[0,d] b) and return G(!c -> F[0,d] c).
//
// An atom may be a region, a group or a kind (any member), a disjunction
// of those (a | b), and with several robots rk.region (that robot) or a
// bare region (some robot). Reach goals of bare atoms are allocated to
// robots (exhaustively for small counts, greedily with improvement
// beyond) minimising the makespan; every robot's visit order is searched
// by branch and bound with memoisation on (place, progress); motion
// follows shortest paths around walls and obstacles inflated by the
// radius plus a margin and around avoided regions and locked doors.
// Robots are then placed one after another (prioritised planning): each
// waits at its start (or at one waypoint) until its path keeps Separation
// from every robot placed before it, re-parking, stepping back to its
// start after its last visit or detouring around their parking spots if
// waiting is not enough.
func Plan(ctx context.Context, env *Env, f *stl.Formula, opts PlanOptions) (*PlanResult, error) {
	if env == nil || f == nil {
		return nil, errors.New("robot: plan: nil environment or spec")
	}
	if len(env.Robots) == 0 {
		return nil, fmt.Errorf("%w: the environment has no robots", ErrUnsupported)
	}
	if err := env.CheckFormula(f); err != nil {
		return nil, fmt.Errorf("robot: plan: %w", err)
	}
	if opts.Margin <= 0 {
		opts.Margin = DefaultPlanMargin
	}
	if opts.Separation <= 0 {
		opts.Separation = DefaultSeparation
	}
	if opts.SpeedFactor <= 0 || opts.SpeedFactor > 1 {
		opts.SpeedFactor = DefaultSpeedFactor
	}
	if opts.MaxNodes <= 0 {
		opts.MaxNodes = DefaultPlanNodes
	}
	tk := &task{env: env}
	if err := tk.decompose(f); err != nil {
		return nil, err
	}
	m := &multi{env: env, f: f, tk: tk, opts: opts, memo: map[assignKey]*memoPlan{}, cache: newPlanCache()}
	return m.solve(ctx)
}

func describeCheck(res Result) string {
	if len(res.Violations) > 0 {
		return res.Violations[0].Message
	}
	if res.Failure != nil {
		return fmt.Sprintf("%s fails at t=%s: %s", res.Failure.Formula, num(res.Failure.Time), res.Failure.Reason)
	}
	return fmt.Sprintf("robustness %s is not positive", num(res.Robustness))
}

// step is one visit: reach one of the candidate regions within [lo, hi]
// (relative to the previous step of its chain, or to 0), then stay dwell.
type step struct {
	name    string
	regions []*Region
	lo, hi  float64
	dwell   float64
	final   bool      // stay until the end (F G region)
	closes  []*Region // kept out of for ever once this step is done
	pts     []int     // candidate target point indices (per robot planner)
}

// chain is a sequence of steps owned by one robot (robot ≥ 0) or by any
// robot (robot = -1).
type chain struct {
	name  string
	robot int
	steps []*step
}

// lock keeps a robot out of regions until a chain is done (until) or
// after a step is done (visit then keep out).
type lock struct {
	regions []*Region
	robot   int // -1: every robot
	chain   int // the chain whose completion unlocks
}

// response is G(trigger -> F[0,d] target); tether is G(!c -> F[0,d] c).
type response struct {
	text    string
	robot   int // -1: every robot
	trigger []*Region
	tether  bool
	target  []*Region
	d       float64
}

type task struct {
	env       *Env
	chains    []*chain
	avoid     []*Region   // every robot
	avoidOf   [][]*Region // per robot
	locks     []lock
	responses []response
}

func unsupported(f *stl.Formula, why string) error {
	return fmt.Errorf("%w: %q: %s (supported: conjunctions of F[a,b] place, F(place & F ...), F G[0,d] place, G !place, !place U place, G(place -> F[0,d] place), G(!place -> F[0,d] place); see plankit robot plan --help)", ErrUnsupported, f.String(), why)
}

// place resolves an atom or a disjunction of atoms of one robot (or of
// bare atoms).
func (tk *task) place(f *stl.Formula) ([]*Region, int, error) {
	switch f.Op {
	case stl.OpAtom:
		rob := -1
		if f.Atom.Robot != "" {
			rob = slices.IndexFunc(tk.env.Robots, func(r Robot) bool { return r.Name == f.Atom.Robot })
			if rob < 0 {
				return nil, 0, unsupported(f, "unknown robot")
			}
		}
		if len(tk.env.Robots) == 1 {
			rob = 0
		}
		rs := tk.env.RegionsNamed(f.Atom.Region)
		if len(rs) == 0 {
			return nil, 0, unsupported(f, "unknown region")
		}
		return rs, rob, nil
	case stl.OpOr:
		var out []*Region
		rob := -2
		for _, a := range f.Args {
			rs, r, err := tk.place(a)
			if err != nil {
				return nil, 0, err
			}
			if rob != -2 && r != rob {
				return nil, 0, unsupported(f, "a disjunction of places of different robots")
			}
			rob = r
			for _, x := range rs {
				if !slices.Contains(out, x) {
					out = append(out, x)
				}
			}
		}
		return out, rob, nil
	}
	return nil, 0, unsupported(f, "expected a region name or a disjunction of region names")
}

func window(b *stl.Bounds) (float64, float64) {
	if b == nil {
		return 0, math.Inf(1)
	}
	return b.Lo, b.Hi
}

func conjuncts(f *stl.Formula) []*stl.Formula {
	if f.Op == stl.OpAnd {
		var out []*stl.Formula
		for _, a := range f.Args {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*stl.Formula{f}
}

func (tk *task) addAvoid(rs []*Region, rob int) {
	if tk.avoidOf == nil {
		tk.avoidOf = make([][]*Region, len(tk.env.Robots))
	}
	if rob < 0 {
		tk.avoid = append(tk.avoid, rs...)
		return
	}
	tk.avoidOf[rob] = append(tk.avoidOf[rob], rs...)
}

func (tk *task) decompose(f *stl.Formula) error {
	tk.avoidOf = make([][]*Region, len(tk.env.Robots))
	for _, c := range conjuncts(f) {
		switch c.Op {
		case stl.OpTrue:
		case stl.OpEventually:
			ch, err := tk.chain(c)
			if err != nil {
				return err
			}
			tk.chains = append(tk.chains, ch)
		case stl.OpAlways:
			if err := tk.always(c); err != nil {
				return err
			}
		case stl.OpUntil:
			l, r := c.Args[0], c.Args[1]
			if l.Op != stl.OpNot {
				return unsupported(c, "only !place U place is supported")
			}
			door, drob, err := tk.place(l.Args[0])
			if err != nil {
				return err
			}
			key, krob, err := tk.place(r)
			if err != nil {
				return err
			}
			if drob != krob || drob < 0 {
				return unsupported(c, "with several robots, until needs both sides to name the same robot (rk.door U rk.key)")
			}
			lo, hi := window(c.Bounds)
			if lo > 0 {
				return unsupported(c, "until with a positive lower bound")
			}
			tk.chains = append(tk.chains, &chain{name: r.String(), robot: krob, steps: []*step{{name: r.String(), regions: key, lo: 0, hi: hi}}})
			tk.locks = append(tk.locks, lock{regions: door, robot: drob, chain: len(tk.chains) - 1})
		default:
			return unsupported(c, "not a reach, avoid, stay, until or response requirement")
		}
	}
	if len(tk.locks) > 60 {
		return unsupported(f, "more than 60 until or keep-out requirements")
	}
	return nil
}

// always handles G !place, G(!a & !b) and G(a -> F[0,d] b).
func (tk *task) always(c *stl.Formula) error {
	for _, a := range conjuncts(c.Args[0]) {
		if c.Bounds != nil && a.Op != stl.OpNot {
			return unsupported(c, "G with bounds at the top level only over !place (avoid; kept for the whole plan)")
		}
		switch a.Op {
		case stl.OpNot:
			rs, rob, err := tk.place(a.Args[0])
			if err != nil {
				return err
			}
			tk.addAvoid(rs, rob)
		case stl.OpImplies:
			ante, cons := a.Args[0], a.Args[1]
			if cons.Op != stl.OpEventually || cons.Bounds == nil || cons.Bounds.Lo != 0 {
				return unsupported(a, "a response needs the form a -> F[0,d] b")
			}
			target, trob, err := tk.place(cons.Args[0])
			if err != nil {
				return err
			}
			r := response{text: a.String(), target: target, d: cons.Bounds.Hi}
			if ante.Op == stl.OpNot {
				trig, rob, err := tk.place(ante.Args[0])
				if err != nil {
					return err
				}
				if rob != trob || !sameRegions(trig, target) {
					return unsupported(a, "a return requirement needs the form !c -> F[0,d] c with the same place and robot")
				}
				r.tether, r.robot = true, rob
			} else {
				trig, rob, err := tk.place(ante)
				if err != nil {
					return err
				}
				if trob >= 0 && rob != trob {
					return unsupported(a, "the response must be made by the robot that triggers it")
				}
				r.trigger, r.robot = trig, rob
			}
			if r.tether && r.robot < 0 && len(tk.env.Robots) > 1 {
				return unsupported(a, "a return requirement needs a robot (rk.place)")
			}
			tk.responses = append(tk.responses, r)
		default:
			return unsupported(c, "under G only !place (avoid) and a -> F[0,d] b (response) are supported")
		}
	}
	return nil
}

func sameRegions(a, b []*Region) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// chain turns F[a,b] ψ into a sequence of steps.
func (tk *task) chain(f *stl.Formula) (*chain, error) {
	ch := &chain{name: f.String(), robot: -2}
	for f != nil {
		if f.Op != stl.OpEventually {
			return nil, unsupported(f, "expected F")
		}
		lo, hi := window(f.Bounds)
		body := f.Args[0]
		var next, here *stl.Formula
		var closes []*stl.Formula
		for _, a := range conjuncts(body) {
			switch {
			case a.Op == stl.OpEventually:
				if next != nil {
					return nil, unsupported(body, "two F operands in one step")
				}
				next = a
			case a.Op == stl.OpAlways && a.Bounds == nil && a.Args[0].Op != stl.OpAtom && a.Args[0].Op != stl.OpOr:
				closes = append(closes, a)
			default:
				if here != nil {
					return nil, unsupported(body, "two places in one step")
				}
				here = a
			}
		}
		if here == nil {
			if next == nil {
				return nil, unsupported(f, "empty step")
			}
			ch.steps = append(ch.steps, &step{name: "(wait)", lo: lo, hi: hi})
			f = next
			continue
		}
		s := &step{lo: lo, hi: hi}
		if here.Op == stl.OpAlways {
			a := here.Args[0]
			if a.Op != stl.OpAtom && a.Op != stl.OpOr {
				return nil, unsupported(here, "only G[0,d] place is supported as a stay")
			}
			if here.Bounds == nil {
				if next != nil {
					return nil, unsupported(here, "stay forever followed by another step")
				}
				s.final = true
			} else {
				if here.Bounds.Lo != 0 {
					return nil, unsupported(here, "stay with a positive lower bound")
				}
				s.dwell = here.Bounds.Hi
			}
			here = a
		}
		rs, rob, err := tk.place(here)
		if err != nil {
			return nil, err
		}
		switch {
		case ch.robot >= 0 && rob >= 0 && rob != ch.robot:
			return nil, unsupported(body, "a sequence whose steps name different robots")
		case rob >= 0 || ch.robot == -2:
			// A sequence naming one robot is that robot's (its bare
			// steps are done by it too).
			ch.robot = rob
		}
		s.name = here.String()
		s.regions = rs
		for _, cl := range closes {
			for _, a := range conjuncts(cl.Args[0]) {
				if a.Op != stl.OpNot {
					return nil, unsupported(cl, "after a visit only G(!place & ...) (keep out) is supported")
				}
				out, crob, err := tk.place(a.Args[0])
				if err != nil {
					return nil, err
				}
				if crob >= 0 && crob != rob {
					return nil, unsupported(cl, "keep-out after a visit must name the visiting robot")
				}
				s.closes = append(s.closes, out...)
			}
		}
		ch.steps = append(ch.steps, s)
		f = next
	}
	if ch.robot == -2 {
		ch.robot = -1
	}
	return ch, nil
}

// String summarises a plan in one line.
func (r *PlanResult) String() string {
	return fmt.Sprintf("plan: %s; ends at t=%s; robustness %s", strings.Join(r.Order, " → "), num(r.Trajectory.End()), num(r.Check.Robustness))
}
