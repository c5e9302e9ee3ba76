"""Agency chronologies in (``safegraph import``): each agency's own template, merged into
one review as drafts for the reviewer to confirm.

Reads Word tables (``.docx``), Excel sheets (``.xlsx``) and ``.csv`` files. A table's
headings are matched to the format's columns through HEADINGS (``--map`` corrects a
wrong guess); dates are read the UK way (day first; partial and uncertain dates kept);
each row keeps its file and row as ``source``. Nothing is guessed silently:

- a row with no readable date, no text or no person is written to ``unplaced.csv`` with
  the reason, never dropped;
- columns drafted from free text (who it was referred to, shared with or not shared with,
  the risks, the people named, an entry type read from words) are listed in the row's
  ``draft`` column, which ``safegraph validate`` warns about until the reviewer clears it;
- agencies and people the import meets for the first time are added with ``draft`` set,
  for the reviewer to confirm;
- rows of different agencies that look like the same event are marked in
  ``possible_duplicate_of``, never merged.

Importing a file again adds only rows it has not seen (a row is known by its file name
and place); a row whose text has changed since is reported and left as it was, so that a
reviewer's corrections are never overwritten.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ._dates import BadDate, parse_date
from ._load import COLUMNS, Names, as_id
from ._text import open_owner_only, write_owner_only
from ._vocab import term_key, vocabulary
from .maps._style import type_label

# Headings agencies use, by the format's column (compared after lower-casing and
# collapsing spaces and punctuation). Extend with --map "Heading=column".
HEADINGS: dict[str, tuple[str, ...]] = {
    "date": ("date", "date/time", "date and time", "date & time", "date of contact", "date of event",
             "date of incident", "event date", "contact date", "when", "period"),
    "summary": ("details", "details of contact", "details of event", "details of contact/event", "event",
                "description", "summary", "what happened", "key information", "information", "narrative",
                "event details", "contact details", "incident details", "concern", "concern/event", "notes",
                "record", "entry"),
    "action": ("action taken", "action", "actions", "actions taken", "response", "action/outcome"),
    "outcome": ("outcome", "result", "decision", "outcome of contact"),
    "comment": ("analysis", "comment", "comments", "agency comment", "analysis/comment", "reflection",
                "agency analysis", "analysis of involvement", "learning"),
    "agency": ("agency", "organisation", "organization", "service", "team", "agency name"),
    "type": ("type", "contact type", "event type", "type of contact", "type of event", "category"),
    "subjects": ("subject", "subjects", "person", "people", "child", "name", "names", "about", "service user",
                 "client", "individual", "patient", "pupil"),
    "informant_text": ("source of information", "information source", "informant", "reported by", "source"),
    "practitioner": ("practitioner", "worker", "staff", "professional", "author", "staff member", "officer",
                     "recorded by"),
    "id": ("id", "ref", "reference", "ref no", "record id"),
}

# Words in free text and the risk they record (the reviewer confirms each: see `draft`).
RISK_WORDS: list[tuple[str, str]] = [
    (r"domestic (?:abuse|violence)|\bdv\b|\bdva\b", "domestic_abuse"),
    (r"honou?r[- ]based|\bhba\b|\bhbv\b", "honour_based_abuse"),
    (r"forced marriage", "forced_marriage"),
    (r"coercive|controlling behaviou?r", "coercive_control"),
    (r"threat(?:s|ened)? to kill", "threat_to_kill"),
    (r"stalk", "stalking"),
    (r"sexual(?:ly)? (?:abuse|assault|abused|assaulted)|\brape", "sexual_abuse"),
    (r"overdose|\bod\b", "overdose"),
    (r"self[- ]harm|cutting (?:her|him|them)self", "self_harm"),
    (r"suicide attempt|attempted suicide|tried to (?:kill|end)", "suicide_attempt"),
    (r"suicidal|thoughts of (?:suicide|ending)", "suicidal_ideation"),
    (r"\bneglect", "neglect"),
    (r"exploitation|\bcse\b|\bcce\b|county lines", "exploitation"),
    (r"\bmissing\b|ran away|run away|absconded", "missing"),
    (r"\bdrugs?\b|alcohol|substance", "substance_misuse"),
    (r"mental health|psychosis|depress", "mental_health"),
    (r"pregnan", "pregnancy"),
    (r"assault|\bhit\b|punched|kicked|slapped|strangl|strangul|choked", "physical_abuse"),
    (r"injur|bruis|fracture", "injury"),
]
# Words that say an entry's type.
TYPE_WORDS: list[tuple[str, str]] = [
    (r"\bdied\b|\bdeath\b|deceased|found dead", "death"),
    (r"strategy (?:meeting|discussion)|\bmarac\b (?:meeting|held)|conference|core group|meeting", "meeting"),
    (r"called to|attended the (?:home|address)|arrested|\bincident\b|reported to police", "incident"),
    (r"\bdisclos|\btold (?:her|his|the|a) (?:teacher|nurse|staff|worker|gp|dsl)", "disclosure"),
    (r"referr", "referral"),
    (r"assessment|assessed", "assessment"),
    (r"\bnfa\b|no further action|threshold|decided|decision", "decision"),
    (r"shared|copied to|letter to|sent to|informed|notified", "share"),
    (r"visit|appointment|\bseen\b|phone|telephone|call\b|attended|attends|contact", "contact"),
]
# Phrases that send an entry to agencies, with the column they fill. The agency named
# after the phrase is looked up in the review's agencies and the agency-type words.
SENT_WORDS: list[tuple[str, str]] = [
    (r"(?:not|never) (?:shared|sent|copied|passed) (?:with|to)|(?:did not|didn't|not) (?:inform|tell|notif)\w*",
     "not_shared_with"),
    (r"no (?:\w+ )?referral (?:was )?(?:made )?(?:to|with)", "not_shared_with"),
    (r"referr(?:ed|al(?: was)?(?: made)?) to|refers? to", "referred_to"),
    (r"(?:shared|discussed) with|copied to|copy (?:was )?sent to|letter to|sent to|passed (?:on )?to|"
     r"\binformed\b|\bnotified\b|\bemailed\b", "shared_with"),
]
# The same told the other way round: "the school was not told", "GP informed by letter".
PASSIVE = re.compile(r"(?P<neg>\b(?:was|were) not\s+|\bnot\s+)?\b(?:told|informed|notified|made aware|updated)\b"
                     r"(?=\s*(?:$|[.;,:]|by\b|of\b|that\b|about\b|until\b|at\b|on\b|via\b))", re.I)
NEGATION = re.compile(r"\b(?:no|not|denies|denied|deny|without|never|nil|none|no evidence of)\b[^.;:]{0,30}$", re.I)

CHRONOLOGY_COLUMNS = list(COLUMNS["chronology"]) + ["possible_duplicate_of", "draft", "import_key"]
UNPLACED_COLUMNS = ["file", "place", "reason", "text"]
_WORD = re.compile(r"[a-z0-9]+")


def heading_key(text: str) -> str:
    """A heading as compared: lower case, words only (``Subject(s)`` is ``subject``)."""
    text = re.sub(r"\(s\)", "", str(text).lower()).replace("&", " and ")
    return " ".join(_WORD.findall(text))


_HEADING_INDEX = {heading_key(h): column for column, hs in HEADINGS.items() for h in hs}


@dataclass
class Row:
    """One row of an agency's table: where it is, and its cells by the format's column."""

    file: str
    place: str
    cells: dict[str, str]
    raw: dict[str, str] = field(default_factory=dict)
    """Every cell of the row by its heading as written, read or not."""


@dataclass
class Outcome:
    """What an import did, for the report it prints."""

    read: int = 0
    added: int = 0
    known: int = 0
    changed: list[str] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    drafted: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    new_agencies: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)
    """File -> heading as written -> the column it was read as ('' where ignored)."""


class ImportError_(ValueError):
    """A file that cannot be imported at all (unreadable, or no table with a date heading)."""


# -- reading the agencies' files -------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if (value.hour, value.minute) == (0, 0) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _header(cells: list[str], mapping: dict[str, str]) -> dict[int, str] | None:
    """Column index -> format column, if ``cells`` is a header row (it names a date and
    one other known column)."""
    found = {}
    for i, cell in enumerate(cells):
        key = heading_key(cell)
        column = mapping[key] if key in mapping else _HEADING_INDEX.get(key)
        if column and column not in found.values():
            found[i] = column
    return found if "date" in found.values() and len(found) >= 2 else None


def _table_rows(name: str, where: str, grid: list[list[str]], mapping: dict[str, str], outcome: Outcome) -> list[Row]:
    for n, cells in enumerate(grid[:15]):
        columns = _header(cells, mapping)
        if columns is None:
            continue
        outcome.headings.setdefault(name, {}).update(
            {cell: columns.get(i, "") for i, cell in enumerate(cells) if cell})
        rows = []
        for m, values in enumerate(grid[n + 1:], start=n + 2):
            if values == cells:
                continue  # the header again, as a long Word table repeats it on each page
            got = {columns[i]: v for i, v in enumerate(values) if i in columns and v}
            if any(v for v in values):
                raw = {(cells[i] if i < len(cells) and cells[i] else f"column {i + 1}"): v
                       for i, v in enumerate(values) if v}
                rows.append(Row(name, f"{where}row {m}", got, raw))
        return rows
    return []


def read_agency_file(path: Path, mapping: dict[str, str], outcome: Outcome) -> list[Row]:
    """The rows of every table in ``path`` whose header names a date."""
    suffix = path.suffix.lower()
    name = path.name
    rows: list[Row] = []
    try:
        if suffix == ".docx":
            from docx import Document

            for t, table in enumerate(Document(str(path)).tables, start=1):
                grid = []
                for row in table.rows:
                    seen, cells = set(), []
                    for cell in row.cells:  # a merged cell appears once per column it spans
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        cells.append(_text(cell.text))
                    grid.append(cells)
                rows += _table_rows(name, f"table {t} ", grid, mapping, outcome)
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            for ws in book.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible":
                    continue
                grid = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
                rows += _table_rows(name, f"sheet {ws.title} ", grid, mapping, outcome)
        elif suffix == ".csv":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
            grid = [[_text(c) for c in r] for r in csv.reader(io.StringIO(text))]
            rows += _table_rows(name, "", grid, mapping, outcome)
        else:
            raise ImportError_(f"{name}: not a .docx, .xlsx or .csv file")
    except ImportError_:
        raise
    except Exception as exc:  # a corrupt file of any of the three kinds
        raise ImportError_(f"{name}: cannot be read ({type(exc).__name__}: {exc})") from None
    if not rows and name not in outcome.headings:
        raise ImportError_(f"{name}: no table with a date heading (headings known: see docs/import.md; "
                           "or name one with --map \"Your heading=date\")")
    return rows


# -- reading a row ---------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                        "nov", "dec"], start=1)}
_SEASONS = re.compile(r"^(?:early|late|mid|spring|summer|autumn|winter|start of|end of)\b", re.I)


def uk_date(text: str, today: dt.date | None = None) -> tuple[str | None, str | None]:
    """A date as the format writes it, from a date as an agency typed it: ``(date, note)``,
    the note saying what was assumed; ``(None, reason)`` where it is not a date.

    >>> uk_date("12/03/2019 14:30"), uk_date("12.3.19"), uk_date("March 2019"), uk_date("c. 5 May 2018")
    (('2019-03-12', None), ('2019-03-12', "two-digit year '19' read as 2019"), ('2019-03', None), ('?2018-05-05', None))
    >>> uk_date("Summer 2009"), uk_date("TBC")[0]
    (('?2009', None), None)
    """
    today = today or dt.date.today()
    raw = " ".join(text.split())
    body = re.sub(r"\s+\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|hrs))?$", "", raw, flags=re.I)  # a time of day
    uncertain = ""
    if re.match(r"^(?:\?|c\.?\s|circa\s|approx\.?\s|about\s|around\s)", body, re.I):
        uncertain, body = "?", re.sub(r"^(?:\?|c\.?|circa|approx\.?|about|around)\s*", "", body, flags=re.I)
    if _SEASONS.match(body):
        uncertain, body = "?", _SEASONS.sub("", body).strip()
    note = None
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{4})", body)  # month and year
    if m and 1 <= int(m.group(1)) <= 12:
        body = f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", body)
    if m:
        d, mo, y = m.groups()
        if len(y) == 2:
            year = 2000 + int(y) if 2000 + int(y) <= today.year else 1900 + int(y)
            note, y = f"two-digit year {y!r} read as {year}", str(year)
        body = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    else:
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})", body)
        if m and m.group(2)[:3].lower() in _MONTHS:
            body = f"{m.group(3)}-{_MONTHS[m.group(2)[:3].lower()]:02d}-{int(m.group(1)):02d}"
        else:
            m = re.fullmatch(r"([A-Za-z]{3,})\.?,?\s+(\d{4})", body)
            if m and m.group(1)[:3].lower() in _MONTHS:
                body = f"{m.group(2)}-{_MONTHS[m.group(1)[:3].lower()]:02d}"
    try:
        parse_date(uncertain + body)
    except BadDate as exc:
        return None, str(exc)
    return uncertain + body, note


def find_words(patterns: list[tuple[str, str]], text: str) -> list[str]:
    """The terms whose pattern matches ``text`` other than just after a denial ("denies
    domestic abuse", "no current suicidal intent")."""
    low = text.lower()
    found = []
    for pattern, term in patterns:
        for m in re.finditer(pattern, low):
            if not NEGATION.search(low[max(0, m.start() - 40):m.start()]):
                found.append(term)
                break
    return list(dict.fromkeys(found))


def _plain(text: str) -> str:
    """Text without apostrophes, so that "Children's" and "childrens" are one word."""
    return text.replace("'", "").replace("’", "")


class Gazetteer:
    """Agencies as text names them: the review's agencies by id and name, and the words
    for each kind of agency (``CSC``, ``the school``, ``A&E``), which stand for the
    review's agency of that kind where it has exactly one, or propose a new one."""

    def __init__(self, agencies: dict[str, dict]):
        self.agencies = agencies
        self.words: list[tuple[re.Pattern, str]] = []
        for aid, row in agencies.items():
            for name in {_plain(row.get("name") or ""), aid}:
                if len(name) >= 2:
                    self.words.append((re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I), aid))
        types = vocabulary("agency_types")
        for term in types:
            for word in [term.replace("_", " "), *[a.replace("_", " ") for a, t in types.aliases.items() if t == term]]:
                if len(word) >= 2 and word not in ("other", "ed", "ae", "ex", "surgery"):
                    pattern = re.compile(r"(?<!\w)(?:the )?" + re.escape(word).replace(r"\ ", r"[\s'-]*") + r"(?!\w)",
                                         re.I)
                    self.words.append((pattern, "type:" + term))

    def mentions(self, text: str) -> list[str]:
        """Agency ids (or ``type:<term>`` for a kind with no agency yet) named in ``text``,
        in order."""
        text = _plain(text)
        found = []
        for pattern, target in self.words:
            m = pattern.search(text)
            if m:
                found.append((m.start(), target))
        out = []
        for _, target in sorted(found):
            if target.startswith("type:"):
                kind = target[5:]
                same = [a for a, row in self.agencies.items() if row.get("type") == kind]
                target = same[0] if len(same) == 1 else target
            out.append(target)
        return list(dict.fromkeys(out))


def sent_to(text: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """The agencies ``text`` says an entry was referred to, shared with, or not shared
    with: for each phrase in SENT_WORDS, the agencies named in the words after it (up to
    the end of the clause)."""
    out: dict[str, list[str]] = {}
    claimed: set[str] = set()

    def claim(column: str, agencies: list[str]) -> None:
        for agency in agencies:
            if agency not in claimed:
                claimed.add(agency)
                out.setdefault(column, []).append(agency)

    for pattern, column in SENT_WORDS:
        for m in re.finditer(pattern, text, re.I):
            clause = re.split(r"[.;:()]|\bbut\b|\bbecause\b|\bwho\b|\bvia\b|\bthrough\b|\bby\b",
                              text[m.end():], maxsplit=1)[0][:120]
            claim(column, gazetteer.mentions(clause))
    for m in PASSIVE.finditer(text):
        before = re.split(r"[.;:()]|\band\b|\bbut\b", text[:m.start()])[-1]
        named = gazetteer.mentions(before)
        if named:
            claim("not_shared_with" if m.group("neg") else "shared_with", named[-1:])
    return out


# -- the review folder ---------------------------------------------------------------------

def _read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return [], []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), [dict(r) for r in reader]


def write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    # Readable by its owner only, like everything safegraph writes; UTF-8 with a
    # byte-order mark, so that Excel opens it with accents intact.
    with open_owner_only(path) as fh:
        fh.write("\ufeff")
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") or "" for c in columns})


def _columns(existing: list[str], wanted: list[str]) -> list[str]:
    return existing + [c for c in wanted if c not in existing]


def import_files(paths: list[Path], review: Path, *, agency: str | None = None, mapping: dict[str, str] | None = None,
                 subjects: list[str] | None = None) -> Outcome:
    """Import agency chronology files into the review folder ``review`` (made if new):
    see the module docstring. ``agency`` names the agency of every row (else a column,
    else the file's name); ``mapping`` maps headings as written to the format's columns;
    ``subjects`` names the people an entry is about where its row names nobody (else the
    review's subjects)."""
    mapping = {heading_key(k): v for k, v in (mapping or {}).items()}
    outcome = Outcome()
    review.mkdir(parents=True, exist_ok=True)
    meta = review / "review.yaml"
    if not meta.exists():
        write_owner_only(meta, f"id: {as_id(review.name) or 'review'}\ntitle: \"Draft review: {review.name}\"\n"
                         "# Written by safegraph import. Give the review its title, kind, area, period and subjects.\n")
    people_cols, people = _read_table(review / "people.csv")
    agency_cols, agencies = _read_table(review / "agencies.csv")
    rel_cols, relationships = _read_table(review / "relationships.csv")
    chron_cols, chronology = _read_table(review / "chronology.csv")
    _, unplaced = _read_table(review / "unplaced.csv")

    agency_rows = {as_id(r.get("id") or ""): r for r in agencies if r.get("id")}
    person_rows = {as_id(r.get("id") or ""): r for r in people if r.get("id")}
    known_keys = {r.get("import_key"): r for r in chronology if r.get("import_key")}
    # The rows of these files left out last time are worked out afresh.
    unplaced = [r for r in unplaced if r.get("file") not in {p.name for p in paths}]
    defaults = list(subjects or [])
    if not defaults:
        m = re.search(r"^subjects:\s*(.+)$", meta.read_text(encoding="utf-8"), re.M)
        defaults = [s.strip() for s in re.split(r"[;,]", m.group(1)) if s.strip()] if m else []

    def agency_id(name: str) -> str:
        names = Names({a: r.get("name") for a, r in agency_rows.items()})
        found, _ = names.resolve(name)
        if found:
            return found
        kind = vocabulary("agency_types").normalise(name)
        if kind is None:
            words = Gazetteer({}).mentions(name)
            kind = words[0][5:] if words else "other"
        new = as_id(name) or "agency"
        agency_rows[new] = {"id": new, "name": name, "type": kind,
                            "draft": "new agency from the import: check its name, type and area"}
        agencies.append(agency_rows[new])
        outcome.new_agencies.append(f"{new} ({kind})")
        return new

    def person_id(name: str) -> str:
        name = " ".join(name.split())
        names = Names({p: r.get("name") for p, r in person_rows.items()})
        found, _ = names.resolve(name)
        if found:
            return found
        # "Sami" for "Sami Khan", where no one else's name starts so; "Amira Khan" for
        # the review's one "Amira" (a draft either way).
        first = [p for p, words in _person_words(person_rows).items() if name in words[1:]]
        if len(first) == 1:
            return first[0]
        single = [p for p, r in person_rows.items() if (r.get("name") or "").strip() == name.split()[0]]
        if len(single) == 1 and " " in name:
            return single[0]
        new = as_id(name) or "person"
        role = vocabulary("person_roles").normalise(name) or ""
        person_rows[new] = {"id": new, "name": name, "role": role,
                            "draft": "new person from the import: check the name, role and relationships"}
        people.append(person_rows[new])
        outcome.new_people.append(new)
        return new

    def file_agency(path: Path) -> str:
        # "city-hospital_chronology.docx" -> "City Hospital"
        stem = re.sub(r"[-_ ]*chronology$", "", path.stem, flags=re.I)
        return " ".join(w if w.isupper() else w.capitalize() for w in re.split(r"[-_\s]+", stem) if w) or path.stem

    # The agencies whose chronologies these are come first, so that one agency's mention
    # of another ("copied to the school") finds it.
    for path in paths:
        agency_id(agency or file_agency(path))

    for path in paths:
        for row in read_agency_file(path, mapping, outcome):
            outcome.read += 1
            key = f"{row.file}|{row.place}"
            cells = row.cells
            text = " ".join(cells.get(c, "") for c in ("summary", "action", "outcome")).strip()

            def unplace(reason: str) -> None:
                outcome.unplaced.append((f"{row.file} {row.place}", reason))
                unplaced.append({"file": row.file, "place": row.place, "reason": reason,
                                 "text": " | ".join(f"{k}: {v}" for k, v in (row.raw or cells).items())})

            date, note = uk_date(cells.get("date", ""))
            if date is None:
                unplace(f"no date that can be read ({note})" if cells.get("date") else "no date")
                continue
            if not text:
                unplace("no text (details, action or outcome)")
                continue
            gazetteer = Gazetteer(agency_rows)
            drafted = []
            entry_type = vocabulary("entry_types").normalise(cells.get("type", "")) if cells.get("type") else None
            if entry_type is None:
                found = find_words(TYPE_WORDS, text)
                entry_type = found[0] if found else "other"
                drafted.append("type")
            people_named, roles = [], {}
            for name in re.split(r"[;,/]| and ", cells.get("subjects", "")):
                name, role = _name_and_role(name)
                if name:
                    people_named.append(person_id(name))
                    if role:
                        roles[people_named[-1]] = role
            in_text = [p for p, words in _person_words(person_rows).items()
                       if any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text) for w in words)]
            if set(in_text) - set(people_named):
                drafted.append("subjects")
            subject_ids = list(dict.fromkeys(people_named + in_text))
            if not subject_ids:
                subject_ids = [person_id(d) for d in defaults]
                if subject_ids:
                    drafted.append("subjects")
            if not subject_ids:
                unplace("names nobody the review knows: give --subject, or a subject column")
                continue
            recorder = agency_id(agency or cells.get("agency") or file_agency(path))
            sent = sent_to(text, gazetteer)
            columns = {}
            for column, targets in sent.items():
                ids = [agency_id(type_label(t[5:])) if t.startswith("type:") else t for t in targets]
                ids = [a for a in dict.fromkeys(ids) if a != recorder]
                if ids:
                    columns[column] = ";".join(ids)
                    drafted.append(column)
            risks = find_words(RISK_WORDS, text)
            if risks:
                drafted.append("risks")
            outcome_term = vocabulary("outcomes").normalise(cells.get("outcome", "")) if cells.get("outcome") else None
            summary = cells.get("summary", "")
            for label in ("action", "outcome"):
                if cells.get(label) and cells[label] not in summary:
                    summary = f"{summary} {label.capitalize()}: {cells[label]}".strip()
            source = f"{row.file}, {row.place}"
            if cells.get("id"):
                source += f" (agency ref {cells['id']})"
            if cells.get("informant_text"):
                source += f"; source of information: {cells['informant_text']}"
            entry = {
                "id": "imp-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], "date": date, "agency": recorder,
                "type": entry_type, "subjects": ";".join(f"{p}:{roles[p]}" if p in roles else p for p in subject_ids),
                "summary": summary, "risks": ";".join(risks),
                "outcome": outcome_term or "", "source": source, "comment": cells.get("comment", ""),
                "draft": ",".join(dict.fromkeys(drafted)), "import_key": key, **columns,
            }
            if cells.get("practitioner"):
                entry["practitioner"] = cells["practitioner"]
            if note:
                entry["comment"] = (entry["comment"] + f" [import: {note}]").strip()
            if key in known_keys:
                old = known_keys[key]
                if (old.get("date"), old.get("summary")) == (entry["date"], entry["summary"]):
                    outcome.known += 1
                else:
                    outcome.changed.append(source)
                continue
            known_keys[key] = entry
            chronology.append(entry)
            outcome.added += 1
            outcome.drafted += bool(entry["draft"])

    _mark_duplicates(chronology, outcome)

    chronology.sort(key=lambda row: _row_day(row) or dt.date.max)
    extra = sorted({k for r in chronology for k in r} - set(CHRONOLOGY_COLUMNS))
    write_table(review / "chronology.csv", _columns(chron_cols, CHRONOLOGY_COLUMNS + extra), chronology)
    write_table(review / "people.csv", _columns(people_cols, list(COLUMNS["people"]) + ["draft"]), people)
    write_table(review / "agencies.csv", _columns(agency_cols, list(COLUMNS["agencies"]) + ["draft"]), agencies)
    write_table(review / "relationships.csv", _columns(rel_cols, list(COLUMNS["relationships"])), relationships)
    if unplaced or (review / "unplaced.csv").exists():
        write_table(review / "unplaced.csv", UNPLACED_COLUMNS, unplaced)
    return outcome


_ROLE_IN_BRACKETS = re.compile(r"\s*\(([^)]*)\)\s*$")


def _name_and_role(text: str) -> tuple[str, str | None]:
    """A name as an agency writes it, and the part it played if the brackets say:
    ``Amira KHAN (victim)`` -> ``("Amira Khan", "victim")``; capitals of a surname
    written in capitals are softened, as agencies write surnames that way."""
    text = " ".join(text.split())
    role = None
    m = _ROLE_IN_BRACKETS.search(text)
    if m:
        role = vocabulary("subject_roles").normalise(m.group(1))
        text = text[:m.start()].strip()
    words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in text.split()]
    return " ".join(words), role


def _person_words(person_rows: dict[str, dict]) -> dict[str, list[str]]:
    """How text names each person: the full name, and the first name where it is a
    capitalised word of three letters or more that no one else's name starts with."""
    firsts: dict[str, list[str]] = {}
    for pid, row in person_rows.items():
        name = (row.get("name") or "").strip()
        first = name.split()[0] if name else ""
        if len(first) >= 3 and first[0].isupper() and first.isalpha():
            firsts.setdefault(first, []).append(pid)
    out = {}
    for pid, row in person_rows.items():
        name = (row.get("name") or "").strip()
        if not name:
            continue
        words = [name]
        first = name.split()[0]
        if firsts.get(first) == [pid] and first != name:
            words.append(first)
        out[pid] = words
    return out


def _row_day(row: dict[str, str]) -> dt.date | None:
    """The day a chronology row counts as (None if its date cannot be read)."""
    try:
        return parse_date(row.get("date") or "").day
    except BadDate:
        return None


def _mark_duplicates(chronology: list[dict[str, str]], outcome: Outcome) -> None:
    """Rows of different agencies on the same day or the next, about a person in common,
    that record a risk in common or share a third of their words, are marked as possible
    duplicates of each other: the same incident recorded by the police and the hospital,
    say."""
    dated = sorted((d, n, row) for n, row in enumerate(chronology) if (d := _row_day(row)) is not None)
    for i, (da, _, a) in enumerate(dated):
        for db, _, b in dated[i + 1:]:
            if (db - da).days > 1:
                break  # the same event recorded either side of midnight still counts
            if a.get("agency") == b.get("agency") or not _people_of(a) & _people_of(b):
                continue
            wa = set(_WORD.findall((a.get("summary") or "").lower())) - _COMMON
            wb = set(_WORD.findall((b.get("summary") or "").lower())) - _COMMON
            risks = set(filter(None, (a.get("risks") or "").split(";"))) & set(
                filter(None, (b.get("risks") or "").split(";")))
            if not risks and (not wa or not wb or len(wa & wb) < 0.34 * min(len(wa), len(wb))):
                continue
            for x, y in ((a, b), (b, a)):
                marks = [m for m in (x.get("possible_duplicate_of") or "").split(";") if m]
                if y["id"] not in marks:
                    x["possible_duplicate_of"] = ";".join(marks + [y["id"]])
            pair = (a.get("source", ""), b.get("source", ""))
            if pair not in outcome.duplicates and pair[::-1] not in outcome.duplicates:
                outcome.duplicates.append(pair)


def _people_of(row: dict) -> set[str]:
    return {p.split(":")[0] for p in (row.get("subjects") or "").split(";") if p}


_COMMON = frozenset("""a an the and or of to in on at for with by from was were is are be been her his him she he
they them their it this that as after before into out up not no has had have who which about over than then""".split())


def parse_mapping(items: list[str]) -> dict[str, str]:
    """``--map "Heading=column"`` values as a dict; ValueError naming a bad one."""
    out = {}
    for item in items:
        heading, sep, column = item.partition("=")
        column = term_key(column).replace("-", "_")
        if not sep or not heading.strip() or (column not in HEADINGS and column != "ignore"):
            raise ValueError(f"--map {item!r}: write 'Heading as written=column', the column one of "
                             f"{', '.join(sorted(HEADINGS))} or ignore")
        out[heading.strip()] = "" if column == "ignore" else column
    return out


__all__ = ["HEADINGS", "RISK_WORDS", "SENT_WORDS", "TYPE_WORDS", "ImportError_", "Outcome", "import_files",
           "parse_mapping", "read_agency_file", "uk_date"]
