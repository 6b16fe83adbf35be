package builtin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/tools"
)

// GeomPathInput is the input of geom.shortest_path.
type GeomPathInput struct {
	Start     []float64 `json:"start" jsonschema:"start point [x, y] of the robot's centre"`
	Goal      []float64 `json:"goal" jsonschema:"goal point [x, y] of the robot's centre"`
	Obstacles []any     `json:"obstacles,omitempty" jsonschema:"obstacles, each a box [xmin, xmax, ymin, ymax] (AutoTAMP order), a list of [x, y] points, a WKT POLYGON/MULTIPOLYGON string, a GeoJSON Polygon/MultiPolygon/Feature/FeatureCollection, or an object {name, box | polygon (+ holes) | wkt | geometry}"`
	Radius    float64   `json:"radius,omitempty" jsonschema:"robot disc radius (default 0: a point robot)"`
	Margin    float64   `json:"margin,omitempty" jsonschema:"extra safety distance kept from obstacles and walls (default 0)"`
	Bounds    []float64 `json:"bounds,omitempty" jsonschema:"workspace box [xmin, xmax, ymin, ymax]; the robot's centre stays radius + margin inside it (default: unbounded)"`
	Segments  int       `json:"segments,omitempty" jsonschema:"sides per quarter circle of the polygon that circumscribes the robot's disc when inflating obstacles (default 8; 1 gives square corners like AutoTAMP's bloat)"`
}

// GeomPathOutput is the output of geom.shortest_path.
type GeomPathOutput struct {
	Found      bool         `json:"found" jsonschema:"true when a collision-free path was found"`
	Path       [][2]float64 `json:"path,omitempty" jsonschema:"waypoints [x, y] from start to goal; straight segments between them"`
	Length     float64      `json:"length" jsonschema:"Euclidean length of the path"`
	Clearance  *float64     `json:"clearance,omitempty" jsonschema:"minimum distance from the path to the original (not inflated) obstacles; at least radius + margin; absent without obstacles"`
	Reason     string       `json:"reason,omitempty" jsonschema:"why no path was found"`
	BlockedBy  string       `json:"blocked_by,omitempty" jsonschema:"when the start or goal is not a valid position: the obstacle's name (or obstacles[i]) or bounds"`
	GraphNodes int          `json:"graph_nodes" jsonschema:"corners in the visibility graph"`
	GraphEdges int          `json:"graph_edges" jsonschema:"edges between corners in the visibility graph"`
}

// GeomContainsInput is the input of geom.contains.
type GeomContainsInput struct {
	Region    any         `json:"region" jsonschema:"the region: a box [xmin, xmax, ymin, ymax] (AutoTAMP order), a list of [x, y] points, a WKT POLYGON/MULTIPOLYGON string, a GeoJSON Polygon/MultiPolygon/Feature, or an object {name, box | polygon (+ holes) | wkt | geometry}"`
	Points    [][]float64 `json:"points,omitempty" jsonschema:"points [x, y] to locate"`
	Segments  [][]float64 `json:"segments,omitempty" jsonschema:"segments [x1, y1, x2, y2] to test against the region"`
	Tolerance float64     `json:"tolerance,omitempty" jsonschema:"distance within which a point counts as on the boundary (default 1e-9)"`
}

// GeomPointResult locates one point.
type GeomPointResult struct {
	Point    [2]float64 `json:"point"`
	Location string     `json:"location" jsonschema:"inside, boundary or outside"`
	Contains bool       `json:"contains" jsonschema:"true when the point is inside or on the boundary (closed region)"`
	Distance float64    `json:"distance" jsonschema:"distance from the point to the region (0 when contained)"`
}

// GeomSegmentResult tests one segment.
type GeomSegmentResult struct {
	Segment    [4]float64   `json:"segment"`
	Enters     bool         `json:"enters" jsonschema:"true when the segment passes through the region's interior (touching the boundary or running along it does not count)"`
	Intersects bool         `json:"intersects" jsonschema:"true when the segment meets the closed region (touching counts)"`
	Intervals  [][2]float64 `json:"intervals,omitempty" jsonschema:"parameter intervals [t0, t1] (0 at the first point, 1 at the second) where the segment is in the closed region"`
	Distance   float64      `json:"distance" jsonschema:"distance from the segment to the region"`
}

// GeomContainsOutput is the output of geom.contains.
type GeomContainsOutput struct {
	Points   []GeomPointResult   `json:"points,omitempty"`
	Segments []GeomSegmentResult `json:"segments,omitempty"`
	Area     float64             `json:"area" jsonschema:"area of the region"`
}

// GeomInflateInput is the input of geom.inflate.
type GeomInflateInput struct {
	Shapes   []any   `json:"shapes" jsonschema:"shapes to inflate, each a box [xmin, xmax, ymin, ymax] (AutoTAMP order), a list of [x, y] points, a WKT string, a GeoJSON object or an object {name, box | polygon (+ holes) | wkt | geometry}"`
	Radius   float64 `json:"radius" jsonschema:"inflation distance (robot radius + margin)"`
	Segments int     `json:"segments,omitempty" jsonschema:"sides per quarter circle of the polygon circumscribing the disc (default 8; 1 gives square corners)"`
	Union    bool    `json:"union,omitempty" jsonschema:"merge overlapping results into disjoint polygons"`
}

// GeomPolygon is one output polygon.
type GeomPolygon struct {
	Name  string         `json:"name,omitempty"`
	WKT   string         `json:"wkt"`
	Outer [][2]float64   `json:"outer" jsonschema:"outer ring, counter-clockwise, closed"`
	Holes [][][2]float64 `json:"holes,omitempty" jsonschema:"holes, clockwise, closed"`
	Area  float64        `json:"area"`
}

// GeomInflateOutput is the output of geom.inflate.
type GeomInflateOutput struct {
	Polygons  []GeomPolygon `json:"polygons"`
	Area      float64       `json:"area" jsonschema:"total area (overlaps counted twice unless union is set)"`
	Overshoot float64       `json:"overshoot" jsonschema:"the most by which the result may extend beyond the exact inflation (it never falls short of it)"`
}

func registerGeom(r *tools.Registry) error {
	return errors.Join(
		tools.Add(r, "geom.shortest_path",
			"Shortest collision-free path for a disc robot among 2-D polygonal obstacles (boxes [xmin, xmax, ymin, ymax], point lists, WKT or GeoJSON): obstacles are inflated conservatively by radius + margin, the workspace bounds are shrunk by the same amount, and a visibility graph is searched with A*. Returns the waypoints, length and clearance, or found=false with the reason (start/goal blocked, no path).",
			GeomShortestPath),
		tools.Add(r, "geom.contains",
			"Locate points (inside / boundary / outside, with distance) and test segments (enters the interior? touches? which parameter intervals lie inside?) against a 2-D region given as a box [xmin, xmax, ymin, ymax], point list, WKT or GeoJSON.",
			GeomContains),
		tools.Add(r, "geom.inflate",
			"Inflate 2-D shapes by a radius (Minkowski sum with a polygon circumscribing the disc, so the result always contains the exact inflation); optionally merge overlaps. Returns polygons as WKT and coordinate rings with areas.",
			GeomInflate),
	)
}

// shapeInputs parses a list of JSON shapes; a FeatureCollection element
// contributes one shape per feature. Labels name each shape for messages.
func shapeInputs(field string, vs []any) (shapes []geom.Shape, labels []string, err error) {
	for i, v := range vs {
		if m, ok := v.(map[string]any); ok && m["type"] == "FeatureCollection" {
			ss, err := geom.ShapesFromValue(v)
			if err != nil {
				return nil, nil, fmt.Errorf("%s[%d]: %s", field, i, strings.TrimPrefix(err.Error(), "geom: "))
			}
			for j, s := range ss {
				shapes = append(shapes, s)
				labels = append(labels, label(s, fmt.Sprintf("%s[%d].features[%d]", field, i, j)))
			}
			continue
		}
		s, err := geom.ShapeFromValue(v)
		if err != nil {
			return nil, nil, fmt.Errorf("%s[%d]: %s", field, i, strings.TrimPrefix(err.Error(), "geom: "))
		}
		shapes = append(shapes, s)
		labels = append(labels, label(s, fmt.Sprintf("%s[%d]", field, i)))
	}
	return shapes, labels, nil
}

func label(s geom.Shape, fallback string) string {
	if s.Name != "" {
		return fmt.Sprintf("%q (%s)", s.Name, fallback)
	}
	return fallback
}

func pointArg(field string, v []float64) (geom.Point, error) {
	p, err := geom.PointFromSlice(v)
	if err != nil {
		return geom.Point{}, fmt.Errorf("%s: %s", field, strings.TrimPrefix(err.Error(), "geom: "))
	}
	return p, nil
}

// GeomShortestPath is geom.shortest_path.
func GeomShortestPath(ctx context.Context, in GeomPathInput) (GeomPathOutput, error) {
	start, err := pointArg("start", in.Start)
	if err != nil {
		return GeomPathOutput{}, err
	}
	goal, err := pointArg("goal", in.Goal)
	if err != nil {
		return GeomPathOutput{}, err
	}
	opts := geom.PathOptions{Radius: in.Radius, Margin: in.Margin, Segments: in.Segments}
	if in.Bounds != nil {
		b, err := geom.BoxFromSlice(in.Bounds)
		if err != nil {
			return GeomPathOutput{}, fmt.Errorf("bounds: %s", strings.TrimPrefix(strings.TrimPrefix(err.Error(), "geom: "), "invalid shape: "))
		}
		opts.Bounds = &b
	}
	switch {
	case !(in.Radius >= 0) || in.Radius > geom.MaxCoord:
		return GeomPathOutput{}, fmt.Errorf("radius: %g must be between 0 and %g", in.Radius, geom.MaxCoord)
	case !(in.Margin >= 0) || in.Margin > geom.MaxCoord:
		return GeomPathOutput{}, fmt.Errorf("margin: %g must be between 0 and %g", in.Margin, geom.MaxCoord)
	case in.Segments < 0 || in.Segments > geom.MaxSegments:
		return GeomPathOutput{}, fmt.Errorf("segments: %d must be between 1 and %d (0 for the default)", in.Segments, geom.MaxSegments)
	}
	shapes, labels, err := shapeInputs("obstacles", in.Obstacles)
	if err != nil {
		return GeomPathOutput{}, err
	}
	var polys []geom.Polygon
	var owner []int // polygon index → shape index
	for i, s := range shapes {
		for _, p := range s.Polygons {
			polys = append(polys, p)
			owner = append(owner, i)
		}
	}
	g, err := geom.NewVisibilityGraph(ctx, polys, opts)
	if err != nil {
		return GeomPathOutput{}, errors.New(strings.TrimPrefix(err.Error(), "geom: "))
	}
	out := GeomPathOutput{GraphNodes: len(g.Nodes()), GraphEdges: g.NumEdges()}
	p, err := g.ShortestPath(ctx, start, goal)
	var be *geom.BlockedError
	switch {
	case errors.As(err, &be):
		need := in.Radius + in.Margin
		if be.Obstacle < 0 {
			out.BlockedBy = "bounds"
			out.Reason = fmt.Sprintf("%s %v is not at least radius+margin %g inside the bounds %v", be.Which, be.Point, need, *opts.Bounds)
		} else {
			out.BlockedBy = labels[owner[be.Obstacle]]
			out.Reason = fmt.Sprintf("%s %v is within radius+margin %g of obstacle %s (distance %.6g)", be.Which, be.Point, need, out.BlockedBy, be.Clearance)
		}
		return out, nil
	case errors.Is(err, geom.ErrNoPath):
		out.Reason = fmt.Sprintf("no collision-free path from %v to %v: they lie in different free regions", start, goal)
		return out, nil
	case err != nil:
		return GeomPathOutput{}, err
	}
	out.Found = true
	out.Length = p.Length
	for _, q := range p.Points {
		out.Path = append(out.Path, [2]float64{q.X, q.Y})
	}
	if !math.IsInf(p.Clearance, 1) {
		c := p.Clearance
		out.Clearance = &c
	}
	return out, nil
}

// GeomContains is geom.contains.
func GeomContains(ctx context.Context, in GeomContainsInput) (GeomContainsOutput, error) {
	s, err := geom.ShapeFromValue(in.Region)
	if err != nil {
		return GeomContainsOutput{}, fmt.Errorf("region: %s", strings.TrimPrefix(err.Error(), "geom: "))
	}
	tol := in.Tolerance
	if tol == 0 {
		tol = geom.DefaultTol
	}
	if !(tol >= 0) || tol > geom.MaxCoord {
		return GeomContainsOutput{}, fmt.Errorf("tolerance: %g must be between 0 and %g", in.Tolerance, geom.MaxCoord)
	}
	out := GeomContainsOutput{Area: s.Area()}
	for i, v := range in.Points {
		q, err := pointArg(fmt.Sprintf("points[%d]", i), v)
		if err != nil {
			return GeomContainsOutput{}, err
		}
		loc := s.Locate(q, tol)
		d := 0.0
		if loc == geom.Outside {
			d = s.Distance(q)
		}
		out.Points = append(out.Points, GeomPointResult{Point: [2]float64{q.X, q.Y}, Location: loc.String(), Contains: loc != geom.Outside, Distance: d})
	}
	for i, v := range in.Segments {
		if len(v) != 4 {
			return GeomContainsOutput{}, fmt.Errorf("segments[%d]: want [x1, y1, x2, y2], got %d numbers", i, len(v))
		}
		a, err := pointArg(fmt.Sprintf("segments[%d]", i), v[:2])
		if err != nil {
			return GeomContainsOutput{}, err
		}
		b, err := pointArg(fmt.Sprintf("segments[%d]", i), v[2:])
		if err != nil {
			return GeomContainsOutput{}, err
		}
		r := GeomSegmentResult{Segment: [4]float64{a.X, a.Y, b.X, b.Y}, Distance: math.Inf(1)}
		for _, p := range s.Polygons {
			r.Enters = r.Enters || p.SegmentEntersInterior(a, b, tol)
			r.Intersects = r.Intersects || p.SegmentIntersects(a, b)
			r.Intervals = append(r.Intervals, p.Intervals(a, b, tol)...)
			r.Distance = math.Min(r.Distance, p.SegmentDistance(a, b))
		}
		out.Segments = append(out.Segments, r)
	}
	return out, ctx.Err()
}

// GeomInflate is geom.inflate.
func GeomInflate(ctx context.Context, in GeomInflateInput) (GeomInflateOutput, error) {
	if !(in.Radius >= 0) || in.Radius > geom.MaxCoord {
		return GeomInflateOutput{}, fmt.Errorf("radius: %g must be between 0 and %g", in.Radius, geom.MaxCoord)
	}
	if in.Segments < 0 || in.Segments > geom.MaxSegments {
		return GeomInflateOutput{}, fmt.Errorf("segments: %d must be between 1 and %d (0 for the default)", in.Segments, geom.MaxSegments)
	}
	shapes, _, err := shapeInputs("shapes", in.Shapes)
	if err != nil {
		return GeomInflateOutput{}, err
	}
	out := GeomInflateOutput{Polygons: []GeomPolygon{}, Overshoot: geom.InflateOvershoot(in.Radius, in.Segments)}
	var names []string
	var all []geom.Polygon
	for i, s := range shapes {
		for _, p := range s.Polygons {
			if err := ctx.Err(); err != nil {
				return GeomInflateOutput{}, err
			}
			ps, err := geom.Inflate(p, in.Radius, in.Segments)
			if err != nil {
				return GeomInflateOutput{}, fmt.Errorf("shapes[%d]: %s", i, strings.TrimPrefix(err.Error(), "geom: "))
			}
			for range ps {
				names = append(names, s.Name)
			}
			all = append(all, ps...)
		}
	}
	if in.Union && len(all) > 0 {
		if all, err = geom.Union(all); err != nil {
			return GeomInflateOutput{}, err
		}
		names = make([]string, len(all))
	}
	for i, p := range all {
		gp := GeomPolygon{Name: names[i], WKT: p.WKT(), Area: p.Area()}
		rings := p.Coordinates()
		gp.Outer = rings[0]
		gp.Holes = rings[1:]
		out.Polygons = append(out.Polygons, gp)
		out.Area += gp.Area
	}
	return out, nil
}
