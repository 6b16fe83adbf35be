package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/graph"
)

// Maze is an instance of maze: a grid with walls, a start and a goal.
type Maze struct {
	Grid []string `json:"grid" jsonschema:"the rows of the maze: '#' wall, '.' open, 'S' start, 'G' goal (one each)"`
}

// PathSolution is the structured answer of maze and sokoban: the moves as
// a string of U, D, L, R.
type PathSolution struct {
	Moves  string `json:"moves"`
	Length int    `json:"length"`
}

func mazeSpec() Spec[Maze] {
	return Spec[Maze]{
		Name:        "maze",
		Family:      "planning",
		Description: "Find a shortest path from S to G through a grid maze (graph shortest path).",
		Generate:    mazeGenerate,
		Prompt:      mazePrompt,
		Parse:       mazeParse,
		Validate:    mazeValidate,
		Solve:       mazeSolve,
		Verify:      mazeVerify,
	}
}

const mazeMax = 60

func mazeValidate(in Maze) error {
	rows := len(in.Grid)
	if rows < 1 || rows > mazeMax {
		return fmt.Errorf("grid: want 1 to %d rows, got %d", mazeMax, rows)
	}
	cols := len(in.Grid[0])
	starts, goals := 0, 0
	for r, row := range in.Grid {
		if len(row) != cols || cols > mazeMax {
			return fmt.Errorf("grid[%d]: want %d cells like the first row (at most %d), got %d", r, cols, mazeMax, len(row))
		}
		if strings.Trim(row, "#.SG") != "" {
			return fmt.Errorf("grid[%d]: want only '#', '.', 'S' and 'G', got %q", r, row)
		}
		starts += strings.Count(row, "S")
		goals += strings.Count(row, "G")
	}
	if starts != 1 || goals != 1 {
		return fmt.Errorf("grid: want one S and one G, found %d and %d", starts, goals)
	}
	return nil
}

func mazeFind(grid []string, ch byte) (int, int) {
	for r, row := range grid {
		if c := strings.IndexByte(row, ch); c >= 0 {
			return r, c
		}
	}
	return -1, -1
}

var mazeDirs = []struct {
	letter byte
	dr, dc int
}{{'U', -1, 0}, {'D', 1, 0}, {'L', 0, -1}, {'R', 0, 1}}

// mazeShortest returns the moves of a shortest path, found with
// solvers/graph on the grid graph of open cells (A* with coordinates).
func mazeShortest(ctx context.Context, in Maze) (string, bool, error) {
	g := graph.New(false)
	node := func(r, c int) string { return strconv.Itoa(r) + "," + strconv.Itoa(c) }
	open := func(r, c int) bool {
		return r >= 0 && r < len(in.Grid) && c >= 0 && c < len(in.Grid[r]) && in.Grid[r][c] != '#'
	}
	for r, row := range in.Grid {
		for c := range len(row) {
			if !open(r, c) {
				continue
			}
			if _, err := g.AddNode(node(r, c)); err != nil {
				return "", false, err
			}
			if err := g.SetPos(node(r, c), float64(c), float64(r)); err != nil {
				return "", false, err
			}
			if open(r, c+1) {
				if err := g.AddEdge(node(r, c), node(r, c+1), 1); err != nil {
					return "", false, err
				}
			}
			if open(r+1, c) {
				if err := g.AddEdge(node(r, c), node(r+1, c), 1); err != nil {
					return "", false, err
				}
			}
		}
	}
	sr, sc := mazeFind(in.Grid, 'S')
	gr, gc := mazeFind(in.Grid, 'G')
	p, err := g.ShortestPath(ctx, node(sr, sc), node(gr, gc), graph.PathOptions{Algorithm: graph.AStar})
	if err != nil {
		return "", false, err
	}
	if !p.Reachable {
		return "", false, nil
	}
	var moves []byte
	pr, pc := sr, sc
	for _, name := range p.Nodes[1:] {
		r, c, _ := strings.Cut(name, ",")
		nr, _ := strconv.Atoi(r)
		nc, _ := strconv.Atoi(c)
		for _, d := range mazeDirs {
			if pr+d.dr == nr && pc+d.dc == nc {
				moves = append(moves, d.letter)
			}
		}
		pr, pc = nr, nc
	}
	return string(moves), true, nil
}

func mazeSolve(ctx context.Context, in Maze) (Solution, error) {
	moves, found, err := mazeShortest(ctx, in)
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: maze: %w", err)
	}
	if !found {
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	}
	return Solution{Answer: moves, Structured: PathSolution{Moves: moves, Length: len(moves)}}, nil
}

var (
	moveWordsRE = regexp.MustCompile(`(?i)\b(up|down|left|right|north|south|east|west)\b`)
	moveWordMap = map[string]string{"UP": "U", "DOWN": "D", "LEFT": "L", "RIGHT": "R", "NORTH": "U", "SOUTH": "D", "EAST": "R", "WEST": "L"}
)

// readUDLR reads a move string: letters U, D, L, R (any case) or the words
// up/down/left/right (or north/south/east/west), with any separators.
func readUDLR(answer string) (string, error) {
	s := moveWordsRE.ReplaceAllStringFunc(StripAnswer(answer), func(w string) string { return moveWordMap[strings.ToUpper(w)] })
	var out []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == 'U' || r == 'D' || r == 'L' || r == 'R':
			out = append(out, byte(r))
		case strings.ContainsRune(" \t\r\n,;|[](){}'\"`-→>", r):
		default:
			return "", fmt.Errorf("unexpected %q in the moves: want U, D, L and R", r)
		}
	}
	return string(out), nil
}

func mazeVerify(in Maze, answer string) Verdict {
	return planVerify(answer, func(ctx context.Context) (int, bool, error) {
		moves, found, err := mazeShortest(ctx, in)
		return len(moves), found, err
	}, func() (int, error) {
		moves, err := readUDLR(answer)
		if err != nil {
			return 0, err
		}
		r, c := mazeFind(in.Grid, 'S')
		for i := range len(moves) {
			for _, d := range mazeDirs {
				if d.letter == moves[i] {
					r, c = r+d.dr, c+d.dc
				}
			}
			if r < 0 || r >= len(in.Grid) || c < 0 || c >= len(in.Grid[r]) {
				return 0, fmt.Errorf("move %d (%c) leaves the maze", i+1, moves[i])
			}
			if in.Grid[r][c] == '#' {
				return 0, fmt.Errorf("move %d (%c) walks into the wall at row %d, column %d", i+1, moves[i], r+1, c+1)
			}
		}
		if in.Grid[r][c] != 'G' {
			return 0, fmt.Errorf("the path ends at row %d, column %d, not at G", r+1, c+1)
		}
		return len(moves), nil
	})
}

// mazeGenerate carves a perfect maze by a randomised depth-first walk on
// a cell lattice, then knocks out a few more walls so that several paths
// compete. Hard mazes sometimes wall the goal in (no solution).
func mazeGenerate(rng *rand.Rand, level int) (Maze, error) {
	h, w := 2+2*level+rng.IntN(2), 2+2*level+rng.IntN(2) // cells per side: 4–5, 6–7, 8–9
	rows, cols := 2*h+1, 2*w+1
	grid := make([][]byte, rows)
	for r := range grid {
		grid[r] = []byte(strings.Repeat("#", cols))
	}
	seen := make([]bool, h*w)
	var carve func(cell int)
	carve = func(cell int) {
		seen[cell] = true
		r, c := cell/w, cell%w
		grid[2*r+1][2*c+1] = '.'
		for _, k := range rng.Perm(4) {
			d := mazeDirs[k]
			nr, nc := r+d.dr, c+d.dc
			if nr < 0 || nr >= h || nc < 0 || nc >= w || seen[nr*w+nc] {
				continue
			}
			grid[2*r+1+d.dr][2*c+1+d.dc] = '.'
			carve(nr*w + nc)
		}
	}
	carve(rng.IntN(h * w))
	for range h * w / 4 {
		r, c := 1+rng.IntN(rows-2), 1+rng.IntN(cols-2)
		if (r+c)%2 == 1 { // a wall between two cells
			grid[r][c] = '.'
		}
	}
	s, g := rng.IntN(h*w), rng.IntN(h*w)
	for g == s {
		g = rng.IntN(h * w)
	}
	sr, sc, gr, gc := 2*(s/w)+1, 2*(s%w)+1, 2*(g/w)+1, 2*(g%w)+1
	grid[sr][sc], grid[gr][gc] = 'S', 'G'
	if level == Hard && rng.IntN(8) == 0 {
		for _, d := range mazeDirs {
			if r, c := gr+d.dr, gc+d.dc; grid[r][c] == '.' {
				grid[r][c] = '#'
			}
		}
	}
	in := Maze{Grid: make([]string, rows)}
	for r := range grid {
		in.Grid[r] = string(grid[r])
	}
	return in, nil
}

func mazePrompt(in Maze) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Find a shortest path through the %d×%d maze below from S to G. '#' is a wall and '.' an open cell; each step moves one cell up, down, left or right.\n\n",
		len(in.Grid), len(in.Grid[0]))
	b.WriteString(strings.Join(in.Grid, "\n"))
	b.WriteString("\n\nAnswer with the moves as one string of the letters U, D, L and R (e.g. RRDDL), or \"no solution\" if G cannot be reached.")
	return b.String()
}

var mazeHeadRE = regexp.MustCompile(`through the (\d+)×(\d+) maze below`)

func mazeParse(prompt string) (Maze, error) {
	m := mazeHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return Maze{}, errors.New(`no "through the R×C maze below" line`)
	}
	rows, _ := strconv.Atoi(m[1])
	cols, _ := strconv.Atoi(m[2])
	if rows < 1 || rows > mazeMax || cols < 1 || cols > mazeMax {
		return Maze{}, fmt.Errorf("maze size %s×%s is outside 1..%d", m[1], m[2], mazeMax)
	}
	grid := promptRows(prompt, rows, cols, "#.SG")
	if grid == nil {
		return Maze{}, fmt.Errorf("no %d×%d grid of '#', '.', 'S' and 'G'", rows, cols)
	}
	return Maze{Grid: grid}, nil
}

// promptRows finds rows consecutive lines of exactly cols characters from
// alphabet (spaces inside a line are kept, so alphabet may hold ' ').
func promptRows(prompt string, rows, cols int, alphabet string) []string {
	lines := strings.Split(prompt, "\n")
	for i := 0; i+rows <= len(lines); i++ {
		var grid []string
		for _, line := range lines[i : i+rows] {
			line = strings.TrimRight(line, "\r")
			if len(line) != cols || strings.Trim(line, alphabet) != "" {
				break
			}
			grid = append(grid, line)
		}
		if len(grid) == rows {
			return grid
		}
	}
	return nil
}
