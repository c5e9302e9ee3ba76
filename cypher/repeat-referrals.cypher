// repeat-referrals: a person P (the referral's subject in any role) with at least
// $min_referrals `referral` entries into one agency T whose outcome is nothing done (one
// of $nothing_done, or empty). T is each agency in referred_to (recorded by the recipient
// or not), or the recording agency where referred_to is empty (a referral logged where it
// arrived); a referral whose referred_to is written `none` or `unknown` has no target.
// Parameters: $reviews, $min_referrals (default 3), $nothing_done (list of outcomes).
// Returns one row per (P, T): review, persons ([P]), agencies ([T]), events (the referrals).
MATCH (r:Entry {type: 'referral'})-[:RECORDED_BY]->(recorder:Agency)
WHERE r.review IN $reviews AND (r.outcome IS NULL OR r.outcome IN $nothing_done)
OPTIONAL MATCH (r)-[:REFERRED_TO]->(t:Agency)
WITH r, recorder, collect(t) AS referred
WITH r, CASE WHEN size(referred) > 0 THEN referred
             WHEN 'referred_to' IN coalesce(r.none_in, []) + coalesce(r.unknown_in, []) THEN []
             ELSE [recorder] END AS targets
UNWIND targets AS target
MATCH (r)-[:ABOUT]->(p:Person)
WITH p, target, collect(r.id) AS referrals
WHERE size(referrals) >= $min_referrals
RETURN p.review AS review, [p.id] AS persons, [target.id] AS agencies, referrals AS events;
