// Package nl translates robot tasks written in controlled English into
// Signal Temporal Logic over an environment's region names (package stl,
// package robot), offline and deterministically. What it does not
// understand it reports; it never guesses.
//
//	res, err := nl.Translate(env, "Go to the green bedroom, then the yellow bathroom, and never enter the living room.")
//	// res.Text == "F(master_bedroom & F restroom) & G !living_room"
//
// # Places
//
// A noun phrase names regions by
//
//   - name: key1, living room, living_room, key 1; a name written exactly
//     as in the environment is always one name (cooking_room1, and
//     r2.goal1 for robot r2 in goal1); a region named like an article or
//     quantifier ("a", "all") is that region where no noun phrase follows
//     ("go to a then b"), else the word is the article ("a room"); before
//     another region's exact name ("go to a b") it is ambiguous;
//   - kind, function or group: keys, the goals, the charging station;
//   - synonym: restroom/bathroom/washroom/lavatory/toilet, bedroom/sleeping
//     room/sleeping quarters/boudoir, kitchen/culinary space/cookery/room for
//     cooking, dining room/eating area/dining hall/place for meals, living
//     room/livingroom/lounge, exercise room/gym, chamber/room/space/area/
//     place/spot/zone/section (any region that is not a wall or obstacle);
//     environment names go through the same table, so "RestRoom" is a restroom;
//   - colour: "the green bedroom", "the room painted in cyan", "the two
//     areas colored in true blue", "rooms that are neither light pink nor
//     cyan", "a hue closely resembling red, but not exactly the pure shade
//     of red", "the bathroom with a bold red touch";
//   - size: the smaller/smallest/larger/largest of the candidates (by area);
//   - quantity: all, every, each, both, two ..., any/either/a (one of
//     them), except/other than/but not/neither ... nor, other (all but the
//     places the same sentence names).
//
// A singular phrase must name one region: when several fit, one written
// exactly as its name wins ("the bedroom" is bedroom, not master_bedroom;
// "the restroom" is restroom, not restroom2), else the phrase is
// ambiguous and Translate fails naming the candidates ("the bathroom"
// could be restroom2 or restroom).
//
// Colour words belong to families (red, orange, yellow, green, cyan, blue,
// purple, pink, brown, black, white, gray): crimson, scarlet, ruby,
// maroon, fiery → red; rosy, rose, blush, salmon, magenta → pink; mustard,
// golden, canary, lemon, sunflower, amber → yellow; emerald, lime, olive,
// jade → green; teal, turquoise, aqua → cyan; navy, azure, cobalt, true
// blue → blue; violet, lavender, lilac, indigo → purple (the full table
// is colourWords in lexicon.go). Shade words (light, dark, pale, true,
// pure, bold, ...) and suffixes (-colored, -hued, -tinted, -toned) are
// read around the colour. A region whose colour is written as the phrase
// says wins; else the family decides ("crimson" finds a red region).
// "Resembling", "similar to", "nearly", "close to" take the family and its
// neighbours on the colour wheel (red: pink, orange, purple, brown; blue:
// cyan, purple; ...). Environment colours outside the table, such as
// #rrggbb, join the family of the nearest prototype colour.
//
// # Constructs
//
//	go to A, then B; afterwards, followed by,   F(a & F b)
//	  from there, finally, through B (B first)
//	visit A and B / both A and B                F(a & F b) (the order given)
//	visit A and B in any order; all/every X     F a & F b (in a sequence: F(a & rest) & F(b & rest))
//	go to A or B / any X / a blue room          F(a | b)
//	avoid, never, don't enter, stay away from,  G(!a & !b)
//	  refrain from, keep out of, not disturb
//	stay/linger/remain ... for N seconds        F G[0,N] a (on the place just visited, or "there")
//	within N seconds                            F[0,N] a (counted from the previous step)
//	end in, conclude in, your journey should     F(a & G(!b & !c ...)): a is the last region
//	  conclude in, final stop                      entered (b, c ... all the other regions)
//	go to A and stay there (no duration)        F G a
//	conclude your exploration in A              A is the last step of the sequence
//	before X, visit Y (first)                   !x U y for every region x of X
//	do not enter X until Y; X only after Y;     !x U y
//	  never enter X before Y
//	every X, the Y first                        F x ... & !x U y for every other x of X
//	visit A before B; go to B after A           !b U a & F b
//	reach the key first to open the door;       !door U key, pairing each door with the key
//	  each door only after its key                 that opens it (functions "opens door1" /
//	                                               "opened by key1", else equal numbers)
//
// Sentences and clauses continue one sequence unless "also" or
// "additionally" starts another. A description to avoid ("all blue
// rooms") leaves out regions the instruction visits (with a note); a
// named region both visited and avoided is an error. Walls and obstacles
// are always avoided by the checker and planner, so "do not touch the
// walls" only adds a note. "Before the next room" (a visit between every
// two others) and deadlines over several steps in a row cannot be stated
// as one fixed formula here and are refused. So is what would otherwise
// be read as something else: conditions ("if", "whenever", "every time",
// "unless"), lower time bounds ("after 5 seconds", "5 seconds from now"),
// keep-outs for a while or only after another visit ("avoid X for 5
// seconds", "never visit X after Y"), keeping out of only some places
// ("avoid one of the bathrooms", "don't visit both"), negated stays and
// endings, counts of visits ("exactly once", "twice"), an exception that
// excludes nothing ("the kitchen but not the bedroom") and two orderings
// in one clause ("X before Y and after Z"). A place named before a
// negated or avoiding verb is kept out ("the kitchen must never be
// entered").
//
// # Robots
//
// With several robots a bare region means "some robot is in it". A robot
// named as the subject ("r2 goes to goal2", "robot 2 must avoid ...")
// makes the atoms of its clauses r2.region until another robot is named;
// a new robot starts its own sequence unless "then" orders it after the
// previous one. With one robot its name adds nothing and atoms stay bare.
//
// # Results and errors
//
// [Result] holds the formula, its text (which parses back to it) and a
// [Note] per phrase saying how it was read, for the user and for an
// agent's transcript. Errors are one line and start with "nl: ":
// [ErrUnknownWords] (an [*UnknownWordsError] listing the words), [ErrAmbiguous],
// [ErrNoMatch] and [ErrUnsupported].
package nl
