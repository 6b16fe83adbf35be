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

// LatinDiagonal is an instance of latin_diagonal: an n×n square (7×7 in
// the generated instances) of the letters a, b, … with some cells given.
type LatinDiagonal struct {
	Grid []string `json:"grid" jsonschema:"the rows of the n×n square: a letter (a, b, … the first n letters) for a given cell, '.' for an empty one"`
}

// LetterGridSolution is the structured answer of latin_diagonal.
type LetterGridSolution struct {
	Grid []string `json:"grid"`
}

func latinSpec() Spec[LatinDiagonal] {
	return Spec[LatinDiagonal]{
		Name:        "latin_diagonal",
		Family:      "planning",
		Description: "Complete a 7×7 square of letters a–g: rows and columns distinct, the minor diagonal one letter.",
		Generate:    latinGenerate,
		Prompt:      latinPrompt,
		Parse:       latinParse,
		Validate:    latinValidate,
		Solve:       latinSolve,
		Verify:      latinVerify,
	}
}

func latinValidate(in LatinDiagonal) error {
	n := len(in.Grid)
	if n < 2 || n > 12 {
		return fmt.Errorf("grid: want 2 to 12 rows, got %d", n)
	}
	for r, row := range in.Grid {
		if len(row) != n {
			return fmt.Errorf("grid[%d]: want %d cells, got %d", r, n, len(row))
		}
		for c := range n {
			if ch := row[c]; ch != '.' && (ch < 'a' || int(ch-'a') >= n) {
				return fmt.Errorf("grid[%d]: cell %d is %q: want '.' or a letter a to %c", r, c+1, ch, 'a'+n-1)
			}
		}
	}
	return nil
}

func latinSolve(ctx context.Context, in LatinDiagonal) (Solution, error) {
	n := len(in.Grid)
	m := csp.NewModel()
	cell := make([][]csp.IntVar, n)
	for r, row := range in.Grid {
		cell[r] = make([]csp.IntVar, n)
		for c := range n {
			lo, hi := 0, n-1
			if row[c] != '.' {
				lo, hi = int(row[c]-'a'), int(row[c]-'a')
			}
			cell[r][c] = m.IntVar("r"+strconv.Itoa(r)+"c"+strconv.Itoa(c), lo, hi)
		}
	}
	for i := range n {
		row, col := make([]csp.IntVar, n), make([]csp.IntVar, n)
		for j := range n {
			row[j], col[j] = cell[i][j], cell[j][i]
		}
		m.AllDifferent(row...)
		m.AllDifferent(col...)
	}
	for i := 1; i < n; i++ {
		m.Linear([]csp.Term{csp.T(1, cell[i][n-1-i]), csp.T(-1, cell[0][n-1])}, csp.EQ, 0)
	}
	sol, err := m.Solve(ctx, csp.Options{})
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: latin_diagonal: %w", err)
	}
	switch sol.Status {
	case csp.Infeasible:
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	case csp.Unknown:
		return Solution{}, fmt.Errorf("puzzles: latin_diagonal: no answer within the limits: %w", ctx.Err())
	}
	out := LetterGridSolution{Grid: make([]string, n)}
	lines := make([]string, n)
	for r := range n {
		b := make([]byte, n)
		for c := range n {
			b[c] = byte('a' + sol.Values["r"+strconv.Itoa(r)+"c"+strconv.Itoa(c)])
		}
		out.Grid[r] = string(b)
		lines[r] = strings.Join(strings.Split(string(b), ""), ",")
	}
	return Solution{Answer: strings.Join(lines, "\n"), Structured: out}, nil
}

// latinRead extracts n rows of n letters from an answer: lines that are n
// letters once separators are removed, or else exactly n·n letters in all.
func latinRead(n int, answer string) ([]string, error) {
	s := strings.ToLower(StripAnswer(answer))
	clean := func(line string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' {
				return r
			}
			if strings.ContainsRune(" \t,;|[]'\"()", r) {
				return -1
			}
			return '?'
		}, line)
	}
	var rows []string
	for _, line := range AnswerLines(s) {
		if c := clean(line); len(c) == n && !strings.Contains(c, "?") {
			rows = append(rows, c)
		}
	}
	if len(rows) == n {
		return rows, nil
	}
	all := clean(strings.ReplaceAll(s, "\n", " "))
	if len(all) == n*n && !strings.Contains(all, "?") {
		for r := range n {
			rows = append(rows[:r], all[r*n:(r+1)*n])
		}
		return rows[:n], nil
	}
	return nil, fmt.Errorf("want %d rows of %d letters, found %d such rows", n, n, len(rows))
}

func latinVerify(in LatinDiagonal, answer string) Verdict {
	n := len(in.Grid)
	if ClaimsNoSolution(answer) {
		sol, err := latinSolve(context.Background(), in)
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if !sol.Unsat {
			return Reject("the answer says there is no solution, but the square can be completed")
		}
		return Accept()
	}
	rows, err := latinRead(n, answer)
	if err != nil {
		return Reject("cannot read the square: %v", err)
	}
	g := make([][]int, n)
	for r, row := range rows {
		g[r] = make([]int, n)
		for c := range n {
			ch := row[c]
			if ch < 'a' || int(ch-'a') >= n {
				return Reject("row %d, column %d holds %q: want a letter a to %c", r+1, c+1, ch, 'a'+n-1)
			}
			if in.Grid[r][c] != '.' && in.Grid[r][c] != ch {
				return Reject("row %d, column %d is given as %c but the answer has %c", r+1, c+1, in.Grid[r][c], ch)
			}
			g[r][c] = int(ch - 'a')
		}
	}
	if why := latinCheck(g, func(v int) string { return string(rune('a' + v)) }); why != "" {
		return Reject("%s", why)
	}
	for i := 1; i < n; i++ {
		if g[i][n-1-i] != g[0][n-1] {
			return Reject("the minor diagonal holds both %c (row 1) and %c (row %d)", 'a'+g[0][n-1], 'a'+g[i][n-1-i], i+1)
		}
	}
	return Accept()
}

func latinGenerate(rng *rand.Rand, level int) (LatinDiagonal, error) {
	const n = 7
	// (i + j) mod n is Latin with a constant minor diagonal; relabelling
	// the symbols and permuting rows by σ and columns by τ(j) =
	// n-1-σ(n-1-j) keep both properties.
	sym, sigma := rng.Perm(n), rng.Perm(n)
	grid := make([][]byte, n)
	for r := range grid {
		grid[r] = make([]byte, n)
	}
	for i := range n {
		for j := range n {
			grid[sigma[i]][n-1-sigma[n-1-j]] = byte('a' + sym[(i+j)%n])
		}
	}
	keep := 30 - 7*level + rng.IntN(4) // about 23, 16 or 9 givens
	given := map[int]bool{}
	for _, k := range rng.Perm(n * n)[:keep] {
		given[k] = true
	}
	in := LatinDiagonal{Grid: make([]string, n)}
	for r := range n {
		for c := range n {
			if !given[r*n+c] {
				grid[r][c] = '.'
			}
		}
		in.Grid[r] = string(grid[r])
	}
	return in, nil
}

func latinPrompt(in LatinDiagonal) string {
	n := len(in.Grid)
	last := string(rune('a' + n - 1))
	var s strings.Builder
	fmt.Fprintf(&s, "Fill the %d×%d grid below with the letters a to %s so that each row and each column contains every letter exactly once, ", n, n, last)
	s.WriteString("and all cells on the minor diagonal (from the top-right corner to the bottom-left corner) hold the same letter. ")
	s.WriteString("Given letters must be kept; dots are empty cells.\n\n")
	for _, row := range in.Grid {
		s.WriteString(strings.Join(strings.Split(row, ""), " "))
		s.WriteByte('\n')
	}
	fmt.Fprintf(&s, "\nAnswer with the completed grid, %d lines of %d letters separated by commas, or \"no solution\" if it cannot be completed.", n, n)
	return s.String()
}

var latinRE = regexp.MustCompile(`Fill the (\d+)×\d+ grid below with the letters`)

func latinParse(prompt string) (LatinDiagonal, error) {
	m := latinRE.FindStringSubmatch(prompt)
	if m == nil {
		return LatinDiagonal{}, errors.New(`no "Fill the N×N grid below with the letters" line`)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 2 || n > 12 {
		return LatinDiagonal{}, fmt.Errorf("size %q is not in 2..12", m[1])
	}
	rows := promptGridRows(prompt, n, "."+"abcdefghijkl"[:n])
	if rows == nil {
		return LatinDiagonal{}, fmt.Errorf("no %d×%d grid of letters and dots", n, n)
	}
	return LatinDiagonal{Grid: rows}, nil
}
