"""Checks across files: what a single file's schema cannot see."""

from __future__ import annotations

import re
import unicodedata

from endorse.ordering import group_id_of
from endorse.problems import Problem, Report
from endorse.project import Entry, LoadedStatement, Project

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case, accents, punctuation and white space removed: what an exact repeat shares."""
    if text.isascii():  # nothing to decompose: skip the per-character pass
        return _NOT_WORD.sub("", text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub("", stripped.casefold())


def check_project(project: Project) -> Report:
    report = Report()
    report.extend(project.problems)
    for loaded in project.statements.values():
        report.extend(check_groups(loaded))
        report.extend(check_exact_duplicates(loaded))
    return report


def check_groups(loaded: LoadedStatement) -> list[Problem]:
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


def check_exact_duplicates(loaded: LoadedStatement) -> list[Problem]:
    first: dict[str, Entry] = {}
    problems = []
    for entry in loaded.entries:
        if entry.signatory.status == "withdrawn":
            continue
        key = fold(entry.signatory.name)
        earlier = first.setdefault(key, entry)
        if earlier is not entry:
            problems.append(
                Problem(
                    "E301",
                    f"'{entry.signatory.name}' repeats '{earlier.signatory.name}' "
                    f"({earlier.location})",
                    path=entry.path,
                    line=entry.line,
                    hint="remove one of them, or record them under [[distinct]] if they differ",
                )
            )
    return problems
