package sat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrDIMACS is wrapped by every DIMACS parse error.
var ErrDIMACS = errors.New("dimacs")

// ParseError locates a DIMACS syntax error.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("dimacs: line %d: %s", e.Line, e.Msg) }

// Unwrap lets errors.Is(err, ErrDIMACS) hold.
func (e *ParseError) Unwrap() error { return ErrDIMACS }

// ReadDIMACS parses DIMACS CNF. It requires the "p cnf V C" header before the
// first clause, checks every literal against V and the clause count against C,
// accepts clauses spread over several lines and comment lines anywhere, and
// stops at a line starting with "%" (as in the SATLIB benchmark files).
func ReadDIMACS(r io.Reader) (*Formula, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	f := New()
	var (
		line      int
		header    bool
		nv, nc    int
		cur       []Lit
		headerLn  int
		clauseBeg int
	)
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == 'c' {
			continue
		}
		if text[0] == '%' {
			break
		}
		if text[0] == 'p' {
			if header {
				return nil, &ParseError{line, fmt.Sprintf("second problem line (first on line %d)", headerLn)}
			}
			fs := strings.Fields(text)
			if len(fs) != 4 || fs[0] != "p" || fs[1] != "cnf" {
				return nil, &ParseError{line, fmt.Sprintf("problem line %q: want \"p cnf VARS CLAUSES\"", clip(text))}
			}
			var err error
			if nv, err = strconv.Atoi(fs[2]); err != nil || nv < 0 || nv > MaxVars {
				return nil, &ParseError{line, fmt.Sprintf("variable count %q: want an integer in 0..%d", clip(fs[2]), MaxVars)}
			}
			if nc, err = strconv.Atoi(fs[3]); err != nil || nc < 0 || nc > 1<<31 {
				return nil, &ParseError{line, fmt.Sprintf("clause count %q: want a non-negative integer", clip(fs[3]))}
			}
			header, headerLn = true, line
			f.EnsureVars(nv)
			continue
		}
		if !header {
			return nil, &ParseError{line, "clause before the \"p cnf\" problem line"}
		}
		for _, tok := range strings.Fields(text) {
			v, err := strconv.Atoi(tok)
			if err != nil {
				return nil, &ParseError{line, fmt.Sprintf("bad literal %q", clip(tok))}
			}
			if v == 0 {
				if len(f.clauses) >= nc {
					return nil, &ParseError{line, fmt.Sprintf("more clauses than the %d declared on line %d", nc, headerLn)}
				}
				f.AddClause(cur...)
				cur = cur[:0]
				continue
			}
			if v > nv || -v > nv {
				return nil, &ParseError{line, fmt.Sprintf("literal %d exceeds the %d variables declared on line %d", v, nv, headerLn)}
			}
			if len(cur) == 0 {
				clauseBeg = line
			}
			cur = append(cur, Lit(v))
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &ParseError{line + 1, "line longer than 16 MiB"}
		}
		return nil, fmt.Errorf("dimacs: read: %w", err)
	}
	if !header {
		return nil, &ParseError{line, "no \"p cnf\" problem line"}
	}
	if len(cur) > 0 {
		return nil, &ParseError{clauseBeg, "last clause is not terminated by 0"}
	}
	if len(f.clauses) != nc {
		return nil, &ParseError{line, fmt.Sprintf("found %d clauses, but line %d declares %d", len(f.clauses), headerLn, nc)}
	}
	return f, nil
}

// WriteDIMACS writes f as DIMACS CNF, with a comment line per named variable.
func WriteDIMACS(w io.Writer, f *Formula) error {
	bw := bufio.NewWriter(w)
	for v := 1; v <= f.nvars; v++ {
		if name := f.varName[v]; name != "" {
			fmt.Fprintf(bw, "c var %d %s\n", v, strconv.Quote(name))
		}
	}
	fmt.Fprintf(bw, "p cnf %d %d\n", f.nvars, len(f.clauses))
	buf := make([]byte, 0, 64)
	for _, c := range f.clauses {
		buf = buf[:0]
		for _, l := range c {
			buf = strconv.AppendInt(buf, int64(l), 10)
			buf = append(buf, ' ')
		}
		buf = append(buf, '0', '\n')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("dimacs: write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("dimacs: write: %w", err)
	}
	return nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
