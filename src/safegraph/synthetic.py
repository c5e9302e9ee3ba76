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
