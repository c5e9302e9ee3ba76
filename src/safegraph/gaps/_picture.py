"""An agency's missing picture of a family: what unshared-risk and unlinked-family-risk share.

For each agency and family, the entries the agency never came to know, split into those
about the people it worked with (unshared-risk) and those about other members of the
family (unlinked-family-risk). Both queries read one computation, so an entry is never
reported by both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._knowledge import Knowledge


@dataclass
class Picture:
    """One agency's missing picture of one family."""

    own: list[str] = field(default_factory=list)
    """Entries about people the agency worked with, dated while it did, that it lacked."""
    own_persons: set[str] = field(default_factory=set)
    relatives: list[str] = field(default_factory=list)
    """Entries about other members of the family, dated while it worked with someone in
    the family, that it lacked."""
    relatives_persons: set[str] = field(default_factory=set)
    """The people the agency worked with, for whom those relatives' entries mattered."""


def missing_pictures(K: Knowledge, contact_days: int) -> dict[tuple[str, frozenset[str]], Picture]:
    """(agency, family) -> its missing picture, computed once per index and parameter.

    An entry counts when it records risks, or when the review states it was not shared
    with the agency (a stated non-share is always reported, whatever its date). Meetings
    are left to unshared-meeting-outcome.
    """
    cache = K.__dict__.setdefault("_pictures", {})
    if contact_days in cache:
        return cache[contact_days]
    out: dict[tuple[str, frozenset[str]], Picture] = {}
    # What does not depend on the agency, once per entry: its day, whether it records
    # risks, and its people grouped by family (an entry about people in two families
    # belongs to each family's picture).
    candidates = []
    for e in K.order:
        props = K.entry[e]
        if props["type"] == "meeting" or not (props.get("risks") or K.not_shared_with[e]):
            continue
        about = K.about[e]
        by_family = [(family, [p for p in about if p in family])
                     for family in dict.fromkeys(K.family(p) for p in about)]
        candidates.append((e, props["date"], bool(props.get("risks")), about, by_family))
    for agency in K.agencies:
        people = K.involved_with.get(agency, {})
        not_told = K.not_told.get(agency, frozenset())
        for e, day, risky, about, by_family in candidates:
            if agency in K.known[e]:
                continue
            stated = e in not_told
            if not risky and not stated:
                continue
            for family, members in by_family:
                own = [p for p in members if p in people and (stated or people[p].covers(day, contact_days))]
                if own:
                    picture = _picture(out, agency, family)
                    picture.own.append(e)
                    picture.own_persons.update(own)
                    continue
                anchors = [p for p in people if p in family and p not in about
                           and (stated or people[p].covers(day, contact_days))]
                if anchors:
                    picture = _picture(out, agency, family)
                    picture.relatives.append(e)
                    picture.relatives_persons.update(anchors)
                elif stated:
                    # Stated, but the agency worked with nobody in the family: still reported.
                    picture = _picture(out, agency, family)
                    picture.own.append(e)
                    picture.own_persons.update(members)
    cache[contact_days] = out
    return out


def _picture(out: dict, agency: str, family: frozenset[str]) -> Picture:
    """The agency's picture of the family in ``out``, new if it has none yet."""
    if (agency, family) not in out:
        out[(agency, family)] = Picture()
    return out[(agency, family)]
