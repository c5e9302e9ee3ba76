"""safegraph research: rates with denominators across a corpus, the flow picture, the
tidy export."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from safegraph import build_graph, find_gaps, load
from safegraph.cli import cli
from safegraph.research import ELIGIBLE, study, wilson

from conftest import EXAMPLES, write_csv_review

NAMES = ["child-m", "child-q", "hasan", "nadiya", "rukhsana"]


@pytest.fixture(scope="module")
def examples():
    corpus = load(EXAMPLES)
    G = build_graph(corpus)
    findings = find_gaps(G)
    return G, findings, study(G, [r.id for r in corpus.reviews], findings)


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_every_rate_has_its_denominator_and_its_reviews(examples):
    G, findings, result = examples
    assert [r["review"] for r in result["reviews"]] == NAMES
    assert set(result["queries"]) == set(ELIGIBLE)
    for query, rate in result["queries"].items():
        hits = {f.review for f in findings if f.query == query and f.agencies}
        assert set(rate["review_ids"]) == hits, query
        assert set(rate["review_ids"]) <= set(rate["eligible_ids"]), query
        assert (rate["reviews"], rate["of"]) == (len(rate["review_ids"]), len(rate["eligible_ids"]))
        low, high = rate["ci95"]
        assert low <= rate["rate"] <= high
    # Child M held no meeting: it cannot have a meeting's outcome unshared.
    meetings = result["queries"]["unshared-meeting-outcome"]
    assert "child-m" not in meetings["eligible_ids"] and meetings["of"] == 4
    # Only Hasan and Rukhsana span two areas.
    assert result["queries"]["cross-boundary"]["review_ids"] == ["hasan", "rukhsana"]


def test_rates_by_agency_type_count_reviews_not_findings(examples):
    G, findings, result = examples
    row = next(r for r in result["agency_types"]
               if r["query"] == "decision-without-history" and r["type"] == "childrens_social_care")
    reviews_with = {f.review for f in findings if f.query == "decision-without-history"
                    for a in f.agencies if a in {x[2] for x in G if x[0] == "Agency" and x[1] == f.review
                                                 and G.nodes[x].get("type") == "childrens_social_care"}}
    assert row["review_ids"] == sorted(reviews_with) and row["reviews"] == len(reviews_with)
    assert sum(f.query == "decision-without-history" for f in findings) > row["reviews"]


def test_the_flow_picture_and_recurring_shapes(examples):
    _, _, result = examples
    cells = {(c["holder"], c["lacking"]): c for c in result["flow"]["cells"]}
    marac_to_school = cells[("marac", "school")]
    assert marac_to_school["reviews"] >= 1 and marac_to_school["of"] >= marac_to_school["reviews"]
    assert all(c["holder"] != c["lacking"] for c in result["flow"]["cells"])
    top = result["shapes"][0]
    assert top["reviews"] == len(top["review_ids"]) >= 2


def test_breakdowns_by_kind_year_area_and_theme(tmp_path, examples):
    _, _, result = examples
    kinds = result["breakdowns"]["kind"]
    assert sum(len(v["_reviews"]) for v in kinds.values()) == 5
    assert "information_sharing" in result["breakdowns"]["theme"]  # derived from the findings
    # A theme the reviewer writes in review.yaml is counted too, and a wrong one is named.
    folder = write_csv_review(tmp_path / "t", review="id: t\ntitle: T\nthemes: neglect; Voice of the child\n")
    assert load(folder).reviews[0].themes == ("neglect", "voice_of_the_child")
    bad = write_csv_review(tmp_path / "b", review="id: b\ntitle: B\nthemes: neglectt\n")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1 and "'neglectt' is not a known theme (did you mean 'neglect'?)" in result.output


def test_wilson_interval():
    low, high = wilson(14, 31)
    assert (round(low, 3), round(high, 3)) == (0.292, 0.622)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_research_outputs_and_the_export_open_in_pandas(tmp_path):
    pd = pytest.importorskip("pandas")  # installed by the test extra
    text = run("research", EXAMPLES)
    assert text.startswith("# Gaps across 5 reviews") and "| unshared-meeting-outcome | 4 of 4 |" in text
    data = json.loads(run("research", EXAMPLES, "--format", "json"))
    assert data["queries"]["cross-boundary"]["of"] == 4
    page = tmp_path / "r.html"
    run("research", EXAMPLES, "--format", "html", "-o", page, "--export", tmp_path / "tables")
    body = page.read_text(encoding="utf-8")
    assert "<script" not in body and "default-src 'none'" in body and not re.search(r"https?://", body)
    assert "<h3>By kind</h3>" in body and "<h2>Recurring shapes</h2>" in body and "Children&#x27;s social care" in body
    reviews = pd.read_csv(tmp_path / "tables" / "reviews.csv")
    findings = pd.read_csv(tmp_path / "tables" / "findings.csv")
    entries = pd.read_csv(tmp_path / "tables" / "entries.csv")
    assert list(reviews["review"]) == NAMES and len(entries) == reviews["entries"].sum()
    joined = findings.merge(reviews, on="review")
    assert len(joined) == len(findings) and set(joined["review"]) == set(NAMES) - {"child-m"}
    per_review = findings.groupby("review")["query"].count()
    assert per_review["hasan"] > per_review["nadiya"]
