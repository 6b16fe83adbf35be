package lp

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// ErrNumerical is returned when the simplex method loses accuracy (a
// singular basis, a point that fails its own check) or hits its iteration
// limit.
var ErrNumerical = errors.New("lp: numerical failure")

// Tolerances of the engine.
const (
	primalTol  = 1e-9 // bound violation accepted, relative to 1+|bound|
	dualTol    = 1e-9 // reduced cost treated as zero
	pivotTol   = 1e-9 // smallest pivot element accepted
	zeroTol    = 1e-9 // certificate values treated as zero
	feasTol    = 1e-7 // residual accepted for a returned point, relative
	refactorAt = 64   // iterations between fresh basis inverses
	blandAfter = 30   // degenerate pivots before switching to Bland's rule
	checkCtxAt = 32   // iterations between context checks
)

// genRow is one sparse row of a general-form LP.
type genRow struct {
	idx []int
	val []float64
	op  Op
	rhs float64
}

// genLP is the internal general form: minimise c·x subject to rows and
// lo ≤ x ≤ hi. It carries no names; Problem maps onto it.
type genLP struct {
	c      []float64
	rows   []genRow
	lo, hi []float64
}

func (g *genLP) n() int { return len(g.c) }

// basisState is a basis to start from: the basic column of each row
// position and, per column, whether a nonbasic column sits at its upper
// bound. Columns are the structurals 0..n-1, then one logical per row.
type basisState struct {
	basis   []int
	atUpper []bool
}

// genResult is what the engine decides about a genLP.
type genResult struct {
	status Status    // Optimal, Infeasible or Unbounded
	x      []float64 // Optimal: the point; Unbounded: a feasible point
	y      []float64 // Optimal: row multipliers (∂obj/∂rhs); Infeasible: phase-1 multipliers
	d      []float64 // Optimal: reduced costs of the structurals
	ray    []float64 // Unbounded: an improving direction
	obj    float64
	iters  int
	how    string
	state  *basisState
}

// simplex is the bounded-variable primal simplex method on the
// computational form [A −I](x; r) = 0, lo ≤ x ≤ hi, with one logical r_i per
// row whose bounds encode the relation (r ≤ b, r ≥ b, r = b). Phase 1
// minimises the sum of bound violations of the basic variables (the
// composite method: costs ±1 on violated basics, recomputed every
// iteration, and a ratio test that stops where a violated variable becomes
// feasible); phase 2 minimises c·x. Pricing is Dantzig's rule, switching to
// Bland's rule after a run of degenerate pivots so that the method cannot
// cycle. The basis inverse is kept dense and updated by elementary row
// operations, and recomputed from scratch (gonum's mat.Inverse) every
// refactorAt iterations and before the answer is returned.
type simplex struct {
	ctx       context.Context
	m, n      int // rows, structurals; columns are n+m
	colIdx    [][]int
	colVal    [][]float64
	c         []float64 // phase-2 costs of all columns
	lo, hi    []float64 // bounds of all columns
	x         []float64 // values of all columns
	basis     []int     // column in each basis position
	pos       []int     // basis position of a column, −1 when nonbasic
	binv      []float64 // m×m row-major inverse of the basis matrix
	cost      []float64 // current costs of all columns (phase 1 or 2)
	y         []float64
	alpha     []float64
	iters     int
	limit     int
	restarted bool
}

func newSimplex(ctx context.Context, g *genLP) *simplex {
	m, n := len(g.rows), g.n()
	s := &simplex{ctx: ctx, m: m, n: n}
	N := n + m
	s.colIdx = make([][]int, N)
	s.colVal = make([][]float64, N)
	for i, r := range g.rows {
		for t, j := range r.idx {
			if r.val[t] != 0 {
				s.colIdx[j] = append(s.colIdx[j], i)
				s.colVal[j] = append(s.colVal[j], r.val[t])
			}
		}
	}
	s.c = make([]float64, N)
	copy(s.c, g.c)
	s.lo, s.hi = make([]float64, N), make([]float64, N)
	copy(s.lo, g.lo)
	copy(s.hi, g.hi)
	for i, r := range g.rows {
		k := n + i
		s.colIdx[k] = []int{i}
		s.colVal[k] = []float64{-1}
		switch r.op {
		case LE:
			s.lo[k], s.hi[k] = math.Inf(-1), r.rhs
		case GE:
			s.lo[k], s.hi[k] = r.rhs, math.Inf(1)
		default:
			s.lo[k], s.hi[k] = r.rhs, r.rhs
		}
	}
	s.x = make([]float64, N)
	s.pos = make([]int, N)
	s.basis = make([]int, m)
	s.binv = make([]float64, m*m)
	s.cost = make([]float64, N)
	s.y = make([]float64, m)
	s.alpha = make([]float64, m)
	s.limit = 200*(N+m) + 10000
	return s
}

// restNonbasic puts nonbasic column k at a bound: the upper one when asked
// and finite, else a finite lower, else a finite upper, else 0 (free).
func (s *simplex) restNonbasic(k int, upper bool) {
	lo, hi := s.lo[k], s.hi[k]
	switch {
	case upper && !math.IsInf(hi, 1):
		s.x[k] = hi
	case !math.IsInf(lo, -1):
		s.x[k] = lo
	case !math.IsInf(hi, 1):
		s.x[k] = hi
	default:
		s.x[k] = 0
	}
}

// start installs the warm basis when it is usable, else the slack basis.
func (s *simplex) start(warm *basisState) {
	N := s.n + s.m
	if warm != nil && len(warm.basis) == s.m && len(warm.atUpper) == N {
		for k := range N {
			s.pos[k] = -1
		}
		ok := true
		for r, k := range warm.basis {
			if k < 0 || k >= N || s.pos[k] >= 0 {
				ok = false
				break
			}
			s.basis[r], s.pos[k] = k, r
		}
		if ok {
			for k := range N {
				if s.pos[k] < 0 {
					s.restNonbasic(k, warm.atUpper[k])
				}
			}
			if s.refactor() == nil {
				return
			}
		}
	}
	for k := range N {
		s.pos[k] = -1
	}
	for i := range s.m {
		s.basis[i], s.pos[s.n+i] = s.n+i, i
	}
	for k := range s.n {
		s.restNonbasic(k, false)
	}
	if err := s.refactor(); err != nil {
		panic("lp: the slack basis is singular") // −I is never singular
	}
}

// refactor recomputes the basis inverse and the basic values.
func (s *simplex) refactor() error {
	m := s.m
	if m == 0 {
		return nil
	}
	B := mat.NewDense(m, m, nil)
	for r, k := range s.basis {
		for t, i := range s.colIdx[k] {
			B.Set(i, r, s.colVal[k][t])
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(B); err != nil {
		var ce mat.Condition
		if !errors.As(err, &ce) || float64(ce) > 1e14 {
			return fmt.Errorf("%w: singular basis (%v)", ErrNumerical, err)
		}
	}
	for r := range m {
		for i := range m {
			s.binv[r*m+i] = inv.At(r, i)
		}
	}
	s.recomputeBasics()
	return nil
}

// recomputeBasics sets x_B = −B⁻¹ Σ_{nonbasic k} a_k x_k.
func (s *simplex) recomputeBasics() {
	m := s.m
	v := make([]float64, m)
	for k := range s.x {
		if s.pos[k] >= 0 || s.x[k] == 0 {
			continue
		}
		for t, i := range s.colIdx[k] {
			v[i] += s.colVal[k][t] * s.x[k]
		}
	}
	for r := range m {
		sum := 0.0
		row := s.binv[r*m : (r+1)*m]
		for i, vi := range v {
			sum += row[i] * vi
		}
		s.x[s.basis[r]] = -sum
	}
}

func boundTol(b float64) float64 { return primalTol * (1 + math.Abs(b)) }

// infeasibility sets phase-1 costs on the basic columns and returns the sum
// of bound violations (0 when the basis is primal feasible).
func (s *simplex) infeasibility() float64 {
	sum := 0.0
	for k := range s.cost {
		s.cost[k] = 0
	}
	for _, k := range s.basis {
		switch v := s.x[k]; {
		case v < s.lo[k]-boundTol(s.lo[k]):
			s.cost[k] = -1
			sum += s.lo[k] - v
		case v > s.hi[k]+boundTol(s.hi[k]):
			s.cost[k] = 1
			sum += v - s.hi[k]
		}
	}
	return sum
}

// computeY sets y = c_Bᵀ B⁻¹ for the current costs.
func (s *simplex) computeY() {
	m := s.m
	for i := range s.y {
		s.y[i] = 0
	}
	for r, k := range s.basis {
		cb := s.cost[k]
		if cb == 0 {
			continue
		}
		row := s.binv[r*m : (r+1)*m]
		for i := range m {
			s.y[i] += cb * row[i]
		}
	}
}

// reduced returns c_k − yᵀ a_k for the current costs.
func (s *simplex) reduced(k int) float64 {
	d := s.cost[k]
	for t, i := range s.colIdx[k] {
		d -= s.colVal[k][t] * s.y[i]
	}
	return d
}

// column sets alpha = B⁻¹ a_k.
func (s *simplex) column(k int) {
	m := s.m
	for r := range m {
		sum := 0.0
		row := s.binv[r*m : (r+1)*m]
		for t, i := range s.colIdx[k] {
			sum += row[i] * s.colVal[k][t]
		}
		s.alpha[r] = sum
	}
}

// pivot replaces the basic column in position r by column q.
func (s *simplex) pivot(r, q int) {
	m := s.m
	piv := s.alpha[r]
	prow := s.binv[r*m : (r+1)*m]
	for i := range prow {
		prow[i] /= piv
	}
	for i := range m {
		a := s.alpha[i]
		if i == r || a == 0 {
			continue
		}
		row := s.binv[i*m : (i+1)*m]
		for t := range row {
			row[t] -= a * prow[t]
		}
	}
	out := s.basis[r]
	s.pos[out] = -1
	s.basis[r], s.pos[q] = q, r
}

// run iterates until optimal, infeasible (phase 1 stalls with violations)
// or unbounded. It returns the status and, when unbounded, the entering
// column and direction.
func (s *simplex) run() (st Status, q int, dir float64, err error) {
	degenerate := 0
	bland := false
	sinceRefactor := 0
	for {
		if s.iters >= s.limit {
			return 0, 0, 0, fmt.Errorf("%w: iteration limit %d reached", ErrNumerical, s.limit)
		}
		if s.iters%checkCtxAt == 0 {
			if err := s.ctx.Err(); err != nil {
				return 0, 0, 0, err
			}
		}
		if sinceRefactor >= refactorAt {
			if err := s.refactor(); err != nil {
				// An ill-conditioned basis: start again once from the
				// slack basis, which is always well conditioned.
				if s.restarted {
					return 0, 0, 0, err
				}
				s.restarted = true
				s.start(nil)
			}
			sinceRefactor = 0
		}
		phase1 := s.infeasibility() > 0
		if !phase1 {
			copy(s.cost, s.c)
		}
		s.computeY()
		// Pricing.
		q, dir = -1, 0
		best := 0.0
		for k := range s.x {
			if s.pos[k] >= 0 || s.lo[k] == s.hi[k] {
				continue
			}
			d := s.reduced(k)
			tol := dualTol * (1 + math.Abs(s.cost[k]))
			var kd float64
			switch {
			case d < -tol && s.x[k] < s.hi[k]:
				kd = 1
			case d > tol && s.x[k] > s.lo[k]:
				kd = -1
			default:
				continue
			}
			if bland {
				q, dir = k, kd
				break
			}
			if math.Abs(d) > best {
				best, q, dir = math.Abs(d), k, kd
			}
		}
		if q < 0 {
			if phase1 {
				return Infeasible, 0, 0, nil
			}
			return Optimal, 0, 0, nil
		}
		s.column(q)
		// Ratio test: x_q moves by dir·t, basic r by −dir·alpha_r·t.
		t := math.Inf(1)
		if !math.IsInf(s.lo[q], -1) && !math.IsInf(s.hi[q], 1) {
			t = s.hi[q] - s.lo[q]
		}
		leave, leaveAt := -1, 0.0
		bestPiv := 0.0
		for r, k := range s.basis {
			a := s.alpha[r]
			if math.Abs(a) <= pivotTol {
				continue
			}
			rate := -dir * a
			v, lo, hi := s.x[k], s.lo[k], s.hi[k]
			var target float64
			switch {
			case v < lo-boundTol(lo): // violated below: may rise to lo
				if rate <= 0 {
					continue
				}
				target = lo
			case v > hi+boundTol(hi): // violated above: may fall to hi
				if rate >= 0 {
					continue
				}
				target = hi
			case rate > 0:
				if math.IsInf(hi, 1) {
					continue
				}
				target = hi
			default:
				if math.IsInf(lo, -1) {
					continue
				}
				target = lo
			}
			tr := math.Max((target-v)/rate, 0)
			eps := 1e-12 * (1 + tr)
			switch {
			case tr < t-eps:
				t, leave, leaveAt, bestPiv = tr, r, target, math.Abs(a)
			case tr <= t+eps && leave >= 0:
				// Tie: Bland keeps the lowest column, else the largest pivot.
				if (bland && k < s.basis[leave]) || (!bland && math.Abs(a) > bestPiv) {
					leave, leaveAt, bestPiv = r, target, math.Abs(a)
					t = math.Min(t, tr)
				}
			}
		}
		if math.IsInf(t, 1) {
			if phase1 {
				return 0, 0, 0, fmt.Errorf("%w: phase 1 found an unbounded direction", ErrNumerical)
			}
			return Unbounded, q, dir, nil
		}
		s.iters++
		sinceRefactor++
		if t <= 1e-12 {
			degenerate++
			if degenerate > blandAfter {
				bland = true
			}
		} else {
			degenerate, bland = 0, false
		}
		// Move.
		s.x[q] += dir * t
		for r, k := range s.basis {
			if a := s.alpha[r]; a != 0 {
				s.x[k] -= dir * a * t
			}
		}
		if leave < 0 { // bound flip of the entering column
			if dir > 0 {
				s.x[q] = s.hi[q]
			} else {
				s.x[q] = s.lo[q]
			}
			continue
		}
		out := s.basis[leave]
		s.pivot(leave, q)
		s.x[out] = leaveAt
	}
}

// solveGen solves g from a warm basis (or the slack basis when warm is nil)
// and returns the status with the evidence the engine has: the point, row
// multipliers and reduced costs (optimal), a point and a ray (unbounded),
// or the phase-1 multipliers (infeasible).
//
// Rows are scaled to a largest coefficient of 1 first (the returned
// multipliers are scaled back), which keeps the pivot tolerances meaningful
// on badly scaled models.
func solveGen(ctx context.Context, g *genLP, warm *basisState) (genResult, error) {
	for j := range g.n() {
		if g.lo[j] > g.hi[j] {
			return genResult{status: Infeasible, how: fmt.Sprintf("the bounds of variable %d cross", j)}, nil
		}
	}
	scaled := &genLP{c: g.c, lo: g.lo, hi: g.hi, rows: make([]genRow, len(g.rows))}
	scale := make([]float64, len(g.rows))
	for i, r := range g.rows {
		f := maxAbs(r.val)
		if f == 0 || f == 1 || math.IsInf(f, 0) || math.IsInf(r.rhs/f, 0) {
			scaled.rows[i], scale[i] = r, 1
			continue
		}
		val := make([]float64, len(r.val))
		for t, v := range r.val {
			val[t] = v / f
		}
		scaled.rows[i] = genRow{idx: r.idx, val: val, op: r.op, rhs: r.rhs / f}
		scale[i] = f
	}
	res, err := solveScaled(ctx, scaled, warm)
	for i := range res.y {
		res.y[i] /= scale[i]
	}
	return res, err
}

func solveScaled(ctx context.Context, g *genLP, warm *basisState) (genResult, error) {
	s := newSimplex(ctx, g)
	s.start(warm)
	var (
		st  Status
		q   int
		dir float64
		err error
	)
	for attempt := 0; ; attempt++ {
		st, q, dir, err = s.run()
		if err != nil {
			return genResult{}, err
		}
		// Check the answer against a fresh inverse; iterate on if the
		// fresh values disagree with the status.
		if err := s.refactor(); err != nil {
			if s.restarted {
				return genResult{}, err
			}
			s.restarted = true
			s.start(nil)
			continue
		}
		again := false
		switch st {
		case Optimal:
			again = s.infeasibility() > 0
		case Infeasible:
			again = s.infeasibility() == 0
		}
		if !again {
			break
		}
		if attempt >= 3 {
			return genResult{}, fmt.Errorf("%w: the basis keeps losing accuracy", ErrNumerical)
		}
	}
	res := genResult{status: st, iters: s.iters}
	n := s.n
	switch st {
	case Optimal:
		copy(s.cost, s.c)
		s.computeY()
		res.x = append([]float64(nil), s.x[:n]...)
		res.y = append([]float64(nil), s.y...)
		res.d = make([]float64, n)
		for j := range n {
			res.d[j] = s.reduced(j)
			res.obj += g.c[j] * res.x[j]
		}
		res.how = "simplex optimum"
	case Infeasible:
		s.infeasibility()
		s.computeY()
		res.y = append([]float64(nil), s.y...)
		res.how = "phase 1 of the simplex method ends with bound violations it cannot reduce"
	case Unbounded:
		res.x = append([]float64(nil), s.x[:n]...)
		res.ray = make([]float64, n)
		if q < n {
			res.ray[q] = dir
		}
		for r, k := range s.basis {
			if k < n {
				res.ray[k] = -dir * s.alpha[r]
			}
		}
		res.how = "the simplex method found an improving column that no row or bound blocks"
	}
	st2 := &basisState{basis: append([]int(nil), s.basis...), atUpper: make([]bool, n+s.m)}
	for k := range st2.atUpper {
		st2.atUpper[k] = s.pos[k] < 0 && s.x[k] == s.hi[k] && !math.IsInf(s.hi[k], 1)
	}
	res.state = st2
	return res, nil
}
