package travel

import (
	"fmt"
	"math"
	"strings"
)

// CheckInfo names one of the evaluator's 13 checks: Key is the name in
// TravelPlanner's code, Name the one in its paper.
type CheckInfo struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// The checks, in the order plankit reports them.
func CommonsenseChecks() []CheckInfo {
	return []CheckInfo{
		{"is_valid_information_in_sandbox", "Within Sandbox"},
		{"is_not_absent", "Complete Information"},
		{"is_valid_information_in_current_city", "Within Current City"},
		{"is_reasonable_visiting_city", "Reasonable City Route"},
		{"is_valid_restaurants", "Diverse Restaurants"},
		{"is_valid_attractions", "Diverse Attractions"},
		{"is_valid_transportation", "Non-conf. Transportation"},
		{"is_valid_accommodation", "Minimum Nights Stay"},
	}
}

// HardChecks are the hard-constraint checks, in reporting order.
func HardChecks() []CheckInfo {
	return []CheckInfo{
		{"valid_cost", "Budget"},
		{"valid_room_rule", "Room Rule"},
		{"valid_room_type", "Room Type"},
		{"valid_cuisine", "Cuisine"},
		{"valid_transportation", "Transportation"},
	}
}

// Failure is one reason a check failed.
type Failure struct {
	Day  int    `json:"day,omitempty"` // 1-based; 0 for the whole plan
	Item string `json:"item,omitempty"`
	Msg  string `json:"message"`
}

func (f Failure) String() string {
	var b strings.Builder
	if f.Day > 0 {
		fmt.Fprintf(&b, "day %d: ", f.Day)
	}
	if f.Item != "" {
		fmt.Fprintf(&b, "%q: ", f.Item)
	}
	b.WriteString(f.Msg)
	return b.String()
}

// Verdict is the outcome of one check on one plan. Pass is nil when the check
// does not apply (a hard constraint the query does not set) or was not run
// (hard checks of a plan that failed Complete Information or Within Sandbox).
type Verdict struct {
	CheckInfo
	Pass     *bool     `json:"pass"`
	Failures []Failure `json:"failures,omitempty"`
}

// Passed reports a definite pass.
func (v Verdict) Passed() bool { return v.Pass != nil && *v.Pass }

// Failed reports a definite failure.
func (v Verdict) Failed() bool { return v.Pass != nil && !*v.Pass }

// PlanResult is the evaluation of one plan.
type PlanResult struct {
	Idx         int       `json:"idx"`
	Delivered   bool      `json:"delivered"`
	Commonsense []Verdict `json:"commonsense,omitempty"`
	// HardRun is false when the hard checks were gated off.
	HardRun bool      `json:"hard_run"`
	Hard    []Verdict `json:"hard,omitempty"`
	// TotalCost is the evaluator's cost of the plan (computed even when the
	// hard checks are gated off).
	TotalCost        float64 `json:"total_cost"`
	Budget           float64 `json:"budget"`
	CommonsensePass  bool    `json:"commonsense_pass"`
	HardPass         bool    `json:"hard_pass"`
	Pass             bool    `json:"pass"`
	DeliveredWarning string  `json:"warning,omitempty"`
}

// Failures lists every failure of the plan as "Check: day N: item: message".
func (r PlanResult) Failures() []string {
	var out []string
	for _, vs := range [][]Verdict{r.Commonsense, r.Hard} {
		for _, v := range vs {
			if !v.Failed() {
				continue
			}
			if len(v.Failures) == 0 {
				out = append(out, v.Name)
			}
			for _, f := range v.Failures {
				out = append(out, v.Name+": "+f.String())
			}
		}
	}
	return out
}

// Evaluator scores plans against queries.
type Evaluator struct {
	DB *DB
	// Strict adds the checks TravelPlanner's evaluator misses (see
	// StrictRules) and drops its quirks.
	Strict bool
}

// StrictRules documents what Strict changes, one line each.
func StrictRules() []string {
	return []string{
		"Within Sandbox: a flight must fly that day's route on that day's date (TravelPlanner checks number and route, not the date).",
		"Within Sandbox, hard checks: names must equal a database name exactly (TravelPlanner accepts any name that is a substring of one, and takes the first such row).",
		"Within Current City: on non-travel days every meal, attraction and the accommodation must be in the current city (TravelPlanner compares single characters of the city name), on travel days in A or B exactly, the accommodation in B, and a non-travel day has no transportation.",
		"Within Current City: on a flight day a meal in the destination needs the flight to arrive by the meal's end (breakfast 10:00, lunch 15:00, dinner 22:00), a meal in the origin needs it to leave after the meal's start (5:00, 10:00, 17:00).",
		"Reasonable City Route: the trip starts at org even when day 1 is not a travel day, and a trip to a city (3-day queries) must visit dest (TravelPlanner does not check the destination of 3-day trips).",
		"Diverse Restaurants and Attractions: items are compared by parsed name and city, not by raw string; an attraction list without its trailing ';' keeps its last item, and empty items are ignored.",
		"Minimum Nights Stay: applies whenever the stay matches a database row (TravelPlanner only checks when exactly one row matches).",
		"Cuisine: every meal outside org counts (TravelPlanner skips the rest of a day after a breakfast or lunch in org).",
	}
}

// Quirks documents TravelPlanner behaviours that plankit reproduces in its
// default mode, one line each.
func Quirks() []string {
	return []string{
		"Names are matched by case-sensitive substring within the exact city, and the first matching row is used for prices and rules.",
		"Flight dates are not checked; a flight is valid if its number flies the stated route on any date. Its price is looked up by number only.",
		"Attractions are split on ';' and the text after the last ';' is dropped, so a list without a trailing ';' loses its last item.",
		"Within Current City on non-travel days tests single characters of the city name, so it almost always passes.",
		"3-day trips are not checked to visit dest; 5/7-day trips must stay in dest's state.",
		"Minimum nights are checked only when exactly one database row matches the stay's name.",
		"Cuisine coverage skips the rest of a day once a breakfast or lunch is in org.",
		"Hard checks run only when Complete Information and Within Sandbox pass; otherwise they count as not run.",
		"Hard micro denominator = #queries (budget) + non-null house rule, cuisine, room type of medium queries + all four of hard queries.",
		"Where TravelPlanner's evaluator would crash (a missing current_city, an unparsable transport string), plankit fails the check with a message instead.",
	}
}

func boolp(b bool) *bool { return &b }

type checker struct {
	e     *Evaluator
	q     *Query
	plan  []Day
	n     int
	match Match
}

func (c *checker) day(i int) Day {
	if c.plan[i] == nil {
		return Day{}
	}
	return c.plan[i]
}

// Evaluate scores one plan (nil when not delivered) against q.
func (e *Evaluator) Evaluate(q *Query, plan []Day) PlanResult {
	res := PlanResult{Idx: q.Idx, Budget: q.Budget}
	if len(plan) == 0 {
		return res
	}
	res.Delivered = true
	c := &checker{e: e, q: q, plan: plan, n: min(q.Days, len(plan)), match: Substring}
	if e.Strict {
		c.match = Exact
	}
	cs := CommonsenseChecks()
	fns := []func() []Failure{c.sandbox, c.complete, c.currentCity, c.route, c.restaurants, c.attractions, c.transportConflict, c.minNights}
	res.CommonsensePass = true
	for i, info := range cs {
		fs := fns[i]()
		v := Verdict{CheckInfo: info, Pass: boolp(len(fs) == 0), Failures: fs}
		if len(fs) > 0 {
			res.CommonsensePass = false
		}
		res.Commonsense = append(res.Commonsense, v)
	}
	res.TotalCost = c.totalCost()
	gate := res.Commonsense[0].Passed() && res.Commonsense[1].Passed()
	hard := HardChecks()
	if !gate {
		for _, info := range hard {
			res.Hard = append(res.Hard, Verdict{CheckInfo: info})
		}
		return res
	}
	res.HardRun = true
	res.HardPass = true
	hfns := []func() (bool, []Failure){c.budget, c.roomRule, c.roomType, c.cuisine, c.transportRule}
	for i, info := range hard {
		applies, fs := hfns[i]()
		v := Verdict{CheckInfo: info, Failures: fs}
		if applies {
			v.Pass = boolp(len(fs) == 0)
			if len(fs) > 0 {
				res.HardPass = false
			}
		}
		res.Hard = append(res.Hard, v)
	}
	res.Pass = res.CommonsensePass && res.HardPass
	return res
}

// routeCities lists the cities of the plan's days as the evaluator does
// (a travel day "from A to B" adds A and B). It fails when day 1 travels
// from somewhere other than org.
func (c *checker) routeCities() ([]string, []Failure) {
	var cities []string
	for i := 0; i < c.n; i++ {
		cv, present, _ := c.day(i).value("current_city")
		if !present {
			return nil, []Failure{{Day: i + 1, Msg: "no current_city"}}
		}
		if strings.Contains(cv, "from") {
			a, b, ok := ExtractFromTo(cv)
			if !ok {
				return nil, []Failure{{Day: i + 1, Item: cv, Msg: "current_city has 'from' but no 'from A to B'"}}
			}
			a, b = BeforeParen(a), BeforeParen(b)
			if i == 0 && a != c.q.Org {
				return nil, []Failure{{Day: 1, Item: cv, Msg: fmt.Sprintf("the trip should start from %s", c.q.Org)}}
			}
			cities = append(cities, a, b)
		} else {
			cities = append(cities, BeforeParen(cv))
		}
	}
	return cities, nil
}

func (c *checker) route() []Failure {
	cities, fs := c.routeCities()
	if fs != nil {
		return fs
	}
	if len(cities) == 0 {
		return []Failure{{Msg: "no days"}}
	}
	var out []Failure
	if c.e.Strict && cities[0] != c.q.Org {
		out = append(out, Failure{Day: 1, Item: cities[0], Msg: fmt.Sprintf("the trip should start from %s", c.q.Org)})
	}
	if cities[0] != cities[len(cities)-1] {
		out = append(out, Failure{Msg: fmt.Sprintf("the trip should be a closed circle (starts in %s, ends in %s)", cities[0], cities[len(cities)-1])})
	}
	if !validCitySequence(cities) {
		out = append(out, Failure{Msg: "the city sequence is invalid: " + strings.Join(cities, " → ")})
	}
	_, destIsCity := c.e.DB.State(c.q.Dest)
	for i, city := range cities {
		st, ok := c.e.DB.State(city)
		if !ok {
			out = append(out, Failure{Item: city, Msg: "not a valid city"})
			continue
		}
		if i == 0 || i == len(cities)-1 {
			continue
		}
		if c.q.Days > 3 && st != c.q.Dest {
			out = append(out, Failure{Item: city, Msg: fmt.Sprintf("not in %s", c.q.Dest)})
		}
		if c.e.Strict && c.q.Days <= 3 && destIsCity && city != c.q.Dest {
			out = append(out, Failure{Item: city, Msg: fmt.Sprintf("the trip should visit %s", c.q.Dest)})
		}
	}
	return out
}

// validCitySequence: at least 3 entries; every city other than the first and
// last appears in one consecutive block of at least 2 and never again.
func validCitySequence(cities []string) bool {
	if len(cities) < 3 {
		return false
	}
	seen := map[string]bool{}
	for i := 0; i < len(cities); {
		city := cities[i]
		if seen[city] && i != 0 && i != len(cities)-1 {
			return false
		}
		run := 0
		for i < len(cities) && cities[i] == city {
			run++
			i++
		}
		if run == 1 && i-1 > 0 && i-1 < len(cities)-1 {
			return false
		}
		seen[city] = true
	}
	return true
}

var meals = []string{"breakfast", "lunch", "dinner"}

// itemKey is how repeated restaurants and attractions are compared.
func (c *checker) itemKey(s string) string {
	if !c.e.Strict {
		return s
	}
	if name, city, ok := NameCity(s); ok {
		return name + "\x00" + city
	}
	return strings.TrimSpace(s)
}

func (c *checker) restaurants() []Failure {
	seen := map[string]string{}
	var out []Failure
	for i := 0; i < c.n; i++ {
		for _, m := range meals {
			v, ok := c.day(i).filled(m)
			if !ok {
				continue
			}
			k := c.itemKey(v)
			if prev, dup := seen[k]; dup {
				out = append(out, Failure{Day: i + 1, Item: v, Msg: fmt.Sprintf("%s repeats the restaurant of %s", m, prev)})
				continue
			}
			seen[k] = fmt.Sprintf("day %d %s", i+1, m)
		}
	}
	return out
}

// attractionItems splits a day's attraction field under the mode's rules.
func (c *checker) attractionItems(s string) []string {
	items, last := SplitAttractions(s)
	if !c.e.Strict {
		return items
	}
	var out []string
	for _, it := range append(items, last) {
		if t := strings.TrimSpace(it); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func (c *checker) attractions() []Failure {
	seen := map[string]int{}
	var out []Failure
	for i := 0; i < c.n; i++ {
		v, ok := c.day(i).filled("attraction")
		if !ok {
			continue
		}
		for _, it := range c.attractionItems(v) {
			k := c.itemKey(it)
			if prev, dup := seen[k]; dup {
				out = append(out, Failure{Day: i + 1, Item: it, Msg: fmt.Sprintf("attraction repeated (first on day %d)", prev)})
				continue
			}
			seen[k] = i + 1
		}
	}
	return out
}

func (c *checker) transportConflict() []Failure {
	first, ok := c.day(0).filled("transportation")
	if !ok {
		return []Failure{{Day: 1, Msg: "the transportation of day 1 should not be empty"}}
	}
	kinds := map[string]int{TransportKind(first): 1}
	for i := 0; i < c.n; i++ {
		if v, ok := c.day(i).filled("transportation"); ok {
			if k := TransportKind(v); kinds[k] == 0 {
				kinds[k] = i + 1
			}
		}
	}
	var out []Failure
	if kinds["Self-driving"] > 0 && kinds["Flight"] > 0 {
		out = append(out, Failure{Day: max(kinds["Self-driving"], kinds["Flight"]), Msg: "self-driving and flights are both used"})
	}
	if kinds["Self-driving"] > 0 && kinds["Taxi"] > 0 {
		out = append(out, Failure{Day: max(kinds["Self-driving"], kinds["Taxi"]), Msg: "self-driving and taxis are both used"})
	}
	return out
}

func (c *checker) minNights() []Failure {
	var stays []string
	for i := 0; i < c.n; i++ {
		v, present, _ := c.day(i).value("accommodation")
		if !present {
			return []Failure{{Day: i + 1, Msg: "no accommodation info"}}
		}
		if _, isNull := c.day(i)["accommodation"].(string); !isNull {
			v = "-" // TravelPlanner's evaluator would crash on a non-string stay
		}
		stays = append(stays, v)
	}
	var out []Failure
	for i := 0; i < len(stays); {
		j := i
		for j < len(stays) && stays[j] == stays[i] {
			j++
		}
		s := stays[i]
		if s != "-" && s != "" {
			name, city, _ := NameCity(s)
			row, n := c.e.DB.FindAccommodation(name, city, c.match)
			applies := n == 1
			if c.e.Strict {
				applies = n >= 1
			}
			if applies && float64(j-i) < row.MinNights {
				out = append(out, Failure{Day: i + 1, Item: s, Msg: fmt.Sprintf("%d night(s), below the minimum of %g", j-i, row.MinNights)})
			}
		}
		i = j
	}
	return out
}

// dayCities returns the cities of a day: [A, B] on a travel day, [C]
// otherwise, with travel reporting whether it is a travel day.
func (c *checker) dayCities(i int) (cities []string, travel bool, fail *Failure) {
	cc, present, _ := c.day(i).value("current_city")
	if !present {
		return nil, false, &Failure{Day: i + 1, Msg: "no current_city"}
	}
	if strings.Contains(cc, "from") {
		a, b, ok := ExtractFromTo(cc)
		if !ok {
			return nil, false, &Failure{Day: i + 1, Item: cc, Msg: "current_city has 'from' but no 'from A to B'"}
		}
		return []string{BeforeParen(a), BeforeParen(b)}, true, nil
	}
	return []string{BeforeParen(cc)}, false, nil
}

func (c *checker) currentCity() []Failure {
	if c.e.Strict {
		return c.currentCityStrict()
	}
	var out []Failure
	for i := 0; i < c.n; i++ {
		cities, travel, fail := c.dayCities(i)
		if fail != nil {
			out = append(out, *fail)
			continue
		}
		// On a non-travel day TravelPlanner iterates over the characters of
		// the city name; reproduce that.
		units := cities
		if !travel {
			units = nil
			for _, r := range cities[0] {
				units = append(units, string(r))
			}
		}
		d := c.day(i)
		if t, ok := d.filled("transportation"); ok {
			for _, u := range units {
				if !strings.Contains(t, u) {
					out = append(out, Failure{Day: i + 1, Item: t, Msg: fmt.Sprintf("transportation does not mention %s", u)})
					break
				}
			}
		}
		anyIn := func(s string) bool {
			for _, u := range units {
				if strings.Contains(s, u) {
					return true
				}
			}
			return false
		}
		for _, m := range meals {
			if v, ok := d.filled(m); ok && !anyIn(v) {
				out = append(out, Failure{Day: i + 1, Item: v, Msg: m + " is not in the current city"})
			}
		}
		if v, ok := d.filled("attraction"); ok {
			items, _ := SplitAttractions(v)
			for _, it := range items {
				if !anyIn(it) {
					out = append(out, Failure{Day: i + 1, Item: it, Msg: "attraction is not in the current city"})
				}
			}
		}
		if v, ok := d.filled("accommodation"); ok {
			if len(units) == 0 || !strings.Contains(v, units[len(units)-1]) {
				out = append(out, Failure{Day: i + 1, Item: v, Msg: "accommodation is not in the current city"})
			}
		}
	}
	return out
}

// Meal windows for the strict timing rule, in minutes after midnight.
var mealWindow = map[string][2]int{"breakfast": {5 * 60, 10 * 60}, "lunch": {10 * 60, 15 * 60}, "dinner": {17 * 60, 22 * 60}}

func (c *checker) currentCityStrict() []Failure {
	var out []Failure
	for i := 0; i < c.n; i++ {
		cities, travel, fail := c.dayCities(i)
		if fail != nil {
			out = append(out, *fail)
			continue
		}
		d := c.day(i)
		in := func(city string) bool {
			for _, x := range cities {
				if x == city {
					return true
				}
			}
			return false
		}
		t, hasT := d.filled("transportation")
		dep, arr, timed := -1, -1, false
		if travel {
			if hasT {
				if a, b, ok := ExtractFromTo(t); ok && (BeforeParen(a) != cities[0] || strings.TrimSpace(BeforeParen(b)) != cities[1]) {
					out = append(out, Failure{Day: i + 1, Item: t, Msg: fmt.Sprintf("transportation does not go from %s to %s", cities[0], cities[1])})
				}
				if strings.Contains(strings.ToLower(t), "flight number") {
					dep, arr, timed = FlightTimes(t)
				}
			}
		} else if hasT {
			out = append(out, Failure{Day: i + 1, Item: t, Msg: "transportation on a day without travel"})
		}
		for _, m := range meals {
			v, ok := d.filled(m)
			if !ok {
				continue
			}
			_, city, ok := NameCity(v)
			switch {
			case !ok || !in(city):
				out = append(out, Failure{Day: i + 1, Item: v, Msg: fmt.Sprintf("%s is not in %s", m, strings.Join(cities, " or "))})
			case travel && timed && city == cities[1] && city != cities[0] && arr > mealWindow[m][1]:
				out = append(out, Failure{Day: i + 1, Item: v, Msg: fmt.Sprintf("%s in %s, but the flight arrives at %s", m, city, clock(arr))})
			case travel && timed && city == cities[0] && city != cities[1] && dep < mealWindow[m][0]:
				out = append(out, Failure{Day: i + 1, Item: v, Msg: fmt.Sprintf("%s in %s, but the flight leaves at %s", m, city, clock(dep))})
			}
		}
		if v, ok := d.filled("attraction"); ok {
			for _, it := range c.attractionItems(v) {
				if _, city, ok := NameCity(it); !ok || !in(city) {
					out = append(out, Failure{Day: i + 1, Item: it, Msg: "attraction is not in " + strings.Join(cities, " or ")})
				}
			}
		}
		if v, ok := d.filled("accommodation"); ok {
			if _, city, ok := NameCity(v); !ok || city != cities[len(cities)-1] {
				out = append(out, Failure{Day: i + 1, Item: v, Msg: "accommodation is not in " + cities[len(cities)-1]})
			}
		}
	}
	return out
}

// legCities returns the from/to cities of a transportation string, falling
// back to current_city, as the evaluator does.
func (c *checker) legCities(d Day, t string) (string, string, bool) {
	a, b, ok := ExtractFromTo(t)
	if !ok {
		cc, _, _ := d.value("current_city")
		a, b, ok = ExtractFromTo(cc)
	}
	if !ok {
		return "", "", false
	}
	return BeforeParen(a), BeforeParen(b), true
}

func (c *checker) sandbox() []Failure {
	db := c.e.DB
	var out []Failure
	for i := 0; i < c.n; i++ {
		d := c.day(i)
		if _, present, _ := d.value("transportation"); !present {
			out = append(out, Failure{Day: i + 1, Msg: "no transportation"})
		}
		if t, ok := d.filled("transportation"); ok {
			lt := strings.ToLower(t)
			a, b, parsed := c.legCities(d, t)
			switch {
			case strings.Contains(lt, "flight number"):
				num, hasNum := FlightNumberOf(t)
				switch {
				case !parsed:
					out = append(out, Failure{Day: i + 1, Item: t, Msg: "flight without 'from A to B'"})
				case !hasNum:
					out = append(out, Failure{Day: i + 1, Item: t, Msg: "no 'Flight Number: ' in the flight"})
				default:
					f, ok := db.FlightOnRoute(num, a, b)
					switch {
					case !ok:
						out = append(out, Failure{Day: i + 1, Item: t, Msg: fmt.Sprintf("no flight %s from %s to %s in the database", num, a, b)})
					case c.e.Strict && i < len(c.q.Date) && f.Date != c.q.Date[i]:
						out = append(out, Failure{Day: i + 1, Item: t, Msg: fmt.Sprintf("flight %s flies on %s, not on %s", num, f.Date, c.q.Date[i])})
					}
				}
			case strings.Contains(lt, "self-driving") || strings.Contains(lt, "taxi"):
				mode := "taxi"
				if strings.Contains(lt, "self-driving") {
					mode = "self-driving"
				}
				if !parsed {
					a, b = "-", "-"
				}
				if l, ok := db.Leg(BeforeParen(a), BeforeParen(b)); !ok || !l.Valid {
					out = append(out, Failure{Day: i + 1, Item: t, Msg: fmt.Sprintf("no valid %s route from %s to %s in the database", mode, a, b)})
				}
			}
		}
		for _, m := range meals {
			if v, ok := d.filled(m); ok {
				name, city, _ := NameCity(v)
				if _, n := db.FindRestaurant(name, city, c.match); n < 1 {
					out = append(out, Failure{Day: i + 1, Item: v, Msg: m + " is not in the database"})
				}
			}
		}
		if v, ok := d.filled("attraction"); ok {
			for _, it := range c.attractionItems(v) {
				name, city, _ := NameCity(it)
				if _, n := db.FindAttraction(name, city, c.match); n < 1 {
					out = append(out, Failure{Day: i + 1, Item: it, Msg: "attraction is not in the database"})
				}
			}
		}
		if v, ok := d.filled("accommodation"); ok {
			name, city, _ := NameCity(v)
			if _, n := db.FindAccommodation(name, city, c.match); n < 1 {
				out = append(out, Failure{Day: i + 1, Item: v, Msg: "accommodation is not in the database"})
			}
		}
	}
	return out
}

const placeholderDay = "You don't need to fill in the information for this or later days."

var dayKeys = []string{"transportation", "breakfast", "lunch", "dinner", "attraction", "accommodation"}

func (c *checker) complete() []Failure {
	q := c.q
	// Days that hold something.
	filledDays := 0
	for i := 0; i < c.n; i++ {
		d := c.plan[i]
		if len(d) == 0 {
			continue
		}
		cc, present, _ := d.value("current_city")
		if !present {
			return []Failure{{Day: i + 1, Msg: "no current_city"}}
		}
		if cc != placeholderDay {
			filledDays++
		}
	}
	if filledDays != q.Days {
		return []Failure{{Msg: fmt.Sprintf("%d days planned, the query asks for %d", filledDays, q.Days)}}
	}
	cities, fs := c.routeCities()
	if fs != nil {
		return fs
	}
	visited := map[string]bool{}
	for _, city := range cities {
		if city != q.Org {
			visited[city] = true
		}
	}
	if len(visited) != q.VisitingCityNumber {
		return []Failure{{Msg: fmt.Sprintf("%d cities visited, the query asks for %d", len(visited), q.VisitingCityNumber)}}
	}
	var out []Failure
	given := 0
	for i := 0; i < c.n; i++ {
		d := c.day(i)
		missing := false
		for _, k := range dayKeys {
			if _, present, _ := d.value(k); !present {
				out = append(out, Failure{Day: i + 1, Msg: "no " + k})
				missing = true
			}
		}
		if missing {
			continue
		}
		cc, _, _ := d.value("current_city")
		empty := func(k string) bool {
			s, ok := d[k].(string)
			return ok && (s == "" || s == "-")
		}
		if (strings.Contains(cc, "from ") || strings.Contains(cc, "to ")) && empty("transportation") {
			out = append(out, Failure{Day: i + 1, Msg: "a travel day needs transportation"})
		}
		if !strings.Contains(cc, "from ") && !strings.Contains(cc, " to ") && empty("attraction") {
			out = append(out, Failure{Day: i + 1, Msg: "a day without travel needs an attraction"})
		}
		if i != q.Days-1 && empty("accommodation") {
			out = append(out, Failure{Day: i + 1, Msg: "every day but the last needs accommodation"})
		}
		if (empty("breakfast") || empty("lunch") || empty("dinner")) && !strings.Contains(cc, "from ") {
			out = append(out, Failure{Day: i + 1, Msg: "a day without travel needs breakfast, lunch and dinner"})
		}
		for k := range d {
			if _, ok := d.filled(k); ok {
				given++
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	if float64(given)/float64(6*q.Days) < 0.5 {
		return []Failure{{Msg: "more than half of the information is missing"}}
	}
	return nil
}

// cost helpers

func (c *checker) flightFor(i int, t string, a, b string) (Flight, bool) {
	num, ok := FlightNumberOf(t)
	if !ok {
		return Flight{}, false
	}
	if c.e.Strict {
		f, ok := c.e.DB.FlightOnRoute(num, a, b)
		return f, ok
	}
	return c.e.DB.FlightByNumber(num)
}

func (c *checker) totalCost() float64 {
	db, q := c.e.DB, c.q
	p := float64(q.PeopleNumber)
	total := 0.0
	for i := 0; i < c.n; i++ {
		d := c.day(i)
		if t, ok := d.filled("transportation"); ok {
			lt := strings.ToLower(t)
			if a, b, ok := c.legCities(d, t); ok {
				switch {
				case strings.Contains(lt, "flight number"):
					if f, ok := c.flightFor(i, t, a, b); ok {
						total += f.Price * p
					}
				case strings.Contains(lt, "self-driving"):
					if l, ok := db.Leg(BeforeParen(a), BeforeParen(b)); ok && l.Valid {
						total += float64(l.SelfDrivingCost()) * math.Ceil(p/5)
					}
				case strings.Contains(lt, "taxi"):
					if l, ok := db.Leg(BeforeParen(a), BeforeParen(b)); ok && l.Valid {
						total += float64(l.TaxiCost()) * math.Ceil(p/4)
					}
				}
			}
		}
		for _, m := range meals {
			if v, ok := d.filled(m); ok {
				name, city, _ := NameCity(v)
				if r, n := db.FindRestaurant(name, city, c.match); n > 0 {
					total += r.Cost * p
				}
			}
		}
		if v, ok := d.filled("accommodation"); ok {
			name, city, _ := NameCity(v)
			if a, n := db.FindAccommodation(name, city, c.match); n > 0 {
				total += a.Price * math.Ceil(p/a.MaxOccupancy)
			}
		}
	}
	return total
}

func (c *checker) budget() (bool, []Failure) {
	cost := c.totalCost()
	if cost <= c.q.Budget {
		return true, nil
	}
	return true, []Failure{{Msg: fmt.Sprintf("total cost $%s exceeds the budget $%s by $%s", money(cost), money(c.q.Budget), money(cost-c.q.Budget))}}
}

func money(x float64) string {
	if x == math.Trunc(x) {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.2f", x)
}

// stays calls fn with each day's accommodation row that matches.
func (c *checker) stays(fn func(day int, s string, a Accommodation)) {
	for i := 0; i < c.n; i++ {
		if v, ok := c.day(i).filled("accommodation"); ok {
			name, city, _ := NameCity(v)
			if a, n := c.e.DB.FindAccommodation(name, city, c.match); n > 0 {
				fn(i+1, v, a)
			}
		}
	}
}

var ruleText = map[string]string{"smoking": "No smoking", "parties": "No parties", "children under 10": "No children under 10", "visitors": "No visitors", "pets": "No pets"}

func (c *checker) roomRule() (bool, []Failure) {
	hr := c.q.LocalConstraint.HouseRule
	if hr == nil {
		return false, nil
	}
	var out []Failure
	c.stays(func(day int, s string, a Accommodation) {
		if t, ok := ruleText[*hr]; ok && strings.Contains(a.HouseRules, t) {
			out = append(out, Failure{Day: day, Item: s, Msg: fmt.Sprintf("house rules %q forbid %s", a.HouseRules, *hr)})
		}
	})
	return true, out
}

func (c *checker) roomType() (bool, []Failure) {
	rt := c.q.LocalConstraint.RoomType
	if rt == nil {
		return false, nil
	}
	var out []Failure
	c.stays(func(day int, s string, a Accommodation) {
		bad := false
		switch *rt {
		case "not shared room":
			bad = a.RoomType == "Shared room"
		case "shared room":
			bad = a.RoomType != "Shared room"
		case "private room":
			bad = a.RoomType != "Private room"
		case "entire room":
			bad = a.RoomType != "Entire home/apt"
		}
		if bad {
			out = append(out, Failure{Day: day, Item: s, Msg: fmt.Sprintf("room type is %s, the query asks for %s", a.RoomType, *rt)})
		}
	})
	return true, out
}

func (c *checker) cuisine() (bool, []Failure) {
	want := c.q.LocalConstraint.Cuisine
	if len(want) == 0 {
		return false, nil
	}
	got := map[string]bool{}
	for i := 0; i < c.n; i++ {
		d := c.day(i)
		for _, m := range meals {
			v, ok := d.filled(m)
			if !ok {
				continue
			}
			name, city, _ := NameCity(v)
			if city == c.q.Org {
				if c.e.Strict {
					continue
				}
				break // TravelPlanner's `continue` leaves the day's loop body
			}
			if r, n := c.e.DB.FindRestaurant(name, city, c.match); n > 0 {
				for _, w := range want {
					if strings.Contains(r.Cuisines, w) {
						got[w] = true
					}
				}
			}
		}
	}
	var out []Failure
	for _, w := range want {
		if !got[w] {
			out = append(out, Failure{Item: w, Msg: "no meal outside " + c.q.Org + " serves this cuisine"})
		}
	}
	return true, out
}

func (c *checker) transportRule() (bool, []Failure) {
	tr := c.q.LocalConstraint.Transportation
	if tr == nil {
		return false, nil
	}
	var out []Failure
	for i := 0; i < c.n; i++ {
		t, ok := c.day(i).filled("transportation")
		if !ok {
			continue
		}
		if (*tr == "no flight" && strings.Contains(t, "Flight")) || (*tr == "no self-driving" && strings.Contains(t, "Self-driving")) {
			out = append(out, Failure{Day: i + 1, Item: t, Msg: "the query asks for " + *tr})
		}
	}
	return true, out
}
