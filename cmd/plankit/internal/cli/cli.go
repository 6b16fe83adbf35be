package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"

	"github.com/plankit/plankit/domains/travel"
	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

// IOStreams are the standard streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// System returns the process's standard streams.
func System() IOStreams { return IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr} }

// Factory carries what commands share: streams, version and how to build
// the tool registry.
type Factory struct {
	IO      IOStreams
	Version string
	// Registry builds the tool registry; commands call it lazily so that
	// commands which need no tools start fast.
	Registry func() (*tools.Registry, error)

	// DBDir and Flights select the travel database (--db, --flights).
	DBDir   string
	Flights string
	// TravelDB loads the selected travel database once.
	TravelDB func() (*travel.DB, error)

	// ToolsDir is the directory of persisted script tools (--tools-dir);
	// empty means the default (see script.DefaultDir).
	ToolsDir string
}

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// NewFactory returns the default factory over streams.
func NewFactory(s IOStreams) *Factory {
	f := &Factory{IO: s, Version: version(), Flights: "all"}
	f.TravelDB = sync.OnceValues(func() (*travel.DB, error) {
		mode, err := travel.ParseFlightsMode(f.Flights)
		if err != nil {
			return nil, usageErr("--flights: %v", err)
		}
		if f.DBDir != "" {
			return travel.LoadDir(f.DBDir, travel.LoadOptions{Flights: mode})
		}
		return travel.Default(travel.LoadOptions{Flights: mode})
	})
	f.Registry = sync.OnceValues(func() (*tools.Registry, error) {
		reg, err := builtin.New(builtin.Options{TravelDB: f.TravelDB})
		if err != nil {
			return nil, err
		}
		loadScriptTools(f, reg)
		if err := registerAskTool(reg); err != nil {
			return nil, err
		}
		return reg, nil
	})
	return f
}

// Main runs plankit with args and returns the exit code. Errors are printed
// as one line on stderr.
func Main(ctx context.Context, args []string, s IOStreams) int {
	return Run(ctx, NewFactory(s), args)
}

// Run executes the command tree built on f.
func Run(ctx context.Context, f *Factory, args []string) int {
	root := NewRootCmd(f)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		var ee *exitError
		if !errors.As(err, &ee) || ee.err != nil {
			fmt.Fprintf(f.IO.ErrOut, "plankit: %s\n", oneLine(err.Error()))
		}
		if strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") {
			return ExitUsage
		}
	}
	return exitCode(err)
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "\r", "")
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// NewRootCmd builds the plankit command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "plankit",
		Short: "Exact planning: SAT, constraints, graphs, LP, geometry, travel and robot plans",
		Long: `plankit solves planning problems exactly. Its solvers are typed tools in one
registry, callable from this CLI, from an MCP server ("plankit mcp") and by scripts.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       f.Version,
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr("%s: %v (see '%s --help')", c.CommandPath(), err, c.CommandPath())
	})
	root.PersistentFlags().StringVar(&f.DBDir, "db", os.Getenv("PLANKIT_TRAVEL_DB"), "travel database directory in TravelPlanner's layout (default: the embedded database; env PLANKIT_TRAVEL_DB)")
	root.PersistentFlags().StringVar(&f.Flights, "flights", "all", "flights of the embedded travel database: real, synthetic or all")
	root.PersistentFlags().StringVar(&f.ToolsDir, "tools-dir", os.Getenv("PLANKIT_TOOLS_DIR"), "directory of persisted script tools (default: plankit/tools in the user config dir; env PLANKIT_TOOLS_DIR)")
	root.AddCommand(
		newVersionCmd(f),
		newTravelCmd(f),
		newToolsCmd(f),
		newSATCmd(f),
		newCSPCmd(f),
		newLPCmd(f),
		newGraphCmd(f),
		newGeomCmd(f),
		newRobotCmd(f),
		newSTLCmd(f),
		newMCPCmd(f),
		newPuzzleCmd(f),
		newBenchCmd(f),
		newRunCmd(f),
		newAskCmd(f),
	)
	return root
}

func newVersionCmd(f *Factory) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print plankit's version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if asJSON {
				return printJSON(f.IO.Out, map[string]string{"version": f.Version})
			}
			_, err := fmt.Fprintf(f.IO.Out, "plankit %s\n", f.Version)
			return err
		},
	}
	addJSONFlag(cmd, &asJSON)
	return cmd
}

// InterruptContext returns a context cancelled by the first SIGINT or
// SIGTERM, so that long commands stop cleanly (transcripts and output
// files are finished or removed, never left half-written); a second
// signal gets the default behaviour and ends the process at once.
func InterruptContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}
