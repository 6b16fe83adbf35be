package script

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// verifyQueens is the independent oracle: one queen per row, distinct
// columns, no two on a diagonal.
func verifyQueens(n int, queens []int) error {
	if len(queens) != n {
		return fmt.Errorf("%d queens for n=%d", len(queens), n)
	}
	for r1, c1 := range queens {
		if c1 < 0 || c1 >= n {
			return fmt.Errorf("row %d: column %d off the board", r1, c1)
		}
		for r2 := r1 + 1; r2 < n; r2++ {
			c2 := queens[r2]
			if c1 == c2 || c1-c2 == r2-r1 || c2-c1 == r2-r1 {
				return fmt.Errorf("queens in rows %d and %d attack each other", r1, r2)
			}
		}
	}
	return nil
}

// solvable reports by brute-force backtracking whether n queens fit.
func solvable(n int) bool {
	cols := make([]int, 0, n)
	var place func() bool
	place = func() bool {
		if len(cols) == n {
			return true
		}
		for c := 0; c < n; c++ {
			cols = append(cols, c)
			ok := true
			for r, c2 := range cols[:len(cols)-1] {
				if d := len(cols) - 1 - r; c2 == c || c2-c == d || c-c2 == d {
					ok = false
				}
			}
			if ok && place() {
				return true
			}
			cols = cols[:len(cols)-1]
		}
		return false
	}
	return place()
}

func TestNQueensScript(t *testing.T) {
	code, err := os.ReadFile("../../testdata/scripts/nqueens.star")
	if err != nil {
		t.Fatal(err)
	}
	reg := builtinRegistry(t)
	r := New(reg, Limits{})
	d, err := Define(context.Background(), r, "puzzle.nqueens_sat", "nqueens.star", string(code))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Test(context.Background()); err != nil {
		t.Fatalf("examples: %v", err)
	}
	if err := r.Install(d); err != nil {
		t.Fatal(err)
	}
	// Concurrent calls share the frozen script (run with -race).
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			out, err := reg.Call(context.Background(), "puzzle.nqueens_sat", json.RawMessage(fmt.Sprintf(`{"n": %d}`, n)))
			if err == nil && !strings.Contains(string(out), `"verified":true`) {
				err = fmt.Errorf("n=%d: %s", n, out)
			}
			errs <- err
		}(5 + i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for n := 1; n <= 12; n++ {
		out, err := reg.Call(context.Background(), "puzzle.nqueens_sat", json.RawMessage(fmt.Sprintf(`{"n": %d}`, n)))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		var res struct {
			Status   string   `json:"status"`
			Queens   []int    `json:"queens"`
			Board    []string `json:"board"`
			Verified bool     `json:"verified"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		if want := solvable(n); (res.Status == "sat") != want {
			t.Fatalf("n=%d: status %s, brute force says solvable=%v", n, res.Status, want)
		}
		if res.Status != "sat" {
			continue
		}
		if err := verifyQueens(n, res.Queens); err != nil || !res.Verified || len(res.Board) != n {
			t.Fatalf("n=%d: %v (%s)", n, err, out)
		}
		for r, row := range res.Board {
			for c, ch := range row {
				if (ch == 'Q') != (res.Queens[r] == c) {
					t.Fatalf("n=%d: board row %d %q disagrees with queens %v", n, r, row, res.Queens)
				}
			}
		}
	}
}
