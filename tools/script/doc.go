// Package script runs Starlark code in a sandbox where it can call every
// registered tool and define new tools, and runs real Python, less
// isolated, when asked to.
//
// # Language
//
// Scripts are Starlark (go.starlark.net), a deterministic Python dialect,
// with while loops, recursion, sets, top-level if/for/while and global
// reassignment enabled. There is no import, no load() (refused), no
// exceptions (fail(msg) aborts), no ** operator (use pow), and no
// file, network, environment, clock, randomness or process access: the
// names os, open, time and friends are undefined, and the error says so.
// Runs are deterministic: dict and set iteration follow insertion order.
//
// # Predeclared names
//
// Starlark's built-ins (len, range, sorted(key=, reverse=), min/max(key=),
// enumerate, zip, reversed, any, all, str, repr, int, float, list, tuple,
// dict, set, bytes, hash, getattr, hasattr, dir, type, print, fail, ...)
// plus these helpers that Python-trained code reaches for:
//
//	sum(iterable, start=0)           Python's sum
//	pow(base, exp, mod=None)         integer power (exact, size-checked); floats too
//	divmod(a, b)                     (a // b, a % b)
//	gcd(*ints), lcm(*ints)           non-negative
//	permutations(iterable, r=None)   itertools.permutations, as a list of tuples
//	combinations(iterable, r)        itertools.combinations, as a list
//	product(*iterables, repeat=1)    itertools.product, as a list
//	chars(s)                         the characters of s as one-character strings
//	                                 (also: s.elems(), s.codepoints(), s[::-1], ord, chr)
//	math                             go.starlark.net/lib/math (sqrt, floor, ceil, log,
//	                                 pi, ...) plus inf, nan, gcd, lcm, isqrt, factorial,
//	                                 comb, perm, prod
//	json                             encode, encode_indent, decode, indent
//	tools                            the tool registry (below)
//	register_tool                    define a tool (below)
//
// # Tools
//
// tools.call("sat.solve", {"clauses": [[1, 2], [-1]]}) calls a registered
// tool and returns its JSON output as Starlark values (dicts keep key
// order; integers stay exact). tools.sat_solve(clauses=[...]) is the same
// call, the tool name written with "_" for "."; it takes one dict or
// keyword arguments. tools.list() lists the names. Input is validated
// against the tool's schema; a bad call stops the script with the
// registry's one-line message, naming the field.
//
// # Defining tools
//
//	register_tool(name, fn, description, input_schema=None,
//	              output_schema=None, examples=None)
//
// registers fn, a function of one argument (the validated input as a
// dict) returning a JSON-compatible value (None, bool, int, float, string,
// list, tuple, dict with string keys), which becomes the tool's output.
// name is dotted lower case ("puzzle.nqueens_sat"); input_schema is a JSON
// Schema dict of type "object" (default: any object); examples are inputs
// the tool is test-run on before it is persisted. A built-in tool's name
// cannot be taken. Run returns the definitions in Result.Registered;
// Runner.Install puts one in the registry, where it is listed, described
// and called like a built-in (CLI, MCP, other scripts). Each call runs fn
// on a fresh thread under the runner's limits; the script's globals are
// frozen after it ran, so tools are stateless and safe to call
// concurrently.
//
// # Persistence
//
// A Store is a directory of tool files, NAME.star holding the script that
// registers tool NAME (exactly one). Save writes a temporary ".tmp-*" file,
// syncs it and renames it over NAME.star, so a crash at any point leaves
// the old file or the new one. Load re-executes every file in the sandbox
// at start and installs its tool; a file that fails is skipped with a
// warning. DefaultDir is $PLANKIT_TOOLS_DIR or plankit/tools under the
// user's configuration directory. Top-level code of a tool file runs at
// every start, so it should only define things.
//
// # Limits
//
// Limits bound every run and every call of a script tool: execution steps
// (bulk built-ins charge steps for the work they do), a wall-clock timeout
// (bridged to the context and Thread.Cancel), printed output, the call
// depth, the size of values, and the growth of the heap. go.starlark.net
// has no memory limit of its own, so the sandbox rewrites the syntax tree
// before compiling it: every operation that can build a large value in one
// step (+, *, % and their augmented forms, str.join/replace/format,
// list.extend, set and dict updates, f(*args)) and every built-in that
// iterates or stringifies in Go (list, sorted, zip, str, print, json, ...)
// checks the size of its result against MaxValue first, and refuses
// structures whose printed form would explode (shared sub-lists counted
// every time). A watchdog cancels the run when the live heap grows by more
// than MaxMemory. Limit failures wrap ErrSteps, ErrTimeout, ErrOutput,
// ErrValueSize, ErrMemory or ErrDepth in an *Error whose one-line message
// names the script position.
//
// Known gaps: a single built-in cannot be interrupted, so deep comparison
// (==, <) of huge deliberately shared nested lists can run past the
// timeout; Run then returns after a grace second and abandons the
// goroutine. The memory watchdog measures the whole process.
//
// # Python
//
// RunPython runs code with /usr/bin/python3 -I in a temporary directory,
// with an empty environment, under rlimits (CPU, address space, open
// files, processes, file size) via prlimit, in a fresh network namespace
// via unshare where the platform allows, as user nobody when plankit runs
// as root, with a wall-clock timeout and an output cap. This isolation is
// much weaker than Starlark's (the program can read what its user can
// read and make any system call): use it only for code that needs Python.
package script
