"""No finding contradicts the data: an agency reported as lacking an entry never recorded
it, received it (referred, shared, attended) or had it passed on to it.

Checked against an independent reading of the entries (not the knowledge index) on every
example review and on synthetic reviews.
"""

import pytest

import safegraph
from safegraph.synthetic import synthetic_review

from conftest import EXAMPLES

LACKING = {"unshared-meeting-outcome", "unshared-risk", "unlinked-family-risk", "decision-without-history"}


def reached(review):
    """(agency, entry) -> the positions in the order at which the agency had the entry."""
    ordered = sorted(review.entries, key=lambda e: (e.date.day, e.position))
    place = {e.id: i for i, e in enumerate(ordered)}
    by_id = {e.id: e for e in ordered}

    def carried(entry, seen):
        for earlier in by_id[entry].passes_on:
            if earlier not in seen:
                seen.add(earlier)
                carried(earlier, seen)
        return seen

    got = {}
    for e in ordered:
        for agency in {e.agency, *e.referred_to, *e.shared_with, *e.attendees}:
            for entry in {e.id} | carried(e.id, set()):
                got.setdefault((agency, entry), []).append(place[e.id])
    return got, place


def reviews():
    out = list(safegraph.load(EXAMPLES).reviews)
    out += [safegraph.review_from_dict(synthetic_review(f"syn-{n}", 400, seed=n)) for n in range(3)]
    return out


@pytest.mark.parametrize("review", reviews(), ids=lambda r: r.id)
def test_no_agency_is_said_to_lack_what_it_had(review):
    got, place = reached(review)
    findings = [f for f in safegraph.find_gaps(review) if f.query in LACKING]
    assert findings or review.id == "child-m"  # the thematic review has no gaps to find
    for f in findings:
        agency = f.agencies[0]
        if f.query == "decision-without-history":
            decision, lacked = f.events[0], f.events[1:]
            for entry in lacked:
                assert all(p > place[decision] for p in got.get((agency, entry), [])), (f, entry)
        else:
            for entry in f.events:
                assert (agency, entry) not in got, (f, entry)
