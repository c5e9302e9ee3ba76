// single-informant: a decision or assessment entry D whose informant is in the family of
// one of D's subjects and is a perpetrator in some entry of the review.
// Parameters: $reviews (list of review ids).
// Returns one row per D: review, persons ([informant]), agencies ([D's agency]), events ([D]).
MATCH (d:Entry)-[:INFORMANT]->(i:Person)
WHERE d.review IN $reviews AND d.type IN ['decision', 'assessment']
  AND EXISTS { MATCH (:Entry)-[:ABOUT {role: 'perpetrator'}]->(i) }
  AND EXISTS { MATCH (d)-[:ABOUT]->(s:Person) WHERE s.family = i.family }
MATCH (d)-[:RECORDED_BY]->(a:Agency)
RETURN d.review AS review, [i.id] AS persons, [a.id] AS agencies, [d.id] AS events, [] AS lacked;
