package csp

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// The oracle of these tests is a second, independent reading of each
// constraint: the random generator builds every constraint together with a
// plain Go predicate over an assignment, and brute force enumerates every
// assignment. Nothing of the SAT encoding or of Model.Check is involved.

type pred func(a []int) bool

type genModel struct {
	m      *Model
	xs     []IntVar
	doms   [][]int
	hard   []pred            // constraints without a group
	groups map[string][]pred // constraints by group
	gorder []string
	obj    []Term // nil: no objective
	max    bool
	desc   []string
}

func (g *genModel) String() string { return strings.Join(g.desc, "\n") }

func (g *genModel) add(c Constraint, p pred, group, desc string) {
	if group == "" {
		g.m.Add(c)
		g.hard = append(g.hard, p)
	} else {
		g.m.AddGroup(group, c)
		if _, ok := g.groups[group]; !ok {
			g.gorder = append(g.gorder, group)
		}
		g.groups[group] = append(g.groups[group], p)
	}
	g.desc = append(g.desc, fmt.Sprintf("[%s] %s", group, desc))
}

func randDomain(rng *rand.Rand) []int {
	if rng.IntN(2) == 0 {
		lo := rng.IntN(6) - 3
		n := rng.IntN(4) + 1
		out := make([]int, n)
		for i := range out {
			out[i] = lo + i
		}
		return out
	}
	var out []int
	for len(out) == 0 {
		for v := -4; v <= 5; v++ {
			if rng.IntN(4) == 0 {
				out = append(out, v)
			}
		}
	}
	if len(out) > 4 {
		rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		out = out[:4]
		slices.Sort(out)
	}
	return out
}

func (g *genModel) pickVars(rng *rand.Rand, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = rng.IntN(len(g.xs))
	}
	return out
}

func (g *genModel) varsOf(idx []int) []IntVar {
	out := make([]IntVar, len(idx))
	for i, j := range idx {
		out[i] = g.xs[j]
	}
	return out
}

// randConstraint returns a random constraint, its predicate and a
// description; depth bounds the nesting of Boolean combinations.
func (g *genModel) randConstraint(rng *rand.Rand, depth int) (Constraint, pred, string) {
	k := rng.IntN(9)
	if depth <= 0 {
		k = rng.IntN(4)
	}
	switch k {
	case 0: // all different, sometimes with offsets
		idx := g.pickVars(rng, rng.IntN(3)+2)
		if rng.IntN(3) == 0 {
			offs := make([]int, len(idx))
			for i := range offs {
				offs[i] = rng.IntN(5) - 2
			}
			return AllDifferentOffsets(g.varsOf(idx), offs), func(a []int) bool {
				for i := range idx {
					for j := i + 1; j < len(idx); j++ {
						if a[idx[i]]+offs[i] == a[idx[j]]+offs[j] {
							return false
						}
					}
				}
				return true
			}, fmt.Sprintf("alldiff %v offsets %v", idx, offs)
		}
		return AllDifferent(g.varsOf(idx)...), func(a []int) bool {
			for i := range idx {
				for j := i + 1; j < len(idx); j++ {
					if a[idx[i]] == a[idx[j]] {
						return false
					}
				}
			}
			return true
		}, fmt.Sprintf("alldiff %v", idx)
	case 1, 2: // linear
		idx := g.pickVars(rng, rng.IntN(4))
		coefs := make([]int, len(idx))
		terms := make([]Term, len(idx))
		for i := range idx {
			coefs[i] = rng.IntN(7) - 3
			terms[i] = Term{coefs[i], g.xs[idx[i]]}
		}
		op := Op(rng.IntN(6))
		rhs := rng.IntN(13) - 6
		return Linear(terms, op, rhs), func(a []int) bool {
			s := 0
			for i, j := range idx {
				s += coefs[i] * a[j]
			}
			switch op {
			case LE:
				return s <= rhs
			case LT:
				return s < rhs
			case EQ:
				return s == rhs
			case NE:
				return s != rhs
			case GE:
				return s >= rhs
			}
			return s > rhs
		}, fmt.Sprintf("linear %v·%v %s %d", coefs, idx, op, rhs)
	case 3: // table
		idx := g.pickVars(rng, rng.IntN(2)+1)
		tuples := make([][]int, rng.IntN(6))
		for i := range tuples {
			tuples[i] = make([]int, len(idx))
			for j := range idx {
				d := g.doms[idx[j]]
				if rng.IntN(5) == 0 {
					tuples[i][j] = rng.IntN(10) - 4
				} else {
					tuples[i][j] = d[rng.IntN(len(d))]
				}
			}
		}
		return Table(g.varsOf(idx), tuples), func(a []int) bool {
			for _, t := range tuples {
				ok := true
				for j, x := range idx {
					ok = ok && a[x] == t[j]
				}
				if ok {
					return true
				}
			}
			return false
		}, fmt.Sprintf("table %v %v", idx, tuples)
	case 4: // element over constants or variables
		ix := rng.IntN(len(g.xs))
		val := rng.IntN(len(g.xs))
		n := rng.IntN(4) + 1
		if rng.IntN(2) == 0 {
			arr := make([]int, n)
			for i := range arr {
				arr[i] = rng.IntN(8) - 3
			}
			return ElementConst(g.xs[ix], arr, g.xs[val]), func(a []int) bool {
				i := a[ix]
				return i >= 0 && i < n && arr[i] == a[val]
			}, fmt.Sprintf("element x%d = %v[x%d]", val, arr, ix)
		}
		arr := g.pickVars(rng, n)
		return Element(g.xs[ix], g.varsOf(arr), g.xs[val]), func(a []int) bool {
			i := a[ix]
			return i >= 0 && i < n && a[arr[i]] == a[val]
		}, fmt.Sprintf("element x%d = x%v[x%d]", val, arr, ix)
	case 5:
		c, p, d := g.randConstraint(rng, depth-1)
		return Not(c), func(a []int) bool { return !p(a) }, "not(" + d + ")"
	case 6:
		c1, p1, d1 := g.randConstraint(rng, depth-1)
		c2, p2, d2 := g.randConstraint(rng, depth-1)
		if rng.IntN(2) == 0 {
			return Implies(c1, c2), func(a []int) bool { return !p1(a) || p2(a) }, "(" + d1 + ") implies (" + d2 + ")"
		}
		return Iff(c1, c2), func(a []int) bool { return p1(a) == p2(a) }, "(" + d1 + ") iff (" + d2 + ")"
	}
	n := rng.IntN(4)
	cs := make([]Constraint, n)
	ps := make([]pred, n)
	ds := make([]string, n)
	for i := range cs {
		cs[i], ps[i], ds[i] = g.randConstraint(rng, depth-1)
	}
	if k == 7 {
		return And(cs...), func(a []int) bool {
			for _, p := range ps {
				if !p(a) {
					return false
				}
			}
			return true
		}, "and(" + strings.Join(ds, "; ") + ")"
	}
	return Or(cs...), func(a []int) bool {
		for _, p := range ps {
			if p(a) {
				return true
			}
		}
		return false
	}, "or(" + strings.Join(ds, "; ") + ")"
}

func randomModel(seed uint64) *genModel {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	g := &genModel{m: NewModel(), groups: map[string][]pred{}}
	n := rng.IntN(3) + 2
	for i := range n {
		d := randDomain(rng)
		g.doms = append(g.doms, d)
		g.xs = append(g.xs, g.m.IntVarValues(fmt.Sprintf("x%d", i), d))
		g.desc = append(g.desc, fmt.Sprintf("x%d ∈ %v", i, d))
	}
	for range rng.IntN(4) + 1 {
		c, p, d := g.randConstraint(rng, 2)
		group := ""
		if rng.IntN(3) > 0 {
			group = fmt.Sprintf("g%d", rng.IntN(4))
		}
		g.add(c, p, group, d)
	}
	if rng.IntN(2) == 0 {
		for range rng.IntN(3) + 1 {
			g.obj = append(g.obj, Term{rng.IntN(9) - 4, g.xs[rng.IntN(n)]})
		}
		g.max = rng.IntN(2) == 0
		if g.max {
			g.m.Maximize(g.obj)
		} else {
			g.m.Minimize(g.obj)
		}
		g.desc = append(g.desc, fmt.Sprintf("objective %v max=%v", g.obj, g.max))
	}
	return g
}

// brute enumerates every assignment and calls visit on those that satisfy
// the hard constraints and every group in keep.
func (g *genModel) brute(keep []string, visit func(a []int)) {
	a := make([]int, len(g.xs))
	var rec func(i int)
	rec = func(i int) {
		if i == len(a) {
			for _, p := range g.hard {
				if !p(a) {
					return
				}
			}
			for _, k := range keep {
				for _, p := range g.groups[k] {
					if !p(a) {
						return
					}
				}
			}
			visit(a)
			return
		}
		for _, v := range g.doms[i] {
			a[i] = v
			rec(i + 1)
		}
	}
	rec(0)
}

func (g *genModel) feasible(keep []string) bool {
	found := false
	g.brute(keep, func([]int) { found = true })
	return found
}

func (g *genModel) objective(a []int) int {
	s := 0
	for _, t := range g.obj {
		s += t.Coef * a[t.Var.idx()]
	}
	return s
}

func (g *genModel) assignment(values map[string]int) []int {
	a := make([]int, len(g.xs))
	for i := range a {
		a[i] = values[fmt.Sprintf("x%d", i)]
	}
	return a
}

func without(all, drop []string) []string {
	var out []string
	for _, g := range all {
		if !slices.Contains(drop, g) {
			out = append(out, g)
		}
	}
	return out
}

func TestRandomModelsAgainstBruteForce(t *testing.T) {
	ctx := context.Background()
	seeds := 3000
	if testing.Short() {
		seeds = 500
	}
	counts := map[string]int{}
	for seed := range uint64(seeds) {
		g := randomModel(seed)
		if err := g.m.Err(); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, g)
		}
		all := g.gorder
		// Brute force: feasibility, optimum, and the solutions.
		nsol, best, nbest := 0, 0, 0
		g.brute(all, func(a []int) {
			nsol++
			if g.obj == nil {
				return
			}
			v := g.objective(a)
			better := v < best
			if g.max {
				better = v > best
			}
			switch {
			case nsol == 1 || better:
				best, nbest = v, 1
			case v == best:
				nbest++
			}
		})
		sol, err := g.m.Solve(ctx, Options{AllSolutions: true})
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, g)
		}
		if nsol == 0 {
			counts["infeasible"]++
			if sol.Status != Infeasible {
				t.Fatalf("seed %d: status %s, brute force says infeasible\n%s", seed, sol.Status, g)
			}
			if checkExplanation(t, ctx, seed, g) {
				counts["explained"]++
			}
			continue
		}
		counts["feasible"]++
		if len(all) > 0 {
			if ex, err := g.m.Explain(ctx, Options{}); err != nil || !ex.Feasible || len(ex.Relax)+len(ex.Core) > 0 {
				t.Fatalf("seed %d: Explain on a feasible model: %+v %v", seed, ex, err)
			}
		}
		if sol.Status != Optimal {
			t.Fatalf("seed %d: status %s, brute force found %d solutions\n%s", seed, sol.Status, nsol, g)
		}
		want := nsol
		if g.obj != nil {
			counts["optimised"]++
			want = nbest
			if sol.Objective != best || sol.Bound != best {
				t.Fatalf("seed %d: objective %d bound %d, brute force optimum %d\n%s", seed, sol.Objective, sol.Bound, best, g)
			}
		}
		if !sol.Complete || len(sol.Solutions) != want {
			t.Fatalf("seed %d: %d solutions (complete %v), brute force %d\n%s", seed, len(sol.Solutions), sol.Complete, want, g)
		}
		seen := map[string]bool{}
		for _, s := range sol.Solutions {
			a := g.assignment(s)
			key := fmt.Sprint(a)
			if seen[key] {
				t.Fatalf("seed %d: solution %v listed twice", seed, a)
			}
			seen[key] = true
			ok := false
			g.brute(all, func(b []int) { ok = ok || slices.Equal(a, b) })
			if !ok {
				t.Fatalf("seed %d: solution %v violates the model\n%s", seed, a, g)
			}
			if g.obj != nil && g.objective(a) != best {
				t.Fatalf("seed %d: listed solution %v has objective %d, optimum %d", seed, a, g.objective(a), best)
			}
		}
		// A single solve agrees too.
		one, err := g.m.Solve(ctx, Options{})
		if err != nil || one.Status != Optimal || len(one.Solutions) != 0 {
			t.Fatalf("seed %d: single solve %+v %v", seed, one, err)
		}
		if err := g.m.Check(one.Values); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
	t.Logf("models: %v", counts)
	if counts["explained"] < seeds/20 || counts["optimised"] < seeds/20 || counts["feasible"] < seeds/5 {
		t.Fatalf("generator is lopsided: %v", counts)
	}
}

// checkExplanation verifies Explain on an infeasible model by brute force:
// the relaxation is a minimal correction set and the core a minimal
// unsatisfiable subset. It reports whether there was a relaxation to check.
func checkExplanation(t *testing.T, ctx context.Context, seed uint64, g *genModel) bool {
	t.Helper()
	ex, err := g.m.Explain(ctx, Options{})
	if err != nil {
		t.Fatalf("seed %d: Explain: %v", seed, err)
	}
	if ex.Feasible {
		t.Fatalf("seed %d: Explain says feasible", seed)
	}
	if hard := !g.feasible(nil); hard != ex.HardInfeasible {
		t.Fatalf("seed %d: HardInfeasible %v, brute force %v\n%s", seed, ex.HardInfeasible, hard, g)
	}
	if ex.HardInfeasible {
		if len(ex.Relax)+len(ex.Core) > 0 {
			t.Fatalf("seed %d: hard-infeasible with relax %v core %v", seed, ex.Relax, ex.Core)
		}
		return false
	}
	all := g.gorder
	if len(ex.Relax) == 0 || !g.feasible(without(all, ex.Relax)) {
		t.Fatalf("seed %d: dropping %v does not make the model feasible\n%s", seed, ex.Relax, g)
	}
	for _, r := range ex.Relax {
		if g.feasible(without(all, without(ex.Relax, []string{r}))) {
			t.Fatalf("seed %d: relaxation %v is not minimal: %q can stay\n%s", seed, ex.Relax, r, g)
		}
	}
	if len(ex.Core) == 0 || g.feasible(ex.Core) {
		t.Fatalf("seed %d: core %v is feasible\n%s", seed, ex.Core, g)
	}
	for _, c := range ex.Core {
		if !g.feasible(without(ex.Core, []string{c})) {
			t.Fatalf("seed %d: core %v is not minimal without %q\n%s", seed, ex.Core, c, g)
		}
	}
	return true
}

func loadModel(t testing.TB, name string) *Model {
	t.Helper()
	fh, err := os.Open("../../testdata/csp/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	m, err := ReadModel(fh)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func TestSendMoreMoney(t *testing.T) {
	m := loadModel(t, "send_more_money.json")
	sol, err := m.Solve(context.Background(), Options{AllSolutions: true})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != Optimal || len(sol.Solutions) != 1 || !sol.Complete {
		t.Fatalf("status %s, %d solutions, complete %v", sol.Status, len(sol.Solutions), sol.Complete)
	}
	v := sol.Values
	word := func(letters string) int {
		n := 0
		for _, l := range letters {
			n = 10*n + v[string(l)]
		}
		return n
	}
	// Independent check: the arithmetic itself, and distinct digits.
	if word("SEND") != 9567 || word("MORE") != 1085 || word("MONEY") != 10652 || word("SEND")+word("MORE") != word("MONEY") {
		t.Fatalf("got %d + %d = %d", word("SEND"), word("MORE"), word("MONEY"))
	}
}

// sudokuGrid reads a solution of sudoku9.json as a grid.
func sudokuGrid(v map[string]int) [9][9]int {
	var g [9][9]int
	for r := range 9 {
		for c := range 9 {
			g[r][c] = v[fmt.Sprintf("r%dc%d", r+1, c+1)]
		}
	}
	return g
}

// validSudoku is an independent checker of a filled grid.
func validSudoku(g [9][9]int) error {
	for i := range 9 {
		var row, col, box [10]bool
		for j := range 9 {
			r, c := 3*(i/3)+j/3, 3*(i%3)+j%3
			for _, x := range []struct {
				seen *[10]bool
				v    int
				what string
			}{{&row, g[i][j], "row"}, {&col, g[j][i], "column"}, {&box, g[r][c], "box"}} {
				if x.v < 1 || x.v > 9 || x.seen[x.v] {
					return fmt.Errorf("%s %d repeats or lacks %d", x.what, i+1, x.v)
				}
				x.seen[x.v] = true
			}
		}
	}
	return nil
}

func TestSudoku(t *testing.T) {
	givens := []string{"53..7....", "6..195...", ".98....6.", "8...6...3", "4..8.3..1", "7...2...6", ".6....28.", "...419..5", "....8..79"}
	m := loadModel(t, "sudoku9.json")
	sol, err := m.Solve(context.Background(), Options{MaxSolutions: 2})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != Optimal || len(sol.Solutions) != 1 || !sol.Complete {
		t.Fatalf("status %s, %d solutions, complete %v: want a unique solution", sol.Status, len(sol.Solutions), sol.Complete)
	}
	g := sudokuGrid(sol.Values)
	if err := validSudoku(g); err != nil {
		t.Fatal(err)
	}
	for r, row := range givens {
		for c, ch := range row {
			if ch != '.' && g[r][c] != int(ch-'0') {
				t.Fatalf("cell r%dc%d = %d, given %c", r+1, c+1, g[r][c], ch)
			}
		}
	}
}

func TestQueensCounts(t *testing.T) {
	// The number of n-queens solutions (OEIS A000170).
	want := map[int]int{1: 1, 2: 0, 3: 0, 4: 2, 5: 10, 6: 4, 7: 40, 8: 92}
	for n := 1; n <= 8; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			m, qs := queens(n)
			sol, err := m.Solve(context.Background(), Options{AllSolutions: true})
			if err != nil {
				t.Fatal(err)
			}
			if want[n] == 0 {
				if sol.Status != Infeasible {
					t.Fatalf("status %s, want unsat", sol.Status)
				}
				return
			}
			if !sol.Complete || len(sol.Solutions) != want[n] {
				t.Fatalf("%d solutions (complete %v), want %d", len(sol.Solutions), sol.Complete, want[n])
			}
			for _, s := range sol.Solutions {
				for i := range qs {
					for j := i + 1; j < len(qs); j++ {
						a, b := s[m.Name(qs[i])], s[m.Name(qs[j])]
						if a == b || a-b == j-i || b-a == j-i {
							t.Fatalf("queens %d and %d attack each other in %v", i, j, s)
						}
					}
				}
			}
		})
	}
	m := loadModel(t, "queens8.json")
	sol, err := m.Solve(context.Background(), Options{AllSolutions: true})
	if err != nil || len(sol.Solutions) != 92 {
		t.Fatalf("queens8.json: %v solutions, %v", len(sol.Solutions), err)
	}
}

func queens(n int) (*Model, []IntVar) {
	m := NewModel()
	qs := make([]IntVar, n)
	up, down := make([]int, n), make([]int, n)
	for i := range qs {
		qs[i] = m.IntVar(fmt.Sprintf("q%d", i+1), 1, n)
		up[i], down[i] = i, -i
	}
	m.AllDifferent(qs...)
	m.Add(AllDifferentOffsets(qs, up), AllDifferentOffsets(qs, down))
	return m, qs
}

// genFromFile mirrors a small JSON model into the brute-force harness by
// evaluating the parsed model's own constraints (Model.Violations) per
// group; it is used for the testdata models whose size allows brute force.
func bruteGroups(t *testing.T, m *Model) (feasible func(keep []string) bool) {
	t.Helper()
	xs := m.Vars()
	return func(keep []string) bool {
		vals := map[string]int{}
		var rec func(i int) bool
		rec = func(i int) bool {
			if i == len(xs) {
				vs, err := m.Violations(vals)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					if v.Group == "" || slices.Contains(keep, v.Group) {
						return false
					}
				}
				return true
			}
			for _, v := range m.Domain(xs[i]) {
				vals[m.Name(xs[i])] = v
				if rec(i + 1) {
					return true
				}
			}
			return false
		}
		return rec(0)
	}
}

func TestInfeasibleExample(t *testing.T) {
	m := loadModel(t, "infeasible.json")
	ctx := context.Background()
	sol, err := m.Solve(ctx, Options{})
	if err != nil || sol.Status != Infeasible {
		t.Fatalf("Solve: %v %v", sol, err)
	}
	ex, err := m.Explain(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	feasible := bruteGroups(t, m)
	all := m.Groups()
	if feasible(all) || ex.Feasible || ex.HardInfeasible {
		t.Fatalf("explanation %+v", ex)
	}
	if !feasible(without(all, ex.Relax)) {
		t.Fatalf("dropping %v leaves it infeasible", ex.Relax)
	}
	for _, r := range ex.Relax {
		if feasible(without(all, without(ex.Relax, []string{r}))) {
			t.Fatalf("%v is not minimal: %q can stay", ex.Relax, r)
		}
	}
	if feasible(ex.Core) {
		t.Fatalf("core %v is feasible", ex.Core)
	}
	for _, c := range ex.Core {
		if !feasible(without(ex.Core, []string{c})) {
			t.Fatalf("core %v is not minimal without %q", ex.Core, c)
		}
	}
	t.Logf("relax %q, core %q", ex.Relax, ex.Core)
}

func TestTripOptimum(t *testing.T) {
	m := loadModel(t, "trip_optimize.json")
	sol, err := m.Solve(context.Background(), Options{})
	if err != nil || sol.Status != Optimal {
		t.Fatalf("%v %v", sol, err)
	}
	// Brute force over every assignment, evaluating the objective directly.
	xs := m.Vars()
	vals := map[string]int{}
	best, found := 0, false
	var rec func(i int)
	rec = func(i int) {
		if i == len(xs) {
			if vs, _ := m.Violations(vals); len(vs) == 0 {
				v := 10*vals["stars"] + 3*vals["museum"] + 5*vals["concert"] + 4*vals["hike"] - vals["hours"]
				if !found || v > best {
					best, found = v, true
				}
			}
			return
		}
		for _, v := range m.Domain(xs[i]) {
			vals[m.Name(xs[i])] = v
			rec(i + 1)
		}
	}
	rec(0)
	if !found || sol.Objective != best {
		t.Fatalf("objective %d, brute force %d", sol.Objective, best)
	}
	if got, _ := m.ObjectiveValue(sol.Values); got != best {
		t.Fatalf("ObjectiveValue %d, want %d", got, best)
	}
}

func TestKnapsackAgainstDP(t *testing.T) {
	// Bounded knapsacks with wide objective ranges (so the search bisects),
	// checked against dynamic programming over the capacity.
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 3))
		n := rng.IntN(4) + 3
		capacity := rng.IntN(150) + 20
		m := NewModel()
		w, v, bound := make([]int, n), make([]int, n), make([]int, n)
		var weight, value []Term
		for i := range n {
			w[i], v[i], bound[i] = rng.IntN(15)+3, rng.IntN(40)+1, rng.IntN(12)+1
			x := m.IntVar(fmt.Sprint("x", i), 0, bound[i])
			weight = append(weight, Term{w[i], x})
			value = append(value, Term{v[i], x})
		}
		m.Linear(weight, LE, capacity)
		m.Maximize(value)
		sol, err := m.Solve(context.Background(), Options{})
		if err != nil || sol.Status != Optimal {
			t.Fatalf("seed %d: %+v %v", seed, sol, err)
		}
		// best[c] = the best value within capacity c.
		best := make([]int, capacity+1)
		for i := range n {
			for c := capacity; c >= 0; c-- {
				for k := 1; k <= bound[i] && k*w[i] <= c; k++ {
					best[c] = max(best[c], best[c-k*w[i]]+k*v[i])
				}
			}
		}
		if sol.Objective != best[capacity] || sol.Bound != best[capacity] {
			t.Fatalf("seed %d: objective %d bound %d, DP %d", seed, sol.Objective, sol.Bound, best[capacity])
		}
		if err := m.Check(sol.Values); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGuards(t *testing.T) {
	cases := []struct {
		name  string
		build func(m *Model)
		want  error
		msg   string
	}{
		{"huge domain", func(m *Model) { m.IntVar("x", 0, 1<<30) }, ErrTooLarge, `variable "x"`},
		{"value beyond MaxValue", func(m *Model) { m.IntVar("x", 0, MaxValue+1) }, ErrTooLarge, "values must lie"},
		{"empty domain", func(m *Model) { m.IntVar("x", 3, 2) }, ErrInvalid, "min 3 > max 2"},
		{"duplicate", func(m *Model) { m.IntVar("x", 0, 1); m.IntVar("x", 0, 1) }, ErrInvalid, "declared twice"},
		{"huge coefficient", func(m *Model) {
			x := m.IntVar("x", 0, 1)
			m.Linear([]Term{{MaxValue * 2, x}}, LE, 1)
		}, ErrTooLarge, "coefficient"},
		{"foreign variable", func(m *Model) {
			other := NewModel().IntVar("y", 0, 1)
			m.AllDifferent(other)
		}, ErrInvalid, "not part of this model"},
		{"zero variable", func(m *Model) { m.Add(Cmp(IntVar{}, LE, 1)) }, ErrInvalid, "not part"},
		{"table arity", func(m *Model) {
			x := m.IntVar("x", 0, 1)
			m.Table([]IntVar{x}, [][]int{{1, 2}})
		}, ErrInvalid, "tuple 0 has 2 values"},
		{"element empty", func(m *Model) {
			x := m.IntVar("x", 0, 1)
			m.Add(ElementConst(x, nil, x))
		}, ErrInvalid, "empty array"},
		{"nil constraint", func(m *Model) { m.Add(nil) }, ErrInvalid, "nil"},
		{"too many values", func(m *Model) {
			for i := range 70 {
				m.IntVar(fmt.Sprint(i), 0, MaxDomainSize-1)
			}
		}, ErrTooLarge, "in all"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := NewModel()
			c.build(m)
			_, err := m.Solve(context.Background(), Options{})
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "csp: ") {
				t.Fatalf("got %v, want %v containing %q", err, c.want, c.msg)
			}
		})
	}
}

func TestEncodingWorkGuard(t *testing.T) {
	// Σ of many wide-domain variables with scattered coefficients: the
	// decision diagram would be enormous, so compiling must stop with
	// ErrTooLarge rather than run out of memory.
	m := NewModel()
	var terms []Term
	for i := range 30 {
		terms = append(terms, Term{1000003*i%9973 + 1, m.IntVar(fmt.Sprint(i), 0, 1000)})
	}
	m.Linear(terms, EQ, 12345678)
	m.work = 1 << 15 // the default limit takes a few seconds to reach
	_, err := m.Solve(context.Background(), Options{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "steps to encode") {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
}

func TestBigElementStaysCheap(t *testing.T) {
	// value = array[index] over 20000 constants: the encoding is one clause
	// per index value (the support clauses would be 4·10⁸ and are skipped).
	m := NewModel()
	arr := make([]int, 20000)
	for i := range arr {
		arr[i] = (i * 7919) % 20000
	}
	i := m.IntVar("i", 0, 19999)
	v := m.IntVar("v", 0, 19999)
	m.Add(ElementConst(i, arr, v), Cmp(v, EQ, 7919*3%20000))
	sol, err := m.Solve(context.Background(), Options{})
	if err != nil || sol.Status != Optimal || sol.Values["i"] != 3 || sol.Stats.Clauses > 200000 {
		t.Fatalf("%+v %v", sol, err)
	}
}

func TestTimeout(t *testing.T) {
	// Pigeonhole as a CSP: 11 variables, 10 values, all different. The
	// encoding adds the "each value used" clauses only when the counts
	// match, so this stays hard for CDCL; a tiny budget must give unknown.
	m := NewModel()
	var xs []IntVar
	for i := range 11 {
		xs = append(xs, m.IntVar(fmt.Sprint(i), 1, 10))
	}
	m.AllDifferent(xs...)
	sol, err := m.Solve(context.Background(), Options{Timeout: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != Unknown && sol.Status != Infeasible {
		t.Fatalf("status %s", sol.Status)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Solve(ctx, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestStatusStrings(t *testing.T) {
	for s, want := range map[Status]string{Unknown: "unknown", Feasible: "sat", Optimal: "optimal", Infeasible: "unsat"} {
		if s.String() != want {
			t.Errorf("%d: %q", s, s.String())
		}
	}
	for _, o := range []Op{LE, LT, EQ, NE, GE, GT} {
		if p, ok := ParseOp(o.String()); !ok || p != o {
			t.Errorf("op %s does not round-trip", o)
		}
	}
}

func Example() {
	m := NewModel()
	x := m.IntVar("x", 0, 10)
	y := m.IntVarValues("y", []int{1, 3, 5, 7})
	m.Linear([]Term{T(2, x), T(3, y)}, LE, 20)
	m.Add(Implies(Cmp(x, GE, 5), Cmp(y, NE, 7)))
	m.Maximize(Sum(x, y))
	sol, err := m.Solve(context.Background(), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sol.Status, sol.Objective, sol.Values["x"], sol.Values["y"])
	// Output: optimal 9 8 1
}

func ExampleModel_Explain() {
	m := NewModel()
	a := m.IntVar("a", 1, 3)
	b := m.IntVar("b", 1, 3)
	m.AllDifferent(a, b)
	m.AddGroup("a is 1", Cmp(a, EQ, 1))
	m.AddGroup("b is 1", Cmp(b, EQ, 1))
	m.AddGroup("b below 3", Cmp(b, LT, 3))
	ex, err := m.Explain(context.Background(), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("drop %q; core %q\n", ex.Relax, ex.Core)
	// Output: drop ["b is 1"]; core ["a is 1" "b is 1"]
}

func BenchmarkSudoku(b *testing.B) {
	m := loadModel(b, "sudoku9.json")
	ctx := context.Background()
	for b.Loop() {
		if sol, err := m.Solve(ctx, Options{}); err != nil || sol.Status != Optimal {
			b.Fatal(sol, err)
		}
	}
}

func BenchmarkQueens(b *testing.B) {
	for _, n := range []int{8, 32, 64} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m, _ := queens(n)
			ctx := context.Background()
			for b.Loop() {
				if sol, err := m.Solve(ctx, Options{}); err != nil || sol.Status != Optimal {
					b.Fatal(sol, err)
				}
			}
		})
	}
}

func BenchmarkSendMoreMoney(b *testing.B) {
	m := loadModel(b, "send_more_money.json")
	ctx := context.Background()
	for b.Loop() {
		if sol, err := m.Solve(ctx, Options{}); err != nil || sol.Status != Optimal {
			b.Fatal(sol, err)
		}
	}
}
