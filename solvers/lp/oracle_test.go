package lp

import (
	"errors"
	"math"
	"time"

	"gonum.org/v1/gonum/mat"
	glp "gonum.org/v1/gonum/optimize/convex/lp"
)

// gonumOracle solves p's LP relaxation with gonum's simplex (Dantzig's
// method on the standard form min c·s, A s = b, s ≥ 0) as an independent
// second algorithm. gonum's simplex can cycle forever on degenerate
// problems, so the oracle is only used on data drawn from continuous
// distributions and gives up after a timeout (ok = false).
func gonumOracle(p *Problem) (st Status, obj float64, ok bool) {
	type answer struct {
		st  Status
		obj float64
		ok  bool
	}
	ch := make(chan answer, 1)
	go func() {
		st, obj, ok := gonumStd(p)
		ch <- answer{st, obj, ok}
	}()
	select {
	case a := <-ch:
		return a.st, a.obj + p.ObjConst, a.ok
	case <-time.After(5 * time.Second):
		return 0, 0, false
	}
}

func gonumStd(p *Problem) (st Status, obj float64, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	s := p.sign()
	// Columns: per variable an offset and ± standard columns.
	type colMap struct {
		off   float64
		cols  []int
		signs []float64
	}
	n := len(p.vars)
	maps := make([]colMap, n)
	nc := 0
	var boundRows [][2]float64 // column, upper-lower
	for j, v := range p.vars {
		switch {
		case v.lo > v.hi:
			return Infeasible, 0, true
		case v.lo == v.hi:
			maps[j] = colMap{off: v.lo}
		case !math.IsInf(v.lo, -1):
			maps[j] = colMap{off: v.lo, cols: []int{nc}, signs: []float64{1}}
			if !math.IsInf(v.hi, 1) {
				boundRows = append(boundRows, [2]float64{float64(nc), v.hi - v.lo})
			}
			nc++
		case !math.IsInf(v.hi, 1):
			maps[j] = colMap{off: v.hi, cols: []int{nc}, signs: []float64{-1}}
			nc++
		default:
			maps[j] = colMap{cols: []int{nc, nc + 1}, signs: []float64{1, -1}}
			nc += 2
		}
	}
	nslack := len(boundRows)
	for _, r := range p.rows {
		if r.op != EQ {
			nslack++
		}
	}
	ncol := nc + nslack
	var A [][]float64
	var b []float64
	slack := nc
	for _, r := range p.rows {
		row := make([]float64, ncol)
		rhs := r.rhs
		for _, t := range r.terms {
			m := maps[t.Var]
			rhs -= t.Coef * m.off
			for k, c := range m.cols {
				row[c] += t.Coef * m.signs[k]
			}
		}
		switch r.op {
		case LE:
			row[slack] = 1
			slack++
		case GE:
			row[slack] = -1
			slack++
		}
		A, b = append(A, row), append(b, rhs)
	}
	for _, br := range boundRows {
		row := make([]float64, ncol)
		row[int(br[0])] = 1
		row[slack] = 1
		slack++
		A, b = append(A, row), append(b, br[1])
	}
	c := make([]float64, ncol)
	konst := 0.0
	for j, v := range p.vars {
		konst += s * v.obj * maps[j].off
		for k, col := range maps[j].cols {
			c[col] += s * v.obj * maps[j].signs[k]
		}
	}
	// Presolve for gonum: empty rows, empty columns, dependent rows.
	var rows []int
	for i := range A {
		nz := false
		for _, v := range A[i] {
			nz = nz || v != 0
		}
		if nz {
			rows = append(rows, i)
		} else if math.Abs(b[i]) > 1e-9 {
			return Infeasible, 0, true
		}
	}
	var cols []int
	ray := false
	for k := range ncol {
		nz := false
		for _, i := range rows {
			nz = nz || A[i][k] != 0
		}
		if nz {
			cols = append(cols, k)
		} else if c[k] < 0 {
			ray = true
		}
	}
	var basis [][]float64
	var basisRHS []float64
	var piv []int
	var keep []int
	for _, i := range rows {
		r := make([]float64, len(cols))
		for q, k := range cols {
			r[q] = A[i][k]
		}
		rhs := b[i]
		for t, br := range basis {
			f := r[piv[t]] / br[piv[t]]
			for q := range r {
				r[q] -= f * br[q]
			}
			rhs -= f * basisRHS[t]
		}
		best, at := 0.0, -1
		for q, v := range r {
			if math.Abs(v) > best {
				best, at = math.Abs(v), q
			}
		}
		if best < 1e-9 {
			if math.Abs(rhs) > 1e-7 {
				return Infeasible, 0, true
			}
			continue
		}
		basis, basisRHS, piv, keep = append(basis, r), append(basisRHS, rhs), append(piv, at), append(keep, i)
	}
	m, nn := len(keep), len(cols)
	if m == 0 {
		if ray {
			return Unbounded, 0, true
		}
		return Optimal, s * konst, true
	}
	Am := mat.NewDense(m, nn, nil)
	bm := make([]float64, m)
	cm := make([]float64, nn)
	for r, i := range keep {
		for q, k := range cols {
			Am.Set(r, q, A[i][k])
		}
		bm[r] = b[i]
	}
	for q, k := range cols {
		cm[q] = c[k]
	}
	if m == nn {
		x := mat.NewVecDense(m, nil)
		if err := x.SolveVec(Am, mat.NewVecDense(m, bm)); err != nil {
			return 0, 0, false
		}
		f := 0.0
		for q := range nn {
			if x.AtVec(q) < -1e-9 {
				return Infeasible, 0, true
			}
			f += cm[q] * x.AtVec(q)
		}
		if ray {
			return Unbounded, 0, true
		}
		return Optimal, s * (f + konst), true
	}
	f, _, err := glp.Simplex(cm, Am, bm, 1e-10, nil)
	switch {
	case err == nil:
		if ray {
			return Unbounded, 0, true
		}
		return Optimal, s * (f + konst), true
	case errors.Is(err, glp.ErrInfeasible):
		return Infeasible, 0, true
	case errors.Is(err, glp.ErrUnbounded):
		return Unbounded, 0, true
	}
	return 0, 0, false
}
