"""Triage: every component of safegraph.gaps._score.COMPONENTS moves the score by the amount
it documents, and names itself in the reasons.

Each test scores one small review against a variant that differs only in what the component
reads, and states both (score, reasons) exactly. The critical incident is set far away
(2030) unless proximity is what is tested.
"""

import pytest

from safegraph import find_gaps
from safegraph._dates import parse_date
from safegraph.gaps._score import COMPONENTS
from safegraph.testing import make_review

from gap_cases import FAMILY, case, plus

FAR = "2030-01-01"


def scored(query, entries, *, incident=FAR, **kw):
    """(score, reasons) of each finding of ``query`` on the review."""
    entries, kwargs = case(entries, **kw)
    review = make_review(entries, **kwargs)
    if incident:
        review = review.model_copy(update={"incident": parse_date(incident)})
    return [(f.score, f.reasons) for f in find_gaps(review, [query])]


def risk(risks="mental_health", *, gp_type="other", last="contact", lacked=1, stated=0, born=None, **more):
    """unshared-risk: the GP sees amy on 1 January and 1 March; the police record
    ``lacked`` entries with ``risks`` about her in February (the first ``stated`` of them
    stated as not shared with the GP)."""
    entries = [{"date": "2020-01-01", "agency": "gp", "subjects": "amy"}]
    for n in range(lacked):
        row = {"date": f"2020-02-{n + 1:02d}", "agency": "police", "subjects": "amy", "risks": risks, **more}
        if n < stated:
            row["not_shared_with"] = "gp"
        entries.append(row)
    entries.append({"date": "2020-03-01", "agency": "gp", "type": last, "subjects": "amy"})
    people = [{"id": "amy", **({"born": born} if born else {})}]
    return entries, {"people": people, "agencies": {"gp": gp_type}}


def risk_score(incident=FAR, **kw):
    entries, kwargs = risk(**kw)
    return scored("unshared-risk", entries, incident=incident, **kwargs)


BASE = [(1, ["risk: mental health"])]


def test_the_base_finding():
    assert risk_score() == BASE


# -- stated -----------------------------------------------------------------------------------

def test_stated_all_of_it_adds_5():
    assert risk_score(stated=1) == [(6, ["the review states it", "risk: mental health"])]


@pytest.mark.parametrize("lacked, points", [(2, 3), (3, 3), (4, 1)])
def test_stated_part_adds_3_from_a_third_and_1_below(lacked, points):
    assert risk_score(lacked=lacked) == BASE
    assert risk_score(lacked=lacked, stated=1) == [(1 + points, [f"the review states 1 of {lacked}",
                                                                 "risk: mental health"])]


def test_stated_a_meeting_naming_any_agency_as_not_told_adds_5():
    meeting = {"date": "2020-03-01", "agency": "marac", "type": "meeting", "subjects": "mum"}
    working = {"date": "2020-02-01", "agency": "voluntary", "subjects": "mum"}
    assert scored("unshared-meeting-outcome", [working, meeting]) == [(0, [])]
    # Partly confirmed (1 of 2), and still +5.
    assert scored("unshared-meeting-outcome", [working, {**meeting, "not_shared_with": "housing"}]) == [
        (5, ["the review records 1 agency as not told"])]


# -- severity -----------------------------------------------------------------------------------

@pytest.mark.parametrize("risks, points, word", [("mental_health", 1, "mental health"),
                                                 ("domestic_abuse", 2, "domestic abuse"),
                                                 ("overdose", 3, "overdose"),
                                                 ("mental_health;overdose;domestic_abuse", 3, "overdose")])
def test_severity_adds_the_worst_risks_severity(risks, points, word):
    assert risk_score(risks=risks) == [(points, [f"risk: {word}"])]


def test_severity_high_risk_level_adds_1():
    assert risk_score(risk_level="high") == [(2, ["risk: mental health", "assessed as high risk"])]
    assert risk_score(risk_level="medium") == BASE


@pytest.mark.parametrize("before, expected", [
    (90, [(7, ["risk: overdose", "a child: Amy, 9", "a decision was made in the gap"])]),
    (91, [(4, ["a child: Amy, 9", "a decision was made in the gap"])])])
def test_severity_of_a_decision_about_a_child_reads_the_90_days_before_it(before, expected):
    decision = {"date": "2020-03-31", "agency": "mash", "type": "decision", "subjects": "amy", "spoken_to": "none"}
    overdose = {"date": plus("2020-03-31", -before), "agency": "police", "subjects": "amy", "risks": "overdose"}
    assert scored("child-not-seen", [overdose, decision], people=[{"id": "amy", "born": "2010-06-01"}]) == expected


# -- informant ----------------------------------------------------------------------------------

def informant(*harm_dates):
    decision = {"date": "2020-02-01", "agency": "mash", "type": "decision", "subjects": "bob;mum", "spoken_to": "mum",
                "informant": "mum"}
    harms = [{"date": d, "agency": "police", "type": "incident", "subjects": "mum:perpetrator;amy:victim"}
             for d in harm_dates]
    return scored("single-informant", [*harms, decision], relationships=FAMILY)


def test_informant_recorded_as_harming_before_adds_3_and_after_only_1():
    assert informant() == [(2, ["a decision was made in the gap"])]
    assert informant("2020-01-01") == [(5, ["the informant was already recorded as harming someone",
                                            "a decision was made in the gap"])]
    assert informant("2020-03-01") == [(3, ["the informant is recorded as harming someone later",
                                            "a decision was made in the gap"])]
    assert informant("2020-01-01", "2020-03-01") == informant("2020-01-01")


# -- repetition ---------------------------------------------------------------------------------

@pytest.mark.parametrize("times, expected", [(3, [(0, [])]), (4, [(1, ["4 times"])]), (6, [(3, ["6 times"])]),
                                             (7, [(3, ["7 times"])])])
def test_repetition_adds_1_per_referral_beyond_three_up_to_3(times, expected):
    referrals = [{"date": f"2020-{m:02d}-01", "agency": "school", "type": "referral", "subjects": "amy",
                  "referred_to": "mash", "outcome": "nfa"} for m in range(1, times + 1)]
    assert scored("repeat-referrals", referrals) == expected


def test_repetition_of_a_pattern():
    overdoses = [{"date": f"2020-0{m}-01", "agency": "ed" if m % 2 else "gp", "subjects": "amy", "risks": "overdose"}
                 for m in range(1, 5)]
    assert scored("pattern-in-isolation", overdoses[:3]) == [(3, ["risk: overdose"])]
    assert scored("pattern-in-isolation", overdoses) == [(4, ["risk: overdose", "4 times"])]


# -- child --------------------------------------------------------------------------------------

@pytest.mark.parametrize("born, expected", [
    ("2010-06-01", [(3, ["risk: mental health", "a child: Amy, 9"])]),
    ("2002-02-02", [(3, ["risk: mental health", "a child: Amy, 17"])]),
    ("2002-02-01", BASE),  # 18 on the day of the entry the GP lacked
    ("2020-02-02", BASE),  # not yet born
])
def test_child_adds_2(born, expected):
    assert risk_score(born=born) == expected


def test_child_without_events_is_one_marked_a_child():
    silo = [{"date": "2020-01-01", "agency": "ambulance", "subjects": "amy"}]
    assert scored("silo-agency", silo, people=[{"id": "amy", "child": "yes"}]) == [(2, ["a child: Amy"])]
    assert scored("silo-agency", silo, people=[{"id": "amy", "child": "no"}]) == [(0, [])]


# -- consequence --------------------------------------------------------------------------------

def test_consequence_a_later_act_while_still_not_knowing_adds_2():
    assert risk_score(last="decision") == [
        (3, ["risk: mental health", "gp then made a decision about Amy on 2020-03-01 without it"])]
    assert risk_score(last="referral") == [
        (3, ["risk: mental health", "gp then made a referral about Amy on 2020-03-01 without it"])]
    assert risk_score(last="contact") == BASE  # not a decision, assessment, referral or meeting


def test_consequence_an_act_about_another_family_does_not_count():
    entries, kwargs = risk()
    entries.insert(2, {"date": "2020-02-15", "agency": "gp", "type": "decision", "subjects": "zed"})
    assert scored("unshared-risk", entries, **kwargs) == BASE
    entries[2]["subjects"] = "amy"
    assert scored("unshared-risk", entries, **kwargs) == [
        (3, ["risk: mental health", "gp then made a decision about Amy on 2020-02-15 without it"])]


def test_consequence_an_act_before_what_it_lacked_does_not_count():
    entries, kwargs = risk()
    entries[0]["type"] = "decision"  # 1 January, before the police entry of 1 February
    assert scored("unshared-risk", entries, **kwargs) == BASE


@pytest.mark.parametrize("kind", ["decision", "assessment"])
def test_consequence_a_decision_made_in_the_gap_adds_2(kind):
    entries = [{"date": "2020-01-01", "agency": "police", "subjects": "mum", "type": "share"},
               {"date": "2020-02-01", "agency": "police", "subjects": "mum", "risks": "mental_health"},
               {"date": "2020-03-01", "agency": "mash", "type": kind, "subjects": "bob"}]
    assert scored("decision-without-history", entries, relationships=FAMILY) == [
        (3, ["risk: mental health", f"{'an' if kind == 'assessment' else 'a'} {kind} was made in the gap"])]


# -- proximity ----------------------------------------------------------------------------------

@pytest.mark.parametrize("incident, expected", [
    ("2020-05-01", [(3, ["risk: mental health", "within 3 months of the critical incident"])]),  # 90 days after
    ("2020-05-03", [(3, ["risk: mental health", "within 3 months of the critical incident"])]),  # 92
    ("2019-11-01", [(3, ["risk: mental health", "within 3 months of the critical incident"])]),  # 92 before
    ("2020-05-04", [(2, ["risk: mental health", "within a year of the critical incident"])]),  # 93
    ("2021-02-01", [(2, ["risk: mental health", "within a year of the critical incident"])]),  # 366
    ("2021-02-02", BASE),  # 367
])
def test_proximity_to_the_critical_incident(incident, expected):
    assert risk_score(incident=incident) == expected


def test_proximity_without_an_incident_uses_the_last_entry():
    # The last entry is the GP's of 1 March, 29 days after the police entry.
    assert risk_score(incident=None) == [(3, ["risk: mental health", "within 3 months of the critical incident"])]


# -- duty ---------------------------------------------------------------------------------------

CHILD = "2010-06-01"


@pytest.mark.parametrize("gp_type, born, expected", [
    ("mash", None, [(2, ["risk: mental health", "a statutory decision-maker"])]),
    ("police", None, [(2, ["risk: mental health", "a statutory decision-maker"])]),
    ("gp", None, BASE),  # a universal service, but no child
    ("housing", CHILD, [(3, ["risk: mental health", "a child: Amy, 9"])]),
    ("police", CHILD, [(4, ["risk: mental health", "a child: Amy, 9", "a statutory decision-maker"])]),
    ("gp", CHILD, [(5, ["risk: mental health", "a child: Amy, 9", "the child's universal service"])]),
    ("school", CHILD, [(5, ["risk: mental health", "a child: Amy, 9", "the child's universal service"])]),
    ("mash", CHILD, [(5, ["risk: mental health", "a child: Amy, 9", "children's social care, deciding about a child"])]),
    ("childrens_social_care", CHILD,
     [(5, ["risk: mental health", "a child: Amy, 9", "children's social care, deciding about a child"])]),
])
def test_duty(gp_type, born, expected):
    # +2 for children's social care, a MASH or the child's universal service where a child
    # is concerned; +1 for another statutory decision-maker.
    assert risk_score(gp_type=gp_type, born=born) == expected


# -- internal -----------------------------------------------------------------------------------

def test_internal_takes_3():
    entries = [{"date": "2020-01-01", "agency": "dau", "subjects": "amy"},
               {"date": "2020-02-01", "agency": "police", "subjects": "amy", "risks": "mental_health"},
               {"date": "2020-03-01", "agency": "dau", "subjects": "amy"}]
    unit = {"type": "housing", "part_of": "police"}
    assert scored("unshared-risk", entries, agencies={"dau": unit}) == [
        (-2, ["risk: mental health", "between units of one organisation"])]
    assert scored("unshared-risk", entries, agencies={"dau": {"type": "housing"}}) == BASE


# -- every component is tested ------------------------------------------------------------------

TESTED = {
    "stated": test_stated_all_of_it_adds_5,
    "informant": test_informant_recorded_as_harming_before_adds_3_and_after_only_1,
    "severity": test_severity_adds_the_worst_risks_severity,
    "repetition": test_repetition_adds_1_per_referral_beyond_three_up_to_3,
    "child": test_child_adds_2,
    "consequence": test_consequence_a_later_act_while_still_not_knowing_adds_2,
    "proximity": test_proximity_to_the_critical_incident,
    "duty": test_duty,
    "internal": test_internal_takes_3,
}


def test_every_component_has_a_test():
    assert set(TESTED) == set(COMPONENTS)
