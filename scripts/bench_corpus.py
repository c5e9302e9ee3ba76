"""Time whole commands on synthetic corpora; see scripts/bench-corpus."""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_gaps import machine

TARGETS = {"validate": 10.0, "gaps": 30.0, "research": 30.0}


def write(folder: Path, reviews: int, seed: int) -> None:
    """The corpus the benchmarks run on: the ground-truth generator where there is one
    (reviews of realistic shape averaging about 300 entries), else synthetic_review."""
    from safegraph import synthetic

    if hasattr(synthetic, "write_truth_corpus"):
        synthetic.write_truth_corpus(folder, reviews, seed=seed, entries=300)
    else:
        synthetic.write_corpus(folder, reviews, 300, seed=seed)


def plain_read(folder: Path) -> tuple[float, int]:
    """Seconds to read every CSV of the corpus with csv.DictReader and nothing else."""
    start, rows = time.perf_counter(), 0
    for path in sorted(folder.glob("*/*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            rows += sum(1 for _ in csv.DictReader(fh))
    return time.perf_counter() - start, rows


def tree_rss(root: int) -> int:
    """Resident bytes of process ``root`` and all its descendants, read from /proc."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parent[pid], rss[pid] = int(fields[1]), int(fields[21]) * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += [child for child, up in parent.items() if up == pid]
    return total


PAGE = resource.getpagesize()


def timed(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MB of the command and its worker processes together, sampled every
    0.2 s) for one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", default="100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for each command (default: its own)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    args = parser.parse_args()
    sizes = [int(n) for n in args.reviews.split(",")]
    exe = [sys.executable, "-m", "safegraph"]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"machine: {machine()}")
    print("peak MB: the command and its worker processes together, sampled every 0.2 s\n")
    print("| reviews | entries | command | seconds | peak MB | target |")
    print("|---:|---:|---|---:|---:|---|")
    base = args.keep or Path(tempfile.mkdtemp(prefix="safegraph-bench-"))
    seconds: dict[tuple[str, int], float] = {}
    try:
        for n in sizes:
            folder = base / f"corpus-{n}"
            if not folder.exists():
                start = time.perf_counter()
                write(folder, n, args.seed)
                print(f"<!-- {n} reviews written in {time.perf_counter() - start:.1f} s -->")
            read, rows = plain_read(folder)
            entries = sum(1 for p in folder.glob("*/chronology.csv") for _ in open(p, encoding="utf-8")) - n
            print(f"| {n:,} | {entries:,} | csv.DictReader of every file ({rows:,} rows) | {read:.1f} | | |")
            out = base / f"out-{n}"
            out.mkdir(exist_ok=True)
            commands = {
                "validate": [*exe, "validate", str(folder), *jobs],
                "gaps": [*exe, "gaps", str(folder), "--format", "json", "-o", str(out / "gaps.json"), *jobs],
                "research": [*exe, "research", str(folder), "-o", str(out / "research.md"), *jobs],
            }
            for name, command in commands.items():
                t, peak = timed(command)
                seconds[(name, n)] = t
                target = TARGETS[name] if n == 1000 else None
                verdict = "" if target is None else f"under {target:.0f} s: {'met' if t < target else 'not met'}"
                extra = f" ({t / read:.1f}x the plain read)" if name == "validate" else ""
                print(f"| {n:,} | {entries:,} | `{name}`{extra} | {t:.1f} | {peak:.0f} | {verdict} |")
        if len(sizes) > 1:
            small, large = sizes[0], sizes[-1]
            print(f"\ngrowth {small:,} -> {large:,} reviews (x{large / small:.0f} data): " + ", ".join(
                f"{name} x{seconds[(name, large)] / seconds[(name, small)]:.1f}" for name in TARGETS))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
