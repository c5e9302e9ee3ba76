"""A corpus one review at a time in worker processes (safegraph._bulk): the same output as
loading the whole corpus at once, the same all-or-nothing rule, and the pieces that make it
fast giving exactly what they replace."""

from __future__ import annotations

import io
import json
import shutil
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import safegraph
from safegraph import report, research
from safegraph._bulk import PARALLEL_FROM, default_jobs, map_reviews
from safegraph.cli import cli
from safegraph.errors import LoadError
from safegraph.models import Entry, Origin, Subject, trusted
from safegraph.synthetic import synthetic_review, write_review

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The five examples and three synthetic reviews, as one corpus folder."""
    folder = tmp_path_factory.mktemp("corpus")
    for review in sorted(p for p in EXAMPLES.iterdir() if (p / "review.yaml").exists()):
        shutil.copytree(review, folder / review.name)
    for n in range(3):
        write_review(folder / f"syn-{n}", synthetic_review(f"syn-{n}", 120, seed=n))
    return folder


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def whole_corpus_json(path) -> str:
    """``gaps --format json`` as it was before the corpus was split: load everything,
    build one graph, run the queries on it."""
    corpus = safegraph.load(path)
    out = io.StringIO()
    report.write_json(out, [r.id for r in corpus.reviews], safegraph.find_gaps(corpus))
    return out.getvalue() + "\n"


def test_gaps_json_in_workers_is_the_whole_corpus_json(corpus, tmp_path):
    expected = whole_corpus_json(corpus)
    for jobs in (1, 2, 3):
        out = tmp_path / f"j{jobs}.json"
        run("gaps", corpus, "--format", "json", "--jobs", jobs, "-o", out)
        assert out.read_text(encoding="utf-8") == expected, jobs
    document = json.loads(expected)
    assert {"hasan", "child-q", "syn-0", "syn-1", "syn-2"} <= {f["review"] for f in document["findings"]}
    assert sum(f["headline"] for f in document["findings"]) == report.DEFAULT_TOP


def test_gaps_filters_in_workers_match_the_whole_corpus(corpus):
    args = ["--format", "json", "--query", "unshared-risk", "--query", "silo-agency", "--level", "no_record",
            "--level", "none", "--since", "2000-01-01", "--top", "3", "--window", "30"]
    one = run("gaps", corpus, *args, "--jobs", 1)
    two = run("gaps", corpus, *args, "--jobs", 2)
    assert one == two
    whole = safegraph.load(corpus)
    G = safegraph.build_graph(whole)
    selection = report.Selection(levels=("no_record", "none"), since=safegraph.parse_date("2000-01-01").day)
    findings = report.select(G, safegraph.find_gaps(G, ["unshared-risk", "silo-agency"], window=30), selection)
    out = io.StringIO()
    report.write_json(out, [r.id for r in whole.reviews], findings, top=3)
    assert two == out.getvalue() + "\n"
    rows = json.loads(two)["findings"]
    assert rows and {f["query"] for f in rows} <= {"unshared-risk", "silo-agency"}
    assert {f["level"] for f in rows} <= {"no_record", None}
    assert sum(f["headline"] for f in rows) == 3


def test_validate_and_research_in_workers(corpus, tmp_path):
    assert run("validate", corpus, "--jobs", 2) == run("validate", corpus, "--jobs", 1)
    assert run("validate", corpus, "--jobs", 2).count("ok: ") == 8
    whole = safegraph.load(corpus)
    G = safegraph.build_graph(whole)
    reviews = [r.id for r in whole.reviews]
    findings = safegraph.find_gaps(G)
    expected = research.to_json(research.study(G, reviews, findings))
    run("research", corpus, "--format", "json", "--jobs", 2, "--export", tmp_path / "t", "-o", tmp_path / "r.json")
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == expected
    research.export(tmp_path / "whole", G, reviews, findings)
    for name in research.TABLES:
        got = (tmp_path / "t" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        want = (tmp_path / "whole" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert got[0] == want[0] and sorted(got) == sorted(want), name
        assert len(got) > 1, name


def test_a_broken_review_stops_a_parallel_run_with_every_problem(corpus, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    for name, row in (("hasan", 3), ("syn-1", 5)):
        path = broken / name / "chronology.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[row - 1] = lines[row - 1].replace(",", ",31/02/2001X,", 1)  # a bad cell, the row shifted
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "findings.json"
    result = CliRunner().invoke(cli, ["gaps", str(broken), "--format", "json", "--jobs", "2", "-o", str(out)])
    assert result.exit_code == 1
    assert "hasan/chronology.csv row 3" in result.output and "syn-1/chronology.csv row 5" in result.output
    assert "nothing was loaded" in result.output
    assert not out.exists()
    skipped = CliRunner().invoke(cli, ["validate", str(broken), "--jobs", "2", "--skip-invalid"])
    assert skipped.exit_code == 1
    assert "6 reviews loaded, 2 skipped" in skipped.output
    assert skipped.output.count("ok: ") == 6


def test_a_review_id_used_twice_is_an_error_on_the_second(corpus, tmp_path):
    twice = tmp_path / "twice"
    shutil.copytree(corpus, twice)
    shutil.copytree(twice / "hasan", twice / "zz-hasan-again")
    with pytest.raises(LoadError) as caught:
        map_reviews(twice, None, jobs=2)
    [problem] = caught.value.problems
    assert problem.file.endswith("zz-hasan-again/review.yaml") and problem.column == "id"
    assert "also used by" in problem.message and problem.message.endswith("/hasan")


def test_default_jobs():
    assert default_jobs(PARALLEL_FROM - 1) == 1
    assert 1 <= default_jobs(1000) <= 8


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_fast_json_text_is_the_standard_librarys(value):
    # json.dumps escapes every newline inside a string, so each "\n" it writes is a line break.
    expected = "    " + json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n    ")
    assert "    " + report._indented(value, "    ") == expected


def test_line_separators_in_a_summary_survive_the_json():
    """textwrap.indent, used before, split lines at U+2028 and the like inside strings and
    so changed the text of a summary holding one."""
    value = {"summary": "one\u2028two\x85three\x1cfour"}
    assert json.loads(report._indented(value, "    ")) == value
    assert json.loads(textwrap.indent(json.dumps(value, indent=2, ensure_ascii=False), "    ")) != value


def test_trusted_models_are_the_validated_ones():
    review = safegraph.load(EXAMPLES / "hasan").reviews[0]
    for entry in review.entries[:40]:
        values = {name: getattr(entry, name) for name in entry.model_fields_set}
        rebuilt = Entry(**values)
        assert rebuilt == entry and rebuilt.model_dump() == entry.model_dump()
        assert rebuilt.model_fields_set == entry.model_fields_set
    made = trusted(Entry, {"id": "x", "date": review.entries[0].date, "agency": "a", "type": "contact",
                           "subjects": (trusted(Subject, {"person": "p"}),), "summary": "s", "position": 1})
    assert made == Entry(id="x", date=review.entries[0].date, agency="a", type="contact",
                         subjects=(Subject(person="p"),), summary="s", position=1)
    assert made.extra == {} and made.extra is not trusted(Entry, {"id": "y"}).extra
    assert trusted(Origin, {"file": "f"}) == Origin(file="f")


def test_edges_written_directly_are_what_networkx_writes(monkeypatch):
    corpus = safegraph.load(EXAMPLES)
    direct = safegraph.build_graph(corpus)
    monkeypatch.setattr("safegraph.graph.add_edges", lambda G, edges: G.add_edges_from(edges))
    through_api = safegraph.build_graph(corpus)

    def shape(G):
        return (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)),
                [(n, list(G.pred[n].items()), list(G.succ[n].items())) for n in G],
                list(G.in_edges(keys=True, data=True)))
    assert shape(direct) == shape(through_api)
    assert all(direct._succ[u][v] is direct._pred[v][u] for u, v in direct.edges())


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("extra", [[], ["--all"], ["--top", "4", "--level", "confirmed", "--level", "none"]])
def test_text_reports_in_workers_are_the_whole_corpus_report(corpus, fmt, extra):
    whole = safegraph.load(corpus)
    G = safegraph.build_graph(whole)
    findings = safegraph.find_gaps(G)
    top, limit = (None, None) if "--all" in extra else (report.DEFAULT_TOP, report.EVIDENCE_ROWS)
    if "--top" in extra:
        top = 4
        findings = report.select(G, findings, report.Selection(levels=("confirmed", "none")))
    expected = report.to_text(G, [r.id for r in whole.reviews], findings, markdown=fmt == "markdown", top=top,
                              evidence_limit=limit)
    for jobs in (1, 2):
        assert run("gaps", corpus, "--format", fmt, *extra, "--jobs", jobs) == expected
    assert expected.count("\n1. ") == 1 and ("[hasan]" in expected or "\\[hasan\\]" in expected)
