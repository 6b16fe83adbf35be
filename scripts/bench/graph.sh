#!/usr/bin/env bash
# Benchmark plankit's graph commands against networkx on the same edge
# lists: single-source Dijkstra (1k/10k/100k edges), all pairs (200 nodes),
# max-flow (10k edges), TSP exact (12-15 points; networkx has no exact TSP,
# so its Christofides tour is compared by cost) and TSP heuristic
# (100-1000 points, plankit's gap to its proven lower bound beside
# networkx's tour). Checks that the answers agree and prints a Markdown
# table. Installs python3-networkx from Debian for /usr/bin/python3 when it
# is missing (needs apt-get and root). plankit times are whole processes
# (start, JSON parse, solve, JSON print), best of $REPEAT runs; networkx
# times are in-process, with and without loading the JSON and building
# the graph.
#
#   scripts/bench/graph.sh            # default: REPEAT=3
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
if ! "$PY" -c 'import networkx' 2>/dev/null; then
  echo "installing python3-networkx from Debian (apt-get)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq python3-networkx >/dev/null
fi
go build -o bin/plankit ./cmd/plankit
"$PY" scripts/bench/graph_bench.py bin/plankit
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); networkx $("$PY" -c 'import networkx; print(networkx.__version__)') (Debian python3-networkx $(dpkg-query -W -f='${Version}' python3-networkx 2>/dev/null)), $("$PY" --version)"
