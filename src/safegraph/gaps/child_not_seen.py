"""child-not-seen: decisions about a child made without seeing or speaking to the child."""

from __future__ import annotations

import networkx as nx

from .._knowledge import SUBSTANTIVE_ROLES
from ._finding import Finding, Lookup, each_review, finding, names, sorted_findings

NAME = "child-not-seen"
WHY = """\
The child's voice is the most repeated lesson of children's reviews: assessments and
screening decisions made on what parents, teachers or other professionals said, without
anyone seeing or speaking to the child. The father's reassurance that "everything was
fine" replaced a conversation with the boy."""
LIMITS = """\
Only decisions whose spoken_to is recorded count: a list of the people seen, or `none`.
An empty spoken_to means not recorded, and is never read as "nobody was seen". A child is
someone born and under 18 on the decision's date by `born` (an unborn baby is not), or
marked `child: yes` where `born` is unknown; a witness or reporter named in the entry is not
one of its subjects here. Screening decisions in a MASH are often made on paper by design;
the finding is then about the process, not the worker."""


def child_not_seen(G: nx.MultiDiGraph) -> list[Finding]:
    """Find decisions and assessments about a child who is not in the entry's recorded
    spoken_to.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per decision; persons are the children not seen.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "mash", "type": "decision", "subjects": "hasan;father",
    ...      "spoken_to": "father"},
    ...     {"date": "2020-02-01", "agency": "mash", "type": "decision", "subjects": "hasan"}],
    ...     people=[{"id": "hasan", "born": "2006"}, {"id": "father", "born": "1970"}])
    >>> [(f.persons, f.events) for f in child_not_seen(G)]
    [(['hasan'], ['e1'])]
    """
    out = []
    for K in each_review(G):
        for decision in K.order:
            props = K.entry[decision]
            if props["type"] not in ("decision", "assessment"):
                continue
            if not K.spoken_to_recorded(decision):
                continue  # not recorded who was seen
            unseen = [p for p, role in K.roles[decision].items() if role in SUBSTANTIVE_ROLES
                      and K.is_child_on(p, props["date"]) and p not in K.spoken_to[decision]]
            if not unseen:
                continue
            f = finding(NAME, K.review, persons=unseen, agencies=[K.recorder[decision]], events=[decision])
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    decision = f.events[0]
    return (f"{look.agency_name(f.agencies[0])} {look.entry_type(decision)} on {look.date_text(decision)}: "
            f"{names(look, f.persons)} not seen or spoken to")
