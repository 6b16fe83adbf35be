package geom

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseShape(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		area  float64
		polys int
		label string
		prop  string // a property key that must be kept
	}{
		{"box", `[0, 2, 1, 4]`, 6, 1, "", ""},
		{"point list", `[[0,0],[4,0],[4,1],[1,1],[1,3],[0,3]]`, 6, 1, "", ""},
		{"point list closed", `[[0,0],[1,0],[1,1],[0,0]]`, 0.5, 1, "", ""},
		{"clockwise points", `[[0,0],[0,1],[1,1],[1,0]]`, 1, 1, "", ""},
		{"wkt", `"POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1 0.5, 1 1, 0.5 1, 0.5 0.5))"`, 3.75, 1, "", ""},
		{"wkt multipolygon", `"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))"`, 1.5, 2, "", ""},
		{"wkt z", `"POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"`, 0.5, 1, "", ""},
		{"geojson polygon", `{"type":"Polygon","coordinates":[[[0,0],[3,0],[3,1],[0,1],[0,0]]]}`, 3, 1, "", ""},
		{"geojson multipolygon", `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,3],[2,2]]]]}`, 1.5, 2, "", ""},
		{"geojson feature", `{"type":"Feature","properties":{"name":"kitchen","color":"cyan"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}`, 1, 1, "kitchen", "color"},
		{"object box", `{"name":"wall","kind":"wall","box":[-0.1,0.1,0,8]}`, 1.6, 1, "wall", "kind"},
		{"object polygon with hole", `{"name":"frame","polygon":[[0,0],[4,0],[4,4],[0,4]],"holes":[[[1,1],[3,1],[3,3],[1,3]]]}`, 12, 1, "frame", ""},
		{"object wkt", `{"name":"t","wkt":"POLYGON ((0 0, 2 0, 0 2, 0 0))"}`, 2, 1, "t", ""},
		{"object geometry", `{"name":"g","geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,0]]]}}`, 2, 1, "g", ""},
		{"object with a non-GeoJSON type", `{"name":"o","type":"obstacle","box":[0,1,0,1]}`, 1, 1, "o", "type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseShape([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Polygons) != tc.polys || math.Abs(s.Area()-tc.area) > 1e-12 || s.Name != tc.label {
				t.Fatalf("got %d polygons, area %g, name %q; want %d, %g, %q", len(s.Polygons), s.Area(), s.Name, tc.polys, tc.area, tc.label)
			}
			if tc.prop != "" && s.Properties[tc.prop] == nil {
				t.Fatalf("property %q lost: %v", tc.prop, s.Properties)
			}
			for _, p := range s.Polygons {
				if ringArea(p.Outer) <= 0 {
					t.Fatal("outer ring not counter-clockwise")
				}
				for _, h := range p.Holes {
					if ringArea(h) >= 0 {
						t.Fatal("hole not clockwise")
					}
				}
			}
			// WKT round trip.
			back, err := ParseWKT(s.WKT())
			if err != nil {
				t.Fatalf("re-reading %s: %v", s.WKT(), err)
			}
			if a := (Shape{Polygons: back}).Area(); math.Abs(a-tc.area) > 1e-12 {
				t.Fatalf("round trip area %g", a)
			}
		})
	}
}

func TestParseShapes(t *testing.T) {
	in := `[
	  [0, 1, 0, 1],
	  "POLYGON ((5 5, 6 5, 6 6, 5 5))",
	  {"type": "FeatureCollection", "features": [
	    {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}},
	    {"type": "Feature", "id": "b", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}
	  ]}
	]`
	ss, err := ParseShapes([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 4 || ss[2].Name != "a" || ss[3].Name != "b" {
		t.Fatalf("got %d shapes: %+v", len(ss), ss)
	}
	fc, err := MarshalGeoJSON(ss)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseGeoJSON(fc)
	if err != nil {
		t.Fatalf("re-reading %s: %v", fc, err)
	}
	if len(back) != 4 || back[2].Name != "a" || math.Abs(back[1].Area()-0.5) > 1e-12 {
		t.Fatalf("GeoJSON round trip: %+v", back)
	}
	for _, in := range []string{`{"box":[0,1,0,1]}`, `[0,1,0,1]`, `[[0,0],[1,0],[1,1]]`, `"POLYGON ((0 0, 1 0, 1 1, 0 0))"`} {
		one, err := ParseShapes([]byte(in))
		if err != nil || len(one) != 1 {
			t.Fatalf("single shape %s: %v %v", in, one, err)
		}
	}
	if two, err := ParseShapes([]byte(`[[0,1,0,1],[[0,0],[1,0],[1,1]]]`)); err != nil || len(two) != 2 {
		t.Fatalf("two shapes: %v %v", two, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"malformed", `[0, 1`, "malformed JSON"},
		{"trailing data", `[0,1,0,1] x`, "data after"},
		{"null", `null`, "null"},
		{"number", `3`, "got a number"},
		{"empty array", `[]`, "empty array"},
		{"box of 3", `[0, 1, 2]`, "4 numbers"},
		{"inverted box", `[3, 1, 0, 1]`, "xmin 3 > xmax 1"},
		{"inverted box y", `[0, 1, 5, 1]`, "ymin 5 > ymax 1"},
		{"flat box", `[0, 0, 0, 1]`, "zero area"},
		{"huge number", `[0, 1e999, 0, 1]`, "malformed JSON"},
		{"beyond MaxCoord", `[0, 1e300, 0, 1]`, "beyond"},
		{"point beyond MaxCoord", `[[0,0],[1e300,0],[0,1]]`, "beyond"},
		{"tiny box", `[0, 5e-324, 0, 5e-324]`, "zero area"},
		{"box with string", `[0, "1", 0, 1]`, "box[1]: want a number"},
		{"two points", `[[0,0],[1,1]]`, "2 distinct point(s)"},
		{"repeated points", `[[0,0],[1,1],[1,1],[0,0]]`, "2 distinct point(s)"},
		{"collinear", `[[0,0],[1,1],[2,2]]`, "zero area"},
		{"bow tie", `[[0,0],[2,2],[2,0],[0,2]]`, "crosses itself"},
		{"point of 3", `[[0,0,0],[1,0],[1,1]]`, "point 0: want [x, y]"},
		{"hole outside", `{"polygon":[[0,0],[1,0],[1,1],[0,1]],"holes":[[[5,5],[6,5],[6,6]]]}`, "hole"},
		{"holes without polygon", `{"box":[0,1,0,1],"holes":[]}`, "only with polygon"},
		{"two geometries", `{"box":[0,1,0,1],"wkt":"POLYGON ((0 0, 1 0, 1 1, 0 0))"}`, "both box and wkt"},
		{"no geometry", `{"name":"x","kind":"wall"}`, `shape "x": object needs one of the keys`},
		{"name not string", `{"name":3,"box":[0,1,0,1]}`, "name: want a string"},
		{"wkt linestring", `"LINESTRING (0 0, 1 1)"`, "want a POLYGON or MULTIPOLYGON, got a LINESTRING"},
		{"wkt garbage", `"POLYGON ((0 0, 1 0"`, "wkt: syntax error"},
		{"wkt empty", `"POLYGON EMPTY"`, "empty"},
		{"wkt self-intersecting", `"POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))"`, "crosses itself"},
		{"geojson point", `{"type":"Point","coordinates":[0,0]}`, "got a POINT"},
		{"geojson bad coordinates", `{"type":"Polygon","coordinates":"x"}`, "geojson"},
		{"feature without geometry", `{"type":"Feature","properties":{"name":"k"},"geometry":null}`, `feature "k": no geometry`},
		{"collection where one shape is expected", `{"type":"FeatureCollection","features":[]}`, "holds 0 shapes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseShape([]byte(tc.in))
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "geom: ") {
				t.Fatalf("error %q, want one line starting with \"geom: \" containing %q", msg, tc.want)
			}
		})
	}
	_, err := ParseShapes([]byte(`[[0,1,0,1], [0,1,2]]`))
	if err == nil || !strings.Contains(err.Error(), "[1]: ") {
		t.Fatalf("ParseShapes error %v does not name the element", err)
	}
	_, err = ParseShape([]byte(`[1, 0, 0, 1]`))
	if !errors.Is(err, ErrInvalidShape) {
		t.Fatalf("%v does not wrap ErrInvalidShape", err)
	}
}

func checkParsed(t *testing.T, ss []Shape) {
	for _, s := range ss {
		for _, p := range s.Polygons {
			if err := p.Validate(); err != nil {
				t.Fatalf("parser returned an invalid polygon: %v", err)
			}
			if !(p.Area() > 0) {
				t.Fatalf("parser returned a polygon of area %g", p.Area())
			}
			back, err := ParseWKT(p.WKT())
			if err != nil {
				t.Fatalf("WKT round trip of %s: %v", p.WKT(), err)
			}
			if len(back) != 1 || math.Abs(back[0].Area()-p.Area()) > 1e-9*math.Max(1, p.Area()) {
				t.Fatalf("WKT round trip changed the area of %s", p.WKT())
			}
			_ = p.Locate(Pt(0, 0), DefaultTol)
			_ = p.SegmentEntersInterior(Pt(-1, -1), Pt(1, 1), DefaultTol)
		}
	}
}

func FuzzParseShapes(f *testing.F) {
	for _, s := range []string{
		`[0, 1, 0, 1]`,
		`[[0,0],[4,0],[4,1],[1,1],[1,3],[0,3]]`,
		`"POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"`,
		`{"name":"wall","kind":"wall","box":[-0.1,0.1,0,8]}`,
		`{"polygon":[[0,0],[4,0],[4,4],[0,4]],"holes":[[[1,1],[3,1],[3,3],[1,3]]]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`,
		`[[0,1,0,1],"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))"]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		slow := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("slow input %q", data)) })
		defer slow.Stop()
		ss, err := ParseShapes(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		checkParsed(t, ss)
	})
}

func FuzzParseWKT(f *testing.F) {
	for _, s := range []string{
		"POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))",
		"POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))",
		"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))",
		"POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
		"POLYGON EMPTY",
		"LINESTRING (0 0, 1 1)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slow := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("slow input %q", s)) })
		defer slow.Stop()
		ps, err := ParseWKT(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		checkParsed(t, []Shape{{Polygons: ps}})
	})
}

func TestConstructorErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"NaN vertex", errOf(NewPolygon(pts(0, 0, 1, 0, nan, 1))), "point 2 [NaN, 1] has a non-finite coordinate"},
		{"Inf vertex", errOf(NewPolygon(pts(0, 0, inf, 0, 1, 1))), "non-finite"},
		{"NaN in a hole", errOf(NewPolygon(pts(0, 0, 4, 0, 4, 4), pts(1, 1, nan, 1, 2, 2))), "hole 0: point 1"},
		{"Inf box", errOf(NewBox(0, inf, 0, 1)), "non-finite bound"},
		{"NaN box", errOf(NewBox(0, 1, nan, 1)), "non-finite bound"},
		{"inverted box", errOf(NewBox(2, 1, 0, 1)), "xmin 2 > xmax 1"},
		{"box slice", errOf(BoxFromSlice([]float64{0, 1})), "4 numbers"},
		{"point slice", errOf(PointFromSlice([]float64{0, 1, 2})), "2 numbers"},
		{"NaN point", errOf(PointFromSlice([]float64{nan, 1})), "non-finite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) || strings.Contains(tc.err.Error(), "\n") {
				t.Fatalf("error %v, want one line containing %q", tc.err, tc.want)
			}
		})
	}
	// Hand-built invalid polygons are caught by Validate and rejected by
	// Inflate and the planner.
	bad := Polygon{Outer: pts(0, 0, 2, 2, 2, 0, 0, 2)}
	if bad.Validate() == nil {
		t.Fatal("bow tie validated")
	}
	if _, err := Inflate(bad, 1, 8); err == nil {
		t.Fatal("Inflate accepted a bow tie")
	}
	if _, err := ShortestPath(context.Background(), Pt(-1, -1), Pt(3, 3), []Polygon{bad}, PathOptions{}); err == nil || !strings.Contains(err.Error(), "obstacle 0") {
		t.Fatalf("planner: %v", err)
	}
}

func errOf[T any](_ T, err error) error { return err }
