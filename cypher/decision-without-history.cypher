// decision-without-history: a decision or assessment entry D by agency A, and the entries
// with risks about anyone in the family of D's subjects that come earlier than D in the
// order, that A did not know at D, and that another agency knew at D. An entry another
// unit of A's organisation knew at D is internal: such entries are reported, in a finding
// marked internal, only where they are all A lacked.
// "Known at D": the KNOWS order (the place it arrived at) is at most D's order. The risk
// entries of each review are gathered once (their families, who knew them and from when),
// then read for each D.
// Parameters: $reviews (list of review ids).
// Returns one row per D: review, persons (D's subjects), agencies ([A]), events ([D] then
// the lacked entries), stated (how many of them list A in not_shared_with), of, internal.
MATCH (e:Entry)
WHERE e.review IN $reviews AND e.risks IS NOT NULL
CALL (e) {
  MATCH (e)-[:ABOUT]->(q:Person)
  RETURN collect(DISTINCT q.family) AS families
}
CALL (e) {
  MATCH (k:Agency)-[known:KNOWS]->(e)
  RETURN collect({agency: k.id, organisation: k.organisation, order: known.order}) AS known
}
CALL (e) {
  OPTIONAL MATCH (e)-[:NOT_SHARED_WITH]->(n:Agency)
  RETURN collect(n.id) AS unshared
}
WITH e.review AS review, collect({id: e.id, order: e.order, families: families, known: known, unshared: unshared}) AS risky
MATCH (d:Entry {review: review})-[:RECORDED_BY]->(a:Agency)
WHERE d.type IN ['decision', 'assessment']
CALL (d) {
  MATCH (d)-[:ABOUT]->(s:Person)
  RETURN collect(s.id) AS subjects, collect(DISTINCT s.family) AS families
}
WITH review, risky, d.id AS decision, d.order AS at, a.id AS agency, a.organisation AS organisation, subjects,
     families
WITH review, decision, agency, organisation, subjects, at,
     [e IN risky WHERE e.order < at AND any(f IN e.families WHERE f IN families)
                   AND none(k IN e.known WHERE k.agency = agency AND k.order <= at)
      | {id: e.id, stated: agency IN e.unshared,
         holders: [k IN e.known WHERE k.agency <> agency AND k.order <= at | k.organisation]}] AS lacking
WITH review, decision, agency, subjects,
     [e IN lacking WHERE size(e.holders) > 0
      | {id: e.id, stated: e.stated, internal: organisation IN e.holders}] AS held
WHERE size(held) > 0
WITH review, decision, agency, subjects, held, [x IN held WHERE NOT x.internal] AS cross
WITH review, decision, agency, subjects, CASE WHEN size(cross) > 0 THEN cross ELSE held END AS lacked,
     size(cross) = 0 AS internal
RETURN review, subjects AS persons, [agency] AS agencies, [decision] + [x IN lacked | x.id] AS events,
       size([x IN lacked WHERE x.stated]) AS stated, size(lacked) AS of, internal;
