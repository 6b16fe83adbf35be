package script

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/plankit/plankit/tools"
)

// EnvToolsDir names the environment variable that overrides the default
// tools directory.
const EnvToolsDir = "PLANKIT_TOOLS_DIR"

// maxScriptBytes bounds a persisted script file.
const maxScriptBytes = 1 << 20

// DefaultDir returns the default tools directory: $PLANKIT_TOOLS_DIR if
// set, else plankit/tools under the user's configuration directory.
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvToolsDir); d != "" {
		return d, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("script: no tools directory (set %s): %w", EnvToolsDir, err)
	}
	return filepath.Join(cfg, "plankit", "tools"), nil
}

// Store is a directory of persisted script tools, one NAME.star file per
// tool (NAME is the tool's name, e.g. puzzle.nqueens_sat.star). Files are
// replaced atomically: a crash leaves the old file or the new one, never a
// mix. Temporary files start with "." and are ignored.
type Store struct {
	Dir string

	// hook, when set (by tests), is called at each stage of Save.
	hook func(stage string)
}

// Path returns the file that holds tool name.
func (s *Store) Path(name string) string { return filepath.Join(s.Dir, name+".star") }

func (s *Store) at(stage string) {
	if s.hook != nil {
		s.hook(stage)
	}
}

// Save writes code as the file of tool name, replacing any previous one,
// and returns its path.
func (s *Store) Save(name string, code []byte) (string, error) {
	if !tools.ValidName(name) {
		return "", fmt.Errorf("%w %q", tools.ErrBadName, name)
	}
	if len(code) > maxScriptBytes {
		return "", fmt.Errorf("script: %s: larger than %d KiB", name, maxScriptBytes>>10)
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return "", fmt.Errorf("script: tools directory: %w", err)
	}
	tmp, err := os.CreateTemp(s.Dir, ".tmp-"+name+"-*")
	if err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	s.at("created")
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	half := len(code) / 2
	if _, err := tmp.Write(code[:half]); err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	s.at("partial")
	if _, err := tmp.Write(code[half:]); err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	s.at("written")
	if err := tmp.Chmod(0o644); err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	s.at("synced")
	path := s.Path(name)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("script: saving %s: %w", name, err)
	}
	ok = true
	s.at("renamed")
	if d, err := os.Open(s.Dir); err == nil {
		d.Sync() // make the rename durable; best effort
		d.Close()
	}
	return path, nil
}

// Remove deletes the file of tool name; ErrNotFound when there is none.
func (s *Store) Remove(name string) error {
	if !tools.ValidName(name) {
		return fmt.Errorf("%w %q", tools.ErrBadName, name)
	}
	err := os.Remove(s.Path(name))
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w %q in %s", ErrNotFound, name, s.Dir)
	}
	if err != nil {
		return fmt.Errorf("script: removing %s: %w", name, err)
	}
	return nil
}

// Names returns the tool names that have a file, sorted. A missing
// directory holds no tools.
func (s *Store) Names() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("script: tools directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".star") || e.IsDir() {
			continue
		}
		names = append(names, strings.TrimSuffix(n, ".star"))
	}
	sort.Strings(names)
	return names, nil
}

// Read returns the code of tool name.
func (s *Store) Read(name string) (string, error) {
	f, err := os.Open(s.Path(name))
	if err != nil {
		return "", fmt.Errorf("script: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxScriptBytes+1))
	if err != nil {
		return "", fmt.Errorf("script: reading %s: %w", s.Path(name), err)
	}
	if len(b) > maxScriptBytes {
		return "", fmt.Errorf("script: %s: larger than %d KiB", s.Path(name), maxScriptBytes>>10)
	}
	return string(b), nil
}

// Define runs a tool file's code in the sandbox and returns the one tool
// it registers, which must be called name.
func Define(ctx context.Context, r *Runner, name, source, code string) (*ToolDef, error) {
	res, err := r.Run(ctx, source, code)
	if err != nil {
		return nil, err
	}
	switch {
	case len(res.Registered) == 0:
		return nil, fmt.Errorf("%w: %s registers no tool (call register_tool)", ErrRegister, source)
	case len(res.Registered) > 1:
		return nil, fmt.Errorf("%w: %s registers %d tools; a tool file registers exactly one", ErrRegister, source, len(res.Registered))
	}
	d := res.Registered[0]
	if name != "" && d.Name != name {
		return nil, fmt.Errorf("%w: %s registers %q, want %q (the file name)", ErrRegister, source, d.Name, name)
	}
	return d, nil
}

// Load defines every tool of the store with r and installs it in r's
// registry, in name order. A file that fails (bad code, a limit, a name
// taken by a built-in or another tool) is skipped and reported to warn;
// Load itself never fails.
func (s *Store) Load(ctx context.Context, r *Runner, warn func(path string, err error)) []*ToolDef {
	names, err := s.Names()
	if err != nil {
		warn(s.Dir, err)
		return nil
	}
	var out []*ToolDef
	for _, name := range names {
		path := s.Path(name)
		d, err := s.load(ctx, r, name, path)
		if err != nil {
			warn(path, err)
			continue
		}
		out = append(out, d)
	}
	return out
}

func (s *Store) load(ctx context.Context, r *Runner, name, path string) (*ToolDef, error) {
	if !tools.ValidName(name) {
		return nil, fmt.Errorf("%w: file name %q is not a tool name", ErrRegister, filepath.Base(path))
	}
	code, err := s.Read(name)
	if err != nil {
		return nil, err
	}
	d, err := Define(ctx, r, name, path, code)
	if err != nil {
		return nil, err
	}
	if err := r.Install(d); err != nil {
		return nil, err
	}
	return d, nil
}
