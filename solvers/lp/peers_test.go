package lp

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// glpsolSolve runs GLPK's glpsol on p and reads its verdict; ok is false
// when glpsol gives none (e.g. a MILP with an unbounded relaxation).
func glpsolSolve(t *testing.T, path string, p *Problem) (Status, float64, bool) {
	t.Helper()
	dir := t.TempDir()
	model, out := filepath.Join(dir, "m.lp"), filepath.Join(dir, "m.out")
	var buf bytes.Buffer
	if err := writeLPNames(&buf, p, false); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(model, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _ := exec.Command(path, "--lp", model, "-o", out).CombinedOutput()
	s := string(stdout)
	switch {
	case strings.Contains(s, "NO PRIMAL FEASIBLE"), strings.Contains(s, "NO INTEGER FEASIBLE"):
		return Infeasible, 0, true
	case strings.Contains(s, "UNBOUNDED"):
		return Unbounded, 0, true
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return 0, 0, false
	}
	var status string
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Status:"); ok {
			status = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "Objective:"); ok && (status == "OPTIMAL" || status == "INTEGER OPTIMAL") {
			f := strings.Fields(v) // obj = VALUE (MINimum)
			if len(f) >= 3 {
				if obj, err := strconv.ParseFloat(f[2], 64); err == nil {
					return Optimal, obj + p.ObjConst, true
				}
			}
		}
	}
	return 0, 0, false
}

// peerCases are the models compared with cbc and glpsol: degenerate LPs
// with integer data, dense random LPs, small integer programs, knapsacks
// and facility location; every step-th one is kept (external programs
// cost a process start each).
func peerCases(step int) []*Problem {
	var ps []*Problem
	for seed := range uint64(60) {
		r := rand.New(rand.NewPCG(seed, 5))
		ps = append(ps, randFeasibleLP(r, 1+r.IntN(10), 1+r.IntN(10), false))
		ps = append(ps, randIP(r))
	}
	for seed := range uint64(10) {
		ps = append(ps, RandomLP(seed, 15, 20), Knapsack(seed, 15))
	}
	for seed := range uint64(3) {
		ps = append(ps, Facility(seed, 4, 10), Diet(seed, 12, 8), Transport(seed, 4, 6))
	}
	var kept []*Problem
	for i := 0; i < len(ps); i += step {
		kept = append(kept, ps[i])
	}
	return kept
}

func TestAgainstGLPK(t *testing.T) {
	path, err := exec.LookPath("glpsol")
	if err != nil {
		t.Skip("glpsol not installed (Debian package glpk-utils): skipping the GLPK comparison")
	}
	compared := 0
	for i, p := range peerCases(2) {
		sol := mustSolve(t, p, Options{NoCertificate: true})
		st, obj, ok := glpsolSolve(t, path, p)
		if !ok {
			continue
		}
		compared++
		if st != sol.Status || (st == Optimal && !near(obj, sol.Objective)) {
			t.Fatalf("case %d: plankit %v %v, glpsol %v %v", i, sol.Status, sol.Objective, st, obj)
		}
	}
	t.Logf("%d models agree with glpsol", compared)
}

func TestAgainstCBC(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed (Debian package coinor-cbc): skipping the cbc comparison")
	}
	ctx := context.Background()
	for i, p := range peerCases(5) {
		sol := mustSolve(t, p, Options{NoCertificate: true})
		cs, err := Solve(ctx, p, Options{Backend: BackendCBC})
		if err != nil {
			t.Fatalf("case %d: cbc: %v", i, err)
		}
		if cs.Status == Optimal && !cs.Certificate.Checked {
			t.Fatalf("case %d: cbc's point fails the check: %s", i, cs.Certificate.Note)
		}
		if p.IsMIP() && sol.Status != Optimal && cs.Status != Optimal {
			continue // cbc reports some infeasible MILPs as unbounded relaxations
		}
		if cs.Status == Infeasible && sol.Status == Unbounded && !cs.Certificate.Checked {
			continue // cbc calls some unbounded LPs infeasible; its certificate check says so
		}
		if cs.Status != sol.Status || (sol.Status == Optimal && !near(cs.Objective, sol.Objective)) {
			t.Fatalf("case %d: plankit %v %v, cbc %v %v", i, sol.Status, sol.Objective, cs.Status, cs.Objective)
		}
	}
}
