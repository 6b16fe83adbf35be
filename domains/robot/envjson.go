package robot

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"github.com/plankit/plankit/solvers/geom"
)

type regionJSON struct {
	Name     string       `json:"name"`
	Kind     string       `json:"kind"`
	Color    string       `json:"color,omitempty"`
	Function string       `json:"function,omitempty"`
	Box      []float64    `json:"box,omitempty"`
	Polygon  [][2]float64 `json:"polygon,omitempty"`
	WKT      string       `json:"wkt,omitempty"`
}

type robotJSON struct {
	Name     string      `json:"name"`
	Start    [2]float64  `json:"start"`
	Goal     *[2]float64 `json:"goal,omitempty"`
	MaxSpeed float64     `json:"max_speed,omitempty"`
	Radius   float64     `json:"radius,omitempty"`
	Color    string      `json:"color,omitempty"`
}

// boxOf returns the polygon as a box when it is an axis-aligned rectangle.
func boxOf(p geom.Polygon) (geom.Box, bool) {
	if len(p.Holes) > 0 || len(p.Outer) != 4 {
		return geom.Box{}, false
	}
	b := p.Bounds()
	for _, q := range p.Outer {
		if (q.X != b.XMin && q.X != b.XMax) || (q.Y != b.YMin && q.Y != b.YMax) {
			return geom.Box{}, false
		}
	}
	return b, b.Polygon().Area() == p.Area()
}

func (r *Region) toJSON() regionJSON {
	out := regionJSON{Name: r.Name, Kind: r.Kind, Color: r.Color, Function: r.Function}
	ps := r.Shape.Polygons
	if len(ps) == 1 {
		if b, ok := boxOf(ps[0]); ok {
			out.Box = b.Slice()
			return out
		}
		if len(ps[0].Holes) == 0 {
			for _, q := range ps[0].Outer {
				out.Polygon = append(out.Polygon, [2]float64{q.X, q.Y})
			}
			return out
		}
	}
	out.WKT = r.Shape.WKT()
	return out
}

func (r *Robot) toJSON() robotJSON {
	out := robotJSON{Name: r.Name, Start: [2]float64{r.Start.X, r.Start.Y}, MaxSpeed: r.MaxSpeed, Radius: r.Radius, Color: r.Color}
	if r.Goal != nil {
		out.Goal = &[2]float64{r.Goal.X, r.Goal.Y}
	}
	return out
}

// MarshalJSON writes the environment in the format ParseEnv reads, one
// region or robot per line, keys in a fixed order.
func (e *Env) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\n")
	field := func(k string, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.WriteString("  ")
		b.WriteString(strconv.Quote(k))
		b.WriteString(": ")
		b.Write(raw)
		b.WriteString(",\n")
		return nil
	}
	for _, kv := range []struct {
		k string
		v string
	}{{"name", e.Name}, {"description", e.Description}, {"source", e.Source}} {
		if kv.v != "" {
			if err := field(kv.k, kv.v); err != nil {
				return nil, err
			}
		}
	}
	if err := field("bounds", e.Bounds.Slice()); err != nil {
		return nil, err
	}
	if e.Horizon > 0 && !math.IsInf(e.Horizon, 0) {
		if err := field("horizon", e.Horizon); err != nil {
			return nil, err
		}
	}
	list := func(k string, items []any) error {
		b.WriteString("  ")
		b.WriteString(strconv.Quote(k))
		b.WriteString(": [")
		for i, it := range items {
			raw, err := json.Marshal(it)
			if err != nil {
				return err
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n    ")
			b.Write(raw)
		}
		if len(items) > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("],\n")
		return nil
	}
	robots := make([]any, len(e.Robots))
	for i := range e.Robots {
		robots[i] = e.Robots[i].toJSON()
	}
	if err := list("robots", robots); err != nil {
		return nil, err
	}
	if len(e.Groups) > 0 {
		g := map[string][]string{}
		for _, grp := range e.Groups {
			g[grp.Name] = grp.Members
		}
		if err := field("groups", g); err != nil {
			return nil, err
		}
	}
	regions := make([]any, len(e.Regions))
	for i := range e.Regions {
		regions[i] = e.Regions[i].toJSON()
	}
	if err := list("regions", regions); err != nil {
		return nil, err
	}
	out := b.Bytes()
	out = append(out[:len(out)-2], '\n', '}', '\n')
	return out, nil
}
