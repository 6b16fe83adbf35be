package travel

// Metrics are TravelPlanner's six rates with their counts and denominators.
type Metrics struct {
	DeliveryRate     float64 `json:"delivery_rate"`
	CommonsenseMicro float64 `json:"commonsense_micro"`
	CommonsenseMacro float64 `json:"commonsense_macro"`
	HardMicro        float64 `json:"hard_micro"`
	HardMacro        float64 `json:"hard_macro"`
	FinalPassRate    float64 `json:"final_pass_rate"`

	N                  int `json:"n"`
	Delivered          int `json:"delivered"`
	CommonsensePassed  int `json:"commonsense_checks_passed"`
	CommonsenseTotal   int `json:"commonsense_checks_total"`
	CommonsensePlans   int `json:"commonsense_plans_passed"`
	HardPassed         int `json:"hard_checks_passed"`
	HardTotal          int `json:"hard_checks_total"`
	HardPlans          int `json:"hard_plans_passed"`
	FinalPlans         int `json:"final_plans_passed"`
	MissingSubmissions int `json:"missing_submissions,omitempty"`
}

// Report is the evaluation of a query set.
type Report struct {
	Strict  bool         `json:"strict"`
	Metrics Metrics      `json:"metrics"`
	Plans   []PlanResult `json:"plans"`
}

// Score evaluates plans[i] against queries[i] (paired by position, as
// eval.py does; a missing submission counts as not delivered) and computes
// the metrics with eval.py's denominators.
func (e *Evaluator) Score(queries []Query, plans []Submission) Report {
	rep := Report{Strict: e.Strict}
	m := &rep.Metrics
	m.N = len(queries)
	for i := range queries {
		q := &queries[i]
		var plan []Day
		if i < len(plans) {
			plan = plans[i].Plan
		} else {
			m.MissingSubmissions++
		}
		r := e.Evaluate(q, plan)
		if r.Idx == 0 {
			r.Idx = i + 1
		}
		rep.Plans = append(rep.Plans, r)
		if r.Delivered {
			m.Delivered++
			for _, v := range r.Commonsense {
				if v.Passed() {
					m.CommonsensePassed++
				}
			}
		}
		if r.HardRun {
			for _, v := range r.Hard {
				if v.Passed() {
					m.HardPassed++
				}
			}
			if r.CommonsensePass {
				m.CommonsensePlans++
			}
			if r.HardPass {
				m.HardPlans++
			}
			if r.Pass {
				m.FinalPlans++
			}
		}
		// Denominator of the hard micro rate.
		m.HardTotal++
		lc := q.LocalConstraint
		switch q.Level {
		case "medium":
			m.HardTotal += count(lc.HouseRule != nil, lc.Cuisine != nil, lc.RoomType != nil)
		case "hard":
			m.HardTotal += count(lc.HouseRule != nil, lc.Cuisine != nil, lc.RoomType != nil, lc.Transportation != nil)
		}
	}
	m.CommonsenseTotal = 8 * m.N
	if m.N > 0 {
		n := float64(m.N)
		m.DeliveryRate = float64(m.Delivered) / n
		m.CommonsenseMicro = float64(m.CommonsensePassed) / float64(m.CommonsenseTotal)
		m.CommonsenseMacro = float64(m.CommonsensePlans) / n
		m.HardMicro = float64(m.HardPassed) / float64(m.HardTotal)
		m.HardMacro = float64(m.HardPlans) / n
		m.FinalPassRate = float64(m.FinalPlans) / n
	}
	return rep
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
