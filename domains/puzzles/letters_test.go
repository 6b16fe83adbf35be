package puzzles

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestLetterCountOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range 300 {
		in, _ := generateLetter(rng, Easy+i%3)
		lower := strings.ToLower(in.Text)
		var want []int
		for off := 0; ; {
			k := strings.Index(lower[off:], in.Letter)
			if k < 0 {
				break
			}
			want = append(want, off+k+1)
			off += k + 1
		}
		if got := letterPositions(in); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("instance %d: %v, oracle %v", i, got, want)
		}
	}
}

func TestLetterCountVerify(t *testing.T) {
	in := LetterCount{Text: "Strawberry", Letter: "r"}
	for _, a := range []string{"3: 3, 8, 9", "3 [9, 8, 3]", "count: 3, positions: 3, 8, 9", "<<<3; 3,8,9>>>"} {
		if v := verifyLetter(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"2: 3, 8", "3: 3, 8", "3: 3, 8, 8", "3: 3, 8, 10", "three"} {
		if v := verifyLetter(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
	none := LetterCount{Text: "abc", Letter: "z"}
	if v := verifyLetter(none, "0:"); !v.OK {
		t.Errorf("0: rejected: %s", v.Reason)
	}
	if v := verifyLetter(none, "none"); v.OK {
		t.Errorf("none accepted")
	}
}

func TestLetterCountContract(t *testing.T) {
	exCheck(t, letterSpec(), 60, func(rng *rand.Rand, in LetterCount, ans string) []string {
		return append(exMutateInts(rng, ans, 1), ans+", 1000")
	})
}
