// silo-agency: an agency A involved with someone in a family (substantive contact,
// INVOLVED_WITH) where no unit of A's organisation ever came to know an entry about the
// family recorded by another organisation, and no entry about the family recorded by a
// unit of A's organisation was ever known to another organisation or referred to a
// recipient written as `unknown`.
// Parameters: $reviews (list of review ids).
// Returns one row per (family, A): review, persons (the members A was involved with), agencies ([A]).
MATCH (a:Agency)-[:INVOLVED_WITH]->(p:Person)
WHERE a.review IN $reviews
WITH a, p.family AS family, collect(p.id) AS persons
WHERE NOT EXISTS {
    MATCH (:Agency {review: a.review, organisation: a.organisation})-[:KNOWS]->(e:Entry)-[:RECORDED_BY]->(r:Agency)
    WHERE r.organisation <> a.organisation
      AND EXISTS { MATCH (e)-[:ABOUT]->(:Person {review: a.review, family: family}) }
  }
  AND NOT EXISTS {
    MATCH (e:Entry)-[:RECORDED_BY]->(:Agency {review: a.review, organisation: a.organisation})
    WHERE EXISTS { MATCH (e)-[:ABOUT]->(:Person {review: a.review, family: family}) }
      AND ('referred_to' IN coalesce(e.unknown_in, [])
           OR EXISTS { MATCH (other:Agency)-[:KNOWS]->(e) WHERE other.organisation <> a.organisation })
  }
RETURN a.review AS review, persons, [a.id] AS agencies, [] AS events;
