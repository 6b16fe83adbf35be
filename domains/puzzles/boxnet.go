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
)

// BoxNet is a box_net instance: a grid with one agent per cell, coloured
// boxes and coloured targets. In each step every agent may act once on a
// box in its own cell: move it to a neighbouring cell, or put it on a
// target of its colour in that cell (the box is then done). All boxes must
// be done in as few steps as possible.
type BoxNet struct {
	Rows    int         `json:"rows" jsonschema:"grid rows, numbered from 1"`
	Cols    int         `json:"cols" jsonschema:"grid columns, numbered from 1"`
	Boxes   []BoxNetBox `json:"boxes" jsonschema:"box i is boxes[i-1]"`
	Targets []BoxNetBox `json:"targets" jsonschema:"targets; any number of boxes of its colour may be put on one"`
}

// BoxNetBox is a coloured box or target at Cell ([row, column] from 1).
type BoxNetBox struct {
	Color string `json:"color" jsonschema:"lowercase colour name"`
	Cell  [2]int `json:"cell"`
}

// BoxNetAction is one action of a plan: box Box (from 1) moves to To, or
// is put on a target when Deliver is set.
type BoxNetAction struct {
	Box     int    `json:"box"`
	To      [2]int `json:"to,omitzero"`
	Deliver bool   `json:"deliver,omitempty"`
}

const (
	boxNetMaxCells = 16
	boxNetMaxBoxes = 6
	boxNetDone     = 255  // position of a box on its target
	boxNetDirMark  = -100 // BoxNetAction.To[0] of a move given as a direction
	// boxNetMaxStates bounds the A* search.
	boxNetMaxStates = 300_000
)

var errBoxNetLarge = errors.New("search exceeds 300000 states")

var boxNetColors = []string{"red", "blue", "green", "yellow"}

func boxNetSpec() Spec[BoxNet] {
	return Spec[BoxNet]{
		Name:        "box_net",
		Family:      "planning",
		Description: "Agents, one per grid cell, pass coloured boxes between neighbouring cells onto targets of their colour in the fewest steps.",
		Generate:    generateBoxNet,
		Prompt:      promptBoxNet,
		Parse:       parseBoxNet,
		Validate:    validateBoxNet,
		Solve: func(ctx context.Context, in BoxNet) (Solution, error) {
			plan, ok, err := solveBoxNet(ctx, in)
			if err != nil {
				return Solution{}, fmt.Errorf("puzzles: box_net: %w", err)
			}
			if !ok {
				return Solution{Answer: NoSolutionAnswer, Unsat: true}, nil
			}
			return Solution{Answer: boxNetFormat(plan), Structured: plan}, nil
		},
		Verify: verifyBoxNet,
	}
}

var boxNetColorRE = regexp.MustCompile(`^[a-z]{1,12}$`)

func validateBoxNet(in BoxNet) error {
	if in.Rows < 1 || in.Cols < 1 || in.Rows*in.Cols > boxNetMaxCells || in.Rows > boxNetMaxCells || in.Cols > boxNetMaxCells {
		return fmt.Errorf("rows, cols: %d×%d, want 1 to %d cells", in.Rows, in.Cols, boxNetMaxCells)
	}
	if len(in.Boxes) == 0 || len(in.Boxes) > boxNetMaxBoxes {
		return fmt.Errorf("boxes: want 1 to %d, got %d", boxNetMaxBoxes, len(in.Boxes))
	}
	if len(in.Targets) > in.Rows*in.Cols*len(boxNetColors) {
		return fmt.Errorf("targets: %d is too many", len(in.Targets))
	}
	for _, g := range []struct {
		name string
		list []BoxNetBox
	}{{"boxes", in.Boxes}, {"targets", in.Targets}} {
		for i, b := range g.list {
			if !boxNetColorRE.MatchString(b.Color) {
				return fmt.Errorf("%s[%d].color: %q is not a lowercase word", g.name, i, b.Color)
			}
			if b.Cell[0] < 1 || b.Cell[0] > in.Rows || b.Cell[1] < 1 || b.Cell[1] > in.Cols {
				return fmt.Errorf("%s[%d].cell: (%d,%d) is off the %d×%d grid", g.name, i, b.Cell[0], b.Cell[1], in.Rows, in.Cols)
			}
		}
	}
	return nil
}

// boxNetState is the position (cell index) of each box, or boxNetDone,
// with the boxes in the search's slot order (grouped by colour).
type boxNetState [boxNetMaxBoxes]uint8

// boxNetSearch holds the A* search. Boxes of one colour are
// interchangeable, so a state keeps the positions of each colour sorted
// (canonical form); plans are rebuilt by following the boxes through the
// reorderings.
type boxNetSearch struct {
	in     BoxNet
	n      int      // boxes
	cells  int      // rows·cols
	orig   []int    // slot → index in in.Boxes
	runs   [][2]int // slot ranges of one colour
	dist   [][]int  // dist[slot][cell]: steps to a target of its colour, -1 if none
	target [][]bool // target[slot][cell]: a target of its colour is there
	nbrs   [][]int
}

func newBoxNetSearch(in BoxNet) *boxNetSearch {
	s := &boxNetSearch{in: in, n: len(in.Boxes), cells: in.Rows * in.Cols}
	s.nbrs = make([][]int, s.cells)
	for c := range s.cells {
		r, k := c/in.Cols, c%in.Cols
		for _, d := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
			if rr, kk := r+d[0], k+d[1]; rr >= 0 && rr < in.Rows && kk >= 0 && kk < in.Cols {
				s.nbrs[c] = append(s.nbrs[c], rr*in.Cols+kk)
			}
		}
	}
	for b := range in.Boxes {
		s.orig = append(s.orig, b)
	}
	slices.SortStableFunc(s.orig, func(a, b int) int { return strings.Compare(in.Boxes[a].Color, in.Boxes[b].Color) })
	for i, b := range s.orig {
		color := in.Boxes[b].Color
		if i == 0 || in.Boxes[s.orig[i-1]].Color != color {
			s.runs = append(s.runs, [2]int{i, i + 1})
		} else {
			s.runs[len(s.runs)-1][1] = i + 1
		}
		tg := make([]bool, s.cells)
		dist := make([]int, s.cells)
		for c := range dist {
			dist[c] = -1
		}
		var queue []int
		for _, t := range in.Targets {
			if t.Color == color {
				c := s.cellIndex(t.Cell)
				tg[c] = true
				if dist[c] < 0 {
					dist[c] = 0
					queue = append(queue, c)
				}
			}
		}
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			for _, d := range s.nbrs[c] {
				if dist[d] < 0 {
					dist[d] = dist[c] + 1
					queue = append(queue, d)
				}
			}
		}
		s.dist = append(s.dist, dist)
		s.target = append(s.target, tg)
	}
	return s
}

func (s *boxNetSearch) cellIndex(c [2]int) int { return (c[0]-1)*s.in.Cols + c[1] - 1 }

// canon sorts the positions within each colour; perm[j] is the new slot
// of old slot j.
func (s *boxNetSearch) canon(st boxNetState) (boxNetState, [boxNetMaxBoxes]int) {
	var perm [boxNetMaxBoxes]int
	for j := range perm {
		perm[j] = j
	}
	var at [boxNetMaxBoxes]int // at[new slot] = old slot
	for j := range at {
		at[j] = j
	}
	for _, r := range s.runs {
		for i := r[0] + 1; i < r[1]; i++ { // insertion sort
			for k := i; k > r[0] && st[k-1] > st[k]; k-- {
				st[k-1], st[k] = st[k], st[k-1]
				at[k-1], at[k] = at[k], at[k-1]
			}
		}
	}
	for newSlot, old := range at[:s.n] {
		perm[old] = newSlot
	}
	return st, perm
}

// h is an admissible bound on the steps left: the agent of a cell acts on
// one of its boxes per step, so its k-th box (the farthest first) starts
// at step k at the earliest, and then needs its distance to a target and
// one more step to go onto it.
func (s *boxNetSearch) h(st boxNetState) int {
	var byCell [boxNetMaxCells][]int
	for b := range s.n {
		if p := st[b]; p != boxNetDone {
			byCell[p] = append(byCell[p], s.dist[b][p])
		}
	}
	h := 0
	for _, ds := range byCell[:s.cells] {
		slices.Sort(ds)
		for i, d := range ds { // ascending: the farthest box is last
			h = max(h, len(ds)-1-i+d+1)
		}
	}
	return h
}

// successors calls fn with every state one step away (in the slot order of
// st): each cell holding boxes lets its agent move one of them or put one
// on a target. Agents holding a box never rest: any box in the cell needs
// an action of this agent later, and doing that action now instead (the
// box then waits in its next cell) keeps a plan valid and as short, so
// some optimal plan has no such rest.
func (s *boxNetSearch) successors(st boxNetState, fn func(boxNetState)) {
	var byCell [boxNetMaxCells][]int
	var occupied []int
	for b := range s.n {
		if p := st[b]; p != boxNetDone {
			if len(byCell[p]) == 0 {
				occupied = append(occupied, int(p))
			}
			byCell[p] = append(byCell[p], b)
		}
	}
	next := st
	var rec func(k int)
	rec = func(k int) {
		if k == len(occupied) {
			fn(next)
			return
		}
		c := occupied[k]
		for i, b := range byCell[c] {
			if i > 0 && st[b] == st[byCell[c][i-1]] && s.sameRun(b, byCell[c][i-1]) {
				continue // an interchangeable box was tried already
			}
			if s.target[b][c] {
				next[b] = boxNetDone
				rec(k + 1)
			}
			for _, d := range s.nbrs[c] {
				next[b] = uint8(d)
				rec(k + 1)
			}
			next[b] = st[b]
		}
	}
	rec(0)
}

func (s *boxNetSearch) sameRun(a, b int) bool {
	for _, r := range s.runs {
		if a >= r[0] && a < r[1] {
			return b >= r[0] && b < r[1]
		}
	}
	return false
}

// boxNetLink is how the search reached a canonical state: from its
// canonical parent, by the successor raw (in the parent's slot order).
type boxNetLink struct{ from, raw boxNetState }

// solveBoxNet finds a plan with the fewest steps by A* search over the
// boxes' positions; ok is false when some box has no target of its colour.
func solveBoxNet(ctx context.Context, in BoxNet) ([][]BoxNetAction, bool, error) {
	s := newBoxNetSearch(in)
	var raw0, goal boxNetState
	for i, b := range s.orig {
		raw0[i] = uint8(s.cellIndex(in.Boxes[b].Cell))
		goal[i] = boxNetDone
		if s.dist[i][raw0[i]] < 0 {
			return nil, false, nil
		}
	}
	start, _ := s.canon(raw0)
	g := map[boxNetState]int{start: 0}
	link := map[boxNetState]boxNetLink{}
	closed := map[boxNetState]bool{}
	// Buckets by f = g + h, raised to the parent's f (pathmax) so that f
	// never decreases along a path: the first goal taken from the lowest
	// bucket is optimal.
	buckets := map[int][]boxNetState{s.h(start): {start}}
	for f := s.h(start); len(buckets) > 0; f++ {
		for len(buckets[f]) > 0 {
			q := buckets[f]
			st := q[len(q)-1]
			buckets[f] = q[:len(q)-1]
			if closed[st] || g[st]+s.h(st) > f {
				continue // stale entry
			}
			if st == goal {
				return boxNetPlan(s, link, raw0, start, goal), true, nil
			}
			closed[st] = true
			if len(g) > boxNetMaxStates {
				return nil, false, errBoxNetLarge
			}
			if len(closed)%1024 == 0 && ctx.Err() != nil {
				return nil, false, ctx.Err()
			}
			gs := g[st] + 1
			s.successors(st, func(raw boxNetState) {
				nx, _ := s.canon(raw)
				if old, seen := g[nx]; seen && old <= gs {
					return
				}
				g[nx], link[nx] = gs, boxNetLink{from: st, raw: raw}
				delete(closed, nx)
				fx := max(gs+s.h(nx), f)
				buckets[fx] = append(buckets[fx], nx)
			})
		}
		delete(buckets, f)
	}
	return nil, false, nil // not reached: every box has a target
}

// boxNetPlan reads the actions of each step off the path of states,
// following each box through the canonical reorderings.
func boxNetPlan(s *boxNetSearch, link map[boxNetState]boxNetLink, raw0, start, goal boxNetState) [][]BoxNetAction {
	var path []boxNetLink
	for st := goal; st != start; st = link[st].from {
		path = append(path, link[st])
	}
	slices.Reverse(path)
	var who [boxNetMaxBoxes]int // slot of the current canonical state → box index
	_, perm := s.canon(raw0)
	for j := range s.n {
		who[perm[j]] = s.orig[j]
	}
	plan := make([][]BoxNetAction, 0, len(path))
	for _, l := range path {
		var step []BoxNetAction
		for j := range s.n {
			if l.raw[j] == l.from[j] {
				continue
			}
			a := BoxNetAction{Box: who[j] + 1}
			if p := l.raw[j]; p == boxNetDone {
				a.Deliver = true
			} else {
				a.To = [2]int{int(p)/s.in.Cols + 1, int(p)%s.in.Cols + 1}
			}
			step = append(step, a)
		}
		slices.SortFunc(step, func(a, b BoxNetAction) int { return a.Box - b.Box })
		plan = append(plan, step)
		_, perm := s.canon(l.raw)
		var next [boxNetMaxBoxes]int
		for j := range s.n {
			next[perm[j]] = who[j]
		}
		who = next
	}
	return boxNetUnloop(s, plan)
}

// boxNetUnloop drops the actions that bring a box back to a cell it was
// in before (the search lets agents never rest, so boxes may step aside
// and back). The box then simply waits there, which keeps the plan valid:
// boxes never block each other and the agents concerned only lose work.
func boxNetUnloop(s *boxNetSearch, plan [][]BoxNetAction) [][]BoxNetAction {
	type ref struct{ step, k int }
	drop := map[ref]bool{}
	for b := range s.in.Boxes {
		type visit struct {
			cell [2]int
			by   ref // the action that brought the box here
		}
		path := []visit{{cell: s.in.Boxes[b].Cell, by: ref{-1, -1}}}
		for t, step := range plan {
			for k, a := range step {
				if a.Box != b+1 || a.Deliver {
					continue
				}
				at := slices.IndexFunc(path, func(v visit) bool { return v.cell == a.To })
				if at < 0 {
					path = append(path, visit{a.To, ref{t, k}})
					continue
				}
				for _, v := range path[at+1:] {
					drop[v.by] = true
				}
				drop[ref{t, k}] = true
				path = path[:at+1]
			}
		}
	}
	var out [][]BoxNetAction
	for t, step := range plan {
		var kept []BoxNetAction
		for k, a := range step {
			if !drop[ref{t, k}] {
				kept = append(kept, a)
			}
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// boxNetReachable reports whether every box has a target of its colour
// (the grid is connected, so that is all a plan needs).
func boxNetReachable(in BoxNet) bool {
	for _, b := range in.Boxes {
		if !slices.ContainsFunc(in.Targets, func(t BoxNetBox) bool { return t.Color == b.Color }) {
			return false
		}
	}
	return true
}

func boxNetFormat(plan [][]BoxNetAction) string {
	lines := make([]string, len(plan))
	for i, step := range plan {
		parts := make([]string, len(step))
		for k, a := range step {
			if a.Deliver {
				parts[k] = fmt.Sprintf("%d:target", a.Box)
			} else {
				parts[k] = fmt.Sprintf("%d:(%d,%d)", a.Box, a.To[0], a.To[1])
			}
		}
		lines[i] = fmt.Sprintf("Step %d: %s", i+1, strings.Join(parts, "; "))
	}
	return strings.Join(lines, "\n")
}

func generateBoxNet(rng *rand.Rand, level int) (BoxNet, error) {
	rows, cols := exByLevel(level, 2, 2, 3), exByLevel(level, 2, 3, 3)
	nb := exByLevel(level, 2, 3, 4)
	ncol := exByLevel(level, 2, 2, 3)
	in := BoxNet{Rows: rows, Cols: cols}
	cell := func() [2]int { return [2]int{exBetween(rng, 1, rows), exBetween(rng, 1, cols)} }
	colors := boxNetColors[:ncol]
	used := map[string]bool{}
	for range nb {
		c := exPick(rng, colors)
		used[c] = true
		in.Boxes = append(in.Boxes, BoxNetBox{Color: c, Cell: cell()})
	}
	for _, c := range colors {
		if used[c] {
			in.Targets = append(in.Targets, BoxNetBox{Color: c, Cell: cell()})
		}
	}
	return in, nil
}

func boxNetCells(list []BoxNetBox, numbered bool) string {
	parts := make([]string, len(list))
	for i, b := range list {
		parts[i] = fmt.Sprintf("%s at (%d,%d)", b.Color, b.Cell[0], b.Cell[1])
		if numbered {
			parts[i] = fmt.Sprintf("%d %s", i+1, parts[i])
		}
	}
	return strings.Join(parts, ", ")
}

func promptBoxNet(in BoxNet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Agents stand one in each cell of a %d×%d grid (rows and columns numbered from 1). Coloured boxes lie in some cells and coloured targets sit in some cells. ", in.Rows, in.Cols)
	b.WriteString("In each step every agent may do at most one action with a box in its own cell: move it to a neighbouring cell (up, down, left or right), " +
		"or, if a target of the box's colour is in that cell, put the box on the target (the box is then done). All agents act at the same time. " +
		"Get every box onto a target of its colour in as few steps as possible.\n\n")
	fmt.Fprintf(&b, "Grid: %d rows, %d columns\nBoxes: %s\nTargets: %s\n\n", in.Rows, in.Cols, boxNetCells(in.Boxes, true), boxNetCells(in.Targets, false))
	b.WriteString("Give one line per step with that step's actions separated by semicolons, each as box:(row,column) for a move or box:target for putting the box on a target, e.g.\n" +
		"Step 1: 1:(1,2); 2:(2,2)\nStep 2: 1:target\n" +
		"If some box can never reach a target, answer \"no solution\".\n")
	return b.String()
}

var (
	boxNetGridRE = regexp.MustCompile(`^(\d+) rows, (\d+) columns$`)
	boxNetItemRE = regexp.MustCompile(`^(?:(\d+) )?([a-z]+) at \((\d+),(\d+)\)$`)
)

func boxNetParseList(field, s string, numbered bool) ([]BoxNetBox, error) {
	var out []BoxNetBox
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for i, p := range strings.Split(s, ", ") {
		m := boxNetItemRE.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil || (m[1] != "") != numbered || numbered && m[1] != strconv.Itoa(i+1) {
			return nil, fmt.Errorf("%s[%d]: cannot read %q", field, i, strings.TrimSpace(p))
		}
		r, err1 := strconv.Atoi(m[3])
		c, err2 := strconv.Atoi(m[4])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s[%d]: cell out of range", field, i)
		}
		out = append(out, BoxNetBox{Color: m[2], Cell: [2]int{r, c}})
		if len(out) > 100 {
			return nil, fmt.Errorf("%s: more than 100", field)
		}
	}
	return out, nil
}

func parseBoxNet(prompt string) (BoxNet, error) {
	var in BoxNet
	g, err := exLineAfter(prompt, "Grid:")
	if err != nil {
		return in, err
	}
	m := boxNetGridRE.FindStringSubmatch(g)
	if m == nil {
		return in, fmt.Errorf("grid: cannot read %q", g)
	}
	if in.Rows, err = exAtoi("rows", m[1]); err != nil {
		return in, err
	}
	if in.Cols, err = exAtoi("cols", m[2]); err != nil {
		return in, err
	}
	bs, err := exLineAfter(prompt, "Boxes:")
	if err != nil {
		return in, err
	}
	if in.Boxes, err = boxNetParseList("boxes", bs, true); err != nil {
		return in, err
	}
	ts, err := exLineAfter(prompt, "Targets:")
	if err != nil {
		return in, err
	}
	if in.Targets, err = boxNetParseList("targets", ts, false); err != nil {
		return in, err
	}
	return in, validateBoxNet(in)
}

var (
	boxNetDeliverRE = regexp.MustCompile(`(?i)target|goal|deliver|done`)
	boxNetDirRE     = regexp.MustCompile(`(?i)\b(up|down|left|right)\b`)
)

// boxNetRead reads the steps of an answer: one line per step (a "Step k:"
// label is dropped), actions separated by semicolons or pipes, each the
// box number followed by a cell, a direction, or "target".
func boxNetRead(answer string) ([][]BoxNetAction, string) {
	var plan [][]BoxNetAction
	for _, line := range strings.Split(StripAnswer(answer), "\n") {
		line = boxLiftStepRE.ReplaceAllString(strings.TrimSpace(line), "")
		if line == "" {
			continue
		}
		var step []BoxNetAction
		for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == ';' || r == '|' }) {
			nums, err := AnswerInts(part)
			if err != nil {
				return nil, err.Error()
			}
			if len(nums) == 0 {
				continue
			}
			a := BoxNetAction{Box: nums[0]}
			switch {
			case boxNetDeliverRE.MatchString(part) && len(nums) == 1:
				a.Deliver = true
			case len(nums) == 3:
				a.To = [2]int{nums[1], nums[2]}
			case len(nums) == 1 && boxNetDirRE.MatchString(part):
				// A direction, resolved against the box's cell when checked.
				dir := strings.ToLower(boxNetDirRE.FindString(part))
				a.To = [2]int{boxNetDirMark, slices.Index([]string{"up", "down", "left", "right"}, dir)}
			default:
				return nil, fmt.Sprintf("cannot read the action %q", exClip(strings.TrimSpace(part), 30))
			}
			step = append(step, a)
		}
		if len(step) > 0 {
			plan = append(plan, step)
		}
	}
	return plan, ""
}

func verifyBoxNet(in BoxNet, answer string) Verdict {
	ok := boxNetReachable(in)
	if ClaimsNoSolution(answer) {
		if ok {
			return Reject("every box can reach a target of its colour")
		}
		return Accept()
	}
	if !ok {
		return Reject("some box has no target of its colour")
	}
	plan, msg := boxNetRead(answer)
	if msg != "" {
		return Reject("%s", msg)
	}
	if len(plan) == 0 {
		return Reject("no steps found")
	}
	pos := make([][2]int, len(in.Boxes))
	done := make([]bool, len(in.Boxes))
	for b, box := range in.Boxes {
		pos[b] = box.Cell
	}
	for s, step := range plan {
		agentBusy := map[[2]int]bool{}
		moved := map[int]bool{}
		next := slices.Clone(pos)
		for _, a := range step {
			b := a.Box - 1
			if b < 0 || b >= len(in.Boxes) {
				return Reject("step %d: there is no box %d", s+1, a.Box)
			}
			if done[b] {
				return Reject("step %d: box %d is already on a target", s+1, a.Box)
			}
			if moved[b] {
				return Reject("step %d: box %d acts twice", s+1, a.Box)
			}
			moved[b] = true
			at := pos[b]
			if agentBusy[at] {
				return Reject("step %d: the agent at (%d,%d) acts twice", s+1, at[0], at[1])
			}
			agentBusy[at] = true
			if a.To[0] == boxNetDirMark {
				d := [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}[a.To[1]]
				a.To = [2]int{at[0] + d[0], at[1] + d[1]}
			}
			if a.Deliver {
				found := false
				for _, t := range in.Targets {
					found = found || t.Cell == at && t.Color == in.Boxes[b].Color
				}
				if !found {
					return Reject("step %d: no %s target at (%d,%d) for box %d", s+1, in.Boxes[b].Color, at[0], at[1], a.Box)
				}
				done[b] = true
				continue
			}
			if dr, dc := a.To[0]-at[0], a.To[1]-at[1]; dr*dr+dc*dc != 1 {
				return Reject("step %d: box %d at (%d,%d) cannot move to (%d,%d)", s+1, a.Box, at[0], at[1], a.To[0], a.To[1])
			}
			if a.To[0] < 1 || a.To[0] > in.Rows || a.To[1] < 1 || a.To[1] > in.Cols {
				return Reject("step %d: box %d would leave the grid", s+1, a.Box)
			}
			next[b] = a.To
		}
		pos = next
	}
	for b := range done {
		if !done[b] {
			return Reject("box %d is not on a target at the end", b+1)
		}
	}
	best, _, err := solveBoxNet(context.Background(), in)
	if err != nil {
		return Reject("cannot check optimality: %v", err)
	}
	if len(plan) > len(best) {
		return Reject("%d steps used, but %d suffice", len(plan), len(best))
	}
	return Accept()
}
