//go:build race

package agent

// offlineRace scales the offline model's larger tests down under the race
// detector; the full counts run without -race.
const offlineRace = true
