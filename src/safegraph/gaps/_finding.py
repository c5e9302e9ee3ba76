"""Findings, the shape every gap query returns, and the helpers the queries share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Protocol

import networkx as nx

from .._knowledge import Knowledge, knowledge

CONFIRMED, NO_RECORD = "confirmed", "no_record"


@dataclass
class Finding:
    """One gap: what was missing, about whom, which agencies, and the evidence entries.

    The fields are those of the JSON contract (``gap-queries.md``); the lists hold ids.
    """

    query: str
    review: str
    level: str
    persons: list[str]
    agencies: list[str]
    events: list[str]
    summary: str = field(compare=False)

    def sort_key(self) -> tuple:
        return (self.review, self.agencies, self.events, self.persons)

    def as_json(self) -> dict:
        return {"query": self.query, "review": self.review, "level": self.level,
                "persons": list(self.persons), "agencies": list(self.agencies),
                "events": list(self.events), "summary": self.summary}


class Lookup(Protocol):
    """What a summary needs to know about the ids in a finding.

    The embedded index (``Knowledge``) is one; the Neo4j backend fetches another, so both
    backends word their findings the same way.
    """

    def person_name(self, person: str) -> str: ...
    def agency_name(self, agency: str) -> str: ...
    def agency_area(self, agency: str) -> str | None: ...
    def date_text(self, entry: str) -> str: ...
    def entry_type(self, entry: str) -> str: ...
    def recorder_of(self, entry: str) -> str: ...
    def order_of(self, entry: str) -> int: ...


def reviews_in(G: nx.MultiDiGraph) -> list[str]:
    """The ids of the reviews in ``G``, sorted."""
    return sorted({n[1] for n in G if n[0] == "Review"})


def each_review(G: nx.MultiDiGraph) -> Iterable[Knowledge]:
    for review in reviews_in(G):
        yield knowledge(G, review)


def finding(query: str, review: str, *, persons: Iterable[str], agencies: Iterable[str],
            events: Iterable[str] = (), level: str = NO_RECORD, keep_first_event: bool = False) -> Finding:
    """Build a finding with its lists sorted as the contract says (summary left empty)."""
    events = list(events)
    if keep_first_event and events:
        events = [events[0], *sorted(events[1:])]
    else:
        events = sorted(events)
    return Finding(query, review, level, sorted(set(persons)), sorted(set(agencies)), events, "")


def level_for(not_shared_with, agency: str, lacked: Iterable[str]) -> str:
    """``confirmed`` if every entry the agency lacked lists it in not_shared_with.

    ``not_shared_with`` maps an entry id to the agencies it names there.
    """
    lacked = list(lacked)
    if lacked and all(agency in not_shared_with.get(e, ()) for e in lacked):
        return CONFIRMED
    return NO_RECORD


def involved_around(K: Knowledge, agency: str, persons: Iterable[str], day: dt.date, window: int) -> bool:
    """True if the agency's involvement with any of ``persons`` overlaps day ± window."""
    low, high = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
    for person in persons:
        span = K.involved(agency, person)
        if span is not None and span[0] <= high and span[1] >= low:
            return True
    return False


def family_of_all(K: Knowledge, persons: Iterable[str]) -> frozenset[str]:
    """The union of the families of ``persons``."""
    out: set[str] = set()
    for person in persons:
        out |= K.family(person)
    return frozenset(out)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


# -- words for summaries -------------------------------------------------------------

def names(look: Lookup, persons: Iterable[str]) -> str:
    """People's names as a reviewer reads them: "Jila and Rahima"."""
    return and_list([look.person_name(p) for p in sorted(persons)])


def chronological(look: Lookup, entries: Iterable[str]) -> list[str]:
    return sorted(entries, key=look.order_of)


def and_list(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
