"""Redaction (``--redact``): people by role label, free text withheld, ids that could
carry a name replaced.

What a redacted output holds, and what it does not:

- **Persons** are shown by a label made from the review's own structure, never from a
  name: the review's subjects are ``Child 1``, ``Child 2``... (children on the day of the
  critical incident, or the end of the period) and ``Adult 1``...; the parents of a child
  are ``Mother``, ``Father`` or ``Parent`` (``Child 3's father`` where two would share a
  label); a subject's other children are ``Child N`` too; a child subject's brothers and
  sisters are ``Sibling``, ``Sibling 1``...; everyone else is named through the nearest
  labelled relative (``Mother's partner``, ``Adult 1's sister``, ``Mother's mother``); and
  people with no relationship by their role (``Professional``, ``Relative 2``,
  ``Other person``). Labels are worked out from people.csv, relationships.csv and the
  review's ``subjects``, in the order those files list them, so one review gets the same
  labels in every run and every format. Person ids are replaced by the labels too, in JSON
  as well.
- **Reviews** are ``review-1``, ``review-2``... in the order of the corpus (a review id is
  usually a name); **entries** are ``<review label>-<n>``, n the entry's data row in its
  chronology (as a default id would be), since an entry id may carry the review id.
- **Free text** that can hold names the data does not declare is withheld: entry
  summaries become ``[summary withheld: contact recorded by Police]``, review titles
  ``review-1 (scr, Luton; title withheld)``; comments and notes are never shown. A finding's
  sentence is worded afresh from the labels. Birth dates are shown as the year.
- **Kept**: dates, entry types, vocabulary terms, agency ids and names, areas, sources and
  the reasons of a score; in these, every declared name or person id (and each part of a
  full name such as "Mary Smith") is replaced by the person's label, whole words, any case.

It cannot find a name the data does not declare (a relative mentioned only in a source, a
practitioner's name inside an agency's name): redaction removes the names safegraph knows
about, it does not read free text for others, which is why that text is withheld.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable, Sequence

import networkx as nx

from ._dates import add_years
from ._knowledge import Knowledge, knowledge
from .graph import PERSON, REVIEW, nodes_of

# Words that describe a place in a family or a job, not a person: a name or id made only of
# these ("Mother", "older-siblings", "The parent") identifies nobody and is left as it is in
# kept text; a personal name's parts are not replaced when they are one of these.
GENERIC_WORDS = frozenset("""
the a an of and at in to s mr mrs ms miss dr
mother father parent parents mum dad mom step stepmother stepfather stepparent carer carers foster
sibling siblings brother brothers sister sisters half son sons daughter daughters child children baby
older younger elder eldest youngest middle first second third new former ex late
maternal paternal grandmother grandfather grandparent grandparents grandma grandad aunt uncle cousin
niece nephew husband wife partner partners boyfriend girlfriend fiance fiancee spouse family relative
relatives neighbour neighbours friend friends lodger adult person people subject victim perpetrator
unknown unnamed professional worker social police officer doctor nurse teacher school health visitor
midwife manager practitioner
""".split())

_SEP = re.compile(r"[-_\s]+")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Relationship edges, read from the person the label is for: (word, priority).
_RELATION_WORDS = {
    "parent": ("parent", 0), "child": ("child", 1), "sibling": ("sibling", 2), "partner": ("partner", 3),
    "ex_partner": ("ex-partner", 4), "carer": ("carer", 5), "cared_for": ("cared-for person", 6),
    "household": ("household member", 7), "relative": ("relative", 8),
}
_SEXED = {"parent": ("mother", "father"), "child": ("daughter", "son"), "sibling": ("sister", "brother")}
_BARE_PARENTS = {"parent": "Parent", "mother": "Mother", "father": "Father", "carer": "Carer"}
# Labels for people with no relationship to anyone labelled, by people.csv role.
_ROLE_LABELS = {"subject": "Subject", "parent": "Parent", "sibling": "Sibling", "child": "Other child",
                "partner": "Partner", "ex_partner": "Ex-partner", "relative": "Relative",
                "professional": "Professional"}


def _norm(text: str) -> str:
    """A name as a key: case folded, typographic apostrophes plain, separators as ``-``."""
    return _SEP.sub("-", text.strip().casefold().replace("’", "'"))


def _generic(text: str) -> bool:
    """True if ``text`` is made only of words for a family role or a job (see GENERIC_WORDS)."""
    words = [w for w in re.split(r"[^\w]+", text.lower().replace("'s", "")) if w]
    return all(w in GENERIC_WORDS or w.isdigit() for w in words)


def slug(label: str) -> str:
    """A label as an id: ``Adult 1's partner`` -> ``adult-1s-partner``."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("'", "").replace("’", "")).strip("-")


def person_labels(G: nx.MultiDiGraph, review: str, K: Knowledge | None = None) -> dict[str, str]:
    """Person id -> role label for ``review`` in ``G`` (see the module docstring).

    >>> from safegraph.testing import make_review
    >>> from safegraph.graph import build_graph
    >>> review = make_review([{"date": "2020-01-01", "agency": "police", "type": "incident", "subjects": "amy"}],
    ...     people=[{"id": "amy", "name": "Amy", "role": "subject", "child": "yes"},
    ...             {"id": "jo", "name": "Jo", "sex": "f"},
    ...             {"id": "sam", "name": "Sam", "sex": "m"}, {"id": "kim", "name": "Kim", "role": "professional"}],
    ...     relationships=["jo parent_of amy", "sam partner_of jo"])
    >>> person_labels(build_graph(review), review.id)
    {'amy': 'Child 1', 'jo': 'Mother', 'sam': "Mother's partner", 'kim': 'Professional'}
    """
    keys = nodes_of(G, PERSON, review)
    props = {k[2]: G.nodes[k] for k in keys}
    people = sorted(props, key=lambda p: (props[p].get("row") or 0, p))
    node = G.nodes[(REVIEW, review, review)]
    K = K or knowledge(G, review)
    day = K.incident

    def is_child(p: str) -> bool:
        born = props[p].get("born")
        if born is not None and day is not None:
            return day < add_years(born, 18)
        if props[p].get("child") is not None:
            return bool(props[p]["child"])
        return props[p].get("role") == "child"

    def sexed(kind: str, p: str) -> str:
        word = _RELATION_WORDS[kind][0]
        sex = props[p].get("sex")
        if kind in _SEXED and sex in ("f", "m"):
            return _SEXED[kind][0 if sex == "f" else 1]
        return word

    # Each person's relations, read from them: (other person, kind).
    related: dict[str, list[tuple[str, str]]] = {p: [] for p in people}
    for k in keys:
        for _, v, rtype in G.out_edges(k, keys=True):
            if v[0] != PERSON or v[2] not in related or v[2] == k[2]:
                continue
            a, b = k[2], v[2]
            if rtype == "PARENT_OF":
                related[a].append((b, "parent"))
                related[b].append((a, "child"))
            elif rtype == "CARER_OF":
                related[a].append((b, "carer"))
                related[b].append((a, "cared_for"))
            else:
                kind = {"SIBLING_OF": "sibling", "PARTNER_OF": "partner", "EX_PARTNER_OF": "ex_partner",
                        "HOUSEHOLD_MEMBER": "household"}.get(rtype, "relative")
                related[a].append((b, kind))
                related[b].append((a, kind))

    labels: dict[str, str] = {}
    used: set[str] = set()
    subjects = [p for p in dict.fromkeys(node.get("subjects") or ()) if p in props]
    if not subjects:
        subjects = [p for p in people if props[p].get("role") == "subject"]
    child_subjects = {p for p in subjects if is_child(p)}
    adult_subjects = set(subjects) - child_subjects
    counts = {"Child": 0, "Adult": 0}

    def take(label: str) -> str:
        final, n = label, 1
        while final in used:
            n += 1
            final = f"{label} {n}"
        used.add(final)
        return final

    def numbered(prefix: str) -> str:
        counts[prefix] += 1
        return take(f"{prefix} {counts[prefix]}")

    for p in subjects:
        labels[p] = numbered("Child" if p in child_subjects else "Adult")
    child_labelled = set(child_subjects)
    rank = {p: i for i, p in enumerate(subjects)}

    while True:
        # The next layer: everyone related to someone labelled, through their best relation.
        layer: dict[str, tuple] = {}
        for p in people:
            if p in labels:
                continue
            best = None
            for other, kind in related[p]:
                if other not in labels:
                    continue
                if kind in ("parent", "carer") and other in child_labelled:
                    word = sexed(kind, p)
                    choice = (0, rank[other], _BARE_PARENTS[word], f"{labels[other]}'s {word}")
                elif kind == "child" and other in adult_subjects:
                    choice = (1, rank[other], "Child", None)
                elif kind == "sibling" and other in child_subjects:
                    choice = (2, rank[other], "Sibling", None)
                else:
                    choice = (3 + _RELATION_WORDS[kind][1], rank[other], f"{labels[other]}'s {sexed(kind, p)}", None)
                if best is None or choice[:2] < best[:2]:
                    best = choice
            if best is not None:
                layer[p] = best
        if not layer:
            break
        groups: dict[str, list[str]] = {}
        for p in layer:
            groups.setdefault(layer[p][2], []).append(p)
        for base, members in groups.items():
            for i, p in enumerate(members, start=1):
                if base == "Child":
                    labels[p] = numbered("Child")
                    child_labelled.add(p)
                elif len(members) == 1:
                    labels[p] = take(base)
                elif layer[p][3] is not None and len({layer[q][3] for q in members}) == len(members):
                    labels[p] = take(layer[p][3])
                else:
                    labels[p] = take(f"{base} {i}")
        start = len(rank)
        for i, p in enumerate(p for p in people if p in layer):
            rank[p] = start + i

    # Nobody labelled is related to them: their role says what they are.
    rest = [p for p in people if p not in labels]
    bases = {}
    for p in rest:
        role = props[p].get("role")
        bases[p] = _ROLE_LABELS.get(role) or ("Other child" if is_child(p) else "Other person")
    for p in rest:
        same = [q for q in rest if bases[q] == bases[p]]
        labels[p] = take(bases[p] if len(same) == 1 else f"{bases[p]} {same.index(p) + 1}")
    return {p: labels[p] for p in people}


class _Scrubber:
    """Replaces every declared name and person id in a text by the person's label."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        # (text as declared, label); the longest first, so "jila-ex-boyfriend" wins over "jila".
        replace: dict[str, str] = {}
        for text, label in names:
            key = _norm(text)
            if key and not _generic(text):
                replace.setdefault(key, label)
        self.replace = replace
        parts = sorted(replace, key=len, reverse=True)
        alternatives = ["[-_\\s]+".join(re.escape(t).replace("'", "['’]") for t in key.split("-")) for key in parts]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I) if parts else None

    def __call__(self, text: str, as_id: bool = False) -> str:
        if not text or self.pattern is None:
            return text
        # A match the key does not give back (an odd case folding) is still a name.
        if as_id:
            return self.pattern.sub(lambda m: slug(self.replace.get(_norm(m.group()), "name")), text)
        return self.pattern.sub(lambda m: self.replace.get(_norm(m.group()), "[name]"), text)


class Redactor:
    """Labels and withheld text for the reviews of a graph, numbered in ``order`` (the
    corpus's order of reviews, so a review keeps its label whatever subset is shown)."""

    NOTE = ("Redacted: people are shown by role labels, reviews and entries by numbers; summaries and titles are "
            "withheld; dates, agencies and sources are kept.")

    def __init__(self, G: nx.MultiDiGraph, order: Sequence[str] | None = None):
        self.G = G
        order = list(order) if order is not None else list(G.graph.get("reviews") or [])
        self._number = {r: i for i, r in enumerate(order, start=1)}
        self._people: dict[str, dict[str, str]] = {}
        self._scrubbers: dict[str, _Scrubber] = {}
        self._agency_names: dict[tuple[str, str], str] = {}
        self._summaries: dict[tuple[str, str], str] = {}

    # -- labels ------------------------------------------------------------------------

    def review(self, review: str) -> str:
        if review not in self._number:
            self._number[review] = len(self._number) + 1
        return f"review-{self._number[review]}"

    def people(self, review: str) -> dict[str, str]:
        if review not in self._people:
            self._people[review] = person_labels(self.G, review)
        return self._people[review]

    def person(self, review: str, person: str) -> str:
        return self.people(review).get(person) or "Unknown person"

    def entry(self, review: str, entry: str) -> str:
        props = self.G.nodes.get(("Entry", review, entry)) or {}
        return f"{self.review(review)}-{props.get('position', '?')}"

    # -- kept text ---------------------------------------------------------------------

    def _scrubber(self, review: str) -> _Scrubber:
        if review not in self._scrubbers:
            labels = self.people(review)
            pairs: list[tuple[str, str]] = []
            part_owner: dict[str, set[str]] = {}
            for person, label in labels.items():
                props = self.G.nodes[(PERSON, review, person)]
                name = props.get("name") or ""
                pairs += [(person, label), (name, label)]
                for part in _name_parts(name):
                    part_owner.setdefault(_norm(part), set()).add(label)
            pairs += [(part, owners.pop() if len(owners) == 1 else "[name]") for part, owners in part_owner.items()]
            self._scrubbers[review] = _Scrubber(pairs)
        return self._scrubbers[review]

    def scrub(self, review: str, text: str | None) -> str:
        """``text`` with every declared name and person id of ``review`` replaced by a label."""
        return self._scrubber(review)(text or "")

    def scrub_id(self, review: str, ident: str) -> str:
        """An id (an agency's) with any name or person id in it replaced by a label's slug."""
        return self._scrubber(review)(ident, as_id=True)

    def agency_name(self, review: str, agency: str) -> str:
        key = (review, agency)
        if key not in self._agency_names:
            self._agency_names[key] = self.scrub(review, knowledge(self.G, review).agency_name(agency))
        return self._agency_names[key]

    # -- withheld text -----------------------------------------------------------------

    def title(self, review: str) -> str:
        node = self.G.nodes[(REVIEW, review, review)]
        what = ", ".join(self.scrub(review, v) for v in (node.get("kind") or "review", node.get("area")) if v)
        return f"{self.review(review)} ({what}; title withheld)"

    def summary(self, review: str, entry: str) -> str:
        """What an entry's summary is replaced by: its type and recording agency."""
        key = (review, entry)
        if key not in self._summaries:
            K = knowledge(self.G, review)
            self._summaries[key] = (f"[summary withheld: {K.entry[entry]['type']} recorded by "
                                    f"{self.agency_name(review, K.recorder[entry])}]")
        return self._summaries[key]

    def born(self, text: str | None) -> str | None:
        """A birth date as its year (with the ``?`` of an uncertain date)."""
        if not text:
            return text
        m = re.match(r"\??[0-9]{4}", text)
        return m.group() if m else None

    # -- findings ----------------------------------------------------------------------

    def lookup(self, review: str) -> "_Lookup":
        return _Lookup(knowledge(self.G, review), self)

    def finding(self, f):
        """A copy of finding ``f`` with labels for ids, worded afresh from the labels."""
        from .gaps import get_query

        K = knowledge(self.G, f.review)
        summary = get_query(f.query).describe(f, self.lookup(f.review))

        def detail(item: str) -> str:
            if item in K.person:
                return self.person(f.review, item)
            if item in K.entry:
                return self.entry(f.review, item)
            if item in K.agency:
                return self.scrub_id(f.review, item)
            if "|" in item and all(part in K.agency for part in item.split("|")):
                return "|".join(self.scrub_id(f.review, part) for part in item.split("|"))
            return self.scrub(f.review, item)

        return dataclasses.replace(
            f, review=self.review(f.review), summary=summary,
            persons=[self.person(f.review, p) for p in f.persons],
            agencies=[self.scrub_id(f.review, a) for a in f.agencies],
            events=[self.entry(f.review, e) for e in f.events],
            groups=None if f.groups is None else {k: [self.scrub_id(f.review, a) for a in v]
                                                  for k, v in f.groups.items()},
            detail=None if f.detail is None else [detail(d) if isinstance(d, str) else d for d in f.detail],
            reasons=[self.scrub(f.review, r) for r in f.reasons])


def _name_parts(name: str) -> list[str]:
    """The parts of a full personal name ("Mary Smith"), each of which names the person:
    only where every word is capitalised, none is a family or job word, and there are two
    or more."""
    words = _TOKEN.findall(name)
    if len(words) < 2 or len(words) != len(name.split()):
        return []
    if not all(w[0].isupper() and len(w) >= 3 and w.lower() not in GENERIC_WORDS for w in words):
        return []
    return words


class _Lookup:
    """A finding's words (gaps/_finding.Lookup) with labels for people and scrubbed agency
    names; everything else as the review's index has it."""

    def __init__(self, K: Knowledge, redactor: Redactor):
        self._K = K
        self._r = redactor

    def person_name(self, person: str) -> str:
        return self._r.person(self._K.review, person)

    def agency_name(self, agency: str) -> str:
        return self._r.agency_name(self._K.review, agency)

    def agency_area(self, agency: str) -> str:
        return self._r.scrub(self._K.review, self._K.agency_area(agency))

    def __getattr__(self, name):
        return getattr(self._K, name)


__all__ = ["GENERIC_WORDS", "Redactor", "person_labels", "slug"]
