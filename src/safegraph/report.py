"""Findings for people: the headline report (table and markdown) and the JSON of ``safegraph gaps``.

The human formats lead with the headline: the highest-scoring findings (25 by default),
each with why it ranks where it does and its evidence in date order, by name. The rest
follow as counts per query and per agency, so a reviewer sees the whole shape of the case
without wading through it. The JSON keeps every finding, with its score, reasons, rank
and whether it is in the headline.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, TextIO

import networkx as nx

from ._knowledge import knowledge
from ._redact import Redactor
from ._text import markdown as markdown_text, markdown_table, table, terminal
from .gaps import QUERIES, Finding, contract_key, find_gaps, get_query
from .gaps._finding import CONFIRMED, PARTLY_CONFIRMED
from .graph import provenance_text

DEFAULT_TOP = 25
EVIDENCE_ROWS = 8
CONTRACT_VERSION = 2


HEADLINE_MIN_SCORE = 5
"""A finding scoring less than this is never in the headline, however few findings there are:
with nothing stated, no serious risk, no child and no consequence, it is a question for the
data, not a gap to put before a panel."""


def ranked(findings: list[Finding]) -> list[Finding]:
    """Findings by score, highest first; equal scores keep the contract order."""
    return sorted(findings, key=lambda f: -f.score)


def headline(findings: list[Finding], top: int | None = DEFAULT_TOP) -> list[Finding]:
    """The findings the default view shows in detail: the ``top`` highest-ranked scoring at
    least HEADLINE_MIN_SCORE (every finding, in rank order, where ``top`` is None)."""
    return [findings[i] for i in ranking([f.score for f in findings], top)[1]]


def ranking(scores: list[float], top: int | None = DEFAULT_TOP) -> tuple[list[int], list[int]]:
    """For findings in contract order with these scores: their places by rank (highest
    score first, ties in contract order), and the places ``headline`` shows, in rank order."""
    best = sorted(range(len(scores)), key=lambda i: -scores[i])
    if top is None:
        return best, best
    return best, [i for i in best if scores[i] >= HEADLINE_MIN_SCORE][:top]


@dataclass(frozen=True)
class Selection:
    """Which findings a reviewer asked for (``safegraph gaps --level/--agency/...``)."""

    levels: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def __bool__(self) -> bool:
        return bool(self.levels or self.agencies or self.persons or self.since or self.until)


def select(G: nx.MultiDiGraph, findings: Iterable[Finding], selection: Selection,
           redactor: Redactor | None = None) -> list[Finding]:
    """The findings matching every filter given: a level among ``levels`` (``none`` for
    findings without one); an agency or person among those named, by id or by name, case
    ignored (an agency also matches through a meeting's groups; a person also by the
    label ``redactor`` gives them); evidence dated within ``since``..``until`` (findings
    without evidence entries are left out by a date filter).
    """
    def wanted(values, ids, *looks):
        if not values:
            return True
        keys = {v.strip().lower() for v in values}
        return any(i.lower() in keys or any(look(i).lower() in keys for look in looks) for i in ids)

    out = []
    for f in findings:
        K = knowledge(G, f.review)
        if selection.levels and (f.level or "none") not in selection.levels:
            continue
        agencies = set(f.agencies) | {a for group in (f.groups or {}).values() for a in group}
        if not wanted(selection.agencies, agencies, K.agency_name):
            continue
        labels = [lambda p, r=f.review: redactor.person(r, p)] if redactor else []
        if not wanted(selection.persons, f.persons, K.person_name, *labels):
            continue
        if selection.since or selection.until:
            days = [K.entry[e]["date"] for e in f.events]
            if not any((selection.since is None or d >= selection.since)
                       and (selection.until is None or d <= selection.until) for d in days):
                continue
        out.append(f)
    return out


def to_json(reviews: list[str], findings: list[Finding], *, top: int | None = DEFAULT_TOP,
            redactor: Redactor | None = None) -> str:
    """The JSON document of ``safegraph gaps --format json`` as one string (see
    ``write_json``, which writes the same text a finding at a time)."""
    out = io.StringIO()
    write_json(out, reviews, findings, top=top, redactor=redactor)
    return out.getvalue()


def write_json(out: TextIO, reviews: list[str], findings: list[Finding], *, top: int | None = DEFAULT_TOP,
               redactor: Redactor | None = None) -> None:
    """Write the JSON document of ``safegraph gaps --format json`` to ``out``: every
    finding, in contract order, each with its rank by score and whether it is in the
    headline. Findings are written one at a time, so a review with many thousands of them
    is never held as one document in memory; the text is that of ``json.dumps(document,
    indent=2)``.

    With ``redactor`` (``--redact``) every finding is its redacted copy (labels for people,
    reviews and entries; see ``safegraph._redact``) and the document says ``"redacted": true``.
    """
    rows = [(f.score, finding_text(redactor.finding(f) if redactor else f)) for f in findings]
    write_json_rows(out, [redactor.review(r) for r in reviews] if redactor else list(reviews), rows, top=top,
                    redacted=redactor is not None)


def finding_text(f: Finding) -> str:
    """A finding as it stands in the JSON document (indented for its place in the list),
    without its rank and headline, which depend on every other finding."""
    return "    " + _indented(f.as_json(), "    ")


_string = json.encoder.c_encode_basestring or json.encoder.py_encode_basestring


def _indented(value, margin: str) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` with every line after the first
    indented by ``margin``: the same text, without the standard library's slow pure-Python
    encoder (which ``indent`` selects)."""
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, (bool, int, float)):
        return json.dumps(value)
    inner = margin + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{_string(str(k))}: {_indented(v, inner)}" for k, v in value.items())
        return "{\n" + inner + (",\n" + inner).join(items) + "\n" + margin + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + inner + (",\n" + inner).join(_indented(v, inner) for v in value) + "\n" + margin + "]"
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + margin)


def review_rows(G: nx.MultiDiGraph, review: str, *, queries: list[str] | None = None, params: dict | None = None,
                selection: Selection | None = None) -> list[tuple[tuple, float, str]]:
    """Every finding of one review (of the queries named, filtered by ``selection``) as
    (its place in contract order, its score, ``finding_text``): the work each worker does
    for ``safegraph gaps --format json`` on a corpus. Sorting the rows of every review by
    their first item gives the corpus's contract order."""
    return [(contract_key(f), f.score, finding_text(f)) for f in _selected(G, queries, params, selection)]


def _selected(G: nx.MultiDiGraph, queries: list[str] | None, params: dict | None,
              selection: Selection | None) -> list[Finding]:
    """The findings of the queries named (all where None), filtered by ``selection``."""
    findings = find_gaps(G, queries, **(params or {}))
    return select(G, findings, selection) if selection else findings


def review_text_parts(G: nx.MultiDiGraph, review: str, *, queries: list[str] | None = None,
                      params: dict | None = None, selection: Selection | None = None, markdown: bool = False,
                      top: int | None = DEFAULT_TOP, evidence_limit: int | None = EVIDENCE_ROWS,
                      width: int | None = None) -> tuple:
    """One review's part of the table or markdown report of a corpus (see
    ``text_from_parts``): its title, and for each finding its place in contract order, its
    score, its ``Brief`` and, for the ``top`` that could be in the corpus's headline (a
    finding in the corpus's top ``top`` is in its own review's), its ``_block``. ``width``
    is the terminal's, as the parent process sees it (a worker has no terminal)."""
    findings = _selected(G, queries, params, selection)
    K = knowledge(G, review)
    candidates = {id(f) for f in headline(findings, top)}
    rows = [(contract_key(f), f.score, Brief(f.query, f.level, tuple(_lacking_names(G, f))),
             _block(K, f, markdown, evidence_limit, width=width) if id(f) in candidates else None)
            for f in findings]
    return G.nodes[("Review", review, review)]["title"], rows


def text_from_parts(reviews: list[str], parts: list[tuple], *, markdown: bool = False,
                    top: int | None = DEFAULT_TOP) -> tuple[str, int]:
    """``to_text`` of a corpus from each review's ``review_text_parts``, in the corpus's
    order; and the number of findings."""
    rows = sorted((row for _, review_rows in parts for row in review_rows), key=lambda row: row[0])
    blocks = [rows[i][3] for i in ranking([row[1] for row in rows], top)[1]]
    assert all(block is not None for block in blocks), "every headline finding was a candidate in its review"
    text = compose_text([title for title, _ in parts], [row[2] for row in rows], blocks, markdown=markdown,
                        several=len(reviews) > 1)
    return text, len(rows)


def write_json_rows(out: TextIO, reviews: list[str], rows: list[tuple[float, str]], *, top: int | None = DEFAULT_TOP,
                    redacted: bool = False) -> None:
    """``write_json`` from each finding's score and ``finding_text``, in contract order:
    what a corpus worked on in parallel gathers (see ``safegraph._bulk``)."""
    best, shown = ranking([score for score, _ in rows], top)
    rank = {i: n for n, i in enumerate(best, start=1)}
    shown = set(shown)
    head: dict = {"contract": CONTRACT_VERSION}
    if redacted:
        head["redacted"] = True
    head["reviews"] = list(reviews)
    opening = json.dumps(head, indent=2, ensure_ascii=False)
    out.write(opening[:-2] + ',\n  "findings": [')
    for n, (_, text) in enumerate(rows):
        assert text.endswith("\n    }"), "a finding's text ends with its closing brace"
        out.write(("," if n else "") + "\n" + text[:-6] + f',\n      "rank": {rank[n]},\n      "headline": '
                  f'{"true" if n in shown else "false"}\n    }}')
    out.write("\n  ]\n}" if rows else "]\n}")


def _level_words(f: Finding) -> str:
    if f.level == CONFIRMED:
        return "confirmed by the review"
    if f.level == PARTLY_CONFIRMED:
        return f"partly confirmed ({f.stated} of {f.of} stated in the review)"
    if f.level is None:
        return "a pattern in the record"
    return "no record of it being shared"


def _lead(f: Finding) -> list[str]:
    """The entries a finding is about, shown before its evidence: the decision or referral
    of a query whose events start with it (every merged decision where there are several)."""
    if not get_query(f.query).keep_first_event:
        return []
    return list(f.detail) if f.query == "decision-without-history" and f.detail else f.events[:1]


def _evidence(K, f: Finding) -> list[str]:
    """The finding's entries in date order (the decision or referral first where it leads)."""
    lead = _lead(f)
    rest = sorted((e for e in f.events if e not in lead), key=K.place.__getitem__)
    return lead + rest


def _most_telling(K, f: Finding, entries: list[str], limit: int) -> list[str]:
    """At most ``limit`` of the entries, in date order: the leading decision or meeting,
    then those the review states were not shared with the agency, then the latest."""
    if len(entries) <= limit:
        return entries
    lead = _lead(f)
    rest = [e for e in entries if e not in lead]
    stated = [e for e in rest if set(f.agencies) & K.not_shared_with[e]]
    others = [e for e in rest if e not in stated]
    keep = set((stated + others[::-1])[: limit - len(lead)])
    return lead + [e for e in rest if e in keep]


def entry_cells(K, e: str, redactor: Redactor | None = None) -> list[str]:
    """Entry ``e`` as a report shows it: date as written, recording agency, type, summary,
    source and where it came from (``graph.provenance_text``); with ``redactor``, the
    summary withheld and names scrubbed."""
    props = K.entry[e]
    where = provenance_text(props)
    if redactor:
        agency, summary = redactor.agency_name(K.review, K.recorder[e]), redactor.summary(K.review, e)
        source, where = redactor.scrub(K.review, props.get("source")), redactor.scrub(K.review, where)
    else:
        agency, summary, source = K.agency_name(K.recorder[e]), props.get("summary") or "", props.get("source") or ""
    return [props["date_text"], agency, props["type"], summary, source, where]


def _evidence_rows(K, entries: list[str], show, redactor: Redactor | None = None) -> list[list[str]]:
    """One row per entry, each cell already shown through ``show`` (the source's brackets
    are the report's own)."""
    rows = []
    for e in entries:
        date, agency, kind, summary, source, _ = entry_cells(K, e, redactor)
        rows.append([show(date), show(agency), show(kind), show(summary) + (f" [{show(source)}]" if source else "")])
    return rows


def _counts(findings: list[Finding]) -> tuple[list[list[str]], list[tuple[str, int]]]:
    per_query = Counter(f.query for f in findings)
    per_level = Counter((f.query, f.level) for f in findings)
    rows = []
    for q in QUERIES:
        if per_query[q.name]:
            rows.append([q.name, str(per_query[q.name]), str(per_level[(q.name, CONFIRMED)]),
                         str(per_level[(q.name, PARTLY_CONFIRMED)])])
    return rows


def _agencies(G, findings: list[Finding], redactor: Redactor | None = None) -> list[list[str]]:
    """The twelve agencies most often lacking information, with their counts."""
    lacking = Counter(name for f in findings for name in _lacking_names(G, f, redactor))
    return [[name, str(n)] for name, n in lacking.most_common(12)]


def to_text(G: nx.MultiDiGraph, reviews: list[str], findings: list[Finding], *, markdown: bool = False,
            top: int | None = DEFAULT_TOP, evidence_limit: int | None = EVIDENCE_ROWS,
            redactor: Redactor | None = None) -> str:
    """The table (plain text) or markdown report: the headline, then counts of the rest.

    ``top`` is how many findings the headline shows (None: all); ``evidence_limit`` caps
    the evidence rows listed per finding (None lists them all). Every piece of data goes
    through ``_text.terminal`` (table) or ``_text.markdown``, so nothing in the data can
    control the terminal or become markdown structure. With ``redactor`` (``--redact``)
    people are labels, summaries and titles are withheld (see ``safegraph._redact``).
    """
    titles = [redactor.title(r) if redactor else G.nodes[("Review", r, r)]["title"] for r in reviews]
    shown = headline(findings, top)
    blocks = [_block(knowledge(G, f.review), f, markdown, evidence_limit, redactor) for f in shown]
    briefs = [Brief(f.query, f.level, tuple(_lacking_names(G, f, redactor))) for f in findings]
    return compose_text(titles, briefs, blocks, markdown=markdown, several=len(reviews) > 1,
                        redacted=redactor is not None)


@dataclass(frozen=True)
class Brief:
    """What the counts at the end of a report need of a finding: its query, its level and
    the names of the agencies it finds lacking (none for a pattern, which has no level)."""

    query: str
    level: str | None
    lacking: tuple[str, ...]


def _lacking_names(G, f: Finding, redactor: Redactor | None = None) -> list[str]:
    if f.level is None:
        return []
    K = knowledge(G, f.review)
    return [redactor.agency_name(f.review, a) if redactor else K.agency_name(a) for a in f.agencies]


def _block(K, f: Finding, markdown: bool, evidence_limit: int | None, redactor: Redactor | None = None,
           width: int | None = None) -> tuple[str, str, list[str]]:
    """A headline finding as the report shows it, but for its number and the review it is
    in, which depend on the other findings: (the review as shown, the summary as shown,
    the lines after the first). ``width`` is the terminal's (None: this process's)."""
    show = markdown_text if markdown else terminal
    words = redactor.finding(f) if redactor else f
    lines = [f"   {show(f.query)}; {_level_words(f)}; score {f.score}: {show(', '.join(words.reasons))}"]
    entries = _evidence(K, f)
    if entries:
        listed = entries if evidence_limit is None else _most_telling(K, f, entries, evidence_limit)
        lines.append(_table(["date", "agency", "type", "summary [source]"],
                            _evidence_rows(K, listed, show, redactor), markdown, indent="     ", width=width))
        if len(listed) < len(entries):
            lines.append(f"     {len(listed)} of {len(entries)} entries shown: those the review states were not "
                         "shared, then the latest (--all lists them all)")
    return show(words.review), show(words.summary), lines


def compose_text(titles: list[str], briefs: list[Brief], blocks: list[tuple[str, str, list[str]]], *,
                 markdown: bool, several: bool, redacted: bool = False) -> str:
    """The report from its parts: the reviews' titles, a ``Brief`` of every finding, and the
    ``_block`` of each headline finding, in rank order."""
    show = markdown_text if markdown else terminal
    out: list[str] = []
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    out.append(f"{h1}Gaps in {'; '.join(show(t) for t in titles)}")
    if redacted:
        out.append("")
        out.append(show(Redactor.NOTE))
    confirmed = sum(b.level == CONFIRMED for b in briefs)
    partly = sum(b.level == PARTLY_CONFIRMED for b in briefs)
    out.append("")
    out.append(f"{len(briefs)} findings: {confirmed} confirmed by the review's own record, {partly} partly "
               "confirmed. 'No record' means the data holds no record of the information reaching the agency, "
               "which is not proof that it did not.")
    if not briefs:
        return "\n".join(out) + "\n"
    out.append("")
    out.append(f"{h2}The {len(blocks)} highest-ranked findings" if markdown
               else f"== The {len(blocks)} highest-ranked findings (by score; --top N or --all for more)")
    for n, (review, summary, lines) in enumerate(blocks, start=1):
        prefix = ""
        if several:
            prefix = f"\\[{review}\\] " if markdown else f"[{review}] "
        out.append("")
        out.append(f"{n}. **{prefix}{summary}**" if markdown else f"{n}. {prefix}{summary}")
        out.extend(lines)
    out.append("")
    out.append(f"{h2}All findings by query" if markdown else "== All findings by query")
    out.append(_table(["query", "findings", "confirmed", "partly confirmed"], _shown(_counts(briefs), show),
                      markdown))
    lacking = Counter(name for b in briefs for name in b.lacking)
    agencies = [[name, str(n)] for name, n in lacking.most_common(12)]
    if agencies:
        out.append("")
        out.append(f"{h2}Agencies most often missing information" if markdown
                   else "== Agencies most often missing information")
        out.append(_table(["agency", "findings"], _shown(agencies, show), markdown))
    rest = len(briefs) - len(blocks)
    if rest:
        out.append("")
        out.append(f"{rest} further findings are not shown here: --top N shows more, --all shows every one, "
                   "--format json lists them all with their scores.")
    return "\n".join(out) + "\n"


def _shown(rows: list[list[str]], show) -> list[list[str]]:
    return [[show(cell) for cell in row] for row in rows]


def _table(headers, rows, markdown, indent="", width: int | None = None):
    """Rows whose cells are already shown through ``_text.markdown`` or ``_text.terminal``
    as a markdown table or an aligned plain table (which shows every cell through
    ``terminal`` again: it changes nothing it has already made safe)."""
    if markdown:
        return "\n" + markdown_table(headers, rows, escaped=True) + "\n"
    return "\n".join(indent + line for line in table(headers, rows, wrap=width).splitlines())


__all__ = ["DEFAULT_TOP", "HEADLINE_MIN_SCORE", "Selection", "headline", "ranked", "select", "to_json", "to_text"]
