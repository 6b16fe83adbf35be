package nl_test

import (
	"fmt"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/domains/robot/nl"
)

func ExampleTranslate() {
	env, err := robot.Scenario("houseworld")
	if err != nil {
		panic(err)
	}
	res, err := nl.Translate(env, "Go to the green bedroom, then the yellow bathroom, and never enter the living room.")
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Text)
	for _, n := range res.Notes {
		fmt.Printf("%q: %s\n", n.Phrase, n.Reading)
	}
	_, err = nl.Translate(env, "Go to the bathroom.")
	fmt.Println(err)
	// Output:
	// F(master_bedroom & F restroom) & G !living_room
	// "the green bedroom": master_bedroom (colour green)
	// "the yellow bathroom": restroom (colour yellow)
	// "the living room": living_room
	// "the living room": avoided for the whole task: living_room
	// nl: ambiguous: "the bathroom" could be any of restroom2, restroom; name one (or say which colour, or "all")
}
