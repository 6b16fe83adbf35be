#!/usr/bin/env bash
# Check plankit's 2-D geometry (solvers/geom) against shapely (GEOS) on
# random polygons and time both, then run the Go benchmarks of the
# visibility graph on AutoTAMP's Chip's Challenge env3. Installs
# python3-shapely from Debian when it is missing (needs apt-get and root).
# Prints Markdown; exits non-zero if any answer disagrees.
#
#   scripts/bench/geom.sh            # default: N=300 polygons, SEED=1
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-300}
SEED=${SEED:-1}
PY=/usr/bin/python3

if ! "$PY" -c 'import shapely' 2>/dev/null; then
  echo "installing python3-shapely from Debian (apt-get)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq python3-shapely >/dev/null
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/geombench" ./solvers/geom/internal/geombench
"$dir/geombench" -n "$N" -seed "$SEED" >"$dir/cases.json"

echo "### Predicates and inflation vs shapely"
echo
"$PY" scripts/bench/geom_shapely.py "$dir/cases.json"
echo
echo "### Visibility graph (Go benchmarks)"
echo
go test -run '^$' -bench 'VisibilityGraph|ShortestPath|SegmentEnters|Inflate' -benchmem ./solvers/geom/ >"$dir/bench.txt"
echo "| benchmark | µs/op | allocs/op |"
echo "|---|---:|---:|"
awk '/^Benchmark/ { name=$1; sub(/-[0-9]+$/, "", name); printf "| %s | %.1f | %s |\n", name, $3/1000, $7 }' "$dir/bench.txt"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); python3-shapely $(dpkg-query -W -f='${Version}' python3-shapely 2>/dev/null)"
