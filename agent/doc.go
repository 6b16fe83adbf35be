// Package agent is plankit's model layer and agent loop: a Model interface
// (Complete(ctx, messages, tools) → message with text, tool calls and token
// usage), an OpenAI-compatible chat-completions backend (Ollama, vLLM,
// llama.cpp's server, hosted APIs) with retries, timeouts and clear errors, a
// scripted model for tests, and the text protocol of R1-Code-Interpreter and
// CodeSteer for models without function calling: fenced ```python or
// ```starlark blocks are code to run, a JSON block {"tool": NAME, "input": {…}}
// is a tool call, and the final answer is the last <<<…>>>.
package agent
