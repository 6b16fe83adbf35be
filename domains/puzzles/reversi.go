package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
)

// Reversi is a reversi instance: a square board (rows of '.', 'B' for
// black and 'W' for white) and legal moves to play in order.
type Reversi struct {
	Board []string      `json:"board" jsonschema:"rows of the board: '.' empty, 'B' black, 'W' white"`
	Moves []ReversiMove `json:"moves" jsonschema:"moves to play in order"`
}

// ReversiMove places a disc of player (black or white) at row, col
// (1-based).
type ReversiMove struct {
	Player string `json:"player" jsonschema:"black or white"`
	Row    int    `json:"row" jsonschema:"1-based row"`
	Col    int    `json:"col" jsonschema:"1-based column"`
}

func reversiSpec() Spec[Reversi] {
	return Spec[Reversi]{
		Name:        "reversi",
		Family:      "execution",
		Description: "Play a sequence of reversi (Othello) moves on a board and give the final board.",
		Generate:    generateReversi,
		Prompt:      promptReversi,
		Parse:       parseReversi,
		Validate: func(in Reversi) error {
			_, err := playReversi(in)
			return err
		},
		Solve: func(_ context.Context, in Reversi) (Solution, error) {
			b, err := playReversi(in)
			if err != nil {
				return Solution{}, err
			}
			return Solution{Answer: strings.Join(b, "\n"), Structured: b}, nil
		},
		Verify: verifyReversi,
	}
}

var reversiDirs = [8][2]int{{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}}

func reversiDisc(player string) byte {
	if player == "black" {
		return 'B'
	}
	return 'W'
}

// reversiFlips returns the cells that a disc c at (r, k) would flip.
func reversiFlips(b [][]byte, r, k int, c byte) [][2]int {
	n := len(b)
	if b[r][k] != '.' {
		return nil
	}
	var out [][2]int
	for _, d := range reversiDirs {
		var line [][2]int
		i, j := r+d[0], k+d[1]
		for i >= 0 && i < n && j >= 0 && j < n && b[i][j] != '.' && b[i][j] != c {
			line = append(line, [2]int{i, j})
			i, j = i+d[0], j+d[1]
		}
		if len(line) > 0 && i >= 0 && i < n && j >= 0 && j < n && b[i][j] == c {
			out = append(out, line...)
		}
	}
	return out
}

func reversiPlace(b [][]byte, r, k int, c byte) bool {
	fl := reversiFlips(b, r, k, c)
	if len(fl) == 0 {
		return false
	}
	b[r][k] = c
	for _, p := range fl {
		b[p[0]][p[1]] = c
	}
	return true
}

func reversiBoard(rows []string) ([][]byte, error) {
	n := len(rows)
	if n < 2 || n > 16 {
		return nil, fmt.Errorf("board: %d rows, want 2 to 16", n)
	}
	b := make([][]byte, n)
	for i, row := range rows {
		if len(row) != n {
			return nil, fmt.Errorf("board: row %d has %d cells, want %d", i+1, len(row), n)
		}
		for j := range n {
			if c := row[j]; c != '.' && c != 'B' && c != 'W' {
				return nil, fmt.Errorf("board: row %d, column %d is %q, want '.', 'B' or 'W'", i+1, j+1, c)
			}
		}
		b[i] = []byte(row)
	}
	return b, nil
}

// playReversi checks the instance and returns the board after the moves.
func playReversi(in Reversi) ([]string, error) {
	b, err := reversiBoard(in.Board)
	if err != nil {
		return nil, err
	}
	if len(in.Moves) == 0 || len(in.Moves) > 200 {
		return nil, fmt.Errorf("moves: want 1 to 200 moves, got %d", len(in.Moves))
	}
	n := len(b)
	for i, m := range in.Moves {
		if m.Player != "black" && m.Player != "white" {
			return nil, fmt.Errorf("moves[%d].player: %q is not black or white", i, m.Player)
		}
		if m.Row < 1 || m.Row > n || m.Col < 1 || m.Col > n {
			return nil, fmt.Errorf("moves[%d]: (%d,%d) is off the %d×%d board", i, m.Row, m.Col, n, n)
		}
		if !reversiPlace(b, m.Row-1, m.Col-1, reversiDisc(m.Player)) {
			return nil, fmt.Errorf("moves[%d]: %s (%d,%d) is not a legal move", i, m.Player, m.Row, m.Col)
		}
	}
	out := make([]string, n)
	for i := range b {
		out[i] = string(b[i])
	}
	return out, nil
}

func reversiLegal(b [][]byte, c byte) [][2]int {
	var out [][2]int
	for i := range b {
		for j := range b[i] {
			if len(reversiFlips(b, i, j, c)) > 0 {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

func generateReversi(rng *rand.Rand, level int) (Reversi, error) {
	n := exByLevel(level, 4, 6, 8)
	prefix := exByLevel(level, rng.IntN(2), 2+rng.IntN(4), 6+rng.IntN(12))
	count := exByLevel(level, 2, 4, 7)
	for {
		b := make([][]byte, n)
		for i := range b {
			b[i] = []byte(strings.Repeat(".", n))
		}
		h := n / 2
		b[h-1][h-1], b[h][h] = 'W', 'W'
		b[h-1][h], b[h][h-1] = 'B', 'B'
		player := "black"
		var in Reversi
		for step := 0; step < prefix+count; step++ {
			moves := reversiLegal(b, reversiDisc(player))
			if len(moves) == 0 {
				player = reversiOther(player)
				if moves = reversiLegal(b, reversiDisc(player)); len(moves) == 0 {
					break
				}
			}
			if step == prefix {
				for i := range b {
					in.Board = append(in.Board, string(b[i]))
				}
			}
			m := exPick(rng, moves)
			reversiPlace(b, m[0], m[1], reversiDisc(player))
			if step >= prefix {
				in.Moves = append(in.Moves, ReversiMove{Player: player, Row: m[0] + 1, Col: m[1] + 1})
			}
			player = reversiOther(player)
		}
		if len(in.Moves) == count {
			return in, nil
		}
		prefix /= 2
	}
}

func reversiOther(p string) string {
	if p == "black" {
		return "white"
	}
	return "black"
}

func promptReversi(in Reversi) string {
	n := len(in.Board)
	var b strings.Builder
	fmt.Fprintf(&b, "Reversi (Othello) is played on a %d×%d board. Placing a disc flips every straight line (across, down or diagonal) of the opponent's discs that runs from the new disc to another disc of the mover's colour.\n", n, n)
	b.WriteString("Rows are numbered 1 to " + fmt.Sprint(n) + " from the top and columns 1 to " + fmt.Sprint(n) + " from the left.\n\n")
	b.WriteString("Board ('.' empty, 'B' black, 'W' white):\n")
	b.WriteString(strings.Join(in.Board, "\n"))
	b.WriteString("\n\n")
	parts := make([]string, len(in.Moves))
	for i, m := range in.Moves {
		parts[i] = fmt.Sprintf("%s (%d,%d)", m.Player, m.Row, m.Col)
	}
	fmt.Fprintf(&b, "Moves, in order, as (row,column): %s\n\n", strings.Join(parts, "; "))
	fmt.Fprintf(&b, "Give the board after all the moves in the same notation: %d lines of %d characters.\n", n, n)
	return b.String()
}

var reversiMoveRE = regexp.MustCompile(`^(black|white)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$`)

func parseReversi(prompt string) (Reversi, error) {
	var in Reversi
	rows, err := exBlockAfter(prompt, "Board (")
	if err != nil {
		return in, err
	}
	if len(rows) > 16 {
		return in, fmt.Errorf("board: %d rows, want at most 16", len(rows))
	}
	for _, r := range rows {
		in.Board = append(in.Board, strings.TrimSpace(r))
	}
	line, err := exLineAfter(prompt, "Moves, in order, as (row,column):")
	if err != nil {
		return in, err
	}
	for p := range strings.SplitSeq(line, ";") {
		m := reversiMoveRE.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return in, fmt.Errorf("moves: cannot read %q", strings.TrimSpace(p))
		}
		r, _ := exAtoi("row", m[2])
		c, _ := exAtoi("column", m[3])
		in.Moves = append(in.Moves, ReversiMove{Player: m[1], Row: r, Col: c})
		if len(in.Moves) > 200 {
			return in, fmt.Errorf("moves: more than 200")
		}
	}
	_, err = playReversi(in)
	return in, err
}

// reversiCells reads the cells of an answer board leniently: B/W in any
// case (also X/O is not accepted: colours must be named), '.', '_', '-' or
// '0' for empty; row labels, brackets, quotes, commas and spaces ignored.
func reversiCells(answer string) ([]byte, string) {
	s := exRowLabelRE.ReplaceAllString(StripAnswer(answer), " ")
	var cells []byte
	for _, r := range s {
		switch r {
		case 'B', 'b':
			cells = append(cells, 'B')
		case 'W', 'w':
			cells = append(cells, 'W')
		case '.', '_', '-', '0', '·':
			cells = append(cells, '.')
		case ' ', '\t', '\n', '\r', '[', ']', '(', ')', ',', '"', '\'', '`', '|':
		default:
			return nil, fmt.Sprintf("unexpected character %q in the board", r)
		}
	}
	return cells, ""
}

func verifyReversi(in Reversi, answer string) Verdict {
	want, err := playReversi(in)
	if err != nil {
		return Reject("invalid instance: %v", err)
	}
	n := len(want)
	cells, msg := reversiCells(answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	if len(cells) != n*n {
		return Reject("expected %d cells (%d rows of %d), found %d", n*n, n, n, len(cells))
	}
	for i := range n {
		for j := range n {
			if cells[i*n+j] != want[i][j] {
				return Reject("row %d, column %d is %q, which is wrong", i+1, j+1, cells[i*n+j])
			}
		}
	}
	return Accept()
}
