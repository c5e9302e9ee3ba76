"""unshared-meeting-outcome: meetings whose outcome never reached an involved agency."""

from __future__ import annotations

import networkx as nx

from ._finding import (CONFIRMED, Finding, Lookup, each_review, family_of_all, finding, involved_around,
                       level_for, names, sorted_findings)

NAME = "unshared-meeting-outcome"
WHY = """\
A MARAC, strategy meeting or child protection conference makes a plan that only works if
the agencies around the family know it. Reviews repeatedly find a school, a GP or a
neighbouring authority's service working with a child while a meeting about the child's
family had decided things it never heard about."""
LIMITS = """\
"Never came to know" means the data records no route by which the agency learnt of the
meeting: not an attendee, not sent the minutes, not told later by an entry that passes
the meeting on. Chronologies often omit routine sharing, so a finding is `no_record`
unless the meeting's row lists the agency in not_shared_with. An agency counts as around
the meeting only through entries naming the family; an agency that knew the family under
another name or through a sibling not linked in relationships.csv is missed."""


def unshared_meeting_outcome(G: nx.MultiDiGraph, *, window: int = 365) -> list[Finding]:
    """Find meetings that an agency involved with the family around that time never learnt of.

    A `meeting` entry M (any meeting: MARAC, strategy meeting, conference, core group)
    and an agency involved with someone in the family of M's subjects within ``window``
    days either side of M that never came to know M give one finding per (M, agency).

    Parameters
    ----------
    G : the review graph (``safegraph.build_graph``).
    window : days either side of the meeting in which involvement counts.

    Returns
    -------
    list of Finding, sorted; persons are M's subjects, agencies the one agency, events [M].

    Examples
    --------
    The school knows Amy; the MARAC about her mother is never sent to it.

    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-10", "agency": "school", "subjects": "amy"},
    ...     {"date": "2020-03-01", "agency": "marac", "type": "meeting", "subjects": "mum",
    ...      "attendees": "police"}], relationships=["mum parent_of amy"])
    >>> [(f.agencies, f.events) for f in unshared_meeting_outcome(G)]
    [(['school'], ['e2'])]
    """
    out = []
    for K in each_review(G):
        for meeting in K.order:
            if K.entry[meeting]["type"] != "meeting":
                continue
            family = family_of_all(K, K.about[meeting])
            day = K.entry[meeting]["date"]
            for agency in K.agencies:
                if K.knows(agency, meeting) or not involved_around(K, agency, family, day, window):
                    continue
                f = finding(NAME, K.review, persons=K.about[meeting], agencies=[agency], events=[meeting],
                            level=level_for(K.not_shared_with, agency, [meeting]))
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence."""
    meeting, agency = f.events[0], f.agencies[0]
    told = "is recorded as not told" if f.level == CONFIRMED else "has no record of being told"
    return (f"{look.agency_name(look.recorder_of(meeting))} meeting on {look.date_text(meeting)} about "
            f"{names(look, f.persons)}: {look.agency_name(agency)} {told}")
