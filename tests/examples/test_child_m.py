"""Acceptance tests for examples/child-m, the thematic Luton SCR into the death of Child M.

The report publishes almost no chronology. These tests check that what it does publish loads
as written, and that the gap queries stay silent on it.
"""

from pathlib import Path

import pytest

from safegraph import find_gaps, load

EXAMPLE = Path(__file__).parents[2] / "examples" / "child-m"


@pytest.fixture(scope="module")
def corpus():
    return load(EXAMPLE)


@pytest.fixture(scope="module")
def findings(corpus):
    return find_gaps(corpus)


def test_loads_with_the_published_metadata_and_counts(corpus):
    """Sections 1 and 2: a Luton SCR about Child M, who took her own life in 2017.

    The report names no failure between agencies in Child M's own case that data could
    honestly carry. Its findings (3.50, 3.53, 3.54, 3.62) describe Luton practice in general:
    - agencies working in isolation;
    - information held in separate pockets;
    - referrers assuming others act once a referral is passed on;
    - reluctance to share attributed to GDPR.

    None names a dated event, an agency that was not told, or a piece of information about
    Child M. So this test checks what the data can hold: the metadata, five dated facts
    (her death under CAMHS, and four review-process steps), three people and twelve
    agencies."""
    [review] = corpus.reviews
    assert review.id == "child-m"
    assert review.kind == "scr"
    assert review.area == "Luton"
    assert list(review.subjects) == ["child-m"]
    assert review.published is None
    assert review.period_start is None and review.period_end is None
    assert len(review.entries) == 5
    assert len(review.people) == 3
    assert len(review.agencies) == 12
    death = review.entries[0]
    assert (death.id, death.date.text, death.agency, death.type) == ("child-m-1", "2017", "camhs", "death")
    assert review.entries[-1].date.text == "?2020"
    assert not any(e.not_shared_with for e in review.entries)


def test_gap_queries_find_nothing(findings):
    """The report names no inter-agency failure for Child M (see the test above), so any
    finding here would be an artefact. The review-process entries are the risk: the SCR
    decision, the workshops and the letter to the national panel. They are typed so they
    do not look like decisions, meetings or silos of practice."""
    assert findings == []
