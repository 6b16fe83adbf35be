#!/usr/bin/env bash
# Benchmark plankit's CSP solver against hand-written CNF through minisat
# (and through plankit's own SAT solver, gini) on 9x9 sudokus and n-queens.
#
# For each instance the script writes two files from the same data, with
# nothing shared between them: a plankit CSP JSON model (all_different
# constraints, solved by "plankit csp solve") and a DIMACS CNF in the
# standard one-hot encoding (one variable per cell and digit, or per square;
# at-least-one and pairwise at-most-one clauses for every cell, row, column,
# box or diagonal). It times each solver on its file, best of $REPEAT runs,
# process start-up included, and prints a Markdown table and a machine line.
# Installs minisat from Debian when it is missing (needs apt-get and root).
#
#   scripts/bench/csp.sh            # default: REPEAT=3, TIMEOUT=300
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT=${REPEAT:-3}
TIMEOUT=${TIMEOUT:-300}

if ! command -v minisat >/dev/null; then
  echo "installing minisat from Debian (apt-get)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq minisat >/dev/null
fi

go build -o bin/plankit ./cmd/plankit
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Sudokus as 81 characters, row by row, '.' for an empty cell: the example
# of Wikipedia's Sudoku article, Arto Inkala's 2012 "hardest sudoku", "AI
# Escargot" and "Easter Monster" (each has a unique solution).
declare -A sudokus=(
  [sudoku-wikipedia]="53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79"
  [sudoku-inkala2012]="8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4.."
  [sudoku-escargot]="1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3.."
  [sudoku-eastermonster]="1.......2.9.4...5...6...7...5.9.3.......7.......85..4.7.....6...3...9.8...2.....1"
)

# sudoku_json GIVENS: the CSP model.
sudoku_json() {
  awk -v g="$1" 'BEGIN {
    printf "{\"variables\": [{\"names\": ["
    for (r = 1; r <= 9; r++) for (c = 1; c <= 9; c++) printf "%s\"r%dc%d\"", (r + c > 2 ? ", " : ""), r, c
    printf "], \"min\": 1, \"max\": 9}],\n\"constraints\": [\n"
    n = 0
    for (u = 0; u < 27; u++) {
      printf "%s{\"all_different\": [", (n++ ? ",\n" : "")
      for (k = 0; k < 9; k++) {
        if (u < 9) { r = u; c = k } else if (u < 18) { r = k; c = u - 9 } else { b = u - 18; r = 3 * int(b / 3) + int(k / 3); c = 3 * (b % 3) + k % 3 }
        printf "%s\"r%dc%d\"", (k ? ", " : ""), r + 1, c + 1
      }
      printf "]}"
    }
    for (i = 0; i < 81; i++) {
      d = substr(g, i + 1, 1)
      if (d != ".") printf ",\n{\"linear\": {\"terms\": [\"r%dc%d\"], \"op\": \"=\", \"rhs\": %d}}", int(i / 9) + 1, i % 9 + 1, d
    }
    printf "\n]}\n"
  }'
}

# sudoku_cnf GIVENS: variable 81r+9c+d+1 (0-based r, c, d) is "cell (r,c) holds d+1".
sudoku_cnf() {
  awk -v g="$1" '
  function v(r, c, d) { return 81 * r + 9 * c + d + 1 }
  function unit(kind, u, k,   b) {  # the k-th cell of unit u: sets R, C
    if (kind == 0) { R = u; C = k } else if (kind == 1) { R = k; C = u } else { b = u; R = 3 * int(b / 3) + int(k / 3); C = 3 * (b % 3) + k % 3 }
  }
  BEGIN {
    n = 0
    for (r = 0; r < 9; r++) for (c = 0; c < 9; c++) {
      line = ""; for (d = 0; d < 9; d++) line = line v(r, c, d) " "; out[n++] = line "0"
      for (d = 0; d < 9; d++) for (e = d + 1; e < 9; e++) out[n++] = "-" v(r, c, d) " " "-" v(r, c, e) " 0"
    }
    for (kind = 0; kind < 3; kind++) for (u = 0; u < 9; u++) for (d = 0; d < 9; d++) {
      line = ""
      for (k = 0; k < 9; k++) {
        unit(kind, u, k); line = line v(R, C, d) " "
        for (l = k + 1; l < 9; l++) { rk = R; ck = C; unit(kind, u, l); out[n++] = "-" v(rk, ck, d) " " "-" v(R, C, d) " 0"; unit(kind, u, k) }
      }
      out[n++] = line "0"
    }
    for (i = 0; i < 81; i++) { d = substr(g, i + 1, 1); if (d != ".") out[n++] = v(int(i / 9), i % 9, d - 1) " 0" }
    print "p cnf 729 " n
    for (i = 0; i < n; i++) print out[i]
  }'
}

# queens_json N: queen of row i in column qi.
queens_json() {
  awk -v n="$1" 'BEGIN {
    for (i = 1; i <= n; i++) { names = names (i > 1 ? ", " : "") "\"q" i "\""; up = up (i > 1 ? ", " : "") i; dn = dn (i > 1 ? ", " : "") "-" i }
    printf "{\"variables\": [{\"names\": [%s], \"min\": 1, \"max\": %d}],\n", names, n
    printf "\"constraints\": [{\"all_different\": [%s]},\n", names
    printf "{\"all_different\": {\"vars\": [%s], \"offsets\": [%s]}},\n", names, up
    printf "{\"all_different\": {\"vars\": [%s], \"offsets\": [%s]}}]}\n", names, dn
  }'
}

# queens_cnf N: variable n*r+c+1 is "a queen on (r,c)"; one per row and
# column, at most one per diagonal.
queens_cnf() {
  awk -v n="$1" '
  function v(r, c) { return n * r + c + 1 }
  BEGIN {
    m = 0
    for (r = 0; r < n; r++) {
      line = ""; for (c = 0; c < n; c++) line = line v(r, c) " "; out[m++] = line "0"
      for (c = 0; c < n; c++) for (d = c + 1; d < n; d++) out[m++] = "-" v(r, c) " " "-" v(r, d) " 0"
    }
    for (c = 0; c < n; c++) {
      line = ""; for (r = 0; r < n; r++) line = line v(r, c) " "; out[m++] = line "0"
      for (r = 0; r < n; r++) for (s = r + 1; s < n; s++) out[m++] = "-" v(r, c) " " "-" v(s, c) " 0"
    }
    for (r = 0; r < n; r++) for (c = 0; c < n; c++) for (s = r + 1; s < n; s++) {
      k = s - r
      if (c + k < n) out[m++] = "-" v(r, c) " " "-" v(s, c + k) " 0"
      if (c - k >= 0) out[m++] = "-" v(r, c) " " "-" v(s, c - k) " 0"
    }
    print "p cnf " n * n " " m
    for (i = 0; i < m; i++) print out[i]
  }'
}

names=()
for s in sudoku-wikipedia sudoku-inkala2012 sudoku-escargot sudoku-eastermonster; do
  [[ ${#sudokus[$s]} == 81 ]] || { echo "$s: want 81 cells" >&2; exit 1; }
  sudoku_json "${sudokus[$s]}" >"$dir/$s.json"
  sudoku_cnf "${sudokus[$s]}" >"$dir/$s.cnf"
  names+=("$s")
done
for n in 8 16 32 64 128; do
  queens_json "$n" >"$dir/queens-$n.json"
  queens_cnf "$n" >"$dir/queens-$n.cnf"
  names+=("queens-$n")
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
    case $code in 0 | 10) verdict=SAT ;; 2 | 20) verdict=UNSAT ;; 124) verdict=timeout ;; *) verdict="exit $code" ;; esac
    if [[ -z $best ]] || (($(echo "$el < $best" | bc -l))); then best=$el; fi
  done
  printf "%.3f %s" "$best" "$verdict"
}

echo "| instance | CNF vars | CNF clauses | minisat s | gini on the CNF s | plankit csp s | csp SAT vars | csp clauses | verdict |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for name in "${names[@]}"; do
  cnf=$dir/$name.cnf
  model=$dir/$name.json
  read -r _ _ nv nc < <(grep '^p cnf' "$cnf")
  read -r tm vm <<<"$(time_one minisat -verb=0 "$cnf")"
  read -r tg vg <<<"$(time_one bin/plankit sat solve "$cnf")"
  read -r tc vc <<<"$(time_one bin/plankit csp solve "$model")"
  out=$(bin/plankit csp solve --json "$model" || true)
  cv=$(echo "$out" | sed -n 's/.*"num_vars": \([0-9]*\).*/\1/p')
  cc=$(echo "$out" | sed -n 's/.*"num_clauses": \([0-9]*\).*/\1/p')
  v=$vc
  if [[ $vc != "$vm" || $vc != "$vg" ]]; then v="DISAGREE: csp $vc, minisat $vm, gini $vg"; fi
  echo "| $name | $nv | $nc | $tm | $tg | $tc | $cv | $cc | $v |"
done
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); minisat $(dpkg-query -W -f='${Version}' minisat 2>/dev/null)"
