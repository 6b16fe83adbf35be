package puzzles

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// Pooling is a pooling instance: a matrix, a square window slid with a
// stride, and the pooling mode (max, min, sum or average).
type Pooling struct {
	Matrix [][]int `json:"matrix" jsonschema:"the integer matrix, row by row"`
	Window int     `json:"window" jsonschema:"side of the square pooling window"`
	Stride int     `json:"stride" jsonschema:"step between windows, in both directions"`
	Mode   string  `json:"mode" jsonschema:"max, min, sum or average"`
}

var poolingModes = []string{"max", "min", "sum", "average"}

func poolingSpec() Spec[Pooling] {
	return Spec[Pooling]{
		Name:        "pooling",
		Family:      "execution",
		Description: "Apply max, min, sum or average pooling with a window and stride to a matrix.",
		Generate:    generatePooling,
		Prompt:      promptPooling,
		Parse:       parsePooling,
		Validate:    validatePooling,
		Solve: func(_ context.Context, in Pooling) (Solution, error) {
			out := runPooling(in)
			rows := make([]string, len(out))
			vals := make([][]float64, len(out))
			for i, row := range out {
				parts := make([]string, len(row))
				for j, v := range row {
					parts[j] = poolingFormat(v)
					f, _ := v.Float64()
					vals[i] = append(vals[i], f)
				}
				rows[i] = strings.Join(parts, " ")
			}
			return Solution{Answer: strings.Join(rows, "\n"), Structured: vals}, nil
		},
		Verify: verifyPooling,
	}
}

func validatePooling(in Pooling) error {
	if err := exCheckMatrix("matrix", in.Matrix, 30, 1_000_000); err != nil {
		return err
	}
	if in.Window < 1 || in.Window > min(len(in.Matrix), len(in.Matrix[0])) {
		return fmt.Errorf("window: %d must be between 1 and the smaller side of the matrix", in.Window)
	}
	if in.Stride < 1 || in.Stride > 30 {
		return fmt.Errorf("stride: %d is outside 1..30", in.Stride)
	}
	for _, m := range poolingModes {
		if in.Mode == m {
			return nil
		}
	}
	return fmt.Errorf("mode: %q is not max, min, sum or average", in.Mode)
}

func generatePooling(rng *rand.Rand, level int) (Pooling, error) {
	n := exByLevel(level, 4, 5, 6)
	m := exByLevel(level, 4, 6, 7)
	in := Pooling{
		Window: exByLevel(level, 2, exPick(rng, []int{2, 3}), exPick(rng, []int{2, 3})),
		Stride: exByLevel(level, 2, exPick(rng, []int{1, 2}), exPick(rng, []int{1, 2})),
		Mode:   exPick(rng, exByLevel(level, poolingModes[:2], poolingModes[:3], poolingModes)),
	}
	lo := exByLevel(level, 0, 0, -9)
	in.Matrix = make([][]int, n)
	for i := range in.Matrix {
		in.Matrix[i] = make([]int, m)
		for j := range in.Matrix[i] {
			in.Matrix[i][j] = exBetween(rng, lo, 9)
		}
	}
	return in, nil
}

// runPooling returns the pooled matrix as exact rationals.
func runPooling(in Pooling) [][]*big.Rat {
	rows := (len(in.Matrix)-in.Window)/in.Stride + 1
	cols := (len(in.Matrix[0])-in.Window)/in.Stride + 1
	out := make([][]*big.Rat, rows)
	for i := range out {
		out[i] = make([]*big.Rat, cols)
		for j := range out[i] {
			var acc int
			for a := range in.Window {
				for b := range in.Window {
					v := in.Matrix[i*in.Stride+a][j*in.Stride+b]
					switch {
					case a == 0 && b == 0 && in.Mode != "sum" && in.Mode != "average":
						acc = v
					case in.Mode == "max":
						acc = max(acc, v)
					case in.Mode == "min":
						acc = min(acc, v)
					default:
						acc += v
					}
				}
			}
			r := big.NewRat(int64(acc), 1)
			if in.Mode == "average" {
				r.SetFrac64(int64(acc), int64(in.Window*in.Window))
			}
			out[i][j] = r
		}
	}
	return out
}

// poolingFormat writes an integer as is and a fraction as a decimal
// rounded to two places.
func poolingFormat(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := r.FloatString(2)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func promptPooling(in Pooling) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Apply %s pooling to the matrix below with a %d×%d window and stride %d: ", in.Mode, in.Window, in.Window, in.Stride)
	b.WriteString("the window starts at the top-left corner and moves by the stride to the right and down, staying inside the matrix; " +
		"each window position gives one entry of the result, the " + map[string]string{
		"max": "largest entry", "min": "smallest entry", "sum": "sum of the entries", "average": "average of the entries",
	}[in.Mode] + " under the window.\n\n")
	fmt.Fprintf(&b, "Matrix (%d rows, %d columns):\n%s\n\n", len(in.Matrix), len(in.Matrix[0]), exFormatMatrix(in.Matrix))
	fmt.Fprintf(&b, "Window: %d\nStride: %d\nMode: %s\n\n", in.Window, in.Stride, in.Mode)
	b.WriteString("Give the pooled matrix: one row per line, numbers separated by spaces")
	if in.Mode == "average" {
		b.WriteString(" (averages as decimals rounded to two places, or as fractions like 7/4)")
	}
	b.WriteString(".\n")
	return b.String()
}

func parsePooling(prompt string) (Pooling, error) {
	var in Pooling
	rows, err := exBlockAfter(prompt, "Matrix (")
	if err != nil {
		return in, err
	}
	if in.Matrix, err = exIntMatrix("matrix", rows); err != nil {
		return in, err
	}
	for _, f := range []struct {
		label string
		dst   *int
	}{{"Window:", &in.Window}, {"Stride:", &in.Stride}} {
		s, err := exLineAfter(prompt, f.label)
		if err != nil {
			return in, err
		}
		if *f.dst, err = exAtoi(strings.ToLower(strings.TrimSuffix(f.label, ":")), s); err != nil {
			return in, err
		}
	}
	if in.Mode, err = exLineAfter(prompt, "Mode:"); err != nil {
		return in, err
	}
	return in, validatePooling(in)
}

var poolingNumRE = regexp.MustCompile(`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:\s*/\s*\d+)?`)

func verifyPooling(in Pooling, answer string) Verdict {
	want := runPooling(in)
	rows, cols := len(want), len(want[0])
	s := exRowLabelRE.ReplaceAllString(StripAnswer(answer), " ")
	toks := poolingNumRE.FindAllString(s, -1)
	if len(toks) != rows*cols {
		return Reject("expected %d numbers (%d rows of %d), found %d", rows*cols, rows, cols, len(toks))
	}
	lines := 0
	for l := range strings.SplitSeq(s, "\n") {
		if exDigitRE.MatchString(l) {
			lines++
		}
	}
	if lines > 1 && lines != rows {
		return Reject("expected %d rows, found %d lines of numbers", rows, lines)
	}
	for k, tok := range toks {
		i, j := k/cols, k%cols
		got, ok := poolingParse(tok)
		if !ok {
			return Reject("cannot read %q as a number", tok)
		}
		w := want[i][j]
		if in.Mode != "average" || strings.Contains(tok, "/") || w.IsInt() {
			if got.Cmp(w) != 0 {
				return Reject("row %d, column %d is %s, which is wrong", i+1, j+1, tok)
			}
			continue
		}
		// A decimal for an average: within rounding to two places.
		diff := new(big.Rat).Sub(got, w)
		d, _ := diff.Float64()
		if math.Abs(d) > 0.005+1e-9 {
			return Reject("row %d, column %d is %s, which is wrong (even rounded to two places)", i+1, j+1, tok)
		}
	}
	return Accept()
}

func poolingParse(tok string) (*big.Rat, bool) {
	tok = strings.ReplaceAll(tok, " ", "")
	if num, den, ok := strings.Cut(tok, "/"); ok {
		n, ok1 := new(big.Rat).SetString(num)
		d, err := strconv.Atoi(den)
		if !ok1 || err != nil || d == 0 || len(num) > 30 {
			return nil, false
		}
		return n.Quo(n, big.NewRat(int64(d), 1)), true
	}
	if len(tok) > 30 {
		return nil, false
	}
	return new(big.Rat).SetString(tok)
}
