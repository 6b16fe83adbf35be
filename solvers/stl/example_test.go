package stl_test

import (
	"context"
	"fmt"

	"github.com/plankit/plankit/solvers/geom"
	"github.com/plankit/plankit/solvers/stl"
)

func ExampleParse() {
	f, err := stl.Parse("F(kitchen & F[0,5] G[0,2] bedroom) & G !wall1")
	if err != nil {
		panic(err)
	}
	fmt.Println(f)
	fmt.Println(f.Atoms()[1].Region, f.Span(50))
	_, err = stl.Parse("F(kitchen & bedroom")
	fmt.Println(err)
	// Output:
	// F(kitchen & F[0,5] G[0,2] bedroom) & G !wall1
	// bedroom 57
	// stl: column 20: want ")" to close the "(" at column 2, found end of input
}

func ExampleParsePrefix() {
	toks, _ := stl.ParsePrefixList("['and', 'finally', 'enter(goal)', 'until', 'not_enter(door1)', 'enter(key1)']")
	f, err := stl.ParsePrefix(toks, stl.PrefixOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(f)
	_, err = stl.ParsePrefix([]string{"and", "enter(a)", "enter(b)", "enter(c)"}, stl.PrefixOptions{})
	fmt.Println(err)
	// Output:
	// F goal & (!door1 U key1)
	// stl: the prefix list lacks 1 operator(s) with two operands (and, or, imply, equal, until): 3 leaves need 2, found 1
}

func ExampleCheck() {
	block := geom.Box{XMin: 2, XMax: 4, YMin: 2, YMax: 4}.Polygon()
	goal := geom.Box{XMin: 5, XMax: 6, YMin: 5, YMax: 6}.Polygon()
	// Both waypoints avoid the block, but the straight move between them
	// cuts its corner during t ∈ [1, 2].
	path := stl.Path{{X: 1.5, Y: 3, T: 0}, {X: 3, Y: 4.5, T: 3}, {X: 5.5, Y: 5.5, T: 5}}
	sig := &stl.PathSignal{
		Names: []string{"r1"},
		Paths: []stl.Path{path},
		Resolve: func(a stl.Atom) (stl.Binding, error) {
			regions := map[string]geom.Polygon{"block": block, "goal": goal}
			return stl.Binding{Paths: []int{0}, Polygons: []geom.Polygon{regions[a.Region]}}, nil
		},
	}
	res, err := stl.Check(context.Background(), stl.MustParse("F goal & G !block"), sig, stl.Options{Horizon: 10})
	if err != nil {
		panic(err)
	}
	fmt.Printf("satisfied %v, robustness %.4f\n", res.Satisfied, res.Robustness)
	fmt.Printf("%s fails at t=%g: %s\n", res.Failure.Formula, res.Failure.Time, res.Failure.Reason)
	// Output:
	// satisfied false, robustness -0.2500
	// !block fails at t=1: block holds at t=1 (r1 at (2, 3.5) is on the edge of block)
}
