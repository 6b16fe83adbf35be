package nl

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/plankit/plankit/domains/robot"
)

// place is a region of the environment as the language sees it.
type place struct {
	name     string
	full     []string // canonical name words ("restroom", "2")
	base     []string // full without trailing numbers
	fn       []string // canonical words of a short function text
	kind     string
	colour   string // lower case as written in the environment
	family   string // colour family ("" without a colour)
	area     float64
	obstacle bool
}

// world is the environment's vocabulary.
type world struct {
	env    *robot.Env
	places []place
	heads  map[string]bool // every phrase that can head a noun phrase
	groups map[string][]int
}

var pairRe = regexp.MustCompile(`(?i)\b(opens|opened by|unlocks|unlocked by)\s+([A-Za-z_][A-Za-z0-9_]*)`)

func newWorld(env *robot.Env) *world {
	w := &world{env: env, heads: map[string]bool{}, groups: map[string][]int{}}
	for _, r := range env.Regions {
		p := place{name: r.Name, kind: r.Kind, obstacle: r.Obstacle(), area: r.Shape.Area()}
		p.full = nameWords(r.Name)
		p.base = p.full
		for len(p.base) > 1 && isNumber(p.base[len(p.base)-1]) {
			p.base = p.base[:len(p.base)-1]
		}
		if fn, _, _ := strings.Cut(r.Function, ":"); fn != "" {
			if ws := nameWords(fn); len(ws) <= 2 {
				p.fn = ws
			}
		}
		if r.Color != "" {
			p.colour = strings.ToLower(r.Color)
			p.family = familyOf(p.colour)
		}
		w.places = append(w.places, p)
		add := func(ws []string) {
			for k := range ws {
				// a suffix that is an instruction word ("reach") is no head
				if h := strings.Join(ws[k:], " "); cues[h] == cueNone || k == 0 && h == strings.ToLower(r.Name) {
					w.heads[h] = true
				}
			}
		}
		w.heads[strings.ToLower(r.Name)] = true
		w.heads[strings.Join(p.full, " ")] = true
		add(p.base)
		add(p.fn)
		w.heads[strings.Join(nameWords(r.Kind), " ")] = true
	}
	for _, g := range env.Groups {
		var idx []int
		for _, m := range g.Members {
			for i := range w.places {
				if w.places[i].name == m {
					idx = append(idx, i)
				}
			}
		}
		key := strings.Join(nameWords(g.Name), " ")
		w.groups[key] = idx
		w.heads[key] = true
		if s, ok := singular(key); ok {
			w.groups[s] = idx
			w.heads[s] = true
		}
	}
	for h := range genericHeads {
		w.heads[h] = true
	}
	for h := range wallHeads {
		w.heads[h] = true
	}
	return w
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// familyOf returns the family of an environment colour: from the colour
// table, else the nearest prototype of its RGB value.
func familyOf(c string) string {
	if f, ok := colourWords[c]; ok {
		return f
	}
	rgb, err := robot.ParseColor(c)
	if err != nil {
		return ""
	}
	best, bd := "", math.Inf(1)
	for _, f := range []string{red, orange, yellow, green, cyan, blue, purple, pink, brown, black, white, gray} {
		p := familyRGB[f]
		dr, dg, db := float64(rgb.R)-float64(p.R), float64(rgb.G)-float64(p.G), float64(rgb.B)-float64(p.B)
		if d := dr*dr + dg*dg + db*db; d < bd {
			best, bd = f, d
		}
	}
	return best
}

// colourSpec is a colour named in the instruction.
type colourSpec struct {
	text   string   // as written (normalised words)
	forms  []string // exact colour names it stands for ("lightpink", "pink")
	family string
}

// nounPhrase is a description of regions.
type nounPhrase struct {
	text       string
	quant      string // "", all, every, each, any, both, num, one
	one        bool   // quantified by "one" ("one of the bathrooms")
	count      int
	definite   bool
	indefinite bool
	plural     bool
	head       []string
	literal    bool // the head was written as is (not a synonym)
	generic    bool
	wall       bool
	colours    []colourSpec // any of
	similar    []colourSpec
	notColours []colourSpec
	except     []*nounPhrase
	size       int // -1 smallest, +1 largest
	other      bool
	paired     bool
}

// npList is one noun phrase or a coordinated list of them.
type npList struct {
	items []*nounPhrase
	or    bool // "A or B", "either A or B"
	both  bool // "both A and B"
	text  string
}

// parser walks the tokens of an instruction.
type parser struct {
	src  string
	toks []token
	w    *world
	// ambiguous: a region named like an article followed by another
	// region's exact name ("go to a b"), which neither reading settles
	ambiguous string
	// lowerBound: a time after "after", "once" or "not before" ("after 5
	// seconds"), a lower time bound the translator does not express
	lowerBound string
	// conditional: "if", "whenever", ...: a condition the translator does
	// not express (reading its clause as a visit would oblige it)
	conditional string
	// counting: "exactly once", "twice": a count of visits
	counting string
}

func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].w
}

func (p *parser) isNum(i int) bool { return i >= 0 && i < len(p.toks) && p.toks[i].isNum }

func (p *parser) text(i, j int) string {
	if i >= j || i >= len(p.toks) {
		return ""
	}
	return p.src[p.toks[i].start:p.toks[j-1].end]
}

// timeUnit reports the length of a time unit phrase at i (0 if none) and
// its value in seconds.
func (p *parser) timeUnit(i int) (int, float64) {
	if v, ok := timeUnits[p.word(i)+" "+p.word(i+1)]; ok {
		return 2, v
	}
	if v, ok := timeUnits[p.word(i)]; ok && !p.toks[i].punct {
		return 1, v
	}
	return 0, 0
}

var dets = map[string]bool{"the": true, "these": true, "those": true, "this": true, "its": true,
	"their": true, "his": true, "her": true, "my": true, "our": true}
var pairedWords = map[string]bool{"corresponding": true, "specific": true, "matching": true,
	"respective": true, "own": true, "associated": true, "relevant": true, "appropriate": true, "right": true}
var smallWords = map[string]int{"smaller": -1, "smallest": -1, "small": -1, "little": -1, "tiny": -1,
	"larger": 1, "largest": 1, "bigger": 1, "biggest": 1, "big": 1, "large": 1, "huge": 1}
var hueNouns = map[string]bool{"hue": true, "colour": true, "color": true, "shade": true, "tone": true,
	"tint": true, "hues": true, "colours": true, "colors": true, "shades": true, "tones": true, "theme": true,
	"touch": true, "finish": true, "coat": true, "pigment": true, "palette": true, "scheme": true, "paint": true}
var resembleWords = map[string]bool{"resembling": true, "resembles": true, "resemble": true, "similar": true,
	"close": true, "near": true, "akin": true, "like": true, "reminiscent": true, "approaching": true,
	"nearly": true, "almost": true, "resemblance": true, "approximating": true, "nearing": true, "leans": true,
	"leaning": true, "towards": true, "toward": true, "gravitates": true, "gravitating": true, "to": true}
var hasWords = map[string]bool{"possess": true, "possesses": true, "possessing": true, "has": true,
	"have": true, "having": true, "show": true, "shows": true, "feature": true, "features": true,
	"bear": true, "bears": true, "carry": true, "carries": true, "display": true, "displays": true, "with": true,
	"displaying": true, "bearing": true, "featuring": true, "showing": true, "sporting": true, "shines": true,
	"shining": true, "glows": true}
var paintWords = map[string]bool{"painted": true, "colored": true, "coloured": true, "tinted": true,
	"decorated": true, "marked": true, "hued": true, "shaded": true, "adorned": true, "bathed": true,
	"covered": true, "washed": true, "done": true, "dressed": true, "finished": true}
var exceptWords = map[string]int{"except": 1, "excluding": 1, "besides": 1, "save": 1, "but": 1,
	"other than": 2, "apart from": 2, "aside from": 2, "not including": 2, "except for": 2, "but not": 2,
	"and not": 2, "with the exception of": 4, "yet not": 2, "but it is not": 4, "but they are not": 4,
	"yet it is not": 4, "but lacking": 2, "though not": 2, "while not": 2, "unless it is": 3, "unless they are": 3,
	"unless": 1, "except those": 2, "other than those": 3}
var adverbs = map[string]bool{"closely": true, "very": true, "quite": true, "somewhat": true, "rather": true,
	"fairly": true, "slightly": true, "most": true, "more": true, "to": true, "of": true, "a": true,
	"an": true, "the": true, "in": true, "kind": true, "sort": true, "with": true}

// colour parses a colour at i: shade words, a colour word, suffixes.
func (p *parser) colour(i int) (colourSpec, int, bool) {
	j := i
	var shades []string
	for j < len(p.toks) && (shadeWords[p.word(j)] || len(shades) > 0 && p.word(j) == "," && j+1 < len(p.toks)) {
		if p.word(j) != "," {
			shades = append(shades, p.word(j))
		}
		j++
	}
	w := p.word(j)
	if j >= len(p.toks) || p.toks[j].punct || p.toks[j].isNum {
		return colourSpec{}, i, false
	}
	fam, ok := colourWords[w]
	if !ok {
		// "sky blue", "navy blue": a colour word glued to the next
		if f2, ok2 := colourWords[w+p.word(j+1)]; ok2 && p.word(j+1) != "" {
			fam, ok = f2, true
			w += p.word(j + 1)
			j++
		}
	}
	if !ok {
		return colourSpec{}, i, false
	}
	// "ruby red", "canary yellow": the last colour word names the colour
	for {
		next := p.word(j + 1)
		f2, ok2 := colourWords[next]
		if !ok2 || j+1 >= len(p.toks) || p.toks[j+1].punct {
			break
		}
		shades = append(shades, w)
		w, fam = next, f2
		j++
	}
	c := colourSpec{family: fam}
	if len(shades) > 0 {
		c.forms = append(c.forms, shades[len(shades)-1]+w)
	}
	c.forms = append(c.forms, w)
	j++
	for colourSuffixes[p.word(j)] {
		j++
	}
	c.text = p.text(i, j)
	return c, j, true
}

// colours parses "red", "red and yellow", "red, yellow or blue".
func (p *parser) colours(i int) ([]colourSpec, int) {
	c, j, ok := p.colour(i)
	if !ok {
		return nil, i
	}
	out := []colourSpec{c}
	for {
		k := j
		if p.word(k) == "," {
			k++
		}
		if w := p.word(k); w == "and" || w == "or" || w == "nor" {
			k++
		} else if k == j {
			break
		}
		c2, k2, ok := p.colour(k)
		if !ok {
			break
		}
		out = append(out, c2)
		j = k2
	}
	return out, j
}

// head parses the longest known head phrase at i (up to 4 words).
func (p *parser) head(i int) ([]string, bool, bool, int) {
	for n := 4; n >= 1; n-- {
		if i+n > len(p.toks) {
			continue
		}
		ws := make([]string, n)
		literal, plural, ok := true, false, true
		for k := range n {
			t := p.toks[i+k]
			if t.punct || (t.isNum && k == 0) {
				ok = false
				break
			}
			ws[k] = t.w
			literal = literal && !t.syn
			plural = plural || t.plural
		}
		if !ok {
			continue
		}
		if p.w.heads[strings.Join(ws, " ")] {
			return ws, literal, plural, i + n
		}
		if s, changed := singular(ws[n-1]); changed {
			ws2 := append(slices.Clone(ws[:n-1]), s)
			if p.w.heads[strings.Join(ws2, " ")] {
				return ws2, literal, true, i + n
			}
		}
	}
	return nil, false, false, i
}

// phraseAt matches the longest key of table at i (up to 4 words).
func (p *parser) phraseAt(i int, table map[string]int) int {
	for n := 4; n >= 1; n-- {
		if i+n > len(p.toks) {
			continue
		}
		ws := make([]string, n)
		for k := range n {
			ws[k] = p.toks[i+k].w
		}
		if _, ok := table[strings.Join(ws, " ")]; ok {
			return n
		}
	}
	return 0
}

// nounPhrase parses a description of regions at i.
func (p *parser) nounPhrase(i int, allowExcept bool) (*nounPhrase, int, bool) {
	np := &nounPhrase{}
	j := i
	// a region named like a determiner ("a", "an", "all") is a name when
	// what follows it is no noun phrase: "go to a then b"
	if p.nameLike(j) {
		next, _, ok := p.nounPhrase(j+1, allowExcept)
		if !ok {
			if h, lit, pl, k := p.head(j); h != nil {
				np.head, np.literal, np.plural = h, lit, pl
				return p.postModifiers(np, i, k, allowExcept)
			}
		}
		if ok && p.ambiguous == "" && next.literal && next.quant == "" && !next.definite && !next.indefinite &&
			len(next.colours) == 0 && p.w.isPlaceHead(strings.Join(next.head, " ")) {
			p.ambiguous = p.text(j, j+1) + " " + next.text
		}
	}
	switch w := p.word(j); w {
	case "all", "every", "each", "both", "any", "some", "either", "one":
		np.quant = w
		np.one = w == "one"
		if w == "some" || w == "either" || w == "one" {
			np.quant = "any"
		}
		j++
		if p.word(j) == "single" {
			j++
		}
		if p.word(j) == "of" {
			j++
		}
	default:
		if p.isNum(j) {
			if n, _ := p.timeUnit(j + 1); n == 0 {
				np.quant, np.count = "num", int(p.toks[j].num)
				j++
				if p.word(j) == "of" {
					j++
				}
			}
		}
	}
	switch w := p.word(j); {
	case dets[w]:
		np.definite = true
		np.paired = w == "its" || w == "their"
		j++
	case w == "a" || w == "an":
		np.indefinite = true
		j++
	}
	if p.isNum(j) && np.quant == "" {
		if n, _ := p.timeUnit(j + 1); n == 0 {
			np.quant, np.count = "num", int(p.toks[j].num)
			j++
		}
	}
	if p.word(j) == "couple" && p.word(j+1) == "of" {
		np.quant, np.count = "num", 2
		j += 2
	}
	for {
		w := p.word(j)
		if j < len(p.toks) && p.toks[j].punct {
			break
		}
		if w == "other" || w == "another" || w == "remaining" {
			np.other = true
			j++
			continue
		}
		if pairedWords[w] {
			np.paired = true
			j++
			continue
		}
		if s, ok := smallWords[w]; ok {
			np.size = s
			j++
			continue
		}
		if cs, k := p.colours(j); len(cs) > 0 {
			// a colour word that is also the head of a region name is a head
			if h, _, _, _ := p.head(j); len(h) > 1 {
				break
			}
			np.colours = append(np.colours, cs...)
			j = k
			continue
		}
		break
	}
	if h, lit, pl, k := p.head(j); h != nil {
		if len(h) == 1 && h[0] == "one" && len(np.colours) == 0 && np.size == 0 && !np.other && !np.definite {
			return nil, i, false // "ones" needs something to say which
		}
		np.head, np.literal, np.plural = h, lit, pl
		key := strings.Join(h, " ")
		np.generic = genericHeads[key] && !p.w.isPlaceHead(key)
		np.wall = wallHeads[key]
		j = k
	} else if len(np.colours) == 0 && !np.other && np.size == 0 {
		return nil, i, false
	} else {
		np.generic = true
	}
	return p.postModifiers(np, i, j, allowExcept)
}

// nameLike reports whether the word at i is a function word that starts
// a noun phrase (an article, determiner or quantifier) and also the exact
// name of a region.
func (p *parser) nameLike(i int) bool {
	if i >= len(p.toks) || p.toks[i].punct || p.toks[i].syn {
		return false
	}
	w := p.toks[i].w
	switch w {
	case "a", "an", "all", "every", "each", "both", "any", "some", "either", "one":
	default:
		if !dets[w] {
			return false
		}
	}
	for _, pl := range p.w.places {
		if strings.ToLower(pl.name) == w {
			return true
		}
	}
	return false
}

// postModifiers reads what follows a noun phrase's head at j: colours,
// relative clauses, exceptions.
func (p *parser) postModifiers(np *nounPhrase, i, j int, allowExcept bool) (*nounPhrase, int, bool) {
	for {
		k := j
		comma := false
		if p.word(k) == "," {
			k++
			comma = true
		}
		w := p.word(k)
		switch {
		case !comma && paintWords[w]:
			k++
			if p.word(k) == "in" || p.word(k) == "with" || p.word(k) == "by" {
				k++
			}
			k2, ok := p.hueClause(np, k)
			if !ok {
				return p.finish(np, i, j)
			}
			j = k2
			continue
		case !comma && w == "of":
			k2, ok := p.hueClause(np, k+1)
			if !ok {
				return p.finish(np, i, j)
			}
			j = k2
			continue
		case !comma && hasWords[w] && w != "with":
			k2, ok := p.hueClause(np, k+1)
			if !ok {
				return p.finish(np, i, j)
			}
			j = k2
			continue
		case !comma && (w == "whose" || w == "where"):
			k2, ok := p.hueClause(np, k+1)
			if !ok {
				return p.finish(np, i, j)
			}
			j = k2
			continue
		case !comma && w == "in":
			cs, k2 := p.colours(k + 1)
			if len(cs) == 0 {
				return p.finish(np, i, j)
			}
			np.colours = append(np.colours, cs...)
			j = k2
			continue
		case !comma && (w == "that" || w == "which"):
			k++
			if k2, ok := p.relative(np, k); ok {
				j = k2
				continue
			}
			return p.finish(np, i, j)
		case !comma && w == "with":
			if k2, ok := p.hueClause(np, k+1); ok {
				j = k2
				continue
			}
			return p.finish(np, i, j)
		case allowExcept && p.phraseAt(k, exceptWords) > 0:
			n := p.phraseAt(k, exceptWords)
			if w == "but" && n == 1 && !p.startsNP(k+1) {
				return p.finish(np, i, j)
			}
			k += n
			for p.word(k) == "exactly" || p.word(k) == "precisely" || p.word(k) == "quite" || p.word(k) == "those" ||
				p.word(k) == "ones" || p.word(k) == "in" || paintWords[p.word(k)] {
				k++
			}
			if k2, ok := p.exceptColour(np, k); ok {
				j = k2
				continue
			}
			if cs, k2 := p.colours(k); len(cs) > 0 {
				if _, _, _, k3 := p.head(k2); k3 == k2 {
					np.notColours = append(np.notColours, cs...)
					j = k2
					continue
				}
			}
			ex, k2, ok := p.nounPhrase(k, false)
			if !ok {
				return p.finish(np, i, j)
			}
			np.except = append(np.except, ex)
			for {
				k3 := k2
				if p.word(k3) == "," {
					k3++
				}
				if p.word(k3) == "and" || p.word(k3) == "or" || p.word(k3) == "nor" {
					k3++
				}
				if k3 == k2 {
					break
				}
				ex2, k4, ok := p.nounPhrase(k3, false)
				if !ok {
					break
				}
				np.except = append(np.except, ex2)
				k2 = k4
			}
			j = k2
			continue
		}
		break
	}
	return p.finish(np, i, j)
}

func (p *parser) finish(np *nounPhrase, i, j int) (*nounPhrase, int, bool) {
	np.text = p.text(i, j)
	return np, j, true
}

// startsNP reports whether a noun phrase starts at i.
func (p *parser) startsNP(i int) bool {
	_, _, ok := p.nounPhrase(i, false)
	return ok
}

// relative parses "that are (not|neither C nor) C", "that is painted C",
// "that possess a hue resembling C" after "that"/"which".
func (p *parser) relative(np *nounPhrase, k int) (int, bool) {
	// "that do not have ... colour", "that lack ... colour"
	neg := false
	if p.word(k) == "do" || p.word(k) == "does" {
		k++
	}
	if p.word(k) == "not" {
		neg = true
		k++
	}
	if w := p.word(k); w == "lack" || w == "lacks" || hasWords[w] && neg {
		sub := &nounPhrase{}
		k2, ok := p.hueClause(sub, k+1)
		if !ok || len(sub.similar) > 0 {
			return k, false
		}
		np.notColours = append(np.notColours, sub.colours...)
		return k2, true
	}
	if neg {
		return k, false
	}
	switch p.word(k) {
	case "is", "are", "was", "were", "be", "appear", "appears", "look", "looks", "seem", "seems":
		k++
		neg := false
		if p.word(k) == "not" || p.word(k) == "neither" {
			neg = true
			k++
		}
		if p.word(k) == "devoid" && p.word(k+1) == "of" {
			neg = true
			k += 2
		}
		if paintWords[p.word(k)] || p.word(k) == "rich" {
			k++
			if p.word(k) == "in" || p.word(k) == "with" {
				k++
			}
		}
		sub := &nounPhrase{}
		k2, ok := p.hueClause(sub, k)
		if !ok {
			return k, false
		}
		if neg {
			if len(sub.similar) > 0 {
				return k, false
			}
			np.notColours = append(np.notColours, sub.colours...)
		} else {
			np.colours = append(np.colours, sub.colours...)
			np.similar = append(np.similar, sub.similar...)
		}
		return k2, true
	}
	if hasWords[p.word(k)] {
		return p.hueClause(np, k+1)
	}
	return k, false
}

// hueClause parses a colour description: "a hue closely resembling red",
// "hues of gold", "a red colour", "the color light pink or cyan", "a
// color which is nearly red", "blue".
func (p *parser) hueClause(np *nounPhrase, k int) (int, bool) {
	for adverbs[p.word(k)] && p.word(k) != "to" {
		k++
	}
	if cs, k2 := p.colours(k); len(cs) > 0 {
		np.colours = append(np.colours, cs...)
		if hueNouns[p.word(k2)] {
			k2++
		}
		return k2, true
	}
	for shadeWords[p.word(k)] {
		k++
	}
	if !hueNouns[p.word(k)] {
		return k, false
	}
	k++
	if w := p.word(k); w == "which" || w == "that" {
		k++
	}
	if w := p.word(k); w == "is" || w == "are" {
		k++
	}
	sim := false
	for adverbs[p.word(k)] || resembleWords[p.word(k)] {
		if resembleWords[p.word(k)] && p.word(k) != "to" {
			sim = true
		}
		k++
	}
	cs, k2 := p.colours(k)
	if len(cs) == 0 {
		return k, false
	}
	if sim {
		np.similar = append(np.similar, cs...)
	} else {
		np.colours = append(np.colours, cs...)
	}
	return k2, true
}

// exceptColour parses the colour an exception names: "exactly the
// intense, pure shade of red", "the pristine red shade", "the vibrancy of
// pure red".
func (p *parser) exceptColour(np *nounPhrase, k int) (int, bool) {
	for {
		w := p.word(k)
		if exceptFiller[w] || shadeWords[w] || hueNouns[w] || w == "," && k+1 < len(p.toks) {
			k++
			continue
		}
		break
	}
	cs, k2 := p.colours(k)
	if len(cs) == 0 {
		return k, false
	}
	if hueNouns[p.word(k2)] {
		k2++
	} else if h, _, _, _ := p.head(k2); h != nil {
		return k, false // "except the blue ones": a noun phrase, not a colour
	}
	np.notColours = append(np.notColours, cs...)
	return k2, true
}

var exceptFiller = map[string]bool{"exactly": true, "precisely": true, "quite": true, "the": true, "a": true,
	"an": true, "same": true, "and": true, "of": true, "vibrancy": true, "intensity": true, "purity": true,
	"brightness": true, "form": true, "version": true, "kind": true, "type": true}

// npList parses "A", "A, B and C", "both A and B", "either A or B".
func (p *parser) npList(i int) (*npList, int, bool) {
	l := &npList{}
	j := i
	if w := p.word(j); w == "both" || w == "either" {
		// "both A and B" is a list; "both blue rooms" a quantified phrase
		if np, k, ok := p.nounPhrase(j+1, true); ok && (p.word(k) == "and" || p.word(k) == "or") {
			if _, _, ok2 := p.nounPhrase(k+1, true); ok2 {
				l.both, l.or = w == "both", w == "either"
				l.items = append(l.items, np)
				j = k
			}
		}
	}
	if len(l.items) == 0 {
		np, k, ok := p.nounPhrase(j, true)
		if !ok {
			return nil, i, false
		}
		l.items = append(l.items, np)
		j = k
	}
	for {
		k := j
		if p.word(k) == "," {
			k++
		}
		conj := p.word(k)
		if conj == "and" || conj == "or" {
			k++
		} else if k == j {
			break
		}
		np, k2, ok := p.nounPhrase(k, true)
		if !ok {
			break
		}
		if conj == "or" {
			l.or = true
		}
		l.items = append(l.items, np)
		j = k2
	}
	l.text = p.text(i, j)
	return l, j, true
}

func (w *world) isPlaceHead(key string) bool {
	for _, pl := range w.places {
		if strings.Join(pl.full, " ") == key || strings.ToLower(pl.name) == key {
			return true
		}
	}
	return false
}

// rank says how well head names place i: 3 written exactly as its name,
// 2 its name without a number, 1 a kind, function, group or the last
// words of its name (0: not at all).
func (w *world) rank(np *nounPhrase, i int) int {
	pl := &w.places[i]
	key := strings.Join(np.head, " ")
	switch {
	case np.literal && (key == strings.ToLower(pl.name) || strings.ReplaceAll(key, " ", "_") == strings.ToLower(pl.name) ||
		strings.ReplaceAll(key, " ", "") == strings.ToLower(pl.name)):
		return 3
	case key == strings.Join(pl.full, " ") && len(pl.full) > len(pl.base):
		return 3
	case key == strings.Join(pl.base, " "):
		return 2
	case hasSuffix(pl.base, np.head) || hasSuffix(pl.fn, np.head) || key == strings.Join(nameWords(pl.kind), " "):
		return 1
	}
	if idx, ok := w.groups[key]; ok && slices.Contains(idx, i) {
		return 1
	}
	return 0
}

func hasSuffix(ws, suf []string) bool {
	if len(suf) == 0 || len(suf) > len(ws) {
		return false
	}
	return slices.Equal(ws[len(ws)-len(suf):], suf)
}

// colourMatch filters candidates by colour specs (any of): a region whose
// colour is written as the spec wins over one of the same family.
func (w *world) colourMatch(cands []int, specs []colourSpec, similar bool) []int {
	keep := map[int]bool{}
	for _, c := range specs {
		var exact, fam []int
		for _, i := range cands {
			pl := &w.places[i]
			switch {
			case slices.Contains(c.forms, pl.colour):
				exact = append(exact, i)
			case similar && pl.family != "" && (pl.family == c.family || slices.Contains(neighbours[c.family], pl.family)):
				fam = append(fam, i)
			case !similar && pl.family != "" && pl.family == c.family:
				fam = append(fam, i)
			}
		}
		if !similar && len(exact) > 0 {
			fam = nil
		}
		for _, i := range append(exact, fam...) {
			keep[i] = true
		}
	}
	var out []int
	for _, i := range cands {
		if keep[i] {
			out = append(out, i)
		}
	}
	return out
}

// resolved is what a noun phrase stands for.
type resolved struct {
	idx  []int
	all  bool // every member (quantified or plural), in any order
	any  bool // one of them
	wall bool
	why  string
}

// resolve turns a noun phrase into regions; exclude holds regions that
// "other" leaves out.
func (w *world) resolve(np *nounPhrase, exclude []int) (resolved, error) {
	if np.wall {
		return resolved{wall: true}, nil
	}
	var cands []int
	ranks := map[int]int{}
	for i, pl := range w.places {
		if pl.obstacle {
			continue
		}
		r := 1
		if !np.generic {
			r = w.rank(np, i)
		}
		if r > 0 {
			cands = append(cands, i)
			ranks[i] = r
		}
	}
	if len(cands) == 0 && !np.generic {
		// the head names only walls or obstacles
		for i, pl := range w.places {
			if pl.obstacle && w.rank(np, i) > 0 {
				return resolved{wall: true}, nil
			}
		}
	}
	var why []string
	if len(np.colours) > 0 {
		cands = w.colourMatch(cands, np.colours, false)
		why = append(why, "colour "+specText(np.colours, " or "))
	}
	if len(np.similar) > 0 {
		cands = w.colourMatch(cands, np.similar, true)
		why = append(why, "a colour like "+specText(np.similar, " or ")+" (its family and "+neighbourText(np.similar)+")")
	}
	if len(np.notColours) > 0 {
		drop := w.colourMatch(cands, np.notColours, false)
		cands = slices.DeleteFunc(cands, func(i int) bool { return slices.Contains(drop, i) })
		why = append(why, "not "+specText(np.notColours, " or "))
	}
	for _, ex := range np.except {
		r, err := w.resolve(ex, nil)
		if err != nil {
			return resolved{}, err
		}
		n := len(cands)
		cands = slices.DeleteFunc(cands, func(i int) bool { return slices.Contains(r.idx, i) })
		if len(cands) == n && len(r.idx) > 0 {
			// "visit goal1 but not goal2": the exception excludes nothing,
			// so the speaker means to keep out of it, which is not read here
			return resolved{}, fmt.Errorf("%w: %q: %s is not among the places named before it, so the exception excludes nothing; to keep out of it, say \"and never enter %s\"", ErrUnsupported, np.text, w.names(r.idx), ex.text)
		}
		why = append(why, "except "+w.names(r.idx))
	}
	if np.other && len(exclude) > 0 {
		cands = slices.DeleteFunc(cands, func(i int) bool { return slices.Contains(exclude, i) })
		why = append(why, "other than "+w.names(exclude))
	}
	if len(cands) == 0 {
		return resolved{}, fmt.Errorf("%w: %q matches no region of the environment%s", ErrNoMatch, np.text, w.hint(np))
	}
	if np.size != 0 {
		best := math.Inf(1)
		var picked []int
		for _, i := range cands {
			a := w.places[i].area * float64(-np.size)
			if a < best-1e-12 {
				best, picked = a, []int{i}
			} else if math.Abs(a-best) <= 1e-12 {
				picked = append(picked, i)
			}
		}
		if np.size < 0 {
			why = append(why, "the smallest of "+w.names(cands))
		} else {
			why = append(why, "the largest of "+w.names(cands))
		}
		cands = picked
	}
	res := resolved{}
	switch {
	case np.quant == "num":
		if len(cands) != np.count {
			return resolved{}, fmt.Errorf("%w: %q asks for %d regions but %d match (%s)", ErrAmbiguous, np.text, np.count, len(cands), w.names(cands))
		}
		res.all = true
	case np.quant == "both":
		if len(cands) != 2 {
			return resolved{}, fmt.Errorf("%w: %q asks for two regions but %d match (%s)", ErrAmbiguous, np.text, len(cands), w.names(cands))
		}
		res.all = true
	case np.quant == "all" || np.quant == "every" || np.quant == "each" || np.paired:
		res.all = true
	case np.quant == "any" || np.indefinite:
		res.any = true
	case np.plural:
		res.all = true
	case len(cands) > 1:
		top, n := 0, 0
		for _, i := range cands {
			if ranks[i] > top {
				top, n = ranks[i], 0
			}
			if ranks[i] == top {
				n++
			}
		}
		if n != 1 || top < 2 {
			return resolved{}, fmt.Errorf("%w: %q could be any of %s; name one (or say which colour, or \"all\")", ErrAmbiguous, np.text, w.names(cands))
		}
		var keep []int
		for _, i := range cands {
			if ranks[i] == top {
				keep = append(keep, i)
			}
		}
		why = append(why, fmt.Sprintf("the region named so rather than %s", w.names(slices.DeleteFunc(slices.Clone(cands), func(i int) bool { return slices.Contains(keep, i) }))))
		cands = keep
	}
	res.idx = cands
	res.why = strings.Join(why, "; ")
	return res, nil
}

func (w *world) names(idx []int) string {
	s := make([]string, len(idx))
	for k, i := range idx {
		s[k] = w.places[i].name
	}
	return strings.Join(s, ", ")
}

func specText(cs []colourSpec, sep string) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.text
		if c.forms[len(c.forms)-1] != c.family {
			s[i] += " (" + c.family + ")"
		}
	}
	return strings.Join(s, sep)
}

func neighbourText(cs []colourSpec) string {
	var s []string
	for _, c := range cs {
		s = append(s, neighbours[c.family]...)
	}
	return strings.Join(s, ", ")
}

// hint lists what the environment offers for a phrase that matched nothing.
func (w *world) hint(np *nounPhrase) string {
	cols := map[string]bool{}
	var cl []string
	for _, pl := range w.places {
		if !pl.obstacle && pl.colour != "" && !cols[pl.colour] {
			cols[pl.colour] = true
			cl = append(cl, pl.colour)
		}
	}
	if len(np.colours)+len(np.similar)+len(np.notColours) > 0 && len(cl) > 0 {
		return " (colours here: " + strings.Join(cl, ", ") + ")"
	}
	return ""
}
