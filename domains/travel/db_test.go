package travel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustDefault(t testing.TB, mode FlightsMode) *DB {
	t.Helper()
	db, err := Default(LoadOptions{Flights: mode})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestDefaultDatabase(t *testing.T) {
	db := mustDefault(t, FlightsAll)
	st := db.Stats()
	// Sizes documented in TRAVELPLANNER.md: 4,285 accommodations after dropna,
	// 9,551 restaurants, 17,602 distance rows, 312 cities, 313 real flights.
	if st.Accommodations != 4285 || st.DistanceRows != 17602 || st.Cities != 312 || st.Flights != 313 {
		t.Fatalf("stats %+v", st)
	}
	if st.Restaurants < 9000 || st.Restaurants > 9551 || st.Attractions < 4000 || st.Attractions > 5302 {
		t.Fatalf("stats %+v", st)
	}
	// A real flight of train query 1.
	fs := db.FlightsOn("St. Petersburg", "Rockford", "2022-03-16")
	if len(fs) != 1 || fs[0].Number != "F3573659" || fs[0].Price != 474 || fs[0].Synthetic {
		t.Fatalf("real flight: %+v", fs)
	}
	// Self-driving cost formula from the distance table.
	l, ok := db.Leg("Detroit", "Norfolk")
	if !ok || !l.Valid || l.Km != 1144 || l.SelfDrivingCost() != 57 || l.TaxiCost() != 1144 {
		t.Fatalf("leg %+v", l)
	}
	// Synthetic flights: deterministic, labelled, decodable.
	var syn []Flight
	for _, d := range []string{"2022-03-01", "2022-03-02", "2022-03-03", "2022-04-30"} {
		syn = append(syn, db.FlightsOn("New York", "Los Angeles", d)...)
	}
	if len(syn) == 0 {
		t.Fatal("no synthetic flights New York → Los Angeles in four days")
	}
	for _, f := range syn {
		if !f.Synthetic || !strings.HasPrefix(f.Number, "S") {
			t.Fatalf("unlabelled synthetic flight %+v", f)
		}
		g, ok := db.FlightByNumber(f.Number)
		if !ok || g != f {
			t.Fatalf("FlightByNumber(%s) = %+v, %v", f.Number, g, ok)
		}
		if _, ok := db.FlightOnRoute(f.Number, "New York", "Los Angeles"); !ok {
			t.Fatalf("FlightOnRoute(%s)", f.Number)
		}
	}
	again := mustDefault(t, FlightsAll).FlightsOn("New York", "Los Angeles", "2022-03-01")
	if len(again) > 0 && again[0] != db.FlightsOn("New York", "Los Angeles", "2022-03-01")[0] {
		t.Fatal("synthetic flights are not deterministic")
	}
	if len(db.FlightsOn("New York", "Los Angeles", "2022-05-01")) != 0 {
		t.Fatal("synthetic flights outside March–April")
	}
	// Real-only mode has no synthetic flights.
	real := mustDefault(t, FlightsReal)
	if len(real.FlightsOn("New York", "Los Angeles", "2022-03-01")) != 0 {
		t.Fatal("--flights real offers synthetic flights")
	}
	if _, ok := real.FlightByNumber(syn[0].Number); ok {
		t.Fatal("--flights real resolves a synthetic number")
	}
	// Synthetic-only mode hides real rows.
	synOnly := mustDefault(t, FlightsSynthetic)
	for _, f := range synOnly.FlightsOn("St. Petersburg", "Rockford", "2022-03-16") {
		if !f.Synthetic {
			t.Fatal("--flights synthetic shows a real flight")
		}
	}
}

func TestLoadDirErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadDir(filepath.Join(dir, "nope"), LoadOptions{}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("missing dir: %v", err)
	}
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(CitiesFile, "Rockford\tIllinois\n")
	if _, err := LoadDir(dir, LoadOptions{}); err == nil || !strings.Contains(err.Error(), "missing database file "+AccommodationsFile) {
		t.Fatalf("missing file: %v", err)
	}
	write(AccommodationsFile, ",NAME,room type,price,minimum nights,review rate number,house_rules,maximum occupancy,city\n0,A,Private room,abc,1.0,2.0,No smoking,1,Rockford\n")
	write(RestaurantsFile, ",Name,City,Cuisines,Average Cost,Aggregate Rating\n")
	write(AttractionsFile, "Name,Latitude,Longitude,Address,Phone,Website,City\n")
	write(DistanceFile, "origin,destination,cost,duration,distance\n")
	write(FlightsFile, "Flight Number,Price,DepTime,ArrTime,ActualElapsedTime,FlightDate,OriginCityName,DestCityName,Distance\n")
	_, err := LoadDir(dir, LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), AccommodationsFile+`: line 2: price "abc" is not a number`) {
		t.Fatalf("bad row: %v", err)
	}
	write(AccommodationsFile, ",NAME,room type,price,minimum nights,review rate number,house_rules,maximum occupancy,city\n0,A,Private room,100,1.0,2.0,No smoking,1,Rockford\n1,B,Private room,100,1.0,,No smoking,1,Rockford\n")
	db, err := LoadDir(dir, LoadOptions{})
	if err != nil || len(db.Accommodations) != 1 {
		t.Fatalf("dropna: %v %d", err, len(db.Accommodations))
	}
	if _, err := LoadDir(dir, LoadOptions{Flights: FlightsSynthetic}); err == nil {
		t.Fatal("synthetic flights for a directory database")
	}
}

func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
