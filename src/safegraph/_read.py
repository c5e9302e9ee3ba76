"""Readers for the three containers of a review: a CSV folder, an Excel workbook, and a
YAML or JSON file. Each gives the same raw tables; checking them is ``_load``'s job."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

TABLES = ("people", "relationships", "agencies", "chronology")
REVIEW_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Limits:
    """How much safegraph will read, so that a damaged or hostile file gets a clear error
    instead of exhausting memory. Each has a command-line option to raise it."""

    file_mb: int = 100
    """Largest file read, in megabytes (``--max-file-mb``)."""
    unzipped_mb: int = 500
    """Largest size a workbook may unpack to, in megabytes (``--max-unzipped-mb``)."""
    rows: int = 200_000
    """Most rows in one table or sheet (``--max-rows``)."""
    cell_chars: int = 32_767
    """Longest cell, in characters: Excel's own limit (``--max-cell-chars``)."""
    entries: int = 100_000
    """Most chronology entries in one review (``--max-entries``)."""
    earliest_year: int = 1900
    """Earliest year a date may have (``--earliest-year``)."""
    latest_year: int = 2100
    """Latest year a date may have (``--latest-year``)."""
    depth: int = 20
    """Deepest nesting of lists and mappings in a YAML or JSON review."""


DEFAULT_LIMITS = Limits()
OPTION = {"file_mb": "--max-file-mb", "unzipped_mb": "--max-unzipped-mb", "rows": "--max-rows",
          "cell_chars": "--max-cell-chars", "entries": "--max-entries", "earliest_year": "--earliest-year",
          "latest_year": "--latest-year"}


class Unreadable(Exception):
    """A file that cannot be read as it is; the message says why, for a Problem."""


def _too_big(path: Path, shown: str, limits: Limits) -> Problem | None:
    size = path.stat().st_size
    if size > limits.file_mb * 1024 * 1024:
        return Problem(shown, f"is {size / 1024 / 1024:.0f} MB, more than the {limits.file_mb} MB limit "
                              f"(raise it with {OPTION['file_mb']})", code="too-large")
    return None


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
        if not math.isfinite(value):
            raise Unreadable(f"{value!r} is not a number a review can hold")
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
    width: int | None = None
    """For CSV and Excel: how many cells the row has (a row cut short has fewer than the
    header)."""


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


def read_review(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> RawReview:
    """Read one review from ``path``; ``shown`` is the path as the user wrote it.

    Never raises for what is in the files: anything unreadable becomes a Problem naming
    the file (and the row where it can be told), and the review is then not loaded.
    """
    try:
        if path.is_dir():
            return _read_folder(path, shown, limits)
        if (too_big := _too_big(path, shown, limits)) is not None:
            return raw_from_mapping({}, shown, [too_big])
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return _read_workbook(path, shown, limits)
        return _read_document(path, shown, limits)
    except Exception as exc:  # noqa: BLE001 - whatever a file holds, the user gets a located problem
        if isinstance(exc, RecursionError):
            reason = "is nested too deeply"
        else:
            reason = f"could not be read ({type(exc).__name__}: {_first_line(exc)})"
        return raw_from_mapping({}, shown, [Problem(shown, reason, code="unreadable")])


# --- CSV folder -------------------------------------------------------------------

def _read_folder(path: Path, shown: str, limits: Limits) -> RawReview:
    problems: list[Problem] = []
    meta_file = f"{shown}/review.yaml"
    meta = Meta(meta_file)
    try:
        if (too_big := _too_big(path / "review.yaml", meta_file, limits)) is not None:
            raise Unreadable(too_big.message)
        data = load_yaml((path / "review.yaml").read_text(encoding="utf-8-sig"), limits)
    except (yaml.YAMLError, UnicodeDecodeError, Unreadable, OSError) as exc:
        problems.append(Problem(meta_file, f"is not readable YAML: {_first_line(exc)}", code="unreadable"))
        meta.present = False
        data = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(meta_file, "must be a mapping of keys to values", code="unreadable"))
        meta.present = False
        data = {}
    try:
        meta.values = {normalise_header(k): cell_text(v) for k, v in data.items()}
    except Unreadable as exc:
        problems.append(Problem(meta_file, str(exc), code="unreadable"))
        meta.present = False
    tables = {}
    for name in TABLES:
        file = path / f"{name}.csv"
        table = Table(name, f"{shown}/{name}.csv")
        if not file.is_file():
            table.present = False
            problems.append(Problem(table.file, "file is missing (every review has people, relationships, agencies and chronology; a header row alone is enough)", code="missing-file"))
        elif (too_big := _too_big(file, table.file, limits)) is not None:
            table.present = False
            problems.append(too_big)
        else:
            problems.extend(_read_csv(file, table, limits))
        tables[name] = table
    return RawReview(shown, meta, tables, problems)


# A whole multi-byte UTF-8 character: its mark in a file that is otherwise not UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_csv(raw: bytes, table: Table) -> tuple[str | None, list[Problem]]:
    """The text of a CSV file, decoded as a whole: UTF-8 (with or without a byte-order
    mark), UTF-16 with a byte-order mark, or, only where the file is not UTF-8 at all,
    Windows-1252 (with a warning naming the first line that is not UTF-8)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [table.problem(f"starts as UTF-16 but is not (at byte {exc.start})", code="encoding")]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [table.problem(f"holds NUL bytes (first on line {line}): it may be UTF-16 without a byte-order "
                                    "mark, or not a text file at all; save it as 'CSV UTF-8'", code="encoding")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    if _UTF8_SEQUENCE.search(raw):
        # Valid UTF-8 characters elsewhere: decoding it all as Windows-1252 would garble them.
        return None, [table.problem(f"is UTF-8 except on line {line}, which has a character that is not (pasted "
                                    "from another program?); retype it, or save the file as 'CSV UTF-8'",
                                    row=line, code="encoding")]
    return raw.decode("cp1252", errors="replace"), [table.problem(
        f"is not UTF-8 (first on line {line}); read as Windows-1252. In Excel, save as 'CSV UTF-8' to avoid "
        "this", code="encoding", severity="warning")]


def _read_csv(file: Path, table: Table, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    text, problems = decode_csv(file.read_bytes(), table)
    if text is None:
        table.present = False
        return problems
    csv.field_size_limit(max(limits.cell_chars + 1, 1024))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) > limits.rows + 1:
                table.present = False
                return problems + [table.problem(
                    f"has more than {limits.rows:,} rows (raise the limit with {OPTION['rows']})",
                    row=limits.rows + 2, code="too-large")]
    except csv.Error as exc:
        table.present = False
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = (f"a cell is longer than {limits.cell_chars:,} characters (raise the limit with "
                      f"{OPTION['cell_chars']})")
        elif "expected after" in reason or "unexpected end of data" in reason:
            reason = "a quote (\") opens a cell that is never closed properly; check the quotes in this row"
        return problems + [table.problem(f"is not readable CSV: {reason}", row=_record_row(records), code="unreadable")]
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
    unnamed = "" in names
    for number, record in enumerate(records[1:], start=2):
        joined = "".join(record)
        if not joined.strip():  # every cell empty or blank
            continue
        if len(record) > width and any(c.strip() for c in record[width:]):
            problems.append(table.problem(
                f"has {len(record)} cells but the header has {width} columns", row=number, code="extra-cells"))
        swallowed = _swallowed_rows(record, width) if "\n" in joined else None
        if swallowed is not None:
            problems.append(table.problem(
                f"the cell in column {names[swallowed] or swallowed + 1} runs over several lines and holds what look "
                "like further rows: a quote (\") that opens it is probably not closed", row=number,
                column=names[swallowed] or None, code="unclosed-quote"))
        # Cell by column name (zip stops at the shorter of header and row); unnamed columns dropped.
        cells = dict(zip(names, map(str.strip, record)))
        if unnamed:
            cells.pop("", None)
        table.rows.append(Row(number, cells, width=len(record)))
    return problems


def _record_row(records: list) -> int:
    """The spreadsheet row of the record after ``records`` (the header is row 1)."""
    return len(records) + 1


_ROW_START = re.compile(r"^\s*\??[0-9]{1,4}[-/][0-9]")


def _swallowed_rows(record: list[str], width: int) -> int | None:
    """The position of a cell that holds whole further rows (lines starting with a date and
    with a row's worth of commas): the mark of a quote opened and never closed."""
    for position, cell in enumerate(record[:width]):
        if "\n" not in cell:
            continue
        for line in cell.splitlines()[1:]:
            if _ROW_START.match(line) and line.count(",") >= max(2, width - 3):
                return position
    return None


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

def _unzipped_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def _read_workbook(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> RawReview:
    import openpyxl  # imported here: loading a CSV review should not pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    problems: list[Problem] = []
    meta = Meta(shown, sheet="review")
    tables = {name: Table(name, shown, sheet=name) for name in TABLES}
    try:
        unzipped = _unzipped_size(path)
        if unzipped > limits.unzipped_mb * 1024 * 1024:
            raise Unreadable(f"it would unpack to {unzipped / 1024 / 1024:,.0f} MB, more than the "
                             f"{limits.unzipped_mb} MB limit (raise it with {OPTION['unzipped_mb']})")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, Unreadable, ValueError) as exc:
        problems.append(Problem(shown, f"is not a readable .xlsx workbook: {_first_line(exc)}", code="unreadable"))
        for table in tables.values():
            table.present = False
        meta.present = False
        return RawReview(shown, meta, tables, problems)
    try:
        sheets = _visible_sheets(book, shown, problems)
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
            written = formulas[sheet.title].iter_rows(values_only=True)
            header = next(rows, None)
            next(written, None)
            if header is None:
                problems.append(table.problem("is empty: it needs at least a header row", row=1, code="missing-column"))
                continue
            problems.extend(_set_headers(table, list(header)))
            names = table.positions
            width = len(names)
            for number, (values, as_written) in enumerate(zip(rows, written), start=2):
                if number > limits.rows + 1:
                    table.present = False
                    problems.append(table.problem(f"has more than {limits.rows:,} rows (raise the limit with "
                                                  f"{OPTION['rows']})", row=number, code="too-large"))
                    break
                try:
                    texts = [cell_text(v) for v in values]
                except Unreadable as exc:
                    problems.append(table.problem(str(exc), row=number, code="unreadable"))
                    continue
                for i, (value, formula) in enumerate(zip(values, as_written)):
                    if value is None and isinstance(formula, str) and formula.startswith("="):
                        column = names[i] if i < width and names[i] else None
                        problems.append(table.problem(
                            f"cell {_column_letter(i)}{number} holds a formula ({formula[:40]}) with no saved value; "
                            "open the workbook in Excel or LibreOffice and save it, or type the value",
                            row=number, column=column, code="formula-without-value"))
                    elif isinstance(value, str) and len(value) > limits.cell_chars:
                        problems.append(table.problem(
                            f"cell {_column_letter(i)}{number} is longer than {limits.cell_chars:,} characters "
                            f"(raise the limit with {OPTION['cell_chars']})", row=number, code="too-large"))
                if all(is_blank(t) for t in texts):
                    continue
                if len(texts) > width and any(not is_blank(t) for t in texts[width:]):
                    problems.append(table.problem(
                        "has a value beyond the last headed column", row=number, code="extra-cells"))
                cells = {names[i]: texts[i] for i in range(min(width, len(texts))) if names[i]}
                table.rows.append(Row(number, cells, width=len(texts)))
    finally:
        book.close()
        formulas.close()
    return RawReview(shown, meta, tables, problems)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _visible_sheets(book, shown: str, problems: list[Problem]) -> dict:
    """Sheets by normalised name. What is read is what the reviewer sees: a hidden sheet is
    never read in place of a visible one (and is reported); a hidden sheet that is the only
    one of its name is an error, so that it is unhidden and checked first."""
    visible, hidden = {}, {}
    for ws in book.worksheets:
        state = getattr(ws, "sheet_state", "visible")
        (visible if state == "visible" else hidden).setdefault(normalise_header(ws.title), ws)
    for name, ws in hidden.items():
        if name not in {"review", *TABLES}:
            continue
        if name in visible:
            problems.append(Problem(shown, f"has a hidden sheet {ws.title!r} beside the visible {visible[name].title!r}; "
                                           "the visible one is read", code="hidden-sheet", severity="warning"))
        else:
            problems.append(Problem(shown, f"its sheet {ws.title!r} is hidden; unhide it (right-click the sheet tabs, "
                                           "Unhide) so that what is read is what you can see", code="hidden-sheet"))
    return visible


# --- YAML or JSON document ---------------------------------------------------------

def _read_document(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> RawReview:
    json_file = path.suffix.lower() == ".json"
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = load_json(text, limits) if json_file else load_yaml(text, limits)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError, Unreadable, RecursionError, ValueError) as exc:
        reason = "it is nested too deeply" if isinstance(exc, RecursionError) else _first_line(exc)
        problem = Problem(shown, f"is not readable {'JSON' if json_file else 'YAML'}: {reason}", code="unreadable")
        return raw_from_mapping({}, shown, [problem])
    return raw_from_mapping(data, shown)


class _Keys:
    """A key written twice in one mapping is an error (for either loader below)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise Unreadable(f"line {key_node.start_mark.line + 1}: the key {key!r} is written twice in one "
                                 f"mapping (first on line {seen[key]})")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


class _Loader(_Keys, yaml.SafeLoader):
    """YAML as a review needs it: no aliases (so nothing can expand), a key written twice
    in one mapping is an error, and dates stay as written (the format's own date rules
    check them, with their row)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise Unreadable(f"line {event.start_mark.line + 1}: aliases (*{event.anchor}) are not allowed in a "
                             "review; write the value out")
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


if hasattr(yaml, "CSafeLoader"):
    class _CLoader(_Keys, yaml.CSafeLoader):
        """``_Loader`` on libyaml's parser, for text that cannot hold an alias (no ``*``
        or ``&`` anywhere): the same keys rule and the same dates, much faster."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:  # PyYAML built without libyaml
    _CLoader = _Loader


def load_yaml(text: str, limits: Limits = DEFAULT_LIMITS):
    """Parse a review's YAML (see ``_Loader``), refusing nesting deeper than the limit."""
    loader = _CLoader if "*" not in text and "&" not in text else _Loader
    data = yaml.load(text, Loader=loader)  # noqa: S506 (a SafeLoader subclass)
    _check_depth(data, limits.depth)
    return data


def load_json(text: str, limits: Limits = DEFAULT_LIMITS):
    """Parse a review's JSON: a key twice in one object, NaN or Infinity, and integers of
    more than 30 digits are errors."""
    def pairs(items):
        out = {}
        for key, value in items:
            if key in out:
                raise Unreadable(f"the key {key!r} is written twice in one object")
            out[key] = value
        return out

    def constant(name):
        raise Unreadable(f"{name} is not a number a review can hold")

    def integer(text):
        if len(text) > 30:
            raise Unreadable(f"a number of {len(text)} digits is not one a review can hold")
        return int(text)

    data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=integer)
    _check_depth(data, limits.depth)
    return data


def _check_depth(data, limit: int) -> None:
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            raise Unreadable(f"it is nested more than {limit} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


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
        for key, value in review.items():
            try:
                meta.values[normalise_header(key)] = cell_text(value)
            except Unreadable as exc:
                problems.append(Problem(shown, str(exc), column=normalise_header(key), item_of="review",
                                        code="unreadable"))
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
                try:
                    cells[norm] = cell_text(value)
                except Unreadable as exc:
                    problems.append(table.problem(str(exc), row=number, column=norm, code="unreadable"))
                    cells[norm] = ""
            if all(is_blank(v) for v in cells.values()):
                continue
            table.rows.append(Row(number, cells))
    return RawReview(shown, meta, tables, problems)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
