package puzzles

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestBigMultiplyOracle multiplies with schoolbook long multiplication on
// digit arrays and compares with math/big.
func TestBigMultiplyOracle(t *testing.T) {
	mul := func(a, b string) string {
		neg := false
		if a[0] == '-' {
			neg, a = !neg, a[1:]
		}
		if b[0] == '-' {
			neg, b = !neg, b[1:]
		}
		res := make([]int, len(a)+len(b))
		for i := len(a) - 1; i >= 0; i-- {
			for j := len(b) - 1; j >= 0; j-- {
				res[i+j+1] += int(a[i]-'0') * int(b[j]-'0')
			}
		}
		for k := len(res) - 1; k > 0; k-- {
			res[k-1] += res[k] / 10
			res[k] %= 10
		}
		s := ""
		for _, d := range res {
			if s == "" && d == 0 {
				continue
			}
			s += strconv.Itoa(d)
		}
		if s == "" {
			return "0"
		}
		if neg {
			s = "-" + s
		}
		return s
	}
	rng := rand.New(rand.NewPCG(15, 16))
	for i := range 300 {
		in, _ := generateBigMul(rng, Easy+i%3)
		want := in.Factors[0]
		for _, f := range in.Factors[1:] {
			want = mul(want, f)
		}
		if got := bigProduct(in).String(); got != want {
			t.Fatalf("instance %d: %s, oracle %s", i, got, want)
		}
	}
}

func TestBigMultiplyVerify(t *testing.T) {
	in := BigMultiply{Factors: []string{"1234", "-5678"}}
	for _, a := range []string{"-7006652", "-7,006,652", "−7 006 652", "The product is -7006652.", "<<<-7_006_652>>>"} {
		if v := verifyBigMul(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"7006652", "-7006653", "-7.006652e6", "-7006652x"} {
		if v := verifyBigMul(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestBigMultiplyContract(t *testing.T) {
	exCheck(t, bigMulSpec(), 60, func(rng *rand.Rand, in BigMultiply, ans string) []string {
		return append(exMutateInts(rng, ans, 1), ans+"0")
	})
}
