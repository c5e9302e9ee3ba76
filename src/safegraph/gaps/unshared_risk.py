"""unshared-risk: risks about a person that an agency involved with them never knew."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, each_review, finding, level_for, names, plural, sorted_findings

NAME = "unshared-risk"
WHY = """\
An agency that is working with someone makes its judgements on what it knows. When another
agency recorded a risk about the same person during that time (an overdose, a threat to
kill, a disclosure of abuse) and it never reached the agency, that agency was assessing an
incomplete picture. This is the commonest single finding in published reviews."""
LIMITS = """\
Only entries dated within the agency's own involvement interval with the person count, so
history from before the agency's first contact is not reported here (see
decision-without-history). Absence of a sharing record is not proof that nothing was
shared: the finding is `confirmed` only if every lacked entry names the agency in
not_shared_with. A review that records little sharing will produce many `no_record`
findings; read them as questions to ask the agency, not as conclusions."""


def unshared_risk(G: nx.MultiDiGraph) -> list[Finding]:
    """Find, for each agency and person it was involved with, the risk entries about that
    person, dated within its involvement, that the agency never came to know.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per (agency, person); events are the entries it lacked.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "gp", "subjects": "amy"},
    ...     {"date": "2020-02-01", "agency": "ed", "subjects": "amy", "risks": "overdose"},
    ...     {"date": "2020-03-01", "agency": "gp", "subjects": "amy"}])
    >>> [(f.agencies, f.persons, f.events) for f in unshared_risk(G)]
    [(['gp'], ['amy'], ['e2'])]
    """
    out = []
    for K in each_review(G):
        risky_about: dict[str, list[str]] = {}
        for entry in K.order:
            if K.entry[entry].get("risks"):
                for person in K.about[entry]:
                    risky_about.setdefault(person, []).append(entry)
        for (agency, person), (first, last) in K.involvement.items():
            lacked = [e for e in risky_about.get(person, ())
                      if first <= K.entry[e]["date"] <= last and not K.knows(agency, e)]
            if not lacked:
                continue
            f = finding(NAME, K.review, persons=[person], agencies=[agency], events=lacked,
                        level=level_for(K.not_shared_with, agency, lacked))
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence."""
    return (f"{look.agency_name(f.agencies[0])} never knew of {plural(len(f.events), 'entry', 'entries')} "
            f"recording risks about {names(look, f.persons)} while it was involved with them")
