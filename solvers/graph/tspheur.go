package graph

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// neighbourCount is the length of the candidate lists of the local search.
const neighbourCount = 10

// tspInst is a closed-tour instance on N nodes with a flat cost matrix. An
// open path is solved as a closed tour through an extra dummy node whose
// arcs make every valid tour pass dummy → start … end → dummy.
type tspInst struct {
	N     int
	c     []float64
	sym   bool
	neigh [][]int
}

func (p *tspInst) d(a, b int) float64 { return p.c[a*p.N+b] }

func isSymmetric(dist [][]float64) bool {
	for i := range dist {
		for j := i + 1; j < len(dist); j++ {
			a, b := dist[i][j], dist[j][i]
			if math.Abs(a-b) > 1e-12*max(1, math.Abs(a), math.Abs(b)) {
				return false
			}
		}
	}
	return true
}

func heuristicTSP(ctx context.Context, dist [][]float64, o TSPOptions) (*Tour, error) {
	n := len(dist)
	sym := isSymmetric(dist)
	closed := !o.Open

	// A valid first route on the real nodes: nearest neighbour from the
	// start, keeping a fixed end for last.
	first := nearestNeighbour(dist, o)
	u0 := RouteCost(dist, first, closed)

	p := &tspInst{sym: sym}
	dummy := -1
	offset := 0.0
	var tour []int
	if closed {
		p.N = n
		p.c = make([]float64, n*n)
		for i := range n {
			copy(p.c[i*n:], dist[i])
			p.c[i*n+i] = 0
		}
		tour = first
	} else {
		// Dummy arcs: 0 to a fixed start / from a fixed end / everywhere on a
		// free side, big elsewhere. big exceeds the cost of the first valid
		// route, so no improving move ever makes the tour invalid.
		N := n + 1
		dummy = n
		p.N = N
		p.c = make([]float64, N*N)
		for i := range n {
			copy(p.c[i*N:], dist[i])
			p.c[i*N+i] = 0
		}
		big := 2*u0 + 1
		out := func(x int) float64 { // dummy -> x: x first
			if o.FreeStart || x == o.Start {
				return 0
			}
			return big
		}
		in := func(x int) float64 { // x -> dummy: x last
			if !o.FixEnd || x == o.End {
				return 0
			}
			return big
		}
		for x := range n {
			if sym {
				// One cost per dummy edge: 0 at fixed ends. With exactly one
				// free end every valid tour pays big once: an offset.
				fixed := (!o.FreeStart && x == o.Start) || (o.FixEnd && x == o.End)
				free := 0
				if o.FreeStart {
					free++
				}
				if !o.FixEnd {
					free++
				}
				w := 0.0
				if free < 2 && !fixed {
					w = big
				}
				if free == 1 {
					offset = big
				}
				p.c[dummy*N+x], p.c[x*N+dummy] = w, w
			} else {
				p.c[dummy*N+x], p.c[x*N+dummy] = out(x), in(x)
			}
		}
		tour = append([]int{dummy}, first...)
	}
	p.buildNeighbours()

	ls := newLocalSearch(p, tour)
	ls.run()
	kicks := o.Kicks
	if kicks == 0 {
		kicks = min(20*p.N, 50000)
	}
	if kicks > 0 && p.N >= 8 {
		ls.iterate(ctx, kicks, rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15)))
	}
	ub := ls.tourCost()

	var lb float64
	boundName := ""
	switch {
	case sym:
		iters := int(min(1000, max(200, 4e8/float64(p.N*p.N))))
		lb = p.oneTreeBound(ctx, ub, iters)
		boundName = "Held–Karp 1-tree bound"
	case p.N <= 1500:
		lb = p.assignmentBound(ctx)
		boundName = "assignment bound"
	default:
		lb = p.rowColBound()
		boundName = "row/column minimum bound"
	}
	lb -= offset

	order := ls.best
	if dummy >= 0 {
		at := slices.Index(order, dummy)
		rot := append(slices.Clone(order[at+1:]), order[:at]...)
		if sym && ((!o.FreeStart && rot[0] != o.Start) || (o.FreeStart && o.FixEnd && rot[len(rot)-1] != o.End)) {
			slices.Reverse(rot)
		}
		order = rot
	} else {
		at := slices.Index(order, o.Start)
		order = append(slices.Clone(order[at:]), order[:at]...)
	}
	if err := checkRoute(order, n, o); err != nil {
		return nil, err
	}
	cost := RouteCost(dist, order, closed)
	lb = min(max(lb, 0), cost)
	t := &Tour{Order: order, Cost: cost, LowerBound: lb,
		Method: "nearest neighbour + 2-opt/Or-opt iterated local search; " + boundName}
	if !sym {
		t.Method = "nearest neighbour + Or-opt iterated local search; " + boundName
	}
	if cost > 0 {
		t.Gap = (cost - lb) / cost
	}
	if t.Gap <= 1e-9 {
		t.Gap, t.LowerBound, t.Exact = 0, cost, true
	}
	return t, nil
}

// checkRoute verifies that order is a permutation obeying the options.
func checkRoute(order []int, n int, o TSPOptions) error {
	if len(order) != n {
		return fmt.Errorf("graph: tsp: internal error: route has %d nodes, want %d", len(order), n)
	}
	seen := make([]bool, n)
	for _, v := range order {
		if v < 0 || v >= n || seen[v] {
			return fmt.Errorf("graph: tsp: internal error: route is not a permutation")
		}
		seen[v] = true
	}
	if !o.FreeStart && order[0] != o.Start {
		return fmt.Errorf("graph: tsp: internal error: route does not start at %d", o.Start)
	}
	if o.FixEnd && order[n-1] != o.End {
		return fmt.Errorf("graph: tsp: internal error: route does not end at %d", o.End)
	}
	return nil
}

func nearestNeighbour(dist [][]float64, o TSPOptions) []int {
	n := len(dist)
	used := make([]bool, n)
	var route []int
	cur := -1
	if !o.FreeStart {
		cur = o.Start
	} else if o.FixEnd && n > 1 {
		cur = 0
		if o.End == 0 {
			cur = 1
		}
	} else {
		cur = 0
	}
	route = append(route, cur)
	used[cur] = true
	if o.FixEnd {
		used[o.End] = true
	}
	for len(route) < n {
		next, best := -1, math.Inf(1)
		for v := range n {
			if !used[v] && dist[cur][v] < best {
				next, best = v, dist[cur][v]
			}
		}
		if next < 0 {
			break
		}
		route = append(route, next)
		used[next] = true
		cur = next
	}
	if o.FixEnd && route[len(route)-1] != o.End {
		route = append(route, o.End)
	}
	return route
}

func (p *tspInst) buildNeighbours() {
	N := p.N
	k := min(neighbourCount, N-1)
	p.neigh = make([][]int, N)
	keys := make([]float64, 0, k+1)
	for a := range N {
		list := make([]int, 0, k+1)
		keys = keys[:0]
		for b := range N {
			if b == a {
				continue
			}
			kb := p.d(a, b) + p.d(b, a)
			if len(list) == k && kb >= keys[k-1] {
				continue
			}
			// Insert b in order of key (ties by index: b grows).
			at := len(list)
			for at > 0 && keys[at-1] > kb {
				at--
			}
			list = slices.Insert(list, at, b)
			keys = slices.Insert(keys, at, kb)
			if len(list) > k {
				list, keys = list[:k], keys[:k]
			}
		}
		p.neigh[a] = list
	}
}

// localSearch improves a closed tour held in an array with positions,
// driven by a queue of nodes whose neighbourhood may still improve.
type localSearch struct {
	p      *tspInst
	t, pos []int
	queue  []int
	queued []bool
	buf    []int
	best   []int
	eps    float64
}

func newLocalSearch(p *tspInst, tour []int) *localSearch {
	ls := &localSearch{p: p, t: slices.Clone(tour), pos: make([]int, p.N), queued: make([]bool, p.N)}
	for i, v := range ls.t {
		ls.pos[v] = i
	}
	maxC := 0.0
	for _, c := range p.c {
		maxC = max(maxC, c)
	}
	ls.eps = 1e-10 * max(maxC, 1e-300)
	for v := range p.N {
		ls.push(v)
	}
	return ls
}

func (ls *localSearch) push(v int) {
	if !ls.queued[v] {
		ls.queued[v] = true
		ls.queue = append(ls.queue, v)
	}
}

func (ls *localSearch) succ(v int) int { return ls.t[(ls.pos[v]+1)%ls.p.N] }
func (ls *localSearch) pred(v int) int { return ls.t[(ls.pos[v]-1+ls.p.N)%ls.p.N] }

func (ls *localSearch) tourCost() float64 {
	c := 0.0
	for i, v := range ls.best {
		c += ls.p.d(v, ls.best[(i+1)%len(ls.best)])
	}
	return c
}

// run improves until no queued node yields an improving move; it returns
// the total change of the tour cost (negative).
func (ls *localSearch) run() float64 {
	total := 0.0
	for len(ls.queue) > 0 {
		v := ls.queue[0]
		ls.queue = ls.queue[1:]
		ls.queued[v] = false
		if delta, ok := ls.improve(v); ok {
			total += delta
			ls.push(v)
		}
	}
	if ls.best == nil {
		ls.best = slices.Clone(ls.t)
	}
	return total
}

func (ls *localSearch) improve(a int) (float64, bool) {
	if ls.p.sym {
		if d, ok := ls.twoOpt(a); ok {
			return d, true
		}
	}
	return ls.orOpt(a)
}

// twoOpt tries to replace the tour edges at a and at a neighbour c by the
// edge a–c and the edge joining their other ends (symmetric costs).
func (ls *localSearch) twoOpt(a int) (float64, bool) {
	p := ls.p
	for _, forward := range [2]bool{true, false} {
		var b int
		if forward {
			b = ls.succ(a)
		} else {
			b = ls.pred(a)
		}
		dab := p.d(a, b)
		for _, c := range p.neigh[a] {
			dac := p.d(a, c)
			if dab-dac <= ls.eps {
				break
			}
			var d int
			if forward {
				d = ls.succ(c)
			} else {
				d = ls.pred(c)
			}
			if c == b || d == a {
				continue
			}
			delta := dac + p.d(b, d) - dab - p.d(c, d)
			if delta < -ls.eps {
				if forward {
					ls.reverse(ls.pos[b], ls.pos[c])
				} else {
					ls.reverse(ls.pos[a], ls.pos[d])
				}
				for _, v := range [4]int{a, b, c, d} {
					ls.push(v)
				}
				return delta, true
			}
		}
	}
	return 0, false
}

// reverse reverses the tour between positions i and j (inclusive, going
// forward, wrapping), or the complement when that is shorter.
func (ls *localSearch) reverse(i, j int) {
	N := ls.p.N
	l := (j-i+N)%N + 1
	if 2*l > N {
		i, j = (j+1)%N, (i-1+N)%N
		l = N - l
	}
	for k := 0; k < l/2; k++ {
		x, y := (i+k)%N, (j-k+N)%N
		ls.t[x], ls.t[y] = ls.t[y], ls.t[x]
		ls.pos[ls.t[x]], ls.pos[ls.t[y]] = x, y
	}
}

// orOpt tries to move the segment of 1–3 nodes starting at a between two
// adjacent nodes near it (reversed too when costs are symmetric).
func (ls *localSearch) orOpt(a int) (float64, bool) {
	p, N := ls.p, ls.p.N
	for L := 1; L <= 3 && L+3 <= N; L++ {
		s1 := a
		sL := ls.t[(ls.pos[a]+L-1)%N]
		pr, nx := ls.pred(s1), ls.succ(sL)
		gain := p.d(pr, s1) + p.d(sL, nx) - p.d(pr, nx)
		if gain <= ls.eps {
			continue
		}
		inSeg := func(v int) bool { return (ls.pos[v]-ls.pos[s1]+N)%N < L }
		for _, end := range [2]int{s1, sL} {
			for _, c := range p.neigh[end] {
				for _, x := range [2]int{c, ls.pred(c)} {
					y := ls.succ(x)
					if inSeg(x) || inSeg(y) {
						continue
					}
					dxy := p.d(x, y)
					if delta := p.d(x, s1) + p.d(sL, y) - dxy - gain; delta < -ls.eps {
						ls.moveSegment(s1, L, x, false)
						ls.pushAll(pr, nx, x, y, s1, sL)
						return delta, true
					}
					if p.sym {
						if delta := p.d(x, sL) + p.d(s1, y) - dxy - gain; delta < -ls.eps {
							ls.moveSegment(s1, L, x, true)
							ls.pushAll(pr, nx, x, y, s1, sL)
							return delta, true
						}
					}
				}
			}
		}
	}
	return 0, false
}

func (ls *localSearch) pushAll(vs ...int) {
	for _, v := range vs {
		ls.push(v)
	}
}

// moveSegment moves the L nodes starting at s1 to just after x, shifting
// the nodes between them on the shorter side.
func (ls *localSearch) moveSegment(s1, L, x int, reversed bool) {
	N := ls.p.N
	i := ls.pos[s1]
	seg := make([]int, L)
	for k := range L {
		seg[k] = ls.t[(i+k)%N]
	}
	if reversed {
		slices.Reverse(seg)
	}
	px := ls.pos[x]
	fwd := (px - (i + L - 1) + 2*N) % N // nodes after the segment up to x
	back := (i - 1 - px + 2*N) % N      // nodes after x up to the segment
	ls.buf = ls.buf[:0]
	var at int
	if fwd <= back {
		// positions i .. px: the fwd gap nodes, then the segment
		for k := 1; k <= fwd; k++ {
			ls.buf = append(ls.buf, ls.t[(i+L-1+k)%N])
		}
		ls.buf = append(ls.buf, seg...)
		at = i
	} else {
		// positions px+1 .. i+L-1: the segment, then the back gap nodes
		ls.buf = append(ls.buf, seg...)
		for k := 1; k <= back; k++ {
			ls.buf = append(ls.buf, ls.t[(px+k)%N])
		}
		at = px + 1
	}
	for k, v := range ls.buf {
		q := (at + k) % N
		ls.t[q] = v
		ls.pos[v] = q
	}
}

// iterate is an iterated local search: a random segment swap (a double
// bridge) near a random position, local search, and the result kept only
// when it is cheaper.
func (ls *localSearch) iterate(ctx context.Context, kicks int, rng *rand.Rand) {
	N := ls.p.N
	bestCost := ls.cycleCost(ls.t)
	ls.best = slices.Clone(ls.t)
	maxSeg := max(1, min(50, (N-2)/3))
	seg := make([]int, 0, 2*maxSeg)
	for k := range kicks {
		if k%256 == 0 && ctx.Err() != nil {
			break
		}
		i := rng.IntN(N)
		l1, l2 := 1+rng.IntN(maxSeg), 1+rng.IntN(maxSeg)
		at := func(q int) int { return ls.t[(i+q)%N] }
		a0, a1, aL, b1, bL, nx := at(0), at(1), at(l1), at(l1+1), at(l1+l2), at(l1+l2+1)
		p := ls.p
		delta := p.d(a0, b1) + p.d(bL, a1) + p.d(aL, nx) - p.d(a0, a1) - p.d(aL, b1) - p.d(bL, nx)
		seg = seg[:0]
		for q := l1 + 1; q <= l1+l2; q++ {
			seg = append(seg, at(q))
		}
		for q := 1; q <= l1; q++ {
			seg = append(seg, at(q))
		}
		for q, v := range seg {
			x := (i + 1 + q) % N
			ls.t[x] = v
			ls.pos[v] = x
		}
		ls.pushAll(a0, a1, aL, b1, bL, nx)
		delta += ls.run()
		cost := bestCost + delta
		if cost < bestCost-ls.eps {
			// Recompute to keep rounding from drifting.
			bestCost = ls.cycleCost(ls.t)
			copy(ls.best, ls.t)
		} else {
			copy(ls.t, ls.best)
			for x, v := range ls.t {
				ls.pos[v] = x
			}
		}
	}
}

func (ls *localSearch) cycleCost(t []int) float64 {
	c := 0.0
	for i, v := range t {
		c += ls.p.d(v, t[(i+1)%len(t)])
	}
	return c
}

// oneTreeBound is the Held–Karp lower bound for symmetric costs: 1-trees
// (a spanning tree on nodes 1..N-1 plus the two cheapest edges at node 0)
// under node penalties π, improved by subgradient steps towards degree 2.
func (p *tspInst) oneTreeBound(ctx context.Context, ub float64, iters int) float64 {
	N := p.N
	pi := make([]float64, N)
	deg := make([]int, N)
	key := make([]float64, N)
	par := make([]int, N)
	inTree := make([]bool, N)
	best := math.Inf(-1)
	lambda := 2.0
	period := max(10, min(50, N/4))
	stale := 0
	for it := 0; it < iters; it++ {
		if it%8 == 0 && ctx.Err() != nil {
			break
		}
		// Prim on nodes 1..N-1, updating keys and finding the next node in
		// one pass.
		for v := range N {
			key[v], par[v], inTree[v], deg[v] = math.Inf(1), -1, false, 0
		}
		total := 0.0
		u := 1
		for range N - 1 {
			inTree[u] = true
			if par[u] >= 0 {
				total += key[u]
				deg[u]++
				deg[par[u]]++
			}
			row := p.c[u*N : u*N+N]
			pu := pi[u]
			next, kn := -1, math.Inf(1)
			for v := 1; v < N; v++ {
				if inTree[v] {
					continue
				}
				if w := row[v] + pu + pi[v]; w < key[v] {
					key[v], par[v] = w, u
				}
				if key[v] < kn {
					next, kn = v, key[v]
				}
			}
			u = next
		}
		// Two cheapest edges at node 0.
		m1, m2, j1, j2 := math.Inf(1), math.Inf(1), -1, -1
		for v := 1; v < N; v++ {
			w := p.c[v] + pi[0] + pi[v]
			if w < m1 {
				m2, j2 = m1, j1
				m1, j1 = w, v
			} else if w < m2 {
				m2, j2 = w, v
			}
		}
		total += m1 + m2
		deg[0] = 2
		deg[j1]++
		deg[j2]++
		sumPi := 0.0
		for _, x := range pi {
			sumPi += x
		}
		l := total - 2*sumPi
		if it == 0 || l > best+1e-12*math.Abs(best) {
			best, stale = l, 0
		} else if stale++; stale >= period {
			lambda, stale = lambda/2, 0
		}
		norm := 0
		for _, d := range deg {
			norm += (d - 2) * (d - 2)
		}
		if norm == 0 || ub-best <= 1e-9*math.Abs(ub) || lambda < 1e-5 {
			break
		}
		step := lambda * (ub - l) / float64(norm)
		for v, d := range deg {
			pi[v] += step * float64(d-2)
		}
	}
	return best
}

// assignmentBound is the optimal assignment (Hungarian method with
// potentials, O(N³)): every tour is an assignment, so it bounds the tour
// from below. On cancellation it falls back to rowColBound.
func (p *tspInst) assignmentBound(ctx context.Context) float64 {
	N := p.N
	big := 0.0
	for _, c := range p.c {
		big += c
	}
	big = 2*big + 1
	cost := func(i, j int) float64 {
		if i == j {
			return big
		}
		return p.c[i*N+j]
	}
	inf := math.Inf(1)
	u := make([]float64, N+1)
	v := make([]float64, N+1)
	match := make([]int, N+1) // match[j] = row assigned to column j (1-based)
	way := make([]int, N+1)
	minv := make([]float64, N+1)
	used := make([]bool, N+1)
	for i := 1; i <= N; i++ {
		if ctx.Err() != nil {
			return p.rowColBound()
		}
		match[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = inf, false
		}
		for {
			used[j0] = true
			i0, delta, j1 := match[j0], inf, 0
			for j := 1; j <= N; j++ {
				if used[j] {
					continue
				}
				if cur := cost(i0-1, j-1) - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= N; j++ {
				if used[j] {
					u[match[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if match[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			match[j0] = match[j1]
			j0 = j1
		}
	}
	total := 0.0
	for j := 1; j <= N; j++ {
		total += cost(match[j]-1, j-1)
	}
	return total
}

// rowColBound is the larger of the sums of the cheapest arc out of and
// into every node.
func (p *tspInst) rowColBound() float64 {
	N := p.N
	rows, cols := 0.0, 0.0
	for i := range N {
		r, c := math.Inf(1), math.Inf(1)
		for j := range N {
			if i != j {
				r = min(r, p.c[i*N+j])
				c = min(c, p.c[j*N+i])
			}
		}
		rows += r
		cols += c
	}
	return max(rows, cols)
}
