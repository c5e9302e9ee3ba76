"""Pictures of a review for learning events and reports: the ecomap, the multi-agency
timeline and the who-knew-what grid, as one self-contained HTML page or as static figures.

>>> from safegraph.testing import make_review
>>> from safegraph.graph import build_graph
>>> review = make_review([{"date": "2020-01-01", "agency": "police", "type": "incident", "subjects": "amy"}],
...     people=[{"id": "amy", "name": "Amy", "role": "subject"}])
>>> G = build_graph(review)
>>> data = picture(G, review.id, [])
>>> render(data, "timeline", "svg").startswith("<svg")
True
"""

from __future__ import annotations

from ._model import picture
from ._page import VIEWS, page
from . import _svg

FORMATS = ("html", "svg", "png")


class MissingRenderer(RuntimeError):
    """A PNG was asked for but no SVG rasteriser is installed."""


def figure(data: dict, view: str) -> str:
    """The static SVG figure of ``view`` (``map``, ``timeline`` or ``grid``)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}")
    return {"map": _svg.ecomap, "timeline": _svg.timeline, "grid": _svg.grid}[view](data)


def render(data: dict, view: str, fmt: str = "html") -> str | bytes:
    """The page (``html``), or the figure of ``view`` as ``svg`` text or ``png`` bytes.

    PNG needs CairoSVG (``pip install cairosvg``; it draws with the system's Cairo library),
    drawn at twice the SVG's size so it stays sharp on a projector and in print.
    """
    if fmt == "html":
        return page(data, view)
    svg = figure(data, view)
    if fmt == "svg":
        return svg
    if fmt != "png":
        raise ValueError(f"unknown format {fmt!r}")
    try:
        import cairosvg
    except (ImportError, OSError) as exc:
        raise MissingRenderer(f"PNG needs CairoSVG and the Cairo library ({exc}); install them with "
                              "'pip install cairosvg', or write --format svg") from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2, unsafe=False)


__all__ = ["FORMATS", "MissingRenderer", "VIEWS", "figure", "page", "picture", "render"]
