package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
)

// repoTestdata returns the path of a file under the repository's testdata.
func repoTestdata(name string) string {
	return filepath.Join("..", "..", "..", "..", "testdata", "geom", name)
}

func TestGeomPath(t *testing.T) {
	r := run(t, "", "geom", "path", repoTestdata("wall.json"))
	if r.code != 0 || !strings.HasPrefix(r.stdout, "path found: length ") || !strings.Contains(r.stdout, "clearance 0.2,") || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	// --json, checked independently: the path avoids every wall by the
	// radius and ends where it should.
	r = run(t, "", "geom", "path", "--json", "--radius", "0.3", "--segments", "2", repoTestdata("chip_env1.json"))
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var out struct {
		Found     bool         `json:"found"`
		Path      [][2]float64 `json:"path"`
		Length    float64      `json:"length"`
		Clearance float64      `json:"clearance"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || !out.Found {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	data, err := os.ReadFile(repoTestdata("chip_env1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Obstacles json.RawMessage `json:"obstacles"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	shapes, err := geom.ParseShapes(env.Obstacles)
	if err != nil {
		t.Fatal(err)
	}
	var walls []geom.Polygon
	for _, s := range shapes {
		walls = append(walls, s.Polygons...)
	}
	var path []geom.Point
	for _, q := range out.Path {
		path = append(path, geom.Pt(q[0], q[1]))
	}
	if c := geom.Clearance(path, walls); c < 0.3-1e-9 || math.Abs(c-out.Clearance) > 1e-12 {
		t.Fatalf("clearance %g, reported %g", c, out.Clearance)
	}
	if path[0] != geom.Pt(4.5, 2) || path[len(path)-1] != geom.Pt(1, 7) || math.Abs(geom.PolylineLength(path)-out.Length) > 1e-9 {
		t.Fatalf("path %v length %g", path, out.Length)
	}

	// Doors closed: no path, exit 2, the reason on stdout.
	r = run(t, "", "geom", "path", repoTestdata("chip_env1_doors.json"))
	if r.code != ExitNoSolution || !strings.HasPrefix(r.stdout, "no path: ") || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	// Standard input, a blocked goal named in the reason.
	r = run(t, `{"start":[0,0],"goal":[2,0],"obstacles":[{"name":"crate","box":[1.5,2.5,-1,1]}]}`, "geom", "path", "-")
	if r.code != ExitNoSolution || !strings.Contains(r.stdout, `goal [2, 0]`) || !strings.Contains(r.stdout, `"crate"`) {
		t.Fatalf("%+v", r)
	}
	// SVG output.
	svg := filepath.Join(t.TempDir(), "p.svg")
	r = run(t, "", "geom", "path", "--svg", svg, repoTestdata("rover.json"))
	b, err := os.ReadFile(svg)
	if r.code != 0 || err != nil || !strings.HasPrefix(string(b), "<svg") || !strings.Contains(string(b), "<polyline") {
		t.Fatalf("svg: %+v %v", r, err)
	}
}

func TestGeomPathErrors(t *testing.T) {
	cases := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{`{"start":[0,0]`, []string{"geom", "path", "-"}, ExitError, "standard input: malformed JSON"},
		{`{"start":[0,0],"goal":[1,1],"colour":"red"}`, []string{"geom", "path", "-"}, ExitError, `unknown field "colour"`},
		{`{"start":[0,0]}`, []string{"geom", "path", "-"}, ExitError, "start and goal are required"},
		{`{"start":[0,0],"goal":[1,1],"obstacles":[[2,1,0,1]]}`, []string{"geom", "path", "-"}, ExitError, "obstacles[0]: invalid shape: box [2, 1, 0, 1] is inverted"},
		{`{"start":[0,0],"goal":[1,1]}`, []string{"geom", "path", "--radius", "-1", "-"}, ExitError, "radius: -1"},
		{`{"start":[0,0],"goal":[1,1]}`, []string{"geom", "path", "--segments", "0", "-"}, ExitUsage, "--segments must be at least 1"},
		{"", []string{"geom", "path"}, ExitUsage, "want one JSON file"},
		{"", []string{"geom", "path", "/nonexistent.json"}, ExitError, "reading /nonexistent.json"},
		{"", []string{"geom", "contains", "[0,1,0,1]"}, ExitUsage, "at least one point"},
		{"", []string{"geom", "contains", "[0,1,0,1]", "1,x"}, ExitUsage, `"1,x": want X,Y`},
		{"", []string{"geom", "contains", "[0,1,0", "1,1"}, ExitError, "shape: malformed JSON"},
		{"", []string{"geom", "contains", "LINESTRING (0 0, 1 1)", "1,1"}, ExitError, "region: wkt: want a POLYGON"},
		{"", []string{"geom", "inflate", "[0,1,0,1]"}, ExitUsage, "--radius is required"},
		{"", []string{"geom", "inflate", "[[0,0],[1,1]]", "--radius", "1"}, ExitError, "shapes[0]: invalid shape"},
	}
	for _, tc := range cases {
		r := run(t, tc.stdin, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("%v: code %d stderr %q stdout %q; want code %d and %q", tc.args, r.code, r.stderr, r.stdout, tc.code, tc.want)
		}
	}
}

func TestGeomContains(t *testing.T) {
	r := run(t, "", "geom", "contains", "POLYGON ((0 0, 2 0, 2 1, 1 1, 1 2, 0 2, 0 0))", "0.5,0.5", "1,1", "1.5,1.5", "2,1,1,2", "0,2,2,0")
	want := []string{"0.5,0.5  inside    0", "1,1      boundary  0", "1.5,1.5  outside   0.5", "2,1 -> 1,2  no      yes", "0,2 -> 2,0  yes     yes"}
	for _, w := range want {
		if !strings.Contains(r.stdout, w) {
			t.Fatalf("missing %q in\n%s", w, r.stdout)
		}
	}
	// A GeoJSON region from a file, JSON output.
	r = run(t, "", "geom", "contains", "--json", "@"+repoTestdata("houseworld_rooms.geojson"), "0,0")
	if r.code != ExitError || !strings.Contains(r.stderr, "holds 8 shapes") {
		t.Fatalf("FeatureCollection as one region: %+v", r)
	}
	r = run(t, `{"name":"LivingRoom","box":[-0.5,0.5,-0.5,0.5]}`, "geom", "contains", "--json", "-", "0,0", "1,1")
	var out struct {
		Points []struct {
			Location string `json:"location"`
		} `json:"points"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || len(out.Points) != 2 || out.Points[0].Location != "inside" || out.Points[1].Location != "outside" {
		t.Fatalf("%+v", r)
	}
}

func TestGeomInflate(t *testing.T) {
	r := run(t, "", "geom", "inflate", "[0, 2, 0, 1]", "--radius", "0.5", "--segments", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "POLYGON ((-0.5 -0.5, 2.5 -0.5, 2.5 1.5, -0.5 1.5, -0.5 -0.5))\tarea 6\n") {
		t.Fatalf("%+v", r)
	}
	r = run(t, "", "geom", "inflate", "@"+repoTestdata("houseworld_rooms.geojson"), "--radius", "0.05", "--union", "--geojson")
	var fc struct {
		Type     string `json:"type"`
		Features []any  `json:"features"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &fc) != nil || fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		t.Fatalf("%+v", r)
	}
}
