// unlinked-family-risk: for each agency A and family, the entries with risks about other
// members of the family, dated while A worked with someone in it, that A never came to
// know. The computation is A's missing picture of the family (gaps/_picture.py), as in
// unshared-risk:
// - an entry counts when it is not a meeting, A never knew it, and it records risks or the
//   review states it was not shared with A (a stated non-share counts whatever its date);
// - it belongs to the picture of each family among its subjects;
// - when A was involved with none of its subjects on its date (those are unshared-risk's),
//   it is this query's if A was involved on that date (ongoing: from first to last contact;
//   episodic: in the $contact_days days up to a contact) with another member of that family (the
//   anchors; any member, when stated).
// Entries another unit of A's organisation knew (and the review does not state were not
// shared with A) are internal: reported, marked internal, only where they are all A lacked.
// Parameters: $reviews, $contact_days (default 7).
// Returns one row per (A, family): review, persons (the anchors), agencies ([A]), events
// (the entries A lacked), stated, of, internal, detail (the other people those entries are
// about, sorted).
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
WHERE size(own) = 0 AND size(anchors) > 0
WITH review, a, family,
     collect({id: entry, about: members, anchors: anchors, stated: stated,
              internal: NOT stated AND a.organisation IN knowing}) AS relatives
WITH review, a, relatives, [x IN relatives WHERE NOT x.internal] AS cross,
     reduce(acc = [], x IN relatives | acc + [p IN x.anchors WHERE NOT p IN acc]) AS anchors
WITH review, a, anchors, CASE WHEN size(cross) > 0 THEN cross ELSE relatives END AS lacked,
     size(cross) = 0 AS internal
WITH review, a, anchors, lacked, internal,
     reduce(acc = [], x IN lacked | acc + [p IN x.about WHERE NOT p IN anchors AND NOT p IN acc]) AS others
RETURN review, anchors AS persons, [a.id] AS agencies, [x IN lacked | x.id] AS events,
       size([x IN lacked WHERE x.stated]) AS stated, size(lacked) AS of, internal,
       reduce(sorted = [], p IN others | [q IN sorted WHERE q < p] + [p] + [q IN sorted WHERE q > p]) AS detail;
