package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// WaterJugs is an instance of water_jugs: jugs that start empty, and an
// amount one of them must hold.
type WaterJugs struct {
	Capacities []int `json:"capacities" jsonschema:"the capacity of each jug in litres; the jugs are named A, B, C, … in this order"`
	Target     int   `json:"target" jsonschema:"the amount (litres) some jug must hold at the end"`
}

func jugsSpec() Spec[WaterJugs] {
	return Spec[WaterJugs]{
		Name:        "water_jugs",
		Family:      "planning",
		Description: "Fill, empty and pour jugs until one holds the target amount, in the fewest actions (BFS).",
		Generate:    jugsGenerate,
		Prompt:      jugsPrompt,
		Parse:       jugsParse,
		Validate:    jugsValidate,
		Solve:       jugsSolve,
		Verify:      jugsVerify,
	}
}

const jugsMax = 5

func jugsName(i int) string { return string(rune('A' + i)) }

func jugsValidate(in WaterJugs) error {
	if len(in.Capacities) < 1 || len(in.Capacities) > jugsMax {
		return fmt.Errorf("capacities: want 1 to %d jugs, got %d", jugsMax, len(in.Capacities))
	}
	states := 1
	for i, c := range in.Capacities {
		if c < 1 || c > 1000 {
			return fmt.Errorf("capacities[%d]: %d is outside 1..1000", i, c)
		}
		states *= c + 1
		if states > 50_000_000 {
			return fmt.Errorf("capacities: the jugs are too large together (more than 50 million states)")
		}
	}
	if in.Target < 1 || in.Target > 1000 {
		return fmt.Errorf("target: %d is outside 1..1000", in.Target)
	}
	return nil
}

type jugsState [jugsMax]int16

// jugsAction is kind (0 fill, 1 empty, 2 pour) with jugs i and j.
type jugsAction struct{ kind, i, j int }

func (a jugsAction) String() string {
	switch a.kind {
	case 0:
		return "fill " + jugsName(a.i)
	case 1:
		return "empty " + jugsName(a.i)
	}
	return "pour " + jugsName(a.i) + " into " + jugsName(a.j)
}

// jugsStep applies an action to the amounts in s.
func jugsStep(caps []int, s jugsState, a jugsAction) jugsState {
	switch a.kind {
	case 0:
		s[a.i] = int16(caps[a.i])
	case 1:
		s[a.i] = 0
	default:
		amount := min(int(s[a.i]), caps[a.j]-int(s[a.j]))
		s[a.i] -= int16(amount)
		s[a.j] += int16(amount)
	}
	return s
}

func jugsHolds(caps []int, s jugsState, target int) bool {
	for i := range caps {
		if int(s[i]) == target {
			return true
		}
	}
	return false
}

func jugsSearch(ctx context.Context, in WaterJugs) ([]jugsAction, bool, error) {
	k := len(in.Capacities)
	var acts []jugsAction
	for i := range k {
		acts = append(acts, jugsAction{0, i, 0}, jugsAction{1, i, 0})
		for j := range k {
			if j != i {
				acts = append(acts, jugsAction{2, i, j})
			}
		}
	}
	moves, found, err := planSearch(ctx, planProblem[jugsState]{
		start:  jugsState{},
		isGoal: func(s jugsState) bool { return jugsHolds(in.Capacities, s, in.Target) },
		expand: func(s jugsState, emit func(int, jugsState)) {
			for m, a := range acts {
				if next := jugsStep(in.Capacities, s, a); next != s {
					emit(m, next)
				}
			}
		},
	})
	if err != nil || !found {
		return nil, found, err
	}
	out := make([]jugsAction, len(moves))
	for i, m := range moves {
		out[i] = acts[m]
	}
	return out, true, nil
}

func jugsSolve(ctx context.Context, in WaterJugs) (Solution, error) {
	acts, found, err := jugsSearch(ctx, in)
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: water_jugs: %w", err)
	}
	if !found {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	out := MovesSolution{Moves: []string{}, Length: len(acts)}
	for _, a := range acts {
		out.Moves = append(out.Moves, a.String())
	}
	return Solution{Answer: strings.Join(out.Moves, "\n"), Structured: out}, nil
}

var jugsActRE = regexp.MustCompile(`(?i)\b(fill|empty|pour)\s+(?:jug\s+)?([A-Z])\b(?:\s*(?:into|in|to|onto|->|→)?\s*(?:jug\s+)?\b([A-Z])\b)?`)

func jugsRead(k int, answer string) ([]jugsAction, error) {
	s := StripAnswer(answer)
	ms := jugsActRE.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 && strings.TrimSpace(s) != "" {
		return nil, errors.New(`no actions of the form "fill A", "empty B" or "pour A into B"`)
	}
	out := make([]jugsAction, 0, len(ms))
	for n, m := range ms {
		i := int(strings.ToUpper(m[2])[0] - 'A')
		if i >= k {
			return nil, fmt.Errorf("action %d names jug %s, but the jugs are A to %s", n+1, strings.ToUpper(m[2]), jugsName(k-1))
		}
		switch strings.ToLower(m[1]) {
		case "fill":
			out = append(out, jugsAction{0, i, 0})
		case "empty":
			out = append(out, jugsAction{1, i, 0})
		default:
			if m[3] == "" {
				return nil, fmt.Errorf("action %d pours %s but says not into which jug", n+1, jugsName(i))
			}
			j := int(strings.ToUpper(m[3])[0] - 'A')
			if j >= k || j == i {
				return nil, fmt.Errorf("action %d pours %s into %s: not another of the jugs A to %s", n+1, jugsName(i), strings.ToUpper(m[3]), jugsName(k-1))
			}
			out = append(out, jugsAction{2, i, j})
		}
	}
	return out, nil
}

func jugsVerify(in WaterJugs, answer string) Verdict {
	return planVerify(answer, func(ctx context.Context) (int, bool, error) {
		acts, found, err := jugsSearch(ctx, in)
		return len(acts), found, err
	}, func() (int, error) {
		acts, err := jugsRead(len(in.Capacities), answer)
		if err != nil {
			return 0, err
		}
		var s jugsState
		for _, a := range acts {
			s = jugsStep(in.Capacities, s, a)
		}
		if !jugsHolds(in.Capacities, s, in.Target) {
			amounts := make([]int, len(in.Capacities))
			for i := range amounts {
				amounts[i] = int(s[i])
			}
			return 0, fmt.Errorf("after the %d actions the jugs hold %s litres, none of them %d", len(acts), intsString(amounts), in.Target)
		}
		return len(acts), nil
	})
}

func jugsGenerate(rng *rand.Rand, level int) (WaterJugs, error) {
	k := 2
	if level > Easy {
		k = 3
	}
	for {
		in := WaterJugs{Capacities: make([]int, k)}
		for i := range in.Capacities {
			in.Capacities[i] = 2 + rng.IntN(4+4*level)
		}
		big := 0
		for _, c := range in.Capacities {
			big = max(big, c)
		}
		in.Target = 1 + rng.IntN(big)
		if level == Hard {
			return in, nil // may be unreachable
		}
		if acts, found, _ := jugsSearch(context.Background(), in); found && len(acts) >= 2 {
			return in, nil
		}
	}
}

func jugsPrompt(in WaterJugs) string {
	parts := make([]string, len(in.Capacities))
	for i, c := range in.Capacities {
		parts[i] = fmt.Sprintf("%s holds %d litres", jugsName(i), c)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "You have %d jugs: %s. All start empty, and there is an unlimited supply of water.\n", len(in.Capacities), strings.Join(parts, ", "))
	b.WriteString("An action fills a jug to the brim, empties a jug, or pours one jug into another until the first is empty or the second is full.\n")
	fmt.Fprintf(&b, "Reach a state where some jug holds exactly %d litres, with as few actions as possible.\n", in.Target)
	b.WriteString("Answer with one action per line: \"fill A\", \"empty B\" or \"pour A into B\", or \"no solution\" if it cannot be done.")
	return b.String()
}

var (
	jugsHeadRE   = regexp.MustCompile(`You have (\d+) jugs: (.+?)\. All start empty`)
	jugsCapRE    = regexp.MustCompile(`([A-Z]) holds (\d+) litres`)
	jugsTargetRE = regexp.MustCompile(`some jug holds exactly (\d+) litres`)
)

func jugsParse(prompt string) (WaterJugs, error) {
	m := jugsHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return WaterJugs{}, errors.New(`no "You have N jugs: …" line`)
	}
	var in WaterJugs
	for i, c := range jugsCapRE.FindAllStringSubmatch(m[2], -1) {
		if c[1] != jugsName(i) {
			return WaterJugs{}, fmt.Errorf("jug %s is out of order", c[1])
		}
		v, err := strconv.Atoi(c[2])
		if err != nil {
			return WaterJugs{}, fmt.Errorf("jug %s: %w", c[1], err)
		}
		in.Capacities = append(in.Capacities, v)
	}
	if n, _ := strconv.Atoi(m[1]); n != len(in.Capacities) {
		return WaterJugs{}, fmt.Errorf("want %s jugs, found %d", m[1], len(in.Capacities))
	}
	t := jugsTargetRE.FindStringSubmatch(prompt)
	if t == nil {
		return WaterJugs{}, errors.New(`no "some jug holds exactly T litres" line`)
	}
	in.Target, _ = strconv.Atoi(t[1])
	return in, nil
}
