"""The shared gap-query cases: the fixtures of test_gaps.py, gathered so that the NetworkX
and Cypher implementations are run on exactly the same reviews (test_neo4j.py).

Each case is a review id and the make_review arguments; PARAMETERS are the non-default
settings test_gaps.py uses, so near misses at a threshold are compared too.
"""

from test_gaps import (FAMILY, boundary_case, decision_case, disclosure_case, family_case, informant_case,
                       meeting_case, overdoses, referrals, risk_case)

CASES = {
    "meeting": (meeting_case(), {"relationships": FAMILY}),
    "meeting-confirmed": (meeting_case(not_shared_with="school"), {"relationships": FAMILY}),
    "meeting-attended": (meeting_case(attendees="police;school"), {"relationships": FAMILY}),
    "meeting-told-later": (meeting_case() + [{"date": "2020-04-01", "agency": "marac", "type": "share",
                                              "subjects": "mum", "shared_with": "school", "passes_on": "e2"}],
                           {"relationships": FAMILY}),
    "meeting-other-family": (meeting_case(), {"relationships": ["mum parent_of bob"]}),
    "risk": (risk_case(), {}),
    "risk-confirmed": (risk_case(not_shared_with="gp"), {}),
    "risk-shared": (risk_case(shared_with="gp"), {}),
    "family-risk": (family_case(), {"relationships": FAMILY}),
    "family-risk-referred": (family_case(referred_to="mash"), {"relationships": FAMILY}),
    "family-risk-both": (family_case(subjects="amy;bob"), {"relationships": FAMILY}),
    "decision": (decision_case(
        {"date": "2020-03-01", "agency": "ed", "subjects": "amy", "risks": "overdose", "not_shared_with": "mash"},
        {"date": "2020-01-01", "agency": "police", "subjects": "mum", "risks": "domestic_abuse",
         "not_shared_with": "mash"}), {"relationships": FAMILY}),
    "decision-known": (decision_case({"date": "2020-03-01", "agency": "ed", "subjects": "amy", "risks": "overdose",
                                      "referred_to": "mash"}), {"relationships": FAMILY}),
    "decision-same-day-after": (decision_case() + [{"date": "2020-05-01", "agency": "ed", "subjects": "amy",
                                                    "risks": "overdose"}], {"relationships": FAMILY}),
    "referrals-3": (referrals(3), {}),
    "referrals-2": (referrals(2), {}),
    "referrals-acted-on": (referrals(3, outcome="single_assessment"), {}),
    "referrals-no-target": ([{"date": f"2020-0{m}-01", "agency": "mash", "type": "referral", "subjects": "amy",
                              "outcome": "nfa"} for m in (1, 2, 3)], {}),
    "overdoses": (overdoses(), {"relationships": FAMILY}),
    "overdoses-known": (overdoses(third_shared_with="gp"), {"relationships": FAMILY}),
    "boundary": (boundary_case(), {"relationships": FAMILY, "agencies": ["school@Bedford", "police@Luton"]}),
    "boundary-same-area": (boundary_case(), {"relationships": FAMILY, "agencies": ["school@ luton ", "police@Luton"]}),
    "boundary-shared": (boundary_case(shared_with="police"),
                        {"relationships": FAMILY, "agencies": ["school@Bedford", "police@Luton"]}),
    "boundary-review-area": (boundary_case(), {"relationships": FAMILY, "area": "Luton",
                                               "agencies": ["school@Bedford", "police"]}),
    "child": ([{"date": "2022-05-31", "agency": "mash", "type": "decision", "subjects": "amy;mum"},
               {"date": "2022-06-01", "agency": "mash", "type": "decision", "subjects": "amy;mum"},
               {"date": "2022-05-31", "agency": "mash", "type": "assessment", "subjects": "amy", "spoken_to": "amy"}],
              {"people": [{"id": "amy", "born": "2004-06-01"}, {"id": "mum", "born": "1980"}]}),
    "child-leap-day": ([{"date": "2022-02-27", "agency": "mash", "type": "decision", "subjects": "leap"},
                        {"date": "2022-02-28", "agency": "mash", "type": "decision", "subjects": "leap"}],
                       {"people": [{"id": "leap", "born": "2004-02-29"}]}),
    "informant": (informant_case(), {"relationships": FAMILY}),
    "informant-witness": (informant_case(role="witness"), {"relationships": FAMILY}),
    "informant-outside-family": (informant_case(), {"relationships": ["mum parent_of amy"]}),
    "disclosure-29": (disclosure_case(29), {}),
    "disclosure-28": (disclosure_case(28), {}),
    "disclosure-other-agency": (disclosure_case(5, agency="police"), {}),
    "disclosure-contact-only": (disclosure_case(5, type="contact", referred_to=""), {}),
    "silo": ([{"date": "2020-01-01", "agency": "ambulance", "subjects": "amy"},
              {"date": "2020-02-01", "agency": "police", "subjects": "bob", "shared_with": "csc"}],
             {"relationships": FAMILY}),
}

PARAMETERS = [{}, {"window": 50}, {"window": 51}, {"min_referrals": 4}, {"min_repeats": 4}, {"days": 29},
              {"days": 40}]
