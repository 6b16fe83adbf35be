package lp

import (
	"context"
	"fmt"
	"math"
)

// certTol is the relative tolerance of certificate checks.
const certTol = 1e-6

// dualOf builds the Lagrangian dual of g (a minimisation) as another genLP.
// Its variables are one multiplier y_i per row (≤ 0 for ≤ rows, ≥ 0 for ≥
// rows, free for = rows), then p_j ≥ 0 for every finite lower bound and
// q_j ≥ 0 for every finite upper bound. Its rows say Aᵀy + p − q = c, and it
// minimises −(b·y + lo·p − hi·q). With farkas the right-hand side is 0 and
// one more row caps b·y + lo·p − hi·q at 1: a positive optimum is then a
// Farkas proof that g is infeasible.
func dualOf(g *genLP, farkas bool) *genLP {
	n := g.n()
	d := &genLP{}
	addVar := func(obj, lo, hi float64) int {
		d.c = append(d.c, obj)
		d.lo = append(d.lo, lo)
		d.hi = append(d.hi, hi)
		return len(d.c) - 1
	}
	cols := make([][]int, n) // per primal variable: dual variables in its row
	vals := make([][]float64, n)
	var capIdx []int
	var capVal []float64
	for i, r := range g.rows {
		lo, hi := math.Inf(-1), math.Inf(1)
		switch r.op {
		case LE:
			hi = 0
		case GE:
			lo = 0
		}
		k := addVar(-r.rhs, lo, hi)
		if r.rhs != 0 {
			capIdx, capVal = append(capIdx, k), append(capVal, r.rhs)
		}
		for t, j := range r.idx {
			cols[j] = append(cols[j], i)
			vals[j] = append(vals[j], r.val[t])
		}
	}
	for j := range n {
		if !math.IsInf(g.lo[j], -1) {
			k := addVar(-g.lo[j], 0, math.Inf(1))
			cols[j], vals[j] = append(cols[j], k), append(vals[j], 1)
			if g.lo[j] != 0 {
				capIdx, capVal = append(capIdx, k), append(capVal, g.lo[j])
			}
		}
		if !math.IsInf(g.hi[j], 1) {
			k := addVar(g.hi[j], 0, math.Inf(1))
			cols[j], vals[j] = append(cols[j], k), append(vals[j], -1)
			if g.hi[j] != 0 {
				capIdx, capVal = append(capIdx, k), append(capVal, -g.hi[j])
			}
		}
	}
	for j := range n {
		rhs := g.c[j]
		if farkas {
			rhs = 0
		}
		d.rows = append(d.rows, genRow{idx: cols[j], val: vals[j], op: EQ, rhs: rhs})
	}
	if farkas {
		d.rows = append(d.rows, genRow{idx: capIdx, val: capVal, op: LE, rhs: 1})
	}
	return d
}

// dualValue evaluates multipliers y for g with objective c: it returns the
// dual objective b·y + Σ_j (lo_j·d_j if d_j > 0, hi_j·d_j if d_j < 0) with
// reduced costs d = c − Aᵀy, and the largest violation of the dual
// constraints (a sign of y, or a reduced cost against an infinite bound).
func dualValue(g *genLP, c, y []float64) (val, viol float64, d []float64) {
	d = append([]float64(nil), c...)
	for i, r := range g.rows {
		val += r.rhs * y[i]
		switch r.op {
		case LE:
			viol = math.Max(viol, y[i])
		case GE:
			viol = math.Max(viol, -y[i])
		}
		for t, j := range r.idx {
			d[j] -= r.val[t] * y[i]
		}
	}
	for j, dj := range d {
		switch {
		case dj > 0 && !math.IsInf(g.lo[j], -1):
			val += g.lo[j] * dj
		case dj < 0 && !math.IsInf(g.hi[j], 1):
			val += g.hi[j] * dj
		default:
			viol = math.Max(viol, math.Abs(dj))
		}
	}
	return val, viol, d
}

func maxAbs(xs ...[]float64) float64 {
	m := 0.0
	for _, x := range xs {
		for _, v := range x {
			if !math.IsInf(v, 0) {
				m = math.Max(m, math.Abs(v))
			}
		}
	}
	return m
}

func (g *genLP) rhs() []float64 {
	b := make([]float64, len(g.rows))
	for i, r := range g.rows {
		b[i] = r.rhs
	}
	return b
}

// dualCertificate checks the engine's multipliers y for an optimal LP:
// primal feasibility, dual feasibility and a zero duality gap. When they do
// not pass, it solves the dual LP as a second opinion. It fills in Duals
// and ReducedCosts in the problem's own sense.
func dualCertificate(ctx context.Context, p *Problem, g *genLP, sol *Solution, y []float64) {
	s := p.sign()
	cert := &Certificate{Kind: "duality", PrimalObjective: sol.Objective}
	sol.Certificate = cert
	pviol, _ := p.Violation(sol.X, false)
	cert.PrimalResidual = pviol
	pmin := 0.0
	for j, cj := range g.c {
		pmin += cj * sol.X[j]
	}
	pscale := 1 + maxAbs(g.rhs(), sol.X)
	check := func(y []float64) (dval, dviol, gap float64, d []float64, ok bool) {
		dval, dviol, d = dualValue(g, g.c, y)
		gap = math.Abs(pmin - dval)
		ok = pviol <= certTol*pscale && dviol <= certTol*(1+maxAbs(g.c, y)) && gap <= certTol*(1+math.Abs(pmin))
		return
	}
	dval, dviol, gap, d, ok := check(y)
	if !ok {
		// Second opinion: the dual LP.
		if dres, err := solveGen(ctx, dualOf(g, false), nil); err == nil && dres.status == Optimal {
			y2 := dres.x[:len(g.rows)]
			if dval2, dviol2, gap2, d2, ok2 := check(y2); ok2 || gap2 < gap {
				y, dval, dviol, gap, d, ok = y2, dval2, dviol2, gap2, d2, ok2
			}
		}
	}
	cert.Checked = ok
	cert.DualResidual = dviol
	cert.DualObjective = s*dval + p.ObjConst
	if !ok {
		cert.Note = fmt.Sprintf("check failed: primal residual %.3g, dual residual %.3g, gap %.3g", pviol, dviol, gap)
	} else {
		cert.Note = "primal and dual feasible with equal objectives"
	}
	tiny := 1e-11 * (1 + maxAbs(g.c))
	snap := func(v float64) float64 {
		if math.Abs(v) <= tiny {
			return 0
		}
		return v
	}
	sol.Duals = make(map[string]float64, len(y))
	for i, r := range p.rows {
		sol.Duals[r.name] = snap(s * y[i])
	}
	sol.ReducedCosts = make(map[string]float64, len(d))
	for j, v := range p.vars {
		sol.ReducedCosts[v.name] = snap(s * d[j])
	}
}

// clean turns −0 into 0 for printing.
func clean(v float64) float64 {
	if v == 0 {
		return 0
	}
	return v
}

// checkFarkas normalises y and checks it as a Farkas proof for g.
func checkFarkas(g *genLP, y []float64) (yn []float64, val, viol float64, ok bool) {
	yn = append([]float64(nil), y...)
	sc := maxAbs(yn)
	if sc == 0 {
		return yn, 0, 0, false
	}
	for i := range yn {
		yn[i] /= sc
	}
	val, viol, _ = dualValue(g, make([]float64, g.n()), yn)
	ascale := 1.0
	for _, r := range g.rows {
		ascale = math.Max(ascale, maxAbs(r.val))
	}
	ok = val > zeroTol*(1+maxAbs(g.rhs(), g.lo, g.hi)) && viol <= zeroTol*ascale
	return yn, val, viol, ok
}

// farkasCertificate proves infeasibility: crossing bounds, or row
// multipliers y (the phase-1 multipliers of the engine, else found by the
// Farkas LP) checked by dualValue with c = 0.
func farkasCertificate(ctx context.Context, p *Problem, g *genLP, res genResult) *Certificate {
	for j, v := range p.vars {
		if g.lo[j] > g.hi[j] {
			return &Certificate{Kind: "bounds", Checked: true,
				Note: fmt.Sprintf("variable %s has lower bound %g above its upper bound %g", v.name, g.lo[j], g.hi[j])}
		}
	}
	var (
		y         []float64
		val, viol float64
		ok        bool
	)
	if res.y != nil {
		for _, sg := range []float64{1, -1} {
			cand := make([]float64, len(res.y))
			for i, v := range res.y {
				cand[i] = sg * v
			}
			if y, val, viol, ok = checkFarkas(g, cand); ok {
				break
			}
		}
	}
	if !ok {
		fres, err := solveGen(ctx, dualOf(g, true), nil)
		switch {
		case err != nil:
			return &Certificate{Kind: "phase1", Note: res.how + "; no Farkas certificate: " + err.Error()}
		case fres.status != Optimal || fres.obj > -0.5:
			return &Certificate{Kind: "phase1", Note: res.how + "; the Farkas LP found no certificate"}
		}
		y, val, viol, ok = checkFarkas(g, fres.x[:len(g.rows)])
	}
	cert := &Certificate{Kind: "farkas", DualObjective: val, DualResidual: viol, Farkas: map[string]float64{}, Checked: ok}
	for i, r := range p.rows {
		if y[i] != 0 {
			cert.Farkas[r.name] = y[i]
		}
	}
	cert.Note = fmt.Sprintf("the rows weighted by these multipliers, with the bounds, give 0 ≥ %.6g", val)
	if !ok {
		cert.Note = fmt.Sprintf("check failed: value %.3g, residual %.3g", val, viol)
	}
	return cert
}

// checkRay checks a feasible point x and an improving direction d for g.
func checkRay(p *Problem, g *genLP, x, d []float64) (cert *Certificate) {
	n := g.n()
	d = append([]float64(nil), d...)
	if sc := maxAbs(d); sc > 0 {
		for j := range d {
			d[j] /= sc
		}
	}
	viol := 0.0
	ascale := 1.0
	for _, row := range g.rows {
		s := 0.0
		for t, j := range row.idx {
			s += row.val[t] * d[j]
		}
		ascale = math.Max(ascale, maxAbs(row.val))
		switch row.op {
		case LE:
			viol = math.Max(viol, s)
		case GE:
			viol = math.Max(viol, -s)
		default:
			viol = math.Max(viol, math.Abs(s))
		}
	}
	cd := 0.0
	for j := range n {
		cd += g.c[j] * d[j]
		if !math.IsInf(g.lo[j], -1) {
			viol = math.Max(viol, -d[j])
		}
		if !math.IsInf(g.hi[j], 1) {
			viol = math.Max(viol, d[j])
		}
	}
	pviol, _ := p.Violation(x, false)
	cert = &Certificate{Kind: "ray", PrimalResidual: pviol, DualResidual: viol, Ray: map[string]float64{}}
	for j, v := range p.vars {
		if d[j] != 0 {
			cert.Ray[v.name] = d[j]
		}
	}
	cert.Checked = cd < -zeroTol*(1+maxAbs(g.c)) && viol <= zeroTol*ascale && pviol <= certTol*(1+maxAbs(g.rhs(), x))
	cert.Note = fmt.Sprintf("a feasible point plus t·ray stays feasible for all t ≥ 0 and changes the objective by %.6g per unit of t", p.sign()*cd)
	if !cert.Checked {
		cert.Note = fmt.Sprintf("check failed: c·ray = %.3g, ray residual %.3g, point residual %.3g", cd, viol, pviol)
	}
	return cert
}

// rayCertificate proves unboundedness with the engine's point and ray, or
// with a ray LP (min c·d over the recession cone, c·d ≥ −1) when those fail
// their check.
func rayCertificate(ctx context.Context, p *Problem, g *genLP, res genResult) *Certificate {
	if res.x != nil && res.ray != nil {
		if cert := checkRay(p, g, res.x, res.ray); cert.Checked {
			return cert
		}
	}
	n := g.n()
	fail := func(why string) *Certificate {
		return &Certificate{Kind: "phase1", Note: res.how + "; no ray certificate: " + why}
	}
	x := res.x
	if x == nil {
		fres, err := solveGen(ctx, &genLP{c: make([]float64, n), rows: g.rows, lo: g.lo, hi: g.hi}, nil)
		if err != nil || fres.status != Optimal {
			return fail("no feasible point")
		}
		x = fres.x
	}
	r := &genLP{c: g.c, lo: make([]float64, n), hi: make([]float64, n)}
	for j := range n {
		r.lo[j], r.hi[j] = math.Inf(-1), math.Inf(1)
		if !math.IsInf(g.lo[j], -1) {
			r.lo[j] = 0
		}
		if !math.IsInf(g.hi[j], 1) {
			r.hi[j] = 0
		}
	}
	var cidx []int
	var cval []float64
	for j, cj := range g.c {
		if cj != 0 {
			cidx, cval = append(cidx, j), append(cval, cj)
		}
	}
	for _, row := range g.rows {
		r.rows = append(r.rows, genRow{idx: row.idx, val: row.val, op: row.op})
	}
	r.rows = append(r.rows, genRow{idx: cidx, val: cval, op: GE, rhs: -1})
	rres, err := solveGen(ctx, r, nil)
	switch {
	case err != nil:
		return fail(err.Error())
	case rres.status != Optimal || rres.obj > -0.5:
		return fail("the ray LP found none")
	}
	return checkRay(p, g, x, rres.x)
}
