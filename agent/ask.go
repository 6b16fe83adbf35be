package agent

import (
	"context"
	"errors"
	"fmt"

	"github.com/plankit/plankit/tools"
)

// AskToolName is the name of the tool that delegates a request to the
// agent.
const AskToolName = "agent.ask"

// AskInput is the input of agent.ask.
type AskInput struct {
	Request  string `json:"request" jsonschema:"the request in plain language (a travel query, a robot instruction, a puzzle prompt, a computation, a question about plankit)"`
	MaxTurns int    `json:"max_turns,omitempty" jsonschema:"cap on model turns (default 8)"`
}

// AskOutput is the output of agent.ask.
type AskOutput struct {
	Status     string    `json:"status" jsonschema:"answered, rejected (a verifier rejected the answer after all guidance rounds), cannot_answer or error"`
	Answer     string    `json:"answer,omitempty" jsonschema:"the final answer"`
	Message    string    `json:"message,omitempty" jsonschema:"why there is no answer (cannot_answer, error)"`
	Verified   bool      `json:"verified" jsonschema:"true when an exact verifier accepted the answer"`
	Verdicts   []Verdict `json:"verdicts,omitempty" jsonschema:"the checks' verdicts on the final answer"`
	Routes     []Step    `json:"routes" jsonschema:"the route of each model turn (answer, tool, code, none) and why"`
	Transcript string    `json:"transcript,omitempty" jsonschema:"path of the JSONL transcript of the run"`
}

// RegisterAskTool adds agent.ask to reg: it runs the agent on a request
// with the configuration config returns (its Registry defaults to reg;
// agent.ask itself is never offered to the model, and refuses to run
// inside an agent run).
func RegisterAskTool(reg *tools.Registry, config func() (Config, error)) error {
	if config == nil {
		return errors.New("agent: RegisterAskTool: nil configuration function")
	}
	return tools.Add(reg, AskToolName,
		"Delegate a request in plain language to plankit's agent, which decides between answering, calling tools and writing sandboxed code, checks the answer with exact verifiers where one exists and returns it with the verdicts and the route taken.",
		func(ctx context.Context, in AskInput) (AskOutput, error) {
			if Running(ctx) {
				return AskOutput{}, fmt.Errorf("%s cannot be called from inside an agent run", AskToolName)
			}
			cfg, err := config()
			if err != nil {
				return AskOutput{}, err
			}
			if cfg.Registry == nil {
				cfg.Registry = reg
			}
			if in.MaxTurns < 0 {
				return AskOutput{}, errors.New("max_turns must not be negative")
			}
			if in.MaxTurns > 0 {
				cfg.MaxTurns = in.MaxTurns
			}
			out, err := Run(ctx, cfg, in.Request)
			if out == nil {
				return AskOutput{}, err
			}
			return AskOutput{Status: out.Status, Answer: out.Answer, Message: out.Message, Verified: out.Verified,
				Verdicts: out.Verdicts, Routes: out.Routes, Transcript: out.Transcript}, nil
		})
}
