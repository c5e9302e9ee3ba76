"""A published report's text in (``safegraph extract``): a review folder drafted from it,
for a person to check against the report.

A report as researchers have it is a PDF turned into text: tables flattened, lines broken
mid-sentence, page numbers and footnotes mixed in. The extractor reads it with rules that
are listed in docs/extract.md and tested one by one, never with a model:

- **dated passages**: a table row that starts with a date (``04/05/19 Amara``: a date and
  then only capitalised words on its line), and the sentences of a paragraph from the one
  that names a date ("On 27 May 2014", "In August 2018", "Summer 2009", "early 2012") to
  the end of the paragraph or the next dated sentence;
- **entries**: each dated passage is split where the agency a sentence names changes (the
  police attend, then the ambulance takes her to A&E): one entry per agency, as a combined
  chronology has it;
- **agencies**: words for the format's agency types (MASH, MARAC, CAMHS, IDVA, "the school
  nurse", "Children's Services", "0-19 team"...), one agency per type named;
- **people**: names the report's own text marks as people (a name repeated with "aged",
  "'s" or a verb after it, the names column of a dated table, ``Child Q``), and relationship
  words ("her brother", "the children's father");
- **per entry**: type, risks and outcome from keyword rules; referrals and sharing from
  sharing phrases (the same rules as ``safegraph import``).

Every drafted row holds its character offsets and line in the report as ``source``, and a
``draft`` column. Dated passages it cannot give an agency or a person go to
``unplaced.csv`` with their offsets, so that the gaps in the draft are in view.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ._dates import BadDate, parse_date
from ._load import COLUMNS, as_id
from ._text import write_owner_only
from .importer import (NEGATION, RISK_WORDS, SENT_WORDS, TYPE_WORDS, Gazetteer, find_words, write_table, sent_to,
                       uk_date)
from .maps._style import type_label


class ExtractError(ValueError):
    """A report that cannot be read at all (missing, empty, binary, a PDF with no reader)."""


# -- dates -------------------------------------------------------------------------------

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"]
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_YEAR = r"(?:19|20)\d\d"
_PART = r"(?i:early|late|mid|the (?:start|end|beginning|middle) of|(?:the )?(?:spring|summer|autumn|winter)(?: of)?)"

# The date forms, in the order they are tried at each place (the first that fits wins).
# Each: (name, pattern, what it gives). A form with no year takes the year last named
# before it in the report, and its comment says so.
DATE_FORMS: list[tuple[str, str, str]] = [
    ("dd/mm/yy", r"(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])", "the day; a two-digit year is read in "
     "the last hundred years and the comment says so"),
    ("27 May 2014", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}\b", "the day"),
    ("May 27, 2014", rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b", "the day"),
    ("early 2012, Summer 2009", rf"\b{_PART}[\s-]+(?:{_MONTH}\s+)?{_YEAR}\b", "an uncertain year (`?2012`), or "
     "month where one is named"),
    ("August 2018", rf"\b{_MONTH}\.?,?\s+{_YEAR}\b", "the month"),
    ("25 January", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!\.?,?\s+{_YEAR})",
     "the day, in the year last named"),
    ("in August", rf"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ff]rom|[Uu]ntil|[Ss]ince|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+{_MONTH}\b"
     rf"(?!\.?,?\s+{_YEAR})",
     "the month, in the year last named"),
    ("in 2017", rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil|[Aa]round|[Aa]bout|[Cc]irca|c\.)\s+{_YEAR}\b",
     "the year"),
]
_DATE_RE = re.compile("|".join(f"(?P<f{i}>{p})" for i, (_, p, _) in enumerate(DATE_FORMS)))
_CASE_FREE = {0, 3}  # forms whose words may be in any case ("Summer", "summer")
_YEAR_RE = re.compile(rf"\b{_YEAR}\b")


@dataclass
class DateFound:
    """A date named in the text: where, as the format writes it, and any note on it."""

    start: int
    end: int
    date: str
    note: str | None = None

    @property
    def day(self) -> dt.date:
        return parse_date(self.date).day


def _month(word: str) -> int:
    return next(i for i, m in enumerate(_MONTH_NAMES, start=1) if word[:3].lower() == m[:3])


def read_date(text: str, year: int | None = None, today: dt.date | None = None) -> tuple[str, str | None] | None:
    """The date one of DATE_FORMS names in ``text`` (all of it), as the format writes it,
    with a note on what was assumed; None where it is not one. ``year`` is the year last
    named before it, for the forms that name none.

    >>> read_date("11/03/96"), read_date("27th May 2014"), read_date("August 2018")
    (('1996-03-11', "two-digit year '96' read as 1996"), ('2014-05-27', None), ('2018-08', None))
    >>> read_date("Summer 2009"), read_date("early May 2012"), read_date("25 January", 2012)
    (('?2009', None), ('?2012-05', None), ('2012-01-25', 'year 2012 taken from the text before'))
    """
    text = " ".join(text.split())
    m = _DATE_RE.fullmatch(text)
    if not m:
        return None
    form = int(m.lastgroup[1:])
    low = text.lower()
    note = None
    if form == 0:
        date, note = uk_date(text, today)
        return (date, note) if date else None
    years = _YEAR_RE.findall(text)
    months = re.findall(_MONTH, text, re.I)
    days = re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", re.sub(_YEAR, "", text))
    if not years:
        if year is None:
            return None
        years, note = [str(year)], f"year {year} taken from the text before"
    y = years[0]
    if form == 3:
        return (f"?{y}-{_month(months[-1]):02d}" if months and not low.startswith("mid") else f"?{y}"), None
    if form == 7:
        return y, None
    if form in (4, 6):
        return f"{y}-{_month(months[-1]):02d}", note
    date = f"{y}-{_month(months[0]):02d}-{int(days[0]):02d}"
    try:
        parse_date(date)
    except BadDate:
        return None
    return date, note


def find_dates(text: str, start: int = 0, end: int | None = None, year: int | None = None,
               today: dt.date | None = None) -> list[DateFound]:
    """Every date DATE_FORMS finds in ``text[start:end]``, in order, with offsets into
    ``text``; a form with no year takes the year last named before it (from ``year``)."""
    today = today or dt.date.today()
    found = []
    for m in _DATE_RE.finditer(text, start, len(text) if end is None else end):
        form = int(m.lastgroup[1:])
        word = re.search(_MONTH, m.group(), re.I)
        if form not in _CASE_FREE and word and not word.group()[0].isupper():
            continue  # "may" the verb, or "march" the verb
        got = read_date(m.group(), year, today)
        if got is None:
            continue
        date, note = got
        try:
            when = parse_date(date).day
        except BadDate:
            continue
        if not 1900 <= when.year <= today.year:
            continue
        found.append(DateFound(m.start(), m.end(), date, note))
        year = when.year
    return found


# -- agencies ----------------------------------------------------------------------------

# Words for agencies beyond the agency types and their aliases in the vocabulary
# (docs/vocabularies.md): the staff and teams through which reports name them.
AGENCY_WORDS: list[tuple[str, str]] = [
    (r"social workers?|social services|children'?s? services|children'?s social care|"
     r"referral and assessment team|16\+ team|children in need team", "childrens_social_care"),
    (r"\bSWs?\b", "childrens_social_care"),
    (r"police officers?|(?<!housing )(?<!education )(?<!probation )(?<!attendance )\bofficers?\b|detectives?|"
     r"community safety unit|public protection unit", "police"),
    (r"\bDS\b|\bDC\b|\bPCs?\b|\bCSU\b", "police"),
    (r"(?:abuse|violence|vulnerability) (?:investigation |incident support |support )?unit", "police"),
    (r"casualty|emergency department", "emergency_department"),
    (r"\bED\b|\bEAU\b|\bA ?& ?E\b", "emergency_department"),
    (r"paramedics?|ambulance", "ambulance"),
    (r"head ?teachers?|teachers?|designated safeguarding lead|school staff|pastoral staff", "school"),
    (r"\bDSL\b", "school"),
    (r"psychiatri\w+|crisis (?:resolution )?team|street triage|mental health (?:team|services?|trust)|"
     r"wellbeing service", "mental_health"),
    (r"\bCRHT\b|\bIAPT\b", "mental_health"),
    (r"health visit\w*", "health_visiting"),
    (r"\bHVs?\b", "health_visiting"),
    (r"school nurs\w*|0-19 (?:team|service)", "school_nursing"),
    (r"general practi\w+|gp surgery", "gp"),
    (r"\bGPs?\b", "gp"),
    (r"independent domestic (?:violence|abuse) advis[eo]rs?", "idva"),
    (r"multi[- ]agency risk assessment conference", "marac"),
    (r"multi[- ]agency safeguarding hub", "mash"),
    (r"refuge|womens? aid|domestic (?:abuse|violence) (?:hub|service|worker|advocate|project)s?",
     "domestic_abuse_service"),
    (r"adult social care|adult safeguarding|adult services", "adult_social_care"),
    (r"\bSOVA\b", "adult_social_care"),
    (r"hospital|\bwards?\b", "hospital"),
]
"""Rows written in capitals only (acronyms) match in that case only; the others in any case."""


_DEFINED = re.compile(r"(?P<name>(?:[A-Z][\w'’&-]*[ \t]+(?:(?:of|and|for|the|in)[ \t]+)?){1,6})"
                      r"\((?P<short>[A-Z][A-Za-z0-9&]{1,7})\)")


def _case_sensitive(pattern: str) -> bool:
    letters = re.sub(r"\\[a-zA-Z]|[^A-Za-z]", "", pattern)
    return bool(letters) and letters.isupper()


class ReportGazetteer(Gazetteer):
    """Agencies as a report names them: the agency-type words of the vocabulary (as
    ``safegraph import`` reads them) and AGENCY_WORDS, each standing for the draft's one
    agency of that type. Where two words overlap ("the school nurse": school, school
    nurse), the longer wins. Apostrophes are ignored ("Children's", "Childrens")."""

    def __init__(self, text: str = ""):
        super().__init__({})
        self.words += [(re.compile(r"(?<!\w)(?:the )?(?:" + p + r")(?!\w)", 0 if _case_sensitive(p) else re.I),
                        "type:" + t) for p, t in AGENCY_WORDS]
        # An abbreviation the report defines for an agency it names: "Northtown Children's
        # Social Care (NCSC)" makes NCSC children's social care.
        known = {}
        for m in _DEFINED.finditer(text):
            hits = self.found(m.group("name"))
            if hits and not self.found(m.group("short")):
                known.setdefault(m.group("short"), hits[-1][2])
        self.words += [(re.compile(r"(?<!\w)" + re.escape(short) + r"(?!\w)"), "type:" + kind)
                       for short, kind in known.items()]

    def found(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, agency type) of every agency word in ``text``, longest first where
        two overlap, in order; offsets into ``text`` as given."""
        keep = [i for i, ch in enumerate(text) if ch not in "'’"]
        plain = "".join(text[i] for i in keep)
        hits = []
        for pattern, target in self.words:
            for m in pattern.finditer(plain):
                if m.end() > m.start():
                    hits.append((keep[m.start()], keep[m.end() - 1] + 1, target[5:]))
        chosen: list[tuple[int, int, str]] = []
        for start, end, kind in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            if chosen and start < chosen[-1][1]:
                continue
            chosen.append((start, end, kind))
        return chosen

    def mentions(self, text: str) -> list[str]:
        return list(dict.fromkeys("type:" + kind for _, _, kind in self.found(text)))


# -- people ------------------------------------------------------------------------------

# What after a capitalised word marks it as a person's name ("Amara's", "Amara (aged 15)",
# "Amara said"); a name needs two such places and three mentions, and to be written with a
# capital nearly every time.
PERSON_CUES = (r"(?:'s\b|’s\b|\s*[,(]?\s*aged\s+\d|\s+(?:said|says|told|tells|disclosed|reported|attended|"
               r"returned|refused|declined|stated|explained|described|left|went|died|asked|agreed|wanted|felt|"
               r"spoke|rang|ran|became|was|had|has|is|took|gave|moved|lived|alleged|admitted|continued)\b)")
_NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"  # Zoë, Anne-Marie
# Capitalised words that are never a name on their own.
NOT_NAMES = frozenset("""The This That These Those There Then He She They It Its We I You Her His Their Our My A An
In On At By For From To Of And But Or If As So When While Where Which Who Whom Whose What Why How After Before
During Following However Although Both Each Either Neither All Any Some No Not Mother Father Mum Dad Child Baby
Review Report Board Panel Council Services Service Team Unit Agency Agencies Health Care Social Police School
Hospital Court Practice Policy Procedures Management Systems Key Information Comment Period Episode Section Page
Chapter Table Appendix Summary Findings Finding Recommendation Recommendations Learning Children Adults Adult
Safeguarding Local Authority County Borough City National England Wales Act Government Department Office Domestic Abuse
January February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday Mr Mrs Ms Miss Dr Sir One Two Three Four Five Six Seven Eight Nine Ten First
Second Third Fourth Fifth Sixth Seventh Also Further Later Whilst Since Until Once Despite Given Within Without
Family Families Professionals Professional Practitioners Partnership Case Reviewer Author Independent Serious
Multi Yes Was Were Is Are Had Has Have Did Does Do Be Been Being Here Again Other Another Such Many
Most""".split())

# Words for a relation, with the role (people.csv) and the relation (relationships.csv:
# ``<relative> <relation> <the person it belongs to>``).
RELATION_WORDS: list[tuple[str, str, str]] = [
    ("mother|mum", "parent", "parent_of"),
    ("father|dad", "parent", "parent_of"),
    ("step-?father|stepfather|step-?mother|stepmother", "parent", "carer_of"),
    ("brother|sister|sibling", "sibling", "sibling_of"),
    ("son|daughter", "child", "child_of"),
    ("husband|wife|partner|boyfriend|girlfriend|fiancée?", "partner", "partner_of"),
    ("cousin|uncle|aunt|aunty|auntie|grandmother|grandfather|grandparents?|nephew|niece|brother-in-law|"
     "sister-in-law|mother-in-law|father-in-law", "relative", "relative_of"),
]
_RELATION = "|".join(w for w, _, _ in RELATION_WORDS)
_RELATION_RE = re.compile(
    r"(?:\b(?P<owner>" + _NAME + r")(?:'s|’s)\s+|\b(?P<pron>[Hh]er|[Hh]is|[Tt]heir|[Tt]he children(?:'s|’s)|"
    r"[Tt]he child(?:'s|’s)|[Tt]he)\s+)(?P<former>(?:former|ex-?|previous|then)\s+)?(?P<rel>" + _RELATION + r")\b")
_GROUP_RE = re.compile(r"\b(?:(?:the|both|all the|all three|all four|the two|the three|the older)\s+children|siblings|"
                       r"the family|the unborn (?:child|baby))\b", re.I)
_CHILD_NAME = re.compile(r"\b(?:Child|Baby|Adult|Young Person|Person) [A-Z]{1,2}\b")


@dataclass
class Person:
    id: str
    name: str
    role: str = ""
    words: list[re.Pattern] = field(default_factory=list)
    why: str = ""


def find_names(text: str, agencies: ReportGazetteer | None = None) -> list[str]:
    """The pseudonyms the report's text marks as people's names (see PERSON_CUES and
    docs/extract.md), most mentioned first. Each test is one pass over the text, so a
    long report costs no more than a few readings of it."""
    agencies = agencies or ReportGazetteer()
    counts = Counter(m.group() for m in re.finditer(r"(?<![\w'’-])" + _NAME + r"(?![\w-])", text))
    lower = Counter(m.group() for m in re.finditer(r"(?<![\w-])[a-zß-öø-ÿ]{2,}(?:-[a-zß-öø-ÿ]+)?(?![\w-])", text))
    places = Counter(m.group(1) for m in re.finditer(r"\b(?:in|across|within|around|near) (" + _NAME + r")\b",
                                                      text))
    cues = Counter(m.group(1) for m in re.finditer(r"(?<![\w'’-])(" + _NAME + r")" + PERSON_CUES, text))
    after = Counter((m.group(1), m.group(2)) for m in re.finditer(rf"\b({_NAME}) (?=({_NAME})\b)", text))
    names = []
    for word, n in counts.items():
        if n < 3 or word in NOT_NAMES or word.split("-")[0] in NOT_NAMES or agencies.found(word):
            continue
        if lower[word.lower()] > n * 0.1:
            continue  # a word that is written in lower case too is a word, not a name
        if places[word] >= 2:
            continue  # "in Northtown": a place
        if cues[word] >= 2:
            names.append(word)
    # A word nearly always written after another name is a surname: "Amira Khan" is one person.
    names = [w for w in names if not any(after[(o, w)] * 2 > counts[w] for o in names if o != w)]
    children = Counter(_CHILD_NAME.findall(text))
    names += [m for m, k in children.items() if k >= 2]
    mentions = {**counts, **children}
    return sorted(names, key=lambda w: (-mentions[w], w))


# -- the report --------------------------------------------------------------------------

def read_report(path: Path) -> str:
    """The text of a report: a ``.txt`` file (UTF-8, else Windows-1252), or a ``.pdf``
    through pypdf where it is installed. ExtractError, naming the file, where it cannot be
    read or holds no text."""
    name = path.name
    if not path.exists():
        raise ExtractError(f"{name}: no such file")
    if path.is_dir():
        raise ExtractError(f"{name}: a folder, not a report")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if path.suffix.lower() == ".pdf" or raw.startswith(b"%PDF"):
        try:
            from pypdf import PdfReader
        except ImportError:
            raise ExtractError(f"{name}: a PDF, and no PDF text extractor is installed "
                               "(pip install 'safegraph[pdf]'; or save the text as .txt)") from None
        try:
            import io

            text = "\f".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)
        except Exception as exc:  # a damaged or encrypted PDF
            raise ExtractError(f"{name}: the PDF cannot be read ({type(exc).__name__})") from None
    else:
        if b"\0" in raw[:65536]:
            raise ExtractError(f"{name}: not a text file (binary content); give the report as .txt or .pdf")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > 0.01 * min(len(text), 65536):
            raise ExtractError(f"{name}: not a text file (binary content); give the report as .txt or .pdf")
    if not text.strip():
        scanned = " (a scanned PDF needs its text recognised first)" if raw.startswith(b"%PDF") else ""
        raise ExtractError(f"{name}: empty (no text in it){scanned}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A dated table row: a line that starts with a date and has only capitalised words (the
# names column, a column heading) after it.
_ROW_START = re.compile(r"^[ \t]*(?P<date>\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))[ \t]*(?P<rest>[^\n]*)$", re.M)
_ROW_REST = re.compile(r"^(?:(?:[A-Z][\w'’-]*|and|&)[ ,.]*){0,8}$")
# A heading line that ends a table: "3.2 Period 2: ...", "4. Analysis".
_HEADING = re.compile(r"^[ \t]*\d+(?:\.\d+)*\.?[ \t]+[A-Z][^\n]{0,80}$", re.M)
# A short line in capitals and no full stop, inside a table row, is the heading of its
# comment column ("Management Systems"): what follows is the reviewer's comment.
_COLUMN_LABEL = re.compile(r"^[ \t]*(?:[A-Z][\w'’-]*[ ,]*(?:and |& )?){1,4}[.:]?[ \t]*$", re.M)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-•*][ \t]*)?(?:\([a-z]{1,3}\)|\d+(?:\.\d+)+\.?)[ \t])")
_LETTERED = re.compile(r"\n?[ \t]*(?:[-•*][ \t]*)?\([a-z]{1,3}\)[ \t]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[\"'‘“(]?[A-Z0-9])")


@dataclass
class Passage:
    """A stretch of the report with one date: a table row or a dated run of sentences."""

    start: int
    end: int
    date: DateFound
    names: list[str] = field(default_factory=list)
    comment: tuple[int, int] | None = None
    kind: str = "paragraph"


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[at:m.start()].strip():
            out.append((at, m.start()))
        at = m.end()
    if text[at:end].strip():
        out.append((at, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e - (len(text[s:e]) - len(text[s:e].rstrip())))
            for s, e in out]


def _table_rows(text: str, today: dt.date, names: frozenset[str]) -> list[Passage]:
    starts = []
    for m in _ROW_START.finditer(text):
        rest = m.group("rest").strip()
        if rest and not _ROW_REST.match(rest):
            continue  # a date that begins a line of running text, not a row
        date = find_dates(m.group("date"), today=today)
        if date:
            starts.append((m, date[0]))
    rows = []
    for i, (m, date) in enumerate(starts):
        end = starts[i + 1][0].start() if i + 1 < len(starts) else len(text)
        heading = _HEADING.search(text, m.end(), end)
        if heading:
            end = heading.start()
        passage = Passage(m.end("date") - len(m.group("date")), end,
                          DateFound(date.start + m.start("date"), date.end + m.start("date"), date.date, date.note),
                          re.findall(_NAME + r"|" + _CHILD_NAME.pattern, m.group("rest")), kind="table row")
        for label in _COLUMN_LABEL.finditer(text, m.end(), end):
            words = re.findall(r"[\w'’-]+", label.group())
            if not words or label.start() <= m.end() or not text[label.end():end].strip():
                continue
            previous = text[:label.start()].rsplit("\n", 2)[-2].strip() if "\n" in text[:label.start()] else ""
            if previous and not previous.endswith((".", "!", "?", ":", "’", "'", '"')):
                continue  # the end of a sentence broken across lines ("Children's / Services.")
            if all(w in names or w == "and" for w in words):
                passage.names += [w for w in words if w in names]  # the names column, again
                continue
            passage.comment = (label.start(), end)  # the label says what kind of comment it is
            break
        rows.append(passage)
    return rows


def dated_passages(text: str, today: dt.date | None = None, names: list[str] | None = None) -> list[Passage]:
    """The report's dated passages, in order: its dated table rows, and in the text
    outside them, each run of sentences of a paragraph from one that names a date to the
    next one that does (or the paragraph's end)."""
    today = today or dt.date.today()
    rows = _table_rows(text, today, frozenset(names or ()))
    outside, at = [], 0
    for row in rows:
        outside.append((at, row.start))
        at = row.end
    outside.append((at, len(text)))
    passages = list(rows)
    year = None
    for a, b in outside:
        breaks = [a] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text, a, b)] + [b]
        last: DateFound | None = None  # the date of the lettered paragraph before
        for p, q in zip(breaks, breaks[1:]):
            current: Passage | None = None
            lettered = _LETTERED.match(text, p)
            sentences = _sentences(text, p, q)
            if lettered and last and sentences and not find_dates(text, p, q, year, today):
                # "(c) The social worker saw both parents." after "(b) On 3 June ...":
                # the same time, as far as the report says, so the same date marked uncertain.
                passages.append(Passage(sentences[0][0], sentences[-1][1], DateFound(
                    p, p, "?" + last.date.lstrip("?"), "no date of its own: dated from the lettered paragraph "
                                                       "before, as uncertain")))
                continue
            if not lettered:
                last = None
            for s, e in sentences:
                dates = find_dates(text, s, e, year, today)
                if dates:
                    if current:
                        passages.append(current)
                    current = Passage(s, e, dates[0])
                    year = dates[-1].day.year
                    if lettered:
                        last = DateFound(dates[-1].start, dates[-1].end, dates[-1].date)
                elif current:
                    current.end = e
            if current:
                passages.append(current)
    return sorted(passages, key=lambda p: p.start)


# -- per entry ---------------------------------------------------------------------------

# Outcome terms from words (docs/extract.md), except just after a denial.
OUTCOME_WORDS: list[tuple[str, str]] = [
    (r"no (?:\w+ )?referral (?:was |were )?(?:made|submitted|sent)|(?:was|were) not referred|did not refer",
     "no_referral"),
    (r"threshold (?:was |had )?not (?:been )?met|did not meet (?:the )?threshold", "threshold_not_met"),
    (r"no further action|\bnfa\b", "nfa"),
    (r"child protection plan|\bcp plan", "cp_plan"),
    (r"strategy (?:meeting|discussion)", "strategy_meeting"),
    (r"\bmarac\b", "marac"),
    (r"arrested", "arrested"),
    (r"\bcharged\b", "charged"),
    (r"admitted", "admitted"),
    (r"discharged", "discharged"),
    (r"(?:case|file) (?:was )?closed|closed the case", "closed"),
    (r"\bdeclined\b|refused", "declined"),
    (r"safety plan", "safety_plan"),
    (r"signposted", "signposted"),
    (r"advice (?:was )?given|gave advice|advised", "advice"),
]
# Sharing phrases beyond those ``safegraph import`` reads (SENT_WORDS, docs/import.md): a
# person between the verb and the agency ("referred Amara to CAMHS").
MORE_SENT_WORDS: list[tuple[str, str]] = [
    (r"\breferred (?:[\w'’]+ ){1,3}?to\b|\b(?:made|submitted|sent) a (?:\w+ )?referral to|"
     r"\breferral (?:was )?(?:made|submitted|sent) by (?:[\w'’&]+ ){1,5}?to\b", "referred_to"),
    (r"\bsent a copy (?:of [\w'’ ]{1,30} )?to\b|\bcopied (?:[\w'’]+ ){1,2}?to\b", "shared_with"),
]
# Taking a person to an agency passes what is known on with them ("taken to hospital by
# ambulance": the ambulance shared with the hospital); the agency taken to still acts.
CONVEYED = (r"\b(?:taken|brought|conveyed|transported|transferred) (?:[\w'’]+ ){0,2}?to\b", "shared_with")
# Sharing said the other way round that ``safegraph import`` does not read: "the school was
# not invited".
NOT_INVITED = re.compile(r"\b(?:(?:was|were|had)\s+not(?:\s+been)?|not)\s+(?:invited|consulted|included)\b", re.I)


# What only one kind of agency does, for a passage that names no agency: "Strategy meeting
# on 3 June 2020 agreed enquiries" is children's social care's.
IMPLIED_AGENCY: list[tuple[str, str]] = [
    (r"strategy (?:meeting|discussion)|single assessment|core assessment|initial assessment|"
     r"child protection (?:plan|conference|enquir\w+)|\bICPC\b|\bRCPC\b|core group|section 47|\bs\.? ?47\b|"
     r"child in need|legal (?:gateway|planning) (?:panel|meeting)|public law outline|care proceedings",
     "childrens_social_care"),
    (r"section 42|\bs\.? ?42\b", "adult_social_care"),
    (r"\barrested\b|\bbailed\b|\bcautioned\b|\bcustody\b|999 call|crime report", "police"),
    (r"\bexclu(?:ded|sion)\b|head of year|classroom", "school"),
    (r"mental health act", "mental_health"),
]


def _implied(text: str) -> str | None:
    """The kind of agency IMPLIED_AGENCY finds first in ``text``, if any."""
    hits = [(m.start(), kind) for pattern, kind in IMPLIED_AGENCY for m in [re.search(pattern, text, re.I)] if m]
    return min(hits)[1] if hits else None


def _outcome(text: str) -> str:
    low = text.lower()
    for pattern, term in OUTCOME_WORDS:
        for m in re.finditer(pattern, low):
            if term == "no_referral" or not NEGATION.search(low[max(0, m.start() - 40):m.start()]):
                return term
    return ""


def _actors(text: str, start: int, end: int, gazetteer: ReportGazetteer) -> list[tuple[int, int, str]]:
    """(start, end, agency type) of the agencies a sentence names as doing something: every
    agency it names, but those named after a referral or sharing phrase (they receive)."""
    sentence = text[start:end]
    receive = []
    for pattern, _ in SENT_WORDS + MORE_SENT_WORDS:
        for m in re.finditer(pattern, sentence, re.I):
            tail = re.split(r"[.;:()]|\bbut\b|\bbecause\b|\bwho\b", sentence[m.end():], maxsplit=1)[0]
            receive.append((m.end(), m.end() + len(tail)))
    return [(start + s, start + e, kind) for s, e, kind in gazetteer.found(sentence)
            if not any(a <= s < b for a, b in receive) and not _TOLD_AFTER.match(sentence, e)]


# An agency left out, not doing anything: "the school was not invited", "GP not told".
_TOLD_AFTER = re.compile(r"[^.;:]{0,30}?\b(?:was|were|had been)?\s*not\s+(?:told|informed|notified|invited|"
                         r"made aware|consulted|updated)\b")
# Words of a reviewer's judgement: a sentence of a table's comment column with none of them
# that names an agency doing something is read as a fact of the row ("The paramedics rang
# the GP"); one with them stays in the comment.
_JUDGEMENT = re.compile(r"\b(?:should|would|could|might|must|ought|unclear|not clear|not known|unknown|"
                        r"expectation|expected|good practice|poor practice|missed|opportunit\w*|highlights?|"
                        r"appears?|appropriate\w*|inappropriate\w*|indicates?|suggests?|evidence|it is|there is|"
                        r"this is|this was|further (?:work|review)|consideration|importance|important|example|"
                        r"systemic|however|therefore|analys\w+|finding\w*|learning|reviewer|review)\b", re.I)


@dataclass
class Outcome:
    """What an extraction did, for the report it prints."""

    entries: int = 0
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """A drafted review: its tables as rows, and the passages it could not place."""

    review: dict
    people: list[dict] = field(default_factory=list)
    relationships: list[dict] = field(default_factory=list)
    agencies: list[dict] = field(default_factory=list)
    chronology: list[dict] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)


def _close_name(word: str, subjects: list[str]) -> str | None:
    """The person a table's names column means by ``word``: the name itself, or the one
    name of the report it differs from by one letter ("Amarra" for "Amara")."""
    pid = as_id(word)
    if pid in subjects:
        return pid
    close = [p for p in subjects if len(p) > 3 and _one_edit(p, pid)]
    return close[0] if len(close) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _quote(text: str, limit: int = 1500) -> str:
    text = " ".join(text.split())
    # A bullet the PDF's text kept (often a symbol font's private-use character) is not
    # part of the passage.
    while text and (text[0] in "•·▪●◦*-–" or unicodedata.category(text[0]) == "Co"):
        text = text[1:].lstrip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


_KIND_WORDS = [(r"domestic homicide review", "dhr"), (r"safeguarding adults? review", "sar"),
               (r"local child safeguarding practice review|\blcspr\b", "lcspr"),
               (r"child safeguarding practice review", "cspr"), (r"serious case review", "scr")]


def draft_review(text: str, report_name: str, review_id: str, today: dt.date | None = None) -> Draft:
    """A review drafted from a report's ``text`` (see the module docstring); rows' sources
    name ``report_name``."""
    return _Drafter(text, report_name, review_id, today or dt.date.today()).draft()


class _Drafter:
    """One report being drafted: the people and agencies found so far, and the tables."""

    def __init__(self, text: str, report_name: str, review_id: str, today: dt.date):
        self.text, self.report_name, self.today = text, report_name, today
        self.gazetteer = ReportGazetteer(text)
        # A report that names an emergency department means its hospital by "the hospital" too.
        self.has_ed = any(p.search(text) for p, t in self.gazetteer.words if t == "type:emergency_department")
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.pdf = report_name.lower().endswith(".pdf")  # its pages are separated by form feeds
        kind = next((k for p, k in _KIND_WORDS if re.search(p, text[:20000], re.I)), "")
        self.result = Draft({"id": review_id, "title": f"DRAFT from {report_name}: check every table against "
                                                      "the report", "kind": kind})
        self.people: dict[str, Person] = {}
        for name in find_names(text, self.gazetteer):
            pid = as_id(name) or "person"
            self.people[pid] = Person(pid, name, "", [re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")],
                                      "named in the report")
        self.subjects = list(self.people)
        self.relationships: list[dict] = []
        self.agencies: dict[str, dict] = {}

    # -- the tables ------------------------------------------------------------------

    def draft(self) -> Draft:
        for passage in dated_passages(self.text, self.today, [self.people[p].name for p in self.subjects]):
            pieces = self.pieces(passage)
            for date, spans in pieces:
                groups = self.groups(passage, date, spans)
                for kind, group in groups:
                    last = group is groups[-1][1] and date is pieces[-1][0]
                    self.entry(passage, date, kind, group, first=group is groups[0][1], last=last)
        draft = self.result
        draft.review["subjects"] = ";".join(self.subjects)
        draft.people = [{"id": p.id, "name": p.name, "role": p.role or ("subject" if p.id in self.subjects else ""),
                         "draft": f"drafted ({p.why}): check the name, role and who this is"}
                        for p in self.people.values()]
        seen = set()
        for r in self.relationships:
            key = (r["person"], r["relation"], r["other"])
            if key not in seen and r["person"] != r["other"]:
                seen.add(key)
                draft.relationships.append(r)
        draft.agencies = list(self.agencies.values())
        return draft

    def agency_id(self, kind: str, written: str) -> str:
        """The draft's agency of this kind, added the first time it is named."""
        if kind == "hospital" and self.has_ed:
            kind = "emergency_department"
        aid = kind.replace("_", "-")
        if aid not in self.agencies:
            name = re.sub(r"^the ", "", " ".join(written.split()), flags=re.I)
            name = name[:1].upper() + name[1:] if name.islower() else name
            self.agencies[aid] = {"id": aid, "name": name if len(name) > 3 else type_label(kind), "type": kind,
                                  "draft": "drafted from the report's words for this kind of agency: check its "
                                           "name and area, and split it where the report means several agencies"}
        return aid

    def line(self, offset: int) -> int:
        """The line of the report (from 1) that ``offset`` is on."""
        return bisect.bisect_right(self.line_starts, offset)

    def unplace(self, start: int, end: int, date: str, reason: str) -> None:
        self.result.unplaced.append({"start": start, "end": end, "line": self.line(start), "date": date,
                                     "reason": reason, "text": _quote(self.text[start:end], 400)})

    # -- a passage into entries --------------------------------------------------------

    def pieces(self, passage: Passage) -> list[tuple[DateFound, list[tuple[int, int]]]]:
        """The passage's sentences by date: in a table row, a sentence naming a later date
        starts a piece of its own; facts of the comment column join the row."""
        text = self.text
        body_start = passage.date.end if passage.kind == "table row" else passage.start
        body_end = passage.comment[0] if passage.comment else passage.end
        sentences = [(s, e, False) for s, e in _sentences(text, body_start, body_end)]
        if passage.comment:
            sentences += [(s, e, True) for s, e in _sentences(text, *passage.comment)]
        pieces: list[tuple[DateFound, list[tuple[int, int]]]] = [(passage.date, [])]
        in_comment = False
        for s, e, comment in sentences:
            if passage.kind == "table row":
                later = [d for d in find_dates(text, s, e, passage.date.day.year, self.today)
                         if 0 < (d.day - passage.date.day).days <= 366]
                if later and later[0].date != pieces[-1][0].date:
                    pieces.append((later[0], []))
                    in_comment = comment
                elif comment and not in_comment and (_JUDGEMENT.search(text[s:e])
                                                     or not _actors(text, s, e, self.gazetteer)):
                    continue  # the reviewer's view of the row: kept as its comment
            pieces[-1][1].append((s, e))
        return [(date, spans) for date, spans in pieces if spans]

    def groups(self, passage: Passage, date: DateFound,
               spans: list[tuple[int, int]]) -> list[tuple[str | None, list[tuple[int, int]]]]:
        """The sentences of one piece by the agency doing something (None: no agency)."""
        text, gazetteer = self.text, self.gazetteer
        groups: list[tuple[str | None, list[tuple[int, int]]]] = []
        for s, e in spans:
            actors = _actors(text, s, e, gazetteer)
            kind = actors[0][2] if actors else None
            if not groups or (kind and groups[-1][0] and kind != groups[-1][0]):
                groups.append((kind, [(s, e)]))
            else:
                groups[-1] = (groups[-1][0] or kind, groups[-1][1] + [(s, e)])
        if len(groups) == 1 and groups[0][0] is None and passage.comment and date is passage.date:
            # The key information names no agency: the comment column may ("The nurse then
            # rang the GP").
            named = [a for s, e in _sentences(text, *passage.comment) for a in _actors(text, s, e, gazetteer)]
            if named:
                groups = [(named[0][2], groups[0][1])]
        if len(groups) == 1 and groups[0][0] is None:
            implied = _implied(" ".join(text[s:e] for s, e in groups[0][1]))
            if implied:
                groups = [(implied, groups[0][1])]
        # An agency named after "by" acts too ("taken to hospital by ambulance", "seen by the
        # crisis team"): it gets an entry of the same sentences.
        out: list[tuple[str | None, list[tuple[int, int]]]] = []
        for kind, group in groups:
            out.append((kind, group))
            if kind is None:
                continue
            for s, e in group:
                for x in re.finditer(r"\bby (?=\S)", text[s:e]):
                    hit = [h for h in gazetteer.found(text[s + x.end():s + x.end() + 60]) if h[0] == 0]
                    if hit and hit[0][2] not in {k for k, _ in groups} | {k for k, _ in out}:
                        out.append((hit[0][2], group))
        return out

    def entry(self, passage: Passage, date: DateFound, kind: str | None, group: list[tuple[int, int]], *,
              first: bool, last: bool) -> None:
        """One chronology row (or one line of unplaced.csv) from a group of sentences."""
        text = self.text
        start, end = group[0][0], group[-1][1]
        body = text[start:end]
        if passage.kind == "paragraph" and date is passage.date and first:
            start = min(start, passage.date.start)
        if kind is None:
            self.unplace(start, end, date.date, "names no agency")
            return
        spans = group + (_sentences(text, *passage.comment) if passage.comment else [])
        actor = next((a for s, e in spans for a in _actors(text, s, e, self.gazetteer) if a[2] == kind),
                     next(((s + h[0], s + h[1], h[2]) for s, e in spans for h in self.gazetteer.found(text[s:e])
                           if h[2] == kind), (start, start, kind)))
        recorder = self.agency_id(kind, text[actor[0]:actor[1]])
        who = self.people_in(body, passage)
        if not who:
            self.unplace(start, end, date.date, "names nobody (no name or relationship word it knows)")
            return
        entry_text = " ".join(body.split())
        found_type = find_words(TYPE_WORDS, entry_text)
        entry = {"id": f"ext-{len(self.result.chronology) + 1}", "date": date.date, "agency": recorder,
                 "type": found_type[0] if found_type else "other", "subjects": ";".join(who),
                 "summary": _quote(body)}
        drafted = ["date", "agency", "type", "subjects"]
        risks = find_words(RISK_WORDS, entry_text)
        if risks:
            entry["risks"] = ";".join(risks)
            drafted.append("risks")
        for column, ids in self.sharing(entry_text, recorder).items():
            entry[column] = ";".join(ids)
            drafted.append(column)
        outcome = _outcome(entry_text)
        if outcome:
            entry["outcome"] = outcome
            drafted.append("outcome")
        page = f", page {self.text.count(chr(12), 0, start) + 1}" if self.pdf else ""
        entry["source"] = (f"{self.report_name}, chars {start}-{end}{page}, line {self.line(start)}"
                           + (f" ({passage.kind} dated {text[passage.date.start:passage.date.end]})"
                              if passage.kind == "table row" else ""))
        notes = []
        if passage.comment and last:
            notes.append("Report's comment: " + _quote(text[passage.comment[0]:passage.comment[1]], 1500))
        if date.note:
            notes.append(f"[extract: {date.note}]")
        entry["comment"] = " ".join(notes)
        entry["draft"] = ",".join(drafted)
        self.result.chronology.append(entry)

    # -- people ------------------------------------------------------------------------

    def people_in(self, body: str, passage: Passage) -> list[str]:
        """The people a passage names, in order: the names, relatives (whose: the name
        before), Mother and Father, and its table row's names column first."""
        people, subjects = self.people, self.subjects
        named = sorted((x.start(), pid) for pid in subjects for pattern in people[pid].words
                       for x in pattern.finditer(body))
        row_names = [pid for pid in (_close_name(nm, subjects) for nm in passage.names) if pid]
        for x in _RELATION_RE.finditer(body):
            before = [pid for at, pid in sorted(named) if at < x.start() and pid in subjects] or row_names
            pid = self.relative(x, before[-1] if before else None, [p for _, p in named if p in subjects])
            if pid:
                named.append((x.start(), pid))
        for x in re.finditer(r"\b(Mother|Father)\b", body):
            pid = as_id(x.group(1))
            if pid not in people:
                people[pid] = Person(pid, x.group(1), "parent", [], "a relationship word in the report")
            named.append((x.start(), pid))
        who = list(dict.fromkeys(row_names + [pid for _, pid in sorted(named)]))
        if not who and _GROUP_RE.search(body) and subjects:
            who = [p for p in subjects if not _CHILD_NAME.fullmatch(people[p].name)] or subjects[:1]
        return who

    def relative(self, m: re.Match, last_named: str | None, named_here: list[str]) -> str | None:
        """The person a relationship word names (added the first time), or None where it
        cannot say whose relative this is."""
        people = self.people
        rel = m.group("rel").lower()
        role, relation = next((r, x) for w, r, x in RELATION_WORDS if re.fullmatch(w, rel))
        former = bool(m.group("former")) and m.group("former").strip().lower() != "then"
        word = {"mum": "mother", "dad": "father"}.get(rel, rel)
        others = set(named_here) - {last_named}
        if role == "sibling" and (others or len(self.subjects) > 2):
            return None  # "her sister", where the report names others of the family, is probably one of them
        if role == "partner" and others and not m.group("owner"):
            return None  # "his wife" in a passage that names her: she is one of the named
        if role == "parent" and relation == "parent_of":
            owner = None  # the family's parents: "her mother", "the children's father" are one Mother
            name = word.capitalize()
        else:
            owner_name = m.group("owner")
            owner = as_id(owner_name) if owner_name and as_id(owner_name) in people else None
            if owner is None and m.group("pron") and m.group("pron").lower() in ("her", "his"):
                owner = last_named
            if owner is None:
                return None
            name = f"{people[owner].name}'s {'former ' if former else ''}{word}"
        if former and role == "partner":
            role, relation = "ex_partner", "ex_partner_of"
        pid = as_id(name)
        if pid not in people:
            people[pid] = Person(pid, name, role, [], "a relationship word in the report")
            if owner and owner != pid:
                if relation == "child_of":
                    self.relationships.append({"person": owner, "relation": "parent_of", "other": pid})
                else:
                    self.relationships.append({"person": pid, "relation": relation, "other": owner})
        return pid

    # -- sharing -----------------------------------------------------------------------

    def sharing(self, entry_text: str, recorder: str) -> dict[str, list[str]]:
        """``referred_to``, ``shared_with`` and ``not_shared_with`` of an entry: agency ids,
        each agency in one column only, never the entry's own."""
        gazetteer = self.gazetteer
        columns = sent_to(entry_text, gazetteer)
        taken = {a for targets in columns.values() for a in targets}
        for pattern, column in MORE_SENT_WORDS + [CONVEYED]:
            for x in re.finditer(pattern, entry_text, re.I):
                clause = re.split(r"[.;:()]|\bbut\b|\bbecause\b|\bwho\b|\bvia\b|\bthrough\b|\bby\b",
                                  entry_text[x.end():], maxsplit=1)[0][:120]
                for target in gazetteer.mentions(clause):
                    if target not in taken:
                        taken.add(target)
                        columns.setdefault(column, []).append(target)
        for x in NOT_INVITED.finditer(entry_text):
            before = re.split(r"[.;:()]|\band\b|\bbut\b", entry_text[:x.start()])[-1]
            named_before = gazetteer.mentions(before)
            if named_before:
                columns.setdefault("not_shared_with", []).append(named_before[-1])
        out: dict[str, list[str]] = {}
        claimed: set[str] = set()
        for column in ("not_shared_with", "referred_to", "shared_with"):
            for target in columns.get(column, []):
                kind = target[5:]
                hit = next((h for h in gazetteer.found(entry_text) if h[2] == kind), None)
                aid = self.agency_id(kind, entry_text[hit[0]:hit[1]] if hit else type_label(kind))
                if aid != recorder and aid not in claimed:
                    out.setdefault(column, []).append(aid)
                    claimed.add(aid)
        return out


# -- writing -----------------------------------------------------------------------------

CHRONOLOGY_COLUMNS = list(COLUMNS["chronology"]) + ["draft"]
UNPLACED_COLUMNS = ["start", "end", "line", "date", "reason", "text"]
REVIEW_FILES = ("review.yaml", "people.csv", "relationships.csv", "agencies.csv", "chronology.csv", "unplaced.csv")


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _refuse_existing(review: Path) -> None:
    existing = [f for f in REVIEW_FILES if (review / f).exists()]
    if existing:
        raise ExtractError(f"{review}: already holds a review ({', '.join(existing)}); give --force to "
                           "replace it with a new draft, or choose a new folder")


def write_draft(draft: Draft, review: Path, report: Path, *, force: bool = False) -> None:
    """Write ``draft`` as the review folder ``review``: all its files or none. A folder that
    already holds a review is refused unless ``force``, which replaces the review's files
    (other files in the folder are left alone)."""
    if not force:
        _refuse_existing(review)
    if review.exists() and not review.is_dir():
        raise ExtractError(f"{review}: not a folder")
    meta = ["# DRAFT written by safegraph extract from " + report.name + ". Nothing here is checked: every table",
            "# is a suggestion for a person to check against the report (docs/extract.md). Dated passages it",
            "# could not place are in unplaced.csv.",
            f"id: {draft.review['id']}", f"title: {_yaml_text(draft.review['title'])}"]
    if draft.review.get("kind"):
        meta.append(f"kind: {draft.review['kind']}")
    if draft.review.get("subjects"):
        meta.append(f"subjects: {_yaml_text(draft.review['subjects'])}")
    meta.append(f"source: {_yaml_text('draft from ' + report.name)}")
    parent = review.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=parent))
    try:
        write_owner_only(tmp / "review.yaml", "\n".join(meta) + "\n")
        write_table(tmp / "people.csv", list(COLUMNS["people"]) + ["draft"], draft.people)
        write_table(tmp / "relationships.csv", list(COLUMNS["relationships"]), draft.relationships)
        write_table(tmp / "agencies.csv", list(COLUMNS["agencies"]) + ["draft"], draft.agencies)
        write_table(tmp / "chronology.csv", CHRONOLOGY_COLUMNS, draft.chronology)
        write_table(tmp / "unplaced.csv", UNPLACED_COLUMNS, draft.unplaced)
        review.mkdir(parents=True, exist_ok=True)
        for name in REVIEW_FILES:
            os.replace(tmp / name, review / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def extract_report(report: Path, review: Path, *, force: bool = False, today: dt.date | None = None) -> Outcome:
    """Draft the review folder ``review`` from the report ``report`` (see the module
    docstring); what it did, for the command to print."""
    if not force:
        _refuse_existing(review)  # before reading the report: nothing to do either way
    text = read_report(report)
    draft = draft_review(text, report.name, as_id(review.resolve().name) or "review", today)
    write_draft(draft, review, report, force=force)
    return Outcome(entries=len(draft.chronology),
                   unplaced=[(f"{u['date']}, chars {u['start']}-{u['end']}, line {u['line']}", u["reason"])
                             for u in draft.unplaced],
                   people=[p["id"] for p in draft.people],
                   agencies=[f"{a['id']} ({a['type']})" for a in draft.agencies])


__all__ = ["AGENCY_WORDS", "DATE_FORMS", "NOT_INVITED", "NOT_NAMES", "OUTCOME_WORDS", "PERSON_CUES",
           "RELATION_WORDS", "ExtractError", "ReportGazetteer", "dated_passages", "draft_review", "extract_report",
           "find_dates", "find_names", "read_date", "read_report", "write_draft"]
