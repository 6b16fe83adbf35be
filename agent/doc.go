// Package agent is plankit's model layer and agent loop: a Model interface
// (Complete(ctx, messages, tools) → message with text, tool calls and token
// usage), an OpenAI-compatible chat-completions backend (Ollama, vLLM,
// llama.cpp's server, hosted APIs) with retries, timeouts and clear errors, a
// scripted model for tests, and the text protocol of R1-Code-Interpreter and
// CodeSteer for models without function calling: fenced ```python or
// ```starlark blocks are code to run, a JSON block {"tool": NAME, "input": {…}}
// is a tool call, and the final answer is the last <<<…>>>.
//
// # The offline model
//
// NewOffline(reg) is the deterministic model used when no language model is
// configured: no network, no state between calls. Each Complete reads the
// conversation (the request in the first user message, tool results in tool
// messages or "Tool Result (NAME):" messages, code output in "Code Execution
// Results:" messages, guidance in "Guidance:" messages) and returns the next
// step of a fixed policy, always with Route and Reason set. Classify(request)
// is the same decision without running anything: a Decision with the class,
// the first route and why. Classes, tried in this order:
//
//   - puzzle: a prompt of the symbolic task suite (domains/puzzles),
//     spotted by a phrase of its task and confirmed by the task's prompt
//     parser → puzzle.<task> with the parsed instance → the answer in the
//     task's format.
//   - robot: an instruction naming an embedded scenario ("in houseworld: go
//     to the kitchen then the bedroom") or carrying an inline environment
//     (a JSON object with "regions") → robot.translate (instruction to STL)
//     → robot.plan → the verified trajectory's summary and JSON. Declined
//     with "robot.translate is not available" when the registry lacks it.
//   - travel: a trip request in English (a trip word, a place, and a plan
//     verb or days, dates and money) → travel.parse_query → travel.solve →
//     the day-by-day itinerary and the plan as TravelPlanner JSON (a JSON
//     array of day objects, for the travel check), or the infeasibility
//     proof with its verified relaxations; an incomplete request is
//     declined naming what is missing (one traveller is assumed when only
//     that is missing, as in TravelPlanner).
//   - arithmetic and string: numeric, counting and string questions
//     ("What is 123456789 * 987654321?", "how many r's in strawberry") → a
//     Starlark program that computes the answer from the question's values
//     (never the answer as a constant) → its printed output as <<<answer>>>.
//   - plankit: questions about plankit's tools ("what tools do you have",
//     "can you solve sudoku", "what does sat.solve do") → a direct answer
//     built from the registry.
//   - anything else → an error wrapping ErrCannotAnswer whose text is
//     "cannot answer offline; configure a model with --base-url/--model".
//
// A tool that fails, a translation that does not read, a plan that is not
// found or a search that times out twice also end in ErrCannotAnswer, with
// the reason in the one-line message. On guidance the model retries once
// by another method (travel.solve from
// the text with a longer time limit, puzzle.verify then a fresh solve,
// robot planning with a wider safety margin), then repeats its answer; the
// answer of a program, which has no second method, is repeated at once. testdata/agent/routing.jsonl is the labelled routing
// set its classification is measured on.
package agent
