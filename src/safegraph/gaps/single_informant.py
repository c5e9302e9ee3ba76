"""single-informant: decisions resting on one family member's account while the others went unheard."""

from __future__ import annotations

import networkx as nx

from .._knowledge import SUBSTANTIVE_ROLES
from ._finding import Finding, Lookup, each_review, family_of_all, finding, names, plural, sorted_findings

NAME = "single-informant"
KEEP_FIRST_EVENT = True
WHY = """\
When an agency closes a concern on the word of a parent or partner, without hearing the
child or the person at risk, the decision rests on one account. Reviews repeatedly describe
professionals reassured by the person who was the source of the risk: worst of all when
that person is recorded elsewhere as having harmed someone in the family."""
LIMITS = """\
The informant must be named in the decision's `informant` column and be in the family of
one of its subjects, and the decision must concern someone else too. It is reported when
none of those others is in the decision's spoken_to: when spoken_to is recorded, or, where spoken_to
is not recorded, when the informant is recorded as a perpetrator in some entry of the
review (before the decision or after it: the reviewer knows it, the decision maker may not
have). The summary says which, with dates; the entries are part of the evidence."""


def single_informant(G: nx.MultiDiGraph) -> list[Finding]:
    """Find decisions and assessments that rest on one family member's account while none
    of the other people concerned was spoken to.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per decision; persons are the informant and the people not heard;
    events are the decision, then the entries recording the informant as a perpetrator;
    detail is the informant.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "police", "subjects": "father:perpetrator;jila:victim"},
    ...     {"date": "2020-02-01", "agency": "mash", "type": "decision", "subjects": "hasan;father",
    ...      "informant": "father"}], relationships=["father parent_of hasan", "father parent_of jila"])
    >>> [(f.persons, f.agencies, f.events) for f in single_informant(G)]
    [(['father', 'hasan'], ['mash'], ['e2', 'e1'])]
    """
    out = []
    for K in each_review(G):
        for decision in K.order:
            props = K.entry[decision]
            informant = K.informant.get(decision)
            if props["type"] not in ("decision", "assessment") or informant is None:
                continue
            if informant not in family_of_all(K, K.about[decision]):
                continue
            others = [p for p, role in K.roles[decision].items() if p != informant and role in SUBSTANTIVE_ROLES]
            unheard = [p for p in others if p not in K.spoken_to[decision]]
            if not others or len(unheard) < len(others):
                continue  # a subject's own account, or someone else was heard too
            harmed = [e for e in K.perpetrator_in.get(informant, ()) if e != decision]
            if not K.spoken_to_recorded(decision) and not harmed:
                continue
            f = finding(NAME, K.review, persons=[informant, *unheard], agencies=[K.recorder[decision]],
                        events=[decision, *harmed], keep_first_event=True, detail=[informant])
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the informant."""
    decision, harmed = f.events[0], f.events[1:]
    informant = f.detail[0]
    unheard = [p for p in f.persons if p != informant]
    heard = look.spoken_to_recorded(decision)
    text = (f"{look.agency_name(f.agencies[0])} {look.entry_type(decision)} on {look.date_text(decision)} "
            f"rested on {look.person_name(informant)}'s account; "
            + (f"{names(look, unheard)} not spoken to" if heard
               else f"no record that {names(look, unheard)} {'was' if len(unheard) == 1 else 'were'} spoken to"))
    at = look.order_of(decision)
    before = [e for e in harmed if look.order_of(e) < at]
    after = [e for e in harmed if look.order_of(e) > at]
    who = look.person_name(informant)
    if before:
        first = min(before, key=look.order_of)
        text += (f". {who} was already recorded as harming or threatening someone "
                 f"({plural(len(before), 'entry', 'entries')}, the first on {look.date_text(first)})")
    if after:
        first = min(after, key=look.order_of)
        text += (f"{'; and' if before else '. ' + who + ' is'} recorded as harming or threatening someone "
                 f"later ({plural(len(after), 'entry', 'entries')} from {look.date_text(first)})")
    return text
