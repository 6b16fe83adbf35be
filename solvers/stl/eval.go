package stl

import (
	"context"
	"fmt"
	"math"
	"strconv"
)

// Signal gives the meaning of atoms over the time line [0, ∞). A signal
// must be constant after End. Implementations: [PathSignal] (robots moving
// along timed piecewise-linear paths among polygonal regions) and any
// type a caller writes.
type Signal interface {
	// Holds returns the set of times at which atom a holds.
	Holds(a Atom) (Set, error)
	// AtLeast returns {t ≥ 0 : ρ_a(t) ≥ r}, where ρ_a is the atom's
	// robustness signal (continuous, positive exactly where a holds
	// strictly inside).
	AtLeast(a Atom, r float64) (Set, error)
	// AtMost returns {t ≥ 0 : ρ_a(t) ≤ r}.
	AtMost(a Atom, r float64) (Set, error)
	// End returns a time after which no atom changes.
	End() float64
	// Bound returns B ≥ 0 with |ρ_a(t)| ≤ B at every time t ≥ 0 (or 0
	// when ρ_a is infinite everywhere, for an atom that can never hold).
	Bound(a Atom) (float64, error)
}

// Describer is an optional interface of a Signal: Describe says in a few
// words what makes atom a true or false at time t ("r1 at (1, 2) is 0.3
// outside goal1"). Check uses it in failure reasons.
type Describer interface {
	Describe(a Atom, t float64) string
}

// Options configures Check and friends.
type Options struct {
	// Horizon is the window [0, Horizon] of operators written without
	// bounds. Zero means the signal's End.
	Horizon float64
	// SkipRobustness leaves Result.Robustness at 0 (the Boolean verdict
	// and the failure are still exact); it saves the bisection.
	SkipRobustness bool
	// Tolerance is the width of the robustness bracket; 0 means
	// 1e-9·max(1, Bound).
	Tolerance float64
}

// Failure locates why a formula does not hold.
type Failure struct {
	// Formula is the innermost sub-formula found to fail.
	Formula *Formula
	// Requirement is the top-level conjunct that contains it (the whole
	// formula when it is not a conjunction).
	Requirement *Formula
	// Time is when Formula fails (the infimum of the failing times).
	Time float64
	// Reason says what happens, in one line.
	Reason string
}

// Result is the outcome of Check.
type Result struct {
	// Satisfied is the exact Boolean verdict at time 0.
	Satisfied bool
	// Robustness and RobustnessUpper bracket the space robustness ρ(φ, 0):
	// Robustness ≤ ρ ≤ RobustnessUpper, the gap at most Options.Tolerance.
	// Both are +Inf or −Inf when the verdict does not depend on any atom.
	Robustness, RobustnessUpper float64
	// Failure explains a violation (nil when Satisfied).
	Failure *Failure
}

type evaluator struct {
	ctx     context.Context
	sig     Signal
	horizon float64
	sets    map[*Formula]Set
	atoms   map[Atom]Set
	steps   int
}

func newEvaluator(ctx context.Context, f *Formula, sig Signal, opts Options) (*evaluator, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: nil formula", ErrInvalid)
	}
	if sig == nil {
		return nil, fmt.Errorf("stl: nil signal")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	h := opts.Horizon
	if h < 0 || math.IsNaN(h) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("stl: horizon %g must be a finite non-negative number", h)
	}
	if h == 0 {
		h = sig.End()
	}
	return &evaluator{ctx: ctx, sig: sig, horizon: h, sets: map[*Formula]Set{}, atoms: map[Atom]Set{}}, nil
}

func (e *evaluator) window(b *Bounds) (float64, float64) {
	if b == nil {
		return 0, e.horizon
	}
	return b.Lo, b.Hi
}

func (e *evaluator) tick() error {
	e.steps++
	if e.steps&63 == 0 {
		return e.ctx.Err()
	}
	return nil
}

// sat returns the exact set of times at which f holds (Boolean semantics).
func (e *evaluator) sat(f *Formula) (Set, error) {
	if s, ok := e.sets[f]; ok {
		return s, nil
	}
	if err := e.tick(); err != nil {
		return nil, err
	}
	var s Set
	var err error
	args := make([]Set, len(f.Args))
	for i, a := range f.Args {
		if args[i], err = e.sat(a); err != nil {
			return nil, err
		}
	}
	switch f.Op {
	case OpTrue:
		s = Full()
	case OpFalse:
	case OpAtom:
		var ok bool
		if s, ok = e.atoms[f.Atom]; !ok {
			if s, err = e.sig.Holds(f.Atom); err != nil {
				return nil, err
			}
			e.atoms[f.Atom] = s
		}
	case OpNot:
		s = args[0].Complement()
	case OpAnd:
		s = args[0]
		for _, a := range args[1:] {
			s = s.Intersect(a)
		}
	case OpOr:
		s = args[0]
		for _, a := range args[1:] {
			s = s.Union(a)
		}
	case OpImplies:
		s = args[0].Complement().Union(args[1])
	case OpIff:
		s = args[0].Intersect(args[1]).Union(args[0].Complement().Intersect(args[1].Complement()))
	case OpEventually:
		lo, hi := e.window(f.Bounds)
		s = args[0].Eventually(lo, hi)
	case OpAlways:
		lo, hi := e.window(f.Bounds)
		s = args[0].Always(lo, hi)
	case OpUntil:
		lo, hi := e.window(f.Bounds)
		s = args[0].Until(args[1], lo, hi)
	}
	e.sets[f] = s
	return s, nil
}

// Holds returns the exact set of times t ≥ 0 at which f holds on sig.
func Holds(ctx context.Context, f *Formula, sig Signal, opts Options) (Set, error) {
	e, err := newEvaluator(ctx, f, sig, opts)
	if err != nil {
		return nil, err
	}
	return e.sat(f)
}

// Satisfied reports whether f holds at time 0 (exact Boolean semantics).
func Satisfied(ctx context.Context, f *Formula, sig Signal, opts Options) (bool, error) {
	s, err := Holds(ctx, f, sig, opts)
	if err != nil {
		return false, err
	}
	return s.Contains(0), nil
}

// Check decides f at time 0 on sig, brackets its robustness and, when f
// fails, says where and why.
func Check(ctx context.Context, f *Formula, sig Signal, opts Options) (Result, error) {
	e, err := newEvaluator(ctx, f, sig, opts)
	if err != nil {
		return Result{}, err
	}
	s, err := e.sat(f)
	if err != nil {
		return Result{}, err
	}
	res := Result{Satisfied: s.Contains(0)}
	if !res.Satisfied {
		res.Failure = e.explain(f, 0, 0)
		req := f
		if f.Op == OpAnd {
			for _, a := range f.Args {
				if !e.sets[a].Contains(0) {
					req = a
					break
				}
			}
		}
		res.Failure.Requirement = req
	}
	if !opts.SkipRobustness {
		res.Robustness, res.RobustnessUpper, err = e.robustness(f, opts.Tolerance)
		if err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

// Robustness brackets the space robustness of f at time 0 on sig: lo ≤
// ρ(f, 0) ≤ hi with hi − lo ≤ the tolerance.
func Robustness(ctx context.Context, f *Formula, sig Signal, opts Options) (lo, hi float64, err error) {
	e, err := newEvaluator(ctx, f, sig, opts)
	if err != nil {
		return 0, 0, err
	}
	return e.robustness(f, opts.Tolerance)
}

// nnf is a formula in negation normal form: negation only on atoms,
// implications and equivalences expanded, and the dual Release present.
type nnf struct {
	op     Op // OpTrue, OpFalse, OpAtom, OpAnd, OpOr, OpEventually, OpAlways, OpUntil, opRelease
	neg    bool
	atom   Atom
	lo, hi float64
	args   []*nnf
}

const opRelease Op = 200

func (e *evaluator) toNNF(f *Formula, neg bool) *nnf {
	sub := func(g *Formula, n bool) *nnf { return e.toNNF(g, n) }
	conj, disj := OpAnd, OpOr
	if neg {
		conj, disj = OpOr, OpAnd
	}
	switch f.Op {
	case OpTrue, OpFalse:
		if (f.Op == OpTrue) != neg {
			return &nnf{op: OpTrue}
		}
		return &nnf{op: OpFalse}
	case OpAtom:
		return &nnf{op: OpAtom, atom: f.Atom, neg: neg}
	case OpNot:
		return sub(f.Args[0], !neg)
	case OpAnd, OpOr:
		op := conj
		if f.Op == OpOr {
			op = disj
		}
		n := &nnf{op: op}
		for _, a := range f.Args {
			n.args = append(n.args, sub(a, neg))
		}
		return n
	case OpImplies: // ¬a ∨ b
		return &nnf{op: disj, args: []*nnf{sub(f.Args[0], !neg), sub(f.Args[1], neg)}}
	case OpIff: // (a ∧ b) ∨ (¬a ∧ ¬b); negated: (a ∧ ¬b) ∨ (¬a ∧ b)
		a, b := f.Args[0], f.Args[1]
		return &nnf{op: OpOr, args: []*nnf{
			{op: OpAnd, args: []*nnf{sub(a, false), sub(b, neg)}},
			{op: OpAnd, args: []*nnf{sub(a, true), sub(b, !neg)}},
		}}
	}
	lo, hi := e.window(f.Bounds)
	switch f.Op {
	case OpEventually, OpAlways:
		op := f.Op
		if neg {
			op = OpEventually + OpAlways - f.Op
		}
		return &nnf{op: op, lo: lo, hi: hi, args: []*nnf{sub(f.Args[0], neg)}}
	}
	op := OpUntil
	if neg {
		op = opRelease
	}
	return &nnf{op: op, lo: lo, hi: hi, args: []*nnf{sub(f.Args[0], neg), sub(f.Args[1], neg)}}
}

// level returns {t : ρ(n, t) ≥ r}.
func (e *evaluator) level(n *nnf, r float64) (Set, error) {
	if err := e.tick(); err != nil {
		return nil, err
	}
	switch n.op {
	case OpTrue:
		return Full(), nil
	case OpFalse:
		return nil, nil
	case OpAtom:
		if n.neg {
			return e.sig.AtMost(n.atom, -r)
		}
		return e.sig.AtLeast(n.atom, r)
	}
	args := make([]Set, len(n.args))
	for i, a := range n.args {
		s, err := e.level(a, r)
		if err != nil {
			return nil, err
		}
		args[i] = s
	}
	switch n.op {
	case OpAnd:
		s := args[0]
		for _, a := range args[1:] {
			s = s.Intersect(a)
		}
		return s, nil
	case OpOr:
		s := args[0]
		for _, a := range args[1:] {
			s = s.Union(a)
		}
		return s, nil
	case OpEventually:
		return args[0].Eventually(n.lo, n.hi), nil
	case OpAlways:
		return args[0].Always(n.lo, n.hi), nil
	case OpUntil:
		return args[0].Until(args[1], n.lo, n.hi), nil
	case opRelease:
		return args[0].Release(args[1], n.lo, n.hi), nil
	}
	return nil, fmt.Errorf("stl: internal error: op %d in NNF", n.op)
}

// robustness bisects on r for sup{r : ρ(f, 0) ≥ r}.
func (e *evaluator) robustness(f *Formula, tol float64) (lo, hi float64, err error) {
	n := e.toNNF(f, false)
	b := 0.0
	for _, a := range f.Atoms() {
		ab, err := e.sig.Bound(a.Atom)
		if err != nil {
			return 0, 0, err
		}
		if !(ab >= 0) || math.IsInf(ab, 0) {
			return 0, 0, fmt.Errorf("stl: signal bound %g of %s is not a finite non-negative number", ab, a.Atom)
		}
		b = math.Max(b, ab)
	}
	if tol <= 0 {
		tol = 1e-9 * math.Max(1, b)
	}
	m := b*(1+1e-9) + 1e-9
	holds := func(r float64) (bool, error) {
		s, err := e.level(n, r)
		if err != nil {
			return false, err
		}
		return s.Contains(0), nil
	}
	top, err := holds(m)
	if err != nil || top {
		return math.Inf(1), math.Inf(1), err
	}
	bot, err := holds(-m)
	if err != nil || !bot {
		return math.Inf(-1), math.Inf(-1), err
	}
	lo, hi = -m, m
	for hi-lo > tol {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		ok, err := holds(mid)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, hi, nil
}

func fmtTime(t float64) string { return strconv.FormatFloat(t, 'g', 6, 64) }

func (e *evaluator) describe(a Atom, t float64) string {
	if d, ok := e.sig.(Describer); ok {
		if s := d.Describe(a, t); s != "" {
			return " (" + s + ")"
		}
	}
	return ""
}

// after returns a point just after t inside the interval iv whose infimum
// is t (open at t).
func after(iv Interval) float64 {
	eps := 1e-7 * math.Max(1, math.Abs(iv.Lo))
	hi := iv.Hi
	if math.IsInf(hi, 1) {
		hi = iv.Lo + 2*eps
	}
	return iv.Lo + math.Min(eps, (hi-iv.Lo)/2)
}

// explain says why f fails at t; shown is the time to report (the
// infimum of the failing stretch that t was picked from).
func (e *evaluator) explain(f *Formula, t, shown float64) *Failure {
	fail := func(format string, a ...any) *Failure {
		return &Failure{Formula: f, Time: shown, Reason: fmt.Sprintf(format, a...)}
	}
	switch f.Op {
	case OpFalse:
		return fail("false never holds")
	case OpAtom:
		return fail("%s does not hold at t=%s%s", f.Atom, fmtTime(shown), e.describe(f.Atom, t))
	case OpNot:
		c := f.Args[0]
		if c.Op == OpAtom {
			return fail("%s holds at t=%s%s", c.Atom, fmtTime(shown), e.describe(c.Atom, t))
		}
		return fail("%s holds at t=%s", c, fmtTime(shown))
	case OpAnd:
		for _, a := range f.Args {
			if !e.sets[a].Contains(t) {
				return e.explain(a, t, shown)
			}
		}
	case OpOr:
		return fail("none of the alternatives of %s holds at t=%s", f, fmtTime(shown))
	case OpImplies:
		r := e.explain(f.Args[1], t, shown)
		r.Reason += fmt.Sprintf(", but %s requires it", f)
		return r
	case OpIff:
		return fail("the two sides of %s differ at t=%s", f, fmtTime(shown))
	case OpEventually:
		lo, hi := e.window(f.Bounds)
		return fail("%s never holds in [%s, %s]", f.Args[0], fmtTime(t+lo), fmtTime(t+hi))
	case OpAlways:
		lo, hi := e.window(f.Bounds)
		bad := e.sets[f.Args[0]].Complement().Intersect(Set{Closed(t+lo, t+hi)})
		if len(bad) == 0 {
			break
		}
		c := bad[0]
		w := c.Lo
		if c.LoOpen {
			w = after(c)
		}
		return e.explain(f.Args[0], w, c.Lo)
	case OpUntil:
		lo, hi := e.window(f.Bounds)
		left, right := e.sets[f.Args[0]], e.sets[f.Args[1]]
		win := Set{Closed(t+lo, t+hi)}
		inWin := right.Intersect(win)
		if len(inWin) == 0 {
			return fail("%s never holds in [%s, %s]", f.Args[1], fmtTime(t+lo), fmtTime(t+hi))
		}
		first, _, _ := inWin.First(0)
		var comp Interval
		found := false
		for _, c := range left {
			if c.Contains(t) {
				comp, found = c, true
				break
			}
		}
		if !found {
			r := e.explain(f.Args[0], t, shown)
			r.Reason += fmt.Sprintf(" before %s holds (first at t=%s)", f.Args[1], fmtTime(first))
			return r
		}
		if math.IsInf(comp.Hi, 1) {
			break
		}
		w := comp.Hi
		if !comp.HiOpen {
			// The left side holds at comp.Hi and fails just after it.
			next := left.Complement()
			for _, c := range next {
				if c.Lo == comp.Hi {
					w = after(c)
					break
				}
			}
		}
		r := e.explain(f.Args[0], w, comp.Hi)
		r.Reason += fmt.Sprintf(" before %s holds (first at t=%s)", f.Args[1], fmtTime(first))
		return r
	}
	return fail("%s does not hold at t=%s", f, fmtTime(shown))
}
