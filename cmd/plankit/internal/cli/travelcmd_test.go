package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const trainQ = "../../../../testdata/travel/train_queries.jsonl"
const trainP = "../../../../testdata/travel/train_plans.jsonl"

func TestTravelEval(t *testing.T) {
	r := run(t, "", "travel", "eval", "--queries", trainQ, "--plans", trainP, "--flights", "real")
	if r.code != 0 || !strings.Contains(r.stdout, "Final Pass Rate    100.0%  45/45") {
		t.Fatalf("eval: %+v", r)
	}
	r = run(t, "", "travel", "eval", "--queries", trainQ, "--plans", trainP, "--strict", "--json")
	var rep struct {
		Metrics struct {
			FinalPlans int `json:"final_plans_passed"`
		} `json:"metrics"`
		Plans []struct {
			Idx  int  `json:"idx"`
			Pass bool `json:"pass"`
		} `json:"plans"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &rep) != nil || rep.Metrics.FinalPlans != 44 || rep.Plans[41].Pass {
		t.Fatalf("strict json: code %d %s", r.code, r.stderr)
	}
	// A broken plan: repeated restaurant, reported with day and item.
	b, _ := os.ReadFile(trainP)
	line := strings.SplitN(string(b), "\n", 2)[0]
	line = strings.Replace(line, "Nutri Punch, Rockford", "Dial A Cake, Rockford", 1)
	qb, _ := os.ReadFile(trainQ)
	q := writeTemp(t, "q.jsonl", strings.SplitN(string(qb), "\n", 2)[0]+"\n")
	r = run(t, line+"\n", "travel", "eval", "--queries", q, "--plans", "-")
	if r.code != 0 || !strings.Contains(r.stdout, `Diverse Restaurants: day 3: "Dial A Cake, Rockford": dinner repeats the restaurant of day 2 breakfast`) {
		t.Fatalf("failure list: %+v", r)
	}
}

func TestTravelErrors(t *testing.T) {
	q := writeTemp(t, "q.jsonl", `{"org":"Nowhere","dest":"Rockford","days":3,"visiting_city_number":1,"date":["2022-03-16","2022-03-17","2022-03-18"],"people_number":1,"local_constraint":{},"budget":100}`+"\n")
	p := writeTemp(t, "p.jsonl", `{"idx":1,"plan":null}`+"\n")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"travel", "eval", "--queries", q, "--plans", p}, ExitError, `query 1: travel: query: field "org": unknown city "Nowhere"`},
		{[]string{"travel", "eval", "--queries", q}, ExitUsage, "--queries and --plans are required"},
		{[]string{"travel", "eval", "--queries", writeTemp(t, "bad.jsonl", "{\n"), "--plans", p}, ExitError, "bad.jsonl: line 1"},
		{[]string{"travel", "db", "stats", "--db", "/nonexistent"}, ExitError, "travel: database /nonexistent: no such file or directory"},
		{[]string{"travel", "db", "stats", "--flights", "some"}, ExitUsage, `flights mode "some"`},
		{[]string{"travel", "search", "flights", "Nowhere", "Rockford", "2022-03-01"}, ExitError, `origin: unknown city "Nowhere"`},
		{[]string{"tools", "call", "travel.search_accommodations", "--input", `{"city":"Rockford","max_price":-1}`}, ExitError, "must not be negative"},
	}
	for _, tc := range cases {
		r := run(t, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: %+v; want code %d, %q", tc.args, r, tc.code, tc.want)
		}
	}
}

func TestTravelDBDir(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"background/citySet_with_states.txt":           "Rockford\tIllinois\nSt. Petersburg\tFlorida\n",
		"accommodations/clean_accommodations_2022.csv": ",NAME,room type,price,minimum nights,review rate number,house_rules,maximum occupancy,city\n0,Cosy flat,Private room,100.0,1.0,4.0,No pets,2,Rockford\n",
		"restaurants/clean_restaurant_2022.csv":        ",Name,City,Cuisines,Average Cost,Aggregate Rating\n0,Diner,Rockford,\"Tea, BBQ\",10,4.0\n",
		"attractions/attractions.csv":                  "Name,Latitude,Longitude,Address,Phone,Website,City\nPark,1,2,Addr,123,http://x,Rockford\n",
		"googleDistanceMatrix/distance.csv":            "origin,destination,cost,duration,distance\nRockford,St. Petersburg,,20 hours 1 min,\"2,000 km\"\n",
		"flights/clean_Flights_2022.csv":               "Flight Number,Price,DepTime,ArrTime,ActualElapsedTime,FlightDate,OriginCityName,DestCityName,Distance\nF1,100,10:00,12:00,2 hours,2022-03-16,St. Petersburg,Rockford,900.0\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	r := run(t, "", "travel", "db", "stats", "--db", dir, "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"accommodations": 1`) || !strings.Contains(r.stdout, `"synthetic_flights": false`) {
		t.Fatalf("stats: %+v", r)
	}
	r = run(t, "", "travel", "search", "distance", "Rockford", "St. Petersburg", "--db", dir)
	if r.code != 0 || !strings.Contains(r.stdout, `"self_driving_cost": 100`) {
		t.Fatalf("distance: %+v", r)
	}
}
