"""The synthetic corpus with ground truth (issue 12): every planted gap is found, the corpus
is reproducible byte for byte, has the shape the issue asks for, and loads."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import safegraph
from safegraph.cli import cli
from safegraph.gaps import QUERY_NAMES
from safegraph.synthetic import read_truth, realistic_review, score, write_truth_corpus

REVIEWS = 8


def digest(folder: Path) -> str:
    """One hash of every file under ``folder`` (names and bytes)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("truth") / "corpus"
    write_truth_corpus(folder, REVIEWS, seed=3)
    return folder


@pytest.fixture(scope="module")
def results(corpus):
    loaded = safegraph.load(corpus)
    return loaded, score(safegraph.find_gaps(loaded), read_truth(corpus / "truth.csv"))


def test_every_query_is_planted_and_every_plant_found(results):
    _, stats = results
    for name in QUERY_NAMES:
        assert stats[name]["planted"] > 0, f"nothing planted for {name}"
        missed = [(row["review"], row["entries"], row["description"]) for row in stats[name]["missed"]]
        assert not missed, f"{name}: planted gaps not found: {missed}"
        assert stats[name]["recalled"] == stats[name]["planted"]


def test_nothing_found_in_the_background(results):
    """An unplanted finding is a knock-on of a plant at most (it shares an entry or an
    agency with one), never a gap of the background, which follows good practice."""
    _, stats = results
    background = {name: [f.summary for f in s["unplanted"]] for name, s in stats.items() if s["background"]}
    assert not background


def test_same_seed_same_bytes(corpus, tmp_path):
    again = write_truth_corpus(tmp_path / "again", REVIEWS, seed=3)
    assert digest(again) == digest(corpus)
    other = write_truth_corpus(tmp_path / "other", 2, seed=4)
    assert (other / "truth-0000" / "chronology.csv").read_bytes() != (corpus / "truth-0000" / "chronology.csv").read_bytes()


def test_same_bytes_in_another_process(corpus, tmp_path):
    """Nothing depends on the order of a set: another process, with another hash seed, writes
    the same files."""
    code = ("import sys; from pathlib import Path; from safegraph.synthetic import write_truth_corpus; "
            f"write_truth_corpus(Path(sys.argv[1]), {REVIEWS}, seed=3)")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "elsewhere")], check=True, env=env)
    assert digest(tmp_path / "elsewhere") == digest(corpus)


def test_realistic_shape(results):
    loaded, _ = results
    assert len(loaded.reviews) == REVIEWS
    for review in loaded.reviews:
        assert 3 <= len(review.people) <= 8
        assert 5 <= len(review.agencies) <= 20
        assert 50 <= len(review.entries) <= 800
        days = [e.date.day for e in review.entries]  # first day of each date
        assert (max(days) - min(days)).days >= 365


def test_shape_bounds_over_many_reviews():
    sizes = []
    kinds = set()
    for r in range(40):
        data, planted = realistic_review(f"truth-{r:04d}", seed=1)
        sizes.append(len(data["chronology"]))
        kinds.add(data["review"]["kind"])
        assert 3 <= len(data["people"]) <= 8
        assert 5 <= len(data["agencies"]) <= 20
        assert planted
    assert all(50 <= n <= 800 for n in sizes)
    assert 200 <= sum(sizes) / len(sizes) <= 400  # about 300 on average
    assert kinds >= {"scr", "lcspr", "sar", "dhr"}


def test_validates(corpus):
    result = CliRunner().invoke(cli, ["validate", str(corpus)])
    assert result.exit_code == 0, result.output
    assert result.output.count("ok: ") == REVIEWS
    assert "truth.csv" not in result.output  # the ground truth is not read as a review
