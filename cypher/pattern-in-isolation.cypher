// pattern-in-isolation: a family with at least $min_repeats entries about its members
// sharing one risk among $pattern_risks, where no single agency knew all of them at the
// last of them.
// Parameters: $reviews, $min_repeats (default 3), $pattern_risks (list of risks).
// Returns one row per (family, risk): review, family (its smallest member id), persons (the family members those entries
// are about), agencies (their recording agencies), events (the entries), detail (the risk).
UNWIND $pattern_risks AS risk
MATCH (e:Entry)-[:ABOUT]->(q:Person)
WHERE e.review IN $reviews AND risk IN e.risks
WITH risk, e.review AS review, q.family AS family, collect(DISTINCT e) AS entries
WHERE size(entries) >= $min_repeats
WITH risk, review, family, entries, reduce(top = 0, x IN entries | CASE WHEN x.order > top THEN x.order ELSE top END) AS last
WHERE NOT EXISTS {
  MATCH (a:Agency {review: review})
  WHERE all(x IN entries WHERE EXISTS { MATCH (a)-[k:KNOWS]->(x) WHERE k.order <= last })
}
UNWIND entries AS one
MATCH (one)-[:ABOUT]->(member:Person {review: review, family: family})
MATCH (one)-[:RECORDED_BY]->(recorder:Agency)
RETURN review, family, collect(DISTINCT member.id) AS persons, collect(DISTINCT recorder.id) AS agencies,
       [x IN entries | x.id] AS events, [] AS lacked, risk AS detail;
