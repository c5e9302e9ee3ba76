"""Privacy: --redact really removes the names safegraph knows about, in every format; files
safegraph writes are owner-only; an internal error prints no data."""

from __future__ import annotations

import json
import os
import re
import stat

import pytest
from click.testing import CliRunner

from safegraph import build_graph, load
from safegraph._redact import Redactor, person_labels
from safegraph.cli import cli, main
from safegraph.testing import make_review

from conftest import EXAMPLES, OUTSIDE

REVIEWS = [*(EXAMPLES / name for name in ("child-m", "child-q", "hasan", "nadiya", "rukhsana")),
           OUTSIDE / "riverside.yaml"]

# Words for a place in a family. A name or id made only of these ("Mother", "father",
# "Older siblings", "The parent", "Maternal grandmother", "neighbour") names a role, not
# a person: the labels themselves are made of such words, so these are not looked for.
# Every other name and id is, as a whole word in any case.
ROLE_WORDS = {"the", "mother", "father", "parent", "partner", "husband", "cousin", "siblings", "older",
              "maternal", "grandmother", "neighbour"}


def personal_words(review) -> list[str]:
    """Every person's name and id in ``review`` that identifies someone."""
    words = set()
    for person in review.people:
        for text in (person.name, person.id):
            if not set(re.findall(r"[a-z0-9]+", text.lower())) <= ROLE_WORDS:
                words.add(text)
    return sorted(words, key=len, reverse=True)


def finder(words: list[str]) -> re.Pattern:
    # A hyphenated id is looked for with spaces and underscores too ("jila ex boyfriend").
    parts = [r"[-_\s]+".join(re.escape(piece) for piece in re.split(r"[-_\s]+", w)) for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return (result.stdout_bytes + result.stderr_bytes).decode("utf-8")


def redacted_outputs(path):
    """(command, output) for every command and format that takes --redact, on ``path``."""
    review = load(path).reviews[0]
    for fmt in ("table", "markdown", "json"):
        yield f"gaps --format {fmt}", run("gaps", path, "--redact", "--all", "--format", fmt)
    for fmt in ("text", "json"):
        yield f"info --format {fmt}", run("info", path, "--redact", "--format", fmt)
    last = max(review.entries, key=lambda e: e.date.day).date.day.isoformat()
    for agency in review.agencies:
        for fmt in ("text", "json"):
            yield f"knows {agency.id} --format {fmt}", run("knows", path, agency.id, "--on", last, "--redact",
                                                           "--format", fmt)


@pytest.mark.parametrize("path", REVIEWS, ids=lambda p: p.name)
def test_redacted_output_holds_no_name_or_person_id(path):
    review = load(path).reviews[0]
    words = personal_words(review)
    assert words, "nothing to look for"
    pattern = finder(words)
    # The check can fail: without --redact the names are there.
    assert pattern.search(run("gaps", path, "--all")) and pattern.search(run("info", path))
    for command, out in redacted_outputs(path):
        assert "redacted" in out.lower(), f"{command} does not say it is redacted"
        found = pattern.search(out)
        assert found is None, f"{command}: {found.group()!r} in {out[max(0, found.start() - 80):found.end() + 80]!r}"


def test_a_redacted_corpus_holds_no_name_and_numbers_its_reviews():
    corpus = load(EXAMPLES)
    pattern = finder(sorted({w for r in corpus.reviews for w in personal_words(r)}, key=len, reverse=True))
    document = run("gaps", EXAMPLES, "--redact", "--format", "json")
    assert pattern.search(document) is None
    data = json.loads(document)
    assert data["redacted"] is True
    assert data["reviews"] == [f"review-{i}" for i in range(1, len(corpus.reviews) + 1)]
    for fmt in ("table", "markdown"):
        assert pattern.search(run("gaps", EXAMPLES, "--redact", "--format", fmt)) is None


def test_labels_are_stable_across_runs_and_formats():
    path = EXAMPLES / "hasan"
    first = run("gaps", path, "--redact", "--format", "json")
    assert run("gaps", path, "--redact", "--format", "json") == first
    labels = {p["id"] for p in json.loads(run("info", path, "--redact", "--format", "json"))["reviews"][0]["people"]}
    findings = json.loads(first)["findings"]
    assert {p for f in findings for p in f["persons"]} <= labels
    table = run("gaps", path, "--redact", "--all")
    for f in findings[:20]:
        assert f["summary"] in table.replace("\n", " ") or f["summary"][:60] in table


def test_json_ids_are_labels_and_sources_and_dates_are_kept():
    path = EXAMPLES / "hasan"
    plain = json.loads(run("gaps", path, "--format", "json"))["findings"]
    redacted = json.loads(run("gaps", path, "--redact", "--format", "json"))["findings"]
    assert len(plain) == len(redacted)
    labels = person_labels(build_graph(load(path)), "hasan")
    for p, r in zip(plain, redacted):
        assert r["review"] == "review-1"
        assert r["persons"] == [labels[x] for x in p["persons"]]
        assert all(re.fullmatch(r"review-1-[0-9]+", e) for e in r["events"])
        assert (r["score"], r["rank"], r["level"], r["query"]) == (p["score"], p["rank"], p["level"], p["query"])
    known = json.loads(run("knows", path, "school", "--on", "1999-10-01", "--redact", "--format", "json"))
    plain_known = json.loads(run("knows", path, "school", "--on", "1999-10-01", "--format", "json"))
    assert known["redacted"] is True
    assert [(k["date"], k["source"], k["type"]) for k in known["known"]] == \
        [(k["date"], k["source"], k["type"]) for k in plain_known["known"]]
    assert all(k["summary"].startswith("[summary withheld: ") for k in known["known"])


def test_the_labels_follow_the_family():
    labels = {}
    for path in REVIEWS:
        corpus = load(path)
        G = build_graph(corpus)
        labels[corpus.reviews[0].id] = person_labels(G, corpus.reviews[0].id)
    assert labels["hasan"] == {
        "hasan": "Child 1", "jila": "Adult 1", "rahima": "Adult 2", "father": "Father", "mother": "Mother",
        "jila-ex-boyfriend": "Adult 1's ex-partner", "jila-boyfriend": "Adult 1's partner 1",
        "rahima-boyfriend": "Adult 2's partner", "cousin": "Adult 1's relative", "husband": "Adult 1's partner 2"}
    assert labels["nadiya"] == {
        "nadiya": "Child 1", "adrian": "Child 2", "jana": "Child 3", "mohini": "Child 4", "mother": "Mother",
        "mgm": "Mother's mother", "husband": "Mother's ex-partner", "father-of-jana": "Child 3's father",
        "father-of-mohini": "Child 4's father", "partner": "Mother's partner"}
    assert labels["rukhsana"]["samir"] == "Child 1" and labels["rukhsana"]["nasir"] == "Adult 1's partner"
    assert labels["child-q"] == {"child-q": "Child 1", "mother": "Mother", "father": "Father", "siblings": "Sibling"}
    for review_labels in labels.values():
        assert len(set(review_labels.values())) == len(review_labels), review_labels


def test_siblings_are_numbered_and_the_unrelated_go_by_role():
    review = make_review(
        [{"date": "2020-01-01", "agency": "police", "subjects": "amy"}],
        people=[{"id": "amy", "name": "Amy Stone", "role": "subject", "born": "2015"},
                {"id": "ben", "name": "Ben Stone", "sex": "m", "born": "2012"},
                {"id": "cat", "name": "Cat Stone", "sex": "f", "born": "2017"},
                {"id": "dee", "name": "Dee Stone", "sex": "f"},
                {"id": "pc-jones", "name": "PC Jones", "role": "professional"},
                {"id": "vic", "name": "Vic", "role": "relative"}, {"id": "val", "name": "Val", "role": "relative"}],
        relationships=["ben sibling_of amy", "cat sibling_of amy", "dee parent_of amy", "dee parent_of ben"])
    G = build_graph(review)
    assert person_labels(G, "r") == {"amy": "Child 1", "ben": "Sibling 1", "cat": "Sibling 2", "dee": "Mother",
                                     "pc-jones": "Professional", "vic": "Relative 1", "val": "Relative 2"}
    R = Redactor(G)
    # A full name's parts name the person too: the shared surname becomes "[name]".
    assert R.scrub("r", "Amy and Ben Stone; Dee's GP; a stone wall") == \
        "Child 1 and Sibling 1; Mother's GP; a [name] wall"
    assert R.scrub("r", "PC Jones said") == "Professional said"


def test_gaps_output_file_is_owner_only(tmp_path):
    out = tmp_path / "hasan-gaps.md"
    out.write_text("old")
    os.chmod(out, 0o644)
    run("gaps", EXAMPLES / "hasan", "--format", "markdown", "--redact", "--output", out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("# Gaps in review-1")
    fresh = tmp_path / "new.json"
    run("gaps", EXAMPLES / "hasan", "--format", "json", "-o", fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert json.loads(fresh.read_text())["contract"] == 2


def test_an_internal_error_prints_no_data(monkeypatch, capsys):
    """A bug's message may quote the data; the user sees only its type."""
    from safegraph import report

    def broken(*args, **kwargs):
        raise ValueError("summary of Jila's disclosure: she said her father hit her")

    monkeypatch.setattr(report, "compose_text", broken)  # every table and markdown report goes through it
    monkeypatch.delenv("SAFEGRAPH_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["gaps", str(EXAMPLES / "hasan")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Internal error (ValueError)" in err and "Jila" not in err and "father" not in err


def test_names_inside_ids_sources_and_agency_names_are_replaced(csv_review):
    """Names hide in more places than the people table: the review id (and so every default
    entry id), an agency's id and name, a source, the title, a surname on its own."""
    folder = csv_review(
        review="id: stone-family\ntitle: 'Review: Amy Stone'\nsubjects: amy\n",
        people=[["id", "name", "role", "child"], ["amy", "Amy Stone", "subject", "yes"],
                ["mum", "Mother", "parent", ""]],
        agencies=[["id", "name", "type"], ["police", "Police", "police"],
                  ["amy-school", "Amy Stone's school (Stone Academy)", "school"]],
        chronology=[["date", "agency", "type", "subjects", "summary", "risks", "not_shared_with", "spoken_to",
                     "source"],
                    ["2020-01-01", "amy-school", "contact", "amy", "Amy told her teacher", "", "", "amy",
                     "Amy's statement p.3"],
                    ["2020-02-01", "police", "incident", "amy;mum", "Called to the Stones' home", "domestic_abuse",
                     "amy-school", "", "Stone review 3.2"],
                    ["2020-03-01", "amy-school", "contact", "amy", "Seen again", "", "", "amy", ""]])
    pattern = finder(["Amy Stone", "amy", "stone", "stone-family"])
    assert pattern.search(run("gaps", folder, "--all"))
    outputs = [run("gaps", folder, "--redact", "--all", "--format", fmt) for fmt in ("table", "markdown", "json")]
    outputs += [run("info", folder, "--redact", "--format", fmt) for fmt in ("text", "json")]
    outputs += [run("knows", folder, agency, "--on", "2020-12-31", "--redact", "--format", fmt)
                for agency in ("police", "amy-school") for fmt in ("text", "json")]
    for out in outputs:
        found = pattern.search(out)
        assert found is None, out[max(0, found.start() - 80):found.end() + 80]
    document = json.loads(outputs[2])
    assert {a for f in document["findings"] for a in f["agencies"]} >= {"child-1-school"}
    assert any("Child 1's statement p.3" in out for out in outputs)  # a source is kept, its name replaced
