package robot

import (
	"strings"
	"testing"
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
