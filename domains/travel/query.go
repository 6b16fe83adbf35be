package travel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// ErrQuery is wrapped by every query-reading and validation error.
var ErrQuery = errors.New("travel: query")

// Allowed values of the local constraints.
var (
	HouseRules = []string{"parties", "smoking", "children under 10", "visitors", "pets"}
	RoomTypes  = []string{"shared room", "not shared room", "private room", "entire room"}
	Transports = []string{"no flight", "no self-driving"}
	Cuisines   = []string{"Tea", "BBQ", "Seafood", "Cafe", "Desserts", "Pizza", "Fast Food", "Bakery", "Mediterranean", "French", "Mexican", "Chinese", "Indian", "Italian", "American"}
)

// LocalConstraint holds the optional user constraints of a query.
type LocalConstraint struct {
	HouseRule      *string  `json:"house rule"`
	Cuisine        []string `json:"cuisine"`
	RoomType       *string  `json:"room type"`
	Transportation *string  `json:"transportation"`
}

// Query is a TravelPlanner query record.
type Query struct {
	Idx                int             `json:"idx,omitempty"`
	Org                string          `json:"org"`
	Dest               string          `json:"dest"`
	Days               int             `json:"days"`
	VisitingCityNumber int             `json:"visiting_city_number"`
	Date               []string        `json:"date"`
	PeopleNumber       int             `json:"people_number"`
	LocalConstraint    LocalConstraint `json:"local_constraint"`
	Budget             float64         `json:"budget"`
	Query              string          `json:"query,omitempty"`
	Level              string          `json:"level,omitempty"`
}

// Str returns a pointer to s, for building constraints.
func Str(s string) *string { return &s }

// UnmarshalJSON accepts TravelPlanner's spellings: date and local_constraint
// as JSON or as Python-literal strings (as eval.py reads them from the
// Hugging Face CSVs), "visiting city number"/"people number" with spaces,
// the local constraints flattened into the record (as in the example
// files), and level "middle" for "medium".
func (q *Query) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("%w: %v", ErrQuery, err)
	}
	get := func(keys ...string) (json.RawMessage, string) {
		for _, k := range keys {
			if v, ok := raw[k]; ok {
				return v, k
			}
		}
		return nil, keys[0]
	}
	*q = Query{}
	str := func(dst *string, keys ...string) error {
		v, k := get(keys...)
		if v == nil || string(v) == "null" {
			return nil
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return fmt.Errorf("%w: field %q: want a string", ErrQuery, k)
		}
		return nil
	}
	integer := func(dst *int, keys ...string) error {
		v, k := get(keys...)
		if v == nil || string(v) == "null" {
			return nil
		}
		var f float64
		if err := json.Unmarshal(v, &f); err != nil {
			var s string
			if json.Unmarshal(v, &s) == nil {
				if _, err := fmt.Sscanf(strings.TrimSpace(s), "%g", &f); err == nil {
					goto ok
				}
			}
			return fmt.Errorf("%w: field %q: want a number", ErrQuery, k)
		}
	ok:
		if f != math.Trunc(f) || math.Abs(f) > 1e9 {
			return fmt.Errorf("%w: field %q: %v is not an integer in range", ErrQuery, k, f)
		}
		*dst = int(f)
		return nil
	}
	for _, err := range []error{
		integer(&q.Idx, "idx"),
		str(&q.Org, "org"),
		str(&q.Dest, "dest"),
		integer(&q.Days, "days"),
		integer(&q.VisitingCityNumber, "visiting_city_number", "visiting city number"),
		integer(&q.PeopleNumber, "people_number", "people number"),
		str(&q.Query, "query"),
		str(&q.Level, "level"),
	} {
		if err != nil {
			return err
		}
	}
	if q.Level == "middle" {
		q.Level = "medium"
	}
	if v, k := get("budget"); v != nil && string(v) != "null" {
		var f float64
		if err := json.Unmarshal(v, &f); err != nil {
			return fmt.Errorf("%w: field %q: want a number", ErrQuery, k)
		}
		q.Budget = f
	}
	if v, k := get("date"); v != nil && string(v) != "null" {
		val, err := decodeMaybePython(v)
		if err != nil {
			return fmt.Errorf("%w: field %q: %v", ErrQuery, k, err)
		}
		list, ok := val.([]any)
		if !ok {
			return fmt.Errorf("%w: field %q: want a list of dates", ErrQuery, k)
		}
		for i, d := range list {
			s, ok := d.(string)
			if !ok {
				return fmt.Errorf("%w: field %q[%d]: want a date string", ErrQuery, k, i)
			}
			q.Date = append(q.Date, s)
		}
	}
	lc := map[string]any{}
	if v, k := get("local_constraint"); v != nil && string(v) != "null" {
		val, err := decodeMaybePython(v)
		if err != nil {
			return fmt.Errorf("%w: field %q: %v", ErrQuery, k, err)
		}
		m, ok := val.(map[string]any)
		if !ok {
			return fmt.Errorf("%w: field %q: want an object", ErrQuery, k)
		}
		lc = m
	} else {
		for _, key := range []string{"house rule", "cuisine", "room type", "transportation"} {
			if v, ok := raw[key]; ok {
				val, err := decodeMaybePython(v)
				if err != nil {
					return fmt.Errorf("%w: field %q: %v", ErrQuery, key, err)
				}
				lc[key] = val
			}
		}
	}
	for key, v := range lc {
		switch key {
		case "house rule", "room type", "transportation":
			if v == nil {
				continue
			}
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("%w: field \"local_constraint.%s\": want a string or null", ErrQuery, key)
			}
			switch key {
			case "house rule":
				q.LocalConstraint.HouseRule = &s
			case "room type":
				q.LocalConstraint.RoomType = &s
			default:
				q.LocalConstraint.Transportation = &s
			}
		case "cuisine":
			if v == nil {
				continue
			}
			list, ok := v.([]any)
			if !ok {
				return fmt.Errorf("%w: field \"local_constraint.cuisine\": want a list of cuisines or null", ErrQuery)
			}
			q.LocalConstraint.Cuisine = []string{}
			for i, c := range list {
				s, ok := c.(string)
				if !ok {
					return fmt.Errorf("%w: field \"local_constraint.cuisine[%d]\": want a string", ErrQuery, i)
				}
				q.LocalConstraint.Cuisine = append(q.LocalConstraint.Cuisine, s)
			}
		default:
			return fmt.Errorf("%w: field \"local_constraint.%s\": unknown constraint (want house rule, cuisine, room type, transportation)", ErrQuery, key)
		}
	}
	return nil
}

// decodeMaybePython decodes a JSON value; a JSON string holding a Python
// literal (list or dict) is parsed as one.
func decodeMaybePython(v json.RawMessage) (any, error) {
	var val any
	if err := json.Unmarshal(v, &val); err != nil {
		return nil, err
	}
	if s, ok := val.(string); ok {
		t := strings.TrimSpace(s)
		if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{") {
			return ParsePythonLiteral(t)
		}
	}
	return val, nil
}

// Validate checks a query against db: known cities and states, dates,
// people, budget and constraint values. The error names the field.
func (q *Query) Validate(db *DB) error {
	bad := func(field, format string, a ...any) error {
		return fmt.Errorf("%w: field %q: %s", ErrQuery, field, fmt.Sprintf(format, a...))
	}
	if q.Org == "" {
		return bad("org", "missing")
	}
	if _, ok := db.State(q.Org); !ok {
		return bad("org", "unknown city %q%s", q.Org, suggest(q.Org, db.Cities))
	}
	if q.Days < 1 || q.Days > 30 {
		return bad("days", "%d: want 1 to 30 (TravelPlanner uses 3, 5 and 7)", q.Days)
	}
	if q.Dest == "" {
		return bad("dest", "missing")
	}
	if _, isCity := db.State(q.Dest); !isCity && !db.IsState(q.Dest) {
		return bad("dest", "unknown city or state %q%s", q.Dest, suggest(q.Dest, append(db.Cities, stateNames(db)...)))
	}
	if q.VisitingCityNumber < 1 || q.VisitingCityNumber > q.Days {
		return bad("visiting_city_number", "%d: want 1 to days (%d)", q.VisitingCityNumber, q.Days)
	}
	if len(q.Date) != q.Days {
		return bad("date", "%d dates for %d days", len(q.Date), q.Days)
	}
	var prev time.Time
	for i, d := range q.Date {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return bad(fmt.Sprintf("date[%d]", i), "%q is not a YYYY-MM-DD date", d)
		}
		if i > 0 && !t.Equal(prev.AddDate(0, 0, 1)) {
			return bad(fmt.Sprintf("date[%d]", i), "%s does not follow %s", d, q.Date[i-1])
		}
		prev = t
	}
	if q.PeopleNumber < 1 || q.PeopleNumber > 100 {
		return bad("people_number", "%d: want 1 to 100", q.PeopleNumber)
	}
	if q.Budget < 0 || math.IsNaN(q.Budget) || q.Budget > 1e9 {
		return bad("budget", "%v: want a non-negative amount up to 1e9", q.Budget)
	}
	lc := q.LocalConstraint
	if lc.HouseRule != nil && !contains(HouseRules, *lc.HouseRule) {
		return bad("local_constraint.house rule", "%q: want one of %s", *lc.HouseRule, strings.Join(HouseRules, ", "))
	}
	if lc.RoomType != nil && !contains(RoomTypes, *lc.RoomType) {
		return bad("local_constraint.room type", "%q: want one of %s", *lc.RoomType, strings.Join(RoomTypes, ", "))
	}
	if lc.Transportation != nil && !contains(Transports, *lc.Transportation) {
		return bad("local_constraint.transportation", "%q: want one of %s", *lc.Transportation, strings.Join(Transports, ", "))
	}
	for i, c := range lc.Cuisine {
		if !contains(Cuisines, c) {
			return bad(fmt.Sprintf("local_constraint.cuisine[%d]", i), "%q: want one of %s", c, strings.Join(Cuisines, ", "))
		}
	}
	return nil
}

func stateNames(db *DB) []string {
	out := make([]string, 0, len(db.statesCities))
	for s := range db.statesCities {
		out = append(out, s)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns ` (did you mean "X"?)` for the closest name, if close.
func suggest(s string, names []string) string {
	best, bestD := "", 1+len(s)/3
	ls := strings.ToLower(s)
	for _, n := range names {
		if d := editDistance(ls, strings.ToLower(n)); d < bestD || (d == bestD && n < best && best != "") {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// ReadQueries reads JSONL query records; blank lines are skipped. Errors
// name the line.
func ReadQueries(r io.Reader) ([]Query, error) {
	var out []Query
	err := eachLine(r, func(line int, b []byte) error {
		var q Query
		if err := json.Unmarshal(b, &q); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, q)
		return nil
	})
	return out, err
}

func eachLine(r io.Reader, fn func(line int, b []byte) error) error {
	br := bufio.NewReader(r)
	line := 0
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			line++
			if t := bytes.TrimSpace(b); len(t) > 0 {
				if ferr := fn(line, t); ferr != nil {
					return ferr
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
