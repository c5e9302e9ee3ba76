"""Screenshots of the map pages for the README (see scripts/map-screenshots)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = [
    # (file, command arguments, view, script run before the shot)
    ("hasan-map.png", ["--as-of", "1999-09-30"], "map", None),
    ("hasan-map-redacted.png", ["--redact"], "map", "window.safegraphMap.mode('episode')"),
    ("hasan-timeline.png", [], "timeline", "document.getElementById('sg-panel-toggle').click()"),
    ("hasan-grid.png", ["--as-of", "1999-10-31"], "grid", "document.getElementById('sg-panel-toggle').click()"),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, args, view, before in SHOTS:
            page_file = Path(tmp) / f"{name}.html"
            subprocess.run([sys.executable, "-m", "safegraph", view, str(ROOT / "examples" / "hasan"),
                            "-o", str(page_file), *args], check=True)
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(page_file.as_uri())
            page.wait_for_function("window.safegraphMap !== undefined")
            if before:
                page.evaluate(before)
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / name))
            page.close()
            print(f"wrote {OUT / name}")
        browser.close()


if __name__ == "__main__":
    main()
