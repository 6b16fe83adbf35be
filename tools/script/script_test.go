package script

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/plankit/plankit/tools"
	"github.com/plankit/plankit/tools/builtin"
)

func builtinRegistry(t testing.TB) *tools.Registry {
	t.Helper()
	reg, err := builtin.New(builtin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func run(t *testing.T, r *Runner, src string) (Result, error) {
	t.Helper()
	return r.Run(context.Background(), "test.star", src)
}

func TestRunOutput(t *testing.T) {
	r := New(builtinRegistry(t), Limits{})
	tests := []struct {
		name, src, want string
	}{
		{"print", `print("a", 1, [2], sep="-")`, "a-1-[2]\n"},
		{"while and recursion", "def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\ni = 0\nwhile i < 3:\n    i += 1\nprint(i, fact(20))", "3 2432902008176640000\n"},
		{"sets and top level", "s = set([3, 1, 3])\nif 1 in s:\n    print(sorted(s))", "[1, 3]\n"},
		{"global reassign", "x = 1\nx = x + 1\nprint(x)", "2\n"},
		{"augmented forms", "s = 'ab'\ns += s\ns *= 2\nl = [1]\nl += l\nl += (7,)\nd = {'k': [0]}\nd['k'] += d['k']\nf = '%s'\nf %= 'z'\nprint(s, l, d, f)", "abababab [1, 1, 7] {\"k\": [0, 0]} z\n"},
		{"aug with call in target", "n = [0]\ndef key():\n    n[0] += 1\n    return 'k'\nd = {'k': 'a'}\nd[key()] += 'b' * 2\nprint(d, n)", "{\"k\": \"abb\"} [1]\n"},
		{"sorted with key", `print(sorted(["ccc", "a", "bb"], key=len, reverse=True))`, "[\"ccc\", \"bb\", \"a\"]\n"},
		{"permutations", `print(permutations([1, 2, 3], 2))`, "[(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]\n"},
		{"combinations", `print(combinations("abcd".elems(), 3))`, "[(\"a\", \"b\", \"c\"), (\"a\", \"b\", \"d\"), (\"a\", \"c\", \"d\"), (\"b\", \"c\", \"d\")]\n"},
		{"product", `print(product([0, 1], repeat=2), product("ab".elems(), [1]))`, "[(0, 0), (0, 1), (1, 0), (1, 1)] [(\"a\", 1), (\"b\", 1)]\n"},
		{"integer helpers", `print(gcd(12, 18, 27), lcm(4, 6), pow(2, 10), pow(3, 200, 7), pow(2, -1), divmod(-7, 2), sum(range(5)))`, "3 12 1024 2 0.5 (-4, 1) 10\n"},
		{"math module", `print(math.factorial(5), math.comb(5, 2), math.perm(5, 2), math.isqrt(99), math.prod([2, 3]), math.floor(2.5), math.inf > 1)`, "120 10 20 9 6 2 True\n"},
		{"strings", `print(chars("hé"), "-".join(["a", "b"]), "abc"[::-1], "x{}y".format(1), "a%sb" % "z", "aXa".replace("a", "bb"))`, "[\"h\", \"é\"] a-b cba x1y azb bbXbb\n"},
		{"json", `print(json.encode({"a": [1, None, True]}), json.decode('{"b": [1.5]}')["b"], json.indent('[1]', indent=""))`, "{\"a\":[1,null,true]} [1.5] [\n1\n]\n"},
		{"getattr guarded", `print(getattr("-", "join")(["x", "y"]), getattr("s", "nope", 7))`, "x-y 7\n"},
		{"spread", "def f(*a):\n    return len(a)\nprint(f(*range(5)), f(*[1, 2]))", "5 2\n"},
		{"tool call forms", "a = tools.call(\"sat.solve\", {\"clauses\": [[1], [-1, 2]]})\nb = tools.sat_solve(clauses=[[-1]])\nprint(a[\"status\"], a[\"model\"], b[\"model\"], \"sat.solve\" in tools.list())", "sat [1, 2] [-1] True\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := run(t, r, tc.src)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if res.Output != tc.want {
				t.Fatalf("output\n got %q\nwant %q", res.Output, tc.want)
			}
		})
	}
}

// TestDeterministic runs the same script twice: same output, same steps.
func TestDeterministic(t *testing.T) {
	r := New(nil, Limits{})
	src := "d = {}\nfor i in range(2000):\n    d[str(i * 7919 % 1000)] = i\nprint(hash('x'), list(d.keys())[:5], len(set([str(x) for x in range(100)])))"
	a, err1 := run(t, r, src)
	b, err2 := run(t, r, src)
	if err1 != nil || err2 != nil || a.Output != b.Output || a.Steps != b.Steps {
		t.Fatalf("runs differ: %+v %v / %+v %v", a, err1, b, err2)
	}
}

// TestAbuse is the suite of escape and abuse attempts: each must fail with
// a clear error that names the limit, and the host must be unaffected.
func TestAbuse(t *testing.T) {
	reg := builtinRegistry(t)
	// Small budgets keep the suite fast under -race; the defaults are
	// exercised by the other tests.
	r := New(reg, Limits{Steps: 1_000_000, MaxValue: 1 << 18, Timeout: 20 * time.Second, MaxMemory: 256 << 20})
	tests := []struct {
		name    string
		lim     *Limits
		src     string
		want    error
		wantMsg string
	}{
		{"read a file", nil, `print(open("/etc/passwd").read())`, ErrSandbox, "undefined: open"},
		{"load", nil, `load("secrets.star", "key")`, ErrSandbox, "load() is disabled"},
		{"environment", nil, `print(os.environ["HOME"])`, ErrSandbox, "undefined: os"},
		{"import", nil, "import os", ErrSandbox, "there is no import"},
		{"clock", nil, "print(time.now())", ErrSandbox, "undefined: time"},
		{"infinite while", nil, "while True:\n    pass", ErrSteps, "more than 1000000 steps"},
		{"deep recursion", nil, "def f(n):\n    return f(n + 1)\nf(0)", ErrDepth, "more than 2000 nested calls"},
		{"mutual recursion", nil, "def f(n):\n    return g(n)\ndef g(n):\n    return f(n)\nf(0)", ErrDepth, "nested calls"},
		{"string doubling", nil, "s = 'x'\nwhile True:\n    s = s + s", ErrValueSize, "string + string"},
		{"string doubling +=", nil, "s = 'x'\nwhile True:\n    s += s", ErrValueSize, "string + string"},
		{"string repeat", nil, "s = 'x' * 100000000", ErrValueSize, "string * 100000000"},
		{"list of 1e8 via list()", nil, "l = list(range(100000000))", ErrValueSize, "list would build a value of size 100000000"},
		{"list of 1e8 via *", nil, "l = [0] * 100000000", ErrValueSize, "list * 100000000"},
		{"list of 1e8 via comprehension", nil, "l = [i for i in range(100000000)]", ErrSteps, "steps"},
		{"list doubling extend", nil, "l = [1]\nwhile True:\n    l.extend(l)", ErrValueSize, "extend"},
		{"list doubling +=", nil, "l = [1]\nwhile True:\n    l += l", ErrValueSize, "list += iterable"},
		{"print 1 GB", nil, "s = 'x' * 100000\nfor i in range(10000):\n    print(s)", ErrOutput, "more than 1048576 bytes printed"},
		{"print billion laughs", nil, "a = [1] * 1000\nb = [a] * 1000\nc = [b] * 1000\nprint(c)", ErrOutput, "print"},
		{"str billion laughs", nil, "a = [1] * 1000\nb = [a] * 1000\nc = [b] * 1000\ns = str(c)", ErrValueSize, "str"},
		{"json billion laughs", nil, "a = [1] * 1000\nb = [a] * 1000\nc = [b] * 1000\ns = json.encode(c)", ErrValueSize, "json.encode"},
		{"format doubling", nil, "s = 'x' * 1000\nwhile True:\n    s = '%s%s' % (s, s)", ErrValueSize, "string % arguments"},
		{"str.format doubling", nil, "s = 'x' * 1000\nwhile True:\n    s = '{}{}'.format(s, s)", ErrValueSize, "format"},
		{"join doubling", nil, "s = 'x'\nwhile True:\n    s = ''.join([s, s])", ErrValueSize, "join"},
		{"replace bomb", nil, "s = 'x' * 100000\ns = s.replace('x', 'y' * 100)", ErrValueSize, "replace"},
		{"int squaring", nil, "x = 3\nwhile True:\n    x = x * x", ErrValueSize, "int * int"},
		{"pow bomb", nil, "x = pow(3, 100000000)", ErrValueSize, "pow"},
		{"int parse bomb", &Limits{Steps: 1_000_000}, "x = int('9' * 1000000)", ErrValueSize, "int()"},
		{"spread bomb", nil, "def f(*a):\n    pass\nf(*range(100000000))", ErrValueSize, "f(*args)"},
		{"zip bomb", nil, "z = zip(range(100000000), range(100000000))", ErrValueSize, "zip"},
		{"max over huge range", nil, "m = max(range(1000000000000000000))", ErrValueSize, "max"},
		{"set union bomb", nil, "s = set([1]).union(range(100000000))", ErrValueSize, "union"},
		{"deep nesting", nil, "l = []\nfor i in range(5000):\n    l = [l]", ErrValueSize, "nests values more than 1000 deep"},
		{"json nesting", nil, "v = json.decode('[' * 100000 + ']' * 100000)", ErrValueSize, "nested more than 1000"},
		{"json.indent bomb", nil, "v = json.indent('[' * 900 + ']' * 900, indent='x' * 1000)", ErrValueSize, "json.indent"},
		{"permutations bomb", nil, "p = permutations(range(20))", ErrValueSize, "permutations"},
		{"memory by many values", &Limits{MaxMemory: 16 << 20, Timeout: 20 * time.Second}, "keep = []\nfor i in range(100000):\n    keep.append(('x' * 200000) + str(i))", ErrMemory, "heap grew"},
		{"timeout", &Limits{Steps: 1 << 62, Timeout: 100 * time.Millisecond}, "while True:\n    pass", ErrTimeout, "after 100ms"},
		{"tool with wrong arguments", nil, `tools.call("sat.solve", {"clauses": "nope"})`, tools.ErrInvalidInput, `field "clauses"`},
		{"unknown tool", nil, `tools.call("sat.solv", {})`, tools.ErrUnknownTool, `did you mean "sat.solve"`},
		{"unknown tool attribute", nil, `tools.sat_solvee()`, nil, "tools has no tool for .sat_solvee"},
		{"shadow a built-in", nil, "def f(x):\n    return {}\nregister_tool('sat.solve', f, 'mine')", ErrRegister, "cannot be shadowed"},
		{"bad tool name", nil, "register_tool('Bad', lambda x: 1, 'd')", ErrRegister, "bad name"},
		{"non-object schema", nil, "register_tool('a.b', lambda x: 1, 'd', input_schema={'type': 'array'})", ErrRegister, "want \"type\": \"object\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rr := r
			if tc.lim != nil {
				rr = New(reg, *tc.lim)
			}
			res, err := run(t, rr, tc.src)
			if err == nil {
				t.Fatalf("no error; output %.100q", res.Output)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.wantMsg) || strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "script: ") {
				t.Fatalf("error %q: want one line starting with \"script: \" containing %q", msg, tc.wantMsg)
			}
			if len(res.Output) > rr.Limits().MaxOutput {
				t.Fatalf("output %d bytes over the cap", len(res.Output))
			}
		})
	}
	// The host is unaffected: a normal script still runs, and the heap is
	// back to a sane size.
	res, err := run(t, r, `print(tools.sat_solve(clauses=[[1]])["status"])`)
	if err != nil || res.Output != "sat\n" {
		t.Fatalf("after the abuse suite: %q %v", res.Output, err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 1<<30 {
		t.Fatalf("heap still holds %d MiB after the suite", ms.HeapAlloc>>20)
	}
}

func TestErrorPosition(t *testing.T) {
	r := New(nil, Limits{})
	_, err := r.Run(context.Background(), "pos.star", "x = 1\ny = [0] * 100000000\n")
	var e *Error
	if !errors.As(err, &e) || e.Pos != "pos.star:2:9" || !errors.Is(err, ErrValueSize) {
		t.Fatalf("error %#v", err)
	}
	_, err = r.Run(context.Background(), "pos.star", "def f():\n    fail('boom')\nf()\n")
	if !errors.As(err, &e) || !strings.Contains(e.Error(), "boom") || !strings.Contains(e.Backtrace, "in f") {
		t.Fatalf("fail: %#v", err)
	}
	_, err = r.Run(context.Background(), "pos.star", "x = 2 ** 3")
	if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "use pow(x, n)") {
		t.Fatalf("** hint: %v", err)
	}
}

// TestHelpersOracle checks the combinatorics helpers and pow/gcd against
// independent computations.
func TestHelpersOracle(t *testing.T) {
	r := New(nil, Limits{})
	for n := 0; n <= 6; n++ {
		for k := 0; k <= n+1; k++ {
			src := fmt.Sprintf("p = permutations(range(%d), %d)\nc = combinations(range(%d), %d)\nprint(json.encode([p, c]))", n, k, n, k)
			res, err := run(t, r, src)
			if err != nil {
				t.Fatal(err)
			}
			var got [2][][]int
			if err := json.Unmarshal([]byte(res.Output), &got); err != nil {
				t.Fatal(err)
			}
			// Oracle: all k-tuples of distinct (resp. increasing) indices
			// in lexicographic order, by brute force over n^k tuples.
			var wantP, wantC [][]int
			if k <= n {
				total := 1
				for i := 0; i < k; i++ {
					total *= n
				}
				for code := 0; code < total; code++ {
					tup := make([]int, k)
					x := code
					for i := k - 1; i >= 0; i-- {
						tup[i] = x % n
						x /= n
					}
					distinct, increasing := true, true
					for i := range tup {
						for j := i + 1; j < len(tup); j++ {
							if tup[i] == tup[j] {
								distinct = false
							}
							if tup[i] >= tup[j] {
								increasing = false
							}
						}
					}
					if distinct {
						wantP = append(wantP, tup)
					}
					if increasing {
						wantC = append(wantC, tup)
					}
				}
			}
			if fmt.Sprint(got[0]) != fmt.Sprint(nonNil(wantP)) || fmt.Sprint(got[1]) != fmt.Sprint(nonNil(wantC)) {
				t.Fatalf("n=%d k=%d: got %v %v, want %v %v", n, k, got[0], got[1], wantP, wantC)
			}
		}
	}
	res, err := run(t, r, "print(pow(7, 123), pow(7, 123, 1000003), gcd(123456789012345678901234567890, 987654321098765432109876543210))")
	if err != nil {
		t.Fatal(err)
	}
	p := new(big.Int).Exp(big.NewInt(7), big.NewInt(123), nil)
	pm := new(big.Int).Exp(big.NewInt(7), big.NewInt(123), big.NewInt(1000003))
	a, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	b, _ := new(big.Int).SetString("987654321098765432109876543210", 10)
	g := new(big.Int).GCD(nil, nil, a, b)
	if want := fmt.Sprintf("%s %s %s\n", p, pm, g); res.Output != want {
		t.Fatalf("got %q want %q", res.Output, want)
	}
}

func nonNil(x [][]int) [][]int {
	if x == nil {
		return [][]int{}
	}
	return x
}
