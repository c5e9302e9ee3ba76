"""Readers for the three containers of a review: a CSV folder, an Excel workbook, and a
YAML or JSON file. Each gives the same raw tables; checking them is ``_load``'s job."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

TABLES = ("people", "relationships", "agencies", "chronology")
REVIEW_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")


def normalise_header(text: object) -> str:
    """Match headers case-insensitively, ignoring surrounding spaces (and treating inner
    spaces and hyphens as underscores, so ``Referred To`` is ``referred_to``)."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


def cell_text(value: object) -> str | list[str]:
    """Turn a typed cell (from YAML, JSON or Excel) into the text the format defines."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return [t for t in (cell_text(v) for v in value) if isinstance(t, str)]
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value).strip()


def is_blank(value: str | list[str]) -> bool:
    return not value if isinstance(value, list) else value.strip() == ""


@dataclass
class Row:
    number: int
    cells: dict[str, str | list[str]]


@dataclass
class Table:
    """One table of a review (people, relationships, agencies or chronology)."""

    name: str
    file: str
    sheet: str | None = None
    item_of: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    """Normalised header -> header as written."""
    rows: list[Row] = field(default_factory=list)
    header_row: int | None = 1
    positions: list[str] = field(default_factory=list)
    """For CSV and Excel: the normalised header of each column by position ('' if unusable)."""
    present: bool = True
    """False when the file or sheet is missing (already reported)."""

    def problem(self, message: str, row: int | None = None, column: str | None = None,
                code: str = "invalid", severity: str = "error") -> Problem:
        return Problem(self.file, message, row=row, column=column, sheet=self.sheet,
                       item_of=self.item_of, code=code, severity=severity)


@dataclass
class Meta:
    """The review's own key/value metadata, with where each key was written."""

    file: str
    values: dict[str, str | list[str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    sheet: str | None = None
    item_of: str | None = None
    present: bool = True
    """False when the metadata could not be read at all (already reported)."""

    def problem(self, message: str, key: str | None, code: str = "invalid",
                severity: str = "error") -> Problem:
        if self.sheet is not None and key in self.rows:
            return Problem(self.file, message, row=self.rows[key], column="value",
                           sheet=self.sheet, code=code, severity=severity)
        if self.sheet is not None:
            return Problem(self.file, message, column=key, sheet=self.sheet, code=code, severity=severity)
        return Problem(self.file, message, column=key, item_of=self.item_of, code=code, severity=severity)


@dataclass
class RawReview:
    path: str
    meta: Meta
    tables: dict[str, Table]
    problems: list[Problem] = field(default_factory=list)


def is_review_path(path: Path) -> bool:
    """True if ``path`` is one review (a folder with review.yaml, or a review file)."""
    if path.is_dir():
        return (path / "review.yaml").is_file()
    return path.is_file() and path.suffix.lower() in REVIEW_SUFFIXES


def read_review(path: Path, shown: str) -> RawReview:
    """Read one review from ``path``; ``shown`` is the path as the user wrote it."""
    if path.is_dir():
        return _read_folder(path, shown)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_workbook(path, shown)
    return _read_document(path, shown)


# --- CSV folder -------------------------------------------------------------------

def _read_folder(path: Path, shown: str) -> RawReview:
    problems: list[Problem] = []
    meta_file = f"{shown}/review.yaml"
    meta = Meta(meta_file)
    try:
        data = yaml.safe_load((path / "review.yaml").read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(Problem(meta_file, f"is not readable YAML: {_first_line(exc)}", code="unreadable"))
        meta.present = False
        data = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(meta_file, "must be a mapping of keys to values", code="unreadable"))
        meta.present = False
        data = {}
    meta.values = {normalise_header(k): cell_text(v) for k, v in data.items()}
    tables = {}
    for name in TABLES:
        file = path / f"{name}.csv"
        table = Table(name, f"{shown}/{name}.csv")
        if not file.is_file():
            table.present = False
            problems.append(Problem(table.file, "file is missing (every review has people, relationships, agencies and chronology; a header row alone is enough)", code="missing-file"))
        else:
            problems.extend(_read_csv(file, table))
        tables[name] = table
    return RawReview(shown, meta, tables, problems)


def _read_csv(file: Path, table: Table) -> list[Problem]:
    raw = file.read_bytes()
    problems = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        text = raw.decode("cp1252", errors="replace")
        problems.append(table.problem(
            f"is not UTF-8 (first bad byte on line {line}); read as Windows-1252. "
            "In Excel, save as 'CSV UTF-8' to avoid this", code="encoding", severity="warning"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:
        return problems + [table.problem(f"is not readable CSV: {exc}", code="unreadable")]
    if not records:
        return problems + [table.problem("is empty: it needs at least a header row", row=1, code="missing-column")]
    if len(records[0]) == 1:
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in records[0][0]:
                table.present = False
                return problems + [table.problem(
                    f"is separated by {name}, not commas (Excel does this in some locales); "
                    "save it again as 'CSV UTF-8 (Comma delimited)'", row=1, code="wrong-separator")]
    problems.extend(_set_headers(table, records[0]))
    names = table.positions
    width = len(records[0])
    for number, record in enumerate(records[1:], start=2):
        if all(not c.strip() for c in record):
            continue
        if len(record) > width and any(c.strip() for c in record[width:]):
            problems.append(table.problem(
                f"has {len(record)} cells but the header has {width} columns", row=number, code="extra-cells"))
        cells = {names[i]: record[i].strip() for i in range(min(width, len(record))) if names[i]}
        table.rows.append(Row(number, cells))
    return problems


def _set_headers(table: Table, header: list) -> list[Problem]:
    problems = []
    names = []
    for position, written in enumerate(header, start=1):
        key = normalise_header(written) if written is not None else ""
        if key and key in table.headers:
            problems.append(table.problem(f"the column {str(written).strip()!r} appears twice",
                                          row=table.header_row, column=str(written).strip(), code="duplicate-column"))
            key = ""
        if key:
            table.headers[key] = str(written).strip()
        names.append(key)
    # Keep position -> key in the same order as the header, blanks for unusable ones.
    table.headers = {k: table.headers[k] for k in names if k}
    table.positions = names
    return problems


# --- Excel workbook ---------------------------------------------------------------

def _read_workbook(path: Path, shown: str) -> RawReview:
    import openpyxl  # imported here: loading a CSV review should not pay for it
    from openpyxl.utils.exceptions import InvalidFileException
    import zipfile

    problems: list[Problem] = []
    meta = Meta(shown, sheet="review")
    tables = {name: Table(name, shown, sheet=name) for name in TABLES}
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        problems.append(Problem(shown, f"is not a readable .xlsx workbook: {_first_line(exc)}", code="unreadable"))
        for table in tables.values():
            table.present = False
        meta.present = False
        return RawReview(shown, meta, tables, problems)
    try:
        sheets = {normalise_header(ws.title): ws for ws in book.worksheets}
        review_sheet = sheets.get("review")
        if review_sheet is None:
            problems.append(Problem(shown, "has no sheet called 'review' (two columns: key, value)", code="missing-sheet"))
            meta.present = False
        else:
            meta.sheet = review_sheet.title
            for number, values in enumerate(review_sheet.iter_rows(values_only=True), start=1):
                values = list(values) + [None, None]
                key, value = cell_text(values[0]), cell_text(values[1])
                if isinstance(key, list) or not key:
                    continue
                key = normalise_header(key)
                if number == 1 and key == "key" and normalise_header(value or "") == "value":
                    continue
                meta.values[key] = value
                meta.rows[key] = number
        for name, table in tables.items():
            sheet = sheets.get(name)
            if sheet is None:
                table.present = False
                problems.append(Problem(shown, f"has no sheet called {name!r}", code="missing-sheet"))
                continue
            table.sheet = sheet.title
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                problems.append(table.problem("is empty: it needs at least a header row", row=1, code="missing-column"))
                continue
            problems.extend(_set_headers(table, list(header)))
            names = table.positions
            width = len(names)
            for number, values in enumerate(rows, start=2):
                texts = [cell_text(v) for v in values]
                if all(is_blank(t) for t in texts):
                    continue
                if len(texts) > width and any(not is_blank(t) for t in texts[width:]):
                    problems.append(table.problem(
                        "has a value beyond the last headed column", row=number, code="extra-cells"))
                cells = {names[i]: texts[i] for i in range(min(width, len(texts))) if names[i]}
                table.rows.append(Row(number, cells))
    finally:
        book.close()
    return RawReview(shown, meta, tables, problems)


# --- YAML or JSON document ---------------------------------------------------------

def _read_document(path: Path, shown: str) -> RawReview:
    json_file = path.suffix.lower() == ".json"
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if json_file else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        problem = Problem(shown, f"is not readable {'JSON' if json_file else 'YAML'}: {_first_line(exc)}",
                          code="unreadable")
        return raw_from_mapping({}, shown, [problem])
    return raw_from_mapping(data, shown)


def raw_from_mapping(data: object, shown: str, problems: list[Problem] | None = None) -> RawReview:
    """Read a review held as one mapping (parsed YAML or JSON, or built in Python)."""
    problems = list(problems or [])
    meta = Meta(shown, item_of="review")
    tables = {name: Table(name, shown, item_of=name, header_row=None) for name in TABLES}
    if problems or not isinstance(data, dict):
        if not problems:
            problems.append(Problem(shown, "must be a mapping with the keys review, people, relationships, "
                                           "agencies and chronology", code="unreadable"))
        meta.present = False
        for table in tables.values():
            table.present = False
        return RawReview(shown, meta, tables, problems)
    data = {normalise_header(k): v for k, v in data.items()}
    review = data.get("review")
    if not isinstance(review, dict):
        problems.append(Problem(shown, "has no 'review' mapping", column="review", code="missing-sheet"))
        meta.present = False
    else:
        meta.values = {normalise_header(k): cell_text(v) for k, v in review.items()}
    for name, table in tables.items():
        items = data.get(name)
        if items is None:
            table.present = False
            problems.append(Problem(shown, f"has no {name!r} list (an empty list is enough)", column=name, code="missing-sheet"))
            continue
        if not isinstance(items, list):
            problems.append(Problem(shown, f"{name!r} must be a list of mappings", column=name, code="unreadable"))
            continue
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(table.problem("must be a mapping of keys to values", row=number, code="unreadable"))
                continue
            cells = {}
            for key, value in item.items():
                norm = normalise_header(key)
                table.headers.setdefault(norm, str(key).strip())
                cells[norm] = cell_text(value)
            if all(is_blank(v) for v in cells.values()):
                continue
            table.rows.append(Row(number, cells))
    return RawReview(shown, meta, tables, problems)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
