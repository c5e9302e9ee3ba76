// decision-without-history: a decision or assessment entry D by agency A, and the entries
// with risks about anyone in the family of D's subjects that come earlier than D, that
// some agency other than A knew at D, and that A did not know at D.
// "Knew at D" compares the order of the entry by which knowledge arrived with D's order.
// Parameters: $reviews (list of review ids).
// Returns one row per D: review, persons (D's subjects), agencies ([A]), events ([D] then
// the lacked entries), lacked.
MATCH (d:Entry)-[:RECORDED_BY]->(a:Agency)
WHERE d.review IN $reviews AND d.type IN ['decision', 'assessment']
MATCH (d)-[:ABOUT]->(s:Person)
WITH d, a, collect(s.id) AS subjects, collect(DISTINCT s.family) AS families
MATCH (e:Entry {review: d.review})-[:ABOUT]->(q:Person)
WHERE q.family IN families AND e.risks IS NOT NULL AND e.order < d.order
WITH DISTINCT d, a, subjects, e
WHERE NOT EXISTS { MATCH (a)-[k:KNOWS]->(e) WHERE k.order <= d.order }
  AND EXISTS { MATCH (b:Agency)-[k:KNOWS]->(e) WHERE b <> a AND k.order <= d.order }
WITH d, a, subjects, collect(e.id) AS lacked
RETURN d.review AS review, subjects AS persons, [a.id] AS agencies, [d.id] + lacked AS events, lacked;
