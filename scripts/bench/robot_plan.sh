#!/usr/bin/env bash
# Benchmark plankit's robot planner (domains/robot.Plan): every AutoTAMP
# task of tasks.md on its environment, the 2-12 region sequence curve and
# the 1-8 robot curve. Each benchmark runs COUNT times (go test -count) and
# the script prints the median time per plan (search, placement and the
# final exact check included) as a Markdown table, plus the machine.
#
#   scripts/bench/robot_plan.sh               # default: COUNT=5, BENCHTIME=10x
#   COUNT=9 scripts/bench/robot_plan.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-10x}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
go test ./domains/robot -run '^$' -bench 'BenchmarkPlan(Scenarios|Sequence|Robots)$' \
  -benchtime "$BENCHTIME" -count "$COUNT" >"$out"

echo "| benchmark | median ms/plan | min | max | runs |"
echo "|---|---|---|---|---|"
awk '/^BenchmarkPlan/ {
       name = $1; sub(/-[0-9]+$/, "", name); sub(/^BenchmarkPlan/, "", name)
       t[name] = t[name] " " $3; if (!(name in seen)) { seen[name] = 1; order[++n] = name }
     }
     END {
       for (i = 1; i <= n; i++) {
         k = split(substr(t[order[i]], 2), v, " ")
         for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) if (v[b] + 0 < v[a] + 0) { x = v[a]; v[a] = v[b]; v[b] = x }
         med = (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
         printf "| %s | %.2f | %.2f | %.2f | %d |\n", order[i], med / 1e6, v[1] / 1e6, v[k] / 1e6, k
       }
     }' "$out"
echo
echo "machine: $(grep -m1 '^cpu:' "$out" | sed 's/^cpu: //'), $(nproc) cores, $(go version | awk '{print $3}'), $(uname -sr)"
