"""The one date grammar of the chronology format.

An optional leading ``?`` (the source is unsure), then ``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``, ``D/M/YYYY`` (UK day first) or ``M/YYYY`` (a month, format v2). Partial dates order as their first day;
what is shown to people keeps the text as written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from pydantic import BaseModel, ConfigDict

# ASCII digits only: "\d" would also accept other scripts' digits.
_ISO = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
_UK = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]+)$")
_UK_MONTH = re.compile(r"^([0-9]{1,2})/([0-9]{4})$")
_TWO_DIGIT_YEAR = re.compile(r"^(?:[0-9]{1,2}[/.-]){0,2}[0-9]{2}$")


class BadDate(ValueError):
    """A date that does not follow the format's grammar."""


class PartialDate(BaseModel):
    """A date as written in a chronology, with the day it counts as for ordering."""

    model_config = ConfigDict(frozen=True)

    text: str
    """The date as written (trimmed), including any leading ``?``."""
    day: dt.date
    """The first day the date can mean: the day used for ordering and day counts."""
    precision: str
    """``day``, ``month`` or ``year``."""
    uncertain: bool = False
    """True where the source is unsure (the text starts with ``?``)."""

    def __str__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=1 << 16)
def parse_date(text: str) -> PartialDate:
    """Parse one date cell, raising BadDate with a plain-English reason.

    >>> parse_date("3/5/2000").day
    datetime.date(2000, 5, 3)
    >>> parse_date("?1999-08").precision
    'month'
    """
    written = text.strip()
    body = written
    uncertain = body.startswith("?")
    if uncertain:
        body = body[1:].strip()
    if not body:
        raise BadDate(f"{written!r} is not a date")
    match = _ISO.match(body)
    if match:
        year, month, day = match.groups()
        precision = "day" if day else "month" if month else "year"
        parts = (int(year), int(month or 1), int(day or 1))
    elif _UK_MONTH.match(body):
        month, year = _UK_MONTH.match(body).groups()
        precision = "month"
        parts = (int(year), int(month), 1)
    else:
        match = _UK.match(body)
        if not match:
            if _TWO_DIGIT_YEAR.match(body):
                raise BadDate(f"{written!r} has a two-digit year; write the year in full")
            raise BadDate(
                f"{written!r} is not a date (use YYYY-MM-DD, D/M/YYYY, YYYY-MM, M/YYYY or YYYY)"
            )
        day, month, year = match.groups()
        if len(year) != 4:
            if len(year) == 2:
                raise BadDate(f"{written!r} has a two-digit year; write the year in full")
            raise BadDate(f"{written!r} does not have a four-digit year")
        precision = "day"
        parts = (int(year), int(month), int(day))
    year, month, day = parts
    if not 1 <= month <= 12:
        raise BadDate(f"{written!r} has no month {month}")
    try:
        first_day = dt.date(year, month, day)
    except ValueError:
        raise BadDate(f"{written!r} is not a day in the calendar") from None
    return PartialDate(text=written, day=first_day, precision=precision, uncertain=uncertain)


def add_years(day: dt.date, years: int) -> dt.date:
    """Return ``day`` plus whole years, 29 February becoming 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
