"""pattern-in-isolation: a repeated risk in a family that no one agency saw whole."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, and_list, each_review, finding, names, sorted_findings, span, words

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
going missing, domestic abuse, injuries). The test is whether any one organisation (its
units together) knew all the entries by the last of them; one that knew all but one still
leaves a finding, which may be harsh. Two risks recorded on exactly the same entries make
one finding naming both. An entry about people in two families counts for both."""


def pattern_in_isolation(G: nx.MultiDiGraph, *, min_repeats: int = 3) -> list[Finding]:
    """Find families with at least ``min_repeats`` entries sharing one risk where no single
    organisation knew all of them by the last of them.

    Parameters
    ----------
    G : the review graph.
    min_repeats : how many entries with the same risk make a pattern.

    Returns
    -------
    list of Finding, one per (family, set of entries); agencies are those that recorded
    the entries; detail names the risks.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": "2020-01-01", "agency": "ed", "subjects": "jila", "risks": "overdose"},
    ...     {"date": "2020-02-01", "agency": "ambulance", "subjects": "rahima", "risks": "overdose"},
    ...     {"date": "2020-03-01", "agency": "ed", "subjects": "jila", "risks": "overdose"}],
    ...     relationships=["jila sibling_of rahima"])
    >>> [(f.persons, f.agencies, f.events, f.detail) for f in pattern_in_isolation(G)]
    [(['jila', 'rahima'], ['ambulance', 'ed'], ['e1', 'e2', 'e3'], ['overdose'])]
    """
    out = []
    for K in each_review(G):
        for family in K.families:
            about_family = [K.order[i] for i in K.places_about_any(family)]
            patterns: dict[tuple[str, ...], list[str]] = {}
            for risk in PATTERN_RISKS:
                entries = [e for e in about_family if risk in K.entry[e].get("risks", ())]
                if len(entries) < min_repeats:
                    continue
                last = K.place[entries[-1]]
                seen_by: dict[str, set[str]] = {}
                for e in entries:
                    for agency, arrival in K.known[e].items():
                        if arrival.order <= last:
                            seen_by.setdefault(K.organisation[agency], set()).add(e)
                if any(len(seen) == len(entries) for seen in seen_by.values()):
                    continue
                patterns.setdefault(tuple(entries), []).append(risk)
            for entries, risks in patterns.items():
                persons = {p for e in entries for p in K.about[e] if p in family}
                f = finding(NAME, K.review, persons=persons, agencies={K.recorder[e] for e in entries},
                            events=entries, detail=risks)
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the risks."""
    count = len(f.agencies)
    return (f"{len(f.events)} entries recording {and_list([words(r) for r in f.detail or ()])} about "
            f"{names(look, f.persons)} {span(look, f.events)}, recorded by {count} "
            f"agenc{'y' if count == 1 else 'ies'}; no agency knew them all")
