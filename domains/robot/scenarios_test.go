package robot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestScenariosEmbedded checks that the embedded scenarios are the files
// of testdata/robot byte for byte and that they load.
func TestScenariosEmbedded(t *testing.T) {
	for _, name := range ScenarioNames() {
		want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "robot", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenarioFiles.ReadFile("scenarios/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("domains/robot/scenarios/%s.json differs from testdata/robot/%s.json; copy it again", name, name)
		}
		env, err := Scenario(name)
		if err != nil {
			t.Fatal(err)
		}
		if env.Name != name {
			t.Errorf("scenario %s is named %q", name, env.Name)
		}
	}
	if _, err := Scenario("nowhere"); err == nil {
		t.Error("unknown scenario accepted")
	}
}
