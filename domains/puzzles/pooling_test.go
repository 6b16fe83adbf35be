package puzzles

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPoolingOracle recomputes every output from the other side: each
// input cell is sent to every window that covers it, and the windows are
// reduced afterwards.
func TestPoolingOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 300 {
		in, _ := generatePooling(rng, Easy+i%3)
		got := runPooling(in)
		rows, cols := len(got), len(got[0])
		cells := make([][][]int, rows)
		for r := range cells {
			cells[r] = make([][]int, cols)
		}
		for a, row := range in.Matrix {
			for b, v := range row {
				for r := range rows {
					for c := range cols {
						if a >= r*in.Stride && a < r*in.Stride+in.Window && b >= c*in.Stride && b < c*in.Stride+in.Window {
							cells[r][c] = append(cells[r][c], v)
						}
					}
				}
			}
		}
		for r := range rows {
			for c := range cols {
				vs := cells[r][c]
				sum := 0
				for _, v := range vs {
					sum += v
				}
				var want float64
				switch in.Mode {
				case "max":
					want = float64(slices.Max(vs))
				case "min":
					want = float64(slices.Min(vs))
				case "sum":
					want = float64(sum)
				case "average":
					want = float64(sum) / float64(len(vs))
				}
				if f, _ := got[r][c].Float64(); f != want {
					t.Fatalf("instance %d (%s) cell %d,%d: %v, oracle %v", i, in.Mode, r, c, f, want)
				}
			}
		}
		// No window position is missing: one more step would leave the matrix.
		if (rows)*in.Stride+in.Window <= len(in.Matrix) || (cols)*in.Stride+in.Window <= len(in.Matrix[0]) {
			t.Fatalf("instance %d: a window position is missing", i)
		}
	}
}

func TestPoolingContract(t *testing.T) {
	exCheck(t, poolingSpec(), 60, func(rng *rand.Rand, in Pooling, ans string) []string {
		return exMutateInts(rng, ans, 1)
	})
}

func TestPoolingAverage(t *testing.T) {
	in := Pooling{Matrix: [][]int{{1, 2, 0}, {2, 2, 0}, {1, 1, 1}}, Window: 2, Stride: 1, Mode: "average"}
	// Windows: 7/4, 1, 6/4, 1.
	for _, a := range []string{"1.75 1\n1.5 1", "7/4 1 3/2 1", "1.75, 1.00, 1.50, 1.0", "[[1.75, 1], [1.5, 1]]"} {
		if v := verifyPooling(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"1.7 1\n1.5 1", "2 1\n1.5 1", "7/5 1 3/2 1", "1.75 1 1.5"} {
		if v := verifyPooling(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
	in.Window = 3
	in.Matrix = [][]int{{1, 1, 1}, {1, 1, 1}, {1, 1, 0}}
	for _, a := range []string{"0.89", "8/9", ".89"} {
		if v := verifyPooling(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
}
