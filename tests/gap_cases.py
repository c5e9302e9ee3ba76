"""The shared gap-query cases (contract v2): small inline reviews that test_gaps.py checks
finding by finding, gathered here so that the NetworkX and Cypher implementations are run
on exactly the same reviews (test_neo4j.py).

Each case is ``(entries, kwargs)`` for ``safegraph.testing.make_review``. ``case`` fills in
every person and agency explicitly, so the words ``none`` and ``unknown`` are never taken as
the ids of a person or an agency (make_review on its own would add them as records, which
keeps version 1's reading). PARAMETERS are the settings the parity test runs every query
under: the defaults, and each threshold on both sides of its edge.
"""

from __future__ import annotations

import datetime as dt

WORDS = ("none", "unknown")
FAMILY = ["mum parent_of amy", "mum parent_of bob"]
"""Mum and her two children: one family and one household."""


def plus(day: str, days: int) -> str:
    """The ISO date ``days`` after ``day`` (before it, if negative)."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _items(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value]
    return [v.strip() for v in str(value).split(";") if v.strip()]


def case(entries: list[dict], *, relationships=(), people=(), agencies=None, area=None) -> tuple[list[dict], dict]:
    """A case: the entries and make_review's keyword arguments, with every record listed.

    ``people`` are ids or mappings (``{"id": "amy", "born": "2010"}``) for the people whose
    properties matter; ``agencies`` maps an agency id to its type, or to a mapping of its
    columns (``{"type": "school", "area": "Luton"}``). Every other person or agency the
    entries or relationships name is added (agencies with type ``other``).
    """
    persons: dict[str, dict] = {}
    for p in people:
        row = dict(p) if isinstance(p, dict) else {"id": p}
        persons[row["id"]] = row
    bodies: dict[str, dict] = {}
    for aid, spec in (agencies or {}).items():
        bodies[aid] = {"id": aid, **({"type": spec} if isinstance(spec, str) else spec)}

    def person(pid):
        if pid not in WORDS:
            persons.setdefault(pid, {"id": pid})

    def agency(aid):
        if aid not in WORDS:
            bodies.setdefault(aid, {"id": aid, "type": "other"})

    for e in entries:
        for item in _items(e.get("subjects")):
            person(item.split(":")[0].strip())
        for column in ("spoken_to", "informant"):
            for item in _items(e.get(column)):
                person(item)
        for column in ("agency", "referred_to", "shared_with", "not_shared_with", "attendees", "unrecorded_by"):
            for item in _items(e.get(column)):
                agency(item)
        for item in _items(e.get("received")):
            agency(item.split(":")[0].strip())
    for rel in relationships:
        first, _, second = rel.split()
        person(first)
        person(second)
    for body in bodies.values():
        if body.get("part_of"):
            agency(body["part_of"])
    kwargs = {"people": list(persons.values()), "agencies": list(bodies.values()),
              "relationships": list(relationships)}
    if area is not None:
        kwargs["area"] = area
    return entries, kwargs


def with_area(given, area):
    """The case with ``area`` as the review's own area."""
    entries, kwargs = given
    return entries, {**kwargs, "area": area}


def contact(date, agency, subjects, **more):
    return {"date": date, "agency": agency, "subjects": subjects, **more}


# -- unshared-meeting-outcome -------------------------------------------------------------

MEETING_DAY = "2020-03-01"


def meeting(date=MEETING_DAY, agency="marac", subjects="mum", **more):
    return {"date": date, "agency": agency, "type": "meeting", "subjects": subjects, **more}


def meeting_groups():
    """One MARAC about mum: housing stated not told; the GP (an expected type) works with
    amy; a voluntary service (not expected) works with mum; a faith group (not expected)
    works with bob; police attended."""
    return case([
        contact("2020-01-10", "gp", "amy"),
        contact("2020-02-01", "voluntary", "mum"),
        contact("2020-02-15", "faith", "bob"),
        meeting(attendees="police", meeting_kind="marac", not_shared_with="housing"),
    ], relationships=FAMILY, agencies={"gp": "gp", "voluntary": "voluntary", "faith": "faith", "police": "police",
                                       "marac": "marac", "housing": "housing"})


def meeting_no_kind():
    entries, kwargs = meeting_groups()
    del entries[3]["meeting_kind"]
    return entries, kwargs


def meeting_window_before():
    # voluntary 91 days before the meeting, faith exactly 90 days before.
    return case([contact(plus(MEETING_DAY, -91), "voluntary", "mum"), contact(plus(MEETING_DAY, -90), "faith", "mum"),
                 meeting()])


def meeting_window_after():
    # faith exactly 90 days after the meeting, voluntary 91 days after.
    return case([meeting(), contact(plus(MEETING_DAY, 90), "faith", "mum"),
                 contact(plus(MEETING_DAY, 91), "voluntary", "mum")])


def meeting_episodic():
    # Each 97 or 98 days before the meeting (window 90 plus 7 or 8).
    return case([
        contact(plus(MEETING_DAY, -97), "ambulance", "mum"),  # episodic by type
        contact(plus(MEETING_DAY, -97), "ed", "mum"),  # an ED written as ongoing
        contact(plus(MEETING_DAY, -98), "nhs111", "mum"),  # type other written as episodic
        contact(plus(MEETING_DAY, -97), "counsellor", "mum"),  # ongoing
        meeting(),
    ], agencies={"ambulance": "ambulance", "ed": {"type": "emergency_department", "involvement": "ongoing"},
                 "nhs111": {"type": "other", "involvement": "episodic"}})


def meeting_attendees(attendees):
    entries = [contact("2020-02-01", "voluntary", "mum"), meeting(agency="csc")]
    if attendees is not None:
        entries[1]["attendees"] = attendees
    return case(entries, agencies={"voluntary": "voluntary", "csc": "childrens_social_care"})


def meeting_role(role):
    # Voluntary's only entry names amy with ``role``; the meeting is about amy.
    return case([contact("2020-02-01", "voluntary", f"mum;amy:{role}"), meeting(subjects="amy")],
                relationships=FAMILY)


def meeting_universal(kind):
    # Police tell a service about amy; it records nothing itself.
    return case([contact("2020-02-01", "police", "amy", type="incident", shared_with="told"),
                 meeting(agency="csc", subjects="amy", attendees="police")],
                agencies={"told": kind, "police": "police", "csc": "childrens_social_care"})


def meeting_internal(*more):
    # Police attended; its domestic abuse unit, working with mum, was not told.
    return case([contact("2020-02-01", "police-dau", "mum"), *more, meeting(attendees="police")],
                agencies={"police": "police", "police-dau": {"type": "police", "part_of": "police"}})


def two_meetings():
    return case([contact("2020-02-01", "voluntary", "mum"), meeting(), meeting(date="2020-03-08", agency="csc")])


# -- unshared-risk ----------------------------------------------------------------------------------

def risk_case(middle=None, *, gp_subjects="amy", agencies=None, **kw):
    """The GP sees amy on 1 January and 1 March; the police record an overdose on 1 February."""
    return case([contact("2020-01-01", "gp", gp_subjects),
                 {"date": "2020-02-01", "agency": "police", "type": "incident", "subjects": "amy", "risks": "overdose",
                  **(middle or {})},
                 contact("2020-03-01", "gp", gp_subjects)], agencies=agencies, **kw)


def risk_episodic(involvement=None):
    # The ambulance service sees amy on 8 January and 1 December. Police overdoses: 7 days
    # before the first call-out, the day after it, and 183 days before the second.
    body = {"type": "ambulance", **({"involvement": involvement} if involvement else {})}
    return case([contact("2020-01-01", "police", "amy", type="incident", risks="overdose"),
                 contact("2020-01-08", "ambulance", "amy"),
                 contact("2020-01-09", "police", "amy", type="incident", risks="overdose"),
                 contact("2020-06-01", "police", "amy", type="incident", risks="overdose"),
                 contact("2020-12-01", "ambulance", "amy")], agencies={"ambulance": body})


def risk_internal(mixed=False):
    # The domestic abuse unit works with amy; its own force records an overdose.
    entries = [contact("2020-01-01", "police-dau", "amy"),
               contact("2020-02-01", "police", "amy", type="incident", risks="overdose")]
    if mixed:
        entries.append(contact("2020-02-15", "ed", "amy", risks="self_harm"))
    entries.append(contact("2020-03-01", "police-dau", "amy"))
    return case(entries, agencies={"police-dau": {"type": "police", "part_of": "police"}})


def risk_two_people_two_families():
    # The GP works with amy and bob (one family) and zed (another).
    return case([contact("2020-01-01", "gp", "amy;bob;zed"),
                 contact("2020-02-01", "police", "amy", risks="overdose"),
                 contact("2020-02-02", "police", "bob", risks="self_harm"),
                 contact("2020-02-03", "police", "zed", risks="missing"),
                 contact("2020-03-01", "gp", "amy;bob;zed")], relationships=FAMILY)


# -- unlinked-family-risk --------------------------------------------------------------------------

def family_case(*middle, relationships=FAMILY, agencies=None):
    """The MASH works with bob on 1 January and 1 March; other agencies record risks about
    his family in between."""
    return case([contact("2020-01-01", "mash", "bob"), *middle, contact("2020-03-01", "mash", "bob")],
                relationships=relationships, agencies=agencies)


def overdose(date="2020-02-01", agency="ed", subjects="amy", **more):
    return {"date": date, "agency": agency, "subjects": subjects, "risks": "overdose", **more}


# -- decision-without-history ------------------------------------------------------------------------

def decision_case(*history, date="2020-05-01", agency="mash", type="decision", agencies=None):
    return case([*history, {"date": date, "agency": agency, "type": type, "subjects": "bob",
                            "outcome": "threshold_not_met"}], relationships=FAMILY, agencies=agencies)


def police_da(date="2020-01-01", **more):
    return {"date": date, "agency": "police", "type": "incident", "subjects": "mum", "risks": "domestic_abuse", **more}


# -- repeat-referrals ------------------------------------------------------------------------------

def referrals(outcomes, **kw):
    """One school referral of amy to the MASH per outcome, a month apart ("" for none)."""
    out = []
    for m, outcome in enumerate(outcomes, start=1):
        row = {"date": f"2020-{m:02d}-01", "agency": "school", "type": "referral", "subjects": "amy",
               "referred_to": "mash", **kw}
        if outcome:
            row["outcome"] = outcome
        out.append(row)
    return case(out)


# -- pattern-in-isolation --------------------------------------------------------------------------

def overdoses(third=None, relationships=FAMILY, more=()):
    return case([overdose("2020-01-01", "ed", "amy"), overdose("2020-02-01", "gp", "bob"),
                 overdose("2020-03-01", "ed", "amy", **(third or {})), *more], relationships=relationships)


def pattern_merged(extra=()):
    return case([contact("2020-01-01", "ed", "amy", risks="overdose;self_harm"),
                 contact("2020-02-01", "gp", "amy", risks="self_harm;overdose"),
                 contact("2020-03-01", "ed", "amy", risks="overdose;self_harm"), *extra])


def pattern_units(part_of):
    body = {"type": "police", **({"part_of": "police"} if part_of else {})}
    return case([police_da("2020-01-01"), police_da("2020-02-01", agency="police-dau"),
                 police_da("2020-03-01", agency="police-dau")], agencies={"police": "police", "police-dau": body})


# -- cross-boundary ------------------------------------------------------------------------------------

def boundary(first_agency, second_agency, first_subject="amy", second_subject="amy", *, second_date="2020-02-01",
             relationships=FAMILY, first_more=None):
    """Two agencies, each with one contact (given as id -> agency columns)."""
    (a, a_body), = first_agency.items()
    (b, b_body), = second_agency.items()
    return case([contact("2020-01-01", a, first_subject, **(first_more or {})),
                 contact(second_date, b, second_subject)],
                relationships=relationships, agencies={a: a_body, b: b_body})


SCHOOL_BEDFORD = {"school": {"type": "school", "area": "Bedford"}}
CSC_LUTON = {"csc": {"type": "childrens_social_care", "area": "Luton"}}


# -- child-not-seen ------------------------------------------------------------------------------------

def decision(date, subjects, spoken_to=None, agency="mash", type="decision", **more):
    row = {"date": date, "agency": agency, "type": type, "subjects": subjects, **more}
    if spoken_to is not None:
        row["spoken_to"] = spoken_to
    return row


# -- single-informant ------------------------------------------------------------------------------------

def informant_case(*entries, relationships=FAMILY):
    return case(list(entries), relationships=relationships)


def harm(date="2020-01-01", role="perpetrator"):
    return {"date": date, "agency": "police", "type": "incident", "subjects": f"mum:{role};amy:victim"}


# -- disclosure-without-action -------------------------------------------------------------------------

def disclosure_case(gap_days, *, disclosure=None, **follow):
    later = plus("2020-01-01", gap_days)
    return case([{"date": "2020-01-01", "agency": "school", "type": "disclosure", "subjects": "amy", **(disclosure or {})},
                 {"date": later, "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "mash",
                  **follow}])


# -- expected-action-missing ---------------------------------------------------------------------------

ACTION_TYPES = {"police": "police", "school": "school", "ed": "emergency_department", "marac": "marac",
                "idva": "idva", "das": "domestic_abuse_service", "csc": "childrens_social_care", "mash": "mash",
                "asc": "adult_social_care", "chair": "other"}
ACTION_PEOPLE = [{"id": "amy", "born": "2010-01-01"}, "mum", "dad"]
TRIGGER_DAY = "2020-01-01"
HIGH_DA = {"agency": "police", "type": "incident", "subjects": "mum:victim;dad:perpetrator",
           "risks": "domestic_abuse", "risk_level": "high"}
TRIGGERS = {
    "marac-referral": (HIGH_DA, "mum", 28),
    "specialist-da-referral": (HIGH_DA, "mum", 28),
    "child-abuse-referral": ({"agency": "school", "type": "disclosure", "subjects": "amy:victim",
                              "risks": "sexual_abuse"}, "amy", 2),
    "adult-safeguarding-concern": ({"agency": "ed", "type": "incident", "subjects": "mum:victim",
                                    "risks": "physical_abuse;self_harm"}, "mum", 7),
    "honour-based-abuse-marac": ({"agency": "police", "type": "incident", "subjects": "mum:victim;dad:perpetrator",
                                  "risks": "honour_based_abuse"}, "mum", 28),
    "stated-no-referral": ({"agency": "school", "type": "contact", "subjects": "amy", "outcome": "no_referral"},
                           "amy", 0),
}
"""Rule -> (the triggering entry, whom it concerns, the days the rule allows)."""


def _referral(to):
    return {"agency": "police", "type": "referral", "referred_to": to}


MARAC_ACTIONS = {
    "referral to marac": _referral("marac"),
    "share with marac": {"agency": "police", "type": "share", "shared_with": "marac"},
    "outcome marac": {"agency": "police", "type": "contact", "outcome": "marac"},
    "marac meeting": {"agency": "chair", "type": "meeting", "meeting_kind": "marac"},
    "recorded by marac": {"agency": "marac", "type": "contact"},
}
# Rule -> kind of action -> the later entry that is that action (its date and subject are
# filled in by action()). Every kind the rule's `action` lists is here; a rule with no
# action (stated-no-referral) has none.
ACTIONS = {
    "marac-referral": MARAC_ACTIONS,
    "honour-based-abuse-marac": MARAC_ACTIONS,
    "specialist-da-referral": {
        "referral to idva": _referral("idva"),
        "referral to domestic abuse service": _referral("das"),
        "share with idva": {"agency": "police", "type": "share", "shared_with": "idva"},
        "recorded by idva": {"agency": "idva", "type": "contact"},
    },
    "child-abuse-referral": {
        "referral to csc": {"agency": "school", "type": "referral", "referred_to": "csc"},
        "referral to mash": {"agency": "school", "type": "referral", "referred_to": "mash"},
        "share with csc": {"agency": "school", "type": "share", "shared_with": "csc"},
        "outcome s47": {"agency": "police", "type": "decision", "outcome": "s47"},
        "outcome strategy_meeting": {"agency": "police", "type": "decision", "outcome": "strategy_meeting"},
        "outcome single_assessment": {"agency": "police", "type": "assessment", "outcome": "single_assessment"},
        "strategy meeting": {"agency": "chair", "type": "meeting", "meeting_kind": "strategy_meeting"},
        "cp conference": {"agency": "chair", "type": "meeting", "meeting_kind": "cp_conference"},
        "recorded by mash": {"agency": "mash", "type": "contact"},
    },
    "adult-safeguarding-concern": {
        "referral to asc": {"agency": "ed", "type": "referral", "referred_to": "asc"},
        "share with asc": {"agency": "ed", "type": "share", "shared_with": "asc"},
        "outcome s42": {"agency": "police", "type": "decision", "outcome": "s42"},
        "safeguarding adults meeting": {"agency": "chair", "type": "meeting", "meeting_kind": "safeguarding_adults"},
        "recorded by asc": {"agency": "asc", "type": "contact"},
    },
}
# Rule -> the agency that, recording the trigger itself, is the service the action goes to.
OWN_SERVICE = {"marac-referral": "marac", "specialist-da-referral": "idva", "child-abuse-referral": "csc",
               "adult-safeguarding-concern": "asc", "honour-based-abuse-marac": "marac"}


def expected_case(*entries):
    return case(list(entries), people=ACTION_PEOPLE, agencies=ACTION_TYPES)


def trigger(rule, date=TRIGGER_DAY, **more):
    return {"date": date, **TRIGGERS[rule][0], **more}


def action(rule, kind, after, person=None):
    """The action of ``kind`` for ``rule``, ``after`` days after the trigger, about the
    rule's person (or ``person``)."""
    _, who, _ = TRIGGERS[rule]
    return {"date": plus(TRIGGER_DAY, after), "subjects": person or who, **ACTIONS[rule][kind]}


# -- outcome-not-fed-back -------------------------------------------------------------------------------

def feedback_case(*later, referral=None, agencies=None):
    """The school refers amy to the MASH on 1 January; ``later`` are the MASH's entries."""
    body = {"date": "2020-01-01", "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "mash",
            **(referral or {})}
    return case([body, *later], relationships=FAMILY, agencies={"mash": "mash", "school": "school",
                                                                 **(agencies or {})})


def mash_decision(date="2020-01-03", subjects="amy", **more):
    return {"date": date, "agency": "mash", "type": "decision", "subjects": subjects, "outcome": "nfa", **more}


# -- the cases ----------------------------------------------------------------------------------------

CASES: dict[str, tuple[list[dict], dict]] = {
    # unshared-meeting-outcome
    "meeting-groups": meeting_groups(),
    "meeting-no-kind": meeting_no_kind(),
    "meeting-expected-only": case([contact("2020-01-10", "gp", "amy"), meeting(meeting_kind="marac")],
                                  relationships=FAMILY, agencies={"gp": "gp"}),
    "meeting-expected-and-working": case([contact("2020-01-10", "gp", "amy"), contact("2020-02-01", "voluntary", "mum"),
                                          meeting(meeting_kind="marac")], relationships=FAMILY, agencies={"gp": "gp"}),
    "meeting-all-stated": case([contact("2020-02-01", "voluntary", "mum"),
                                meeting(not_shared_with="housing;voluntary")]),
    "meeting-kind-professionals": case([contact("2020-02-01", "gp", "amy"),
                                        meeting(meeting_kind="professionals_meeting")],
                                       relationships=FAMILY, agencies={"gp": "gp"}),
    "meeting-window-before": meeting_window_before(),
    "meeting-window-after": meeting_window_after(),
    "meeting-episodic": meeting_episodic(),
    "meeting-attendees-empty": meeting_attendees(None),
    "meeting-attendees-unknown": meeting_attendees("unknown"),
    "meeting-attendees-none": meeting_attendees("none"),
    "meeting-attended": meeting_attendees("voluntary"),
    "meeting-told-later": case([contact("2020-02-01", "voluntary", "mum"), meeting(),
                                {"date": "2020-04-01", "agency": "marac", "type": "share", "subjects": "mum",
                                 "shared_with": "voluntary", "passes_on": "e2"}]),
    "meeting-unrecorded": case([contact("2020-02-01", "voluntary", "mum"),
                                meeting(attendees="voluntary", unrecorded_by="voluntary")]),
    "meeting-received-late": case([contact("2020-02-01", "voluntary", "mum"),
                                   meeting(shared_with="voluntary", received="voluntary:2020-05-01")]),
    "meeting-subject": meeting_role("subject"),
    "meeting-witness": meeting_role("witness"),
    "meeting-reporter": meeting_role("reporter"),
    "meeting-universal": meeting_universal("gp"),
    "meeting-told-only": meeting_universal("other"),
    "meeting-internal": meeting_internal(),
    "meeting-internal-stated": case([contact("2020-02-01", "police-dau", "mum"),
                                     meeting(attendees="police", not_shared_with="police-dau")],
                                    agencies={"police": "police", "police-dau": {"type": "police", "part_of": "police"}}),
    "meeting-internal-mixed": meeting_internal(contact("2020-02-02", "voluntary", "mum")),
    "two-meetings": two_meetings(),
    # unshared-risk
    "risk": risk_case(),
    "risk-stated": risk_case({"not_shared_with": "gp"}),
    "risk-shared": risk_case({"shared_with": "gp"}),
    "risk-after": risk_case({"date": "2020-03-02"}),
    "risk-before": risk_case({"date": "2019-12-31"}),
    "risk-stated-after": risk_case({"date": "2020-03-02", "not_shared_with": "gp"}),
    "risk-no-risk": risk_case({"risks": ""}),
    "risk-stated-no-risk": risk_case({"risks": "", "not_shared_with": "gp"}),
    "risk-gp-witness": risk_case(gp_subjects="bob;amy:witness"),
    "risk-gp-reporter": risk_case(gp_subjects="bob;amy:reporter"),
    "risk-gp-victim": risk_case(gp_subjects="amy:victim"),
    "risk-received-late": risk_case({"shared_with": "gp", "received": "gp:2020-04-01"}),
    "risk-unrecorded": risk_case({"shared_with": "gp", "unrecorded_by": "gp"}),
    "risk-episodic": risk_episodic(),
    "risk-episodic-written-ongoing": risk_episodic("ongoing"),
    "risk-internal": risk_internal(),
    "risk-internal-mixed": risk_internal(mixed=True),
    "risk-two-families": risk_two_people_two_families(),
    # An entry about people in two families: its finding is the family of whom the agency worked with.
    "risk-entry-in-two-families": case([contact("2020-01-01", "gp", "zed"), overdose(agency="police", subjects="amy;zed"),
                                        overdose("2020-02-02", agency="police", subjects="zed"),
                                        contact("2020-03-01", "gp", "zed")], relationships=FAMILY),
    "risk-stated-after-family": case([contact("2020-01-01", "gp", "amy;bob"),
                                      overdose("2020-03-02", agency="police", not_shared_with="gp"),
                                      contact("2020-03-01", "gp", "amy;bob")], relationships=FAMILY),
    "risk-internal-stated": case([contact("2020-01-01", "police-dau", "amy"),
                                  overdose(agency="police", not_shared_with="police-dau"),
                                  contact("2020-03-01", "police-dau", "amy")],
                                 agencies={"police-dau": {"type": "police", "part_of": "police"}}),
    "risk-stated-stranger": case([contact("2020-01-01", "housing", "zed"),
                                  contact("2020-02-01", "police", "amy", risks="overdose", not_shared_with="housing")],
                                 relationships=FAMILY),
    # merged by find_gaps: several agencies lacking exactly the same
    "risk-two-agencies": case([contact("2020-01-01", "gp", "amy"), contact("2020-01-01", "housing", "amy"),
                               overdose(agency="police"), contact("2020-03-01", "gp", "amy"),
                               contact("2020-03-01", "housing", "amy")]),
    "risk-two-agencies-one-stated": case([contact("2020-01-01", "gp", "amy"), contact("2020-01-01", "housing", "amy"),
                                          overdose(agency="police", not_shared_with="gp"),
                                          contact("2020-03-01", "gp", "amy"), contact("2020-03-01", "housing", "amy")]),
    "risk-merge-order": case([contact("2020-01-01", "gp", "amy;zed"), contact("2020-01-01", "housing", "amy"),
                              overdose(agency="police"), overdose("2020-02-02", agency="police", subjects="zed"),
                              contact("2020-03-01", "gp", "amy;zed"), contact("2020-03-01", "housing", "amy")]),
    "risk-stated-uninvolved": case([contact("2020-02-01", "police", "amy", type="incident", risks="overdose",
                                            not_shared_with="marac")], agencies={"marac": "marac", "police": "police"}),
    # unlinked-family-risk
    "family-risk": family_case(overdose()),
    "family-risk-stated": family_case(overdose(not_shared_with="mash")),
    "family-risk-not-family": family_case(overdose(), relationships=["mum parent_of bob"]),
    "family-risk-relative": family_case(overdose(), relationships=["amy relative_of bob"]),
    "family-risk-referred": family_case(overdose(referred_to="mash")),
    "family-risk-both": family_case(overdose(subjects="amy;bob")),
    "family-risk-relatives": family_case(overdose(), police_da("2020-02-15")),
    "family-risk-after": family_case(overdose(date="2020-03-02")),
    "family-risk-stated-after": family_case(overdose(date="2020-03-02", not_shared_with="mash")),
    "family-risk-episodic": case([overdose("2020-03-01"), contact("2020-03-08", "mash", "bob"),
                                  overdose("2020-03-09")], relationships=FAMILY,
                                 agencies={"mash": {"type": "other", "involvement": "episodic"}}),
    "family-risk-two-agencies": case([contact("2020-01-01", "mash", "bob"), contact("2020-01-01", "csc", "bob"),
                                      overdose(), contact("2020-03-01", "mash", "bob"),
                                      contact("2020-03-01", "csc", "bob")], relationships=FAMILY),
    "family-risk-two-families-first": family_case(overdose(subjects="al;amy")),
    "family-risk-two-families-last": family_case(overdose(subjects="zed;amy")),
    "family-risk-internal": family_case(overdose(agency="hospital"), overdose(date="2020-02-10", agency="hospital"),
                                        agencies={"mash": {"type": "other", "part_of": "hospital"}}),
    # decision-without-history
    "decision": decision_case(overdose("2020-03-01", not_shared_with="mash"),
                              police_da("2020-01-01", not_shared_with="mash")),
    "decision-partly": decision_case(overdose("2020-03-01", not_shared_with="mash"), police_da("2020-01-01")),
    "decision-assessment": decision_case(police_da(), type="assessment"),
    "decision-known": decision_case(overdose("2020-03-01", referred_to="mash")),
    "decision-passed-on": decision_case(police_da(), {"date": "2020-02-01", "agency": "csc", "type": "share",
                                                      "subjects": "mum", "shared_with": "mash", "passes_on": "e1"}),
    "decision-same-day-after": case([
        {"date": "2020-05-01", "agency": "mash", "type": "decision", "subjects": "bob"},
        overdose("2020-05-01")], relationships=FAMILY),
    "decision-same-day-before": case([
        overdose("2020-05-01"), {"date": "2020-05-01", "agency": "mash", "type": "decision", "subjects": "bob"}],
        relationships=FAMILY),
    "decision-other-family": decision_case(overdose("2020-03-01", subjects="zed")),
    "decision-no-risk": decision_case({"date": "2020-03-01", "agency": "ed", "subjects": "amy"}),
    "decision-received-after": decision_case(police_da(type="referral", referred_to="mash",
                                                       received="mash:2020-05-02")),
    "decision-received-same-day": decision_case(police_da(type="referral", referred_to="mash",
                                                          received="mash:2020-05-01")),
    "decision-unrecorded": decision_case(police_da(type="referral", referred_to="mash", unrecorded_by="mash")),
    "decision-internal": decision_case(police_da(agency="csc"), agencies={"mash": {"type": "mash", "part_of": "csc"}}),
    "decision-internal-mixed": decision_case(police_da(agency="csc"), overdose("2020-03-01"),
                                             agencies={"mash": {"type": "mash", "part_of": "csc"}}),
    # merged by find_gaps: one agency's successive decisions lacking nothing new
    "decision-successive": case([police_da(), decision("2020-02-01", "bob"),
                                 decision("2020-03-01", "amy", type="assessment")], relationships=FAMILY),
    "decision-successive-more": case([police_da(), decision("2020-02-01", "bob"), overdose("2020-02-15"),
                                      decision("2020-03-01", "amy", type="assessment")], relationships=FAMILY),
    # repeat-referrals
    "referrals-3": referrals(["threshold_not_met"] * 3),
    "referrals-2": referrals(["threshold_not_met"] * 2),
    "referrals-4": referrals(["nfa"] * 4),
    "referrals-mixed": referrals(["nfa", "", "s47", "advice"]),
    "referrals-acted-on": referrals(["single_assessment"] * 3),
    "referrals-no-target": case([{"date": f"2020-0{m}-01", "agency": "mash", "type": "referral", "subjects": "amy",
                                  "outcome": "nfa"} for m in (1, 2, 3)]),
    "referrals-unknown-target": referrals(["nfa"] * 3, referred_to="unknown"),
    "referrals-none-target": referrals(["nfa"] * 3, referred_to="none"),
    "referrals-two-targets": referrals(["nfa"] * 3, referred_to="mash;csc"),
    "referrals-two-people": referrals(["nfa"] * 3, subjects="amy;bob"),
    "referrals-not-referrals": referrals(["nfa"] * 3, type="contact"),
    # pattern-in-isolation
    "overdoses": overdoses(),
    "overdoses-known": overdoses(third={"shared_with": "gp", "passes_on": "e1;e2"}),
    "overdoses-known-after": overdoses(more=[{"date": "2020-03-02", "agency": "ed", "type": "share",
                                              "subjects": "amy", "shared_with": "gp", "passes_on": "e1;e3"}]),
    "overdoses-other-family": overdoses(relationships=["mum parent_of amy"]),
    "overdoses-two": case([overdose("2020-01-01", "ed", "amy"), overdose("2020-02-01", "gp", "bob")],
                          relationships=FAMILY),
    "pattern-merged": pattern_merged(),
    "pattern-split": pattern_merged([contact("2020-04-01", "police", "amy", risks="self_harm")]),
    "pattern-not-listed": case([contact(f"2020-0{m}-01", a, "amy", risks="neglect")
                                for m, a in ((1, "school"), (2, "gp"), (3, "school"))]),
    "pattern-one-organisation": pattern_units(part_of=True),
    "pattern-two-organisations": pattern_units(part_of=False),
    # cross-boundary
    "boundary": case([contact("2018-01-01", "school", "amy"), contact("2020-01-01", "school", "amy"),
                      contact("2020-02-01", "csc", "amy")],
                     relationships=FAMILY, agencies={**SCHOOL_BEDFORD, **CSC_LUTON}),
    "boundary-pairs": case([contact("2020-01-01", "school", "amy"), contact("2020-01-15", "gp", "amy"),
                            contact("2020-02-01", "csc", "amy"), contact("2020-03-01", "housing", "amy")],
                           agencies={**SCHOOL_BEDFORD, "gp": {"type": "gp", "area": "Bedford"}, **CSC_LUTON,
                                     "housing": {"type": "housing", "area": "Herts"}}),
    "boundary-household-two-types": boundary(SCHOOL_BEDFORD, CSC_LUTON, "amy", "bob"),
    "boundary-household-one-type": boundary({"school-a": {"type": "school", "area": "Bedford"}},
                                            {"school-b": {"type": "school", "area": "Luton"}}, "amy", "bob"),
    "boundary-relative-one-type": boundary({"school-a": {"type": "school", "area": "Bedford"}},
                                           {"school-b": {"type": "school", "area": "Luton"}}, "amy", "bob",
                                           relationships=["amy relative_of bob"]),
    "boundary-partner-one-type": boundary({"mh-a": {"type": "mental_health", "area": "Bedford"}},
                                          {"mh-b": {"type": "mental_health", "area": "Luton"}}, "mum", "dad",
                                          relationships=["mum partner_of dad"]),
    "boundary-household-member-one-type": boundary({"mh-a": {"type": "mental_health", "area": "Bedford"}},
                                                   {"mh-b": {"type": "mental_health", "area": "Luton"}}, "mum", "dad",
                                                   relationships=["mum household_member dad"]),
    "boundary-no-area": boundary(SCHOOL_BEDFORD, {"csc": "childrens_social_care"}),
    "boundary-no-area-review-area": with_area(boundary(SCHOOL_BEDFORD, {"csc": "childrens_social_care"}), "Luton"),
    "boundary-police": boundary(SCHOOL_BEDFORD, {"police": {"type": "police", "area": "Luton"}}),
    "boundary-ambulance": boundary(SCHOOL_BEDFORD, {"ambulance": {"type": "ambulance", "area": "Luton"}}),
    "boundary-same-area": boundary({"school": {"type": "school", "area": " luton "}}, CSC_LUTON),
    "boundary-shared-area": boundary({"school": {"type": "school", "area": "Bedford;Luton"}}, CSC_LUTON),
    "boundary-several-areas": boundary({"school": {"type": "school", "area": "Bedford; Herts"}}, CSC_LUTON),
    "boundary-one-organisation": boundary(SCHOOL_BEDFORD, {"csc": {"type": "childrens_social_care", "area": "Luton",
                                                                   "part_of": "school"}}),
    "boundary-shared": boundary(SCHOOL_BEDFORD, CSC_LUTON, first_more={"shared_with": "csc"}),
    "boundary-365": boundary(SCHOOL_BEDFORD, CSC_LUTON, second_date="2020-12-31"),
    "boundary-366": boundary(SCHOOL_BEDFORD, CSC_LUTON, second_date="2021-01-01"),
    "boundary-witness": boundary(SCHOOL_BEDFORD, CSC_LUTON, "amy", "bob;amy:witness"),
    # child-not-seen
    "child": case([
        decision("2022-05-31", "amy;mum", "mum"),
        decision("2022-06-01", "amy;mum", "mum"),
        decision("2022-05-31", "amy", "amy", type="assessment"),
        decision("2022-05-31", "amy", "none"),
        decision("2022-05-31", "amy"),
        decision("2022-05-31", "amy", "unknown"),
        decision("2022-05-31", "amy", "none", type="contact"),
    ], people=[{"id": "amy", "born": "2004-06-01"}, {"id": "mum", "born": "1980"}]),
    "child-unborn": case([decision("2020-05-31", "baby;mum", "mum"), decision("2020-06-01", "baby;mum", "mum"),
                          decision("2020-05-31", "june;mum", "mum"), decision("2020-06-01", "june;mum", "mum")],
                         people=[{"id": "baby", "born": "2020-06-01"}, {"id": "june", "born": "2020-06"}, "mum"]),
    "child-roles": case([decision("2020-01-01", "mum;amy:witness", "mum"), decision("2020-01-02", "mum;amy:reporter", "mum"),
                         decision("2020-01-03", "mum;amy:victim", "mum")],
                        people=[{"id": "amy", "born": "2010"}, "mum"]),
    "child-flag": case([decision("2020-01-01", "kid;adult", "none")],
                       people=[{"id": "kid", "child": "yes"}, {"id": "adult", "child": "yes", "born": "1980"}]),
    "child-leap-day": case([decision("2022-02-27", "leap", "none"), decision("2022-02-28", "leap", "none")],
                           people=[{"id": "leap", "born": "2004-02-29"}]),
    # single-informant
    "informant-history": informant_case(harm(), decision("2020-02-01", "bob", informant="mum", type="assessment")),
    "informant-heard-only": informant_case(decision("2020-02-01", "bob;mum", "mum", informant="mum")),
    "informant-nobody-seen": informant_case(decision("2020-02-01", "bob;mum", "none", informant="mum")),
    "informant-not-recorded": informant_case(decision("2020-02-01", "bob;mum", informant="mum")),
    "informant-unknown": informant_case(decision("2020-02-01", "bob;mum", "unknown", informant="mum")),
    "informant-witness-history": informant_case(harm(role="witness"), decision("2020-02-01", "bob", informant="mum")),
    "informant-history-after": informant_case(decision("2020-02-01", "bob", informant="mum"), harm("2020-03-01")),
    "informant-history-and-record": informant_case(harm("2019-06-01"), harm("2019-01-01"),
                                                   decision("2020-02-01", "bob;amy", "mum", informant="mum")),
    "informant-outside-family": informant_case(harm(), decision("2020-02-01", "bob", informant="mum"),
                                               relationships=["mum parent_of amy"]),
    "informant-one-heard": informant_case(harm(), decision("2020-02-01", "bob;amy", "bob", informant="mum")),
    "informant-all-heard": informant_case(harm(), decision("2020-02-01", "bob;amy", "bob;amy", informant="mum")),
    "informant-own-account": informant_case(harm(), decision("2020-02-01", "mum", "none", informant="mum")),
    "informant-others-witnesses": informant_case(decision("2020-02-01", "mum;bob:witness", "none", informant="mum")),
    "informant-contact": informant_case(harm(), decision("2020-02-01", "bob", "none", informant="mum", type="contact")),
    # disclosure-without-action
    "disclosure-28": disclosure_case(28),
    "disclosure-29": disclosure_case(29),
    "disclosure-other-agency": disclosure_case(5, agency="police"),
    "disclosure-other-person": disclosure_case(5, subjects="bob"),
    "disclosure-contact-only": disclosure_case(5, type="contact", referred_to=""),
    "disclosure-contact-shared": disclosure_case(5, type="contact", referred_to="", shared_with="csc"),
    "disclosure-share": disclosure_case(5, type="share", referred_to=""),
    "disclosure-assessment": disclosure_case(5, type="assessment", referred_to=""),
    "disclosure-follow-up-none": disclosure_case(5, type="contact", referred_to="none"),
    "disclosure-shared": disclosure_case(60, disclosure={"shared_with": "csc"}),
    "disclosure-referred": disclosure_case(60, disclosure={"referred_to": "mash"}),
    "disclosure-referred-none": disclosure_case(60, disclosure={"referred_to": "none"}),
    "disclosure-earlier-same-day": case([
        {"date": "2020-01-01", "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "mash"},
        {"date": "2020-01-01", "agency": "school", "type": "disclosure", "subjects": "amy"}]),
    # silo-agency
    "silo": case([contact("2020-01-01", "ambulance", "amy"),
                  contact("2020-02-01", "police", "bob", shared_with="csc")], relationships=FAMILY),
    "silo-told": case([contact("2020-01-01", "ambulance", "amy", shared_with="gp")], relationships=FAMILY),
    "silo-heard": case([contact("2020-01-01", "ambulance", "amy"),
                        contact("2020-02-01", "police", "bob", shared_with="ambulance")], relationships=FAMILY),
    "silo-own-organisation": case([contact("2020-01-01", "ambulance", "amy", shared_with="ambulance-hq"),
                                   contact("2020-02-01", "ambulance-hq", "bob", shared_with="ambulance")],
                                  relationships=FAMILY, agencies={"ambulance": {"type": "ambulance",
                                                                                "part_of": "ambulance-hq"}}),
    "silo-witness": case([contact("2020-01-01", "ambulance", "amy;bob:witness")], relationships=FAMILY),
    "silo-universal": case([contact("2020-01-01", "police", "amy", shared_with="gp")], relationships=FAMILY,
                           agencies={"gp": "gp"}),
    "silo-organisation-told": case([contact("2020-01-01", "ambulance", "amy"),
                                    contact("2020-02-01", "trust", "bob", shared_with="police")],
                                   relationships=FAMILY, agencies={"ambulance": {"type": "ambulance",
                                                                                 "part_of": "trust"}}),
    "silo-referred-unknown": case([contact("2020-01-01", "ambulance", "amy", type="referral", referred_to="unknown")],
                                  relationships=FAMILY),
    "silo-referred-none": case([contact("2020-01-01", "ambulance", "amy", type="referral", referred_to="none")],
                               relationships=FAMILY),
    "silo-unrecorded": case([contact("2020-01-01", "ambulance", "amy", shared_with="csc", unrecorded_by="csc")],
                            relationships=FAMILY),
    # delayed-receipt
    "receipt": case([{"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "amy;mum:perpetrator",
                      "referred_to": "mash", "shared_with": "csc", "received": "mash:9/1/2020;csc:2020-01-08"}]),
    "receipt-same-day": case([{"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "amy",
                               "referred_to": "mash", "received": "mash:2020-01-01"}]),
    # record-mismatch
    "mismatch": case([{"date": "2020-01-01", "agency": "school", "type": "share", "subjects": "amy",
                       "shared_with": "mash;csc", "unrecorded_by": "mash"},
                      meeting("2020-02-01", agency="chair", subjects="amy", attendees="csc;gp", unrecorded_by="gp")]),
    # expected-action-missing: see expected_action_cases() below for every rule and action.
    "expected-high-da": expected_case(trigger("marac-referral")),
    "expected-medium-da": expected_case(trigger("marac-referral", risk_level="medium")),
    "expected-no-level": expected_case({k: v for k, v in trigger("marac-referral").items() if k != "risk_level"}),
    "expected-child-victim": expected_case(trigger("marac-referral", subjects="amy:victim")),
    "expected-roles": expected_case(trigger("marac-referral", subjects="amy:witness;mum:perpetrator;dad:reporter")),
    "expected-other-person": expected_case(trigger("marac-referral"), action("marac-referral", "referral to marac", 1,
                                                                           person="dad")),
    "expected-before": expected_case(action("marac-referral", "referral to marac", -1), trigger("marac-referral")),
    "expected-long-before": expected_case(action("marac-referral", "referral to marac", -29),
                                          trigger("marac-referral")),
    "expected-same-entry-outcome": expected_case(trigger("marac-referral", outcome="marac")),
    "expected-stated": expected_case(trigger("marac-referral", outcome="no_referral")),
    "expected-partly-stated": expected_case(trigger("marac-referral", outcome="no_referral"),
                                            trigger("marac-referral", date="2020-03-01")),
    "expected-unrecorded-referral": expected_case(trigger("marac-referral"),
                                                  {**action("marac-referral", "referral to marac", 1),
                                                   "unrecorded_by": "marac"}),
    "expected-adult-disclosure": expected_case(trigger("child-abuse-referral", subjects="mum:victim")),
    "expected-child-incident": expected_case(trigger("child-abuse-referral", type="incident")),
    "expected-child-other-risk": expected_case(trigger("child-abuse-referral", risks="self_harm")),
    "expected-adult-one-risk-set": expected_case(trigger("adult-safeguarding-concern", risks="physical_abuse"),
                                                 trigger("adult-safeguarding-concern", date="2020-02-01",
                                                         risks="self_harm")),
    "expected-adult-child": expected_case(trigger("adult-safeguarding-concern", subjects="amy:victim")),
    "expected-honour-subject": expected_case(trigger("honour-based-abuse-marac", subjects="mum;dad:perpetrator")),
    "expected-honour-child": expected_case(trigger("honour-based-abuse-marac", subjects="amy:victim")),
    "expected-forced-marriage": expected_case(trigger("honour-based-abuse-marac", risks="forced_marriage")),
    "expected-stated-no-referral": expected_case(trigger("stated-no-referral"),
                                                 {"date": TRIGGER_DAY, "agency": "school", "type": "referral",
                                                  "subjects": "amy", "referred_to": "csc"}),
    "expected-stated-no-referral-roles": expected_case(trigger("stated-no-referral", subjects="amy:witness;mum:reporter;"
                                                                                             "dad:perpetrator")),
    "expected-stated-no-referral-own-service": expected_case(trigger("stated-no-referral", agency="csc")),
    # outcome-not-fed-back
    "feedback": feedback_case(mash_decision()),
    "feedback-told": feedback_case(mash_decision(shared_with="school")),
    "feedback-stated": feedback_case(mash_decision(not_shared_with="school")),
    "feedback-28": feedback_case(mash_decision(plus("2020-01-01", 28))),
    "feedback-29": feedback_case(mash_decision(plus("2020-01-01", 29))),
    "feedback-passes-on": feedback_case(mash_decision("2020-06-01", passes_on="e1")),
    "feedback-passes-on-later": feedback_case(mash_decision(), mash_decision("2020-06-01", subjects="bob",
                                                                             passes_on="e1", shared_with="school")),
    "feedback-received": feedback_case(mash_decision("2020-01-15"), mash_decision(plus("2020-02-01", 28)),
                                       referral={"received": "mash:2020-02-01"}),
    "feedback-not-feeds-back": feedback_case({**mash_decision(), "agency": "police"}, referral={"referred_to": "police"},
                                             agencies={"police": "police"}),
    "feedback-csc": feedback_case({**mash_decision(), "agency": "csc"}, referral={"referred_to": "csc"},
                                  agencies={"csc": "childrens_social_care"}),
    "feedback-asc": feedback_case({**mash_decision(), "agency": "asc"}, referral={"referred_to": "asc"},
                                  agencies={"asc": "adult_social_care"}),
    "feedback-same-organisation": feedback_case(mash_decision(),
                                                agencies={"school": {"type": "school", "part_of": "mash"}}),
    "feedback-unrecorded": feedback_case(mash_decision(), referral={"unrecorded_by": "mash"}),
    "feedback-organisation-told": feedback_case(mash_decision(shared_with="education"),
                                                agencies={"school": {"type": "school", "part_of": "education"}}),
    "feedback-other-person": feedback_case(mash_decision(subjects="bob")),
    "feedback-first-decision": feedback_case(mash_decision(), mash_decision("2020-01-10", shared_with="school")),
    "feedback-acted": feedback_case(mash_decision(outcome="s47")),
    "feedback-no-outcome": feedback_case({k: v for k, v in mash_decision().items() if k != "outcome"}),
    "feedback-contact": feedback_case({**mash_decision(), "type": "contact"}),
}


def expected_action_cases() -> dict[str, tuple[list[dict], dict]]:
    """For every rule and every kind of action it accepts: the action on the last day
    allowed (``-in-time``) and one day late (``-late``); and the trigger recorded by the
    service itself (``-own-service``)."""
    out = {}
    for rule, kinds in ACTIONS.items():
        _, _, days = TRIGGERS[rule]
        for kind in kinds:
            slug = kind.replace(" ", "-").replace("_", "-")
            out[f"expected-{rule}-{slug}-in-time"] = expected_case(trigger(rule), action(rule, kind, days))
            out[f"expected-{rule}-{slug}-late"] = expected_case(trigger(rule), action(rule, kind, days + 1))
        out[f"expected-{rule}-own-service"] = expected_case(trigger(rule, agency=OWN_SERVICE[rule]))
    return out


CASES.update(expected_action_cases())

PARAMETERS = [
    {},
    {"window": 89}, {"window": 91},
    {"contact_days": 6}, {"contact_days": 8},
    {"delay": 6}, {"delay": 8},
    {"decision_days": 27}, {"decision_days": 29},
    {"boundary_days": 364}, {"boundary_days": 366},
    {"days": 27}, {"days": 29},
    {"min_referrals": 2}, {"min_referrals": 4},
    {"min_repeats": 2}, {"min_repeats": 4},
]
"""The default settings, then each threshold one below and one above its default (the
cases sit on the defaults' edges)."""
