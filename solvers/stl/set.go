package stl

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Interval is a time interval whose ends may be open or closed. Hi may be
// +Inf (then HiOpen is true).
type Interval struct {
	Lo, Hi         float64
	LoOpen, HiOpen bool
}

// Closed returns [lo, hi].
func Closed(lo, hi float64) Interval { return Interval{Lo: lo, Hi: hi, HiOpen: math.IsInf(hi, 1)} }

// empty reports whether iv holds no point.
func (iv Interval) empty() bool {
	return !(iv.Lo < iv.Hi || iv.Lo == iv.Hi && !iv.LoOpen && !iv.HiOpen)
}

// Contains reports whether t lies in iv.
func (iv Interval) Contains(t float64) bool {
	lo := t > iv.Lo || t == iv.Lo && !iv.LoOpen
	hi := t < iv.Hi || t == iv.Hi && !iv.HiOpen
	return lo && hi
}

// Len returns Hi − Lo.
func (iv Interval) Len() float64 { return iv.Hi - iv.Lo }

// String prints [a, b], (a, b], ... with ∞ for +Inf.
func (iv Interval) String() string {
	var b strings.Builder
	if iv.LoOpen {
		b.WriteByte('(')
	} else {
		b.WriteByte('[')
	}
	b.WriteString(strconv.FormatFloat(iv.Lo, 'g', 6, 64))
	b.WriteString(", ")
	if math.IsInf(iv.Hi, 1) {
		b.WriteString("∞")
	} else {
		b.WriteString(strconv.FormatFloat(iv.Hi, 'g', 6, 64))
	}
	if iv.HiOpen {
		b.WriteByte(')')
	} else {
		b.WriteByte(']')
	}
	return b.String()
}

// Set is a subset of the time line [0, ∞): sorted, disjoint intervals
// that neither overlap nor touch (a normalised union). The zero Set is
// empty. Sets are values: operations return new sets.
type Set []Interval

// Full returns [0, ∞).
func Full() Set { return Set{{Lo: 0, Hi: math.Inf(1), HiOpen: true}} }

// NewSet returns the normalised union of ivs restricted to [0, ∞).
func NewSet(ivs ...Interval) Set {
	return normalize(slices.Clone(ivs))
}

// normalize sorts, clips to [0, ∞), drops empty intervals and merges
// overlapping or touching ones; it reuses ivs' storage.
func normalize(ivs []Interval) Set {
	out := ivs[:0]
	for _, iv := range ivs {
		if math.IsNaN(iv.Lo) || math.IsNaN(iv.Hi) {
			continue
		}
		if iv.Lo < 0 {
			iv.Lo, iv.LoOpen = 0, false
		}
		if math.IsInf(iv.Hi, 1) {
			iv.HiOpen = true
		}
		if !iv.empty() {
			out = append(out, iv)
		}
	}
	if len(out) == 0 {
		return nil
	}
	sorted := true
	for i := 1; i < len(out); i++ {
		if less(out[i], out[i-1]) {
			sorted = false
			break
		}
	}
	if !sorted {
		slices.SortFunc(out, func(a, b Interval) int {
			switch {
			case less(a, b):
				return -1
			case less(b, a):
				return 1
			}
			return 0
		})
	}
	res := out[:1]
	for _, iv := range out[1:] {
		c := &res[len(res)-1]
		if iv.Lo < c.Hi || iv.Lo == c.Hi && (!c.HiOpen || !iv.LoOpen) {
			if iv.Hi > c.Hi || iv.Hi == c.Hi && !iv.HiOpen {
				c.Hi, c.HiOpen = iv.Hi, iv.HiOpen
			}
			continue
		}
		res = append(res, iv)
	}
	return Set(res)
}

// less orders intervals by start, closed starts first.
func less(a, b Interval) bool {
	return a.Lo < b.Lo || a.Lo == b.Lo && !a.LoOpen && b.LoOpen
}

// Contains reports whether t is in s.
func (s Set) Contains(t float64) bool {
	i, _ := slices.BinarySearchFunc(s, t, func(iv Interval, t float64) int {
		if iv.Hi < t || iv.Hi == t && iv.HiOpen {
			return -1
		}
		return 1
	})
	return i < len(s) && s[i].Contains(t)
}

// Empty reports whether s holds no point.
func (s Set) Empty() bool { return len(s) == 0 }

// Equal reports whether s and o are the same set.
func (s Set) Equal(o Set) bool { return slices.Equal(s, o) }

// String prints the intervals joined by ∪ ("∅" when empty).
func (s Set) String() string {
	if len(s) == 0 {
		return "∅"
	}
	parts := make([]string, len(s))
	for i, iv := range s {
		parts[i] = iv.String()
	}
	return strings.Join(parts, " ∪ ")
}

// Union returns s ∪ o.
func (s Set) Union(o Set) Set {
	if len(o) == 0 {
		return s
	}
	if len(s) == 0 {
		return o
	}
	all := make([]Interval, 0, len(s)+len(o))
	i, j := 0, 0
	for i < len(s) || j < len(o) {
		if j == len(o) || i < len(s) && less(s[i], o[j]) {
			all = append(all, s[i])
			i++
		} else {
			all = append(all, o[j])
			j++
		}
	}
	return normalize(all)
}

// Intersect returns s ∩ o.
func (s Set) Intersect(o Set) Set {
	var out []Interval
	i, j := 0, 0
	for i < len(s) && j < len(o) {
		a, b := s[i], o[j]
		iv := a
		if b.Lo > iv.Lo || b.Lo == iv.Lo && b.LoOpen {
			iv.Lo, iv.LoOpen = b.Lo, b.LoOpen
		}
		if b.Hi < iv.Hi || b.Hi == iv.Hi && b.HiOpen {
			iv.Hi, iv.HiOpen = b.Hi, b.HiOpen
		}
		if !iv.empty() {
			out = append(out, iv)
		}
		if a.Hi < b.Hi || a.Hi == b.Hi && a.HiOpen {
			i++
		} else {
			j++
		}
	}
	return normalize(out)
}

// Complement returns [0, ∞) \ s.
func (s Set) Complement() Set {
	out := make([]Interval, 0, len(s)+1)
	lo, loOpen := 0.0, false
	for _, iv := range s {
		out = append(out, Interval{Lo: lo, Hi: iv.Lo, LoOpen: loOpen, HiOpen: !iv.LoOpen})
		lo, loOpen = iv.Hi, !iv.HiOpen
	}
	if !math.IsInf(lo, 1) {
		out = append(out, Interval{Lo: lo, Hi: math.Inf(1), LoOpen: loOpen, HiOpen: true})
	}
	return normalize(out)
}

// Minus returns s \ o.
func (s Set) Minus(o Set) Set {
	if len(o) == 0 || len(s) == 0 {
		return s
	}
	return s.Intersect(o.Complement())
}

// Eventually returns {t ≥ 0 : s meets [t+a, t+b]}: the times at which
// F[a,b] holds when s is where its operand holds.
func (s Set) Eventually(a, b float64) Set {
	if len(s) == 0 {
		return nil
	}
	out := make([]Interval, len(s))
	for i, iv := range s {
		out[i] = Interval{Lo: iv.Lo - b, Hi: iv.Hi - a, LoOpen: iv.LoOpen, HiOpen: iv.HiOpen}
	}
	return normalize(out)
}

// Always returns {t ≥ 0 : [t+a, t+b] ⊆ s}: G[a,b].
func (s Set) Always(a, b float64) Set {
	return s.Complement().Eventually(a, b).Complement()
}

// Until returns the times t at which some t' ∈ [t+a, t+b] lies in psi and
// every point of [t, t'] lies in s (s U[a,b] psi, non-strict).
func (s Set) Until(psi Set, a, b float64) Set {
	var out Set
	j := 0
	for _, c := range s {
		// The part of psi inside this component of s.
		for j < len(psi) && (psi[j].Hi < c.Lo || psi[j].Hi == c.Lo && (psi[j].HiOpen || c.LoOpen)) {
			j++
		}
		var in []Interval
		for k := j; k < len(psi); k++ {
			p := psi[k]
			if p.Lo > c.Hi || p.Lo == c.Hi && (p.LoOpen || c.HiOpen) {
				break
			}
			in = append(in, p)
		}
		if len(in) == 0 {
			continue
		}
		part := Set{c}.Intersect(normalize(in)).Eventually(a, b).Intersect(Set{c})
		out = append(out, part...)
	}
	return normalize(out)
}

// Release returns the times t at which, for every t' ∈ [t+a, t+b], psi
// holds at t' or s holds somewhere in [t, t']: the dual ¬(¬s U ¬psi).
func (s Set) Release(psi Set, a, b float64) Set {
	return s.Complement().Until(psi.Complement(), a, b).Complement()
}

// First returns the earliest point of s ∩ [from, ∞): its infimum and
// whether the infimum belongs to the set. ok is false when there is none.
func (s Set) First(from float64) (t float64, attained, ok bool) {
	for _, iv := range s {
		if iv.Hi < from || iv.Hi == from && iv.HiOpen {
			continue
		}
		if iv.Lo > from || iv.Lo == from && iv.LoOpen {
			return iv.Lo, !iv.LoOpen, true
		}
		return from, true, true
	}
	return 0, false, false
}

// Measure returns the total length of s (+Inf if unbounded).
func (s Set) Measure() float64 {
	var m float64
	for _, iv := range s {
		m += iv.Hi - iv.Lo
	}
	return m
}
