package puzzles

import (
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// BoxLift is a box_lift instance: boxes with weights and lifters with
// capacities. In each step every lifter helps lift at most one box, and a
// group of lifters lifts a box when their capacities add up to its weight
// or more. Every box is lifted once, in as few steps as possible.
type BoxLift struct {
	Boxes   []int `json:"boxes" jsonschema:"box weights; box i is boxes[i-1]"`
	Lifters []int `json:"lifters" jsonschema:"lifter capacities; lifter j is lifters[j-1]"`
}

// BoxLiftStep lists the boxes lifted in one step; Lifts[i] is a box number
// followed by the lifters that lift it (all numbered from 1).
type BoxLiftStep struct {
	Lifts [][]int `json:"lifts"`
}

const (
	boxLiftMaxBoxes   = 10
	boxLiftMaxLifters = 8
)

func boxLiftSpec() Spec[BoxLift] {
	return Spec[BoxLift]{
		Name:        "box_lift",
		Family:      "planning",
		Description: "Assign lifters with capacities to boxes with weights, step by step, lifting every box in the fewest steps.",
		Generate:    generateBoxLift,
		Prompt:      promptBoxLift,
		Parse:       parseBoxLift,
		Validate:    validateBoxLift,
		Solve: func(ctx context.Context, in BoxLift) (Solution, error) {
			plan, err := solveBoxLift(ctx, in)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: box_lift: %w", err)
			}
			if plan == nil {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: boxLiftFormat(plan), Structured: plan}, nil
		},
		Verify: verifyBoxLift,
	}
}

func validateBoxLift(in BoxLift) error {
	if len(in.Boxes) == 0 || len(in.Boxes) > boxLiftMaxBoxes {
		return fmt.Errorf("boxes: want 1 to %d boxes, got %d", boxLiftMaxBoxes, len(in.Boxes))
	}
	if len(in.Lifters) == 0 || len(in.Lifters) > boxLiftMaxLifters {
		return fmt.Errorf("lifters: want 1 to %d lifters, got %d", boxLiftMaxLifters, len(in.Lifters))
	}
	for i, w := range in.Boxes {
		if w < 1 || w > 1_000_000 {
			return fmt.Errorf("boxes[%d]: weight %d is outside 1..1000000", i, w)
		}
	}
	for i, c := range in.Lifters {
		if c < 1 || c > 1_000_000 {
			return fmt.Errorf("lifters[%d]: capacity %d is outside 1..1000000", i, c)
		}
	}
	return nil
}

// boxLiftGroups lists, per box, the lifter sets (bit masks) that can lift
// it and have no smaller subset that can.
func boxLiftGroups(in BoxLift) [][]uint {
	nl := len(in.Lifters)
	capOf := make([]int, 1<<nl)
	for m := 1; m < 1<<nl; m++ {
		low := bits.TrailingZeros(uint(m))
		capOf[m] = capOf[m&(m-1)] + in.Lifters[low]
	}
	out := make([][]uint, len(in.Boxes))
	for b, w := range in.Boxes {
		for m := 1; m < 1<<nl; m++ {
			if capOf[m] < w {
				continue
			}
			minimal := true
			for r := m; r > 0 && minimal; r &= r - 1 {
				if capOf[m&^(r&-r)] >= w {
					minimal = false // dropping one lifter still works
				}
			}
			if minimal {
				out[b] = append(out[b], uint(m))
			}
		}
	}
	return out
}

// boxLiftAssign finds disjoint lifter groups for the boxes of set S, or
// nil.
func boxLiftAssign(groups [][]uint, set uint) []uint {
	boxes := []int{}
	for s := set; s > 0; s &= s - 1 {
		boxes = append(boxes, bits.TrailingZeros(s))
	}
	// Boxes with fewest choices first.
	slices.SortFunc(boxes, func(a, b int) int { return len(groups[a]) - len(groups[b]) })
	chosen := make([]uint, len(groups))
	var rec func(k int, used uint) bool
	rec = func(k int, used uint) bool {
		if k == len(boxes) {
			return true
		}
		b := boxes[k]
		for _, m := range groups[b] {
			if m&used == 0 {
				chosen[b] = m
				if rec(k+1, used|m) {
					return true
				}
			}
		}
		return false
	}
	if !rec(0, 0) {
		return nil
	}
	return chosen
}

// solveBoxLift returns a plan with the fewest steps (nil when some box is
// too heavy for all lifters together): the steps partition the boxes into
// sets that can be lifted at once, found by dynamic programming over
// subsets.
func solveBoxLift(ctx context.Context, in BoxLift) ([]BoxLiftStep, error) {
	groups := boxLiftGroups(in)
	for _, g := range groups {
		if len(g) == 0 {
			return nil, nil
		}
	}
	nb := len(in.Boxes)
	full := uint(1)<<nb - 1
	feasible := make([]bool, full+1)
	feasible[0] = true
	for s := uint(1); s <= full; s++ {
		// A set is liftable only if its subsets are: check one, and the
		// head count, before searching.
		if !feasible[s&(s-1)] || bits.OnesCount(s) > len(in.Lifters) {
			continue
		}
		feasible[s] = boxLiftAssign(groups, s) != nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	best := make([]int, full+1)
	choice := make([]uint, full+1)
	for s := uint(1); s <= full; s++ {
		best[s] = nb + 1
		low := s & -s
		rest := s &^ low
		// Every subset t of s that holds its lowest box.
		for sub := rest; ; sub = (sub - 1) & rest {
			t := sub | low
			if feasible[t] && best[s&^t]+1 < best[s] {
				best[s], choice[s] = best[s&^t]+1, t
			}
			if sub == 0 {
				break
			}
		}
	}
	var plan []BoxLiftStep
	for s := full; s > 0; s &^= choice[s] {
		t := choice[s]
		chosen := boxLiftAssign(groups, t)
		var step BoxLiftStep
		for b := range nb {
			if t>>b&1 == 1 {
				lift := []int{b + 1}
				for l := chosen[b]; l > 0; l &= l - 1 {
					lift = append(lift, bits.TrailingZeros(l)+1)
				}
				step.Lifts = append(step.Lifts, lift)
			}
		}
		plan = append(plan, step)
	}
	return plan, nil
}

func boxLiftFormat(plan []BoxLiftStep) string {
	lines := make([]string, len(plan))
	for i, st := range plan {
		parts := make([]string, len(st.Lifts))
		for k, l := range st.Lifts {
			parts[k] = fmt.Sprintf("%d:%s", l[0], exJoinInts(l[1:], ","))
		}
		lines[i] = fmt.Sprintf("Step %d: %s", i+1, strings.Join(parts, "; "))
	}
	return strings.Join(lines, "\n")
}

func generateBoxLift(rng *rand.Rand, level int) (BoxLift, error) {
	nb := exByLevel(level, 4, 6, 9)
	nl := exByLevel(level, 3, 4, 5)
	in := BoxLift{}
	total := 0
	for range nl {
		c := 10 * exBetween(rng, 3, 12)
		in.Lifters = append(in.Lifters, c)
		total += c
	}
	for range nb {
		// Mostly boxes one or two lifters can take, some needing more.
		w := exBetween(rng, 20, min(total, exPick(rng, []int{100, 150, 200, 300})))
		in.Boxes = append(in.Boxes, w)
	}
	return in, nil
}

func boxLiftList(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%d: %d", i+1, x)
	}
	return strings.Join(parts, ", ")
}

func promptBoxLift(in BoxLift) string {
	var b strings.Builder
	b.WriteString("Boxes must be lifted by lifters. In each step every lifter helps lift at most one box, and a group of lifters can lift a box together when their capacities add up to at least its weight. " +
		"Each box is lifted exactly once. Lift all the boxes in as few steps as possible.\n\n")
	fmt.Fprintf(&b, "Boxes (number: weight): %s\nLifters (number: capacity): %s\n\n", boxLiftList(in.Boxes), boxLiftList(in.Lifters))
	b.WriteString("Give one line per step, listing each box lifted in that step as box:lifters, separated by semicolons, e.g.\n" +
		"Step 1: 1:1,2; 3:3\nStep 2: 2:1,2,3\n" +
		"If some box cannot be lifted at all, answer \"no solution\".\n")
	return b.String()
}

var boxLiftPairRE = regexp.MustCompile(`^(\d+): (\d+)$`)

func boxLiftParseList(field, s string) ([]int, error) {
	var out []int
	for i, p := range strings.Split(s, ",") {
		m := boxLiftPairRE.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil || m[1] != strconv.Itoa(i+1) {
			return nil, fmt.Errorf("%s: cannot read %q as %d: value", field, strings.TrimSpace(p), i+1)
		}
		v, err := strconv.Atoi(m[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %q is out of range", field, m[2])
		}
		out = append(out, v)
		if len(out) > 100 {
			return nil, fmt.Errorf("%s: more than 100 entries", field)
		}
	}
	return out, nil
}

func parseBoxLift(prompt string) (BoxLift, error) {
	var in BoxLift
	bs, err := exLineAfter(prompt, "Boxes (number: weight):")
	if err != nil {
		return in, err
	}
	if in.Boxes, err = boxLiftParseList("boxes", bs); err != nil {
		return in, err
	}
	ls, err := exLineAfter(prompt, "Lifters (number: capacity):")
	if err != nil {
		return in, err
	}
	if in.Lifters, err = boxLiftParseList("lifters", ls); err != nil {
		return in, err
	}
	return in, validateBoxLift(in)
}

// boxLiftStepRE matches a step label: "Step 3:", "Step 3", "3." or "3)"
// (not "3:", which names box 3).
var boxLiftStepRE = regexp.MustCompile(`(?i)^\s*(?:step\s*\d+\s*[:.)-]?|\d+\s*[.)])\s*`)

// boxLiftRead reads the steps of an answer: one line per step (a leading
// "Step k:" is dropped), boxes separated by semicolons or pipes, and in
// each the box number followed by its lifters.
func boxLiftRead(answer string) ([][][]int, string) {
	var steps [][][]int
	for _, line := range strings.Split(StripAnswer(answer), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		line = boxLiftStepRE.ReplaceAllString(line, "")
		var step [][]int
		for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == ';' || r == '|' }) {
			nums, err := AnswerInts(part)
			if err != nil {
				return nil, err.Error()
			}
			if len(nums) == 0 {
				continue
			}
			if len(nums) < 2 {
				return nil, fmt.Sprintf("%q names a box but no lifter", strings.TrimSpace(part))
			}
			step = append(step, nums)
		}
		if len(step) > 0 {
			steps = append(steps, step)
		}
	}
	return steps, ""
}

func verifyBoxLift(in BoxLift, answer string) Verdict {
	total := 0
	for _, c := range in.Lifters {
		total += c
	}
	liftable := slices.Max(in.Boxes) <= total
	if ClaimsNoSolution(answer) {
		if liftable {
			return Reject("every box can be lifted")
		}
		return Accept()
	}
	if !liftable {
		return Reject("some box is heavier than all lifters together can lift")
	}
	steps, msg := boxLiftRead(answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	if len(steps) == 0 {
		return Reject("no steps found")
	}
	lifted := make([]bool, len(in.Boxes))
	for s, step := range steps {
		busy := map[int]bool{}
		for _, lift := range step {
			b := lift[0]
			if b < 1 || b > len(in.Boxes) {
				return Reject("step %d: there is no box %d", s+1, b)
			}
			if lifted[b-1] {
				return Reject("step %d: box %d is lifted twice", s+1, b)
			}
			lifted[b-1] = true
			capacity := 0
			for _, l := range lift[1:] {
				if l < 1 || l > len(in.Lifters) {
					return Reject("step %d: there is no lifter %d", s+1, l)
				}
				if busy[l] {
					return Reject("step %d: lifter %d is used twice", s+1, l)
				}
				busy[l] = true
				capacity += in.Lifters[l-1]
			}
			if capacity < in.Boxes[b-1] {
				return Reject("step %d: box %d weighs %d but its lifters carry %d", s+1, b, in.Boxes[b-1], capacity)
			}
		}
	}
	for b, ok := range lifted {
		if !ok {
			return Reject("box %d is never lifted", b+1)
		}
	}
	plan, err := solveBoxLift(context.Background(), in)
	if err != nil {
		return Reject("cannot check optimality: %v", err)
	}
	if len(steps) > len(plan) {
		return Reject("%d steps used, but %d suffice", len(steps), len(plan))
	}
	return Accept()
}
