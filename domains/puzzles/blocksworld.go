package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Blocksworld is an instance of blocksworld: stacks of named blocks to be
// rearranged into goal stacks by moving one top block at a time.
type Blocksworld struct {
	Stacks [][]string `json:"stacks" jsonschema:"the stacks, numbered from 1, each listed bottom to top; an empty list is an empty place"`
	Goal   [][]string `json:"goal" jsonschema:"the goal stacks: as many stacks, the same blocks"`
}

// MovesSolution is the structured answer of the planning tasks: the moves
// in the answer's notation, and how many there are (the proven minimum).
type MovesSolution struct {
	Moves  []string `json:"moves"`
	Length int      `json:"length"`
}

func blocksworldSpec() Spec[Blocksworld] {
	return Spec[Blocksworld]{
		Name:        "blocksworld",
		Family:      "planning",
		Description: "Move top blocks between stacks to reach goal stacks with the fewest moves (A*).",
		Generate:    blocksGenerate,
		Prompt:      blocksPrompt,
		Parse:       blocksParse,
		Validate:    blocksValidate,
		Solve:       blocksSolve,
		Verify:      blocksVerify,
	}
}

var blocksNameRE = regexp.MustCompile(`^[A-Za-z0-9]{1,12}$`)

const (
	blocksMaxStacks = 6
	blocksMaxBlocks = 12
)

func blocksValidate(in Blocksworld) error {
	if len(in.Stacks) < 1 || len(in.Stacks) > blocksMaxStacks {
		return fmt.Errorf("stacks: want 1 to %d stacks, got %d", blocksMaxStacks, len(in.Stacks))
	}
	if len(in.Goal) != len(in.Stacks) {
		return fmt.Errorf("goal: want %d stacks like stacks, got %d", len(in.Stacks), len(in.Goal))
	}
	names, folded := map[string]bool{}, map[string]bool{}
	for i, st := range in.Stacks {
		for j, b := range st {
			if !blocksNameRE.MatchString(b) || strings.EqualFold(b, "empty") {
				return fmt.Errorf("stacks[%d][%d]: %q: want a name of 1 to 12 letters or digits", i, j, b)
			}
			if names[b] || folded[strings.ToUpper(b)] {
				return fmt.Errorf("stacks[%d][%d]: block %s appears twice (names are compared ignoring case)", i, j, b)
			}
			names[b], folded[strings.ToUpper(b)] = true, true
		}
	}
	if len(names) > blocksMaxBlocks {
		return fmt.Errorf("stacks: at most %d blocks, got %d", blocksMaxBlocks, len(names))
	}
	inGoal := map[string]bool{}
	for i, st := range in.Goal {
		for j, b := range st {
			if !names[b] {
				return fmt.Errorf("goal[%d][%d]: block %q is not in stacks", i, j, b)
			}
			if inGoal[b] {
				return fmt.Errorf("goal[%d][%d]: block %s appears twice", i, j, b)
			}
			inGoal[b] = true
		}
	}
	if len(inGoal) != len(names) {
		return fmt.Errorf("goal: places %d of the %d blocks", len(inGoal), len(names))
	}
	return nil
}

// blocksState encodes stacks as block indices (bytes 'a'+i) with '|'
// between stacks.
func blocksEncode(stacks [][]string, index map[string]int) string {
	var b strings.Builder
	for i, st := range stacks {
		if i > 0 {
			b.WriteByte('|')
		}
		for _, x := range st {
			b.WriteByte(byte('a' + index[x]))
		}
	}
	return b.String()
}

func blocksIndex(in Blocksworld) (map[string]int, []string) {
	index := map[string]int{}
	var names []string
	for _, st := range in.Stacks {
		for _, b := range st {
			index[b] = len(names)
			names = append(names, b)
		}
	}
	return index, names
}

// blocksSearch returns a shortest list of (from, to) moves, 0-based.
func blocksSearch(ctx context.Context, in Blocksworld) ([][2]int, bool, error) {
	index, _ := blocksIndex(in)
	start, goal := blocksEncode(in.Stacks, index), blocksEncode(in.Goal, index)
	goalStacks := strings.Split(goal, "|")
	// h counts the blocks not yet on their final foundation: a block is in
	// place when everything from the table up to it matches the goal
	// stack. Each misplaced block must move at least once, and one move
	// changes the count by at most one, so h is consistent.
	h := func(s string) int {
		misplaced := 0
		for i, st := range strings.Split(s, "|") {
			k := 0
			for k < len(st) && k < len(goalStacks[i]) && st[k] == goalStacks[i][k] {
				k++
			}
			misplaced += len(st) - k
		}
		return misplaced
	}
	moves, found, err := planSearch(ctx, planProblem[string]{
		start:  start,
		isGoal: func(s string) bool { return s == goal },
		h:      h,
		expand: func(s string, emit func(int, string)) {
			st := strings.Split(s, "|")
			for from := range st {
				if st[from] == "" {
					continue
				}
				top := st[from][len(st[from])-1]
				for to := range st {
					if to == from {
						continue
					}
					next := slices.Clone(st)
					next[from] = st[from][:len(st[from])-1]
					next[to] = st[to] + string(top)
					emit(from*blocksMaxStacks+to, strings.Join(next, "|"))
				}
			}
		},
	})
	if err != nil || !found {
		return nil, found, err
	}
	out := make([][2]int, len(moves))
	for i, m := range moves {
		out[i] = [2]int{m / blocksMaxStacks, m % blocksMaxStacks}
	}
	return out, true, nil
}

func blocksSolve(ctx context.Context, in Blocksworld) (Solution, error) {
	moves, found, err := blocksSearch(ctx, in)
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: blocksworld: %w", err)
	}
	if !found {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	st := blocksClone(in.Stacks)
	out := MovesSolution{Moves: []string{}, Length: len(moves)}
	for _, m := range moves {
		top := st[m[0]][len(st[m[0]])-1]
		out.Moves = append(out.Moves, fmt.Sprintf("Move %s from %d to %d", top, m[0]+1, m[1]+1))
		st[m[0]] = st[m[0]][:len(st[m[0]])-1]
		st[m[1]] = append(st[m[1]], top)
	}
	return Solution{Answer: strings.Join(out.Moves, "\n"), Structured: out}, nil
}

func blocksClone(st [][]string) [][]string {
	out := make([][]string, len(st))
	for i, s := range st {
		out[i] = append([]string{}, s...)
	}
	return out
}

var blocksMoveRE = regexp.MustCompile(`(?i)move\s+(?:block\s+)?([A-Za-z0-9]+)\s+from\s+(?:stack\s+)?(\d+)\s+(?:to|onto|->)\s+(?:stack\s+)?(\d+)`)

type blocksMove struct {
	block    string
	from, to int // 1-based as written
}

func blocksRead(answer string) ([]blocksMove, error) {
	s := StripAnswer(answer)
	ms := blocksMoveRE.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 && strings.TrimSpace(s) != "" {
		return nil, errors.New(`no moves of the form "Move X from 1 to 2"`)
	}
	out := make([]blocksMove, len(ms))
	for i, m := range ms {
		from, err1 := strconv.Atoi(m[2])
		to, err2 := strconv.Atoi(m[3])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("move %d: stack numbers are too large", i+1)
		}
		out[i] = blocksMove{m[1], from, to}
	}
	return out, nil
}

// blocksApply plays moves from the initial stacks and returns the final
// stacks, or why a move is illegal.
func blocksApply(in Blocksworld, moves []blocksMove) ([][]string, error) {
	st := blocksClone(in.Stacks)
	for i, m := range moves {
		if m.from < 1 || m.from > len(st) || m.to < 1 || m.to > len(st) {
			return nil, fmt.Errorf("move %d (%s from %d to %d) names a stack outside 1..%d", i+1, m.block, m.from, m.to, len(st))
		}
		if m.from == m.to {
			return nil, fmt.Errorf("move %d moves %s from stack %d onto itself", i+1, m.block, m.from)
		}
		src := st[m.from-1]
		if len(src) == 0 {
			return nil, fmt.Errorf("move %d takes %s from stack %d, which is empty", i+1, m.block, m.from)
		}
		if top := src[len(src)-1]; !strings.EqualFold(top, m.block) {
			return nil, fmt.Errorf("move %d takes %s from stack %d, but its top block is %s", i+1, m.block, m.from, top)
		}
		st[m.to-1] = append(st[m.to-1], src[len(src)-1])
		st[m.from-1] = src[:len(src)-1]
	}
	return st, nil
}

func blocksEqual(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

func blocksVerify(in Blocksworld, answer string) Verdict {
	return planVerify(answer, func(ctx context.Context) (int, bool, error) {
		moves, found, err := blocksSearch(ctx, in)
		return len(moves), found, err
	}, func() (int, error) {
		moves, err := blocksRead(answer)
		if err != nil {
			return 0, err
		}
		final, err := blocksApply(in, moves)
		if err != nil {
			return 0, err
		}
		if !blocksEqual(final, in.Goal) {
			return 0, fmt.Errorf("after the %d moves the stacks are %s, not the goal %s", len(moves), blocksLine(final), blocksLine(in.Goal))
		}
		return len(moves), nil
	})
}

// planVerify is the common verdict of the shortest-plan tasks: shortest
// gives the optimal length (found false when there is no plan); play
// checks the answer's plan and returns its length.
func planVerify(answer string, shortest func(context.Context) (int, bool, error), play func() (int, error)) Verdict {
	if ClaimsNoSolution(answer) {
		n, found, err := shortest(context.Background())
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if found {
			return Reject("the answer says there is no solution, but a plan of %d moves exists", n)
		}
		return Accept()
	}
	length, err := play()
	if err != nil {
		return Reject("%v", err)
	}
	best, found, err := shortest(context.Background())
	if err != nil {
		return Reject("could not compute the shortest plan: %v", err)
	}
	if !found {
		return Reject("the plan cannot be right: the instance has no solution")
	}
	if length > best {
		return Reject("the plan has %d moves; a shortest plan has %d", length, best)
	}
	return Accept()
}

func blocksLine(st [][]string) string {
	parts := make([]string, len(st))
	for i, s := range st {
		parts[i] = "[" + strings.Join(s, " ") + "]"
	}
	return strings.Join(parts, " ")
}

// blocksRandom deals names onto k stacks at random.
func blocksRandom(rng *rand.Rand, names []string, k int) [][]string {
	st := make([][]string, k)
	for i := range st {
		st[i] = []string{}
	}
	for _, i := range rng.Perm(len(names)) {
		j := rng.IntN(k)
		st[j] = append(st[j], names[i])
	}
	return st
}

func blocksGenerate(rng *rand.Rand, level int) (Blocksworld, error) {
	n, k := 2+level+rng.IntN(2), 3 // 3–4, 4–5, 5–6 blocks
	if level == Hard && rng.IntN(2) == 0 {
		k = 4
	}
	names := make([]string, n)
	for i := range names {
		names[i] = string(rune('A' + i))
	}
	for {
		in := Blocksworld{Stacks: blocksRandom(rng, names, k), Goal: blocksRandom(rng, names, k)}
		if !blocksEqual(in.Stacks, in.Goal) {
			return in, nil
		}
	}
}

func blocksStackLines(st [][]string) string {
	var b strings.Builder
	for i, s := range st {
		content := "(empty)"
		if len(s) > 0 {
			content = strings.Join(s, " ")
		}
		fmt.Fprintf(&b, "Stack %d: %s\n", i+1, content)
	}
	return b.String()
}

func blocksPrompt(in Blocksworld) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Blocksworld: there are %d stacks of blocks, each listed from bottom to top.\n", len(in.Stacks))
	b.WriteString("Initial state:\n" + blocksStackLines(in.Stacks))
	b.WriteString("Goal state:\n" + blocksStackLines(in.Goal))
	b.WriteString("You may move only the top block of a stack, onto the top of another stack (an empty stack is fine). ")
	b.WriteString("Reach the goal state with as few moves as possible.\n")
	b.WriteString("Answer with one move per line in the form \"Move B from 1 to 3\" (block, source stack, destination stack), or \"no solution\" if the goal cannot be reached.")
	return b.String()
}

var (
	blocksHeadRE  = regexp.MustCompile(`Blocksworld: there are (\d+) stacks`)
	blocksStackRE = regexp.MustCompile(`^Stack (\d+): (.*)$`)
)

func blocksParse(prompt string) (Blocksworld, error) {
	m := blocksHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return Blocksworld{}, errors.New(`no "Blocksworld: there are N stacks" line`)
	}
	k, err := strconv.Atoi(m[1])
	if err != nil || k < 1 || k > blocksMaxStacks {
		return Blocksworld{}, fmt.Errorf("stack count %q is not in 1..%d", m[1], blocksMaxStacks)
	}
	var in Blocksworld
	var cur *[][]string
	for _, line := range strings.Split(prompt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "Initial state"):
			cur = &in.Stacks
		case strings.HasPrefix(line, "Goal state"):
			cur = &in.Goal
		case cur != nil:
			sm := blocksStackRE.FindStringSubmatch(line)
			if sm == nil {
				cur = nil
				continue
			}
			if idx, _ := strconv.Atoi(sm[1]); idx != len(*cur)+1 {
				return Blocksworld{}, fmt.Errorf("stack %s is out of order", sm[1])
			}
			blocks := []string{}
			if c := strings.TrimSpace(sm[2]); c != "(empty)" {
				blocks = strings.Fields(c)
			}
			*cur = append(*cur, blocks)
		}
	}
	if len(in.Stacks) != k || len(in.Goal) != k {
		return Blocksworld{}, fmt.Errorf("want %d initial and %d goal stacks, found %d and %d", k, k, len(in.Stacks), len(in.Goal))
	}
	return in, nil
}
