package puzzles

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
)

// ErrSearchLimit is returned when a state-space search would store more
// states than its limit; the instance is too large, not unsolvable.
var ErrSearchLimit = errors.New("puzzles: search limit reached")

// planSearchLimit bounds the states one search may store.
const planSearchLimit = 1_000_000

// planProblem is a state space with unit-cost moves for planSearch.
type planProblem[S comparable] struct {
	start  S
	isGoal func(S) bool
	// h is a consistent lower bound on the moves left (nil means 0, which
	// makes the search breadth-first).
	h func(S) int
	// expand calls emit for every move from s with the state it leads to.
	expand func(s S, emit func(move int, next S))
	limit  int
}

type planEntry[S comparable] struct {
	parent S
	move   int
	g      int
	closed bool
}

type planItem[S comparable] struct {
	f, g int
	seq  int
	s    S
}

type planQueue[S comparable] []planItem[S]

func (q planQueue[S]) Len() int { return len(q) }
func (q planQueue[S]) Less(i, j int) bool {
	if q[i].f != q[j].f {
		return q[i].f < q[j].f
	}
	if q[i].g != q[j].g {
		return q[i].g > q[j].g // deeper first among equals: reaches goals sooner
	}
	return q[i].seq < q[j].seq
}
func (q planQueue[S]) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *planQueue[S]) Push(x any)   { *q = append(*q, x.(planItem[S])) }
func (q *planQueue[S]) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// planSearch finds a shortest sequence of moves from p.start to a goal
// state with A* (breadth-first when p.h is nil). found is false when the
// whole reachable space holds no goal. With a consistent heuristic the
// first goal taken from the queue is at minimum depth.
func planSearch[S comparable](ctx context.Context, p planProblem[S]) (moves []int, found bool, err error) {
	limit := p.limit
	if limit <= 0 {
		limit = planSearchLimit
	}
	h := p.h
	if h == nil {
		h = func(S) int { return 0 }
	}
	seen := map[S]*planEntry[S]{p.start: {parent: p.start}}
	q := &planQueue[S]{{f: h(p.start), s: p.start}}
	seq := 0
	for q.Len() > 0 {
		it := heap.Pop(q).(planItem[S])
		e := seen[it.s]
		if e.closed || it.g > e.g {
			continue
		}
		e.closed = true
		if p.isGoal(it.s) {
			for s := it.s; s != p.start; s = seen[s].parent {
				moves = append(moves, seen[s].move)
			}
			for i, j := 0, len(moves)-1; i < j; i, j = i+1, j-1 {
				moves[i], moves[j] = moves[j], moves[i]
			}
			return moves, true, nil
		}
		seq++
		if seq%2048 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
		}
		if len(seen) > limit {
			return nil, false, fmt.Errorf("%w: more than %d states", ErrSearchLimit, limit)
		}
		g := it.g + 1
		p.expand(it.s, func(move int, next S) {
			if ne, ok := seen[next]; ok {
				if ne.closed || ne.g <= g {
					return
				}
				ne.parent, ne.move, ne.g = it.s, move, g
			} else {
				seen[next] = &planEntry[S]{parent: it.s, move: move, g: g}
			}
			heap.Push(q, planItem[S]{f: g + h(next), g: g, seq: seq, s: next})
		})
	}
	return nil, false, nil
}
