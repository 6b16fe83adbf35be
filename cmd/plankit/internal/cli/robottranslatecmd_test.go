package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRobotTranslateCmd(t *testing.T) {
	instr := "Go to the green bedroom, then the yellow bathroom, and never enter the living room."
	for _, env := range []string{"houseworld", robotData("houseworld.json")} {
		r := run(t, "", "robot", "translate", "--env", env, instr)
		if r.code != ExitOK || r.stdout != "F(master_bedroom & F restroom) & G !living_room\n" {
			t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	}
	r := run(t, "", "robot", "translate", "--env", "houseworld", "--explain", instr)
	if r.code != ExitOK || !strings.Contains(r.stdout, `"the green bedroom": master_bedroom (colour green)`) {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "robot", "translate", "--json", "--env", robotData("chip1.json"), "Reach all the goals, but open each door only after reaching its key.")
	var out struct {
		Formula string `json:"formula"`
		Notes   []struct{ Phrase, Reading string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if r.code != ExitOK || !strings.HasPrefix(out.Formula, "F goal1 & F goal2 & (!door1 U key1)") || len(out.Notes) == 0 {
		t.Fatalf("code %d: %+v", r.code, out)
	}
	// the translation plans
	r = run(t, "", "robot", "plan", "--env", robotData("chip1.json"), "--spec", out.Formula)
	if r.code != ExitOK || !strings.Contains(r.stdout, "SATISFIED") {
		t.Fatalf("plan: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestRobotTranslateCmdErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown words", []string{"--env", "houseworld", "Go to the garage and the attic."}, ExitError, `unknown words "garage", "attic"`},
		{"ambiguous", []string{"--env", "houseworld", "Go to the bathroom."}, ExitError, `"the bathroom" could be any of restroom2, restroom`},
		{"no env", []string{"Go to the kitchen."}, ExitUsage, "--env is required"},
		{"bad env", []string{"--env", "nowhere.json", "Go to the kitchen."}, ExitError, "nowhere.json"},
		{"no instruction", []string{"--env", "houseworld"}, ExitUsage, "want one instruction"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"robot", "translate"}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) || strings.Count(r.stderr, "\n") > 1 || r.stdout != "" {
				t.Fatalf("code %d (want %d)\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
		})
	}
}
