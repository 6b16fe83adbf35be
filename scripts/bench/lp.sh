#!/usr/bin/env bash
# Benchmark plankit's LP/MILP solver against GLPK (glpsol) and COIN-OR cbc on
# the same CPLEX LP files: a diet LP, a transportation LP, dense random LPs
# (50x50 to 300x300), 0/1 knapsacks and a capacitated facility-location
# MILP, all written by `plankit lp gen`. Installs glpk-utils and coinor-cbc
# from Debian when they are missing (needs apt-get and root). Prints a
# Markdown table of wall-clock seconds per file (whole process: parse, solve,
# print), best of $REPEAT runs, and whether the three optima agree.
#
#   scripts/bench/lp.sh            # default: REPEAT=3, TIMEOUT=300
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT=${REPEAT:-3}
TIMEOUT=${TIMEOUT:-300}

need=()
command -v glpsol >/dev/null || need+=(glpk-utils)
command -v cbc >/dev/null || need+=(coinor-cbc)
if ((${#need[@]})); then
  echo "installing ${need[*]} from Debian (apt-get)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
fi

go build -o bin/plankit ./cmd/plankit
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gen() { # name family flags...
  local name=$1
  shift
  bin/plankit lp gen "$@" -o "$dir/$name.lp"
  files+=("$dir/$name.lp")
}
files=()
gen diet-60 diet --size 60
gen transport-15x30 transport --size 15
gen random-50x50 random --rows 50 --cols 50
gen random-100x100 random --rows 100 --cols 100
gen random-200x200 random --rows 200 --cols 200
gen random-300x300 random --rows 300 --cols 300
gen knapsack-30 knapsack --size 30
gen knapsack-50 knapsack --size 50
gen facility-8x24 facility --size 8

# time_one OUT CMD... runs CMD REPEAT times, keeps the best wall-clock time
# and leaves the last run's stdout in OUT; prints the seconds.
time_one() {
  local out=$1 best="" t0 t1 el
  shift
  for ((i = 0; i < REPEAT; i++)); do
    t0=$(date +%s.%N)
    timeout "$TIMEOUT" "$@" >"$out" 2>&1 || true
    t1=$(date +%s.%N)
    el=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $best ]] || (($(echo "$el < $best" | bc -l))); then best=$el; fi
  done
  printf "%.3f" "$best"
}

agree() { # a b c: equal within 1e-6 relative
  awk -v a="$1" -v b="$2" -v c="$3" 'function abs(x){return x<0?-x:x}
    BEGIN { if (a=="" || b=="" || c=="") { print "missing"; exit }
      s = 1 + abs(a); if (abs(a-b) <= 1e-6*s && abs(a-c) <= 1e-6*s) print "yes"; else print "NO" }'
}

echo "| model | vars | rows | plankit s | glpsol s | cbc s | optimum | agree |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for f in "${files[@]}"; do
  name=$(basename "$f" .lp)
  tp=$(time_one "$dir/p.out" bin/plankit lp solve "$f")
  read -r kind nv _ nr _ < <(head -1 "$dir/p.out" | tr -d ',:')
  op=$(awk '/^objective:/ {print $2}' "$dir/p.out")
  tg=$(time_one "$dir/g.out" glpsol --lp "$f" -o "$dir/g.sol")
  og=$(awk '/^Objective:/ {print $4}' "$dir/g.sol")
  tc=$(time_one "$dir/c.out" cbc "$f" solve solu "$dir/c.sol")
  oc=$(head -1 "$dir/c.sol" | sed -n 's/.*objective value *//p')
  echo "| $name ($kind) | $nv | $nr | $tp | $tg | $tc | $op | $(agree "$op" "$og" "$oc") |"
done
echo
echo "process start: plankit $(time_one "$dir/v.out" bin/plankit version) s (\`plankit version\`), glpsol $(time_one "$dir/v.out" glpsol --version) s (\`glpsol --version\`)"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); glpsol $(glpsol --version | head -1 | awk '{print $NF}'), cbc $(dpkg-query -W -f='${Version}' coinor-cbc 2>/dev/null); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
