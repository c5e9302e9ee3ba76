"""--skip-invalid: a corpus loads when one of its reviews is broken, and says which and why."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from safegraph import LoadError, load
from safegraph.cli import cli

from conftest import EXAMPLES, write_csv_review


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copytree(EXAMPLES / "nadiya", folder / "nadiya")
    shutil.copytree(EXAMPLES / "child-q", folder / "child-q")
    write_csv_review(folder / "broken", review="id: broken\ntitle: Broken\n",
                     chronology=[["date", "agency", "type", "subjects", "summary"],
                                 ["31/02/2020", "police", "incident", "amy", "x"],
                                 ["2020-01-01", "nobody", "incident", "amy", "y"]])
    return folder


def test_the_default_stays_all_or_nothing(corpus):
    with pytest.raises(LoadError):
        load(corpus)
    result = CliRunner().invoke(cli, ["gaps", str(corpus)])
    assert result.exit_code != 0 and "nothing was loaded" in result.output


def test_skip_invalid_loads_the_rest_and_lists_the_broken_one(corpus):
    loaded = load(corpus, skip_invalid=True)
    assert [r.id for r in loaded.reviews] == ["child-q", "nadiya"]
    ((shown, problems),) = loaded.skipped
    assert shown.endswith("broken") and len([p for p in problems if p.severity == "error"]) == 2
    result = CliRunner().invoke(cli, ["gaps", str(corpus), "--skip-invalid", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f"skipped {corpus}/broken: 2 problems" in result.stderr
    assert "'31/02/2020' is not a day in the calendar" in result.stderr and "unknown agency 'nobody'" in result.stderr
    assert "2 reviews loaded, 1 skipped" in result.stderr
    assert json.loads(result.stdout)["reviews"] == ["child-q", "nadiya"]
    # validate lists what loaded and what did not, and fails.
    result = CliRunner().invoke(cli, ["validate", str(corpus), "--skip-invalid"])
    assert result.exit_code == 1 and "ok: nadiya" in result.output and "skipped" in result.output


def test_a_duplicate_review_id_is_skipped_too(corpus):
    shutil.copytree(EXAMPLES / "nadiya", corpus / "nadiya-again")
    loaded = load(corpus, skip_invalid=True)
    assert [r.id for r in loaded.reviews] == ["child-q", "nadiya"]
    assert any("also used by" in str(p) for _, problems in loaded.skipped for p in problems)


def test_nothing_left_is_still_an_error(tmp_path):
    folder = tmp_path / "corpus"
    write_csv_review(folder / "broken", chronology=[["date", "agency", "type", "subjects", "summary"],
                                                    ["31/02/2020", "police", "incident", "amy", "x"]])
    with pytest.raises(LoadError):
        load(folder, skip_invalid=True)
