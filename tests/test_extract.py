"""safegraph extract: a review drafted from a report's text, by rules a reviewer can read.

Every report text here is invented for these tests (tests/data/extract/)."""

import csv
import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from safegraph import load_review
from safegraph.cli import cli
from safegraph.extract import (AGENCY_WORDS, DATE_FORMS, IMPLIED_AGENCY, OUTCOME_WORDS, RELATION_WORDS, ReportGazetteer,
                               draft_review, find_dates, find_names, read_report)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "extract"
TODAY = dt.date(2026, 1, 1)


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("text, expected", [
    ("Seen on 11/03/96 by the GP.", ["1996-03-11"]),
    ("Seen on 11/03/1996 by the GP.", ["1996-03-11"]),
    ("Police attended on 27 May 2014.", ["2014-05-27"]),
    ("A visit on the 6th Feb 1997 followed.", ["1997-02-06"]),
    ("Seen on May 27, 2014 at home.", ["2014-05-27"]),
    ("In August 2018 the case closed.", ["2018-08"]),
    ("Summer 2009 was quiet.", ["?2009"]),
    ("In early 2012 she moved.", ["?2012"]),
    ("In late May 2012 she moved.", ["?2012-05"]),
    ("In 2017 the family arrived.", ["2017"]),
    ("In 2017 they arrived. On 25 January a visit was made.", ["2017", "2017-01-25"]),
    ("In 2017 they arrived; in August the school called.", ["2017", "2017-08"]),
    ("She may visit in March.", []),               # no year named before: not a date
    ("The Children Act 1989 applies.", []),        # a bare year is not a date
    ("Seen on 31/02/2019.", []),                   # no such day
    ("In 2090 perhaps.", []),                      # after today
])
def test_date_forms(text, expected):
    assert [d.date for d in find_dates(text, today=TODAY)] == expected


def test_every_date_form_is_tested_and_documented():
    doc = (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")
    for name, _, _ in DATE_FORMS:
        assert f"`{name}`" in doc, name


@pytest.mark.parametrize("text, expected", [
    ("The MASH screened it.", ["mash"]),
    ("MARAC heard the case.", ["marac"]),
    ("She was referred to CAMHS.", ["camhs"]),
    ("The IDVA called her.", ["idva"]),
    ("The school nurse saw him.", ["school_nursing"]),
    ("The 0-19 team wrote.", ["school_nursing"]),
    ("Children's Services opened a case.", ["childrens_social_care"]),
    ("The social worker visited.", ["childrens_social_care"]),
    ("Officers attended.", ["police"]),
    ("She went to A&E.", ["emergency_department"]),
    ("He edited the ED notes.", ["emergency_department"]),   # "edited" is not the ED
    ("The GP and the health visitor met.", ["gp", "health_visiting"]),
    ("She stayed in a refuge.", ["domestic_abuse_service"]),
])
def test_agency_words(text, expected):
    assert [k for _, _, k in ReportGazetteer().found(text)] == expected


def draft_of(text):
    return draft_review(text, "r.txt", "r", TODAY)


PEOPLE = """Amara (aged 15) said she was afraid. Amara's teacher was told. Amara told the nurse.
Later Amara said her brother Femi hit her. Femi said nothing. Femi's school called. Femi was excluded.
"""


@pytest.mark.parametrize("passage, agency, subjects, columns", [
    ("On 4 May 2019 the police called the GP. Amara was seen.", "police", ["amara"], {}),
    ("On 4 May 2019 police saw Amara; the information was not shared with the school.", "police", ["amara"],
     {"not_shared_with": "school"}),
    ("On 4 May 2019 the school referred Amara to Children's Services.", "school", ["amara"],
     {"referred_to": "childrens-social-care"}),
    ("On 4 May 2019 the GP saw Amara. A copy was sent to the health visitor.", "gp", ["amara"],
     {"shared_with": "health-visiting"}),
    ("On 4 May 2019 police saw Amara and no referral was made.", "police", ["amara"], {"outcome": "no_referral"}),
    ("On 4 May 2019 a MARAC met about Amara. The GP was not invited.", "marac", ["amara"], {"not_shared_with": "gp"}),
    ("On 4 May 2019 the GP saw the children's father.", "gp", ["father"], {}),
    ("On 4 May 2019 the GP saw Amara and her cousin.", "gp", ["amara", "amaras-cousin"], {}),
    ("On 4 May 2019 the GP saw Femi and his former girlfriend.", "gp", ["femi", "femis-former-girlfriend"], {}),
    ("On 4 May 2019 the GP saw Femi and his wife Amara.", "gp", ["femi", "amara"], {}),  # she is named
    ("On 4 May 2019 the GP saw Amara and her brother.", "gp", ["amara", "amaras-brother"], {}),
    ("On 4 May 2019 the GP saw Amara and her brother Femi.", "gp", ["amara", "femi"], {}),  # he is named
])
def test_entry_rules(passage, agency, subjects, columns):
    draft = draft_of(PEOPLE + "\n" + passage + "\n")
    [entry] = draft.chronology
    assert entry["agency"] == agency
    assert entry["subjects"].split(";") == subjects
    for column, value in columns.items():
        assert entry[column] == value
    for column in ("referred_to", "shared_with", "not_shared_with"):
        if column not in columns:
            assert column not in entry


@pytest.mark.parametrize("passage, agencies", [
    # an agency after "by" acts too, and the one taking the person shares with the one taken to
    ("On 4 May 2019 Amara was taken to A&E by ambulance.",
     [("emergency-department", ""), ("ambulance", "emergency-department")]),
    # what only one kind of agency does, where no agency is named
    ("A strategy meeting about Amara was held on 4 May 2019.", [("childrens-social-care", "")]),
    ("On 4 May 2019 Femi was arrested.", [("police", "")]),
    ("On 4 May 2019 Femi was excluded for a week.", [("school", "")]),
    # a referral made by one agency to another
    ("On 4 May 2019 a referral was made by the GP to CAMHS about Amara.", [("gp", "camhs")]),
])
def test_agencies_of_a_passage(passage, agencies):
    draft = draft_of(PEOPLE + "\n" + passage + "\n")
    got = [(e["agency"], e.get("referred_to") or e.get("shared_with") or "") for e in draft.chronology]
    assert got == agencies


def test_an_abbreviation_the_report_defines_is_the_agency():
    text = PEOPLE + "\nNorthtown Children's Social Care (NCSC) was told.\n\nOn 4 May 2019 NCSC visited Amara.\n"
    [entry] = draft_of(text).chronology
    assert entry["agency"] == "childrens-social-care"


def test_lettered_paragraphs_without_a_date_take_the_one_before_as_uncertain():
    text = PEOPLE + "\n(a) On 6 January 2012 the police saw Amara.\n(b) The GP then saw Amara.\n\nThe GP was kind.\n"
    entries = draft_of(text).chronology
    assert [(e["date"], e["agency"]) for e in entries] == [("2012-01-06", "police"), ("?2012-01-06", "gp")]
    assert "lettered paragraph before" in entries[1]["comment"]


def test_a_table_row_and_its_comment_column():
    text = PEOPLE + """
04/05/19 Amara
Amara aged 15 told a teacher she was hit.

Management Systems
The school made a referral to Children's Services.
It is unclear why the GP was not told.

12/06/19 Femi
The police attended. On 14/06/19 officers visited Femi again.
"""
    entries = draft_of(text).chronology
    assert [(e["date"], e["agency"], e["subjects"]) for e in entries] == [
        ("2019-05-04", "school", "amara"), ("2019-06-12", "police", "femi"), ("2019-06-14", "police", "femi")]
    assert entries[0]["referred_to"] == "childrens-social-care"
    assert "It is unclear why the GP was not told" in entries[0]["comment"]
    assert entries[0]["source"].endswith("(table row dated 04/05/19)")


def test_relationship_words_become_people_and_relationships():
    draft = draft_of(PEOPLE + "\nOn 4 May 2019 the GP saw Femi and his former girlfriend.\n")
    people = {p["id"]: p for p in draft.people}
    assert people["femis-former-girlfriend"]["role"] == "ex_partner"
    assert {"person": "femis-former-girlfriend", "relation": "ex_partner_of", "other": "femi"} in draft.relationships


def test_names_come_from_the_report_text():
    text = PEOPLE + "The Review met in London. Services in London were busy. It was in London twice.\n"
    assert find_names(text) == ["Amara", "Femi"]
    assert find_names("Child Q was seen. Child Q was well. Nobody else.") == ["Child Q"]
    assert find_names("Zoë said no. Zoë's school called. Zoë was seen. Anne-Marie said yes. Anne-Marie was "
                      "seen. Anne-Marie's GP wrote.") == ["Anne-Marie", "Zoë"]


def test_denials_and_thresholds():
    [entry] = draft_of(PEOPLE + "On 4 May 2019 police saw Amara, who denies domestic abuse.\n").chronology
    assert "risks" not in entry


def test_every_rule_is_documented():
    doc = (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")
    for _, kind in AGENCY_WORDS + IMPLIED_AGENCY:
        assert f"`{kind}`" in doc, kind
    for word in ("SOVA", "CRHT", "IAPT", "16+ team", "section 42", "public law outline", "head of year",
                 "was not invited", "taken to", "a referral was made by the GP to", "sent a copy to"):
        assert word in doc, word
    for _, term in OUTCOME_WORDS:
        assert f"`{term}`" in doc, term
    for words, role, relation in RELATION_WORDS:
        assert re.sub(r"[-?]", "", words.split("|")[0]) in doc and f"`{role}`" in doc, words
    for phrase in ("not invited", "no referral was made", "a copy was sent to", "not shared with", "referred to"):
        assert phrase in doc, phrase


def test_extract_end_to_end(tmp_path):
    review = tmp_path / "tamsin"
    result = CliRunner().invoke(cli, ["extract", str(DATA / "report.txt"), "--review", str(review)])
    assert result.exit_code == 0, result.output
    load_review(review)  # validates: raises on any error
    text = read_report(DATA / "report.txt")
    entries = rows(review / "chronology.csv")
    assert [e["date"] for e in entries] == ["2019-02-04", "2019-06-17", "2020-08", "2021-03-03"]
    assert [e["agency"] for e in entries] == ["school", "police", "school-nursing", "marac"]
    assert entries[0]["referred_to"] == "childrens-social-care"
    assert entries[2]["shared_with"] == "camhs"
    assert entries[3]["not_shared_with"] == "school"
    for entry in entries:
        assert entry["draft"].startswith("date,agency")
        start, end = map(int, re.search(r"chars (\d+)-(\d+)", entry["source"]).groups())
        passage = " ".join(text[start:end].split())
        assert passage and passage[:40] in entry["summary"]
    # the people are on people.csv and nowhere else in the review's own columns
    people = {p["id"]: p["name"] for p in rows(review / "people.csv")}
    assert {"tamsin", "corin", "mother", "father"} <= set(people)
    # the dated passage with no agency is listed, with offsets pointing at it
    [unplaced] = rows(review / "unplaced.csv")
    assert unplaced["reason"] == "names no agency" and unplaced["date"] == "?2021"
    assert "rain" in text[int(unplaced["start"]):int(unplaced["end"])]
    assert "not placed" in result.output
    assert "DRAFT" in (review / "review.yaml").read_text(encoding="utf-8")
    assert (review / "chronology.csv").stat().st_mode & 0o077 == 0


def test_an_existing_review_is_kept_unless_force(tmp_path):
    review = tmp_path / "r"
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", str(DATA / "report.txt"), "--review", str(review)]).exit_code == 0
    (review / "chronology.csv").write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(DATA / "report.txt"), "--review", str(review)])
    assert result.exit_code == 1 and "already holds a review" in result.output and "--force" in result.output
    assert (review / "chronology.csv").read_text(encoding="utf-8") == "mine"
    assert runner.invoke(cli, ["extract", str(DATA / "report.txt"), "--review", str(review), "--force"]).exit_code == 0
    assert (review / "chronology.csv").read_text(encoding="utf-8") != "mine"


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "missing.txt: no such file"),
    ("empty.txt", b"  \n", "empty.txt: empty"),
    ("binary.txt", b"\x00\x01\x02ELF" * 50, "binary.txt: not a text file"),
    ("folder", "dir", "folder: a folder, not a report"),
])
def test_bad_input(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    review = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(path), "--review", str(review)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not review.exists()


def test_a_review_path_that_is_a_file(tmp_path):
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(DATA / "report.txt"), "--review", str(tmp_path / "out")])
    assert result.exit_code == 1 and "out: not a folder" in result.output
    assert (tmp_path / "out").read_text(encoding="utf-8") == "not a folder"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind


def test_a_pdf_with_no_extractor_installed(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if it were not installed
    path = tmp_path / "report.pdf"
    path.write_bytes(tiny_pdf(["On 4 May 2019 the GP saw Amara."]))
    review = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(path), "--review", str(review)])
    assert result.exit_code == 1
    assert "report.pdf: a PDF, and no PDF text extractor is installed" in result.output
    assert not review.exists()


def test_a_pdf_is_read_through_pypdf(tmp_path):
    # pypdf comes with the test extra: without it this fails, as it should.
    path = tmp_path / "report.pdf"
    path.write_bytes(tiny_pdf(PEOPLE.splitlines() + ["On 4 May 2019 the GP saw Amara."]))
    result = CliRunner().invoke(cli, ["extract", str(path), "--review", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [entry] = rows(tmp_path / "out" / "chronology.csv")
    assert (entry["date"], entry["agency"], entry["subjects"]) == ("2019-05-04", "gp", "amara")
    assert "page 1" in entry["source"]
    path.write_bytes(b"%PDF-1.4\nnot really a PDF")
    result = CliRunner().invoke(cli, ["extract", str(path), "--review", str(tmp_path / "out2")])
    assert result.exit_code == 1 and "report.pdf: the PDF cannot be read" in result.output


def tiny_pdf(lines):
    """A one-page PDF with ``lines`` of text (Helvetica), written by hand."""
    content = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
