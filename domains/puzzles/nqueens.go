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

// NQueens is an instance of n_queens: an n×n board with pre-placed queens
// and blocked cells.
type NQueens struct {
	Grid []string `json:"grid" jsonschema:"the board, one string per row: '.' empty, 'Q' a pre-placed queen, 'X' a blocked cell"`
}

// QueensSolution is the structured answer of n_queens: the queens as
// [row, column] pairs numbered from 1, one per row.
type QueensSolution struct {
	Queens [][2]int `json:"queens"`
}

func nQueensSpec() Spec[NQueens] {
	return Spec[NQueens]{
		Name:        "n_queens",
		Family:      "planning",
		Description: "Place n non-attacking queens on an n×n board that has pre-placed queens and blocked cells.",
		Generate:    nQueensGenerate,
		Prompt:      nQueensPrompt,
		Parse:       nQueensParse,
		Validate:    nQueensValidate,
		Solve:       nQueensSolve,
		Verify:      nQueensVerify,
	}
}

const nQueensMax = 16

func nQueensValidate(in NQueens) error {
	n := len(in.Grid)
	if n < 1 || n > nQueensMax {
		return fmt.Errorf("grid: want 1 to %d rows, got %d", nQueensMax, n)
	}
	for r, row := range in.Grid {
		if len(row) != n {
			return fmt.Errorf("grid[%d]: want %d cells, got %d", r, n, len(row))
		}
		for c := range len(row) {
			if strings.IndexByte(".QX", row[c]) < 0 {
				return fmt.Errorf("grid[%d]: cell %d is %q: want '.', 'Q' or 'X'", r, c+1, row[c])
			}
		}
	}
	return nil
}

// nQueensModel builds the CSP: one column variable per row.
func nQueensModel(in NQueens) (*csp.Model, []csp.IntVar, bool) {
	n := len(in.Grid)
	m := csp.NewModel()
	cols := make([]csp.IntVar, n)
	for r, row := range in.Grid {
		var allowed []int
		if q := strings.Count(row, "Q"); q > 1 {
			return nil, nil, false
		} else if q == 1 {
			allowed = []int{strings.IndexByte(row, 'Q')}
		} else {
			for c := range n {
				if row[c] == '.' {
					allowed = append(allowed, c)
				}
			}
		}
		if len(allowed) == 0 {
			return nil, nil, false
		}
		cols[r] = m.IntVarValues("r"+strconv.Itoa(r), allowed)
	}
	up, down := make([]int, n), make([]int, n)
	for r := range n {
		up[r], down[r] = r, -r
	}
	m.AllDifferent(cols...)
	m.Add(csp.AllDifferentOffsets(cols, up), csp.AllDifferentOffsets(cols, down))
	return m, cols, true
}

func nQueensSolve(ctx context.Context, in NQueens) (Solution, error) {
	m, _, ok := nQueensModel(in)
	if !ok {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	sol, err := m.Solve(ctx, csp.Options{})
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: n_queens: %w", err)
	}
	switch sol.Status {
	case csp.Infeasible:
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	case csp.Unknown:
		return Solution{}, fmt.Errorf("puzzles: n_queens: no answer within the limits: %w", ctx.Err())
	}
	qs := QueensSolution{}
	for r := range in.Grid {
		qs.Queens = append(qs.Queens, [2]int{r + 1, sol.Values["r"+strconv.Itoa(r)] + 1})
	}
	return Solution{Answer: pairsString(qs.Queens), Structured: qs}, nil
}

// pairsString writes (1, 2), (3, 4), …
func pairsString(ps [][2]int) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("(%d, %d)", p[0], p[1])
	}
	return strings.Join(parts, ", ")
}

// nQueensRead reads the queens of an answer: (row, column) pairs, one
// column per row, or a drawn board with Q marks.
func nQueensRead(n int, answer string) ([][2]int, error) {
	s := StripAnswer(answer)
	var board []string
	for _, line := range AnswerLines(s) {
		cells := strings.Join(strings.Fields(line), "")
		if len(cells) == n && strings.Trim(strings.ToUpper(cells), ".QX_-*0") == "" && strings.ContainsAny(strings.ToUpper(cells), ".X_-*0") {
			board = append(board, strings.ToUpper(cells))
		}
	}
	if len(board) == n {
		var qs [][2]int
		for r, row := range board {
			for c := range row {
				if row[c] == 'Q' {
					qs = append(qs, [2]int{r + 1, c + 1})
				}
			}
		}
		return qs, nil
	}
	nums, err := AnswerInts(s)
	if err != nil {
		return nil, err
	}
	switch len(nums) {
	case 2 * n:
		qs := make([][2]int, n)
		for i := range qs {
			qs[i] = [2]int{nums[2*i], nums[2*i+1]}
		}
		return qs, nil
	case n:
		qs := make([][2]int, n)
		for i := range qs {
			qs[i] = [2]int{i + 1, nums[i]}
		}
		return qs, nil
	}
	return nil, fmt.Errorf("want %d (row, column) pairs, found %d numbers", n, len(nums))
}

func nQueensVerify(in NQueens, answer string) Verdict {
	n := len(in.Grid)
	if ClaimsNoSolution(answer) {
		sol, err := nQueensSolve(context.Background(), in)
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if !sol.Unsat {
			return Reject("the answer says there is no solution, but one exists: %s", sol.Answer)
		}
		return Accept()
	}
	qs, err := nQueensRead(n, answer)
	if err != nil {
		return Reject("cannot read the queens: %v", err)
	}
	if len(qs) != n {
		return Reject("want %d queens, found %d", n, len(qs))
	}
	seen := map[[2]int]bool{}
	for _, q := range qs {
		r, c := q[0], q[1]
		if r < 1 || r > n || c < 1 || c > n {
			return Reject("queen (%d, %d) is off the %d×%d board", r, c, n, n)
		}
		if seen[q] {
			return Reject("queen (%d, %d) is listed twice", r, c)
		}
		seen[q] = true
		if in.Grid[r-1][c-1] == 'X' {
			return Reject("queen (%d, %d) stands on a blocked cell", r, c)
		}
	}
	for r, row := range in.Grid {
		for c := range row {
			if row[c] == 'Q' && !seen[[2]int{r + 1, c + 1}] {
				return Reject("the pre-placed queen at (%d, %d) is missing", r+1, c+1)
			}
		}
	}
	for i, a := range qs {
		for _, b := range qs[i+1:] {
			switch {
			case a[0] == b[0]:
				return Reject("queens (%d, %d) and (%d, %d) share a row", a[0], a[1], b[0], b[1])
			case a[1] == b[1]:
				return Reject("queens (%d, %d) and (%d, %d) share a column", a[0], a[1], b[0], b[1])
			case a[0]-a[1] == b[0]-b[1] || a[0]+a[1] == b[0]+b[1]:
				return Reject("queens (%d, %d) and (%d, %d) share a diagonal", a[0], a[1], b[0], b[1])
			}
		}
	}
	return Accept()
}

// nQueensRandom returns a random solution of the empty n×n board by
// randomised backtracking (cols[r] is the column of row r).
func nQueensRandom(rng *rand.Rand, n int) []int {
	cols := make([]int, n)
	var place func(r int) bool
	place = func(r int) bool {
		if r == n {
			return true
		}
		for _, c := range rng.Perm(n) {
			ok := true
			for p := range r {
				if cols[p] == c || cols[p]-p == c-r || cols[p]+p == c+r {
					ok = false
					break
				}
			}
			if ok {
				cols[r] = c
				if place(r + 1) {
					return true
				}
			}
		}
		return false
	}
	place(0)
	return cols
}

func nQueensGenerate(rng *rand.Rand, level int) (NQueens, error) {
	n := 3 + 2*level + rng.IntN(2) // 5–6, 7–8, 9–10
	cols := nQueensRandom(rng, n)
	grid := make([][]byte, n)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(".", n))
	}
	for _, r := range rng.Perm(n)[:level] {
		grid[r][cols[r]] = 'Q'
	}
	for range 2 * level * n / 3 {
		r, c := rng.IntN(n), rng.IntN(n)
		if c != cols[r] {
			grid[r][c] = 'X'
		}
	}
	in := NQueens{Grid: make([]string, n)}
	for r := range grid {
		in.Grid[r] = string(grid[r])
	}
	return in, nil
}

func nQueensPrompt(in NQueens) string {
	n := len(in.Grid)
	var b strings.Builder
	fmt.Fprintf(&b, "Place %d queens on the %d×%d board below so that no two share a row, a column or a diagonal.\n", n, n, n)
	b.WriteString("Q marks a queen that is already placed (keep it), X a blocked cell where no queen may stand, and . an empty cell.\n")
	fmt.Fprintf(&b, "Rows are numbered 1 to %d from the top, columns 1 to %d from the left.\n\n", n, n)
	for _, row := range in.Grid {
		b.WriteString(strings.Join(strings.Split(row, ""), " "))
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "\nAnswer with the positions of all %d queens, the pre-placed ones included, as (row, column) pairs, e.g. (1, 2), (2, 4), …, or \"no solution\" if they cannot be placed.", n)
	return b.String()
}

var nQueensRE = regexp.MustCompile(`Place (\d+) queens on the`)

func nQueensParse(prompt string) (NQueens, error) {
	m := nQueensRE.FindStringSubmatch(prompt)
	if m == nil {
		return NQueens{}, errors.New(`no "Place N queens on the …" line`)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 1 || n > nQueensMax {
		return NQueens{}, fmt.Errorf("board size %q is not in 1..%d", m[1], nQueensMax)
	}
	rows := promptGridRows(prompt, n, ".QX")
	if rows == nil {
		return NQueens{}, fmt.Errorf("no %d×%d board of '.', 'Q' and 'X'", n, n)
	}
	return NQueens{Grid: rows}, nil
}

// promptGridRows finds the first run of n consecutive lines that, with
// spaces removed, are n characters from alphabet, and returns them.
func promptGridRows(prompt string, n int, alphabet string) []string {
	lines := strings.Split(prompt, "\n")
	for i := 0; i+n <= len(lines); i++ {
		var rows []string
		for _, line := range lines[i : i+n] {
			row := strings.Join(strings.Fields(line), "")
			if len(row) != n || strings.Trim(row, alphabet) != "" {
				break
			}
			rows = append(rows, row)
		}
		if len(rows) == n {
			return rows
		}
	}
	return nil
}
