package travel

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// ErrSolve is wrapped by solver errors (bad queries, not infeasibility).
var ErrSolve = errors.New("travel: solve")

// SolveOptions controls Solve.
type SolveOptions struct {
	// Timeout bounds the search; zero means no limit beyond ctx.
	Timeout time.Duration
	// IgnoreBudget finds the cheapest plan whatever its cost (used to price
	// a budget relaxation).
	IgnoreBudget bool
	// NoRelaxations skips computing relaxations for infeasible queries.
	NoRelaxations bool
}

// Cost is a plan's cost broken down as the evaluator computes it.
type Cost struct {
	Transport     float64 `json:"transport"`
	Accommodation float64 `json:"accommodation"`
	Meals         float64 `json:"meals"`
	Total         float64 `json:"total"`
}

// Status of a solve.
const (
	StatusSolved     = "solved"
	StatusInfeasible = "infeasible"
	StatusUnknown    = "unknown" // timed out
)

// Solution is the outcome of Solve.
type Solution struct {
	Status string    `json:"status"`
	Plan   []PlanDay `json:"plan,omitempty"`
	Cost   *Cost     `json:"cost,omitempty"`
	// Route lists the visited cities in order; TransferDays the 1-based days
	// of the legs (first is 1, last is the final day); Mode is
	// "self-driving" or "flight/taxi".
	Route        []string `json:"route,omitempty"`
	TransferDays []int    `json:"transfer_days,omitempty"`
	Mode         string   `json:"mode,omitempty"`
	// Verdicts of the evaluator on the plan, in TravelPlanner and strict mode.
	Verdict       *PlanResult `json:"verdict,omitempty"`
	StrictVerdict *PlanResult `json:"strict_verdict,omitempty"`
	// Infeasible queries: why, and what to relax.
	Reasons     []string     `json:"reasons,omitempty"`
	MinCost     float64      `json:"min_cost,omitempty"` // cheapest plan ignoring the budget, when one exists
	Relaxations []Relaxation `json:"relaxations,omitempty"`
	Stats       SearchStats  `json:"stats"`
}

// SearchStats describe the exhaustive search.
type SearchStats struct {
	Routes     int     `json:"routes"`     // city sequences in the search space
	Schedules  int     `json:"schedules"`  // complete (route, transfer days, mode) combinations reached
	Evaluated  int     `json:"evaluated"`  // combinations costed in full (the rest pruned by a lower bound)
	Millis     float64 `json:"millis"`     // wall-clock time of the search
	Candidates int     `json:"candidates"` // candidate cities
}

// Solve returns a plan of minimum total cost that passes every commonsense
// and hard check of the evaluator in TravelPlanner and strict mode, or proves
// (by exhaustive search over the model below) that none exists.
//
// The model: the trip leaves org on day 1 and returns on the last day; it
// visits visiting_city_number distinct cities (dest, or cities of the state
// dest) in one block each, moving on chosen transfer days; all legs are
// self-driving, or each leg is a flight or a taxi; one accommodation per city
// for all its nights (optimal: a cheaper split cannot exist); three distinct
// restaurants and at least one attraction on every day without travel; on a
// travel day, breakfast and lunch may be taken in the city being left and
// dinner in the city reached (with a flight: breakfast if it leaves at 05:00
// or later, lunch at 10:00 or later, dinner if it lands by 22:00), and no meal
// in org. Within this model the search is exhaustive and the cost minimal.
func Solve(ctx context.Context, db *DB, q Query, opts SolveOptions) (Solution, error) {
	start := time.Now()
	if err := q.Validate(db); err != nil {
		return Solution{}, err
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	p, err := newProblem(db, &q)
	if err != nil {
		return Solution{}, err
	}
	best, stats, reasons, err := p.search(ctx, opts.IgnoreBudget)
	stats.Millis = float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return Solution{Status: StatusUnknown, Stats: stats, Reasons: []string{"search stopped: " + err.Error()}}, nil
		}
		return Solution{}, err
	}
	if best == nil && !opts.IgnoreBudget {
		// Is the budget the obstacle? Search again without it.
		if b2, _, _, err := p.search(ctx, true); err == nil && b2 != nil {
			best, reasons = b2, nil
		}
	}
	if best == nil || (!opts.IgnoreBudget && best.cost.Total > q.Budget) {
		sol := Solution{Status: StatusInfeasible, Stats: stats, Reasons: reasons}
		if best != nil {
			sol.MinCost = best.cost.Total
			sol.Reasons = append(sol.Reasons, fmt.Sprintf("the cheapest plan costs $%s, over the budget of $%s", money(best.cost.Total), money(q.Budget)))
		}
		if !opts.NoRelaxations {
			rel, err := Relax(ctx, db, q, opts.Timeout)
			if err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return Solution{}, err
			}
			sol.Relaxations = rel
		}
		return sol, nil
	}
	sol := p.build(best)
	sol.Stats = stats
	// Never return an unverified plan.
	days := make([]Day, len(sol.Plan))
	for i, d := range sol.Plan {
		days[i] = d.Day()
	}
	v := (&Evaluator{DB: db}).Evaluate(&q, days)
	sv := (&Evaluator{DB: db, Strict: true}).Evaluate(&q, days)
	sol.Verdict, sol.StrictVerdict = &v, &sv
	budgetOK := v.Pass || (opts.IgnoreBudget && onlyBudgetFails(v))
	if !budgetOK || !(sv.Pass || (opts.IgnoreBudget && onlyBudgetFails(sv))) {
		return sol, fmt.Errorf("%w: internal error: the plan found fails the evaluator: %v %v", ErrSolve, v.Failures(), sv.Failures())
	}
	if math.Abs(v.TotalCost-sol.Cost.Total) > 1e-6 {
		return sol, fmt.Errorf("%w: internal error: plan cost %v, evaluator says %v", ErrSolve, sol.Cost.Total, v.TotalCost)
	}
	sol.Stats.Millis = float64(time.Since(start).Microseconds()) / 1000
	return sol, nil
}

func onlyBudgetFails(r PlanResult) bool {
	f := failing(r)
	return len(f) == 1 && f[0] == "valid_cost"
}

func failing(r PlanResult) []string {
	var out []string
	for _, v := range append(append([]Verdict{}, r.Commonsense...), r.Hard...) {
		if v.Failed() {
			out = append(out, v.Key)
		}
	}
	return out
}

// Candidate items of a city, filtered so that the evaluator's substring
// look-up finds the item itself.
type restCand struct {
	name string
	cost float64 // per person
	mask uint8   // required cuisines served
}

type accCand struct {
	name      string
	perNight  float64 // for the group
	minNights float64
}

type cityData struct {
	rests    []restCand // sorted by cost
	accs     []accCand  // eligible for the query's room type and house rule, sorted by perNight
	attrs    []string
	mealMemo map[[2]int]*mealTable
}

type problem struct {
	db        *DB
	q         *Query
	people    float64
	cuisines  []string
	full      uint8
	cities    []string // candidate cities to visit
	data      map[string]*cityData
	legMemo   map[legKey]legOpt
	allowFly  bool
	allowDrv  bool
	allowTaxi bool
}

type legKey struct {
	a, b  string
	day   int
	drive bool
}

// legOpt is the cheapest way to make a leg in a mode class.
type legOpt struct {
	ok     bool
	cost   float64
	text   string
	flight *Flight
}

func newProblem(db *DB, q *Query) (*problem, error) {
	p := &problem{db: db, q: q, people: float64(q.PeopleNumber), data: map[string]*cityData{}, legMemo: map[legKey]legOpt{},
		allowFly: true, allowDrv: true, allowTaxi: true}
	if t := q.LocalConstraint.Transportation; t != nil {
		switch *t {
		case "no flight":
			p.allowFly = false
		case "no self-driving":
			p.allowDrv = false
		}
	}
	seen := map[string]bool{}
	for _, c := range q.LocalConstraint.Cuisine {
		if !seen[c] {
			seen[c] = true
			p.cuisines = append(p.cuisines, c)
		}
	}
	if len(p.cuisines) > 8 {
		return nil, fmt.Errorf("%w: at most 8 distinct cuisines", ErrSolve)
	}
	p.full = uint8(1<<len(p.cuisines) - 1)
	if destIsCity(db, q) {
		if q.VisitingCityNumber != 1 {
			return nil, fmt.Errorf("%w: field \"visiting_city_number\": %d cities, but dest %q is a city (give a state to visit several cities)", ErrSolve, q.VisitingCityNumber, q.Dest)
		}
		if q.Days > 3 {
			return nil, fmt.Errorf("%w: field \"dest\": %q is a city, but TravelPlanner's evaluator requires a state as dest for trips longer than 3 days", ErrSolve, q.Dest)
		}
		if q.Dest == q.Org {
			return nil, fmt.Errorf("%w: field \"dest\": the destination is the origin", ErrSolve)
		}
		p.cities = []string{q.Dest}
	} else {
		for _, c := range db.CitiesIn(q.Dest) {
			if c != q.Org {
				p.cities = append(p.cities, c)
			}
		}
	}
	if q.Days < q.VisitingCityNumber+1 {
		return nil, fmt.Errorf("%w: field \"days\": %d days cannot visit %d cities and return", ErrSolve, q.Days, q.VisitingCityNumber)
	}
	return p, nil
}

// destIsCity tells whether dest names a city to visit (3-day trips, or a
// name that is not a state) rather than a state whose cities to visit;
// "New York" is both.
func destIsCity(db *DB, q *Query) bool {
	_, city := db.State(q.Dest)
	return city && (q.Days <= 3 || !db.IsState(q.Dest))
}

func (p *problem) city(c string) *cityData {
	if d, ok := p.data[c]; ok {
		return d
	}
	db, q := p.db, p.q
	d := &cityData{mealMemo: map[[2]int]*mealTable{}}
	seenName := map[string]bool{}
	for _, r := range db.RestaurantsIn(c) {
		name := pyStrip(r.Name)
		item := name + ", " + c
		if !cleanItem(name) || seenName[name] {
			continue
		}
		if first, _ := db.FindRestaurant(name, c, Substring); first != r {
			continue
		}
		if n, cc, ok := NameCity(item); !ok || n != name || cc != c {
			continue
		}
		seenName[name] = true
		var m uint8
		for i, cu := range p.cuisines {
			if strings.Contains(r.Cuisines, cu) {
				m |= 1 << i
			}
		}
		d.rests = append(d.rests, restCand{name: name, cost: r.Cost * p.people, mask: m})
	}
	slices.SortStableFunc(d.rests, func(a, b restCand) int { return cmp.Compare(a.cost, b.cost) })
	seenName = map[string]bool{}
	for _, a := range db.AccommodationsIn(c) {
		name := pyStrip(a.Name)
		if !cleanItem(name) || seenName[name] {
			continue
		}
		if first, _ := db.FindAccommodation(name, c, Substring); first != a {
			continue
		}
		if n, cc, ok := NameCity(name + ", " + c); !ok || n != name || cc != c {
			continue
		}
		seenName[name] = true
		if rt := q.LocalConstraint.RoomType; rt != nil && !RoomTypeOK(*rt, a.RoomType) {
			continue
		}
		if hr := q.LocalConstraint.HouseRule; hr != nil && !HouseRuleOK(*hr, a.HouseRules) {
			continue
		}
		d.accs = append(d.accs, accCand{name: name, perNight: a.Price * float64(Rooms(q.PeopleNumber, a.MaxOccupancy)), minNights: a.MinNights})
	}
	slices.SortStableFunc(d.accs, func(a, b accCand) int { return cmp.Compare(a.perNight, b.perNight) })
	seenName = map[string]bool{}
	for _, a := range db.AttractionsIn(c) {
		name := pyStrip(a.Name)
		if !cleanItem(name) || strings.Contains(name, ";") || seenName[name] {
			continue
		}
		if first, _ := db.FindAttraction(name, c, Substring); first != a {
			continue
		}
		if n, cc, ok := NameCity(name + ", " + c); !ok || n != name || cc != c {
			continue
		}
		seenName[name] = true
		d.attrs = append(d.attrs, name)
	}
	p.data[c] = d
	return d
}

func cleanItem(name string) bool {
	return name != "" && name != "-" && !strings.ContainsAny(name, "\n\r")
}

// acc returns the cheapest eligible accommodation for n nights.
func (d *cityData) acc(n int) (accCand, bool) {
	for _, a := range d.accs {
		if a.minNights <= float64(n) {
			return a, true
		}
	}
	return accCand{}, false
}

// leg returns the cheapest option for a leg on day (0-based) in a mode class.
func (p *problem) leg(a, b string, day int, drive bool) legOpt {
	k := legKey{a, b, day, drive}
	if o, ok := p.legMemo[k]; ok {
		return o
	}
	var best legOpt
	consider := func(o legOpt) {
		if o.ok && (!best.ok || o.cost < best.cost) {
			best = o
		}
	}
	l, hasLeg := p.db.Leg(a, b)
	if drive {
		if p.allowDrv && hasLeg && l.Valid {
			consider(legOpt{ok: true, cost: float64(l.SelfDrivingCost()) * math.Ceil(p.people/5), text: DriveString("Self-driving", l)})
		}
	} else {
		if p.allowFly {
			for _, f := range p.db.FlightsOn(a, b, p.q.Date[day]) {
				if _, ok := p.db.FlightOnRoute(f.Number, a, b); !ok {
					continue
				}
				if g, _ := p.db.FlightByNumber(f.Number); g.Price != f.Price {
					continue // the evaluator would price another row of this number
				}
				f := f
				consider(legOpt{ok: true, cost: f.Price * p.people, text: FlightString(f), flight: &f})
			}
		}
		if p.allowTaxi && hasLeg && l.Valid {
			consider(legOpt{ok: true, cost: float64(l.TaxiCost()) * math.Ceil(p.people/4), text: DriveString("Taxi", l)})
		}
	}
	p.legMemo[k] = best
	return best
}

// mealTable holds, for a city with m mandatory meals and up to o optional
// ones, the minimum cost for each exact set of covered cuisines.
type mealTable struct {
	cost []float64 // by mask; +Inf when impossible
}

func (d *cityData) meals(m, o int, nmask int) *mealTable {
	key := [2]int{m, o}
	if t, ok := d.mealMemo[key]; ok {
		return t
	}
	inf := math.Inf(1)
	maxC := m + o
	// dp[c][mask]
	dp := make([][]float64, maxC+1)
	for c := range dp {
		dp[c] = make([]float64, nmask)
		for i := range dp[c] {
			dp[c][i] = inf
		}
	}
	dp[0][0] = 0
	for _, r := range d.rests {
		for c := min(maxC, len(d.rests)) - 1; c >= 0; c-- {
			row, next := dp[c], dp[c+1]
			for mask, v := range row {
				if v == inf {
					continue
				}
				nm := mask | int(r.mask)
				if v+r.cost < next[nm] {
					next[nm] = v + r.cost
				}
			}
		}
	}
	t := &mealTable{cost: make([]float64, nmask)}
	for mask := range t.cost {
		t.cost[mask] = inf
		for c := m; c <= maxC; c++ {
			t.cost[mask] = min(t.cost[mask], dp[c][mask])
		}
	}
	d.mealMemo[key] = t
	return t
}

// choice is one costed (route, schedule, mode) combination.
type choice struct {
	route []string
	T     []int // 1-based days of the legs
	drive bool
	legs  []legOpt
	accs  []accCand
	opt   []int // optional meal slots per city
	cost  Cost
}

// schedules lists the transfer days: T[0]=1 < T[1] < … < T[k]=D.
func schedules(days, k int) [][]int {
	var out [][]int
	var rec func(prefix []int)
	rec = func(prefix []int) {
		if len(prefix) == k {
			t := append(slices.Clone(prefix), days)
			out = append(out, t)
			return
		}
		last := prefix[len(prefix)-1]
		for d := last + 1; d <= days-(k-len(prefix)); d++ {
			rec(append(prefix, d))
		}
	}
	rec([]int{1})
	return out
}

func modeName(drive, allowFly bool) string {
	switch {
	case drive:
		return "self-driving"
	case allowFly:
		return "flight or taxi"
	}
	return "taxi"
}

// countRoutes is the number of ordered sequences of k of n cities.
func countRoutes(n, k int) int {
	r := 1
	for i := 0; i < k; i++ {
		r *= max(n-i, 0)
	}
	return r
}

// cityLB is the accommodation cost for n nights plus the cheapest
// mandatory meals, or why the city cannot host n nights.
func (p *problem) cityLB(c string, nights int) (float64, string) {
	d := p.city(c)
	a, ok := d.acc(nights)
	if !ok {
		return 0, fmt.Sprintf("%s has no eligible accommodation for %d night(s)", c, nights)
	}
	full := nights - 1
	if len(d.attrs) < full {
		return 0, fmt.Sprintf("%s has %d attractions for %d full days", c, len(d.attrs), full)
	}
	if len(d.rests) < 3*full {
		return 0, fmt.Sprintf("%s has %d restaurants for %d meals", c, len(d.rests), 3*full)
	}
	lb := a.perNight * float64(nights)
	for _, r := range d.rests[:3*full] {
		lb += r.cost
	}
	return lb, ""
}

func (p *problem) search(ctx context.Context, ignoreBudget bool) (*choice, SearchStats, []string, error) {
	q := p.q
	k := q.VisitingCityNumber
	stats := SearchStats{Candidates: len(p.cities)}
	nmask := 1 << len(p.cuisines)
	reject := map[string]int{}
	var best *choice
	bound := math.Inf(1)
	if !ignoreBudget {
		bound = q.Budget + 1e-9 // anything dearer cannot be used
	}
	scheds := schedules(q.Days, k)
	stats.Routes = countRoutes(len(p.cities), k)
	// City feasibility that does not depend on the schedule.
	for _, c := range p.cities {
		d := p.city(c)
		if len(d.accs) == 0 {
			reject[fmt.Sprintf("%s has no accommodation of the required room type and house rule", c)]++
		}
	}
	n := 0
	// Depth-first over (mode, schedule, cities) with a lower bound on the
	// partial cost (legs so far + accommodation + cheapest mandatory meals)
	// that prunes against the best plan found. Candidate cities are tried in
	// order of that partial cost, so good plans come early.
	for _, drive := range []bool{true, false} {
		if drive && !p.allowDrv {
			continue
		}
		for _, T := range scheds {
			route := make([]string, 0, k)
			used := map[string]bool{}
			var dfs func(j int, prev string, partial float64) error
			dfs = func(j int, prev string, partial float64) error {
				if j > k {
					stats.Schedules++
					if n++; n%256 == 0 {
						if err := ctx.Err(); err != nil {
							return err
						}
					}
					ch := &choice{route: slices.Clone(route), T: T, drive: drive}
					if why := p.cost(ch, nmask, bound, &stats); why != "" {
						reject[why]++
						return nil
					}
					if best == nil || ch.cost.Total < best.cost.Total {
						best = ch
						bound = ch.cost.Total
					}
					return nil
				}
				nights := T[j] - T[j-1]
				type cand struct {
					c    string
					part float64
				}
				var cands []cand
				for _, c := range p.cities {
					if used[c] {
						continue
					}
					o := p.leg(prev, c, T[j-1]-1, drive)
					if !o.ok {
						reject[fmt.Sprintf("no %s from %s to %s on %s", modeName(drive, p.allowFly), prev, c, q.Date[T[j-1]-1])]++
						continue
					}
					lb, why := p.cityLB(c, nights)
					if why != "" {
						reject[why]++
						continue
					}
					part := partial + o.cost + lb
					if j == k {
						back := p.leg(c, q.Org, T[k]-1, drive)
						if !back.ok {
							reject[fmt.Sprintf("no %s from %s to %s on %s", modeName(drive, p.allowFly), c, q.Org, q.Date[T[k]-1])]++
							continue
						}
						part += back.cost
					}
					if part >= bound {
						continue
					}
					cands = append(cands, cand{c, part})
				}
				slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(a.part, b.part) })
				for _, cd := range cands {
					if cd.part >= bound {
						break
					}
					used[cd.c] = true
					route = append(route, cd.c)
					if err := dfs(j+1, cd.c, cd.part); err != nil {
						return err
					}
					route = route[:len(route)-1]
					used[cd.c] = false
				}
				return nil
			}
			if err := dfs(1, q.Org, 0); err != nil {
				return nil, stats, nil, err
			}
		}
	}
	var reasons []string
	if best == nil {
		if len(p.cities) < k {
			reasons = append(reasons, fmt.Sprintf("no %d distinct cities to visit in %s (other than %s)", k, q.Dest, q.Org))
		}
		type kv struct {
			k string
			v int
		}
		var kvs []kv
		for k, v := range reject {
			if k != "pruned" {
				kvs = append(kvs, kv{k, v})
			}
		}
		slices.SortFunc(kvs, func(a, b kv) int { return cmp.Or(cmp.Compare(b.v, a.v), cmp.Compare(a.k, b.k)) })
		for i, x := range kvs {
			if i == 8 {
				reasons = append(reasons, fmt.Sprintf("… and %d other reasons", len(kvs)-8))
				break
			}
			reasons = append(reasons, fmt.Sprintf("%s (%d times)", x.k, x.v))
		}
	}
	return best, stats, reasons, nil
}

// cost fills in ch and returns "" or why the combination is impossible.
// Combinations whose lower bound reaches bound are pruned ("pruned").
func (p *problem) cost(ch *choice, nmask int, bound float64, stats *SearchStats) string {
	q := p.q
	k := len(ch.route)
	stops := append(append([]string{q.Org}, ch.route...), q.Org)
	var transport float64
	ch.legs = make([]legOpt, k+1)
	for j := 0; j <= k; j++ {
		o := p.leg(stops[j], stops[j+1], ch.T[j]-1, ch.drive)
		if !o.ok {
			mode := "flight or taxi"
			if ch.drive {
				mode = "self-driving"
			}
			if !p.allowFly && !ch.drive {
				mode = "taxi"
			}
			return fmt.Sprintf("no %s from %s to %s on %s", mode, stops[j], stops[j+1], q.Date[ch.T[j]-1])
		}
		ch.legs[j] = o
		transport += o.cost
	}
	var accCost, lb float64
	ch.accs = make([]accCand, k)
	ch.opt = make([]int, k)
	mand := make([]int, k)
	for j := 1; j <= k; j++ {
		c := ch.route[j-1]
		d := p.city(c)
		nights := ch.T[j] - ch.T[j-1]
		a, ok := d.acc(nights)
		if !ok {
			return fmt.Sprintf("%s has no eligible accommodation for %d night(s)", c, nights)
		}
		ch.accs[j-1] = a
		accCost += a.perNight * float64(nights)
		full := nights - 1
		if len(d.attrs) < full {
			return fmt.Sprintf("%s has %d attractions for %d full days", c, len(d.attrs), full)
		}
		mand[j-1] = 3 * full
		if len(d.rests) < mand[j-1] {
			return fmt.Sprintf("%s has %d restaurants for %d meals", c, len(d.rests), mand[j-1])
		}
		for _, r := range d.rests[:mand[j-1]] {
			lb += r.cost
		}
		ch.opt[j-1] = p.optionalSlots(ch, j)
	}
	total := transport + accCost + lb
	if total >= bound {
		return "pruned"
	}
	stats.Evaluated++
	meals := lb
	if len(p.cuisines) > 0 {
		// OR-combine the cities' tables.
		inf := math.Inf(1)
		acc := make([]float64, nmask)
		for i := range acc {
			acc[i] = inf
		}
		acc[0] = 0
		for j := 0; j < k; j++ {
			t := p.city(ch.route[j]).meals(mand[j], ch.opt[j], nmask)
			next := make([]float64, nmask)
			for i := range next {
				next[i] = inf
			}
			for a, va := range acc {
				if va == inf {
					continue
				}
				for b, vb := range t.cost {
					if vb != inf && va+vb < next[a|b] {
						next[a|b] = va + vb
					}
				}
			}
			acc = next
		}
		meals = acc[nmask-1]
		if meals == inf {
			return fmt.Sprintf("cuisines %s cannot all be served", strings.Join(p.cuisines, ", "))
		}
	}
	ch.cost = Cost{Transport: transport, Accommodation: accCost, Meals: meals, Total: transport + accCost + meals}
	if ch.cost.Total >= bound {
		return "pruned"
	}
	return ""
}

// optionalSlots counts the travel-day meals the model allows in route city
// j (1-based): dinner on arrival, breakfast and lunch on departure.
func (p *problem) optionalSlots(ch *choice, j int) int {
	n := 0
	arr := ch.legs[j-1]
	if arr.flight == nil || (arr.flight.hasMinutes && arr.flight.arrMinutes <= mealWindow["dinner"][1] && arr.flight.arrMinutes >= arr.flight.depMinutes) {
		n++ // dinner
	}
	dep := ch.legs[j]
	if dep.flight == nil || (dep.flight.hasMinutes && dep.flight.depMinutes >= mealWindow["breakfast"][0]) {
		n++
	}
	if dep.flight == nil || (dep.flight.hasMinutes && dep.flight.depMinutes >= mealWindow["lunch"][0]) {
		n++
	}
	return n
}

// slotNames returns the optional meal slots of city j in the order they are
// filled: dinner on the arrival day, then breakfast, lunch on departure.
func (p *problem) slotNames(ch *choice, j int) [][2]int {
	var out [][2]int // {day (1-based), meal index}
	arr := ch.legs[j-1]
	if arr.flight == nil || (arr.flight.hasMinutes && arr.flight.arrMinutes <= mealWindow["dinner"][1] && arr.flight.arrMinutes >= arr.flight.depMinutes) {
		out = append(out, [2]int{ch.T[j-1], 2})
	}
	dep := ch.legs[j]
	if dep.flight == nil || (dep.flight.hasMinutes && dep.flight.depMinutes >= mealWindow["breakfast"][0]) {
		out = append(out, [2]int{ch.T[j], 0})
	}
	if dep.flight == nil || (dep.flight.hasMinutes && dep.flight.depMinutes >= mealWindow["lunch"][0]) {
		out = append(out, [2]int{ch.T[j], 1})
	}
	return out
}

// build turns the best choice into a plan.
func (p *problem) build(ch *choice) Solution {
	q := p.q
	k := len(ch.route)
	D := q.Days
	plan := make([]PlanDay, D)
	for i := range plan {
		plan[i] = PlanDay{Days: i + 1, Transportation: "-", Breakfast: "-", Attraction: "-", Lunch: "-", Dinner: "-", Accommodation: "-"}
	}
	stops := append(append([]string{q.Org}, ch.route...), q.Org)
	for j := 0; j <= k; j++ {
		d := ch.T[j] - 1
		plan[d].CurrentCity = fmt.Sprintf("from %s to %s", stops[j], stops[j+1])
		plan[d].Transportation = ch.legs[j].text
	}
	// Meals: choose restaurants per city (exact cover of the cuisines).
	chosen := p.chooseMeals(ch)
	for j := 1; j <= k; j++ {
		c := ch.route[j-1]
		d := p.city(c)
		acc := ch.accs[j-1].name + ", " + c
		for day := ch.T[j-1]; day < ch.T[j]; day++ {
			plan[day-1].Accommodation = acc
		}
		rs := chosen[j-1]
		ri := 0
		ai := 0
		full := ch.T[j] - ch.T[j-1] - 1
		perDay := 1
		if full > 0 && len(d.attrs) >= 2*full {
			perDay = 2
		}
		for day := ch.T[j-1] + 1; day < ch.T[j]; day++ {
			pd := &plan[day-1]
			pd.CurrentCity = c
			pd.Breakfast, pd.Lunch, pd.Dinner = rs[ri]+", "+c, rs[ri+1]+", "+c, rs[ri+2]+", "+c
			ri += 3
			var b strings.Builder
			for range perDay {
				b.WriteString(d.attrs[ai] + ", " + c + ";")
				ai++
			}
			pd.Attraction = b.String()
		}
		for _, slot := range p.slotNames(ch, j) {
			if ri >= len(rs) {
				break
			}
			pd := &plan[slot[0]-1]
			item := rs[ri] + ", " + c
			switch slot[1] {
			case 0:
				pd.Breakfast = item
			case 1:
				pd.Lunch = item
			default:
				pd.Dinner = item
			}
			ri++
		}
	}
	mode := "flight/taxi"
	if ch.drive {
		mode = "self-driving"
	}
	cost := ch.cost
	return Solution{Status: StatusSolved, Plan: plan, Cost: &cost, Route: slices.Clone(ch.route), TransferDays: slices.Clone(ch.T), Mode: mode}
}

// chooseMeals picks, per route city, the restaurants of a cheapest exact
// cover: mandatory meals first, then the optional ones.
func (p *problem) chooseMeals(ch *choice) [][]string {
	k := len(ch.route)
	out := make([][]string, k)
	nmask := 1 << len(p.cuisines)
	mand := make([]int, k)
	for j := 0; j < k; j++ {
		mand[j] = 3 * (ch.T[j+1] - ch.T[j] - 1)
	}
	if len(p.cuisines) == 0 {
		for j := 0; j < k; j++ {
			for _, r := range p.city(ch.route[j]).rests[:mand[j]] {
				out[j] = append(out[j], r.name)
			}
		}
		return out
	}
	// Find the mask each city covers in an optimal combination.
	tables := make([]*mealTable, k)
	for j := range tables {
		tables[j] = p.city(ch.route[j]).meals(mand[j], ch.opt[j], nmask)
	}
	masks := make([]int, k)
	bestCost := math.Inf(1)
	var rec func(j, acc int, cost float64, cur []int)
	rec = func(j, acc int, cost float64, cur []int) {
		if cost >= bestCost {
			return
		}
		if j == k {
			if acc == nmask-1 {
				bestCost = cost
				copy(masks, cur)
			}
			return
		}
		for m, v := range tables[j].cost {
			if !math.IsInf(v, 1) {
				rec(j+1, acc|m, cost+v, append(cur, m))
			}
		}
	}
	rec(0, 0, 0, nil)
	for j := 0; j < k; j++ {
		out[j] = pickRestaurants(p.city(ch.route[j]).rests, mand[j], ch.opt[j], masks[j], tables[j].cost[masks[j]])
	}
	return out
}

// pickRestaurants reconstructs a set of between m and m+o restaurants whose
// cuisine union is exactly mask and whose cost is target, cheapest first.
func pickRestaurants(rs []restCand, m, o, mask int, target float64) []string {
	maxC := m + o
	n := len(rs)
	// dp over suffixes: best[i][c][mask] = min cost choosing c from rs[i:]
	// covering exactly mask; small sizes make a memoised recursion simple.
	type key struct{ i, c, mask int }
	memo := map[key]float64{}
	inf := math.Inf(1)
	var f func(i, c, mk int) float64
	f = func(i, c, mk int) float64 {
		if c == 0 {
			if mk == 0 {
				return 0
			}
			return inf
		}
		if n-i < c {
			return inf
		}
		kk := key{i, c, mk}
		if v, ok := memo[kk]; ok {
			return v
		}
		best := f(i+1, c, mk) // skip
		r := rs[i]
		if int(r.mask)&^mk == 0 {
			// take: the rest must cover mk or mk minus r's bits
			for sub := mk; ; sub = (sub - 1) & mk {
				if sub|int(r.mask) == mk {
					if v := f(i+1, c-1, sub) + r.cost; v < best {
						best = v
					}
				}
				if sub == 0 {
					break
				}
			}
		}
		memo[kk] = best
		return best
	}
	for c := m; c <= maxC; c++ {
		if math.Abs(f(0, c, mask)-target) > 1e-9 {
			continue
		}
		var out []string
		i, mk := 0, mask
		for cc := c; cc > 0; i++ {
			r := rs[i]
			if math.Abs(f(i+1, cc, mk)-f(i, cc, mk)) < 1e-9 {
				continue // skipping r keeps the optimum
			}
			for sub := mk; ; sub = (sub - 1) & mk {
				if sub|int(r.mask) == mk && int(r.mask)&^mk == 0 && math.Abs(f(i+1, cc-1, sub)+r.cost-f(i, cc, mk)) < 1e-9 {
					mk = sub
					break
				}
				if sub == 0 {
					break
				}
			}
			out = append(out, r.name)
			cc--
		}
		return out
	}
	return nil
}
