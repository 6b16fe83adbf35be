package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/agent"
)

// TestAskOfflineRobot runs "plankit ask --offline" on robot instructions
// over embedded scenarios with the real robot.translate and robot.plan: it
// exits 0, prints the verified trajectory and shows the robot check's
// verdict, and the transcript records the check as applied and ok.
func TestAskOfflineRobot(t *testing.T) {
	askEnv(t)
	for _, req := range []string{
		"in houseworld: go to the kitchen then the bedroom",
		"in houseworld: Make your way to the green bedroom, and from there, proceed to the yellow restroom, but it's important not to disturb the livingroom at all.",
		"chip2: collect key1 then go to goal1",
	} {
		tr := filepath.Join(t.TempDir(), "t.jsonl")
		r := run(t, "", "ask", "--offline", "--transcript", tr, req)
		if r.code != 0 || !strings.Contains(r.stdout, "Verified by the STL checker: satisfied") || !strings.Contains(r.stdout, `{"robots":{"r1":[[`) ||
			!strings.Contains(r.stderr, "check robot: ok — the trajectory satisfies the STL task") {
			t.Fatalf("%q: %+v", req, r)
		}
		b, err := os.ReadFile(tr)
		if err != nil {
			t.Fatal(err)
		}
		events, err := agent.ReadTranscript(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		var checked, end bool
		for _, e := range events {
			if e.Type == agent.EventCheck && e.Check == "robot" && e.Applies != nil && *e.Applies && e.OK != nil && *e.OK && e.Verifier {
				checked = true
			}
			if e.Type == agent.EventEnd && e.Status == agent.StatusAnswered && e.Verified {
				end = true
			}
		}
		if !checked || !end {
			t.Fatalf("%q: transcript lacks an ok robot check (%v) or a verified end (%v)", req, checked, end)
		}
	}
	// An instruction the planner cannot serve: exit 3 with the reason.
	r := run(t, "", "ask", "--offline", "--transcript", filepath.Join(t.TempDir(), "t.jsonl"), "Robot in chip1: reach goal1 avoiding all doors")
	if r.code != ExitCannotAnswer || r.stdout != "" || !strings.Contains(r.stderr, "robot.plan found no trajectory") {
		t.Fatalf("declined: %+v", r)
	}
}
