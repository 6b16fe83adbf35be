package nl

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/plankit/plankit/domains/robot"
)

func TestScratch(t *testing.T) {
	f, _ := os.Open("../../../testdata/robot/canonical_instructions.tsv")
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id, text, _ := strings.Cut(sc.Text(), "\t")
		envName := "houseworld"
		if id == "chip" {
			envName = "chip1"
		}
		env, _ := robot.Scenario(envName)
		res, err := Translate(env, text)
		if err != nil {
			t.Logf("%s: ERROR %v", id, err)
			continue
		}
		t.Logf("%s: %s", id, res.Text)
		for _, n := range res.Notes {
			t.Logf("    %q: %s", n.Phrase, n.Reading)
		}
	}
}
