package stl

import (
	"encoding/json"
	"fmt"
)

// jsonNode is the JSON form of a formula node.
type jsonNode struct {
	Op     string      `json:"op"`
	Robot  string      `json:"robot,omitempty"`
	Region string      `json:"region,omitempty"`
	Bounds *[2]float64 `json:"bounds,omitempty"`
	Args   []*jsonNode `json:"args,omitempty"`
}

func toJSONNode(f *Formula) *jsonNode {
	n := &jsonNode{Op: f.Op.String(), Robot: f.Atom.Robot, Region: f.Atom.Region}
	if f.Bounds != nil {
		n.Bounds = &[2]float64{f.Bounds.Lo, f.Bounds.Hi}
	}
	for _, a := range f.Args {
		n.Args = append(n.Args, toJSONNode(a))
	}
	return n
}

// MarshalJSON encodes f as a tree of objects
// {"op": "and", "args": [...]}, {"op": "atom", "robot": "r1", "region":
// "goal1"}, {"op": "eventually", "bounds": [0, 5], "args": [...]}; op is
// one of the names of [Op.String].
func (f *Formula) MarshalJSON() ([]byte, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(toJSONNode(f))
}

// UnmarshalJSON decodes the form written by MarshalJSON and validates it.
func (f *Formula) UnmarshalJSON(data []byte) error {
	var n jsonNode
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("stl: malformed JSON formula: %w", err)
	}
	g, err := fromJSONNode(&n, 0)
	if err != nil {
		return err
	}
	if err := g.Validate(); err != nil {
		return err
	}
	*f = *g
	return nil
}

func fromJSONNode(n *jsonNode, depth int) (*Formula, error) {
	if n == nil {
		return nil, fmt.Errorf("%w: null node", ErrInvalid)
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("%w: nesting deeper than %d", ErrInvalid, maxDepth)
	}
	op := Op(255)
	for i, name := range opNames {
		if name == n.Op {
			op = Op(i)
		}
	}
	if op == 255 {
		return nil, fmt.Errorf("%w: unknown op %q", ErrInvalid, n.Op)
	}
	f := &Formula{Op: op, Atom: Atom{Robot: n.Robot, Region: n.Region}}
	if n.Bounds != nil {
		f.Bounds = &Bounds{n.Bounds[0], n.Bounds[1]}
	}
	for _, a := range n.Args {
		c, err := fromJSONNode(a, depth+1)
		if err != nil {
			return nil, err
		}
		f.Args = append(f.Args, c)
	}
	return f, nil
}
