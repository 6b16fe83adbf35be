package cli

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/plankit/plankit/domains/robot/nl"
)

type robotTranslateOptions struct {
	Env     string
	Explain bool
	JSON    bool
}

func newRobotTranslateCmd(f *Factory) *cobra.Command {
	opts := &robotTranslateOptions{}
	cmd := &cobra.Command{
		Use:   "translate --env ENV \"instruction\"",
		Short: "Translate a task in controlled English into STL",
		Long: `Translate a robot task written in controlled English into an STL formula over
the environment's region names, ready for "plankit robot plan --spec" or
"plankit robot check --spec". ENV is an environment file or the name of an
embedded scenario (houseworld, chip1, chip2, chip3, rover, wall, overcooked).

Places are named by region name, kind, function, colour (shades such as
crimson, rosy-hued, mustard-colored and true blue map to the environment's
colours; "a hue resembling red" takes neighbouring colours), size (the smaller
blue room) and synonyms (bathroom/washroom/lavatory, sleeping quarters,
culinary space, eating area, livingroom, chamber/space/area ...). Constructs:
  then, afterwards, followed by, finally     a sequence F(a & F(b & ...))
  avoid, never, don't enter, stay away from  G !a (walls are always avoided)
  stay/linger/remain ... for N seconds       F G[0,N] a
  within N seconds                           F[0,N] a
  before X, visit Y / not X until Y          !X U Y
  end in / conclude in                       F(a & G !others): a is the last region entered
  go to A and stay there                     F G a
  all, every, each, both, two ..., except, neither A nor B
Words the translator does not know are reported, never guessed; so are
phrases that fit several regions (the bathroom, when there are two).

Exit status: 0 with a formula, 1 when the instruction cannot be translated.`,
		Example: `  plankit robot translate --env houseworld "Go to the green bedroom, then the yellow bathroom, and never enter the living room."
  plankit robot translate --env testdata/robot/chip1.json --explain "Reach all the goals, but open each door only after reaching its key."`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("%s: want one instruction (quote it), got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runRobotTranslate(f, opts, args[0]) },
	}
	addJSONFlag(cmd, &opts.JSON)
	fl := cmd.Flags()
	fl.StringVar(&opts.Env, "env", "", "environment JSON file (- for standard input) or scenario name")
	fl.BoolVar(&opts.Explain, "explain", false, "also print how each phrase was read")
	return cmd
}

func runRobotTranslate(f *Factory, opts *robotTranslateOptions, instruction string) error {
	env, err := loadRobotEnv(f, opts.Env)
	if err != nil {
		return err
	}
	res, err := nl.Translate(env, instruction)
	if err != nil {
		return err
	}
	if opts.JSON {
		notes := res.Notes
		if notes == nil {
			notes = []nl.Note{}
		}
		enc := json.NewEncoder(f.IO.Out)
		enc.SetEscapeHTML(false) // keep & and -> readable in formulas
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Formula string    `json:"formula"`
			Notes   []nl.Note `json:"notes"`
		}{res.Text, notes})
	}
	w := bufio.NewWriter(f.IO.Out)
	fmt.Fprintln(w, res.Text)
	if opts.Explain {
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  %q: %s\n", n.Phrase, n.Reading)
		}
	}
	return w.Flush()
}
