package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// addJSONFlag adds the --json flag every data-printing command carries.
func addJSONFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "json", false, "print machine-readable JSON")
}

func printJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

func printRawJSON(w io.Writer, raw []byte) error {
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// maxInput bounds what plankit reads from one file or stdin.
const maxInput = 256 << 20

// readArg reads a file argument: "-" is stdin, anything else a path.
func readArg(in io.Reader, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = in
	} else {
		fh, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, unwrapPathErr(err))
		}
		defer fh.Close()
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", displayName(name), err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("reading %s: larger than %d MiB", displayName(name), maxInput>>20)
	}
	return b, nil
}

// readInlineOrFile resolves "JSON", "@FILE" and "-".
func readInlineOrFile(in io.Reader, v string) ([]byte, error) {
	switch {
	case v == "-":
		return readArg(in, "-")
	case strings.HasPrefix(v, "@"):
		return readArg(in, v[1:])
	}
	return []byte(v), nil
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr("%s: unexpected argument %q", cmd.CommandPath(), args[0])
	}
	return nil
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErr("%s: want %s, got %d argument(s)", cmd.CommandPath(), what, len(args))
		}
		return nil
	}
}

// writeFileAtomic writes data to path via a temporary file in the same
// directory and a rename, so a failure never leaves a half-written file.
func writeFileAtomic(path string, data []byte) error {
	dir := "."
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir = path[:i+1]
	}
	tmp, err := os.CreateTemp(dir, ".plankit-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathErr(err))
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", path, unwrapPathErr(err))
	}
	return nil
}
