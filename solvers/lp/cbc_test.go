package lp

import (
	"context"
	"errors"
	"os/exec"
	"testing"
)

func TestCBCMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Solve(context.Background(), Knapsack(1, 5), Options{Backend: BackendCBC})
	if !errors.Is(err, ErrBackendMissing) {
		t.Fatalf("got %v, want ErrBackendMissing", err)
	}
}

func TestCBCBackend(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed (Debian package coinor-cbc): skipping the cbc backend")
	}
	ctx := context.Background()
	// An LP with duals, a MILP, and the relaxation of a MILP.
	lpSol, err := Solve(ctx, build(Maximize, []float64{3, 5}, nil, []rowSpec{
		{[]float64{1, 0}, LE, 4}, {[]float64{0, 2}, LE, 12}, {[]float64{3, 2}, LE, 18}}), Options{Backend: BackendCBC})
	if err != nil {
		t.Fatal(err)
	}
	if lpSol.Status != Optimal || lpSol.Objective != 36 || lpSol.Duals["c2"] != 1.5 || lpSol.Duals["c3"] != 1 || !lpSol.Certificate.Checked {
		t.Fatalf("%+v", lpSol)
	}
	p := Knapsack(2, 12)
	p.ObjConst = 7 // written without the constant, added back
	native := mustSolve(t, p, Options{})
	for _, relax := range []bool{false, true} {
		want := native.Objective
		if relax {
			want = mustSolve(t, p, Options{Relax: true}).Objective
		}
		s, err := Solve(ctx, p, Options{Backend: BackendCBC, Relax: relax})
		if err != nil {
			t.Fatal(err)
		}
		if s.Status != Optimal || !near(s.Objective, want) || s.Backend != BackendCBC {
			t.Fatalf("relax %v: %+v, want %v", relax, s, want)
		}
	}
	// A node limit of 1 on a hard knapsack stops cbc early or solves it.
	s, err := Solve(ctx, Knapsack(3, 40), Options{Backend: BackendCBC, NodeLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Optimal && s.Status != Feasible && s.Status != Unknown {
		t.Fatalf("%+v", s)
	}
}
