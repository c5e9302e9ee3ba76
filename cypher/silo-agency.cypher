// silo-agency: an agency involved with someone in a family that never came to know an
// entry about that family recorded by another agency, and none of whose own entries about
// that family was ever known to another agency.
// Parameters: $reviews (list of review ids).
// Returns one row per (family, agency): review, persons (the members it was involved with), agencies ([agency]).
MATCH (a:Agency)-[:KNOWS]->(:Entry)-[:ABOUT|SPOKE_TO]->(p:Person)
WHERE a.review IN $reviews
WITH a, p.family AS family, collect(DISTINCT p.id) AS persons
WHERE NOT EXISTS {
    MATCH (a)-[:KNOWS]->(e:Entry)-[:ABOUT]->(:Person {review: a.review, family: family})
    WHERE NOT (e)-[:RECORDED_BY]->(a)
  }
  AND NOT EXISTS {
    MATCH (b:Agency)-[:KNOWS]->(e:Entry)-[:RECORDED_BY]->(a)
    WHERE b <> a AND EXISTS { MATCH (e)-[:ABOUT]->(:Person {review: a.review, family: family}) }
  }
RETURN a.review AS review, persons, [a.id] AS agencies, [] AS events, [] AS lacked;
