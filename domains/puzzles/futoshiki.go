package puzzles

import (
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/plankit/plankit/solvers/csp"
)

// Futoshiki is a futoshiki instance: an n×n grid to fill with 1..n so
// that every row and column holds each number once, with some numbers
// given (0 = empty) and inequalities between neighbouring cells.
type Futoshiki struct {
	Size         int          `json:"size" jsonschema:"side n of the grid (numbers 1..n)"`
	Grid         [][]int      `json:"grid" jsonschema:"given numbers, 0 for an empty cell"`
	Inequalities []Inequality `json:"inequalities" jsonschema:"smaller < larger between orthogonal neighbours"`
}

// Inequality says that the number at Smaller is less than the one at
// Larger (cells as [row, column] from 1).
type Inequality struct {
	Smaller [2]int `json:"smaller"`
	Larger  [2]int `json:"larger"`
}

func futoshikiSpec() Spec[Futoshiki] {
	return Spec[Futoshiki]{
		Name:        "futoshiki",
		Family:      "planning",
		Description: "Fill a Latin square that respects given numbers and inequalities between neighbouring cells.",
		Generate:    generateFutoshiki,
		Prompt:      promptFutoshiki,
		Parse:       parseFutoshiki,
		Validate:    validateFutoshiki,
		Solve: func(ctx context.Context, in Futoshiki) (Solution, error) {
			sols, err := futoshikiSolve(ctx, in, 1)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: futoshiki: %w", err)
			}
			if len(sols) == 0 {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: exFormatMatrix(sols[0]), Structured: sols[0]}, nil
		},
		Verify: verifyFutoshiki,
	}
}

func validateFutoshiki(in Futoshiki) error {
	n := in.Size
	if n < 2 || n > 9 {
		return fmt.Errorf("size: %d is outside 2..9", n)
	}
	if err := exCheckMatrix("grid", in.Grid, 9, 9); err != nil {
		return err
	}
	if len(in.Grid) != n || len(in.Grid[0]) != n {
		return fmt.Errorf("grid: %d×%d, want %d×%d", len(in.Grid), len(in.Grid[0]), n, n)
	}
	for i, row := range in.Grid {
		for j, v := range row {
			if v < 0 || v > n {
				return fmt.Errorf("grid: entry (%d,%d) = %d is outside 0..%d", i+1, j+1, v, n)
			}
		}
	}
	if len(in.Inequalities) > 2*n*(n-1) {
		return fmt.Errorf("inequalities: %d is more than the %d neighbouring pairs", len(in.Inequalities), 2*n*(n-1))
	}
	seen := map[[4]int]bool{}
	for i, q := range in.Inequalities {
		for _, c := range [][2]int{q.Smaller, q.Larger} {
			if c[0] < 1 || c[0] > n || c[1] < 1 || c[1] > n {
				return fmt.Errorf("inequalities[%d]: cell (%d,%d) is off the grid", i, c[0], c[1])
			}
		}
		dr, dc := q.Smaller[0]-q.Larger[0], q.Smaller[1]-q.Larger[1]
		if dr*dr+dc*dc != 1 {
			return fmt.Errorf("inequalities[%d]: (%d,%d) and (%d,%d) are not neighbours", i, q.Smaller[0], q.Smaller[1], q.Larger[0], q.Larger[1])
		}
		a, b := q.Smaller, q.Larger
		if b[0] < a[0] || b[1] < a[1] {
			a, b = b, a
		}
		key := [4]int{a[0], a[1], b[0], b[1]}
		if seen[key] {
			return fmt.Errorf("inequalities[%d]: a second inequality between the same cells", i)
		}
		seen[key] = true
	}
	return nil
}

// futoshikiSolve lists up to limit solutions with the CSP solver.
func futoshikiSolve(ctx context.Context, in Futoshiki, limit int) ([][][]int, error) {
	n := in.Size
	m := csp.NewModel()
	x := make([][]csp.IntVar, n)
	for r := range n {
		x[r] = make([]csp.IntVar, n)
		for c := range n {
			if v := in.Grid[r][c]; v > 0 {
				x[r][c] = m.IntVar(fmt.Sprintf("x%d_%d", r, c), v, v)
			} else {
				x[r][c] = m.IntVar(fmt.Sprintf("x%d_%d", r, c), 1, n)
			}
		}
	}
	for i := range n {
		col := make([]csp.IntVar, n)
		for r := range n {
			col[r] = x[r][i]
		}
		m.Add(csp.AllDifferent(x[i]...))
		m.Add(csp.AllDifferent(col...))
	}
	for _, q := range in.Inequalities {
		s, l := x[q.Smaller[0]-1][q.Smaller[1]-1], x[q.Larger[0]-1][q.Larger[1]-1]
		m.Add(csp.Linear([]csp.Term{csp.T(1, s), csp.T(-1, l)}, csp.LE, -1))
	}
	sol, err := m.Solve(ctx, csp.Options{MaxSolutions: limit})
	if err != nil {
		return nil, err
	}
	switch sol.Status {
	case csp.Infeasible:
		return nil, nil
	case csp.Unknown:
		return nil, fmt.Errorf("undecided: %w", context.DeadlineExceeded)
	}
	all := sol.Solutions
	if len(all) == 0 {
		all = []map[string]int{sol.Values}
	}
	out := make([][][]int, len(all))
	for k, vals := range all {
		g := make([][]int, n)
		for r := range n {
			g[r] = make([]int, n)
			for c := range n {
				g[r][c] = vals[fmt.Sprintf("x%d_%d", r, c)]
			}
		}
		out[k] = g
	}
	return out, nil
}

// futoshikiFind lists up to limit solutions by backtracking on the cell
// with fewest candidates (bit masks of the numbers still allowed by its
// row, its column, the givens and its assigned neighbours). The generator
// uses it for its many uniqueness checks; Solve uses the CSP model.
func futoshikiFind(in Futoshiki, limit int) [][][]int {
	n := in.Size
	type rel struct {
		other   int
		smaller bool // this cell is the smaller one
	}
	rels := make([][]rel, n*n)
	for _, q := range in.Inequalities {
		s := (q.Smaller[0]-1)*n + q.Smaller[1] - 1
		l := (q.Larger[0]-1)*n + q.Larger[1] - 1
		rels[s] = append(rels[s], rel{l, true})
		rels[l] = append(rels[l], rel{s, false})
	}
	full := uint(1)<<(n+1) - 2 // bits 1..n
	val := make([]int, n*n)
	rowUsed, colUsed := make([]uint, n), make([]uint, n)
	cands := func(c int) uint {
		m := full &^ rowUsed[c/n] &^ colUsed[c%n]
		if g := in.Grid[c/n][c%n]; g > 0 {
			m &= 1 << g
		}
		for _, r := range rels[c] {
			w := val[r.other]
			if r.smaller && w > 0 {
				m &= 1<<w - 1 // below w
			} else if !r.smaller && w > 0 {
				m &^= 1<<(w+1) - 1 // above w
			}
		}
		return m
	}
	var found [][][]int
	var rec func(left int) bool
	rec = func(left int) bool {
		if left == 0 {
			g := make([][]int, n)
			for r := range n {
				g[r] = slices.Clone(val[r*n : (r+1)*n])
			}
			found = append(found, g)
			return len(found) >= limit
		}
		best, bestM, bestK := -1, uint(0), n+1
		for c := range n * n {
			if val[c] > 0 {
				continue
			}
			m := cands(c)
			if k := bits.OnesCount(m); k < bestK {
				best, bestM, bestK = c, m, k
				if k == 0 {
					return false
				}
			}
		}
		r, k := best/n, best%n
		for m := bestM; m > 0; m &= m - 1 {
			v := bits.TrailingZeros(m)
			val[best] = v
			rowUsed[r] |= 1 << v
			colUsed[k] |= 1 << v
			stop := rec(left - 1)
			rowUsed[r] &^= 1 << v
			colUsed[k] &^= 1 << v
			val[best] = 0
			if stop {
				return true
			}
		}
		return false
	}
	rec(n * n)
	return found
}

func generateFutoshiki(rng *rand.Rand, level int) (Futoshiki, error) {
	n := exByLevel(level, 4, 5, 6)
	// A random Latin square: a cyclic one with rows, columns and symbols
	// shuffled.
	rows, cols, syms := rng.Perm(n), rng.Perm(n), rng.Perm(n)
	sol := make([][]int, n)
	for r := range n {
		sol[r] = make([]int, n)
		for c := range n {
			sol[r][c] = syms[(rows[r]+cols[c])%n] + 1
		}
	}
	in := Futoshiki{Size: n, Grid: make([][]int, n)}
	for r := range n {
		in.Grid[r] = make([]int, n)
	}
	ineq := func(a, b [2]int) Inequality {
		if sol[a[0]-1][a[1]-1] < sol[b[0]-1][b[1]-1] {
			return Inequality{Smaller: a, Larger: b}
		}
		return Inequality{Smaller: b, Larger: a}
	}
	var pairs [][2][2]int
	for r := 1; r <= n; r++ {
		for c := 1; c <= n; c++ {
			if c < n {
				pairs = append(pairs, [2][2]int{{r, c}, {r, c + 1}})
			}
			if r < n {
				pairs = append(pairs, [2][2]int{{r, c}, {r + 1, c}})
			}
		}
	}
	rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	used := map[[2][2]int]bool{}
	for _, p := range pairs[:len(pairs)/4] {
		in.Inequalities = append(in.Inequalities, ineq(p[0], p[1]))
		used[p] = true
	}
	for range n / 2 {
		r, c := rng.IntN(n), rng.IntN(n)
		in.Grid[r][c] = sol[r][c]
	}
	// Add clues that rule out a second solution until the planted one is
	// the only one: an inequality it breaks if there is one, else a number.
	for range 4 * n * n {
		other := futoshikiOther(in, sol)
		if other == nil {
			break
		}
		added := false
		for _, p := range pairs {
			a, b := p[0], p[1]
			if used[p] {
				continue
			}
			if (other[a[0]-1][a[1]-1] < other[b[0]-1][b[1]-1]) != (sol[a[0]-1][a[1]-1] < sol[b[0]-1][b[1]-1]) && rng.IntN(3) > 0 {
				in.Inequalities = append(in.Inequalities, ineq(a, b))
				used[p], added = true, true
				break
			}
		}
		if !added {
			var diff [][2]int
			for r := range n {
				for c := range n {
					if other[r][c] != sol[r][c] {
						diff = append(diff, [2]int{r, c})
					}
				}
			}
			d := exPick(rng, diff)
			in.Grid[d[0]][d[1]] = sol[d[0]][d[1]]
		}
	}
	slices.SortFunc(in.Inequalities, futoshikiCmp)
	return in, nil
}

// futoshikiOther returns a solution other than sol, or nil when sol is
// the only one.
func futoshikiOther(in Futoshiki, sol [][]int) [][]int {
	for _, s := range futoshikiFind(in, 2) {
		if !slices.EqualFunc(s, sol, slices.Equal[[]int]) {
			return s
		}
	}
	return nil
}

// futoshikiCmp orders inequalities as the prompt lists them: by the upper
// or left cell, horizontal before vertical.
func futoshikiCmp(a, b Inequality) int {
	ka, kb := futoshikiKey(a), futoshikiKey(b)
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] - kb[i]
		}
	}
	return 0
}

func futoshikiKey(q Inequality) [3]int {
	a, b := q.Smaller, q.Larger
	if b[0] < a[0] || b[1] < a[1] {
		a = b
	}
	vertical := 0
	if q.Smaller[0] != q.Larger[0] {
		vertical = 1
	}
	return [3]int{a[0], vertical, a[1]}
}

// futoshikiLines draws the grid: numbers (or _) every 4 columns with <
// or > between horizontal neighbours, and between rows a line with ^ (the
// upper cell is smaller) or v (the upper cell is larger) under the cells.
func futoshikiLines(in Futoshiki) []string {
	n := in.Size
	width := 4*n - 3
	rows := make([][]byte, 2*n-1)
	for i := range rows {
		rows[i] = []byte(strings.Repeat(" ", width))
		if i%2 == 1 {
			for c := range n {
				rows[i][4*c] = '.'
			}
		}
	}
	for r := range n {
		for c := range n {
			ch := byte('_')
			if v := in.Grid[r][c]; v > 0 {
				ch = byte('0' + v)
			}
			rows[2*r][4*c] = ch
		}
	}
	for _, q := range in.Inequalities {
		s, l := q.Smaller, q.Larger
		if s[0] == l[0] { // horizontal
			c := min(s[1], l[1]) - 1
			sign := byte('<')
			if s[1] > l[1] {
				sign = '>'
			}
			rows[2*(s[0]-1)][4*c+2] = sign
		} else {
			r := min(s[0], l[0]) - 1
			sign := byte('^')
			if s[0] > l[0] {
				sign = 'v'
			}
			rows[2*r+1][4*(s[1]-1)] = sign
		}
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return out
}

const futoshikiHeader = "Grid:"

func promptFutoshiki(in Futoshiki) string {
	n := in.Size
	var b strings.Builder
	fmt.Fprintf(&b, "Fill the %d×%d grid with the numbers 1 to %d so that each row and each column contains every number exactly once. ", n, n, n)
	b.WriteString("Numbers already given must stay. '_' is an empty cell. Between two cells of a row, '<' or '>' says which of them is smaller. " +
		"On the line between two rows, '^' under a cell means that cell is smaller than the cell below it, 'v' means it is larger, and '.' means no constraint.\n\n")
	b.WriteString(futoshikiHeader + "\n")
	b.WriteString(strings.Join(futoshikiLines(in), "\n"))
	fmt.Fprintf(&b, "\n\nGive the filled grid: %d lines of %d numbers separated by spaces. If it cannot be filled, answer \"no solution\".\n", n, n)
	return b.String()
}

func parseFutoshiki(prompt string) (Futoshiki, error) {
	var in Futoshiki
	lines, err := exBlockAfter(prompt, futoshikiHeader)
	if err != nil {
		return in, err
	}
	if len(lines)%2 == 0 || len(lines) > 17 {
		return in, fmt.Errorf("grid: %d lines, want 2n-1 for n up to 9", len(lines))
	}
	n := (len(lines) + 1) / 2
	in.Size = n
	in.Grid = make([][]int, n)
	at := func(line string, k int) byte {
		if k < len(line) {
			return line[k]
		}
		return ' '
	}
	for r := range n {
		line := lines[2*r]
		in.Grid[r] = make([]int, n)
		for c := range n {
			switch ch := at(line, 4*c); {
			case ch == '_':
			case ch >= '1' && ch <= '9':
				in.Grid[r][c] = int(ch - '0')
			default:
				return in, fmt.Errorf("grid: row %d, column %d: cannot read %q", r+1, c+1, ch)
			}
			if c+1 < n {
				switch at(line, 4*c+2) {
				case '<':
					in.Inequalities = append(in.Inequalities, Inequality{Smaller: [2]int{r + 1, c + 1}, Larger: [2]int{r + 1, c + 2}})
				case '>':
					in.Inequalities = append(in.Inequalities, Inequality{Smaller: [2]int{r + 1, c + 2}, Larger: [2]int{r + 1, c + 1}})
				case ' ':
				default:
					return in, fmt.Errorf("grid: row %d: cannot read the sign after column %d", r+1, c+1)
				}
			}
		}
		if r+1 < n {
			below := lines[2*r+1]
			for c := range n {
				switch at(below, 4*c) {
				case '^':
					in.Inequalities = append(in.Inequalities, Inequality{Smaller: [2]int{r + 1, c + 1}, Larger: [2]int{r + 2, c + 1}})
				case 'v':
					in.Inequalities = append(in.Inequalities, Inequality{Smaller: [2]int{r + 2, c + 1}, Larger: [2]int{r + 1, c + 1}})
				case '.', ' ':
				default:
					return in, fmt.Errorf("grid: between rows %d and %d: cannot read the sign in column %d", r+1, r+2, c+1)
				}
			}
		}
	}
	slices.SortFunc(in.Inequalities, futoshikiCmp)
	return in, validateFutoshiki(in)
}

func verifyFutoshiki(in Futoshiki, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		sols, err := futoshikiSolve(context.Background(), in, 1)
		if err != nil {
			return Reject("cannot check: %v", err)
		}
		if len(sols) > 0 {
			return Reject("the grid can be filled")
		}
		return Accept()
	}
	n := in.Size
	g, msg := exAnswerMatrix(answer, n, n)
	if msg != "" {
		return Reject("%s", msg)
	}
	for r := range n {
		for c := range n {
			if g[r][c] < 1 || g[r][c] > n {
				return Reject("row %d, column %d holds %d, outside 1..%d", r+1, c+1, g[r][c], n)
			}
			if v := in.Grid[r][c]; v > 0 && g[r][c] != v {
				return Reject("row %d, column %d must keep the given %d", r+1, c+1, v)
			}
		}
	}
	for i := range n {
		row, col := map[int]bool{}, map[int]bool{}
		for k := range n {
			if row[g[i][k]] {
				return Reject("row %d holds %d twice", i+1, g[i][k])
			}
			if col[g[k][i]] {
				return Reject("column %d holds %d twice", i+1, g[k][i])
			}
			row[g[i][k]], col[g[k][i]] = true, true
		}
	}
	for _, q := range in.Inequalities {
		s, l := g[q.Smaller[0]-1][q.Smaller[1]-1], g[q.Larger[0]-1][q.Larger[1]-1]
		if s >= l {
			return Reject("(%d,%d) = %d must be smaller than (%d,%d) = %d", q.Smaller[0], q.Smaller[1], s, q.Larger[0], q.Larger[1], l)
		}
	}
	return Accept()
}
