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

// TowerOfHanoi is an instance of tower_of_hanoi: disks on pegs A, B, C (and
// D) to be moved into a goal configuration.
type TowerOfHanoi struct {
	Pegs [][]int `json:"pegs" jsonschema:"the disks on each peg (A, B, C, …), bottom to top, as sizes: 1 is the smallest"`
	Goal [][]int `json:"goal" jsonschema:"the goal configuration in the same form"`
}

func hanoiSpec() Spec[TowerOfHanoi] {
	return Spec[TowerOfHanoi]{
		Name:        "tower_of_hanoi",
		Family:      "planning",
		Description: "Move disks between pegs, never a larger on a smaller, into a goal configuration in the fewest moves.",
		Generate:    hanoiGenerate,
		Prompt:      hanoiPrompt,
		Parse:       hanoiParse,
		Validate:    hanoiValidate,
		Solve:       hanoiSolve,
		Verify:      hanoiVerify,
	}
}

const hanoiMaxDisks = 10

func hanoiPegName(i int) string { return string(rune('A' + i)) }

func hanoiValidate(in TowerOfHanoi) error {
	if len(in.Pegs) < 3 || len(in.Pegs) > 4 {
		return fmt.Errorf("pegs: want 3 or 4 pegs, got %d", len(in.Pegs))
	}
	if len(in.Goal) != len(in.Pegs) {
		return fmt.Errorf("goal: want %d pegs like pegs, got %d", len(in.Pegs), len(in.Goal))
	}
	n := 0
	for _, p := range in.Pegs {
		n += len(p)
	}
	if n < 1 || n > hanoiMaxDisks {
		return fmt.Errorf("pegs: want 1 to %d disks, got %d", hanoiMaxDisks, n)
	}
	for _, side := range []struct {
		name string
		pegs [][]int
	}{{"pegs", in.Pegs}, {"goal", in.Goal}} {
		seen := make([]bool, n+1)
		count := 0
		for i, p := range side.pegs {
			for j, d := range p {
				if d < 1 || d > n {
					return fmt.Errorf("%s[%d][%d]: disk %d: want sizes 1 to %d", side.name, i, j, d, n)
				}
				if seen[d] {
					return fmt.Errorf("%s[%d][%d]: disk %d appears twice", side.name, i, j, d)
				}
				seen[d] = true
				count++
				if j > 0 && p[j-1] < d {
					return fmt.Errorf("%s[%d]: disk %d lies on the smaller disk %d", side.name, i, d, p[j-1])
				}
			}
		}
		if count != n {
			return fmt.Errorf("%s: holds %d disks, want %d", side.name, count, n)
		}
	}
	return nil
}

// hanoiState is the peg of each disk, disk d at index d-1.
type hanoiState [hanoiMaxDisks]int8

func hanoiEncode(pegs [][]int) hanoiState {
	var s hanoiState
	for i := range s {
		s[i] = -1
	}
	for p, disks := range pegs {
		for _, d := range disks {
			s[d-1] = int8(p)
		}
	}
	return s
}

func hanoiSearch(ctx context.Context, in TowerOfHanoi) ([][2]int, bool, error) {
	k := len(in.Pegs)
	start, goal := hanoiEncode(in.Pegs), hanoiEncode(in.Goal)
	moves, found, err := planSearch(ctx, planProblem[hanoiState]{
		start:  start,
		isGoal: func(s hanoiState) bool { return s == goal },
		// Every disk off its goal peg must move at least once, and a move
		// changes one disk's peg: a consistent lower bound.
		h: func(s hanoiState) int {
			c := 0
			for i := range s {
				if s[i] != goal[i] {
					c++
				}
			}
			return c
		},
		expand: func(s hanoiState, emit func(int, hanoiState)) {
			top := [4]int{-1, -1, -1, -1} // smallest disk index on each peg
			for d := len(s) - 1; d >= 0; d-- {
				if s[d] >= 0 {
					top[s[d]] = d
				}
			}
			for from := range k {
				d := top[from]
				if d < 0 {
					continue
				}
				for to := range k {
					if to != from && (top[to] < 0 || top[to] > d) {
						next := s
						next[d] = int8(to)
						emit(from*4+to, next)
					}
				}
			}
		},
	})
	if err != nil || !found {
		return nil, found, err
	}
	out := make([][2]int, len(moves))
	for i, m := range moves {
		out[i] = [2]int{m / 4, m % 4}
	}
	return out, true, nil
}

func hanoiSolve(ctx context.Context, in TowerOfHanoi) (Solution, error) {
	moves, found, err := hanoiSearch(ctx, in)
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: tower_of_hanoi: %w", err)
	}
	if !found {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	pegs := hanoiClone(in.Pegs)
	out := MovesSolution{Moves: []string{}, Length: len(moves)}
	for _, m := range moves {
		d := pegs[m[0]][len(pegs[m[0]])-1]
		out.Moves = append(out.Moves, fmt.Sprintf("Move disk %d from %s to %s", d, hanoiPegName(m[0]), hanoiPegName(m[1])))
		pegs[m[0]] = pegs[m[0]][:len(pegs[m[0]])-1]
		pegs[m[1]] = append(pegs[m[1]], d)
	}
	return Solution{Answer: strings.Join(out.Moves, "\n"), Structured: out}, nil
}

func hanoiClone(p [][]int) [][]int {
	out := make([][]int, len(p))
	for i, s := range p {
		out[i] = append([]int{}, s...)
	}
	return out
}

var (
	hanoiMoveRE  = regexp.MustCompile(`(?i)(?:disk\s*(\d+)\s+)?from\s+(?:peg\s+)?([A-D1-4])\b\s*(?:to|onto|->|→)\s*(?:peg\s+)?([A-D1-4])\b`)
	hanoiArrowRE = regexp.MustCompile(`(?i)\b([A-D])\s*(?:->|→|to)\s*([A-D])\b`)
)

type hanoiMove struct{ disk, from, to int } // disk 0 when not named; pegs 0-based

func hanoiPeg(s string) int {
	c := strings.ToUpper(s)[0]
	if c >= '1' && c <= '4' {
		return int(c - '1')
	}
	return int(c - 'A')
}

func hanoiRead(answer string) ([]hanoiMove, error) {
	s := StripAnswer(answer)
	var out []hanoiMove
	if ms := hanoiMoveRE.FindAllStringSubmatch(s, -1); len(ms) > 0 {
		for _, m := range ms {
			d := 0
			if m[1] != "" {
				var err error
				if d, err = strconv.Atoi(m[1]); err != nil || d > 1000 {
					return nil, fmt.Errorf("disk %q is not a disk number", m[1])
				}
			}
			out = append(out, hanoiMove{d, hanoiPeg(m[2]), hanoiPeg(m[3])})
		}
		return out, nil
	}
	for _, m := range hanoiArrowRE.FindAllStringSubmatch(s, -1) {
		out = append(out, hanoiMove{0, hanoiPeg(m[1]), hanoiPeg(m[2])})
	}
	if len(out) == 0 && strings.TrimSpace(s) != "" {
		return nil, errors.New(`no moves of the form "Move disk 1 from A to C"`)
	}
	return out, nil
}

func hanoiVerify(in TowerOfHanoi, answer string) Verdict {
	return planVerify(answer, func(ctx context.Context) (int, bool, error) {
		moves, found, err := hanoiSearch(ctx, in)
		return len(moves), found, err
	}, func() (int, error) {
		moves, err := hanoiRead(answer)
		if err != nil {
			return 0, err
		}
		pegs := hanoiClone(in.Pegs)
		for i, m := range moves {
			if m.from >= len(pegs) || m.to >= len(pegs) {
				return 0, fmt.Errorf("move %d names a peg beyond %s", i+1, hanoiPegName(len(pegs)-1))
			}
			if m.from == m.to {
				return 0, fmt.Errorf("move %d moves from peg %s onto itself", i+1, hanoiPegName(m.from))
			}
			src, dst := pegs[m.from], pegs[m.to]
			if len(src) == 0 {
				return 0, fmt.Errorf("move %d takes a disk from peg %s, which is empty", i+1, hanoiPegName(m.from))
			}
			d := src[len(src)-1]
			if m.disk != 0 && m.disk != d {
				return 0, fmt.Errorf("move %d names disk %d, but the top disk of peg %s is %d", i+1, m.disk, hanoiPegName(m.from), d)
			}
			if len(dst) > 0 && dst[len(dst)-1] < d {
				return 0, fmt.Errorf("move %d puts disk %d on the smaller disk %d", i+1, d, dst[len(dst)-1])
			}
			pegs[m.to] = append(dst, d)
			pegs[m.from] = src[:len(src)-1]
		}
		if !slices.EqualFunc(pegs, in.Goal, func(a, b []int) bool { return slices.Equal(a, b) }) {
			return 0, fmt.Errorf("after the %d moves the pegs are not in the goal configuration", len(moves))
		}
		return len(moves), nil
	})
}

// hanoiDeal puts each disk on a random peg (larger disks below).
func hanoiDeal(rng *rand.Rand, n, k int) [][]int {
	pegs := make([][]int, k)
	for i := range pegs {
		pegs[i] = []int{}
	}
	for d := n; d >= 1; d-- {
		p := rng.IntN(k)
		pegs[p] = append(pegs[p], d)
	}
	return pegs
}

func hanoiGenerate(rng *rand.Rand, level int) (TowerOfHanoi, error) {
	n := 1 + 2*level + rng.IntN(2) // 3–4, 5–6, 7–8 disks
	k := 3
	if level == Hard && rng.IntN(3) == 0 {
		k, n = 4, 6 // 4⁶ states, like 3⁸
	}
	if level == Easy || rng.IntN(4) == 0 {
		// The classic puzzle: every disk from A to C.
		in := TowerOfHanoi{Pegs: make([][]int, k), Goal: make([][]int, k)}
		for i := range k {
			in.Pegs[i], in.Goal[i] = []int{}, []int{}
		}
		for d := n; d >= 1; d-- {
			in.Pegs[0] = append(in.Pegs[0], d)
			in.Goal[2] = append(in.Goal[2], d)
		}
		return in, nil
	}
	for {
		in := TowerOfHanoi{Pegs: hanoiDeal(rng, n, k), Goal: hanoiDeal(rng, n, k)}
		if hanoiEncode(in.Pegs) != hanoiEncode(in.Goal) {
			return in, nil
		}
	}
}

func hanoiPegLines(pegs [][]int) string {
	var b strings.Builder
	for i, p := range pegs {
		content := "(empty)"
		if len(p) > 0 {
			content = strings.Trim(fmt.Sprint(p), "[]")
		}
		fmt.Fprintf(&b, "Peg %s: %s\n", hanoiPegName(i), content)
	}
	return b.String()
}

func hanoiPrompt(in TowerOfHanoi) string {
	n := 0
	for _, p := range in.Pegs {
		n += len(p)
	}
	names := make([]string, len(in.Pegs))
	for i := range names {
		names[i] = hanoiPegName(i)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Tower of Hanoi with %d pegs (%s) and %d disks numbered by size, 1 the smallest. The disks on each peg are listed from bottom to top.\n",
		len(in.Pegs), strings.Join(names, ", "), n)
	b.WriteString("Start:\n" + hanoiPegLines(in.Pegs))
	b.WriteString("Goal:\n" + hanoiPegLines(in.Goal))
	b.WriteString("Move one top disk at a time and never put a disk on a smaller one. Reach the goal with as few moves as possible.\n")
	b.WriteString("Answer with one move per line in the form \"Move disk 1 from A to C\", or \"no solution\" if the goal cannot be reached.")
	return b.String()
}

var (
	hanoiHeadRE = regexp.MustCompile(`Tower of Hanoi with (\d+) pegs`)
	hanoiPegRE  = regexp.MustCompile(`^Peg ([A-D]): (.*)$`)
)

func hanoiParse(prompt string) (TowerOfHanoi, error) {
	m := hanoiHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return TowerOfHanoi{}, errors.New(`no "Tower of Hanoi with N pegs" line`)
	}
	k, err := strconv.Atoi(m[1])
	if err != nil || k < 3 || k > 4 {
		return TowerOfHanoi{}, fmt.Errorf("peg count %q: want 3 or 4", m[1])
	}
	var in TowerOfHanoi
	var cur *[][]int
	for _, line := range strings.Split(prompt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "Start:":
			cur = &in.Pegs
		case line == "Goal:":
			cur = &in.Goal
		case cur != nil:
			pm := hanoiPegRE.FindStringSubmatch(line)
			if pm == nil {
				cur = nil
				continue
			}
			if hanoiPeg(pm[1]) != len(*cur) {
				return TowerOfHanoi{}, fmt.Errorf("peg %s is out of order", pm[1])
			}
			disks := []int{}
			if c := strings.TrimSpace(pm[2]); c != "(empty)" {
				if disks, err = promptIntList(c); err != nil {
					return TowerOfHanoi{}, fmt.Errorf("peg %s: %w", pm[1], err)
				}
			}
			*cur = append(*cur, disks)
		}
	}
	if len(in.Pegs) != k || len(in.Goal) != k {
		return TowerOfHanoi{}, fmt.Errorf("want %d start and %d goal pegs, found %d and %d", k, k, len(in.Pegs), len(in.Goal))
	}
	return in, nil
}
