package travel

import "strings"

// Mode returns the flight selection the database was loaded with.
func (db *DB) Mode() FlightsMode { return db.mode }

// HasSynthetic reports whether synthetic flights are offered.
func (db *DB) HasSynthetic() bool { return db.synth != nil }

// State returns the state of a city in the city set.
func (db *DB) State(city string) (string, bool) {
	s, ok := db.CityState[city]
	return s, ok
}

// CitiesIn returns the cities of a state, in city-set order.
func (db *DB) CitiesIn(state string) []string { return db.statesCities[state] }

// IsState reports whether s names a state of the city set.
func (db *DB) IsState(s string) bool { return len(db.statesCities[s]) > 0 }

// FlightsOn returns the flights from org to dest on date (YYYY-MM-DD): the
// real rows when the table has any for that route and day, otherwise (in the
// embedded database) the synthetic ones.
func (db *DB) FlightsOn(org, dest, date string) []Flight {
	var out []Flight
	if db.mode != FlightsSynthetic {
		for _, i := range db.flightsByRoute[routeDay{org, dest, date}] {
			out = append(out, db.Flights[i])
		}
	}
	if len(out) == 0 && db.synth != nil {
		out = db.synth.on(org, dest, date)
	}
	return out
}

// FlightByNumber returns the first flight with that number, as the
// evaluator's cost function looks it up (number only).
func (db *DB) FlightByNumber(num string) (Flight, bool) {
	if ids := db.flightsByNumber[num]; len(ids) > 0 {
		return db.Flights[ids[0]], true
	}
	if db.synth != nil {
		return db.synth.byNumber(num)
	}
	return Flight{}, false
}

// FlightOnRoute reports whether a flight with that number flies org → dest
// (on any date), the evaluator's sandbox test.
func (db *DB) FlightOnRoute(num, org, dest string) (Flight, bool) {
	for _, i := range db.flightsByNumber[num] {
		if f := db.Flights[i]; f.Origin == org && f.Dest == dest {
			return f, true
		}
	}
	if db.synth != nil {
		if f, ok := db.synth.byNumber(num); ok && f.Origin == org && f.Dest == dest {
			return f, true
		}
	}
	return Flight{}, false
}

// Leg returns the first distance row from org to dest.
func (db *DB) Leg(org, dest string) (Leg, bool) {
	i, ok := db.legByPair[[2]string{org, dest}]
	if !ok {
		return Leg{}, false
	}
	return db.Legs[i], true
}

// AccommodationsIn returns the accommodations of a city in file order.
func (db *DB) AccommodationsIn(city string) []Accommodation {
	return pick(db.Accommodations, db.accByCity[city])
}

// RestaurantsIn returns the restaurants of a city in file order.
func (db *DB) RestaurantsIn(city string) []Restaurant {
	return pick(db.Restaurants, db.restByCity[city])
}

// AttractionsIn returns the attractions of a city in file order.
func (db *DB) AttractionsIn(city string) []Attraction {
	return pick(db.Attractions, db.attrByCity[city])
}

// pick returns rows[ids[0]], rows[ids[1]], ….
func pick[T any](rows []T, ids []int) []T {
	out := make([]T, len(ids))
	for i, id := range ids {
		out[i] = rows[id]
	}
	return out
}

// Match selects how a plan's item names are matched to database rows.
type Match int

// Name matching rules.
const (
	// Substring is the evaluator's rule: the row's name contains the given
	// name (case-sensitive) and the city is equal; the first such row counts.
	Substring Match = iota
	// Exact requires the names to be equal (strict mode).
	Exact
)

func nameMatches(rowName, name string, m Match) bool {
	if m == Exact {
		return strings.TrimSpace(rowName) == name
	}
	return strings.Contains(rowName, name)
}

// FindRestaurant returns the first restaurant in city matching name and the
// number of matching rows.
func (db *DB) FindRestaurant(name, city string, m Match) (Restaurant, int) {
	return findFirst(db.Restaurants, db.restByCity[city], func(r Restaurant) string { return r.Name }, name, m)
}

// FindAccommodation returns the first accommodation in city matching name
// and the number of matching rows.
func (db *DB) FindAccommodation(name, city string, m Match) (Accommodation, int) {
	return findFirst(db.Accommodations, db.accByCity[city], func(a Accommodation) string { return a.Name }, name, m)
}

// FindAttraction returns the first attraction in city matching name and the
// number of matching rows.
func (db *DB) FindAttraction(name, city string, m Match) (Attraction, int) {
	return findFirst(db.Attractions, db.attrByCity[city], func(a Attraction) string { return a.Name }, name, m)
}

// findFirst scans rows[ids…] in order and returns the first whose name
// matches under m, with the number of matching rows.
func findFirst[T any](rows []T, ids []int, nameOf func(T) string, name string, m Match) (T, int) {
	var first T
	n := 0
	for _, i := range ids {
		if nameMatches(nameOf(rows[i]), name, m) {
			if n == 0 {
				first = rows[i]
			}
			n++
		}
	}
	return first, n
}

// Stats are the table sizes of a database.
type Stats struct {
	Source             string `json:"source"`
	Flights            int    `json:"flights"`
	SyntheticFlights   bool   `json:"synthetic_flights"`
	FlightsMode        string `json:"flights_mode"`
	Accommodations     int    `json:"accommodations"`
	Restaurants        int    `json:"restaurants"`
	Attractions        int    `json:"attractions"`
	DistanceRows       int    `json:"distance_rows"`
	ValidDistanceRows  int    `json:"valid_distance_rows"`
	Cities             int    `json:"cities"`
	States             int    `json:"states"`
	AccommodationCites int    `json:"accommodation_cities"`
	RestaurantCities   int    `json:"restaurant_cities"`
	AttractionCities   int    `json:"attraction_cities"`
}

// Stats returns the table sizes.
func (db *DB) Stats() Stats {
	s := Stats{Source: db.Source, Flights: len(db.Flights), SyntheticFlights: db.synth != nil, FlightsMode: db.mode.String(),
		Accommodations: len(db.Accommodations), Restaurants: len(db.Restaurants), Attractions: len(db.Attractions),
		DistanceRows: len(db.Legs), Cities: len(db.Cities), States: len(db.statesCities),
		AccommodationCites: len(db.accByCity), RestaurantCities: len(db.restByCity), AttractionCities: len(db.attrByCity)}
	if db.mode == FlightsSynthetic {
		s.Flights = 0
	}
	for _, l := range db.Legs {
		if l.Valid {
			s.ValidDistanceRows++
		}
	}
	return s
}
