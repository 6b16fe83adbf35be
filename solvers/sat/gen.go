package sat

import "math/rand/v2"

// Pigeonhole returns the CNF stating that p pigeons fit in h holes, one pigeon
// per hole. It is unsatisfiable exactly when p > h and is hard for resolution.
// Variable (i-1)*h + j means pigeon i sits in hole j.
func Pigeonhole(p, h int) *Formula {
	f := New()
	f.EnsureVars(p * h)
	v := func(i, j int) Lit { return Lit((i-1)*h + j) }
	for i := 1; i <= p; i++ {
		c := make([]Lit, 0, h)
		for j := 1; j <= h; j++ {
			c = append(c, v(i, j))
		}
		f.AddClause(c...)
	}
	for j := 1; j <= h; j++ {
		for i := 1; i <= p; i++ {
			for k := i + 1; k <= p; k++ {
				f.AddClause(v(i, j).Not(), v(k, j).Not())
			}
		}
	}
	return f
}

// Random3SAT returns a uniform random 3-CNF over n variables with m clauses
// (three distinct variables per clause, random signs), drawn from a PCG
// generator seeded with seed. Near m/n ≈ 4.26 about half are satisfiable.
func Random3SAT(n, m int, seed uint64) *Formula {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	f := New()
	f.EnsureVars(n)
	for range m {
		a := rng.IntN(n) + 1
		b := a
		for b == a {
			b = rng.IntN(n) + 1
		}
		c := a
		for c == a || c == b {
			c = rng.IntN(n) + 1
		}
		lits := [3]Lit{Lit(a), Lit(b), Lit(c)}
		for i := range lits {
			if rng.IntN(2) == 0 {
				lits[i] = -lits[i]
			}
		}
		f.AddClause(lits[:]...)
	}
	return f
}

// Parity returns an unsatisfiable CNF stating that x1 ⊕ … ⊕ xn is both 0 and
// 1, each XOR chain Tseitin-encoded with its own auxiliary variables
// (variables 1..n are the x's).
func Parity(n int) *Formula {
	f := New()
	f.EnsureVars(n)
	chain := func(want bool) {
		acc := Lit(1)
		for i := 2; i <= n; i++ {
			t := f.NewVar()
			x := Lit(i)
			// t ↔ acc ⊕ x
			f.AddClause(t.Not(), acc, x)
			f.AddClause(t.Not(), acc.Not(), x.Not())
			f.AddClause(t, acc.Not(), x)
			f.AddClause(t, acc, x.Not())
			acc = t
		}
		if want {
			f.AddClause(acc)
		} else {
			f.AddClause(acc.Not())
		}
	}
	chain(true)
	chain(false)
	return f
}
