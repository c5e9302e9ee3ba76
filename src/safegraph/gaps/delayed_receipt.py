"""delayed-receipt: information that reached its recipient long after it was sent."""

from __future__ import annotations

import networkx as nx

from ._finding import CONFIRMED, Finding, Lookup, each_review, finding, names, sorted_findings

NAME = "delayed-receipt"
WHY = """\
A referral that sits in an inbox is a referral not made. Reviews find police referrals that
reached the children's front door weeks after the incident, by which time the moment to
see the child and check the home had passed, and nobody had noticed the delay."""
LIMITS = """\
Only receipts the chronology records (the `received` column) are read; a referral with no
receipt date is taken to have arrived the day it was sent. The delay counts whole days
from the entry's date to the receipt (more than the given days). The level is always
confirmed: the delay is what the review records."""


def delayed_receipt(G: nx.MultiDiGraph, *, delay: int = 7) -> list[Finding]:
    """Find entries that reached a recipient more than ``delay`` days after their date.

    Parameters
    ----------
    G : the review graph.
    delay : days a receipt may take before it counts as delayed.

    Returns
    -------
    list of Finding, one per (entry, recipient); agencies is the recipient, events [entry].

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([{"date": "1999-08-16", "agency": "police", "type": "referral", "subjects": "hasan",
    ...                  "referred_to": "mash", "received": "mash:12/09/1999"}])
    >>> [(f.agencies, f.events) for f in delayed_receipt(G)]
    [(['mash'], ['e1'])]
    >>> delayed_receipt(G, delay=27)
    []
    """
    out = []
    for K in each_review(G):
        for entry in K.order:
            sent = K.entry[entry]["date"]
            for agency, day in K.received[entry].items():
                if (day - sent).days > delay:
                    f = finding(NAME, K.review, persons=K.about[entry], agencies=[agency], events=[entry],
                                level=CONFIRMED, stated=1, of=1, detail=[str((day - sent).days)])
                    f.summary = describe(f, K)
                    out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the days taken."""
    entry = f.events[0]
    return (f"{look.agency_name(look.recorder_of(entry))} {look.entry_type(entry)} of {look.date_text(entry)} about "
            f"{names(look, f.persons)} reached {look.agency_name(f.agencies[0])} {f.detail[0]} days later")
