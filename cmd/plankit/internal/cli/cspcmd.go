package cli

import "github.com/spf13/cobra"

// newCSPCmd is being written (issue 3).
func newCSPCmd(f *Factory) *cobra.Command {
	return &cobra.Command{Use: "csp", Hidden: true}
}
