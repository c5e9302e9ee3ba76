"""Acceptance tests for examples/child-q: the gap queries find the failures between agencies
that the Child Q LCSPR (Hartlepool and Stockton-on-Tees) itself names.

Entry ids used as evidence (see examples/child-q/chronology.csv):
child-q-8 Mother's hospital disclosure of abuse (Dec 2017), child-q-9 police visit not shared
(Aug 2018), child-q-10 child protection plans ended (Sep 2018), child-q-11 second police
callout (Apr 2019), child-q-13 sole tenancy to Father (Jul 2019), child-q-23 Legal Gateway
Panel (Dec 2019), child-q-24 crisis team's MARAC referral and child-q-25 MARAC declining it
(Feb 2020).
"""

from pathlib import Path

import pytest

from safegraph import find_gaps, load

EXAMPLE = Path(__file__).parents[2] / "examples" / "child-q"


@pytest.fixture(scope="module")
def findings():
    return find_gaps(load(EXAMPLE))


def select(findings, query, **exact):
    """The findings of ``query`` whose listed attributes equal the given lists."""
    return [f for f in findings if f.query == query
            and all(list(getattr(f, name)) == value for name, value in exact.items())]


def only(findings, query, **exact):
    matched = select(findings, query, **exact)
    assert len(matched) == 1, f"expected one {query} finding with {exact}, got {matched}"
    return matched[0]


def decision(findings, entry_id):
    """The decision-without-history finding for decision ``entry_id`` (its first event, or
    one of the successive decisions merged into it)."""
    from selecting import decisions

    matched = [f for f in findings
               if f.query == "decision-without-history" and entry_id in decisions(f)]
    assert len(matched) == 1, f"expected one decision-without-history finding for {entry_id}"
    return matched[0]


def test_all_findings_belong_to_child_q(findings):
    assert findings
    assert {f.review for f in findings} == {"child-q"}


def test_police_visit_of_august_2018_never_reached_social_care(findings):
    """8.5: in August 2018 police went to the home after an anonymous caller heard a child
    screaming, and got in only after being refused. The report says nothing of this reached
    children's social care or the wider partnership, and no referral was made, even though
    the older children were on child protection plans at the time. Social care lacked exactly
    this one risk entry about the siblings. The data records the non-receipt, so the finding
    is partly confirmed: the visit is stated, social care's other lacked entries are not.
    Early Help and the school, each lacking only this visit, are confirmed."""
    f = only(findings, "unshared-risk", agencies=["csc"])
    assert "siblings" in f.persons and "child-q-9" in f.events
    assert f.level == "partly_confirmed" and f.stated == 1
    # Early Help and the school lacked exactly this visit: one finding names both.
    g = only(findings, "unshared-risk", agencies=["early-help", "school"])
    assert list(g.events) == ["child-q-9"] and g.level == "confirmed"


def test_plans_ended_without_the_police_visit(findings):
    """8.5 and 12.2: a month after that visit, social care ended the child protection plans
    and stepped the case down to Early Help, judging that Father now met the children's
    needs. The Rapid Review lists decisions made without all the information as a concern.
    The decision is recorded as lacking the unshared police visit and Mother's hospital
    disclosure. Early Help's closure over her non-engagement (child-q-4) is not counted: Early
    Help and children's social care are both the council's (part_of), so that is not a gap
    between agencies. Partly confirmed: the police visit is stated as not shared."""
    f = decision(findings, "child-q-10")
    assert list(f.agencies) == ["csc"]
    assert list(f.events) == ["child-q-10", "child-q-8", "child-q-9"]
    assert f.level == "partly_confirmed" and (f.stated, f.of) == (1, 2)


def test_legal_gateway_decided_without_the_police_history(findings):
    """8.12 and 15.8: in December 2019 the Legal Gateway Panel found too little evidence for
    care proceedings or the Public Law Outline. The reviewers say that counting how often
    police had to get social care into the home could have brought legal advice sooner. The
    panel's decision (recorded under social care) lacked the August 2018 police visit."""
    f = decision(findings, "child-q-23")
    assert list(f.agencies) == ["csc"]
    assert "child-q-9" in f.events
    assert "child-q-11" not in f.events  # the 2019 callout did reach social care (8.6)


def test_marac_declined_the_referral_without_partner_history(findings):
    """8.13 and the terms of reference (Appendix 1): in February 2020 the Stockton crisis
    team referred Mother to MARAC because of her hospital account of 17 years of physical
    and sexual abuse. MARAC declined it for lack of information showing high risk. The
    review asks what could have been shared at that point.

    Query choice: `decision-without-history`, on MARAC's decision to decline. It shows what
    MARAC decided without. MARAC had the disclosure that the referral carried (child-q-8).
    It lacked both police screaming-child callouts (child-q-9, child-q-11), which 17.1 calls
    domestic abuse indicators, and Father's own abuse self-referral (child-q-14).
    `repeat-referrals` would be dishonest here: the report names one MARAC referral, and the
    query needs three. `unshared-meeting-outcome` does not apply either, because no MARAC
    meeting was held. The level is no_record: the report does not say MARAC was denied
    those records, only that it had too little."""
    f = decision(findings, "child-q-25")
    assert list(f.agencies) == ["marac"]
    assert list(f.persons) == ["father", "mother"]
    assert {"child-q-9", "child-q-11", "child-q-14"} <= set(f.events)
    assert "child-q-8" not in f.events
    assert "child-q-24" not in f.events
    assert f.level == "no_record"
    assert not select(findings, "repeat-referrals", agencies=["marac"])


def test_domestic_abuse_indicators_never_seen_together(findings):
    """5.2, 12.2 and 17.1: professionals struggled to see the cumulative domestic abuse
    risk and handled concerns in silos. The indicators were:
    - Mother's 2017 disclosure in hospital (mental health services);
    - two police callouts about a screaming child;
    - the crisis team's MARAC referral, and MARAC declining it.
    No agency held all of them when the last one happened."""
    f = only(findings, "pattern-in-isolation", agencies=["marac", "mental-health", "police"])
    assert set(f.events) == {"child-q-8", "child-q-9", "child-q-11", "child-q-24", "child-q-25"}
    assert list(f.persons) == ["father", "mother", "siblings"]


def test_hospital_disclosure_of_abuse_not_acted_on(findings):
    """8.4 and 5.10: in hospital in December 2017 Mother said her husband abused her. Nothing
    was done about it after discharge, and it was never referred to a specialist agency.
    The disclosure has no referral or share of its own, and mental health services made no
    follow-up within 28 days."""
    f = only(findings, "disclosure-without-action", events=["child-q-8"])
    assert list(f.agencies) == ["mental-health"]
    assert list(f.persons) == ["father", "mother"]


def test_housing_took_fathers_word_about_mother(findings):
    """8.7 and 5.7: Father told the housing provider that he and Mother were divorced and
    that she had no leave to remain and would return to Pakistan. Housing gave him a sole
    tenancy, apparently without ever speaking to her about her rights. Father is the alleged
    abuser in Mother's disclosure, and housing relied on him alone."""
    [f] = [f for f in select(findings, "single-informant") if f.events[0] == "child-q-13"]
    assert list(f.agencies) == ["housing"]
    assert f.detail == ["father"] and "mother" in f.persons
    assert "child-q-8" in f.events  # Mother's disclosure names him as the abuser


def test_plans_ended_on_fathers_account(findings):
    """21.2, 16.2 and 17.3: professionals' view of risk rested largely on Father's accounts,
    uncorroborated until Child Q was harmed. He was the household's only voice. The
    September 2018 decision to end the plans, taken on the view that he now met the
    children's needs, is the clearest dated instance."""
    [f] = [f for f in select(findings, "single-informant") if f.events[0] == "child-q-10"]
    assert list(f.agencies) == ["csc"]
    assert f.detail == ["father"] and "siblings" in f.persons
