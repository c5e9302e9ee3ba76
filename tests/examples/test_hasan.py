"""Acceptance tests for examples/hasan (Luton joint SCR/SAR: Hasan, Jila and Rahima).

Each test checks one inter-agency failure that the published review itself names, by the
gap query that expresses it. Entry ids are those written in examples/hasan/chronology.csv;
the constants below name them.
"""
from pathlib import Path

import pytest

from safegraph import find_gaps, load

from selecting import select as select_findings

EXAMPLE = Path(__file__).parents[2] / "examples" / "hasan"

# chronology entries used as evidence
CSC_LETTER_RAHIMA = "hasan-13"      # 13/03/1997 letter of advice; Rahima (16) never spoken to
POLICE_DASH_MAR97 = "hasan-11"      # 09/03/1997 police DASH; Rahima not spoken to
CSC_GANG_DECISION = "hasan-25"      # 17/06/1998 no strategy discussion on father's word
HAND_WALL = "hasan-26"              # 30/09/1998 Hasan punches a wall at school
AMBULANCE_REFERRAL = "hasan-28"     # 16/11/1998 ambulance refers Hasan (substance episode)
MASH_DEC_DEC98 = "hasan-29"         # 01/12/1998 MASH accepts father's 'everything is fine'
RAHIMA_OD_JUN = "hasan-42"          # 06/06/1999 Rahima's first overdose (ED)
RAHIMA_CSC_NOTICE = "hasan-44"      # 06/06/1999 hospital notifies CSC of a younger brother
RAHIMA_ASC_REFERRAL = "hasan-45"    # 06/06/1999 hospital refers Rahima to adult social care
RAHIMA_HBV_PACK = "hasan-47"        # 06/06/1999 police honour based violence pack (high)
JILA_ASSAULT = "hasan-48"           # 24/06/1999 Jila beaten by her parents (police)
JILA_HBA_PACK = "hasan-50"          # 24/06/1999 police DASH and honour based abuse pack
HBAU_REFERRAL = "hasan-51"          # 24/06/1999 referral about Hasan to the MASH
MASH_DEC_JUN99 = "hasan-53"         # 24/06/1999 referral about Hasan not progressed
JILA_OD_JUN = "hasan-55"            # 26/06/1999 Jila's overdose (ED)
REFUGE = "hasan-59"                 # 04/07/1999 Jila in refuge under family pressure
MARAC_AUG = "hasan-62"              # 08/08/1999 MARAC (Hasan and parents named)
JILA_OD_AUG_AMB = "hasan-64"        # 12/08/1999 Jila's overdose (ambulance)
JILA_OD_AUG_ED = "hasan-65"         # 12/08/1999 Jila's overdose (ED)
JILA_CUT_POLICE = "hasan-69"        # 16/08/1999 Jila cuts her wrist (police record)
POLICE_REFERRAL_AUG = "hasan-72"    # 16/08/1999 police refer Hasan (received 12/09/1999)
RAHIMA_OD_AUG23 = "hasan-75"        # 23/08/1999 Rahima's second overdose
RAHIMA_OD_AUG26 = "hasan-76"        # 26/08/1999 Rahima's third overdose
MASH_DEC_SEP99 = "hasan-77"         # 12/09/1999 threshold not met, signposted to Early Help
POLICE_DRIVE_NFA = "hasan-82"       # 22/09/1999 police review: nobody spoken to
HAND_PUNCH_ED = "hasan-83"          # 30/09/1999 punch injury to Hasan's hand (ED)
POLICE_REFERRAL_SEP = "hasan-84"    # 30/09/1999 police refer Hasan after the hand injury
MASH_DEC_OCT99 = "hasan-85"         # 02/10/1999 threshold not met, signposted to Early Help
SCHOOL_EXAM_ASSESSMENT = "hasan-89" # 03/10/1999 school asks Hasan about home, before the call
SCHOOL_TO_0_19 = "hasan-90"         # 03/10/1999 school refers Hasan to the 0-19 team (MASH informed)
ZERO_19_CALL = "hasan-91"           # 03/10/1999 0-19 team tells the school of the HBV concern
MARAC_OCT = "hasan-92"              # 17/10/1999 MARAC, second hearing
SCHOOL_HSB_REFERRAL = "hasan-93"    # 20/10/1999 school refers the sexual assault allegation
POLICE_HSB_ADVICE = "hasan-94"      # 20/10/1999 police: no referral to Luton for a strategy meeting
SCHOOL_REFERRAL_NOV = "hasan-99"    # 02/11/1999 school refers Hasan's suicide posts
MASH_DEC_NOV99 = "hasan-100"        # 02/11/1999 'emotional blackmail', closed
STRATEGY_MEETING = "hasan-101"      # 06/11/1999 strategy meeting in the school's area
JILA_OD_FEB00 = "hasan-107"         # 19/02/2000 Jila's fifth overdose (ambulance)
JILA_OD_FEB00_POLICE = "hasan-108"  # 19/02/2000 police decision after the overdose
HAND_LAMPPOST = "hasan-109"         # 03/05/2000 Hasan punches a lamp post at school
SCHOOL_ESCORT = "hasan-115"         # 25/05/2000 school's last decision, after the call


@pytest.fixture(scope="module")
def findings():
    return find_gaps(load(EXAMPLE))


def select(findings, query, **narrow):
    return select_findings(findings, query, "hasan", **narrow)


def one(found):
    assert len(found) == 1, found
    return found[0]


def meeting(findings, entry):
    return one([f for f in select(findings, "unshared-meeting-outcome") if list(f.events) == [entry]])


@pytest.mark.parametrize("marac", [MARAC_AUG, MARAC_OCT])
def test_marac_plans_not_shared_with_school_or_gp(findings, marac):
    """4.2 i: although Jila's case was heard at MARAC (08/08/1999, with Hasan and both
    parents named as perpetrators, and again on 17/10/1999), the plans never reached
    Hasan's school or the GP, both of whom were involved with the family at the time.

    One finding per meeting: the school and the GP are the agencies the review records as
    not told; no MARAC attendance is recorded, so the agencies normally invited are listed
    as having no record of attending, never as "not told"."""
    f = meeting(findings, marac)
    assert f.groups["not_told"] == ["gp", "school"]
    assert f.level == "partly_confirmed" and f.stated == 2
    assert {"police", "luton-mash"} <= set(f.groups["expected"])
    assert {"hasan", "jila"} <= set(f.persons)


def test_named_meeting_failures_head_the_report(findings):
    """Issue 8: the MARAC plans that never reached the school and GP (4.2 i) and the
    strategy meeting Luton children's services were not invited to (3.5) are among the ten
    highest-ranked findings."""
    from safegraph.report import ranked

    top = ranked(findings)[:10]
    assert {MARAC_AUG, MARAC_OCT, STRATEGY_MEETING} <= {f.events[0] for f in top
                                                         if f.query == "unshared-meeting-outcome"}


@pytest.mark.parametrize("decision", [MASH_DEC_SEP99, MASH_DEC_OCT99, MASH_DEC_NOV99])
def test_mash_screened_hasan_without_his_sisters_history(findings, decision):
    """5.2 (and 3.4 row 12/09/99, 3.5 rows 02/10/99 and 02/11/99): the MASH screened the
    referrals about Hasan as 'threshold not met' without weighing what was happening to his
    sisters - their repeated overdoses, the domestic abuse at home, the MARAC naming Hasan -
    which hospital, ambulance, police and MARAC records held. The decision must list these
    among what the MASH lacked, but not what the referrals themselves carried to it (Jila's
    beating of 24/06/1999, the incident of 16/08/1999). Successive MASH decisions that lacked
    nothing new are one finding (gaps/_merge.py), so the decision may be one of several it
    lists."""
    f = one(select(findings, "decision-without-history", agency="luton-mash", first_event=decision))
    assert "hasan" in f.persons
    lacked = set(f.events[1:])
    assert {JILA_OD_JUN, JILA_OD_AUG_ED, RAHIMA_OD_AUG23, RAHIMA_OD_AUG26} <= lacked
    # Rahima's first overdose reached children's social care, whose front door the MASH
    # is (part_of): not a gap between agencies.
    assert RAHIMA_OD_JUN not in lacked
    assert MARAC_AUG in lacked
    # what the referrals themselves carried to the MASH is not missing
    assert JILA_ASSAULT not in lacked and JILA_CUT_POLICE not in lacked


def test_mash_screened_hasan_without_sisters_history_in_june_1999(findings):
    """3.3 row 24/06/99 and 5.2: the children's referral about Hasan after Jila was beaten
    by her parents was not progressed, with no checks with other agencies - so the police's
    honour based risk assessment of Rahima of 06/06/1999 was unknown to the MASH."""
    f = one(select(findings, "decision-without-history", agency="luton-mash", first_event=MASH_DEC_JUN99))
    assert RAHIMA_HBV_PACK in f.events[1:]
    # The overdose itself reached children's social care (the hospital's notice), the
    # MASH's own organisation: an internal matter, not a gap between agencies.
    assert RAHIMA_OD_JUN not in f.events
    assert JILA_ASSAULT not in f.events  # carried to the MASH by the referral itself


def test_mash_never_linked_the_family_risk_to_hasan(findings):
    """5.2: neither adult nor children's social care saw how the three siblings' needs were
    connected; the MASH, involved with Hasan, never knew of his sisters' overdoses."""
    family = one(select(findings, "unlinked-family-risk", agency="luton-mash"))
    own = one(select(findings, "unshared-risk", agency="luton-mash"))
    assert "hasan" in family.persons and "hasan" in own.persons
    # Rahima's overdoses, about a sister the MASH never worked with, are family risk.
    assert {RAHIMA_OD_AUG23, RAHIMA_OD_AUG26} <= set(family.events)
    assert family.detail == ["rahima"]
    # Jila's overdoses: the MASH worked with Jila too (the referrals were about her), so
    # they are part of its own missing picture.
    assert {JILA_OD_JUN, JILA_OD_AUG_AMB, JILA_OD_AUG_ED} <= set(own.events)
    # Rahima's first overdose reached children's social care (the hospital's notice), and
    # the MASH is CSC's front door: one organisation, so it is not a gap between agencies.
    assert RAHIMA_OD_JUN not in family.events + own.events
    assert not set(family.events) & set(own.events)


def test_school_did_not_know_of_honour_based_violence_until_the_0_19_call(findings):
    """3.5 row 03/10/99 (with 4.1 and 5.5): the school supporting Hasan knew nothing of the
    violence, coercive control and honour based abuse at home until the 0-19 team told it, on
    03/10/1999, of an honour based violence concern after a sister's hospital stay.

    Before the call the school's own assessment lacks the honour based risk assessments;
    from the call on the school knows them, so they must not appear among what it lacked
    later, while risks never passed on (the assault, the refuge, the overdoses) still do."""
    before = one(select(findings, "decision-without-history", agency="school",
                        first_event=SCHOOL_EXAM_ASSESSMENT))
    assert {RAHIMA_HBV_PACK, JILA_HBA_PACK, JILA_ASSAULT} <= set(before.events[1:])

    after = one(select(findings, "decision-without-history", agency="school", first_event=SCHOOL_ESCORT))
    assert RAHIMA_HBV_PACK not in after.events and JILA_HBA_PACK not in after.events
    assert {JILA_ASSAULT, JILA_OD_AUG_AMB} <= set(after.events[1:])

    family = one(select(findings, "unlinked-family-risk", agency="school"))
    own = one(select(findings, "unshared-risk", agency="school"))
    lacked = set(family.events) | set(own.events)
    assert "hasan" in family.persons
    # The school, a universal service, counts as working with everyone it was told about,
    # so the sisters' entries fall in one finding or the other.
    assert {REFUGE, JILA_OD_JUN, RAHIMA_OD_AUG26, JILA_ASSAULT} <= lacked
    assert RAHIMA_HBV_PACK not in lacked and JILA_HBA_PACK not in lacked
    assert ZERO_19_CALL not in lacked
    # Partly confirmed: the report's words (4.1, 5.5) cover many of the entries, not all.
    assert own.level == "partly_confirmed" and 0 < own.stated < own.of


@pytest.mark.parametrize("agency", ["luton-csc", "luton-mash"])
def test_luton_childrens_services_not_invited_to_strategy_meeting(findings, agency):
    """3.5 rows 20/10/99 and 06/11/99: the strategy meeting about the sexual assault
    allegation against Hasan was convened in the neighbouring authority where his school is;
    the school nurse attended, but Luton Children's Services were not invited, never asked
    for or received the notes, and held no strategy meeting of their own."""
    f = meeting(findings, STRATEGY_MEETING)
    assert agency in f.groups["not_told"]
    assert f.level == "partly_confirmed"
    assert list(f.persons) == ["hasan"]
    assert "cb-school-nurse" not in f.agencies  # it attended


def test_repeated_threshold_not_met_referrals_about_hasan(findings):
    """5.2 (and 3.5 row 02/10/99): contact after contact about Hasan reached the MASH and
    each was judged 'threshold not met', signposted or closed, with no assessment."""
    f = one(select(findings, "repeat-referrals", agency="luton-mash", person="hasan"))
    assert set(f.events) == {AMBULANCE_REFERRAL, HBAU_REFERRAL, POLICE_REFERRAL_AUG,
                             POLICE_REFERRAL_SEP, SCHOOL_HSB_REFERRAL, SCHOOL_REFERRAL_NOV}


@pytest.mark.parametrize("decision", [MASH_DEC_DEC98, MASH_DEC_SEP99])
def test_hasan_not_spoken_to_before_decisions(findings, decision):
    """3.2 row 01/12/98 and 3.4 row 12/09/99 (and 5.4): the MASH decided about Hasan
    without anyone talking to him about what was happening at home or at school."""
    f = one(select(findings, "child-not-seen", agency="luton-mash", first_event=decision))
    assert list(f.persons) == ["hasan"]


def test_rahima_not_spoken_to_in_1997(findings):
    """3.1 rows 05/03/97 and 13/03/97: Rahima, 16, was never spoken to by the police, and
    Children's Social Care answered the police referral with a letter of advice."""
    assert list(one(select(findings, "child-not-seen", agency="luton-csc",
                           first_event=CSC_LETTER_RAHIMA)).persons) == ["rahima"]
    assert list(one(select(findings, "child-not-seen", agency="police",
                           first_event=POLICE_DASH_MAR97)).persons) == ["rahima"]


def test_police_spoke_to_no_one_after_hasan_was_grabbed_by_the_throat(findings):
    """3.5 row 21/09/99: despite a head teacher witness and the adult's name, the police
    reviewed the intelligence and spoke to no one, Hasan included."""
    assert list(one(select(findings, "child-not-seen", agency="police",
                           first_event=POLICE_DRIVE_NFA)).persons) == ["hasan"]


@pytest.mark.parametrize("decision,agency", [(CSC_GANG_DECISION, "luton-csc"), (MASH_DEC_DEC98, "luton-mash")])
def test_fathers_reassurance_accepted(findings, decision, agency):
    """3.2 rows 17/06/98 and 01/12/98, 4.2 f and r: professionals took the father's word
    that all was well (a 'misunderstanding', 'everything was fine') without challenge -
    the same father Jila named as beating her."""
    f = one(select(findings, "single-informant", agency=agency, first_event=decision))
    assert f.detail == ["father"]
    assert "hasan" in f.persons  # not spoken to


def test_hasans_own_account_is_not_called_a_perpetrators(findings):
    """Issue 8: at ED on 03/05/2000 Hasan (16) gave his own account of his injury. That is
    not a decision resting on someone else's word, and he must not be called a perpetrator
    for it."""
    assert not select(findings, "single-informant", first_event=HAND_LAMPPOST)


def test_overdoses_dealt_with_in_isolation(findings):
    """3.3 rows 06/06/99-26/08/99, 3.5 row 19/02/00 and 5.5: the sisters' repeated overdoses
    were handled one by one ('dealt with in isolation with no triangulation'); no agency
    held them all."""
    overdoses = {RAHIMA_OD_JUN, RAHIMA_CSC_NOTICE, RAHIMA_ASC_REFERRAL, JILA_OD_JUN,
                 JILA_OD_AUG_AMB, JILA_OD_AUG_ED, RAHIMA_OD_AUG23, RAHIMA_OD_AUG26,
                 JILA_OD_FEB00, JILA_OD_FEB00_POLICE}
    f = one([f for f in findings if f.query == "pattern-in-isolation" and f.detail == ["overdose"]])
    # the tenth-plus entry is the adults' MASH row recording that no referral followed (v2)
    assert overdoses <= set(f.events) and len(f.events) == len(overdoses) + 1
    assert {"jila", "rahima"} <= set(f.persons)
    assert {"ambulance", "ed", "police"} <= set(f.agencies)


def test_hasans_self_harm_not_seen_as_a_pattern(findings):
    """3.6 row 03/05/00 and 5.5: Hasan's third self-inflicted hand injury was again treated
    as an episodic medical matter; with his sisters' self-harm, no agency saw the pattern."""
    found = [f for f in findings if f.query == "pattern-in-isolation"
             and {HAND_WALL, HAND_PUNCH_ED, HAND_LAMPPOST, JILA_CUT_POLICE} <= set(f.events)]
    f = one(found)
    assert {"hasan", "jila"} <= set(f.persons)
    assert {"school", "ed"} <= set(f.agencies)


def test_police_made_no_referral_to_luton_about_the_allegation(findings):
    """3.5 row 20/10/99: the police made no referral to Luton Borough Council for a strategy
    meeting under the harmful sexual behaviour procedures."""
    f = one(select(findings, "unshared-risk", agency="luton-csc"))
    assert POLICE_HSB_ADVICE in f.events and "hasan" in f.persons
    stated = one([f for f in select(findings, "expected-action-missing", person="hasan")
                  if f.detail == ["stated-no-referral"]])
    assert POLICE_HSB_ADVICE not in stated.events  # its outcome is written on the police row


def test_school_nurses_in_the_two_areas_never_shared(findings):
    """3.6 row 22/05/00 (and 1.2): Hasan lived in Luton but went to school in the
    neighbouring authority; the Luton school nurses and the school's nurse shared nothing."""
    f = one(select(findings, "cross-boundary"))
    assert "cb-school-nurse|luton-0-19" in f.detail
    assert f.groups == {"central bedfordshire": ["cb-csc", "cb-school-nurse", "school"],
                        "luton": sorted(f.groups["luton"])}
    assert "hasan" in f.persons
    assert {STRATEGY_MEETING, ZERO_19_CALL} <= set(f.events)  # the contacts behind the pair


def test_cross_boundary_needs_known_areas(findings):
    """Format v2: agencies whose area the report does not give (Brook, the out-of-county
    refuge) are never on either side of a boundary, and the police and ambulance, which
    cover both areas, are never one side."""
    for f in select(findings, "cross-boundary"):
        assert not {"brook", "refuge", "education-services", "police", "ambulance"} & set(f.agencies), f


def test_referral_reached_the_mash_27_days_late(findings):
    """3.3 row 16/08/99: the police referral about Hasan of 16/08/1999 was not received by
    the MASH until 12/09/1999."""
    f = one(select(findings, "delayed-receipt", agency="luton-mash"))
    assert f.events == [POLICE_REFERRAL_AUG] and f.detail == ["27"] and f.level == "confirmed"


def test_mash_has_no_record_of_the_0_19_call(findings):
    """3.5 row 03/10/99: the Luton MASH was informed, but there is no corresponding entry in
    its chronology or management review."""
    f = one(select(findings, "record-mismatch", agency="luton-mash"))
    assert f.events == [SCHOOL_TO_0_19] and f.level == "confirmed"


def test_no_safeguarding_alert_to_adult_social_care(findings):
    """3.6 row 11/08/00 and 5.2: no safeguarding alert went to adult social care; the data
    records the missing referral (v2 outcome no_referral), and the query reports it as
    stated by the review."""
    f = one([f for f in select(findings, "expected-action-missing", person="jila")
             if f.detail == ["stated-no-referral"]])
    assert "hasan-v2-5" in f.events and f.level == "confirmed"


def test_at_most_120_findings(findings):
    """Issue 8: the v1 contract gave 329 findings on this review."""
    assert len(findings) <= 120

