package puzzles

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestReversiTable(t *testing.T) {
	start := []string{"........", "........", "........", "...WB...", "...BW...", "........", "........", "........"}
	tests := []struct {
		name  string
		moves []ReversiMove
		want  []string
	}{
		{"d3", []ReversiMove{{"black", 3, 4}},
			[]string{"........", "........", "...B....", "...BB...", "...BW...", "........", "........", "........"}},
		{"d3 c3", []ReversiMove{{"black", 3, 4}, {"white", 3, 3}},
			[]string{"........", "........", "..WB....", "...WB...", "...BW...", "........", "........", "........"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := playReversi(Reversi{Board: start, Moves: tc.moves})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("got\n%s", strings.Join(got, "\n"))
			}
		})
	}
	if _, err := playReversi(Reversi{Board: start, Moves: []ReversiMove{{"black", 1, 1}}}); err == nil {
		t.Fatal("illegal move accepted")
	}
}

// TestReversiOracle replays generated games with an independent rule: a
// cell flips exactly when it lies strictly between the new disc and a disc
// of the mover on a line whose cells in between are all the opponent's.
func TestReversiOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		in, _ := generateReversi(rng, Easy+i%3)
		n := len(in.Board)
		cur := make([][]byte, n)
		for r := range cur {
			cur[r] = []byte(in.Board[r])
		}
		for _, m := range in.Moves {
			me := reversiDisc(m.Player)
			r0, c0 := m.Row-1, m.Col-1
			next := make([][]byte, n)
			for r := range next {
				next[r] = append([]byte(nil), cur[r]...)
			}
			next[r0][c0] = me
			flipped := 0
			for r := range n {
				for c := range n {
					dr, dc := r-r0, c-c0
					if cur[r][c] != me || (dr != 0 && dc != 0 && dr != dc && dr != -dc) || (dr == 0 && dc == 0) {
						continue
					}
					steps := max(exAbs(dr), exAbs(dc))
					sr, sc := dr/steps, dc/steps
					all := steps > 1
					for k := 1; k < steps; k++ {
						if v := cur[r0+k*sr][c0+k*sc]; v == '.' || v == me {
							all = false
						}
					}
					if all {
						for k := 1; k < steps; k++ {
							next[r0+k*sr][c0+k*sc] = me
							flipped++
						}
					}
				}
			}
			if flipped == 0 {
				t.Fatalf("instance %d: generated illegal move %+v", i, m)
			}
			cur = next
		}
		got, err := playReversi(in)
		if err != nil {
			t.Fatal(err)
		}
		for r := range n {
			if got[r] != string(cur[r]) {
				t.Fatalf("instance %d row %d: got %s, oracle %s", i, r+1, got[r], cur[r])
			}
		}
	}
}

func exAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestReversiContract(t *testing.T) {
	exCheck(t, reversiSpec(), 60, func(rng *rand.Rand, in Reversi, ans string) []string {
		b := []byte(ans)
		for k := rng.IntN(len(b)); ; k = (k + 1) % len(b) {
			if b[k] == 'B' {
				b[k] = 'W'
				break
			}
		}
		return []string{string(b), strings.ReplaceAll(ans, ".", "x")}
	})
}

func TestReversiLenient(t *testing.T) {
	in := Reversi{Board: []string{"....", ".WB.", ".BW.", "...."}, Moves: []ReversiMove{{"black", 1, 2}}}
	for _, a := range []string{".B..\n.BB.\n.BW.\n....", "[['.','B','.','.'],['.','B','B','.'],['.','B','W','.'],['.','.','.','.']]",
		"Row 1: . b . .\nRow 2: . b b .\nRow 3: . b w .\nRow 4: . . . ."} {
		if v := verifyReversi(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
}
