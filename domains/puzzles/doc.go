// Package puzzles is plankit's symbolic task suite: puzzle and execution
// tasks (game24, sudoku, blocksworld, 2048, …), each with a seeded generator,
// an English prompt and its parser, a structured JSON instance, an exact
// solver and a verifier that accepts every valid answer.
package puzzles
