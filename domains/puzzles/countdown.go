package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
)

// Countdown is an instance of countdown: k numbers to combine into target.
type Countdown struct {
	Numbers []int `json:"numbers" jsonschema:"the numbers (2 to 6); each is used exactly once, in any order"`
	Target  int   `json:"target" jsonschema:"the value to reach"`
}

func countdownSpec() Spec[Countdown] {
	return Spec[Countdown]{
		Name:        "countdown",
		Family:      "planning",
		Description: "Combine k numbers with + - * / and parentheses, each used exactly once, to reach a target.",
		Generate:    countdownGenerate,
		Prompt:      countdownPrompt,
		Parse:       countdownParse,
		Validate: func(in Countdown) error {
			return arithValidateNumbers(in.Numbers, in.Target, 2, 6, 1000)
		},
		Solve: func(ctx context.Context, in Countdown) (Solution, error) {
			return arithSolution(arithSearchAny(ctx, in.Numbers, in.Target))
		},
		Verify: func(in Countdown, answer string) Verdict {
			return arithVerify(in.Numbers, in.Target, false, answer, func() (*arithNode, error) {
				return arithSearchAny(context.Background(), in.Numbers, in.Target)
			})
		},
	}
}

var countdownSmall = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
var countdownLarge = []int{25, 50, 75, 100}

func countdownGenerate(rng *rand.Rand, level int) (Countdown, error) {
	k := level + 2 // 3, 4 or 5 numbers
	for {
		nums := make([]int, k)
		for i := range nums {
			if i < level-1 && rng.IntN(2) == 0 {
				nums[i] = countdownLarge[rng.IntN(len(countdownLarge))]
			} else {
				nums[i] = countdownSmall[rng.IntN(len(countdownSmall))]
			}
		}
		rng.Shuffle(k, func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		order := rng.Perm(k)
		ordered := make([]int, k)
		for i, p := range order {
			ordered[i] = nums[p]
		}
		e := arithRandomTree(rng.IntN, ordered)
		v, err := e.eval()
		if err != nil || !v.IsInt() || !v.Num().IsInt64() {
			continue
		}
		t := v.Num().Int64()
		if t < 10 || t > 999 {
			continue
		}
		return Countdown{Numbers: nums, Target: int(t)}, nil
	}
}

func countdownPrompt(in Countdown) string {
	return fmt.Sprintf(`Countdown: using the numbers %s, make %d.
Use every number exactly once, in any order, with + - * / and parentheses; division is exact, so fractions may appear in between.
Answer with one arithmetic expression, e.g. (10 - 4) * 7, or "no solution" if the target cannot be reached.`,
		intsString(in.Numbers), in.Target)
}

var countdownRE = regexp.MustCompile(`(?i)using the numbers ([-\d, ]+?), make (-?\d+)`)

func countdownParse(prompt string) (Countdown, error) {
	m := countdownRE.FindStringSubmatch(prompt)
	if m == nil {
		return Countdown{}, errors.New(`no "using the numbers …, make …" line`)
	}
	nums, err := promptIntList(m[1])
	if err != nil {
		return Countdown{}, fmt.Errorf("numbers: %w", err)
	}
	t, err := strconv.Atoi(m[2])
	if err != nil {
		return Countdown{}, fmt.Errorf("target: %w", err)
	}
	return Countdown{Numbers: nums, Target: t}, nil
}
