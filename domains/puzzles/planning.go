package puzzles

// registerPlanning adds the planning and search tasks (issue 10, part A).
func registerPlanning(s *Suite) {
	Register(s, game24Spec())
	Register(s, countdownSpec())
	Register(s, combinatorialSpec())
	Register(s, nQueensSpec())
	Register(s, sudokuSpec())
	Register(s, latinSpec())
	Register(s, logicEqSpec())
	Register(s, gridSelSpec())
	Register(s, arrangementSpec())
	Register(s, blocksworldSpec())
	Register(s, hanoiSpec())
	Register(s, slidingSpec())
	Register(s, jugsSpec())
	Register(s, mazeSpec())
	Register(s, sokobanSpec())
}
