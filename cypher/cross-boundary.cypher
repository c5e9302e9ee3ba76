// cross-boundary: two agencies whose area differs (an agency's empty area is the review's;
// with both empty it is never across a boundary; compared trimmed, case-insensitively),
// both involved with one family, where neither ever knew an entry about that family
// recorded by the other.
// Parameters: $reviews (list of review ids).
// Returns one row per (family, pair): review, family (its smallest member id), persons (the
// family), agencies (the pair).
MATCH (r:Review)
WHERE r.review IN $reviews
MATCH (a:Agency {review: r.review})-[:KNOWS]->(:Entry)-[:ABOUT|SPOKE_TO]->(p:Person)
WITH r, p.family AS family, collect(DISTINCT a) AS involved
UNWIND involved AS a
UNWIND involved AS b
WITH r, family, a, b,
     toLower(trim(coalesce(a.area, r.area, ''))) AS area_a,
     toLower(trim(coalesce(b.area, r.area, ''))) AS area_b
WHERE a.id < b.id AND area_a <> '' AND area_b <> '' AND area_a <> area_b
  AND NOT EXISTS {
    MATCH (a)-[:KNOWS]->(e:Entry)-[:RECORDED_BY]->(b)
    WHERE EXISTS { MATCH (e)-[:ABOUT]->(:Person {review: r.review, family: family}) }
  }
  AND NOT EXISTS {
    MATCH (b)-[:KNOWS]->(e:Entry)-[:RECORDED_BY]->(a)
    WHERE EXISTS { MATCH (e)-[:ABOUT]->(:Person {review: r.review, family: family}) }
  }
MATCH (member:Person {review: r.review, family: family})
RETURN r.review AS review, family, collect(member.id) AS persons, [a.id, b.id] AS agencies, [] AS events, [] AS lacked;
