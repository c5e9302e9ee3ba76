"""The controlled vocabularies, loaded once from the YAML files shipped in ``vocab/``."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import yaml

_SEPARATORS = re.compile(r"[\s\-/]+")


@lru_cache(maxsize=1 << 14)
def term_key(text: str) -> str:
    """A term as typed, reduced to how terms are spelt: lower case, apostrophes dropped,
    spaces, hyphens and slashes as underscores (``Partner of`` -> ``partner_of``,
    ``Children's Social Care`` -> ``childrens_social_care``).

    >>> term_key("  Ex-Partner of ")
    'ex_partner_of'
    """
    text = text.strip().lower().replace("’", "").replace("'", "")
    return _SEPARATORS.sub("_", text).strip("_")


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
    aliases: dict[str, str] = field(default_factory=dict)
    """Another word for a term, as its key (``mother`` -> ``parent``): words a reviewer
    types that mean exactly the term."""

    def __contains__(self, term: object) -> bool:
        return term in self.terms

    def __iter__(self):
        return iter(self.terms)

    def normalise(self, text: str) -> str | None:
        """Return the term ``text`` means: the term itself or one of its aliases, ignoring
        case, apostrophes, and spaces, hyphens or underscores between words; None if none.

        >>> vocabulary("relations").normalise("Partner of"), vocabulary("person_roles").normalise("Mother")
        ('partner_of', 'parent')
        """
        key = term_key(text)
        if key in self.terms:
            return key
        return self.aliases.get(key)

    def suggest(self, text: str) -> str | None:
        """A term ``text`` is probably a misspelling of, or None: only a close spelling
        that starts with the same letter and is about as long, so that a different word
        which happens to look alike (``Mother``, ``other``) is never offered."""
        key = term_key(text)
        words = list(self.terms) + list(self.aliases)
        for match in difflib.get_close_matches(key, words, n=3, cutoff=0.8):
            if match[:1] == key[:1] and abs(len(match) - len(key)) <= 2:
                return self.aliases.get(match, match)
        return None


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
    "themes",
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
    aliases = {term_key(alias): term for term, props in properties.items() for alias in props.get("aliases", ())}
    return Vocabulary(name, terms, properties, aliases)


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
