package csp

import (
	"slices"
	"sort"

	"github.com/plankit/plankit/solvers/sat"
)

// encoder compiles a Model into a sat.Formula.
//
// Every variable x with sorted domain d₀ < … < d_{m-1} gets the order
// encoding ge[j] ⇔ x ≥ dⱼ (ge[0] is true, ge[m] false, ge[j+1] → ge[j]) and
// the direct encoding eq[j] ⇔ x = dⱼ channelled to it (eq[j] ⇔ ge[j] ∧
// ¬ge[j+1]). Constraints are posted under a guard literal g, meaning
// g → constraint (g is the constant true for hard constraints and a group's
// selector otherwise); postNeg posts g → ¬constraint, and together they
// reify a constraint inside Boolean combinations.
type encoder struct {
	m       *Model
	f       *sat.Formula
	tru     sat.Lit
	vars    []varEnc
	sel     map[string]sat.Lit // group → selector
	nodes   int                // auxiliary variables spent by decision diagrams and friends
	work    int                // decision-diagram steps
	reified map[*boolOp]sat.Lit
	err     error // first size-guard failure
}

type varEnc struct {
	vals []int
	eq   []sat.Lit // len m
	ge   []sat.Lit // len m+1
}

// compile encodes every variable and posted constraint of m.
func compile(m *Model) (*encoder, error) {
	if m.err != nil {
		return nil, m.err
	}
	e := &encoder{m: m, f: sat.New(), sel: map[string]sat.Lit{}, reified: map[*boolOp]sat.Lit{}}
	e.tru = e.f.NewVar()
	e.f.AddClause(e.tru)
	e.vars = make([]varEnc, len(m.vars))
	for i, d := range m.vars {
		e.vars[i] = e.encodeVar(d.values)
	}
	for _, g := range m.Groups() {
		e.sel[g] = e.f.NewVar()
	}
	for _, p := range m.cons {
		g := e.tru
		if p.group != "" {
			g = e.sel[p.group]
		}
		e.post(p.c, g)
		if e.err != nil {
			return nil, e.err
		}
	}
	return e, nil
}

func (e *encoder) fls() sat.Lit { return e.tru.Not() }

func (e *encoder) encodeVar(vals []int) varEnc {
	n := len(vals)
	v := varEnc{vals: vals, eq: make([]sat.Lit, n), ge: make([]sat.Lit, n+1)}
	v.ge[0], v.ge[n] = e.tru, e.fls()
	for j := 1; j < n; j++ {
		v.ge[j] = e.f.NewVar()
	}
	for j := 1; j+1 < n; j++ {
		e.clause(v.ge[j+1].Not(), v.ge[j])
	}
	for j := range n {
		switch {
		case j == 0:
			v.eq[j] = v.ge[1].Not()
		case j == n-1:
			v.eq[j] = v.ge[j]
		default:
			v.eq[j] = e.f.NewVar()
			e.clause(v.eq[j].Not(), v.ge[j])
			e.clause(v.eq[j].Not(), v.ge[j+1].Not())
			e.clause(v.ge[j].Not(), v.ge[j+1], v.eq[j])
		}
	}
	return v
}

// clause adds the disjunction of lits, simplifying the constants: a true
// literal satisfies it, false ones are dropped, duplicates merged.
func (e *encoder) clause(lits ...sat.Lit) {
	out := make([]sat.Lit, 0, len(lits))
	for _, l := range lits {
		switch l {
		case e.tru:
			return
		case e.fls():
			continue
		}
		out = append(out, l)
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b sat.Lit) int {
			if a.Var() != b.Var() {
				return a.Var() - b.Var()
			}
			return int(a - b)
		})
		k := 1
		for _, l := range out[1:] {
			switch prev := out[k-1]; {
			case l == prev:
				continue
			case l == prev.Not():
				return // tautology
			}
			out[k] = l
			k++
		}
		out = out[:k]
	}
	e.f.AddClause(out...)
	if e.f.NumClauses() > maxClauses && e.err == nil {
		e.err = tooLargef("the encoding needs more than %d clauses", maxClauses)
	}
}

// maxClauses bounds the size of one model's encoding.
const maxClauses = 1 << 22

// aux allocates an auxiliary variable, charging the node budget.
func (e *encoder) aux() sat.Lit {
	e.nodes++
	if e.nodes > MaxNodes && e.err == nil {
		e.err = tooLargef("the encoding needs more than %d auxiliary nodes (a linear constraint or Boolean combination is too big)", MaxNodes)
	}
	return e.f.NewVar()
}

func (e *encoder) v(x IntVar) *varEnc { return &e.vars[x.idx()] }

// eqLit is x = val (false when val is outside the domain).
func (e *encoder) eqLit(x IntVar, val int) sat.Lit {
	v := e.v(x)
	j, ok := slices.BinarySearch(v.vals, val)
	if !ok {
		return e.fls()
	}
	return v.eq[j]
}

// opDomain returns the possible values of an operand.
func (e *encoder) opDomain(o operand) []int {
	if o.v.Valid() {
		return e.v(o.v).vals
	}
	return []int{o.c}
}

// opEq is o = val.
func (e *encoder) opEq(o operand, val int) sat.Lit {
	if o.v.Valid() {
		return e.eqLit(o.v, val)
	}
	if o.c == val {
		return e.tru
	}
	return e.fls()
}

// guarded returns a clause ¬g₁ ∨ … ∨ ¬gₖ ∨ lits.
func guarded(gs []sat.Lit, lits ...sat.Lit) []sat.Lit {
	out := make([]sat.Lit, 0, len(gs)+len(lits))
	for _, g := range gs {
		out = append(out, g.Not())
	}
	return append(out, lits...)
}

// amo adds g → at most one of lits: pairwise for few literals, Sinz's
// sequential counter otherwise.
func (e *encoder) amo(lits []sat.Lit, g sat.Lit) {
	var ls []sat.Lit
	trues := 0
	for _, l := range lits {
		switch l {
		case e.fls():
		case e.tru:
			trues++
		default:
			ls = append(ls, l)
		}
	}
	switch {
	case trues > 1:
		e.clause(g.Not())
		return
	case trues == 1:
		for _, l := range ls {
			e.clause(g.Not(), l.Not())
		}
		return
	}
	n := len(ls)
	if n <= 9 {
		for i := range n {
			for j := i + 1; j < n; j++ {
				e.clause(g.Not(), ls[i].Not(), ls[j].Not())
			}
		}
		return
	}
	s := make([]sat.Lit, n-1) // s[i]: some of ls[0..i] is true
	for i := range s {
		s[i] = e.aux()
	}
	e.clause(ls[0].Not(), s[0])
	for i := 1; i < n-1; i++ {
		e.clause(ls[i].Not(), s[i])
		e.clause(s[i-1].Not(), s[i])
		e.clause(g.Not(), s[i-1].Not(), ls[i].Not())
	}
	e.clause(g.Not(), s[n-2].Not(), ls[n-1].Not())
}

// post adds g → c.
func (e *encoder) post(c Constraint, g sat.Lit) {
	if g == e.fls() || e.err != nil {
		return
	}
	switch c := c.(type) {
	case allDiff:
		e.postAllDiff(c, g)
	case linear:
		e.postLinear(c.terms, c.op, c.rhs, g)
	case table:
		e.postTable(c, g)
	case element:
		e.postElement(c, g)
	case *boolOp:
		switch c.kind {
		case kAnd:
			for _, s := range c.cs {
				e.post(s, g)
			}
		case kOr:
			cl := []sat.Lit{g.Not()}
			for _, s := range c.cs {
				cl = append(cl, e.half(s))
			}
			e.clause(cl...)
		case kNot:
			e.postNeg(c.cs[0], g)
		case kImplies:
			e.clause(g.Not(), e.half(Not(c.cs[0])), e.half(c.cs[1]))
		case kIff:
			a, b := e.reify(c.cs[0]), e.reify(c.cs[1])
			e.clause(g.Not(), a.Not(), b)
			e.clause(g.Not(), a, b.Not())
		}
	}
}

// postNeg adds g → ¬c.
func (e *encoder) postNeg(c Constraint, g sat.Lit) {
	if g == e.fls() || e.err != nil {
		return
	}
	switch c := c.(type) {
	case allDiff:
		e.postSomeEqual(c, g)
	case linear:
		e.postLinear(c.terms, negate(c.op), c.rhs, g)
	case table:
		e.postForbidden(c, g)
	case element:
		e.postElementNeg(c, g)
	case *boolOp:
		switch c.kind {
		case kAnd:
			cl := []sat.Lit{g.Not()}
			for _, s := range c.cs {
				cl = append(cl, e.half(Not(s)))
			}
			e.clause(cl...)
		case kOr:
			for _, s := range c.cs {
				e.postNeg(s, g)
			}
		case kNot:
			e.post(c.cs[0], g)
		case kImplies:
			e.post(c.cs[0], g)
			e.postNeg(c.cs[1], g)
		case kIff:
			a, b := e.reify(c.cs[0]), e.reify(c.cs[1])
			e.clause(g.Not(), a, b)
			e.clause(g.Not(), a.Not(), b.Not())
		}
	}
}

// half returns a literal l with l → c.
func (e *encoder) half(c Constraint) sat.Lit {
	if l, ok := e.direct(c); ok {
		return l
	}
	l := e.aux()
	e.post(c, l)
	return l
}

// reify returns a literal l with l ⇔ c. Boolean combinations are reified
// once each, so that nested iffs (which reify their operands in both
// polarities) stay linear in size.
func (e *encoder) reify(c Constraint) sat.Lit {
	if l, ok := e.direct(c); ok {
		return l
	}
	b, isBool := c.(*boolOp)
	if isBool {
		if l, ok := e.reified[b]; ok {
			return l
		}
	}
	l := e.aux()
	e.post(c, l)
	e.postNeg(c, l.Not())
	if isBool {
		e.reified[b] = l
	}
	return l
}

// direct returns an existing literal equivalent to c when there is one: a
// comparison of one variable with a constant whose solutions are a prefix,
// a suffix or a single value of the domain, and negations of those.
func (e *encoder) direct(c Constraint) (sat.Lit, bool) {
	switch c := c.(type) {
	case linear:
		terms := normTerms(c.terms)
		switch len(terms) {
		case 0:
			if c.op.holds(0, c.rhs) {
				return e.tru, true
			}
			return e.fls(), true
		case 1:
			return e.unaryLit(terms[0], c.op, c.rhs)
		}
	case *boolOp:
		if c.kind == kNot {
			if l, ok := e.direct(c.cs[0]); ok {
				return l.Not(), true
			}
		}
	}
	return 0, false
}

func negate(o Op) Op {
	return [...]Op{LE: GT, LT: GE, EQ: NE, NE: EQ, GE: LT, GT: LE}[o]
}

// normTerms merges repeated variables and drops zero coefficients.
func normTerms(terms []Term) []Term {
	out := make([]Term, 0, len(terms))
	pos := map[int]int{}
	for _, t := range terms {
		if i, ok := pos[t.Var.id]; ok {
			out[i].Coef += t.Coef
			continue
		}
		pos[t.Var.id] = len(out)
		out = append(out, t)
	}
	return slices.DeleteFunc(out, func(t Term) bool { return t.Coef == 0 })
}

// unaryAllowed marks the domain values j of t.Var with t.Coef·dⱼ op k.
func (e *encoder) unaryAllowed(t Term, op Op, k int) []bool {
	v := e.v(t.Var)
	ok := make([]bool, len(v.vals))
	for j, d := range v.vals {
		ok[j] = op.holds(t.Coef*d, k)
	}
	return ok
}

// unaryLit returns the literal of a·x op k when one exists.
func (e *encoder) unaryLit(t Term, op Op, k int) (sat.Lit, bool) {
	allowed := e.unaryAllowed(t, op, k)
	v := e.v(t.Var)
	lo, hi, n := -1, -1, 0
	for j, a := range allowed {
		if a {
			if lo < 0 {
				lo = j
			}
			hi = j
			n++
		}
	}
	m := len(allowed)
	switch {
	case n == 0:
		return e.fls(), true
	case n == m:
		return e.tru, true
	case n != hi-lo+1:
		return 0, false
	case lo == 0:
		return v.ge[hi+1].Not(), true
	case hi == m-1:
		return v.ge[lo], true
	case lo == hi:
		return v.eq[lo], true
	}
	return 0, false
}

// postLinear adds g → Σ terms op k.
func (e *encoder) postLinear(terms []Term, op Op, k int, g sat.Lit) {
	terms = normTerms(terms)
	switch op {
	case LT:
		op, k = LE, k-1
	case GT:
		op, k = GE, k+1
	}
	switch len(terms) {
	case 0:
		if !op.holds(0, k) {
			e.clause(g.Not())
		}
		return
	case 1:
		if l, ok := e.unaryLit(terms[0], op, k); ok {
			e.clause(g.Not(), l)
			return
		}
		v := e.v(terms[0].Var)
		for j, ok := range e.unaryAllowed(terms[0], op, k) {
			if !ok {
				e.clause(g.Not(), v.eq[j].Not())
			}
		}
		return
	}
	switch op {
	case LE:
		e.postLE(terms, k, g)
	case GE:
		e.postLE(negTerms(terms), -k, g)
	case EQ:
		if len(terms) == 2 {
			e.binaryEq(terms[0], terms[1], k, g)
			e.binaryEq(terms[1], terms[0], k, g)
			return
		}
		e.postLE(terms, k, g)
		e.postLE(negTerms(terms), -k, g)
	case NE:
		if len(terms) == 2 {
			e.binaryNe(terms[0], terms[1], k, g)
			return
		}
		lo, hi := e.aux(), e.aux()
		e.clause(g.Not(), lo, hi)
		e.postLE(terms, k-1, lo)
		e.postLE(negTerms(terms), -k-1, hi)
	}
}

func negTerms(terms []Term) []Term {
	out := make([]Term, len(terms))
	for i, t := range terms {
		out[i] = Term{-t.Coef, t.Var}
	}
	return out
}

// binaryEq adds g ∧ x = u → y = (k - a·u)/b for every u (the direct
// encoding, which keeps unit propagation arc consistent).
func (e *encoder) binaryEq(tx, ty Term, k int, g sat.Lit) {
	for _, u := range e.v(tx.Var).vals {
		r := k - tx.Coef*u
		w := e.fls()
		if r%ty.Coef == 0 {
			w = e.eqLit(ty.Var, r/ty.Coef)
		}
		e.clause(g.Not(), e.eqLit(tx.Var, u).Not(), w)
	}
}

// binaryNe adds g → ¬(x = u ∧ y = (k - a·u)/b) for every u.
func (e *encoder) binaryNe(tx, ty Term, k int, g sat.Lit) {
	for _, u := range e.v(tx.Var).vals {
		r := k - tx.Coef*u
		if r%ty.Coef == 0 {
			e.clause(g.Not(), e.eqLit(tx.Var, u).Not(), e.eqLit(ty.Var, r/ty.Coef).Not())
		}
	}
}

// postLE adds g → Σ terms ≤ k through a decision diagram.
func (e *encoder) postLE(terms []Term, k int, g sat.Lit) {
	d := e.newMDD(terms)
	e.clause(g.Not(), d.root(k))
}

// postAllDiff adds g → the values xᵢ+offᵢ are pairwise different: at most
// one variable per value, and when there are exactly as many values as
// variables, at least one per value too (implied, but it propagates).
func (e *encoder) postAllDiff(c allDiff, g sat.Lit) {
	buckets := e.valueBuckets(c)
	keys := sortedKeys(buckets)
	for _, w := range keys {
		if e.err != nil {
			return
		}
		e.amo(buckets[w], g)
	}
	if len(keys) == len(c.xs) {
		for _, w := range keys {
			e.clause(append([]sat.Lit{g.Not()}, buckets[w]...)...)
		}
	}
}

// postSomeEqual adds g → two of the shifted variables share a value.
func (e *encoder) postSomeEqual(c allDiff, g sat.Lit) {
	buckets := e.valueBuckets(c)
	cl := []sat.Lit{g.Not()}
	for _, w := range sortedKeys(buckets) {
		ls := buckets[w]
		for i := range ls {
			if e.err != nil {
				return
			}
			for j := i + 1; j < len(ls); j++ {
				a := e.aux()
				e.clause(a.Not(), ls[i])
				e.clause(a.Not(), ls[j])
				cl = append(cl, a)
			}
		}
	}
	e.clause(cl...)
}

// valueBuckets maps each shifted value w to the literals xᵢ = w - offᵢ.
func (e *encoder) valueBuckets(c allDiff) map[int][]sat.Lit {
	buckets := map[int][]sat.Lit{}
	for i, x := range c.xs {
		off := 0
		if c.offs != nil {
			off = c.offs[i]
		}
		v := e.v(x)
		for j, d := range v.vals {
			buckets[d+off] = append(buckets[d+off], v.eq[j])
		}
	}
	return buckets
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validTuples returns the distinct tuples whose values all lie in the
// domains.
func (e *encoder) validTuples(c table) [][]int {
	var out [][]int
	seen := map[string]bool{}
	key := make([]byte, 0, 8*len(c.vars))
tuples:
	for _, t := range c.tuples {
		key = key[:0]
		for i, x := range c.vars {
			if _, ok := slices.BinarySearch(e.v(x).vals, t[i]); !ok {
				continue tuples
			}
			u := uint64(t[i])
			for b := 0; b < 8; b++ {
				key = append(key, byte(u>>(8*b)))
			}
		}
		if !seen[string(key)] {
			seen[string(key)] = true
			out = append(out, t)
		}
	}
	return out
}

// postTable adds g → the variables form one of the tuples: a selector per
// tuple, plus support clauses (x = v → one of the tuples with v there) so
// that unit propagation is arc consistent.
func (e *encoder) postTable(c table, g sat.Lit) {
	tuples := e.validTuples(c)
	sel := make([]sat.Lit, len(tuples))
	for i, t := range tuples {
		if e.err != nil {
			return
		}
		sel[i] = e.aux()
		for k, x := range c.vars {
			e.clause(sel[i].Not(), e.eqLit(x, t[k]))
		}
	}
	e.clause(append([]sat.Lit{g.Not()}, sel...)...)
	for k, x := range c.vars {
		v := e.v(x)
		support := make([][]sat.Lit, len(v.vals))
		for i, t := range tuples {
			j, _ := slices.BinarySearch(v.vals, t[k])
			support[j] = append(support[j], sel[i])
		}
		for j := range v.vals {
			e.clause(append([]sat.Lit{g.Not(), v.eq[j].Not()}, support[j]...)...)
		}
	}
}

// postForbidden adds g → the variables form none of the tuples.
func (e *encoder) postForbidden(c table, g sat.Lit) {
	for _, t := range e.validTuples(c) {
		cl := []sat.Lit{g.Not()}
		for k, x := range c.vars {
			cl = append(cl, e.eqLit(x, t[k]).Not())
		}
		e.clause(cl...)
	}
}

// postElement adds g → value = array[index].
func (e *encoder) postElement(c element, g sat.Lit) {
	idx := e.v(c.index)
	n := len(c.array)
	for j, k := range idx.vals {
		if e.err != nil {
			return
		}
		if k < 0 || k >= n {
			e.clause(g.Not(), idx.eq[j].Not())
			continue
		}
		e.postEqual(c.array[k], c.value, []sat.Lit{g, idx.eq[j]})
	}
	// Support: value = v only through an index whose entry can be v. The
	// clauses are implied, so they are skipped when they would be huge.
	if len(e.opDomain(c.value))*len(idx.vals) > 1<<20 {
		return
	}
	for _, v := range e.opDomain(c.value) {
		cl := []sat.Lit{g.Not(), e.opEq(c.value, v).Not()}
		for j, k := range idx.vals {
			if k >= 0 && k < n {
				if _, ok := slices.BinarySearch(e.opDomain(c.array[k]), v); ok {
					cl = append(cl, idx.eq[j])
				}
			}
		}
		e.clause(cl...)
	}
}

// postEqual adds gs → a = b for operands a and b.
func (e *encoder) postEqual(a, b operand, gs []sat.Lit) {
	switch {
	case !a.v.Valid():
		e.clause(guarded(gs, e.opEq(b, a.c))...)
	case !b.v.Valid():
		e.clause(guarded(gs, e.opEq(a, b.c))...)
	default: // both directions, so that either side propagates
		for _, v := range e.opDomain(a) {
			e.clause(guarded(gs, e.opEq(a, v).Not(), e.opEq(b, v))...)
		}
		for _, v := range e.opDomain(b) {
			e.clause(guarded(gs, e.opEq(b, v).Not(), e.opEq(a, v))...)
		}
	}
}

// postElementNeg adds g → the index is out of range or value ≠ array[index].
func (e *encoder) postElementNeg(c element, g sat.Lit) {
	idx := e.v(c.index)
	for j, k := range idx.vals {
		if e.err != nil {
			return
		}
		if k < 0 || k >= len(c.array) {
			continue
		}
		a := c.array[k]
		for _, v := range e.opDomain(a) {
			e.clause(g.Not(), idx.eq[j].Not(), e.opEq(a, v).Not(), e.opEq(c.value, v).Not())
		}
	}
}

// ---- decision diagrams for Σ aᵢxᵢ ≤ K ----

// maxWork bounds the decision-diagram steps of one model.
const maxWork = 1 << 21

// inf stands for ±∞ in interval arithmetic; every partial sum of a checked
// expression stays far below it.
const inf = 1 << 62

// view is a term a·x seen through its possible contributions c₀ < … <
// c_{m-1} (the products a·d) with ge[j] ⇔ a·x ≥ cⱼ (ge[0] true, ge[m]
// false).
type view struct {
	c  []int
	ge []sat.Lit
}

func (e *encoder) view(t Term) view {
	v := e.v(t.Var)
	m := len(v.vals)
	w := view{c: make([]int, m), ge: make([]sat.Lit, m+1)}
	for j := range m {
		if t.Coef > 0 {
			w.c[j] = t.Coef * v.vals[j]
			w.ge[j] = v.ge[j]
		} else {
			w.c[j] = t.Coef * v.vals[m-1-j]
			w.ge[j] = v.ge[m-j].Not()
		}
	}
	w.ge[m] = e.fls()
	return w
}

// le returns the literal a·x ≤ r and the interval of r for which it is the
// same literal.
func (w view) le(r int) (lit sat.Lit, lo, hi int) {
	m := len(w.c)
	t := sort.Search(m, func(i int) bool { return w.c[i] > r })
	lo, hi = -inf, inf
	if t > 0 {
		lo = w.c[t-1]
	}
	if t < m {
		hi = w.c[t] - 1
	}
	return w.ge[t].Not(), lo, hi
}

type interval struct {
	lo, hi int
	lit    sat.Lit
}

// mdd is the decision diagram of Σ terms ≤ K: node (i, K) stands for
// Σ_{j≥i} aⱼxⱼ ≤ K, and nodes whose K give the same children are shared
// (the interval reduction of Abío et al.), so asking for a new bound reuses
// every node already built. Only the downward implications node → child are
// needed: posting "≥" goes through the negated terms.
type mdd struct {
	e     *encoder
	views []view
	memo  []intervalSet // per level
}

// intervalSet holds disjoint intervals in sorted chunks, so that both
// finding the interval of a point and inserting one stay cheap when a level
// holds many thousands of nodes.
type intervalSet struct {
	chunks [][]interval
}

const chunkSize = 256

// find returns the interval containing k, with the chunk and position
// where an interval for k belongs when there is none.
func (s *intervalSet) find(k int) (iv interval, found bool, c, at int) {
	c = sort.Search(len(s.chunks), func(i int) bool {
		ch := s.chunks[i]
		return ch[len(ch)-1].hi >= k
	})
	if c == len(s.chunks) {
		if c == 0 {
			return interval{}, false, 0, 0
		}
		c--
		return interval{}, false, c, len(s.chunks[c])
	}
	ch := s.chunks[c]
	at = sort.Search(len(ch), func(i int) bool { return ch[i].hi >= k })
	if ch[at].lo <= k {
		return ch[at], true, c, at
	}
	return interval{}, false, c, at
}

// insert puts iv at the place find reported.
func (s *intervalSet) insert(iv interval, c, at int) {
	if len(s.chunks) == 0 {
		s.chunks = [][]interval{{iv}}
		return
	}
	ch := slices.Insert(s.chunks[c], at, iv)
	if len(ch) <= chunkSize {
		s.chunks[c] = ch
		return
	}
	half := len(ch) / 2
	lo := slices.Clone(ch[:half])
	hi := slices.Clone(ch[half:])
	s.chunks[c] = lo
	s.chunks = slices.Insert(s.chunks, c+1, hi)
}

func (e *encoder) newMDD(terms []Term) *mdd {
	terms = slices.Clone(terms)
	// Big coefficients first keeps the diagrams small in practice.
	slices.SortStableFunc(terms, func(a, b Term) int { return abs(b.Coef) - abs(a.Coef) })
	d := &mdd{e: e, views: make([]view, len(terms)), memo: make([]intervalSet, len(terms))}
	for i, t := range terms {
		d.views[i] = e.view(t)
	}
	return d
}

// root returns a literal that implies Σ terms ≤ k.
func (d *mdd) root(k int) sat.Lit {
	if len(d.views) == 0 {
		if 0 <= k {
			return d.e.tru
		}
		return d.e.fls()
	}
	l, _, _ := d.node(0, k)
	return l
}

func satAdd(a, c int) int {
	switch {
	case a >= inf:
		return inf
	case a <= -inf:
		return -inf
	}
	return a + c
}

func (d *mdd) node(i, k int) (sat.Lit, int, int) {
	e := d.e
	w := d.views[i]
	if e.work++; e.work > e.m.workLimit() && e.err == nil {
		e.err = tooLargef("a linear constraint or the objective needs more than %d steps to encode (too many terms with large domains)", e.m.workLimit())
	}
	if i == len(d.views)-1 || e.err != nil {
		return w.le(k)
	}
	memo := &d.memo[i]
	if iv, found, _, _ := memo.find(k); found {
		return iv.lit, iv.lo, iv.hi
	}
	// Children in runs: contributions c[j..j2] whose remaining budgets
	// k-c[j] fall in one child's interval share that child.
	type run struct {
		j   int
		lit sat.Lit
	}
	var runs []run
	lo, hi := -inf, inf
	m := len(w.c)
	for j := 0; j < m; {
		l, clo, chi := d.node(i+1, k-w.c[j])
		// The last j2 with k-c[j2] ≥ clo, that is c[j2] ≤ k-clo.
		j2 := m - 1
		if clo > -inf {
			j2 = sort.Search(m, func(t int) bool { return w.c[t] > k-clo }) - 1
		}
		runs = append(runs, run{j, l})
		lo = max(lo, satAdd(clo, w.c[j2]))
		hi = min(hi, satAdd(chi, w.c[j]))
		j = j2 + 1
	}
	var lit sat.Lit
	switch {
	case runs[len(runs)-1].lit == e.tru: // the strongest child holds: all do
		lit = e.tru
	case runs[0].lit == e.fls(): // the weakest child fails: all do
		lit = e.fls()
	default:
		lit = e.aux()
		for _, r := range runs {
			e.clause(lit.Not(), w.ge[r.j].Not(), r.lit)
		}
	}
	_, _, c, at := memo.find(k)
	memo.insert(interval{lo, hi, lit}, c, at)
	return lit, lo, hi
}
