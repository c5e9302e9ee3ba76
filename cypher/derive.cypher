// What safegraph derives inside Neo4j after writing a review, in the same transaction:
// families and who knew what when. Run by `safegraph push` for one review at a time.
// Parameters: $review (the review id).
//
// 1. Family: a Person's family is the connected component of family relationships read
//    undirected; `family` is set to the smallest member id, so members share it.
MATCH (p:Person {review: $review})
OPTIONAL MATCH (p)-[:PARENT_OF|CARER_OF|SIBLING_OF|PARTNER_OF|EX_PARTNER_OF|RELATIVE_OF|HOUSEHOLD_MEMBER*1..]-(m:Person)
WITH p, collect(DISTINCT m.id) + [p.id] AS members
UNWIND members AS member
WITH p, min(member) AS family
SET p.family = family;
//
// 2. Knowledge: an agency knows an entry from the first entry X (in the review's order)
//    that it recorded or received (referred to, shared with, attended) and that is the
//    entry itself or passes it on, directly or through earlier entries' passes_on.
//    KNOWS carries `order` (X's order), `via` (X's id) and `since` (X's date).
MATCH (a:Agency {review: $review})<-[:RECORDED_BY|REFERRED_TO|SHARED_WITH|ATTENDED_BY]-(x:Entry {review: $review})
MATCH (x)-[:PASSES_ON*0..]->(e:Entry)
WITH DISTINCT a, x, e
ORDER BY x.order
WITH a, e, head(collect(x)) AS first
CREATE (a)-[:KNOWS {order: first.order, via: first.id, since: first.date}]->(e);
