package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// MastermindLock is a mastermind_lock instance: a lock code whose
// positions are digits ('D' in Format) or letters from Letters ('L'), all
// characters different, and earlier guesses with their feedback.
type MastermindLock struct {
	Format  string           `json:"format" jsonschema:"one character per position: D for a digit 0-9, L for a letter"`
	Letters string           `json:"letters" jsonschema:"the letters a letter position may hold"`
	Guesses []MastermindClue `json:"guesses" jsonschema:"guesses with their feedback"`
}

// MastermindClue is a guess and its feedback: Exact characters right and
// in the right place, Misplaced characters in the code but elsewhere.
type MastermindClue struct {
	Guess     string `json:"guess"`
	Exact     int    `json:"exact"`
	Misplaced int    `json:"misplaced"`
}

func mastermindSpec() Spec[MastermindLock] {
	return Spec[MastermindLock]{
		Name:        "mastermind_lock",
		Family:      "planning",
		Description: "Deduce a lock code of digits and letters from guesses with exact/misplaced feedback.",
		Generate:    generateMastermind,
		Prompt:      promptMastermind,
		Parse:       parseMastermind,
		Validate:    validateMastermind,
		Solve: func(ctx context.Context, in MastermindLock) (Solution, error) {
			codes, err := mastermindCodes(ctx, in, 1)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: mastermind_lock: %w", err)
			}
			if len(codes) == 0 {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: codes[0], Structured: codes[0]}, nil
		},
		Verify: verifyMastermind,
	}
}

var mmFormatRE = regexp.MustCompile(`^[DL]{1,8}$`)

func validateMastermind(in MastermindLock) error {
	if !mmFormatRE.MatchString(in.Format) {
		return fmt.Errorf("format: %q is not 1 to 8 of D and L", in.Format)
	}
	seen := map[rune]bool{}
	for _, r := range in.Letters {
		if r < 'A' || r > 'Z' || seen[r] {
			return fmt.Errorf("letters: %q must be distinct capital letters", in.Letters)
		}
		seen[r] = true
	}
	nd, nl := strings.Count(in.Format, "D"), strings.Count(in.Format, "L")
	if nl > len(in.Letters) {
		return fmt.Errorf("letters: %d letters for %d letter positions of different letters", len(in.Letters), nl)
	}
	if n := mmCount(nd, 10) * mmCount(nl, len(in.Letters)); n > 500_000 {
		return fmt.Errorf("format: %d possible codes, more than 500000", n)
	}
	if len(in.Guesses) > 50 {
		return fmt.Errorf("guesses: %d is more than 50", len(in.Guesses))
	}
	for i, g := range in.Guesses {
		if err := mmCheckCode(in, g.Guess, false); err != nil {
			return fmt.Errorf("guesses[%d].guess: %v", i, err)
		}
		if g.Exact < 0 || g.Misplaced < 0 || g.Exact+g.Misplaced > len(in.Format) {
			return fmt.Errorf("guesses[%d]: exact %d and misplaced %d do not fit %d positions", i, g.Exact, g.Misplaced, len(in.Format))
		}
	}
	return nil
}

// mmCount is n·(n-1)·…, k factors: the ways to fill k positions with
// different symbols out of n.
func mmCount(k, n int) int {
	c := 1
	for i := range k {
		c *= max(n-i, 0)
	}
	return c
}

// mmCheckCode checks that code fits the format (and, for a code rather
// than a guess, that its characters differ).
func mmCheckCode(in MastermindLock, code string, distinct bool) error {
	if len(code) != len(in.Format) {
		return fmt.Errorf("%q has %d characters, the code %d", exClip(code, 20), len(code), len(in.Format))
	}
	seen := map[byte]bool{}
	for i := range len(code) {
		c := code[i]
		if in.Format[i] == 'D' && (c < '0' || c > '9') {
			return fmt.Errorf("position %d of %q must be a digit", i+1, code)
		}
		if in.Format[i] == 'L' && !strings.ContainsRune(in.Letters, rune(c)) {
			return fmt.Errorf("position %d of %q must be one of the letters %s", i+1, code, in.Letters)
		}
		if distinct && seen[c] {
			return fmt.Errorf("%q repeats %c", code, c)
		}
		seen[c] = true
	}
	return nil
}

// mmFeedback scores guess against code: exact matches, and common
// characters (by multiplicity) that are not exact.
func mmFeedback[S string | []byte](code S, guess string) (exact, misplaced int) {
	var cc, cg [36]int8 // digits 0-9, then letters A-Z
	slot := func(c byte) int {
		if c <= '9' {
			return int(c-'0') % 36
		}
		return (int(c-'A') + 10) % 36
	}
	for i := range len(code) {
		if code[i] == guess[i] {
			exact++
		} else {
			cc[slot(code[i])]++
			cg[slot(guess[i])]++
		}
	}
	for c := range cc {
		misplaced += int(min(cc[c], cg[c]))
	}
	return exact, misplaced
}

func mmFits(in MastermindLock, code string) (bool, int) {
	for i, g := range in.Guesses {
		if e, m := mmFeedback(code, g.Guess); e != g.Exact || m != g.Misplaced {
			return false, i
		}
	}
	return true, -1
}

// mmAll calls yield with every code of the format with different
// characters that fits the guesses, in a buffer valid during the call.
// Partial codes are pruned with bounds on each guess's exact count and on
// its common count (exact + misplaced: with different characters in the
// code, the characters of the code that occur in the guess).
func mmAll(ctx context.Context, in MastermindLock, yield func(code []byte) bool) error {
	n := len(in.Format)
	buf := make([]byte, n)
	var used [256]bool
	var inGuess [][256]bool
	for _, g := range in.Guesses {
		var m [256]bool
		for i := range len(g.Guess) {
			m[g.Guess[i]] = true
		}
		inGuess = append(inGuess, m)
	}
	exact := make([]int, len(in.Guesses))
	common := make([]int, len(in.Guesses))
	nodes := 0
	var err error
	var rec func(i int) bool
	rec = func(i int) bool {
		if nodes++; nodes%8192 == 0 && ctx.Err() != nil {
			err = ctx.Err()
			return false
		}
		if i == n {
			return yield(buf)
		}
		syms := in.Letters
		if in.Format[i] == 'D' {
			syms = "0123456789"
		}
		left := n - i - 1
		for k := range len(syms) {
			c := syms[k]
			if used[c] {
				continue
			}
			ok := true
			for g, q := range in.Guesses {
				if q.Guess[i] == c {
					exact[g]++
				}
				if inGuess[g][c] {
					common[g]++
				}
				if exact[g] > q.Exact || exact[g]+left < q.Exact || common[g] > q.Exact+q.Misplaced || common[g]+left < q.Exact+q.Misplaced {
					ok = false
				}
			}
			if ok {
				used[c], buf[i] = true, c
				ok = rec(i + 1)
				used[c] = false
			} else {
				ok = true // pruned: try the next symbol
			}
			for g, q := range in.Guesses {
				if q.Guess[i] == c {
					exact[g]--
				}
				if inGuess[g][c] {
					common[g]--
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	rec(0)
	return err
}

// mastermindCodes lists up to limit codes that fit every guess.
func mastermindCodes(ctx context.Context, in MastermindLock, limit int) ([]string, error) {
	var out []string
	err := mmAll(ctx, in, func(code []byte) bool {
		if ok, _ := mmFits(in, string(code)); ok { // the bounds are exact at the leaves; check anyway
			out = append(out, string(code))
		}
		return len(out) < limit
	})
	return out, err
}

func generateMastermind(rng *rand.Rand, level int) (MastermindLock, error) {
	in := MastermindLock{
		Format:  exByLevel(level, "DDL", "DDLL", "DDDLL"),
		Letters: exByLevel(level, "ABCD", "ABCDEF", "ABCDEFGH"),
	}
	maxGuesses := exByLevel(level, 6, 8, 10)
	n := len(in.Format)
	secret := mmRandom(rng, in)
	// The first guesses are random; then the codes still possible are
	// listed (back to back in one buffer) and each further guess is the
	// best of a few.
	for range exByLevel(level, 0, 1, 2) {
		if g := mmRandom(rng, in); g != secret {
			e, m := mmFeedback(secret, g)
			in.Guesses = append(in.Guesses, MastermindClue{Guess: g, Exact: e, Misplaced: m})
		}
	}
	var cands []byte
	mmAll(context.Background(), in, func(code []byte) bool { cands = append(cands, code...); return true })
	code := func(i int) []byte { return cands[i*n : (i+1)*n] }
	for len(cands) > n && len(in.Guesses) < maxGuesses {
		// Of a few random guesses, keep the one leaving fewest codes,
		// judged on a sample of the codes still possible.
		count := len(cands) / n
		sample := make([]int, min(count, 600))
		for i := range sample {
			sample[i] = i
			if count > 600 {
				sample[i] = rng.IntN(count)
			}
		}
		best, bestLeft := MastermindClue{}, -1
		for range 5 {
			g := mmRandom(rng, in)
			if g == secret {
				continue
			}
			e, m := mmFeedback(secret, g)
			left := 0
			for _, i := range sample {
				if ce, cm := mmFeedback(code(i), g); ce == e && cm == m {
					left++
				}
			}
			if bestLeft < 0 || left < bestLeft {
				best, bestLeft = MastermindClue{Guess: g, Exact: e, Misplaced: m}, left
			}
		}
		if bestLeft < 0 {
			continue
		}
		var kept []byte
		for i := range count {
			if ce, cm := mmFeedback(code(i), best.Guess); ce == best.Exact && cm == best.Misplaced {
				kept = append(kept, code(i)...)
			}
		}
		if len(kept) == len(cands) {
			continue
		}
		in.Guesses = append(in.Guesses, best)
		cands = kept
	}
	return in, nil
}

// mmRandom draws a code of the format with different characters.
func mmRandom(rng *rand.Rand, in MastermindLock) string {
	digits, letters := []byte("0123456789"), []byte(in.Letters)
	rng.Shuffle(len(digits), func(i, j int) { digits[i], digits[j] = digits[j], digits[i] })
	rng.Shuffle(len(letters), func(i, j int) { letters[i], letters[j] = letters[j], letters[i] })
	code := []byte(in.Format)
	for i, d, l := 0, 0, 0; i < len(code); i++ {
		if code[i] == 'D' {
			code[i], d = digits[d], d+1
		} else {
			code[i], l = letters[l], l+1
		}
	}
	return string(code)
}

func promptMastermind(in MastermindLock) string {
	var b strings.Builder
	var kinds []string
	for i := range len(in.Format) {
		kind := "a digit (0-9)"
		if in.Format[i] == 'L' {
			kind = "a letter"
		}
		kinds = append(kinds, fmt.Sprintf("position %d is %s", i+1, kind))
	}
	fmt.Fprintf(&b, "A lock opens with a code of %d characters: %s. Letters come from %s. All characters of the code are different.\n",
		len(in.Format), strings.Join(kinds, ", "), strings.Join(strings.Split(in.Letters, ""), ", "))
	b.WriteString("For each earlier guess you were told how many characters are right and in the right place (exact) and how many are in the code but in another place (misplaced).\n\n")
	fmt.Fprintf(&b, "Format: %s\nLetters: %s\nGuesses:\n", in.Format, in.Letters)
	for i, g := range in.Guesses {
		fmt.Fprintf(&b, "%d. %s: %d exact, %d misplaced\n", i+1, g.Guess, g.Exact, g.Misplaced)
	}
	example := []byte(in.Format)
	for i, d, l := 0, 0, 0; i < len(example); i++ {
		if example[i] == 'D' {
			example[i], d = "12345678"[d], d+1
		} else {
			example[i], l = "XYZWVUTS"[l], l+1
		}
	}
	fmt.Fprintf(&b, "\nGive the code as one string in the format above (like %s). If no code fits, answer \"no solution\".\n", example)
	return b.String()
}

var mmGuessRE = regexp.MustCompile(`^\d+\. ([0-9A-Z]+): (\d+) exact, (\d+) misplaced$`)

func parseMastermind(prompt string) (MastermindLock, error) {
	var in MastermindLock
	var err error
	if in.Format, err = exLineAfter(prompt, "Format:"); err != nil {
		return in, err
	}
	if in.Letters, err = exLineAfter(prompt, "Letters:"); err != nil {
		return in, err
	}
	lines, err := exBlockAfter(prompt, "Guesses:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		m := mmGuessRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return in, fmt.Errorf("guesses[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		e, err1 := strconv.Atoi(m[2])
		mis, err2 := strconv.Atoi(m[3])
		if err1 != nil || err2 != nil {
			return in, fmt.Errorf("guesses[%d]: feedback out of range", i)
		}
		in.Guesses = append(in.Guesses, MastermindClue{Guess: m[1], Exact: e, Misplaced: mis})
	}
	return in, validateMastermind(in)
}

func verifyMastermind(in MastermindLock, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		codes, err := mastermindCodes(context.Background(), in, 1)
		if err != nil {
			return Reject("cannot check: %v", err)
		}
		if len(codes) > 0 {
			return Reject("a code fits every guess")
		}
		return Accept()
	}
	clean := func(s string) string {
		return strings.ToUpper(strings.Map(func(r rune) rune {
			if strings.ContainsRune(" \t\r\n,-_'\"`[](){}.:", r) {
				return -1
			}
			return r
		}, s))
	}
	s := StripAnswer(answer)
	code := clean(s)
	if f := strings.Fields(s); len(code) != len(in.Format) && len(f) > 1 {
		code = clean(f[len(f)-1]) // "the code is 12AB"
	}
	if err := mmCheckCode(in, code, true); err != nil {
		return Reject("%v", err)
	}
	if ok, i := mmFits(in, code); !ok {
		g := in.Guesses[i]
		e, m := mmFeedback(code, g.Guess)
		return Reject("guess %s would score %d exact, %d misplaced against %s, not %d and %d", g.Guess, e, m, code, g.Exact, g.Misplaced)
	}
	return Accept()
}
