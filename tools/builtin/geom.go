package builtin

import "github.com/plankit/plankit/tools"

// registerGeom is being written (issue 3); it registers the geom tools.
func registerGeom(r *tools.Registry) error { return nil }
