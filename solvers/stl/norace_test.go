//go:build !race

package stl

const raceEnabled = false
