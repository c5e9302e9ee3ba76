"""The ecomap's nodes and edges for vis-network, built with pyvis.

A thin wrapper: pyvis builds the node and edge records and ships the vis-network build
the page inlines; its HTML template is not used (it links a stylesheet from a CDN even
with ``cdn_resources="in_line"``, and turns a title containing "href" into HTML). Nodes
carry no ``title``, so vis-network never builds a tooltip from data; the page shows
details through text nodes of its own. Replacing pyvis means replacing this module only.
"""

from __future__ import annotations

import math
from importlib import resources

from . import _layout, _style
from ._svg import wrap

VIS_VERSION = "vis-9.1.2"


def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet that pyvis ships, as text."""
    lib = resources.files("pyvis") / "lib" / VIS_VERSION
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def network(d: dict) -> dict:
    """Nodes, edges and options for the ecomap of map data ``d`` (``_model.picture``).

    Node ids are ``p<i>`` (persons) and ``a<i>`` (agencies); edge ids are ``r<i>``
    (family), ``i<i>`` (involvement), ``f<i>`` (knowledge passing) and ``g<kind>-<a>-<b>``
    (gaps), the indexes those of the lists in ``d``, which the page reads for times.
    """
    from pyvis.network import Network

    net = Network(directed=True)
    for i, p in enumerate(d["persons"]):
        shape = {"m": "square", "f": "dot"}.get(p["sex"], "diamond")
        net.add_node(f"p{i}", label="\n".join(wrap(p["label"], 12, 2)), shape=shape, size=26 if p["subject"] else 22,
                     x=p["x"], y=p["y"], physics=False, borderWidth=4 if p["subject"] else 2,
                     color={"background": _style.PERSON, "border": "#7b241c" if p["subject"] else _style.PERSON_BORDER},
                     font={"size": 30, "face": "DejaVu Sans, Arial, sans-serif", "strokeWidth": 6,
                           "strokeColor": "#ffffff"})
    for i, a in enumerate(d["agencies"]):
        net.add_node(f"a{i}", label="\n".join(wrap(a["label"], 17, 2)), shape="box", x=a["x"], y=a["y"],
                     physics=False, widthConstraint={"minimum": _layout.BOX_W - 10, "maximum": _layout.BOX_W + 20},
                     heightConstraint={"minimum": _layout.BOX_H - 10}, margin=8,
                     color={"background": a["colour"], "border": "#2e3440",
                            "highlight": {"background": a["colour"], "border": "#000000"}},
                     font={"size": 24, "color": _style.ink_on(a["colour"]), "face": "DejaVu Sans, Arial, sans-serif"})
    for i, r in enumerate(d["relations"]):
        stroke, width, dash = _style.RELATION_STYLES[r["kind"]]
        net.add_edge(f"p{r['a']}", f"p{r['b']}", id=f"r{i}", color={"color": stroke, "highlight": stroke},
                     width=width, dashes=[int(x) for x in dash.split()] if dash else False, arrows="",
                     smooth=False)
    for i, link in enumerate(d["involvement"]):
        net.add_edge(f"a{link['agency']}", f"p{link['person']}", id=f"i{i}", arrows="", smooth=False,
                     color={"color": _style.INVOLVED, "opacity": 0.45, "highlight": "#34495e"},
                     width=1 + 1.6 * math.log2(len(link["steps"])))
    for i, flow in enumerate(d["flows"]):
        net.add_edge(f"a{flow['from']}", f"a{flow['to']}", id=f"f{i}", arrows="to",
                     color={"color": _style.FLOW, "opacity": 0.9, "highlight": "#1e5631"},
                     width=1 + 1.2 * math.log2(len(flow["steps"])), smooth={"type": "curvedCW", "roundness": 0.15})
    pairs: dict[tuple, None] = {}
    for f in d["findings"]:
        for kind, a, b in f["lines"]:
            pairs.setdefault((kind, a, b))
    for kind, a, b in pairs:
        to = f"a{b}" if kind == "agency" else f"p{b}"
        net.add_edge(f"a{a}", to, id=f"g{kind[0]}-{a}-{b}", arrows="to" if kind == "agency" else "",
                     color={"color": _style.GAP, "highlight": "#922b21"}, width=2.5, dashes=[9, 6],
                     smooth={"type": "curvedCCW", "roundness": 0.12})
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 3600000, "multiselect": False, "navigationButtons": False,
                        "keyboard": False, "zoomView": True, "dragView": True, "selectConnectedEdges": False},
        "edges": {"selectionWidth": 2, "hoverWidth": 0.5},
        "nodes": {"chosen": True},
    }
    return {"nodes": net.nodes, "edges": net.edges, "options": options}
