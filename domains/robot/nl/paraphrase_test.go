package nl

import (
	"testing"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

// paraphrases are instructions written for this test (not AutoTAMP's),
// each with the formula it must translate to (compared up to the order
// of & and |).
var paraphrases = []struct{ env, text, want string }{
	// sequences
	{"houseworld", "Go to the kitchen, then the bedroom.", "F(kitchen & F bedroom)"},
	{"houseworld", "Head to the washroom that is yellow and afterwards to the green bedroom.", "F(restroom & F master_bedroom)"},
	{"houseworld", "Visit the dining room followed by the living room.", "F(dining_room & F living_room)"},
	{"houseworld", "First go to the gym. After that, enter the kitchen. Finally, visit the lavatory painted red.", "F(exercise_room & F(kitchen & F restroom2))"},
	{"houseworld", "Travel to the eating area and then to the culinary space.", "F(dining_room & F kitchen)"},
	{"houseworld", "Go to the living room before the kitchen.", "(!kitchen U living_room) & F kitchen"},
	{"houseworld", "Go to the kitchen after the living room.", "(!kitchen U living_room) & F kitchen"},
	{"houseworld", "Go to the dining room, then visit the gym before the kitchen.", "F dining_room & (!kitchen U exercise_room) & F kitchen"},
	{"houseworld", "Go to the bedroom and stay there for 2 seconds before going back to the kitchen.", "F(G[0,2] bedroom & F kitchen)"},
	{"houseworld", "After visiting the exercise room, go to the dining room.", "F(exercise_room & F dining_room)"},
	{"houseworld", "Navigate to the kitchen through the living room.", "F(living_room & F kitchen)"},
	{"houseworld", "Visit the kitchen, the dining room and the red restroom.", "F(kitchen & F(dining_room & F restroom2))"},
	{"houseworld", "Visit the kitchen and the dining room in any order.", "F kitchen & F dining_room"},
	{"houseworld", "Go to the kitchen or the dining room.", "F(kitchen | dining_room)"},
	{"houseworld", "Go to either the kitchen or the dining room, then to the master bedroom.", "F((kitchen | dining_room) & F master_bedroom)"},
	{"houseworld", "Go to a blue room.", "F(living_room | exercise_room)"},
	{"houseworld", "Go to the sleeping room. Also visit the kitchen.", "F bedroom & F kitchen"},
	// colours and shades
	{"houseworld", "Proceed to the scarlet bathroom.", "F restroom2"},
	{"houseworld", "Visit the golden restroom and then the emerald bedroom.", "F(restroom & F master_bedroom)"},
	{"houseworld", "Go to the violet room.", "F dining_room"},
	{"houseworld", "Go to the room colored in turquoise.", "F kitchen"},
	{"houseworld", "Enter the room that is light pink.", "F bedroom"},
	{"houseworld", "Visit the larger blue room.", "F living_room"},
	{"houseworld", "Go to the rooms with a hue similar to blue, but not exactly blue.", "F kitchen & F dining_room"},
	// quantities
	{"houseworld", "Visit every room except the kitchen and the living room.", "F restroom2 & F master_bedroom & F bedroom & F exercise_room & F restroom & F dining_room"},
	{"houseworld", "Explore both bathrooms.", "F restroom & F restroom2"},
	{"houseworld", "Visit all the blue rooms.", "F living_room & F exercise_room"},
	{"houseworld", "Go to each room that is neither blue nor yellow nor red.", "F kitchen & F master_bedroom & F bedroom & F dining_room"},
	{"houseworld", "Check out all bedrooms.", "F bedroom & F master_bedroom"},
	{"houseworld", "Visit two rooms colored blue.", "F living_room & F exercise_room"},
	// avoidance
	{"houseworld", "Go to the kitchen and never enter the living room.", "F kitchen & G !living_room"},
	{"houseworld", "Reach the dining room, but stay away from the blue rooms.", "F dining_room & G(!living_room & !exercise_room)"},
	{"houseworld", "Visit the bedroom while avoiding the sleeping quarters that are green.", "F bedroom & G !master_bedroom"},
	{"houseworld", "Don't enter the kitchen. Go to the restroom that's red.", "F restroom2 & G !kitchen"},
	{"houseworld", "Go to the gym and keep out of every bathroom.", "F exercise_room & G(!restroom2 & !restroom)"},
	{"houseworld", "Refrain from entering the lounge, and head to the master bedroom.", "F master_bedroom & G !living_room"},
	// stays and deadlines
	{"houseworld", "Go to the kitchen and stay there for 3 seconds.", "F G[0,3] kitchen"},
	{"houseworld", "Spend at least 4 seconds in the dining room, then go to the bedroom.", "F(G[0,4] dining_room & F bedroom)"},
	{"houseworld", "Reach the kitchen within 10 seconds.", "F[0,10] kitchen"},
	{"houseworld", "Go to the living room within 8 s and then the kitchen within 5 seconds.", "F[0,8](living_room & F[0,5] kitchen)"},
	{"houseworld", "Visit the kitchen and end in the living room.", "F kitchen & F(living_room & G(!kitchen & !restroom2 & !master_bedroom & !bedroom & !exercise_room & !restroom & !dining_room))"},
	{"houseworld", "Visit all the rooms and end up in the gym.", "F kitchen & F restroom2 & F master_bedroom & F bedroom & F living_room & F restroom & F dining_room & F(exercise_room & G(!kitchen & !restroom2 & !master_bedroom & !bedroom & !living_room & !restroom & !dining_room))"},
	{"houseworld", "Go to the kitchen, then go to the bedroom and remain there.", "F(kitchen & F bedroom) & F G bedroom"},
	// until
	{"houseworld", "Do not enter the kitchen until you have visited the living room.", "!kitchen U living_room"},
	{"houseworld", "Before going into the dining room, visit the exercise room.", "!dining_room U exercise_room"},
	{"houseworld", "Enter the bedroom only after the kitchen.", "!bedroom U kitchen"},
	{"houseworld", "Never go into any bathroom until you reach the kitchen, and visit every bathroom.", "(!restroom U kitchen) & (!restroom2 U kitchen) & F restroom & F restroom2"},
	{"houseworld", "Visit all rooms except the blue ones, also go to the gym within 20 seconds.", "F kitchen & F restroom2 & F master_bedroom & F bedroom & F restroom & F dining_room & F[0,20] exercise_room"},
	{"houseworld", "Heading towards either bathroom? Visit the kitchen first.", "(!restroom U kitchen) & (!restroom2 U kitchen)"},
	{"houseworld", "Do not skip any room that lacks the color blue.", "F kitchen & F restroom2 & F master_bedroom & F bedroom & F restroom & F dining_room"},
	{"houseworld", "Enter the bedroom of green hue and keep off the bathroom with a bold red touch.", "F master_bedroom & G !restroom2"},
	// other scenarios
	{"chip1", "Go to key 1, then goal 2.", "F(key1 & F goal2)"},
	{"overcooked", "Visit the kitchen.", "F cooking_room1"},
	{"chip1", "Reach goal1 and goal2 in any order, but open each door only after reaching its key.", "F goal1 & F goal2 & (!door1 U key1) & (!door2 U key2) & (!door3 U key3) & (!door4 U key4) & (!door5 U key5)"},
	{"chip1", "Pick up key 3 first to unlock door3, then reach goal 1.", "(!door3 U key3) & F goal1"},
	{"chip1", "Collect every key, then go to goal2.", "F(key1 & F goal2) & F(key2 & F goal2) & F(key3 & F goal2) & F(key4 & F goal2) & F(key5 & F goal2)"},
	{"wall", "Robot 1 goes to goal1 and stays there. Robot r2 must reach goal2 and stay there, r3 goes to goal3 and stays there, and r4 goes to goal4 and stays there.", "F G r1.goal1 & F G r2.goal2 & F G r3.goal3 & F G r4.goal4"},
	{"overcooked", "Visit all the ingredient rooms, then r1 goes to the kitchen, and robot 2 avoids ingredient 3.", "F(ingredient1 & F r1.cooking_room1) & F(ingredient2 & F r1.cooking_room1) & F(ingredient3 & F r1.cooking_room1) & F(ingredient4 & F r1.cooking_room1) & G !r2.ingredient3"},
	{"houseworld", "Go to the bedroom and stay there.", "F G bedroom"},
	{"houseworld", "Robot r1 goes to the kitchen.", "F kitchen"},
	{"wall", "Reach all the goals and stay there.", "F goal1 & F goal2 & F goal3 & F goal4 & F G(goal1 | goal2 | goal3 | goal4)"},
	{"rover", "Visit a charging station within 5 seconds.", "F[0,5](charging1 | charging2)"},
	{"overcooked", "Enter all the ingredient rooms and then go to the cooking room. Avoid the black obstacle.", "F(ingredient1 & F cooking_room1) & F(ingredient2 & F cooking_room1) & F(ingredient3 & F cooking_room1) & F(ingredient4 & F cooking_room1)"},
}

func TestParaphrases(t *testing.T) {
	if len(paraphrases) < 40 {
		t.Fatalf("only %d paraphrases", len(paraphrases))
	}
	envs := map[string]*robot.Env{}
	for _, tc := range paraphrases {
		t.Run(tc.text, func(t *testing.T) {
			env := envs[tc.env]
			if env == nil {
				var err error
				if env, err = robot.Scenario(tc.env); err != nil {
					t.Fatal(err)
				}
				envs[tc.env] = env
			}
			want, err := stl.Parse(tc.want)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Translate(env, tc.text)
			if err != nil {
				t.Fatalf("%v", err)
			}
			if normal(res.Formula) != normal(want) {
				t.Errorf("got  %s\nwant %s", res.Text, want)
				for _, n := range res.Notes {
					t.Logf("  %q: %s", n.Phrase, n.Reading)
				}
			}
			if got, err := stl.Parse(res.Text); err != nil || !stl.Equal(got, res.Formula) {
				t.Errorf("Text %q does not parse back to Formula: %v", res.Text, err)
			}
		})
	}
}
