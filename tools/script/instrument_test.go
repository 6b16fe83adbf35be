package script

import (
	"context"
	"strings"
	"testing"

	"go.starlark.net/starlark"
)

// plainRun runs src with the unmodified interpreter (no instrumentation,
// Universe only): the oracle for the rewriting.
func plainRun(src string, steps uint64) (string, error) {
	var out strings.Builder
	th := &starlark.Thread{Print: func(_ *starlark.Thread, msg string) { out.WriteString(msg + "\n") }}
	th.SetMaxExecutionSteps(steps)
	opts := fileOptions
	_, err := starlark.ExecFileOptions(&opts, th, "plain.star", src, nil)
	return out.String(), err
}

// differentialCorpus exercises every rewritten construct; the sandbox must
// print exactly what the plain interpreter prints.
var differentialCorpus = []string{
	"print(1 + 2, 'a' + 'b', [1] + [2], (1,) + (2,), 2 * 3, 'ab' * 3, 3 * [0], -1 * 'x', 7 % 3, '%d-%s' % (1, 'x'), '%(a)s' % {'a': 5})",
	"x = 1\nx += 2\nx *= 3\nx %= 5\ns = 'a'\ns += 'b' + s\ns *= 2\nprint(x, s)",
	"l = [1]\nm = l\nl += [2]\nl += l\nprint(l, m, l is m if False else len(m))",
	"d = {'a': [1], 'b': 'x'}\nd['a'] += d['a']\nd['b'] *= 3\nk = 'b'\nd[k] += '!'\nprint(d)",
	"calls = []\ndef idx(i):\n    calls.append(i)\n    return i\nl = [[0], [1]]\nl[idx(1)] += [5]\nl[idx(0)] += l[idx(1)]\nprint(l, calls)",
	"def f(*a, **k):\n    return (a, sorted(k.items()))\nprint(f(*[1, 2], **{'x': 3}), f(*range(3)))",
	"print(','.join(['a', 'b']), 'x{}y{}'.format(1, 'z'), 'aaa'.replace('a', 'bc', 2), [1].extend([2]) == None)",
	"s = set([1, 2])\ns.update([3])\nprint(sorted(s.union([4])), sorted(s.intersection([1, 9])), sorted(s.difference([1])), s.issubset([1, 2, 3, 4]))",
	"d = {}\nd.update([('a', 1)], b=2)\nd.update({'c': 3})\nprint(d)",
	"print([x * 2 for x in range(5) if x % 2 == 0], {k: k + 'x' for k in ['a']}, (lambda x, y=2 * 3: x + y)(1))",
	"def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(15))",
	"i = 0\nacc = ''\nwhile i < 5:\n    acc += str(i) * i\n    i += 1\nprint(acc)",
	"print(list(range(3)), tuple('ab'.elems()), sorted([3, 1, 2], reverse=True), reversed([1, 2]), enumerate(['a']), zip([1, 2], 'ab'.elems()), any([0, 1]), all([]), min([3, 1]), max(1, 5), dict([('a', 1)]), bytes([65]))",
	"print(str([1, 'a']), repr('x'), int('42'), getattr('x', 'upper')(), hasattr([], 'append'))",
	"x = [1, 2, 3]\nx[1:2] if True else None\nprint(x[::-1], 'hello'[1:3], x[-1])",
	"o = {'a': {'b': [1]}}\no['a']['b'] += [2]\nprint(o)",
	"t = (1, 2)\nt += (3,)\nprint(t)",
	"def g(x):\n    x += [1]\n    return x\nprint(g([0]))",
	"print(1 if 'a' * 0 == '' else 2, [] * 5, 'ab' * -1)",
	"x = 'a%sb'\nx %= ('z',)\nprint(x)",
}

func TestInstrumentMatchesPlainInterpreter(t *testing.T) {
	r := New(nil, Limits{})
	for i, src := range differentialCorpus {
		want, werr := plainRun(src, 1e7)
		res, err := r.Run(context.Background(), "t.star", src)
		if (werr == nil) != (err == nil) || res.Output != want {
			t.Errorf("corpus %d:\n%s\nplain: %q %v\nsandbox: %q %v", i, src, want, werr, res.Output, err)
		}
	}
}
