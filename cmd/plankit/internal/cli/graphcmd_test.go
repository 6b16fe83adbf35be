package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func graphFixture(name string) string {
	return filepath.Join("..", "..", "..", "..", "testdata", "graph", name)
}

func TestGraphCmd(t *testing.T) {
	roads, tasks, cyc, pipes, cities := graphFixture("roads.json"), graphFixture("tasks.json"),
		graphFixture("tasks-cycle.json"), graphFixture("pipes.json"), graphFixture("cities.json")
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		out   []string // substrings of stdout
		err   string   // substring of stderr ("" = empty)
	}{
		{"path", "", []string{"graph", "path", roads, "--from", "depot", "--to", "airport"}, 0,
			[]string{"depot -> market -> school -> mill -> airport\n", "cost 11.5 (dijkstra)"}, ""},
		{"path-astar", "", []string{"graph", "path", roads, "--from", "depot", "--to", "airport", "--algorithm", "astar"}, 0,
			[]string{"cost 11.5 (astar)"}, ""},
		{"path-k", "", []string{"graph", "path", roads, "--from", "depot", "--to", "airport", "--k", "2"}, 0,
			[]string{"1. depot -> market -> school -> mill -> airport  (cost 11.5)", "2. depot -> market -> station -> harbor -> airport  (cost 12.4)"}, ""},
		{"path-all", "", []string{"graph", "path", roads, "--from", "depot"}, 0,
			[]string{"airport  11.5", "unreachable: island"}, ""},
		{"unreachable", "", []string{"graph", "path", roads, "--from", "depot", "--to", "island"}, ExitNoSolution,
			[]string{"no path from depot to island"}, ""},
		{"negative-cycle", `{"edges":[{"from":"a","to":"b","weight":-1}]}`, []string{"graph", "path", "-", "--from", "a", "--to", "b"}, ExitNoSolution,
			[]string{"negative cycle: b -> a -> b"}, ""},
		{"missing-from", "", []string{"graph", "path", roads}, ExitUsage, nil, "--from is required"},
		{"bad-algorithm", "", []string{"graph", "path", roads, "--from", "a", "--algorithm", "bfs"}, ExitUsage, nil, "--algorithm"},
		{"unknown-node", "", []string{"graph", "path", roads, "--from", "nowhere"}, ExitError, nil, `unknown node "nowhere"`},
		{"malformed", `{"edges": [`, []string{"graph", "path", "-", "--from", "a"}, ExitError, nil, "standard input: graph: invalid input: malformed JSON"},
		{"matrix-for-path", `{"matrix":[[0]]}`, []string{"graph", "path", "-", "--from", "0"}, ExitError, nil, "needs nodes and edges"},
		{"missing-file", "", []string{"graph", "toposort", "no-such.json"}, ExitError, nil, "no such file"},
		{"tsp", "", []string{"graph", "tsp", cities}, 0, []string{"tour: Berlin -> ", "cost 6567 (optimal; held-karp)"}, ""},
		{"tsp-path", "", []string{"graph", "tsp", cities, "--start", "Berlin", "--end", "Rome"}, 0,
			[]string{"path: Berlin -> ", " -> Rome\n", "cost 6005 (optimal"}, ""},
		{"tsp-heuristic", "", []string{"graph", "tsp", graphFixture("points40.json")}, 0, []string{"lower bound", "gap"}, ""},
		{"tsp-disconnected", "", []string{"graph", "tsp", roads}, ExitNoSolution, nil, `no path from "depot" to "island"`},
		{"tsp-bad-start", "", []string{"graph", "tsp", cities, "--start", "Oslo"}, ExitError, nil, `start: unknown node "Oslo"`},
		{"tsp-exact-limit", "", []string{"graph", "tsp", cities, "--exact-limit", "40"}, ExitUsage, nil, "--exact-limit"},
		{"toposort", "", []string{"graph", "toposort", tasks}, 0, []string{"fetch\nconfigure\n"}, ""},
		{"toposort-cycle", "", []string{"graph", "toposort", cyc}, ExitNoSolution, []string{"cycle: configure -> compile -> link -> test -> configure"}, ""},
		{"toposort-undirected", "", []string{"graph", "toposort", roads}, ExitError, nil, "undirected"},
		{"maxflow", "", []string{"graph", "maxflow", pipes, "--source", "s", "--sink", "t"}, 0,
			[]string{"max flow 23\n", "min cut, capacity 23: v1 -> v3 (12), v4 -> v3 (7), v4 -> t (4)"}, ""},
		{"maxflow-usage", "", []string{"graph", "maxflow", pipes, "--source", "s"}, ExitUsage, nil, "--sink"},
		{"allpairs", "", []string{"graph", "allpairs", pipes}, 0, []string{"s  0  16  13  28  27  31"}, ""},
		{"allpairs-bad", "", []string{"graph", "allpairs", pipes, "--algorithm", "magic"}, ExitUsage, nil, "magic"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, s := range tc.out {
				if !strings.Contains(r.stdout, s) {
					t.Fatalf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			if tc.err == "" && r.stderr != "" || !strings.Contains(r.stderr, tc.err) {
				t.Fatalf("stderr %q, want %q", r.stderr, tc.err)
			}
			if strings.Count(r.stderr, "\n") > 1 {
				t.Fatalf("stderr has several lines: %q", r.stderr)
			}
		})
	}
}

func TestGraphCmdJSON(t *testing.T) {
	r := run(t, "", "graph", "path", graphFixture("roads.json"), "--from", "depot", "--to", "airport", "--json")
	var p builtin.ShortestPathOutput
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &p) != nil || *p.Cost != 11.5 {
		t.Fatalf("%+v", r)
	}
	r = run(t, "", "graph", "tsp", graphFixture("points40.json"), "--json", "--open")
	var tour builtin.TSPOutput
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &tour) != nil || len(tour.Order) != 40 || tour.Closed || tour.LowerBound > tour.Cost {
		t.Fatalf("%+v", r)
	}
	r = run(t, "", "graph", "toposort", graphFixture("tasks-cycle.json"), "--json")
	var topo builtin.ToposortOutput
	if r.code != ExitNoSolution || json.Unmarshal([]byte(r.stdout), &topo) != nil || topo.Acyclic || len(topo.Cycle) != 4 {
		t.Fatalf("%+v", r)
	}
	r = run(t, "", "graph", "maxflow", graphFixture("pipes.json"), "--source", "s", "--sink", "t", "--json")
	var mf builtin.MaxFlowOutput
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &mf) != nil || mf.Value != 23 {
		t.Fatalf("%+v", r)
	}
}
