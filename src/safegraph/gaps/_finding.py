"""Findings, the shape every gap query returns, and the helpers the queries share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

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


def reviews_in(G: nx.MultiDiGraph) -> list[str]:
    """The ids of the reviews in ``G``, sorted."""
    return sorted({n[1] for n in G if n[0] == "Review"})


def each_review(G: nx.MultiDiGraph) -> Iterable[Knowledge]:
    for review in reviews_in(G):
        yield knowledge(G, review)


def finding(query: str, K: Knowledge, *, persons: Iterable[str], agencies: Iterable[str],
            events: Iterable[str] = (), level: str = NO_RECORD, summary: str,
            keep_first_event: bool = False) -> Finding:
    """Build a finding with its lists sorted as the contract says."""
    events = list(events)
    if keep_first_event and events:
        events = [events[0], *sorted(events[1:])]
    else:
        events = sorted(events)
    return Finding(query, K.review, level, sorted(set(persons)), sorted(set(agencies)), events, summary)


def level_for(K: Knowledge, agency: str, lacked: Iterable[str]) -> str:
    """``confirmed`` if every entry the agency lacked lists it in not_shared_with."""
    lacked = list(lacked)
    if lacked and all(agency in K.not_shared_with[e] for e in lacked):
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

def names(K: Knowledge, persons: Iterable[str]) -> str:
    """People's names as a reviewer reads them: "Jila and Rahima"."""
    return and_list([K.person[p].get("name", p) for p in sorted(persons)])


def agency_name(K: Knowledge, agency: str) -> str:
    return K.agency[agency].get("name", agency)


def when(K: Knowledge, entry: str) -> str:
    """The entry's date as written in the data."""
    return K.entry[entry]["date_text"]


def and_list(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
