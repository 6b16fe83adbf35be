package travel

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrIncomplete is wrapped by ParseReport.Err when a text does not give a
// complete, consistent query.
var ErrIncomplete = fmt.Errorf("%w: text is incomplete", ErrQuery)

// ParseOptions controls ParseText.
type ParseOptions struct {
	// DefaultYear is the year of dates written without one; 0 means 2022,
	// TravelPlanner's year. Using it is reported as an assumption.
	DefaultYear int
	// DefaultPeople, when positive, is the number of travellers used when
	// the text states none and does not speak of a single traveller. It is
	// reported as an assumption. Zero leaves people_number missing.
	DefaultPeople int
}

// ParseReport says what ParseText could not read. A text is complete when
// Missing and Conflicts are empty; the query then passes Query.Validate.
type ParseReport struct {
	// Missing lists required fields the text does not give, by their JSON
	// names: org, dest, date, days, people_number, budget.
	Missing []string `json:"missing,omitempty"`
	// Conflicts are statements that contradict each other or the database.
	Conflicts []string `json:"conflicts,omitempty"`
	// Assumptions are defaults the parser applied.
	Assumptions []string `json:"assumptions,omitempty"`
	// Ignored are phrases the parser read but could not put in a
	// TravelPlanner query (extra places, a second house rule, "non-smoking").
	Ignored []string `json:"ignored,omitempty"`
}

// Complete reports whether the text gave every required field without
// conflicts.
func (r ParseReport) Complete() bool { return len(r.Missing) == 0 && len(r.Conflicts) == 0 }

var nlMissingHint = map[string]string{
	"org":           `the origin city ("from CITY")`,
	"dest":          `the destination city or state ("to CITY", "3 cities in STATE")`,
	"date":          `the travel dates ("from March 16th to March 18th, 2022")`,
	"days":          `the length of the trip ("a 3-day trip")`,
	"people_number": `the number of travellers ("for 2 people", "a single person")`,
	"budget":        `the budget ("a budget of $1,700")`,
}

// Message summarises the report in one line ("" when there is nothing to
// say).
func (r ParseReport) Message() string {
	var parts []string
	if len(r.Missing) > 0 {
		hints := make([]string, len(r.Missing))
		for i, m := range r.Missing {
			hints[i] = nlMissingHint[m]
		}
		parts = append(parts, "missing "+strings.Join(r.Missing, ", ")+" (give "+strings.Join(hints, "; ")+")")
	}
	if len(r.Conflicts) > 0 {
		parts = append(parts, "conflicts: "+strings.Join(r.Conflicts, "; "))
	}
	if len(r.Assumptions) > 0 {
		parts = append(parts, "assumed: "+strings.Join(r.Assumptions, "; "))
	}
	if len(r.Ignored) > 0 {
		parts = append(parts, "ignored: "+strings.Join(r.Ignored, "; "))
	}
	return nlOneLine(strings.Join(parts, "; "))
}

// Err returns nil for a complete text, otherwise an error wrapping
// ErrIncomplete whose message is one line naming the missing fields and the
// conflicts.
func (r ParseReport) Err() error {
	if r.Complete() {
		return nil
	}
	var parts []string
	if len(r.Missing) > 0 {
		parts = append(parts, "missing "+strings.Join(r.Missing, ", "))
	}
	if len(r.Conflicts) > 0 {
		parts = append(parts, "conflicts: "+strings.Join(r.Conflicts, "; "))
	}
	return fmt.Errorf("%w: %s", ErrIncomplete, nlOneLine(strings.Join(parts, "; ")))
}

func nlOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Parser reads TravelPlanner-style English requests into queries. Build it
// once per database with NewParser; it is safe for concurrent use.
type Parser struct {
	db     *DB
	opts   ParseOptions
	places map[string]nlPlace
	// byFirst maps the first word of each place name (as nlPlaceKey writes
	// it) to the names' word lists, longest first.
	byFirst map[string][][]string
}

// nlPlace is what a place name can mean: a city, a state, or both.
type nlPlace struct {
	city, state string
	forceCity   bool // an alias like "New York City" or "Washington, D.C."
}

// NewParser prepares a parser for the cities and states of db.
func NewParser(db *DB, opts ParseOptions) *Parser {
	p := &Parser{db: db, opts: opts, places: map[string]nlPlace{}}
	if p.opts.DefaultYear == 0 {
		p.opts.DefaultYear = 2022
	}
	add := func(name string, f func(*nlPlace)) {
		key := nlPlaceKey(name)
		if key == "" {
			return
		}
		pl := p.places[key]
		f(&pl)
		p.places[key] = pl
	}
	for _, c := range db.Cities {
		add(c, func(pl *nlPlace) { pl.city = c })
	}
	states := make([]string, 0, len(db.statesCities))
	for s := range db.statesCities {
		states = append(states, s)
	}
	slices.Sort(states)
	for _, s := range states {
		add(s, func(pl *nlPlace) { pl.state = s })
	}
	if _, ok := db.CityState["New York"]; ok {
		for _, a := range []string{"New York City", "NYC"} {
			p.places[nlPlaceKey(a)] = nlPlace{city: "New York", forceCity: true}
		}
	}
	if _, ok := db.CityState["Washington"]; ok {
		p.places["washington dc"] = nlPlace{city: "Washington", forceCity: true}
	}
	p.byFirst = map[string][][]string{}
	keys := make([]string, 0, len(p.places))
	for k := range p.places {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k == "washington dc" {
			continue // matched by nlDCAt
		}
		words := strings.Fields(k)
		p.byFirst[words[0]] = append(p.byFirst[words[0]], words)
	}
	for _, list := range p.byFirst {
		slices.SortStableFunc(list, func(a, b []string) int { return len(b) - len(a) })
	}
	return p
}

// nlPlaceKey normalises a place name for lookup.
func nlPlaceKey(s string) string {
	if nlDCRE.MatchString(s) {
		return "washington dc"
	}
	s = strings.ToLower(strings.ReplaceAll(s, "'", ""))
	s = strings.NewReplacer(",", " ", ".", ". ").Replace(s)
	var words []string
	for _, w := range strings.Fields(s) {
		switch w {
		case "st", "st.", "saint":
			w = "st."
		case "ste", "ste.", "sainte":
			w = "ste."
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

const nlDCPattern = `Washington,?\s+D\.?\s?C\b\.?`

var (
	nlDCRE = regexp.MustCompile(`(?i)^` + nlDCPattern + `$`)
	nlDCAt = regexp.MustCompile(`(?i)^` + nlDCPattern)
)

// Names that are also ordinary English words count as places only when
// capitalised.
var nlCommonWords = map[string]bool{"mission": true, "bend": true, "concord": true}

// ParseText reads a TravelPlanner-style request ("Please help me plan a trip
// from St. Petersburg to Rockford spanning 3 days from March 16th to March
// 18th, 2022 … for a single person with a budget of $1,700.") into a query,
// and reports what it could not read. It never guesses a required field:
// a field the text does not give is listed in the report's Missing (or
// filled by an option default, listed in Assumptions). For repeated use,
// build a Parser once.
func ParseText(db *DB, text string, opts ParseOptions) (Query, ParseReport) {
	return NewParser(db, opts).Parse(text)
}

// nlState is one parse in progress.
type nlState struct {
	p   *Parser
	t   string // normalised text
	w   []byte // working copy: consumed spans are blanked with '#'
	rep ParseReport
	q   Query

	mentions    []nlMention
	destIsState bool
	sentences   []int // positions of the sentence stops
	days        int   // stated trip length, 0 if none
	nights      bool  // days was read from "N nights"
	start, end  *nlDate
	cityN       int // stated number of cities, 0 if none
	people      int

	moreConflicts, moreAssumptions, moreIgnored int
}

type nlMention struct {
	start, end            int
	text                  string
	place                 nlPlace
	forceCity, forceState bool
}

// MaxTextLen bounds the texts Parse reads, in bytes.
const MaxTextLen = 8192

// Parse is ParseText with the parser's database and options.
func (p *Parser) Parse(text string) (Query, ParseReport) {
	s := &nlState{p: p}
	if len(text) > MaxTextLen {
		s.conflict("the text is %d bytes long; at most %d are read", len(text), MaxTextLen)
		for _, f := range []string{"org", "dest", "date", "days", "people_number", "budget"} {
			s.missing(f)
		}
		return s.q, s.rep
	}
	s.t = nlNormalize(text)
	s.w = []byte(s.t)
	s.q.Query = strings.TrimSpace(text)
	for _, m := range nlSentence.FindAllStringIndex(s.t, -1) {
		s.sentences = append(s.sentences, m[0])
	}
	s.findPlaces()
	s.findDates()
	s.findDays()
	s.findCityCount()
	amounts := s.findAmounts()
	s.findPeople()
	s.resolveDates()
	s.resolveBudget(amounts)
	s.resolvePlaces()
	s.findConstraints()
	s.finish()
	return s.q, s.rep
}

// nlNormalize maps typographic quotes, dashes and spaces to ASCII and
// replaces invalid UTF-8.
func nlNormalize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2018', '\u2019', '\u02bc', '`':
			return '\''
		case '\u201c', '\u201d':
			return '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			return '-'
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

func (s *nlState) blank(i, j int) {
	for k := i; k < j && k < len(s.w); k++ {
		s.w[k] = '#'
	}
}

func (s *nlState) missing(field string) {
	if !slices.Contains(s.rep.Missing, field) {
		s.rep.Missing = append(s.rep.Missing, field)
	}
}

// nlMaxLines bounds each list of the report.
const nlMaxLines = 12

// nlAdd appends a distinct line to a report list; past nlMaxLines it counts
// the rest in a last "… and N more" line.
func nlAdd(list *[]string, more *int, format string, a ...any) {
	msg := nlOneLine(fmt.Sprintf(format, a...))
	if slices.Contains(*list, msg) {
		return
	}
	if len(*list) < nlMaxLines {
		*list = append(*list, msg)
		return
	}
	*more++
	(*list)[nlMaxLines-1] = fmt.Sprintf("… and %d more", *more+1)
}

func (s *nlState) conflict(format string, a ...any) {
	nlAdd(&s.rep.Conflicts, &s.moreConflicts, format, a...)
}

func (s *nlState) assume(format string, a ...any) {
	nlAdd(&s.rep.Assumptions, &s.moreAssumptions, format, a...)
}

func (s *nlState) ignore(format string, a ...any) {
	nlAdd(&s.rep.Ignored, &s.moreIgnored, format, a...)
}

// nlQuote quotes a phrase of the text for a report line, clipped.
func nlQuote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s)
}

// ---- numbers ----

const nlNum = `(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)`

var nlNumWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}

func nlAtoi(s string) int {
	if n, ok := nlNumWords[strings.ToLower(s)]; ok {
		return n
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// ---- places ----

var (
	nlStateAfter   = regexp.MustCompile(`(?i)^\s+state\b`)
	nlStateBefore  = regexp.MustCompile(`(?i)\bstate\s+of\s+(?:the\s+)?$`)
	nlCityAfter    = regexp.MustCompile(`(?i)^\s+city\b`)
	nlCityBefore   = regexp.MustCompile(`(?i)\bcity\s+of\s+$`)
	nlOrgCue       = regexp.MustCompile(`(?i)(?:\bfrom|\bdepart(?:s|ing|ure|ed)?(?:\s+from)?|\bleav(?:e|es|ing)(?:\s+from)?|\bstart(?:s|ing|ed)?\s+(?:off\s+|out\s+)?(?:in|from|at)|\bbegin(?:s|ning)?\s+(?:in|from|at)|\boriginat(?:e|es|ing)\s+(?:in|from)|\bset(?:s|ting)?\s+(?:off|out)\s+from|\btak(?:e|es|ing)\s+off\s+from|\bout\s+of|\bbased\s+in|\bliv(?:e|es|ing)\s+in|\bhome\s+(?:is\s+)?in)\s+(?:the\s+city\s+of\s+)?$`)
	nlDestCue      = regexp.MustCompile(`(?i)(?:\bto|\btowards?|\bvisit(?:s|ing)?|\bexplor(?:e|es|ing)|\btour(?:s|ing)?|\bcover(?:s|ing)?|\bin|\binto|\bacross|\bthroughout|\bending\s+in|\bend\s+in|\bheading\s+(?:to|for)|\bdestination(?:\s+is)?|\bof|\bsee(?:ing)?)\s+(?:the\s+state\s+of\s+|the\s+city\s+of\s+)?$`)
	nlCitiesIn     = regexp.MustCompile(`(?i)\bcit(?:y|ies)\s+(?:in|across|of|within|throughout|around|all\s+over)\s+(?:the\s+state\s+of\s+)?$`)
	nlToCue        = regexp.MustCompile(`(?i)\bto\s+$`)
	nlOrgCueWindow = 60
)

func (s *nlState) before(i, n int) string { return s.t[max(0, i-n):i] }

// nlToken is a word of the text: a run of letters, digits and
// apostrophes, with its normalised form.
type nlToken struct {
	start, end int
	norm       string
	possessive bool // ends in "'s"
}

func nlTokens(t string) []nlToken {
	var out []nlToken
	start := -1
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' }
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(strings.ReplaceAll(t[start:end], "'", ""))
			switch w {
			case "st", "saint":
				w = "st."
			case "ste", "sainte":
				w = "ste."
			}
			if w != "" {
				out = append(out, nlToken{start, end, w, strings.HasSuffix(t[start:end], "'s")})
			}
			start = -1
		}
	}
	for i, r := range t {
		if isWord(r) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
	}
	flush(len(t))
	return out
}

// nlNameSep reports whether sep may separate two words of a place name:
// white space, or a "." (and optional space) after "St"/"Ste".
func nlNameSep(sep, prev string) bool {
	if strings.HasPrefix(sep, ".") && (prev == "st." || prev == "ste.") {
		sep = sep[1:]
		if sep == "" {
			return true
		}
	}
	return sep != "" && strings.TrimSpace(sep) == ""
}

// findPlaces finds the city and state names of the text, leftmost-longest
// ("Kansas City" over "Kansas"), and the words around them that force a
// reading ("Washington state", "the city of New York").
func (s *nlState) findPlaces() {
	toks := nlTokens(s.t)
	for i := 0; i < len(toks); i++ {
		start, end := -1, -1
		if toks[i].norm == "washington" {
			if m := nlDCAt.FindStringIndex(s.t[toks[i].start:min(len(s.t), toks[i].start+24)]); m != nil {
				start, end = toks[i].start, toks[i].start+m[1]
			}
		}
		// A word matches a name's word, or its last word with "'s" added
		// ("Chicago's").
		same := func(tok nlToken, word string, last bool) (bool, int) {
			if tok.norm == word {
				return true, tok.end
			}
			if last && tok.possessive && tok.norm == word+"s" {
				return true, tok.end - 2
			}
			return false, 0
		}
		if start < 0 {
		cands:
			for _, words := range s.p.byFirst[toks[i].norm] {
				n := len(words)
				if i+n > len(toks) {
					continue
				}
				e := toks[i].end
				for k := 1; k < n; k++ {
					a, b := toks[i+k-1], toks[i+k]
					ok, be := same(b, words[k], k == n-1)
					if !ok || !nlNameSep(s.t[a.end:b.start], a.norm) {
						continue cands
					}
					e = be
				}
				start, end = toks[i].start, e
				break
			}
			if start < 0 && toks[i].possessive {
				for _, words := range s.p.byFirst[strings.TrimSuffix(toks[i].norm, "s")] {
					if len(words) == 1 {
						start, end = toks[i].start, toks[i].end-2
						break
					}
				}
			}
		}
		if start < 0 {
			continue
		}
		for i+1 < len(toks) && toks[i+1].start < end {
			i++
		}
		m := [2]int{start, end}
		text := s.t[m[0]:m[1]]
		key := nlPlaceKey(text)
		pl, ok := s.p.places[key]
		if !ok {
			continue
		}
		if first, _ := utf8.DecodeRuneInString(text); nlCommonWords[key] && !unicode.IsUpper(first) {
			continue
		}
		mn := nlMention{start: m[0], end: m[1], text: text, place: pl, forceCity: pl.forceCity}
		after := s.t[m[1]:]
		after = after[:min(len(after), 20)]
		if pl.state != "" && (nlStateAfter.MatchString(after) || nlStateBefore.MatchString(s.before(m[0], 30))) {
			mn.forceState = true
		}
		if pl.city != "" && (nlCityAfter.MatchString(after) || nlCityBefore.MatchString(s.before(m[0], 30))) {
			mn.forceCity = true
		}
		s.mentions = append(s.mentions, mn)
	}
}

func (m nlMention) key() string {
	if m.place.city != "" {
		return "c:" + m.place.city
	}
	return "s:" + m.place.state
}

func (m nlMention) name() string {
	if m.place.city != "" {
		return m.place.city
	}
	return m.place.state
}

// resolvePlaces picks org and dest among the place mentions.
func (s *nlState) resolvePlaces() {
	ms := s.mentions
	orgAt := -1
	for i, m := range ms {
		if nlOrgCue.MatchString(s.before(m.start, nlOrgCueWindow)) {
			orgAt = i
			break
		}
	}
	if orgAt < 0 {
		// "Plan a trip Boston to Denver": the first place before a "to".
		for i := 1; i < len(ms); i++ {
			if nlToCue.MatchString(s.before(ms[i].start, 10)) && ms[0].key() != ms[i].key() {
				orgAt = 0
				s.assume("org %s: the place named before \"to %s\"", ms[0].name(), ms[i].text)
				break
			}
		}
	}
	var org *nlMention
	if orgAt >= 0 {
		org = &ms[orgAt]
		if org.place.city == "" {
			s.ignore("org: %s is a state; the trip must start from a city", nlQuote(org.text))
			s.missing("org")
		} else if org.forceState {
			s.ignore("org: %s is read as the city %s (a trip starts from a city)", nlQuote(org.text+" state"), org.place.city)
			s.q.Org = org.place.city
		} else {
			s.q.Org = org.place.city
		}
	} else {
		s.missing("org")
	}
	multi := s.cityN >= 2 || (s.cityN == 0 && s.q.Days >= 5)
	best, bestScore := -1, -1
	var others []string
	for i, m := range ms {
		if i == orgAt || (org != nil && m.key() == org.key()) {
			continue
		}
		score := 0
		if nlCitiesIn.MatchString(s.before(m.start, 40)) {
			score += 8
		}
		if m.forceState && m.place.state != "" {
			score += 4
		}
		if nlDestCue.MatchString(s.before(m.start, 40)) && !nlOrgCue.MatchString(s.before(m.start, nlOrgCueWindow)) {
			score += 2
		}
		if multi && m.place.state != "" {
			score++
		}
		if score > bestScore {
			if best >= 0 {
				others = append(others, ms[best].name())
			}
			best, bestScore = i, score
		} else if ms[best].key() != m.key() {
			others = append(others, m.name())
		}
	}
	if best < 0 {
		s.missing("dest")
		return
	}
	d := ms[best]
	for _, o := range others {
		if o != d.name() && (org == nil || o != org.name()) {
			s.ignore("also names %s; a TravelPlanner query has one destination", o)
		}
	}
	pl := d.place
	switch {
	case pl.city != "" && pl.state != "":
		// "New York", "Washington": a state when the trip visits several
		// cities of it, or when written "Washington state"; else the city.
		citiesIn := nlCitiesIn.MatchString(s.before(d.start, 40))
		asState := d.forceState || (!d.forceCity && (citiesIn || multi) && len(s.p.db.CitiesIn(pl.state)) >= 2)
		byLength := !d.forceState && !d.forceCity && !citiesIn && s.cityN == 0
		if asState {
			s.q.Dest = pl.state
			s.destIsState = true
			if byLength {
				s.assume("dest %s read as the state: a %d-day trip visits several cities (write \"the city of %s\" for the city)", pl.state, s.q.Days, pl.city)
			}
		} else {
			s.q.Dest = pl.city
			if byLength {
				why := "a short trip visits one city"
				if multi {
					why = "the state has one city in the database"
				}
				s.assume("dest %s read as the city (state %s): %s (write \"%s state\" for the state)", pl.city, s.p.db.CityState[pl.city], why, pl.state)
			}
		}
	case pl.city != "":
		s.q.Dest = pl.city
	default:
		s.q.Dest = pl.state
		s.destIsState = true
	}
	s.q.VisitingCityNumber = s.visitingCities()
}

func (s *nlState) visitingCities() int {
	switch {
	case s.cityN > 0:
		if !s.destIsState && s.cityN > 1 {
			s.conflict("the text asks for %d cities but the destination %s is one city", s.cityN, s.q.Dest)
		}
		if n := len(s.p.db.CitiesIn(s.q.Dest)); s.destIsState && s.cityN > n {
			s.conflict("the text asks for %d cities but %s has %d in the database", s.cityN, s.q.Dest, n)
		}
		return s.cityN
	case !s.destIsState:
		return 1
	case s.q.Days > 0:
		n := max(1, (s.q.Days-1)/2)
		s.assume("visiting_city_number %d: not stated; TravelPlanner's rule for a %d-day trip", n, s.q.Days)
		return n
	}
	return 0
}

func (s *nlState) inPlace(i, j int) bool {
	// Mentions are sorted and do not overlap: check the last one starting
	// before j.
	k := sort.Search(len(s.mentions), func(k int) bool { return s.mentions[k].start >= j })
	return k > 0 && s.mentions[k-1].end > i
}

// ---- dates ----

const nlMonth = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)`

var (
	nlDateISO   = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	nlDateSlash = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b`)
	nlDateMD    = regexp.MustCompile(`(?i)\b` + nlMonth + `\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{4})\b)?`)
	nlDateDM    = regexp.MustCompile(`(?i)\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + nlMonth + `\b\.?(?:\s*,?\s*(\d{4})\b)?`)
	nlRangeNext = regexp.MustCompile(`(?i)^\s*(?:-|to|through|thru|until|till|and)\s*(?:the\s+)?(\d{1,2})(st|nd|rd|th)?\b(?:\s*,?\s*(\d{4})\b)?`)
	nlRangePrev = regexp.MustCompile(`(?i)(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s*(?:-|to|through|thru|until|till|and)\s*$`)
	nlEndCue    = regexp.MustCompile(`(?i)\b(?:return(?:ing|s)?|back|end(?:ing|s)?|until|till|by|conclud(?:e|es|ing))\s+(?:on\s+|home\s+on\s+)?$`)
	nlYear      = regexp.MustCompile(`\b(19\d\d|20\d\d)\b`)
)

var nlMonths = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

type nlDate struct {
	start, end int
	year       int // 0 when not written
	month      time.Month
	day        int
	text       string
}

func nlMonthOf(s string) time.Month { return nlMonths[strings.ToLower(s)[:3]] }

func (s *nlState) findDates() {
	var ds []nlDate
	ws := string(s.w)
	for _, m := range nlDateISO.FindAllStringSubmatchIndex(ws, -1) {
		y, _ := strconv.Atoi(ws[m[2]:m[3]])
		mo, _ := strconv.Atoi(ws[m[4]:m[5]])
		d, _ := strconv.Atoi(ws[m[6]:m[7]])
		ds = append(ds, nlDate{start: m[0], end: m[1], year: y, month: time.Month(mo), day: d})
	}
	for _, m := range nlDateSlash.FindAllStringSubmatchIndex(ws, -1) {
		mo, _ := strconv.Atoi(ws[m[2]:m[3]])
		d, _ := strconv.Atoi(ws[m[4]:m[5]])
		y, _ := strconv.Atoi(ws[m[6]:m[7]])
		if y < 100 {
			y += 2000
		}
		ds = append(ds, nlDate{start: m[0], end: m[1], year: y, month: time.Month(mo), day: d})
	}
	for _, m := range nlDateMD.FindAllStringSubmatchIndex(ws, -1) {
		if ws[m[2]:m[3]] == "may" || ws[m[2]:m[3]] == "mar" {
			continue // the verb, not the month
		}
		d := nlDate{start: m[0], end: m[1], month: nlMonthOf(ws[m[2]:m[3]])}
		d.day, _ = strconv.Atoi(ws[m[4]:m[5]])
		if m[6] >= 0 {
			d.year, _ = strconv.Atoi(ws[m[6]:m[7]])
		}
		ds = append(ds, d)
	}
	for _, m := range nlDateDM.FindAllStringSubmatchIndex(ws, -1) {
		if ws[m[4]:m[5]] == "may" || ws[m[4]:m[5]] == "mar" {
			continue
		}
		d := nlDate{start: m[0], end: m[1], month: nlMonthOf(ws[m[4]:m[5]])}
		d.day, _ = strconv.Atoi(ws[m[2]:m[3]])
		if m[6] >= 0 {
			d.year, _ = strconv.Atoi(ws[m[6]:m[7]])
		}
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b nlDate) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []nlDate
	for _, d := range ds {
		if len(out) > 0 && d.start < out[len(out)-1].end {
			continue
		}
		out = append(out, d)
	}
	// Day numbers that share a month with a neighbouring date: "March 16th
	// through 18th", "the 8th to the 10th of March".
	var linked []nlDate
	for i, d := range out {
		lo := max(0, d.start-40)
		if m := nlRangePrev.FindStringSubmatchIndex(ws[lo:d.start]); m != nil && (i == 0 || out[i-1].end <= lo+m[0]) {
			day, _ := strconv.Atoi(ws[lo+m[2] : lo+m[3]])
			linked = append(linked, nlDate{start: lo + m[0], end: lo + m[0] + len(strings.TrimRight(ws[lo+m[0]:lo+m[3]+2], " ")), month: d.month, day: day})
		}
		linked = append(linked, d)
		if m := nlRangeNext.FindStringSubmatchIndex(ws[d.end:min(len(ws), d.end+40)]); m != nil {
			e := d.end + m[1]
			if i+1 < len(out) && out[i+1].start < e {
				continue
			}
			rest := ws[e:min(len(ws), e+10)]
			suffix, year := m[4] >= 0, m[6] >= 0
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
			if !suffix && !year && unicode.IsLetter(next) {
				continue // "March 3 to 5 people"
			}
			day, _ := strconv.Atoi(ws[d.end+m[2] : d.end+m[3]])
			nd := nlDate{start: d.end + m[2], end: e, month: d.month, day: day}
			if year {
				nd.year, _ = strconv.Atoi(ws[d.end+m[6] : d.end+m[7]])
			}
			linked = append(linked, nd)
		}
	}
	for i := range linked {
		linked[i].text = s.t[linked[i].start:linked[i].end]
		s.blank(linked[i].start, linked[i].end)
	}
	switch len(linked) {
	case 0:
	case 1:
		d := linked[0]
		if nlEndCue.MatchString(s.before(d.start, 30)) {
			s.end = &d
		} else {
			s.start = &d
		}
	default:
		s.start, s.end = &linked[0], &linked[1]
		for _, d := range linked[2:] {
			s.ignore("date %s: a query has one start and one end date", nlQuote(d.text))
		}
	}
}

// resolveDates fills years, checks the dates and combines them with days.
func (s *nlState) resolveDates() {
	textYear := 0
	if m := nlYear.FindStringIndex(string(s.w)); m != nil {
		textYear, _ = strconv.Atoi(string(s.w[m[0]:m[1]]))
		s.blank(m[0], m[1])
	}
	defaulted := false
	fill := func(d, other *nlDate, otherFirst bool) {
		if d == nil || d.year != 0 {
			return
		}
		switch {
		case other != nil && other.year != 0:
			d.year = other.year
			if otherFirst && d.month < other.month {
				d.year++ // "December 30th, 2022 to January 2nd"
			} else if !otherFirst && d.month > other.month {
				d.year-- // "December 30th to January 2nd, 2023"
			}
		case textYear != 0:
			d.year = textYear
		default:
			d.year = s.p.opts.DefaultYear
			defaulted = true
		}
	}
	fill(s.end, s.start, true)
	fill(s.start, s.end, false)
	if s.end != nil && s.start != nil && s.end.year == s.start.year && s.end.month < s.start.month && defaulted {
		s.end.year++
	}
	if defaulted {
		s.assume("year %d: the dates give none", s.p.opts.DefaultYear)
	}
	valid := func(d *nlDate) (time.Time, bool) {
		t := time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC)
		if d.month < 1 || d.month > 12 || t.Day() != d.day || t.Month() != d.month || d.year < 1900 || d.year > 2200 {
			s.conflict("date %s is not a calendar date", nlQuote(d.text))
			return t, false
		}
		return t, true
	}
	var st, en time.Time
	okS, okE := s.start != nil, s.end != nil
	if okS {
		st, okS = valid(s.start)
	}
	if okE {
		en, okE = valid(s.end)
	}
	if (s.start != nil && !okS) || (s.end != nil && !okE) {
		s.q.Days = s.days
		return
	}
	days := s.days
	switch {
	case okS && okE:
		span := int(en.Sub(st).Hours()/24) + 1
		if span < 1 {
			s.conflict("the end date %s is before the start date %s", nlQuote(s.end.text), nlQuote(s.start.text))
			s.q.Days = days
			return
		}
		if days > 0 && days != span {
			s.conflict("the text says %d days but the dates %s to %s span %d", days, nlQuote(s.start.text), nlQuote(s.end.text), span)
		}
		days = span
	case okS && days > 0:
	case okE && days > 0:
		st = en.AddDate(0, 0, -(days - 1))
	case okS || okE:
		s.missing("days")
		s.q.Days = 0
		return
	default:
		s.missing("date")
		if days == 0 {
			s.missing("days")
		}
		s.q.Days = days
		return
	}
	if days > 30 {
		s.conflict("a trip of %d days is longer than 30", days)
		s.q.Days = days
		return
	}
	if s.nights && days == s.days {
		s.assume("days %d: %d nights plus the day of return", days, days-1)
	}
	s.q.Days = days
	for i := range days {
		s.q.Date = append(s.q.Date, st.AddDate(0, 0, i).Format("2006-01-02"))
	}
}

// ---- days and city count ----

var (
	nlDaysRE   = regexp.MustCompile(`(?i)\b` + nlNum + `(?:\s*-\s*|\s+)days?\b`)
	nlNightsRE = regexp.MustCompile(`(?i)\b` + nlNum + `(?:\s*-\s*|\s+)nights?\b`)
	nlWeekRE   = regexp.MustCompile(`(?i)\b(?:(?:a|one|1)(?:\s*-\s*|\s+)weeks?(?:\s*-?\s*long)?|week\s*-?\s*long|weeklong|(two|2)(?:\s*-\s*|\s+)weeks?|fortnight)\b`)
	nlCityNRE  = regexp.MustCompile(`(?i)\b` + nlNum + `\s+(?:(?:different|distinct|unique|separate|other|major|new|more)\s+)?cit(?:y|ies)\b`)
)

func (s *nlState) findDays() {
	type hit struct {
		n      int
		i, j   int
		nights bool
	}
	var hits []hit
	ws := string(s.w)
	for _, m := range nlDaysRE.FindAllStringSubmatchIndex(ws, -1) {
		hits = append(hits, hit{nlAtoi(ws[m[2]:m[3]]), m[0], m[1], false})
	}
	for _, m := range nlWeekRE.FindAllStringSubmatchIndex(ws, -1) {
		n := 7
		if m[2] >= 0 || strings.EqualFold(ws[m[0]:m[1]], "fortnight") {
			n = 14
		}
		hits = append(hits, hit{n, m[0], m[1], false})
	}
	for _, m := range nlNightsRE.FindAllStringSubmatchIndex(ws, -1) {
		hits = append(hits, hit{nlAtoi(ws[m[2]:m[3]]) + 1, m[0], m[1], true})
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.i - b.i })
	for _, h := range hits {
		s.blank(h.i, h.j)
		if h.n < 1 {
			s.conflict("%s is not a trip length", nlQuote(s.t[h.i:h.j]))
			continue
		}
		switch {
		case s.days == 0:
			s.days, s.nights = h.n, h.nights
		case s.days != h.n:
			s.conflict("the text gives two trip lengths, %d and %d days", s.days, h.n)
		}
	}
}

func (s *nlState) findCityCount() {
	ws := string(s.w)
	for _, m := range nlCityNRE.FindAllStringSubmatchIndex(ws, -1) {
		n := nlAtoi(ws[m[2]:m[3]])
		s.blank(m[0], m[1])
		switch {
		case n < 1:
			s.conflict("%s is not a number of cities", nlQuote(s.t[m[0]:m[1]]))
		case s.cityN == 0:
			s.cityN = n
		case s.cityN != n:
			s.conflict("the text gives two numbers of cities, %d and %d", s.cityN, n)
		}
	}
}

// ---- budget ----

type nlAmount struct {
	i, j      int
	v         float64
	perPerson bool
}

var (
	nlMoneyRE   = regexp.MustCompile(`(?i)(?:\$\s*|\bUSD\s*|\bUS\$\s*)(\d[\d,]*(?:\.\d+)?)(\s*(?:k|thousand)\b)?|\b(\d[\d,]*(?:\.\d+)?)(\s*(?:k|thousand))?\s*(?:dollars|usd|bucks)\b`)
	nlBudgetKW  = regexp.MustCompile(`(?i)\b(?:budget(?:ed)?|spend(?:ing)?|afford|total\s+of|up\s+to|at\s+most|no\s+more\s+than|maximum|max|cost)\b`)
	nlBareAfter = regexp.MustCompile(`(?i)\bbudget(?:\s+(?:is|of|at|was|will\s+be|set\s+at|is\s+set\s+at|around|about|approximately|roughly|up\s+to|:))*\s*:?\s*(\d{1,3}(?:,\d{3})+|\d{3,7})\b`)
	nlPerPerson = regexp.MustCompile(`(?i)^\s*(?:per\s+(?:person|head|traveller|traveler|individual)|a\s+(?:person|head)|each\b|pp\b)`)
	nlSentence  = regexp.MustCompile(`[.!?;]\s|[.!?;]$`)
)

func nlNumber(s string) (float64, bool) {
	s = strings.TrimRight(s, ",")
	if strings.Contains(s, ",") {
		// Thousands separators must group by three.
		parts := strings.Split(strings.SplitN(s, ".", 2)[0], ",")
		for k, p := range parts {
			if (k > 0 && len(p) != 3) || p == "" {
				return 0, false
			}
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

func (s *nlState) findAmounts() []nlAmount {
	var out []nlAmount
	ws := string(s.w)
	for _, m := range nlMoneyRE.FindAllStringSubmatchIndex(ws, -1) {
		num, mult := 2, 4 // submatch index pairs: "$1,700 k" or "1,700 k dollars"
		if m[num] < 0 {
			num, mult = 6, 8
		}
		raw := ws[m[num]:m[num+1]]
		v, ok := nlNumber(raw)
		if !ok {
			s.ignore("amount %s: not a number", nlQuote(s.t[m[0]:m[1]]))
			s.blank(m[0], m[1])
			continue
		}
		if mult >= 0 && m[mult] < m[mult+1] {
			v *= 1000
		}
		a := nlAmount{i: m[0], j: m[1], v: v}
		if nlPerPerson.MatchString(ws[m[1]:min(len(ws), m[1]+30)]) {
			a.perPerson = true
		}
		out = append(out, a)
		s.blank(m[0], m[1])
	}
	if len(out) == 0 {
		if m := nlBareAfter.FindStringSubmatchIndex(ws); m != nil {
			if v, ok := nlNumber(ws[m[2]:m[3]]); ok {
				a := nlAmount{i: m[2], j: m[3], v: v, perPerson: nlPerPerson.MatchString(ws[m[3]:min(len(ws), m[3]+30)])}
				out = append(out, a)
				s.blank(m[2], m[3])
				s.assume("budget $%s: the number after \"budget\" read as dollars", nlMoney(v))
			}
		}
	}
	return out
}

func nlMoney(v float64) string {
	whole := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(whole, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// sentenceOf returns the bounds of the sentence around i.
func (s *nlState) sentenceOf(i int) (int, int) {
	k, _ := slices.BinarySearch(s.sentences, i)
	lo, hi := 0, len(s.t)
	if k > 0 {
		lo = s.sentences[k-1] + 1
	}
	if k < len(s.sentences) {
		hi = s.sentences[k]
	}
	return lo, hi
}

func (s *nlState) resolveBudget(amounts []nlAmount) {
	if len(amounts) == 0 {
		s.missing("budget")
		return
	}
	pick := -1
	if len(amounts) == 1 {
		pick = 0
	} else {
		// The first amount after a budget word in its sentence, else the
		// nearest one before it.
		bestD := 1 << 30
		for _, kw := range nlBudgetKW.FindAllStringIndex(s.t, -1) {
			lo, hi := s.sentenceOf(kw[0])
			for k, a := range amounts {
				if a.i < lo || a.i > hi {
					continue
				}
				d := a.i - kw[1]
				if d < 0 {
					d = 1000 + (kw[0] - a.j)
				}
				if d < bestD {
					bestD, pick = d, k
				}
			}
		}
		if pick < 0 {
			s.ignore("the text names %d amounts and none is marked as the budget", len(amounts))
			s.missing("budget")
			return
		}
		for k, a := range amounts {
			if k != pick {
				s.ignore("amount %s is not the budget", nlQuote(s.t[a.i:a.j]))
			}
		}
	}
	a := amounts[pick]
	if !nlBudgetKW.MatchString(s.t[max(0, a.i-80):min(len(s.t), a.j+40)]) && len(amounts) == 1 && !strings.Contains(strings.ToLower(s.t), "budget") {
		s.assume("budget $%s: the only amount in the text", nlMoney(a.v))
	}
	v := a.v
	if a.perPerson {
		if s.people <= 0 {
			s.ignore("budget %s is per person but the number of travellers is unknown", nlQuote(s.t[a.i:a.j]))
			s.missing("budget")
			return
		}
		v *= float64(s.people)
		s.assume("budget $%s: %s per person × %d people", nlMoney(v), nlQuote(s.t[a.i:a.j]), s.people)
	}
	if v <= 0 || v > 1e9 {
		s.conflict("budget %s is out of range", nlQuote(s.t[a.i:a.j]))
		return
	}
	s.q.Budget = v
}

// ---- people ----

var (
	nlPeopleSum   = regexp.MustCompile(`(?i)\b` + nlNum + `\s+adults?\s+(?:and|&|plus|with)\s+` + nlNum + `\s+(?:kids?|children|child|teens?|teenagers?|infants?|toddlers?|bab(?:y|ies))\b`)
	nlPeopleNoun  = regexp.MustCompile(`(?i)\b` + nlNum + `\s+(?:people|persons?|travell?ers|individuals|adults|guests|passengers|pax|friends|members|folks|tourists|travel\s+companions)\b`)
	nlPeopleGroup = regexp.MustCompile(`(?i)\b(?:group|party|family|team|crew)\s+of\s+` + nlNum + `\b`)
	nlPeopleUs    = regexp.MustCompile(`(?i)\b(?:(?:the|all)\s+)?` + nlNum + `\s+of\s+us\b|\bus\s+` + nlNum + `\b|\bwe\s+are\s+` + nlNum + `\b`)
	nlPeopleFor   = regexp.MustCompile(`(?i)\bfor\s+` + nlNum + `\b(\s*[-#%$]|\s+(?:days?|nights?|weeks?|months?|hours?|cit(?:y|ies)|dollars|percent)\b)?`)
	nlPeopleWith  = regexp.MustCompile(`(?i)\b(?:I|I'm|I\s+am|me)\b[^.!?;]*\bwith\s+` + nlNum + `\s+(?:friends|others|companions|colleagues|coworkers|co-workers)\b`)
	nlPeoplePair  = regexp.MustCompile(`(?i)\b(?:a|the)\s+(?:pair|couple)\b(?:\s+of\s+(?:us|travell?ers|people|friends|adults))?|\b(?:my|our)\s+(?:wife|husband|partner|spouse|girlfriend|boyfriend|fianc[eé]e?)\s+and\s+(?:I|me)\b|\b(?:I|me)\s+and\s+my\s+(?:wife|husband|partner|spouse|girlfriend|boyfriend|fianc[eé]e?)\b|\b(?:I|I'm|I\s+am|I'll|I\s+will)\b[^.!?;]*\bwith\s+my\s+(?:wife|husband|partner|spouse|girlfriend|boyfriend|fianc[eé]e?)\b(?:\s*[.!?;,]|\s*$)`)
	nlPeoplePairX = regexp.MustCompile(`(?i)^\s+of\s+(?:days?|nights?|weeks?|cities|places|hours|months|things|options)\b`)
	nlPeopleSolo  = regexp.MustCompile(`(?i)\b(?:a\s+)?(?:single[\s-]person|one[\s-]person|1[\s-]person|solo|alone|by\s+myself|on\s+my\s+own|just\s+me|only\s+me|single\s+travell?er|sole\s+travell?er|individual\s+travell?er)\b`)
	nlSingular    = regexp.MustCompile(`\b(?:I|I'm|I'll|I've|I'd|me|my|myself|Me|My|Myself)\b`)
	nlPlural      = regexp.MustCompile(`(?i)\b(?:we|we're|we'll|we've|we'd|us|our|ours|ourselves|family|friends|group|party|kids|children|partner|wife|husband|companions?|colleagues|everyone)\b`)
)

type nlHit struct{ n, i, j int }

func (s *nlState) findPeople() {
	var hits []nlHit
	ws := string(s.w)
	used := make([]bool, len(ws))
	take := func(re *regexp.Regexp, val func(m []int) int) {
		for _, m := range re.FindAllStringSubmatchIndex(ws, -1) {
			if slices.Contains(used[m[0]:m[1]], true) {
				continue
			}
			if n := val(m); n != 0 {
				hits = append(hits, nlHit{n, m[0], m[1]})
				for k := m[0]; k < m[1]; k++ {
					used[k] = true
				}
			}
		}
	}
	num := func(m []int, g int) int {
		for ; g < len(m)/2; g++ {
			if m[2*g] >= 0 {
				return nlAtoi(ws[m[2*g]:m[2*g+1]])
			}
		}
		return -1
	}
	take(nlPeopleSum, func(m []int) int { return nlAtoi(ws[m[2]:m[3]]) + nlAtoi(ws[m[4]:m[5]]) })
	take(nlPeopleNoun, func(m []int) int { return num(m, 1) })
	take(nlPeopleGroup, func(m []int) int { return num(m, 1) })
	take(nlPeopleUs, func(m []int) int { return num(m, 1) })
	take(nlPeopleWith, func(m []int) int { return num(m, 1) + 1 })
	take(nlPeopleFor, func(m []int) int {
		if m[4] >= 0 {
			return 0 // "for 3 days"
		}
		return nlAtoi(ws[m[2]:m[3]])
	})
	take(nlPeoplePair, func(m []int) int {
		if nlPeoplePairX.MatchString(ws[m[1]:min(len(ws), m[1]+20)]) {
			return 0 // "a couple of days"
		}
		return 2
	})
	take(nlPeopleSolo, func(m []int) int { return 1 })
	slices.SortFunc(hits, func(a, b nlHit) int { return a.i - b.i })
	for _, h := range hits {
		s.blank(h.i, h.j)
		switch {
		case h.n < 1 || h.n > 100:
			s.conflict("%s is not a number of travellers from 1 to 100", nlQuote(s.t[h.i:h.j]))
		case s.people == 0:
			s.people = h.n
		case s.people != h.n:
			s.conflict("the text gives two numbers of travellers, %d and %d", s.people, h.n)
		}
	}
	switch {
	case s.people > 0:
	case nlSingular.MatchString(s.t) && !nlPlural.MatchString(s.t):
		s.people = 1
		s.assume("people_number 1: not stated; the text speaks of one traveller (I, me, my) and no companions")
	case s.p.opts.DefaultPeople > 0:
		s.people = s.p.opts.DefaultPeople
		s.assume("people_number %d: not stated; the default", s.people)
	default:
		s.missing("people_number")
	}
	s.q.PeopleNumber = max(s.people, 0)
}

// ---- local constraints ----

var (
	nlCuisineRE = regexp.MustCompile(`(?i)\b(tea|bbq|barbecue|barbeque|seafood|sea\s+food|caf[eé]s?|desserts?|pizzas?|fast[\s-]food|bakery|bakeries|baked\s+goods|mediterranean|french|mexican|chinese|indian|italian|american)\b`)
	nlListSep   = regexp.MustCompile(`(?i)^(?:\s*,\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+(?:and|or|&|as\s+well\s+as|plus)\s+|\s*/\s*)$`)
	// A negation in the same clause before a phrase: "no", "not", "don't",
	// "avoid", "without", "non-", "instead of". Budget idioms ("no more
	// than") and "non-stop" are not negations.
	nlNegation = regexp.MustCompile(`(?i)\b(?:no|not|never|without|avoid|avoiding|except|excluding|nor|neither|instead\s+of|rather\s+than|other\s+than|dislike|hate|allergic\s+to|free\s+of)\b|n't\b|\bnon-?\s*$|\bnon-`)
	nlNotNeg   = regexp.MustCompile(`(?i)\b(?:no|not)\s+(?:more|less|later|earlier|only|just|sure|too\s+expensive|specific|particular)\b|\bnon-?stop\b|\bnot\s+(?:exceed|go\s+over)`)
	nlClauseRE = regexp.MustCompile(`(?i)[.;!?:()]|,\s*(?:but|although|though|however|while|whereas|and|so)\b|\b(?:but|although|though|however|whereas|so\s+that)\b|\band\s+(?:we|i|they|you|our|my|it)\b`)
	nlNegAfter = regexp.MustCompile(`(?i)^[^.;!?]{0,25}?(?:\b(?:is|are)\s+not\s+(?:allowed|permitted|welcome|ok|okay)|\bprohibited\b|\bforbidden\b|\bbanned\b|-free\b|\s+free\b)`)
)

// negated reports whether the phrase at [i, j) of the text is negated in its
// clause.
func (s *nlState) negated(i, j, window int) bool {
	lo := max(0, i-window)
	pre := s.t[lo:i]
	if ms := nlClauseRE.FindAllStringIndex(pre, -1); len(ms) > 0 {
		pre = pre[ms[len(ms)-1][1]:]
	}
	pre = nlNotNeg.ReplaceAllString(pre, " ")
	if nlNegation.MatchString(pre) {
		return true
	}
	return nlNegAfter.MatchString(s.t[j:min(len(s.t), j+60)])
}

var nlCuisineCanon = map[string]string{"tea": "Tea", "bbq": "BBQ", "barbecue": "BBQ", "barbeque": "BBQ", "seafood": "Seafood",
	"sea food": "Seafood", "cafe": "Cafe", "café": "Cafe", "cafes": "Cafe", "cafés": "Cafe", "dessert": "Desserts", "desserts": "Desserts",
	"pizza": "Pizza", "pizzas": "Pizza", "fast food": "Fast Food", "fast-food": "Fast Food", "bakery": "Bakery", "bakeries": "Bakery",
	"baked goods": "Bakery", "mediterranean": "Mediterranean", "french": "French", "mexican": "Mexican", "chinese": "Chinese",
	"indian": "Indian", "italian": "Italian", "american": "American"}

var (
	nlHouseRE = []struct {
		rule string
		re   *regexp.Regexp
	}{
		{"parties", regexp.MustCompile(`(?i)\bparties\b|\bparty[\s-]friendly\b|\b(?:host|hosts|hosting|throw|throws|throwing|have|having|hold|holding)\s+(?:a\s+|an?\s+\w+\s+|some\s+|our\s+)?part(?:y|ies)\b|\bto\s+party\b`)},
		{"smoking", regexp.MustCompile(`(?i)\bsmok(?:ing|e|ers?)\b|\bsmoker[\s-]friendly\b`)},
		{"children under 10", regexp.MustCompile(`(?i)\b(?:child(?:ren)?|kids?|kid[\s-]friendly|child[\s-]friendly|toddlers?|infants?|bab(?:y|ies)|youngsters)\b`)},
		{"visitors", regexp.MustCompile(`(?i)\bvisitors?\b|\b(?:allow|allows|allowing|permit|permits|welcome|welcomes|accept|accepts|receive|receiving|have|having|invite|inviting)\s+(?:some\s+|our\s+|a\s+few\s+)?(?:guests|friends\s+over)\b|\bguests\s+(?:are\s+|to\s+be\s+)?(?:allowed|permitted|welcome)\b|\bguest[\s-]friendly\b`)},
		{"pets", regexp.MustCompile(`(?i)\bpets?\b|\bpet[\s-]friendly\b|\bdogs?\b|\bcats?\b|\bpupp(?:y|ies)\b`)},
	}
	nlSharedRE  = regexp.MustCompile(`(?i)\bshared\s+(?:rooms?|accommodations?|spaces?|housing|lodging)\b|\bshare\s+a\s+room\b|\b(?:non|un)-?shared\b|\bnot\s+(?:be\s+)?shared\b`)
	nlPrivateRE = regexp.MustCompile(`(?i)\bprivate\s+(?:bed)?rooms?\b`)
	nlEntireRE  = regexp.MustCompile(`(?i)\bentire\s+(?:rooms?|homes?|houses?|apartments?|apts?|places?|units?|propert(?:y|ies)|home/apt|flats?)\b|\bwhole\s+(?:homes?|houses?|apartments?|places?|units?|flats?)\b|\b(?:rooms?|place|home|house|apartment|flat)\s+(?:all\s+)?to\s+ourselves\b`)
	nlFlyRE     = regexp.MustCompile(`(?i)\b(?:fly|flying|flights?|flown|planes?|airplanes?|aeroplanes?|air\s+travel|airlines?|by\s+air)\b`)
	nlDriveRE   = regexp.MustCompile(`(?i)\b(?:self[\s-]*driv(?:e|ing|en)|driv(?:e|ing)|road\s*trip|cars?|rental\s+cars?)\b`)
)

func (s *nlState) findConstraints() {
	lc := &s.q.LocalConstraint
	// Cuisines, grouped into lists so that one negation covers the list.
	ms := nlCuisineRE.FindAllStringIndex(s.t, -1)
	var kept []string
	for k := 0; k < len(ms); {
		e := k + 1
		for e < len(ms) && nlListSep.MatchString(s.t[ms[e-1][1]:ms[e][0]]) {
			e++
		}
		neg := s.negated(ms[k][0], ms[e-1][1], 40)
		for _, m := range ms[k:e] {
			if s.inPlace(m[0], m[1]) {
				continue
			}
			c := nlCuisineCanon[strings.ToLower(strings.Join(strings.Fields(s.t[m[0]:m[1]]), " "))]
			if neg {
				s.ignore("cuisine %s is negated; TravelPlanner can only require cuisines", nlQuote(s.t[m[0]:m[1]]))
				continue
			}
			if c != "" && !slices.Contains(kept, c) {
				kept = append(kept, c)
			}
		}
		k = e
	}
	if len(kept) > 0 {
		lc.Cuisine = kept
	}
	// House rules: the first rule the travellers need allowed.
	type hit struct {
		rule string
		i    int
	}
	var rules []hit
	for _, hr := range nlHouseRE {
		for _, m := range hr.re.FindAllStringIndex(s.t, -1) {
			if s.inPlace(m[0], m[1]) {
				continue
			}
			if s.negated(m[0], m[1], 40) {
				s.ignore("%s is negated; TravelPlanner's house rules only say what must be allowed", nlQuote(s.t[m[0]:m[1]]))
				continue
			}
			rules = append(rules, hit{hr.rule, m[0]})
		}
	}
	slices.SortFunc(rules, func(a, b hit) int { return a.i - b.i })
	for _, r := range rules {
		switch {
		case lc.HouseRule == nil:
			lc.HouseRule = Str(r.rule)
		case *lc.HouseRule != r.rule:
			s.ignore("house rule %q: a TravelPlanner query holds one house rule (kept %q)", r.rule, *lc.HouseRule)
		}
	}
	// Room type.
	var rooms []hit
	for _, m := range nlSharedRE.FindAllStringIndex(s.t, -1) {
		phrase := strings.ToLower(s.t[m[0]:m[1]])
		rt := "shared room"
		if strings.HasPrefix(phrase, "non") || strings.HasPrefix(phrase, "un") || strings.HasPrefix(phrase, "not") || s.negated(m[0], m[1], 40) {
			rt = "not shared room"
		}
		rooms = append(rooms, hit{rt, m[0]})
	}
	for _, x := range []struct {
		rt string
		re *regexp.Regexp
	}{{"private room", nlPrivateRE}, {"entire room", nlEntireRE}} {
		for _, m := range x.re.FindAllStringIndex(s.t, -1) {
			if s.negated(m[0], m[1], 30) {
				s.ignore("%s is negated; TravelPlanner cannot exclude that room type", nlQuote(s.t[m[0]:m[1]]))
				continue
			}
			rooms = append(rooms, hit{x.rt, m[0]})
		}
	}
	slices.SortFunc(rooms, func(a, b hit) int { return a.i - b.i })
	for _, r := range rooms {
		switch {
		case lc.RoomType == nil:
			lc.RoomType = Str(r.rule)
		case *lc.RoomType != r.rule:
			s.ignore("room type %q: a TravelPlanner query holds one room type (kept %q)", r.rule, *lc.RoomType)
		}
	}
	// Transportation: a negated mode.
	var modes []hit
	for _, x := range []struct {
		tr string
		re *regexp.Regexp
	}{{"no flight", nlFlyRE}, {"no self-driving", nlDriveRE}} {
		for _, m := range x.re.FindAllStringIndex(s.t, -1) {
			if s.inPlace(m[0], m[1]) || !s.negated(m[0], m[1], 60) {
				continue
			}
			modes = append(modes, hit{x.tr, m[0]})
		}
	}
	slices.SortFunc(modes, func(a, b hit) int { return a.i - b.i })
	for _, r := range modes {
		switch {
		case lc.Transportation == nil:
			lc.Transportation = Str(r.rule)
		case *lc.Transportation != r.rule:
			s.ignore("transportation %q: a TravelPlanner query holds one transportation rule (kept %q)", r.rule, *lc.Transportation)
		}
	}
}

// ---- result ----

func (s *nlState) finish() {
	q := &s.q
	lc := q.LocalConstraint
	n := 0
	for _, set := range []bool{lc.HouseRule != nil, len(lc.Cuisine) > 0, lc.RoomType != nil, lc.Transportation != nil} {
		if set {
			n++
		}
	}
	switch {
	case n == 0 && q.PeopleNumber == 1:
		q.Level = "easy"
	case n == 1:
		q.Level = "medium"
	case n >= 3:
		q.Level = "hard"
	}
	// Report fields in a fixed order.
	order := []string{"org", "dest", "date", "days", "people_number", "budget"}
	slices.SortStableFunc(s.rep.Missing, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	if s.rep.Complete() {
		if err := q.Validate(s.p.db); err != nil {
			s.conflict("%s", strings.TrimPrefix(err.Error(), "travel: query: "))
		}
	}
}
