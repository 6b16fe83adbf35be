package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/plankit/plankit/tools/builtin"
)

func TestSTLParseCmd(t *testing.T) {
	r := run(t, "", "stl", "parse", "F(master_bedroom & F restroom) & G !living_room")
	want := "F(master_bedroom & F restroom) & G !living_room\natoms: master_bedroom, restroom, living_room\nlooks ahead: the whole horizon (some operators have no bounds)\n"
	if r.code != ExitOK || r.stdout != want {
		t.Fatalf("code %d\n%q", r.code, r.stdout)
	}
	r = run(t, "", "stl", "parse", "--json", "!door1 U[0,5] r1.key1")
	var out builtin.STLParseOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Formula != "!door1 U[0,5] r1.key1" || out.Span == nil || *out.Span != 5 {
		t.Fatalf("%v %+v", err, out)
	}
	r = run(t, "", "stl", "parse", "--prefix", "--horizon", "50", "['until', 'not_enter(room8)', 'finally [0, infinite]', 'enter(room1)']")
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "!room8 U F[0,50] room1\n") {
		t.Fatalf("code %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, "G[0,2] goal", "stl", "parse", "-")
	if r.code != ExitOK || !strings.Contains(r.stdout, "looks ahead: 2") {
		t.Fatalf("%+v", r)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"F(a & b"}, ExitError, `plankit: stl: column 8: want ")" to close the "(" at column 2, found end of input`},
		{[]string{"--prefix", "['and', 'enter(a)', 'enter(b)', 'enter(c)']"}, ExitError, "plankit: stl: the prefix list lacks 1 operator(s) with two operands"},
		{[]string{"--horizon", "5", "F a"}, ExitUsage, "--horizon applies to --prefix lists only"},
		{[]string{""}, ExitError, "plankit: stl: empty formula"},
		{[]string{}, ExitUsage, "want one formula"},
	} {
		r := run(t, "", append([]string{"stl", "parse"}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: code %d %q", c.args, r.code, r.stderr)
		}
	}
}
