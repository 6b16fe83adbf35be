// Package tools is plankit's tool registry: every solver and domain
// capability becomes a named tool with a description, JSON Schemas for its
// input and output, and a call that takes and returns JSON. The CLI, the MCP
// server, the HTTP API, Starlark scripts and the agent all call tools through
// a Registry, which validates input against the schema before every call.
package tools
