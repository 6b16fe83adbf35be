package travel

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

var (
	genSeeds = flag.Int("travel.seeds", 3, "TestGenerateRoundTrip: number of seeds (45 queries each)")
	genFeasN = flag.Int("travel.feasn", 45, "TestGenerateFeasible: number of queries to solve")
)

// TestGenerateRoundTrip is the property test of the generator's English:
// for many seeds, every generated text parses back to exactly the generated
// fields, with nothing missing, assumed or ignored. Run more seeds with
// -travel.seeds=200.
func TestGenerateRoundTrip(t *testing.T) {
	db := nlTestDB(t)
	p := NewParser(db, ParseOptions{})
	n := 0
	seeds := uint64(*genSeeds)
	if raceEnabled && seeds > 1 {
		seeds = 1
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		qs, err := Generate(context.Background(), db, GenOptions{N: 45, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			got, rep := p.Parse(q.Query)
			if d := queryDiff(got, q); d != "" || !rep.Complete() || len(rep.Assumptions) > 0 || len(rep.Ignored) > 0 {
				t.Errorf("seed %d idx %d: %s\n  text: %s\n  report: %s", seed, q.Idx, d, q.Query, rep.Message())
			}
			n++
		}
	}
	t.Logf("%d generated queries parsed back field for field", n)
}

// TestGenerateRules checks TravelPlanner's generator rules on every query.
func TestGenerateRules(t *testing.T) {
	db := nlTestDB(t)
	qs, err := Generate(context.Background(), db, GenOptions{N: 270, Seed: 99})
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]int{}
	for _, q := range qs {
		fail := func(format string, a ...any) {
			t.Errorf("query %d (%s): %s", q.Idx, genKey(q), fmt.Sprintf(format, a...))
		}
		if err := q.Validate(db); err != nil {
			fail("%v", err)
		}
		cells[fmt.Sprint(q.Level, q.Days)]++
		if q.VisitingCityNumber != (q.Days-1)/2 {
			fail("visiting_city_number %d for %d days", q.VisitingCityNumber, q.Days)
		}
		st, _ := time.Parse("2006-01-02", q.Date[0])
		if st.Year() != 2022 || st.Month() != time.March {
			fail("start %s is not in March 2022", q.Date[0])
		}
		orgState := db.CityState[q.Org]
		if q.Days == 3 {
			if s, ok := db.CityState[q.Dest]; !ok || s == orgState {
				fail("3-day dest %s is not a city of another state", q.Dest)
			}
		} else if !db.IsState(q.Dest) || len(db.CitiesIn(q.Dest)) < q.VisitingCityNumber || q.Dest == orgState {
			fail("dest %s is not another state with %d cities", q.Dest, q.VisitingCityNumber)
		}
		if q.Budget < 100 || math.Mod(q.Budget, 100) != 0 {
			fail("budget %v is not a positive multiple of 100", q.Budget)
		}
		lc := q.LocalConstraint
		n := 0
		for _, set := range []bool{lc.HouseRule != nil, lc.Cuisine != nil, lc.RoomType != nil, lc.Transportation != nil} {
			if set {
				n++
			}
		}
		switch q.Level {
		case "easy":
			if q.PeopleNumber != 1 || n != 0 {
				fail("easy with %d people and %d constraints", q.PeopleNumber, n)
			}
		case "medium", "hard":
			want, cuisines := 1, 2
			if q.Level == "hard" {
				want, cuisines = 3, 4
			}
			if q.PeopleNumber < 2 || q.PeopleNumber > 8 || n != want {
				fail("%s with %d people and %d constraints", q.Level, q.PeopleNumber, n)
			}
			if lc.Cuisine != nil && len(lc.Cuisine) != cuisines {
				fail("%d cuisines", len(lc.Cuisine))
			}
			for _, c := range lc.Cuisine {
				if !slices.Contains(genCuisines, c) {
					fail("cuisine %s", c)
				}
			}
			if q.Level == "medium" && lc.Transportation != nil {
				fail("medium with transportation")
			}
			if lc.RoomType != nil && q.PeopleNumber > 2 && *lc.RoomType != "private room" && *lc.RoomType != "entire room" {
				fail("room type %s for %d people", *lc.RoomType, q.PeopleNumber)
			}
		default:
			fail("level %q", q.Level)
		}
	}
	for _, level := range []string{"easy", "medium", "hard"} {
		for _, days := range []int{3, 5, 7} {
			if c := cells[fmt.Sprint(level, days)]; c != 30 {
				t.Errorf("cell %s %d-day has %d queries, want 30", level, days, c)
			}
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	db := nlTestDB(t)
	opts := GenOptions{N: 30, Level: "hard", Seed: 5}
	a, err1 := Generate(context.Background(), db, opts)
	b, err2 := Generate(context.Background(), db, opts)
	opts.Seed = 6
	c, err3 := Generate(context.Background(), db, opts)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	same := func(x, y []Query) bool {
		for i := range x {
			if genKey(x[i]) != genKey(y[i]) || x[i].Query != y[i].Query || x[i].Budget != y[i].Budget {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Error("the same seed gave different queries")
	}
	if same(a, c) {
		t.Error("seeds 5 and 6 gave the same queries")
	}
	seen := map[string]bool{}
	for _, q := range a {
		if seen[genKey(q)] {
			t.Errorf("duplicate query %s", genKey(q))
		}
		seen[genKey(q)] = true
	}
}

func TestGenerateErrors(t *testing.T) {
	db := nlTestDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		ctx  context.Context
		opts GenOptions
		want string
	}{
		{context.Background(), GenOptions{N: 0}, "n 0: want 1 to 100000"},
		{context.Background(), GenOptions{N: MaxGenerate + 1}, "n 100001"},
		{context.Background(), GenOptions{N: 1, Level: "expert"}, `level "expert"`},
		{context.Background(), GenOptions{N: 1, Days: 4}, "days 4"},
		{ctx, GenOptions{N: 1}, "context canceled"},
	}
	for _, tc := range cases {
		_, err := Generate(tc.ctx, db, tc.opts)
		if !errors.Is(err, ErrGenerate) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%+v: %v, want %q", tc.opts, err, tc.want)
		}
	}
}

// TestGenWeightedSample checks the hard-level draw against its exact
// distribution: with weights .3/.1/.3/.3 and 3 draws without replacement,
// cuisine is left out with probability 6·(.3·.3·.3)/(1·.7·.4) = 0.5786.
func TestGenWeightedSample(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	items := []string{"house rule", "cuisine", "room type", "transportation"}
	const n = 40000
	count := map[string]int{}
	for range n {
		got := genWeightedSample(r, items, []float64{0.3, 0.1, 0.3, 0.3}, 3)
		if len(got) != 3 || got[0] == got[1] || got[1] == got[2] || got[0] == got[2] {
			t.Fatalf("draw %v", got)
		}
		for _, k := range got {
			count[k]++
		}
	}
	pc := 1 - 6*0.3*0.3*0.3/(1*0.7*0.4)
	want := map[string]float64{"cuisine": pc, "house rule": (3 - pc) / 3, "room type": (3 - pc) / 3, "transportation": (3 - pc) / 3}
	for k, w := range want {
		if got := float64(count[k]) / n; math.Abs(got-w) > 0.015 {
			t.Errorf("P(%s) = %.3f, want %.3f", k, got, w)
		}
	}
}

// TestGenerateFeasible asks the exact solver (an independent oracle: it
// returns only plans the evaluator passes) whether generated queries are
// feasible, and how tight their budgets are.
func TestGenerateFeasible(t *testing.T) {
	if testing.Short() {
		t.Skip("solves 45 queries")
	}
	db := nlTestDB(t)
	qs, err := Generate(context.Background(), db, GenOptions{N: *genFeasN, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	feasible, tight := 0, 0
	perLevel := map[string][2]int{}
	var ratios []float64
	for _, q := range qs {
		sol, err := Solve(context.Background(), db, q, SolveOptions{Timeout: 20 * time.Second, IgnoreBudget: true, NoRelaxations: true})
		if err != nil {
			t.Fatalf("query %d: %v", q.Idx, err)
		}
		if sol.Status != StatusSolved {
			t.Logf("query %d (%s): %s %q", q.Idx, genKey(q), sol.Status, sol.Reasons)
			continue
		}
		r := q.Budget / sol.Cost.Total
		ratios = append(ratios, r)
		c := perLevel[q.Level]
		c[1]++
		if r >= 1 {
			feasible++
			c[0]++
		}
		perLevel[q.Level] = c
		if r >= 1 && r < 1.25 {
			tight++
		}
	}
	sort.Float64s(ratios)
	t.Logf("%d/%d feasible (easy %v, medium %v, hard %v: feasible, solved), %d tight (budget < 1.25 × cheapest plan); budget/cheapest: min %.2f median %.2f max %.2f",
		feasible, len(qs), perLevel["easy"], perLevel["medium"], perLevel["hard"], tight, ratios[0], ratios[len(ratios)/2], ratios[len(ratios)-1])
	if feasible < len(qs)*8/10 || tight == 0 {
		t.Errorf("%d/%d feasible, %d tight; want at least 80%% feasible and some tight", feasible, len(qs), tight)
	}
}

func ExampleGenerate() {
	db, err := Default(LoadOptions{})
	if err != nil {
		panic(err)
	}
	qs, err := Generate(context.Background(), db, GenOptions{N: 3, Level: "hard", Days: 7, Seed: 1})
	if err != nil {
		panic(err)
	}
	p := NewParser(db, ParseOptions{})
	for _, q := range qs {
		back, rep := p.Parse(q.Query)
		fmt.Println(q.Idx, q.Level, q.Days, q.VisitingCityNumber, len(q.Date), db.IsState(q.Dest), rep.Complete(), queryDiff(back, q) == "")
	}
	// Output:
	// 1 hard 7 3 7 true true true
	// 2 hard 7 3 7 true true true
	// 3 hard 7 3 7 true true true
}

func BenchmarkGenerate(b *testing.B) {
	db := nlTestDB(b)
	for b.Loop() {
		if _, err := Generate(context.Background(), db, GenOptions{N: 45, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGenerateSmallDB: a database too small for any query gives an error,
// not a hang.
func TestGenerateSmallDB(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		CitiesFile:         "Rockford\tIllinois\nSt. Petersburg\tFlorida\n",
		AccommodationsFile: ",NAME,room type,price,minimum nights,review rate number,house_rules,maximum occupancy,city\n0,Cosy flat,Private room,100.0,1.0,4.0,No pets,2,Rockford\n",
		RestaurantsFile:    ",Name,City,Cuisines,Average Cost,Aggregate Rating\n0,Diner,Rockford,\"Tea, BBQ\",10,4.0\n",
		AttractionsFile:    "Name,Latitude,Longitude,Address,Phone,Website,City\nPark,1,2,Addr,123,http://x,Rockford\n",
		DistanceFile:       "origin,destination,cost,duration,distance\nRockford,St. Petersburg,,20 hours 1 min,\"2,000 km\"\n",
		FlightsFile:        "Flight Number,Price,DepTime,ArrTime,ActualElapsedTime,FlightDate,OriginCityName,DestCityName,Distance\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := LoadDir(dir, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Generate(context.Background(), db, GenOptions{N: 1, Level: "easy", Days: 3})
	if !errors.Is(err, ErrGenerate) || !strings.Contains(err.Error(), "no new easy 3-day query") {
		t.Errorf("got %v", err)
	}
}

// TestGenerateRealFlights: with only the real flight rows, generation still
// works (driving and taxis connect most cities) and round-trips.
func TestGenerateRealFlights(t *testing.T) {
	db, err := Default(LoadOptions{Flights: FlightsReal})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := Generate(context.Background(), db, GenOptions{N: 18, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	p := NewParser(db, ParseOptions{})
	for _, q := range qs {
		if got, rep := p.Parse(q.Query); queryDiff(got, q) != "" || !rep.Complete() {
			t.Errorf("query %d does not round-trip: %s", q.Idx, rep.Message())
		}
	}
}
