package script_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/script"
)

func ExampleRunner_Run() {
	r := script.New(tools.NewRegistry(), script.Limits{})
	res, err := r.Run(context.Background(), "hello.star", `
words = ["sat", "csp", "lp"]
print(sorted(words, key=len), permutations(range(3), 2)[:2], pow(2, 70))
`)
	fmt.Print(res.Output, err)
	// Output:
	// ["lp", "sat", "csp"] [(0, 1), (0, 2)] 1180591620717411303424
	// <nil>
}

func ExampleRunner_Run_limit() {
	r := script.New(nil, script.Limits{})
	_, err := r.Run(context.Background(), "bomb.star", "s = 'x'\nwhile True:\n    s += s\n")
	fmt.Println(errors.Is(err, script.ErrValueSize))
	fmt.Println(err)
	// Output:
	// true
	// script: bomb.star:3:7: value too large: string + string would build a value of size 8388608 (limit 4194304)
}

func ExampleRunner_Install() {
	reg := tools.NewRegistry()
	r := script.New(reg, script.Limits{})
	res, err := r.Run(context.Background(), "double.star", `
register_tool("demo.double", lambda input: {"twice": 2 * input["x"]}, "Double x.",
    input_schema = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]})
`)
	if err != nil {
		panic(err)
	}
	if err := r.Install(res.Registered[0]); err != nil {
		panic(err)
	}
	out, err := reg.Call(context.Background(), "demo.double", json.RawMessage(`{"x": 21}`))
	fmt.Println(string(out), err)
	// Output:
	// {"twice":42} <nil>
}
