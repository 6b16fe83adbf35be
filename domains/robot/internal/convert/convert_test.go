package convert

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the converted files under testdata/robot")

const root = "../../../../testdata/robot"

// TestGolden converts the AutoTAMP data copied under testdata/robot/autotamp
// and compares (or, with -update, writes) the plankit files.
func TestGolden(t *testing.T) {
	derivedData, err := os.ReadFile(filepath.Join(root, "autotamp", "environments_derived.json"))
	if err != nil {
		t.Fatal(err)
	}
	envs, err := Envs(derivedData)
	if err != nil {
		t.Fatal(err)
	}
	examples, err := Examples(os.DirFS(filepath.Join(root, "autotamp", "Example_results")))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"chip1.json", "chip2.json", "chip2_room.json", "chip3.json", "chip3_room.json", "examples/cook.json", "examples/rover.json", "examples/wall.json", "houseworld.json", "houseworld_b.json", "houseworld_sent9.json", "overcooked.json", "rover.json", "wall.json"}
	var got []string
	all := map[string][]byte{}
	for k, v := range envs {
		all[k] = v
		got = append(got, k)
	}
	for k, v := range examples {
		all[k] = v
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	for _, name := range got {
		p := filepath.Join(root, name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, all[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test %s -update)", err, "./domains/robot/internal/convert")
		}
		if !bytes.Equal(old, all[name]) {
			t.Errorf("%s differs from the conversion (run go test ./domains/robot/internal/convert -update)", name)
		}
	}
}
