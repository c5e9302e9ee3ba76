"""Neo4j backend benchmark; see scripts/bench-neo4j."""

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import safegraph  # noqa: E402
from safegraph import neo4j_store  # noqa: E402
from safegraph.gaps import QUERIES  # noqa: E402
from safegraph.synthetic import synthetic_review  # noqa: E402

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--per-review", type=int, default=300)
    parser.add_argument("--baseline-entries", type=int, default=None,
                        help="entries for the one-transaction-per-entry run (default: the whole corpus)")
    parser.add_argument("--batches", default="100,1000,5000")
    parser.add_argument("--uri")
    args = parser.parse_args()

    reviews = max(1, -(-args.entries // args.per_review))  # enough reviews for at least --entries
    t = time.perf_counter()
    data = [safegraph.review_from_dict(synthetic_review(f"syn-{n:04d}", args.per_review, seed=n)) for n in range(reviews)]
    G = safegraph.build_graph(data)
    entries = reviews * args.per_review
    print(f"machine: {machine()}")
    print(f"corpus: {reviews} reviews x {args.per_review} entries = {entries} entries "
          f"({G.number_of_nodes()} nodes, {G.number_of_edges()} relationships), built in {time.perf_counter() - t:.1f} s")

    with contextlib.ExitStack() as stack:
        uri = args.uri
        if uri is None:
            from neo4j_server import running_neo4j
            uri = str(stack.enter_context(running_neo4j()))
        driver = stack.enter_context(neo4j_store.connect(uri))
        ids = [r.id for r in data]
        print(f"neo4j: {uri}, rust extension: {_rust()}")

        sample = [i for i in ids[: max(1, len(ids) // 10)]]
        sample_entries = len(sample) * args.per_review
        print(f"\nbatch size (push of {sample_entries} entries, {len(sample)} reviews):")
        sub = safegraph.build_graph([r for r in data if r.id in sample])
        neo4j_store.push(driver, sub, database="neo4j", force=True)  # warm-up: plans compiled, JIT warm
        for size in [int(b) for b in args.batches.split(",")]:
            took = []
            for _ in range(2):
                wipe(driver)
                t = time.perf_counter()
                neo4j_store.push(driver, sub, batch=size, database="neo4j")
                took.append(time.perf_counter() - t)
            best = min(took)
            print(f"  batch {size:>5}: {best:6.1f} s  {sample_entries / best:8.0f} entries/s (best of 2)")

        wipe(driver)
        t = time.perf_counter()
        neo4j_store.push(driver, G, database="neo4j")
        batched = time.perf_counter() - t
        t = time.perf_counter()
        unchanged = neo4j_store.push(driver, G, database="neo4j")
        repush = time.perf_counter() - t
        assert all(r.status == "unchanged" for r in unchanged)

        baseline_reviews = ids if args.baseline_entries is None else ids[: max(1, args.baseline_entries // args.per_review)]
        wipe(driver)
        t = time.perf_counter()
        n = per_entry_push(driver, G, baseline_reviews)
        naive = time.perf_counter() - t

        print(f"\npush, {entries} entries:")
        print(f"  batched, one transaction per review: {batched:7.1f} s  {entries / batched:8.0f} entries/s")
        print(f"  one transaction per entry ({n} entries): {naive:7.1f} s  {n / naive:8.0f} entries/s")
        print(f"  pushing the unchanged corpus again: {repush:.1f} s")

        wipe(driver)
        neo4j_store.push(driver, G, database="neo4j")
        print(f"\ngap queries on all {reviews} reviews (seconds):")
        print(f"  {'query':<26} {'neo4j':>8} {'embedded':>9} {'findings':>9}")
        fresh = safegraph.build_graph(data)
        t = time.perf_counter()
        for review in ids:
            safegraph.knowledge(fresh, review)
        index = time.perf_counter() - t
        for q in QUERIES:
            t = time.perf_counter()
            stored = neo4j_store.find_gaps(driver, fresh, [q.name], database="neo4j")
            neo = time.perf_counter() - t
            t = time.perf_counter()
            embedded = safegraph.find_gaps(fresh, [q.name])
            emb = time.perf_counter() - t
            same = "" if len(stored) == len(embedded) else "  COUNTS DIFFER"
            print(f"  {q.name:<26} {neo:8.2f} {emb:9.2f} {len(embedded):9d}{same}")
        print(f"  (embedded knowledge index for all reviews, built once before the queries: {index:.2f} s)")


def _rust():
    try:
        import neo4j._rust  # noqa: F401
        return "yes"
    except ImportError:
        return "no"


if __name__ == "__main__":
    main()
