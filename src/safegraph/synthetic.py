"""Synthetic reviews: invented families and chronologies for benchmarks and load tests.

Nothing here resembles a real case; names are role labels. The generator is deterministic
for a given seed, so benchmark runs are comparable.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from ._vocab import vocabulary

AGENCY_TYPES = ["police", "school", "gp", "emergency_department", "ambulance", "childrens_social_care",
                "adult_social_care", "mash", "early_help", "camhs", "school_nursing", "idva", "marac",
                "housing", "probation", "mental_health"]
RISKY = ["domestic_abuse", "overdose", "self_harm", "missing", "injury", "suicidal_ideation",
         "honour_based_abuse", "substance_misuse", "neglect"]


def synthetic_review(review_id: str, entries: int = 300, *, seed: int = 0, families: int = 2) -> dict:
    """A review of ``entries`` entries over a few invented families, as a mapping in the
    YAML/JSON container's shape (see ``safegraph.review_from_dict``)."""
    rng = random.Random(f"{seed}:{review_id}")
    people, relationships = [], []
    for f in range(families):
        parent_a, parent_b = f"f{f}-parent-a", f"f{f}-parent-b"
        people += [{"id": parent_a, "name": f"Parent A{f}", "role": "parent", "born": str(rng.randint(1965, 1985))},
                   {"id": parent_b, "name": f"Parent B{f}", "role": "parent", "born": str(rng.randint(1965, 1985))}]
        relationships.append({"person": parent_a, "relation": "partner_of", "other": parent_b})
        for c in range(rng.randint(1, 4)):
            child = f"f{f}-child-{c}"
            people.append({"id": child, "name": f"Child {f}.{c}", "role": "subject",
                           "born": str(rng.randint(1998, 2012))})
            relationships.append({"person": parent_a, "relation": "parent_of", "other": child})
    ids = [p["id"] for p in people]
    agencies = [{"id": f"{t.replace('_', '-')}", "name": t.replace("_", " ").title(), "type": t,
                 "area": rng.choice(["Northtown", "Northtown", "Northtown", "Southtown"])} for t in AGENCY_TYPES]
    agency_ids = [a["id"] for a in agencies]
    types = list(vocabulary("entry_types"))
    outcomes = list(vocabulary("outcomes"))
    start = dt.date(2010, 1, 1)
    rows = []
    day = start
    for n in range(1, entries + 1):
        day += dt.timedelta(days=rng.randint(0, 9))
        agency = rng.choice(agency_ids)
        subjects = rng.sample(ids, k=rng.choice([1, 1, 1, 2, 3]))
        roles = [f"{s}:{rng.choice(['subject', 'victim', 'perpetrator', 'witness'])}" for s in subjects]
        others = [a for a in agency_ids if a != agency]
        row = {
            "id": f"{review_id}-{n}", "date": day.isoformat(), "agency": agency, "type": rng.choice(types),
            "subjects": ";".join(roles), "summary": f"Synthetic entry {n}",
            "risks": ";".join(rng.sample(RISKY, k=rng.choice([0, 0, 1, 1, 2]))),
            "referred_to": ";".join(rng.sample(others, k=rng.choice([0, 0, 0, 1]))),
            "shared_with": ";".join(rng.sample(others, k=rng.choice([0, 0, 1, 2]))),
            "spoken_to": ";".join(s for s in subjects if rng.random() < 0.5),
            "outcome": rng.choice(outcomes) if rng.random() < 0.3 else "",
            "source": f"{rng.randint(1, 9)}.{rng.randint(1, 30)}",
        }
        if row["type"] == "meeting":
            row["attendees"] = ";".join(rng.sample(others, k=rng.randint(1, 4)))
        unshared = [a for a in others if a not in row["shared_with"].split(";") and a not in row["referred_to"].split(";")]
        if rng.random() < 0.1:
            row["not_shared_with"] = rng.choice(unshared)
        if rows and rng.random() < 0.15:
            row["passes_on"] = ";".join(r["id"] for r in rng.sample(rows[-30:], k=min(len(rows[-30:]), rng.randint(1, 3))))
        if row["type"] in ("decision", "assessment") and rng.random() < 0.3:
            row["informant"] = rng.choice(ids)
        rows.append(row)
    return {
        "review": {"id": review_id, "title": f"Synthetic review {review_id}", "kind": "other", "area": "Northtown"},
        "people": people, "relationships": relationships, "agencies": agencies, "chronology": rows,
    }


# One large family (synthetic_family): weights of entry types, closer to a real chronology
# than synthetic_review's uniform draw, and the agency types that hold most of the record.
FAMILY_TYPES = {"contact": 30, "incident": 14, "referral": 10, "share": 9, "assessment": 6, "decision": 6,
                "meeting": 5, "disclosure": 4, "other": 16}
FAMILY_AGENCY_TYPES = ["police", "school", "gp", "emergency_department", "ambulance", "childrens_social_care",
                       "mash", "adult_social_care", "early_help", "camhs", "mental_health", "school_nursing",
                       "health_visiting", "idva", "domestic_abuse_service", "marac", "housing", "probation",
                       "hospital", "midwifery"]
FAMILY_RISKS = [*RISKY, "coercive_control", "physical_abuse", "emotional_abuse", "suicide_attempt", "mental_health",
                "threat_to_kill", "exploitation"]
NOTHING_DONE = ["nfa", "threshold_not_met", "signposted", "closed", "advice"]


def synthetic_family(review_id: str, entries: int = 1000, *, seed: int = 0, agencies: int = 40,
                     years: int = 12) -> dict:
    """A review of one family of eight over ``years`` years, with ``entries`` entries from
    ``agencies`` agencies in three areas: the shape of a long single-family review (issue 9,
    "Bounded cost"), as a mapping in the YAML/JSON container's shape.

    Unlike ``synthetic_review``, the period is fixed, so more entries means denser entries
    (20,000 entries over 12 years is four or five a day), and the mix is weighted: mostly
    contacts and incidents, with referrals, shares, decisions, assessments, meetings of
    every kind, disclosures, informants, risk levels, delayed and unrecorded receipts,
    stated non-shares and ``passes_on`` chains.
    """
    rng = random.Random(f"{seed}:{review_id}:family")
    people = [{"id": "mother", "name": "Mother", "role": "parent", "born": "1984"},
              {"id": "father", "name": "Father", "role": "parent", "born": "1980"},
              {"id": "partner", "name": "Partner", "role": "other", "born": "1978"},
              {"id": "grandmother", "name": "Grandmother", "role": "other", "born": "1958"}]
    people += [{"id": f"child-{c}", "name": f"Child {c}", "role": "subject", "born": str(2004 + 3 * c)}
               for c in range(4)]
    relationships = [{"person": "father", "relation": "partner_of", "other": "mother"},
                     {"person": "partner", "relation": "partner_of", "other": "mother"},
                     {"person": "grandmother", "relation": "parent_of", "other": "mother"}]
    relationships += [{"person": parent, "relation": "parent_of", "other": f"child-{c}"}
                      for c in range(4) for parent in ("mother", "father")]
    ids = [p["id"] for p in people]
    areas = ["Northtown"] * 5 + ["Southtown"] * 2 + ["Eastborough"]
    agency_rows, seen = [], {}
    for n in range(agencies):
        kind = FAMILY_AGENCY_TYPES[n % len(FAMILY_AGENCY_TYPES)]
        seen[kind] = seen.get(kind, 0) + 1
        aid = kind.replace("_", "-") + (f"-{seen[kind]}" if seen[kind] > 1 else "")
        row = {"id": aid, "name": aid.replace("-", " ").title(), "type": kind, "area": rng.choice(areas)}
        if seen[kind] > 1 and kind in ("police", "childrens_social_care"):
            row["part_of"] = kind.replace("_", "-")  # a second unit of one organisation
        agency_rows.append(row)
    agency_ids = [a["id"] for a in agency_rows]
    kind_of = {a["id"]: a["type"] for a in agency_rows}
    deciders = [a for a in agency_ids if kind_of[a] in ("mash", "childrens_social_care", "adult_social_care")]
    types, weights = list(FAMILY_TYPES), list(FAMILY_TYPES.values())
    kinds = list(vocabulary("meeting_kinds"))
    outcomes = list(vocabulary("outcomes"))
    start = dt.date(2010, 1, 1)
    span = years * 365
    days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(entries))
    rows = []
    for n, day in enumerate(days, start=1):
        kind = rng.choices(types, weights)[0]
        agency = rng.choice(deciders if kind in ("decision", "assessment") and rng.random() < 0.6 else agency_ids)
        others = [a for a in agency_ids if a != agency]
        subjects = rng.sample(ids, k=rng.choice([1, 1, 1, 2, 2, 3]))
        roles = [f"{s}:{rng.choice(['subject', 'subject', 'victim', 'perpetrator', 'witness'])}" for s in subjects]
        risks = rng.sample(FAMILY_RISKS, k=rng.choice([0, 0, 0, 1, 1, 2]))
        row = {"id": f"{review_id}-{n}", "date": day.isoformat(), "agency": agency, "type": kind,
               "subjects": ";".join(roles), "summary": f"Synthetic entry {n}", "risks": ";".join(risks)}
        if risks and rng.random() < 0.15:
            row["risk_level"] = rng.choice(["standard", "medium", "high"])
        referred = []
        if kind == "referral":
            referred = rng.sample([a for a in others if a in deciders] or others, k=1)
            row["outcome"] = rng.choice(NOTHING_DONE) if rng.random() < 0.6 else rng.choice(outcomes)
        elif rng.random() < 0.04:
            referred = rng.sample(others, k=1)
        shared = rng.sample([a for a in others if a not in referred], k=rng.choice([0, 0, 0, 1, 1, 2]))
        attendees = rng.sample(others, k=rng.randint(1, 6)) if kind == "meeting" else []
        recipients = list(dict.fromkeys([*referred, *shared, *attendees]))
        row["referred_to"] = ";".join(referred)
        row["shared_with"] = ";".join(shared)
        if kind == "meeting":
            row["meeting_kind"] = rng.choice(kinds)
            row["attendees"] = ";".join(attendees)
        late = [a for a in recipients if rng.random() < 0.05]
        if late:
            row["received"] = ";".join(f"{a}:{(day + dt.timedelta(days=rng.randint(1, 30))).isoformat()}" for a in late)
        lost = [a for a in recipients if a not in late and rng.random() < 0.02]
        if lost:
            row["unrecorded_by"] = ";".join(lost)
        if rng.random() < 0.08:
            row["not_shared_with"] = rng.choice([a for a in others if a not in recipients])
        if kind in ("decision", "assessment"):
            row["outcome"] = rng.choice(outcomes)
            if rng.random() < 0.3:
                row["informant"] = rng.choice(ids)
            seen_now = rng.random()
            if seen_now < 0.1:
                row["spoken_to"] = "none"
            elif seen_now < 0.7:
                row["spoken_to"] = ";".join(s for s in subjects if rng.random() < 0.5) or "none"
        elif rng.random() < 0.3:
            row["spoken_to"] = ";".join(s for s in subjects if rng.random() < 0.5)
        if rows and rng.random() < 0.15:
            window = rows[-30:]
            row["passes_on"] = ";".join(r["id"] for r in rng.sample(window, k=min(len(window), rng.randint(1, 3))))
        rows.append(row)
    return {
        "review": {"id": review_id, "title": f"Synthetic family {review_id}", "kind": "other", "area": "Northtown"},
        "people": people, "relationships": relationships, "agencies": agency_rows, "chronology": rows,
    }


def write_review(folder: Path, data: dict) -> Path:
    """Write a review mapping as a CSV folder (review.yaml and the four CSVs)."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "review.yaml").write_text(yaml.safe_dump(data["review"], sort_keys=False), encoding="utf-8")
    for name in ("people", "relationships", "agencies", "chronology"):
        rows = data[name]
        columns = list(dict.fromkeys(k for row in rows for k in row)) or ["id"]
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def write_corpus(folder: Path, reviews: int, entries: int, *, seed: int = 0) -> Path:
    """Write ``reviews`` synthetic reviews of ``entries`` entries each under ``folder``."""
    for r in range(reviews):
        review_id = f"syn-{r:04d}"
        write_review(folder / review_id, synthetic_review(review_id, entries, seed=seed))
    return folder
