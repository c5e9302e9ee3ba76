"""Who knew what, and when: chains, earliest routes, same-day order, involvement, families."""

import datetime as dt

from safegraph import build_graph, knowledge, knows
from safegraph.testing import make_graph, make_review

D = dt.date.fromisoformat


def known(G, agency, day):
    return [(k.entry, k.since.isoformat(), k.via) for k in knows(G, "r", agency, D(day))]


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


def test_involvement_runs_from_first_to_last_knowledge_of_the_person():
    G = make_graph([
        {"date": "2020-01-01", "agency": "ed", "subjects": "amy", "shared_with": "gp"},
        {"date": "2020-06-01", "agency": "police", "subjects": "bob", "spoken_to": "amy"},
        {"date": "2020-09-01", "agency": "ed", "subjects": "amy", "shared_with": "gp"},
    ])
    K = knowledge(G, "r")
    assert K.involved("gp", "amy") == (D("2020-01-01"), D("2020-09-01"))
    assert K.involved("police", "amy") == (D("2020-06-01"), D("2020-06-01"))
    assert K.involved("gp", "bob") is None


def test_families_are_connected_components():
    G = make_graph([{"date": "2020-01-01", "agency": "a", "subjects": "x;lone"}],
                   relationships=["mum parent_of amy", "amy sibling_of bob", "x partner_of mum"])
    K = knowledge(G, "r")
    assert K.family("bob") == {"mum", "amy", "bob", "x"}
    assert K.family("lone") == {"lone"}


def test_child_on_a_date():
    review = make_review([{"date": "2020-01-01", "agency": "a", "subjects": "leap;old;kid"}],
                         people=[{"id": "leap", "born": "2004-02-29"}, {"id": "old", "born": "?1990"},
                                 {"id": "kid", "child": "yes"}])
    K = knowledge(build_graph(review), "r")
    assert K.is_child_on("leap", D("2022-02-27")) and not K.is_child_on("leap", D("2022-02-28"))
    assert K.is_child_on("old", D("2007-12-31")) and not K.is_child_on("old", D("2008-01-01"))
    assert K.is_child_on("kid", D("2050-01-01"))


def test_index_is_built_once_per_review():
    G = chain()
    assert knowledge(G, "r") is knowledge(G, "r")
