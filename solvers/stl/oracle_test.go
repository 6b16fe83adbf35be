package stl

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
)

// The dense-sampling oracle: positions interpolated by hand at every
// h = 1e-4·H, point-in-polygon and signed distance written here from
// scratch, and the formula evaluated on the sampled signal with discrete
// windows. It shares nothing with the checker but the formula tree.

const (
	oracleH    = 10.0           // horizon
	oracleStep = oracleH * 1e-4 // sample step h
)

type oracleScene struct {
	robCache map[Atom][]float64
	inCache  map[Atom][]bool
	xs, ys   [][]float64 // sampled positions per path
	paths    []Path
	regions  map[string][][]geom.Point // region name → rings (outer ring of each polygon)
	polys    map[string][]geom.Polygon
}

// oPos interpolates path p at time t, resting after the end.
func oPos(p Path, t float64) (float64, float64) {
	if t >= p[len(p)-1].T {
		w := p[len(p)-1]
		return w.X, w.Y
	}
	for i := 1; i < len(p); i++ {
		if t <= p[i].T {
			a, b := p[i-1], p[i]
			s := (t - a.T) / (b.T - a.T)
			return a.X + s*(b.X-a.X), a.Y + s*(b.Y-a.Y)
		}
	}
	return p[0].X, p[0].Y
}

func oSegDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	s := 0.0
	if l2 > 0 {
		s = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-ax-s*dx, py-ay-s*dy)
}

// oSigned is the signed distance to a simple polygon ring (crossing
// number for the sign; boundary points count as inside).
func oSigned(px, py float64, ring []geom.Point) float64 {
	d := math.Inf(1)
	in := false
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		d = math.Min(d, oSegDist(px, py, a.X, a.Y, b.X, b.Y))
		if (a.Y > py) != (b.Y > py) && px < a.X+(py-a.Y)*(b.X-a.X)/(b.Y-a.Y) {
			in = !in
		}
	}
	if in || d == 0 {
		return d
	}
	return -d
}

// oInside is the crossing-number test alone (boundary points, a
// measure-zero set of sample times, may go either way).
func oInside(px, py float64, ring []geom.Point) bool {
	in := false
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		if (a.Y > py) != (b.Y > py) && px < a.X+(py-a.Y)*(b.X-a.X)/(b.Y-a.Y) {
			in = !in
		}
	}
	return in
}

var robotNames = []string{"r0", "r1"}

// atomRob returns ρ of atom a at (sampled) time t.
func (sc *oracleScene) atomRob(a Atom, t float64) float64 {
	best := math.Inf(-1)
	for i, p := range sc.paths {
		if a.Robot != "" && a.Robot != robotNames[i] {
			continue
		}
		x, y := oPos(p, t)
		for _, ring := range sc.regions[a.Region] {
			best = math.Max(best, oSigned(x, y, ring))
		}
	}
	return best
}

// atomSamples says whether atom a holds at each of the n sample times.
func (sc *oracleScene) atomSamples(a Atom, n int) []bool {
	if c, ok := sc.inCache[a]; ok {
		return c
	}
	if sc.xs == nil {
		for _, p := range sc.paths {
			xs, ys := make([]float64, n), make([]float64, n)
			for k := range n {
				xs[k], ys[k] = oPos(p, float64(k)*oracleStep)
			}
			sc.xs, sc.ys = append(sc.xs, xs), append(sc.ys, ys)
		}
		sc.inCache = map[Atom][]bool{}
	}
	out := make([]bool, n)
	rings := sc.regions[a.Region]
	// Bounding boxes of the rings reject most samples cheaply.
	type bbox struct{ x0, x1, y0, y1 float64 }
	boxes := make([]bbox, len(rings))
	for r, ring := range rings {
		b := bbox{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)}
		for _, q := range ring {
			b.x0, b.x1 = math.Min(b.x0, q.X), math.Max(b.x1, q.X)
			b.y0, b.y1 = math.Min(b.y0, q.Y), math.Max(b.y1, q.Y)
		}
		boxes[r] = b
	}
	for i := range sc.paths {
		if a.Robot != "" && a.Robot != robotNames[i] {
			continue
		}
		xs, ys := sc.xs[i], sc.ys[i]
		for k := range n {
			if out[k] {
				continue
			}
			x, y := xs[k], ys[k]
			for r, ring := range rings {
				b := boxes[r]
				if x < b.x0 || x > b.x1 || y < b.y0 || y > b.y1 {
					continue
				}
				if oInside(x, y, ring) {
					out[k] = true
					break
				}
			}
		}
	}
	sc.inCache[a] = out
	return out
}

func (sc *oracleScene) signal() *PathSignal {
	return &PathSignal{
		Names: []string{"r0", "r1"},
		Paths: sc.paths,
		Resolve: func(a Atom) (Binding, error) {
			var b Binding
			for i := range sc.paths {
				if a.Robot == "" || a.Robot == fmt.Sprintf("r%d", i) {
					b.Paths = append(b.Paths, i)
				}
			}
			ps, ok := sc.polys[a.Region]
			if !ok {
				return b, fmt.Errorf("unknown region %s", a.Region)
			}
			b.Polygons = ps
			return b, nil
		},
	}
}

// sampledBool evaluates f on the grid k·h, k = 0..n-1; windows beyond the
// grid read its last sample (every sub-formula is constant after the
// signal's end, which is ≤ H).
func (sc *oracleScene) sampledBool(f *Formula, n int, memo map[*Formula][]bool) []bool {
	if v, ok := memo[f]; ok {
		return v
	}
	out := make([]bool, n)
	win := func(b *Bounds) (int, int) {
		if b == nil {
			return 0, int(math.Round(oracleH / oracleStep))
		}
		return int(math.Round(b.Lo / oracleStep)), int(math.Round(b.Hi / oracleStep))
	}
	clamp := func(j int) int { return min(j, n-1) }
	switch f.Op {
	case OpTrue:
		for k := range out {
			out[k] = true
		}
	case OpFalse:
	case OpAtom:
		out = sc.atomSamples(f.Atom, n)
	case OpNot:
		a := sc.sampledBool(f.Args[0], n, memo)
		for k := range out {
			out[k] = !a[k]
		}
	case OpAnd, OpOr:
		for k := range out {
			out[k] = f.Op == OpAnd
		}
		for _, g := range f.Args {
			a := sc.sampledBool(g, n, memo)
			for k := range out {
				if f.Op == OpAnd {
					out[k] = out[k] && a[k]
				} else {
					out[k] = out[k] || a[k]
				}
			}
		}
	case OpImplies, OpIff:
		a, b := sc.sampledBool(f.Args[0], n, memo), sc.sampledBool(f.Args[1], n, memo)
		for k := range out {
			if f.Op == OpImplies {
				out[k] = !a[k] || b[k]
			} else {
				out[k] = a[k] == b[k]
			}
		}
	case OpEventually, OpAlways:
		a := sc.sampledBool(f.Args[0], n, memo)
		lo, hi := win(f.Bounds)
		// next[j]: first index ≥ j where a is true (for F) or false (for G).
		want := f.Op == OpEventually
		next := make([]int, n+1)
		next[n] = math.MaxInt
		for j := n - 1; j >= 0; j-- {
			next[j] = next[j+1]
			if a[j] == want {
				next[j] = j
			}
		}
		for k := range out {
			j0, j1 := clamp(k+lo), clamp(k+hi)
			hit := next[j0] <= j1
			out[k] = hit == want
		}
	case OpUntil:
		a, b := sc.sampledBool(f.Args[0], n, memo), sc.sampledBool(f.Args[1], n, memo)
		lo, hi := win(f.Bounds)
		nextB := make([]int, n+1)
		nextFalseA := make([]int, n+1)
		nextB[n], nextFalseA[n] = math.MaxInt, math.MaxInt
		for j := n - 1; j >= 0; j-- {
			nextB[j], nextFalseA[j] = nextB[j+1], nextFalseA[j+1]
			if b[j] {
				nextB[j] = j
			}
			if !a[j] {
				nextFalseA[j] = j
			}
		}
		for k := range out {
			// Some j in [k+lo, k+hi] with b[j] and a true on [k, j].
			last := clamp(k + hi)
			if nf := nextFalseA[k]; nf-1 < last {
				last = nf - 1
			}
			j0 := clamp(k + lo)
			if k+lo > n-1 {
				// The window lies past the grid, where everything is constant.
				out[k] = b[n-1] && nextFalseA[k] == math.MaxInt
				continue
			}
			out[k] = nextB[j0] <= last
		}
	}
	memo[f] = out
	return out
}

// sampledRob evaluates the robustness on the grid with sliding-window
// extrema (monotone deques) for F and G and a direct scan for U.
func (sc *oracleScene) sampledRob(f *Formula, n int, memo map[*Formula][]float64) []float64 {
	if v, ok := memo[f]; ok {
		return v
	}
	out := make([]float64, n)
	win := func(b *Bounds) (int, int) {
		if b == nil {
			return 0, int(math.Round(oracleH / oracleStep))
		}
		return int(math.Round(b.Lo / oracleStep)), int(math.Round(b.Hi / oracleStep))
	}
	at := func(a []float64, j int) float64 { return a[min(j, n-1)] }
	switch f.Op {
	case OpTrue:
		for k := range out {
			out[k] = math.Inf(1)
		}
	case OpFalse:
		for k := range out {
			out[k] = math.Inf(-1)
		}
	case OpAtom:
		if c, ok := sc.robCache[f.Atom]; ok {
			out = c
			break
		}
		for k := range out {
			out[k] = sc.atomRob(f.Atom, float64(k)*oracleStep)
		}
		if sc.robCache == nil {
			sc.robCache = map[Atom][]float64{}
		}
		sc.robCache[f.Atom] = out
	case OpNot:
		a := sc.sampledRob(f.Args[0], n, memo)
		for k := range out {
			out[k] = -a[k]
		}
	case OpAnd, OpOr:
		for k := range out {
			if f.Op == OpAnd {
				out[k] = math.Inf(1)
			} else {
				out[k] = math.Inf(-1)
			}
		}
		for _, g := range f.Args {
			a := sc.sampledRob(g, n, memo)
			for k := range out {
				if f.Op == OpAnd {
					out[k] = math.Min(out[k], a[k])
				} else {
					out[k] = math.Max(out[k], a[k])
				}
			}
		}
	case OpImplies:
		a, b := sc.sampledRob(f.Args[0], n, memo), sc.sampledRob(f.Args[1], n, memo)
		for k := range out {
			out[k] = math.Max(-a[k], b[k])
		}
	case OpIff:
		a, b := sc.sampledRob(f.Args[0], n, memo), sc.sampledRob(f.Args[1], n, memo)
		for k := range out {
			out[k] = math.Max(math.Min(a[k], b[k]), math.Min(-a[k], -b[k]))
		}
	case OpEventually, OpAlways:
		a := sc.sampledRob(f.Args[0], n, memo)
		lo, hi := win(f.Bounds)
		sign := 1.0
		if f.Op == OpAlways {
			sign = -1
		}
		// Range maxima of sign·a with a sparse table; indices past the grid
		// read the last sample.
		table := [][]float64{make([]float64, n)}
		for j := range n {
			table[0][j] = sign * a[j]
		}
		for w := 1; 2*w <= n; w *= 2 {
			prev := table[len(table)-1]
			row := make([]float64, n-2*w+1)
			for j := range row {
				row[j] = math.Max(prev[j], prev[j+w])
			}
			table = append(table, row)
		}
		query := func(i, j int) float64 { // max over [i, j]
			lvl, w := 0, 1
			for 2*w <= j-i+1 {
				lvl, w = lvl+1, 2*w
			}
			return math.Max(table[lvl][i], table[lvl][j-w+1])
		}
		for k := range out {
			out[k] = sign * query(min(k+lo, n-1), min(k+hi, n-1))
		}
	case OpUntil:
		a, b := sc.sampledRob(f.Args[0], n, memo), sc.sampledRob(f.Args[1], n, memo)
		lo, hi := win(f.Bounds)
		for k := range out {
			best := math.Inf(-1)
			run := math.Inf(1)
			for j := k; j <= k+hi; j++ {
				if v := at(a, j); v < run {
					run = v
				}
				if j >= k+lo {
					v := at(b, j)
					if run < v {
						v = run
					}
					if v > best {
						best = v
					}
				}
			}
			out[k] = best
		}
	}
	memo[f] = out
	return out
}

// randPath draws 2–6 waypoints in [0,10]² with times ending by H.
func randPath(rng *rand.Rand) Path {
	n := 2 + rng.IntN(5)
	ts := make([]float64, n)
	for i := 1; i < n; i++ {
		ts[i] = rng.Float64() * oracleH * 0.95
	}
	ts[0] = 0
	for i := 1; i < n; i++ { // sort
		for j := i; j > 1 && ts[j] < ts[j-1]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
	p := make(Path, 0, n)
	for i := range n {
		if i > 0 && ts[i]-p[len(p)-1].T < 0.05 {
			continue
		}
		p = append(p, Waypoint{X: rng.Float64() * 10, Y: rng.Float64() * 10, T: ts[i]})
	}
	return p
}

// randRegion draws a box or a star-shaped (often non-convex) polygon.
func randRegion(rng *rand.Rand) geom.Polygon {
	cx, cy := 1+rng.Float64()*8, 1+rng.Float64()*8
	if rng.IntN(3) > 0 {
		w, h := 0.5+rng.Float64()*3, 0.5+rng.Float64()*3
		return geom.Box{XMin: cx - w/2, XMax: cx + w/2, YMin: cy - h/2, YMax: cy + h/2}.Polygon()
	}
	for {
		k := 5 + rng.IntN(3)
		var ring []geom.Point
		for i := range k {
			ang := (float64(i) + 0.8*rng.Float64()) * 2 * math.Pi / float64(k)
			r := 0.6 + rng.Float64()*1.8
			ring = append(ring, geom.Pt(cx+r*math.Cos(ang), cy+r*math.Sin(ang)))
		}
		if p, err := geom.NewPolygon(ring); err == nil {
			return p
		}
	}
}

var oracleRegions = []string{"A", "B", "C", "D"}

func randAtom(rng *rand.Rand) *Formula {
	robot := ""
	switch rng.IntN(4) {
	case 0:
		robot = "r0"
	case 1:
		robot = "r1"
	}
	return Prop(robot, oracleRegions[rng.IntN(len(oracleRegions))])
}

// randBounds draws [lo, hi] with lo ≤ maxLo and hi − lo ≤ maxSpan, both
// multiples of 0.25 (exact on the sample grid), or nil (whole horizon).
func randBounds(rng *rand.Rand, maxLo, maxSpan float64) *Bounds {
	if rng.IntN(4) == 0 {
		return nil
	}
	lo := float64(rng.IntN(int(maxLo/0.25)+1)) * 0.25
	hi := lo + float64(rng.IntN(int(maxSpan/0.25)+1))*0.25
	return &Bounds{lo, hi}
}

// randFormula draws a formula of nesting depth ≤ d; untilMax bounds the
// upper end of bounded Until windows (the robustness oracle scans them).
func randFormula(rng *rand.Rand, d int, untilMax float64) *Formula {
	if d == 0 || rng.IntN(5) == 0 {
		return randAtom(rng)
	}
	switch rng.IntN(9) {
	case 0:
		return Not(randFormula(rng, d-1, untilMax))
	case 1:
		return And(randFormula(rng, d-1, untilMax), randFormula(rng, d-1, untilMax))
	case 2:
		return Or(randFormula(rng, d-1, untilMax), randFormula(rng, d-1, untilMax))
	case 3:
		return Implies(randFormula(rng, d-1, untilMax), randFormula(rng, d-1, untilMax))
	case 4:
		return Iff(randAtom(rng), randFormula(rng, d-1, untilMax))
	case 5, 6:
		return Eventually(randBounds(rng, 2, 4), randFormula(rng, d-1, untilMax))
	case 7:
		return Always(randBounds(rng, 2, 4), randFormula(rng, d-1, untilMax))
	}
	b := randBounds(rng, min(2, untilMax), untilMax)
	if untilMax < oracleH && (b == nil || b.Hi > untilMax) {
		b = &Bounds{0, untilMax}
	}
	return Until(randFormula(rng, d-1, untilMax), b, randFormula(rng, d-1, untilMax))
}

func randScene(rng *rand.Rand) *oracleScene {
	sc := &oracleScene{paths: []Path{randPath(rng), randPath(rng)}, regions: map[string][][]geom.Point{}, polys: map[string][]geom.Polygon{}}
	for _, name := range oracleRegions {
		k := 1
		if rng.IntN(4) == 0 {
			k = 2 // a region made of two polygons
		}
		for range k {
			p := randRegion(rng)
			sc.polys[name] = append(sc.polys[name], p)
			sc.regions[name] = append(sc.regions[name], p.Outer)
		}
	}
	return sc
}

// decidable reports whether sampling at step h decides every node: each
// node's set and its complement have no piece shorter than 3h within
// [0, H] (the pieces of a sampled set then match the exact ones).
func decidable(sets map[*Formula]Set) bool {
	for _, s := range sets {
		for _, part := range []Set{s, s.Complement()} {
			for _, iv := range part.Intersect(Set{Closed(0, oracleH)}) {
				if iv.Hi-iv.Lo < 3*oracleStep {
					return false
				}
			}
		}
	}
	return true
}

// TestOracleBoolean compares the exact sets of every sub-formula with the
// sampled evaluation at every grid point not within 1e-7 of an interval
// end, on random scenes and formulas. Cases whose truth hinges on a piece
// narrower than 3h are skipped (and counted).
func TestOracleBoolean(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	n := int(math.Round(oracleH/oracleStep)) + 1
	cases, skipped, sat := 2500, 0, 0
	if testing.Short() || raceEnabled {
		cases = 300
	}
	ctx := context.Background()
	for c := range cases {
		sc := randScene(rng)
		f := randFormula(rng, 3, oracleH)
		e, err := newEvaluator(ctx, f, sc.signal(), Options{Horizon: oracleH})
		if err != nil {
			t.Fatal(err)
		}
		root, err := e.sat(f)
		if err != nil {
			t.Fatal(err)
		}
		if !decidable(e.sets) {
			skipped++
			continue
		}
		if root.Contains(0) {
			sat++
		}
		memo := map[*Formula][]bool{}
		for node, s := range e.sets {
			got := sc.sampledBool(node, n, memo)
			// Walk the grid and the intervals together.
			i := 0
			for k := range n {
				tk := float64(k) * oracleStep
				for i < len(s) && s[i].Hi+1e-7 < tk {
					i++
				}
				if i < len(s) && (math.Abs(s[i].Lo-tk) <= 1e-7 || math.Abs(s[i].Hi-tk) <= 1e-7) {
					continue
				}
				in := i < len(s) && s[i].Contains(tk)
				if got[k] != in {
					t.Fatalf("case %d: %s at t=%g: oracle %v, exact %v (exact set %v)\nformula %s\npaths %v",
						c, node, tk, got[k], in, s, f, sc.paths)
				}
			}
		}
	}
	t.Logf("%d cases: %d decided (%d satisfied), %d skipped as hinging on pieces narrower than 3h", cases, cases-skipped, sat, skipped)
	if skipped > cases/2 {
		t.Fatalf("too many skipped cases: %d of %d", skipped, cases)
	}
}

// TestOracleRobustness compares the certified robustness bracket with
// the sampled robustness: they differ by at most the distance a robot
// covers in a sample step per nesting level.
func TestOracleRobustness(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	n := int(math.Round(oracleH/oracleStep)) + 1
	cases := 400
	if testing.Short() || raceEnabled {
		cases = 60
	}
	ctx := context.Background()
	for c := range cases {
		sc := randScene(rng)
		f := randFormula(rng, 3, 0.25)
		sig := sc.signal()
		res, err := Check(ctx, f, sig, Options{Horizon: oracleH})
		if err != nil {
			t.Fatal(err)
		}
		if res.Robustness > res.RobustnessUpper || res.RobustnessUpper-res.Robustness > 1e-7 {
			t.Fatalf("case %d: bad bracket [%g, %g]", c, res.Robustness, res.RobustnessUpper)
		}
		if res.Robustness > 0 && !res.Satisfied || res.RobustnessUpper < 0 && res.Satisfied {
			t.Fatalf("case %d: robustness [%g, %g] contradicts the verdict %v for %s", c, res.Robustness, res.RobustnessUpper, res.Satisfied, f)
		}
		vmax := 0.0
		for _, p := range sc.paths {
			for i := 1; i < len(p); i++ {
				vmax = math.Max(vmax, p[i-1].Point().Dist(p[i].Point())/(p[i].T-p[i-1].T))
			}
		}
		depth := 0
		var walk func(*Formula, int)
		walk = func(g *Formula, d int) {
			depth = max(depth, d)
			for _, a := range g.Args {
				walk(a, d+1)
			}
		}
		walk(f, 1)
		tol := vmax*oracleStep*float64(depth+1) + 1e-7
		got := sc.sampledRob(f, n, map[*Formula][]float64{})[0]
		exact := res.Robustness
		if math.IsInf(got, 0) || math.IsInf(exact, 0) {
			if got != exact {
				t.Fatalf("case %d: %s: oracle %g, exact %g", c, f, got, exact)
			}
			continue
		}
		if math.Abs(got-exact) > tol {
			t.Fatalf("case %d: %s: oracle robustness %g, exact [%g, %g] (tolerance %g)\npaths %v", c, f, got, res.Robustness, res.RobustnessUpper, tol, sc.paths)
		}
	}
}
