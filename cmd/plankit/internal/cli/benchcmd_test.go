package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/puzzles/bench"
)

func TestBenchSuite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "res")
	r := run(t, "", "bench", "suite", "--tasks", "game24,maze,sokoban", "--n", "4", "--route", "tool", "--out", out)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(r.stdout, "route tool: 12/12 solved (100.0%) over 3 tasks, AveNorm 1.000") {
		t.Fatalf("summary missing:\n%s", r.stdout)
	}
	var rep bench.Report
	data, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil || json.Unmarshal(data, &rep) != nil || len(rep.Results) != 12 || len(rep.Rows) != 3 {
		t.Fatalf("results.json: %v (%d results)", err, len(rep.Results))
	}
	fh, err := os.Open(filepath.Join(out, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil || len(recs) != 4 || recs[0][0] != "task" {
		t.Fatalf("results.csv: %v %v", err, recs)
	}
	if svg, err := os.ReadFile(filepath.Join(out, "chart.svg")); err != nil || !strings.Contains(string(svg), "<svg") {
		t.Fatalf("chart.svg: %v", err)
	}
	r = run(t, "", "bench", "suite", "--tasks", "water_jugs", "--n", "2", "--out", out, "--chart", "png", "--json", "--no-progress")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, `"ave_norm": 1`) {
		t.Fatalf("%+v", r)
	}
	if _, err := os.Stat(filepath.Join(out, "chart.png")); err != nil {
		t.Fatal(err)
	}
}

func TestBenchSuiteErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--route", "oracle"}, `--route "oracle": want one of model, offline, tool`},
		{[]string{"--tasks", "chess"}, "unknown task"},
		{[]string{"--n", "0"}, "--n 0"},
		{[]string{"--chart", "gif"}, "--chart"},
		{[]string{"--level", "7"}, "--level"},
		{[]string{"--workers", "0"}, "--workers"},
	}
	for _, c := range cases {
		r := run(t, "", append([]string{"bench", "suite", "--out", dir}, c.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%v: %+v", c.args, r)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("failed runs left files: %v", entries)
	}
}
