package nl

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/robot"
	"github.com/plankit/plankit/solvers/stl"
)

// TestAutoTAMPParaphrases runs the translator on AutoTAMP's own
// paraphrases (GPT-4 rewrote each canonical instruction nine times;
// testdata/robot/autotamp/instr_dir). Every paraphrase must either
// translate to a formula with the reference's meaning or be refused with
// a reported reason (unknown words, ambiguity, ...): a wrong formula is a
// failure. The number translated is logged and guarded from regressing.
func TestAutoTAMPParaphrases(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "testdata", "robot", "autotamp", "instr_dir")
	type set struct{ file, env, spec string }
	var sets []set
	for i := 1; i <= 10; i++ {
		n := "sent" + strconv.Itoa(i)
		sets = append(sets, set{"HouseWorld_" + n + ".txt", "houseworld", "houseworld_" + n + ".stl"})
	}
	sets = append(sets, set{"chip_sent1.txt", "chip1", "chip1.stl"})
	total, translated, alternative := 0, 0, 0
	unknown := map[string]int{}
	for _, s := range sets {
		data, err := os.ReadFile(filepath.Join(dir, s.file))
		if err != nil {
			t.Fatal(err)
		}
		env, err := robot.Scenario(s.env)
		if err != nil {
			t.Fatal(err)
		}
		ref := readReference(t, s.spec)
		for k, text := range strings.Split(strings.TrimSpace(string(data)), "\n\n") {
			total++
			res, err := Translate(env, text)
			if err != nil {
				oneLine(t, err)
				var uw *UnknownWordsError
				if errors.As(err, &uw) {
					for _, w := range uw.Words {
						unknown[strings.ToLower(w)]++
					}
				}
				t.Logf("%s #%d refused: %v", s.file, k+1, err)
				continue
			}
			ok := sameAs(t, env, res.Formula, ref, uint64(total))
			if alt, found := alternatives[s.spec]; !ok && found {
				a, err := stl.Parse(alt)
				if err != nil {
					t.Fatal(err)
				}
				if ok = sameAs(t, env, res.Formula, a, uint64(total)); ok {
					alternative++
				}
			}
			if !ok {
				t.Errorf("%s #%d: WRONG translation of %q:\n got %s\nwant %s", s.file, k+1, text, res.Text, ref)
			}
			translated++
		}
	}
	t.Logf("translated %d of %d AutoTAMP paraphrases (%d in the alternative reading); the rest were refused with a reason", translated, total, alternative)
	t.Logf("unknown words: %v", unknown)
	if translated < minAutoTAMPTranslated {
		t.Errorf("only %d translated, fewer than %d", translated, minAutoTAMPTranslated)
	}
}

// alternatives are second readings accepted for some tasks. HouseWorld 2's
// paraphrases say the tour "terminates", "wraps up" or "rounds off" in the
// red bathroom: the translator reads that as ending there (the last room
// entered, as specs/houseworld_sent10.stl reads "conclude in"), where the
// reference (from the canonical "conclude your exploration in") only asks
// to visit it after the others.
var alternatives = map[string]string{
	"houseworld_sent2.stl": "F(restroom & F(bedroom & F(kitchen & F dining_room))) & F(restroom2 & G(!kitchen & !master_bedroom & !bedroom & !living_room & !exercise_room & !restroom & !dining_room))",
}

// sameAs reports whether f means g: equal up to the order of & and |, or
// the same verdict on every test trajectory.
func sameAs(t *testing.T, env *robot.Env, f, g *stl.Formula, seed uint64) bool {
	t.Helper()
	if normal(f) == normal(g) {
		return true
	}
	for _, tr := range trajectories(t, env, 200, seed, f, g) {
		if holds(t, env, f, tr) != holds(t, env, g, tr) {
			return false
		}
	}
	return true
}

// minAutoTAMPTranslated guards the coverage of TestAutoTAMPParaphrases.
const minAutoTAMPTranslated = 76
