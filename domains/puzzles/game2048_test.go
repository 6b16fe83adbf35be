package puzzles

import (
	"math/rand/v2"
	"testing"
)

// rotate90 turns a square grid a quarter clockwise.
func exRotate90(g [][]int) [][]int {
	n := len(g)
	out := make([][]int, n)
	for i := range out {
		out[i] = make([]int, n)
		for j := range out[i] {
			out[i][j] = g[n-1-j][i]
		}
	}
	return out
}

// exOracle2048 applies a move by turning the grid so that the move is
// "left", sliding each row with a two-pointer scan, and turning back.
func exOracle2048(g [][]int, dir string) [][]int {
	turns := map[string]int{"left": 0, "down": 1, "right": 2, "up": 3}[dir]
	for range turns {
		g = exRotate90(g)
	}
	for _, row := range g {
		vals := []int{}
		for _, v := range row {
			if v != 0 {
				vals = append(vals, v)
			}
		}
		res := []int{}
		for i := 0; i < len(vals); i++ {
			if i+1 < len(vals) && vals[i] == vals[i+1] {
				res = append(res, 2*vals[i])
				i++
			} else {
				res = append(res, vals[i])
			}
		}
		for k := range row {
			row[k] = 0
			if k < len(res) {
				row[k] = res[k]
			}
		}
	}
	for range (4 - turns) % 4 {
		g = exRotate90(g)
	}
	return g
}

func TestGame2048Moves(t *testing.T) {
	tests := []struct {
		name string
		in   Game2048
		want [][]int
	}{
		{"merge once", Game2048{Grid: [][]int{{2, 2, 2, 2}, {0, 0, 0, 0}, {4, 0, 4, 8}, {2, 2, 4, 0}}, Moves: []string{"left"}},
			[][]int{{4, 4, 0, 0}, {0, 0, 0, 0}, {8, 8, 0, 0}, {4, 4, 0, 0}}},
		{"wall side first", Game2048{Grid: [][]int{{2, 2, 2}, {0, 0, 0}, {0, 0, 0}}, Moves: []string{"right"}},
			[][]int{{0, 2, 4}, {0, 0, 0}, {0, 0, 0}}},
		{"up then down", Game2048{Grid: [][]int{{2, 0}, {2, 4}}, Moves: []string{"up", "down"}},
			[][]int{{0, 0}, {4, 4}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := exDiffMatrix(run2048(tc.in), tc.want); d != "" {
				t.Fatalf("%s: got %v", d, run2048(tc.in))
			}
		})
	}
}

func TestGame2048Oracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		in, _ := generate2048(rng, Easy+i%3)
		want := exCloneMatrix(in.Grid)
		for _, m := range in.Moves {
			want = exOracle2048(want, m)
		}
		if d := exDiffMatrix(run2048(in), want); d != "" {
			t.Fatalf("instance %d: %s", i, d)
		}
	}
}

func TestGame2048Contract(t *testing.T) {
	exCheck(t, game2048Spec(), 60, func(rng *rand.Rand, in Game2048, ans string) []string {
		return append(exMutateInts(rng, ans, 2), ans+" 0")
	})
}

func TestGame2048Lenient(t *testing.T) {
	in := Game2048{Grid: [][]int{{2, 2}, {0, 4}}, Moves: []string{"left"}}
	for _, a := range []string{"4 0\n4 0", "[[4, 0], [4, 0]]", "Row 1: 4 0\nRow 2: 4 0", "<<<4,0,4,0>>>", "1. 4 0\n2. 4 0"} {
		if v := verify2048(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
}
