#!/usr/bin/env python3
"""Side-by-side benchmark of plankit's graph commands and networkx.

Called by scripts/bench/graph.sh. Writes random instances (seeded) as
plankit graph JSON, runs `plankit graph ...` on each file and the matching
networkx function on the same edge list, checks that the answers agree
(distances to 1e-9 relative, equal max-flow values, plankit's exact TSP cost
<= networkx's approximation, heuristic costs within plankit's proven gap
bound) and prints a Markdown table. Exits 1 when any answer disagrees.
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

import networkx as nx

PLANKIT = sys.argv[1]
REPEAT = int(os.environ.get("REPEAT", "3"))
TOL = 1e-9


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def random_graph(n, m, seed, directed=True, low=1, high=100):
    rng = random.Random(seed)
    edges = []
    for _ in range(m):
        u, v = rng.randrange(n), rng.randrange(n)
        if u == v:
            v = (v + 1) % n
        edges.append({"from": f"n{u}", "to": f"n{v}", "weight": round(rng.uniform(low, high), 2)})
    return {"directed": directed, "nodes": [{"id": f"n{i}"} for i in range(n)], "edges": edges}


def random_points(n, seed):
    rng = random.Random(seed)
    return {"points": [[round(rng.uniform(0, 1000), 3), round(rng.uniform(0, 1000), 3)] for _ in range(n)]}


def nx_graph(doc):
    g = nx.DiGraph() if doc.get("directed") else nx.Graph()
    g.add_nodes_from(n["id"] for n in doc["nodes"])
    for e in doc["edges"]:
        u, v, w = e["from"], e["to"], e.get("weight", 1)
        # Parallel edges: plankit uses the cheapest for paths and adds them
        # up for flows; the generators below never repeat a pair with flows.
        if g.has_edge(u, v) and g[u][v]["weight"] <= w:
            continue
        g.add_edge(u, v, weight=w)
    return g


def nx_points(doc):
    pts = doc["points"]
    g = nx.Graph()
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            g.add_edge(i, j, weight=math.dist(pts[i], pts[j]))
    return g


def best_of(fn):
    """Runs fn REPEAT times; returns the best wall time and the last result."""
    best, out = math.inf, None
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def best_of_nx(fn):
    """Like best_of for fn returning (result, solve seconds): best total and
    best solve time."""
    best, solve, out = math.inf, math.inf, None
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        out, s = fn()
        best = min(best, time.perf_counter() - t0)
        solve = min(solve, s)
    return best, (out, solve)


def run_plankit(args):
    def call():
        p = subprocess.run([PLANKIT, "graph"] + args + ["--json"], capture_output=True, text=True)
        if p.returncode not in (0, 2):
            raise SystemExit(f"plankit {' '.join(args)} failed: {p.stderr}")
        return json.loads(p.stdout)
    return best_of(call)


def route_cost(pts, order):
    return sum(math.dist(pts[order[i]], pts[order[(i + 1) % len(order)]]) for i in range(len(order)))


rows, failures = [], 0


def row(name, size, tp, tn, tn_solve, verdict):
    global failures
    if verdict.startswith("DISAGREE"):
        failures += 1
    rows.append(f"| {name} | {size} | {tp:.3f} | {tn:.3f} | {tn_solve:.3f} | {verdict} |")


def bench_sssp(tmp, n, m, seed):
    doc = random_graph(n, m, seed)
    path = os.path.join(tmp, f"sssp-{m}.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    tp, out = run_plankit(["path", path, "--from", "n0"])

    def nx_all():
        with open(path) as f:
            d = json.load(f)
        g = nx_graph(d)
        t0 = time.perf_counter()
        r = nx.single_source_dijkstra_path_length(g, "n0", weight="weight")
        return r, time.perf_counter() - t0
    tn, (want, tsolve) = best_of_nx(nx_all)
    got = {d["node"]: d["cost"] for d in out.get("distances", [])}
    ok = set(got) == set(want) and all(close(got[k], want[k]) for k in want)
    verdict = f"agree: {len(want)} distances" if ok else "DISAGREE"
    row(f"Dijkstra, one source to all", f"{n} nodes, {m} edges", tp, tn, tsolve, verdict)


def bench_allpairs(tmp, n, m, seed):
    doc = random_graph(n, m, seed)
    path = os.path.join(tmp, f"apsp-{n}.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    for alg in ("dijkstra", "floyd-warshall"):
        tp, out = run_plankit(["allpairs", path, "--algorithm", alg])

        def nx_all():
            with open(path) as f:
                d = json.load(f)
            g = nx_graph(d)
            t0 = time.perf_counter()
            r = dict(nx.all_pairs_dijkstra_path_length(g, weight="weight"))
            return r, time.perf_counter() - t0
        tn, (want, tsolve) = best_of_nx(nx_all)
        names = out["nodes"]
        ok, count = True, 0
        for i, u in enumerate(names):
            for j, v in enumerate(names):
                d = out["dist"][i][j]
                w = want[u].get(v)
                if (d is None) != (w is None) or (d is not None and not close(d, w)):
                    ok = False
                count += d is not None
        verdict = f"agree: {count} distances" if ok else "DISAGREE"
        row(f"all pairs (plankit {alg}; nx Dijkstra)", f"{n} nodes, {m} edges", tp, tn, tsolve, verdict)


def bench_maxflow(tmp, n, m, seed):
    rng = random.Random(seed)
    # Distinct pairs, so networkx's simple DiGraph sees the same capacities.
    pairs = set()
    while len(pairs) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            pairs.add((u, v))
    doc = {"directed": True, "nodes": [{"id": f"n{i}"} for i in range(n)],
           "edges": [{"from": f"n{u}", "to": f"n{v}", "weight": rng.randint(1, 100)} for u, v in sorted(pairs)]}
    path = os.path.join(tmp, f"flow-{m}.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    tp, out = run_plankit(["maxflow", path, "--source", "n0", "--sink", f"n{n - 1}"])

    def nx_all():
        with open(path) as f:
            d = json.load(f)
        g = nx_graph(d)
        t0 = time.perf_counter()
        r = nx.maximum_flow_value(g, "n0", f"n{n - 1}", capacity="weight")
        return r, time.perf_counter() - t0
    tn, (want, tsolve) = best_of_nx(nx_all)
    ok = close(out["value"], want) and close(out["min_cut"]["capacity"], want)
    verdict = f"agree: value {want:g}" if ok else f"DISAGREE: plankit {out['value']}, nx {want}"
    row("max-flow (nx preflow-push)", f"{n} nodes, {m} edges", tp, tn, tsolve, verdict)


def bench_tsp(tmp, n, seed, exact):
    doc = random_points(n, seed)
    pts = doc["points"]
    path = os.path.join(tmp, f"tsp-{n}.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    tp, out = run_plankit(["tsp", path])
    method = "christofides" if n <= 200 else "greedy"

    def nx_all():
        with open(path) as f:
            d = json.load(f)
        g = nx_points(d)
        t0 = time.perf_counter()
        if method == "christofides":
            tour = nx.approximation.traveling_salesman_problem(g, cycle=True, weight="weight")
        else:
            tour = nx.approximation.greedy_tsp(g, weight="weight")
        return tour, time.perf_counter() - t0
    tn, (tour, tsolve) = best_of_nx(nx_all)
    nx_cost = route_cost(pts, tour[:-1])
    order = [int(s) for s in out["order"]]
    ours = route_cost(pts, order)
    valid = sorted(order) == list(range(n)) and close(ours, out["cost"])
    if exact:
        ok = valid and out["exact"] and ours <= nx_cost * (1 + TOL)
        verdict = (f"agree: plankit {ours:.1f} optimal, nx {method} {nx_cost:.1f} (+{100 * (nx_cost / ours - 1):.1f}%)"
                   if ok else f"DISAGREE: plankit {ours} exact={out['exact']}, nx {nx_cost}")
        row(f"TSP exact (plankit Held–Karp)", f"{n} points", tp, tn, tsolve, verdict)
    else:
        lb = out["lower_bound"]
        ok = valid and lb <= ours * (1 + TOL) and lb <= nx_cost * (1 + TOL)
        verdict = (f"plankit {ours:.0f} (gap {100 * out['gap']:.2f}% to bound {lb:.0f}), nx {method} {nx_cost:.0f} "
                   f"({100 * (nx_cost / lb - 1):.1f}% above bound)" if ok else f"DISAGREE: bound {lb} above a tour")
        row(f"TSP heuristic (plankit ILS + 1-tree bound)", f"{n} points", tp, tn, tsolve, verdict)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for m, n in ((1000, 250), (10000, 2500), (100000, 25000)):
            bench_sssp(tmp, n, m, seed=m)
        bench_allpairs(tmp, 200, 2000, seed=7)
        bench_maxflow(tmp, 1000, 10000, seed=11)
        for n in (12, 13, 14, 15):
            bench_tsp(tmp, n, seed=n, exact=True)
        for n in (100, 200, 500, 1000):
            bench_tsp(tmp, n, seed=n, exact=False)
    print("| task | size | plankit s | networkx s (load+build+solve) | networkx s (solve) | result |")
    print("|---|---|---:|---:|---:|---|")
    for r in rows:
        print(r)
    print()
    if failures:
        print(f"FAILED: {failures} result(s) disagree")
        sys.exit(1)
    print(f"all {len(rows)} results agree (same distances and flow values; exact TSP costs <= networkx's; "
          "every tour >= plankit's lower bound)")


if __name__ == "__main__":
    main()
