// repeat-referrals: a person P with at least $min_referrals referral entries about P into
// one agency T whose outcome is nothing done ($nothing_done, or empty); T is each agency
// in referred_to, or the recording agency where referred_to is empty.
// Parameters: $reviews, $min_referrals (default 3), $nothing_done (list of outcomes).
// Returns one row per (P, T): review, persons ([P]), agencies ([T]), events (the referrals).
MATCH (r:Entry {type: 'referral'})-[:ABOUT]->(p:Person)
WHERE r.review IN $reviews AND (r.outcome IS NULL OR r.outcome IN $nothing_done)
MATCH (r)-[:RECORDED_BY]->(recorder:Agency)
OPTIONAL MATCH (r)-[:REFERRED_TO]->(t:Agency)
WITH r, p, recorder, collect(t) AS referred
UNWIND CASE WHEN size(referred) = 0 THEN [recorder] ELSE referred END AS target
WITH p, target, collect(DISTINCT r.id) AS referrals
WHERE size(referrals) >= $min_referrals
RETURN p.review AS review, [p.id] AS persons, [target.id] AS agencies, referrals AS events, [] AS lacked;
