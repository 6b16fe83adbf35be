package travel

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// clonePlan deep-copies a submission's plan.
func clonePlan(t *testing.T, p []Day) []Day {
	t.Helper()
	b, _ := json.Marshal(p)
	var out []Day
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func cloneQuery(q Query) Query {
	b, _ := json.Marshal(q)
	var out Query
	json.Unmarshal(b, &out)
	return out
}

func str(d Day, k string) string { s, _ := d[k].(string); return s }

// usedNames collects every item string of a plan.
func usedNames(p []Day) map[string]bool {
	m := map[string]bool{}
	for _, d := range p {
		for k, v := range d {
			if s, ok := v.(string); ok && k != "current_city" {
				m[s] = true
			}
		}
	}
	return m
}

// uniqueAcc finds an accommodation of city whose name matches exactly one
// row by substring (so the evaluator applies its rules) and satisfies ok.
func uniqueAcc(db *DB, city string, ok func(Accommodation) bool) (Accommodation, bool) {
	for _, a := range db.AccommodationsIn(city) {
		if _, n := db.FindAccommodation(a.Name, city, Substring); n == 1 && ok(a) {
			return a, true
		}
	}
	return Accommodation{}, false
}

func TestMutationsFailExactlyOneCheck(t *testing.T) {
	db := mustDefault(t, FlightsReal)
	qs, ps := loadTrain(t)
	e := &Evaluator{DB: db}
	type mutation struct {
		name string
		idx  int // 1-based train query
		want string
		edit func(t *testing.T, q *Query, p []Day)
	}
	cases := []mutation{
		{"unknown restaurant", 1, "is_valid_information_in_sandbox", func(t *testing.T, q *Query, p []Day) {
			p[1]["breakfast"] = "Nowhere Diner, Rockford"
		}},
		{"missing lunch on a full day", 1, "is_not_absent", func(t *testing.T, q *Query, p []Day) {
			p[1]["lunch"] = "-"
		}},
		{"dinner in a third city on a travel day", 1, "is_valid_information_in_current_city", func(t *testing.T, q *Query, p []Day) {
			for _, r := range db.Restaurants {
				if r.Cost <= 72 && !strings.Contains(r.City, "Rockford") && !strings.Contains(r.City, "Petersburg") && !strings.ContainsAny(r.Name, ",") {
					p[0]["dinner"] = r.Name + ", " + r.City
					return
				}
			}
			t.Fatal("no cheap restaurant elsewhere")
		}},
		{"cities outside the query's state", 7, "is_reasonable_visiting_city", func(t *testing.T, q *Query, p []Day) {
			q.Dest = "Nowhere State"
		}},
		{"restaurant repeated", 1, "is_valid_restaurants", func(t *testing.T, q *Query, p []Day) {
			p[2]["lunch"] = p[1]["lunch"]
		}},
		{"attraction repeated", 1, "is_valid_attractions", func(t *testing.T, q *Query, p []Day) {
			first, _ := SplitAttractions(str(p[1], "attraction"))
			p[2]["attraction"] = str(p[2], "attraction") + first[0] + ";"
		}},
		{"self-driving mixed with flight and taxi", 10, "is_valid_transportation", func(t *testing.T, q *Query, p []Day) {
			for _, d := range p[:q.Days] {
				if tr := str(d, "transportation"); strings.HasPrefix(tr, "Taxi") {
					d["transportation"] = "Self-driving" + strings.TrimPrefix(tr, "Taxi")
					return
				}
			}
			t.Fatal("no taxi leg")
		}},
		{"minimum nights broken", 1, "is_valid_accommodation", func(t *testing.T, q *Query, p []Day) {
			a, ok := uniqueAcc(db, "Rockford", func(a Accommodation) bool { return a.MinNights <= 1 && a.Price <= 243 })
			if !ok {
				t.Fatal("no substitute")
			}
			p[1]["accommodation"] = a.Name + ", Rockford"
		}},
		{"budget exceeded by $1", 1, "valid_cost", func(t *testing.T, q *Query, p []Day) {
			q.Budget = e.Evaluate(q, p).TotalCost - 1
		}},
		{"stay forbids parties", 17, "valid_room_rule", func(t *testing.T, q *Query, p []Day) {
			swapStay(t, e, q, p, func(a Accommodation) bool { return strings.Contains(a.HouseRules, "No parties") })
		}},
		{"shared room for a private-room query", 29, "valid_room_type", func(t *testing.T, q *Query, p []Day) {
			swapStay(t, e, q, p, func(a Accommodation) bool { return a.RoomType != "Private room" })
		}},
		{"a required cuisine dropped", 16, "valid_cuisine", func(t *testing.T, q *Query, p []Day) {
			c0 := q.LocalConstraint.Cuisine[0]
			used := usedNames(p)
			for _, d := range p[:q.Days] {
				for _, m := range meals {
					v := str(d, m)
					name, city, ok := NameCity(v)
					if !ok || city == q.Org {
						continue
					}
					r, _ := db.FindRestaurant(name, city, Substring)
					if !strings.Contains(r.Cuisines, c0) {
						continue
					}
					replaced := false
					for _, s := range db.RestaurantsIn(city) {
						key := s.Name + ", " + city
						if !strings.Contains(s.Cuisines, c0) && s.Cost <= r.Cost && !used[key] && !strings.Contains(s.Name, ",") {
							if _, n := db.FindRestaurant(s.Name, city, Substring); n == 1 {
								d[m] = key
								used[key] = true
								replaced = true
								break
							}
						}
					}
					if !replaced {
						t.Fatalf("no substitute for %s", v)
					}
				}
			}
		}},
		{"self-driving for a no-self-driving query", 36, "valid_transportation", func(t *testing.T, q *Query, p []Day) {
			for _, d := range p[:q.Days] {
				if tr := str(d, "transportation"); strings.HasPrefix(tr, "Taxi") {
					d["transportation"] = "Self-driving" + strings.TrimPrefix(tr, "Taxi")
				}
			}
		}},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := cloneQuery(qs[tc.idx-1])
			p := clonePlan(t, ps[tc.idx-1].Plan)
			if r := e.Evaluate(&q, p); !r.Pass {
				t.Fatalf("original plan %d fails: %v", tc.idx, r.Failures())
			}
			tc.edit(t, &q, p)
			r := e.Evaluate(&q, p)
			got := failing(r)
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("failing checks %v, want exactly [%s]; failures %v", got, tc.want, r.Failures())
			}
			for _, f := range r.Failures() {
				if !strings.Contains(f, ": ") {
					t.Errorf("failure without detail: %q", f)
				}
			}
			seen[tc.want] = true
		})
	}
	for _, c := range append(CommonsenseChecks(), HardChecks()...) {
		if !seen[c.Key] {
			t.Errorf("no mutation test for %s", c.Name)
		}
	}
}

// swapStay replaces the first stay of the plan, for all its nights, by one
// that has property want but keeps the plan within budget and minimum
// nights (raising the budget if the new stay costs more), so that only the
// rule behind want is broken.
func swapStay(t *testing.T, e *Evaluator, q *Query, p []Day, want func(Accommodation) bool) {
	t.Helper()
	old := str(p[0], "accommodation")
	_, city, _ := NameCity(old)
	nights := 0
	for _, d := range p {
		if str(d, "accommodation") == old {
			nights++
		}
	}
	for _, a := range e.DB.AccommodationsIn(city) {
		if _, n := e.DB.FindAccommodation(a.Name, city, Substring); n != 1 || !want(a) || a.MinNights > float64(nights) {
			continue
		}
		trial := clonePlan(t, p)
		for _, d := range trial {
			if str(d, "accommodation") == old {
				d["accommodation"] = a.Name + ", " + city
			}
		}
		// Keep the budget satisfied so that only the rule behind want breaks.
		if r := e.Evaluate(q, trial); r.TotalCost > q.Budget {
			q.Budget = r.TotalCost
		}
		copy(p, trial)
		return
	}
	t.Fatal("no substitute stay")
}

func TestStrictCatches(t *testing.T) {
	db := mustDefault(t, FlightsReal)
	qs, ps := loadTrain(t)
	cases := []struct {
		name string
		idx  int
		want string
		edit func(q *Query, p []Day)
	}{
		{"flight on the wrong date", 1, "is_valid_information_in_sandbox", func(q *Query, p []Day) {
			q.Date = []string{"2022-03-17", "2022-03-18", "2022-03-19"}
		}},
		{"3-day trip to another city", 1, "is_reasonable_visiting_city", func(q *Query, p []Day) {
			q.Dest = "Chicago"
		}},
		{"meal in a city the traveller is not in", 1, "is_valid_information_in_current_city", func(q *Query, p []Day) {
			for _, r := range db.RestaurantsIn("St. Petersburg") {
				if r.Cost <= 29 && !strings.Contains(r.Name, ",") {
					p[1]["breakfast"] = r.Name + ", St. Petersburg"
					return
				}
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := cloneQuery(qs[tc.idx-1])
			p := clonePlan(t, ps[tc.idx-1].Plan)
			tc.edit(&q, p)
			loose := (&Evaluator{DB: db}).Evaluate(&q, p)
			if !loose.Pass {
				t.Fatalf("TravelPlanner mode should miss this, but fails: %v", loose.Failures())
			}
			strict := (&Evaluator{DB: db, Strict: true}).Evaluate(&q, p)
			got := failing(strict)
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("strict failing %v, want [%s]: %v", got, tc.want, strict.Failures())
			}
			t.Log(strict.Failures())
		})
	}
}

func TestStrictOnTrainPlans(t *testing.T) {
	db := mustDefault(t, FlightsReal)
	qs, ps := loadTrain(t)
	rep := (&Evaluator{DB: db, Strict: true}).Score(qs, ps)
	// One annotation is wrong under the strict reading: plan 42 visits San
	// Angelo and Houston attractions on days it stays in San Antonio.
	var failed []string
	for _, r := range rep.Plans {
		if !r.Pass {
			failed = append(failed, fmt.Sprint(r.Idx))
		}
	}
	if strings.Join(failed, ",") != "42" {
		t.Fatalf("strict failures on plans %v, want [42]", failed)
	}
}
