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

// Game24 is an instance of game24: four numbers to combine into target.
type Game24 struct {
	Numbers []int `json:"numbers" jsonschema:"the four numbers; each is used exactly once"`
	Target  int   `json:"target" jsonschema:"the value to reach (24 in the classic game)"`
}

// ArithSolution is the structured answer of the arithmetic tasks.
type ArithSolution struct {
	Expression string `json:"expression"`
}

func game24Spec() Spec[Game24] {
	return Spec[Game24]{
		Name:        "game24",
		Family:      "planning",
		Description: "Combine four numbers with + - * / and parentheses, each used once, to reach 24 (exact fractions).",
		Generate:    game24Generate,
		Prompt:      game24Prompt,
		Parse:       game24Parse,
		Validate:    game24Validate,
		Solve: func(ctx context.Context, in Game24) (Solution, error) {
			return arithSolution(arithSearchAny(ctx, in.Numbers, in.Target))
		},
		Verify: func(in Game24, answer string) Verdict {
			return arithVerify(in.Numbers, in.Target, false, answer, func() (*arithNode, error) {
				return arithSearchAny(context.Background(), in.Numbers, in.Target)
			})
		},
	}
}

func arithSolution(e *arithNode, err error) (Solution, error) {
	if err != nil {
		return Solution{}, err
	}
	if e == nil {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	return Solution{Answer: e.String(), Structured: ArithSolution{Expression: e.String()}}, nil
}

// arithValidateNumbers checks a numbers list and a target.
func arithValidateNumbers(nums []int, target, minLen, maxLen, maxNum int) error {
	if len(nums) < minLen || len(nums) > maxLen {
		if minLen == maxLen {
			return fmt.Errorf("numbers: want %d numbers, got %d", minLen, len(nums))
		}
		return fmt.Errorf("numbers: want %d to %d numbers, got %d", minLen, maxLen, len(nums))
	}
	for i, x := range nums {
		if x < 1 || x > maxNum {
			return fmt.Errorf("numbers[%d]: %d is outside 1..%d", i, x, maxNum)
		}
	}
	if target < -1_000_000 || target > 1_000_000 {
		return fmt.Errorf("target: %d is outside -1000000..1000000", target)
	}
	return nil
}

func game24Validate(in Game24) error { return arithValidateNumbers(in.Numbers, in.Target, 4, 4, 1000) }

func game24Generate(rng *rand.Rand, level int) (Game24, error) {
	hi := 9
	if level > Easy {
		hi = 13
	}
	for {
		in := Game24{Numbers: make([]int, 4), Target: 24}
		for i := range in.Numbers {
			in.Numbers[i] = 1 + rng.IntN(hi)
		}
		if level == Hard {
			return in, nil // may have no solution
		}
		if e, _ := arithSearchAny(context.Background(), in.Numbers, in.Target); e != nil {
			return in, nil
		}
	}
}

func game24Prompt(in Game24) string {
	return fmt.Sprintf(`Game of 24: combine the numbers %s to make %d.
Use each number exactly once, with + - * / and parentheses; division is exact, so fractions may appear in between.
Answer with one arithmetic expression, e.g. (1 + 2 + 3) * 4, or "no solution" if the target cannot be reached.`,
		intsString(in.Numbers), in.Target)
}

var game24RE = regexp.MustCompile(`(?i)combine the numbers ([-\d, ]+?) to make (-?\d+)`)

func game24Parse(prompt string) (Game24, error) {
	m := game24RE.FindStringSubmatch(prompt)
	if m == nil {
		return Game24{}, errors.New(`no "combine the numbers … to make …" line`)
	}
	nums, err := promptIntList(m[1])
	if err != nil {
		return Game24{}, fmt.Errorf("numbers: %w", err)
	}
	t, err := strconv.Atoi(m[2])
	if err != nil {
		return Game24{}, fmt.Errorf("target: %w", err)
	}
	return Game24{Numbers: nums, Target: t}, nil
}

// promptIntList reads "1, 2, 3" (commas and/or spaces).
func promptIntList(s string) ([]int, error) {
	fields := AnswerFields(s)
	if len(fields) == 0 {
		return nil, errors.New("empty list")
	}
	if len(fields) > 10000 {
		return nil, errors.New("list longer than 10000")
	}
	out := make([]int, len(fields))
	for i, f := range fields {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v > 1<<40 || v < -(1<<40) {
			return nil, fmt.Errorf("%q is not an integer", f)
		}
		out[i] = v
	}
	return out, nil
}
