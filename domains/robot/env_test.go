package robot

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

const data = "../../testdata/robot"

var scenarios = []string{"houseworld", "chip1", "chip2", "chip3", "rover", "wall", "overcooked"}

func loadEnv(t testing.TB, name string) *Env {
	t.Helper()
	e, err := LoadEnv(filepath.Join(data, name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Every AutoTAMP scenario loads, validates and survives a write/read
// round trip; the region counts and names follow tasks.md.
func TestScenariosLoad(t *testing.T) {
	want := map[string]struct {
		regions, robots, walls int
		names                  []string
	}{
		"houseworld": {12, 1, 4, []string{"kitchen", "restroom2", "master_bedroom", "bedroom", "living_room", "exercise_room", "restroom", "dining_room", "wall1"}},
		"chip1":      {21, 1, 9, []string{"key1", "key5", "goal1", "goal2", "door1", "door5", "wall9"}},
		"chip2":      {23, 1, 13, []string{"door1", "key3", "wall13", "goal4"}},
		"chip3":      {32, 1, 13, []string{"door7", "key7", "goal5"}},
		"rover":      {21, 3, 11, []string{"goal1", "goal6", "transmitter1", "transmitter2", "charging1", "charging2"}},
		"wall":       {10, 4, 6, []string{"goal1", "goal4", "wall6"}},
		"overcooked": {21, 2, 15, []string{"block", "ingredient1", "ingredient4", "cooking_room1"}},
	}
	for _, name := range scenarios {
		t.Run(name, func(t *testing.T) {
			e := loadEnv(t, name)
			w := want[name]
			walls := 0
			for _, r := range e.Regions {
				if r.Kind == "wall" {
					walls++
				}
			}
			if len(e.Regions) != w.regions || len(e.Robots) != w.robots || walls != w.walls {
				t.Fatalf("%d regions, %d robots, %d walls; want %d, %d, %d", len(e.Regions), len(e.Robots), walls, w.regions, w.robots, w.walls)
			}
			for _, n := range w.names {
				if e.Region(n) == nil {
					t.Errorf("no region %q", n)
				}
			}
			if e.Horizon <= 0 || e.Source == "" || !strings.Contains(e.Source, "MIT") {
				t.Errorf("horizon %g, source %q", e.Horizon, e.Source)
			}
			raw, err := e.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			back, err := ParseEnv(raw)
			if err != nil {
				t.Fatal(err)
			}
			raw2, _ := back.MarshalJSON()
			if string(raw) != string(raw2) {
				t.Fatal("write/read round trip changed the file")
			}
		})
	}
}

func TestEnvForms(t *testing.T) {
	in := `{
	  "_comment": "every region form",
	  "name": "forms", "horizon": 10,
	  "robots": [{"name": "r1", "start": [0.5, 0.5], "radius": 0.1, "max_speed": 2, "color": "#1a237e"}],
	  "groups": {"targets": ["box", "ell"]},
	  "regions": [
	    {"name": "box", "kind": "goal", "color": "Blue", "box": [1, 2, 1, 2]},
	    {"name": "ell", "kind": "room", "polygon": [[3,0],[6,0],[6,1],[4,1],[4,3],[3,3]]},
	    {"name": "ring", "polygon": [[0,4],[4,4],[4,8],[0,8]], "holes": [[[1,5],[3,5],[3,7],[1,7]]]},
	    {"name": "pond", "kind": "obstacle", "wkt": "POLYGON ((5 5, 7 5, 7 7, 5 5))"},
	    {"name": "twin", "kind": "charger", "wkt": "MULTIPOLYGON (((8 0, 9 0, 9 1, 8 1, 8 0)), ((8 2, 9 2, 9 3, 8 3, 8 2)))"},
	    {"name": "geo", "geometry": {"type": "Polygon", "coordinates": [[[8,5],[9,5],[9,6],[8,6],[8,5]]]}},
	    {"type": "Feature", "properties": {"name": "feat", "kind": "door", "colour": "red", "extra": 1},
	     "geometry": {"type": "Polygon", "coordinates": [[[8,8],[9,8],[9,9],[8,9],[8,8]]]}}
	  ]}`
	e, err := ParseEnv([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if e.Bounds != (geom.Box{XMin: 0, XMax: 9, YMin: 0, YMax: 9}) {
		t.Fatalf("default bounds %v", e.Bounds)
	}
	if r := e.Region("ring"); r.Kind != "region" || len(r.Shape.Polygons[0].Holes) != 1 {
		t.Fatalf("ring %+v", r)
	}
	if r := e.Region("feat"); r.Kind != "door" || r.Color != "red" {
		t.Fatalf("feature %+v", r)
	}
	if got := e.RegionsNamed("targets"); len(got) != 2 || got[1].Name != "ell" {
		t.Fatalf("group %v", got)
	}
	if got := e.RegionsNamed("charger"); len(got) != 1 || len(got[0].Shape.Polygons) != 2 {
		t.Fatalf("kind %v", got)
	}
	if len(e.Obstacles()) != 1 {
		t.Fatal("obstacles")
	}
	raw, _ := e.MarshalJSON()
	back, err := ParseEnv(raw)
	if err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	if len(back.Regions) != len(e.Regions) || back.Region("twin").Shape.Area() != 2 || back.Region("ring").Shape.Area() != 12 {
		t.Fatalf("round trip lost shapes:\n%s", raw)
	}
	// A whole file as a GeoJSON FeatureCollection with foreign members.
	fc := `{"type": "FeatureCollection", "horizon": 5, "robots": [{"name": "a", "start": [5, 5]}],
	  "features": [{"type": "Feature", "properties": {"name": "zone", "kind": "goal"},
	    "geometry": {"type": "Polygon", "coordinates": [[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}]}`
	e2, err := ParseEnv([]byte(fc))
	if err != nil || e2.Region("zone") == nil || e2.Horizon != 5 || e2.Robot("a") == nil {
		t.Fatalf("feature collection: %v %+v", err, e2)
	}
}

func TestEnvErrors(t *testing.T) {
	base := func(regions, robots string) string {
		return `{"bounds": [0, 10, 0, 10], "regions": [` + regions + `], "robots": [` + robots + `]}`
	}
	wall := `{"name": "wall1", "kind": "wall", "box": [4, 5, 0, 10]}`
	r1 := `{"name": "r1", "start": [1, 1], "radius": 0.5}`
	for _, c := range []struct{ in, want string }{
		{`[1]`, "robot: invalid environment: want a JSON object, got an array"},
		{"{\n  \"name\": 3}", `robot: invalid environment: name: want a string, got a number`},
		{"{\n  \"name\": \"x\",\n  oops}", "robot: invalid environment: malformed JSON: line 3, column 3: invalid character 'o' looking for beginning of object key string"},
		{`{"robts": []}`, `robot: invalid environment: unknown key "robts" (known: name, description, source, bounds, horizon, regions, groups, robots, type, features)`},
		{`{"horizon": -1, "regions": [` + wall + `]}`, "robot: invalid environment: horizon: want a non-negative number of at most 1e9, got -1"},
		{`{"bounds": [0, 10, 5, 1]}`, "robot: invalid environment: bounds: box [0, 10, 5, 1] is inverted: ymin 5 > ymax 1 (the order is [xmin, xmax, ymin, ymax])"},
		{base(wall+`,`+wall, r1), `robot: invalid environment: regions[1] "wall1": duplicate name (also regions[0])`},
		{base(`{"kind": "room", "box": [0, 1, 0, 1]}`, r1), "robot: invalid environment: regions[0]: name: required"},
		{base(`{"name": "F", "box": [0, 1, 0, 1]}`, r1), `robot: invalid environment: regions[0] "F": name must be letters, digits and _ (not starting with a digit, not F, G, U, true or false) so that specs can use it`},
		{base(`{"name": "my room", "box": [0, 1, 0, 1]}`, r1), `robot: invalid environment: regions[0] "my room": name must be letters`},
		{base(`{"name": "a", "kind": "Room", "box": [0, 1, 0, 1]}`, r1), `robot: invalid environment: regions[0] "a": kind "Room": want a lower-case word`},
		{base(`{"name": "a", "color": "blu", "box": [0, 1, 0, 1]}`, r1), `robot: invalid environment: regions[0] "a": color: unknown colour "blu"`},
		{base(`{"name": "a", "box": [0, 1, 0, 1], "size": 3}`, r1), `robot: invalid environment: regions[0] "a": unknown key "size"`},
		{base(`{"name": "flat", "polygon": [[0,0],[1,1],[2,2]]}`, r1), `robot: invalid environment: regions[0] "flat": outer ring has zero area (its points are collinear)`},
		{base(`{"name": "bow", "polygon": [[0,0],[2,2],[2,0],[0,2]]}`, r1), `robot: invalid environment: regions[0] "bow": outer ring crosses itself`},
		{base(`{"name": "thin", "box": [1, 1, 0, 5]}`, r1), `robot: invalid environment: regions[0] "thin": box [1, 1, 0, 5] has zero area`},
		{base(`{"name": "out", "box": [8, 12, 0, 1]}`, r1), `robot: invalid environment: regions[0] "out": extends outside the bounds [0, 10, 0, 10] (its box is [8, 12, 0, 1])`},
		{base(`{"name": "nogeom"}`, r1), `robot: invalid environment: regions[0] "nogeom": object needs one of the keys box, polygon, wkt or geometry`},
		{base(wall, `{"name": "r1", "start": [4.5, 5]}`), `robot: invalid environment: robots[0] "r1": start (4.5, 5) is inside wall "wall1"`},
		{base(wall, `{"name": "r1", "start": [3.8, 5], "radius": 0.3}`), `robot: invalid environment: robots[0] "r1": start (3.8, 5) is 0.2 from wall "wall1", less than the robot's radius 0.3`},
		{base(wall, `{"name": "r1", "start": [1, 1], "goal": [4.2, 1]}`), `robot: invalid environment: robots[0] "r1": goal (4.2, 1) is inside wall "wall1"`},
		{base(wall, `{"name": "r1", "start": [11, 1]}`), `robot: invalid environment: robots[0] "r1": start (11, 1) is outside the bounds [0, 10, 0, 10]`},
		{base(wall, r1+`,`+r1), `robot: invalid environment: robots[1] "r1": duplicate name (also robots[0])`},
		{base(wall, r1+`,{"name": "r2", "start": [1.5, 1], "radius": 0.5}`), `robot: invalid environment: robots "r1" and "r2" start 0.5 apart, less than the sum of their radii 1`},
		{base(wall, `{"name": "r1", "start": [1, 1], "max_speed": -2}`), `robot: invalid environment: robots[0] "r1": max_speed: want a non-negative number (0 = no limit), got -2`},
		{base(wall, `{"name": "r1", "start": [1]}`), `robot: invalid environment: robots[0] "r1": start: want [x, y]`},
		{base(wall, `{"name": "r1"}`), `robot: invalid environment: robots[0] "r1": start: required, [x, y]`},
		{base(wall, `{"name": "r1", "start": [1, 1], "speed": 3}`), `robot: invalid environment: robots[0] "r1": unknown key "speed"`},
		{`{"regions": [` + wall + `], "groups": {"g": ["wal1"]}}`, `robot: invalid environment: groups.g: unknown region "wal1" (did you mean "wall1"?)`},
		{`{"regions": [` + wall + `], "groups": {"wall1": ["wall1"]}}`, `robot: invalid environment: groups.wall1: name already used by regions[0]`},
		{`{"regions": {"type": "Feature"}}`, "robot: invalid environment: regions: want an array or a GeoJSON FeatureCollection"},
	} {
		_, err := ParseEnv([]byte(c.in))
		if err == nil {
			t.Errorf("%s: accepted", c.in)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.in, err, c.want)
		}
		if strings.ContainsAny(err.Error(), "\n") {
			t.Errorf("multi-line error %q", err)
		}
		if !errors.Is(err, ErrInvalidEnv) {
			t.Errorf("%q does not wrap ErrInvalidEnv", err)
		}
	}
	if _, err := LoadEnv("no/such/file.json"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestCheckFormulaNames(t *testing.T) {
	e := loadEnv(t, "rover")
	for _, c := range []struct{ spec, want string }{
		{"F goal1 & G(!r1.charging -> F[0,5] r1.charging)", ""},
		{"F transmiter1", `robot: spec at column 3: unknown region "transmiter1" (did you mean "transmitter1"?)`},
		{"F goal1 &\n  F r9.goal2", `robot: spec at line 2, column 5: unknown robot "r9" (robots: r1, r2, r3)`},
		{"F observation", ""}, // a kind
	} {
		err := e.CheckFormula(stl.MustParse(c.spec))
		if (err == nil) != (c.want == "") || err != nil && err.Error() != c.want {
			t.Errorf("%q: %v, want %q", c.spec, err, c.want)
		}
	}
}

func TestParseColor(t *testing.T) {
	for _, c := range []struct {
		in   string
		want [3]uint8
	}{{"red", [3]uint8{255, 0, 0}}, {"#0f0", [3]uint8{0, 255, 0}}, {"#1A237E", [3]uint8{0x1a, 0x23, 0x7e}}, {" Cyan ", [3]uint8{0, 255, 255}}} {
		got, err := ParseColor(c.in)
		if err != nil || [3]uint8{got.R, got.G, got.B} != c.want {
			t.Errorf("%q: %v %v", c.in, got, err)
		}
	}
	for _, in := range []string{"", "blu", "#12", "#ggg", "red/yellow"} {
		if _, err := ParseColor(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
