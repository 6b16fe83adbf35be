// Package travel is plankit's TravelPlanner-compatible travel domain: the
// database (TravelPlanner's directory layout, or the embedded default with
// real tables and labelled synthetic flights), queries and plans in
// TravelPlanner's JSON and string conventions, and an evaluator that scores
// plans exactly as TravelPlanner's eval.py does, plus a strict mode.
//
// # Database
//
// A database directory holds TravelPlanner's files:
//
//	flights/clean_Flights_2022.csv
//	accommodations/clean_accommodations_2022.csv
//	restaurants/clean_restaurant_2022.csv
//	attractions/attractions.csv
//	googleDistanceMatrix/distance.csv
//	background/citySet_with_states.txt
//
// Each file may also be gzip-compressed with a ".gz" suffix. As in the
// evaluator (pandas read_csv + dropna), a row with any empty field — or a
// field spelled like a pandas missing value such as "NA" or "null" — is
// dropped from the flight, accommodation, restaurant and attraction tables;
// the distance table is kept whole and a pair is invalid when its duration or
// distance is missing or its duration contains "day". Self-driving costs
// int(km×0.05) per car (5 people a car), a taxi int(km) per taxi (4 a taxi).
//
// The embedded default database (Default) holds the real accommodation,
// restaurant, attraction, distance and city tables, the 313 real flight rows
// of TravelPlanner's training reference information, and a deterministic
// synthetic flight generator for every other (origin, destination, date) in
// March–April 2022. Synthetic flights have numbers "S" + 8 digits, which no
// real flight has, and Flight.Synthetic set.
//
// # Evaluator
//
// Evaluator scores plans with TravelPlanner's 8 commonsense and 5 hard checks
// and Score computes its six metrics, reproducing eval.py's verdicts and its
// quirks (see Quirks); Strict mode checks what eval.py misses (StrictRules).
//
// # Solver
//
// Solve returns the cheapest plan that passes every check in both modes, or
// proves that none exists within the model described on Solve; Relax finds the
// minimal sets of user constraints whose change makes a query feasible, each
// verified by solving the changed query.
//
// # Language and generation
//
// ParseText reads TravelPlanner-style English into a Query and reports what it
// could not read; Generate writes random queries following TravelPlanner's
// rules (levels, lengths, budgets from database prices) with English texts that
// ParseText reads back.
package travel
