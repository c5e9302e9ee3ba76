"""expected-action-missing: a risk that calls for a statutory action, with no such action in time."""

from __future__ import annotations

import bisect
import datetime as dt

import networkx as nx

from .._vocab import vocabulary
from ._finding import (Finding, Lookup, agency_names, each_review, finding, names, sorted_findings, span,
                       stated_level)

NAME = "expected-action-missing"
WHY = """\
Some risks call for a set response: a high-risk DASH for a MARAC referral, a child's
disclosure of abuse for a referral to children's social care, an abused adult who is
self-harming for a safeguarding concern. Reviews repeatedly find the risk recorded and the
referral never made."""
LIMITS = """\
The rules are data (vocab/expected_actions.yaml), each with its source; the trigger and
the time allowed are as written there, and the action can be taken by any agency, within
the rule's days after the trigger or before it (a referral already made still stands). An action
that happened but is not in the chronology cannot be seen: the finding is confirmed only
where every triggering entry's outcome is `no_referral` (the review states that no referral
was made). A trigger recorded by the very service the action would go to is not reported."""


def rules() -> dict[str, dict]:
    """The expected-action rules, by name."""
    return vocabulary("expected_actions").properties


def _triggered(K, entry: str, trigger: dict) -> list[str]:
    props = K.entry[entry]
    risks = set(props.get("risks", ()))
    if trigger.get("risks") and not risks & set(trigger["risks"]):
        return []
    if trigger.get("with_risks") and not risks & set(trigger["with_risks"]):
        return []
    if trigger.get("risk_level") and props.get("risk_level") not in trigger["risk_level"]:
        return []
    if trigger.get("types") and props["type"] not in trigger["types"]:
        return []
    if trigger.get("outcomes") and props.get("outcome") not in trigger["outcomes"]:
        return []
    who = trigger.get("person", {})
    roles, age = set(who.get("roles", ("victim", "subject"))), who.get("age", "any")
    out = []
    for person, role in K.roles[entry].items():
        if role not in roles:
            continue
        child = K.is_child_on(person, props["date"])
        if age == "any" or (age == "child") == child:
            out.append(person)
    return out


def _acted(K, entry: str, person: str, action: dict, days: int) -> bool:
    if not action:
        return False  # a rule with no action: the trigger itself is the gap
    types = set(action.get("agency_types", ()))
    if K.agency_type(K.recorder[entry]) in types:
        return True
    start = K.entry[entry]["date"]
    # The action may come up to ``days`` after the trigger, or have been taken in the
    # ``days`` before it (a MARAC referral made a few days earlier still stands).
    about = K.places_about.get(person, [])  # the entries about the person, in order
    first = bisect.bisect_left(about, start - dt.timedelta(days=days), key=K.day.__getitem__)
    for j in range(first, len(about)):
        later = K.order[about[j]]
        props = K.entry[later]
        if (props["date"] - start).days > days:
            break
        told = [a for a in (*K.recipients_by_type(later, "REFERRED_TO"), *K.recipients_by_type(later, "SHARED_WITH"))
                if a not in K.unrecorded[later]]  # a referral its recipient has no record of is lost
        if any(K.agency_type(a) in types for a in told):
            return True
        if later != entry and K.agency_type(K.recorder[later]) in types:
            return True
        if props.get("outcome") in action.get("outcomes", ()):
            return True
        if props["type"] == "meeting" and props.get("meeting_kind") in action.get("meeting_kinds", ()):
            return True
    return False


def expected_action_missing(G: nx.MultiDiGraph) -> list[Finding]:
    """Find risks that call for a statutory action (by the rules in expected_actions.yaml)
    with no such action about the same person within the rule's days.

    Parameters
    ----------
    G : the review graph.

    Returns
    -------
    list of Finding, one per (rule, person); events are the triggering entries with no
    action; detail is the rule's name.

    Examples
    --------
    >>> from safegraph.testing import make_graph
    >>> G = make_graph([{"date": "2012-01-20", "agency": "police", "type": "incident", "subjects": "amy:victim",
    ...                  "risks": "honour_based_abuse", "risk_level": "high"}])
    >>> [(f.detail, f.events) for f in expected_action_missing(G)]
    [(['honour-based-abuse-marac'], ['e1']), (['marac-referral'], ['e1']), (['specialist-da-referral'], ['e1'])]
    """
    out = []
    for K in each_review(G):
        for name, rule in rules().items():
            missing: dict[str, list[str]] = {}
            for entry in K.order:
                for person in _triggered(K, entry, rule["trigger"]):
                    if not _acted(K, entry, person, rule["action"], rule["days"]):
                        missing.setdefault(person, []).append(entry)
            for person, entries in missing.items():
                stated = sum(K.entry[e].get("outcome") == "no_referral" for e in entries)
                f = finding(NAME, K.review, persons=[person], agencies={K.recorder[e] for e in entries},
                            events=entries, level=stated_level(stated, len(entries)), stated=stated,
                            of=len(entries), detail=[name])
                f.summary = describe(f, K)
                out.append(f)
    return sorted_findings(out)


def describe(f: Finding, look: Lookup) -> str:
    """The finding in a sentence; ``f.detail`` holds the rule's name."""
    rule = rules()[f.detail[0]]
    description = vocabulary("expected_actions").terms[f.detail[0]]
    count = len(f.events)
    what = "an entry" if count == 1 else f"{count} entries"
    if not rule.get("action"):
        return (f"The review states that no referral was made: {what} about {names(look, f.persons)} by "
                f"{agency_names(look, f.agencies)} {span(look, f.events)}")
    return (f"{description}: {what} about {names(look, f.persons)} by {agency_names(look, f.agencies)} "
            f"{span(look, f.events)}, with no such action within {rule['days']} days")
