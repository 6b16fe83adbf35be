package agent

import (
	"context"
	"fmt"

	"github.com/plankit/plankit/tools"
)

// NewOffline returns the offline model. This placeholder declines every
// request until the real offline model (agent/offline*.go) is merged; it
// keeps the CLI compiling.
func NewOffline(reg *tools.Registry) Model { return placeholderOffline{} }

type placeholderOffline struct{}

func (placeholderOffline) Complete(ctx context.Context, _ []Message, _ []ToolSpec) (Message, error) {
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	return Message{}, fmt.Errorf("%w: offline model not built yet; configure a model with --base-url/--model", ErrCannotAnswer)
}
