package lp_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/plankit/plankit/solvers/lp"
)

func Example() {
	p := lp.NewProblem(lp.Maximize)
	x := p.AddVar("x", 0, lp.Inf, lp.Continuous)
	y := p.AddVar("y", 0, lp.Inf, lp.Continuous)
	p.SetObjCoef(x, 3)
	p.SetObjCoef(y, 5)
	p.AddRow("plant1", []lp.Term{{Var: x, Coef: 1}}, lp.LE, 4)
	p.AddRow("plant2", []lp.Term{{Var: y, Coef: 2}}, lp.LE, 12)
	p.AddRow("plant3", []lp.Term{{Var: x, Coef: 3}, {Var: y, Coef: 2}}, lp.LE, 18)
	sol, err := lp.Solve(context.Background(), p, lp.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sol.Status, sol.Objective, sol.Value("x"), sol.Value("y"))
	fmt.Println("duals:", sol.Duals["plant1"], sol.Duals["plant2"], sol.Duals["plant3"])
	fmt.Println("certificate:", sol.Certificate.Kind, sol.Certificate.Checked, sol.Certificate.DualObjective)
	// Output:
	// optimal 36 2 6
	// duals: 0 1.5 1
	// certificate: duality true 36
}

func Example_milp() {
	p, err := lp.ReadLP(strings.NewReader(`
Maximize
 value: 11 a + 12 b + 13 c + 14 d
Subject To
 weight: 10 a + 11 b + 12 c + 13 d <= 30
Binaries
 a b c d
End`))
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := lp.Solve(context.Background(), p, lp.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sol.Status, sol.Objective, sol.Bound, sol.Values)
	// Output:
	// optimal 27 27 map[a:0 b:0 c:1 d:1]
}

func ExampleReadLP_error() {
	_, err := lp.ReadLP(strings.NewReader("Minimize\n obj: x\nSubject To\n c1: x + <= 4\nEnd\n"))
	fmt.Println(err)
	// Output:
	// lp: line 4: expected a number or a variable (at "<=")
}

func ExampleWriteLP() {
	p := lp.NewProblem(lp.Minimize)
	x := p.AddVar("x", -lp.Inf, 3, lp.Continuous)
	n := p.AddVar("n", 0, 10, lp.Integer)
	p.SetObjCoef(x, -1)
	p.SetObjCoef(n, 2)
	p.AddRow("link", []lp.Term{{Var: x, Coef: 1}, {Var: n, Coef: -1}}, lp.LE, 0.5)
	if err := lp.WriteLP(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// \ written by plankit
	// Minimize
	//  obj: - x + 2 n
	// Subject To
	//  link: + x - n <= 0.5
	// Bounds
	//  -inf <= x <= 3
	//  0 <= n <= 10
	// Generals
	//  n
	// End
}
