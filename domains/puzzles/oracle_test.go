package puzzles

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/plankit/plankit/solvers/csp"
	"github.com/plankit/plankit/solvers/graph"
)

// Solvers checked against independent oracles: brute force, exhaustive
// enumeration and shortest paths on explicitly built state graphs.

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ---- n-queens and sudoku: solution counts ----

// queensBrute counts the placements of an NQueens grid by plain
// backtracking over rows.
func queensBrute(grid []string) int {
	n := len(grid)
	cols := make([]int, n)
	var place func(r int) int
	place = func(r int) int {
		if r == n {
			return 1
		}
		total := 0
		for c := range n {
			if grid[r][c] == 'X' || (strings.Contains(grid[r], "Q") && grid[r][c] != 'Q') {
				continue
			}
			ok := true
			for p := range r {
				if cols[p] == c || cols[p]-c == p-r || cols[p]-c == r-p {
					ok = false
				}
			}
			if ok {
				cols[r] = c
				total += place(r + 1)
			}
		}
		return total
	}
	return place(0)
}

func cspCount(t *testing.T, m *csp.Model) int {
	t.Helper()
	sol, err := m.Solve(context.Background(), csp.Options{AllSolutions: true})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status == csp.Infeasible {
		return 0
	}
	if !sol.Complete {
		t.Fatal("enumeration incomplete")
	}
	return len(sol.Solutions)
}

func TestNQueensCounts(t *testing.T) {
	for n, want := range map[int]int{6: 4, 7: 40, 8: 92} {
		in := NQueens{Grid: make([]string, n)}
		for r := range in.Grid {
			in.Grid[r] = strings.Repeat(".", n)
		}
		m, _, _ := nQueensModel(in)
		if got := cspCount(t, m); got != want || queensBrute(in.Grid) != want {
			t.Errorf("n=%d: csp %d, brute %d, want %d", n, got, queensBrute(in.Grid), want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 30 {
		n := 5 + rng.IntN(3)
		grid := make([][]byte, n)
		for r := range grid {
			grid[r] = []byte(strings.Repeat(".", n))
		}
		for range n {
			grid[rng.IntN(n)][rng.IntN(n)] = 'X'
		}
		if i%2 == 0 {
			grid[rng.IntN(n)][rng.IntN(n)] = 'Q'
		}
		in := NQueens{Grid: make([]string, n)}
		for r := range grid {
			in.Grid[r] = string(grid[r])
		}
		want := queensBrute(in.Grid)
		got := 0
		if m, _, ok := nQueensModel(in); ok {
			got = cspCount(t, m)
		}
		if got != want {
			t.Fatalf("grid %q: csp counts %d, brute force %d", in.Grid, got, want)
		}
		sol, err := nQueensSolve(context.Background(), in)
		if err != nil || sol.Unsat != (want == 0) {
			t.Fatalf("grid %q: solve %+v %v with %d solutions", in.Grid, sol, err, want)
		}
	}
}

func sudokuBrute(g [][]int) int {
	n, b := len(g), sudokuBox(len(g))
	for r := range n {
		for c := range n {
			if g[r][c] != 0 {
				continue
			}
			total := 0
			for v := 1; v <= n; v++ {
				ok := true
				for k := range n {
					if g[r][k] == v || g[k][c] == v || g[(r/b)*b+k/b][(c/b)*b+k%b] == v {
						ok = false
						break
					}
				}
				if ok {
					g[r][c] = v
					total += sudokuBrute(g)
					g[r][c] = 0
				}
			}
			return total
		}
	}
	return 1
}

func TestSudokuCounts(t *testing.T) {
	empty := Sudoku{Grid: [][]int{{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}}
	if got := cspCount(t, sudokuModel(empty)); got != 288 {
		t.Fatalf("empty 4×4: %d solutions, want 288", got)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 30 {
		g := sudokuFull(rng, 4)
		for _, k := range rng.Perm(16)[:8+rng.IntN(6)] {
			g[k/4][k%4] = 0
		}
		if rng.IntN(4) == 0 { // a clash now and then: no solution
			g[0][0], g[0][1] = 1, 1
		}
		in := Sudoku{Grid: g}
		want := sudokuBrute(g)
		if got := cspCount(t, sudokuModel(in)); got != want {
			t.Fatalf("%v: csp %d, brute force %d", g, got, want)
		}
	}
}

// ---- arithmetic: every expression enumerated ----

// exprValues enumerates the values of every expression over nums (each
// used once, any order when anyOrder) by brute force over trees.
func exprValues(nums []*big.Rat, anyOrder bool) []*big.Rat {
	if len(nums) == 1 {
		return nums
	}
	var out []*big.Rat
	combine := func(a, b []*big.Rat) {
		for _, x := range a {
			for _, y := range b {
				for _, op := range []byte("+-*/") {
					if v, err := arithApply(op, x, y); err == nil {
						out = append(out, v)
					}
				}
			}
		}
	}
	if !anyOrder {
		for k := 1; k < len(nums); k++ {
			combine(exprValues(nums[:k], false), exprValues(nums[k:], false))
		}
		return out
	}
	n := len(nums)
	for mask := 1; mask < 1<<n-1; mask++ {
		var l, r []*big.Rat
		for i := range n {
			if mask&(1<<i) != 0 {
				l = append(l, nums[i])
			} else {
				r = append(r, nums[i])
			}
		}
		combine(exprValues(l, true), exprValues(r, true))
	}
	return out
}

func reachable(nums []int, target int, anyOrder bool) bool {
	rs := make([]*big.Rat, len(nums))
	for i, x := range nums {
		rs[i] = big.NewRat(int64(x), 1)
	}
	want := big.NewRat(int64(target), 1)
	for _, v := range exprValues(rs, anyOrder) {
		if v.Cmp(want) == 0 {
			return true
		}
	}
	return false
}

func TestArithmeticAgainstEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ctx := context.Background()
	for i := range 60 {
		k := 3 + i%2
		nums := make([]int, k)
		for j := range nums {
			nums[j] = 1 + rng.IntN(10)
		}
		target := 1 + rng.IntN(40)
		for _, anyOrder := range []bool{true, false} {
			var e *arithNode
			var err error
			if anyOrder {
				e, err = arithSearchAny(ctx, nums, target)
			} else {
				e, err = arithSearchOrdered(ctx, nums, target)
			}
			if err != nil {
				t.Fatal(err)
			}
			want := reachable(nums, target, anyOrder)
			if (e != nil) != want {
				t.Fatalf("%v → %d (any order %v): solver found %v, enumeration %v", nums, target, anyOrder, e, want)
			}
			if e != nil {
				v := arithVerify(nums, target, !anyOrder, e.String(), nil)
				if !v.OK {
					t.Fatalf("%v → %d: %s rejected: %s", nums, target, e, v.Reason)
				}
			}
		}
	}
	// Famous hard 24s need fractions.
	for _, nums := range [][]int{{3, 3, 8, 8}, {1, 5, 5, 5}, {1, 3, 4, 6}} {
		if e, _ := arithSearchAny(ctx, nums, 24); e == nil {
			t.Errorf("%v: no 24 found", nums)
		}
	}
	if e, _ := arithSearchAny(ctx, []int{1, 1, 1, 1}, 24); e != nil {
		t.Errorf("1 1 1 1 makes 24 by %s?", e)
	}
}

// ---- CSP-backed tasks: brute force over all candidates ----

func permutations(n int, visit func(p []int)) {
	p := make([]int, n)
	used := make([]bool, n)
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			visit(p)
			return
		}
		for v := range n {
			if !used[v] {
				used[v], p[i] = true, v
				rec(i + 1)
				used[v] = false
			}
		}
	}
	rec(0)
}

func TestArrangementAgainstBruteForce(t *testing.T) {
	for seed := range 40 {
		rng := rand.New(rand.NewPCG(uint64(seed), 9))
		in, err := arrangementGenerate(rng, Easy)
		if err != nil {
			t.Fatal(err)
		}
		if seed%3 == 0 { // an extra rule that may contradict the others
			in.Constraints = append(in.Constraints, ArrangementRule{Kind: "at", Item: in.Items[0], Position: 1 + rng.IntN(len(in.Items))})
		}
		count := 0
		permutations(len(in.Items), func(p []int) {
			pos := map[string]int{}
			for i, it := range in.Items {
				pos[it] = p[i] + 1
			}
			for _, c := range in.Constraints {
				if !arrangementHolds(c, pos) {
					return
				}
			}
			count++
		})
		sol, err := arrangementSolve(context.Background(), in)
		if err != nil || sol.Unsat != (count == 0) {
			t.Fatalf("seed %d: solver %+v %v, brute force %d orders", seed, sol, err, count)
		}
		if got := arrangementCount(in, 1000); got != count {
			t.Fatalf("seed %d: generator's counter %d, brute force %d", seed, got, count)
		}
	}
}

func TestLogicalEquationAgainstBruteForce(t *testing.T) {
	for seed := range 30 {
		rng := rand.New(rand.NewPCG(uint64(seed), 10))
		in, err := logicEqGenerate(rng, Easy)
		if err != nil {
			t.Fatal(err)
		}
		if seed%3 == 0 {
			in.Constraints = append(in.Constraints, LogicalEquationConstraint{
				Terms: []LogicalEquationTerm{{1, "A"}, {-1, "B"}}, Op: ">", RHS: rng.IntN(10)})
		}
		count := 0
		permutations(len(in.Values), func(p []int) {
			vals := map[string]int{}
			for i, l := range in.Letters {
				vals[l] = in.Values[p[i]]
			}
			for _, c := range in.Constraints {
				lhs := 0
				for _, tm := range c.Terms {
					lhs += tm.Coef * vals[tm.Letter]
				}
				if !logicEqHolds(lhs, c.Op, c.RHS) {
					return
				}
			}
			count++
		})
		sol, err := logicEqSolve(context.Background(), in)
		if err != nil || sol.Unsat != (count == 0) {
			t.Fatalf("seed %d: solver %+v %v, brute force %d", seed, sol, err, count)
		}
		if got := logicEqCount(in, 1000); got != count {
			t.Fatalf("seed %d: generator's counter %d, brute force %d", seed, got, count)
		}
	}
}

func TestGridSelectionAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 60 {
		rows, cols := 2+rng.IntN(3), 2+rng.IntN(2)
		in := GridSelection{RowLimits: make([]int, rows), ColLimits: make([]int, cols), K: rng.IntN(rows*cols + 1)}
		for r := range rows {
			b := []byte(strings.Repeat(".", cols))
			for c := range b {
				if rng.IntN(4) == 0 {
					b[c] = '#'
				}
			}
			in.Grid = append(in.Grid, string(b))
			in.RowLimits[r] = rng.IntN(cols + 1)
		}
		for c := range cols {
			in.ColLimits[c] = rng.IntN(rows + 1)
		}
		feasible := false
		for mask := 0; mask < 1<<(rows*cols) && !feasible; mask++ {
			var cells [][2]int
			for k := range rows * cols {
				if mask&(1<<k) != 0 {
					cells = append(cells, [2]int{k/cols + 1, k%cols + 1})
				}
			}
			if len(cells) == in.K && gridSelVerify(in, pairsString(cells)).OK {
				feasible = true
			}
		}
		sol, err := gridSelSolve(context.Background(), in)
		if err != nil || sol.Unsat == feasible {
			t.Fatalf("case %d %+v: flow says unsat=%v, brute force feasible=%v", i, in, sol.Unsat, feasible)
		}
	}
}

func TestLatinAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range 25 {
		n := 4
		grid := make([][]byte, n)
		for r := range grid {
			grid[r] = []byte(strings.Repeat(".", n))
		}
		for range 3 + rng.IntN(4) {
			grid[rng.IntN(n)][rng.IntN(n)] = byte('a' + rng.IntN(n))
		}
		in := LatinDiagonal{Grid: make([]string, n)}
		for r := range grid {
			in.Grid[r] = string(grid[r])
		}
		// Brute force: every filling of the empty cells.
		var cells []int
		for k := range n * n {
			if grid[k/n][k%n] == '.' {
				cells = append(cells, k)
			}
		}
		feasible := false
		var fill func(j int)
		fill = func(j int) {
			if feasible {
				return
			}
			if j == len(cells) {
				rows := make([]string, n)
				for r := range grid {
					rows[r] = string(grid[r])
				}
				feasible = latinVerify(in, strings.Join(rows, "\n")).OK
				return
			}
			k := cells[j]
			r, c := k/n, k%n
			for v := range n {
				ch, clash := byte('a'+v), false
				for x := range n {
					if (x != c && grid[r][x] == ch) || (x != r && grid[x][c] == ch) {
						clash = true
					}
				}
				if !clash {
					grid[r][c] = ch
					fill(j + 1)
				}
			}
			grid[k/n][k%n] = '.'
		}
		fill(0)
		sol, err := latinSolve(context.Background(), in)
		if err != nil || sol.Unsat == feasible {
			t.Fatalf("case %d %q: solver unsat=%v, brute force feasible=%v", i, in.Grid, sol.Unsat, feasible)
		}
	}
}

// ---- shortest plans: explicit state graphs and Dijkstra ----

// explicitShortest enumerates every state reachable from start with next,
// builds the state graph with solvers/graph, joins the goal states to a
// sink by free edges and returns the cheapest path length.
func explicitShortest(t *testing.T, start string, next func(string) []string, goal func(string) bool) (int, bool) {
	t.Helper()
	g := graph.New(true)
	seen := map[string]bool{start: true}
	queue := []string{start}
	if _, err := g.AddNode(start); err != nil {
		t.Fatal(err)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if goal(s) {
			if err := g.AddEdge(s, "\x00goal", 0); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range next(s) {
			if err := g.AddEdge(s, n, 1); err != nil {
				t.Fatal(err)
			}
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
			if len(seen) > 500000 {
				t.Fatal("state space too large for the oracle")
			}
		}
	}
	if !g.Has("\x00goal") {
		return 0, false
	}
	p, err := g.ShortestPath(context.Background(), start, "\x00goal", graph.PathOptions{Algorithm: graph.Dijkstra})
	if err != nil {
		t.Fatal(err)
	}
	return int(p.Cost), p.Reachable
}

func solutionLength(t *testing.T, task Task, inst json.RawMessage) (int, bool) {
	t.Helper()
	sol, err := task.Solve(context.Background(), inst)
	if err != nil {
		t.Fatal(err)
	}
	if sol.Unsat {
		return 0, false
	}
	if v, _ := task.Verify(inst, sol.Answer); !v.OK {
		t.Fatalf("own answer rejected: %s", v.Reason)
	}
	switch s := sol.Structured.(type) {
	case MovesSolution:
		return s.Length, true
	case TilesSolution:
		return s.Length, true
	case PathSolution:
		return s.Length, true
	}
	t.Fatalf("unexpected structured answer %T", sol.Structured)
	return 0, false
}

func TestShortestPlansAgainstStateGraphs(t *testing.T) {
	suite := NewSuite()
	cases := []struct {
		task   string
		oracle func(t *testing.T, inst json.RawMessage) (int, bool)
	}{
		{"blocksworld", blocksOracle},
		{"tower_of_hanoi", hanoiOracle},
		{"water_jugs", jugsOracle},
		{"maze", mazeOracle},
		{"sokoban", sokobanOracle},
	}
	for _, c := range cases {
		t.Run(c.task, func(t *testing.T) {
			t.Parallel()
			task, err := suite.Task(c.task)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 14 {
				level := Easy + i%2
				if c.task == "water_jugs" || c.task == "maze" {
					level = i%3 + 1
				}
				inst, err := task.Generate(uint64(500+i), level)
				if err != nil {
					t.Fatal(err)
				}
				got, found := solutionLength(t, task, inst)
				want, wantFound := c.oracle(t, inst)
				if found != wantFound || got != want {
					t.Fatalf("seed %d: solver length %d (found %v), oracle %d (found %v)\n%s", 500+i, got, found, want, wantFound, inst)
				}
			}
		})
	}
}

func blocksOracle(t *testing.T, raw json.RawMessage) (int, bool) {
	var in Blocksworld
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	enc := func(st [][]string) string { b, _ := json.Marshal(st); return string(b) }
	goal := enc(in.Goal)
	return explicitShortest(t, enc(in.Stacks), func(s string) []string {
		var st [][]string
		_ = json.Unmarshal([]byte(s), &st)
		var out []string
		for from := range st {
			if len(st[from]) == 0 {
				continue
			}
			for to := range st {
				if to == from {
					continue
				}
				final, err := blocksApply(Blocksworld{Stacks: st}, []blocksMove{{st[from][len(st[from])-1], from + 1, to + 1}})
				if err == nil {
					out = append(out, enc(final))
				}
			}
		}
		return out
	}, func(s string) bool { return s == goal })
}

func hanoiOracle(t *testing.T, raw json.RawMessage) (int, bool) {
	var in TowerOfHanoi
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	enc := func(p [][]int) string { b, _ := json.Marshal(p); return string(b) }
	goal := enc(in.Goal)
	return explicitShortest(t, enc(in.Pegs), func(s string) []string {
		var p [][]int
		_ = json.Unmarshal([]byte(s), &p)
		var out []string
		for from := range p {
			for to := range p {
				if from == to || len(p[from]) == 0 {
					continue
				}
				d := p[from][len(p[from])-1]
				if len(p[to]) > 0 && p[to][len(p[to])-1] < d {
					continue
				}
				q := hanoiClone(p)
				q[from] = q[from][:len(q[from])-1]
				q[to] = append(q[to], d)
				out = append(out, enc(q))
			}
		}
		return out
	}, func(s string) bool { return s == goal })
}

func slidingOracle(t *testing.T, raw json.RawMessage) (int, bool) {
	var in SlidingTile
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	cols := len(in.Grid[0])
	flat := func(g [][]int) string { return fmt.Sprint(g) }
	goal := flat(in.Goal)
	return explicitShortest(t, flat(in.Grid), func(s string) []string {
		var cells []int
		for _, f := range strings.Fields(strings.NewReplacer("[", " ", "]", " ").Replace(s)) {
			v, _ := strconv.Atoi(f)
			cells = append(cells, v)
		}
		z := slices.Index(cells, 0)
		var out []string
		for _, t := range []int{z - cols, z + cols, z - 1, z + 1} {
			if t < 0 || t >= len(cells) || (t == z-1 && z%cols == 0) || (t == z+1 && t%cols == 0) {
				continue
			}
			c := slices.Clone(cells)
			c[z], c[t] = c[t], 0
			out = append(out, flat(slidingRows(c, cols)))
		}
		return out
	}, func(s string) bool { return s == goal })
}

func jugsOracle(t *testing.T, raw json.RawMessage) (int, bool) {
	var in WaterJugs
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	k := len(in.Capacities)
	return explicitShortest(t, fmt.Sprint(make([]int, k)), func(s string) []string {
		var amt []int
		for _, f := range strings.Fields(strings.Trim(s, "[]")) {
			v, _ := strconv.Atoi(f)
			amt = append(amt, v)
		}
		var out []string
		for i := range k {
			full, empty := slices.Clone(amt), slices.Clone(amt)
			full[i], empty[i] = in.Capacities[i], 0
			out = append(out, fmt.Sprint(full), fmt.Sprint(empty))
			for j := range k {
				if j != i {
					p := slices.Clone(amt)
					m := min(p[i], in.Capacities[j]-p[j])
					p[i], p[j] = p[i]-m, p[j]+m
					out = append(out, fmt.Sprint(p))
				}
			}
		}
		return out
	}, func(s string) bool {
		return slices.Contains(strings.Fields(strings.Trim(s, "[]")), strconv.Itoa(in.Target))
	})
}

func mazeOracle(t *testing.T, raw json.RawMessage) (int, bool) {
	var in Maze
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	// Plain breadth-first search over cells.
	sr, sc := mazeFind(in.Grid, 'S')
	dist := map[[2]int]int{{sr, sc}: 0}
	queue := [][2]int{{sr, sc}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if in.Grid[p[0]][p[1]] == 'G' {
			return dist[p], true
		}
		for _, d := range [][2]int{{0, 1}, {1, 0}, {0, -1}, {-1, 0}} {
			q := [2]int{p[0] + d[0], p[1] + d[1]}
			if q[0] < 0 || q[0] >= len(in.Grid) || q[1] < 0 || q[1] >= len(in.Grid[0]) || in.Grid[q[0]][q[1]] == '#' {
				continue
			}
			if _, ok := dist[q]; !ok {
				dist[q] = dist[p] + 1
				queue = append(queue, q)
			}
		}
	}
	return 0, false
}

func sokobanOracle(t *testing.T, raw json.RawMessage) (int, bool) {
	var in Sokoban
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	// States are the level text itself; moves are played by the
	// verifier's simulator on one-letter plans (no pruning, no heuristic).
	render := func(g []string) string { return strings.Join(g, "\n") }
	return explicitShortest(t, render(in.Grid), func(s string) []string {
		var out []string
		for _, m := range "UDLR" {
			if g, ok := sokobanStep(strings.Split(s, "\n"), byte(m)); ok {
				out = append(out, render(g))
			}
		}
		return out
	}, func(s string) bool { return !strings.Contains(s, "$") })
}

// sokobanStep plays one move on a level drawn as text.
func sokobanStep(g []string, m byte) ([]string, bool) {
	rows := make([][]byte, len(g))
	pr, pc := -1, -1
	for r := range g {
		rows[r] = []byte(g[r])
		if c := strings.IndexAny(g[r], "@+"); c >= 0 {
			pr, pc = r, c
		}
	}
	d := map[byte][2]int{'U': {-1, 0}, 'D': {1, 0}, 'L': {0, -1}, 'R': {0, 1}}[m]
	at := func(r, c int) byte {
		if r < 0 || r >= len(rows) || c < 0 || c >= len(rows[r]) {
			return '#'
		}
		return rows[r][c]
	}
	leave := func(r, c int) {
		if rows[r][c] == '+' || rows[r][c] == '*' {
			rows[r][c] = '.'
		} else {
			rows[r][c] = '-'
		}
	}
	enter := func(r, c int, who byte) { // who is '@' or '$'
		onGoal := rows[r][c] == '.'
		switch {
		case who == '@' && onGoal:
			rows[r][c] = '+'
		case who == '@':
			rows[r][c] = '@'
		case onGoal:
			rows[r][c] = '*'
		default:
			rows[r][c] = '$'
		}
	}
	qr, qc := pr+d[0], pc+d[1]
	switch at(qr, qc) {
	case '#':
		return nil, false
	case '$', '*':
		tr, tc := qr+d[0], qc+d[1]
		if t := at(tr, tc); t == '#' || t == '$' || t == '*' {
			return nil, false
		}
		leave(qr, qc)
		enter(tr, tc, '$')
	}
	leave(pr, pc)
	enter(qr, qc, '@')
	out := make([]string, len(rows))
	for r := range rows {
		out[r] = string(rows[r])
	}
	return out, true
}

// TestSlidingAgainstBFS checks A* on 2×3 boards (every permutation, via
// the explicit state graph) and on generated 3×3 boards against a
// breadth-first distance table of the whole 3×3 space.
func TestSlidingAgainstBFS(t *testing.T) {
	task, _ := NewSuite().Task("sliding_tile")
	rng := rand.New(rand.NewPCG(15, 16))
	for range 20 {
		in := SlidingTile{Grid: slidingRows(rng.Perm(6), 3), Goal: slidingGoal(2, 3)}
		inst := mustJSON(t, in)
		got, found := solutionLength(t, task, inst)
		want, wantFound := slidingOracle(t, inst)
		if got != want || found != wantFound {
			t.Fatalf("%v: A* %d (%v), graph %d (%v)", in.Grid, got, found, want, wantFound)
		}
	}
	// Distances from the goal to every board, by BFS on compact keys.
	key := func(b []int) uint64 {
		k := uint64(0)
		for _, v := range b {
			k = k<<4 | uint64(v)
		}
		return k
	}
	goal := []int{1, 2, 3, 4, 5, 6, 7, 8, 0}
	dist := map[uint64]int{key(goal): 0}
	queue := [][]int{goal}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		z := slices.Index(b, 0)
		for _, n := range []int{z - 3, z + 3, z - 1, z + 1} {
			if n < 0 || n > 8 || (n == z-1 && z%3 == 0) || (n == z+1 && n%3 == 0) {
				continue
			}
			c := slices.Clone(b)
			c[z], c[n] = c[n], 0
			if _, ok := dist[key(c)]; !ok {
				dist[key(c)] = dist[key(b)] + 1
				queue = append(queue, c)
			}
		}
	}
	if len(dist) != 181440 {
		t.Fatalf("BFS reached %d boards, want 9!/2 = 181440", len(dist))
	}
	for i := range 40 {
		inst, err := task.Generate(uint64(700+i), i%3+1)
		if err != nil {
			t.Fatal(err)
		}
		var in SlidingTile
		_ = json.Unmarshal(inst, &in)
		if len(in.Grid) != 3 {
			continue
		}
		var flat []int
		for _, row := range in.Grid {
			flat = append(flat, row...)
		}
		want, wantFound := dist[key(flat)]
		got, found := solutionLength(t, task, inst)
		if got != want || found != wantFound {
			t.Fatalf("seed %d %v: A* %d (%v), BFS %d (%v)", 700+i, in.Grid, got, found, want, wantFound)
		}
	}
}

func TestHanoiClassicLengths(t *testing.T) {
	for n := 1; n <= 8; n++ {
		in := TowerOfHanoi{Pegs: [][]int{{}, {}, {}}, Goal: [][]int{{}, {}, {}}}
		for d := n; d >= 1; d-- {
			in.Pegs[0] = append(in.Pegs[0], d)
			in.Goal[2] = append(in.Goal[2], d)
		}
		moves, found, err := hanoiSearch(context.Background(), in)
		if err != nil || !found || len(moves) != 1<<n-1 {
			t.Fatalf("n=%d: %d moves, want %d (%v)", n, len(moves), 1<<n-1, err)
		}
	}
}
