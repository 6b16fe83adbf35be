package stl

import (
	"errors"
	"strings"
	"testing"
)

func oneLine(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "stl: ") {
		t.Fatalf("error is not one line starting with stl: %q", msg)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("F(master_bedroom & F restroom) & G !living_room")
	f.Add("(!door1 U key1) & F[0,5] G[1,2] goal")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := Parse(s)
		if err != nil {
			oneLine(t, err)
			var se *SyntaxError
			if !errors.As(err, &se) || se.Pos.Col < 1 || se.Pos.Line < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		out := g.String()
		h, err := Parse(out)
		if err != nil {
			t.Fatalf("printed form %q of %q does not parse: %v", out, s, err)
		}
		if !Equal(g, h) {
			t.Fatalf("%q → %q → a different tree", s, out)
		}
	})
}

func FuzzParsePrefix(f *testing.F) {
	f.Add("['and', 'finally', 'enter(room1)', 'globally', 'not_enter(room2)']")
	f.Add(`["until [0, 5]", "negation", "enter(door1)", "enter(key1)"]`)
	f.Fuzz(func(t *testing.T, s string) {
		toks, err := ParsePrefixList(s)
		if err != nil {
			oneLine(t, err)
			return
		}
		g, err := ParsePrefix(toks, PrefixOptions{Horizon: 10})
		if err != nil {
			oneLine(t, err)
			return
		}
		h, err := Parse(g.String())
		if err != nil || !Equal(g, h) {
			t.Fatalf("imported %q prints as %q, which does not parse back: %v", s, g, err)
		}
	})
}
