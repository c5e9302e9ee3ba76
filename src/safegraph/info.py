"""What a review holds, at a glance: the data behind ``safegraph info``."""

from __future__ import annotations

from collections import Counter

from ._redact import Redactor
from ._text import table, terminal
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


def redact(summary: dict, redactor: Redactor) -> dict:
    """``describe``'s summary with people by label (no names, birth dates as years), the
    title withheld, names in agency names and areas replaced, and ``"redacted": true``."""
    rid = summary["review"]
    person = lambda p: redactor.person(rid, p)  # noqa: E731
    agency = lambda a: redactor.scrub_id(rid, a)  # noqa: E731
    return {
        "review": redactor.review(rid),
        "redacted": True,
        "title": "[title withheld]",
        "kind": summary["kind"],
        "area": redactor.scrub(rid, summary["area"]) or None,
        "people": sorted(({"id": person(p["id"]), "name": person(p["id"]), "role": p["role"],
                           "born": redactor.born(p["born"])} for p in summary["people"]), key=lambda p: p["id"]),
        "relationships": sorted([person(a), relation, person(b)] for a, relation, b in summary["relationships"]),
        "agencies": [{"id": agency(a["id"]), "name": redactor.scrub(rid, a["name"]), "type": a["type"],
                      "area": redactor.scrub(rid, a["area"]) or None} for a in summary["agencies"]],
        "entries": summary["entries"],
        "entries_by_type": summary["entries_by_type"],
        "entries_by_agency": {agency(a): n for a, n in summary["entries_by_agency"].items()},
        "first": summary["first"],
        "last": summary["last"],
    }


def to_text(summaries: list[dict]) -> str:
    """The text of ``safegraph info``; every piece of data shown through ``_text.terminal``."""
    out = []
    for s in summaries:
        redacted = s.get("redacted", False)
        out.append(f"{terminal(s['review'])}: {terminal(s['title'])}")
        if redacted:
            out.append(f"  {Redactor.NOTE}")
        out.append(f"  kind {terminal(s['kind'] or '-')}, area {terminal(s['area'] or '-')}, entries {s['entries']} "
                   f"from {terminal(s['first'] or '-')} to {terminal(s['last'] or '-')}")
        out.append(f"\nPeople ({len(s['people'])})")
        if redacted:
            out.append(table(["person", "role", "born"], [[p["id"], p["role"] or "", p["born"] or ""]
                                                           for p in s["people"]]))
        else:
            out.append(table(["id", "role", "born", "name"],
                             [[p["id"], p["role"] or "", p["born"] or "", p["name"]] for p in s["people"]]))
        out.append(f"\nRelationships ({len(s['relationships'])})")
        for person, relation, other in s["relationships"]:
            out.append(f"  {terminal(person)} {terminal(relation)} {terminal(other)}")
        out.append(f"\nAgencies ({len(s['agencies'])})")
        by_agency = s["entries_by_agency"]
        out.append(table(["id", "type", "area", "entries", "name"],
                         [[a["id"], a["type"], a["area"] or "", str(by_agency.get(a["id"], 0)), a["name"]]
                          for a in s["agencies"]]))
        out.append("\nEntries by type")
        for kind, count in s["entries_by_type"].items():
            out.append(f"  {terminal(kind):<12} {count}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
