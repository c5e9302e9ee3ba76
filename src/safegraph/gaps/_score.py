"""Triage: a score and its reasons for every finding, from documented components.

The components and their weights are listed in ``COMPONENTS`` and in docs/gap-queries.md
("Triage"). Scores are computed in shared Python from the review's who-knew-what index,
after the findings are found, so the embedded and Neo4j backends score alike.
"""

from __future__ import annotations

import bisect
import datetime as dt
from functools import cache
from typing import Iterable

import networkx as nx

from .._knowledge import Knowledge, knowledge
from .._vocab import agency_types_with, term_property, vocabulary
from ._finding import CONFIRMED, LEADING_EVENT, PARTLY_CONFIRMED, Finding, a, family_of_all, words

COMPONENTS = {
    "stated": "the review itself states the gap: +5 when it states all of it (or, for a meeting, names any "
              "agency as not told), +3 when it states at least a third of it, +1 when it states less",
    "informant": "single-informant: the informant was already recorded as harming or threatening someone: +3 "
                 "(+1 where that is recorded only after the decision)",
    "severity": "the most serious risk among the evidence (for child-not-seen and single-informant, among the "
                "entries about the people concerned in the 90 days up to the decision): +1 to +3 by the risk's "
                "severity in the vocabulary, +1 more where a structured assessment graded it high",
    "repetition": "a pattern repeated more than three times (repeat-referrals, pattern-in-isolation): +1 for each "
                  "entry beyond three, up to +3",
    "child": "a child is concerned: a person of the finding under 18 at the time of the gap (the decision's or "
             "meeting's day, or the day of an entry the agency lacked): +2",
    "consequence": "the lacking agency went on to decide or act about the family while still not knowing "
                   "(for a decision or assessment, the decision itself): +2",
    "proximity": "evidence within 3 months of the review's critical incident: +2; within a year: +1",
    "duty": "children's social care or a MASH, or the child's universal service (school, GP, health visiting, "
            "school nursing), where a child is concerned: +2; another statutory decision-maker: +1",
    "internal": "the gap lies between units of one organisation: -3",
}

# Queries whose findings are about an agency that lacked something it should have had.
LACKING = {"unshared-meeting-outcome", "unshared-risk", "unlinked-family-risk", "decision-without-history",
           "outcome-not-fed-back", "record-mismatch"}
# Queries whose first event is a decision or assessment taken in the gap.
DECIDED = {"decision-without-history", "child-not-seen", "single-informant"}
# Agency types that make the statutory decisions about a child.
CHILDREN_FIRST = frozenset({"childrens_social_care", "mash"})
# Queries that find a pattern whose weight grows with its repeats.
REPEATED = {"repeat-referrals", "pattern-in-isolation"}
ACTS = frozenset({"decision", "assessment", "referral", "meeting"})


def score_findings(G: nx.MultiDiGraph, findings: Iterable[Finding]) -> None:
    """Set ``score`` and ``reasons`` on every finding (in place)."""
    for f in findings:
        f.score, f.reasons = score(knowledge(G, f.review), f)


def _age(K: Knowledge, person: str, day: dt.date) -> str:
    born = K.person[person].get("born")
    if born is None:
        return K.person_name(person)
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return f"{K.person_name(person)}, {years}"


def _lacked(f: Finding) -> list[str]:
    if f.query == "decision-without-history":
        return f.events[1:]
    return list(f.events)


def _cached(K: Knowledge, name: str, build):
    """``build(K)``, worked out once per review's index and kept on it."""
    if name not in K.__dict__:
        K.__dict__[name] = build(K)
    return K.__dict__[name]


def _acts(K: Knowledge) -> dict[str, list[int]]:
    """Agency -> the places of its decisions, assessments, referrals and meetings."""
    def build(K):
        out: dict[str, list[int]] = {}
        for at, e in enumerate(K.order):
            if K.entry[e]["type"] in ACTS:
                out.setdefault(K.recorder[e], []).append(at)
        return out
    return _cached(K, "_acts", build)


def _severity(K: Knowledge) -> dict[str, int]:
    """Entry -> the severity of its most serious risk (0 without risks)."""
    return _cached(K, "_severity", lambda K: {e: max((_risk_severity(r) for r in K.entry[e].get("risks", ())),
                                                     default=0) for e in K.order})


def _risk_severity(risk: str) -> int:
    return term_property("risks", risk, "severity", 1)


@cache
def _top_severity() -> int:
    """The severity of the most serious risks in the vocabulary."""
    return max(_risk_severity(r) for r in vocabulary("risks"))


def _high_risk(K: Knowledge) -> frozenset[str]:
    """The entries a structured assessment graded high risk."""
    return _cached(K, "_high_risk", lambda K: frozenset(e for e in K.order if K.entry[e].get("risk_level") == "high"))


def _near_incident(K: Knowledge, days: int) -> frozenset[str]:
    """The entries dated within ``days`` days of the critical incident (the index must
    have one)."""
    return _cached(K, f"_near_incident_{days}", lambda K: frozenset(
        e for e in K.order if abs((K.entry[e]["date"] - K.incident).days) <= days))


@cache
def _types_with(key: str) -> frozenset[str]:
    return agency_types_with(key)


def _consequence(K: Knowledge, f: Finding) -> str | None:
    """The first later act by a lacking agency about the family while it still did not
    know something it lacked, in words; None if there is none."""
    lacked = _lacked(f)
    if not lacked:
        return None
    family = family_of_all(K, set(f.persons).union(*map(K.about.__getitem__, lacked)))
    places = sorted(map(K.place.__getitem__, lacked))
    acts = _acts(K)
    found = [at for agency in f.agencies
             if (at := _first_act_without(K, agency, places, acts.get(agency, []), family)) is not None]
    if not found:
        return None
    later = K.order[min(found)]
    return (f"{K.agency_name(K.recorder[later])} then made {a(K.entry[later]['type'])} about "
            f"{K.person_name(sorted(set(K.about[later]) & family)[0])} on {K.entry[later]['date_text']} "
            "without it")


def _first_act_without(K: Knowledge, agency: str, lacked: list[int], acts: list[int],
                       family: frozenset[str]) -> int | None:
    """The place of the agency's first act (among ``acts``) about the family made after one
    of the ``lacked`` entries (places, in order) and before the agency came to know it."""
    i = 0
    for place in lacked:
        # The act must fall after the entry and before the entry reached the agency.
        arrival = K.known[K.order[place]].get(agency)
        end = arrival.order if arrival else len(K.order)
        i = bisect.bisect_left(acts, place + 1, lo=i)
        while i < len(acts) and acts[i] < end:
            if family.intersection(K.about[K.order[acts[i]]]):
                return acts[i]
            i += 1
    return None


def _situation(K: Knowledge, f: Finding) -> list[str]:
    """The entries with risks about the finding's people in the 90 days up to its
    decision: what the decision was about."""
    decision = f.events[0]
    day, at = K.entry[decision]["date"], K.place[decision]
    # The entries up to the decision are those dated up to its day: from the first
    # dated 90 days before it (counted by day number, so no date leaves the calendar).
    start = bisect.bisect_left(K.day, day.toordinal() - 90, key=dt.date.toordinal)
    places: set[int] = set()
    for person in f.persons:
        about = K.places_about.get(person, [])
        places.update(about[bisect.bisect_left(about, start):bisect.bisect_right(about, at)])
    return [K.order[i] for i in sorted(places) if K.entry[K.order[i]].get("risks")]


def _child(K: Knowledge, f: Finding, when: list[str]) -> tuple[str, dt.date] | None:
    """The first of the finding's people who was a child on the day of one of ``when``,
    with that day (the first such of ``when``); None if nobody was."""
    if not when:
        return None
    days = [K.entry[e]["date"] for e in when]
    low, high = min(days), max(days)
    for p in f.persons:
        born = K.person[p].get("born")
        if born is not None and not (born <= high and low < K.adult_on(p)):
            continue  # a child on none of those days
        for day in days:
            if K.is_child_on(p, day):
                return p, day
    return None


def score(K: Knowledge, f: Finding) -> tuple[int, list[str]]:
    """The finding's score and the reasons for it, one phrase per component that counts."""
    points, reasons = 0, []
    if f.level == CONFIRMED:
        points += 5
        reasons.append("the review states it")
    elif f.query == "unshared-meeting-outcome" and f.stated:
        points += 5
        reasons.append(f"the review records {f.stated} agenc{'y' if f.stated == 1 else 'ies'} as not told")
    elif f.level == PARTLY_CONFIRMED:
        # A small stated share says little about the rest of the list.
        points += 3 if f.stated * 3 >= f.of else 1
        reasons.append(f"the review states {f.stated} of {f.of}")

    evidence = _lacked(f) if f.query in LACKING and f.query != "unshared-meeting-outcome" else list(f.events)
    if f.query in ("child-not-seen", "single-informant"):
        evidence = _situation(K, f)
    worst, severity, top = 0, _severity(K), _top_severity()
    for e in evidence:
        if severity[e] > worst:
            worst = severity[e]
            if worst == top:
                break  # none is more serious
    if worst > 0:
        # The first risk of that severity, in the order of the evidence.
        risk = next(r for e in evidence for r in K.entry[e].get("risks", ()) if _risk_severity(r) == worst)
        points += worst
        reasons.append(f"risk: {words(risk)}")
    if not _high_risk(K).isdisjoint(evidence):
        points += 1
        reasons.append("assessed as high risk")

    # A child of the finding at the time of the gap: on the decision's or meeting's day, or
    # on the day of any entry the agency lacked.
    when = f.events[:1] if f.query in LEADING_EVENT else f.events
    child = _child(K, f, when)
    children = [child] if child else []
    if not f.events:
        children = [(p, None) for p in f.persons if K.person[p].get("child")]
    if children:
        points += 2
        p, day = children[0]
        reasons.append(f"a child: {_age(K, p, day) if day else K.person_name(p)}")

    if f.query == "single-informant" and len(f.events) > 1:
        at = K.place[f.events[0]]
        if any(K.place[e] < at for e in f.events[1:]):
            points += 3
            reasons.append("the informant was already recorded as harming someone")
        else:
            points += 1
            reasons.append("the informant is recorded as harming someone later")

    if f.query in REPEATED:
        extra = min(3, len(f.events) - 3)
        if extra > 0:
            points += extra
            reasons.append(f"{len(f.events)} times")

    if f.query in DECIDED:
        points += 2
        reasons.append(f"{a(K.entry[f.events[0]]['type'])} was made in the gap")
    elif f.query in LACKING and (said := _consequence(K, f)):
        points += 2
        reasons.append(said)

    if K.incident and f.events:
        if not _near_incident(K, 92).isdisjoint(f.events):
            points += 2
            reasons.append("within 3 months of the critical incident")
        elif not _near_incident(K, 366).isdisjoint(f.events):
            points += 1
            reasons.append("within a year of the critical incident")

    statutory, universal = _types_with("statutory"), _types_with("universal")
    types = [K.agency_type(a) for a in f.agencies]
    if children and any(t in CHILDREN_FIRST for t in types):
        points += 2
        reasons.append("children's social care, deciding about a child")
    elif children and any(t in universal for t in types):
        points += 2
        reasons.append("the child's universal service")
    elif any(t in statutory for t in types):
        points += 1
        reasons.append("a statutory decision-maker")

    if f.internal:
        points -= 3
        reasons.append("between units of one organisation")
    return points, reasons
