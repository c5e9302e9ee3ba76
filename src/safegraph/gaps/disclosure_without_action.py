"""disclosure-without-action: something was disclosed and the agency told no one and did nothing."""

from __future__ import annotations

import bisect

import networkx as nx

from ._finding import Finding, Lookup, each_review, finding, names, sorted_findings

NAME = "disclosure-without-action"
ACTIONS = frozenset({"referral", "assessment", "meeting", "share"})
WHY = """\
A disclosure is the moment a child or adult decides to tell. When the agency that heard it
neither passes it on nor acts within weeks, the person learns that telling changes nothing,
and the information stays in one file."""
LIMITS = """\
Action means a later entry by the same agency about one of the same people that is a
referral, assessment, meeting or share, or that refers or shares, within the given days
(day N included). Action by another agency, or a conversation that was not recorded in the
chronology, does not count. A disclosure that itself lists referred_to or shared_with is
never reported."""


def disclosure_without_action(G: nx.MultiDiGraph, *, days: int = 28) -> list[Finding]:
    """Find disclosures that the receiving agency neither shared nor followed up within
    ``days`` days.

    Parameters
    ----------
    G : the review graph.
    days : how many days after the disclosure a follow-up may come (day N included).

    Returns
    -------
    list of Finding, one per disclosure.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "school", "type": "disclosure", "subjects": "hasan"},
    ...     {"date": "2020-01-30", "agency": "school", "type": "referral", "subjects": "hasan",
    ...      "referred_to": "mash"}])
    >>> [f.events for f in disclosure_without_action(G)]
    [['e1']]
    >>> disclosure_without_action(G, days=29)
    []
    """
    out = []
    for K in each_review(G):
        for disclosure in K.order:
            props = K.entry[disclosure]
            if props["type"] != "disclosure" or K.recipients_by_type(disclosure, "REFERRED_TO") \
                    or K.recipients_by_type(disclosure, "SHARED_WITH"):
                continue
            agency = K.recorder[disclosure]
            day = props["date"]
            about = set(K.about[disclosure])
            acted = False
            own = K.places_by[agency]  # the agency's entries, in order
            for j in range(bisect.bisect_right(own, K.place[disclosure]), len(own)):
                later = K.order[own[j]]
                if (K.entry[later]["date"] - day).days > days:
                    break
                if not about.intersection(K.about[later]):
                    continue
                if K.entry[later]["type"] in ACTIONS or K.recipients_by_type(later, "REFERRED_TO") \
                        or K.recipients_by_type(later, "SHARED_WITH"):
                    acted = True
                    break
            if acted:
                continue
            f = finding(NAME, K.review, persons=K.about[disclosure], agencies=[agency], events=[disclosure],
                        detail=[str(days)])
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the number of days allowed."""
    disclosure = f.events[0]
    return (f"Disclosure to {look.agency_name(f.agencies[0])} on {look.date_text(disclosure)} about "
            f"{names(look, f.persons)}: not shared, and no follow-up within {f.detail[0]} days")
