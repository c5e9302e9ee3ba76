// What safegraph derives inside Neo4j after writing a review, in the same transaction:
// families and households, organisations, who knew what when, and who was involved with
// whom. Run by `safegraph push` on the reviews of one transaction at once (each review is
// derived from its own nodes only); the gap queries read it.
// Parameters: $reviews (the review ids), and the vocabularies it needs, passed from Python
// (safegraph.neo4j_store.derive_parameters): $family_relations and $household_relations
// (relationship types), $universal (agency types that come to be involved with anyone
// they are told about), $episodic_types (agency types that are episodic by default),
// $substantive_roles (the ABOUT roles that are contact).
//
// 1. Family: a Person's family is the connected component of the family relationships
//    ($family_relations) read undirected; `family` is set to the smallest member id, so
//    members share it.
MATCH (p:Person) WHERE p.review IN $reviews
OPTIONAL MATCH (p)-[links*1..]-(m:Person)
WHERE all(link IN links WHERE type(link) IN $family_relations)
WITH p, collect(DISTINCT m.id) + [p.id] AS members
UNWIND members AS member
WITH p, min(member) AS family
SET p.family = family;
//
// 2. Household: the same over the household relations only ($household_relations);
//    `household` is the smallest member id.
MATCH (p:Person) WHERE p.review IN $reviews
OPTIONAL MATCH (p)-[links*1..]-(m:Person)
WHERE all(link IN links WHERE type(link) IN $household_relations)
WITH p, collect(DISTINCT m.id) + [p.id] AS members
UNWIND members AS member
WITH p, min(member) AS household
SET p.household = household;
//
// 3. Agencies: `organisation` is the top of the agency's part_of chain (itself if it has
//    none; the loader refuses cycles, and a chain is never longer than the agencies);
//    `episodic` is its involvement column, or else the default of its type.
MATCH (a:Agency) WHERE a.review IN $reviews
WITH a.review AS review, collect(a) AS agencies
UNWIND agencies AS a
WITH a, reduce(top = a.id, step IN range(1, size(agencies)) |
               coalesce(head([x IN agencies WHERE x.id = top | x.part_of]), top)) AS organisation
SET a.organisation = organisation,
    a.episodic = CASE WHEN a.involvement IS NOT NULL THEN a.involvement = 'episodic'
                      ELSE coalesce(a.type, 'other') IN $episodic_types END;
//
// 4. Knowledge: an agency comes to know an entry E through each entry X that is E itself
//    or passes it on (directly or through a chain of PASSES_ON): as X's recorder, at X's
//    order; as a recipient of X (referred to, shared with, attended) at X's order, or,
//    where the REFERRED_TO/SHARED_WITH/ATTENDED_BY relationship records a later `received`
//    day, at the first entry of the review dated on or after that day (one past the last
//    entry if none is); a recipient marked `unrecorded` does not come to know it that way.
//    The earliest arrival counts, ties going to the earlier X. KNOWS carries `order` (the
//    place it arrived at, counted like Entry.order, from 1), `via` (X's id) and `since`
//    (the day it arrived: X's date, or the receipt day).
MATCH (x:Entry) WHERE x.review IN $reviews
CALL (x) {
  MATCH (x)-[:RECORDED_BY]->(a:Agency)
  RETURN a, x.order AS arrives, x.date AS since
  UNION
  MATCH (x)-[r:REFERRED_TO|SHARED_WITH|ATTENDED_BY]->(a:Agency)
  WHERE NOT coalesce(r.unrecorded, false) AND (r.received IS NULL OR r.received <= x.date)
  RETURN a, x.order AS arrives, x.date AS since
  UNION
  MATCH (x)-[r:REFERRED_TO|SHARED_WITH|ATTENDED_BY]->(a:Agency)
  WHERE NOT coalesce(r.unrecorded, false) AND r.received > x.date
  RETURN a, COUNT { MATCH (y:Entry) WHERE y.review = x.review AND y.date < r.received } + 1 AS arrives,
         r.received AS since
}
CALL (x) {
  MATCH (x)-[:PASSES_ON*0..]->(e:Entry)
  RETURN DISTINCT e
}
WITH a, e, x, arrives, since
ORDER BY arrives, x.order
WITH a, e, head(collect({order: arrives, via: x.id, since: since})) AS first
CREATE (a)-[:KNOWS {order: first.order, via: first.via, since: first.since}]->(e);
//
// 5. Involvement: an agency is involved with a person through substantive contact:
//    - it recorded an entry about the person in one of $substantive_roles, or that
//      spoke to the person;
//    - it was referred to (any entry), or attended a meeting, about the person in one of
//      $substantive_roles (not if marked `unrecorded`), on the later of the entry's date
//      and its `received` day;
//    - as an agency of a $universal type, it came to know an entry about the person in
//      one of $substantive_roles, on the day it did so (the contact being the KNOWS `via`
//      entry).
//    INVOLVED_WITH carries `days` (the distinct days of contact, in order), `first` and
//    `last`, and the contacts themselves as two lists of one length: `contact_days` and
//    `contact_entries` (each distinct (day, entry) pair, in order).
MATCH (x:Entry)-[:RECORDED_BY]->(recorder:Agency)
WHERE x.review IN $reviews
CALL (x, recorder) {
  MATCH (x)-[about:ABOUT]->(p:Person)
  WHERE coalesce(about.role, 'subject') IN $substantive_roles
  RETURN recorder AS a, p, x.date AS day, x.id AS via
  UNION
  MATCH (x)-[:SPOKE_TO]->(p:Person)
  RETURN recorder AS a, p, x.date AS day, x.id AS via
  UNION
  MATCH (x)-[r:REFERRED_TO|ATTENDED_BY]->(a:Agency)
  WHERE (type(r) = 'REFERRED_TO' OR x.type = 'meeting') AND NOT coalesce(r.unrecorded, false)
  MATCH (x)-[about:ABOUT]->(p:Person)
  WHERE coalesce(about.role, 'subject') IN $substantive_roles
  RETURN a, p, CASE WHEN r.received > x.date THEN r.received ELSE x.date END AS day, x.id AS via
  UNION
  MATCH (a:Agency)-[k:KNOWS]->(x)
  WHERE coalesce(a.type, 'other') IN $universal
  MATCH (x)-[about:ABOUT]->(p:Person)
  WHERE coalesce(about.role, 'subject') IN $substantive_roles
  RETURN a, p, k.since AS day, k.via AS via
}
WITH DISTINCT a, p, day, via
ORDER BY day, via
WITH a, p, collect(day) AS contact_days, collect(via) AS contact_entries
CREATE (a)-[:INVOLVED_WITH {
  first: contact_days[0], last: contact_days[-1],
  days: reduce(days = [], d IN contact_days | CASE WHEN days[-1] = d THEN days ELSE days + d END),
  contact_days: contact_days, contact_entries: contact_entries}]->(p);
