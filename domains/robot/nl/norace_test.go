//go:build !race

package nl

const raceEnabled = false
