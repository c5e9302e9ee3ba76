"""outcome-not-fed-back: a referrer never told what became of its referral."""

from __future__ import annotations

import bisect
import datetime as dt

import networkx as nx

from .._vocab import term_property
from .repeat_referrals import NOTHING_DONE
from ._finding import Finding, Lookup, each_review, finding, names, sorted_findings, stated_level

NAME = "outcome-not-fed-back"
DECIDING = frozenset({"decision", "assessment"})
KEEP_FIRST_EVENT = True
WHY = """\
A referrer that never hears the outcome assumes someone is acting. Reviews find schools and
health services referring, hearing nothing, and carrying on as if the family had support,
when the referral had been closed or signposted away."""
LIMITS = """\
Only referrals to the services that owe the referrer the outcome (children's social care,
a MASH, adult social care: `feeds_back` in the agency types) are checked. The decision on a referral is the first decision or assessment by the receiving agency
that passes the referral on, or, failing that, is about one of the referral's people and
dated from its receipt to the given days after. Only decisions that closed the matter with
nothing done (no further action, threshold not met, signposted, closed, declined, advice)
are reported: that is when a referrer left in the dark goes on assuming someone is acting.
A referral whose outcome is written on its own row cannot be checked (the referrer holds
the row). The referrer counts as told if any
unit of its organisation came to know the decision."""


def outcome_not_fed_back(G: nx.MultiDiGraph, *, decision_days: int = 28) -> list[Finding]:
    """Find referrals whose referrer never came to know the recipient's decision to do
    nothing more on them.

    Parameters
    ----------
    G : the review graph.
    decision_days : days after receipt within which a decision about the same people is
        taken to be the decision on the referral.

    Returns
    -------
    list of Finding, one per (referral, recipient); agencies is the referrer, events the
    referral and then the decision; detail is the recipient.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "mash"},
    ...     {"date": "2020-01-03", "agency": "mash", "type": "decision", "subjects": "amy", "outcome": "nfa"}],
    ...     agencies=["school", {"id": "mash", "type": "mash"}])
    >>> [(f.agencies, f.events, f.detail) for f in outcome_not_fed_back(G)]
    [(['school'], ['e1', 'e2'], ['mash'])]
    """
    out = []
    for K in each_review(G):
        for referral in K.order:
            referrer = K.recorder[referral]
            about = set(K.about[referral])
            for target in K.recipients_by_type(referral, "REFERRED_TO"):
                if K.same_organisation(target, referrer) or target in K.unrecorded[referral]:
                    continue
                if not term_property("agency_types", K.agency_type(target), "feeds_back"):
                    continue
                arrival = K.arrival(target, referral)
                start = arrival.day if arrival else K.entry[referral]["date"]
                decision = _decision_on(K, referral, target, about, start, decision_days)
                if decision is None or K.entry[decision].get("outcome") not in NOTHING_DONE:
                    continue
                if K.knows(referrer, decision) or K.org_knows(referrer, decision):
                    continue
                stated = int(referrer in K.not_shared_with[decision])
                f = finding(NAME, K.review, persons=about, agencies=[referrer], events=[referral, decision],
                            keep_first_event=True, level=stated_level(stated, 1), stated=stated, of=1,
                            detail=[target])
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def _decision_on(K, referral: str, target: str, about: set[str], start: dt.date, days: int) -> str | None:
    """The target's decision on the referral: its first later decision or assessment that
    passes the referral on; failing that, its first later one about one of the referral's
    people dated from ``start`` to ``days`` days after."""
    for later in K.passed_on_by.get(referral, ()):
        if K.recorder[later] == target and K.entry[later]["type"] in DECIDING:
            return later
    places = K.places_by.get(target, [])
    first = max(bisect.bisect_right(places, K.place[referral]),
                bisect.bisect_left(places, start, key=K.day.__getitem__))
    for j in range(first, len(places)):
        later = K.order[places[j]]
        if (K.day[places[j]] - start).days > days:
            break
        if K.entry[later]["type"] in DECIDING and about.intersection(K.about[later]):
            return later
    return None


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the recipient."""
    referral, decision = f.events
    told = "is recorded as not told" if f.level == "confirmed" else "has no record of being told"
    return (f"{look.agency_name(f.agencies[0])} referred {names(look, f.persons)} to "
            f"{look.agency_name(f.detail[0])} on {look.date_text(referral)}; it {told} of the "
            f"{look.entry_type(decision)} of {look.date_text(decision)}")
