package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/plankit/plankit/tools/builtin"
	"github.com/spf13/cobra"
)

func newSTLCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stl",
		Short: "Signal Temporal Logic: parse and print formulas",
	}
	cmd.AddCommand(newSTLParseCmd(f))
	return cmd
}

func newSTLParseCmd(f *Factory) *cobra.Command {
	var asJSON, prefix bool
	var horizon float64
	cmd := &cobra.Command{
		Use:   "parse FORMULA|@FILE|-",
		Short: "Parse an STL formula and print it canonically",
		Long: `Parse a formula in plankit's infix STL syntax and print it canonically (the
printed form parses back to the same tree), with its atoms; --json prints the
syntax tree too. Syntax:
  region | robot.region | true | false | (φ) | !φ | F[a,b] φ | G[a,b] φ
  | φ U[a,b] φ | φ & φ | φ | φ | φ -> φ | φ <-> φ
Bounds are optional (the whole horizon). With --prefix the argument is an
AutoTAMP pre-order token list such as "['and', 'finally', 'enter(room1)',
'globally', 'not_enter(room2)']", checked for arity as AutoTAMP does; --horizon
gives the value of the bound "infinite". Errors give the column.`,
		Example: `  plankit stl parse "F(master_bedroom & F restroom) & G !living_room"
  plankit stl parse --json "!door1 U key1"
  plankit stl parse --prefix "['until', 'not_enter(room8)', 'enter(room1)']"`,
		Args: exactArgs(1, "one formula (or @FILE, or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := readInlineOrFile(f.IO.In, args[0])
			if err != nil {
				return err
			}
			in := builtin.STLParseInput{Spec: string(text)}
			if prefix {
				in = builtin.STLParseInput{PrefixText: string(text), Horizon: horizon}
			} else if cmd.Flags().Changed("horizon") {
				return usageErr("stl parse: --horizon applies to --prefix lists only")
			}
			if strings.TrimSpace(string(text)) == "" {
				return fmt.Errorf("stl: empty formula")
			}
			out, err := builtin.STLParse(cmd.Context(), in)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(f.IO.Out, out)
			}
			w := bufio.NewWriter(f.IO.Out)
			fmt.Fprintln(w, out.Formula)
			var atoms []string
			for _, a := range out.Atoms {
				if a.Robot != "" {
					atoms = append(atoms, a.Robot+"."+a.Region)
				} else {
					atoms = append(atoms, a.Region)
				}
			}
			if len(atoms) > 0 {
				fmt.Fprintf(w, "atoms: %s\n", strings.Join(atoms, ", "))
			}
			if out.Span != nil {
				fmt.Fprintf(w, "looks ahead: %s\n", robotNum(*out.Span))
			} else {
				fmt.Fprintln(w, "looks ahead: the whole horizon (some operators have no bounds)")
			}
			return w.Flush()
		},
	}
	addJSONFlag(cmd, &asJSON)
	cmd.Flags().BoolVar(&prefix, "prefix", false, "the argument is an AutoTAMP pre-order token list")
	cmd.Flags().Float64Var(&horizon, "horizon", 0, "with --prefix: the value of the bound \"infinite\"")
	return cmd
}
