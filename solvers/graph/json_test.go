package graph

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", ``, "empty input"},
		{"malformed", `{"edges": [}`, "malformed JSON"},
		{"trailing", `{"edges":[{"from":"a","to":"b"}]} {}`, "after the JSON object"},
		{"unknown-field", `{"edges":[{"from":"a","to":"b","wieght":2}]}`, `unknown field "wieght"`},
		{"weight-type", `{"edges":[{"from":"a","to":"b","weight":"2"}]}`, "edges.weight"},
		{"huge-number", `{"edges":[{"from":"a","to":"b","weight":1e400}]}`, "edges.weight"},
		{"too-big", `{"edges":[{"from":"a","to":"b","weight":1e300}]}`, "edges[0].weight"},
		{"no-graph", `{}`, "no graph"},
		{"missing-from", `{"edges":[{"to":"b"}]}`, "edges[0].from: missing"},
		{"unknown-node", `{"nodes":[{"id":"a"}],"edges":[{"from":"a","to":"q"}]}`, `edges[0].to: unknown node "q"`},
		{"dup-node", `{"nodes":[{"id":"a"},{"id":"a"}]}`, `nodes[1].id: duplicate node "a"`},
		{"empty-id", `{"nodes":[{"x":1,"y":2}]}`, "nodes[0].id: missing"},
		{"half-coords", `{"nodes":[{"id":"a","x":1}]}`, "nodes[0]: give both x and y"},
		{"both-forms", `{"edges":[{"from":"a","to":"b"}],"matrix":[[0]]}`, "not both"},
		{"matrix-and-points", `{"matrix":[[0]],"points":[[0,0]]}`, "matrix or points"},
		{"names-alone", `{"names":["a"],"edges":[{"from":"a","to":"b"}]}`, "names: only used"},
		{"ragged", `{"matrix":[[0,1],[1]]}`, "matrix[1]: has 1 entries, want 2"},
		{"negative", `{"matrix":[[0,-1],[1,0]]}`, "matrix[0][1]: negative distance"},
		{"empty-matrix", `{"matrix":[]}`, "empty"},
		{"names-count", `{"matrix":[[0,1],[1,0]],"names":["a"]}`, "names: 1 names for 2 rows"},
		{"dup-names", `{"matrix":[[0,1],[1,0]],"names":["a","a"]}`, `names[1]: duplicate name "a"`},
		{"point-arity", `{"points":[[0,0],[1,2,3]]}`, "points[1]: want [x, y]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err %v, want one line containing %q", err, tc.want)
			}
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestDecodeGraph(t *testing.T) {
	d, err := Decode([]byte(`{"directed":true,"nodes":[{"id":"a","x":0,"y":0},{"id":"b","x":3,"y":4},{"id":"lone"}],
		"edges":[{"from":"a","to":"b","weight":5},{"from":"b","to":"a"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if !g.Directed() || g.Len() != 3 || g.NumEdges() != 2 || g.Edges()[1].Weight != 1 {
		t.Fatalf("graph %v %v", g.Nodes(), g.Edges())
	}
	if x, y, ok := g.Pos("b"); !ok || x != 3 || y != 4 {
		t.Fatalf("pos of b: %v %v %v", x, y, ok)
	}
	if _, _, ok := g.Pos("lone"); ok {
		t.Fatal("lone has no coordinates")
	}
	// Round trip.
	b, err := json.Marshal(g.Document())
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := d2.Graph()
	if g2.Len() != 3 || g2.NumEdges() != 2 {
		t.Fatalf("round trip: %s", b)
	}
}

func TestDistances(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		in    string
		names []string
		d01   float64
	}{
		{"matrix", `{"matrix":[[0,2],[3,0]]}`, []string{"0", "1"}, 2},
		{"named", `{"names":["x","y"],"matrix":[[0,2],[3,0]]}`, []string{"x", "y"}, 2},
		{"points", `{"points":[[0,0],[3,4]]}`, []string{"0", "1"}, 5},
		{"nodes", `{"nodes":[{"id":"p","x":0,"y":0},{"id":"q","x":6,"y":8}]}`, []string{"p", "q"}, 10},
		{"graph-closure", `{"edges":[{"from":"a","to":"m","weight":1},{"from":"m","to":"b","weight":2},{"from":"a","to":"b","weight":7}]}`, []string{"a", "m", "b"}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decode([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			names, dist, err := d.Distances(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(names, ",") != strings.Join(tc.names, ",") || dist[0][1] != tc.d01 {
				t.Fatalf("names %v dist %v", names, dist)
			}
		})
	}
	d, _ := Decode([]byte(`{"directed":true,"edges":[{"from":"a","to":"b"}]}`))
	if _, _, err := d.Distances(ctx); !errors.Is(err, ErrNoRoute) || !strings.Contains(err.Error(), `no path from "b" to "a"`) {
		t.Fatalf("disconnected: %v", err)
	}
	d, _ = Decode([]byte(`{"nodes":[{"id":"a"}]}`))
	if _, _, err := d.Distances(ctx); err == nil {
		t.Fatal("nodes without coordinates or edges gave distances")
	}
	d, _ = Decode([]byte(`{"matrix":[[0]]}`))
	if _, err := d.Graph(); err == nil {
		t.Fatal("matrix gave a graph")
	}
}

// FuzzDecode: Decode never panics; what it accepts builds a graph (or a
// matrix) that survives a JSON round trip and the algorithms.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"directed":true,"nodes":[{"id":"a","x":0,"y":0}],"edges":[{"from":"a","to":"b","weight":2}]}`,
		`{"edges":[{"from":"a","to":"a","weight":-1}]}`,
		`{"names":["x","y"],"matrix":[[0,1],[2,0]]}`,
		`{"points":[[0,0],[1,1],[2,0]]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkDecode)
}

func checkDecode(t *testing.T, data []byte) {
	d, err := Decode(data)
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error: %q", err)
		}
		return
	}
	ctx := context.Background()
	if d.IsMatrix() {
		_, dist, err := d.Distances(ctx)
		if err != nil {
			t.Fatalf("valid matrix document: %v", err)
		}
		for _, row := range dist {
			for _, v := range row {
				if math.IsNaN(v) {
					t.Fatal("NaN distance")
				}
			}
		}
		if len(dist) <= 8 {
			if _, err := TSP(ctx, dist, TSPOptions{}); err != nil {
				t.Fatalf("tsp: %v", err)
			}
		}
		return
	}
	g, err := d.Graph()
	if err != nil {
		t.Fatalf("valid document: %v", err)
	}
	b, err := json.Marshal(g.Document())
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Decode(b)
	if err != nil {
		t.Fatalf("round trip of %s: %v", b, err)
	}
	g2, err := d2.Graph()
	if err != nil || g2.Len() != g.Len() || g2.NumEdges() != g.NumEdges() {
		t.Fatalf("round trip changed the graph: %s", b)
	}
	if g.Len() > 0 && g.Len() <= 50 {
		nodes := g.Nodes()
		_, err := g.ShortestFrom(ctx, nodes[0], PathOptions{})
		if err != nil && !errors.Is(err, ErrNegativeCycle) {
			t.Fatalf("shortest: %v", err)
		}
		if len(nodes) > 1 {
			_, err := g.MaxFlow(ctx, nodes[0], nodes[len(nodes)-1])
			if err != nil && !errors.Is(err, ErrNegativeWeight) {
				t.Fatalf("maxflow: %v", err)
			}
		}
		if g.Directed() {
			if _, err := g.TopoSort(); err != nil {
				t.Fatalf("toposort: %v", err)
			}
		}
	}
}
