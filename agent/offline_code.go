package agent

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The code route: arithmetic, counting and string questions become a
// Starlark program that computes the answer from the values in the question
// (never a precomputed constant); the loop runs it and the printed output is
// the answer.

func (o *Offline) codeStep(c *offConvo, d Decision) (Message, error) {
	program := func(reason string) Message {
		return Message{
			Content: "I will compute this with a program.\n```starlark\n" + d.Program + "```\n",
			Route:   RouteCode,
			Reason:  reason,
		}
	}
	if c.guidance != "" {
		// The program is the only method the offline model has for this
		// question and it is deterministic: running it again could not
		// change the answer, so it stands by it.
		if m, ok := offReanswer(c); ok {
			return m, nil
		}
	}
	if c.hasCode {
		out := strings.TrimSpace(c.codeOutput)
		if strings.Contains(out, "[output truncated:") {
			return Message{}, offDecline("cannot answer offline: the program's output was longer than the loop's output cap")
		}
		if out == "" || strings.HasPrefix(out, "error:") || strings.Contains(out, "\nerror:") {
			msg := out
			if j := strings.Index(out, "error:"); j >= 0 {
				msg = out[j:]
			}
			if msg == "" {
				msg = "it printed nothing"
			}
			return Message{}, offDecline("cannot answer offline: the program failed: %s", offClip(msg, 200))
		}
		last := out
		if i := strings.LastIndex(out, "\n"); i >= 0 {
			last = strings.TrimSpace(out[i+1:])
		}
		return offAnswer("The program printed the result.\n<<<"+last+">>>", RouteAnswer, "the program ran; its printed output is the answer"), nil
	}
	if c.lastCalled() == "" && (len(c.answers) == 0 || c.guidance != "") {
		return program(d.Reason), nil
	}
	if m, ok := offReanswer(c); ok {
		return m, nil
	}
	return program(d.Reason), nil
}

// offCodeRule turns a question matched by re into a program.
type offCodeRule struct {
	class string
	re    *regexp.Regexp
	what  string                             // for the reason
	build func(m, o []string) (string, bool) // m from the lower-cased question, o with the case as written
}

// offClassifyCode recognises arithmetic and string questions and writes their
// programs.
func offClassifyCode(text string) (Decision, bool) {
	q := offNormQuestion(text)
	if q == "" || len(q) > 2000 {
		return Decision{}, false
	}
	ql := offLowerASCII(q) // same byte offsets as q
	for _, r := range offCodeRules {
		idx := r.re.FindStringSubmatchIndex(ql)
		if idx == nil {
			continue
		}
		m, orig := make([]string, len(idx)/2), make([]string, len(idx)/2)
		for k := range m {
			if idx[2*k] >= 0 {
				m[k], orig[k] = ql[idx[2*k]:idx[2*k+1]], q[idx[2*k]:idx[2*k+1]]
			}
		}
		prog, ok := r.build(m, orig)
		if !ok {
			continue
		}
		prog = offWithHelpers(prog)
		return Decision{Class: r.class, Route: RouteCode, Program: "# " + offClip(text, 200) + "\n" + prog,
			Reason: "a " + r.class + " question (" + r.what + "): a program computes the answer exactly"}, true
	}
	if e, ok := offParseExpr(ql); ok {
		prog := offExprProgram(e)
		return Decision{Class: ClassArithmetic, Route: RouteCode, Program: "# " + offClip(text, 200) + "\n" + prog,
			Reason: "an arithmetic expression: a program evaluates it exactly (integers of any size)"}, true
	}
	return Decision{}, false
}

// offNormQuestion lower-cases the question (keeping quoted text as written),
// unifies quotes and drops polite prefixes and the final punctuation.
func offNormQuestion(text string) string {
	t := strings.TrimSpace(text)
	t = offQuoteOps.Replace(t)
	t = offCollapseSpace(t)
	for {
		before := t
		for _, p := range []string{"please ", "can you ", "could you ", "would you ", "tell me ", "quickly ", "hey, ", "hey ", "ok, ", "so, ", "i need to know ", "i want to know ", "do you know "} {
			if len(t) >= len(p) && offLowerASCII(t[:len(p)]) == p {
				t = t[len(p):]
			}
		}
		if t == before {
			break
		}
	}
	for len(t) > 0 {
		last := t[len(t)-1]
		if last == '?' || last == '.' || last == ' ' || last == '!' && (len(t) < 2 || !(t[len(t)-2] >= '0' && t[len(t)-2] <= '9' || t[len(t)-2] == ')')) {
			t = t[:len(t)-1]
			continue
		}
		break
	}
	for _, p := range []string{", please", " please"} {
		if len(t) >= len(p) && offLowerASCII(t[len(t)-len(p):]) == p {
			t = t[:len(t)-len(p)]
		}
	}
	return strings.TrimSpace(t)
}

// offCollapseSpace turns each run of white space into one blank, except
// inside a quoted part ("a  b" keeps its two blanks: they are the operand).
// A single quote opens a quoted part only at the start or after a blank,
// so apostrophes (don't) do not.
func offCollapseSpace(s string) string {
	var b strings.Builder
	var quote rune
	prev := ' '
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case unicode.IsSpace(r):
			if prev != ' ' {
				b.WriteByte(' ')
			}
			prev = ' '
			continue
		case (r == '"' || r == '`' || r == '\'' && prev == ' ') && strings.ContainsRune(s[i+len(string(r)):], r):
			quote = r
		}
		b.WriteRune(r)
		prev = r
	}
	return strings.TrimSpace(b.String())
}

var offQuoteOps = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "−", "-", "×", "*", "÷", "/", "·", "*")

// offLowerASCII lower-cases ASCII letters only, keeping byte offsets.
func offLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ---- operands ----

// offStrLit quotes s as a Starlark string literal.
// Invalid UTF-8 becomes U+FFFD: Starlark string literals take no non-ASCII
// \x escapes.
func offStrLit(s string) string { return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD")) }

// offOperand reads the string a question is about: a quoted part, else the
// text with "the word/string/text" and trailing words removed.
func offOperand(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"the word ", "the string ", "the text ", "the sentence ", "the phrase ", "the name ", "word ", "string ", "text ", "sentence ", "phrase "} {
		s = strings.TrimPrefix(s, p)
	}
	for _, q := range []string{`"`, "'", "`"} {
		if strings.HasPrefix(s, q) {
			if j := strings.Index(s[1:], q); j >= 0 {
				return offQuoted(s[1:j+1], s[j+2:])
			}
		}
	}
	if i := strings.Index(s, `"`); i >= 0 {
		if j := strings.Index(s[i+1:], `"`); j >= 0 {
			return offQuoted(s[i+1:i+1+j], s[i+2+j:])
		}
	}
	s = strings.TrimRight(s, " ?!.,:")
	if s == "" || len(s) > 1000 {
		return "", false
	}
	return s, true
}

// offQuoted accepts a quoted operand unless its closing quote may not be
// the real one: an escaped quote (content ends in a backslash) or a quote
// nested inside (a letter or digit follows the closing quote, as in
// "say "hi" now" or 'don't'). Reading those would answer about a different
// string, so the question is declined instead.
func offQuoted(content, rest string) (string, bool) {
	if strings.HasSuffix(content, `\`) {
		return "", false
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) {
		return "", false
	}
	return content, true
}

// offASCIILetters reports whether every letter of s is an ASCII letter
// (vowel/consonant counts know only a, e, i, o, u).
func offASCIILetters(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// offNumList reads "3, 5 and 10" or "[3, 5, 10]" into Starlark literals.
var offNumRE = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

func offNumList(s string) ([]string, bool) {
	s = strings.Trim(strings.TrimSpace(s), "[]()")
	s = strings.NewReplacer(" and ", ",", ";", ",", " ", ",").Replace(s)
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" || f == "and" {
			continue
		}
		if !offNumRE.MatchString(f) {
			return nil, false
		}
		out = append(out, f)
	}
	return out, len(out) > 0 && len(out) <= 10000
}

// offWordList reads "pear, apple and fig" or "pear apple fig".
func offWordList(s string) ([]string, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), ":"))
	sep := " "
	if strings.Contains(s, ",") {
		sep = ","
	}
	s = strings.ReplaceAll(s, " and ", sep)
	var out []string
	for _, f := range strings.Split(s, sep) {
		f = strings.Trim(strings.TrimSpace(f), `"'`)
		if f != "" {
			out = append(out, f)
		}
	}
	return out, len(out) > 1 && len(out) <= 10000
}

func offListLit(items []string, quote bool) string {
	parts := make([]string, len(items))
	for i, it := range items {
		if quote {
			parts[i] = offStrLit(it)
		} else {
			parts[i] = it
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// offIntArg reads a non-negative integer argument (digits, "1,000" groups or
// a small number word) with a bound.
func offIntArg(s string, limit int64) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if w, ok := offNumberWords[s]; ok {
		s = strconv.Itoa(w)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > limit {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

var offNumberWords = map[string]int{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "fifty": 50, "hundred": 100, "a hundred": 100,
	"one hundred": 100, "thousand": 1000, "a thousand": 1000, "one thousand": 1000}

// offExprArg parses an arithmetic expression argument into Starlark.
func offExprArg(s string) (string, bool) {
	e, ok := offParseExpr(strings.TrimSpace(s))
	if !ok {
		if n, ok := offIntArg(s, 1<<62); ok {
			return n, true
		}
		return "", false
	}
	return e.code, true
}

// offWithHelpers prepends the helper functions a program calls and does
// not define.
func offWithHelpers(p string) string {
	for _, h := range []struct{ name, def string }{{"fact(", offFactHelper}, {"div(", offDivHelper}, {"show(", offShowHelper}} {
		if strings.Contains(p, h.name) && !strings.Contains(p, "def "+h.name) {
			p = h.def + p
		}
	}
	return p
}

// ---- helpers the programs use ----

const offPrimeHelper = `def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True
`

const offShowHelper = `def show(x):
    if type(x) == "float":
        if abs(x) < 1e6:
            x = math.round(x * 1e12) / 1e12  # 12 decimals: 0.1 + 0.2 shows as 0.3
        if x == math.floor(x) and abs(x) < 1e15:
            return str(int(x))
    return str(x)
`

const offDivHelper = `def div(a, b):
    if b == 0:
        fail("division by zero")
    if type(a) == "int" and type(b) == "int" and a % b == 0:
        return a // b
    return float(a) / b
`

const offFactHelper = `def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
`

func offYesNo(cond string) string {
	return "if " + cond + ":\n    print(\"yes\")\nelse:\n    print(\"no\")\n"
}

// offRx compiles a rule pattern anchored on the whole normalised question.
func offRx(p string) *regexp.Regexp {
	return regexp.MustCompile(`^(?:what is |what's |whats |what are |compute |calculate |find |give me |determine |work out |evaluate |how much is )?(?:the )?` + p + `$`)
}

const offOrd = `(?:st|nd|rd|th)?`

var offCodeRules = []offCodeRule{
	// ---- strings ----
	{ClassString, offRx(`(?:how many|number of|count(?: the)?(?: number of)?(?: occurrences of)?)(?: times does| times do)?(?: the)?(?: letter| character)? ["']?([a-z0-9])["']?(?:'s|s)? (?:are there |appear |occur |appears |occurs |is there |are )?(?:in|within) (.+?)(?: appear| occur)?`), "count a letter",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nletter = " + offStrLit(m[1]) + "\ncount = 0\nfor c in text.lower().elems():\n    if c == letter:\n        count += 1\nprint(count)\n", true
		}},
	{ClassString, offRx(`how many times does (?:the letter |letter |the character )?["']?([a-z0-9])["']? (?:appear|occur|show up) in (.+)`), "count a letter",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nletter = " + offStrLit(m[1]) + "\ncount = 0\nfor c in text.lower().elems():\n    if c == letter:\n        count += 1\nprint(count)\n", true
		}},
	{ClassString, offRx(`how many times does ["'](.+?)["'] (?:appear|occur) in (.+)`), "count a substring",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			if !ok || m[1] == "" {
				return "", false
			}
			return "text = " + offStrLit(s) + "\npart = " + offStrLit(m[1]) + "\n# overlapping occurrences\ncount = 0\nfor i in range(len(text) - len(part) + 1):\n    if text[i:i + len(part)] == part:\n        count += 1\nprint(count)\n", true
		}},
	{ClassString, offRx(`(?:number of |count (?:of )?(?:the )?|how many )(vowels|consonants) (?:are there |are )?(?:in|does) (.+?)(?: have| contain)?`), "count vowels or consonants",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			if !ok || !offASCIILetters(s) {
				return "", false
			}
			cond := `c in "aeiou"`
			if m[1] == "consonants" {
				cond = `c.isalpha() and c not in "aeiou"`
			}
			return "text = " + offStrLit(s) + "\ncount = 0\nfor c in text.lower().elems():\n    if " + cond + ":\n        count += 1\nprint(count)\n", true
		}},
	{ClassString, offRx(`(?:number of |count (?:of )?(?:the )?(?:number of )?|how many )(distinct |unique |different )?(words|letters|characters|chars) (?:are there |are )?(?:in|does) (.+?)(?: have| contain)?`), "count words or characters",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[3])
			if !ok {
				return "", false
			}
			p := "text = " + offStrLit(s) + "\n"
			switch {
			case m[2] == "words" && m[1] != "":
				p += "seen = []\nfor w in text.lower().split():\n    if w not in seen:\n        seen.append(w)\nprint(len(seen))\n"
			case m[2] == "words":
				p += "print(len(text.split()))\n"
			case m[2] == "letters" && m[1] != "":
				p += "seen = []\nfor c in text.lower().elems():\n    if c.isalpha() and c not in seen:\n        seen.append(c)\nprint(len(seen))\n"
			case m[2] == "letters":
				p += "count = 0\nfor c in text.elems():\n    if c.isalpha():\n        count += 1\nprint(count)\n"
			case m[1] != "":
				p += "seen = []\nfor c in text.elems():\n    if c not in seen:\n        seen.append(c)\nprint(len(seen))\n"
			default:
				p += "print(len(list(text.codepoints())))\n"
			}
			return p, true
		}},
	{ClassString, offRx(`(?:length of|word count of|number of words in) (.+)`), "length of a string",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(len(list(text.codepoints())))\n", true
		}},
	{ClassString, offRx(`reverse (?:the )?(?:order of (?:the )?)?words (?:in|of) (.+)`), "reverse the words",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nwords = text.split()\nprint(\" \".join(reversed(words)))\n", true
		}},
	{ClassString, offRx(`(?:reverse|reversed|reversal of|spell backwards|write backwards)(?: the)?(?: string| word| text| letters of| characters of)? (.+)`), "reverse a string",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(\"\".join(reversed(text.codepoints())))\n", true
		}},
	{ClassString, offRx(`(?:spell|write) (.+?) backwards`), "reverse a string",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(\"\".join(reversed(text.codepoints())))\n", true
		}},
	{ClassString, offRx(`is (.+?) a palindrome`), "palindrome test",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nletters = [c for c in text.lower().elems() if c.isalnum()]\n" + offYesNo("letters == list(reversed(letters))"), true
		}},
	{ClassString, offRx(`(?:are |is )?(.+?) (?:and|an anagram of) (.+?)(?: anagrams?(?: of each other)?)?`), "anagram test",
		func(m, o []string) (string, bool) {
			if !strings.Contains(m[0], "anagram") {
				return "", false
			}
			a, ok1 := offOperand(o[1])
			b, ok2 := offOperand(o[2])
			if !ok1 || !ok2 {
				return "", false
			}
			return "a = " + offStrLit(a) + "\nb = " + offStrLit(b) + "\nla = sorted([c for c in a.lower().elems() if c.isalnum()])\nlb = sorted([c for c in b.lower().elems() if c.isalnum()])\n" + offYesNo("la == lb"), true
		}},
	{ClassString, offRx(`sort (?:these |the following |the )?words(?: alphabetically| in alphabetical order)?:? (.+?)(?: alphabetically| in alphabetical order)?`), "sort words",
		func(m, o []string) (string, bool) {
			w, ok := offWordList(o[1])
			if !ok {
				return "", false
			}
			return "words = " + offListLit(w, true) + "\nprint(\", \".join(sorted(words, key=lambda w: w.lower())))\n", true
		}},
	{ClassString, offRx(`(?:sort|put|arrange) (.+?) (?:alphabetically|in alphabetical order)`), "sort words",
		func(m, o []string) (string, bool) {
			w, ok := offWordList(strings.TrimPrefix(o[1], "the words "))
			if !ok {
				return "", false
			}
			return "words = " + offListLit(w, true) + "\nprint(\", \".join(sorted(words, key=lambda w: w.lower())))\n", true
		}},
	{ClassString, offRx(`sort (?:the )?(?:letters|characters) (?:of|in) (.+?)(?: alphabetically)?`), "sort letters",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(\"\".join(sorted(text.codepoints())))\n", true
		}},
	{ClassString, offRx(`(?:convert |make |write )?(.+?) (?:to|in) (upper|lower)(?: ?case)?(?: letters)?`), "change case",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(text." + m[2] + "())\n", true
		}},
	{ClassString, offRx(`(upper|lower)case (.+)`), "change case",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(text." + m[1] + "())\n", true
		}},
	{ClassString, offRx(`remove (?:all )?(?:the )?(vowels|spaces|digits) from (.+)`), "remove characters",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			if !ok {
				return "", false
			}
			cond := map[string]string{"vowels": `c.lower() not in "aeiou"`, "spaces": `c != " "`, "digits": `not c.isdigit()`}[m[1]]
			return "text = " + offStrLit(s) + "\nprint(\"\".join([c for c in text.elems() if " + cond + "]))\n", true
		}},
	{ClassString, offRx(`most (?:common|frequent) (?:letter|character) (?:in|of) (.+)`), "most frequent letter",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\ncounts = {}\nfor c in text.lower().elems():\n    if c.isalpha():\n        counts[c] = counts.get(c, 0) + 1\n" +
				"best = \"\"\nfor c in sorted(counts.keys()):\n    if best == \"\" or counts[c] > counts[best]:\n        best = c\nprint(best)\n", true
		}},
	{ClassString, offRx(`(first|last) (?:(\d+) )?(letters?|characters?|words?) (?:of|in) (.+)`), "first or last part",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[4])
			if !ok {
				return "", false
			}
			n := "1"
			if m[2] != "" {
				if v, ok := offIntArg(m[2], 100000); ok {
					n = v
				}
			}
			p := "text = " + offStrLit(s) + "\nn = " + n + "\n"
			items, joiner := "list(text.codepoints())", `""`
			if strings.HasPrefix(m[3], "word") {
				items, joiner = "text.split()", `" "`
			}
			p += "items = " + items + "\n"
			if m[1] == "first" {
				p += "print(" + joiner + ".join(items[:n]))\n"
			} else {
				p += "print(" + joiner + ".join(items[len(items) - n:]))\n"
			}
			return p, true
		}},
	{ClassString, offRx(`(\d+)` + offOrd + ` (?:letter|character) (?:of|in) (.+)`), "letter at a position",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[2])
			k, ok2 := offIntArg(m[1], 100000)
			if !ok || !ok2 || k == "0" {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(list(text.codepoints())[" + k + " - 1])\n", true
		}},
	{ClassString, offRx(`replace ["']?(.+?)["']? with ["']?(.*?)["']? in (.+)`), "replace text",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[3])
			if !ok || m[1] == "" {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(text.replace(" + offStrLit(m[1]) + ", " + offStrLit(m[2]) + "))\n", true
		}},
	{ClassString, offRx(`capitali[sz]e (?:each word of |every word of |the words of )?(.+)`), "capitalise words",
		func(m, o []string) (string, bool) {
			s, ok := offOperand(o[1])
			if !ok {
				return "", false
			}
			return "text = " + offStrLit(s) + "\nprint(\" \".join([w[:1].upper() + w[1:] for w in text.split(\" \")]))\n", true
		}},

	// ---- numbers ----
	{ClassArithmetic, offRx(`factorial of (\d+)`), "factorial",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 5000)
			if !ok {
				return "", false
			}
			return "n = " + n + "\nresult = 1\nfor i in range(2, n + 1):\n    result *= i\nprint(result)\n", true
		}},
	{ClassArithmetic, offRx(`(\d+) factorial`), "factorial",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 5000)
			if !ok {
				return "", false
			}
			return "n = " + n + "\nresult = 1\nfor i in range(2, n + 1):\n    result *= i\nprint(result)\n", true
		}},
	{ClassArithmetic, offRx(`(gcd|greatest common divisor|greatest common factor|highest common factor|hcf|gcf|lcm|least common multiple|lowest common multiple) (?:of )?(.+)`), "gcd or lcm",
		func(m, o []string) (string, bool) {
			xs, ok := offNumList(m[2])
			if !ok || len(xs) < 2 || strings.Contains(strings.Join(xs, ""), ".") {
				return "", false
			}
			p := "numbers = " + offListLit(xs, false) + "\n"
			if strings.Contains(m[1], "l") && !strings.Contains(m[1], "greatest") && !strings.Contains(m[1], "highest") {
				p += "def gcd2(a, b):\n    while b:\n        a, b = b, a % b\n    return a\nresult = numbers[0]\nfor x in numbers[1:]:\n    result = result * x // gcd2(result, x)\nprint(result)\n"
			} else {
				p += "result = 0\nfor x in numbers:\n    a, b = result, abs(x)\n    while b:\n        a, b = b, a % b\n    result = a\nprint(result)\n"
			}
			return p, true
		}},
	{ClassArithmetic, offRx(`sum of (?:the )?first (\d[\d,]*|[a-z ]+?) primes?(?: numbers)?`), "sum of the first primes",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 20000)
			if !ok {
				return "", false
			}
			return offPrimeHelper + "n = " + n + "\ntotal = 0\nfound = 0\nk = 2\nwhile found < n:\n    if is_prime(k):\n        total += k\n        found += 1\n    k += 1\nprint(total)\n", true
		}},
	{ClassArithmetic, offRx(`(\d[\d,]*)` + offOrd + ` prime(?: number)?`), "the n-th prime",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 20000)
			if !ok || n == "0" {
				return "", false
			}
			return offPrimeHelper + "n = " + n + "\nfound = 0\nk = 1\nwhile found < n:\n    k += 1\n    if is_prime(k):\n        found += 1\nprint(k)\n", true
		}},
	{ClassArithmetic, offRx(`(?:how many|number of) primes?(?: numbers)? (?:are there )?(below|under|less than|up to|smaller than|not exceeding|between 1 and|from 1 to) (\d[\d,]*)`), "count primes",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[2], 200000)
			if !ok {
				return "", false
			}
			cmp := "<="
			if m[1] == "below" || m[1] == "under" || m[1] == "less than" || m[1] == "smaller than" {
				cmp = "<"
			}
			return offPrimeHelper + "n = " + n + "\ncount = 0\nfor k in range(2, n + 1):\n    if k " + cmp + " n and is_prime(k):\n        count += 1\nprint(count)\n", true
		}},
	{ClassArithmetic, offRx(`sum of (?:all )?(?:the )?primes?(?: numbers)? (below|under|less than|up to|smaller than) (\d[\d,]*)`), "sum of primes",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[2], 200000)
			if !ok {
				return "", false
			}
			cmp := "<="
			if m[1] != "up to" {
				cmp = "<"
			}
			return offPrimeHelper + "n = " + n + "\ntotal = 0\nfor k in range(2, n + 1):\n    if k " + cmp + " n and is_prime(k):\n        total += k\nprint(total)\n", true
		}},
	{ClassArithmetic, offRx(`is (\d[\d,]*) (?:a )?prime(?: number)?`), "primality",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 1<<62)
			if !ok {
				return "", false
			}
			return offPrimeHelper + "n = " + n + "\n" + offYesNo("is_prime(n)"), true
		}},
	{ClassArithmetic, offRx(`(largest |biggest |smallest )?prime (?:factors|factorization|factorisation|decomposition) of (\d[\d,]*)|(largest|biggest|smallest) prime factor of (\d[\d,]*)`), "prime factors",
		func(m, o []string) (string, bool) {
			which, arg := strings.TrimSpace(m[1]), m[2]
			if m[4] != "" {
				which, arg = m[3], m[4]
			}
			n, ok := offIntArg(arg, 1<<50)
			if !ok || n == "0" || n == "1" {
				return "", false
			}
			p := "n = " + n + "\nfactors = []\nd = 2\nwhile d * d <= n:\n    while n % d == 0:\n        factors.append(d)\n        n //= d\n    d += 1\nif n > 1:\n    factors.append(n)\n"
			switch which {
			case "largest", "biggest":
				p += "print(max(factors))\n"
			case "smallest":
				p += "print(min(factors))\n"
			default:
				p += "print(\" * \".join([str(f) for f in factors]))\n"
			}
			return p, true
		}},
	{ClassArithmetic, offRx(`(\d[\d,]*)` + offOrd + ` fibonacci(?: number)?|fibonacci number (\d[\d,]*)|fibonacci\((\d+)\)`), "fibonacci",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1]+m[2]+m[3], 100000)
			if !ok {
				return "", false
			}
			return "# F(1) = F(2) = 1\nn = " + n + "\na, b = 0, 1\nfor i in range(n):\n    a, b = b, a + b\nprint(a)\n", true
		}},
	{ClassArithmetic, offRx(`(?:sum of (?:the )?digits (?:of|in)|digit sum of) (.+)`), "digit sum",
		func(m, o []string) (string, bool) {
			e, ok := offExprArg(m[1])
			if !ok {
				return "", false
			}
			return "value = " + e + "\ntotal = 0\nfor c in str(abs(value)).elems():\n    total += int(c)\nprint(total)\n", true
		}},
	{ClassArithmetic, offRx(`(?:how many digits (?:are there |are |is there |does )?(?:in )?|number of digits (?:of |in ))(.+?)(?: have)?`), "digit count",
		func(m, o []string) (string, bool) {
			e, ok := offExprArg(m[1])
			if !ok {
				return "", false
			}
			return "value = " + e + "\nprint(len(str(abs(value))))\n", true
		}},
	{ClassArithmetic, offRx(`last digit of (.+)`), "last digit",
		func(m, o []string) (string, bool) {
			e, ok := offExprArg(m[1])
			if !ok {
				return "", false
			}
			return "value = " + e + "\nprint(abs(value) % 10)\n", true
		}},
	{ClassArithmetic, offRx(`sum of (?:all )?(?:the )?(?:integers|numbers|whole numbers|natural numbers)? ?from (-?\d[\d,]*) (?:to|through) (-?\d[\d,]*)`), "sum of a range",
		func(m, o []string) (string, bool) {
			a, ok1 := offIntArg(strings.TrimPrefix(m[1], "-"), 1<<40)
			b, ok2 := offIntArg(m[2], 1<<40)
			if !ok1 || !ok2 || strings.HasPrefix(m[1], "-") {
				return "", false
			}
			return "a, b = " + a + ", " + b + "\ntotal = 0\nfor k in range(a, b + 1):\n    total += k\nprint(total)\n", true
		}},
	{ClassArithmetic, offRx(`sum of (?:the )?first (\d[\d,]*|[a-z ]+?) (natural numbers|positive integers|integers|numbers|odd numbers|even numbers|squares|cubes|square numbers|odd integers|even integers)`), "sum of a series",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 10000000)
			if !ok {
				return "", false
			}
			term := map[string]string{"odd numbers": "2 * k - 1", "odd integers": "2 * k - 1", "even numbers": "2 * k", "even integers": "2 * k",
				"squares": "k * k", "square numbers": "k * k", "cubes": "k * k * k"}[m[2]]
			if term == "" {
				term = "k"
			}
			return "n = " + n + "\ntotal = 0\nfor k in range(1, n + 1):\n    total += " + term + "\nprint(total)\n", true
		}},
	{ClassArithmetic, offRx(`(\d+) choose (\d+)|binomial coefficient (?:of )?(\d+) (?:and|over|,) ?(\d+)|(?:number of ways|how many ways) to (?:choose|pick|select) (\d+) (?:items |things |objects |elements )?(?:from|out of) (\d+)(?: items| things| objects| elements)?`), "binomial coefficient",
		func(m, o []string) (string, bool) {
			n, k := m[1]+m[3]+m[6], m[2]+m[4]+m[5]
			nn, ok1 := offIntArg(n, 100000)
			kk, ok2 := offIntArg(k, 100000)
			if !ok1 || !ok2 {
				return "", false
			}
			return "n, k = " + nn + ", " + kk + "\nresult = 1\nfor i in range(k):\n    result = result * (n - i) // (i + 1)\nif k > n:\n    result = 0\nprint(result)\n", true
		}},
	{ClassArithmetic, offRx(`(?:number of (?:positive )?divisors of (\d[\d,]*)|how many (?:positive )?divisors does (\d[\d,]*) have)`), "count divisors",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1]+m[2], 1<<40)
			if !ok || n == "0" {
				return "", false
			}
			return "n = " + n + "\ncount = 0\nd = 1\nwhile d * d <= n:\n    if n % d == 0:\n        count += 1 if d * d == n else 2\n    d += 1\nprint(count)\n", true
		}},
	{ClassArithmetic, offRx(`(sum of (?:the |all )?)?(?:positive )?divisors of (\d[\d,]*)`), "divisors",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[2], 1<<40)
			if !ok || n == "0" {
				return "", false
			}
			p := "n = " + n + "\ndivs = [d for d in range(1, n + 1) if n % d == 0]\n"
			if m[1] != "" {
				return p + "print(sum(divs))\n", true
			}
			return p + "print(\", \".join([str(d) for d in divs]))\n", true
		}},
	{ClassArithmetic, offRx(`is (\d[\d,]*) a perfect (square|cube|number)`), "perfect number test",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1], 1<<50)
			if !ok {
				return "", false
			}
			switch m[2] {
			case "square":
				return "n = " + n + "\nr = 0\nwhile (r + 1) * (r + 1) <= n:\n    r += 1\n" + offYesNo("r * r == n"), true
			case "cube":
				return "n = " + n + "\nr = 0\nwhile (r + 1) * (r + 1) * (r + 1) <= n:\n    r += 1\n" + offYesNo("r * r * r == n"), true
			}
			return "n = " + n + "\ntotal = 0\nfor d in range(1, n):\n    if n % d == 0:\n        total += d\n" + offYesNo("n > 0 and total == n"), true
		}},
	{ClassArithmetic, offRx(`(?:convert )?(\d[\d,]*) (?:to|in|into) (binary|hexadecimal|hex|octal|base 2|base 16|base 8)|(binary|hexadecimal|hex|octal) (?:representation |form |value )?of (\d[\d,]*)`), "base conversion",
		func(m, o []string) (string, bool) {
			n, ok := offIntArg(m[1]+m[4], 1<<62)
			if !ok {
				return "", false
			}
			base := map[string]string{"binary": "2", "base 2": "2", "hexadecimal": "16", "hex": "16", "base 16": "16", "octal": "8", "base 8": "8"}[m[2]+m[3]]
			return "n = " + n + "\nbase = " + base + "\ndigits = \"0123456789abcdef\"\nout = \"\"\nwhile True:\n    out = digits[n % base] + out\n    n //= base\n    if n == 0:\n        break\nprint(out)\n", true
		}},
	{ClassArithmetic, offRx(`(?:convert )?(?:the )?binary (?:number )?([01]+) (?:to|in|into) decimal`), "binary to decimal",
		func(m, o []string) (string, bool) {
			if len(m[1]) > 256 {
				return "", false
			}
			return "bits = " + offStrLit(m[1]) + "\nvalue = 0\nfor c in bits.elems():\n    value = value * 2 + int(c)\nprint(value)\n", true
		}},
	{ClassArithmetic, offRx(`(square|cube) root of (.+)`), "root",
		func(m, o []string) (string, bool) {
			e, ok := offExprArg(m[2])
			if !ok {
				return "", false
			}
			k := map[string]string{"square": "2", "cube": "3"}[m[1]]
			return offShowHelper + "x = " + e + "\nk = " + k + "\n# exact integer root when there is one\nr = 0\nif type(x) == \"int\" and x >= 0:\n    lo, hi = 0, x + 1\n    while hi - lo > 1:\n        mid = (lo + hi) // 2\n        if pow(mid, k) <= x:\n            lo = mid\n        else:\n            hi = mid\n    r = lo\nif type(x) == \"int\" and x >= 0 and pow(r, k) == x:\n    print(r)\nelse:\n    print(show(pow(float(x), 1.0 / k)))\n", true
		}},
	{ClassArithmetic, offRx(`(average|mean|median|sum|product|maximum|max|largest|biggest|minimum|min|smallest|range) of (?:the numbers )?(.+)`), "statistics of a list",
		func(m, o []string) (string, bool) {
			xs, ok := offNumList(m[2])
			if !ok || len(xs) < 2 {
				return "", false
			}
			p := offShowHelper + "xs = " + offListLit(xs, false) + "\n"
			switch m[1] {
			case "average", "mean":
				p += "print(show(float(sum(xs)) / len(xs)))\n"
			case "median":
				p += "s = sorted(xs)\nn = len(s)\nif n % 2 == 1:\n    print(show(s[n // 2]))\nelse:\n    print(show((s[n // 2 - 1] + s[n // 2]) / 2.0))\n"
			case "sum":
				p += "print(show(sum(xs)))\n"
			case "product":
				p += "result = 1\nfor x in xs:\n    result *= x\nprint(show(result))\n"
			case "maximum", "max", "largest", "biggest":
				p += "print(show(max(xs)))\n"
			case "range":
				p += "print(show(max(xs) - min(xs)))\n"
			default:
				p += "print(show(min(xs)))\n"
			}
			return p, true
		}},
	{ClassArithmetic, offRx(`sort (?:the numbers |these numbers |the following numbers )?:?(.+?)(?: in)?(?: (ascending|descending|increasing|decreasing)(?: order)?)?`), "sort numbers",
		func(m, o []string) (string, bool) {
			xs, ok := offNumList(m[1])
			if !ok || len(xs) < 2 {
				return "", false
			}
			rev := "False"
			if m[2] == "descending" || m[2] == "decreasing" {
				rev = "True"
			}
			return "xs = " + offListLit(xs, false) + "\nprint(\", \".join([str(x) for x in sorted(xs, reverse=" + rev + ")]))\n", true
		}},
	{ClassArithmetic, offRx(`(\d+(?:\.\d+)?) ?(?:%|percent) of (.+)`), "percentage",
		func(m, o []string) (string, bool) {
			e, ok := offExprArg(m[2])
			if !ok {
				return "", false
			}
			return offShowHelper + offDivHelper + "p = " + m[1] + "\nx = " + e + "\nprint(show(div(p * x, 100)))\n", true
		}},
	{ClassArithmetic, offRx(`(?:what )?percent(?:age)? is (\d+(?:\.\d+)?) of (\d+(?:\.\d+)?)|(?:what )?percent(?:age)? of (\d+(?:\.\d+)?) is (\d+(?:\.\d+)?)`), "percentage",
		func(m, o []string) (string, bool) {
			part, whole := m[1], m[2]
			if m[3] != "" {
				part, whole = m[4], m[3]
			}
			return offShowHelper + offDivHelper + "part = " + part + "\nwhole = " + whole + "\nprint(show(div(part * 100, whole)) + \"%\")\n", true
		}},
	{ClassArithmetic, offRx(`(?:remainder (?:of|when) )(.+?) (?:is )?divided by (.+)`), "remainder",
		func(m, o []string) (string, bool) {
			a, ok1 := offExprArg(m[1])
			b, ok2 := offExprArg(m[2])
			if !ok1 || !ok2 {
				return "", false
			}
			return "a = " + a + "\nb = " + b + "\nprint(a % b)\n", true
		}},
}

// ---- arithmetic expressions ----

type offExpr struct {
	code string // Starlark
	ops  int    // operators and functions applied
	div  bool   // uses div()
	fact bool   // uses fact()
	fl   bool   // may be a float
}

var offWordOps = strings.NewReplacer(
	"raised to the power of", "**", "to the power of", "**", "raised to", "**", "to the power", "**",
	"multiplied by", "*", "times", "*", "divided by", "/", "over", "/", "plus", "+", "minus", "-", "modulo", "%", " mod ", " % ",
	"squared", "**2", "cubed", "**3", "^", "**", "x", "*",
)

// offParseExpr parses a whole arithmetic question ("what is 2^10 + 3") into an
// expression; it fails unless the text is only an expression with at least
// one operator.
func offParseExpr(q string) (offExpr, bool) {
	s := strings.TrimSpace(q)
	for _, p := range []string{"what is ", "what's ", "whats ", "compute ", "calculate ", "calculate: ", "compute: ", "evaluate ", "how much is ", "work out ", "find ", "solve ", "simplify ", "the value of ", "the result of ", "the answer to ", "the product of ", "value of "} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimLeft(s, ": ")
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(s), "= ?"), " =?"))
	s = offPowerWordsRE.ReplaceAllString(s, "** $1")
	s = offNumberWordRE.ReplaceAllStringFunc(s, func(w string) string { return strconv.Itoa(offNumberWords[w]) })
	if s == "" || len(s) > 500 {
		return offExpr{}, false
	}
	// "x" is multiplication only between numbers; words must all be operators.
	s = offXMulRE.ReplaceAllString(s, "$1*$2")
	s = offWordOps.Replace(" " + s + " ")
	p := &offExprParser{s: s}
	p.skip()
	e, ok := p.sum()
	p.skip()
	if !ok || p.i != len(p.s) || e.ops == 0 {
		return offExpr{}, false
	}
	return e, true
}

var (
	offXMulRE       = regexp.MustCompile(`(\d)\s*x\s*(\d)`)
	offPowerWordsRE = regexp.MustCompile(`(?:raised )?to the (\d+)(?:st|nd|rd|th)? power`)
	offNumberWordRE = regexp.MustCompile(`\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred|thousand)\b`)
)

type offExprParser struct {
	s     string
	i     int
	depth int
}

func (p *offExprParser) skip() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *offExprParser) peek(tok string) bool {
	p.skip()
	return strings.HasPrefix(p.s[p.i:], tok)
}

func (p *offExprParser) sum() (offExpr, bool) {
	l, ok := p.product()
	for ok {
		switch {
		case p.peek("+"), p.peek("-"):
			op := p.s[p.i : p.i+1]
			p.i++
			r, ok2 := p.product()
			if !ok2 {
				return offExpr{}, false
			}
			l = offJoin(l, r, l.code+" "+op+" "+r.code)
		default:
			return l, true
		}
	}
	return offExpr{}, false
}

func offJoin(l, r offExpr, code string) offExpr {
	return offExpr{code: code, ops: l.ops + r.ops + 1, div: l.div || r.div, fact: l.fact || r.fact, fl: l.fl || r.fl}
}

func (p *offExprParser) product() (offExpr, bool) {
	l, ok := p.unary()
	for ok {
		switch {
		case p.peek("**"):
			return l, true // handled in power
		case p.peek("//"):
			p.i += 2
			r, ok2 := p.unary()
			if !ok2 {
				return offExpr{}, false
			}
			l = offJoin(l, r, "("+l.code+" // "+r.code+")")
		case p.peek("*"), p.peek("%"):
			op := p.s[p.i : p.i+1]
			p.i++
			r, ok2 := p.unary()
			if !ok2 {
				return offExpr{}, false
			}
			l = offJoin(l, r, "("+l.code+" "+op+" "+r.code+")")
		case p.peek("/"):
			p.i++
			r, ok2 := p.unary()
			if !ok2 {
				return offExpr{}, false
			}
			l = offJoin(l, r, "div("+l.code+", "+r.code+")")
			l.div = true
		default:
			return l, true
		}
	}
	return offExpr{}, false
}

func (p *offExprParser) unary() (offExpr, bool) {
	if p.peek("-") {
		p.i++
		e, ok := p.unary()
		if !ok {
			return offExpr{}, false
		}
		e.code = "(-" + e.code + ")"
		return e, true
	}
	if p.peek("+") {
		p.i++
		return p.unary()
	}
	return p.power()
}

func (p *offExprParser) power() (offExpr, bool) {
	b, ok := p.postfix()
	if !ok {
		return offExpr{}, false
	}
	if p.peek("**") {
		p.i += 2
		e, ok := p.unary() // right-associative
		if !ok {
			return offExpr{}, false
		}
		return offJoin(b, e, "pow("+b.code+", "+e.code+")"), true
	}
	return b, true
}

func (p *offExprParser) postfix() (offExpr, bool) {
	e, ok := p.primary()
	for ok && p.i < len(p.s) && p.s[p.i] == '!' {
		p.i++
		e = offExpr{code: "fact(" + e.code + ")", ops: e.ops + 1, div: e.div, fact: true, fl: e.fl}
	}
	return e, ok
}

var offFuncNames = []string{"sqrt", "abs"}

func (p *offExprParser) primary() (offExpr, bool) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 100 {
		return offExpr{}, false
	}
	p.skip()
	if p.i >= len(p.s) {
		return offExpr{}, false
	}
	if p.s[p.i] == '(' {
		p.i++
		e, ok := p.sum()
		if !ok || !p.peek(")") {
			return offExpr{}, false
		}
		p.i++
		e.code = "(" + e.code + ")"
		return e, true
	}
	for _, f := range offFuncNames {
		if strings.HasPrefix(p.s[p.i:], f+"(") {
			p.i += len(f)
			a, ok := p.primary()
			if !ok {
				return offExpr{}, false
			}
			if f == "sqrt" {
				return offExpr{code: "math.sqrt(" + a.code + ")", ops: a.ops + 1, div: a.div, fact: a.fact, fl: true}, true
			}
			return offExpr{code: "abs(" + a.code + ")", ops: a.ops + 1, div: a.div, fact: a.fact, fl: a.fl}, true
		}
	}
	j := p.i
	for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == ',' || p.s[j] == '.') {
		j++
	}
	lit := strings.TrimRight(p.s[p.i:j], ",.")
	if lit == "" || lit[0] < '0' || lit[0] > '9' {
		return offExpr{}, false
	}
	j = p.i + len(lit)
	if strings.Contains(lit, ",") {
		// Only thousands groups: 1,234,567.
		if !offThousandsRE.MatchString(lit) {
			return offExpr{}, false
		}
		lit = strings.ReplaceAll(lit, ",", "")
	}
	if strings.Count(lit, ".") > 1 || len(lit) > 400 {
		return offExpr{}, false
	}
	p.i = j
	if strings.Contains(lit, ".") {
		return offExpr{code: lit, fl: true}, true
	}
	lit = strings.TrimLeft(lit, "0")
	if lit == "" {
		lit = "0"
	}
	return offExpr{code: lit}, true
}

var offThousandsRE = regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d+)?$`)

// offExprProgram wraps an expression into a program printing its value.
func offExprProgram(e offExpr) string {
	var b strings.Builder
	b.WriteString(offShowHelper)
	if e.div {
		b.WriteString(offDivHelper)
	}
	if e.fact {
		b.WriteString(offFactHelper)
	}
	fmt.Fprintf(&b, "result = %s\nprint(show(result))\n", e.code)
	return b.String()
}
