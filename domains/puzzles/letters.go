package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
)

// LetterCount is a letter_count instance: a text of letters and spaces and
// a letter whose occurrences (ignoring case) are counted and located.
type LetterCount struct {
	Text   string `json:"text" jsonschema:"letters and single spaces"`
	Letter string `json:"letter" jsonschema:"one lowercase letter a-z"`
}

// LetterCountAnswer is the structured answer: the count and the 1-based
// positions of the letter among all characters (spaces included).
type LetterCountAnswer struct {
	Count     int   `json:"count"`
	Positions []int `json:"positions"`
}

// letterWords is a small built-in vocabulary for the generator.
var letterWords = strings.Fields(`strawberry banana mississippi committee bookkeeper
	parallel occurrence necessary accommodation millennium embarrass possession
	assessment balloon coffee address success tomorrow letter puzzle pepper
	umbrella giraffe elephant sunflower butterfly raspberry blueberry chocolate
	mountain river island harbour lantern orchestra symphony volcano hurricane
	programming algorithm compiler variable function parameter recursion
	keyboard monitor notebook pencil scissors kangaroo chimpanzee hippopotamus
	barrel cellar kitten mitten running swimming difference referee bubble`)

func letterSpec() Spec[LetterCount] {
	return Spec[LetterCount]{
		Name:        "letter_count",
		Family:      "execution",
		Description: "Count the occurrences of a letter in a text and list their positions.",
		Generate:    generateLetter,
		Prompt:      promptLetter,
		Parse:       parseLetter,
		Validate:    validateLetter,
		Solve: func(_ context.Context, in LetterCount) (Solution, error) {
			pos := letterPositions(in)
			return Solution{Answer: fmt.Sprintf("%d: %s", len(pos), exJoinInts(pos, ", ")),
				Structured: LetterCountAnswer{Count: len(pos), Positions: pos}}, nil
		},
		Verify: verifyLetter,
	}
}

func validateLetter(in LetterCount) error {
	if in.Text == "" || len(in.Text) > 300 {
		return fmt.Errorf("text: want 1 to 300 characters, got %d", len(in.Text))
	}
	for i, r := range in.Text {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == ' ') {
			return fmt.Errorf("text: character %d (%q) is not a letter or a space", i+1, r)
		}
	}
	if strings.TrimSpace(in.Text) != in.Text || strings.Contains(in.Text, "  ") {
		return fmt.Errorf("text: spaces must be single and between words")
	}
	if len(in.Letter) != 1 || in.Letter[0] < 'a' || in.Letter[0] > 'z' {
		return fmt.Errorf("letter: want one lowercase letter a-z, got %q", in.Letter)
	}
	return nil
}

func letterPositions(in LetterCount) []int {
	pos := []int{}
	for i := range len(in.Text) {
		if c := in.Text[i] | 0x20; c == in.Letter[0] {
			pos = append(pos, i+1)
		}
	}
	return pos
}

func generateLetter(rng *rand.Rand, level int) (LetterCount, error) {
	nwords := exByLevel(level, 1, 2, exBetween(rng, 5, 7))
	words := make([]string, nwords)
	for i := range words {
		w := exPick(rng, letterWords)
		if level >= Hard && rng.IntN(3) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		words[i] = w
	}
	text := strings.Join(words, " ")
	letter := string(rune('a' + rng.IntN(26)))
	if rng.IntN(10) > 0 { // mostly a letter that occurs, preferring repeated ones
		lower := strings.ToLower(strings.ReplaceAll(text, " ", ""))
		best := lower[rng.IntN(len(lower))]
		for range 3 {
			c := lower[rng.IntN(len(lower))]
			if strings.Count(lower, string(c)) > strings.Count(lower, string(best)) {
				best = c
			}
		}
		letter = string(best)
	}
	return LetterCount{Text: text, Letter: letter}, nil
}

func promptLetter(in LetterCount) string {
	return fmt.Sprintf("Count how many times the letter %q occurs in the text below, ignoring upper and lower case, and list the positions where it occurs. "+
		"Positions count every character of the text, spaces included, starting from 1.\n\n"+
		"Text: %q\nLetter: %q\n\n"+
		"Answer with the count, a colon and the positions in increasing order separated by commas, e.g. `3: 2, 5, 9` (or `0:` when the letter does not occur).\n",
		in.Letter, in.Text, in.Letter)
}

func parseLetter(prompt string) (LetterCount, error) {
	var in LetterCount
	unquote := func(label string) (string, error) {
		s, err := exLineAfter(prompt, label)
		if err != nil {
			return "", err
		}
		if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
			return "", fmt.Errorf("%s %q is not quoted", strings.ToLower(strings.TrimSuffix(label, ":")), s)
		}
		return s[1 : len(s)-1], nil
	}
	var err error
	if in.Text, err = unquote("Text:"); err != nil {
		return in, err
	}
	if in.Letter, err = unquote("Letter:"); err != nil {
		return in, err
	}
	return in, validateLetter(in)
}

func verifyLetter(in LetterCount, answer string) Verdict {
	want := letterPositions(in)
	s := StripAnswer(answer)
	if ClaimsNoSolution(s) {
		return Reject("the question always has an answer (write 0: when the letter does not occur)")
	}
	nums, err := AnswerInts(s)
	if err != nil {
		return Reject("%v", err)
	}
	if len(nums) == 0 {
		return Reject("no count found")
	}
	if nums[0] != len(want) {
		return Reject("the count %d is wrong", nums[0])
	}
	got := nums[1:]
	if len(got) != len(want) {
		return Reject("%d positions listed for a count of %d", len(got), nums[0])
	}
	isWant := map[int]bool{}
	for _, p := range want {
		isWant[p] = true
	}
	seen := map[int]bool{}
	for _, p := range got {
		if seen[p] {
			return Reject("position %d is listed twice", p)
		}
		seen[p] = true
		if !isWant[p] {
			return Reject("position %d does not hold the letter %q", p, in.Letter)
		}
	}
	return Accept()
}
