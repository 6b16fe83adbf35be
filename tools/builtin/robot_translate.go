package builtin

import (
	"context"
	"errors"

	"github.com/plankit/plankit/domains/robot/nl"
	"github.com/plankit/plankit/tools"
)

// RobotTranslateInput is the input of robot.translate.
type RobotTranslateInput struct {
	Env         any    `json:"env,omitempty" jsonschema:"the environment as a JSON object (as for robot.check), a JSON string holding one, or the name of an embedded AutoTAMP scenario: houseworld, chip1, chip2, chip3, rover, wall, overcooked"`
	Instruction string `json:"instruction" jsonschema:"the task in controlled English, e.g. Go to the green bedroom, then the yellow bathroom, and never enter the living room."`
}

// RobotTranslateOutput is the output of robot.translate.
type RobotTranslateOutput struct {
	Formula      string    `json:"formula,omitempty" jsonschema:"the task as STL in plankit's infix syntax over the environment's region names (pass it to robot.plan or robot.check as spec); empty when the instruction could not be translated"`
	Notes        []nl.Note `json:"notes,omitempty" jsonschema:"how each phrase was read: the regions it names and why, and the constraint each construct became"`
	Error        string    `json:"error,omitempty" jsonschema:"why the instruction could not be translated: unknown words, a phrase that fits several regions or none, or a request STL cannot state here; rephrase and try again"`
	UnknownWords []string  `json:"unknown_words,omitempty" jsonschema:"the words that are neither places, colours nor instruction words of this environment"`
}

// RobotTranslate is robot.translate.
func RobotTranslate(ctx context.Context, in RobotTranslateInput) (RobotTranslateOutput, error) {
	if in.Env == nil {
		return RobotTranslateOutput{}, errors.New("env: required (an environment or a scenario name)")
	}
	env, err := envArg(in.Env)
	if err != nil {
		return RobotTranslateOutput{}, err
	}
	res, err := nl.Translate(env, in.Instruction)
	if err != nil {
		out := RobotTranslateOutput{Error: err.Error()}
		var uw *nl.UnknownWordsError
		if errors.As(err, &uw) {
			out.UnknownWords = uw.Words
		}
		return out, nil
	}
	return RobotTranslateOutput{Formula: res.Text, Notes: res.Notes}, nil
}

func registerRobotTranslate(r *tools.Registry) error {
	return tools.Add(r, "robot.translate",
		"Translate a robot task in controlled English (go to, then, avoid, never, stay for N seconds, within N seconds, before X visit Y, do not enter X until Y, all/every/both/each ... except, colours and shades, room synonyms) into STL over an environment's region names, with a note on how each phrase was read; unknown words and ambiguous phrases are reported, never guessed.",
		RobotTranslate)
}
