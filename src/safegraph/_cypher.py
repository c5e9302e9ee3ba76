"""Reading the project's Cypher files: statements split, comments and parameters known."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"
"""The project's ``cypher/`` folder (``src/safegraph/cypher`` links to it)."""


def statements(text: str) -> list[str]:
    """Split a Cypher file into statements at ``;`` ending a line, dropping ``//`` lines."""
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return [s.strip() for s in re.split(r";[ \t]*(?:\n|$)", body) if s.strip()]


@cache
def file_text(name: str) -> str:
    """The text of ``cypher/<name>``."""
    return (CYPHER_DIR / name).read_text(encoding="utf-8")


def file_statements(name: str) -> tuple[str, ...]:
    """The statements of ``cypher/<name>``."""
    return tuple(statements(file_text(name)))


def parameters(text: str) -> list[str]:
    """The ``$parameters`` a Cypher text uses, in order of first use."""
    return list(dict.fromkeys(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", text)))
