"""The docs tell the truth: the worked example runs, and every command is documented."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from safegraph import build_graph, find_gaps, knows, load_review
from safegraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_worked_example_in_format_doc(tmp_path):
    text = (ROOT / "docs" / "format.md").read_text()
    example = text[text.index("## A worked example"):]
    for name, body in re.findall(r"`([a-z]+\.(?:yaml|csv))`\n```[a-z]*\n(.*?)```", example, re.S):
        (tmp_path / name).write_text(body)
    review = load_review(tmp_path)
    findings = find_gaps(review, ["unshared-meeting-outcome"])
    assert [(f.agencies, f.events, f.level) for f in findings] == [(["school"], ["amy-example-3"], "confirmed")]
    import datetime as dt
    G = build_graph(review)
    assert [k.entry for k in knows(G, "amy-example", "idva", dt.date(2020, 3, 1))] == ["amy-example-2", "amy-example-3"]


def commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"safegraph {name}" in result.output
    assert f"safegraph {name}" in (ROOT / "README.md").read_text()


def test_readme_has_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme[readme.index("## Quick start"):].split("\n## ")[0]
    assert re.findall(r"^(scripts/\S+)$", quick, re.M) == ["scripts/demo", "scripts/test"]
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_vocabularies_doc_is_up_to_date():
    """docs/vocabularies.md is generated from the vocabulary files; regenerate it with
    `python scripts/vocab_docs.py` after changing a vocabulary."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "vocab_docs.py"), "--check"])
    assert result.returncode == 0, "docs/vocabularies.md is out of date: run python scripts/vocab_docs.py"


def test_docs_do_not_point_outside_the_repository():
    """The contract lives in the project's own docs; a clone has no ../shared/."""
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "shared/spec" not in path.read_text(), path
