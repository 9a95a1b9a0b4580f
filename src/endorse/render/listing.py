"""Rows for ``endorse list``: every signatory in print order, public fields only."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from endorse import JSON_SCHEMA
from endorse.format.choices import SIGNATORY_STATUSES
from endorse.format.jsontext import indented
from endorse.format.models import PRIVATE_FIELDS
from endorse.project.model import Entry, LoadedStatement
from endorse.project.order import by_group


@dataclass(frozen=True)
class Row:
    group: str
    number: int | None  # the printed number; None for pending or withdrawn entries
    display_name: str
    country: str | None
    status: str
    contact: str | None = None  # private: filled only when asked for


def numbered(loaded: LoadedStatement) -> Iterator[tuple[str, int | None, Entry]]:
    """Each entry in print order with its group and printed number (None if not printed)."""
    statement = loaded.require()
    for group_id, entries in by_group(loaded.entries, statement).items():
        number = 0
        for entry in entries:
            printed = entry.signatory.is_printed
            number += printed
            yield group_id, number if printed else None, entry


# ``endorse list -o FILE``: the formats a name picks when --format is absent.
FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".txt": "table"}
BOM = "\ufeff"  # lets spreadsheet programs (Excel) read a CSV file as UTF-8
STATUSES = SIGNATORY_STATUSES


def with_status(
    found: Iterator[tuple[str, int | None, Entry]], statuses: frozenset[str] | None
) -> Iterator[tuple[str, int | None, Entry]]:
    """Only the entries of these statuses (all when None); numbers stay the printed ones."""
    return (item for item in found if statuses is None or item[2].signatory.status in statuses)


def rows(
    loaded: LoadedStatement,
    *,
    include_private: bool = False,
    statuses: frozenset[str] | None = None,
) -> list[Row]:
    return [
        Row(
            group=group_id,
            number=number,
            display_name=entry.signatory.display_name,
            country=entry.signatory.country,
            status=entry.signatory.status,
            contact=entry.shown_contact if include_private else None,
        )
        for group_id, number, entry in with_status(numbered(loaded), statuses)
    ]


# Columns of ``endorse list --format csv|json``, in order; name_<lang> columns follow.
COLUMNS = (
    "group",
    "number",
    "name",
    "acronym",
    "note",
    "kind",
    "country",
    "status",
    "added",
    "withdrawn",
    "withdrawn_reason",
    "aliases",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def records(
    loaded: LoadedStatement,
    *,
    include_private: bool = False,
    statuses: frozenset[str] | None = None,
) -> list[dict[str, Any]]:
    """Every signatory in print order with every field it may show; private ones on request."""
    found: list[dict[str, Any]] = []
    for group_id, number, entry in with_status(numbered(loaded), statuses):
        data = entry.signatory.public_dict(include_private=include_private)
        if include_private and entry.contacts:
            data["contact"] = entry.shown_contact
        data["group"] = group_id
        data["number"] = number
        data.setdefault("aliases", [])
        found.append(data)
    translated = sorted({key for data in found for key in data if key.startswith("name_")})
    private = sorted(PRIVATE_FIELDS) if include_private else []
    columns = [*COLUMNS, *translated, *private]
    return [{column: data.get(column) for column in columns} for data in found]


def neutralise(cell: str) -> str:
    """A leading apostrophe, so that a spreadsheet shows the cell instead of running it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    return neutralise(str(value))


def to_csv(found: list[dict[str, Any]], *, bom: bool = False) -> str:
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    columns = list(found[0]) if found else list(COLUMNS)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for data in found:
        writer.writerow([_cell(data.get(column)) for column in columns])
    return buffer.getvalue()


def to_json(found: list[dict[str, Any]]) -> str:
    # A list stays a list (tools read it as one); each record says its schema instead.
    versioned = [{"schema": JSON_SCHEMA, **record} for record in found]
    return indented(versioned) + "\n"
