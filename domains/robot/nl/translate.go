package nl

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

// Errors of Translate; callers branch on them with errors.Is.
var (
	// ErrUnknownWords: the instruction has words the translator does not
	// know (the error is an *UnknownWordsError listing them).
	ErrUnknownWords = errors.New("nl: unknown words")
	// ErrAmbiguous: a phrase fits several regions (or a count does not fit).
	ErrAmbiguous = errors.New("nl: ambiguous")
	// ErrNoMatch: a phrase fits no region of the environment.
	ErrNoMatch = errors.New("nl: no such region")
	// ErrUnsupported: the instruction is understood but cannot be
	// expressed (or contradicts itself).
	ErrUnsupported = errors.New("nl: cannot express")
)

// UnknownWordsError lists the words of an instruction that are neither
// places, colours nor instruction words.
type UnknownWordsError struct {
	Words []string
}

func (e *UnknownWordsError) Error() string {
	q := make([]string, len(e.Words))
	for i, w := range e.Words {
		q[i] = strconv.Quote(w)
	}
	return fmt.Sprintf("nl: unknown words %s: not a place, colour or instruction word of this environment", strings.Join(q, ", "))
}

// Is makes errors.Is(err, ErrUnknownWords) hold.
func (e *UnknownWordsError) Is(target error) bool { return target == ErrUnknownWords }

// Note says how a phrase of the instruction was read.
type Note struct {
	Phrase  string `json:"phrase"`
	Reading string `json:"reading"`
}

// Result is a translation.
type Result struct {
	// Formula is the task in STL over the environment's region names.
	Formula *stl.Formula
	// Text is Formula printed in plankit's infix syntax.
	Text string
	// Notes say how each phrase was read, in order.
	Notes []Note
}

// chunk kinds
type chunkKind uint8

const (
	chStop chunkKind = iota
	chSoft           // , and or but
	chCue
	chNP
	chTime
	chRobot // a robot named as the subject ("r2", "robot 2")
)

type chunk struct {
	kind     chunkKind
	cue      cue
	list     *npList
	secs     float64
	deadline bool // within N s (else a duration or a bare time)
	bare     bool // a time without "for" or "within"
	text     string
	robot    string // chRobot
	from, to int    // byte span in the instruction
}

// countWords limit how often a place is entered, which STL over regions
// does not count here.
var countWords = map[string]int{"exactly once": 2, "at most once": 3, "just once": 2, "no more than once": 4,
	"once only": 2, "only once": 2, "only one time": 3, "exactly one time": 3, "a single time": 3, "twice": 1,
	"more than once": 3, "several times": 2, "multiple times": 2, "one time only": 3}

// laterWords after a bare time make it a point or a lower bound ("5
// seconds from now").
var laterWords = map[string]int{"later": 1, "from now": 2, "from the start": 3, "from the beginning": 3,
	"have passed": 2, "have elapsed": 2, "has passed": 2, "has elapsed": 2}

// chunks splits the tokens into cue phrases, noun phrases and times, and
// collects the words that are none of these.
func (p *parser) chunks() ([]chunk, []string) {
	var out []chunk
	var unknown []string
	for i := 0; i < len(p.toks); {
		t := p.toks[i]
		if n := len(out); n > 0 && out[n-1].to == 0 {
			p.span(&out[n-1], i)
		}
		if t.punct {
			if t.w == "." || t.w == "?" {
				out = append(out, chunk{kind: chStop, text: t.w})
			} else {
				out = append(out, chunk{kind: chSoft, text: ","})
			}
			i++
			continue
		}
		// "after 5 seconds", "only after 3 s": a lower time bound, which
		// is refused rather than read as a deadline or a stay
		if n, c := p.cueAt(i); (c == cueAfter || c == cueOnlyAfter) && p.isNum(i+n) && p.lowerBound == "" {
			if u, _ := p.timeUnit(i + n + 1); u > 0 {
				from := i
				if c == cueAfter && i > 0 && p.word(i-1) == "only" {
					from = i - 1
				}
				p.lowerBound = p.text(from, i+n+1+u)
			}
		}
		// times: "for at least 5 seconds", "within 10 s", "5 seconds"
		if n, c := p.cueAt(i); (c == cueWithin || c == cueFor) && p.isNum(i+n) {
			u, v := p.timeUnit(i + n + 1)
			if k := p.phraseAt(i+n+1+u, laterWords); k > 0 && u > 0 && c == cueFor && p.lowerBound == "" {
				p.lowerBound = p.text(i, i+n+1+u+k) // "at least 5 seconds from now"
			}
			if u > 0 || c == cueFor {
				if u == 0 {
					v = 1
				}
				out = append(out, chunk{kind: chTime, secs: p.toks[i+n].num * v, deadline: c == cueWithin, text: p.text(i, i+n+1+u)})
				i += n + 1 + u
				continue
			}
		}
		if t.isNum {
			if u, _ := p.timeUnit(i + 1); u > 0 && p.lowerBound == "" {
				// "5 seconds from now", "5 seconds later": a point in
				// time, not a deadline
				if k := p.phraseAt(i+1+u, laterWords); k > 0 {
					p.lowerBound = p.text(i, i+1+u+k)
				}
			}
			if u, v := p.timeUnit(i + 1); u > 0 {
				out = append(out, chunk{kind: chTime, secs: t.num * v, bare: true, text: p.text(i, i+1+u)})
				i += 1 + u
				continue
			}
		}
		if name, n := p.robotAt(i); n > 0 {
			out = append(out, chunk{kind: chRobot, robot: name, text: p.text(i, i+n)})
			i += n
			continue
		}
		n, c := p.cueAt(i)
		// cue phrases of two or more words win over noun phrases ("a trip to")
		if n < 2 || c == cueFiller {
			if l, j, ok := p.npList(i); ok {
				out = append(out, chunk{kind: chNP, list: l, text: l.text})
				i = j
				continue
			}
		}
		if t.w == "and" || t.w == "or" || t.w == "but" || t.w == "nor" && n == 0 {
			if n <= 1 {
				out = append(out, chunk{kind: chSoft, text: t.w})
				i++
				continue
			}
		}
		if k := p.phraseAt(i, countWords); k > 0 && p.counting == "" {
			// "only once" also starts "only once you have the key, ..."
			if !strings.EqualFold(p.text(i, i+k), "only once") || i+k >= len(p.toks) || p.toks[i+k].punct {
				p.counting = p.text(i, i+k)
			}
		}
		if c == cueCond && p.conditional == "" {
			p.conditional = p.text(i, i+n)
		}
		if n > 0 {
			if c != cueFiller && c != cueWithin && c != cueFor && c != cueCond {
				out = append(out, chunk{kind: chCue, cue: c, text: p.text(i, i+n)})
			}
			i += n
			continue
		}
		if t.isNum {
			unknown = append(unknown, p.text(i, i+1))
		} else {
			unknown = append(unknown, p.src[t.start:t.end])
		}
		i++
	}
	if n := len(out); n > 0 && out[n-1].to == 0 {
		p.span(&out[n-1], len(p.toks))
	}
	return out, unknown
}

// span sets the byte span of the chunk that ends before token j: it
// starts at the token after the previous chunk.
func (p *parser) span(c *chunk, j int) {
	c.to = p.toks[j-1].end
	c.from = c.to
	// walk back over the chunk's tokens: its text is the source between
	// its first and last token, found by the text it printed
	if i := strings.LastIndex(p.src[:c.to], c.text); c.text != "" && i >= 0 {
		c.from = i
	}
}

// robotAt recognises a robot named at i: its name ("r2"), "robot r2" or
// "robot 2" (for a robot named r2, robot2 or robot_2).
func (p *parser) robotAt(i int) (string, int) {
	find := func(w string) string {
		for _, r := range p.w.env.Robots {
			if strings.EqualFold(r.Name, w) {
				return r.Name
			}
		}
		return ""
	}
	if p.word(i) == "robot" || p.word(i) == "rover" || p.word(i) == "agent" {
		w := p.word(i + 1)
		if name := find(w); name != "" {
			return name, 2
		}
		for _, f := range []string{"r", "robot", "robot_", "rover", "agent"} {
			if name := find(f + w); name != "" && p.isNum(i+1) {
				return name, 2
			}
		}
		return "", 0
	}
	if i < len(p.toks) && !p.toks[i].punct && !p.toks[i].syn {
		if name := find(p.word(i)); name != "" && !p.w.heads[p.word(i)] {
			return name, 1
		}
	}
	return "", 0
}

// cueAt returns the length and cue of the longest cue phrase at i.
func (p *parser) cueAt(i int) (int, cue) {
	for n := min(5, len(p.toks)-i); n >= 1; n-- {
		ws := make([]string, n)
		ok := true
		for k := range n {
			if p.toks[i+k].punct {
				ok = false
				break
			}
			ws[k] = p.toks[i+k].w
		}
		if !ok {
			continue
		}
		if c, found := cues[strings.Join(ws, " ")]; found {
			return n, c
		}
	}
	return 0, cueNone
}

// slot is where a clause puts its noun phrases.
type slot uint8

const (
	slotNone slot = iota
	slotVisit
	slotAvoid
	slotStay
	slotEnd
	slotUntil   // the Y of "not X until Y"
	slotPurpose // the door of "reach the key to open the door"
	slotVia     // "through the living room"
	slotLater   // "visit A before B": B
	slotEarlier // "visit B after A": A
)

type clause struct {
	lead      cue // cueBefore / cueAfter / cueAlso at its start
	role      slot
	cur       slot
	neg       bool
	lists     map[slot][]*npList
	there     bool
	onlyAfter bool
	anyOrder  bool
	endVisit  bool
	back      bool   // "back to", "return": a place visited again
	first     bool   // "first", "ahead"
	robot     string // the robot the clause speaks of ("" for any)
	anyAll    bool   // "do not skip any": any means every
	then      bool   // starts with "then", "afterwards", ...
	dur       *float64
	deadline  *float64
	bare      *float64
	from, to  int // byte span
	nps       int
	curNPs    int // phrases in the current slot
}

func newClause() *clause { return &clause{lists: map[slot][]*npList{}, from: -1} }

func (c *clause) grow(ch chunk) {
	if ch.kind == chSoft || ch.kind == chStop {
		return
	}
	if c.from < 0 || ch.from < c.from {
		c.from = ch.from
	}
	c.to = max(c.to, ch.to)
}

func (c *clause) empty() bool {
	return c.nps == 0 && !c.there && c.dur == nil && c.deadline == nil && c.bare == nil
}

// special reports whether the clause is inside an until/purpose/... part,
// where verbs do not start a new clause.
func (c *clause) special() bool {
	switch c.cur {
	case slotUntil, slotPurpose, slotVia, slotLater, slotEarlier:
		return true
	}
	return false
}

// splits reports whether a verb starts a new clause: after the clause's
// noun phrases, except that in an until/purpose/... part it takes a
// separator (", and visit ...") and a phrase in that part.
func (c *clause) splits(soft bool) bool {
	if c.special() {
		return soft && c.curNPs > 0
	}
	return c.nps > 0 || soft && c.there
}

// step is one place (or set of places) to visit in a sequence.
type step struct {
	robot    string // "" for the only robot, or any robot
	last     bool   // an ending: the last region entered (else: stay to the end)
	idx      []int
	all      bool // every member, in any order
	any      bool // one of them
	stay     float64
	deadline float64 // 0: none
	text     string
}

type until struct {
	robot string
	not   []int // regions not entered ...
	y     []int // ... until one of these is reached
}

type avoidItem struct {
	robot     string
	idx       []int
	described bool // from a description (colour, quantifier), not a name
	text      string
}

// translator holds the meaning built so far.
type translator struct {
	robot    string  // the robot of the clause being read ("" for any)
	subject  string  // the robot last named; later clauses speak of it
	seqRobot string  // the robot of the current sequence's steps
	indep    []*step // places to visit at some time, outside the sequences
	src      string
	w        *world
	seqs     [][]*step
	untils   []until
	avoids   []avoidItem
	ends     []*step
	notes    []Note
	guard    []*npList // "before X," waiting for its Y
	guardTxt string
	// guardFirst: the guard came from a question, so the clause that
	// answers it must say "first"
	guardFirst bool
	guardFrom  int
	prevRole   slot
}

func (tr *translator) note(phrase, format string, a ...any) {
	tr.notes = append(tr.notes, Note{Phrase: strings.TrimSpace(phrase), Reading: fmt.Sprintf(format, a...)})
}

// Translate turns a controlled-English instruction into an STL formula
// over env's region names (see the package documentation for the
// grammar). Unknown words, phrases that fit several regions or none,
// and requests that STL cannot state here are errors, never guesses.
func Translate(env *robot.Env, instruction string) (Result, error) {
	if env == nil {
		return Result{}, errors.New("nl: nil environment")
	}
	if len(instruction) > maxInput {
		return Result{}, fmt.Errorf("nl: instruction longer than %d bytes", maxInput)
	}
	if strings.TrimSpace(instruction) == "" {
		return Result{}, errors.New("nl: empty instruction")
	}
	w := newWorld(env)
	p := &parser{src: instruction, toks: normalize(tokenize(instruction, exactNames(env))), w: w}
	chs, unknown := p.chunks()
	if p.ambiguous != "" {
		return Result{}, fmt.Errorf("%w: %q: %q is a region and an article here; name one region per phrase", ErrAmbiguous, p.ambiguous, strings.Fields(p.ambiguous)[0])
	}
	if p.conditional != "" {
		return Result{}, fmt.Errorf("%w: %q: conditions are not supported; for \"whenever in A, reach B within N seconds\" write the STL G(A -> F[0,N] B)", ErrUnsupported, p.conditional)
	}
	if p.counting != "" {
		return Result{}, fmt.Errorf("%w: %q: how many times a place is entered is not expressed (a visit is \"at least once\")", ErrUnsupported, p.counting)
	}
	if p.lowerBound != "" {
		return Result{}, fmt.Errorf("%w: %q: a lower time bound (not before a time) is not supported; give a deadline (within N seconds) or a stay (for N seconds)", ErrUnsupported, p.lowerBound)
	}
	if len(unknown) > 0 {
		var words []string
		for _, u := range unknown {
			if !slices.Contains(words, u) {
				words = append(words, u)
			}
		}
		return Result{}, &UnknownWordsError{Words: words}
	}
	tr := &translator{src: instruction, w: w, seqs: [][]*step{nil}}
	if err := tr.run(chs); err != nil {
		return Result{}, err
	}
	f, err := tr.formula()
	if err != nil {
		return Result{}, err
	}
	if err := env.CheckFormula(f); err != nil {
		return Result{}, fmt.Errorf("nl: %w", err)
	}
	return Result{Formula: f, Text: f.String(), Notes: tr.notes}, nil
}

// run groups chunks into clauses and interprets each.
func (tr *translator) run(chs []chunk) error {
	c := newClause()
	soft := false
	flush := func() error {
		if !c.empty() || c.lead == cueAlso {
			if err := tr.clause(c); err != nil {
				return err
			}
		}
		c = newClause()
		c.robot = tr.subject
		soft = false
		return nil
	}
	for _, ch := range chs {
		if ch.kind == chCue && (ch.cue == cueThen || ch.cue == cueAlso) {
			if err := flush(); err != nil {
				return err
			}
		}
		if !(ch.kind == chCue && isVerb(ch.cue) && c.splits(soft)) {
			c.grow(ch)
		}
		switch ch.kind {
		case chStop:
			if ch.text == "?" {
				// "Heading towards either bathroom? Visit the kitchen first."
				// reads as "Before heading towards either bathroom, ..."
				if c.nps == 0 || c.lead != cueNone || tr.guard != nil {
					return fmt.Errorf("%w: a question is not an instruction", ErrUnsupported)
				}
				c.lead = cueBefore
				if err := flush(); err != nil {
					return err
				}
				tr.guardFirst = true
				tr.prevRole = slotNone
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			if tr.guard != nil {
				return fmt.Errorf("%w: %q: say what to visit first", ErrUnsupported, tr.guardTxt)
			}
			tr.prevRole = slotNone
			continue
		case chSoft:
			soft = true
			continue
		case chTime:
			v := ch.secs
			if !ch.deadline && c.cur == slotAvoid {
				// "avoid the kitchen for 5 seconds": a keep-out for a
				// while, which would otherwise be dropped (G !kitchen)
				return fmt.Errorf("%w: %q: keeping out for a limited time is not supported; \"avoid X\" keeps out for the whole task", ErrUnsupported, tr.src[max(c.from, 0):ch.to])
			}
			switch {
			case ch.deadline:
				c.deadline = &v
			case ch.bare:
				c.bare = &v
			default:
				c.dur = &v
			}
			continue
		case chRobot:
			if len(tr.w.env.Robots) == 1 {
				ch.robot = "" // the only robot: bare atoms
			}
			if c.nps > 0 {
				if err := flush(); err != nil {
					return err
				}
				c.grow(ch)
			}
			c.robot, tr.subject = ch.robot, ch.robot
			continue
		case chNP:
			if c.cur == slotNone {
				c.cur = c.role
				if c.cur == slotNone {
					c.cur = tr.prevRole
				}
				if c.cur == slotNone {
					c.cur = slotVisit
				}
			}
			c.lists[c.cur] = append(c.lists[c.cur], ch.list)
			c.nps++
			c.curNPs++
			soft = false
			continue
		}
		// cues
		switch ch.cue {
		case cueThen, cueAlso:
			c.then = ch.cue == cueThen
			if ch.cue == cueAlso {
				c.lead = cueAlso
			}
		case cueBefore, cueAfter:
			if c.nps == 0 && !c.there && c.dur == nil && c.bare == nil && c.role == slotNone && c.lead != cueBefore && c.lead != cueAfter {
				if c.lead == cueAlso {
					tr.newSequence()
				}
				c.lead = ch.cue
				break
			}
			if c.cur == slotEarlier || c.cur == slotLater {
				// "X before Y and after Z", "door1 after key1 and door2
				// after key2": which places the second one orders is not
				// settled here
				n := 0
				for _, l := range c.lists[c.cur] {
					n += len(l.items)
				}
				if opposite := (ch.cue == cueBefore) != (c.cur == slotLater); opposite || n > 1 {
					from := c.from
					if from < 0 {
						from = ch.from
					}
					return fmt.Errorf("%w: %q: a second %q in one clause; give each ordering its own sentence", ErrUnsupported, tr.src[from:ch.to], ch.text)
				}
			}
			if ch.cue == cueBefore {
				c.cur = slotLater
			} else {
				c.cur = slotEarlier
			}
			c.curNPs = 0
		case cueUntil:
			c.cur = slotUntil
			c.curNPs = 0
		case cueOnlyAfter:
			c.onlyAfter = true
			c.cur = slotUntil
			c.curNPs = 0
		case cuePurpose:
			c.cur = slotPurpose
			c.curNPs = 0
		case cueVia:
			if c.nps > 0 {
				c.cur = slotVia
				c.curNPs = 0
			} else if c.role == slotNone {
				c.role = slotVisit
			}
		case cueThere:
			c.there = true
			if c.cur == slotNone {
				c.cur = c.role
			}
		case cueNextRoom:
			return fmt.Errorf("%w: %q: a visit between every two others (\"before the next room\") depends on the order chosen, which a fixed formula here cannot name", ErrUnsupported, ch.text)
		case cueBack:
			c.back = true
		case cueAnyOrder:
			c.anyOrder = true
		case cueFirst:
			// ordering words add nothing: the order is the text's
			c.first = true
		case cueVisit, cueNeg, cueAvoid, cueStay, cueEnd, cueEndVisit:
			if (ch.cue == cueNeg || ch.cue == cueAvoid) && !soft && c.role == slotNone && c.nps > 0 && !c.special() && c.cur != slotNone {
				// "the kitchen must never be entered", "the kitchen should
				// be avoided": the places named before the verb, with no
				// verb of their own, are kept out (not a new clause)
				if c.cur != slotAvoid {
					c.lists[slotAvoid] = append(c.lists[slotAvoid], c.lists[c.cur]...)
					delete(c.lists, c.cur)
				}
				c.role, c.neg, c.cur = slotAvoid, ch.cue == cueNeg, slotNone
				c.grow(ch)
				break
			}
			if c.special() && !c.splits(soft) {
				break // "until you have been to": the verb belongs to Y
			}
			if c.splits(soft) {
				if err := flush(); err != nil {
					return err
				}
				c.grow(ch)
			}
			if c.neg && (ch.cue == cueStay || ch.cue == cueEnd) {
				// "do not stay in the kitchen" would read as a stay
				return fmt.Errorf("%w: %q: not staying or not ending in a place is not supported", ErrUnsupported, tr.src[max(c.from, 0):ch.to])
			}
			switch ch.cue {
			case cueNeg:
				c.neg = true
				if c.role == slotVisit || c.role == slotNone {
					c.role = slotAvoid
				}
			case cueVisit:
				t := strings.ToLower(ch.text)
				if strings.Contains(t, "return") || strings.Contains(t, "back") {
					c.back = true
				}
				if strings.Contains(t, "skip") || strings.Contains(t, "miss") {
					c.anyAll = true
				}
				if c.neg || c.role == slotAvoid {
					c.role = slotAvoid
				} else if c.role != slotStay && c.role != slotEnd {
					c.role = slotVisit
				}
			case cueAvoid:
				c.role = slotAvoid
			case cueStay:
				c.role = slotStay
			case cueEnd:
				c.role = slotEnd
			case cueEndVisit:
				c.role, c.endVisit = slotVisit, true
			}
			c.cur = slotNone
		}
		soft = false
	}
	if err := flush(); err != nil {
		return err
	}
	if tr.guard != nil {
		return fmt.Errorf("%w: %q: say what to visit first", ErrUnsupported, tr.guardTxt)
	}
	return nil
}

func isVerb(c cue) bool {
	switch c {
	case cueVisit, cueNeg, cueAvoid, cueStay, cueEnd, cueEndVisit:
		return true
	}
	return false
}

func (tr *translator) newSequence() {
	if len(tr.seqs[len(tr.seqs)-1]) > 0 {
		tr.seqs = append(tr.seqs, nil)
	}
}

func (tr *translator) lastStep() *step {
	for k := len(tr.seqs) - 1; k >= 0; k-- {
		if s := tr.seqs[k]; len(s) > 0 {
			return s[len(s)-1]
		}
	}
	return nil
}

// resolveList resolves every phrase of a list; exclude is for "other".
// each says that "any" means every one of them (as in "avoid any blue
// room"), for the note.
func (tr *translator) resolveList(l *npList, exclude []int, each bool) ([]resolved, error) {
	var out []resolved
	for _, np := range l.items {
		r, err := tr.w.resolve(np, exclude)
		if err != nil {
			return nil, err
		}
		if r.wall {
			out = append(out, r)
			continue
		}
		how := ""
		switch {
		case (r.all || each) && len(r.idx) > 1:
			how = "each of "
		case r.any && len(r.idx) > 1:
			how = "any one of "
		}
		reading := how + tr.w.names(r.idx)
		if r.why != "" {
			reading += " (" + r.why + ")"
		}
		tr.note(np.text, "%s", reading)
		out = append(out, r)
	}
	return out, nil
}

// union resolves lists and returns every region they name.
func (tr *translator) union(ls []*npList, exclude []int, each bool) ([]int, bool, error) {
	var idx []int
	wall := false
	for _, l := range ls {
		rs, err := tr.resolveList(l, exclude, each)
		if err != nil {
			return nil, false, err
		}
		for _, r := range rs {
			wall = wall || r.wall
			for _, i := range r.idx {
				if !slices.Contains(idx, i) {
					idx = append(idx, i)
				}
			}
		}
	}
	return idx, wall, nil
}

// clause interprets one clause.
func (tr *translator) clause(c *clause) error {
	text := ""
	if c.from >= 0 {
		text = tr.src[c.from:c.to]
	}
	tr.robot = c.robot
	if c.lead == cueAlso {
		tr.newSequence()
	}
	if c.lead == cueBefore {
		// "Before X, visit Y": X waits for the next clause's Y
		var all []*npList
		for _, s := range []slot{slotVisit, slotAvoid, slotStay, slotEnd, slotNone} {
			all = append(all, c.lists[s]...)
		}
		if len(all) == 0 {
			return fmt.Errorf("%w: %q: before what?", ErrUnsupported, text)
		}
		tr.guard, tr.guardTxt, tr.guardFrom = all, text, c.from
		return nil
	}
	visits := c.lists[slotVisit]
	if tr.guard != nil && tr.guardFirst && !c.first {
		return fmt.Errorf("%w: %q: a question is not an instruction (say \"before X, visit Y first\")", ErrUnsupported, tr.guardTxt)
	}
	if tr.guard != nil && len(visits) > 0 {
		if err := tr.order(tr.guard, visits, false, tr.src[tr.guardFrom:c.to]); err != nil {
			return err
		}
		tr.guard, tr.guardFirst = nil, false
		visits = nil
	}
	// "never enter X before Y", "avoid X before reaching Y": X waits for
	// Y, as with "until"
	if c.role == slotAvoid && len(c.lists[slotAvoid]) > 0 && len(c.lists[slotLater]) > 0 {
		c.lists[slotUntil] = append(c.lists[slotUntil], c.lists[slotLater]...)
		delete(c.lists, slotLater)
	}
	// "never visit X after Y", "avoid X after visiting Y": keeping out
	// only after Y is not read here (G !X would also keep out before Y,
	// and F Y would oblige Y)
	if len(c.lists[slotAvoid]) > 0 && len(c.lists[slotEarlier]) > 0 {
		return fmt.Errorf("%w: %q: keeping out of a place only after another is reached is not supported; say \"never enter X\" to keep out for the whole task, or write the STL F(Y & G !X)", ErrUnsupported, text)
	}
	if ys := c.lists[slotUntil]; len(ys) > 0 {
		xs := c.lists[slotAvoid]
		if c.onlyAfter {
			xs = append(xs, visits...)
			visits = nil
		}
		if len(xs) == 0 {
			return fmt.Errorf("%w: %q: until what? (say \"do not enter X until Y\")", ErrUnsupported, text)
		}
		if err := tr.order(xs, ys, false, text); err != nil {
			return err
		}
		delete(c.lists, slotAvoid)
	}
	if ds := c.lists[slotPurpose]; len(ds) > 0 {
		if len(visits) == 0 {
			return fmt.Errorf("%w: %q: reach what first?", ErrUnsupported, text)
		}
		if err := tr.order(ds, visits, true, text); err != nil {
			return err
		}
		visits = nil
	}
	if as := c.lists[slotAvoid]; len(as) > 0 {
		for _, l := range as {
			rs, err := tr.resolveList(l, nil, true)
			if err != nil {
				return err
			}
			for k, r := range rs {
				if r.wall {
					tr.note(l.items[k].text, "walls and obstacles are always avoided: the checker keeps every robot's disc clear of them, so no formula is needed")
					continue
				}
				np := l.items[k]
				if len(r.idx) > 1 && (np.one || np.quant == "num" && np.count < len(r.idx)) {
					// "avoid one of the bathrooms" is not "avoid both"
					return fmt.Errorf("%w: %q: keeping out of only some of %s is not supported", ErrUnsupported, np.text, tr.w.names(r.idx))
				}
				if len(r.idx) > 1 && c.neg && (np.quant == "both" || np.quant == "all" || np.quant == "every" || np.quant == "each") {
					// "don't visit both bathrooms": not both, which G(!a & !b)
					// would make stricter
					return fmt.Errorf("%w: %q: \"not %s\" is not read here; say \"never enter any of ...\" to keep out of all of them", ErrUnsupported, np.text, np.quant)
				}
				tr.avoids = append(tr.avoids, avoidItem{robot: c.robot, idx: r.idx, described: np.generic || len(np.colours)+len(np.similar) > 0 || np.quant != "" || np.plural, text: np.text})
			}
		}
	}
	// steps of the sequence
	var made []*step
	addLists := func(ls []*npList) error {
		for _, l := range ls {
			rs, err := tr.resolveList(l, nil, false)
			if err != nil {
				return err
			}
			for _, r := range rs {
				if r.wall {
					return fmt.Errorf("%w: %q: walls and obstacles cannot be visited", ErrUnsupported, l.text)
				}
			}
			if l.or {
				var idx []int
				for _, r := range rs {
					idx = append(idx, r.idx...)
				}
				made = append(made, &step{robot: c.robot, idx: idx, any: len(idx) > 1, text: l.text})
				continue
			}
			if len(rs) > 1 && !c.anyOrder {
				tr.note(l.text, "visited in the order given (say \"in any order\" otherwise)")
			}
			for k, r := range rs {
				if c.anyAll && r.any {
					r.any, r.all = false, true
					tr.note(l.items[k].text, "\"not skip any\": every one of %s", tr.w.names(r.idx))
				}
				made = append(made, &step{robot: c.robot, idx: r.idx, all: r.all && len(r.idx) > 1, any: r.any && len(r.idx) > 1, text: l.items[k].text})
			}
		}
		return nil
	}
	// "A before B" / "B after A" inside a clause: B is not entered until
	// A is reached (!B U A, which also asks to reach A) and B is visited
	// at some time (F B); neither becomes a step of the sequence. A key
	// paired with its door ("the key before you can go through its door")
	// does not ask to visit the door. In a stay clause, or for a return
	// ("before going back to the kitchen"), B is simply the next step.
	later, earlier := c.lists[slotLater], c.lists[slotEarlier]
	if (len(later) > 0 || len(earlier) > 0) && c.role != slotStay && !c.back && c.dur == nil {
		a := append(slices.Clone(c.lists[slotVia]), visits...)
		b := later
		if len(earlier) > 0 {
			a, b = earlier, append(slices.Clone(c.lists[slotVia]), visits...)
			visits = nil
			delete(c.lists, slotVia)
		}
		if len(a) > 0 && len(b) > 0 {
			if err := tr.order(b, a, false, text); err != nil {
				return err
			}
			for _, l := range b {
				rs, err := tr.resolveList(l, nil, false)
				if err != nil {
					return err
				}
				for k, r := range rs {
					if l.items[k].paired || r.wall {
						continue
					}
					tr.indep = append(tr.indep, &step{robot: c.robot, idx: r.idx, all: !r.any && len(r.idx) > 1, any: r.any && len(r.idx) > 1, text: l.items[k].text})
				}
			}
			// A is reached by the until; neither side is a step of the sequence
			visits = nil
			delete(c.lists, slotLater)
			delete(c.lists, slotEarlier)
			delete(c.lists, slotVia)
		}
	}
	nFirst := 0 // steps before the "later" ones (the place a stay refers to)
	for _, s := range []slot{slotEarlier, slotVia, slotVisit, slotLater} {
		ls := c.lists[s]
		if s == slotVisit {
			ls = visits
		}
		if s == slotLater {
			nFirst = len(made)
		}
		if err := addLists(ls); err != nil {
			return err
		}
	}
	// "every room, the living room first": the living room is entered
	// before any other of the rooms (!x U living_room for each other x),
	// not visited after them
	if k := len(made) - 1; c.first && k > 0 && strings.HasSuffix(strings.TrimRight(strings.ToLower(text), " .,;!"), "first") {
		last := made[k]
		for _, s := range made[:k] {
			if !s.all || len(last.idx) == 0 || !subset(last.idx, s.idx) || sameSet(last.idx, s.idx) {
				continue
			}
			var rest []int
			for _, i := range s.idx {
				if !slices.Contains(last.idx, i) {
					rest = append(rest, i)
				}
			}
			if last.all {
				for _, y := range last.idx {
					tr.addUntils(rest, []int{y}, text)
				}
			} else {
				tr.addUntils(rest, last.idx, text)
			}
			made = made[:k]
			break
		}
	}
	if c.anyOrder && len(made) > 1 {
		merged := &step{robot: c.robot, all: true, text: text}
		for _, s := range made {
			if s.any {
				return fmt.Errorf("%w: %q: \"in any order\" with a choice", ErrUnsupported, text)
			}
			merged.idx = append(merged.idx, s.idx...)
		}
		made = []*step{merged}
		tr.note(text, "in any order")
	}
	if c.endVisit && len(made) > 0 {
		tr.note(text, "the last place visited")
	}
	// durations and deadlines
	dur := c.dur
	if dur == nil && c.bare != nil && (c.role == slotStay || c.there) {
		dur = c.bare
	}
	if c.bare != nil && dur == nil {
		if c.deadline != nil {
			return fmt.Errorf("%w: %q: a second time without \"for\" or \"within\"", ErrUnsupported, text)
		}
		c.deadline = c.bare
	}
	if c.deadline != nil {
		if *c.deadline <= 0 {
			return fmt.Errorf("%w: %q: a deadline must be positive", ErrUnsupported, text)
		}
		switch {
		case len(made) == 1:
			made[0].deadline = *c.deadline
		case len(made) > 1:
			return fmt.Errorf("%w: %q: one deadline for several places in a row; give each place its own", ErrUnsupported, text)
		default:
			return fmt.Errorf("%w: %q: a deadline for what? (say \"reach X within N seconds\")", ErrUnsupported, text)
		}
		tr.note(text, "within %s seconds (F[0,%s]; counted from the previous step)", fmtNum(*c.deadline), fmtNum(*c.deadline))
	}
	if len(made) > 0 {
		// another robot starts its own sequence unless "then" orders them
		if c.robot != tr.seqRobot && !c.then {
			tr.newSequence()
		}
		tr.seqRobot = c.robot
	}
	prior := tr.lastStep()
	seq := &tr.seqs[len(tr.seqs)-1]
	*seq = append(*seq, made...)
	// stays
	stays := c.lists[slotStay]
	if c.role == slotStay || (dur != nil && len(made) > 0) {
		var target *step
		switch {
		case len(stays) > 0:
			idx, wall, err := tr.union(stays, nil, false)
			if err != nil {
				return err
			}
			if wall {
				return fmt.Errorf("%w: %q: robots cannot stay in walls or obstacles", ErrUnsupported, text)
			}
			if last := tr.lastStep(); last != nil && sameSet(last.idx, idx) {
				target = last
			} else {
				target = &step{robot: c.robot, idx: idx, any: len(idx) > 1, text: text}
				*seq = append(*seq, target)
			}
		case c.there && prior != nil:
			target = prior
		case nFirst > 0:
			target = made[nFirst-1]
		default:
			target = prior
			if target == nil {
				return fmt.Errorf("%w: %q: stay where?", ErrUnsupported, text)
			}
		}
		if dur == nil {
			tr.ends = append(tr.ends, &step{robot: target.robot, idx: target.idx})
			tr.note(text, "stays in %s to the end (F G)", tr.w.names(target.idx))
		} else {
			if *dur <= 0 {
				return fmt.Errorf("%w: %q: a stay must last a positive time", ErrUnsupported, text)
			}
			target.stay = *dur
			tr.note(text, "stays in %s for %s seconds (G[0,%s])", tr.w.names(target.idx), fmtNum(*dur), fmtNum(*dur))
		}
	} else if c.there && len(made) == 0 && c.role == slotVisit {
		last := tr.lastStep()
		if last == nil {
			return fmt.Errorf("%w: %q: there is nowhere yet", ErrUnsupported, text)
		}
		*seq = append(*seq, &step{robot: c.robot, idx: last.idx, any: last.any, all: last.all, text: text})
	}
	if es := c.lists[slotEnd]; len(es) > 0 {
		idx, wall, err := tr.union(es, nil, false)
		if err != nil {
			return err
		}
		if wall {
			return fmt.Errorf("%w: %q: robots cannot end in walls or obstacles", ErrUnsupported, text)
		}
		tr.ends = append(tr.ends, &step{robot: c.robot, idx: idx, last: true})
		tr.note(text, "ends in %s: the last region entered (F(%s & G(not any other region))); the robot may still leave it for a place in no region, such as its goal", tr.w.names(idx), tr.w.names(idx))
	}
	if len(c.lists[slotAvoid]) > 0 || len(made) > 0 || len(stays) > 0 {
		tr.prevRole = c.role
		if tr.prevRole == slotNone {
			tr.prevRole = slotVisit
		}
	}
	return nil
}

func subset(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func sameSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func (tr *translator) addUntils(x, y []int, text string) {
	var parts []string
	for _, i := range x {
		if slices.Contains(y, i) {
			continue
		}
		tr.untils = append(tr.untils, until{robot: tr.robot, not: []int{i}, y: y})
		parts = append(parts, "("+tr.untilFormula(until{robot: tr.robot, not: []int{i}, y: y}).String()+")")
	}
	tr.note(text, "not entering %s until %s is reached: %s", tr.w.names(x), tr.w.names(y), strings.Join(parts, " & "))
}

// order adds "do not enter X until Y" for the regions of xs and ys. Each
// region that ys asks for with "and", "all" or a plural is a Y of its own
// ("not X until A and B": !X U A & !X U B); "A or B" and "any" make one Y
// (!X U (A | B)). With "corresponding", "its" or "their" (or, for "reach
// the keys to open the doors", several regions on both sides) each X is
// paired with the Y that opens it.
func (tr *translator) order(xs, ys []*npList, purpose bool, text string) error {
	var ySets [][]int
	var yAll []int
	paired := false
	for _, l := range ys {
		rs, err := tr.resolveList(l, nil, false)
		if err != nil {
			return err
		}
		var union []int
		for k, r := range rs {
			if r.wall {
				return fmt.Errorf("%w: %q: walls and obstacles cannot be visited", ErrUnsupported, text)
			}
			paired = paired || l.items[k].paired
			yAll = append(yAll, r.idx...)
			switch {
			case l.or:
				union = append(union, r.idx...)
			case r.any:
				ySets = append(ySets, r.idx)
			default:
				for _, i := range r.idx {
					ySets = append(ySets, []int{i})
				}
			}
		}
		if len(union) > 0 {
			ySets = append(ySets, union)
		}
	}
	var x []int
	for _, l := range xs {
		rs, err := tr.resolveList(l, yAll, true)
		if err != nil {
			return err
		}
		for k, r := range rs {
			if r.wall {
				return fmt.Errorf("%w: %q: walls and obstacles are never entered", ErrUnsupported, text)
			}
			paired = paired || l.items[k].paired
			for _, i := range r.idx {
				if !slices.Contains(x, i) && !slices.Contains(yAll, i) {
					x = append(x, i)
				}
			}
		}
	}
	if len(x) == 0 {
		return fmt.Errorf("%w: %q: nothing is left to keep out of", ErrUnsupported, text)
	}
	if paired || purpose && len(x) > 1 && len(yAll) > 1 {
		var pairs []string
		for _, d := range x {
			k := tr.w.opener(d, yAll)
			if k < 0 {
				return fmt.Errorf("%w: %q: nothing says which of %s goes with %s (give the regions functions such as \"opened by key1\")", ErrAmbiguous, text, tr.w.names(yAll), tr.w.places[d].name)
			}
			u := until{robot: tr.robot, not: []int{d}, y: []int{k}}
			tr.untils = append(tr.untils, u)
			pairs = append(pairs, "("+tr.untilFormula(u).String()+")")
		}
		tr.note(text, "each of %s only after the region that opens it: %s", tr.w.names(x), strings.Join(pairs, " & "))
		return nil
	}
	for _, y := range ySets {
		tr.addUntils(x, y, text)
	}
	return nil
}

// opener finds the region among keys that opens door d: a function
// "opens D" on the key or "opened by K" on the door, else the same number
// in the name (key3 for door3).
func (w *world) opener(d int, keys []int) int {
	env := w.env
	door := w.places[d].name
	if m := pairRe.FindStringSubmatch(env.Regions[d].Function); m != nil && strings.Contains(strings.ToLower(m[1]), "by") {
		for _, k := range keys {
			if w.places[k].name == m[2] {
				return k
			}
		}
	}
	for _, k := range keys {
		if m := pairRe.FindStringSubmatch(env.Regions[k].Function); m != nil && !strings.Contains(strings.ToLower(m[1]), "by") && m[2] == door {
			return k
		}
	}
	num := func(ws []string) string {
		if len(ws) > 1 && isNumber(ws[len(ws)-1]) {
			return ws[len(ws)-1]
		}
		return ""
	}
	dn := num(w.places[d].full)
	found := -1
	for _, k := range keys {
		if dn != "" && num(w.places[k].full) == dn {
			if found >= 0 {
				return -1
			}
			found = k
		}
	}
	return found
}

func (tr *translator) atom(robot string, i int) *stl.Formula {
	return stl.Prop(robot, tr.w.places[i].name)
}

func (tr *translator) atoms(robot string, idx []int) *stl.Formula {
	fs := make([]*stl.Formula, len(idx))
	for k, i := range idx {
		fs[k] = tr.atom(robot, i)
	}
	return stl.Or(fs...)
}

func (tr *translator) untilFormula(u until) *stl.Formula {
	return stl.Until(stl.Not(tr.atoms(u.robot, u.not)), nil, tr.atoms(u.robot, u.y))
}

func and(a, b *stl.Formula) *stl.Formula {
	if b == nil {
		return a
	}
	return stl.And(a, b)
}

// maxFormula bounds the size of a sequence's formula: a set of m places
// before the rest of a sequence copies the rest m times.
const maxFormula = 20000

// seqSize is the number of nodes sequence(steps) would have (saturating
// above maxFormula).
func seqSize(steps []*step) int {
	next := 0
	for k := len(steps) - 1; k >= 0; k-- {
		s := steps[k]
		core := len(s.idx)
		if !s.all && core > 1 {
			core++
		}
		if s.stay > 0 {
			core++
		}
		one := 1 + core + next
		if next > 0 {
			one++
		}
		if s.all {
			next = len(s.idx)*(2+1+next) + 1
		} else {
			next = one
		}
		if next > maxFormula {
			return maxFormula + 1
		}
	}
	return next
}

// sequence builds F(s1 & F(s2 & ...)); a step of several regions in any
// order becomes F(a & rest) & F(b & rest).
func (tr *translator) sequence(steps []*step) *stl.Formula {
	var next *stl.Formula
	for k := len(steps) - 1; k >= 0; k-- {
		s := steps[k]
		var b *stl.Bounds
		if s.deadline > 0 {
			b = stl.Within(0, s.deadline)
		}
		core := func(f *stl.Formula) *stl.Formula {
			if s.stay > 0 {
				return stl.Always(stl.Within(0, s.stay), f)
			}
			return f
		}
		if s.all {
			parts := make([]*stl.Formula, len(s.idx))
			for j, i := range s.idx {
				var rest *stl.Formula
				if next != nil {
					rest = next.Clone()
				}
				parts[j] = stl.Eventually(b, and(core(tr.atom(s.robot, i)), rest))
			}
			next = stl.And(parts...)
			continue
		}
		next = stl.Eventually(b, and(core(tr.atoms(s.robot, s.idx)), next))
	}
	return next
}

// formula assembles the conjunction: sequences, untils, ends, avoids.
func (tr *translator) formula() (*stl.Formula, error) {
	// visited[robot][region]: what the instruction asks to visit (a
	// description to avoid leaves these out)
	visited := map[string]map[int]bool{}
	visit := func(robot string, idx []int) {
		if visited[robot] == nil {
			visited[robot] = map[int]bool{}
		}
		for _, i := range idx {
			visited[robot][i] = true
		}
	}
	for _, seq := range tr.seqs {
		for _, st := range seq {
			visit(st.robot, st.idx)
		}
	}
	for _, u := range tr.untils {
		visit(u.robot, u.y)
	}
	for _, st := range tr.indep {
		visit(st.robot, st.idx)
	}
	for _, e := range tr.ends {
		visit(e.robot, e.idx)
	}
	isVisited := func(robot string, i int) bool {
		if robot == "" {
			for _, m := range visited {
				if m[i] {
					return true
				}
			}
			return false
		}
		return visited[robot][i]
	}
	var robots []string
	avoid := map[string][]int{}
	for _, a := range tr.avoids {
		var keep, dropped []int
		for _, i := range a.idx {
			if isVisited(a.robot, i) {
				dropped = append(dropped, i)
			} else {
				keep = append(keep, i)
			}
		}
		if len(dropped) > 0 {
			if !a.described {
				return nil, fmt.Errorf("%w: %s is both to be visited and avoided", ErrUnsupported, tr.w.names(dropped))
			}
			tr.note(a.text, "%s not avoided: the instruction visits it", tr.w.names(dropped))
		}
		if _, ok := avoid[a.robot]; !ok && len(keep) > 0 {
			robots = append(robots, a.robot)
		}
		for _, i := range keep {
			if !slices.Contains(avoid[a.robot], i) {
				avoid[a.robot] = append(avoid[a.robot], i)
			}
		}
		if len(keep) > 0 {
			tr.note(a.text, "avoided for the whole task: %s", tr.w.names(keep))
		}
	}
	var parts []*stl.Formula
	seen := map[string]bool{}
	add := func(f *stl.Formula) {
		if f == nil {
			return
		}
		for _, c := range conjuncts(f) {
			if s := c.String(); !seen[s] {
				seen[s] = true
				parts = append(parts, c)
			}
		}
	}
	// "go to X and stay there" (F X & F G X) needs only F G X
	ended := func(st *step) bool {
		for _, e := range tr.ends {
			if e.robot == st.robot && sameSet(e.idx, st.idx) && (len(st.idx) == 1 || st.any) {
				return st.stay == 0 && st.deadline == 0
			}
		}
		return false
	}
	for k, seq := range tr.seqs {
		if len(seq) == 1 && ended(seq[0]) {
			tr.seqs[k] = nil
		}
		// "every room ... end in the exercise room": the ending visits it
		if len(seq) == 1 && seq[0].all && seq[0].stay == 0 && seq[0].deadline == 0 {
			st := *seq[0]
			st.idx = slices.DeleteFunc(slices.Clone(st.idx), func(i int) bool {
				return ended(&step{robot: st.robot, idx: []int{i}})
			})
			if len(st.idx) < len(seq[0].idx) {
				st.all = len(st.idx) > 1
				tr.seqs[k] = []*step{&st}
				if len(st.idx) == 0 {
					tr.seqs[k] = nil
				}
			}
		}
	}
	for _, seq := range tr.seqs {
		if n := seqSize(seq); n > maxFormula {
			return nil, fmt.Errorf("%w: %d sets of places in a row would make a formula of more than %d nodes", ErrUnsupported, len(seq), maxFormula)
		}
		if len(seq) > 0 {
			add(tr.sequence(seq))
		}
	}
	for _, st := range tr.indep {
		add(tr.sequence([]*step{st}))
	}
	for _, u := range tr.untils {
		add(tr.untilFormula(u))
	}
	for _, e := range tr.ends {
		if !e.last {
			add(stl.Eventually(nil, stl.Always(nil, tr.atoms(e.robot, e.idx))))
			continue
		}
		var nots []*stl.Formula
		for i, pl := range tr.w.places {
			if !pl.obstacle && !slices.Contains(e.idx, i) {
				nots = append(nots, stl.Not(tr.atom(e.robot, i)))
			}
		}
		if len(nots) == 0 {
			add(stl.Eventually(nil, tr.atoms(e.robot, e.idx)))
			continue
		}
		add(stl.Eventually(nil, stl.And(tr.atoms(e.robot, e.idx), stl.Always(nil, stl.And(nots...)))))
	}
	for _, r := range robots {
		nots := make([]*stl.Formula, len(avoid[r]))
		for k, i := range avoid[r] {
			nots[k] = stl.Not(tr.atom(r, i))
		}
		add(stl.Always(nil, stl.And(nots...)))
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: the instruction asks for nothing to visit, avoid or stay in", ErrUnsupported)
	}
	return stl.And(parts...), nil
}

// conjuncts flattens a conjunction.
func conjuncts(f *stl.Formula) []*stl.Formula {
	if f.Op != stl.OpAnd {
		return []*stl.Formula{f}
	}
	var out []*stl.Formula
	for _, a := range f.Args {
		out = append(out, conjuncts(a)...)
	}
	return out
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
