// unshared-meeting-outcome: a meeting entry M and an agency involved with someone in the
// family of M's subjects within $window days either side of M that never came to know M.
// Parameters: $reviews (list of review ids), $window (days, default 365).
// Returns one row per (M, agency): review, persons (M's subjects), agencies ([agency]),
// events ([M]), lacked ([M]: what the agency lacked, for the finding's level).
MATCH (m:Entry {type: 'meeting'})
WHERE m.review IN $reviews
MATCH (m)-[:ABOUT]->(s:Person)
WITH m, collect(s.id) AS subjects, collect(DISTINCT s.family) AS families
MATCH (a:Agency {review: m.review})-[k:KNOWS]->(:Entry)-[:ABOUT|SPOKE_TO]->(p:Person)
WHERE p.family IN families
WITH m, subjects, a, p, min(k.since) AS first, max(k.since) AS last
WHERE first <= m.date + duration({days: $window}) AND last >= m.date - duration({days: $window})
  AND NOT (a)-[:KNOWS]->(m)
RETURN DISTINCT m.review AS review, subjects AS persons, [a.id] AS agencies, [m.id] AS events, [m.id] AS lacked;
