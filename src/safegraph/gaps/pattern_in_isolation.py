"""pattern-in-isolation: a repeated risk in a family that no one agency saw whole."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, chronological, each_review, finding, names, sorted_findings

NAME = "pattern-in-isolation"
PATTERN_RISKS = ("self_harm", "suicide_attempt", "overdose", "suicidal_ideation", "missing",
                 "domestic_abuse", "injury")
CYPHER_CONSTANTS = {"pattern_risks": list(PATTERN_RISKS)}
WHY = """\
Eight overdoses across two sisters, fourteen domestic abuse call-outs, four emergency
department visits: each agency saw a few and responded to each as an isolated incident.
The pattern that would have changed the response existed only across agencies."""
LIMITS = """\
The risks looked at are fixed (self-harm, suicide attempts, overdoses, suicidal ideation,
going missing, domestic abuse, injuries). The test is whether any one agency knew all the
entries by the last of them; an agency that knew all but one still leaves a finding, which
may be harsh. An entry about people in two families counts for both."""


def pattern_in_isolation(G: nx.MultiDiGraph, *, min_repeats: int = 3) -> list[Finding]:
    """Find families with at least ``min_repeats`` entries sharing one risk where no single
    agency knew all of them by the last of them.

    Parameters
    ----------
    G : the review graph.
    min_repeats : how many entries with the same risk make a pattern.

    Returns
    -------
    list of Finding, one per (family, risk); agencies are those that recorded the entries.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "ed", "subjects": "jila", "risks": "overdose"},
    ...     {"date": "2020-02-01", "agency": "ambulance", "subjects": "rahima", "risks": "overdose"},
    ...     {"date": "2020-03-01", "agency": "ed", "subjects": "jila", "risks": "overdose"}],
    ...     relationships=["jila sibling_of rahima"])
    >>> [(f.persons, f.agencies, f.events) for f in pattern_in_isolation(G)]
    [(['jila', 'rahima'], ['ambulance', 'ed'], ['e1', 'e2', 'e3'])]
    """
    out = []
    for K in each_review(G):
        for family in K.families:
            for risk in PATTERN_RISKS:
                entries = [e for e in K.order
                           if risk in K.entry[e].get("risks", ()) and family.intersection(K.about[e])]
                if len(entries) < min_repeats:
                    continue
                last = K.place[entries[-1]]
                if any(all(K.knows(agency, e, last) for e in entries) for agency in K.agencies):
                    continue
                persons = {p for e in entries for p in K.about[e] if p in family}
                f = finding(NAME, K.review, persons=persons, agencies={K.recorder[e] for e in entries},
                            events=entries)
                f.summary = describe(f, K, risk)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup, detail=None) -> str:
    """The finding in a sentence; ``detail`` is the risk."""
    dated = chronological(look, f.events)
    count = len(f.agencies)
    return (f"{len(dated)} entries recording {str(detail).replace('_', ' ')} about {names(look, f.persons)} "
            f"from {look.date_text(dated[0])} to {look.date_text(dated[-1])}, spread over {count} "
            f"agenc{'y' if count == 1 else 'ies'}; no agency knew them all")
