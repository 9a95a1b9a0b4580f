"""Print order of signatories: locale-independent, case- and accent-insensitive, stable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from endorse.format.models import Group, Statement
from endorse.format.problems import Problem
from endorse.project.model import Entry, LoadedStatement
from endorse.project.names import name_sort_key


def group_id_of(entry: Entry, statement: Statement) -> str | None:
    """The group an entry belongs to; a statement with one group needs no ``group`` key."""
    if entry.signatory.group is not None:
        return entry.signatory.group
    if len(statement.groups) == 1:
        return statement.groups[0].id
    return None


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
    entries: Iterable[Entry], statement: Statement, *, statuses: frozenset[str] | None = None
) -> dict[str, list[Entry]]:
    """Entries of each group in print order, keeping only the given statuses."""
    buckets: dict[str, list[Entry]] = {group.id: [] for group in statement.groups}
    for entry in entries:
        if statuses is not None and entry.signatory.status not in statuses:
            continue
        group_id = group_id_of(entry, statement)
        if group_id in buckets:
            buckets[group_id].append(entry)
    return {group.id: ordered(buckets[group.id], group) for group in statement.groups}


def placement_problems(loaded: LoadedStatement) -> list[Problem]:
    """Entries that belong to no group of the statement: no list can print them."""
    statement = loaded.statement
    if statement is None:
        return []
    known = [group.id for group in statement.groups]
    problems = []
    for entry in loaded.entries:
        group = group_id_of(entry, statement)
        if group is None:
            problems.append(
                Problem(
                    "E202",
                    f"'{entry.signatory.name}' has no group, and this statement has several",
                    path=entry.path,
                    line=entry.line,
                    hint="add group = one of: " + ", ".join(known),
                )
            )
        elif group not in known:
            problems.append(
                Problem(
                    "E201",
                    f"'{entry.signatory.name}' names group '{group}', which "
                    f"statements/{loaded.slug}.toml does not define",
                    path=entry.path,
                    line=entry.line,
                    hint="use one of: " + ", ".join(known),
                )
            )
    return problems
