"""The dates forms write in their timestamp column, read as the day the row was sent."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from endorse.edit.import_columns import DateOrder
from endorse.edit.signers import Invalid

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ ,T].*)?$")


def date_order_of(values: Iterable[str]) -> DateOrder | None:
    """The order a column of day/month dates uses, from any date whose day is above 12."""
    for value in values:
        match = _SLASHED.match(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                return "DMY"
            if second > 12 >= first:
                return "MDY"
    return None


def parse_date(value: str, order: DateOrder | None) -> dt.date:
    """The day of a timestamp as the form wrote it (its own time zone, never converted)."""
    text = value.strip()
    match = _ISO.match(text)
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _SLASHED.match(text)
        if match:
            first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            if year < 100:
                year += 2000
            if order is None and first <= 12 and second <= 12 and first != second:
                raise Invalid(
                    f"added: '{value}' could be day/month or month/day",
                    hint="say which with --date-order DMY or --date-order MDY",
                )
            day, month = (second, first) if order == "MDY" else (first, second)
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise Invalid(
        f"added: '{value}' is not a date (like 2025-03-01 or 01/03/2025 10:31:07)",
        hint="map another column with --map added=COLUMN, or none with --map added=",
    )
