"""Write the blind-grading pack for one example review (docs/precision.md explains the protocol).

    python scripts/grading_pack.py examples/hasan --seed 8 --out /tmp/pack-hasan

Runs ``safegraph gaps PATH --format json`` (and the default table view, for the headline),
takes a seeded sample of k findings in the order printed, and writes for the grader:

- ``sample.md``: each sampled finding with its evidence (date, recording agency, summary,
  source), the people and agencies by name; nothing of the query code or expected answers;
- ``sample.json``: the sample as data (index in the JSON -> finding), for recording grades;
- ``headline.md``/``headline.json``: the same for the headline findings, where the command
  has a headline (``--top``), graded separately.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

import safegraph


def gaps_json(path: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "safegraph", "gaps", path, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def describe(review, index: int, finding: dict) -> str:
    people = {p.id: p.name for p in review.people}
    agencies = {a.id: a.name for a in review.agencies}
    entries = {e.id: e for e in review.entries}
    lines = [f"### Finding {index}", "", f"- query: `{finding['query']}`",
             f"- summary: {finding['summary']}",
             f"- persons: {', '.join(people.get(p, p) for p in finding['persons']) or '-'}",
             f"- agencies: {', '.join(agencies.get(a, a) for a in finding['agencies']) or '-'}"]
    if finding.get("level"):
        lines.append(f"- level: {finding['level']}")
    events = sorted(finding["events"], key=lambda e: (entries[e].date.day, entries[e].position))
    if events:
        lines += ["", "| date | recorded by | type | summary | source |", "|---|---|---|---|---|"]
        for eid in events:
            e = entries[eid]
            text = e.summary.replace("|", "/")
            lines.append(f"| {e.date.text} | {agencies[e.agency]} | {e.type} | {text} | {e.source or ''} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("-k", type=int, default=40)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    review = safegraph.load_review(args.path)
    findings = gaps_json(args.path)["findings"]
    k = min(args.k, len(findings))
    picked = random.Random(args.seed).sample(range(len(findings)), k)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    header = (f"# Findings to grade: {review.title}\n\n{k} of {len(findings)} findings, sampled with "
              f"random.Random({args.seed}).sample(range({len(findings)}), {k}) at commit {commit}.\n\n")
    (out / "sample.md").write_text(header + "\n".join(describe(review, i, findings[i]) for i in picked), "utf-8")
    (out / "sample.json").write_text(json.dumps({"seed": args.seed, "commit": commit, "total": len(findings),
                                                 "sample": {str(i): findings[i] for i in picked}}, indent=1), "utf-8")
    headline = [f for f in findings if f.get("headline")]
    if headline:
        index = {id(f): i for i, f in enumerate(findings)}
        (out / "headline.md").write_text(
            f"# Headline findings: {review.title}\n\n{len(headline)} findings shown by the default view.\n\n"
            + "\n".join(describe(review, index[id(f)], f) for f in headline), "utf-8")
        (out / "headline.json").write_text(json.dumps({str(index[id(f)]): f for f in headline}, indent=1), "utf-8")
    print(f"wrote {out}: {k} sampled of {len(findings)}; {len(headline)} in the headline")


if __name__ == "__main__":
    main()
