package cli

import "github.com/spf13/cobra"

// newGraphCmd is being written (issue 3).
func newGraphCmd(f *Factory) *cobra.Command {
	return &cobra.Command{Use: "graph", Hidden: true}
}
