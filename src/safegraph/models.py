"""The records a review is made of: review, person, relationship, agency and entry.

Models are built by the loaders (see ``safegraph.load``) after every cell has been
checked, so a model always holds clean values: ids are slugs, terms come from the
vocabularies, dates are parsed. Each record keeps its provenance (file and row).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ._dates import PartialDate


class Origin(BaseModel):
    """Where a record was read from: the file (and sheet) and its row."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str | None = None
    row: int | None = None
    """The spreadsheet row (the header is row 1), or the item number in YAML/JSON."""

    def __str__(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}, sheet {self.sheet}"
        return where if self.row is None else f"{where} row {self.row}"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    extra: dict[str, str] = Field(default_factory=dict)
    """Columns the format does not define, kept as written."""
    origin: Origin | None = None


class Person(_Record):
    """Someone in the review. Names live here and nowhere else."""

    id: str
    name: str
    role: str | None = None
    sex: str | None = None
    born: PartialDate | None = None
    child: bool | None = None
    ethnicity: str | None = None
    notes: str | None = None


class Relationship(_Record):
    """A family or household relation between two people."""

    person: str
    relation: str
    other: str
    notes: str | None = None


class Agency(_Record):
    """An agency whose records make up part of the chronology."""

    id: str
    name: str
    type: str
    area: str | None = None
    """As written; several areas are separated by ``;`` (see ``areas``)."""
    part_of: str | None = None
    """The id of the organisation (another agency) this one is a unit of."""
    involvement: str | None = None
    """``ongoing`` or ``episodic`` as written; None takes the default of the type."""

    @property
    def areas(self) -> frozenset[str]:
        """The areas served, trimmed and lower-cased; empty where not recorded."""
        return frozenset(a.strip().lower() for a in (self.area or "").split(";") if a.strip())


class Receipt(BaseModel):
    """When a recipient actually received an entry (``received`` column)."""

    model_config = ConfigDict(frozen=True)

    agency: str
    date: PartialDate


class Subject(BaseModel):
    """A person an entry is about, with their part in it."""

    model_config = ConfigDict(frozen=True)

    person: str
    role: str = "subject"


class Entry(_Record):
    """One dated row of the combined chronology."""

    id: str
    date: PartialDate
    agency: str
    type: str
    subjects: tuple[Subject, ...]
    summary: str
    position: int
    """The entry's place in its file (1 for the first data row)."""
    risks: tuple[str, ...] = ()
    referred_to: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()
    not_shared_with: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    passes_on: tuple[str, ...] = ()
    outcome: str | None = None
    spoken_to: tuple[str, ...] = ()
    informant: str | None = None
    source: str | None = None
    comment: str | None = None
    risk_level: str | None = None
    meeting_kind: str | None = None
    received: tuple[Receipt, ...] = ()
    unrecorded_by: tuple[str, ...] = ()
    none_in: tuple[str, ...] = ()
    """Columns written as ``none`` (nobody), e.g. ``("spoken_to",)``."""
    unknown_in: tuple[str, ...] = ()
    """Columns written as ``unknown`` (not recorded, said on purpose)."""

    @property
    def about(self) -> tuple[str, ...]:
        """The ids of the persons the entry is about, in the order written."""
        return tuple(s.person for s in self.subjects)

    @property
    def recipients(self) -> tuple[str, ...]:
        """Agencies that received the entry: referred to, shared with, or present."""
        seen: dict[str, None] = {}
        for agency in (*self.referred_to, *self.shared_with, *self.attendees):
            seen.setdefault(agency)
        return tuple(seen)


class Episode(BaseModel):
    """A key practice episode the review names (review.yaml ``episodes``, format v2): a
    stretch of the chronology a learning event steps through as one."""

    model_config = ConfigDict(frozen=True)

    label: str
    start: PartialDate
    end: PartialDate


class Review(_Record):
    """A whole review: its metadata and its people, relationships, agencies and entries."""

    id: str
    title: str
    kind: str | None = None
    area: str | None = None
    published: str | None = None
    period_start: PartialDate | None = None
    period_end: PartialDate | None = None
    incident: PartialDate | None = None
    subjects: tuple[str, ...] = ()
    source: str | None = None
    episodes: tuple[Episode, ...] = ()
    themes: tuple[str, ...] = ()
    """The review's themes (format v2), terms of the ``themes`` vocabulary."""
    people: tuple[Person, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    agencies: tuple[Agency, ...] = ()
    entries: tuple[Entry, ...] = ()
    path: str | None = None
    """The file or folder the review was loaded from."""


class Corpus(BaseModel):
    """The reviews loaded from one path: a single review or a folder of reviews."""

    model_config = ConfigDict(frozen=True)

    reviews: tuple[Review, ...]
    warnings: tuple = ()
    """Problems of severity ``warning`` found while loading (see ``safegraph.Problem``)."""
    skipped: tuple = ()
    """(the review's path as shown, its problems) for each review ``load(...,
    skip_invalid=True)`` left out."""

    def review(self, review_id: str) -> Review:
        for review in self.reviews:
            if review.id == review_id:
                return review
        raise KeyError(review_id)


def trusted(cls: type[BaseModel], values: dict) -> BaseModel:
    """An instance of ``cls`` from values the loader has already checked and converted,
    without validating them again: what ``cls.model_construct(**values)`` gives (the same
    fields, defaults and fields-set), at a fraction of its cost, which matters for the
    hundreds of thousands of entries of a corpus.

    Only for the models here, which have no aliases, private attributes or post-init.
    """
    blank, factories = _TEMPLATES.get(cls) or _template(cls)
    fields = blank.copy()
    fields.update(values)
    for name, factory in factories:
        if name not in values:
            fields[name] = factory()
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", fields)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


_TEMPLATES: dict[type, tuple[dict, list]] = {}


def _template(cls: type[BaseModel]) -> tuple[dict, list]:
    """Every field of ``cls`` in order with its default (None where it has none or a
    factory), and the fields whose default is made by a factory."""
    assert not cls.__pydantic_post_init__ and not cls.__private_attributes__
    blank, factories = {}, []
    for name, field in cls.model_fields.items():
        assert field.alias is None and field.validation_alias is None
        if field.default_factory is not None:
            factories.append((name, field.default_factory))
        blank[name] = None if field.is_required() or field.default_factory is not None else field.default
    _TEMPLATES[cls] = blank, factories
    return blank, factories
