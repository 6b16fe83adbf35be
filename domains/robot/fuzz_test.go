package robot

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plankit/plankit/solvers/stl"
)

func FuzzParseEnv(f *testing.F) {
	f.Add(`{"bounds": [0, 10, 0, 4], "robots": [{"name": "r1", "start": [2, 0.5], "radius": 0.2}], "regions": [{"name": "wall1", "kind": "wall", "box": [0, 4, 1.95, 2.05]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEnv([]byte(s))
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "robot: ") {
				t.Fatalf("bad error %q", msg)
			}
			return
		}
		raw, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseEnv(raw); err != nil {
			t.Fatalf("written environment does not parse back: %v\n%s", err, raw)
		}
	})
}

func FuzzParseTrajectory(f *testing.F) {
	f.Add(`{"robots": {"r1": [[0, 0, 0], [1, 1, 1]]}}`)
	f.Add("robot,x,y,t\nr1,0,0,0\nr1,1,1,1\n")
	f.Add("2.0 0.5 0.0\n2.999 1.049 0.968\n")
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := ParseTrajectory([]byte(s))
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "robot: ") {
				t.Fatalf("bad error %q", msg)
			}
			return
		}
		raw, _ := tr.MarshalJSON()
		back, err := ParseTrajectory(raw)
		if err != nil || len(back.Robots) != len(tr.Robots) {
			t.Fatalf("written trajectory does not parse back: %v\n%s", err, raw)
		}
	})
}

// FuzzPlan feeds spec texts to the planner on HouseWorld and the Wall
// (several robots): a spec is planned, refused as unsupported or found to
// have no plan, always with a one-line error and never a panic, and every
// returned plan passes the checker.
func FuzzPlan(f *testing.F) {
	for _, s := range []string{
		"F(master_bedroom & F restroom) & G !living_room",
		"F[0,5](kitchen & F[0,3] G[0,1] bedroom) & (!restroom U kitchen)",
		"F kitchen & G(kitchen -> F[0,2](bedroom | restroom))",
		"F(exercise_room & G(!kitchen & !bedroom)) & F kitchen",
		"w:F G r1.goal1 & F G r4.goal4 & F goal2",
		"w:F goal1 & F goal3 & G(!r2.goal2 -> F[0,4] r2.goal2)",
	} {
		f.Add(s)
	}
	envs := map[bool]*Env{}
	for _, w := range []bool{false, true} {
		name := "houseworld"
		if w {
			name = "wall"
		}
		e, err := LoadEnv(filepath.Join("..", "..", "testdata", "robot", name+".json"))
		if err != nil {
			f.Fatal(err)
		}
		envs[w] = e
	}
	f.Fuzz(func(t *testing.T, s string) {
		wall := strings.HasPrefix(s, "w:")
		spec, err := stl.Parse(strings.TrimPrefix(s, "w:"))
		if err != nil || spec.Size() > 60 {
			return
		}
		env := envs[wall]
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res, err := Plan(ctx, env, spec, PlanOptions{MaxNodes: 20000})
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "robot: ") {
				t.Fatalf("bad error %q", msg)
			}
			return
		}
		chk, err := Check(context.Background(), env, spec, res.Trajectory)
		if err != nil || !chk.Satisfied || !(chk.Robustness > 0) {
			t.Fatalf("%s: returned plan fails the checker: %v %s", spec, err, describeCheck(chk))
		}
	})
}
