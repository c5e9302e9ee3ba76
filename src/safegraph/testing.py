"""Build small reviews in a few lines, for doctests, tests and experiments.

Everything goes through the real loader, so a review made here is checked exactly as a
file would be.
"""

from __future__ import annotations

from ._load import review_from_dict
from .graph import build_graph
from .models import Review


def make_review(entries: list[dict], *, people: list | None = None, agencies: list | None = None,
                relationships: list[str] = (), review: str = "r", area: str | None = None) -> Review:
    """Make a review from entry mappings, filling in what a test does not care about.

    ``people`` are ids or mappings (default: everyone the entries name); ``agencies`` are
    ids, ``id@area`` strings or mappings (default: every agency the entries name, type
    ``other``); ``relationships`` are ``"a parent_of b"`` strings. An entry needs
    ``date``, ``agency`` and ``subjects``; ``type`` defaults to ``contact``, ``summary``
    to its id, ``id`` to ``e1``, ``e2``... by position.

    >>> r = make_review([{"date": "2020-01-01", "agency": "police", "subjects": "amy"}])
    >>> [e.id for e in r.entries], [p.id for p in r.people], [a.type for a in r.agencies]
    (['e1'], ['amy'], ['other'])
    """
    rows = []
    named_people: dict[str, None] = {}
    named_agencies: dict[str, None] = {}
    for n, given in enumerate(entries, start=1):
        row = {"id": f"e{n}", "type": "contact", **given}
        row.setdefault("summary", row["id"])
        rows.append(row)
        for column in ("subjects", "spoken_to", "informant"):
            for item in _items(row.get(column)):
                named_people.setdefault(item.split(":")[0].strip())
        for column in ("agency", "referred_to", "shared_with", "not_shared_with", "attendees"):
            for item in _items(row.get(column)):
                named_agencies.setdefault(item)
    for rel in relationships:
        person, _, other = rel.split()
        named_people.setdefault(person)
        named_people.setdefault(other)
    people_rows = [p if isinstance(p, dict) else {"id": p} for p in (people or list(named_people))]
    for p in people_rows:
        p.setdefault("name", p["id"].title())
    agency_rows = []
    for a in agencies or list(named_agencies):
        if isinstance(a, dict):
            agency_rows.append({"type": "other", "name": a["id"], **a})
        else:
            aid, _, agency_area = a.partition("@")
            agency_rows.append({"id": aid, "name": aid, "type": "other", "area": agency_area or None})
    data = {
        "review": {"id": review, "title": f"Review {review}", "area": area},
        "people": people_rows,
        "relationships": [dict(zip(("person", "relation", "other"), r.split())) for r in relationships],
        "agencies": agency_rows,
        "chronology": rows,
    }
    return review_from_dict(data, name=f"<review {review}>")


def make_graph(entries: list[dict], **kwargs):
    """``build_graph(make_review(...))``: the graph of a small review."""
    return build_graph(make_review(entries, **kwargs))


def _items(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v.strip() for v in str(value).split(";") if v.strip()]
