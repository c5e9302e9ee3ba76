// unshared-risk: for each agency A and family, the entries with risks about the people A
// worked with, dated while it did, that A never came to know. The computation is A's
// missing picture of the family (gaps/_picture.py), as in unlinked-family-risk:
// - an entry counts when it is not a meeting, A never knew it, and it records risks or the
//   review states it was not shared with A (a stated non-share counts whatever its date);
// - it belongs to the picture of each family among its subjects;
// - it is A's own (this query) when A was involved with one of its subjects on its date
//   (ongoing: from first to last contact; episodic: in the $contact_days days up to a contact), or
//   when it is stated and A worked with nobody in that family on that date; entries about
//   other members of the family are unlinked-family-risk's.
// Entries another unit of A's organisation knew (and the review does not state were not
// shared with A) are internal: reported, marked internal, only where they are all A lacked.
// Parameters: $reviews, $contact_days (default 7).
// Returns one row per (A, family): review, persons (A's people the lacked entries are
// about), agencies ([A]), events (the entries A lacked), stated, of, internal.
MATCH (a:Agency)
WHERE a.review IN $reviews
OPTIONAL MATCH (a)-[inv:INVOLVED_WITH]->(p:Person)
WITH a, collect(CASE WHEN p IS NOT NULL
                     THEN {person: p.id, family: p.family, first: inv.first, last: inv.last, days: inv.days} END) AS involved
WITH a.review AS review,
     collect({id: a.id, organisation: a.organisation, episodic: a.episodic, involved: involved}) AS agencies
MATCH (e:Entry {review: review})
WHERE e.type <> 'meeting'
CALL (e) {
  OPTIONAL MATCH (e)-[:NOT_SHARED_WITH]->(n:Agency)
  RETURN collect(n.id) AS unshared
}
WITH review, agencies, e, unshared
WHERE e.risks IS NOT NULL OR size(unshared) > 0
CALL (e) {
  MATCH (e)-[:ABOUT]->(s:Person)
  RETURN collect(s.id) AS about, collect({id: s.id, family: s.family}) AS subjects
}
CALL (e) {
  OPTIONAL MATCH (k:Agency)-[:KNOWS]->(e)
  RETURN collect(k.id) AS knowers, collect(k.organisation) AS knowing
}
WITH review, e.id AS entry, e.date AS day, e.date + duration({days: $contact_days}) AS reach,
     e.risks IS NOT NULL AS risky, about, subjects, unshared, knowers, knowing, agencies
UNWIND agencies AS a
WITH review, entry, day, reach, about, subjects, knowing, a, a.id IN unshared AS stated
WHERE NOT a.id IN knowers AND (risky OR stated)
// An entry about people in two families belongs to each family's picture.
UNWIND reduce(acc = [], x IN subjects | CASE WHEN x.family IN acc THEN acc ELSE acc + x.family END) AS family
WITH review, entry, about, [x IN subjects WHERE x.family = family | x.id] AS members, family, knowing, a, stated,
     [x IN a.involved WHERE stated OR CASE WHEN a.episodic THEN any(d IN x.days WHERE day <= d <= reach)
                                           ELSE x.first <= day <= x.last END] AS near
WITH review, entry, about, members, family, knowing, a, stated,
     [x IN near WHERE x.person IN members | x.person] AS own,
     [x IN near WHERE x.family = family AND NOT x.person IN about | x.person] AS anchors
WHERE size(own) > 0 OR (stated AND size(anchors) = 0)
WITH review, a, family,
     collect({id: entry, about: about, persons: CASE WHEN size(own) > 0 THEN own ELSE members END, stated: stated,
              internal: NOT stated AND a.organisation IN knowing}) AS own
WITH review, a, own, [x IN own WHERE NOT x.internal] AS cross,
     reduce(acc = [], x IN own | acc + [p IN x.persons WHERE NOT p IN acc]) AS own_persons
WITH review, a, own_persons, CASE WHEN size(cross) > 0 THEN cross ELSE own END AS lacked, size(cross) = 0 AS internal
RETURN review, [p IN own_persons WHERE any(x IN lacked WHERE p IN x.about)] AS persons,
       [a.id] AS agencies, [x IN lacked | x.id] AS events, size([x IN lacked WHERE x.stated]) AS stated,
       size(lacked) AS of, internal;
