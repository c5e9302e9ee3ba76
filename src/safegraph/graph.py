"""The property graph of reviews: one NetworkX MultiDiGraph, the same model as Neo4j.

Node keys are ``(label, review, id)`` tuples, so ids need only be unique within their
review. Node and relationship names are written down in ``docs/graph-model.md``; the
Neo4j writer uses exactly these, read from the constants below.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Iterable

import networkx as nx

from ._vocab import relations
from .models import Corpus, Entry, Review

REVIEW, PERSON, AGENCY, ENTRY = "Review", "Person", "Agency", "Entry"
LABELS = (REVIEW, PERSON, AGENCY, ENTRY)

IN_REVIEW = "IN_REVIEW"
RECORDED_BY = "RECORDED_BY"
ABOUT = "ABOUT"
SPOKE_TO = "SPOKE_TO"
INFORMANT = "INFORMANT"
PASSES_ON = "PASSES_ON"
# Entry -> Agency: the entry's column and the relationship written for it.
AGENCY_LINKS = {
    "referred_to": "REFERRED_TO",
    "shared_with": "SHARED_WITH",
    "not_shared_with": "NOT_SHARED_WITH",
    "attendees": "ATTENDED_BY",
}


def family_relationship_types() -> dict[str, bool]:
    """The family relationship types, each with whether it is symmetric."""
    return {r.edge: r.symmetric for r in relations().values()}


def node_key(label: str, review: str, node_id: str) -> tuple[str, str, str]:
    return (label, review, node_id)


def _date_props(prefix: str, value) -> dict:
    if value is None:
        return {}
    return {prefix: value.day, f"{prefix}_text": value.text, f"{prefix}_uncertain": value.uncertain,
            f"{prefix}_precision": value.precision}


def _provenance(record) -> dict:
    origin = record.origin
    if origin is None:
        return {}
    props = {"file": origin.file}
    if origin.sheet is not None:
        props["sheet"] = origin.sheet
    if origin.row is not None:
        props["row"] = origin.row
    return props


def provenance_text(props: dict) -> str:
    """Where a node came from, as shown to people: the file's own name (not its folder, which
    is often named after a person), its sheet and its row: ``chronology.csv row 12``.

    >>> provenance_text({"file": "reviews/amy/review.xlsx", "sheet": "chronology", "row": 4})
    'review.xlsx sheet chronology row 4'
    """
    where = PurePath(props.get("file") or "").name
    if props.get("sheet"):
        where = f"{where} sheet {props['sheet']}"
    if props.get("row") is not None:
        where = f"{where} row {props['row']}"
    return where.strip()


def _extra(record) -> dict:
    return {f"extra_{k}": v for k, v in record.extra.items()}


def _clean(props: dict) -> dict:
    # Absent and empty mean the same (Neo4j drops nulls): never store None or "".
    return {k: v for k, v in props.items() if v is not None and v != "" and v != []}


def entry_order(entries: Iterable[Entry]) -> list[Entry]:
    """Entries in the format's order: by date (first day), then position in the file."""
    return sorted(entries, key=lambda e: (e.date.day, e.position))


def build_graph(corpus: Corpus | Review | Iterable[Review]) -> nx.MultiDiGraph:
    """Build the property graph of one review or of every review in a corpus.

    Examples
    --------
    >>> from safegraph.models import Review
    >>> G = build_graph(Review(id="r", title="A review"))
    >>> G.nodes[("Review", "r", "r")]["title"]
    'A review'
    """
    if isinstance(corpus, Review):
        reviews = [corpus]
    elif isinstance(corpus, Corpus):
        reviews = list(corpus.reviews)
    else:
        reviews = list(corpus)
    G = nx.MultiDiGraph()
    G.graph["reviews"] = [r.id for r in reviews]
    for review in reviews:
        _add_review(G, review)
    return G


def _add_review(G: nx.MultiDiGraph, review: Review) -> None:
    rid = review.id
    rkey = node_key(REVIEW, rid, rid)
    G.add_node(rkey, **_clean({
        "label": REVIEW, "review": rid, "id": rid, "title": review.title, "kind": review.kind,
        "area": review.area, "published": review.published, "subjects": list(review.subjects),
        "themes": list(review.themes),
        "source": review.source, "file": review.origin.file if review.origin else None,
        **_date_props("period_start", review.period_start), **_date_props("period_end", review.period_end),
        **_date_props("incident", review.incident),
        **_extra(review),
    }))
    for person in review.people:
        key = node_key(PERSON, rid, person.id)
        G.add_node(key, **_clean({
            "label": PERSON, "review": rid, "id": person.id, "name": person.name, "role": person.role,
            "sex": person.sex, "child": person.child, "ethnicity": person.ethnicity, "notes": person.notes,
            **_date_props("born", person.born), **_provenance(person), **_extra(person),
        }))
        G.add_edge(key, rkey, key=IN_REVIEW, type=IN_REVIEW)
    for agency in review.agencies:
        key = node_key(AGENCY, rid, agency.id)
        G.add_node(key, **_clean({
            "label": AGENCY, "review": rid, "id": agency.id, "name": agency.name, "type": agency.type,
            "area": agency.area, "part_of": agency.part_of, "involvement": agency.involvement,
            **_provenance(agency), **_extra(agency),
        }))
        G.add_edge(key, rkey, key=IN_REVIEW, type=IN_REVIEW)
    edges = relations()
    for rel in review.relationships:
        spec = edges.get(rel.relation)
        # A relation the vocabulary does not know (loaded with --allow-unknown-terms) counts
        # as relative_of, keeping the term as written.
        rtype = spec.edge if spec else edges["relative_of"].edge
        written = None if spec else rel.relation
        G.add_edge(node_key(PERSON, rid, rel.person), node_key(PERSON, rid, rel.other), key=rtype,
                   **_clean({"type": rtype, "relation": written, "notes": rel.notes, **_provenance(rel),
                             **_extra(rel)}))
    # Entries: every node, then every relationship, added in bulk (networkx's per-call
    # cost is most of the time for a large corpus); the order is that of one at a time.
    nodes, edges = [], []
    for order, entry in enumerate(entry_order(review.entries), start=1):
        key = node_key(ENTRY, rid, entry.id)
        where = _provenance(entry)
        nodes.append((key, _entry_props(rid, entry, order, where)))
        edges.append((key, rkey, IN_REVIEW, {"type": IN_REVIEW}))
        edges.append((key, (AGENCY, rid, entry.agency), RECORDED_BY, {"type": RECORDED_BY, **where}))
        for subject in entry.subjects:
            edges.append((key, (PERSON, rid, subject.person), ABOUT, {"type": ABOUT, "role": subject.role, **where}))
        for person in entry.spoken_to:
            edges.append((key, (PERSON, rid, person), SPOKE_TO, {"type": SPOKE_TO, **where}))
        if entry.informant:
            edges.append((key, (PERSON, rid, entry.informant), INFORMANT, {"type": INFORMANT, **where}))
        received = {r.agency: r.date for r in entry.received}
        for column, rtype in AGENCY_LINKS.items():
            for agency in getattr(entry, column):
                attributes = {"type": rtype, **where}
                if column != "not_shared_with":
                    if agency in received:
                        attributes.update(_date_props("received", received[agency]))
                    if agency in entry.unrecorded_by:
                        attributes["unrecorded"] = True
                edges.append((key, (AGENCY, rid, agency), rtype, attributes))
        for earlier in entry.passes_on:
            edges.append((key, (ENTRY, rid, earlier), PASSES_ON, {"type": PASSES_ON, **where}))
    G.add_nodes_from(nodes)
    add_edges(G, edges)


def add_edges(G: nx.MultiDiGraph, edges: list[tuple]) -> None:
    """``G.add_edges_from(edges)`` for ``(u, v, key, attributes)`` edges between nodes
    already in ``G``, each with its own attribute dict: the same adjacency, in the same
    order, written straight into networkx's dicts. ``add_edges_from`` costs a few
    microseconds an edge, which for a corpus's millions of relationships is a large part
    of building the graph. (``tests/test_bulk.py`` checks the result is the same.)"""
    succ, pred = G._succ, G._pred
    for u, v, key, attributes in edges:
        keys = succ[u].get(v)
        if keys is None:
            succ[u][v] = pred[v][u] = {key: attributes}
        elif key in keys:
            keys[key].update(attributes)
        else:
            keys[key] = attributes
    if hasattr(nx, "_clear_cache"):
        nx._clear_cache(G)


def _entry_props(rid: str, entry: Entry, order: int, where: dict) -> dict:
    """An entry node's properties: what ``_clean`` would keep of them all, built directly
    (this runs for every entry of a corpus)."""
    props = {"label": ENTRY, "review": rid, "id": entry.id, "position": entry.position, "order": order,
             "type": entry.type}
    if entry.summary:
        props["summary"] = entry.summary
    if entry.risks:
        props["risks"] = list(entry.risks)
    for name in ("outcome", "source", "comment", "risk_level", "meeting_kind"):
        value = getattr(entry, name)
        if value is not None and value != "":
            props[name] = value
    if entry.none_in:
        props["none_in"] = list(entry.none_in)
    if entry.unknown_in:
        props["unknown_in"] = list(entry.unknown_in)
    date = entry.date
    props.update(date=date.day, date_text=date.text, date_uncertain=date.uncertain, date_precision=date.precision)
    props.update(where)
    for name, value in entry.extra.items():
        if value != "":
            props[f"extra_{name}"] = value
    return props


def nodes_of(G: nx.MultiDiGraph, label: str, review: str | None = None) -> list[tuple]:
    """The keys of the nodes with ``label`` (in one review, if given), sorted.

    The nodes are grouped by review once per graph and cached on it, so asking for each of
    a corpus's reviews in turn does not scan the whole graph each time (treat the graph as
    read-only once queried, as for ``safegraph.knowledge``).
    """
    if review is None:
        return sorted(n for n in G if n[0] == label)
    grouped = G.graph.get("_nodes_by_review")
    if grouped is None:
        grouped = {}
        for node in G:
            grouped.setdefault((node[0], node[1]), []).append(node)
        for keys in grouped.values():
            keys.sort()
        G.graph["_nodes_by_review"] = grouped
    return list(grouped.get((label, review), ()))


