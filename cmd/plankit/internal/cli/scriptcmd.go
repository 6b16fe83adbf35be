package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/script"
	"github.com/spf13/cobra"
)

// toolsDir resolves --tools-dir / PLANKIT_TOOLS_DIR / the default.
func toolsDir(f *Factory) (string, error) {
	if f.ToolsDir != "" {
		return f.ToolsDir, nil
	}
	return script.DefaultDir()
}

// loadScriptTools installs the persisted script tools into reg; a broken
// file is skipped with a one-line warning.
func loadScriptTools(f *Factory, reg *tools.Registry) {
	dir, err := toolsDir(f)
	if err != nil {
		return // no config dir: no persisted tools
	}
	store := &script.Store{Dir: dir}
	r := script.New(reg, script.Limits{})
	store.Load(context.Background(), r, func(path string, err error) {
		fmt.Fprintf(f.IO.ErrOut, "plankit: warning: skipping script tool %s: %s\n", path, oneLine(err.Error()))
	})
}

type runOptions struct {
	File      string
	Steps     uint64
	Timeout   time.Duration
	MaxOutput int
	Python    bool
	JSON      bool
}

func newRunCmd(f *Factory) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run FILE.star|-",
		Short: "Run a Starlark script in the sandbox (or Python with --python) and print its output",
		Long: `Run a Starlark script in plankit's sandbox and print what it prints.

Scripts call every registered tool as tools.call("sat.solve", {...}) or
tools.sat_solve(...), and may define new tools with register_tool (persist
them with "plankit tools add"). Runs are deterministic and bounded: no file,
network, environment, clock or process access; a step budget, a wall-clock
timeout, an output cap and size limits on values.

With --python the file is run by /usr/bin/python3 -I in a temporary directory
under rlimits and without network where possible: weaker isolation, for code
that needs real Python.`,
		Example: `  plankit run testdata/scripts/hello.star
  echo 'print(tools.sat_solve(clauses=[[1, 2], [-1]]))' | plankit run -
  plankit run --python solve.py --timeout 5s`,
		Args: exactArgs(1, "a script file or -"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runRun(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().Uint64Var(&opts.Steps, "steps", script.DefaultSteps, "Starlark execution step budget")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", script.DefaultTimeout, "wall-clock limit")
	cmd.Flags().IntVar(&opts.MaxOutput, "max-output", script.DefaultMaxOutput, "output cap in bytes")
	cmd.Flags().BoolVar(&opts.Python, "python", false, "run the file with the python executor instead of Starlark")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// runJSON is the --json shape of "plankit run".
type runJSON struct {
	Output     string   `json:"output"`
	Steps      uint64   `json:"steps,omitempty"`
	Registered []string `json:"registered,omitempty"`
	ExitCode   *int     `json:"exit_code,omitempty"`
	Error      string   `json:"error,omitempty"`
}

func runRun(ctx context.Context, f *Factory, opts *runOptions) error {
	if opts.Steps == 0 || opts.Timeout <= 0 || opts.MaxOutput <= 0 {
		return usageErr("run: --steps, --timeout and --max-output must be positive")
	}
	src, err := readArg(f.IO.In, opts.File)
	if err != nil {
		return err
	}
	if opts.Python {
		res, err := script.RunPython(ctx, string(src), script.PythonLimits{Timeout: opts.Timeout, MaxOutput: opts.MaxOutput})
		if opts.JSON {
			out := runJSON{Output: res.Output, ExitCode: &res.ExitCode}
			if err != nil {
				out.Error = err.Error()
			}
			if perr := printJSON(f.IO.Out, out); perr != nil {
				return perr
			}
			if err != nil {
				return withCode(ExitError, nil)
			}
			return nil
		}
		fmt.Fprint(f.IO.Out, res.Output)
		return err
	}
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	r := script.New(reg, script.Limits{Steps: opts.Steps, Timeout: opts.Timeout, MaxOutput: opts.MaxOutput})
	name := opts.File
	if name == "-" {
		name = "<stdin>"
	}
	res, err := r.Run(ctx, name, string(src))
	var names []string
	for _, d := range res.Registered {
		names = append(names, d.Name)
	}
	if opts.JSON {
		out := runJSON{Output: res.Output, Steps: res.Steps, Registered: names}
		if err != nil {
			out.Error = err.Error()
		}
		if perr := printJSON(f.IO.Out, out); perr != nil {
			return perr
		}
		if err != nil {
			return withCode(ExitError, nil)
		}
		return nil
	}
	fmt.Fprint(f.IO.Out, res.Output)
	if err != nil {
		return err
	}
	if len(names) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "plankit: the script registered %s (not kept: use 'plankit tools add %s')\n", strings.Join(names, ", "), opts.File)
	}
	return nil
}

type toolsAddOptions struct {
	File    string
	Replace bool
	JSON    bool
}

func newToolsAddCmd(f *Factory) *cobra.Command {
	opts := &toolsAddOptions{}
	cmd := &cobra.Command{
		Use:   "add FILE.star|-",
		Short: "Validate, test-run and persist a script tool",
		Long: `Run a Starlark script that registers exactly one tool with register_tool, run
the tool on the examples it declares, and save the script in the tools
directory as NAME.star (atomically). Persisted tools are loaded at every
start and appear in "tools list", "tools call" and "plankit mcp".
Built-in tools cannot be shadowed; an existing script tool is replaced only
with --replace.`,
		Example: `  plankit tools add testdata/scripts/nqueens.star
  plankit tools call puzzle.nqueens_sat --input '{"n": 8}'`,
		Args: exactArgs(1, "a script file or -"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runToolsAdd(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Replace, "replace", false, "replace a script tool of the same name")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runToolsAdd(ctx context.Context, f *Factory, opts *toolsAddOptions) error {
	dir, err := toolsDir(f)
	if err != nil {
		return usageErr("tools add: %v (use --tools-dir)", err)
	}
	src, err := readArg(f.IO.In, opts.File)
	if err != nil {
		return err
	}
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	source := opts.File
	if source == "-" {
		source = "<stdin>.star"
	}
	r := script.New(reg, script.Limits{})
	d, err := script.Define(ctx, r, "", source, string(src))
	if err != nil {
		return err
	}
	if old, err := reg.Lookup(d.Name); err == nil {
		if !opts.Replace {
			return fmt.Errorf("tools add: tool %q already exists (%s); use --replace", d.Name, old.Source)
		}
	}
	outs, err := d.Test(ctx)
	if err != nil {
		return fmt.Errorf("tools add: %s: %w", d.Name, err)
	}
	store := &script.Store{Dir: dir}
	path, err := store.Save(d.Name, src)
	if err != nil {
		return err
	}
	reg.Remove(d.Name)
	d.Source = path
	if err := r.Install(d); err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(f.IO.Out, map[string]any{"name": d.Name, "path": path, "examples": len(outs)})
	}
	_, err = fmt.Fprintf(f.IO.Out, "added %s (%d example(s) passed) → %s\n", d.Name, len(outs), path)
	return err
}

func newToolsRemoveCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Delete a persisted script tool",
		Args:  exactArgs(1, "a tool name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runToolsRemove(f, args[0])
		},
		ValidArgsFunction: completeToolNames(f),
	}
}

func runToolsRemove(f *Factory, name string) error {
	dir, err := toolsDir(f)
	if err != nil {
		return usageErr("tools remove: %v (use --tools-dir)", err)
	}
	if reg, err := f.Registry(); err == nil {
		if t, err := reg.Lookup(name); err == nil && t.Source == "builtin" {
			return fmt.Errorf("tools remove: %q is a built-in tool and cannot be removed", name)
		}
	}
	store := &script.Store{Dir: dir}
	if err := store.Remove(name); err != nil {
		if errors.Is(err, script.ErrNotFound) {
			return fmt.Errorf("tools remove: no script tool %q in %s", name, dir)
		}
		return err
	}
	_, err = fmt.Fprintf(f.IO.Out, "removed %s\n", name)
	return err
}
