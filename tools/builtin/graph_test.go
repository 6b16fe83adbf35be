package builtin

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/graph"
	"github.com/plankit/plankit/tools"
)

func callTool(t *testing.T, name, input string, out any) error {
	t.Helper()
	r := tools.NewRegistry()
	if err := registerGraph(r); err != nil {
		t.Fatal(err)
	}
	raw, err := r.Call(context.Background(), name, json.RawMessage(input))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("output %s: %v", raw, err)
	}
	return nil
}

const roads = `"edges":[{"from":"a","to":"b","weight":2},{"from":"b","to":"c","weight":1},{"from":"a","to":"c","weight":4},{"from":"c","to":"d","weight":1}],"nodes":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"},{"id":"z"}]`

func TestGraphShortestPathTool(t *testing.T) {
	cases := []struct {
		name, input string
		check       func(t *testing.T, o ShortestPathOutput)
	}{
		{"path", `{` + roads + `,"from":"a","to":"d"}`, func(t *testing.T, o ShortestPathOutput) {
			if !o.Reachable || *o.Cost != 4 || strings.Join(o.Path, "") != "abcd" || o.Algorithm != "dijkstra" {
				t.Fatalf("%+v", o)
			}
		}},
		{"unreachable", `{` + roads + `,"from":"a","to":"z"}`, func(t *testing.T, o ShortestPathOutput) {
			if o.Reachable || o.Cost != nil || o.Path != nil {
				t.Fatalf("%+v", o)
			}
		}},
		{"k", `{` + roads + `,"from":"a","to":"d","k":5}`, func(t *testing.T, o ShortestPathOutput) {
			if len(o.Paths) != 2 || o.Paths[0].Cost != 4 || o.Paths[1].Cost != 5 || o.Algorithm != "yen" {
				t.Fatalf("%+v", o)
			}
		}},
		{"all", `{` + roads + `,"from":"a"}`, func(t *testing.T, o ShortestPathOutput) {
			if len(o.Distances) != 4 || o.Distances[3] != (NodeCost{"d", 4}) || strings.Join(o.Unreachable, ",") != "z" {
				t.Fatalf("%+v", o)
			}
		}},
		{"negative-cycle", `{"directed":true,"edges":[{"from":"a","to":"b","weight":1},{"from":"b","to":"a","weight":-2}],"from":"a","to":"b"}`, func(t *testing.T, o ShortestPathOutput) {
			if o.Reachable || len(o.NegativeCycle) != 2 {
				t.Fatalf("%+v", o)
			}
		}},
		{"bellman-ford", `{"directed":true,"edges":[{"from":"a","to":"b","weight":5},{"from":"a","to":"c","weight":2},{"from":"c","to":"b","weight":-1}],"from":"a","to":"b"}`, func(t *testing.T, o ShortestPathOutput) {
			if !o.Reachable || *o.Cost != 1 || o.Algorithm != "bellman-ford" {
				t.Fatalf("%+v", o)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var o ShortestPathOutput
			if err := callTool(t, "graph.shortest_path", tc.input, &o); err != nil {
				t.Fatal(err)
			}
			tc.check(t, o)
		})
	}
}

func TestGraphToolErrors(t *testing.T) {
	cases := []struct{ tool, input, want string }{
		{"graph.shortest_path", `{` + roads + `,"from":"q","to":"a"}`, `unknown node "q" (from)`},
		{"graph.shortest_path", `{` + roads + `,"from":"a","to":"d","algorithm":"bfs"}`, `algorithm "bfs"`},
		{"graph.shortest_path", `{` + roads + `,"from":"a","k":2}`, "k: needs a target"},
		{"graph.shortest_path", `{"edges":[{"from":"a","to":"b","wieght":1}],"from":"a"}`, "wieght"},
		{"graph.shortest_path", `{"nodes":[{"id":"a"}],"edges":[{"from":"a","to":"b"}],"from":"a"}`, `edges[0].to: unknown node "b"`},
		{"graph.shortest_path", `{"from":"a"}`, "no graph"},
		{"graph.shortest_path", `{` + roads + `,"from":"a","time_limit_ms":-1}`, "time_limit_ms"},
		{"graph.tsp", `{"matrix":[[0,1],[1]]}`, "matrix[1]: has 1 entries, want 2"},
		{"graph.tsp", `{"matrix":[[0,1],[1,0]],"start":"x"}`, `start: unknown node "x"`},
		{"graph.tsp", `{` + roads + `}`, "no route visits every node"},
		{"graph.toposort", `{` + roads + `}`, "undirected"},
		{"graph.maxflow", `{` + roads + `,"source":"a","sink":"a"}`, "source and sink"},
		{"graph.maxflow", `{"edges":[{"from":"a","to":"b","weight":-3}],"source":"a","sink":"b"}`, "negative"},
		{"graph.all_pairs", `{` + roads + `,"algorithm":"magic"}`, `"magic"`},
	}
	for _, tc := range cases {
		t.Run(tc.tool+"/"+tc.want, func(t *testing.T) {
			var out map[string]any
			err := callTool(t, tc.tool, tc.input, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err %v, want one line containing %q", err, tc.want)
			}
		})
	}
}

func TestGraphTSPTool(t *testing.T) {
	var o TSPOutput
	in := `{"names":["a","b","c","d"],"matrix":[[0,1,9,1],[1,0,1,9],[9,1,0,1],[1,9,1,0]],"start":"c"}`
	if err := callTool(t, "graph.tsp", in, &o); err != nil {
		t.Fatal(err)
	}
	if o.Order[0] != "c" || o.Cost != 4 || !o.Exact || !o.Closed || o.Gap != 0 {
		t.Fatalf("%+v", o)
	}
	// An open path through a graph, expanded into legs.
	in = `{"edges":[{"from":"a","to":"m","weight":1},{"from":"m","to":"b","weight":1},{"from":"m","to":"c","weight":1}],"start":"a","end":"c"}`
	o = TSPOutput{}
	if err := callTool(t, "graph.tsp", in, &o); err != nil {
		t.Fatal(err)
	}
	if o.Closed || o.Order[0] != "a" || o.Order[len(o.Order)-1] != "c" || o.Cost != 4 || len(o.Legs) != 3 {
		t.Fatalf("%+v", o)
	}
	total := 0.0
	for _, l := range o.Legs {
		total += l.Cost
		if l.Path[0] != l.From || l.Path[len(l.Path)-1] != l.To {
			t.Fatalf("leg %+v", l)
		}
	}
	if total != o.Cost {
		t.Fatalf("legs cost %v, route %v", total, o.Cost)
	}
	// Heuristic with a gap: 30 points, exact_limit -1.
	pts := make([][]float64, 30)
	for i := range pts {
		pts[i] = []float64{float64(i*7%30) * 3, float64(i*11%30) * 2}
	}
	b, _ := json.Marshal(map[string]any{"points": pts, "exact_limit": -1, "open": true})
	o = TSPOutput{}
	if err := callTool(t, "graph.tsp", string(b), &o); err != nil {
		t.Fatal(err)
	}
	dist := graph.Euclidean(pts)
	order := make([]int, len(o.Order))
	for i, s := range o.Order {
		json.Unmarshal([]byte(s), &order[i])
	}
	if c := graph.RouteCost(dist, order, false); math.Abs(c-o.Cost) > 1e-9 || o.LowerBound > o.Cost || o.Closed {
		t.Fatalf("route cost %v, reported %+v", c, o)
	}
}

func TestGraphToposortTool(t *testing.T) {
	var o ToposortOutput
	if err := callTool(t, "graph.toposort", `{"directed":true,"edges":[{"from":"b","to":"c"},{"from":"a","to":"b"}]}`, &o); err != nil {
		t.Fatal(err)
	}
	if !o.Acyclic || strings.Join(o.Order, "") != "abc" {
		t.Fatalf("%+v", o)
	}
	o = ToposortOutput{}
	if err := callTool(t, "graph.toposort", `{"directed":true,"edges":[{"from":"b","to":"c"},{"from":"c","to":"b"},{"from":"a","to":"b"}]}`, &o); err != nil {
		t.Fatal(err)
	}
	if o.Acyclic || len(o.Cycle) != 2 || o.Order != nil {
		t.Fatalf("%+v", o)
	}
}

func TestGraphMaxFlowTool(t *testing.T) {
	var o MaxFlowOutput
	in := `{"directed":true,"edges":[{"from":"s","to":"a","weight":3},{"from":"s","to":"b","weight":2},{"from":"a","to":"t","weight":2},{"from":"b","to":"t","weight":3},{"from":"a","to":"b","weight":1}],"source":"s","sink":"t"}`
	if err := callTool(t, "graph.maxflow", in, &o); err != nil {
		t.Fatal(err)
	}
	if o.Value != 5 || o.MinCut.Capacity != 5 || len(o.MinCut.Edges) != 2 || len(o.Flows) != 5 {
		t.Fatalf("%+v", o)
	}
}

func TestGraphAllPairsTool(t *testing.T) {
	for _, alg := range []string{"", "auto", "dijkstra", "floyd-warshall", "johnson"} {
		var o AllPairsOutput
		in := `{` + roads + `,"algorithm":"` + alg + `"}`
		if err := callTool(t, "graph.all_pairs", in, &o); err != nil {
			t.Fatal(err)
		}
		if len(o.Nodes) != 5 || *o.Dist[0][3] != 4 || *o.Dist[3][0] != 4 || o.Dist[0][4] != nil || *o.Dist[4][4] != 0 {
			t.Fatalf("%s: %+v", alg, o)
		}
	}
	var o AllPairsOutput
	if err := callTool(t, "graph.all_pairs", `{"edges":[{"from":"a","to":"b","weight":-1}]}`, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.NegativeCycle) != 2 || o.Dist != nil {
		t.Fatalf("%+v", o)
	}
}
