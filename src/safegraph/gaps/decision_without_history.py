"""decision-without-history: decisions taken without the family's risk history known elsewhere."""

from __future__ import annotations

import networkx as nx

from ._finding import (Finding, Lookup, each_review, family_of_all, finding, level_for, names, plural,
                       sorted_findings)

NAME = "decision-without-history"
WHY = """\
Threshold and screening decisions ("threshold not met", "no further action", "signposted")
are only as good as the history in front of the decision maker. Reviews find MASH and
children's social care deciding on the sixth contact as if it were the first, because the
overdoses, assaults and police call-outs sat in other agencies' records."""
LIMITS = """\
The history counted is every earlier entry with risks about anyone in the family of the
decision's subjects, known to some other agency at the time; a decision maker may
legitimately have judged some of it irrelevant. "Earlier" follows the format's order, so
two entries on one day count in the order written. A decision whose recording agency is a
MASH hub may in practice have drawn on partners' systems that the chronology does not
record: check before concluding."""


def decision_without_history(G: nx.MultiDiGraph) -> list[Finding]:
    """Find decisions and assessments made without risk history that another agency held.

    For a `decision` or `assessment` entry D by agency A: the entries with risks about
    anyone in the family of D's subjects, earlier than D, known to some agency other than
    A at D, and not known to A at D. One finding per D with any such entry.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding; events are D followed by the entries A lacked.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "police", "subjects": "jila", "risks": "domestic_abuse"},
    ...     {"date": "2020-02-01", "agency": "mash", "type": "decision", "subjects": "hasan",
    ...      "outcome": "threshold_not_met"}], relationships=["hasan sibling_of jila"])
    >>> [(f.agencies, f.events) for f in decision_without_history(G)]
    [(['mash'], ['e2', 'e1'])]
    """
    out = []
    for K in each_review(G):
        risky = [e for e in K.order if K.entry[e].get("risks")]
        for decision in K.order:
            if K.entry[decision]["type"] not in ("decision", "assessment"):
                continue
            agency = K.recorder[decision]
            at = K.place[decision]
            family = family_of_all(K, K.about[decision])
            lacked = [
                e for e in risky
                if K.place[e] < at and family.intersection(K.about[e])
                and not K.knows(agency, e, at)
                and any(other != agency and arrival.order <= at for other, arrival in K.known[e].items())
            ]
            if not lacked:
                continue
            f = finding(NAME, K.review, persons=K.about[decision], agencies=[agency], events=[decision, *lacked],
                        keep_first_event=True, level=level_for(K.not_shared_with, agency, lacked))
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence."""
    decision = f.events[0]
    lacked = len(f.events) - 1
    return (f"{look.agency_name(f.agencies[0])} {look.entry_type(decision)} on {look.date_text(decision)} about "
            f"{names(look, f.persons)} was made without "
            f"{plural(lacked, 'earlier risk entry', 'earlier risk entries')} about the family that other agencies held")
