"""Synthetic reviews: invented families and chronologies for benchmarks and load tests.

Nothing here resembles a real case; names are role labels. The generator is deterministic
for a given seed, so benchmark runs are comparable.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from ._vocab import term_property, vocabulary

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


# -- A corpus with ground truth (issue 12) ------------------------------------------------------
#
# realistic_review() writes one family's review in the shape of a published one (a family of
# 3-8, 5-20 agencies, 50-800 entries over several years) whose background follows good
# practice: every entry recording risks reaches every agency working with the family at the
# time, every meeting reaches the agencies around it, every referral to a service that owes
# feedback is decided and the decision sent back, every decision is preceded by a check of
# the records, disclosures are referred, children are seen. Then it plants, per review, a
# handful of gaps of every query's kind by removing or altering that sharing, and returns
# them as the ground truth. docs/benchmarks.md ("Ground truth") describes the plants and
# how a finding is matched to one (``matches``).

TRUTH_COLUMNS = ["review", "query", "entries", "agency", "persons", "detail", "description"]
REVIEW_KINDS = ["scr", "lcspr", "lcspr", "sar", "dhr"]
AREAS = ["Northtown", "Southtown", "Eastborough", "Westmere", "Highfield", "Lowvale", "Riverside", "Hillcross"]
DECIDER_TYPES = ("mash", "childrens_social_care", "adult_social_care")
CHILD_DECIDERS = ("mash", "childrens_social_care")
# Agency types a review draws from after its core (CORE_TYPES, by review kind).
EXTRA_TYPES = ["health_visiting", "school_nursing", "emergency_department", "ambulance", "camhs", "mental_health",
               "housing", "probation", "early_help", "idva", "marac", "domestic_abuse_service", "midwifery",
               "hospital", "victim_support", "adult_social_care", "mash", "voluntary"]
CORE_TYPES = {"scr": ["childrens_social_care", "police", "school", "gp"],
              "lcspr": ["childrens_social_care", "police", "school", "gp"],
              "sar": ["adult_social_care", "childrens_social_care", "police", "gp"],
              "dhr": ["police", "childrens_social_care", "gp", "idva"]}
# Risks the background uses, by who the entry is about; the pattern plants keep their own
# (RESERVED), so that a planted pattern is the only one of its risk in the family.
CHILD_RISKS = ["neglect", "emotional_abuse", "self_harm", "injury", "non_engagement", "physical_abuse"]
ADULT_RISKS = ["mental_health", "substance_misuse", "overdose", "non_engagement"]
RESERVED = ["missing", "suicidal_ideation", "suicide_attempt"]
ACTED = ["single_assessment", "early_help", "cin_plan", "strategy_meeting", "s47"]
NOTHING = ["nfa", "threshold_not_met", "advice", "signposted", "closed"]
MEETING_KINDS = {"childrens_social_care": ["strategy_meeting", "cp_conference", "core_group", "cin_meeting"],
                 "mash": ["strategy_meeting", "professionals_meeting"], "marac": ["marac"],
                 "adult_social_care": ["safeguarding_adults"]}
# How often an agency of each type records an entry, against 1 for the other types.
WEIGHTS = {"police": 3, "school": 2, "gp": 2, "emergency_department": 1, "ambulance": 1, "childrens_social_care": 3,
           "mash": 2, "adult_social_care": 2, "marac": 0.5}


class _Entry:
    """A draft chronology entry: its fields, and what the background's sharing must leave out."""

    def __init__(self, draft, day, agency, type, subjects, summary, *, risks=(), **more):
        draft.seq += 1
        self.seq = more.pop("seq", draft.seq)
        self.day, self.agency, self.type, self.subjects, self.summary = day, agency, type, list(subjects), summary
        self.risks = list(risks)
        self.referred_to, self.shared_with, self.attendees, self.not_shared_with = [], [], [], []
        self.passes_on, self.unrecorded_by = [], []
        self.received: dict[str, dt.date] = {}
        self.meeting_kind = self.outcome = self.informant = self.risk_level = None
        self.spoken_to = None  # None: not recorded
        self.block: set[str] = set()  # agencies the background's sharing leaves out
        self.auto = True  # shared with those working with the family (risks) or around it (meetings)
        self.share_as = None  # share with whoever the given entry would have reached
        self.hold: dict[str, dt.date] = {}  # agency -> the day before which no records check passes it on
        self.planted = False
        self.id = ""
        for key, value in more.items():
            setattr(self, key, value)
        draft.entries.append(self)

    @property
    def people(self) -> list[str]:
        return [p for p, _ in self.subjects]

    @property
    def substantive(self) -> list[str]:
        return [p for p, role in self.subjects if role in ("subject", "victim", "perpetrator")]

    def recipients(self) -> list[str]:
        return list(dict.fromkeys([*self.referred_to, *self.shared_with, *self.attendees]))

    def row(self) -> dict:
        out = {"id": self.id, "date": self.day.isoformat(), "agency": self.agency, "type": self.type,
               "subjects": ";".join(p if role == "subject" else f"{p}:{role}" for p, role in self.subjects),
               "summary": self.summary, "risks": ";".join(self.risks), "risk_level": self.risk_level or "",
               "referred_to": ";".join(self.referred_to), "shared_with": ";".join(self.shared_with),
               "not_shared_with": ";".join(self.not_shared_with), "attendees": ";".join(self.attendees),
               "meeting_kind": self.meeting_kind or "",
               "received": ";".join(f"{a}:{d.isoformat()}" for a, d in self.received.items()),
               "unrecorded_by": ";".join(self.unrecorded_by), "passes_on": ";".join(e.id for e in self.passes_on),
               "outcome": self.outcome or "",
               "spoken_to": "" if self.spoken_to is None else (";".join(self.spoken_to) or "none"),
               "informant": self.informant or ""}
        return out


class _Draft:
    """One review being generated: family, agencies with the days each works with the family,
    and the entries."""

    def __init__(self, review_id: str, rng: random.Random, size: int):
        self.id, self.rng, self.size = review_id, rng, size
        self.seq = 0
        self.entries: list[_Entry] = []
        self.truth: list[dict] = []
        self.isolated: set[str] = set()  # agencies the background never shares with
        self.never: set[tuple[str, str]] = set()  # (recorder, agency): never shared between them
        self.touched: set[int] = set()  # ids of entries a plant has altered
        self.clear: list[tuple[str, dt.date, dt.date]] = []  # (person, from, to): no more risks about them
        self.kind = rng.choice(REVIEW_KINDS)
        self.area = rng.choice(AREAS)
        self.other_area = rng.choice([a for a in AREAS if a != self.area])
        self.start = dt.date(rng.randint(2008, 2019), rng.randint(1, 12), 1)
        self.end = self.start + dt.timedelta(days=rng.randint(2 * 365, 6 * 365))
        self._family()
        self._agencies()

    # -- the family and the agencies -------------------------------------------------------

    def _family(self):
        """Mother, father, one to five children, sometimes the maternal grandmother."""
        rng, year = self.rng, self.start.year
        size = rng.randint(3, 8)
        grandmother = size >= 5 and rng.random() < 0.5
        children = size - 2 - grandmother
        self.people = [{"id": "mother", "name": "Mother", "role": "parent", "sex": "f", "born": str(year - rng.randint(22, 40))},
                       {"id": "father", "name": "Father", "role": "parent", "sex": "m", "born": str(year - rng.randint(23, 45))}]
        self.relationships = [{"person": "father", "relation": "partner_of", "other": "mother"}]
        if grandmother:
            self.people.append({"id": "grandmother", "name": "Maternal grandmother", "role": "other", "sex": "f",
                                "born": str(year - rng.randint(45, 65))})
            self.relationships.append({"person": "grandmother", "relation": "parent_of", "other": "mother"})
        self.children = []
        for c in range(1, children + 1):
            born = self.start - dt.timedelta(days=rng.randint(365, 14 * 365))
            pid = f"child-{c}"
            self.children.append(pid)
            self.people.append({"id": pid, "name": f"Child {c}", "role": "subject", "sex": rng.choice("fm"),
                                "born": born.isoformat()})
            for parent in ("mother", "father"):
                self.relationships.append({"person": parent, "relation": "parent_of", "other": pid})
        self.adults = [p["id"] for p in self.people if p["id"] not in self.children]
        self.members = [p["id"] for p in self.people]

    def _agencies(self):
        """The review kind's core agencies and others up to 5-18, each with the days it works
        with the family (statutory, universal-health and one-off services: the whole period)."""
        rng = self.rng
        count = rng.randint(5, 18)  # the plants add up to two more
        types = list(CORE_TYPES[self.kind])
        pool = [t for t in EXTRA_TYPES if t not in types]
        rng.shuffle(pool)
        types += pool[: max(0, count - len(types))]
        self.agencies: dict[str, dict] = {}
        self.window: dict[str, list[dt.date]] = {}
        span = (self.end - self.start).days
        for kind in types:
            aid = kind.replace("_", "-")
            row = {"id": aid, "name": f"{kind.replace('_', ' ').capitalize()} ({self.area})", "type": kind,
                   "area": self.area}
            if kind == "mash" and "childrens_social_care" in types:
                row["part_of"] = "childrens-social-care"
            if kind == "marac":
                row["involvement"] = "episodic"  # a MARAC meets the family only at its meetings
            self.agencies[aid] = row
            whole = kind in (*DECIDER_TYPES, "police", "gp", "emergency_department", "ambulance", "marac")
            begin = self.start if whole else self.start + dt.timedelta(days=rng.randint(0, span // 2))
            self.window[aid] = [begin, self.end]

    def type_of(self, agency: str) -> str:
        """The agency's type."""
        return self.agencies[agency]["type"]

    def episodic(self, agency: str) -> bool:
        """True for a one-off service (the contract's episodic involvement)."""
        row = self.agencies[agency]
        return row.get("involvement") == "episodic" or row["type"] in ("emergency_department", "ambulance")

    def active(self, day: dt.date, *, ongoing=True) -> list[str]:
        """The agencies working with the family on ``day`` (only ongoing ones, by default)."""
        return [a for a, (lo, hi) in self.window.items() if lo <= day <= hi and (not ongoing or not self.episodic(a))]

    def of_types(self, types, day=None) -> list[str]:
        """The agencies of the given types (active on ``day``, if given)."""
        return [a for a in self.agencies if self.type_of(a) in types and (day is None or a in self.active(day, ongoing=False))]

    def child_decider(self) -> str:
        """Where a child is referred: the MASH, else children's social care."""
        found = self.of_types(("mash",)) or self.of_types(("childrens_social_care",))
        return found[0]

    def day_in(self, lo: dt.date, hi: dt.date) -> dt.date:
        """A day from ``lo`` to ``hi`` (``lo`` if the range is empty)."""
        return lo + dt.timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def child_on(self, person: str, day: dt.date) -> bool:
        """True if ``person`` is a child on ``day``, with a month's margin before the 18th birthday."""
        if person not in self.children:
            return False
        born = dt.date.fromisoformat(next(p["born"] for p in self.people if p["id"] == person))
        return born <= day and (day - born).days < 18 * 365 - 30

    # -- the background: good practice ------------------------------------------------------

    def focus(self, agency: str) -> str:
        """Whom an entry of this agency is about, by the kind of service."""
        kind = self.type_of(agency)
        if kind in ("school", "school_nursing", "health_visiting", "camhs", "early_help", "childrens_social_care",
                    "mash") and self.children:
            return self.rng.choice(self.children)
        if kind in ("mental_health", "probation", "adult_social_care", "idva", "domestic_abuse_service", "housing",
                    "victim_support", "marac"):
            return self.rng.choice(["mother", "mother", "father"])
        return self.rng.choice(self.members)

    def risk_for(self, person: str) -> str:
        """A background risk for an entry about ``person``."""
        return self.rng.choice(CHILD_RISKS if person in self.children else ADULT_RISKS)

    def referral(self, day, agency, subjects, *, risks=(), target=None, outcome=None, gap=None, summary=None,
                 type="referral", roles=None):
        """A referral (or a disclosure referred on) and the target's decision on it, sent back
        to the referrer: the background's good practice. Returns (referral, decision)."""
        rng = self.rng
        adults = all(p not in self.children for p in subjects)
        if target is None:
            target = (self.of_types(("adult_social_care",)) or [self.child_decider()])[0] if adults \
                else self.child_decider()
        if outcome is None:
            outcome = rng.choice(NOTHING) if rng.random() < 0.35 else rng.choice(ACTED)
            if outcome in NOTHING and any(self.nothing.get((p, target), 0) >= 2 for p in subjects):
                outcome = rng.choice(ACTED)
        if outcome in NOTHING and type == "referral":
            for p in subjects:
                self.nothing[(p, target)] = self.nothing.get((p, target), 0) + 1
        roles = roles or ["subject"] * len(subjects)
        ref = _Entry(self, day, agency, type, zip(subjects, roles),
                     summary or f"{self.name(agency)} refers {self.names(subjects)} to {self.name(target)}",
                     risks=risks, outcome=outcome if type == "referral" else None)
        ref.referred_to = [target]
        when = min(self.end, day + dt.timedelta(days=gap if gap is not None else rng.randint(0, 6)))
        decision = _Entry(self, when, target, "decision", [(p, "subject") for p in subjects],
                          f"{self.name(target)} decides on the referral: {outcome.replace('_', ' ')}; "
                          f"outcome sent to {self.name(agency)}", outcome=outcome, spoken_to=list(subjects))
        decision.passes_on = [ref]
        decision.shared_with = [agency]
        return ref, decision

    def name(self, agency: str) -> str:
        """The agency's name."""
        return self.agencies[agency]["name"]

    def names(self, people) -> str:
        label = {p["id"]: p["name"] for p in self.people}
        return ", ".join(label[p] for p in people)

    def background(self, count: int):
        """``count`` entries (about; referrals bring their decisions) of ordinary practice."""
        rng = self.rng
        self.nothing: dict[tuple[str, str], int] = {}
        span = (self.end - self.start).days
        while len(self.entries) < count:
            day = self.start + dt.timedelta(days=rng.randint(0, span))
            active = self.active(day, ongoing=False)
            agency = rng.choices(active, [WEIGHTS.get(self.type_of(a), 1) for a in active])[0]
            kind = self.type_of(agency)
            who = self.focus(agency)
            roll = rng.random()
            if kind == "marac" or (kind in DECIDER_TYPES and roll < 0.15):
                self.background_meeting(day, agency)
            elif kind in DECIDER_TYPES:
                people = self.household_of(who)
                if roll < 0.55:
                    _Entry(self, day, agency, rng.choice(["decision", "assessment"]), [(p, "subject") for p in people],
                           f"{self.name(agency)} reviews the plan for {self.names(people)}",
                           outcome=rng.choice(ACTED + NOTHING), spoken_to=list(people),
                           informant=rng.choice(people) if rng.random() < 0.2 else None)
                else:
                    _Entry(self, day, agency, "contact", [(who, "subject")],
                           f"{self.name(agency)} visits {self.names([who])}", spoken_to=[who])
            elif kind in ("emergency_department", "ambulance"):
                risk = rng.choice(["injury", "self_harm"] if who in self.children else ["injury", "overdose"])
                _Entry(self, day, agency, "incident", [(who, "subject")],
                       f"{self.name(agency)} treats {self.names([who])} ({risk.replace('_', ' ')})", risks=[risk])
            elif kind == "police" and roll < 0.45:
                witness = [(c, "witness") for c in self.children if rng.random() < 0.3]
                e = _Entry(self, day, agency, "incident", [("mother", "victim"), ("father", "perpetrator"), *witness],
                           "Police called to a domestic incident at the family home", risks=["domestic_abuse"])
                if rng.random() < 0.5:
                    e.risk_level = rng.choice(["standard", "medium"])
            elif roll < 0.12 and kind != "police":
                self.referral(day, agency, [who], risks=[self.risk_for(who)] if rng.random() < 0.5 else [])
            elif roll < 0.15 and who in self.children and self.child_on(who, day):
                risk = rng.choice(["emotional_abuse", "physical_abuse", "neglect"])
                self.referral(day, agency, [who], risks=[risk], type="disclosure", roles=["victim"],
                              summary=f"{self.names([who])} tells {self.name(agency)} of {risk.replace('_', ' ')}; "
                                      "referred the same day")
            elif roll < 0.22 and kind in ("camhs", "mental_health", "early_help", "probation"):
                _Entry(self, day, agency, "assessment", [(who, "subject")],
                       f"{self.name(agency)} assesses {self.names([who])}", spoken_to=[who],
                       outcome=rng.choice(["other", "safety_plan", "discharged"]))
            elif roll < 0.3:
                told = [a for a in self.active(day) if a != agency]
                if told:
                    e = _Entry(self, day, agency, "share", [(who, "subject")],
                               f"{self.name(agency)} sends an update on {self.names([who])}")
                    e.shared_with = rng.sample(told, k=min(len(told), rng.randint(1, 2)))
            else:
                risks = [self.risk_for(who)] if rng.random() < 0.3 else []
                _Entry(self, day, agency, rng.choice(["contact", "contact", "incident", "other"]), [(who, "subject")],
                       f"{self.name(agency)} sees {self.names([who])}" + (
                           f" ({risks[0].replace('_', ' ')})" if risks else ""), risks=risks,
                       spoken_to=[who] if rng.random() < 0.4 else None)

    def household_of(self, who: str) -> list[str]:
        """``who``, with some of the other children if ``who`` is a child."""
        if who in self.children:
            return [c for c in self.children if c == who or self.rng.random() < 0.3]
        return [who]

    def background_meeting(self, day, agency, subjects=None):
        """A meeting of the kind the agency holds, about a child (or children) or the mother."""
        kind = self.rng.choice(MEETING_KINDS.get(self.type_of(agency), ["professionals_meeting"]))
        if subjects is None:
            subjects = ["mother"] if kind in ("marac", "safeguarding_adults") or not self.children \
                else self.household_of(self.rng.choice(self.children))
        roles = "victim" if kind == "marac" else "subject"
        label = kind.replace("_", " ")
        return _Entry(self, day, agency, "meeting", [(p, roles) for p in subjects],
                      f"{label.capitalize()} about {self.names(subjects)}; plan agreed and minutes sent",
                      meeting_kind=kind, outcome="cp_plan" if kind == "cp_conference" else None)

    # -- sharing, records checks, ids -------------------------------------------------------

    def contacts(self, agency: str) -> list[dt.date]:
        """The days of an agency's own entries with someone as subject, victim or perpetrator."""
        return sorted({e.day for e in self.entries if e.agency == agency and e.substantive})

    def settle_windows(self):
        """Widen each ongoing agency's days to the meetings it is told of (being told of a
        meeting about someone makes a universal service involved with them from that day)."""
        meetings = sorted({e.day for e in self.entries if e.type == "meeting" and e.auto})
        near = dt.timedelta(days=97)
        changed = True
        while changed:
            changed = False
            for agency, days in self.window.items():
                if self.episodic(agency) or agency in self.isolated:
                    continue
                for m in meetings:
                    if m < days[0] <= m + near:
                        days[0], changed = m, True
                    if m - near <= days[1] < m:
                        days[1], changed = m, True

    def reach(self, e: _Entry) -> list[str]:
        """The agencies good practice sends ``e`` to: for a meeting, every agency working with
        the family within 97 days of it; for an entry with risks, every agency working with the
        family that day (a one-off service: with a contact in the 7 days after)."""
        lo, hi = (e.day - dt.timedelta(days=97), e.day + dt.timedelta(days=97)) if e.type == "meeting" \
            else (e.day, e.day)
        out = []
        for agency, (start, end) in self.window.items():
            if agency in self.isolated or (e.agency, agency) in self.never or agency == e.agency:
                continue
            if self.episodic(agency):
                reach = hi + dt.timedelta(days=0 if e.type == "meeting" else 7)
                if any(lo <= c <= reach for c in self.episodic_days[agency]):
                    out.append(agency)
            elif start <= hi and end >= lo:
                out.append(agency)
        return out

    def share(self):
        """Apply the background's sharing to every entry it applies to."""
        self.settle_windows()
        self.episodic_days = {a: self.contacts(a) for a in self.agencies if self.episodic(a)}
        for e in self.entries:
            source = e.share_as or e
            if not e.auto or not (source.type == "meeting" or source.risks or e.share_as):
                continue
            have = set(e.recipients()) | {e.agency}
            told = [a for a in self.reach(source) if a not in have and a not in e.block and a != e.agency]
            if e.type == "meeting":
                attend = [a for a in told if self.type_of(a) in (*DECIDER_TYPES, "police", "marac")
                          and not self.episodic(a) and self.window[a][0] <= e.day <= self.window[a][1]]
                e.attendees += attend
                e.shared_with += [a for a in told if a not in attend]
            else:
                e.shared_with += told

    def records_checks(self):
        """Before each decision or assessment, a check of the records passes on every earlier
        entry with risks about the family that the agency did not know (the background's
        "decisions cite history")."""
        known: dict[str, set[int]] = {}
        risky: list[_Entry] = []

        def learn(agency, entry):
            known.setdefault(agency, set()).add(id(entry))
            for earlier in entry.passes_on:
                learn(agency, earlier)

        for x in sorted(self.entries, key=lambda e: (e.day, e.seq)):
            if x.type in ("decision", "assessment"):
                missing = [e for e in risky if id(e) not in known.get(x.agency, ())
                           and not (x.agency in e.hold and x.day < e.hold[x.agency])]
                if missing:
                    check = _Entry(self, x.day, x.agency, "other", x.subjects,
                                   f"{self.name(x.agency)} checks the records of other agencies before deciding",
                                   seq=x.seq - 0.5)
                    check.auto = False
                    check.passes_on = missing
                    learn(x.agency, check)
            for agency in [x.agency, *(a for a in x.recipients() if a not in x.unrecorded_by)]:
                learn(agency, x)
            if x.risks:
                risky.append(x)

    def finish(self) -> dict:
        """Share, check records, number the entries and return the review mapping."""
        self.share()
        self.records_checks()
        self.entries.sort(key=lambda e: (e.day, e.seq))
        for n, e in enumerate(self.entries, start=1):
            e.id = f"{self.id}-{n}"
        themes = ["information_sharing"] + self.rng.sample(
            ["thresholds", "voice_of_the_child", "domestic_abuse", "mental_health", "neglect", "cross_boundary_working",
             "non_engagement", "escalation", "professional_optimism"], k=self.rng.randint(1, 3))
        review = {"id": self.id, "title": f"Synthetic review {self.id}", "kind": self.kind, "area": self.area,
                  "published": str(self.end.year + self.rng.randint(1, 2)), "period_start": self.start.isoformat(),
                  "period_end": self.end.isoformat(), "incident": self.end.isoformat(),
                  "subjects": ";".join(self.children or ["mother"]), "themes": ";".join(themes)}
        columns = ["id", "date", "agency", "type", "subjects", "summary", "risks", "risk_level", "referred_to",
                   "shared_with", "not_shared_with", "attendees", "meeting_kind", "received", "unrecorded_by",
                   "passes_on", "outcome", "spoken_to", "informant"]
        rows = [e.row() for e in self.entries]
        rows = [{c: row[c] for c in columns} for row in rows]
        agencies = [{"id": a["id"], "name": a["name"], "type": a["type"], "area": a.get("area", ""),
                     "part_of": a.get("part_of", ""), "involvement": a.get("involvement", "")}
                    for a in self.agencies.values()]
        people = [{"id": p["id"], "name": p["name"], "role": p["role"], "sex": p["sex"], "born": p["born"]}
                  for p in self.people]
        return {"review": review, "people": people, "relationships": self.relationships, "agencies": agencies,
                "chronology": rows}

    def plant(self, query, entries, agency, persons, description, detail=""):
        """Record a planted gap (entries as drafts; ids are given when the review is finished)."""
        for e in entries:
            e.planted = True
        self.truth.append({"query": query, "entries": list(entries), "agency": agency, "persons": list(persons),
                           "detail": detail, "description": description})

    def truth_rows(self) -> list[dict]:
        """The planted gaps as rows of ``TRUTH_COLUMNS``."""
        return [{"review": self.id, "query": t["query"], "entries": ";".join(e.id for e in t["entries"]),
                 "agency": t["agency"], "persons": ";".join(t["persons"]), "detail": t["detail"],
                 "description": t["description"]} for t in self.truth]

    # -- the plants: one gap each, by the contract's definition (docs/gap-queries.md) --------

    def about(self, people, lo, hi, agency=None) -> list[_Entry]:
        """The entries about any of ``people`` dated ``lo`` to ``hi`` (by ``agency``, if given)."""
        people = set(people)
        return [e for e in self.entries if lo <= e.day <= hi and people & set(e.people)
                and (agency is None or e.agency == agency)]

    def find_day(self, lo, hi, ok, tries=40):
        """A day from ``lo`` to ``hi`` for which ``ok(day)`` holds, or None."""
        for _ in range(tries):
            day = self.day_in(lo, hi)
            if ok(day):
                return day
        return None

    def ongoing(self, exclude_types=(), universal=None) -> list[str]:
        """Ongoing agencies not of ``exclude_types`` (universal or not, if ``universal`` is given)."""
        out = []
        for a in self.agencies:
            kind = self.type_of(a)
            if self.episodic(a) or a in self.isolated or kind in exclude_types:
                continue
            if universal is not None and (kind in ("gp", "school", "health_visiting", "school_nursing")) != universal:
                continue
            out.append(a)
        return out

    def untouched(self, entries) -> list[_Entry]:
        """The entries no plant has made or altered."""
        return [e for e in entries if id(e) not in self.touched and not e.planted]

    def plant_meeting(self) -> bool:
        """unshared-meeting-outcome: a meeting kept from an agency that sees one of its subjects
        weeks later (sometimes the review says so)."""
        rng = self.rng
        meetings = self.untouched([e for e in self.entries if e.type == "meeting" and e.day < self.end - dt.timedelta(days=40)])
        if not meetings:
            return False
        m = rng.choice(meetings)
        choices = [a for a in self.ongoing(DECIDER_TYPES + ("police",)) if a != m.agency
                   and self.window[a][0] <= m.day and self.window[a][1] >= m.day + dt.timedelta(days=30)]
        if not choices:
            return False
        x, person = rng.choice(choices), rng.choice(m.substantive)
        m.block.add(x)
        self.touched.add(id(m))
        # An expected invitee alone is not reported (its absence may be a missing attendance
        # list), so the review states it; any other agency is left to the data half the time.
        if rng.random() < 0.4 or self.type_of(x) in term_property("meeting_kinds", m.meeting_kind, "expected", []):
            m.not_shared_with = [x]
        _Entry(self, m.day + dt.timedelta(days=rng.randint(1, 30)), x, "contact", [(person, "subject")],
               f"{self.name(x)} sees {self.names([person])}", planted=True)
        self.plant("unshared-meeting-outcome", [m], x, m.people,
                   f"{m.meeting_kind.replace('_', ' ')} not sent to {x}, which saw {person} weeks later"
                   + (" (stated)" if m.not_shared_with else ""))
        return True

    def _around(self, x, person, lo_gap=10):
        """Two contacts of ``x`` with ``person`` either side of a day in x's window; the day."""
        lo, hi = self.window[x]
        if (hi - lo).days < 3 * lo_gap:
            return None
        day = self.day_in(lo + dt.timedelta(days=lo_gap), hi - dt.timedelta(days=lo_gap))
        for shift in (-self.rng.randint(1, lo_gap), self.rng.randint(1, lo_gap)):
            _Entry(self, day + dt.timedelta(days=shift), x, "contact", [(person, "subject")],
                   f"{self.name(x)} sees {self.names([person])}", planted=True)
        return day

    def kept_clear(self, person: str, day: dt.date) -> bool:
        """True if an earlier plant needs no more entries about ``person`` around ``day``."""
        return any(p == person and lo <= day <= hi for p, lo, hi in self.clear)

    def assessors(self) -> set[str]:
        """Agencies that record a decision or assessment (each checks the records first, so a
        gap in what they know would not last)."""
        return {e.agency for e in self.entries if e.type in ("decision", "assessment")}

    def risk_entry(self, day, person, exclude, risk=None):
        """An entry recording a risk about ``person`` by an agency working with the family that day."""
        # Neither side of a cross-boundary plant records another risk (it would be shared across).
        quiet = {a for pair in self.never for a in pair}
        recorders = [a for a in self.active(day, ongoing=False) if a not in exclude and a not in self.isolated
                     and a not in quiet
                     and self.type_of(a) not in DECIDER_TYPES + ("marac",)]
        if not recorders or self.kept_clear(person, day):
            return None
        agency = self.rng.choice(recorders)
        risk = risk or self.risk_for(person)
        return _Entry(self, day, agency, "incident" if self.type_of(agency) == "police" else "contact",
                      [(person, "subject")], f"{self.name(agency)} records {risk.replace('_', ' ')} about "
                      f"{self.names([person])}", risks=[risk], planted=True)

    def plant_unshared_risk(self) -> bool:
        """unshared-risk: a risk about someone an agency is working with, never sent to it."""
        rng = self.rng
        choices = [a for a in self.ongoing(DECIDER_TYPES) if a not in self.assessors()]
        if not choices:
            return False
        x, person = rng.choice(choices), rng.choice(self.members)
        day = self._around(x, person)
        if day is None:
            return False
        e = self.risk_entry(day, person, {x})
        if e is None:
            return False
        e.block.add(x)
        if rng.random() < 0.4:
            e.not_shared_with = [x]
        self.plant("unshared-risk", [e], x, [person], f"{e.risks[0]} about {person} by {e.agency} not sent to {x}, "
                   "working with them" + (" (stated)" if e.not_shared_with else ""))
        return True

    def plant_unlinked(self) -> bool:
        """unlinked-family-risk: a risk about a relative of someone an agency works with, never
        sent to it (an agency that never works with the relative)."""
        rng = self.rng
        choices = [a for a in self.ongoing(DECIDER_TYPES + ("police",), universal=False) if a not in self.assessors()]
        rng.shuffle(choices)
        for x in choices:
            worked = {p for e in self.entries if x == e.agency or x in e.referred_to for p in e.substantive}
            worked |= {p for e in self.entries if x == e.agency and e.spoken_to for p in e.spoken_to}
            relatives = [p for p in self.members if p not in worked]
            if not relatives or len(self.members) < 2:
                continue
            relative = rng.choice(relatives)
            # Not someone whose risks an earlier plant kept from x (working with them would make
            # that plant an unshared-risk gap instead).
            people = [p for p in self.members if p != relative and (x, p) not in self.unlinked]
            if not people:
                continue
            person = rng.choice(people)
            day = self._around(x, person)
            if day is None:
                continue
            e = self.risk_entry(day, relative, {x})
            if e is None:
                return False
            e.block.add(x)
            self.unlinked.add((x, relative))
            self.plant("unlinked-family-risk", [e], x, [person],
                       f"{e.risks[0]} about {relative} by {e.agency} not sent to {x}, working with {person}", relative)
            return True
        return False

    def plant_decision_history(self) -> bool:
        """decision-without-history: a risk recorded days before a decision reaches the
        deciding service only after it (and is left out of its records check)."""
        rng = self.rng
        decisions = self.untouched([e for e in self.entries if e.type in ("decision", "assessment")
                                    and self.type_of(e.agency) in DECIDER_TYPES
                                    and e.day > self.start + dt.timedelta(days=30) and e.day < self.end - dt.timedelta(days=15)])
        for _ in range(10):
            if decisions and self._decision_history(rng.choice(decisions)):
                return True
        return False

    def _decision_history(self, d) -> bool:
        rng = self.rng
        org = self.agencies[d.agency].get("part_of") or d.agency
        units = [a for a in self.agencies if a == org or self.agencies[a].get("part_of") == org]
        # Between the risk and its late arrival, no other decision by the organisation (it
        # would lack the risk too: a second gap).
        others = [e.day for e in self.entries if e.agency in units and e is not d
                  and e.type in ("decision", "assessment")]
        before = max([day for day in others if day <= d.day], default=d.day - dt.timedelta(days=21))
        after = min([day for day in others if day >= d.day], default=d.day + dt.timedelta(days=4))
        if (d.day - before).days < 2 or (after - d.day).days < 2:
            return False
        later = d.day + dt.timedelta(days=rng.randint(1, min(3, (after - d.day).days - 1)))
        person = rng.choice(d.people)
        if self.kept_clear(person, later):
            return False
        e = self.risk_entry(d.day - dt.timedelta(days=rng.randint(1, min(20, (d.day - before).days - 1))),
                            person, set(units))
        if e is None:
            return False
        e.block.update(units)
        for unit in units:
            e.hold[unit] = later
        late = _Entry(self, later, e.agency, "share", e.subjects,
                      f"{self.name(e.agency)} sends its record of {e.day.isoformat()} to {self.name(d.agency)}",
                      planted=True)
        late.shared_with, late.passes_on = units, [e]
        self.touched.add(id(d))
        self.plant("decision-without-history", [d, e], d.agency, d.people,
                   f"{d.type} by {d.agency} made before {e.agency}'s record of {e.risks[0]} reached it")
        return True

    def plant_repeat_referrals(self) -> bool:
        """repeat-referrals: three or four referrals of one child to one service, each closed
        with nothing done (each decision fed back)."""
        rng = self.rng
        if not self.children:
            return False
        child = rng.choice(self.children)
        target = self.child_decider()
        referrers = [a for a in self.ongoing(DECIDER_TYPES) if self.type_of(a) != "police"]
        if not referrers:
            return False
        agency = rng.choice(referrers)
        lo, hi = self.window[agency]
        days = sorted(self.day_in(lo, hi) for _ in range(rng.randint(3, 4)))
        refs = []
        for day in days:
            ref, decision = self.referral(day, agency, [child], target=target, outcome=rng.choice(NOTHING))
            ref.planted = decision.planted = True
            refs.append(ref)
        self.plant("repeat-referrals", refs, target, [child],
                   f"{len(refs)} referrals of {child} by {agency} to {target}, each with nothing done")
        return True

    def plant_pattern(self) -> bool:
        """pattern-in-isolation: three entries with one risk about a family member, recorded
        by three services, the third of which knew neither of the others when it recorded it
        and whose record reached the others only afterwards."""
        rng = self.rng
        risks = [r for r in RESERVED if r not in self.used]
        if not risks:
            return False
        risk = risks[0]
        self.used.add(risk)
        person = rng.choice(self.children or self.adults)
        span = (self.end - self.start).days
        first = self.start + dt.timedelta(days=rng.randint(0, span // 2))
        days = [first]
        for _ in range(2):
            days.append(days[-1] + dt.timedelta(days=rng.randint(10, 60)))
        if days[2] > self.end:
            return False
        # The third recorder makes no decision or assessment (its records check would find the others).
        third = [a for a in self.active(days[2], ongoing=False) if self.type_of(a) not in DECIDER_TYPES + ("marac",)
                 and a not in self.isolated and a not in self.assessors()]
        if not third:
            return False
        last = rng.choice(third)
        org = {a for a in self.agencies if self.type_of(a) in DECIDER_TYPES} if self.type_of(last) in DECIDER_TYPES else {last}
        e1 = self.risk_entry(days[0], person, org, risk)
        e2 = self.risk_entry(days[1], person, org, risk)
        if e1 is None or e2 is None:
            return False
        e3 = _Entry(self, days[2], last, "contact", [(person, "subject")],
                    f"{self.name(last)} records {risk.replace('_', ' ')} about {self.names([person])}",
                    risks=[risk], planted=True)
        e1.block.add(last)
        e2.block.add(last)
        e3.auto = False
        after = _Entry(self, days[2], last, "share", e3.subjects, f"{self.name(last)} sends its record on",
                       planted=True, seq=e3.seq + 0.1)
        after.share_as, after.passes_on = e3, [e3]
        lead = self.child_decider()
        back = _Entry(self, days[2], lead, "share", e3.subjects, f"{self.name(lead)} sends {self.name(last)} "
                      "the earlier records", planted=True, seq=e3.seq + 0.2)
        back.shared_with, back.passes_on, back.auto = [last], [e1, e2], False
        e1.hold[last] = e2.hold[last] = days[2]
        self.plant("pattern-in-isolation", [e1, e2, e3], "", [person],
                   f"{risk} about {person} three times; {last} knew only its own when it recorded the third", risk)
        return True

    def plant_child_not_seen(self) -> bool:
        """child-not-seen: a decision about a child that records only a parent as seen."""
        rng = self.rng
        decisions = self.untouched([e for e in self.entries if e.type in ("decision", "assessment")
                                    and any(self.child_on(p, e.day) for p in e.substantive)])
        if not decisions:
            return False
        d = rng.choice(decisions)
        d.spoken_to, d.informant = ["mother"], None
        self.touched.add(id(d))
        unseen = [p for p in d.substantive if self.child_on(p, d.day) and p != "mother"]
        self.plant("child-not-seen", [d], d.agency, unseen, f"{d.type} by {d.agency} about {', '.join(unseen)}, "
                   "seeing only the mother")
        return True

    def plant_single_informant(self) -> bool:
        """single-informant: a decision about a child resting on the father's account, where
        the father is recorded as a perpetrator and nobody else was heard (who was seen is not
        recorded, so no child-not-seen); or, with no such record, a decision about the father
        resting on the mother's account with only her seen."""
        rng = self.rng
        harm = [e for e in self.entries if ("father", "perpetrator") in e.subjects]
        deciders = [a for a in self.agencies if self.type_of(a) in DECIDER_TYPES]
        day = self.day_in(self.start + dt.timedelta(days=60), self.end - dt.timedelta(days=10))
        agency = rng.choice(deciders)
        if harm and self.children:
            child = rng.choice(self.children)
            d = _Entry(self, day, agency, "assessment", [(child, "subject")],
                       f"{self.name(agency)} assesses {self.names([child])} on the father's account",
                       informant="father", outcome=rng.choice(NOTHING), planted=True)
            self.plant("single-informant", [d], agency, ["father"],
                       f"assessment of {child} by {agency} on the account of the father, recorded as a perpetrator")
        else:
            d = _Entry(self, day, agency, "decision", [("father", "subject"), ("mother", "subject")],
                       f"{self.name(agency)} decides about the father on the mother's account",
                       informant="mother", spoken_to=["mother"], outcome=rng.choice(NOTHING), planted=True)
            self.plant("single-informant", [d], agency, ["mother"],
                       f"decision by {agency} about the father on the mother's account, only she seen")
        return True

    def plant_feedback(self) -> bool:
        """outcome-not-fed-back: a referral closed with nothing done and the decision never
        sent back to the referrer."""
        rng = self.rng
        target = self.child_decider() if self.children else self.of_types(("adult_social_care",) + CHILD_DECIDERS)[0]
        # Someone not yet referred to it with nothing done, so that no repeat-referrals gap comes of it.
        people = [p for p in self.children or self.adults if not self.nothing.get((p, target))]
        if not people:
            return False
        person = rng.choice(people)
        referrers = [a for a in self.ongoing(DECIDER_TYPES)]
        if not referrers:
            return False
        agency = rng.choice(referrers)
        lo, hi = self.window[agency]
        ref, decision = self.referral(self.day_in(lo, hi - dt.timedelta(days=10)), agency, [person], target=target,
                                      outcome=rng.choice(NOTHING))
        decision.shared_with = []
        decision.summary = f"{self.name(target)} decides on the referral: {decision.outcome.replace('_', ' ')}"
        ref.planted = decision.planted = True
        self.plant("outcome-not-fed-back", [ref, decision], agency, [person],
                   f"referral of {person} by {agency} closed by {target} ({decision.outcome}); never told", target)
        return True

    def _sent(self, how) -> tuple[_Entry, str] | None:
        """A share of no risk from one agency to another working with the family, for a receipt plant."""
        rng = self.rng
        people = self.children or self.adults
        person = rng.choice(people)
        senders = self.ongoing()
        agency = rng.choice(senders)
        lo, hi = self.window[agency]
        day = self.day_in(lo, hi - dt.timedelta(days=45))
        if day >= hi - dt.timedelta(days=45):
            return None
        to = [a for a in self.active(day) if a != agency and self.window[a][1] > day + dt.timedelta(days=45)]
        if not to:
            return None
        target = rng.choice(to)
        e = _Entry(self, day, agency, "share", [(person, "subject")],
                   f"{self.name(agency)} sends {self.name(target)} its concerns about {self.names([person])}",
                   planted=True)
        e.shared_with = [target]
        if how == "delay":
            e.received[target] = day + dt.timedelta(days=rng.randint(8, 40))
        else:
            e.unrecorded_by = [target]
        return e, target

    def plant_delayed(self) -> bool:
        """delayed-receipt: a share received more than a week after it was sent."""
        sent = self._sent("delay")
        if sent is None:
            return False
        e, target = sent
        days = (e.received[target] - e.day).days
        self.plant("delayed-receipt", [e], target, e.people, f"share from {e.agency} received by {target} "
                   f"{days} days later", str(days))
        return True

    def plant_mismatch(self) -> bool:
        """record-mismatch: a share its recipient has no record of."""
        sent = self._sent("lost")
        if sent is None:
            return False
        e, target = sent
        self.plant("record-mismatch", [e], target, e.people, f"share from {e.agency} that {target} has no record of")
        return True

    def plant_expected_action(self) -> bool:
        """expected-action-missing: a child's disclosure of abuse referred to children's social
        care only days later (the rule allows 2), or an entry the review states led to no
        referral."""
        rng = self.rng
        deciders = [a for a in self.agencies if self.type_of(a) in CHILD_DECIDERS]
        if self.children and rng.random() < 0.7:
            child = rng.choice(self.children)
            agencies = [a for a in self.ongoing(DECIDER_TYPES) if a not in self.isolated]
            agency = rng.choice(agencies) if agencies else None
            lo, hi = self.window[agency] if agency else (self.start, self.start)

            def quiet(day):
                return (self.child_on(child, day) and day + dt.timedelta(days=10) < self.end
                        and not self.about(self.members, day - dt.timedelta(days=3), day + dt.timedelta(days=9)))
            day = self.find_day(lo, hi, quiet) if agency else None
            if day is not None:
                risk = rng.choice(["emotional_abuse", "physical_abuse", "neglect"])
                x = _Entry(self, day, agency, "disclosure", [(child, "victim")],
                           f"{self.names([child])} tells {self.name(agency)} of {risk.replace('_', ' ')}",
                           risks=[risk], planted=True)
                x.block.update(deciders)
                self.clear.append((child, day - dt.timedelta(days=3), day + dt.timedelta(days=9)))
                later = day + dt.timedelta(days=rng.randint(3, 6))
                for unit in deciders:
                    x.hold[unit] = later
                ref, decision = self.referral(later, agency, [child], target=self.child_decider(), outcome=rng.choice(ACTED))
                ref.shared_with = [a for a in deciders if a not in ref.referred_to]
                ref.passes_on = [x]
                ref.planted = decision.planted = True
                self.plant("expected-action-missing", [x], agency, [child], f"disclosure by {child} to {agency} "
                           f"referred {(later - day).days} days later", "child-abuse-referral")
                return True
        person = rng.choice(self.members)
        agencies = self.ongoing()
        agency = rng.choice(agencies)
        lo, hi = self.window[agency]
        e = _Entry(self, self.day_in(lo, hi), agency, "contact", [(person, "subject")],
                   f"{self.name(agency)} sees {self.names([person])}; the review finds a referral was called for "
                   "and none was made", outcome="no_referral", planted=True)
        self.plant("expected-action-missing", [e], agency, [person], f"no referral by {agency} about {person}",
                   "stated-no-referral")
        return True

    def plant_cross_boundary(self) -> bool:
        """cross-boundary: a child's months at a service in a neighbouring area, which hears
        from children's social care but never from a home service that sees the child too."""
        rng = self.rng
        if not self.children or len(self.agencies) >= 20:
            return False
        # Not a universal service (one involved with whomever it hears about): its involvement
        # is then only its own months with the child, whatever meetings it is told of.
        kind = rng.choice(["camhs", "early_help", "hospital"])
        z = f"{kind.replace('_', '-')}-{self.other_area.lower()}"
        if z in self.agencies:
            return False
        child = rng.choice(self.children)
        for _ in range(5):
            if self._cross_boundary(z, kind, child):
                return True
        return False

    def _cross_boundary(self, z, kind, child) -> bool:
        rng = self.rng
        start = self.day_in(self.start, self.end - dt.timedelta(days=300))
        end = start + dt.timedelta(days=rng.randint(60, 180))
        # A home service that records no risk in those months, nor within the reach of a
        # meeting that widens them (had it, the out-of-area service would have lacked it: an
        # unshared-risk gap besides).
        homes = [a for a in self.ongoing(DECIDER_TYPES + ("police", "marac")) if self.window[a][0] <= end
                 and not any(e.agency == a and e.risks and start - dt.timedelta(days=110) <= e.day
                             <= end + dt.timedelta(days=100)
                             for e in self.entries)]
        if not homes or start > self.end - dt.timedelta(days=300) or self.kept_clear(child, start):
            return False
        home = rng.choice(homes)
        self.agencies[z] = {"id": z, "name": f"{kind.replace('_', ' ').capitalize()} ({self.other_area})",
                            "type": kind, "area": self.other_area}
        self.window[z] = [start, end]
        self.never.add((home, z))
        lead = self.child_decider()
        note = _Entry(self, start, lead, "share", [(child, "subject")],
                      f"{self.name(lead)} sends {self.agencies[z]['name']} a note on {self.names([child])}", planted=True)
        note.shared_with, note.auto = [z], False
        seen = []
        for _ in range(rng.randint(2, 3)):
            seen.append(_Entry(self, self.day_in(start, end), z, "contact", [(child, "subject")],
                               f"{self.agencies[z]['name']} sees {self.names([child])}", planted=True))
        _Entry(self, end + dt.timedelta(days=rng.randint(5, 60)), home, "contact", [(child, "subject")],
               f"{self.name(home)} sees {self.names([child])}", planted=True)
        self.plant("cross-boundary", seen, z, [child], f"{z} ({self.other_area}) and {home} ({self.area}) both saw "
                   f"{child}; neither ever knew what the other recorded", home)
        return True

    def plant_silo(self) -> bool:
        """silo-agency: a drop-in service that sees a family member now and then, away from any
        risk or meeting, and neither hears from nor tells anyone."""
        rng = self.rng
        if len(self.agencies) >= 20 or "drop-in" in self.agencies:
            return False
        person = rng.choice(self.adults)
        meetings = [e.day for e in self.entries if e.type == "meeting" and person in e.people]
        risky = [e.day for e in self.entries if e.risks or e.type == "meeting"]

        def clear(day):
            return (not any(abs((m - day).days) <= 100 for m in meetings)
                    and not any(0 <= (day - r).days <= 8 for r in risky))
        days = sorted({d for d in (self.find_day(self.start, self.end, clear) for _ in range(rng.randint(1, 3))) if d})
        if not days:
            return False
        self.agencies["drop-in"] = {"id": "drop-in", "name": f"Community drop-in ({self.area})", "type": "voluntary",
                                    "area": self.area, "involvement": "episodic"}
        self.window["drop-in"] = [self.start, self.end]
        self.isolated.add("drop-in")
        seen = [_Entry(self, day, "drop-in", "contact", [(person, "subject")],
                       f"Community drop-in sees {self.names([person])}", planted=True) for day in days]
        self.plant("silo-agency", seen, "drop-in", [person], f"a drop-in service that saw {person} and never "
                   "exchanged anything with another agency")
        return True

    def plant_disclosure(self) -> bool:
        """disclosure-without-action: a child tells a service something and it neither shares
        it nor does anything about it in the next four weeks."""
        rng = self.rng
        if not self.children:
            return False
        child = rng.choice(self.children)
        agencies = [a for a in self.ongoing(DECIDER_TYPES) if (a, child) not in self.unlinked]
        if not agencies:
            return False
        agency = rng.choice(agencies)
        lo, hi = self.window[agency]

        def quiet(day):
            return day + dt.timedelta(days=30) < self.end and not self.about([child], day, day + dt.timedelta(days=29),
                                                                               agency)
        day = self.find_day(lo, hi, quiet)
        if day is None:
            return False
        x = _Entry(self, day, agency, "disclosure", [(child, "subject")],
                   f"{self.names([child])} tells {self.name(agency)} things are hard at home; nothing is passed on",
                   planted=True)
        self.plant("disclosure-without-action", [x], agency, [child], f"disclosure by {child} to {agency} "
                   "neither shared nor followed up")
        return True


PLANTS = ["meeting", "unshared_risk", "repeat_referrals", "pattern", "child_not_seen", "single_informant", "feedback",
          "delayed", "mismatch", "expected_action", "decision_history", "cross_boundary", "unlinked", "silo",
          "disclosure"]
"""The plants, in the order they are made: the later ones look for stretches the earlier
ones might otherwise fill (decision_history for days without another decision, the last
ones for days without risks, meetings or follow-ups)."""
ONCE = ("cross_boundary", "silo")


def _size(rng: random.Random, entries: int) -> int:
    """A review's entry count: from 50 to 800, averaging ``entries`` (a triangular draw; an
    average above about 550 cannot be reached within 800)."""
    mode = 3 * entries - 850
    if mode < 50:
        return round(rng.triangular(50, max(51, 3 * entries - 100), 50))
    return round(rng.triangular(50, 800, min(mode, 800)))


def realistic_review(review_id: str, *, seed: int = 0, entries: int = 300) -> tuple[dict, list[dict]]:
    """One review of realistic shape with planted gaps: (the review as a mapping in the
    YAML/JSON container's shape, the ground truth as rows of ``TRUTH_COLUMNS``).

    A family of 3-8 (two parents, children, sometimes a grandmother), 5-20 agencies, 50-800
    entries (averaging ``entries``) over two to six years; a review kind, area, period and
    themes drawn per review. The background follows good practice, so that the gap queries
    find only what is planted; the plants (up to two of each query's kind, as often as a rate
    drawn per review says, where the review allows) are described in docs/benchmarks.md. The
    same id and seed give the same review.
    """
    rng = random.Random(f"{seed}:{review_id}:truth")
    size = min(_size(rng, entries), 770)
    draft = _Draft(review_id, rng, size)
    draft.used, draft.unlinked = set(), set()
    draft.background(max(45, size - 30))  # the plants add about 30
    # How often this review's agencies fall short: each kind of gap is planted up to twice
    # (once for ONCE), each time with this chance, so that reviews differ and a corpus's
    # research breakdowns have something to show.
    rate = rng.uniform(0.35, 0.95)
    for name in PLANTS:
        for _ in range(sum(rng.random() < rate for _ in range(1 if name in ONCE else 2))):
            getattr(draft, f"plant_{name}")()
    data = draft.finish()
    return data, draft.truth_rows()


def write_truth_corpus(folder: Path, reviews: int, *, seed: int = 0, entries: int | None = None) -> Path:
    """Write ``reviews`` realistic reviews (CSV folders ``truth-0000``, ...) under ``folder``
    and the ground truth of every gap planted in them as ``folder/truth.csv`` (the loader
    reads only review folders and files, so a corpus load skips it). ``entries`` is the
    average number of entries per review (300 if not given: 1,000 reviews make about
    300,000 entries)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    truth = []
    for r in range(reviews):
        review_id = f"truth-{r:04d}"
        data, planted = realistic_review(review_id, seed=seed, entries=entries or 300)
        write_review(folder / review_id, data)
        truth += planted
    with open(folder / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, TRUTH_COLUMNS)
        writer.writeheader()
        writer.writerows(truth)
    return folder


def read_truth(path: Path) -> list[dict]:
    """The rows of a ground-truth file (``truth.csv``)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _ids(text: str) -> list[str]:
    return [t for t in text.split(";") if t]


def matches(finding, row: dict) -> bool:
    """True if ``finding`` (a safegraph Finding) is the planted gap ``row`` (a truth row):
    same review and query, and, by query:

    - unshared-meeting-outcome: the meeting is the finding's event and the agency is listed;
    - unshared-risk, unlinked-family-risk: the planted entry is among the entries the
      agency (listed) lacked;
    - decision-without-history: the decision is the finding's (or one merged into it, in
      ``detail``), the planted entry among those lacked, the agency the finding's;
    - repeat-referrals: the planted referrals are among the finding's, for the same person
      and target;
    - pattern-in-isolation: the planted entries are among the finding's;
    - cross-boundary: the out-of-area agency is one of the finding's;
    - child-not-seen, single-informant, disclosure-without-action: the decision or
      disclosure is the finding's (first) event, and the planted person one of its persons;
    - silo-agency: the agency is the finding's;
    - delayed-receipt, record-mismatch: the entry and the recipient are the finding's;
    - expected-action-missing: the rule (``detail``) and person are the finding's and the
      trigger among its entries;
    - outcome-not-fed-back: the referral, the referrer and the target are the finding's.
    """
    if finding.review != row["review"] or finding.query != row["query"]:
        return False
    entries, persons, agency, events = _ids(row["entries"]), set(_ids(row["persons"])), row["agency"], finding.events
    query = row["query"]
    if query == "unshared-meeting-outcome":
        return events[:1] == entries[:1] and agency in finding.agencies
    if query in ("unshared-risk", "unlinked-family-risk"):
        return entries[0] in events and agency in finding.agencies
    if query == "decision-without-history":
        decisions = [events[0], *(finding.detail or [])]
        return entries[0] in decisions and entries[1] in events and agency in finding.agencies
    if query == "repeat-referrals":
        return set(entries) <= set(events) and persons <= set(finding.persons) and agency in finding.agencies
    if query == "pattern-in-isolation":
        return set(entries) <= set(events)
    if query in ("cross-boundary", "silo-agency"):
        return agency in finding.agencies
    if query in ("child-not-seen", "single-informant", "disclosure-without-action"):
        return events[:1] == entries[:1] and persons <= set(finding.persons)
    if query in ("delayed-receipt", "record-mismatch"):
        return events == entries and finding.agencies == [agency]
    if query == "expected-action-missing":
        return finding.detail == [row["detail"]] and entries[0] in events and persons <= set(finding.persons)
    if query == "outcome-not-fed-back":
        return events[:1] == entries[:1] and agency in finding.agencies and finding.detail == [row["detail"]]
    return False


def score(findings, truth: list[dict]) -> dict[str, dict]:
    """Per query: planted, found (findings), matched (findings that are a planted gap),
    recalled (planted gaps some finding matches), and the unplanted findings, split into
    those that share an entry or agency with a planted gap of any query (a consequence of a
    plant) and the rest (the background)."""
    from .gaps import QUERY_NAMES

    by_review: dict[str, list[dict]] = {}
    for row in truth:
        by_review.setdefault(row["review"], []).append(row)
    out = {q: {"planted": 0, "found": 0, "matched": 0, "recalled": 0, "near_plant": 0, "background": 0,
               "missed": [], "unplanted": []} for q in QUERY_NAMES}
    hit: set[int] = set()
    for f in findings:
        stats = out[f.query]
        stats["found"] += 1
        rows = by_review.get(f.review, [])
        same = [i for i, row in enumerate(rows) if matches(f, row)]
        if same:
            stats["matched"] += 1
            hit.update(id(rows[i]) for i in same)
            continue
        touched = set(f.events) | set(f.agencies)
        near = any(touched & {*_ids(row["entries"]), row["agency"]} for row in rows)
        stats["near_plant" if near else "background"] += 1
        stats["unplanted"].append(f)
    for row in truth:
        stats = out[row["query"]]
        stats["planted"] += 1
        if id(row) in hit:
            stats["recalled"] += 1
        else:
            stats["missed"].append(row)
    return out
