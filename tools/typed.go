package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
)

// Add registers a typed tool: the input and output schemas are derived from
// In and Out (struct fields, `json` names, `jsonschema` descriptions; fields
// with omitempty are optional), input JSON is validated and decoded into In,
// and fn's result is encoded as the output.
func Add[In, Out any](r *Registry, name, description string, fn func(context.Context, In) (Out, error)) error {
	in, err := jsonschema.For[In](nil)
	if err != nil {
		return fmt.Errorf("tools: %s: input schema: %w", name, err)
	}
	out, err := jsonschema.For[Out](nil)
	if err != nil {
		return fmt.Errorf("tools: %s: output schema: %w", name, err)
	}
	return r.Register(Tool{
		Name:         name,
		Description:  description,
		InputSchema:  in,
		OutputSchema: out,
		Fn: func(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
			var v In
			if len(bytes.TrimSpace(raw)) > 0 {
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&v); err != nil {
					return nil, fmt.Errorf("%w for %s: %s", ErrInvalidInput, name, decodeErr(err))
				}
			}
			o, err := fn(ctx, v)
			if err != nil {
				return nil, err
			}
			b, err := json.Marshal(o)
			if err != nil {
				return nil, fmt.Errorf("encoding output: %w", err)
			}
			return b, nil
		},
	})
}

func decodeErr(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "(root)"
		}
		return fmt.Sprintf("field %q: JSON %s at byte %d does not fit Go type %s", field, te.Value, te.Offset, te.Type)
	}
	return err.Error()
}
