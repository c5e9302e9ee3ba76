// cross-boundary: pairs of agencies A, B across a boundary (not of one organisation,
// neither of a type that spans areas ($spans_areas), both with areas recorded and sharing
// none; areas are the `;`-separated parts of `area`, trimmed, compared lower-case), with
// substantive contacts with one person (or, where A and B are of one type, with members of
// one household) within $boundary_days of each other, where neither ever knew an entry
// about that person's family recorded by the other. Pairs are grouped by family and by the
// two sides (each side: the agency's areas, sorted, joined with `;`).
// Parameters: $reviews, $boundary_days (default 365), $spans_areas (agency types).
// Returns one row per (family, pair of sides): review, persons (the people the pairs
// worked with), agencies (every agency of a pair), events (the contacts within the days),
// detail (the pairs as `A|B`, A's id first, sorted), groups (a list of [side, agencies]).
MATCH (a:Agency)
WHERE a.review IN $reviews AND NOT coalesce(a.type, 'other') IN $spans_areas
WITH a, [x IN split(coalesce(a.area, ''), ';') WHERE trim(x) <> '' | toLower(trim(x))] AS written
WITH a, reduce(areas = [], x IN written | CASE WHEN x IN areas THEN areas
            ELSE [y IN areas WHERE y < x] + [x] + [y IN areas WHERE y > x] END) AS areas
WHERE size(areas) > 0
WITH a.review AS review, collect({agency: a, areas: areas}) AS sided
UNWIND sided AS one
UNWIND sided AS two
WITH review, one.agency AS a, one.areas AS areas_a, two.agency AS b, two.areas AS areas_b
WHERE a.id < b.id AND a.organisation <> b.organisation AND none(x IN areas_a WHERE x IN areas_b)
MATCH (a)-[ia:INVOLVED_WITH]->(p:Person)
MATCH (b)-[ib:INVOLVED_WITH]->(q:Person {review: review, family: p.family})
WHERE q = p OR (coalesce(a.type, 'other') = coalesce(b.type, 'other') AND q.household = p.household)
UNWIND range(0, size(ia.contact_days) - 1) AS i
UNWIND range(0, size(ib.contact_days) - 1) AS j
WITH review, a, areas_a, b, areas_b, p, q, ia.contact_entries[i] AS event_a, ib.contact_entries[j] AS event_b
WHERE abs(duration.inDays(ia.contact_days[i], ib.contact_days[j]).days) <= $boundary_days
WITH review, a, areas_a, b, areas_b, p.family AS family,
     collect(DISTINCT p.id) + collect(DISTINCT q.id) AS persons,
     collect(DISTINCT event_a) + collect(DISTINCT event_b) AS events
WHERE NOT EXISTS {
    MATCH (a)-[:KNOWS]->(e:Entry)-[:RECORDED_BY]->(b)
    WHERE EXISTS { MATCH (e)-[:ABOUT]->(m:Person) WHERE m.family = family }
  }
  AND NOT EXISTS {
    MATCH (b)-[:KNOWS]->(e:Entry)-[:RECORDED_BY]->(a)
    WHERE EXISTS { MATCH (e)-[:ABOUT]->(m:Person) WHERE m.family = family }
  }
WITH review, family, a, b, persons, events,
     reduce(side = '', x IN areas_a | side + CASE WHEN side = '' THEN '' ELSE ';' END + x) AS side_a,
     reduce(side = '', x IN areas_b | side + CASE WHEN side = '' THEN '' ELSE ';' END + x) AS side_b
WITH review, family, CASE WHEN side_a < side_b THEN [side_a, side_b] ELSE [side_b, side_a] END AS sides,
     collect(a.id + '|' + b.id) AS pairs, collect([side_a, a.id]) + collect([side_b, b.id]) AS members,
     reduce(flat = [], x IN collect(persons) | flat + x) AS persons,
     reduce(flat = [], x IN collect(events) | flat + x) AS events
RETURN review, persons, [m IN members | m[1]] AS agencies, events,
       reduce(sorted = [], x IN pairs | [y IN sorted WHERE y < x] + [x] + [y IN sorted WHERE y > x]) AS detail,
       [side IN sides | [side, reduce(ids = [], m IN members |
          CASE WHEN m[0] = side AND NOT m[1] IN ids THEN ids + m[1] ELSE ids END)]] AS groups;
