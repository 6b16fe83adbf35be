package script

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/plankit/plankit/tools"
	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// fileOptions are the dialect: Python-like while loops, recursion, sets,
// top-level statements and global reassignment are on.
var fileOptions = syntax.FileOptions{
	Set:             true,
	While:           true,
	TopLevelControl: true,
	GlobalReassign:  true,
	Recursion:       true,
}

// checkEvery is how many steps run between checkpoints (step budget and
// call depth).
const checkEvery = 1024

// grace is how long a cancelled run may take to reach its next step
// before Run gives up on it (a single long built-in cannot be
// interrupted).
const grace = time.Second

// maxToolNesting bounds script tools calling tools that are scripts.
const maxToolNesting = 8

// Runner runs Starlark scripts in the sandbox. Scripts see every tool of
// its registry as tools.call("name", {...}) and tools.name_with_underscores(...).
// A Runner is safe for concurrent use.
type Runner struct {
	reg         *tools.Registry
	limits      Limits
	predeclared starlark.StringDict
}

// New returns a runner whose scripts call the tools of reg (which may be
// nil: no tools) under limits (zero fields take the defaults).
func New(reg *tools.Registry, limits Limits) *Runner {
	if reg == nil {
		reg = tools.NewRegistry()
	}
	r := &Runner{reg: reg, limits: limits.withDefaults()}
	r.predeclared = predeclared(reg)
	return r
}

// Limits returns the runner's limits with defaults filled in.
func (r *Runner) Limits() Limits { return r.limits }

// Registry returns the registry scripts call.
func (r *Runner) Registry() *tools.Registry { return r.reg }

// Result is what a run produced.
type Result struct {
	// Output is what the script printed (up to Limits.MaxOutput bytes).
	Output string
	// Registered are the tools the script registered with register_tool,
	// in order. They are not yet in the registry: see Runner.Install.
	Registered []*ToolDef
	// Steps is the number of execution steps used.
	Steps uint64
}

// Error is a script failure: a syntax error, a runtime error or a limit.
// Its message is one line; Backtrace has the Starlark call stack.
type Error struct {
	// Pos is "file:line:col" where the script failed, when known.
	Pos string
	// Err is the cause; errors.Is finds the package's sentinels in it.
	Err error
	// Backtrace is Starlark's traceback, when the failure was at run time.
	Backtrace string
}

func (e *Error) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "script: ")
	if e.Pos == "" {
		return "script: " + msg
	}
	return "script: " + e.Pos + ": " + msg
}

func (e *Error) Unwrap() error { return e.Err }

// Run compiles and runs src (name is used in messages and as the Source
// of the tools it registers) and returns its output. On failure the
// Result still holds the output printed so far.
func (r *Runner) Run(ctx context.Context, name, src string) (Result, error) {
	prog, err := compile(name, src, r.predeclared)
	if err != nil {
		return Result{}, err
	}
	st := r.newState(true, name, src)
	steps, err := r.execute(ctx, st, func(th *starlark.Thread) error {
		g, err := prog.Init(th, r.predeclared)
		if err != nil {
			return err
		}
		for k, v := range g {
			if nestingDepth(v, maxNesting) {
				return fmt.Errorf("%w: global %s nests values more than %d deep", ErrValueSize, k, maxNesting)
			}
		}
		g.Freeze()
		for _, d := range st.registered {
			d.fn.Freeze()
		}
		return nil
	})
	res := Result{Output: st.output(), Steps: steps}
	if err != nil {
		return res, err
	}
	res.Registered = st.registered
	return res, nil
}

// Install adds a registered tool to the runner's registry.
func (r *Runner) Install(d *ToolDef) error { return r.reg.Register(d.Tool()) }

// compile parses, checks, instruments and compiles src.
func compile(name, src string, predeclared starlark.StringDict) (*starlark.Program, error) {
	opts := fileOptions
	f, err := opts.Parse(name, src, 0)
	if err != nil {
		return nil, syntaxErr(err)
	}
	for _, s := range f.Stmts {
		if l, ok := s.(*syntax.LoadStmt); ok {
			return nil, &Error{Pos: l.Load.String(), Err: fmt.Errorf("%w: load() is disabled", ErrSandbox)}
		}
	}
	instrument(f)
	prog, err := starlark.FileProgram(f, predeclared.Has)
	if err != nil {
		return nil, syntaxErr(err)
	}
	return prog, nil
}

// sandboxNames are names a script might reach for to escape; the resolver
// reports them as undefined, and the message says why.
var sandboxNames = map[string]bool{
	"os": true, "sys": true, "open": true, "time": true, "subprocess": true, "socket": true,
	"eval": true, "exec": true, "__import__": true, "globals": true, "input": true, "file": true,
	"environ": true, "getenv": true, "random": true, "io": true, "pathlib": true, "shutil": true,
}

func syntaxErr(err error) error {
	var pos syntax.Position
	msg := err.Error()
	var se syntax.Error
	var list resolve.ErrorList
	switch {
	case errors.As(err, &se):
		pos, msg = se.Pos, se.Msg
	case errors.As(err, &list) && len(list) > 0:
		pos, msg = list[0].Pos, list[0].Msg
		if len(list) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(list)-1)
		}
	}
	cause := ErrSyntax
	if name, ok := strings.CutPrefix(msg, "undefined: "); ok && sandboxNames[strings.Fields(name + " x")[0]] {
		msg += " (no file, network, environment, clock or process access in the sandbox)"
		cause = ErrSandbox
	}
	if strings.Contains(msg, "got import") || strings.Contains(msg, "got from") {
		msg += " (there is no import: the math and json modules and the tools object are predeclared)"
		cause = ErrSandbox
	}
	if strings.Contains(msg, "got '**'") {
		msg += " (Starlark has no ** operator: use pow(x, n))"
	}
	e := &Error{Err: fmt.Errorf("%w: %s", cause, msg)}
	if pos.IsValid() {
		e.Pos = pos.String()
	}
	return e
}

// runState is the per-thread state the built-ins reach through the
// thread; it lets the predeclared environment be shared and frozen.
type runState struct {
	lim      Limits
	reg      *tools.Registry
	runner   *Runner
	ctx      context.Context
	out      bytes.Buffer
	register bool // register_tool is allowed (a script's top level)
	name     string
	src      string

	registered []*ToolDef

	mu    sync.Mutex
	fired error // the limit that cancelled the thread
}

const stateKey = "plankit.script.state"

func (r *Runner) newState(register bool, name, src string) *runState {
	return &runState{lim: r.limits, reg: r.reg, runner: r, register: register, name: name, src: src}
}

func stateOf(th *starlark.Thread) *runState {
	st, _ := th.Local(stateKey).(*runState)
	return st
}

// fire records the limit that stops the run and cancels the thread.
func (st *runState) fire(th *starlark.Thread, err error) {
	st.mu.Lock()
	if st.fired == nil {
		st.fired = err
	}
	st.mu.Unlock()
	th.Cancel(err.Error())
}

func (st *runState) firedErr() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.fired
}

// checkpoint runs every checkEvery steps.
func (st *runState) checkpoint(th *starlark.Thread) {
	if th.Steps >= st.lim.Steps {
		st.fire(th, fmt.Errorf("%w: more than %d steps", ErrSteps, st.lim.Steps))
		return
	}
	if d := th.CallStackDepth(); d > st.lim.MaxDepth {
		st.fire(th, fmt.Errorf("%w: more than %d nested calls", ErrDepth, st.lim.MaxDepth))
		return
	}
	th.SetMaxExecutionSteps(min(th.Steps+checkEvery, st.lim.Steps))
}

// charge adds n steps for work done inside a built-in and fails once the
// budget is spent.
func charge(th *starlark.Thread, n uint64) error {
	th.Steps += n
	st := stateOf(th)
	if st != nil && th.Steps >= st.lim.Steps {
		err := fmt.Errorf("%w: more than %d steps", ErrSteps, st.lim.Steps)
		st.fire(th, err)
		return err
	}
	return nil
}

// output returns what was printed so far.
func (st *runState) output() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.out.String()
}

// write appends printed text, up to the output limit.
func (st *runState) write(th *starlark.Thread, s string) error {
	st.mu.Lock()
	room := st.lim.MaxOutput - st.out.Len()
	if len(s) <= room {
		st.out.WriteString(s)
		st.mu.Unlock()
		return nil
	}
	st.out.WriteString(s[:max(room, 0)])
	st.mu.Unlock()
	err := fmt.Errorf("%w: more than %d bytes printed", ErrOutput, st.lim.MaxOutput)
	st.fire(th, err)
	return err
}

// execute runs body on a fresh thread under the limits and turns what
// went wrong into an *Error.
func (r *Runner) execute(ctx context.Context, st *runState, body func(*starlark.Thread) error) (uint64, error) {
	ctx, cancel := context.WithTimeout(ctx, st.lim.Timeout)
	defer cancel()
	st.ctx = ctx
	th := &starlark.Thread{
		Name: st.name,
		Print: func(th *starlark.Thread, msg string) {
			_ = st.write(th, msg+"\n")
		},
		Load: func(*starlark.Thread, string) (starlark.StringDict, error) {
			return nil, fmt.Errorf("%w: load() is disabled", ErrSandbox)
		},
	}
	th.SetLocal(stateKey, st)
	th.SetMaxExecutionSteps(min(checkEvery, st.lim.Steps))
	th.OnMaxSteps = st.checkpoint
	stop := context.AfterFunc(ctx, func() {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			st.fire(th, fmt.Errorf("%w after %s", ErrTimeout, st.lim.Timeout))
		} else {
			st.fire(th, fmt.Errorf("script: cancelled: %w", ctx.Err()))
		}
	})
	defer stop()
	stopWatch := st.watchMemory(th)
	defer stopWatch()

	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("script: internal error: %v", p)
			}
		}()
		done <- body(th)
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		select {
		case err = <-done:
		case <-time.After(grace):
			fired := st.firedErr()
			if fired == nil {
				fired = ctx.Err()
			}
			return 0, &Error{Err: fmt.Errorf("%w (a built-in did not return within %s of the limit; abandoned)", fired, grace)}
		}
	}
	steps := th.ExecutionSteps()
	if err == nil {
		return steps, nil
	}
	return steps, st.wrap(err)
}

// wrap turns an evaluation error into an *Error naming the position.
func (st *runState) wrap(err error) error {
	e := &Error{Err: err}
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		e.Backtrace = ee.Backtrace()
		for i := 0; i < len(ee.CallStack); i++ {
			if fr := ee.CallStack.At(i); fr.Pos.IsValid() && fr.Pos.Filename() != "<builtin>" {
				e.Pos = fr.Pos.String()
				break
			}
		}
		if cause := ee.Unwrap(); cause != nil {
			e.Err = cause
		} else {
			e.Err = errors.New(ee.Msg)
		}
	}
	if fired := st.firedErr(); fired != nil {
		e.Err = fired
	}
	return e
}

// watchMemory cancels the run when the live heap grows by more than
// MaxMemory (or the heap, garbage included, by three times that).
func (st *runState) watchMemory(th *starlark.Thread) (stop func()) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(samples)
	baseLive, baseObj := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	limit := uint64(st.lim.MaxMemory)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(samples)
				live, obj := samples[0].Value.Uint64(), samples[1].Value.Uint64()
				if live > baseLive+limit || obj > baseObj+3*limit {
					st.fire(th, fmt.Errorf("%w: the heap grew by more than %d MiB", ErrMemory, limit>>20))
					return
				}
			}
		}
	}()
	return func() { close(done) }
}
