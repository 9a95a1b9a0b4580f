"""Print order of signatories (Unicode collation, the same on every machine), and placement."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from endorse.format.models import Group, Statement
from endorse.format.problems import Problem
from endorse.project.model import Entry, LoadedStatement
from endorse.project.names import collation_key


def ordered(entries: Iterable[Entry], group: Group) -> list[Entry]:
    if group.order == "added":
        return sorted(entries, key=lambda e: (e.signatory.added or dt.date.max, e.position))
    return sorted(entries, key=_name_order)


def _name_order(entry: Entry) -> tuple[str, str, int]:
    """Unicode collation of ``sort_as`` or the name as printed; then code points, then file order.

    A leading "The" counts like any word (the published example files "The Cambodian NGO
    Committee on CEDAW" under T); ``sort_as`` files an entry elsewhere.
    """
    written = entry.signatory.sort_as or entry.signatory.display_name
    return collation_key(written), written, entry.position


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


def placement_problems(loaded: LoadedStatement) -> list[Problem]:
    """Entries that belong to no group of the statement: no list can print them."""
    return [problem for _, problem in unplaced(loaded)]


def unplaced(loaded: LoadedStatement) -> list[tuple[Entry, Problem]]:
    statement = loaded.statement
    if statement is None:
        return []
    known = [group.id for group in statement.groups]
    problems = []
    for entry in loaded.entries:
        group = statement.group_of(entry.signatory)
        if group is None:
            problems.append(
                (
                    entry,
                    Problem(
                        "E202",
                        f"'{entry.signatory.name}' has no group, and this statement has several",
                        path=entry.path,
                        line=entry.line,
                        hint="add group = one of: " + ", ".join(known),
                    ),
                )
            )
        elif group not in known:
            problems.append(
                (
                    entry,
                    Problem(
                        "E201",
                        f"'{entry.signatory.name}' names group '{group}', which "
                        f"statements/{loaded.slug}.toml does not define",
                        path=entry.path,
                        line=entry.line,
                        hint="use one of: " + ", ".join(known),
                    ),
                )
            )
    return problems


@dataclass(frozen=True)
class LeftOut:
    """Something written that a printed statement, list or count would silently miss."""

    what: str  # "'Save the Children'", "every entry of this file, which could not be read"...
    kind: Literal["entry", "file", "problem"]
    path: Path | None
    line: int | None
    problems: tuple[Problem, ...]
    name: str | None = None  # the entry's name as written, when it has one

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    @property
    def why(self) -> str:
        return "; ".join(problem.message for problem in self.problems)


def left_out(loaded: LoadedStatement) -> list[LeftOut]:
    """Every written entry a printed list would miss, and every error in the statement's files.

    The one rule behind ``render``, ``list`` and ``stats``: they print nothing while this is
    not empty, unless told to leave these out (``--allow-invalid``).
    """
    found: list[LeftOut] = []
    own: set[Problem] = set()
    for entry in loaded.invalid:
        name = entry.signatory.name
        what = f"'{name}'" if name.strip() else "an entry without a name"
        line = next((p.line for p in entry.problems if p.line), entry.line)
        found.append(LeftOut(what, "entry", entry.path, line, entry.problems, name or None))
        own.update(entry.problems)
    unread = set(loaded.unread_files)
    for problem in loaded.load_errors:
        if problem in own:
            continue
        if problem.path in unread:
            what = "every entry of this file, which could not be read"
            names = loaded.unread_names.get(problem.path) or []
            if names:
                shown = ", ".join(f"'{name}'" for name in names[:5])
                more = f" and {len(names) - 5} more" if len(names) > 5 else ""
                what += f" ({len(names)} found by name: {shown}{more})"
            found.append(LeftOut(what, "file", problem.path, problem.line, (problem,)))
        else:
            what = "what this part of the file holds"
            found.append(LeftOut(what, "problem", problem.path, problem.line, (problem,)))
    for entry, problem in unplaced(loaded):
        name = entry.signatory.name
        found.append(LeftOut(f"'{name}'", "entry", entry.path, entry.line, (problem,), name))
    return sorted(found, key=lambda item: (str(item.path or ""), item.line or 0))


def printable(loaded: LoadedStatement) -> LoadedStatement:
    """The statement with only the entries a list can print: those that belong to a group."""
    statement = loaded.require()
    known = {group.id for group in statement.groups}
    placed = [entry for entry in loaded.entries if statement.group_of(entry.signatory) in known]
    if len(placed) == len(loaded.entries):
        return loaded
    return dataclasses.replace(loaded, entries=placed)
