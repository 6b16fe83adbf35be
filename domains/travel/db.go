package travel

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// Errors returned by the database.
var (
	ErrMissingFile = errors.New("travel: missing database file")
	ErrBadRow      = errors.New("travel: malformed database row")
)

// File names of TravelPlanner's database layout.
const (
	FlightsFile        = "flights/clean_Flights_2022.csv"
	AccommodationsFile = "accommodations/clean_accommodations_2022.csv"
	RestaurantsFile    = "restaurants/clean_restaurant_2022.csv"
	AttractionsFile    = "attractions/attractions.csv"
	DistanceFile       = "googleDistanceMatrix/distance.csv"
	CitiesFile         = "background/citySet_with_states.txt"
)

// Flight is one row of the flights table.
type Flight struct {
	Number      string  `json:"flight_number"`
	Price       float64 `json:"price"`
	DepTime     string  `json:"dep_time"`
	ArrTime     string  `json:"arr_time"`
	Elapsed     string  `json:"actual_elapsed_time"`
	Date        string  `json:"flight_date"`
	Origin      string  `json:"origin"`
	Dest        string  `json:"destination"`
	DistanceMi  float64 `json:"distance"`
	Synthetic   bool    `json:"synthetic,omitempty"`
	depMinutes  int
	arrMinutes  int
	hasMinutes  bool
	realOrdinal int
}

// Accommodation is one row of the accommodations table.
type Accommodation struct {
	Name         string  `json:"name"`
	RoomType     string  `json:"room_type"`
	Price        float64 `json:"price"`
	MinNights    float64 `json:"minimum_nights"`
	Rating       float64 `json:"review_rate_number"`
	HouseRules   string  `json:"house_rules"`
	MaxOccupancy float64 `json:"maximum_occupancy"`
	City         string  `json:"city"`
}

// Restaurant is one row of the restaurants table.
type Restaurant struct {
	Name     string  `json:"name"`
	City     string  `json:"city"`
	Cuisines string  `json:"cuisines"`
	Cost     float64 `json:"average_cost"`
	Rating   float64 `json:"aggregate_rating"`
}

// Attraction is one row of the attractions table.
type Attraction struct {
	Name      string  `json:"name"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Address   string  `json:"address"`
	Phone     string  `json:"phone"`
	Website   string  `json:"website"`
	City      string  `json:"city"`
}

// Leg is one row of the distance table, as the evaluator reads it.
type Leg struct {
	Origin   string `json:"origin"`
	Dest     string `json:"destination"`
	Duration string `json:"duration"`
	Distance string `json:"distance"`
	// Km is the parsed distance; Valid is false when duration or distance is
	// missing or the duration contains "day" (then no car or taxi cost).
	Km    float64 `json:"km"`
	Valid bool    `json:"valid"`
}

// SelfDrivingCost is the evaluator's cost of one car for the leg.
func (l Leg) SelfDrivingCost() int { return int(l.Km * 0.05) }

// TaxiCost is the evaluator's cost of one taxi for the leg.
func (l Leg) TaxiCost() int { return int(l.Km) }

// FlightsMode selects which flights a database offers.
type FlightsMode int

// Flight selections for the embedded database.
const (
	FlightsAll       FlightsMode = iota // real rows, plus synthetic ones for the embedded database
	FlightsReal                         // only rows of the flights table
	FlightsSynthetic                    // only synthetic rows (embedded database)
)

// ParseFlightsMode reads "all", "real" or "synthetic".
func ParseFlightsMode(s string) (FlightsMode, error) {
	switch s {
	case "all", "":
		return FlightsAll, nil
	case "real":
		return FlightsReal, nil
	case "synthetic":
		return FlightsSynthetic, nil
	}
	return 0, fmt.Errorf("travel: flights mode %q: want real, synthetic or all", s)
}

func (m FlightsMode) String() string {
	return [...]string{"all", "real", "synthetic"}[m]
}

// DB is a loaded, indexed travel database. It is read-only after loading and
// safe for concurrent use.
type DB struct {
	Source string // directory or "embedded"

	Flights        []Flight // rows of the flights table (after dropna); see FlightsOn for synthetic ones
	Accommodations []Accommodation
	Restaurants    []Restaurant
	Attractions    []Attraction
	Legs           []Leg
	CityState      map[string]string // city → state, from citySet_with_states.txt
	Cities         []string          // in file order

	mode  FlightsMode
	synth *synthFlights

	flightsByNumber map[string][]int
	flightsByRoute  map[routeDay][]int
	accByCity       map[string][]int
	restByCity      map[string][]int
	attrByCity      map[string][]int
	legByPair       map[[2]string]int // first row of each ordered pair
	statesCities    map[string][]string
}

type routeDay struct{ org, dest, date string }

// LoadOptions controls loading.
type LoadOptions struct {
	Flights FlightsMode
}

// LoadDir loads a database directory in TravelPlanner's layout.
func LoadDir(dir string, opts LoadOptions) (*DB, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("travel: database %s: %w", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("travel: database %s: not a directory", dir)
	}
	if opts.Flights == FlightsSynthetic {
		return nil, fmt.Errorf("travel: --flights synthetic is only for the embedded database")
	}
	db, err := load(os.DirFS(dir), dir, opts, false)
	if err != nil {
		return nil, err
	}
	return db, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func load(fsys fs.FS, source string, opts LoadOptions, embedded bool) (*DB, error) {
	db := &DB{Source: source, mode: opts.Flights}
	type step struct {
		name string
		fn   func(*csvFile) error
	}
	steps := []step{
		{CitiesFile, nil},
		{AccommodationsFile, db.readAccommodations},
		{RestaurantsFile, db.readRestaurants},
		{AttractionsFile, db.readAttractions},
		{DistanceFile, db.readLegs},
	}
	if opts.Flights != FlightsSynthetic {
		steps = append(steps, step{FlightsFile, db.readFlights})
	}
	for _, s := range steps {
		r, closeFn, err := open(fsys, s.name)
		if err != nil {
			return nil, err
		}
		if s.fn == nil {
			err = db.readCities(r, s.name)
		} else {
			err = s.fn(&csvFile{name: s.name, r: r})
		}
		closeFn()
		if err != nil {
			return nil, err
		}
	}
	db.index()
	if embedded && opts.Flights != FlightsReal {
		db.synth = newSynthFlights(db)
	}
	return db, nil
}

// open opens name or name.gz in fsys.
func open(fsys fs.FS, name string) (io.Reader, func(), error) {
	f, err := fsys.Open(name)
	if err == nil {
		return bufio.NewReaderSize(f, 1<<16), func() { f.Close() }, nil
	}
	gzf, gzErr := fsys.Open(name + ".gz")
	if gzErr != nil {
		return nil, nil, fmt.Errorf("%w %s", ErrMissingFile, name)
	}
	zr, err := gzip.NewReader(bufio.NewReader(gzf))
	if err != nil {
		gzf.Close()
		return nil, nil, fmt.Errorf("travel: %s.gz: %w", name, err)
	}
	return zr, func() { zr.Close(); gzf.Close() }, nil
}

func (db *DB) readCities(r io.Reader, name string) error {
	db.CityState = map[string]string{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" {
			continue
		}
		city, state, ok := strings.Cut(text, "\t")
		if !ok || city == "" || state == "" {
			return fmt.Errorf("%w: %s: line %d: want CITY<TAB>STATE, got %q", ErrBadRow, name, line, clip(text))
		}
		if _, dup := db.CityState[city]; !dup {
			db.Cities = append(db.Cities, city)
		}
		db.CityState[city] = state
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("travel: %s: %w", name, err)
	}
	return nil
}

// csvFile reads a CSV table with pandas-like semantics: a header row, named
// columns, quoted fields, and detection of missing values.
type csvFile struct {
	name string
	r    io.Reader
	cr   *csv.Reader
	cols map[string]int
	ncol int
}

// pandasNA are the strings pandas.read_csv reads as missing by default.
var pandasNA = map[string]bool{
	"": true, "#N/A": true, "#N/A N/A": true, "#NA": true, "-1.#IND": true, "-1.#QNAN": true, "-NaN": true, "-nan": true,
	"1.#IND": true, "1.#QNAN": true, "<NA>": true, "N/A": true, "NA": true, "NULL": true, "NaN": true, "None": true,
	"n/a": true, "nan": true, "null": true,
}

func (f *csvFile) header(want ...string) error {
	f.cr = csv.NewReader(f.r)
	f.cr.LazyQuotes = true
	f.cr.FieldsPerRecord = -1
	f.cr.ReuseRecord = true
	h, err := f.cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%w: %s: empty file (want a header row)", ErrBadRow, f.name)
		}
		return fmt.Errorf("%w: %s: line 1: %v", ErrBadRow, f.name, err)
	}
	f.ncol = len(h)
	f.cols = map[string]int{}
	for i, c := range h {
		if i == 0 {
			c = strings.TrimPrefix(c, "\ufeff")
		}
		f.cols[c] = i
	}
	for _, w := range want {
		if _, ok := f.cols[w]; !ok {
			return fmt.Errorf("%w: %s: line 1: no column %q in the header", ErrBadRow, f.name, w)
		}
	}
	return nil
}

// rows calls fn for every data row; complete reports whether no field of the
// row is missing (the dropna rule).
func (f *csvFile) rows(fn func(line int, rec []string, complete bool) error) error {
	for {
		rec, err := f.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		line, _ := f.cr.FieldPos(0)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrBadRow, f.name, err)
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		if len(rec) != f.ncol {
			return fmt.Errorf("%w: %s: line %d: %d fields, header has %d", ErrBadRow, f.name, line, len(rec), f.ncol)
		}
		complete := true
		for _, v := range rec {
			if pandasNA[v] {
				complete = false
				break
			}
		}
		if err := fn(line, rec, complete); err != nil {
			return err
		}
	}
}

func (f *csvFile) num(line int, rec []string, col string) (float64, error) {
	s := rec[f.cols[col]]
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s: line %d: %s %q is not a number", ErrBadRow, f.name, line, col, clip(s))
	}
	return v, nil
}

func (f *csvFile) str(rec []string, col string) string { return rec[f.cols[col]] }

func (db *DB) readAccommodations(f *csvFile) error {
	cols := []string{"NAME", "room type", "price", "minimum nights", "review rate number", "house_rules", "maximum occupancy", "city"}
	if err := f.header(cols...); err != nil {
		return err
	}
	return f.rows(func(line int, rec []string, ok bool) error {
		if !ok {
			return nil
		}
		a := Accommodation{Name: f.str(rec, "NAME"), RoomType: f.str(rec, "room type"), HouseRules: f.str(rec, "house_rules"), City: f.str(rec, "city")}
		var err error
		if a.Price, err = f.num(line, rec, "price"); err != nil {
			return err
		}
		if a.MinNights, err = f.num(line, rec, "minimum nights"); err != nil {
			return err
		}
		if a.Rating, err = f.num(line, rec, "review rate number"); err != nil {
			return err
		}
		if a.MaxOccupancy, err = f.num(line, rec, "maximum occupancy"); err != nil {
			return err
		}
		if a.MaxOccupancy <= 0 {
			return fmt.Errorf("%w: %s: line %d: maximum occupancy %v must be positive", ErrBadRow, f.name, line, a.MaxOccupancy)
		}
		db.Accommodations = append(db.Accommodations, a)
		return nil
	})
}

func (db *DB) readRestaurants(f *csvFile) error {
	if err := f.header("Name", "City", "Cuisines", "Average Cost", "Aggregate Rating"); err != nil {
		return err
	}
	return f.rows(func(line int, rec []string, ok bool) error {
		if !ok {
			return nil
		}
		r := Restaurant{Name: f.str(rec, "Name"), City: f.str(rec, "City"), Cuisines: f.str(rec, "Cuisines")}
		var err error
		if r.Cost, err = f.num(line, rec, "Average Cost"); err != nil {
			return err
		}
		if r.Rating, err = f.num(line, rec, "Aggregate Rating"); err != nil {
			return err
		}
		db.Restaurants = append(db.Restaurants, r)
		return nil
	})
}

func (db *DB) readAttractions(f *csvFile) error {
	if err := f.header("Name", "Latitude", "Longitude", "Address", "Phone", "Website", "City"); err != nil {
		return err
	}
	return f.rows(func(line int, rec []string, ok bool) error {
		if !ok {
			return nil
		}
		a := Attraction{Name: f.str(rec, "Name"), Address: f.str(rec, "Address"), Phone: f.str(rec, "Phone"), Website: f.str(rec, "Website"), City: f.str(rec, "City")}
		var err error
		if a.Latitude, err = f.num(line, rec, "Latitude"); err != nil {
			return err
		}
		if a.Longitude, err = f.num(line, rec, "Longitude"); err != nil {
			return err
		}
		db.Attractions = append(db.Attractions, a)
		return nil
	})
}

func (db *DB) readLegs(f *csvFile) error {
	if err := f.header("origin", "destination", "duration", "distance"); err != nil {
		return err
	}
	return f.rows(func(line int, rec []string, _ bool) error {
		l := Leg{Origin: f.str(rec, "origin"), Dest: f.str(rec, "destination"), Duration: f.str(rec, "duration"), Distance: f.str(rec, "distance")}
		if !pandasNA[l.Duration] && !pandasNA[l.Distance] {
			km, err := parseKm(l.Distance)
			if err != nil {
				return fmt.Errorf("%w: %s: line %d: distance %q: %v", ErrBadRow, f.name, line, clip(l.Distance), err)
			}
			l.Km = km
			l.Valid = !strings.Contains(l.Duration, "day")
		}
		db.Legs = append(db.Legs, l)
		return nil
	})
}

// parseKm reads distances like "1,144 km" as the evaluator does
// (drop "km" and ",", evaluate the number).
func parseKm(s string) (float64, error) {
	t := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "km", ""), ",", ""))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, errors.New("not a number of km")
	}
	if v < 0 || v > 1e6 {
		return 0, errors.New("out of range")
	}
	return v, nil
}

func (db *DB) readFlights(f *csvFile) error {
	if err := f.header("Flight Number", "Price", "DepTime", "ArrTime", "ActualElapsedTime", "FlightDate", "OriginCityName", "DestCityName", "Distance"); err != nil {
		return err
	}
	return f.rows(func(line int, rec []string, ok bool) error {
		if !ok {
			return nil
		}
		fl := Flight{Number: f.str(rec, "Flight Number"), DepTime: f.str(rec, "DepTime"), ArrTime: f.str(rec, "ArrTime"),
			Elapsed: f.str(rec, "ActualElapsedTime"), Date: f.str(rec, "FlightDate"), Origin: f.str(rec, "OriginCityName"),
			Dest: f.str(rec, "DestCityName"), realOrdinal: len(db.Flights)}
		var err error
		if fl.Price, err = f.num(line, rec, "Price"); err != nil {
			return err
		}
		if fl.DistanceMi, err = f.num(line, rec, "Distance"); err != nil {
			return err
		}
		fl.setMinutes()
		db.Flights = append(db.Flights, fl)
		return nil
	})
}

func (fl *Flight) setMinutes() {
	d, ok1 := clockMinutes(fl.DepTime)
	a, ok2 := clockMinutes(fl.ArrTime)
	fl.depMinutes, fl.arrMinutes, fl.hasMinutes = d, a, ok1 && ok2
}

// clockMinutes parses "HH:MM".
func clockMinutes(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}

func (db *DB) index() {
	db.flightsByNumber = map[string][]int{}
	db.flightsByRoute = map[routeDay][]int{}
	for i, f := range db.Flights {
		db.flightsByNumber[f.Number] = append(db.flightsByNumber[f.Number], i)
		k := routeDay{f.Origin, f.Dest, f.Date}
		db.flightsByRoute[k] = append(db.flightsByRoute[k], i)
	}
	db.accByCity = map[string][]int{}
	for i, a := range db.Accommodations {
		db.accByCity[a.City] = append(db.accByCity[a.City], i)
	}
	db.restByCity = map[string][]int{}
	for i, r := range db.Restaurants {
		db.restByCity[r.City] = append(db.restByCity[r.City], i)
	}
	db.attrByCity = map[string][]int{}
	for i, a := range db.Attractions {
		db.attrByCity[a.City] = append(db.attrByCity[a.City], i)
	}
	db.legByPair = map[[2]string]int{}
	for i, l := range db.Legs {
		k := [2]string{l.Origin, l.Dest}
		if _, ok := db.legByPair[k]; !ok {
			db.legByPair[k] = i
		}
	}
	db.statesCities = map[string][]string{}
	for _, c := range db.Cities {
		s := db.CityState[c]
		db.statesCities[s] = append(db.statesCities[s], c)
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
