"""Rows for ``endorse list``: every signatory in print order, public fields only."""

from __future__ import annotations

from dataclasses import dataclass

from endorse.ordering import by_group
from endorse.project import LoadedStatement


@dataclass(frozen=True)
class Row:
    group: str
    number: int | None  # the printed number; None for pending or withdrawn entries
    display_name: str
    country: str | None
    status: str
    contact: str | None = None  # private: filled only when asked for


def rows(loaded: LoadedStatement, *, include_private: bool = False) -> list[Row]:
    statement = loaded.require()
    result = []
    for group_id, entries in by_group(loaded.entries, statement).items():
        number = 0
        for entry in entries:
            signatory = entry.signatory
            printed = signatory.status == "confirmed"
            number += printed
            result.append(
                Row(
                    group=group_id,
                    number=number if printed else None,
                    display_name=signatory.display_name,
                    country=signatory.country,
                    status=signatory.status,
                    contact=signatory.contact if include_private else None,
                )
            )
    return result
