"""Picking findings out of a review's results, for the acceptance tests."""


def decisions(f):
    """The decisions a finding is about: its first event, or, for successive decisions
    merged into one decision-without-history finding, every one listed in ``detail``."""
    if f.query == "decision-without-history" and f.detail:
        return list(f.detail)
    return list(f.events[:1])


def select(findings, query, review, agency=None, first_event=None, person=None):
    """The findings of ``query`` in ``review``, narrowed to one agency (among those named;
    agencies that lacked exactly the same are merged into one finding), one first event
    (the decision or meeting) or one person where given."""
    out = [f for f in findings if f.query == query and f.review == review]
    if agency is not None:
        out = [f for f in out if agency in f.agencies]
    if first_event is not None:
        out = [f for f in out if first_event in decisions(f)]
    if person is not None:
        out = [f for f in out if list(f.persons) == [person]]
    return out
