"""What a review holds, at a glance: the data behind ``safegraph info``."""

from __future__ import annotations

from collections import Counter

from .graph import entry_order
from .models import Review


def describe(review: Review) -> dict:
    """A plain summary of ``review``: people, relationships, agencies, entry counts by
    type and by agency, and the span of dates (as written)."""
    people = {p.id: p for p in review.people}
    agencies = {a.id: a for a in review.agencies}
    ordered = entry_order(review.entries)
    return {
        "review": review.id,
        "title": review.title,
        "kind": review.kind,
        "area": review.area,
        "people": [{"id": p.id, "name": p.name, "role": p.role, "born": str(p.born) if p.born else None}
                   for p in sorted(people.values(), key=lambda p: p.id)],
        "relationships": sorted([r.person, r.relation, r.other] for r in review.relationships),
        "agencies": [{"id": a.id, "name": a.name, "type": a.type, "area": a.area}
                     for a in sorted(agencies.values(), key=lambda a: a.id)],
        "entries": len(review.entries),
        "entries_by_type": dict(sorted(Counter(e.type for e in review.entries).items())),
        "entries_by_agency": dict(sorted(Counter(e.agency for e in review.entries).items())),
        "first": ordered[0].date.text if ordered else None,
        "last": ordered[-1].date.text if ordered else None,
    }
