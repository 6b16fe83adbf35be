package builtin

import "github.com/plankit/plankit/tools"

// registerLP is being written (issue 3); it registers the lp tools.
func registerLP(r *tools.Registry) error { return nil }
