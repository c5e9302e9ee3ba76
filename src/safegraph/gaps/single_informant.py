"""single-informant: decisions resting on the account of a family member who harmed someone."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, each_review, family_of_all, finding, names, sorted_findings

NAME = "single-informant"
WHY = """\
When an agency closes a concern on the word of a parent or partner, and that same person is
recorded elsewhere as the one who harmed or threatened someone, the decision rests on the
least reliable account available. Reviews repeatedly describe professionals reassured by
the person who was the source of the risk."""
LIMITS = """\
The informant must be named in the `informant` column of the decision and be in the family
of one of its subjects; being a perpetrator anywhere in the review counts, even in an entry
dated after the decision (the reviewer knows it; the decision maker may not have). An
account from a perpetrator outside the family is not reported."""


def single_informant(G: nx.MultiDiGraph) -> list[Finding]:
    """Find decisions and assessments whose informant is in the family of a subject and is
    recorded as a perpetrator somewhere in the review.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per decision; persons is the informant.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "police", "subjects": "father:perpetrator;jila:victim"},
    ...     {"date": "2020-02-01", "agency": "mash", "type": "decision", "subjects": "hasan",
    ...      "informant": "father"}], relationships=["father parent_of hasan", "father parent_of jila"])
    >>> [(f.persons, f.agencies, f.events) for f in single_informant(G)]
    [(['father'], ['mash'], ['e2'])]
    """
    out = []
    for K in each_review(G):
        perpetrators = {p for e in K.order for p, role in K.roles[e].items() if role == "perpetrator"}
        for decision in K.order:
            props = K.entry[decision]
            informant = K.informant.get(decision)
            if props["type"] not in ("decision", "assessment") or informant is None:
                continue
            if informant not in perpetrators or informant not in family_of_all(K, K.about[decision]):
                continue
            f = finding(NAME, K.review, persons=[informant], agencies=[K.recorder[decision]], events=[decision])
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence."""
    decision = f.events[0]
    return (f"{look.agency_name(f.agencies[0])} {look.entry_type(decision)} on {look.date_text(decision)} "
            f"relied on {names(look, f.persons)}, who is recorded in the review as a perpetrator")
