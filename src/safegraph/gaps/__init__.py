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
from . import (child_not_seen, cross_boundary, decision_without_history, disclosure_without_action,
               pattern_in_isolation, repeat_referrals, silo_agency, single_informant,
               unlinked_family_risk, unshared_meeting_outcome, unshared_risk)
from ._finding import CONFIRMED, NO_RECORD, Finding

# Command-line option for each parameter a query may take.
PARAMETERS = {
    "window": ("--window", "days either side of an entry that count as 'around the time'"),
    "days": ("--days", "days after a disclosure in which a follow-up counts"),
    "min_referrals": ("--min-referrals", "referrals with nothing done that make a pattern"),
    "min_repeats": ("--min-repeats", "entries sharing one risk that make a pattern"),
}


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
    def cypher_constants(self) -> dict:
        """Fixed values the Cypher file takes as parameters (vocabulary lists)."""
        return dict(getattr(self.module, "CYPHER_CONSTANTS", {}))

    def describe(self, finding: Finding, look, detail=None) -> str:
        """The finding in a sentence, from ids looked up in ``look``."""
        return self.module.describe(finding, look, detail)

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
        lines += ["", "Known limits", "", self.limits, "",
                  "Every finding has a level: 'confirmed' when every entry the agency lacked lists it "
                  "in not_shared_with (the review says it was not told), otherwise 'no_record' (the "
                  "data holds no record of it being told, which is not proof that it was not).",
                  "", f"Cypher: {self.cypher_file}"]
        return "\n".join(lines)


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
    _query(single_informant, "A decision resting on the account of a family member recorded elsewhere as a perpetrator."),
    _query(disclosure_without_action, "A disclosure the agency neither shared nor followed up within weeks."),
    _query(silo_agency, "An agency that worked with a family and never exchanged anything about it with another agency."),
)
QUERY_NAMES = tuple(q.name for q in QUERIES)
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

    ``params`` are query parameters (window, days, min_referrals, min_repeats); each query
    takes only those it declares.

    Examples
    --------
    >>> from safegraph.testing import make_review
    >>> review = make_review([{"date": "2020-01-01", "agency": "mash", "type": "decision",
    ...                        "subjects": "amy"}], people=[{"id": "amy", "child": "yes"}])
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
    return findings


__all__ = ["CONFIRMED", "NO_RECORD", "Finding", "QUERIES", "QUERY_NAMES", "Query", "find_gaps", "get_query"]
