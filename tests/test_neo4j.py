"""The Neo4j backend against a real Neo4j 5.26: parity with the embedded backend for every
gap query, and pushes that are idempotent, replace only their review, and leave the
database as it was when they fail half-way."""

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

import safegraph
from safegraph import QUERIES, build_graph, load
from safegraph.cli import cli
from safegraph.gaps import MAX_DAYS, PARAMETERS as QUERY_PARAMETERS, QUERY_NAMES, get_query
from safegraph.neo4j_store import find_gaps as neo4j_gaps
from safegraph.neo4j_store import push
from safegraph.synthetic import synthetic_review
from safegraph.testing import make_review

from conftest import EXAMPLES, OUTSIDE, ROOT
from gap_cases import CASES, FAMILY, PARAMETERS, case

pytestmark = pytest.mark.neo4j

# Cases aimed at the Cypher derivation (derive.cypher) rather than at one query: receipts
# that land after the last entry or on a day with several entries, ties between routes, a
# recipient with no record that still learns by another route, a three-level organisation,
# several areas written untidily, the words none and unknown, and children at the edges of
# the age rule. Every query runs on them, with the cases of gap_cases.py.
EXTRA_CASES = {
    "receipt-after-last": case([
        {"date": "2020-01-01", "agency": "police", "type": "incident", "subjects": "mum:victim;amy",
         "risks": "domestic_abuse", "risk_level": "high", "shared_with": "gp;school", "received": "gp:2021-01-01"},
        {"date": "2020-02-01", "agency": "gp", "subjects": "amy"},
        {"date": "2020-03-01", "agency": "school", "subjects": "bob", "risks": "injury"},
        {"date": "2020-03-02", "agency": "mash", "type": "decision", "subjects": "amy", "outcome": "nfa"},
    ], relationships=FAMILY, agencies={"police": "police", "gp": "gp", "school": "school", "mash": "mash"}),
    "receipt-ties": case([
        {"date": "2020-01-01", "agency": "police", "type": "referral", "subjects": "amy", "risks": "missing",
         "referred_to": "mash", "shared_with": "school", "received": "mash:2020-03-01;school:2020-02-10"},
        {"date": "2020-02-15", "agency": "csc", "type": "meeting", "subjects": "amy;mum", "attendees": "mash;gp;ed",
         "passes_on": "e1", "unrecorded_by": "mash", "received": "gp:2020-03-01", "meeting_kind": "strategy_meeting"},
        {"date": "2020-03-01", "agency": "ed", "subjects": "amy", "risks": "overdose", "shared_with": "mash",
         "passes_on": "e1;e2"},
        {"date": "2020-03-01", "agency": "mash", "type": "decision", "subjects": "amy", "outcome": "nfa",
         "spoken_to": "none", "informant": "mum"},
        {"date": "2020-03-01", "agency": "school", "type": "disclosure", "subjects": "amy:victim", "risks": "sexual_abuse"},
        {"date": "2020-03-05", "agency": "gp", "subjects": "mum", "risks": "self_harm;physical_abuse"},
    ], relationships=FAMILY, people=[{"id": "amy", "born": "2010"}],
       agencies={"police": "police", "mash": "mash", "school": "school", "csc": "childrens_social_care",
                 "gp": "gp", "ed": "emergency_department"}),
    "organisation-chain": case([
        {"date": "2020-01-01", "agency": "team", "subjects": "amy"},
        {"date": "2020-01-10", "agency": "council", "subjects": "amy", "risks": "neglect", "shared_with": "dept"},
        {"date": "2020-01-20", "agency": "police", "subjects": "amy", "risks": "injury", "shared_with": "dept",
         "not_shared_with": "team"},
        {"date": "2020-02-01", "agency": "team", "type": "assessment", "subjects": "amy;mum", "spoken_to": "mum"},
        {"date": "2020-02-02", "agency": "team", "type": "meeting", "subjects": "amy", "attendees": "dept"},
        {"date": "2020-03-01", "agency": "team", "subjects": "amy"},
    ], relationships=FAMILY, people=[{"id": "amy", "born": "2015-06-01"}],
       agencies={"council": {"type": "childrens_social_care"},
                 "dept": {"type": "childrens_social_care", "part_of": "council"},
                 "team": {"type": "childrens_social_care", "part_of": "dept"}, "police": "police"}),
    "areas-untidy": case([
        {"date": "2020-01-01", "agency": "school-a", "subjects": "amy"},
        {"date": "2020-01-05", "agency": "school-b", "subjects": "bob"},
        {"date": "2020-01-09", "agency": "gp", "subjects": "amy"},
        {"date": "2020-01-12", "agency": "csc", "subjects": "amy", "spoken_to": "amy"},
        {"date": "2020-02-01", "agency": "ambulance", "subjects": "amy", "risks": "injury"},
        {"date": "2020-02-03", "agency": "nhs111", "subjects": "mum", "risks": "self_harm"},
        {"date": "2020-02-20", "agency": "nhs111", "subjects": "mum", "risks": "self_harm"},
    ], relationships=FAMILY,
       agencies={"school-a": {"type": "school", "area": " Luton ;Bedford"}, "school-b": {"type": "school", "area": "HERTS"},
                 "gp": {"type": "gp", "area": "bedford"}, "csc": {"type": "childrens_social_care", "area": "Herts; Essex"},
                 "ambulance": {"type": "ambulance", "area": "Essex"},
                 "nhs111": {"type": "other", "area": "Essex", "involvement": "episodic"}}),
    "words": case([
        {"date": "2020-01-01", "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "unknown"},
        {"date": "2020-02-01", "agency": "school", "type": "referral", "subjects": "amy", "referred_to": "none"},
        {"date": "2020-03-01", "agency": "school", "type": "referral", "subjects": "amy"},
        {"date": "2020-03-02", "agency": "mash", "type": "meeting", "subjects": "amy", "attendees": "none"},
        {"date": "2020-03-03", "agency": "mash", "type": "meeting", "subjects": "amy", "attendees": "unknown"},
        {"date": "2020-03-04", "agency": "mash", "type": "decision", "subjects": "amy;mum", "spoken_to": "unknown",
         "informant": "mum"},
        {"date": "2020-03-05", "agency": "mash", "type": "decision", "subjects": "amy;mum", "spoken_to": "none",
         "informant": "mum"},
    ], relationships=FAMILY, people=[{"id": "amy", "child": "yes"}], agencies={"school": "school", "mash": "mash"}),
    "ages": case([
        {"date": "2022-02-27", "agency": "mash", "type": "decision", "subjects": "leap;baby;kid;adult",
         "spoken_to": "none"},
        {"date": "2022-02-28", "agency": "mash", "type": "assessment", "subjects": "leap;baby;kid;adult",
         "spoken_to": "adult"},
        {"date": "2022-03-01", "agency": "school", "type": "disclosure", "subjects": "leap:victim;kid:victim",
         "risks": "physical_abuse"},
    ], people=[{"id": "leap", "born": "2004-02-29"}, {"id": "baby", "born": "2022-02-28"},
               {"id": "kid", "child": "yes"}, {"id": "adult", "child": "no"}],
       agencies={"mash": "mash", "school": "school"}),
}

# Beyond gap_cases.PARAMETERS: every day count at 0 and at its largest value.
EXTRA_PARAMETERS = [{name: value} for name in ("window", "contact_days", "days", "boundary_days", "delay",
                                               "decision_days") for value in (0, MAX_DAYS)]


def contract(findings):
    """Findings as the parity test compares them: every key but summary, sorted."""
    rows = [{k: v for k, v in f.as_json().items() if k != "summary"} for f in findings]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture(scope="module")
def parity_graph():
    reviews = [make_review(entries, review=f"case-{name}", **kwargs) for name, (entries, kwargs) in CASES.items()]
    reviews += [make_review(entries, review=f"extra-{name}", **kwargs) for name, (entries, kwargs) in EXTRA_CASES.items()]
    reviews += list(load(EXAMPLES).reviews)
    reviews.append(safegraph.load_review(OUTSIDE / "riverside.yaml"))
    reviews += [safegraph.review_from_dict(synthetic_review(f"syn-{n}", 300, seed=n)) for n in range(3)]
    return build_graph(reviews)


@pytest.fixture(scope="module")
def pushed(neo4j_uri, parity_graph):
    from safegraph.neo4j_store import connect

    driver = connect(neo4j_uri)
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    push(driver, parity_graph)
    yield driver
    driver.close()


@pytest.mark.parametrize("query", QUERY_NAMES)
def test_parity_with_embedded(pushed, parity_graph, query):
    """Every query of the catalogue, on every case, example, the outside review and
    synthetic reviews, under the default, threshold-edge and extreme parameters: Neo4j gives
    exactly the embedded findings (every key of the JSON contract but the summary, which
    both word in shared Python), in the same order."""
    accepted = set(get_query(query).parameters)
    assert accepted <= set(QUERY_PARAMETERS)
    exercised = False
    for params in [*PARAMETERS, *EXTRA_PARAMETERS]:
        if not set(params) <= accepted:
            continue
        embedded = safegraph.find_gaps(parity_graph, [query], **params)
        stored = neo4j_gaps(pushed, parity_graph, [query], **params)
        assert contract(stored) == contract(embedded), params
        assert [f.summary for f in stored] == [f.summary for f in embedded], params
        exercised = exercised or bool(embedded)
    assert exercised, "the parity corpus should exercise every query"


def test_knows_relationships_match_the_embedded_index(pushed, parity_graph):
    """KNOWS equals the embedded index: for every agency and entry, the arrival's place
    (KNOWS `order` counts from 1, like Entry.order; the index's from 0), entry and day."""
    for review in sorted({n[1] for n in parity_graph}):
        K = safegraph.knowledge(parity_graph, review)
        expected = {(a, e, arrival.via, arrival.order + 1, arrival.day.isoformat())
                    for e, known in K.known.items() for a, arrival in known.items()}
        records, _, _ = pushed.execute_query(
            "MATCH (a:Agency {review: $r})-[k:KNOWS]->(e:Entry) "
            "RETURN a.id AS a, e.id AS e, k.via AS via, k.order AS o, toString(k.since) AS since", r=review)
        assert {(r["a"], r["e"], r["via"], r["o"], r["since"]) for r in records} == expected, review


def test_derived_people_agencies_and_involvement_match_the_embedded_index(pushed, parity_graph):
    """family, household, organisation, episodic and INVOLVED_WITH (every substantive
    contact, with its day and entry) equal the embedded index."""
    for review in sorted({n[1] for n in parity_graph}):
        K = safegraph.knowledge(parity_graph, review)
        records, _, _ = pushed.execute_query(
            "MATCH (p:Person {review: $r}) RETURN p.id AS p, p.family AS family, p.household AS household", r=review)
        assert {(r["p"], r["family"], r["household"]) for r in records} == {
            (p, min(K.family(p)), min(K.household(p))) for p in K.persons}, review
        records, _, _ = pushed.execute_query(
            "MATCH (a:Agency {review: $r}) RETURN a.id AS a, a.organisation AS organisation, a.episodic AS episodic",
            r=review)
        assert {(r["a"], r["organisation"], r["episodic"]) for r in records} == {
            (a, K.organisation[a], K.is_episodic(a)) for a in K.agencies}, review
        records, _, _ = pushed.execute_query(
            "MATCH (a:Agency {review: $r})-[i:INVOLVED_WITH]->(p:Person) "
            "RETURN a.id AS a, p.id AS p, [d IN i.days | toString(d)] AS days, toString(i.first) AS first, "
            "toString(i.last) AS last, [d IN i.contact_days | toString(d)] AS contact_days, "
            "i.contact_entries AS contact_entries", r=review)
        got = {(r["a"], r["p"], tuple(r["days"]), r["first"], r["last"],
                tuple(zip(r["contact_days"], r["contact_entries"]))) for r in records}
        expected = {(a, p, tuple(d.isoformat() for d in inv.contacts), inv.first.isoformat(), inv.last.isoformat(),
                     tuple((d.isoformat(), e) for d, e in K.contact_entries[(a, p)]))
                    for (a, p), inv in K.involvement.items()}
        assert got == expected, review


def dump(driver, review=None):
    """Everything in the database (or one review), as comparable JSON strings."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE $review IS NULL OR n.review = $review "
        "RETURN labels(n) AS labels, properties(n) AS props", review=review)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE $review IS NULL OR a.review = $review "
        "RETURN a.id AS a, labels(a) AS la, type(r) AS t, properties(r) AS props, b.id AS b, labels(b) AS lb",
        review=review)
    return sorted(json.dumps(dict(r), sort_keys=True, default=str) for r in [*nodes, *rels])


def small(review="r", summary="first"):
    return make_review([
        {"date": "2020-01-01", "agency": "police", "subjects": "amy;mum", "summary": summary, "risks": "domestic_abuse",
         "shared_with": "csc"},
        {"date": "2020-02-01", "agency": "csc", "type": "meeting", "subjects": "amy", "attendees": "police",
         "passes_on": "e1"},
    ], relationships=["mum parent_of amy"], review=review)


def test_push_twice_changes_nothing(neo4j_driver):
    G = build_graph([small("r"), small("s")])
    assert [r.status for r in push(neo4j_driver, G)] == ["written", "written"]
    before = dump(neo4j_driver)
    assert [r.status for r in push(neo4j_driver, G)] == ["unchanged", "unchanged"]
    assert dump(neo4j_driver) == before
    assert [r.status for r in push(neo4j_driver, G, force=True)] == ["written", "written"]
    assert dump(neo4j_driver) == before


def test_push_of_a_changed_review_replaces_it_and_nothing_else(neo4j_driver):
    push(neo4j_driver, build_graph([small("r"), small("s")]))
    other = dump(neo4j_driver, "s")
    changed = make_review([{"date": "2021-01-01", "agency": "gp", "subjects": "amy", "summary": "only this"}], review="r")
    assert [x.status for x in push(neo4j_driver, build_graph(changed))] == ["written"]
    assert dump(neo4j_driver, "s") == other
    fresh = dump(neo4j_driver, "r")
    records, _, _ = neo4j_driver.execute_query("MATCH (e:Entry {review: 'r'}) RETURN e.summary AS s")
    assert [r["s"] for r in records] == ["only this"]
    # The same as pushing the changed review into an empty database.
    with neo4j_driver.session() as session:
        session.run("MATCH (n {review: 'r'}) DETACH DELETE n").consume()
    push(neo4j_driver, build_graph(changed))
    assert dump(neo4j_driver, "r") == fresh


TRICKY = ['it\'s "quoted"', "back\\slash \\' \\\"", "MATCH (n) DETACH DELETE n //", "}) RETURN 1; CREATE (x",
          "Zoë — ‘curly’ 🙂", "$review"]


def test_awkward_text_goes_through_untouched(neo4j_driver):
    review = make_review(
        [{"date": "2020-01-01", "agency": "police", "subjects": "amy", "summary": text, "comment": text,
          "source": text} for text in TRICKY],
        people=[{"id": "amy", "name": TRICKY[0] + TRICKY[2]}],
        agencies=[{"id": "police", "name": TRICKY[3], "area": TRICKY[1]}])
    push(neo4j_driver, build_graph(review))
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (e:Entry {review: 'r'}) RETURN e.summary AS s, e.comment AS c, e.source AS src ORDER BY e.order")
    assert [(r["s"], r["c"], r["src"]) for r in records] == [(t, t, t) for t in TRICKY]
    records, _, _ = neo4j_driver.execute_query("MATCH (p:Person) RETURN p.name AS n")
    assert [r["n"] for r in records] == [TRICKY[0] + TRICKY[2]]
    records, _, _ = neo4j_driver.execute_query("MATCH (a:Agency) RETURN a.name AS n, a.area AS area")
    assert [(r["n"], r["area"]) for r in records] == [(TRICKY[3], TRICKY[1])]


KILLER = textwrap.dedent("""
    import os, signal, sys
    import safegraph
    from safegraph import neo4j_store
    from safegraph.synthetic import synthetic_review
    original = neo4j_store.derive
    def dying(tx, reviews):
        # The review's old copy is deleted and its new one written, in the open
        # transaction: the pushing process dies before the derivation and the commit.
        os.kill(os.getpid(), signal.SIGKILL)
    neo4j_store.derive = dying
    reviews = [safegraph.review_from_dict(synthetic_review(name, 2000, seed=7)) for name in ("big", "other")]
    driver = neo4j_store.connect(sys.argv[1])
    neo4j_store.push(driver, safegraph.build_graph(reviews), batch=100)
""")


def test_a_push_killed_half_way_leaves_the_review_as_it_was(neo4j_driver, neo4j_uri, tmp_path):
    old = safegraph.review_from_dict(synthetic_review("big", 300, seed=1))
    push(neo4j_driver, build_graph([old, small("other")]))
    before = dump(neo4j_driver)
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    result = subprocess.run([sys.executable, str(script), neo4j_uri], cwd=ROOT, capture_output=True,
                            timeout=300)
    assert result.returncode == -9, result.stderr.decode()[-2000:]
    assert dump(neo4j_driver) == before


def test_a_push_failing_in_python_half_way_rolls_back(neo4j_driver, monkeypatch):
    from safegraph import neo4j_store

    push(neo4j_driver, build_graph([small("r", summary="old"), small("s", summary="old")]))
    before = dump(neo4j_driver)

    def failing(tx, reviews):
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(neo4j_store, "derive", failing)
    with pytest.raises(RuntimeError):
        push(neo4j_driver, build_graph([small("r", summary="new"), small("s", summary="new")]), batch=1)
    assert dump(neo4j_driver) == before


def test_push_in_several_transactions_and_statements_equals_push_in_one(neo4j_driver):
    """Reviews grouped many to a transaction and a statement, one to each, and written by
    several sessions at once, give the same database."""
    reviews = [safegraph.review_from_dict(synthetic_review(f"syn-{n}", 40, seed=n)) for n in range(5)]
    G = build_graph([*reviews, small("r"), small("s")])
    push(neo4j_driver, G, workers=1, transaction_rows=10**9, batch=10**9)
    one = dump(neo4j_driver)
    for settings in ({"workers": 1, "transaction_rows": 1, "batch": 1}, {"workers": 3, "transaction_rows": 300, "batch": 100}):
        neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
        push(neo4j_driver, G, **settings)
        assert dump(neo4j_driver) == one, settings


def test_a_review_changed_and_pushed_again_gives_the_new_findings(neo4j_driver):
    """Everything derived at push time follows the review's new content: the findings on
    Neo4j after the second push are those of the changed review, embedded."""
    cases = [CASES[name] for name in list(CASES)[:3]] + [EXTRA_CASES["receipt-ties"]]
    first = [make_review(entries, review=f"c{i}", **kwargs) for i, (entries, kwargs) in enumerate(cases)]
    push(neo4j_driver, build_graph(first))
    # c0 now holds what c3 held (other people, agencies, receipts and routes), c3 is as it was.
    entries, kwargs = cases[3]
    G = build_graph([make_review(entries, review="c0", **kwargs), *first[1:]])
    assert [r.status for r in push(neo4j_driver, G)] == ["written", "unchanged", "unchanged", "unchanged"]
    stored, embedded = neo4j_gaps(neo4j_driver, G), safegraph.find_gaps(G)
    assert [f.__dict__ for f in stored] == [f.__dict__ for f in embedded]
    assert embedded


def test_cli_push_and_gaps_on_neo4j_match_embedded(neo4j_driver, neo4j_uri):
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_uri}
    path = str(EXAMPLES / "hasan")
    missing = runner.invoke(cli, ["gaps", path, "--backend", "neo4j", "--format", "json"], env=env)
    assert missing.exit_code == 1 and "safegraph push" in missing.output
    pushed = runner.invoke(cli, ["push", path], env=env)
    assert pushed.exit_code == 0, pushed.output
    assert "hasan: written" in pushed.output
    again = runner.invoke(cli, ["push", path], env=env)
    assert "hasan: unchanged" in again.output
    embedded = runner.invoke(cli, ["gaps", path, "--format", "json"])
    stored = runner.invoke(cli, ["gaps", path, "--backend", "neo4j", "--format", "json"], env=env)
    assert stored.exit_code == 0, stored.output
    assert json.loads(stored.output) == json.loads(embedded.output)
    table = runner.invoke(cli, ["gaps", path, "--backend", "neo4j"], env=env)
    assert table.output == runner.invoke(cli, ["gaps", path]).output


def test_cli_gaps_on_neo4j_refuses_a_stale_copy(neo4j_driver, neo4j_uri, tmp_path):
    from conftest import write_csv_review
    folder = write_csv_review(tmp_path / "r")
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_uri}
    assert runner.invoke(cli, ["push", str(folder)], env=env).exit_code == 0
    (folder / "chronology.csv").write_text("date,agency,type,subjects,summary\n2021-01-01,school,contact,amy,changed\n")
    result = runner.invoke(cli, ["gaps", str(folder), "--backend", "neo4j"], env=env)
    assert result.exit_code == 1
    assert "differs from" in result.output


def test_cli_cypher_runs_a_saved_query_with_parameters(neo4j_driver, neo4j_uri, tmp_path):
    push(neo4j_driver, build_graph(small("r")))
    query = tmp_path / "q.cypher"
    query.write_text("// Entries an agency knew by a date.\n"
                     "MATCH (a:Agency {review: $review, id: $agency})-[k:KNOWS]->(e:Entry)\n"
                     "WHERE k.since <= date($on) RETURN e.id AS entry, k.via AS via ORDER BY e.order;\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["cypher", str(query), "--param", "review=r", "--param", "agency=police",
                                 "--param", "on=2020-02-01", "--format", "json"], env={"NEO4J_URI": neo4j_uri})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"entry": "e1", "via": "e1"}, {"entry": "e2", "via": "e2"}]
    missing = runner.invoke(cli, ["cypher", str(query), "--param", "review=r"], env={"NEO4J_URI": neo4j_uri})
    assert missing.exit_code != 0 and "agency" in missing.output


def test_every_query_has_its_cypher_file_with_a_header():
    for query in QUERIES:
        text = (ROOT / query.cypher_file).read_text()
        assert text.startswith(f"// {query.name}:"), query.name
        assert "Parameters:" in text
