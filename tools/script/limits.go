package script

import (
	"errors"
	"time"
)

// Errors that say which limit stopped a run. Callers branch on them with
// errors.Is; the returned error also names the script position.
var (
	ErrSteps     = errors.New("script: step limit exceeded")
	ErrTimeout   = errors.New("script: timeout")
	ErrOutput    = errors.New("script: output limit exceeded")
	ErrValueSize = errors.New("script: value too large")
	ErrMemory    = errors.New("script: memory limit exceeded")
	ErrDepth     = errors.New("script: call stack too deep")
	ErrSandbox   = errors.New("script: not allowed in the sandbox")
	ErrSyntax    = errors.New("script: syntax error")
	ErrRegister  = errors.New("script: bad tool registration")
	ErrNotFound  = errors.New("script: no such script tool")
)

// Limits bound one run of a script (and each call of a tool it defined).
// A zero field takes its default.
type Limits struct {
	// Steps bounds the abstract execution steps of the interpreter; bulk
	// built-ins (list(), sorted(), join, tool calls, ...) charge extra
	// steps in proportion to the work they do. Default 10,000,000.
	Steps uint64
	// Timeout bounds wall-clock time. Default 10 s.
	Timeout time.Duration
	// MaxOutput bounds what print() may write, in bytes. Default 1 MiB.
	MaxOutput int
	// MaxValue bounds the size of any one value built by a single
	// operation: bytes of a string, elements of a list, tuple, dict or
	// set, and (×8) bits of an integer. Default 4 Mi.
	MaxValue int
	// MaxMemory bounds the growth of the live Go heap during the run, in
	// bytes. It is a process-wide measurement checked every few
	// milliseconds, a backstop behind MaxValue. Default 512 MiB.
	MaxMemory int64
	// MaxDepth bounds the Starlark call stack (recursion). Default 2000.
	MaxDepth int
}

// Defaults used for zero fields of Limits.
const (
	DefaultSteps     = 10_000_000
	DefaultTimeout   = 10 * time.Second
	DefaultMaxOutput = 1 << 20
	DefaultMaxValue  = 4 << 20
	DefaultMaxMemory = 512 << 20
	DefaultMaxDepth  = 2000
)

// maxIntBits bounds integers built by *, pow and int(string): multiplying
// two such numbers stays in the millisecond range.
const maxIntBits = 1 << 20

// maxNesting bounds how deeply values (lists in lists ...) and JSON may
// nest; deeper values are refused before a recursive walk could exhaust
// the Go stack.
const maxNesting = 1000

// withDefaults fills zero fields.
func (l Limits) withDefaults() Limits {
	if l.Steps == 0 {
		l.Steps = DefaultSteps
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.MaxOutput <= 0 {
		l.MaxOutput = DefaultMaxOutput
	}
	if l.MaxValue <= 0 {
		l.MaxValue = DefaultMaxValue
	}
	if l.MaxMemory <= 0 {
		l.MaxMemory = DefaultMaxMemory
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}
