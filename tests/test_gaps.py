"""Every gap query (contract v2): where it must fire, and the near misses where it must not.

The reviews are the shared cases of gap_cases.py (the Neo4j parity test runs the same
ones). Each test states the exact findings, as (agencies, persons, events), and the level,
groups or detail where the query sets them. Every expected value was worked out by hand
from the query's docstring, its LIMITS, docs/chronology-format.md and docs/gap-queries.md.
Most tests call the query function itself; the merging find_gaps adds (gaps/_merge.py) is
tested through find_gaps.
"""

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import safegraph
from safegraph import QUERIES, find_gaps
from safegraph.cli import cli
from safegraph.gaps import PARAMETERS, QUERY_NAMES, get_query
from safegraph.testing import make_graph, make_review

from conftest import EXAMPLES, OUTSIDE
from gap_cases import ACTIONS, CASES, OWN_SERVICE, TRIGGERS, expected_action_cases
import gap_cases

HERE = Path(__file__).resolve().parent


def run(query, name, **params):
    """The findings of ``query`` on case ``name``."""
    entries, kwargs = CASES[name]
    return get_query(query).function(make_graph(entries, **kwargs), **params)


def found(query, name, **params):
    return [(f.agencies, f.persons, f.events) for f in run(query, name, **params)]


def levels(query, name, **params):
    return [(f.level, f.stated, f.of, f.internal) for f in run(query, name, **params)]


# -- unshared-meeting-outcome -------------------------------------------------------------------

MEETING = "unshared-meeting-outcome"


def groups(name, **params):
    return [f.groups for f in run(MEETING, name, **params)]


def test_meeting_lists_each_group_in_one_finding():
    # Housing is stated not told; the GP (a type MARAC invites) worked with amy, in the
    # family; the voluntary service worked with mum, the subject; the faith group worked
    # only with bob, who is neither a subject nor seen by an expected type.
    assert found(MEETING, "meeting-groups") == [(["gp", "housing", "voluntary"], ["mum"], ["e4"])]
    assert groups("meeting-groups") == [{"not_told": ["housing"], "expected": ["gp"], "working_with": ["voluntary"]}]
    assert levels(MEETING, "meeting-groups") == [("partly_confirmed", 1, 3, False)]


def test_meeting_without_a_kind_expects_nobody():
    # The GP worked only with amy, who is not a subject: without meeting_kind it is not listed.
    assert found(MEETING, "meeting-no-kind") == [(["housing", "voluntary"], ["mum"], ["e4"])]
    assert groups("meeting-no-kind") == [{"not_told": ["housing"], "expected": [], "working_with": ["voluntary"]}]
    assert levels(MEETING, "meeting-no-kind") == [("partly_confirmed", 1, 2, False)]
    # A professionals' meeting invites no type in particular.
    assert found(MEETING, "meeting-kind-professionals") == []


def test_meeting_with_only_expected_invitees_missing_is_not_reported():
    # No attendance list: an expected type with no record is a gap in the data, not evidence.
    assert found(MEETING, "meeting-expected-only") == []
    assert found(MEETING, "meeting-expected-and-working") == [(["gp", "voluntary"], ["mum"], ["e3"])]
    assert groups("meeting-expected-and-working") == [{"not_told": [], "expected": ["gp"], "working_with": ["voluntary"]}]
    assert levels(MEETING, "meeting-expected-and-working") == [("no_record", 0, 2, False)]


def test_meeting_confirmed_when_every_agency_is_stated_not_told():
    # voluntary is stated not told, so it is in not_told, not working_with.
    assert found(MEETING, "meeting-all-stated") == [(["housing", "voluntary"], ["mum"], ["e2"])]
    assert groups("meeting-all-stated") == [{"not_told": ["housing", "voluntary"], "expected": [], "working_with": []}]
    assert levels(MEETING, "meeting-all-stated") == [("confirmed", 2, 2, False)]


@pytest.mark.parametrize("name, events", [("meeting-window-before", ["e3"]), ("meeting-window-after", ["e1"])])
def test_meeting_window_includes_day_90_either_side(name, events):
    # faith's contact is 90 days from the meeting, voluntary's 91.
    assert found(MEETING, name) == [(["faith"], ["mum"], events)]
    assert found(MEETING, name, window=91) == [(["faith", "voluntary"], ["mum"], events)]
    assert found(MEETING, name, window=89) == []
    assert groups(name) == [{"not_told": [], "expected": [], "working_with": ["faith"]}]
    assert levels(MEETING, name) == [("no_record", 0, 1, False)]


def test_meeting_episodic_agency_counts_contact_days_beyond_the_window():
    # ambulance (episodic by type) 97 days before; nhs111 (written episodic) 98; an ED
    # written ongoing and an ongoing counsellor 97: the window alone (90) does not reach.
    assert found(MEETING, "meeting-episodic") == [(["ambulance"], ["mum"], ["e5"])]
    assert found(MEETING, "meeting-episodic", contact_days=8) == [(["ambulance", "nhs111"], ["mum"], ["e5"])]
    assert found(MEETING, "meeting-episodic", contact_days=6) == []


@pytest.mark.parametrize("name", ["meeting-attendees-empty", "meeting-attendees-unknown", "meeting-attendees-none"])
def test_meeting_attendance_not_recorded_or_none_is_never_not_told(name):
    # Whether attendance is not recorded (empty, unknown) or nobody attended (none), the
    # voluntary service working with mum is listed with no record, never as not told.
    assert found(MEETING, name) == [(["voluntary"], ["mum"], ["e2"])]
    assert groups(name) == [{"not_told": [], "expected": [], "working_with": ["voluntary"]}]
    assert levels(MEETING, name) == [("no_record", 0, 1, False)]


def test_meeting_near_misses_agency_that_knew():
    assert found(MEETING, "meeting-attended") == []
    assert found(MEETING, "meeting-told-later") == []  # minutes passed on a month later
    assert found(MEETING, "meeting-received-late") == []  # received two months later, but received


def test_meeting_attendee_without_a_record_of_it_is_listed():
    # voluntary is an attendee in unrecorded_by: it never came to know the meeting.
    assert found(MEETING, "meeting-unrecorded") == [(["voluntary"], ["mum"], ["e2"])]
    assert groups("meeting-unrecorded") == [{"not_told": [], "expected": [], "working_with": ["voluntary"]}]


def test_meeting_witness_or_reporter_mention_is_not_working_with():
    assert found(MEETING, "meeting-subject") == [(["voluntary"], ["amy"], ["e2"])]
    assert found(MEETING, "meeting-witness") == []
    assert found(MEETING, "meeting-reporter") == []


def test_meeting_universal_service_works_with_whom_it_is_told_about():
    # Police told a GP about amy: a GP is involved through what it is told; a service of
    # type other told the same is not.
    assert found(MEETING, "meeting-universal") == [(["told"], ["amy"], ["e2"])]
    assert groups("meeting-universal") == [{"not_told": [], "expected": [], "working_with": ["told"]}]
    assert found(MEETING, "meeting-told-only") == []


def test_meeting_internal_only_when_that_is_all_that_was_lacked():
    # The police attended; their domestic abuse unit did not.
    assert found(MEETING, "meeting-internal") == [(["police-dau"], ["mum"], ["e2"])]
    assert groups("meeting-internal") == [{"internal": ["police-dau"]}]
    assert levels(MEETING, "meeting-internal") == [("no_record", 0, 1, True)]
    # A unit the review states was not told is not_told, whatever its organisation knew.
    assert found(MEETING, "meeting-internal-stated") == [(["police-dau"], ["mum"], ["e2"])]
    assert levels(MEETING, "meeting-internal-stated") == [("confirmed", 1, 1, False)]
    assert groups("meeting-internal-stated") == [{"not_told": ["police-dau"], "expected": [], "working_with": []}]
    # With an outside agency also lacking it, the unit is left out.
    assert found(MEETING, "meeting-internal-mixed") == [(["voluntary"], ["mum"], ["e3"])]
    assert groups("meeting-internal-mixed") == [{"not_told": [], "expected": [], "working_with": ["voluntary"]}]
    assert levels(MEETING, "meeting-internal-mixed") == [("no_record", 0, 1, False)]


def test_one_finding_per_meeting():
    # Each meeting's convenor worked with mum (through its own meeting) a week from the other.
    assert found(MEETING, "two-meetings") == [(["csc", "voluntary"], ["mum"], ["e2"]),
                                              (["marac", "voluntary"], ["mum"], ["e3"])]


# -- unshared-risk --------------------------------------------------------------------------------

RISK = "unshared-risk"


def test_unshared_risk_fires_while_the_agency_works_with_the_person():
    assert found(RISK, "risk") == [(["gp"], ["amy"], ["e2"])]
    assert levels(RISK, "risk") == [("no_record", 0, 1, False)]
    assert found(RISK, "risk-stated") == [(["gp"], ["amy"], ["e2"])]
    assert levels(RISK, "risk-stated") == [("confirmed", 1, 1, False)]
    assert found(RISK, "risk-gp-victim") == [(["gp"], ["amy"], ["e2"])]
    assert found(RISK, "risk-unrecorded") == [(["gp"], ["amy"], ["e2"])]  # shared, but never received


def test_unshared_risk_near_misses():
    assert found(RISK, "risk-shared") == []
    assert found(RISK, "risk-received-late") == []  # it did arrive, two months late
    assert found(RISK, "risk-after") == []  # the day after the GP's last contact
    assert found(RISK, "risk-before") == []  # the day before its first
    assert found(RISK, "risk-no-risk") == []


def test_unshared_risk_stated_non_share_is_always_reported():
    assert found(RISK, "risk-stated-after") == [(["gp"], ["amy"], ["e2"])]
    assert levels(RISK, "risk-stated-after") == [("confirmed", 1, 1, False)]
    assert found(RISK, "risk-stated-no-risk") == [(["gp"], ["amy"], ["e2"])]
    # Housing worked only with zed, in another family.
    assert found(RISK, "risk-stated-stranger") == [(["housing"], ["amy"], ["e2"])]
    assert levels(RISK, "risk-stated-stranger") == [("confirmed", 1, 1, False)]


def test_unshared_risk_stated_non_share_with_an_agency_involved_with_nobody():
    # LIMITS: "An entry the review states was not shared with the agency is always
    # included." The MARAC here had no contact with anyone.
    assert found(RISK, "risk-stated-uninvolved") == [(["marac"], ["amy"], ["e1"])]
    assert levels(RISK, "risk-stated-uninvolved") == [("confirmed", 1, 1, False)]


def test_unshared_risk_witness_or_reporter_mention_is_not_involvement():
    assert found(RISK, "risk-gp-witness") == []
    assert found(RISK, "risk-gp-reporter") == []


def test_unshared_risk_episodic_agency_only_in_the_days_up_to_a_contact():
    # Call-outs on 8 January and 1 December; overdoses 7 days before the first (e1), the
    # day after it (e3) and 183 days before the second (e4).
    assert found(RISK, "risk-episodic") == [(["ambulance"], ["amy"], ["e1"])]
    assert found(RISK, "risk-episodic", contact_days=8) == [(["ambulance"], ["amy"], ["e1"])]
    assert found(RISK, "risk-episodic", contact_days=6) == []
    # Written ongoing, the same service is in scope from its first contact to its last.
    assert found(RISK, "risk-episodic-written-ongoing") == [(["ambulance"], ["amy"], ["e3", "e4"])]
    assert found(RISK, "risk-episodic-written-ongoing", contact_days=30) == [(["ambulance"], ["amy"], ["e3", "e4"])]


def test_unshared_risk_internal_only_when_that_is_all_that_was_lacked():
    assert found(RISK, "risk-internal") == [(["police-dau"], ["amy"], ["e2"])]
    assert levels(RISK, "risk-internal") == [("no_record", 0, 1, True)]
    assert found(RISK, "risk-internal-mixed") == [(["police-dau"], ["amy"], ["e3"])]
    assert levels(RISK, "risk-internal-mixed") == [("no_record", 0, 1, False)]
    # Stated as not shared with the unit: the review has said so, whatever its force knew.
    assert found(RISK, "risk-internal-stated") == [(["police-dau"], ["amy"], ["e2"])]
    assert levels(RISK, "risk-internal-stated") == [("confirmed", 1, 1, False)]


def test_unshared_risk_one_finding_per_agency_and_family():
    assert found(RISK, "risk-two-families") == [(["gp"], ["amy", "bob"], ["e2", "e3"]), (["gp"], ["zed"], ["e4"])]


def test_unshared_risk_an_entry_about_two_families_belongs_with_the_person_worked_with():
    # The GP works only with zed; e2 is about amy and zed, e3 about zed: one family, one finding.
    assert found(RISK, "risk-entry-in-two-families") == [(["gp"], ["zed"], ["e2", "e3"])]


def test_unshared_risk_stated_entry_about_the_person_worked_with_is_theirs():
    # Stated, and about amy whom the GP worked with (though dated after): unshared-risk,
    # not a relative's entry for bob.
    assert found(RISK, "risk-stated-after-family") == [(["gp"], ["amy"], ["e2"])]
    assert found(FAMILY_RISK, "risk-stated-after-family") == []


# -- unlinked-family-risk -------------------------------------------------------------------------

FAMILY_RISK = "unlinked-family-risk"


def family_rows(name, **params):
    return [(f.agencies, f.persons, f.events, f.detail) for f in run(FAMILY_RISK, name, **params)]


def test_unlinked_family_risk_fires_with_relatives_as_detail():
    assert family_rows("family-risk") == [(["mash"], ["bob"], ["e2"], ["amy"])]
    assert levels(FAMILY_RISK, "family-risk") == [("no_record", 0, 1, False)]
    assert levels(FAMILY_RISK, "family-risk-stated") == [("confirmed", 1, 1, False)]
    assert family_rows("family-risk-relatives") == [(["mash"], ["bob"], ["e2", "e3"], ["amy", "mum"])]
    assert family_rows("family-risk-relative") == [(["mash"], ["bob"], ["e2"], ["amy"])]  # relative_of is family
    assert family_rows("family-risk-stated-after") == [(["mash"], ["bob"], ["e2"], ["amy"])]


def test_unlinked_family_risk_near_misses():
    assert family_rows("family-risk-not-family") == []
    assert family_rows("family-risk-referred") == []
    assert family_rows("family-risk-after") == []


def test_an_entry_is_reported_by_only_one_of_unshared_and_unlinked_risk():
    assert family_rows("family-risk-both") == []
    assert found(RISK, "family-risk-both") == [(["mash"], ["bob"], ["e2"])]
    assert found(RISK, "family-risk-stated") == []
    assert found(RISK, "family-risk") == []


def test_unlinked_family_risk_episodic_anchor():
    # An episodic MASH sees bob on 8 March; amy's overdoses are 7 days before and 1 day after.
    assert family_rows("family-risk-episodic") == [(["mash"], ["bob"], ["e1"], ["amy"])]
    assert family_rows("family-risk-episodic", contact_days=6) == []
    assert family_rows("family-risk-episodic", contact_days=8) == [(["mash"], ["bob"], ["e1"], ["amy"])]


@pytest.mark.parametrize("name", ["family-risk-two-families-first", "family-risk-two-families-last"])
def test_unlinked_family_risk_entry_also_about_someone_outside_the_family(name):
    # amy, bob's sister, shares the entry with al or zed, who are in no family of bob's:
    # whichever sorts first, it is a relative's risk the MASH never knew, and amy is the relative.
    assert family_rows(name) == [(["mash"], ["bob"], ["e2"], ["amy"])]


def test_unlinked_family_risk_internal():
    assert family_rows("family-risk-internal") == [(["mash"], ["bob"], ["e2", "e3"], ["amy"])]
    assert levels(FAMILY_RISK, "family-risk-internal") == [("no_record", 0, 2, True)]


# -- decision-without-history -----------------------------------------------------------------

DECISION = "decision-without-history"


def test_decision_without_history_fires_with_decision_first():
    assert found(DECISION, "decision") == [(["mash"], ["bob"], ["e3", "e1", "e2"])]
    assert levels(DECISION, "decision") == [("confirmed", 2, 2, False)]
    assert levels(DECISION, "decision-partly") == [("partly_confirmed", 1, 2, False)]
    assert found(DECISION, "decision-assessment") == [(["mash"], ["bob"], ["e2", "e1"])]
    assert found(DECISION, "decision-same-day-before") == [(["mash"], ["bob"], ["e2", "e1"])]


def test_decision_without_history_near_misses():
    assert found(DECISION, "decision-known") == []
    assert found(DECISION, "decision-passed-on") == []
    assert found(DECISION, "decision-same-day-after") == []
    assert found(DECISION, "decision-other-family") == []
    assert found(DECISION, "decision-no-risk") == []


def test_decision_without_history_reads_receipt():
    # Received the day after the decision: lacked. Received on its day: known from the
    # start of that day.
    assert found(DECISION, "decision-received-after") == [(["mash"], ["bob"], ["e2", "e1"])]
    assert found(DECISION, "decision-received-same-day") == []
    assert found(DECISION, "decision-unrecorded") == [(["mash"], ["bob"], ["e2", "e1"])]
    assert levels(DECISION, "decision-unrecorded") == [("no_record", 0, 1, False)]


def test_decision_without_history_internal_only_when_that_is_all():
    assert found(DECISION, "decision-internal") == [(["mash"], ["bob"], ["e2", "e1"])]
    assert levels(DECISION, "decision-internal") == [("no_record", 0, 1, True)]
    assert found(DECISION, "decision-internal-mixed") == [(["mash"], ["bob"], ["e3", "e2"])]
    assert levels(DECISION, "decision-internal-mixed") == [("no_record", 0, 1, False)]


# -- repeat-referrals -----------------------------------------------------------------------------

REPEAT = "repeat-referrals"


def test_repeat_referrals_fires_at_min_referrals():
    assert found(REPEAT, "referrals-3") == [(["mash"], ["amy"], ["e1", "e2", "e3"])]
    assert levels(REPEAT, "referrals-3") == [(None, None, None, False)]
    assert found(REPEAT, "referrals-3", min_referrals=4) == []
    assert found(REPEAT, "referrals-2") == []
    assert found(REPEAT, "referrals-2", min_referrals=2) == [(["mash"], ["amy"], ["e1", "e2"])]
    assert found(REPEAT, "referrals-4", min_referrals=4) == [(["mash"], ["amy"], ["e1", "e2", "e3", "e4"])]
    assert found(REPEAT, "referrals-4", min_referrals=5) == []


def test_repeat_referrals_outcomes():
    # nfa, no outcome and advice count; s47 neither counts nor cancels the others.
    assert found(REPEAT, "referrals-mixed") == [(["mash"], ["amy"], ["e1", "e2", "e4"])]
    assert found(REPEAT, "referrals-acted-on") == []
    assert found(REPEAT, "referrals-not-referrals") == []


def test_repeat_referrals_targets():
    # Empty referred_to: logged where it arrived. unknown or none: no target.
    assert found(REPEAT, "referrals-no-target") == [(["mash"], ["amy"], ["e1", "e2", "e3"])]
    assert found(REPEAT, "referrals-unknown-target") == []
    assert found(REPEAT, "referrals-none-target") == []
    assert found(REPEAT, "referrals-two-targets") == [(["csc"], ["amy"], ["e1", "e2", "e3"]),
                                                      (["mash"], ["amy"], ["e1", "e2", "e3"])]
    assert found(REPEAT, "referrals-two-people") == [(["mash"], ["amy"], ["e1", "e2", "e3"]),
                                                     (["mash"], ["bob"], ["e1", "e2", "e3"])]


# -- pattern-in-isolation -----------------------------------------------------------------------------

PATTERN = "pattern-in-isolation"


def pattern_rows(name, **params):
    return [(f.agencies, f.persons, f.events, f.detail) for f in run(PATTERN, name, **params)]


def test_pattern_in_isolation_fires_at_min_repeats():
    assert pattern_rows("overdoses") == [(["ed", "gp"], ["amy", "bob"], ["e1", "e2", "e3"], ["overdose"])]
    assert levels(PATTERN, "overdoses") == [(None, None, None, False)]
    assert pattern_rows("overdoses", min_repeats=4) == []
    assert pattern_rows("overdoses", min_repeats=2) == pattern_rows("overdoses")
    assert pattern_rows("overdoses-two") == []
    assert pattern_rows("overdoses-two", min_repeats=2) == [(["ed", "gp"], ["amy", "bob"], ["e1", "e2"], ["overdose"])]


def test_pattern_in_isolation_near_misses():
    assert pattern_rows("overdoses-known") == []  # the GP knew all three by the last
    assert pattern_rows("overdoses-other-family") == []
    assert pattern_rows("overdoses-other-family", min_repeats=2) == []  # the ED saw both of amy's
    assert pattern_rows("pattern-not-listed") == []  # neglect is not a pattern risk


def test_pattern_in_isolation_knowledge_after_the_last_entry_does_not_count():
    assert pattern_rows("overdoses-known-after") == [(["ed", "gp"], ["amy", "bob"], ["e1", "e2", "e3"], ["overdose"])]


def test_pattern_in_isolation_merges_risks_on_identical_entries():
    assert pattern_rows("pattern-merged") == [(["ed", "gp"], ["amy"], ["e1", "e2", "e3"], ["self_harm", "overdose"])]
    assert pattern_rows("pattern-split") == [(["ed", "gp"], ["amy"], ["e1", "e2", "e3"], ["overdose"]),
                                             (["ed", "gp", "police"], ["amy"], ["e1", "e2", "e3", "e4"], ["self_harm"])]


def test_pattern_in_isolation_units_of_one_organisation_see_together():
    assert pattern_rows("pattern-one-organisation") == []
    assert pattern_rows("pattern-two-organisations") == [
        (["police", "police-dau"], ["mum"], ["e1", "e2", "e3"], ["domestic_abuse"])]


# -- cross-boundary ------------------------------------------------------------------------------------

BOUNDARY = "cross-boundary"


def boundary_rows(name, **params):
    return [(f.agencies, f.persons, f.events, f.detail, f.groups) for f in run(BOUNDARY, name, **params)]


BEDFORD_LUTON = (["csc|school"], {"bedford": ["school"], "luton": ["csc"]})


def test_cross_boundary_fires_with_the_contacts_close_in_time_as_evidence():
    # The school's 2018 contact is more than a year from the council's: not evidence.
    assert boundary_rows("boundary") == [(["csc", "school"], ["amy"], ["e2", "e3"], *BEDFORD_LUTON)]
    assert levels(BOUNDARY, "boundary") == [(None, None, None, False)]
    assert boundary_rows("boundary-several-areas") == [
        (["csc", "school"], ["amy"], ["e1", "e2"], ["csc|school"], {"bedford;herts": ["school"], "luton": ["csc"]})]


def test_cross_boundary_one_finding_per_pair_of_areas():
    # School and GP in Bedford, the council in Luton, housing in Herts, all seeing amy.
    assert boundary_rows("boundary-pairs") == [
        (["csc", "gp", "school"], ["amy"], ["e1", "e2", "e3"], ["csc|gp", "csc|school"],
         {"bedford": ["gp", "school"], "luton": ["csc"]}),
        (["csc", "housing"], ["amy"], ["e3", "e4"], ["csc|housing"], {"herts": ["housing"], "luton": ["csc"]}),
        (["gp", "housing", "school"], ["amy"], ["e1", "e2", "e4"], ["gp|housing", "housing|school"],
         {"bedford": ["gp", "school"], "herts": ["housing"]})]


def test_cross_boundary_household_only_for_two_agencies_of_one_type():
    assert boundary_rows("boundary-household-two-types") == []
    assert boundary_rows("boundary-household-one-type") == [
        (["school-a", "school-b"], ["amy", "bob"], ["e1", "e2"], ["school-a|school-b"],
         {"bedford": ["school-a"], "luton": ["school-b"]})]
    assert boundary_rows("boundary-household-member-one-type") == [
        (["mh-a", "mh-b"], ["dad", "mum"], ["e1", "e2"], ["mh-a|mh-b"], {"bedford": ["mh-a"], "luton": ["mh-b"]})]
    assert boundary_rows("boundary-relative-one-type") == []  # family, not household


def test_cross_boundary_partners_are_not_a_household_by_themselves():
    # docs/chronology-format.md: a household is everyone connected through parent_of,
    # carer_of, sibling_of and household_member; partner_of alone does not make one, so two
    # mental health services, one working with each partner, are not a cross-boundary pair.
    assert boundary_rows("boundary-partner-one-type") == []


def test_cross_boundary_areas():
    assert boundary_rows("boundary-no-area") == []
    assert boundary_rows("boundary-no-area-review-area") == []  # v2: not the review's area
    assert boundary_rows("boundary-police") == []
    assert boundary_rows("boundary-ambulance") == []
    assert boundary_rows("boundary-same-area") == []  # " luton " is Luton
    assert boundary_rows("boundary-shared-area") == []  # Bedford;Luton shares Luton
    assert boundary_rows("boundary-one-organisation") == []


def test_cross_boundary_near_misses():
    assert boundary_rows("boundary-shared") == []
    assert boundary_rows("boundary-witness") == []


def test_cross_boundary_days():
    assert boundary_rows("boundary-365") == [(["csc", "school"], ["amy"], ["e1", "e2"], *BEDFORD_LUTON)]
    assert boundary_rows("boundary-365", boundary_days=364) == []
    assert boundary_rows("boundary-366") == []
    assert boundary_rows("boundary-366", boundary_days=366) == [(["csc", "school"], ["amy"], ["e1", "e2"], *BEDFORD_LUTON)]


# -- child-not-seen --------------------------------------------------------------------------------------

CHILD = "child-not-seen"


def test_child_not_seen_only_where_spoken_to_is_recorded():
    # e1: only mum seen; e4: nobody (none). e5 (empty) and e6 (unknown) are not recorded;
    # e2 is amy's 18th birthday; e3 saw amy; e7 is a contact.
    assert found(CHILD, "child") == [(["mash"], ["amy"], ["e1"]), (["mash"], ["amy"], ["e4"])]
    assert levels(CHILD, "child") == [(None, None, None, False)] * 2


def test_child_not_seen_unborn_is_not_a_child():
    assert found(CHILD, "child-unborn") == [(["mash"], ["baby"], ["e2"]), (["mash"], ["june"], ["e4"])]


def test_child_not_seen_roles_and_flags():
    assert found(CHILD, "child-roles") == [(["mash"], ["amy"], ["e3"])]  # victim yes; witness, reporter no
    assert found(CHILD, "child-flag") == [(["mash"], ["kid"], ["e1"])]  # born wins over child: yes
    assert found(CHILD, "child-leap-day") == [(["mash"], ["leap"], ["e1"])]


# -- single-informant ----------------------------------------------------------------------------------

INFORMANT = "single-informant"


def informant_rows(name):
    return [(f.agencies, f.persons, f.events, f.detail) for f in run(INFORMANT, name)]


def test_single_informant_with_perpetrator_history_as_evidence():
    assert informant_rows("informant-history") == [(["mash"], ["bob", "mum"], ["e2", "e1"], ["mum"])]
    assert informant_rows("informant-history-and-record") == [
        (["mash"], ["amy", "bob", "mum"], ["e3", "e1", "e2"], ["mum"])]
    assert levels(INFORMANT, "informant-history") == [(None, None, None, False)]


def test_single_informant_perpetrator_entries_after_the_decision_count_too():
    # gap-queries.md: "I is recorded as a perpetrator in some entry" (before or after).
    assert informant_rows("informant-history-after") == [(["mash"], ["bob", "mum"], ["e1", "e2"], ["mum"])]


def test_single_informant_where_spoken_to_is_recorded():
    assert informant_rows("informant-heard-only") == [(["mash"], ["bob", "mum"], ["e1"], ["mum"])]
    assert informant_rows("informant-nobody-seen") == [(["mash"], ["bob", "mum"], ["e1"], ["mum"])]


def test_single_informant_near_misses():
    assert informant_rows("informant-not-recorded") == []  # nobody recorded and no history
    assert informant_rows("informant-unknown") == []
    assert informant_rows("informant-witness-history") == []
    assert informant_rows("informant-outside-family") == []
    assert informant_rows("informant-all-heard") == []
    assert informant_rows("informant-one-heard") == []  # bob was heard, so not one account alone
    assert informant_rows("informant-contact") == []


def test_single_informant_own_account_is_not_reported():
    assert informant_rows("informant-own-account") == []
    assert informant_rows("informant-others-witnesses") == []


# -- disclosure-without-action --------------------------------------------------------------------------

DISCLOSURE = "disclosure-without-action"


def disclosure_rows(name, **params):
    return [(f.agencies, f.persons, f.events, f.detail) for f in run(DISCLOSURE, name, **params)]


def test_disclosure_without_action_day_n_included():
    assert disclosure_rows("disclosure-28") == []
    assert disclosure_rows("disclosure-28", days=27) == [(["school"], ["amy"], ["e1"], ["27"])]
    assert disclosure_rows("disclosure-29") == [(["school"], ["amy"], ["e1"], ["28"])]
    assert disclosure_rows("disclosure-29", days=29) == []
    assert levels(DISCLOSURE, "disclosure-29") == [(None, None, None, False)]


def test_disclosure_without_action_what_counts_as_action():
    assert disclosure_rows("disclosure-other-agency") == [(["school"], ["amy"], ["e1"], ["28"])]
    assert disclosure_rows("disclosure-other-person") == [(["school"], ["amy"], ["e1"], ["28"])]
    assert disclosure_rows("disclosure-contact-only") == [(["school"], ["amy"], ["e1"], ["28"])]
    assert disclosure_rows("disclosure-follow-up-none") == [(["school"], ["amy"], ["e1"], ["28"])]
    assert disclosure_rows("disclosure-earlier-same-day") == [(["school"], ["amy"], ["e2"], ["28"])]
    assert disclosure_rows("disclosure-contact-shared") == []
    assert disclosure_rows("disclosure-share") == []
    assert disclosure_rows("disclosure-assessment") == []


def test_disclosure_passed_on_at_once_is_not_reported():
    assert disclosure_rows("disclosure-shared") == []
    assert disclosure_rows("disclosure-referred") == []
    # referred_to none: no referral was sent.
    assert disclosure_rows("disclosure-referred-none") == [(["school"], ["amy"], ["e1"], ["28"])]


# -- silo-agency ------------------------------------------------------------------------------------------

SILO = "silo-agency"


def test_silo_agency():
    assert found(SILO, "silo") == [(["ambulance"], ["amy"], [])]
    assert levels(SILO, "silo") == [(None, None, None, False)]
    assert found(SILO, "silo-told") == []
    assert found(SILO, "silo-heard") == []
    # Told by the police, a GP is involved with amy, and never a silo.
    assert found(SILO, "silo-universal") == []


def test_silo_agency_own_organisation_and_roles():
    assert found(SILO, "silo-own-organisation") == [(["ambulance"], ["amy"], []), (["ambulance-hq"], ["bob"], [])]
    assert found(SILO, "silo-witness") == [(["ambulance"], ["amy"], [])]
    # Shared, but the recipient has no record: nothing reached another agency.
    assert found(SILO, "silo-unrecorded") == [(["ambulance"], ["amy"], [])]
    # The ambulance's trust passed something on: the ambulance is not a silo either.
    assert found(SILO, "silo-organisation-told") == []
    # A referral to an unknown recipient reached someone; a referral to none did not.
    assert found(SILO, "silo-referred-unknown") == []
    assert found(SILO, "silo-referred-none") == [(["ambulance"], ["amy"], [])]


# -- delayed-receipt ------------------------------------------------------------------------------------------

DELAYED = "delayed-receipt"


def test_delayed_receipt_more_than_delay_days():
    rows = [(f.agencies, f.persons, f.events, f.detail) for f in run(DELAYED, "receipt")]
    assert rows == [(["mash"], ["amy", "mum"], ["e1"], ["8"])]
    assert levels(DELAYED, "receipt") == [("confirmed", 1, 1, False)]
    assert [(f.agencies, f.detail) for f in run(DELAYED, "receipt", delay=6)] == [(["csc"], ["7"]), (["mash"], ["8"])]
    assert found(DELAYED, "receipt", delay=8) == []
    assert found(DELAYED, "receipt-same-day") == []


# -- record-mismatch ------------------------------------------------------------------------------------------

def test_record_mismatch():
    assert found("record-mismatch", "mismatch") == [(["gp"], ["amy"], ["e2"]), (["mash"], ["amy"], ["e1"])]
    assert levels("record-mismatch", "mismatch") == [("confirmed", 1, 1, False)] * 2


# -- expected-action-missing -------------------------------------------------------------------------------

EXPECTED = "expected-action-missing"


def expected_rows(name):
    return [(f.detail, f.agencies, f.persons, f.events) for f in run(EXPECTED, name)]


def test_expected_action_high_risk_domestic_abuse():
    assert expected_rows("expected-high-da") == [(["marac-referral"], ["police"], ["mum"], ["e1"]),
                                                 (["specialist-da-referral"], ["police"], ["mum"], ["e1"])]
    assert levels(EXPECTED, "expected-high-da") == [("no_record", 0, 1, False)] * 2
    # A child victim: MARAC (any age), not the adult specialist service.
    assert expected_rows("expected-child-victim") == [(["marac-referral"], ["police"], ["amy"], ["e1"])]


def test_expected_action_triggers_near_misses():
    assert expected_rows("expected-medium-da") == []
    assert expected_rows("expected-no-level") == []
    assert expected_rows("expected-roles") == []  # witness, perpetrator, reporter
    assert expected_rows("expected-adult-disclosure") == []
    assert expected_rows("expected-child-incident") == []
    assert expected_rows("expected-child-other-risk") == []
    assert expected_rows("expected-adult-one-risk-set") == []  # needs both kinds of risk
    assert expected_rows("expected-adult-child") == []


def test_expected_action_must_be_about_the_person_and_within_the_days_either_side():
    both = [(["marac-referral"], ["police"], ["mum"], ["e1"]), (["specialist-da-referral"], ["police"], ["mum"], ["e1"])]
    assert expected_rows("expected-other-person") == both
    # A MARAC referral made the day before the trigger still stands; 29 days before, it
    # is outside the rule's 28 days. The specialist referral was never made either way.
    assert expected_rows("expected-before") == [(["specialist-da-referral"], ["police"], ["mum"], ["e2"])]
    assert expected_rows("expected-long-before") == [(d, a, p, ["e2"]) for d, a, p, _ in both]


def test_expected_action_outcome_on_the_trigger_itself():
    assert expected_rows("expected-same-entry-outcome") == [(["specialist-da-referral"], ["police"], ["mum"], ["e1"])]


def test_expected_action_a_referral_its_recipient_has_no_record_of_is_lost():
    assert expected_rows("expected-unrecorded-referral") == [(["marac-referral"], ["police"], ["mum"], ["e1"]),
                                                             (["specialist-da-referral"], ["police"], ["mum"], ["e1"])]


def test_expected_action_levels():
    assert expected_rows("expected-stated") == [(["marac-referral"], ["police"], ["mum"], ["e1"]),
                                                (["specialist-da-referral"], ["police"], ["mum"], ["e1"]),
                                                (["stated-no-referral"], ["police"], ["mum"], ["e1"])]
    assert levels(EXPECTED, "expected-stated") == [("confirmed", 1, 1, False)] * 3
    assert expected_rows("expected-partly-stated") == [(["stated-no-referral"], ["police"], ["mum"], ["e1"]),
                                                       (["marac-referral"], ["police"], ["mum"], ["e1", "e2"]),
                                                       (["specialist-da-referral"], ["police"], ["mum"], ["e1", "e2"])]
    assert levels(EXPECTED, "expected-partly-stated") == [("confirmed", 1, 1, False)] + [
        ("partly_confirmed", 1, 2, False)] * 2


def test_expected_action_honour_based_abuse_adult_victims():
    assert expected_rows("expected-forced-marriage") == [(["honour-based-abuse-marac"], ["police"], ["mum"], ["e1"])]
    assert expected_rows("expected-honour-child") == []  # the rule names adults
    assert expected_rows("expected-honour-subject") == []  # and victims only


def test_expected_action_stated_no_referral_has_no_action_that_answers_it():
    assert expected_rows("expected-stated-no-referral") == [(["stated-no-referral"], ["school"], ["amy"], ["e1"])]
    assert levels(EXPECTED, "expected-stated-no-referral") == [("confirmed", 1, 1, False)]
    assert expected_rows("expected-stated-no-referral-own-service") == [
        (["stated-no-referral"], ["csc"], ["amy"], ["e1"])]
    assert expected_rows("expected-stated-no-referral-roles") == []


ACTION_KINDS = [(rule, kind) for rule, kinds in ACTIONS.items() for kind in kinds]


def test_every_rule_and_action_kind_is_exercised():
    from safegraph.gaps.expected_action_missing import rules
    assert set(TRIGGERS) == set(rules())
    assert set(ACTIONS) == set(OWN_SERVICE) == {rule for rule, spec in rules().items() if spec["action"]}
    for rule, spec in rules().items():
        kinds = " ".join(ACTIONS.get(rule, ()))
        for agency_type in spec["action"].get("agency_types", ()):
            assert any(gap_cases.ACTION_TYPES[a["referred_to"]] == agency_type
                       for a in ACTIONS[rule].values() if "referred_to" in a), (rule, agency_type)
        for outcome in spec["action"].get("outcomes", ()):
            assert f"outcome {outcome}" in kinds, (rule, outcome)
        for kind in spec["action"].get("meeting_kinds", ()):
            assert any(a.get("meeting_kind") == kind for a in ACTIONS[rule].values()), (rule, kind)


def _slug(rule, kind):
    return f"expected-{rule}-{kind.replace(' ', '-').replace('_', '-')}"


@pytest.mark.parametrize("rule, kind", ACTION_KINDS, ids=[f"{r}: {k}" for r, k in ACTION_KINDS])
def test_expected_action_satisfied_in_time_and_not_a_day_late(rule, kind):
    entry, who, _ = TRIGGERS[rule]
    in_time = [row for row in expected_rows(f"{_slug(rule, kind)}-in-time") if row[0] == [rule]]
    late = [row for row in expected_rows(f"{_slug(rule, kind)}-late") if row[0] == [rule]]
    assert in_time == []
    assert late == [([rule], [entry["agency"]], [who], ["e1"])]


@pytest.mark.parametrize("rule", list(OWN_SERVICE))
def test_expected_action_trigger_recorded_by_the_service_itself(rule):
    assert [row for row in expected_rows(f"expected-{rule}-own-service") if row[0] == [rule]] == []


# -- outcome-not-fed-back ---------------------------------------------------------------------------------

FEEDBACK = "outcome-not-fed-back"


def feedback_rows(name, **params):
    return [(f.agencies, f.persons, f.events, f.detail) for f in run(FEEDBACK, name, **params)]


def test_outcome_not_fed_back_fires():
    assert feedback_rows("feedback") == [(["school"], ["amy"], ["e1", "e2"], ["mash"])]
    assert levels(FEEDBACK, "feedback") == [("no_record", 0, 1, False)]
    assert levels(FEEDBACK, "feedback-stated") == [("confirmed", 1, 1, False)]
    assert feedback_rows("feedback-csc") == [(["school"], ["amy"], ["e1", "e2"], ["csc"])]
    assert feedback_rows("feedback-asc") == [(["school"], ["amy"], ["e1", "e2"], ["asc"])]


def test_outcome_not_fed_back_decision_days():
    assert feedback_rows("feedback-28") == [(["school"], ["amy"], ["e1", "e2"], ["mash"])]
    assert feedback_rows("feedback-28", decision_days=27) == []
    assert feedback_rows("feedback-29") == []
    assert feedback_rows("feedback-29", decision_days=29) == [(["school"], ["amy"], ["e1", "e2"], ["mash"])]


def test_outcome_not_fed_back_counts_from_receipt():
    # Received 1 February: the MASH's 15 January decision is not on it; its 29 February one is.
    assert feedback_rows("feedback-received") == [(["school"], ["amy"], ["e1", "e3"], ["mash"])]
    assert feedback_rows("feedback-received", decision_days=27) == []


def test_outcome_not_fed_back_decision_passing_the_referral_on():
    assert feedback_rows("feedback-passes-on") == [(["school"], ["amy"], ["e1", "e2"], ["mash"])]
    # The decision that passes the referral on is the one, and the school was told of it.
    assert feedback_rows("feedback-passes-on-later") == []
    assert feedback_rows("feedback-first-decision") == [(["school"], ["amy"], ["e1", "e2"], ["mash"])]


def test_outcome_not_fed_back_near_misses():
    assert feedback_rows("feedback-told") == []
    assert feedback_rows("feedback-not-feeds-back") == []
    assert feedback_rows("feedback-same-organisation") == []
    assert feedback_rows("feedback-unrecorded") == []
    assert feedback_rows("feedback-organisation-told") == []
    assert feedback_rows("feedback-other-person") == []
    assert feedback_rows("feedback-contact") == []
    # Only a decision that closed it with nothing done.
    assert feedback_rows("feedback-acted") == []
    assert feedback_rows("feedback-no-outcome") == []


# -- one finding per gap: merging in find_gaps --------------------------------------------------

def gaps(query, name):
    """The findings of ``query`` on case ``name`` as find_gaps returns them (merged)."""
    entries, kwargs = CASES[name]
    return find_gaps(make_review(entries, **kwargs), [query])


def merged(query, name):
    return [(f.agencies, f.persons, f.events) for f in gaps(query, name)]


def test_agencies_lacking_exactly_the_same_are_one_finding():
    assert found(RISK, "risk-two-agencies") == [(["gp"], ["amy"], ["e3"]), (["housing"], ["amy"], ["e3"])]
    assert merged(RISK, "risk-two-agencies") == [(["gp", "housing"], ["amy"], ["e3"])]
    assert [(f.level, f.stated, f.of) for f in gaps(RISK, "risk-two-agencies")] == [("no_record", 0, 1)]
    assert merged(FAMILY_RISK, "family-risk-two-agencies") == [(["csc", "mash"], ["bob"], ["e3"])]
    assert [f.detail for f in gaps(FAMILY_RISK, "family-risk-two-agencies")] == [["amy"]]


def test_agencies_with_a_different_stated_share_are_not_merged():
    assert merged(RISK, "risk-two-agencies-one-stated") == [(["gp"], ["amy"], ["e3"]), (["housing"], ["amy"], ["e3"])]
    assert [f.level for f in gaps(RISK, "risk-two-agencies-one-stated")] == ["confirmed", "no_record"]


def test_merged_findings_keep_the_contract_order():
    # gap-queries.md: findings are sorted by query, review, agencies, events, persons.
    assert merged(RISK, "risk-merge-order") == [(["gp"], ["zed"], ["e4"]), (["gp", "housing"], ["amy"], ["e3"])]


def test_successive_decisions_lacking_nothing_new_are_one_finding():
    assert found(DECISION, "decision-successive") == [(["mash"], ["bob"], ["e2", "e1"]), (["mash"], ["amy"], ["e3", "e1"])]
    assert [(f.agencies, f.persons, f.events, f.detail) for f in gaps(DECISION, "decision-successive")] == [
        (["mash"], ["amy", "bob"], ["e2", "e1"], ["e2", "e3"])]
    # The assessment also lacked the overdose of 15 February, which the decision could not have.
    assert merged(DECISION, "decision-successive-more") == [(["mash"], ["bob"], ["e2", "e1"]),
                                                            (["mash"], ["amy"], ["e4", "e1", "e3"])]


# -- the cases themselves ---------------------------------------------------------------------------------

def test_every_case_is_checked_here():
    """Every named case in gap_cases.CASES is asserted on by some test in this file."""
    source = Path(__file__).read_text()
    generated = set(expected_action_cases())
    unchecked = [name for name in CASES if name not in generated and f'"{name}"' not in source]
    assert unchecked == []


def test_cases_never_take_none_or_unknown_as_an_id():
    for name, (entries, kwargs) in CASES.items():
        review = make_review(entries, **kwargs)
        ids = {p.id for p in review.people} | {a.id for a in review.agencies}
        assert not ids & {"none", "unknown"}, name


def test_parameters_sit_on_both_sides_of_every_default():
    defaults = {name: default for q in QUERIES for name, default in q.parameters.items()}
    assert set(defaults) == set(PARAMETERS)
    assert gap_cases.PARAMETERS[0] == {}
    settings = {(k, v) for p in gap_cases.PARAMETERS for k, v in p.items()}
    assert settings == {(k, d + step) for k, d in defaults.items() for step in (-1, 1)}


def case_graph():
    return safegraph.build_graph([make_review(e, review=f"case-{n}", **kw) for n, (e, kw) in CASES.items()])


def test_every_query_fires_on_some_case_under_each_setting():
    graph = case_graph()
    for query in QUERIES:
        for params in gap_cases.PARAMETERS:
            if set(params) <= set(query.parameters):
                assert query.function(graph, **params), (query.name, params)


def test_every_setting_changes_the_findings_of_some_case():
    """Each threshold, one either side of its default, moves some case across the edge."""
    graph = case_graph()
    unmoved = []
    for params in gap_cases.PARAMETERS[1:]:
        for query in QUERIES:
            if set(params) <= set(query.parameters):
                default = [(f.review, f.agencies, f.events) for f in query.function(graph)]
                moved = [(f.review, f.agencies, f.events) for f in query.function(graph, **params)]
                if moved != default:
                    break
        else:
            unmoved.append(params)
    assert unmoved == []


# -- every stated non-share is reported -------------------------------------------------------------------

def unreported_non_shares(review):
    """(entry, agency) pairs in not_shared_with, for an agency that never knew the entry,
    that no finding reports: none lists the agency (or, for a meeting, has it in a group)
    with the entry among its events."""
    G = safegraph.build_graph(review)
    K = safegraph.knowledge(G, review.id)
    findings = find_gaps(G)
    missing = []
    for entry in K.order:
        for agency in sorted(K.not_shared_with[entry]):
            if K.knows(agency, entry):
                continue
            if not any(entry in f.events and (agency in f.agencies
                                              or any(agency in g for g in (f.groups or {}).values()))
                       for f in findings):
                missing.append((entry, agency))
    return missing


def stated_reviews():
    reviews = list(safegraph.load(EXAMPLES).reviews) + [safegraph.load_review(OUTSIDE / "riverside.yaml")]
    return [pytest.param(r, id=r.id) for r in reviews]


@pytest.mark.parametrize("review", stated_reviews())
def test_every_stated_non_share_is_in_a_finding(review):
    K = safegraph.knowledge(safegraph.build_graph(review), review.id)
    assert unreported_non_shares(review) == [], [
        (e, a, K.entry[e]["type"], K.agency_type(a)) for e, a in unreported_non_shares(review)]


def test_every_stated_non_share_in_the_cases_is_in_a_finding():
    missing = {}
    for name, (entries, kwargs) in CASES.items():
        if unreported_non_shares(make_review(entries, **kwargs)):
            missing[name] = unreported_non_shares(make_review(entries, **kwargs))
    assert missing == {}


def test_the_examples_state_non_shares_to_check():
    stated = sum(bool(e.not_shared_with) for r in safegraph.load(EXAMPLES).reviews for e in r.entries)
    assert stated >= 10


# -- the catalogue and the contract -----------------------------------------------------------------------

@pytest.mark.parametrize("query", QUERIES, ids=QUERY_NAMES)
def test_every_query_is_complete(query):
    doc = query.function.__doc__
    assert query.module.__name__.endswith(query.name.replace("-", "_"))
    assert doc and "Examples" in doc and ">>>" in doc
    assert query.why.strip() and query.limits.strip()
    explained = query.explain()
    assert query.meaning in explained and "Known limits" in explained
    for param in query.parameters:
        assert param in PARAMETERS
        assert f"{PARAMETERS[param][0]} N" in explained
        assert f"(default {query.parameters[param]})" in explained


@pytest.mark.parametrize("query", QUERIES, ids=QUERY_NAMES)
def test_every_query_has_its_cypher_file(query):
    # gaps/__init__.py: each query "has a Cypher file of the same name under cypher/".
    assert (HERE.parent / query.cypher_file).is_file()


def test_query_order_is_the_contract_order():
    assert QUERY_NAMES == (
        "unshared-meeting-outcome", "unshared-risk", "unlinked-family-risk", "decision-without-history",
        "repeat-referrals", "pattern-in-isolation", "cross-boundary", "child-not-seen", "single-informant",
        "disclosure-without-action", "silo-agency", "delayed-receipt", "record-mismatch",
        "expected-action-missing", "outcome-not-fed-back")


def test_find_gaps_passes_each_query_only_its_parameters():
    entries, kwargs = CASES["meeting-window-before"]
    review = make_review(entries, **kwargs)
    assert [f.agencies for f in find_gaps(review, [MEETING], window=91, min_repeats=9)] == [["faith", "voluntary"]]
    with pytest.raises(TypeError, match="windw"):
        find_gaps(review, windw=3)


def as_yaml(name, path):
    """Write case ``name`` as a YAML review (what make_review would load) and return the path."""
    entries, kwargs = CASES[name]
    review = make_review(entries, **kwargs)
    data = {
        "review": {"id": review.id, "title": review.title},
        "people": [{k: v for k, v in {"id": p.id, "name": p.name, "born": p.born and p.born.text,
                                      "child": {True: "yes", False: "no"}.get(p.child)}.items() if v}
                   for p in review.people],
        "relationships": [{"person": r.person, "relation": r.relation, "other": r.other} for r in review.relationships],
        "agencies": [{k: v for k, v in a.model_dump(exclude={"extra", "origin"}).items() if v} for a in review.agencies],
        "chronology": [dict(e, summary=e.get("summary", f"e{n}"), id=e.get("id", f"e{n}"), type=e.get("type", "contact"))
                       for n, e in enumerate(entries, start=1)],
    }
    path.write_text(yaml.safe_dump(data))
    return path


def test_json_contract(tmp_path):
    path = as_yaml("meeting-groups", tmp_path / "r.yaml")
    result = CliRunner().invoke(cli, ["gaps", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["contract"] == 2 and doc["reviews"] == ["r"]
    base = {"query", "review", "level", "persons", "agencies", "events", "summary", "stated", "of", "internal",
            "score", "reasons", "rank", "headline"}
    for f in doc["findings"]:
        assert base <= set(f) <= base | {"groups", "detail"}
        for key in ("persons", "agencies"):
            assert f[key] == sorted(f[key])
        if not get_query(f["query"]).keep_first_event:
            assert f["events"] == sorted(f["events"])
    keys = [(QUERY_NAMES.index(f["query"]), f["agencies"], f["events"], f["persons"]) for f in doc["findings"]]
    assert keys == sorted(keys)
    assert sorted(f["rank"] for f in doc["findings"]) == list(range(1, len(doc["findings"]) + 1))
    meeting = [f for f in doc["findings"] if f["query"] == MEETING]
    assert [{k: meeting[0][k] for k in ("agencies", "events", "level", "stated", "of", "internal", "groups")}] == [
        {"agencies": ["gp", "housing", "voluntary"], "events": ["e4"], "level": "partly_confirmed", "stated": 1,
         "of": 3, "internal": False,
         "groups": {"not_told": ["housing"], "expected": ["gp"], "working_with": ["voluntary"]}}]


@pytest.mark.parametrize("query", QUERIES, ids=QUERY_NAMES)
def test_gaps_command_takes_every_parameter_explain_lists(query):
    """`safegraph explain` lists an option for each parameter (with its default); the gaps
    command accepts each one."""
    help_text = CliRunner().invoke(cli, ["gaps", "--help"]).output
    for param in query.parameters:
        assert PARAMETERS[param][0] in help_text, param


def cli_findings(path, *args):
    result = CliRunner().invoke(cli, ["gaps", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [(f["query"], f["agencies"], f["persons"], f["events"]) for f in json.loads(result.output)["findings"]]


def library_findings(name, queries=None, **params):
    entries, kwargs = CASES[name]
    return [(f.query, f.agencies, f.persons, f.events) for f in find_gaps(make_review(entries, **kwargs), queries,
                                                                          **params)]


def test_gaps_command_defaults_are_the_queries_defaults(tmp_path):
    # voluntary's contact is 91 days before the meeting: outside the default window of 90.
    path = as_yaml("meeting-window-before", tmp_path / "r.yaml")
    assert cli_findings(path, "--query", MEETING) == [(MEETING, ["faith"], ["mum"], ["e3"])]
    assert cli_findings(path) == library_findings("meeting-window-before")


@pytest.mark.parametrize("param, name, value", [
    ("window", "meeting-window-before", 91), ("contact_days", "meeting-episodic", 8), ("days", "disclosure-28", 27),
    ("boundary_days", "boundary-366", 366), ("delay", "receipt", 6), ("decision_days", "feedback-29", 29),
    ("min_referrals", "referrals-2", 2), ("min_repeats", "overdoses-two", 2)])
def test_gaps_command_passes_each_parameter_on(tmp_path, param, name, value):
    path = as_yaml(name, tmp_path / "r.yaml")
    given = library_findings(name, **{param: value})
    assert given != library_findings(name)  # the setting moves this case across its edge
    assert cli_findings(path, PARAMETERS[param][0], str(value)) == given


def test_query_option_limits_the_run():
    entries, kwargs = CASES["meeting-groups"]
    only = find_gaps(make_review(entries, **kwargs), [MEETING, RISK, MEETING])
    assert [f.query for f in only] == [MEETING]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_human_formats_open_with_a_summary_and_show_evidence(tmp_path, fmt):
    from conftest import write_csv_review
    folder = write_csv_review(tmp_path / "r", chronology=[
        ["date", "agency", "type", "subjects", "summary", "risks", "not_shared_with", "source"],
        ["2020-01-01", "school", "contact", "amy", "Seen in class", "", "", "3.1"],
        ["2020-02-01", "police", "incident", "amy", "Called to a fight at home", "domestic_abuse", "school", "3.2, p.9"],
        ["2020-03-01", "school", "contact", "amy", "Seen again", "", "", ""]])
    result = CliRunner().invoke(cli, ["gaps", str(folder), "--format", fmt])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "3 findings: 1 confirmed by the review's own record, 0 partly confirmed." in text
    # The confirmed unshared-risk finding ranks first, with its evidence and source.
    first = text[text.index("1. "):text.index("All findings by query")]
    assert "School, working with Amy, never knew of 1 entry" in first
    assert "unshared-risk; confirmed by the review; score" in first
    assert "Called to a fight at home [3.2, p.9]" in first
    assert re.search(r"School\W+\|?\s*1\b", text[text.index("missing information"):])
