"""Compare `safegraph extract`'s draft of each published report with the review curated
from it by hand under examples/, and print precision and recall (docs/extract.md).

Usage: scripts/compare-extract [--seeds DIR] [--detail NAME]

The report a curated example was read from is named in its review.yaml `source`
(`.../seeds/000_....txt`); each such report is drafted afresh into a temporary folder
by the extractor, and its chronology compared row by row with the curated one.

Matching (the same for every review):
- a drafted entry and a curated row **agree on the date** when their dates are the same
  day, or, where either is partial, the same month (or the same year where either is a
  year only); a leading `?` is ignored;
- a curated row is **found** when some drafted entry agrees on its date; of those, its
  **best match** is the one with the same agency type, then the most people in common,
  then the most words in common;
- **agency right**: the best match's agency has the curated agency's type;
- **people right**: the best match names every curated subject that is one of the
  review's subjects (review.yaml `subjects`) and at least one curated subject (people
  are matched by name, ignoring case and apostrophes);
- **people per entry**: precision and recall of the people of each best-matched pair
  (over the curated rows found);
- **sharing**: items (column, agency type) in `referred_to`, `shared_with` and
  `not_shared_with`, over best-matched pairs; a curated row not found counts its items
  as missed, a drafted entry with no curated row on its date counts its items as wrong.
Precision of dates and agencies is per drafted entry: the share that agree on the date
with some curated row (and have the agency type of one of them).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from safegraph import LoadError, load_review  # noqa: E402
from safegraph.extract import extract_report  # noqa: E402

SHARING = ("referred_to", "shared_with", "not_shared_with")


def rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def key(text: str) -> str:
    return re.sub(r"['’]", "", (text or "").strip().lower())


def date_parts(date: str) -> tuple[str, ...]:
    return tuple((date or "").lstrip("?").split("-"))


def dates_agree(a: str, b: str) -> bool:
    pa, pb = date_parts(a), date_parts(b)
    n = min(len(pa), len(pb))
    return bool(pa[0]) and pa[:n] == pb[:n]


def ids(cell: str) -> list[str]:
    return [x.split(":")[0].strip().strip("\"'") for x in re.split(r"[;,]", cell or "") if x.strip()]


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", (text or "").lower()))


def compare(example: Path, draft: Path) -> dict:
    review = (example / "review.yaml").read_text(encoding="utf-8")
    m = re.search(r"^subjects:\s*(.+)$", review, re.M)
    subjects = set(ids(m.group(1))) if m else set()
    c_types = {r["id"]: r["type"] for r in rows(example / "agencies.csv")}
    d_types = {r["id"]: r["type"] for r in rows(draft / "agencies.csv")}
    c_people = {key(r["name"]): r["id"] for r in rows(example / "people.csv")}
    c_people.update({key(r["id"]): r["id"] for r in rows(example / "people.csv")})
    d_people = {r["id"]: c_people.get(key(r["name"]), c_people.get(key(r["id"]), "draft:" + r["id"]))
                for r in rows(draft / "people.csv")}
    curated, drafted = rows(example / "chronology.csv"), rows(draft / "chronology.csv")

    def people_of(row, drafted_row: bool) -> set[str]:
        return {d_people.get(p, "draft:" + p) if drafted_row else p for p in ids(row.get("subjects"))}

    def sharing(row, types) -> set[tuple[str, str]]:
        return {(col, types.get(a, a)) for col in SHARING for a in ids(row.get(col)) if a not in ("none", "unknown")}

    def score(c, d):
        pc, pd = people_of(c, False), people_of(d, True)
        return (c_types.get(c["agency"]) == d_types.get(d["agency"]), len(pc & pd),
                len(words(c["summary"]) & words(d["summary"])))

    out = {k: 0 for k in ("c", "d", "c_date", "d_date", "c_agency", "d_agency", "c_agency_people", "c_people",
                          "p_tp", "p_c", "p_d", "p_pair", "s_tp", "s_c", "s_d")}
    out["c"], out["d"] = len(curated), len(drafted)
    for c in curated:
        cands = [d for d in drafted if dates_agree(c["date"], d["date"])]
        out["s_c"] += len(sharing(c, c_types))
        pc = people_of(c, False)
        out["p_c"] += len(pc)
        if not cands:
            continue
        out["c_date"] += 1
        best = max(cands, key=lambda d: score(c, d))
        pd = people_of(best, True)
        agency_ok = c_types.get(c["agency"]) == d_types.get(best["agency"])
        people_ok = bool(pc & pd) and (pc & subjects) <= pd
        out["c_agency"] += agency_ok
        out["c_people"] += people_ok
        out["c_agency_people"] += agency_ok and people_ok
        out["p_tp"] += len(pc & pd)
        out["p_pair"] += len(pd)
        out["s_tp"] += len(sharing(c, c_types) & sharing(best, d_types))
    for d in drafted:
        cands = [c for c in curated if dates_agree(c["date"], d["date"])]
        out["p_d"] += len(people_of(d, True))
        out["s_d"] += len(sharing(d, d_types))
        if not cands:
            continue
        out["d_date"] += 1
        out["d_agency"] += any(c_types.get(c["agency"]) == d_types.get(d["agency"]) for c in cands)
    return out


def seed_of(example: Path, seeds: Path) -> Path | None:
    """The report an example was read from: named in its review.yaml ``source``, else the
    row of the seeds' README.md whose review names the example's first subject."""
    meta = (example / "review.yaml").read_text(encoding="utf-8")
    m = re.search(r"seeds/(\S+?\.txt)", meta)
    if m and (seeds / m.group(1)).exists():
        return seeds / m.group(1)
    m = re.search(r"^subjects:\s*(.+)$", meta, re.M)
    first = ids(m.group(1))[0] if m else None
    name = next((r["name"] for r in rows(example / "people.csv") if r["id"] == first), None)
    readme = seeds / "README.md"
    if name and readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) > 1 and re.search(rf"\b{re.escape(name)}\b", cells[1]) and (seeds / cells[0]).exists():
                return seeds / cells[0]
    return None


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds",
                        help="the folder of report texts (default: ../shared/seeds)")
    parser.add_argument("--check", action="store_true",
                        help="also fail (status 1) unless every seed has its report, every draft passes "
                             "validate, and docs/extract.md holds exactly the table printed")
    args = parser.parse_args()
    failures: list[str] = []
    header = ["review", "curated", "drafted", "unplaced", "date P", "date R", "agency P", "agency R",
              "people R", "agency+people R", "people/entry P", "people/entry R", "sharing P", "sharing R"]
    table = [header]
    started = time.perf_counter()
    for example in sorted((ROOT / "examples").iterdir()):
        meta = example / "review.yaml"
        if not meta.exists():
            continue
        report = seed_of(example, args.seeds)
        if report is None:
            print(f"{example.name}: its report is not in {args.seeds}; skipped", file=sys.stderr)
            failures.append(f"{example.name}: no report in {args.seeds}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            draft = Path(tmp) / example.name
            extract_report(report, draft)
            r = compare(example, draft)
            unplaced = len(rows(draft / "unplaced.csv"))
            try:
                load_review(draft)
            except LoadError as exc:
                failures.append(f"{example.name}: the draft does not validate: {exc.problems[0]}")
        table.append([example.name, str(r["c"]), str(r["d"]), str(unplaced),
                      pct(r["d_date"], r["d"]), pct(r["c_date"], r["c"]), pct(r["d_agency"], r["d"]),
                      pct(r["c_agency"], r["c"]), pct(r["c_people"], r["c"]), pct(r["c_agency_people"], r["c"]),
                      pct(r["p_tp"], r["p_pair"]), pct(r["p_tp"], r["p_c"]), pct(r["s_tp"], r["s_d"]),
                      pct(r["s_tp"], r["s_c"])])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print(f"\n{len(table) - 1} reviews in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.check:
        doc = (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")
        for row in table[1:]:
            line = "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |"
            if line not in doc:
                failures.append(f"docs/extract.md does not have this row as printed: {line}")
        for failure in failures:
            print(f"check failed: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
