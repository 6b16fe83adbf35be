package builtin

import (
	"errors"

	"github.com/plankit/plankit/tools"
)

// Register adds every built-in tool to r.
func Register(r *tools.Registry) error {
	return errors.Join(
		registerSAT(r),
		registerCSP(r),
		registerGraph(r),
		registerLP(r),
		registerGeom(r),
	)
}

// New returns a registry holding the built-in tools.
func New() (*tools.Registry, error) {
	r := tools.NewRegistry()
	if err := Register(r); err != nil {
		return nil, err
	}
	return r, nil
}
