// Package stl is Signal Temporal Logic for plankit: a syntax tree, a
// parser and printer for an infix syntax, an importer for AutoTAMP's
// pre-order token lists, and an exact checker of continuous-time signals,
// in particular of robots moving along timed piecewise-linear paths among
// polygonal regions.
//
// # Syntax
//
//	φ ::= true | false | region | robot.region | ( φ )
//	    | !φ | F[a,b] φ | G[a,b] φ | φ U[a,b] φ
//	    | φ & φ | φ | φ | φ -> φ | φ <-> φ
//
// F is "eventually", G "always", U "until". Bounds [a,b] are finite
// numbers with 0 ≤ a ≤ b; omitted bounds mean [0, H] for the horizon H
// given when checking. The prefix operators bind tightest, then U (right-
// associative), &, |, -> (right-associative) and <-> (left-associative).
// Aliases: ~ for !, && for &, || for |, => for ->, <=> for <->; # starts a
// comment. Names are ASCII letters, digits and _, not starting with a
// digit; F, G, U, true and false are keywords. [Parse] reports errors as
// a *[SyntaxError] with line and column; [Formula.String] prints the
// canonical form, which parses back to an [Equal] tree. [ParsePrefix]
// imports AutoTAMP's pre-order lists ('and', 'finally', 'enter(room1)', ...)
// after AutoTAMP's own arity check, and [ParsePrefixList] reads such a
// list from its Python or JSON text.
//
// # Semantics
//
// A [Signal] says when each atom holds. Time is continuous, t ∈ [0, ∞),
// and a signal is constant after its End (a robot rests at its last
// waypoint). With S(φ) the set of times at which φ holds:
//
//	S(!φ)          = [0, ∞) \ S(φ)
//	S(φ & ψ)       = S(φ) ∩ S(ψ),  S(φ | ψ) = S(φ) ∪ S(ψ),  φ -> ψ = !φ | ψ
//	t ∈ S(F[a,b]φ) ⇔ S(φ) meets [t+a, t+b]
//	t ∈ S(G[a,b]φ) ⇔ [t+a, t+b] ⊆ S(φ)
//	t ∈ S(φ U[a,b] ψ) ⇔ some t' ∈ [t+a, t+b] has t' ∈ S(ψ) and [t, t'] ⊆ S(φ)
//
// Until is the non-strict form (φ must also hold at t'). A formula holds
// when its set contains 0. The checker computes these sets exactly as
// finite unions of intervals whose ends are tracked as open or closed
// ([Set]), so a robot that touches a region at a single instant is in it
// at that instant and nowhere else; F and G are Minkowski shifts of the
// intervals, U is computed per connected component of S(φ). The only
// approximation is floating-point rounding of the interval ends.
//
// # Robustness
//
// Each atom p has a robustness signal ρ_p(t); for [PathSignal] it is the
// signed distance from the robot's position to the region's boundary
// (positive inside, negative outside), and for an atom that stands for
// several robots or polygons the largest of their values. Then, as usual,
//
//	ρ(!φ, t) = −ρ(φ, t)      ρ(φ & ψ, t) = min     ρ(φ | ψ, t) = max
//	ρ(F[a,b]φ, t) = sup over t' ∈ [t+a, t+b] of ρ(φ, t')   (G: inf)
//	ρ(φ U[a,b] ψ, t) = sup over t' ∈ [t+a, t+b] of min(ρ(ψ, t'), inf over [t, t'] of ρ(φ))
//
// and the robustness of φ is ρ(φ, 0), taken over the continuous signal.
// ρ > 0 implies that φ holds and ρ < 0 that it fails. The distance along a
// segment is not linear (it has square-root pieces near corners), so the
// checker does not sample it. Instead it uses the identity
// ρ(φ, 0) ≥ r ⇔ 0 ∈ S_r(φ), where S_r is the Boolean set semantics of the
// negation normal form of φ with each atom p replaced by {t : ρ_p(t) ≥ r}
// and each negated atom by {t : ρ_p(t) ≤ −r}. These level sets are exact:
// for a segment and a polygon they are unions and differences of the
// polygon's own intervals and of the segment's intersections with the
// "stadiums" (points within a distance of an edge), found by solving
// linear and quadratic equations. [Check] bisects on r, so its result is a
// certified bracket Robustness ≤ ρ ≤ RobustnessUpper of width at most
// [Options.Tolerance] (default 1e-9 of the scene size), up to rounding.
//
// # Failures
//
// When φ fails, [Check] descends the tree to the innermost sub-formula
// that fails and the earliest time it does: for G it follows the first
// failing instant, for U the point where the left side stops holding
// before the right side holds, for F it reports the window in which the
// operand never holds.
package stl
