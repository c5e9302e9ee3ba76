"""The gap-query catalogue: the one place that lists every query.

The CLI, the docs and the tests all read ``QUERIES``. Each query is a module in this
package with a pure function of the graph that returns sorted findings, and has a Cypher
file of the same name under ``cypher/`` for the Neo4j backend.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from types import ModuleType
from typing import Callable

import networkx as nx

from ..errors import UnknownQuery
from ..graph import build_graph
from ..models import Corpus, Review
from .._knowledge import knowledge
from ._merge import SAME_GAP, merge
from ._score import score_findings
from . import (child_not_seen, cross_boundary, decision_without_history, delayed_receipt,
               disclosure_without_action, expected_action_missing, outcome_not_fed_back, pattern_in_isolation,
               record_mismatch, repeat_referrals, silo_agency, single_informant, unlinked_family_risk,
               unshared_meeting_outcome, unshared_risk)
from ._finding import CONFIRMED, LEADING_EVENT, LEVELS, NO_RECORD, PARTLY_CONFIRMED, Finding

# Command-line option for each parameter a query may take.
PARAMETERS = {
    "window": ("--window", "days either side of a meeting in which an agency working with the family counts"),
    "contact_days": ("--contact-days", "days either side of a one-off contact in which an episodic agency counts"),
    "days": ("--days", "days after a disclosure in which a follow-up counts"),
    "min_referrals": ("--min-referrals", "referrals with nothing done that make a pattern"),
    "min_repeats": ("--min-repeats", "entries sharing one risk that make a pattern"),
    "boundary_days": ("--boundary-days", "how close in time two agencies' contacts across a boundary must be"),
    "delay": ("--delay", "days a receipt may take before it counts as delayed"),
    "decision_days": ("--decision-days", "days after receipt in which a decision is taken to be on the referral"),
}
# The largest value any day-count parameter takes.
MAX_DAYS = 36600


@dataclass(frozen=True)
class Query:
    """One gap query: its name, meaning, parameters, function and Cypher file."""

    name: str
    meaning: str
    function: Callable[..., list[Finding]]
    module: ModuleType

    @property
    def parameters(self) -> dict[str, int]:
        """Parameter name -> default, read from the function's signature."""
        return {name: p.default for name, p in inspect.signature(self.function).parameters.items()
                if p.kind is inspect.Parameter.KEYWORD_ONLY}

    @property
    def cypher_file(self) -> str:
        """The path of the query's Cypher file, relative to the project root."""
        return f"cypher/{self.name}.cypher"

    @property
    def keep_first_event(self) -> bool:
        """True where ``events`` starts with the decision, meeting or referral the finding
        is about (the rest sorted); otherwise all of ``events`` is sorted."""
        return bool(getattr(self.module, "KEEP_FIRST_EVENT", False))

    @property
    def cypher_constants(self) -> dict:
        """Fixed values the Cypher file takes as parameters (vocabulary lists)."""
        return dict(getattr(self.module, "CYPHER_CONSTANTS", {}))

    def describe(self, finding: Finding, look) -> str:
        """The finding in a sentence, from ids looked up in ``look``."""
        return self.module.describe(finding, look)

    @property
    def why(self) -> str:
        return self.module.WHY

    @property
    def limits(self) -> str:
        return self.module.LIMITS

    def explain(self) -> str:
        """What the query looks for, why it matters, its parameters and its limits."""
        params = self.parameters
        lines = [self.name, "=" * len(self.name), "", self.meaning, "", "Why it matters", "",
                 self.why, "", "Parameters", ""]
        if params:
            for name, default in params.items():
                option, text = PARAMETERS[name]
                lines.append(f"  {option} N   {text} (default {default})")
        else:
            lines.append("  none")
        lines += ["", "Known limits", "", self.limits, "", LEVEL_TEXT, "", f"Cypher: {self.cypher_file}"]
        return "\n".join(lines)


LEVEL_TEXT = """\
Levels: 'confirmed' when the review itself states every part of the gap (every entry the
agency lacked lists it in not_shared_with, or the delay or mismatch is recorded);
'partly_confirmed' when it states some (the finding says how many of how many); otherwise
'no_record': the data holds no record of the information reaching the agency, which is not
proof that it did not. Queries that find a pattern rather than missing information (repeat
referrals, child not seen...) have no level."""


def _query(module: ModuleType, meaning: str) -> Query:
    return Query(module.NAME, meaning, getattr(module, module.NAME.replace("-", "_")), module)


QUERIES: tuple[Query, ...] = (
    _query(unshared_meeting_outcome, "A meeting whose outcome never reached an agency involved with the family around that time."),
    _query(unshared_risk, "Risks about a person, recorded while an agency was involved with them, that the agency never knew."),
    _query(unlinked_family_risk, "Risks about other members of a person's family that an agency involved with the person never knew."),
    _query(decision_without_history, "A decision or assessment made without the family's earlier risk history that other agencies held."),
    _query(repeat_referrals, "A person referred again and again to one agency with nothing done each time."),
    _query(pattern_in_isolation, "A risk repeated across a family that no single agency saw whole."),
    _query(cross_boundary, "Agencies in different areas working with one family, neither ever knowing what the other recorded."),
    _query(child_not_seen, "A decision or assessment about a child who was not seen or spoken to."),
    _query(single_informant, "A decision resting on one family member's account while the others concerned went unheard."),
    _query(disclosure_without_action, "A disclosure the agency neither shared nor followed up within weeks."),
    _query(silo_agency, "An agency that worked with a family and never exchanged anything about it with another agency."),
    _query(delayed_receipt, "A referral or share that reached its recipient long after it was sent."),
    _query(record_mismatch, "An agency recorded as told that has no record of it."),
    _query(expected_action_missing, "A risk that calls for a statutory referral, with none made in time."),
    _query(outcome_not_fed_back, "A referrer never told what became of its referral."),
)
QUERY_NAMES = tuple(q.name for q in QUERIES)
# Queries whose findings are worded again after merging (gaps/_merge.py).
MERGED_WORDING = (*SAME_GAP, "decision-without-history")
_BY_NAME = {q.name: q for q in QUERIES}


def get_query(name: str) -> Query:
    """The query called ``name``; raises UnknownQuery with the known names otherwise."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownQuery(f"no gap query {name!r}; known: {', '.join(QUERY_NAMES)}") from None


def find_gaps(data: Corpus | Review | nx.MultiDiGraph, queries: list[str] | None = None,
              **params: int) -> list[Finding]:
    """Run gap queries (all, or those named) and return their findings in contract order.

    ``params`` are query parameters (see ``PARAMETERS``); each query takes only those it
    declares. Every finding gets its triage score and reasons.

    Examples
    --------
    >>> from safegraph.testing import make_review
    >>> review = make_review([{"date": "2020-01-01", "agency": "mash", "type": "decision",
    ...                        "subjects": "amy", "spoken_to": "none"}], people=[{"id": "amy", "child": "yes"}])
    >>> [f.query for f in find_gaps(review)]
    ['child-not-seen', 'silo-agency']
    """
    G = data if isinstance(data, nx.MultiDiGraph) else build_graph(data)
    unknown = set(params) - set(PARAMETERS)
    if unknown:
        raise TypeError(f"unknown gap parameter(s): {', '.join(sorted(unknown))}")
    selected = [get_query(n) for n in dict.fromkeys(queries)] if queries else list(QUERIES)
    selected.sort(key=lambda q: QUERY_NAMES.index(q.name))
    findings: list[Finding] = []
    for query in selected:
        accepted = {k: v for k, v in params.items() if k in query.parameters and v is not None}
        findings.extend(query.function(G, **accepted))
    return finish(G, findings)


def in_period(K, f: Finding) -> bool:
    """False for a finding wholly before the review's period (``period_start``): the
    decision, meeting or referral it is about, or every one of its entries, dated before
    the period the review examines. Such history still counts as what agencies knew."""
    start = K.period_start
    if start is None or not f.events:
        return True
    if f.query in LEADING_EVENT:
        return K.entry[f.events[0]]["date"] >= start
    return any(K.entry[e]["date"] >= start for e in f.events)


_QUERY_ORDER = {name: i for i, name in enumerate(QUERY_NAMES)}


def contract_key(f: Finding) -> tuple:
    """A finding's place in contract order: by query as QUERIES lists them, then review,
    agencies, events... (``Finding.sort_key``). Findings of several reviews sorted by it
    are in the order the corpus as one gives."""
    return (_QUERY_ORDER[f.query], *f.sort_key())


def finish(G: nx.MultiDiGraph, findings: list[Finding]) -> list[Finding]:
    """What both backends do after their queries: merge repeats of one gap, then word and
    score the findings in shared Python."""
    findings = [f for f in merge(G, findings) if in_period(knowledge(G, f.review), f)]
    findings.sort(key=contract_key)
    for f in findings:
        if f.query in MERGED_WORDING:
            f.summary = get_query(f.query).describe(f, knowledge(G, f.review))
    score_findings(G, findings)
    return findings


__all__ = ["contract_key", "finish", "CONFIRMED", "LEVELS", "MAX_DAYS", "NO_RECORD", "PARTLY_CONFIRMED", "Finding", "QUERIES", "QUERY_NAMES", "Query", "find_gaps", "get_query"]
