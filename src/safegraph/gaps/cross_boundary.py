"""cross-boundary: agencies on two sides of a boundary working with one household, each unaware of the other."""

from __future__ import annotations

import bisect
import datetime as dt
from itertools import combinations

import networkx as nx

from ._finding import Finding, Lookup, and_list, each_review, finding, names, sorted_findings

NAME = "cross-boundary"
WHY = """\
Families cross local authority lines: a child lives in one area and goes to school in the
next, a mother moves to a refuge in another county. Thresholds, procedures and systems
differ on each side, and reviews find each side's agencies working with the family without
either knowing what the other held."""
LIMITS = """\
One finding per family and pair of areas, naming the pairs of agencies that never
exchanged anything. Areas come from agencies.csv and are compared as text, so "Luton" and
"Luton Borough" differ; an agency with no area is never on either side, and police and
ambulance services (which cover whole counties) never count as one side. Both agencies of a
pair must have had contact with the same person (or, for two agencies of one kind, such as
two schools, with members of one household) within the given days of each other; the
evidence is the entries by which they did. A single entry either way, however minor, clears
a pair."""


def _side(K, agency: str) -> str:
    return ";".join(sorted(K.areas(agency)))


def cross_boundary(G: nx.MultiDiGraph, *, boundary_days: int = 365) -> list[Finding]:
    """Find agencies across a boundary with contacts with one person (or, for two agencies
    of one type, one household) within ``boundary_days`` of each other, where neither of a
    pair ever knew an entry about that family recorded by the other.

    Parameters
    ----------
    G : the review graph.
    boundary_days : how close in time the two agencies' contacts must be.

    Returns
    -------
    list of Finding, one per (family, pair of areas): agencies are every agency in such a
    pair, persons the people they worked with, events the contacts by which they did;
    detail lists the pairs as ``first|second``; groups lists the agencies by area.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "school", "subjects": "hasan"},
    ...     {"date": "2020-02-01", "agency": "csc", "subjects": "hasan"}],
    ...     agencies=["school@Bedford", "csc@Luton"])
    >>> [(f.persons, f.agencies, f.events, f.detail) for f in cross_boundary(G)]
    [(['hasan'], ['csc', 'school'], ['e1', 'e2'], ['csc|school'])]
    """
    out = []
    for K in each_review(G):
        contacts = K.contact_entries
        for family in K.families:
            # Agency -> the agencies whose entries about the family it knew.
            heard_from: dict[str, set[str]] = {}
            for i in K.places_about_any(family):
                e = K.order[i]
                for agency in K.known[e]:
                    heard_from.setdefault(agency, set()).add(K.recorder[e])
            involved = sorted({a for a, people in K.involved_with.items() if family & people.keys()})
            found: dict[tuple[str, str], tuple[set, set, set]] = {}
            for first, second in combinations(involved, 2):
                if not K.across_boundary(first, second):
                    continue
                if second in heard_from.get(first, ()) or first in heard_from.get(second, ()):
                    continue  # one knew something the other recorded about the family
                persons, events = set(), set()
                same_type = K.agency_type(first) == K.agency_type(second)
                for p in family & K.involved_with[first].keys():
                    # The same person, or (for two agencies of one kind, such as siblings'
                    # schools in two areas) members of one household.
                    others = K.household(p) if same_type else {p}
                    for q in others & K.involved_with[second].keys():
                        near = _near(contacts[(first, p)], K.involved_with[second][q].contacts, boundary_days)
                        if near:
                            persons |= {p, q}
                            events |= near
                            events |= _near(contacts[(second, q)], K.involved_with[first][p].contacts,
                                            boundary_days)
                if not events:
                    continue
                sides = tuple(sorted((_side(K, first), _side(K, second))))
                pairs, people, entries = found.setdefault(sides, (set(), set(), set()))
                pairs.add(f"{first}|{second}")
                people |= persons
                entries |= events
            for sides, (pairs, people, entries) in found.items():
                agencies = {a for pair in pairs for a in pair.split("|")}
                groups = {side: sorted(a for a in agencies if _side(K, a) == side) for side in sides}
                f = finding(NAME, K.review, persons=people, agencies=agencies, events=entries,
                            detail=sorted(pairs), groups=groups)
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def _near(contacts: list[tuple[dt.date, str]], days: tuple[dt.date, ...], within: int) -> set[str]:
    """The entries of ``contacts`` (day, entry) dated within ``within`` days of one of
    ``days`` (sorted)."""
    out = set()
    for day, entry in contacts:
        # By day number, so that no date is pushed out of the calendar's range.
        i = bisect.bisect_left(days, day.toordinal() - within, key=dt.date.toordinal)
        if i < len(days) and days[i].toordinal() <= day.toordinal() + within:
            out.add(entry)
    return out


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    # Two agencies of one kind (two schools, two school nursing services) first.
    pairs = sorted((pair.split("|") for pair in f.detail or ()),
                   key=lambda p: (look.agency_type(p[0]) != look.agency_type(p[1]), p))
    said = and_list([f"{look.agency_name(a)} and {look.agency_name(b)}" for a, b in pairs[:4]])
    more = f" (and {len(pairs) - 4} more pairs)" if len(pairs) > 4 else ""
    areas = " and ".join(look.agency_area(members[0]) for members in (f.groups or {}).values())
    return (f"Across the boundary between {areas}, agencies working with {names(look, f.persons)} within a year of "
            f"each other never knew what the other recorded about the family: {said}{more}")
