package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/plankit/plankit/tools"
	"github.com/spf13/cobra"
)

func newToolsCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tools",
		Short: "List, describe and call the registered tools",
	}
	cmd.AddCommand(newToolsListCmd(f), newToolsDescribeCmd(f), newToolsCallCmd(f), newToolsAddCmd(f), newToolsRemoveCmd(f))
	return cmd
}

// toolJSON is the JSON shape of a tool in "tools list" and "tools describe".
type toolJSON struct {
	Name         string             `json:"name"`
	Description  string             `json:"description"`
	Source       string             `json:"source"`
	InputSchema  *jsonschema.Schema `json:"input_schema"`
	OutputSchema *jsonschema.Schema `json:"output_schema"`
}

func toToolJSON(t *tools.Tool) toolJSON {
	return toolJSON{Name: t.Name, Description: t.Description, Source: t.Source, InputSchema: t.InputSchema, OutputSchema: t.OutputSchema}
}

type toolsListOptions struct {
	JSON bool
}

func newToolsListCmd(f *Factory) *cobra.Command {
	opts := &toolsListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the registered tools",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runToolsList(f, opts) },
	}
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func runToolsList(f *Factory, opts *toolsListOptions) error {
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	list := reg.List()
	if opts.JSON {
		out := make([]toolJSON, len(list))
		for i, t := range list {
			out[i] = toToolJSON(t)
		}
		return printJSON(f.IO.Out, out)
	}
	tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tDESCRIPTION")
	for _, t := range list {
		fmt.Fprintf(tw, "%s\t%s\n", t.Name, firstSentence(t.Description))
	}
	return tw.Flush()
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	if len(s) > 90 {
		cut := strings.LastIndexByte(s[:87], ' ')
		if cut < 40 {
			cut = 87
		}
		s = strings.TrimRight(s[:cut], " ,;:(") + "…"
	}
	return s
}

type toolsDescribeOptions struct {
	JSON bool
	Name string
}

func newToolsDescribeCmd(f *Factory) *cobra.Command {
	opts := &toolsDescribeOptions{}
	cmd := &cobra.Command{
		Use:   "describe NAME",
		Short: "Show a tool's description and its input and output schema",
		Args:  exactArgs(1, "a tool name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runToolsDescribe(f, opts)
		},
		ValidArgsFunction: completeToolNames(f),
	}
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func completeToolNames(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		reg, err := f.Registry()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var names []string
		for _, t := range reg.List() {
			if strings.HasPrefix(t.Name, toComplete) {
				names = append(names, t.Name+"\t"+firstSentence(t.Description))
			}
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

func runToolsDescribe(f *Factory, opts *toolsDescribeOptions) error {
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	t, err := reg.Lookup(opts.Name)
	if err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(f.IO.Out, toToolJSON(t))
	}
	w := f.IO.Out
	fmt.Fprintf(w, "%s (%s)\n\n%s\n\nInput:\n", t.Name, t.Source, t.Description)
	writeFields(w, t.InputSchema)
	if t.OutputSchema != nil {
		fmt.Fprintln(w, "\nOutput:")
		writeFields(w, t.OutputSchema)
	}
	return nil
}

func writeFields(w interface{ Write([]byte) (int, error) }, s *jsonschema.Schema) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	req := map[string]bool{}
	for _, r := range s.Required {
		req[r] = true
	}
	names := s.PropertyOrder
	if len(names) == 0 {
		for n := range s.Properties {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	for _, n := range names {
		p := s.Properties[n]
		if p == nil {
			continue
		}
		flag := "optional"
		if req[n] {
			flag = "required"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", n, schemaType(p), flag, p.Description)
	}
	tw.Flush()
}

func schemaType(s *jsonschema.Schema) string {
	t := tools.SchemaType(s)
	if t == "array" && s.Items != nil {
		return schemaType(s.Items) + "[]"
	}
	if t == "" {
		return "any"
	}
	return t
}

type toolsCallOptions struct {
	Name  string
	Input string
}

func newToolsCallCmd(f *Factory) *cobra.Command {
	opts := &toolsCallOptions{}
	cmd := &cobra.Command{
		Use:   "call NAME --input JSON|@FILE|-",
		Short: "Call a tool with JSON input and print its JSON output",
		Example: `  plankit tools call sat.solve --input '{"clauses":[[1,2],[-1],[-2,3]]}'
  plankit tools call sat.solve --input @problem.json
  echo '{"clauses":[[1]]}' | plankit tools call sat.solve --input -`,
		Args: exactArgs(1, "a tool name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runToolsCall(cmd, f, opts)
		},
		ValidArgsFunction: completeToolNames(f),
	}
	cmd.Flags().StringVarP(&opts.Input, "input", "i", "{}", "input: inline JSON, @FILE, or - for standard input")
	return cmd
}

func runToolsCall(cmd *cobra.Command, f *Factory, opts *toolsCallOptions) error {
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	in, err := readInlineOrFile(f.IO.In, opts.Input)
	if err != nil {
		return err
	}
	out, err := reg.Call(cmd.Context(), opts.Name, json.RawMessage(in))
	if err != nil {
		return err
	}
	return printRawJSON(f.IO.Out, out)
}
