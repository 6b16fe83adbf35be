package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
)

// StringRewrite is a string_rewrite instance: a start string and ordered
// rules. At each step the first rule that applies is applied once; the
// process stops when no rule applies or when the next string would repeat
// one seen before, and the answer is the string at that point.
type StringRewrite struct {
	Text  string        `json:"text" jsonschema:"the start string (lowercase letters)"`
	Rules []RewriteRule `json:"rules" jsonschema:"rules in priority order"`
}

// RewriteRule replaces From by To: as a prefix, as a suffix, or at its
// first (leftmost) occurrence. To is never longer than From.
type RewriteRule struct {
	Kind string `json:"kind" jsonschema:"prefix, suffix or contains"`
	From string `json:"from" jsonschema:"the text to find (lowercase letters)"`
	To   string `json:"to" jsonschema:"the replacement, at most as long as from; empty deletes"`
}

// rewriteMaxSteps bounds the simulation (rules never lengthen the string,
// so it always ends, but length-keeping rules can cycle through many
// strings first).
const rewriteMaxSteps = 100_000

var errRewriteSteps = errors.New("more than 100000 rewriting steps")

func rewriteSpec() Spec[StringRewrite] {
	return Spec[StringRewrite]{
		Name:        "string_rewrite",
		Family:      "execution",
		Description: "Apply ordered prefix, suffix and substring rewrite rules to a string until none applies or a string repeats.",
		Generate:    generateRewrite,
		Prompt:      promptRewrite,
		Parse:       parseRewrite,
		Validate:    validateRewrite,
		Solve: func(ctx context.Context, in StringRewrite) (Solution, error) {
			s, steps, err := runRewrite(ctx, in)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: string_rewrite: %w", err)
			}
			ans := s
			if ans == "" {
				ans = `""`
			}
			return Solution{Answer: ans, Structured: map[string]any{"text": s, "steps": steps}}, nil
		},
		Verify: verifyRewrite,
	}
}

func exLowerWord(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func validateRewrite(in StringRewrite) error {
	if in.Text == "" || len(in.Text) > 60 || !exLowerWord(in.Text) {
		return fmt.Errorf("text: want 1 to 60 lowercase letters a-z, got %q", in.Text)
	}
	if len(in.Rules) == 0 || len(in.Rules) > 20 {
		return fmt.Errorf("rules: want 1 to 20 rules, got %d", len(in.Rules))
	}
	for i, r := range in.Rules {
		if r.Kind != "prefix" && r.Kind != "suffix" && r.Kind != "contains" {
			return fmt.Errorf("rules[%d].kind: %q is not prefix, suffix or contains", i, r.Kind)
		}
		if r.From == "" || len(r.From) > 10 || !exLowerWord(r.From) {
			return fmt.Errorf("rules[%d].from: want 1 to 10 lowercase letters, got %q", i, r.From)
		}
		if len(r.To) > len(r.From) || !exLowerWord(r.To) {
			return fmt.Errorf("rules[%d].to: want lowercase letters, no longer than from, got %q", i, r.To)
		}
	}
	return nil
}

// rewriteStep applies the first applicable rule; ok is false when none
// applies.
func rewriteStep(s string, rules []RewriteRule) (string, bool) {
	for _, r := range rules {
		switch r.Kind {
		case "prefix":
			if rest, ok := strings.CutPrefix(s, r.From); ok {
				return r.To + rest, true
			}
		case "suffix":
			if rest, ok := strings.CutSuffix(s, r.From); ok {
				return rest + r.To, true
			}
		case "contains":
			if i := strings.Index(s, r.From); i >= 0 {
				return s[:i] + r.To + s[i+len(r.From):], true
			}
		}
	}
	return s, false
}

// runRewrite returns the final string and the number of rules applied.
func runRewrite(ctx context.Context, in StringRewrite) (string, int, error) {
	seen := map[string]bool{in.Text: true}
	s := in.Text
	for steps := 0; ; steps++ {
		if steps >= rewriteMaxSteps {
			return "", steps, errRewriteSteps
		}
		if steps%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return "", steps, err
			}
		}
		next, ok := rewriteStep(s, in.Rules)
		if !ok || seen[next] {
			return s, steps, nil
		}
		seen[next] = true
		s = next
	}
}

func generateRewrite(rng *rand.Rand, level int) (StringRewrite, error) {
	alpha := exByLevel(level, "abc", "abc", "abcd")
	length := exByLevel(level, 6, 9, 12)
	nrules := exByLevel(level, 3, 4, 5)
	minSteps := exByLevel(level, 2, 4, 6)
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		return string(b)
	}
	for {
		in := StringRewrite{Text: word(length)}
		for range nrules {
			from := word(exPick(rng, []int{1, 2, 2, 2, 3}))
			to := word(max(0, len(from)-exPick(rng, []int{0, 0, 1, 1, 2})))
			if from == to {
				continue
			}
			in.Rules = append(in.Rules, RewriteRule{Kind: exPick(rng, []string{"prefix", "suffix", "contains", "contains"}), From: from, To: to})
		}
		if len(in.Rules) == 0 {
			continue
		}
		s, steps, err := runRewrite(context.Background(), in)
		if err == nil && steps >= minSteps && s != "" {
			return in, nil
		}
	}
}

func rewritePhrase(r RewriteRule) string {
	var cond, what string
	switch r.Kind {
	case "prefix":
		cond, what = "starts with", "that prefix"
	case "suffix":
		cond, what = "ends with", "that suffix"
	default:
		cond, what = "contains", "its first occurrence"
	}
	if r.To == "" {
		return fmt.Sprintf("If the string %s %q, remove %s.", cond, r.From, what)
	}
	return fmt.Sprintf("If the string %s %q, replace %s with %q.", cond, r.From, what, r.To)
}

func promptRewrite(in StringRewrite) string {
	var b strings.Builder
	b.WriteString("Transform the string below with the rules that follow. At each step, take the first rule in the list that applies, apply it once, and start again from rule 1. " +
		"Stop when no rule applies, or when applying the rule would give a string that has appeared before; the answer is then the current string.\n\n")
	fmt.Fprintf(&b, "String: %q\n\nRules:\n", in.Text)
	for i, r := range in.Rules {
		fmt.Fprintf(&b, "%d. %s\n", i+1, rewritePhrase(r))
	}
	b.WriteString("\nGive the final string only (write \"\" if it is empty).\n")
	return b.String()
}

var rewriteRuleRE = regexp.MustCompile(`^\d+\. If the string (starts with|ends with|contains) "([a-z]*)", (?:remove (that prefix|that suffix|its first occurrence)|replace (that prefix|that suffix|its first occurrence) with "([a-z]*)")\.$`)

func parseRewrite(prompt string) (StringRewrite, error) {
	var in StringRewrite
	text, err := exLineAfter(prompt, "String:")
	if err != nil {
		return in, err
	}
	if len(text) < 2 || text[0] != '"' || text[len(text)-1] != '"' {
		return in, fmt.Errorf("text: %q is not quoted", text)
	}
	in.Text = text[1 : len(text)-1]
	lines, err := exBlockAfter(prompt, "Rules:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		m := rewriteRuleRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return in, fmt.Errorf("rules[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		kind := map[string]string{"starts with": "prefix", "ends with": "suffix", "contains": "contains"}[m[1]]
		in.Rules = append(in.Rules, RewriteRule{Kind: kind, From: m[2], To: m[5]})
	}
	return in, validateRewrite(in)
}

// rewriteAnswer reads a string answer leniently: quotes, brackets and a
// final period are dropped, case is ignored, and "", "empty" or "(empty)"
// mean the empty string. With several words the last one counts.
func rewriteAnswer(answer string) string {
	s := strings.TrimSpace(StripAnswer(answer))
	if f := strings.Fields(s); len(f) > 1 {
		s = f[len(f)-1]
	}
	s = strings.Trim(s, "\"'`[](){}.,;:")
	s = strings.ToLower(s)
	if s == "empty" || s == "ε" {
		return ""
	}
	return s
}

func verifyRewrite(in StringRewrite, answer string) Verdict {
	want, _, err := runRewrite(context.Background(), in)
	if err != nil {
		return Reject("cannot check: %v", err)
	}
	if strings.TrimSpace(answer) == "" {
		return Reject("empty answer (write \"\" for the empty string)")
	}
	got := rewriteAnswer(answer)
	if !exLowerWord(got) {
		return Reject("%q is not a string of lowercase letters", got)
	}
	if got != want {
		return Reject("%q is not the final string", got)
	}
	return Accept()
}
