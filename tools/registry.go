package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
)

// Errors returned by the registry.
var (
	ErrUnknownTool  = errors.New("tools: unknown tool")
	ErrInvalidInput = errors.New("tools: invalid input")
	ErrDuplicate    = errors.New("tools: duplicate tool name")
	ErrBadName      = errors.New("tools: bad tool name")
)

// Func is the untyped call of a tool: JSON in, JSON out.
type Func func(ctx context.Context, input json.RawMessage) (json.RawMessage, error)

// Tool is one callable capability.
type Tool struct {
	// Name is dotted and lower-case, e.g. "sat.solve".
	Name        string
	Description string
	// InputSchema must describe a JSON object; OutputSchema may be nil.
	InputSchema  *jsonschema.Schema
	OutputSchema *jsonschema.Schema
	// Source says where the tool comes from: "builtin" or a script path.
	Source string
	// Fn is called with input already validated against InputSchema.
	Fn Func

	resolved *jsonschema.Resolved
	// inputJSON is the input schema as JSON, marshalled on first use and
	// shared by the tool's clones.
	inputJSON *lazyJSON
}

type lazyJSON struct {
	once sync.Once
	b    json.RawMessage
}

// InputSchemaJSON returns the input schema as JSON ({"type":"object"}
// when it cannot be marshalled). It is computed once per registered tool
// and shared by its clones; callers must not modify it.
func (t *Tool) InputSchemaJSON() json.RawMessage {
	compute := func() json.RawMessage {
		b, err := json.Marshal(t.InputSchema)
		if err != nil || t.InputSchema == nil {
			return json.RawMessage(`{"type":"object"}`)
		}
		return b
	}
	if t.inputJSON == nil {
		return compute()
	}
	t.inputJSON.once.Do(func() { t.inputJSON.b = compute() })
	return t.inputJSON.b
}

// Call validates input against the tool's input schema and calls it.
// Invalid input returns an error wrapping ErrInvalidInput that names the
// offending field.
func (t *Tool) Call(ctx context.Context, input json.RawMessage) (json.RawMessage, error) {
	if err := t.Validate(input); err != nil {
		return nil, err
	}
	out, err := t.Fn(ctx, input)
	if err != nil {
		if errors.Is(err, ErrInvalidInput) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", t.Name, err)
	}
	return out, nil
}

// Validate checks input against the tool's input schema.
func (t *Tool) Validate(input json.RawMessage) error {
	if len(bytes.TrimSpace(input)) == 0 {
		input = json.RawMessage("{}")
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(input))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("%w for %s: malformed JSON: %s", ErrInvalidInput, t.Name, jsonErr(err))
	}
	if dec.More() {
		return fmt.Errorf("%w for %s: malformed JSON: trailing data after the input object", ErrInvalidInput, t.Name)
	}
	if _, ok := v.(map[string]any); !ok {
		return fmt.Errorf("%w for %s: input must be a JSON object, got %s", ErrInvalidInput, t.Name, jsonKind(v))
	}
	if err := t.resolved.Validate(normalise(v)); err != nil {
		return fmt.Errorf("%w for %s: %s", ErrInvalidInput, t.Name, describeSchemaError(err))
	}
	return nil
}

// Registry holds tools by name. It is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	tools map[string]*Tool
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{tools: map[string]*Tool{}} }

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

// ValidName reports whether name is a dotted lower-case tool name such as
// "sat.solve" (at least two segments of [a-z][a-z0-9_]*).
func ValidName(name string) bool { return len(name) <= 64 && nameRE.MatchString(name) }

// Register adds t. The name must be valid and unused, the input schema must
// describe an object and both schemas must resolve.
func (r *Registry) Register(t Tool) error {
	if !ValidName(t.Name) {
		return fmt.Errorf("%w %q: want dotted lower-case words like \"sat.solve\"", ErrBadName, t.Name)
	}
	if t.Fn == nil {
		return fmt.Errorf("tools: %s: nil function", t.Name)
	}
	if t.InputSchema == nil || t.InputSchema.Type != "object" {
		return fmt.Errorf("tools: %s: input schema must have type \"object\"", t.Name)
	}
	res, err := t.InputSchema.Resolve(&jsonschema.ResolveOptions{ValidateDefaults: true})
	if err != nil {
		return fmt.Errorf("tools: %s: input schema: %w", t.Name, err)
	}
	if t.OutputSchema != nil {
		if _, err := t.OutputSchema.Resolve(nil); err != nil {
			return fmt.Errorf("tools: %s: output schema: %w", t.Name, err)
		}
	}
	if t.Source == "" {
		t.Source = "builtin"
	}
	t.resolved = res
	t.inputJSON = &lazyJSON{}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.tools[t.Name]; dup {
		return fmt.Errorf("%w %q", ErrDuplicate, t.Name)
	}
	r.tools[t.Name] = &t
	return nil
}

// Clone returns a new registry holding copies of r's tools (their schemas
// already resolved, so cloning is cheap). wrap, when not nil, returns the
// function each copy calls instead of the original.
func (r *Registry) Clone(wrap func(name string, fn Func) Func) *Registry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := &Registry{tools: make(map[string]*Tool, len(r.tools))}
	for name, t := range r.tools {
		cp := *t
		if wrap != nil {
			cp.Fn = wrap(name, t.Fn)
		}
		c.tools[name] = &cp
	}
	return c
}

// Remove deletes a tool and reports whether it existed.
func (r *Registry) Remove(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.tools[name]
	delete(r.tools, name)
	return ok
}

// Lookup returns the named tool.
func (r *Registry) Lookup(name string) (*Tool, error) {
	r.mu.RLock()
	t, ok := r.tools[name]
	r.mu.RUnlock()
	if !ok {
		msg := fmt.Sprintf("%q", name)
		if near := r.nearest(name); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return nil, fmt.Errorf("%w %s", ErrUnknownTool, msg)
	}
	return t, nil
}

// List returns all tools sorted by name.
func (r *Registry) List() []*Tool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]*Tool, 0, len(r.tools))
	for _, t := range r.tools {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Call looks up name and calls it with input.
func (r *Registry) Call(ctx context.Context, name string, input json.RawMessage) (json.RawMessage, error) {
	t, err := r.Lookup(name)
	if err != nil {
		return nil, err
	}
	return t.Call(ctx, input)
}

func (r *Registry) nearest(name string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	best, bestD := "", 4
	for n := range r.tools {
		if d := editDistance(name, n); d < bestD || (d == bestD && n < best) {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// normalise turns json.Number values into float64 (or int64) the way the
// schema validator expects.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalise(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = normalise(e)
		}
		return x
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return "an object"
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	if errors.Is(err, errors.New("EOF")) || err.Error() == "EOF" || err.Error() == "unexpected EOF" {
		return "unexpected end of input"
	}
	return err.Error()
}

var validatingRE = regexp.MustCompile(`validating (/[^:]*): `)

// describeSchemaError rewrites the validator's nested message into one line
// that starts with the JSON path of the offending field, e.g.
// `field "clauses[0][1]": has type "string", want "integer"`.
func describeSchemaError(err error) string {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	// The validator reports schema paths; the deepest names the field.
	matches := validatingRE.FindAllStringSubmatchIndex(msg, -1)
	rest := msg
	path := ""
	if len(matches) > 0 {
		last := matches[len(matches)-1]
		path = msg[last[2]:last[3]]
		rest = msg[last[1]:]
	} else {
		rest = strings.TrimPrefix(msg, "validating root: ")
	}
	rest = strings.TrimPrefix(rest, "type: ")
	if field := fieldFromSchemaPath(path); field != "" {
		return fmt.Sprintf("field %q: %s", field, rest)
	}
	return rest
}

// fieldFromSchemaPath turns "/properties/clauses/items/items" into
// "clauses[]" style names.
func fieldFromSchemaPath(p string) string {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	var b strings.Builder
	for i := 0; i < len(segs); i++ {
		switch segs[i] {
		case "properties":
			if i+1 < len(segs) {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(segs[i+1])
				i++
			}
		case "items", "additionalProperties":
			b.WriteString("[]")
		}
	}
	return b.String()
}

// SchemaType returns the JSON type a schema names: its "type", or its
// non-null "types" joined with "|" (a nullable field reads as its type),
// or "" when it names none.
func SchemaType(s *jsonschema.Schema) string {
	if s == nil {
		return ""
	}
	if s.Type != "" || len(s.Types) == 0 {
		return s.Type
	}
	var ts []string
	for _, x := range s.Types {
		if x != "null" {
			ts = append(ts, x)
		}
	}
	return strings.Join(ts, "|")
}
