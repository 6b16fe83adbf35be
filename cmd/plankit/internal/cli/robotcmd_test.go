package cli

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func robotData(name string) string {
	return filepath.Join("..", "..", "..", "..", "testdata", "robot", name)
}

func TestRobotCheckCmd(t *testing.T) {
	r := run(t, "", "robot", "check", "--env", robotData("wall.json"), "--spec-file", robotData("specs/wall.stl"), "--traj", robotData("examples/wall.json"))
	if r.code != ExitOK || !strings.Contains(r.stdout, "verdict:    SATISFIED (spec holds, robustness 0.11)") || r.stderr != "" {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// AutoTAMP row files (one robot each), a violated limit: exit 2.
	r = run(t, "", "robot", "check", "--env", robotData("overcooked.json"), "--spec-file", robotData("specs/overcooked.stl"),
		"--traj", robotData("autotamp/Example_results/cook/myfile0.txt"), "--traj", robotData("autotamp/Example_results/cook/myfile1.txt"))
	if r.code != ExitNoSolution || !strings.Contains(r.stdout, "VIOLATED (spec holds") || !strings.Contains(r.stdout, "separation t=2.174") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A violated spec, as JSON.
	r = run(t, "", "robot", "check", "--json", "--env", robotData("rover.json"), "--spec", "G(!r3.charging -> F[0,3] r3.charging)", "--traj", robotData("examples/rover.json"))
	var out builtin.RobotCheckOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if r.code != ExitNoSolution || out.Satisfied || out.Failure == nil || out.Failure.Formula != "F[0,3] r3.charging" || out.Robustness == nil || *out.Robustness >= 0 {
		t.Fatalf("code %d: %+v", r.code, out)
	}
	// An AutoTAMP token list from stdin-free inline text.
	r = run(t, "", "robot", "check", "--env", robotData("rover.json"), "--prefix", "['finally', 'enter(room12)']", "--traj", robotData("examples/rover.json"), "--no-robustness")
	if r.code != ExitOK || !strings.Contains(r.stdout, "spec:       F goal1") || !strings.Contains(r.stdout, "verdict:    SATISFIED (spec holds)") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The trajectory from standard input.
	traj, _ := os.ReadFile(robotData("examples/wall.json"))
	r = run(t, string(traj), "robot", "check", "--env", robotData("wall.json"), "--traj", "-")
	if r.code != ExitOK || !strings.Contains(r.stdout, "no spec: physical limits only") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestRobotCheckCmdErrors(t *testing.T) {
	env, traj := robotData("wall.json"), robotData("examples/wall.json")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--traj", traj}, ExitUsage, "--env is required"},
		{[]string{"--env", env}, ExitUsage, "--traj is required"},
		{[]string{"--env", env, "--traj", traj, "--spec", "F goal1", "--prefix", "['a']"}, ExitUsage, "give only one of --spec, --spec-file and --prefix"},
		{[]string{"--env", env, "--traj", traj, "--spec", "F (goal1 &"}, ExitError, "plankit: spec: stl: column 11: unexpected end of input; want a formula"},
		{[]string{"--env", env, "--traj", traj, "--spec", "F goal7"}, ExitError, `plankit: robot: spec at column 3: unknown region "goal7" (did you mean "goal1"?)`},
		{[]string{"--env", env, "--traj", traj, "--prefix", "['and', 'enter(room1)'"}, ExitError, `plankit: --prefix: stl: column 23: unexpected end of input`},
		{[]string{"--env", env, "--traj", traj, "--traj", traj}, ExitError, `robot "r1" already has a path in`},
		{[]string{"--env", "nope.json", "--traj", traj}, ExitError, "plankit: reading nope.json: no such file or directory"},
		{[]string{"--env", "housewrld", "--traj", traj}, ExitError, `plankit: --env: no file or embedded scenario named "housewrld" (scenarios: houseworld, chip1`},
		{[]string{"--env", traj, "--traj", traj}, ExitError, `examples/wall.json: robot: invalid environment: robots: want an array, got an object`},
		{[]string{"--env", env, "--traj", env}, ExitError, `wall.json: robot: invalid trajectory: unknown key "name" (want robots)`},
	} {
		r := run(t, "", append([]string{"robot", "check"}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: code %d, stderr %q; want %d, %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
}

func TestRobotRenderCmd(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rover.png")
	r := run(t, "", "robot", "render", "--env", robotData("rover.json"), "--traj", robotData("examples/rover.json"), "--out", out, "--width", "320")
	if r.code != ExitOK || !strings.Contains(r.stdout, "wrote "+out+" (png") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	fh, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	if cfg, err := png.DecodeConfig(fh); err != nil || cfg.Width != 640 {
		t.Fatalf("%v %+v", err, cfg)
	}
	svg := filepath.Join(dir, "house.svg")
	r = run(t, "", "robot", "render", "--env", robotData("houseworld.json"), "--out", svg, "--subtitle", "HouseWorld")
	data, _ := os.ReadFile(svg)
	if r.code != ExitOK || !strings.Contains(string(data), "master_bedroom") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--env", robotData("rover.json")}, "--out is required"},
		{[]string{"--env", robotData("rover.json"), "--out", filepath.Join(dir, "x.gif")}, "cannot tell the format"},
		{[]string{"--env", robotData("rover.json"), "--out", filepath.Join(dir, "x.svg"), "--width", "10"}, "width 10: want 200 to 10000 points"},
	} {
		r := run(t, "", append([]string{"robot", "render"}, c.args...)...)
		if r.code == ExitOK || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: code %d, %q", c.args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.svg")); err == nil {
		t.Error("a failed render left a file")
	}
}

func TestRobotValidateCmd(t *testing.T) {
	r := run(t, "", "robot", "validate", robotData("houseworld.json"), robotData("chip1.json"))
	if r.code != ExitOK || !strings.Contains(r.stdout, "houseworld: ok: 12 regions (8 room, 4 wall), 1 robot, bounds [-1.55, 1.55, -1.55, 1.55], horizon 50") || !strings.Contains(r.stdout, "chip1: ok: 21 regions") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	bad := writeTemp(t, "bad.json", `{"regions": [{"name": "a", "box": [0, 1, 0, 1]}, {"name": "a", "box": [2, 3, 0, 1]}]}`)
	r = run(t, "", "robot", "validate", bad)
	if r.code != ExitError || !strings.Contains(r.stderr, `regions[1] "a": duplicate name (also regions[0])`) {
		t.Fatalf("code %d %q", r.code, r.stderr)
	}
}
