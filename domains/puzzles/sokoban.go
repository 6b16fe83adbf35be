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

// Sokoban is an instance of sokoban, in the usual text notation.
type Sokoban struct {
	Grid []string `json:"grid" jsonschema:"the rows of the level: '#' wall, '-' floor (also ' ' or '_'), '@' player, '$' box, '.' goal, '*' box on a goal, '+' player on a goal"`
}

func sokobanSpec() Spec[Sokoban] {
	return Spec[Sokoban]{
		Name:        "sokoban",
		Family:      "planning",
		Description: "Push every box onto a goal square with the fewest player moves (A* over player and box positions).",
		Generate:    sokobanGenerate,
		Prompt:      sokobanPrompt,
		Parse:       sokobanParse,
		Validate:    sokobanValidate,
		Solve:       sokobanSolve,
		Verify:      sokobanVerify,
	}
}

const (
	sokobanMaxSide  = 20
	sokobanMaxBoxes = 8
	sokobanCells    = "#-_ @$.*+"
)

func sokobanValidate(in Sokoban) error {
	rows := len(in.Grid)
	if rows < 1 || rows > sokobanMaxSide {
		return fmt.Errorf("grid: want 1 to %d rows, got %d", sokobanMaxSide, rows)
	}
	players, boxes, goals := 0, 0, 0
	for r, row := range in.Grid {
		if len(row) > sokobanMaxSide {
			return fmt.Errorf("grid[%d]: longer than %d cells", r, sokobanMaxSide)
		}
		if strings.Trim(row, sokobanCells) != "" {
			return fmt.Errorf("grid[%d]: %q: want only the characters %q", r, row, sokobanCells)
		}
		players += strings.Count(row, "@") + strings.Count(row, "+")
		boxes += strings.Count(row, "$") + strings.Count(row, "*")
		goals += strings.Count(row, ".") + strings.Count(row, "*") + strings.Count(row, "+")
	}
	switch {
	case players != 1:
		return fmt.Errorf("grid: want one player ('@' or '+'), found %d", players)
	case boxes < 1 || boxes > sokobanMaxBoxes:
		return fmt.Errorf("grid: want 1 to %d boxes, found %d", sokobanMaxBoxes, boxes)
	case goals != boxes:
		return fmt.Errorf("grid: %d boxes but %d goals: want as many of each", boxes, goals)
	}
	return nil
}

// sokobanLevel is a level decoded into cell indices on a rectangle.
type sokobanLevel struct {
	rows, cols int
	wall, goal []bool
	player     int
	boxes      []int
}

func sokobanDecode(in Sokoban) sokobanLevel {
	lv := sokobanLevel{rows: len(in.Grid)}
	for _, row := range in.Grid {
		lv.cols = max(lv.cols, len(row))
	}
	n := lv.rows * lv.cols
	lv.wall, lv.goal = make([]bool, n), make([]bool, n)
	for r := range lv.rows {
		for c := range lv.cols {
			i := r*lv.cols + c
			ch := byte('#') // short rows are padded with wall
			if c < len(in.Grid[r]) {
				ch = in.Grid[r][c]
			}
			switch ch {
			case '#':
				lv.wall[i] = true
			case '@':
				lv.player = i
			case '+':
				lv.player, lv.goal[i] = i, true
			case '$':
				lv.boxes = append(lv.boxes, i)
			case '*':
				lv.boxes, lv.goal[i] = append(lv.boxes, i), true
			case '.':
				lv.goal[i] = true
			}
		}
	}
	return lv
}

// step returns the neighbour of cell i in direction d, or -1 off the board.
func (lv *sokobanLevel) step(i int, d int) int {
	r, c := i/lv.cols+mazeDirs[d].dr, i%lv.cols+mazeDirs[d].dc
	if r < 0 || r >= lv.rows || c < 0 || c >= lv.cols {
		return -1
	}
	return r*lv.cols + c
}

func (lv *sokobanLevel) free(i int) bool { return i >= 0 && !lv.wall[i] }

// live marks the cells from which a lone box can still be pushed to some
// goal: those reached from the goals by pulls. A box on any other cell
// can never be delivered, so such states are pruned (exactly).
func (lv *sokobanLevel) live() []bool {
	live := make([]bool, len(lv.wall))
	var queue []int
	for i, g := range lv.goal {
		if g && !lv.wall[i] {
			live[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for d := range 4 {
			// Pull: the player stands at j = i+d and steps to j+d, dragging
			// the box from i to j.
			j := lv.step(i, d)
			if !lv.free(j) || live[j] || !lv.free(lv.step(j, d)) {
				continue
			}
			live[j] = true
			queue = append(queue, j)
		}
	}
	return live
}

// sokobanState is the player's cell then the sorted box cells, one byte
// each (levels have at most 20×20 = 400 cells, so two bytes per cell).
type sokobanState string

func sokobanKey(player int, boxes []int) sokobanState {
	b := make([]byte, 0, 2+2*len(boxes))
	b = append(b, byte(player>>8), byte(player))
	for _, x := range boxes {
		b = append(b, byte(x>>8), byte(x))
	}
	return sokobanState(b)
}

func sokobanUnkey(s sokobanState) (int, []int) {
	player := int(s[0])<<8 | int(s[1])
	boxes := make([]int, 0, len(s)/2-1)
	for i := 2; i+1 < len(s); i += 2 {
		boxes = append(boxes, int(s[i])<<8|int(s[i+1]))
	}
	return player, boxes
}

func sokobanSearch(ctx context.Context, in Sokoban) (string, bool, error) {
	lv := sokobanDecode(in)
	live := lv.live()
	boxes := slices.Clone(lv.boxes)
	slices.Sort(boxes)
	for _, b := range boxes {
		if !live[b] {
			return "", false, nil
		}
	}
	// dist[i] is the fewest pushes that bring a lone box from i to the
	// nearest goal; the sum over the boxes bounds the moves left, and one
	// move changes at most one box by one cell, so it is consistent.
	dist := lv.pushDistances()
	moves, found, err := planSearch(ctx, planProblem[sokobanState]{
		start: sokobanKey(lv.player, boxes),
		isGoal: func(s sokobanState) bool {
			_, bs := sokobanUnkey(s)
			for _, b := range bs {
				if !lv.goal[b] {
					return false
				}
			}
			return true
		},
		h: func(s sokobanState) int {
			_, bs := sokobanUnkey(s)
			t := 0
			for _, b := range bs {
				t += dist[b]
			}
			return t
		},
		expand: func(s sokobanState, emit func(int, sokobanState)) {
			p, bs := sokobanUnkey(s)
			for d := range 4 {
				q := lv.step(p, d)
				if !lv.free(q) {
					continue
				}
				k, isBox := slices.BinarySearch(bs, q)
				if !isBox {
					emit(d, sokobanKey(q, bs))
					continue
				}
				t := lv.step(q, d)
				if !lv.free(t) || !live[t] {
					continue
				}
				if _, blocked := slices.BinarySearch(bs, t); blocked {
					continue
				}
				nb := slices.Clone(bs)
				nb[k] = t
				slices.Sort(nb)
				emit(d, sokobanKey(q, nb))
			}
		},
	})
	if err != nil || !found {
		return "", found, err
	}
	out := make([]byte, len(moves))
	for i, d := range moves {
		out[i] = mazeDirs[d].letter
	}
	return string(out), true, nil
}

// pushDistances is, for every cell, the fewest pushes that bring a lone
// box there to a goal (a large number when none can).
func (lv *sokobanLevel) pushDistances() []int {
	const far = 1 << 20
	dist := make([]int, len(lv.wall))
	var queue []int
	for i := range dist {
		dist[i] = far
		if lv.goal[i] && !lv.wall[i] {
			dist[i] = 0
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for d := range 4 {
			j := lv.step(i, d)
			if !lv.free(j) || !lv.free(lv.step(j, d)) || dist[j] <= dist[i]+1 {
				continue
			}
			dist[j] = dist[i] + 1
			queue = append(queue, j)
		}
	}
	return dist
}

func sokobanSolve(ctx context.Context, in Sokoban) (Solution, error) {
	moves, found, err := sokobanSearch(ctx, in)
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: sokoban: %w", err)
	}
	if !found {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	return Solution{Answer: moves, Structured: PathSolution{Moves: moves, Length: len(moves)}}, nil
}

// sokobanPlay plays moves and reports whether every box ends on a goal.
func sokobanPlay(in Sokoban, moves string) error {
	lv := sokobanDecode(in)
	box := map[int]bool{}
	for _, b := range lv.boxes {
		box[b] = true
	}
	p := lv.player
	for i := range len(moves) {
		d := strings.IndexByte("UDLR", moves[i])
		q := lv.step(p, d)
		if !lv.free(q) {
			return fmt.Errorf("move %d (%c) walks into a wall", i+1, moves[i])
		}
		if box[q] {
			t := lv.step(q, d)
			if !lv.free(t) || box[t] {
				return fmt.Errorf("move %d (%c) pushes a box into a wall or another box", i+1, moves[i])
			}
			delete(box, q)
			box[t] = true
		}
		p = q
	}
	left := 0
	for b := range box {
		if !lv.goal[b] {
			left++
		}
	}
	if left > 0 {
		return fmt.Errorf("after the %d moves %d box(es) are not on a goal", len(moves), left)
	}
	return nil
}

func sokobanVerify(in Sokoban, answer string) Verdict {
	return planVerify(answer, func(ctx context.Context) (int, bool, error) {
		moves, found, err := sokobanSearch(ctx, in)
		return len(moves), found, err
	}, func() (int, error) {
		moves, err := readUDLR(answer)
		if err != nil {
			return 0, err
		}
		if err := sokobanPlay(in, moves); err != nil {
			return 0, err
		}
		return len(moves), nil
	})
}

// sokobanGenerate builds a walled room with a few inner walls, puts the
// boxes on their goals and plays random moves backwards (walking and
// pulling boxes), so the level is solvable by construction; the solver
// then finds its optimum.
func sokobanGenerate(rng *rand.Rand, level int) (Sokoban, error) {
	h, w, nb := 4, 4, 1
	switch level {
	case Medium:
		h, w, nb = 5, 5, 2
	case Hard:
		h, w, nb = 5, 6, 2+rng.IntN(2)
	}
	for {
		rows, cols := h+2, w+2
		lv := sokobanLevel{rows: rows, cols: cols, wall: make([]bool, rows*cols), goal: make([]bool, rows*cols)}
		for i := range lv.wall {
			r, c := i/cols, i%cols
			lv.wall[i] = r == 0 || c == 0 || r == rows-1 || c == cols-1
		}
		for range level + rng.IntN(2) {
			lv.wall[(1+rng.IntN(h))*cols+1+rng.IntN(w)] = true
		}
		var floor []int
		for i, wl := range lv.wall {
			if !wl {
				floor = append(floor, i)
			}
		}
		if len(floor) < nb+3 {
			continue
		}
		pick := rng.Perm(len(floor))
		box := map[int]bool{}
		for _, k := range pick[:nb] {
			lv.goal[floor[k]] = true
			box[floor[k]] = true
		}
		p := floor[pick[nb]]
		for range 40 * level {
			d := rng.IntN(4)
			q := lv.step(p, d)
			if !lv.free(q) || box[q] {
				continue
			}
			// Pull the box behind the player along, half of the time.
			if behind := lv.step(p, d^1); behind >= 0 && box[behind] && rng.IntN(2) == 0 {
				delete(box, behind)
				box[p] = true
			}
			p = q
		}
		onGoal := 0
		for b := range box {
			if lv.goal[b] {
				onGoal++
			}
		}
		if onGoal == nb {
			continue
		}
		grid := make([]string, rows)
		for r := range rows {
			row := make([]byte, cols)
			for c := range cols {
				i := r*cols + c
				switch {
				case lv.wall[i]:
					row[c] = '#'
				case i == p && lv.goal[i]:
					row[c] = '+'
				case i == p:
					row[c] = '@'
				case box[i] && lv.goal[i]:
					row[c] = '*'
				case box[i]:
					row[c] = '$'
				case lv.goal[i]:
					row[c] = '.'
				default:
					row[c] = '-'
				}
			}
			grid[r] = string(row)
		}
		return Sokoban{Grid: grid}, nil
	}
}

func sokobanPrompt(in Sokoban) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sokoban level with %d rows:\n\n", len(in.Grid))
	b.WriteString(strings.Join(in.Grid, "\n"))
	b.WriteString("\n\n'#' is a wall, '-' floor, '@' you, '$' a box, '.' a goal, '*' a box on a goal, '+' you on a goal. ")
	b.WriteString("Each move steps up, down, left or right; stepping into a box pushes it one cell if the cell behind it is free. ")
	b.WriteString("Boxes cannot be pulled. Put every box on a goal with as few moves as possible.\n")
	b.WriteString("Answer with the moves as one string of the letters U, D, L and R (e.g. LLURD), or \"no solution\" if it cannot be done.")
	return b.String()
}

var sokobanHeadRE = regexp.MustCompile(`Sokoban level with (\d+) rows:\n\n`)

func sokobanParse(prompt string) (Sokoban, error) {
	m := sokobanHeadRE.FindStringSubmatchIndex(prompt)
	if m == nil {
		return Sokoban{}, errors.New(`no "Sokoban level with N rows:" line`)
	}
	rows, err := strconv.Atoi(prompt[m[2]:m[3]])
	if err != nil || rows < 1 || rows > sokobanMaxSide {
		return Sokoban{}, fmt.Errorf("row count %q is outside 1..%d", prompt[m[2]:m[3]], sokobanMaxSide)
	}
	lines := strings.Split(prompt[m[1]:], "\n")
	if len(lines) < rows {
		return Sokoban{}, fmt.Errorf("want %d rows, found %d lines", rows, len(lines))
	}
	grid := make([]string, rows)
	for i := range rows {
		line := strings.TrimRight(lines[i], "\r")
		if line == "" || strings.Trim(line, sokobanCells) != "" {
			return Sokoban{}, fmt.Errorf("row %d: %q is not a row of the level", i+1, line)
		}
		grid[i] = line
	}
	return Sokoban{Grid: grid}, nil
}
