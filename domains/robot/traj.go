package robot

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/plankit/plankit/solvers/stl"
)

// ErrInvalidTrajectory is wrapped by every error of the trajectory readers.
var ErrInvalidTrajectory = errors.New("robot: invalid trajectory")

// Trajectory holds one timed piecewise-linear path per robot.
type Trajectory struct {
	Robots []RobotPath
}

// RobotPath is a robot's timed waypoints.
type RobotPath struct {
	Name string
	Path stl.Path
}

// Path returns the path of the named robot.
func (t *Trajectory) Path(name string) (stl.Path, bool) {
	for _, r := range t.Robots {
		if r.Name == name {
			return r.Path, true
		}
	}
	return nil, false
}

// End returns the latest time of any waypoint.
func (t *Trajectory) End() float64 {
	var e float64
	for _, r := range t.Robots {
		e = math.Max(e, r.Path.End())
	}
	return e
}

func trajErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidTrajectory, fmt.Sprintf(format, a...))
}

// Validate checks robot names (non-empty, unique) and each path (times
// strictly increasing from 0, finite numbers).
func (t *Trajectory) Validate() error {
	if len(t.Robots) == 0 {
		return trajErr("no robots")
	}
	seen := map[string]bool{}
	for _, r := range t.Robots {
		if !stl.ValidName(r.Name) {
			return trajErr("robot name %q: want letters, digits and _, not starting with a digit", r.Name)
		}
		if seen[r.Name] {
			return trajErr("robot %q appears twice", r.Name)
		}
		seen[r.Name] = true
		if err := r.Path.Validate(); err != nil {
			return trajErr("robot %q: %s", r.Name, strings.TrimPrefix(err.Error(), stl.ErrPath.Error()+": "))
		}
		for i, w := range r.Path {
			if math.Abs(w.X) > 1e12 || math.Abs(w.Y) > 1e12 || w.T > 1e12 {
				return trajErr("robot %q: waypoint %d: numbers beyond ±1e12", r.Name, i)
			}
		}
	}
	return nil
}

// maxTrajInput bounds the size of a trajectory file.
const maxTrajInput = 256 << 20

// ParseTrajectory reads a trajectory in any of the accepted forms and
// validates it:
//
//	{"robots": {"r1": [[x, y, t], ...], "r2": [...]}}   JSON
//	robot,x,y,t                                          CSV (header optional)
//	x y t                                                AutoTAMP rows (one robot, named r1)
func ParseTrajectory(data []byte) (*Trajectory, error) {
	if len(data) > maxTrajInput {
		return nil, trajErr("input larger than %d MiB", maxTrajInput>>20)
	}
	trim := bytes.TrimSpace(data)
	if len(trim) == 0 {
		return nil, trajErr("empty input")
	}
	var t *Trajectory
	var err error
	switch {
	case trim[0] == '{' || trim[0] == '[':
		t, err = parseTrajJSON(data)
	default:
		first, _, _ := bytes.Cut(trim, []byte("\n"))
		if bytes.ContainsRune(first, ',') {
			t, err = parseTrajCSV(data)
		} else {
			var rp RobotPath
			rp, err = ParseAutoTAMPRows(data, "r1")
			t = &Trajectory{Robots: []RobotPath{rp}}
		}
	}
	if err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}

func parseTrajJSON(data []byte) (*Trajectory, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, trajErr("want a JSON object {\"robots\": {name: [[x, y, t], ...]}}")
	}
	var t *Trajectory
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
		}
		key, _ := kt.(string)
		switch {
		case key == "robots":
			if t, err = decodeRobots(dec, data); err != nil {
				return nil, err
			}
		case strings.HasPrefix(key, "_"):
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
			}
		default:
			return nil, trajErr("unknown key %q (want robots)", key)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
	}
	if dec.More() {
		return nil, trajErr("malformed JSON: data after the trajectory object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, trajErr("malformed JSON: data after the trajectory object")
	}
	if t == nil {
		return nil, trajErr("robots: required, {name: [[x, y, t], ...]}")
	}
	return t, nil
}

// decodeRobots reads {"r1": [[x,y,t],...], ...} keeping the key order.
func decodeRobots(dec *json.Decoder, data []byte) (*Trajectory, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, trajErr("robots: want an object {name: [[x, y, t], ...]}")
	}
	t := &Trajectory{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
		}
		name, _ := kt.(string)
		var rows [][]float64
		if err := dec.Decode(&rows); err != nil {
			return nil, trajErr("robots.%s: want a list of [x, y, t] rows: %s", name, jsonErr(data, err))
		}
		p := make(stl.Path, len(rows))
		for i, r := range rows {
			if len(r) != 3 {
				return nil, trajErr("robots.%s[%d]: want [x, y, t], got %d numbers", name, i, len(r))
			}
			p[i] = stl.Waypoint{X: r[0], Y: r[1], T: r[2]}
		}
		t.Robots = append(t.Robots, RobotPath{Name: name, Path: p})
	}
	if _, err := dec.Token(); err != nil {
		return nil, trajErr("malformed JSON: %s", jsonErr(data, err))
	}
	return t, nil
}

func parseTrajCSV(data []byte) (*Trajectory, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.Comment = '#'
	t := &Trajectory{}
	index := map[string]int{}
	for row := 0; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, trajErr("CSV line %d: %s", pe.Line, pe.Err)
			}
			return nil, trajErr("CSV: %s", err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != 4 {
			return nil, trajErr("CSV line %d: want 4 fields robot,x,y,t, got %d", line, len(rec))
		}
		if row == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "robot") {
			continue // header
		}
		var v [3]float64
		for i := 0; i < 3; i++ {
			x, err := strconv.ParseFloat(strings.TrimSpace(rec[i+1]), 64)
			if err != nil {
				return nil, trajErr("CSV line %d: field %s: %q is not a number", line, []string{"x", "y", "t"}[i], rec[i+1])
			}
			v[i] = x
		}
		name := strings.TrimSpace(rec[0])
		k, ok := index[name]
		if !ok {
			k = len(t.Robots)
			index[name] = k
			t.Robots = append(t.Robots, RobotPath{Name: name})
		}
		t.Robots[k].Path = append(t.Robots[k].Path, stl.Waypoint{X: v[0], Y: v[1], T: v[2]})
	}
	return t, nil
}

// ParseAutoTAMPRows reads one robot's waypoints in the format of
// AutoTAMP's planner output (Example_results/*/myfile<i>.txt): one
// "x y t" row per line, whitespace separated. The path is not validated
// here (see Trajectory.Validate).
func ParseAutoTAMPRows(data []byte, name string) (RobotPath, error) {
	rp := RobotPath{Name: name}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 3 {
			return RobotPath{}, trajErr("line %d: want \"x y t\", got %d fields", i+1, len(f))
		}
		var v [3]float64
		for j := range v {
			x, err := strconv.ParseFloat(f[j], 64)
			if err != nil {
				return RobotPath{}, trajErr("line %d: %q is not a number", i+1, f[j])
			}
			v[j] = x
		}
		rp.Path = append(rp.Path, stl.Waypoint{X: v[0], Y: v[1], T: v[2]})
	}
	if len(rp.Path) == 0 {
		return RobotPath{}, trajErr("no \"x y t\" rows")
	}
	return rp, nil
}

// MarshalJSON writes {"robots": {"r1": [[x, y, t], ...], ...}}, one
// robot per line, in the trajectory's order.
func (t *Trajectory) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\"robots\": {")
	for i, r := range t.Robots {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		b.WriteString(strconv.Quote(r.Name))
		b.WriteString(": [")
		for j, w := range r.Path {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "[%s, %s, %s]", jnum(w.X), jnum(w.Y), jnum(w.T))
		}
		b.WriteByte(']')
	}
	b.WriteString("\n}}\n")
	return b.Bytes(), nil
}

func jnum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "null"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
