// disclosure-without-action: a disclosure entry X by agency A with no referred_to and no
// shared_with of its own, not followed (later in the order, within $days days of X's date,
// day $days included) by an entry of A about any of X's subjects that is of a type in
// $disclosure_actions (referral, assessment, meeting, share), or refers or shares.
// Parameters: $reviews, $days (default 28), $disclosure_actions (entry types).
// Returns one row per X: review, persons (X's subjects), agencies ([A]), events ([X]),
// detail ([$days as text]).
MATCH (x:Entry {type: 'disclosure'})-[:RECORDED_BY]->(a:Agency)
WHERE x.review IN $reviews
  AND NOT (x)-[:REFERRED_TO|SHARED_WITH]->(:Agency)
  AND NOT EXISTS {
    MATCH (y:Entry {review: x.review})-[:RECORDED_BY]->(a)
    WHERE y.order > x.order AND duration.inDays(x.date, y.date).days <= $days
      AND EXISTS { MATCH (y)-[:ABOUT]->(:Person)<-[:ABOUT]-(x) }
      AND (y.type IN $disclosure_actions OR EXISTS { MATCH (y)-[:REFERRED_TO|SHARED_WITH]->(:Agency) })
  }
MATCH (x)-[:ABOUT]->(s:Person)
RETURN x.review AS review, collect(s.id) AS persons, [a.id] AS agencies, [x.id] AS events,
       [toString($days)] AS detail;
