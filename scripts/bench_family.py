"""The cost of `gaps` on one large single-family review; see scripts/bench-family.

For each size, a synthetic review of one family is written to a temporary folder; then a
fresh Python process loads it, builds the graph and runs every gap query, finishing
(merging, wording, scoring) and writing the JSON document, timing each step, and a second
fresh process runs the command `safegraph gaps FOLDER --format json` as a user would. Each
size runs in its own processes, so the peak memory (maximum resident set size) is that
size's. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_gaps import machine  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# synthetic_review's dates run on for as long as the entries need (20,000 entries reach
# 2256); the limit on dates is raised for it.
LATEST_YEAR = 2300


def measure(folder: Path, latest_year: int | None) -> dict:
    """Every step of `gaps` on the review in ``folder``, timed, in this process."""
    import safegraph
    from safegraph import report
    from safegraph.gaps import QUERIES, finish
    from safegraph._knowledge import knowledge
    from safegraph._read import Limits

    out: dict = {"peak_mb": {}}
    limits = Limits(latest_year=latest_year) if latest_year else Limits()
    start = time.perf_counter()
    corpus = safegraph.load(folder, limits=limits)
    out["load"] = time.perf_counter() - start
    review = corpus.reviews[0]
    out["entries"], out["people"], out["agencies"] = len(review.entries), len(review.people), len(review.agencies)
    start = time.perf_counter()
    G = safegraph.build_graph(corpus)
    out["graph"] = time.perf_counter() - start
    out["peak_mb"]["graph"] = _peak_mb()
    start = time.perf_counter()
    K = knowledge(G, review.id)
    out["index"] = time.perf_counter() - start
    out["families"] = len(K.families)
    out["peak_mb"]["index"] = _peak_mb()
    findings, out["queries"] = [], []
    for query in QUERIES:
        start = time.perf_counter()
        found = query.function(G)
        out["queries"].append((query.name, time.perf_counter() - start, len(found), sum(len(f.events) for f in found)))
        findings += found
    out["peak_mb"]["queries"] = _peak_mb()
    start = time.perf_counter()
    findings = finish(G, findings)
    out["finish"] = time.perf_counter() - start
    out["peak_mb"]["finish"] = _peak_mb()
    out["findings"], out["evidence"] = len(findings), sum(len(f.events) for f in findings)
    out["by_query"] = {}
    for f in findings:
        n, ev = out["by_query"].get(f.query, (0, 0))
        out["by_query"][f.query] = (n + 1, ev + len(f.events))
    start = time.perf_counter()
    text = report.to_json([review.id], findings)
    out["json"] = time.perf_counter() - start
    out["json_bytes"] = len(text.encode("utf-8"))
    out["peak_mb"]["json"] = _peak_mb()
    return out


def run_cli(folder: Path, tmp: Path, latest_year: int | None) -> dict:
    """`safegraph gaps FOLDER --format json` in a fresh process: wall time, peak memory and
    the size of what it prints."""
    target = tmp / "findings.json"
    command = [sys.executable, "-m", "safegraph", "gaps", str(folder), "--format", "json"]
    if latest_year:
        command += ["--latest-year", str(latest_year)]
    start = time.perf_counter()
    with open(target, "wb") as fh:
        proc = subprocess.Popen(command, stdout=fh, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "peak_mb": usage.ru_maxrss / 1024, "bytes": target.stat().st_size,
            "exit": proc.returncode, "stderr": err[-500:]}


def child_measure(folder: Path, latest_year: int | None) -> dict:
    command = [sys.executable, __file__, "--measure", str(folder)]
    if latest_year:
        command += ["--latest-year", str(latest_year)]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"measuring {folder} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def write(size: int, generator: str, agencies: int, folder: Path) -> Path:
    from safegraph.synthetic import synthetic_family, synthetic_review, write_review

    if generator == "family":
        data = synthetic_family("bench", size, agencies=agencies)
    else:  # synthetic_review with one family: sparser, 16 agencies, close to issue 9's figures
        data = synthetic_review("bench", size, families=1)
    return write_review(folder / "bench", data)


def report_size(m: dict, cli: dict | None) -> None:
    print(f"\n{m['entries']:,} entries ({m['families']} family, {m['people']} people, {m['agencies']} agencies): "
          f"load {m['load']:.2f} s, graph {m['graph']:.2f} s, knowledge index {m['index']:.2f} s")
    print(f"  {'query':<26} {'time':>9} {'findings':>9} {'evidence':>10}   after merging: findings, evidence")
    for name, t, n, ev in m["queries"]:
        merged = m["by_query"].get(name, (0, 0))
        print(f"  {name:<26} {t:8.2f}s {n:9,d} {ev:10,d}   {merged[0]:,}, {merged[1]:,}")
    queries = sum(t for _, t, _, _ in m["queries"])
    total = m["index"] + queries + m["finish"]
    print(f"  merging, wording and scoring: {m['finish']:.2f} s")
    print(f"  find_gaps (index + queries + finishing): {total:.2f} s; {m['findings']:,} findings listing "
          f"{m['evidence']:,} evidence entries")
    print(f"  JSON document: {m['json']:.2f} s, {m['json_bytes'] / 1e6:.1f} MB")
    print("  peak RSS after " + ", ".join(f"{k} {v:.0f} MB" for k, v in m["peak_mb"].items()))
    if cli:
        if cli["exit"]:
            print(f"  'safegraph gaps --format json' failed (exit {cli['exit']}): {cli['stderr']}")
        else:
            print(f"  'safegraph gaps --format json': {cli['wall']:.2f} s wall, peak RSS {cli['peak_mb']:.0f} MB, "
                  f"{cli['bytes'] / 1e6:.1f} MB printed")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000], metavar="ENTRIES")
    parser.add_argument("--generator", choices=["family", "review"], default="family",
                        help="family: synthetic_family (one family of eight, fixed 12-year period); review: "
                             "synthetic_review with one family (16 agencies, an entry every 4.5 days; close to "
                             "issue 9's figures)")
    parser.add_argument("--agencies", type=int, default=40, help="agencies in the family generator")
    parser.add_argument("--no-cli", action="store_true", help="skip running the command itself")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--latest-year", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.latest_year)))
        return
    latest_year = LATEST_YEAR if args.generator == "review" else None
    print(f"machine: {machine()}")
    print(f"generator: {args.generator}" + (f", {args.agencies} agencies" if args.generator == "family" else ""))
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = write(size, args.generator, args.agencies, Path(tmp))
            m = child_measure(folder, latest_year)
            cli = None if args.no_cli else run_cli(folder, Path(tmp), latest_year)
        report_size(m, cli)
        rows.append((m, cli))
    print("\n| entries | load | graph | find_gaps | findings | evidence entries | JSON | `gaps --format json` | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m, cli in rows:
        total = m["index"] + sum(t for _, t, _, _ in m["queries"]) + m["finish"]
        command = f"{cli['wall']:.1f} s" if cli and not cli["exit"] else "n/a"
        peak = f"{cli['peak_mb']:.0f} MB" if cli and not cli["exit"] else f"{max(m['peak_mb'].values()):.0f} MB"
        print(f"| {m['entries']:,} | {m['load']:.2f} s | {m['graph']:.2f} s | {total:.2f} s | {m['findings']:,} | "
              f"{m['evidence']:,} | {m['json_bytes'] / 1e6:.1f} MB | {command} | {peak} |")


if __name__ == "__main__":
    main(sys.argv[1:])
