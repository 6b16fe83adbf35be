#!/usr/bin/env bash
# Run every fuzz target of the module for FUZZTIME each (default 20s).
#   scripts/fuzz.sh [FUZZTIME]
set -euo pipefail
cd "$(dirname "$0")/.."
T=${1:-${FUZZTIME:-20s}}
grep -rlE '^func Fuzz[A-Za-z0-9_]+\(' --include='*_test.go' . | sort | while read -r f; do
  pkg=./$(dirname "${f#./}")
  for fz in $(grep -oE '^func Fuzz[A-Za-z0-9_]+' "$f" | cut -d' ' -f2); do
    echo "== $pkg $fz ($T)"
    go test "$pkg" -run '^$' -fuzz "^${fz}\$" -fuzztime "$T"
  done
done
