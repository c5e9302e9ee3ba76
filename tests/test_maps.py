"""The maps (ecomap, timeline, who-knew-what grid): what they hold, what they leave out,
and that the files are well formed. What the pages do in a browser is tested in
test_maps_browser.py, in a real Chromium."""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from safegraph import build_graph, find_gaps, load
from safegraph.cli import cli
from safegraph.maps import picture, render
from safegraph.maps._layout import BOX_H, BOX_W, frame, genogram
from safegraph.maps._page import script_json

from conftest import EXAMPLES, write_csv_review
from test_privacy import finder, personal_words

NAMES = ("child-m", "child-q", "hasan", "nadiya", "rukhsana")
HOSTILE_PERSON = "<img src=x onerror=alert(1)>"
HOSTILE_AGENCY = "</script><script>alert(2)</script>"
HOSTILE_SUMMARY = "]]></text><svg onload=alert(3)> & \"quoted\" \x01 '<b>bold</b>'"


def hasan(**kw):
    corpus = load(EXAMPLES / "hasan")
    G = build_graph(corpus)
    return corpus, G, picture(G, "hasan", find_gaps(G), episodes=corpus.reviews[0].episodes, **kw)


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def hostile_review(folder):
    """A review whose names and text try to break out of every context a page has."""
    return write_csv_review(
        folder,
        people=[["id", "name", "role", "sex"], ["amy", HOSTILE_PERSON, "subject", "f"], ["mum", "Mother", "parent", "f"]],
        agencies=[["id", "name", "type"], ["police", HOSTILE_AGENCY, "police"], ["school", "School", "school"]],
        chronology=[["date", "agency", "type", "subjects", "summary", "risks", "referred_to", "source"],
                    ["2020-01-01", "police", "incident", "amy:victim;mum:perpetrator", HOSTILE_SUMMARY,
                     "physical_abuse", "school", "<script>alert(4)</script>"],
                    ["2020-02-01", "school", "contact", "amy", "Seen at school", "", "", "row 2"]])


def test_hasan_map_holds_the_family_the_agencies_and_the_headline():
    corpus, G, d = hasan()
    review = corpus.reviews[0]
    assert len(d["persons"]) == len(review.people) == 10
    assert len(d["agencies"]) == len(review.agencies) == 28
    assert [e["day"] for e in d["entries"]] == sorted(e["day"] for e in d["entries"])
    assert len(d["entries"]) == 131
    # The headline, in rank order, with the two MARAC meetings first (docs/precision.md).
    assert [f["rank"] for f in d["findings"]] == list(range(1, 26))
    assert [f["query"] for f in d["findings"][:2]] == ["unshared-meeting-outcome"] * 2
    marac = d["findings"][0]
    holder = d["agencies"][marac["lines"][0][1]]["label"]
    assert holder == "Luton MARAC"
    told = {d["agencies"][b]["label"] for _, _, b in marac["lines"]}
    assert {"GP", "Hasan's school"} <= told
    # Every step list points at real entries, in order.
    for link in d["involvement"] + d["flows"]:
        assert link["steps"] == sorted(link["steps"]) and link["steps"][-1] < 131
    assert len(d["episodes"]) == 6 and d["episodes"][0]["first"] == 0


def test_genogram_puts_parents_above_children_and_partners_side_by_side():
    _, _, d = hasan()
    by = {p["label"]: p for p in d["persons"]}
    for child in ("Hasan", "Jila", "Rahima"):
        assert by["Father"]["y"] < by[child]["y"] and by["Mother"]["y"] < by[child]["y"]
    assert by["Father"]["y"] == by["Mother"]["y"]
    assert abs(by["Father"]["x"] - by["Mother"]["x"]) < 200
    assert by["Jila's husband"]["y"] == by["Jila"]["y"]
    # Siblings with a parent on the map are joined through the parent, not by a line.
    kinds = {(d["persons"][r["a"]]["label"], d["persons"][r["b"]]["label"]): r["kind"] for r in d["relations"]}
    assert "sibling" not in kinds.values()
    assert len(kinds) == len(set(frozenset(k) for k in kinds))


def test_agencies_frame_the_family_without_overlapping():
    family = genogram(["a", "b"], [("a", "b")], [], [], {})
    pos = frame([(f"x{i}", "police" if i % 2 else "gp") for i in range(40)], family)
    boxes = list(pos.values())
    for i, (x1, y1) in enumerate(boxes):
        for x2, y2 in boxes[i + 1:]:
            assert abs(x1 - x2) >= BOX_W or abs(y1 - y2) >= BOX_H, "two agency boxes overlap"
    xs = [x for x, _ in family.values()]
    assert all(abs(x) > max(map(abs, xs)) or abs(y) > 100 for x, y in boxes)


def test_grid_cells_say_recorded_learnt_or_not_told():
    _, _, d = hasan()
    g = d["grid"]
    assert g["min_severity"] == 3 and len(g["columns"]) == 37
    labels = [a["label"] for a in d["agencies"]]
    kinds = {cell[0] for row in g["cells"] for cell in row}
    assert kinds == {"recorded", "learnt", "not_told", ""}
    for r, row in zip(g["rows"], g["cells"]):
        for c, cell in zip(g["columns"], row):
            entry = d["entries"][c]
            if cell[0] == "recorded":
                assert entry["agency"] == r and cell[1] == c
            if cell[0] == "learnt":
                assert entry["agency"] != r and cell[1] >= c and cell[2] >= entry["day"]
    # The school never learnt of Jila's and Rahima's overdoses (finding 1 of the report).
    school = labels.index("Hasan's school")
    row = g["cells"][g["rows"].index(school)]
    overdoses = [k for k, c in enumerate(g["columns"]) if "overdose" in d["entries"][c]["risks"]]
    assert overdoses and all(row[k][0] in ("not_told", "") for k in overdoses)


def test_as_of_leaves_later_entries_out_of_the_file(tmp_path):
    corpus, G, d = hasan(as_of=__import__("datetime").date(1999, 8, 31))
    assert d["entries"] and max(e["day"] for e in d["entries"]) <= "1999-08-31"
    assert all(f["step"] < len(d["entries"]) and max(f["events"]) < len(d["entries"]) for f in d["findings"])
    assert all(c < len(d["entries"]) for c in d["grid"]["columns"])
    later = [e for e in corpus.reviews[0].entries if e.date.day.isoformat() > "1999-08-31"]
    out = tmp_path / "aug99.html"
    run("map", EXAMPLES / "hasan", "--as-of", "1999-08", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert "1999-08-31" in text
    for entry in later:
        assert json.dumps(entry.summary, ensure_ascii=False)[1:-1] not in text, entry.id


@pytest.mark.parametrize("name", NAMES)
def test_every_view_is_well_formed_svg(name, tmp_path):
    for view in ("map", "timeline", "grid"):
        out = tmp_path / f"{view}.svg"
        run(view, EXAMPLES / name, "-o", out)
        root = ET.fromstring(out.read_text(encoding="utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert int(root.get("width")) >= 1000


@pytest.mark.parametrize("name", NAMES)
def test_redacted_pages_and_figures_hold_no_name(name, tmp_path):
    review = load(EXAMPLES / name).reviews[0]
    pattern = finder(personal_words(review))
    plain = tmp_path / "plain.html"
    run("map", EXAMPLES / name, "-o", plain)
    assert pattern.search(plain.read_text(encoding="utf-8")), "the check cannot fail: no name in the plain page"
    for view, suffix in (("map", "html"), ("timeline", "html"), ("grid", "html"), ("map", "svg"),
                         ("timeline", "svg"), ("grid", "svg")):
        out = tmp_path / f"{view}.{suffix}"
        run(view, EXAMPLES / name, "--redact", "-o", out)
        text = out.read_text(encoding="utf-8")
        found = pattern.search(text)
        assert found is None, f"{view}.{suffix}: {text[max(0, found.start() - 80):found.end() + 80]!r}"
        assert "Redacted" in text or "REDACTED" in text


def test_hostile_text_is_escaped_in_every_context(tmp_path):
    path = hostile_review(tmp_path / "hostile")
    page = tmp_path / "page.html"
    run("map", path, "-o", page)
    text = page.read_text(encoding="utf-8")
    for raw in (HOSTILE_PERSON, HOSTILE_AGENCY, "<svg onload", "<script>alert(4)", "<b>bold</b>"):
        assert raw not in text
    # Shown as text in the SVG views.
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in text
    # The JSON blocks cannot be closed from inside, and still read back exactly.
    blocks = re.findall(r'<script type="application/json" id="sg-data">(.*?)</script>', text, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["persons"][0]["label"] == HOSTILE_PERSON
    assert data["entries"][0]["summary"] == HOSTILE_SUMMARY
    for view in ("map", "timeline", "grid"):
        out = tmp_path / f"{view}.svg"
        run(view, path, "-o", out)
        ET.fromstring(out.read_text(encoding="utf-8"))  # well formed: nothing broke out


def test_script_json_cannot_close_its_block():
    text = script_json({"a": "</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 & >"}


def test_png_figures_are_large_enough_for_a_projector(tmp_path):
    for view in ("map", "timeline", "grid"):
        out = tmp_path / f"{view}.png"
        run(view, EXAMPLES / "hasan", "-o", out)
        head = out.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", head[16:24])
        assert width >= 2000 and height >= 1000, (view, width, height)


def test_a_corpus_needs_a_review_named(tmp_path):
    result = CliRunner().invoke(cli, ["map", str(EXAMPLES), "-o", str(tmp_path / "x.html")])
    assert result.exit_code != 0
    assert "choose one with --review" in result.output and "hasan" in result.output
    assert "Traceback" not in result.output
    run("map", EXAMPLES, "--review", "nadiya", "-o", tmp_path / "n.html")
    result = CliRunner().invoke(cli, ["map", str(EXAMPLES), "--review", "nobody", "-o", str(tmp_path / "x.html")])
    assert result.exit_code != 0 and "no review nobody" in result.output


def test_episodes_are_read_and_bad_ones_named(tmp_path):
    good = write_csv_review(tmp_path / "good", review="id: t\ntitle: T\nepisodes:\n  - 2019..2020-03 First stretch\n")
    review = load(good).reviews[0]
    assert [(e.label, e.start.text, e.end.text) for e in review.episodes] == [("First stretch", "2019", "2020-03")]
    # One cell, as a workbook's review sheet holds it.
    from safegraph import review_from_dict
    one_cell = review_from_dict({"review": {"id": "t", "title": "T",
                                            "episodes": "2019..2020 A; 2021-05..2021-06 B: the end"},
                                 "people": [], "relationships": [], "agencies": [], "chronology": []})
    assert [(e.label, e.end.text) for e in one_cell.episodes] == [("A", "2020"), ("B: the end", "2021-06")]
    bad = write_csv_review(tmp_path / "bad", review="id: t\ntitle: T\nepisodes:\n  - 2019 no range\n"
                                                    "  - 2021..2020 backwards\n  - 2019-13..2020 bad month\n")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code != 0
    assert "episode 1 ('2019 no range') is not written as START..END label" in result.output
    assert "episode 2 starts (2021) after it ends (2020)" in result.output
    assert "episode 3:" in result.output and "review.yaml" in result.output


def test_a_review_without_entries_or_people_still_draws(tmp_path):
    path = write_csv_review(tmp_path / "empty", people=[["id", "name"]], relationships=[["person", "relation", "other"]],
                            chronology=[["date", "agency", "type", "subjects", "summary"]])
    for view in ("map", "timeline", "grid"):
        for fmt in ("html", "svg"):
            out = tmp_path / f"{view}.{fmt}"
            result = CliRunner().invoke(cli, [view, str(path), "-o", str(out)])
            assert result.exit_code == 0, result.output
            if fmt == "svg":
                ET.fromstring(out.read_text(encoding="utf-8"))


def test_render_refuses_unknown_views_and_formats():
    _, _, d = hasan()
    with pytest.raises(ValueError):
        render(d, "pie", "svg")
    with pytest.raises(ValueError):
        render(d, "map", "gif")
