package geom_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/plankit/plankit/solvers/geom"
)

func ExampleShortestPath() {
	// AutoTAMP's "Wall" workspace: a wall at y = 2 with a gap at x ∈ [4, 5].
	wall1, _ := geom.NewBox(0, 4, 1.95, 2.05)
	wall2, _ := geom.NewBox(5, 10, 1.95, 2.05)
	ws := geom.Box{XMin: 0, XMax: 10, YMin: 0, YMax: 4}
	p, err := geom.ShortestPath(context.Background(), geom.Pt(2, 0.5), geom.Pt(2, 3.5),
		[]geom.Polygon{wall1.Polygon(), wall2.Polygon()},
		geom.PathOptions{Radius: 0.2, Margin: 0.05, Bounds: &ws, Segments: 1}) // square corners

	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d waypoints, length %.4f, clearance %.4f\n", len(p.Points), p.Length, p.Clearance)
	for _, q := range p.Points {
		fmt.Printf("(%.3f, %.3f)\n", q.X, q.Y)
	}
	// Output:
	// 4 waypoints, length 5.7000, clearance 0.2500
	// (2.000, 0.500)
	// (4.250, 1.700)
	// (4.250, 2.300)
	// (2.000, 3.500)
}

func ExampleVisibilityGraph_ShortestPath() {
	ctx := context.Background()
	room, _ := geom.ParseShape([]byte(`{"name": "room", "polygon": [[0,0],[6,0],[6,6],[0,6]], "holes": [[[1,1],[5,1],[5,5],[1,5]]]}`))
	g, err := geom.NewVisibilityGraph(ctx, room.Polygons, geom.PathOptions{Radius: 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = g.ShortestPath(ctx, geom.Pt(3, 3), geom.Pt(8, 8))
	fmt.Println(errors.Is(err, geom.ErrNoPath))
	_, err = g.ShortestPath(ctx, geom.Pt(1.2, 3), geom.Pt(3, 3))
	var be *geom.BlockedError
	fmt.Println(errors.As(err, &be), be.Obstacle, be.Which)
	// Output:
	// true
	// true 0 start
}

func ExamplePolygon_Locate() {
	l, _ := geom.ParseShape([]byte(`[[0,0],[2,0],[2,1],[1,1],[1,2],[0,2]]`))
	p := l.Polygons[0]
	for _, q := range []geom.Point{geom.Pt(0.5, 0.5), geom.Pt(1, 1), geom.Pt(1.5, 1.5)} {
		fmt.Println(q, p.Locate(q, geom.DefaultTol))
	}
	fmt.Println(p.SegmentEntersInterior(geom.Pt(2, 1), geom.Pt(1, 2), geom.DefaultTol)) // across the notch
	fmt.Println(p.SegmentEntersInterior(geom.Pt(0, 2), geom.Pt(2, 0), geom.DefaultTol)) // through both arms
	fmt.Printf("area %.3f, centroid %.4f\n", p.Area(), p.Centroid())
	// Output:
	// [0.5, 0.5] inside
	// [1, 1] boundary
	// [1.5, 1.5] outside
	// false
	// true
	// area 3.000, centroid {0.8333 0.8333}
}

func ExampleInflate() {
	b, _ := geom.NewBox(0, 2, 0, 1)
	square, _ := geom.Inflate(b.Polygon(), 0.5, 1) // AutoTAMP-style bloat: square corners
	round, _ := geom.Inflate(b.Polygon(), 0.5, 8)  // 32-gon around the disc
	fmt.Printf("%.4f %.4f\n", square[0].Area(), round[0].Area())
	fmt.Println(square[0].WKT())
	// Output:
	// 6.0000 5.7879
	// POLYGON ((-0.5 -0.5, 2.5 -0.5, 2.5 1.5, -0.5 1.5, -0.5 -0.5))
}
