//go:build race

package nl

// raceEnabled scales the randomised tests down under the race detector.
const raceEnabled = true
