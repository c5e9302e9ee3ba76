"""Findings out for Office: the workbook of `gaps --format xlsx` and the Word report of
`safegraph report`, opened in a real LibreOffice (headless) and read back as it reads them.

Skipped where LibreOffice is missing, unless SAFEGRAPH_REQUIRE_OFFICE=1 (as in CI, where
scripts/test installs it), which fails instead.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from safegraph import load
from safegraph._text import terminal
from safegraph.cli import cli

from conftest import EXAMPLES, write_csv_review
from test_privacy import finder, personal_words

REQUIRE = os.environ.get("SAFEGRAPH_REQUIRE_OFFICE") == "1"
FORMULAS = ['=HYPERLINK("http://example.invalid","click me")', "=1+1", "+1+2", "-3+4", "@SUM(1,2)",
            "bell\x07 and \u202eright-to-left"]


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    """A function converting a file with headless LibreOffice: (path, filter, out dir) -> path."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if REQUIRE:
            pytest.fail("SAFEGRAPH_REQUIRE_OFFICE=1 but LibreOffice (soffice) is not installed", pytrace=False)
        pytest.skip("LibreOffice is not installed (set SAFEGRAPH_REQUIRE_OFFICE=1 to fail instead)")
    profile = tmp_path_factory.mktemp("lo-profile").as_uri()

    def convert(path: Path, target: str, outdir: Path) -> Path:
        outdir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                                 "--outdir", str(outdir), str(path)], capture_output=True, text=True, timeout=300)
        produced = sorted(outdir.glob(path.stem + "*"))
        assert result.returncode == 0 and produced, (result.stdout, result.stderr)
        return produced[0]

    return convert


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def findings_json(path, *extra):
    return json.loads(run("gaps", path, "--format", "json", *extra))["findings"]


def sheets_as_csv(soffice, workbook: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``workbook`` as LibreOffice exports it to CSV (UTF-8), by name."""
    # Filter options: comma, double quote, UTF-8, first line 1, ..., sheet -1 = every sheet.
    soffice(workbook, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', outdir)
    out = {}
    for name in ("Findings", "Evidence", "About"):
        path = outdir / f"{workbook.stem}-{name}.csv"
        out[name] = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return out


def docx_text(soffice, document: Path, outdir: Path) -> str:
    text = soffice(document, "txt:Text (encoded):UTF8", outdir).read_text(encoding="utf-8-sig")
    return " ".join(text.split())


def test_findings_workbook_opens_in_libreoffice_with_every_finding(soffice, tmp_path):
    path = tmp_path / "findings.xlsx"
    run("gaps", EXAMPLES / "hasan", "--format", "xlsx", "-o", path)
    sheets = sheets_as_csv(soffice, path, tmp_path / "csv")
    expected = findings_json(EXAMPLES / "hasan")
    findings = sheets["Findings"]
    assert findings[0][:5] == ["rank", "headline", "score", "query", "level"]
    assert len(findings) - 1 == len(expected) == 105
    by_rank = {f["rank"]: f for f in expected}
    for row in findings[1:]:
        f = by_rank[int(row[0])]
        assert (row[1] == "yes") == f["headline"] and int(row[2]) == f["score"] and row[3] == f["query"]
        assert row[10] == terminal(f["summary"])
    assert sum(r[1] == "yes" for r in findings[1:]) == 25
    # One evidence row per finding and entry, each with its source and file row.
    evidence = sheets["Evidence"]
    listed = {(int(r[0]), r[2]) for r in evidence[1:]}
    assert {(f["rank"], e) for f in expected for e in f["events"]} <= listed
    assert all(re.fullmatch(r"chronology\.csv row \d+", r[9]) for r in evidence[1:])
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", r[3]) for r in evidence[1:])  # real dates
    assert any("Serious Case Review" in cell for row in sheets["About"] for cell in row)
    # Frozen header and filters, as Excel users expect.
    book = openpyxl.load_workbook(path)
    assert book["Findings"].freeze_panes == "A2" and book["Findings"].auto_filter.ref.startswith("A1:M")


def test_text_that_looks_like_a_formula_stays_text(soffice, tmp_path):
    rows = [["date", "agency", "type", "subjects", "summary", "source", "not_shared_with"]]
    for n, text in enumerate(FORMULAS, start=1):
        rows.append([f"2020-01-0{n}", "police", "incident", "amy", text, text, "school"])
    review = write_csv_review(tmp_path / "formulas", chronology=rows)
    path = tmp_path / "formulas.xlsx"
    run("gaps", review, "--format", "xlsx", "-o", path)
    book = openpyxl.load_workbook(path)
    cells = [c for row in book["Evidence"].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    sheets = sheets_as_csv(soffice, path, tmp_path / "csv")
    summaries = {row[7] for row in sheets["Evidence"][1:]}
    # LibreOffice shows the characters and computes nothing; a control or bidi character
    # is shown as its escape.
    assert set(map(terminal, FORMULAS)) <= summaries, summaries
    report = tmp_path / "formulas.docx"
    run("report", review, "--no-figures", "-o", report)
    text = docx_text(soffice, report, tmp_path / "txt")
    assert "bell\\u0007 and \\u202eright-to-left" in text


def test_word_report_opens_in_libreoffice_with_every_headline_finding(soffice, tmp_path):
    path = tmp_path / "hasan.docx"
    run("report", EXAMPLES / "hasan", "-o", path)
    text = docx_text(soffice, path, tmp_path / "txt")
    assert "Serious Case Review and Safeguarding Adults Review: Hasan, Jila and Rahima" in text
    headline = [f for f in findings_json(EXAMPLES / "hasan") if f["headline"]]
    assert len(headline) == 25
    for f in headline:
        assert " ".join(terminal(f["summary"]).split()) in text, f["summary"][:80]
    assert "All findings by query" in text and "Agencies most often missing information" in text
    assert "(chronology.csv row 63)" in text  # the MARAC meeting's source and row
    with zipfile.ZipFile(path) as docx:
        pictures = [n for n in docx.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 3
    # And the pages render: LibreOffice makes a PDF of it.
    pdf = soffice(path, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 100_000


def test_redacted_office_files_hold_no_name(soffice, tmp_path):
    review = load(EXAMPLES / "hasan").reviews[0]
    pattern = finder(personal_words(review))
    report = tmp_path / "redacted.docx"
    run("report", EXAMPLES / "hasan", "--redact", "-o", report)
    text = docx_text(soffice, report, tmp_path / "txt")
    assert "Redacted" in text and pattern.search(text) is None
    workbook = tmp_path / "redacted.xlsx"
    run("gaps", EXAMPLES / "hasan", "--redact", "--format", "xlsx", "-o", workbook)
    sheets = sheets_as_csv(soffice, workbook, tmp_path / "csv")
    for name, rows in sheets.items():
        found = pattern.search(" ".join(" ".join(r) for r in rows))
        assert found is None, (name, found.group())
    # The files themselves, not only what LibreOffice shows: every part of each zip.
    for path in (report, workbook):
        with zipfile.ZipFile(path) as z:
            for part in z.namelist():
                if part.endswith(".xml"):
                    assert pattern.search(z.read(part).decode("utf-8")) is None, (path.name, part)


def test_xlsx_needs_an_output_file():
    result = CliRunner().invoke(cli, ["gaps", str(EXAMPLES / "hasan"), "--format", "xlsx"])
    assert result.exit_code != 0 and "--output" in result.output and "Traceback" not in result.output


def test_the_template_opens_validates_and_offers_the_vocabularies(soffice, tmp_path):
    path = tmp_path / "review.xlsx"
    run("template", "-o", path)
    # It loads as it is, with a warning for each sheet's worked example.
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.count("the template's worked example") == 4
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:5] == ["review", "people", "relationships", "agencies", "chronology"]
    assert book["lists"].sheet_state == "hidden"
    chronology = book["chronology"]
    header = [c.value for c in chronology[1]]
    assert header[:6] == ["id", "date", "agency", "type", "subjects", "summary"]
    assert all(c.comment is not None and c.comment.text for c in chronology[1])
    rules = {str(r.sqref): r for r in chronology.data_validations.dataValidation}
    type_rule = rules["D2:D1001"]
    column = type_rule.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    listed = [c.value for c in book["lists"][column][1:] if c.value]
    assert listed == ["incident", "contact", "referral", "assessment", "meeting", "decision", "disclosure", "share",
                      "death", "other"]
    assert type_rule.errorStyle == "warning"  # Excel asks, and accepts Mother for parent
    assert rules["C2:C1001"].formula1 == "agencies!$A$2:$A$1001"  # agency: from the agencies sheet
    assert rules["G2:G1001"].errorStyle == "information"  # risks: several allowed
    # LibreOffice opens it and keeps the drop-downs.
    reopened = soffice(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    again = openpyxl.load_workbook(reopened)
    assert len(again["chronology"].data_validations.dataValidation) >= 10
    # A reviewer fills it in the natural way: replace the examples, and it loads clean.
    for name in ("people", "relationships", "agencies", "chronology"):
        book[name].delete_rows(2, 5)
    book["people"].append(["Amira", "Amira", "Mother", "f"])
    book["people"].append(["Sami", "Sami", "subject", "m", "2013"])
    book["relationships"].append(["Amira", "parent_of", "Sami"])
    book["agencies"].append(["Police", "Police", "police"])
    book["agencies"].append(["School", "Oak Primary", "school"])
    book["chronology"].append(["", "05/03/2019", "Police", "incident", "Amira: victim", "Called to the flat",
                               "domestic_abuse", "", "Oak Primary"])
    for row in book["review"].iter_rows(min_row=2):
        if row[0].value == "id":
            row[1].value = "amira-review"
        if row[0].value == "subjects":
            row[1].value = "Sami"
    book.save(path)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
