"""Triage: a score and its reasons for every finding, from documented components.

The components and their weights are listed in ``COMPONENTS`` and in docs/gap-queries.md
("Triage"). Scores are computed in shared Python from the review's who-knew-what index,
after the findings are found, so the embedded and Neo4j backends score alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import networkx as nx

from .._knowledge import Knowledge, knowledge
from .._vocab import term_property, agency_types_with
from ._finding import CONFIRMED, PARTLY_CONFIRMED, Finding, a, words

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
# Queries whose gap happens on the day of their first event.
AT_FIRST_EVENT = DECIDED | {"unshared-meeting-outcome", "outcome-not-fed-back", "delayed-receipt", "record-mismatch"}
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


def _acts(K: Knowledge) -> dict[str, list[int]]:
    """Agency -> the places of its decisions, assessments, referrals and meetings (cached)."""
    cached = K.__dict__.get("_acts")
    if cached is None:
        cached = {}
        for at, e in enumerate(K.order):
            if K.entry[e]["type"] in ACTS:
                cached.setdefault(K.recorder[e], []).append(at)
        K.__dict__["_acts"] = cached
    return cached


def _consequence(K: Knowledge, f: Finding) -> str | None:
    """The first later act by a lacking agency about the family while it still did not
    know something it lacked, in words; None if there is none."""
    lacked = _lacked(f)
    if not lacked:
        return None
    first = min(K.place[e] for e in lacked)
    family = set().union(*(K.family(p) for e in lacked for p in K.about[e])) | {
        q for p in f.persons for q in K.family(p)}
    acts = _acts(K)
    candidates = sorted(p for a in f.agencies for p in acts.get(a, ()) if p > first)
    for at in candidates:
        later = K.order[at]
        recorder = K.recorder[later]
        if not family.intersection(K.about[later]):
            continue
        if any(not K.knows(recorder, e, at) for e in lacked if K.place[e] < at):
            return (f"{K.agency_name(recorder)} then made {a(K.entry[later]['type'])} about "
                    f"{K.person_name(sorted(set(K.about[later]) & family)[0])} on {K.entry[later]['date_text']} "
                    "without it")
    return None


def _situation(K: Knowledge, f: Finding) -> list[str]:
    """The entries with risks about the finding's people in the 90 days up to its
    decision: what the decision was about."""
    decision = f.events[0]
    day, at = K.entry[decision]["date"], K.place[decision]
    people = set(f.persons)
    return [e for e in K.order[: at + 1] if K.entry[e].get("risks") and people & set(K.about[e])
            and (day - K.entry[e]["date"]).days <= 90]


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
    worst, risk = 0, None
    for e in evidence:
        for r in K.entry[e].get("risks", ()):
            severity = term_property("risks", r, "severity", 1)
            if severity > worst:
                worst, risk = severity, r
    if risk:
        points += worst
        reasons.append(f"risk: {words(risk)}")
    if any(K.entry[e].get("risk_level") == "high" for e in evidence):
        points += 1
        reasons.append("assessed as high risk")

    # A child of the finding at the time of the gap: on the decision's or meeting's day, or
    # on the day of any entry the agency lacked.
    when = f.events[:1] if f.query in AT_FIRST_EVENT else f.events
    children = []
    for p in f.persons:
        for e in when:
            if K.is_child_on(p, K.entry[e]["date"]):
                children.append((p, K.entry[e]["date"]))
                break
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
        nearest = min(abs((K.entry[e]["date"] - K.incident).days) for e in f.events)
        if nearest <= 92:
            points += 2
            reasons.append("within 3 months of the critical incident")
        elif nearest <= 366:
            points += 1
            reasons.append("within a year of the critical incident")

    statutory, universal = agency_types_with("statutory"), agency_types_with("universal")
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
