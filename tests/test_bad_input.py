"""Bad input: every problem at once, each with its exact place, and nothing loaded."""

import openpyxl
import pytest
from click.testing import CliRunner

from safegraph import LoadError, load
from safegraph.cli import cli

HEAD = ["id", "date", "agency", "type", "subjects", "summary", "risks", "shared_with", "not_shared_with",
        "passes_on", "outcome"]


def problems(path):
    with pytest.raises(LoadError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def chronology(*rows):
    return [HEAD, *[list(r) + [""] * (len(HEAD) - len(r)) for r in rows]]


CASES = [
    # (what, chronology rows, expected message)
    ("two-digit year", [["e1", "03/05/00", "police", "incident", "amy", "x"]],
     "chronology.csv row 2, column date: '03/05/00' has a two-digit year; write the year in full"),
    ("not in the calendar", [["e1", "31/02/2012", "police", "incident", "amy", "x"]],
     "chronology.csv row 2, column date: '31/02/2012' is not a day in the calendar"),
    ("not a date", [["e1", "last spring", "police", "incident", "amy", "x"]],
     "chronology.csv row 2, column date: 'last spring' is not a date (use YYYY-MM-DD, D/M/YYYY, YYYY-MM, M/YYYY or YYYY)"),
    ("unknown person", [["e1", "2020-01-01", "police", "incident", "amy;bob", "x"]],
     "chronology.csv row 2, column subjects: unknown person 'bob'"),
    ("unknown agency", [["e1", "2020-01-01", "polce", "incident", "amy", "x"]],
     "chronology.csv row 2, column agency: unknown agency 'polce' (did you mean 'police'?)"),
    ("unknown entry", [["e1", "2020-01-01", "police", "incident", "amy", "x", "", "", "", "e7"]],
     "chronology.csv row 2, column passes_on: unknown entry 'e7'"),
    ("unknown type", [["e1", "2020-01-01", "police", "telepathy", "amy", "x"]],
     "chronology.csv row 2, column type: 'telepathy' is not a known entry type"),
    ("unknown risk", [["e1", "2020-01-01", "police", "incident", "amy", "x", "overdoses"]],
     "chronology.csv row 2, column risks: 'overdoses' is not a known risk (did you mean 'overdose'?)"),
    ("unknown role", [["e1", "2020-01-01", "police", "incident", "amy:victm", "x"]],
     "chronology.csv row 2, column subjects: 'victm' is not a known subject role (did you mean 'victim'?)"),
    ("duplicate entry id", [["e1", "2020-01-01", "police", "incident", "amy", "x"],
                            ["e1", "2020-01-02", "police", "incident", "amy", "y"]],
     "chronology.csv row 3, column id: entry id 'e1' is already used in row 2"),
    ("default id equals an explicit one", [["", "2020-01-01", "police", "incident", "amy", "x"],
                                           ["t-1", "2020-01-02", "police", "incident", "amy", "y"]],
     "chronology.csv row 2, column id: the default id of this row, 't-1', equals an id written elsewhere"),
    ("passes_on forward", [["e1", "2020-01-01", "police", "share", "amy", "x", "", "school", "", "e2"],
                           ["e2", "2020-01-05", "police", "incident", "amy", "y"]],
     "chronology.csv row 2, column passes_on: passes on 'e2', which comes later in the order (row 3)"),
    ("passes_on same date later row", [["e1", "2020-01-01", "police", "share", "amy", "x", "", "", "", "e2"],
                                       ["e2", "2020-01-01", "police", "incident", "amy", "y"]],
     "chronology.csv row 2, column passes_on: passes on 'e2', which comes later in the order (row 3)"),
    ("shared and not shared", [["e1", "2020-01-01", "police", "incident", "amy", "x", "", "school", "school"]],
     "chronology.csv row 2, column not_shared_with: agency 'school' is in both shared_with and not_shared_with"),
    ("empty required cell", [["e1", "2020-01-01", "police", "incident", "amy", ""]],
     "chronology.csv row 2, column summary: is empty, but it is required"),
    ("unknown outcome", [["e1", "2020-01-01", "police", "decision", "amy", "x", "", "", "", "", "NFA!"]],
     "chronology.csv row 2, column outcome: 'NFA!' is not a known outcome"),
]


@pytest.mark.parametrize("what,rows,expected", CASES, ids=[c[0] for c in CASES])
def test_each_bad_cell_is_reported_at_its_place(csv_review, what, rows, expected):
    folder = csv_review(chronology=chronology(*rows))
    found = problems(folder)
    assert any(p.startswith(f"{folder}/{expected}") for p in found), found


def test_missing_required_column(csv_review):
    folder = csv_review(chronology=[["date", "agency", "type", "summary"], ["2020-01-01", "police", "incident", "x"]])
    assert problems(folder) == [f"{folder}/chronology.csv row 1, column subjects: required column 'subjects' is missing"]


def test_people_and_relationship_problems(csv_review):
    folder = csv_review(
        people=[["id", "name", "born", "role"], ["amy", "Amy", "2008", ""], ["amy", "Amy again", "", ""],
                ["!!!", "Mother", "", "parent"], ["dad", "Father", "1970", "daddy"]],
        relationships=[["person", "relation", "other"], ["amy", "parent_of", "amy"], ["amy", "enemy_of", "dad"]])
    found = problems(folder)
    assert f"{folder}/people.csv row 3, column id: person id 'amy' is already used in row 2" in found
    assert any(p.startswith(f"{folder}/people.csv row 4, column id: '!!!' is not a valid person id") for p in found)
    assert any(p.startswith(f"{folder}/people.csv row 5, column role: 'daddy' is not a known person role") for p in found)
    assert f"{folder}/relationships.csv row 2, column other: 'amy' cannot be related to themselves" in found
    assert any(p.startswith(f"{folder}/relationships.csv row 3, column relation: 'enemy_of' is not a known relation") for p in found)


def test_period_start_after_end(csv_review):
    folder = csv_review(review="id: t\ntitle: T\nperiod_start: 2021-01-01\nperiod_end: 1/1/2020\n")
    assert problems(folder) == [f"{folder}/review.yaml, key period_end: period_start 2021-01-01 is after period_end 1/1/2020"]


def test_every_problem_is_reported_at_once(csv_review):
    folder = csv_review(chronology=chronology(
        ["e1", "03/05/00", "polce", "telepathy", "bob", ""],
        ["e1", "2020-01-01", "police", "incident", "amy", "ok"]))
    found = problems(folder)
    assert len(found) == 6, found
    assert [p.split(": ")[0].rsplit(" ", 1)[-1] for p in found] == ["summary", "date", "agency", "type", "subjects", "id"]


def test_symmetric_relation_written_both_ways_is_one_with_a_warning(csv_review):
    folder = csv_review(relationships=[["person", "relation", "other"], ["amy", "sibling_of", "mum"],
                                       ["mum", "sibling_of", "amy"]])
    corpus = load(folder)
    assert len(corpus.reviews[0].relationships) == 1
    assert [str(w) for w in corpus.warnings] == [
        f"warning: {folder}/relationships.csv row 3, column relation: repeats the relationship in row 2; counted once"]


def test_unknown_terms_can_be_warnings(csv_review):
    folder = csv_review(chronology=chronology(["e1", "2020-01-01", "police", "telepathy", "amy", "x", "grooming"]))
    with pytest.raises(LoadError):
        load(folder)
    corpus = load(folder, unknown_terms="warning")
    entry = corpus.reviews[0].entries[0]
    assert (entry.type, entry.risks) == ("telepathy", ("grooming",))
    assert len(corpus.warnings) == 2


def test_tolerated_quirks(tmp_path, csv_review):
    folder = csv_review()
    text = "\ufeff Date ,AGENCY, type,Subjects ,summary\r\n2020-01-01 , police ,Incident, amy ,Called \r\n,,,,\r\n,,,,\r\n"
    (folder / "chronology.csv").write_text(text, encoding="utf-8", newline="")
    review = load(folder).reviews[0]
    assert [(e.id, e.date.text, e.agency, e.type, e.about) for e in review.entries] == [
        ("t-1", "2020-01-01", "police", "incident", ("amy",))]


def test_windows_1252_csv_loads_with_a_warning(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_bytes(
        "date,agency,type,subjects,summary\n2020-01-01,police,incident,amy,Zo\u00eb\u2019s call\n".encode("cp1252"))
    corpus = load(folder)
    assert corpus.reviews[0].entries[0].summary == "Zo\u00eb\u2019s call"
    assert "is not UTF-8" in str(corpus.warnings[0])


def test_xlsx_problems_name_sheet_and_row(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "review"
    book["review"].append(["key", "value"])
    book["review"].append(["id", "x"])
    book["review"].append(["title", "X"])
    book.create_sheet("people").append(["id", "name"])
    book["people"].append(["amy", "Amy"])
    book.create_sheet("relationships").append(["person", "relation", "other"])
    book.create_sheet("agencies").append(["id", "name", "type"])
    book["agencies"].append(["police", "Police", "police"])
    sheet = book.create_sheet("chronology")
    sheet.append(["date", "agency", "type", "subjects", "summary"])
    sheet.append(["2020-01-01", "police", "incident", "amy", "fine"])
    sheet.append([None, None, None, None, None])
    sheet.append(["1/13/2020", "police", "incident", "amy", "US-style date"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    assert problems(path) == [f"{path}, sheet chronology, row 4, column date: '1/13/2020' has no month 13"]


def test_yaml_problems_name_list_and_item(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("review: {id: x, title: X}\npeople: [{id: amy, name: Amy}]\nrelationships: []\n"
                    "agencies: [{id: police, name: Police, type: police}]\n"
                    "chronology:\n  - {date: 2020-01-01, agency: police, type: incident, subjects: amy, summary: ok}\n"
                    "  - {date: 2020-01-02, agency: police, type: incident, subjects: [amy, zed], summary: no}\n")
    assert problems(path) == [f"{path}, chronology item 2, key subjects: unknown person 'zed' (known: amy)"]


def test_unreadable_files(tmp_path):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("review: [unclosed\n")
    found = problems(bad_yaml)
    assert len(found) == 1 and found[0].startswith(f"{bad_yaml}: is not readable YAML")
    not_xlsx = tmp_path / "fake.xlsx"
    not_xlsx.write_text("hello")
    found = problems(not_xlsx)
    assert len(found) == 1 and found[0].startswith(f"{not_xlsx}: is not a readable .xlsx workbook")
    assert problems(tmp_path / "nothing-here") == [f"{tmp_path / 'nothing-here'}: does not exist"]


def test_missing_file_in_a_folder(csv_review):
    folder = csv_review()
    (folder / "relationships.csv").unlink()
    found = problems(folder)
    assert len(found) == 1 and found[0].startswith(f"{folder}/relationships.csv: file is missing")


def test_a_corpus_with_one_bad_review_loads_nothing(tmp_path):
    from conftest import write_csv_review
    write_csv_review(tmp_path / "corpus" / "good", review="id: good\ntitle: Good\n")
    write_csv_review(tmp_path / "corpus" / "bad", review="id: bad\ntitle: Bad\n",
                     chronology=chronology(["e1", "1/1/20", "police", "incident", "amy", "x"]))
    found = problems(tmp_path / "corpus")
    assert found == [f"{tmp_path / 'corpus'}/bad/chronology.csv row 2, column date: '1/1/20' has a two-digit year; write the year in full"]


def test_duplicate_review_ids_in_a_corpus(tmp_path):
    from conftest import write_csv_review
    write_csv_review(tmp_path / "corpus" / "a")
    write_csv_review(tmp_path / "corpus" / "b")
    found = problems(tmp_path / "corpus")
    assert found == [f"{tmp_path / 'corpus'}/b/review.yaml, key id: review id 't' is also used by {tmp_path / 'corpus'}/a"]


@pytest.mark.parametrize("command", [["validate"], ["info"], ["gaps"], ["knows", "{path}", "police", "--on", "2020-01-01"]])
def test_cli_reports_without_traceback(csv_review, command):
    folder = csv_review(chronology=chronology(["e1", "03/05/00", "police", "incident", "amy", "x"]))
    args = [a.replace("{path}", str(folder)) for a in command]
    if len(args) == 1:
        args.append(str(folder))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "two-digit year" in result.output
    assert "1 problem found" in result.output and "nothing was loaded" in result.output


def test_semicolon_separated_csv_gets_one_clear_problem(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_text("date;agency;type;subjects;summary\n2020-01-01;police;incident;amy;x\n")
    assert problems(folder) == [
        f"{folder}/chronology.csv row 1: is separated by semicolons, not commas (Excel does this in some locales); "
        "save it again as 'CSV UTF-8 (Comma delimited)'"]
