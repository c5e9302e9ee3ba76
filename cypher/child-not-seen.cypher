// child-not-seen: a decision or assessment entry D about a person who is a child on D's
// date (under 18 by `born`; by `child` where born is unknown) and is not in D's spoken_to.
// Parameters: $reviews (list of review ids).
// Returns one row per D: review, persons (the unseen children), agencies ([D's agency]), events ([D]).
MATCH (d:Entry)-[:ABOUT]->(p:Person)
WHERE d.review IN $reviews AND d.type IN ['decision', 'assessment']
  AND CASE WHEN p.born IS NOT NULL THEN d.date < p.born + duration({years: 18}) ELSE coalesce(p.child, false) END
  AND NOT (d)-[:SPOKE_TO]->(p)
MATCH (d)-[:RECORDED_BY]->(a:Agency)
RETURN d.review AS review, collect(p.id) AS persons, [a.id] AS agencies, [d.id] AS events, [] AS lacked;
