package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func TestRobotPlanCmd(t *testing.T) {
	dir := t.TempDir()
	traj := filepath.Join(dir, "plan.json")
	svg := filepath.Join(dir, "plan.svg")
	r := run(t, "", "robot", "plan", "--env", robotData("houseworld.json"), "--spec-file", robotData("specs/houseworld_sent3.stl"), "--out", traj, "--svg", svg)
	if r.code != ExitOK || !strings.Contains(r.stdout, "order:      master_bedroom -> restroom") || !strings.Contains(r.stdout, "SATISFIED (checked, robustness") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if info, err := os.Stat(svg); err != nil || info.Size() == 0 {
		t.Fatalf("picture: %v", err)
	}
	// The written plan passes robot check on its own.
	r = run(t, "", "robot", "check", "--env", robotData("houseworld.json"), "--spec-file", robotData("specs/houseworld_sent3.stl"), "--traj", traj)
	if r.code != ExitOK || !strings.Contains(r.stdout, "SATISFIED (spec holds") {
		t.Fatalf("check of the plan: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "robot", "plan", "--json", "--env", robotData("chip1.json"), "--spec-file", robotData("specs/chip1.stl"))
	var out struct {
		Order []string                 `json:"order"`
		Check builtin.RobotCheckOutput `json:"check"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if r.code != ExitOK || !out.Check.Satisfied || out.Check.Robustness == nil || *out.Check.Robustness <= 0 || len(out.Order) != 7 {
		t.Fatalf("code %d: %+v", r.code, out)
	}
}

// Several robots: the plan is written, drawn and re-checked by robot
// check on its own; --json reports every robot's visits.
func TestRobotPlanCmdMultiRobot(t *testing.T) {
	for _, sc := range []struct{ env, spec string }{{"wall.json", "specs/wall.stl"}, {"rover.json", "specs/rover.stl"}, {"overcooked.json", "specs/overcooked.stl"}} {
		t.Run(sc.env, func(t *testing.T) {
			dir := t.TempDir()
			traj := filepath.Join(dir, "plan.json")
			png := filepath.Join(dir, "plan.png")
			r := run(t, "", "robot", "plan", "--env", robotData(sc.env), "--spec-file", robotData(sc.spec), "--out", traj, "--png", png)
			if r.code != ExitOK || !strings.Contains(r.stdout, "SATISFIED (checked, robustness") || !strings.Contains(r.stdout, "separation:") || !strings.Contains(r.stdout, "robot r2:") {
				t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if info, err := os.Stat(png); err != nil || info.Size() == 0 {
				t.Fatalf("picture: %v", err)
			}
			r = run(t, "", "robot", "check", "--env", robotData(sc.env), "--spec-file", robotData(sc.spec), "--traj", traj)
			if r.code != ExitOK || !strings.Contains(r.stdout, "SATISFIED (spec holds") {
				t.Fatalf("check of the plan: code %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			r = run(t, "", "robot", "plan", "--json", "--env", robotData(sc.env), "--spec-file", robotData(sc.spec))
			var out struct {
				Trajectory struct {
					Robots map[string][][3]float64 `json:"robots"`
				} `json:"trajectory"`
				Orders map[string][]string      `json:"orders"`
				Check  builtin.RobotCheckOutput `json:"check"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("%v\n%s", err, r.stdout)
			}
			if r.code != ExitOK || !out.Check.Satisfied || len(out.Trajectory.Robots) < 2 || len(out.Orders) != len(out.Trajectory.Robots) {
				t.Fatalf("code %d: %+v", r.code, out)
			}
		})
	}
}

func TestRobotPlanCmdErrors(t *testing.T) {
	env := robotData("houseworld.json")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no spec", []string{"--env", env}, ExitUsage, "exactly one of --spec, --spec-file and --task"},
		{"unsupported", []string{"--env", env, "--spec", "G(kitchen -> bedroom)"}, ExitError, "unsupported spec"},
		{"unsupported part", []string{"--env", env, "--spec", "F kitchen & G(F bedroom)"}, ExitError, "F bedroom"},
		{"response deadline", []string{"--env", env, "--spec", "F kitchen & G(kitchen -> F[0,0.05] bedroom)"}, ExitNoSolution, "kitchen -> F[0,0.05] bedroom"},
		{"negative separation", []string{"--env", env, "--spec", "F kitchen", "--separation", "-1"}, ExitUsage, "--separation"},
		{"deadline", []string{"--env", env, "--spec", "F[0,0.01] master_bedroom"}, ExitNoSolution, "misses its deadline"},
		{"unknown region", []string{"--env", env, "--spec", "F attic"}, ExitError, "attic"},
		{"empty spec file", []string{"--env", env, "--spec-file", os.DevNull}, ExitError, "the spec is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"robot", "plan"}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) || strings.Count(r.stderr, "\n") > 1 {
				t.Fatalf("code %d (want %d)\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestRobotPlanCmdTask chains translation and planning: the canonical
// HouseWorld instruction 3 is planned on the embedded scenario, and the
// written trajectory satisfies the reference formula of tasks.md.
func TestRobotPlanCmdTask(t *testing.T) {
	traj := filepath.Join(t.TempDir(), "plan.json")
	task := "Make your way to the green bedroom, and from there, proceed to the yellow restroom, but it's important not to disturb the livingroom at all."
	r := run(t, "", "robot", "plan", "--env", "houseworld", "--task", task, "--out", traj)
	if r.code != ExitOK || !strings.Contains(r.stdout, "order:      master_bedroom -> restroom") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "robot", "check", "--env", robotData("houseworld.json"), "--spec-file", robotData("specs/houseworld_sent3.stl"), "--traj", traj)
	if r.code != ExitOK || !strings.Contains(r.stdout, "SATISFIED (spec holds") {
		t.Fatalf("reference check: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{
		{"--env", "houseworld", "--task", "go to the moon"},
		{"--env", "houseworld", "--task", "go to the kitchen", "--spec", "F kitchen"},
	} {
		r := run(t, "", append([]string{"robot", "plan"}, args...)...)
		if r.code == ExitOK || r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
}

// A picture that cannot be written fails the command and leaves no
// trajectory file behind (review: --out was written before --svg failed).
func TestRobotPlanCmdNoPartialOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.json")
	r := run(t, "", "robot", "plan", "--env", "houseworld", "--spec", "F kitchen", "--out", out,
		"--svg", filepath.Join(dir, "missing", "plan.svg"))
	if r.code != ExitError || !strings.Contains(r.stderr, "plan.svg") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s left behind after the command failed (%v)", out, err)
	}
}
