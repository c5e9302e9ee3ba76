"""record-mismatch: the sender records sharing, the recipient has no record of it."""

from __future__ import annotations

import networkx as nx

from ._finding import CONFIRMED, Finding, Lookup, each_review, finding, names, sorted_findings

NAME = "record-mismatch"
WHY = """\
"The MASH was informed, but there is no corresponding entry in its chronology." When the
two ends of a share disagree, the information was lost in between or never logged, and any
later decision by the recipient was made without it."""
LIMITS = """\
Only mismatches the chronology records (the `unrecorded_by` column) are read. The level
is always confirmed: the mismatch is what the review records. The recipient does not come
to know the entry by that route, so the other queries may also report what it lacked."""


def record_mismatch(G: nx.MultiDiGraph) -> list[Finding]:
    """Find entries whose sender records sharing with an agency that has no record of it.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per (entry, recipient); agencies is the recipient, events [entry].

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([{"date": "1999-10-03", "agency": "school", "type": "share", "subjects": "hasan",
    ...                  "shared_with": "mash", "unrecorded_by": "mash"}])
    >>> [(f.agencies, f.events) for f in record_mismatch(G)]
    [(['mash'], ['e1'])]
    """
    out = []
    for K in each_review(G):
        for entry in K.order:
            for agency in sorted(K.unrecorded[entry]):
                f = finding(NAME, K.review, persons=K.about[entry], agencies=[agency], events=[entry],
                            level=CONFIRMED, stated=1, of=1)
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    entry = f.events[0]
    return (f"{look.agency_name(look.recorder_of(entry))} records telling {look.agency_name(f.agencies[0])} on "
            f"{look.date_text(entry)} about {names(look, f.persons)}, but {look.agency_name(f.agencies[0])} has no "
            "record of it")
