package travel

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Relaxation is a minimal set of user constraints whose change makes an
// infeasible query feasible, with the concrete changes and the cost of the
// plan the changed query gets (verified by solving it).
type Relaxation struct {
	Constraints []string `json:"constraints"`
	Fixes       []string `json:"fixes"`
	Query       Query    `json:"query"`
	Cost        float64  `json:"cost"`
}

// relaxable is one user constraint that can be changed.
type relaxable struct {
	name  string
	apply func(q *Query) []alt // the changed queries to try, best first
}

type alt struct {
	q   Query
	fix string
}

// maxRelaxSize bounds the size of the constraint sets tried.
const maxRelaxSize = 3

// Relax finds the minimal sets (up to three constraints) of the query's
// constraints — budget, house rule, room type, each cuisine, transportation,
// visiting-city count, dates — whose change makes it feasible, each verified
// by solving the changed query. timeout bounds the whole search (zero: 20 s).
func Relax(ctx context.Context, db *DB, q Query, timeout time.Duration) ([]Relaxation, error) {
	if timeout <= 0 {
		timeout = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var items []relaxable
	items = append(items, relaxable{"budget", nil}) // handled by solving without a budget
	lc := q.LocalConstraint
	if lc.HouseRule != nil {
		items = append(items, relaxable{"house rule", func(q *Query) []alt {
			c := *q
			c.LocalConstraint.HouseRule = nil
			return []alt{{c, fmt.Sprintf("drop the house rule %q", *q.LocalConstraint.HouseRule)}}
		}})
	}
	if lc.RoomType != nil {
		items = append(items, relaxable{"room type", func(q *Query) []alt {
			c := *q
			c.LocalConstraint.RoomType = nil
			return []alt{{c, fmt.Sprintf("drop the room type %q", *q.LocalConstraint.RoomType)}}
		}})
	}
	for _, cu := range lc.Cuisine {
		cu := cu
		items = append(items, relaxable{"cuisine " + cu, func(q *Query) []alt {
			c := *q
			c.LocalConstraint.Cuisine = slices.DeleteFunc(slices.Clone(q.LocalConstraint.Cuisine), func(x string) bool { return x == cu })
			if len(c.LocalConstraint.Cuisine) == 0 {
				c.LocalConstraint.Cuisine = nil
			}
			return []alt{{c, "drop cuisine " + cu}}
		}})
	}
	if lc.Transportation != nil {
		items = append(items, relaxable{"transportation", func(q *Query) []alt {
			c := *q
			c.LocalConstraint.Transportation = nil
			fix := "allow flights"
			if *q.LocalConstraint.Transportation == "no self-driving" {
				fix = "allow self-driving"
			}
			return []alt{{c, fix}}
		}})
	}
	if !destIsCity(db, &q) {
		items = append(items, relaxable{"visiting-city count", func(q *Query) []alt {
			var out []alt
			for d := 1; d < q.Days; d++ {
				for _, k := range []int{q.VisitingCityNumber - d, q.VisitingCityNumber + d} {
					if k >= 1 && k <= q.Days-1 {
						c := *q
						c.VisitingCityNumber = k
						out = append(out, alt{c, fmt.Sprintf("visit %d cities instead of %d", k, q.VisitingCityNumber)})
					}
				}
			}
			return out
		}})
	}
	items = append(items, relaxable{"dates", func(q *Query) []alt {
		var out []alt
		start, err := time.Parse("2006-01-02", q.Date[0])
		if err != nil {
			return nil
		}
		for d := 1; d <= 7; d++ {
			for _, delta := range []int{-d, d} {
				s := start.AddDate(0, 0, delta)
				c := *q
				c.Date = make([]string, q.Days)
				for i := range c.Date {
					c.Date[i] = s.AddDate(0, 0, i).Format("2006-01-02")
				}
				out = append(out, alt{c, fmt.Sprintf("travel %s to %s instead", c.Date[0], c.Date[len(c.Date)-1])})
			}
		}
		return out
	}})

	var found [][]int
	var out []Relaxation
	n := len(items)
	for size := 1; size <= min(maxRelaxSize, n); size++ {
		for _, set := range combinations(n, size) {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			if supersetOfAny(set, found) {
				continue
			}
			rel, ok, err := tryRelax(ctx, db, q, items, set)
			if err != nil {
				return out, err
			}
			if ok {
				found = append(found, set)
				out = append(out, rel)
			}
		}
	}
	return out, nil
}

// tryRelax applies the changes of set (every combination of their
// alternatives, best first) and solves.
func tryRelax(ctx context.Context, db *DB, q Query, items []relaxable, set []int) (Relaxation, bool, error) {
	budget := false
	var others []int
	for _, i := range set {
		if items[i].name == "budget" {
			budget = true
		} else {
			others = append(others, i)
		}
	}
	var rec func(idx int, cur Query, fixes []string) (Relaxation, bool, error)
	rec = func(idx int, cur Query, fixes []string) (Relaxation, bool, error) {
		if idx == len(others) {
			sol, err := Solve(ctx, db, cur, SolveOptions{IgnoreBudget: budget, NoRelaxations: true})
			if err != nil || sol.Status != StatusSolved {
				return Relaxation{}, false, ctxErr(ctx, err)
			}
			fx := slices.Clone(fixes)
			if budget {
				cur.Budget = sol.Cost.Total
				fx = append([]string{fmt.Sprintf("budget ≥ $%s (now $%s)", money(sol.Cost.Total), money(q.Budget))}, fx...)
			}
			var names []string
			for _, i := range set {
				names = append(names, items[i].name)
			}
			return Relaxation{Constraints: names, Fixes: fx, Query: cur, Cost: sol.Cost.Total}, true, nil
		}
		for _, a := range items[others[idx]].apply(&cur) {
			if r, ok, err := rec(idx+1, a.q, append(fixes, a.fix)); ok || err != nil {
				return r, ok, err
			}
		}
		return Relaxation{}, false, nil
	}
	return rec(0, q, nil)
}

func ctxErr(ctx context.Context, err error) error {
	if e := ctx.Err(); e != nil {
		return e
	}
	if err != nil && strings.Contains(err.Error(), "internal error") {
		return err
	}
	return nil
}

func combinations(n, k int) [][]int {
	var out [][]int
	var rec func(start int, cur []int)
	rec = func(start int, cur []int) {
		if len(cur) == k {
			out = append(out, slices.Clone(cur))
			return
		}
		for i := start; i < n; i++ {
			rec(i+1, append(cur, i))
		}
	}
	rec(0, nil)
	return out
}

func supersetOfAny(set []int, found [][]int) bool {
	for _, f := range found {
		all := true
		for _, x := range f {
			if !slices.Contains(set, x) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
