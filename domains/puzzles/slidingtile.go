package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// SlidingTile is an instance of sliding_tile: the 8-puzzle (or a smaller
// board) with a start and a goal board.
type SlidingTile struct {
	Grid [][]int `json:"grid" jsonschema:"the start board, rows top to bottom; 0 is the blank and the tiles are 1 … rows·cols-1"`
	Goal [][]int `json:"goal" jsonschema:"the goal board in the same form"`
}

// TilesSolution is the structured answer of sliding_tile: the tiles slid
// into the blank, in order.
type TilesSolution struct {
	Tiles  []int `json:"tiles"`
	Length int   `json:"length"`
}

func slidingSpec() Spec[SlidingTile] {
	return Spec[SlidingTile]{
		Name:        "sliding_tile",
		Family:      "planning",
		Description: "Slide tiles into the blank to turn the start board of the 8-puzzle into the goal in the fewest moves (A*).",
		Generate:    slidingGenerate,
		Prompt:      slidingPrompt,
		Parse:       slidingParse,
		Validate:    slidingValidate,
		Solve:       slidingSolve,
		Verify:      slidingVerify,
	}
}

func slidingValidate(in SlidingTile) error {
	rows := len(in.Grid)
	if rows < 2 || rows > 4 {
		return fmt.Errorf("grid: want 2 to 4 rows, got %d", rows)
	}
	cols := len(in.Grid[0])
	if cols < 2 || rows*cols > 9 {
		return fmt.Errorf("grid: a %d×%d board: want at least 2 columns and at most 9 cells", rows, cols)
	}
	if len(in.Goal) != rows {
		return fmt.Errorf("goal: want %d rows like grid, got %d", rows, len(in.Goal))
	}
	for _, b := range []struct {
		name string
		g    [][]int
	}{{"grid", in.Grid}, {"goal", in.Goal}} {
		seen := make([]bool, rows*cols)
		for r, row := range b.g {
			if len(row) != cols {
				return fmt.Errorf("%s[%d]: want %d cells, got %d", b.name, r, cols, len(row))
			}
			for c, v := range row {
				if v < 0 || v >= rows*cols {
					return fmt.Errorf("%s[%d][%d]: %d is outside 0..%d", b.name, r, c, v, rows*cols-1)
				}
				if seen[v] {
					return fmt.Errorf("%s[%d][%d]: %d appears twice", b.name, r, c, v)
				}
				seen[v] = true
			}
		}
	}
	return nil
}

type slidingBoard [9]int8

func slidingFlat(g [][]int) slidingBoard {
	var b slidingBoard
	for i := range b {
		b[i] = -1
	}
	cols := len(g[0])
	for r, row := range g {
		for c, v := range row {
			b[r*cols+c] = int8(v)
		}
	}
	return b
}

// slidingSolvable compares the parity of the permutation taking start to
// goal with the parity of the blank's taxicab distance: on a rectangular
// board the goal is reachable exactly when they agree.
func slidingSolvable(in SlidingTile) bool {
	rows, cols := len(in.Grid), len(in.Grid[0])
	n := rows * cols
	start, goal := slidingFlat(in.Grid), slidingFlat(in.Goal)
	where := make([]int, n)
	for i := range n {
		where[goal[i]] = i
	}
	perm := make([]int, n)
	for i := range n {
		perm[i] = where[start[i]]
	}
	parity := 0
	seen := make([]bool, n)
	for i := range n {
		if seen[i] {
			continue
		}
		length := 0
		for j := i; !seen[j]; j = perm[j] {
			seen[j] = true
			length++
		}
		parity += length - 1
	}
	b0, b1 := slices.Index(start[:n], 0), slices.Index(goal[:n], 0)
	dist := absInt(b0/cols-b1/cols) + absInt(b0%cols-b1%cols)
	return parity%2 == dist%2
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// slidingSearch returns a shortest list of tiles to slide.
func slidingSearch(ctx context.Context, in SlidingTile) ([]int, bool, error) {
	if !slidingSolvable(in) {
		return nil, false, nil
	}
	rows, cols := len(in.Grid), len(in.Grid[0])
	n := rows * cols
	start, goal := slidingFlat(in.Grid), slidingFlat(in.Goal)
	goalAt := make([]int, n)
	for i := range n {
		goalAt[goal[i]] = i
	}
	moves, found, err := planSearch(ctx, planProblem[slidingBoard]{
		start:  start,
		isGoal: func(b slidingBoard) bool { return b == goal },
		// Manhattan distance of the tiles (not the blank): consistent.
		h: func(b slidingBoard) int {
			d := 0
			for i := range n {
				if t := b[i]; t > 0 {
					g := goalAt[t]
					d += absInt(i/cols-g/cols) + absInt(i%cols-g%cols)
				}
			}
			return d
		},
		expand: func(b slidingBoard, emit func(int, slidingBoard)) {
			z := slices.Index(b[:n], 0)
			r, c := z/cols, z%cols
			for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
				rr, cc := r+d[0], c+d[1]
				if rr < 0 || rr >= rows || cc < 0 || cc >= cols {
					continue
				}
				t := rr*cols + cc
				next := b
				next[z], next[t] = b[t], 0
				emit(int(b[t]), next)
			}
		},
	})
	return moves, found, err
}

func slidingSolve(ctx context.Context, in SlidingTile) (Solution, error) {
	tiles, found, err := slidingSearch(ctx, in)
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: sliding_tile: %w", err)
	}
	if !found {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	if tiles == nil {
		tiles = []int{}
	}
	return Solution{Answer: intsString(tiles), Structured: TilesSolution{Tiles: tiles, Length: len(tiles)}}, nil
}

func slidingVerify(in SlidingTile, answer string) Verdict {
	return planVerify(answer, func(ctx context.Context) (int, bool, error) {
		tiles, found, err := slidingSearch(ctx, in)
		return len(tiles), found, err
	}, func() (int, error) {
		s := StripAnswer(answer)
		tiles, err := AnswerInts(s)
		if err != nil {
			return 0, err
		}
		if len(tiles) == 0 && strings.TrimSpace(s) != "" {
			return 0, errors.New("no tile numbers in the answer")
		}
		rows, cols := len(in.Grid), len(in.Grid[0])
		n := rows * cols
		b := slidingFlat(in.Grid)
		for i, t := range tiles {
			if t < 1 || t >= n {
				return 0, fmt.Errorf("move %d slides tile %d, which is not on the board", i+1, t)
			}
			z, at := slices.Index(b[:n], 0), slices.Index(b[:n], int8(t))
			if absInt(z/cols-at/cols)+absInt(z%cols-at%cols) != 1 {
				return 0, fmt.Errorf("move %d slides tile %d, which is not next to the blank", i+1, t)
			}
			b[z], b[at] = int8(t), 0
		}
		if b != slidingFlat(in.Goal) {
			return 0, fmt.Errorf("after the %d moves the board is not the goal", len(tiles))
		}
		return len(tiles), nil
	})
}

func slidingGoal(rows, cols int) [][]int {
	g := make([][]int, rows)
	for r := range g {
		g[r] = make([]int, cols)
		for c := range g[r] {
			g[r][c] = (r*cols + c + 1) % (rows * cols)
		}
	}
	return g
}

func slidingGenerate(rng *rand.Rand, level int) (SlidingTile, error) {
	rows, cols := 3, 3
	if level == Easy && rng.IntN(2) == 0 {
		rows = 2
	}
	goal := slidingGoal(rows, cols)
	n := rows * cols
	var b []int
	switch level {
	case Hard:
		b = rng.Perm(n) // uniform: half of them have no solution
		if rng.IntN(3) > 0 {
			in := SlidingTile{Grid: slidingRows(b, cols), Goal: goal}
			if !slidingSolvable(in) {
				i, j := 0, 1 // swapping two tiles flips the parity
				if b[i] == 0 || b[j] == 0 {
					i, j = n-2, n-1
				}
				b[i], b[j] = b[j], b[i]
			}
		}
	default:
		// A random walk from the goal that never steps straight back.
		b = make([]int, 0, n)
		for _, row := range goal {
			b = append(b, row...)
		}
		steps := 6 + rng.IntN(6)
		if level == Medium {
			steps = 14 + rng.IntN(10)
		}
		z, prev := n-1, -1
		for range steps {
			var opts []int
			r, c := z/cols, z%cols
			for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
				rr, cc := r+d[0], c+d[1]
				if t := rr*cols + cc; rr >= 0 && rr < rows && cc >= 0 && cc < cols && t != prev {
					opts = append(opts, t)
				}
			}
			t := opts[rng.IntN(len(opts))]
			b[z], b[t] = b[t], 0
			prev, z = z, t
		}
	}
	in := SlidingTile{Grid: slidingRows(b, cols), Goal: goal}
	if slidingFlat(in.Grid) == slidingFlat(in.Goal) {
		return slidingGenerate(rng, level)
	}
	return in, nil
}

func slidingRows(b []int, cols int) [][]int {
	var g [][]int
	for i := 0; i < len(b); i += cols {
		g = append(g, append([]int{}, b[i:i+cols]...))
	}
	return g
}

func slidingPrompt(in SlidingTile) string {
	rows, cols := len(in.Grid), len(in.Grid[0])
	var b strings.Builder
	fmt.Fprintf(&b, "Sliding puzzle on a %d×%d board; 0 is the blank. ", rows, cols)
	b.WriteString("A move slides a tile that is next to the blank (up, down, left or right) into it. Reach the goal board in as few moves as possible.\n")
	b.WriteString("Start:\n" + digitRows(in.Grid) + "\n")
	b.WriteString("Goal:\n" + digitRows(in.Goal) + "\n")
	b.WriteString("Answer with the numbers of the tiles you slide, in order, separated by commas, e.g. 5, 8, 6, or \"no solution\" if the goal cannot be reached.")
	return b.String()
}

var slidingHeadRE = regexp.MustCompile(`Sliding puzzle on a (\d+)×(\d+) board`)

func slidingParse(prompt string) (SlidingTile, error) {
	m := slidingHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return SlidingTile{}, errors.New(`no "Sliding puzzle on a R×C board" line`)
	}
	rows, _ := strconv.Atoi(m[1])
	cols, _ := strconv.Atoi(m[2])
	if rows < 1 || rows > 9 || cols < 1 || cols > 9 {
		return SlidingTile{}, fmt.Errorf("board %s×%s is too large", m[1], m[2])
	}
	read := func(label string) ([][]int, error) {
		i := strings.Index(prompt, "\n"+label+"\n")
		if i < 0 {
			return nil, fmt.Errorf("no %q section", label)
		}
		lines := strings.Split(prompt[i+len(label)+2:], "\n")
		if len(lines) < rows {
			return nil, fmt.Errorf("%s: want %d rows", label, rows)
		}
		g := make([][]int, rows)
		for r := range rows {
			row, err := promptIntList(lines[r])
			if err != nil || len(row) != cols {
				return nil, fmt.Errorf("%s row %d: want %d numbers", label, r+1, cols)
			}
			g[r] = row
		}
		return g, nil
	}
	grid, err := read("Start:")
	if err != nil {
		return SlidingTile{}, err
	}
	goal, err := read("Goal:")
	if err != nil {
		return SlidingTile{}, err
	}
	return SlidingTile{Grid: grid, Goal: goal}, nil
}
