"""Independent check of the riverside containers (not the project's loader).

Reads riverside-csv/, riverside.xlsx, riverside.yaml and riverside.json with the plain
libraries (csv, openpyxl, PyYAML, json), normalises them the way chronology-format.md
says, checks that all four mean the same review, and prints the counts and the
"knows" answers that EXPECTED.md states.   python check_riverside.py   (needs openpyxl,
pyyaml)
"""
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections import Counter

import openpyxl
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TABLES = ["people", "relationships", "agencies", "chronology"]
LISTS = {"subjects", "risks", "referred_to", "shared_with", "not_shared_with", "attendees",
         "passes_on", "spoken_to"}
DATES = {"date", "born", "period_start", "period_end"}
VOCAB = {"kind", "role", "sex", "relation", "type", "outcome", "risks", "child"}


def text(v):
    """A typed value as its ISO or decimal text (dates at midnight as plain dates)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, dt.datetime):
        assert v.time() == dt.time(0), v
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def parse_date(s):
    """-> (unsure, first day, precision) per the spec's one grammar."""
    s = s.strip()
    unsure = s.startswith("?")
    s = s[1:].strip() if unsure else s
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        return unsure, dt.date(int(m[3]), int(m[2]), int(m[1])), "day"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
    if not m:
        raise ValueError("bad date %r" % s)
    prec = "day" if m[3] else "month" if m[2] else "year"
    return unsure, dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)), prec


def norm_value(key, v):
    if isinstance(v, list):
        items = [text(i).strip() for i in v]
    elif key in LISTS or (key == "subjects"):
        items = [i.strip() for i in text(v).split(";")] if text(v).strip() else []
    else:
        s = text(v).strip()
        if key in DATES and s:
            return parse_date(s)
        if key in VOCAB:
            s = s.lower()
        return s
    if key == "subjects":
        out = []
        for i in items:
            p, _, role = i.partition(":")
            out.append((p.strip(), (role.strip() or "subject").lower()))
        return tuple(out)
    if key == "risks":
        items = [i.lower() for i in items]
    return tuple(items)


def norm_rows(rows):
    out = []
    for r in rows:
        r = {str(k).strip().lower(): v for k, v in r.items()}
        if all(text(v).strip() == "" for v in r.values()):
            continue                               # blank row
        out.append({k: norm_value(k, v) for k, v in r.items()
                    if not (text(v).strip() == "" or v == [])})
    return out


def norm_review(rv):
    rv = {str(k).strip().lower(): v for k, v in rv.items()}
    out = {k: norm_value(k, v) for k, v in rv.items() if text(v).strip() != ""}
    if "subjects" in out:
        out["subjects"] = tuple(p for p, _ in out["subjects"])
    return out


def load_csv_folder(folder):
    raw = open(os.path.join(folder, "review.yaml"), "rb").read()
    rev = yaml.safe_load(raw.decode("utf-8"))
    doc = {"review": rev}
    for t in TABLES:
        data = open(os.path.join(folder, t + ".csv"), "rb").read().decode("utf-8-sig")
        doc[t] = list(csv.DictReader(io.StringIO(data, newline="")))
    return doc


def load_xlsx(path):
    wb = openpyxl.load_workbook(path)
    doc = {}
    rows = list(wb["review"].iter_rows(values_only=True))
    assert [text(c).strip().lower() for c in rows[0]] == ["key", "value"]
    doc["review"] = {r[0]: r[1] for r in rows[1:] if r[0] is not None}
    for t in TABLES:
        rows = list(wb[t].iter_rows(values_only=True))
        head = [text(c) for c in rows[0]]
        doc[t] = [dict(zip(head, r)) for r in rows[1:]]
    return doc


def load_yaml(path):
    return yaml.safe_load(open(path, encoding="utf-8"))


def load_json(path):
    return json.load(open(path, encoding="utf-8"))


def normalise(doc):
    return {"review": norm_review(doc["review"]),
            **{t: norm_rows(doc.get(t) or []) for t in TABLES}}


def knows(review):
    """agency -> {entry id: order key of arrival}, per 'Who knew what, and when'."""
    rid = review["review"]["id"]
    entries = []
    for n, e in enumerate(review["chronology"], 1):
        e = dict(e)
        e["id"] = e.get("id") or "%s-%d" % (rid, n)
        e["key"] = (e["date"][1], n)
        entries.append(e)
    by_id = {e["id"]: e for e in entries}
    assert len(by_id) == len(entries)

    def closure(e):
        seen = []
        stack = list(e.get("passes_on", ()))
        while stack:
            p = stack.pop()
            assert by_id[p]["key"] < e["key"], (e["id"], p)
            if p not in seen:
                seen.append(p)
                stack.extend(by_id[p].get("passes_on", ()))
        return seen

    k = {}
    for e in sorted(entries, key=lambda x: x["key"]):
        recips = {e["agency"]} | set(e.get("referred_to", ())) | set(
            e.get("shared_with", ())) | set(e.get("attendees", ()))
        assert not set(e.get("shared_with", ())) & set(e.get("not_shared_with", ()))
        for a in recips:
            for x in [e["id"]] + closure(e):
                k.setdefault(a, {})
                if x not in k[a] or e["key"] < k[a][x]:
                    k[a][x] = e["key"]
    return entries, k


def main():
    docs = {
        "csv": load_csv_folder(os.path.join(OUT, "riverside-csv")),
        "xlsx": load_xlsx(os.path.join(OUT, "riverside.xlsx")),
        "yaml": load_yaml(os.path.join(OUT, "riverside.yaml")),
        "json": load_json(os.path.join(OUT, "riverside.json")),
    }
    norm = {k: normalise(v) for k, v in docs.items()}
    base = norm["json"]
    ok = True
    for name, n in norm.items():
        for part in ["review"] + TABLES:
            if n[part] != base[part]:
                ok = False
                print("DIFFERS:", name, part)
                if part == "review":
                    print(" ", n[part], "\n ", base[part])
                else:
                    for i, (a, b) in enumerate(zip(n[part], base[part]), 1):
                        if a != b:
                            print("  row", i, {k: (a.get(k), b.get(k)) for k in
                                               set(a) | set(b) if a.get(k) != b.get(k)})
                    if len(n[part]) != len(base[part]):
                        print("  lengths", len(n[part]), len(base[part]))
    print("all four containers equal:", ok)

    r = base
    ids = {p["id"] for p in r["people"]}
    ags = {a["id"] for a in r["agencies"]}
    entries, k = knows(r)
    for e in entries:
        for p, _ in e["subjects"]:
            assert p in ids, p
        for f in ("spoken_to",):
            for p in e.get(f, ()):
                assert p in ids, p
        if "informant" in e:
            assert e["informant"] in ids
        assert e["agency"] in ags
        for f in ("referred_to", "shared_with", "not_shared_with", "attendees"):
            for a in e.get(f, ()):
                assert a in ags, (e["id"], a)
    print("people", len(r["people"]), "relationships", len(r["relationships"]),
          "agencies", len(r["agencies"]), "entries", len(entries))
    print("by type", sorted(Counter(e["type"] for e in entries).items()))
    print("by agency", sorted(Counter(e["agency"] for e in entries).items()))
    first = min(entries, key=lambda e: e["key"])
    last = max(entries, key=lambda e: e["key"])
    print("span", first["id"], first["date"], "..", last["id"], last["date"])
    order = {e["id"]: e["key"] for e in entries}
    for agency, day in [("gp", "2022-01-20"), ("wpol", "2023-02-10"),
                        ("csc", "2023-02-13"), ("school", "2023-10-26"),
                        ("amh", "2024-01-20")]:
        day = dt.date.fromisoformat(day)
        known = sorted((x for x, key in k[agency].items() if key[0] <= day),
                       key=lambda x: order[x])
        print("knows", agency, "by end of", day, len(known), known)
    for a in sorted(k):
        print("  ever", a, len(k[a]))
    # child-not-seen, worked from the Dates section's child rule
    people = {p["id"]: p for p in r["people"]}

    def is_child(pid, day):
        p = people[pid]
        if "born" in p:
            b = p["born"][1]
            try:
                limit = b.replace(year=b.year + 18)
            except ValueError:          # 29 February
                limit = dt.date(b.year + 18, 2, 28)
            return day < limit
        return p.get("child") == "yes"
    for e in entries:
        if e["type"] in ("decision", "assessment"):
            unseen = sorted(p for p, _ in e["subjects"]
                            if is_child(p, e["date"][1]) and p not in e.get("spoken_to", ()))
            if unseen:
                print("child-not-seen", e["id"], unseen)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
