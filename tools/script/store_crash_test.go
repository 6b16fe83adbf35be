package script

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash helper: when the test binary runs with these variables set it
// saves a tool and dies by SIGKILL at a stage of Save (or, with stage
// "loop", saves two versions in turn, slowly, until it is killed).
const (
	envCrashDir   = "PLANKIT_SCRIPT_CRASH_DIR"
	envCrashStage = "PLANKIT_SCRIPT_CRASH_STAGE"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(envCrashDir); dir != "" {
		crashHelper(dir, os.Getenv(envCrashStage))
		os.Exit(3) // not reached: the helper is killed
	}
	os.Exit(m.Run())
}

var (
	crashV1 = addTool
	crashV2 = strings.Replace(addTool, "Add two integers.", "Add two integers (version 2).", 1) + strings.Repeat("# padding\n", 5000)
)

func crashHelper(dir, stage string) {
	st := &Store{Dir: dir}
	if stage == "loop" {
		st.hook = func(string) { time.Sleep(200 * time.Microsecond) }
		for i := 0; ; i++ {
			code := crashV1
			if i%2 == 0 {
				code = crashV2
			}
			if _, err := st.Save("math.add_ints", []byte(code)); err != nil {
				os.Exit(4)
			}
		}
	}
	st.hook = func(s string) {
		if s == stage {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			time.Sleep(time.Second)
		}
	}
	st.Save("math.add_ints", []byte(crashV2))
	os.Exit(5) // the stage was never reached
}

func runCrashHelper(t *testing.T, dir, stage string, killAfter time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envCrashDir+"="+dir, envCrashStage+"="+stage)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if killAfter > 0 {
		time.Sleep(killAfter)
		cmd.Process.Signal(syscall.SIGKILL)
	}
	err := cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("helper was not killed: %v", err)
	}
}

// checkDir loads the directory the way plankit does at start: the tool is
// there with one of the allowed contents, or absent if allowed, and
// nothing else is loaded or warned about.
func checkDir(t *testing.T, dir string, allowed ...string) {
	t.Helper()
	st := &Store{Dir: dir}
	code, err := os.ReadFile(st.Path("math.add_ints"))
	switch {
	case os.IsNotExist(err):
		for _, a := range allowed {
			if a == "" {
				return
			}
		}
		t.Fatal("the tool vanished")
	case err != nil:
		t.Fatal(err)
	}
	ok := false
	for _, a := range allowed {
		ok = ok || (a != "" && string(code) == a)
	}
	if !ok {
		t.Fatalf("corrupt tool file (%d bytes)", len(code))
	}
	reg := builtinRegistry(t)
	defs := st.Load(context.Background(), New(reg, Limits{}), func(path string, err error) {
		t.Errorf("warning after a crash: %s: %v", path, err)
	})
	if len(defs) != 1 {
		t.Fatalf("loaded %d tools", len(defs))
	}
}

func TestSaveSurvivesKillAtEachStage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	for _, stage := range []string{"created", "partial", "written", "synced", "renamed"} {
		for _, existing := range []bool{false, true} {
			if !existing && stage != "partial" && stage != "renamed" {
				continue // a fresh save behaves alike at the other stages
			}
			name := stage
			if existing {
				name += "/replacing"
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				allowed := []string{"", crashV2}
				if existing {
					if _, err := (&Store{Dir: dir}).Save("math.add_ints", []byte(crashV1)); err != nil {
						t.Fatal(err)
					}
					allowed = []string{crashV1, crashV2}
				}
				runCrashHelper(t, dir, stage, 0)
				checkDir(t, dir, allowed...)
				if stage == "renamed" {
					checkDir(t, dir, crashV2) // after the rename only the new version is allowed
				}
			})
		}
	}
}

func TestSaveSurvivesKillAtRandomTimes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	rng := rand.New(rand.NewPCG(8, 1))
	dir := t.TempDir()
	if _, err := (&Store{Dir: dir}).Save("math.add_ints", []byte(crashV1)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		delay := 20*time.Millisecond + time.Duration(rng.IntN(40_000))*time.Microsecond
		runCrashHelper(t, dir, "loop", delay)
		checkDir(t, dir, crashV1, crashV2)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".tmp-") && e.Name() != "math.add_ints.star" {
			t.Fatalf("unexpected file %s", filepath.Join(dir, e.Name()))
		}
	}
}
