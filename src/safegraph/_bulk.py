"""A corpus one review at a time, on every core: load a review, work something out from it,
keep only that, and go on to the next.

A corpus command needs little from each review once its findings or figures are known,
so holding the whole corpus (its models, its graph, every index) at once is what made a
thousand reviews take gigabytes. Here each review is read, checked, built into its own
graph and worked on in a worker process; the parent gathers the results in the corpus's
order, with the same all-or-nothing rule as ``safegraph.load`` (any error, and nothing is
returned; ``skip_invalid`` sets a broken review aside). Reviews never share nodes, so a
review's own graph gives what the corpus graph gives for it.

``work`` is a function of one review's graph and review id (``work(G, review_id)``) that
the workers can import: a module-level function, or a ``functools.partial`` of one.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ._load import Gathered, check_review, review_targets
from ._read import DEFAULT_LIMITS, Limits
from .errors import Problem

# Below this many reviews the workers' start-up costs more than they save.
PARALLEL_FROM = 16


@dataclass(frozen=True)
class Mapped:
    """What ``map_reviews`` returns: ``work``'s result for each review kept, in the
    corpus's order, with the review ids, the warnings, and (with ``skip_invalid``) the
    reviews left out with their problems."""

    results: list
    review_ids: list[str]
    warnings: tuple[Problem, ...]
    skipped: tuple[tuple[str, tuple[Problem, ...]], ...]


def default_jobs(reviews: int) -> int:
    """How many worker processes a corpus of ``reviews`` gets by default: one per core
    (at most eight) for a large corpus; none (work in this process) for a small one."""
    if reviews < PARALLEL_FROM:
        return 1
    return max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def map_reviews(path: str | Path, work: Callable | None, *, jobs: int | None = None, unknown_terms: str = "error",
                limits: Limits = DEFAULT_LIMITS, skip_invalid: bool = False) -> Mapped:
    """Check every review under ``path`` and apply ``work(G, review_id)`` to each valid one
    (with ``work=None`` the result is the review's counts, as ``validate`` shows them).

    ``jobs`` is the number of worker processes (None: ``default_jobs``; 1: none, all in
    this process). Raises LoadError as ``safegraph.load`` does: with every problem of every
    review, and nothing returned, if any has an error (unless ``skip_invalid``).
    """
    targets, problems = review_targets(path)
    jobs = default_jobs(len(targets)) if jobs is None else max(1, jobs)
    tasks = [(target, shown, unknown_terms, limits, work) for target, shown in targets]
    gathered = Gathered(problems, skip_invalid)
    ids: list[str] = []
    if jobs == 1 or len(tasks) == 1:
        outcomes = map(_one, tasks)
        _gather(gathered, outcomes, tasks, ids)
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=_context(work),
                                 initializer=_worker_start) as pool:
            # Two reviews a trip: the round trip is cheap next to a review, and small chunks
            # keep both workers busy to the end.
            _gather(gathered, pool.map(_one, tasks, chunksize=2), tasks, ids)
    results = gathered.finish()
    return Mapped(results=results, review_ids=ids, warnings=tuple(gathered.problems), skipped=tuple(gathered.skipped))


def _gather(gathered: Gathered, outcomes, tasks, ids: list[str]) -> None:
    for (target, shown, *_), (review_id, found, id_place, result) in zip(tasks, outcomes):
        if gathered.add(shown, review_id, found, id_place, result):
            ids.append(review_id)


def _one(task) -> tuple:
    """Check one review and work on it: (its id or None, its problems, where its id is
    written, the result). Runs in a worker; what it returns is all the parent keeps."""
    target, shown, unknown_terms, limits, work = task
    review, found, id_place = check_review(target, shown, unknown_terms, limits)
    if review is None:
        return None, found, id_place, None
    review_id = review.id
    if work is None:
        result = {"entries": len(review.entries), "people": len(review.people), "agencies": len(review.agencies),
                  "path": review.path}
    else:
        from .graph import build_graph

        G = build_graph(review)
        del review
        result = work(G, review_id)
    return review_id, found, id_place, result


def _worker_start() -> None:
    # Each worker holds one review's objects at a time: the collector's default
    # thresholds would rescan them for nothing.
    gc.set_threshold(100_000, 50, 100)


def _context(work: Callable | None):
    """Worker processes started from a clean server process where the platform has one
    (never a fork of a parent that may run threads), which has imported what ``work``
    needs once for all of them; else freshly spawned."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        function = getattr(work, "func", work)
        modules = ["safegraph._bulk"] + ([function.__module__, "safegraph.graph"] if function is not None else [])
        context.set_forkserver_preload(modules)
        return context
    return multiprocessing.get_context("spawn")
