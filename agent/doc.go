// Package agent is plankit's agent: a turn loop that lets a language model
// decide, per request, between answering directly, calling a registered
// tool and writing code for the sandbox, and that checks candidate answers
// with exact verifiers before accepting them.
//
// # Models
//
// A Model completes a conversation (Complete(ctx, messages, tools) →
// message with text, tool calls and token usage). Backends: OpenAIModel
// for any OpenAI-compatible chat-completions server (Ollama, vLLM,
// llama.cpp's server, hosted APIs) with retries, timeouts and one-line
// errors; the offline deterministic model (NewOffline); ScriptedModel for
// tests; and ReplayModel, which plays back a transcript.
//
// # The turn loop
//
// Run(ctx, cfg, request) sends a system prompt generated from the tool
// registry (SystemPrompt) and the request, then handles each reply under
// the turn protocol of R1-Code-Interpreter and CodeSteer:
//
//   - tool calls (function calling) run through the registry; each result
//     comes back as a tool message with the JSON output or "error: …";
//   - a fenced ```python or ```starlark block (the first one) runs in the
//     Starlark sandbox of tools/script, where tools.call and register_tool
//     are available; the output comes back as "Code Execution Results:" …
//     A ```python block that is not valid Starlark runs with the python
//     executor only when Config.Python is set; otherwise the model is told
//     why it did not run and what the sandbox allows;
//   - a JSON block {"tool": NAME, "input": {…}} is a tool call in the text
//     protocol, answered with "Tool Result (NAME):" …;
//   - otherwise the reply is a final answer: the last <<<…>>>, or the
//     whole text.
//
// Tools registered by code join the tool list from the next turn; they are
// persisted to the tools directory only with Config.KeepTools. When the
// model rejects function calling (ErrNoToolSupport) the loop switches to
// the text protocol, with the tools and their parameters described in the
// system prompt. Caps bound model turns, tool calls and code runs
// (defaults 8, 8, 5); a tool call or code run past its cap is refused with
// a message asking for the final answer; Config.Timeout bounds the whole
// run and ctx cancels it.
//
// # Steering checks
//
// Every candidate answer goes through the steering checks (Check), exact
// judgements rather than another model's opinion:
//
//   - TravelCheck: after travel.solve or travel.parse_query, the plan in
//     the answer (a JSON list of TravelPlanner day objects, bare, fenced or
//     as {"plan": […]}, or TravelPlanner's text form "Day 1: / Current
//     City: …") must pass travel.evaluate for that query; an answer without
//     a plan passes only when travel.solve proved the query infeasible and
//     the answer says so;
//   - RobotCheck: after robot.plan or robot.check, the trajectory in the
//     answer ({"robots": {"r1": [[x, y, t], …]}}) must satisfy the call's
//     STL task by robot.check; after robot.translate alone, a trajectory in
//     the answer must satisfy the translated formula;
//   - PuzzleCheck: after a puzzle.<task> call, or when the request itself
//     parses as a prompt of the puzzle suite, the task's verifier judges
//     the answer;
//   - SATCheck: after the model called sat.solve on a request about
//     satisfiability, a model in the answer ([1, -2, 3], "v" lines or bare
//     literals) must satisfy every clause, and a sat/unsat claim must
//     match the solver;
//   - CodeCheck: the last code run of the round must compute something;
//     code that only prints constants gets "the code does not compute the
//     answer".
//
// A verifier that applies but cannot judge the answer (robot.check or
// travel.evaluate fails on it) rejects it: an answer is never accepted
// unverified where a verifier exists.
//
// When a check rejects the answer, its reasons and a hint go back to the
// model as "Guidance: …" and the model tries again, up to
// Config.MaxGuidance rounds (default 3). The Outcome is answered (accepted
// by every check that applied; Verified when an exact verifier did),
// rejected (still rejected after all rounds), cannot_answer (the model
// returned ErrCannotAnswer) or error (a cap, the time budget,
// cancellation, a model failure).
//
// # Transcripts and replay
//
// Every run writes a JSONL transcript, one Event per line (request and
// caps, model replies with route and reason, tool calls and results, code
// and output, check verdicts, guidance, the outcome with token usage and
// timings), to Config.Transcript or a new file in DefaultTranscriptDir.
// The file is written under a temporary name and renamed when the run
// ends, so it is never seen half-written. ReadTranscript and Replay turn a
// transcript back into a Model that repeats the recorded replies: running
// the same request with it re-runs the tools and code and reproduces the
// final answer.
//
// RegisterAskTool adds agent.ask to a registry, so MCP clients and scripts
// can delegate a request to the agent.
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
// by another method (travel.solve from the text with a longer time limit,
// puzzle.verify then a fresh solve, robot planning with a wider safety
// margin), then repeats its answer; the answer of a program, which has no
// second method, is repeated at once. testdata/agent/routing.jsonl is the
// labelled routing set its classification is measured on.
package agent
