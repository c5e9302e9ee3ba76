"""cross-boundary: agencies in different areas working with one family, each unaware of the other."""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from ._finding import Finding, Lookup, each_review, finding, names, sorted_findings

NAME = "cross-boundary"
WHY = """\
Families cross local authority lines: a child lives in one area and goes to school in the
next, a mother moves to a refuge in another county. Thresholds, procedures and systems
differ on each side, and reviews find each side's agencies working with the family without
either knowing what the other held."""
LIMITS = """\
Areas come from agencies.csv (an agency with no area takes the review's area; with neither
it is never across a boundary) and are compared as text, so "Luton" and "Luton Borough"
differ. A single entry either way, however minor, is enough to clear a pair."""


def cross_boundary(G: nx.MultiDiGraph) -> list[Finding]:
    """Find pairs of agencies in different areas, both involved with one family, where
    neither ever knew an entry about that family recorded by the other.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per (family, pair); persons are the family's members.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "school", "subjects": "hasan"},
    ...     {"date": "2020-02-01", "agency": "police", "subjects": "jila"}],
    ...     relationships=["hasan sibling_of jila"], agencies=["school@Bedford", "police@Luton"])
    >>> [(f.persons, f.agencies) for f in cross_boundary(G)]
    [(['hasan', 'jila'], ['police', 'school'])]
    """
    out = []
    for K in each_review(G):
        for family in K.families:
            about_family = [e for e in K.order if family.intersection(K.about[e])]
            involved = sorted({a for (a, p) in K.involvement if p in family})
            for first, second in combinations(involved, 2):
                area_a, area_b = K.area(first), K.area(second)
                if area_a is None or area_b is None or area_a == area_b:
                    continue
                if any(K.recorder[e] == second and K.knows(first, e) for e in about_family):
                    continue
                if any(K.recorder[e] == first and K.knows(second, e) for e in about_family):
                    continue
                f = finding(NAME, K.review, persons=family, agencies=[first, second])
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence."""
    first, second = f.agencies
    return (f"{look.agency_name(first)} ({look.agency_area(first) or 'the review area'}) and "
            f"{look.agency_name(second)} ({look.agency_area(second) or 'the review area'}) both worked with "
            f"the family of {names(look, f.persons)}, and neither ever knew what the other recorded")
