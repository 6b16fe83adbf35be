package puzzles

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/csp"
)

// Arrangement is an instance of arrangement: items to order on a shelf
// under positional constraints.
type Arrangement struct {
	Items       []string          `json:"items" jsonschema:"the items to place, one word each (lower-case letters, digits, '-')"`
	Constraints []ArrangementRule `json:"constraints" jsonschema:"the rules the order must satisfy"`
}

// ArrangementRule is one constraint of an arrangement. Positions count
// from 1 at the left end of the shelf.
type ArrangementRule struct {
	Kind     string `json:"kind" jsonschema:"at, not_at, left_of, right_of, adjacent or not_adjacent"`
	Item     string `json:"item" jsonschema:"the item the rule is about"`
	Other    string `json:"other,omitempty" jsonschema:"the second item, for left_of, right_of, adjacent and not_adjacent"`
	Position int    `json:"position,omitempty" jsonschema:"the position from 1 (leftmost), for at and not_at"`
}

// OrderSolution is the structured answer of arrangement.
type OrderSolution struct {
	Order []string `json:"order"`
}

func arrangementSpec() Spec[Arrangement] {
	return Spec[Arrangement]{
		Name:        "arrangement",
		Family:      "planning",
		Description: "Order items on a shelf under at / not-at / left-of / right-of / adjacent constraints.",
		Generate:    arrangementGenerate,
		Prompt:      arrangementPrompt,
		Parse:       arrangementParse,
		Validate:    arrangementValidate,
		Solve:       arrangementSolve,
		Verify:      arrangementVerify,
	}
}

var arrangementItemRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,29}$`)

func arrangementValidate(in Arrangement) error {
	n := len(in.Items)
	if n < 1 || n > 20 {
		return fmt.Errorf("items: want 1 to 20 items, got %d", n)
	}
	seen := map[string]bool{}
	for i, it := range in.Items {
		if !arrangementItemRE.MatchString(it) {
			return fmt.Errorf("items[%d]: %q: want one lower-case word (letters, digits, '-')", i, it)
		}
		if seen[it] {
			return fmt.Errorf("items[%d]: %q is listed twice", i, it)
		}
		seen[it] = true
	}
	if len(in.Constraints) > 200 {
		return fmt.Errorf("constraints: at most 200, got %d", len(in.Constraints))
	}
	for i, c := range in.Constraints {
		if !seen[c.Item] {
			return fmt.Errorf("constraints[%d].item: %q is not one of the items", i, c.Item)
		}
		switch c.Kind {
		case "at", "not_at":
			if c.Position < 1 || c.Position > n {
				return fmt.Errorf("constraints[%d].position: %d is outside 1..%d", i, c.Position, n)
			}
			if c.Other != "" {
				return fmt.Errorf("constraints[%d].other: %s takes no second item", i, c.Kind)
			}
		case "left_of", "right_of", "adjacent", "not_adjacent":
			if !seen[c.Other] {
				return fmt.Errorf("constraints[%d].other: %q is not one of the items", i, c.Other)
			}
			if c.Other == c.Item {
				return fmt.Errorf("constraints[%d].other: the same item as item", i)
			}
			if c.Position != 0 {
				return fmt.Errorf("constraints[%d].position: %s takes no position", i, c.Kind)
			}
		default:
			return fmt.Errorf("constraints[%d].kind: %q: want at, not_at, left_of, right_of, adjacent or not_adjacent", i, c.Kind)
		}
	}
	return nil
}

func arrangementModel(in Arrangement) *csp.Model {
	n := len(in.Items)
	m := csp.NewModel()
	pos := map[string]csp.IntVar{}
	all := make([]csp.IntVar, n)
	for i, it := range in.Items {
		pos[it] = m.IntVar(it, 1, n)
		all[i] = pos[it]
	}
	m.AllDifferent(all...)
	for _, c := range in.Constraints {
		a, b := pos[c.Item], pos[c.Other]
		diff := func(op csp.Op, k int) csp.Constraint {
			return csp.Linear([]csp.Term{csp.T(1, a), csp.T(-1, b)}, op, k)
		}
		switch c.Kind {
		case "at":
			m.Add(csp.Cmp(a, csp.EQ, c.Position))
		case "not_at":
			m.Add(csp.Cmp(a, csp.NE, c.Position))
		case "left_of":
			m.Add(diff(csp.LT, 0))
		case "right_of":
			m.Add(diff(csp.GT, 0))
		case "adjacent":
			m.Add(csp.Or(diff(csp.EQ, 1), diff(csp.EQ, -1)))
		case "not_adjacent":
			m.Add(diff(csp.NE, 1), diff(csp.NE, -1))
		}
	}
	return m
}

func arrangementSolve(ctx context.Context, in Arrangement) (Solution, error) {
	sol, err := arrangementModel(in).Solve(ctx, csp.Options{})
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: arrangement: %w", err)
	}
	switch sol.Status {
	case csp.Infeasible:
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	case csp.Unknown:
		return Solution{}, fmt.Errorf("puzzles: arrangement: no answer within the limits: %w", ctx.Err())
	}
	order := make([]string, len(in.Items))
	for _, it := range in.Items {
		order[sol.Values[it]-1] = it
	}
	return Solution{Answer: strings.Join(order, ", "), Structured: OrderSolution{Order: order}}, nil
}

var arrangementFiller = map[string]bool{"the": true, "then": true, "and": true, "a": true, "an": true, "->": true, "→": true, "-": true, "left": true, "right": true, "to": true}

// arrangementRead reads the order: the item names in the answer, left to
// right, ignoring numbering, arrows and filler words.
func arrangementRead(in Arrangement, answer string) []string {
	var out []string
	for _, f := range AnswerFields(strings.ToLower(StripAnswer(answer))) {
		f = strings.Trim(f, ".:>→")
		if f == "" || arrangementFiller[f] {
			continue
		}
		if _, err := strconv.Atoi(f); err == nil && !slices.Contains(in.Items, f) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func arrangementVerify(in Arrangement, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		sol, err := arrangementSolve(context.Background(), in)
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if !sol.Unsat {
			return Reject("the answer says there is no solution, but %s works", sol.Answer)
		}
		return Accept()
	}
	order := arrangementRead(in, answer)
	pos := map[string]int{}
	for i, it := range order {
		if !slices.Contains(in.Items, it) {
			return Reject("%q is not one of the items", it)
		}
		if _, dup := pos[it]; dup {
			return Reject("%s appears twice", it)
		}
		pos[it] = i + 1
	}
	if len(order) != len(in.Items) {
		return Reject("want all %d items in order, found %d", len(in.Items), len(order))
	}
	for _, c := range in.Constraints {
		if !arrangementHolds(c, pos) {
			return Reject("%s", "violates: "+arrangementText(c))
		}
	}
	return Accept()
}

func arrangementHolds(c ArrangementRule, pos map[string]int) bool {
	a, b := pos[c.Item], pos[c.Other]
	switch c.Kind {
	case "at":
		return a == c.Position
	case "not_at":
		return a != c.Position
	case "left_of":
		return a < b
	case "right_of":
		return a > b
	case "adjacent":
		return a-b == 1 || b-a == 1
	case "not_adjacent":
		return a-b != 1 && b-a != 1
	}
	return false
}

func arrangementText(c ArrangementRule) string {
	switch c.Kind {
	case "at":
		return fmt.Sprintf("The %s is at position %d.", c.Item, c.Position)
	case "not_at":
		return fmt.Sprintf("The %s is not at position %d.", c.Item, c.Position)
	case "left_of":
		return fmt.Sprintf("The %s is somewhere to the left of the %s.", c.Item, c.Other)
	case "right_of":
		return fmt.Sprintf("The %s is somewhere to the right of the %s.", c.Item, c.Other)
	case "adjacent":
		return fmt.Sprintf("The %s is next to the %s.", c.Item, c.Other)
	case "not_adjacent":
		return fmt.Sprintf("The %s is not next to the %s.", c.Item, c.Other)
	}
	return ""
}

var arrangementNouns = []string{"apple", "book", "candle", "clock", "cup", "doll", "drum", "fan", "globe", "hat",
	"jar", "kettle", "lamp", "map", "mirror", "mug", "plant", "radio", "shell", "statue", "teapot", "vase", "watch", "yo-yo"}

func arrangementGenerate(rng *rand.Rand, level int) (Arrangement, error) {
	n := 3 + 2*level // 5, 7 or 9 items
	in := Arrangement{}
	for _, i := range rng.Perm(len(arrangementNouns))[:n] {
		in.Items = append(in.Items, arrangementNouns[i])
	}
	order := rng.Perm(n) // order[k] = index of the item at position k+1
	pos := map[string]int{}
	for k, i := range order {
		pos[in.Items[i]] = k + 1
	}
	randomRule := func() ArrangementRule {
		for {
			a, b := in.Items[rng.IntN(n)], in.Items[rng.IntN(n)]
			var c ArrangementRule
			switch rng.IntN(8) {
			case 0:
				c = ArrangementRule{Kind: "at", Item: a, Position: pos[a]}
			case 1:
				c = ArrangementRule{Kind: "not_at", Item: a, Position: 1 + rng.IntN(n)}
			case 2, 3:
				c = ArrangementRule{Kind: "left_of", Item: a, Other: b}
			case 4, 5:
				c = ArrangementRule{Kind: "right_of", Item: a, Other: b}
			case 6:
				c = ArrangementRule{Kind: "adjacent", Item: a, Other: b}
			default:
				c = ArrangementRule{Kind: "not_adjacent", Item: a, Other: b}
			}
			if (c.Other == "" || c.Other != c.Item) && arrangementHolds(c, pos) {
				return c
			}
		}
	}
	for range n {
		in.Constraints = append(in.Constraints, randomRule())
	}
	for range 4 * n {
		if arrangementCount(in, 2) <= 1 {
			break
		}
		in.Constraints = append(in.Constraints, randomRule())
	}
	return in, nil
}

// arrangementCount counts the orders that satisfy every rule, stopping at
// limit, by backtracking over the items (most constrained first) and
// their free positions: a rule is checked as soon as its items are placed.
func arrangementCount(in Arrangement, limit int) int {
	n := len(in.Items)
	var items []string
	placed := map[string]bool{}
	for len(items) < n {
		best, bestScore := "", -1
		for _, it := range in.Items {
			if placed[it] {
				continue
			}
			score := 0
			for _, c := range in.Constraints {
				switch {
				case c.Item == it && c.Other == "":
					score += 1000
				case c.Item == it && placed[c.Other], c.Other == it && placed[c.Item]:
					score += 100
				case c.Item == it, c.Other == it:
					score++
				}
			}
			if score > bestScore {
				best, bestScore = it, score
			}
		}
		placed[best] = true
		items = append(items, best)
	}
	order := map[string]int{}
	for i, it := range items {
		order[it] = i
	}
	due := make([][]ArrangementRule, n)
	for _, c := range in.Constraints {
		last := order[c.Item]
		if c.Other != "" {
			last = max(last, order[c.Other])
		}
		due[last] = append(due[last], c)
	}
	pos := map[string]int{}
	taken := make([]bool, n+1)
	count := 0
	var place func(i int)
	place = func(i int) {
		if i == n {
			count++
			return
		}
		for p := 1; p <= n; p++ {
			if taken[p] {
				continue
			}
			pos[items[i]] = p
			ok := true
			for _, c := range due[i] {
				if !arrangementHolds(c, pos) {
					ok = false
					break
				}
			}
			if ok {
				taken[p] = true
				place(i + 1)
				taken[p] = false
			}
			if count >= limit {
				return
			}
		}
	}
	place(0)
	return count
}

func arrangementPrompt(in Arrangement) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Arrange these %d items in a row on a shelf, positions 1 to %d from left to right: %s.\n",
		len(in.Items), len(in.Items), strings.Join(in.Items, ", "))
	s.WriteString("Rules:\n")
	for _, c := range in.Constraints {
		s.WriteString("- " + arrangementText(c) + "\n")
	}
	s.WriteString("\"Somewhere to the left\" need not be directly next to it; \"next to\" means in neighbouring positions.\n")
	s.WriteString("Answer with the items from left to right, separated by commas, or \"no solution\" if no order satisfies every rule.")
	return s.String()
}

var (
	arrangementHeadRE = regexp.MustCompile(`Arrange these (\d+) items in a row on a shelf, positions 1 to \d+ from left to right: (.+)\.\n`)
	arrangementRuleRE = []struct {
		kind string
		re   *regexp.Regexp
	}{
		{"at", regexp.MustCompile(`^- The (\S+) is at position (\d+)\.$`)},
		{"not_at", regexp.MustCompile(`^- The (\S+) is not at position (\d+)\.$`)},
		{"left_of", regexp.MustCompile(`^- The (\S+) is somewhere to the left of the (\S+)\.$`)},
		{"right_of", regexp.MustCompile(`^- The (\S+) is somewhere to the right of the (\S+)\.$`)},
		{"adjacent", regexp.MustCompile(`^- The (\S+) is next to the (\S+)\.$`)},
		{"not_adjacent", regexp.MustCompile(`^- The (\S+) is not next to the (\S+)\.$`)},
	}
)

func arrangementParse(prompt string) (Arrangement, error) {
	m := arrangementHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return Arrangement{}, errors.New(`no "Arrange these N items in a row on a shelf …: …." line`)
	}
	in := Arrangement{Items: AnswerFields(m[2])}
	for _, line := range strings.Split(prompt, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "- ") {
			continue
		}
		found := false
		for _, r := range arrangementRuleRE {
			mm := r.re.FindStringSubmatch(line)
			if mm == nil {
				continue
			}
			c := ArrangementRule{Kind: r.kind, Item: mm[1]}
			if r.kind == "at" || r.kind == "not_at" {
				p, err := strconv.Atoi(mm[2])
				if err != nil || p > 1000 {
					return Arrangement{}, fmt.Errorf("rule %q: bad position", line)
				}
				c.Position = p
			} else {
				c.Other = mm[2]
			}
			in.Constraints = append(in.Constraints, c)
			found = true
			break
		}
		if !found {
			return Arrangement{}, fmt.Errorf("cannot read the rule %q", line)
		}
	}
	return in, nil
}
