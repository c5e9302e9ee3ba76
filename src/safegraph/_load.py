"""Check raw tables against the chronology format and build the models.

Every problem is collected, never raised one at a time, so a reviewer sees the whole
list at once; a review with any error yields no models at all.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from pathlib import Path

from ._dates import BadDate, PartialDate, parse_date
from ._read import (DEFAULT_LIMITS, OPTION, Limits, RawReview, Row, Table, is_blank, is_review_path,
                    raw_from_mapping, read_review)
from ._vocab import relations, term_key, vocabulary
from .errors import LoadError, Problem
from .models import Agency, Corpus, Entry, Episode, Origin, Person, Receipt, Relationship, Review, Subject, trusted

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Entry ids: ASCII letters, digits and . _ - / # (no look-alike letters from other scripts,
# no separators, no control or markup characters).
ENTRY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/#-]*$")


def as_id(text: str) -> str:
    """An id as a reviewer may type it (a name, capitalised, with spaces or apostrophes),
    reduced to the format's id: ``Children's Social Care`` -> ``childrens-social-care``.
    Accents are dropped (``Zoë`` -> ``zoe``); other scripts stay, so a look-alike letter is
    still refused as an id.

    >>> as_id("Children's Social Care"), as_id("  Amira "), as_id("Zoë")
    ('childrens-social-care', 'amira', 'zoe')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "").replace("'", "")
    return re.sub(r"[^\w]+|_+", "-", text).strip("-")


def _name_key(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


class Names:
    """How a reference in a cell finds a person or agency: by its id exactly, by its id
    however typed (``Police`` for ``police``), by its name as written on the people or
    agencies sheet (``Children's Social Care``), or by a word for its kind that only one
    of them fits (``CSC`` or ``the school`` for the review's one children's social care or
    school; ``Mother`` for the one female parent). ``resolve`` gives the id, or the
    candidates where the reference could mean more than one."""

    def __init__(self, names: dict[str, str | None], kinds: dict[str, set[str]] | None = None):
        self.names = dict(names)
        self.ids = set(names)
        self._by_id: dict[str, set[str]] = {}
        self._by_name: dict[str, set[str]] = {}
        self._by_kind = kinds or {}
        for rid, name in names.items():
            self._by_id.setdefault(as_id(rid), set()).add(rid)
            if name:
                self._by_name.setdefault(_name_key(name), set()).add(rid)
                self._by_name.setdefault(as_id(name), set()).add(rid)

    @classmethod
    def of_agencies(cls, agencies: dict) -> "Names":
        kinds: dict[str, set[str]] = {}
        for aid, agency in agencies.items():
            if agency is not None:
                kinds.setdefault(agency.type, set()).add(aid)
        return cls({a: (x.name if x else None) for a, x in agencies.items()}, kinds)

    @classmethod
    def of_people(cls, people: dict) -> "Names":
        kinds: dict[str, set[str]] = {}
        words = {("parent", "f"): ("mother", "mum", "mom"), ("parent", "m"): ("father", "dad")}
        for pid, person in people.items():
            if person is not None:
                for word in words.get((person.role, person.sex), ()):
                    kinds.setdefault(word, set()).add(pid)
        return cls({p: (x.name if x else None) for p, x in people.items()}, kinds)

    def __contains__(self, ref: str) -> bool:
        return self.resolve(ref)[0] is not None

    def resolve(self, ref: str) -> tuple[str | None, list[str]]:
        if ref in self.ids:
            return ref, [ref]
        key = re.sub(r"^(?:the|a|an)\s+", "", ref.strip(), flags=re.I)
        kind = vocabulary("agency_types").normalise(key) or term_key(key)
        for found in (self._by_id.get(as_id(ref)), self._by_name.get(_name_key(ref)), self._by_name.get(as_id(ref)),
                      self._by_kind.get(kind)):
            if found:
                return (next(iter(found)) if len(found) == 1 else None), sorted(found)
        return None, []

    def listing(self) -> str:
        """The records, for a message: ``gp (GP surgery), police``."""
        return ", ".join(f"{i} ({self.names[i]})" if self.names.get(i) and as_id(self.names[i]) != i else i
                         for i in sorted(self.ids)) or "none"


# The columns of each table: name -> required. Anything else is kept as an extra.
COLUMNS = {
    "people": {"id": True, "name": True, "role": False, "sex": False, "born": False,
               "child": False, "ethnicity": False, "notes": False},
    "relationships": {"person": True, "relation": True, "other": True, "notes": False},
    "agencies": {"id": True, "name": True, "type": True, "area": False, "part_of": False, "involvement": False},
    "chronology": {"id": False, "date": True, "agency": True, "type": True, "subjects": True,
                   "summary": True, "risks": False, "referred_to": False, "shared_with": False,
                   "not_shared_with": False, "attendees": False, "passes_on": False,
                   "outcome": False, "spoken_to": False, "informant": False, "source": False,
                   "comment": False, "risk_level": False, "meeting_kind": False, "received": False,
                   "unrecorded_by": False},
}
TERM_NAMES = {"themes": "theme", "review_kinds": "review kind", "person_roles": "person role", "sexes": "sex",
              "relations": "relation", "agency_types": "agency type", "entry_types": "entry type",
              "subject_roles": "subject role", "risks": "risk", "outcomes": "outcome",
              "risk_levels": "risk level", "meeting_kinds": "meeting kind", "involvement_kinds": "involvement"}
# The words that say "nobody" and "not recorded" in a list column (format v2), and the
# columns that take them.
NONE, UNKNOWN = "none", "unknown"
SAYS_NONE = ("attendees", "spoken_to", "referred_to")
REVIEW_KEYS = {"id": True, "title": True, "kind": False, "area": False, "published": False,
               "period_start": False, "period_end": False, "subjects": False, "source": False,
               "incident": False, "episodes": False, "themes": False}
# An episode as written: "START..END label" (format v2).
EPISODE = re.compile(r"\s*(\S+)\s*\.\.\s*(\S+)\s+(\S.*)$")


def load(path: str | Path, *, unknown_terms: str = "error", limits: Limits = DEFAULT_LIMITS,
         skip_invalid: bool = False) -> Corpus:
    """Load a review or a corpus (a folder of reviews) from ``path``.

    Parameters
    ----------
    path : a review (CSV folder with review.yaml, ``.xlsx``, ``.yaml``/``.yml`` or
        ``.json``) or a folder whose children are reviews.
    unknown_terms : ``"error"`` (the default) or ``"warning"``: whether a vocabulary term
        the format does not define stops the load, or loads as written (treated as other).
    limits : how much will be read (file and cell sizes, rows, entries, the years dates may
        have); anything beyond is an error naming the limit.
    skip_invalid : in a corpus, leave out each review with an error and load the rest;
        the corpus lists what it left out, with the problems, in ``skipped``. (An error
        outside any one review, such as a path that does not exist, still stops the load.)

    Raises
    ------
    LoadError
        With every problem in every review; nothing is loaded if there is any error
        (with ``skip_invalid``: if no review is left).
    """
    targets, problems = review_targets(path)
    gathered = Gathered(problems, skip_invalid)
    for target, shown in targets:
        review, found, id_place = check_review(target, shown, unknown_terms, limits)
        gathered.add(shown, review.id if review is not None else None, found, id_place, review)
    reviews = gathered.finish()
    return Corpus(reviews=tuple(reviews), warnings=tuple(gathered.problems), skipped=tuple(gathered.skipped))


def review_targets(path: str | Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The reviews ``path`` holds, each as (its path, its path as shown), and the warnings
    about what in a corpus folder is not a review; LoadError if it holds none."""
    shown = str(path)
    path = Path(path)
    problems: list[Problem] = []
    if not path.exists():
        raise LoadError([Problem(shown, "does not exist", code="missing-file")])
    if is_review_path(path):
        return [(path, shown)], problems
    if not path.is_dir():
        raise LoadError([Problem(shown, "is not a review: expected a folder with review.yaml, or an .xlsx, .yaml or .json file", code="not-a-review")])
    targets = []
    for child in sorted(path.iterdir()):
        if child.name.startswith((".", "~$", "_")):
            why = ("an Office lock file" if child.name.startswith("~$")
                   else f"its name starts with {child.name[0]!r}")
            problems.append(Problem(f"{shown.rstrip('/')}/{child.name}", f"is skipped: {why}",
                                    code="skipped", severity="warning"))
            continue
        if is_review_path(child):
            targets.append((child, f"{shown.rstrip('/')}/{child.name}"))
        elif child.is_dir():
            problems.append(Problem(f"{shown.rstrip('/')}/{child.name}",
                                    "is a folder without review.yaml, so not a review; skipped",
                                    code="not-a-review", severity="warning"))
    if not targets:
        raise LoadError(problems + [Problem(shown, "holds no review (a folder with review.yaml, or an .xlsx, .yaml or .json file)", code="no-review")])
    return targets, problems


def check_review(target: Path, shown: str, unknown_terms: str = "error",
                 limits: Limits = DEFAULT_LIMITS) -> tuple[Review | None, list[Problem], Problem]:
    """Read and check one review: (the review, or None if it has an error; every problem
    found; where its id is written, for a corpus that finds the id used twice)."""
    checker = _Checker(read_review(target, shown, limits), unknown_terms, limits)
    review = checker.check()
    return review, list(checker.problems), checker.raw.meta.problem("", "id", code="duplicate-id")


class Gathered:
    """The reviews of a corpus as they are checked, one at a time and in order: a review
    id used twice is an error on the second; with ``skip_invalid`` a review with an error
    is set aside with its problems, otherwise every problem is kept for ``finish``."""

    def __init__(self, problems: list[Problem], skip_invalid: bool = False):
        self.problems = list(problems)
        self.skip_invalid = skip_invalid
        self.skipped: list[tuple[str, tuple[Problem, ...]]] = []
        self.first_seen: dict[str, str] = {}
        self.kept: list = []

    def add(self, shown: str, review_id: str | None, found: list[Problem], id_place: Problem, payload) -> bool:
        """Take one review's outcome (``payload`` is what is kept for it: the review, or
        what was worked out from it); True if it is kept."""
        if review_id is not None and review_id in self.first_seen:
            found = [*found, dataclasses.replace(
                id_place, message=f"review id {review_id!r} is also used by {self.first_seen[review_id]}")]
            review_id = None
        if review_id is None and self.skip_invalid:
            self.skipped.append((shown, tuple(found)))
            return False
        self.problems.extend(found)
        if review_id is None:
            return False
        self.first_seen[review_id] = shown
        self.kept.append(payload)
        return True

    def finish(self) -> list:
        """What was kept for each review, in order; LoadError with every problem if there
        is any error, or if no review is left."""
        if any(p.severity == "error" for p in self.problems) or not self.kept:
            raise LoadError(self.problems + [p for _, found in self.skipped for p in found])
        return self.kept


def load_review(path: str | Path, *, unknown_terms: str = "error", limits: Limits = DEFAULT_LIMITS) -> Review:
    """Load exactly one review from ``path`` (see ``load``)."""
    corpus = load(path, unknown_terms=unknown_terms, limits=limits)
    if len(corpus.reviews) != 1:
        raise LoadError([Problem(str(path), f"holds {len(corpus.reviews)} reviews, not one", code="not-a-review")])
    return corpus.reviews[0]


def review_from_dict(data: dict, *, name: str = "<data>", unknown_terms: str = "error") -> Review:
    """Check and load a review held in memory as one mapping, shaped like the YAML/JSON
    container (keys review, people, relationships, agencies, chronology)."""
    checker = _Checker(raw_from_mapping(data, name), unknown_terms)
    review = checker.check()
    if review is None:
        raise LoadError(checker.problems)
    return review


class _EntryRefs:
    """How ``passes_on`` finds an entry: by its id (any case), or by the row the sheet
    shows it in, written ``row 14``."""

    ROW = re.compile(r"^row\s*(\d+)$", re.I)

    def __init__(self, first_row: dict[str, int], by_row: dict[int, str]):
        self.ids = first_row.keys()
        self._by_key: dict[str, set[str]] | None = None  # made when a reference needs it
        self._by_row = by_row

    def __contains__(self, ref: str) -> bool:
        return self.resolve(ref)[0] is not None

    def resolve(self, ref: str) -> tuple[str | None, list[str]]:
        if ref in self.ids:
            return ref, [ref]
        match = self.ROW.match(ref.strip())
        if match:
            found = self._by_row.get(int(match.group(1)))
            return found, [found] if found else []
        if self._by_key is None:
            self._by_key = {}
            for eid in self.ids:
                self._by_key.setdefault(eid.casefold(), set()).add(eid)
        found = self._by_key.get(ref.casefold(), set())
        return (next(iter(found)) if len(found) == 1 else None), sorted(found)


class _Checker:
    def __init__(self, raw: RawReview, unknown_terms: str, limits: Limits = DEFAULT_LIMITS):
        self.raw = raw
        self.limits = limits
        self.lenient = unknown_terms == "warning"
        self.problems: list[Problem] = list(raw.problems)
        # Cells already read without a problem, and what they gave: a chronology repeats the
        # same list of agencies, the same subjects and the same terms row after row.
        self._terms: dict[tuple[str, str], str] = {}
        self._cells: dict[tuple[str, str], tuple] = {}

    # -- cell helpers ------------------------------------------------------------

    def _add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def _text(self, value) -> str | None:
        if not value:
            return None
        if isinstance(value, list):
            value = "; ".join(value)
        return value.strip() or None

    def _list(self, value) -> list[str]:
        if not value:
            return []
        items = value if isinstance(value, list) else (value or "").split(";")
        seen: dict[str, None] = {}
        for item in items:
            item = item.strip()
            if item:
                seen.setdefault(item)
        return list(seen)

    def _term(self, table: Table, row: Row, column: str, vocab: str, text: str) -> str | None:
        term = self._terms.get((vocab, text))
        if term is not None:
            return term
        term = vocabulary(vocab).normalise(text)
        if term is not None:
            self._terms[(vocab, text)] = term
            return term
        terms = list(vocabulary(vocab))
        hint = vocabulary(vocab).suggest(text)
        reason = f"{text!r} is not a known {TERM_NAMES[vocab]}"
        reason += f" (did you mean {hint!r}?)" if hint else f" (known: {', '.join(terms)})"
        if self.lenient:
            self._add(table.problem(reason + "; loaded as written and treated as 'other'",
                                    row.number, column, code="unknown-term", severity="warning"))
            return text.strip()
        self._add(table.problem(reason, row.number, column, code="unknown-term"))
        return None

    def _optional_terms(self, table: Table, row: Row, columns, fields: dict) -> bool:
        """Read each (column, vocabulary) that has a value into ``fields``; False if any is
        not a known term."""
        ok = True
        for column, vocab in columns:
            text = self._text(row.cells.get(column))
            if text is not None:
                term = self._term(table, row, column, vocab, text)
                ok = ok and term is not None
                fields[column] = term
        return ok

    def _date(self, table: Table, row: Row, column: str, text: str) -> PartialDate | None:
        try:
            return self._dated(text)
        except BadDate as exc:
            self._add(table.problem(str(exc), row.number, column, code="bad-date"))
            return None

    def _dated(self, text: str) -> PartialDate:
        """Parse a date and check it lies within the years the limits allow."""
        day = parse_date(text)
        low, high = self.limits.earliest_year, self.limits.latest_year
        if not low <= day.day.year <= high:
            raise BadDate(f"{text.strip()!r} is outside {low}-{high}; a typing mistake? (if not, change the range "
                          f"with {OPTION['earliest_year']} or {OPTION['latest_year']})")
        return day

    def _ref(self, table: Table, row: Row, column: str, ref: str, known: Names, what: str) -> str | None:
        """The id ``ref`` stands for in ``known``; None (and a problem) if it names no
        record, or more than one."""
        found, candidates = known.resolve(ref)
        if found is not None:
            return found
        if candidates:
            self._add(table.problem(f"{what} {ref!r} could be any of {', '.join(map(repr, candidates))}; write the "
                                    "id", row.number, column, code=f"ambiguous-{what}"))
            return None
        reason = f"unknown {what} {ref!r}"
        hint = [h for h in difflib.get_close_matches(as_id(ref), sorted(known.ids), n=1, cutoff=0.8)
                if h[:1] == as_id(ref)[:1]]
        if "," in ref and what != "entry":
            reason += "; separate several with ';'"
        elif hint:
            reason += f" (did you mean {hint[0]!r}?)"
        elif what != "entry" and len(known.ids) <= 15:
            reason += f" (known: {known.listing()})"
        self._add(table.problem(reason, row.number, column, code=f"unknown-{what}"))
        return None

    def _refs(self, value, known: Names) -> list[str]:
        """The references in a list cell: split on ``;``, and on commas too where a
        piece is not itself a name that holds a comma."""
        out: list[str] = []
        if not value:
            return out
        for item in self._list(value):
            if "," in item and item not in known:
                out += [part.strip() for part in item.split(",") if part.strip()]
            else:
                out.append(item)
        return list(dict.fromkeys(out))

    def _said(self, table: Table, row: Row, column: str, refs: list[str], known) -> tuple[list[str], str | None]:
        """Take the words ``none`` and ``unknown`` out of a list cell: ``(ids, word)``.

        A review whose people or agencies include a record with that very id keeps the
        version 1 reading, where the word names the record."""
        words = [r for r in refs if r.lower() in (NONE, UNKNOWN) and r not in known]
        if not words:
            return refs, None
        word = words[0].lower()
        if column not in SAYS_NONE:
            self._add(table.problem(f"{word!r} can only be written in {', '.join(SAYS_NONE)}; in {column} leave "
                                    "the cell empty", row.number, column, code="bad-none"))
        elif len(refs) > 1:
            self._add(table.problem(f"{word!r} cannot be combined with other values in one cell", row.number, column,
                                    code="bad-none"))
        return [r for r in refs if r not in words], word

    def _receipts(self, table: Table, row: Row, value, agencies, recipients, sent) -> tuple[Receipt, ...] | None:
        """The ``received`` column: ``agency:date`` items; None if any is wrong."""
        out, ok = [], True
        for item in self._list(value):
            agency, sep, text = item.partition(":")
            agency, text = agency.strip(), text.strip()
            if not sep or not text:
                self._add(table.problem(f"{item!r} is not agency:date (e.g. mash:12/09/1999)", row.number, "received",
                                        code="bad-receipt"))
                ok = False
                continue
            agency = self._ref(table, row, "received", agency, agencies, "agency")
            if agency is None:
                ok = False
                continue
            if agency not in recipients:
                self._add(table.problem(f"{agency!r} is in received but is not a recipient of this entry "
                                        "(referred_to, shared_with or attendees)", row.number, "received",
                                        code="not-a-recipient"))
                ok = False
                continue
            day = self._date(table, row, "received", text)
            if day is None:
                ok = False
                continue
            if sent is not None and day.day < sent.day:
                self._add(table.problem(f"received {day} is before the entry's own date {sent}", row.number,
                                        "received", code="received-before-sent"))
                ok = False
                continue
            out.append(Receipt(agency=agency, date=day))
        return tuple(out) if ok else None

    def _columns(self, table: Table) -> None:
        """A CSV or sheet header must have every required column (one problem each, and
        then its cells are not checked); every row must fill them. In YAML and JSON a
        missing key is an empty cell."""
        if not table.present:
            return
        required = [column for column, needed in COLUMNS[table.name].items() if needed]
        missing = [c for c in required if table.item_of is None and c not in table.headers]
        for column in missing:
            self._add(table.problem(f"required column {column!r} is missing", table.header_row, column,
                                    code="missing-column"))
        if table.name == "chronology" and len(table.rows) > self.limits.entries:
            self._add(table.problem(f"has {len(table.rows):,} entries, more than the {self.limits.entries:,} a review "
                                    f"may have (raise the limit with {OPTION['entries']})", code="too-large"))
        for row in table.rows:
            cut = [c for c in table.positions[row.width:] if c in required] if row.width is not None else []
            if cut:
                # A row that stops before a required column: cut short, not merely left empty.
                self._add(table.problem(f"has {row.width} cells but the header has {len(table.positions)}: it looks "
                                        f"cut short (no {', '.join(cut)})", row.number, cut[0], code="short-row"))
            for column in required:
                if column not in missing and column not in cut and is_blank(row.cells.get(column, "")):
                    self._add(table.problem("is empty, but it is required", row.number, column, code="empty-required"))

    def _extra(self, table: Table, row: Row) -> dict[str, str]:
        spec = COLUMNS[table.name]
        extra = {}
        for key, value in row.cells.items():
            if key not in spec and not is_blank(value):
                extra[key] = self._text(value) or ""
        return extra

    def _origin(self, table: Table, row: Row) -> Origin:
        return trusted(Origin, {"file": table.file, "sheet": table.sheet, "row": row.number})

    def _slug(self, table: Table, row: Row, column: str, value: str, what: str) -> bool:
        if SLUG.match(value):
            return True
        self._add(table.problem(f"{value!r} is not a valid {what} id: use lower-case letters, digits and single hyphens",
                                row.number, column, code="bad-id"))
        return False

    # -- the whole review -----------------------------------------------------------

    def check(self) -> Review | None:
        tables = self.raw.tables
        for table in tables.values():
            self._columns(table)
        meta = self._review_meta()
        review_id = meta.get("id") or "review"
        people = self._people(tables["people"])
        agencies = self._agencies(tables["agencies"])
        person_names = Names.of_people(people)
        agency_names = Names.of_agencies(agencies)
        self._organisations(tables["agencies"], agencies, agency_names)
        relationships = self._relationships(tables["relationships"], person_names)
        entries = self._entries(tables["chronology"], review_id, person_names, agency_names)
        subjects = []
        for subject in self._refs(list(meta.get("subjects", ())), person_names):
            found, candidates = person_names.resolve(subject)
            if found is None:
                why = f"could be any of {', '.join(map(repr, candidates))}" if candidates else "is not on the people sheet"
                self._add(self.raw.meta.problem(f"person {subject!r} in subjects {why}", "subjects", code="unknown-person"))
            else:
                subjects.append(found)
        meta["subjects"] = tuple(dict.fromkeys(subjects))
        self._reminders(tables)
        if any(p.severity == "error" for p in self.problems):
            return None
        return Review(
            **meta,
            people=tuple(people.values()),
            relationships=tuple(relationships),
            agencies=tuple(agencies.values()),
            entries=tuple(entries),
            path=self.raw.path,
            origin=Origin(file=self.raw.meta.file, sheet=self.raw.meta.sheet),
        )

    def _reminders(self, tables) -> None:
        """Warnings for what a reviewer still has to look at: the worked example rows of
        ``safegraph template`` (ids starting ``example-``), cells ``safegraph import``
        drafted (a non-empty ``draft`` column), and rows it marked as possible duplicates."""
        for table in tables.values():
            column = "person" if table.name == "relationships" else "id"
            checks = [
                (column, lambda v: v.lower().startswith("example-"),
                 "the template's worked example; delete before the review is used", "template-example"),
                ("draft", bool, "drafted by safegraph import or extract (the draft column says what); check, then clear the "
                                "draft cell", "draft"),
                ("possible_duplicate_of", bool, "perhaps the same event as another agency's row "
                                                "(possible_duplicate_of); check, then clear it", "possible-duplicate"),
            ]
            for name, test, words, code in checks:
                rows = [row.number for row in table.rows if test(self._text(row.cells.get(name)) or "")]
                if not rows:
                    continue
                shown = ", ".join(map(str, rows[:12])) + (f" and {len(rows) - 12} more" if len(rows) > 12 else "")
                self._add(table.problem(f"{'row' if len(rows) == 1 else 'rows'} {shown} {'is' if len(rows) == 1 else 'are'} "
                                        f"{words}", rows[0], name, code=code, severity="warning"))

    def _review_meta(self) -> dict:
        meta = self.raw.meta
        values = meta.values
        out: dict = {}
        for key, required in REVIEW_KEYS.items():
            value = values.get(key, "")
            if required and meta.present and is_blank(value):
                self._add(meta.problem("is missing or empty, but it is required", key, code="empty-required"))
        review_id = self._text(values.get("id"))
        if review_id is not None:
            if not SLUG.match(review_id):
                self._add(meta.problem(f"{review_id!r} is not a valid review id: use lower-case letters, digits and single hyphens", "id", code="bad-id"))
            out["id"] = review_id
        if (title := self._text(values.get("title"))) is not None:
            out["title"] = title
        kind = self._text(values.get("kind"))
        if kind is not None:
            term = vocabulary("review_kinds").normalise(kind)
            if term is None and not self.lenient:
                self._add(meta.problem(f"{kind!r} is not a known {TERM_NAMES['review_kinds']} (known: {', '.join(vocabulary('review_kinds'))})", "kind", code="unknown-term"))
            out["kind"] = term or kind
        for key in ("area", "source"):
            if (text := self._text(values.get(key))) is not None:
                out[key] = text
        published = self._text(values.get("published"))
        if published is not None:
            if not re.fullmatch(r"\d{4}", published):
                self._add(meta.problem(f"{published!r} is not a year (write it as YYYY)", "published", code="bad-date"))
            out["published"] = published
        for key in ("period_start", "period_end", "incident"):
            text = self._text(values.get(key))
            if text is not None:
                try:
                    out[key] = self._dated(text)
                except BadDate as exc:
                    self._add(meta.problem(str(exc), key, code="bad-date"))
        start, end = out.get("period_start"), out.get("period_end")
        if start and end and start.day > end.day:
            self._add(meta.problem(f"period_start {start} is after period_end {end}", "period_end", code="bad-period"))
        out["subjects"] = tuple(self._list(values.get("subjects")))
        episodes = []
        for n, text in enumerate(self._list(values.get("episodes")), start=1):
            match = EPISODE.match(text)
            if match is None:
                self._add(meta.problem(f"episode {n} ({text!r}) is not written as START..END label", "episodes",
                                       code="bad-episode"))
                continue
            try:
                start, end = self._dated(match.group(1)), self._dated(match.group(2))
            except BadDate as exc:
                self._add(meta.problem(f"episode {n}: {exc}", "episodes", code="bad-date"))
                continue
            if start.day > end.day:
                self._add(meta.problem(f"episode {n} starts ({start}) after it ends ({end})", "episodes",
                                       code="bad-episode"))
                continue
            episodes.append(Episode(label=match.group(3).strip(), start=start, end=end))
        if episodes:
            out["episodes"] = tuple(episodes)
        themes = []
        for text in self._refs(values.get("themes"), Names({})):
            term = vocabulary("themes").normalise(text)
            if term is None:
                hint = vocabulary("themes").suggest(text)
                known = ", ".join(vocabulary("themes"))
                self._add(meta.problem(f"{text!r} is not a known theme" + (f" (did you mean {hint!r}?)" if hint else
                                                                           f" (known: {known})"), "themes",
                                       code="unknown-term"))
            elif term not in themes:
                themes.append(term)
        if themes:
            out["themes"] = tuple(themes)
        extra = {k: self._text(v) or "" for k, v in values.items() if k not in REVIEW_KEYS and not is_blank(v)}
        if extra:
            out["extra"] = extra
        return out

    def _record_id(self, table: Table, row: Row, first_row: dict[str, tuple[int, str]], what: str
                   ) -> tuple[str | None, bool]:
        """The row's id and whether it is usable: a slug (an id typed as a name, such as
        ``Police`` or ``Children's Social Care``, is made one), not used by an earlier row."""
        written = self._text(row.cells.get("id"))
        if written is None:
            return None, False
        rid = written if SLUG.match(written) else (as_id(written) or written)
        ok = self._slug(table, row, "id", rid, what)
        if rid in first_row:
            earlier, as_written = first_row[rid]
            shown = f"{written!r}" if written == rid else f"{written!r} (read as {rid!r})"
            also = "" if as_written == rid else f", written {as_written!r}"
            self._add(table.problem(f"{what} id {shown} is already used in row {earlier}{also}", row.number, "id",
                                    code="duplicate-id"))
            return rid, False
        first_row[rid] = (row.number, written)
        return rid, ok

    def _people(self, table: Table) -> dict[str, Person]:
        # A row with an error still makes its id known (as None), so that references to
        # it are not reported as unknown as well; any error stops the review anyway.
        people: dict[str, Person] = {}
        first_row: dict[str, int] = {}
        for row in table.rows:
            cells = row.cells
            pid, ok = self._record_id(table, row, first_row, "person")
            fields: dict = {}
            ok = self._optional_terms(table, row, (("role", "person_roles"), ("sex", "sexes")), fields) and ok
            born = self._text(cells.get("born"))
            if born is not None:
                fields["born"] = self._date(table, row, "born", born)
                ok = ok and fields["born"] is not None
            child = self._text(cells.get("child"))
            if child is not None:
                flag = {"yes": True, "no": False, "true": True, "false": False, "y": True, "n": False}.get(child.lower())
                if flag is None:
                    self._add(table.problem(f"{child!r} is not yes or no", row.number, "child", code="bad-flag"))
                    ok = False
                fields["child"] = flag
            name = self._text(cells.get("name"))
            if ok and name is not None:
                people[pid] = Person(id=pid, name=name, ethnicity=self._text(cells.get("ethnicity")),
                                     notes=self._text(cells.get("notes")), extra=self._extra(table, row),
                                     origin=self._origin(table, row), **fields)
            elif pid is not None:
                people.setdefault(pid, None)  # type: ignore[arg-type]
        return people

    def _agencies(self, table: Table) -> dict[str, Agency]:
        agencies: dict[str, Agency] = {}
        first_row: dict[str, int] = {}
        for row in table.rows:
            cells = row.cells
            aid, ok = self._record_id(table, row, first_row, "agency")
            type_text = self._text(cells.get("type"))
            agency_type = self._term(table, row, "type", "agency_types", type_text) if type_text else None
            name = self._text(cells.get("name"))
            involvement = self._text(cells.get("involvement"))
            if involvement is not None:
                involvement = self._term(table, row, "involvement", "involvement_kinds", involvement)
                ok = ok and involvement is not None
            if ok and name is not None and agency_type is not None:
                agencies[aid] = Agency(id=aid, name=name, type=agency_type, area=self._text(cells.get("area")),
                                       part_of=self._text(cells.get("part_of")), involvement=involvement,
                                       extra=self._extra(table, row), origin=self._origin(table, row))
            elif aid is not None:
                agencies.setdefault(aid, None)  # type: ignore[arg-type]
        return agencies

    def _organisations(self, table: Table, agencies: dict, names: Names) -> None:
        """``part_of`` must name another agency (by id or name) and must not lead round
        in a circle; it is stored as that agency's id."""
        parent: dict[str, str] = {}
        rows = []
        for row in table.rows:
            target = self._text(row.cells.get("part_of"))
            aid = self._text(row.cells.get("id"))
            if target is None or aid is None:
                continue
            aid = aid if SLUG.match(aid) else as_id(aid)
            found = self._ref(table, row, "part_of", target, names, "agency")
            if found is None:
                continue
            parent[aid] = found
            rows.append((row, aid, target))
            if agencies.get(aid) is not None:
                agencies[aid] = agencies[aid].model_copy(update={"part_of": found})
        for row, aid, target in rows:
            seen, step = {aid}, parent[aid]
            while step is not None and step not in seen:
                seen.add(step)
                step = parent.get(step)
            if step is not None:
                self._add(table.problem(f"part_of {target!r} leads back to {aid!r}; an agency cannot be part of itself",
                                        row.number, "part_of", code="part-of-cycle"))

    def _relationships(self, table: Table, people: Names) -> list[Relationship]:
        kinds = relations()
        out: list[Relationship] = []
        seen: dict[tuple, int] = {}
        for row in table.rows:
            cells = row.cells
            person, other = self._text(cells.get("person")), self._text(cells.get("other"))
            ok = person is not None and other is not None
            person = person and self._ref(table, row, "person", person, people, "person")
            other = other and self._ref(table, row, "other", other, people, "person")
            ok = ok and person is not None and other is not None
            text = self._text(cells.get("relation"))
            relation = self._term(table, row, "relation", "relations", text) if text else None
            if person is not None and person == other:
                self._add(table.problem(f"{person!r} cannot be related to themselves", row.number, "other", code="self-relation"))
                ok = False
            if not ok or relation is None:
                continue
            spec = kinds.get(relation)
            key = (relation, *sorted((person, other))) if spec is None or spec.symmetric else (relation, person, other)
            if key in seen:
                self._add(table.problem(f"repeats the relationship in row {seen[key]}; counted once",
                                        row.number, "relation", code="duplicate-relationship", severity="warning"))
                continue
            seen[key] = row.number
            out.append(Relationship(person=person, relation=relation, other=other, notes=self._text(cells.get("notes")),
                                    extra=self._extra(table, row), origin=self._origin(table, row)))
        return out

    def _subjects(self, table: Table, row: Row, value, people: Names) -> tuple[tuple[Subject, ...], bool]:
        """The subjects cell: ``person:role`` items, as Subjects; False if any is wrong."""
        memo = isinstance(value, str) and value  # a YAML or JSON cell may be a list
        if memo and ("subjects", value) in self._cells:
            return self._cells[("subjects", value)], True
        before = len(self.problems)
        ok = True
        subjects = []
        named: set[str] = set()
        for item in self._refs(value, people):
            person, _, role = item.partition(":")
            person, role = person.strip(), role.strip()
            found = self._ref(table, row, "subjects", person, people, "person")
            ok = ok and found is not None
            person = found or person
            if person in named:
                self._add(table.problem(f"{person!r} is listed twice in subjects; give each person once, with "
                                        "one role", row.number, "subjects", code="duplicate-subject"))
                ok = False
            named.add(person)
            term = self._term(table, row, "subjects", "subject_roles", role) if role else "subject"
            ok = ok and term is not None
            subjects.append(trusted(Subject, {"person": person, "role": term or "subject"}))
        if memo and ok and len(self.problems) == before:
            self._cells[("subjects", value)] = tuple(subjects)
        return tuple(subjects), ok

    def _entries(self, table: Table, review_id: str, people: Names, agencies: Names) -> list[Entry]:
        # First pass: ids (explicit and default) so passes_on can point at any row.
        ids: list[str | None] = []
        first_row: dict[str, int] = {}
        explicit = {self._text(r.cells.get("id")) for r in table.rows} - {None}
        for position, row in enumerate(table.rows, start=1):
            written = self._text(row.cells.get("id"))
            eid = written if written is not None else f"{review_id}-{position}"
            if written is not None and not ENTRY_ID.match(written):
                self._add(table.problem(f"{written!r} is not a usable entry id: no spaces, ';' or ':'", row.number, "id", code="bad-id"))
            if eid in first_row:
                why = "" if written is not None else " (the default id of this row)"
                self._add(table.problem(f"entry id {eid!r}{why} is already used in row {first_row[eid]}", row.number, "id", code="duplicate-id"))
            elif written is None and eid in explicit:
                self._add(table.problem(f"the default id of this row, {eid!r}, equals an id written elsewhere; give this row an explicit id", row.number, "id", code="duplicate-id"))
            else:
                first_row[eid] = row.number
            ids.append(eid)
        entry_names = _EntryRefs(first_row, {row.number: eid for row, eid in zip(table.rows, ids)})

        entries: list[Entry] = []
        order_key: dict[str, tuple] = {}
        pending_passes: list[tuple[Row, str, list[str]]] = []
        for position, (row, eid) in enumerate(zip(table.rows, ids), start=1):
            cells = row.cells
            ok = True
            fields: dict = {}
            date_text = self._text(cells.get("date"))
            date = self._date(table, row, "date", date_text) if date_text else None
            ok = ok and date is not None
            agency = self._text(cells.get("agency"))
            if agency is not None:
                agency = self._ref(table, row, "agency", agency, agencies, "agency")
                ok = ok and agency is not None
            type_text = self._text(cells.get("type"))
            entry_type = self._term(table, row, "type", "entry_types", type_text) if type_text else None
            ok = ok and entry_type is not None
            subjects, subjects_ok = self._subjects(table, row, cells.get("subjects"), people)
            ok = ok and subjects_ok
            risks = []
            for item in (part.strip() for piece in self._list(cells.get("risks")) for part in piece.split(",")):
                if not item:
                    continue
                term = self._term(table, row, "risks", "risks", item)
                ok = ok and term is not None
                if term is not None and term not in risks:
                    risks.append(term)
            fields["risks"] = tuple(risks)
            none_in, unknown_in = [], []
            for column in ("referred_to", "shared_with", "not_shared_with", "attendees", "unrecorded_by"):
                value = cells.get(column)
                if not value:
                    fields[column] = ()
                    continue
                seen = self._cells.get((column, value)) if isinstance(value, str) else None
                if seen is None:
                    before = len(self.problems)
                    refs = self._refs(value, agencies)
                    refs, word = self._said(table, row, column, refs, agencies)
                    found = [self._ref(table, row, column, ref, agencies, "agency") for ref in refs]
                    seen = (tuple(dict.fromkeys(f for f in found if f is not None)), word)
                    if len(self.problems) == before and isinstance(value, str):
                        self._cells[(column, value)] = seen
                    else:
                        ok = ok and None not in found
                fields[column], word = seen
                if word == NONE:
                    none_in.append(column)
                elif word == UNKNOWN:
                    unknown_in.append(column)
            recipients = {*fields["referred_to"], *fields["shared_with"], *fields["attendees"]}
            for ref in fields["unrecorded_by"]:
                if ref in agencies and ref not in recipients:
                    self._add(table.problem(f"{ref!r} is in unrecorded_by but is not a recipient of this entry "
                                            "(referred_to, shared_with or attendees)", row.number, "unrecorded_by",
                                            code="not-a-recipient"))
                    ok = False
            fields["received"] = self._receipts(table, row, cells.get("received"), agencies, recipients, date)
            ok = ok and fields["received"] is not None
            both = fields["received"] and fields["unrecorded_by"]
            for ref in sorted({r.agency for r in fields["received"]} & set(fields["unrecorded_by"])) if both else ():
                self._add(table.problem(f"agency {ref!r} is in both received and unrecorded_by", row.number,
                                        "unrecorded_by", code="received-and-unrecorded"))
                ok = False
            ok = self._optional_terms(table, row, (("risk_level", "risk_levels"), ("meeting_kind", "meeting_kinds")),
                                      fields) and ok
            if fields.get("meeting_kind") and entry_type not in (None, "meeting"):
                self._add(table.problem(f"meeting_kind is for meeting entries; this entry is a {entry_type}",
                                        row.number, "meeting_kind", code="meeting-kind-not-meeting"))
                ok = False
            clash = sorted(set(fields["shared_with"]) & set(fields["not_shared_with"])) if fields["not_shared_with"] else ()
            for ref in clash:
                self._add(table.problem(f"agency {ref!r} is in both shared_with and not_shared_with", row.number, "not_shared_with", code="shared-and-not-shared"))
                ok = False
            spoken, word = self._said(table, row, "spoken_to", self._refs(cells.get("spoken_to"), people), people)
            if word == NONE:
                none_in.append("spoken_to")
            elif word == UNKNOWN:
                unknown_in.append("spoken_to")
            fields["none_in"], fields["unknown_in"] = tuple(none_in), tuple(unknown_in)
            found = [self._ref(table, row, "spoken_to", ref, people, "person") for ref in spoken]
            ok = ok and None not in found
            fields["spoken_to"] = tuple(dict.fromkeys(f for f in found if f is not None))
            informant = self._text(cells.get("informant"))
            if informant is not None:
                informant = self._ref(table, row, "informant", informant, people, "person")
                ok = ok and informant is not None
                fields["informant"] = informant
            outcome = self._text(cells.get("outcome"))
            if outcome is not None:
                term = self._term(table, row, "outcome", "outcomes", outcome)
                ok = ok and term is not None
                fields["outcome"] = term
            found = [self._ref(table, row, "passes_on", ref, entry_names, "entry")
                     for ref in self._refs(cells.get("passes_on"), entry_names)]
            ok = ok and None not in found
            passes = list(dict.fromkeys(f for f in found if f is not None))
            fields["passes_on"] = tuple(passes)
            if date is not None:
                order_key[eid] = (date.day, position)
                pending_passes.append((row, eid, passes))
            summary = self._text(cells.get("summary"))
            if ok and agency is not None and summary is not None and subjects:
                # Every value is checked above: the model need not validate them again.
                fields.update(id=eid, date=date, agency=agency, type=entry_type, subjects=subjects,
                              summary=summary, position=position, source=self._text(cells.get("source")),
                              comment=self._text(cells.get("comment")), extra=self._extra(table, row),
                              origin=self._origin(table, row))
                entries.append(trusted(Entry, fields))
        for row, eid, passes in pending_passes:
            for ref in passes:
                if ref in order_key and order_key[ref] >= order_key[eid]:
                    where = "is this entry itself" if ref == eid else f"comes later in the order (row {first_row.get(ref)})"
                    self._add(table.problem(f"passes on {ref!r}, which {where}; passes_on must point to earlier entries",
                                            row.number, "passes_on", code="passes-on-forward"))
        return entries
