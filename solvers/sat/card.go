package sat

// AtMostK adds clauses that allow at most k of lits to be true.
//
// Small cases are encoded directly (k < 0 is unsatisfiable, k = 0 forces every
// literal false, pairwise for at-most-one over few literals); otherwise Sinz's
// sequential counter is used, which adds O(n·k) auxiliary variables and
// clauses and keeps unit propagation complete.
func (f *Formula) AtMostK(lits []Lit, k int) {
	n := len(lits)
	switch {
	case k < 0:
		f.AddClause()
		return
	case k >= n:
		return
	case k == 0:
		for _, l := range lits {
			f.AddClause(l.Not())
		}
		return
	case k == 1 && n <= 6:
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				f.AddClause(lits[i].Not(), lits[j].Not())
			}
		}
		return
	}
	// s[i][j] is true when at least j+1 of lits[0..i] are true.
	s := make([][]Lit, n-1)
	for i := range s {
		s[i] = make([]Lit, k)
		for j := range s[i] {
			s[i][j] = f.NewVar()
		}
	}
	f.AddClause(lits[0].Not(), s[0][0])
	for j := 1; j < k; j++ {
		f.AddClause(s[0][j].Not())
	}
	for i := 1; i < n-1; i++ {
		f.AddClause(lits[i].Not(), s[i][0])
		f.AddClause(s[i-1][0].Not(), s[i][0])
		for j := 1; j < k; j++ {
			f.AddClause(lits[i].Not(), s[i-1][j-1].Not(), s[i][j])
			f.AddClause(s[i-1][j].Not(), s[i][j])
		}
		f.AddClause(lits[i].Not(), s[i-1][k-1].Not())
	}
	f.AddClause(lits[n-1].Not(), s[n-2][k-1].Not())
}

// AtLeastK adds clauses that force at least k of lits to be true.
func (f *Formula) AtLeastK(lits []Lit, k int) {
	if k <= 0 {
		return
	}
	if k == 1 {
		f.AddClause(lits...)
		return
	}
	neg := make([]Lit, len(lits))
	for i, l := range lits {
		neg[i] = l.Not()
	}
	f.AtMostK(neg, len(lits)-k)
}

// ExactlyK adds clauses that force exactly k of lits to be true.
func (f *Formula) ExactlyK(lits []Lit, k int) {
	f.AtMostK(lits, k)
	f.AtLeastK(lits, k)
}
