package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/plankit/plankit/domains/puzzles"
	"github.com/spf13/cobra"
)

func newPuzzleCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "puzzle",
		Short: "Symbolic task suite: generate, solve and verify puzzles",
		Long: `The puzzle suite: planning tasks (game24, sudoku, blocksworld, sokoban, …) and
execution tasks (2048, reversi, string rewriting, …). Each task has a seeded
generator with levels 1 (easy) to 3 (hard), an English prompt that states the
answer format, a structured JSON instance, an exact solver and a verifier that
accepts any valid answer. Instances without a solution are reported as such
(exit status 2 for solve).`,
	}
	cmd.AddCommand(newPuzzleListCmd(f), newPuzzleGenCmd(f), newPuzzleSolveCmd(f), newPuzzleVerifyCmd(f))
	return cmd
}

func puzzleTask(name string) (puzzles.Task, error) {
	t, err := puzzles.NewSuite().Task(name)
	if err != nil {
		return nil, usageErr("%v (see 'plankit puzzle list')", err)
	}
	return t, nil
}

func completePuzzleNames(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, t := range puzzles.NewSuite().Tasks() {
		names = append(names, t.Name())
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

type puzzleTaskJSON struct {
	Name        string `json:"name"`
	Family      string `json:"family"`
	Description string `json:"description"`
}

func newPuzzleListCmd(f *Factory) *cobra.Command {
	var asJSON bool
	var family string
	cmd := &cobra.Command{
		Use:   "list [--family planning|execution]",
		Short: "List the tasks of the suite",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var out []puzzleTaskJSON
			for _, t := range puzzles.NewSuite().Tasks() {
				if family == "" || t.Family() == family {
					out = append(out, puzzleTaskJSON{t.Name(), t.Family(), t.Description()})
				}
			}
			if family != "" && len(out) == 0 {
				return usageErr("puzzle list: --family %q: want planning or execution", family)
			}
			if asJSON {
				return printJSON(f.IO.Out, out)
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "TASK\tFAMILY\tDESCRIPTION")
			for _, t := range out {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Family, t.Description)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			_, err := fmt.Fprintf(f.IO.Out, "%d tasks\n", len(out))
			return err
		},
	}
	cmd.Flags().StringVar(&family, "family", "", "only tasks of this family: planning or execution")
	addJSONFlag(cmd, &asJSON)
	return cmd
}

type puzzleGenOptions struct {
	Name  string
	N     int
	Level string
	Seed  uint64
	JSON  bool
}

// puzzleGenJSON is one generated instance.
type puzzleGenJSON struct {
	Task     string          `json:"task"`
	Seed     uint64          `json:"seed"`
	Level    int             `json:"level"`
	Instance json.RawMessage `json:"instance"`
	Prompt   string          `json:"prompt"`
}

// parsePuzzleLevel reads 1|2|3|easy|medium|hard; "mixed" (0) cycles through them.
func parsePuzzleLevel(s string) (int, error) {
	switch strings.ToLower(s) {
	case "1", "easy":
		return puzzles.Easy, nil
	case "2", "medium":
		return puzzles.Medium, nil
	case "3", "hard":
		return puzzles.Hard, nil
	case "mixed", "all", "0":
		return 0, nil
	}
	return 0, fmt.Errorf("%q: want 1 (easy), 2 (medium), 3 (hard) or mixed", s)
}

func newPuzzleGenCmd(f *Factory) *cobra.Command {
	opts := &puzzleGenOptions{}
	cmd := &cobra.Command{
		Use:   "gen NAME [--n N] [--level L] [--seed S] [--json]",
		Short: "Generate seeded instances of a task and print their prompts",
		Long: `Generate N instances of a task with seeds S, S+1, … at a level (1 easy, 2
medium, 3 hard, or mixed: the levels in turn). Text output prints each prompt
under a header line; --json prints a list of {task, seed, level, instance,
prompt} objects.`,
		Example: `  plankit puzzle gen sudoku --level hard
  plankit puzzle gen blocksworld --n 5 --seed 42 --json`,
		Args:              exactArgs(1, "a task name (see 'plankit puzzle list')"),
		ValidArgsFunction: completePuzzleNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runPuzzleGen(f, opts)
		},
	}
	cmd.Flags().IntVar(&opts.N, "n", 1, "how many instances")
	cmd.Flags().StringVar(&opts.Level, "level", "1", "1 (easy), 2 (medium), 3 (hard) or mixed")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the first instance (the others count up)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runPuzzleGen(f *Factory, opts *puzzleGenOptions) error {
	task, err := puzzleTask(opts.Name)
	if err != nil {
		return err
	}
	if opts.N < 1 || opts.N > 100000 {
		return usageErr("puzzle gen: --n %d: want 1 to 100000", opts.N)
	}
	level, err := parsePuzzleLevel(opts.Level)
	if err != nil {
		return usageErr("puzzle gen: --level %v", err)
	}
	var out []puzzleGenJSON
	for i := range opts.N {
		lv := level
		if lv == 0 {
			lv = i%3 + 1
		}
		seed := opts.Seed + uint64(i)
		inst, err := task.Generate(seed, lv)
		if err != nil {
			return err
		}
		prompt, err := task.Prompt(inst)
		if err != nil {
			return err
		}
		out = append(out, puzzleGenJSON{task.Name(), seed, lv, inst, prompt})
	}
	if opts.JSON {
		return printJSON(f.IO.Out, out)
	}
	var b bytes.Buffer
	for i, g := range out {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "### %s seed %d level %d\n%s\n", g.Task, g.Seed, g.Level, g.Prompt)
	}
	_, err = f.IO.Out.Write(b.Bytes())
	return err
}

type puzzleSolveOptions struct {
	Name, Instance, Prompt string
	Timeout                time.Duration
	JSON                   bool
}

// puzzleSolveJSON is the output of puzzle solve --json.
type puzzleSolveJSON struct {
	Task       string          `json:"task"`
	Instance   json.RawMessage `json:"instance"`
	Answer     string          `json:"answer"`
	Structured any             `json:"structured,omitempty"`
	Unsat      bool            `json:"unsat,omitempty"`
	Seconds    float64         `json:"seconds"`
}

func newPuzzleSolveCmd(f *Factory) *cobra.Command {
	opts := &puzzleSolveOptions{}
	cmd := &cobra.Command{
		Use:   "solve NAME --instance JSON|@FILE|- | --prompt TEXT|@FILE|-",
		Short: "Solve an instance given as JSON or as its English prompt",
		Long: `Solve one instance exactly and print the answer in the task's answer format
(--json adds the structured answer and the instance). The instance is the
structured JSON (--instance) or a prompt in the suite's wording (--prompt),
which is parsed back into the instance. An instance without a solution prints
"no solution" and exits with status 2.`,
		Example: `  plankit puzzle solve game24 --instance '{"numbers":[4,7,8,8],"target":24}'
  plankit puzzle gen sokoban --level 2 | plankit puzzle solve sokoban --prompt -`,
		Args:              exactArgs(1, "a task name (see 'plankit puzzle list')"),
		ValidArgsFunction: completePuzzleNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			ctx, cancel, err := timeoutCtx(cmd.Context(), opts.Timeout, "puzzle solve")
			if err != nil {
				return err
			}
			defer cancel()
			task, err := puzzleTask(opts.Name)
			if err != nil {
				return err
			}
			inst, err := readPuzzleInstance(f, task, opts.Instance, opts.Prompt, "puzzle solve")
			if err != nil {
				return err
			}
			start := time.Now()
			sol, err := task.Solve(ctx, inst)
			if err != nil {
				return err
			}
			if opts.JSON {
				err = printJSON(f.IO.Out, puzzleSolveJSON{task.Name(), inst, sol.Answer, sol.Structured, sol.Unsat, time.Since(start).Seconds()})
			} else {
				_, err = fmt.Fprintln(f.IO.Out, sol.Answer)
			}
			if err != nil {
				return err
			}
			if sol.Unsat {
				return withCode(ExitNoSolution, nil)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Instance, "instance", "", "the structured instance: inline JSON, @FILE or - for standard input")
	cmd.Flags().StringVar(&opts.Prompt, "prompt", "", "the instance as a prompt: inline text, @FILE or - for standard input")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "give up after this long (e.g. 10s)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// readPuzzleInstance resolves --instance or --prompt into instance JSON,
// checked by the task.
func readPuzzleInstance(f *Factory, task puzzles.Task, instance, prompt, cmdName string) (json.RawMessage, error) {
	switch {
	case instance != "" && prompt != "":
		return nil, usageErr("%s: give --instance or --prompt, not both", cmdName)
	case instance == "" && prompt == "":
		return nil, usageErr("%s: --instance or --prompt is required", cmdName)
	case prompt != "":
		text, err := readInlineOrFile(f.IO.In, prompt)
		if err != nil {
			return nil, err
		}
		inst, err := task.ParsePrompt(string(text))
		if err != nil {
			return nil, err
		}
		// The parsed instance must also pass the task's checks.
		if _, err := task.Prompt(inst); err != nil {
			return nil, err
		}
		return inst, nil
	}
	data, err := readInlineOrFile(f.IO.In, instance)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	if !json.Valid(data) {
		return nil, fmt.Errorf("--instance: malformed JSON")
	}
	if _, err := task.Prompt(data); err != nil {
		return nil, err
	}
	return data, nil
}

type puzzleVerifyOptions struct {
	Name, Instance, Prompt, Answer string
	JSON                           bool
}

func newPuzzleVerifyCmd(f *Factory) *cobra.Command {
	opts := &puzzleVerifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify NAME --instance JSON|@FILE | --prompt TEXT|@FILE  --answer TEXT|@FILE|-",
		Short: "Judge an answer to an instance",
		Long: `Judge an answer with the task's verifier, which reads answers leniently
(<<<…>>> wrappers, code fences, quotes, brackets, extra whitespace) and accepts
any valid answer; plans must also be shortest where the task asks for it.
Prints "ok" (exit 0) or "rejected: REASON" (exit 1).`,
		Example:           `  plankit puzzle verify game24 --instance '{"numbers":[4,7,8,8],"target":24}' --answer '(7-8/8)*4'`,
		Args:              exactArgs(1, "a task name (see 'plankit puzzle list')"),
		ValidArgsFunction: completePuzzleNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runPuzzleVerify(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Instance, "instance", "", "the structured instance: inline JSON, @FILE or -")
	cmd.Flags().StringVar(&opts.Prompt, "prompt", "", "the instance as a prompt: inline text, @FILE or -")
	cmd.Flags().StringVar(&opts.Answer, "answer", "", "the answer: inline text, @FILE or - (required)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runPuzzleVerify(f *Factory, opts *puzzleVerifyOptions) error {
	task, err := puzzleTask(opts.Name)
	if err != nil {
		return err
	}
	if opts.Answer == "" {
		return usageErr("puzzle verify: --answer is required")
	}
	if opts.Answer == "-" && (opts.Instance == "-" || opts.Prompt == "-") {
		return usageErr("puzzle verify: only one of the inputs can be standard input")
	}
	inst, err := readPuzzleInstance(f, task, opts.Instance, opts.Prompt, "puzzle verify")
	if err != nil {
		return err
	}
	answer, err := readInlineOrFile(f.IO.In, opts.Answer)
	if err != nil {
		return err
	}
	v, err := task.Verify(inst, string(answer))
	if err != nil {
		return err
	}
	if opts.JSON {
		err = printJSON(f.IO.Out, v)
	} else if v.OK {
		_, err = fmt.Fprintln(f.IO.Out, "ok")
	} else {
		_, err = fmt.Fprintln(f.IO.Out, "rejected: "+v.Reason)
	}
	if err != nil {
		return err
	}
	if !v.OK {
		return withCode(ExitError, nil)
	}
	return nil
}

var errNoTasks = errors.New("no tasks selected")

// splitTaskList reads "a,b, c" into names checked against the suite;
// empty means every task.
func splitTaskList(suite *puzzles.Suite, s string) ([]puzzles.Task, error) {
	if strings.TrimSpace(s) == "" {
		return suite.Tasks(), nil
	}
	var out []puzzles.Task
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		t, err := suite.Task(name)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, errNoTasks
	}
	return out, nil
}
