package puzzles

import (
	"context"
	"math/rand/v2"
	"testing"
)

func TestMastermindFeedback(t *testing.T) {
	tests := []struct {
		code, guess string
		e, m        int
	}{
		{"12AB", "12AB", 4, 0},
		{"12AB", "21BA", 0, 4},
		{"12AB", "13AC", 2, 0},
		{"12AB", "31CA", 0, 2},
		{"1123", "1311", 1, 2}, // repeated symbols count by multiplicity
	}
	for _, tc := range tests {
		if e, m := mmFeedback(tc.code, tc.guess); e != tc.e || m != tc.m {
			t.Errorf("%s vs %s: %d,%d want %d,%d", tc.code, tc.guess, e, m, tc.e, tc.m)
		}
	}
}

// TestMastermindOracle counts the fitting codes with a plain loop over
// every string of the format (odometer order) and a feedback written with
// position sets.
func TestMastermindOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(37, 38))
	for i := range 60 {
		in, _ := generateMastermind(rng, Easy+i%2)
		if i%3 == 2 { // sometimes make it contradictory or loose
			in.Guesses = in.Guesses[:len(in.Guesses)/2]
			if len(in.Guesses) > 0 {
				in.Guesses[0].Exact = (in.Guesses[0].Exact + 1) % (len(in.Format) + 1)
				in.Guesses[0].Misplaced = 0
			}
		}
		syms := make([]string, len(in.Format))
		for k := range syms {
			syms[k] = in.Letters
			if in.Format[k] == 'D' {
				syms[k] = "0123456789"
			}
		}
		want := 0
		idx := make([]int, len(syms))
		for {
			code := make([]byte, len(syms))
			distinct := map[byte]bool{}
			for k := range idx {
				code[k] = syms[k][idx[k]]
				distinct[code[k]] = true
			}
			if len(distinct) == len(code) {
				fits := true
				for _, g := range in.Guesses {
					exact, common := 0, 0
					for k := range code {
						if code[k] == g.Guess[k] {
							exact++
						}
					}
					for k := range code { // code symbols are distinct
						for j := range g.Guess {
							if code[k] == g.Guess[j] {
								common++
								break
							}
						}
					}
					if exact != g.Exact || common-exact != g.Misplaced {
						fits = false
					}
				}
				if fits {
					want++
				}
			}
			k := len(idx) - 1
			for k >= 0 {
				if idx[k]++; idx[k] < len(syms[k]) {
					break
				}
				idx[k] = 0
				k--
			}
			if k < 0 {
				break
			}
		}
		got, err := mastermindCodes(context.Background(), in, 1<<30)
		if err != nil || len(got) != want {
			t.Fatalf("case %d: %d codes, oracle %d", i, len(got), want)
		}
		for _, c := range got {
			if v := verifyMastermind(in, c); !v.OK {
				t.Fatalf("case %d: %s rejected: %s", i, c, v.Reason)
			}
		}
		if want == 0 {
			if v := verifyMastermind(in, "no solution"); !v.OK {
				t.Fatalf("case %d: %s", i, v.Reason)
			}
		}
	}
}

func TestMastermindVerify(t *testing.T) {
	in := MastermindLock{Format: "DDLL", Letters: "ABCD", Guesses: []MastermindClue{{"12AB", 2, 0}}}
	codes, _ := mastermindCodes(context.Background(), in, 1000)
	if len(codes) < 2 {
		t.Fatalf("want an ambiguous instance, got %v", codes)
	}
	for _, c := range codes[:2] {
		for _, a := range []string{c, "The code is " + c, "[" + string(c[0]) + ", " + string(c[1]) + ", '" + string(c[2]) + "', '" + string(c[3]) + "']"} {
			if v := verifyMastermind(in, a); !v.OK {
				t.Errorf("%q rejected: %s", a, v.Reason)
			}
		}
	}
	for _, a := range []string{"12AB", "1AB2", "12AE", "11AB", "12A", "no solution"} {
		if v := verifyMastermind(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

func TestMastermindUnique(t *testing.T) {
	rng := rand.New(rand.NewPCG(39, 40))
	unique := 0
	for i := range 60 {
		in, _ := generateMastermind(rng, Easy+i%3)
		if c, _ := mastermindCodes(context.Background(), in, 2); len(c) == 1 {
			unique++
		}
	}
	t.Logf("%d of 60 generated instances have a unique code", unique)
}

func TestMastermindContract(t *testing.T) {
	exCheck(t, mastermindSpec(), 60, func(rng *rand.Rand, in MastermindLock, ans string) []string {
		b := []byte(ans)
		b[0], b[1] = b[1], b[0] // two digits swapped: different code
		return []string{string(b), in.Guesses[0].Guess}
	})
}
