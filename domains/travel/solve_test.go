package travel

import (
	"context"
	"testing"
)

func TestSolveTrain(t *testing.T) {
	for _, mode := range []FlightsMode{FlightsReal, FlightsAll} {
		db := mustDefault(t, mode)
		qs, ps := loadTrain(t)
		ev := &Evaluator{DB: db}
		for i := range qs {
			sol, err := Solve(context.Background(), db, qs[i], SolveOptions{})
			if err != nil {
				t.Fatalf("%v query %d: %v", mode, i+1, err)
			}
			ref := ev.Evaluate(&qs[i], ps[i].Plan)
			switch sol.Status {
			case StatusSolved:
				if !sol.Verdict.Pass || !sol.StrictVerdict.Pass {
					t.Errorf("query %d: plan fails", i+1)
				}
				if ref.Pass && sol.Cost.Total > ref.TotalCost+1e-9 {
					t.Errorf("%v query %d: cost %v above the reference plan's %v", mode, i+1, sol.Cost.Total, ref.TotalCost)
				}
				t.Logf("%v query %d: $%v (reference $%v), %v, %.1f ms", mode, i+1, sol.Cost.Total, ref.TotalCost, sol.Route, sol.Stats.Millis)
			default:
				t.Errorf("%v query %d: %s %v relax %v", mode, i+1, sol.Status, sol.Reasons, sol.Relaxations)
			}
		}
	}
}
