package stl

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randSet draws a set with integer ends in [0, 12], random open/closed
// ends, singletons and sometimes an unbounded last interval.
func randSet(rng *rand.Rand) Set {
	var ivs []Interval
	for range rng.IntN(4) {
		lo := float64(rng.IntN(12))
		hi := lo + float64(rng.IntN(4))
		iv := Interval{Lo: lo, Hi: hi, LoOpen: rng.IntN(2) == 0, HiOpen: rng.IntN(2) == 0}
		if lo == hi && rng.IntN(2) == 0 {
			iv.LoOpen, iv.HiOpen = false, false
		}
		if rng.IntN(8) == 0 {
			iv.Hi = math.Inf(1)
		}
		ivs = append(ivs, iv)
	}
	return NewSet(ivs...)
}

// member is brute-force membership in the union of the raw intervals.
func member(s Set, t float64) bool {
	for _, iv := range s {
		if iv.Contains(t) {
			return true
		}
	}
	return false
}

// checkNormal verifies the representation invariants.
func checkNormal(t *testing.T, s Set) {
	t.Helper()
	for i, iv := range s {
		if iv.empty() || iv.Lo < 0 || math.IsInf(iv.Hi, 1) && !iv.HiOpen {
			t.Fatalf("bad interval %v in %v", iv, s)
		}
		if i > 0 {
			p := s[i-1]
			if !(p.Hi < iv.Lo || p.Hi == iv.Lo && p.HiOpen && iv.LoOpen) {
				t.Fatalf("intervals %v and %v overlap or touch in %v", p, iv, s)
			}
		}
	}
}

// The set operations agree with brute-force membership on a fine grid
// (ends are integers and windows integers, so a 1/8 grid sees every gap).
func TestSetOpsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	grid := func(hi float64, step float64) []float64 {
		var g []float64
		for x := 0.0; x <= hi; x += step {
			g = append(g, x)
		}
		return g
	}
	ts := grid(20, 0.25)
	fine := grid(40, 0.125)
	cases := 3000
	if testing.Short() || raceEnabled {
		cases = 500
	}
	for it := range cases {
		a, b := randSet(rng), randSet(rng)
		checkNormal(t, a)
		lo := float64(rng.IntN(3))
		hi := lo + float64(rng.IntN(4))
		u, in, ca := a.Union(b), a.Intersect(b), a.Complement()
		ev, al := a.Eventually(lo, hi), a.Always(lo, hi)
		un, re := a.Until(b, lo, hi), a.Release(b, lo, hi)
		for _, s := range []Set{u, in, ca, ev, al, un, re} {
			checkNormal(t, s)
		}
		for _, x := range ts {
			ma, mb := member(a, x), member(b, x)
			if got := u.Contains(x); got != (ma || mb) {
				t.Fatalf("case %d: (%v ∪ %v)(%g) = %v", it, a, b, x, got)
			}
			if got := in.Contains(x); got != (ma && mb) {
				t.Fatalf("case %d: (%v ∩ %v)(%g) = %v", it, a, b, x, got)
			}
			if got := ca.Contains(x); got != !ma {
				t.Fatalf("case %d: ∁%v(%g) = %v", it, a, x, got)
			}
			wantF, wantG := false, true
			for _, y := range fine {
				if y >= x+lo && y <= x+hi {
					wantF = wantF || member(a, y)
					wantG = wantG && member(a, y)
				}
			}
			// Past the grid the sets are constant; extend with the last point.
			if x+hi > fine[len(fine)-1] {
				t.Fatal("grid too short")
			}
			if got := ev.Contains(x); got != wantF {
				t.Fatalf("case %d: F[%g,%g] %v at %g = %v, want %v (got set %v)", it, lo, hi, a, x, got, wantF, ev)
			}
			if got := al.Contains(x); got != wantG {
				t.Fatalf("case %d: G[%g,%g] %v at %g = %v, want %v", it, lo, hi, a, x, got, wantG)
			}
			wantU := false
			wantR := true
			for _, y := range fine {
				if y < x+lo || y > x+hi {
					continue
				}
				all, some := true, false
				for _, z := range fine {
					if z >= x && z <= y {
						all = all && member(a, z)
						some = some || member(a, z)
					}
				}
				if member(b, y) && all {
					wantU = true
				}
				if !member(b, y) && !some {
					wantR = false
				}
			}
			if got := un.Contains(x); got != wantU {
				t.Fatalf("case %d: %v U[%g,%g] %v at %g = %v, want %v (got %v)", it, a, lo, hi, b, x, got, wantU, un)
			}
			if got := re.Contains(x); got != wantR {
				t.Fatalf("case %d: %v R[%g,%g] %v at %g = %v, want %v (got %v)", it, a, lo, hi, b, x, got, wantR, re)
			}
		}
	}
}

func TestSetBasics(t *testing.T) {
	s := NewSet(Closed(3, 4), Interval{Lo: 1, Hi: 2, LoOpen: true}, Closed(2, 2.5), Closed(-3, -1))
	if got := s.String(); got != "(1, 2.5] ∪ [3, 4]" {
		t.Fatalf("got %s", got)
	}
	if got := s.Complement().String(); got != "[0, 1] ∪ (2.5, 3) ∪ (4, ∞)" {
		t.Fatalf("complement %s", got)
	}
	if got, att, ok := s.First(0); got != 1 || att || !ok {
		t.Fatalf("First = %v %v %v", got, att, ok)
	}
	if got := s.Measure(); got != 2.5 {
		t.Fatalf("measure %g", got)
	}
	if !Full().Complement().Empty() || !Set(nil).Complement().Equal(Full()) {
		t.Fatal("full/empty complement")
	}
	// Touching open ends stay apart; a closed end joins them.
	a := NewSet(Interval{Lo: 0, Hi: 1, HiOpen: true}, Interval{Lo: 1, Hi: 2, LoOpen: true})
	if len(a) != 2 || a.Contains(1) {
		t.Fatalf("open touch merged: %v", a)
	}
	if b := a.Union(NewSet(Closed(1, 1))); len(b) != 1 || !b.Contains(1) {
		t.Fatalf("singleton did not join: %v", b)
	}
}
