"""decision-without-history: decisions taken without the family's risk history known elsewhere."""

from __future__ import annotations

import heapq

import networkx as nx

from ._finding import (Finding, Lookup, each_review, family_of_all, lacking, names, plural, sorted_findings,
                       stated_words)

NAME = "decision-without-history"
KEEP_FIRST_EVENT = True
WHY = """\
Threshold and screening decisions ("threshold not met", "no further action", "signposted")
are only as good as the history in front of the decision maker. Reviews find MASH and
children's social care deciding on the sixth contact as if it were the first, because the
overdoses, assaults and police call-outs sat in other agencies' records."""
LIMITS = """\
The history counted is every earlier entry with risks about anyone in the family of the
decision's subjects that another organisation knew at the time and no unit of the deciding
agency's own organisation did; a decision maker may legitimately have judged some of it
irrelevant. History that another unit of its own organisation held is an internal gap,
reported (marked internal) only where it is all the decision lacked. "Earlier"
follows the format's order, so two entries on one day count in the order written. A MASH
may in practice have drawn on partners' systems that the chronology does not record:
check before concluding."""


def decision_without_history(G: nx.MultiDiGraph) -> list[Finding]:
    """Find decisions and assessments made without risk history that another agency held.

    For a `decision` or `assessment` entry D by agency A: the entries with risks about
    anyone in the family of D's subjects, earlier than D, that another organisation knew at
    D and that A did not know at D. One finding per D with any such entry.

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
        history: dict[frozenset[str], list[int]] = {}  # family -> the places of its risk entries
        unknown: dict[tuple[str, frozenset[str]], _Unknown] = {}
        for decision in K.order:
            if K.entry[decision]["type"] not in ("decision", "assessment"):
                continue
            agency = K.recorder[decision]
            family = family_of_all(K, K.about[decision])
            if family not in history:
                history[family] = [i for i in K.places_about_any(family) if K.entry[K.order[i]].get("risks")]
            if (agency, family) not in unknown:
                unknown[(agency, family)] = _Unknown(K, agency, history[family])
            cross, internal = unknown[(agency, family)].at(K.place[decision])
            # What only the agency's own organisation held is reported (as internal) only
            # where it is all the agency lacked.
            lacked, is_internal = (cross, False) if cross else (internal, True)
            if lacked:
                f = lacking(NAME, K, agency, lacked, persons=K.about[decision],
                            events=[decision, *lacked], keep_first_event=True, internal=is_internal)
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


_TOLD_ORG, _TOLD = 0, 1  # changes of what an agency knew, in the order they apply at one place


class _Unknown:
    """The earlier risk entries about a family that one agency did not know, kept up to
    date as the order advances, for the agency's decisions in turn: each entry is taken
    in, moved and dropped once, instead of the whole history being looked at again for
    every decision.

    Someone else always held such an entry (its recorder at least): another unit of the
    agency's own organisation (``internal``), or only other organisations (``cross``).
    """

    def __init__(self, K, agency: str, entries: list[int]):
        self.K, self.agency, self.org = K, agency, K.organisation[agency]
        self.entries = entries  # the places of the family's risk entries, in order
        self.taken = 0  # how many of them are taken in
        self.cross: dict[str, None] = {}
        self.internal: dict[str, None] = {}
        # (place, change, entry): from that place on, another unit of the organisation
        # (_TOLD_ORG) or the agency itself (_TOLD) knew the entry.
        self.changes: list[tuple[int, int, str]] = []

    def at(self, place: int) -> tuple[list[str], list[str]]:
        """The entries before ``place`` that the agency did not know at ``place``:
        (held only by other organisations, held by another unit of its own)."""
        K = self.K
        while self.taken < len(self.entries) and self.entries[self.taken] < place:
            e = K.order[self.entries[self.taken]]
            self.taken += 1
            self.cross[e] = None
            arrival = K.known[e].get(self.agency)
            if arrival is not None:
                heapq.heappush(self.changes, (arrival.order, _TOLD, e))
            org = K.org_arrival[e].get(self.org)
            if org is not None and (arrival is None or org < arrival.order):
                heapq.heappush(self.changes, (org, _TOLD_ORG, e))
        while self.changes and self.changes[0][0] <= place:
            _, change, e = heapq.heappop(self.changes)
            if change == _TOLD:
                self.cross.pop(e, None)
                self.internal.pop(e, None)
            elif e in self.cross:
                del self.cross[e]
                self.internal[e] = None
        return list(self.cross), list(self.internal)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail``, where set, lists the successive decisions
    merged into one finding (gaps/_merge.py)."""
    lacked = f.events[1:]
    holders = "another part of its organisation held" if f.internal else "other agencies held"
    if f.detail and len(f.detail) > 1:
        first, last = f.detail[0], f.detail[-1]
        what = (f"{len(f.detail)} decisions and assessments by {look.agency_name(f.agencies[0])} about "
                f"{names(look, f.persons)}, from {look.date_text(first)} to {look.date_text(last)}, were")
    else:
        decision = f.events[0]
        what = (f"{look.agency_name(f.agencies[0])} {look.entry_type(decision)} on {look.date_text(decision)} about "
                f"{names(look, f.persons)} was")
    return (f"{what} made without {plural(len(lacked), 'earlier risk entry', 'earlier risk entries')} about the "
            f"family that {holders}{stated_words(f)}")
