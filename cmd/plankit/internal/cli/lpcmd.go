package cli

import "github.com/spf13/cobra"

// newLPCmd is being written (issue 3).
func newLPCmd(f *Factory) *cobra.Command {
	return &cobra.Command{Use: "lp", Hidden: true}
}
