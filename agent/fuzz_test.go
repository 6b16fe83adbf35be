package agent

import (
	"encoding/json"
	"strings"
	"testing"
)

// The seed corpora live in testdata/fuzz/FuzzXxx/.

func FuzzExtractTravelPlan(f *testing.F) {
	f.Add("Day 1:\nCurrent City: from A to B\nTransportation: -\n")
	f.Fuzz(func(t *testing.T, s string) {
		plan, ok := ExtractTravelPlan(s)
		if ok != (len(plan) > 0) {
			t.Fatalf("ok %v with %d days", ok, len(plan))
		}
		for _, d := range plan {
			_, city := d["current_city"]
			_, day := d["days"]
			if !city && !day {
				t.Fatalf("day without current_city and days: %v", d)
			}
		}
	})
}

func FuzzReadSATAnswer(f *testing.F) {
	f.Add("v 1 -2 0")
	f.Fuzz(func(t *testing.T, s string) {
		a := ReadSATAnswer(s)
		if a.HasModel != (len(a.Model) > 0) || (a.Unsat && (a.Sat || a.HasModel)) {
			t.Fatalf("%+v", a)
		}
		for _, l := range a.Model {
			if l == 0 {
				t.Fatal("zero literal in a model")
			}
		}
		CheckModel([][]int{{1, -2}, {3}}, a.Model)
	})
}

func FuzzExtractTrajectory(f *testing.F) {
	f.Add(`{"robots": {"r1": [[0, 0, 0], [1, 1, 1]]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		traj, ok := ExtractTrajectory(s)
		if !ok {
			return
		}
		var v struct {
			Robots map[string][]any `json:"robots"`
		}
		if err := json.Unmarshal(traj, &v); err != nil || len(v.Robots) == 0 {
			t.Fatalf("%s: %v", traj, err)
		}
	})
}

func FuzzReadTranscript(f *testing.F) {
	f.Add(`{"seq":1,"type":"request","request":"hi"}` + "\n" + `{"seq":2,"type":"model","message":{"role":"assistant","content":"<<<x>>>"}}`)
	f.Fuzz(func(t *testing.T, s string) {
		ev, err := ReadTranscript(strings.NewReader(s))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		for _, e := range ev {
			if e.Type == "" {
				t.Fatal("event without a type")
			}
		}
		if m, _, _, err := Replay(ev); err == nil && m.Remaining() == 0 {
			t.Fatal("replay model without replies")
		}
	})
}
