package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/csp"
)

// Sudoku is an instance of sudoku: a 4×4 or 9×9 grid with givens.
type Sudoku struct {
	Grid [][]int `json:"grid" jsonschema:"the rows of the 4×4 or 9×9 grid; 0 marks an empty cell"`
}

// GridSolution is the structured answer of grid-filling tasks.
type GridSolution struct {
	Grid [][]int `json:"grid"`
}

func sudokuSpec() Spec[Sudoku] {
	return Spec[Sudoku]{
		Name:        "sudoku",
		Family:      "planning",
		Description: "Complete a 9×9 (or 4×4) Sudoku: every row, column and box holds each digit once.",
		Generate:    sudokuGenerate,
		Prompt:      sudokuPrompt,
		Parse:       sudokuParse,
		Validate:    sudokuValidate,
		Solve:       sudokuSolve,
		Verify:      sudokuVerify,
	}
}

func sudokuBox(n int) int {
	if n == 4 {
		return 2
	}
	return 3
}

func sudokuValidate(in Sudoku) error {
	n := len(in.Grid)
	if n != 4 && n != 9 {
		return fmt.Errorf("grid: want 4 or 9 rows, got %d", n)
	}
	for r, row := range in.Grid {
		if len(row) != n {
			return fmt.Errorf("grid[%d]: want %d cells, got %d", r, n, len(row))
		}
		for c, v := range row {
			if v < 0 || v > n {
				return fmt.Errorf("grid[%d][%d]: %d is outside 0..%d", r, c, v, n)
			}
		}
	}
	return nil
}

// sudokuModel builds the CSP with one variable per cell, named "rRcC".
func sudokuModel(in Sudoku) *csp.Model {
	n, b := len(in.Grid), sudokuBox(len(in.Grid))
	m := csp.NewModel()
	cell := make([][]csp.IntVar, n)
	for r := range n {
		cell[r] = make([]csp.IntVar, n)
		for c := range n {
			name := fmt.Sprintf("r%dc%d", r, c)
			if v := in.Grid[r][c]; v > 0 {
				cell[r][c] = m.IntVar(name, v, v)
			} else {
				cell[r][c] = m.IntVar(name, 1, n)
			}
		}
	}
	for i := range n {
		row, col, box := make([]csp.IntVar, n), make([]csp.IntVar, n), make([]csp.IntVar, n)
		for j := range n {
			row[j] = cell[i][j]
			col[j] = cell[j][i]
			box[j] = cell[(i/b)*b+j/b][(i%b)*b+j%b]
		}
		m.AllDifferent(row...)
		m.AllDifferent(col...)
		m.AllDifferent(box...)
	}
	return m
}

func sudokuSolve(ctx context.Context, in Sudoku) (Solution, error) {
	sol, err := sudokuModel(in).Solve(ctx, csp.Options{})
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: sudoku: %w", err)
	}
	switch sol.Status {
	case csp.Infeasible:
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	case csp.Unknown:
		return Solution{}, fmt.Errorf("puzzles: sudoku: no answer within the limits: %w", ctx.Err())
	}
	n := len(in.Grid)
	g := GridSolution{Grid: make([][]int, n)}
	for r := range n {
		g.Grid[r] = make([]int, n)
		for c := range n {
			g.Grid[r][c] = sol.Values[fmt.Sprintf("r%dc%d", r, c)]
		}
	}
	return Solution{Answer: digitRows(g.Grid), Structured: g}, nil
}

// digitRows writes a grid of numbers one row per line, cells separated by
// spaces.
func digitRows(g [][]int) string {
	lines := make([]string, len(g))
	for r, row := range g {
		lines[r] = strings.Trim(fmt.Sprint(row), "[]")
	}
	return strings.Join(lines, "\n")
}

var sudokuRowLabelRE = regexp.MustCompile(`(?im)^\s*(?:row\s*\d+|r\d+)\s*[:.)=-]`)

// sudokuRead extracts n×n digits from an answer, dropping row labels.
func sudokuRead(n int, answer string) ([][]int, error) {
	s := sudokuRowLabelRE.ReplaceAllString(StripAnswer(answer), "")
	var digits []int
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits = append(digits, int(r-'0'))
		}
	}
	if len(digits) != n*n {
		return nil, fmt.Errorf("want %d digits (%d rows of %d), found %d", n*n, n, n, len(digits))
	}
	g := make([][]int, n)
	for r := range g {
		g[r] = digits[r*n : (r+1)*n]
	}
	return g, nil
}

func sudokuVerify(in Sudoku, answer string) Verdict {
	n, b := len(in.Grid), sudokuBox(len(in.Grid))
	if ClaimsNoSolution(answer) {
		sol, err := sudokuSolve(context.Background(), in)
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if !sol.Unsat {
			return Reject("the answer says there is no solution, but the grid can be completed")
		}
		return Accept()
	}
	g, err := sudokuRead(n, answer)
	if err != nil {
		return Reject("cannot read the grid: %v", err)
	}
	for r := range n {
		for c := range n {
			if v := g[r][c]; v < 1 || v > n {
				return Reject("row %d, column %d holds %d: want a digit 1 to %d", r+1, c+1, v, n)
			}
			if in.Grid[r][c] != 0 && g[r][c] != in.Grid[r][c] {
				return Reject("row %d, column %d is given as %d but the answer has %d", r+1, c+1, in.Grid[r][c], g[r][c])
			}
		}
	}
	if why := latinCheck(g, func(v int) string { return strconv.Itoa(v) }); why != "" {
		return Reject("%s", why)
	}
	for i := range n {
		seen := map[int]bool{}
		for j := range n {
			v := g[(i/b)*b+j/b][(i%b)*b+j%b]
			if seen[v] {
				return Reject("box %d holds %d twice", i+1, v)
			}
			seen[v] = true
		}
	}
	return Accept()
}

// latinCheck returns why a square grid repeats a symbol in a row or a
// column, or "".
func latinCheck(g [][]int, name func(int) string) string {
	n := len(g)
	for i := range n {
		row, col := map[int]bool{}, map[int]bool{}
		for j := range n {
			if row[g[i][j]] {
				return fmt.Sprintf("row %d holds %s twice", i+1, name(g[i][j]))
			}
			if col[g[j][i]] {
				return fmt.Sprintf("column %d holds %s twice", i+1, name(g[j][i]))
			}
			row[g[i][j]], col[g[j][i]] = true, true
		}
	}
	return ""
}

// sudokuFull returns a random complete grid: the pattern grid shuffled by
// digit, row-in-band, band, column-in-stack and stack permutations.
func sudokuFull(rng *rand.Rand, n int) [][]int {
	b := sudokuBox(n)
	digits := rng.Perm(n)
	perm := func() []int {
		out := make([]int, 0, n)
		for _, band := range rng.Perm(b) {
			for _, i := range rng.Perm(b) {
				out = append(out, band*b+i)
			}
		}
		return out
	}
	rows, cols := perm(), perm()
	g := make([][]int, n)
	for r := range n {
		g[r] = make([]int, n)
		for c := range n {
			rr, cc := rows[r], cols[c]
			g[r][c] = digits[(b*(rr%b)+rr/b+cc)%n] + 1
		}
	}
	return g
}

func sudokuGenerate(rng *rand.Rand, level int) (Sudoku, error) {
	n, holes := 4, 6+rng.IntN(5)
	switch level {
	case Medium:
		n, holes = 9, 35+rng.IntN(10)
	case Hard:
		n, holes = 9, 50+rng.IntN(8)
	}
	g := sudokuFull(rng, n)
	for _, k := range rng.Perm(n * n)[:holes] {
		g[k/n][k%n] = 0
	}
	return Sudoku{Grid: g}, nil
}

func sudokuPrompt(in Sudoku) string {
	n, b := len(in.Grid), sudokuBox(len(in.Grid))
	var s strings.Builder
	fmt.Fprintf(&s, "Fill in the %d×%d Sudoku below so that every row, every column and every %d×%d box contains the digits 1 to %d exactly once. Dots are empty cells.\n\n", n, n, b, b, n)
	for _, row := range in.Grid {
		cells := make([]string, n)
		for c, v := range row {
			cells[c] = "."
			if v > 0 {
				cells[c] = strconv.Itoa(v)
			}
		}
		s.WriteString(strings.Join(cells, " "))
		s.WriteByte('\n')
	}
	fmt.Fprintf(&s, "\nAnswer with the completed grid, %d lines of %d digits separated by spaces, or \"no solution\" if it cannot be completed.", n, n)
	return s.String()
}

var sudokuRE = regexp.MustCompile(`Fill in the (\d+)×\d+ Sudoku`)

func sudokuParse(prompt string) (Sudoku, error) {
	m := sudokuRE.FindStringSubmatch(prompt)
	if m == nil {
		return Sudoku{}, errors.New(`no "Fill in the N×N Sudoku" line`)
	}
	n, _ := strconv.Atoi(m[1])
	if n != 4 && n != 9 {
		return Sudoku{}, fmt.Errorf("size %s: want 4 or 9", m[1])
	}
	rows := promptGridRows(prompt, n, ".0123456789"[:n+2])
	if rows == nil {
		return Sudoku{}, fmt.Errorf("no %d×%d grid of digits and dots", n, n)
	}
	g := make([][]int, n)
	for r, row := range rows {
		g[r] = make([]int, n)
		for c := range n {
			if row[c] != '.' {
				g[r][c] = int(row[c] - '0')
			}
		}
	}
	return Sudoku{Grid: g}, nil
}
