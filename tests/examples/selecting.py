"""Picking findings out of a review's results, for the acceptance tests."""


def select(findings, query, review, agency=None, first_event=None, person=None):
    """The findings of ``query`` in ``review``, narrowed to one agency, one first event
    (the decision or meeting) or one person where given."""
    out = [f for f in findings if f.query == query and f.review == review]
    if agency is not None:
        out = [f for f in out if list(f.agencies) == [agency]]
    if first_event is not None:
        out = [f for f in out if f.events and f.events[0] == first_event]
    if person is not None:
        out = [f for f in out if list(f.persons) == [person]]
    return out
