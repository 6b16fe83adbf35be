package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/plankit/plankit/tools"
)

// New returns an MCP server offering every tool of reg.
func New(reg *tools.Registry, version string) *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "plankit", Version: version}, &mcp.ServerOptions{
		Instructions: "plankit's exact planning solvers: SAT, constraints, graphs, LP/MILP, geometry, travel and robot planning. Every tool validates its input against its schema.",
	})
	for _, t := range reg.List() {
		t := t
		mt := &mcp.Tool{Name: t.Name, Description: t.Description, InputSchema: t.InputSchema}
		if t.OutputSchema != nil && t.OutputSchema.Type == "object" {
			mt.OutputSchema = t.OutputSchema
		}
		s.AddTool(mt, handler(t, mt.OutputSchema != nil))
	}
	return s
}

func handler(t *tools.Tool, structured bool) mcp.ToolHandler {
	return func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var args json.RawMessage
		if req.Params != nil {
			args = req.Params.Arguments
		}
		out, err := t.Call(ctx, args)
		if err != nil {
			res := &mcp.CallToolResult{}
			res.SetError(err)
			return res, nil
		}
		res := &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(out)}}}
		if structured {
			res.StructuredContent = json.RawMessage(out)
		}
		return res, nil
	}
}

// Serve runs an MCP server for reg on transport t until the client
// disconnects or ctx is done.
func Serve(ctx context.Context, reg *tools.Registry, version string, t mcp.Transport) error {
	if err := New(reg, version).Run(ctx, t); err != nil {
		return fmt.Errorf("mcpserver: %w", err)
	}
	return nil
}
