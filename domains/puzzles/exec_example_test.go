package puzzles_test

import (
	"context"
	"fmt"

	"github.com/plankit/plankit/domains/puzzles"
)

// A logic task: any assignment consistent with the statements is accepted.
func ExampleTask_knightsKnaves() {
	task, _ := puzzles.NewSuite().Task("knights_knaves")
	inst := []byte(`{"people":["Alice","Bob"],"statements":[
		{"speaker":"Alice","kind":"is","persons":["Bob"],"roles":["knave"]},
		{"speaker":"Bob","kind":"same","persons":["Alice","Carol"]}]}`)
	_, err := task.Solve(context.Background(), inst)
	fmt.Println(err != nil) // Carol is not among the people
	inst = []byte(`{"people":["Alice","Bob"],"statements":[
		{"speaker":"Alice","kind":"is","persons":["Bob"],"roles":["knave"]}]}`)
	for _, answer := range []string{"Alice: knight, Bob: knave", "Alice is a knave and Bob is a knight", "Alice: knight, Bob: knight"} {
		v, _ := task.Verify(inst, answer)
		if v.OK {
			fmt.Println("accepted")
		} else {
			fmt.Println("rejected:", v.Reason)
		}
	}
	// Output:
	// true
	// accepted
	// accepted
	// rejected: Alice is a knight but says "Bob is a knave."
}

// An execution task: the answer is the one result of running the moves.
func ExampleTask_game2048() {
	task, _ := puzzles.NewSuite().Task("game_2048")
	inst := []byte(`{"grid":[[2,2,4],[0,4,4],[2,0,2]],"moves":["left","up"]}`)
	sol, _ := task.Solve(context.Background(), inst)
	fmt.Println(sol.Answer)
	v, _ := task.Verify(inst, "[[4,8,0],[8,0,0],[4,0,0]]")
	fmt.Println(v.Reason)
	// Output:
	// 4 4 0
	// 8 0 0
	// 4 0 0
	// row 1, column 2 is 8, which is wrong
}
