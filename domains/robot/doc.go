// Package robot is plankit's robot task-and-motion domain in the style of
// AutoTAMP: 2-D environments of named regions, disc robots, timed
// piecewise-linear trajectories, an exact checker of trajectories against
// Signal Temporal Logic specs (package stl) and physical limits, and
// pictures.
//
// # Environment files
//
// An environment is a JSON object (keys starting with "_" are comments):
//
//	{
//	  "name": "chip1",
//	  "description": "Chip's Challenge, environment 1",
//	  "source": "AutoTAMP (MIT)",
//	  "bounds": [-0.1, 8.1, -0.1, 8.1],
//	  "horizon": 50,
//	  "robots": [{"name": "r1", "start": [4.5, 2], "goal": [1, 7], "max_speed": 5, "radius": 0.18}],
//	  "groups": {"bathrooms": ["restroom", "restroom2"]},
//	  "regions": [
//	    {"name": "key1", "kind": "key", "color": "green", "function": "opens door1", "box": [4.45, 5.55, 0.45, 1.55]},
//	    {"name": "room", "kind": "room", "polygon": [[0, 0], [4, 0], [4, 1], [1, 1], [1, 3], [0, 3]]},
//	    {"name": "pond", "kind": "obstacle", "wkt": "POLYGON ((5 5, 6 5, 6 6, 5 5))"},
//	    {"type": "Feature", "properties": {"name": "dock", "kind": "charger"}, "geometry": {"type": "Polygon", "coordinates": [...]}}
//	  ]
//	}
//
// Boxes are [xmin, xmax, ymin, ymax] (AutoTAMP's order); a region may also
// be a polygon (outer ring, optional "holes"), a WKT POLYGON or
// MULTIPOLYGON, a GeoJSON "geometry", or a GeoJSON Feature whose
// properties hold name, kind, color and function. "regions" may be a
// GeoJSON FeatureCollection, and the whole file may be one (its features
// are the regions, and bounds, horizon, robots and groups are foreign
// members). Omitted bounds default to the box around everything; an
// omitted horizon (0) means "up to the trajectory's end"; an omitted kind
// is "region"; max_speed 0 means no limit; radius defaults to 0.
//
// Kinds wall and obstacle are obstacles: a robot's disc must never
// overlap them (checked as clearance ≥ radius, whatever the spec says).
// Every other kind (room, key, door, goal, charger, ...) is an area that
// the spec may ask to visit, avoid or stay in. [ParseEnv] validates:
// names are STL identifiers and unique across regions and groups, kinds
// are lower-case words, colours are names or #rrggbb, shapes are
// non-degenerate and inside the bounds, and no robot starts (or has its
// goal) inside or within its radius of an obstacle or overlapping another
// robot. Errors are one line, name the element and start with "robot: ".
//
// # Atoms
//
// In a spec, region means "the robot is in region" when there is one
// robot and "some robot is in region" when there are several;
// robot.region names one robot. A name resolves to a region, else to a
// group (any of its members), else to a kind (any region of that kind,
// e.g. "charging" for charging1 | charging2). Robustness of a multi-region
// or multi-robot atom is the largest signed distance among them.
//
// # Trajectories
//
// {"robots": {"r1": [[x, y, t], ...], ...}} in JSON, or CSV rows
// robot,x,y,t (header optional), or AutoTAMP's planner output (one "x y t"
// row per line, one file per robot, [ParseAutoTAMPRows]). Times start at 0
// and increase strictly; a robot moves in a straight line at constant
// speed between waypoints and rests at its last waypoint afterwards.
//
// # Checking
//
// [Check] returns the spec's exact verdict, its robustness bracket and,
// for a violation, the failing sub-formula and time (see package stl),
// plus physical violations: a path not starting at the robot's start or
// not ending at its goal, waypoints outside the bounds, a path ending
// after the horizon, a segment faster than max_speed (Euclidean speed;
// AutoTAMP's L1 limit implies it), a disc closer to an obstacle than the
// radius (exact segment–polygon distance) and two discs overlapping at
// the same time (exact: the squared distance between two linearly moving
// points is a quadratic on every common piece). Satisfied is true only
// when the spec holds and nothing is violated.
//
// # Planning
//
// [Plan] turns a spec into trajectories for all of the environment's
// robots and returns them only when [Check] accepts them with positive
// robustness. It supports a conjunction of: reach F[a,b] p; sequences
// F[a,b](p & F[c,d](...)) (inner windows count from the previous visit);
// stays F[a,b] G[0,d] p and F G p; visit-then-keep-out F(p & G(!q & ...));
// avoid G !p and G(!p & !q) (G[a,b] !p is kept for the whole plan);
// orderings !door U[0,b] key; responses
// G(p -> F[0,d] q); returns G(!c -> F[0,d] c). A place p is a region,
// group or kind, or a disjunction of them. With several robots rk.p is
// robot rk's and a bare p any robot's: reach goals of bare places are
// allocated to robots (every allocation for small counts, greedy with
// single-goal moves beyond) for the earliest finish; until needs one
// robot, and a response is met by the robot that triggers it. Anything
// else is refused with [ErrUnsupported] quoting the sub-formula.
//
// Each robot's visits are ordered by depth-first branch and bound,
// memoised on (place, progress, pending obligations) and merging visits
// that meet several chains at once. Legs are shortest paths in visibility
// graphs around walls and obstacles inflated by the radius plus a margin
// and around avoided regions and locked doors (added lazily, only those a
// path comes near, so graphs are shared across lock states), and keep out
// of response triggers they do not start or end in where possible.
// Robots are then placed one after another: each waits at its start (or
// at one waypoint on its way) until it keeps PlanOptions.Separation from
// the robots placed before it, re-parks in its last region, steps back to
// its start after its last visit, or detours around the others' parking
// spots. No plan within the horizon
// gives [ErrNoPlan] naming the visit, deadline or requirement that failed.
//
// # Pictures
//
// [Render] draws an environment and optionally a trajectory as SVG or PNG:
// regions filled in their colours with their names, walls and obstacles
// in dark grey, starts (discs of the robots' radii) and goals (crosses),
// and each robot's path with waypoints, direction arrows and time ticks.
package robot
