"""unlinked-family-risk: risks in a family that an agency working with one member never knew."""

from __future__ import annotations

import networkx as nx

from ._finding import (Finding, Lookup, agency_names, each_review, lacking, names, plural, sorted_findings, span,
                       split_internal, stated_words)
from ._picture import missing_pictures

NAME = "unlinked-family-risk"
WHY = """\
Children live in families. A referral about a boy screened without knowing that his sisters
had taken eight overdoses, or that police had been called to domestic abuse at home, is
screened blind. Reviews call this a failure to "think family": the risk was known, but to
an agency working with someone else in the household."""
LIMITS = """\
One finding per agency and family: persons are the people the agency worked with, and the
relatives the entries are about are named in the summary as context. Families are exactly
the connected groups of relationships.csv; a relative left out of it is outside the family.
Entries about someone the agency itself worked with are left to unshared-risk, so no entry
is reported by both."""


def unlinked_family_risk(G: nx.MultiDiGraph, *, contact_days: int = 7) -> list[Finding]:
    """Find, for each agency and family, risk entries about other members of the family,
    dated while the agency worked with someone in it, that the agency never came to know.

    Parameters
    ----------
    G : the review graph.
    contact_days : days either side of a one-off contact in which an episodic agency counts.

    Returns
    -------
    list of Finding, one per (agency, family); events are the relatives' entries it lacked.

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
        for (agency, family), picture in missing_pictures(K, contact_days).items():
            if not picture.relatives:
                continue
            cross, internal = split_internal(K, agency, picture.relatives)
            # What only the agency's own organisation held is reported (as internal) only
            # where it is all the agency lacked.
            lacked, is_internal = (cross, False) if cross else (internal, True)
            if lacked:
                f = lacking(NAME, K, agency, lacked, persons=picture.relatives_persons, events=lacked,
                            internal=is_internal)
                f.detail = sorted({p for e in lacked for p in K.about[e] if p in family} - picture.relatives_persons)
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the relatives the entries are about."""
    where = " (another part of its organisation knew)" if f.internal else ""
    relatives = f" about family members it did not work with ({names(look, f.detail)})" if f.detail else ""
    return (f"{agency_names(look, f.agencies)}, working with {names(look, f.persons)}, never knew of "
            f"{plural(len(f.events), 'risk entry', 'risk entries')}{relatives} {span(look, f.events)}"
            f"{where}{stated_words(f)}")
