package puzzles

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCycleTable(t *testing.T) {
	// 2A+1B -> 1C ; 2C -> 1A.  Start A=5 B=3 C=0.
	// r1: A3 B2 C1; r2 no; r1: A1 B1 C2; r2: A2 B1 C0; r1: A0 B0 C1; r2 no; r1 no: stop.
	in := CycleSynthesis{
		Resources: []string{"A", "B", "C"}, Initial: []int{5, 3, 0},
		Rules: []CycleRule{
			{Inputs: []Amount{{"A", 2}, {"B", 1}}, Outputs: []Amount{{"C", 1}}},
			{Inputs: []Amount{{"C", 2}}, Outputs: []Amount{{"A", 1}}},
		},
	}
	got, _, err := runCycle(context.Background(), in)
	if err != nil || !slices.Equal(got, []int{0, 0, 1}) {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, a := range []string{"A=0, B=0, C=1", "a: 0; b: 0; c: 1", "0 0 1", "C=1", "{\"A\": 0, \"B\": 0, \"C\": 1}"} {
		if v := verifyCycle(in, a); !v.OK {
			t.Errorf("%q rejected: %s", a, v.Reason)
		}
	}
	for _, a := range []string{"A=0, B=0, C=2", "A=1", "0 1", "D=1, C=1"} {
		if v := verifyCycle(in, a); v.OK {
			t.Errorf("%q accepted", a)
		}
	}
}

// TestCycleOracle replays generated instances by jumping straight to the
// next rule (cyclically) that can fire, stopping when none can.
func TestCycleOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 300 {
		in, _ := generateCycle(rng, Easy+i%3)
		have := map[string]int{}
		for k, r := range in.Resources {
			have[r] = in.Initial[k]
		}
		fires := func(r CycleRule) bool {
			for _, a := range r.Inputs {
				if have[a.Resource] < a.Count {
					return false
				}
			}
			return true
		}
		m := len(in.Rules)
		for k := 0; ; {
			next := -1
			for d := range m {
				if fires(in.Rules[(k+d)%m]) {
					next = (k + d) % m
					break
				}
			}
			if next < 0 {
				break
			}
			for _, a := range in.Rules[next].Inputs {
				have[a.Resource] -= a.Count
			}
			for _, a := range in.Rules[next].Outputs {
				have[a.Resource] += a.Count
			}
			k = (next + 1) % m
		}
		got, _, _ := runCycle(context.Background(), in)
		for k, r := range in.Resources {
			if got[k] != have[r] {
				t.Fatalf("instance %d: %s = %d, oracle %d", i, r, got[k], have[r])
			}
		}
	}
}

func TestCycleContract(t *testing.T) {
	exCheck(t, cycleSpec(), 60, func(rng *rand.Rand, in CycleSynthesis, ans string) []string {
		return exMutateInts(rng, ans, 1)
	})
}

func TestCycleValidate(t *testing.T) {
	base := func() CycleSynthesis {
		return CycleSynthesis{Resources: []string{"A", "B"}, Initial: []int{1, 1},
			Rules: []CycleRule{{Inputs: []Amount{{"A", 2}}, Outputs: []Amount{{"B", 1}}}}}
	}
	bad := []func(*CycleSynthesis){
		func(c *CycleSynthesis) { c.Rules[0].Outputs[0].Count = 2 },
		func(c *CycleSynthesis) { c.Rules[0].Inputs[0].Resource = "Z" },
		func(c *CycleSynthesis) { c.Initial = c.Initial[:1] },
		func(c *CycleSynthesis) { c.Resources[1] = "A" },
		func(c *CycleSynthesis) { c.Rules[0].Inputs = nil },
		func(c *CycleSynthesis) { c.Initial[0] = -1 },
	}
	if err := validateCycle(base()); err != nil {
		t.Fatal(err)
	}
	for k, f := range bad {
		c := base()
		f(&c)
		if err := validateCycle(c); err == nil {
			t.Errorf("case %d accepted", k)
		}
	}
}
