package lp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBadlyScaled rescales rows (by 10^-3..10^3) or columns (10^-2..10^2)
// of random LPs: the status and optimum must not change, and every answer
// must still carry a checked certificate.
func TestBadlyScaled(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 11))
		p := randFeasibleLP(r, 10+r.IntN(30), 10+r.IntN(30), true)
		base := mustSolve(t, p, Options{})
		q := p.Clone()
		if seed%2 == 0 {
			for i := range q.rows {
				f := math.Pow(10, float64(r.IntN(7)-3))
				for k := range q.rows[i].terms {
					q.rows[i].terms[k].Coef *= f
				}
				q.rows[i].rhs *= f
			}
		} else { // x_j = f·x'_j
			for j := range q.vars {
				f := math.Pow(10, float64(r.IntN(5)-2))
				q.vars[j].lo /= f
				q.vars[j].hi /= f
				q.vars[j].obj *= f
				for i := range q.rows {
					for k := range q.rows[i].terms {
						if q.rows[i].terms[k].Var == Var(j) {
							q.rows[i].terms[k].Coef *= f
						}
					}
				}
			}
		}
		sol := mustSolve(t, q, Options{})
		if sol.Status != base.Status || (base.Status == Optimal && !near(sol.Objective, base.Objective)) {
			t.Fatalf("seed %d: scaled %v %v, original %v %v", seed, sol.Status, sol.Objective, base.Status, base.Objective)
		}
		if !sol.Certificate.Checked {
			t.Fatalf("seed %d: %v with unchecked certificate: %s", seed, sol.Status, sol.Certificate.Note)
		}
	}
}
