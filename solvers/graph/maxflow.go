package graph

import (
	"context"
	"fmt"
	"math"
)

// Flow is a maximum flow and a minimum cut.
type Flow struct {
	Value float64
	// EdgeFlow is the flow on each edge, in the order of Edges. On an
	// undirected edge it is signed: positive from From to To.
	EdgeFlow []float64
	// SourceSide lists the nodes on the source side of a minimum cut (those
	// still reachable from the source in the residual graph).
	SourceSide []string
	// CutEdges are the indices (into Edges) of the edges leaving the source
	// side; their capacities add up to CutCapacity, which equals Value.
	CutEdges    []int
	CutCapacity float64
}

// MaxFlow computes a maximum flow from source to sink with Dinic's
// algorithm, reading edge weights as capacities (non-negative). Parallel
// edges add up; an undirected edge carries flow either way up to its
// capacity. The context is checked between phases.
func (g *Graph) MaxFlow(ctx context.Context, source, sink string) (*Flow, error) {
	s, err := g.lookup("source", source)
	if err != nil {
		return nil, err
	}
	t, err := g.lookup("sink", sink)
	if err != nil {
		return nil, err
	}
	if s == t {
		return nil, fmt.Errorf("%w: source and sink are both %q", ErrInvalid, source)
	}
	n, m := len(g.names), len(g.w)
	maxCap := 0.0
	for i, w := range g.w {
		if w < 0 {
			return nil, fmt.Errorf("%w: capacities must be non-negative, and %s", ErrNegativeWeight, g.describeEdge(i))
		}
		maxCap = max(maxCap, w)
	}
	d := newDinic(n, m)
	for i, w := range g.w {
		back := 0.0
		if !g.directed {
			back = w
		}
		d.res[2*i], d.res[2*i+1] = w, back
		d.head[2*i], d.head[2*i+1] = g.to[i], g.from[i]
		d.tail[2*i], d.tail[2*i+1] = g.from[i], g.to[i]
	}
	d.build()
	d.eps = 1e-12 * max(maxCap, 1e-300)
	if err := d.run(ctx, s, t); err != nil {
		return nil, fmt.Errorf("graph: max flow: %w", err)
	}
	f := &Flow{EdgeFlow: make([]float64, m)}
	for i, w := range g.w {
		x := w - d.res[2*i]
		if g.from[i] == g.to[i] {
			x = 0
		}
		if g.directed {
			x = min(max(x, 0), w)
		}
		f.EdgeFlow[i] = x
		if g.from[i] == s && g.to[i] != s {
			f.Value += x
		} else if g.to[i] == s && g.from[i] != s {
			f.Value -= x
		}
	}
	side := d.reach(s)
	for v, in := range side {
		if in {
			f.SourceSide = append(f.SourceSide, g.names[v])
		}
	}
	for i, w := range g.w {
		a, b := side[g.from[i]], side[g.to[i]]
		if (a && !b) || (!g.directed && b && !a) {
			f.CutEdges = append(f.CutEdges, i)
			f.CutCapacity += w
		}
	}
	return f, nil
}

// dinic is a residual network: arc 2i is edge i forward, 2i+1 its reverse.
type dinic struct {
	n          int
	res        []float64
	head, tail []int // arc a goes tail[a] -> head[a]
	start, arc []int // CSR of arcs by tail
	level, it  []int
	eps        float64
}

func newDinic(n, m int) *dinic {
	return &dinic{n: n, res: make([]float64, 2*m), head: make([]int, 2*m), tail: make([]int, 2*m)}
}

func (d *dinic) build() {
	d.start = make([]int, d.n+1)
	for _, u := range d.tail {
		d.start[u+1]++
	}
	for i := 1; i <= d.n; i++ {
		d.start[i] += d.start[i-1]
	}
	d.arc = make([]int, len(d.tail))
	fill := append([]int(nil), d.start[:d.n]...)
	for a, u := range d.tail {
		d.arc[fill[u]] = a
		fill[u]++
	}
	d.level = make([]int, d.n)
	d.it = make([]int, d.n)
}

func (d *dinic) bfs(s, t int) bool {
	for i := range d.level {
		d.level[i] = -1
	}
	d.level[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, a := range d.arc[d.start[u]:d.start[u+1]] {
			if v := d.head[a]; d.res[a] > d.eps && d.level[v] < 0 {
				d.level[v] = d.level[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return d.level[t] >= 0
}

func (d *dinic) dfs(u, t int, pushed float64) float64 {
	if u == t {
		return pushed
	}
	for ; d.it[u] < d.start[u+1]; d.it[u]++ {
		a := d.arc[d.it[u]]
		v := d.head[a]
		if d.res[a] <= d.eps || d.level[v] != d.level[u]+1 {
			continue
		}
		if got := d.dfs(v, t, min(pushed, d.res[a])); got > d.eps {
			d.res[a] -= got
			d.res[a^1] += got
			return got
		}
	}
	return 0
}

func (d *dinic) run(ctx context.Context, s, t int) error {
	for d.bfs(s, t) {
		if err := ctx.Err(); err != nil {
			return err
		}
		copy(d.it, d.start[:d.n])
		for d.dfs(s, t, math.Inf(1)) > d.eps {
		}
	}
	return nil
}

// reach marks the nodes reachable from s through arcs with residual room.
func (d *dinic) reach(s int) []bool {
	seen := make([]bool, d.n)
	seen[s] = true
	stack := []int{s}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, a := range d.arc[d.start[u]:d.start[u+1]] {
			if v := d.head[a]; d.res[a] > d.eps && !seen[v] {
				seen[v] = true
				stack = append(stack, v)
			}
		}
	}
	return seen
}
