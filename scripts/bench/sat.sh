#!/usr/bin/env bash
# Benchmark plankit's SAT solver (gini) against minisat and cadical on the
# same DIMACS files: pigeonhole 8-10 and uniform random 3-SAT at the
# threshold (m/n = 4.26). Installs minisat and cadical from Debian when they
# are missing (needs apt-get and root). Prints a Markdown table of wall-clock
# seconds per file, best of $REPEAT runs, with each verdict.
#
#   scripts/bench/sat.sh            # default: REPEAT=3, TIMEOUT=600
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT=${REPEAT:-3}
TIMEOUT=${TIMEOUT:-600}

need=()
command -v minisat >/dev/null || need+=(minisat)
command -v cadical >/dev/null || need+=(cadical)
if ((${#need[@]})); then
  echo "installing ${need[*]} from Debian (apt-get)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
fi

go build -o bin/plankit ./cmd/plankit
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
files=()
for p in 8 9 10; do
  bin/plankit sat gen pigeonhole --pigeons "$p" --holes $((p - 1)) -o "$dir/php-$p-$((p - 1)).cnf"
  files+=("$dir/php-$p-$((p - 1)).cnf")
done
for s in 1 2 3 4 5 6; do
  bin/plankit sat gen random3 --vars 250 --clauses 1065 --seed "$s" -o "$dir/rand3-250-s$s.cnf"
  files+=("$dir/rand3-250-s$s.cnf")
done

# time_one CMD... prints "seconds verdict" (best of REPEAT runs).
time_one() {
  local best="" verdict="" t0 t1 code el
  for ((i = 0; i < REPEAT; i++)); do
    t0=$(date +%s.%N)
    set +e
    timeout "$TIMEOUT" "$@" >/dev/null 2>&1
    code=$?
    set -e
    t1=$(date +%s.%N)
    el=$(echo "$t1 - $t0" | bc -l)
    case $code in 10) verdict=SAT ;; 20) verdict=UNSAT ;; 124) verdict=timeout ;; *) verdict="exit $code" ;; esac
    if [[ -z $best ]] || (($(echo "$el < $best" | bc -l))); then best=$el; fi
  done
  printf "%.3f %s" "$best" "$verdict"
}

echo "| instance | vars | clauses | plankit (gini) s | minisat s | cadical s | verdict |"
echo "|---|---:|---:|---:|---:|---:|---|"
for f in "${files[@]}"; do
  read -r _ _ nv nc < <(grep '^p cnf' "$f")
  read -r tp vp <<<"$(time_one bin/plankit sat solve "$f")"
  read -r tm vm <<<"$(time_one minisat -verb=0 "$f")"
  read -r tc vc <<<"$(time_one cadical -q "$f")"
  v=$vp
  if [[ $vp != "$vm" || $vp != "$vc" ]]; then v="DISAGREE: plankit $vp, minisat $vm, cadical $vc"; fi
  echo "| $(basename "$f" .cnf) | $nv | $nc | $tp | $tm | $tc | $v |"
done
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); minisat $(dpkg-query -W -f='${Version}' minisat 2>/dev/null), cadical $(cadical --version 2>/dev/null)"
