package lp

import (
	"bytes"
	"context"
	"testing"
)

func benchSolve(b *testing.B, p *Problem, opts Options) {
	ctx := context.Background()
	for b.Loop() {
		sol, err := Solve(ctx, p, opts)
		if err != nil || (sol.Status != Optimal) {
			b.Fatalf("%v %v", sol.Status, err)
		}
	}
}

func BenchmarkRandomLP50(b *testing.B)  { benchSolve(b, RandomLP(1, 50, 50), Options{}) }
func BenchmarkRandomLP100(b *testing.B) { benchSolve(b, RandomLP(1, 100, 100), Options{}) }
func BenchmarkRandomLP100NoCert(b *testing.B) {
	benchSolve(b, RandomLP(1, 100, 100), Options{NoCertificate: true})
}
func BenchmarkDiet(b *testing.B)       { benchSolve(b, Diet(1, 30, 20), Options{}) }
func BenchmarkTransport(b *testing.B)  { benchSolve(b, Transport(1, 10, 20), Options{}) }
func BenchmarkKnapsack30(b *testing.B) { benchSolve(b, Knapsack(1, 30), Options{}) }
func BenchmarkFacility(b *testing.B)   { benchSolve(b, Facility(1, 8, 24), Options{}) }

func BenchmarkReadLP(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteLP(&buf, RandomLP(1, 100, 100)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadLP(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
