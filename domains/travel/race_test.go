//go:build race

package travel

// raceEnabled is true under -race, where the heaviest property tests run
// fewer seeds (the race detector slows them down tens of times).
const raceEnabled = true
