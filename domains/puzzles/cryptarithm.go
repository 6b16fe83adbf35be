package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Cryptarithm is a cryptarithm instance: words whose sum is another word,
// where each letter stands for a different digit and no word of two or
// more letters starts with 0.
type Cryptarithm struct {
	Addends []string `json:"addends" jsonschema:"the words added (capital letters)"`
	Result  string   `json:"result" jsonschema:"the word equal to their sum"`
}

func cryptarithmSpec() Spec[Cryptarithm] {
	return Spec[Cryptarithm]{
		Name:        "cryptarithm",
		Family:      "planning",
		Description: "Assign distinct digits to letters so that a sum of words holds (SEND + MORE = MONEY).",
		Generate:    generateCryptarithm,
		Prompt:      promptCryptarithm,
		Parse:       parseCryptarithm,
		Validate:    validateCryptarithm,
		Solve: func(ctx context.Context, in Cryptarithm) (Solution, error) {
			sols, err := cryptSolve(ctx, in, 1)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: cryptarithm: %w", err)
			}
			if len(sols) == 0 {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: cryptFormat(in, sols[0]), Structured: cryptMap(in, sols[0])}, nil
		},
		Verify: verifyCryptarithm,
	}
}

var cryptWordRE = regexp.MustCompile(`^[A-Z]{1,12}$`)

func validateCryptarithm(in Cryptarithm) error {
	if len(in.Addends) < 2 || len(in.Addends) > 8 {
		return fmt.Errorf("addends: want 2 to 8 words, got %d", len(in.Addends))
	}
	longest := 0
	for i, w := range in.Addends {
		if !cryptWordRE.MatchString(w) {
			return fmt.Errorf("addends[%d]: %q is not 1 to 12 capital letters", i, w)
		}
		longest = max(longest, len(w))
	}
	if !cryptWordRE.MatchString(in.Result) {
		return fmt.Errorf("result: %q is not 1 to 12 capital letters", in.Result)
	}
	if len(in.Result) < longest {
		return fmt.Errorf("result: %q is shorter than the longest addend", in.Result)
	}
	if n := len(cryptLetters(in)); n > 10 {
		return fmt.Errorf("addends: %d different letters, more than the 10 digits", n)
	}
	return nil
}

// cryptLetters lists the distinct letters in order of first appearance.
func cryptLetters(in Cryptarithm) []byte {
	var out []byte
	for _, w := range append(slices.Clone(in.Addends), in.Result) {
		for i := range len(w) {
			if !slices.Contains(out, w[i]) {
				out = append(out, w[i])
			}
		}
	}
	return out
}

// cryptSolve lists up to limit solutions as digit-by-letter arrays (index
// letter-'A', -1 for letters not used), searching column by column from
// the units with the carry.
func cryptSolve(ctx context.Context, in Cryptarithm, limit int) ([][26]int, error) {
	var digit [26]int
	for i := range digit {
		digit[i] = -1
	}
	var used [10]bool
	leading := [26]bool{}
	for _, w := range append(slices.Clone(in.Addends), in.Result) {
		if len(w) > 1 {
			leading[w[0]-'A'] = true
		}
	}
	// cols[c] holds the addend letters of column c (units first).
	L := len(in.Result)
	cols := make([][]byte, L)
	for _, w := range in.Addends {
		for k := range len(w) {
			cols[k] = append(cols[k], w[len(w)-1-k])
		}
	}
	var out [][26]int
	nodes := 0
	var err error
	var column func(c, carry int) bool // true: stop
	var place func(c, k, sum int) bool
	column = func(c, carry int) bool {
		if c == L {
			if carry == 0 {
				out = append(out, digit)
				return len(out) >= limit
			}
			return false
		}
		return place(c, 0, carry)
	}
	try := func(letter byte, fn func() bool) bool {
		l := letter - 'A'
		for d := range 10 {
			if used[d] || d == 0 && leading[l] {
				continue
			}
			digit[l], used[d] = d, true
			stop := fn()
			digit[l], used[d] = -1, false
			if stop {
				return true
			}
		}
		return false
	}
	place = func(c, k, sum int) bool {
		if nodes++; nodes%4096 == 0 && ctx.Err() != nil {
			err = ctx.Err()
			return true
		}
		if k < len(cols[c]) {
			l := cols[c][k]
			if d := digit[l-'A']; d >= 0 {
				return place(c, k+1, sum+d)
			}
			return try(l, func() bool { return place(c, k+1, sum+digit[l-'A']) })
		}
		r := in.Result[L-1-c] - 'A'
		want := sum % 10
		if digit[r] >= 0 {
			if digit[r] != want {
				return false
			}
			return column(c+1, sum/10)
		}
		if used[want] || want == 0 && leading[r] {
			return false
		}
		digit[r], used[want] = want, true
		stop := column(c+1, sum/10)
		digit[r], used[want] = -1, false
		return stop
	}
	column(0, 0)
	return out, err
}

func cryptMap(in Cryptarithm, d [26]int) map[string]int {
	m := map[string]int{}
	for _, l := range cryptLetters(in) {
		m[string(l)] = d[l-'A']
	}
	return m
}

func cryptFormat(in Cryptarithm, d [26]int) string {
	letters := cryptLetters(in)
	slices.Sort(letters)
	parts := make([]string, len(letters))
	for i, l := range letters {
		parts[i] = fmt.Sprintf("%c=%d", l, d[l-'A'])
	}
	return strings.Join(parts, ", ")
}

func generateCryptarithm(rng *rand.Rand, level int) (Cryptarithm, error) {
	lens := exByLevel(level, []int{3, 3}, []int{4, 4}, []int{5, 4, 4})
	pool := exByLevel(level, 4, 5, 6) // digits the addends are drawn from
	var last Cryptarithm
	for try := 0; try < 30; try++ {
		digits := rng.Perm(10)[:pool]
		words := make([]string, 0, len(lens)+1)
		sum := 0
		for _, n := range lens {
			v := 0
			for k := range n {
				d := exPick(rng, digits)
				for k == 0 && d == 0 {
					d = exPick(rng, digits)
				}
				v = v*10 + d
			}
			words = append(words, strconv.Itoa(v))
			sum += v
		}
		words = append(words, strconv.Itoa(sum))
		alphabet := []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		rng.Shuffle(len(alphabet), func(i, j int) { alphabet[i], alphabet[j] = alphabet[j], alphabet[i] })
		spell := func(s string) string {
			b := []byte(s)
			for i := range b {
				b[i] = alphabet[b[i]-'0']
			}
			return string(b)
		}
		in := Cryptarithm{Result: spell(words[len(words)-1])}
		for _, w := range words[:len(words)-1] {
			in.Addends = append(in.Addends, spell(w))
		}
		last = in
		if sols, _ := cryptSolve(context.Background(), in, 2); len(sols) == 1 {
			return in, nil
		}
	}
	return last, nil
}

func promptCryptarithm(in Cryptarithm) string {
	return "Solve this cryptarithm: each letter stands for a digit, different letters for different digits, " +
		"and no word of two or more letters starts with 0.\n\n" +
		"Puzzle: " + strings.Join(in.Addends, " + ") + " = " + in.Result + "\n\n" +
		"Give the digit of every letter as letter=digit separated by commas, e.g. A=1, B=2. If there is no solution, answer \"no solution\".\n"
}

var cryptPuzzleRE = regexp.MustCompile(`^([A-Z]+(?: \+ [A-Z]+)+) = ([A-Z]+)$`)

func parseCryptarithm(prompt string) (Cryptarithm, error) {
	var in Cryptarithm
	line, err := exLineAfter(prompt, "Puzzle:")
	if err != nil {
		return in, err
	}
	m := cryptPuzzleRE.FindStringSubmatch(line)
	if m == nil {
		return in, fmt.Errorf("puzzle: cannot read %q", exClip(line, 60))
	}
	in.Addends = strings.Split(m[1], " + ")
	in.Result = m[2]
	return in, validateCryptarithm(in)
}

var (
	cryptPairRE = regexp.MustCompile(`\b([A-Za-z])\s*(?:=|:|->|→)\s*(\d+)`)
	cryptEqRE   = regexp.MustCompile(`^\s*(\d+)((?:\s*\+\s*\d+)+)\s*=\s*(\d+)\s*$`)
)

// cryptRead reads letter=digit pairs, or the sum written in digits
// (e.g. "9567 + 1085 = 10652").
func cryptRead(in Cryptarithm, answer string) ([26]int, string) {
	var d [26]int
	for i := range d {
		d[i] = -1
	}
	s := StripAnswer(answer)
	if m := cryptEqRE.FindStringSubmatch(s); m != nil {
		nums := append([]string{m[1]}, strings.FieldsFunc(m[2], func(r rune) bool { return r == '+' || r == ' ' })...)
		nums = append(nums, m[3])
		words := append(slices.Clone(in.Addends), in.Result)
		if len(nums) != len(words) {
			return d, fmt.Sprintf("the sum has %d numbers, the puzzle %d words", len(nums), len(words))
		}
		for i, w := range words {
			if len(nums[i]) != len(w) {
				return d, fmt.Sprintf("%s has %d letters but %s has %d digits", w, len(w), nums[i], len(nums[i]))
			}
			for k := range len(w) {
				l, v := w[k]-'A', int(nums[i][k]-'0')
				if d[l] >= 0 && d[l] != v {
					return d, fmt.Sprintf("letter %c stands for both %d and %d", w[k], d[l], v)
				}
				d[l] = v
			}
		}
		return d, ""
	}
	pairs := cryptPairRE.FindAllStringSubmatch(s, -1)
	if len(pairs) == 0 {
		return d, "expected letter=digit pairs"
	}
	for _, p := range pairs {
		l := strings.ToUpper(p[1])[0] - 'A'
		v, err := strconv.Atoi(p[2])
		if err != nil || v > 9 {
			return d, fmt.Sprintf("%s is not a digit", p[2])
		}
		if d[l] >= 0 && d[l] != v {
			return d, fmt.Sprintf("letter %c is given two digits", l+'A')
		}
		d[l] = v
	}
	return d, ""
}

func verifyCryptarithm(in Cryptarithm, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		sols, err := cryptSolve(context.Background(), in, 1)
		if err != nil {
			return Reject("cannot check: %v", err)
		}
		if len(sols) > 0 {
			return Reject("the cryptarithm has a solution")
		}
		return Accept()
	}
	d, msg := cryptRead(in, answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	owner := map[int]byte{}
	for _, l := range cryptLetters(in) {
		v := d[l-'A']
		if v < 0 {
			return Reject("letter %c has no digit", l)
		}
		if o, dup := owner[v]; dup {
			return Reject("letters %c and %c both stand for %d", o, l, v)
		}
		owner[v] = l
	}
	value := func(w string) int {
		n := 0
		for i := range len(w) {
			n = n*10 + d[w[i]-'A']
		}
		return n
	}
	sum := 0
	for _, w := range append(slices.Clone(in.Addends), in.Result) {
		if len(w) > 1 && d[w[0]-'A'] == 0 {
			return Reject("%s starts with 0", w)
		}
	}
	for _, w := range in.Addends {
		sum += value(w)
	}
	if r := value(in.Result); sum != r {
		return Reject("the addends sum to %d, not %s = %d", sum, in.Result, r)
	}
	return Accept()
}
