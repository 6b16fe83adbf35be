package robot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

// ErrInvalidEnv is wrapped by every validation error of an environment.
var ErrInvalidEnv = errors.New("robot: invalid environment")

// Env is a 2-D workspace: named regions, robots and a time horizon.
type Env struct {
	Name        string
	Description string
	Source      string // where the data comes from (attribution)
	// Bounds is the workspace box; a robot's centre stays inside it.
	Bounds geom.Box
	// Horizon is the time window of unbounded STL operators and the
	// latest time a trajectory may end; 0 means "the trajectory's end".
	Horizon float64
	Regions []Region
	// Groups name sets of regions; an atom naming a group holds when the
	// robot is in any of them.
	Groups []Group
	Robots []Robot
}

// Region is a named area of the workspace.
type Region struct {
	Name string
	// Kind says what the region is (room, key, door, goal, wall,
	// obstacle, charger, ...). Regions of kind wall or obstacle are never
	// entered by a robot's body; every other region is an area to visit
	// or avoid as the task says.
	Kind     string
	Color    string // a colour name or #rrggbb, for pictures and language
	Function string // free text: what the region is for
	Shape    geom.Shape
}

// Obstacle reports whether the region must be kept clear of robots.
func (r *Region) Obstacle() bool { return IsObstacleKind(r.Kind) }

// IsObstacleKind reports whether kind is wall or obstacle.
func IsObstacleKind(kind string) bool { return kind == "wall" || kind == "obstacle" }

// Group is a named set of regions.
type Group struct {
	Name    string
	Members []string
}

// Robot is a disc robot.
type Robot struct {
	Name     string
	Start    geom.Point
	Goal     *geom.Point // optional: where the trajectory must end
	MaxSpeed float64     // 0: no limit
	Radius   float64
	Color    string // optional path colour
}

// maxEnvInput bounds the size of an environment file.
const maxEnvInput = 64 << 20

// LoadEnv reads and validates an environment file (see ParseEnv).
func LoadEnv(path string) (*Env, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("robot: reading %s: %w", path, err)
	}
	return ParseEnv(data)
}

var envKeys = []string{"name", "description", "source", "bounds", "horizon", "regions", "groups", "robots", "type", "features"}
var regionKeys = []string{"name", "kind", "color", "colour", "function", "box", "polygon", "holes", "wkt", "geometry"}
var robotKeys = []string{"name", "start", "goal", "max_speed", "radius", "color", "colour"}

// ParseEnv reads an environment from JSON (the format is in the package
// documentation) and validates it. Keys starting with "_" are comments.
func ParseEnv(data []byte) (*Env, error) {
	if len(data) > maxEnvInput {
		return nil, fmt.Errorf("%w: input larger than %d MiB", ErrInvalidEnv, maxEnvInput>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%w: malformed JSON: %s", ErrInvalidEnv, jsonErr(data, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: malformed JSON: data after the environment object", ErrInvalidEnv)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: want a JSON object, got %s", ErrInvalidEnv, kindOf(v))
	}
	e, err := envFromMap(m)
	if err != nil {
		return nil, err
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return e, nil
}

// jsonErr turns a decoding error into one line with a line:column.
func jsonErr(data []byte, err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, int(se.Offset)-1)
		return fmt.Sprintf("line %d, column %d: %s", line, col, msg)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := lineCol(data, int(te.Offset))
		return fmt.Sprintf("line %d, column %d: %s", line, col, msg)
	}
	return msg
}

func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	}
	return "an object"
}

func envErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidEnv, fmt.Sprintf(format, a...))
}

// checkKeys rejects keys outside known (comments starting with _ pass).
func checkKeys(where string, m map[string]any, known []string) error {
	var unknown []string
	for k := range m {
		if !strings.HasPrefix(k, "_") && !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return envErr("%sunknown key %q (known: %s)", where, unknown[0], strings.Join(known, ", "))
	}
	return nil
}

func envFromMap(m map[string]any) (*Env, error) {
	if err := checkKeys("", m, envKeys); err != nil {
		return nil, err
	}
	e := &Env{}
	var err error
	if e.Name, err = optString(m, "name", ""); err != nil {
		return nil, err
	}
	if e.Description, err = optString(m, "description", ""); err != nil {
		return nil, err
	}
	if e.Source, err = optString(m, "source", ""); err != nil {
		return nil, err
	}
	fc := false
	if t, ok := m["type"]; ok {
		if t != "FeatureCollection" {
			return nil, envErr("type: want \"FeatureCollection\" (or no type), got %v", t)
		}
		fc = true
	}
	if h, ok := m["horizon"]; ok {
		x, ok := h.(float64)
		if !ok {
			return nil, envErr("horizon: want a number, got %s", kindOf(h))
		}
		e.Horizon = x
	}
	haveBounds := false
	if b, ok := m["bounds"]; ok {
		bx, err := boxValue(b)
		if err != nil {
			return nil, envErr("bounds: %s", err)
		}
		e.Bounds, haveBounds = bx, true
	}
	// Regions: an array of region objects / GeoJSON features, a
	// FeatureCollection, or (for a top-level FeatureCollection) its features.
	var regionVals []any
	switch {
	case fc:
		if _, ok := m["regions"]; ok {
			return nil, envErr("a FeatureCollection holds its regions in features, not regions")
		}
		fs, ok := m["features"].([]any)
		if !ok {
			return nil, envErr("features: want an array of GeoJSON features")
		}
		regionVals = fs
	default:
		if _, ok := m["features"]; ok {
			return nil, envErr("features is only allowed with \"type\": \"FeatureCollection\"")
		}
		switch rv := m["regions"].(type) {
		case nil:
			if _, ok := m["regions"]; ok {
				return nil, envErr("regions: want an array, got null")
			}
		case []any:
			regionVals = rv
		case map[string]any:
			if rv["type"] != "FeatureCollection" {
				return nil, envErr("regions: want an array or a GeoJSON FeatureCollection")
			}
			fs, ok := rv["features"].([]any)
			if !ok {
				return nil, envErr("regions.features: want an array of GeoJSON features")
			}
			regionVals = fs
		default:
			return nil, envErr("regions: want an array, got %s", kindOf(rv))
		}
	}
	for i, rv := range regionVals {
		r, err := regionFromValue(rv)
		if err != nil {
			return nil, envErr("regions[%d]%s", i, err)
		}
		e.Regions = append(e.Regions, r)
	}
	if g, ok := m["groups"]; ok {
		gm, ok := g.(map[string]any)
		if !ok {
			return nil, envErr("groups: want an object {name: [region, ...]}, got %s", kindOf(g))
		}
		names := make([]string, 0, len(gm))
		for k := range gm {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			arr, ok := gm[k].([]any)
			if !ok {
				return nil, envErr("groups.%s: want an array of region names", k)
			}
			grp := Group{Name: k}
			for j, x := range arr {
				s, ok := x.(string)
				if !ok {
					return nil, envErr("groups.%s[%d]: want a region name, got %s", k, j, kindOf(x))
				}
				grp.Members = append(grp.Members, s)
			}
			e.Groups = append(e.Groups, grp)
		}
	}
	if rb, ok := m["robots"]; ok {
		arr, ok := rb.([]any)
		if !ok {
			return nil, envErr("robots: want an array, got %s", kindOf(rb))
		}
		for i, x := range arr {
			r, err := robotFromValue(x)
			if err != nil {
				return nil, envErr("robots[%d]%s", i, err)
			}
			e.Robots = append(e.Robots, r)
		}
	}
	if !haveBounds {
		e.Bounds = e.extent()
	}
	return e, nil
}

func optString(m map[string]any, key, where string) (string, error) {
	v, ok := m[key]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", envErr("%s%s: want a string, got %s", where, key, kindOf(v))
	}
	return s, nil
}

func boxValue(v any) (geom.Box, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 4 {
		return geom.Box{}, errors.New("want [xmin, xmax, ymin, ymax]")
	}
	var f [4]float64
	for i, x := range arr {
		n, ok := x.(float64)
		if !ok {
			return geom.Box{}, fmt.Errorf("want [xmin, xmax, ymin, ymax], element %d is %s", i, kindOf(x))
		}
		f[i] = n
	}
	b, err := geom.NewBox(f[0], f[1], f[2], f[3])
	if err != nil {
		return geom.Box{}, errors.New(trimGeom(err))
	}
	return b, nil
}

func trimGeom(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "geom: invalid shape: ")
	return strings.TrimPrefix(s, "geom: ")
}

func pointValue(v any) (geom.Point, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		return geom.Point{}, errors.New("want [x, y]")
	}
	var f [2]float64
	for i, x := range arr {
		n, ok := x.(float64)
		if !ok {
			return geom.Point{}, fmt.Errorf("want [x, y], element %d is %s", i, kindOf(x))
		}
		f[i] = n
	}
	if math.Abs(f[0]) > geom.MaxCoord || math.Abs(f[1]) > geom.MaxCoord {
		return geom.Point{}, fmt.Errorf("coordinates beyond ±%g", geom.MaxCoord)
	}
	return geom.Pt(f[0], f[1]), nil
}

// regionFromValue reads one region; the error starts with " name: ..."
// so that the caller can prefix the index.
func regionFromValue(v any) (Region, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Region{}, fmt.Errorf(": want an object with a name and a box, polygon, wkt or geometry, got %s", kindOf(v))
	}
	var r Region
	if m["type"] == "Feature" {
		s, err := geom.ShapeFromValue(m)
		if err != nil {
			return Region{}, fmt.Errorf(": %s", trimGeom(err))
		}
		r.Shape = s
		props := s.Properties
		get := func(k string) (string, error) {
			x, ok := props[k]
			if !ok {
				return "", nil
			}
			str, ok := x.(string)
			if !ok {
				return "", fmt.Errorf(": properties.%s: want a string, got %s", k, kindOf(x))
			}
			return str, nil
		}
		var err2 error
		if r.Name, err2 = get("name"); err2 != nil {
			return Region{}, err2
		}
		if r.Name == "" {
			r.Name = s.Name
		}
		if r.Kind, err2 = get("kind"); err2 != nil {
			return Region{}, err2
		}
		if r.Color, err2 = get("color"); err2 != nil {
			return Region{}, err2
		}
		if r.Color == "" {
			if r.Color, err2 = get("colour"); err2 != nil {
				return Region{}, err2
			}
		}
		if r.Function, err2 = get("function"); err2 != nil {
			return Region{}, err2
		}
	} else {
		name, _ := m["name"].(string)
		where := ""
		if name != "" {
			where = fmt.Sprintf(" %q", name)
		}
		if err := checkKeys("", m, regionKeys); err != nil {
			return Region{}, fmt.Errorf("%s: %s", where, strings.TrimPrefix(err.Error(), ErrInvalidEnv.Error()+": "))
		}
		s, err := geom.ShapeFromValue(m)
		if err != nil {
			msg := trimGeom(err)
			msg = strings.TrimPrefix(msg, fmt.Sprintf("shape %q: ", name))
			msg = strings.TrimPrefix(msg, "invalid shape: ")
			return Region{}, fmt.Errorf("%s: %s", where, msg)
		}
		r.Shape = s
		r.Name = s.Name
		for _, k := range []string{"kind", "color", "colour", "function"} {
			x, ok := m[k]
			if !ok {
				continue
			}
			str, ok := x.(string)
			if !ok {
				return Region{}, fmt.Errorf("%s: %s: want a string, got %s", where, k, kindOf(x))
			}
			switch k {
			case "kind":
				r.Kind = str
			case "color", "colour":
				r.Color = str
			case "function":
				r.Function = str
			}
		}
	}
	r.Shape.Name = r.Name
	r.Shape.Properties = nil
	if r.Kind == "" {
		r.Kind = "region"
	}
	return r, nil
}

func robotFromValue(v any) (Robot, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Robot{}, fmt.Errorf(": want an object {name, start, goal, max_speed, radius}, got %s", kindOf(v))
	}
	var r Robot
	r.Name, _ = m["name"].(string)
	where := ""
	if r.Name != "" {
		where = fmt.Sprintf(" %q", r.Name)
	}
	if err := checkKeys("", m, robotKeys); err != nil {
		return Robot{}, fmt.Errorf("%s: %s", where, strings.TrimPrefix(err.Error(), ErrInvalidEnv.Error()+": "))
	}
	if n, ok := m["name"]; ok {
		if _, ok := n.(string); !ok {
			return Robot{}, fmt.Errorf(": name: want a string, got %s", kindOf(n))
		}
	}
	sv, ok := m["start"]
	if !ok {
		return Robot{}, fmt.Errorf("%s: start: required, [x, y]", where)
	}
	var err error
	if r.Start, err = pointValue(sv); err != nil {
		return Robot{}, fmt.Errorf("%s: start: %s", where, err)
	}
	if gv, ok := m["goal"]; ok && gv != nil {
		g, err := pointValue(gv)
		if err != nil {
			return Robot{}, fmt.Errorf("%s: goal: %s", where, err)
		}
		r.Goal = &g
	}
	for _, k := range []string{"max_speed", "radius"} {
		x, ok := m[k]
		if !ok {
			continue
		}
		n, ok := x.(float64)
		if !ok {
			return Robot{}, fmt.Errorf("%s: %s: want a number, got %s", where, k, kindOf(x))
		}
		if k == "max_speed" {
			r.MaxSpeed = n
		} else {
			r.Radius = n
		}
	}
	for _, k := range []string{"color", "colour"} {
		if x, ok := m[k]; ok {
			s, ok := x.(string)
			if !ok {
				return Robot{}, fmt.Errorf("%s: %s: want a string, got %s", where, k, kindOf(x))
			}
			r.Color = s
		}
	}
	return r, nil
}

// extent is the box around every region and robot position (the default
// bounds).
func (e *Env) extent() geom.Box {
	b := geom.Box{XMin: math.Inf(1), XMax: math.Inf(-1), YMin: math.Inf(1), YMax: math.Inf(-1)}
	add := func(x, y float64) {
		b.XMin, b.XMax = math.Min(b.XMin, x), math.Max(b.XMax, x)
		b.YMin, b.YMax = math.Min(b.YMin, y), math.Max(b.YMax, y)
	}
	for _, r := range e.Regions {
		for _, p := range r.Shape.Polygons {
			pb := p.Bounds()
			add(pb.XMin, pb.YMin)
			add(pb.XMax, pb.YMax)
		}
	}
	for _, r := range e.Robots {
		add(r.Start.X-r.Radius, r.Start.Y-r.Radius)
		add(r.Start.X+r.Radius, r.Start.Y+r.Radius)
		if r.Goal != nil {
			add(r.Goal.X, r.Goal.Y)
		}
	}
	if math.IsInf(b.XMin, 0) {
		return geom.Box{XMin: 0, XMax: 1, YMin: 0, YMax: 1}
	}
	if b.XMax <= b.XMin {
		b.XMin, b.XMax = b.XMin-0.5, b.XMax+0.5
	}
	if b.YMax <= b.YMin {
		b.YMin, b.YMax = b.YMin-0.5, b.YMax+0.5
	}
	return b
}

// boundsTol is the slack allowed when testing containment in the bounds.
const boundsTol = 1e-9

// Validate checks names (unique, usable in STL), kinds, colours, shapes
// inside the bounds, robots' numbers, and that no robot starts or ends in
// or too near an obstacle or another robot. The error is one line.
func (e *Env) Validate() error {
	if math.IsNaN(e.Horizon) || math.IsInf(e.Horizon, 0) || e.Horizon < 0 || e.Horizon > 1e9 {
		return envErr("horizon: want a non-negative number of at most 1e9, got %g", e.Horizon)
	}
	b := e.Bounds
	if !(b.XMin < b.XMax && b.YMin < b.YMax) || math.IsNaN(b.XMin+b.XMax+b.YMin+b.YMax) {
		return envErr("bounds %s: want xmin < xmax and ymin < ymax", b)
	}
	seen := map[string]string{}
	for i := range e.Regions {
		r := &e.Regions[i]
		where := fmt.Sprintf("regions[%d]", i)
		if r.Name == "" {
			return envErr("%s: name: required", where)
		}
		where = fmt.Sprintf("regions[%d] %q", i, r.Name)
		if !stl.ValidName(r.Name) {
			return envErr("%s: name must be letters, digits and _ (not starting with a digit, not F, G, U, true or false) so that specs can use it", where)
		}
		if prev, ok := seen[r.Name]; ok {
			return envErr("%s: duplicate name (also %s)", where, prev)
		}
		seen[r.Name] = fmt.Sprintf("regions[%d]", i)
		if !validKind(r.Kind) {
			return envErr("%s: kind %q: want a lower-case word such as room, key, door, goal, wall, obstacle or charger", where, r.Kind)
		}
		if r.Color != "" {
			if _, err := ParseColor(r.Color); err != nil {
				return envErr("%s: color: %s", where, err)
			}
		}
		if len(r.Function) > 1000 || strings.ContainsAny(r.Function, "\n\r") {
			return envErr("%s: function: want one line of at most 1000 bytes", where)
		}
		if len(r.Shape.Polygons) == 0 {
			return envErr("%s: no geometry", where)
		}
		for j, p := range r.Shape.Polygons {
			if err := p.Validate(); err != nil {
				return envErr("%s: polygon %d: %s", where, j, trimGeom(err))
			}
			pb := p.Bounds()
			if pb.XMin < b.XMin-boundsTol || pb.XMax > b.XMax+boundsTol || pb.YMin < b.YMin-boundsTol || pb.YMax > b.YMax+boundsTol {
				return envErr("%s: extends outside the bounds %s (its box is %s)", where, b, pb)
			}
		}
	}
	for _, g := range e.Groups {
		where := fmt.Sprintf("groups.%s", g.Name)
		if !stl.ValidName(g.Name) {
			return envErr("%s: the group name must be letters, digits and _ (not starting with a digit)", where)
		}
		if prev, ok := seen[g.Name]; ok {
			return envErr("%s: name already used by %s", where, prev)
		}
		seen[g.Name] = where
		if len(g.Members) == 0 {
			return envErr("%s: empty group", where)
		}
		for _, m := range g.Members {
			if e.Region(m) == nil {
				return envErr("%s: unknown region %q%s", where, m, e.suggest(m))
			}
		}
	}
	robots := map[string]int{}
	for i := range e.Robots {
		r := &e.Robots[i]
		where := fmt.Sprintf("robots[%d]", i)
		if r.Name == "" {
			return envErr("%s: name: required", where)
		}
		where = fmt.Sprintf("robots[%d] %q", i, r.Name)
		if !stl.ValidName(r.Name) {
			return envErr("%s: name must be letters, digits and _ (not starting with a digit)", where)
		}
		if j, ok := robots[r.Name]; ok {
			return envErr("%s: duplicate name (also robots[%d])", where, j)
		}
		robots[r.Name] = i
		if math.IsNaN(r.MaxSpeed) || math.IsInf(r.MaxSpeed, 0) || r.MaxSpeed < 0 {
			return envErr("%s: max_speed: want a non-negative number (0 = no limit), got %g", where, r.MaxSpeed)
		}
		if math.IsNaN(r.Radius) || math.IsInf(r.Radius, 0) || r.Radius < 0 {
			return envErr("%s: radius: want a non-negative number, got %g", where, r.Radius)
		}
		if r.Color != "" {
			if _, err := ParseColor(r.Color); err != nil {
				return envErr("%s: color: %s", where, err)
			}
		}
		if err := e.checkPosition(r, "start", r.Start); err != nil {
			return envErr("%s: %s", where, err)
		}
		if r.Goal != nil {
			if err := e.checkPosition(r, "goal", *r.Goal); err != nil {
				return envErr("%s: %s", where, err)
			}
		}
	}
	for i := range e.Robots {
		for j := i + 1; j < len(e.Robots); j++ {
			a, c := &e.Robots[i], &e.Robots[j]
			if d := a.Start.Dist(c.Start); d < a.Radius+c.Radius || d == 0 {
				return envErr("robots %q and %q start %s apart, less than the sum of their radii %s", a.Name, c.Name, num(d), num(a.Radius+c.Radius))
			}
		}
	}
	return nil
}

func validKind(k string) bool {
	if k == "" || len(k) > 40 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// checkPosition tests a start or goal against the bounds and obstacles.
func (e *Env) checkPosition(r *Robot, what string, q geom.Point) error {
	if !e.Bounds.Contains(q, boundsTol) {
		return fmt.Errorf("%s %s is outside the bounds %s", what, pt(q), e.Bounds)
	}
	for i := range e.Regions {
		reg := &e.Regions[i]
		if !reg.Obstacle() {
			continue
		}
		if reg.Shape.Locate(q, geom.DefaultTol) != geom.Outside {
			return fmt.Errorf("%s %s is inside %s %q", what, pt(q), reg.Kind, reg.Name)
		}
		if d := reg.Shape.Distance(q); d < r.Radius-geom.DefaultTol {
			return fmt.Errorf("%s %s is %s from %s %q, less than the robot's radius %s", what, pt(q), num(d), reg.Kind, reg.Name, num(r.Radius))
		}
	}
	return nil
}

func pt(q geom.Point) string { return fmt.Sprintf("(%s, %s)", num(q.X), num(q.Y)) }

func num(x float64) string { return fmt.Sprintf("%.6g", x) }

// Region returns the region named name, or nil.
func (e *Env) Region(name string) *Region {
	for i := range e.Regions {
		if e.Regions[i].Name == name {
			return &e.Regions[i]
		}
	}
	return nil
}

// Robot returns the robot named name, or nil.
func (e *Env) Robot(name string) *Robot {
	for i := range e.Robots {
		if e.Robots[i].Name == name {
			return &e.Robots[i]
		}
	}
	return nil
}

// Obstacles returns the regions of kind wall or obstacle.
func (e *Env) Obstacles() []*Region {
	var out []*Region
	for i := range e.Regions {
		if e.Regions[i].Obstacle() {
			out = append(out, &e.Regions[i])
		}
	}
	return out
}

// RegionsNamed resolves a name used in a spec: a region, else a group,
// else a kind (all regions of that kind). It returns the regions in
// environment order, or nil when the name means nothing.
func (e *Env) RegionsNamed(name string) []*Region {
	if r := e.Region(name); r != nil {
		return []*Region{r}
	}
	for _, g := range e.Groups {
		if g.Name == name {
			var out []*Region
			for _, m := range g.Members {
				if r := e.Region(m); r != nil {
					out = append(out, r)
				}
			}
			return out
		}
	}
	var out []*Region
	for i := range e.Regions {
		if e.Regions[i].Kind == name {
			out = append(out, &e.Regions[i])
		}
	}
	return out
}

// suggest returns ` (did you mean "x"?)` for the closest known name.
func (e *Env) suggest(name string) string {
	best, bd := "", 1<<30
	consider := func(c string) {
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d < bd {
			best, bd = c, d
		}
	}
	for _, r := range e.Regions {
		consider(r.Name)
	}
	for _, g := range e.Groups {
		consider(g.Name)
	}
	if best != "" && bd <= max(2, len(name)/3) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
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
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// CheckFormula reports the first atom of f that names an unknown robot
// or region, with its position in the spec text.
func (e *Env) CheckFormula(f *stl.Formula) error {
	for _, a := range f.Atoms() {
		where := ""
		if a.Pos.Col > 0 {
			where = " at " + a.Pos.String()
		}
		if a.Robot != "" && e.Robot(a.Robot) == nil {
			names := make([]string, len(e.Robots))
			for i, r := range e.Robots {
				names[i] = r.Name
			}
			if len(names) == 0 {
				return fmt.Errorf("robot: spec%s: atom %s names robot %q but the environment has no robots", where, a.Atom, a.Robot)
			}
			return fmt.Errorf("robot: spec%s: unknown robot %q (robots: %s)", where, a.Robot, strings.Join(names, ", "))
		}
		if len(e.RegionsNamed(a.Region)) == 0 {
			return fmt.Errorf("robot: spec%s: unknown region %q%s", where, a.Region, e.suggest(a.Region))
		}
	}
	return nil
}

// ImportAutoTAMP converts an AutoTAMP pre-order token list to a formula:
// room<N> is the N-th region of the environment (AutoTAMP numbers its
// prompt's rooms in list order, which the converted scenarios keep),
// other leaf names are region names, and "infinite" bounds become the
// horizon.
func (e *Env) ImportAutoTAMP(tokens []string) (*stl.Formula, error) {
	f, err := stl.ParsePrefix(tokens, stl.PrefixOptions{
		Horizon: e.Horizon,
		Atom: func(name string) (stl.Atom, error) {
			var n int
			if _, err := fmt.Sscanf(name, "room%d", &n); err == nil && fmt.Sprintf("room%d", n) == name {
				if n < 1 || n > len(e.Regions) {
					return stl.Atom{}, fmt.Errorf("%s: the environment has %d regions", name, len(e.Regions))
				}
				return stl.Atom{Region: e.Regions[n-1].Name}, nil
			}
			robot, region, dotted := strings.Cut(name, ".")
			if !dotted {
				robot, region = "", name
			}
			return stl.Atom{Robot: robot, Region: region}, nil
		},
	})
	if err != nil {
		return nil, err
	}
	if err := e.CheckFormula(f); err != nil {
		return nil, err
	}
	return f, nil
}
