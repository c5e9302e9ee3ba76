"""What a map shows, as plain data: the one structure the page, the static figures and the
tests read.

Everything a page holds comes from here, so this is where redaction happens: with a
redactor, people are labels, entry and review ids are numbers, summaries and titles are
withheld and sources scrubbed, before any of it reaches a file. Items refer to each other
by their index in these lists, never by the review's ids (an id can carry a name).

Time: entries are numbered in the format's order (``step``); every item that appears at a
moment carries the step from which it is true, so the page can show the picture as of any
entry. ``as_of`` cuts the data itself: nothing dated after it is in the file at all.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

import networkx as nx

from .._dates import PartialDate
from .._knowledge import Knowledge, knowledge
from .._redact import Redactor
from .._vocab import term_property
from ..gaps import Finding
from ..gaps._finding import LEADING_EVENT
from ..graph import PERSON, REVIEW, provenance_text
from ..models import Episode
from . import _layout, _style

# Relationship edges between people, as the map draws them.
RELATIONS = {"PARENT_OF": "parent", "CARER_OF": "carer", "PARTNER_OF": "partner", "EX_PARTNER_OF": "ex-partner",
             "SIBLING_OF": "sibling", "HOUSEHOLD_MEMBER": "household", "RELATIVE_OF": "relative"}
# The agency-to-agency links through which knowledge passes, by the entry column.
FLOW_KINDS = {"REFERRED_TO": "referral", "SHARED_WITH": "share", "ATTENDED_BY": "meeting"}
# The grid's columns: the most serious risks, widened until there are this many.
MIN_COLUMNS = 10


def last_day(date: PartialDate) -> dt.date:
    """The last day a partial date can mean (``1997`` -> 31 December 1997)."""
    day = date.day
    if date.precision == "year":
        return dt.date(day.year, 12, 31)
    if date.precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


@dataclass
class _Review:
    """What the parts of a picture share: the review's index, the entries shown (up to the
    cut) and the indexes that stand for ids in the data."""

    K: Knowledge
    redactor: Redactor | None
    order: list[str]
    step: dict[str, int]
    pindex: dict[str, int]
    aindex: dict[str, int]

    @property
    def cut(self) -> int:
        return len(self.order)

    def scrub(self, text: str | None) -> str:
        return (self.redactor.scrub(self.K.review, text) if self.redactor else text) or ""


def picture(G: nx.MultiDiGraph, review: str, findings: Iterable[Finding], *, episodes: Sequence[Episode] = (),
            as_of: dt.date | None = None, redactor: Redactor | None = None, top: int = 25,
            min_severity: int | None = None, near: int = 7) -> dict:
    """The map data of ``review``: people, agencies, entries, the links between them, the
    headline findings among ``findings`` and the who-knew-what grid (module docstring).

    ``top`` is how many headline findings to draw (the report's headline rule);
    ``min_severity`` picks the grid's columns (risks of at least that severity; by default
    the most serious level that gives at least MIN_COLUMNS columns); ``near`` is the
    contact window of an episodic agency, as in ``gaps --contact-days``.
    """
    K = knowledge(G, review)
    node = G.nodes[(REVIEW, review, review)]
    order = K.order[:len(K.order) if as_of is None else bisect.bisect_right(K.day, as_of)]
    R = _Review(K, redactor, order, {eid: i for i, eid in enumerate(order)},
                {p: i for i, p in enumerate(K.persons)}, {a: i for i, a in enumerate(K.agencies)})
    persons, relations, family = _people(G, R, node)
    entries = _entries(R)
    period = [node.get("period_start_text"), node.get("period_end_text")]
    return {
        "format": 1,
        "review": {
            "title": redactor.title(review) if redactor else node.get("title", review),
            "kind": node.get("kind") or "", "area": node.get("area") or "",
            "period": [p or "" for p in period],
            "incident": node.get("incident_text") or "",
            "incident_day": K.incident.isoformat() if K.incident else "",
            "as_of": as_of.isoformat() if as_of else "",
            "redacted": redactor is not None,
            "note": Redactor.NOTE if redactor else "",
        },
        "persons": persons, "relations": relations, "agencies": _agencies(R, family), "entries": entries,
        "involvement": _involvement(R), "flows": _flows(R), "findings": _findings(R, findings, top),
        "grid": _grid(R, entries, min_severity, near), "episodes": _episodes(R, episodes),
    }


def _people(G: nx.MultiDiGraph, R: _Review, node: dict) -> tuple[list, list, dict]:
    """The persons (with their place on the genogram), the lines between them, and the
    genogram's positions by person id."""
    K, people, pindex = R.K, list(R.pindex), R.pindex
    parents, partners, same = [], [], []
    strongest: dict[frozenset, tuple[int, int, int, str]] = {}
    rank = {kind: i for i, kind in enumerate(RELATIONS.values())}
    for p in people:
        for _, v, rtype in G.out_edges((PERSON, K.review, p), keys=True):
            if v[0] != PERSON or v[2] not in pindex or v[2] == p or rtype not in RELATIONS:
                continue
            kind = RELATIONS[rtype]
            if kind in ("parent", "carer"):
                parents.append((p, v[2]))
            else:
                same.append((p, v[2]))
                if kind in ("partner", "ex-partner"):
                    partners.append((p, v[2]))
            pair = frozenset((p, v[2]))
            if pair not in strongest or rank[kind] < strongest[pair][0]:
                strongest[pair] = (rank[kind], pindex[p], pindex[v[2]], kind)
    # One line per pair, the closest relation; brothers and sisters with a parent on the
    # map are joined through the parent, as on a genogram.
    parent_sets: dict[str, set[str]] = {}
    for parent, child in parents:
        parent_sets.setdefault(child, set()).add(parent)
    relations = []
    for _, a, b, kind in strongest.values():
        if kind == "sibling" and parent_sets.get(people[a], set()) & parent_sets.get(people[b], set()):
            continue
        relations.append({"a": a, "b": b, "kind": kind})
    family = _layout.genogram(people, parents, partners, same, {p: str(K.person[p].get("born") or "") for p in people})
    subjects = set(node.get("subjects") or ())
    labels = R.redactor.people(K.review) if R.redactor else None
    persons = []
    for p in people:
        props = K.person[p]
        born = props.get("born_text")
        persons.append({
            "label": labels[p] if labels else props.get("name", p),
            "role": props.get("role") or "",
            "sex": props.get("sex") or "",
            "child": bool(K.incident and K.is_child_on(p, K.incident)),
            "subject": p in subjects,
            "born": (R.redactor.born(born) if R.redactor else born) or "",
            "x": family[p][0], "y": family[p][1],
        })
    return persons, relations, family


def _agencies(R: _Review, family: dict) -> list[dict]:
    """The agencies, placed round the family, each with the step from which it knew
    anything (None if it never did by the cut)."""
    K = R.K
    place = _layout.frame([(a, K.agency_type(a)) for a in R.aindex], family)
    first: dict[str, int] = {}
    for eid in R.order:
        for agency, arrival in K.known[eid].items():
            if arrival.order < R.cut:
                first[agency] = min(first.get(agency, R.cut), arrival.order)
    out = []
    for a in R.aindex:
        kind = K.agency_type(a)
        org = K.organisation[a]
        out.append({
            "label": R.redactor.agency_name(K.review, a) if R.redactor else K.agency_name(a),
            "type": kind,
            "type_label": _style.type_label(kind),
            "colour": _style.colour(kind),
            "organisation": R.aindex[org] if org != a else None,
            "area": R.scrub(K.agency[a].get("area")),
            "first": first.get(a),
            "x": place[a][0], "y": place[a][1],
        })
    return out


def _entries(R: _Review) -> list[dict]:
    K, redactor, review = R.K, R.redactor, R.K.review
    out = []
    for i, eid in enumerate(R.order):
        props = K.entry[eid]
        risks = list(props.get("risks") or ())
        out.append({
            "id": redactor.entry(review, eid) if redactor else eid,
            "day": K.day[i].isoformat(),
            "date": props["date_text"],
            "agency": R.aindex[K.recorder[eid]],
            "type": props["type"],
            "summary": redactor.summary(review, eid) if redactor else (props.get("summary") or ""),
            "source": R.scrub(props.get("source")),
            "where": R.scrub(provenance_text(props)),
            "risks": risks,
            "risk_level": props.get("risk_level") or "",
            "persons": [[R.pindex[p], role] for p, role in K.roles[eid].items() if p in R.pindex],
            "to": [R.aindex[a] for a in K.recipients[eid] if a in R.aindex],
            "not_to": [R.aindex[a] for a in sorted(K.not_shared_with[eid]) if a in R.aindex],
            "meeting": K.meeting_kind(eid) or ("meeting" if props["type"] == "meeting" else ""),
            "severity": max((term_property("risks", r, "severity") or 1 for r in risks), default=0),
        })
    return out


def _involvement(R: _Review) -> list[dict]:
    """Agency to person: the step of each substantive contact (from the day it reached
    the agency, for a receipt recorded later)."""
    K, out = R.K, []
    for (agency, person), contacts in sorted(K.contact_entries.items(),
                                             key=lambda kv: (R.aindex[kv[0][0]], R.pindex[kv[0][1]])):
        steps = sorted({max(R.step[eid], bisect.bisect_left(K.day, day)) for day, eid in contacts
                        if eid in R.step and bisect.bisect_left(K.day, day) < R.cut})
        if steps:
            out.append({"agency": R.aindex[agency], "person": R.pindex[person], "steps": steps})
    return out


def _flows(R: _Review) -> list[dict]:
    """Agency to agency where an entry reached another agency: by referral, share or a
    meeting attended (not where the recipient has no record of it)."""
    K = R.K
    flows: dict[tuple[int, int], dict] = {}
    for i, eid in enumerate(R.order):
        source = R.aindex[K.recorder[eid]]
        for rtype, kind in FLOW_KINDS.items():
            for agency in K.recipients_by_type(eid, rtype):
                if agency in K.unrecorded[eid] or R.aindex[agency] == source:
                    continue
                arrival = K.known[eid].get(agency)
                at = arrival.order if arrival and arrival.via == eid else i
                if at >= R.cut:
                    continue
                flow = flows.setdefault((source, R.aindex[agency]),
                                        {"from": source, "to": R.aindex[agency], "steps": [], "kinds": []})
                flow["steps"].append(at)
                if kind not in flow["kinds"]:
                    flow["kinds"].append(kind)
    return list(flows.values())


def _findings(R: _Review, findings: Iterable[Finding], top: int) -> list[dict]:
    """The headline findings (ranked as ``safegraph gaps`` ranks them) whose evidence is
    all on or before the cut, each with the step at which it happens."""
    from ..report import headline

    K, out = R.K, []
    for rank, f in enumerate(headline([f for f in findings if f.review == K.review], top), start=1):
        if any(e not in R.step for e in f.events):
            continue  # evidence after the chosen date: not on this map
        places = [R.step[e] for e in f.events]
        # Shown once all its evidence is on the record, never before (a finding that
        # counts later entries would give the ending away); ringed where it happens.
        step = max(places) if places else max(R.cut - 1, 0)
        at = places[0] if places and f.query in LEADING_EVENT else step
        lacking = [R.aindex[a] for a in f.agencies if a in R.aindex]
        words = R.redactor.finding(f) if R.redactor else f
        out.append({
            "rank": rank, "query": f.query, "title": f.query.replace("-", " ").capitalize(), "level": f.level or "",
            "score": f.score, "summary": words.summary, "reasons": list(words.reasons),
            "lacking": lacking, "lines": _finding_lines(f, K, R.aindex, R.pindex, lacking),
            "persons": [R.pindex[p] for p in f.persons if p in R.pindex], "events": places, "step": step, "at": at,
        })
    return out


def _episodes(R: _Review, episodes: Sequence[Episode]) -> list[dict]:
    """The review's key practice episodes that have entries by the cut, as step ranges."""
    out = []
    for ep in episodes:
        first = bisect.bisect_left(R.K.day, ep.start.day, hi=R.cut)
        last = bisect.bisect_right(R.K.day, last_day(ep.end), hi=R.cut) - 1
        if first <= last:
            out.append({"label": R.scrub(ep.label), "from": ep.start.text, "to": ep.end.text,
                        "first": first, "last": last})
    return out


def _finding_lines(f: Finding, K, aindex, pindex, lacking) -> list[list]:
    """Where the map draws a finding: for a meeting, from the agency that held it to each
    agency the review says was not told or that would normally have been there (not to
    those only working with the family, which would bury the map); otherwise from each
    agency that lacked the information to each person it was about."""
    if f.groups is not None:
        holder = aindex[K.recorder[f.events[0]]]
        targets = [aindex[a] for g in ("not_told", "expected") for a in f.groups.get(g, ()) if a in aindex]
        return [["agency", holder, t] for t in dict.fromkeys(targets) if t != holder]
    return [["person", a, pindex[p]] for a in lacking for p in f.persons if p in pindex]


def _grid(R: _Review, entries: list[dict], min_severity: int | None, near: int) -> dict:
    """Agencies by the family's risk entries: for each cell, whether the agency recorded
    the entry, learnt it (the step and day) or never knew it; a cell it never knew is
    marked where the agency was working with the family at the time."""
    risky = [i for i, e in enumerate(entries) if e["severity"]]
    if min_severity is None:
        min_severity = 1
        for level in (3, 2):
            if sum(entries[i]["severity"] >= level for i in risky) >= MIN_COLUMNS:
                min_severity = level
                break
    columns = [i for i in risky if entries[i]["severity"] >= min_severity]
    K, order = R.K, R.order
    rows = sorted(R.aindex.values())
    ids = list(R.aindex)
    cells = []
    for r in rows:
        agency = ids[r]
        row = []
        for c in columns:
            eid = order[c]
            arrival = K.known[eid].get(agency)
            if arrival is not None and arrival.order < len(order):
                kind = "recorded" if K.recorder[eid] == agency else "learnt"
                row.append([kind, arrival.order, arrival.day.isoformat()])
                continue
            family = set()
            for p in K.about[eid]:
                family |= K.family(p)
            day = K.day[c]
            # Never told: marked where the review says so, or where the agency was working
            # with the family at the time.
            stated = agency in K.not_shared_with[eid]
            working = stated or any((inv := K.involved(agency, p)) is not None and inv.covers(day, near)
                                    for p in family)
            row.append(["not_told" if working else "", None, ""])
        cells.append(row)
    return {"columns": columns, "rows": rows, "cells": cells, "min_severity": min_severity}
