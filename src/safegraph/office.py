"""Findings for a reviewer's Office workflow: an Excel workbook of every finding
(``safegraph gaps --format xlsx``) and a Word report to edit (``safegraph report``).

Both hold the same facts as the markdown report: the headline findings with why each
ranks where it does and its evidence entries (date, agency, type, summary, source), and
counts of the rest. Every piece of data text goes through ``_text.terminal`` first, so
control characters and bidi overrides are shown as escapes rather than breaking the
file's XML or disguising text; every text cell of the workbook is written as text, never
as a formula, whatever it starts with (``=HYPERLINK(...)`` stays those characters).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Iterable

import networkx as nx

from ._knowledge import knowledge
from ._redact import Redactor
from ._text import terminal
from .gaps import Finding
from .report import (CONTRACT_VERSION, DEFAULT_TOP, EVIDENCE_ROWS, _agencies, _counts, _evidence, _level_words,
                     _most_telling, entry_cells, headline, ranked)

FINDING_COLUMNS = [
    # (header, width in characters)
    ("rank", 6), ("headline", 9), ("score", 6), ("query", 24), ("level", 16), ("review", 14), ("agencies", 34),
    ("persons", 24), ("first date", 11), ("last date", 11), ("summary", 80), ("why it ranks here", 50),
    ("evidence entries", 30),
]
EVIDENCE_COLUMNS = [("rank", 6), ("query", 24), ("entry", 14), ("date", 11), ("date as written", 12), ("agency", 30),
                    ("type", 12), ("summary", 80), ("source", 30), ("file and row", 26)]


def _rows(G: nx.MultiDiGraph, findings: list[Finding], top: int | None, redactor: Redactor | None):
    """(rank, in headline, finding, its redacted copy or itself, index) in rank order."""
    shown = {id(f) for f in headline(findings, top)}
    for rank, f in enumerate(ranked(findings), start=1):
        yield rank, id(f) in shown, f, (redactor.finding(f) if redactor else f), knowledge(G, f.review)


def _names(K, f: Finding, redactor: Redactor | None) -> tuple[str, str]:
    if redactor:
        return (", ".join(redactor.agency_name(K.review, a) for a in f.agencies),
                ", ".join(redactor.person(K.review, p) for p in f.persons))
    return ", ".join(K.agency_name(a) for a in f.agencies), ", ".join(K.person_name(p) for p in f.persons)


# -- Excel -------------------------------------------------------------------------------

def findings_workbook(G: nx.MultiDiGraph, reviews: list[str], findings: list[Finding], *,
                      top: int | None = DEFAULT_TOP, redactor: Redactor | None = None) -> bytes:
    """The ``.xlsx`` of ``safegraph gaps --format xlsx``: a Findings sheet (one row per
    finding, by rank, with whether it is in the headline), an Evidence sheet (one row per
    finding and evidence entry) and an About sheet (the reviews, counts, what the levels
    mean). Headers frozen, filters on, text wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Findings"
    evidence = book.create_sheet("Evidence")
    about = book.create_sheet("About")

    def put(ws, row: int, values: Iterable) -> None:
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                cell.value = terminal(value)
                cell.data_type = "s"  # text, never a formula
            else:
                cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"  # a real date: it sorts and filters as one
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    def header(ws, columns) -> None:
        put(ws, 1, [h for h, _ in columns])
        for col, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
            cell = ws.cell(row=1, column=col)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F4E79")
        ws.freeze_panes = "A2"

    header(sheet, FINDING_COLUMNS)
    header(evidence, EVIDENCE_COLUMNS)
    r, er = 2, 2
    for rank, in_headline, f, words, K in _rows(G, findings, top, redactor):
        agencies, persons = _names(K, f, redactor)
        entries = _evidence(K, f)
        days = sorted(K.entry[e]["date"] for e in f.events) or [""]
        ids = [redactor.entry(K.review, e) if redactor else e for e in entries]
        put(sheet, r, [rank, "yes" if in_headline else "no", f.score, f.query, _level_words(f), words.review,
                       agencies, persons, min(days), max(days), words.summary, "; ".join(words.reasons),
                       ", ".join(ids)])
        r += 1
        for e, shown_id in zip(entries, ids):
            date, agency, kind, summary, source, where = entry_cells(K, e, redactor)
            put(evidence, er, [rank, f.query, shown_id, K.entry[e]["date"], date, agency, kind, summary, source, where])
            er += 1
    for ws, rows, columns in ((sheet, r, FINDING_COLUMNS), (evidence, er, EVIDENCE_COLUMNS)):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(rows - 1, 1)}"

    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 90
    lines: list[list] = [["safegraph findings", f"contract version {CONTRACT_VERSION}"],
                         ["written", dt.date.today().isoformat()]]
    for review in reviews:
        title = redactor.title(review) if redactor else G.nodes[("Review", review, review)].get("title", review)
        lines.append(["review", title])
    if redactor:
        lines.append(["redacted", Redactor.NOTE])
    lines += [["findings", len(findings)], ["in the headline", len(headline(findings, top))],
              ["levels", "confirmed: the review itself states the gap; partly confirmed: it states part of it; "
                         "no record: the chronology holds no record of the information reaching the agency, "
                         "which is not proof that it did not; empty: a pattern in the record"], []]
    lines.append(["findings by query", "findings / confirmed / partly confirmed"])
    lines += [[q, f"{n} / {c} / {p}"] for q, n, c, p in _counts(findings)]
    lines.append([])
    lines.append(["agencies most often missing information", "findings"])
    lines += [[name, int(n)] for name, n in _agencies(G, findings, redactor)]
    for i, line in enumerate(lines, start=1):
        put(about, i, line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- Word --------------------------------------------------------------------------------

def report_document(G: nx.MultiDiGraph, review: str, findings: list[Finding], *, top: int = DEFAULT_TOP,
                    redactor: Redactor | None = None, figures: dict[str, bytes] | None = None) -> bytes:
    """The ``.docx`` of ``safegraph report``: the review's title and period, the headline
    findings each with why it ranks there and an evidence table (date, agency, type,
    summary, source), counts per query and per agency, and the maps' figures (PNG bytes
    by caption) in a landscape section at the end. Plain Word styles throughout, so the
    reviewer can restyle and edit it as their own draft."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    K = knowledge(G, review)
    node = G.nodes[("Review", review, review)]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    doc.styles["Normal"].font.size = Pt(10.5)

    def text(value) -> str:
        return terminal(value)

    title = redactor.title(review) if redactor else node.get("title", review)
    doc.add_heading(text(title), level=0)
    facts = []
    if node.get("kind"):
        facts.append(node["kind"].upper())
    if node.get("area"):
        facts.append(text(node["area"]))
    if node.get("period_start_text") or node.get("period_end_text"):
        facts.append(f"period {node.get('period_start_text', '?')} to {node.get('period_end_text', '?')}")
    if K.incident:
        facts.append(f"critical incident {K.incident.isoformat()}")
    doc.add_paragraph(" · ".join(facts))
    if redactor:
        doc.add_paragraph(text(Redactor.NOTE)).runs[0].bold = True
    shown = headline(findings, top)
    confirmed = sum(f.level == "confirmed" for f in findings)
    partly = sum(f.level == "partly_confirmed" for f in findings)
    doc.add_paragraph(
        f"safegraph found {len(findings)} places where information may not have crossed agency lines: {confirmed} "
        f"confirmed by the review's own record and {partly} partly confirmed. This draft sets out the "
        f"{len(shown)} that rank highest, each with its evidence; 'no record' means the chronology holds no record "
        "of the information reaching the agency, which is not proof that it did not.")

    doc.add_heading("Headline findings", level=1)
    for n, f in enumerate(shown, start=1):
        words = redactor.finding(f) if redactor else f
        doc.add_heading(f"{n}. {f.query.replace('-', ' ').capitalize()}", level=2)
        doc.add_paragraph(text(words.summary))
        why = doc.add_paragraph()
        why.add_run("Why it ranks here: ").bold = True
        why.add_run(text(f"score {f.score}; {_level_words(f)}; " + "; ".join(words.reasons)))
        every = _evidence(K, f)
        if not every:
            continue
        entries = _most_telling(K, f, every, EVIDENCE_ROWS)
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("Date", "Agency", "Type", "Summary", "Source")):
            cell.text = label
            cell.paragraphs[0].runs[0].bold = True
        for e in entries:
            date, agency, kind, summary, source, where = entry_cells(K, e, redactor)
            cells = table.add_row().cells
            for cell, value in zip(cells, (date, agency, kind, summary, f"{source} ({where})" if source else where)):
                cell.text = text(value)
        _widths(table, (Cm(2.5), Cm(3.0), Cm(2.4), Cm(6.1), Cm(3.0)))
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
        if len(entries) < len(every):
            doc.add_paragraph(f"{len(entries)} of {len(every)} evidence entries shown: those the review states were "
                              "not shared, then the latest. safegraph gaps --format xlsx lists them all.")
        doc.add_paragraph()

    doc.add_heading("All findings by query", level=1)
    _word_table(doc, ["Query", "Findings", "Confirmed", "Partly confirmed"], _counts(findings), text)
    agencies = _agencies(G, findings, redactor)
    if agencies:
        doc.add_heading("Agencies most often missing information", level=1)
        _word_table(doc, ["Agency", "Findings"], agencies, text)
    per_level = Counter(f.level or "pattern" for f in findings)
    doc.add_paragraph(", ".join(f"{n} {level.replace('_', ' ')}" for level, n in sorted(per_level.items())))

    if figures:
        figure_section = doc.add_section()
        figure_section.orientation = WD_ORIENT.LANDSCAPE
        figure_section.page_width, figure_section.page_height = Cm(29.7), Cm(21.0)
        for caption, png in figures.items():
            doc.add_heading(text(caption), level=1)
            doc.add_picture(io.BytesIO(png), width=Cm(25.5))
    doc.core_properties.title = text(title)
    doc.core_properties.author = "safegraph"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _widths(table, widths) -> None:
    """Fix a table's column widths (Word reads the cells', LibreOffice the grid's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _word_table(doc, headers: list[str], rows: list[list[str]], text) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, headers):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = text(value)


__all__ = ["findings_workbook", "report_document"]
