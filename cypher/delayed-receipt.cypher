// delayed-receipt: an entry E and a recipient R (referred to, shared with, attended) whose
// recorded `received` day is more than $delay days after E's date.
// Parameters: $reviews, $delay (default 7).
// Returns one row per (E, R): review, persons (E's subjects), agencies ([R]), events ([E]),
// stated and of (1: the delay is what the review records), detail ([the days taken, as text]).
MATCH (e:Entry)-[r:REFERRED_TO|SHARED_WITH|ATTENDED_BY]->(recipient:Agency)
WHERE e.review IN $reviews AND r.received IS NOT NULL
WITH DISTINCT e, recipient, duration.inDays(e.date, r.received).days AS taken
WHERE taken > $delay
MATCH (e)-[:ABOUT]->(s:Person)
RETURN e.review AS review, collect(s.id) AS persons, [recipient.id] AS agencies, [e.id] AS events,
       1 AS stated, 1 AS of, [toString(taken)] AS detail;
