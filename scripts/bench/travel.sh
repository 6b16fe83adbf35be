#!/usr/bin/env bash
# Benchmark plankit's travel database loading and evaluator, and TravelPlanner's
# own evaluator (../shared/peers/tp_eval, Python + pandas) on the same 1,000
# plans in the same run. Installs python3-pandas from Debian if missing.
#
#   scripts/bench/travel.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PEER=../shared/peers/tp_eval/run.sh
go build -o bin/plankit ./cmd/plankit
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 1,000 plans: the 645-plan differential corpus, then its first 355 again.
head -n 1000 <(cat testdata/travel/diff/queries.jsonl testdata/travel/diff/queries.jsonl) >"$tmp/q.jsonl"
head -n 1000 <(cat testdata/travel/diff/plans.jsonl testdata/travel/diff/plans.jsonl) >"$tmp/p.jsonl"

echo "## Go benchmarks"
echo
echo '```'
go test ./domains/travel -run '^$' -bench 'LoadDefault|Evaluate1000' -benchtime 10x | grep -E '^Benchmark'
echo '```'
echo
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
best() { local b="" t; for _ in 1 2 3; do t=$(secs "$@"); if [[ -z $b ]] || (($(echo "$t < $b" | bc -l))); then b=$t; fi; done; printf "%.2f" "$b"; }
echo "## Whole command on 1,000 plans (best of 3, wall-clock seconds, including loading the database)"
echo
echo "| evaluator | seconds |"
echo "|---|---:|"
echo "| plankit travel eval --flights real | $(best bin/plankit travel eval --flights real --queries "$tmp/q.jsonl" --plans "$tmp/p.jsonl") |"
echo "| plankit travel eval --flights real --strict | $(best bin/plankit travel eval --flights real --strict --queries "$tmp/q.jsonl" --plans "$tmp/p.jsonl") |"
if [[ -x $PEER ]]; then
  if ! python3 -c 'import pandas' 2>/dev/null && ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    echo "installing python3-pandas from Debian (apt-get) for the peer evaluator" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq python3-pandas >/dev/null
  fi
  $PEER "$tmp/q.jsonl" "$tmp/p.jsonl" "$tmp/peer.json" >/dev/null 2>&1 # warm its one-time set-up
  echo "| TravelPlanner eval.py (tp_eval peer) | $(best $PEER "$tmp/q.jsonl" "$tmp/p.jsonl" "$tmp/peer.json") |"
  bin/plankit travel eval --flights real --json --queries "$tmp/q.jsonl" --plans "$tmp/p.jsonl" >"$tmp/ours.json"
  python3 - "$tmp/ours.json" "$tmp/peer.json" <<'PY'
import json, sys
ours, peer = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
diff = 0
for a, b in zip(ours['plans'], peer['plans']):
    got = {v['key']: v['pass'] for v in (a.get('commonsense') or []) + (a.get('hard') or [])}
    want = {**(b['commonsense'] or {}), **(b['hard'] or {})}
    diff += sum(1 for k, v in want.items() if a['delivered'] and got.get(k) != v)
print(f"\nverdicts that differ between plankit and eval.py on these 1,000 plans: {diff}")
PY
else
  echo "(peer $PEER not found: skipped)"
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3)"
