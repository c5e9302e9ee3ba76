"""Small helpers for text shown to people: plain tables that fit a terminal."""

from __future__ import annotations

import shutil
import textwrap


def table(headers: list[str], rows: list[list[str]], wrap: int | None = None) -> str:
    """Render rows as aligned columns; the last column wraps to the terminal width."""
    if not rows:
        return ""
    width = wrap or shutil.get_terminal_size((120, 24)).columns
    cols = len(headers)
    sizes = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(cols - 1)]
    indent = sum(sizes) + 2 * (cols - 1)
    room = max(30, width - indent)
    lines = []
    for row in [headers, *rows]:
        head = "  ".join(str(row[i]).ljust(sizes[i]) for i in range(cols - 1))
        tail = textwrap.wrap(str(row[-1]), room) or [""]
        lines.append(f"{head}  {tail[0]}".rstrip() if cols > 1 else tail[0])
        lines.extend(" " * (indent + 2) + t for t in tail[1:])
    lines.insert(1, "  ".join("-" * s for s in sizes) + ("  " if cols > 1 else "") + "-" * min(room, max(len(str(r[-1])) for r in [headers, *rows])))
    return "\n".join(lines)
