#!/usr/bin/env bash
# A short tour of plankit on its embedded data. Usage: scripts/demo.sh [BINARY]
set -uo pipefail
B=${1:-bin/plankit}
step() { printf '\n\033[1m$ plankit %s\033[0m\n' "$*"; "$B" "$@"; echo "(exit $?)"; }
Q1='Please help me plan a trip from St. Petersburg to Rockford spanning 3 days from March 16th to March 18th, 2022. The travel should be planned for a single person with a budget of $1,700.'

step version
step tools list
step travel db stats
step travel solve --text "$Q1"
step travel eval --queries testdata/travel/train_queries.jsonl --plans testdata/travel/train_plans.jsonl --flights real
echo; printf '\033[1m$ plankit sat gen pigeonhole --pigeons 8 --holes 7 | plankit sat solve -\033[0m\n'
"$B" sat gen pigeonhole --pigeons 8 --holes 7 | "$B" sat solve -; echo "(exit $?)"
step tools call sat.solve --input '{"clauses":[[1,2],[-1],[-2,3]]}'
step csp solve testdata/csp/send_more_money.json
step lp solve testdata/lp/production.lp
step robot check --env testdata/robot/chip1.json --spec-file testdata/robot/specs/chip1.stl --traj testdata/robot/plans/chip1_plan.json
step robot plan --env houseworld --task "Go to the kitchen, then linger in the bedroom for 5 seconds, and never enter the blue rooms."
step robot plan --env wall --spec-file testdata/robot/specs/wall.stl
step puzzle list
step ask --offline "What is 123456789 * 987654321?"
step ask --offline "in chip1: Try to reach all the goals but you have to reach the corresponding key first to open the specific door."
step ask --offline "what is the capital of France"
exit 0
