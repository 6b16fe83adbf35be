package agent

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// loopTally is one class's results through the real loop.
type loopTally struct {
	n, routeRight                 int
	answered, verified, checkedOK int // answered; of those, accepted by an exact verifier; by any check
	correct, withAnswer           int // code rows: answer equals the row's expected answer
	declined, rejected, errored   int
	turns                         int
	nonModel, loopOnly            time.Duration
	misses                        []string
}

// TestRoutingThroughLoop runs every row of the routing set through the real
// loop — agent.Run with the offline model, the real registry
// (tools/builtin, the real robot.translate and robot.plan) and the default
// steering checks — and tallies per class: the first route the outcome
// records against the row's label (a decline, which records no route,
// counts as "none"), how many rows end answered and how many of those an
// exact verifier accepted, and the loop's time per model turn outside the
// model (all of it, and without the tools' and code's own time). With -v it
// prints the table BENCHMARKS.md shows.
func TestRoutingThroughLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every row through the loop")
	}
	reg := loopRegistry(t)
	model := NewOffline(reg)
	rows := readRouting(t)
	step := 1
	if offlineRace {
		step = 7
	}
	per := map[string]*loopTally{}
	for i := 0; i < len(rows); i += step {
		r := rows[i]
		tl := per[r.Class]
		if tl == nil {
			tl = &loopTally{}
			per[r.Class] = tl
		}
		var toolTime time.Duration
		cfg := Config{Model: model, ModelName: "offline", Registry: reg, NoTranscript: true,
			Observe: func(e Event) {
				if e.Type == EventTool || e.Type == EventCode {
					toolTime += time.Duration(e.DurationMS * float64(time.Millisecond))
				}
			}}
		out, err := Run(context.Background(), cfg, r.Request)
		if err != nil {
			t.Fatalf("%q: %v", offClipTest(r.Request, 60), err)
		}
		tl.n++
		route := RouteNone
		if len(out.Routes) > 0 {
			route = out.Routes[0].Route
		}
		if route == r.Route {
			tl.routeRight++
		} else {
			tl.misses = append(tl.misses, fmt.Sprintf("route %s, want %s: %q", route, r.Route, offClipTest(r.Request, 70)))
		}
		tl.turns += out.Turns
		tl.nonModel += out.Duration - out.ModelTime
		tl.loopOnly += out.Duration - out.ModelTime - toolTime
		switch out.Status {
		case StatusAnswered:
			tl.answered++
			if out.Verified {
				tl.verified++
			}
			ok := len(out.Verdicts) > 0
			for _, v := range out.Verdicts {
				ok = ok && v.OK
			}
			if ok {
				tl.checkedOK++
			}
			if r.Answer != "" {
				tl.withAnswer++
				if strings.TrimSpace(out.Answer) == r.Answer {
					tl.correct++
				}
			}
			if (r.Class == ClassRobot || r.Source == "suite") && !out.Verified {
				t.Errorf("%s row answered without an exact verifier accepting it: %q", r.Class, offClipTest(r.Request, 70))
			}
			if r.Class == ClassOutOfScope {
				t.Errorf("out-of-scope row answered: %q", offClipTest(r.Request, 70))
			}
		case StatusCannotAnswer:
			tl.declined++
			if r.Class != ClassOutOfScope {
				tl.misses = append(tl.misses, fmt.Sprintf("declined: %q: %s", offClipTest(r.Request, 70), offClipTest(out.Message, 160)))
			}
		case StatusRejected:
			tl.rejected++
			tl.misses = append(tl.misses, fmt.Sprintf("rejected: %q: %s", offClipTest(r.Request, 70), offClipTest(out.Message, 160)))
		default:
			tl.errored++
			t.Errorf("%q ended %s: %s", offClipTest(r.Request, 70), out.Status, out.Message)
		}
	}
	t.Logf("routing set through agent.Run (offline model, real registry, default checks):\n%s", loopTable(per))
	for _, c := range Classes {
		if tl := per[c]; tl != nil {
			for _, m := range tl.misses {
				t.Logf("%s: %s", c, m)
			}
		}
	}
	if offlineRace {
		return
	}
	// Floors this set reaches (see BENCHMARKS.md); a drop is a regression.
	// verified: answered and accepted by an exact verifier; right: code
	// rows whose answer equals the expected one; declined: out of scope.
	floors := map[string]struct{ route, verified, right, declined int }{
		ClassTravel: {54, 50, 0, 0}, ClassRobot: {19, 15, 0, 0}, ClassPuzzle: {66, 66, 0, 0}, ClassArithmetic: {81, 0, 81, 0},
		ClassString: {44, 0, 44, 0}, ClassPlankit: {28, 0, 0, 0}, ClassOutOfScope: {57, 0, 0, 57},
	}
	for c, f := range floors {
		tl := per[c]
		if tl == nil || tl.routeRight < f.route || tl.verified < f.verified || tl.correct < f.right || tl.declined < f.declined {
			t.Errorf("%s: %+v below the floor %+v", c, tl, f)
		}
	}
}

func loopTable(per map[string]*loopTally) string {
	var b strings.Builder
	b.WriteString("| class | n | route right | answered | verified | all checks ok | code answer right | declined | rejected | non-model µs/turn | loop µs/turn | loop µs/run |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var all loopTally
	for _, c := range Classes {
		tl := per[c]
		if tl == nil {
			continue
		}
		code := "—"
		if tl.withAnswer > 0 {
			code = fmt.Sprintf("%d/%d", tl.correct, tl.withAnswer)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %s | %d | %d | %s | %s | %s |\n", c, tl.n, tl.routeRight, tl.answered, tl.verified, tl.checkedOK,
			code, tl.declined, tl.rejected, perTurn(tl.nonModel, tl.turns), perTurn(tl.loopOnly, tl.turns), perTurn(tl.loopOnly, tl.n))
		all.n += tl.n
		all.routeRight += tl.routeRight
		all.answered += tl.answered
		all.verified += tl.verified
		all.checkedOK += tl.checkedOK
		all.declined += tl.declined
		all.rejected += tl.rejected
		all.turns += tl.turns
		all.nonModel += tl.nonModel
		all.loopOnly += tl.loopOnly
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %d | %d | | %d | %d | %s | %s | %s |\n", all.n, all.routeRight, all.answered, all.verified, all.checkedOK,
		all.declined, all.rejected, perTurn(all.nonModel, all.turns), perTurn(all.loopOnly, all.turns), perTurn(all.loopOnly, all.n))
	return b.String()
}

// perTurn is d per unit (turn or run) in µs.
func perTurn(d time.Duration, n int) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f", float64(d.Microseconds())/float64(n))
}
