"""Time the embedded backend on synthetic reviews; see scripts/bench-gaps."""

import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import safegraph
from safegraph.gaps import QUERIES
from safegraph.synthetic import synthetic_review, write_review


def best_of(n, fn):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main(sizes):
    print(f"machine: {machine()}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_review(Path(tmp) / "bench", synthetic_review("bench", size))
            t_load, corpus = best_of(3, lambda: safegraph.load(folder))
            t_graph, G = best_of(3, lambda: safegraph.build_graph(corpus))
            t_index, _ = best_of(1, lambda: safegraph.knowledge(G, "bench"))
            per_query = []
            for q in QUERIES:
                t, findings = best_of(3, lambda: q.function(G))
                per_query.append((q.name, t, len(findings)))
            fresh = safegraph.build_graph(corpus)
            t_all, findings = best_of(1, lambda: safegraph.find_gaps(fresh))
        print(f"\n{size} entries: load {t_load*1000:.0f} ms, graph {t_graph*1000:.0f} ms, "
              f"knowledge index {t_index*1000:.0f} ms")
        for name, t, n in per_query:
            print(f"  {name:<26} {t*1000:8.1f} ms  {n:6d} findings")
        print(f"  all queries from a fresh graph (index included): {t_all*1000:.0f} ms, {len(findings)} findings")
        print(f"  whole 'gaps' job (load + graph + all queries): {(t_load + t_graph + t_all)*1000:.0f} ms")
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 1000, 3000])
