// record-mismatch: an entry E and a recipient R (referred to, shared with, attended) that
// the review records as having no record of it (`unrecorded`).
// Parameters: $reviews (list of review ids).
// Returns one row per (E, R): review, persons (E's subjects), agencies ([R]), events ([E]),
// stated and of (1: the mismatch is what the review records).
MATCH (e:Entry)-[r:REFERRED_TO|SHARED_WITH|ATTENDED_BY]->(recipient:Agency)
WHERE e.review IN $reviews AND r.unrecorded
WITH DISTINCT e, recipient
MATCH (e)-[:ABOUT]->(s:Person)
RETURN e.review AS review, collect(s.id) AS persons, [recipient.id] AS agencies, [e.id] AS events,
       1 AS stated, 1 AS of;
