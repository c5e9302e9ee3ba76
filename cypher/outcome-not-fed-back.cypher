// outcome-not-fed-back: an entry R that referred to an agency T (of a type that owes the
// referrer the outcome: $feeds_back; not of the referrer's organisation; not marked
// `unrecorded`), and T's decision D on it, where no unit of the referrer's organisation
// ever came to know D. D is the first later entry of a type in $deciding recorded by T
// that passes R on directly, or, failing that, the first that is about one of R's
// subjects and dated from T's receipt of R (its KNOWS `since`, else R's date) to
// $decision_days days after; only a D whose outcome is one of $nothing_done counts.
// Parameters: $reviews, $decision_days (default 28), $feeds_back (agency types),
// $deciding (entry types), $nothing_done (outcomes).
// Returns one row per (R, T): review, persons (R's subjects), agencies ([the referrer]),
// events ([R, D]), stated (1 if D lists the referrer in not_shared_with), of (1), detail ([T]).
MATCH (r:Entry)-[link:REFERRED_TO]->(t:Agency)
WHERE r.review IN $reviews AND NOT coalesce(link.unrecorded, false) AND coalesce(t.type, 'other') IN $feeds_back
MATCH (r)-[:RECORDED_BY]->(referrer:Agency)
WHERE referrer.organisation <> t.organisation
OPTIONAL MATCH (t)-[k:KNOWS]->(r)
WITH r, t, referrer, coalesce(k.since, r.date) AS start
// R's passers-on and subjects are read once, and T's later decisions are sifted by type,
// place and day before anything else is read.
CALL (r) {
  OPTIONAL MATCH (r)<-[:PASSES_ON]-(p:Entry)
  RETURN collect(p) AS passers
}
CALL (r) {
  OPTIONAL MATCH (r)-[:ABOUT]->(s:Person)
  RETURN collect(s) AS subjects
}
CALL (r, t, start, passers, subjects) {
  MATCH (t)<-[:RECORDED_BY]-(d:Entry)
  WHERE d.order > r.order AND d.type IN $deciding
  WITH d, d IN passers AS passes
  WHERE passes OR (0 <= duration.inDays(start, d.date).days <= $decision_days
                   AND EXISTS { MATCH (d)-[:ABOUT]->(s:Person) WHERE s IN subjects })
  WITH d ORDER BY passes DESC, d.order
  RETURN head(collect(d)) AS d
}
WITH r, t, referrer, d
WHERE d IS NOT NULL AND d.outcome IN $nothing_done
  AND NOT EXISTS { MATCH (:Agency {review: r.review, organisation: referrer.organisation})-[:KNOWS]->(d) }
MATCH (r)-[:ABOUT]->(s:Person)
RETURN r.review AS review, collect(s.id) AS persons, [referrer.id] AS agencies, [r.id, d.id] AS events,
       CASE WHEN (d)-[:NOT_SHARED_WITH]->(referrer) THEN 1 ELSE 0 END AS stated, 1 AS of, [t.id] AS detail;
