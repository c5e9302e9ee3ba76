"""The map page: one self-contained HTML file with the ecomap, the timeline and the grid.

Everything the page needs is inside it: the vis-network build pyvis ships, the page's own
script and styles, the map data as JSON. A Content-Security-Policy in the page forbids
every request (no ``connect-src``, ``img-src`` only ``data:``), so even a browser asked to
fetch something would refuse. Review text reaches the page only as escaped SVG text, as
JSON in a ``<script type="application/json">`` block (``<``, ``>`` and ``&`` written as
``\\u`` escapes so it cannot close the block), and through ``textContent`` in the script.
"""

from __future__ import annotations

import json
from importlib import resources

from . import _network, _svg

VIEWS = ("map", "timeline", "grid")
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
       "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")


def script_json(data) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _static(name: str) -> str:
    return (resources.files("safegraph.maps") / "static" / name).read_text(encoding="utf-8")


def page(d: dict, view: str = "map") -> str:
    """The HTML page of map data ``d``, opening on ``view`` (``map``, ``timeline`` or ``grid``)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}")
    esc = _svg.esc
    vis_js, vis_css = _network.vis_assets()
    review = d["review"]
    bits = []
    if review["kind"]:
        bits.append(review["kind"].upper())
    if review["area"]:
        bits.append(review["area"])
    if review["period"][0] or review["period"][1]:
        bits.append(f"period {review['period'][0]} to {review['period'][1]}")
    if review["incident"]:
        bits.append(f"incident {review['incident']}")
    if review["as_of"]:
        bits.append(f"shown as of {review['as_of']}: nothing later is in this file")
    n = len(d["entries"])
    bits.append(f"{n} entries, {len(d['agencies'])} agencies, {len(d['persons'])} people")
    redacted = f'<p class="sg-redacted">{esc(review["note"])}</p>' if review["redacted"] else ""
    episodes = ('<option value="episode">Key practice episodes</option>' if d["episodes"] else "")
    gap_top = "".join(f'<option value="{k}"{" selected" if k == _svg.GAP_LINES else ""}>top {k}</option>'
                      for k in (5, 10, 25) if k <= max(len(d["findings"]), 5))
    legend = _svg.ecomap_legend(d, 900)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="safegraph">
<title>{esc(review["title"])} - safegraph map</title>
<style>{vis_css}</style>
<style>{_static("page.css")}</style>
</head>
<body data-view="{view}">
<header>
<h1>{esc(review["title"])}</h1>
<p class="sg-sub">{esc(" · ".join(bits))}</p>
{redacted}
<nav role="tablist">
<button type="button" role="tab" data-tab="map">Ecomap</button>
<button type="button" role="tab" data-tab="timeline">Timeline</button>
<button type="button" role="tab" data-tab="grid">Who knew what</button>
</nav>
</header>
<div id="sg-controls">
<button type="button" id="sg-first" title="First (Home)" aria-label="First">|&#x25C0;</button>
<button type="button" id="sg-prev" title="Back (Left arrow, Page Up)" aria-label="Back">&#x25C0;</button>
<input type="range" id="sg-step" min="0" max="{max(n - 1, 0)}" value="{max(n - 1, 0)}" aria-label="Point in the chronology">
<button type="button" id="sg-next" title="Forward (Right arrow, Page Down)" aria-label="Forward">&#x25B6;</button>
<button type="button" id="sg-last" title="Last (End)" aria-label="Last">&#x25B6;|</button>
<button type="button" id="sg-play">Play</button>
<select id="sg-mode" aria-label="Step by"><option value="entry">Entry by entry</option>{episodes}</select>
<button type="button" id="sg-panel-toggle" aria-pressed="true">Findings panel</button>
<span id="sg-now" aria-live="polite"></span>
</div>
<main>
<section id="sg-map" class="sg-view" aria-label="Ecomap">
<div class="sg-tools">
<label><input type="checkbox" data-layer="family" checked> family</label>
<label><input type="checkbox" data-layer="involvement" checked> involved with</label>
<label><input type="checkbox" data-layer="flows" checked> knowledge passed</label>
<label><input type="checkbox" data-layer="gaps" checked> gaps:</label>
<select id="sg-gap-top" aria-label="How many findings to draw">{gap_top}</select>
<button type="button" id="sg-fit">Fit</button>
<span>Click anything for its entries; scroll to zoom.</span>
<details class="sg-legend"><summary>Legend</summary>{legend}</details>
</div>
<div id="sg-network"></div>
</section>
<section id="sg-timeline" class="sg-view" aria-label="Timeline">
<div class="sg-tools">
<button type="button" id="sg-zoom-in">Zoom in</button>
<button type="button" id="sg-zoom-out">Zoom out</button>
<button type="button" id="sg-zoom-fit">Whole period</button>
<label>from <input type="date" id="sg-from"></label>
<label>to <input type="date" id="sg-to"></label>
<span>Click an entry for its details.</span>
</div>
{_svg.timeline(d, heading=False)}
</section>
<section id="sg-grid" class="sg-view" aria-label="Who knew what">
{_svg.grid(d, heading=False)}
</section>
<aside id="sg-panel" aria-live="polite">
<h2 id="sg-panel-title">Headline findings</h2>
<div id="sg-panel-body"></div>
</aside>
</main>
<script type="application/json" id="sg-data">{script_json(d)}</script>
<script type="application/json" id="sg-network-data">{script_json(_network.network(d))}</script>
<script>{vis_js}</script>
<script>{_static("page.js")}</script>
</body>
</html>
"""
