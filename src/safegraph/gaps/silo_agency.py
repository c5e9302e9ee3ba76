"""silo-agency: an agency that worked with a family without ever hearing from or telling anyone."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, each_review, finding, names, sorted_findings

NAME = "silo-agency"
WHY = """\
Some agencies hold a family's story entirely inside their own walls: a GP who saw every
overdose aftermath, a school that logged every outburst, none of it ever sent out and
nothing ever received. Reviews find these silos when they put the chronologies side by side
for the first time."""
LIMITS = """\
Any single entry either way clears the agency, however trivial. Units of one organisation
count as one: an agency whose organisation exchanged anything about the family with another
organisation is not a silo. A referral whose recipient is written as unknown counts as
passing something on. Only substantive contact makes an agency involved. Agencies whose only link
to the family is having been told something are never silos by definition. As elsewhere,
the chronology may simply not record routine letters and calls."""


def silo_agency(G: nx.MultiDiGraph) -> list[Finding]:
    """Find agencies involved with a family that never knew another agency's entry about
    the family, and none of whose own entries about it ever reached another agency.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per (family, agency); persons are the members it was involved with.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "ambulance", "subjects": "amy"},
    ...     {"date": "2020-02-01", "agency": "police", "subjects": "amy", "shared_with": "csc"}])
    >>> [f.agencies for f in silo_agency(G)]
    [['ambulance']]
    """
    out = []
    for K in each_review(G):
        for family in K.families:
            about_family = [K.order[i] for i in K.places_about_any(family)]
            involved: dict[str, set[str]] = {}
            for (agency, person) in K.involvement:
                if person in family:
                    involved.setdefault(agency, set()).add(person)
            for agency, persons in involved.items():
                org = K.organisation[agency]
                units = set(K.units[org])
                heard = any(K.organisation[K.recorder[e]] != org and units & K.known[e].keys() for e in about_family)
                told = any(K.recorder[e] in units and (any(K.organisation[a] != org for a in K.known[e])
                                                       or "referred_to" in K.entry[e].get("unknown_in", ()))
                           for e in about_family)
                if heard or told:
                    continue
                f = finding(NAME, K.review, persons=persons, agencies=[agency])
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    return (f"{look.agency_name(f.agencies[0])} worked with {names(look, f.persons)} but never received from, "
            f"or passed to, another agency anything about the family")
