package robot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/stl"
)

func readSpec(t *testing.T, name string) *stl.Formula {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "robot", "specs", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := stl.Parse(string(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func loadTestEnv(t *testing.T, name string) *Env {
	t.Helper()
	env, err := LoadEnv(filepath.Join("..", "..", "testdata", "robot", name))
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// planScenarios are the AutoTAMP tasks of tasks.md on their environments.
func planScenarios() []struct{ name, env, spec string } {
	var out []struct{ name, env, spec string }
	for i := 1; i <= 10; i++ {
		for _, pair := range []struct{ tag, env string }{{"A", "houseworld.json"}, {"B", "houseworld_b.json"}} {
			out = append(out, struct{ name, env, spec string }{fmt.Sprintf("houseworld1/sent%d/%s", i, pair.tag), pair.env, fmt.Sprintf("houseworld_sent%d.stl", i)})
			out = append(out, struct{ name, env, spec string }{fmt.Sprintf("houseworld2/sent%d/%s", i, pair.tag), pair.env, fmt.Sprintf("houseworld2_sent%d_%s.stl", i, pair.tag)})
		}
	}
	out = append(out,
		struct{ name, env, spec string }{"houseworld1/sent9/own-pair", "houseworld_sent9.json", "houseworld_sent9.stl"},
		struct{ name, env, spec string }{"chip1", "chip1.json", "chip1.stl"},
		struct{ name, env, spec string }{"chip2/key-room-start", "chip2_room.json", "chip2.stl"},
		struct{ name, env, spec string }{"chip3/key-room-start", "chip3_room.json", "chip3.stl"},
		struct{ name, env, spec string }{"rover", "rover.json", "rover.stl"},
		struct{ name, env, spec string }{"wall", "wall.json", "wall.stl"},
		struct{ name, env, spec string }{"overcooked", "overcooked.json", "overcooked.stl"},
	)
	return out
}

// TestPlanScenarios plans every AutoTAMP task and has the independent
// checker (Check, run again here) verify each plan with positive
// robustness and the robots' safety distance.
func TestPlanScenarios(t *testing.T) {
	for _, tc := range planScenarios() {
		t.Run(tc.name, func(t *testing.T) {
			env := loadTestEnv(t, tc.env)
			f := readSpec(t, tc.spec)
			res, err := Plan(context.Background(), env, f, PlanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			chk, err := Check(context.Background(), env, f, res.Trajectory)
			if err != nil {
				t.Fatal(err)
			}
			if !chk.Satisfied || !(chk.Robustness > 0) {
				t.Fatalf("checker rejects the plan: satisfied=%v robustness=%g %s", chk.Satisfied, chk.Robustness, describeCheck(chk))
			}
			if len(env.Robots) > 1 && chk.MinSeparation < DefaultSeparation-1e-6 {
				t.Fatalf("robots come %g apart (discs), want at least %g", chk.MinSeparation, DefaultSeparation)
			}
			t.Log(res)
		})
	}
}

// A response's trigger region lies on the straight way to the goal: the
// planner goes around it rather than start a deadline it cannot meet.
func TestPlanAvoidsTriggers(t *testing.T) {
	env, err := ParseEnv([]byte(`{"bounds": [0, 10, 0, 6], "horizon": 30,
	  "robots": [{"name": "r1", "start": [1, 1], "max_speed": 2, "radius": 0.1}],
	  "regions": [
	    {"name": "alarm", "kind": "room", "box": [4, 6, 0, 2]},
	    {"name": "goal", "kind": "goal", "box": [8.5, 9.5, 0.5, 1.5]},
	    {"name": "desk", "kind": "room", "box": [0, 1, 5, 6]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	f := stl.MustParse("F goal & G(alarm -> F[0,1] desk)")
	res, err := Plan(context.Background(), env, f, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Check.Satisfied || !(res.Check.Robustness > 0) {
		t.Fatalf("not verified: %s", describeCheck(res.Check))
	}
	for _, w := range res.Trajectory.Robots[0].Path {
		if w.Y < 2 && w.X > 4 && w.X < 6 {
			t.Fatalf("the path enters the alarm region at %v", w)
		}
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name, env, spec string
		want            error
		msg             string
	}{
		{"response form", "houseworld.json", "G(kitchen -> bedroom)", ErrUnsupported, "a -> F[0,d] b"},
		{"response deadline", "houseworld.json", "F kitchen & G(kitchen -> F[0,0.05] bedroom)", ErrNoPlan, "kitchen -> F[0,0.05] bedroom"},
		{"nested or", "houseworld.json", "F(kitchen | F bedroom)", ErrUnsupported, "F bedroom"},
		{"bounded stay at top", "houseworld.json", "G[0,2] kitchen", ErrUnsupported, "only over !place"},
		{"until any robot", "wall.json", "!goal1 U goal2", ErrUnsupported, "same robot"},
		{"or", "houseworld.json", "F kitchen | F bedroom", ErrUnsupported, "F kitchen | F bedroom"},
		{"deadline", "houseworld.json", "F[0,0.01] master_bedroom", ErrNoPlan, "deadline"},
		{"avoid start", "houseworld.json", "F kitchen & G !restroom2 & G !kitchen", ErrNoPlan, "kitchen"},
		// chip2: key1 lies inside the room that door1 closes, so
		// !door1 U key1 with F goal1 has no plan.
		{"chip2 locked key", "chip2.json", "", ErrNoPlan, "no order of the visits"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := loadTestEnv(t, tc.env)
			var f *stl.Formula
			if tc.spec == "" {
				f = readSpec(t, "chip2.stl")
			} else {
				var err error
				if f, err = stl.Parse(tc.spec); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Plan(context.Background(), env, f, PlanOptions{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("message %q should be one line mentioning %q", err, tc.msg)
			}
		})
	}
}

// No plan with several robots: the message names the robot and the visit
// or requirement that fails.
func TestPlanErrorsMultiRobot(t *testing.T) {
	wall := loadTestEnv(t, "wall.json")
	wall.Horizon = 1.5
	rover := loadTestEnv(t, "rover.json")
	tests := []struct {
		name string
		env  *Env
		spec string
		msg  []string
	}{
		{"horizon", wall, "F G r1.goal1 & F G r2.goal2", []string{"r1", "r1.goal1", "misses its deadline t=1.5"}},
		{"response", rover, "F goal1 & G(goal1 -> F[0,0.2] transmitter)", []string{"goal1 -> F[0,0.2] transmitter", "cannot be met"}},
		{"return", rover, "F r2.goal4 & G(!r2.charging -> F[0,1] r2.charging)", []string{"r2", "goal4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Plan(context.Background(), tc.env, stl.MustParse(tc.spec), PlanOptions{})
			if !errors.Is(err, ErrNoPlan) {
				t.Fatalf("got %v, want ErrNoPlan", err)
			}
			for _, m := range tc.msg {
				if !strings.Contains(err.Error(), m) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("message %q should be one line mentioning %q", err, m)
				}
			}
		})
	}
}

// TestPlanRandomDeadlines plans seeded random reach/stay/avoid tasks on
// HouseWorld; every returned plan must pass the checker, and every
// refusal must be one of the two documented errors.
func TestPlanRandomDeadlines(t *testing.T) {
	env := loadTestEnv(t, "houseworld.json")
	rooms := []string{"kitchen", "restroom2", "master_bedroom", "bedroom", "living_room", "exercise_room", "restroom", "dining_room"}
	rng := rand.New(rand.NewPCG(7, 11))
	planned := 0
	for i := range 20 {
		perm := rng.Perm(len(rooms))
		var parts []string
		for _, j := range perm[:1+rng.IntN(3)] {
			hi := 0.5 + 4*rng.Float64()
			if rng.IntN(3) == 0 {
				parts = append(parts, fmt.Sprintf("F[0,%.2f] G[0,0.5] %s", hi, rooms[j]))
			} else {
				parts = append(parts, fmt.Sprintf("F[0,%.2f] %s", hi, rooms[j]))
			}
		}
		if rng.IntN(2) == 0 {
			parts = append(parts, "G !"+rooms[perm[len(perm)-1]])
		}
		spec := strings.Join(parts, " & ")
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			f, err := stl.Parse(spec)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Plan(context.Background(), env, f, PlanOptions{})
			if err != nil {
				if !errors.Is(err, ErrNoPlan) {
					t.Fatalf("%s: %v", spec, err)
				}
				return
			}
			planned++
			chk, err := Check(context.Background(), env, f, res.Trajectory)
			if err != nil || !chk.Satisfied || !(chk.Robustness > 0) {
				t.Fatalf("%s: checker: %v %+v", spec, err, chk)
			}
		})
	}
	t.Logf("%d of 20 random tasks planned and verified", planned)
	if planned == 0 {
		t.Fatal("no random task was planned")
	}
}

// BenchmarkPlanScenarios times Plan (search, placement and the final
// check) on every AutoTAMP task.
func BenchmarkPlanScenarios(b *testing.B) {
	for _, tc := range planScenarios() {
		b.Run(tc.name, func(b *testing.B) {
			env, err := LoadEnv(filepath.Join("..", "..", "testdata", "robot", tc.env))
			if err != nil {
				b.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "robot", "specs", tc.spec))
			if err != nil {
				b.Fatal(err)
			}
			f := stl.MustParse(string(data))
			for b.Loop() {
				if _, err := Plan(context.Background(), env, f, PlanOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestWaitAt(t *testing.T) {
	p := stl.Path{{X: 0, Y: 0, T: 0}, {X: 1, Y: 0, T: 1}, {X: 2, Y: 0, T: 2}}
	got := waitAt(p, 1, 0.5)
	want := stl.Path{{X: 0, Y: 0, T: 0}, {X: 1, Y: 0, T: 1}, {X: 1, Y: 0, T: 1.5}, {X: 2, Y: 0, T: 2.5}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if fmt.Sprint(waitAt(p, 1, 0)) != fmt.Sprint(p) || fmt.Sprint(p[2]) != fmt.Sprint(stl.Waypoint{X: 2, Y: 0, T: 2}) {
		t.Fatal("waitAt changed its input or added a zero wait")
	}
}

// A robot with an enormous max_speed travels in less time than a float64
// can add to the clock: waypoint times must still increase (found in
// review: max_speed 1e308 gave "waypoint 3: time 0.002 is not after the
// previous time 0.002" from the checker instead of a plan).
func TestPlanHugeSpeed(t *testing.T) {
	for _, speed := range []float64{1e12, 1e100, 1e308} {
		env, err := Scenario("houseworld")
		if err != nil {
			t.Fatal(err)
		}
		env.Robots[0].MaxSpeed = speed
		for _, spec := range []string{"F kitchen & F bedroom", "F(kitchen & F[0,1] bedroom) & G !living_room"} {
			f, err := stl.Parse(spec)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Plan(context.Background(), env, f, PlanOptions{})
			if err != nil {
				t.Fatalf("max_speed %g, %s: %v", speed, spec, err)
			}
			if !res.Check.Satisfied || !(res.Check.Robustness > 0) {
				t.Fatalf("max_speed %g, %s: plan not verified: %+v", speed, spec, res.Check)
			}
		}
	}
}

// The same with several robots, whose paths are shifted by waits.
func TestPlanHugeSpeedMulti(t *testing.T) {
	env, err := Scenario("wall")
	if err != nil {
		t.Fatal(err)
	}
	for i := range env.Robots {
		env.Robots[i].MaxSpeed = 1e300
	}
	f := readSpec(t, "wall.stl")
	res, err := Plan(context.Background(), env, f, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Check.Satisfied || !(res.Check.Robustness > 0) {
		t.Fatalf("plan not verified: %+v", res.Check)
	}
}
