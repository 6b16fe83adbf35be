package travel

import (
	"fmt"
	"math"
	"strings"
)

// RoomTypeOK reports whether a database room type ("Entire home/apt",
// "Private room", "Shared room") satisfies a query's room-type constraint.
func RoomTypeOK(constraint, roomType string) bool {
	switch constraint {
	case "not shared room":
		return roomType != "Shared room"
	case "shared room":
		return roomType == "Shared room"
	case "private room":
		return roomType == "Private room"
	case "entire room":
		return roomType == "Entire home/apt"
	}
	return true
}

// HouseRuleOK reports whether a stay's house_rules allow what the query
// needs ("parties", "smoking", …).
func HouseRuleOK(need, houseRules string) bool {
	t, ok := ruleText[need]
	return !ok || !strings.Contains(houseRules, t)
}

// Rooms is the number of rooms (or units) a group needs: ceil(people /
// maximum occupancy).
func Rooms(people int, maxOccupancy float64) int {
	return int(math.Ceil(float64(people) / maxOccupancy))
}

// DriveString writes a self-driving or taxi leg in TravelPlanner's format,
// with the cost of one car or taxi.
func DriveString(mode string, l Leg) string {
	cost := l.SelfDrivingCost()
	if mode == "Taxi" {
		cost = l.TaxiCost()
	}
	return fmt.Sprintf("%s, from %s to %s, duration: %s, distance: %s, cost: %d", mode, l.Origin, l.Dest, l.Duration, l.Distance, cost)
}

// FlightString writes a flight in TravelPlanner's format.
func FlightString(f Flight) string {
	return fmt.Sprintf("Flight Number: %s, from %s to %s, Departure Time: %s, Arrival Time: %s", f.Number, f.Origin, f.Dest, f.DepTime, f.ArrTime)
}
