package robot

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseTrajectoryForms(t *testing.T) {
	want := &Trajectory{Robots: []RobotPath{
		{Name: "r2", Path: pth(0, 0, 0, 1, 0.5, 1.5)},
		{Name: "r1", Path: pth(3, 3, 0)},
	}}
	for name, in := range map[string]string{
		"json":          `{"_note": "order kept", "robots": {"r2": [[0, 0, 0], [1, 0.5, 1.5]], "r1": [[3, 3, 0]]}}`,
		"csv":           "robot,x,y,t\nr2,0,0,0\n# comment\nr1, 3, 3, 0\nr2,1,0.5,1.5\n",
		"csv-no-header": "r2,0,0,0\nr2,1,0.5,1.5\nr1,3,3,0",
	} {
		got, err := ParseTrajectory([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got.Robots) != 2 || got.Robots[0].Name != "r2" || len(got.Robots[0].Path) != 2 || got.Robots[0].Path[1] != want.Robots[0].Path[1] || got.Robots[1].Path[0] != want.Robots[1].Path[0] {
			t.Fatalf("%s: got %+v", name, got)
		}
		raw, _ := got.MarshalJSON()
		back, err := ParseTrajectory(raw)
		if err != nil || len(back.Robots) != 2 || back.Robots[0].Name != "r2" {
			t.Fatalf("%s: round trip %v %s", name, err, raw)
		}
	}
	rows := "1.5 2.5 0\n 1.5 1.1 0.279206 \n\n1.5 0.79 0.342\n"
	got, err := ParseTrajectory([]byte(rows))
	if err != nil || len(got.Robots) != 1 || got.Robots[0].Name != "r1" || len(got.Robots[0].Path) != 3 {
		t.Fatalf("rows: %+v %v", got, err)
	}
	if got.End() != 0.342 {
		t.Fatalf("end %g", got.End())
	}
}

// The AutoTAMP example results load, one robot per myfile<i>.txt, and
// match the converted JSON files in testdata/robot/examples.
func TestAutoTAMPExamples(t *testing.T) {
	for dir, n := range map[string]int{"cook": 3, "rover": 3, "wall": 4} {
		conv, err := os.ReadFile(filepath.Join(data, "examples", dir+".json"))
		if err != nil {
			t.Fatal(err)
		}
		tj, err := ParseTrajectory(conv)
		if err != nil {
			t.Fatal(err)
		}
		if len(tj.Robots) != n {
			t.Fatalf("%s: %d robots, want %d", dir, len(tj.Robots), n)
		}
		for i := range n {
			raw, err := os.ReadFile(filepath.Join(data, "autotamp", "Example_results", dir, "myfile"+string(rune('0'+i))+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			rp, err := ParseAutoTAMPRows(raw, "x")
			if err != nil {
				t.Fatal(err)
			}
			if len(rp.Path) != len(tj.Robots[i].Path) || rp.Path[len(rp.Path)-1] != tj.Robots[i].Path[len(rp.Path)-1] {
				t.Fatalf("%s/myfile%d differs from the converted file", dir, i)
			}
		}
	}
}

func TestTrajectoryErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "robot: invalid trajectory: empty input"},
		{`{"robots": {"r1": [[0, 0, 1]]}}`, `robot: invalid trajectory: robot "r1": waypoint 0: time 1, want 0`},
		{`{"robots": {"r1": [[0, 0, 0], [1, 1, 2], [2, 2, 2]]}}`, `robot: invalid trajectory: robot "r1": waypoint 2: time 2 is not after the previous time 2`},
		{`{"robots": {"r1": [[0, 0]]}}`, `robot: invalid trajectory: robots.r1[0]: want [x, y, t], got 2 numbers`},
		{`{"robots": {"r1": [[0, 0, 0]], "r1": [[1, 1, 0]]}}`, `robot: invalid trajectory: robot "r1" appears twice`},
		{`{"robots": {"1r": [[0, 0, 0]]}}`, `robot: invalid trajectory: robot name "1r": want letters, digits and _, not starting with a digit`},
		{`{"robots": {}}`, "robot: invalid trajectory: no robots"},
		{`{"robot": {}}`, `robot: invalid trajectory: unknown key "robot" (want robots)`},
		{`{"robots": {"r1": "x"}}`, `robot: invalid trajectory: robots.r1: want a list of [x, y, t] rows`},
		{`{"robots": {"r1": [[0, 0, 0]]}} {}`, "robot: invalid trajectory: malformed JSON: data after the trajectory object"},
		{`{"robots": `, "robot: invalid trajectory: malformed JSON"},
		{"r1,0,0,0\nr1,1,1", "robot: invalid trajectory: CSV line 2: want 4 fields robot,x,y,t, got 3"},
		{"r1,0,0,0\nr1,1,x,1", `robot: invalid trajectory: CSV line 2: field y: "x" is not a number`},
		{"0 0 0\n1 1\n", `robot: invalid trajectory: line 2: want "x y t", got 2 fields`},
		{"0 0 0\n1 1 nan\n", `robot: invalid trajectory: robot "r1": waypoint 1: coordinates and time must be finite numbers`},
		{"0 0 0\n1e13 1 1\n", `robot: invalid trajectory: robot "r1": waypoint 1: numbers beyond ±1e12`},
	} {
		_, err := ParseTrajectory([]byte(c.in))
		if err == nil {
			t.Errorf("%q accepted", c.in)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q:\n got %q\nwant %q", c.in, err, c.want)
		}
		if !errors.Is(err, ErrInvalidTrajectory) {
			t.Errorf("%q does not wrap ErrInvalidTrajectory", err)
		}
	}
}
