package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/graph"
)

// GridSelection is an instance of grid_selection: choose k free cells of a
// grid with at most row_limits[i] in row i and col_limits[j] in column j.
type GridSelection struct {
	Grid      []string `json:"grid" jsonschema:"the rows of the grid: '.' a free cell, '#' a blocked one"`
	K         int      `json:"k" jsonschema:"how many cells to choose"`
	RowLimits []int    `json:"row_limits" jsonschema:"the most cells that may be chosen in each row, top to bottom"`
	ColLimits []int    `json:"col_limits" jsonschema:"the most cells that may be chosen in each column, left to right"`
}

// CellsSolution is the structured answer of grid_selection: [row, column]
// pairs numbered from 1.
type CellsSolution struct {
	Cells [][2]int `json:"cells"`
}

func gridSelSpec() Spec[GridSelection] {
	return Spec[GridSelection]{
		Name:        "grid_selection",
		Family:      "planning",
		Description: "Choose k free cells of a grid so that no row or column exceeds its limit (max-flow).",
		Generate:    gridSelGenerate,
		Prompt:      gridSelPrompt,
		Parse:       gridSelParse,
		Validate:    gridSelValidate,
		Solve:       gridSelSolve,
		Verify:      gridSelVerify,
	}
}

func gridSelValidate(in GridSelection) error {
	rows := len(in.Grid)
	if rows < 1 || rows > 50 {
		return fmt.Errorf("grid: want 1 to 50 rows, got %d", rows)
	}
	cols := len(in.Grid[0])
	if cols < 1 || cols > 50 {
		return fmt.Errorf("grid[0]: want 1 to 50 cells, got %d", cols)
	}
	for r, row := range in.Grid {
		if len(row) != cols {
			return fmt.Errorf("grid[%d]: want %d cells like the first row, got %d", r, cols, len(row))
		}
		if strings.Trim(row, ".#") != "" {
			return fmt.Errorf("grid[%d]: want only '.' and '#', got %q", r, row)
		}
	}
	if len(in.RowLimits) != rows {
		return fmt.Errorf("row_limits: want %d limits (one per row), got %d", rows, len(in.RowLimits))
	}
	if len(in.ColLimits) != cols {
		return fmt.Errorf("col_limits: want %d limits (one per column), got %d", cols, len(in.ColLimits))
	}
	for i, l := range in.RowLimits {
		if l < 0 || l > cols {
			return fmt.Errorf("row_limits[%d]: %d is outside 0..%d", i, l, cols)
		}
	}
	for j, l := range in.ColLimits {
		if l < 0 || l > rows {
			return fmt.Errorf("col_limits[%d]: %d is outside 0..%d", j, l, rows)
		}
	}
	if in.K < 0 || in.K > rows*cols {
		return fmt.Errorf("k: %d is outside 0..%d", in.K, rows*cols)
	}
	return nil
}

// gridSelSolve sends k units of flow source → rows → free cells →
// columns → sink; row and column limits are capacities. An integral
// maximum flow of k picks the cells; less proves there is no selection.
func gridSelSolve(ctx context.Context, in GridSelection) (Solution, error) {
	g := graph.New(true)
	add := func(from, to string, w int) {
		_ = g.AddEdge(from, to, float64(w)) // weights are small integers: cannot fail
	}
	add("source", "start", in.K)
	for i, l := range in.RowLimits {
		add("start", "r"+strconv.Itoa(i), l)
	}
	type cellEdge struct{ r, c, edge int }
	var cells []cellEdge
	for r, row := range in.Grid {
		for c := range len(row) {
			if row[c] == '.' {
				cells = append(cells, cellEdge{r, c, g.NumEdges()})
				add("r"+strconv.Itoa(r), "c"+strconv.Itoa(c), 1)
			}
		}
	}
	for j, l := range in.ColLimits {
		add("c"+strconv.Itoa(j), "sink", l)
	}
	flow, err := g.MaxFlow(ctx, "source", "sink")
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: grid_selection: %w", err)
	}
	if int(math.Round(flow.Value)) < in.K {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	out := CellsSolution{Cells: [][2]int{}}
	for _, ce := range cells {
		if flow.EdgeFlow[ce.edge] > 0.5 {
			out.Cells = append(out.Cells, [2]int{ce.r + 1, ce.c + 1})
		}
	}
	return Solution{Answer: pairsString(out.Cells), Structured: out}, nil
}

func gridSelVerify(in GridSelection, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		sol, err := gridSelSolve(context.Background(), in)
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if !sol.Unsat {
			return Reject("the answer says there is no solution, but %s works", sol.Answer)
		}
		return Accept()
	}
	nums, err := AnswerInts(StripAnswer(answer))
	if err != nil {
		return Reject("cannot read the cells: %v", err)
	}
	if len(nums)%2 != 0 {
		return Reject("cannot read the cells: %d numbers do not make (row, column) pairs", len(nums))
	}
	if len(nums)/2 != in.K {
		return Reject("want %d cells, found %d", in.K, len(nums)/2)
	}
	rows, cols := len(in.Grid), len(in.Grid[0])
	rowCount, colCount := make([]int, rows), make([]int, cols)
	seen := map[[2]int]bool{}
	for i := 0; i < len(nums); i += 2 {
		r, c := nums[i], nums[i+1]
		if r < 1 || r > rows || c < 1 || c > cols {
			return Reject("cell (%d, %d) is outside the %d×%d grid", r, c, rows, cols)
		}
		if seen[[2]int{r, c}] {
			return Reject("cell (%d, %d) is chosen twice", r, c)
		}
		seen[[2]int{r, c}] = true
		if in.Grid[r-1][c-1] == '#' {
			return Reject("cell (%d, %d) is blocked", r, c)
		}
		rowCount[r-1]++
		colCount[c-1]++
	}
	for i, n := range rowCount {
		if n > in.RowLimits[i] {
			return Reject("row %d has %d chosen cells, more than its limit %d", i+1, n, in.RowLimits[i])
		}
	}
	for j, n := range colCount {
		if n > in.ColLimits[j] {
			return Reject("column %d has %d chosen cells, more than its limit %d", j+1, n, in.ColLimits[j])
		}
	}
	return Accept()
}

func gridSelGenerate(rng *rand.Rand, level int) (GridSelection, error) {
	rows, cols := 2+2*level, 2+2*level+rng.IntN(2) // 4×4–5, 6×6–7, 8×8–9
	grid := make([][]byte, rows)
	chosen := 0
	in := GridSelection{RowLimits: make([]int, rows), ColLimits: make([]int, cols)}
	rowCount, colCount := make([]int, rows), make([]int, cols)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(".", cols))
		for c := range cols {
			switch x := rng.IntN(10); {
			case x < 2:
				grid[r][c] = '#'
			case x < 6:
				rowCount[r]++
				colCount[c]++
				chosen++
			}
		}
		in.Grid = append(in.Grid, string(grid[r]))
	}
	for r := range rows {
		in.RowLimits[r] = min(cols, rowCount[r]+rng.IntN(2))
	}
	for c := range cols {
		in.ColLimits[c] = min(rows, colCount[c]+rng.IntN(2))
	}
	in.K = chosen
	if level == Hard {
		in.K += rng.IntN(3) // may exceed what the limits allow
	}
	return in, nil
}

func gridSelPrompt(in GridSelection) string {
	rows, cols := len(in.Grid), len(in.Grid[0])
	var s strings.Builder
	fmt.Fprintf(&s, "Choose exactly %d free cells of the %d×%d grid below ('.' is free, '#' is blocked) ", in.K, rows, cols)
	s.WriteString("so that no row and no column has more chosen cells than its limit.\n")
	fmt.Fprintf(&s, "Row limits, top to bottom: %s\n", intsString(in.RowLimits))
	fmt.Fprintf(&s, "Column limits, left to right: %s\n\n", intsString(in.ColLimits))
	for _, row := range in.Grid {
		s.WriteString(strings.Join(strings.Split(row, ""), " "))
		s.WriteByte('\n')
	}
	s.WriteString("\nRows and columns are numbered from 1. Answer with the chosen cells as (row, column) pairs, e.g. (1, 2), (3, 1), …, or \"no solution\" if no choice works.")
	return s.String()
}

var (
	gridSelHeadRE = regexp.MustCompile(`Choose exactly (\d+) free cells of the (\d+)×(\d+) grid`)
	gridSelRowRE  = regexp.MustCompile(`Row limits, top to bottom: ([-\d, ]+)`)
	gridSelColRE  = regexp.MustCompile(`Column limits, left to right: ([-\d, ]+)`)
)

func gridSelParse(prompt string) (GridSelection, error) {
	m := gridSelHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return GridSelection{}, errors.New(`no "Choose exactly K free cells of the R×C grid" line`)
	}
	k, _ := strconv.Atoi(m[1])
	rows, _ := strconv.Atoi(m[2])
	cols, _ := strconv.Atoi(m[3])
	if rows < 1 || rows > 50 || cols < 1 || cols > 50 {
		return GridSelection{}, fmt.Errorf("grid size %d×%d is outside 1..50", rows, cols)
	}
	in := GridSelection{K: k}
	rm, cm := gridSelRowRE.FindStringSubmatch(prompt), gridSelColRE.FindStringSubmatch(prompt)
	if rm == nil || cm == nil {
		return GridSelection{}, errors.New("no row or column limits")
	}
	var err error
	if in.RowLimits, err = promptIntList(rm[1]); err != nil {
		return GridSelection{}, fmt.Errorf("row limits: %w", err)
	}
	if in.ColLimits, err = promptIntList(cm[1]); err != nil {
		return GridSelection{}, fmt.Errorf("column limits: %w", err)
	}
	lines := strings.Split(prompt, "\n")
	for i := range lines {
		var grid []string
		for _, line := range lines[i:min(len(lines), i+rows)] {
			row := strings.Join(strings.Fields(line), "")
			if len(row) != cols || strings.Trim(row, ".#") != "" {
				break
			}
			grid = append(grid, row)
		}
		if len(grid) == rows {
			in.Grid = grid
			return in, nil
		}
	}
	return GridSelection{}, fmt.Errorf("no %d×%d grid of '.' and '#'", rows, cols)
}
