"""Findings in words: the summary-first table and markdown formats of ``safegraph gaps``.

The JSON keeps one finding per gap (the contract); the human formats open with the shape
of the case (findings per query, confirmed first, the agencies most often lacking
information) and then group findings so that one meeting, one agency or one decision is
read once, with its evidence entries in date order.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from ._knowledge import knowledge
from .gaps import QUERIES, QUERY_NAMES, Finding, get_query
from .gaps._finding import CONFIRMED


@dataclass
class Group:
    """Findings read together: one meeting, one agency's missing picture, one decision."""

    query: str
    review: str
    title: str
    findings: list[Finding]
    evidence: list[str]
    lines: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return any(f.level == CONFIRMED for f in self.findings)


def to_json(reviews: list[str], findings: list[Finding]) -> str:
    return json.dumps({"reviews": reviews, "findings": [f.as_json() for f in findings]},
                      indent=2, ensure_ascii=False)


def _ordered(K, entries) -> list[str]:
    return sorted(set(entries), key=K.place.__getitem__)


def _level(f: Finding) -> str:
    return "confirmed" if f.level == CONFIRMED else "no record"


def group_findings(G: nx.MultiDiGraph, findings: list[Finding]) -> list[Group]:
    """Group findings for people to read; confirmed groups first within each query."""
    groups: dict[tuple, Group] = {}
    for f in findings:
        K = knowledge(G, f.review)
        if f.query == "unshared-meeting-outcome":
            key = (f.query, f.review, f.events[0])
            meeting = f.events[0]
            title = (f"{K.agency_name(K.recorder[meeting])} meeting on {K.entry[meeting]['date_text']} "
                     f"about {', '.join(K.person[p]['name'] for p in f.persons)}")
        elif f.query in ("unshared-risk", "unlinked-family-risk"):
            key = (f.query, f.review, f.agencies[0])
            title = f"{K.agency_name(f.agencies[0])} never knew"
        else:
            key = (f.query, f.review, tuple(f.agencies), tuple(f.events), tuple(f.persons))
            title = f.summary
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(f.query, f.review, title, [], [])
        group.findings.append(f)
    for group in groups.values():
        K = knowledge(G, group.review)
        first = group.findings[0]
        if group.query == "unshared-meeting-outcome":
            group.evidence = [first.events[0]]
            confirmed = [K.agency_name(f.agencies[0]) for f in group.findings if f.level == CONFIRMED]
            unknown = [f.agencies[0] for f in group.findings if f.level != CONFIRMED]
            if confirmed:
                group.lines.append(f"recorded as not told: {', '.join(confirmed)}")
            if unknown:
                group.lines.append(f"no record of being told ({len(unknown)}): {', '.join(unknown)}")
        elif group.query in ("unshared-risk", "unlinked-family-risk"):
            group.evidence = _ordered(K, [e for f in group.findings for e in f.events])
            group.lines = [
                f"about {K.person[f.persons[0]]['name']}: {len(f.events)} entr{'y' if len(f.events) == 1 else 'ies'}"
                f" ({_level(f)})" for f in group.findings]
        elif group.query == "decision-without-history":
            group.evidence = [first.events[0], *_ordered(K, first.events[1:])]
            group.lines = [f"{_level(first)}; the decision first, then what the agency did not have"]
        else:
            group.evidence = _ordered(K, first.events)
    order = {name: i for i, name in enumerate(QUERY_NAMES)}
    return sorted(groups.values(), key=lambda g: (order[g.query], g.review, not g.confirmed,
                                                  -len(g.evidence), g.title))


def _overview(findings: list[Finding]) -> tuple[list[list[str]], list[tuple[str, int]]]:
    per_query = Counter((f.query, f.level == CONFIRMED) for f in findings)
    rows = []
    for q in QUERIES:
        confirmed, other = per_query[(q.name, True)], per_query[(q.name, False)]
        if confirmed or other:
            rows.append([q.name, str(confirmed), str(other)])
    rows.sort(key=lambda r: (-int(r[1]), -int(r[2])))
    lacking = Counter(a for f in findings if f.query in _LACKING for a in f.agencies)
    return rows, lacking.most_common(8)


_LACKING = {"unshared-meeting-outcome", "unshared-risk", "unlinked-family-risk", "decision-without-history"}


def _evidence_rows(K, entries: list[str]) -> list[list[str]]:
    rows = []
    for e in entries:
        props = K.entry[e]
        source = f" [{props['source']}]" if props.get("source") else ""
        rows.append([props["date_text"], e, K.recorder[e], props["type"], props["summary"] + source])
    return rows


def to_text(G: nx.MultiDiGraph, reviews: list[str], findings: list[Finding], *, markdown: bool = False,
            evidence_limit: int | None = None) -> str:
    """The table (plain text) or markdown report of ``findings``.

    ``evidence_limit`` caps the evidence entries listed per group (None lists them all).
    """
    from ._text import table

    out: list[str] = []
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    titles = []
    for r in reviews:
        node = G.nodes[("Review", r, r)]
        titles.append(f"{r} ({node['title']})")
    out.append(f"{h1}Gaps in {', '.join(titles)}")
    confirmed = sum(f.level == CONFIRMED for f in findings)
    out.append("")
    out.append(f"{len(findings)} findings, {confirmed} confirmed by the review's own record of non-sharing; "
               "'no record' means the data holds no record of the information reaching the agency.")
    if not findings:
        return "\n".join(out) + "\n"
    rows, lacking = _overview(findings)
    out.append("")
    out.append(_table(["query", "confirmed", "no record"], rows, markdown, table))
    if lacking:
        out.append("")
        out.append("Agencies most often lacking information: " + ", ".join(f"{a} ({n})" for a, n in lacking))
    groups = group_findings(G, findings)
    confirmed_groups = [g for g in groups if g.confirmed]
    if confirmed_groups:
        out.append("")
        out.append(f"{h2}Confirmed gaps" if markdown else "Confirmed gaps (the review records that the agency was not told):")
        out.append("")
        for g in confirmed_groups:
            who = sorted({a for f in g.findings if f.level == CONFIRMED for a in f.agencies})
            prefix = f"[{g.review}] " if len(reviews) > 1 else ""
            out.append(f"{'- ' if markdown else '  '}{prefix}{g.query}: {g.title} -> {', '.join(who)}")
    current = None
    for group in groups:
        K = knowledge(G, group.review)
        if group.query != current:
            current = group.query
            out.append("")
            meaning = get_query(current).meaning
            out.append(f"{h2}{current}: {meaning}" if markdown else f"== {current}: {meaning}")
        out.append("")
        mark = "[confirmed] " if group.confirmed else ""
        prefix = f"[{group.review}] " if len(reviews) > 1 else ""
        out.append(f"{'- **' if markdown else ''}{prefix}{mark}{group.title}{'**' if markdown else ''}")
        for line in group.lines:
            out.append(f"  {line}")
        if group.evidence:
            shown = group.evidence if evidence_limit is None else group.evidence[:evidence_limit]
            out.append(_table(["date", "entry", "agency", "type", "summary [source]"],
                              _evidence_rows(K, shown), markdown, table, indent="    "))
            if len(shown) < len(group.evidence):
                out.append(f"    ... and {len(group.evidence) - len(shown)} more entries (--all lists them)")
    return "\n".join(out) + "\n"


def _table(headers, rows, markdown, plain, indent=""):
    if markdown:
        esc = [[str(c).replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(r) + " |" for r in esc]
        return "\n" + "\n".join(lines) + "\n"
    return "\n".join(indent + line for line in plain(headers, rows).splitlines())
