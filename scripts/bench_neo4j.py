"""Neo4j backend benchmark; see scripts/bench-neo4j."""

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import safegraph  # noqa: E402
from safegraph import neo4j_store  # noqa: E402
from safegraph.gaps import QUERIES  # noqa: E402
from safegraph.synthetic import synthetic_review, write_truth_corpus  # noqa: E402

from bench_gaps import machine  # noqa: E402

def wipe(driver):
    with driver.session(database="neo4j") as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def per_entry_push(driver, G, reviews):
    """The naive baseline: the same statements, one managed transaction for every entry
    (its node and its relationships), after the review's people and agencies."""
    count = 0
    all_rows = neo4j_store.rows_by_review(G)
    for review in reviews:
        nodes, rels = all_rows[review]
        by_entry = {}
        for key, rows in rels.items():
            for row in rows:
                owner = row["start"] if key[1] == "Entry" else None
                by_entry.setdefault(owner, []).append((key, row))

        def write(tx, label_rows, rel_rows):
            for label, row in label_rows:
                tx.run(neo4j_store.NODE_WRITES[label], rows=[row]).consume()
            for key, row in rel_rows:
                tx.run(neo4j_store.REL_WRITES[key], rows=[row]).consume()

        with driver.session(database="neo4j") as session:
            others = [(label, row) for label in ("Review", "Person", "Agency") for row in nodes[label]]
            session.execute_write(write, others, by_entry.get(None, []))
            for row in sorted(nodes["Entry"], key=lambda r: r["props"]["order"]):
                session.execute_write(write, [("Entry", row)], by_entry.get(row["id"], []))
                count += 1
            session.execute_write(neo4j_store.derive, review)
    return count


def timed(work):
    t = time.perf_counter()
    out = work()
    return time.perf_counter() - t, out


def command(args):
    """Seconds for one `safegraph ...` command in a fresh process (output discarded)."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "safegraph", *args], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return time.perf_counter() - t


def push_figures(driver, G, entries, label, batch):
    """Push into an empty database (best of two), then the unchanged corpus again."""
    took = []
    for _ in range(2):
        wipe(driver)
        took.append(timed(lambda: neo4j_store.push(driver, G, database="neo4j", batch=batch))[0])
    repush, unchanged = timed(lambda: neo4j_store.push(driver, G, database="neo4j", batch=batch))
    assert all(r.status == "unchanged" for r in unchanged)
    best = min(took)
    print(f"  {label}: {best:6.1f} s  {entries / best:8.0f} entries/s  (runs: {', '.join(f'{t:.1f}' for t in took)} s;"
          f" the unchanged corpus again: {repush:.1f} s)")


def gap_figures(driver, make_graph, per_query):
    """Every query at once, neo4j (find_gaps) against embedded (safegraph.find_gaps), each
    on a freshly built graph (so both build their knowledge index), best of three after a
    warm-up run; then, if asked, query by query."""
    neo, emb = [], []
    for run in range(4):
        G = make_graph()
        t, stored = timed(lambda: neo4j_store.find_gaps(driver, G, database="neo4j"))
        G = make_graph()
        u, embedded = timed(lambda: safegraph.find_gaps(G))
        assert [f.as_json() for f in stored] == [f.as_json() for f in embedded], "findings differ"
        if run:
            neo.append(t)
            emb.append(u)
    print(f"  all fifteen queries: neo4j {min(neo):.2f} s, embedded {min(emb):.2f} s "
          f"({min(neo) / min(emb):.2f}x), {len(embedded)} findings, identical")
    if per_query:
        print(f"  {'query':<26} {'neo4j':>8} {'embedded':>9} {'findings':>9}  (one query at a time)")
        for q in QUERIES:
            G = make_graph()
            neo_t, stored = timed(lambda: neo4j_store.find_gaps(driver, G, [q.name], database="neo4j"))
            G = make_graph()
            emb_t, embedded = timed(lambda: safegraph.find_gaps(G, [q.name]))
            same = "" if len(stored) == len(embedded) else "  COUNTS DIFFER"
            print(f"  {q.name:<26} {neo_t:8.2f} {emb_t:9.2f} {len(embedded):9d}{same}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--truth-reviews", type=int, default=100,
                        help="reviews in the ground-truth corpus (safegraph.synthetic.write_truth_corpus, seed 0); 0 skips it")
    parser.add_argument("--entries", type=int, default=30_000,
                        help="entries in the synthetic_review corpus (the older benchmark's); 0 skips it")
    parser.add_argument("--per-review", type=int, default=300)
    parser.add_argument("--baseline-entries", type=int, default=3_000,
                        help="entries for the one-transaction-per-entry run, on the synthetic corpus")
    parser.add_argument("--batch", type=int, default=10_000, help="rows per write statement")
    parser.add_argument("--per-query", action="store_true", help="also time each query on its own")
    parser.add_argument("--uri")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    with contextlib.ExitStack() as stack:
        uri = args.uri
        if uri is None:
            from neo4j_server import running_neo4j
            uri = str(stack.enter_context(running_neo4j()))
        driver = stack.enter_context(neo4j_store.connect(uri))
        print(f"neo4j: {uri}, rust extension: {_rust()}, server java options: "
              f"{os.environ.get('NEO4J_SERVER_JAVA_OPTS', '(scripts/neo4j-server default)') if args.uri is None else '(not ours)'}")
        print(f"push: {neo4j_store.WORKERS} sessions, about {neo4j_store.TRANSACTION_ROWS} rows a transaction, "
              f"batch {args.batch}; gaps: {neo4j_store.QUERY_WORKERS} sessions")

        # Warm-up: the server's JIT and plan cache, as on a server that has been running.
        warm = safegraph.build_graph([safegraph.review_from_dict(synthetic_review(f"warm-{n}", 300, seed=100 + n))
                                      for n in range(10)])
        wipe(driver)
        neo4j_store.push(driver, warm, database="neo4j")
        neo4j_store.find_gaps(driver, warm, database="neo4j")

        if args.truth_reviews:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="safegraph-truth-"))
            write_truth_corpus(folder, args.truth_reviews, seed=0)
            corpus = safegraph.load(folder)
            G = safegraph.build_graph(corpus)
            entries = sum(len(r.entries) for r in corpus.reviews)
            print(f"\nground-truth corpus: {len(corpus.reviews)} reviews, {entries} entries "
                  f"({G.number_of_nodes()} nodes, {G.number_of_edges()} relationships)")
            push_figures(driver, G, entries, "push", args.batch)
            gap_figures(driver, lambda: safegraph.build_graph(corpus), args.per_query)
            for fmt in ("json", "table"):
                cmd = ["gaps", folder, "--format", fmt]
                command([*cmd, "--backend", "neo4j", "--uri", uri])  # warm-up
                neo = min(command([*cmd, "--backend", "neo4j", "--uri", uri]) for _ in range(2))
                emb = min(command(cmd) for _ in range(2))
                print(f"  whole command `safegraph gaps --format {fmt}`: neo4j {neo:.2f} s, embedded {emb:.2f} s "
                      f"({neo / emb:.2f}x)")

        if args.entries:
            reviews = max(1, -(-args.entries // args.per_review))
            data = [safegraph.review_from_dict(synthetic_review(f"syn-{n:04d}", args.per_review, seed=n))
                    for n in range(reviews)]
            G = safegraph.build_graph(data)
            entries = reviews * args.per_review
            print(f"\nsynthetic_review corpus: {reviews} reviews x {args.per_review} entries = {entries} entries "
                  f"({G.number_of_nodes()} nodes, {G.number_of_edges()} relationships)")
            push_figures(driver, G, entries, "push", args.batch)
            for workers in (1,):
                wipe(driver)
                t, _ = timed(lambda: neo4j_store.push(driver, G, database="neo4j", batch=args.batch, workers=workers))
                print(f"  push in {workers} session: {t:6.1f} s  {entries / t:8.0f} entries/s")
            for batch in (1000,):
                wipe(driver)
                t, _ = timed(lambda: neo4j_store.push(driver, G, database="neo4j", batch=batch))
                print(f"  push, batch {batch} (the CLI's default): {t:6.1f} s  {entries / t:8.0f} entries/s")
            base = [r.id for r in data][: max(1, args.baseline_entries // args.per_review)]
            wipe(driver)
            t, n = timed(lambda: per_entry_push(driver, G, base))
            print(f"  baseline, one transaction per entry ({n} entries): {t:6.1f} s  {n / t:8.0f} entries/s")
            wipe(driver)
            neo4j_store.push(driver, G, database="neo4j")
            gap_figures(driver, lambda: safegraph.build_graph(data), args.per_query)


def _rust():
    try:
        import importlib
        importlib.import_module("neo4j._rust")
        return "yes"
    except ImportError:
        return "no"


if __name__ == "__main__":
    main()
