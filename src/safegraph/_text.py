"""Text shown to people: data made safe to print, and plain tables that fit a terminal.

Every piece of data text (a name, a title, a summary, a source, an agency name, an id)
that safegraph prints in a human format goes through one of two functions here:

- ``terminal(text)`` for plain text: control characters (C0, C1, DEL, NUL, and so every
  ESC or OSC sequence), bidi overrides and isolates, and other invisible formatting
  characters are shown as ``\\u001b``-style escapes, so nothing in the data can move the
  cursor, retitle the window, reorder what is on screen or hide text, and a reviewer sees
  that something odd was in the data. Line breaks and tabs become spaces, so data never
  starts a line of its own.
- ``markdown(text)`` for markdown: ``terminal`` first, then every character that could make
  structure (headings, lists, emphasis, links, images, tables, code spans, raw HTML,
  entities, autolinks) is escaped, so data reads as the words it is and nothing else.

Letters, accents, apostrophes, dashes and emoji stay as they are. JSON output does not use
these: it carries the data exactly (JSON escapes what it must itself).
"""

from __future__ import annotations

import html.entities
import contextlib
import os
import re
import shutil
import textwrap
import unicodedata

# Categories never printed as they are: controls, format characters (bidi marks, zero
# widths, soft hyphen, tag characters...), lone surrogates, line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Characters of other categories that show as nothing and can disguise text.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")
# Joiners that scripts (Persian, Indic) and emoji sequences need between two visible,
# non-ASCII characters; anywhere else they only hide things.
_JOINERS = frozenset("\u200c\u200d")
_BREAKS = re.compile(r"\r\n|[\n\t]")


def _visible(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMNS" and not ch.isascii()


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal(value: object) -> str:
    """``value`` as text that is safe to print on a terminal (see the module docstring).

    >>> terminal("Bedfordshire\\x1b]0;pwned\\x07 Police")
    'Bedfordshire\\\\u001b]0;pwned\\\\u0007 Police'
    >>> terminal("Zoë O'Brien — line one\\nline two")
    "Zoë O'Brien — line one line two"
    >>> terminal("abc\\u202edcba")
    'abc\\\\u202edcba'
    """
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if text.isascii() and text.isprintable():
        return text
    text = _BREAKS.sub(" ", text)
    if text.isascii() and text.isprintable():
        return text
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in _JOINERS and 0 < i < last and _visible(text[i - 1]) and _visible(text[i + 1]):
            out.append(ch)
        elif ch in _INVISIBLE or unicodedata.category(ch) in _HIDDEN_CATEGORIES:
            out.append(_escape(ch))
        else:
            out.append(ch)
    return "".join(out)


# Escaped wherever they are: the characters that make inline structure (emphasis, code
# spans, links and images, table cells, strikethrough, math, attribute lists).
_MARKDOWN_SPECIAL = {
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}",
    "|": "\\|", "~": "\\~", "$": "\\$", "#": "\\#",
    # Raw HTML and autolinks: as an entity, which every markdown renderer shows as "<".
    "<": "&lt;",
}
# An ampersand only where it starts an entity markdown would decode ("&lt;", "&#27;");
# "A&E" and "A&E;" stay as they are.
_MARKDOWN_CHARS = re.compile("[" + re.escape("".join(_MARKDOWN_SPECIAL)) + "]|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};"
                             "|[A-Za-z][A-Za-z0-9]{0,31};)")


def _ampersand(match: re.Match) -> str:
    name = match.string[match.end():match.string.index(";", match.end()) + 1]
    return "&amp;" if name.startswith("#") or name in html.entities.html5 else "&"
# Bare URLs and e-mail addresses, which GitHub-flavoured markdown turns into links.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])://|(?<=\bwww)\.|@(?=\w)", re.I)
# What makes a block when it starts a line: a list item, a numbered item, a setext line.
_LINE_START = re.compile(r"^(\s*)(?:([-+](?=\s|$)|>|=(?==*\s*$))|([0-9]{1,9})([.)])(?=\s|$))")


def markdown(value: object) -> str:
    """``value`` as markdown text that renders as exactly these words, never as structure.

    >>> markdown("# Hasan <img src=x onerror=alert(1)> [x](http://e.vil) | `code` *em*")
    '\\\\# Hasan &lt;img src=x onerror=alert(1)> \\\\[x\\\\](http\\\\://e.vil) \\\\| \\\\`code\\\\` \\\\*em\\\\*'
    >>> markdown("Rukhsana's GP — Zoë, A&E; -> ward &amp; &#27;")
    "Rukhsana's GP — Zoë, A&E; -> ward &amp;amp; &amp;\\\\#27;"
    """
    text = terminal(value)
    text = _MARKDOWN_CHARS.sub(lambda m: _MARKDOWN_SPECIAL[m.group()] if m.group() != "&" else _ampersand(m), text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(), text)
    # Newlines are gone, so only the very start could open a block: a list item, a
    # numbered item, a quote or a setext underline.
    return _LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
                           text)


def table(headers: list[str], rows: list[list[str]], wrap: int | None = None) -> str:
    """Render rows as aligned columns; the last column wraps to the terminal width. Every
    cell is shown through ``terminal``."""
    if not rows:
        return ""
    headers = [terminal(h) for h in headers]
    rows = [[terminal(c) for c in r] for r in rows]
    width = wrap or shutil.get_terminal_size((120, 24)).columns
    cols = len(headers)
    sizes = [max(len(r[i]) for r in [headers, *rows]) for i in range(cols - 1)]
    indent = sum(sizes) + 2 * (cols - 1)
    room = max(30, width - indent)
    lines = []
    for row in [headers, *rows]:
        head = "  ".join(row[i].ljust(sizes[i]) for i in range(cols - 1))
        # Most cells fit: wrapping them would only drop trailing spaces.
        cell = row[-1]
        fits = len(cell) <= room and cell.isascii() and cell.strip(" ")
        tail = [cell.rstrip(" ")] if fits else (textwrap.wrap(cell, room) or [""])
        lines.append(f"{head}  {tail[0]}".rstrip() if cols > 1 else tail[0])
        lines.extend(" " * (indent + 2) + t for t in tail[1:])
    rule = "-" * min(room, max(len(r[-1]) for r in [headers, *rows]))
    lines.insert(1, "  ".join("-" * s for s in sizes) + ("  " if cols > 1 else "") + rule)
    return "\n".join(lines)


def markdown_table(headers: list[str], rows: list[list[str]], escaped: bool = False) -> str:
    """A markdown table with every cell shown through ``markdown`` (or, with ``escaped``,
    cells the caller has already built from ``markdown``). The headers are the caller's
    own words, not data, and are written as they are."""
    show = (lambda c: c) if escaped else markdown
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(show(c) or " " for c in r) + " |" for r in rows]
    return "\n".join(lines)


@contextlib.contextmanager
def open_owner_only(path: str | os.PathLike, binary: bool = False):
    """A text file (UTF-8; bytes if ``binary``) at ``path`` to write, readable and
    writable by its owner only (0600), whether the file is new or already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as fh:
            fd = -1
            yield fh
    finally:
        if fd != -1:
            os.close(fd)


def write_owner_only(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` (see ``open_owner_only``)."""
    with open_owner_only(path) as fh:
        fh.write(text)
