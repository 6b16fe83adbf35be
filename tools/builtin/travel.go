package builtin

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/plankit/plankit/domains/travel"
	"github.com/plankit/plankit/tools"
)

// TravelEvaluateInput is the input of travel.evaluate.
type TravelEvaluateInput struct {
	Query   *travel.Query       `json:"query,omitempty" jsonschema:"one TravelPlanner query record (give query+plan, or queries+plans)"`
	Plan    []travel.Day        `json:"plan,omitempty" jsonschema:"the plan for query: a list of day objects with TravelPlanner's keys"`
	Queries []travel.Query      `json:"queries,omitempty" jsonschema:"several query records, paired by position with plans"`
	Plans   []travel.Submission `json:"plans,omitempty" jsonschema:"submission records {idx, query, plan} paired with queries"`
	Strict  bool                `json:"strict,omitempty" jsonschema:"also check flight dates, exact names, the 3-day destination, meal cities and times"`
}

// TravelEvaluateOutput is the output of travel.evaluate.
type TravelEvaluateOutput struct {
	Metrics travel.Metrics      `json:"metrics"`
	Plans   []travel.PlanResult `json:"plans"`
}

// CityInput names a city.
type CityInput struct {
	City string `json:"city" jsonschema:"a city of the database, e.g. Rockford"`
}

// FlightSearchInput is the input of travel.search_flights.
type FlightSearchInput struct {
	Origin      string `json:"origin" jsonschema:"departure city"`
	Destination string `json:"destination" jsonschema:"arrival city"`
	Date        string `json:"date" jsonschema:"YYYY-MM-DD"`
}

// FlightSearchOutput lists flights; synthetic ones are marked.
type FlightSearchOutput struct {
	Flights []travel.Flight `json:"flights"`
	Note    string          `json:"note,omitempty"`
}

// AccommodationSearchInput is the input of travel.search_accommodations.
type AccommodationSearchInput struct {
	City      string  `json:"city" jsonschema:"a city of the database"`
	RoomType  string  `json:"room_type,omitempty" jsonschema:"keep only this TravelPlanner room-type constraint: shared room, not shared room, private room or entire room"`
	HouseRule string  `json:"house_rule,omitempty" jsonschema:"keep only stays that allow this: parties, smoking, children under 10, visitors or pets"`
	MaxPrice  float64 `json:"max_price,omitempty" jsonschema:"keep only stays up to this price per night"`
	People    int     `json:"people,omitempty" jsonschema:"report the rooms needed and cost per night for this many people"`
}

// AccommodationResult is one stay with its cost for the group.
type AccommodationResult struct {
	travel.Accommodation
	Rooms        int     `json:"rooms,omitempty"`
	CostPerNight float64 `json:"cost_per_night,omitempty"`
}

// AccommodationSearchOutput lists stays.
type AccommodationSearchOutput struct {
	Accommodations []AccommodationResult `json:"accommodations"`
}

// RestaurantSearchInput is the input of travel.search_restaurants.
type RestaurantSearchInput struct {
	City    string `json:"city" jsonschema:"a city of the database"`
	Cuisine string `json:"cuisine,omitempty" jsonschema:"keep only restaurants serving this cuisine"`
}

// RestaurantSearchOutput lists restaurants.
type RestaurantSearchOutput struct {
	Restaurants []travel.Restaurant `json:"restaurants"`
}

// AttractionSearchOutput lists attractions.
type AttractionSearchOutput struct {
	Attractions []travel.Attraction `json:"attractions"`
}

// DistanceInput is the input of travel.distance.
type DistanceInput struct {
	Origin      string `json:"origin"`
	Destination string `json:"destination"`
	People      int    `json:"people,omitempty" jsonschema:"group size for the cost (default 1)"`
}

// DistanceOutput is a road leg with its self-driving and taxi costs.
type DistanceOutput struct {
	Found            bool    `json:"found"`
	Valid            bool    `json:"valid" jsonschema:"false when the leg has no duration or distance, or takes a day or more"`
	Duration         string  `json:"duration,omitempty"`
	Distance         string  `json:"distance,omitempty"`
	Km               float64 `json:"km,omitempty"`
	SelfDrivingCost  int     `json:"self_driving_cost,omitempty" jsonschema:"int(km×0.05) per car, ceil(people/5) cars"`
	TaxiCost         int     `json:"taxi_cost,omitempty" jsonschema:"int(km) per taxi, ceil(people/4) taxis"`
	SelfDrivingTrans string  `json:"self_driving_transportation,omitempty" jsonschema:"the plan string for this leg by car"`
	TaxiTrans        string  `json:"taxi_transportation,omitempty" jsonschema:"the plan string for this leg by taxi"`
}

func registerTravel(r *tools.Registry, db func() (*travel.DB, error)) error {
	city := func(d *travel.DB, field, c string) error {
		if _, ok := d.State(c); ok {
			return nil
		}
		if len(d.RestaurantsIn(c))+len(d.AccommodationsIn(c))+len(d.AttractionsIn(c)) > 0 {
			return nil
		}
		return fmt.Errorf("%s: unknown city %q", field, c)
	}
	return errors.Join(
		registerTravelSolve(r, db),
		tools.Add(r, "travel.evaluate",
			"Score TravelPlanner plans exactly as TravelPlanner's eval.py does (8 commonsense and 5 hard checks, six metrics), or with strict=true its stricter reading; every failure names the day and item.",
			func(ctx context.Context, in TravelEvaluateInput) (TravelEvaluateOutput, error) {
				d, err := db()
				if err != nil {
					return TravelEvaluateOutput{}, err
				}
				var qs []travel.Query
				var ps []travel.Submission
				switch {
				case in.Query != nil && len(in.Queries) == 0:
					qs = []travel.Query{*in.Query}
					ps = []travel.Submission{{Plan: in.Plan}}
				case in.Query == nil && len(in.Queries) > 0:
					qs, ps = in.Queries, in.Plans
				default:
					return TravelEvaluateOutput{}, errors.New("give query and plan, or queries and plans")
				}
				for i := range qs {
					if err := qs[i].Validate(d); err != nil {
						return TravelEvaluateOutput{}, fmt.Errorf("query %d: %w", i+1, err)
					}
				}
				rep := (&travel.Evaluator{DB: d, Strict: in.Strict}).Score(qs, ps)
				return TravelEvaluateOutput{Metrics: rep.Metrics, Plans: rep.Plans}, nil
			}),
		tools.Add(r, "travel.search_flights",
			"Flights from origin to destination on a date (TravelPlanner's FlightSearch); in the embedded database, routes and days without real rows get deterministic synthetic flights marked synthetic (numbers S########).",
			func(ctx context.Context, in FlightSearchInput) (FlightSearchOutput, error) {
				d, err := db()
				if err != nil {
					return FlightSearchOutput{}, err
				}
				if err := errors.Join(city(d, "origin", in.Origin), city(d, "destination", in.Destination)); err != nil {
					return FlightSearchOutput{}, err
				}
				out := FlightSearchOutput{Flights: d.FlightsOn(in.Origin, in.Destination, in.Date)}
				if out.Flights == nil {
					out.Flights = []travel.Flight{}
					out.Note = fmt.Sprintf("There is no flight from %s to %s on %s.", in.Origin, in.Destination, in.Date)
				} else if out.Flights[0].Synthetic {
					out.Note = "synthetic flights (generated, not from TravelPlanner's table)"
				}
				return out, nil
			}),
		tools.Add(r, "travel.search_accommodations",
			"Accommodations in a city (after TravelPlanner's dropna), optionally filtered by room-type constraint, allowed house rule and price, with rooms and cost per night for a group.",
			func(ctx context.Context, in AccommodationSearchInput) (AccommodationSearchOutput, error) {
				d, err := db()
				if err != nil {
					return AccommodationSearchOutput{}, err
				}
				if err := city(d, "city", in.City); err != nil {
					return AccommodationSearchOutput{}, err
				}
				if in.People < 0 || in.MaxPrice < 0 {
					return AccommodationSearchOutput{}, errors.New("people and max_price must not be negative")
				}
				out := AccommodationSearchOutput{Accommodations: []AccommodationResult{}}
				for _, a := range d.AccommodationsIn(in.City) {
					if in.RoomType != "" && !travel.RoomTypeOK(in.RoomType, a.RoomType) {
						continue
					}
					if in.HouseRule != "" && !travel.HouseRuleOK(in.HouseRule, a.HouseRules) {
						continue
					}
					if in.MaxPrice > 0 && a.Price > in.MaxPrice {
						continue
					}
					res := AccommodationResult{Accommodation: a}
					if in.People > 0 {
						res.Rooms = travel.Rooms(in.People, a.MaxOccupancy)
						res.CostPerNight = a.Price * float64(res.Rooms)
					}
					out.Accommodations = append(out.Accommodations, res)
				}
				return out, nil
			}),
		tools.Add(r, "travel.search_restaurants",
			"Restaurants in a city, optionally only those serving a cuisine (average cost is per person per meal).",
			func(ctx context.Context, in RestaurantSearchInput) (RestaurantSearchOutput, error) {
				d, err := db()
				if err != nil {
					return RestaurantSearchOutput{}, err
				}
				if err := city(d, "city", in.City); err != nil {
					return RestaurantSearchOutput{}, err
				}
				out := RestaurantSearchOutput{Restaurants: []travel.Restaurant{}}
				for _, x := range d.RestaurantsIn(in.City) {
					if in.Cuisine == "" || strings.Contains(x.Cuisines, in.Cuisine) {
						out.Restaurants = append(out.Restaurants, x)
					}
				}
				return out, nil
			}),
		tools.Add(r, "travel.search_attractions",
			"Attractions in a city (free in TravelPlanner's cost model).",
			func(ctx context.Context, in CityInput) (AttractionSearchOutput, error) {
				d, err := db()
				if err != nil {
					return AttractionSearchOutput{}, err
				}
				if err := city(d, "city", in.City); err != nil {
					return AttractionSearchOutput{}, err
				}
				out := AttractionSearchOutput{Attractions: d.AttractionsIn(in.City)}
				if out.Attractions == nil {
					out.Attractions = []travel.Attraction{}
				}
				return out, nil
			}),
		tools.Add(r, "travel.distance",
			"Road distance, duration and the evaluator's self-driving and taxi costs between two cities (TravelPlanner's DistanceMatrix).",
			func(ctx context.Context, in DistanceInput) (DistanceOutput, error) {
				d, err := db()
				if err != nil {
					return DistanceOutput{}, err
				}
				if err := errors.Join(city(d, "origin", in.Origin), city(d, "destination", in.Destination)); err != nil {
					return DistanceOutput{}, err
				}
				if in.People < 0 {
					return DistanceOutput{}, errors.New("people must not be negative")
				}
				p := max(in.People, 1)
				l, ok := d.Leg(in.Origin, in.Destination)
				if !ok {
					return DistanceOutput{}, nil
				}
				out := DistanceOutput{Found: true, Valid: l.Valid, Duration: l.Duration, Distance: l.Distance, Km: l.Km}
				if l.Valid {
					out.SelfDrivingCost = l.SelfDrivingCost() * ((p + 4) / 5)
					out.TaxiCost = l.TaxiCost() * ((p + 3) / 4)
					out.SelfDrivingTrans = travel.DriveString("Self-driving", l)
					out.TaxiTrans = travel.DriveString("Taxi", l)
				}
				return out, nil
			}),
	)
}

// TravelSolveInput is the input of travel.solve.
type TravelSolveInput struct {
	Query         *travel.Query `json:"query,omitempty" jsonschema:"the query record (give query or text)"`
	Text          string        `json:"text,omitempty" jsonschema:"the query in English, TravelPlanner style"`
	TimeLimitMS   int           `json:"time_limit_ms,omitempty" jsonschema:"search time limit (default 30000)"`
	NoRelaxations bool          `json:"no_relaxations,omitempty" jsonschema:"skip the search for relaxations when infeasible"`
}

// TravelSolveOutput is the output of travel.solve.
type TravelSolveOutput struct {
	Query  travel.Query        `json:"query"`
	Parse  *travel.ParseReport `json:"parse,omitempty"`
	Result travel.Solution     `json:"result"`
}

// TravelParseInput is the input of travel.parse_query.
type TravelParseInput struct {
	Text string `json:"text" jsonschema:"the query in English"`
}

// TravelParseOutput is the output of travel.parse_query.
type TravelParseOutput struct {
	Complete bool               `json:"complete" jsonschema:"true when every required field was read"`
	Query    travel.Query       `json:"query"`
	Report   travel.ParseReport `json:"report"`
	Message  string             `json:"message,omitempty"`
}

// TravelExplainInput is the input of travel.explain.
type TravelExplainInput struct {
	Query       travel.Query `json:"query"`
	TimeLimitMS int          `json:"time_limit_ms,omitempty" jsonschema:"time limit for the relaxation search (default 20000)"`
}

// TravelExplainOutput is the output of travel.explain.
type TravelExplainOutput struct {
	Feasible    bool                `json:"feasible"`
	Cost        float64             `json:"cost,omitempty" jsonschema:"cost of the cheapest plan when feasible"`
	Reasons     []string            `json:"reasons,omitempty"`
	MinCost     float64             `json:"min_cost,omitempty"`
	Relaxations []travel.Relaxation `json:"relaxations"`
}

func registerTravelSolve(r *tools.Registry, db func() (*travel.DB, error)) error {
	return errors.Join(
		tools.Add(r, "travel.solve",
			"Solve a TravelPlanner query exactly: the cheapest plan passing all 13 evaluator checks (TravelPlanner and strict mode), with cost breakdown and verdicts, or a proof of infeasibility with minimal verified relaxations. Give a query record or English text.",
			func(ctx context.Context, in TravelSolveInput) (TravelSolveOutput, error) {
				d, err := db()
				if err != nil {
					return TravelSolveOutput{}, err
				}
				var out TravelSolveOutput
				switch {
				case in.Query != nil && in.Text == "":
					out.Query = *in.Query
				case in.Query == nil && in.Text != "":
					q, rep := travel.ParseText(d, in.Text, travel.ParseOptions{})
					if err := rep.Err(); err != nil {
						return TravelSolveOutput{}, fmt.Errorf("cannot read the query: %s", rep.Message())
					}
					out.Query, out.Parse = q, &rep
				default:
					return TravelSolveOutput{}, errors.New("give query or text")
				}
				if in.TimeLimitMS < 0 {
					return TravelSolveOutput{}, errors.New("time_limit_ms must not be negative")
				}
				limit := 30 * time.Second
				if in.TimeLimitMS > 0 {
					limit = time.Duration(in.TimeLimitMS) * time.Millisecond
				}
				sol, err := travel.Solve(ctx, d, out.Query, travel.SolveOptions{Timeout: limit, NoRelaxations: in.NoRelaxations})
				if err != nil {
					return TravelSolveOutput{}, err
				}
				out.Result = sol
				return out, nil
			}),
		tools.Add(r, "travel.parse_query",
			"Read a TravelPlanner-style English query into the structured query record; reports missing fields, conflicts and assumptions instead of guessing.",
			func(ctx context.Context, in TravelParseInput) (TravelParseOutput, error) {
				d, err := db()
				if err != nil {
					return TravelParseOutput{}, err
				}
				q, rep := travel.ParseText(d, in.Text, travel.ParseOptions{})
				return TravelParseOutput{Complete: rep.Complete(), Query: q, Report: rep, Message: rep.Message()}, nil
			}),
		tools.Add(r, "travel.explain",
			"For an infeasible TravelPlanner query, the minimal sets of constraints (budget, house rule, room type, each cuisine, transportation, visiting-city count, dates) whose change makes it feasible, each with the concrete fix and verified by re-solving.",
			func(ctx context.Context, in TravelExplainInput) (TravelExplainOutput, error) {
				d, err := db()
				if err != nil {
					return TravelExplainOutput{}, err
				}
				sol, err := travel.Solve(ctx, d, in.Query, travel.SolveOptions{NoRelaxations: true})
				if err != nil {
					return TravelExplainOutput{}, err
				}
				out := TravelExplainOutput{Relaxations: []travel.Relaxation{}}
				if sol.Status == travel.StatusSolved {
					out.Feasible, out.Cost = true, sol.Cost.Total
					return out, nil
				}
				if in.TimeLimitMS < 0 {
					return out, errors.New("time_limit_ms must not be negative")
				}
				rel, err := travel.Relax(ctx, d, in.Query, time.Duration(in.TimeLimitMS)*time.Millisecond)
				if err != nil && !errors.Is(err, context.DeadlineExceeded) {
					return out, err
				}
				out.Reasons, out.MinCost = sol.Reasons, sol.MinCost
				if rel != nil {
					out.Relaxations = rel
				}
				return out, nil
			}),
	)
}
