package agent

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plankit/plankit/tools/script"
)

// FuzzClassify: Classify never panics, always returns a known class and
// route with a reason, and every program it writes compiles in the sandbox.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"What is 123456789 * 987654321?", "how many r's in strawberry", "reverse the string 'a\"b\\\\c'",
		"what tools do you have", "in houseworld: go to the kitchen then the bedroom",
		"Please help me plan a trip from St. Petersburg to Rockford spanning 3 days from March 16th to March 18th, 2022. The travel should be planned for a single person with a budget of $1,700.",
		"Game of 24: combine the numbers 3, 9, 8, 1 to make 24.\nUse each number exactly once.", "((((1+2", "7!!", "sum of the digits of 2^^3",
		"sort these words alphabetically: \x00, \xff", "{\"regions\": [}", "what is 1/0",
	} {
		f.Add(s)
	}
	o := NewOffline(offRegistry(f))
	runner := script.New(nil, script.Limits{Steps: 20000, Timeout: time.Second, MaxOutput: 4096})
	f.Fuzz(func(t *testing.T, s string) {
		d := o.Classify(s)
		if !slices.Contains(Classes, d.Class) {
			t.Fatalf("class %q", d.Class)
		}
		if !slices.Contains([]string{RouteAnswer, RouteTool, RouteCode, RouteNone}, d.Route) || d.Reason == "" {
			t.Fatalf("route %q reason %q", d.Route, d.Reason)
		}
		if d.Route == RouteCode {
			if d.Program == "" {
				t.Fatal("code route without a program")
			}
			if _, err := runner.Run(context.Background(), "fuzz", d.Program); errors.Is(err, script.ErrSyntax) {
				t.Fatalf("program does not compile: %v\n%s", err, d.Program)
			}
		}
	})
}

// FuzzOfflineComplete: whatever a tool, the sandbox or the loop's guidance
// sends back, Complete neither panics nor replies without a route.
func FuzzOfflineComplete(f *testing.F) {
	f.Add("What is 2 + 2?", "", "Code Execution Results:\n4\n")
	f.Add("What is 2 + 2?", "", "Code Execution Results:\nerror: boom")
	f.Add("Please plan a trip from Seattle to Denver for 2 people.", "travel.parse_query", `{"complete": true, "query": {"org": "Seattle"}}`)
	f.Add("Please plan a trip from Seattle to Denver for 2 people.", "travel.solve", `{"query": {}, "result": {"status": "solved", "plan": [{"days": 1}]}}`)
	f.Add("in houseworld: go to the kitchen", "robot.translate", `{"formula": "F kitchen", "env": null}`)
	f.Add("in houseworld: go to the kitchen", "robot.plan", `{"robots": {"r1": [[0, 0, 0]]}, "check": {"satisfied": true}}`)
	f.Add("what tools do you have", "", "Guidance: try again")
	f.Add("what is the capital of France", "x.y", "error: nope")
	o := NewOffline(offRegistry(f))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, request, tool, content string) {
		msgs := []Message{{Role: RoleSystem, Content: "sys"}, {Role: RoleUser, Content: request}}
		if tool != "" {
			msgs = append(msgs,
				Message{Role: RoleAssistant, Route: RouteTool, Reason: "r", ToolCalls: []ToolCall{{ID: "c1", Name: tool, Arguments: []byte("{}")}}},
				Message{Role: RoleTool, ToolCallID: "c1", Name: tool, Content: content})
		} else {
			msgs = append(msgs, Message{Role: RoleAssistant, Route: RouteCode, Reason: "r", Content: "```starlark\nprint(1)\n```"},
				Message{Role: RoleUser, Content: content})
		}
		for _, conv := range [][]Message{msgs[:2], msgs} {
			m, err := o.Complete(ctx, conv, nil)
			if err != nil {
				if !errors.Is(err, ErrCannotAnswer) {
					t.Fatalf("error not wrapping ErrCannotAnswer: %v", err)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Fatalf("error of several lines: %q", err)
				}
				continue
			}
			if m.Role != RoleAssistant || m.Route == "" || m.Reason == "" {
				t.Fatalf("reply %+v", m)
			}
		}
	})
}
