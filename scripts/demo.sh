#!/usr/bin/env bash
# A short tour of plankit on built-in data. Usage: scripts/demo.sh [BINARY]
set -uo pipefail
B=${1:-bin/plankit}
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; echo "(exit $?)"; }

step "$B" version
step "$B" tools list
echo; echo '$ plankit sat gen pigeonhole --pigeons 8 --holes 7 | plankit sat solve -'
"$B" sat gen pigeonhole --pigeons 8 --holes 7 | "$B" sat solve -; echo "(exit $?)"
echo; echo '$ plankit sat gen random3 --vars 40 --clauses 160 --seed 1 | plankit sat solve -'
"$B" sat gen random3 --vars 40 --clauses 160 --seed 1 | "$B" sat solve -; echo "(exit $?)"
step "$B" tools call sat.solve --input '{"clauses":[[1,2],[-1],[-2,3]]}'
step "$B" tools call sat.solve --input '{"clauses":[[1,2],[-1,-2]],"assumptions":[1,2]}'
exit 0
