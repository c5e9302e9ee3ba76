"""Questions across many reviews (``safegraph research``): how often each gap occurs, out
of the reviews where it could have occurred.

A count of findings across a corpus says little: a review with thirty agencies has more
chances to miss something than one with five. So every figure here is a rate with its
denominator: "the school lacked a meeting's outcome in 14 of the 31 reviews that held a
meeting while a school was involved", with a 95% Wilson interval, and the reviews behind
both numbers listed.

A review **could have** a query's gap for an agency type (the denominator) where an
agency of that type took part in the way the query needs (ELIGIBLE below: involved with
the family, or recorded a decision, or received a referral...); it **has** it (the
numerator) where a finding of that query names an agency of that type as the one that
lacked the information. A review counts once however many findings it has.
"""

from __future__ import annotations

import csv
import html
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from ._knowledge import Knowledge, knowledge
from ._text import open_owner_only
from ._vocab import agency_types_with, term_property, vocabulary
from .gaps import QUERY_NAMES, Finding
from .graph import REVIEW
from .maps._style import TYPE_COLOURS, type_label


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of ``hits`` out of ``total`` (95% by default).

    >>> [round(x, 3) for x in wilson(14, 31)]
    [0.292, 0.622]
    >>> wilson(0, 0)
    (0.0, 1.0)
    """
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Rate:
    """``hits`` of ``eligible`` reviews (both lists of review ids)."""

    hits: list[str] = field(default_factory=list)
    eligible: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.hits) / len(self.eligible) if self.eligible else 0.0

    def as_json(self) -> dict:
        low, high = wilson(len(self.hits), len(self.eligible))
        return {"reviews": len(self.hits), "of": len(self.eligible), "rate": round(self.rate, 4),
                "ci95": [round(low, 4), round(high, 4)], "review_ids": sorted(self.hits),
                "eligible_ids": sorted(self.eligible)}

    def words(self) -> str:
        low, high = wilson(len(self.hits), len(self.eligible))
        return f"{len(self.hits)} of {len(self.eligible)} ({self.rate:.0%}; 95% CI {low:.0%}-{high:.0%})"


# -- who could have had each gap ---------------------------------------------------------

def _involved(K: Knowledge, agency: str) -> bool:
    return agency in K.involved_with or agency in K.places_by


def _recorded(types: tuple[str, ...]) -> Callable[[Knowledge, str], bool]:
    def test(K: Knowledge, agency: str) -> bool:
        return any(K.entry[K.order[i]]["type"] in types for i in K.places_by.get(agency, ()))
    return test


def _received(K: Knowledge, agency: str) -> bool:
    return any(agency in K.recipients[e] for e in K.order)


def _meeting_held(K: Knowledge, agency: str) -> bool:
    return _involved(K, agency) and any(K.entry[e]["type"] == "meeting" for e in K.order)


def _across_areas(K: Knowledge, agency: str) -> bool:
    return bool(K.areas(agency)) and len({a for x in K.agencies for a in K.areas(x)}) >= 2


def _referred_to_feedback(K: Knowledge, agency: str) -> bool:
    owes = agency_types_with("feeds_back")
    return any(K.agency_type(r) in owes for i in K.places_by.get(agency, ())
               for r in K.recipients_by_type(K.order[i], "REFERRED_TO"))


ELIGIBLE: dict[str, Callable[[Knowledge, str], bool]] = {
    "unshared-risk": _involved,
    "unlinked-family-risk": _involved,
    "unshared-meeting-outcome": _meeting_held,
    "decision-without-history": _recorded(("decision", "assessment")),
    "child-not-seen": _recorded(("decision", "assessment")),
    "single-informant": _recorded(("decision", "assessment")),
    "disclosure-without-action": lambda K, a: _recorded(("disclosure",))(K, a) or any(
        agency_received_type(K, a, "disclosure")),
    "cross-boundary": _across_areas,
    "repeat-referrals": _received,
    "silo-agency": _involved,
    "pattern-in-isolation": _involved,
    "delayed-receipt": _received,
    "record-mismatch": _received,
    "expected-action-missing": lambda K, a: any(K.entry[K.order[i]].get("risks") for i in K.places_by.get(a, ())),
    "outcome-not-fed-back": _referred_to_feedback,
}
"""For each gap query, when an agency could have had its gap in a review (the rate's
denominator): involved with the family (substantive contact, or recorded an entry);
recorded a decision or assessment; recorded or received a disclosure; received a referral
or share; in an area, in a review spanning two areas or more; recorded an entry with a
risk; referred to a service that owes feedback (children's or adults' social care, a
MASH)."""


def agency_received_type(K: Knowledge, agency: str, kind: str) -> Iterable[bool]:
    return (K.entry[e]["type"] == kind and agency in K.recipients[e] for e in K.order)


# -- the study -----------------------------------------------------------------------------

def review_year(node: dict) -> str:
    """The year a review is filed under: published, else the incident's, else the end of
    its period."""
    for key in ("published", "incident", "period_end"):
        value = node.get(key)
        if value:
            return str(value)[:4] if key == "published" else str(value.year)
    return "unknown"


def derived_themes(findings: Iterable[Finding]) -> set[str]:
    """The themes a review's findings mark it with (``queries`` in vocab/themes.yaml)."""
    queries = {f.query for f in findings}
    return {t for t in vocabulary("themes") if queries & set(term_property("themes", t, "queries", []) or [])}


def study(G: nx.MultiDiGraph, reviews: list[str], findings: list[Finding]) -> dict:
    """Every table of ``safegraph research`` as plain data (see the module docstring)."""
    by_review = _by_review(findings)
    return combine([review_facts(G, review, by_review.get(review, [])) for review in reviews])


def _by_review(findings: list[Finding]) -> dict[str, list[Finding]]:
    by_review: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_review[f.review].append(f)
    return by_review


def review_facts(G: nx.MultiDiGraph, review: str, findings: list[Finding]) -> dict:
    """What the study needs from one review and its findings: its metadata and themes, the
    agency types present, and per query the types that could have had the gap and those
    that had it; small, so a corpus worked on one review at a time keeps only this."""
    K = knowledge(G, review)
    node = G.nodes[(REVIEW, review, review)]
    themes = set(node.get("themes") or ()) | derived_themes(findings)
    queries = {}
    for query in QUERY_NAMES:
        eligible = {K.agency_type(a) for a in K.agencies if ELIGIBLE[query](K, a)}
        hit = {K.agency_type(a) for f in findings if f.query == query for a in f.agencies if a in K.agency}
        if eligible or hit:
            queries[query] = (sorted(eligible), sorted(hit))
    flows = set()
    for f in findings:
        holders = {K.agency_type(K.recorder[e]) for e in f.events if e in K.recorder}
        for lack in {K.agency_type(a) for a in f.agencies if a in K.agency}:
            flows.update((f.query, holder, lack) for holder in holders - {lack})
    return {"review": review, "kind": node.get("kind") or "", "area": node.get("area") or "",
            "year": review_year(node), "entries": len(K.order), "agencies": len(K.agencies),
            "findings": len(findings), "themes": sorted(themes),
            "types": sorted({K.agency_type(a) for a in K.agencies}), "queries": queries, "flows": sorted(flows)}


def combine(facts: list[dict]) -> dict:
    """The study of a corpus from each review's ``review_facts``, in the corpus's order."""
    per_query: dict[str, Rate] = {q: Rate() for q in QUERY_NAMES}
    per_type: dict[tuple[str, str], Rate] = defaultdict(Rate)
    groups: dict[str, dict[str, list[str]]] = {"kind": defaultdict(list), "year": defaultdict(list),
                                              "area": defaultdict(list), "theme": defaultdict(list)}
    flow: dict[tuple[str, str], set[str]] = defaultdict(set)
    both: dict[tuple[str, str], set[str]] = defaultdict(set)
    shapes: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    review_rows = []
    for one in facts:
        review = one["review"]
        for t1 in one["types"]:
            for t2 in one["types"]:
                both[(t1, t2)].add(review)
        groups["kind"][one["kind"] or "unknown"].append(review)
        groups["year"][one["year"]].append(review)
        groups["area"][one["area"] or "unknown"].append(review)
        for theme in one["themes"]:
            groups["theme"][theme].append(review)
        for query, (eligible, hit) in one["queries"].items():
            per_query[query].eligible.append(review)
            if hit:
                per_query[query].hits.append(review)
            for t in set(eligible) | set(hit):
                per_type[(query, t)].eligible.append(review)
            for t in hit:
                per_type[(query, t)].hits.append(review)
        for query, holder, lack in one["flows"]:
            flow[(holder, lack)].add(review)
            shapes[(query, holder, lack)].add(review)
        review_rows.append({key: one[key] for key in ("review", "kind", "area", "year", "entries", "agencies",
                                                       "findings", "themes")})
    breakdowns = {}
    for name, members in groups.items():
        table = {}
        for value, ids in sorted(members.items()):
            ids_set = set(ids)
            table[value] = {q: Rate([r for r in per_query[q].hits if r in ids_set],
                                    [r for r in per_query[q].eligible if r in ids_set]).as_json()
                            for q in QUERY_NAMES}
            table[value]["_reviews"] = sorted(ids)
        breakdowns[name] = table
    types = sorted({t for pair in both for t in pair})
    return {
        "reviews": review_rows,
        "queries": {q: per_query[q].as_json() for q in QUERY_NAMES},
        "agency_types": [{"query": q, "type": t, **rate.as_json()}
                         for (q, t), rate in sorted(per_type.items(),
                                                    key=lambda kv: (-len(kv[1].hits), -kv[1].rate, kv[0]))],
        "breakdowns": breakdowns,
        "flow": {"types": types,
                 "cells": [{"holder": h, "lacking": l, **Rate(sorted(flow[(h, l)]), sorted(both[(h, l)])).as_json()}
                           for h in types for l in types if h != l and both[(h, l)]]},
        "shapes": [{"query": q, "holder": h, "lacking": l, "reviews": len(ids), "review_ids": sorted(ids)}
                   for (q, h, l), ids in sorted(shapes.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
    }


def review_work(G: nx.MultiDiGraph, review: str, *, tables: bool = False) -> tuple[dict, dict | None]:
    """One review's part of ``safegraph research`` on a corpus (see ``safegraph._bulk``):
    its ``review_facts``, and with ``tables`` its rows of the tidy export."""
    from .gaps import find_gaps

    findings = find_gaps(G)
    return review_facts(G, review, findings), (export_rows(G, review, findings) if tables else None)


# -- for people --------------------------------------------------------------------------------

def _ids(ids: list[str], limit: int = 8) -> str:
    return ", ".join(ids[:limit]) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def to_markdown(result: dict, *, min_eligible: int = 1) -> str:
    """The study as a markdown document (the reviews behind each number, up to eight)."""
    from ._text import markdown as md, markdown_table

    n = len(result["reviews"])
    out = [f"# Gaps across {n} review{'s' if n != 1 else ''}", "",
           "Each figure is the number of reviews with the gap out of the reviews where it could have occurred, "
           "with a 95% Wilson interval. The JSON (--format json) lists every review behind every number.", "",
           "## Each gap query", ""]
    rows = []
    for q, r in result["queries"].items():
        if r["of"] >= min_eligible:
            rows.append([md(q), f"{r['reviews']} of {r['of']}", f"{r['rate']:.0%}",
                         f"{r['ci95'][0]:.0%}-{r['ci95'][1]:.0%}", md(_ids(r["review_ids"]))])
    out.append(markdown_table(["query", "reviews", "rate", "95% CI", "reviews with it"], rows, escaped=True))
    out += ["", "## By the kind of agency that lacked the information", ""]
    rows = [[md(r["query"]), md(type_label(r["type"])), f"{r['reviews']} of {r['of']}", f"{r['rate']:.0%}",
             f"{r['ci95'][0]:.0%}-{r['ci95'][1]:.0%}"]
            for r in result["agency_types"] if r["of"] >= min_eligible and r["reviews"]]
    out.append(markdown_table(["query", "agency type", "reviews", "rate", "95% CI"], rows[:40], escaped=True))
    for name, table in result["breakdowns"].items():
        if not table:
            continue
        out += ["", f"## By {name}", ""]
        values = list(table)
        rows = []
        for q in result["queries"]:
            cells = [f"{table[v][q]['reviews']}/{table[v][q]['of']}" if table[v][q]["of"] else "" for v in values]
            if any(cells):
                rows.append([md(q)] + cells)
        headers = ["query"] + [f"{md(v)} ({len(table[v]['_reviews'])})" for v in values]
        out.append(markdown_table(headers, rows, escaped=True))
    out += ["", "## Who did not hear from whom", "",
            "Reviews where an agency of the first kind held what an agency of the second kind lacked, of the reviews "
            "with both kinds.", ""]
    cells = sorted(result["flow"]["cells"], key=lambda c: (-c["reviews"], c["holder"], c["lacking"]))
    rows = [[md(type_label(c["holder"])), md(type_label(c["lacking"])), f"{c['reviews']} of {c['of']}",
             f"{c['rate']:.0%}"] for c in cells if c["reviews"]]
    out.append(markdown_table(["held by", "lacked by", "reviews", "rate"], rows[:25], escaped=True))
    out += ["", "## Recurring shapes", "", "The same gap between the same kinds of agency, in the most reviews.", ""]
    rows = [[md(s["query"]), md(type_label(s["holder"])), md(type_label(s["lacking"])), str(s["reviews"]),
             md(_ids(s["review_ids"]))] for s in result["shapes"][:15]]
    out.append(markdown_table(["query", "held by", "lacked by", "reviews", "which"], rows, escaped=True))
    return "\n".join(out) + "\n"


def to_html(result: dict) -> str:
    """The study as one self-contained page: the tables, and the flow heat map (agency kind
    that held the information by the kind that lacked it). No script; nothing loaded."""
    esc = html.escape
    types = result["flow"]["types"]
    cells = {(c["holder"], c["lacking"]): c for c in result["flow"]["cells"]}
    head = "".join(f'<th class="rot"><div>{esc(type_label(t))}</div></th>' for t in types)
    rows = []
    for h in types:
        tds = []
        for l in types:
            c = cells.get((h, l))
            if not c or not c["of"]:
                tds.append('<td class="na"></td>')
                continue
            shade = int(255 - 200 * c["rate"])
            title = f"{type_label(h)} held what {type_label(l)} lacked in {c['reviews']} of {c['of']} reviews"
            ink = "#fff" if c["rate"] > 0.55 else "#000"
            tds.append(f'<td style="background:rgb(255,{shade},{shade});color:{ink}" title="{esc(title)}">'
                       f'{c["reviews"]}/{c["of"]}</td>')
        swatch = TYPE_COLOURS.get(h, "#bfc9ca")
        rows.append(f'<tr><th class="row"><span class="sw" style="background:{swatch}"></span>{esc(type_label(h))}'
                    f'</th>{"".join(tds)}</tr>')
    query_rows = []
    for q, r in result["queries"].items():
        if not r["of"]:
            continue
        width = round(100 * r["rate"])
        low, high = round(100 * r["ci95"][0]), round(100 * r["ci95"][1])
        query_rows.append(
            f'<tr><td>{esc(q)}</td><td class="num">{r["reviews"]} of {r["of"]}</td><td class="bar">'
            f'<div class="ci" style="left:{low}%;width:{max(high - low, 1)}%"></div>'
            f'<div class="fill" style="width:{width}%"></div></td><td class="num">{r["rate"]:.0%} '
            f'({low}-{high}%)</td><td><details><summary>reviews</summary>{esc(", ".join(r["review_ids"]))}'
            f'</details></td></tr>')
    type_rows = "".join(
        f'<tr><td>{esc(r["query"])}</td><td>{esc(type_label(r["type"]))}</td><td class="num">{r["reviews"]} of '
        f'{r["of"]}</td><td class="num">{r["rate"]:.0%} ({r["ci95"][0]:.0%}-{r["ci95"][1]:.0%})</td></tr>'
        for r in result["agency_types"] if r["reviews"])
    breakdowns = []
    for name, table in result["breakdowns"].items():
        if not table:
            continue
        values = list(table)
        header = "".join(f"<th>{esc(v)} ({len(table[v]['_reviews'])})</th>" for v in values)
        body = []
        for q in result["queries"]:
            cells = [table[v][q] for v in values]
            if not any(c["of"] for c in cells):
                continue
            tds = "".join(f'<td class="num" title="{esc(", ".join(c["review_ids"]))}">{c["reviews"]}/{c["of"]}</td>'
                          if c["of"] else "<td></td>" for c in cells)
            body.append(f"<tr><td>{esc(q)}</td>{tds}</tr>")
        breakdowns.append(f"<h3>By {esc(name)}</h3><table><tr><th>query</th>{header}</tr>{''.join(body)}</table>")
    shape_rows = "".join(
        f'<tr><td>{esc(x["query"])}</td><td>{esc(type_label(x["holder"]))}</td><td>{esc(type_label(x["lacking"]))}'
        f'</td><td class="num">{x["reviews"]}</td><td>{esc(", ".join(x["review_ids"]))}</td></tr>'
        for x in result["shapes"][:20])
    n = len(result["reviews"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Gaps across {n} reviews - safegraph research</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2330; }}
table {{ border-collapse: collapse; margin: 12px 0 28px 0; }}
td, th {{ border: 1px solid #d5d8dc; padding: 4px 8px; font-size: 14px; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.bar {{ width: 260px; position: relative; }}
td.bar .fill {{ height: 12px; background: #d1495b; }}
td.bar .ci {{ position: absolute; top: 50%; height: 4px; background: #1f4e79; opacity: 0.5; }}
th.rot {{ height: 160px; white-space: nowrap; vertical-align: bottom; }}
th.rot div {{ transform: rotate(-60deg); width: 28px; }}
th.row {{ text-align: left; white-space: nowrap; }}
.sw {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px; border: 1px solid #555; }}
td.na {{ background: #f4f5f7; }}
</style></head><body>
<h1>Gaps across {n} review{'s' if n != 1 else ''}</h1>
<p>Each figure is the number of reviews with the gap out of the reviews where it could have occurred;
the bar is the rate, the blue band its 95% Wilson interval.</p>
<h2>Each gap query</h2>
<table><tr><th>query</th><th>reviews</th><th>rate</th><th>rate (95% CI)</th><th>which</th></tr>
{"".join(query_rows)}</table>
<h2>Who did not hear from whom</h2>
<p>Rows: the kind of agency that held the information; columns: the kind that lacked it. Each cell: the reviews
with such a gap, of the reviews with both kinds of agency. Darker is more often.</p>
<table><tr><th></th>{head}</tr>{"".join(rows)}</table>
<h2>By the kind of agency that lacked the information</h2>
<table><tr><th>query</th><th>agency type</th><th>reviews</th><th>rate (95% CI)</th></tr>{type_rows}</table>
<h2>By review kind, year, area and theme</h2>
<p>Each cell: reviews with the gap / reviews where it could occur, within the group (hover for the reviews).</p>
{"".join(breakdowns)}
<h2>Recurring shapes</h2>
<table><tr><th>query</th><th>held by</th><th>lacked by</th><th>reviews</th><th>which</th></tr>{shape_rows}</table>
</body></html>
"""


def export(folder: Path, G: nx.MultiDiGraph, reviews: list[str], findings: list[Finding]) -> list[Path]:
    """Tidy tables for pandas, R or DuckDB: reviews, agencies, entries and findings as CSV
    (and Parquet beside them where pyarrow is installed). One row per thing, one column
    per fact; lists joined with ``;``."""
    by_review = _by_review(findings)
    return write_tables(folder, [export_rows(G, review, by_review.get(review, [])) for review in reviews])


TABLES = ("reviews", "agencies", "entries", "findings")


def export_rows(G: nx.MultiDiGraph, review: str, findings: list[Finding]) -> dict[str, list[dict]]:
    """One review's rows of each tidy table."""
    K = knowledge(G, review)
    node = G.nodes[(REVIEW, review, review)]
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    tables["reviews"].append({"review": review, "kind": node.get("kind") or "", "area": node.get("area") or "",
                              "year": review_year(node), "themes": ";".join(node.get("themes") or ()),
                              "entries": len(K.order), "agencies": len(K.agencies), "people": len(K.persons)})
    for a in K.agencies:
        tables["agencies"].append({"review": review, "agency": a, "type": K.agency_type(a),
                                   "organisation": K.organisation[a], "area": K.agency[a].get("area") or ""})
    for i, e in enumerate(K.order):
        props = K.entry[e]
        tables["entries"].append({"review": review, "entry": e, "date": K.day[i].isoformat(),
                                  "agency": K.recorder[e], "agency_type": K.agency_type(K.recorder[e]),
                                  "type": props["type"], "risks": ";".join(props.get("risks") or ()),
                                  "recipients": ";".join(K.recipients[e])})
    for f in findings:
        days = sorted(K.entry[e]["date"] for e in f.events if e in K.entry)
        for a in f.agencies or [""]:
            tables["findings"].append({
                "review": f.review, "query": f.query, "level": f.level or "", "score": f.score,
                "agency": a, "agency_type": K.agency_type(a) if a in K.agency else "",
                "persons": len(f.persons), "events": len(f.events),
                "first_date": days[0].isoformat() if days else "", "last_date": days[-1].isoformat() if days else "",
                "internal": f.internal})
    return tables


def write_tables(folder: Path, parts: list[dict[str, list[dict]]]) -> list[Path]:
    """Write each tidy table from every review's ``export_rows``, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        rows = [row for part in parts for row in part[name]]
        path = folder / f"{name}.csv"
        columns = list(rows[0]) if rows else []
        with open_owner_only(path) as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            continue
        pq.write_table(pa.Table.from_pylist(rows), folder / f"{name}.parquet")
        written.append(folder / f"{name}.parquet")
    return written


def to_json(result: dict) -> str:
    return json.dumps(result, indent=1, ensure_ascii=False, default=list)


__all__ = ["ELIGIBLE", "Rate", "combine", "export", "export_rows", "review_facts", "review_work", "study",
           "to_html", "to_json", "to_markdown", "wilson", "write_tables"]
