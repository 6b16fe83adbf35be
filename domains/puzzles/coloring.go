package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/sat"
)

// GraphColoring is a graph_coloring instance: vertices 1..Vertices, edges
// between them, and the number of colours 1..Colors.
type GraphColoring struct {
	Vertices int      `json:"vertices" jsonschema:"number of vertices, numbered from 1"`
	Edges    [][2]int `json:"edges" jsonschema:"edges as pairs of vertex numbers"`
	Colors   int      `json:"colors" jsonschema:"number of colours, numbered from 1"`
}

func coloringSpec() Spec[GraphColoring] {
	return Spec[GraphColoring]{
		Name:        "graph_coloring",
		Family:      "planning",
		Description: "Colour the vertices of a graph with k colours so that adjacent vertices differ.",
		Generate:    generateColoring,
		Prompt:      promptColoring,
		Parse:       parseColoring,
		Validate:    validateColoring,
		Solve: func(ctx context.Context, in GraphColoring) (Solution, error) {
			col, err := solveColoring(ctx, in)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: graph_coloring: %w", err)
			}
			if col == nil {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: coloringFormat(col), Structured: col}, nil
		},
		Verify: verifyColoring,
	}
}

func validateColoring(in GraphColoring) error {
	if in.Vertices < 1 || in.Vertices > 200 {
		return fmt.Errorf("vertices: %d is outside 1..200", in.Vertices)
	}
	if in.Colors < 1 || in.Colors > 20 {
		return fmt.Errorf("colors: %d is outside 1..20", in.Colors)
	}
	if len(in.Edges) > 5000 {
		return fmt.Errorf("edges: %d is more than 5000", len(in.Edges))
	}
	for i, e := range in.Edges {
		for _, v := range e {
			if v < 1 || v > in.Vertices {
				return fmt.Errorf("edges[%d]: vertex %d is outside 1..%d", i, v, in.Vertices)
			}
		}
		if e[0] == e[1] {
			return fmt.Errorf("edges[%d]: loop at vertex %d cannot be coloured", i, e[0])
		}
	}
	return nil
}

// solveColoring returns colours indexed by vertex-1, or nil when none
// exists.
func solveColoring(ctx context.Context, in GraphColoring) ([]int, error) {
	f := sat.New()
	x := make([][]sat.Lit, in.Vertices)
	for v := range x {
		x[v] = make([]sat.Lit, in.Colors)
		for c := range x[v] {
			x[v][c] = f.NewVar()
		}
		f.ExactlyK(x[v], 1)
	}
	for _, e := range in.Edges {
		for c := range in.Colors {
			f.AddClause(x[e[0]-1][c].Not(), x[e[1]-1][c].Not())
		}
	}
	// Symmetry: the first endpoint of the first edge takes colour 1.
	if len(in.Edges) > 0 {
		f.AddClause(x[in.Edges[0][0]-1][0])
	}
	res, err := f.Solve(ctx, sat.Options{})
	if err != nil {
		return nil, err
	}
	if res.Status != sat.Satisfiable {
		if res.Status == sat.Unknown {
			return nil, fmt.Errorf("undecided: %w", context.DeadlineExceeded)
		}
		return nil, nil
	}
	col := make([]int, in.Vertices)
	for v := range x {
		for c, l := range x[v] {
			if res.Value(l) {
				col[v] = c + 1
			}
		}
	}
	return col, nil
}

func coloringFormat(col []int) string {
	parts := make([]string, len(col))
	for v, c := range col {
		parts[v] = fmt.Sprintf("%d=%d", v+1, c)
	}
	return strings.Join(parts, ", ")
}

func generateColoring(rng *rand.Rand, level int) (GraphColoring, error) {
	n := exByLevel(level, 6, 10, 16)
	k := exByLevel(level, 3, 3, 4)
	density := exByLevel(level, 0.55, 0.5, 0.5)
	for {
		planted := make([]int, n)
		for v := range planted {
			planted[v] = v % k // every colour used
		}
		rng.Shuffle(n, func(i, j int) { planted[i], planted[j] = planted[j], planted[i] })
		in := GraphColoring{Vertices: n, Colors: k}
		degree := make([]int, n+1)
		for u := 1; u <= n; u++ {
			for v := u + 1; v <= n; v++ {
				if planted[u-1] != planted[v-1] && rng.Float64() < density {
					in.Edges = append(in.Edges, [2]int{u, v})
					degree[u]++
					degree[v]++
				}
			}
		}
		if !slices.Contains(degree[1:], 0) {
			return in, nil
		}
	}
}

func promptColoring(in GraphColoring) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Colour the vertices of the graph below with the colours 1 to %d so that the two ends of every edge get different colours.\n\n", in.Colors)
	fmt.Fprintf(&b, "Vertices: 1 to %d\nColours: %d\n", in.Vertices, in.Colors)
	parts := make([]string, len(in.Edges))
	for i, e := range in.Edges {
		parts[i] = fmt.Sprintf("%d-%d", e[0], e[1])
	}
	fmt.Fprintf(&b, "Edges: %s\n\n", strings.Join(parts, ", "))
	b.WriteString("Give the colour of every vertex as vertex=colour separated by commas, e.g. 1=2, 2=1, 3=3. If no such colouring exists, answer \"no solution\".\n")
	return b.String()
}

var coloringEdgeRE = regexp.MustCompile(`^(\d+)-(\d+)$`)

func parseColoring(prompt string) (GraphColoring, error) {
	var in GraphColoring
	vs, err := exLineAfter(prompt, "Vertices: 1 to")
	if err != nil {
		return in, err
	}
	if in.Vertices, err = exAtoi("vertices", vs); err != nil {
		return in, err
	}
	cs, err := exLineAfter(prompt, "Colours:")
	if err != nil {
		return in, err
	}
	if in.Colors, err = exAtoi("colors", cs); err != nil {
		return in, err
	}
	es, err := exLineAfter(prompt, "Edges:")
	if err != nil {
		return in, err
	}
	for p := range strings.SplitSeq(es, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		m := coloringEdgeRE.FindStringSubmatch(p)
		if m == nil {
			return in, fmt.Errorf("edges: cannot read %q", p)
		}
		u, err1 := strconv.Atoi(m[1])
		v, err2 := strconv.Atoi(m[2])
		if err1 != nil || err2 != nil {
			return in, fmt.Errorf("edges: %q is out of range", p)
		}
		in.Edges = append(in.Edges, [2]int{u, v})
		if len(in.Edges) > 5000 {
			return in, fmt.Errorf("edges: more than 5000")
		}
	}
	return in, validateColoring(in)
}

var coloringPairRE = regexp.MustCompile(`(\d+)\s*(?:=|:|->|→)\s*(\d+)`)

// coloringRead reads vertex=colour pairs, or a bare list of colours in
// vertex order.
func coloringRead(n int, answer string) ([]int, string) {
	s := StripAnswer(answer)
	col := make([]int, n)
	pairs := coloringPairRE.FindAllStringSubmatch(s, -1)
	if len(pairs) == 0 {
		nums, err := AnswerInts(s)
		if err != nil || len(nums) != n {
			return nil, fmt.Sprintf("expected vertex=colour for each of the %d vertices", n)
		}
		return nums, ""
	}
	for _, p := range pairs {
		v, err1 := strconv.Atoi(p[1])
		c, err2 := strconv.Atoi(p[2])
		if err1 != nil || err2 != nil || v < 1 || v > n {
			return nil, fmt.Sprintf("%q names no vertex of 1..%d", p[0], n)
		}
		if col[v-1] != 0 && col[v-1] != c {
			return nil, fmt.Sprintf("vertex %d is given two colours", v)
		}
		col[v-1] = c
	}
	for v, c := range col {
		if c == 0 {
			return nil, fmt.Sprintf("vertex %d has no colour", v+1)
		}
	}
	return col, ""
}

func verifyColoring(in GraphColoring, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		col, err := solveColoring(context.Background(), in)
		if err != nil {
			return Reject("cannot check: %v", err)
		}
		if col != nil {
			return Reject("a colouring exists")
		}
		return Accept()
	}
	col, msg := coloringRead(in.Vertices, answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	for v, c := range col {
		if c < 1 || c > in.Colors {
			return Reject("vertex %d has colour %d, outside 1..%d", v+1, c, in.Colors)
		}
	}
	for _, e := range in.Edges {
		if col[e[0]-1] == col[e[1]-1] {
			return Reject("edge %d-%d joins two vertices of colour %d", e[0], e[1], col[e[0]-1])
		}
	}
	return Accept()
}
