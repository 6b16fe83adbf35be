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

// LightSwitch is a light_switch instance: a panel of lights (rows of '0'
// off and '1' on), a target pattern, and buttons that each toggle a set of
// lights. Any sequence of presses that turns Start into Target is an
// answer.
type LightSwitch struct {
	Start   []string      `json:"start" jsonschema:"rows of the panel at the start: '1' on, '0' off"`
	Target  []string      `json:"target" jsonschema:"rows of the wanted panel"`
	Buttons []LightButton `json:"buttons" jsonschema:"the buttons"`
}

// LightButton toggles the lights at Cells (1-based row, column).
type LightButton struct {
	Name  string   `json:"name" jsonschema:"button name (capital letters)"`
	Cells [][2]int `json:"cells" jsonschema:"lights toggled, as [row, column] from 1"`
}

func lightsSpec() Spec[LightSwitch] {
	return Spec[LightSwitch]{
		Name:        "light_switch",
		Family:      "planning",
		Description: "Find button presses (each toggles a set of lights) that turn a light panel into a target pattern.",
		Generate:    generateLights,
		Prompt:      promptLights,
		Parse:       parseLights,
		Validate:    validateLights,
		Solve: func(_ context.Context, in LightSwitch) (Solution, error) {
			presses, ok := solveLights(in)
			if !ok {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			if len(presses) == 0 {
				return Solution{Answer: "no presses needed", Structured: presses}, nil
			}
			return Solution{Answer: strings.Join(presses, ", "), Structured: presses}, nil
		},
		Verify: verifyLights,
	}
}

var lightsNameRE = regexp.MustCompile(`^[A-Z]{1,2}$`)

func validateLights(in LightSwitch) error {
	for _, g := range []struct {
		name string
		rows []string
	}{{"start", in.Start}, {"target", in.Target}} {
		if len(g.rows) == 0 || len(g.rows) > 12 {
			return fmt.Errorf("%s: want 1 to 12 rows, got %d", g.name, len(g.rows))
		}
		for i, r := range g.rows {
			if len(r) != len(in.Start[0]) || len(r) == 0 || len(r) > 12 {
				return fmt.Errorf("%s: row %d has %d lights, want %d (at most 12)", g.name, i+1, len(r), len(in.Start[0]))
			}
			if strings.Trim(r, "01") != "" {
				return fmt.Errorf("%s: row %d %q holds something other than 0 and 1", g.name, i+1, r)
			}
		}
	}
	if len(in.Target) != len(in.Start) {
		return fmt.Errorf("target: %d rows, start has %d", len(in.Target), len(in.Start))
	}
	if len(in.Buttons) == 0 || len(in.Buttons) > 26 {
		return fmt.Errorf("buttons: want 1 to 26, got %d", len(in.Buttons))
	}
	names := map[string]bool{}
	for i, b := range in.Buttons {
		if !lightsNameRE.MatchString(b.Name) || names[b.Name] {
			return fmt.Errorf("buttons[%d].name: %q is not a new name of 1 or 2 capital letters", i, b.Name)
		}
		names[b.Name] = true
		if len(b.Cells) == 0 || len(b.Cells) > 144 {
			return fmt.Errorf("buttons[%d].cells: want 1 to 144 cells, got %d", i, len(b.Cells))
		}
		seen := map[[2]int]bool{}
		for j, c := range b.Cells {
			if c[0] < 1 || c[0] > len(in.Start) || c[1] < 1 || c[1] > len(in.Start[0]) {
				return fmt.Errorf("buttons[%d].cells[%d]: (%d,%d) is off the panel", i, j, c[0], c[1])
			}
			if seen[c] {
				return fmt.Errorf("buttons[%d].cells[%d]: (%d,%d) is listed twice", i, j, c[0], c[1])
			}
			seen[c] = true
		}
	}
	return nil
}

// solveLights solves the GF(2) system Σ presses·button = start ⊕ target by
// Gaussian elimination; free presses are left out.
func solveLights(in LightSwitch) ([]string, bool) {
	rows, cols := len(in.Start), len(in.Start[0])
	nb := len(in.Buttons)
	// One equation per light: the buttons covering it, and the right side.
	eqs := make([][]bool, 0, rows*cols)
	for r := range rows {
		for c := range cols {
			eq := make([]bool, nb+1)
			for b, btn := range in.Buttons {
				eq[b] = slices.Contains(btn.Cells, [2]int{r + 1, c + 1})
			}
			eq[nb] = in.Start[r][c] != in.Target[r][c]
			eqs = append(eqs, eq)
		}
	}
	pivotRow := make([]int, nb)
	for b := range pivotRow {
		pivotRow[b] = -1
	}
	next := 0
	for b := 0; b < nb && next < len(eqs); b++ {
		p := -1
		for i := next; i < len(eqs); i++ {
			if eqs[i][b] {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		eqs[next], eqs[p] = eqs[p], eqs[next]
		for i := range eqs {
			if i != next && eqs[i][b] {
				for k := range eqs[i] {
					eqs[i][k] = eqs[i][k] != eqs[next][k]
				}
			}
		}
		pivotRow[b] = next
		next++
	}
	for i := next; i < len(eqs); i++ {
		if eqs[i][nb] {
			return nil, false // 0 = 1
		}
	}
	presses := []string{}
	for b, r := range pivotRow {
		if r >= 0 && eqs[r][nb] {
			presses = append(presses, in.Buttons[b].Name)
		}
	}
	return presses, true
}

// lightsApply presses the named buttons on start and returns the panel.
func lightsApply(in LightSwitch, presses []int) [][]byte {
	p := make([][]byte, len(in.Start))
	for i, r := range in.Start {
		p[i] = []byte(r)
	}
	for _, b := range presses {
		for _, c := range in.Buttons[b].Cells {
			p[c[0]-1][c[1]-1] ^= 1 // '0' ↔ '1'
		}
	}
	return p
}

func generateLights(rng *rand.Rand, level int) (LightSwitch, error) {
	n := exByLevel(level, 3, 4, 5)
	nb := exByLevel(level, 4, 6, 8)
	for {
		in := LightSwitch{}
		for range n {
			row := make([]byte, n)
			for j := range row {
				row[j] = byte('0' + rng.IntN(2))
			}
			in.Start = append(in.Start, string(row))
		}
		for b := range nb {
			cells := rng.Perm(n * n)[:exBetween(rng, 2, min(5, n+1))]
			slices.Sort(cells)
			btn := LightButton{Name: exLetter(b)}
			for _, c := range cells {
				btn.Cells = append(btn.Cells, [2]int{c/n + 1, c%n + 1})
			}
			in.Buttons = append(in.Buttons, btn)
		}
		var presses []int
		for b := range nb {
			if rng.IntN(2) == 0 {
				presses = append(presses, b)
			}
		}
		panel := lightsApply(in, presses)
		for _, r := range panel {
			in.Target = append(in.Target, string(r))
		}
		if !slices.Equal(in.Start, in.Target) && len(presses) >= 2 {
			return in, nil
		}
	}
}

func promptLights(in LightSwitch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A %d×%d panel of lights has buttons; pressing a button toggles (switches on or off) every light in its list. ", len(in.Start), len(in.Start[0]))
	b.WriteString("Rows and columns are numbered from 1, and (r,c) is the light in row r, column c.\n\n")
	fmt.Fprintf(&b, "Start (1 = on, 0 = off):\n%s\n\nTarget:\n%s\n\nButtons:\n", strings.Join(in.Start, "\n"), strings.Join(in.Target, "\n"))
	for _, btn := range in.Buttons {
		cells := make([]string, len(btn.Cells))
		for i, c := range btn.Cells {
			cells[i] = fmt.Sprintf("(%d,%d)", c[0], c[1])
		}
		fmt.Fprintf(&b, "%s: %s\n", btn.Name, strings.Join(cells, " "))
	}
	b.WriteString("\nGive the buttons to press, in order, separated by commas, e.g. A, C, D. If the target cannot be reached, answer \"no solution\".\n")
	return b.String()
}

var lightsButtonRE = regexp.MustCompile(`^([A-Z]{1,2}):((?:\s*\(\d+,\d+\))+)$`)

func parseLights(prompt string) (LightSwitch, error) {
	var in LightSwitch
	var err error
	if in.Start, err = exBlockAfter(prompt, "Start (1 = on, 0 = off):"); err != nil {
		return in, err
	}
	if in.Target, err = exBlockAfter(prompt, "Target:"); err != nil {
		return in, err
	}
	for _, g := range [][]string{in.Start, in.Target} {
		for i := range g {
			g[i] = strings.TrimSpace(g[i])
		}
	}
	lines, err := exBlockAfter(prompt, "Buttons:")
	if err != nil {
		return in, err
	}
	for i, l := range lines {
		m := lightsButtonRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return in, fmt.Errorf("buttons[%d]: cannot read %q", i, strings.TrimSpace(l))
		}
		btn := LightButton{Name: m[1]}
		for _, c := range exCellRE.FindAllStringSubmatch(m[2], -1) {
			r, err1 := strconv.Atoi(c[1])
			k, err2 := strconv.Atoi(c[2])
			if err1 != nil || err2 != nil {
				return in, fmt.Errorf("buttons[%d]: cell %s is out of range", i, c[0])
			}
			btn.Cells = append(btn.Cells, [2]int{r, k})
		}
		in.Buttons = append(in.Buttons, btn)
	}
	return in, validateLights(in)
}

var lightsFiller = map[string]bool{"PRESS": true, "THEN": true, "AND": true, "BUTTON": true, "BUTTONS": true}

func verifyLights(in LightSwitch, answer string) Verdict {
	_, solvable := solveLights(in)
	if ClaimsNoSolution(answer) {
		if solvable {
			return Reject("the target can be reached")
		}
		return Accept()
	}
	index := map[string]int{}
	for i, b := range in.Buttons {
		index[b.Name] = i
	}
	s := StripAnswer(answer)
	if strings.TrimSpace(s) == "" {
		return Reject("empty answer")
	}
	var presses []int
	if low := strings.ToLower(s); !strings.Contains(low, "no press") && !strings.Contains(low, "nothing") {
		for _, f := range AnswerFields(s) {
			f = strings.ToUpper(strings.Trim(f, ".:"))
			if f == "" || lightsFiller[f] {
				continue
			}
			b, ok := index[f]
			if !ok {
				return Reject("%q is not a button", exClip(f, 20))
			}
			presses = append(presses, b)
		}
	}
	panel := lightsApply(in, presses)
	for r := range panel {
		for c := range panel[r] {
			if panel[r][c] != in.Target[r][c] {
				return Reject("after the presses light (%d,%d) is %s, the target has it %s", r+1, c+1, lightsOnOff(panel[r][c]), lightsOnOff(in.Target[r][c]))
			}
		}
	}
	return Accept()
}

func lightsOnOff(c byte) string {
	if c == '1' {
		return "on"
	}
	return "off"
}
