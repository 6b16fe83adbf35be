package travel

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	testDBOnce sync.Once
	testDBVal  *DB
	testDBErr  error
)

// nlTestDB loads the embedded database once for the parser and generator
// tests.
func nlTestDB(t testing.TB) *DB {
	t.Helper()
	testDBOnce.Do(func() { testDBVal, testDBErr = Default(LoadOptions{}) })
	if testDBErr != nil {
		t.Fatal(testDBErr)
	}
	return testDBVal
}

// queryDiff lists the fields where got differs from want (cuisines compared
// as sets), or "" when they agree.
func queryDiff(got, want Query) string {
	var d []string
	f := func(name string, g, w any) {
		if fmt.Sprint(g) != fmt.Sprint(w) {
			d = append(d, fmt.Sprintf("%s: got %v, want %v", name, g, w))
		}
	}
	f("org", got.Org, want.Org)
	f("dest", got.Dest, want.Dest)
	f("days", got.Days, want.Days)
	f("visiting_city_number", got.VisitingCityNumber, want.VisitingCityNumber)
	f("date", got.Date, want.Date)
	f("people_number", got.PeopleNumber, want.PeopleNumber)
	f("budget", got.Budget, want.Budget)
	f("level", got.Level, want.Level)
	sp := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	g, w := got.LocalConstraint, want.LocalConstraint
	f("house rule", sp(g.HouseRule), sp(w.HouseRule))
	f("room type", sp(g.RoomType), sp(w.RoomType))
	f("transportation", sp(g.Transportation), sp(w.Transportation))
	gc, wc := slices.Clone(g.Cuisine), slices.Clone(w.Cuisine)
	slices.Sort(gc)
	slices.Sort(wc)
	f("cuisine", gc, wc)
	return strings.Join(d, "; ")
}

// TestParseTrain reads the 45 hand-labelled TravelPlanner training queries
// from their text and compares every field with the labels.
func TestParseTrain(t *testing.T) {
	db := nlTestDB(t)
	f, err := os.Open("../../testdata/travel/train_queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 45 {
		t.Fatalf("%d queries, want 45", len(qs))
	}
	p := NewParser(db, ParseOptions{DefaultPeople: 1})
	ok := 0
	var defaulted []int
	for _, want := range qs {
		t.Run(fmt.Sprint(want.Idx), func(t *testing.T) {
			got, rep := p.Parse(want.Query)
			if !rep.Complete() {
				t.Errorf("incomplete: %s", rep.Message())
			}
			if d := queryDiff(got, want); d != "" {
				t.Errorf("%s\n  text: %s\n  report: %s", d, want.Query, rep.Message())
				return
			}
			for _, a := range rep.Assumptions {
				if strings.Contains(a, "the default") {
					defaulted = append(defaulted, want.Idx)
				}
			}
			ok++
		})
	}
	t.Logf("%d/%d training queries parsed field for field; people default used by %v", ok, len(qs), defaulted)
	// Only #9 states no travellers at all (LABELS.md); #15 is read from
	// its first-person singular wording.
	if !slices.Equal(defaulted, []int{9}) {
		t.Errorf("people default used by %v, want [9]", defaulted)
	}
}

func TestParseTrainStrictPeople(t *testing.T) {
	db := nlTestDB(t)
	f, err := os.Open("../../testdata/travel/train_queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, _ := ReadQueries(f)
	// Without a people default, #9 must report people_number missing.
	p := NewParser(db, ParseOptions{})
	for _, q := range qs {
		_, rep := p.Parse(q.Query)
		if q.Idx == 9 {
			if !slices.Equal(rep.Missing, []string{"people_number"}) || !errors.Is(rep.Err(), ErrIncomplete) {
				t.Errorf("#9: report %+v", rep)
			}
			continue
		}
		if !rep.Complete() {
			t.Errorf("#%d: %s", q.Idx, rep.Message())
		}
	}
}

// want describes the expected parse of a paraphrase: fields left zero are
// not checked, except Missing, which must match exactly.
type nlWant struct {
	org, dest   string
	days, cityN int
	start       string
	people      int
	budget      float64
	house, room string
	transport   string
	cuisine     []string
	missing     []string
	conflict    string // substring of a conflict
	ignored     string // substring of an ignored note
	assumed     string // substring of an assumption
	level       string
}

func TestParseParaphrases(t *testing.T) {
	db := nlTestDB(t)
	p := NewParser(db, ParseOptions{})
	cases := []struct {
		name, text string
		want       nlWant
	}{
		{"through", "Plan a 3-day trip for two from Boston to Denver, March 16th through 18th, budget $2,000.",
			nlWant{org: "Boston", dest: "Denver", days: 3, cityN: 1, start: "2022-03-16", people: 2, budget: 2000, level: ""}},
		{"iso start + days", "I want a 3-day trip starting on 2022-03-16 from Chicago to Seattle, just me, budget 1500 dollars.",
			nlWant{org: "Chicago", dest: "Seattle", days: 3, start: "2022-03-16", people: 1, budget: 1500, level: "easy"}},
		{"explore state", "We are a group of 4 leaving from Dallas to explore 3 cities in Colorado from March 11th to March 17th, 2022, with $9,000 to spend.",
			nlWant{org: "Dallas", dest: "Colorado", days: 7, cityN: 3, people: 4, budget: 9000}},
		{"party of 5 is people", "Can you help with a 7-day travel plan for a party of 5? We're setting off from Indianapolis and plan to visit Colorado from March 11th to March 17th, 2022. Budget: $15,100.",
			nlWant{org: "Indianapolis", dest: "Colorado", cityN: 3, people: 5, budget: 15100, house: "-", assumed: "visiting_city_number 3"}},
		{"for us 3 + smoking permitted", "Trip for us 3 from Miami to Atlanta, March 2nd to March 4th, 2022, budget of $2,300. Smoking is permitted in our lodging, right? We need it.",
			nlWant{org: "Miami", dest: "Atlanta", people: 3, budget: 2300, house: "smoking", level: "medium"}},
		{"kids under 10 + no self-driving", "A 3-day trip for a family of 4 from Houston to Nashville, March 5th to 7th, 2022, budget $3,000. We travel with kids under 10 and prefer not to drive.",
			nlWant{org: "Houston", dest: "Nashville", days: 3, people: 4, budget: 3000, house: "children under 10", transport: "no self-driving"}},
		{"Washington DC city", "Plan a 3-day trip for 2 people from Boston to Washington, D.C. from March 10th to March 12th, 2022 with a budget of $1,800.",
			nlWant{org: "Boston", dest: "Washington", cityN: 1, people: 2, budget: 1800}},
		{"Washington state", "Plan a 5-day trip for 2 people from Denver to 2 cities in Washington state from March 10th to March 14th, 2022 with a budget of $4,800.",
			nlWant{org: "Denver", dest: "Washington", cityN: 2, days: 5}},
		{"New York city 3 days", "I'd like to go from Chicago to New York for 3 days, March 1st to March 3rd, 2022, alone, with $1,200.",
			nlWant{org: "Chicago", dest: "New York", cityN: 1, people: 1, budget: 1200}},
		{"New York state 5 days", "Plan a 5-day trip for 2 from Chicago to New York, visiting 2 cities, March 1st to March 5th, 2022, with a budget of $3,000.",
			nlWant{org: "Chicago", dest: "New York", cityN: 2, days: 5}},
		{"not shared + pets", "Two of us from Denver to Phoenix, March 20th to 22nd, 2022. Budget $1,400. We're bringing our pets and would rather not stay in a shared room.",
			nlWant{people: 2, house: "pets", room: "not shared room", level: ""}},
		{"entire home + no flights + cuisines", "We need a 3-day trip for a group of 6 from Seattle to Portland, March 8th to March 10th, 2022, budget $5,500. We want an entire home, no flights please, and we'd love Mexican, Chinese, Italian and Indian food.",
			nlWant{people: 6, room: "entire room", transport: "no flight", cuisine: []string{"Mexican", "Chinese", "Italian", "Indian"}, level: "hard"}},
		{"shared room ok", "Solo trip from Austin to Denver, March 3rd to March 5th, 2022, budget $700, a shared room is fine.",
			nlWant{people: 1, room: "shared room", level: "medium"}},
		{"visitors", "Plan a trip for 2 from Tampa to Boston spanning 3 days from March 9th to March 11th, 2022, budget $2,100; our lodging must allow visitors.",
			nlWant{house: "visitors"}},
		{"parties", "3-day trip from Reno to San Diego for 3 people, March 4th-6th, 2022, with a budget of $2,500. We plan to host a party.",
			nlWant{days: 3, start: "2022-03-04", house: "parties", people: 3}},
		{"day-of-month order", "Plan a trip from Orlando to Boston from the 8th to the 10th of March, 2022, for 2 people with a budget of $1,900.",
			nlWant{start: "2022-03-08", days: 3}},
		{"default year", "Plan a 3-day trip for one person from Orlando to Boston from March 8th to March 10th with a budget of $1,000.",
			nlWant{start: "2022-03-08", assumed: "year 2022"}},
		{"cross month", "Plan a trip for 2 people from Orlando to 3 cities in Texas from March 29th to April 4th, 2022 with a budget of $5,000.",
			nlWant{days: 7, cityN: 3, dest: "Texas", start: "2022-03-29"}},
		{"negated cuisine", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022, budget $2,000. No Chinese food please; we love Italian.",
			nlWant{cuisine: []string{"Italian"}, ignored: "Chinese"}},
		{"non-smoking ignored", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022, budget $2,000, in a non-smoking room.",
			nlWant{house: "-", ignored: "smoking"}},
		{"nonstop flight is not a ban", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022, budget $2,000. We'd like non-stop flights.",
			nlWant{transport: "-"}},
		{"no more than is not a ban", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022. We can spend no more than $2,000 on flights and hotels.",
			nlWant{transport: "-", budget: 2000}},
		{"per person", "A 3-day trip for 3 people from Boston to Miami, March 1st to 3rd, 2022, with $800 per person.",
			nlWant{budget: 2400, assumed: "per person"}},
		{"pair and k", "Could you plan a 3-day trip for a couple from Boston to Miami, March 1st to 3rd, 2022? Our budget is $2.5k.",
			nlWant{people: 2, budget: 2500}},
		{"nights", "A trip for 2 from Boston to Miami for 2 nights starting March 1st, 2022, budget $1,500.",
			nlWant{days: 3, start: "2022-03-01", assumed: "2 nights"}},
		{"couple of days is not people", "A trip for a couple of days from Boston to Miami from March 1st to 3rd, 2022 for 4 people with a budget of $3,000.",
			nlWant{people: 4}},
		{"wife and I", "My wife and I want to go from Boston to Miami, March 1st to 3rd, 2022, with a budget of $1,900.",
			nlWant{people: 2}},
		{"default visiting", "Plan a 5-day trip for 2 people from Boston to Texas from March 1st to March 5th, 2022, budget $3,000.",
			nlWant{dest: "Texas", cityN: 2, assumed: "visiting_city_number 2"}},
		{"Saint spelled out", "Plan a 3-day trip for 2 people from Saint Louis to Sault Ste Marie from March 1st to March 3rd, 2022, budget $3,000.",
			nlWant{org: "St. Louis", dest: "Sault Ste. Marie"}},

		{"lowercase cuisines", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022, budget 15,100 dollars; we want bbq, seafood and fast food.",
			nlWant{budget: 15100, cuisine: []string{"BBQ", "Seafood", "Fast Food"}, level: "medium"}},
		{"with my wife", "I'm going from Boston to Miami with my wife, March 1st to 3rd, 2022, budget $1,900.",
			nlWant{people: 2, days: 3}},
		{"room not shared", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022, budget $1,900; the room must not be shared.",
			nlWant{room: "not shared room"}},
		{"state by length", "Plan a 5-day trip for 2 people from Chicago to New York from March 1st to March 5th, 2022 with a budget of $3,000.",
			nlWant{dest: "New York", cityN: 2, assumed: "read as the state"}},
		{"city by length", "Plan a 3-day trip for 2 people from Chicago to Washington from March 1st to March 3rd, 2022 with a budget of $3,000.",
			nlWant{dest: "Washington", cityN: 1, assumed: "read as the city"}},
		{"New York City on a long trip", "Plan a 5-day trip for 2 people from Chicago to New York City from March 1st to March 5th, 2022 with a budget of $3,000.",
			nlWant{dest: "New York", cityN: 1, days: 5}},
		{"NYC", "Plan a trip for 2 people from NYC to Boston from March 1st to March 3rd, 2022 with a budget of $3,000.",
			nlWant{org: "New York", dest: "Boston"}},
		{"no fly", "A 3-day trip for 2 from Boston to Miami, March 1st to 3rd, 2022, budget $1,900. We will not fly.",
			nlWant{transport: "no flight"}},

		{"possessive and apostrophe", "Plan a 3-day trip for 2 people leaving Chicago's airport for Martha’s Vineyard from March 1st to March 3rd, 2022, budget $3,000.",
			nlWant{org: "Chicago", dest: "Martha's Vineyard"}},
		{"St without dot", "Plan a 3-day trip for 2 people from St Louis to St.Petersburg from March 1st to March 3rd, 2022, budget $3,000.",
			nlWant{org: "St. Louis", dest: "St. Petersburg"}},
		{"lowercase common word is not a place", "Our mission: a 3-day trip for 2 people from Austin to Mission from March 1st to March 3rd, 2022, budget $3,000.",
			nlWant{org: "Austin", dest: "Mission"}},

		// Negative cases: what is not there must be reported.
		{"no org", "Plan a 3-day trip to Denver for 2 people from March 3rd to March 5th, 2022 with a budget of $2,000.",
			nlWant{dest: "Denver", missing: []string{"org"}}},
		{"no budget", "Plan a 3-day trip from Boston to Denver for 2 people from March 3rd to March 5th, 2022.",
			nlWant{missing: []string{"budget"}}},
		{"no dates", "Plan a 3-day trip from Boston to Denver for 2 people with a budget of $2,000.",
			nlWant{days: 3, missing: []string{"date"}}},
		{"no dates no days", "Plan a trip from Boston to Denver for 2 people with a budget of $2,000.",
			nlWant{missing: []string{"date", "days"}}},
		{"start only", "Plan a trip from Boston to Denver for 2 people starting March 3rd, 2022 with a budget of $2,000.",
			nlWant{missing: []string{"days"}}},
		{"no people", "Plan a 3-day trip from Boston to Denver from March 3rd to March 5th, 2022 with a budget of $2,000.",
			nlWant{missing: []string{"people_number"}}},
		{"nothing", "Hello there, can you help?", nlWant{missing: []string{"org", "dest", "date", "days", "people_number", "budget"}}},
		{"org is a state", "Plan a 3-day trip from Texas to Denver for 2 people from March 3rd to March 5th, 2022 with a budget of $2,000.",
			nlWant{missing: []string{"org"}, ignored: "is a state"}},
		{"days conflict", "Plan a 5-day trip from Boston to Denver for 2 people from March 3rd to March 5th, 2022 with a budget of $2,000.",
			nlWant{conflict: "says 5 days"}},
		{"bad date", "Plan a trip from Boston to Denver for 2 people from February 30th to March 2nd, 2022 with a budget of $2,000.",
			nlWant{conflict: "not a calendar date"}},
		{"two people counts", "Plan a 3-day trip from Boston to Denver for 2 people, a group of 5, from March 3rd to March 5th, 2022 with a budget of $2,000.",
			nlWant{conflict: "two numbers of travellers"}},
		{"too many cities", "Plan a 7-day trip for 2 people from Boston to 3 cities in Nevada from March 1st to March 7th, 2022, budget $3,000.",
			nlWant{dest: "Nevada", conflict: "Nevada has 2 in the database"}},
		{"too long", strings.Repeat("a", MaxTextLen+1), nlWant{missing: []string{"org", "dest", "date", "days", "people_number", "budget"}, conflict: "at most 8192"}},
		{"ambiguous amounts", "Plan a 3-day trip from Boston to Denver for 2 people from March 3rd to March 5th, 2022. Flights are $300 and hotels $200.",
			nlWant{missing: []string{"budget"}, ignored: "amounts"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, rep := p.Parse(tc.text)
			w := tc.want
			var errs []string
			chk := func(name string, got, want any, skip bool) {
				if !skip && fmt.Sprint(got) != fmt.Sprint(want) {
					errs = append(errs, fmt.Sprintf("%s = %v, want %v", name, got, want))
				}
			}
			sp := func(p *string) string {
				if p == nil {
					return "-"
				}
				return *p
			}
			lc := q.LocalConstraint
			chk("org", q.Org, w.org, w.org == "")
			chk("dest", q.Dest, w.dest, w.dest == "")
			chk("days", q.Days, w.days, w.days == 0)
			chk("visiting_city_number", q.VisitingCityNumber, w.cityN, w.cityN == 0)
			chk("start", first(q.Date), w.start, w.start == "")
			chk("people", q.PeopleNumber, w.people, w.people == 0)
			chk("budget", q.Budget, w.budget, w.budget == 0)
			chk("house rule", sp(lc.HouseRule), w.house, w.house == "")
			chk("room type", sp(lc.RoomType), w.room, w.room == "")
			chk("transportation", sp(lc.Transportation), w.transport, w.transport == "")
			chk("cuisine", lc.Cuisine, w.cuisine, w.cuisine == nil)
			chk("level", q.Level, w.level, w.level == "" && tc.want.level == "")
			chk("missing", rep.Missing, w.missing, false)
			if w.conflict != "" && !strings.Contains(strings.Join(rep.Conflicts, "|"), w.conflict) {
				errs = append(errs, fmt.Sprintf("no conflict %q", w.conflict))
			}
			if w.conflict == "" && len(rep.Conflicts) > 0 {
				errs = append(errs, fmt.Sprintf("unexpected conflicts %q", rep.Conflicts))
			}
			if w.ignored != "" && !strings.Contains(strings.Join(rep.Ignored, "|"), w.ignored) {
				errs = append(errs, fmt.Sprintf("no ignored note %q", w.ignored))
			}
			if w.assumed != "" && !strings.Contains(strings.Join(rep.Assumptions, "|"), w.assumed) {
				errs = append(errs, fmt.Sprintf("no assumption %q", w.assumed))
			}
			if len(w.missing) > 0 || w.conflict != "" {
				err := rep.Err()
				if !errors.Is(err, ErrIncomplete) || strings.Contains(err.Error(), "\n") {
					errs = append(errs, fmt.Sprintf("Err() = %v", err))
				}
				for _, m := range w.missing {
					if !strings.Contains(err.Error(), m) {
						errs = append(errs, fmt.Sprintf("Err() %q does not name %s", err, m))
					}
				}
			} else if rep.Err() != nil {
				errs = append(errs, fmt.Sprintf("Err() = %v", rep.Err()))
			}
			if len(errs) > 0 {
				t.Errorf("%s\n  text: %s\n  report: %s", strings.Join(errs, "; "), tc.text, rep.Message())
			}
		})
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{
		"Please help me plan a trip from St. Petersburg to Rockford spanning 3 days from March 16th to March 18th, 2022. The travel should be planned for a single person with a budget of $1,700.",
		"Can you help with generating a 7-day travel plan for a party of 5? We're setting off from Indianapolis and planning to explore 3 cities in Colorado from March 11th to March 17th, 2022.",
		"from the 8th to the 10th of March, 2022", "March 16th through 18th", "starting on 2022-03-16", "$1,7,00", "$,", "99999999999 dollars",
		"Washington, D.C.", "2 cities in Washington state", "for us 3", "no flight no self-driving non-smoking not a shared room",
		"", "\xff\xfe", "from from from to to", "the 31st of February, 2022 to March 3rd", "budget of 3000",
	} {
		f.Add(s)
	}
	db := nlTestDB(f)
	p := NewParser(db, ParseOptions{})
	f.Fuzz(func(t *testing.T, s string) {
		q, rep := p.Parse(s)
		for _, list := range [][]string{rep.Missing, rep.Conflicts, rep.Assumptions, rep.Ignored} {
			for _, line := range list {
				if line == "" || strings.ContainsAny(line, "\n\r") {
					t.Fatalf("report line %q", line)
				}
			}
		}
		if strings.ContainsAny(rep.Message(), "\n\r") {
			t.Fatalf("message %q", rep.Message())
		}
		if err := rep.Err(); err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") || !errors.Is(err, ErrIncomplete) {
				t.Fatalf("error %q", err)
			}
		} else if err := q.Validate(db); err != nil {
			t.Fatalf("complete but invalid: %v", err)
		}
		if len(q.Date) > 0 && len(q.Date) != q.Days {
			t.Fatalf("%d dates for %d days", len(q.Date), q.Days)
		}
	})
}

func ExampleParseText() {
	db, err := Default(LoadOptions{})
	if err != nil {
		panic(err)
	}
	q, rep := ParseText(db, "Could you plan a 5-day trip for a group of 4 from Nashville to 2 cities in Pennsylvania, "+
		"March 12th through 16th, 2022? We need entire homes and have $9,500.", ParseOptions{})
	fmt.Println(q.Org, "→", q.Dest, q.VisitingCityNumber, q.Date[0], q.Days, q.PeopleNumber, q.Budget)
	fmt.Println(*q.LocalConstraint.RoomType, "/", q.Level, "/", rep.Complete())
	_, rep = ParseText(db, "A 3-day trip to Denver for 2 people from March 3rd to March 5th, 2022.", ParseOptions{})
	fmt.Println(rep.Err())
	// Output:
	// Nashville → Pennsylvania 2 2022-03-12 5 4 9500
	// entire room / medium / true
	// travel: query: text is incomplete: missing org, budget
}

func BenchmarkParseText(b *testing.B) {
	db := nlTestDB(b)
	f, err := os.Open("../../testdata/travel/train_queries.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	qs, err := ReadQueries(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	p := NewParser(db, ParseOptions{DefaultPeople: 1})
	for b.Loop() {
		for _, q := range qs {
			p.Parse(q.Query)
		}
	}
}

func BenchmarkNewParser(b *testing.B) {
	db := nlTestDB(b)
	for b.Loop() {
		NewParser(db, ParseOptions{})
	}
}
