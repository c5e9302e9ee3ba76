"""Write docs/vocabularies.md from the vocabulary files safegraph checks against.

    python scripts/vocab_docs.py          # rewrite docs/vocabularies.md
    python scripts/vocab_docs.py --check  # exit 1 if it is out of date (the tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from safegraph._vocab import VOCABULARY_NAMES, vocabulary

DOC = Path(__file__).resolve().parents[1] / "docs" / "vocabularies.md"
WHERE = {
    "review_kinds": "review `kind`", "person_roles": "people `role`", "sexes": "people `sex`",
    "relations": "relationships `relation`", "agency_types": "agencies `type`",
    "entry_types": "chronology `type`", "subject_roles": "the role after `person:` in chronology `subjects`",
    "risks": "chronology `risks`", "outcomes": "chronology `outcome`", "risk_levels": "chronology `risk_level`",
    "meeting_kinds": "chronology `meeting_kind`", "involvement_kinds": "agencies `involvement`",
    "expected_actions": "the rules of the `expected-action-missing` gap query",
    "themes": "review `themes` (and `safegraph research`, which also derives them from the findings)",
}


def render() -> str:
    lines = ["# Vocabularies", "",
             "Every controlled term safegraph accepts, with what it means. This page is generated from",
             "`src/safegraph/vocab/*.yaml` by `scripts/vocab_docs.py`; the tests fail if it falls behind.",
             "A term matches however it is capitalised, with spaces, hyphens or underscores between its",
             "words and with or without apostrophes (`Partner of` is `partner_of`, `Children's Social Care`",
             "is `childrens_social_care`). The aliases in the notes are other words a reviewer types for",
             "exactly that term (`Mother` as a person's role is `parent`); they are read as the term.", ""]
    for name in VOCABULARY_NAMES:
        vocab = vocabulary(name)
        lines += [f"## {name.replace('_', ' ')}", "", f"Used in: {WHERE[name]}.", "",
                  "| term | meaning | notes |", "|---|---|---|"]
        for term, description in vocab.terms.items():
            props = vocab.properties.get(term, {})
            notes = "; ".join(f"{k}: {_plain(v)}" for k, v in props.items() if k not in ("label",))
            lines.append(f"| `{term}` | {description} | {notes} |")
        lines.append("")
    return "\n".join(lines)


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k} {_plain(v)}" for k, v in value.items()) or "none"
    return str(value).replace("|", "/")


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.exists() and DOC.read_text("utf-8") == text else 1)
    DOC.write_text(text, "utf-8")
    print(f"wrote {DOC}")
