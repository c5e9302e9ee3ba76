"""The map pages in a real browser: Debian's Chromium, driven by Playwright.

Each page is opened from a file, as a facilitator would open it from a memory stick, with
every request the page makes recorded and refused. The tests look at what a room would
see: the nodes, lanes and cells drawn, the slider and the step-through changing them, no
script error, nothing fetched, no name in a redacted page, hostile text shown as text.

Skipped where Chromium or Playwright is missing, unless SAFEGRAPH_REQUIRE_BROWSER=1 (as in
CI, where .ci/run sets it and scripts/test installs Chromium), which fails instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from safegraph import load
from safegraph.cli import cli

from conftest import EXAMPLES
from test_maps import HOSTILE_AGENCY, HOSTILE_PERSON, HOSTILE_SUMMARY, hostile_review
from test_privacy import finder, personal_words

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("SAFEGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRE = os.environ.get("SAFEGRAPH_REQUIRE_BROWSER") == "1"
# How the probe of this machine starts Chromium: no background traffic of its own.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def unavailable(reason: str):
    if REQUIRE:
        pytest.fail(f"SAFEGRAPH_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set SAFEGRAPH_REQUIRE_BROWSER=1 to fail instead)")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install playwright)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Opened:
    """A page opened from a file, with what it said and asked for."""

    def __init__(self, browser, path: Path, width=1920, height=1080):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url == self.url:
                r.continue_()
            else:
                r.abort()

        self.context.route("**/*", route)
        self.page.goto(self.url)
        self.page.wait_for_function("window.safegraphMap !== undefined")
        self.page.wait_for_timeout(300)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def count(self, selector: str, visible_only: bool = False) -> int:
        if not visible_only:
            return self.page.locator(selector).count()
        return self.js(f"""Array.from(document.querySelectorAll({selector!r}))
            .filter(e => getComputedStyle(e).display !== 'none').length""")

    def close(self):
        assert self.errors == [], self.errors
        assert self.requests == [self.url], f"the page asked for {self.requests[1:]}"
        self.context.close()


def write(tmp_path, view, *args, name="page.html", path=EXAMPLES / "hasan") -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(cli, [view, str(path), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def test_hasan_page_draws_every_view_offline(browser, tmp_path):
    review = load(EXAMPLES / "hasan").reviews[0]
    opened = Opened(browser, write(tmp_path, "map"))
    try:
        # The ecomap: a node for every person and agency, placed, on a canvas.
        assert opened.js("Object.keys(window.safegraphMap.network.getPositions()).length") == \
            len(review.people) + len(review.agencies)
        assert opened.count("#sg-network canvas") == 1
        assert opened.js("document.body.getAttribute('data-view')") == "map"
        # Everything drawn at the end of the chronology.
        assert opened.page.input_value("#sg-step") == str(len(review.entries) - 1)
        assert "Entry 131 of 131" in opened.page.inner_text("#sg-now")
        assert opened.count("#sg-panel .sg-finding") == 25
        # The timeline: a lane per agency, a mark per entry.
        opened.page.click("[data-tab=timeline]")
        assert opened.count("#sg-timeline .lane", visible_only=True) == len(review.agencies)
        assert opened.count("#sg-timeline .entry", visible_only=True) == len(review.entries)
        # The grid: a row per agency with anything to show, a cell per column.
        opened.page.click("[data-tab=grid]")
        rows, columns = opened.count("#sg-grid .sg-row"), opened.count("#sg-grid .sg-col")
        assert rows >= 15 and columns == 37
        assert opened.count("#sg-grid .sg-cell", visible_only=True) == rows * columns
        states = opened.js("Array.from(document.querySelectorAll('#sg-grid .sg-cell')).map(c => c.dataset.state)")
        assert {"recorded", "learnt", "not_told", ""} <= set(states)
        # Zoom and the date range move the timeline.
        opened.page.click("[data-tab=timeline]")
        before = opened.count("#sg-timeline .entry:not(.sg-out)", visible_only=True)
        opened.page.fill("#sg-from", "1999-06-01")
        opened.page.fill("#sg-to", "1999-09-01")
        opened.page.dispatch_event("#sg-to", "change")
        inside = opened.count("#sg-timeline .entry", visible_only=True)
        summer = sum(1 for e in review.entries if "1999-06-01" <= e.date.day.isoformat() <= "1999-09-01")
        assert inside == summer < before
        opened.page.click("#sg-zoom-fit")
        assert opened.count("#sg-timeline .entry", visible_only=True) == before
    finally:
        opened.close()


def test_the_slider_and_step_through_change_what_is_shown(browser, tmp_path):
    opened = Opened(browser, write(tmp_path, "timeline"))
    try:
        page = opened.page
        assert opened.js("document.body.getAttribute('data-view')") == "timeline"

        def shown():
            return {
                "entries": opened.count("#sg-timeline .entry", visible_only=True),
                "edges": opened.js("window.safegraphMap.edges.get({filter: e => !e.hidden}).length"),
                "known": opened.js("document.querySelectorAll('#sg-grid .sg-cell[data-state=recorded],"
                                   " #sg-grid .sg-cell[data-state=learnt]').length"),
                "findings": opened.count("#sg-panel .sg-finding"),
            }

        end = shown()
        opened.js("window.safegraphMap.go(0)")
        start = shown()
        assert start["entries"] == 1 and start["findings"] == 0
        assert start["edges"] < end["edges"] and start["known"] < end["known"]
        # Forward with the keyboard, as a presenter's clicker does.
        page.keyboard.press("PageDown")
        page.keyboard.press("ArrowRight")
        assert opened.js("window.safegraphMap.step()") == 2
        assert shown()["entries"] == 3
        assert page.input_value("#sg-step") == "2"
        # The slider.
        page.fill("#sg-step", "62")
        page.dispatch_event("#sg-step", "input")
        middle = shown()
        assert middle["entries"] == 63 and start["edges"] < middle["edges"] <= end["edges"]
        assert 0 < middle["findings"] < end["findings"]
        # Step through the report's key practice episodes.
        page.select_option("#sg-mode", "episode")
        assert page.inner_text("#sg-now").startswith("Episode 1 of 6: Period 1 (3.1)")
        first = shown()["entries"]
        page.click("#sg-next")
        assert page.inner_text("#sg-now").startswith("Episode 2 of 6")
        assert shown()["entries"] > first
        page.click("#sg-prev")
        assert page.inner_text("#sg-now").startswith("Episode 1 of 6")
        # The timeline follows the episode: its window is the episode's.
        assert page.input_value("#sg-from") < "1996-03-11" < page.input_value("#sg-to") < "1998-03-01"
        # A clicker's keys step forward whatever has the focus, and never change the mode.
        page.focus("#sg-mode")
        page.keyboard.press("PageDown")
        assert page.input_value("#sg-mode") == "episode"
        assert page.inner_text("#sg-now").startswith("Episode 2 of 6")
        assert "1998-06" < page.input_value("#sg-to") < "1999-02"
        page.select_option("#sg-mode", "entry")
        page.focus("#sg-step")
        at = opened.js("window.safegraphMap.step()")
        page.keyboard.press("PageDown")
        assert opened.js("window.safegraphMap.step()") == at + 1
        page.keyboard.press("PageUp")
        assert opened.js("window.safegraphMap.step()") == at
        # The line under the slider says what happened, not only who.
        entry = sorted(load(EXAMPLES / "hasan").reviews[0].entries, key=lambda e: (e.date.day, e.position))[at]
        assert page.inner_text("#sg-now").startswith(f"Entry {at + 1} of 131")
        assert entry.summary[:40] in page.inner_text("#sg-now")
        # Names stay in view as the grid scrolls sideways.
        page.click("[data-tab=grid]")
        scrolled = opened.js("(() => { const g = document.getElementById('sg-grid'); g.scrollLeft = 400; "
                             "return g.scrollLeft; })()")
        page.wait_for_timeout(100)
        assert scrolled > 0
        assert opened.js("document.querySelector('#sg-grid .sg-labels').getAttribute('transform')") == \
            f"translate({scrolled},0)"
        # Picking a finding shows its evidence and rings it on the timeline.
        page.click("#sg-last")
        page.click("#sg-panel .sg-finding >> nth=0")
        assert page.inner_text("#sg-panel-title") == "Finding #1"
        assert "Luton MARAC" in page.inner_text("#sg-panel-body")
    finally:
        opened.close()


def test_a_redacted_page_holds_no_name_and_says_so(browser, tmp_path):
    review = load(EXAMPLES / "hasan").reviews[0]
    pattern = finder(personal_words(review))
    path = write(tmp_path, "map", "--redact")
    source = path.read_text(encoding="utf-8")
    assert pattern.search(source) is None
    opened = Opened(browser, path)
    try:
        text = opened.page.inner_text("body")
        assert "Redacted" in text and pattern.search(text) is None
        opened.js("window.safegraphMap.showNode('p0')")
        assert pattern.search(opened.page.inner_text("#sg-panel")) is None
        assert "[summary withheld" in opened.page.inner_text("#sg-panel")
        # What the page holds once its script has run, not just the file.
        assert pattern.search(opened.js("document.documentElement.outerHTML")) is None
    finally:
        opened.close()


def test_hostile_text_stays_text(browser, tmp_path):
    path = write(tmp_path, "map", path=hostile_review(tmp_path / "hostile"))
    opened = Opened(browser, path)
    try:
        page = opened.page
        for tab in ("map", "timeline", "grid"):
            page.click(f"[data-tab={tab}]")
        opened.js("window.safegraphMap.showNode('p0')")
        assert page.inner_text("#sg-panel-title").startswith(HOSTILE_PERSON)
        opened.js("window.safegraphMap.showNode('a0')")
        assert page.inner_text("#sg-panel-title").startswith(HOSTILE_AGENCY)
        assert HOSTILE_SUMMARY.replace("\x01", "") in page.inner_text("#sg-panel-body").replace("\x01", "")
        lanes = opened.js("Array.from(document.querySelectorAll('#sg-timeline .lane text')).map(t => t.textContent)")
        assert HOSTILE_AGENCY in lanes
        # Nothing the text spelt was made into an element, and nothing ran.
        assert opened.count("img") == 0 and opened.count("b") == 0
        assert opened.js("document.querySelectorAll('script').length") == 4
        assert opened.dialogs == []
    finally:
        opened.close()


@pytest.mark.parametrize("name", ["child-m", "child-q", "nadiya", "rukhsana"])
def test_every_example_opens_cleanly(browser, tmp_path, name):
    review = load(EXAMPLES / name).reviews[0]
    for view in ("map", "timeline", "grid"):
        opened = Opened(browser, write(tmp_path, view, "--redact", name=f"{view}.html", path=EXAMPLES / name))
        try:
            assert opened.js("document.body.getAttribute('data-view')") == view
            assert opened.count("#sg-timeline .lane") == len(review.agencies)
            opened.js("window.safegraphMap.go(0)")
            opened.page.keyboard.press("End")
            assert opened.js("window.safegraphMap.step()") == len(review.entries) - 1
        finally:
            opened.close()


def test_screenshots_are_drawn(browser, tmp_path):
    """A screenshot of each view, looked at by a person when the maps change
    (scripts/map-screenshots writes the README's); here: they are not blank."""
    opened = Opened(browser, write(tmp_path, "map"), width=1600, height=900)
    try:
        for view in ("map", "timeline", "grid"):
            opened.page.click(f"[data-tab={view}]")
            shot = opened.page.screenshot()
            assert len(shot) > 60_000, f"{view}: a {len(shot)}-byte screenshot is too plain to be the view"
    finally:
        opened.close()


def test_a_review_without_entries_opens_cleanly(browser, tmp_path):
    from conftest import write_csv_review

    path = write_csv_review(tmp_path / "empty", chronology=[["date", "agency", "type", "subjects", "summary"]])
    opened = Opened(browser, write(tmp_path, "map", path=path))
    try:
        assert opened.page.inner_text("#sg-now") == "No entries"
        opened.page.keyboard.press("ArrowRight")
        for tab in ("timeline", "grid"):
            opened.page.click(f"[data-tab={tab}]")
        assert opened.count("#sg-timeline .entry") == 0
    finally:
        opened.close()
