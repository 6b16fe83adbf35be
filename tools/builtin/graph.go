package builtin

import "github.com/plankit/plankit/tools"

// registerGraph is being written (issue 3); it registers the graph tools.
func registerGraph(r *tools.Registry) error { return nil }
