package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Document is the JSON form of a graph or of a distance matrix (see the
// package documentation). The struct tags double as the JSON Schema of the
// graph tools.
type Document struct {
	Directed bool        `json:"directed,omitempty" jsonschema:"true when edges go one way (from -> to); default false: undirected"`
	Nodes    []NodeSpec  `json:"nodes,omitempty" jsonschema:"the nodes, optional when the edges name them; when given, every edge must name listed nodes"`
	Edges    []EdgeSpec  `json:"edges,omitempty" jsonschema:"the edges; parallel edges are allowed"`
	Names    []string    `json:"names,omitempty" jsonschema:"names of the rows of matrix (or of points); default 0, 1, 2, ..."`
	Matrix   [][]float64 `json:"matrix,omitempty" jsonschema:"a square matrix of non-negative distances: matrix[i][j] is the cost from i to j (diagonal ignored); an alternative to nodes and edges for the TSP"`
	Points   [][]float64 `json:"points,omitempty" jsonschema:"planar points [x, y] whose Euclidean distances form the matrix; an alternative to matrix"`
}

// NodeSpec is a node of a Document.
type NodeSpec struct {
	ID string   `json:"id" jsonschema:"unique node name"`
	X  *float64 `json:"x,omitempty" jsonschema:"x coordinate (give x and y, or neither); used by A* and for Euclidean TSP"`
	Y  *float64 `json:"y,omitempty" jsonschema:"y coordinate"`
}

// EdgeSpec is an edge of a Document.
type EdgeSpec struct {
	From   string   `json:"from" jsonschema:"name of the first node"`
	To     string   `json:"to" jsonschema:"name of the second node"`
	Weight *float64 `json:"weight,omitempty" jsonschema:"length, cost or capacity (max-flow); default 1"`
}

// Decode reads a Document from JSON, rejecting unknown fields and trailing
// data, and validates it. Errors are one line naming the field.
func Decode(data []byte) (*Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Document
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalid, jsonErr(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: unexpected data after the JSON object", ErrInvalid)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

func jsonErr(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "(root)"
		}
		return fmt.Sprintf("%s: JSON %s does not fit (want %s)", field, te.Value, jsonKind(te.Type.Kind().String()))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)
	}
	if errors.Is(err, io.EOF) {
		return "empty input (want a JSON object)"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "malformed JSON: the input ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(k string) string {
	switch k {
	case "float64":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "struct", "ptr":
		return "an object"
	}
	return k
}

func invalid(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, a...)...)
}

func checkNumber(field string, v float64) error {
	if !finite(v) || math.Abs(v) > MaxWeight {
		return invalid("%s: %v is not a finite number of magnitude at most %g", field, v, MaxWeight)
	}
	return nil
}

// IsMatrix reports whether the document gives a matrix or points rather
// than nodes and edges.
func (d *Document) IsMatrix() bool { return d.Matrix != nil || d.Points != nil }

// Validate checks the document: one of the three forms, names present and
// unique, edges naming known nodes, finite numbers, a square matrix.
func (d *Document) Validate() error {
	graphForm := len(d.Nodes) > 0 || len(d.Edges) > 0
	switch {
	case d.Matrix != nil && d.Points != nil:
		return invalid("give matrix or points, not both")
	case graphForm && d.IsMatrix():
		return invalid("give nodes/edges or a matrix/points, not both")
	case d.Names != nil && !d.IsMatrix():
		return invalid("names: only used with matrix or points (name graph nodes in nodes or edges)")
	case !graphForm && !d.IsMatrix():
		return invalid("no graph: give edges (and optionally nodes), a matrix or points; none may be empty")
	}
	if d.IsMatrix() {
		return d.validateMatrix()
	}
	listed := make(map[string]bool, len(d.Nodes))
	for i, n := range d.Nodes {
		field := fmt.Sprintf("nodes[%d]", i)
		if n.ID == "" {
			return invalid("%s.id: missing or empty", field)
		}
		if listed[n.ID] {
			return invalid("%s.id: duplicate node %q", field, n.ID)
		}
		listed[n.ID] = true
		if (n.X == nil) != (n.Y == nil) {
			return invalid("%s: give both x and y, or neither", field)
		}
		if n.X != nil {
			if err := checkNumber(field+".x", *n.X); err != nil {
				return err
			}
			if err := checkNumber(field+".y", *n.Y); err != nil {
				return err
			}
		}
	}
	for i, e := range d.Edges {
		field := fmt.Sprintf("edges[%d]", i)
		for _, end := range [2]struct{ name, v string }{{"from", e.From}, {"to", e.To}} {
			if end.v == "" {
				return invalid("%s.%s: missing or empty node name", field, end.name)
			}
			if d.Nodes != nil && !listed[end.v] {
				return invalid("%s.%s: unknown node %q (not in nodes)", field, end.name, end.v)
			}
		}
		if e.Weight != nil {
			if err := checkNumber(field+".weight", *e.Weight); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *Document) validateMatrix() error {
	n := len(d.Matrix)
	if d.Points != nil {
		n = len(d.Points)
		for i, p := range d.Points {
			if len(p) != 2 {
				return invalid("points[%d]: want [x, y], got %d numbers", i, len(p))
			}
			for j, v := range p {
				if err := checkNumber(fmt.Sprintf("points[%d][%d]", i, j), v); err != nil {
					return err
				}
			}
		}
	} else {
		for i, row := range d.Matrix {
			if len(row) != n {
				return invalid("matrix[%d]: has %d entries, want %d (the matrix must be square)", i, len(row), n)
			}
			for j, v := range row {
				if i == j {
					continue
				}
				field := fmt.Sprintf("matrix[%d][%d]", i, j)
				if err := checkNumber(field, v); err != nil {
					return err
				}
				if v < 0 {
					return invalid("%s: negative distance %v", field, v)
				}
			}
		}
	}
	if n == 0 {
		return invalid("matrix/points: empty")
	}
	if n > MaxTSPNodes {
		return fmt.Errorf("%w: matrix/points: %d nodes (limit %d)", ErrTooLarge, n, MaxTSPNodes)
	}
	if d.Names != nil {
		if len(d.Names) != n {
			return invalid("names: %d names for %d rows", len(d.Names), n)
		}
		seen := make(map[string]bool, n)
		for i, s := range d.Names {
			if s == "" {
				return invalid("names[%d]: empty", i)
			}
			if seen[s] {
				return invalid("names[%d]: duplicate name %q", i, s)
			}
			seen[s] = true
		}
	}
	return nil
}

// Graph builds the graph of a validated document in the graph form. Nodes
// come first in the order listed, then new names in the order edges name
// them; edge i of the graph is edges[i].
func (d *Document) Graph() (*Graph, error) {
	if d.IsMatrix() {
		return nil, invalid("this input is a distance matrix; graph algorithms need nodes and edges")
	}
	g := New(d.Directed)
	for i, n := range d.Nodes {
		var err error
		if n.X != nil {
			err = g.SetPos(n.ID, *n.X, *n.Y)
		} else {
			_, err = g.AddNode(n.ID)
		}
		if err != nil {
			return nil, fmt.Errorf("nodes[%d]: %w", i, err)
		}
	}
	for i, e := range d.Edges {
		w := 1.0
		if e.Weight != nil {
			w = *e.Weight
		}
		if err := g.AddEdge(e.From, e.To, w); err != nil {
			return nil, fmt.Errorf("edges[%d]: %w", i, err)
		}
	}
	return g, nil
}

// Distances returns the TSP distance matrix of a validated document: the
// matrix itself; the Euclidean distances of points, or of the nodes when
// every node has coordinates and there are no edges; otherwise the cheapest
// path costs between the nodes of the graph (every pair must be connected).
func (d *Document) Distances(ctx context.Context) (names []string, dist [][]float64, err error) {
	switch {
	case d.Matrix != nil:
		return d.rowNames(len(d.Matrix)), d.Matrix, nil
	case d.Points != nil:
		return d.rowNames(len(d.Points)), Euclidean(d.Points), nil
	}
	if len(d.Edges) == 0 {
		pts := make([][]float64, len(d.Nodes))
		names = make([]string, len(d.Nodes))
		for i, n := range d.Nodes {
			if n.X == nil {
				return nil, nil, invalid("nodes[%d]: no coordinates, and there are no edges to measure distances along", i)
			}
			pts[i] = []float64{*n.X, *n.Y}
			names[i] = n.ID
		}
		return names, Euclidean(pts), nil
	}
	g, err := d.Graph()
	if err != nil {
		return nil, nil, err
	}
	if g.Len() > MaxTSPNodes {
		return nil, nil, fmt.Errorf("%w: %d nodes (limit %d)", ErrTooLarge, g.Len(), MaxTSPNodes)
	}
	m, err := g.AllPairs(ctx, Auto)
	if err != nil {
		return nil, nil, err
	}
	for i, row := range m.Dist {
		for j, v := range row {
			if math.IsInf(v, 1) {
				return nil, nil, fmt.Errorf("%w: there is no path from %q to %q", ErrNoRoute, m.Names[i], m.Names[j])
			}
		}
	}
	return m.Names, m.Dist, nil
}

func (d *Document) rowNames(n int) []string {
	if d.Names != nil {
		return d.Names
	}
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

// Euclidean returns the matrix of straight-line distances between points
// given as [x, y].
func Euclidean(points [][]float64) [][]float64 {
	n := len(points)
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
		for j := range n {
			if i != j {
				out[i][j] = math.Hypot(points[i][0]-points[j][0], points[i][1]-points[j][1])
			}
		}
	}
	return out
}

// Document returns the JSON form of g: every node (with coordinates when it
// has them) and every edge.
func (g *Graph) Document() *Document {
	d := &Document{Directed: g.directed, Nodes: make([]NodeSpec, len(g.names)), Edges: make([]EdgeSpec, len(g.w))}
	for i, name := range g.names {
		d.Nodes[i].ID = name
		if g.hasPos[i] {
			x, y := g.x[i], g.y[i]
			d.Nodes[i].X, d.Nodes[i].Y = &x, &y
		}
	}
	for i := range g.w {
		w := g.w[i]
		d.Edges[i] = EdgeSpec{From: g.names[g.from[i]], To: g.names[g.to[i]], Weight: &w}
	}
	return d
}
