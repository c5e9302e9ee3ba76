"""Colours, shapes and line styles shared by the page and the static figures.

Persons, knowledge passing and gaps take the colours of the project's Neo4j Browser style
(``cypher/safegraph.grass``: Person yellow, SHARED_WITH green, NOT_SHARED_WITH red); the
Browser colours every agency alike, so the kinds of agency get a palette of their own here,
in families a room can tell apart on a projector: blues for police, oranges for social care
and the front door, greens for health, purple for education, magentas for domestic abuse
services, greys for the rest. Red is kept for gaps.
"""

from __future__ import annotations

PERSON = "#f2c14e"
PERSON_BORDER = "#b8860b"
FLOW = "#66a182"
GAP = "#d1495b"
INVOLVED = "#8c96a8"
INK = "#1d2330"

TYPE_COLOURS = {
    "police": "#1f4e79", "marac": "#4a235a",
    "mash": "#a04000", "childrens_social_care": "#d35400", "adult_social_care": "#b9770e", "early_help": "#f0b27a",
    "gp": "#1e8449", "hospital": "#239b56", "emergency_department": "#145a32", "ambulance": "#0e6655",
    "mental_health": "#117a65", "camhs": "#45b39d", "school_nursing": "#58d68d", "health_visiting": "#82e0aa",
    "midwifery": "#a9dfbf",
    "school": "#7d3c98",
    "idva": "#a93273", "domestic_abuse_service": "#c71585", "victim_support": "#d98cb3",
    "housing": "#707b7c", "probation": "#4d5656", "voluntary": "#95a5a6", "faith": "#a1887f", "other": "#bfc9ca",
}
OTHER = "#bfc9ca"

# Entry types as timeline marks: a shape a legend can name.
ENTRY_SHAPES = {"incident": "triangle", "contact": "circle", "referral": "arrow", "assessment": "diamond",
                "meeting": "square", "decision": "bar", "disclosure": "star", "share": "ring", "death": "cross",
                "other": "dot"}

# Relationships on the genogram: (colour, width, dashes); dashes as an SVG dash array.
RELATION_STYLES = {
    "parent": ("#5d6d7e", 2.5, ""), "carer": ("#5d6d7e", 2.5, "8 4"),
    "partner": ("#7b241c", 4, ""), "ex-partner": ("#7b241c", 2.5, "10 6"),
    "sibling": ("#5d6d7e", 2, "2 5"), "household": ("#aab7b8", 2, "6 6"), "relative": ("#aab7b8", 1.5, "2 4"),
}


def colour(kind: str) -> str:
    return TYPE_COLOURS.get(kind, OTHER)


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (a ``#rrggbb`` colour)."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"

_TYPE_LABELS = {"childrens_social_care": "Children's social care", "gp": "GP", "mash": "MASH", "marac": "MARAC",
                "idva": "IDVA", "camhs": "CAMHS", "emergency_department": "Emergency department (A&E)"}


def type_label(kind: str) -> str:
    """A kind of agency as a legend names it: ``childrens_social_care`` -> ``Children's social care``."""
    return _TYPE_LABELS.get(kind) or kind.replace("_", " ").capitalize()
