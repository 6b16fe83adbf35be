package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newGeomCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "geom",
		Short: "2-D geometry: shortest collision-free paths, point/segment tests, inflation",
		Long: `2-D geometry for motion planning. Shapes are boxes [xmin, xmax, ymin, ymax]
(AutoTAMP order), lists of [x, y] points, WKT POLYGON/MULTIPOLYGON strings,
GeoJSON geometries, Features and FeatureCollections, or objects
{"name": ..., "box" | "polygon" (+ "holes") | "wkt" | "geometry": ...}.
Obstacles are inflated conservatively (the result contains the exact
inflation by the robot's disc), so a planned path keeps its clearance.`,
	}
	cmd.AddCommand(newGeomPathCmd(f), newGeomContainsCmd(f), newGeomInflateCmd(f))
	return cmd
}

type geomPathOptions struct {
	File     string
	JSON     bool
	Radius   float64
	Margin   float64
	Segments int
	SVG      string
}

func newGeomPathCmd(f *Factory) *cobra.Command {
	opts := &geomPathOptions{}
	cmd := &cobra.Command{
		Use:   "path FILE.json|-",
		Short: "Shortest collision-free path for a disc robot among polygons",
		Long: `Plan a shortest collision-free path. FILE holds the input of the
geom.shortest_path tool:
  {"start": [x, y], "goal": [x, y], "obstacles": [SHAPE, ...],
   "radius": r, "margin": m, "bounds": [xmin, xmax, ymin, ymax], "segments": n}
Flags given on the command line override the file's radius, margin and
segments. Prints the waypoints, length and clearance; when start or goal is
blocked or no path exists it prints the reason and exits with status 2.`,
		Example: `  plankit geom path testdata/geom/wall.json
  plankit geom path --radius 0.3 --svg path.svg testdata/geom/chip_env1.json
  echo '{"start":[0,0],"goal":[4,0],"obstacles":[[1,3,-1,1]]}' | plankit geom path --json -`,
		Args: exactArgs(1, "one JSON file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runGeomPath(cmd, f, opts)
		},
	}
	addJSONFlag(cmd, &opts.JSON)
	cmd.Flags().Float64Var(&opts.Radius, "radius", 0, "robot disc radius (overrides the file)")
	cmd.Flags().Float64Var(&opts.Margin, "margin", 0, "extra safety margin (overrides the file)")
	cmd.Flags().IntVar(&opts.Segments, "segments", 0, "sides per quarter circle of the inflation polygon (overrides the file; 1 = square corners)")
	cmd.Flags().StringVar(&opts.SVG, "svg", "", "also draw the obstacles, their inflation and the path to this SVG file")
	return cmd
}

func runGeomPath(cmd *cobra.Command, f *Factory, opts *geomPathOptions) error {
	data, err := readArg(f.IO.In, opts.File)
	if err != nil {
		return err
	}
	in, err := decodePathInput(data)
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.File), err)
	}
	if in.Start == nil || in.Goal == nil {
		return fmt.Errorf("%s: start and goal are required", displayName(opts.File))
	}
	fl := cmd.Flags()
	if fl.Changed("radius") {
		in.Radius = opts.Radius
	}
	if fl.Changed("margin") {
		in.Margin = opts.Margin
	}
	if fl.Changed("segments") {
		if opts.Segments < 1 {
			return usageErr("geom path: --segments must be at least 1, got %d", opts.Segments)
		}
		in.Segments = opts.Segments
	}
	out, err := builtin.GeomShortestPath(cmd.Context(), in)
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(opts.File), err)
	}
	if opts.SVG != "" {
		svg, err := geomSVG(cmd.Context(), in, out)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(opts.SVG, svg); err != nil {
			return err
		}
	}
	if opts.JSON {
		if err := printJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else {
		w := bufio.NewWriter(f.IO.Out)
		if out.Found {
			clear := "none (no obstacles)"
			if out.Clearance != nil {
				clear = geomNum(*out.Clearance)
			}
			fmt.Fprintf(w, "path found: length %s, clearance %s, %d waypoints (visibility graph: %d corners, %d edges)\n",
				geomNum(out.Length), clear, len(out.Path), out.GraphNodes, out.GraphEdges)
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "#\tx\ty\t")
			for i, q := range out.Path {
				fmt.Fprintf(tw, "%d\t%s\t%s\t\n", i, geomNum(q[0]), geomNum(q[1]))
			}
			tw.Flush()
		} else {
			fmt.Fprintf(w, "no path: %s\n", out.Reason)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if !out.Found {
		return withCode(ExitNoSolution, nil)
	}
	return nil
}

// decodePathInput reads a geom.shortest_path input; keys starting with "_"
// are comments and are skipped, any other unknown key is an error.
func decodePathInput(data []byte) (builtin.GeomPathInput, error) {
	var in builtin.GeomPathInput
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return in, fmt.Errorf("malformed JSON: %s", firstLineOf(err.Error()))
	}
	for k := range m {
		if strings.HasPrefix(k, "_") {
			delete(m, k)
		}
	}
	clean, err := json.Marshal(m)
	if err != nil {
		return in, err
	}
	dec := json.NewDecoder(bytes.NewReader(clean))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return in, fmt.Errorf("%s", firstLineOf(err.Error()))
	}
	return in, nil
}

func newGeomContainsCmd(f *Factory) *cobra.Command {
	var asJSON bool
	var tol float64
	cmd := &cobra.Command{
		Use:   "contains REGION X,Y|X1,Y1,X2,Y2 ...",
		Short: "Locate points and test segments against a region",
		Long: `Say whether each point is inside, on the boundary of or outside REGION (with
its distance), and whether each segment X1,Y1,X2,Y2 enters the region's
interior (touching or running along the boundary does not count) or touches
it. REGION is a shape as JSON or WKT text, @FILE, or - for standard input.`,
		Example: `  plankit geom contains '[0, 1, 0, 1]' 0.5,0.5 1,0.3 2,2
  plankit geom contains 'POLYGON ((0 0, 2 0, 2 1, 1 1, 1 2, 0 2, 0 0))' 1.5,1.5 2,1,1,2`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErr("%s: want a region and at least one point or segment", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			region, err := readRegion(f, args[0])
			if err != nil {
				return err
			}
			in := builtin.GeomContainsInput{Region: region, Tolerance: tol}
			for _, a := range args[1:] {
				nums, err := parseFloats(a)
				if err != nil || (len(nums) != 2 && len(nums) != 4) {
					return usageErr("geom contains: %q: want X,Y or X1,Y1,X2,Y2", a)
				}
				if len(nums) == 2 {
					in.Points = append(in.Points, nums)
				} else {
					in.Segments = append(in.Segments, nums)
				}
			}
			out, err := builtin.GeomContains(cmd.Context(), in)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(f.IO.Out, out)
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
			if len(out.Points) > 0 {
				fmt.Fprintln(tw, "point\tlocation\tdistance")
				for _, p := range out.Points {
					fmt.Fprintf(tw, "%s,%s\t%s\t%s\n", geomNum(p.Point[0]), geomNum(p.Point[1]), p.Location, geomNum(p.Distance))
				}
			}
			if len(out.Segments) > 0 {
				if len(out.Points) > 0 {
					fmt.Fprintln(tw)
				}
				fmt.Fprintln(tw, "segment\tenters\ttouches\tinside for t in\tdistance")
				for _, s := range out.Segments {
					var ivs []string
					for _, iv := range s.Intervals {
						ivs = append(ivs, "["+geomNum(iv[0])+", "+geomNum(iv[1])+"]")
					}
					if len(ivs) == 0 {
						ivs = []string{"-"}
					}
					fmt.Fprintf(tw, "%s,%s -> %s,%s\t%s\t%s\t%s\t%s\n", geomNum(s.Segment[0]), geomNum(s.Segment[1]), geomNum(s.Segment[2]), geomNum(s.Segment[3]),
						yesNo(s.Enters), yesNo(s.Intersects), strings.Join(ivs, " "), geomNum(s.Distance))
				}
			}
			return tw.Flush()
		},
	}
	addJSONFlag(cmd, &asJSON)
	cmd.Flags().Float64Var(&tol, "tolerance", 0, "distance within which a point counts as on the boundary (default 1e-9)")
	return cmd
}

func newGeomInflateCmd(f *Factory) *cobra.Command {
	var in builtin.GeomInflateInput
	var asJSON, asGeoJSON bool
	cmd := &cobra.Command{
		Use:   "inflate SHAPES --radius R",
		Short: "Inflate shapes by a radius (conservative polygonal Minkowski sum)",
		Long: `Inflate shapes by a radius. SHAPES is a JSON list of shapes, a GeoJSON
FeatureCollection or one shape (JSON or WKT text), @FILE, or - for standard
input. The result contains the exact inflation; round corners overshoot it
by at most the printed amount. Prints one WKT polygon per line with its area.`,
		Example: `  plankit geom inflate '[[0, 2, 0, 1]]' --radius 0.5 --segments 1
  plankit geom inflate @obstacles.json --radius 0.25 --union --geojson`,
		Args: exactArgs(1, "SHAPES (JSON or WKT text, @FILE or -)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("radius") {
				return usageErr("geom inflate: --radius is required")
			}
			v, err := readRegion(f, args[0])
			if err != nil {
				return err
			}
			if list, ok := v.([]any); ok && !looksLikeOneShape(list) {
				in.Shapes = list
			} else {
				in.Shapes = []any{v}
			}
			out, err := builtin.GeomInflate(cmd.Context(), in)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				return printJSON(f.IO.Out, out)
			case asGeoJSON:
				shapes := make([]geom.Shape, len(out.Polygons))
				for i, p := range out.Polygons {
					ps, err := geom.ParseWKT(p.WKT)
					if err != nil {
						return err
					}
					shapes[i] = geom.Shape{Name: p.Name, Polygons: ps, Properties: map[string]any{"area": p.Area}}
				}
				b, err := geom.MarshalGeoJSON(shapes)
				if err != nil {
					return err
				}
				return printRawJSON(f.IO.Out, b)
			}
			w := bufio.NewWriter(f.IO.Out)
			for _, p := range out.Polygons {
				name := ""
				if p.Name != "" {
					name = p.Name + "\t"
				}
				fmt.Fprintf(w, "%s%s\tarea %s\n", name, p.WKT, geomNum(p.Area))
			}
			fmt.Fprintf(w, "total area %s; corners overshoot the exact inflation by at most %s\n", geomNum(out.Area), geomNum(out.Overshoot))
			return w.Flush()
		},
	}
	cmd.Flags().Float64Var(&in.Radius, "radius", 0, "inflation distance (required)")
	cmd.Flags().IntVar(&in.Segments, "segments", 0, "sides per quarter circle (default 8; 1 = square corners)")
	cmd.Flags().BoolVar(&in.Union, "union", false, "merge overlapping results")
	addJSONFlag(cmd, &asJSON)
	cmd.Flags().BoolVar(&asGeoJSON, "geojson", false, "print a GeoJSON FeatureCollection")
	return cmd
}

// looksLikeOneShape tells a single box or point list from a list of shapes.
func looksLikeOneShape(list []any) bool {
	if len(list) == 0 {
		return false
	}
	if _, ok := list[0].(float64); ok {
		return true
	}
	inner, ok := list[0].([]any)
	if !ok || len(inner) == 0 {
		return false
	}
	_, ok = inner[0].(float64)
	return ok && len(inner) == 2
}

// readRegion reads a shape argument: inline JSON or WKT, @FILE, or -.
func readRegion(f *Factory, arg string) (any, error) {
	data, err := readInlineOrFile(f.IO.In, arg)
	if err != nil {
		return nil, err
	}
	text := strings.TrimSpace(string(data))
	if text == "" {
		return nil, usageErr("geom: empty shape argument")
	}
	switch text[0] {
	case '[', '{', '"':
		var v any
		dec := json.NewDecoder(strings.NewReader(text))
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("shape: malformed JSON: %s", firstLineOf(err.Error()))
		}
		if dec.More() {
			return nil, fmt.Errorf("shape: malformed JSON: data after the first value")
		}
		return v, nil
	}
	return text, nil // WKT
}

func parseFloats(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a finite number", p)
		}
		out[i] = v
	}
	return out, nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// geomNum formats a coordinate: up to 6 decimals, trailing zeros cut.
func geomNum(x float64) string {
	s := strconv.FormatFloat(x, 'f', 6, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// geomSVG draws the obstacles (grey), their inflation (light red outline),
// the workspace bounds and the path (blue) of a geom path run.
func geomSVG(ctx context.Context, in builtin.GeomPathInput, out builtin.GeomPathOutput) ([]byte, error) {
	inflated, err := builtin.GeomInflate(ctx, builtin.GeomInflateInput{Shapes: in.Obstacles, Radius: in.Radius + in.Margin, Segments: in.Segments, Union: true})
	if err != nil {
		return nil, err
	}
	plain, err := builtin.GeomInflate(ctx, builtin.GeomInflateInput{Shapes: in.Obstacles, Radius: 0})
	if err != nil {
		return nil, err
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	grow := func(x, y float64) {
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	for _, p := range inflated.Polygons {
		for _, q := range p.Outer {
			grow(q[0], q[1])
		}
	}
	if len(in.Bounds) == 4 {
		grow(in.Bounds[0], in.Bounds[2])
		grow(in.Bounds[1], in.Bounds[3])
	}
	grow(in.Start[0], in.Start[1])
	grow(in.Goal[0], in.Goal[1])
	w, h := maxX-minX, maxY-minY
	pad := 0.03 * math.Max(w, h)
	if pad == 0 {
		pad = 1
	}
	minX, minY, w, h = minX-pad, minY-pad, w+2*pad, h+2*pad
	scale := 600 / math.Max(w, h)
	X := func(x float64) string { return geomNum((x - minX) * scale) }
	Y := func(y float64) string { return geomNum((minY + h - y) * scale) } // y up
	ring := func(b *bytes.Buffer, r [][2]float64) {
		for i, q := range r {
			if i == 0 {
				b.WriteString("M")
			} else {
				b.WriteString(" L")
			}
			b.WriteString(X(q[0]) + " " + Y(q[1]))
		}
		b.WriteString(" Z ")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">`+"\n",
		geomNum(w*scale), geomNum(h*scale), geomNum(w*scale), geomNum(h*scale))
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>` + "\n")
	if len(in.Bounds) == 4 {
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="black" stroke-dasharray="4 3"/>`+"\n",
			X(in.Bounds[0]), Y(in.Bounds[3]), geomNum((in.Bounds[1]-in.Bounds[0])*scale), geomNum((in.Bounds[3]-in.Bounds[2])*scale))
	}
	for _, set := range []struct {
		ps    []builtin.GeomPolygon
		style string
	}{
		{inflated.Polygons, `fill="#f4cccc" stroke="#cc4125" stroke-width="1"`},
		{plain.Polygons, `fill="#666666" stroke="none"`},
	} {
		for _, p := range set.ps {
			b.WriteString(`<path fill-rule="evenodd" ` + set.style + ` d="`)
			ring(&b, p.Outer)
			for _, hole := range p.Holes {
				ring(&b, hole)
			}
			b.WriteString("\"/>\n")
		}
	}
	if out.Found && len(out.Path) > 1 {
		b.WriteString(`<polyline fill="none" stroke="#1155cc" stroke-width="2.5" points="`)
		for i, q := range out.Path {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(X(q[0]) + "," + Y(q[1]))
		}
		b.WriteString("\"/>\n")
	}
	fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="5" fill="#38761d"/>`+"\n", X(in.Start[0]), Y(in.Start[1]))
	fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="5" fill="#cc0000"/>`+"\n", X(in.Goal[0]), Y(in.Goal[1]))
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}
