"""Findings, the shape every gap query returns, and the helpers the queries share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Protocol

import networkx as nx

from .._knowledge import Knowledge, knowledge

CONFIRMED, PARTLY_CONFIRMED, NO_RECORD = "confirmed", "partly_confirmed", "no_record"
# Queries whose findings are about their first event (a decision, meeting, disclosure,
# referral or share): the gap happens on its day.
LEADING_EVENT = frozenset({"unshared-meeting-outcome", "decision-without-history", "child-not-seen", "single-informant",
                           "disclosure-without-action", "outcome-not-fed-back", "delayed-receipt", "record-mismatch"})
LEVELS = (CONFIRMED, PARTLY_CONFIRMED, NO_RECORD)


@dataclass
class Finding:
    """One gap: what was missing, about whom, which agencies, and the evidence entries.

    The fields are those of the JSON contract (``docs/gap-queries.md``); the lists hold ids.
    ``level`` is None for the pattern queries, where it has no meaning.
    """

    query: str
    review: str
    level: str | None
    persons: list[str]
    agencies: list[str]
    events: list[str]
    summary: str = field(default="", compare=False)
    stated: int | None = None
    """How many of the things the agency lacked the review states it was not told of."""
    of: int | None = None
    """How many things the agency lacked (entries, or agencies for a meeting)."""
    internal: bool = False
    """True where what was missing was known to another unit of the same organisation."""
    groups: dict[str, list[str]] | None = None
    """For a meeting: the agencies it never reached, by why they are listed."""
    detail: list[str] | None = None
    """Words the summary needs that are not ids (the risks of a pattern, a rule's name)."""
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    """Why the finding scores what it does, one short phrase per component."""

    def sort_key(self) -> tuple:
        return (self.review, self.agencies, self.events, self.persons, self.internal, self.detail or [])

    def as_json(self) -> dict:
        out = {"query": self.query, "review": self.review, "level": self.level,
               "persons": list(self.persons), "agencies": list(self.agencies),
               "events": list(self.events), "summary": self.summary,
               "stated": self.stated, "of": self.of, "internal": self.internal,
               "score": self.score, "reasons": list(self.reasons)}
        if self.groups is not None:
            out["groups"] = {k: list(v) for k, v in self.groups.items()}
        if self.detail is not None:
            out["detail"] = list(self.detail)
        return out


class Lookup(Protocol):
    """What a summary needs to know about the ids in a finding.

    The embedded index (``Knowledge``) is one; the Neo4j backend fetches another, so both
    backends word their findings the same way.
    """

    def person_name(self, person: str) -> str: ...
    def agency_name(self, agency: str) -> str: ...
    def agency_type(self, agency: str) -> str: ...
    def agency_area(self, agency: str) -> str: ...
    def meeting_kind(self, entry: str) -> str | None: ...
    def involved(self, agency: str, person: str): ...
    def spoken_to_recorded(self, entry: str) -> bool: ...
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
            events: Iterable[str] = (), level: str | None = None, keep_first_event: bool = False,
            **more) -> Finding:
    """Build a finding with its lists sorted as the contract says (summary left empty)."""
    events = list(dict.fromkeys(events))
    if keep_first_event and events:
        events = [events[0], *sorted(events[1:])]
    else:
        events = sorted(events)
    return Finding(query, review, level, sorted(set(persons)), sorted(set(agencies)), events, **more)


def stated_level(stated: int, of: int) -> str:
    """``confirmed`` when all ``of`` things are stated, ``partly_confirmed`` when some are,
    ``no_record`` when none is."""
    if of and stated == of:
        return CONFIRMED
    return PARTLY_CONFIRMED if stated else NO_RECORD


def lacking(query: str, K: Knowledge, agency: str, lacked: Iterable[str], **kw) -> Finding:
    """A finding about an agency that lacked entries (each once), with its level and
    stated count."""
    lacked = list(lacked)
    not_told = K.not_told.get(agency)
    stated = len(not_told.intersection(lacked)) if not_told else 0
    return finding(query, K.review, agencies=[agency], level=stated_level(stated, len(lacked)),
                   stated=stated, of=len(lacked), **kw)


def split_internal(K: Knowledge, agency: str, entries: Iterable[str], at: int | None = None
                   ) -> tuple[list[str], list[str]]:
    """Entries ``agency`` lacked, split into (lacked by its whole organisation, known to
    another unit of its organisation). An entry the review states was not shared with the
    agency always counts as lacked by the organisation: the review has said so."""
    cross, internal = [], []
    for e in entries:
        internal_only = agency not in K.not_shared_with[e] and K.org_knows(agency, e, at)
        (internal if internal_only else cross).append(e)
    return cross, internal


def family_of_all(K: Knowledge, persons: Iterable[str]) -> frozenset[str]:
    """The union of the families of ``persons``."""
    out: set[str] = set()
    for person in persons:
        out |= K.family(person)
    return frozenset(out)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def days_between(a: dt.date, b: dt.date) -> int:
    return abs((b - a).days)


# -- words for summaries -------------------------------------------------------------

def names(look: Lookup, persons: Iterable[str]) -> str:
    """People's names as a reviewer reads them: "Jila and Rahima"."""
    return and_list([look.person_name(p) for p in sorted(persons)])


def agency_names(look: Lookup, agencies: Iterable[str]) -> str:
    return and_list([look.agency_name(a) for a in agencies])


def chronological(look: Lookup, entries: Iterable[str]) -> list[str]:
    return sorted(entries, key=look.order_of)


def and_list(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def a(noun: str) -> str:
    """The noun with its indefinite article: "an assessment", "a decision"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def words(term: str) -> str:
    """A vocabulary term as words: ``suicide_attempt`` -> ``suicide attempt``."""
    return term.replace("_", " ")


def span(look: Lookup, entries: Iterable[str]) -> str:
    """"on 12/08/1999" or "from 12/08/1999 to 26/08/1999" for entries in date order."""
    dated = chronological(look, entries)
    if not dated:
        return ""
    first, last = look.date_text(dated[0]), look.date_text(dated[-1])
    return f"on {first}" if first == last else f"from {first} to {last}"


def stated_words(f: Finding) -> str:
    """"(the review states 3 of them)" for a partly confirmed finding; "" otherwise."""
    if f.level == PARTLY_CONFIRMED:
        return f"; the review states that {f.stated} of them {'was' if f.stated == 1 else 'were'} not shared with it"
    if f.level == CONFIRMED:
        return "; the review states it was not told"
    return ""
