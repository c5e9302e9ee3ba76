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
from typing import Iterable

import networkx as nx

from ._dates import add_years
from ._vocab import agency_types_with, term_property
from .graph import (ABOUT, AGENCY, AGENCY_LINKS, ENTRY, INFORMANT, PASSES_ON, PERSON, RECORDED_BY, SPOKE_TO,
                    family_relationship_types, nodes_of)

# The relationships by which an agency receives an entry (not NOT_SHARED_WITH).
_RECEIVING = tuple(AGENCY_LINKS[c] for c in ("referred_to", "shared_with", "attendees"))


@dataclass(frozen=True)
class Arrival:
    """When an agency came to know an entry: the place in the order, the carrying entry
    and the day."""

    order: int
    """The place in the review's order from which the agency knew it: the carrying
    entry's place, or, for a receipt recorded on a later day, the first place on or after
    that day (``len(order)`` if the review has no entry that late)."""
    via: str
    """The id of the entry by which the knowledge arrived (the entry itself if recorded
    or received directly)."""
    day: dt.date
    """The day it arrived: the carrying entry's date, or the recorded day of receipt."""


@dataclass(frozen=True)
class Known:
    """One entry an agency knew on a date, with when and how it came to know it."""

    entry: str
    since: dt.date
    via: str


@dataclass(frozen=True)
class Involvement:
    """How an agency was involved with a person: its substantive contacts (see ``contacts``)."""

    first: dt.date
    last: dt.date
    contacts: tuple[dt.date, ...]
    """The days of its substantive contacts, in order."""
    episodic: bool
    """True for a one-off service: in scope only near each contact, not between them."""

    def covers(self, day: dt.date, near: int) -> bool:
        """True if something dated ``day`` falls within the involvement: between the first
        and last contact, or, for an episodic agency, in the ``near`` days up to a contact
        (what could have informed it)."""
        if not self.episodic:
            return self.first <= day <= self.last
        i = bisect.bisect_left(self.contacts, day)
        return i < len(self.contacts) and (self.contacts[i] - day).days <= near

    def contact_between(self, low: dt.date, high: dt.date, near: int = 0) -> bool:
        """True if a substantive contact falls between ``low`` and ``high`` (widened by
        ``near`` days for an episodic agency)."""
        reach = dt.timedelta(days=near if self.episodic else 0)
        i = bisect.bisect_left(self.contacts, low - reach)
        return i < len(self.contacts) and self.contacts[i] <= high + reach

    def overlaps(self, low: dt.date, high: dt.date, near: int) -> bool:
        """True if the involvement meets the days ``low`` to ``high``."""
        if not self.episodic:
            return self.first <= high and self.last >= low
        reach = dt.timedelta(days=near)
        i = bisect.bisect_left(self.contacts, low - reach)
        return i < len(self.contacts) and self.contacts[i] <= high + reach


# Roles by which an entry counts as substantive contact with a person (not a witness's or
# reporter's mention).
SUBSTANTIVE_ROLES = frozenset({"subject", "victim", "perpetrator"})
# Relations that make a household (format v2): not partner_of (a partner need not live
# there; write household_member where one does), relative_of or ex_partner_of.
HOUSEHOLD_RELATIONS = frozenset({"PARENT_OF", "CARER_OF", "SIBLING_OF", "HOUSEHOLD_MEMBER"})


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
        self.received: dict[str, dict[str, dt.date]] = {}
        """Entry id -> recipient -> the recorded day of receipt (where recorded)."""
        self.unrecorded: dict[str, frozenset[str]] = {}
        """Entry id -> recipients with no record of receiving it."""
        self._links: dict[str, dict[str, tuple[str, ...]]] = {}
        receiving = set(_RECEIVING)
        for k in keys:
            eid = k[2]
            links: dict[str, list[str]] = {rtype: [] for rtype in AGENCY_LINKS.values()}
            roles: dict[str, str] = {}
            spoken, passes, received, unrecorded = [], [], {}, set()
            # One pass over the entry's relationships (networkx's own adjacency dict, in the
            # order G.out_edges gives, without building a view per entry).
            for v, key, d in ((v, key, d) for v, keys in G._succ[k].items() for key, d in keys.items()):
                if key in links:
                    links[key].append(v[2])
                    if key in receiving:
                        if "received" in d:
                            received[v[2]] = d["received"]
                        if d.get("unrecorded"):
                            unrecorded.add(v[2])
                elif key == RECORDED_BY:
                    self.recorder[eid] = v[2]
                elif key == ABOUT:
                    roles[v[2]] = d.get("role", "subject")
                elif key == SPOKE_TO:
                    spoken.append(v[2])
                elif key == PASSES_ON:
                    passes.append(v[2])
                elif key == INFORMANT:
                    self.informant[eid] = v[2]
            got: dict[str, None] = {}
            for rtype in _RECEIVING:  # in the order the format lists the columns
                for agency in links[rtype]:
                    got.setdefault(agency)
            self.recipients[eid] = tuple(got)
            self.roles[eid] = roles
            self.about[eid] = tuple(sorted(roles))
            self.spoken_to[eid] = tuple(sorted(spoken))
            self.not_shared_with[eid] = frozenset(links[AGENCY_LINKS["not_shared_with"]])
            self.passes_on[eid] = tuple(passes)
            self._links[eid] = {rtype: tuple(ids) for rtype, ids in links.items()}
            self.received[eid] = received
            self.unrecorded[eid] = frozenset(unrecorded)
        self.agency: dict[str, dict] = {k[2]: G.nodes[k] for k in nodes_of(G, AGENCY, review)}
        self.agencies: list[str] = list(self.agency)
        self.person: dict[str, dict] = {k[2]: G.nodes[k] for k in nodes_of(G, PERSON, review)}
        self.persons: list[str] = list(self.person)
        self.known: dict[str, dict[str, Arrival]] = self._arrivals()

    def _place_from(self, day: dt.date) -> int:
        """The first place in the order on or after ``day`` (len(order) if none)."""
        return bisect.bisect_left(self.day, day)

    @cached_property
    def passed_on_by(self) -> dict[str, tuple[str, ...]]:
        """Entry id -> the entries that pass it on (list it in ``passes_on``), in order."""
        out: dict[str, list[str]] = {}
        for eid in self.order:
            for earlier in dict.fromkeys(self.passes_on[eid]):
                out.setdefault(earlier, []).append(eid)
        return {eid: tuple(later) for eid, later in out.items()}

    def _arrivals(self) -> dict[str, dict[str, Arrival]]:
        """Entry id -> agency -> its earliest arrival.

        An agency knows an entry e by e's own route (recorded or received it) or by the
        route of any entry that passes e on, directly or through a chain. So, going
        backwards through the order, an entry's arrivals are its own merged with those of
        every entry that passes it on (already complete, being later): one merge per
        ``passes_on`` link, however long the chains. The earliest place wins; of two at
        one place, the one carried by the earlier entry.
        """
        known: dict[str, dict[str, Arrival]] = {}
        for i in range(len(self.order) - 1, -1, -1):
            eid = self.order[i]
            own = {self.recorder[eid]: Arrival(i, eid, self.day[i])}
            for agency in self.recipients[eid]:
                if agency in self.unrecorded[eid]:
                    continue
                day = self.received[eid].get(agency)
                if day is None or day <= self.day[i]:
                    arrival = Arrival(i, eid, self.day[i])
                else:
                    arrival = Arrival(max(i, self._place_from(day)), eid, day)
                if agency not in own or arrival.order < own[agency].order:
                    own[agency] = arrival
            for later in self.passed_on_by.get(eid, ()):
                for agency, arrival in known[later].items():
                    have = own.get(agency)
                    if have is None or arrival.order < have.order or (
                            arrival.order == have.order and self.place[arrival.via] < self.place[have.via]):
                        own[agency] = arrival
            known[eid] = own
        return {eid: known[eid] for eid in self.order}

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
            if arrival is not None and arrival.day <= day:
                out.append(Known(eid, arrival.day, arrival.via))
        return out

    # -- people --------------------------------------------------------------------

    @cached_property
    def involvement(self) -> dict[tuple[str, str], Involvement]:
        """(agency, person) -> how the agency was involved with the person through
        substantive contact (gap-queries.md, "Involvement"):

        - it recorded an entry with the person as subject, victim or perpetrator, or
          spoke to them in its own entry;
        - it was referred to, or attended a meeting, about the person (as subject, victim
          or perpetrator), from the day that reached it;
        - as a universal service (GP, school, health visiting, school nursing) it came to
          know, by any route, an entry about the person (as subject, victim or perpetrator).
        A witness's or reporter's mention is not contact.
        """
        return self._contacts[0]

    @property
    def contact_entries(self) -> dict[tuple[str, str], list[tuple[dt.date, str]]]:
        """(agency, person) -> the (day, entry) of each substantive contact, in order."""
        return self._contacts[1]

    @cached_property
    def _contacts(self):
        universal = agency_types_with("universal")
        contacts: dict[tuple[str, str], dict[tuple[dt.date, str], None]] = {}

        def touch(agency, persons, day, eid):
            for person in persons:
                contacts.setdefault((agency, person), {}).setdefault((day, eid))

        for i, eid in enumerate(self.order):
            day = self.day[i]
            roles = self.roles[eid]
            substantive = [p for p, role in roles.items() if role in SUBSTANTIVE_ROLES]
            recorder = self.recorder[eid]
            touch(recorder, substantive, day, eid)
            touch(recorder, self.spoken_to[eid], day, eid)
            meeting = self.entry[eid]["type"] == "meeting"
            for rtype in ("REFERRED_TO", "ATTENDED_BY"):
                if rtype == "ATTENDED_BY" and not meeting:
                    continue
                for agency in self._links[eid][rtype]:
                    if agency not in self.unrecorded[eid]:
                        touch(agency, substantive, max(day, self.received[eid].get(agency, day)), eid)
            for agency, arrival in self.known[eid].items():
                if self.agency_type(agency) in universal:
                    touch(agency, substantive, arrival.day, arrival.via)
        involvement, entries = {}, {}
        for key, seen in contacts.items():
            ordered = sorted(seen)
            entries[key] = ordered
            days = tuple(sorted({d for d, _ in ordered}))
            involvement[key] = Involvement(days[0], days[-1], days, self.is_episodic(key[0]))
        return involvement, entries

    def involved(self, agency: str, person: str) -> Involvement | None:
        """How ``agency`` was involved with ``person``, or None."""
        return self.involvement.get((agency, person))

    @cached_property
    def involved_with(self) -> dict[str, dict[str, Involvement]]:
        """Agency -> person -> involvement."""
        out: dict[str, dict[str, Involvement]] = {}
        for (agency, person), inv in self.involvement.items():
            out.setdefault(agency, {})[person] = inv
        return out

    def agency_type(self, agency: str) -> str:
        return self.agency[agency].get("type", "other")

    def is_episodic(self, agency: str) -> bool:
        """True if the agency meets people in one-off contacts (its ``involvement``
        column, or the default of its type)."""
        written = self.agency[agency].get("involvement")
        if written:
            return written == "episodic"
        return bool(term_property("agency_types", self.agency_type(agency), "episodic"))

    @cached_property
    def organisation(self) -> dict[str, str]:
        """Agency -> the organisation it belongs to (the top of its ``part_of`` chain;
        itself if it has none)."""
        out = {}
        for agency in self.agencies:
            top, seen = agency, {agency}
            while (up := self.agency[top].get("part_of")) and up not in seen:
                seen.add(up)
                top = up
            out[agency] = top
        return out

    def same_organisation(self, a: str, b: str) -> bool:
        return self.organisation[a] == self.organisation[b]

    def spoken_to_recorded(self, entry: str) -> bool:
        """True if the entry records who was seen: a list of people, or ``none``."""
        return bool(self.spoken_to[entry]) or "spoken_to" in self.entry[entry].get("none_in", ())

    def meeting_kind(self, entry: str) -> str | None:
        return self.entry[entry].get("meeting_kind")

    @cached_property
    def units(self) -> dict[str, tuple[str, ...]]:
        """Organisation -> its units (the agencies whose ``part_of`` chain leads to it,
        itself included), in the agencies' order."""
        out: dict[str, list[str]] = {}
        for agency in self.agencies:
            out.setdefault(self.organisation[agency], []).append(agency)
        return {org: tuple(units) for org, units in out.items()}

    def org_knows(self, agency: str, entry: str, at: int | None = None) -> str | None:
        """Another unit of ``agency``'s organisation that knew ``entry`` (at ``at``), or None."""
        for other in self.units[self.organisation[agency]]:
            if other != agency and self.knows(other, entry, at):
                return other
        return None

    def areas(self, agency: str) -> frozenset[str]:
        """The areas the agency serves (trimmed, lower-case); empty where not recorded."""
        text = self.agency[agency].get("area") or ""
        return frozenset(a.strip().lower() for a in text.split(";") if a.strip())

    def across_boundary(self, a: str, b: str) -> bool:
        """True if ``a`` and ``b`` are on two sides of a boundary: both have areas, they
        share none, and neither is a service that spans areas (police, ambulance)."""
        if self.same_organisation(a, b):
            return False
        if any(term_property("agency_types", self.agency_type(x), "spans_areas") for x in (a, b)):
            return False
        areas_a, areas_b = self.areas(a), self.areas(b)
        return bool(areas_a and areas_b and not areas_a & areas_b)

    def _components(self, kinds) -> list[frozenset[str]]:
        """Connected components of the relationships of the given types, read both ways;
        a person with none is a group of one."""
        U = nx.Graph()
        U.add_nodes_from(self.persons)
        for k in nodes_of(self.G, PERSON, self.review):
            for _, v, key in self.G.out_edges(k, keys=True):
                if key in kinds and v[0] == PERSON:
                    U.add_edge(k[2], v[2])
        return sorted((frozenset(c) for c in nx.connected_components(U)), key=lambda f: sorted(f))

    @cached_property
    def families(self) -> list[frozenset[str]]:
        """The families of the review: connected components of the relationships,
        every family relation read both ways; a person with none is a family of one."""
        return self._components(family_relationship_types())

    @cached_property
    def households(self) -> list[frozenset[str]]:
        """Connected components of the household relations (parent, carer, sibling,
        household member), read both ways."""
        return self._components(HOUSEHOLD_RELATIONS)

    @cached_property
    def _household_of(self) -> dict[str, frozenset[str]]:
        return {person: h for h in self.households for person in h}

    def household(self, person: str) -> frozenset[str]:
        return self._household_of[person]

    @cached_property
    def _family_of(self) -> dict[str, frozenset[str]]:
        return {person: family for family in self.families for person in family}

    def family(self, person: str) -> frozenset[str]:
        """The family (connected component of relationships) that ``person`` belongs to."""
        return self._family_of[person]

    def is_child_on(self, person: str, day: dt.date) -> bool:
        """True if ``person`` is a child on ``day`` (see the format's definition)."""
        props = self.person[person]
        if "born" in props:
            return props["born"] <= day < self.adult_on(person)
        return bool(props.get("child"))

    def adult_on(self, person: str) -> dt.date:
        """The person's 18th birthday (``born`` must be known), worked out once."""
        cache = self.__dict__.setdefault("_adult_on", {})
        if person not in cache:
            cache[person] = add_years(self.person[person]["born"], 18)
        return cache[person]

    # -- indexes the queries share, each built once per review on first use ---------

    @cached_property
    def places_about(self) -> dict[str, list[int]]:
        """Person -> the places of the entries about them (in any role), in order."""
        out: dict[str, list[int]] = {}
        for i, eid in enumerate(self.order):
            for person in self.about[eid]:
                out.setdefault(person, []).append(i)
        return out

    def places_about_any(self, people: Iterable[str]) -> list[int]:
        """The places of the entries about anyone in ``people`` (a family, say), in
        order, each once; worked out once per set of people."""
        key = frozenset(people)
        cache = self.__dict__.setdefault("_places_about_any", {})
        if key not in cache:
            cache[key] = sorted(set().union(*(self.places_about.get(p, ()) for p in key)))
        return cache[key]

    @cached_property
    def perpetrator_in(self) -> dict[str, list[str]]:
        """Person -> the entries recording them as a perpetrator, in order."""
        out: dict[str, list[str]] = {}
        for eid in self.order:
            for person, role in self.roles[eid].items():
                if role == "perpetrator":
                    out.setdefault(person, []).append(eid)
        return out

    @cached_property
    def org_arrival(self) -> dict[str, dict[str, int]]:
        """Entry id -> organisation -> the first place from which one of its units knew
        the entry."""
        out: dict[str, dict[str, int]] = {}
        for eid, arrivals in self.known.items():
            first: dict[str, int] = {}
            for agency, arrival in arrivals.items():
                org = self.organisation[agency]
                if arrival.order < first.get(org, arrival.order + 1):
                    first[org] = arrival.order
            out[eid] = first
        return out

    @cached_property
    def not_told(self) -> dict[str, frozenset[str]]:
        """Agency -> the entries the review states were not shared with it."""
        out: dict[str, set[str]] = {}
        for eid in self.order:
            for agency in self.not_shared_with[eid]:
                out.setdefault(agency, set()).add(eid)
        return {agency: frozenset(entries) for agency, entries in out.items()}

    @cached_property
    def places_by(self) -> dict[str, list[int]]:
        """Agency -> the places of the entries it recorded, in order."""
        out: dict[str, list[int]] = {}
        for i, eid in enumerate(self.order):
            out.setdefault(self.recorder[eid], []).append(i)
        return out

    # -- the Lookup protocol of gap summaries (safegraph.gaps._finding.Lookup) ----------

    def person_name(self, person: str) -> str:
        return self.person[person].get("name", person)

    def agency_name(self, agency: str) -> str:
        return self.agency[agency].get("name", agency)

    def agency_area(self, agency: str) -> str:
        return self.agency[agency].get("area") or "area not recorded"

    def date_text(self, entry: str) -> str:
        return self.entry[entry]["date_text"]

    def entry_type(self, entry: str) -> str:
        return self.entry[entry]["type"]

    def recorder_of(self, entry: str) -> str:
        return self.recorder[entry]

    def order_of(self, entry: str) -> int:
        return self.place[entry]

    @cached_property
    def period_start(self) -> dt.date | None:
        """The first day of the review's period, where review.yaml gives one."""
        return self.G.nodes[("Review", self.review, self.review)].get("period_start")

    @cached_property
    def incident(self) -> dt.date | None:
        """The review's critical incident: ``incident`` in review.yaml, or the first
        death entry about one of the review's subjects, or ``period_end``, or the last
        entry's date."""
        node = self.G.nodes[("Review", self.review, self.review)]
        if "incident" in node:
            return node["incident"]
        subjects = set(node.get("subjects", ()))
        for i, eid in enumerate(self.order):
            if self.entry[eid]["type"] == "death" and (not subjects or subjects & set(self.about[eid])):
                return self.day[i]
        if "period_end" in node:
            return node["period_end"]
        return self.day[-1] if self.day else None


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
