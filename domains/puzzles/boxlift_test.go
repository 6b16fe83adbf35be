package puzzles

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// exBoxLiftSteps finds the fewest steps by iterative deepening: try to
// give every box (heaviest first) a step number below k and a lifter set
// of any size, with lifters unique within a step.
func exBoxLiftSteps(in BoxLift) int {
	nb, nl := len(in.Boxes), len(in.Lifters)
	for k := 1; k <= nb; k++ {
		used := make([]uint, k) // lifters busy per step
		var rec func(b int) bool
		rec = func(b int) bool {
			if b == nb {
				return true
			}
			for s := range k {
				for m := uint(1); m < 1<<nl; m++ {
					if m&used[s] != 0 {
						continue
					}
					c := 0
					for l := range nl {
						if m>>l&1 == 1 {
							c += in.Lifters[l]
						}
					}
					if c < in.Boxes[b] {
						continue
					}
					used[s] |= m
					ok := rec(b + 1)
					used[s] &^= m
					if ok {
						return true
					}
				}
			}
			return false
		}
		if rec(0) {
			return k
		}
	}
	return -1
}

func TestBoxLiftOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for i := range 150 {
		in, _ := generateBoxLift(rng, Easy+i%2)
		plan, err := solveBoxLift(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if want := exBoxLiftSteps(in); len(plan) != want {
			t.Fatalf("case %d %+v: %d steps, oracle %d", i, in, len(plan), want)
		}
		if v := verifyBoxLift(in, boxLiftFormat(plan)); !v.OK {
			t.Fatalf("case %d: %s", i, v.Reason)
		}
	}
	heavy := BoxLift{Boxes: []int{10, 500}, Lifters: []int{100, 200}}
	sol, _ := boxLiftSpec().Solve(context.Background(), heavy)
	if !sol.Unsat || !verifyBoxLift(heavy, "impossible").OK {
		t.Fatalf("too heavy box: got %q", sol.Answer)
	}
}

func TestBoxLiftVerify(t *testing.T) {
	in := BoxLift{Boxes: []int{50, 120, 30}, Lifters: []int{60, 70}}
	// Box 2 needs both lifters; boxes 1 and 3 fit together: 2 steps.
	for _, a := range []string{"Step 1: 2:1,2\nStep 2: 1:1; 3:2", "1. 1:2; 3:1\n2. 2:1,2", "2:1,2\n1:1;3:2",
		"Step 1: box 2 with lifters 1 and 2\nStep 2: box 1 with lifter 1; box 3 with lifter 2"} {
		if v := verifyBoxLift(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"Step 1: 2:1,2\nStep 2: 1:1\nStep 3: 3:2", "Step 1: 2:1\nStep 2: 1:1; 3:2",
		"Step 1: 2:1,2\nStep 2: 1:1; 3:1", "Step 1: 2:1,2\nStep 2: 1:1", "Step 1: 2:1,2; 1:1\nStep 2: 3:2",
		"Step 1: 2:1,2\nStep 2: 1:1; 3:2; 1:2", "Step 1: 4:1"} {
		if v := verifyBoxLift(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestBoxLiftContract(t *testing.T) {
	exCheck(t, boxLiftSpec(), 60, func(rng *rand.Rand, in BoxLift, ans string) []string {
		lines := strings.Split(ans, "\n")
		wrong := []string{strings.Join(lines[1:], "\n"), ans + "\nStep 9: 1:1"}
		// Move the last lift of a step with several into a step of its
		// own: one step too many.
		for i, l := range lines {
			if k := strings.LastIndex(l, ";"); k >= 0 {
				moved := append(append([]string{}, lines...), "Step 99:"+l[k+1:])
				moved[i] = l[:k]
				wrong = append(wrong, strings.Join(moved, "\n"))
				break
			}
		}
		return wrong
	})
}
