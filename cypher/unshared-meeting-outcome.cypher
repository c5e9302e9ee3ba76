// unshared-meeting-outcome: a meeting entry M and an agency involved with someone in the
// family of M's subjects within $window days either side of M that never came to know M.
// Parameters: $reviews (list of review ids), $window (days, default 365).
// Returns one row per (M, agency): review, persons (M's subjects), agencies ([agency]),
// events ([M]), lacked ([M]: what the agency lacked, for the finding's level).
// Involvement is computed once per (agency, person), then joined to the meetings about
// that person's family.
MATCH (a:Agency)-[k:KNOWS]->(:Entry)-[:ABOUT|SPOKE_TO]->(p:Person)
WHERE a.review IN $reviews
WITH a, p, min(k.since) AS first, max(k.since) AS last
MATCH (q:Person {review: p.review, family: p.family})<-[:ABOUT]-(m:Entry {type: 'meeting'})
WITH DISTINCT a, first, last, m
WHERE first <= m.date + duration({days: $window}) AND last >= m.date - duration({days: $window})
WITH DISTINCT a, m
WHERE NOT (a)-[:KNOWS]->(m)
MATCH (m)-[:ABOUT]->(s:Person)
WITH m, a, collect(s.id) AS subjects
RETURN m.review AS review, subjects AS persons, [a.id] AS agencies, [m.id] AS events, [m.id] AS lacked;
