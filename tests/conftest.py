import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = ROOT / "tests" / "data" / "outside"
EXAMPLES = ROOT / "examples"


def write_csv_review(folder: Path, *, review: str | None = None, people=None, relationships=None,
                     agencies=None, chronology=None) -> Path:
    """Write a CSV-folder review; tables are lists of rows, the first row the header."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "review.yaml").write_text(review or "id: t\ntitle: Test review\n", encoding="utf-8")
    defaults = {
        "people": [["id", "name"], ["amy", "Amy"], ["mum", "Mother"]],
        "relationships": [["person", "relation", "other"], ["mum", "parent_of", "amy"]],
        "agencies": [["id", "name", "type"], ["police", "Police", "police"], ["school", "School", "school"]],
        "chronology": [["date", "agency", "type", "subjects", "summary"],
                       ["2020-01-01", "police", "incident", "amy", "Called to the home"]],
    }
    given = {"people": people, "relationships": relationships, "agencies": agencies, "chronology": chronology}
    for name, rows in given.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows if rows is not None else defaults[name])
    return folder


@pytest.fixture
def csv_review(tmp_path):
    """A function writing a CSV-folder review under tmp_path (see write_csv_review)."""
    return lambda **kw: write_csv_review(tmp_path / "review", **kw)
