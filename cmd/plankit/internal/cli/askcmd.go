package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/plankit/plankit/agent"
	"github.com/plankit/plankit/tools"
	"github.com/spf13/cobra"
)

type askOptions struct {
	Request string
	Offline bool
	modelFlags
	MaxTurns   int
	Timeout    time.Duration
	Python     bool
	KeepTools  bool
	Transcript string
	Replay     string
	JSON       bool
}

func newAskCmd(f *Factory) *cobra.Command {
	opts := &askOptions{}
	cmd := &cobra.Command{
		Use:   `ask "REQUEST" | -`,
		Short: "Answer a request in plain language with the agent (tools, sandboxed code, exact checks)",
		Long: `Answer a request in plain language. The agent decides per turn whether to answer
directly, call one of plankit's tools, or write code that runs in the Starlark
sandbox (and may register a new tool); it checks candidate answers with exact
verifiers (travel evaluator, STL checker, puzzle verifiers, SAT model check)
and sends their reasons back as guidance when one rejects the answer.

The model is any OpenAI-compatible chat-completions server (--base-url,
--model, --api-key, or PLANKIT_BASE_URL, PLANKIT_MODEL, OPENAI_BASE_URL,
OPENAI_API_KEY); with --offline, or when no model is configured, the offline
deterministic model answers. Each step is shown on stderr as it happens, the
answer goes to stdout, and every run writes a JSONL transcript (--transcript,
default under the user cache dir) that --replay plays back without a model.

Exit codes: 0 answered (and verified where a verifier exists), 2 answered but
rejected by a verifier after all guidance rounds, 3 cannot answer, 1 error
(a cap, the time budget, the model server).`,
		Example: `  plankit ask --offline "What is 123456789 * 987654321?"
  plankit ask --base-url http://localhost:11434/v1 --model qwen2.5 "Is (x1 or x2) and (not x1) satisfiable?"
  echo "Please plan a trip from ..." | plankit ask -
  plankit ask --replay ~/.cache/plankit/transcripts/20261206T013000.000000000Z.jsonl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErr("ask: want one request (quote it) or -, got %d arguments", len(args))
			}
			if len(args) == 0 && opts.Replay == "" {
				return usageErr("ask: want a request (or - to read it from standard input)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Request = args[0]
			}
			return runAsk(cmd.Context(), f, opts, cmd.Flags().Changed("max-turns"))
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Offline, "offline", false, "use the offline deterministic model (no network)")
	opts.modelFlags.add(cmd)
	fl.IntVar(&opts.MaxTurns, "max-turns", agent.DefaultMaxTurns, "cap on model turns")
	fl.DurationVar(&opts.Timeout, "timeout", agent.DefaultTimeout, "time budget of the whole run")
	fl.BoolVar(&opts.Python, "python", false, "run python code blocks that are not valid Starlark with /usr/bin/python3 (weaker isolation)")
	fl.BoolVar(&opts.KeepTools, "keep-tools", false, "persist tools that code registers to the tools directory")
	fl.StringVar(&opts.Transcript, "transcript", "", "write the JSONL transcript here (default: a new file under the user cache dir, plankit/transcripts)")
	fl.StringVar(&opts.Replay, "replay", "", "replay the model replies of a transcript instead of asking a model")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// modelFlags select an OpenAI-compatible server (ask, bench suite).
type modelFlags struct {
	BaseURL, Model, APIKey string
}

func (m *modelFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&m.BaseURL, "base-url", "", "OpenAI-compatible API base URL, e.g. http://localhost:11434/v1 (env PLANKIT_BASE_URL, OPENAI_BASE_URL)")
	fl.StringVar(&m.Model, "model", "", "model name (env PLANKIT_MODEL)")
	fl.StringVar(&m.APIKey, "api-key", "", "API key (env OPENAI_API_KEY)")
}

func (m modelFlags) config() agent.OpenAIConfig {
	return agent.OpenAIConfig{BaseURL: m.BaseURL, Model: m.Model, APIKey: m.APIKey}
}

// noModelConfigured names the flags and variables that configure a model.
const noModelConfigured = "no model configured (--base-url/--model or PLANKIT_BASE_URL/PLANKIT_MODEL)"

// serverModel returns the OpenAI-compatible model that c, completed from
// the environment, configures; ok is false when none is.
func serverModel(c agent.OpenAIConfig) (m agent.Model, name string, ok bool, err error) {
	c = agent.ConfigFromEnv(c)
	if !c.Configured() {
		return nil, "", false, nil
	}
	om, err := agent.NewOpenAI(c)
	if err != nil {
		return nil, "", true, err
	}
	return om, c.Model, true, nil
}

// askModel picks the model: --offline, a configured server, or the
// offline model when none is configured (note says so).
func askModel(reg *tools.Registry, offline bool, c agent.OpenAIConfig) (m agent.Model, name, note string, err error) {
	if offline {
		return agent.NewOffline(reg), "offline", "", nil
	}
	m, name, ok, err := serverModel(c)
	if !ok {
		return agent.NewOffline(reg), "offline", noModelConfigured + ": using the offline model", nil
	}
	if err != nil {
		return nil, "", "", err
	}
	return m, name, "", nil
}

// registerAskTool adds agent.ask to the CLI's registry; the tool uses the
// model configured in the environment (else the offline one).
func registerAskTool(reg *tools.Registry) error {
	return agent.RegisterAskTool(reg, func() (agent.Config, error) {
		m, name, _, err := askModel(reg, false, agent.OpenAIConfig{})
		return agent.Config{Model: m, ModelName: name, Registry: reg}, err
	})
}

func runAsk(ctx context.Context, f *Factory, opts *askOptions, maxTurnsSet bool) error {
	if opts.MaxTurns <= 0 || opts.Timeout <= 0 {
		return usageErr("ask: --max-turns and --timeout must be positive")
	}
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	cfg := agent.Config{Registry: reg, MaxTurns: opts.MaxTurns, Timeout: opts.Timeout, Python: opts.Python,
		KeepTools: opts.KeepTools, Transcript: opts.Transcript}
	if opts.KeepTools {
		if cfg.ToolsDir, err = toolsDir(f); err != nil {
			return usageErr("ask: %v (use --tools-dir)", err)
		}
	}
	request := opts.Request
	switch {
	case opts.Replay != "":
		if request != "" {
			return usageErr("ask: --replay takes the request from the transcript; give no request")
		}
		if opts.Offline || opts.BaseURL != "" || opts.Model != "" {
			return usageErr("ask: --replay needs no model; drop --offline, --base-url and --model")
		}
		fh, err := os.Open(opts.Replay)
		if err != nil {
			return fmt.Errorf("reading %s: %w", opts.Replay, unwrapPathErr(err))
		}
		events, err := agent.ReadTranscript(fh)
		fh.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", opts.Replay, err)
		}
		model, req, caps, err := agent.Replay(events)
		if err != nil {
			return fmt.Errorf("%s: %w", opts.Replay, err)
		}
		request, cfg.Model, cfg.ModelName = req, model, "replay"
		if caps != nil {
			cfg.MaxToolCalls, cfg.MaxCodeRuns, cfg.MaxGuidance = caps.MaxToolCalls, caps.MaxCodeRuns, caps.MaxGuidance
			if cfg.MaxGuidance == 0 {
				cfg.MaxGuidance = -1
			}
			cfg.Python = cfg.Python || caps.Python
			if !maxTurnsSet {
				cfg.MaxTurns = caps.MaxTurns
			}
		}
	default:
		if request == "-" {
			b, err := readArg(f.IO.In, "-")
			if err != nil {
				return err
			}
			request = string(b)
		}
		if strings.TrimSpace(request) == "" {
			return usageErr("ask: empty request")
		}
		var note string
		cfg.Model, cfg.ModelName, note, err = askModel(reg, opts.Offline, opts.modelFlags.config())
		if err != nil {
			return err
		}
		if note != "" {
			fmt.Fprintf(f.IO.ErrOut, "plankit: %s\n", note)
		}
	}
	cfg.Observe = func(e agent.Event) { showStep(f.IO.ErrOut, e) }
	out, err := agent.Run(ctx, cfg, request)
	if out == nil {
		return err
	}
	if opts.JSON {
		if perr := printJSON(f.IO.Out, out); perr != nil {
			return perr
		}
	} else if out.Answer != "" && (out.Status == agent.StatusAnswered || out.Status == agent.StatusRejected) {
		fmt.Fprintln(f.IO.Out, out.Answer)
	}
	if out.Transcript != "" {
		fmt.Fprintf(f.IO.ErrOut, "transcript: %s\n", out.Transcript)
	}
	if err != nil {
		return err
	}
	switch out.Status {
	case agent.StatusAnswered:
		return nil
	case agent.StatusRejected:
		return withCode(ExitRejected, fmt.Errorf("ask: the answer was rejected: %s", out.Message))
	case agent.StatusCannotAnswer:
		return withCode(ExitCannotAnswer, fmt.Errorf("%s", out.Message))
	}
	return withCode(ExitError, fmt.Errorf("ask: %s", out.Message))
}

// showStep prints one event of a run as a progress line.
func showStep(w io.Writer, e agent.Event) {
	switch e.Type {
	case agent.EventModel:
		if e.Message == nil {
			fmt.Fprintf(w, "· turn %d: %s\n", e.Turn, strings.TrimPrefix(e.Error, "agent: "))
			return
		}
		line := fmt.Sprintf("· turn %d: %s", e.Turn, agent.RouteOf(*e.Message))
		if e.Message.Reason != "" {
			line += " — " + e.Message.Reason
		}
		fmt.Fprintf(w, "%s (%s)\n", line, millis(e.DurationMS))
	case agent.EventFallback:
		fmt.Fprintf(w, "· %s\n", e.Content)
	case agent.EventTool:
		name := e.Tool
		if name == "" {
			name = "(malformed tool block)"
		}
		if e.Error != "" {
			fmt.Fprintf(w, "    tool %s: %s\n", name, clipLine(e.Error, 160))
			return
		}
		fmt.Fprintf(w, "    tool %s (%s): ok, %d bytes\n", name, millis(e.DurationMS), len(e.Output))
	case agent.EventCode:
		text := e.Text()
		status := fmt.Sprintf("%d line(s) of output", strings.Count(text, "\n"))
		if e.Error != "" {
			status = clipLine(e.Error, 160)
		}
		fmt.Fprintf(w, "    code %s (%s): %s\n", e.Engine, millis(e.DurationMS), status)
		for _, n := range e.Registered {
			fmt.Fprintf(w, "    registered tool %s\n", n)
		}
	case agent.EventKept:
		if e.Error != "" {
			fmt.Fprintf(w, "    tool %s not kept: %s\n", e.Tool, e.Error)
			return
		}
		fmt.Fprintf(w, "    kept tool %s → %s\n", e.Tool, e.Content)
	case agent.EventNote:
		fmt.Fprintf(w, "    %s\n", clipLine(e.Content, 160))
	case agent.EventCheck:
		if e.Applies == nil || !*e.Applies || e.OK == nil {
			return
		}
		if *e.OK {
			fmt.Fprintf(w, "    check %s: ok — %s\n", e.Check, e.Content)
			return
		}
		fmt.Fprintf(w, "    check %s: rejected — %s\n", e.Check, clipLine(strings.Join(e.Reasons, "; "), 200))
	case agent.EventGuidance:
		fmt.Fprintf(w, "    guidance round %d sent\n", e.Round)
	case agent.EventEnd:
		fmt.Fprintf(w, "· %s after %d turn(s), %d tool call(s), %d code run(s) in %s (model %s)\n",
			e.Status, e.Turns, e.ToolCalls, e.CodeRuns, millis(e.DurationMS), millis(e.ModelMS))
	}
}

func millis(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%.1f s", v/1000)
	}
	return fmt.Sprintf("%.0f ms", v)
}

func clipLine(s string, n int) string {
	s = oneLine(s)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
