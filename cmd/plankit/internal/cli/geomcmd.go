package cli

import "github.com/spf13/cobra"

// newGeomCmd is being written (issue 3).
func newGeomCmd(f *Factory) *cobra.Command {
	return &cobra.Command{Use: "geom", Hidden: true}
}
