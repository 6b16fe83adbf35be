package puzzles

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRewriteTable(t *testing.T) {
	tests := []struct {
		name string
		in   StringRewrite
		want string
	}{
		{"first rule wins", StringRewrite{Text: "abab", Rules: []RewriteRule{{"contains", "ba", "c"}, {"prefix", "ab", ""}}}, "acb"},
		// ab→ba then ba→ab would repeat "ab": stop at "ba".
		{"cycle stops", StringRewrite{Text: "ab", Rules: []RewriteRule{{"contains", "ab", "ba"}, {"contains", "ba", "ab"}}}, "ba"},
		{"suffix", StringRewrite{Text: "aaab", Rules: []RewriteRule{{"suffix", "ab", "b"}}}, "b"},
		{"to empty", StringRewrite{Text: "ccc", Rules: []RewriteRule{{"prefix", "c", ""}}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := runRewrite(context.Background(), tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
			sol, _ := rewriteSpec().Solve(context.Background(), tc.in)
			if v := verifyRewrite(tc.in, sol.Answer); !v.OK {
				t.Fatalf("own answer %q rejected: %s", sol.Answer, v.Reason)
			}
		})
	}
}

// TestRewriteOracle replays generated instances with a trace kept as a
// list (repetition found by a linear scan) and rules matched by regular
// string slicing rather than the Cut helpers.
func TestRewriteOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range 300 {
		in, _ := generateRewrite(rng, Easy+i%3)
		trace := []string{in.Text}
		for {
			cur := trace[len(trace)-1]
			next, applied := cur, false
			for _, r := range in.Rules {
				n := len(r.From)
				switch {
				case r.Kind == "prefix" && len(cur) >= n && cur[:n] == r.From:
					next, applied = r.To+cur[n:], true
				case r.Kind == "suffix" && len(cur) >= n && cur[len(cur)-n:] == r.From:
					next, applied = cur[:len(cur)-n]+r.To, true
				case r.Kind == "contains":
					for k := 0; k+n <= len(cur); k++ {
						if cur[k:k+n] == r.From {
							next, applied = cur[:k]+r.To+cur[k+n:], true
							break
						}
					}
				}
				if applied {
					break
				}
			}
			repeat := false
			for _, s := range trace {
				repeat = repeat || s == next
			}
			if !applied || repeat {
				break
			}
			trace = append(trace, next)
		}
		got, _, _ := runRewrite(context.Background(), in)
		if want := trace[len(trace)-1]; got != want {
			t.Fatalf("instance %d: got %q, oracle %q", i, got, want)
		}
	}
}

func TestRewriteContract(t *testing.T) {
	exCheck(t, rewriteSpec(), 60, func(rng *rand.Rand, in StringRewrite, ans string) []string {
		return []string{ans + "a", in.Text, strings.ToUpper(ans) + "x"}
	})
}

func TestRewriteLenient(t *testing.T) {
	in := StringRewrite{Text: "ab", Rules: []RewriteRule{{"contains", "ab", "ba"}}}
	for _, a := range []string{"ba", `"ba"`, "BA", "The final string is ba.", "<<<'ba'>>>"} {
		if v := verifyRewrite(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	empty := StringRewrite{Text: "ab", Rules: []RewriteRule{{"contains", "ab", ""}}}
	for _, a := range []string{`""`, "empty", "(empty)"} {
		if v := verifyRewrite(empty, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
}
