//go:build race

package robot

// raceEnabled scales the randomised tests down under the race detector,
// which slows them about twelvefold; the full counts run without -race.
const raceEnabled = true
