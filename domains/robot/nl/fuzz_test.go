package nl

import (
	"testing"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

// FuzzTranslate: no panics; errors are one line; a translation prints as
// text that parses back to the same formula over the environment's names.
func FuzzTranslate(f *testing.F) {
	f.Add("Go to the kitchen, then the bedroom.")
	f.Add("Before stepping into any of the bathrooms, make sure you visit the kitchen first.")
	env, err := robot.Scenario("houseworld")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Translate(env, s)
		if err != nil {
			oneLine(t, err)
			return
		}
		g, err := stl.Parse(res.Text)
		if err != nil || !stl.Equal(g, res.Formula) {
			t.Fatalf("%q: text %q does not parse back: %v", s, res.Text, err)
		}
		if err := env.CheckFormula(res.Formula); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}
