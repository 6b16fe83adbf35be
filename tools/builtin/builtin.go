package builtin

import (
	"errors"
	"sync"

	"github.com/plankit/plankit/domains/travel"
	"github.com/plankit/plankit/tools"
)

// Options configures the built-in tools.
type Options struct {
	// TravelDB returns the travel database; it is called at most once, on
	// the first travel tool call. Nil means the embedded default database.
	TravelDB func() (*travel.DB, error)
}

// Register adds every built-in tool to r.
func Register(r *tools.Registry, opts Options) error {
	load := opts.TravelDB
	if load == nil {
		load = func() (*travel.DB, error) { return travel.Default(travel.LoadOptions{}) }
	}
	travelDB := sync.OnceValues(load)
	return errors.Join(
		registerSAT(r),
		registerCSP(r),
		registerGraph(r),
		registerLP(r),
		registerGeom(r),
		registerRobot(r),
		registerRobotPlan(r),
		registerRobotTranslate(r),
		registerTravel(r, travelDB),
		registerPuzzles(r),
	)
}

// New returns a registry holding the built-in tools.
func New(opts Options) (*tools.Registry, error) {
	r := tools.NewRegistry()
	if err := Register(r, opts); err != nil {
		return nil, err
	}
	return r, nil
}
