package puzzles

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// CycleSynthesis is a cycle_synthesis instance: resources with starting
// counts and exchange rules tried cyclically (1, 2, …, m, 1, 2, …): the rule
// being tried fires once if its inputs are available, then the next rule is
// tried; the process stops when no rule can fire. Every rule consumes more
// items than it makes, so the process ends.
type CycleSynthesis struct {
	Resources []string    `json:"resources" jsonschema:"resource names (capital letters, e.g. A or XY)"`
	Initial   []int       `json:"initial" jsonschema:"starting count of each resource, in the order of resources"`
	Rules     []CycleRule `json:"rules" jsonschema:"exchange rules, tried in this order cyclically"`
}

// CycleRule exchanges its inputs for its outputs.
type CycleRule struct {
	Inputs  []Amount `json:"inputs" jsonschema:"what the rule consumes"`
	Outputs []Amount `json:"outputs" jsonschema:"what the rule makes"`
}

// Amount is a count of one resource.
type Amount struct {
	Resource string `json:"resource"`
	Count    int    `json:"count"`
}

func cycleSpec() Spec[CycleSynthesis] {
	return Spec[CycleSynthesis]{
		Name:        "cycle_synthesis",
		Family:      "execution",
		Description: "Apply resource-exchange rules cyclically in order until no rule can fire and give the final counts.",
		Generate:    generateCycle,
		Prompt:      promptCycle,
		Parse:       parseCycle,
		Validate:    validateCycle,
		Solve: func(ctx context.Context, in CycleSynthesis) (Solution, error) {
			counts, _, err := runCycle(ctx, in)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: cycle_synthesis: %w", err)
			}
			return Solution{Answer: cycleFormat(in.Resources, counts), Structured: counts}, nil
		},
		Verify: verifyCycle,
	}
}

var cycleNameRE = regexp.MustCompile(`^[A-Z]{1,3}$`)

func validateCycle(in CycleSynthesis) error {
	if len(in.Resources) == 0 || len(in.Resources) > 26 {
		return fmt.Errorf("resources: want 1 to 26 names, got %d", len(in.Resources))
	}
	index := map[string]bool{}
	for i, r := range in.Resources {
		if !cycleNameRE.MatchString(r) {
			return fmt.Errorf("resources[%d]: %q is not 1 to 3 capital letters", i, r)
		}
		if index[r] {
			return fmt.Errorf("resources[%d]: %q appears twice", i, r)
		}
		index[r] = true
	}
	if len(in.Initial) != len(in.Resources) {
		return fmt.Errorf("initial: %d counts for %d resources", len(in.Initial), len(in.Resources))
	}
	for i, c := range in.Initial {
		if c < 0 || c > 100_000 {
			return fmt.Errorf("initial[%d]: %d is outside 0..100000", i, c)
		}
	}
	if len(in.Rules) == 0 || len(in.Rules) > 20 {
		return fmt.Errorf("rules: want 1 to 20 rules, got %d", len(in.Rules))
	}
	for i, r := range in.Rules {
		if len(r.Inputs) == 0 {
			return fmt.Errorf("rules[%d].inputs: empty", i)
		}
		consumed, made := 0, 0
		for _, side := range []struct {
			name  string
			list  []Amount
			total *int
		}{{"inputs", r.Inputs, &consumed}, {"outputs", r.Outputs, &made}} {
			seen := map[string]bool{}
			for j, a := range side.list {
				if !index[a.Resource] {
					return fmt.Errorf("rules[%d].%s[%d]: unknown resource %q", i, side.name, j, a.Resource)
				}
				if seen[a.Resource] {
					return fmt.Errorf("rules[%d].%s[%d]: %q listed twice", i, side.name, j, a.Resource)
				}
				seen[a.Resource] = true
				if a.Count < 1 || a.Count > 100 {
					return fmt.Errorf("rules[%d].%s[%d].count: %d is outside 1..100", i, side.name, j, a.Count)
				}
				*side.total += a.Count
			}
		}
		if made >= consumed {
			return fmt.Errorf("rules[%d]: makes %d items from %d; a rule must consume more than it makes", i, made, consumed)
		}
	}
	return nil
}

// runCycle simulates the rules; it returns the final counts in the order
// of the resources and the number of rules fired.
func runCycle(ctx context.Context, in CycleSynthesis) ([]int, int, error) {
	idx := map[string]int{}
	for i, r := range in.Resources {
		idx[r] = i
	}
	counts := append([]int(nil), in.Initial...)
	can := func(r CycleRule) bool {
		for _, a := range r.Inputs {
			if counts[idx[a.Resource]] < a.Count {
				return false
			}
		}
		return true
	}
	idle, steps := 0, 0 // consecutive rules tried without firing, rules fired
	for k := 0; idle < len(in.Rules); k = (k + 1) % len(in.Rules) {
		r := in.Rules[k]
		if !can(r) {
			idle++
			continue
		}
		idle = 0
		for _, a := range r.Inputs {
			counts[idx[a.Resource]] -= a.Count
		}
		for _, a := range r.Outputs {
			counts[idx[a.Resource]] += a.Count
		}
		if steps++; steps%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, steps, err
			}
		}
	}
	return counts, steps, nil
}

func cycleFormat(names []string, counts []int) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s=%d", n, counts[i])
	}
	return strings.Join(parts, ", ")
}

func generateCycle(rng *rand.Rand, level int) (CycleSynthesis, error) {
	nres := exByLevel(level, 3, 4, 6)
	nrules := exByLevel(level, 2, 3, 5)
	maxStart := exByLevel(level, 5, 8, 12)
	minSteps := exByLevel(level, 2, 4, 8)
	for {
		in := CycleSynthesis{}
		for i := range nres {
			in.Resources = append(in.Resources, exLetter(i))
			in.Initial = append(in.Initial, rng.IntN(maxStart+1))
		}
		for range nrules {
			perm := rng.Perm(nres)
			nin := exBetween(rng, 1, min(3, nres-1))
			nout := exBetween(rng, 1, min(2, nres-nin))
			var r CycleRule
			total := 0
			for _, p := range perm[:nin] {
				c := exBetween(rng, 1, 3)
				total += c
				r.Inputs = append(r.Inputs, Amount{Resource: in.Resources[p], Count: c})
			}
			if total < 2 {
				r.Inputs[0].Count = 2
				total = 2
			}
			left := total - 1 // outputs must total less than inputs
			for _, p := range perm[nin : nin+nout] {
				if left == 0 {
					break
				}
				c := exBetween(rng, 1, min(2, left))
				left -= c
				r.Outputs = append(r.Outputs, Amount{Resource: in.Resources[p], Count: c})
			}
			in.Rules = append(in.Rules, r)
		}
		if validateCycle(in) != nil {
			continue
		}
		if _, steps, _ := runCycle(context.Background(), in); steps >= minSteps {
			return in, nil
		}
	}
}

func cycleAmounts(list []Amount) string {
	parts := make([]string, len(list))
	for i, a := range list {
		parts[i] = fmt.Sprintf("%d %s", a.Count, a.Resource)
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " + ")
}

func promptCycle(in CycleSynthesis) string {
	var b strings.Builder
	b.WriteString("You hold some resources and know exchange rules. Try the rules in order, cycling: rule 1, rule 2, …, the last rule, then rule 1 again, and so on. " +
		"When the rule being tried can be applied (you hold all its inputs), apply it once and move on to the next rule; otherwise just move on. " +
		"Stop when no rule can be applied. Every rule consumes more items than it makes, so this ends.\n\n")
	parts := make([]string, len(in.Resources))
	for i, r := range in.Resources {
		parts[i] = fmt.Sprintf("%d %s", in.Initial[i], r)
	}
	fmt.Fprintf(&b, "Resources at the start: %s\n\nRules:\n", strings.Join(parts, ", "))
	for i, r := range in.Rules {
		fmt.Fprintf(&b, "%d. %s -> %s\n", i+1, cycleAmounts(r.Inputs), cycleAmounts(r.Outputs))
	}
	example := make([]int, len(in.Resources))
	example[0] = 2
	fmt.Fprintf(&b, "\nGive the final count of every resource as name=count separated by commas, e.g. %s.\n", cycleFormat(in.Resources, example))
	return b.String()
}

var (
	cycleAmountRE = regexp.MustCompile(`^(\d+) ([A-Z]{1,3})$`)
	cycleRuleRE   = regexp.MustCompile(`^\d+\.\s*(.*?)\s*->\s*(.*)$`)
)

func parseCycleAmounts(field, s string) ([]Amount, error) {
	s = strings.TrimSpace(s)
	if s == "nothing" {
		return nil, nil
	}
	var out []Amount
	for p := range strings.SplitSeq(s, "+") {
		m := cycleAmountRE.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return nil, fmt.Errorf("%s: cannot read %q", field, strings.TrimSpace(p))
		}
		c, err := strconv.Atoi(m[1])
		if err != nil || c > 1_000_000 {
			return nil, fmt.Errorf("%s: count %q is too large", field, m[1])
		}
		out = append(out, Amount{Resource: m[2], Count: c})
	}
	return out, nil
}

func parseCycle(prompt string) (CycleSynthesis, error) {
	var in CycleSynthesis
	start, err := exLineAfter(prompt, "Resources at the start:")
	if err != nil {
		return in, err
	}
	for p := range strings.SplitSeq(start, ",") {
		m := cycleAmountRE.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return in, fmt.Errorf("initial: cannot read %q", strings.TrimSpace(p))
		}
		c, err := strconv.Atoi(m[1])
		if err != nil || c > 1_000_000 {
			return in, fmt.Errorf("initial: count %q is too large", m[1])
		}
		in.Resources = append(in.Resources, m[2])
		in.Initial = append(in.Initial, c)
	}
	lines, err := exBlockAfter(prompt, "Rules:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		m := cycleRuleRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return in, fmt.Errorf("rules[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		var r CycleRule
		if r.Inputs, err = parseCycleAmounts(fmt.Sprintf("rules[%d].inputs", i), m[1]); err != nil {
			return in, err
		}
		if r.Outputs, err = parseCycleAmounts(fmt.Sprintf("rules[%d].outputs", i), m[2]); err != nil {
			return in, err
		}
		in.Rules = append(in.Rules, r)
	}
	return in, validateCycle(in)
}

var cyclePairRE = regexp.MustCompile(`([A-Za-z]{1,3})\s*[:=]\s*(-?\d+)`)

func verifyCycle(in CycleSynthesis, answer string) Verdict {
	want, _, err := runCycle(context.Background(), in)
	if err != nil {
		return Reject("cannot check: %v", err)
	}
	s := StripAnswer(answer)
	got := map[string]int{}
	idx := map[string]int{}
	for i, r := range in.Resources {
		idx[r] = i
	}
	pairs := cyclePairRE.FindAllStringSubmatch(s, -1)
	if len(pairs) == 0 {
		// A bare list of counts in the order of the resources.
		nums, err := AnswerInts(s)
		if err != nil || len(nums) != len(in.Resources) {
			return Reject("expected name=count for each of the %d resources", len(in.Resources))
		}
		for i, r := range in.Resources {
			got[r] = nums[i]
		}
	}
	for _, p := range pairs {
		name := strings.ToUpper(p[1])
		if _, ok := idx[name]; !ok {
			return Reject("unknown resource %q", p[1])
		}
		v, err := strconv.Atoi(p[2])
		if err != nil {
			return Reject("count %q is not a number", p[2])
		}
		if old, dup := got[name]; dup && old != v {
			return Reject("resource %s is given twice", name)
		}
		got[name] = v
	}
	for i, r := range in.Resources {
		v, ok := got[r]
		if !ok && want[i] != 0 {
			return Reject("no count for resource %s", r)
		}
		if v != want[i] {
			return Reject("the count of %s is %d, which is wrong", r, v)
		}
	}
	return Accept()
}
