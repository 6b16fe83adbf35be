package travel

import (
	"regexp"
	"strings"
	"unicode"
)

// The evaluator's string conventions, reproduced with Go regular
// expressions. Python's \s matches Unicode white space; pyWS approximates it.
const pyWS = `[\t\n\v\f\r\x1c-\x1f \x{85}\p{Z}]`

var (
	fromToRE      = regexp.MustCompile(`from` + pyWS + `+(.+?)` + pyWS + `+to` + pyWS + `+([^,]+)`)
	beforeParenRE = regexp.MustCompile(`^(.*?)\([^)]*\)`)
)

// ExtractFromTo returns A and B of the first "from A to B" in s (B ends at a
// comma or the end), as the evaluator's extract_from_to does. ok is false
// when s has no such phrase.
func ExtractFromTo(s string) (a, b string, ok bool) {
	m := fromToRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// BeforeParen drops a "(…)" suffix: "Grand Junction(Colorado)" → "Grand
// Junction". Like the evaluator it keeps a space before the parenthesis.
func BeforeParen(s string) string {
	if m := beforeParenRE.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// NameCity splits "Name, City" at the last comma, trimming both parts and
// dropping a "(State)" suffix from the city, as get_valid_name_city does
// (its regular expression, written out: the name may not cross a line break,
// and at least one character must follow the comma). ok is false when there
// is no such comma (the evaluator then uses "-", "-").
func NameCity(s string) (name, city string, ok bool) {
	c := strings.LastIndexByte(s, ',')
	if c < 0 || c == len(s)-1 {
		return "-", "-", false
	}
	start := strings.LastIndexByte(s[:c], '\n') + 1
	return pyStrip(s[start:c]), pyStrip(BeforeParen(pyStrip(s[c+1:]))), true
}

// pyStrip trims what Python's str.strip() trims: Unicode white space and
// the separators U+001C–U+001F.
func pyStrip(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) })
}

// SplitAttractions splits an attraction field at ";" and, like the
// evaluator, drops the text after the last ";" (so a missing trailing ";"
// loses the last item). The second result is that dropped text.
func SplitAttractions(s string) (items []string, dropped string) {
	parts := strings.Split(s, ";")
	return parts[:len(parts)-1], parts[len(parts)-1]
}

// TransportKind classifies a transportation string the way the evaluator's
// transportation_match does: "Taxi" if it mentions taxi, else "Self-driving",
// else "Flight" (case-insensitive), else "".
func TransportKind(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "taxi"):
		return "Taxi"
	case strings.Contains(l, "self-driving"):
		return "Self-driving"
	case strings.Contains(l, "flight"):
		return "Flight"
	}
	return ""
}

// FlightNumberOf returns the text between "Flight Number: " and the next
// comma, as the evaluator reads it; ok is false when the marker is absent.
func FlightNumberOf(s string) (string, bool) {
	_, rest, ok := strings.Cut(s, "Flight Number: ")
	if !ok {
		return "", false
	}
	num, _, _ := strings.Cut(rest, ",")
	return num, true
}

var timeRE = regexp.MustCompile(`Departure Time: *(\d{1,2}:\d{2}).*Arrival Time: *(\d{1,2}:\d{2})`)

// FlightTimes reads "Departure Time: HH:MM, Arrival Time: HH:MM" in minutes.
func FlightTimes(s string) (dep, arr int, ok bool) {
	m := timeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	d, ok1 := clockMinutes(m[1])
	a, ok2 := clockMinutes(m[2])
	return d, a, ok1 && ok2
}
