package stl

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestParsePrint(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"F(master_bedroom & F restroom) & G !living_room", "F(master_bedroom & F restroom) & G !living_room"},
		{"!door1 U key1 & F goal", "(!door1 U key1) & F goal"},
		{"(!door1 U key1) & (!door2 U key2)", "(!door1 U key1) & (!door2 U key2)"},
		{"a -> b -> c", "a -> b -> c"},
		{"(a -> b) -> c", "(a -> b) -> c"},
		{"a <-> b <-> c", "a <-> b <-> c"},
		{"a <-> (b <-> c)", "a <-> (b <-> c)"},
		{"a | b & c", "a | b & c"},
		{"(a | b) & c", "(a | b) & c"},
		{"a & (b & c)", "a & (b & c)"},
		{"a & b & c", "a & b & c"},
		{"a U b U c", "a U (b U c)"},
		{"F[0,5](a | b) U[1,2] c", "F[0,5](a | b) U[1,2] c"},
		{"G[0, 1e-3] r1.goal1", "G[0,0.001] r1.goal1"},
		{"F G r1.goal1", "F G r1.goal1"},
		{"!(a U b)", "!(a U b)"},
		{"!!a", "!!a"},
		{"~a && b || c => d <=> e", "!a & b | c -> d <-> e"},
		{"G(goal1 -> F[0,2](transmitter1 | transmitter2))", "G(goal1 -> F[0,2](transmitter1 | transmitter2))"},
		{"true & !false", "true & !false"},
		{"  F  [ 0 , 10 ]  ( kitchen )  # trailing comment", "F[0,10] kitchen"},
		{"F[.5,1.5e1] a", "F[0.5,15] a"},
		{"F\n  a", "F a"},
	} {
		f, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := f.String(); got != c.want {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.want)
		}
		g, err := Parse(f.String())
		if err != nil || !Equal(f, g) {
			t.Errorf("%q does not round-trip: %v", c.in, err)
		}
	}
}

func TestParseTree(t *testing.T) {
	f := MustParse("!a U[1,2] b & F r1.c -> G d")
	want := Implies(
		And(Until(Not(Prop("", "a")), Within(1, 2), Prop("", "b")), Eventually(nil, Prop("r1", "c"))),
		Always(nil, Prop("", "d")))
	if !Equal(f, want) {
		t.Fatalf("got %s, want %s", f, want)
	}
	if got := f.Atoms(); len(got) != 4 || got[2].Atom != (Atom{"r1", "c"}) || got[2].Pos != (Pos{1, 17}) {
		t.Fatalf("atoms %+v", got)
	}
	if s := f.Span(10); s != 10 {
		t.Fatalf("span %g", s)
	}
	if s := MustParse("F[0,2] (G[1,3] a | b U c)").Span(10); s != 12 {
		t.Fatalf("span %g", s)
	}
	if n := f.Size(); n != 10 {
		t.Fatalf("size %d", n)
	}
	if c := f.Clone(); !Equal(c, f) || c == f {
		t.Fatal("clone")
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "stl: column 1: empty formula"},
		{"F[0,5 goal", `stl: column 7: want "]" after the bounds, found "goal"`},
		{"goal &", "stl: column 7: unexpected end of input; want a formula"},
		{"a b", `stl: column 3: unexpected "b" after a complete formula; want an operator (&, |, ->, <->, U) or the end`},
		{"(a & b", `stl: column 7: want ")" to close the "(" at column 1, found end of input`},
		{"a & #c\n )", `stl: line 2, column 2: unexpected ")"; want a formula`},
		{"a)", `stl: column 2: unmatched ")"`},
		{"r1.", `stl: column 4: want a region name after "r1.", found end of input`},
		{"r1.F", `stl: column 4: "F" is a keyword, not a region name`},
		{"F[5,1] a", "stl: column 5: upper bound 1 is less than lower bound 5"},
		{"F[-1,1] a", `stl: column 3: unexpected character '-'`},
		{"F[0,inf] a", "stl: column 5: upper bound must be a finite number (omit the bounds to mean the whole horizon)"},
		{"F[0;1] a", `stl: column 4: unexpected character ';'`},
		{"F[0,1e999] a", `stl: column 5: upper bound "1e999" is not a valid number`},
		{"F[0,1e20] a", "stl: column 5: upper bound 1e20 is too large"},
		{"é", `stl: column 1: unexpected character 'é'`},
		{"a & é", `stl: column 5: unexpected character 'é'`},
		{"U a", `stl: column 1: "U" needs a formula on its left`},
		{"a U", "stl: column 4: unexpected end of input; want a formula"},
		{"3a", `stl: column 2: unexpected 'a' after the number 3`},
		{"F 3", `stl: column 3: unexpected "3"; want a formula (a region, !, F, G, true, false or "(")`},
		{"\xff", "stl: column 1: invalid UTF-8"},
	} {
		_, err := Parse(c.in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", c.in)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("Parse(%q) = %q, want %q", c.in, err, c.want)
		}
		if !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q): error does not wrap ErrSyntax", c.in)
		}
	}
	deep := strings.Repeat("(", 2000) + "a" + strings.Repeat(")", 2000)
	if _, err := Parse(deep); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("deep nesting: %v", err)
	}
	if _, err := Parse(strings.Repeat("!", 900) + "a"); err != nil {
		t.Errorf("900 negations: %v", err)
	}
}

// randTree draws a formula over every operator with random bounds.
func randTree(rng *rand.Rand, d int) *Formula {
	if d == 0 || rng.IntN(6) == 0 {
		switch rng.IntN(8) {
		case 0:
			return True()
		case 1:
			return False()
		case 2:
			return Prop("r"+string(rune('1'+rng.IntN(3))), "room_"+string(rune('a'+rng.IntN(3))))
		}
		return Prop("", []string{"a", "b", "goal1", "key_2", "_x"}[rng.IntN(5)])
	}
	bounds := func() *Bounds {
		if rng.IntN(3) == 0 {
			return nil
		}
		lo := rng.Float64() * 10
		if rng.IntN(2) == 0 {
			lo = float64(rng.IntN(5))
		}
		return &Bounds{lo, lo + rng.ExpFloat64()*3}
	}
	args := func(n int) []*Formula {
		out := make([]*Formula, n)
		for i := range out {
			out[i] = randTree(rng, d-1)
		}
		return out
	}
	switch rng.IntN(10) {
	case 0:
		return Not(randTree(rng, d-1))
	case 1:
		return &Formula{Op: OpAnd, Args: args(2 + rng.IntN(3))}
	case 2:
		return &Formula{Op: OpOr, Args: args(2 + rng.IntN(3))}
	case 3:
		return Implies(randTree(rng, d-1), randTree(rng, d-1))
	case 4:
		return Iff(randTree(rng, d-1), randTree(rng, d-1))
	case 5, 6:
		return Eventually(bounds(), randTree(rng, d-1))
	case 7:
		return Always(bounds(), randTree(rng, d-1))
	}
	return Until(randTree(rng, d-1), bounds(), randTree(rng, d-1))
}

// The printer's output parses back to the same tree, and the JSON form
// round-trips too.
func TestPrintParseProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1))
	cases := 5000
	if raceEnabled {
		cases = 1500
	}
	for i := range cases {
		f := randTree(rng, 1+rng.IntN(6))
		s := f.String()
		g, err := Parse(s)
		if err != nil {
			t.Fatalf("case %d: %q does not parse: %v", i, s, err)
		}
		if !Equal(f, g) {
			t.Fatalf("case %d: %q parses to %q, a different tree", i, s, g)
		}
		raw, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var h Formula
		if err := json.Unmarshal(raw, &h); err != nil {
			t.Fatalf("case %d: %s: %v", i, raw, err)
		}
		if !Equal(f, &h) {
			t.Fatalf("case %d: JSON %s does not round-trip", i, raw)
		}
	}
}

func TestJSONErrors(t *testing.T) {
	for _, in := range []string{
		`{"op":"nand"}`,
		`{"op":"and","args":[{"op":"atom","region":"a"}]}`,
		`{"op":"atom","region":"F"}`,
		`{"op":"eventually","bounds":[3,1],"args":[{"op":"true"}]}`,
		`{"op":"not","bounds":[0,1],"args":[{"op":"true"}]}`,
		`{"op":"not","args":[null]}`,
		`[1]`,
	} {
		var f Formula
		if err := json.Unmarshal([]byte(in), &f); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}

func TestParsePrefix(t *testing.T) {
	for _, c := range []struct {
		toks []string
		h    float64
		want string
	}{
		{[]string{"and", "finally", "enter(room1)", "globally", "not_enter(room2)"}, 0, "F room1 & G !room2"},
		{[]string{"until", "negation", "enter(door1)", "enter(key1)"}, 0, "!door1 U key1"},
		{[]string{"imply", "enter(a)", "finally [0, 2]", "or", "enter(t1)", "enter(t2)"}, 0, "a -> F[0,2](t1 | t2)"},
		{[]string{"equal", "enter(a)", "negation", "enter(b)"}, 0, "a <-> !b"},
		{[]string{"globally [0,infinite]", "enter(a)"}, 0, "G a"},
		{[]string{"globally [2, infinite]", "enter(a)"}, 50, "G[2,50] a"},
		{[]string{"until [1,3]", "prop_1", "r1.goal"}, 0, "prop_1 U[1,3] r1.goal"},
		{[]string{"and", "and", "true", "false", "enter(x)"}, 0, "(true & false) & x"},
	} {
		f, err := ParsePrefix(c.toks, PrefixOptions{Horizon: c.h})
		if err != nil {
			t.Errorf("%v: %v", c.toks, err)
			continue
		}
		if got := f.String(); got != c.want {
			t.Errorf("%v = %q, want %q", c.toks, got, c.want)
		}
	}
	for _, c := range []struct {
		toks []string
		want string
	}{
		{nil, "stl: prefix list is empty"},
		{[]string{"and", "enter(a)", "enter(b)", "enter(c)"}, "stl: the prefix list lacks 1 operator(s) with two operands (and, or, imply, equal, until): 3 leaves need 2, found 1"},
		{[]string{"and", "or", "enter(a)", "enter(b)"}, "stl: the prefix list has 1 more operator(s) with two operands than its 2 leaves allow (at most 1, found 2)"},
		{[]string{"enter(a)", "and", "enter(b)"}, `stl: prefix token 2: "and" needs two operands after it, has 1`},
		{[]string{"enter(a)", "finally"}, `stl: prefix token 2: "finally" has no operand after it`},
		{[]string{"eventually(a)"}, `stl: prefix token 1: "eventually(a)": want bounds [a, b], found "(a)"`},
		{[]string{"foo(a)"}, `stl: prefix token 1: "foo(a)": unknown operator "foo"; want and, or, imply, equal, until, negation, globally, finally, enter(region), not_enter(region), true or false`},
		{[]string{"finally [3,1]", "enter(a)"}, `stl: prefix token 1: "finally [3,1]": lower bound 3 is greater than upper bound 1`},
		{[]string{"finally [1,infinite]", "enter(a)"}, `stl: prefix token 1: "finally [1,infinite]": bounds [1, infinite] need a horizon`},
		{[]string{"enter(1x)"}, `stl: prefix token 1: "enter(1x)": "1x" is not a region name`},
		{[]string{"and [0,1]", "enter(a)", "enter(b)"}, `stl: prefix token 1: "and [0,1]": and takes no bounds`},
		{[]string{"negation", "enter"}, `stl: prefix token 2: "enter": want enter(region)`},
	} {
		_, err := ParsePrefix(c.toks, PrefixOptions{})
		if err == nil || err.Error() != c.want {
			t.Errorf("%v: %v, want %q", c.toks, err, c.want)
		}
	}
}

// AutoTAMP's saved GPT-4 output for Chip env1 imports to the Chip task.
func TestPrefixChipExample(t *testing.T) {
	data, err := os.ReadFile("../../testdata/robot/autotamp/experiment_result/chip_gpt4_stl_output.txt")
	if err != nil {
		t.Fatal(err)
	}
	line := strings.SplitN(string(data), "\n", 3)[1]
	line = strings.TrimPrefix(line, "0. ")
	toks, err := ParsePrefixList(line)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParsePrefix(toks, PrefixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "(F(room6 & room7) & G((((((((!room13 & !room14) & !room15) & !room16) & !room17) & !room18) & !room19) & !room20) & !room21)) & (((((!room8 U room1) & (!room9 U room2)) & (!room10 U room3)) & (!room11 U room4)) & (!room12 U room5))"
	if got := f.String(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestParsePrefixList(t *testing.T) {
	toks, err := ParsePrefixList(` ['and', "finally", 'enter(room1)', 'it\'s',] `)
	if err != nil || strings.Join(toks, "|") != "and|finally|enter(room1)|it's" {
		t.Fatalf("%q %v", toks, err)
	}
	for _, c := range []struct{ in, want string }{
		{"", `stl: column 1: want "[" to start the token list`},
		{"['a'", `stl: column 5: unexpected end of input; want "," or "]"`},
		{"['a' 'b']", `stl: column 6: want "," or "]", found '\''`},
		{"['a", "stl: column 2: unterminated string"},
		{"[a]", `stl: column 2: want a quoted token, found 'a'`},
		{"['a'] x", `stl: column 7: unexpected 'x' after the token list`},
	} {
		_, err := ParsePrefixList(c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}
