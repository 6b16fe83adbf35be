package puzzles

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLightSwitchOracle compares the elimination with trying every subset
// of buttons, on generated instances whose target is sometimes replaced by
// a random one (often unreachable).
func TestLightSwitchOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	unsat := 0
	for i := range 300 {
		in, _ := generateLights(rng, Easy+i%3)
		if i%2 == 1 {
			for r := range in.Target {
				b := []byte(in.Target[r])
				for c := range b {
					b[c] = byte('0' + rng.IntN(2))
				}
				in.Target[r] = string(b)
			}
		}
		reachable := false
		for mask := 0; mask < 1<<len(in.Buttons) && !reachable; mask++ {
			var presses []int
			for b := range in.Buttons {
				if mask>>b&1 == 1 {
					presses = append(presses, b)
				}
			}
			panel := lightsApply(in, presses)
			same := true
			for r := range panel {
				same = same && string(panel[r]) == in.Target[r]
			}
			reachable = same
		}
		sol, _ := lightsSpec().Solve(context.Background(), in)
		if sol.Unsat == reachable {
			t.Fatalf("case %d: unsat=%v, oracle reachable=%v", i, sol.Unsat, reachable)
		}
		if v := verifyLights(in, sol.Answer); !v.OK {
			t.Fatalf("case %d: %q rejected: %s", i, sol.Answer, v.Reason)
		}
		if sol.Unsat {
			unsat++
		}
	}
	if unsat == 0 {
		t.Fatal("no unreachable target tried")
	}
}

func TestLightSwitchVerify(t *testing.T) {
	in := LightSwitch{Start: []string{"00", "00"}, Target: []string{"11", "00"},
		Buttons: []LightButton{{"A", [][2]int{{1, 1}}}, {"B", [][2]int{{1, 1}, {1, 2}}}, {"C", [][2]int{{1, 2}}}}}
	for _, a := range []string{"B", "A, C", "C A", "press A then C", "[\"A\", \"C\"]", "A, B, C, B", "a, c"} {
		if v := verifyLights(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"A", "A, B", "D", "no solution", "A, C, C"} {
		if v := verifyLights(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestLightSwitchContract(t *testing.T) {
	exCheck(t, lightsSpec(), 60, func(rng *rand.Rand, in LightSwitch, ans string) []string {
		first := strings.Split(ans, ",")[0]
		return []string{ans + ", " + first + ", " + first + ", " + first, "Z"}
	})
}
