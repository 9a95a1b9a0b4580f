"""Print order of signatories: locale-independent, case- and accent-insensitive, stable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from endorse.format.models import Group, Statement
from endorse.project.model import Entry
from endorse.project.names import name_sort_key


def ordered(entries: Iterable[Entry], group: Group) -> list[Entry]:
    if group.order == "added":
        return sorted(entries, key=lambda e: (e.signatory.added or dt.date.max, e.position))
    return sorted(
        entries,
        key=lambda e: (
            name_sort_key(e.signatory.display_name),
            e.signatory.display_name,
            e.position,
        ),
    )


def by_group(
    entries: Iterable[Entry], statement: Statement, *, printed_only: bool = False
) -> dict[str, list[Entry]]:
    """Entries of each group in print order; with ``printed_only``, the confirmed ones."""
    buckets: dict[str, list[Entry]] = {group.id: [] for group in statement.groups}
    for entry in entries:
        if printed_only and not entry.signatory.is_printed:
            continue
        group_id = statement.group_of(entry.signatory)
        if group_id in buckets:
            buckets[group_id].append(entry)
    return {group.id: ordered(buckets[group.id], group) for group in statement.groups}
