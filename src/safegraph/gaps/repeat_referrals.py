"""repeat-referrals: the same person referred again and again to one agency with nothing done."""

from __future__ import annotations

import networkx as nx

from ._finding import Finding, Lookup, chronological, each_review, finding, names, sorted_findings

NAME = "repeat-referrals"
NOTHING_DONE = frozenset({"nfa", "threshold_not_met", "signposted", "closed", "declined", "advice"})
CYPHER_CONSTANTS = {"nothing_done": sorted(NOTHING_DONE)}
WHY = """\
Each referral may be reasonably screened out on its own; the pattern is the risk. Reviews
find children referred three, four, six times, each contact judged "threshold not met"
without anyone weighing the accumulation, until the harm happened."""
LIMITS = """\
Only `referral` entries count, with the outcome written on the referral row itself (a
screening decision recorded as a separate `decision` row is not read back onto the
referral); an empty outcome counts as nothing done. A referral with a different outcome
does not cancel the others. The target is each agency in referred_to, or the recording
agency where referred_to is empty (a referral logged by the receiving agency); a referral
whose recipient is written as unknown, or as none, has no target."""


def repeat_referrals(G: nx.MultiDiGraph, *, min_referrals: int = 3) -> list[Finding]:
    """Find persons referred at least ``min_referrals`` times to one agency with an
    outcome of nothing done (nfa, threshold_not_met, signposted, closed, declined, advice
    or empty).

    Parameters
    ----------
    G : the review graph.
    min_referrals : how many such referrals make a finding.

    Returns
    -------
    list of Finding, one per (person, target agency); events are those referrals.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([
    ...     {"date": f"2020-0{m}-01", "agency": "school", "type": "referral", "subjects": "amy",
    ...      "referred_to": "mash", "outcome": "threshold_not_met"} for m in (1, 2, 3)])
    >>> [(f.persons, f.agencies, f.events) for f in repeat_referrals(G)]
    [(['amy'], ['mash'], ['e1', 'e2', 'e3'])]
    >>> repeat_referrals(G, min_referrals=4)
    []
    """
    out = []
    for K in each_review(G):
        counted: dict[tuple[str, str], list[str]] = {}
        for entry in K.order:
            props = K.entry[entry]
            if props["type"] != "referral" or props.get("outcome", "nfa") not in NOTHING_DONE:
                continue
            said = {*props.get("none_in", ()), *props.get("unknown_in", ())}
            referred = list(K.recipients_by_type(entry, "REFERRED_TO"))
            if not referred and "referred_to" not in said:
                referred = [K.recorder[entry]]
            for target in referred:
                for person in K.about[entry]:
                    counted.setdefault((person, target), []).append(entry)
        for (person, target), referrals in counted.items():
            if len(referrals) < min_referrals:
                continue
            f = finding(NAME, K.review, persons=[person], agencies=[target], events=referrals)
            f.summary = describe(f, K)
            out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence."""
    dated = chronological(look, f.events)
    return (f"{names(look, f.persons)} was referred to {look.agency_name(f.agencies[0])} {len(dated)} times "
            f"between {look.date_text(dated[0])} and {look.date_text(dated[-1])}, each time with no action taken")
