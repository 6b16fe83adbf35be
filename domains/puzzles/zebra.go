package puzzles

import (
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/csp"
)

// Zebra is a zebra (logic grid) instance: houses 1..Houses in a row, each
// with one value of every attribute (every value used once), and clues.
type Zebra struct {
	Houses     int              `json:"houses" jsonschema:"number of houses, numbered 1.. from the left"`
	Attributes []ZebraAttribute `json:"attributes" jsonschema:"attributes with one value per house"`
	Clues      []ZebraClue      `json:"clues" jsonschema:"the clues"`
}

// ZebraAttribute is an attribute and its values (as many as houses).
type ZebraAttribute struct {
	Name   string   `json:"name" jsonschema:"lowercase word, e.g. colour"`
	Values []string `json:"values" jsonschema:"lowercase words, distinct across all attributes"`
}

// ZebraClue relates the house of Attr1=Value1 to the house of
// Attr2=Value2 or to House. Kinds: same, not_same, left_of (immediately
// left), next_to, before (somewhere left), position, not_position.
type ZebraClue struct {
	Kind   string `json:"kind" jsonschema:"same, not_same, left_of, next_to, before, position or not_position"`
	Attr1  string `json:"attr1"`
	Value1 string `json:"value1"`
	Attr2  string `json:"attr2,omitempty" jsonschema:"for the kinds relating two houses"`
	Value2 string `json:"value2,omitempty"`
	House  int    `json:"house,omitempty" jsonschema:"for position and not_position"`
}

var zebraPools = []ZebraAttribute{
	{"colour", []string{"red", "green", "blue", "white", "yellow", "black"}},
	{"pet", []string{"dog", "cat", "bird", "fish", "horse", "rabbit"}},
	{"drink", []string{"tea", "coffee", "milk", "water", "juice", "cocoa"}},
	{"job", []string{"baker", "doctor", "pilot", "teacher", "farmer", "painter"}},
	{"sport", []string{"tennis", "chess", "golf", "rowing", "hockey", "judo"}},
	{"food", []string{"apple", "bread", "cheese", "rice", "soup", "pasta"}},
}

var zebraPair = map[string]bool{"same": true, "not_same": true, "left_of": true, "next_to": true, "before": true}

func zebraSpec() Spec[Zebra] {
	return Spec[Zebra]{
		Name:        "zebra",
		Family:      "planning",
		Description: "Solve a logic grid (zebra) puzzle: give every house its value of each attribute so that all clues hold.",
		Generate:    generateZebra,
		Prompt:      promptZebra,
		Parse:       parseZebra,
		Validate:    validateZebra,
		Solve: func(ctx context.Context, in Zebra) (Solution, error) {
			sols, err := zebraSolve(ctx, in, 1)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: zebra: %w", err)
			}
			if len(sols) == 0 {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: zebraFormat(in, sols[0]), Structured: zebraTable(in, sols[0])}, nil
		},
		Verify: verifyZebra,
	}
}

var zebraWordRE = regexp.MustCompile(`^[a-z]{1,20}$`)

func validateZebra(in Zebra) error {
	if in.Houses < 2 || in.Houses > 8 {
		return fmt.Errorf("houses: %d is outside 2..8", in.Houses)
	}
	if len(in.Attributes) < 1 || len(in.Attributes) > 8 {
		return fmt.Errorf("attributes: want 1 to 8, got %d", len(in.Attributes))
	}
	values := map[string]string{} // value → attribute
	names := map[string]bool{}
	for i, a := range in.Attributes {
		if !zebraWordRE.MatchString(a.Name) || names[a.Name] {
			return fmt.Errorf("attributes[%d].name: %q is not a new lowercase word", i, a.Name)
		}
		names[a.Name] = true
		if len(a.Values) != in.Houses {
			return fmt.Errorf("attributes[%d].values: %d values for %d houses", i, len(a.Values), in.Houses)
		}
		for j, v := range a.Values {
			if !zebraWordRE.MatchString(v) || values[v] != "" || names[v] {
				return fmt.Errorf("attributes[%d].values[%d]: %q is not a new lowercase word", i, j, v)
			}
			values[v] = a.Name
		}
	}
	for n := range names {
		if values[n] != "" {
			return fmt.Errorf("attributes: %q is both an attribute and a value", n)
		}
	}
	if len(in.Clues) > 200 {
		return fmt.Errorf("clues: %d is more than 200", len(in.Clues))
	}
	for i, c := range in.Clues {
		if values[c.Value1] != c.Attr1 || c.Attr1 == "" {
			return fmt.Errorf("clues[%d]: %q is not a value of attribute %q", i, c.Value1, c.Attr1)
		}
		switch {
		case zebraPair[c.Kind]:
			if values[c.Value2] != c.Attr2 || c.Attr2 == "" {
				return fmt.Errorf("clues[%d]: %q is not a value of attribute %q", i, c.Value2, c.Attr2)
			}
			if c.House != 0 {
				return fmt.Errorf("clues[%d].house: %s takes no house", i, c.Kind)
			}
			if c.Value1 == c.Value2 {
				return fmt.Errorf("clues[%d]: relates %q to itself", i, c.Value1)
			}
		case c.Kind == "position" || c.Kind == "not_position":
			if c.House < 1 || c.House > in.Houses {
				return fmt.Errorf("clues[%d].house: %d is outside 1..%d", i, c.House, in.Houses)
			}
			if c.Attr2 != "" || c.Value2 != "" {
				return fmt.Errorf("clues[%d]: %s takes no second value", i, c.Kind)
			}
		default:
			return fmt.Errorf("clues[%d].kind: %q is not same, not_same, left_of, next_to, before, position or not_position", i, c.Kind)
		}
	}
	return nil
}

// zebraHolds reports whether clue c holds when house(v) gives the house of
// each value.
func zebraHolds(c ZebraClue, house func(v string) int) bool {
	a := house(c.Value1)
	switch c.Kind {
	case "position":
		return a == c.House
	case "not_position":
		return a != c.House
	}
	b := house(c.Value2)
	switch c.Kind {
	case "same":
		return a == b
	case "not_same":
		return a != b
	case "left_of":
		return b == a+1
	case "next_to":
		return a-b == 1 || b-a == 1
	}
	return a < b // before
}

// zebraSolve lists up to limit solutions, each mapping value → house.
func zebraSolve(ctx context.Context, in Zebra, limit int) ([]map[string]int, error) {
	m := csp.NewModel()
	vars := map[string]csp.IntVar{}
	for _, a := range in.Attributes {
		xs := make([]csp.IntVar, len(a.Values))
		for j, v := range a.Values {
			xs[j] = m.IntVar(v, 1, in.Houses)
			vars[v] = xs[j]
		}
		m.Add(csp.AllDifferent(xs...))
	}
	for _, c := range in.Clues {
		x := vars[c.Value1]
		diff := func(op csp.Op, k int) csp.Constraint {
			return csp.Linear([]csp.Term{csp.T(1, x), csp.T(-1, vars[c.Value2])}, op, k)
		}
		switch c.Kind {
		case "position":
			m.Add(csp.Cmp(x, csp.EQ, c.House))
		case "not_position":
			m.Add(csp.Cmp(x, csp.NE, c.House))
		case "same":
			m.Add(diff(csp.EQ, 0))
		case "not_same":
			m.Add(diff(csp.NE, 0))
		case "left_of":
			m.Add(diff(csp.EQ, -1))
		case "next_to":
			m.Add(csp.Or(diff(csp.EQ, -1), diff(csp.EQ, 1)))
		case "before":
			m.Add(diff(csp.LE, -1))
		}
	}
	sol, err := m.Solve(ctx, csp.Options{MaxSolutions: limit})
	if err != nil {
		return nil, err
	}
	switch sol.Status {
	case csp.Infeasible:
		return nil, nil
	case csp.Unknown:
		return nil, fmt.Errorf("undecided: %w", context.DeadlineExceeded)
	}
	if len(sol.Solutions) == 0 {
		return []map[string]int{sol.Values}, nil
	}
	return sol.Solutions, nil
}

// zebraTable lists, for each house, its value of each attribute.
func zebraTable(in Zebra, sol map[string]int) [][]string {
	t := make([][]string, in.Houses)
	for h := range t {
		t[h] = make([]string, len(in.Attributes))
	}
	for k, a := range in.Attributes {
		for _, v := range a.Values {
			t[sol[v]-1][k] = v
		}
	}
	return t
}

func zebraFormat(in Zebra, sol map[string]int) string {
	t := zebraTable(in, sol)
	lines := make([]string, in.Houses)
	for h, row := range t {
		parts := make([]string, len(row))
		for k, v := range row {
			parts[k] = in.Attributes[k].Name + "=" + v
		}
		lines[h] = fmt.Sprintf("House %d: %s", h+1, strings.Join(parts, ", "))
	}
	return strings.Join(lines, "\n")
}

// zebraFind lists up to limit solutions (value → house) by backtracking
// on the value with fewest candidate houses, the candidates being bit
// masks narrowed by the attribute's other values, the one-value clues and
// the clues whose other value is placed. The generator uses it for its
// many uniqueness checks; Solve uses the CSP model.
func zebraFind(in Zebra, limit int) []map[string]int {
	var names []string
	id := map[string]int{}
	var attrOf []int
	for k, a := range in.Attributes {
		for _, v := range a.Values {
			id[v] = len(names)
			names = append(names, v)
			attrOf = append(attrOf, k)
		}
	}
	nv, n := len(names), in.Houses
	full := uint(1)<<(n+1) - 2 // houses 1..n as bits
	dom := make([]uint, nv)
	for i := range dom {
		dom[i] = full
	}
	type link struct {
		other int
		kind  string
		first bool // this value is Value1 of the clue
	}
	links := make([][]link, nv)
	for _, c := range in.Clues {
		a := id[c.Value1]
		switch c.Kind {
		case "position":
			dom[a] &= 1 << c.House
		case "not_position":
			dom[a] &^= 1 << c.House
		default:
			b := id[c.Value2]
			links[a] = append(links[a], link{b, c.Kind, true})
			links[b] = append(links[b], link{a, c.Kind, false})
		}
	}
	// allowed gives the houses of a value whose partner is at house h.
	allowed := func(l link, h int) uint {
		switch l.kind {
		case "same":
			return 1 << h
		case "not_same":
			return full &^ (1 << h)
		case "left_of": // first is immediately left of second
			if l.first {
				return 1 << (h - 1) & full
			}
			return 1 << (h + 1) & full
		case "next_to":
			return (1<<(h-1) | 1<<(h+1)) & full
		}
		if l.first { // before: first < second
			return (1<<h - 1) & full
		}
		return full &^ (1<<(h+1) - 1)
	}
	house := make([]int, nv)
	used := make([]uint, len(in.Attributes)) // houses taken per attribute
	var found []map[string]int
	var rec func(left int) bool
	rec = func(left int) bool {
		if left == 0 {
			m := make(map[string]int, nv)
			for i, v := range names {
				m[v] = house[i]
			}
			found = append(found, m)
			return len(found) >= limit
		}
		best, bestM, bestK := -1, uint(0), n+1
		for v := range nv {
			if house[v] > 0 {
				continue
			}
			m := dom[v] &^ used[attrOf[v]]
			for _, l := range links[v] {
				if h := house[l.other]; h > 0 {
					m &= allowed(l, h)
				}
			}
			if k := bits.OnesCount(m); k < bestK {
				best, bestM, bestK = v, m, k
				if k == 0 {
					return false
				}
			}
		}
		for m := bestM; m > 0; m &= m - 1 {
			h := bits.TrailingZeros(m)
			house[best] = h
			used[attrOf[best]] |= 1 << h
			stop := rec(left - 1)
			used[attrOf[best]] &^= 1 << h
			house[best] = 0
			if stop {
				return true
			}
		}
		return false
	}
	rec(nv)
	return found
}

func zebraRandomClue(rng *rand.Rand, in Zebra, sol map[string]int, attrOf map[string]string) ZebraClue {
	all := []string{}
	for _, a := range in.Attributes {
		all = append(all, a.Values...)
	}
	for {
		v1, v2 := exPick(rng, all), exPick(rng, all)
		c := ZebraClue{Attr1: attrOf[v1], Value1: v1}
		kinds := []string{"same", "same", "not_same", "left_of", "next_to", "before", "position", "not_position"}
		switch c.Kind = exPick(rng, kinds); c.Kind {
		case "position", "not_position":
			c.House = exBetween(rng, 1, in.Houses)
		default:
			if v1 == v2 || attrOf[v1] == attrOf[v2] && (c.Kind == "same" || c.Kind == "not_same") {
				continue
			}
			c.Attr2, c.Value2 = attrOf[v2], v2
		}
		if zebraHolds(c, func(v string) int { return sol[v] }) {
			return c
		}
	}
}

func generateZebra(rng *rand.Rand, level int) (Zebra, error) {
	n := exByLevel(level, 3, 4, 5)
	na := exByLevel(level, 3, 3, 4)
	pools := slices.Clone(zebraPools)
	rng.Shuffle(len(pools), func(i, j int) { pools[i], pools[j] = pools[j], pools[i] })
	in := Zebra{Houses: n}
	sol := map[string]int{}
	attrOf := map[string]string{}
	for _, p := range pools[:na] {
		vals := slices.Clone(p.Values)
		rng.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		vals = vals[:n]
		slices.Sort(vals)
		for h, k := range rng.Perm(n) {
			sol[vals[k]] = h + 1
			attrOf[vals[k]] = p.Name
		}
		in.Attributes = append(in.Attributes, ZebraAttribute{Name: p.Name, Values: vals})
	}
	slices.SortFunc(in.Attributes, func(a, b ZebraAttribute) int { return strings.Compare(a.Name, b.Name) })
	// Add clues that the planted solution satisfies and another solution
	// breaks, until the planted one is the only one.
	for range 200 {
		sols := zebraFind(in, 2)
		other := sols[0]
		if len(sols) == 2 && zebraSameMap(other, sol) {
			other = sols[1]
		}
		if zebraSameMap(other, sol) {
			break
		}
		for {
			c := zebraRandomClue(rng, in, sol, attrOf)
			if !zebraHolds(c, func(v string) int { return other[v] }) {
				in.Clues = append(in.Clues, c)
				break
			}
		}
	}
	// Drop clues that the others imply, trying them in random order.
	keep := make([]bool, len(in.Clues))
	for i := range keep {
		keep[i] = true
	}
	kept := func() []ZebraClue {
		var out []ZebraClue
		for i, c := range in.Clues {
			if keep[i] {
				out = append(out, c)
			}
		}
		return out
	}
	for _, i := range rng.Perm(len(in.Clues)) {
		keep[i] = false
		trial := Zebra{Houses: in.Houses, Attributes: in.Attributes, Clues: kept()}
		if len(zebraFind(trial, 2)) != 1 {
			keep[i] = true
		}
	}
	in.Clues = kept()
	return in, nil
}

func zebraSameMap(a, b map[string]int) bool {
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func zebraRef(attr, value string) string { return "the house with " + attr + " " + value }

func zebraSentence(c ZebraClue) string {
	a := zebraRef(c.Attr1, c.Value1)
	a = strings.ToUpper(a[:1]) + a[1:]
	switch c.Kind {
	case "position":
		return fmt.Sprintf("%s is house %d.", a, c.House)
	case "not_position":
		return fmt.Sprintf("%s is not house %d.", a, c.House)
	case "same":
		return fmt.Sprintf("%s also has %s %s.", a, c.Attr2, c.Value2)
	case "not_same":
		return fmt.Sprintf("%s does not have %s %s.", a, c.Attr2, c.Value2)
	case "left_of":
		return fmt.Sprintf("%s is immediately left of %s.", a, zebraRef(c.Attr2, c.Value2))
	case "next_to":
		return fmt.Sprintf("%s is next to %s.", a, zebraRef(c.Attr2, c.Value2))
	}
	return fmt.Sprintf("%s is somewhere left of %s.", a, zebraRef(c.Attr2, c.Value2))
}

func promptZebra(in Zebra) string {
	var b strings.Builder
	fmt.Fprintf(&b, "There are %d houses in a row, numbered 1 to %d from left to right. Each house has exactly one value of every attribute below, and each value belongs to exactly one house.\n\n", in.Houses, in.Houses)
	b.WriteString("Attributes:\n")
	for _, a := range in.Attributes {
		fmt.Fprintf(&b, "%s: %s\n", a.Name, strings.Join(a.Values, ", "))
	}
	b.WriteString("\nClues:\n")
	for i, c := range in.Clues {
		fmt.Fprintf(&b, "%d. %s\n", i+1, zebraSentence(c))
	}
	b.WriteString("\n\"Immediately left\" means the house just before; \"somewhere left\" means any house with a smaller number; \"next to\" means either neighbour.\n\n")
	example := make([]string, len(in.Attributes))
	for k, a := range in.Attributes {
		example[k] = a.Name + "=…"
	}
	fmt.Fprintf(&b, "Give one line per house, e.g. House 1: %s. If no arrangement satisfies the clues, answer \"no solution\".\n", strings.Join(example, ", "))
	return b.String()
}

var (
	zebraAttrRE = regexp.MustCompile(`^([a-z]+): ([a-z]+(?:, [a-z]+)*)$`)
	zebraRefP   = `the house with ([a-z]+) ([a-z]+)`
	zebraFirstP = `^The house with ([a-z]+) ([a-z]+)`
	zebraClueRE = []struct {
		kind string
		re   *regexp.Regexp
	}{
		{"position", regexp.MustCompile(zebraFirstP + ` is house (\d+)\.$`)},
		{"not_position", regexp.MustCompile(zebraFirstP + ` is not house (\d+)\.$`)},
		{"same", regexp.MustCompile(zebraFirstP + ` also has ([a-z]+) ([a-z]+)\.$`)},
		{"not_same", regexp.MustCompile(zebraFirstP + ` does not have ([a-z]+) ([a-z]+)\.$`)},
		{"left_of", regexp.MustCompile(zebraFirstP + ` is immediately left of ` + zebraRefP + `\.$`)},
		{"next_to", regexp.MustCompile(zebraFirstP + ` is next to ` + zebraRefP + `\.$`)},
		{"before", regexp.MustCompile(zebraFirstP + ` is somewhere left of ` + zebraRefP + `\.$`)},
	}
	zebraHousesRE = regexp.MustCompile(`There are (\d+) houses in a row`)
	zebraNumRE    = regexp.MustCompile(`^\d+\.\s*`)
)

func parseZebra(prompt string) (Zebra, error) {
	var in Zebra
	m := zebraHousesRE.FindStringSubmatch(prompt)
	if m == nil {
		return in, fmt.Errorf("houses: no \"There are N houses in a row\"")
	}
	var err error
	if in.Houses, err = exAtoi("houses", m[1]); err != nil {
		return in, err
	}
	lines, err := exBlockAfter(prompt, "Attributes:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		a := zebraAttrRE.FindStringSubmatch(strings.TrimSpace(l))
		if a == nil {
			return in, fmt.Errorf("attributes[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		in.Attributes = append(in.Attributes, ZebraAttribute{Name: a[1], Values: strings.Split(a[2], ", ")})
	}
	if lines, err = exBlockAfter(prompt, "Clues:"); err != nil {
		return in, err
	}
	for i, l := range lines {
		text := zebraNumRE.ReplaceAllString(strings.TrimSpace(l), "")
		var c *ZebraClue
		for _, r := range zebraClueRE {
			g := r.re.FindStringSubmatch(text)
			if g == nil {
				continue
			}
			c = &ZebraClue{Kind: r.kind, Attr1: g[1], Value1: g[2]}
			if r.kind == "position" || r.kind == "not_position" {
				if c.House, err = strconv.Atoi(g[3]); err != nil {
					return in, fmt.Errorf("clues[%d]: house %q is out of range", i, g[3])
				}
			} else {
				c.Attr2, c.Value2 = g[3], g[4]
			}
			break
		}
		if c == nil {
			return in, fmt.Errorf("clues[%d]: cannot read %q", i, text)
		}
		in.Clues = append(in.Clues, *c)
	}
	return in, validateZebra(in)
}

var zebraHouseRE = regexp.MustCompile(`(?i)\bhouse\b["'\s:=#]*(\d+)`)

// zebraRead maps each value named in the answer to its house: the text is
// cut at "House k" markers, or else into lines, one house per line.
func zebraRead(in Zebra, answer string) (map[string]int, string) {
	s := strings.ToLower(StripAnswer(answer))
	type part struct {
		house int
		text  string
	}
	var parts []part
	if locs := zebraHouseRE.FindAllStringSubmatchIndex(s, -1); len(locs) > 0 {
		for i, l := range locs {
			end := len(s)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			h, err := strconv.Atoi(s[l[2]:l[3]])
			if err != nil || h < 1 || h > in.Houses {
				return nil, fmt.Sprintf("house %s does not exist", s[l[2]:l[3]])
			}
			parts = append(parts, part{h, s[l[1]:end]})
		}
	} else {
		for _, line := range strings.Split(s, "\n") {
			if strings.TrimSpace(line) != "" {
				parts = append(parts, part{len(parts) + 1, line})
			}
		}
		if len(parts) != in.Houses {
			return nil, fmt.Sprintf("expected one line per house (%d), found %d", in.Houses, len(parts))
		}
	}
	known := map[string]bool{}
	for _, a := range in.Attributes {
		for _, v := range a.Values {
			known[v] = true
		}
	}
	got := map[string]int{}
	for _, p := range parts {
		for _, w := range strings.FieldsFunc(p.text, func(r rune) bool { return r < 'a' || r > 'z' }) {
			if !known[w] {
				continue
			}
			if h, dup := got[w]; dup && h != p.house {
				return nil, fmt.Sprintf("%s is placed in houses %d and %d", w, h, p.house)
			}
			got[w] = p.house
		}
	}
	return got, ""
}

func verifyZebra(in Zebra, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		sols, err := zebraSolve(context.Background(), in, 1)
		if err != nil {
			return Reject("cannot check: %v", err)
		}
		if len(sols) > 0 {
			return Reject("an arrangement satisfies all the clues")
		}
		return Accept()
	}
	got, msg := zebraRead(in, answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	for _, a := range in.Attributes {
		owner := map[int]string{}
		for _, v := range a.Values {
			h, ok := got[v]
			if !ok {
				return Reject("%s %s is in no house", a.Name, v)
			}
			if o, dup := owner[h]; dup {
				return Reject("house %d has two %s values, %s and %s", h, a.Name, o, v)
			}
			owner[h] = v
		}
	}
	for i, c := range in.Clues {
		if !zebraHolds(c, func(v string) int { return got[v] }) {
			return Reject("clue %d fails: %s", i+1, zebraSentence(c))
		}
	}
	return Accept()
}
