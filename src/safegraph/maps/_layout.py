"""Where things go on the ecomap: the family as a small genogram at the centre, the
agencies on a frame around it, grouped by kind.

The layout is computed here, once, so the interactive page (vis-network with physics off)
and the static figure (SVG) show the same picture, and a facilitator's printed handout
matches the screen.
"""

from __future__ import annotations

# Genogram spacing, in the page's units (pixels at 100%).
DX, DY = 185, 150
# Kinds of agency in the order they go round the ellipse, from the top, clockwise: the
# statutory front door first, then health, education, specialist services, the rest.
TYPE_ORDER = ("mash", "childrens_social_care", "early_help", "adult_social_care", "police", "marac", "idva",
              "domestic_abuse_service", "victim_support", "probation", "housing", "gp", "health_visiting",
              "midwifery", "hospital", "emergency_department", "ambulance", "mental_health", "camhs",
              "school_nursing", "school", "voluntary", "faith", "other")


def generations(people: list[str], parents: list[tuple[str, str]], same: list[tuple[str, str]]) -> dict[str, int]:
    """A generation for each related person: a child one below its parents; partners,
    siblings and other relatives level with each other. Worked outwards from the first
    person listed in each connected group, the first answer winning where the data
    disagrees with itself. People with no relation are left out.

    >>> generations(["kid", "mum", "gran", "friend"], [("mum", "kid"), ("gran", "mum")], [])
    {'kid': 2, 'mum': 1, 'gran': 0}
    """
    steps: dict[str, list[tuple[str, int]]] = {}
    for parent, child in parents:
        steps.setdefault(parent, []).append((child, 1))
        steps.setdefault(child, []).append((parent, -1))
    for a, b in same:
        steps.setdefault(a, []).append((b, 0))
        steps.setdefault(b, []).append((a, 0))
    gen: dict[str, int] = {}
    for seed in people:
        if seed in gen or seed not in steps:
            continue
        group = {seed: 0}
        queue = [seed]
        while queue:
            p = queue.pop(0)
            for q, delta in steps[p]:
                if q not in group:
                    group[q] = group[p] + delta
                    queue.append(q)
        low = min(group.values())
        gen.update({p: g - low for p, g in group.items()})
    return gen


def genogram(people: list[str], parents: list[tuple[str, str]], partners: list[tuple[str, str]],
             same: list[tuple[str, str]], born: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Positions for the family: one row per generation, partners side by side, children in
    birth order under their parents; people related to nobody in a row below.

    >>> pos = genogram(["kid", "mum", "dad"], [("mum", "kid"), ("dad", "kid")], [("mum", "dad")],
    ...                [("mum", "dad")], {})
    >>> pos["mum"][1] < pos["kid"][1], pos["mum"][1] == pos["dad"][1]
    (True, True)
    """
    gen = generations(people, parents, same)
    rows: dict[int, list[str]] = {}
    for p in people:
        rows.setdefault(gen.get(p, -1), []).append(p)
    parents_of: dict[str, list[str]] = {}
    for parent, child in parents:
        parents_of.setdefault(child, []).append(parent)
    level_kin: dict[str, list[str]] = {}
    for a, b in same:
        level_kin.setdefault(a, []).append(b)
        level_kin.setdefault(b, []).append(a)
    siblings_of: dict[str, set[str]] = {}
    for child, ps in parents_of.items():
        for other, qs in parents_of.items():
            if other != child and set(ps) & set(qs):
                siblings_of.setdefault(child, set()).add(other)
    index = {p: i for i, p in enumerate(people)}
    x: dict[str, float] = {}
    levels = sorted(g for g in rows if g >= 0)
    for g in levels:
        members = rows[g]

        def key(p):
            # Under the middle of one's parents, then by birth, then as listed.
            ps = [x[q] for q in parents_of.get(p, []) if q in x]
            return (sum(ps) / len(ps) if ps else 0.0, born.get(p) or "9999", index[p])

        anchored = sorted((p for p in members if any(q in x for q in parents_of.get(p, []))), key=key)
        ordered: list[str] = []

        def place(p):
            # Each person, then the partners and relatives who hang on them (a genogram
            # joins a couple side by side).
            if p in ordered:
                return
            ordered.append(p)
            for q in sorted(level_kin.get(p, []), key=lambda q: (q in siblings_of.get(p, ()), index[q])):
                if q in members and q not in ordered and not any(r in x for r in parents_of.get(q, [])):
                    place(q)

        for p in anchored or sorted(members, key=key)[:1]:
            place(p)
        for p in sorted(members, key=key):
            place(p)
        start = -(len(ordered) - 1) * DX / 2
        for i, p in enumerate(ordered):
            x[p] = start + i * DX
    pos = {p: (x[p], gen[p] * DY) for p in x}
    loose = rows.get(-1, [])
    depth = (max(levels) + 1 if levels else 0) * DY
    start = -(len(loose) - 1) * DX / 2
    for i, p in enumerate(loose):
        pos[p] = (start + i * DX, depth)
    # Centre the family on (0, 0).
    if pos:
        ys = [y for _, y in pos.values()]
        mid = (min(ys) + max(ys)) / 2
        pos = {p: (px, py - mid) for p, (px, py) in pos.items()}
    return pos


# Agency boxes on the frame: width, height and the gap between them.
BOX_W, BOX_H, GAP = 240, 84, 18


def frame(agencies: list[tuple[str, str]], family: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions for ``agencies`` ((id, type) pairs) on a rectangle framing the family:
    along the top from the left, down the right, back along the bottom and up the left,
    grouped by type in TYPE_ORDER. Boxes side by side along the top and bottom and stacked
    at the sides, so no label overlaps another however many agencies there are.

    >>> pos = frame([("a", "police"), ("b", "gp")], {"p": (0.0, 0.0)})
    >>> pos["a"][1] < 0
    True
    """
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    ranked = sorted(range(len(agencies)), key=lambda i: (order.get(agencies[i][1], len(order)), i))
    xs = [x for x, _ in family.values()] or [0.0]
    ys = [y for _, y in family.values()] or [0.0]
    inner_w = max(max(xs) - min(xs) + 420, 900.0)
    # Not much wider than a screen or a slide is, so the figure fills one.
    inner_h = max(max(ys) - min(ys) + 280, 520.0, inner_w * 0.5)
    n = len(agencies)
    while True:
        across = int((inner_w + 2 * (BOX_W + GAP)) // (BOX_W + GAP))
        down = int(inner_h // (BOX_H + GAP))
        if 2 * across + 2 * down >= n:
            break
        inner_w *= 1.1
        inner_h *= 1.1
    left, right = -inner_w / 2 - BOX_W / 2 - GAP, inner_w / 2 + BOX_W / 2 + GAP
    top, bottom = -inner_h / 2 - BOX_H / 2 - GAP, inner_h / 2 + BOX_H / 2 + GAP

    def spread(a, b, count):
        if count == 1:
            return [(a + b) / 2]
        return [a + (b - a) * i / (count - 1) for i in range(count)]

    slots = [(x, top) for x in spread(left, right, across)]
    slots += [(right, y) for y in spread(top, bottom, down + 2)[1:-1]]
    slots += [(x, bottom) for x in spread(right, left, across)]
    slots += [(left, y) for y in spread(bottom, top, down + 2)[1:-1]]
    out = {}
    for k, i in enumerate(ranked):
        x, y = slots[int(k * len(slots) / n)] if n else (0, 0)
        out[agencies[i][0]] = (round(x, 1), round(y, 1))
    return out
