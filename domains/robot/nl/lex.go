package nl

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plankit/plankit/domains/robot"
)

// token is a word, a number or a punctuation mark of the instruction.
type token struct {
	w     string  // lower-case word, or "," / "." for punctuation
	num   float64 // value when isNum
	isNum bool
	punct bool
	// syn is set when w is a synonym's canonical form rather than the
	// word written (so that it does not count as a literal region name).
	syn bool
	// plural is set when a plural was reduced to its singular.
	plural bool
	// exact is set on a region's name written exactly as in the
	// environment and kept whole ("cooking_room1"); synonyms leave it alone.
	exact      bool
	start, end int // byte span in the instruction
}

// maxInput bounds the length of an instruction.
const maxInput = 4000

// tokenize splits s into tokens: words (letters, digits, apostrophes),
// numbers, and punctuation (',' for , : and '.' for . ; !, and '?'). Hyphens and
// underscores separate words; contractions are expanded. A word written
// exactly as one of names (lower case, longest first) stays one token
// however it is spelt: "cooking_room1"; a robot-qualified name
// "r2.goal1" (robot and region of names joined by ".") becomes the
// robot's token followed by the region's.
func tokenize(s string, names []qualName) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) && (i == 0 || s[i-1] != '_') {
			if q, ok := nameAt(s, i, names); ok {
				if q.robot != "" {
					out = append(out, token{w: q.robot, exact: true, start: i, end: i + len(q.robot)})
				}
				out = append(out, token{w: q.region, exact: true, start: i + len(q.text) - len(q.region), end: i + len(q.text)})
				i += len(q.text)
				continue
			}
		}
		switch {
		case r == ',' || r == ':':
			out = append(out, token{w: ",", punct: true, start: i, end: i + size})
			i += size
		case r == '?':
			out = append(out, token{w: "?", punct: true, start: i, end: i + size})
			i += size
		case r == '.' || r == ';' || r == '!':
			out = append(out, token{w: ".", punct: true, start: i, end: i + size})
			i += size
		case isWordRune(r):
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				// a '.' between digits belongs to a number
				if r2 == '.' && j > i && j+1 < len(s) && isDigit(s[j-1]) && isDigit(s[j+1]) {
					j += sz
					continue
				}
				if !isWordRune(r2) {
					break
				}
				j += sz
			}
			out = append(out, wordTokens(s[i:j], i)...)
			i = j
		default:
			i += size
		}
	}
	return out
}

// qualName is a name tokenize keeps whole: a region's name, or a robot's
// and a region's joined by ".".
type qualName struct {
	text          string // lower case, as written
	robot, region string // lower case
}

// exactNames lists the names tokenize must keep whole: region names that
// the word splitting would break (with '_', '-' or '.') and every
// robot-qualified region name, longest first.
func exactNames(env *robot.Env) []qualName {
	var out []qualName
	for _, r := range env.Regions {
		n := strings.ToLower(r.Name)
		if strings.ContainsAny(n, "_-.") {
			out = append(out, qualName{text: n, region: n})
		}
		for _, rb := range env.Robots {
			rn := strings.ToLower(rb.Name)
			out = append(out, qualName{text: rn + "." + n, robot: rn, region: n})
		}
	}
	slices.SortStableFunc(out, func(a, b qualName) int { return len(b.text) - len(a.text) })
	return out
}

// nameAt finds the longest of names written at s[i:] and ending a word.
func nameAt(s string, i int, names []qualName) (qualName, bool) {
	for _, q := range names {
		e := i + len(q.text)
		if e > len(s) || !strings.EqualFold(s[i:e], q.text) {
			continue
		}
		if e < len(s) {
			r, _ := utf8.DecodeRuneInString(s[e:])
			if isWordRune(r) || r == '_' || r == '-' || r == '.' && e+1 < len(s) && isWordByte(s[e+1]) {
				continue
			}
		}
		return q, true
	}
	return qualName{}, false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '‘'
}

// wordTokens turns one written word into tokens: contractions expand,
// "10s" splits into a number and a unit, possessive 's is dropped.
func wordTokens(word string, at int) []token {
	lw := strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(word))
	end := at + len(word)
	if exp, ok := contractions[lw]; ok {
		var out []token
		for _, p := range strings.Fields(exp) {
			out = append(out, token{w: p, start: at, end: end})
		}
		return out
	}
	if strings.HasSuffix(lw, "n't") {
		return []token{{w: strings.TrimSuffix(lw, "n't"), start: at, end: end}, {w: "not", start: at, end: end}}
	}
	lw = strings.TrimSuffix(lw, "'s")
	lw = strings.Trim(lw, "'")
	if lw == "" {
		return nil
	}
	// a number, possibly glued to its unit ("10s", "5sec")
	if isDigit(lw[0]) {
		k := 0
		for k < len(lw) && (isDigit(lw[k]) || lw[k] == '.') {
			k++
		}
		if v, err := strconv.ParseFloat(lw[:k], 64); err == nil {
			out := []token{{w: lw[:k], num: v, isNum: true, start: at, end: end}}
			if k < len(lw) {
				out = append(out, token{w: lw[k:], start: at, end: end})
			}
			return out
		}
	}
	if v, ok := numberWords[lw]; ok && lw != "one" {
		return []token{{w: lw, num: v, isNum: true, start: at, end: end}}
	}
	return []token{{w: lw, start: at, end: end}}
}

// normalize rewrites synonym phrases to their canonical words (longest
// match, trying the singular of the phrase's last word) and glues a
// region name written in parts ("key 1", "living room") only through
// the matching in np.go, not here.
func normalize(toks []token) []token {
	var out []token
	for i := 0; i < len(toks); {
		matched := false
		for n := min(5, len(toks)-i); n >= 1 && !matched; n-- {
			if !allWords(toks[i : i+n]) {
				continue
			}
			words := make([]string, n)
			for k := range n {
				words[k] = toks[i+k].w
			}
			phrase := strings.Join(words, " ")
			canon, ok := synonyms[phrase]
			plural := false
			if !ok {
				if s, changed := singular(words[n-1]); changed {
					words[n-1] = s
					canon, ok = synonyms[strings.Join(words, " ")]
					plural = ok
				}
			}
			if !ok {
				continue
			}
			start, end := toks[i].start, toks[i+n-1].end
			for _, c := range strings.Fields(canon) {
				out = append(out, token{w: c, syn: true, plural: plural, start: start, end: end})
			}
			i += n
			matched = true
		}
		if !matched {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

func allWords(ts []token) bool {
	for _, t := range ts {
		if t.punct || t.isNum || t.exact {
			return false
		}
	}
	return true
}

// nameWords splits an environment name or function into canonical words:
// snake_case, CamelCase and letter/digit boundaries separate words, and
// synonyms are applied ("RestRoom2" → restroom 2).
func nameWords(s string) []string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == '_' || r == '-' || unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsDigit(r) && unicode.IsLetter(prev), unicode.IsLetter(r) && unicode.IsDigit(prev):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		prev = r
	}
	var toks []token
	for _, w := range strings.Fields(b.String()) {
		t := token{w: w}
		if v, err := strconv.ParseFloat(w, 64); err == nil {
			t.num, t.isNum = v, true
		}
		toks = append(toks, t)
	}
	toks = normalize(toks)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.w
	}
	return out
}
