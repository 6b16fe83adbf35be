#!/usr/bin/env bash
# Per-execution overhead of running a small script (a 100-step loop, a
# join, one print) three ways, in the same run:
#   - Starlark in plankit's sandbox: in-process (go test -bench, Runner.Run
#     = parse + instrument + compile + run under limits) and as a whole
#     "plankit run FILE.star" process;
#   - the python executor: in-process RunPython (prlimit + unshare -n +
#     setpriv + python3 -I in a temp dir) and "plankit run --python";
#   - a bare "python3 -c" start, no isolation.
# Also the cost of the sandbox's size guards in a hot loop (instrumented
# vs the plain go.starlark.net interpreter) and one call of the example
# tool puzzle.nqueens_sat (n = 8, SAT encoding + sat.solve).
# Needs /usr/bin/python3 and util-linux (prlimit, unshare, setpriv), which
# Debian has by default. Process times are the best of $REPEAT runs.
#
#   scripts/bench/script.sh            # default: REPEAT=10
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT=${REPEAT:-10}
PY=/usr/bin/python3
go build -o bin/plankit ./cmd/plankit
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/small.star" <<'STAR'
total = 0
for i in range(100):
    total += i * i
print(total, ",".join([str(i) for i in range(5)]))
STAR
cp "$tmp/small.star" "$tmp/small.py"

# best_ms CMD...: best wall time of $REPEAT runs, in milliseconds.
best_ms() {
  local best=""
  for _ in $(seq "$REPEAT"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    local ms=$(( (e - s) / 1000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '%d.%03d' $((best / 1000)) $((best % 1000))
}

# Check the three agree before timing.
want=$("$PY" -c "$(cat "$tmp/small.star")")
got_star=$(PLANKIT_TOOLS_DIR="$tmp/tools" bin/plankit run "$tmp/small.star")
got_py=$(bin/plankit run --python "$tmp/small.py")
if [ "$want" != "$got_star" ] || [ "$want" != "$got_py" ]; then
  echo "outputs differ: python '$want', starlark '$got_star', python executor '$got_py'" >&2
  exit 1
fi

bench=$(go test -run '^$' -bench 'RunSmall|RunPythonSmall|BarePython|LoopSandbox|LoopPlainStarlark|NQueens8' -benchtime "${REPEAT}x" -count 1 ./tools/script/ | grep '^Benchmark')
ns() { echo "$bench" | awk -v b="Benchmark$1-" 'index($1, b) == 1 { print $3 }'; }
ms() { awk -v n="$(ns "$1")" 'BEGIN { printf "%.3f", n / 1e6 }'; }

star_proc=$(PLANKIT_TOOLS_DIR="$tmp/tools" best_ms bin/plankit run "$tmp/small.star")
py_proc=$(best_ms bin/plankit run --python "$tmp/small.py")
bare_proc=$(best_ms "$PY" -c "$(cat "$tmp/small.star")")
version_proc=$(best_ms bin/plankit version)

echo "| way | in-process (ms) | whole process (ms) |"
echo "|---|---:|---:|"
echo "| Starlark sandbox (\`Runner.Run\`, \`plankit run FILE.star\`) | $(ms RunSmall) | $star_proc |"
echo "| python executor (\`RunPython\`, \`plankit run --python\`) | $(ms RunPythonSmall) | $py_proc |"
echo "| bare \`python3 -c\` (no isolation) | $(ms BarePython) | $bare_proc |"
echo "| \`plankit version\` (process start, for reference) | – | $version_proc |"
echo
echo "| hot loop, 200k iterations (\`+\`, \`*\`, \`%\`, append) | ms |"
echo "|---|---:|"
echo "| plain go.starlark.net interpreter | $(ms LoopPlainStarlark) |"
echo "| plankit sandbox (size guards, limits) | $(ms LoopSandbox) |"
echo
echo "puzzle.nqueens_sat n=8 (script tool: encode, tools.call sat.solve, verify): $(ms NQueens8) ms per call"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); $("$PY" --version); $(prlimit --version | head -1); REPEAT=$REPEAT"
