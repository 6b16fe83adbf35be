package cli

import (
	"errors"
	"fmt"
)

// Exit codes, mapped in this one place.
const (
	ExitOK           = 0  // success
	ExitError        = 1  // runtime error: bad input file, failed call, I/O
	ExitNoSolution   = 2  // a solver proved the problem infeasible (lp, csp, travel, robot)
	ExitRejected     = 2  // ask: answered, but a verifier rejected the answer after all guidance rounds
	ExitCannotAnswer = 3  // ask: the model cannot answer the request
	ExitSAT          = 10 // sat solve: satisfiable (SAT-competition convention)
	ExitUNSAT        = 20 // sat solve: unsatisfiable (SAT-competition convention)
	ExitUsage        = 64 // bad flags or arguments (BSD EX_USAGE)
)

// exitError carries an exit code, and optionally no message (for verdicts
// such as SAT/UNSAT that are reported on stdout).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// withCode returns an error that makes plankit exit with code; a nil err
// means the outcome was already printed and nothing goes to stderr.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// usageErr marks err as a usage error (exit 64).
func usageErr(format string, a ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, a...)}
}

// exitCode maps an error returned by a command to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitError
}
