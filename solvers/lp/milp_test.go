package lp

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// randIP draws a pure integer program with 2..4 variables in small boxes.
func randIP(r *rand.Rand) *Problem {
	n := 2 + r.IntN(3)
	p := NewProblem(Sense(r.IntN(2)))
	for range n {
		lo := float64(r.IntN(4) - 2)
		v := p.AddVar("", lo, lo+float64(r.IntN(5)), Integer)
		p.SetObjCoef(v, float64(r.IntN(11)-5))
	}
	for range 1 + r.IntN(4) {
		var ts []Term
		for j := range n {
			if r.IntN(3) > 0 {
				ts = append(ts, Term{Var(j), float64(r.IntN(13) - 6)})
			}
		}
		p.AddRow("", ts, Op(r.IntN(3)), float64(r.IntN(13)-4))
	}
	return p
}

// bruteForce enumerates every integer point of the box.
func bruteForce(p *Problem) (Status, float64) {
	n := len(p.vars)
	x := make([]float64, n)
	best, found := 0.0, false
	var rec func(j int)
	rec = func(j int) {
		if j == n {
			if v, _ := p.Violation(x, true); v > 1e-9 {
				return
			}
			obj := p.Objective(x)
			if !found || (p.Sense == Minimize && obj < best) || (p.Sense == Maximize && obj > best) {
				best, found = obj, true
			}
			return
		}
		for v := math.Ceil(p.vars[j].lo); v <= p.vars[j].hi; v++ {
			x[j] = v
			rec(j + 1)
		}
	}
	rec(0)
	if !found {
		return Infeasible, 0
	}
	return Optimal, best
}

func TestMILPBruteForce(t *testing.T) {
	counts := map[Status]int{}
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 3))
		p := randIP(r)
		sol := mustSolve(t, p, Options{})
		st, obj := bruteForce(p)
		counts[st]++
		if sol.Status != st {
			t.Fatalf("seed %d: status %v, brute force %v", seed, sol.Status, st)
		}
		if st != Optimal {
			continue
		}
		if !near(sol.Objective, obj) || sol.Gap != 0 || sol.Bound != sol.Objective {
			t.Fatalf("seed %d: objective %v bound %v gap %v, brute force %v", seed, sol.Objective, sol.Bound, sol.Gap, obj)
		}
		if !sol.Certificate.Checked {
			t.Fatalf("seed %d: incumbent not checked: %+v", seed, sol.Certificate)
		}
	}
	if counts[Optimal] < 100 || counts[Infeasible] < 50 {
		t.Errorf("too few cases of a kind: %v", counts)
	}
}

// TestKnapsackBruteForce checks 0/1 knapsacks against enumeration of all
// subsets, including mixed problems with a continuous slack variable.
func TestKnapsackBruteForce(t *testing.T) {
	for seed := range uint64(40) {
		n := 4 + int(seed%9)
		p := Knapsack(seed, n)
		sol := mustSolve(t, p, Options{})
		best := 0.0
		for mask := 0; mask < 1<<n; mask++ {
			x := make([]float64, n)
			for j := range n {
				if mask&(1<<j) != 0 {
					x[j] = 1
				}
			}
			if v, _ := p.Violation(x, true); v == 0 {
				best = math.Max(best, p.Objective(x))
			}
		}
		if sol.Status != Optimal || sol.Objective != best {
			t.Fatalf("seed %d (%d items): %v %v, brute force %v", seed, n, sol.Status, sol.Objective, best)
		}
	}
}

func TestMILPCases(t *testing.T) {
	t.Run("integer unbounded", func(t *testing.T) {
		p := NewProblem(Maximize)
		x := p.AddVar("x", 0, Inf, Integer)
		y := p.AddVar("y", 0, Inf, Integer)
		p.SetObjCoef(x, 1)
		p.SetObjCoef(y, 1)
		p.AddRow("c", []Term{{x, 2}, {y, -2}}, LE, 1)
		sol := mustSolve(t, p, Options{})
		if sol.Status != Unbounded || !sol.Certificate.Checked {
			t.Fatalf("%v %+v", sol.Status, sol.Certificate)
		}
	})
	t.Run("relaxation unbounded, integers infeasible", func(t *testing.T) {
		p := NewProblem(Maximize)
		x := p.AddVar("x", 0, Inf, Integer)
		y := p.AddVar("y", 0, Inf, Continuous)
		p.SetObjCoef(y, 1)
		p.AddRow("odd", []Term{{x, 2}}, EQ, 1)
		sol := mustSolve(t, p, Options{})
		if sol.Status != Infeasible {
			t.Fatalf("%v", sol.Status)
		}
	})
	t.Run("integer infeasible", func(t *testing.T) {
		p := NewProblem(Minimize)
		x := p.AddVar("x", 0, 10, Integer)
		y := p.AddVar("y", 0, 10, Integer)
		p.AddRow("c", []Term{{x, 2}, {y, 2}}, EQ, 5)
		sol := mustSolve(t, p, Options{})
		if sol.Status != Infeasible {
			t.Fatalf("%v", sol.Status)
		}
	})
	t.Run("relaxation infeasible", func(t *testing.T) {
		p := NewProblem(Minimize)
		x := p.AddVar("x", 0, 1, Binary)
		p.AddRow("c", []Term{{x, 1}}, GE, 2)
		sol := mustSolve(t, p, Options{})
		if sol.Status != Infeasible || sol.Certificate == nil || sol.Certificate.Kind != "farkas" || !sol.Certificate.Checked {
			t.Fatalf("%v %+v", sol.Status, sol.Certificate)
		}
	})
	t.Run("fractional bounds", func(t *testing.T) {
		p := NewProblem(Maximize)
		x := p.AddVar("x", 0.2, 3.7, Integer)
		p.SetObjCoef(x, 1)
		sol := mustSolve(t, p, Options{})
		if sol.Status != Optimal || sol.Objective != 3 {
			t.Fatalf("%v %v", sol.Status, sol.Objective)
		}
	})
	t.Run("relax", func(t *testing.T) {
		sol := mustSolve(t, Knapsack(3, 10), Options{Relax: true})
		if sol.Status != Optimal || sol.Nodes != 0 || sol.Certificate.Kind != "duality" {
			t.Fatalf("%+v", sol)
		}
	})
}

// TestMILPLimits: a node limit stops the search with a valid bound.
func TestMILPLimits(t *testing.T) {
	p := Knapsack(7, 30)
	full := mustSolve(t, p, Options{})
	if full.Status != Optimal {
		t.Fatalf("%v", full.Status)
	}
	for _, limit := range []int{1, 5, 50} {
		sol := mustSolve(t, p, Options{NodeLimit: limit})
		if sol.Nodes > limit {
			t.Fatalf("limit %d: %d nodes", limit, sol.Nodes)
		}
		if sol.Status == Optimal && sol.Limit == "" && sol.Objective == full.Objective {
			continue
		}
		if sol.Limit != "node limit" {
			t.Fatalf("limit %d: %+v", limit, sol)
		}
		switch sol.Status {
		case Feasible:
			if sol.Objective > full.Objective || sol.Bound < full.Objective-1e-9 || sol.Gap < 0 {
				t.Fatalf("limit %d: objective %v bound %v, optimum %v", limit, sol.Objective, sol.Bound, full.Objective)
			}
		case Unknown:
		default:
			t.Fatalf("limit %d: status %v", limit, sol.Status)
		}
	}
	sol := mustSolve(t, p, Options{GapTol: 0.05})
	if sol.Status != Optimal || sol.Objective < full.Objective*0.95-1e-9 || sol.Bound < full.Objective-1e-9 || sol.Gap > 0.05 {
		t.Fatalf("gap 5%%: %+v", sol)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, p, Options{}); err == nil {
		t.Fatal("cancelled context: no error")
	}
}

// TestMixedBruteForce: mixed problems (integer and continuous variables)
// against enumeration of the integer points, each completed by an LP over
// the continuous variables whose optimum carries a checked certificate.
func TestMixedBruteForce(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(150) {
		r := rand.New(rand.NewPCG(seed, 6))
		p := randIP(r)
		for k := range 1 + r.IntN(2) {
			v := p.AddVar("y"+string(rune('a'+k)), float64(-r.IntN(3)), float64(r.IntN(4)), Continuous)
			p.SetObjCoef(v, float64(r.IntN(7)-3)+0.5)
			for i := range p.rows {
				if r.IntN(2) == 0 {
					p.rows[i].terms = append(p.rows[i].terms, Term{v, float64(r.IntN(7)-3) + 0.25})
				}
			}
		}
		sol := mustSolve(t, p, Options{})
		// Enumerate the integer variables, solve the rest as an LP.
		var ints []int
		for j, v := range p.vars {
			if v.typ != Continuous {
				ints = append(ints, j)
			}
		}
		best, found := 0.0, false
		var rec func(k int, q *Problem)
		rec = func(k int, q *Problem) {
			if k == len(ints) {
				s, err := Solve(ctx, q, Options{Relax: true})
				if err != nil {
					t.Fatal(err)
				}
				if s.Status == Optimal {
					if !s.Certificate.Checked {
						t.Fatalf("seed %d: leaf LP certificate: %+v", seed, s.Certificate)
					}
					if !found || (p.Sense == Minimize && s.Objective < best) || (p.Sense == Maximize && s.Objective > best) {
						best, found = s.Objective, true
					}
				}
				return
			}
			j := ints[k]
			for v := math.Ceil(p.vars[j].lo); v <= p.vars[j].hi; v++ {
				c := q.Clone()
				c.vars[j].lo, c.vars[j].hi = v, v
				rec(k+1, c)
			}
		}
		rec(0, p)
		switch {
		case !found && sol.Status != Infeasible:
			t.Fatalf("seed %d: %v, enumeration finds no point", seed, sol.Status)
		case found && (sol.Status != Optimal || !near(sol.Objective, best)):
			t.Fatalf("seed %d: %v %v, enumeration %v", seed, sol.Status, sol.Objective, best)
		}
	}
}
