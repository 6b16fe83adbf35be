package graph

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// MaxK bounds the number of paths KShortestPaths returns.
const MaxK = 10000

// KShortestPaths returns up to k cheapest simple (loopless) paths from one
// node to another, cheapest first, by Yen's algorithm. Weights must be
// non-negative. Ties are broken by fewer nodes, then by node order, so the
// answer is deterministic. It returns an empty slice when to is
// unreachable; from == to yields the single one-node path.
func (g *Graph) KShortestPaths(ctx context.Context, from, to string, k int) ([]Path, error) {
	s, err := g.lookup("from", from)
	if err != nil {
		return nil, err
	}
	t, err := g.lookup("to", to)
	if err != nil {
		return nil, err
	}
	if k < 1 || k > MaxK {
		return nil, fmt.Errorf("%w: k = %d: want 1..%d", ErrInvalid, k, MaxK)
	}
	c := g.compile()
	if c.negative {
		return nil, fmt.Errorf("%w: k-shortest paths need non-negative edge weights, and %s", ErrNegativeWeight, g.describeEdge(c.firstNeg))
	}
	y := newYen(c)
	first, ok := y.dijkstra(s, t)
	if !ok {
		return []Path{}, nil
	}
	accepted := []candidate{{first, c.pathCost(first)}}
	seen := map[string]bool{pathKey(first): true}
	var pool candHeap
	for len(accepted) < k {
		prev := accepted[len(accepted)-1].nodes
		for i := 0; i+1 < len(prev); i++ {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("graph: k-shortest paths: %w", err)
			}
			spur := prev[i]
			root := prev[:i+1]
			y.reset()
			for _, a := range accepted {
				if len(a.nodes) > i+1 && slices.Equal(a.nodes[:i+1], root) {
					y.banArc[a.nodes[i+1]] = true
				}
			}
			for _, u := range root[:i] {
				y.banNode[u] = true
			}
			y.spur = spur
			tail, ok := y.dijkstra(spur, t)
			if !ok {
				continue
			}
			full := append(slices.Clone(root[:i]), tail...)
			key := pathKey(full)
			if seen[key] {
				continue
			}
			seen[key] = true
			heap.Push(&pool, candidate{full, c.pathCost(full)})
		}
		if pool.Len() == 0 {
			break
		}
		accepted = append(accepted, heap.Pop(&pool).(candidate))
	}
	out := make([]Path, len(accepted))
	for i, a := range accepted {
		out[i] = Path{Nodes: g.namesOf(a.nodes), Cost: a.cost, Reachable: true, Algorithm: "yen"}
	}
	return out, nil
}

func pathKey(p []int) string {
	var b strings.Builder
	for _, v := range p {
		b.WriteString(strconv.Itoa(v))
		b.WriteByte(',')
	}
	return b.String()
}

// pathCost sums the cheapest arc weights along p, in order.
func (c *compiled) pathCost(p []int) float64 {
	cost := 0.0
	for i := 0; i+1 < len(p); i++ {
		w, _ := c.arcWeight(p[i], p[i+1])
		cost += w
	}
	return cost
}

type candidate struct {
	nodes []int
	cost  float64
}

type candHeap []candidate

func (h candHeap) Len() int { return len(h) }
func (h candHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	if len(a.nodes) != len(b.nodes) {
		return len(a.nodes) < len(b.nodes)
	}
	return slices.Compare(a.nodes, b.nodes) < 0
}
func (h candHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)   { *h = append(*h, x.(candidate)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// yen holds the reusable state of the spur searches: a Dijkstra over the
// CSR arcs that skips banned nodes and, from the spur node, banned arcs.
type yen struct {
	c       *compiled
	dist    []float64
	par     []int
	done    []bool
	banNode []bool
	banArc  []bool // targets banned as first hop from spur
	spur    int
	touched []int
	q       distHeap
}

func newYen(c *compiled) *yen {
	n := len(c.start) - 1
	y := &yen{c: c, dist: make([]float64, n), par: make([]int, n), done: make([]bool, n),
		banNode: make([]bool, n), banArc: make([]bool, n), spur: -1}
	for i := range y.dist {
		y.dist[i], y.par[i] = math.Inf(1), -1
	}
	return y
}

func (y *yen) reset() {
	clear(y.banNode)
	clear(y.banArc)
	y.spur = -1
}

// dijkstra returns a cheapest path s..t avoiding the bans.
func (y *yen) dijkstra(s, t int) ([]int, bool) {
	for _, v := range y.touched {
		y.dist[v], y.par[v], y.done[v] = math.Inf(1), -1, false
	}
	y.touched = append(y.touched[:0], s)
	y.dist[s] = 0
	y.q = append(y.q[:0], distItem{0, s})
	c := y.c
	for len(y.q) > 0 {
		it := heap.Pop(&y.q).(distItem)
		u := it.node
		if y.done[u] {
			continue
		}
		y.done[u] = true
		if u == t {
			break
		}
		for a := c.start[u]; a < c.start[u+1]; a++ {
			v := c.adj[a]
			if y.banNode[v] || y.done[v] || (u == y.spur && y.banArc[v]) {
				continue
			}
			if d := it.dist + c.adjW[a]; d < y.dist[v] {
				if math.IsInf(y.dist[v], 1) {
					y.touched = append(y.touched, v)
				}
				y.dist[v], y.par[v] = d, u
				heap.Push(&y.q, distItem{d, v})
			}
		}
	}
	if !y.done[t] {
		return nil, false
	}
	var p []int
	for v := t; v != -1; v = y.par[v] {
		p = append(p, v)
	}
	slices.Reverse(p)
	return p, true
}

type distItem struct {
	dist float64
	node int
}

type distHeap []distItem

func (h distHeap) Len() int           { return len(h) }
func (h distHeap) Less(i, j int) bool { return h[i].dist < h[j].dist }
func (h distHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)        { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
