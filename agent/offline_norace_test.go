//go:build !race

package agent

const offlineRace = false
