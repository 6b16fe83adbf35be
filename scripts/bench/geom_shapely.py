#!/usr/bin/python3
"""Check plankit's geometry answers against shapely (GEOS) and time both.

Reads the JSON written by `go run ./solvers/geom/internal/geombench` on
stdin (or the file named as the first argument) and prints Markdown:
agreement counts per predicate and per-operation timings.

Agreement rules:
  locate      plankit's inside/boundary/outside (boundary = within tol of an
              edge) against shapely: boundary when the point's distance to
              the boundary is <= tol, else contains() decides.
  enters      plankit's SegmentEntersInterior against the first entry of
              shapely's DE-9IM relate(line, polygon) (interior ∩ interior).
  intersects  SegmentIntersects against shapely intersects().
  distances   |plankit − shapely| <= 1e-9.
  area        relative difference <= 1e-12.
  inflation   plankit's inflated area must be >= the exact Minkowski area
              (estimated by shapely's buffer with 512 segments per quarter
              circle, which is within 1e-6 relative of it) and at most
              the exact area grown by the documented overshoot factor;
              shapely's default buffer (8 segments, inscribed) is reported
              for comparison: it is always smaller than the exact area.
"""
import json
import sys
import time

from shapely import wkt as swkt
from shapely.geometry import LineString, Point


def main():
    src = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    data = json.load(src)
    tol = data["tol"]
    factor = data["max_overshoot_factor"]
    quad = data["inflate_segments"]
    cases = data["cases"]
    polys = [swkt.loads(c["wkt"]) for c in cases]

    agree = {k: [0, 0] for k in ("locate", "point_dist", "enters", "intersects", "seg_dist", "area", "inflation")}
    examples = {}
    timing = {}

    def note(kind, ok, what):
        agree[kind][1] += 1
        if ok:
            agree[kind][0] += 1
        elif kind not in examples:
            examples[kind] = what

    # Point location and distance.
    t_loc = t_pd = 0.0
    n_pts = 0
    for c, poly in zip(cases, polys):
        pts = [Point(x, y) for x, y in c["points"]]
        boundary = poly.boundary
        t0 = time.perf_counter()
        locs = []
        for p in pts:
            if boundary.distance(p) <= tol:
                locs.append("boundary")
            elif poly.contains(p):
                locs.append("inside")
            else:
                locs.append("outside")
        t_loc += time.perf_counter() - t0
        t0 = time.perf_counter()
        dists = [poly.distance(p) for p in pts]
        t_pd += time.perf_counter() - t0
        n_pts += len(pts)
        for i, p in enumerate(pts):
            note("locate", locs[i] == c["go"]["locate"][i], (c["wkt"], p.wkt, locs[i], c["go"]["locate"][i]))
            note("point_dist", abs(dists[i] - c["go"]["point_dist"][i]) <= 1e-9, (c["wkt"], p.wkt, dists[i], c["go"]["point_dist"][i]))
    timing["locate"] = t_loc / n_pts
    timing["point_dist"] = t_pd / n_pts

    # Segments.
    t_ent = t_int = t_sd = 0.0
    n_seg = 0
    for c, poly in zip(cases, polys):
        lines = [LineString([(s[0], s[1]), (s[2], s[3])]) for s in c["segments"]]
        t0 = time.perf_counter()
        enters = [ln.relate(poly)[0] != "F" for ln in lines]
        t_ent += time.perf_counter() - t0
        t0 = time.perf_counter()
        inter = [ln.intersects(poly) for ln in lines]
        t_int += time.perf_counter() - t0
        t0 = time.perf_counter()
        sd = [poly.distance(ln) for ln in lines]
        t_sd += time.perf_counter() - t0
        n_seg += len(lines)
        for i, ln in enumerate(lines):
            note("enters", enters[i] == c["go"]["enters"][i], (c["wkt"], ln.wkt, enters[i]))
            note("intersects", inter[i] == c["go"]["intersects"][i], (c["wkt"], ln.wkt, inter[i]))
            note("seg_dist", abs(sd[i] - c["go"]["seg_dist"][i]) <= 1e-9, (c["wkt"], ln.wkt, sd[i], c["go"]["seg_dist"][i]))
    timing["enters"] = t_ent / n_seg
    timing["intersects"] = t_int / n_seg
    timing["seg_dist"] = t_sd / n_seg

    # Areas and inflation.
    t0 = time.perf_counter()
    areas = [p.area for p in polys]
    timing["area"] = (time.perf_counter() - t0) / len(polys)
    t0 = time.perf_counter()
    buf8 = [p.buffer(c["radius"], resolution=quad).area for c, p in zip(cases, polys)]
    timing["inflate"] = (time.perf_counter() - t0) / len(polys)
    excess, short8 = [], []
    for c, poly, a, b8 in zip(cases, polys, areas, buf8):
        note("area", abs(a - c["go"]["area"]) <= 1e-12 * max(1.0, a), (c["wkt"], a, c["go"]["area"]))
        r = c["radius"]
        exact = poly.buffer(r, resolution=512).area
        mine = c["go"]["inflated_area"]
        # Upper bound: the exact inflation by r·factor contains ours.
        upper = poly.buffer(r * factor, resolution=512).area
        ok = mine >= exact * (1 - 1e-6) and mine <= upper * (1 + 1e-6)
        note("inflation", ok, (c["wkt"], r, mine, exact, upper))
        excess.append((mine - exact) / exact)
        short8.append((exact - b8) / exact)

    n = len(cases)
    print(f"{n} random star-shaped polygons (3–16 vertices, a third with a hole), "
          f"{n_pts} points ({n_pts - 40 * n} of them polygon vertices), {n_seg} segments "
          f"(random and vertex-to-vertex chords); tolerance {tol:g}; shapely {shapely_version()}.")
    print()
    print("| check | agree | total |")
    print("|---|---:|---:|")
    names = {
        "locate": "point location (inside / boundary / outside)",
        "point_dist": "point–polygon distance (≤ 1e-9)",
        "enters": "segment enters interior (DE-9IM II)",
        "intersects": "segment intersects closed polygon",
        "seg_dist": "segment–polygon distance (≤ 1e-9)",
        "area": "polygon area (relative 1e-12)",
        "inflation": "inflated area within [exact, exact at r·%.5f]" % factor,
    }
    for k, (ok, tot) in agree.items():
        print(f"| {names[k]} | {ok} | {tot} |")
    print()
    print(f"Inflation by r ∈ [0.05, 0.55] with {quad} segments per quarter circle: plankit's area exceeds the exact "
          f"Minkowski area by {100 * mean(excess):.3f}% on average (max {100 * max(excess):.3f}%); shapely's "
          f"default buffer (resolution {quad}, inscribed arcs) falls short of it by {100 * mean(short8):.3f}% "
          f"(max {100 * max(short8):.3f}%).")
    print()
    print("| operation | plankit (Go) µs/op | shapely µs/op |")
    print("|---|---:|---:|")
    ops = [("locate", "point location"), ("point_dist", "point distance"), ("enters", "segment enters interior"),
           ("intersects", "segment intersects"), ("seg_dist", "segment distance"), ("area", "area"),
           ("inflate", "inflate (plankit) / buffer (shapely)")]
    for k, label in ops:
        print(f"| {label} | {data['ns_per_op'][k] / 1000:.2f} | {timing[k] * 1e6:.2f} |")
    bad = {k: v for k, v in examples.items()}
    if bad:
        print()
        print("First disagreement per check:")
        for k, v in bad.items():
            print(f"- {k}: {v}")
        sys.exit(1)


def mean(xs):
    return sum(xs) / len(xs)


def shapely_version():
    import shapely
    from shapely import geos
    return f"{shapely.__version__} (GEOS {geos.geos_version_string.split('-')[0]})"


if __name__ == "__main__":
    main()
