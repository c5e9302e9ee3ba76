// single-informant: a decision or assessment entry D whose informant I is in the family of
// one of D's subjects, where D is also about others (as subject, victim or perpetrator:
// $substantive_roles) and none of them is in D's spoken_to; reported when D's spoken_to is
// recorded (people listed, or `none`), or else when I is recorded as the perpetrator in
// some other entry of the review (before D or after it).
// Parameters: $reviews (list of review ids), $substantive_roles.
// Returns one row per D: review, persons (I and the others), agencies ([D's agency]),
// events ([D] then the entries recording I as perpetrator), detail ([I]).
MATCH (d:Entry)-[:INFORMANT]->(i:Person)
WHERE d.review IN $reviews AND d.type IN ['decision', 'assessment']
  AND EXISTS { MATCH (d)-[:ABOUT]->(s:Person) WHERE s.family = i.family }
MATCH (d)-[:RECORDED_BY]->(a:Agency)
CALL (d, i) {
  MATCH (d)-[about:ABOUT]->(p:Person)
  WHERE p <> i AND coalesce(about.role, 'subject') IN $substantive_roles
  RETURN collect(p.id) AS others, count(CASE WHEN (d)-[:SPOKE_TO]->(p) THEN p END) AS heard
}
WITH d, i, a, others
WHERE size(others) > 0 AND heard = 0
CALL (d, i) {
  OPTIONAL MATCH (e:Entry {review: d.review})-[about:ABOUT {role: 'perpetrator'}]->(i)
  WHERE e <> d
  RETURN collect(e.id) AS harmed
}
WITH d, i, a, others, harmed
WHERE size(harmed) > 0 OR EXISTS { (d)-[:SPOKE_TO]->(:Person) } OR 'spoken_to' IN coalesce(d.none_in, [])
RETURN d.review AS review, [i.id] + others AS persons, [a.id] AS agencies, [d.id] + harmed AS events,
       [i.id] AS detail;
