package lp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrBackendMissing is returned when the program of a backend (cbc) is not
// installed.
var ErrBackendMissing = errors.New("lp: backend not installed")

// CBCPath returns the path of the cbc program, or an error wrapping
// ErrBackendMissing.
func CBCPath(opts Options) (string, error) {
	name := opts.CBCPath
	if name == "" {
		name = "cbc"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w: cbc not found (install the Debian package coinor-cbc, or set the cbc path): %v", ErrBackendMissing, err)
	}
	return path, nil
}

// solveCBC runs cbc on p written with generated names, reads the solution
// file and checks the point against p.
func solveCBC(ctx context.Context, p *Problem, opts Options) (*Solution, error) {
	path, err := CBCPath(opts)
	if err != nil {
		return nil, err
	}
	q := p
	if opts.Relax && p.IsMIP() {
		q = p.Clone()
		for j := range q.vars {
			q.vars[j].typ = Continuous
		}
	}
	dir, err := os.MkdirTemp("", "plankit-cbc-")
	if err != nil {
		return nil, fmt.Errorf("lp: cbc: %w", err)
	}
	defer os.RemoveAll(dir)
	model := filepath.Join(dir, "model.lp")
	out := filepath.Join(dir, "solution.txt")
	var buf bytes.Buffer
	if err := writeLPNames(&buf, q, false); err != nil {
		return nil, err
	}
	if err := os.WriteFile(model, buf.Bytes(), 0o600); err != nil {
		return nil, fmt.Errorf("lp: cbc: %w", err)
	}
	args := []string{model}
	if dl, ok := ctx.Deadline(); ok {
		secs := math.Max(0.01, time.Until(dl).Seconds())
		args = append(args, "sec", strconv.FormatFloat(secs, 'f', 2, 64))
	}
	if opts.NodeLimit > 0 {
		args = append(args, "maxNodes", strconv.Itoa(opts.NodeLimit))
	}
	if opts.GapTol > 0 {
		args = append(args, "ratioGap", fmtNum(opts.GapTol))
	}
	mip := q.IsMIP()
	if !mip {
		args = append(args, "printingOptions", "all")
	}
	args = append(args, "solve", "solu", out)
	cmd := exec.CommandContext(ctx, path, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return stopped(ctx.Err())
		}
		return nil, fmt.Errorf("lp: cbc: %v: %s", err, lastLine(stderr.String()))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("lp: cbc wrote no solution (%v): %s", err, lastLine(stderr.String()))
	}
	sol, err := parseCBCSolution(data, q, mip)
	if err != nil {
		return nil, err
	}
	if !mip && !opts.NoCertificate && (sol.Status == Infeasible || sol.Status == Unbounded) {
		// Check cbc's verdict on an LP with plankit's own certificates:
		// cbc reports some unbounded models as infeasible.
		lo, hi := q.bounds()
		g := q.gen(lo, hi)
		res := genResult{how: "cbc reported " + sol.Status.String()}
		if sol.Status == Infeasible {
			sol.Certificate = farkasCertificate(ctx, q, g, res)
		} else {
			sol.Certificate = rayCertificate(ctx, q, g, res)
		}
	}
	return sol, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// parseCBCSolution reads cbc's "solu" file: a status line
// ("Optimal - objective value 11.0"), then "index name value dual" lines for
// the rows (with printingOptions all) and the columns.
func parseCBCSolution(data []byte, p *Problem, mip bool) (*Solution, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	if !sc.Scan() {
		return nil, errors.New("lp: cbc: empty solution file")
	}
	head := strings.TrimSpace(sc.Text())
	status, rest, _ := strings.Cut(head, " - ")
	objText := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "objective value"))
	cbcObj, _ := strconv.ParseFloat(objText, 64)
	sol := &Solution{Backend: BackendCBC}
	low := strings.ToLower(status)
	switch {
	case strings.HasPrefix(low, "optimal"):
		sol.Status = Optimal
	case strings.Contains(low, "infeasible"):
		sol.Status = Infeasible
	case strings.HasPrefix(low, "unbounded"):
		sol.Status = Unbounded
	case strings.HasPrefix(low, "stopped"):
		sol.Status = Feasible
		switch {
		case strings.Contains(low, "time"):
			sol.Limit = "time limit"
		case strings.Contains(low, "node"):
			sol.Limit = "node limit"
		default:
			sol.Limit = strings.TrimSpace(strings.TrimPrefix(low, "stopped on"))
		}
		if math.Abs(cbcObj) >= 1e49 || objText == "" {
			sol.Status = Unknown
		}
	default:
		return nil, fmt.Errorf("lp: cbc: unknown status line %q", clip(head))
	}
	x := make([]float64, len(p.vars))
	duals := map[string]float64{}
	rc := map[string]float64{}
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 {
			continue
		}
		// "**" marks infeasible entries in some versions: drop it.
		if f[0] == "**" {
			f = f[1:]
		}
		if len(f) < 3 {
			continue
		}
		name := f[1]
		val, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("lp: cbc: bad value in %q", clip(sc.Text()))
		}
		dual := 0.0
		if len(f) >= 4 {
			dual, _ = strconv.ParseFloat(f[3], 64)
		}
		idx, err := strconv.Atoi(name[1:])
		switch {
		case err == nil && name[0] == 'x' && idx >= 1 && idx <= len(p.vars):
			x[idx-1] = val
			rc[p.vars[idx-1].name] = clean(dual)
		case err == nil && name[0] == 'r' && idx >= 1 && idx <= len(p.rows):
			duals[p.rows[idx-1].name] = clean(dual)
		default:
			return nil, fmt.Errorf("lp: cbc: unknown name %q in the solution", clip(name))
		}
	}
	if sol.Status == Optimal || sol.Status == Feasible {
		sol.X = x
		sol.Values = p.valuesMap(x)
		sol.Objective = p.Objective(x)
		sol.Bound = sol.Objective
		viol, where := p.Violation(x, mip)
		scale := 1 + maxAbs(x)
		for _, r := range p.rows {
			scale = math.Max(scale, 1+math.Abs(r.rhs))
		}
		cert := &Certificate{Kind: "external", PrimalObjective: sol.Objective, PrimalResidual: viol,
			Checked: viol <= 1e-6*scale}
		cert.Note = fmt.Sprintf("cbc's point checked against every row and bound; cbc reported objective %s", fmtNum(cbcObj))
		if !cert.Checked {
			cert.Note = fmt.Sprintf("cbc's point violates %s by %.3g", where, viol)
		}
		sol.Certificate = cert
		if !mip && sol.Status == Optimal {
			sol.Duals, sol.ReducedCosts = duals, rc
		}
		if sol.Status == Feasible {
			sol.Bound = math.NaN()
		}
	}
	if sol.Status == Unbounded {
		sol.Objective = math.Inf(-1) * p.sign()
		sol.Bound = sol.Objective
	}
	return sol, nil
}
