package puzzles

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Lenient answer reading shared by the verifiers. Models wrap answers in
// <<<…>>>, code fences, quotes, "Answer:" prefixes and brackets; these
// helpers peel that off so that each verifier only sees the content.

// NoSolutionAnswer is the answer a solver gives for an instance without a
// solution; verifiers accept it (and its variants, see ClaimsNoSolution)
// exactly when the instance has none.
const NoSolutionAnswer = "no solution"

var (
	answerTagRE   = regexp.MustCompile(`(?s)<<<(.*?)>>>`)
	answerFenceRE = regexp.MustCompile("(?s)```[a-zA-Z0-9_+-]*\\s*\n?(.*?)```")
	answerLeadRE  = regexp.MustCompile(`(?i)^\s*(?:the\s+)?(?:final\s+)?(?:answer|solution|result)\s*(?:is)?\s*[:=]?\s*`)
)

// StripAnswer removes the wrappers around an answer: the last <<<…>>>
// block if there is one, a code fence, an "Answer:" prefix, and matching
// quotes or backticks around the whole. Inner text is kept as written.
func StripAnswer(s string) string {
	if m := answerTagRE.FindAllStringSubmatch(s, -1); len(m) > 0 {
		s = m[len(m)-1][1]
	}
	if m := answerFenceRE.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	s = strings.TrimSpace(s)
	s = answerLeadRE.ReplaceAllString(s, "")
	for len(s) >= 2 {
		first, last := s[0], s[len(s)-1]
		if (first == '"' && last == '"') || (first == '\'' && last == '\'') || (first == '`' && last == '`') {
			s = strings.TrimSpace(s[1 : len(s)-1])
			continue
		}
		break
	}
	return s
}

var noSolutionRE = regexp.MustCompile(`\b(?:no\s*solutions?|none|impossible|unsolvable|unsatisfiable|unsat|no\s+answer|not\s+possible|infeasible|no\s+valid|cannot\s+be\s+solved|can't\s+be\s+solved|not\s+solvable|no\s+way)\b`)

// ClaimsNoSolution reports whether an answer says that the instance has no
// solution ("no solution", "impossible", "unsolvable", "none", …).
func ClaimsNoSolution(answer string) bool {
	s := strings.ToLower(StripAnswer(answer))
	s = strings.Trim(s, " \t\r\n.!()[]{}\"'")
	if s == "" {
		return false
	}
	return len(s) <= 120 && noSolutionRE.MatchString(s)
}

// AnswerFields splits an answer into fields at whitespace, commas,
// semicolons, pipes, brackets, braces, parentheses and quotes.
func AnswerFields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', ';', '|', '[', ']', '{', '}', '(', ')', '"', '\'', '`':
			return true
		}
		return unicode.IsSpace(r)
	})
}

var answerIntRE = regexp.MustCompile(`[-+]?\d+`)

// AnswerInts returns every integer written in s, in order. A sign counts
// only when it is not preceded by a digit or a letter (so "3-4" is 3, 4).
func AnswerInts(s string) ([]int, error) {
	locs := answerIntRE.FindAllStringIndex(s, -1)
	out := make([]int, 0, len(locs))
	for _, l := range locs {
		tok := s[l[0]:l[1]]
		if (tok[0] == '-' || tok[0] == '+') && l[0] > 0 {
			prev := rune(s[l[0]-1])
			if unicode.IsDigit(prev) || unicode.IsLetter(prev) {
				tok = tok[1:]
			}
		}
		v, err := strconv.Atoi(tok)
		if err != nil || v > 1<<40 || v < -(1<<40) {
			return nil, fmt.Errorf("number %q is out of range", tok)
		}
		out = append(out, v)
	}
	return out, nil
}

// AnswerLines returns the non-empty lines of s with surrounding space and
// list markers ("1.", "-", "*", "Step 3:") removed.
func AnswerLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = answerBulletRE.ReplaceAllString(strings.TrimSpace(line), "")
		line = strings.TrimSpace(line)
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

var answerBulletRE = regexp.MustCompile(`(?i)^(?:[-*•]\s+|(?:step|move)?\s*\d+\s*[.):]\s*|step\s*\d+\s*[-:]?\s*)`)

// Reject returns a rejecting verdict with a one-line reason.
func Reject(format string, a ...any) Verdict {
	msg := fmt.Sprintf(format, a...)
	msg = strings.Join(strings.Fields(msg), " ")
	return Verdict{OK: false, Reason: msg}
}

// Accept is the accepting verdict.
func Accept() Verdict { return Verdict{OK: true} }
