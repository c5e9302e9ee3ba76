"""One finding per gap: the merging both backends apply after their queries.

Two kinds of finding say the same thing more than once, and are merged here, in shared
Python, so that the embedded and Neo4j backends merge alike:

- several agencies that lacked exactly the same entries about the same people, with the
  same stated share (the health services that never knew of the abuse): one finding
  naming every such agency (unshared-risk, unlinked-family-risk);
- one agency's successive decisions about a family, each made without nothing more than
  the decision before it lacked (each step of one assessment): one finding listing the
  decisions in ``detail`` (decision-without-history).
"""

from __future__ import annotations

import networkx as nx

from .._knowledge import knowledge
from ._finding import Finding, family_of_all

SAME_GAP = ("unshared-risk", "unlinked-family-risk")


def merge(G: nx.MultiDiGraph, findings: list[Finding]) -> list[Finding]:
    """The findings with repeats of one gap merged (see the module docstring); the order
    of the rest is kept, merged findings take the place of their first part."""
    out: list[Finding] = []
    same: dict[tuple, Finding] = {}
    last_decision: dict[tuple, tuple[Finding, list[str]]] = {}
    # Decisions are merged in the order they were made; everything else keeps its place.
    def when(f: Finding) -> int:
        return knowledge(G, f.review).place[f.events[0]] if f.query == "decision-without-history" else 0

    for f in sorted(findings, key=when):
        if f.query in SAME_GAP:
            key = (f.query, f.review, tuple(f.events), tuple(f.persons), f.stated, f.of, f.internal,
                   tuple(f.detail or ()))
            if key in same:
                kept = same[key]
                kept.agencies = sorted({*kept.agencies, *f.agencies})
                continue
            same[key] = f
        elif f.query == "decision-without-history":
            K = knowledge(G, f.review)
            key = (f.review, f.agencies[0], family_of_all(K, f.persons), f.internal)
            lacked = f.events[1:]  # each once
            previous = last_decision.get(key)
            # Nothing more than the decision before lacked (a longer list always has more).
            if previous is not None and len(lacked) <= len(previous[1]) and set(previous[1]).issuperset(lacked):
                kept = previous[0]
                decisions = kept.detail or [kept.events[0]]
                kept.detail = [*decisions, f.events[0]]
                kept.persons = sorted({*kept.persons, *f.persons})
                continue
            last_decision[key] = (f, lacked)
        out.append(f)
    kept = {id(f) for f in out}
    return [f for f in findings if id(f) in kept]
