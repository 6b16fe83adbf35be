package puzzles

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// exBoxNetSteps finds the fewest steps by plain breadth-first search over
// positions written as strings, with moves generated from the rules
// directly (no heuristic, no shared successor code).
func exBoxNetSteps(in BoxNet) int {
	type pos struct{ r, c int } // r = 0: delivered
	n := len(in.Boxes)
	key := func(p []pos) string {
		var b strings.Builder
		for _, x := range p {
			b.WriteString(string(rune('a'+x.r)) + string(rune('a'+x.c)))
		}
		return b.String()
	}
	start := make([]pos, n)
	for i, b := range in.Boxes {
		start[i] = pos{b.Cell[0], b.Cell[1]}
	}
	seen := map[string]bool{key(start): true}
	layer := [][]pos{start}
	for steps := 0; len(layer) > 0; steps++ {
		var next [][]pos
		for _, p := range layer {
			done := true
			for _, x := range p {
				done = done && x.r == 0
			}
			if done {
				return steps
			}
			// Each box either stays or gets one action; then keep only
			// combinations where no two acting boxes share a cell.
			var rec func(i int, cur []pos, busy map[pos]bool)
			rec = func(i int, cur []pos, busy map[pos]bool) {
				if i == n {
					if k := key(cur); !seen[k] {
						seen[k] = true
						next = append(next, append([]pos(nil), cur...))
					}
					return
				}
				rec(i+1, cur, busy)
				x := p[i]
				if x.r == 0 || busy[x] {
					return
				}
				busy[x] = true
				var opts []pos
				for _, t := range in.Targets {
					if t.Color == in.Boxes[i].Color && t.Cell == [2]int{x.r, x.c} {
						opts = append(opts, pos{0, 0})
						break
					}
				}
				for _, d := range []pos{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
					y := pos{x.r + d.r, x.c + d.c}
					if y.r >= 1 && y.r <= in.Rows && y.c >= 1 && y.c <= in.Cols {
						opts = append(opts, y)
					}
				}
				for _, y := range opts {
					cur[i] = y
					rec(i+1, cur, busy)
				}
				cur[i] = x
				delete(busy, x)
			}
			rec(0, append([]pos(nil), p...), map[pos]bool{})
		}
		layer = next
	}
	return -1
}

func TestBoxNetOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	for i := range 30 {
		in, _ := generateBoxNet(rng, Easy+i%3)
		if i%3 == 2 {
			in.Boxes = in.Boxes[:3] // keep the oracle fast
		}
		plan, ok, err := solveBoxNet(context.Background(), in)
		if err != nil || !ok {
			t.Fatalf("case %d: %v %v", i, ok, err)
		}
		if want := exBoxNetSteps(in); len(plan) != want {
			t.Fatalf("case %d %+v: %d steps, oracle %d", i, in, len(plan), want)
		}
		if v := verifyBoxNet(in, boxNetFormat(plan)); !v.OK {
			t.Fatalf("case %d: %s", i, v.Reason)
		}
		// No box comes back to a cell it left (loops are dropped).
		for b, box := range in.Boxes {
			seen := map[[2]int]bool{box.Cell: true}
			for _, step := range plan {
				for _, a := range step {
					if a.Box == b+1 && !a.Deliver {
						if seen[a.To] {
							t.Fatalf("case %d: box %d returns to %v\n%s", i, b+1, a.To, boxNetFormat(plan))
						}
						seen[a.To] = true
					}
				}
			}
		}
	}
	lost := BoxNet{Rows: 1, Cols: 2, Boxes: []BoxNetBox{{"red", [2]int{1, 1}}}, Targets: []BoxNetBox{{"blue", [2]int{1, 2}}}}
	sol, _ := boxNetSpec().Solve(context.Background(), lost)
	if !sol.Unsat || !verifyBoxNet(lost, "no solution").OK {
		t.Fatalf("box without target: got %q", sol.Answer)
	}
}

func TestBoxNetVerify(t *testing.T) {
	// 1×3 corridor: box 1 red at (1,1) → red target at (1,3); box 2 blue
	// at (1,1) → blue target at (1,1). Both share the agent at (1,1), so
	// box 2 goes first or box 1 leaves first: 3 moves for box 1 means 3
	// steps at least; optimal is 3.
	in := BoxNet{Rows: 1, Cols: 3,
		Boxes:   []BoxNetBox{{"red", [2]int{1, 1}}, {"blue", [2]int{1, 1}}},
		Targets: []BoxNetBox{{"red", [2]int{1, 3}}, {"blue", [2]int{1, 1}}}}
	good := "Step 1: 1:(1,2)\nStep 2: 1:(1,3); 2:target\nStep 3: 1:target"
	for _, a := range []string{good, "1: right\n1: right; 2: goal\n1: deliver", "Step 1: 1:(1,2)\nStep 2: 2:target; 1:(1,3)\nStep 3: 1:target"} {
		if v := verifyBoxNet(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{
		"Step 1: 1:(1,2); 2:target\nStep 2: 1:(1,3)\nStep 3: 1:target",         // agent (1,1) acts twice
		"Step 1: 1:(1,3)\nStep 2: 1:target; 2:target",                          // jump
		"Step 1: 2:target\nStep 2: 1:(1,2)\nStep 3: 1:(1,3)\nStep 4: 1:target", // 4 steps
		"Step 1: 1:(1,2)\nStep 2: 1:(1,3)\nStep 3: 1:target",                   // box 2 left
		"Step 1: 1:target", "Step 1: 3:(1,2)", "Step 1: 1:(0,1)",
	} {
		if v := verifyBoxNet(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestBoxNetContract(t *testing.T) {
	exCheck(t, boxNetSpec(), 40, func(rng *rand.Rand, in BoxNet, ans string) []string {
		lines := strings.Split(ans, "\n")
		return []string{strings.Join(lines[:len(lines)-1], "\n"), ans + "\nStep 99: 1:target", "Step 0: 1:(9,9)\n" + ans}
	})
}
