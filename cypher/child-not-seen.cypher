// child-not-seen: a decision or assessment entry D whose spoken_to is recorded (people
// listed, or written `none`), about a person (as subject, victim or perpetrator: one of
// $substantive_roles) who is a child on D's date and is not in D's spoken_to. A child:
// born <= D's date < born + 18 years (29 February + 18 years is 28 February), or, where
// born is unknown, `child` is true.
// Parameters: $reviews (list of review ids), $substantive_roles.
// Returns one row per D: review, persons (the unseen children), agencies ([D's agency]), events ([D]).
MATCH (d:Entry)-[:RECORDED_BY]->(a:Agency)
WHERE d.review IN $reviews AND d.type IN ['decision', 'assessment']
  AND (EXISTS { (d)-[:SPOKE_TO]->(:Person) } OR 'spoken_to' IN coalesce(d.none_in, []))
MATCH (d)-[about:ABOUT]->(p:Person)
WHERE coalesce(about.role, 'subject') IN $substantive_roles
  AND CASE WHEN p.born IS NOT NULL THEN p.born <= d.date < p.born + duration({years: 18})
           ELSE coalesce(p.child, false) END
  AND NOT (d)-[:SPOKE_TO]->(p)
RETURN d.review AS review, collect(p.id) AS persons, [a.id] AS agencies, [d.id] AS events;
