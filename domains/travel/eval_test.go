package travel

import (
	"os"
	"testing"
)

func loadTrain(t testing.TB) ([]Query, []Submission) {
	t.Helper()
	qf, err := os.Open("../../testdata/travel/train_queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer qf.Close()
	qs, err := ReadQueries(qf)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := os.Open("../../testdata/travel/train_plans.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	ps, err := ReadSubmissions(pf)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 45 || len(ps) != 45 {
		t.Fatalf("%d queries, %d plans", len(qs), len(ps))
	}
	return qs, ps
}

func TestTrainPlansPass(t *testing.T) {
	db := mustDefault(t, FlightsReal)
	qs, ps := loadTrain(t)
	for _, strict := range []bool{false} {
		e := &Evaluator{DB: db, Strict: strict}
		rep := e.Score(qs, ps)
		for _, r := range rep.Plans {
			if !r.Pass {
				t.Errorf("strict=%v plan %d fails: %v", strict, r.Idx, r.Failures())
			}
		}
		t.Logf("strict=%v: %+v", strict, rep.Metrics)
	}
}
