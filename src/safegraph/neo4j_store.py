"""The Neo4j backend: push reviews into Neo4j and run the gap queries there.

Writes use exactly the labels, relationship types and properties of docs/graph-model.md,
in fixed statements (no Cypher is built from strings). A push writes several whole
reviews per transaction (about ``TRANSACTION_ROWS`` rows), ``WORKERS`` transactions at a
time: the reviews' old nodes are deleted, then cypher/write.cypher CREATEs each review's
nodes and relationships in one statement (relationships name their ends by place in the
review's lists of nodes, so nothing is looked up in an index), then cypher/derive.cypher
derives families, households, organisations, KNOWS and INVOLVED_WITH for those reviews.
A push that fails half-way leaves every review whose transaction had not committed as it
was; a review whose content (and derivation) has not changed is not written at all. The
gap queries run ``QUERY_WORKERS`` at a time, each in its own session."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Iterable

import networkx as nx

from ._cypher import file_statements, file_text
from .graph import AGENCY, ENTRY, LABELS, PERSON, REVIEW

DEFAULT_BATCH = 10_000
"""Rows per write statement (whole reviews: one larger than this goes alone)."""

# One statement per label: node keys are (review, id); properties replace the old ones.
NODE_WRITES = {
    REVIEW: "UNWIND $rows AS row CREATE (n:Review) SET n = row.props",
    PERSON: "UNWIND $rows AS row CREATE (n:Person) SET n = row.props",
    AGENCY: "UNWIND $rows AS row CREATE (n:Agency) SET n = row.props",
    ENTRY: "UNWIND $rows AS row CREATE (n:Entry) SET n = row.props",
}

# One statement per (relationship type, start label, end label) in the graph model.
REL_WRITES = {
    ("IN_REVIEW", PERSON, REVIEW): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Review {review: row.review, id: row.end}) CREATE (a)-[r:IN_REVIEW]->(b) SET r = row.props",
    ("IN_REVIEW", AGENCY, REVIEW): "UNWIND $rows AS row MATCH (a:Agency {review: row.review, id: row.start}) MATCH (b:Review {review: row.review, id: row.end}) CREATE (a)-[r:IN_REVIEW]->(b) SET r = row.props",
    ("IN_REVIEW", ENTRY, REVIEW): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Review {review: row.review, id: row.end}) CREATE (a)-[r:IN_REVIEW]->(b) SET r = row.props",
    ("RECORDED_BY", ENTRY, AGENCY): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Agency {review: row.review, id: row.end}) CREATE (a)-[r:RECORDED_BY]->(b) SET r = row.props",
    ("REFERRED_TO", ENTRY, AGENCY): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Agency {review: row.review, id: row.end}) CREATE (a)-[r:REFERRED_TO]->(b) SET r = row.props",
    ("SHARED_WITH", ENTRY, AGENCY): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Agency {review: row.review, id: row.end}) CREATE (a)-[r:SHARED_WITH]->(b) SET r = row.props",
    ("NOT_SHARED_WITH", ENTRY, AGENCY): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Agency {review: row.review, id: row.end}) CREATE (a)-[r:NOT_SHARED_WITH]->(b) SET r = row.props",
    ("ATTENDED_BY", ENTRY, AGENCY): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Agency {review: row.review, id: row.end}) CREATE (a)-[r:ATTENDED_BY]->(b) SET r = row.props",
    ("ABOUT", ENTRY, PERSON): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:ABOUT]->(b) SET r = row.props",
    ("SPOKE_TO", ENTRY, PERSON): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:SPOKE_TO]->(b) SET r = row.props",
    ("INFORMANT", ENTRY, PERSON): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:INFORMANT]->(b) SET r = row.props",
    ("PASSES_ON", ENTRY, ENTRY): "UNWIND $rows AS row MATCH (a:Entry {review: row.review, id: row.start}) MATCH (b:Entry {review: row.review, id: row.end}) CREATE (a)-[r:PASSES_ON]->(b) SET r = row.props",
    ("PARENT_OF", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:PARENT_OF]->(b) SET r = row.props",
    ("CARER_OF", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:CARER_OF]->(b) SET r = row.props",
    ("SIBLING_OF", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:SIBLING_OF]->(b) SET r = row.props",
    ("PARTNER_OF", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:PARTNER_OF]->(b) SET r = row.props",
    ("EX_PARTNER_OF", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:EX_PARTNER_OF]->(b) SET r = row.props",
    ("RELATIVE_OF", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:RELATIVE_OF]->(b) SET r = row.props",
    ("HOUSEHOLD_MEMBER", PERSON, PERSON): "UNWIND $rows AS row MATCH (a:Person {review: row.review, id: row.start}) MATCH (b:Person {review: row.review, id: row.end}) CREATE (a)-[r:HOUSEHOLD_MEMBER]->(b) SET r = row.props",
}

DELETE_REVIEWS = """
CALL () { MATCH (n:Entry) WHERE n.review IN $reviews DETACH DELETE n }
CALL () { MATCH (n:Person) WHERE n.review IN $reviews DETACH DELETE n }
CALL () { MATCH (n:Agency) WHERE n.review IN $reviews DETACH DELETE n }
CALL () { MATCH (n:Review) WHERE n.review IN $reviews DETACH DELETE n }
"""
REVIEWS_PRESENT = "MATCH (r:Review) WHERE r.review IN $reviews RETURN r.review AS review, r.checksum AS checksum"


def connect(uri: str, user: str | None = None, password: str | None = None):
    """A driver for ``uri``; no authentication unless a user is given.

    Server notifications (deprecations, unknown property keys on an empty database) are
    turned off: they are for query authors, not for reviewers.
    """
    import neo4j

    auth = (user, password or "") if user else None
    return neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")


@dataclass
class PushResult:
    review: str
    status: str
    """``written`` (new or replaced) or ``unchanged`` (nothing written)."""
    nodes: int = 0
    relationships: int = 0


def _value(v):
    if isinstance(v, (list, tuple)):
        return [_value(x) for x in v]
    return v


def rows_by_review(G: nx.MultiDiGraph) -> dict[str, tuple[dict[str, list], dict[tuple, list]]]:
    """Every review's node and relationship rows, grouped by write statement, in one pass
    over the graph."""
    out: dict[str, tuple[dict[str, list], dict[tuple, list]]] = {}

    def slot(review):
        if review not in out:
            out[review] = ({label: [] for label in LABELS}, {key: [] for key in REL_WRITES})
        return out[review]

    # Straight over networkx's adjacency (G.edges' generator costs a good part of the time
    # for a corpus), a node's review looked up once for all its relationships.
    for key, data in G._node.items():
        props = {k: _value(v) for k, v in data.items() if k != "label"}
        slot(key[1])[0][key[0]].append({"review": key[1], "id": key[2], "props": props})
    for u, neighbours in G._adj.items():
        if not neighbours:
            continue
        label, review, start = u
        rels = slot(review)[1]
        for v, edges in neighbours.items():
            end = v[2]
            for rtype, data in edges.items():
                # Relationship properties are scalars (no list to copy); a tuple would be
                # written, and digested, as the list it is anyway.
                props = dict(data)
                props.pop("type", None)
                rels[(rtype, label, v[0])].append({"review": review, "start": start, "end": end, "props": props})
    return out


@cache
def _vocabulary_parameters() -> str:
    # Built once, kept as JSON so that every caller gets its own copy.
    from . import _knowledge
    from ._vocab import agency_types_with, vocabulary
    from .graph import family_relationship_types
    from .gaps import disclosure_without_action, expected_action_missing, outcome_not_fed_back

    rules = []
    for name, rule in expected_action_missing.rules().items():
        trigger, action = rule.get("trigger") or {}, rule.get("action") or {}
        who = trigger.get("person") or {}
        rules.append({
            "name": name, "days": rule["days"],
            "risks": list(trigger.get("risks") or []), "with_risks": list(trigger.get("with_risks") or []),
            "risk_level": list(trigger.get("risk_level") or []), "types": list(trigger.get("types") or []),
            "trigger_outcomes": list(trigger.get("outcomes") or []),
            "roles": list(who.get("roles", ("victim", "subject"))), "age": who.get("age", "any"),
            "has_action": bool(action),
            "agency_types": list(action.get("agency_types") or ()), "outcomes": list(action.get("outcomes") or ()),
            "meeting_kinds": list(action.get("meeting_kinds") or ()),
        })
    values = {
        "family_relations": sorted(family_relationship_types()),
        "household_relations": sorted(_knowledge.HOUSEHOLD_RELATIONS),
        "universal": sorted(agency_types_with("universal")),
        "episodic_types": sorted(agency_types_with("episodic")),
        "spans_areas": sorted(agency_types_with("spans_areas")),
        "feeds_back": sorted(agency_types_with("feeds_back")),
        "substantive_roles": sorted(_knowledge.SUBSTANTIVE_ROLES),
        "meeting_expected": {kind: list(props.get("expected") or [])
                             for kind, props in vocabulary("meeting_kinds").properties.items()},
        "disclosure_actions": sorted(disclosure_without_action.ACTIONS),
        "deciding": sorted(outcome_not_fed_back.DECIDING),
        "nothing_done": sorted(outcome_not_fed_back.NOTHING_DONE),
        "expected_actions": rules,
    }
    return json.dumps(values, sort_keys=True)


def vocabulary_parameters() -> dict:
    """The vocabularies (and the query modules' fixed sets) that the Cypher files read, as
    parameters: read here from the same Python the embedded backend uses, never pasted into
    Cypher. Every gap query receives all of them; cypher/derive.cypher those it reads
    (``DERIVE_PARAMETERS``), which the push checksum covers."""
    return json.loads(_vocabulary_parameters())


DERIVE_PARAMETERS = ("family_relations", "household_relations", "universal", "episodic_types", "substantive_roles")


def derive_parameters() -> dict:
    """The parameters of cypher/derive.cypher besides ``$review``."""
    values = vocabulary_parameters()
    return {k: values[k] for k in DERIVE_PARAMETERS}


def checksum(nodes: dict, rels: dict) -> str:
    """A digest of a review's rows and of the derivation run on them: equal digests mean
    an identical stored review."""
    def default(o):
        if isinstance(o, (dt.date, dt.datetime)):
            return o.isoformat()
        raise TypeError(type(o))
    canon = {
        "nodes": {label: sorted(rows, key=lambda r: r["id"]) for label, rows in nodes.items()},
        "rels": {"|".join(k): sorted(rows, key=lambda r: (r["start"], r["end"])) for k, rows in rels.items()},
    }
    # The derivation is part of what is stored: a new derive.cypher, or a change in the
    # vocabularies it reads, must rewrite the review.
    canon["derive"] = list(file_statements("derive.cypher"))
    canon["derive_parameters"] = derive_parameters()
    text = json.dumps(canon, sort_keys=True, default=default, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ensure_schema(driver, database: str | None = None) -> None:
    """Create the constraints and indexes of cypher/schema.cypher (idempotent)."""
    for statement in file_statements("schema.cypher"):
        driver.execute_query(statement, database_=database)


def derive(tx, reviews: str | list[str]) -> None:
    """Run cypher/derive.cypher for ``reviews`` (one id or a list), in the transaction
    ``tx`` that wrote them."""
    values = {**derive_parameters(), "reviews": [reviews] if isinstance(reviews, str) else list(reviews)}
    for statement in file_statements("derive.cypher"):
        tx.run(statement, values).consume()


REL_PARAMETERS = {key: f"{key[0].lower()}_{key[1].lower()}" if key[0] == "IN_REVIEW" else key[0].lower()
                  for key in REL_WRITES}
"""The name of each relationship type's rows in a review's map for cypher/write.cypher."""

NODE_PARAMETERS = {PERSON: "persons", AGENCY: "agencies", ENTRY: "entries"}


def review_parameter(nodes: dict, rels: dict, digest: str) -> dict:
    """One review's map for cypher/write.cypher: its nodes' properties in lists, and its
    relationships as [start place, end place, properties] rows naming their ends by their
    places in those lists."""
    places = {label: {row["id"]: i for i, row in enumerate(nodes[label])} for label in NODE_PARAMETERS}
    (review,) = nodes[REVIEW]
    out = {"review": {**review["props"], "checksum": digest}}
    for label, name in NODE_PARAMETERS.items():
        out[name] = [row["props"] for row in nodes[label]]
    for key, name in REL_PARAMETERS.items():
        rows = rels[key]
        if not rows:
            continue
        start, end = places[key[1]], places.get(key[2])
        if end is None:  # IN_REVIEW: the end is the review itself
            out[name] = [[start[row["start"]], None, row["props"]] for row in rows]
        else:
            out[name] = [[start[row["start"]], end[row["end"]], row["props"]] for row in rows]
    return out


def _statements(group: list[tuple[dict, int]], batch: int) -> Iterable[list[dict]]:
    """The reviews of one transaction in statements of about ``batch`` rows each (a
    review is never split: a larger one goes alone)."""
    chunk, size = [], 0
    for parameter, rows in group:
        if chunk and size + rows > batch:
            yield chunk
            chunk, size = [], 0
        chunk.append(parameter)
        size += rows
    if chunk:
        yield chunk


def _write_reviews(tx, reviews: list[str], group: list[tuple[dict, int]], batch: int) -> None:
    """Replace ``reviews`` in one transaction: their old copies deleted, then written
    whole by cypher/write.cypher, then derived by cypher/derive.cypher."""
    tx.run(DELETE_REVIEWS, reviews=reviews).consume()
    for chunk in _statements(group, batch):
        record = tx.run(file_text("write.cypher"), reviews=chunk).single(strict=True)
        if record["misplaced"]:
            raise RuntimeError("Neo4j collected written nodes out of order; nothing was written")
    derive(tx, reviews)


TRANSACTION_ROWS = 20_000
"""About how many node and relationship rows one push transaction writes: reviews are
written together until they reach it (a larger review goes alone)."""

WORKERS = 2
"""Transactions written at once, in as many sessions: each holds whole, distinct reviews."""


def push(driver, G: nx.MultiDiGraph, *, database: str | None = None, batch: int = DEFAULT_BATCH,
         force: bool = False, transaction_rows: int = TRANSACTION_ROWS, workers: int = WORKERS) -> list[PushResult]:
    """Write every review in ``G`` to Neo4j, several whole reviews per transaction.

    A review already in the database with the same content is left untouched (unless
    ``force``); a changed one is replaced whole; other reviews are never touched. Each
    review is written in one transaction with others (about ``transaction_rows`` rows in
    all), ``workers`` transactions at a time, in statements of about ``batch`` rows; a push
    that fails part-way leaves every review whose transaction had not committed as it was.
    """
    ensure_schema(driver, database)
    reviews = sorted({n[1] for n in G if n[0] == REVIEW})
    records, _, _ = driver.execute_query(REVIEWS_PRESENT, reviews=reviews, database_=database)
    present = {r["review"]: r["checksum"] for r in records}
    results = {}
    rows = rows_by_review(G)

    def write(group):
        parameters = [(review_parameter(*rows[review], digest), size) for review, digest, size in group]
        with driver.session(database=database) as session:
            session.execute_write(_write_reviews, [review for review, _, _ in group], parameters, batch)

    def groups():
        # Checksums are worked out while earlier groups are being written.
        group, size = [], 0
        for review in reviews:
            nodes, rels = rows[review]
            digest = checksum(nodes, rels)
            if present.get(review) == digest and not force:
                results[review] = PushResult(review, "unchanged")
                continue
            n, r = sum(map(len, nodes.values())), sum(map(len, rels.values()))
            results[review] = PushResult(review, "written", n, r)
            if group and size + n + r > transaction_rows:
                yield group
                group, size = [], 0
            group.append((review, digest, n + r))
            size += n + r
        if group:
            yield group

    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            pending = [pool.submit(write, group) for group in groups()]
            for future in pending:
                future.result()
    else:
        for group in groups():
            write(group)
    return [results[review] for review in reviews]


# -- reading back: the gap queries ---------------------------------------------------

REVIEWS_CHECKSUMS = "MATCH (r:Review) WHERE r.review IN $reviews RETURN r.review AS review, r.checksum AS checksum"


@dataclass
class StoredReview:
    """A review as stored in Neo4j: its id and the checksum of what was pushed."""

    review: str
    checksum: str | None


def stored_reviews(driver, reviews: list[str], database: str | None = None) -> dict[str, StoredReview]:
    """The reviews of ``reviews`` present in the database, by id."""
    records, _, _ = driver.execute_query(REVIEWS_CHECKSUMS, reviews=reviews, database_=database, routing_="r")
    return {r["review"]: StoredReview(r["review"], r["checksum"]) for r in records}


def finding_from_record(query, record):
    """A finding from one row of a query's Cypher file.

    Every file returns ``review``, ``persons``, ``agencies`` and ``events``; a query about
    something an agency lacked also returns ``stated`` and ``of`` (its level follows from
    them); where they apply, ``internal``, ``groups`` and ``detail``.
    """
    from .gaps._finding import finding, stated_level

    keys = set(record.keys())
    of = record["of"] if "of" in keys else None
    stated = record["stated"] if "stated" in keys else None
    groups = record["groups"] if "groups" in keys else None
    if groups is not None:
        # A map, or a list of [name, agencies] pairs where the names are data (areas), which
        # Cypher cannot make the keys of a map.
        groups = {k: sorted(v) for k, v in (groups.items() if isinstance(groups, dict) else groups)}
    detail = record["detail"] if "detail" in keys else None
    return finding(query.name, record["review"], persons=record["persons"], agencies=record["agencies"],
                   events=record["events"], keep_first_event=query.keep_first_event,
                   level=None if of is None else stated_level(stated, of), stated=stated, of=of,
                   internal=bool(record["internal"]) if "internal" in keys else False,
                   groups=groups, detail=None if detail is None else [str(d) for d in detail])


QUERY_WORKERS = 2
"""Gap queries run at once by find_gaps, in as many sessions."""


def find_gaps(driver, G: nx.MultiDiGraph, queries: list[str] | None = None, *, database: str | None = None,
              workers: int = QUERY_WORKERS, **params) -> list:
    """Run the gap queries' Cypher files in Neo4j for the reviews of ``G`` and return
    findings in the same contract order, levels, words and scores as ``safegraph.find_gaps``.

    The findings themselves come from Cypher; their sentences and triage scores are worded
    and weighed in shared Python from ``G`` (the reviews as loaded), so both backends say
    the same. Check first (as ``safegraph gaps`` does) that the stored copy equals ``G``.
    """
    from ._knowledge import knowledge
    from .gaps import QUERIES, QUERY_NAMES, get_query
    from .gaps._finding import sorted_findings
    from .gaps import finish

    reviews = sorted({n[1] for n in G if n[0] == REVIEW})
    selected = [get_query(n) for n in dict.fromkeys(queries)] if queries else list(QUERIES)
    selected.sort(key=lambda q: QUERY_NAMES.index(q.name))
    vocabulary = vocabulary_parameters()

    def run(query):
        values = {**query.parameters, **{k: v for k, v in params.items() if k in query.parameters and v is not None}}
        values.update(vocabulary)
        values.update(query.cypher_constants)
        values["reviews"] = reviews
        records, _, _ = driver.execute_query(file_text(f"{query.name}.cypher"), values, database_=database, routing_="r")
        return records

    # The queries run ``workers`` at a time in as many sessions, while this thread words
    # the findings of those already back.
    out = []
    with ThreadPoolExecutor(max(1, min(workers, len(selected)))) as pool:
        running = [(query, pool.submit(run, query)) for query in selected]
        for query, future in running:
            found = {}
            for record in future.result():
                f = finding_from_record(query, record)
                f.summary = query.describe(f, knowledge(G, f.review))
                found[(f.review, tuple(f.agencies), tuple(f.events), tuple(f.persons), f.internal,
                       tuple(f.detail or ()))] = f
            out.extend(sorted_findings(found.values()))
    return finish(G, out)
