"""Agency chronologies in: three agencies' files, each in its own template (a Word table,
an Excel sheet, a CSV, with their own headings), merged into one review."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from safegraph import load
from safegraph.cli import cli
from safegraph.importer import uk_date


def police_docx(path):
    doc = Document()
    doc.add_paragraph("Metropolitan Police chronology for the review")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["Date/Time", "Source of information", "Details of contact",
                                                "Action taken", "Officer"]):
        cell.text = text
    for values in (
        ["12/03/2019 14:30", "999 call", "Police called to the flat: Amira says her partner Karim hit her; DASH high "
         "risk", "Karim arrested. Referred to MARAC and CSC; copy sent to the school", "PC 123"],
        ["20/03/2019", "", "Amira withdraws her statement", "NFA", "PC 123"],
        ["TBC", "", "A later visit the officer remembers", "", "PC 9"],
    ):
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    doc.save(path)
    return path


def school_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chronology"
    sheet.append(["Oak Primary School: chronology of involvement"])
    sheet.append([])
    sheet.append(["Date", "Event", "Outcome", "Analysis", "Child"])
    sheet.append(["13/03/2019", "Sami arrives upset and says dad hit mum", "DSL spoke to Sami; not shared with CSC",
                  "Should have been referred", "Sami"])
    sheet.append(["2 April 2019", "Sami absent three days", "Phone call to mum", "", "Sami"])
    book.save(path)
    return path


def hospital_csv(path):
    with open(path, "w", newline="", encoding="cp1252") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Date of contact", "Details", "Action", "Type"])
        writer.writerow(["12/03/2019", "Amira attends A&E with facial injuries after being hit by her partner; "
                         "café staff brought her", "Seen and discharged; letter to GP", "attendance"])
        writer.writerow(["c. 05/2019", "Amira misses a fracture clinic follow-up", "", "appointment"])
    return path


@pytest.fixture
def review(tmp_path):
    folder = tmp_path / "child-s"
    folder.mkdir()
    (folder / "review.yaml").write_text("id: child-s\ntitle: Child S\nsubjects: Sami\n", encoding="utf-8")
    with open(folder / "people.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "name", "role", "sex"], ["amira", "Amira", "parent", "f"],
                                  ["sami", "Sami", "subject", "m"], ["karim", "Karim Haddad", "parent", "m"]])
    return folder


@pytest.fixture
def files(tmp_path):
    return [police_docx(tmp_path / "police.docx"), school_xlsx(tmp_path / "oak-primary-school.xlsx"),
            hospital_csv(tmp_path / "city-hospital_chronology.csv")]


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_three_agencies_in_three_templates_make_one_review(review, files):
    out = run("import", *files, "--review", review)
    assert "'Details of contact' as summary" in out and "'Date/Time' as date" in out and "'Event' as summary" in out
    assert "7 rows read: 6 added" in out and "1 not placed" in out
    rows = read(review / "chronology.csv")
    assert [r["date"] for r in rows] == ["2019-03-12", "2019-03-12", "2019-03-13", "2019-03-20", "2019-04-02",
                                         "?2019-05"]
    # Every row keeps its file and place, and the agency's own source of information.
    sources = {r["source"] for r in rows}
    assert "police.docx, table 1 row 2; source of information: 999 call" in sources
    assert "oak-primary-school.xlsx, sheet Chronology row 4" in sources
    assert "city-hospital_chronology.csv, row 2" in sources
    police = next(r for r in rows if r["source"].startswith("police.docx, table 1 row 2"))
    assert police["agency"] == "police" and police["type"] == "incident"
    assert police["referred_to"] == "marac;childrens-social-care" and police["shared_with"] == "oak-primary-school"
    assert set(police["subjects"].split(";")) == {"amira", "karim"}
    assert "domestic_abuse" not in police["risks"] and "physical_abuse" in police["risks"]
    assert {"referred_to", "shared_with", "risks", "subjects"} <= set(police["draft"].split(","))
    school = next(r for r in rows if r["agency"] == "oak-primary-school" and r["date"] == "2019-03-13")
    assert school["not_shared_with"] == "childrens-social-care" and school["comment"] == "Should have been referred"
    assert school["subjects"] == "sami"
    hospital = next(r for r in rows if r["agency"] == "city-hospital" and r["date"] == "2019-03-12")
    assert "café" in hospital["summary"] and hospital["shared_with"] == "gp"
    # The same assault, recorded by the police and the hospital: flagged, not merged.
    assert police["possible_duplicate_of"] == hospital["id"] and hospital["possible_duplicate_of"] == police["id"]
    assert "possibly the same event" in out
    # The row with no date is kept, with why.
    (unplaced,) = read(review / "unplaced.csv")
    assert unplaced["place"] == "table 1 row 4" and "no date that can be read" in unplaced["reason"]
    # New agencies are proposed, for the reviewer to confirm.
    agencies = {r["id"]: r for r in read(review / "agencies.csv")}
    assert {a: r["type"] for a, r in agencies.items()} == {
        "police": "police", "oak-primary-school": "school", "city-hospital": "hospital", "marac": "marac",
        "childrens-social-care": "childrens_social_care", "gp": "gp"}
    assert all(r["draft"] for r in agencies.values())

    # It validates as it is; what is left to check is listed as warnings.
    result = CliRunner().invoke(cli, ["validate", str(review)])
    assert result.exit_code == 0, result.output
    assert "drafted by safegraph import or extract" in result.output and "perhaps the same event" in result.output
    # The reviewer confirms the agencies: no warning about them is left.
    with open(review / "agencies.csv", newline="", encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    for row in table:
        row["draft"] = ""
    with open(review / "agencies.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    result = CliRunner().invoke(cli, ["validate", str(review)])
    assert result.exit_code == 0 and "agencies.csv" not in result.output, result.output
    loaded = load(review).reviews[0]
    assert len(loaded.entries) == 6 and {e.agency for e in loaded.entries} == {"police", "oak-primary-school",
                                                                                "city-hospital"}


def test_importing_the_same_files_again_changes_nothing(review, files):
    run("import", *files, "--review", review)
    before = {p.name: p.read_bytes() for p in review.iterdir()}
    out = run("import", *files, "--review", review)
    assert "0 added, 6 already in the review" in out
    assert {p.name: p.read_bytes() for p in review.iterdir()} == before


def test_a_reviewers_correction_is_never_overwritten(review, files):
    run("import", *files, "--review", review)
    rows = read(review / "chronology.csv")
    rows[0]["summary"] = "Corrected by the reviewer"
    with open(review / "chronology.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = run("import", *files, "--review", review)
    assert "1 changed since they were imported (left as they were)" in out
    assert read(review / "chronology.csv")[0]["summary"] == "Corrected by the reviewer"


def test_a_heading_guessed_wrong_is_corrected_with_map(review, tmp_path):
    path = tmp_path / "gp.csv"
    path.write_text("When seen,Notes,Consultation\n01/02/2019,routine,Sami seen with a cough\n", encoding="utf-8")
    out = run("import", path, "--review", review, "--agency", "GP", "--map", "When seen=date",
              "--map", "Consultation=summary", "--map", "Notes=ignore")
    assert "'Consultation' as summary" in out and "not read: 'Notes'" in out
    (row,) = read(review / "chronology.csv")
    assert (row["date"], row["summary"], row["agency"]) == ("2019-02-01", "Sami seen with a cough", "gp")
    assert row["subjects"] == "sami"  # named in the text


def test_a_file_with_no_date_heading_is_refused_with_what_to_do(review, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), "--review", str(review)])
    assert result.exit_code != 0 and "no table with a date heading" in result.output and "--map" in result.output
    assert "Traceback" not in result.output
    assert not (review / "chronology.csv").exists()


@pytest.mark.parametrize("text,expected", [
    ("12/03/2019", "2019-03-12"), ("1.2.2019", "2019-02-01"), ("12-03-2019 09:15", "2019-03-12"),
    ("3rd March 2019", "2019-03-03"), ("March 2019", "2019-03"), ("Sept 2019", "2019-09"), ("2019", "2019"),
    ("?12/03/2019", "?2019-03-12"), ("approx 2019", "?2019"), ("early 2012", "?2012"), ("31/02/2019", None),
    ("unknown", None),
])
def test_uk_dates(text, expected):
    assert uk_date(text)[0] == expected


def test_a_broken_file_is_refused_by_name(review, tmp_path):
    path = tmp_path / "police.docx"
    path.write_bytes(b"PK\x03\x04 not really a Word file")
    result = CliRunner().invoke(cli, ["import", str(path), "--review", str(review)])
    assert result.exit_code != 0 and "police.docx: cannot be read" in result.output
    assert "Traceback" not in result.output


def test_every_heading_and_keyword_rule_is_documented():
    from pathlib import Path

    from safegraph.importer import HEADINGS, RISK_WORDS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "import.md").read_text(encoding="utf-8")
    for column, headings in HEADINGS.items():
        for heading in headings:
            assert f"`{heading}`" in doc, (column, heading)
    for _, risk in RISK_WORDS:
        assert f"`{risk}`" in doc, risk


GAZETTEER_AGENCIES = {"csc": {"name": "Children's Social Care", "type": "childrens_social_care"},
                      "mash": {"name": "MASH", "type": "mash"}, "gp": {"name": "Riverside GP", "type": "gp"},
                      "school": {"name": "Oak Primary", "type": "school"},
                      "hospital": {"name": "City Hospital", "type": "hospital"},
                      "police": {"name": "Police", "type": "police"}}


@pytest.mark.parametrize("text,expected", [
    ("Referral made to Children's Social Care via the MASH portal", {"referred_to": ["csc"]}),
    ("No safeguarding referral made to Children's Social Care", {"not_shared_with": ["csc"]}),
    ("Police told us Sami's mum is in hospital", {}),
    ("The school was not told", {"not_shared_with": ["school"]}),
    ("GP informed by discharge letter", {"shared_with": ["gp"]}),
    ("Children's Social Care emergency duty team notified", {"shared_with": ["csc"]}),
    ("Child notification (PPN) sent to Children's Social Care", {"shared_with": ["csc"]}),
    ("Copy sent to the school; not shared with the GP", {"shared_with": ["school"], "not_shared_with": ["gp"]}),
])
def test_sharing_drafted_from_the_words(text, expected):
    from safegraph.importer import Gazetteer, sent_to

    assert sent_to(text, Gazetteer(GAZETTEER_AGENCIES)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Denies domestic abuse when asked", []),
    ("Says there is no current suicidal intent", []),
    ("Marks to her neck consistent with strangulation", ["physical_abuse"]),
    ("Disclosed domestic violence; took an overdose", ["domestic_abuse", "overdose"]),
])
def test_risks_drafted_from_the_words_but_not_from_a_denial(text, expected):
    from safegraph.importer import RISK_WORDS, find_words

    assert find_words(RISK_WORDS, text) == expected


def test_names_as_agencies_write_them_and_the_same_event_across_midnight(review, tmp_path):
    police = tmp_path / "police.csv"
    police.write_text("Date/Time,Subject(s),Incident details,Recorded by\n"
                      "03/02/2022 23:40,Amira KHAN (victim); Dean CARTER (suspect),Amira assaulted at home,PC Smith\n",
                      encoding="utf-8")
    hospital = tmp_path / "city-hospital.csv"
    hospital.write_text("Date,Patient,Details\n04/02/2022 01:15,Amira Khan,Attends A&E after an assault\n",
                        encoding="utf-8")
    out = run("import", police, hospital, "--review", review, "--subject", "Sami")
    rows = read(review / "chronology.csv")
    assert [r["subjects"] for r in rows] == ["amira:victim;dean-carter:perpetrator", "amira"]
    assert rows[0]["possible_duplicate_of"] == rows[1]["id"] and "possibly the same event" in out
    assert rows[0]["practitioner"] == "PC Smith"
    people = {r["id"]: r["name"] for r in read(review / "people.csv")}
    assert people["amira"] == "Amira" and people["dean-carter"] == "Dean Carter"
    assert {r["id"] for r in read(review / "agencies.csv")} == {"police", "city-hospital"}


def test_unplaced_rows_are_worked_out_afresh(review, tmp_path):
    path = tmp_path / "police.csv"
    path.write_text("Date,Details\nsoon,Something\n", encoding="utf-8")
    run("import", path, "--review", review)
    assert len(read(review / "unplaced.csv")) == 1
    path.write_text("Date,Details\n01/01/2020,Sami seen\n", encoding="utf-8")
    run("import", path, "--review", review)
    assert read(review / "unplaced.csv") == []


def test_what_the_import_writes_is_readable_by_its_owner_only(review, files):
    import os
    import stat

    run("import", *files, "--review", review)
    for name in ("chronology.csv", "people.csv", "agencies.csv", "relationships.csv", "unplaced.csv"):
        mode = stat.S_IMODE(os.stat(review / name).st_mode)
        assert mode == 0o600, (name, oct(mode))
