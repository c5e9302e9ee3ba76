"""unshared-meeting-outcome: meetings whose outcome never reached the agencies around the family."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from .._vocab import term_property
from ._finding import Finding, Lookup, agency_names, each_review, finding, names, sorted_findings, stated_level

NAME = "unshared-meeting-outcome"
GROUPS = ("not_told", "expected", "working_with")
WHY = """\
A MARAC, strategy meeting or child protection conference makes a plan that only works if
the agencies around the family know it. Reviews repeatedly find a school, a GP or a
neighbouring authority's service working with a child while a meeting about the child's
family had decided things it never heard about."""
LIMITS = """\
One finding per meeting, listing the agencies it never reached in three groups: those the
review records as not told; agencies of the types normally invited to that kind of meeting
(meeting_kind) that had contact with the family within the window and have no record of
attending or being told; and other agencies that had contact with one of the meeting's
subjects within the window. A meeting whose only such agencies are expected invitees is not
reported: an attendance list missing from the chronology is a gap in the data. Attendance
that is not recorded is never read as absence: an agency is "not told" only where the
review says so; the others are listed as having no record of attending or being told. An
agency counts as working with
someone only through substantive contact (see the contract), so a family member's mention
as a witness does not bring an agency in."""


def unshared_meeting_outcome(G: nx.MultiDiGraph, *, window: int = 90, contact_days: int = 7) -> list[Finding]:
    """Find meetings that agencies working with the family around that time never learnt of.

    For each `meeting` entry M, the agencies that never came to know M, in three groups:
    ``not_told`` (M's not_shared_with), ``expected`` (of a type M's meeting_kind normally
    invites, with a substantive contact with anyone in the family of M's subjects within
    ``window`` days of M), and ``working_with`` (with a substantive contact with one of M's
    subjects within ``window`` days). An
    agency whose organisation knew M through another unit is left out; a meeting whose only
    gaps are such agencies gives one finding marked internal.

    Parameters
    ----------
    G : the review graph (``safegraph.build_graph``).
    window : days either side of the meeting in which involvement counts.
    contact_days : days either side of a one-off contact in which an episodic agency counts.

    Returns
    -------
    list of Finding, one per meeting; persons are M's subjects, events [M].

    Examples
    --------
    The school works with Amy; the MARAC about her mother is never sent to it.

    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-10", "agency": "school", "subjects": "amy"},
    ...     {"date": "2020-03-01", "agency": "marac", "type": "meeting", "subjects": "mum;amy",
    ...      "attendees": "police"}], relationships=["mum parent_of amy"])
    >>> [(f.agencies, f.events, f.groups["working_with"]) for f in unshared_meeting_outcome(G)]
    [(['school'], ['e2'], ['school'])]
    """
    out = []
    for K in each_review(G):
        for meeting in K.order:
            props = K.entry[meeting]
            if props["type"] != "meeting":
                continue
            day = props["date"]
            low, high = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
            subjects = set(K.about[meeting])
            family = set().union(*(K.family(p) for p in subjects))
            expected_types = set(term_property("meeting_kinds", props.get("meeting_kind"), "expected", []))
            stated = K.not_shared_with[meeting]
            groups: dict[str, list[str]] = {g: [] for g in GROUPS}
            internal = []
            for agency in K.agencies:
                if K.knows(agency, meeting):
                    continue
                if agency in stated:
                    group = "not_told"
                else:
                    people = K.involved_with.get(agency)
                    if not people:
                        continue
                    # An agency the meeting's kind invites counts through contact with anyone
                    # in the family around the meeting; any other, through its subjects.
                    expected = K.agency_type(agency) in expected_types
                    if not any(p in people and people[p].contact_between(low, high, contact_days)
                               for p in (family if expected else subjects)):
                        continue
                    group = "expected" if expected else "working_with"
                if group != "not_told" and K.org_knows(agency, meeting):
                    internal.append(agency)
                else:
                    groups[group].append(agency)
            agencies = [a for g in GROUPS for a in groups[g]]
            if agencies and not (groups["not_told"] or groups["working_with"]):
                # Expected invitees alone: the attendance record is missing, which is a gap
                # in the data, not evidence that the meeting's outcome went nowhere.
                agencies = []
            if agencies:
                f = finding(NAME, K.review, persons=subjects, agencies=agencies, events=[meeting],
                            level=stated_level(len(groups["not_told"]), len(agencies)),
                            stated=len(groups["not_told"]), of=len(agencies),
                            groups={g: sorted(groups[g]) for g in GROUPS})
            elif internal:
                f = finding(NAME, K.review, persons=subjects, agencies=internal, events=[meeting], internal=True,
                            level=stated_level(sum(a in stated for a in internal), len(internal)),
                            stated=sum(a in stated for a in internal), of=len(internal),
                            groups={"internal": sorted(internal)})
            else:
                continue
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    meeting = f.events[0]
    what = term_property("meeting_kinds", look.meeting_kind(meeting) or "other", "label", "Meeting")
    head = (f"{what} held by {look.agency_name(look.recorder_of(meeting))} on "
            f"{look.date_text(meeting)} about {names(look, f.persons)}")
    groups = f.groups or {}
    parts = []
    if groups.get("not_told"):
        parts.append(f"the review records {agency_names(look, groups['not_told'])} as not told")
    if groups.get("expected"):
        parts.append(f"no record that {agency_names(look, groups['expected'])}, normally invited, attended or "
                     "were told")
    if groups.get("working_with"):
        parts.append(f"no record that {agency_names(look, groups['working_with'])}, in contact with "
                     f"{'them' if len(f.persons) > 1 else names(look, f.persons)} in the months before or after "
                     "it, were told")
    if groups.get("internal"):
        parts.append(f"{agency_names(look, groups['internal'])} never had it, though another part of the same "
                     "organisation did")
    return f"{head}: " + "; ".join(parts)
