// expected-action-missing: for each rule of $expected_actions (vocab/expected_actions.yaml),
// the entries E that trigger it (every condition given holds: E records one of its
// `risks`, and one of its `with_risks`; E's risk_level, type and outcome are among its
// `risk_level`, `types` and `trigger_outcomes`) about a person P in one of its `roles`, of
// its `age` on E's date (`child`, `adult` or `any`), with no action about P: none when the
// rule has no action (`has_action` false); otherwise an action is E's recorder being of one
// of the action's `agency_types`, or an entry L about P (any role), dated within `days` days
// of E's date, before or after it (a referral already made stands), that refers to or
// shares with an agency of those
// types, is recorded by one (L other than E), has an outcome among the action's
// `outcomes`, or is a meeting of one of its `meeting_kinds`.
// Parameters: $reviews, $expected_actions (the rules, as lists; an empty list is no condition).
// Returns one row per (rule, P): review, persons ([P]), agencies (the triggers' recorders),
// events (the triggers), stated (how many have the outcome no_referral), of, detail ([the rule's name]).
UNWIND $expected_actions AS rule
MATCH (e:Entry)-[:RECORDED_BY]->(recorder:Agency)
WHERE e.review IN $reviews
  AND (size(rule.risks) = 0 OR any(risk IN coalesce(e.risks, []) WHERE risk IN rule.risks))
  AND (size(rule.with_risks) = 0 OR any(risk IN coalesce(e.risks, []) WHERE risk IN rule.with_risks))
  AND (size(rule.risk_level) = 0 OR e.risk_level IN rule.risk_level)
  AND (size(rule.types) = 0 OR e.type IN rule.types)
  AND (size(rule.trigger_outcomes) = 0 OR e.outcome IN rule.trigger_outcomes)
MATCH (e)-[about:ABOUT]->(p:Person)
WHERE coalesce(about.role, 'subject') IN rule.roles
  AND (rule.age = 'any'
       OR (rule.age = 'child') = CASE WHEN p.born IS NOT NULL THEN p.born <= e.date < p.born + duration({years: 18})
                                      ELSE coalesce(p.child, false) END)
CALL (rule, e, recorder, p) {
  OPTIONAL MATCH (later:Entry {review: e.review})-[:ABOUT]->(p)
  WHERE rule.has_action AND abs(duration.inDays(e.date, later.date).days) <= rule.days
  OPTIONAL MATCH (later)-[:RECORDED_BY]->(by:Agency)
  WITH later, by, COLLECT { MATCH (later)-[r:REFERRED_TO|SHARED_WITH]->(told:Agency) WHERE NOT coalesce(r.unrecorded, false) RETURN coalesce(told.type, 'other') } AS told
  WITH later IS NOT NULL AND (
         any(type IN told WHERE type IN rule.agency_types)
         OR (later <> e AND coalesce(by.type, 'other') IN rule.agency_types)
         OR coalesce(later.outcome IN rule.outcomes, false)
         OR (later.type = 'meeting' AND coalesce(later.meeting_kind IN rule.meeting_kinds, false))) AS acts
  WITH rule, recorder, collect(acts) AS acts
  RETURN rule.has_action AND (coalesce(recorder.type, 'other') IN rule.agency_types OR any(x IN acts WHERE x)) AS acted
}
WITH rule, e, recorder, p
WHERE NOT acted
WITH rule.name AS name, e.review AS review, p, collect(e) AS entries, collect(recorder.id) AS recorders
RETURN review, [p.id] AS persons, recorders AS agencies, [e IN entries | e.id] AS events,
       size([e IN entries WHERE e.outcome = 'no_referral']) AS stated, size(entries) AS of, [name] AS detail;
