// Package sat is plankit's Boolean satisfiability layer: a clause builder over
// named or numbered variables with cardinality encodings, solved by gini with
// assumptions, failed-assumption cores, model enumeration, cancellation and
// DIMACS CNF input and output.
//
// Literals use the DIMACS convention: variable v is the literal v, its
// negation is -v, and 0 is never a literal.
//
//	f := sat.New()
//	x, y := f.Named("x"), f.Named("y")
//	f.AddClause(x, y)
//	f.AddClause(x.Not())
//	res, err := f.Solve(ctx, sat.Options{})
//	// res.Status == sat.Satisfiable, res.Value(y) == true
package sat
