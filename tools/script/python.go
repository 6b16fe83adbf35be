package script

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// PythonLimits bound one run of the python executor. Zero fields take
// their defaults.
type PythonLimits struct {
	// Python is the interpreter. Default /usr/bin/python3.
	Python string
	// Timeout bounds wall-clock time. Default 10 s.
	Timeout time.Duration
	// CPU bounds processor time (RLIMIT_CPU), rounded up to seconds.
	// Default: Timeout.
	CPU time.Duration
	// Memory bounds the address space in bytes (RLIMIT_AS). Default 1 GiB.
	Memory int64
	// Files bounds open file descriptors (RLIMIT_NOFILE). Default 64.
	Files int
	// Procs bounds processes of the user (RLIMIT_NPROC). Default 32.
	Procs int
	// FileSize bounds the size of any file written (RLIMIT_FSIZE).
	// Default 16 MiB.
	FileSize int64
	// MaxOutput bounds stdout+stderr in bytes. Default 1 MiB.
	MaxOutput int
}

func (l PythonLimits) withDefaults() PythonLimits {
	if l.Python == "" {
		l.Python = "/usr/bin/python3"
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.CPU <= 0 {
		l.CPU = l.Timeout
	}
	if l.Memory <= 0 {
		l.Memory = 1 << 30
	}
	if l.Files <= 0 {
		l.Files = 64
	}
	if l.Procs <= 0 {
		l.Procs = 32
	}
	if l.FileSize <= 0 {
		l.FileSize = 16 << 20
	}
	if l.MaxOutput <= 0 {
		l.MaxOutput = DefaultMaxOutput
	}
	return l
}

// PythonResult is what a python run produced.
type PythonResult struct {
	// Output is stdout and stderr, interleaved, up to MaxOutput bytes.
	Output string
	// ExitCode is the interpreter's exit status (-1 when it was killed).
	ExitCode int
	// Isolation lists the protections that were in force: "rlimits",
	// "no-network" (a fresh network namespace), "nobody" (run as the
	// nobody user because plankit runs as root).
	Isolation []string
	// Duration is the wall-clock time of the run.
	Duration time.Duration
}

// ErrPythonFailed is returned (wrapped) when the program exits non-zero.
var ErrPythonFailed = errors.New("script: python exited with an error")

// RunPython runs code with the system's Python 3 in isolated mode (-I: no
// user site, no PYTHON* environment, script directory not on sys.path) in
// a fresh temporary directory that is removed afterwards, with an empty
// environment, under rlimits (CPU, address space, open files, processes,
// file size), in a new network namespace where the platform allows
// (util-linux unshare), as user nobody when plankit runs as root, and
// killed at the timeout or when output passes MaxOutput.
//
// This is much weaker isolation than the Starlark sandbox: the program can
// read any file its user can read and use every system call. Use it only
// for code that needs real Python.
func RunPython(ctx context.Context, code string, lim PythonLimits) (PythonResult, error) {
	lim = lim.withDefaults()
	start := time.Now()
	dir, err := os.MkdirTemp("", "plankit-py-*")
	if err != nil {
		return PythonResult{}, fmt.Errorf("script: python: %w", err)
	}
	defer os.RemoveAll(dir)
	main := filepath.Join(dir, "main.py")
	if err := os.WriteFile(main, []byte(code), 0o644); err != nil {
		return PythonResult{}, fmt.Errorf("script: python: %w", err)
	}
	asRoot := os.Geteuid() == 0
	if asRoot {
		// nobody must be able to enter the directory and read main.py.
		if err := os.Chmod(dir, 0o777); err != nil {
			return PythonResult{}, fmt.Errorf("script: python: %w", err)
		}
	}

	res, err := runPython(ctx, dir, lim, asRoot, true)
	if err == errNoNamespace {
		res, err = runPython(ctx, dir, lim, asRoot, false)
	}
	res.Duration = time.Since(start)
	return res, err
}

var errNoNamespace = errors.New("no network namespace")

// unshareMarker is printed by the wrapper once the namespace exists, so a
// failing unshare is told apart from a failing program.
const unshareMarker = "\x00plankit-unshare-ok\x00"

func runPython(ctx context.Context, dir string, lim PythonLimits, asRoot, isolateNet bool) (PythonResult, error) {
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	cpu := int64((lim.CPU + time.Second - 1) / time.Second)
	var argv []string
	var isolation []string
	prlimit, errP := exec.LookPath("prlimit")
	if errP == nil {
		argv = append(argv, prlimit,
			"--cpu="+strconv.FormatInt(cpu, 10),
			"--as="+strconv.FormatInt(lim.Memory, 10),
			"--nofile="+strconv.Itoa(lim.Files),
			"--nproc="+strconv.Itoa(lim.Procs),
			"--fsize="+strconv.FormatInt(lim.FileSize, 10),
			"--core=0", "--")
		isolation = append(isolation, "rlimits")
	} else {
		return PythonResult{}, fmt.Errorf("%w: python: prlimit (util-linux) not found: %v", ErrSandbox, errP)
	}
	unshare, errU := exec.LookPath("unshare")
	if isolateNet && errU == nil {
		argv = append(argv, unshare, "--net", "--", "/bin/sh", "-c", `printf '`+shellEscape(unshareMarker)+`' >&2; exec "$@"`, "sh")
	} else {
		isolateNet = false
	}
	if asRoot {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			return PythonResult{}, fmt.Errorf("%w: python: running as root and setpriv (util-linux) not found", ErrSandbox)
		}
		argv = append(argv, setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--")
		isolation = append(isolation, "nobody")
	}
	argv = append(argv, lim.Python, "-I", "-B", filepath.Join(dir, "main.py"))

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir, "TMPDIR=" + dir, "LANG=C.UTF-8", "PYTHONIOENCODING=utf-8"}
	cmd.Stdin = nil
	out := &cappedBuffer{limit: lim.MaxOutput + len(unshareMarker)}
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	// The output goroutines start after cmd.Process is set.
	kill := func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out.onFull = kill
	if err := cmd.Start(); err != nil {
		return PythonResult{}, fmt.Errorf("script: python: %w", err)
	}
	stop := context.AfterFunc(ctx, kill)
	waitErr := cmd.Wait()
	stop()
	kill() // whatever the program left running in its group

	text, full := out.result()
	if isolateNet {
		i := bytes.Index([]byte(text), []byte(unshareMarker))
		if i < 0 {
			if ctx.Err() == nil && !full {
				return PythonResult{}, errNoNamespace
			}
		} else {
			text = text[:i] + text[i+len(unshareMarker):]
			isolation = append(isolation, "no-network")
		}
	}
	if len(text) > lim.MaxOutput {
		text = text[:lim.MaxOutput]
	}
	res := PythonResult{Output: text, ExitCode: cmd.ProcessState.ExitCode(), Isolation: isolation}
	switch {
	case full:
		return res, fmt.Errorf("%w: python printed more than %d bytes", ErrOutput, lim.MaxOutput)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return res, fmt.Errorf("%w: python ran longer than %s", ErrTimeout, lim.Timeout)
	case ctx.Err() != nil:
		return res, fmt.Errorf("script: python: %w", ctx.Err())
	}
	if waitErr != nil {
		var ee *exec.ExitError
		if errors.As(waitErr, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				sig := ws.Signal()
				if sig == syscall.SIGXCPU || sig == syscall.SIGKILL {
					return res, fmt.Errorf("%w: python killed by %v (CPU limit %ds)", ErrTimeout, sig, cpu)
				}
				return res, fmt.Errorf("%w: killed by %v", ErrPythonFailed, sig)
			}
			return res, fmt.Errorf("%w (status %d)", ErrPythonFailed, res.ExitCode)
		}
		return res, fmt.Errorf("script: python: %w", waitErr)
	}
	return res, nil
}

func shellEscape(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		if c == 0 {
			b.WriteString(`\000`)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// cappedBuffer keeps the first limit bytes written and calls onFull once
// when more arrive.
type cappedBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	limit  int
	full   bool
	onFull func()
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	room := c.limit - c.buf.Len()
	if len(p) > room {
		c.buf.Write(p[:max(room, 0)])
		if !c.full {
			c.full = true
			if c.onFull != nil {
				go c.onFull()
			}
		}
		return len(p), nil
	}
	c.buf.Write(p)
	return len(p), nil
}

func (c *cappedBuffer) result() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String(), c.full
}
