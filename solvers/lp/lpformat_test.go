package lp

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

const sampleLP = `\ a sample in CPLEX LP format
Maximize
 profit: 3 x + 2y - 0.5 z + 10
Subject To
 c1: x + y <= 4
 c2: x + 3 y
     - z >= 2           \ continued on the next line
 -2 x + 3.5e-1 z = 0
 c4: 2 + x - y >= -1
 st1: - x - - y <= 3.5E2
Bounds
 y <= 3
 -inf <= z <= 5
 w free
 v = 2
 4 >= u >= -1
 x >= -2
General
 y
Binary
 b
End
`

func TestReadLP(t *testing.T) {
	p, err := ReadLP(strings.NewReader(sampleLP))
	if err != nil {
		t.Fatal(err)
	}
	if p.Sense != Maximize || p.ObjName != "profit" || p.ObjConst != 10 {
		t.Fatalf("sense %v name %q const %v", p.Sense, p.ObjName, p.ObjConst)
	}
	wantVars := []struct {
		name   string
		lo, hi float64
		typ    VarType
		obj    float64
	}{
		{"x", -2, Inf, Continuous, 3}, {"y", 0, 3, Integer, 2}, {"z", ninf, 5, Continuous, -0.5},
		{"w", ninf, Inf, Continuous, 0}, {"v", 2, 2, Continuous, 0}, {"u", -1, 4, Continuous, 0},
		{"b", 0, 1, Binary, 0},
	}
	if p.NumVars() != len(wantVars) {
		t.Fatalf("%d variables, want %d", p.NumVars(), len(wantVars))
	}
	for j, w := range wantVars {
		v := p.vars[j]
		if v.name != w.name || v.lo != w.lo || v.hi != w.hi || v.typ != w.typ || v.obj != w.obj {
			t.Errorf("variable %d = %+v, want %+v", j, v, w)
		}
	}
	wantRows := []struct {
		name  string
		terms map[string]float64
		op    Op
		rhs   float64
	}{
		{"c1", map[string]float64{"x": 1, "y": 1}, LE, 4},
		{"c2", map[string]float64{"x": 1, "y": 3, "z": -1}, GE, 2},
		{"c3", map[string]float64{"x": -2, "z": 0.35}, EQ, 0},
		{"c4", map[string]float64{"x": 1, "y": -1}, GE, -3},
		{"st1", map[string]float64{"x": -1, "y": 1}, LE, 350},
	}
	if p.NumRows() != len(wantRows) {
		t.Fatalf("%d rows, want %d", p.NumRows(), len(wantRows))
	}
	for i, w := range wantRows {
		r := p.rows[i]
		got := map[string]float64{}
		for _, tm := range r.terms {
			got[p.vars[tm.Var].name] = tm.Coef
		}
		if r.name != w.name || r.op != w.op || r.rhs != w.rhs || len(got) != len(w.terms) {
			t.Errorf("row %d = %s %v %v %v, want %+v", i, r.name, got, r.op, r.rhs, w)
			continue
		}
		for k, c := range w.terms {
			if got[k] != c {
				t.Errorf("row %s: %s coefficient %v, want %v", r.name, k, got[k], c)
			}
		}
	}
}

func TestReadLPErrors(t *testing.T) {
	cases := []struct {
		name, in string
		line     int
		token    string
	}{
		{"no objective", "Subject To\n c1: x <= 1\nEnd\n", 1, "Subject"},
		{"empty", "", 0, ""},
		{"missing rhs", "Minimize\n obj: x\nSubject To\n c1: x + y <=\nEnd\n", 4, ""},
		{"rhs not a number", "Minimize\n obj: x\nSubject To\n c1: x <= y\nEnd\n", 4, "y"},
		{"missing relation", "Minimize\n obj: x\nSubject To\n c1: x + y\nBounds\n x <= 1\nEnd\n", 4, ""},
		{"two terms without sign", "Minimize\n obj: x y\nEnd\n", 2, "y"},
		{"bad number", "Minimize\n obj: 1.2.3 x\nEnd\n", 2, "1.2.3"},
		{"bad character", "Minimize\n obj: x\nSubject To\n c1: x # y <= 2\n", 4, ""},
		{"quadratic", "Minimize\n obj: [ x ^ 2 ]\nEnd\n", 2, "["},
		{"ranged", "Minimize\n obj: x\nSubject To\n c1: x <= 2 <= 3\nEnd\n", 4, "<="},
		{"duplicate row", "Minimize\n obj: x\nSubject To\n c1: x <= 2\n c1: x >= 1\nEnd\n", 5, "c1"},
		{"bound without relation", "Minimize\n obj: x\nBounds\n x 4\nEnd\n", 4, "4"},
		{"lower +inf", "Minimize\n obj: x\nBounds\n x >= inf\nEnd\n", 4, ">="},
		{"infinite rhs", "Minimize\n obj: x\nSubject To\n c1: x <= inf\nEnd\n", 4, "<="},
		{"sos", "Minimize\n obj: x\nSOS\n s1: S1:: x:1\nEnd\n", 3, "SOS"},
		{"text after end", "Minimize\n obj: x\nEnd\n x\n", 4, "x"},
		{"two objectives", "Minimize\n obj: x\nMaximize\n obj: x\n", 3, "Maximize"},
		{"general number", "Minimize\n obj: x\nGeneral\n x 3\nEnd\n", 4, "3"},
		{"inf in objective", "Minimize\n obj: inf\nEnd\n", 2, "inf"},
		{"long name", "Minimize\n obj: " + strings.Repeat("x", 300) + "\nEnd\n", 2, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadLP(strings.NewReader(tc.in))
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("got %v, want a ParseError", err)
			}
			if pe.Line != tc.line || (tc.token != "" && pe.Token != tc.token) {
				t.Fatalf("got line %d token %q (%v), want line %d token %q", pe.Line, pe.Token, err, tc.line, tc.token)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
		})
	}
}

// randNamedProblem draws a problem with every feature WriteLP must keep.
func randNamedProblem(r *rand.Rand) *Problem {
	p := NewProblem(Sense(r.IntN(2)))
	p.ObjConst = float64(r.IntN(7) - 3)
	names := []string{"x", "y_1", "z.2", "a(3)", "B#", "v~w", "q'", "s{t}"}
	n := 1 + r.IntN(len(names))
	for j := range n {
		lo, hi := 0.0, Inf
		switch r.IntN(6) {
		case 0:
			lo = ninf
		case 1:
			lo, hi = -2.5, 1e6
		case 2:
			hi = 0
		case 3:
			lo, hi = ninf, -1
		case 4:
			lo, hi = 3, 3
		}
		typ := VarType(r.IntN(3))
		v := p.AddVar(names[j], lo, hi, typ)
		if r.IntN(2) == 0 {
			p.SetObjCoef(v, math.Round((r.Float64()*20-10)*1000)/1000)
		}
	}
	for range r.IntN(5) {
		var ts []Term
		for j := range n {
			if r.IntN(2) == 0 {
				ts = append(ts, Term{Var(j), r.NormFloat64() * math.Pow(10, float64(r.IntN(9)-4))})
			}
		}
		p.AddRow("", ts, Op(r.IntN(3)), float64(r.IntN(100))-50)
	}
	return p
}

// equalProblems compares two problems by names, bounds, types and terms.
func equalProblems(a, b *Problem) string {
	if a.Sense != b.Sense || a.ObjConst != b.ObjConst || a.NumVars() != b.NumVars() || a.NumRows() != b.NumRows() {
		return "sense, constant or sizes differ"
	}
	for _, va := range a.vars {
		j, ok := b.byName[va.name]
		if !ok {
			return "missing variable " + va.name
		}
		vb := b.vars[j]
		if va.lo != vb.lo || va.hi != vb.hi || va.typ != vb.typ || va.obj != vb.obj {
			return "variable " + va.name + " differs"
		}
	}
	for i, ra := range a.rows {
		rb := b.rows[i]
		if ra.name != rb.name || ra.op != rb.op || ra.rhs != rb.rhs || len(ra.terms) != len(rb.terms) {
			return "row " + ra.name + " differs"
		}
		coef := map[string]float64{}
		for _, t := range rb.terms {
			coef[b.vars[t.Var].name] = t.Coef
		}
		for _, t := range ra.terms {
			if c, ok := coef[a.vars[t.Var].name]; !ok || c != t.Coef {
				return "row " + ra.name + " coefficients differ"
			}
		}
	}
	return ""
}

func TestWriteReadRoundTrip(t *testing.T) {
	for seed := range uint64(300) {
		p := randNamedProblem(rand.New(rand.NewPCG(seed, 4)))
		var buf bytes.Buffer
		if err := WriteLP(&buf, p); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		q, err := ReadLP(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, buf.String())
		}
		if d := equalProblems(p, q); d != "" {
			t.Fatalf("seed %d: %s\n%s", seed, d, buf.String())
		}
	}
}

func TestWriteLPNames(t *testing.T) {
	for _, bad := range []string{"2x", ".x", "a b", "x-y", "end", "Free", "x:y", "", strings.Repeat("a", 256)} {
		p := NewProblem(Minimize)
		p.AddVar(bad+"", 0, 1, Continuous)
		if bad == "" {
			continue // AddVar names it x1
		}
		if err := WriteLP(&bytes.Buffer{}, p); err == nil {
			t.Errorf("name %q written", bad)
		}
	}
	// Generated names always work and keep the problem.
	p := NewProblem(Maximize)
	x := p.AddVar("x y", 0, 4, Integer)
	p.SetObjCoef(x, 2)
	p.AddRow("a row", []Term{{x, 1}}, LE, 3.5)
	var buf bytes.Buffer
	if err := writeLPNames(&buf, p, true); err != nil {
		t.Fatal(err)
	}
	q, err := ReadLP(&buf)
	if err != nil {
		t.Fatal(err)
	}
	s1, s2 := mustSolve(t, p, Options{}), mustSolve(t, q, Options{})
	if s1.Objective != 6 || s2.Objective != 6 {
		t.Fatalf("objectives %v %v", s1.Objective, s2.Objective)
	}
}

// FuzzReadLP: the reader never panics, and whatever it accepts writes and
// reads back to the same problem (when the names are writable).
func FuzzReadLP(f *testing.F) {
	f.Add(sampleLP)
	f.Add("Minimize\n obj: x\nEnd\n")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ReadLP(strings.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteLP(&buf, p); err != nil {
			return // e.g. a keyword used as a name
		}
		q, err := ReadLP(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, buf.String())
		}
		if d := equalProblems(p, q); d != "" {
			t.Fatalf("round trip: %s\n%s", d, buf.String())
		}
		if p.NumVars() <= 6 && p.NumRows() <= 6 {
			ctx := context.Background()
			if _, err := Solve(ctx, p, Options{NodeLimit: 50}); err != nil && !errors.Is(err, ErrNumerical) {
				t.Fatalf("solve: %v", err)
			}
		}
	})
}

func TestJSONModel(t *testing.T) {
	in := `{"sense":"max","objective":{"x":3,"y":2},"constant":1,
	 "rows":[{"name":"c1","terms":{"x":1,"y":1},"op":"<=","rhs":4},{"terms":{"x":1,"y":3},"op":"<=","rhs":6}],
	 "bounds":{"x":[0,3],"w":[null,null]},"integers":["y"]}`
	p, err := ParseJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	sol := mustSolve(t, p, Options{})
	if sol.Status != Optimal || sol.Objective != 12 || sol.Value("x") != 3 || sol.Value("y") != 1 {
		t.Fatalf("%+v", sol)
	}
	if p.rows[1].name != "c2" {
		t.Fatalf("default row name %q", p.rows[1].name)
	}
	// ToModel → JSON → ParseJSON keeps the problem.
	q, err := (ToModel(p)).Problem()
	if err != nil {
		t.Fatal(err)
	}
	if d := equalProblems(p, q); d != "" {
		t.Fatal(d)
	}
	for _, bad := range []string{
		`{"sense":"up"}`,
		`{"rows":[{"terms":{"x":1},"op":"<>","rhs":1}]}`,
		`{"bounds":{"x":[1]}}`,
		`{"objective":{"":1}}`,
		`{"rows":[{"name":"a","terms":{"x":1},"op":"<=","rhs":1},{"name":"a","terms":{"x":1},"op":"<=","rhs":1}]}`,
		`{"objective":{"x":1}, "extra":1}`,
		`{"objective":{"x":"1"}}`,
		`{"rows":[{}]}`,
		`[1]`,
		`{"objective":{"x":1}} {}`,
	} {
		if _, err := ParseJSON([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("multi-line error %q", err)
		}
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add(`{"sense":"min","objective":{"x":1},"rows":[{"name":"c1","terms":{"x":2},"op":">=","rhs":4}],"bounds":{"x":[0,null]},"integers":["x"]}`)
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParseJSON([]byte(in))
		if err != nil {
			return
		}
		q, err := ToModel(p).Problem()
		if err != nil {
			t.Fatalf("rebuild: %v", err)
		}
		if d := equalProblems(p, q); d != "" {
			t.Fatal(d)
		}
	})
}

func TestNaturalCompare(t *testing.T) {
	in := []string{"x10", "x2", "x1", "y", "x02", "a"}
	want := "a x1 x2 x02 x10 y"
	got := append([]string(nil), in...)
	sortNatural(got)
	if strings.Join(got, " ") != want {
		t.Fatalf("got %v", got)
	}
}
