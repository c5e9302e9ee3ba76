"""Typed errors and the problems a loader reports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in the input, with its exact place.

    ``row`` is the spreadsheet row (the header row is 1) for CSV and Excel, and the item
    number (from 1) for YAML and JSON lists; ``column`` is the column or key.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    item_of: str | None = None
    """For YAML/JSON: the list the item belongs to (``chronology``)."""
    code: str = "invalid"
    severity: str = "error"

    def where(self) -> str:
        """The place, as a reviewer would look for it: ``chronology.csv row 14, column date``."""
        place = self.file
        if self.sheet is not None:
            place += f", sheet {self.sheet}"
        if self.row is not None:
            if self.item_of is not None:
                place += f", {self.item_of} item {self.row}"
            else:
                place += f"{',' if self.sheet else ''} row {self.row}"
        elif self.item_of is not None:
            place += f", {self.item_of}"
        if self.column is not None:
            word = "key" if self.item_of is not None or self.file.endswith((".yaml", ".yml", ".json")) else "column"
            place += f", {word} {self.column}"
        return place

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{prefix}{self.where()}: {self.message}"


class SafegraphError(Exception):
    """Base class of the errors safegraph raises for its users."""


class LoadError(SafegraphError):
    """A review (or corpus) could not be loaded; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]):
        # In reading order: by file, then sheet, then row; as found within a row.
        ordered = sorted(problems, key=lambda p: (p.file, p.sheet or "", p.item_of or "", p.row or 0))
        self.problems = [p for p in ordered if p.severity == "error"]
        self.warnings = [p for p in ordered if p.severity != "error"]
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")


class UnknownQuery(SafegraphError):
    """A gap query name that is not in the catalogue."""


class UnknownAgency(SafegraphError):
    """An agency id that is not in the review."""
