"""Hostile and damaged input: every case gets exit 1, a message naming the file (and the
row where there is one), and nothing loaded. The inputs are generated here, small; the
full-size bombs are measured by scripts/bench-hostile, not by tests.

Each case reproduces one finding of the hostile-input probe (issue 9).
"""

import json
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safegraph import LoadError, load
from safegraph._read import Limits
from safegraph.cli import cli

from conftest import write_csv_review

HEADER = ["date", "agency", "type", "subjects", "summary"]


def validate(path, *options):
    """Run `safegraph validate`; return (exit code, everything printed)."""
    result = CliRunner().invoke(cli, ["validate", str(path), *options])
    return result.exit_code, result.output


def refused(path, *expected, options=()):
    """The review at ``path`` is refused (exit 1, nothing loaded, no traceback), with
    every ``expected`` text in the messages."""
    code, out = validate(path, *options)
    assert code == 1, out
    assert "nothing was loaded" in out and "Traceback" not in out and "bug in safegraph" not in out, out
    for text in expected:
        assert text in out, out
    return out


# -- CSV -------------------------------------------------------------------------------

def test_stray_quote_does_not_swallow_rows(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_text(
        "date,agency,type,subjects,summary\n"
        '2020-01-01,police,incident,amy,"Called to the home\n'
        "2020-02-01,police,incident,amy,Second call\n"
        "2020-03-01,police,incident,amy,Third call\n", encoding="utf-8")
    refused(folder, "chronology.csv row 2", "quote")


def test_stray_quote_closed_later_is_caught(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_text(
        "date,agency,type,subjects,summary\n"
        '2020-01-01,police,incident,amy,"Called to the home\n'
        "2020-02-01,police,incident,amy,Second call\n"
        '2020-03-01,police,incident,amy,"Third" call\n', encoding="utf-8")
    refused(folder, "chronology.csv row 2", "quote")


def test_multi_line_cell_is_still_fine(csv_review):
    folder = csv_review(chronology=[HEADER, ["2020-01-01", "police", "incident", "amy", "Line one\nline two"]])
    assert load(folder).reviews[0].entries[0].summary == "Line one\nline two"


def test_row_cut_short_is_an_error(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_text("date,agency,type,subjects,summary\n2020-01-01,police,incident\n",
                                           encoding="utf-8")
    refused(folder, "chronology.csv row 2, column subjects", "cut short")


def test_row_missing_only_optional_trailing_cells_is_fine(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_text("date,agency,type,subjects,summary,risks,comment\n"
                                           "2020-01-01,police,incident,amy,Called\n", encoding="utf-8")
    assert len(load(folder).reviews[0].entries) == 1


def test_extra_cells_are_an_error(csv_review):
    folder = csv_review(chronology=[HEADER, ["2020-01-01", "police", "incident", "amy", "Called", "stray"]])
    refused(folder, "chronology.csv row 2", "6 cells but the header has 5")


def test_utf8_with_one_windows_byte_is_not_garbled(csv_review):
    folder = csv_review()
    text = "id,name\namy,Zo\u00eb\nmum,Mother\n".encode("utf-8") + b"dad,Caf\xe9\n"
    (folder / "people.csv").write_bytes(text)
    refused(folder, "people.csv row 4", "UTF-8 except on line 4")


def test_utf16_with_bom_is_read(csv_review):
    folder = csv_review()
    (folder / "people.csv").write_bytes("id,name\namy,Zo\u00eb\nmum,Mother\n".encode("utf-16"))
    review = load(folder).reviews[0]
    assert [p.name for p in review.people] == ["Zo\u00eb", "Mother"]


def test_utf16_without_bom_is_named(csv_review):
    folder = csv_review()
    (folder / "people.csv").write_bytes("id,name\namy,Amy\n".encode("utf-16-le"))
    refused(folder, "people.csv", "UTF-16")


def test_nul_byte_in_csv(csv_review):
    folder = csv_review()
    (folder / "chronology.csv").write_bytes(b"date,agency,type,subjects,summary\n2020-01-01,police,incident,amy,a\x00b\n")
    refused(folder, "chronology.csv")


def test_cell_longer_than_the_limit_names_the_row_and_the_option(csv_review):
    folder = csv_review(chronology=[HEADER, ["2020-01-01", "police", "incident", "amy", "x" * 40_000]])
    refused(folder, "chronology.csv row 2", "--max-cell-chars")
    assert len(load(folder, limits=Limits(cell_chars=50_000)).reviews[0].entries) == 1


def test_too_many_rows_names_the_option(csv_review):
    rows = [HEADER] + [["2020-01-01", "police", "incident", "amy", f"call {n}"] for n in range(30)]
    folder = csv_review(chronology=rows)
    refused(folder, "chronology.csv", "--max-rows", options=["--max-rows", "10"])


def test_too_many_entries_names_the_option(csv_review):
    rows = [HEADER] + [["2020-01-01", "police", "incident", "amy", f"call {n}"] for n in range(30)]
    refused(csv_review(chronology=rows), "chronology.csv", "--max-entries", options=["--max-entries", "10"])


def test_file_larger_than_the_limit(csv_review):
    rows = [HEADER] + [["2020-01-01", "police", "incident", "amy", "y" * 1000] for n in range(1200)]
    refused(csv_review(chronology=rows), "chronology.csv", "--max-file-mb", options=["--max-file-mb", "1"])


def test_unreadable_file_is_located(csv_review):
    folder = csv_review()
    (folder / "agencies.csv").unlink()
    (folder / "agencies.csv").mkdir()  # a folder where a file should be: an OSError on reading
    refused(folder, "agencies.csv")


# -- dates and values -----------------------------------------------------------------------

@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1850-06-01"])
def test_implausible_years_are_refused(csv_review, date):
    folder = csv_review(chronology=[HEADER, [date, "police", "incident", "amy", "Called"]])
    refused(folder, "chronology.csv row 2, column date", "--earliest-year")


def test_year_range_can_be_widened(csv_review):
    folder = csv_review(chronology=[HEADER, ["1850-06-01", "police", "incident", "amy", "Called"]])
    code, out = validate(folder, "--earliest-year", "1800")
    assert code == 0, out


def test_unicode_digits_are_not_a_date(csv_review):
    folder = csv_review(chronology=[HEADER, ["\u0662\u0660\u0662\u0660-01-01", "police", "incident", "amy", "x"]])
    refused(folder, "chronology.csv row 2, column date")


def test_look_alike_entry_id_is_refused(csv_review):
    folder = csv_review(chronology=[["id", *HEADER], ["\u0435-1", "2020-01-01", "police", "incident", "amy", "x"]])
    refused(folder, "chronology.csv row 2, column id")


def test_subject_listed_twice(csv_review):
    folder = csv_review(chronology=[HEADER, ["2020-01-01", "police", "incident", "amy;amy:victim", "x"]])
    refused(folder, "chronology.csv row 2, column subjects", "twice")


def test_corpus_never_skips_silently(tmp_path):
    write_csv_review(tmp_path / "corpus" / "good")
    write_csv_review(tmp_path / "corpus" / "_draft")
    write_csv_review(tmp_path / "corpus" / ".hidden")
    corpus = load(tmp_path / "corpus")
    skipped = [str(w) for w in corpus.warnings]
    assert any("_draft" in w and "skipped" in w for w in skipped)
    assert any(".hidden" in w and "skipped" in w for w in skipped)


def test_one_broken_file_in_a_corpus_is_named(tmp_path):
    write_csv_review(tmp_path / "corpus" / "good")
    (tmp_path / "corpus" / "broken.json").write_text("{" * 10_000, encoding="utf-8")
    out = refused(tmp_path / "corpus", "broken.json", "not readable JSON")
    assert "corpus/good" not in out  # the valid review has nothing to report


# -- YAML and JSON ------------------------------------------------------------------------

MINIMAL = {"review": {"id": "r", "title": "R"}, "people": [{"id": "amy", "name": "Amy"}], "relationships": [],
           "agencies": [{"id": "police", "name": "Police", "type": "police"}],
           "chronology": [{"date": "2020-01-01", "agency": "police", "type": "incident", "subjects": "amy",
                           "summary": "Called"}]}


def test_billion_laughs_is_refused_at_once(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nreview: {id: r, title: *i}\n", encoding="utf-8")
    refused(path, "bomb.yaml", "aliases")


def test_billion_laughs_in_review_yaml(csv_review):
    folder = csv_review(review='id: t\ntitle: &t "x"\nsource: *t\n')
    refused(folder, "review.yaml", "aliases")


def test_duplicate_yaml_key_wipes_nothing(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("review: {id: r, title: R}\npeople:\n  - {id: amy, name: Amy}\npeople: []\n"
                    "relationships: []\nagencies: []\nchronology: []\n", encoding="utf-8")
    refused(path, "dup.yaml", "'people' is written twice")


def test_duplicate_json_key(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"review": {"id": "r", "title": "R"}, "people": [], "people": [], "relationships": [],'
                    ' "agencies": [], "chronology": []}', encoding="utf-8")
    refused(path, "dup.json", "'people' is written twice")


def test_impossible_unquoted_yaml_date_is_located(tmp_path):
    path = tmp_path / "r.yaml"
    text = json.dumps(MINIMAL).replace('"R"}', '"R", "period_start": "2012-02-31"}')
    import yaml

    data = yaml.safe_load(text)
    body = yaml.safe_dump(data).replace("period_start: '2012-02-31'", "period_start: 2012-02-31")
    assert "period_start: 2012-02-31" in body
    path.write_text(body, encoding="utf-8")
    refused(path, "r.yaml", "period_start", "not a day in the calendar")


def test_deep_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"review": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    refused(path, "deep.json", "nested")


def test_huge_integer(tmp_path):
    data = dict(MINIMAL)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data).replace('"R"', "1" + "0" * 5000), encoding="utf-8")
    refused(path, "big.json", "digits")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity(tmp_path, literal):
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(MINIMAL).replace('"R"', literal), encoding="utf-8")
    refused(path, "nan.json", literal)


def test_yaml_nan(tmp_path):
    import yaml

    path = tmp_path / "nan.yaml"
    path.write_text(yaml.safe_dump(MINIMAL).replace("title: R", "title: .nan"), encoding="utf-8")
    refused(path, "nan.yaml", "not a number")


# -- workbooks ------------------------------------------------------------------------------

def workbook(path, *, hidden=None, formula=False):
    """A minimal valid review workbook; ``hidden`` adds a hidden sheet of that name holding
    other data; ``formula`` puts an uncalculated formula in a chronology cell."""
    book = openpyxl.Workbook()
    book.active.title = "review"
    for row in (["key", "value"], ["id", "wb"], ["title", "Workbook"]):
        book["review"].append(row)
    tables = {"people": [["id", "name"], ["amy", "Amy"]], "relationships": [["person", "relation", "other"]],
              "agencies": [["id", "name", "type"], ["police", "Police", "police"]],
              "chronology": [HEADER, ["2020-01-01", "police", "incident", "amy", "Called"]]}
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if formula:
        book["chronology"]["E2"] = '=CONCATENATE("Cal","led")'
    if hidden:
        sheet = book.create_sheet(hidden)
        for row in [HEADER, ["2020-01-01", "police", "incident", "amy", "From the hidden sheet"]]:
            sheet.append(row)
        sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_workbook_loads(tmp_path):
    assert load(workbook(tmp_path / "wb.xlsx")).reviews[0].entries[0].summary == "Called"


def test_hidden_sheet_never_wins_over_the_visible_one(tmp_path):
    path = workbook(tmp_path / "wb.xlsx", hidden="Chronology ")
    corpus = load(path)
    assert corpus.reviews[0].entries[0].summary == "Called"
    assert any("hidden" in str(w) for w in corpus.warnings)


def test_hidden_sheet_alone_is_an_error(tmp_path):
    path = workbook(tmp_path / "wb.xlsx")
    book = openpyxl.load_workbook(path)
    book["chronology"].sheet_state = "hidden"
    book.save(path)
    refused(path, "wb.xlsx", "hidden")


def test_formula_without_a_value_names_the_cell(tmp_path):
    refused(workbook(tmp_path / "wb.xlsx", formula=True), "sheet chronology, row 2", "E2", "formula")


def test_decompression_bomb_is_refused_before_reading(tmp_path):
    path = workbook(tmp_path / "wb.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (3 * 1024 * 1024))  # packs to a few kB
    assert path.stat().st_size < 200_000
    refused(path, "wb.xlsx", "unpack", "--max-unzipped-mb", options=["--max-unzipped-mb", "2"])


def test_malformed_sheet_xml(tmp_path):
    path = workbook(tmp_path / "wb.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet5.xml"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    refused(broken, "broken.xlsx")


# -- properties: any bytes, any rows -------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), which=st.sampled_from(["people", "relationships", "agencies", "chronology"]))
def test_any_bytes_in_a_csv_give_a_located_problem_or_a_review(tmp_path, data, which):
    folder = write_csv_review(tmp_path / "r")
    (folder / f"{which}.csv").write_bytes(data)
    try:
        load(folder)
    except LoadError as exc:
        assert exc.problems and all(p.file for p in exc.problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".xlsx"]))
def test_any_bytes_as_a_document_give_a_located_problem(tmp_path, data, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_bytes(data)
    try:
        load(path)
    except LoadError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)


cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=7), max_size=6))
def test_any_rows_give_a_located_problem_or_a_review(tmp_path, rows):
    folder = write_csv_review(tmp_path / "r", chronology=[HEADER, *rows])
    try:
        load(folder)
    except LoadError as exc:
        assert exc.problems and all(p.file for p in exc.problems)


def test_unknown_relation_loaded_leniently_can_be_pushed(csv_review):
    """--allow-unknown-terms used to leave a relationship type Neo4j had no statement for
    (push raised KeyError): it now counts as relative_of, keeping the term as written."""
    from safegraph import build_graph
    from safegraph.neo4j_store import REL_WRITES, rows_by_review

    folder = csv_review(relationships=[["person", "relation", "other"], ["mum", "godparent_of", "amy"]])
    corpus = load(folder, unknown_terms="warning")
    G = build_graph(corpus)
    _, rels = rows_by_review(G)["t"]
    assert set(rels) <= set(REL_WRITES)
    assert [row["props"]["relation"] for row in rels[("RELATIVE_OF", "Person", "Person")]] == ["godparent_of"]
