// unshared-meeting-outcome: a meeting entry M, and the agencies that never came to know M,
// in three groups: `not_told` (M's not_shared_with), `expected` (of a type M's meeting_kind
// normally invites, with a substantive contact with anyone in the family of M's subjects
// within $window days of M) and `working_with` (with a substantive contact with one of M's
// subjects within $window days). An episodic agency's contacts count $contact_days further
// out. A meeting whose only such agencies are expected ones is not reported (the
// attendance record is missing). An agency (other than a not_told one) whose organisation
// knew M through another unit is left out; a meeting with no other gaps gives one finding
// marked internal, listing those agencies.
// Parameters: $reviews, $window (default 90), $contact_days (default 7),
// $meeting_expected (meeting kind -> the agency types it normally invites).
// Returns one row per M: review, persons (M's subjects), agencies, events ([M]), stated
// (how many are not_told), of (how many agencies), internal, groups.
MATCH (m:Entry {type: 'meeting'})
WHERE m.review IN $reviews
MATCH (m)-[:ABOUT]->(s:Person)
WITH m, collect(s.id) AS subjects, collect(DISTINCT s.family) AS families,
     coalesce($meeting_expected[m.meeting_kind], []) AS expected_types
MATCH (a:Agency {review: m.review})
WHERE NOT (a)-[:KNOWS]->(m)
WITH m, subjects, families, expected_types, a,
     EXISTS { (m)-[:NOT_SHARED_WITH]->(a) } AS stated,
     duration({days: $window + CASE WHEN a.episodic THEN $contact_days ELSE 0 END}) AS reach
CALL (m, a, reach) {
  OPTIONAL MATCH (a)-[inv:INVOLVED_WITH]->(p:Person)
  WHERE any(day IN inv.days WHERE m.date - reach <= day <= m.date + reach)
  RETURN collect(p) AS near
}
WITH m, subjects, a, stated,
     CASE WHEN stated THEN 'not_told'
          WHEN coalesce(a.type, 'other') IN expected_types AND any(p IN near WHERE p.family IN families)
            THEN 'expected'
          WHEN any(p IN near WHERE p.id IN subjects) THEN 'working_with'
     END AS grp
WHERE grp IS NOT NULL
WITH m, subjects, a, stated, grp,
     grp <> 'not_told' AND EXISTS {
       MATCH (other:Agency {review: m.review, organisation: a.organisation})-[:KNOWS]->(m) WHERE other <> a
     } AS internal
WITH m, subjects,
     collect(CASE WHEN NOT internal THEN {agency: a.id, grp: grp} END) AS gaps,
     collect(CASE WHEN internal THEN {agency: a.id, stated: stated} END) AS internals
// Expected invitees alone are not reported: the attendance record is missing.
WITH m, subjects, internals, CASE WHEN any(g IN gaps WHERE g.grp <> 'expected') THEN gaps ELSE [] END AS gaps
WHERE size(gaps) > 0 OR size(internals) > 0
RETURN m.review AS review, subjects AS persons, [m.id] AS events,
       CASE WHEN size(gaps) > 0 THEN [g IN gaps | g.agency] ELSE [i IN internals | i.agency] END AS agencies,
       CASE WHEN size(gaps) > 0 THEN size([g IN gaps WHERE g.grp = 'not_told'])
            ELSE size([i IN internals WHERE i.stated]) END AS stated,
       CASE WHEN size(gaps) > 0 THEN size(gaps) ELSE size(internals) END AS of,
       size(gaps) = 0 AS internal,
       CASE WHEN size(gaps) > 0
            THEN {not_told: [g IN gaps WHERE g.grp = 'not_told' | g.agency],
                  expected: [g IN gaps WHERE g.grp = 'expected' | g.agency],
                  working_with: [g IN gaps WHERE g.grp = 'working_with' | g.agency]}
            ELSE {internal: [i IN internals | i.agency]} END AS groups;
