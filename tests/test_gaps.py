"""Every gap query: fixtures where it must fire, and near misses where it must not.

Each case checks the exact findings: (persons, agencies, events, level).
"""

import json

import pytest
from click.testing import CliRunner

from safegraph import QUERIES, find_gaps
from safegraph.cli import cli
from safegraph.gaps import QUERY_NAMES, get_query
from safegraph.testing import make_graph, make_review


def run(name, entries, **kw):
    params = kw.pop("params", {})
    G = make_graph(entries, **kw)
    return [(tuple(f.persons), tuple(f.agencies), tuple(f.events), f.level)
            for f in get_query(name).function(G, **params)]


FAMILY = ["mum parent_of amy", "mum parent_of bob"]


# -- unshared-meeting-outcome -----------------------------------------------------

def meeting_case(**meeting):
    return [
        {"date": "2020-01-10", "agency": "school", "subjects": "amy"},
        {"date": "2020-03-01", "agency": "marac", "type": "meeting", "subjects": "mum", "attendees": "police", **meeting},
    ]


def test_meeting_fires_for_involved_agency_never_told():
    assert run("unshared-meeting-outcome", meeting_case(), relationships=FAMILY) == [
        (("mum",), ("school",), ("e2",), "no_record")]


def test_meeting_confirmed_when_review_says_not_shared():
    assert run("unshared-meeting-outcome", meeting_case(not_shared_with="school"), relationships=FAMILY) == [
        (("mum",), ("school",), ("e2",), "confirmed")]


def test_meeting_near_misses():
    # The school attended; was sent the minutes later; is outside the window; is outside the family.
    assert run("unshared-meeting-outcome", meeting_case(attendees="police;school"), relationships=FAMILY) == []
    told_later = meeting_case() + [{"date": "2020-04-01", "agency": "marac", "type": "share", "subjects": "mum",
                                    "shared_with": "school", "passes_on": "e2"}]
    assert run("unshared-meeting-outcome", told_later, relationships=FAMILY) == []
    assert run("unshared-meeting-outcome", meeting_case(), relationships=FAMILY, params={"window": 50}) == []
    assert run("unshared-meeting-outcome", meeting_case(), relationships=FAMILY, params={"window": 51}) != []
    assert run("unshared-meeting-outcome", meeting_case(), relationships=["mum parent_of bob"]) == []


# -- unshared-risk ------------------------------------------------------------------

def risk_case(**middle):
    return [
        {"date": "2020-01-01", "agency": "gp", "subjects": "amy"},
        {"date": "2020-02-01", "agency": "ed", "subjects": "amy", "risks": "overdose", **middle},
        {"date": "2020-03-01", "agency": "gp", "subjects": "amy"},
    ]


def test_unshared_risk_fires():
    assert run("unshared-risk", risk_case()) == [(("amy",), ("gp",), ("e2",), "no_record")]
    assert run("unshared-risk", risk_case(not_shared_with="gp")) == [(("amy",), ("gp",), ("e2",), "confirmed")]


def test_unshared_risk_near_misses():
    assert run("unshared-risk", risk_case(shared_with="gp")) == []
    # Dated after the GP's last involvement: outside its interval.
    late = risk_case()
    late[1]["date"] = "2020-03-02"
    assert run("unshared-risk", late) == []
    # No risks recorded.
    assert run("unshared-risk", risk_case(risks="")) == []


def test_unshared_risk_never_reports_what_the_agency_knew():
    # ED knows its own entry, so only the GP is reported.
    findings = run("unshared-risk", risk_case())
    assert all(agencies != ("ed",) for _, agencies, _, _ in findings)


# -- unlinked-family-risk -------------------------------------------------------------

def family_case(**middle):
    return [
        {"date": "2020-01-01", "agency": "mash", "subjects": "bob"},
        {"date": "2020-02-01", "agency": "ed", "subjects": "amy", "risks": "overdose", **middle},
        {"date": "2020-03-01", "agency": "mash", "subjects": "bob"},
    ]


def test_unlinked_family_risk_fires():
    assert run("unlinked-family-risk", family_case(), relationships=FAMILY) == [
        (("bob",), ("mash",), ("e2",), "no_record")]


def test_unlinked_family_risk_near_misses():
    assert run("unlinked-family-risk", family_case(), relationships=["mum parent_of bob"]) == []
    assert run("unlinked-family-risk", family_case(referred_to="mash"), relationships=FAMILY) == []
    # About bob himself: that is unshared-risk's business.
    assert run("unlinked-family-risk", family_case(subjects="amy;bob"), relationships=FAMILY) == []


# -- decision-without-history ---------------------------------------------------------

def decision_case(*history):
    return [*history, {"date": "2020-05-01", "agency": "mash", "type": "decision", "subjects": "bob",
                       "outcome": "threshold_not_met"}]


def test_decision_without_history_fires_with_decision_first():
    G_entries = decision_case(
        {"date": "2020-03-01", "agency": "ed", "subjects": "amy", "risks": "overdose", "not_shared_with": "mash"},
        {"date": "2020-01-01", "agency": "police", "subjects": "mum", "risks": "domestic_abuse", "not_shared_with": "mash"})
    assert run("decision-without-history", G_entries, relationships=FAMILY) == [
        (("bob",), ("mash",), ("e3", "e1", "e2"), "confirmed")]


def test_decision_without_history_near_misses():
    # Known to MASH before the decision.
    shared = decision_case({"date": "2020-03-01", "agency": "ed", "subjects": "amy", "risks": "overdose",
                            "referred_to": "mash"})
    assert run("decision-without-history", shared, relationships=FAMILY) == []
    # Only after the decision: same date, written after the decision.
    after = decision_case() + [{"date": "2020-05-01", "agency": "ed", "subjects": "amy", "risks": "overdose"}]
    assert run("decision-without-history", after, relationships=FAMILY) == []
    # Not in the family.
    other = decision_case({"date": "2020-03-01", "agency": "ed", "subjects": "zed", "risks": "overdose"})
    assert run("decision-without-history", other, relationships=FAMILY) == []


# -- repeat-referrals -------------------------------------------------------------------

def referrals(n, outcome="threshold_not_met", **kw):
    return [{"date": f"2020-0{m}-01", "agency": "school", "type": "referral", "subjects": "amy",
             "referred_to": "mash", "outcome": outcome, **kw} for m in range(1, n + 1)]


def test_repeat_referrals_fires():
    assert run("repeat-referrals", referrals(3)) == [(("amy",), ("mash",), ("e1", "e2", "e3"), "no_record")]
    mixed = referrals(2) + [{"date": "2020-05-01", "agency": "school", "type": "referral", "subjects": "amy",
                             "referred_to": "mash", "outcome": ""},
                            {"date": "2020-06-01", "agency": "school", "type": "referral", "subjects": "amy",
                             "referred_to": "mash", "outcome": "s47"}]
    assert run("repeat-referrals", mixed) == [(("amy",), ("mash",), ("e1", "e2", "e3"), "no_record")]


def test_repeat_referrals_near_misses():
    assert run("repeat-referrals", referrals(2)) == []
    assert run("repeat-referrals", referrals(3, outcome="single_assessment")) == []
    assert run("repeat-referrals", referrals(3), params={"min_referrals": 4}) == []


def test_repeat_referrals_target_is_recorder_without_referred_to():
    entries = [{"date": f"2020-0{m}-01", "agency": "mash", "type": "referral", "subjects": "amy",
                "outcome": "nfa"} for m in (1, 2, 3)]
    assert run("repeat-referrals", entries) == [(("amy",), ("mash",), ("e1", "e2", "e3"), "no_record")]


# -- pattern-in-isolation ------------------------------------------------------------------

def overdoses(third_shared_with=None):
    third = {"date": "2020-03-01", "agency": "ed", "subjects": "amy", "risks": "overdose"}
    if third_shared_with:
        third.update(shared_with="gp", passes_on="e1;e2")
    return [
        {"date": "2020-01-01", "agency": "ed", "subjects": "amy", "risks": "overdose"},
        {"date": "2020-02-01", "agency": "gp", "subjects": "bob", "risks": "overdose"},
        third,
    ]


def test_pattern_in_isolation_fires():
    assert run("pattern-in-isolation", overdoses(), relationships=FAMILY) == [
        (("amy", "bob"), ("ed", "gp"), ("e1", "e2", "e3"), "no_record")]


def test_pattern_in_isolation_near_misses():
    assert run("pattern-in-isolation", overdoses(third_shared_with="gp"), relationships=FAMILY) == []
    assert run("pattern-in-isolation", overdoses(), relationships=FAMILY, params={"min_repeats": 4}) == []
    assert run("pattern-in-isolation", overdoses(), relationships=["mum parent_of amy"]) == []


# -- cross-boundary ---------------------------------------------------------------------------

def boundary_case(**first):
    return [{"date": "2020-01-01", "agency": "school", "subjects": "amy", **first},
            {"date": "2020-02-01", "agency": "police", "subjects": "bob"}]


def test_cross_boundary_fires():
    assert run("cross-boundary", boundary_case(), relationships=FAMILY,
               agencies=["school@Bedford", "police@Luton"]) == [
        (("amy", "bob", "mum"), ("police", "school"), (), "no_record")]


def test_cross_boundary_near_misses():
    assert run("cross-boundary", boundary_case(), relationships=FAMILY,
               agencies=["school@ luton ", "police@Luton"]) == []
    assert run("cross-boundary", boundary_case(shared_with="police"), relationships=FAMILY,
               agencies=["school@Bedford", "police@Luton"]) == []
    # No area on either, and none on the review: never across a boundary.
    assert run("cross-boundary", boundary_case(), relationships=FAMILY) == []
    # An agency without an area takes the review's.
    assert run("cross-boundary", boundary_case(), relationships=FAMILY, area="Luton",
               agencies=["school@Bedford", "police"]) != []


# -- child-not-seen -----------------------------------------------------------------------------

def test_child_not_seen():
    people = [{"id": "amy", "born": "2004-06-01"}, {"id": "mum", "born": "1980"}]
    decision = {"date": "2022-05-31", "agency": "mash", "type": "decision", "subjects": "amy;mum"}
    assert run("child-not-seen", [decision], people=people) == [(("amy",), ("mash",), ("e1",), "no_record")]
    assert run("child-not-seen", [{**decision, "spoken_to": "amy"}], people=people) == []
    assert run("child-not-seen", [{**decision, "date": "2022-06-01"}], people=people) == []
    assert run("child-not-seen", [{**decision, "type": "contact"}], people=people) == []


# -- single-informant -------------------------------------------------------------------------------

def informant_case(role="perpetrator", **decision):
    return [{"date": "2020-01-01", "agency": "police", "subjects": f"mum:{role};amy:victim"},
            {"date": "2020-02-01", "agency": "mash", "type": "assessment", "subjects": "bob", "informant": "mum",
             **decision}]


def test_single_informant():
    assert run("single-informant", informant_case(), relationships=FAMILY) == [
        (("mum",), ("mash",), ("e2",), "no_record")]
    assert run("single-informant", informant_case(role="witness"), relationships=FAMILY) == []
    assert run("single-informant", informant_case(), relationships=["mum parent_of amy"]) == []
    assert run("single-informant", informant_case(type="contact"), relationships=FAMILY) == []


# -- disclosure-without-action ------------------------------------------------------------------------

def disclosure_case(gap_days, **follow):
    import datetime as dt
    later = (dt.date(2020, 1, 1) + dt.timedelta(days=gap_days)).isoformat()
    return [{"date": "2020-01-01", "agency": "school", "type": "disclosure", "subjects": "amy"},
            {"date": later, "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "mash", **follow}]


def test_disclosure_without_action():
    assert run("disclosure-without-action", disclosure_case(29)) == [(("amy",), ("school",), ("e1",), "no_record")]
    assert run("disclosure-without-action", disclosure_case(28)) == []
    assert run("disclosure-without-action", disclosure_case(27)) == []
    assert run("disclosure-without-action", disclosure_case(5, agency="police")) == [
        (("amy",), ("school",), ("e1",), "no_record")]
    assert run("disclosure-without-action", disclosure_case(5, type="contact", referred_to="")) == [
        (("amy",), ("school",), ("e1",), "no_record")]
    assert run("disclosure-without-action", disclosure_case(40), params={"days": 40}) == []


def test_disclosure_shared_at_once_is_not_reported():
    entries = disclosure_case(60)
    entries[0]["shared_with"] = "csc"
    assert run("disclosure-without-action", entries) == []


# -- silo-agency -----------------------------------------------------------------------------------------

def test_silo_agency():
    entries = [{"date": "2020-01-01", "agency": "ambulance", "subjects": "amy"},
               {"date": "2020-02-01", "agency": "police", "subjects": "bob", "shared_with": "csc"}]
    assert run("silo-agency", entries, relationships=FAMILY) == [(("amy",), ("ambulance",), (), "no_record")]
    told = [{**entries[0], "shared_with": "gp"}, entries[1]]
    assert run("silo-agency", told, relationships=FAMILY) == []
    heard = [entries[0], {**entries[1], "shared_with": "ambulance"}]
    assert run("silo-agency", heard, relationships=FAMILY) == []


# -- the catalogue and the contract ---------------------------------------------------------------------



@pytest.mark.parametrize("query", QUERIES, ids=QUERY_NAMES)
def test_every_query_is_complete(query):
    from pathlib import Path
    doc = query.function.__doc__
    assert query.module.__name__.endswith(query.name.replace("-", "_"))
    assert doc and "Examples" in doc and ">>>" in doc
    assert query.why.strip() and query.limits.strip()
    explained = query.explain()
    assert query.meaning in explained and "Known limits" in explained
    for param in query.parameters:
        assert f"--{param.replace('_', '-')}" in explained
    cypher = Path(__file__).resolve().parents[1] / query.cypher_file
    assert cypher.is_file()


def test_query_order_is_the_contract_order():
    assert QUERY_NAMES == (
        "unshared-meeting-outcome", "unshared-risk", "unlinked-family-risk", "decision-without-history",
        "repeat-referrals", "pattern-in-isolation", "cross-boundary", "child-not-seen", "single-informant",
        "disclosure-without-action", "silo-agency")


def contract_review():
    return make_review([
        {"date": "2020-01-01", "agency": "school", "subjects": "amy"},
        {"date": "2020-02-01", "agency": "ed", "subjects": "amy", "risks": "overdose", "not_shared_with": "school"},
        {"date": "2020-03-01", "agency": "marac", "type": "meeting", "subjects": "mum", "attendees": "police"},
        {"date": "2020-04-01", "agency": "school", "subjects": "bob;amy"},
    ], relationships=FAMILY, people=[{"id": "amy", "child": "yes"}, "mum", "bob"])


def test_json_contract(tmp_path):
    import yaml
    review = contract_review()
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump({
        "review": {"id": "r", "title": "T"},
        "people": [{"id": p.id, "name": p.name, "child": "yes" if p.child else ""} for p in review.people],
        "relationships": [{"person": r.person, "relation": r.relation, "other": r.other} for r in review.relationships],
        "agencies": [{"id": a.id, "name": a.name, "type": a.type} for a in review.agencies],
        "chronology": [{"id": e.id, "date": e.date.text, "agency": e.agency, "type": e.type,
                        "subjects": list(e.about), "summary": e.summary, "risks": list(e.risks),
                        "not_shared_with": list(e.not_shared_with), "attendees": list(e.attendees)}
                       for e in review.entries],
    }))
    result = CliRunner().invoke(cli, ["gaps", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["reviews"] == ["r"]
    for f in doc["findings"]:
        assert set(f) == {"query", "review", "level", "persons", "agencies", "events", "summary"}
        for key in ("persons", "agencies"):
            assert f[key] == sorted(f[key])
        if f["query"] != "decision-without-history":
            assert f["events"] == sorted(f["events"])
    keys = [(QUERY_NAMES.index(f["query"]), f["review"], f["agencies"], f["events"], f["persons"]) for f in doc["findings"]]
    assert keys == sorted(keys)
    assert {"query": "unshared-risk", "review": "r", "level": "confirmed", "persons": ["amy"],
            "agencies": ["school"], "events": ["e2"]} in [{k: v for k, v in f.items() if k != "summary"}
                                                          for f in doc["findings"]]


def test_query_option_limits_the_run_and_formats_agree():
    review = contract_review()
    only = find_gaps(review, ["unshared-meeting-outcome"])
    assert {f.query for f in only} == {"unshared-meeting-outcome"}
    assert [(f.agencies, f.events) for f in only] == [(["ed"], ["e3"]), (["school"], ["e3"])]


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
    assert "confirmed" in text.splitlines()[2]
    assert "Agencies most often lacking information: school (1)" in text
    assert "Called to a fight at home [3.2, p.9]" in text
    assert text.index("unshared-risk") < text.index("silo-agency")
