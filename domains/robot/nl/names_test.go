package nl

import (
	"errors"
	"testing"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

func scenario(t *testing.T, name string) *robot.Env {
	t.Helper()
	env, err := robot.Scenario(name)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// wantFormula translates text on env and compares the formula with want
// (parsed and printed, so spacing does not matter).
func wantFormula(t *testing.T, env *robot.Env, text, want string) {
	t.Helper()
	res, err := Translate(env, text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	wf, err := stl.Parse(want)
	if err != nil {
		t.Fatalf("bad want %q: %v", want, err)
	}
	if res.Text != wf.String() {
		t.Fatalf("%q:\n got %s\nwant %s", text, res.Text, wf.String())
	}
}

// TestArticleNamedRegion: a region named "a" is a place where a place is
// expected, never a dropped article.
func TestArticleNamedRegion(t *testing.T) {
	env, err := robot.ParseEnv([]byte(`{"name": "ab", "bounds": [0, 10, 0, 10], "horizon": 20,
		"regions": [{"name": "a", "kind": "room", "box": [1, 2, 1, 2]}, {"name": "b", "kind": "room", "box": [7, 8, 7, 8]},
		{"name": "an", "kind": "room", "box": [1, 2, 7, 8]}],
		"robots": [{"name": "r1", "start": [5, 5], "max_speed": 2, "radius": 0.1}]}`))
	if err != nil {
		t.Fatal(err)
	}
	wantFormula(t, env, "go to a then b", "F(a & F b)")
	wantFormula(t, env, "go to b, then a", "F(b & F a)")
	wantFormula(t, env, "visit a, an and b", "F(a & F(an & F b))")
	wantFormula(t, env, "go to a room", "F(a | b | an)")
	wantFormula(t, env, "avoid a and go to b", "F b & G !a")
	// "a b": region a then b, or the article and b; never b alone
	_, err = Translate(env, "go to a b")
	if !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("go to a b: want ambiguous, got %v", err)
	}
	oneLine(t, err)
}

// TestExactNames: a region's exact name is always a name, whatever its
// underscores and digits, and so is a robot-qualified name.
func TestExactNames(t *testing.T) {
	over := scenario(t, "overcooked")
	wantFormula(t, over, "go to ingredient1 and then to cooking_room1", "F(ingredient1 & F cooking_room1)")
	wantFormula(t, over, "Go to Cooking_Room1.", "F cooking_room1")
	wantFormula(t, over, "r2 goes to cooking_room1", "F r2.cooking_room1")
	wantFormula(t, over, "go to r2.ingredient1", "F r2.ingredient1")
}

// TestNeverBefore: "never enter X before Y" is !x U y.
func TestNeverBefore(t *testing.T) {
	chip := scenario(t, "chip3")
	wantFormula(t, chip, "reach goal2 but never enter door1 before key1.", "F goal2 & (!door1 U key1)")
	wantFormula(t, chip, "never enter door1 before key1", "!door1 U key1")
	wantFormula(t, chip, "stay away from door1 before reaching key1", "!door1 U key1")
	// as with "until", the key is no step of the sequence
	wantFormula(t, chip, "do not enter door1 before reaching key1, then reach goal2", "F goal2 & (!door1 U key1)")
	wantFormula(t, chip, "do not enter door1 until key1, then reach goal2", "F goal2 & (!door1 U key1)")
}

// TestFirstOfAll: "every room, the living room first" visits the living
// room before any other room (!x U living_room), not after each.
func TestFirstOfAll(t *testing.T) {
	env := house(t)
	const want = "F kitchen & F restroom2 & F master_bedroom & F bedroom & F living_room & F exercise_room & F restroom & F dining_room" +
		" & (!kitchen U living_room) & (!restroom2 U living_room) & (!master_bedroom U living_room) & (!bedroom U living_room)" +
		" & (!exercise_room U living_room) & (!restroom U living_room) & (!dining_room U living_room)"
	wantFormula(t, env, "go to every room, the living room first.", want)
	wantFormula(t, env, "Visit every room, the living room first", want)
}
