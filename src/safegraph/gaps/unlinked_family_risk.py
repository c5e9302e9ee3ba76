"""unlinked-family-risk: risks in a person's family that an agency working with them never knew."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, each_review, finding, level_for, names, plural, sorted_findings

NAME = "unlinked-family-risk"
WHY = """\
Children live in families. A referral about a boy screened without knowing that his sisters
had taken eight overdoses, or that police had been called to domestic abuse at home, is
screened blind. Reviews call this a failure to "think family": the risk was known, but to
an agency working with someone else in the household."""
LIMITS = """\
Families are exactly the connected groups of relationships.csv; a relative left out of it
is outside the family here. Entries about the person themselves are left to unshared-risk,
so an entry about both the person and a relative is not counted here. The same caution
about `no_record` applies as for unshared-risk."""


def unlinked_family_risk(G: nx.MultiDiGraph) -> list[Finding]:
    """Find, for each agency and person it was involved with, risk entries about other
    members of the person's family, dated within that involvement, that the agency never
    came to know.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per (agency, person); events are the family entries it lacked.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "mash", "subjects": "hasan"},
    ...     {"date": "2020-02-01", "agency": "ed", "subjects": "jila", "risks": "overdose"},
    ...     {"date": "2020-03-01", "agency": "mash", "subjects": "hasan"}],
    ...     relationships=["hasan sibling_of jila"])
    >>> [(f.agencies, f.persons, f.events) for f in unlinked_family_risk(G)]
    [(['mash'], ['hasan'], ['e2'])]
    """
    out = []
    for K in each_review(G):
        risky = [e for e in K.order if K.entry[e].get("risks")]
        for (agency, person), (first, last) in K.involvement.items():
            relatives = K.family(person) - {person}
            if not relatives:
                continue
            lacked = [e for e in risky
                      if person not in K.about[e] and relatives.intersection(K.about[e])
                      and first <= K.entry[e]["date"] <= last and not K.knows(agency, e)]
            if not lacked:
                continue
            f = finding(NAME, K.review, persons=[person], agencies=[agency], events=lacked,
                        level=level_for(K.not_shared_with, agency, lacked))
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence."""
    return (f"{look.agency_name(f.agencies[0])}, involved with {names(look, f.persons)}, never knew of "
            f"{plural(len(f.events), 'risk entry', 'risk entries')} about other members of the family")
