package nl

import (
	"image/color"
	"strings"
)

// This file holds the vocabulary: contractions, place synonyms, colour
// words and families, and the cue words of the instruction grammar.

// contractions are expanded before anything else.
var contractions = map[string]string{
	"don't": "do not", "doesn't": "does not", "didn't": "did not", "won't": "will not",
	"can't": "can not", "cannot": "can not", "mustn't": "must not", "shouldn't": "should not",
	"isn't": "is not", "aren't": "are not", "wasn't": "was not", "haven't": "have not",
	"it's": "it is", "that's": "that is", "there's": "there is", "what's": "what is",
	"you've": "you have", "you're": "you are", "you'll": "you will", "you'd": "you would",
	"let's": "let us", "i'm": "i am", "we're": "we are", "they're": "they are",
}

// synonyms rewrite place words to the canonical words that environment
// names are matched against (environment names go through the same
// table, so "RestRoom" and "washroom" both become "restroom").
var synonyms = map[string]string{
	// bathrooms
	"bathroom": "restroom", "washroom": "restroom", "lavatory": "restroom", "toilet": "restroom",
	"wc": "restroom", "loo": "restroom", "rest room": "restroom", "powder room": "restroom",
	"water closet": "restroom", "bath room": "restroom", "wash room": "restroom",
	// bedrooms
	"sleeping room": "bedroom", "sleeping quarters": "bedroom", "sleeping quarter": "bedroom",
	"sleeping area": "bedroom", "sleeping space": "bedroom", "bed room": "bedroom",
	"bedchamber": "bedroom", "guest room": "bedroom", "boudoir": "bedroom", "sleep space": "bedroom",
	"resting area": "bedroom", "room of rest": "bedroom", "resting room": "bedroom", "sleep room": "bedroom",
	"main bedroom": "master bedroom", "primary bedroom": "master bedroom", "master room": "master bedroom",
	// kitchens
	"culinary space": "kitchen", "culinary area": "kitchen", "culinary room": "kitchen",
	"cookhouse": "kitchen", "galley": "kitchen", "kitchenette": "kitchen", "cookery": "kitchen",
	"cooking room": "kitchen", "cooking area": "kitchen", "cooking space": "kitchen", "cooking station": "kitchen",
	"room for cooking": "kitchen", "space for cooking": "kitchen", "area for cooking": "kitchen",
	"place for cooking": "kitchen", "food preparation area": "kitchen", "food preparation space": "kitchen",
	"area for food preparation": "kitchen", "space for food preparation": "kitchen",
	"place for culinary actions": "kitchen",
	// dining rooms
	"eating area": "dining room", "eating space": "dining room", "eating room": "dining room",
	"dining area": "dining room", "dining space": "dining room", "dining hall": "dining room",
	"diningroom": "dining room", "dinning room": "dining room", "dining location": "dining room",
	"room for dining": "dining room", "room meant for dining": "dining room", "place for meals": "dining room",
	"space where meals are served": "dining room", "meal serving room": "dining room", "room set for dining": "dining room",
	"place set aside for dining": "dining room", "place of eating": "dining room", "place for dining": "dining room",
	"area for dining": "dining room", "eating place": "dining room", "room for meals": "dining room",
	// living rooms
	"livingroom": "living room", "lounge": "living room", "sitting room": "living room",
	"family room": "living room", "living area": "living room", "living space": "living room",
	"front room": "living room", "drawing room": "living room",
	// exercise rooms
	"gym": "exercise room", "gymnasium": "exercise room", "workout room": "exercise room",
	"fitness room": "exercise room", "exercise area": "exercise room", "exerciseroom": "exercise room",
	"workout area": "exercise room", "fitness area": "exercise room",
	// other scenario words
	"charging station": "charging", "charger": "charging", "charging stations": "charging",
	"charging dock": "charging", "charging area": "charging",
	"transmitting station": "transmitter", "transmission station": "transmitter",
	"ingredient area": "ingredient room", "ingredient station": "ingredient room",
	"target": "goal", "target area": "goal", "goal area": "goal", "goal region": "goal",
	"destination": "goal",
}

// genericHeads are nouns that mean "any area" (not walls or obstacles).
var genericHeads = map[string]bool{
	"room": true, "chamber": true, "space": true, "area": true, "place": true, "location": true,
	"spot": true, "zone": true, "region": true, "one": true, "quarters": true, "section": true,
	"interior": true, "enclosure": true, "compartment": true, "venue": true,
}

// wallHeads are nouns for the regions robots never enter.
var wallHeads = map[string]bool{"wall": true, "obstacle": true, "barrier": true}

// Colour families. Every colour word of an instruction and every colour
// of an environment belongs to one family; a phrase matches a region
// whose colour is the same word, or else of the same family.
const (
	red, orange, yellow, green, cyan, blue  = "red", "orange", "yellow", "green", "cyan", "blue"
	purple, pink, brown, black, white, gray = "purple", "pink", "brown", "black", "white", "gray"
)

// colourWords maps colour words (single words or written together, as
// "skyblue") to their family. Shade words before a colour (light, dark,
// true, pure, ...) and suffixes (colored, hued, ...) are read separately.
var colourWords = map[string]string{
	"red": red, "crimson": red, "scarlet": red, "ruby": red, "cherry": red, "maroon": red,
	"burgundy": red, "vermilion": red, "vermillion": red, "carmine": red, "cardinal": red,
	"wine": red, "blood": red, "reddish": red, "darkred": red, "tomato": red, "brick": red, "fiery": red,
	"pink": pink, "rosy": pink, "rose": pink, "pinkish": pink, "blush": pink, "salmon": pink,
	"hotpink": pink, "lightpink": pink, "magenta": pink, "fuchsia": pink,
	"orange": orange, "tangerine": orange, "coral": orange, "apricot": orange,
	"peach": orange, "orangish": orange, "darkorange": orange,
	"yellow": yellow, "mustard": yellow, "golden": yellow, "gold": yellow, "lemon": yellow,
	"canary": yellow, "yellowish": yellow, "saffron": yellow, "khaki": yellow, "butter": yellow,
	"sunflower": yellow, "buttercup": yellow, "sunny": yellow, "amber": yellow, "honey": yellow,
	"green": green, "emerald": green, "lime": green, "olive": green, "jade": green, "mint": green,
	"forest": green, "sage": green, "chartreuse": green, "greenish": green, "darkgreen": green,
	"lightgreen": green, "seagreen": green, "forestgreen": green, "limegreen": green, "mintcream": green,
	"cyan": cyan, "aqua": cyan, "turquoise": cyan, "teal": cyan, "aquamarine": cyan, "cyanish": cyan,
	"blue": blue, "navy": blue, "azure": blue, "cobalt": blue, "sapphire": blue, "cerulean": blue,
	"bluish": blue, "blueish": blue, "sky": blue, "skyblue": blue, "steelblue": blue, "royalblue": blue,
	"lightblue": blue, "darkblue": blue, "navyblue": blue, "babyblue": blue,
	"purple": purple, "violet": purple, "lavender": purple, "lilac": purple, "mauve": purple,
	"plum": purple, "amethyst": purple, "orchid": purple, "indigo": purple, "purplish": purple,
	"grape": purple,
	"brown": brown, "tan": brown, "beige": brown, "chocolate": brown, "sienna": brown,
	"coffee": brown, "chestnut": brown, "brownish": brown, "wheat": brown,
	"black": black, "ebony": black, "jet": black,
	"white": white, "ivory": white, "cream": white, "snow": white,
	"gray": gray, "grey": gray, "silver": gray, "slate": gray, "ash": gray, "charcoal": gray,
	"darkgray": gray, "darkgrey": gray, "lightgray": gray, "lightgrey": gray, "slategray": gray,
	"slategrey": gray, "grayish": gray, "greyish": gray,
}

// shadeWords may stand before a colour word ("light pink", "true blue").
var shadeWords = map[string]bool{
	"light": true, "dark": true, "pale": true, "deep": true, "bright": true, "true": true,
	"pure": true, "vivid": true, "soft": true, "hot": true, "baby": true, "pastel": true,
	"intense": true, "medium": true, "royal": true, "warm": true, "cool": true,
	"muted": true, "strong": true, "faded": true, "dusty": true, "real": true, "bold": true,
	"vibrant": true, "striking": true, "candy": true, "floss": true, "powder": true, "flamingo": true,
	"pristine": true, "unadulterated": true, "absolute": true, "quintessential": true, "fundamental": true,
	"exact": true, "raw": true, "clear": true, "cut": true, "actual": true, "genuine": true, "full": true,
	"plain": true, "simple": true, "proper": true, "solid": true, "classic": true, "rich": true,
}

// colourSuffixes may follow a colour word ("mustard-colored", "rosy-hued").
var colourSuffixes = map[string]bool{
	"colored": true, "coloured": true, "hued": true, "tinted": true, "toned": true,
	"shaded": true, "themed": true, "decorated": true, "painted": true,
}

// neighbours are the families that "resemble" a family (adjacent on the
// colour wheel, or a tint of it); a family also resembles itself.
var neighbours = map[string][]string{
	red:    {pink, orange, purple, brown},
	orange: {red, yellow, brown},
	yellow: {orange, green},
	green:  {yellow, cyan},
	cyan:   {green, blue},
	blue:   {cyan, purple},
	purple: {blue, red, pink},
	pink:   {red, purple},
	brown:  {red, orange},
	black:  {gray},
	white:  {gray},
	gray:   {black, white},
}

// familyRGB are prototypes for environment colours given as #rrggbb or as
// a name outside colourWords: the nearest prototype gives the family.
var familyRGB = map[string]color.RGBA{
	red: {255, 0, 0, 255}, orange: {255, 165, 0, 255}, yellow: {255, 255, 0, 255},
	green: {0, 160, 0, 255}, cyan: {0, 255, 255, 255}, blue: {0, 0, 255, 255},
	purple: {128, 0, 128, 255}, pink: {255, 170, 200, 255}, brown: {150, 75, 0, 255},
	black: {0, 0, 0, 255}, white: {255, 255, 255, 255}, gray: {128, 128, 128, 255},
}

// numberWords are small numbers written out.
var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "half": 0.5,
}

// timeUnits are the words after a number of seconds (value: seconds).
var timeUnits = map[string]float64{
	"second": 1, "seconds": 1, "s": 1, "sec": 1, "secs": 1, "time unit": 1, "time units": 1,
	"unit": 1, "units": 1, "timestep": 1, "timesteps": 1, "minute": 60, "minutes": 60, "min": 60, "mins": 60,
}

// cue is the role of a word or phrase in the instruction grammar.
type cue uint8

const (
	cueNone      cue = iota
	cueVisit         // go to, enter, explore, reach, ...
	cueNeg           // not, never, without
	cueAvoid         // avoid, stay away from, refrain from
	cueStay          // stay, remain, linger
	cueEnd           // end in, conclude in: stay there to the end
	cueEndVisit      // conclude your exploration in: the last visit
	cueThen          // then, afterwards, followed by, finally
	cueAlso          // also, additionally: a new independent sequence
	cueAnyOrder      // in any order
	cueFirst         // first, ahead, beforehand
	cueBefore        // before, prior to
	cueAfter         // after, once
	cueUntil         // until, till
	cueOnlyAfter     // only after
	cuePurpose       // to open, to unlock
	cueVia           // through, via
	cueThere         // there, in there
	cueWithin        // within (a deadline follows)
	cueFor           // for (a duration follows)
	cueFiller        // words that carry no meaning here
	cueNextRoom      // "the next room": a visit between every two others (not expressible)
	cueBack          // back, again: a place visited once more
	cueCond          // if, whenever: a condition, which is refused (not read as a visit)
)

// cues are the cue phrases; the longest phrase at a position wins.
var cues = map[string]cue{}

func addCues(c cue, phrases ...string) {
	for _, p := range phrases {
		cues[p] = c
	}
}

func init() {
	addCues(cueVisit,
		"go", "goes", "going", "went", "gone", "go to", "go into", "proceed", "proceeds", "proceeding",
		"head", "heads", "heading", "move", "moves", "moving", "travel", "travels", "traveling", "travelling",
		"journey", "journeys", "journeying", "navigate", "navigates", "navigating", "advance", "advances",
		"advancing", "transition", "transitions", "transitioning", "venture", "ventures", "venturing",
		"walk", "walks", "walking", "run", "runs", "running", "drive", "drives", "driving", "return",
		"returns", "returning", "come", "comes", "coming", "get", "gets", "getting", "step", "steps",
		"stepping", "visit", "visits", "visiting", "visited", "enter", "enters", "entering", "entered",
		"explore", "explores", "exploring", "explored", "reach", "reaches", "reaching", "reached",
		"inspect", "inspects", "inspecting", "tour", "touring", "arrive", "arrives", "arriving",
		"pass", "passes", "passing", "stop by", "stop at", "check out", "check", "checking out", "cross",
		"crosses", "crossing", "drop by", "pop into", "swing by", "make your way", "make my way",
		"make its way", "makes its way", "making your way", "find your way", "set foot", "step foot",
		"set foot in", "step foot in", "pay a visit", "take a trip", "a trip", "a visit", "a stop",
		"been", "disturb", "disturbing", "touch", "touching", "touches", "occupy",
		"continue", "continues", "continuing", "progress", "progresses", "progressing", "start", "starting",
		"start by", "start off by", "start with", "start at", "begin", "begin by", "begin with", "begin at",
		"commence", "commence by", "commence at", "embark", "embark on", "initiate", "initiate from", "steer",
		"make a beeline", "make a beeline to", "make a beeline for", "take the path", "take the route",
		"set course for", "set course", "set your course to", "set your course for", "direct your steps to",
		"direct yourself to", "direct", "migrate", "migrates", "relocate", "relocating", "shift", "pop",
		"find yourself in", "lead you to", "leads you to", "lead", "access", "hit", "hits",
		"poke your head into", "have a look at", "get a look at", "take a look at", "take a tour of",
		"do a tour of", "browse", "scope out", "survey", "peruse", "check off", "make a round of",
		"stop off at", "experience", "spend time", "spend time in", "spend some time", "spent some time",
		"spent time", "make a stop", "make a quick stop", "make a pit stop", "pit stop", "a pit stop",
		"a quick stop", "using", "bring you to", "brings you to", "backtrack", "reroute", "come in contact with",
		"interact", "interact with", "meddle", "meddle with", "interfere", "tours", "move on to", "moving on to",
		"go back", "head back", "come back", "get through", "go through", "not skip", "not miss",
		"not miss out on", "move", "moving", "trip", "land in", "arrive in",
		"see", "roam", "open", "opens", "opening", "unlock", "unlocking", "wander", "wander into", "rove", "collect", "pick up", "grab", "fetch",
	)
	addCues(cueNeg, "not", "never", "without", "no", "nor", "neither")
	addCues(cueAvoid,
		"avoid", "avoids", "avoiding", "avoided", "evade", "evading", "shun", "bypass", "bypassing",
		"stay away", "stay away from", "keep away", "keep away from", "keep out", "keep out of",
		"stay out", "stay out of", "steer clear", "steer clear of", "refrain", "refrain from",
		"refraining from", "keep clear of", "stay clear of", "avoid contact with", "avoid going",
		"avoid entering", "avoid contact", "skip", "skipping", "ignore", "steering clear of", "steering clear",
		"circumnavigate", "dodge", "dodging", "hold off on", "hold off", "keep off", "keep off from",
		"keep off of", "stay off", "avoid any interaction with", "avoid brushing against",
	)
	addCues(cueStay, "stay", "stays", "staying", "remain", "remains", "linger", "lingers", "lingering",
		"wait", "waits", "waiting", "dwell", "dwells", "dwelling", "spend", "spends", "spending",
		"pause", "pausing", "rest", "hold", "stay put", "park", "hold still", "keep still", "stay stationary",
		"maintain your position in", "hold your position in", "maintain your position", "hold your position",
		"remaining", "stay still")
	addCues(cueEnd, "end", "ends", "end up", "ending", "end up in", "conclude", "concludes", "concluding",
		"finish", "finishes", "finishing", "terminate", "terminates", "wind up", "come to rest",
		"come to a stop", "settle", "stop", "stops", "be at the end", "end the journey", "end your journey",
		"end your trip", "finish your journey", "conclude your journey", "conclude the journey",
		"end the trip", "finish the trip", "terminate", "wrap up", "round off", "culminate", "culminates",
		"bring your tour to a close", "bring your journey to a close", "your final destination should be",
		"final destination", "your final stop should be", "your final stop will be", "final stop")
	addCues(cueEndVisit, "conclude your exploration", "conclude the exploration", "end your exploration",
		"finish your exploration", "conclude your tour", "end your tour", "finish your tour",
		"conclude your visits", "end your visits", "wrap up your exploration", "conclude exploring",
		"end exploring", "the final room to visit should be", "the last room to visit should be")
	addCues(cueThen, "then", "and then", "afterwards", "afterward", "after that", "after this",
		"after which", "followed by", "next", "subsequently", "thereafter", "from there", "from here",
		"later", "once there", "finally", "lastly", "at last", "in the end", "at the end", "ultimately",
		"eventually", "last of all", "and finally", "last", "follow up with", "follow this up by", "followed up by")
	addCues(cueAlso, "also", "additionally", "in addition", "as well", "moreover", "furthermore",
		"besides that", "separately", "independently", "at some point", "at any point", "at any time", "sometime")
	addCues(cueAnyOrder, "in any order", "in either order", "in whatever order", "in no particular order")
	addCues(cueFirst, "first", "firstly", "first of all", "initially", "to begin with", "to start",
		"to start with", "at first", "ahead", "beforehand", "in advance", "earlier", "to begin")
	addCues(cueBefore, "before", "prior to", "ahead of")
	addCues(cueAfter, "after", "once")
	addCues(cueCond, "if", "only if", "whenever", "every time", "each time", "in case", "unless", "provided",
		"provided that", "as long as")
	addCues(cueUntil, "until", "till", "up until", "until after")
	addCues(cueOnlyAfter, "only after", "only once", "not before")
	addCues(cuePurpose, "to open", "to unlock", "in order to open", "in order to unlock",
		"so that you can open", "so you can open", "for opening", "to pass through", "to get through",
		"to go through", "to use")
	addCues(cueVia, "through", "via", "by way of", "passing through", "going through", "by passing through")
	addCues(cueThere, "there", "in there", "over there", "at that place", "in that place", "in it", "inside it")
	addCues(cueWithin, "within", "in under", "in less than", "in at most", "no later than", "by",
		"in no more than", "at most", "no more than")
	addCues(cueFor, "for", "for at least", "for a minimum of", "for no less than", "for a full",
		"for at minimum", "for a total of", "at least", "a minimum of", "a full", "for a period of",
		"for a duration of", "for about", "for exactly", "for a time of", "for a span of", "for a quick",
		"for a brief", "for a short", "for a count of", "for a count of at least", "for a minimum duration of",
		"for a minimum span of", "for a period not less than", "for a period of no less than",
		"for a period of at least", "not less than", "no less than", "for no fewer than")
	addCues(cueFiller,
		"the", "a", "an", "to", "of", "is", "are", "be", "being", "it", "its", "it is", "that", "this",
		"you", "your", "yourself", "i", "we", "us", "robot", "the robot", "please", "kindly", "sure",
		"make sure", "be sure", "ensure", "ensuring", "remember", "remember to", "try", "try to",
		"must", "should", "need", "needs", "need to", "have", "has", "had", "have to", "will", "would",
		"can", "could", "may", "might", "shall", "do", "does", "did", "and", "but", "or", "so", "just",
		"important", "it is important", "crucial", "essential", "necessary", "careful", "take care",
		"journey", "exploration", "at all", "with", "from",
		"on", "in", "at", "into", "inside", "onto", "toward", "towards", "over", "up", "down",
		"out", "across", "around", "along", "while", "whilst", "as", "well", "here", "now",
		"immediately", "directly", "straight", "at least once", "least",
		"always", "all times", "at all times", "whole", "entire", "time", "however", "though",
		"although", "for example", "for instance", "e.g", "eg", "example", "instance", "like",
		"contact", "also remember", "let us", "let", "go ahead", "okay", "ok", "then please",
		"being careful", "making sure", "which", "who", "where", "when", "what",
		"everything", "anything", "thing", "things", "task", "mission", "job", "doing", "done",
		"able", "allowed", "permitted", "supposed", "required", "expected", "want", "wants",
		"like to", "would like", "i want", "we want", "goal is", "point", "trip to",
		"so that", "in order", "order", "pick",
		"food", "corresponding", "specific", "matching", "respective", "own", "same",
		"exactly", "precisely", "particular", "certain", "certainly", "definitely", "really",
		"very", "closely", "quite", "rather", "somewhat", "fairly", "slightly",
		"intense", "pure", "true", "shade", "hue", "tone", "tint",
		"even", "only", "still", "yet", "more", "any more", "anymore", "ever",
		"steps", "part", "portion", "stage", "leg", "whilst doing so",
		"mindful", "be mindful to", "completely", "throughout", "at all costs", "feel free to", "free",
		"you are free to", "fine", "safe", "open for exploration", "imperative", "make it a point to",
		"make a point to", "do not forget to", "forget", "keep in mind", "bear in mind", "mind", "taking care",
		"carefully", "purposely", "make a habit of", "habit", "quick", "brief", "short", "interval",
		"distinct", "separate", "individual", "consider", "think about", "while you are there",
		"is your first stop", "should be your first stop", "your first stop", "is checked off", "is visited",
		"has been visited", "should be visited", "be visited", "are visited", "gotta", "got to", "wanna",
		"gonna", "interaction", "any", "commit to", "commit", "remembering", "always remembering to",
		"stationary", "leading", "leading to", "prioritize", "include", "expedition", "itinerary", "voyage", "trek", "circuit", "tour", "your tour",
	)
	addCues(cueBack, "back", "again", "once more", "back to")
	addCues(cueNextRoom, "the next", "the next room", "the next one", "the subsequent room", "the following room",
		"each next room", "any next room", "subsequent room", "the subsequent one")
}

// singular returns the singular of a plural noun (best effort) and
// whether a change was made.
func singular(w string) (string, bool) {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y", true
	case len(w) > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") ||
		strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2], true
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:len(w)-1], true
	}
	return w, false
}
