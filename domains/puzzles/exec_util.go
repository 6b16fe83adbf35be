package puzzles

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// Helpers shared by the logic and execution tasks (mastermind_lock …
// custom_operator): reading labelled lines back from a prompt, integer
// grids, and lenient answer matrices.

// errExLabel is returned when a prompt lacks a labelled line.
var errExLabel = errors.New("missing line")

// exLineAfter returns the rest of the first line of prompt that starts with
// label (after trimming), trimmed.
func exLineAfter(prompt, label string) (string, error) {
	for line := range strings.SplitSeq(prompt, "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, label); ok {
			return strings.TrimSpace(rest), nil
		}
	}
	return "", fmt.Errorf("%w %q", errExLabel, label)
}

// exBlockAfter returns the trimmed lines that follow the first line starting
// with label, up to the first empty line or the end.
func exBlockAfter(prompt, label string) ([]string, error) {
	lines := strings.Split(prompt, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(strings.TrimSpace(line), label) {
			continue
		}
		var out []string
		for _, l := range lines[i+1:] {
			l = strings.TrimRight(l, " \t\r")
			if strings.TrimSpace(l) == "" {
				break
			}
			out = append(out, l)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w %q", errExLabel, label)
}

// exAtoi parses a decimal integer for the named field.
func exAtoi(field, s string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not an integer", field, s)
	}
	return v, nil
}

// exIntRow reads whitespace-separated integers.
func exIntRow(field, line string) ([]int, error) {
	fs := strings.Fields(line)
	row := make([]int, len(fs))
	for i, f := range fs {
		v, err := exAtoi(field, f)
		if err != nil {
			return nil, err
		}
		if v > 1<<40 || v < -(1<<40) {
			return nil, fmt.Errorf("%s: %d is out of range", field, v)
		}
		row[i] = v
	}
	return row, nil
}

// exIntMatrix reads rows of whitespace-separated integers.
func exIntMatrix(field string, lines []string) ([][]int, error) {
	m := make([][]int, len(lines))
	for i, l := range lines {
		row, err := exIntRow(fmt.Sprintf("%s row %d", field, i+1), l)
		if err != nil {
			return nil, err
		}
		m[i] = row
	}
	return m, nil
}

// exFormatMatrix writes one row per line, entries separated by spaces.
func exFormatMatrix(m [][]int) string {
	var b strings.Builder
	for i, row := range m {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, v := range row {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(v))
		}
	}
	return b.String()
}

// exCheckMatrix checks that m is a non-empty rectangle within the size and
// value limits.
func exCheckMatrix(field string, m [][]int, maxSide, maxAbs int) error {
	if len(m) == 0 || len(m[0]) == 0 {
		return fmt.Errorf("%s: empty", field)
	}
	if len(m) > maxSide || len(m[0]) > maxSide {
		return fmt.Errorf("%s: %d×%d is larger than %d×%d", field, len(m), len(m[0]), maxSide, maxSide)
	}
	for i, row := range m {
		if len(row) != len(m[0]) {
			return fmt.Errorf("%s: row %d has %d entries, row 1 has %d", field, i+1, len(row), len(m[0]))
		}
		for j, v := range row {
			if v > maxAbs || v < -maxAbs {
				return fmt.Errorf("%s: entry (%d,%d) = %d is outside -%d..%d", field, i+1, j+1, v, maxAbs, maxAbs)
			}
		}
	}
	return nil
}

func exCloneMatrix(m [][]int) [][]int {
	out := make([][]int, len(m))
	for i, r := range m {
		out[i] = append([]int(nil), r...)
	}
	return out
}

var exDigitRE = regexp.MustCompile(`\d`)

// exListMarkRE matches list numbering ("1. ", "2) ") at the start of a line.
var exListMarkRE = regexp.MustCompile(`(?m)^\s*\d+[.)]\s+`)

var exRowLabelRE = regexp.MustCompile(`(?i)\brow\s*\d+\s*[:=.)-]?`)

// exAnswerMatrix reads a rows×cols integer matrix from an answer written in
// any shape: one row per line, a nested list, or all numbers on one line
// (row-major). "Row 2:" labels and list numbering are ignored.
func exAnswerMatrix(answer string, rows, cols int) ([][]int, string) {
	s := exRowLabelRE.ReplaceAllString(StripAnswer(answer), " ")
	s = exListMarkRE.ReplaceAllString(s, "")
	nums, err := AnswerInts(s)
	if err != nil {
		return nil, err.Error()
	}
	lines := 0
	for l := range strings.SplitSeq(s, "\n") {
		if exDigitRE.MatchString(l) {
			lines++
		}
	}
	if lines > 1 && lines != rows {
		return nil, fmt.Sprintf("expected %d rows, found %d lines of numbers", rows, lines)
	}
	if len(nums) != rows*cols {
		return nil, fmt.Sprintf("expected %d numbers (%d rows of %d), found %d", rows*cols, rows, cols, len(nums))
	}
	m := make([][]int, rows)
	for i := range m {
		m[i] = nums[i*cols : (i+1)*cols]
	}
	return m, ""
}

// exDiffMatrix names the first cell where got differs from want, or "".
func exDiffMatrix(got, want [][]int) string {
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				return fmt.Sprintf("row %d, column %d is %d, which is wrong", i+1, j+1, got[i][j])
			}
		}
	}
	return ""
}

// exPick returns a random element of xs.
func exPick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// exBetween returns a random integer in lo..hi.
func exBetween(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

// exLevelOf maps an out-of-range level to the nearest valid one.
func exLevelOf(level int) int { return min(max(level, Easy), Hard) }

// exByLevel returns the entry for level from a three-entry table.
func exByLevel[T any](level int, easy, medium, hard T) T {
	switch exLevelOf(level) {
	case Easy:
		return easy
	case Medium:
		return medium
	}
	return hard
}

// exJoinInts writes integers separated by sep.
func exJoinInts(xs []int, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, sep)
}

// exCellRE matches a cell written as (r, c).
var exCellRE = regexp.MustCompile(`\(\s*(\d+)\s*,\s*(\d+)\s*\)`)

// exLetter returns A, B, …, Z, AA, AB, … for i = 0, 1, ….
func exLetter(i int) string {
	s := ""
	for {
		s = string(rune('A'+i%26)) + s
		i = i/26 - 1
		if i < 0 {
			return s
		}
	}
}

// exSepRE matches a digit-group separator between two digits: comma,
// underscore, space, thin space or apostrophe.
var exSepRE = regexp.MustCompile(`(\d)[,_ \x{2009}\x{202F}'](\d)`)

var exBigIntRE = regexp.MustCompile(`^-?[0-9]+$`)

// exAnswerBigInt reads an integer answer leniently: wrappers, digit-group
// separators, a final period, a Unicode minus and a lead-in ("the value
// is …": the last word counts) are allowed.
func exAnswerBigInt(answer string) (*big.Int, string) {
	s := strings.TrimSpace(StripAnswer(answer))
	s = strings.TrimSuffix(s, ".")
	for {
		t := exSepRE.ReplaceAllString(s, "$1$2")
		if t == s {
			break
		}
		s = t
	}
	s = strings.Replace(s, "−", "-", 1)
	if f := strings.Fields(s); len(f) > 1 {
		s = f[len(f)-1]
	}
	if !exBigIntRE.MatchString(s) || len(s) > 10000 {
		return nil, fmt.Sprintf("%q is not an integer", exClip(s, 40))
	}
	v, _ := new(big.Int).SetString(s, 10)
	return v, ""
}

// exClip shortens s to at most n runes for a reason line.
func exClip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
