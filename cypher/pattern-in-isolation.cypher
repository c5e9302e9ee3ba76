// pattern-in-isolation: a family with at least $min_repeats entries about its members
// (in any role) sharing one risk of $pattern_risks, where no single organisation (its
// units together) knew all of them at the last of them. Risks recorded on exactly the
// same entries make one finding naming them all; an entry about people in two families
// counts for both.
// Parameters: $reviews, $min_repeats (default 3), $pattern_risks (list of risks, in the
// order a finding names them).
// Returns one row per (family, set of entries): review, persons (the family members those
// entries are about), agencies (their recording agencies), events (the entries), detail
// (the risks, in $pattern_risks order).
MATCH (p:Person)
WHERE p.review IN $reviews
WITH DISTINCT p.review AS review, p.family AS family
// The family's entries are read once (through its members), then sifted for each risk.
CALL (review, family) {
  MATCH (:Person {review: review, family: family})<-[:ABOUT]-(e:Entry)
  WITH DISTINCT e ORDER BY e.order
  RETURN collect(e) AS about_family
}
UNWIND range(0, size($pattern_risks) - 1) AS rank
WITH review, family, rank, $pattern_risks[rank] AS risk, about_family
WITH review, family, rank, risk, [e IN about_family WHERE risk IN e.risks] AS entries
WHERE size(entries) >= $min_repeats
WITH review, family, rank, risk, entries, entries[-1].order AS last
WHERE NOT EXISTS {
  UNWIND entries AS e
  MATCH (a:Agency)-[k:KNOWS]->(e)
  WHERE k.order <= last
  WITH a.organisation AS organisation, count(DISTINCT e) AS known
  WHERE known = size(entries)
  RETURN organisation
}
WITH review, family, rank, risk, entries
ORDER BY rank
WITH review, family, entries, collect(risk) AS risks
CALL (review, family, entries) {
  UNWIND entries AS e
  MATCH (e)-[:RECORDED_BY]->(recorder:Agency)
  OPTIONAL MATCH (e)-[:ABOUT]->(member:Person {family: family})
  RETURN collect(DISTINCT member.id) AS persons, collect(DISTINCT recorder.id) AS agencies
}
RETURN review, persons, agencies, [e IN entries | e.id] AS events, risks AS detail;
