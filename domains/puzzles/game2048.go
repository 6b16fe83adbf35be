package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Game2048 is a game_2048 instance: a square grid of tiles (0 = empty)
// and moves to apply in order, with no new tiles appearing.
type Game2048 struct {
	Grid  [][]int  `json:"grid" jsonschema:"square grid of tiles, 0 for an empty cell"`
	Moves []string `json:"moves" jsonschema:"moves in order: left, right, up or down"`
}

var game2048Moves = []string{"left", "right", "up", "down"}

func game2048Spec() Spec[Game2048] {
	return Spec[Game2048]{
		Name:        "game_2048",
		Family:      "execution",
		Description: "Apply a sequence of 2048 moves (slide and merge, no new tiles) to a grid and give the final grid.",
		Generate:    generate2048,
		Prompt:      prompt2048,
		Parse:       parse2048,
		Validate:    validate2048,
		Solve: func(_ context.Context, in Game2048) (Solution, error) {
			g := run2048(in)
			return Solution{Answer: exFormatMatrix(g), Structured: g}, nil
		},
		Verify: verify2048,
	}
}

func validate2048(in Game2048) error {
	if err := exCheckMatrix("grid", in.Grid, 10, 1<<30); err != nil {
		return err
	}
	if len(in.Grid) != len(in.Grid[0]) {
		return fmt.Errorf("grid: %d×%d is not square", len(in.Grid), len(in.Grid[0]))
	}
	for i, row := range in.Grid {
		for j, v := range row {
			if v < 0 {
				return fmt.Errorf("grid: entry (%d,%d) = %d is negative", i+1, j+1, v)
			}
		}
	}
	if len(in.Moves) == 0 || len(in.Moves) > 100 {
		return fmt.Errorf("moves: want 1 to 100 moves, got %d", len(in.Moves))
	}
	for i, m := range in.Moves {
		if !slices.Contains(game2048Moves, m) {
			return fmt.Errorf("moves[%d]: %q is not left, right, up or down", i, m)
		}
	}
	return nil
}

func generate2048(rng *rand.Rand, level int) (Game2048, error) {
	n := exByLevel(level, 3, 4, 5)
	moves := exByLevel(level, 2, 4, 7)
	tiles := []int{2, 2, 2, 4, 4, 8, 16}
	if level >= Hard {
		tiles = append(tiles, 32, 64)
	}
	g := make([][]int, n)
	for i := range g {
		g[i] = make([]int, n)
		for j := range g[i] {
			if rng.IntN(100) < 55 {
				g[i][j] = exPick(rng, tiles)
			}
		}
	}
	in := Game2048{Grid: g, Moves: make([]string, moves)}
	for i := range in.Moves {
		in.Moves[i] = exPick(rng, game2048Moves)
	}
	return in, nil
}

// slideLine slides a line towards index 0, merging equal neighbours once.
func slideLine(line []int) []int {
	out := make([]int, 0, len(line))
	merged := false
	for _, v := range line {
		if v == 0 {
			continue
		}
		if k := len(out); k > 0 && out[k-1] == v && !merged {
			out[k-1] += v
			merged = true
			continue
		}
		out = append(out, v)
		merged = false
	}
	for len(out) < len(line) {
		out = append(out, 0)
	}
	return out
}

// move2048 applies one move to g in place.
func move2048(g [][]int, dir string) {
	n := len(g)
	line := make([]int, n)
	for k := range n {
		// Read line k from the wall the tiles slide towards.
		for i := range n {
			switch dir {
			case "left":
				line[i] = g[k][i]
			case "right":
				line[i] = g[k][n-1-i]
			case "up":
				line[i] = g[i][k]
			case "down":
				line[i] = g[n-1-i][k]
			}
		}
		res := slideLine(line)
		for i := range n {
			switch dir {
			case "left":
				g[k][i] = res[i]
			case "right":
				g[k][n-1-i] = res[i]
			case "up":
				g[i][k] = res[i]
			case "down":
				g[n-1-i][k] = res[i]
			}
		}
	}
}

func run2048(in Game2048) [][]int {
	g := exCloneMatrix(in.Grid)
	for _, m := range in.Moves {
		move2048(g, m)
	}
	return g
}

func prompt2048(in Game2048) string {
	n := len(in.Grid)
	var b strings.Builder
	fmt.Fprintf(&b, "You are playing 2048 on a %d×%d grid, but no new tiles appear after a move.\n", n, n)
	b.WriteString("A move slides every tile as far as it goes in the move's direction. Two tiles of equal value that meet merge into one tile holding their sum; " +
		"a tile made by a merge does not merge again in the same move, and the tiles nearest the wall they slide towards merge first.\n\n")
	b.WriteString("Grid (0 = empty cell):\n")
	b.WriteString(exFormatMatrix(in.Grid))
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "Moves, in order: %s\n\n", strings.Join(in.Moves, ", "))
	fmt.Fprintf(&b, "Give the grid after all the moves: %d lines of %d numbers separated by spaces, 0 for an empty cell.\n", n, n)
	return b.String()
}

func parse2048(prompt string) (Game2048, error) {
	var in Game2048
	rows, err := exBlockAfter(prompt, "Grid (0 = empty cell):")
	if err != nil {
		return in, err
	}
	if in.Grid, err = exIntMatrix("grid", rows); err != nil {
		return in, err
	}
	moves, err := exLineAfter(prompt, "Moves, in order:")
	if err != nil {
		return in, err
	}
	for m := range strings.SplitSeq(moves, ",") {
		in.Moves = append(in.Moves, strings.ToLower(strings.TrimSpace(m)))
	}
	return in, validate2048(in)
}

func verify2048(in Game2048, answer string) Verdict {
	n := len(in.Grid)
	got, msg := exAnswerMatrix(answer, n, n)
	if msg != "" {
		return Reject("%s", msg)
	}
	if d := exDiffMatrix(got, run2048(in)); d != "" {
		return Reject("%s", d)
	}
	return Accept()
}
