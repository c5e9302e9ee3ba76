"""Who knew what, and when (contract v2): chains, earliest routes, same-day order, receipt,
involvement (substantive, universal, episodic), organisations, areas, families and
households, children, the critical incident, and the words none and unknown.

Every expected value follows from docs/chronology-format.md ("Who knew what, and when",
"Receipt", the agencies table) and docs/gap-queries.md ("Terms the queries share").
"""

import datetime as dt

import pytest

from safegraph import build_graph, knowledge, knows
from safegraph._dates import parse_date
from safegraph.errors import LoadError
from safegraph.testing import make_graph, make_review

from gap_cases import FAMILY, case

D = dt.date.fromisoformat


def known(G, agency, day):
    return [(k.entry, k.since.isoformat(), k.via) for k in knows(G, "r", agency, D(day))]


def index(entries, **kw):
    """The knowledge index of a review made with gap_cases.case (every record explicit)."""
    entries, kwargs = case(entries, **kw)
    return knowledge(make_graph(entries, **kwargs), "r")


def graph(entries, **kw):
    entries, kwargs = case(entries, **kw)
    return make_graph(entries, **kwargs)


# -- knowing ---------------------------------------------------------------------------------

def chain():
    # A shares e1 with B; B's later entry passes e1 on to C.
    return make_graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p", "shared_with": "b"},
        {"date": "2020-03-01", "agency": "b", "subjects": "p", "shared_with": "c", "passes_on": "e1"},
    ])


def test_c_knows_e1_only_from_the_passing_entry():
    G = chain()
    assert known(G, "c", "2020-02-29") == []
    assert known(G, "c", "2020-03-01") == [("e1", "2020-03-01", "e2"), ("e2", "2020-03-01", "e2")]
    assert known(G, "b", "2020-01-01") == [("e1", "2020-01-01", "e1")]


def test_a_never_learns_of_b_entry():
    assert known(chain(), "a", "2021-01-01") == [("e1", "2020-01-01", "e1")]


def test_chains_are_followed_to_any_depth():
    G = make_graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p"},
        {"date": "2020-02-01", "agency": "a", "subjects": "p", "shared_with": "b", "passes_on": "e1"},
        {"date": "2020-03-01", "agency": "b", "subjects": "p", "shared_with": "c", "passes_on": "e2"},
        {"date": "2020-04-01", "agency": "c", "subjects": "p", "referred_to": "d", "passes_on": "e3"},
    ])
    assert [k[0] for k in known(G, "d", "2020-04-01")] == ["e1", "e2", "e3", "e4"]
    assert {k[2] for k in known(G, "d", "2020-04-01")} == {"e4"}
    assert [k[0] for k in known(G, "d", "2020-03-31")] == []


def test_the_recording_agency_of_a_passing_entry_learns_too():
    G = make_graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p"},
        {"date": "2020-02-01", "agency": "b", "subjects": "p", "passes_on": "e1"},
    ])
    assert known(G, "b", "2020-02-01") == [("e1", "2020-02-01", "e2"), ("e2", "2020-02-01", "e2")]


def test_the_earliest_route_counts():
    G = make_graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p"},
        {"date": "2020-05-01", "agency": "a", "subjects": "p", "shared_with": "c", "passes_on": "e1"},
        {"date": "2020-02-01", "agency": "b", "subjects": "p", "attendees": "c", "passes_on": "e1", "type": "meeting"},
    ])
    K = knowledge(G, "r")
    arrival = K.arrival("c", "e1")
    assert (K.order[arrival.order], arrival.via) == ("e3", "e3")
    assert known(G, "c", "2020-02-01")[0] == ("e1", "2020-02-01", "e3")


def test_same_date_follows_file_order():
    G = make_graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p", "id": "first"},
        {"date": "2020-01-01", "agency": "a", "subjects": "p", "shared_with": "b", "passes_on": "first", "id": "second"},
    ])
    K = knowledge(G, "r")
    assert K.order == ["first", "second"]
    assert K.knows("b", "first", at=K.place["second"]) and not K.knows("b", "first", at=K.place["first"])


def test_partial_dates_order_as_their_first_day():
    G = make_graph([
        {"date": "2020-03-05", "agency": "a", "subjects": "p"},
        {"date": "?2020-03", "agency": "a", "subjects": "p"},
        {"date": "2020", "agency": "a", "subjects": "p"},
    ])
    assert knowledge(G, "r").order == ["e3", "e2", "e1"]


def test_not_shared_with_moves_no_knowledge():
    G = make_graph([{"date": "2020-01-01", "agency": "a", "subjects": "p", "not_shared_with": "b"}])
    assert known(G, "b", "2030-01-01") == []


# -- receipt ---------------------------------------------------------------------------------

def test_received_delays_knowledge_to_that_day():
    G = graph([
        {"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "p", "referred_to": "mash",
         "received": "mash:1/2/2020"},
        {"date": "2020-01-15", "agency": "police", "subjects": "p"},
        {"date": "2020-02-01", "agency": "school", "subjects": "p"},
    ])
    K = knowledge(G, "r")
    assert known(G, "mash", "2020-01-31") == []
    assert known(G, "mash", "2020-02-01") == [("e1", "2020-02-01", "e1")]
    # From the start of that day: before every entry dated that day.
    assert not K.knows("mash", "e1", at=K.place["e2"])
    assert K.knows("mash", "e1", at=K.place["e3"])
    assert K.arrival("mash", "e1").order == K.place["e3"]


def test_received_later_than_every_entry_is_past_the_end_of_the_order():
    G = graph([{"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "p", "referred_to": "mash",
                "received": "mash:2020-03-01"}])
    K = knowledge(G, "r")
    assert K.arrival("mash", "e1").order == len(K.order)
    assert not K.knows("mash", "e1", at=0) and K.knows("mash", "e1")
    assert known(G, "mash", "2020-03-01") == [("e1", "2020-03-01", "e1")]


def test_received_on_the_day_sent_is_no_delay():
    G = graph([{"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "p", "referred_to": "mash",
                "received": "mash:2020-01-01"}])
    assert known(G, "mash", "2020-01-01") == [("e1", "2020-01-01", "e1")]


def test_received_delays_what_the_entry_passes_on_and_an_earlier_route_wins():
    G = graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p"},
        {"date": "2020-02-01", "agency": "a", "subjects": "p", "shared_with": "c", "passes_on": "e1",
         "received": "c:2020-04-01"},
        {"date": "2020-03-01", "agency": "a", "subjects": "p", "shared_with": "d", "passes_on": "e1",
         "received": "d:2020-05-01"},
        {"date": "2020-03-15", "agency": "b", "subjects": "p", "shared_with": "d", "passes_on": "e1"},
    ])
    assert known(G, "c", "2020-03-31") == []
    assert known(G, "c", "2020-04-01") == [("e1", "2020-04-01", "e2"), ("e2", "2020-04-01", "e2")]
    # d hears of e1 through e4 on 15 March, before e3 reaches it on 1 May.
    assert known(G, "d", "2020-04-01") == [("e1", "2020-03-15", "e4"), ("e4", "2020-03-15", "e4")]
    assert known(G, "d", "2020-05-01") == [("e1", "2020-03-15", "e4"), ("e3", "2020-05-01", "e3"),
                                           ("e4", "2020-03-15", "e4")]


def test_unrecorded_by_gives_no_knowledge_by_that_route():
    G = graph([
        {"date": "2020-01-01", "agency": "a", "subjects": "p", "shared_with": "b;c", "unrecorded_by": "b"},
        {"date": "2020-02-01", "agency": "a", "subjects": "p", "shared_with": "b", "unrecorded_by": "b",
         "passes_on": "e1"},
        {"date": "2020-03-01", "agency": "c", "subjects": "p", "shared_with": "b", "passes_on": "e1"},
    ])
    assert known(G, "b", "2020-02-28") == []
    assert known(G, "c", "2020-01-01") == [("e1", "2020-01-01", "e1")]
    # Another route still counts.
    assert known(G, "b", "2020-03-01") == [("e1", "2020-03-01", "e3"), ("e3", "2020-03-01", "e3")]


def problems(entries, **kw):
    """The load problems of a review, as text ("" if it loads)."""
    try:
        make_review(entries, **kw)
    except LoadError as exc:
        return "\n".join(str(p) for p in exc.problems)
    return ""


def test_receipt_columns_are_checked():
    assert "not a recipient" in problems([{"date": "2020-01-01", "agency": "a", "subjects": "p",
                                           "received": "b:2020-01-02"}], agencies=["a", "b"])
    assert "not a recipient" in problems([{"date": "2020-01-01", "agency": "a", "subjects": "p",
                                           "unrecorded_by": "b"}], agencies=["a", "b"])
    assert "before the entry's own date" in problems([{"date": "2020-01-01", "agency": "a", "subjects": "p",
                                                       "shared_with": "b", "received": "b:2019-12-31"}])
    assert "both received and unrecorded_by" in problems([{"date": "2020-01-01", "agency": "a", "subjects": "p",
                                                           "shared_with": "b", "received": "b:2020-01-02",
                                                           "unrecorded_by": "b"}])


# -- involvement -----------------------------------------------------------------------------------

def contacts(K, agency, person):
    inv = K.involved(agency, person)
    return None if inv is None else (inv.first.isoformat(), inv.last.isoformat(),
                                     [d.isoformat() for d in inv.contacts], inv.episodic)


def test_involvement_through_substantive_roles_and_spoken_to():
    K = index([
        {"date": "2020-01-01", "agency": "police", "subjects": "mum:perpetrator;amy:victim;bob:witness;gran:reporter"},
        {"date": "2020-02-01", "agency": "police", "subjects": "mum", "spoken_to": "bob"},
        {"date": "2020-03-01", "agency": "police", "subjects": "amy:subject"},
    ])
    assert contacts(K, "police", "mum") == ("2020-01-01", "2020-02-01", ["2020-01-01", "2020-02-01"], False)
    assert contacts(K, "police", "amy") == ("2020-01-01", "2020-03-01", ["2020-01-01", "2020-03-01"], False)
    assert contacts(K, "police", "bob") == ("2020-02-01", "2020-02-01", ["2020-02-01"], False)  # spoken to, not witness
    assert contacts(K, "police", "gran") is None
    assert K.contact_entries[("police", "bob")] == [(D("2020-02-01"), "e2")]


def test_involvement_of_recipients():
    K = index([
        {"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "amy;bob:witness",
         "referred_to": "mash;csc", "received": "csc:2020-01-10"},
        {"date": "2020-02-01", "agency": "police", "type": "referral", "subjects": "amy", "referred_to": "early",
         "unrecorded_by": "early"},
        {"date": "2020-03-01", "agency": "marac", "type": "meeting", "subjects": "amy", "attendees": "housing"},
        {"date": "2020-04-01", "agency": "police", "type": "incident", "subjects": "amy", "attendees": "probation",
         "shared_with": "hospital"},
    ])
    assert contacts(K, "mash", "amy") == ("2020-01-01", "2020-01-01", ["2020-01-01"], False)
    assert contacts(K, "csc", "amy") == ("2020-01-10", "2020-01-10", ["2020-01-10"], False)  # from its receipt
    assert contacts(K, "mash", "bob") is None  # a witness
    assert contacts(K, "early", "amy") is None  # no record of receiving it
    assert contacts(K, "housing", "amy") == ("2020-03-01", "2020-03-01", ["2020-03-01"], False)
    assert contacts(K, "probation", "amy") is None  # attendees of something not a meeting
    assert contacts(K, "hospital", "amy") is None  # told, and not a universal service


def test_universal_service_is_involved_through_what_it_is_told():
    K = index([
        {"date": "2020-01-01", "agency": "police", "subjects": "amy", "shared_with": "gp", "received": "gp:2020-01-05"},
        {"date": "2020-02-01", "agency": "police", "subjects": "bob"},
        {"date": "2020-03-01", "agency": "csc", "subjects": "mum", "shared_with": "school", "passes_on": "e2"},
    ], agencies={"gp": "gp", "school": "school", "police": "police"})
    assert contacts(K, "gp", "amy") == ("2020-01-05", "2020-01-05", ["2020-01-05"], False)
    assert K.contact_entries[("gp", "amy")] == [(D("2020-01-05"), "e1")]
    # What reached it by being passed on counts from that day, by the passing entry.
    assert contacts(K, "school", "bob") == ("2020-03-01", "2020-03-01", ["2020-03-01"], False)
    assert K.contact_entries[("school", "bob")] == [(D("2020-03-01"), "e3")]
    assert contacts(K, "school", "mum") == ("2020-03-01", "2020-03-01", ["2020-03-01"], False)


def test_universal_service_recording_a_witness_is_not_involved_with_the_witness():
    # gap-queries.md: "A mention as witness or reporter, or a relative's entry, is not contact."
    K = index([{"date": "2020-01-01", "agency": "gp", "subjects": "mum;amy:witness"}], agencies={"gp": "gp"})
    assert contacts(K, "gp", "mum") == ("2020-01-01", "2020-01-01", ["2020-01-01"], False)
    assert contacts(K, "gp", "amy") is None


def test_universal_service_told_of_a_witness_is_not_involved_with_the_witness():
    K = index([{"date": "2020-01-01", "agency": "police", "subjects": "mum;amy:witness", "shared_with": "school"}],
              agencies={"school": "school"})
    assert contacts(K, "school", "mum") == ("2020-01-01", "2020-01-01", ["2020-01-01"], False)
    assert contacts(K, "school", "amy") is None


def test_episodic_by_type_and_as_written():
    K = index([{"date": "2020-01-01", "agency": a, "subjects": "amy"}
               for a in ("ambulance", "ed", "ed-ongoing", "nhs111", "school", "other")],
              agencies={"ambulance": "ambulance", "ed": "emergency_department",
                        "ed-ongoing": {"type": "emergency_department", "involvement": "ongoing"},
                        "nhs111": {"type": "other", "involvement": "episodic"}, "school": "school"})
    assert {a: K.is_episodic(a) for a in K.agencies} == {
        "ambulance": True, "ed": True, "ed-ongoing": False, "nhs111": True, "school": False, "other": False}
    assert {a: K.involved(a, "amy").episodic for a in K.agencies} == {
        "ambulance": True, "ed": True, "ed-ongoing": False, "nhs111": True, "school": False, "other": False}


def test_an_ongoing_agency_covers_first_to_last_an_episodic_one_the_days_up_to_a_contact():
    K = index([{"date": "2020-03-01", "agency": a, "subjects": "amy"} for a in ("ambulance", "other")]
              + [{"date": "2020-06-01", "agency": a, "subjects": "amy"} for a in ("ambulance", "other")],
              agencies={"ambulance": "ambulance"})
    ongoing, episodic = K.involved("other", "amy"), K.involved("ambulance", "amy")
    days = ["2020-02-22", "2020-02-23", "2020-03-01", "2020-03-02", "2020-05-25", "2020-06-01", "2020-06-02"]
    assert [ongoing.covers(D(d), 7) for d in days] == [False, False, True, True, True, True, False]
    assert [episodic.covers(D(d), 7) for d in days] == [False, True, True, False, True, True, False]
    assert [episodic.covers(D(d), 8) for d in days] == [True, True, True, False, True, True, False]


def test_contact_between_widens_only_an_episodic_agency():
    K = index([{"date": "2020-03-01", "agency": a, "subjects": "amy"} for a in ("ambulance", "other")],
              agencies={"ambulance": "ambulance"})
    ongoing, episodic = K.involved("other", "amy"), K.involved("ambulance", "amy")
    assert ongoing.contact_between(D("2020-03-02"), D("2020-04-01"), 7) is False
    assert episodic.contact_between(D("2020-03-08"), D("2020-04-01"), 7) is True
    assert episodic.contact_between(D("2020-03-09"), D("2020-04-01"), 7) is False
    assert episodic.contact_between(D("2020-01-01"), D("2020-02-23"), 7) is True
    assert episodic.contact_between(D("2020-01-01"), D("2020-02-22"), 7) is False


# -- organisations and areas -------------------------------------------------------------------------

def test_organisations_follow_part_of_to_the_top():
    K = index([{"date": "2020-01-01", "agency": "dau", "subjects": "amy", "shared_with": "force"},
               {"date": "2020-01-02", "agency": "other", "subjects": "amy"}],
              agencies={"dau": {"type": "police", "part_of": "cid"}, "cid": {"type": "police", "part_of": "force"},
                        "force": "police"})
    assert K.organisation == {"cid": "force", "dau": "force", "force": "force", "other": "other"}
    assert K.same_organisation("dau", "cid") and not K.same_organisation("dau", "other")
    assert K.org_knows("cid", "e1") in {"dau", "force"}
    assert K.org_knows("other", "e1") is None


def test_part_of_may_not_form_a_cycle():
    assert "leads back to" in problems([{"date": "2020-01-01", "agency": "a", "subjects": "p"}],
                                       agencies=[{"id": "a", "part_of": "b"}, {"id": "b", "part_of": "a"}])


@pytest.mark.parametrize("first, second, across", [
    ({"type": "school", "area": "Bedford"}, {"type": "school", "area": "Luton"}, True),
    ({"type": "school", "area": "Bedford"}, {"type": "school", "area": " LUTON ;Herts"}, True),
    ({"type": "school", "area": "Luton"}, {"type": "school", "area": " luton "}, False),
    ({"type": "school", "area": "Bedford;Luton"}, {"type": "school", "area": "Luton"}, False),
    ({"type": "school", "area": "Bedford"}, {"type": "school"}, False),  # not recorded
    ({"type": "school"}, {"type": "school"}, False),
    ({"type": "school", "area": "Bedford"}, {"type": "police", "area": "Luton"}, False),  # spans areas
    ({"type": "ambulance", "area": "Bedford"}, {"type": "school", "area": "Luton"}, False),
    ({"type": "school", "area": "Bedford"}, {"type": "school", "area": "Luton", "part_of": "first"}, False),
])
def test_across_boundary(first, second, across):
    K = index([{"date": "2020-01-01", "agency": "first", "subjects": "p"},
               {"date": "2020-01-01", "agency": "second", "subjects": "p"}],
              agencies={"first": first, "second": second}, area="Luton")
    assert K.across_boundary("first", "second") is across
    assert K.across_boundary("second", "first") is across


def test_agency_areas_are_trimmed_and_lower_case():
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "p"}],
              agencies={"a": {"type": "other", "area": " Luton ; Central Beds;"}}, area="Herts")
    assert K.areas("a") == {"luton", "central beds"}


# -- families, households, children ------------------------------------------------------------------

def test_families_are_connected_components():
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "x;lone"}],
              relationships=["mum parent_of amy", "amy sibling_of bob", "x partner_of mum"])
    assert K.family("bob") == {"mum", "amy", "bob", "x"}
    assert K.family("lone") == {"lone"}


def test_households_are_narrower_than_families():
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "amy"}],
              relationships=["mum parent_of amy", "amy sibling_of bob", "carer carer_of bob", "lodger household_member mum",
                             "gran relative_of mum", "ex ex_partner_of mum"])
    assert K.family("amy") == {"mum", "amy", "bob", "carer", "lodger", "gran", "ex"}
    assert K.household("amy") == {"mum", "amy", "bob", "carer", "lodger"}
    assert K.household("gran") == {"gran"}
    assert K.household("ex") == {"ex"}


def test_partners_are_a_household_only_where_written():
    # docs/chronology-format.md, relationships: a household is everyone connected through
    # parent_of, carer_of, sibling_of and household_member, not partner_of (partners need
    # not live together): write household_member as well where they do.
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "mum"}], relationships=["mum partner_of dad"])
    assert K.household("mum") == {"mum"}
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "mum"}],
              relationships=["mum partner_of dad", "mum household_member dad"])
    assert K.household("mum") == {"mum", "dad"}


def test_child_on_a_date():
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "leap;old;kid;adult;baby;june"}],
              people=[{"id": "leap", "born": "2004-02-29"}, {"id": "old", "born": "?1990"},
                      {"id": "kid", "child": "yes"}, {"id": "adult", "child": "yes", "born": "1980"},
                      {"id": "baby", "born": "2020-06-01"}, {"id": "june", "born": "2020-06"}])
    assert K.is_child_on("leap", D("2022-02-27")) and not K.is_child_on("leap", D("2022-02-28"))
    assert K.is_child_on("old", D("2007-12-31")) and not K.is_child_on("old", D("2008-01-01"))
    assert K.is_child_on("kid", D("2050-01-01"))
    assert not K.is_child_on("adult", D("2000-01-01"))  # born wins over child: yes
    # Not yet a child before birth (v2); a child from the first day of born.
    assert not K.is_child_on("baby", D("2020-05-31")) and K.is_child_on("baby", D("2020-06-01"))
    assert not K.is_child_on("june", D("2020-05-31")) and K.is_child_on("june", D("2020-06-01"))
    assert K.is_child_on("baby", D("2038-05-31")) and not K.is_child_on("baby", D("2038-06-01"))


# -- the critical incident ---------------------------------------------------------------------------

def incident_of(entries, **review):
    made = make_review(entries, people=["amy", "bob"])
    update = {k: parse_date(v) if k != "subjects" else tuple(v) for k, v in review.items()}
    return knowledge(build_graph(made.model_copy(update=update)), "r").incident


def test_critical_incident():
    entries = [{"date": "2020-01-01", "agency": "a", "subjects": "amy"},
               {"date": "2020-02-01", "agency": "a", "type": "death", "subjects": "bob"},
               {"date": "2020-03-01", "agency": "a", "type": "death", "subjects": "amy"},
               {"date": "2020-04-01", "agency": "a", "subjects": "amy"}]
    assert incident_of(entries, incident="2019-06", period_end="2021-01-01") == D("2019-06-01")
    assert incident_of(entries, subjects=["amy"], period_end="2021-01-01") == D("2020-03-01")
    assert incident_of(entries, period_end="2021-01-01") == D("2020-02-01")  # no subjects: any death
    assert incident_of(entries[:1] + entries[3:], period_end="2021-01-01") == D("2021-01-01")
    assert incident_of(entries[:1] + entries[3:]) == D("2020-04-01")


# -- none and unknown ---------------------------------------------------------------------------------

def entry_of(row, **kw):
    return make_review([row], **kw).entries[0]


def test_none_and_unknown_are_words_not_ids():
    people, agencies = ["amy"], ["a", "b"]
    e = entry_of({"date": "2020-01-01", "agency": "a", "type": "meeting", "subjects": "amy", "attendees": "None",
                  "spoken_to": " none ", "referred_to": "UNKNOWN"}, people=people, agencies=agencies)
    assert (e.attendees, e.spoken_to, e.referred_to) == ((), (), ())
    assert set(e.none_in) == {"attendees", "spoken_to"} and e.unknown_in == ("referred_to",)
    empty = entry_of({"date": "2020-01-01", "agency": "a", "subjects": "amy"}, people=people, agencies=agencies)
    assert (empty.none_in, empty.unknown_in) == ((), ())


def test_a_record_called_none_keeps_the_version_1_reading():
    e = entry_of({"date": "2020-01-01", "agency": "a", "type": "meeting", "subjects": "amy", "attendees": "none",
                  "spoken_to": "none"}, people=["amy", "none"], agencies=["a", "none"])
    assert (e.attendees, e.spoken_to, e.none_in) == (("none",), ("none",), ())


@pytest.mark.parametrize("column, value, problem", [
    ("attendees", "none;b", "cannot be combined"), ("spoken_to", "unknown;amy", "cannot be combined"),
    ("shared_with", "none", "'none'")])
def test_none_and_unknown_cannot_be_combined_or_used_elsewhere(column, value, problem):
    assert problem in problems([{"date": "2020-01-01", "agency": "a", "type": "meeting", "subjects": "amy",
                                 column: value}], people=["amy"], agencies=["a", "b"])


def test_index_is_built_once_per_review():
    G = chain()
    assert knowledge(G, "r") is knowledge(G, "r")


def test_family_helper_uses_the_shared_family():
    K = index([{"date": "2020-01-01", "agency": "a", "subjects": "amy"}], relationships=FAMILY)
    assert K.family("bob") == {"mum", "amy", "bob"} == K.household("amy")
