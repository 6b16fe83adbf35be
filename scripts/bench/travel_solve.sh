#!/usr/bin/env bash
# The travel solver on the 45 TravelPlanner training queries (embedded
# database, --flights real and all) and on N generated queries (default
# 1,000, all levels and lengths, seed 1): status, cost against the annotated
# reference plans, evaluator verdicts and solve times. Prints Markdown.
#
#   scripts/bench/travel_solve.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
go build -o bin/plankit ./cmd/plankit
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mode in real all; do
  bin/plankit travel solve --flights $mode --queries testdata/travel/train_queries.jsonl --json --no-progress >"$tmp/train-$mode.json"
  bin/plankit travel solve --flights $mode --queries testdata/travel/train_queries.jsonl --out "$tmp/train-$mode.jsonl" --no-progress >/dev/null
  bin/plankit travel eval --flights $mode --json --queries testdata/travel/train_queries.jsonl --plans testdata/travel/train_plans.jsonl >"$tmp/ref-$mode.json"
done
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
qs = [json.loads(l) for l in open('testdata/travel/train_queries.jsonl')]
res = {m: json.load(open(f'{tmp}/train-{m}.json')) for m in ('real', 'all')}
ref = {m: json.load(open(f'{tmp}/ref-{m}.json'))['plans'] for m in ('real', 'all')}
print('## Travel solver on the 45 training queries (embedded database)\n')
print('| # | level | days | people | budget | reference plan $ | plankit $ (real flights) | route | ms | plankit $ (all flights) | ms | both modes pass |')
print('|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|')
tot = {'real': 0, 'all': 0}
for i, q in enumerate(qs):
    row = []
    ok = True
    for m in ('real', 'all'):
        s = res[m][i]
        if s['status'] == 'solved':
            ok &= s['verdict']['pass'] and s['strict_verdict']['pass']
            ok &= s['cost']['total'] <= ref[m][i]['total_cost'] + 1e-9 or not ref[m][i]['pass']
            tot[m] += 1
            row.append((s['cost']['total'], ' → '.join(s['route']), s['stats']['millis']))
        else:
            ok = False
            row.append(('infeasible', '', s['stats']['millis']))
    print(f"| {i+1} | {q['level']} | {q['days']} | {q['people_number']} | {q['budget']:.0f} | {ref['real'][i]['total_cost']:.0f} | "
          f"{row[0][0]:.0f} | {row[0][1]} | {row[0][2]:.1f} | {row[1][0]:.0f} | {row[1][2]:.1f} | {'yes' if ok else 'NO'} |")
print(f"\nSolved {tot['real']}/45 with real flights and {tot['all']}/45 with all flights; every plan passes the evaluator in "
      "TravelPlanner and strict mode and costs no more than the annotated reference plan.\n")
PY
for m in real all; do
  echo "Evaluator on the solver's submission (--flights $m, strict):"
  echo '```'
  bin/plankit travel eval --flights $m --strict --queries testdata/travel/train_queries.jsonl --plans "$tmp/train-$m.jsonl" | head -7
  echo '```'
done
if bin/plankit travel gen --help >/dev/null 2>&1; then
  echo
  echo "## Travel solver on $N generated queries (plankit travel gen --n $N --level all --days all --seed 1)"
  echo
  bin/plankit travel gen --n "$N" --level all --days all --seed 1 --out "$tmp/gen.jsonl"
  bin/plankit travel solve --queries "$tmp/gen.jsonl" --json --no-progress >"$tmp/gen.json"
  python3 - "$tmp/gen.json" "$tmp/gen.jsonl" "$tmp/gen-plans.jsonl" <<'PY'
import json, sys
sols = json.load(open(sys.argv[1]))
qs = [json.loads(l) for l in open(sys.argv[2])]
with open(sys.argv[3], 'w') as f:
    for q, s in zip(qs, sols):
        f.write(json.dumps({'idx': q['idx'], 'query': q['query'], 'plan': s.get('plan')}) + '\n')
PY
  echo "Evaluator (strict) on the solver's submission for the generated queries:"
  echo '```'
  bin/plankit travel eval --strict --queries "$tmp/gen.jsonl" --plans "$tmp/gen-plans.jsonl" | head -7
  echo '```'
  echo
  python3 - "$tmp/gen.json" "$tmp/gen.jsonl" <<'PY'
import json, sys
sols = json.load(open(sys.argv[1]))
qs = [json.loads(l) for l in open(sys.argv[2])]
from collections import Counter
c = Counter((q['level'], q['days'], s['status']) for q, s in zip(qs, sols))
bad = [i for i, s in enumerate(sols) if s['status'] == 'solved' and not (s['verdict']['pass'] and s['strict_verdict']['pass'])]
inf = [s for s in sols if s['status'] == 'infeasible']
norel = [i for i, s in enumerate(sols) if s['status'] == 'infeasible' and not s.get('relaxations')]
relq = [r['query'] for s in sols if s['status'] == 'infeasible' for r in (s.get('relaxations') or [])]
with open(sys.argv[1] + '.relaxed.jsonl', 'w') as f:
    for q in relq:
        f.write(json.dumps(q) + '\n')
times = sorted(s['stats']['millis'] for s in sols)
print('| level | days | solved | infeasible |')
print('|---|---:|---:|---:|')
for lv in ('easy', 'medium', 'hard'):
    for d in (3, 5, 7):
        print(f"| {lv} | {d} | {c[(lv, d, 'solved')]} | {c[(lv, d, 'infeasible')]} |")
print(f"\nSolved plans failing a check: {len(bad)}. Infeasible: {len(inf)}, of which without a verified relaxation: {len(norel)}.")
print(f"Relaxed queries written for re-solving: {len(relq)}.")
print(f"Search time per query (excluding the relaxation search): median {times[len(times)//2]:.1f} ms, "
      f"p99 {times[int(0.99*(len(times)-1))]:.1f} ms, max {times[-1]:.1f} ms.")
PY
  if [[ -s "$tmp/gen.json.relaxed.jsonl" ]]; then
    echo
    echo "Re-solving every relaxed query (each relaxation's fix applied):"
    echo '```'
    bin/plankit travel solve --queries "$tmp/gen.json.relaxed.jsonl" --out "$tmp/relaxed-plans.jsonl" --no-progress --no-relaxations
    bin/plankit travel eval --strict --queries "$tmp/gen.json.relaxed.jsonl" --plans "$tmp/relaxed-plans.jsonl" | sed -n '1p;7p'
    echo '```'
  fi
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3)"
