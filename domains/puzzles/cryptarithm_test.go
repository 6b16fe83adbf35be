package puzzles

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCryptarithmSendMoreMoney(t *testing.T) {
	in := Cryptarithm{Addends: []string{"SEND", "MORE"}, Result: "MONEY"}
	sols, err := cryptSolve(context.Background(), in, 10)
	if err != nil || len(sols) != 1 {
		t.Fatalf("got %d solutions, %v", len(sols), err)
	}
	if got := cryptFormat(in, sols[0]); got != "D=7, E=5, M=1, N=6, O=0, R=8, S=9, Y=2" {
		t.Fatalf("got %s", got)
	}
	for _, a := range []string{"S=9, E=5, N=6, D=7, M=1, O=0, R=8, Y=2", "9567 + 1085 = 10652", "s: 9 e: 5 n: 6 d: 7 m: 1 o: 0 r: 8 y: 2"} {
		if v := verifyCryptarithm(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"S=9, E=5, N=6, D=7, M=1, O=0, R=8", "S=9, E=5, N=6, D=7, M=1, O=0, R=8, Y=3",
		"9567 + 1085 = 10653", "S=9, E=5, N=6, D=7, M=1, O=0, R=8, Y=9", "no solution"} {
		if v := verifyCryptarithm(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

// TestCryptarithmOracle counts solutions of small random puzzles by trying
// every injective assignment of digits to letters.
func TestCryptarithmOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	unsat := 0
	for i := range 150 {
		word := func(n int) string {
			b := make([]byte, n)
			for k := range b {
				b[k] = "ABCDE"[rng.IntN(5)]
			}
			return string(b)
		}
		in := Cryptarithm{Addends: []string{word(exBetween(rng, 1, 2)), word(exBetween(rng, 1, 2))}, Result: word(exBetween(rng, 2, 3))}
		letters := cryptLetters(in)
		count := 0
		var d [26]int
		used := [10]bool{}
		var rec func(k int)
		rec = func(k int) {
			if k == len(letters) {
				val := func(w string) int {
					n := 0
					for _, c := range w {
						n = n*10 + d[c-'A']
					}
					return n
				}
				for _, w := range append(append([]string{}, in.Addends...), in.Result) {
					if len(w) > 1 && d[w[0]-'A'] == 0 {
						return
					}
				}
				if val(in.Addends[0])+val(in.Addends[1]) == val(in.Result) {
					count++
				}
				return
			}
			for v := range 10 {
				if !used[v] {
					used[v], d[letters[k]-'A'] = true, v
					rec(k + 1)
					used[v] = false
				}
			}
		}
		rec(0)
		sols, err := cryptSolve(context.Background(), in, 1000)
		if err != nil || len(sols) != count {
			t.Fatalf("case %d %s: %d solutions, oracle %d (%v)", i, strings.Join(in.Addends, "+")+"="+in.Result, len(sols), count, err)
		}
		for _, s := range sols {
			if v := verifyCryptarithm(in, cryptFormat(in, s)); !v.OK {
				t.Fatalf("case %d: %s", i, v.Reason)
			}
		}
		if count == 0 {
			unsat++
			if v := verifyCryptarithm(in, "no solution"); !v.OK {
				t.Fatalf("case %d: %s", i, v.Reason)
			}
		}
	}
	if unsat == 0 {
		t.Fatal("no unsatisfiable case")
	}
}

func TestCryptarithmUnique(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	unique := 0
	for i := range 60 {
		in, _ := generateCryptarithm(rng, Easy+i%3)
		if sols, _ := cryptSolve(context.Background(), in, 2); len(sols) == 1 {
			unique++
		}
	}
	t.Logf("%d of 60 generated instances have a unique answer", unique)
}

func TestCryptarithmContract(t *testing.T) {
	exCheck(t, cryptarithmSpec(), 60, func(rng *rand.Rand, in Cryptarithm, ans string) []string {
		return exMutateInts(rng, ans, 1)
	})
}
