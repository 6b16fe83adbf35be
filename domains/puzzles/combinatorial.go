package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
)

// CombinatorialCalculation is an instance of combinatorial_calculation:
// numbers in a fixed order, operators and parentheses to insert.
type CombinatorialCalculation struct {
	Numbers []int `json:"numbers" jsonschema:"the numbers (2 to 7), to be used in this order"`
	Target  int   `json:"target" jsonschema:"the value to reach"`
}

func combinatorialSpec() Spec[CombinatorialCalculation] {
	return Spec[CombinatorialCalculation]{
		Name:        "combinatorial_calculation",
		Family:      "planning",
		Description: "Insert + - * / and parentheses between numbers kept in their order to reach a target.",
		Generate:    combinatorialGenerate,
		Prompt:      combinatorialPrompt,
		Parse:       combinatorialParse,
		Validate: func(in CombinatorialCalculation) error {
			return arithValidateNumbers(in.Numbers, in.Target, 2, 7, 1000)
		},
		Solve: func(ctx context.Context, in CombinatorialCalculation) (Solution, error) {
			return arithSolution(arithSearchOrdered(ctx, in.Numbers, in.Target))
		},
		Verify: func(in CombinatorialCalculation, answer string) Verdict {
			return arithVerify(in.Numbers, in.Target, true, answer, func() (*arithNode, error) {
				return arithSearchOrdered(context.Background(), in.Numbers, in.Target)
			})
		},
	}
}

func combinatorialGenerate(rng *rand.Rand, level int) (CombinatorialCalculation, error) {
	k := level + 3 // 4, 5 or 6 numbers
	for {
		nums := make([]int, k)
		for i := range nums {
			nums[i] = 1 + rng.IntN(9+3*level)
		}
		e := arithRandomTree(rng.IntN, nums)
		v, err := e.eval()
		if err != nil || !v.IsInt() || !v.Num().IsInt64() {
			continue
		}
		t := v.Num().Int64()
		if t < 1 || t > 500 {
			continue
		}
		return CombinatorialCalculation{Numbers: nums, Target: int(t)}, nil
	}
}

func combinatorialPrompt(in CombinatorialCalculation) string {
	return fmt.Sprintf(`Insert the operators + - * / and parentheses between the numbers %s, kept in this order, to make %d.
Every number is used once, in the given order, and numbers may not be joined into longer numbers; division is exact.
Answer with one arithmetic expression, e.g. (1 + 2) * 3 - 4, or "no solution" if the target cannot be reached.`,
		intsString(in.Numbers), in.Target)
}

var combinatorialRE = regexp.MustCompile(`(?i)between the numbers ([-\d, ]+?), kept in this order, to make (-?\d+)`)

func combinatorialParse(prompt string) (CombinatorialCalculation, error) {
	m := combinatorialRE.FindStringSubmatch(prompt)
	if m == nil {
		return CombinatorialCalculation{}, errors.New(`no "between the numbers …, kept in this order, to make …" line`)
	}
	nums, err := promptIntList(m[1])
	if err != nil {
		return CombinatorialCalculation{}, fmt.Errorf("numbers: %w", err)
	}
	t, err := strconv.Atoi(m[2])
	if err != nil {
		return CombinatorialCalculation{}, fmt.Errorf("target: %w", err)
	}
	return CombinatorialCalculation{Numbers: nums, Target: t}, nil
}
