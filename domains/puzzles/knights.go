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

// KnightsKnaves is a knights_knaves instance: people who are each a knight
// (always tells the truth) or a knave (always lies), and what they say.
type KnightsKnaves struct {
	People     []string      `json:"people" jsonschema:"names (capitalised words)"`
	Statements []KKStatement `json:"statements" jsonschema:"what the people say"`
}

// KKStatement is one claim by Speaker. Kinds: "is" (Persons[0] has
// Roles[0]), "and" / "or" (of the claims Persons[i] has Roles[i]), "same" /
// "different" (Persons[0] and Persons[1] are of the same / different
// kinds), "exactly" (exactly Count of Persons are knights).
type KKStatement struct {
	Speaker string   `json:"speaker"`
	Kind    string   `json:"kind" jsonschema:"is, and, or, same, different or exactly"`
	Persons []string `json:"persons" jsonschema:"the people the claim is about"`
	Roles   []string `json:"roles,omitempty" jsonschema:"knight or knave for each person, for is, and, or"`
	Count   int      `json:"count,omitempty" jsonschema:"for exactly: how many of persons are knights"`
}

var kkNames = []string{"Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy"}

func knightsSpec() Spec[KnightsKnaves] {
	return Spec[KnightsKnaves]{
		Name:        "knights_knaves",
		Family:      "planning",
		Description: "Decide who is a knight (always truthful) and who is a knave (always lying) from what they say.",
		Generate:    generateKnights,
		Prompt:      promptKnights,
		Parse:       parseKnights,
		Validate:    validateKnights,
		Solve: func(ctx context.Context, in KnightsKnaves) (Solution, error) {
			sols := kkSolutions(in, 1)
			if len(sols) == 0 {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: kkFormat(in.People, sols[0]), Structured: kkRoles(sols[0], len(in.People))}, nil
		},
		Verify: verifyKnights,
	}
}

var kkNameRE = regexp.MustCompile(`^[A-Z][a-z]{1,11}$`)

func validateKnights(in KnightsKnaves) error {
	if len(in.People) < 1 || len(in.People) > 16 {
		return fmt.Errorf("people: want 1 to 16, got %d", len(in.People))
	}
	idx := map[string]bool{}
	for i, p := range in.People {
		if !kkNameRE.MatchString(p) || idx[p] {
			return fmt.Errorf("people[%d]: %q is not a new capitalised name", i, p)
		}
		idx[p] = true
	}
	if len(in.Statements) == 0 || len(in.Statements) > 64 {
		return fmt.Errorf("statements: want 1 to 64, got %d", len(in.Statements))
	}
	for i, s := range in.Statements {
		if !idx[s.Speaker] {
			return fmt.Errorf("statements[%d].speaker: unknown person %q", i, s.Speaker)
		}
		for j, p := range s.Persons {
			if !idx[p] {
				return fmt.Errorf("statements[%d].persons[%d]: unknown person %q", i, j, p)
			}
		}
		want := map[string]int{"is": 1, "and": 2, "or": 2, "same": 2, "different": 2}
		switch s.Kind {
		case "is", "and", "or":
			if len(s.Persons) != want[s.Kind] || len(s.Roles) != len(s.Persons) {
				return fmt.Errorf("statements[%d]: %q needs %d persons with a role each", i, s.Kind, want[s.Kind])
			}
			for j, r := range s.Roles {
				if r != "knight" && r != "knave" {
					return fmt.Errorf("statements[%d].roles[%d]: %q is not knight or knave", i, j, r)
				}
			}
		case "same", "different":
			if len(s.Persons) != 2 || len(s.Roles) != 0 {
				return fmt.Errorf("statements[%d]: %q needs 2 persons and no roles", i, s.Kind)
			}
		case "exactly":
			if len(s.Persons) < 2 || len(s.Roles) != 0 || s.Count < 0 || s.Count > len(s.Persons) {
				return fmt.Errorf("statements[%d]: exactly needs 2 or more persons, no roles and a count within 0..%d", i, len(s.Persons))
			}
		default:
			return fmt.Errorf("statements[%d].kind: %q is not is, and, or, same, different or exactly", i, s.Kind)
		}
		if s.Kind != "exactly" && slices.Contains(s.Persons, s.Speaker) {
			return fmt.Errorf("statements[%d]: %s speaks about themself; only exactly may include the speaker", i, s.Speaker)
		}
		seen := map[string]bool{}
		for _, p := range s.Persons {
			if seen[p] {
				return fmt.Errorf("statements[%d].persons: %q is listed twice", i, p)
			}
			seen[p] = true
		}
	}
	return nil
}

// kkTrue evaluates a statement under an assignment (bit i set: person i is
// a knight).
func kkTrue(s KKStatement, index map[string]int, mask uint32) bool {
	knight := func(p string) bool { return mask>>index[p]&1 == 1 }
	lit := func(j int) bool { return knight(s.Persons[j]) == (s.Roles[j] == "knight") }
	switch s.Kind {
	case "is":
		return lit(0)
	case "and":
		return lit(0) && lit(1)
	case "or":
		return lit(0) || lit(1)
	case "same":
		return knight(s.Persons[0]) == knight(s.Persons[1])
	case "different":
		return knight(s.Persons[0]) != knight(s.Persons[1])
	}
	n := 0
	for _, p := range s.Persons {
		if knight(p) {
			n++
		}
	}
	return n == s.Count
}

func kkIndex(people []string) map[string]int {
	index := map[string]int{}
	for i, p := range people {
		index[p] = i
	}
	return index
}

// kkConsistent reports whether every speaker's statements are true exactly
// when the speaker is a knight.
func kkConsistent(in KnightsKnaves, index map[string]int, mask uint32) (bool, int) {
	for i, s := range in.Statements {
		if kkTrue(s, index, mask) != (mask>>index[s.Speaker]&1 == 1) {
			return false, i
		}
	}
	return true, -1
}

// kkSolutions lists up to limit consistent assignments, trying all 2^n.
func kkSolutions(in KnightsKnaves, limit int) []uint32 {
	index := kkIndex(in.People)
	var out []uint32
	for mask := uint32(0); mask < 1<<len(in.People); mask++ {
		if ok, _ := kkConsistent(in, index, mask); ok {
			if out = append(out, mask); len(out) >= limit {
				break
			}
		}
	}
	return out
}

func kkRoles(mask uint32, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "knave"
		if mask>>i&1 == 1 {
			out[i] = "knight"
		}
	}
	return out
}

func kkFormat(people []string, mask uint32) string {
	roles := kkRoles(mask, len(people))
	parts := make([]string, len(people))
	for i, p := range people {
		parts[i] = p + ": " + roles[i]
	}
	return strings.Join(parts, ", ")
}

func kkRandomStatement(rng *rand.Rand, people []string, speaker int) KKStatement {
	others := []string{}
	for i, p := range people {
		if i != speaker {
			others = append(others, p)
		}
	}
	rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	role := func() string { return exPick(rng, []string{"knight", "knave"}) }
	s := KKStatement{Speaker: people[speaker]}
	kinds := []string{"is", "and", "or", "same", "different", "exactly"}
	if len(others) < 2 {
		kinds = []string{"is"}
	}
	switch s.Kind = exPick(rng, kinds); s.Kind {
	case "is":
		s.Persons, s.Roles = others[:1], []string{role()}
	case "and", "or":
		s.Persons, s.Roles = others[:2], []string{role(), role()}
	case "same", "different":
		s.Persons = others[:2]
	case "exactly":
		k := exBetween(rng, 2, min(3, len(others)))
		group := append([]string{people[speaker]}, others[:k]...)
		if rng.IntN(2) == 0 {
			group = others[:k]
		}
		// Keep the order of the people list in the group.
		slices.SortFunc(group, func(a, b string) int { return slices.Index(people, a) - slices.Index(people, b) })
		s.Persons, s.Count = group, rng.IntN(len(group)+1)
	}
	s.Persons = slices.Clone(s.Persons)
	return s
}

func generateKnights(rng *rand.Rand, level int) (KnightsKnaves, error) {
	n := exByLevel(level, 3, 4, 6)
	names := slices.Clone(kkNames)
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	in := KnightsKnaves{People: names[:n]}
	slices.Sort(in.People)
	truth := uint32(rng.IntN(1 << n))
	index := kkIndex(in.People)
	// A true statement for a knight, a false one for a knave.
	statement := func(speaker int) KKStatement {
		for {
			s := kkRandomStatement(rng, in.People, speaker)
			if kkTrue(s, index, truth) == (truth>>speaker&1 == 1) {
				return s
			}
		}
	}
	for i := range n {
		in.Statements = append(in.Statements, statement(i))
	}
	for extra := 0; extra < 3*n && len(kkSolutions(in, 2)) > 1; extra++ {
		in.Statements = append(in.Statements, statement(rng.IntN(n)))
	}
	return in, nil
}

func kkSentence(s KKStatement) string {
	role := func(j int) string { return fmt.Sprintf("%s is a %s", s.Persons[j], s.Roles[j]) }
	switch s.Kind {
	case "is":
		return role(0) + "."
	case "and":
		return role(0) + " and " + role(1) + "."
	case "or":
		return role(0) + " or " + role(1) + "."
	case "same":
		return fmt.Sprintf("%s and %s are the same kind.", s.Persons[0], s.Persons[1])
	case "different":
		return fmt.Sprintf("%s and %s are different kinds.", s.Persons[0], s.Persons[1])
	}
	list := strings.Join(s.Persons[:len(s.Persons)-1], ", ") + " and " + s.Persons[len(s.Persons)-1]
	return fmt.Sprintf("Exactly %d of %s are knights.", s.Count, list)
}

func promptKnights(in KnightsKnaves) string {
	var b strings.Builder
	b.WriteString("On an island every inhabitant is either a knight, who always tells the truth, or a knave, who always lies. " +
		"You meet " + fmt.Sprint(len(in.People)) + " inhabitants.\n\n")
	fmt.Fprintf(&b, "People: %s\n\nStatements:\n", strings.Join(in.People, ", "))
	for _, s := range in.Statements {
		fmt.Fprintf(&b, "%s says: \"%s\"\n", s.Speaker, kkSentence(s))
	}
	b.WriteString("\nSay who is a knight and who is a knave, as name: role separated by commas, e.g. Xavier: knight, Yolanda: knave. " +
		"If no assignment fits the statements, answer \"no solution\".\n")
	return b.String()
}

var (
	kkSayRE     = regexp.MustCompile(`^([A-Z][a-z]+) says: "(.*)"$`)
	kkIsRE      = regexp.MustCompile(`^([A-Z][a-z]+) is a (knight|knave)\.$`)
	kkAndOrRE   = regexp.MustCompile(`^([A-Z][a-z]+) is a (knight|knave) (and|or) ([A-Z][a-z]+) is a (knight|knave)\.$`)
	kkSameRE    = regexp.MustCompile(`^([A-Z][a-z]+) and ([A-Z][a-z]+) are (the same kind|different kinds)\.$`)
	kkExactlyRE = regexp.MustCompile(`^Exactly (\d+) of ((?:[A-Z][a-z]+, )*[A-Z][a-z]+) and ([A-Z][a-z]+) are knights\.$`)
)

func parseKnights(prompt string) (KnightsKnaves, error) {
	var in KnightsKnaves
	people, err := exLineAfter(prompt, "People:")
	if err != nil {
		return in, err
	}
	for p := range strings.SplitSeq(people, ",") {
		in.People = append(in.People, strings.TrimSpace(p))
	}
	lines, err := exBlockAfter(prompt, "Statements:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		m := kkSayRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return in, fmt.Errorf("statements[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		s := KKStatement{Speaker: m[1]}
		claim := m[2]
		if c := kkAndOrRE.FindStringSubmatch(claim); c != nil {
			s.Kind, s.Persons, s.Roles = c[3], []string{c[1], c[4]}, []string{c[2], c[5]}
		} else if c := kkIsRE.FindStringSubmatch(claim); c != nil {
			s.Kind, s.Persons, s.Roles = "is", []string{c[1]}, []string{c[2]}
		} else if c := kkSameRE.FindStringSubmatch(claim); c != nil {
			s.Kind, s.Persons = "same", []string{c[1], c[2]}
			if c[3] == "different kinds" {
				s.Kind = "different"
			}
		} else if c := kkExactlyRE.FindStringSubmatch(claim); c != nil {
			s.Kind = "exactly"
			if s.Count, err = strconv.Atoi(c[1]); err != nil {
				return in, fmt.Errorf("statements[%d]: count %q is out of range", i, c[1])
			}
			for p := range strings.SplitSeq(c[2], ",") {
				s.Persons = append(s.Persons, strings.TrimSpace(p))
			}
			s.Persons = append(s.Persons, c[3])
		} else {
			return in, fmt.Errorf("statements[%d]: cannot read the claim %q", i, claim)
		}
		in.Statements = append(in.Statements, s)
	}
	return in, validateKnights(in)
}

var kkAnswerRE = regexp.MustCompile(`(?i)\b([a-z]+)\b\s*(?:[:=\-–]|\bis\b)?\s*(?:\ba\b\s*)?\b(knights?|knaves?)\b`)

func verifyKnights(in KnightsKnaves, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		if len(kkSolutions(in, 1)) > 0 {
			return Reject("an assignment fits all the statements")
		}
		return Accept()
	}
	index := kkIndex(in.People)
	lower := map[string]string{}
	for _, p := range in.People {
		lower[strings.ToLower(p)] = p
	}
	var mask uint32
	seen := map[string]string{}
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune("\"'`[]{}()", r) {
			return ' '
		}
		return r
	}, StripAnswer(answer))
	for _, m := range kkAnswerRE.FindAllStringSubmatch(clean, -1) {
		name, ok := lower[strings.ToLower(m[1])]
		if !ok {
			continue // "is a knight" after a word that is not a name
		}
		role := strings.TrimSuffix(strings.ToLower(m[2]), "s")
		if old, dup := seen[name]; dup && old != role {
			return Reject("%s is given two roles", name)
		}
		seen[name] = role
		if role == "knight" {
			mask |= 1 << index[name]
		}
	}
	for _, p := range in.People {
		if _, ok := seen[p]; !ok {
			return Reject("no role given for %s", p)
		}
	}
	if ok, i := kkConsistent(in, index, mask); !ok {
		s := in.Statements[i]
		return Reject("%s is a %s but says %q", s.Speaker, kkRoles(mask>>index[s.Speaker], 1)[0], kkSentence(s))
	}
	return Accept()
}
