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

// LogicalEquation is an instance of logical_equation: letters that take
// distinct values from a set, under linear equalities and inequalities.
type LogicalEquation struct {
	Letters     []string                    `json:"letters" jsonschema:"the letters, single capitals such as A, B, C; the answer lists their values in this order"`
	Values      []int                       `json:"values" jsonschema:"the numbers the letters may take; different letters take different numbers"`
	Constraints []LogicalEquationConstraint `json:"constraints" jsonschema:"linear constraints over the letters"`
}

// LogicalEquationConstraint is Σ coef·letter op rhs.
type LogicalEquationConstraint struct {
	Terms []LogicalEquationTerm `json:"terms" jsonschema:"the left-hand side: a sum of coefficient × letter"`
	Op    string                `json:"op" jsonschema:"one of =, !=, <, <=, >, >="`
	RHS   int                   `json:"rhs" jsonschema:"the right-hand side"`
}

// LogicalEquationTerm is coef·letter.
type LogicalEquationTerm struct {
	Coef   int    `json:"coef"`
	Letter string `json:"letter"`
}

// AssignmentSolution is the structured answer of logical_equation.
type AssignmentSolution struct {
	Values map[string]int `json:"values"`
}

func logicEqSpec() Spec[LogicalEquation] {
	return Spec[LogicalEquation]{
		Name:        "logical_equation",
		Family:      "planning",
		Description: "Give letters distinct values from a set so that linear equations and inequalities hold.",
		Generate:    logicEqGenerate,
		Prompt:      logicEqPrompt,
		Parse:       logicEqParse,
		Validate:    logicEqValidate,
		Solve:       logicEqSolve,
		Verify:      logicEqVerify,
	}
}

var logicEqOps = map[string]csp.Op{"=": csp.EQ, "!=": csp.NE, "<": csp.LT, "<=": csp.LE, ">": csp.GT, ">=": csp.GE}

func logicEqValidate(in LogicalEquation) error {
	if len(in.Letters) < 1 || len(in.Letters) > 26 {
		return fmt.Errorf("letters: want 1 to 26 letters, got %d", len(in.Letters))
	}
	seen := map[string]bool{}
	for i, l := range in.Letters {
		if len(l) != 1 || l[0] < 'A' || l[0] > 'Z' {
			return fmt.Errorf("letters[%d]: %q is not a capital letter", i, l)
		}
		if seen[l] {
			return fmt.Errorf("letters[%d]: %s is listed twice", i, l)
		}
		seen[l] = true
	}
	if len(in.Values) < len(in.Letters) || len(in.Values) > 100 {
		return fmt.Errorf("values: want %d to 100 values (at least one per letter), got %d", len(in.Letters), len(in.Values))
	}
	vs := map[int]bool{}
	for i, v := range in.Values {
		if v < -1_000_000 || v > 1_000_000 {
			return fmt.Errorf("values[%d]: %d is outside -1000000..1000000", i, v)
		}
		if vs[v] {
			return fmt.Errorf("values[%d]: %d is listed twice", i, v)
		}
		vs[v] = true
	}
	if len(in.Constraints) > 200 {
		return fmt.Errorf("constraints: at most 200, got %d", len(in.Constraints))
	}
	for i, c := range in.Constraints {
		if _, ok := logicEqOps[c.Op]; !ok {
			return fmt.Errorf("constraints[%d].op: %q: want =, !=, <, <=, > or >=", i, c.Op)
		}
		if len(c.Terms) == 0 || len(c.Terms) > 26 {
			return fmt.Errorf("constraints[%d].terms: want 1 to 26 terms, got %d", i, len(c.Terms))
		}
		if c.RHS < -1_000_000_000 || c.RHS > 1_000_000_000 {
			return fmt.Errorf("constraints[%d].rhs: %d is too large", i, c.RHS)
		}
		for j, t := range c.Terms {
			if !seen[t.Letter] {
				return fmt.Errorf("constraints[%d].terms[%d].letter: %q is not one of the letters", i, j, t.Letter)
			}
			if t.Coef == 0 || t.Coef < -1000 || t.Coef > 1000 {
				return fmt.Errorf("constraints[%d].terms[%d].coef: %d: want a non-zero number in -1000..1000", i, j, t.Coef)
			}
		}
	}
	return nil
}

func logicEqModel(in LogicalEquation) *csp.Model {
	m := csp.NewModel()
	vars := map[string]csp.IntVar{}
	all := make([]csp.IntVar, len(in.Letters))
	for i, l := range in.Letters {
		vars[l] = m.IntVarValues(l, in.Values)
		all[i] = vars[l]
	}
	m.AllDifferent(all...)
	for _, c := range in.Constraints {
		terms := make([]csp.Term, len(c.Terms))
		for i, t := range c.Terms {
			terms[i] = csp.T(t.Coef, vars[t.Letter])
		}
		m.Linear(terms, logicEqOps[c.Op], c.RHS)
	}
	return m
}

func logicEqSolve(ctx context.Context, in LogicalEquation) (Solution, error) {
	sol, err := logicEqModel(in).Solve(ctx, csp.Options{})
	if err != nil {
		return Solution{}, fmt.Errorf("puzzles: logical_equation: %w", err)
	}
	switch sol.Status {
	case csp.Infeasible:
		return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
	case csp.Unknown:
		return Solution{}, fmt.Errorf("puzzles: logical_equation: no answer within the limits: %w", ctx.Err())
	}
	vals := make([]int, len(in.Letters))
	out := AssignmentSolution{Values: map[string]int{}}
	for i, l := range in.Letters {
		vals[i] = sol.Values[l]
		out.Values[l] = vals[i]
	}
	return Solution{Answer: "[" + intsString(vals) + "]", Structured: out}, nil
}

var logicEqPairRE = regexp.MustCompile(`\b([A-Z])\s*(?:=|:|is)\s*(-?\d+)`)

// logicEqRead reads the values: "A=3, B=5" pairs, or a list in the
// order of the letters.
func logicEqRead(in LogicalEquation, answer string) (map[string]int, error) {
	s := StripAnswer(answer)
	if ps := logicEqPairRE.FindAllStringSubmatch(s, -1); len(ps) > 0 {
		out := map[string]int{}
		for _, p := range ps {
			v, err := strconv.Atoi(p[2])
			if err != nil {
				return nil, fmt.Errorf("value %q is not an integer", p[2])
			}
			if _, dup := out[p[1]]; dup {
				return nil, fmt.Errorf("letter %s is given twice", p[1])
			}
			out[p[1]] = v
		}
		return out, nil
	}
	nums, err := AnswerInts(s)
	if err != nil {
		return nil, err
	}
	if len(nums) != len(in.Letters) {
		return nil, fmt.Errorf("want %d values (one per letter, in the order %s), found %d", len(in.Letters), strings.Join(in.Letters, ", "), len(nums))
	}
	out := map[string]int{}
	for i, l := range in.Letters {
		out[l] = nums[i]
	}
	return out, nil
}

func logicEqVerify(in LogicalEquation, answer string) Verdict {
	if ClaimsNoSolution(answer) {
		sol, err := logicEqSolve(context.Background(), in)
		if err != nil {
			return Reject("could not check the claim of no solution: %v", err)
		}
		if !sol.Unsat {
			return Reject("the answer says there is no solution, but %s works", sol.Answer)
		}
		return Accept()
	}
	vals, err := logicEqRead(in, answer)
	if err != nil {
		return Reject("cannot read the values: %v", err)
	}
	used := map[int]string{}
	for _, l := range in.Letters {
		v, ok := vals[l]
		if !ok {
			return Reject("no value for %s", l)
		}
		if !slices.Contains(in.Values, v) {
			return Reject("%s = %d is not one of the allowed values", l, v)
		}
		if o, dup := used[v]; dup {
			return Reject("%s and %s both take %d", o, l, v)
		}
		used[v] = l
	}
	for l := range vals {
		if !slices.Contains(in.Letters, l) {
			return Reject("%s is not one of the letters", l)
		}
	}
	for _, c := range in.Constraints {
		lhs := 0
		for _, t := range c.Terms {
			lhs += t.Coef * vals[t.Letter]
		}
		if !logicEqHolds(lhs, c.Op, c.RHS) {
			return Reject("%s fails: the left side is %d", logicEqText(c), lhs)
		}
	}
	return Accept()
}

func logicEqHolds(lhs int, op string, rhs int) bool {
	switch op {
	case "=":
		return lhs == rhs
	case "!=":
		return lhs != rhs
	case "<":
		return lhs < rhs
	case "<=":
		return lhs <= rhs
	case ">":
		return lhs > rhs
	case ">=":
		return lhs >= rhs
	}
	return false
}

// logicEqText writes a constraint as "A + 2*B - C = 7".
func logicEqText(c LogicalEquationConstraint) string {
	var s strings.Builder
	for i, t := range c.Terms {
		coef := t.Coef
		switch {
		case i == 0 && coef < 0:
			s.WriteString("-")
			coef = -coef
		case i > 0 && coef < 0:
			s.WriteString(" - ")
			coef = -coef
		case i > 0:
			s.WriteString(" + ")
		}
		if coef != 1 {
			s.WriteString(strconv.Itoa(coef) + "*")
		}
		s.WriteString(t.Letter)
	}
	fmt.Fprintf(&s, " %s %d", c.Op, c.RHS)
	return s.String()
}

var (
	logicEqConsRE = regexp.MustCompile(`^\s*(.+?)\s*(!=|<=|>=|=|<|>)\s*(-?\d+)\s*$`)
	logicEqTermRE = regexp.MustCompile(`^\s*([+-]?)\s*(?:(\d+)\s*\*?\s*)?([A-Z])\s*`)
)

// logicEqParseConstraint reads "A + 2*B - C >= 7".
func logicEqParseConstraint(s string) (LogicalEquationConstraint, error) {
	m := logicEqConsRE.FindStringSubmatch(s)
	if m == nil {
		return LogicalEquationConstraint{}, fmt.Errorf("%q is not a linear constraint", s)
	}
	rhs, err := strconv.Atoi(m[3])
	if err != nil {
		return LogicalEquationConstraint{}, fmt.Errorf("right-hand side %q: %w", m[3], err)
	}
	c := LogicalEquationConstraint{Op: m[2], RHS: rhs}
	lhs := m[1]
	for lhs != "" {
		t := logicEqTermRE.FindStringSubmatch(lhs)
		if t == nil || (len(c.Terms) > 0 && t[1] == "") {
			return LogicalEquationConstraint{}, fmt.Errorf("cannot read the terms at %q", lhs)
		}
		coef := 1
		if t[2] != "" {
			if coef, err = strconv.Atoi(t[2]); err != nil || coef > 1_000_000 {
				return LogicalEquationConstraint{}, fmt.Errorf("coefficient %q is too large", t[2])
			}
		}
		if t[1] == "-" {
			coef = -coef
		}
		c.Terms = append(c.Terms, LogicalEquationTerm{Coef: coef, Letter: t[3]})
		lhs = lhs[len(t[0]):]
	}
	return c, nil
}

func logicEqGenerate(rng *rand.Rand, level int) (LogicalEquation, error) {
	n := 3 + 2*level // 5, 7 or 9 letters
	in := LogicalEquation{}
	for i := range n {
		in.Letters = append(in.Letters, string(rune('A'+i)))
	}
	pool := rng.Perm(20 * level * level)[:n]
	for _, v := range pool {
		in.Values = append(in.Values, v+1)
	}
	slices.Sort(in.Values)
	val := map[string]int{}
	for i, p := range rng.Perm(n) {
		val[in.Letters[i]] = in.Values[p]
	}
	randomConstraint := func() LogicalEquationConstraint {
		k := 2 + rng.IntN(2)
		idx := rng.Perm(n)[:k]
		c := LogicalEquationConstraint{}
		lhs := 0
		for i, j := range idx {
			coef := 1
			if i > 0 && rng.IntN(3) == 0 {
				coef = -1
			}
			if rng.IntN(4) == 0 {
				coef *= 2 + rng.IntN(2)
			}
			c.Terms = append(c.Terms, LogicalEquationTerm{Coef: coef, Letter: in.Letters[j]})
			lhs += coef * val[in.Letters[j]]
		}
		switch rng.IntN(5) {
		case 0:
			c.Op, c.RHS = ">", lhs-1-rng.IntN(5)
		case 1:
			c.Op, c.RHS = "<", lhs+1+rng.IntN(5)
		default:
			c.Op, c.RHS = "=", lhs
		}
		return c
	}
	for range n - 2 {
		in.Constraints = append(in.Constraints, randomConstraint())
	}
	for range 3 * n {
		if logicEqCount(in, 2) <= 1 {
			break
		}
		in.Constraints = append(in.Constraints, randomConstraint())
	}
	return in, nil
}

// logicEqCount counts the assignments that satisfy every constraint,
// stopping at limit, by backtracking over the letters in order: a
// constraint is checked once all its letters have values.
func logicEqCount(in LogicalEquation, limit int) int {
	// Order the letters greedily so that constraints are complete early:
	// next is the letter that completes the most constraints.
	var letters []string
	placed := map[string]bool{}
	for len(letters) < len(in.Letters) {
		best, bestScore := "", -1
		for _, l := range in.Letters {
			if placed[l] {
				continue
			}
			score := 0
			for _, c := range in.Constraints {
				mentions, complete := false, true
				for _, t := range c.Terms {
					if t.Letter == l {
						mentions = true
					} else if !placed[t.Letter] {
						complete = false
					}
				}
				if mentions {
					score++
					if complete {
						score += 100
					}
				}
			}
			if score > bestScore {
				best, bestScore = l, score
			}
		}
		placed[best] = true
		letters = append(letters, best)
	}
	order := map[string]int{}
	for i, l := range letters {
		order[l] = i
	}
	// due[i] lists the constraints whose last letter (in order) is i.
	due := make([][]LogicalEquationConstraint, len(letters))
	for _, c := range in.Constraints {
		last := 0
		for _, t := range c.Terms {
			last = max(last, order[t.Letter])
		}
		due[last] = append(due[last], c)
	}
	val := map[string]int{}
	used := make([]bool, len(in.Values))
	count := 0
	var assign func(i int)
	assign = func(i int) {
		if i == len(letters) {
			count++
			return
		}
		for k, v := range in.Values {
			if used[k] {
				continue
			}
			val[letters[i]] = v
			ok := true
			for _, c := range due[i] {
				lhs := 0
				for _, t := range c.Terms {
					lhs += t.Coef * val[t.Letter]
				}
				if !logicEqHolds(lhs, c.Op, c.RHS) {
					ok = false
					break
				}
			}
			if ok {
				used[k] = true
				assign(i + 1)
				used[k] = false
			}
			if count >= limit {
				return
			}
		}
	}
	assign(0)
	return count
}

func logicEqPrompt(in LogicalEquation) string {
	var s strings.Builder
	fmt.Fprintf(&s, "The letters %s stand for numbers from the set {%s}; different letters stand for different numbers.\n",
		strings.Join(in.Letters, ", "), intsString(in.Values))
	s.WriteString("They satisfy:\n")
	for i, c := range in.Constraints {
		fmt.Fprintf(&s, "%d. %s\n", i+1, logicEqText(c))
	}
	fmt.Fprintf(&s, "Answer with the values of %s in this order as a list, e.g. [%s], or \"no solution\" if no assignment works.",
		strings.Join(in.Letters, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(in.Letters)), ", "))
	return s.String()
}

var (
	logicEqHeadRE = regexp.MustCompile(`The letters ([A-Z, ]+?) stand for numbers from the set \{([-\d, ]*)\}`)
	logicEqLineRE = regexp.MustCompile(`(?m)^\d+\. (.+)$`)
)

func logicEqParse(prompt string) (LogicalEquation, error) {
	m := logicEqHeadRE.FindStringSubmatch(prompt)
	if m == nil {
		return LogicalEquation{}, errors.New(`no "The letters … stand for numbers from the set {…}" line`)
	}
	in := LogicalEquation{Letters: AnswerFields(m[1])}
	vals, err := promptIntList(m[2])
	if err != nil {
		return LogicalEquation{}, fmt.Errorf("values: %w", err)
	}
	in.Values = vals
	for _, line := range logicEqLineRE.FindAllStringSubmatch(prompt, -1) {
		c, err := logicEqParseConstraint(line[1])
		if err != nil {
			return LogicalEquation{}, fmt.Errorf("constraint %d: %w", len(in.Constraints)+1, err)
		}
		in.Constraints = append(in.Constraints, c)
	}
	return in, nil
}
