package lp

import (
	"container/heap"
	"context"
	"fmt"
	"math"
)

// intTol is how far from an integer a value may be and still count as one.
const intTol = 1e-6

// change is one branching decision: variable j gets bounds [lo, hi].
type change struct {
	j      int
	lo, hi float64
}

// bbNode is an open node: the branching decisions from the root and the
// LP bound of its parent.
type bbNode struct {
	path  []change
	bound float64
	depth int
	warm  *basisState // the parent's final basis
}

type nodeHeap []*bbNode

func (h nodeHeap) Len() int { return len(h) }
func (h nodeHeap) Less(a, b int) bool {
	if h[a].bound != h[b].bound {
		return h[a].bound < h[b].bound
	}
	return h[a].depth > h[b].depth
}
func (h nodeHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *nodeHeap) Push(x any)   { *h = append(*h, x.(*bbNode)) }
func (h *nodeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// solveMIP is branch and bound on the LP relaxation: depth first (nearest
// rounding first) until an incumbent exists, then best bound first. Nodes
// are pruned when their LP bound cannot beat the incumbent (by at least 1
// when the objective is integral on integral points), with reduced-cost
// fixing of nonbasic integer variables. The bound reported is
// the least LP bound of the open nodes.
func solveMIP(ctx context.Context, p *Problem, opts Options) (*Solution, error) {
	n := len(p.vars)
	lo0, hi0 := p.bounds()
	isInt := make([]bool, n)
	intObj := true
	for j, v := range p.vars {
		if v.typ != Continuous {
			isInt[j] = true
			lo0[j] = math.Ceil(lo0[j] - intTol)
			hi0[j] = math.Floor(hi0[j] + intTol)
			if v.obj != math.Round(v.obj) {
				intObj = false
			}
		} else if v.obj != 0 {
			intObj = false
		}
	}
	g := p.gen(lo0, hi0)
	sol := &Solution{Backend: BackendNative}
	s := p.sign()

	root, err := solveGen(ctx, g, nil)
	if err != nil {
		if ctx.Err() != nil {
			return stopped(ctx.Err())
		}
		return nil, err
	}
	sol.Nodes = 1
	switch root.status {
	case Infeasible:
		sol.Status = Infeasible
		if !opts.NoCertificate {
			sol.Certificate = farkasCertificate(ctx, p, g, root)
		}
		return sol, nil
	case Unbounded:
		return unboundedMIP(ctx, p, g, opts, root)
	}

	var (
		incX    []float64
		incObj  = math.Inf(1)
		stack   []*bbNode
		open    nodeHeap
		limit   string
		failed  int
		lo      = make([]float64, n)
		hi      = make([]float64, n)
		gapTol  = opts.GapTol
		first   = true
		current = root
	)
	gapPruned := math.Inf(1) // least bound of the nodes dropped by GapTol alone
	prune := func(bound float64) bool {
		if incX == nil {
			return false
		}
		tol := 1e-9 * (1 + math.Abs(incObj))
		if bound >= incObj-tol || (intObj && bound > incObj-1+1e-6) {
			return true
		}
		if gapTol > 0 && bound >= incObj-gapTol*math.Max(1, math.Abs(incObj)) {
			gapPruned = math.Min(gapPruned, bound)
			return true
		}
		return false
	}
	push := func(nd *bbNode) {
		if incX == nil {
			stack = append(stack, nd)
		} else {
			heap.Push(&open, nd)
		}
	}
	copy(lo, lo0)
	copy(hi, hi0)
	var node *bbNode = &bbNode{bound: root.obj}
	for {
		var res genResult
		if first {
			res, first = current, false
		} else {
			// Pick the next node.
			switch {
			case len(stack) > 0:
				node, stack = stack[len(stack)-1], stack[:len(stack)-1]
			case open.Len() > 0:
				node = heap.Pop(&open).(*bbNode)
			default:
				node = nil
			}
			if node == nil {
				break
			}
			if prune(node.bound) {
				continue
			}
			if err := ctx.Err(); err != nil {
				push(node)
				limit = "time limit"
				if err != context.DeadlineExceeded {
					return nil, fmt.Errorf("lp: %w", err)
				}
				break
			}
			if opts.NodeLimit > 0 && sol.Nodes >= opts.NodeLimit {
				push(node)
				limit = "node limit"
				break
			}
			copy(lo, lo0)
			copy(hi, hi0)
			for _, c := range node.path {
				lo[c.j], hi[c.j] = c.lo, c.hi
			}
			g.lo, g.hi = lo, hi
			sol.Nodes++
			var err error
			res, err = solveGen(ctx, g, node.warm)
			if err != nil && ctx.Err() != nil {
				if ctx.Err() != context.DeadlineExceeded {
					return nil, fmt.Errorf("lp: %w", ctx.Err())
				}
				push(node)
				limit = "time limit"
				break
			}
			if err != nil || res.status == Unbounded {
				failed++
				continue
			}
		}
		if res.status == Infeasible || prune(res.obj) {
			continue
		}
		// Most fractional integer variable.
		bj, bf := -1, 0.0
		for j := range n {
			if !isInt[j] {
				continue
			}
			f := math.Abs(res.x[j] - math.Round(res.x[j]))
			if f > intTol && f > bf {
				bj, bf = j, f
			}
		}
		if bj < 0 {
			x := append([]float64(nil), res.x...)
			for j := range n {
				if isInt[j] {
					x[j] = math.Round(x[j]) + 0 // no −0
				}
			}
			if v, _ := p.Violation(x, true); v > feasTol*(1+maxAbs(x)) {
				failed++
				continue
			}
			obj := 0.0
			for j := range n {
				obj += g.c[j] * x[j]
			}
			if obj < incObj {
				wasNil := incX == nil
				incX, incObj = x, obj
				if wasNil {
					for _, nd := range stack {
						heap.Push(&open, nd)
					}
					stack = nil
				}
			}
			continue
		}
		v := res.x[bj]
		path := node.path
		if incX != nil && res.d != nil {
			// Reduced-cost fixing: moving a nonbasic integer variable off
			// its bound by 1 raises the LP bound by at least |d_j|; when
			// that cannot beat the incumbent, fix it for the subtree.
			target := incObj - 1e-9*(1+math.Abs(incObj))
			if intObj {
				target = incObj - 1 + 1e-6
			}
			var fixes []change
			for j := range n {
				if !isInt[j] || lo[j] == hi[j] || j == bj {
					continue
				}
				d := res.d[j]
				switch {
				case d > 0 && res.x[j] == lo[j] && res.obj+d > target:
					fixes = append(fixes, change{j, lo[j], lo[j]})
				case d < 0 && res.x[j] == hi[j] && res.obj-d > target:
					fixes = append(fixes, change{j, hi[j], hi[j]})
				}
			}
			if len(fixes) > 0 {
				path = append(append(make([]change, 0, len(path)+len(fixes)), path...), fixes...)
			}
		}
		down := &bbNode{path: append(append(make([]change, 0, len(path)+1), path...), change{bj, loOf(lo0, path, bj), math.Floor(v)}), bound: res.obj, depth: node.depth + 1, warm: res.state}
		up := &bbNode{path: append(append(make([]change, 0, len(path)+1), path...), change{bj, math.Ceil(v), hiOf(hi0, path, bj)}), bound: res.obj, depth: node.depth + 1, warm: res.state}
		if v-math.Floor(v) < 0.5 {
			push(up)
			push(down)
		} else {
			push(down)
			push(up)
		}
	}

	// Best bound over what is left open.
	bound := math.Min(incObj, gapPruned)
	for _, nd := range stack {
		bound = math.Min(bound, nd.bound)
	}
	for _, nd := range open {
		bound = math.Min(bound, nd.bound)
	}
	if intObj && !math.IsInf(bound, 0) {
		bound = math.Ceil(bound - 1e-6) // integral objective on integral points
	}
	if incX != nil {
		sol.X = incX
		sol.Values = p.valuesMap(incX)
		sol.Objective = p.Objective(incX)
		sol.Bound = s*bound + p.ObjConst
		sol.Gap = math.Abs(sol.Objective-sol.Bound) / math.Max(1, math.Abs(sol.Objective))
		sol.Status = Feasible
		if limit == "" && failed == 0 {
			sol.Status = Optimal
			if bound == incObj {
				sol.Bound, sol.Gap = sol.Objective, 0
			}
		}
		viol, where := p.Violation(incX, true)
		sol.Certificate = &Certificate{Kind: "branch-and-bound", PrimalObjective: sol.Objective, DualObjective: sol.Bound,
			PrimalResidual: viol, Checked: viol <= feasTol*(1+maxAbs(incX))}
		sol.Certificate.Note = fmt.Sprintf("incumbent checked feasible and integral; bound from %d LP relaxations", sol.Nodes)
		if !sol.Certificate.Checked {
			sol.Certificate.Note = fmt.Sprintf("incumbent violates %s by %.3g", where, viol)
		}
	} else {
		sol.Status = Infeasible
		sol.Certificate = &Certificate{Kind: "branch-and-bound",
			Note: fmt.Sprintf("every one of the %d nodes is LP-infeasible", sol.Nodes)}
		if limit != "" || failed > 0 {
			sol.Status = Unknown
			sol.Certificate = nil
			sol.Bound = s*bound + p.ObjConst
		}
	}
	switch {
	case limit != "":
		sol.Limit = limit
	case failed > 0:
		sol.Limit = fmt.Sprintf("numerical failure at %d nodes", failed)
	}
	return sol, nil
}

func loOf(lo0 []float64, path []change, j int) float64 {
	v := lo0[j]
	for _, c := range path {
		if c.j == j {
			v = c.lo
		}
	}
	return v
}

func hiOf(hi0 []float64, path []change, j int) float64 {
	v := hi0[j]
	for _, c := range path {
		if c.j == j {
			v = c.hi
		}
	}
	return v
}

// unboundedMIP decides a MILP whose relaxation is unbounded: with an integer
// point it is unbounded (the relaxation's rational ray, scaled to integers,
// keeps integrality), without one it is infeasible.
func unboundedMIP(ctx context.Context, p *Problem, g *genLP, opts Options, root genResult) (*Solution, error) {
	q := p.Clone()
	for j := range q.vars {
		q.vars[j].obj = 0
	}
	fs, err := solveMIP(ctx, q, opts)
	if err != nil {
		return nil, err
	}
	sol := &Solution{Backend: BackendNative, Nodes: fs.Nodes + 1, Status: fs.Status, Limit: fs.Limit}
	switch fs.Status {
	case Optimal:
		sol.Status = Unbounded
		sol.Objective = math.Inf(-1) * p.sign()
		sol.Bound = sol.Objective
		sol.X, sol.Values = fs.X, fs.Values
		if !opts.NoCertificate {
			sol.Certificate = rayCertificate(ctx, p, g, root)
			sol.Certificate.Note += "; the point listed in values is integral"
		}
	case Infeasible:
		sol.Certificate = fs.Certificate
	default:
		sol.Status = Unknown
	}
	return sol, nil
}
