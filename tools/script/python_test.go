package script

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func needPython(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts python")
	}
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
}

func TestRunPython(t *testing.T) {
	needPython(t)
	lim := PythonLimits{Timeout: 5 * time.Second, MaxOutput: 1 << 16}
	tests := []struct {
		name, code string
		want       error
		wantOut    string
	}{
		{"prints", "print(sum(range(10)))", nil, "45\n"},
		{"isolated environment", "import os, sys\nprint(sorted(k for k in os.environ if k.startswith('PLANKIT') or k == 'GOPATH'), sys.flags.isolated)", nil, "[] 1\n"},
		{"fresh directory", "import os\nprint(os.listdir('.'))", nil, "['main.py']\n"},
		{"exception", "raise ValueError('boom')", ErrPythonFailed, "ValueError: boom"},
		{"exit status", "import sys\nsys.exit(3)", ErrPythonFailed, ""},
		{"infinite loop", "while True:\n    pass", ErrTimeout, ""},
		{"output flood", "while True:\n    print('x' * 1000)", ErrOutput, "xxxx"},
		{"memory bomb", "x = bytearray(4 * 1024 ** 3)", ErrPythonFailed, "MemoryError"},
		{"too many files", "fs = [open('f%d' % i, 'w') for i in range(1000)]", ErrPythonFailed, "Too many open files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := lim
			if tc.name == "infinite loop" {
				l.Timeout = 500 * time.Millisecond
			}
			res, err := RunPython(context.Background(), tc.code, l)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v (output %q)", err, tc.want, res.Output)
			}
			if !strings.Contains(res.Output, tc.wantOut) || len(res.Output) > l.MaxOutput {
				t.Fatalf("output %.200q, want it to contain %q", res.Output, tc.wantOut)
			}
			if !slices.Contains(res.Isolation, "rlimits") {
				t.Fatalf("isolation %v", res.Isolation)
			}
		})
	}
}

func TestRunPythonNoNetwork(t *testing.T) {
	needPython(t)
	res, err := RunPython(context.Background(), "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n    print('connected')\nexcept OSError as e:\n    print('refused', e.errno)", PythonLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Isolation, "no-network") {
		t.Skipf("no network namespace on this platform (%v)", res.Isolation)
	}
	if !strings.Contains(res.Output, "refused 101") { // ENETUNREACH: no interface is up
		t.Fatalf("output %q", res.Output)
	}
}
