"""Who knew what, and when: the index every gap query stands on.

An agency knows an entry from the entry's place in the order on if it recorded it or
received it (referred to, shared with, present at). The recipients of an entry, and its
recording agency, also come to know every entry it passes on, and whatever those entries
passed on in turn, at the passing entry's place. The earliest route counts. Nothing else
moves knowledge.

The index is built once per review (``knowledge(G, review)``) and answers many
questions: does agency A know entry e at a place in the order, what did A know on a
date, over which interval was A involved with person P, who is in P's family.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from .graph import (ABOUT, AGENCY, AGENCY_LINKS, ENTRY, INFORMANT, PASSES_ON, PERSON, RECORDED_BY, SPOKE_TO,
                    family_relationship_types, nodes_of, targets)

# The relationships by which an agency receives an entry (not NOT_SHARED_WITH).
_RECEIVING = tuple(AGENCY_LINKS[c] for c in ("referred_to", "shared_with", "attendees"))


@dataclass(frozen=True)
class Arrival:
    """When an agency came to know an entry: the place in the order and the carrying entry."""

    order: int
    via: str
    """The id of the entry by which the knowledge arrived (the entry itself if recorded
    or received directly)."""


@dataclass(frozen=True)
class Known:
    """One entry an agency knew on a date, with when and how it came to know it."""

    entry: str
    since: dt.date
    via: str


class Knowledge:
    """The who-knew-what-when index of one review in a graph."""

    def __init__(self, G: nx.MultiDiGraph, review: str):
        self.G = G
        self.review = review
        keys = nodes_of(G, ENTRY, review)
        keys.sort(key=lambda k: G.nodes[k]["order"])
        self.order: list[str] = [k[2] for k in keys]
        """Entry ids in the format's order (by date, then position in the file)."""
        self.place: dict[str, int] = {eid: i for i, eid in enumerate(self.order)}
        """Entry id -> its index in ``order`` (0 for the first)."""
        self.entry: dict[str, dict] = {k[2]: G.nodes[k] for k in keys}
        self.day: list[dt.date] = [self.entry[e]["date"] for e in self.order]
        self.recorder: dict[str, str] = {}
        self.about: dict[str, tuple[str, ...]] = {}
        self.roles: dict[str, dict[str, str]] = {}
        self.spoken_to: dict[str, tuple[str, ...]] = {}
        self.recipients: dict[str, tuple[str, ...]] = {}
        self.not_shared_with: dict[str, frozenset[str]] = {}
        self.passes_on: dict[str, tuple[str, ...]] = {}
        self.informant: dict[str, str] = {}
        self._links: dict[str, dict[str, tuple[str, ...]]] = {}
        for k in keys:
            eid = k[2]
            self.recorder[eid] = targets(G, k, RECORDED_BY)[0]
            roles = {v[2]: d.get("role", "subject") for _, v, key, d in G.out_edges(k, keys=True, data=True) if key == ABOUT}
            self.roles[eid] = roles
            self.about[eid] = tuple(sorted(roles))
            self.spoken_to[eid] = tuple(sorted(targets(G, k, SPOKE_TO)))
            got: list[str] = []
            for rtype in _RECEIVING:
                got.extend(a for a in targets(G, k, rtype) if a not in got)
            self.recipients[eid] = tuple(got)
            self.not_shared_with[eid] = frozenset(targets(G, k, AGENCY_LINKS["not_shared_with"]))
            self.passes_on[eid] = tuple(targets(G, k, PASSES_ON))
            self._links[eid] = {rtype: tuple(targets(G, k, rtype)) for rtype in AGENCY_LINKS.values()}
            informant = targets(G, k, INFORMANT)
            if informant:
                self.informant[eid] = informant[0]
        self.agency: dict[str, dict] = {k[2]: G.nodes[k] for k in nodes_of(G, AGENCY, review)}
        self.agencies: list[str] = list(self.agency)
        self.person: dict[str, dict] = {k[2]: G.nodes[k] for k in nodes_of(G, PERSON, review)}
        self.persons: list[str] = list(self.person)
        self.known: dict[str, dict[str, Arrival]] = self._arrivals()

    def _arrivals(self) -> dict[str, dict[str, Arrival]]:
        known: dict[str, dict[str, Arrival]] = {eid: {} for eid in self.order}
        carried: dict[str, frozenset[str]] = {}
        # In order, so everything an entry passes on is already resolved; the first
        # arrival written for an (entry, agency) pair is the earliest.
        for i, eid in enumerate(self.order):
            chain: set[str] = set()
            for earlier in self.passes_on[eid]:
                chain.add(earlier)
                chain |= carried[earlier]
            carried[eid] = frozenset(chain)
            receivers = (self.recorder[eid], *self.recipients[eid])
            for agency in receivers:
                known[eid].setdefault(agency, Arrival(i, eid))
                for passed in chain:
                    known[passed].setdefault(agency, Arrival(i, eid))
        return known

    def recipients_by_type(self, entry: str, rtype: str) -> tuple[str, ...]:
        """The agencies linked from ``entry`` by relationship ``rtype`` (e.g. REFERRED_TO)."""
        return self._links[entry][rtype]

    # -- knowing -------------------------------------------------------------------

    def arrival(self, agency: str, entry: str) -> Arrival | None:
        """When ``agency`` first came to know ``entry``, or None if it never did."""
        return self.known[entry].get(agency)

    def knows(self, agency: str, entry: str, at: int | None = None) -> bool:
        """True if ``agency`` knew ``entry`` at place ``at`` in the order (ever, if None)."""
        arrival = self.known[entry].get(agency)
        return arrival is not None and (at is None or arrival.order <= at)

    def knew_on(self, agency: str, day: dt.date) -> list[Known]:
        """Every entry ``agency`` knew on ``day`` (at the end of that day), in order."""
        last = bisect.bisect_right(self.day, day) - 1
        out = []
        for eid in self.order[: last + 1]:
            arrival = self.known[eid].get(agency)
            if arrival is not None and arrival.order <= last:
                out.append(Known(eid, self.day[arrival.order], arrival.via))
        return out

    # -- people --------------------------------------------------------------------

    @cached_property
    def involvement(self) -> dict[tuple[str, str], tuple[dt.date, dt.date]]:
        """(agency, person) -> the first and last day the agency recorded or came to know
        an entry naming the person in its subjects or spoken_to."""
        spans: dict[tuple[str, str], tuple[dt.date, dt.date]] = {}
        for eid in self.order:
            named = set(self.about[eid]) | set(self.spoken_to[eid])
            for agency, arrival in self.known[eid].items():
                day = self.day[arrival.order]
                for person in named:
                    first, last = spans.get((agency, person), (day, day))
                    spans[(agency, person)] = (min(first, day), max(last, day))
        return spans

    def involved(self, agency: str, person: str) -> tuple[dt.date, dt.date] | None:
        """The interval over which ``agency`` was involved with ``person``, or None."""
        return self.involvement.get((agency, person))

    @cached_property
    def families(self) -> list[frozenset[str]]:
        """The families of the review: connected components of the relationships,
        every family relation read both ways; a person with none is a family of one."""
        kinds = family_relationship_types()
        U = nx.Graph()
        U.add_nodes_from(self.persons)
        for k in nodes_of(self.G, PERSON, self.review):
            for _, v, key in self.G.out_edges(k, keys=True):
                if key in kinds and v[0] == PERSON:
                    U.add_edge(k[2], v[2])
        return sorted((frozenset(c) for c in nx.connected_components(U)), key=lambda f: sorted(f))

    @cached_property
    def _family_of(self) -> dict[str, frozenset[str]]:
        return {person: family for family in self.families for person in family}

    def family(self, person: str) -> frozenset[str]:
        """The family (connected component of relationships) that ``person`` belongs to."""
        return self._family_of[person]

    def is_child_on(self, person: str, day: dt.date) -> bool:
        """True if ``person`` is a child on ``day`` (see the format's definition)."""
        from ._dates import add_years

        props = self.person[person]
        if "born" in props:
            return day < add_years(props["born"], 18)
        return bool(props.get("child"))

    # -- the Lookup protocol of gap summaries (safegraph.gaps._finding.Lookup) ----------

    def person_name(self, person: str) -> str:
        return self.person[person].get("name", person)

    def agency_name(self, agency: str) -> str:
        return self.agency[agency].get("name", agency)

    def agency_area(self, agency: str) -> str | None:
        return self.agency[agency].get("area")

    def date_text(self, entry: str) -> str:
        return self.entry[entry]["date_text"]

    def entry_type(self, entry: str) -> str:
        return self.entry[entry]["type"]

    def recorder_of(self, entry: str) -> str:
        return self.recorder[entry]

    def order_of(self, entry: str) -> int:
        return self.place[entry]

    def area(self, agency: str) -> str | None:
        """The agency's area, or the review's where it has none; trimmed, lower-case."""
        area = self.agency[agency].get("area") or self.G.nodes[("Review", self.review, self.review)].get("area")
        area = (area or "").strip().lower()
        return area or None


def knowledge(G: nx.MultiDiGraph, review: str) -> Knowledge:
    """The who-knew-what-when index of ``review`` in ``G``, built once and cached on the
    graph (treat the graph as read-only once queried)."""
    cache = G.graph.setdefault("_knowledge", {})
    if review not in cache:
        cache[review] = Knowledge(G, review)
    return cache[review]


def knows(G: nx.MultiDiGraph, review: str, agency: str, on: dt.date) -> list[Known]:
    """What ``agency`` knew in ``review`` on ``on``: every entry, with since when and by
    which entry the knowledge arrived, in the format's order.

    Examples
    --------
    A shares e1 with B; B's later entry e2 passes e1 on to C. C knows e1 only from e2.

    >>> import datetime as dt
    >>> from safegraph import build_graph
    >>> from safegraph.models import Agency, Entry, Person, Review, Subject
    >>> from safegraph._dates import parse_date
    >>> def entry(i, date, agency, **kw):
    ...     return Entry(id=i, date=parse_date(date), agency=agency, type="contact",
    ...                  subjects=(Subject(person="p"),), summary=i, position=int(i[1:]), **kw)
    >>> review = Review(id="r", title="t", people=(Person(id="p", name="P"),),
    ...     agencies=tuple(Agency(id=a, name=a, type="other") for a in "abc"),
    ...     entries=(entry("e1", "2020-01-01", "a", shared_with=("b",)),
    ...              entry("e2", "2020-02-01", "b", shared_with=("c",), passes_on=("e1",))))
    >>> G = build_graph(review)
    >>> [k.entry for k in knows(G, "r", "c", dt.date(2020, 1, 31))]
    []
    >>> [(k.entry, str(k.since), k.via) for k in knows(G, "r", "c", dt.date(2020, 2, 1))]
    [('e1', '2020-02-01', 'e2'), ('e2', '2020-02-01', 'e2')]
    """
    return knowledge(G, review).knew_on(agency, on)
