"""The three views as SVG: the static figures (``--format svg`` and ``png``), and the
timeline and grid inside the page, where the script moves and hides what is drawn here.

Every element that belongs to a moment carries ``data-s`` (the step from which it shows);
timeline elements carry their days (``data-t``, ``data-t2``: days since 1970-01-01) so the
page can re-scale the axis without redrawing. All text is escaped here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import textwrap

from . import _style

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
EPOCH = dt.date(1970, 1, 1)


def esc(text) -> str:
    """Text as SVG/HTML character data or an attribute value: markup escaped, and the
    control characters XML cannot hold dropped."""
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` characters, the last cut with an ellipsis."""
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def short_date(iso: str) -> str:
    """``1999-08-12`` -> ``12/08/99``."""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y[2:]}"


def _days(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - EPOCH).days


def _open(width: float, height: float, view: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="sg-{view}" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}" role="img">',
            '<defs>'
            f'<marker id="sg-arrow-flow-{view}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{_style.FLOW}"/></marker>'
            f'<marker id="sg-arrow-gap-{view}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{_style.GAP}"/></marker>'
            '</defs>',
            f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>']


def _heading(d: dict, width: float, what: str) -> list[str]:
    review = d["review"]
    lines = [f'<text x="24" y="40" font-size="30" font-weight="bold" fill="{_style.INK}">{esc(review["title"])}</text>']
    bits = [what]
    if review["period"][0] or review["period"][1]:
        bits.append(f'review period {review["period"][0]} to {review["period"][1]}')
    if review["as_of"]:
        bits.append(f'as of {review["as_of"]}')
    lines.append(f'<text x="24" y="70" font-size="20" fill="#444">{esc(" · ".join(bits))}</text>')
    if review["redacted"]:
        lines.append(f'<text x="{width - 24:.0f}" y="36" font-size="16" font-weight="bold" text-anchor="end" '
                     f'fill="{_style.GAP}">REDACTED</text>')
    return lines


def _visible(s, step) -> bool:
    return step is None or (s is not None and s <= step)


# -- the ecomap ---------------------------------------------------------------------------

GAP_LINES = 5
"""How many of the headline findings the static ecomap draws as red lines."""


def finding_lines(d: dict, step: int | None = None, top: int | None = GAP_LINES) -> dict[tuple[str, int, int], list[int]]:
    """The dashed red lines of the headline findings ranked ``top`` or better, one per
    pair: (kind, from, to) -> the findings' ranks (kind ``agency``: from the agency that
    held it to the one that lacked it; ``person``: from the agency that lacked it to the
    person it was about)."""
    out: dict[tuple[str, int, int], list[int]] = {}
    for f in d["findings"]:
        if not _visible(f["step"], step) or (top is not None and f["rank"] > top):
            continue
        for kind, a, b in f["lines"]:
            out.setdefault((kind, a, b), []).append(f["rank"])
    return out


def ecomap(d: dict, step: int | None = None) -> str:
    """The ecomap as a static SVG figure, as of ``step`` (everything if None)."""
    persons, agencies = d["persons"], d["agencies"]
    points = [(p["x"], p["y"]) for p in persons] + [(a["x"], a["y"]) for a in agencies] or [(0, 0)]
    min_x = min(x for x, _ in points) - 140
    max_x = max(x for x, _ in points) + 140
    min_y = min(y for _, y in points) - 60
    max_y = max(y for _, y in points) + 70
    top, legend_h = 100, 160
    width = max(max_x - min_x, 1100)
    height = (max_y - min_y) + top + legend_h
    ox, oy = -min_x + (width - (max_x - min_x)) / 2, top - min_y

    def P(x, y):
        return x + ox, y + oy

    out = _open(width, height, "ecomap") + _heading(d, width, "Ecomap: the family and the agencies around it")
    shown_agencies = {i for i, a in enumerate(agencies) if step is None or (a["first"] is not None and a["first"] <= step)}
    # Involvement: agency to person, thicker for more contacts.
    for link in d["involvement"]:
        count = sum(1 for s in link["steps"] if _visible(s, step))
        if not count:
            continue
        a, p = agencies[link["agency"]], persons[link["person"]]
        (x1, y1), (x2, y2) = P(a["x"], a["y"]), P(p["x"], p["y"])
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{_style.INVOLVED}" '
                   f'stroke-opacity="0.35" stroke-width="{1 + 1.6 * math.log2(count):.1f}"/>')
    # Knowledge passing between agencies.
    for flow in d["flows"]:
        count = sum(1 for s in flow["steps"] if _visible(s, step))
        if not count:
            continue
        a, b = agencies[flow["from"]], agencies[flow["to"]]
        out.append(_curve(P(a["x"], a["y"]), P(b["x"], b["y"]), _style.FLOW, 1 + 1.2 * math.log2(count), "",
                          "flow", 0.18))
    # The family.
    for rel in d["relations"]:
        a, b = persons[rel["a"]], persons[rel["b"]]
        stroke, w, dash = _style.RELATION_STYLES[rel["kind"]]
        (x1, y1), (x2, y2) = P(a["x"], a["y"]), P(b["x"], b["y"])
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
                   f'stroke-width="{w}"{dashes}/>')
    # Gaps, over everything else but the nodes.
    for (kind, a, b), ranks in finding_lines(d, step).items():
        start = agencies[a]
        end = agencies[b] if kind == "agency" else persons[b]
        out.append(_curve(P(start["x"], start["y"]), P(end["x"], end["y"]), _style.GAP, 2.5, "9 6",
                          "gap" if kind == "agency" else None, -0.12))
    for p in persons:
        out.append(_person(p, *P(p["x"], p["y"])))
    for i, a in enumerate(agencies):
        out.append(_agency(a, *P(a["x"], a["y"]), faded=i not in shown_agencies))
    out += _ecomap_legend(d, width, height - legend_h + 20)
    out.append("</svg>")
    return "\n".join(out)


def _curve(a, b, stroke, width, dash, marker, bend) -> str:
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * bend, my + (x2 - x1) * bend
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    view = "ecomap"
    # Stop short of the box or symbol so the arrowhead shows.
    length = math.hypot(x2 - cx, y2 - cy) or 1
    ex, ey = x2 - (x2 - cx) / length * 34, y2 - (y2 - cy) / length * 34
    arrow = f' marker-end="url(#sg-arrow-{marker}-{view})"' if marker else ""
    return (f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" stroke="{stroke}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.9"{dashes}{arrow}/>')


def person_shape(p: dict, x: float, y: float, r: float = 22) -> str:
    """A genogram symbol: a square for a male, a circle for a female, a diamond otherwise."""
    stroke = "#7b241c" if p["subject"] else _style.PERSON_BORDER
    width = 4 if p["subject"] else 2
    style = f'fill="{_style.PERSON}" stroke="{stroke}" stroke-width="{width}"'
    if p["sex"] == "m":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" {style}/>'
    if p["sex"] == "f":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {style}/>'
    return (f'<polygon points="{x:.1f},{y - r - 4:.1f} {x + r + 4:.1f},{y:.1f} {x:.1f},{y + r + 4:.1f} '
            f'{x - r - 4:.1f},{y:.1f}" {style}/>')


def _person(p: dict, x: float, y: float) -> str:
    lines = wrap(p["label"], 15, 2)
    weight = "bold" if p["subject"] else "normal"
    text = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 21}">{esc(line)}</tspan>' for i, line in enumerate(lines))
    # A white halo under the name keeps it readable over the lines (drawn as a text of its
    # own: not every SVG renderer knows paint-order).
    attrs = f'x="{x:.1f}" y="{y + 44:.1f}" font-size="19" font-weight="{weight}" text-anchor="middle"'
    return (f'<g class="person">{person_shape(p, x, y)}'
            f'<text {attrs} fill="#ffffff" stroke="#ffffff" stroke-width="5" stroke-linejoin="round">{text}</text>'
            f'<text {attrs} fill="{_style.INK}">{text}</text></g>')


def _agency(a: dict, x: float, y: float, faded: bool) -> str:
    from ._layout import BOX_H, BOX_W

    fill = a["colour"]
    ink = _style.ink_on(fill)
    lines = wrap(a["label"], 21, 3)
    first = y - (len(lines) - 1) * 11 + 6
    text = "".join(f'<tspan x="{x:.1f}" y="{first + 22 * i:.1f}">{esc(line)}</tspan>' for i, line in enumerate(lines))
    opacity = ' opacity="0.35"' if faded else ""
    return (f'<g class="agency"{opacity}><rect x="{x - BOX_W / 2:.1f}" y="{y - BOX_H / 2:.1f}" width="{BOX_W}" '
            f'height="{BOX_H}" rx="8" fill="{fill}" stroke="#2e3440" stroke-width="1"/>'
            f'<text font-size="19" text-anchor="middle" fill="{ink}">{text}</text></g>')


def _swatches(items: list[tuple[str, str]], x0: float, y: float, width: float) -> tuple[list[str], float]:
    """Legend entries ((svg of a 30x16 sample, words)) laid out in rows from (x0, y)."""
    out, x = [], x0
    for sample, words in items:
        w = 46 + 9.6 * len(words) + 24
        if x + w > width - 20:
            x, y = x0, y + 28
        out.append(f'<g transform="translate({x:.1f},{y:.1f})">{sample}'
                   f'<text x="40" y="14" font-size="17" fill="{_style.INK}">{esc(words)}</text></g>')
        x += w
    return out, y


def ecomap_legend(d: dict, width: float) -> str:
    """The ecomap's legend as an SVG of its own (for the page, under the network)."""
    items = _ecomap_legend(d, width, 6)
    rows = max(1, len({m for m in re.findall(r'translate\([0-9.]+,([0-9.]+)\)', "".join(items))}))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sg-legend-svg" width="{width:.0f}" height="{rows * 26 + 10}" '
            f'font-family="{FONT}">' + "".join(items) + "</svg>")


def _ecomap_legend(d: dict, width: float, y: float) -> list[str]:
    from ._layout import TYPE_ORDER

    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    kinds = sorted(dict.fromkeys((a["type"], a["type_label"], a["colour"]) for a in d["agencies"]),
                   key=lambda k: rank.get(k[0], len(rank)))
    items = [(f'<rect width="30" height="16" rx="3" fill="{c}" stroke="#2e3440"/>', label) for _, label, c in kinds]
    relations = list(dict.fromkeys(r["kind"] for r in d["relations"]))
    for kind in relations:
        stroke, w, dash = _style.RELATION_STYLES[kind]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        items.append((f'<line x1="0" y1="8" x2="30" y2="8" stroke="{stroke}" stroke-width="{w}"{dashes}/>', kind))
    items += [
        (f'<line x1="0" y1="8" x2="30" y2="8" stroke="{_style.INVOLVED}" stroke-width="4"/>',
         "involved with (thicker: more contacts)"),
        (f'<line x1="0" y1="8" x2="30" y2="8" stroke="{_style.FLOW}" stroke-width="3"/>',
         "knowledge passed (referral, share, meeting)"),
        (f'<line x1="0" y1="8" x2="30" y2="8" stroke="{_style.GAP}" stroke-width="3" stroke-dasharray="7 4"/>',
         "gap: did not reach the agency (headline finding)"),
        (f'<rect x="8" y="0" width="16" height="16" fill="{_style.PERSON}" stroke="{_style.PERSON_BORDER}"/>',
         "male"),
        (f'<circle cx="16" cy="8" r="8" fill="{_style.PERSON}" stroke="{_style.PERSON_BORDER}"/>', "female"),
        (f'<polygon points="16,0 25,8 16,16 7,8" fill="{_style.PERSON}" stroke="{_style.PERSON_BORDER}"/>',
         "sex not recorded"),
        (f'<rect x="8" y="0" width="16" height="16" fill="{_style.PERSON}" stroke="#7b241c" stroke-width="3"/>',
         "subject of the review"),
    ]
    out, _ = _swatches(items, 24, y, width)
    return out


# -- the timeline ---------------------------------------------------------------------------

LANE_H = 30
LABEL_W = 380
TIMELINE_W = 1500


def lanes(d: dict) -> list[int]:
    """Agencies in lane order: each organisation's units under it, organisations by kind."""
    from ._layout import TYPE_ORDER

    agencies = d["agencies"]
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}

    def top(i):
        while agencies[i]["organisation"] is not None and agencies[i]["organisation"] != i:
            i = agencies[i]["organisation"]
        return i

    return sorted(range(len(agencies)), key=lambda i: (rank.get(agencies[top(i)]["type"], len(rank)), top(i),
                                                        i != top(i), i))


def axis_ticks(t0: int, t1: int) -> list[tuple[int, str]]:
    """Ticks for days ``t0``..``t1``: years, or months on a short span."""
    a, b = EPOCH + dt.timedelta(days=t0), EPOCH + dt.timedelta(days=t1)
    ticks = []
    if (b - a).days > 3 * 365:
        for year in range(a.year + 1, b.year + 1):
            ticks.append(((dt.date(year, 1, 1) - EPOCH).days, str(year)))
        if ticks and ticks[0][0] - t0 > 120:
            ticks.insert(0, (t0, str(a.year)))  # the first, part year
    else:
        step = 1 if (b - a).days < 500 else 3
        y, m = a.year, a.month
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            day = dt.date(y, m, 1)
            if day > b:
                break
            if (m - 1) % step == 0:
                ticks.append(((day - EPOCH).days, day.strftime("%b %Y") if m == 1 or step == 3 else day.strftime("%b")))
    return ticks


def time_span(d: dict) -> tuple[int, int]:
    days = [_days(e["day"]) for e in d["entries"]] or [0]
    pad = max(20, (max(days) - min(days)) // 40)
    return min(days) - pad, max(days) + pad


# Entry marks drawn as polygons: corner points in units of the mark's size.
_POLYGONS = {
    "triangle": [(0, -1.1), (1, 0.8), (-1, 0.8)],
    "arrow": [(-1, -1), (1.1, 0), (-1, 1)],
    "diamond": [(0, -1.2), (1.1, 0), (0, 1.2), (-1.1, 0)],
    "square": [(-1.1, -1.1), (1.1, -1.1), (1.1, 1.1), (-1.1, 1.1)],
    "bar": [(-0.45, -1.3), (0.45, -1.3), (0.45, 1.3), (-0.45, 1.3)],
    "star": [((1.3 if k % 2 == 0 else 0.55) * math.sin(k * math.pi / 5),
              -(1.3 if k % 2 == 0 else 0.55) * math.cos(k * math.pi / 5)) for k in range(10)],
}


def entry_mark(e: dict, fill: str, s: float = 8) -> str:
    """An entry's mark of size ``s``, drawn at (0, 0): its shape says its type."""
    shape = _style.ENTRY_SHAPES.get(e["type"], "dot")
    style = f'fill="{fill}" stroke="#1d2330" stroke-width="1.2"'
    if shape in _POLYGONS:
        points = " ".join(f"{x * s:.1f},{y * s:.1f}" for x, y in _POLYGONS[shape])
        return f'<polygon points="{points}" {style}/>'
    if shape == "circle":
        return f'<circle r="{s}" {style}/>'
    if shape == "dot":
        return f'<circle r="{s * 0.6}" {style}/>'
    if shape == "ring":
        return f'<circle r="{s * 0.8}" fill="#ffffff" stroke="{fill}" stroke-width="3"/>'
    # death
    return (f'<g stroke="#000000" stroke-width="3.5"><line x1="{-s}" y1="{-s}" x2="{s}" y2="{s}"/>'
            f'<line x1="{-s}" y1="{s}" x2="{s}" y2="{-s}"/></g>')


def timeline(d: dict, step: int | None = None, heading: bool = True) -> str:
    """The multi-agency timeline: one lane per agency, entries by date and shaped by type,
    knowledge passing drawn between lanes, headline findings' evidence ringed in red."""
    order = lanes(d)
    lane_of = {a: k for k, a in enumerate(order)}
    agencies, entries = d["agencies"], d["entries"]
    t0, t1 = time_span(d)
    top = (150 if heading else 80)
    bottom_legend = 100 + 26 * len(d["episodes"])
    height = top + LANE_H * len(order) + 30 + bottom_legend
    width = LABEL_W + TIMELINE_W + 30
    plot_h = LANE_H * len(order)

    def X(t):
        return LABEL_W + (t - t0) / max(t1 - t0, 1) * TIMELINE_W

    def Y(lane):
        return top + LANE_H * lane + LANE_H / 2

    out = _open(width, height, "timeline")
    if heading:
        out += _heading(d, width, "Timeline: each agency's record, and what passed between them")
    out.append(f'<clipPath id="sg-clip"><rect class="sg-bg" x="{LABEL_W}" y="0" width="{TIMELINE_W + 20}" '
               f'height="{height}"/></clipPath>')
    out.append(f'<g class="sg-plot" data-t0="{t0}" data-t1="{t1}" data-left="{LABEL_W}" data-width="{TIMELINE_W}" '
               f'data-top="{top}" data-height="{plot_h}">')
    # Episodes as bands, behind everything.
    out.append('<g clip-path="url(#sg-clip)">')
    for k, ep in enumerate(d["episodes"]):
        a, b = _days(entries[ep["first"]]["day"]), _days(entries[ep["last"]]["day"])
        x1, x2 = X(a) - 6, X(b) + 6
        # Labels on two staggered rows, so neighbouring episodes never write over each other.
        label_y = top - 52 + 18 * (k % 2)
        out.append(f'<g class="sg-t episode" data-t="{a}" data-t2="{b}" data-i="{k}">'
                   f'<rect x="{x1:.1f}" y="{label_y - 14}" width="{max(x2 - x1, 4):.1f}" '
                   f'height="{plot_h + top - label_y + 14}" fill="{"#eef2f7" if k % 2 == 0 else "#f7f3ea"}"/>'
                   f'<text x="{x1 + 4:.1f}" y="{label_y}" font-size="14" font-weight="bold" fill="#555">'
                   f'{esc("E" + str(k + 1))}</text></g>')
    out.append("</g>")
    for k in range(len(order)):
        shade = "#fafafa" if k % 2 else "#ffffff"
        out.append(f'<rect class="sg-bg" x="{LABEL_W}" y="{top + LANE_H * k}" width="{TIMELINE_W}" '
                   f'height="{LANE_H}" fill="{shade}" opacity="0.6"/>')
    # The axis, along the top where it is always in view.
    out.append(f'<g class="sg-axis">{axis_svg(t0, t1, top, plot_h)}</g>')
    incident = d["review"].get("incident_day")
    if incident and t0 <= _days(incident) <= t1:
        t = _days(incident)
        out.append(f'<g class="sg-t incident" data-t="{t}" data-t2="{t}"><line x1="{X(t):.1f}" y1="{top}" '
                   f'x2="{X(t):.1f}" y2="{top + plot_h}" stroke="#000000" stroke-width="2.5"/>'
                   f'<text x="{X(t) - 4:.1f}" y="{top + plot_h + 18}" font-size="14" font-weight="bold" '
                   f'text-anchor="end">critical incident {esc(short_date(incident))}</text></g>')
    # Knowledge passing: from the recorder's lane to the recipient's.
    out.append('<g clip-path="url(#sg-clip)">')
    for i, e in enumerate(entries):
        if not _visible(i, step):
            continue
        for b in e["to"]:
            if b == e["agency"]:
                continue
            t = _days(e["day"])
            out.append(f'<line class="sg-t flow" data-s="{i}" data-t="{t}" data-t2="{t}" x1="{X(t):.1f}" '
                       f'y1="{Y(lane_of[e["agency"]]):.1f}" x2="{X(t):.1f}" y2="{Y(lane_of[b]):.1f}" '
                       f'stroke="{_style.FLOW}" stroke-width="1.6" stroke-opacity="0.7" '
                       f'marker-end="url(#sg-arrow-flow-timeline)"/>')
        for b in e["not_to"]:
            t = _days(e["day"])
            out.append(f'<line class="sg-t notshared" data-s="{i}" data-t="{t}" data-t2="{t}" x1="{X(t):.1f}" '
                       f'y1="{Y(lane_of[e["agency"]]):.1f}" x2="{X(t):.1f}" y2="{Y(lane_of[b]):.1f}" '
                       f'stroke="{_style.GAP}" stroke-width="2" stroke-dasharray="5 4"/>')
    evidence: dict[int, list[int]] = {}
    moments: dict[int, list[int]] = {}
    for f in d["findings"]:
        if _visible(f["step"], step):
            moments.setdefault(f["at"], []).append(f["rank"])
            for s in f["events"]:
                evidence.setdefault(s, []).append(f["rank"])
    for i, e in enumerate(entries):
        if not _visible(i, step):
            continue
        if e["type"] == "death":
            continue  # drawn last, on top of everything
        out.append(_entry_g(i, e, evidence, moments, agencies, X, Y(lane_of[e["agency"]])))
    for i, e in enumerate(entries):
        if e["type"] == "death" and _visible(i, step):
            out.append(_entry_g(i, e, evidence, moments, agencies, X, Y(lane_of[e["agency"]]), size=12))
    out.append("</g></g>")
    # Lane labels over a white band of their own, which the page keeps in view as the
    # timeline scrolls sideways.
    out.append(f'<g class="sg-labels"><rect x="0" y="{top - 2}" width="{LABEL_W - 2}" height="{plot_h + 4}" '
               f'fill="#ffffff"/>')
    for k, a in enumerate(order):
        y = top + LANE_H * k
        ag = agencies[a]
        indent = 16 if ag["organisation"] is not None else 0
        out.append(f'<g class="lane" data-a="{a}"><rect x="{8 + indent}" y="{y + 7}" width="14" height="16" '
                   f'fill="{ag["colour"]}" stroke="#2e3440"/>'
                   f'<text x="{28 + indent}" y="{y + 20}" font-size="15" fill="{_style.INK}">'
                   f'{esc(wrap(ag["label"], 40 - indent // 8, 1)[0])}</text></g>')
    out.append(f'<line x1="{LABEL_W - 1}" y1="{top}" x2="{LABEL_W - 1}" y2="{top + plot_h}" stroke="#888"/></g>')
    out += _timeline_legend(d, width, top + plot_h + 40)
    out.append("</svg>")
    return "\n".join(out)


def _entry_g(i: int, e: dict, evidence: dict, moments: dict, agencies: list, X, y: float, size: float = 8) -> str:
    """An entry's mark in its lane; ringed in red where a headline finding happens (the
    page rings all of a finding's evidence when it is picked)."""
    t = _days(e["day"])
    ring = ""
    if i in evidence:
        hidden = "" if i in moments else ' display="none"'
        ring = f'<circle class="ring" r="{size + 6}" fill="none" stroke="{_style.GAP}" stroke-width="3"{hidden}/>'
    ranks = " ".join(str(r) for r in evidence.get(i, ()))
    return (f'<g class="sg-t entry" data-s="{i}" data-t="{t}" data-f="{ranks}" transform="translate({X(t):.1f},'
            f'{y:.1f})">{ring}{entry_mark(e, agencies[e["agency"]]["colour"], size)}</g>')


def axis_svg(t0: int, t1: int, top: float, plot_h: float) -> str:
    parts = []
    for t, label in axis_ticks(t0, t1):
        x = LABEL_W + (t - t0) / max(t1 - t0, 1) * TIMELINE_W
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#d0d4da"/>'
                     f'<text x="{x:.1f}" y="{top - 6}" font-size="15" text-anchor="middle" fill="#333">'
                     f'{esc(label)}</text>')
    return "".join(parts)


def _timeline_legend(d: dict, width: float, y: float) -> list[str]:
    types = list(dict.fromkeys(e["type"] for e in d["entries"]))
    items = [(f'<g transform="translate(15,8)">{entry_mark({"type": t}, "#c8ccd4")}</g>', t) for t in types]
    items += [
        (f'<line x1="15" y1="0" x2="15" y2="16" stroke="{_style.FLOW}" stroke-width="2"/>',
         "passed to another agency"),
        (f'<line x1="15" y1="0" x2="15" y2="16" stroke="{_style.GAP}" stroke-width="2" stroke-dasharray="4 3"/>',
         "stated as not shared"),
        (f'<circle cx="15" cy="8" r="8" fill="none" stroke="{_style.GAP}" stroke-width="3"/>',
         "where a headline finding happens"),
    ]
    items.append(('<line x1="15" y1="0" x2="15" y2="16" stroke="#000000" stroke-width="2.5"/>', "critical incident"))
    out, y = _swatches(items, 24, y, width)
    for k, ep in enumerate(d["episodes"]):
        y += 26
        out.append(f'<text x="24" y="{y + 14}" font-size="15" fill="{_style.INK}"><tspan font-weight="bold">'
                   f'E{k + 1}</tspan> {esc(ep["label"])} ({esc(ep["from"])} to {esc(ep["to"])})</text>')
    return out


# -- the who-knew-what grid ------------------------------------------------------------

CELL_W, CELL_H, ROW_LABEL_W, HEAD_H = 64, 32, 360, 250
CELL_FILLS = {"recorded": "#1e8449", "learnt": "#a9dfbf", "not_told": "#f5b7b1", "": "#ffffff"}


def grid_rows(d: dict) -> list[int]:
    """The grid's rows: agencies in lane order that have anything in a column."""
    grid = d["grid"]
    filled = {r for r, row in zip(grid["rows"], grid["cells"]) if any(c[0] for c in row)}
    return [a for a in lanes(d) if a in filled]


def cell_words(cell: list, step: int | None = None) -> tuple[str, str]:
    """(state, text) of a grid cell as of ``step``."""
    kind, at, day = cell
    if kind in ("recorded", "learnt") and _visible(at, step):
        return kind, ("rec." if kind == "recorded" else short_date(day))
    if kind == "not_told":
        return "not_told", "✕"
    return "", ""


BLOCK_COLUMNS = 20
"""The static grid (a figure for the report) sets its columns out in blocks of this many,
one under the other, each with the agencies' names, so that it fits a page."""


def grid(d: dict, step: int | None = None, heading: bool = True) -> str:
    """Who knew what: agencies by the family's most serious risk entries; each cell
    recorded it, learnt it (on the day shown) or never knew it (✕ where the agency was
    working with the family at the time). The figure (``heading``) sets the columns out
    in blocks of BLOCK_COLUMNS; the page's grid is one block, which it scrolls."""
    g = d["grid"]
    rows = grid_rows(d)
    columns = [(k, c) for k, c in enumerate(g["columns"]) if _visible(c, step)]
    size = BLOCK_COLUMNS if heading else max(len(columns), 1)
    blocks = [columns[i:i + size] for i in range(0, len(columns), size)] or [[]]
    block_h = HEAD_H + CELL_H * len(rows) + 30
    top = 90 if heading else 10
    width = max(ROW_LABEL_W + CELL_W * max(len(b) for b in blocks) + 200, 1000)
    legend_y = top + block_h * len(blocks) + 10
    height = legend_y + 110
    out = _open(width, height, "grid")
    if heading:
        out += _heading(d, width, "Who knew what: the family's most serious risk entries")
    for n, block in enumerate(blocks):
        out += _grid_block(d, rows, block, top + block_h * n + HEAD_H, step)
    items = [(f'<rect width="30" height="16" fill="{CELL_FILLS["recorded"]}"/>', "rec.: recorded it"),
             (f'<rect width="30" height="16" fill="{CELL_FILLS["learnt"]}"/>', "dd/mm/yy: learnt it that day"),
             (f'<rect width="30" height="16" fill="{CELL_FILLS["not_told"]}"/>',
              "✕ never knew it, while working with the family"),
             ('<rect width="30" height="16" fill="#ffffff" stroke="#d5d8dc"/>', "blank: never knew it, not involved then")]
    legend, _ = _swatches(items, 24, legend_y, width)
    out += legend
    note = (f"Columns: entries with a risk of severity {g['min_severity']} or more (of 3). Agencies that never "
            "knew any of them and were not involved are left out.")
    out.append(f'<text x="24" y="{legend_y + 56}" font-size="15" fill="#555">{esc(note)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _grid_block(d: dict, rows: list[int], columns: list[tuple[int, int]], top: float, step) -> list[str]:
    """One block of the grid: its column headings above ``top``, then a row per agency."""
    g = d["grid"]
    cells_by_agency = dict(zip(g["rows"], g["cells"]))
    entries, agencies, persons = d["entries"], d["agencies"], d["persons"]
    out = []
    for j, (k, c) in enumerate(columns):
        e = entries[c]
        x = ROW_LABEL_W + CELL_W * j + CELL_W / 2
        who = ", ".join(persons[p]["label"] for p, role in e["persons"] if role in ("subject", "victim"))
        words = wrap(f'{short_date(e["day"])} {who}: {", ".join(r.replace("_", " ") for r in e["risks"])}', 30, 1)[0]
        out.append(f'<g class="sg-col" data-s="{c}" data-k="{k}">'
                   f'<text transform="translate({x + 6:.1f},{top - 8}) rotate(-65)" font-size="16" fill="{_style.INK}">'
                   f'{esc(words)}</text></g>')
    for r, a in enumerate(rows):
        y = top + CELL_H * r
        row = cells_by_agency[a]
        for j, (k, c) in enumerate(columns):
            cell = row[k]
            state, text = cell_words(cell, step)
            x = ROW_LABEL_W + CELL_W * j
            ink = "#ffffff" if state == "recorded" else ("#922b21" if state == "not_told" else _style.INK)
            at = "" if cell[1] is None else cell[1]
            out.append(f'<g class="sg-cell" data-s="{c}" data-k="{cell[0]}" data-at="{at}" data-day="{esc(cell[2])}" '
                       f'data-a="{a}" data-c="{k}"><rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" '
                       f'height="{CELL_H - 2}" fill="{CELL_FILLS[state]}" stroke="#d5d8dc"/>'
                       f'<text x="{x + CELL_W / 2:.1f}" y="{y + 21}" font-size="13" text-anchor="middle" '
                       f'fill="{ink}">{esc(text)}</text></g>')
    out.append(f'<g class="sg-labels"><rect x="0" y="{top - 2}" width="{ROW_LABEL_W - 4}" '
               f'height="{CELL_H * len(rows) + 4}" fill="#ffffff"/>')
    for r, a in enumerate(rows):
        y = top + CELL_H * r
        ag = agencies[a]
        out.append(f'<g class="sg-row" data-a="{a}"><rect x="8" y="{y + 7}" width="14" height="16" fill="{ag["colour"]}" '
                   f'stroke="#2e3440"/><text x="28" y="{y + 21}" font-size="17" fill="{_style.INK}">'
                   f'{esc(wrap(ag["label"], 33, 1)[0])}</text></g>')
    out.append("</g>")
    return out
