package lp

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

var ninf = math.Inf(-1)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*(1+math.Abs(a)+math.Abs(b)) }

// build makes a problem from compact data: bounds per variable, objective,
// and rows as coefficient slices.
type rowSpec struct {
	a   []float64
	op  Op
	rhs float64
}

func build(sense Sense, c []float64, bounds [][2]float64, rows []rowSpec) *Problem {
	p := NewProblem(sense)
	for j := range c {
		lo, hi := 0.0, Inf
		if bounds != nil {
			lo, hi = bounds[j][0], bounds[j][1]
		}
		v := p.AddVar("", lo, hi, Continuous)
		p.SetObjCoef(v, c[j])
	}
	for _, r := range rows {
		var ts []Term
		for j, a := range r.a {
			if a != 0 {
				ts = append(ts, Term{Var(j), a})
			}
		}
		p.AddRow("", ts, r.op, r.rhs)
	}
	return p
}

func mustSolve(t *testing.T, p *Problem, opts Options) *Solution {
	t.Helper()
	sol, err := Solve(context.Background(), p, opts)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	return sol
}

func TestSolveCases(t *testing.T) {
	cases := []struct {
		name   string
		p      *Problem
		status Status
		obj    float64
		x      []float64 // when the optimum is unique
	}{
		{"textbook max", build(Maximize, []float64{3, 5}, nil, []rowSpec{
			{[]float64{1, 0}, LE, 4}, {[]float64{0, 2}, LE, 12}, {[]float64{3, 2}, LE, 18}}), Optimal, 36, []float64{2, 6}},
		{"min with ge rows", build(Minimize, []float64{2, 3}, nil, []rowSpec{
			{[]float64{1, 1}, GE, 4}, {[]float64{1, 3}, GE, 6}}), Optimal, 9, []float64{3, 1}},
		{"free variable", build(Minimize, []float64{1, 0}, [][2]float64{{ninf, Inf}, {0, Inf}}, []rowSpec{
			{[]float64{1, -1}, GE, -5}, {[]float64{0, 1}, LE, 2}}), Optimal, -5, []float64{-5, 0}},
		{"negative lower bound", build(Minimize, []float64{1, 1}, [][2]float64{{-3, 5}, {-2, Inf}}, []rowSpec{
			{[]float64{1, 1}, GE, -10}}), Optimal, -5, []float64{-3, -2}},
		{"upper bound only", build(Maximize, []float64{1}, [][2]float64{{ninf, 7}}, nil), Optimal, 7, []float64{7}},
		{"fixed variable", build(Maximize, []float64{1, 1}, [][2]float64{{2, 2}, {0, Inf}}, []rowSpec{
			{[]float64{1, 1}, LE, 5}}), Optimal, 5, []float64{2, 3}},
		{"equality", build(Minimize, []float64{1, 2, 3}, nil, []rowSpec{
			{[]float64{1, 1, 1}, EQ, 6}, {[]float64{0, 1, 1}, GE, 4}}), Optimal, 10, []float64{2, 4, 0}},
		{"redundant equalities", build(Minimize, []float64{1, 1}, nil, []rowSpec{
			{[]float64{1, 2}, EQ, 4}, {[]float64{2, 4}, EQ, 8}, {[]float64{3, 6}, EQ, 12}}), Optimal, 2, []float64{0, 2}},
		{"empty row and column", build(Minimize, []float64{1, 0, 5}, nil, []rowSpec{
			{[]float64{0, 0, 0}, LE, 3}, {[]float64{1, 0, 0}, GE, 1}}), Optimal, 1, []float64{1, 0, 0}},
		{"no rows", build(Minimize, []float64{1, -1}, [][2]float64{{1, 4}, {-2, 3}}, nil), Optimal, -2, []float64{1, 3}},
		{"no variables", build(Minimize, nil, nil, nil), Optimal, 0, []float64{}},
		{"degenerate", build(Maximize, []float64{10, -57, -9, -24}, [][2]float64{{0, Inf}, {0, Inf}, {0, Inf}, {0, Inf}}, []rowSpec{
			{[]float64{0.5, -5.5, -2.5, 9}, LE, 0}, {[]float64{0.5, -1.5, -0.5, 1}, LE, 0}, {[]float64{1, 0, 0, 0}, LE, 1}}), Optimal, 1, []float64{1, 0, 1, 0}},
		{"infeasible rows", build(Minimize, []float64{1, 1}, nil, []rowSpec{
			{[]float64{1, 1}, GE, 5}, {[]float64{1, 1}, LE, 3}}), Infeasible, 0, nil},
		{"infeasible bounds", build(Minimize, []float64{1}, [][2]float64{{3, 1}}, nil), Infeasible, 0, nil},
		{"infeasible empty row", build(Minimize, []float64{1}, nil, []rowSpec{{[]float64{0}, GE, 1}}), Infeasible, 0, nil},
		{"inconsistent equalities", build(Minimize, []float64{1, 1}, [][2]float64{{ninf, Inf}, {ninf, Inf}}, []rowSpec{
			{[]float64{1, 2}, EQ, 4}, {[]float64{2, 4}, EQ, 9}}), Infeasible, 0, nil},
		{"unbounded", build(Maximize, []float64{1, 1}, nil, []rowSpec{{[]float64{1, -1}, LE, 2}}), Unbounded, math.Inf(1), nil},
		{"unbounded free", build(Minimize, []float64{1}, [][2]float64{{ninf, Inf}}, nil), Unbounded, math.Inf(-1), nil},
		{"unbounded empty column", build(Minimize, []float64{1, -1}, nil, []rowSpec{{[]float64{1, 0}, GE, 1}}), Unbounded, math.Inf(-1), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sol := mustSolve(t, tc.p, Options{})
			if sol.Status != tc.status {
				t.Fatalf("status %v, want %v", sol.Status, tc.status)
			}
			if sol.Certificate == nil || !sol.Certificate.Checked {
				t.Fatalf("certificate not checked: %+v", sol.Certificate)
			}
			if tc.status == Infeasible {
				return
			}
			if tc.status == Unbounded {
				if sol.Objective != tc.obj {
					t.Fatalf("objective %v, want %v", sol.Objective, tc.obj)
				}
				return
			}
			if !near(sol.Objective, tc.obj) {
				t.Fatalf("objective %v, want %v", sol.Objective, tc.obj)
			}
			for j, want := range tc.x {
				if !near(sol.X[j], want) {
					t.Fatalf("x = %v, want %v", sol.X, tc.x)
				}
			}
		})
	}
}

// TestDuals checks dual values against the textbook answer and their
// meaning: ∂objective/∂rhs, measured by re-solving with a perturbed rhs.
func TestDuals(t *testing.T) {
	p := build(Maximize, []float64{3, 5}, nil, []rowSpec{
		{[]float64{1, 0}, LE, 4}, {[]float64{0, 2}, LE, 12}, {[]float64{3, 2}, LE, 18}})
	sol := mustSolve(t, p, Options{})
	want := map[string]float64{"c1": 0, "c2": 1.5, "c3": 1}
	for name, w := range want {
		if !near(sol.Duals[name], w) {
			t.Errorf("dual %s = %v, want %v", name, sol.Duals[name], w)
		}
	}
	for i := range p.rows {
		q := p.Clone()
		q.rows[i].rhs += 1e-3
		s2 := mustSolve(t, q, Options{NoCertificate: true})
		got := (s2.Objective - sol.Objective) / 1e-3
		if math.Abs(got-sol.Duals[p.rows[i].name]) > 1e-6 {
			t.Errorf("row %d: finite difference %v, dual %v", i, got, sol.Duals[p.rows[i].name])
		}
	}
}

// randLP draws a small LP with integer data and every kind of bound; many
// are infeasible or unbounded.
func randLP(r *rand.Rand, m, n int) *Problem {
	p := NewProblem(Sense(r.IntN(2)))
	vs := make([]Var, n)
	for j := range n {
		lo, hi := 0.0, Inf
		switch r.IntN(6) {
		case 0:
			lo = ninf
		case 1:
			lo, hi = -float64(r.IntN(5)), float64(r.IntN(5))
		case 2:
			hi = float64(r.IntN(10))
		case 3:
			lo, hi = ninf, float64(r.IntN(5)-2)
		}
		vs[j] = p.AddVar("", lo, hi, Continuous)
		p.SetObjCoef(vs[j], float64(r.IntN(11)-5))
	}
	for range m {
		var ts []Term
		for j := range n {
			if r.IntN(3) == 0 {
				ts = append(ts, Term{vs[j], float64(r.IntN(9) - 4)})
			}
		}
		p.AddRow("", ts, Op(r.IntN(3)), float64(r.IntN(21)-10))
	}
	return p
}

// randFeasibleLP draws an LP that has a known feasible point x0 (rows are
// satisfied at x0, some tightly, some redundant copies), with continuous
// data when cont is true.
func randFeasibleLP(r *rand.Rand, m, n int, cont bool) *Problem {
	num := func(scale float64) float64 {
		if cont {
			return scale * (2*r.Float64() - 1)
		}
		return float64(r.IntN(int(2*scale)+1)) - scale
	}
	p := NewProblem(Sense(r.IntN(2)))
	x0 := make([]float64, n)
	for j := range n {
		lo, hi := 0.0, Inf
		switch r.IntN(6) {
		case 0:
			lo = ninf
		case 1:
			lo, hi = -3, 4
		case 2:
			hi = 6
		case 3:
			lo, hi = ninf, 2
		case 4:
			lo, hi = 1, 1
		}
		v := p.AddVar("", lo, hi, Continuous)
		p.SetObjCoef(v, num(5))
		switch {
		case lo == hi:
			x0[j] = lo
		case !math.IsInf(lo, -1) && !math.IsInf(hi, 1):
			x0[j] = lo + (hi-lo)*r.Float64()
		case !math.IsInf(lo, -1):
			x0[j] = lo + 3*r.Float64()
		case !math.IsInf(hi, 1):
			x0[j] = hi - 3*r.Float64()
		default:
			x0[j] = 6*r.Float64() - 3
		}
		if !cont {
			x0[j] = math.Round(x0[j])
			x0[j] = math.Max(lo, math.Min(hi, x0[j]))
		}
	}
	for i := range m {
		var ts []Term
		ax := 0.0
		for j := range n {
			if r.IntN(2) == 0 {
				a := num(4)
				ts = append(ts, Term{Var(j), a})
				ax += a * x0[j]
			}
		}
		op := Op(r.IntN(3))
		slack := 0.0
		if r.IntN(2) == 0 {
			slack = math.Round(3 * r.Float64())
		}
		rhs := ax
		switch op {
		case LE:
			rhs += slack
		case GE:
			rhs -= slack
		}
		p.AddRow("", ts, op, rhs)
		if i > 0 && r.IntN(5) == 0 { // a redundant copy of an earlier row
			k := r.IntN(i)
			src := p.rows[k]
			f := float64(1 + r.IntN(3))
			cp := make([]Term, len(src.terms))
			for t, tm := range src.terms {
				cp[t] = Term{tm.Var, f * tm.Coef}
			}
			p.AddRow("", cp, src.op, f*src.rhs)
		}
	}
	return p
}

// TestRandomCertificates: every random LP gets a status backed by a
// checked certificate (a duality gap of zero for optimal ones), and the
// feasible-by-construction ones are never called infeasible.
func TestRandomCertificates(t *testing.T) {
	counts := map[Status]int{}
	for seed := range uint64(600) {
		r := rand.New(rand.NewPCG(seed, 1))
		var p *Problem
		feasible := seed%2 == 0
		if feasible {
			p = randFeasibleLP(r, 1+r.IntN(10), 1+r.IntN(10), seed%4 == 0)
		} else {
			p = randLP(r, 1+r.IntN(8), 1+r.IntN(8))
		}
		sol, err := Solve(context.Background(), p, Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		counts[sol.Status]++
		if feasible && sol.Status == Infeasible {
			t.Fatalf("seed %d: a feasible LP called infeasible", seed)
		}
		if sol.Certificate == nil || !sol.Certificate.Checked {
			t.Fatalf("seed %d: %v with unchecked certificate %+v", seed, sol.Status, sol.Certificate)
		}
		if sol.Status == Optimal {
			c := sol.Certificate
			if !near(c.PrimalObjective, c.DualObjective) || !near(sol.Objective, c.DualObjective) {
				t.Fatalf("seed %d: primal %v dual %v", seed, c.PrimalObjective, c.DualObjective)
			}
		}
	}
	for _, st := range []Status{Optimal, Infeasible, Unbounded} {
		if counts[st] < 30 {
			t.Errorf("only %d %v cases in %v", counts[st], st, counts)
		}
	}
}

// TestAgainstGonum compares status and optimum with gonum's simplex (an
// independent implementation) on LPs with continuous data.
func TestAgainstGonum(t *testing.T) {
	compared := 0
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 2))
		p := randFeasibleLP(r, 1+r.IntN(12), 1+r.IntN(12), true)
		sol := mustSolve(t, p, Options{NoCertificate: true})
		st, obj, ok := gonumOracle(p)
		if !ok {
			continue
		}
		compared++
		if st != sol.Status {
			t.Fatalf("seed %d: status %v, gonum %v", seed, sol.Status, st)
		}
		if st == Optimal && !near(obj, sol.Objective) {
			t.Fatalf("seed %d: objective %v, gonum %v", seed, sol.Objective, obj)
		}
	}
	if compared < 150 {
		t.Fatalf("gonum answered only %d of 200", compared)
	}
}

func TestModelErrors(t *testing.T) {
	cases := []struct {
		name string
		f    func(p *Problem)
	}{
		{"duplicate variable", func(p *Problem) { p.AddVar("x", 0, 1, Continuous); p.AddVar("x", 0, 1, Continuous) }},
		{"duplicate row", func(p *Problem) { p.AddRow("r", nil, LE, 1); p.AddRow("r", nil, LE, 1) }},
		{"NaN coefficient", func(p *Problem) { x := p.AddVar("x", 0, 1, Continuous); p.AddRow("r", []Term{{x, math.NaN()}}, LE, 1) }},
		{"infinite rhs", func(p *Problem) { p.AddRow("r", nil, LE, Inf) }},
		{"unknown variable", func(p *Problem) { p.AddRow("r", []Term{{7, 1}}, LE, 1) }},
		{"lower +inf", func(p *Problem) { p.AddVar("x", Inf, Inf, Continuous) }},
		{"NaN objective", func(p *Problem) { x := p.AddVar("x", 0, 1, Continuous); p.SetObjCoef(x, math.NaN()) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := NewProblem(Minimize)
			tc.f(p)
			_, err := Solve(context.Background(), p, Options{})
			if !errors.Is(err, ErrModel) {
				t.Fatalf("got %v, want ErrModel", err)
			}
		})
	}
	if _, err := Solve(context.Background(), NewProblem(Minimize), Options{Backend: "glop"}); err == nil {
		t.Fatal("unknown backend accepted")
	}
	if _, err := Solve(context.Background(), NewProblem(Minimize), Options{NodeLimit: -1}); err == nil {
		t.Fatal("negative node limit accepted")
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, Knapsack(1, 20), Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	ctx, cancel2 := context.WithTimeout(context.Background(), 0)
	defer cancel2()
	sol, err := Solve(ctx, Knapsack(1, 20), Options{})
	if err != nil || sol.Status != Unknown || sol.Limit != "time limit" {
		t.Fatalf("expired deadline: %+v, %v", sol, err)
	}
	sol, err = Solve(ctx, RandomLP(1, 30, 30), Options{})
	if err != nil || sol.Status != Unknown || sol.Limit != "time limit" {
		t.Fatalf("LP, expired deadline: %+v, %v", sol, err)
	}
}
