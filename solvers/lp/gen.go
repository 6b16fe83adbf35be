package lp

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Generators of benchmark models. Each is deterministic in its seed and
// uses names that WriteLP accepts.

func rnd(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6c70)) }

// round2 keeps two decimals so that models print compactly.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// Diet is the classic diet LP: choose servings of foods (at most 10 of
// each) that meet every nutrient's minimum at least cost.
func Diet(seed uint64, foods, nutrients int) *Problem {
	r := rnd(seed)
	p := NewProblem(Minimize)
	p.ObjName = "cost"
	x := make([]Var, foods)
	for j := range x {
		x[j] = p.AddVar(fmt.Sprintf("food%d", j+1), 0, 10, Continuous)
		p.SetObjCoef(x[j], round2(0.5+4*r.Float64()))
	}
	for i := range nutrients {
		var ts []Term
		sum := 0.0
		for j := range x {
			if r.Float64() < 0.6 {
				a := round2(10 * r.Float64())
				ts = append(ts, Term{x[j], a})
				sum += a
			}
		}
		p.AddRow(fmt.Sprintf("nutrient%d", i+1), ts, GE, round2(sum*(0.5+r.Float64())))
	}
	return p
}

// Transport is the transportation LP: ship from sources with supplies to
// sinks with demands (total supply exceeds total demand) at least cost.
func Transport(seed uint64, sources, sinks int) *Problem {
	r := rnd(seed)
	p := NewProblem(Minimize)
	p.ObjName = "cost"
	x := make([][]Var, sources)
	for i := range x {
		x[i] = make([]Var, sinks)
		for j := range x[i] {
			x[i][j] = p.AddVar(fmt.Sprintf("ship_%d_%d", i+1, j+1), 0, Inf, Continuous)
			p.SetObjCoef(x[i][j], float64(1+r.IntN(20)))
		}
	}
	demand := make([]float64, sinks)
	total := 0.0
	for j := range demand {
		demand[j] = float64(10 + r.IntN(40))
		total += demand[j]
	}
	for i := range sources {
		ts := make([]Term, sinks)
		for j := range ts {
			ts[j] = Term{x[i][j], 1}
		}
		p.AddRow(fmt.Sprintf("supply%d", i+1), ts, LE, math.Ceil(total*1.2/float64(sources))+float64(r.IntN(10)))
	}
	for j := range sinks {
		ts := make([]Term, sources)
		for i := range ts {
			ts[i] = Term{x[i][j], 1}
		}
		p.AddRow(fmt.Sprintf("demand%d", j+1), ts, GE, demand[j])
	}
	return p
}

// Knapsack is the 0/1 knapsack MILP with correlated weights and values
// (value = weight + 10), which makes branch and bound work.
func Knapsack(seed uint64, items int) *Problem {
	r := rnd(seed)
	p := NewProblem(Maximize)
	p.ObjName = "value"
	ts := make([]Term, items)
	total := 0.0
	for j := range ts {
		w := float64(10 + r.IntN(90))
		v := p.AddVar(fmt.Sprintf("item%d", j+1), 0, 1, Binary)
		p.SetObjCoef(v, w+10)
		ts[j] = Term{v, w}
		total += w
	}
	p.AddRow("capacity", ts, LE, math.Floor(total/2))
	return p
}

// Facility is capacitated facility location: open facilities (binary, with
// a fixed cost) and serve each customer's demand from open ones at least
// total cost.
func Facility(seed uint64, facilities, customers int) *Problem {
	r := rnd(seed)
	p := NewProblem(Minimize)
	p.ObjName = "cost"
	open := make([]Var, facilities)
	fx, fy := make([]float64, facilities), make([]float64, facilities)
	for i := range open {
		open[i] = p.AddVar(fmt.Sprintf("open%d", i+1), 0, 1, Binary)
		p.SetObjCoef(open[i], float64(50+r.IntN(100)))
		fx[i], fy[i] = r.Float64(), r.Float64()
	}
	demand := make([]float64, customers)
	total := 0.0
	serve := make([][]Var, facilities)
	for i := range serve {
		serve[i] = make([]Var, customers)
	}
	for j := range customers {
		demand[j] = float64(5 + r.IntN(20))
		total += demand[j]
		cx, cy := r.Float64(), r.Float64()
		for i := range facilities {
			serve[i][j] = p.AddVar(fmt.Sprintf("serve_%d_%d", i+1, j+1), 0, 1, Continuous)
			p.SetObjCoef(serve[i][j], round2(demand[j]*10*math.Hypot(fx[i]-cx, fy[i]-cy)))
		}
	}
	for j := range customers {
		ts := make([]Term, facilities)
		for i := range ts {
			ts[i] = Term{serve[i][j], 1}
		}
		p.AddRow(fmt.Sprintf("assign%d", j+1), ts, EQ, 1)
	}
	capa := math.Ceil(2.5 * total / float64(facilities))
	for i := range facilities {
		ts := make([]Term, 0, customers+1)
		for j := range customers {
			ts = append(ts, Term{serve[i][j], demand[j]})
		}
		ts = append(ts, Term{open[i], -capa})
		p.AddRow(fmt.Sprintf("cap%d", i+1), ts, LE, 0)
	}
	return p
}

// RandomLP is a dense random LP that is feasible and bounded: maximise
// c·x subject to m rows A x ≤ b (A ≥ 0, about half the entries non-zero)
// and 0 ≤ x ≤ 10, with two-decimal data.
func RandomLP(seed uint64, m, n int) *Problem {
	r := rnd(seed)
	p := NewProblem(Maximize)
	x := make([]Var, n)
	for j := range x {
		x[j] = p.AddVar(fmt.Sprintf("x%d", j+1), 0, 10, Continuous)
		p.SetObjCoef(x[j], round2(1+9*r.Float64()))
	}
	for i := range m {
		var ts []Term
		for j := range x {
			if r.Float64() < 0.5 {
				ts = append(ts, Term{x[j], round2(10 * r.Float64())})
			}
		}
		p.AddRow(fmt.Sprintf("r%d", i+1), ts, LE, round2(float64(n)*(5+20*r.Float64())))
	}
	return p
}
