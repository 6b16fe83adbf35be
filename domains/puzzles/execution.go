package puzzles

// Logic and execution tasks: instance and answer formats. Rows and columns
// are numbered from 1; every verifier first peels off <<<…>>>, code fences,
// "Answer:" prefixes and quotes (StripAnswer), and the logic tasks accept
// "no solution" exactly when the solver proves there is none.
//
// Logic tasks (any valid answer is accepted; "fewest steps" is checked
// against the solver's optimum):
//
//   - mastermind_lock {"format": "DDLL", "letters": "ABCDEF", "guesses":
//     [{"guess": "12AB", "exact": 1, "misplaced": 2}]}: D is a digit, L a
//     letter from letters, all characters of the code different. Answer:
//     the code ("31BE"; case, spaces and separators ignored); any code
//     that scores every guess as given.
//   - box_lift {"boxes": [weights], "lifters": [capacities]}: lines
//     "Step 1: 2:1,3; 4:2" (box:lifters). Any plan where each box is lifted
//     once by lifters whose capacities reach its weight, no lifter twice in
//     a step, in the fewest steps (dynamic programming over subsets).
//   - box_net {"rows", "cols", "boxes": [{"color", "cell": [r, c]}],
//     "targets": [...]}: lines "Step 1: 1:(1,2); 2:target" (a move to a
//     neighbouring cell, a direction word, or onto a target of the box's
//     colour in its cell); at most one action per cell's agent per step;
//     fewest steps (A* over positions, same-colour boxes merged).
//   - light_switch {"start": ["0110", …], "target": [...], "buttons":
//     [{"name": "A", "cells": [[r, c], …]}]}: button names in order, "A, C"
//     (any sequence whose toggles give the target; GF(2) elimination).
//   - graph_coloring {"vertices": n, "edges": [[u, v], …], "colors": k}:
//     "1=2, 2=1, …" or the n colours in vertex order; any proper colouring
//     (solvers/sat).
//   - knights_knaves {"people": [...], "statements": [{"speaker", "kind":
//     "is|and|or|same|different|exactly", "persons", "roles", "count"}]}:
//     "Alice: knight, Bob: knave" (or sentences, or JSON); any assignment
//     under which knights' statements are true and knaves' false.
//   - zebra {"houses", "attributes": [{"name", "values"}], "clues":
//     [{"kind": "same|not_same|left_of|next_to|before|position|
//     not_position", "attr1", "value1", "attr2", "value2", "house"}]}:
//     lines "House 1: colour=red, pet=dog" (values alone suffice; "House k"
//     markers or one line per house); any arrangement satisfying every clue
//     (solvers/csp).
//   - cryptarithm {"addends": ["SEND", "MORE"], "result": "MONEY"}:
//     "D=7, E=5, …" or the sum in digits "9567 + 1085 = 10652"; any
//     assignment of different digits, no leading zero, that makes the sum
//     hold (column-wise search).
//   - futoshiki {"size": n, "grid": [[0..n]], "inequalities": [{"smaller":
//     [r, c], "larger": [r, c]}]} (orthogonal neighbours): the n×n numbers
//     row by row in any layout; any Latin square keeping the givens and the
//     inequalities (solvers/csp).
//
// Execution tasks (one right answer, read leniently):
//
//   - game_2048 {"grid", "moves": ["left|right|up|down", …]} (no new
//     tiles): the final grid's numbers, row by row.
//   - reversi {"board": ["...BW", …], "moves": [{"player": "black|white",
//     "row", "col"}]} (legal moves): the final board, n lines of B, W and
//     '.' (case ignored; '_', '-', '0' also mean empty).
//   - matrix_transform {"matrix", "operations": [{"op": "rotate_cw|
//     rotate_ccw|rotate_180|transpose|flip_horizontal|flip_vertical|add|
//     multiply", "value"}]}: the resulting matrix.
//   - pooling {"matrix", "window", "stride", "mode": "max|min|sum|
//     average"}: the pooled matrix; averages as decimals within 0.005 or as
//     exact fractions "7/4".
//   - string_rewrite {"text", "rules": [{"kind": "prefix|suffix|contains",
//     "from", "to"}]} (to no longer than from): the final string ("" or
//     "empty" when empty); the first applicable rule fires each step, and
//     the process stops when none applies or a string would repeat.
//   - cycle_synthesis {"resources": ["A", …], "initial": [counts],
//     "rules": [{"inputs": [{"resource", "count"}], "outputs": [...]}]}
//     (each rule consumes more items than it makes; rules are tried
//     cyclically, each firing at most once per turn): "A=2, B=0, …"
//     (missing names count 0) or the counts in order.
//   - letter_count {"text", "letter"}: "3: 2, 5, 9", the count then the
//     1-based positions (spaces count; case ignored) in any order.
//   - big_multiply {"factors": ["123…", "-45…"]}: the product (digit-group
//     separators allowed).
//   - custom_operator {"operators": [{"symbol": "#", "definition": "2*a +
//     b"}], "expression": "3 # (4 @ 2)"} (custom operators bind tighter
//     than *, then + and -; all left-associative): the integer value.

// registerExecution adds the logic tasks (mastermind_lock … futoshiki) and
// the execution tasks (game_2048 … custom_operator) of issue 10. The
// logic tasks are in the "planning" family (they search for an answer);
// the execution tasks run given steps and have one answer.
func registerExecution(s *Suite) {
	// Logic.
	Register(s, mastermindSpec())
	Register(s, boxLiftSpec())
	Register(s, boxNetSpec())
	Register(s, lightsSpec())
	Register(s, coloringSpec())
	Register(s, knightsSpec())
	Register(s, zebraSpec())
	Register(s, cryptarithmSpec())
	Register(s, futoshikiSpec())
	// Execution.
	Register(s, game2048Spec())
	Register(s, reversiSpec())
	Register(s, matrixSpec())
	Register(s, poolingSpec())
	Register(s, rewriteSpec())
	Register(s, cycleSpec())
	Register(s, letterSpec())
	Register(s, bigMulSpec())
	Register(s, customSpec())
}
