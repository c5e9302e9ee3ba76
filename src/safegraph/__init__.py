"""safegraph: safeguarding case-review chronologies as a property graph, and the gap
queries that find where information did not cross agency lines.

The public API is listed here; everything in a module whose name starts with an
underscore is internal.
"""

from ._dates import BadDate, PartialDate, parse_date
from ._load import load, load_review, review_from_dict
from .errors import LoadError, Problem, SafegraphError, UnknownAgency, UnknownQuery
from .gaps import QUERIES, Finding, find_gaps
from .graph import build_graph
from ._knowledge import Knowledge, Known, knowledge, knows
from .models import Agency, Corpus, Entry, Origin, Person, Relationship, Review, Subject

__all__ = [
    "QUERIES", "Agency", "BadDate", "Finding", "find_gaps", "Corpus", "Entry", "Knowledge", "Known", "LoadError", "Origin",
    "PartialDate", "Person", "Problem", "Relationship", "Review", "SafegraphError", "Subject",
    "UnknownAgency", "UnknownQuery", "build_graph", "knowledge", "knows", "load", "load_review", "review_from_dict",
    "parse_date",
]
