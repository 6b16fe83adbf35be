package puzzles

import (
	"strings"
	"testing"
)

// Hand-written answers to fixed instances: lenient formats that must be
// accepted, and wrong answers that must be rejected for the stated reason.
func TestPlanningVerifiers(t *testing.T) {
	const (
		g24    = `{"numbers":[4,7,8,8],"target":24}`
		cd     = `{"numbers":[25,3,7,2],"target":175}`
		comb   = `{"numbers":[3,4,5,6],"target":27}`
		queens = `{"grid":["....","Q...","....","...."]}`
		sud4   = `{"grid":[[1,0,0,0],[0,0,1,0],[0,1,0,0],[0,0,0,1]]}`
		latin3 = `{"grid":["a..","...","..."]}`
		leq    = `{"letters":["A","B","C"],"values":[1,2,3],"constraints":[{"terms":[{"coef":1,"letter":"A"},{"coef":1,"letter":"B"}],"op":"=","rhs":5},{"terms":[{"coef":1,"letter":"A"}],"op":">","rhs":2}]}`
		gsel   = `{"grid":["..","#."],"k":2,"row_limits":[1,1],"col_limits":[1,1]}`
		arr    = `{"items":["cup","lamp","vase"],"constraints":[{"kind":"left_of","item":"cup","other":"vase"},{"kind":"at","item":"lamp","position":1}]}`
		blocks = `{"stacks":[["A","B"],[],[]],"goal":[[],["B","A"],[]]}`
		hanoi  = `{"pegs":[[2,1],[],[]],"goal":[[],[],[2,1]]}`
		slide  = `{"grid":[[1,2,3],[4,5,6],[7,0,8]],"goal":[[1,2,3],[4,5,6],[7,8,0]]}`
		jugs   = `{"capacities":[3,5],"target":4}`
		maze   = `{"grid":["S.#","..G"]}`
		soko   = `{"grid":["#####","#@$.#","#####"]}`
	)
	cases := []struct {
		task, inst, answer string
		ok                 bool
		reason             string
	}{
		{"game24", g24, "<<<(7 - 8 / 8) × 4>>>", true, ""},
		{"game24", g24, "```\n4*(7-8/8) = 24\n```", true, ""},
		{"game24", g24, "(7-8/8)*4*1", false, "uses the numbers 7, 8, 8, 4, 1"},
		{"game24", g24, "8+8+7+4", false, "equals 27, not 24"},
		{"game24", g24, "-4+7*8/8*4", false, "unary"},
		{"game24", g24, "4*(7-8/(8-8))", false, "uses the numbers"},
		{"game24", g24, "no solution", false, "but"},
		{"game24", `{"numbers":[1,1,1,1],"target":24}`, "Impossible.", true, ""},
		{"countdown", cd, "25 * 7", false, "each of 25, 3, 7, 2"},
		{"countdown", cd, "25 * (3 + 2 + 7 - 5)", false, "uses the numbers 25, 3, 2, 7, 5"},
		{"countdown", cd, "25 * 7 * (3 - 2)", true, ""},
		{"combinatorial_calculation", comb, "3 * 4 + 5 + 6", false, "equals 23, not 27"},
		{"combinatorial_calculation", comb, "3 + 4 * 5 + 6 - 2", false, "in this order"},
		{"combinatorial_calculation", comb, "3*(5+4)", false, "in this order"},
		{"combinatorial_calculation", comb, "(3 + 4 / 5) * 6", false, "equals 114/5"},
		{"combinatorial_calculation", comb, "3.5 * 4 + 5 + 6", false, "decimal"},
		{"n_queens", queens, "(1,3) (2,1) (3,4) (4,2)", true, ""},
		{"n_queens", queens, "[3, 1, 4, 2]", true, ""},
		{"n_queens", queens, ". . Q .\nQ . . .\n. . . Q\n. Q . .", true, ""},
		{"n_queens", queens, "(1,2) (2,4) (3,1) (4,3)", false, "pre-placed queen at (2, 1) is missing"},
		{"n_queens", queens, "(1,1) (2,1) (3,4) (4,2)", false, "share a column"},
		{"n_queens", queens, "(1,3) (2,1) (3,4)", false, "want 4"},
		{"sudoku", `{"grid":[[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0]]}`, "1 2 3 4\n2 3 4 1\n3 4 1 2\n4 1 2 3", false, "box 1 holds 2 twice"},
		{"sudoku", sud4, "Row 1: 1 3 2 4\nRow 2: 4 2 1 3\nRow 3: 3 1 4 2\nRow 4: 2 4 3 1", true, ""},
		{"sudoku", sud4, "1 3 2 4 4 2 1 3 3 1 4 2 2 4 3", false, "want 16 digits"},
		{"sudoku", sud4, "2 3 1 4\n4 1 3 2\n3 4 2 1\n1 2 4 3", false, "given as 1"},
		{"latin_diagonal", latin3, "a,b,c\nb,c,a\nc,a,b", true, ""},
		{"latin_diagonal", latin3, "[['a','c','b'],['c','b','a'],['b','a','c']]", true, ""},
		{"latin_diagonal", latin3, "a b c\nc a b\nb c a", false, "minor diagonal"},
		{"latin_diagonal", latin3, "a b c\nb c a\nb a c", false, "column 1 holds b twice"},
		{"logical_equation", leq, "[3, 2, 1]", true, ""},
		{"logical_equation", leq, "A=3, B=2, C=1", true, ""},
		{"logical_equation", leq, "[2, 3, 1]", false, "A > 2 fails"},
		{"logical_equation", leq, "[3, 2, 2]", false, "both take 2"},
		{"logical_equation", leq, "[3, 2]", false, "want 3 values"},
		{"grid_selection", gsel, "(1,1), (2,2)", true, ""},
		{"grid_selection", gsel, "(1,1), (1,2)", false, "row 1 has 2 chosen cells"},
		{"grid_selection", gsel, "(1,2), (2,1)", false, "blocked"},
		{"grid_selection", gsel, "(1,1)", false, "want 2 cells"},
		{"arrangement", arr, "lamp, cup, vase", true, ""},
		{"arrangement", arr, "1. Lamp -> 2. Cup -> 3. Vase", true, ""},
		{"arrangement", arr, "lamp, vase, cup", false, "left of the vase"},
		{"arrangement", arr, "cup, lamp, vase", false, "at position 1"},
		{"arrangement", arr, "lamp, cup", false, "want all 3 items"},
		{"arrangement", arr, "lamp, cup, plate", false, "not one of the items"},
		{"blocksworld", blocks, "Move B from 1 to 2\nMove A from 1 to 2", true, ""},
		{"blocksworld", blocks, "1. move block b from stack 1 to stack 2; 2. move block a from stack 1 to stack 2", true, ""},
		{"blocksworld", blocks, "Move A from 1 to 2", false, "top block is B"},
		{"blocksworld", blocks, "Move B from 1 to 3\nMove B from 3 to 2\nMove A from 1 to 2", false, "a shortest plan has 2"},
		{"blocksworld", blocks, "Move B from 1 to 2", false, "not the goal"},
		{"blocksworld", blocks, "Move B from 1 to 9", false, "outside 1..3"},
		{"tower_of_hanoi", hanoi, "Move disk 1 from A to B\nMove disk 2 from A to C\nMove disk 1 from B to C", true, ""},
		{"tower_of_hanoi", hanoi, "A->B, A->C, B->C", true, ""},
		{"tower_of_hanoi", hanoi, "A->C, A->C", false, "smaller disk"},
		{"tower_of_hanoi", hanoi, "Move disk 2 from A to B", false, "top disk of peg A is 1"},
		{"tower_of_hanoi", hanoi, "A->B, B->C, A->B, C->A, A->C, B->C... no: A->C", false, ""},
		{"sliding_tile", slide, "8", true, ""},
		{"sliding_tile", slide, "[8]", true, ""},
		{"sliding_tile", slide, "6", false, "not next to the blank"},
		{"sliding_tile", slide, "5", false, "not the goal"},
		{"sliding_tile", slide, "8, 5, 5, 8", false, ""},
		{"sliding_tile", `{"grid":[[2,1,3],[4,5,6],[7,8,0]],"goal":[[1,2,3],[4,5,6],[7,8,0]]}`, "none", true, ""},
		{"water_jugs", jugs, "fill B\npour B into A\nempty A\npour B into A\nfill B\npour B into A", true, ""},
		{"water_jugs", jugs, "Fill jug B; pour B -> A; empty A; pour B A; fill B; pour B into A", true, ""},
		{"water_jugs", jugs, "fill B\npour B into A", false, "none of them 4"},
		{"water_jugs", jugs, "fill A\npour A into B\nfill A\npour A into B\nempty B\npour A into B\nfill A\npour A into B", false, "a shortest plan has 6"},
		{"water_jugs", `{"capacities":[2,4],"target":3}`, "no solution", true, ""},
		{"maze", maze, "DRR", true, ""},
		{"maze", maze, "down, right, right", true, ""},
		{"maze", maze, "RDR", true, ""},
		{"maze", maze, "RR", false, "wall"},
		{"maze", maze, "DRRLR", false, "a shortest plan has 3"},
		{"maze", maze, "DR", false, "not at G"},
		{"maze", maze, "DRX", false, "unexpected"},
		{"sokoban", soko, "R", true, ""},
		{"sokoban", soko, "<<<r>>>", true, ""},
		{"sokoban", soko, "L", false, "wall"},
		{"sokoban", soko, "RR", false, "pushes a box into a wall"},
		{"sokoban", `{"grid":["#####","#@$.#","#$..#","#####"]}`, "no solution", false, "boxes but"},
	}
	suite := NewSuite()
	for i, c := range cases {
		task, err := suite.Task(c.task)
		if err != nil {
			t.Fatal(err)
		}
		v, err := task.Verify([]byte(c.inst), c.answer)
		if err != nil {
			if !c.ok && strings.Contains(err.Error(), c.reason) {
				continue // a bad instance, rejected as such
			}
			t.Fatalf("case %d (%s): %v", i, c.task, err)
		}
		if v.OK != c.ok || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("case %d (%s %q): got %+v, want ok=%v with reason containing %q", i, c.task, c.answer, v, c.ok, c.reason)
		}
	}
}
