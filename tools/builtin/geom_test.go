package builtin_test

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/tools/builtin"
)

func callGeom(t *testing.T, name, in string, out any) error {
	t.Helper()
	r, err := builtin.New(builtin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := r.Call(context.Background(), name, json.RawMessage(in))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
	return nil
}

const wallEnv = `"obstacles": [
  {"name": "left wall", "box": [0, 4, 1.95, 2.05]},
  "POLYGON ((5 1.95, 10 1.95, 10 2.05, 5 2.05, 5 1.95))",
  {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "pillar"}, "geometry": {"type": "Polygon", "coordinates": [[[7,0.5],[7.5,0.5],[7.5,1],[7,1],[7,0.5]]]}}
  ]}
], "bounds": [0, 10, 0, 4]`

func TestGeomShortestPathTool(t *testing.T) {
	var out builtin.GeomPathOutput
	in := `{"start": [2, 0.5], "goal": [2, 3.5], "radius": 0.2, "margin": 0.05, ` + wallEnv + `}`
	if err := callGeom(t, "geom.shortest_path", in, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Found || out.Clearance == nil || *out.Clearance < 0.25-1e-9 || len(out.Path) < 4 {
		t.Fatalf("%+v", out)
	}
	// Independent check: no waypoint segment comes closer than radius +
	// margin to the walls, and the path passes through the gap.
	walls := []geom.Polygon{box(0, 4, 1.95, 2.05), box(5, 10, 1.95, 2.05), box(7, 7.5, 0.5, 1)}
	var path []geom.Point
	length := 0.0
	for i, q := range out.Path {
		path = append(path, geom.Pt(q[0], q[1]))
		if i > 0 {
			length += path[i-1].Dist(path[i])
		}
	}
	if c := geom.Clearance(path, walls); c < 0.25-1e-9 || math.Abs(length-out.Length) > 1e-9 {
		t.Fatalf("clearance %g, length %g vs %g", c, length, out.Length)
	}

	// The start inside the named wall's inflation.
	out = builtin.GeomPathOutput{}
	in = `{"start": [2, 1.8], "goal": [2, 3.5], "radius": 0.2, ` + wallEnv + `}`
	if err := callGeom(t, "geom.shortest_path", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Found || !strings.Contains(out.BlockedBy, "left wall") || !strings.Contains(out.Reason, "start") {
		t.Fatalf("%+v", out)
	}
	// Blocked by a GeoJSON feature.
	out = builtin.GeomPathOutput{}
	in = `{"start": [7.2, 0.7], "goal": [2, 3.5], ` + wallEnv + `}`
	if err := callGeom(t, "geom.shortest_path", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Found || !strings.Contains(out.BlockedBy, `"pillar" (obstacles[2].features[0])`) {
		t.Fatalf("%+v", out)
	}
	// Too wide for the gap.
	out = builtin.GeomPathOutput{}
	in = `{"start": [2, 0.7], "goal": [2, 3.3], "radius": 0.6, ` + wallEnv + `}`
	if err := callGeom(t, "geom.shortest_path", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Found || !strings.Contains(out.Reason, "no collision-free path") {
		t.Fatalf("%+v", out)
	}
	// Outside the bounds.
	out = builtin.GeomPathOutput{}
	in = `{"start": [2, 0.1], "goal": [2, 3.5], "radius": 0.2, ` + wallEnv + `}`
	if err := callGeom(t, "geom.shortest_path", in, &out); err != nil {
		t.Fatal(err)
	}
	if out.Found || out.BlockedBy != "bounds" {
		t.Fatalf("%+v", out)
	}
	// No obstacles: a straight line without a clearance.
	out = builtin.GeomPathOutput{}
	if err := callGeom(t, "geom.shortest_path", `{"start": [0, 0], "goal": [3, 4]}`, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Found || out.Length != 5 || out.Clearance != nil {
		t.Fatalf("%+v", out)
	}
}

func box(xmin, xmax, ymin, ymax float64) geom.Polygon {
	b, err := geom.NewBox(xmin, xmax, ymin, ymax)
	if err != nil {
		panic(err)
	}
	return b.Polygon()
}

func TestGeomToolErrors(t *testing.T) {
	tests := []struct {
		name, tool, in, want string
	}{
		{"missing goal", "geom.shortest_path", `{"start": [0, 0]}`, "goal"},
		{"start of 3", "geom.shortest_path", `{"start": [0, 0, 0], "goal": [1, 1]}`, "start: a point needs 2 numbers"},
		{"inverted bounds", "geom.shortest_path", `{"start": [0, 0], "goal": [1, 1], "bounds": [5, 0, 0, 5]}`, "bounds: box [5, 0, 0, 5] is inverted: xmin 5 > xmax 0"},
		{"bad obstacle", "geom.shortest_path", `{"start": [0, 0], "goal": [1, 1], "obstacles": [[0, 1, 0, 1], [[0, 0], [1, 1]]]}`, "obstacles[1]: invalid shape: outer ring has 2 distinct point(s)"},
		{"negative radius", "geom.shortest_path", `{"start": [0, 0], "goal": [1, 1], "radius": -1}`, "radius: -1 must be between 0"},
		{"too many segments", "geom.shortest_path", `{"start": [0, 0], "goal": [1, 1], "segments": 100000}`, "segments: 100000"},
		{"bounds too small", "geom.shortest_path", `{"start": [0, 0], "goal": [1, 1], "radius": 2, "bounds": [0, 3, 0, 3]}`, "too small"},
		{"bad region", "geom.contains", `{"region": "POINT (0 0)", "points": [[0, 0]]}`, "region: wkt: want a POLYGON"},
		{"bad segment", "geom.contains", `{"region": [0, 1, 0, 1], "segments": [[0, 0, 1]]}`, "segments[0]: want [x1, y1, x2, y2]"},
		{"inflate negative", "geom.inflate", `{"shapes": [[0, 1, 0, 1]], "radius": -0.5}`, "radius: -0.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out map[string]any
			err := callGeom(t, tc.tool, tc.in, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v, want one line containing %q", err, tc.want)
			}
		})
	}
}

func TestGeomContainsTool(t *testing.T) {
	var out builtin.GeomContainsOutput
	in := `{"region": [[0,0],[2,0],[2,1],[1,1],[1,2],[0,2]], "points": [[0.5, 0.5], [1, 1], [1.5, 1.5]],
	        "segments": [[2, 1, 1, 2], [-1, 1.5, 3, 1.5]]}`
	if err := callGeom(t, "geom.contains", in, &out); err != nil {
		t.Fatal(err)
	}
	locs := []string{out.Points[0].Location, out.Points[1].Location, out.Points[2].Location}
	if strings.Join(locs, ",") != "inside,boundary,outside" || math.Abs(out.Points[2].Distance-0.5) > 1e-12 || out.Area != 3 {
		t.Fatalf("%+v", out)
	}
	s0, s1 := out.Segments[0], out.Segments[1]
	if s0.Enters || !s0.Intersects || !s1.Enters || len(s1.Intervals) != 1 || math.Abs(s1.Intervals[0][0]-0.25) > 1e-12 || math.Abs(s1.Intervals[0][1]-0.5) > 1e-12 {
		t.Fatalf("%+v", out.Segments)
	}
}

func TestGeomInflateTool(t *testing.T) {
	var out builtin.GeomInflateOutput
	in := `{"shapes": [{"name": "a", "box": [0, 1, 0, 1]}, [1.5, 2.5, 0, 1]], "radius": 0.5, "segments": 1}`
	if err := callGeom(t, "geom.inflate", in, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Polygons) != 2 || out.Polygons[0].Name != "a" || out.Area != 8 || out.Overshoot <= 0 {
		t.Fatalf("%+v", out)
	}
	out = builtin.GeomInflateOutput{}
	if err := callGeom(t, "geom.inflate", strings.Replace(in, `"segments": 1`, `"segments": 1, "union": true`, 1), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Polygons) != 1 || out.Area != 3.5*2 {
		t.Fatalf("union: %+v", out)
	}
}
