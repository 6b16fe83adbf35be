package travel

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ErrPlan is wrapped by plan-reading errors.
var ErrPlan = errors.New("travel: plan")

// Day is one day of a submitted plan: any JSON object, kept as decoded so the
// evaluator can tell a missing key from "-" as TravelPlanner's does. Numbers
// are json.Number. A day that was not a JSON object is nil.
type Day map[string]any

// Submission is one line of a TravelPlanner submission file.
type Submission struct {
	Idx   int    `json:"idx"`
	Query string `json:"query"`
	// Plan is nil when the plan was not delivered (JSON null).
	Plan []Day `json:"plan"`
}

// UnmarshalJSON decodes a submission line; plan days that are not objects
// become nil days instead of failing the whole line.
func (s *Submission) UnmarshalJSON(b []byte) error {
	var raw struct {
		Idx   json.RawMessage   `json:"idx"`
		Query json.RawMessage   `json:"query"`
		Plan  []json.RawMessage `json:"plan"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "plan" {
			return fmt.Errorf("%w: field \"plan\": want a list of day objects or null", ErrPlan)
		}
		return fmt.Errorf("%w: %v", ErrPlan, err)
	}
	*s = Submission{}
	if len(raw.Idx) > 0 && string(raw.Idx) != "null" {
		f, err := strconv.ParseFloat(string(raw.Idx), 64)
		if err != nil || f != float64(int(f)) {
			return fmt.Errorf("%w: field \"idx\": want an integer", ErrPlan)
		}
		s.Idx = int(f)
	}
	if len(raw.Query) > 0 && string(raw.Query) != "null" {
		if err := json.Unmarshal(raw.Query, &s.Query); err != nil {
			return fmt.Errorf("%w: field \"query\": want a string", ErrPlan)
		}
	}
	if raw.Plan != nil {
		s.Plan = make([]Day, len(raw.Plan))
		for i, d := range raw.Plan {
			var m map[string]any
			dec := json.NewDecoder(bytesReader(d))
			dec.UseNumber()
			if dec.Decode(&m) == nil && m != nil {
				s.Plan[i] = m
			}
		}
	}
	return nil
}

// ReadSubmissions reads a submission JSONL file. Errors name the line.
func ReadSubmissions(r io.Reader) ([]Submission, error) {
	var out []Submission
	err := eachLine(r, func(line int, b []byte) error {
		var s Submission
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// value returns a day's field as text: strings as they are, other JSON
// values in their JSON spelling. present is false when the key is absent;
// truthy follows Python (empty string, zero, null, empty list are false).
func (d Day) value(key string) (s string, present, truthy bool) {
	v, ok := d[key]
	if !ok {
		return "", false, false
	}
	switch x := v.(type) {
	case nil:
		return "None", true, false
	case string:
		return x, true, x != ""
	case bool:
		if x {
			return "True", true, true
		}
		return "False", true, false
	case json.Number:
		f, _ := x.Float64()
		return x.String(), true, f != 0
	case []any:
		b, _ := json.Marshal(x)
		return string(b), true, len(x) > 0
	case map[string]any:
		b, _ := json.Marshal(x)
		return string(b), true, len(x) > 0
	}
	return fmt.Sprint(v), true, true
}

// filled reports whether key holds a value the evaluator counts as given:
// truthy and not "-".
func (d Day) filled(key string) (string, bool) {
	s, _, t := d.value(key)
	return s, t && s != "-"
}

// PlanDay is one day of a plan that plankit writes, with TravelPlanner's
// keys in TravelPlanner's order.
type PlanDay struct {
	Days           int    `json:"days"`
	CurrentCity    string `json:"current_city"`
	Transportation string `json:"transportation"`
	Breakfast      string `json:"breakfast"`
	Attraction     string `json:"attraction"`
	Lunch          string `json:"lunch"`
	Dinner         string `json:"dinner"`
	Accommodation  string `json:"accommodation"`
}

// Day converts a PlanDay into the generic form the evaluator reads.
func (p PlanDay) Day() Day {
	return Day{
		"days": json.Number(strconv.Itoa(p.Days)), "current_city": p.CurrentCity, "transportation": p.Transportation,
		"breakfast": p.Breakfast, "attraction": p.Attraction, "lunch": p.Lunch, "dinner": p.Dinner, "accommodation": p.Accommodation,
	}
}
