// Package geom is plankit's 2-D geometry for motion planning: polygons and
// boxes, exact point and segment predicates, conservative inflation of
// obstacles by a disc, visibility graphs and shortest collision-free paths.
//
// # Shapes
//
// A [Polygon] has one outer ring and optional holes. Rings are stored open
// (the closing point is not repeated), with consecutive duplicates removed,
// the outer ring counter-clockwise and holes clockwise, so the interior is
// always on the left of an edge. A [Box] is an axis-aligned rectangle written
// in the AutoTAMP order [xmin, xmax, ymin, ymax] (not the GIS order
// minx, miny, maxx, maxy).
//
// [ParseShape] reads one shape from JSON in any of these forms:
//
//	[0, 1, 2, 3]                              box [xmin, xmax, ymin, ymax]
//	[[0,0], [4,0], [4,1], [1,1], [1,3], [0,3]] polygon outer ring (closing point optional)
//	"POLYGON ((0 0, 4 0, 4 1, 0 1, 0 0))"    WKT POLYGON or MULTIPOLYGON
//	{"type": "Polygon", "coordinates": ...}   GeoJSON Polygon, MultiPolygon or Feature
//	{"name": "wall", "box": [0, 8, 7.9, 8.1]} object with exactly one of box,
//	                                          polygon (+ optional holes), wkt, geometry;
//	                                          other keys become Properties
//
// [ParseShapes] reads a JSON array of such shapes, a GeoJSON
// FeatureCollection (one [Shape] per feature, properties kept, "name" taken
// from the properties) or a single shape. [ParseWKT] and [ParseGeoJSON] read
// those formats directly. Every reader validates: coordinates must be
// finite, a ring needs at least 3 distinct points and a non-zero area and
// must not cross itself, holes must lie inside the outer ring, and a box
// must have xmin < xmax and ymin < ymax. Errors are one line, name the
// offending element and start with "geom: ".
//
// # Predicates and tolerance
//
// Predicates take an absolute tolerance tol in coordinate units ([DefaultTol]
// is 1e-9, suited to workspaces between about 1 and 1000 units across).
// [Polygon.Locate] says whether a point is [Inside], [OnBoundary] (within tol
// of an edge) or [Outside]. [Polygon.SegmentEntersInterior] reports whether a
// segment contains a point of the polygon's interior that is farther than
// tol from the boundary: running along an edge, touching a vertex or
// starting on the boundary and leaving is not entering. [Polygon.Intervals]
// gives the parameter intervals of a segment that lie in the closed polygon.
// Distances are Euclidean and exact up to floating-point rounding; the
// distance of a point inside a polygon to it is 0.
//
// # Inflation
//
// [Inflate] computes the Minkowski sum of a polygon with a regular polygon
// that circumscribes the disc of the given radius (4·segments sides, edges
// normal to the axes). The result therefore CONTAINS the exact inflation by
// the disc: a path that stays out of its interior keeps a true clearance of
// at least the radius. Straight sides parallel to an axis are offset
// exactly; round corners overshoot the true arc by at most
// radius·(1/cos(π/(4·segments)) − 1), 0.48% of the radius with the default 8
// segments per quarter circle. One segment per quarter gives square corners,
// which is AutoTAMP's box bloat. Overlapping results are merged with
// simplefeatures' robust overlay (union).
//
// # Paths
//
// [NewVisibilityGraph] inflates obstacles by radius + margin, merges them,
// deflates the workspace bounds by the same amount and links the convex
// corners of the merged obstacles by bitangent segments that enter no
// obstacle interior (the reduced visibility graph, which contains every
// shortest path). [VisibilityGraph.ShortestPath] connects start and goal
// and runs A* with the Euclidean heuristic, so the answer is a shortest
// path in the polygonal model. A graph is immutable and safe for concurrent
// queries. [ShortestPath] is the one-shot form.
package geom
