// How `safegraph push` writes reviews (safegraph.neo4j_store.push): one statement writes
// whole reviews, their nodes and then their relationships. The reviews' previous copies
// have been deleted in the same transaction, so everything is CREATEd. A relationship
// names its ends by their places in the review's lists of nodes (no index look-up, and no
// Eager: nothing here reads a property it writes); each list is collected in the order it
// was written, which the statement checks and returns: `misplaced` counts the reviews
// where a collected list of ids differs from the list given, and push refuses (rolls
// back) unless it is 0.
// Parameters: $reviews, a list of maps, one per review: `review` (the Review node's
// properties, with `checksum`); `persons`, `agencies`, `entries` (each node's properties);
// and for every relationship type (and start label for IN_REVIEW) a list of
// [start place, end place, properties] rows, named as below.
UNWIND $reviews AS rv
CREATE (review:Review) SET review = rv.review
WITH rv, review
CALL (rv) { UNWIND rv.persons AS props CREATE (n:Person) SET n = props
            RETURN collect(n) AS persons, collect(props.id) AS person_ids }
CALL (rv) { UNWIND rv.agencies AS props CREATE (n:Agency) SET n = props
            RETURN collect(n) AS agencies, collect(props.id) AS agency_ids }
CALL (rv) { UNWIND rv.entries AS props CREATE (n:Entry) SET n = props
            RETURN collect(n) AS entries, collect(props.id) AS entry_ids }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.in_review_person AS x
  WITH persons[x[0]] AS a, review AS b, x[2] AS props CREATE (a)-[r:IN_REVIEW]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.in_review_agency AS x
  WITH agencies[x[0]] AS a, review AS b, x[2] AS props CREATE (a)-[r:IN_REVIEW]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.in_review_entry AS x
  WITH entries[x[0]] AS a, review AS b, x[2] AS props CREATE (a)-[r:IN_REVIEW]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.recorded_by AS x
  WITH entries[x[0]] AS a, agencies[x[1]] AS b, x[2] AS props CREATE (a)-[r:RECORDED_BY]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.referred_to AS x
  WITH entries[x[0]] AS a, agencies[x[1]] AS b, x[2] AS props CREATE (a)-[r:REFERRED_TO]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.shared_with AS x
  WITH entries[x[0]] AS a, agencies[x[1]] AS b, x[2] AS props CREATE (a)-[r:SHARED_WITH]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.not_shared_with AS x
  WITH entries[x[0]] AS a, agencies[x[1]] AS b, x[2] AS props CREATE (a)-[r:NOT_SHARED_WITH]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.attended_by AS x
  WITH entries[x[0]] AS a, agencies[x[1]] AS b, x[2] AS props CREATE (a)-[r:ATTENDED_BY]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.about AS x
  WITH entries[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:ABOUT]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.spoke_to AS x
  WITH entries[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:SPOKE_TO]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.informant AS x
  WITH entries[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:INFORMANT]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.passes_on AS x
  WITH entries[x[0]] AS a, entries[x[1]] AS b, x[2] AS props CREATE (a)-[r:PASSES_ON]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.parent_of AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:PARENT_OF]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.carer_of AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:CARER_OF]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.sibling_of AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:SIBLING_OF]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.partner_of AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:PARTNER_OF]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.ex_partner_of AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:EX_PARTNER_OF]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.relative_of AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:RELATIVE_OF]->(b) SET r = props }
CALL (rv, review, persons, agencies, entries) { UNWIND rv.household_member AS x
  WITH persons[x[0]] AS a, persons[x[1]] AS b, x[2] AS props CREATE (a)-[r:HOUSEHOLD_MEMBER]->(b) SET r = props }
RETURN sum(CASE WHEN person_ids = [p IN rv.persons | p.id] AND agency_ids = [p IN rv.agencies | p.id]
                     AND entry_ids = [p IN rv.entries | p.id] THEN 0 ELSE 1 END) AS misplaced;
