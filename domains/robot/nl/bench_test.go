package nl

import (
	"testing"

	"github.com/plankit/plankit/domains/robot"
)

// BenchmarkTranslate translates the longest canonical HouseWorld
// instruction (task 2) and the Chip instruction.
func BenchmarkTranslate(b *testing.B) {
	for _, tc := range []struct{ name, env, text string }{
		{"houseworld_sent2", "houseworld", "Journey towards the mustard-colored lavatory, followed by a trip to the rosy-hued sleeping quarters. Make sure to explore both the culinary space and the eating area. Conclude your exploration in the crimson washroom."},
		{"chip1", "chip1", "Try to reach all the goals but you have to reach the corresponding key first to open the specific door. For example, you have to reach key1 ahead to open door1. Also remember always do not touch the walls."},
	} {
		env, err := robot.Scenario(tc.env)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Translate(env, tc.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
