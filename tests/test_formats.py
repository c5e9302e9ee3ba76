"""The three containers, read from files written outside the project (tests/data/outside)."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from safegraph import build_graph, knows, load, load_review
from safegraph.cli import cli
from safegraph.info import describe

from conftest import OUTSIDE

CONTAINERS = ["riverside-csv", "riverside.xlsx", "riverside.yaml", "riverside.json"]


@pytest.fixture(scope="module", params=CONTAINERS)
def riverside(request):
    return load_review(OUTSIDE / request.param)


def test_each_container_loads_without_warnings():
    for name in CONTAINERS:
        corpus = load(OUTSIDE / name)
        assert [r.id for r in corpus.reviews] == ["riverside"]
        assert corpus.warnings == ()


def test_info_is_identical_across_containers():
    runner = CliRunner()
    outputs = {name: runner.invoke(cli, ["info", str(OUTSIDE / name)]) for name in CONTAINERS}
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
    texts = {r.output for r in outputs.values()}
    assert len(texts) == 1


def test_counts_match_the_hand_worked_expectations(riverside):
    info = describe(riverside)
    assert (len(info["people"]), len(info["relationships"]), len(info["agencies"]), info["entries"]) == (7, 10, 10, 40)
    assert info["entries_by_type"] == {"assessment": 7, "contact": 7, "death": 1, "decision": 5, "disclosure": 3,
                                       "incident": 6, "meeting": 4, "other": 2, "referral": 4, "share": 1}
    assert info["entries_by_agency"] == {"amh": 2, "csc": 10, "ed": 3, "ehousing": 2, "gp": 6, "idva": 2,
                                         "marac": 2, "mash": 2, "school": 4, "wpol": 7}
    assert (info["first"], info["last"]) == ("2022-01-15", "2024-05-19")


def test_default_and_explicit_ids(riverside):
    ids = [e.id for e in riverside.entries]
    assert ids[:3] == ["pol-001", "riverside-2", "riverside-3"]
    assert ids[38:] == ["riverside-99", "riverside-40"]


def test_unknown_columns_are_kept(riverside):
    by_id = {e.id: e for e in riverside.entries}
    keys = {k.lower() for k in by_id["pol-001"].extra}
    assert {"officer_ref", "rag"} <= keys


KNOWS = [
    ("gp", "2022-01-20", {"pol-001", "riverside-2", "riverside-3"}),
    ("gp", "2022-01-19", set()),
    ("wpol", "2023-02-10", {"pol-001", "riverside-2", "pol-002", "marac-a", "riverside-18", "pol-003"}),
    ("csc", "2023-02-13", {"pol-002", "marac-a", "riverside-11", "riverside-12", "pol-003", "riverside-19"}),
    ("school", "2023-10-26", {"pol-001", "riverside-5", "riverside-15", "riverside-21", "strat-1", "riverside-26",
                              "riverside-27", "riverside-28", "riverside-29", "marac-b"}),
    ("amh", "2024-01-20", {"pol-001", "riverside-4", "riverside-13", "riverside-14", "riverside-28", "riverside-29",
                           "marac-b", "riverside-32", "riverside-33"}),
]


@pytest.mark.parametrize("agency,day,expected", KNOWS)
def test_knows_matches_the_hand_worked_answers(riverside, agency, day, expected):
    G = build_graph(riverside)
    assert {k.entry for k in knows(G, "riverside", agency, dt.date.fromisoformat(day))} == expected


def test_knows_cli_json(tmp_path):
    result = CliRunner().invoke(cli, ["knows", str(OUTSIDE / "riverside.yaml"), "gp", "--on", "20/1/2022",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    known = json.loads(result.output)["known"]
    assert [(k["entry"], k["via"]) for k in known] == [
        ("pol-001", "riverside-3"), ("riverside-2", "riverside-3"), ("riverside-3", "riverside-3")]


def test_v2_changes_to_the_hand_worked_gap_answers(riverside):
    """EXPECTED.md, "Contract v2": child-not-seen drops the two decisions whose spoken_to is
    not recorded; single-informant keeps riverside-3 and adds the four decisions resting on
    Maya's account alone."""
    from safegraph import find_gaps

    found = find_gaps(riverside, ["child-not-seen", "single-informant"])
    unseen = {f.events[0]: f.persons for f in found if f.query == "child-not-seen"}
    assert unseen == {"riverside-3": ["poppy"], "riverside-11": ["poppy"], "riverside-12": ["lewis", "poppy"],
                      "riverside-26": ["lewis", "poppy"], "riverside-27": ["poppy"], "riverside-38": ["poppy"]}
    informants = {f.events[0]: f.detail for f in found if f.query == "single-informant"}
    assert informants == {"riverside-3": ["dean"], "riverside-12": ["maya"], "riverside-26": ["maya"],
                          "riverside-27": ["maya"], "riverside-38": ["maya"]}
