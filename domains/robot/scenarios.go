package robot

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

// scenarioFiles are copies of the AutoTAMP scenarios of testdata/robot
// (MIT, see testdata/robot/README.md); a test keeps them identical.
//
//go:embed scenarios/*.json
var scenarioFiles embed.FS

// scenarioNames lists the embedded scenarios in a fixed order.
var scenarioNames = []string{"houseworld", "chip1", "chip2", "chip3", "rover", "wall", "overcooked"}

// ScenarioNames returns the names of the embedded AutoTAMP scenarios:
// houseworld, chip1, chip2, chip3, rover, wall and overcooked.
func ScenarioNames() []string { return slices.Clone(scenarioNames) }

// Scenario returns a fresh copy of the embedded environment of that name
// (see ScenarioNames).
func Scenario(name string) (*Env, error) {
	if !slices.Contains(scenarioNames, name) {
		return nil, fmt.Errorf("robot: unknown scenario %q (known: %s)", name, strings.Join(scenarioNames, ", "))
	}
	data, err := scenarioFiles.ReadFile("scenarios/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("robot: scenario %s: %w", name, err)
	}
	return ParseEnv(data)
}
