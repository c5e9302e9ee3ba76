"""Recall and precision of every gap query on a synthetic corpus with ground truth; see
scripts/bench-truth and docs/benchmarks.md ("Ground truth")."""

import argparse
import collections
import os
import platform
import tempfile
import time
from pathlib import Path

import safegraph
from safegraph.gaps import QUERY_NAMES
from safegraph.synthetic import read_truth, score, write_truth_corpus


def machine():
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def pct(part, whole):
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def why(f):
    """A short reason for an unplanted finding: its query, level or groups, agency kinds."""
    if f.query == "unshared-meeting-outcome":
        return "groups " + "+".join(g for g, a in sorted((f.groups or {}).items()) if a)
    if f.internal:
        return "internal"
    return f"level {f.level}" if f.level else f"{len(f.events)} events"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--entries", type=int, default=300, help="average entries per review")
    parser.add_argument("--show", type=int, default=3, help="unplanted findings to print per query")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        start = time.perf_counter()
        write_truth_corpus(folder, args.reviews, seed=args.seed, entries=args.entries)
        t_gen = time.perf_counter() - start
        truth = read_truth(folder / "truth.csv")
        start = time.perf_counter()
        corpus = safegraph.load(folder)
        t_load = time.perf_counter() - start
        entries = sum(len(r.entries) for r in corpus.reviews)
        start = time.perf_counter()
        findings = safegraph.find_gaps(corpus)
        t_gaps = time.perf_counter() - start
    print(f"corpus: {len(corpus.reviews)} reviews, {entries} entries (seed {args.seed}); generated in {t_gen:.1f} s, "
          f"loaded in {t_load:.1f} s, all queries in {t_gaps:.1f} s")
    stats = score(findings, truth)
    print(f"\n{'query':<26} {'planted':>7} {'found':>6} {'matched':>7} {'recall':>7} {'precision':>9} "
          f"{'unplanted':>9} {'near plant':>10} {'background':>10}")
    totals = collections.Counter()
    for name in QUERY_NAMES:
        s = stats[name]
        unplanted = s["found"] - s["matched"]
        print(f"{name:<26} {s['planted']:7d} {s['found']:6d} {s['matched']:7d} {pct(s['recalled'], s['planted']):>7} "
              f"{pct(s['matched'], s['found']):>9} {unplanted:9d} {s['near_plant']:10d} {s['background']:10d}")
        for key in ("planted", "found", "matched", "recalled", "near_plant", "background"):
            totals[key] += s[key]
    print(f"{'all':<26} {totals['planted']:7d} {totals['found']:6d} {totals['matched']:7d} "
          f"{pct(totals['recalled'], totals['planted']):>7} {pct(totals['matched'], totals['found']):>9} "
          f"{totals['found'] - totals['matched']:9d} {totals['near_plant']:10d} {totals['background']:10d}")
    print("\nrecall: planted gaps some finding matches; precision: findings that match a planted gap;"
          "\nnear plant: unplanted findings sharing an entry or agency with a planted gap (a plant's knock-on);"
          "\nbackground: the rest.")
    for name in QUERY_NAMES:
        s = stats[name]
        if s["missed"]:
            print(f"\nMISSED {name}: {len(s['missed'])}")
            for row in s["missed"][: args.show]:
                print(f"  {row['review']} {row['entries']} {row['agency']}: {row['description']}")
        if s["unplanted"]:
            reasons = collections.Counter(why(f) for f in s["unplanted"])
            print(f"\nunplanted {name}: " + ", ".join(f"{n} {r}" for r, n in reasons.most_common(4)))
            for f in s["unplanted"][: args.show]:
                print(f"  {f.review} {f.events[:4]} {f.agencies[:3]}: {f.summary[:150]}")


if __name__ == "__main__":
    main()
