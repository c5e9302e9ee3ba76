"""unshared-risk: risks about the people an agency worked with that it never knew."""

from __future__ import annotations

import networkx as nx

from ._finding import (Finding, Lookup, agency_names, each_review, lacking, names, plural, sorted_findings, span,
                       split_internal, stated_words)
from ._picture import missing_pictures

NAME = "unshared-risk"
WHY = """\
An agency that is working with someone makes its judgements on what it knows. When another
agency recorded a risk about the same person during that time (an overdose, a threat to
kill, a disclosure of abuse) and it never reached the agency, that agency was assessing an
incomplete picture. This is the commonest single finding in published reviews."""
LIMITS = """\
One finding per agency and family. Only entries dated while the agency was working with the
person count (for a one-off service, near its contacts), so history from before its first
contact is left to decision-without-history. An entry the review states was not shared
with the agency is always included. Absence of a sharing record is not proof that nothing
was shared: the level says how many of the lacked entries the review itself states."""


def unshared_risk(G: nx.MultiDiGraph, *, contact_days: int = 7) -> list[Finding]:
    """Find, for each agency and family, the risk entries about the people the agency
    worked with, dated while it did, that it never came to know.

    Entries known to another unit of the agency's organisation make a separate finding
    marked internal.

    Parameters
    ----------
    G : the review graph.
    contact_days : days either side of a one-off contact in which an episodic agency counts.

    Returns
    -------
    list of Finding, one per (agency, family); events are the entries it lacked.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "gp", "subjects": "amy"},
    ...     {"date": "2020-02-01", "agency": "police", "subjects": "amy", "risks": "overdose"},
    ...     {"date": "2020-03-01", "agency": "gp", "subjects": "amy"}])
    >>> [(f.agencies, f.persons, f.events) for f in unshared_risk(G)]
    [(['gp'], ['amy'], ['e2'])]
    """
    out = []
    for K in each_review(G):
        for (agency, _family), picture in missing_pictures(K, contact_days).items():
            if not picture.own:
                continue
            cross, internal = split_internal(K, agency, picture.own)
            # What only the agency's own organisation held is reported (as internal) only
            # where it is all the agency lacked.
            lacked, is_internal = (cross, False) if cross else (internal, True)
            if lacked:
                persons = {p for e in lacked for p in K.about[e] if p in picture.own_persons}
                f = lacking(NAME, K, agency, lacked, persons=persons, events=lacked, internal=is_internal)
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    where = " (another part of its organisation knew)" if f.internal else ""
    who = agency_names(look, f.agencies)
    if any(look.involved(agency, p) for agency in f.agencies for p in f.persons):
        return (f"{who}, working with {names(look, f.persons)}, never knew of "
                f"{plural(len(f.events), 'entry', 'entries')} recording risks about them {span(look, f.events)}"
                f"{where}{stated_words(f)}")
    # Only stated non-shares: the agency never worked with these people itself.
    return (f"{who} never knew of {plural(len(f.events), 'entry', 'entries')} about "
            f"{names(look, f.persons)} {span(look, f.events)}{where}{stated_words(f)}")
