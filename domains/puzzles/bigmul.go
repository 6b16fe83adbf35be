package puzzles

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strings"
)

// BigMultiply is a big_multiply instance: integers (as decimal strings,
// since they exceed JSON's exact range) to multiply.
type BigMultiply struct {
	Factors []string `json:"factors" jsonschema:"the integers to multiply, in decimal"`
}

func bigMulSpec() Spec[BigMultiply] {
	return Spec[BigMultiply]{
		Name:        "big_multiply",
		Family:      "execution",
		Description: "Multiply large integers exactly.",
		Generate:    generateBigMul,
		Prompt:      promptBigMul,
		Parse:       parseBigMul,
		Validate:    validateBigMul,
		Solve: func(_ context.Context, in BigMultiply) (Solution, error) {
			p := bigProduct(in)
			return Solution{Answer: p.String(), Structured: p.String()}, nil
		},
		Verify: verifyBigMul,
	}
}

var bigMulIntRE = regexp.MustCompile(`^-?[0-9]+$`)

func validateBigMul(in BigMultiply) error {
	if len(in.Factors) < 2 || len(in.Factors) > 10 {
		return fmt.Errorf("factors: want 2 to 10 numbers, got %d", len(in.Factors))
	}
	for i, f := range in.Factors {
		if !bigMulIntRE.MatchString(f) || len(f) > 200 {
			return fmt.Errorf("factors[%d]: %q is not an integer of at most 200 digits", i, f)
		}
		if d := strings.TrimPrefix(f, "-"); len(d) > 1 && d[0] == '0' || f == "-0" {
			return fmt.Errorf("factors[%d]: %q has a leading zero", i, f)
		}
	}
	return nil
}

func bigProduct(in BigMultiply) *big.Int {
	p := big.NewInt(1)
	for _, f := range in.Factors {
		v, _ := new(big.Int).SetString(f, 10)
		p.Mul(p, v)
	}
	return p
}

func generateBigMul(rng *rand.Rand, level int) (BigMultiply, error) {
	digits := exByLevel(level, []int{4, 3}, []int{8, 6}, []int{15, 12, 6})
	in := BigMultiply{}
	for k, d := range digits {
		b := make([]byte, d)
		b[0] = byte('1' + rng.IntN(9))
		for i := 1; i < d; i++ {
			b[i] = byte('0' + rng.IntN(10))
		}
		s := string(b)
		if level >= Hard && k > 0 && rng.IntN(3) == 0 {
			s = "-" + s
		}
		in.Factors = append(in.Factors, s)
	}
	return in, nil
}

func promptBigMul(in BigMultiply) string {
	return fmt.Sprintf("Compute the exact product %s.\n\nFactors: %s\n\nGive the product as an integer written with digits only (and a leading minus sign if it is negative).\n",
		strings.Join(in.Factors, " × "), strings.Join(in.Factors, ", "))
}

func parseBigMul(prompt string) (BigMultiply, error) {
	var in BigMultiply
	line, err := exLineAfter(prompt, "Factors:")
	if err != nil {
		return in, err
	}
	for f := range strings.SplitSeq(line, ",") {
		in.Factors = append(in.Factors, strings.TrimSpace(f))
		if len(in.Factors) > 10 {
			break
		}
	}
	return in, validateBigMul(in)
}

func verifyBigMul(in BigMultiply, answer string) Verdict {
	got, msg := exAnswerBigInt(answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	if got.Cmp(bigProduct(in)) != 0 {
		return Reject("%s is not the product", exClip(got.String(), 40))
	}
	return Accept()
}
