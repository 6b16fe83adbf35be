package puzzles

import (
	"strings"
	"testing"
)

// TestParseArithClaim: a written result ("= T" or "T =") must be what the
// expression evaluates to; a false claim is a wrong answer, not noise.
func TestParseArithClaim(t *testing.T) {
	for _, tc := range []struct {
		in, err string
	}{
		{"(8-2)*(8/2) = 24", ""},
		{"24 = (8-2)*(8/2)", ""},
		{"(8-2)*(8/2) = 24.", ""},
		{"(8-2)*(8/2)", ""},
		{"(8-2)*(8/2) = 25", "equals 24, not the 25"},
		{"25 = (8-2)*(8/2)", "equals 24, not the 25"},
	} {
		_, err := parseArith(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want one containing %q", tc.in, err, tc.err)
		}
	}
}
