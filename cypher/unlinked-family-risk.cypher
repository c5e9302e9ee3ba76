// unlinked-family-risk: an agency A involved with a person P, and the entries with risks
// that are not about P but are about another member of P's family, dated within A's
// involvement interval with P, that A never came to know.
// Parameters: $reviews (list of review ids).
// Returns one row per (A, P): review, persons ([P]), agencies ([A]), events and lacked.
// The candidate entries are gathered once per person, then filtered per agency.
MATCH (a:Agency)-[k:KNOWS]->(:Entry)-[:ABOUT|SPOKE_TO]->(p:Person)
WHERE a.review IN $reviews
WITH p, a, min(k.since) AS first, max(k.since) AS last
WITH p, collect({agency: a, first: first, last: last}) AS involved
MATCH (e:Entry {review: p.review})-[:ABOUT]->(q:Person {review: p.review, family: p.family})
WHERE q <> p AND e.risks IS NOT NULL AND NOT (e)-[:ABOUT]->(p)
WITH p, involved, collect(DISTINCT e) AS candidates
UNWIND involved AS one
WITH p, one.agency AS a, one.first AS first, one.last AS last, candidates
WITH p, a, [e IN candidates WHERE first <= e.date <= last AND NOT EXISTS { (a)-[:KNOWS]->(e) } | e.id] AS lacked
WHERE size(lacked) > 0
RETURN a.review AS review, [p.id] AS persons, [a.id] AS agencies, lacked AS events, lacked;
