// unshared-risk: an agency A involved with a person P, and the entries with risks about P,
// dated within A's involvement interval with P, that A never came to know.
// Parameters: $reviews (list of review ids).
// Returns one row per (A, P): review, persons ([P]), agencies ([A]), events and lacked
// (the entries A lacked).
MATCH (a:Agency)-[k:KNOWS]->(:Entry)-[:ABOUT|SPOKE_TO]->(p:Person)
WHERE a.review IN $reviews
WITH a, p, min(k.since) AS first, max(k.since) AS last
MATCH (e:Entry)-[:ABOUT]->(p)
WHERE e.risks IS NOT NULL AND first <= e.date <= last AND NOT (a)-[:KNOWS]->(e)
WITH a, p, collect(DISTINCT e.id) AS lacked
RETURN a.review AS review, [p.id] AS persons, [a.id] AS agencies, lacked AS events, lacked;
