package agent

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Event types of a transcript.
const (
	EventRequest   = "request"   // the request and the run's caps
	EventModel     = "model"     // a model reply (Message) or a model error
	EventFallback  = "fallback"  // switched to the text protocol
	EventTool      = "tool"      // a tool call and its output or error
	EventCode      = "code"      // a code run and its output
	EventKept      = "kept"      // a tool registered by code persisted (or not)
	EventNote      = "note"      // a message the loop sent the model about its reply
	EventCandidate = "candidate" // a candidate final answer
	EventCheck     = "check"     // a steering check's verdict
	EventGuidance  = "guidance"  // guidance sent after a rejected answer
	EventEnd       = "end"       // the outcome, counts, usage and timings
)

// Caps records the limits of a run.
type Caps struct {
	MaxTurns     int     `json:"max_turns"`
	MaxToolCalls int     `json:"max_tool_calls"`
	MaxCodeRuns  int     `json:"max_code_runs"`
	MaxGuidance  int     `json:"max_guidance"`
	Python       bool    `json:"python,omitempty"`
	TimeoutMS    float64 `json:"timeout_ms"`
}

// Event is one line of a transcript (and what Config.Observe sees).
// Fields not used by a type are omitted.
type Event struct {
	Seq  int    `json:"seq"`
	Type string `json:"type"`
	// Time is when the event was recorded; ElapsedMS since the run began.
	Time      time.Time `json:"time"`
	ElapsedMS float64   `json:"elapsed_ms"`
	Turn      int       `json:"turn,omitempty"`

	Request string `json:"request,omitempty"`
	Model   string `json:"model,omitempty"`
	Caps    *Caps  `json:"caps,omitempty"`

	// Message is a model's reply; Error and ErrorKind a failure (kind:
	// cannot_answer, no_tool_support, unreachable, deadline, cancelled,
	// model).
	Message   *Message `json:"message,omitempty"`
	Error     string   `json:"error,omitempty"`
	ErrorKind string   `json:"error_kind,omitempty"`

	// Tool calls.
	Tool   string          `json:"tool,omitempty"`
	CallID string          `json:"call_id,omitempty"`
	Input  json.RawMessage `json:"input,omitempty"`
	// Output is a tool's JSON output, or a code run's output as a JSON
	// string.
	Output json.RawMessage `json:"output,omitempty"`

	// Code runs.
	Lang       string   `json:"lang,omitempty"`
	Engine     string   `json:"engine,omitempty"`
	Code       string   `json:"code,omitempty"`
	Registered []string `json:"registered,omitempty"`

	// Checks.
	Check    string   `json:"check,omitempty"`
	Applies  *bool    `json:"applies,omitempty"`
	OK       *bool    `json:"ok,omitempty"`
	Verifier bool     `json:"verifier,omitempty"`
	Reasons  []string `json:"reasons,omitempty"`

	// Content is the text of guidance and notes, a check's note or a kept
	// tool's path.
	Content string `json:"content,omitempty"`
	// Round is the guidance round.
	Round int `json:"round,omitempty"`

	// Answer, outcome and totals.
	Answer     string  `json:"answer,omitempty"`
	Status     string  `json:"status,omitempty"`
	Verified   bool    `json:"verified,omitempty"`
	Turns      int     `json:"turns,omitempty"`
	ToolCalls  int     `json:"tool_calls,omitempty"`
	CodeRuns   int     `json:"code_runs,omitempty"`
	Usage      *Usage  `json:"usage,omitempty"`
	DurationMS float64 `json:"duration_ms,omitempty"`
	ModelMS    float64 `json:"model_ms,omitempty"`
}

// Text returns the output of a code event as text.
func (e Event) Text() string {
	if s, ok := jsonStringValue(e.Output); ok {
		return s
	}
	return string(e.Output)
}

// DefaultTranscriptDir is where runs write transcripts by default:
// $XDG_STATE_HOME/plankit/transcripts when XDG_STATE_HOME is set, else
// plankit/transcripts under the user's cache directory.
func DefaultTranscriptDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "plankit", "transcripts"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("agent: no transcript directory (use a transcript file): %w", err)
	}
	return filepath.Join(d, "plankit", "transcripts"), nil
}

// recorder writes events to a temporary file next to the transcript and
// renames it into place when the run ends, so a transcript is never seen
// half-written; it also passes events to the observer.
type recorder struct {
	mu      sync.Mutex
	start   time.Time
	seq     int
	observe func(Event)
	path    string
	tmp     *os.File
	w       *bufio.Writer
	err     error
}

func newRecorder(cfg Config) (*recorder, error) {
	r := &recorder{start: time.Now(), observe: cfg.Observe}
	if cfg.NoTranscript {
		return r, nil
	}
	path := cfg.Transcript
	if path == "" {
		dir, err := DefaultTranscriptDir()
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("agent: transcript directory: %w", err)
		}
		path = filepath.Join(dir, r.start.UTC().Format("20060102T150405.000000000Z")+".jsonl")
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary name means nothing to the user
		}
		return nil, fmt.Errorf("agent: transcript %s: %w", path, err)
	}
	r.path, r.tmp, r.w = path, tmp, bufio.NewWriter(tmp)
	return r, nil
}

// emit records e.
func (r *recorder) emit(e Event) {
	r.mu.Lock()
	r.seq++
	e.Seq = r.seq
	e.Time = time.Now().UTC()
	e.ElapsedMS = ms(e.Time.Sub(r.start))
	if r.w != nil && r.err == nil {
		b, err := json.Marshal(e)
		if err == nil {
			b = append(b, '\n')
			_, err = r.w.Write(b)
		}
		r.err = err
	}
	obs := r.observe
	r.mu.Unlock()
	if obs != nil {
		obs(e)
	}
}

// close flushes and renames the transcript into place and returns its
// path.
func (r *recorder) close() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tmp == nil {
		return "", nil
	}
	tmp := r.tmp
	r.tmp = nil
	err := r.err
	if err == nil {
		err = r.w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), r.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("agent: writing transcript %s: %w", r.path, err)
	}
	return r.path, nil
}

// abort removes the temporary file.
func (r *recorder) abort() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tmp != nil {
		r.tmp.Close()
		os.Remove(r.tmp.Name())
		r.tmp = nil
	}
}

// maxTranscriptLine bounds one line of a transcript read back.
const maxTranscriptLine = 64 << 20

// ReadTranscript reads a JSONL transcript. Errors name the line.
func ReadTranscript(rd io.Reader) ([]Event, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64<<10), maxTranscriptLine)
	var out []Event
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var e Event
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("agent: transcript line %d: %s", line, oneLine(err.Error()))
		}
		if e.Type == "" {
			return nil, fmt.Errorf("agent: transcript line %d: no event type", line)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("agent: transcript line %d: %w", line+1, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("agent: transcript: no events")
	}
	return out, nil
}

// ReplayModel is a Model that plays back the model replies (and model
// errors) of a transcript in order, without a model: a replayed run
// repeats the recorded one, tools and code being re-run.
type ReplayModel struct {
	mu      sync.Mutex
	replies []Event
	n       int
}

// Replay returns the replay model of a transcript's events, and the
// request and caps recorded in it.
func Replay(events []Event) (model *ReplayModel, request string, caps *Caps, err error) {
	m := &ReplayModel{}
	for _, e := range events {
		switch e.Type {
		case EventRequest:
			if request == "" {
				request, caps = e.Request, e.Caps
			}
		case EventModel:
			m.replies = append(m.replies, e)
		}
	}
	if request == "" {
		return nil, "", nil, errors.New("agent: transcript: no request event")
	}
	if len(m.replies) == 0 {
		return nil, "", nil, errors.New("agent: transcript: no model replies to replay")
	}
	return m, request, caps, nil
}

// Complete returns the next recorded reply.
func (m *ReplayModel) Complete(ctx context.Context, _ []Message, _ []ToolSpec) (Message, error) {
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.n >= len(m.replies) {
		return Message{}, fmt.Errorf("%w: the transcript has no more model replies (%d replayed)", ErrModel, m.n)
	}
	e := m.replies[m.n]
	m.n++
	if e.Message != nil {
		msg := *e.Message
		return msg, nil
	}
	msg := e.Error
	if msg == "" {
		msg = "recorded model error"
	}
	switch e.ErrorKind {
	case "cannot_answer":
		return Message{}, fmt.Errorf("%w: %s", ErrCannotAnswer, trimSentinel(msg, ErrCannotAnswer))
	case "no_tool_support":
		return Message{}, fmt.Errorf("%w: %s", ErrNoToolSupport, trimSentinel(msg, ErrNoToolSupport))
	case "unreachable":
		return Message{}, fmt.Errorf("%w: %s", ErrUnreachable, trimSentinel(msg, ErrUnreachable))
	}
	return Message{}, fmt.Errorf("%w: replayed: %s", ErrModel, msg)
}

// Remaining is the number of recorded replies not yet played.
func (m *ReplayModel) Remaining() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.replies) - m.n
}

func trimSentinel(msg string, sentinel error) string {
	p := sentinel.Error() + ": "
	if len(msg) >= len(p) && msg[:len(p)] == p {
		return msg[len(p):]
	}
	return msg
}
