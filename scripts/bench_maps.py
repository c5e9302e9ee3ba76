"""Benchmark the map pages: writing them, and opening and stepping them in Chromium.

For the Hasan example and synthetic single families of growing size (the family
generator of bench_family.py), prints the time and peak memory of `safegraph map`, the
page's size, and, in Debian's Chromium, the time to open the page and to move one step.
Figures, not pass/fail: record them with the machine in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def write_page(review: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak MB of `safegraph map` writing ``out``."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "safegraph", "map", str(review),
                             "--latest-year", "2100", "-o", str(out)], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    peak_kb = int(re.findall(r"^(\d+)$", result.stderr, re.M)[-1])
    return seconds, peak_kb / 1024


def browse(browser, page_file: Path) -> dict:
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    started = time.perf_counter()
    page.goto(page_file.as_uri())
    page.wait_for_function("window.safegraphMap !== undefined", timeout=600_000)
    opened = time.perf_counter() - started
    steps = page.evaluate("""() => { const t = performance.now(); const m = window.safegraphMap;
        for (let i = 0; i < 10; i++) m.go(i); return (performance.now() - t) / 10; }""")
    cells = page.evaluate("document.querySelectorAll('#sg-grid .sg-cell').length")
    page.close()
    return {"open": opened, "step_ms": steps, "cells": cells}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 3000, 10000], metavar="ENTRIES")
    parser.add_argument("--agencies", type=int, default=40)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    import bench_family

    print(f"{'review':>16} {'entries':>8} {'write s':>8} {'peak MB':>8} {'page MB':>8} {'open s':>7} "
          f"{'step ms':>8} {'grid cells':>10}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        cases = [("hasan", ROOT / "examples" / "hasan", 131)]
        for size in args.sizes:
            cases.append((f"family-{size}", bench_family.write(size, "family", args.agencies, Path(tmp) / str(size)),
                          size))
        for name, review, entries in cases:
            out = Path(tmp) / f"{name}.html"
            seconds, peak = write_page(review, out)
            seen = browse(browser, out)
            print(f"{name:>16} {entries:>8} {seconds:>8.2f} {peak:>8.0f} {out.stat().st_size / 1e6:>8.1f} "
                  f"{seen['open']:>7.2f} {seen['step_ms']:>8.1f} {seen['cells']:>10}", flush=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
