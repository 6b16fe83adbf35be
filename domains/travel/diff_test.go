package travel

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The differential corpus: mutants of the 45 annotated training plans and
// queries, scored once by TravelPlanner's own evaluator
// (../shared/peers/tp_eval/run.sh), whose verdicts are kept as a golden file.
// Regenerate with:
//
//	go test ./domains/travel -run TestDiffCorpus -gen-diff
//	../shared/peers/tp_eval/run.sh testdata/travel/diff/queries.jsonl testdata/travel/diff/plans.jsonl testdata/travel/diff/tp_eval.json
var genDiff = flag.Bool("gen-diff", false, "regenerate the differential corpus under testdata/travel/diff")

const diffDir = "../../testdata/travel/diff"

func TestDiffCorpus(t *testing.T) {
	if *genDiff {
		writeDiffCorpus(t)
		return
	}
	qs := readJSONL[Query](t, filepath.Join(diffDir, "queries.jsonl"))
	ps := readJSONL[Submission](t, filepath.Join(diffDir, "plans.jsonl"))
	raw, err := os.ReadFile(filepath.Join(diffDir, "tp_eval.json"))
	if err != nil {
		t.Fatal(err)
	}
	var peer struct {
		Metrics map[string]float64 `json:"metrics"`
		Plans   []struct {
			Delivered   bool             `json:"delivered"`
			HardRun     bool             `json:"hard_evaluated"`
			TotalCost   *float64         `json:"total_cost"`
			Commonsense map[string]*bool `json:"commonsense"`
			Hard        map[string]*bool `json:"hard"`
		} `json:"plans"`
	}
	if err := json.Unmarshal(raw, &peer); err != nil {
		t.Fatal(err)
	}
	if len(peer.Plans) != len(qs) {
		t.Fatalf("peer has %d plans, corpus %d", len(peer.Plans), len(qs))
	}
	e := &Evaluator{DB: mustDefault(t, FlightsReal)}
	rep := e.Score(qs, ps)
	checks := 0
	for i, r := range rep.Plans {
		p := peer.Plans[i]
		if r.Delivered != p.Delivered || r.HardRun != p.HardRun {
			t.Errorf("plan %d: delivered/hard-run %v/%v, peer %v/%v", i+1, r.Delivered, r.HardRun, p.Delivered, p.HardRun)
		}
		for _, v := range append(slices.Clone(r.Commonsense), r.Hard...) {
			want, ok := p.Commonsense[v.Key]
			if !ok {
				want = p.Hard[v.Key]
			}
			checks++
			if !sameVerdict(v.Pass, want) {
				t.Errorf("plan %d %s: plankit %v, TravelPlanner %v; failures %v", i+1, v.Name, fmtB(v.Pass), fmtB(want), v.Failures)
			}
		}
		if p.TotalCost != nil && r.Delivered && math.Abs(*p.TotalCost-r.TotalCost) > 1e-6 {
			t.Errorf("plan %d: total cost %v, peer %v", i+1, r.TotalCost, *p.TotalCost)
		}
	}
	m := rep.Metrics
	for name, got := range map[string]float64{
		"Delivery Rate": m.DeliveryRate, "Commonsense Constraint Micro Pass Rate": m.CommonsenseMicro,
		"Commonsense Constraint Macro Pass Rate": m.CommonsenseMacro, "Hard Constraint Micro Pass Rate": m.HardMicro,
		"Hard Constraint Macro Pass Rate": m.HardMacro, "Final Pass Rate": m.FinalPassRate,
	} {
		if math.Abs(peer.Metrics[name]-got) > 1e-12 {
			t.Errorf("%s: plankit %v, TravelPlanner %v", name, got, peer.Metrics[name])
		}
	}
	t.Logf("%d plans, %d verdicts compared; metrics %+v", len(qs), checks, m)
}

func sameVerdict(a, b *bool) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func fmtB(b *bool) string {
	if b == nil {
		return "None"
	}
	return fmt.Sprint(*b)
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []T
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, v)
	}
	return out
}

// mutant operators; each edits a copy of a plan or its query.
func writeDiffCorpus(t *testing.T) {
	db := mustDefault(t, FlightsReal)
	qs, _ := loadTrain(t)
	rng := rand.New(rand.NewPCG(2026, 11))
	var outQ []map[string]any
	var outP []map[string]any
	rawQ := readJSONL[map[string]any](t, "../../testdata/travel/train_queries.jsonl")
	rawP := readJSONL[map[string]any](t, "../../testdata/travel/train_plans.jsonl")
	// The originals first.
	for i := range rawQ {
		outQ = append(outQ, rawQ[i])
		outP = append(outP, rawP[i])
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	allCities := db.Cities
	for n := 0; n < 600; n++ {
		k := rng.IntN(len(qs))
		q := cloneMap(rawQ[k])
		p := cloneMap(rawP[k])
		days := p["plan"].([]any)
		nd := qs[k].Days
		day := func() map[string]any { return days[rng.IntN(nd)].(map[string]any) }
		cityOf := func(d map[string]any) string {
			cc, _ := d["current_city"].(string)
			if a, b, ok := ExtractFromTo(cc); ok {
				if rng.IntN(2) == 0 {
					return BeforeParen(a)
				}
				return BeforeParen(b)
			}
			return BeforeParen(cc)
		}
		for m := 0; m < 1+rng.IntN(3); m++ {
			d := day()
			op := rng.IntN(22)
			if op >= 13 && op <= 16 && qs[k].Level == "easy" {
				op = 0 // TravelPlanner's eval.py crashes on easy queries with local constraints
			}
			switch op {
			case 0, 1: // meal from same city / other city / nonexistent / substring
				meal := pick(meals)
				city := cityOf(d)
				if rng.IntN(3) == 0 {
					city = pick(allCities)
				}
				rs := db.RestaurantsIn(city)
				switch {
				case len(rs) > 0 && rng.IntN(4) > 0:
					r := rs[rng.IntN(len(rs))]
					name := r.Name
					if rng.IntN(4) == 0 && len(name) > 3 {
						name = name[:len(name)/2]
					}
					d[meal] = name + ", " + r.City
				default:
					d[meal] = "Nowhere Diner, " + city
				}
			case 2: // repeat a meal of another day
				d2 := day()
				if v, ok := d2[pick(meals)].(string); ok {
					d[pick(meals)] = v
				}
			case 3: // drop the trailing ';' of attractions
				if v, ok := d["attraction"].(string); ok {
					d["attraction"] = strings.TrimSuffix(v, ";")
				}
			case 4: // duplicate or foreign attraction
				city := cityOf(d)
				if rng.IntN(3) == 0 {
					city = pick(allCities)
				}
				as := db.AttractionsIn(city)
				if len(as) > 0 {
					a := as[rng.IntN(len(as))]
					v, _ := d["attraction"].(string)
					if v == "-" {
						v = ""
					}
					d["attraction"] = v + a.Name + ", " + a.City + ";"
				}
			case 5, 6: // another accommodation of the city (rules, type, min nights, price change)
				city := cityOf(d)
				as := db.AccommodationsIn(city)
				if len(as) > 0 && d["accommodation"] != "-" {
					a := as[rng.IntN(len(as))]
					v := a.Name + ", " + a.City
					// change one night or the whole consecutive stay
					old := d["accommodation"]
					if rng.IntN(2) == 0 {
						for _, x := range days[:nd] {
							if xm := x.(map[string]any); xm["accommodation"] == old {
								xm["accommodation"] = v
							}
						}
					} else {
						d["accommodation"] = v
					}
				}
			case 7: // transportation switched to self-driving / taxi on the same leg
				if v, ok := d["transportation"].(string); ok && v != "-" {
					if a, b, ok := ExtractFromTo(d["current_city"].(string)); ok {
						a, b = BeforeParen(a), BeforeParen(b)
						mode := pick([]string{"Self-driving", "Taxi"})
						d["transportation"] = fmt.Sprintf("%s, from %s to %s, duration: 1 hours, distance: 100 km, cost: 5", mode, a, b)
					}
				}
			case 8: // transportation removed
				d["transportation"] = "-"
			case 9: // a real flight number of another route
				if v, ok := d["transportation"].(string); ok && strings.Contains(v, "Flight Number: ") {
					f := db.Flights[rng.IntN(len(db.Flights))]
					num, _ := FlightNumberOf(v)
					d["transportation"] = strings.Replace(v, num, f.Number, 1)
				}
			case 10: // meal or attraction or accommodation emptied
				key := pick(append(slices.Clone(dayKeys), "breakfast"))
				d[key] = pick([]string{"-", ""})
			case 11: // budget
				q["budget"] = math.Round(q["budget"].(float64) * (0.5 + rng.Float64()))
			case 12: // people
				q["people_number"] = float64(1 + rng.IntN(8))
			case 13: // house rule
				q["local_constraint"].(map[string]any)["house rule"] = pick(HouseRules)
			case 14: // room type
				q["local_constraint"].(map[string]any)["room type"] = pick(RoomTypes)
			case 15: // cuisine
				cs := []any{}
				for _, i := range rng.Perm(len(Cuisines))[:1+rng.IntN(4)] {
					cs = append(cs, Cuisines[i]) // distinct: eval.py crashes on a repeated cuisine
				}
				q["local_constraint"].(map[string]any)["cuisine"] = cs
			case 16: // transportation constraint
				q["local_constraint"].(map[string]any)["transportation"] = pick(Transports)
			case 17: // a non-travel day's city renamed
				if cc, ok := d["current_city"].(string); ok && !strings.Contains(cc, "from") {
					d["current_city"] = pick(allCities)
				}
			case 18: // a day replaced by the placeholder text
				d["current_city"] = placeholderDay
			case 19: // state suffix added or removed
				if cc, ok := d["current_city"].(string); ok && !strings.Contains(cc, "from") {
					if strings.Contains(cc, "(") {
						d["current_city"] = BeforeParen(cc)
					} else if st, ok := db.State(BeforeParen(cc)); ok {
						d["current_city"] = cc + "(" + st + ")"
					}
				}
			case 20: // undelivered
				p["plan"] = nil
			case 21: // swap two days' meals
				d2 := day()
				m1 := pick(meals)
				d[m1], d2[m1] = d2[m1], d[m1]
			}
			if p["plan"] == nil {
				break
			}
		}
		p["idx"] = float64(len(outQ) + 1)
		q["idx"] = float64(len(outQ) + 1)
		outQ = append(outQ, q)
		outP = append(outP, p)
	}
	os.MkdirAll(diffDir, 0o755)
	writeJSONL(t, filepath.Join(diffDir, "queries.jsonl"), outQ)
	writeJSONL(t, filepath.Join(diffDir, "plans.jsonl"), outP)
	t.Logf("wrote %d mutants", len(outQ))
}

func cloneMap(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}

func writeJSONL(t *testing.T, path string, rows []map[string]any) {
	var b strings.Builder
	for _, r := range rows {
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
