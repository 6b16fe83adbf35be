package nl

import (
	"testing"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

// FuzzTranslate (on HouseWorld, Chip env1 and Wall): no panics; errors are one line; a translation prints as
// text that parses back to the same formula over the environment's names.
func FuzzTranslate(f *testing.F) {
	f.Add("Go to the kitchen, then the bedroom.")
	f.Add("Before stepping into any of the bathrooms, make sure you visit the kitchen first.")
	f.Add("Robot 2 goes to goal2 and stays there, then r1 avoids goal1.")
	var envs []*robot.Env
	for _, name := range []string{"houseworld", "chip1", "wall"} {
		env, err := robot.Scenario(name)
		if err != nil {
			f.Fatal(err)
		}
		envs = append(envs, env)
	}
	f.Fuzz(func(t *testing.T, s string) {
		env := envs[len(s)%len(envs)] // the length picks the environment
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
