package agent

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/script"
)

// offRandExpr writes a random integer expression in one of the spellings a
// question may use, and its value computed with math/big (the oracle).
func offRandExpr(rng *rand.Rand, depth int) (string, *big.Int) {
	if depth == 0 || rng.IntN(3) == 0 {
		n := big.NewInt(rng.Int64N(1000))
		if rng.IntN(4) == 0 { // up to 20 digits
			d := make([]byte, 1+rng.IntN(20))
			for i := range d {
				d[i] = byte('0' + rng.IntN(10))
			}
			d[0] = byte('1' + rng.IntN(9))
			n.SetString(string(d), 10)
		}
		return n.String(), n
	}
	l, lv := offRandExpr(rng, depth-1)
	r, rv := offRandExpr(rng, depth-1)
	ops := []struct {
		sym []string
		f   func(a, b *big.Int) *big.Int
	}{
		{[]string{"+", "plus"}, func(a, b *big.Int) *big.Int { return new(big.Int).Add(a, b) }},
		{[]string{"-", "minus", "−"}, func(a, b *big.Int) *big.Int { return new(big.Int).Sub(a, b) }},
		{[]string{"*", "times", "×", "multiplied by"}, func(a, b *big.Int) *big.Int { return new(big.Int).Mul(a, b) }},
	}
	op := ops[rng.IntN(len(ops))]
	return "(" + l + " " + op.sym[rng.IntN(len(op.sym))] + " " + r + ")", op.f(lv, rv)
}

func TestOfflineArithmeticProperty(t *testing.T) {
	o := NewOffline(offRegistry(t))
	runner := script.New(nil, script.Limits{})
	rng := rand.New(rand.NewPCG(7, 11))
	n := 300
	if testing.Short() || offlineRace {
		n = 40
	}
	for i := 0; i < n; i++ {
		e, want := offRandExpr(rng, 1+rng.IntN(4))
		for !strings.Contains(e, " ") { // at least one operator
			e, want = offRandExpr(rng, 1+rng.IntN(4))
		}
		if strings.HasPrefix(e, "(") && rng.IntN(2) == 0 {
			e = e[1 : len(e)-1]
		}
		q := []string{"What is %s?", "compute %s", "Calculate %s.", "%s", "how much is %s"}[rng.IntN(5)]
		q = fmt.Sprintf(q, e)
		d := o.Classify(q)
		if d.Class != ClassArithmetic || d.Route != RouteCode {
			t.Fatalf("%q classified %s/%s", q, d.Class, d.Route)
		}
		out, err := runner.Run(context.Background(), "p", d.Program)
		if err != nil || strings.TrimSpace(out.Output) != want.String() {
			t.Fatalf("%q: printed %q (%v), want %s\n%s", q, out.Output, err, want, d.Program)
		}
	}
}

// TestOfflineStringProperty checks letter counts, reversals and palindromes
// on random words against Go's strings package.
func TestOfflineStringProperty(t *testing.T) {
	o := NewOffline(offRegistry(t))
	runner := script.New(nil, script.Limits{})
	rng := rand.New(rand.NewPCG(3, 5))
	word := func() string {
		b := make([]byte, 3+rng.IntN(10))
		for i := range b {
			b[i] = "abcdeeilnorst"[rng.IntN(13)]
		}
		return string(b)
	}
	run := func(q string) string {
		d := o.Classify(q)
		if d.Class != ClassString || d.Route != RouteCode {
			t.Fatalf("%q classified %s/%s", q, d.Class, d.Route)
		}
		out, err := runner.Run(context.Background(), "p", d.Program)
		if err != nil {
			t.Fatalf("%q: %v\n%s", q, err, d.Program)
		}
		return strings.TrimSpace(out.Output)
	}
	for i := 0; i < 100; i++ {
		w := word()
		l := string(w[rng.IntN(len(w))])
		if got, want := run(fmt.Sprintf("How many %s's are in %s?", l, w)), fmt.Sprint(strings.Count(w, l)); got != want {
			t.Fatalf("count %s in %s: %s, want %s", l, w, got, want)
		}
		rev := []byte(w)
		for a, b := 0, len(rev)-1; a < b; a, b = a+1, b-1 {
			rev[a], rev[b] = rev[b], rev[a]
		}
		if got := run(fmt.Sprintf("reverse the string '%s'", w)); got != string(rev) {
			t.Fatalf("reverse %s: %s", w, got)
		}
		pal := w + string(rev)
		if i%2 == 0 {
			pal = w
		}
		want := "no"
		if pal == offReverse(pal) {
			want = "yes"
		}
		if got := run(fmt.Sprintf("Is %q a palindrome?", pal)); got != want {
			t.Fatalf("palindrome %s: %s, want %s", pal, got, want)
		}
	}
}

func offReverse(s string) string {
	b := []byte(s)
	for a, c := 0, len(b)-1; a < c; a, c = a+1, c-1 {
		b[a], b[c] = b[c], b[a]
	}
	return string(b)
}
