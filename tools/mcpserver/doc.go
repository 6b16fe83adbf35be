// Package mcpserver exposes a tools.Registry as a Model Context Protocol
// server: every registered tool is listed with its input and output schema,
// calls go through the registry, outputs come back as structured content,
// and tool failures come back as isError results the model can read.
package mcpserver
