package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/travel"
)

func TestTravelGen(t *testing.T) {
	r := run(t, "", "travel", "gen", "--n", "9", "--seed", "4")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("gen: %+v", r)
	}
	qs, err := travel.ReadQueries(strings.NewReader(r.stdout))
	if err != nil || len(qs) != 9 {
		t.Fatalf("read back: %d queries, %v", len(qs), err)
	}
	db, err := travel.Default(travel.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := travel.NewParser(db, travel.ParseOptions{})
	for i, q := range qs {
		if q.Idx != i+1 || q.Query == "" || q.Level != []string{"easy", "medium", "hard"}[i%3] || q.Days != []int{3, 5, 7}[(i/3)%3] {
			t.Errorf("record %d: idx %d level %s days %d", i, q.Idx, q.Level, q.Days)
		}
		if err := q.Validate(db); err != nil {
			t.Errorf("record %d: %v", i, err)
		}
		got, rep := p.Parse(q.Query)
		if !rep.Complete() || got.Org != q.Org || got.Dest != q.Dest || got.Budget != q.Budget || got.PeopleNumber != q.PeopleNumber {
			t.Errorf("record %d does not parse back: %s", i, rep.Message())
		}
	}
	// TravelPlanner's field names, nested local constraints, nulls.
	first := strings.SplitN(r.stdout, "\n", 2)[0]
	for _, key := range []string{`"idx":1`, `"org":`, `"visiting_city_number":`, `"people_number":1`, `"local_constraint":{"house rule":null,"cuisine":null,"room type":null,"transportation":null}`, `"level":"easy"`} {
		if !strings.Contains(first, key) {
			t.Errorf("first record lacks %s: %s", key, first)
		}
	}
	// Same seed, same bytes; --out writes the same.
	again := run(t, "", "travel", "gen", "--n", "9", "--seed", "4")
	out := filepath.Join(t.TempDir(), "q.jsonl")
	w := run(t, "", "travel", "gen", "--n", "9", "--seed", "4", "--out", out)
	b, _ := os.ReadFile(out)
	if again.stdout != r.stdout || w.code != 0 || w.stdout != "" || !bytes.Equal(b, []byte(r.stdout)) {
		t.Errorf("not reproducible: %+v", w)
	}
	r = run(t, "", "travel", "gen", "--n", "4", "--level", "hard", "--days", "7", "--seed", "2")
	qs, _ = travel.ReadQueries(strings.NewReader(r.stdout))
	for _, q := range qs {
		if q.Level != "hard" || q.Days != 7 || q.VisitingCityNumber != 3 {
			t.Errorf("hard 7-day: got %s %d %d", q.Level, q.Days, q.VisitingCityNumber)
		}
	}
}

func TestTravelGenErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"travel", "gen", "--n", "0"}, ExitUsage, "--n 0: want 1 to"},
		{[]string{"travel", "gen", "--level", "expert"}, ExitUsage, `--level "expert"`},
		{[]string{"travel", "gen", "--days", "4"}, ExitUsage, `--days "4"`},
		{[]string{"travel", "gen", "--days", "x"}, ExitUsage, `--days "x"`},
		{[]string{"travel", "gen", "extra"}, ExitUsage, "unexpected argument"},
		{[]string{"travel", "gen", "--out", "/nonexistent/dir/q.jsonl"}, ExitError, "writing /nonexistent/dir/q.jsonl"},
	}
	for _, tc := range cases {
		r := run(t, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("%v: %+v; want code %d, %q", tc.args, r, tc.code, tc.want)
		}
	}
}
