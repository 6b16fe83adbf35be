package travel

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// ErrGenerate is wrapped by Generate's errors.
var ErrGenerate = errors.New("travel: generate")

// GenOptions controls Generate.
type GenOptions struct {
	// N is the number of queries, 1 to MaxGenerate.
	N int `json:"n"`
	// Level is "easy", "medium", "hard", or "all" (or "") to cycle through
	// the three.
	Level string `json:"level,omitempty"`
	// Days is 3, 5 or 7, or 0 to cycle through the three.
	Days int `json:"days,omitempty"`
	// Seed makes the output reproducible: the same database, options and
	// seed give the same queries.
	Seed uint64 `json:"seed"`
}

// MaxGenerate bounds GenOptions.N.
const MaxGenerate = 100000

// Budget multipliers of TravelPlanner's levels (applied to the high
// estimate, see Generate).
var genLevelFactor = map[string]float64{"easy": 1, "medium": 0.75, "hard": 0.5}

// genCuisines are the cuisines TravelPlanner's generator draws from.
var genCuisines = []string{"Chinese", "American", "Italian", "Mexican", "Indian", "Mediterranean", "French"}

// Generate samples queries the way TravelPlanner's generator does
// (utils/query_element_selection.py), checked against db, each with an
// English request (field Query) that ParseText reads back to the same
// fields. Records are numbered from 1 (Idx). With Level "all" and Days 0
// the records cycle through the nine (level, days) cells.
//
// Rules: days 3, 5 or 7 with visiting_city_number 1, 2 or 3; dates are
// consecutive, starting uniformly on 2022-03-01 … 2022-03-31. A 3-day trip
// goes to a city; a 5- or 7-day trip to a state with at least
// visiting_city_number eligible cities: a city is eligible when it has an
// accommodation that the query's room type and house rule allow with
// minimum nights ≤ 2, at least 6 restaurants (9 for a 3-day destination)
// and 2 attractions; with a cuisine constraint a 3-day destination must
// serve every cuisine, a state's eligible cities together. org is a city of
// another state, and a route must connect them (below). people_number is 1
// for easy, otherwise 2 or uniformly 3–8, each half the time. Medium adds
// exactly one of house rule, cuisine (2 of TravelPlanner's 7 cuisines) and
// room type; hard adds 3 distinct of house rule, cuisine (4 cuisines), room
// type and transportation, drawn without replacement with weights .3, .1,
// .3, .3. Room types for more than 2 people are only "private room" or
// "entire room". Samples that fail a check are redrawn, and duplicates are
// skipped.
//
// Budget (E = the eligible destination cities, k = visiting_city_number,
// P = people, nights = days − 1). Transport is priced on every route
// org → c1 → … → ck → org through distinct cities of E (first leg on day 1,
// last leg on the last day, middle legs on their cheapest middle day) in
// the two families a plan may use: all self-driving (car cost × ⌈P/5⌉ a
// leg), or flights and taxis (a leg costs the cheaper of ticket × P and
// taxi cost × ⌈P/4⌉). Legs the query's transportation rule forbids are
// missing; a route with a missing leg does not count; with no route the
// sample is redrawn.
//
//	lowT  = min over routes and families, at the cheapest ticket
//	highT = min over families of the mean over their routes, at the mean ticket
//	low   = lowT + nights · (cheapest suitable night in E, price × ⌈P/occupancy⌉)
//	        + 3·(days − k − 1) · P · (mean cost of a city's cheapest
//	        restaurants, averaged over E)
//	high  = highT + P · (nights · mean suitable room price + 3·days · mean
//	        restaurant cost, averaged over E)
//	budget = round100(max(factor · high, 1.1 · low)), factor 1 / 0.75 / 0.5
//
// high follows TravelPlanner's estimate, which prices a room and every meal
// of the trip for each traveller, so that its level factors (hard budgets
// are tighter) still leave most queries feasible; the floor 1.1 × low keeps
// a budget from falling under a plain estimate of the cheapest trip.
// Neither is a proof of feasibility: most queries are feasible and some are
// tight or infeasible (the tests measure this with the solver).
func Generate(ctx context.Context, db *DB, opts GenOptions) ([]Query, error) {
	if opts.N < 1 || opts.N > MaxGenerate {
		return nil, fmt.Errorf("%w: n %d: want 1 to %d", ErrGenerate, opts.N, MaxGenerate)
	}
	var levels []string
	switch opts.Level {
	case "", "all":
		levels = []string{"easy", "medium", "hard"}
	case "easy", "medium", "hard":
		levels = []string{opts.Level}
	default:
		return nil, fmt.Errorf("%w: level %q: want easy, medium, hard or all", ErrGenerate, opts.Level)
	}
	var dayList []int
	switch opts.Days {
	case 0:
		dayList = []int{3, 5, 7}
	case 3, 5, 7:
		dayList = []int{opts.Days}
	default:
		return nil, fmt.Errorf("%w: days %d: want 3, 5, 7 or 0 for all", ErrGenerate, opts.Days)
	}
	if len(db.Cities) < 2 {
		return nil, fmt.Errorf("%w: the database has %d cities; a query needs two", ErrGenerate, len(db.Cities))
	}
	g := newGenerator(db, opts.Seed)
	seen := map[string]bool{}
	out := make([]Query, 0, opts.N)
	for i := 0; i < opts.N; i++ {
		level := levels[i%len(levels)]
		days := dayList[(i/len(levels))%len(dayList)]
		var q Query
		found := false
		for try := 0; try < genMaxTries; try++ {
			if try%64 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("%w: %w", ErrGenerate, err)
				}
			}
			var ok bool
			q, ok = g.sample(level, days)
			if !ok {
				continue
			}
			if k := genKey(q); !seen[k] {
				seen[k] = true
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: no new %s %d-day query after %d tries (the database may be too small)", ErrGenerate, level, days, genMaxTries)
		}
		q.Idx = i + 1
		q.Query = g.text(q)
		if err := q.Validate(db); err != nil {
			return nil, fmt.Errorf("%w: internal error: generated query %d: %w", ErrGenerate, q.Idx, err)
		}
		out = append(out, q)
	}
	return out, nil
}

const genMaxTries = 5000

func genKey(q Query) string {
	lc := q.LocalConstraint
	sp := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return fmt.Sprint(q.Org, "|", q.Dest, "|", q.Date, "|", q.PeopleNumber, "|", sp(lc.HouseRule), "|", lc.Cuisine, "|", sp(lc.RoomType), "|", sp(lc.Transportation), "|", q.Level)
}

// genCity is what the generator needs to know about one city.
type genCity struct {
	name, state string
	acc         []Accommodation
	restCosts   []float64 // sorted ascending
	cuisines    map[string]bool
	attractions int
}

type generator struct {
	db      *DB
	rng     *rand.Rand
	cities  map[string]*genCity
	states  []string // sorted
	flights map[[3]string]genFares
}

// genFares summarises the flights of a route and day.
type genFares struct {
	lo, mean float64
	n        int
}

// fares returns the cheapest and mean ticket from a to b on date, cached
// (the cache is bounded; it is cleared when it grows large).
func (g *generator) fares(a, b, date string) genFares {
	k := [3]string{a, b, date}
	if f, ok := g.flights[k]; ok {
		return f
	}
	var f genFares
	for _, fl := range g.db.FlightsOn(a, b, date) {
		if f.n == 0 || fl.Price < f.lo {
			f.lo = fl.Price
		}
		f.mean += fl.Price
		f.n++
	}
	if f.n > 0 {
		f.mean /= float64(f.n)
	}
	if len(g.flights) >= 1<<18 {
		clear(g.flights)
	}
	g.flights[k] = f
	return f
}

func newGenerator(db *DB, seed uint64) *generator {
	g := &generator{db: db, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), cities: map[string]*genCity{}, flights: map[[3]string]genFares{}}
	seenState := map[string]bool{}
	for _, c := range db.Cities {
		gc := &genCity{name: c, state: db.CityState[c], acc: db.AccommodationsIn(c), cuisines: map[string]bool{}, attractions: len(db.AttractionsIn(c))}
		for _, r := range db.RestaurantsIn(c) {
			gc.restCosts = append(gc.restCosts, r.Cost)
			for _, cu := range strings.Split(r.Cuisines, ",") {
				gc.cuisines[strings.TrimSpace(cu)] = true
			}
		}
		slices.Sort(gc.restCosts)
		g.cities[c] = gc
		if !seenState[gc.state] {
			seenState[gc.state] = true
			g.states = append(g.states, gc.state)
		}
	}
	slices.Sort(g.states)
	return g
}

// suitable returns the accommodations of c that a query's room type and
// house rule allow, with minimum nights ≤ 2.
func (g *generator) suitable(c *genCity, lc LocalConstraint) []Accommodation {
	var out []Accommodation
	for _, a := range c.acc {
		if a.MinNights > 2 {
			continue
		}
		if lc.RoomType != nil && !RoomTypeOK(*lc.RoomType, a.RoomType) {
			continue
		}
		if lc.HouseRule != nil && !HouseRuleOK(*lc.HouseRule, a.HouseRules) {
			continue
		}
		out = append(out, a)
	}
	return out
}

func (g *generator) eligible(c *genCity, lc LocalConstraint, minRest int) bool {
	return len(c.restCosts) >= minRest && c.attractions >= 2 && len(g.suitable(c, lc)) > 0
}

// sample draws one query of a level and length, or reports false when the
// draw fails a check.
func (g *generator) sample(level string, days int) (Query, bool) {
	r := g.rng
	q := Query{Days: days, VisitingCityNumber: (days - 1) / 2, Level: level, PeopleNumber: 1}
	start := time.Date(2022, 3, 1+r.IntN(31), 0, 0, 0, 0, time.UTC)
	for i := range days {
		q.Date = append(q.Date, start.AddDate(0, 0, i).Format("2006-01-02"))
	}
	if level != "easy" {
		if r.IntN(2) == 0 {
			q.PeopleNumber = 2
		} else {
			q.PeopleNumber = 3 + r.IntN(6)
		}
	}
	lc := &q.LocalConstraint
	var kinds []string
	switch level {
	case "medium":
		kinds = []string{[]string{"house rule", "cuisine", "room type"}[r.IntN(3)]}
	case "hard":
		kinds = genWeightedSample(r, []string{"house rule", "cuisine", "room type", "transportation"}, []float64{0.3, 0.1, 0.3, 0.3}, 3)
	}
	for _, k := range kinds {
		switch k {
		case "house rule":
			lc.HouseRule = Str(HouseRules[r.IntN(len(HouseRules))])
		case "cuisine":
			n := 2
			if level == "hard" {
				n = 4
			}
			perm := r.Perm(len(genCuisines))
			for _, i := range perm[:n] {
				lc.Cuisine = append(lc.Cuisine, genCuisines[i])
			}
		case "room type":
			if q.PeopleNumber <= 2 {
				lc.RoomType = Str(RoomTypes[r.IntN(len(RoomTypes))])
			} else {
				lc.RoomType = Str([]string{"private room", "entire room"}[r.IntN(2)])
			}
		case "transportation":
			lc.Transportation = Str(Transports[r.IntN(len(Transports))])
		}
	}
	// Destination and its eligible cities.
	var dest []*genCity
	if days == 3 {
		c := g.cities[g.db.Cities[r.IntN(len(g.db.Cities))]]
		if !g.eligible(c, *lc, 9) {
			return q, false
		}
		for _, cu := range lc.Cuisine {
			if !c.cuisines[cu] {
				return q, false
			}
		}
		q.Dest = c.name
		dest = []*genCity{c}
	} else {
		state := g.states[r.IntN(len(g.states))]
		covered := map[string]bool{}
		for _, name := range g.db.CitiesIn(state) {
			if c := g.cities[name]; g.eligible(c, *lc, 6) {
				dest = append(dest, c)
				for cu := range c.cuisines {
					covered[cu] = true
				}
			}
		}
		if len(dest) < q.VisitingCityNumber {
			return q, false
		}
		for _, cu := range lc.Cuisine {
			if !covered[cu] {
				return q, false
			}
		}
		q.Dest = state
	}
	orgName := g.db.Cities[r.IntN(len(g.db.Cities))]
	if g.db.CityState[orgName] == dest[0].state {
		return q, false
	}
	q.Org = orgName
	b, ok := g.budget(&q, dest)
	if !ok {
		return q, false
	}
	q.Budget = b
	return q, true
}

// genWeightedSample draws k distinct items, each draw proportional to the
// remaining weights (numpy.random.choice with replace=False).
func genWeightedSample(r *rand.Rand, items []string, weights []float64, k int) []string {
	items, weights = slices.Clone(items), slices.Clone(weights)
	var out []string
	for len(out) < k && len(items) > 0 {
		total := 0.0
		for _, w := range weights {
			total += w
		}
		x := r.Float64() * total
		i := 0
		for ; i < len(items)-1; i++ {
			if x < weights[i] {
				break
			}
			x -= weights[i]
		}
		out = append(out, items[i])
		items = slices.Delete(items, i, i+1)
		weights = slices.Delete(weights, i, i+1)
	}
	// Keep the canonical order of the kinds.
	order := []string{"house rule", "cuisine", "room type", "transportation"}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	return out
}

// genLeg is the cost of one leg for the group in the two transport
// families a plan may use (all self-driving, or flights and taxis), at the
// cheapest ticket (low) and the mean ticket (high); NaN when unavailable.
type genLeg struct {
	driveCost       float64
	flyLow, flyHigh float64
}

// leg prices a → b on the cheapest of dates.
func (g *generator) leg(a, b string, dates []string, p int, tr *string) genLeg {
	nan := math.NaN()
	l := genLeg{driveCost: nan, flyLow: nan, flyHigh: nan}
	taxi := nan
	if leg, ok := g.db.Leg(a, b); ok && leg.Valid {
		if tr == nil || *tr != "no self-driving" {
			l.driveCost = float64(leg.SelfDrivingCost()) * math.Ceil(float64(p)/5)
		}
		taxi = float64(leg.TaxiCost()) * math.Ceil(float64(p)/4)
	}
	for _, date := range dates {
		lo, hi := taxi, taxi
		if tr == nil || *tr != "no flight" {
			if f := g.fares(a, b, date); f.n > 0 {
				lo = genMinNaN(lo, f.lo*float64(p))
				hi = genMinNaN(hi, f.mean*float64(p))
			}
		}
		if !math.IsNaN(lo) && (math.IsNaN(l.flyLow) || lo < l.flyLow) {
			l.flyLow, l.flyHigh = lo, hi
		}
	}
	return l
}

func genMinNaN(a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return min(a, b)
}

// genAvg accumulates a mean and a minimum over available (non-NaN) values.
type genAvg struct {
	sum, lo float64
	n       int
}

func (a *genAvg) add(x float64) {
	if math.IsNaN(x) {
		return
	}
	if a.n == 0 || x < a.lo {
		a.lo = x
	}
	a.sum += x
	a.n++
}

func (a genAvg) mean() float64 { return a.sum / float64(a.n) }

// transport returns the low and high transport estimates over every route
// through k distinct cities of dest (see Generate), or false when no route
// is connected in either transport family.
func (g *generator) transport(q *Query, dest []*genCity) (low, high float64, ok bool) {
	p, k, tr := q.PeopleNumber, q.VisitingCityNumber, q.LocalConstraint.Transportation
	n := len(dest)
	first, last := q.Date[:1], q.Date[len(q.Date)-1:]
	middle := q.Date[1 : len(q.Date)-1]
	out, back := make([]genLeg, n), make([]genLeg, n)
	for i, c := range dest {
		out[i] = g.leg(q.Org, c.name, first, p, tr)
		back[i] = g.leg(c.name, q.Org, last, p, tr)
	}
	mid := make([][]genLeg, n)
	if k > 1 {
		for i, a := range dest {
			mid[i] = make([]genLeg, n)
			for j, b := range dest {
				if i != j {
					mid[i][j] = g.leg(a.name, b.name, middle, p, tr)
				}
			}
		}
	}
	var lowAll genAvg
	var drive, fly genAvg // high estimates per family
	route := make([]int, 0, k)
	used := make([]bool, n)
	var walk func()
	walk = func() {
		if len(route) == k {
			legs := []genLeg{out[route[0]]}
			for x := 1; x < k; x++ {
				legs = append(legs, mid[route[x-1]][route[x]])
			}
			legs = append(legs, back[route[k-1]])
			var d, fl, fh float64
			for _, l := range legs {
				d += l.driveCost
				fl += l.flyLow
				fh += l.flyHigh
			}
			lowAll.add(d)
			lowAll.add(fl)
			drive.add(d)
			fly.add(fh)
			return
		}
		for i := range n {
			if !used[i] {
				used[i] = true
				route = append(route, i)
				walk()
				route = route[:len(route)-1]
				used[i] = false
			}
		}
	}
	walk()
	if lowAll.n == 0 {
		return 0, 0, false
	}
	high = math.NaN()
	if drive.n > 0 {
		high = drive.mean()
	}
	if fly.n > 0 {
		high = genMinNaN(high, fly.mean())
	}
	return lowAll.lo, high, true
}

// budget computes the documented budget, or false when no transport route
// connects org with the destination.
func (g *generator) budget(q *Query, dest []*genCity) (float64, bool) {
	p, k := q.PeopleNumber, q.VisitingCityNumber
	lowT, highT, ok := g.transport(q, dest)
	if !ok {
		return 0, false
	}
	nights := float64(q.Days - 1)
	lowMeals := 3 * (q.Days - k - 1)
	var cheapNight, roomPrice, restMean, restCheap genAvg
	for _, c := range dest {
		for _, a := range g.suitable(c, q.LocalConstraint) {
			cheapNight.add(a.Price * float64(Rooms(p, a.MaxOccupancy)))
			roomPrice.add(a.Price)
		}
		var rm genAvg
		for _, x := range c.restCosts {
			rm.add(x)
		}
		restMean.add(rm.mean())
		var rc genAvg
		for _, x := range c.restCosts[:min(len(c.restCosts), max(lowMeals, 1))] {
			rc.add(x)
		}
		restCheap.add(rc.mean())
	}
	low := lowT + nights*cheapNight.lo + float64(lowMeals*p)*restCheap.mean()
	high := highT + float64(p)*(nights*roomPrice.mean()+float64(3*q.Days)*restMean.mean())
	b := math.Max(genLevelFactor[q.Level]*high, 1.1*low)
	return math.Max(100, math.Round(b/100)*100), true
}

// ---- English text ----

var genNumWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

func genOrdinal(d int) string {
	suffix := "th"
	if d < 11 || d > 13 {
		switch d % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", d, suffix)
}

func (g *generator) pick(options ...string) string { return options[g.rng.IntN(len(options))] }

// genList writes "A and B" or "A, B, C, and D".
func genList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}

// text writes a TravelPlanner-style request for q.
func (g *generator) text(q Query) string {
	solo := q.PeopleNumber == 1
	we, our := "we", "our"
	if solo {
		we, our = "I", "my"
	}
	cap1 := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	// Who.
	var who string
	switch {
	case solo:
		who = g.pick("for one person", "for a single person", "for 1 person", "for a solo traveler")
	case q.PeopleNumber == 2:
		who = g.pick("for two", "for 2 people", "for a couple", "for two people", "for a group of 2")
	default:
		n := fmt.Sprint(q.PeopleNumber)
		if g.rng.IntN(3) == 0 {
			n = genNumWords[q.PeopleNumber]
		}
		who = g.pick("for "+n+" people", "for a group of "+n, "for a party of "+n)
	}
	// How long.
	length := fmt.Sprintf("a %d-day %s", q.Days, g.pick("trip", "travel plan", "itinerary", "travel itinerary"))
	if q.Days == 7 && g.rng.IntN(4) == 0 {
		length = g.pick("a week-long trip", "a one-week travel plan")
	}
	// Where.
	var route string
	if q.Days == 3 || q.VisitingCityNumber == 1 {
		route = g.pick("from %[1]s to %[2]s", "departing from %[1]s and heading to %[2]s", "starting in %[1]s and visiting %[2]s", "leaving from %[1]s to visit %[2]s")
		dest := q.Dest
		if g.db.IsState(dest) {
			dest = "the city of " + dest // "Washington" is also a state
		}
		route = fmt.Sprintf(route, q.Org, dest)
	} else {
		n := fmt.Sprint(q.VisitingCityNumber)
		if g.rng.IntN(2) == 0 {
			n = genNumWords[q.VisitingCityNumber]
		}
		state := q.Dest
		if _, isCity := g.db.CityState[state]; isCity && g.rng.IntN(2) == 0 {
			state += " state"
		}
		route = g.pick("departing from %[1]s and visiting %[2]s cities in %[3]s", "starting in %[1]s and exploring %[2]s different cities in %[3]s",
			"leaving from %[1]s to tour %[2]s distinct cities across %[3]s", "setting off from %[1]s to see %[2]s cities in %[3]s")
		route = fmt.Sprintf(route, q.Org, n, state)
	}
	// When.
	st, _ := time.Parse("2006-01-02", q.Date[0])
	en, _ := time.Parse("2006-01-02", q.Date[len(q.Date)-1])
	md := func(t time.Time) string { return t.Format("January") + " " + genOrdinal(t.Day()) }
	var when string
	switch x := g.rng.IntN(5); {
	case x == 0 && st.Month() == en.Month():
		when = fmt.Sprintf("from %s through %s, 2022", md(st), genOrdinal(en.Day()))
	case x == 1:
		when = fmt.Sprintf("between %s and %s, 2022", md(st), md(en))
	case x == 2:
		when = fmt.Sprintf("from the %s of %s to the %s of %s, 2022", genOrdinal(st.Day()), st.Format("January"), genOrdinal(en.Day()), en.Format("January"))
	case x == 3:
		when = "starting on " + q.Date[0]
	default:
		when = fmt.Sprintf("from %s to %s, 2022", md(st), md(en))
	}
	// Budget.
	money := "$" + nlMoney(q.Budget)
	budget := g.pick(
		cap1(our)+" budget is "+money+".",
		cap1(our)+" budget is set at "+money+".",
		cap1(we)+" have a budget of "+nlMoney(q.Budget)+" dollars.",
		cap1(we)+" can spend up to "+money+" in total.",
	)
	// Opening sentence.
	var sentences []string
	switch g.rng.IntN(4) {
	case 0:
		sentences = append(sentences, fmt.Sprintf("Please help me plan %s %s, %s, %s.", length, who, route, when))
	case 1:
		sentences = append(sentences, fmt.Sprintf("Could you create %s %s %s, %s?", length, who, route, when))
	case 2:
		sentences = append(sentences, fmt.Sprintf("Can you help with generating %s %s %s? The travel dates are %s.", length, who, route, when))
	default:
		sentences = append(sentences, fmt.Sprintf("I need %s %s, %s, %s.", length, who, route, when))
	}
	sentences = append(sentences, budget)
	// Constraints, in a shuffled order.
	var cs []string
	lc := q.LocalConstraint
	if lc.HouseRule != nil {
		switch *lc.HouseRule {
		case "parties":
			cs = append(cs, g.pick("We require accommodations that allow parties.", "Our lodging must be party-friendly.", "We plan to host a party, so the accommodations must allow it."))
		case "smoking":
			cs = append(cs, g.pick("Our accommodations must allow smoking.", "Smoking should be permitted where we stay.", "We need lodging where smoking is allowed."))
		case "children under 10":
			cs = append(cs, g.pick("We will travel with children under 10, so the accommodations must allow them.", "Our lodging must be suitable for kids under 10."))
		case "visitors":
			cs = append(cs, g.pick("Our accommodations must allow visitors.", "We would like to have visitors at our lodging."))
		case "pets":
			cs = append(cs, g.pick("We'll be bringing our pets, so pet-friendly accommodations are a must.", "Our lodging must allow pets."))
		}
	}
	if lc.RoomType != nil {
		switch *lc.RoomType {
		case "shared room":
			cs = append(cs, g.pick("We are happy to stay in shared rooms.", "A shared room is fine for us."))
		case "not shared room":
			cs = append(cs, g.pick("We would rather not stay in a shared room.", "We do not want shared rooms."))
		case "private room":
			cs = append(cs, g.pick("We would prefer private rooms.", "We require private rooms for our stay."))
		case "entire room":
			cs = append(cs, g.pick("We require entire rooms for our stay.", "We'd like an entire home to ourselves.", "Entire rooms for accommodations would be ideal."))
		}
	}
	if len(lc.Cuisine) > 0 {
		list := genList(lc.Cuisine)
		cs = append(cs, g.pick("We'd love to try "+list+" cuisines.", "As for dining, we prefer "+list+" food.", "Our meals should include "+list+" cuisines."))
	}
	if lc.Transportation != nil {
		switch *lc.Transportation {
		case "no flight":
			cs = append(cs, g.pick("We do not plan to travel by flight.", "Please avoid any flights.", "We prefer not to fly."))
		case "no self-driving":
			cs = append(cs, g.pick("We do not plan to drive ourselves.", "We prefer non-self-driving transportation.", "We won't be self-driving on this trip."))
		}
	}
	g.rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	return strings.Join(append(sentences, cs...), " ")
}
