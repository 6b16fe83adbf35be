package script

import (
	"context"
	"os"
	"os/exec"
	"testing"
)

// smallScript is the per-execution overhead fixture: a few lines of
// arithmetic and string work, the same in Starlark and Python.
const smallScript = "total = 0\nfor i in range(100):\n    total += i * i\nprint(total, ','.join([str(i) for i in range(5)]))\n"

func BenchmarkRunSmall(b *testing.B) {
	r := New(nil, Limits{})
	ctx := context.Background()
	for b.Loop() {
		if _, err := r.Run(ctx, "small.star", smallScript); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunPythonSmall(b *testing.B) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		b.Skip("no python3")
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := RunPython(ctx, smallScript, PythonLimits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBarePython(b *testing.B) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		b.Skip("no python3")
	}
	for b.Loop() {
		if err := exec.Command("/usr/bin/python3", "-c", smallScript).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// loopScript measures the cost of the guards in a hot loop.
const loopScript = "def f():\n    s = 0\n    l = []\n    for i in range(200000):\n        s = s + i * 2 % 7\n        l.append(i)\n    return s + len(l)\nx = f()\n"

func BenchmarkLoopSandbox(b *testing.B) {
	r := New(nil, Limits{})
	for b.Loop() {
		if _, err := r.Run(context.Background(), "loop.star", loopScript); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoopPlainStarlark(b *testing.B) {
	for b.Loop() {
		if _, err := plainRun(loopScript, 1<<40); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNQueens8(b *testing.B) {
	code, err := os.ReadFile("../../testdata/scripts/nqueens.star")
	if err != nil {
		b.Fatal(err)
	}
	reg := builtinRegistry(b)
	r := New(reg, Limits{})
	d, err := Define(context.Background(), r, "puzzle.nqueens_sat", "nqueens.star", string(code))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := d.Call(context.Background(), []byte(`{"n": 8}`)); err != nil {
			b.Fatal(err)
		}
	}
}
