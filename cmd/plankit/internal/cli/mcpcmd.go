package cli

import (
	"io"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/plankit/plankit/tools/mcpserver"
	"github.com/spf13/cobra"
)

func newMCPCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "mcp",
		Short: "Serve every tool over the Model Context Protocol on stdin/stdout",
		Long: `Serve every registered tool over the Model Context Protocol (stdio transport).
Point an MCP client at the command "plankit mcp"; it lists the tools with their
input and output schemas and calls them. Tool failures come back as isError
results with a readable message.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			reg, err := f.Registry()
			if err != nil {
				return err
			}
			t := &mcp.IOTransport{Reader: io.NopCloser(f.IO.In), Writer: nopWriteCloser{f.IO.Out}}
			return mcpserver.Serve(cmd.Context(), reg, f.Version, t)
		},
	}
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
