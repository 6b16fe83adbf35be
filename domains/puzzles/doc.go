// Package puzzles is plankit's symbolic task suite: puzzle and execution
// tasks (game24, sudoku, blocksworld, 2048, …), each with a seeded generator,
// an English prompt and its parser, a structured JSON instance, an exact
// solver and a verifier that accepts every valid answer.
//
// # Using the suite
//
//	suite := puzzles.NewSuite()
//	task, _ := suite.Task("sokoban")
//	inst, _ := task.Generate(seed, puzzles.Medium) // JSON instance
//	prompt, _ := task.Prompt(inst)                 // English, states the answer format
//	inst, _ = task.ParsePrompt(prompt)             // and back
//	sol, _ := task.Solve(ctx, inst)                // sol.Answer, sol.Structured, sol.Unsat
//	v, _ := task.Verify(inst, "<<<RRULD>>>")       // v.OK, v.Reason (one line)
//
// Levels are Easy (1), Medium (2) and Hard (3); the same seed and level
// always give the same instance. Instances without a solution are solved
// with Unsat set and the answer NoSolutionAnswer ("no solution"); a
// verifier accepts such a claim (see ClaimsNoSolution) exactly when the
// solver proves there is none. Verifiers read answers leniently: the last
// <<<…>>> block, code fences, "Answer:" prefixes, quotes, brackets, list
// numbering and extra whitespace are ignored (StripAnswer and the Answer…
// helpers in answer.go).
//
// # Planning tasks: instance and answer formats
//
// Rows and columns are numbered from 1 in answers.
//
//   - game24 {"numbers": [4 ints], "target": 24}; countdown {"numbers":
//     [2–6 ints], "target"}: one expression with + - * / and parentheses
//     using every number once (× ÷ − also read; no unary minus; exact
//     rationals). combinatorial_calculation {"numbers", "target"}: the
//     numbers in their given order.
//   - n_queens {"grid": ["..Q.", "X...", …]} ('.' empty, 'Q' pre-placed,
//     'X' blocked): (row, column) pairs of all n queens, or n columns, or a
//     drawn board.
//   - sudoku {"grid": [[0–9 …] × 4 or 9]} (0 empty): the completed grid's
//     digits, row by row. latin_diagonal {"grid": ["a.c…", …]}: n rows of n
//     letters, rows and columns distinct, the minor diagonal one letter.
//   - logical_equation {"letters": ["A", …], "values": [...], "constraints":
//     [{"terms": [{"coef", "letter"}], "op": "=|!=|<|<=|>|>=", "rhs"}]}:
//     the values in the order of letters, or "A=3, B=5".
//   - grid_selection {"grid": [".#.", …], "k", "row_limits", "col_limits"}:
//     k (row, column) pairs of free cells within the limits.
//   - arrangement {"items": [...], "constraints": [{"kind": "at|not_at|
//     left_of|right_of|adjacent|not_adjacent", "item", "other",
//     "position"}]}: the items from left to right.
//   - blocksworld {"stacks": [["A", "B"], []], "goal": [...]} (bottom to
//     top): lines "Move B from 1 to 2"; must be a shortest plan.
//   - tower_of_hanoi {"pegs": [[3, 2, 1], [], []], "goal": [...]} (sizes,
//     bottom to top, pegs A, B, C, D): lines "Move disk 1 from A to C" (or
//     "A->C"); shortest.
//   - sliding_tile {"grid": [[…]], "goal": [[…]]} (0 is the blank, at most
//     9 cells): the tiles slid into the blank, in order; shortest.
//   - water_jugs {"capacities": [3, 5], "target": 4} (jugs A, B, … start
//     empty): lines "fill A", "empty B", "pour A into B"; shortest.
//   - maze {"grid": ["S.#", "..G"]}: a string of U, D, L, R (or words);
//     shortest. sokoban {"grid": ["#####", "#@$.#", "#####"]} (XSB
//     notation, '-' floor): a string of U, D, L, R; fewest moves.
//
// # Solvers
//
// The CSP tasks (n_queens, sudoku, latin_diagonal, logical_equation,
// arrangement) are modelled with solvers/csp; grid_selection is a maximum
// flow (solvers/graph); maze is a shortest path in solvers/graph (A*).
// blocksworld, tower_of_hanoi, sliding_tile and sokoban use A* with
// consistent lower bounds (misplaced blocks, disks off their goal peg,
// Manhattan distance, push distances to the nearest goal; sokoban also
// prunes boxes on cells from which no goal can be reached), water_jugs
// breadth-first search; searches stop at ErrSearchLimit states. The
// arithmetic tasks search exhaustively over exact fractions (int64, with a
// big.Rat fallback when a value grows too large).
package puzzles
