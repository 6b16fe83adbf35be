package puzzles

import (
	"math/rand/v2"
	"testing"
)

// exOracleMatrix applies an operation with only two primitives written as
// plain loops (transpose and reversing each row); the rotations and the
// vertical flip are compositions of them.
func exOracleMatrix(m [][]int, op MatrixOp) [][]int {
	transpose := func(m [][]int) [][]int {
		out := make([][]int, len(m[0]))
		for j := range out {
			for i := range m {
				out[j] = append(out[j], m[i][j])
			}
		}
		return out
	}
	mirror := func(m [][]int) [][]int {
		out := make([][]int, len(m))
		for i, row := range m {
			for j := len(row) - 1; j >= 0; j-- {
				out[i] = append(out[i], row[j])
			}
		}
		return out
	}
	switch op.Op {
	case "rotate_cw":
		return mirror(transpose(m))
	case "rotate_ccw":
		return transpose(mirror(m))
	case "rotate_180":
		return transpose(mirror(transpose(mirror(m))))
	case "transpose":
		return transpose(m)
	case "flip_horizontal":
		return mirror(m)
	case "flip_vertical":
		return transpose(mirror(transpose(m)))
	}
	out := exCloneMatrix(m)
	for _, row := range out {
		for j := range row {
			if op.Op == "add" {
				row[j] += op.Value
			} else {
				row[j] *= op.Value
			}
		}
	}
	return out
}

func TestMatrixOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		in, _ := generateMatrix(rng, Easy+i%3)
		want := in.Matrix
		for _, op := range in.Operations {
			want = exOracleMatrix(want, op)
		}
		got := runMatrix(in)
		if len(got) != len(want) || len(got[0]) != len(want[0]) {
			t.Fatalf("instance %d: shape %d×%d, oracle %d×%d", i, len(got), len(got[0]), len(want), len(want[0]))
		}
		if d := exDiffMatrix(got, want); d != "" {
			t.Fatalf("instance %d: %s", i, d)
		}
	}
}

func TestMatrixTable(t *testing.T) {
	m := [][]int{{1, 2, 3}, {4, 5, 6}}
	tests := []struct {
		op   string
		want [][]int
	}{
		{"rotate_cw", [][]int{{4, 1}, {5, 2}, {6, 3}}},
		{"rotate_ccw", [][]int{{3, 6}, {2, 5}, {1, 4}}},
		{"rotate_180", [][]int{{6, 5, 4}, {3, 2, 1}}},
		{"transpose", [][]int{{1, 4}, {2, 5}, {3, 6}}},
		{"flip_horizontal", [][]int{{3, 2, 1}, {6, 5, 4}}},
		{"flip_vertical", [][]int{{4, 5, 6}, {1, 2, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.op, func(t *testing.T) {
			got := runMatrix(MatrixTransform{Matrix: m, Operations: []MatrixOp{{Op: tc.op}}})
			if len(got) != len(tc.want) || exDiffMatrix(got, tc.want) != "" {
				t.Fatalf("got %v", got)
			}
		})
	}
}

func TestMatrixContract(t *testing.T) {
	exCheck(t, matrixSpec(), 60, func(rng *rand.Rand, in MatrixTransform, ans string) []string {
		return append(exMutateInts(rng, ans, 1), exFormatMatrix(in.Matrix)+"\n1")
	})
}

func TestMatrixValidate(t *testing.T) {
	for _, in := range []MatrixTransform{
		{},
		{Matrix: [][]int{{1}}, Operations: []MatrixOp{{Op: "spin"}}},
		{Matrix: [][]int{{1, 2}, {3}}, Operations: []MatrixOp{{Op: "transpose"}}},
		{Matrix: [][]int{{1}}, Operations: []MatrixOp{{Op: "multiply", Value: 1000}, {Op: "multiply", Value: 1000}, {Op: "multiply", Value: 1000}}},
	} {
		if err := validateMatrix(in); err == nil {
			t.Errorf("%+v accepted", in)
		}
	}
}
