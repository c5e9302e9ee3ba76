"""The controlled vocabularies, loaded once from the YAML files shipped in ``vocab/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Relation:
    """A family relation: its graph edge and whether it holds both ways."""

    name: str
    description: str
    edge: str
    symmetric: bool


@dataclass(frozen=True)
class Vocabulary:
    """One controlled vocabulary: its terms, each with a one-line description."""

    name: str
    terms: dict[str, str]
    properties: dict[str, dict] = field(default_factory=dict)
    """Term -> the term's other keys in the file (severity, expected invitees, ...)."""

    def __contains__(self, term: object) -> bool:
        return term in self.terms

    def __iter__(self):
        return iter(self.terms)

    def normalise(self, text: str) -> str | None:
        """Return the term matching ``text`` (trimmed, any case), or None."""
        term = text.strip().lower()
        return term if term in self.terms else None


VOCABULARY_NAMES = (
    "review_kinds",
    "person_roles",
    "sexes",
    "relations",
    "agency_types",
    "entry_types",
    "subject_roles",
    "risks",
    "outcomes",
    "risk_levels",
    "meeting_kinds",
    "involvement_kinds",
    "expected_actions",
)


def _read(name: str) -> dict:
    text = resources.files("safegraph.vocab").joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def vocabulary(name: str) -> Vocabulary:
    """Return the vocabulary called ``name`` (one of VOCABULARY_NAMES)."""
    data = _read(name)
    terms = {
        term: (value["description"] if isinstance(value, dict) else value)
        for term, value in data.items()
    }
    properties = {term: {k: v for k, v in value.items() if k != "description"}
                  for term, value in data.items() if isinstance(value, dict)}
    return Vocabulary(name, terms, properties)


def term_property(vocab: str, term: str | None, key: str, default=None):
    """A property of a vocabulary term (``severity`` of a risk, ``episodic`` of an
    agency type), or ``default`` where the term or the property is not there."""
    return vocabulary(vocab).properties.get(term or "", {}).get(key, default)


def agency_types_with(key: str) -> frozenset[str]:
    """The agency types whose property ``key`` is true (``universal``, ``episodic``, ...)."""
    return frozenset(t for t in vocabulary("agency_types") if term_property("agency_types", t, key))


@cache
def relations() -> dict[str, Relation]:
    """Return the family relations with their graph edges."""
    return {
        name: Relation(name, spec["description"], spec["edge"], bool(spec["symmetric"]))
        for name, spec in _read("relations").items()
    }
