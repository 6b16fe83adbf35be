//go:build !race

package travel

const raceEnabled = false
