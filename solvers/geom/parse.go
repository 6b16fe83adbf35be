package geom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	gogeom "github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// Shape is a named area made of one or more polygons (several for a
// MultiPolygon), with free-form properties (GeoJSON feature properties, or
// the extra keys of an object shape such as "kind" or "color").
type Shape struct {
	Name       string
	Polygons   []Polygon
	Properties map[string]any
}

// BoxShape returns a shape holding box b.
func BoxShape(name string, b Box) Shape {
	return Shape{Name: name, Polygons: []Polygon{b.Polygon()}}
}

// Locate returns the best location of q over the shape's polygons: inside
// one of them, else on a boundary, else outside. Polygons are treated one
// by one, so a point on an edge shared by two of them is on the boundary.
func (s Shape) Locate(q Point, tol float64) Location {
	best := Outside
	for _, p := range s.Polygons {
		best = max(best, p.Locate(q, tol))
	}
	return best
}

// Contains reports whether q lies in the closed shape.
func (s Shape) Contains(q Point, tol float64) bool { return s.Locate(q, tol) != Outside }

// SegmentEntersInterior reports whether ab enters the interior of one of
// the shape's polygons (see Polygon.SegmentEntersInterior).
func (s Shape) SegmentEntersInterior(a, b Point, tol float64) bool {
	for _, p := range s.Polygons {
		if p.SegmentEntersInterior(a, b, tol) {
			return true
		}
	}
	return false
}

// Distance returns the distance from q to the shape.
func (s Shape) Distance(q Point) float64 {
	d := math.Inf(1)
	for _, p := range s.Polygons {
		d = math.Min(d, p.Distance(q))
	}
	return d
}

// Area returns the summed area of the shape's polygons.
func (s Shape) Area() float64 {
	var a float64
	for _, p := range s.Polygons {
		a += p.Area()
	}
	return a
}

// WKT returns the shape as WKT (POLYGON or MULTIPOLYGON).
func (s Shape) WKT() string { return MultiWKT(s.Polygons) }

// maxShapeInput bounds the JSON a parser accepts.
const maxShapeInput = 64 << 20

func decodeJSON(data []byte) (any, error) {
	if len(data) > maxShapeInput {
		return nil, fmt.Errorf("geom: input larger than %d MiB", maxShapeInput>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("geom: malformed JSON: %s", firstLine(err.Error()))
	}
	if dec.More() {
		return nil, errors.New("geom: malformed JSON: data after the first value")
	}
	return v, nil
}

// ParseShape reads one shape from JSON: a box [xmin, xmax, ymin, ymax], a
// list of [x, y] points, a WKT string, a GeoJSON Polygon, MultiPolygon or
// Feature, or an object with one of the keys box, polygon (and holes), wkt
// or geometry plus an optional name and other properties.
func ParseShape(data []byte) (Shape, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return Shape{}, err
	}
	return ShapeFromValue(v)
}

// ParseShapes reads a JSON array of shapes (an element may also be a
// GeoJSON FeatureCollection, which contributes one shape per feature), a
// FeatureCollection, or a single shape. An array of numbers (a box) or of
// [x, y] pairs (a point list) is read as one shape, since neither a number
// nor a pair is a shape of its own.
func ParseShapes(data []byte) ([]Shape, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	return ShapesFromValue(v)
}

// ShapesFromValue is ParseShapes on an already decoded JSON value (as from
// encoding/json into any).
func ShapesFromValue(v any) ([]Shape, error) {
	if arr, ok := v.([]any); ok && !oneShapeArray(arr) {
		var out []Shape
		for i, e := range arr {
			if isFeatureCollection(e) {
				ss, err := featureCollection(e)
				if err != nil {
					return nil, fmt.Errorf("geom: [%d]: %s", i, trimPrefix(err))
				}
				out = append(out, ss...)
				continue
			}
			s, err := ShapeFromValue(e)
			if err != nil {
				return nil, fmt.Errorf("geom: [%d]: %s", i, trimPrefix(err))
			}
			out = append(out, s)
		}
		return out, nil
	}
	if isFeatureCollection(v) {
		return featureCollection(v)
	}
	s, err := ShapeFromValue(v)
	if err != nil {
		return nil, err
	}
	return []Shape{s}, nil
}

// oneShapeArray reports whether arr is a box (numbers) or a point list
// (pairs of numbers) rather than a list of shapes.
func oneShapeArray(arr []any) bool {
	if len(arr) == 0 {
		return false
	}
	if _, ok := arr[0].(float64); ok {
		return true
	}
	inner, ok := arr[0].([]any)
	if !ok || len(inner) != 2 {
		return false
	}
	_, ok = inner[0].(float64)
	return ok
}

func trimPrefix(err error) string { return strings.TrimPrefix(err.Error(), "geom: ") }

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

var geoJSONTypes = []string{"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection", "Feature", "FeatureCollection"}

func isFeatureCollection(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m["type"] == "FeatureCollection"
}

func isGeoJSON(m map[string]any) bool {
	t, ok := m["type"].(string)
	return ok && slices.Contains(geoJSONTypes, t)
}

// ShapeFromValue is ParseShape on an already decoded JSON value.
func ShapeFromValue(v any) (Shape, error) {
	switch x := v.(type) {
	case []any:
		ps, err := polygonFromArray(x)
		if err != nil {
			return Shape{}, err
		}
		return Shape{Polygons: []Polygon{ps}}, nil
	case string:
		ps, err := ParseWKT(x)
		if err != nil {
			return Shape{}, err
		}
		return Shape{Polygons: ps}, nil
	case map[string]any:
		if isGeoJSON(x) {
			ss, err := geoJSONValue(x)
			if err != nil {
				return Shape{}, err
			}
			if len(ss) != 1 {
				return Shape{}, fmt.Errorf("geom: a FeatureCollection holds %d shapes where one is expected", len(ss))
			}
			return ss[0], nil
		}
		return objectShape(x)
	case nil:
		return Shape{}, errors.New("geom: shape is null")
	}
	return Shape{}, fmt.Errorf("geom: a shape must be an array, a WKT string or an object, got %s", jsonKind(v))
}

func jsonKind(v any) string {
	switch v.(type) {
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// polygonFromArray reads a box (4 numbers) or a list of [x, y] points.
func polygonFromArray(a []any) (Polygon, error) {
	if len(a) == 0 {
		return Polygon{}, errors.New("geom: shape is an empty array (want a box [xmin, xmax, ymin, ymax] or a list of [x, y] points)")
	}
	if _, ok := a[0].(float64); ok {
		nums, err := numbers(a, "box")
		if err != nil {
			return Polygon{}, err
		}
		b, err := BoxFromSlice(nums)
		if err != nil {
			return Polygon{}, err
		}
		return b.Polygon(), nil
	}
	ring, err := pointList(a, "polygon")
	if err != nil {
		return Polygon{}, err
	}
	return NewPolygon(ring)
}

func numbers(a []any, what string) ([]float64, error) {
	out := make([]float64, len(a))
	for i, e := range a {
		f, ok := e.(float64)
		if !ok {
			return nil, fmt.Errorf("geom: %s[%d]: want a number, got %s", what, i, jsonKind(e))
		}
		out[i] = f
	}
	return out, nil
}

func pointList(a []any, what string) ([]Point, error) {
	ring := make([]Point, len(a))
	for i, e := range a {
		pa, ok := e.([]any)
		if !ok {
			return nil, fmt.Errorf("geom: %s point %d: want [x, y], got %s", what, i, jsonKind(e))
		}
		nums, err := numbers(pa, fmt.Sprintf("%s point %d", what, i))
		if err != nil {
			return nil, err
		}
		if len(nums) != 2 {
			return nil, fmt.Errorf("geom: %s point %d: want [x, y], got %d numbers", what, i, len(nums))
		}
		ring[i] = Point{nums[0], nums[1]}
	}
	return ring, nil
}

// objectShape reads {"name", "box"|"polygon"+"holes"|"wkt"|"geometry", ...}.
func objectShape(m map[string]any) (Shape, error) {
	var s Shape
	if n, ok := m["name"]; ok {
		name, ok := n.(string)
		if !ok {
			return Shape{}, fmt.Errorf("geom: name: want a string, got %s", jsonKind(n))
		}
		s.Name = name
	}
	var keys []string
	for _, k := range []string{"box", "polygon", "wkt", "geometry"} {
		if _, ok := m[k]; ok {
			keys = append(keys, k)
		}
	}
	label := ""
	if s.Name != "" {
		label = fmt.Sprintf("shape %q: ", s.Name)
	}
	switch len(keys) {
	case 0:
		return Shape{}, fmt.Errorf("geom: %sobject needs one of the keys box, polygon, wkt or geometry", label)
	case 1:
	default:
		return Shape{}, fmt.Errorf("geom: %sobject has both %s and %s; give only one", label, keys[0], keys[1])
	}
	if _, ok := m["holes"]; ok && keys[0] != "polygon" {
		return Shape{}, fmt.Errorf("geom: %sholes are allowed only with polygon", label)
	}
	var err error
	switch keys[0] {
	case "box":
		a, ok := m["box"].([]any)
		if !ok {
			return Shape{}, fmt.Errorf("geom: %sbox: want [xmin, xmax, ymin, ymax], got %s", label, jsonKind(m["box"]))
		}
		var nums []float64
		if nums, err = numbers(a, "box"); err == nil {
			var b Box
			if b, err = BoxFromSlice(nums); err == nil {
				s.Polygons = []Polygon{b.Polygon()}
			}
		}
	case "polygon":
		a, ok := m["polygon"].([]any)
		if !ok {
			return Shape{}, fmt.Errorf("geom: %spolygon: want a list of [x, y] points, got %s", label, jsonKind(m["polygon"]))
		}
		var outer []Point
		if outer, err = pointList(a, "polygon"); err != nil {
			break
		}
		var holes [][]Point
		if hv, ok := m["holes"]; ok {
			ha, ok := hv.([]any)
			if !ok {
				return Shape{}, fmt.Errorf("geom: %sholes: want a list of point lists, got %s", label, jsonKind(hv))
			}
			for i, h := range ha {
				hr, ok := h.([]any)
				if !ok {
					return Shape{}, fmt.Errorf("geom: %sholes[%d]: want a list of [x, y] points, got %s", label, i, jsonKind(h))
				}
				ring, err := pointList(hr, fmt.Sprintf("hole %d", i))
				if err != nil {
					return Shape{}, fmt.Errorf("geom: %s%s", label, trimPrefix(err))
				}
				holes = append(holes, ring)
			}
		}
		var p Polygon
		if p, err = NewPolygon(outer, holes...); err == nil {
			s.Polygons = []Polygon{p}
		}
	case "wkt":
		str, ok := m["wkt"].(string)
		if !ok {
			return Shape{}, fmt.Errorf("geom: %swkt: want a string, got %s", label, jsonKind(m["wkt"]))
		}
		s.Polygons, err = ParseWKT(str)
	case "geometry":
		g, ok := m["geometry"].(map[string]any)
		if !ok || !isGeoJSON(g) {
			return Shape{}, fmt.Errorf("geom: %sgeometry: want a GeoJSON Polygon or MultiPolygon object", label)
		}
		var ss []Shape
		if ss, err = geoJSONValue(g); err == nil {
			if len(ss) != 1 {
				return Shape{}, fmt.Errorf("geom: %sgeometry: want a GeoJSON Polygon or MultiPolygon object", label)
			}
			s.Polygons = ss[0].Polygons
		}
	}
	if err != nil {
		return Shape{}, fmt.Errorf("geom: %s%s", label, trimPrefix(err))
	}
	for k, v := range m {
		switch k {
		case "name", "box", "polygon", "holes", "wkt", "geometry":
			continue
		}
		if s.Properties == nil {
			s.Properties = map[string]any{}
		}
		s.Properties[k] = v
	}
	return s, nil
}

// ParseWKT reads a WKT POLYGON or MULTIPOLYGON (Z and M values are
// ignored) and validates each polygon.
func ParseWKT(s string) ([]Polygon, error) {
	if len(s) > maxShapeInput {
		return nil, fmt.Errorf("geom: wkt: input larger than %d MiB", maxShapeInput>>20)
	}
	g, err := unmarshalWKT(s)
	if err != nil {
		return nil, fmt.Errorf("geom: wkt: %s", firstLine(err.Error()))
	}
	ps, err := polygonsFromGoGeom(g)
	if err != nil {
		return nil, fmt.Errorf("geom: wkt: %s", trimPrefix(err))
	}
	return ps, nil
}

// unmarshalWKT calls go-geom's parser, turning a panic on hostile input
// into an error.
func unmarshalWKT(s string) (g gogeom.T, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("unreadable input (%v)", r)
		}
	}()
	return wkt.Unmarshal(s)
}

// polygonsFromGoGeom converts a go-geom Polygon or MultiPolygon.
func polygonsFromGoGeom(g gogeom.T) ([]Polygon, error) {
	switch x := g.(type) {
	case *gogeom.Polygon:
		if x.Empty() {
			return nil, errors.New("polygon is empty")
		}
		p, err := polygonFromFlat(x.FlatCoords(), x.Ends(), x.Stride())
		if err != nil {
			return nil, err
		}
		return []Polygon{p}, nil
	case *gogeom.MultiPolygon:
		if x.Empty() || x.NumPolygons() == 0 {
			return nil, errors.New("multipolygon is empty")
		}
		flat, stride := x.FlatCoords(), x.Stride()
		var out []Polygon
		offset := 0
		for i, ends := range x.Endss() {
			rel := make([]int, len(ends))
			for j, e := range ends {
				rel[j] = e - offset
			}
			end := offset
			if len(ends) > 0 {
				end = ends[len(ends)-1]
			}
			if len(ends) == 0 {
				return nil, fmt.Errorf("polygon %d is empty", i)
			}
			p, err := polygonFromFlat(flat[offset:end], rel, stride)
			if err != nil {
				return nil, fmt.Errorf("polygon %d: %s", i, trimPrefix(err))
			}
			out = append(out, p)
			offset = end
		}
		return out, nil
	case nil:
		return nil, errors.New("no geometry")
	}
	return nil, fmt.Errorf("want a POLYGON or MULTIPOLYGON, got a %s", goGeomName(g))
}

func goGeomName(g gogeom.T) string {
	switch g.(type) {
	case *gogeom.Point:
		return "POINT"
	case *gogeom.MultiPoint:
		return "MULTIPOINT"
	case *gogeom.LineString:
		return "LINESTRING"
	case *gogeom.MultiLineString:
		return "MULTILINESTRING"
	case *gogeom.GeometryCollection:
		return "GEOMETRYCOLLECTION"
	}
	return fmt.Sprintf("%T", g)
}

func polygonFromFlat(flat []float64, ends []int, stride int) (Polygon, error) {
	if stride < 2 {
		return Polygon{}, fmt.Errorf("coordinates have %d dimension(s), want at least 2", stride)
	}
	var rings [][]Point
	start := 0
	for _, end := range ends {
		if end < start || end > len(flat) {
			return Polygon{}, errors.New("malformed coordinates")
		}
		var r []Point
		for i := start; i+stride <= end; i += stride {
			r = append(r, Point{flat[i], flat[i+1]})
		}
		rings = append(rings, r)
		start = end
	}
	if len(rings) == 0 {
		return Polygon{}, errors.New("polygon is empty")
	}
	return NewPolygon(rings[0], rings[1:]...)
}

// ParseGeoJSON reads a GeoJSON Polygon, MultiPolygon, Feature or
// FeatureCollection. Each feature becomes one Shape with its properties;
// its name is the "name" property when that is a string.
func ParseGeoJSON(data []byte) ([]Shape, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok || !isGeoJSON(m) {
		return nil, errors.New("geom: geojson: want an object with a GeoJSON \"type\"")
	}
	return geoJSONValue(m)
}

func geoJSONValue(m map[string]any) ([]Shape, error) {
	if m["type"] == "FeatureCollection" {
		return featureCollection(m)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("geom: geojson: %w", err)
	}
	if m["type"] == "Feature" {
		var f geojson.Feature
		if err := f.UnmarshalJSON(raw); err != nil {
			return nil, fmt.Errorf("geom: geojson: feature: %s", firstLine(err.Error()))
		}
		s, err := featureShape(&f)
		if err != nil {
			return nil, err
		}
		return []Shape{s}, nil
	}
	var g gogeom.T
	if err := geojson.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("geom: geojson: %s", firstLine(err.Error()))
	}
	ps, err := polygonsFromGoGeom(g)
	if err != nil {
		return nil, fmt.Errorf("geom: geojson: %s", trimPrefix(err))
	}
	return []Shape{{Polygons: ps}}, nil
}

func featureShape(f *geojson.Feature) (Shape, error) {
	s := Shape{Properties: f.Properties}
	if n, ok := f.Properties["name"].(string); ok {
		s.Name = n
	} else if f.ID != "" {
		s.Name = f.ID
	}
	ps, err := polygonsFromGoGeom(f.Geometry)
	if err != nil {
		label := ""
		if s.Name != "" {
			label = fmt.Sprintf(" %q", s.Name)
		}
		return Shape{}, fmt.Errorf("geom: geojson: feature%s: %s", label, trimPrefix(err))
	}
	s.Polygons = ps
	return s, nil
}

func featureCollection(v any) ([]Shape, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("geom: geojson: %w", err)
	}
	var fc geojson.FeatureCollection
	if err := fc.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("geom: geojson: %s", firstLine(err.Error()))
	}
	out := make([]Shape, 0, len(fc.Features))
	for i, f := range fc.Features {
		if f == nil {
			return nil, fmt.Errorf("geom: geojson: features[%d] is null", i)
		}
		s, err := featureShape(f)
		if err != nil {
			return nil, fmt.Errorf("geom: geojson: features[%d]: %s", i, strings.TrimPrefix(trimPrefix(err), "geojson: "))
		}
		out = append(out, s)
	}
	return out, nil
}

// MarshalGeoJSON writes shapes as a GeoJSON FeatureCollection whose
// features carry each shape's properties and name.
func MarshalGeoJSON(shapes []Shape) ([]byte, error) {
	type geometry struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	}
	type feature struct {
		Type       string         `json:"type"`
		Geometry   geometry       `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, s := range shapes {
		props := map[string]any{}
		for k, v := range s.Properties {
			props[k] = v
		}
		if s.Name != "" {
			props["name"] = s.Name
		}
		f := feature{Type: "Feature", Properties: props}
		if len(s.Polygons) == 1 {
			f.Geometry = geometry{"Polygon", s.Polygons[0].Coordinates()}
		} else {
			cs := make([][][][2]float64, len(s.Polygons))
			for i, p := range s.Polygons {
				cs[i] = p.Coordinates()
			}
			f.Geometry = geometry{"MultiPolygon", cs}
		}
		fc.Features = append(fc.Features, f)
	}
	return json.Marshal(fc)
}
