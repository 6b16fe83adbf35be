package travel

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func FuzzPlanStrings(f *testing.F) {
	for _, s := range []string{
		"from St. Petersburg to Rockford",
		"Flight Number: F3573659, from St. Petersburg to Rockford, Departure Time: 15:40, Arrival Time: 17:04",
		"Self-driving, from A to B(State), duration: 1 hours, distance: 1,144 km, cost: 57",
		"Peaceful, beautiful home away , Denver(Colorado)",
		"Burpee Museum, Rockford;Midway Village Museum, Rockford;",
		"Grand Junction(Colorado)", "-", "", "from  to ,", "(((", "from a to b to c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, b, ok := ExtractFromTo(s); ok {
			if !strings.Contains(s, a) || !strings.Contains(s, b) || b == "" || strings.Contains(b, ",") {
				t.Fatalf("ExtractFromTo(%q) = %q, %q", s, a, b)
			}
		}
		if p := BeforeParen(s); !strings.HasPrefix(s, p) {
			t.Fatalf("BeforeParen(%q) = %q is not a prefix", s, p)
		}
		if name, city, ok := NameCity(s); ok && (strings.Contains(city, ",") || !strings.Contains(s, name)) {
			t.Fatalf("NameCity(%q) = %q, %q", s, name, city)
		}
		items, last := SplitAttractions(s)
		if strings.Join(append(items, last), ";") != s {
			t.Fatalf("SplitAttractions(%q) loses text", s)
		}
		TransportKind(s)
		FlightNumberOf(s)
		FlightTimes(s)
	})
}

func FuzzReadQueries(f *testing.F) {
	f.Add(`{"org":"St. Petersburg","dest":"Rockford","days":3,"visiting_city_number":1,"date":["2022-03-16","2022-03-17","2022-03-18"],"people_number":1,"local_constraint":{"house rule":null,"cuisine":null,"room type":null,"transportation":null},"budget":1700,"query":"q","level":"easy"}`)
	f.Add(`{"org":"A","dest":"B","days":"3","date":"['2022-03-16', '2022-03-17']","local_constraint":"{'house rule': 'pets', 'cuisine': ['Tea'], 'room type': None, 'transportation': None}","people number":2,"level":"middle"}`)
	f.Add(`{"date": 5}` + "\n" + `{"local_constraint": "{'x':"}`)
	db, err := Default(LoadOptions{Flights: FlightsReal})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := ReadQueries(strings.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		for i := range qs {
			if err := qs[i].Validate(db); err == nil {
				// A valid query survives a JSON round trip unchanged.
				b, _ := json.Marshal(qs[i])
				var again Query
				if err := json.Unmarshal(b, &again); err != nil {
					t.Fatalf("round trip: %v", err)
				}
				b2, _ := json.Marshal(again)
				if !bytes.Equal(b, b2) {
					t.Fatalf("round trip changed %s to %s", b, b2)
				}
				// And the evaluator does not panic on any plan for it.
				(&Evaluator{DB: db}).Evaluate(&qs[i], []Day{{"current_city": in}, nil, {}})
			}
		}
	})
}

func FuzzReadSubmissions(f *testing.F) {
	f.Add(`{"idx":1,"query":"q","plan":[{"days":1,"current_city":"from A to B","transportation":"-"},{},null,"x"]}`)
	f.Add(`{"idx":2,"plan":null}`)
	db, err := Default(LoadOptions{Flights: FlightsReal})
	if err != nil {
		f.Fatal(err)
	}
	q := Query{Org: "St. Petersburg", Dest: "Rockford", Days: 3, VisitingCityNumber: 1, Date: []string{"2022-03-16", "2022-03-17", "2022-03-18"},
		PeopleNumber: 2, Budget: 1000, Level: "hard", LocalConstraint: LocalConstraint{HouseRule: Str("pets"), Cuisine: []string{"Tea"}, RoomType: Str("shared room"), Transportation: Str("no flight")}}
	f.Fuzz(func(t *testing.T, in string) {
		subs, err := ReadSubmissions(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range subs {
			for _, strict := range []bool{false, true} {
				(&Evaluator{DB: db, Strict: strict}).Evaluate(&q, s.Plan)
			}
		}
	})
}

func FuzzPythonLiteral(f *testing.F) {
	for _, s := range []string{"{'house rule': None, 'cuisine': ['Tea', \"BBQ\"], 'x': 1.5e3}", "[1, -2, (3, 4), True, False]", "'a\\'b\\x41'", "[[[[", "{'a' 1}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParsePythonLiteral(s)
		if err != nil {
			return
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("parsed value is not JSON-encodable: %v", err)
		}
	})
}

func BenchmarkEvaluate1000(b *testing.B) {
	db, err := Default(LoadOptions{Flights: FlightsReal})
	if err != nil {
		b.Fatal(err)
	}
	qs, ps := loadTrain(b)
	var queries []Query
	var plans []Submission
	for len(queries) < 1000 {
		queries = append(queries, qs...)
		plans = append(plans, ps...)
	}
	queries, plans = queries[:1000], plans[:1000]
	e := &Evaluator{DB: db}
	for b.Loop() {
		if rep := e.Score(queries, plans); rep.Metrics.FinalPlans != 1000 {
			b.Fatal(rep.Metrics)
		}
	}
}

var nameCityRE = regexp.MustCompile(`(.*?),` + pyWS + `*([^,]+)$`)

// FuzzNameCity checks the hand-written NameCity against the
// evaluator's regular expression.
func FuzzNameCity(f *testing.F) {
	for _, s := range []string{"a, b", "a,b,c", "a,", ",", "x\ny, z", "a, (b)", "a, b(Texas)", "a,\n", "a, ,", " , "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, c, ok := NameCity(s)
		m := nameCityRE.FindStringSubmatch(s)
		if (m != nil) != ok {
			t.Fatalf("NameCity(%q) ok=%v, regexp match=%v", s, ok, m != nil)
		}
		if m != nil && (n != pyStrip(m[1]) || c != pyStrip(BeforeParen(pyStrip(m[2])))) {
			t.Fatalf("NameCity(%q) = %q, %q; regexp %q, %q", s, n, c, m[1], m[2])
		}
	})
}
