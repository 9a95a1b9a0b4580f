"""The one rule of the commands that publish or count: never leave out a written entry silently.

``render``, ``list`` and ``stats`` refuse (exit 1, each problem with its file:line) when an
entry of the statement failed to load, belongs to no group, or a file of the statement does not
parse; ``--allow-invalid`` prints anyway, with a warning naming each entry left out.

``render``, ``list`` and ``site`` publish: they go through ``publishable_or_refuse``, which also
refuses while ``endorse check`` reports an error for the statement (a duplicate signatory,
E301, included), naming each (code, file:line); ``--allow-invalid`` prints anyway, warning about
each. The check and the render sit side by side in the layers, so this CLI module is where
they meet.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from endorse.format.problems import Problem
    from endorse.project.model import LoadedStatement, Project
    from endorse.project.order import LeftOut

AllowInvalidOption = Annotated[
    bool,
    typer.Option(
        "--allow-invalid",
        help="Print even though some entries have errors: they are left out, each named in a "
        "warning.",
    ),
]


def complete_or_refuse(
    loaded: LoadedStatement, *, allow_invalid: bool, reads_invalid_entries: bool = False
) -> LoadedStatement:
    """The statement to print: all of it, or (when allowed) what is valid, after saying so.

    `reads_invalid_entries`: the command still reads an entry with errors as written (`changes`
    compares names), so the warning says so instead of "left out"; the statement is returned
    whole."""
    from endorse.errors import EndorseError
    from endorse.project.order import left_out, printable

    missing = left_out(loaded)
    if not missing:
        return loaded
    if allow_invalid:
        for item in missing:
            if reads_invalid_entries and item.kind == "entry":
                _say("warning", item, f"read as written, with errors: {item.what}: {item.why}")
            else:
                _say("warning", item, f"left out {item.what}: {item.why}")
        return loaded if reads_invalid_entries else printable(loaded)
    for item in missing:
        _say("error", item, f"{item.what}: {item.why}")
    raise EndorseError(
        f"'{loaded.slug}' not printed, so that nothing written is left out: {_count(missing)}",
        path=loaded.path,
        hint="fix them (endorse check lists every problem), or add --allow-invalid to print "
        "without them",
    )


def publishable_or_refuse(project: Project, slug: str, *, allow_invalid: bool) -> LoadedStatement:
    """The statement ``render``, ``list`` and ``site`` print: complete (`complete_or_refuse`),
    and refused while ``endorse check`` reports an error for it, unless ``allow_invalid``.

    ``project`` is loaded with at least ``slug``; the check runs over what it holds."""
    from endorse.check.run import check_project
    from endorse.errors import EndorseError
    from endorse.project.order import left_out

    loaded = project.get(slug)
    missing = {problem for item in left_out(loaded) for problem in item.problems}
    printable = complete_or_refuse(loaded, allow_invalid=allow_invalid)
    # Those already named as left out are not named twice.
    errors = [p for p in check_project(project).errors if p not in missing]
    if not errors:
        return printable
    for problem in errors:
        _say_problem("warning" if allow_invalid else "error", problem)
    if allow_invalid:
        return printable
    count = len(errors)
    raise EndorseError(
        f"'{slug}' not printed while 'endorse check' reports "
        f"{count} error{'' if count == 1 else 's'}",
        path=loaded.path,
        hint="fix them (a repeated signatory: endorse dupes, then endorse merge or distinct), "
        "or add --allow-invalid to print anyway",
    )


def _say_problem(level: str, problem: Problem) -> None:
    from endorse.errors import printable as inert

    where = f"{problem.location()}: " if problem.path else ""
    sys.stderr.write(f"endorse: {level}: {inert(f'{where}{problem.code} {problem.message}')}\n")


def _say(level: str, item: LeftOut, text: str) -> None:
    from endorse.errors import printable as inert  # names from a broken file: no escapes

    where = f"{item.location}: " if item.location else ""
    sys.stderr.write(f"endorse: {level}: {inert(where + text)}\n")


def _count(missing: list[LeftOut]) -> str:
    files = sum(item.kind == "file" for item in missing)
    entries = sum(item.kind == "entry" for item in missing)
    parts = []
    if entries:
        parts.append(f"{entries} entr{'y' if entries == 1 else 'ies'} with errors")
    if files:
        parts.append(f"{files} file{'' if files == 1 else 's'} that could not be read")
    others = len(missing) - entries - files
    if others:
        parts.append(f"{others} other error{'' if others == 1 else 's'} in its files")
    return ", ".join(parts)
