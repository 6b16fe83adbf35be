package sat

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// bruteSat decides small formulas by trying every assignment; it is the
// independent oracle for the solver.
func bruteSat(nvars int, clauses [][]Lit, assume []Lit) (count int) {
	model := make([]bool, nvars+1)
	for bits := 0; bits < 1<<nvars; bits++ {
		for v := 1; v <= nvars; v++ {
			model[v] = bits&(1<<(v-1)) != 0
		}
		ok, _ := CheckModel(clauses, model)
		for _, a := range assume {
			if model[a.Var()] != (a > 0) {
				ok = false
			}
		}
		if ok {
			count++
		}
	}
	return count
}

func mustSolve(t *testing.T, f *Formula, opts Options) Result {
	t.Helper()
	res, err := f.Solve(context.Background(), opts)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if res.Status == Satisfiable {
		if ok, c := f.Satisfies(res.Model); !ok {
			t.Fatalf("model falsifies clause %d %v", c, f.Clauses()[c])
		}
		for _, a := range opts.Assumptions {
			if !res.Value(a) {
				t.Fatalf("model violates assumption %d", a)
			}
		}
	}
	return res
}

func TestKnownUnsatFamilies(t *testing.T) {
	cases := []struct {
		name string
		f    *Formula
		want Status
	}{
		{"php 3/2", Pigeonhole(3, 2), Unsatisfiable},
		{"php 6/5", Pigeonhole(6, 5), Unsatisfiable},
		{"php 8/7", Pigeonhole(8, 7), Unsatisfiable},
		{"php 7/7", Pigeonhole(7, 7), Satisfiable},
		{"parity 8", Parity(8), Unsatisfiable},
		{"parity 40", Parity(40), Unsatisfiable},
		{"empty clause", func() *Formula { f := New(); f.AddClause(); return f }(), Unsatisfiable},
		{"no clauses", New(), Satisfiable},
		{"x and not x", func() *Formula { f := New(); f.AddClause(1); f.AddClause(-1); return f }(), Unsatisfiable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := mustSolve(t, tc.f, Options{})
			if res.Status != tc.want {
				t.Fatalf("status %v, want %v", res.Status, tc.want)
			}
		})
	}
}

func TestRandomAgainstBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := 1 + rng.IntN(10)
		m := rng.IntN(5 * n)
		f := New()
		f.EnsureVars(n)
		for range m {
			k := 1 + rng.IntN(3)
			c := make([]Lit, k)
			for i := range c {
				c[i] = Lit(1 + rng.IntN(n))
				if rng.IntN(2) == 0 {
					c[i] = -c[i]
				}
			}
			f.AddClause(c...)
		}
		var assume []Lit
		if rng.IntN(2) == 0 {
			assume = append(assume, Lit(1+rng.IntN(n)))
		}
		want := bruteSat(n, f.Clauses(), assume)
		res := mustSolve(t, f, Options{Assumptions: assume})
		if (res.Status == Satisfiable) != (want > 0) {
			t.Fatalf("seed %d: solver says %v, brute force finds %d models", seed, res.Status, want)
		}
		if res.Status == Unsatisfiable && len(assume) > 0 && len(res.Core) > 0 {
			// The core must itself be contradictory with the clauses.
			if bruteSat(n, f.Clauses(), res.Core) != 0 {
				t.Fatalf("seed %d: core %v is not contradictory", seed, res.Core)
			}
		}
		// Model counting by enumeration equals brute force.
		g := New()
		g.EnsureVars(n)
		for _, c := range f.Clauses() {
			g.AddClause(c...)
		}
		cnt, complete, err := g.Enumerate(context.Background(), EnumOptions{Project: seq(n)}, func(r Result) bool {
			if ok, _ := CheckModel(f.Clauses(), r.Model); !ok {
				t.Fatalf("seed %d: enumerated model is not a model", seed)
			}
			return true
		})
		if err != nil || !complete || cnt != bruteSat(n, f.Clauses(), nil) {
			t.Fatalf("seed %d: enumerated %d (complete %v, err %v), brute force %d", seed, cnt, complete, err, bruteSat(n, f.Clauses(), nil))
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

func TestRandom3SATModelsCheck(t *testing.T) {
	sat := 0
	for seed := uint64(1); seed <= 20; seed++ {
		f := Random3SAT(100, 420, seed)
		res := mustSolve(t, f, Options{})
		if res.Status == Satisfiable {
			sat++
		}
	}
	if sat == 0 || sat == 20 {
		t.Fatalf("%d of 20 near-threshold instances satisfiable; expected a mix", sat)
	}
}

func TestCardinalityAgainstBruteForce(t *testing.T) {
	for n := 1; n <= 8; n++ {
		for k := -1; k <= n+1; k++ {
			for _, kind := range []string{"atmost", "atleast", "exactly"} {
				f := New()
				lits := make([]Lit, n)
				for i := range lits {
					lits[i] = f.NewVar()
				}
				switch kind {
				case "atmost":
					f.AtMostK(lits, k)
				case "atleast":
					f.AtLeastK(lits, k)
				default:
					f.ExactlyK(lits, k)
				}
				want := 0
				for bits := 0; bits < 1<<n; bits++ {
					c := popcount(bits)
					if (kind == "atmost" && c <= k) || (kind == "atleast" && c >= k) || (kind == "exactly" && c == k) {
						want++
					}
				}
				got, complete, err := f.Enumerate(context.Background(), EnumOptions{Project: seq(n)}, func(r Result) bool {
					c := 0
					for _, l := range lits {
						if r.Value(l) {
							c++
						}
					}
					if (kind == "atmost" && c > k) || (kind == "atleast" && c < k) || (kind == "exactly" && c != k) {
						t.Fatalf("%s n=%d k=%d: model has %d true", kind, n, k, c)
					}
					return true
				})
				if err != nil || !complete || got != want {
					t.Fatalf("%s n=%d k=%d: %d models, want %d", kind, n, k, got, want)
				}
			}
		}
	}
}

func popcount(x int) int {
	c := 0
	for ; x != 0; x &= x - 1 {
		c++
	}
	return c
}

func TestAssumptionsAndCore(t *testing.T) {
	f := New()
	a, b, c := f.Named("a"), f.Named("b"), f.Named("c")
	f.AddClause(a.Not(), b.Not()) // not both a and b
	res := mustSolve(t, f, Options{Assumptions: []Lit{a, b, c}})
	if res.Status != Unsatisfiable {
		t.Fatalf("status %v, want unsat", res.Status)
	}
	core := slices.Clone(res.Core)
	slices.Sort(core)
	if !slices.Equal(core, []Lit{a, b}) {
		t.Fatalf("core %v, want [a b] = %v", core, []Lit{a, b})
	}
	// Assumptions are forgotten after the call.
	res = mustSolve(t, f, Options{Assumptions: []Lit{a, c}})
	if res.Status != Satisfiable || !res.Value(a) || res.Value(b) {
		t.Fatalf("second solve: %v a=%v b=%v", res.Status, res.Value(a), res.Value(b))
	}
	if f.Name(int(b)) != "b" {
		t.Fatalf("Name(b) = %q", f.Name(int(b)))
	}
	// Assumption on a variable not in any clause.
	res = mustSolve(t, f, Options{Assumptions: []Lit{-9}})
	if res.Status != Satisfiable || res.Value(9) {
		t.Fatalf("fresh variable assumption: %v", res.Status)
	}
}

func TestCancellationAndTimeout(t *testing.T) {
	f := Pigeonhole(13, 12)
	res, err := f.Solve(context.Background(), Options{Timeout: 30 * time.Millisecond})
	if err != nil || res.Status != Unknown {
		t.Fatalf("timeout: %v %v", res.Status, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Pigeonhole(13, 12).Solve(ctx, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	res, err = Pigeonhole(13, 12).Solve(ctx, Options{})
	if !errors.Is(err, context.DeadlineExceeded) || res.Status != Unknown {
		t.Fatalf("deadline: %v %v", res.Status, err)
	}
}

func TestBadLiterals(t *testing.T) {
	f := New()
	f.AddClause(1, 0)
	if _, err := f.Solve(context.Background(), Options{}); !errors.Is(err, ErrBadLiteral) {
		t.Fatalf("zero literal: err %v", err)
	}
	g := New()
	if _, err := g.Solve(context.Background(), Options{Assumptions: []Lit{MaxVars + 1}}); !errors.Is(err, ErrBadLiteral) {
		t.Fatalf("huge assumption: err %v", err)
	}
}

func TestDIMACSRoundTrip(t *testing.T) {
	f := Random3SAT(30, 120, 3)
	f.Named("x")
	var buf bytes.Buffer
	if err := WriteDIMACS(&buf, f); err != nil {
		t.Fatal(err)
	}
	g, err := ReadDIMACS(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if g.NumVars() != f.NumVars() || !slices.EqualFunc(f.Clauses(), g.Clauses(), slices.Equal) {
		t.Fatalf("round trip changed the formula")
	}
}

func TestReadDIMACSErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"p cnf 2 1\n1 -2 0\n", ""},
		{"c hi\np cnf 2 2\n1\n -2 0 2\n0\n%\n0\n", ""},
		{"1 2 0\n", "line 1: clause before"},
		{"p cnf 2 1\n1 x 0\n", `line 2: bad literal "x"`},
		{"p cnf 2 1\n1 3 0\n", "line 2: literal 3 exceeds the 2 variables"},
		{"p cnf 2 1\n1 2 0\n2 0\n", "line 3: more clauses than the 1 declared"},
		{"p cnf 2 2\n1 2 0\n", "found 1 clauses, but line 1 declares 2"},
		{"p cnf 2 1\n1 2\n", "line 2: last clause is not terminated"},
		{"p cnf a 1\n", "line 1: variable count"},
		{"p dnf 2 1\n", "line 1: problem line"},
		{"p cnf 99999999999999999999 1\n", "line 1: variable count"},
		{"p cnf 2 1\np cnf 2 1\n", "line 2: second problem line"},
		{"", "no \"p cnf\" problem line"},
		{"p cnf 2 1\n99999999999999999999999 0\n", "line 2: bad literal"},
	}
	for _, tc := range cases {
		_, err := ReadDIMACS(strings.NewReader(tc.in))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: unexpected error %v", tc.in, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: error %v, want it to contain %q", tc.in, err, tc.want)
		case tc.want != "" && !errors.Is(err, ErrDIMACS):
			t.Errorf("%q: error %v does not wrap ErrDIMACS", tc.in, err)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: multi-line error %q", tc.in, err)
		}
	}
}

func FuzzReadDIMACS(f *testing.F) {
	f.Add("p cnf 3 2\n1 -2 0\n2 3 0\n")
	f.Add("c x\np cnf 1 1\n1 0\n%\n0\n")
	f.Fuzz(func(t *testing.T, in string) {
		form, err := ReadDIMACS(strings.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteDIMACS(&buf, form); err != nil {
			t.Fatal(err)
		}
		again, err := ReadDIMACS(&buf)
		if err != nil {
			t.Fatalf("re-reading written DIMACS: %v", err)
		}
		if !slices.EqualFunc(form.Clauses(), again.Clauses(), slices.Equal) {
			t.Fatal("round trip changed clauses")
		}
		if form.NumVars() <= 12 && form.NumClauses() <= 64 {
			res, err := form.Solve(context.Background(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := bruteSat(form.NumVars(), form.Clauses(), nil) > 0
			if (res.Status == Satisfiable) != want {
				t.Fatalf("solver %v, brute force sat=%v", res.Status, want)
			}
		}
	})
}

func Example() {
	f := New()
	x, y := f.Named("x"), f.Named("y")
	f.AddClause(x, y)
	f.AddClause(x.Not())
	res, _ := f.Solve(context.Background(), Options{})
	fmt.Println(res.Status, res.Value(x), res.Value(y))
	// Output: sat false true
}

func BenchmarkPigeonhole8(b *testing.B) {
	for b.Loop() {
		if res, _ := Pigeonhole(8, 7).Solve(context.Background(), Options{}); res.Status != Unsatisfiable {
			b.Fatal(res.Status)
		}
	}
}

func BenchmarkRandom3SAT200(b *testing.B) {
	fs := make([]*Formula, 8)
	for i := range fs {
		fs[i] = Random3SAT(200, 852, uint64(i+1))
	}
	for b.Loop() {
		for _, f := range fs {
			g := New()
			g.EnsureVars(f.NumVars())
			for _, c := range f.Clauses() {
				g.AddClause(c...)
			}
			if _, err := g.Solve(context.Background(), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestResolveAfterUnsat: solving again (and adding clauses) after the
// clauses alone were proven unsatisfiable must not reach gini, which aborts.
func TestResolveAfterUnsat(t *testing.T) {
	f := Pigeonhole(4, 3)
	for i := 0; i < 3; i++ {
		if r := mustSolve(t, f, Options{}); r.Status != Unsatisfiable {
			t.Fatalf("solve %d: %v", i, r.Status)
		}
		f.AddClause(Lit(1), Lit(2))
	}
	g := New()
	a, b := g.NewVar(), g.NewVar()
	g.AddClause(a)
	g.AddClause(a.Not())
	if r := mustSolve(t, g, Options{Assumptions: []Lit{b}}); r.Status != Unsatisfiable || len(r.Core) != 0 {
		t.Fatalf("unsat with assumptions: %v core %v", r.Status, r.Core)
	}
	if r := mustSolve(t, g, Options{}); r.Status != Unsatisfiable {
		t.Fatalf("again: %v", r.Status)
	}
	if _, _, err := g.Enumerate(context.Background(), EnumOptions{}, func(Result) bool { return true }); err != nil {
		t.Fatal(err)
	}
}
