package builtin

import "github.com/plankit/plankit/tools"

// registerCSP is being written (issue 3); it registers the csp tools.
func registerCSP(r *tools.Registry) error { return nil }
