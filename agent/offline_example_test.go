package agent_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/plankit/plankit/agent"
	"github.com/plankit/plankit/tools/builtin"
)

// The offline model classifies a request without running anything, and
// answers a conversation one step at a time.
func ExampleOffline() {
	reg, err := builtin.New(builtin.Options{})
	if err != nil {
		panic(err)
	}
	o := agent.NewOffline(reg)
	for _, q := range []string{"What is 123456789 * 987654321?", "how many r's in strawberry", "can you solve sudoku?", "what is the capital of France"} {
		d := o.Classify(q)
		fmt.Printf("%s → %s/%s\n", q, d.Class, d.Route)
	}
	reply, _ := o.Complete(context.Background(), []agent.Message{
		{Role: agent.RoleSystem, Content: "You are plankit."},
		{Role: agent.RoleUser, Content: "What is 2^64?"},
	}, nil)
	fmt.Println(reply.Route)
	code := agent.ParseReply(reply.Content).Code[0].Code
	lines := strings.Split(strings.TrimSpace(code), "\n")
	fmt.Println(strings.Join(lines[len(lines)-2:], "\n"))
	// Output:
	// What is 123456789 * 987654321? → arithmetic/code
	// how many r's in strawberry → string/code
	// can you solve sudoku? → plankit/answer
	// what is the capital of France → out_of_scope/none
	// code
	// result = pow(2, 64)
	// print(show(result))
}
