package agent

import (
	"fmt"
	"sort"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/plankit/plankit/tools"
)

// PromptOptions select the variant of the system prompt.
type PromptOptions struct {
	// Text is the text protocol: tools are called with JSON blocks and
	// listed with their parameters in the prompt.
	Text bool
	// Python says that code which is not valid Starlark runs with Python.
	Python bool
}

// Specs returns the function-calling specs of every tool of reg (except
// agent.ask), sorted by name.
func Specs(reg *tools.Registry) []ToolSpec {
	var out []ToolSpec
	for _, t := range reg.List() {
		if t.Name == AskToolName {
			continue
		}
		out = append(out, ToolSpec{Name: t.Name, Description: t.Description, Parameters: t.InputSchemaJSON()})
	}
	return out
}

// SystemPrompt generates the system prompt from the registry: the turn
// protocol (answer, tool, code), the sandbox's rules, the answer formats
// the verifiers read, and the tools.
func SystemPrompt(reg *tools.Registry, opts PromptOptions) string {
	var b strings.Builder
	b.WriteString(`You are plankit's planning agent. plankit solves planning problems exactly with typed tools: SAT, constraints, graphs, LP/MILP, geometry, temporal logic, travel itineraries, robot plans and puzzles.

For each request decide between three routes:
1. Answer directly, only when no computation or lookup is needed.
`)
	if opts.Text {
		b.WriteString(`2. Call a tool: write one JSON block per call and stop; the result comes back as "Tool Result (NAME):" followed by its JSON output.
` + "```json\n{\"tool\": \"sat.solve\", \"input\": {\"clauses\": [[1, 2], [-1]]}}\n```\n")
	} else {
		b.WriteString("2. Call a tool (function calling) when one fits the request.\n")
	}
	b.WriteString("3. Write code for arithmetic, counting, string manipulation, search, or glue between tools: one fenced ```python block per reply. ")
	b.WriteString(starlarkHelp)
	b.WriteString(` The output comes back as "Code Execution Results:". Inside code, tools.call("sat.solve", {"clauses": [[1]]}) calls any tool and returns its output, and register_tool(name, fn, description, input_schema) defines a new tool (a dotted lower-case name; fn takes the input dict) that you can call from the next turn.`)
	if opts.Python {
		b.WriteString(" A ```python block that is not valid Starlark runs with Python 3 instead (no plankit tools there).")
	}
	b.WriteString(`

Give the final answer inside <<< and >>>, e.g. <<<42>>>. Exact verifiers check it and reply with "Guidance:" and the reasons when it is wrong; then correct it. Formats they read: a travel plan as a JSON list of days with TravelPlanner's keys (days, current_city, transportation, breakfast, attraction, lunch, dinner, accommodation); a robot trajectory as {"robots": {"r1": [[x, y, t], ...]}}; a SAT model as a list of DIMACS literals, e.g. [1, -2, 3], or "unsat"; a puzzle answer in the format its prompt asks for. Never invent results that a tool or code can compute.

Tools:
`)
	for _, t := range reg.List() {
		if t.Name == AskToolName {
			continue
		}
		if opts.Text {
			fmt.Fprintf(&b, "- %s(%s): %s\n", t.Name, paramSummary(t.InputSchema), t.Description)
		} else {
			fmt.Fprintf(&b, "- %s: %s\n", t.Name, firstSentence(t.Description))
		}
	}
	return b.String()
}

// paramSummary lists an object schema's properties as "name: type",
// required ones first, optional ones with "?".
func paramSummary(s *jsonschema.Schema) string {
	if s == nil || len(s.Properties) == 0 {
		return ""
	}
	req := map[string]bool{}
	for _, r := range s.Required {
		req[r] = true
	}
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if req[names[i]] != req[names[j]] {
			return req[names[i]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		opt := "?"
		if req[n] {
			opt = ""
		}
		parts[i] = n + opt + ": " + typeName(s.Properties[n])
	}
	return strings.Join(parts, ", ")
}

func typeName(s *jsonschema.Schema) string {
	if s == nil {
		return "any"
	}
	t := tools.SchemaType(s)
	switch t {
	case "":
		return "any"
	case "array":
		return "[" + typeName(s.Items) + "]"
	}
	return t
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
