package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
)

// MatrixTransform is a matrix_transform instance: an integer matrix and
// operations applied to it in order.
type MatrixTransform struct {
	Matrix     [][]int    `json:"matrix" jsonschema:"the integer matrix, row by row"`
	Operations []MatrixOp `json:"operations" jsonschema:"operations applied in order"`
}

// MatrixOp is one operation: rotate_cw, rotate_ccw, rotate_180, transpose,
// flip_horizontal (reverse each row), flip_vertical (reverse the order of
// the rows), add (Value to every entry) or multiply (every entry by Value).
type MatrixOp struct {
	Op    string `json:"op" jsonschema:"rotate_cw, rotate_ccw, rotate_180, transpose, flip_horizontal, flip_vertical, add or multiply"`
	Value int    `json:"value,omitempty" jsonschema:"the operand of add and multiply"`
}

// matrixOpText maps each operation to its English phrase.
var matrixOpText = map[string]string{
	"rotate_cw":       "rotate 90 degrees clockwise",
	"rotate_ccw":      "rotate 90 degrees counterclockwise",
	"rotate_180":      "rotate 180 degrees",
	"transpose":       "transpose (rows become columns)",
	"flip_horizontal": "mirror left to right (reverse each row)",
	"flip_vertical":   "mirror top to bottom (reverse the order of the rows)",
}

var matrixOpNames = []string{"rotate_cw", "rotate_ccw", "rotate_180", "transpose", "flip_horizontal", "flip_vertical"}

const matrixMaxAbs = 1_000_000_000_000

func matrixSpec() Spec[MatrixTransform] {
	return Spec[MatrixTransform]{
		Name:        "matrix_transform",
		Family:      "execution",
		Description: "Apply rotations, flips, transposes and entry-wise arithmetic to a matrix in order and give the result.",
		Generate:    generateMatrix,
		Prompt:      promptMatrix,
		Parse:       parseMatrix,
		Validate:    validateMatrix,
		Solve: func(_ context.Context, in MatrixTransform) (Solution, error) {
			m := runMatrix(in)
			return Solution{Answer: exFormatMatrix(m), Structured: m}, nil
		},
		Verify: verifyMatrix,
	}
}

func validateMatrix(in MatrixTransform) error {
	if err := exCheckMatrix("matrix", in.Matrix, 20, 1_000_000); err != nil {
		return err
	}
	if len(in.Operations) == 0 || len(in.Operations) > 50 {
		return fmt.Errorf("operations: want 1 to 50, got %d", len(in.Operations))
	}
	bound := 1_000_000 // bound on |entry| after each operation
	for i, op := range in.Operations {
		switch op.Op {
		case "add":
			if op.Value < -1000 || op.Value > 1000 {
				return fmt.Errorf("operations[%d].value: %d is outside -1000..1000", i, op.Value)
			}
			bound += max(op.Value, -op.Value)
		case "multiply":
			if op.Value < -1000 || op.Value > 1000 {
				return fmt.Errorf("operations[%d].value: %d is outside -1000..1000", i, op.Value)
			}
			bound *= max(op.Value, -op.Value, 1)
		default:
			if _, ok := matrixOpText[op.Op]; !ok {
				return fmt.Errorf("operations[%d].op: unknown operation %q", i, op.Op)
			}
			if op.Value != 0 {
				return fmt.Errorf("operations[%d].value: %s takes no value", i, op.Op)
			}
		}
		if bound > matrixMaxAbs {
			return fmt.Errorf("operations[%d]: entries could exceed %d", i, matrixMaxAbs)
		}
	}
	return nil
}

func generateMatrix(rng *rand.Rand, level int) (MatrixTransform, error) {
	rows := exByLevel(level, 3, 3, 4)
	cols := exByLevel(level, 3, 4, 5)
	nops := exByLevel(level, 2, 4, 6)
	in := MatrixTransform{Matrix: make([][]int, rows)}
	for i := range in.Matrix {
		in.Matrix[i] = make([]int, cols)
		for j := range in.Matrix[i] {
			in.Matrix[i][j] = exBetween(rng, 1, 9)
		}
	}
	arith := 0
	for range nops {
		if level >= Medium && arith < level-1 && rng.IntN(3) == 0 {
			arith++
			if rng.IntN(2) == 0 {
				in.Operations = append(in.Operations, MatrixOp{Op: "add", Value: exPick(rng, []int{-5, -3, -2, -1, 1, 2, 3, 4, 5, 10})})
			} else {
				in.Operations = append(in.Operations, MatrixOp{Op: "multiply", Value: exPick(rng, []int{-1, 2, 3, -2})})
			}
			continue
		}
		op := exPick(rng, matrixOpNames)
		if k := len(in.Operations); k > 0 && matrixUndoes(in.Operations[k-1].Op, op) {
			op = "transpose" // the draw would undo the previous operation
			if in.Operations[k-1].Op == "transpose" {
				op = "rotate_cw"
			}
		}
		in.Operations = append(in.Operations, MatrixOp{Op: op})
	}
	return in, nil
}

// matrixUndoes reports whether operation b undoes operation a.
func matrixUndoes(a, b string) bool {
	switch a {
	case "rotate_cw":
		return b == "rotate_ccw"
	case "rotate_ccw":
		return b == "rotate_cw"
	}
	return a == b && a != "add" && a != "multiply" // self-inverse: 180°, transpose, flips
}

func runMatrix(in MatrixTransform) [][]int {
	m := exCloneMatrix(in.Matrix)
	for _, op := range in.Operations {
		m = applyMatrixOp(m, op)
	}
	return m
}

func applyMatrixOp(m [][]int, op MatrixOp) [][]int {
	r, c := len(m), len(m[0])
	build := func(rows, cols int, at func(i, j int) int) [][]int {
		out := make([][]int, rows)
		for i := range out {
			out[i] = make([]int, cols)
			for j := range out[i] {
				out[i][j] = at(i, j)
			}
		}
		return out
	}
	switch op.Op {
	case "rotate_cw":
		return build(c, r, func(i, j int) int { return m[r-1-j][i] })
	case "rotate_ccw":
		return build(c, r, func(i, j int) int { return m[j][c-1-i] })
	case "rotate_180":
		return build(r, c, func(i, j int) int { return m[r-1-i][c-1-j] })
	case "transpose":
		return build(c, r, func(i, j int) int { return m[j][i] })
	case "flip_horizontal":
		return build(r, c, func(i, j int) int { return m[i][c-1-j] })
	case "flip_vertical":
		return build(r, c, func(i, j int) int { return m[r-1-i][j] })
	case "add":
		return build(r, c, func(i, j int) int { return m[i][j] + op.Value })
	case "multiply":
		return build(r, c, func(i, j int) int { return m[i][j] * op.Value })
	}
	return m
}

func matrixOpPhrase(op MatrixOp) string {
	switch op.Op {
	case "add":
		return fmt.Sprintf("add %d to every entry", op.Value)
	case "multiply":
		return fmt.Sprintf("multiply every entry by %d", op.Value)
	}
	return matrixOpText[op.Op]
}

func promptMatrix(in MatrixTransform) string {
	var b strings.Builder
	b.WriteString("Apply the operations below, in order, to this matrix.\n\n")
	fmt.Fprintf(&b, "Matrix (%d rows, %d columns):\n%s\n\n", len(in.Matrix), len(in.Matrix[0]), exFormatMatrix(in.Matrix))
	b.WriteString("Operations:\n")
	for i, op := range in.Operations {
		fmt.Fprintf(&b, "%d. %s\n", i+1, matrixOpPhrase(op))
	}
	b.WriteString("\nGive the resulting matrix: one row per line, numbers separated by spaces.\n")
	return b.String()
}

var (
	matrixAddRE = regexp.MustCompile(`^add (-?\d+) to every entry$`)
	matrixMulRE = regexp.MustCompile(`^multiply every entry by (-?\d+)$`)
	matrixNumRE = regexp.MustCompile(`^\d+\.\s*`)
)

func parseMatrix(prompt string) (MatrixTransform, error) {
	var in MatrixTransform
	rows, err := exBlockAfter(prompt, "Matrix (")
	if err != nil {
		return in, err
	}
	if in.Matrix, err = exIntMatrix("matrix", rows); err != nil {
		return in, err
	}
	ops, err := exBlockAfter(prompt, "Operations:")
	if err != nil {
		return in, err
	}
	for i, line := range ops {
		text := matrixNumRE.ReplaceAllString(strings.TrimSpace(line), "")
		op, ok := MatrixOp{}, false
		for name, phrase := range matrixOpText {
			if text == phrase {
				op, ok = MatrixOp{Op: name}, true
			}
		}
		if m := matrixAddRE.FindStringSubmatch(text); m != nil {
			v, err := exAtoi(fmt.Sprintf("operations[%d].value", i), m[1])
			op, ok = MatrixOp{Op: "add", Value: v}, err == nil
		}
		if m := matrixMulRE.FindStringSubmatch(text); m != nil {
			v, err := exAtoi(fmt.Sprintf("operations[%d].value", i), m[1])
			op, ok = MatrixOp{Op: "multiply", Value: v}, err == nil
		}
		if !ok {
			return in, fmt.Errorf("operations[%d]: cannot read %q", i, text)
		}
		in.Operations = append(in.Operations, op)
	}
	return in, validateMatrix(in)
}

func verifyMatrix(in MatrixTransform, answer string) Verdict {
	want := runMatrix(in)
	got, msg := exAnswerMatrix(answer, len(want), len(want[0]))
	if msg != "" {
		return Reject("%s", msg)
	}
	if d := exDiffMatrix(got, want); d != "" {
		return Reject("%s", d)
	}
	return Accept()
}
