package graph

import (
	"errors"
	"fmt"
	"slices"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/topo"
)

// Topo is the answer of TopoSort: a topological order when the graph is
// acyclic, otherwise one cycle as proof that no order exists.
type Topo struct {
	Acyclic bool
	// Order lists every node so that each edge goes from an earlier node to
	// a later one (when Acyclic).
	Order []string
	// Cycle lists the nodes of a directed cycle (when not Acyclic): an edge
	// leads from each node to the next and from the last back to the first.
	// A self-loop is a cycle of one node.
	Cycle []string
}

// TopoSort orders the nodes of a directed graph so that every edge points
// forward (gonum's Tarjan-based sort, ties in the order nodes were added),
// or reports a cycle. An undirected graph yields ErrUndirected.
func (g *Graph) TopoSort() (Topo, error) {
	if !g.directed {
		return Topo{}, fmt.Errorf("%w: a topological order needs a directed graph", ErrUndirected)
	}
	c := g.compile()
	dg, ok := c.gg.(gonum.Directed)
	if !ok {
		return Topo{}, errors.New("graph: internal error: compiled graph is not directed")
	}
	sorted, err := topo.SortStabilized(dg, nil)
	if err == nil {
		if c.selfLoop >= 0 {
			return Topo{Cycle: []string{g.names[c.selfLoop]}}, nil
		}
		out := Topo{Acyclic: true, Order: make([]string, len(sorted))}
		for i, n := range sorted {
			out.Order[i] = g.names[n.ID()]
		}
		return out, nil
	}
	var un topo.Unorderable
	if !errors.As(err, &un) || len(un) == 0 {
		return Topo{}, fmt.Errorf("graph: topological sort: %w", err)
	}
	comp := make([]int, len(un[0]))
	for i, n := range un[0] {
		comp[i] = int(n.ID())
	}
	return Topo{Cycle: g.namesOf(c.cycleIn(comp))}, nil
}

// cycleIn returns a shortest directed cycle through the first node of a
// strongly connected component (breadth-first search inside it).
func (c *compiled) cycleIn(comp []int) []int {
	in := make(map[int]bool, len(comp))
	for _, v := range comp {
		in[v] = true
	}
	root := slices.Min(comp)
	par := map[int]int{root: -1}
	queue := []int{root}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for a := c.start[u]; a < c.start[u+1]; a++ {
			v := c.adj[a]
			if v == root {
				var cyc []int
				for x := u; x != -1; x = par[x] {
					cyc = append(cyc, x)
				}
				slices.Reverse(cyc)
				return cyc
			}
			if _, seen := par[v]; !seen && in[v] {
				par[v] = u
				queue = append(queue, v)
			}
		}
	}
	return nil // unreachable for a true strongly connected component
}
